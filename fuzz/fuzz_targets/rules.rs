//! Arbitrary text as a rule file: a topic file, or one vocabulary file beside two topic files
//! that use it. Loading must give rules or errors whose positions lie inside the file; it must
//! never panic.
#![no_main]

use crosscheck::rules::{DEFAULT_RULES, RuleSource, Rules, VOCABULARIES};
use libfuzzer_sys::fuzz_target;

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

/// Which file the text is: the table that marks each kind, else a choice by length (so
/// mutations reach every kind).
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
    if pick == 0 {
        None
    } else {
        Some(VOCABULARIES[pick - 1].0)
    }
}

fuzz_target!(|data: &[u8]| {
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
});
