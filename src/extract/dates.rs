//! Dates, weekdays and times of day as written in news, and resolving them against an
//! article's date.
//!
//! OWNER: values helper. Stub: signatures are the contract with the rest of the pipeline.

use serde::Deserialize;

use crate::model::Date;

/// `rules/vocab/time.toml`: cue words that tell a future statement from a past one.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeVocab {}

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
    /// The zone as written, upper-cased ("GMT", "UTC"), if any.
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

/// All date mentions of a sentence, left to right, not overlapping.
pub fn find_dates(sentence: &str) -> Vec<DateMention> {
    let _ = sentence;
    todo!("values helper")
}

/// All time-of-day mentions of a sentence.
pub fn find_times(sentence: &str) -> Vec<TimeMention> {
    let _ = sentence;
    todo!("values helper")
}

/// Whether a sentence speaks of the future ("will meet", "are set to hold") or the past.
pub fn direction_of(sentence: &str, vocab: &TimeVocab) -> Direction {
    let _ = (sentence, vocab);
    todo!("values helper")
}

/// Resolve a mention against an anchor date (the article's date) in the given direction.
/// `None` when it cannot resolve to one day (a month, a year).
pub fn resolve(when: When, anchor: Date, direction: Direction) -> Option<Date> {
    let _ = (when, anchor, direction);
    todo!("values helper")
}

/// The page date or dateline of an article's text ("Saturday, July 26, 2025",
/// "12:49 GMT 23.07.2025"), looked for near the top of the text.
pub fn find_page_date(text: &str) -> Option<Date> {
    let _ = text;
    todo!("values helper")
}
