//! Word-level diffs of evidence sentences (with `similar`), and their renderings.
//!
//! Markers, chosen after `git diff --word-diff=plain` so they read the same everywhere:
//!
//! | rendering                    | removed words            | added words              |
//! |------------------------------|--------------------------|--------------------------|
//! | terminal, no colour          | `[-words-]`              | `{+words+}`              |
//! | terminal, colour             | bold red (`ESC[1;31m`)   | bold green (`ESC[1;32m`) |
//! | Markdown                     | `~~words~~`              | `**words**`              |
//!
//! Markers wrap the words only: whitespace at the edges of a change stays outside them, so
//! Markdown renders `~~12~~` and never the inert `~~ 12~~`.

use similar::{Algorithm, ChangeTag};

/// What a span of a word diff is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffTag {
    /// In both sentences.
    Equal,
    /// Only in the old (first) sentence.
    Removed,
    /// Only in the new (second) sentence.
    Added,
}

/// A run of text with one tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffSpan {
    pub tag: DiffTag,
    pub text: String,
}

/// The word diff of two sentences: spans in reading order; `Equal` and `Removed` spans spell
/// `old`, `Equal` and `Added` spans spell `new`.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffSpan> {
    let mut spans: Vec<DiffSpan> = Vec::new();
    for (tag, text) in similar::utils::diff_words(Algorithm::Myers, old, new) {
        let tag = match tag {
            ChangeTag::Equal => DiffTag::Equal,
            ChangeTag::Delete => DiffTag::Removed,
            ChangeTag::Insert => DiffTag::Added,
        };
        push(&mut spans, tag, text);
    }
    cleanup(spans)
}

fn push(spans: &mut Vec<DiffSpan>, tag: DiffTag, text: &str) {
    if text.is_empty() {
        return;
    }
    match spans.last_mut() {
        Some(last) if last.tag == tag => last.text.push_str(text),
        _ => spans.push(DiffSpan {
            tag,
            text: text.to_string(),
        }),
    }
}

/// An equal run too small to anchor a diff between two changes: whitespace, or one short word
/// ("of", "the").
fn is_filler(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.is_empty() || (words.len() == 1 && words[0].chars().count() <= 3)
}

/// Merges changes separated only by filler into one removal and one addition, so that
/// `[-The utility said-] [-40%-] of [-homes,-]` reads `[-The utility said 40% of homes,-]`.
/// Both sentences are still spelled by their spans.
fn cleanup(spans: Vec<DiffSpan>) -> Vec<DiffSpan> {
    let mut out: Vec<DiffSpan> = Vec::new();
    let (mut removed, mut added) = (String::new(), String::new());
    let flush = |out: &mut Vec<DiffSpan>, removed: &mut String, added: &mut String| {
        push(out, DiffTag::Removed, removed);
        push(out, DiffTag::Added, added);
        removed.clear();
        added.clear();
    };
    for (i, s) in spans.iter().enumerate() {
        match s.tag {
            DiffTag::Removed => removed.push_str(&s.text),
            DiffTag::Added => added.push_str(&s.text),
            DiffTag::Equal => {
                let in_change = !removed.is_empty() || !added.is_empty();
                let change_follows = spans.get(i + 1).is_some_and(|n| n.tag != DiffTag::Equal);
                if in_change && change_follows && is_filler(&s.text) {
                    removed.push_str(&s.text);
                    added.push_str(&s.text);
                } else {
                    flush(&mut out, &mut removed, &mut added);
                    push(&mut out, DiffTag::Equal, &s.text);
                }
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    out
}

const RED: &str = "\x1b[1;31m";
const GREEN: &str = "\x1b[1;32m";
const RESET: &str = "\x1b[0m";

/// `text` with `open`/`close` around its words, whitespace at the edges left outside.
fn wrap(out: &mut String, text: &str, open: &str, close: &str) {
    let core = text.trim();
    if core.is_empty() {
        out.push_str(text);
        return;
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    out.push_str(lead);
    out.push_str(open);
    out.push_str(core);
    out.push_str(close);
    out.push_str(trail);
}

/// Whether two sentences share enough words for a word diff to help: otherwise each is better
/// shown whole, with only its value marked (see [`mark_value`]).
pub fn similar_enough(old: &str, new: &str) -> bool {
    similar::TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_words(old, new)
        .ratio()
        >= 0.6
}

/// A sentence with the value in it marked as removed (`tag` Removed) or added (Added) words
/// are (terminal). The sentence is unchanged when the value is not in it.
pub fn mark_value(quote: &str, value: &str, tag: DiffTag, color: bool) -> String {
    let Some(at) = quote.find(value).filter(|_| !value.is_empty()) else {
        return quote.to_string();
    };
    let (open, close) = terminal_markers(tag, color);
    format!(
        "{}{open}{value}{close}{}",
        &quote[..at],
        &quote[at + value.len()..]
    )
}

/// The old sentence with its removed words highlighted (terminal).
pub fn old_side(spans: &[DiffSpan], color: bool) -> String {
    side(spans, DiffTag::Removed, color)
}

/// The new sentence with its added words highlighted (terminal).
pub fn new_side(spans: &[DiffSpan], color: bool) -> String {
    side(spans, DiffTag::Added, color)
}

fn side(spans: &[DiffSpan], keep: DiffTag, color: bool) -> String {
    let mut out = String::new();
    for s in spans {
        match s.tag {
            DiffTag::Equal => out.push_str(&s.text),
            t if t == keep => {
                let (open, close) = terminal_markers(t, color);
                wrap(&mut out, &s.text, open, close);
            }
            _ => {}
        }
    }
    out
}

fn terminal_markers(tag: DiffTag, color: bool) -> (&'static str, &'static str) {
    match (tag, color) {
        (DiffTag::Removed, true) => (RED, RESET),
        (DiffTag::Added, true) => (GREEN, RESET),
        (DiffTag::Removed, false) => ("[-", "-]"),
        (DiffTag::Added, false) => ("{+", "+}"),
        (DiffTag::Equal, _) => ("", ""),
    }
}

/// Both sentences in one line: `The storm killed [-12-] {+15+} people` (terminal).
pub fn inline_terminal(spans: &[DiffSpan], color: bool) -> String {
    let mut out = String::new();
    for s in spans {
        let (open, close) = terminal_markers(s.tag, color);
        wrap(&mut out, &s.text, open, close);
    }
    out
}

/// Both sentences in one line of Markdown: `The storm killed ~~12~~ **15** people`. Text is
/// escaped for Markdown (see [`crate::render::markdown::escape_inline`]).
pub fn inline_markdown(spans: &[DiffSpan]) -> String {
    use crate::render::markdown::escape_inline;
    let mut out = String::new();
    for (i, s) in spans.iter().enumerate() {
        let text = escape_inline(&s.text);
        match s.tag {
            DiffTag::Equal => out.push_str(&text),
            DiffTag::Removed => {
                wrap(&mut out, &text, "~~", "~~");
                // `~~12~~**15**` would not render; keep a space between a removal and the
                // addition that replaces it.
                if spans.get(i + 1).is_some_and(|n| n.tag == DiffTag::Added)
                    && !text.ends_with(char::is_whitespace)
                {
                    out.push(' ');
                }
            }
            DiffTag::Added => wrap(&mut out, &text, "**", "**"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(v: &[(DiffTag, &str)]) -> Vec<DiffSpan> {
        v.iter()
            .map(|(tag, text)| DiffSpan {
                tag: *tag,
                text: text.to_string(),
            })
            .collect()
    }

    #[test]
    fn a_changed_number_is_one_removal_and_one_addition() {
        let d = word_diff(
            "The storm killed 12 people on Tuesday.",
            "The storm killed at least 15 people on Tuesday.",
        );
        assert_eq!(
            d,
            spans(&[
                (DiffTag::Equal, "The storm killed "),
                (DiffTag::Removed, "12"),
                (DiffTag::Added, "at least 15"),
                (DiffTag::Equal, " people on Tuesday."),
            ])
        );
        assert_eq!(
            old_side(&d, false),
            "The storm killed [-12-] people on Tuesday."
        );
        assert_eq!(
            new_side(&d, false),
            "The storm killed {+at least 15+} people on Tuesday."
        );
        assert_eq!(
            inline_terminal(&d, false),
            "The storm killed [-12-]{+at least 15+} people on Tuesday."
        );
        assert_eq!(
            inline_markdown(&d),
            "The storm killed ~~12~~ **at least 15** people on Tuesday."
        );
        assert_eq!(
            old_side(&d, true),
            "The storm killed \x1b[1;31m12\x1b[0m people on Tuesday."
        );
    }

    #[test]
    fn sides_spell_the_sentences() {
        let (a, b) = ("a b c d e", "a x c d f g");
        let d = word_diff(a, b);
        let old: String = d
            .iter()
            .filter(|s| s.tag != DiffTag::Added)
            .map(|s| s.text.as_str())
            .collect();
        let new: String = d
            .iter()
            .filter(|s| s.tag != DiffTag::Removed)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!((old.as_str(), new.as_str()), (a, b));
    }

    #[test]
    fn whitespace_stays_outside_markers() {
        let d = spans(&[
            (DiffTag::Equal, "x"),
            (DiffTag::Removed, " in Port Avel "),
            (DiffTag::Equal, "y"),
        ]);
        assert_eq!(inline_markdown(&d), "x ~~in Port Avel~~ y");
        assert_eq!(old_side(&d, false), "x [-in Port Avel-] y");
    }

    #[test]
    fn changes_split_by_filler_merge() {
        let d = word_diff(
            "The utility said 40% of homes had no power.",
            "Roughly one-third of homes were without power.",
        );
        assert_eq!(
            inline_terminal(&d, false),
            "[-The utility said 40%-]{+Roughly one-third+} of homes [-had no-]{+were without+} power."
        );
        let d = word_diff("a b c d", "x b y d");
        assert_eq!(inline_terminal(&d, false), "[-a b c-]{+x b y+} d");
    }

    #[test]
    fn identical_sentences_have_no_changes() {
        let d = word_diff("same words", "same words");
        assert!(d.iter().all(|s| s.tag == DiffTag::Equal));
        assert!(word_diff("", "").is_empty());
    }
}
