//! Hostile input through the real binary: every case is built in a temporary folder, run with
//! `crosscheck report` (or `claims`), and must end in an exact outcome — read, skipped with
//! which reason, or an error with which message — with the exit code that goes with it, and
//! never a panic.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

const DRONES: &str = "Overnight, Moscow fired 310 attack drones at cities across the country.";

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Out {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", self.stdout, self.stderr))
    }
}

/// Run the binary from the crate root (so `fixtures/articles` resolves).
fn run(args: &[&str]) -> Out {
    let output = assert_cmd::cargo::cargo_bin_cmd!("crosscheck")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run crosscheck: {e}"));
    let out = Out {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    out
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

/// `report --format json` over the paths; the JSON report and the exit code.
fn report(paths: &[&Path], extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["report", "--format", "json"];
    args.extend_from_slice(extra);
    let shown: Vec<String> = paths.iter().map(|p| s(p)).collect();
    args.extend(shown.iter().map(String::as_str));
    let out = run(&args);
    (out.code, out.json())
}

fn paths_of(v: &Value, list: &str) -> Vec<String> {
    v[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap().to_string())
        .collect()
}

fn skipped_reasons(v: &Value) -> Vec<(String, String)> {
    v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["path"].as_str().unwrap().to_string(),
                a["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The claims of one file as `crosscheck claims --format json` lists them: (value, start, end).
fn claims(path: &Path) -> Vec<(String, usize, usize)> {
    let out = run(&["claims", "--format", "json", &s(path)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["value"].as_str().unwrap().to_string(),
                c["start"].as_u64().unwrap() as usize,
                c["end"].as_u64().unwrap() as usize,
            )
        })
        .collect()
}

/// The file is read (exit 0 or 1), and its claims' spans are the values as written.
fn assert_read_with_claim(path: &Path, value: &str) {
    let (code, v) = report(&[path], &[]);
    assert!(code == 0 || code == 1, "exit {code}: {v}");
    assert_eq!(paths_of(&v, "articles"), [s(path)]);
    assert!(paths_of(&v, "skipped").is_empty());
    let bytes = fs::read(path).unwrap();
    let found = claims(path);
    assert!(found.iter().any(|(val, _, _)| val == value), "{found:?}");
    if let Ok(text) = std::str::from_utf8(&bytes) {
        for (val, start, end) in &found {
            assert_eq!(&text[*start..*end], val, "{found:?}");
        }
    }
}

/// The file is skipped with exactly this reason: exit 2, and 0 with `--allow-skipped`.
fn assert_skipped(path: &Path, reason: &str) {
    let (code, v) = report(&[path], &[]);
    assert_eq!(code, 2, "{v}");
    assert!(paths_of(&v, "articles").is_empty());
    assert_eq!(skipped_reasons(&v), [(s(path), reason.to_string())]);
    let (code, v2) = report(&[path], &["--allow-skipped"]);
    assert_eq!(code, 0);
    assert_eq!(v, v2);
}

#[test]
fn a_binary_file_beside_a_good_one_is_skipped_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", DRONES.as_bytes());
    let bin = write(
        dir.path(),
        "photo.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    );
    let out = run(&["report", "--format", "json", &s(dir.path())]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("1 input could not be read (listed as skipped); pass --allow-skipped"),
        "{}",
        out.stderr
    );
    let v = out.json();
    assert_eq!(paths_of(&v, "articles"), [s(&good)]);
    assert_eq!(
        skipped_reasons(&v),
        [(s(&bin), "binary file (NUL byte at byte 8)".to_string())]
    );
    let (code, v2) = report(&[dir.path()], &["--allow-skipped"]);
    assert_eq!(code, 0, "no contradictions in one article");
    assert_eq!(v2, v);
}

#[test]
fn empty_and_whitespace_only_files_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    assert_skipped(&write(dir.path(), "empty.txt", b""), "empty file");
    assert_skipped(
        &write(
            dir.path(),
            "blank.txt",
            b"  \n\t\r\n \xc2\xa0 \xe2\x80\x8b\n",
        ),
        "no text (only whitespace)",
    );
}

#[test]
fn utf16_with_bom_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    for (name, le) in [("le.txt", true), ("be.txt", false)] {
        let mut bytes = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in DRONES.encode_utf16() {
            bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        assert_read_with_claim(&write(dir.path(), name, &bytes), "310");
    }
}

#[test]
fn utf8_bom_offsets_count_the_bom() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "bom.txt",
        format!("\u{feff}{DRONES}").as_bytes(),
    );
    assert_read_with_claim(&p, "310");
    let (_, start, _) = claims(&p).into_iter().find(|c| c.0 == "310").unwrap();
    assert_eq!(start, 3 + DRONES.find("310").unwrap());
}

#[test]
fn latin1_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "latin.txt",
        b"Se\xf1or Ruiz said Moscow fired 310 attack drones at the caf\xe9 district.",
    );
    assert_read_with_claim(&p, "310");
}

#[test]
fn crlf_and_lone_cr_line_endings() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = format!("Headline Words\r\n\r\n{DRONES}\r\nThe talks ended.\r\n");
    assert_read_with_claim(&write(dir.path(), "crlf.txt", crlf.as_bytes()), "310");
    let cr = format!("Headline Words\r\r{DRONES}\rThe talks ended.\r");
    assert_read_with_claim(&write(dir.path(), "cr.txt", cr.as_bytes()), "310");
}

#[test]
fn nbsp_zero_width_and_smart_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\u{200b}Overnight,\u{a0}Moscow fired\u{a0}310\u{200b} attack drones, “officials” said — it’s the ‘largest’ attack.";
    assert_read_with_claim(&write(dir.path(), "odd.txt", text.as_bytes()), "310");
}

#[test]
fn html_saved_as_text_is_read_without_tags() {
    let dir = tempfile::tempdir().unwrap();
    let html = format!(
        "<!DOCTYPE html>\n<html>\n<head><title>Page</title></head>\n<body>\n<div class=\"story\">\n{DRONES}\n</div>\n</body>\n</html>\n"
    );
    let p = write(dir.path(), "page.txt", html.as_bytes());
    assert_read_with_claim(&p, "310");
    let out = run(&["claims", "--format", "json", &s(&p)]);
    assert!(!out.stdout.contains("<div"), "{}", out.stdout);
}

#[test]
fn bad_front_matter_is_skipped_with_the_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    assert_skipped(
        &write(
            dir.path(),
            "typo.md",
            format!("+++\noutlet = \"Coast News\"\nautor = \"Kim\"\n+++\n{DRONES}\n").as_bytes(),
        ),
        "front matter line 3: unknown key `autor`; expected one of outlet, url, published",
    );
    assert_skipped(
        &write(
            dir.path(),
            "open.md",
            format!("+++\noutlet = \"Coast News\"\n{DRONES}\n").as_bytes(),
        ),
        "front matter line 1: the opening `+++` has no closing `+++` line",
    );
    let p = write(
        dir.path(),
        "bad.md",
        b"+++\noutlet = = 3\n+++\nText here.\n",
    );
    let (code, v) = report(&[&p], &[]);
    assert_eq!(code, 2);
    let reasons = skipped_reasons(&v);
    assert_eq!(reasons.len(), 1);
    assert!(
        reasons[0]
            .1
            .starts_with("front matter line 2: malformed TOML: "),
        "{reasons:?}"
    );
    // A good front matter is read.
    let p = write(
        dir.path(),
        "ok.md",
        format!("+++\noutlet = \"Coast News\"\npublished = 2025-07-26\n+++\n{DRONES}\n").as_bytes(),
    );
    let (code, v) = report(&[&p], &[]);
    assert_eq!(code, 0);
    assert_eq!(v["articles"][0]["outlet"], "Coast News");
    assert_eq!(v["articles"][0]["published"], "2025-07-26");
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_skipped_not_followed() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("root");
    let story = write(&root, "story.txt", DRONES.as_bytes());
    symlink(&root, root.join("again")).unwrap();
    symlink(root.join("b.txt"), root.join("a.txt")).unwrap();
    symlink(root.join("a.txt"), root.join("b.txt")).unwrap();
    let (code, v) = report(&[&root], &[]);
    assert_eq!(code, 2);
    assert_eq!(paths_of(&v, "articles"), [s(&story)]);
    let reasons = skipped_reasons(&v);
    assert_eq!(
        reasons.iter().map(|r| r.0.clone()).collect::<Vec<_>>(),
        [
            s(&root.join("a.txt")),
            s(&root.join("again")),
            s(&root.join("b.txt"))
        ]
    );
    assert!(reasons[0].1.starts_with("cannot read: "), "{reasons:?}");
    assert_eq!(
        reasons[1].1,
        format!(
            "symlink loop: leads back to `{}`, which is being read",
            s(&root)
        )
    );
    assert!(reasons[2].1.starts_with("cannot read: "), "{reasons:?}");
}

#[test]
fn the_same_file_twice_is_listed_once() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "news/one.txt", DRONES.as_bytes());
    let again = dir.path().join("news/./one.txt");
    let (code, v) = report(&[&p, &dir.path().join("news"), &p, &again], &[]);
    assert_eq!(code, 0);
    assert_eq!(paths_of(&v, "articles"), [s(&p)]);
    assert!(paths_of(&v, "skipped").is_empty());
}

#[test]
fn same_stem_in_two_folders_gets_unique_ids() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "east/report.txt", DRONES.as_bytes());
    write(dir.path(), "west/report.md", DRONES.as_bytes());
    let (code, v) = report(&[dir.path()], &[]);
    assert_eq!(code, 0);
    let ids: Vec<&str> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["east/report", "west/report"]);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "secret.txt", DRONES.as_bytes());
    fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::File::open(&p).is_ok() {
        // Running as root: permissions do not apply, so there is nothing to test.
        return;
    }
    assert_skipped(&p, "cannot read: Permission denied (os error 13)");
}

/// A single line of `bytes` bytes: a claim, filler prose with no sentence stop and no newline,
/// and a claim at the very end, which must be found at its offset (nothing is lost).
fn single_line_file(bytes: usize) {
    let dir = tempfile::tempdir().unwrap();
    let unit = "the river rose again overnight and the town waited for news ";
    let mut text = format!("{DRONES} ");
    text.push_str(&unit.repeat(bytes / unit.len()));
    let last = "Air defence units intercepted 280 UAVs, the air force said.";
    text.push_str(last);
    let p = write(dir.path(), "huge.txt", text.as_bytes());
    let (code, v) = report(&[&p], &["-q"]);
    assert!(code == 0 || code == 1, "exit {code}");
    assert_eq!(paths_of(&v, "articles"), [s(&p)]);
    let found = claims(&p);
    let at = text.len() - last.len() + last.find("280").unwrap();
    assert!(found.contains(&("310".to_string(), 24, 27)), "{found:?}");
    assert!(
        found.contains(&("280".to_string(), at, at + 3)),
        "{found:?}"
    );
}

#[test]
fn a_2_mb_single_line_file_is_read_to_the_end() {
    single_line_file(2_000_000);
}

/// Extraction of dense prose runs at about 1 MB/s in a release build and 5-10 times slower in a
/// debug build, so the 50 MB case runs with `cargo test --release --test hostile_cli --
/// --ignored` (the 50 MB read itself is tested by `huge_file_without_newline_is_fast`).
#[test]
#[ignore = "minutes in a debug build: cargo test --release --test hostile_cli -- --ignored"]
fn a_50_mb_single_line_file_completes() {
    single_line_file(50_000_000);
}

#[test]
fn a_missing_path_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.txt");
    let out = run(&["report", &s(&missing)]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        format!("crosscheck: error: path `{}` does not exist\n", s(&missing))
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn pathological_sentences_finish() {
    let dir = tempfile::tempdir().unwrap();
    let caps: Vec<String> = (0..20_000).map(|i| format!("Word{}", i % 97)).collect();
    write(dir.path(), "caps.txt", caps.join(" ").as_bytes());
    let titles = "Defense Minister Rustem Umerov, ".repeat(5_000);
    write(dir.path(), "titles.txt", titles.as_bytes());
    let numbers: Vec<String> = (0..10_000).map(|i| format!("{i} drones")).collect();
    write(dir.path(), "numbers.txt", numbers.join(" ").as_bytes());
    let dates = "Monday, July 7, 2025 ".repeat(5_000);
    write(dir.path(), "dates.txt", dates.as_bytes());
    let parens = format!("{}talks{}", "(".repeat(5_000), ")".repeat(5_000));
    write(dir.path(), "parens.txt", parens.as_bytes());
    write(dir.path(), "a.txt", "a ".repeat(500_000).as_bytes());
    let (code, v) = report(&[dir.path()], &["-q"]);
    assert!(code == 0 || code == 1, "exit {code}: {v}");
    assert_eq!(v["articles"].as_array().unwrap().len(), 6, "{v}");
}

// ---------------------------------------------------------------------------------------------
// Rule files
// ---------------------------------------------------------------------------------------------

const TOPIC: &str = r#"[topic]
id = "venue-x"
title = "Venue"
description = "Where talks are held."
kind = "place"
uses = ["places"]

[[pattern]]
regex = '(?i:held)\s+(?:at|in)\s+(?:the\s+)?{place}'
subject = "talks venue"
value = "place"

[[test]]
text = "The talks were held at Lancaster House."
expect = [{ subject = "talks venue", value = "Lancaster House" }]
"#;

/// `report --rules DIR fixtures/articles` with these topic files: exit 2 and the stderr.
fn load_rules(files: &[(&str, &str)]) -> (String, PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        write(dir.path(), name, text.as_bytes());
    }
    let out = run(&["report", "--rules", &s(dir.path()), "fixtures/articles"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    let path = dir.path().to_path_buf();
    (out.stderr, path, dir)
}

/// One broken topic file: its error at `line:col` with `message`, and a hint.
fn assert_rule_error(text: &str, line_col: &str, message: &str) {
    let (stderr, dir, _keep) = load_rules(&[("t.toml", text)]);
    let at = format!("{}:{line_col}: ", s(&dir.join("t.toml")));
    let line = stderr
        .lines()
        .find(|l| l.contains(&at))
        .unwrap_or_else(|| panic!("no `{at}` in:\n{stderr}"));
    assert!(line.contains(message), "`{message}` not in:\n{stderr}");
    assert!(stderr.contains("\n  hint: "), "no hint in:\n{stderr}");
}

#[test]
fn the_topic_file_used_by_the_rule_tests_loads() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "t.toml", TOPIC.as_bytes());
    let out = run(&[
        "report",
        "-q",
        "--rules",
        &s(dir.path()),
        "fixtures/articles",
    ]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
}

#[test]
fn malformed_toml() {
    assert_rule_error(
        &TOPIC.replace("[topic]", "[topic"),
        "1:7",
        "unclosed table, expected `]`",
    );
}

#[test]
fn unknown_key() {
    assert_rule_error(
        &TOPIC.replace(
            "subject = \"talks venue\"\nvalue",
            "subjet = \"talks venue\"\nvalue",
        ),
        "10:1",
        "unknown field `subjet`, expected one of `regex`, `subject`, `value`",
    );
}

#[test]
fn wrong_type() {
    assert_rule_error(
        &TOPIC.replace("kind = \"place\"", "kind = 3"),
        "5:8",
        "invalid type: integer `3`, expected a string",
    );
}

#[test]
fn invalid_regex() {
    assert_rule_error(
        &TOPIC.replace(r"\s+(?:at|in)", r"\s+((?:at|in)"),
        "9:9",
        "invalid regex: ",
    );
}

#[test]
fn regex_over_the_size_limit() {
    assert_rule_error(
        &TOPIC.replace(r"(?i:held)", r"(?:\w{1,50}){1,50}"),
        "9:9",
        "pattern is too large once compiled",
    );
}

#[test]
fn pattern_that_matches_the_empty_string() {
    assert_rule_error(
        &TOPIC.replace(
            r"(?i:held)\s+(?:at|in)\s+(?:the\s+)?{place}",
            r"(?:held)?(?:{place})?",
        ),
        "9:9",
        "pattern matches the empty string",
    );
}

#[test]
fn unknown_vocabulary() {
    assert_rule_error(
        &TOPIC.replace("uses = [\"places\"]", "uses = [\"nope\"]"),
        "6:9",
        "unknown vocabulary `nope`; expected one of people, places",
    );
}

#[test]
fn duplicate_topic_ids() {
    let (stderr, dir, _keep) = load_rules(&[("a.toml", TOPIC), ("b.toml", TOPIC)]);
    let expected = format!(
        "{}:2:6: duplicate topic id `venue-x`: already defined at {}:2:6",
        s(&dir.join("b.toml")),
        s(&dir.join("a.toml"))
    );
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(stderr.contains("\n  hint: "), "{stderr}");
}

#[test]
fn every_broken_rule_file_is_reported_at_once() {
    let files = [
        ("1-malformed.toml", TOPIC.replace("[topic]", "[topic")),
        (
            "2-unknown-key.toml",
            TOPIC.replace("id = \"venue-x\"", "id = \"v2\"\nname = \"x\""),
        ),
        (
            "3-bad-regex.toml",
            TOPIC
                .replace("venue-x", "v3")
                .replace(r"\s+(?:at", r"\s+((?:at"),
        ),
        (
            "4-no-vocab.toml",
            TOPIC
                .replace("venue-x", "v4")
                .replace("[\"places\"]", "[\"nope\"]"),
        ),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let (stderr, dir, _keep) = load_rules(&refs);
    for (name, _) in &files {
        let at = format!("{}:", s(&dir.join(name)));
        assert!(stderr.contains(&at), "{name} missing from:\n{stderr}");
    }
    assert_eq!(stderr.matches("\n  hint: ").count(), 4, "{stderr}");
}
