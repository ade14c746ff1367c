//! `crosscheck check`, `baseline write`, `report --baseline` and `diff` through the real binary,
//! on the fixture corpus (`fixtures/articles`) and the new articles of `fixtures/check/`.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const CORPUS: &str = "fixtures/articles";
const CONTRADICTS: &str = "fixtures/check/contradicts.txt";
const AGREES: &str = "fixtures/check/agrees.txt";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, None)
}

fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = Command::cargo_bin("crosscheck").unwrap();
    cmd.current_dir(dir).args(args).env_remove("NO_COLOR");
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_vec());
    }
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn json(r: &Run) -> Value {
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().unwrap()
}

/// The claims of article `id` in a finding, as (value as written, verdict).
fn claims_of<'a>(f: &'a Value, id: &str) -> Vec<&'a str> {
    f["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["article"] == id)
        .map(|c| c["value"].as_str().unwrap())
        .collect()
}

/// A copy of the fixture corpus in a temporary folder, plus `extra` files.
fn corpus_copy(extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in fs::read_dir(root.join(CORPUS)).unwrap() {
        let p = entry.unwrap().path();
        fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    for e in extra {
        let p = root.join(e);
        fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    dir
}

fn abs(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

#[test]
fn contradicting_article_fails_and_names_both_disagreements() {
    let r = run(&["check", CONTRADICTS, "--corpus", CORPUS, "--format", "json"]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    let report = json(&r);
    let fs = findings(&report);
    // Every finding reported involves the new article.
    for f in fs {
        assert!(!claims_of(f, "contradicts").is_empty(), "{f}");
    }
    // "Tuesday 16 May": 16 May 2025 was a Friday (calendar) and 002 puts the first round on
    // Friday (talks-weekday); both are contradictions.
    let calendar = fs
        .iter()
        .find(|f| f["topic"] == "calendar")
        .expect("calendar finding");
    assert_eq!(calendar["verdict"], "contradiction");
    assert_eq!(claims_of(calendar, "contradicts"), ["Tuesday 16 May"]);
    let weekday = fs
        .iter()
        .find(|f| f["topic"] == "talks-weekday")
        .expect("talks-weekday finding");
    assert_eq!(weekday["verdict"], "contradiction");
    assert_eq!(claims_of(weekday, "contradicts"), ["Tuesday"]);
    // "Foreign Minister Rustem Umerov" against "Defense Minister" (000, 001, 002, undated, so
    // the same time as far as anyone can tell): a contradiction. 004's "former defense
    // minister, now NSDC secretary" explains only 004's difference from the others.
    let umerov = fs
        .iter()
        .find(|f| f["topic"] == "official-title" && f["subject"] == "Rustem Umerov")
        .expect("Umerov title finding");
    assert_eq!(claims_of(umerov, "contradicts"), ["Foreign Minister"]);
    assert_eq!(umerov["verdict"], "contradiction");
    // The corpus's own contradiction (Donald Trump) is not the new article's.
    assert!(!fs.iter().any(|f| f["subject"] == "Donald Trump"));

    // The Markdown report (for a PR comment) names both.
    let r = run(&[
        "check",
        CONTRADICTS,
        "--corpus",
        CORPUS,
        "--format",
        "markdown",
    ]);
    assert_eq!(r.code, 1);
    for needle in [
        "Tuesday 16 May",
        "≠ Foreign Minister",
        "Rustem Umerov",
        "### talks-weekday",
    ] {
        assert!(r.stdout.contains(needle), "{needle}:\n{}", r.stdout);
    }
}

#[test]
fn fail_on_changed_tightens_the_check() {
    // The agreeing article joins only agreements: passes either way.
    let r = run(&[
        "check",
        AGREES,
        "--corpus",
        CORPUS,
        "--fail-on",
        "changed",
        "-q",
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    // A later report of a higher death toll is `changed` (an update): it passes by default
    // and fails with --fail-on changed.
    let corpus = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::copy(
        root.join("fixtures/storm/a_coastal_herald.txt"),
        corpus.path().join("a_coastal_herald.txt"),
    )
    .unwrap();
    let new = root.join("fixtures/storm/d_evening_post.txt");
    let new = new.to_str().unwrap();
    let corpus_dir = corpus.path().to_str().unwrap();
    let args = ["check", new, "--corpus", corpus_dir, "--format", "json"];
    let r = run(&args);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let report = json(&r);
    assert!(
        findings(&report)
            .iter()
            .any(|f| f["subject"] == "people killed" && f["verdict"] == "changed"),
        "{}",
        r.stdout
    );
    let mut tight = args.to_vec();
    tight.extend(["--fail-on", "changed"]);
    let r = run(&tight);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
}

#[test]
fn article_that_repeats_the_corpus_in_other_words_passes() {
    let r = run(&["check", AGREES, "--corpus", CORPUS, "--format", "json"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let report = json(&r);
    let fs = findings(&report);
    assert!(!fs.is_empty());
    for f in fs {
        assert!(
            f["verdict"] == "agreement" || f["verdict"] == "compatible",
            "{f}"
        );
        assert!(!claims_of(f, "agrees").is_empty());
    }
    // "nearly 20%" against "about one-fifth".
    assert!(
        fs.iter()
            .any(|f| f["topic"] == "territory-share" && f["verdict"] == "compatible")
    );
}

#[test]
fn unreadable_new_article_exits_2_and_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.txt");
    fs::write(&bad, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe binary").unwrap();
    let bad = bad.to_string_lossy().into_owned();
    for format in ["table", "json", "github"] {
        let r = run(&["check", &bad, "--corpus", CORPUS, "--format", format]);
        assert_eq!(r.code, 2, "{format}: {}\n{}", r.stdout, r.stderr);
        assert!(r.stderr.contains(&bad), "{format}: {}", r.stderr);
        assert!(r.stderr.contains("cannot read new article"), "{}", r.stderr);
    }
    // --allow-skipped is for the corpus only.
    let r = run(&["check", &bad, "--corpus", CORPUS, "--allow-skipped", "-q"]);
    assert_eq!(r.code, 2);
    // A new article that does not exist.
    let r = run(&["check", "fixtures/check/nope.txt", "--corpus", CORPUS]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("fixtures/check/nope.txt"), "{}", r.stderr);
}

#[test]
fn unreadable_corpus_file_exits_2_unless_allowed() {
    let corpus = corpus_copy(&[]);
    fs::write(corpus.path().join("junk.txt"), b"\x00\x01\x02\x03 binary").unwrap();
    let c = corpus.path().to_string_lossy().into_owned();
    let r = run(&["check", AGREES, "--corpus", &c, "-q"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("junk.txt"), "{}", r.stderr);
    let r = run(&["check", AGREES, "--corpus", &c, "-q", "--allow-skipped"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn new_article_inside_the_corpus_counts_once_as_new() {
    let corpus = corpus_copy(&[CONTRADICTS]);
    let r = run_in(
        corpus.path(),
        &[
            "check",
            "contradicts.txt",
            "--corpus",
            ".",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let report = json(&r);
    assert_eq!(report["articles"].as_array().unwrap().len(), 6);
    assert!(findings(&report).iter().any(|f| f["topic"] == "calendar"));
}

#[test]
fn new_article_from_stdin() {
    let text = fs::read(abs(CONTRADICTS)).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let r = run_in(
        root,
        &[
            "check",
            "-",
            "--stdin-name",
            "pasted.txt",
            "--corpus",
            CORPUS,
            "--format",
            "json",
        ],
        Some(&text),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let report = json(&r);
    assert!(
        findings(&report)
            .iter()
            .any(|f| f["topic"] == "calendar" && !claims_of(f, "pasted").is_empty())
    );
}

#[test]
fn baseline_accepts_known_findings_and_reports_stale_entries() {
    let corpus = corpus_copy(&[CONTRADICTS]);
    let dir = corpus.path();
    let r = run_in(
        dir,
        &[
            "baseline",
            "write",
            "--corpus",
            ".",
            "-o",
            "crosscheck-baseline.toml",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = fs::read_to_string(dir.join("crosscheck-baseline.toml")).unwrap();
    assert!(text.contains("[[accepted]]"), "{text}");
    assert!(text.contains("topic = \"calendar\""), "{text}");
    assert!(text.contains("reason = "), "{text}");
    // No temp file left behind.
    let names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");

    // The same contradicting article now passes.
    let check = [
        "check",
        "contradicts.txt",
        "--corpus",
        ".",
        "--baseline",
        "crosscheck-baseline.toml",
        "--format",
        "json",
    ];
    let r = run_in(dir, &check, None);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let report = json(&r);
    assert!(report["accepted"].as_u64().unwrap() >= 2, "{report}");
    assert!(report.get("stale").is_none(), "{report}");
    // `report` with the baseline passes too (the corpus's own contradiction is accepted).
    let r = run_in(
        dir,
        &[
            "report",
            ".",
            "--baseline",
            "crosscheck-baseline.toml",
            "-q",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);

    // Remove the contradicting article: its entries are stale, visible, and do not fail.
    fs::remove_file(dir.join("contradicts.txt")).unwrap();
    let agrees = abs(AGREES).to_string_lossy().into_owned();
    let r = run_in(
        dir,
        &[
            "check",
            &agrees,
            "--corpus",
            ".",
            "--baseline",
            "crosscheck-baseline.toml",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let report = json(&r);
    let stale = report["stale"].as_array().expect("stale array");
    let calendar = stale
        .iter()
        .find(|e| e["topic"] == "calendar")
        .expect("the calendar entry is stale");
    assert_eq!(calendar["articles"][0], "contradicts");
    assert_eq!(calendar["fingerprint"].as_str().unwrap().len(), 16);
    assert!(r.stderr.contains("stale"), "{}", r.stderr);
    // In the table and in `report` too.
    let r = run_in(
        dir,
        &[
            "report",
            ".",
            "--baseline",
            "crosscheck-baseline.toml",
            "--color",
            "never",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Stale baseline entries"), "{}", r.stdout);
    assert!(r.stdout.contains(calendar["fingerprint"].as_str().unwrap()));
    let r = run_in(
        dir,
        &[
            "report",
            ".",
            "--baseline",
            "crosscheck-baseline.toml",
            "--format",
            "markdown",
        ],
        None,
    );
    assert!(
        r.stdout.contains("**Stale baseline entries**"),
        "{}",
        r.stdout
    );
}

#[test]
fn malformed_baseline_exits_2_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("b.toml");
    fs::write(
        &b,
        "version = 1\n\n[[accepted]]\ntopic = \"calendar\"\nsubjekt = \"x\"\n",
    )
    .unwrap();
    let b = b.to_string_lossy().into_owned();
    for cmd in [
        vec!["check", AGREES, "--corpus", CORPUS, "--baseline", &b],
        vec!["report", CORPUS, "--baseline", &b],
    ] {
        let r = run(&cmd);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            r.stderr
                .starts_with(&format!("crosscheck: error: {b}:5:1: ")),
            "{}",
            r.stderr
        );
        assert!(r.stdout.is_empty());
    }
    let r = run(&[
        "check",
        AGREES,
        "--corpus",
        CORPUS,
        "--baseline",
        "no/such/baseline.toml",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no/such/baseline.toml"), "{}", r.stderr);
}

#[test]
fn github_format_annotates_the_new_article() {
    let r = run(&[
        "check",
        CONTRADICTS,
        "--corpus",
        CORPUS,
        "--format",
        "github",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let errors: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("::error "))
        .collect();
    assert!(!errors.is_empty(), "{}", r.stdout);
    assert!(
        errors
            .iter()
            .any(|l| l.starts_with(&format!("::error file={CONTRADICTS},line=7,col=54,"))),
        "{}",
        r.stdout
    );
    for l in &errors {
        assert!(
            l.contains(",line=") && l.contains(",col=") && l.contains(",title=crosscheck "),
            "{l}"
        );
    }
    for l in r.stdout.lines() {
        assert!(l.starts_with("::") || l.contains(" articles, "), "{l}");
    }
    // The Umerov contradiction is an error on the new article's line 9.
    assert!(
        r.stdout
            .contains(&format!("::error file={CONTRADICTS},line=9,")),
        "{}",
        r.stdout
    );
    // Only the new article is annotated (GitHub shows a few annotations a step, and a
    // corpus's would hide it); what the corpus says is in its messages.
    for l in r.stdout.lines().filter(|l| l.starts_with("::")) {
        assert!(l.contains(&format!("file={CONTRADICTS},")), "{l}");
    }
    assert!(
        errors.iter().any(|l| l.contains("000 says ")),
        "{}",
        r.stdout
    );
}

#[test]
fn sarif_format_is_valid_sarif() {
    let r = run(&[
        "check",
        CONTRADICTS,
        "--corpus",
        CORPUS,
        "--format",
        "sarif",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let log: serde_sarif::sarif::Sarif = serde_json::from_str(&r.stdout).unwrap();
    assert!(!log.runs[0].results.as_ref().unwrap().is_empty());
    // Each result is located first on the new article (code scanning shows an alert at its
    // first location), then on the corpus's claims; at least one result has both.
    let mut both = false;
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    for result in doc["runs"][0]["results"].as_array().unwrap() {
        let uris: Vec<&str> = result["locations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                l["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
            })
            .collect();
        let new = uris
            .iter()
            .filter(|u| u.ends_with("contradicts.txt"))
            .count();
        assert!(new > 0, "{uris:?}");
        assert!(
            uris[..new].iter().all(|u| u.ends_with("contradicts.txt")),
            "{uris:?}"
        );
        both |= uris.len() > new;
    }
    assert!(both, "{}", r.stdout);
}

#[test]
fn quiet_and_colour() {
    let r = run(&["check", CONTRADICTS, "--corpus", CORPUS, "-q"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    assert!(r.stdout.contains("contradiction"), "{}", r.stdout);
    assert!(!r.stdout.contains('\x1b'));
    let r = run(&[
        "check",
        CONTRADICTS,
        "--corpus",
        CORPUS,
        "--color",
        "always",
    ]);
    assert!(r.stdout.contains('\x1b'));
    // auto: piped, so no colour; NO_COLOR changes nothing then either.
    let r = run(&["check", CONTRADICTS, "--corpus", CORPUS]);
    assert!(!r.stdout.contains('\x1b'));
    // Quiet decodes no finding's claims, and says what the whole table's summary says.
    let quiet = run(&["check", CONTRADICTS, "--corpus", CORPUS, "-q"]);
    assert_eq!(quiet.stdout.lines().next(), r.stdout.lines().next());
    assert_eq!(quiet.code, r.code);
}

#[test]
fn diff_of_two_saved_reports() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.json");
    let new = dir.path().join("new.json");
    let r = run(&["report", CORPUS, "--format", "json"]);
    fs::write(&old, &r.stdout).unwrap();
    let r = run(&["report", CORPUS, CONTRADICTS, "--format", "json"]);
    fs::write(&new, &r.stdout).unwrap();
    let (o, n) = (
        old.to_string_lossy().into_owned(),
        new.to_string_lossy().into_owned(),
    );

    let r = run(&["diff", &o, &n, "--color", "never"]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stdout.lines().next().unwrap().contains(" new ("),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("calendar"), "{}", r.stdout);
    let r = run(&["diff", &o, &n, "--format", "json"]);
    assert_eq!(r.code, 1);
    let d = json(&r);
    assert!(
        d["new"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["topic"] == "calendar")
    );
    assert!(d["summary"]["new_contradictions"].as_u64().unwrap() >= 1);
    // The other way round the contradictions are resolved: exit 0.
    let r = run(&["diff", &n, &o, "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(
        json(&r)["resolved"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["topic"] == "calendar")
    );
    let r = run(&["diff", &o, &o, "-q"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        "0 new (0 contradictions), 0 resolved, 0 changed\n"
    );

    // Invalid or missing JSON: exit 2, the file named.
    let bad = dir.path().join("bad.json");
    fs::write(&bad, "{\"version\": 1, \"articles\": [").unwrap();
    let b = bad.to_string_lossy().into_owned();
    let r = run(&["diff", &o, &b]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains(&b), "{}", r.stderr);
    let r = run(&["diff", "missing.json", &o]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("missing.json"), "{}", r.stderr);
}

/// The binary with `args` and `RAYON_NUM_THREADS`: exit code, stdout bytes, stderr.
fn run_threads(args: &[&str], threads: &str) -> (i32, Vec<u8>, String) {
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RAYON_NUM_THREADS", threads)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn cached_check_and_report_are_byte_identical_to_uncached_ones_with_any_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    crosscheck::synth::write_corpus(&corpus, 60, 99).unwrap();
    let corpus = corpus.to_str().unwrap();
    let cache = tmp.path().join("cache");
    let cache = cache.to_str().unwrap();
    let fixtures = abs(CORPUS);
    let fixtures = fixtures.to_str().unwrap();
    for (new, corpora) in [
        (CONTRADICTS, vec![corpus]),
        (AGREES, vec![corpus, fixtures]),
    ] {
        let mut check = vec!["check", new, "--format", "json"];
        for c in &corpora {
            check.extend(["--corpus", c]);
        }
        let mut report = vec!["report", new, "--format", "json"];
        report.extend(&corpora);
        for args in [check, report] {
            let (code, plain, err) = run_threads(&args, "1");
            assert!(code == 0 || code == 1, "{code}: {err}");
            assert!(plain.len() > 1000, "{}", String::from_utf8_lossy(&plain));
            let mut cached = args.clone();
            cached.extend(["--cache", cache]);
            // Cold then warm, on one thread and on four.
            for threads in ["4", "1", "4"] {
                let (c, out, err) = run_threads(&cached, threads);
                assert_eq!(c, code, "{err}");
                assert!(
                    out == plain,
                    "{args:?} through the cache on {threads} threads"
                );
                assert!(err.is_empty(), "{err}");
            }
            let (c, out, _) = run_threads(&args, "4");
            assert_eq!(c, code);
            assert!(out == plain, "{args:?} on 4 threads");
        }
    }
}

#[test]
fn a_cache_that_cannot_be_written_is_noted_and_changes_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let blocker = tmp.path().join("cache");
    fs::write(&blocker, "a file where the cache folder should be").unwrap();
    let plain = run(&["check", CONTRADICTS, "--corpus", CORPUS, "--format", "json"]);
    let r = run(&[
        "check",
        CONTRADICTS,
        "--corpus",
        CORPUS,
        "--format",
        "json",
        "--cache",
        blocker.to_str().unwrap(),
    ]);
    assert_eq!(r.code, plain.code);
    assert_eq!(r.stdout, plain.stdout);
    assert!(
        r.stderr.contains("could not write 6 cache entries"),
        "{}",
        r.stderr
    );
}
