//! Dates, weekdays and times of day as written in news, and resolving them against an
//! article's date.
//!
//! Month and weekday names are English and live in code (they are closed lists); the cue words
//! that tell a future statement from a past one are data in `rules/vocab/time.toml`.
//!
//! Conventions:
//! - Month and weekday names must be capitalized ("may" and "march" are verbs). "May" on its own
//!   is a month only after a cue word ("in May", "last May", "mid-May"); "May 16" and
//!   "May 2024" always are.
//! - A full date with a weekday ("Saturday, July 26, 2025") is one [`When::Date`] mention; the
//!   weekday is not reported separately.
//! - Numeric dates: `dd.mm.yyyy` with dots, `yyyy-mm-dd` (ISO), `mm/dd/yyyy` with slashes.
//! - A bare year is a [`When::Year`] only after a cue word ("in 2019", "since 2022",
//!   "mid-2022"); after "of" and "by" only when no word follows ("by 2030." but not
//!   "by 2000 people").
//! - Spans cover the date words only, never the preposition ("on", "in").

use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use serde::Deserialize;

use crate::model::Date;

/// `rules/vocab/time.toml`: cue words that tell a future statement from a past one.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeVocab {
    /// Words and phrases that mark a statement about the future ("will", "is set to").
    /// Matched case-insensitively on word boundaries; whitespace inside a phrase matches any
    /// run of whitespace.
    #[serde(default)]
    pub future: Vec<String>,
    /// Verbs whose day a date right after them is, not the day of an event ("said on
    /// Monday", "arrived on Tuesday"): see [`super::reported`]. Lower-case words.
    #[serde(default)]
    pub reporting: Vec<String>,
    /// Words that start another clause between a reporting verb and a day ("said the talks
    /// would be held on Friday"). Lower-case words.
    #[serde(default)]
    pub clause_words: Vec<String>,
    /// Words that make a day the day an event was first set for ("originally", "initially"):
    /// looked for further back than a reporting verb. Lower-case words.
    #[serde(default)]
    pub first_set: Vec<String>,
    /// Clause words the look-back to a `first_set` word crosses ("due to take place",
    /// "scheduled to be held"). Lower-case words.
    #[serde(default)]
    pub first_set_crosses: Vec<String>,
    /// Participles of a plan that make a day the one first set when "had" or "had been"
    /// stands before them ("had been expected to begin on Monday", "had planned to meet on
    /// Friday"); with no "had" ("are expected to begin on Monday") the plan may still hold.
    /// Lower-case words.
    #[serde(default)]
    pub first_set_after_had: Vec<String>,
    /// Test cases: sentences and the direction they must get.
    #[serde(default)]
    pub test: Vec<DirectionTest>,
    /// The future cues folded, and an automaton over them, built on first use (not part of
    /// the file).
    #[serde(skip)]
    folded: OnceLock<(Vec<String>, Option<aho_corasick::AhoCorasick>, Vec<usize>)>,
    /// The role of each reporting, first-set and clause word, built on first use: asked of
    /// the words before every date of every sentence.
    #[serde(skip)]
    roles: OnceLock<rustc_hash::FxHashMap<String, TimeWordRole>>,
}

/// What a word before a day says about it ([`TimeVocab::role_of`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeWordRole {
    /// A reporting verb or noun: the day is its day ("said on Monday").
    Reporting,
    /// The day is the one an event was first set for ("originally scheduled for Thursday").
    FirstSet,
    /// A word that starts another clause.
    Clause,
    /// A clause word the look-back to a first-set word crosses ("due to take place").
    Crossed,
    /// A participle of a plan: a first-set word after "had" or "had been".
    PlanAfterHad,
}

impl TimeVocab {
    /// The role of `word` (lower case) before a day, if it has one. A word in several lists
    /// takes the first of reporting, first-set, plan after "had", crossed, clause.
    pub fn role_of(&self, word: &str) -> Option<TimeWordRole> {
        let roles = self.roles.get_or_init(|| {
            let mut m: rustc_hash::FxHashMap<String, TimeWordRole> =
                rustc_hash::FxHashMap::default();
            let lists = [
                (&self.clause_words, TimeWordRole::Clause),
                (&self.first_set_crosses, TimeWordRole::Crossed),
                (&self.first_set_after_had, TimeWordRole::PlanAfterHad),
                (&self.first_set, TimeWordRole::FirstSet),
                (&self.reporting, TimeWordRole::Reporting),
            ];
            for (list, role) in lists {
                for w in list {
                    m.insert(w.clone(), role);
                }
            }
            m
        });
        roles.get(word).copied()
    }
}

/// One `[[test]]` of `time.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirectionTest {
    pub text: String,
    /// "future" or "past".
    pub expect: String,
}

/// What a date mention says, before it is resolved against an anchor date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Weekday(jiff::civil::Weekday),
    /// A full date: "July 26, 2025", "23.07.2025", "2025-07-23".
    Date(Date),
    /// "May 16", "16 May", "on June 2".
    MonthDay {
        month: i8,
        day: i8,
    },
    /// "in May", "in February 2022".
    Month {
        month: i8,
        year: Option<i16>,
    },
    /// "in 2019".
    Year(i16),
    /// "last year" (-1), "this year" (0), "next year" (1).
    RelativeYear(i16),
    /// "yesterday" (-1), "today" (0), "tomorrow" (1).
    RelativeDay(i16),
}

/// One date mention in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// Byte range in the sentence.
    pub start: usize,
    pub end: usize,
    pub when: When,
}

/// One time-of-day mention: "0745 GMT", "9:30 a.m.", "14:00 local time".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeMention {
    pub start: usize,
    pub end: usize,
    /// Minutes since midnight.
    pub minutes: u16,
    /// The zone as written, upper-cased ("GMT", "UTC"), if any; "LOCAL" for "local time".
    pub zone: Option<String>,
    /// "07:45 GMT".
    pub normalized: String,
}

/// Which way a weekday or a month-day resolves from the anchor date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Past,
    Future,
}

/// The month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The weekday names, Monday first.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const MONTHS: [(&str, i8); 24] = [
    ("January", 1),
    ("February", 2),
    ("March", 3),
    ("April", 4),
    ("May", 5),
    ("June", 6),
    ("July", 7),
    ("August", 8),
    ("September", 9),
    ("October", 10),
    ("November", 11),
    ("December", 12),
    ("Jan", 1),
    ("Feb", 2),
    ("Mar", 3),
    ("Apr", 4),
    ("Jun", 6),
    ("Jul", 7),
    ("Aug", 8),
    ("Sept", 9),
    ("Sep", 9),
    ("Oct", 10),
    ("Nov", 11),
    ("Dec", 12),
];

const WEEKDAYS: [(&str, jiff::civil::Weekday); 7] = [
    ("Monday", jiff::civil::Weekday::Monday),
    ("Tuesday", jiff::civil::Weekday::Tuesday),
    ("Wednesday", jiff::civil::Weekday::Wednesday),
    ("Thursday", jiff::civil::Weekday::Thursday),
    ("Friday", jiff::civil::Weekday::Friday),
    ("Saturday", jiff::civil::Weekday::Saturday),
    ("Sunday", jiff::civil::Weekday::Sunday),
];

/// Month names, full names first so that the longest alternative wins.
const MON: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec";
const MON_FULL: &str =
    "January|February|March|April|May|June|July|August|September|October|November|December";
const WD: &str = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
const ORD: &str = "(?:st|nd|rd|th)?";

/// Words after which a bare month name ("in May") or a bare year ("in 2019") is a date.
const DATE_CUES: [&str; 18] = [
    "in", "since", "by", "from", "until", "till", "before", "after", "early", "late", "mid",
    "during", "through", "of", "last", "next", "this", "and",
];
/// Cue words after which a year counts only when no word follows ("by 2030." not "by 2000 people").
const WEAK_YEAR_CUES: [&str; 3] = ["of", "by", "and"];

/// Compile one of the static patterns of this module (built from literals, tested).
#[allow(clippy::expect_used)]
fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

struct DatePatterns {
    wd_mdy: Regex,
    wd_dmy: Regex,
    mdy: Regex,
    dmy: Regex,
    iso: Regex,
    dot: Regex,
    slash: Regex,
    md: Regex,
    dm: Regex,
    my: Regex,
    month: Regex,
    weekday: Regex,
    year: Regex,
    rel_year: Regex,
    rel_day: Regex,
}

/// Compile the date and time patterns now (they are otherwise compiled on first use, by the
/// first extraction, while other threads wait).
pub fn compile_patterns() {
    LazyLock::force(&DATE_RE);
    LazyLock::force(&TIME_RE);
}

static DATE_RE: LazyLock<DatePatterns> = LazyLock::new(|| DatePatterns {
    wd_mdy: re(&format!(
        r"\b(?:{WD}),?\s+({MON})\.?\s+(\d{{1,2}}){ORD},?\s+(\d{{4}})\b"
    )),
    wd_dmy: re(&format!(
        r"\b(?:{WD}),?\s+(\d{{1,2}}){ORD}\s+(?:of\s+)?({MON})\.?,?\s+(\d{{4}})\b"
    )),
    mdy: re(&format!(r"\b({MON})\.?\s+(\d{{1,2}}){ORD},?\s+(\d{{4}})\b")),
    dmy: re(&format!(
        r"\b(\d{{1,2}}){ORD}\s+(?:of\s+)?({MON})\.?,?\s+(\d{{4}})\b"
    )),
    iso: re(r"\b(\d{4})-(\d{2})-(\d{2})"),
    dot: re(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"),
    slash: re(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"),
    md: re(&format!(r"\b({MON})\.?\s+(\d{{1,2}}){ORD}\b")),
    dm: re(&format!(r"\b(\d{{1,2}}){ORD}\s+(?:of\s+)?({MON})\b")),
    my: re(&format!(r"\b({MON})\.?,?\s+(\d{{4}})\b")),
    month: re(&format!(r"\b({MON_FULL})\b")),
    weekday: re(&format!(r"\b({WD})\b")),
    year: re(r"\b(\d{4})\b"),
    rel_year: re(r"(?i)\b(last|this|next)\s+year\b"),
    rel_day: re(r"(?i)\b(yesterday|today|tomorrow)\b"),
});

fn month_of(name: &str) -> Option<i8> {
    let name = name.trim_end_matches('.');
    MONTHS.iter().find(|(n, _)| *n == name).map(|&(_, m)| m)
}

pub(crate) fn weekday_of(name: &str) -> Option<jiff::civil::Weekday> {
    WEEKDAYS.iter().find(|(n, _)| *n == name).map(|&(_, w)| w)
}

fn num<T: std::str::FromStr>(s: Option<regex::Match<'_>>) -> Option<T> {
    s?.as_str().parse().ok()
}

fn ymd(y: Option<i16>, m: Option<i8>, d: Option<i8>) -> Option<Date> {
    let (y, m, d) = (y?, m?, d?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Date::new(y, m, d).ok()
}

/// The word just before byte `at` (lower-cased), and whether it is joined by a hyphen
/// ("mid-May").
fn word_before(s: &str, at: usize) -> String {
    let before = s.get(..at).unwrap_or("");
    let before = before.strip_suffix('-').unwrap_or(before.trim_end());
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    word.to_lowercase()
}

/// Whether a word (alphabetic) follows byte `at`, after whitespace.
fn word_follows(s: &str, at: usize) -> bool {
    s.get(at..)
        .and_then(|rest| rest.trim_start().chars().next())
        .is_some_and(char::is_alphabetic)
}

/// The next character after byte `at` and the one after it.
fn next_two(s: &str, at: usize) -> (Option<char>, Option<char>) {
    let mut it = s.get(at..).unwrap_or("").chars();
    (it.next(), it.next())
}

fn prev_char(s: &str, at: usize) -> Option<char> {
    s.get(..at).and_then(|b| b.chars().next_back())
}

/// Keep the earliest, then the longest, of overlapping candidates.
fn select<T>(mut cands: Vec<(usize, usize, T)>) -> Vec<(usize, usize, T)> {
    cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out: Vec<(usize, usize, T)> = Vec::new();
    for c in cands {
        if out.last().is_none_or(|last| c.0 >= last.1) {
            out.push(c);
        }
    }
    out
}

/// Words whose presence, in any ASCII case, gates some patterns: "year" (relative years),
/// "day" and "tomorrow" (relative days), "noon" and "mid" (named times). All are lower-case
/// ASCII letters, which [`ci_words`] relies on.
const CI_WORDS: [&[u8]; 5] = [b"year", b"day", b"tomorrow", b"noon", b"mid"];

static CI_FINDERS: LazyLock<[memchr::memmem::Finder<'static>; 5]> =
    LazyLock::new(|| CI_WORDS.map(memchr::memmem::Finder::new));

/// Literals of which every sentence that may hold a date or a time has one, ASCII case
/// ignored: an ASCII digit, a word of [`CI_WORDS`] or the start of a month ([`MONTH_STARTS`]).
/// A sentence without any lets no date or time pattern run ([`Needs::lets_any_run`]); the
/// pattern prefilter finds them in its one pass over the sentence.
pub fn gate_literals() -> Vec<Vec<u8>> {
    (b'0'..=b'9')
        .map(|d| vec![d])
        .chain(CI_WORDS.iter().map(|w| w.to_vec()))
        .chain(MONTH_STARTS.iter().map(|m| m.to_ascii_lowercase()))
        .collect()
}

/// Which of [`CI_WORDS`] `hay` contains, ignoring ASCII case. For a letter, `b | 0x20` is its
/// lower case whatever its case, and no byte that is not a letter becomes a lower-case letter
/// that way; so, the words being all letters, a fold by `| 0x20` finds exactly the matches
/// of an ASCII-case-insensitive search, and the SIMD substring search does the rest.
fn ci_words(hay: &str) -> [bool; 5] {
    let mut stack = [0u8; 512];
    let mut heap = Vec::new();
    let folded: &mut [u8] = if hay.len() <= stack.len() {
        &mut stack[..hay.len()]
    } else {
        heap.resize(hay.len(), 0);
        &mut heap
    };
    for (d, b) in folded.iter_mut().zip(hay.bytes()) {
        *d = b | 0x20;
    }
    let folded: &[u8] = folded;
    CI_FINDERS.each_ref().map(|f| f.find(folded).is_some())
}

/// `re.captures_iter(hay)`, without starting a search on an empty `hay` (no pattern of this
/// module matches the empty string; the patterns gated by [`Needs`] get an empty `hay`).
fn captures_in<'h>(re: &Regex, hay: &'h str) -> impl Iterator<Item = regex::Captures<'h>> {
    (!hay.is_empty())
        .then(|| re.captures_iter(hay))
        .into_iter()
        .flatten()
}

/// Every month alternative of the patterns starts with one of these (case-sensitive, like
/// the patterns).
const MONTH_STARTS: [&[u8]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

/// Whether one of [`MONTH_STARTS`] occurs in `s` (the check [`Needs::of`] makes, alone).
#[cfg(test)]
fn has_month_start(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len()).any(|i| {
        b[i].is_ascii_uppercase() && b.get(i..i + 3).is_some_and(|w| MONTH_STARTS.contains(&w))
    })
}

/// What a sentence holds that the date and time patterns need: each pattern is run only when
/// the literals without which none of its matches gives a mention are present (a month
/// abbreviation, "day", digits in the shape of a date or a time), which never changes what is
/// found. Found in one pass over the bytes, once per sentence for dates and times together.
///
/// Every number a pattern reads (a day, a month, a year, hours, minutes) is parsed with
/// `str::parse`, which takes ASCII digits only: a match whose `\d` took another digit gives
/// nothing, so the digit shapes below are of ASCII digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Needs {
    digit: bool,
    /// Four digits in a row: the year of every full date, "0745 GMT" (see `has_four_digit_run`).
    four_digits: bool,
    month: bool,
    /// "day" (every weekday name ends in it).
    weekday: bool,
    /// "year", in any case.
    rel_year: bool,
    /// "day" or "tomorrow", in any case.
    rel_day: bool,
    /// "noon" or "mid", in any case.
    named_time: bool,
    /// "2025-07-23": digits, '-', two digits, '-', two digits.
    iso: bool,
    /// "23.07.2025": a digit, '.', four digits.
    dot_date: bool,
    /// "7/23/2025": a digit, '/', four digits.
    slash_date: bool,
    /// "9:30", "9.30": a digit, ':' or '.', two digits.
    clock: bool,
    /// "9 am", "9 p.m.": a digit, whitespace, [aApP], an optional '.', an optional whitespace,
    /// [mM]. On text that is not ASCII (whose whitespace the byte check does not know) any
    /// digit.
    ampm: bool,
}

const fn splat(b: u8) -> u64 {
    (b as u64) * 0x0101_0101_0101_0101
}

/// Whether some byte of the eight in `w` may matter to [`Needs::of`]: a digit, an upper-case
/// letter (or one of the signs between them, `:;<=>?@`), or a byte that is not ASCII.
const fn may_matter(w: u64) -> bool {
    // For each ASCII byte x, the top bit of the byte is set when 0x2F < x < 0x5B.
    let low7 = w & splat(0x7F);
    let between = splat(127 + 0x5B).wrapping_sub(low7) & !w & low7.wrapping_add(splat(127 - 0x2F));
    (between | w) & splat(0x80) != 0
}

/// ASCII whitespace as `\s` sees it (Unicode White_Space within ASCII).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// Whether `b[at..]` starts as the part of an am/pm time after its digits (ASCII text):
/// whitespace, [aApP], an optional '.', an optional whitespace, [mM].
fn ampm_at(b: &[u8], mut at: usize) -> bool {
    while b.get(at).is_some_and(|&c| is_ascii_space(c)) {
        at += 1;
    }
    if !b
        .get(at)
        .is_some_and(|c| matches!(c, b'a' | b'A' | b'p' | b'P'))
    {
        return false;
    }
    at += 1;
    if b.get(at) == Some(&b'.') {
        at += 1;
    }
    if b.get(at).is_some_and(|&c| is_ascii_space(c)) {
        at += 1;
    }
    b.get(at).is_some_and(|c| matches!(c, b'm' | b'M'))
}

impl Needs {
    pub fn of(s: &str) -> Needs {
        let b = s.as_bytes();
        let at = |i: usize| b.get(i).copied().unwrap_or(0);
        let digit_at = |i: usize| at(i).is_ascii_digit();
        let mut n = Needs::none();
        let mut ascii = true;
        let mut run = 0usize;
        let mut i = 0;
        while i < b.len() {
            // Eight bytes at a time past those that matter to no gate (lower-case letters,
            // spaces, most punctuation): after them no run of digits goes on.
            if let Some(word) = b.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok())
                && !may_matter(u64::from_le_bytes(word))
            {
                run = 0;
                i += 8;
                continue;
            }
            let stop = (i + 8).min(b.len());
            while i < stop {
                let c = b[i];
                if c.is_ascii_digit() {
                    n.digit = true;
                    run += 1;
                    n.four_digits |= run >= 4;
                    match at(i + 1) {
                        b':' => n.clock |= digit_at(i + 2) && digit_at(i + 3),
                        b'.' => {
                            n.clock |= digit_at(i + 2) && digit_at(i + 3);
                            n.dot_date |= (i + 2..i + 6).all(digit_at);
                        }
                        b'/' => n.slash_date |= (i + 2..i + 6).all(digit_at),
                        b'-' => {
                            n.iso |= run >= 4
                                && digit_at(i + 2)
                                && digit_at(i + 3)
                                && at(i + 4) == b'-'
                                && digit_at(i + 5)
                                && digit_at(i + 6);
                        }
                        next if next.is_ascii_digit() => {}
                        _ => n.ampm |= ampm_at(b, i + 1),
                    }
                } else {
                    run = 0;
                    if c.is_ascii_uppercase() {
                        n.month |= b.get(i..i + 3).is_some_and(|w| MONTH_STARTS.contains(&w));
                    } else if !c.is_ascii() {
                        ascii = false;
                    }
                }
                i += 1;
            }
        }
        if !ascii {
            n.ampm = n.digit;
        }
        let [year, day, tomorrow, noon, mid] = ci_words(s);
        // "day" as written is "day" in some case: only then is it looked for.
        n.weekday = day && s.contains("day");
        n.rel_year = year;
        n.rel_day = day || tomorrow;
        n.named_time = noon || mid;
        n
    }

    /// Whether some date or time pattern runs with these needs ([`find_dates_in`] and
    /// [`find_times_in`] find nothing otherwise).
    pub fn lets_any_run(&self) -> bool {
        self.digit
            || self.month
            || self.weekday
            || self.rel_year
            || self.rel_day
            || self.clock
            || self.four_digits
            || self.ampm
            || self.named_time
    }

    /// No pattern runs: a sentence without any of [`gate_literals`].
    pub fn none() -> Needs {
        Needs {
            digit: false,
            four_digits: false,
            month: false,
            weekday: false,
            rel_year: false,
            rel_day: false,
            named_time: false,
            iso: false,
            dot_date: false,
            slash_date: false,
            clock: false,
            ampm: false,
        }
    }

    /// Every pattern runs: what the gates must never change.
    #[cfg(test)]
    fn all() -> Needs {
        Needs {
            digit: true,
            four_digits: true,
            month: true,
            weekday: true,
            rel_year: true,
            rel_day: true,
            named_time: true,
            iso: true,
            dot_date: true,
            slash_date: true,
            clock: true,
            ampm: true,
        }
    }
}

/// All date mentions of a sentence, left to right, not overlapping.
pub fn find_dates(sentence: &str) -> Vec<DateMention> {
    find_dates_in(sentence, &Needs::of(sentence))
}

/// [`find_dates`] with the sentence's [`Needs`] found already.
pub fn find_dates_in(sentence: &str, needs: &Needs) -> Vec<DateMention> {
    let s = sentence;
    let (rel_year, rel_day) = (needs.rel_year, needs.rel_day);
    if !needs.digit && !needs.month && !needs.weekday && !rel_year && !rel_day {
        return Vec::new();
    }
    let p = &*DATE_RE;
    // A pattern whose literals are absent runs on the empty string (none matches it).
    let hay = |ok: bool| if ok { s } else { "" };
    // Every pattern with a year reads it as an `i16`, which takes ASCII digits only: without
    // four of them in a row none of its matches gives a date (see `has_four_digit_run`).
    let year = needs.four_digits;
    let num_month = hay(needs.digit && needs.month);
    let year_month = hay(year && needs.month);
    let wd_year_month = hay(year && needs.month && needs.weekday);
    let with_year = hay(year);
    let mut cands: Vec<(usize, usize, When)> = Vec::new();
    let mut push = |start: usize, end: usize, when: Option<When>| {
        if let Some(when) = when {
            cands.push((start, end, when));
        }
    };
    for c in captures_in(&p.wd_mdy, wd_year_month) {
        let m = c.get(1).and_then(|m| month_of(m.as_str()));
        let d = ymd(num(c.get(3)), m, num(c.get(2))).map(When::Date);
        push(c.get_or_whole().0, c.get_or_whole().1, d);
    }
    for c in captures_in(&p.wd_dmy, wd_year_month) {
        let m = c.get(2).and_then(|m| month_of(m.as_str()));
        let d = ymd(num(c.get(3)), m, num(c.get(1))).map(When::Date);
        push(c.get_or_whole().0, c.get_or_whole().1, d);
    }
    for c in captures_in(&p.mdy, year_month) {
        let m = c.get(1).and_then(|m| month_of(m.as_str()));
        let d = ymd(num(c.get(3)), m, num(c.get(2))).map(When::Date);
        push(c.get_or_whole().0, c.get_or_whole().1, d);
    }
    for c in captures_in(&p.dmy, year_month) {
        let m = c.get(2).and_then(|m| month_of(m.as_str()));
        let d = ymd(num(c.get(3)), m, num(c.get(1))).map(When::Date);
        push(c.get_or_whole().0, c.get_or_whole().1, d);
    }
    for c in captures_in(&p.iso, hay(needs.iso)) {
        let (start, end) = c.get_or_whole();
        if matches!(next_two(s, end).0, Some(ch) if ch.is_ascii_digit()) {
            continue;
        }
        let d = ymd(num(c.get(1)), num(c.get(2)), num(c.get(3))).map(When::Date);
        push(start, end, d);
    }
    for (re, day_first, ok) in [
        (&p.dot, true, needs.dot_date),
        (&p.slash, false, needs.slash_date),
    ] {
        for c in captures_in(re, hay(ok)) {
            let (start, end) = c.get_or_whole();
            let (a, b) = (num::<i8>(c.get(1)), num::<i8>(c.get(2)));
            let (d, m) = if day_first { (a, b) } else { (b, a) };
            push(start, end, ymd(num(c.get(3)), m, d).map(When::Date));
        }
    }
    for c in captures_in(&p.md, num_month) {
        let (start, end) = c.get_or_whole();
        // "May 16:30", "May 1.5": not a day.
        if let (Some(':' | '.' | ','), Some(ch)) = next_two(s, end)
            && ch.is_ascii_digit()
        {
            continue;
        }
        let month = c.get(1).and_then(|m| month_of(m.as_str()));
        let day: Option<i8> = num(c.get(2));
        if let (Some(month), Some(day)) = (month, day)
            && (1..=31).contains(&day)
        {
            push(start, end, Some(When::MonthDay { month, day }));
        }
    }
    for c in captures_in(&p.dm, num_month) {
        let (start, end) = c.get_or_whole();
        if matches!(prev_char(s, start), Some('$' | '€' | '£' | ',' | '.')) {
            continue;
        }
        let month = c.get(2).and_then(|m| month_of(m.as_str()));
        let day: Option<i8> = num(c.get(1));
        if let (Some(month), Some(day)) = (month, day)
            && (1..=31).contains(&day)
        {
            push(start, end, Some(When::MonthDay { month, day }));
        }
    }
    for c in captures_in(&p.my, year_month) {
        let (start, end) = c.get_or_whole();
        let month = c.get(1).and_then(|m| month_of(m.as_str()));
        let year: Option<i16> = num(c.get(2));
        if let (Some(month), Some(year)) = (month, year)
            && (1000..=2999).contains(&year)
        {
            push(
                start,
                end,
                Some(When::Month {
                    month,
                    year: Some(year),
                }),
            );
        }
    }
    for c in captures_in(&p.month, hay(needs.month)) {
        let (start, end) = c.get_or_whole();
        let name = c.get(1).map_or("", |m| m.as_str());
        if name == "May" && !DATE_CUES.contains(&word_before(s, start).as_str()) {
            continue;
        }
        if let Some(month) = month_of(name) {
            push(start, end, Some(When::Month { month, year: None }));
        }
    }
    for c in captures_in(&p.weekday, hay(needs.weekday)) {
        let (start, end) = c.get_or_whole();
        push(
            start,
            end,
            c.get(1)
                .and_then(|m| weekday_of(m.as_str()))
                .map(When::Weekday),
        );
    }
    for c in captures_in(&p.year, with_year) {
        let (start, end) = c.get_or_whole();
        let Some(year) = num::<i16>(c.get(1)) else {
            continue;
        };
        if !(1800..=2100).contains(&year) {
            continue;
        }
        let cue = word_before(s, start);
        let joined = matches!(prev_char(s, start), Some('-'));
        if !DATE_CUES.contains(&cue.as_str()) || (joined && cue != "mid") {
            continue;
        }
        if WEAK_YEAR_CUES.contains(&cue.as_str()) && word_follows(s, end) {
            continue;
        }
        // "in 2,000" / "in 2000.5" are not years.
        if let (Some('.' | ','), Some(ch)) = next_two(s, end)
            && ch.is_ascii_digit()
        {
            continue;
        }
        push(start, end, Some(When::Year(year)));
    }
    for c in captures_in(&p.rel_year, hay(rel_year)) {
        let (start, end) = c.get_or_whole();
        let n = match c.get(1).map(|m| m.as_str().to_lowercase()).as_deref() {
            Some("last") => -1,
            Some("next") => 1,
            _ => 0,
        };
        push(start, end, Some(When::RelativeYear(n)));
    }
    for c in captures_in(&p.rel_day, hay(rel_day)) {
        let (start, end) = c.get_or_whole();
        let n = match c.get(1).map(|m| m.as_str().to_lowercase()).as_deref() {
            Some("yesterday") => -1,
            Some("tomorrow") => 1,
            _ => 0,
        };
        push(start, end, Some(When::RelativeDay(n)));
    }
    select(cands)
        .into_iter()
        .map(|(start, end, when)| DateMention { start, end, when })
        .collect()
}

trait WholeSpan {
    fn get_or_whole(&self) -> (usize, usize);
}

impl WholeSpan for regex::Captures<'_> {
    fn get_or_whole(&self) -> (usize, usize) {
        self.get(0).map_or((0, 0), |m| (m.start(), m.end()))
    }
}

const ZONE: &str = "GMT|UTC|BST|CEST|CET|EEST|EET|MSK|EDT|EST|CDT|CST|PDT|PST|AEST|IST|JST";

struct TimePatterns {
    hm: Regex,
    hhmm_zone: Regex,
    h_ampm: Regex,
    named: Regex,
}

static TIME_RE: LazyLock<TimePatterns> = LazyLock::new(|| TimePatterns {
    hm: re(&format!(
        r"\b(\d{{1,2}})([:.])(\d{{2}})(?:\s*([aApP])\.?\s?[mM]\b\.?)?(?:\s*({ZONE})\b|\s+(local\s+time)\b)?"
    )),
    hhmm_zone: re(&format!(r"\b([01]\d|2[0-3])([0-5]\d)\s*({ZONE})\b")),
    h_ampm: re(&format!(
        r"\b(\d{{1,2}})\s*([aApP])\.?\s?[mM]\b\.?(?:\s*({ZONE})\b|\s+(local\s+time)\b)?"
    )),
    named: re(r"(?i)\b(noon|midday|midnight)\b"),
});

fn to_minutes(h: u16, m: u16, ampm: Option<&str>) -> Option<u16> {
    if m >= 60 {
        return None;
    }
    let h = match ampm.map(|a| a.to_ascii_lowercase()) {
        Some(a) => {
            if !(1..=12).contains(&h) {
                return None;
            }
            match (a.as_str(), h) {
                ("a", 12) => 0,
                ("a", h) => h,
                (_, 12) => 12,
                (_, h) => h + 12,
            }
        }
        None if h < 24 => h,
        None => return None,
    };
    Some(h * 60 + m)
}

fn time_mention(start: usize, end: usize, minutes: u16, zone: Option<String>) -> TimeMention {
    let normalized = match &zone {
        Some(z) => format!("{:02}:{:02} {z}", minutes / 60, minutes % 60),
        None => format!("{:02}:{:02}", minutes / 60, minutes % 60),
    };
    TimeMention {
        start,
        end,
        minutes,
        zone,
        normalized,
    }
}

fn zone_of(c: &regex::Captures<'_>, zone: usize, local: usize) -> Option<String> {
    c.get(zone)
        .map(|z| z.as_str().to_ascii_uppercase())
        .or_else(|| c.get(local).map(|_| "LOCAL".to_string()))
}

/// All time-of-day mentions of a sentence, left to right, not overlapping.
pub fn find_times(sentence: &str) -> Vec<TimeMention> {
    find_times_in(sentence, &Needs::of(sentence))
}

/// [`find_times`] with the sentence's [`Needs`] found already.
pub fn find_times_in(sentence: &str, needs: &Needs) -> Vec<TimeMention> {
    let s = sentence;
    if !needs.clock && !needs.four_digits && !needs.ampm && !needs.named_time {
        return Vec::new();
    }
    let p = &*TIME_RE;
    // A pattern whose literals are absent runs on the empty string (none matches it).
    let hay = |ok: bool| if ok { s } else { "" };
    let mut cands: Vec<(usize, usize, TimeMention)> = Vec::new();
    for c in captures_in(&p.hm, hay(needs.clock)) {
        let (start, end) = c.get_or_whole();
        let ampm = c.get(4).map(|m| m.as_str());
        let dot = c.get(2).is_some_and(|m| m.as_str() == ".");
        // "23.07.2025", "1.25 million": a dot separates hours and minutes only before am/pm.
        if dot && ampm.is_none() {
            continue;
        }
        if matches!(prev_char(s, start), Some(':' | '.'))
            || matches!(next_two(s, end), (Some(':' | '.'), Some(ch)) if ch.is_ascii_digit())
        {
            continue;
        }
        let (Some(h), Some(m)) = (num::<u16>(c.get(1)), num::<u16>(c.get(3))) else {
            continue;
        };
        if let Some(minutes) = to_minutes(h, m, ampm) {
            let zone = zone_of(&c, 5, 6);
            cands.push((start, end, time_mention(start, end, minutes, zone)));
        }
    }
    for c in captures_in(&p.hhmm_zone, hay(needs.four_digits)) {
        let (start, end) = c.get_or_whole();
        let (Some(h), Some(m)) = (num::<u16>(c.get(1)), num::<u16>(c.get(2))) else {
            continue;
        };
        if let Some(minutes) = to_minutes(h, m, None) {
            let zone = c.get(3).map(|z| z.as_str().to_ascii_uppercase());
            cands.push((start, end, time_mention(start, end, minutes, zone)));
        }
    }
    for c in captures_in(&p.h_ampm, hay(needs.ampm)) {
        let (start, end) = c.get_or_whole();
        if matches!(prev_char(s, start), Some(':' | '.' | ',')) {
            continue;
        }
        let Some(h) = num::<u16>(c.get(1)) else {
            continue;
        };
        if let Some(minutes) = to_minutes(h, 0, c.get(2).map(|m| m.as_str())) {
            let zone = zone_of(&c, 3, 4);
            cands.push((start, end, time_mention(start, end, minutes, zone)));
        }
    }
    for c in captures_in(&p.named, hay(needs.named_time)) {
        let (start, end) = c.get_or_whole();
        let word = c.get(1).map(|m| m.as_str().to_lowercase());
        let minutes = if word.as_deref() == Some("midnight") {
            0
        } else {
            720
        };
        cands.push((start, end, time_mention(start, end, minutes, None)));
    }
    select(cands).into_iter().map(|(_, _, t)| t).collect()
}

/// Lower-case, straight apostrophes, whitespace runs collapsed to one space.
fn fold(s: &str) -> String {
    if s.is_ascii() {
        super::text::lower_collapsed_ascii(s)
    } else {
        fold_chars(s)
    }
}

fn fold_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for ch in s.chars() {
        if ch.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        let ch = if matches!(ch, '’' | '‘') {
            '\''
        } else {
            ch
        };
        out.extend(ch.to_lowercase());
    }
    out
}

/// Whether `needle` occurs in `hay` on word boundaries (both already folded).
pub(crate) fn contains_phrase(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    hay.match_indices(needle).any(|(i, m)| {
        let before = hay.get(..i).and_then(|b| b.chars().next_back());
        let after = hay.get(i + m.len()..).and_then(|a| a.chars().next());
        !is_word(before) && !is_word(after)
    })
}

/// Whether a sentence speaks of the future ("will meet", "are set to hold") or the past:
/// `Future` when any future cue of the vocabulary occurs on word boundaries
/// (case-insensitive), else `Past`.
pub fn direction_of(sentence: &str, vocab: &TimeVocab) -> Direction {
    let hay = fold(sentence);
    let (cues, ac, nonempty) = vocab.folded.get_or_init(|| {
        let cues: Vec<String> = vocab.future.iter().map(|c| fold(c)).collect();
        let nonempty: Vec<usize> = (0..cues.len()).filter(|&k| !cues[k].is_empty()).collect();
        let ac = aho_corasick::AhoCorasick::new(nonempty.iter().map(|&k| &cues[k])).ok();
        (cues, ac, nonempty)
    });
    // One pass finds which cues occur at all; only those are checked for word boundaries.
    let present: Vec<bool> = match ac {
        Some(ac) => {
            let mut present = vec![false; cues.len()];
            for m in ac.find_overlapping_iter(&hay) {
                present[nonempty[m.pattern().as_usize()]] = true;
            }
            present
        }
        None => vec![true; cues.len()],
    };
    if cues
        .iter()
        .zip(present)
        .any(|(cue, p)| p && contains_phrase(&hay, cue))
    {
        Direction::Future
    } else {
        Direction::Past
    }
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    let span = jiff::Span::new().try_days(n).ok()?;
    d.checked_add(span).ok()
}

/// Resolve a mention against an anchor date (the article's date) in the given direction.
/// `None` when it cannot resolve to one day (a month, a year) or the day does not exist.
///
/// - Weekday: `Past` → the latest such weekday on or before the anchor; `Future` → the first
///   on or after it (the anchor's own weekday resolves to the anchor).
/// - MonthDay: `Past` → in the latest year that puts it on or before the anchor; `Future` →
///   the earliest on or after it. Feb 29 looks up to eight years away for a leap year.
/// - Date → itself; RelativeDay → anchor ± n days.
pub fn resolve(when: When, anchor: Date, direction: Direction) -> Option<Date> {
    match when {
        When::Date(d) => Some(d),
        When::Weekday(w) => {
            let a = i64::from(anchor.weekday().to_monday_zero_offset());
            let w = i64::from(w.to_monday_zero_offset());
            match direction {
                Direction::Past => add_days(anchor, -(a - w).rem_euclid(7)),
                Direction::Future => add_days(anchor, (w - a).rem_euclid(7)),
            }
        }
        When::MonthDay { month, day } => {
            let year = anchor.year();
            (0..=8i16).find_map(|k| {
                let y = match direction {
                    Direction::Past => year.checked_sub(k)?,
                    Direction::Future => year.checked_add(k)?,
                };
                let d = Date::new(y, month, day).ok()?;
                let fits = match direction {
                    Direction::Past => d <= anchor,
                    Direction::Future => d >= anchor,
                };
                fits.then_some(d)
            })
        }
        When::RelativeDay(n) => add_days(anchor, i64::from(n)),
        When::Month { .. } | When::Year(_) | When::RelativeYear(_) => None,
    }
}

/// How far into an article a page date or dateline is looked for.
const HEAD_BYTES: usize = 2000;

fn floor_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether `s` has four ASCII digits in a row. Every full date has its year so (the year
/// group of every full-date pattern is `\d{4}`, read as an `i16`, which only takes ASCII
/// digits), so a line without them has no full date.
fn has_four_digit_run(s: &str) -> bool {
    let mut run = 0;
    for b in s.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

/// The first full date of a line, with where it starts.
fn full_date(line: &str) -> Option<(usize, Date)> {
    if !has_four_digit_run(line) {
        return None;
    }
    // Only the patterns of full dates give a `When::Date`: without what they all need, the
    // other patterns are not run.
    let needs = Needs::of(line);
    let full =
        (needs.four_digits && needs.month) || needs.iso || needs.dot_date || needs.slash_date;
    if !full {
        return None;
    }
    find_dates_in(line, &needs)
        .into_iter()
        .find_map(|m| match m.when {
            When::Date(d) if (1990..=2100).contains(&d.year()) => Some((m.start, d)),
            _ => None,
        })
}

/// Whether the line starts with one of `prefixes` (lower-case ASCII), ignoring case.
fn line_has_prefix(line: &str, prefixes: &[&str]) -> bool {
    let l = line.trim_start().as_bytes();
    prefixes
        .iter()
        .any(|p| l.len() >= p.len() && l[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
}

/// The page date or dateline of an article's text ("Saturday, July 26, 2025",
/// "12:49 GMT 23.07.2025"), looked for near the top of the text.
///
/// Looks, in order, at: lines anywhere that start with "Published"/"Posted"/"First published"
/// /"Date"; lines in the first ~2,000 bytes that look like a dateline (the full date starts
/// within the first 40 bytes of the line, or the line is at most 80 bytes long); lines
/// anywhere that start with "Updated"/"Last updated". Only full dates (with a year) count.
pub fn find_page_date(text: &str) -> Option<Date> {
    const PUBLISHED: [&str; 5] = ["published", "posted", "first published", "date:", "dated"];
    const UPDATED: [&str; 2] = ["updated", "last updated"];
    let from_lines = |prefixes: &[&str]| {
        text.lines()
            .filter(|l| line_has_prefix(l, prefixes))
            .find_map(|l| full_date(l).map(|(_, d)| d))
    };
    if let Some(d) = from_lines(&PUBLISHED) {
        return Some(d);
    }
    let head = &text[..floor_boundary(text, HEAD_BYTES)];
    for line in head.lines() {
        let line = line.trim();
        // On a long line only a date starting in its first 40 bytes counts; a date is under
        // 50 bytes, so the dates that start there and any candidate overlapping them lie in
        // the first 160 bytes. Cut at a space there rather than searching a whole paragraph.
        let searched = if line.len() <= 80 {
            line
        } else {
            let from = floor_boundary(line, 160);
            line.get(from..)
                .and_then(|rest| rest.find(char::is_whitespace))
                .map_or(line, |at| &line[..from + at])
        };
        if let Some((at, d)) = full_date(searched)
            && (at <= 40 || line.len() <= 80)
        {
            return Some(d);
        }
    }
    from_lines(&UPDATED)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{Weekday, date};

    fn whens(s: &str) -> Vec<(String, When)> {
        find_dates(s)
            .into_iter()
            .map(|m| (s[m.start..m.end].to_string(), m.when))
            .collect()
    }

    fn one(s: &str) -> (String, When) {
        let all = whens(s);
        assert_eq!(all.len(), 1, "{s:?} → {all:?}");
        all.into_iter().next().unwrap()
    }

    #[test]
    fn ascii_fold_is_the_char_fold() {
        for s in [
            "  The Talks\tWILL  resume\r\non Monday. ",
            "",
            " ",
            "a\x0bb\x0cc",
            "Kyiv's 2nd round, 10:30 a.m.",
        ] {
            assert_eq!(
                super::super::text::lower_collapsed_ascii(s),
                fold_chars(s),
                "{s:?}"
            );
        }
    }

    fn vocab() -> TimeVocab {
        toml::from_str(include_str!("../../rules/vocab/time.toml")).unwrap()
    }

    #[test]
    fn weekdays_are_capitalized_words() {
        assert_eq!(
            one("The storm is expected to make landfall on Thursday."),
            ("Thursday".into(), When::Weekday(Weekday::Thursday))
        );
        assert!(whens("monday morning traffic was light").is_empty());
    }

    #[test]
    fn month_day_forms() {
        let md = When::MonthDay { month: 5, day: 16 };
        assert_eq!(
            one("Voters went to the polls on May 16."),
            ("May 16".into(), md)
        );
        assert_eq!(one("Polls closed on 16 May."), ("16 May".into(), md));
        assert_eq!(one("The quake struck May 16th."), ("May 16th".into(), md));
        assert_eq!(
            one("Counting resumes June 2 in the capital."),
            ("June 2".into(), When::MonthDay { month: 6, day: 2 })
        );
        assert_eq!(
            one("Ballots were mailed on Sept. 3."),
            ("Sept. 3".into(), When::MonthDay { month: 9, day: 3 })
        );
    }

    #[test]
    fn full_dates() {
        let d = When::Date(date(2025, 7, 26));
        assert_eq!(
            one("The levee broke on July 26, 2025, officials said."),
            ("July 26, 2025".into(), d)
        );
        assert_eq!(
            one("The levee broke on 26 July 2025."),
            ("26 July 2025".into(), d)
        );
        assert_eq!(
            one("Saturday, July 26, 2025"),
            ("Saturday, July 26, 2025".into(), d)
        );
        assert_eq!(
            one("Issued 26.07.2025 by the agency."),
            ("26.07.2025".into(), d)
        );
        assert_eq!(
            one("Issued 2025-07-26 by the agency."),
            ("2025-07-26".into(), d)
        );
        assert_eq!(
            one("Issued 07/26/2025 by the agency."),
            ("07/26/2025".into(), d)
        );
        assert_eq!(
            one("Stamped 2025-07-26T12:49:00Z."),
            ("2025-07-26".into(), d)
        );
    }

    #[test]
    fn invalid_full_dates_are_dropped() {
        assert!(whens("The form said 30.02.2025 in error.").is_empty());
        assert!(
            whens("Filed on February 30, 2024.")
                .iter()
                .all(|(_, w)| !matches!(w, When::Date(_)))
        );
    }

    #[test]
    fn months_and_years() {
        assert_eq!(
            one("The dam was finished in February 2022."),
            (
                "February 2022".into(),
                When::Month {
                    month: 2,
                    year: Some(2022)
                }
            )
        );
        assert_eq!(
            one("Flooding began in May and eased later."),
            (
                "May".into(),
                When::Month {
                    month: 5,
                    year: None
                }
            )
        );
        assert_eq!(
            one("Prices peaked last May."),
            (
                "May".into(),
                When::Month {
                    month: 5,
                    year: None
                }
            )
        );
        assert!(whens("Officials may delay the vote.").is_empty());
        assert!(whens("May the best candidate win.").is_empty());
        assert!(whens("Protesters march on the capital.").is_empty());
        assert_eq!(
            one("Hearings resumed in October."),
            (
                "October".into(),
                When::Month {
                    month: 10,
                    year: None
                }
            )
        );
        assert_eq!(
            one("The party has governed since 2019."),
            ("2019".into(), When::Year(2019))
        );
        assert_eq!(
            one("Turnout fell in 2022."),
            ("2022".into(), When::Year(2022))
        );
        assert_eq!(
            one("Rates rose in mid-2023."),
            ("2023".into(), When::Year(2023))
        );
        assert!(whens("A total of 2000 people were evacuated.").is_empty());
        assert!(whens("The council hired 2000 staff.").is_empty());
        assert_eq!(
            one("Emissions must halve by 2030."),
            ("2030".into(), When::Year(2030))
        );
    }

    #[test]
    fn relative_days_and_years() {
        assert_eq!(
            one("The budget passed last year."),
            ("last year".into(), When::RelativeYear(-1))
        );
        assert_eq!(
            one("This year the deficit grew."),
            ("This year".into(), When::RelativeYear(0))
        );
        assert_eq!(
            one("Elections are due next year."),
            ("next year".into(), When::RelativeYear(1))
        );
        assert_eq!(
            one("The ferry sank yesterday."),
            ("yesterday".into(), When::RelativeDay(-1))
        );
        assert_eq!(
            one("Polls open today."),
            ("today".into(), When::RelativeDay(0))
        );
        assert_eq!(
            one("Results come tomorrow."),
            ("tomorrow".into(), When::RelativeDay(1))
        );
    }

    #[test]
    fn several_mentions_in_order() {
        let all = whens("Talks on Monday follow rounds in May and June, and a vote since 2021.");
        let texts: Vec<&str> = all.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["Monday", "May", "June", "2021"]);
    }

    #[test]
    fn times_of_day() {
        let t = |s: &str| {
            let all = find_times(s);
            assert_eq!(all.len(), 1, "{s:?} → {all:?}");
            let m = &all[0];
            (
                s[m.start..m.end].to_string(),
                m.minutes,
                m.zone.clone(),
                m.normalized.clone(),
            )
        };
        assert_eq!(
            t("Polls open at 0745 GMT."),
            (
                "0745 GMT".into(),
                465,
                Some("GMT".into()),
                "07:45 GMT".into()
            )
        );
        assert_eq!(
            t("Polls open at 07:45 GMT."),
            (
                "07:45 GMT".into(),
                465,
                Some("GMT".into()),
                "07:45 GMT".into()
            )
        );
        assert_eq!(t("The count starts at 9:30 a.m. sharp.").1, 570);
        assert_eq!(t("The storm hit at 2 pm.").1, 840);
        assert_eq!(t("The storm hit at 12 a.m.").1, 0);
        assert_eq!(t("The storm hit at 9.30pm.").1, 1290);
        assert_eq!(
            t("Voting closes at 14:00 local time.").2,
            Some("LOCAL".into())
        );
        assert_eq!(t("Voting closes at noon.").1, 720);
        assert_eq!(t("Voting closes at midnight.").1, 0);
        assert!(find_times("It grew 23.07 percent on 23.07.2025.").is_empty());
        assert!(find_times("The score was 25:99 at the break").is_empty());
        assert!(find_times("I am 5 amendments away").is_empty());
    }

    #[test]
    fn direction_cues() {
        let v = vocab();
        assert_eq!(
            direction_of("The council will vote on Monday.", &v),
            Direction::Future
        );
        assert_eq!(
            direction_of("Ministers ARE SET TO meet.", &v),
            Direction::Future
        );
        assert_eq!(
            direction_of("The council voted on Monday.", &v),
            Direction::Past
        );
        assert_eq!(
            direction_of("The goodwill mission ended.", &v),
            Direction::Past
        );
        assert_eq!(
            direction_of("The vote is\nscheduled for Friday.", &v),
            Direction::Future
        );
    }

    #[test]
    fn time_vocab_cases() {
        let v = vocab();
        assert!(!v.test.is_empty());
        for t in &v.test {
            let want = match t.expect.as_str() {
                "future" => Direction::Future,
                "past" => Direction::Past,
                other => panic!("time.toml test: expect must be future or past, not {other:?}"),
            };
            assert_eq!(
                direction_of(&t.text, &v),
                want,
                "time.toml test {:?}",
                t.text
            );
        }
    }

    #[test]
    fn resolve_weekdays() {
        let anchor = date(2025, 7, 23); // a Wednesday
        let wd = When::Weekday;
        assert_eq!(
            resolve(wd(Weekday::Monday), anchor, Direction::Past),
            Some(date(2025, 7, 21))
        );
        assert_eq!(
            resolve(wd(Weekday::Monday), anchor, Direction::Future),
            Some(date(2025, 7, 28))
        );
        assert_eq!(
            resolve(wd(Weekday::Wednesday), anchor, Direction::Past),
            Some(anchor)
        );
        assert_eq!(
            resolve(wd(Weekday::Wednesday), anchor, Direction::Future),
            Some(anchor)
        );
        assert_eq!(
            resolve(wd(Weekday::Friday), anchor, Direction::Past),
            Some(date(2025, 7, 18))
        );
        assert_eq!(
            resolve(wd(Weekday::Friday), anchor, Direction::Future),
            Some(date(2025, 7, 25))
        );
    }

    #[test]
    fn resolve_month_days_and_others() {
        let anchor = date(2025, 7, 23);
        let md = |month, day| When::MonthDay { month, day };
        assert_eq!(
            resolve(md(5, 16), anchor, Direction::Past),
            Some(date(2025, 5, 16))
        );
        assert_eq!(
            resolve(md(5, 16), anchor, Direction::Future),
            Some(date(2026, 5, 16))
        );
        assert_eq!(
            resolve(md(9, 1), anchor, Direction::Past),
            Some(date(2024, 9, 1))
        );
        assert_eq!(
            resolve(md(9, 1), anchor, Direction::Future),
            Some(date(2025, 9, 1))
        );
        assert_eq!(resolve(md(7, 23), anchor, Direction::Past), Some(anchor));
        assert_eq!(
            resolve(md(2, 29), anchor, Direction::Past),
            Some(date(2024, 2, 29))
        );
        assert_eq!(resolve(md(2, 30), anchor, Direction::Past), None);
        assert_eq!(resolve(md(13, 1), anchor, Direction::Future), None);
        assert_eq!(
            resolve(When::Date(date(2020, 1, 2)), anchor, Direction::Future),
            Some(date(2020, 1, 2))
        );
        assert_eq!(
            resolve(When::RelativeDay(-1), anchor, Direction::Past),
            Some(date(2025, 7, 22))
        );
        assert_eq!(
            resolve(When::RelativeDay(1), anchor, Direction::Past),
            Some(date(2025, 7, 24))
        );
        assert_eq!(resolve(When::Year(2020), anchor, Direction::Past), None);
        assert_eq!(
            resolve(
                When::Month {
                    month: 5,
                    year: None
                },
                anchor,
                Direction::Past
            ),
            None
        );
        assert_eq!(
            resolve(When::RelativeYear(-1), anchor, Direction::Past),
            None
        );
        assert_eq!(
            resolve(
                When::RelativeDay(i16::MAX),
                date(9999, 1, 1),
                Direction::Past
            ),
            None
        );
    }

    #[test]
    fn lines_without_four_digits_have_no_full_date() {
        let full = |l: &str| {
            find_dates(l)
                .into_iter()
                .any(|m| matches!(m.when, When::Date(_)))
        };
        for l in [
            "Saturday, July 26, 2025",
            "12:49 GMT 23.07.2025",
            "2025-07-23",
            "23/7/2025 and 1/2/99",
            "July 26, 25",
            "on May 16 at 10:30",
            "Published 3.4.202",
            "Posted: 2 0 2 5-07-23",
            "٢٠٢٥-07-23",
            "Tuesday 4th of March 2025",
            "no digits at all",
            "",
        ] {
            if full(l) {
                assert!(has_four_digit_run(l), "{l}");
            }
            assert_eq!(
                full_date(l).is_some(),
                has_four_digit_run(l)
                    && find_dates(l).into_iter().any(|m| matches!(
                        m.when,
                        When::Date(d) if (1990..=2100).contains(&d.year())
                    )),
                "{l}"
            );
        }
        assert!(has_four_digit_run("in 2025"));
        assert!(!has_four_digit_run("12 345 67 8"));
    }

    #[test]
    fn page_dates() {
        let d = Some(date(2025, 7, 26));
        assert_eq!(
            find_page_date("21.3 C\nLagos\nSaturday, July 26, 2025\n\nFloods hit..."),
            d
        );
        assert_eq!(find_page_date("Headline\nJuly 26, 2025\nBody"), d);
        assert_eq!(find_page_date("Headline\n26 July 2025\nBody"), d);
        assert_eq!(find_page_date("News | 12:49 GMT 26.07.2025\nBody"), d);
        assert_eq!(find_page_date("<meta> 2025-07-26T12:49:00Z\nBody"), d);
        assert_eq!(
            find_page_date("Headline\nBy A. Writer\nPublished 26 Jul 2025\nBody"),
            d
        );
        let long_body = format!("{}\nPublished: July 26, 2025", "word ".repeat(1000));
        assert_eq!(find_page_date(&long_body), d);
        assert_eq!(
            find_page_date(
                "Storm hits coast\nThe storm that began on May 16 hit the coast again, and more rain is expected over the weekend according to forecasters."
            ),
            None
        );
        assert_eq!(find_page_date(""), None);
    }

    #[test]
    fn page_date_ignores_dates_deep_in_long_paragraphs() {
        let text = format!(
            "Storm hits coast\n{} the flood of July 26, 2025 was the worst.\n",
            "Rain fell all week across the valley and the river rose steadily.".repeat(2)
        );
        assert_eq!(find_page_date(&text), None);
    }

    /// Which of `needles` (lower-case ASCII, 1 to 8 bytes each) `hay` contains, ignoring ASCII
    /// case, in one pass: the last eight bytes read, ASCII-lower-cased, are kept in a `u64` and
    /// compared with each needle packed the same way.
    fn contains_ascii_ci<const N: usize>(hay: &str, needles: [&[u8]; N]) -> [bool; N] {
        let pack = |bytes: &[u8]| bytes.iter().fold(0u64, |w, &b| (w << 8) | u64::from(b));
        let packed = needles.map(pack);
        let masks = needles.map(|n| u64::MAX >> (8 * (8 - n.len().clamp(1, 8))));
        let mut found = needles.map(|n| n.is_empty());
        let mut window = 0u64;
        for b in hay.bytes() {
            window = (window << 8) | u64::from(b.to_ascii_lowercase());
            for k in 0..N {
                found[k] |= window & masks[k] == packed[k];
            }
        }
        found
    }

    /// [`ci_words`] finds what the reference [`contains_ascii_ci`] finds.
    fn ci_words_agree(s: &str) {
        assert_eq!(ci_words(s), contains_ascii_ci(s, CI_WORDS), "{s:?}");
    }

    /// The gates of [`Needs::of`] never change what is found: every pattern run on every
    /// sentence gives the same mentions.
    fn gates_agree(s: &str) {
        let needs = Needs::of(s);
        assert_eq!(
            find_dates_in(s, &needs),
            find_dates_in(s, &Needs::all()),
            "{s:?}"
        );
        assert_eq!(
            find_times_in(s, &needs),
            find_times_in(s, &Needs::all()),
            "{s:?}"
        );
        assert_eq!(needs.month, has_month_start(s), "{s:?}");
        assert_eq!(needs.four_digits, has_four_digit_run(s), "{s:?}");
        assert_eq!(needs.digit, s.bytes().any(|b| b.is_ascii_digit()), "{s:?}");
        // Where no pattern runs, none would find anything; where one runs, one of the gate
        // literals is in the sentence (what the pattern prefilter looks for).
        if !needs.lets_any_run() {
            assert!(find_dates_in(s, &Needs::all()).is_empty(), "{s:?}");
            assert!(find_times_in(s, &Needs::all()).is_empty(), "{s:?}");
        } else {
            let folded = s.as_bytes().to_ascii_lowercase();
            assert!(
                gate_literals()
                    .iter()
                    .any(|l| folded.windows(l.len()).any(|w| w == l.as_slice())),
                "{s:?}"
            );
        }
    }

    /// [`full_date`] as first written: the first full date among all mentions.
    fn full_date_of_all_mentions(line: &str) -> Option<(usize, Date)> {
        find_dates(line).into_iter().find_map(|m| match m.when {
            When::Date(d) if (1990..=2100).contains(&d.year()) => Some((m.start, d)),
            _ => None,
        })
    }

    #[test]
    fn may_matter_sees_each_byte_that_matters() {
        for x in 0..=255u8 {
            let matters = (0x30..=0x5A).contains(&x) || x >= 0x80;
            for k in 0..8 {
                for filler in [b'a', b' ', b'z', b'/', b'\x00', b'\x7f'] {
                    let mut w = [filler; 8];
                    w[k] = x;
                    assert_eq!(may_matter(u64::from_le_bytes(w)), matters, "{x:#x} at {k}");
                }
            }
        }
    }

    #[test]
    fn gates_on_samples() {
        for s in [
            "",
            "at 9:30 a.m. GMT on 23.07.2025 and 7/23/2025, or 2025-07-23",
            "at 9 am",
            "at 9 \u{a0}pm",
            "at 9\u{2009}p.m.",
            "at 9 p. m.",
            "at 9 P.M",
            "at 9\x0bam",
            "at 0745 GMT",
            "at 0745GMT",
            "at noon on Monday",
            "at Midnight",
            "1.25 million",
            "at ٩:٣٠",
            "on ٢٣.٠٧.٢٠٢٥",
            "9.30am",
            "2025-7-23",
            "12025-07-23",
            "on 23.7.2025",
            "in May 2024 and last year, yesterday, TOMORROW",
            "the talks resumed at 9:30 a.m. local time on 2025-07-23 in the city",
            "the meeting was held on the twenty-third 23.07.2025 in the capital city",
            "meetings were held over several days, ending at 10 pm on Sunday",
            "abcdefgh12345678abcdefghMay 5abcdefgh",
        ] {
            gates_agree(s);
            ci_words_agree(s);
            assert_eq!(full_date(s), full_date_of_all_mentions(s), "{s:?}");
        }
        assert!(Needs::of("at 9 am").ampm);
        assert!(!Needs::of("at 9 apples").ampm);
        assert!(Needs::of("on 2025-07-23").iso);
        assert!(Needs::of("on 23.07.2025").dot_date);
        assert!(Needs::of("on 7/23/2025").slash_date);
        assert!(Needs::of("at 9.30").clock && !Needs::of("at 9.3").clock);
    }

    /// [`contains_ascii_ci`] and [`has_month_start`] agree with plain searches on `s`.
    fn literal_checks_agree(s: &str) {
        let plain_ci = |needle: &str| s.to_ascii_lowercase().contains(needle);
        let needles = ["year", "day", "tomorrow", "noon", "mid", "d", ""];
        let found = contains_ascii_ci(s, needles.map(str::as_bytes));
        for (needle, found) in needles.into_iter().zip(found) {
            assert_eq!(found, plain_ci(needle), "{s:?} {needle}");
        }
        let plain_month = MONTH_STARTS
            .iter()
            .any(|m| s.contains(std::str::from_utf8(m).unwrap_or("-")));
        assert_eq!(has_month_start(s), plain_month, "{s:?}");
    }

    #[test]
    fn literal_checks_on_samples() {
        for s in [
            "",
            "y",
            "Year",
            "the YEAR",
            "YEARS",
            "yea r",
            "Today",
            "SATURDAY",
            "tomorrow!",
            "toMORROW",
            "noon",
            "Midnight",
            "Jan",
            "Ja",
            "JAN",
            "in Sept.",
            "Dec",
            "xDecember",
            "é Mar",
            "\u{212a}ay",
            "Ma",
        ] {
            literal_checks_agree(s);
        }
        assert_eq!(
            contains_ascii_ci("Next YEAR", [b"year", b"days"]),
            [true, false]
        );
        assert!(has_month_start("on 3 Sept"));
        assert!(!has_month_start("MAY"));
    }

    #[test]
    fn no_pattern_matches_the_empty_string() {
        let d = &*DATE_RE;
        let t = &*TIME_RE;
        for re in [
            &d.wd_mdy,
            &d.wd_dmy,
            &d.mdy,
            &d.dmy,
            &d.iso,
            &d.dot,
            &d.slash,
            &d.md,
            &d.dm,
            &d.my,
            &d.month,
            &d.weekday,
            &d.year,
            &d.rel_year,
            &d.rel_day,
            &t.hm,
            &t.hhmm_zone,
            &t.h_ampm,
            &t.named,
        ] {
            assert!(!re.is_match(""), "{re}");
            assert_eq!(captures_in(re, "").count(), 0);
        }
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn never_panic(s in any::<String>()) {
                for m in find_dates(&s) {
                    prop_assert!(m.start <= m.end && m.end <= s.len());
                    prop_assert!(s.is_char_boundary(m.start) && s.is_char_boundary(m.end));
                }
                for t in find_times(&s) {
                    prop_assert!(t.start <= t.end && t.end <= s.len());
                    prop_assert!(t.minutes < 24 * 60);
                }
                let _ = find_page_date(&s);
                let _ = direction_of(&s, &TimeVocab::default());
            }

            #[test]
            fn never_panic_on_date_like(s in r"((Mon|Tues)day|May|Feb|in|last|year|[0-9]{1,4}|[.,/:-]| |st|th|GMT|a\.m\.|pm){0,12}") {
                let _ = find_dates(&s);
                let _ = find_times(&s);
                let _ = find_page_date(&s);
            }

            #[test]
            fn literal_checks_are_the_plain_searches(s in r"(Jan|JAN|jan|Ma|May|Dec|D|Y|YEAR|year|yea|day|DAY|da|tomorrow|TOMORROW|noon|mid|MID|é|ſ|\u{212a}| |[0-9]){0,10}") {
                literal_checks_agree(&s);
            }

            #[test]
            fn literal_checks_are_the_plain_searches_on_any_text(s in any::<String>()) {
                literal_checks_agree(&s);
                ci_words_agree(&s);
            }

            #[test]
            fn gates_never_change_mentions(s in any::<String>()) {
                gates_agree(&s);
                prop_assert_eq!(full_date(&s), full_date_of_all_mentions(&s));
            }

            #[test]
            fn gates_never_change_mentions_of_date_like_text(
                s in r"((Mon|Tues)day|DAY|May|Feb|Sept|in|last|next|YEAR|year|Today|tomorrow|noon|MIDnight|mid|[0-9]{1,4}|[٠-٩]{1,2}|[.,/:-]|[aApP]|[mM]|\.| |\t|\u{a0}|\u{2009}|\u{85}|st|th|GMT|UTC|local time|a\.m\.|pm|é|\u{212a}){0,14}"
            ) {
                gates_agree(&s);
                ci_words_agree(&s);
                prop_assert_eq!(full_date(&s), full_date_of_all_mentions(&s));
            }

            #[test]
            fn resolve_never_panics(y in -9999i16..=9999, m in 1i8..=12, d in 1i8..=28,
                                    mm in -5i8..=20, dd in -5i8..=40, n in any::<i16>(), w in 0i8..7, fut in any::<bool>()) {
                let anchor = Date::new(y, m, d).unwrap();
                let dir = if fut { Direction::Future } else { Direction::Past };
                let _ = resolve(When::MonthDay { month: mm, day: dd }, anchor, dir);
                let _ = resolve(When::RelativeDay(n), anchor, dir);
                let wd = jiff::civil::Weekday::from_monday_zero_offset(w).unwrap();
                let r = resolve(When::Weekday(wd), anchor, dir);
                if let Some(r) = r {
                    prop_assert_eq!(r.weekday(), wd);
                }
            }
        }
    }
}
