//! The claims cache: hits when nothing changed, re-extracts a changed article or a changed
//! rule set, survives corrupt files, and gives exactly the results of an uncached run.

use std::fs;
use std::path::{Path, PathBuf};

use crosscheck::cache::{self, CacheStats};
use crosscheck::render::{self, Format, RenderOptions};
use crosscheck::rules::{DEFAULT_RULES, RuleSource, Rules};
use crosscheck::{build_report, extract_all, input, synth};

fn corpus(dir: &Path, n: usize) -> Vec<PathBuf> {
    synth::write_corpus(dir, n, 7).unwrap();
    vec![dir.to_path_buf()]
}

fn json(extracted: Vec<crosscheck::Extracted>, rules: &Rules) -> String {
    let report = build_report(extracted, Vec::new(), rules);
    let mut out = Vec::new();
    render::emitter(Format::Json)
        .emit(&mut out, &report, RenderOptions::default())
        .unwrap();
    String::from_utf8(out).unwrap()
}

fn cached(paths: &[PathBuf], rules: &Rules, cache_dir: &Path) -> (String, CacheStats) {
    let inputs = input::collect(paths, "stdin").unwrap();
    let (extracted, stats) = cache::extract_all_cached(&inputs.files, rules, cache_dir, &|| {});
    (json(extracted, rules), stats)
}

fn uncached(paths: &[PathBuf], rules: &Rules) -> String {
    let inputs = input::collect(paths, "stdin").unwrap();
    json(extract_all(&inputs.files, rules, &|| {}), rules)
}

fn stats(hits: usize, misses: usize, invalid: usize) -> CacheStats {
    CacheStats {
        hits,
        misses,
        invalid,
        write_errors: 0,
    }
}

#[test]
fn unchanged_articles_hit_and_results_are_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = corpus(&tmp.path().join("corpus"), 12);
    let cache_dir = tmp.path().join("cache");
    let rules = Rules::defaults().unwrap();
    let plain = uncached(&paths, &rules);

    let (cold, s) = cached(&paths, &rules, &cache_dir);
    assert_eq!(s, stats(0, 12, 0));
    assert_eq!(cold, plain);

    let (warm, s) = cached(&paths, &rules, &cache_dir);
    assert_eq!(s, stats(12, 0, 0));
    assert_eq!(
        warm, plain,
        "cached claims must be exactly the extracted ones"
    );
}

#[test]
fn a_changed_article_is_extracted_again() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    let paths = corpus(&dir, 6);
    let cache_dir = tmp.path().join("cache");
    let rules = Rules::defaults().unwrap();
    cached(&paths, &rules, &cache_dir);

    let first = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    let mut text = fs::read_to_string(&first).unwrap();
    text.push_str("\n\nRussia launched 999 drones overnight, officials said.\n");
    fs::write(&first, text).unwrap();

    let (warm, s) = cached(&paths, &rules, &cache_dir);
    assert_eq!(s, stats(5, 1, 0));
    assert_eq!(warm, uncached(&paths, &rules));
    assert!(warm.contains("999"));
}

#[test]
fn a_changed_rule_set_extracts_everything_again() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = corpus(&tmp.path().join("corpus"), 5);
    let cache_dir = tmp.path().join("cache");
    let rules = Rules::defaults().unwrap();
    cached(&paths, &rules, &cache_dir);

    // The same rules with one topic file edited (a comment is enough: any byte counts).
    let sources: Vec<RuleSource> = DEFAULT_RULES
        .iter()
        .map(|(rel, text)| RuleSource {
            display: format!("rules/{rel}"),
            relative: (*rel).to_string(),
            text: if *rel == "drone-count.toml" {
                format!("{text}\n# edited\n")
            } else {
                (*text).to_string()
            },
        })
        .collect();
    let edited = Rules::from_sources(sources, "edited").unwrap();
    assert_ne!(edited.fingerprint, rules.fingerprint);

    let (_, s) = cached(&paths, &edited, &cache_dir);
    assert_eq!(s, stats(0, 5, 0));
    let (_, s) = cached(&paths, &rules, &cache_dir);
    assert_eq!(s, stats(5, 0, 0), "the old rules' entries are still there");
}

#[test]
fn corrupt_packs_and_entries_are_ignored_and_rewritten() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    let paths = corpus(&dir, 12);
    let cache_dir = tmp.path().join("cache");
    let rules = Rules::defaults().unwrap();
    let plain = uncached(&paths, &rules);
    cached(&paths, &rules, &cache_dir);

    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let pack = |f: &Path| cache::pack_path(&cache_dir, cache::key(&fs::read(f).unwrap(), &rules));
    // Articles alone in their pack, so that each corruption hits one article.
    let alone: Vec<&PathBuf> = files
        .iter()
        .filter(|f| files.iter().filter(|g| pack(g) == pack(f)).count() == 1)
        .collect();
    assert!(alone.len() >= 3, "{} articles alone in a pack", alone.len());
    // Garbage, a truncated pack, and a pack whose (only) entry has one byte changed.
    fs::write(pack(alone[0]), b"\x00\xffnot a pack").unwrap();
    let p1 = fs::read(pack(alone[1])).unwrap();
    fs::write(pack(alone[1]), &p1[..p1.len() / 2]).unwrap();
    let mut p2 = fs::read(pack(alone[2])).unwrap();
    let last = p2.len() - 1;
    p2[last] ^= 0x55;
    fs::write(pack(alone[2]), &p2).unwrap();

    let (warm, s) = cached(&paths, &rules, &cache_dir);
    assert_eq!(s, stats(9, 3, 3));
    assert_eq!(warm, plain);
    let (_, s) = cached(&paths, &rules, &cache_dir);
    assert_eq!(s, stats(12, 0, 0), "rewritten");
}

#[test]
fn a_pack_of_other_articles_is_a_miss_not_a_hit() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    let paths = corpus(&dir, 4);
    let cache_dir = tmp.path().join("cache");
    let rules = Rules::defaults().unwrap();
    cached(&paths, &rules, &cache_dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let pack = |f: &Path| cache::pack_path(&cache_dir, cache::key(&fs::read(f).unwrap(), &rules));
    let other = files
        .iter()
        .find(|f| files.iter().all(|g| g == *f || pack(g) != pack(f)))
        .expect("an article alone in its pack");
    let victim = files.iter().find(|f| pack(f) != pack(other)).unwrap();
    let victims = files.iter().filter(|f| pack(f) == pack(victim)).count();
    // The victim's pack now holds the other article's entry only.
    fs::copy(pack(other), pack(victim)).unwrap();
    let (warm, s) = cached(&paths, &rules, &cache_dir);
    assert_eq!(s, stats(4 - victims, victims, 0));
    assert_eq!(warm, uncached(&paths, &rules));
}

#[test]
fn a_renamed_article_hits_and_takes_its_new_id() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    let paths = corpus(&dir, 3);
    let cache_dir = tmp.path().join("cache");
    let rules = Rules::defaults().unwrap();
    cached(&paths, &rules, &cache_dir);
    let first = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    fs::rename(&first, dir.join("renamed.txt")).unwrap();
    let (warm, s) = cached(&paths, &rules, &cache_dir);
    assert_eq!(s, stats(3, 0, 0));
    assert_eq!(warm, uncached(&paths, &rules));
    assert!(warm.contains("\"renamed\""));
}

#[test]
fn an_unwritable_cache_never_fails_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = corpus(&tmp.path().join("corpus"), 2);
    let rules = Rules::defaults().unwrap();
    // A file where the cache folder should be.
    let blocker = tmp.path().join("cache");
    fs::write(&blocker, "not a folder").unwrap();
    let (out, s) = cached(&paths, &rules, &blocker);
    assert_eq!((s.misses, s.write_errors), (2, 2));
    assert_eq!(out, uncached(&paths, &rules));
}
