//! The properties the fuzz targets (`fuzz/fuzz_targets/`) check, as library functions: each
//! panics when its property fails. The targets only call them; the tests below run them on the
//! fixtures, the seeds and hand-made hostile input, so `cargo test` (and CI) compiles and runs
//! what the fuzzer checks. The fuzz crate is outside the root build (it needs libFuzzer's C++
//! build); a change of the library that broke these checks used to surface only when someone
//! next ran `cargo fuzz`.

use std::sync::LazyLock;

use crate::Extracted;
use crate::rules::{DEFAULT_RULES, RuleSource, Rules, VOCABULARIES};

static DEFAULT: LazyLock<Rules> =
    LazyLock::new(|| Rules::defaults().unwrap_or_else(|e| panic!("default rules: {e}")));

/// Arbitrary bytes as an article file: decoding, front matter, boilerplate, sentences, every
/// extractor and the report over the one extraction. Never panics but on a broken property:
/// every sentence and claim span lies inside the text on char boundaries, a claim's span is
/// its value as written, the report lists the article and survives a JSON round trip.
pub fn article(data: &[u8]) {
    let rules = &*DEFAULT;
    let Ok(article) = crate::article::parse_article("fuzz".into(), "fuzz.txt".into(), data) else {
        return;
    };
    for s in &article.sentences {
        assert!(s.start <= s.end && s.end <= article.text.len());
        assert!(article.text.is_char_boundary(s.start) && article.text.is_char_boundary(s.end));
    }
    let extracted = crate::extract_article(&article, rules);
    let Extracted::Read(_, extraction) = &extracted else {
        panic!("an article that was read is extracted");
    };
    for c in &extraction.claims {
        assert!(c.start <= c.end && c.end <= article.text.len(), "{c:?}");
        assert_eq!(article.text.get(c.start..c.end), Some(&*c.value), "{c:?}");
    }
    let report = crate::build_report(vec![extracted], Vec::new(), rules);
    assert_eq!(report.articles.len(), 1);
    let json = serde_json::to_string(&report).unwrap_or_else(|e| panic!("json: {e}"));
    let _: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
}

fn source(relative: &str, text: &str) -> RuleSource {
    RuleSource {
        display: format!("fuzz/{relative}"),
        relative: relative.to_string(),
        text: text.to_string(),
    }
}

fn builtin(relative: &str) -> RuleSource {
    let text = DEFAULT_RULES
        .iter()
        .find(|(rel, _)| *rel == relative)
        .map_or("", |(_, t)| *t);
    source(relative, text)
}

/// Which file a fuzzed text is taken for: the table that marks each kind of rule file, else a
/// choice by length (so that mutations reach every kind).
fn role(text: &str) -> Option<&'static str> {
    const MARKS: [(&str, Option<&str>); 9] = [
        ("[topic]", None),
        ("[[person]]", Some("people")),
        ("[[place]]", Some("places")),
        ("[tenure]", Some("titles")),
        ("[[verb]]", Some("measures")),
        ("new_series_gap_days", Some("events")),
        ("[multipliers]", Some("numbers")),
        ("[[hedge]]", Some("hedges")),
        ("future", Some("time")),
    ];
    for (mark, role) in MARKS {
        if text.contains(mark) {
            return role;
        }
    }
    let pick = text.len() % (VOCABULARIES.len() + 1);
    pick.checked_sub(1)
        .and_then(|i| VOCABULARIES.get(i))
        .map(|(name, _)| *name)
}

/// Arbitrary text as a rule file: a topic file, or one vocabulary file beside two topic files
/// that use it. Loading gives rules, or errors with a message and a position (line and column
/// from 1, the line inside the fuzzed file); it never panics.
pub fn rule_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let sources = match role(text) {
        None => vec![source("fuzzed.toml", text)],
        Some(vocab) => vec![
            builtin("venue.toml"),
            builtin("drone-count.toml"),
            source(&format!("vocab/{vocab}.toml"), text),
        ],
    };
    let Err(errors) = Rules::from_sources(sources, "fuzz") else {
        return;
    };
    assert!(!errors.0.is_empty());
    let lines = text.matches('\n').count() + 1;
    for e in &errors.0 {
        assert!(e.line >= 1 && e.column >= 1, "{e}");
        assert!(!e.message.is_empty(), "{e}");
        if e.file.starts_with("fuzz/")
            && e.file != "fuzz/venue.toml"
            && e.file != "fuzz/drone-count.toml"
        {
            assert!(e.line <= lines, "{e} (the file has {lines} lines)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixtures and the seeds, whole and cut at a few bytes (mid-character ones too),
    /// and hostile bytes: what the fuzzer's corpus starts from.
    #[test]
    fn the_article_properties_hold_on_the_fixtures_and_hostile_bytes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in [root.join("fixtures/articles"), root.join("../shared/seeds")] {
            if let Ok(entries) = std::fs::read_dir(&dir) {
                for e in entries.flatten() {
                    files.push(std::fs::read(e.path()).expect("a fixture reads"));
                }
            }
        }
        assert!(files.len() >= 5, "the fixtures are there");
        for bytes in &files {
            article(bytes);
            for cut in [1, 7, 100, 1_001, bytes.len() / 2] {
                article(bytes.get(..cut).unwrap_or(bytes));
            }
        }
        for hostile in [
            &b""[..],
            b"\xEF\xBB\xBF",
            b"\xFF\xFE1\x002\x00",
            b"---\n---\n",
            b"---\ntitle: [\n",
            b"On Monday, 1,2,3,4,5,6 drones ... 10^400 percent.",
            "Umerov\u{0301}\u{200B} met on 31 February 2025, 99999999999999999999 km².".as_bytes(),
            b"\r\r\r\n\n\x0c\x0b",
        ] {
            article(hostile);
        }
    }

    /// Every built-in rule file as the fuzzer sees it: whole, and cut short at lines and
    /// inside them (each cut gives rules or errors that point inside the file).
    #[test]
    fn the_rule_file_properties_hold_on_the_builtin_files_and_cuts() {
        for (_, text) in DEFAULT_RULES {
            rule_file(text.as_bytes());
            for cut in [1, 10, text.len() / 3, text.len() / 2, text.len() - 1] {
                if let Some(part) = text.as_bytes().get(..cut) {
                    rule_file(part);
                }
            }
        }
        rule_file(b"[topic]\nname = 3\n[[pattern\n");
        rule_file(b"\xFF not UTF-8");
    }
}
