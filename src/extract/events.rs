//! Events of one article: which round (or date) a sentence is about. Cue words — event nouns,
//! ordinals, "previous"/"last" — come from `rules/vocab/events.toml`.
//!
//! An article has its own event (the one it reports: "a second round of talks on Monday") and
//! may mention earlier ones ("the previous round, held on May 16"). Claims in a sentence about
//! an earlier event get that event; claims elsewhere get the article's own.

use super::dates::{self, Direction, When};
use super::generic::{Analyzed, Mention};
use super::text::Token;
use crate::model::{Date, ValueKind};
use crate::rules::Vocab;

/// What a sentence says about which event it concerns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SentenceCues {
    /// "second round", "third round of talks", "first direct talks since 2022".
    pub round: Option<u32>,
    /// "first talks in over seven weeks": an ordinal that only counts a gap, not a round.
    pub gap_days: Option<f64>,
    /// "the previous round", "last meeting", "earlier talks".
    pub previous: bool,
    /// The first date of the sentence, resolved where it can be.
    pub date: Option<EventDate>,
    /// The month or year the sentence puts its event in when it names no day ("the sides
    /// swapped 60 detainees in May": month 5; "in 2023": no month, year 2023).
    pub period: Option<(Option<i8>, Option<i16>)>,
    pub direction: Option<Direction>,
}

/// An event's date: a full date, or a month and day whose year is unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum EventDate {
    Full(Date),
    MonthDay(i8, i8),
}

impl EventDate {
    pub fn label(&self) -> String {
        match self {
            EventDate::Full(d) => d.to_string(),
            EventDate::MonthDay(m, d) => format!("{} {d}", month_name(*m)),
        }
    }
    /// The month and day.
    fn month_day(&self) -> (i8, i8) {
        match self {
            EventDate::Full(d) => (d.month(), d.day()),
            EventDate::MonthDay(m, d) => (*m, *d),
        }
    }
    /// The same day, ignoring a missing year.
    pub fn same_day(&self, other: &EventDate) -> bool {
        match (self, other) {
            (EventDate::Full(a), EventDate::Full(b)) => a == b,
            _ => self.month_day() == other.month_day(),
        }
    }
    /// How many days `self` is before `other` (negative after it); by month and day where
    /// either year is missing (a month taken as 31 days).
    pub fn days_before(&self, other: &EventDate) -> i64 {
        match (self, other) {
            (EventDate::Full(a), EventDate::Full(b)) => {
                a.duration_until(*b).as_secs().div_euclid(86_400)
            }
            _ => {
                let n = |(m, d): (i8, i8)| i64::from(m) * 31 + i64::from(d);
                n(other.month_day()) - n(self.month_day())
            }
        }
    }
    pub fn full(&self) -> Option<Date> {
        match self {
            EventDate::Full(d) => Some(*d),
            EventDate::MonthDay(..) => None,
        }
    }
}

pub fn month_name(m: i8) -> &'static str {
    dates::MONTH_NAMES
        .get((m as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

/// The event a claim is about.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventRef {
    pub round: Option<u32>,
    pub date: Option<EventDate>,
    /// For an event known only as "after the meeting of June 2".
    pub after: Option<EventDate>,
}

impl EventRef {
    pub fn is_known(&self) -> bool {
        self.round.is_some() || self.date.is_some() || self.after.is_some()
    }
    /// The label claims carry ("round 2", "2025-07-23", "after June 2").
    pub fn label(&self) -> Option<String> {
        if let Some(r) = self.round {
            return Some(format!("round {r}"));
        }
        if let Some(d) = &self.date {
            return Some(d.label());
        }
        self.after.as_ref().map(|d| format!("after {}", d.label()))
    }
}

/// The events of one article.
#[derive(Clone, Debug, Default)]
pub struct ArticleEvents {
    pub own: EventRef,
    pub cues: Vec<SentenceCues>,
    pub previous: EventRef,
}

fn near_event_noun(tokens: &[Token<'_>], i: usize, vocab: &Vocab, span: usize) -> bool {
    (i + 1..(i + 1 + span).min(tokens.len()))
        .any(|k| vocab.is_event_noun_before(tokens[k].text, tokens.get(k + 1).map(|n| n.text)))
}

/// Read the event cues of one sentence.
pub fn sentence_cues(analyzed: &Analyzed<'_>, vocab: &Vocab, anchor: Option<Date>) -> SentenceCues {
    sentence_cues_gated(analyzed, vocab, anchor, true)
}

/// [`sentence_cues`], told whether the sentence may have a cue word (an ordinal or a
/// "previous" word: `Scan::cue_words` of the rules' one pass over it). Without one, its
/// words are not looked up.
pub fn sentence_cues_gated(
    analyzed: &Analyzed<'_>,
    vocab: &Vocab,
    anchor: Option<Date>,
    may_have_cue_words: bool,
) -> SentenceCues {
    let tokens: &[Token<'_>] = if may_have_cue_words {
        &analyzed.tokens
    } else {
        &[]
    };
    let mut cues = SentenceCues {
        direction: Some(analyzed.direction),
        ..SentenceCues::default()
    };
    // The byte lengths of the "previous" words (bit 63 for 63 and longer): a word of another
    // length equals none of them, ASCII case ignored or not.
    let length_bit = |len: usize| 1u64 << len.min(63);
    let previous_lengths = vocab
        .events
        .previous
        .iter()
        .fold(0u64, |m, p| m | length_bit(p.len()));
    for (i, t) in tokens.iter().enumerate() {
        // The lookups below ignore ASCII case: only other text needs lowering first.
        let lw = if t.text.is_ascii() {
            std::borrow::Cow::Borrowed(t.text)
        } else {
            t.lower()
        };
        if cues.round.is_none()
            && cues.gap_days.is_none()
            && let Some(n) = vocab.ordinal(&lw)
            && near_event_noun(tokens, i, vocab, 4)
        {
            // "first ... in over seven weeks" / "since 2022": a gap, not a count of rounds.
            let gap = gap_after(tokens, i, analyzed, anchor);
            match gap {
                Some(days) if days < vocab.events.new_series_gap_days as f64 => {
                    cues.gap_days = Some(days);
                }
                _ => cues.round = Some(n),
            }
        }
        if !cues.previous
            && previous_lengths & length_bit(lw.len()) != 0
            && vocab
                .events
                .previous
                .iter()
                .any(|p| p.eq_ignore_ascii_case(&lw))
            && near_event_noun(tokens, i, vocab, 3)
        {
            cues.previous = true;
        }
    }
    // A day something was said on is not the day of the sentence's event ("Peskov said on
    // Monday that the talks would be held on Friday"; "originally set for Thursday").
    cues.date = first_date(
        &analyzed.mentions,
        anchor,
        cues.direction.unwrap_or(Direction::Past),
    );
    if cues.date.is_none() {
        cues.period = analyzed.mentions.iter().find_map(|m| match m.when? {
            When::Month { month, year } if !m.said => Some((Some(month), year)),
            When::Year(y) if !m.said => Some((None, Some(y))),
            _ => None,
        });
    }
    cues
}

/// Whether the day `d` lies in the month or year of a `period` ([`SentenceCues::period`]);
/// a year is compared only where both are known.
fn in_period(d: &EventDate, (month, year): (Option<i8>, Option<i16>)) -> bool {
    let same_month = month.is_none_or(|m| d.month_day().0 == m);
    let same_year = match (year, d.full()) {
        (Some(y), Some(full)) => full.year() == y,
        _ => true,
    };
    same_month && same_year
}

/// "in over seven weeks", "in more than three years", "since 2022" after the ordinal at `i`:
/// the length of the gap in days. A year with no anchor counts as a long gap.
fn gap_after(
    tokens: &[Token<'_>],
    i: usize,
    analyzed: &Analyzed<'_>,
    anchor: Option<Date>,
) -> Option<f64> {
    let window_end = tokens.get((i + 9).min(tokens.len().saturating_sub(1)))?.end;
    let from = tokens.get(i)?.end;
    for m in &analyzed.mentions {
        if m.start < from || m.start > window_end {
            continue;
        }
        let before = &tokens[..super::text::token_at(tokens, m.start)];
        let prep = before.iter().rev().find(|t| {
            t.is_word()
                && !matches!(
                    t.lower().as_ref(),
                    "over"
                        | "more"
                        | "than"
                        | "nearly"
                        | "almost"
                        | "about"
                        | "the"
                        | "last"
                        | "past"
                )
        });
        let prep = prep.map(|t| t.lower()).unwrap_or_default();
        match (m.kind, &m.when) {
            (ValueKind::Duration, _) if prep == "in" || prep == "for" => {
                return m.interval.map(|iv| iv.point / 86_400.0);
            }
            (ValueKind::Date, Some(When::Year(y))) if prep == "since" => {
                return Some(match anchor {
                    Some(a) => (a.year() - *y) as f64 * 365.0,
                    None => f64::INFINITY,
                });
            }
            _ => {}
        }
        // A hedged duration ("over seven weeks") starts at its hedge; look at the word before.
        if m.kind == ValueKind::Duration && m.hedge.is_some() {
            let before = &tokens[..super::text::token_at(tokens, m.start)];
            if before
                .last()
                .is_some_and(|t| matches!(t.lower().as_ref(), "in" | "for"))
            {
                return m.interval.map(|iv| iv.point / 86_400.0);
            }
        }
    }
    None
}

/// The date a sentence gives its event: an explicit date ("16 May", "July 23, 2025") before a
/// weekday or a relative day, which only resolve against the article's date.
/// Days of saying ([`Mention::said`]) are left out.
fn first_date(
    mentions: &[Mention],
    anchor: Option<Date>,
    direction: Direction,
) -> Option<EventDate> {
    let explicit = mentions.iter().find_map(|m| match m.when? {
        When::Date(d) if !m.said => Some(EventDate::Full(d)),
        when @ When::MonthDay { month, day } if !m.said => Some(
            match anchor.and_then(|a| dates::resolve(when, a, direction)) {
                Some(d) => EventDate::Full(d),
                None => EventDate::MonthDay(month, day),
            },
        ),
        _ => None,
    });
    explicit.or_else(|| {
        mentions.iter().find_map(|m| match m.when? {
            when @ (When::Weekday(_) | When::RelativeDay(_)) if !m.said => anchor
                .and_then(|a| dates::resolve(when, a, direction))
                .map(EventDate::Full),
            _ => None,
        })
    })
}

/// How many sentences at the top of an article may state its own event's date.
const LEAD_SENTENCES: usize = 4;

/// How many days before the lead's date a round may be dated and still be the article's own
/// event (a lead's weekday may name another event of the same news week).
const SAME_WEEK_DAYS: i64 = 7;

/// Work out the article's own event and its previous one from the cues of its sentences.
///
/// The own event's date is the first date of the lead; its round the first round named
/// outside a mention of a previous event, unless that sentence dates the round more than
/// [`SAME_WEEK_DAYS`] before the lead's day: "Talks resumed on Wednesday. ... The first round
/// was held on February 18" names an earlier round, not Wednesday's (that sentence's claims
/// keep round 1 and February 18 as their own event). A round dated within the week of the
/// lead's day, or after it, stays the article's own: the lead's date may be another event's
/// ("the conflict escalated on Sunday" before "talks resumed on Monday for a third round").
pub fn article_events(cues: Vec<SentenceCues>) -> ArticleEvents {
    let mut own = EventRef::default();
    for (i, c) in cues.iter().enumerate() {
        if own.date.is_none() && i < LEAD_SENTENCES && !c.previous && c.date.is_some() {
            own.date = c.date;
        }
    }
    for c in &cues {
        if c.previous || c.round.is_none() {
            continue;
        }
        let earlier = matches!((c.date, own.date),
            (Some(d), Some(lead)) if d.days_before(&lead) > SAME_WEEK_DAYS);
        if !earlier {
            own.round = c.round;
            break;
        }
    }
    let mut previous = EventRef {
        round: own.round.and_then(|r| r.checked_sub(1)).filter(|r| *r > 0),
        ..EventRef::default()
    };
    // The latest dated mention of a previous event.
    for c in &cues {
        if c.previous && c.date.is_some() {
            previous.date = c.date;
        }
    }
    if own.round.is_none() && own.date.is_none() {
        own.after = previous.date;
    }
    ArticleEvents {
        own,
        cues,
        previous,
    }
}

impl ArticleEvents {
    /// The event of a claim in sentence `i`, with the claim's own date mention if any.
    pub fn event_of(&self, i: usize) -> EventRef {
        let Some(c) = self.cues.get(i) else {
            return self.own.clone();
        };
        if c.previous {
            let mut e = self.previous.clone();
            if c.date.is_some() {
                e.date = c.date;
            }
            return e;
        }
        if let Some(r) = c.round
            && Some(r) != self.own.round
        {
            return EventRef {
                round: Some(r),
                date: c.date,
                after: None,
            };
        }
        if let Some(d) = c.date
            && let Some(own) = self.own.date
            && !own.same_day(&d)
        {
            return EventRef {
                round: None,
                date: Some(d),
                after: None,
            };
        }
        // "The sides swapped 60 detainees in May" in an article whose own event is in June:
        // another event, of no known day (not the article's own day, which would set it
        // apart from the same exchange told by an article of another day).
        if c.date.is_none()
            && let Some(period) = c.period
            && let Some(own) = self.own.date
            && !in_period(&own, period)
        {
            return EventRef::default();
        }
        self.own.clone()
    }

    /// The event of a claim in sentence `i` whose value is a day of its own (`day`, a weekday
    /// or a date as resolved): that day's event where it is not the sentence's. In "signed
    /// the deal on Wednesday, after talks that opened on Tuesday, October 25", the sentence's
    /// event is October 25's, but Wednesday's claim is about the Wednesday.
    pub fn event_of_day(&self, i: usize, day: Date) -> EventRef {
        let e = self.event_of(i);
        match e.date {
            Some(event_day) if !event_day.same_day(&EventDate::Full(day)) => EventRef {
                date: Some(EventDate::Full(day)),
                ..EventRef::default()
            },
            _ => e,
        }
    }

    /// (round, date) pairs this article states: evidence that links a round to its date.
    pub fn round_dates(&self) -> Vec<(u32, EventDate)> {
        let mut out = Vec::new();
        for e in [&self.own, &self.previous] {
            if let (Some(r), Some(d)) = (e.round, e.date) {
                out.push((r, d));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::generic;
    use crate::rules::Rules;

    /// The events of a made-up article, one sentence per line.
    fn events_of(lines: &[&str], anchor: Option<&str>) -> ArticleEvents {
        let rules = Rules::defaults().unwrap_or_else(|e| panic!("{e}"));
        let anchor = anchor.map(|a| a.parse().expect("date"));
        let cues = lines
            .iter()
            .map(|s| sentence_cues(&generic::analyze(s, &rules.vocab), &rules.vocab, anchor))
            .collect();
        article_events(cues)
    }

    #[test]
    fn an_ordinal_round_is_the_article_own_event_and_the_previous_round_gets_its_date() {
        let e = events_of(
            &[
                "Envoys gather in Oslo on Thursday for a third round of negotiations.",
                "The previous round, held on April 9, ended early.",
                "Both teams brought new maps.",
            ],
            None,
        );
        assert_eq!(e.event_of(0).label().as_deref(), Some("round 3"));
        assert_eq!(e.event_of(1).label().as_deref(), Some("round 2"));
        assert_eq!(e.event_of(2).label().as_deref(), Some("round 3"));
        assert_eq!(e.round_dates(), vec![(2, EventDate::MonthDay(4, 9))]);
    }

    #[test]
    fn a_round_dated_to_another_day_than_the_lead_is_not_the_article_own() {
        // Published on Wednesday 2025-03-12.
        let e = events_of(
            &[
                "Peace talks resumed on Wednesday after a pause.",
                "The first round of talks was held on February 18 in Riyadh.",
                "No agreement was reached.",
            ],
            Some("2025-03-12"),
        );
        assert_eq!(e.own.round, None);
        assert_eq!(e.event_of(0).label().as_deref(), Some("2025-03-12"));
        assert_eq!(e.event_of(1).label().as_deref(), Some("round 1"));
        assert_eq!(e.event_of(2).label().as_deref(), Some("2025-03-12"));
        // The same round dated to the lead's day is the article's own.
        let e = events_of(
            &[
                "Negotiators met in Geneva on Wednesday.",
                "It was the second round of talks, held on March 12 at the UN.",
            ],
            Some("2025-03-12"),
        );
        assert_eq!(e.own.round, Some(2));
        assert_eq!(e.event_of(0).label().as_deref(), Some("round 2"));
        // A round dated after the lead's day, or a few days before it, is the article's own:
        // the lead's weekday is another event's.
        for lead in [
            "Shelling intensified on Sunday along the front.",
            "Long queues of trucks formed at the border on Tuesday.",
        ] {
            let e = events_of(
                &[
                    lead,
                    "Negotiators returned to Geneva on Monday for a third round of talks.",
                    "The talks were hosted at the Palais des Nations.",
                ],
                Some("2025-03-12"),
            );
            assert_eq!(e.own.round, Some(3), "{lead}");
            assert_eq!(e.event_of(2).label().as_deref(), Some("round 3"), "{lead}");
        }
    }

    #[test]
    fn a_sentence_in_another_month_or_year_is_not_the_article_own_event() {
        // Published on Monday 2025-06-30: the lead's Thursday is June 26.
        let e = events_of(
            &[
                "The ministers signed the accord in Washington on Thursday.",
                "In an exchange in April, the two sides swapped 48 detainees.",
                "Both governments released 12 captives in June, the Red Cross said.",
                "The rebels freed 30 soldiers in 2023.",
                "In 2025 the two armies also traded the remains of 20 fighters.",
                "Officials released the list of names.",
            ],
            Some("2025-06-30"),
        );
        assert_eq!(e.event_of(0).label().as_deref(), Some("2025-06-26"));
        assert_eq!(e.event_of(1).label(), None);
        assert_eq!(e.event_of(2).label().as_deref(), Some("2025-06-26"));
        assert_eq!(e.event_of(3).label(), None);
        assert_eq!(e.event_of(4).label().as_deref(), Some("2025-06-26"));
        assert_eq!(e.event_of(5).label().as_deref(), Some("2025-06-26"));
    }

    #[test]
    fn first_talks_in_weeks_counts_a_gap_and_first_in_years_starts_a_series() {
        let e = events_of(
            &["The sides hold their first talks in over six weeks."],
            None,
        );
        assert_eq!(e.own.round, None);
        let e = events_of(&["The sides hold their first talks in five years."], None);
        assert_eq!(e.own.round, Some(1));
    }

    #[test]
    fn a_weekday_resolves_against_the_article_date() {
        // Published on a Saturday; "on Wednesday" in a past-tense report is three days before.
        let e = events_of(
            &["The delegations met again on Wednesday in Geneva."],
            Some("2025-07-26"),
        );
        assert_eq!(
            e.own.date,
            Some(EventDate::Full("2025-07-23".parse().expect("date")))
        );
        assert_eq!(e.event_of(0).label().as_deref(), Some("2025-07-23"));
    }

    #[test]
    fn a_day_of_another_date_than_its_sentence_is_its_own_event() {
        let e = events_of(
            &["The accord initialled on June 19 crowns negotiations that opened on June 9."],
            Some("2025-06-20"),
        );
        let day = |d: &str| d.parse().expect("date");
        assert_eq!(e.event_of(0).label().as_deref(), Some("2025-06-19"));
        assert_eq!(
            e.event_of_day(0, day("2025-06-09")).label().as_deref(),
            Some("2025-06-09")
        );
        assert_eq!(
            e.event_of_day(0, day("2025-06-19")).label().as_deref(),
            Some("2025-06-19")
        );
    }

    #[test]
    fn an_article_known_only_by_its_previous_meeting_is_after_it() {
        let e = events_of(
            &[
                "The envoys are meeting for the first time in seven weeks.",
                "In the last meeting on March 3, little was agreed.",
            ],
            None,
        );
        assert_eq!(e.event_of(0).label().as_deref(), Some("after March 3"));
        assert_eq!(e.event_of(1).label().as_deref(), Some("March 3"));
    }
}
