//! The plain data that flows through the pipeline: articles in, claims, findings and the report out.
//!
//! Every stage takes these types and returns these types; none of them touches files or the
//! terminal.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// A calendar date (no time zone): the date of an article or of an event.
pub type Date = jiff::civil::Date;

/// Where an article's date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// `published = ...` in the `+++` front matter.
    FrontMatter,
    /// A dateline or page date found in the text ("Saturday, July 26, 2025").
    Text,
}

/// Metadata of one article, from front matter or from the text itself.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
    pub published_from: Option<DateSource>,
}

/// One sentence of an article body: byte offsets into [`Article::text`], which are byte
/// offsets into the file as read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// One article as read: its text, metadata and the sentences of its body (page boilerplate and
/// front matter are not in any sentence).
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    /// The file stem, made unique within a run.
    pub id: String,
    /// The path as the user gave it (or `-` for stdin).
    pub path: String,
    /// The whole file, decoded. For UTF-8 input the byte offsets of this string are the byte
    /// offsets of the file.
    pub text: String,
    /// The encoding the file was decoded from when it was not UTF-8 (offsets then refer to the
    /// decoded text).
    pub decoded_from: Option<String>,
    pub meta: Metadata,
    pub sentences: Vec<Sentence>,
}

impl Article {
    pub fn sentence_text(&self, s: &Sentence) -> &str {
        &self.text[s.start..s.end]
    }
}

/// An interval of numbers a value stands for once its hedge is read: "about 20%" is roughly
/// [0.18, 0.22], "more than 1.2 million" is (1.2e6, ∞). Infinite ends serialize as `null`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    #[serde(with = "finite_or_null")]
    pub lo: f64,
    #[serde(with = "finite_or_null")]
    pub hi: f64,
    /// The number as written, before the hedge widened it.
    pub point: f64,
}

impl Interval {
    pub fn exact(x: f64) -> Self {
        Interval {
            lo: x,
            hi: x,
            point: x,
        }
    }
    pub fn contains(&self, x: f64) -> bool {
        self.lo <= x && x <= self.hi
    }
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }
}

mod finite_or_null {
    use serde::{Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        if x.is_finite() {
            s.serialize_f64(*x)
        } else {
            s.serialize_none()
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        // `null` stands for an unbounded end; which end is decided by the field: callers only
        // ever leave `hi` unbounded above or `lo` unbounded below, so the sign is recovered
        // from context by `Interval::normalize_unbounded` if needed. We keep +∞ here and fix
        // `lo` below.
        Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::INFINITY))
    }
}

impl Interval {
    /// After deserializing, an unbounded `lo` reads as +∞; make it −∞.
    pub fn normalize_unbounded(mut self) -> Self {
        if self.lo == f64::INFINITY && self.hi.is_finite() {
            self.lo = f64::NEG_INFINITY;
        }
        self
    }
}

/// What kind of value a claim states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValueKind {
    /// A count of things: 472 drones, 1,000 detainees.
    Count,
    /// A share or proportion: one-fifth, 20%.
    Share,
    /// A calendar date or part of one: May 16, June 2025.
    Date,
    /// A day of the week.
    Weekday,
    /// A time of day: 0745 GMT.
    Time,
    /// A length of time, in seconds: 90 minutes, three years.
    Duration,
    /// A distance, in metres.
    Distance,
    /// An area, in square metres.
    Area,
    /// An amount of money.
    Money,
    /// A person (for "who leads", "who represents").
    Person,
    /// A title or post held by a person.
    Title,
    /// A place or venue.
    Place,
}

impl ValueKind {
    pub const ALL: [ValueKind; 12] = [
        ValueKind::Count,
        ValueKind::Share,
        ValueKind::Date,
        ValueKind::Weekday,
        ValueKind::Time,
        ValueKind::Duration,
        ValueKind::Distance,
        ValueKind::Area,
        ValueKind::Money,
        ValueKind::Person,
        ValueKind::Title,
        ValueKind::Place,
    ];
    pub fn name(self) -> &'static str {
        match self {
            ValueKind::Count => "count",
            ValueKind::Share => "share",
            ValueKind::Date => "date",
            ValueKind::Weekday => "weekday",
            ValueKind::Time => "time",
            ValueKind::Duration => "duration",
            ValueKind::Distance => "distance",
            ValueKind::Area => "area",
            ValueKind::Money => "money",
            ValueKind::Person => "person",
            ValueKind::Title => "title",
            ValueKind::Place => "place",
        }
    }
    pub fn from_name(s: &str) -> Option<ValueKind> {
        ValueKind::ALL.into_iter().find(|k| k.name() == s)
    }
    /// Numeric kinds compare as intervals.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            ValueKind::Count
                | ValueKind::Share
                | ValueKind::Duration
                | ValueKind::Distance
                | ValueKind::Area
                | ValueKind::Money
        )
    }
}

/// When a title is said to be held, relative to the article: "former defense minister",
/// "now Secretary of ...", "who also serves as ...".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tenure {
    /// Plain title, read as held at the article's date.
    Current,
    /// "former", "ex-", "then-", "previously", "until July": held before, not now.
    Former,
    /// "now", "newly appointed", "recently named": a post taken up recently.
    Now,
    /// "also", "who also serves as": held at the same time as another title.
    Also,
}

/// One statement of one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The article id, shared by the claims of one article.
    pub article: Arc<str>,
    pub topic: Box<str>,
    /// The canonical subject: a person ("Ana Ruiz"), a side's delegation ("Chile
    /// delegation"), or a measure ("drones launched").
    pub subject: Box<str>,
    pub kind: ValueKind,
    /// The value as written; `file[start..end]` contains it.
    pub value: Box<str>,
    /// The value normalized for comparison ("defense minister", "0.2", "2025-07-23").
    pub normalized: Box<str>,
    /// For numeric kinds: the interval the value stands for once its hedge is read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<Interval>,
    /// The unit of a numeric value when it has one ("km²", "s", "%").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Box<str>>,
    /// The hedge word as normalized ("about", "more than"), if any.
    pub hedge: Option<Box<str>>,
    /// For titles: when the title is held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenure: Option<Tenure>,
    /// The event the claim is about, where known ("round 2", "2025-07-23").
    pub event: Option<Box<str>>,
    /// The date the claim is about, where it resolves to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The sentence that says it, shared by the claims of one sentence (a large run holds
    /// each sentence once, not once per claim).
    pub quote: Arc<str>,
    /// Byte offsets of the value in the file as read.
    pub start: usize,
    pub end: usize,
    /// 1-based line and column (in characters) of `start` and of `end`. 32 bits: a
    /// 100k-article run holds two million claims, and an input has at most 64 MiB
    /// ([`crate::input::MAX_FILE_BYTES`]), so no line or column reaches `u32::MAX`.
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// What the sources' claims on one fact amount to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The same thing at the same time, incompatible values.
    Contradiction,
    /// Different values explained by time or by different events.
    Changed,
    /// Different words or hedged numbers that can both be true.
    Compatible,
    /// The same value.
    Agreement,
}

impl Verdict {
    pub const ALL: [Verdict; 4] = [
        Verdict::Contradiction,
        Verdict::Changed,
        Verdict::Compatible,
        Verdict::Agreement,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Contradiction => "contradiction",
            Verdict::Changed => "changed",
            Verdict::Compatible => "compatible",
            Verdict::Agreement => "agreement",
        }
    }
    /// Disagreements are the verdicts that show evidence side by side.
    pub fn is_disagreement(self) -> bool {
        matches!(self, Verdict::Contradiction | Verdict::Changed)
    }
}

/// All claims on one (topic, subject) across the articles, with a verdict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub topic: String,
    pub subject: String,
    /// The distinct events of the claims, in order of first appearance.
    pub events: Vec<String>,
    pub verdict: Verdict,
    pub reason: String,
    pub claims: Vec<Claim>,
}

/// One article as the report lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: String,
    pub path: String,
    pub outlet: Option<String>,
    pub published: Option<Date>,
    pub claims: usize,
    /// What was not read of the article, and why ("only the first 100000 sentences were
    /// read"): nothing is dropped silently.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// An input that could not be read as an article, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// One accepted finding of a baseline file (`[[accepted]]`): what it was when accepted, its
/// fingerprint and why it is accepted. A report lists the entries that no longer match any
/// finding as `stale`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub topic: String,
    pub subject: String,
    pub verdict: Verdict,
    /// The distinct events of the finding, sorted.
    #[serde(default)]
    pub events: Vec<String>,
    /// The distinct normalized values of its claims, sorted.
    pub values: Vec<String>,
    /// The distinct article ids of its claims, sorted.
    pub articles: Vec<String>,
    /// 16 hex digits: xxh3 of topic, subject, events, values and articles.
    pub fingerprint: String,
    /// Why the finding is accepted (prefilled with the finding's reason).
    #[serde(default)]
    pub reason: String,
}

/// The whole report: every input is in `articles` or in `skipped`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub version: u32,
    pub articles: Vec<ArticleSummary>,
    pub skipped: Vec<Skipped>,
    pub findings: Vec<Finding>,
    /// How many findings a baseline accepted (and so are not in `findings`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub accepted: usize,
    /// Baseline entries that match no finding any more (only with `--baseline`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<BaselineEntry>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Report {
    pub const VERSION: u32 = 1;

    pub fn count(&self, verdict: Verdict) -> usize {
        self.findings
            .iter()
            .filter(|f| f.verdict == verdict)
            .count()
    }
}

/// 1-based line and column (counted in characters) of byte offset `at` in `text`.
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = &text.as_bytes()[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = text
        .get(line_start..at)
        .map_or(at - line_start, |s| s.chars().count())
        + 1;
    (line, column)
}

/// A line or column as a claim keeps it: 32 bits (saturating, which no input of at most
/// 64 MiB reaches).
pub fn position(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// 1-based (line, column) of many byte offsets of one text in a single pass: O(text +
/// offsets·log offsets), where calling [`line_col`] for each would be O(text·offsets).
/// Offsets past the end or inside a character count as the next character boundary.
pub fn line_cols(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![(1, 1); offsets.len()];
    let bytes = text.as_bytes();
    let (mut line, mut col) = (1usize, 1usize);
    let mut at = 0;
    for i in order {
        let mut target = offsets[i].min(bytes.len());
        while !text.is_char_boundary(target) {
            target += 1;
        }
        // The offsets are visited in order, so `target` never goes back.
        let passed = bytes.get(at..target).unwrap_or_default();
        match memchr::memrchr(b'\n', passed) {
            Some(last_break) => {
                line += memchr::memchr_iter(b'\n', passed).count();
                col = 1 + char_count(passed.get(last_break + 1..).unwrap_or_default());
            }
            None => col += char_count(passed),
        }
        at = at.max(target);
        out[i] = (line, col);
    }
    out
}

/// The number of characters of whole UTF-8 text: its bytes that do not continue a character.
fn char_count(utf8: &[u8]) -> usize {
    utf8.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// The short name of an article id, in reasons and tables: `000_e9dbfd29550725fb` → `000`
/// (digits, `_`, then a hex hash of at least 6 digits). Other ids are kept whole:
/// `2025_05_16_reuters` is not shortened to a `2025` its neighbours would share.
pub fn short_id(id: &str) -> &str {
    if let Some((head, tail)) = id.split_once('_')
        && !head.is_empty()
        && head.bytes().all(|b| b.is_ascii_digit())
        && tail.len() >= 6
        && tail.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return head;
    }
    id
}

/// A claim for tests: the given article, kind and values, topic "t", subject "s", no quote,
/// at offset 0 of line 1.
#[cfg(test)]
pub fn test_claim(article: &str, kind: ValueKind, value: &str, normalized: &str) -> Claim {
    Claim {
        article: article.into(),
        topic: "t".into(),
        subject: "s".into(),
        kind,
        value: value.into(),
        normalized: normalized.into(),
        interval: None,
        unit: None,
        hedge: None,
        tenure: None,
        event: None,
        date: None,
        quote: "".into(),
        start: 0,
        end: 0,
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_cols_matches_line_col_for_every_offset() {
        let text = "ab\n’x y\n\nlast line";
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .rev()
            .collect();
        let many = line_cols(text, &offsets);
        for (o, lc) in offsets.iter().zip(many) {
            assert_eq!(lc, line_col(text, *o), "offset {o}");
        }
    }

    /// [`line_cols`] char by char.
    fn line_cols_by_chars(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for &target in offsets {
            let (mut line, mut col) = (1, 1);
            for (at, c) in text.char_indices() {
                if at >= target {
                    break;
                }
                if c == '\n' {
                    line += 1;
                    col = 1;
                } else {
                    col += 1;
                }
            }
            out.push((line, col));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn line_cols_is_the_char_by_char_count(
            text in r"([a-z \n\r]|é|’|\u{1F600}){0,40}",
            offsets in proptest::collection::vec(0usize..200, 0..12),
        ) {
            proptest::prop_assert_eq!(line_cols(&text, &offsets), line_cols_by_chars(&text, &offsets));
        }
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "ab\n’x y";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // '’' is three bytes, one character.
        assert_eq!(line_col(text, 6), (2, 2));
    }

    #[test]
    fn unbounded_interval_round_trips_through_json() {
        let i = Interval {
            lo: 1.2e6,
            hi: f64::INFINITY,
            point: 1.2e6,
        };
        let json = serde_json::to_string(&i).unwrap();
        assert_eq!(json, r#"{"lo":1200000.0,"hi":null,"point":1200000.0}"#);
        let back: Interval = serde_json::from_str(&json).unwrap();
        assert_eq!(back.normalize_unbounded(), i);
        let below = Interval {
            lo: f64::NEG_INFINITY,
            hi: 5.0,
            point: 5.0,
        };
        let back: Interval = serde_json::from_str(&serde_json::to_string(&below).unwrap()).unwrap();
        assert_eq!(back.normalize_unbounded(), below);
    }
}
