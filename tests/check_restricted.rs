//! `check` compares only the groups the new articles (and the baseline) touch; it must give
//! exactly the report of the full computation (`check::check_full`: the corpus with the new
//! articles and the corpus alone compared on every group, as `report` would), with and
//! without the claims cache, on the fixture corpora and on a synthetic one.

use std::fs;
use std::path::{Path, PathBuf};

use crosscheck::baseline::{self, Baseline, Include};
use crosscheck::cache::Source;
use crosscheck::check::{self, CheckInputs, Detail};
use crosscheck::model::{Report, Verdict};
use crosscheck::render::{self, Format, RenderOptions};
use crosscheck::rules::Rules;
use crosscheck::{extract_all, synth};

fn root(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn json(r: &Report) -> String {
    let mut out = Vec::new();
    render::emitter(Format::Json)
        .emit(&mut out, r, RenderOptions::default())
        .unwrap();
    String::from_utf8(out).unwrap()
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    v.sort();
    v
}

/// What the cases covered, so that the comparisons are known to mean something.
#[derive(Debug, Default)]
struct Seen {
    runs: usize,
    findings: usize,
    contradictions: usize,
    /// Findings that involve a new article but were left out as the corpus's own.
    inherited: usize,
    accepted: usize,
    stale: usize,
}

/// Run the restricted check (on the extracted articles, then through the cache `cache`) and
/// the full one on the same inputs and baseline; the JSON reports must be identical.
fn same(
    ci: &CheckInputs,
    rules: &Rules,
    baseline: Option<&Baseline>,
    cache: &Path,
    seen: &mut Seen,
) {
    let extracted = extract_all(&ci.inputs.files, rules, &|| {});
    let full = check::check_full(ci, extracted.clone(), rules, baseline);
    let expected = json(&full.report);
    let sources = extracted.iter().cloned().map(Source::from).collect();
    let restricted = check::check_sources(ci, sources, rules, baseline, Detail::ALL);
    assert_eq!(json(&restricted.report), expected);
    assert_eq!(restricted.new_skipped, full.new_skipped);
    assert_eq!(restricted.corpus_skipped, full.corpus_skipped);
    let cached = check::check(ci, rules, baseline, Some(cache), Detail::ALL, &|| {});
    assert_eq!(json(&cached.report), expected, "through the cache");
    // Without some findings' claims: the same report once the full one's are taken out.
    for keep in [|_: Verdict| false, Verdict::is_disagreement] {
        let detail = Detail::only(keep);
        let some = check::check(ci, rules, baseline, Some(cache), detail, &|| {});
        let mut without = full.report.clone();
        for f in &mut without.findings {
            if !keep(f.verdict) {
                f.claims.clear();
            }
        }
        assert_eq!(
            json(&some.report),
            json(&without),
            "claims of some verdicts"
        );
    }
    // How many findings with a new claim the full run has, against those kept.
    let everything = crosscheck::build_report(extracted, Vec::new(), rules);
    let involving = everything
        .findings
        .iter()
        .filter(|f| f.claims.iter().any(|c| ci.new_ids.contains(&*c.article)))
        .count();
    seen.runs += 1;
    seen.findings += full.report.findings.len();
    seen.contradictions += full.report.count(Verdict::Contradiction);
    seen.inherited += involving - full.report.findings.len() - full.report.accepted;
    seen.accepted += full.report.accepted;
    seen.stale += full.report.stale.len();
}

/// Baselines of the corpus alone: every finding; the disagreements only plus an entry that
/// matches nothing any more.
fn baselines(corpus: &[PathBuf], rules: &Rules) -> Vec<Baseline> {
    let inputs = crosscheck::input::collect(corpus, "stdin.txt").unwrap();
    let report = crosscheck::run(&inputs, rules);
    let all = Baseline::from_findings(&report.findings, Include::All);
    let mut some = Baseline::from_findings(&report.findings, Include::Disagreements);
    if let Some(f) = report.findings.first() {
        let mut e = baseline::entry(f);
        e.values.push("a value nobody gives".into());
        e.fingerprint = baseline::entry_fingerprint(&e);
        some.entries.push(e);
    }
    vec![all, some]
}

/// Each of `new` as the new article against `corpus` (with and without baselines), then all of
/// them at once.
/// The cache starts cold and is shared by the runs of one test, so it also serves entries
/// written by other runs.
fn each_file_as_new(corpus: &[PathBuf], new: &[PathBuf], rules: &Rules, seen: &mut Seen) {
    let cache = tempfile::tempdir().unwrap();
    let bases = baselines(corpus, rules);
    for n in new {
        let ci = check::collect(std::slice::from_ref(n), corpus, "stdin.txt").unwrap();
        same(&ci, rules, None, cache.path(), seen);
        for b in &bases {
            same(&ci, rules, Some(b), cache.path(), seen);
        }
    }
    let ci = check::collect(new, corpus, "stdin.txt").unwrap();
    same(&ci, rules, None, cache.path(), seen);
}

#[test]
fn the_fixture_corpora_give_the_full_report() {
    let rules = Rules::defaults().unwrap();
    let mut seen = Seen::default();
    let articles = root("fixtures/articles");
    let storm = root("fixtures/storm");
    let mut new = files(&root("fixtures/check"));
    new.extend(files(&articles));
    each_file_as_new(std::slice::from_ref(&articles), &new, &rules, &mut seen);
    each_file_as_new(
        std::slice::from_ref(&storm),
        &files(&storm),
        &rules,
        &mut seen,
    );
    // All fixtures as one corpus.
    let everything = [articles.clone(), storm.clone(), root("fixtures/check")];
    let mut new = files(&storm);
    new.push(root("fixtures/check/contradicts.txt"));
    each_file_as_new(&everything, &new, &rules, &mut seen);
    assert!(seen.runs > 30, "{seen:?}");
    assert!(seen.contradictions > 0, "{seen:?}");
    assert!(seen.inherited > 0, "{seen:?}");
    assert!(seen.accepted > 0, "{seen:?}");
    assert!(seen.stale > 0, "{seen:?}");
}

#[test]
fn a_synthetic_corpus_gives_the_full_report() {
    let rules = Rules::defaults().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    synth::write_corpus(&corpus, 80, 11).unwrap();
    let fresh = tmp.path().join("fresh");
    fs::create_dir(&fresh).unwrap();
    let mut new = Vec::new();
    // Articles the corpus does not have, and one that contradicts it.
    new.push(root("fixtures/check/contradicts.txt"));
    for i in [80, 500, 7777] {
        let p = fresh.join(format!("new{i}.txt"));
        fs::write(&p, synth::article(i, 11)).unwrap();
        new.push(p);
    }
    // Articles of the corpus itself, read as new.
    let inside = files(&corpus);
    new.extend([inside[0].clone(), inside[57].clone(), inside[79].clone()]);
    let mut seen = Seen::default();
    each_file_as_new(std::slice::from_ref(&corpus), &new, &rules, &mut seen);
    assert!(seen.findings > 0, "{seen:?}");
    assert!(seen.contradictions > 0, "{seen:?}");
    assert!(seen.accepted > 0, "{seen:?}");
}

#[test]
fn new_spellings_and_round_dates_resolve_as_in_the_full_run() {
    // A new article that, repeated, makes its spelling of a name the most frequent one and
    // dates a round: the corpus alone resolves names and rounds differently from the corpus
    // with it.
    let rules = Rules::defaults().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let text = "+++\noutlet = \"Variant Wire\"\npublished = 2025-05-21\n+++\n\
        Talks resume\n\n\
        The first round, held on May 2, ended without a deal, Ukrainian President Volodymyr Zelenskyy said.\n\n\
        Ukrainian President Volodymyr Zelenskyy met Kremlin aide Vladimir Medinskiy on Friday.\n\n\
        Former defense minister Volodymyr Zelenskyy spoke to reporters.\n\n\
        Ukraine's delegation is led by Defense Minister Rustem Umerov, Volodymyr Zelenskyy said.\n";
    let mut new = Vec::new();
    for i in 0..3 {
        let p = tmp.path().join(format!("variant{i}.txt"));
        fs::write(&p, text).unwrap();
        new.push(p);
    }
    let corpus = [root("fixtures/articles"), root("fixtures/storm")];
    let mut seen = Seen::default();
    each_file_as_new(&corpus, &new, &rules, &mut seen);
    assert!(seen.findings > 0, "{seen:?}");

    // A name outside the vocabulary: the corpus alone calls the person Hrytsenkiy and already
    // disagrees on their post; the new article's spelling is the more frequent one with it, so
    // the run with it groups the claims under Hrytsenkyy, and the disagreement is new there.
    let corpus = tmp.path().join("names");
    fs::create_dir(&corpus).unwrap();
    for (name, post) in [
        ("c1", "Deputy Foreign Minister"),
        ("c2", "Defense Minister"),
    ] {
        let text = format!("Talks\n\n{post} Taras Hrytsenkiy said the talks would resume.\n");
        fs::write(corpus.join(format!("{name}.txt")), text).unwrap();
    }
    let new = tmp.path().join("n1.txt");
    fs::write(
        &new,
        "Talks\n\nDeputy Foreign Minister Taras Hrytsenkyy said the talks would resume.\n\n\
         Deputy Foreign Minister Taras Hrytsenkyy arrived on Monday.\n\n\
         Deputy Foreign Minister Taras Hrytsenkyy left on Tuesday.\n",
    )
    .unwrap();
    let mut seen = Seen::default();
    each_file_as_new(std::slice::from_ref(&corpus), &[new], &rules, &mut seen);
    assert!(seen.contradictions > 0, "{seen:?}");
}
