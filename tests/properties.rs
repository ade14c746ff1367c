//! Properties of the pipeline on arbitrary input: the extractor never panics, every claim's
//! byte span lies inside the text on char boundaries around the value as written, and the JSON
//! report always parses back and accounts for every input.

use std::collections::BTreeSet;
use std::fs;
use std::sync::LazyLock;

use crosscheck::article::parse_article;
use crosscheck::extract::extract;
use crosscheck::input::collect;
use crosscheck::model::{Article, Report};
use crosscheck::rules::Rules;
use proptest::prelude::*;

static RULES: LazyLock<Rules> =
    LazyLock::new(|| Rules::defaults().unwrap_or_else(|e| panic!("default rules: {e}")));

/// Words and marks the extractors react to, so random text yields claims, not just noise.
const WORDS: &[&str] = &[
    "Defense",
    "Minister",
    "Rustem",
    "Umerov",
    "former",
    "now",
    "President",
    "Volodymyr",
    "Zelensky",
    "Ukraine's",
    "Russia",
    "delegation",
    "led",
    "by",
    "Vladimir",
    "Medinsky",
    "talks",
    "in",
    "Istanbul",
    "on",
    "Monday",
    "Friday",
    "July",
    "23",
    "May",
    "16",
    "2025",
    "about",
    "one-fifth",
    "nearly",
    "20%",
    "more",
    "than",
    "1.2",
    "million",
    "472",
    "drones",
    "launched",
    "shot",
    "down",
    "killed",
    "at",
    "least",
    "12",
    "people",
    "round",
    "second",
    "the",
    "a",
    ",",
    ".",
    "?",
    "!",
    "(",
    ")",
    "“",
    "”",
    "’",
    "—",
    "\u{a0}",
    "\u{200b}",
    "\n",
    "\r\n",
    "\r",
    "+++",
    "outlet",
    "=",
    "\"X\"",
    "published",
    "2025-07-26",
    "km",
    "hours",
    "$5bn",
    "U.S.",
    "Mr.",
    "No.",
    "é",
    "日本",
    "<div>",
    "Share",
    "Latest News",
    "- ",
    "Secretary",
    "of",
    "National",
    "Security",
    "Council",
    "who",
    "serves",
    "as",
    "envoy",
    "Kellogg",
    "Keith",
];

/// Text made of extractor words joined by spaces or glued together.
fn wordy() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(WORDS), any::<bool>()), 0..120).prop_map(|ws| {
        let mut s = String::new();
        for (w, glue) in ws {
            if !glue {
                s.push(' ');
            }
            s.push_str(w);
        }
        s
    })
}

/// Bytes: random, random text, or extractor words with random bytes spliced in.
fn input_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..600),
        any::<String>().prop_map(String::into_bytes),
        wordy().prop_map(String::into_bytes),
        (
            wordy(),
            prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4)
        )
            .prop_map(|(s, edits)| {
                let mut b = s.into_bytes();
                for (at, byte) in edits {
                    if !b.is_empty() {
                        let i = at.index(b.len());
                        b[i] = byte;
                    }
                }
                b
            }),
    ]
}

fn check_article(bytes: &[u8], article: &Article) -> Result<(), TestCaseError> {
    if article.decoded_from.is_none() {
        // UTF-8 input is kept exactly as read.
        prop_assert_eq!(article.text.as_bytes(), bytes);
    }
    for s in &article.sentences {
        prop_assert!(s.start < s.end && s.end <= article.text.len(), "{:?}", s);
        prop_assert!(
            article.text.is_char_boundary(s.start) && article.text.is_char_boundary(s.end)
        );
    }
    let extraction = extract(article, &RULES);
    for c in &extraction.claims {
        prop_assert!(c.start <= c.end && c.end <= article.text.len(), "{:?}", c);
        prop_assert!(
            article.text.is_char_boundary(c.start) && article.text.is_char_boundary(c.end),
            "{:?}",
            c
        );
        prop_assert_eq!(&article.text[c.start..c.end], &*c.value, "{:?}", c);
        prop_assert!(c.line >= 1 && c.column >= 1);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn extraction_never_panics_and_spans_hold_the_value(bytes in input_bytes()) {
        if let Ok(article) = parse_article("p".into(), "p.txt".into(), &bytes) {
            check_article(&bytes, &article)?;
        }
    }
}

/// One file of a random folder: a name (possibly colliding stems, nested) and its bytes.
fn files() -> impl Strategy<Value = Vec<(String, Vec<u8>)>> {
    let name = (
        prop::sample::select(&["", "a/", "b/", "a/c/"][..]),
        prop::sample::select(&["x", "y", "story", "z.z"][..]),
        prop::sample::select(&[".txt", ".md", ".TXT", ".json"][..]),
    )
        .prop_map(|(dir, stem, ext)| format!("{dir}{stem}{ext}"));
    prop::collection::vec((name, input_bytes()), 0..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_json_report_parses_back_and_accounts_for_every_input(files in files()) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut expected = BTreeSet::new();
        for (name, bytes) in &files {
            let path = dir.path().join(name);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| TestCaseError::fail(e.to_string()))?;
            }
            fs::write(&path, bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
            if !name.ends_with(".json") {
                expected.insert(path.to_string_lossy().into_owned());
            }
        }
        let inputs = collect(&[dir.path().to_path_buf()], "-")
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(inputs.files.len() + inputs.skipped.len(), expected.len());
        let report = crosscheck::run(&inputs, &RULES);
        let json = serde_json::to_string(&report).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: Report = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back.articles.len() + back.skipped.len(), expected.len());
        let listed: BTreeSet<String> = back
            .articles
            .iter()
            .map(|a| a.path.clone())
            .chain(back.skipped.iter().map(|s| s.path.clone()))
            .collect();
        prop_assert_eq!(&listed, &expected);
        let ids: BTreeSet<&str> = back.articles.iter().map(|a| a.id.as_str()).collect();
        prop_assert_eq!(ids.len(), back.articles.len(), "ids are unique");
        for s in &back.skipped {
            prop_assert!(!s.reason.is_empty());
        }
        // Every claim of a finding belongs to a listed article.
        for f in &back.findings {
            for c in &f.claims {
                prop_assert!(ids.contains(&*c.article), "{:?}", c.article);
            }
        }
    }
}
