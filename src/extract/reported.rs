//! The day something was said is not the day of the event a sentence is about. In "the
//! Kremlin said on Monday that talks would be held in Istanbul", Monday is when the Kremlin
//! spoke; in "Umerov told reporters on Friday that …" Friday is when he told them; in "the
//! delegation arrived in Istanbul on Tuesday", Tuesday is the day of a journey. Such a date or
//! weekday is no claim about the talks, however near a cue word ("talks", "delegation") it
//! stands.
//!
//! A day is the day of saying when, going back from it over `on` (and `late`/`early`, and a
//! weekday before a date: "on Tuesday, May 13"), one of the next few words is a reporting verb
//! of the vocabulary (`reporting` in `rules/vocab/time.toml`: "said", "told", "announced",
//! "arrived", …) and none before it starts another clause (`clause_words`: "that", "would",
//! "were", … — "said the talks would be held on Friday" is about the talks); or when a
//! sentence opens on it and a reporting verb follows the comma: "On Monday, Peskov said …".
//! The day an event was first set for is no event day either: a `first_set` word
//! ("originally", "initially") up to eight words back, over an infinitive
//! (`first_set_crosses`: "were originally due to take place on Monday"), or a plan's
//! participle after "had" or "had been" (`first_set_after_had`: "had been expected to begin
//! on Monday").

use super::dates::{TimeVocab, TimeWordRole, weekday_of};
use super::text::Token;

/// Words looked at between a reporting verb and the day before it.
const GAP: usize = 4;
/// Words looked at after "On Monday," for a reporting verb: its subject comes first
/// ("Kremlin spokesman Dmitry Peskov said").
const SUBJECT_GAP: usize = 6;
/// Words looked at between a first-set word ("originally", "initially") and the day:
/// "had initially been expected to get under way on Tuesday".
const FIRST_SET_GAP: usize = 8;

/// Whether the date or weekday at tokens `first..end` is the day something was said (or a
/// journey made), not the day of an event.
pub fn is_day_of_saying(tokens: &[Token<'_>], first: usize, end: usize, vocab: &TimeVocab) -> bool {
    if vocab.reporting.is_empty() {
        return false;
    }
    let word = |k: usize| tokens.get(k).map(|t| t.lower());
    let is = |k: usize, w: &str| word(k).is_some_and(|t| t == w);
    // Back over "on", "late on", and a weekday in apposition ("on Tuesday, May 13").
    let mut k = first;
    if k >= 2 && is(k - 1, ",") && weekday_of(tokens[k - 2].text).is_some() {
        k -= 2;
    }
    let after_on = k >= 1 && is(k - 1, "on");
    if after_on {
        k -= 1;
        if k >= 1 && (is(k - 1, "late") || is(k - 1, "early")) {
            k -= 1;
        }
    }
    // A reporting word within `GAP` words, a first-set word within `FIRST_SET_GAP` (over an
    // infinitive: "originally due to take place on Monday"; no reporting verb counts past
    // one: "said to be planned for Monday").
    let mut crossed = false;
    for j in (k.saturating_sub(FIRST_SET_GAP)..k).rev() {
        match word_role(tokens, j, vocab) {
            Role::Reporting if !crossed && j + GAP >= k => return true,
            Role::FirstSet => return true,
            Role::Crossed => crossed = true,
            Role::Stop => break,
            Role::Reporting | Role::Other => {}
        }
    }
    // "On Monday, Peskov said …": the day opens the sentence, a reporting verb follows.
    if after_on && k == 0 && is(end, ",") {
        for j in end + 1..(end + 1 + SUBJECT_GAP).min(tokens.len()) {
            match word_role(tokens, j, vocab) {
                Role::Reporting => return true,
                Role::Stop | Role::Crossed => break,
                Role::FirstSet | Role::Other => {}
            }
        }
    }
    false
}

/// Whether the date at tokens `first..end` is a wire dateline's ("KUALA LUMPUR, July 29
/// (Global Wire) - …", "PUTRAJAYA, Malaysia, July 29 — …"): the day the story was filed, no
/// claim about the event it reports. Before it: a place in capitals first, then only words,
/// each capitalized, and commas; after it, an agency in brackets or none, then a dash.
pub fn is_dateline(tokens: &[Token<'_>], first: usize, end: usize) -> bool {
    let Some(head) = tokens.get(..first) else {
        return false;
    };
    let place_in_capitals = head.first().is_some_and(|t| {
        t.is_word()
            && t.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !t.text.chars().any(char::is_lowercase)
    });
    if !place_in_capitals
        || head.last().is_none_or(|t| t.text != ",")
        || !head
            .iter()
            .all(|t| t.text == "," || t.text == "." || (t.is_word() && t.is_capitalized()))
    {
        return false;
    }
    let mut k = end;
    if tokens.get(k).is_some_and(|t| t.text == "(") {
        match tokens[k..].iter().take(10).position(|t| t.text == ")") {
            Some(close) => k += close + 1,
            None => return false,
        }
    }
    tokens
        .get(k)
        .is_some_and(|t| matches!(t.text, "-" | "--" | "–" | "—"))
}

enum Role {
    /// A reporting verb: the day is its day.
    Reporting,
    /// "originally", "initially": the day is one first set.
    FirstSet,
    /// A clause word only the look-back to a first-set word crosses ("to", "be").
    Crossed,
    /// Punctuation or a word that starts another clause: look no further.
    Stop,
    Other,
}

fn word_role(tokens: &[Token<'_>], j: usize, vocab: &TimeVocab) -> Role {
    let Some(t) = tokens.get(j) else {
        return Role::Stop;
    };
    if !t.is_word() {
        return Role::Stop;
    }
    let w = t.lower();
    match vocab.role_of(&w) {
        Some(TimeWordRole::Reporting) => Role::Reporting,
        Some(TimeWordRole::FirstSet) => Role::FirstSet,
        // "had been expected to begin on Monday": a plan made before, not kept.
        Some(TimeWordRole::PlanAfterHad) => {
            let before = |back: usize| {
                j.checked_sub(back)
                    .and_then(|i| tokens.get(i))
                    .map(Token::lower)
            };
            let had = before(1).is_some_and(|w| w == "had")
                || (before(1).is_some_and(|w| w == "been")
                    && before(2).is_some_and(|w| w == "had"));
            if had { Role::FirstSet } else { Role::Other }
        }
        // "to" before a name is a destination ("flew to Ankara on Thursday"), otherwise an
        // infinitive ("plans to meet on Friday").
        Some(TimeWordRole::Clause | TimeWordRole::Crossed)
            if w == "to" && tokens.get(j + 1).is_some_and(Token::is_capitalized) =>
        {
            Role::Other
        }
        Some(TimeWordRole::Crossed) => Role::Crossed,
        Some(TimeWordRole::Clause) => Role::Stop,
        None => Role::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::tokenize;

    fn vocab() -> TimeVocab {
        crate::rules::Rules::defaults().unwrap().vocab.time.clone()
    }

    /// Whether the day `day` of `s` is a day of saying.
    fn said(s: &str, day: &str) -> bool {
        let tokens = tokenize(s);
        let at = s.find(day).unwrap();
        let first = tokens.iter().position(|t| t.start == at).unwrap();
        let end = tokens.iter().position(|t| t.end == at + day.len()).unwrap() + 1;
        is_day_of_saying(&tokens, first, end, &vocab())
    }

    #[test]
    fn the_day_of_a_statement_or_a_journey_is_no_event_day() {
        assert!(said(
            "Zelensky said on Monday that talks would follow.",
            "Monday"
        ));
        assert!(said(
            "The Kremlin announced late on Tuesday that it would come.",
            "Tuesday"
        ));
        assert!(said(
            "Umerov told reporters on Friday that a round was near.",
            "Friday"
        ));
        assert!(said(
            "Peskov said in a statement on 14 May that talks were off.",
            "14 May"
        ));
        assert!(said(
            "The team arrived in Istanbul on Tuesday for talks.",
            "Tuesday"
        ));
        assert!(said("The envoy flew to Ankara on Thursday.", "Thursday"));
        assert!(said(
            "Peskov, in a briefing on Monday, called talks useful.",
            "Monday"
        ));
        assert!(said(
            "In a statement late on Sunday, the ministry welcomed the talks.",
            "Sunday"
        ));
        assert!(said(
            "Peskov told reporters on Tuesday, May 13, that it would.",
            "May 13"
        ));
        assert!(said(
            "On Monday, the Kremlin said talks would go ahead.",
            "Monday"
        ));
        assert!(said(
            "On Monday, Kremlin spokesman Dmitry Peskov said so.",
            "Monday"
        ));
        // A day first set, with an infinitive between the cue and the day.
        assert!(said(
            "The talks were originally due to take place on Monday but opened on Wednesday.",
            "Monday"
        ));
        assert!(said(
            "The vote was initially scheduled to be held on 3 March.",
            "3 March"
        ));
    }

    #[test]
    fn an_event_day_stays_one() {
        assert!(!said(
            "The talks were held on Monday in Istanbul.",
            "Monday"
        ));
        assert!(!said(
            "Officials said the talks would resume on Friday.",
            "Friday"
        ));
        assert!(!said(
            "Russia said that the delegations met on Wednesday.",
            "Wednesday"
        ));
        assert!(!said(
            "Ukraine announced plans to meet on Thursday.",
            "Thursday"
        ));
        assert!(!said(
            "On Monday, the two delegations met in Istanbul.",
            "Monday"
        ));
        assert!(!said("The talks, they said, began on June 2.", "June 2"));
        assert!(!said("Monday said nothing.", "Monday"));
        assert!(!said(
            "The talks were originally due to take place on Monday but opened on Wednesday.",
            "Wednesday"
        ));
        assert!(!said(
            "The talks initially stalled, and the sides agreed to meet on Friday.",
            "Friday"
        ));
        assert!(!said(
            "The talks are due to take place on Monday.",
            "Monday"
        ));
    }
}
