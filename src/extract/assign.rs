//! The topic layer: generic mentions go to the topic and measure whose cue words stand nearest;
//! topic patterns find what the generic layer cannot (who leads which delegation). What no
//! topic takes is kept under a generic topic named after its value kind.

use super::Found;
use super::dates::{self, When};
use super::generic::{Analyzed, Mention, is_conjunction, noun_key, own_verb_at, weekday_name};
use super::text::{Token, prefix_phrase_at, token_at};
use super::titles;
use crate::model::{Claim, Date, Tenure, ValueKind};
use crate::rules::{Measure, Rules, Topic, Vocab};

/// The topic id of weekday/date mismatches within one article.
pub const CALENDAR_TOPIC: &str = "calendar";

thread_local! {
    /// The article and quote of a claim before it is placed in its article (`place_claim`):
    /// one shared empty text, not an allocation per claim.
    static NOT_PLACED: std::sync::Arc<str> = "".into();
}

fn blank_claim(topic: &str, subject: String, m: &Mention) -> Claim {
    let not_placed = NOT_PLACED.with(std::sync::Arc::clone);
    Claim {
        article: not_placed.clone(),
        topic: topic.into(),
        subject: subject.into(),
        kind: m.kind,
        value: m.written.as_str().into(),
        normalized: m.normalized.as_str().into(),
        interval: m.interval,
        unit: m.unit.as_deref().map(Box::from),
        hedge: m.hedge.as_deref().map(Box::from),
        tenure: m.tenure,
        event: None,
        date: None,
        quote: not_placed,
        start: m.start,
        end: m.end,
        line: 0,
        column: 0,
        end_line: 0,
        end_column: 0,
    }
}

/// Token range (first, last exclusive) of a byte span.
pub(super) fn token_range(tokens: &[Token<'_>], span: (usize, usize)) -> (usize, usize) {
    let first = token_at(tokens, span.0);
    (first, token_at(tokens, span.1).max(first + 1))
}

/// A mark that ends a clause or sets one off: "," ";" ":" and dashes.
fn is_clause_mark(token: &str) -> bool {
    matches!(token, "," | ";" | ":" | "—" | "–")
}

fn token_distance(range: (usize, usize), k: usize) -> usize {
    if k < range.0 {
        range.0 - k
    } else if k >= range.1 {
        k - range.1 + 1
    } else {
        0
    }
}

/// What `nearest` needs to know of a mention besides its span: the words a cue may cross to
/// a count between others (`shared_cue_words` of the measures vocabulary) and the token of
/// the mention's own verb ([`own_verb_at`]), if it has one.
#[derive(Clone, Copy)]
struct Context<'v> {
    shared: &'v [String],
    own_verb: Option<usize>,
    /// The mention is the whole of a part before it ("45 of the 52 drones"): a cue before it
    /// is the part's.
    whole: bool,
    /// Tokens whose cues are another count's (of a part and its whole, see
    /// [`Mention::cue_skip`]).
    skip: Option<(usize, usize)>,
}

/// How near the nearest occurrence of any cue is to a mention, within `window`: twice the
/// token distance, plus one for a cue before the mention (a cue after it wins a tie). A cue
/// across a clause break and nearer to another value of the sentence (`others`, token ranges)
/// belongs to that value: in "200 were hurt, and 18,000 were moved", "hurt" is not a cue of
/// 18,000; in "two sides handed over 1,200 bodies" it is.
fn nearest(
    tokens: &[Token<'_>],
    span: (usize, usize),
    phrases: &[Vec<String>],
    window: usize,
    others: &[(usize, usize)],
    cx: Context<'_>,
) -> Option<usize> {
    let (first, last) = token_range(tokens, span);
    let lo = first.saturating_sub(window);
    let hi = (last + window).min(tokens.len());
    let mut best: Option<usize> = None;
    // The ASCII first letters the phrases start with (lower case), and whether any phrase has
    // no first letter: an ASCII token with another first letter starts none of them.
    let mut initials = [false; 128];
    let mut any_start = false;
    for p in phrases {
        match p.first().and_then(|w| w.as_bytes().first()) {
            Some(b) if b.is_ascii() => initials[usize::from(b.to_ascii_lowercase())] = true,
            Some(_) => {}
            None => any_start = true,
        }
    }
    for k in lo..hi {
        // A phrase can start at an ASCII token only with the token's first letter: most are
        // turned away without comparing their words.
        let text = tokens[k].text;
        let initial = text
            .is_ascii()
            .then(|| text.as_bytes().first().map(u8::to_ascii_lowercase))
            .flatten();
        if initial.is_some_and(|a| !any_start && !initials[usize::from(a)]) {
            continue;
        }
        for p in phrases {
            let may_start = match (initial, p.first().and_then(|w| w.as_bytes().first())) {
                (Some(a), Some(b)) => a == b.to_ascii_lowercase(),
                _ => true,
            };
            if may_start && prefix_phrase_at(tokens, k, p) {
                if (cx.whole && k < first) || cx.skip.is_some_and(|(a, b)| a <= k && k < b) {
                    continue;
                }
                let d = token_distance((first, last), k);
                let between = if k < first {
                    k + 1..first
                } else if k >= last {
                    last..k
                } else {
                    0..0
                };
                let clause_break = tokens[between.clone()]
                    .iter()
                    .any(|t| is_clause_mark(t.text) || t.text == "(");
                // A value between this one and the cue shares the cue when nothing but values,
                // list words and auxiliaries stand between them: "12 people, including 3
                // children, were killed", "killed 4 soldiers, 2 civilians and a dog".
                // (The words are the measures vocabulary's `shared_cue_words`.)
                let shares = |o: &(usize, usize)| {
                    o.0 >= between.start
                        && o.1 <= between.end
                        && between.clone().all(|j| {
                            others.iter().any(|v| v.0 <= j && j < v.1)
                                || cx.shared.iter().any(|w| w.as_str() == tokens[j].text)
                        })
                };
                if clause_break
                    && others
                        .iter()
                        .any(|o| o.0 != first && token_distance(*o, k) < d && !shares(o))
                {
                    continue;
                }
                // A cue across "and" (or a clause break) from the value, with another value
                // beyond the cue, is that value's: in "two were killed and five others were
                // hurt", "killed" is not a cue of five; in "killed two soldiers and five
                // civilians" it is.
                let end = k + p.len();
                let (gap, beyond) = if k < first {
                    (end.min(first)..first, others.iter().any(|o| o.1 <= k))
                } else if k >= last {
                    (last..k, others.iter().any(|o| o.0 >= end))
                } else {
                    (0..0, false)
                };
                // An "and" right after the value, with another value after it before the cue,
                // lists values that share the cue: in "70 soldiers and 40 civilians have died,
                // and 60,000 people were evacuated", "died" is a cue of 70.
                let listed = |j: usize| {
                    k >= last && j == gap.start && others.iter().any(|o| o.0 > j && o.1 <= gap.end)
                };
                if beyond
                    && tokens[gap.clone()].iter().enumerate().any(|(n, t)| {
                        (is_conjunction(t.text) && !listed(gap.start + n)) || is_clause_mark(t.text)
                    })
                {
                    continue;
                }
                // A count with a verb of its own starts a clause: a cue before it across "and"
                // and another count ("fired 40 shells on Monday and 12 drones hit the city"),
                // or after its verb across "and" and another count ("12 drones hit the city and
                // 40 shells were fired"), is the other clause's. "Killed two soldiers and five
                // civilians" still shares "killed".
                if let Some(v) = cx.own_verb {
                    let (gap, from, to) = if k < first {
                        (end.min(first)..first, k, first)
                    } else if k > v {
                        (v..k, v, k)
                    } else {
                        (0..0, 0, 0)
                    };
                    if tokens[gap].iter().any(|t| is_conjunction(t.text))
                        && others
                            .iter()
                            .any(|o| o.0 != first && o.0 >= from && o.1 <= to)
                    {
                        continue;
                    }
                }
                // At equal distances a cue after the value wins ("Three people died and 12
                // were wounded": "wounded" is 12's verb, not "died").
                let rank = 2 * d + usize::from(k < first);
                best = Some(best.map_or(rank, |b: usize| b.min(rank)));
            }
        }
    }
    best
}

/// Whether the mention's counted noun is one of the measure's. `key` holds the mention's
/// [`noun_key`] once made: it is asked of every measure of every topic of the mention's kind.
fn noun_matches(measure: &Measure, m: &Mention, key: &mut Option<Option<String>>) -> bool {
    if measure.nouns.is_empty() {
        return true;
    }
    let Some(key) = key
        .get_or_insert_with(|| m.noun.as_deref().map(noun_key))
        .as_deref()
    else {
        return false;
    };
    measure.nouns.iter().any(|n| {
        *n == key
            || key
                .strip_suffix(n.as_str())
                .is_some_and(|head| head.ends_with(' '))
    })
}

fn fill_template(template: &str, m: &Mention, vocab: &Vocab) -> Option<String> {
    let mut s = template.to_string();
    if s.contains("{noun}") {
        s = s.replace("{noun}", m.noun.as_deref()?);
    }
    if s.contains("{verb}") {
        s = s.replace("{verb}", m.verb.as_deref()?);
    }
    if s.contains("{person}") {
        let p = m.person.as_deref()?;
        s = s.replace("{person}", vocab.person(p).unwrap_or(p));
    }
    Some(s.trim().to_string())
}

/// Whether a mention is precise enough to be a claim: dates must name a day.
fn claimable(m: &Mention) -> bool {
    match m.when {
        Some(When::Date(_) | When::MonthDay { .. } | When::Weekday(_)) => true,
        Some(_) => false,
        None => true,
    }
}

/// The best topic for a mention: (topic index, subject). `event_noun` caches the
/// sentence's event noun nearest to it, as [`generic_claim`] does.
fn best_topic(
    m: &Mention,
    tokens: &[Token<'_>],
    rules: &Rules,
    others: &[(usize, usize)],
    event_noun: &mut Option<Option<usize>>,
) -> Option<(usize, String)> {
    let mut best: Option<(usize, usize, String)> = None; // (distance, topic, subject)
    let mut counted_key = None;
    let cx = Context {
        shared: &rules.vocab.measures.shared_cue_words,
        own_verb: if m.kind == ValueKind::Count {
            own_verb_at(
                tokens,
                token_range(tokens, (m.start, m.extent_end)).1,
                &rules.vocab,
            )
        } else {
            None
        },
        whole: m.whole,
        skip: m.cue_skip.map(|span| token_range(tokens, span)),
    };
    for (ti, topic) in rules.topics.iter().enumerate() {
        if topic.kind != m.kind {
            continue;
        }
        for measure in &topic.measures {
            if !noun_matches(measure, m, &mut counted_key) {
                continue;
            }
            if !measure.exclude.is_empty()
                && nearest(
                    tokens,
                    (m.start, m.extent_end),
                    &measure.exclude,
                    measure.window,
                    others,
                    cx,
                )
                .is_some()
            {
                continue;
            }
            // Ranked as `nearest` ranks: a measure without cues after every cue in its window;
            // a measure that takes wholes or each side's counts before any cue.
            let distance = if (m.whole && measure.whole) || (m.each_side && measure.each_side) {
                0
            } else if measure.cues.is_empty() {
                // A part without a measure verb is no plain count of its noun ("only 4 of
                // the 40 drones reached their targets": not 4 drones; see
                // `Mention::count_measure`); only a measure's cue words may take it.
                if m.part && m.verb.is_none() {
                    continue;
                }
                2 * (measure.window + 1) + 1
            } else {
                match nearest(
                    tokens,
                    (m.start, m.extent_end),
                    &measure.cues,
                    measure.window,
                    others,
                    cx,
                ) {
                    Some(d) => d,
                    // A day or date beyond the window is still the sentence's event's when
                    // the event noun nearest to it is one of the measure's cues ("The talks
                    // were pushed back by a day because of a row over the agenda and finally
                    // opened on Thursday"): ranked after every cue inside a window.
                    None if matches!(m.kind, ValueKind::Weekday | ValueKind::Date)
                        && event_noun
                            .get_or_insert_with(|| {
                                nearest_event_noun(tokens, token_at(tokens, m.start), &rules.vocab)
                            })
                            .filter(|&k| nothing_between(tokens, m, others, k))
                            .is_some_and(|k| {
                                measure.cues.iter().any(|p| prefix_phrase_at(tokens, k, p))
                            }) =>
                    {
                        2 * (measure.window + 1) + 2
                    }
                    None => continue,
                }
            };
            let Some(subject) = fill_template(&measure.subject, m, &rules.vocab) else {
                continue;
            };
            if best.as_ref().is_none_or(|(bd, _, _)| distance < *bd) {
                best = Some((distance, ti, subject));
            }
        }
    }
    best.map(|(_, t, s)| (t, s))
}

/// The generic topic and subject of a mention no topic took.
/// `event_noun` is the sentence's event noun nearest to the mention ([`nearest_event_noun`])
/// once looked up.
fn generic_claim(
    m: &Mention,
    tokens: &[Token<'_>],
    vocab: &Vocab,
    event_noun: &mut Option<Option<usize>>,
) -> Option<(String, String)> {
    let kind = m.kind.name().to_string();
    match m.kind {
        ValueKind::Count => {
            if m.noun
                .as_deref()
                .is_some_and(|n| super::generic::ignored_noun(n, vocab))
            {
                return None;
            }
            Some((kind, m.count_measure()?))
        }
        // A share of something ("40 percent of the vote"), else the level something changed
        // to ("unemployment climbed to 9.4 percent": unemployment).
        ValueKind::Share => match (&m.of, &m.noun) {
            (Some(of), _) => Some((kind, format!("share of {of}"))),
            (None, Some(what)) => Some((kind, what.clone())),
            (None, None) => None,
        },
        ValueKind::Duration | ValueKind::Distance | ValueKind::Area | ValueKind::Money => {
            Some((kind, m.noun.clone()?))
        }
        ValueKind::Title => {
            let p = m.person.as_deref()?;
            Some((kind, vocab.person(p).unwrap_or(p).to_string()))
        }
        ValueKind::Weekday | ValueKind::Date | ValueKind::Time => {
            // Anchor a bare date to the nearest event noun of the sentence ("talks").
            let noun = event_noun
                .get_or_insert_with(|| nearest_event_noun(tokens, token_at(tokens, m.start), vocab))
                .as_ref()
                .copied()?;
            Some((kind, tokens[noun].lower().into_owned()))
        }
        ValueKind::Person | ValueKind::Place => None,
    }
}

/// The token of the sentence's event noun nearest to token `at` ("talks", "storm").
fn nearest_event_noun(tokens: &[Token<'_>], at: usize, vocab: &Vocab) -> Option<usize> {
    tokens
        .iter()
        .enumerate()
        .filter(|(k, t)| vocab.is_event_noun_before(t.text, tokens.get(k + 1).map(|n| n.text)))
        .min_by_key(|(k, _)| k.abs_diff(at))
        .map(|(k, _)| k)
}

/// Whether no other value of mention `m`'s kind (`others`, token ranges, `m`'s own among
/// them) stands between `m` and token `k`: one that did would be nearer to it.
fn nothing_between(tokens: &[Token<'_>], m: &Mention, others: &[(usize, usize)], k: usize) -> bool {
    let (first, last) = token_range(tokens, (m.start, m.extent_end));
    let (lo, hi) = if k < first { (k, first) } else { (last, k) };
    !others
        .iter()
        .any(|&(a, b)| (a, b) != (first, last) && a >= lo && b <= hi)
}

/// The person a `{person}` capture points at: the name around it in the sentence, its title
/// and place words dropped, canonical where the vocabulary knows it.
fn person_at(
    s: &str,
    toks: &[Token<'_>],
    at: usize,
    vocab: &Vocab,
) -> Option<(usize, usize, String)> {
    let (b0, b1, name) = titles::name_around(s, toks, token_at(toks, at), vocab)?;
    let canonical = vocab.person(&name).map(str::to_string).unwrap_or(name);
    Some((b0, b1, canonical))
}

/// Each word with its first letter in upper case; the spaces between words as one space.
fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut chars = w.chars();
        if let Some(c) = chars.next() {
            out.extend(c.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

/// `try_pattern[k]` says whether the topic's k-th pattern can match `s` at all (the rules'
/// literal prefilter); patterns that cannot are skipped.
fn pattern_claims(
    s: &str,
    toks: &[Token<'_>],
    topic: &Topic,
    vocab: &Vocab,
    try_pattern: &[bool],
    narrow: bool,
    out: &mut Vec<Found>,
) {
    for (p, _) in topic.patterns.iter().zip(try_pattern).filter(|(_, t)| **t) {
        let Some(regex) = p.regex_for(narrow) else {
            continue;
        };
        for caps in regex.captures_iter(s) {
            let Some(value) = caps.name(&p.value) else {
                continue;
            };
            let mut subject = p.subject.clone();
            if let Some(side) = caps.name("side") {
                if vocab.is_title_word_not_side(side.as_str()) {
                    continue;
                }
                subject = subject.replace("{side}", &vocab.side(side.as_str()));
            }
            let (start, end, normalized) = match p.value.as_str() {
                "person" => match person_at(s, toks, value.start(), vocab) {
                    // "hosted by the United Arab Emirates", "brokered by Saudi Arabia": a
                    // country is no person.
                    Some((_, end, name))
                        if vocab.place(&name).is_some()
                            || s.get(value.start()..end)
                                .is_some_and(|t| vocab.place(t).is_some()) =>
                    {
                        continue;
                    }
                    Some(found) => found,
                    None => continue,
                },
                "title" => (
                    value.start(),
                    value.end(),
                    vocab.normalize_title(value.as_str()),
                ),
                "side" | "place" => {
                    let v = value.as_str();
                    // A side is a country by any of its names; a venue is a building, named
                    // as written: "the White House" is where talks were, not the United
                    // States (whose alias it is as a side: "White House envoy ...").
                    let side = if p.value == "side" {
                        vocab.place(v)
                    } else {
                        None
                    };
                    let n = side.map(str::to_string).unwrap_or_else(|| {
                        let v = v.trim_start_matches("the ").trim_start_matches("The ");
                        // "the presidential palace" is the Presidential Palace of another
                        // article.
                        if v.chars().any(char::is_uppercase) {
                            v.to_string()
                        } else {
                            title_case(v)
                        }
                    });
                    (value.start(), value.end(), n)
                }
                _ => (value.start(), value.end(), value.as_str().to_lowercase()),
            };
            if let Some(person) = caps.name("person") {
                let name = person_at(s, toks, person.start(), vocab)
                    .map(|(_, _, n)| n)
                    .unwrap_or_default();
                subject = subject.replace("{person}", &name);
            }
            if let Some(place) = caps.name("place") {
                subject = subject.replace("{place}", place.as_str());
            }
            if let Some(title) = caps.name("title") {
                subject = subject.replace("{title}", &vocab.normalize_title(title.as_str()));
            }
            let normalized = if topic.kind == ValueKind::Person || topic.kind == ValueKind::Place {
                normalized
            } else {
                normalized.to_lowercase()
            };
            let m = Mention::new(topic.kind, s, start, end, normalized);
            out.push(Found {
                claim: blank_claim(&topic.id, subject, &m),
                uses_events: topic.events,
            });
        }
    }
}

/// All claims of one sentence (offsets relative to the sentence); `candidates` are the topic
/// patterns that may match it and `narrow` whether it is made of narrow chars only
/// (`PatternPrefilter::scan`: its patterns' narrow twins may search it).
pub fn claims_of_sentence(
    s: &str,
    analyzed: &Analyzed<'_>,
    rules: &Rules,
    candidates: &[bool],
    narrow: bool,
    anchor: Option<Date>,
) -> Vec<Found> {
    let vocab = &rules.vocab;
    let tokens = &analyzed.tokens;
    let direction = analyzed.direction;
    let mut out = Vec::new();
    let mut others: Vec<(usize, usize)> = Vec::new();
    // A day something was said on (or a journey made, or an event first set for) is no value
    // of the sentence: no claim, and no rival of another day for a cue word ("the talks,
    // originally scheduled for Thursday, were moved to Tuesday").
    // Nor is a wire dateline's date, the day the story was filed.
    let said = |m: &Mention| {
        matches!(m.kind, ValueKind::Date | ValueKind::Weekday) && (m.said || m.dateline)
    };
    for m in &analyzed.mentions {
        if !claimable(m) || said(m) {
            continue;
        }
        // The other values of the same kind compete for cue words.
        others.clear();
        others.extend(
            analyzed
                .mentions
                .iter()
                .filter(|o| o.kind == m.kind && !said(o))
                .map(|o| token_range(tokens, (o.start, o.extent_end))),
        );
        // The sentence's event noun nearest to a day or date, looked up once when needed.
        let mut event_noun = None;
        let (topic, subject, events) = match best_topic(m, tokens, rules, &others, &mut event_noun)
        {
            Some((ti, subject)) => (
                rules.topics[ti].id.clone(),
                subject,
                rules.topics[ti].events,
            ),
            None => match generic_claim(m, tokens, vocab, &mut event_noun) {
                Some((topic, subject)) => (topic, subject, false),
                None => continue,
            },
        };
        let mut claim = blank_claim(&topic, subject, m);
        if let (Some(when), Some(a)) = (m.when, anchor) {
            claim.date = dates::resolve(when, a, direction);
        }
        if let Some(When::Date(d)) = m.when {
            claim.date = Some(d);
        }
        // "Tuesday, October 25": the weekday is that date's.
        if let Some(When::Weekday(_)) = m.when
            && let Some(d) = date_beside(m, &analyzed.mentions, anchor, direction)
        {
            claim.date = Some(d);
        }
        out.push(Found {
            claim,
            uses_events: events,
        });
    }
    let mut first = 0;
    for topic in &rules.topics {
        let n = topic.patterns.len();
        if candidates[first..first + n].iter().any(|t| *t) {
            pattern_claims(
                s,
                tokens,
                topic,
                vocab,
                &candidates[first..first + n],
                // Whether the patterns' narrow twins may search this sentence.
                narrow,
                &mut out,
            );
        }
        first += n;
    }
    out.extend(calendar_mismatches(
        s,
        &analyzed.mentions,
        anchor,
        direction,
    ));
    out
}

/// The dates written right next to mention `w` ("Tuesday, October 25", "16 May (Friday)"),
/// with the mention of each, resolved against the article's date where they name no year.
fn dates_beside<'m>(
    w: &Mention,
    mentions: &'m [Mention],
    anchor: Option<Date>,
    direction: dates::Direction,
) -> impl Iterator<Item = (&'m Mention, Date)> {
    let (w_start, w_end) = (w.start, w.end);
    mentions.iter().filter_map(move |d| {
        let beside = (d.start >= w_end && d.start - w_end <= 3)
            || (w_start >= d.end && w_start - d.end <= 3);
        if !beside {
            return None;
        }
        let date = match d.when? {
            When::Date(x) => x,
            when @ When::MonthDay { .. } => dates::resolve(when, anchor?, direction)?,
            _ => return None,
        };
        Some((d, date))
    })
}

/// The date written next to weekday mention `w`, if one is.
fn date_beside(
    w: &Mention,
    mentions: &[Mention],
    anchor: Option<Date>,
    direction: dates::Direction,
) -> Option<Date> {
    dates_beside(w, mentions, anchor, direction)
        .next()
        .map(|(_, d)| d)
}

/// A weekday written next to a date that falls on another weekday ("Tuesday 16 May" when 16
/// May is a Friday): a finding of its own.
fn calendar_mismatches(
    s: &str,
    mentions: &[Mention],
    anchor: Option<Date>,
    direction: dates::Direction,
) -> Vec<Found> {
    let mut out = Vec::new();
    for w in mentions {
        let Some(When::Weekday(day)) = w.when else {
            continue;
        };
        for (d, date) in dates_beside(w, mentions, anchor, direction) {
            if date.weekday() == day {
                continue;
            }
            let start = w.start.min(d.start);
            let end = w.end.max(d.end);
            let normalized = format!(
                "{} ≠ {} ({})",
                weekday_name(day).to_lowercase(),
                date,
                weekday_name(date.weekday()).to_lowercase()
            );
            let mention = Mention::new(ValueKind::Weekday, s, start, end, normalized);
            let mut claim = blank_claim(CALENDAR_TOPIC, format!("weekday of {date}"), &mention);
            claim.date = Some(date);
            out.push(Found {
                claim,
                uses_events: false,
            });
        }
    }
    out
}

#[allow(dead_code)]
fn _tenure_default() -> Tenure {
    Tenure::Current
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::tokenize;

    static RULES: std::sync::LazyLock<Rules> =
        std::sync::LazyLock::new(|| Rules::defaults().unwrap_or_else(|e| panic!("{e}")));

    /// The token ranges of `words` (each a run of whole tokens) in `s`.
    fn ranges(tokens: &[Token<'_>], words: &[&str]) -> Vec<(usize, usize)> {
        words
            .iter()
            .map(|w| {
                let n = tokenize(w).len();
                let k = (0..tokens.len())
                    .find(|&k| {
                        tokens[k..].len() >= n
                            && tokens[k..k + n]
                                .iter()
                                .map(|t| t.text)
                                .eq(tokenize(w).iter().map(|t| t.text))
                    })
                    .unwrap_or_else(|| panic!("{w}"));
                (k, k + n)
            })
            .collect()
    }

    /// The subjects of a sentence's generic weekday claims.
    fn weekday_subjects(s: &str) -> Vec<String> {
        crate::extract::extract_text("t", s, None, &RULES)
            .claims
            .into_iter()
            .filter(|c| c.kind == ValueKind::Weekday && &*c.topic == "weekday")
            .map(|c| c.subject.into())
            .collect()
    }

    #[test]
    fn a_wire_datelines_date_is_no_claim() {
        let dates = |s: &str| -> Vec<String> {
            crate::extract::extract_text("t", s, None, &RULES)
                .claims
                .into_iter()
                .filter(|c| c.kind == ValueKind::Date)
                .map(|c| c.value.into())
                .collect()
        };
        assert_eq!(
            dates("NAIROBI, March 4 (East Africa Wire) - The two delegations met for talks."),
            Vec::<String>::new()
        );
        assert_eq!(
            dates("SAN JOSE, Costa Rica, Jan. 5 — Negotiators resumed talks at the embassy."),
            Vec::<String>::new()
        );
        // A date in the sentence itself is a claim, however the sentence opens.
        assert_eq!(
            dates("In Geneva, March 4 was set as the day the talks would resume."),
            ["March 4"]
        );
        assert_eq!(
            dates("NAIROBI - The talks opened on March 4 (a Tuesday) - a day late."),
            ["March 4"]
        );
    }

    #[test]
    fn an_event_noun_heading_a_compound_is_no_event() {
        // "exchange rate", "fire station", "attack drones": the first word names no event,
        // so a weekday is not that event's.
        assert_eq!(
            weekday_subjects("The lira fell on Tuesday as the exchange rate slid."),
            Vec::<String>::new()
        );
        assert_eq!(
            weekday_subjects("Crews raced from the fire station on Friday after the blast."),
            ["blast"]
        );
        assert_eq!(
            weekday_subjects("The prisoner exchange took place on Monday."),
            ["exchange"]
        );
        assert_eq!(
            weekday_subjects("Voters said on Sunday the exchange rates mattered more."),
            Vec::<String>::new()
        );
        // A truce is an event; the "ceasefire" of "ceasefire monitors" names none.
        assert_eq!(
            weekday_subjects("The truce between the two militias broke down on Sunday."),
            ["truce"]
        );
        assert_eq!(
            weekday_subjects("Ceasefire monitors reported shelling near the river on Sunday."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn the_words_a_shared_cue_crosses_are_the_vocabularys() {
        let s = "Nine people, among them 4 children, were hurt";
        let tokens = tokenize(s);
        let others = ranges(&tokens, &["Nine people", "4 children"]);
        let cues = vec![vec!["hurt".to_string()]];
        let span = (tokens[0].start, tokens[1].end);
        let shared = &RULES.vocab.measures.shared_cue_words;
        let cx = Context {
            shared,
            own_verb: None,
            whole: false,
            skip: None,
        };
        assert!(nearest(&tokens, span, &cues, 8, &others, cx).is_some());
        // A desk's list without "among" and "them": the cue is the four children's alone.
        let fewer: Vec<String> = shared
            .iter()
            .filter(|w| !matches!(w.as_str(), "among" | "them"))
            .cloned()
            .collect();
        let cx = Context {
            shared: &fewer,
            own_verb: None,
            whole: false,
            skip: None,
        };
        assert_eq!(nearest(&tokens, span, &cues, 8, &others, cx), None);
    }

    #[test]
    fn a_count_with_its_own_verb_takes_no_cue_across_and_and_another_count() {
        let cues = vec![vec!["fired".to_string()]];
        let shared = &RULES.vocab.measures.shared_cue_words;
        let case = |s: &str, counts: &[&str]| {
            let tokens = tokenize(s);
            let others = ranges(&tokens, counts);
            let (first, last) = others[1];
            let span = (tokens[first].start, tokens[last - 1].end);
            let own_verb = own_verb_at(&tokens, last, &RULES.vocab);
            nearest(
                &tokens,
                span,
                &cues,
                8,
                &others,
                Context {
                    shared,
                    own_verb,
                    whole: false,
                    skip: None,
                },
            )
        };
        assert_eq!(
            case(
                "They fired 8 rockets at dawn and 3 drones struck a depot",
                &["8 rockets", "3 drones"]
            ),
            None
        );
        assert_eq!(
            case(
                "3 drones struck a depot and 8 rockets were fired",
                &["8 rockets", "3 drones"]
            ),
            None
        );
        assert!(
            case(
                "They fired 8 rockets at dawn and 3 drones at noon",
                &["8 rockets", "3 drones"]
            )
            .is_some()
        );
    }
}
