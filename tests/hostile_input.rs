//! Hostile inputs through the library API: every case is built in a temporary folder and must
//! end in an exact outcome (read, or skipped with a reason), fast and without panicking.

use std::fs;
use std::path::{Path, PathBuf};

use crosscheck::article::parse_article_with;
use crosscheck::input::{Input, collect, read_with};
use crosscheck::model::{Article, Date, Skipped};

/// The page-date finder is another module's; these tests do not depend on it.
fn no_date(_: &str) -> Option<Date> {
    None
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

/// Collect one path and read the single input it yields.
fn read_one(path: &Path) -> Result<Article, Skipped> {
    let inputs = collect(&[path.to_path_buf()], "-").unwrap();
    assert!(inputs.skipped.is_empty(), "{:?}", inputs.skipped);
    assert_eq!(inputs.files.len(), 1);
    read_with(&inputs.files[0], no_date)
}

fn sentences(a: &Article) -> Vec<&str> {
    a.sentences.iter().map(|s| a.sentence_text(s)).collect()
}

fn skipped(path: &Path, reason: &str) -> Skipped {
    Skipped {
        path: path.to_string_lossy().into_owned(),
        reason: reason.to_string(),
    }
}

#[test]
fn latin1_file_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "latin.txt",
        b"The na\xefve plan failed. Se\xf1or Ruiz resigned.",
    );
    let a = read_one(&p).unwrap();
    assert_eq!(a.decoded_from.as_deref(), Some("windows-1252"));
    assert_eq!(
        sentences(&a),
        ["The naïve plan failed.", "Señor Ruiz resigned."]
    );
}

#[test]
fn utf16_file_with_bom_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Snow closed the pass. Drivers waited.".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let p = write(dir.path(), "wide.txt", &bytes);
    let a = read_one(&p).unwrap();
    assert_eq!(a.decoded_from.as_deref(), Some("UTF-16LE"));
    assert_eq!(sentences(&a), ["Snow closed the pass.", "Drivers waited."]);
}

#[test]
fn utf8_bom_is_kept_and_skipped_by_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "bom.txt",
        "\u{feff}Lanterns lit the square. Music played.".as_bytes(),
    );
    let a = read_one(&p).unwrap();
    assert_eq!(a.decoded_from, None);
    assert_eq!(a.text.len(), fs::metadata(&p).unwrap().len() as usize);
    assert_eq!(a.sentences[0].start, 3);
    assert_eq!(sentences(&a), ["Lanterns lit the square.", "Music played."]);
}

#[test]
fn binary_file_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "photo.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    );
    assert_eq!(
        read_one(&p).unwrap_err(),
        skipped(&p, "binary file (NUL byte at byte 8)")
    );
}

#[test]
fn empty_and_whitespace_files_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "empty.txt", b"");
    assert_eq!(read_one(&p).unwrap_err(), skipped(&p, "empty file"));
    let p = write(dir.path(), "blank.txt", b"  \n\t\r\n  \n");
    assert_eq!(
        read_one(&p).unwrap_err(),
        skipped(&p, "no text (only whitespace)")
    );
}

#[test]
fn huge_file_without_newline_is_read_to_the_end() {
    // 50 MB of prose on one line (no newline anywhere, no sentence stop).
    let dir = tempfile::tempdir().unwrap();
    let unit = "The river rose again overnight and the town waited for news ";
    let bytes = unit.repeat(50_000_000 / unit.len());
    let p = write(dir.path(), "huge.txt", bytes.as_bytes());
    // Its speed is measured by the benchmark (README), not here.
    let a = read_one(&p).unwrap();
    assert_eq!(a.text.len(), bytes.len());
    assert!(a.sentences.len() <= 100_000);
    assert!(a.sentences.iter().all(|s| s.end - s.start <= 4_000));
    // The run is cut into pieces that cover it to the end (minus the trailing space).
    assert_eq!(a.sentences.last().map(|s| s.end), Some(bytes.len() - 1));
}

#[test]
fn crlf_and_lone_cr_line_endings() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "crlf.txt",
        b"Headline Words Here\r\n\r\nThe vote passed. Few objected.\r\nA recount follows.\r\n",
    );
    let a = read_one(&p).unwrap();
    assert_eq!(
        sentences(&a),
        ["The vote passed.", "Few objected.", "A recount follows."]
    );
    let p = write(
        dir.path(),
        "cr.txt",
        b"The vote passed. Few objected.\rA recount follows.\r",
    );
    let a = read_one(&p).unwrap();
    assert_eq!(
        sentences(&a),
        ["The vote passed.", "Few objected.", "A recount follows."]
    );
}

#[test]
fn html_saved_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<!DOCTYPE html>\n<html>\n<head><title>Page</title></head>\n<body>\n<div class=\"story\">\nThe museum reopened on Saturday. Queues formed early.\n</div>\n<div class=\"footer\"><a href=\"/\">Home</a></div>\n</body>\n</html>\n";
    let p = write(dir.path(), "page.txt", html.as_bytes());
    let a = read_one(&p).unwrap();
    assert_eq!(
        sentences(&a),
        ["The museum reopened on Saturday.", "Queues formed early."]
    );
    assert!(sentences(&a).iter().all(|s| !s.contains("<div")));
}

#[test]
fn malformed_and_unterminated_front_matter_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "typo.md",
        b"+++\noutlet = \"Coast News\"\nautor = \"Kim\"\n+++\nThe pier collapsed.\n",
    );
    assert_eq!(
        read_one(&p).unwrap_err(),
        skipped(
            &p,
            "front matter line 3: unknown key `autor`; expected one of outlet, url, published"
        )
    );
    let p = write(
        dir.path(),
        "open.md",
        b"+++\noutlet = \"Coast News\"\nThe pier collapsed.\n",
    );
    assert_eq!(
        read_one(&p).unwrap_err(),
        skipped(
            &p,
            "front matter line 1: the opening `+++` has no closing `+++` line"
        )
    );
    let p = write(dir.path(), "bad.md", b"+++\noutlet = = 3\n+++\nText.\n");
    let err = read_one(&p).unwrap_err();
    assert!(
        err.reason
            .starts_with("front matter line 2: malformed TOML: "),
        "{err:?}"
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "secret.txt", b"Hidden words.");
    fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::File::open(&p).is_ok() {
        // Running as root (or with CAP_DAC_OVERRIDE): permissions do not apply; nothing to test.
        return;
    }
    let err = read_one(&p).unwrap_err();
    assert_eq!(err.path, p.to_string_lossy());
    assert!(
        err.reason.starts_with("cannot read: Permission denied"),
        "{err:?}"
    );
}

#[cfg(unix)]
#[test]
fn unreadable_folder_is_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    write(&locked, "inside.txt", b"Locked away.");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let inputs = collect(&[dir.path().to_path_buf()], "-").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    if inputs.skipped.is_empty() {
        // Running as root: the folder was readable after all.
        assert_eq!(inputs.files.len(), 1);
        return;
    }
    assert!(inputs.files.is_empty());
    assert_eq!(inputs.skipped.len(), 1);
    assert_eq!(inputs.skipped[0].path, locked.to_string_lossy());
    assert!(
        inputs.skipped[0]
            .reason
            .starts_with("cannot read directory: Permission denied"),
        "{:?}",
        inputs.skipped
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("root");
    write(&root, "story.txt", b"A calm day.");
    // A folder link back to its parent, and a pair of file links pointing at each other.
    symlink(&root, root.join("again")).unwrap();
    symlink(root.join("b.txt"), root.join("a.txt")).unwrap();
    symlink(root.join("a.txt"), root.join("b.txt")).unwrap();
    let inputs = collect(std::slice::from_ref(&root), "-").unwrap();
    let ids: Vec<&str> = inputs.files.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["story"]);
    let shown = |name: &str| root.join(name).to_string_lossy().into_owned();
    let got: Vec<(String, String)> = inputs
        .skipped
        .iter()
        .map(|s| (s.path.clone(), s.reason.clone()))
        .collect();
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0].0, shown("a.txt"));
    assert!(got[0].1.starts_with("cannot read: "), "{got:?}");
    assert_eq!(
        got[1],
        (
            shown("again"),
            format!(
                "symlink loop: leads back to `{}`, which is being read",
                root.display()
            )
        )
    );
    assert_eq!(got[2].0, shown("b.txt"));
    assert!(got[2].1.starts_with("cannot read: "), "{got:?}");
}

#[cfg(unix)]
#[test]
fn the_same_file_twice_is_listed_once() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "news/one.txt", b"Only once.");
    symlink(&p, dir.path().join("news/alias.txt")).unwrap();
    let inputs = collect(
        &[
            p.clone(),
            dir.path().join("news"),
            p.clone(),
            dir.path().join("news/./one.txt"),
        ],
        "-",
    )
    .unwrap();
    assert!(inputs.skipped.is_empty());
    assert_eq!(
        inputs.files,
        [Input {
            path: Some(p.clone()),
            display: p.to_string_lossy().into_owned(),
            id: "one".to_string()
        }]
    );
}

#[test]
fn same_stem_in_two_folders_gets_unique_stable_ids() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "east/report.txt", b"East news.");
    let b = write(dir.path(), "west/report.md", b"West news.");
    let ids = |paths: &[PathBuf]| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = collect(paths, "-")
            .unwrap()
            .files
            .into_iter()
            .map(|f| (f.display, f.id))
            .collect();
        v.sort();
        v
    };
    let expected = vec![
        (a.to_string_lossy().into_owned(), "east/report".to_string()),
        (b.to_string_lossy().into_owned(), "west/report".to_string()),
    ];
    assert_eq!(ids(&[a.clone(), b.clone()]), expected);
    assert_eq!(ids(&[b.clone(), a.clone()]), expected);
    assert_eq!(ids(&[dir.path().to_path_buf()]), expected);
}

#[test]
fn missing_path_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("gone.txt");
    let err = collect(std::slice::from_ref(&p), "-").unwrap_err();
    assert_eq!(err.0, format!("path `{}` does not exist", p.display()));
}

#[test]
fn parse_article_with_works_through_the_library() {
    let a = parse_article_with(
        "x".into(),
        "x.txt".into(),
        b"Menu\nThe tram line opened.",
        no_date,
    )
    .unwrap();
    assert_eq!(sentences(&a), ["The tram line opened."]);
}

/// A file past the sentence limit is read up to it, and the report says what was left out.
#[test]
fn sentences_past_the_limit_are_noted_not_dropped_silently() {
    let mut text = String::with_capacity(4 * (crosscheck::article::MAX_SENTENCES + 10));
    for _ in 0..crosscheck::article::MAX_SENTENCES + 10 {
        text.push_str("Ok. ");
    }
    let article = crosscheck::article::parse_article_with(
        "big".into(),
        "big.txt".into(),
        text.as_bytes(),
        |_| None,
    )
    .expect("read");
    assert_eq!(article.sentences.len(), crosscheck::article::MAX_SENTENCES);
    let rules = crosscheck::rules::Rules::defaults().expect("rules");
    let crosscheck::Extracted::Read(summary, _) = crosscheck::extract_article(&article, &rules)
    else {
        panic!("not read");
    };
    assert_eq!(summary.notes.len(), 1, "{:?}", summary.notes);
    assert!(
        summary.notes[0].starts_with("only the first 100000 sentences were read"),
        "{:?}",
        summary.notes
    );
}

#[test]
fn text_that_is_not_utf8_is_read_and_says_how() {
    let rules = crosscheck::rules::Rules::defaults().expect("rules");
    let notes = |bytes: &[u8]| {
        let article = parse_article_with("a".into(), "a.txt".into(), bytes, no_date).expect("read");
        match crosscheck::extract_article(&article, &rules) {
            crosscheck::Extracted::Read(summary, _) => summary.notes,
            crosscheck::Extracted::Skipped(s) => panic!("skipped: {s:?}"),
        }
    };
    assert!(notes("Talks were held on Monday in Istanbul.\n".as_bytes()).is_empty());
    let cp1252 = b"The caf\xe9 talks were held on Monday in Istanbul.\n";
    assert_eq!(notes(cp1252), ["not valid UTF-8: read as windows-1252"]);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Talks were held on Monday.\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    assert_eq!(notes(&utf16), ["not valid UTF-8: read as UTF-16LE"]);
}
