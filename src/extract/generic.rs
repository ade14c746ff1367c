//! The generic layer: values of every kind in a sentence, whatever the story — quantities with
//! the noun they count and the verb around them, dates, weekdays, times, person–title pairs and
//! venues. Topic rules then take these mentions (see `assign.rs`).

use super::dates::{self, When};
use super::number::{self, Quantity};
use super::text::{Token, token_at, tokenize};
use super::titles::{self, TitleMention};
use crate::model::{Interval, Tenure, ValueKind};
use crate::rules::{Vocab, vocab::singular};

/// One value found in a sentence by the generic layer.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub kind: ValueKind,
    /// Byte span of the value in the sentence.
    pub start: usize,
    pub end: usize,
    pub written: String,
    pub normalized: String,
    pub interval: Option<Interval>,
    pub unit: Option<String>,
    pub hedge: Option<String>,
    /// For counts: the counted noun as written, lower-case ("drones"). For shares of nothing
    /// named: what changed to the share ("unemployment climbed to 9.4 percent").
    pub noun: Option<String>,
    /// Byte end of the value with its counted noun ("472 drones"): what cue words are
    /// measured from.
    pub extent_end: usize,
    /// For shares: what it is a share of ("the region").
    pub of: Option<String>,
    /// For counts: the measure its verb names ("launched", "killed").
    pub verb: Option<String>,
    /// For titles: the person as written.
    pub person: Option<String>,
    pub tenure: Option<Tenure>,
    /// For dates and weekdays: what was said, to resolve against the article's date.
    pub when: Option<When>,
    /// For counts: the whole a part before it is counted from ("45 of the 52 drones": 52).
    pub whole: bool,
    /// For counts: a part of the whole after it ("45" of "45 of the 52 drones").
    pub part: bool,
    /// For counts: each side's of an even trade ("1,000 prisoners for 1,000").
    pub each_side: bool,
    /// For the counts of a part and its whole: a byte span whose cue words are the other's
    /// ("61 of the 70 drones sent overnight were downed": "sent" is the whole's, "downed" the
    /// part's).
    pub cue_skip: Option<(usize, usize)>,
    /// For dates and weekdays: the day something was said on, a journey made or an event
    /// first set for ([`super::reported::is_day_of_saying`]), no day of the sentence's event.
    pub said: bool,
    /// For dates: a wire dateline's ([`super::reported::is_dateline`]), the day the story was
    /// filed. No claim, but still the lead's date for the article's own event.
    pub dateline: bool,
}

impl Mention {
    pub fn new(kind: ValueKind, s: &str, start: usize, end: usize, normalized: String) -> Mention {
        Mention {
            kind,
            start,
            end,
            written: s.get(start..end).unwrap_or_default().to_string(),
            normalized,
            interval: None,
            unit: None,
            hedge: None,
            noun: None,
            extent_end: end,
            of: None,
            verb: None,
            person: None,
            tenure: None,
            when: None,
            whole: false,
            part: false,
            each_side: false,
            cue_skip: None,
            said: false,
            dateline: false,
        }
    }

    /// The subject the generic layer gives a count: the counted noun with its verb
    /// ("people killed", "passengers").
    ///
    /// A part without a measure verb has none: in "only 4 of the 40 drones reached their
    /// targets" the 4 are the drones that did something the vocabulary does not name, and
    /// under the plain noun ("drones") they would contradict every article that counts the
    /// 40. A fact-checker reads the sentence as 40 drones (the whole, still a count) of which
    /// some did an unnamed thing: the part is no fact to compare on its own. With a measure
    /// verb it is one ("downed 45 of the 52 drones": 45 drones shot down).
    pub fn count_measure(&self) -> Option<String> {
        if self.part && self.verb.is_none() {
            return None;
        }
        let noun = self.noun.as_ref()?;
        Some(match &self.verb {
            Some(v) => format!("{noun} {v}"),
            None => noun.clone(),
        })
    }
}

/// A sentence's words, the mentions of every kind in it, and whether it speaks of the
/// future or the past.
pub struct Analyzed<'a> {
    pub tokens: Vec<Token<'a>>,
    pub mentions: Vec<Mention>,
    /// [`dates::direction_of`] the sentence, found once for the event cues and the claims;
    /// `Past` without looking when no mention is a weekday or a day of a month (the only
    /// values whose resolution depends on it, see [`dates::resolve`]).
    pub direction: dates::Direction,
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The most tokens a dateline's place takes before its date ("PUTRAJAYA, Malaysia, July 29").
const DATELINE_TOKENS: usize = 8;

/// Normalized weekday/date text of a `When`.
pub fn when_normalized(w: &When) -> (ValueKind, String) {
    match *w {
        When::Weekday(d) => (ValueKind::Weekday, weekday_name(d).to_string()),
        When::Date(d) => (ValueKind::Date, d.to_string()),
        When::MonthDay { month, day } => (ValueKind::Date, format!("{month:02}-{day:02}")),
        When::Month { month, year } => (
            ValueKind::Date,
            match year {
                Some(y) => format!("{y:04}-{month:02}"),
                None => format!("month {month:02}"),
            },
        ),
        When::Year(y) => (ValueKind::Date, format!("{y:04}")),
        When::RelativeYear(n) => (ValueKind::Date, format!("year {n:+}")),
        When::RelativeDay(n) => (ValueKind::Date, format!("day {n:+}")),
    }
}

pub fn weekday_name(d: jiff::civil::Weekday) -> &'static str {
    use jiff::civil::Weekday::*;
    match d {
        Monday => "Monday",
        Tuesday => "Tuesday",
        Wednesday => "Wednesday",
        Thursday => "Thursday",
        Friday => "Friday",
        Saturday => "Saturday",
        Sunday => "Sunday",
    }
}

/// Run every generic extractor over one sentence.
pub fn analyze<'a>(s: &'a str, vocab: &Vocab) -> Analyzed<'a> {
    analyze_with(s, vocab, vocab.may_have_title_head(s))
}

/// [`analyze`], told whether the sentence may have a title head
/// ([`Vocab::may_have_title_head`], found by the rules' one pass over the sentence).
pub fn analyze_with<'a>(s: &'a str, vocab: &Vocab, may_have_title_head: bool) -> Analyzed<'a> {
    analyze_gated(
        s,
        vocab,
        ValueGates {
            title_head: may_have_title_head,
            dates: true,
            quantities: number::may_hold_quantity(s, &vocab.numbers),
        },
    )
}

/// What a sentence may hold, as the rules' one pass over it and the quantity gate found:
/// an extractor whose value it cannot hold is not run.
#[derive(Clone, Copy, Debug)]
pub struct ValueGates {
    /// A title head ([`Vocab::may_have_title_head`]).
    pub title_head: bool,
    /// A date or a time (one of [`dates::gate_literals`]).
    pub dates: bool,
    /// A quantity ([`number::may_hold_quantity`]).
    pub quantities: bool,
}

/// Whether the count starting at token `first` follows "of" (and a determiner: "of the", "of
/// its") that opens a clause: the sentence's start or a comma ("Of the 472 drones, ...").
fn opens_with_of(tokens: &[Token<'_>], first: usize, vocab: &Vocab) -> bool {
    let mut k = first;
    if k >= 1
        && vocab
            .measures
            .definite_determiners
            .iter()
            .any(|d| tokens[k - 1].text.eq_ignore_ascii_case(d))
    {
        k -= 1;
    }
    k >= 1
        && tokens[k - 1].text.eq_ignore_ascii_case("of")
        && (k == 1 || tokens.get(k - 2).is_some_and(|t| t.text == ","))
}

/// [`analyze`], told what the sentence may hold.
pub fn analyze_gated<'a>(s: &'a str, vocab: &Vocab, gates: ValueGates) -> Analyzed<'a> {
    let tokens = tokenize(s);
    let mut mentions = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();

    // The gates of the date and time patterns, found once for both.
    let needs = if gates.dates {
        dates::Needs::of(s)
    } else {
        dates::Needs::none()
    };
    for d in dates::find_dates_in(s, &needs) {
        let (kind, normalized) = when_normalized(&d.when);
        let mut m = Mention::new(kind, s, d.start, d.end, normalized);
        m.when = Some(d.when);
        taken.push((d.start, d.end));
        mentions.push(m);
    }
    for t in dates::find_times_in(s, &needs) {
        let m = Mention::new(ValueKind::Time, s, t.start, t.end, t.normalized.clone());
        taken.push((t.start, t.end));
        mentions.push(m);
    }
    // Quantities inside a date or time ("May 16") are dropped here, against the spans above.
    let quantities: Vec<Quantity> = if gates.quantities {
        number::scan_quantities_unchecked(s, &vocab.numbers, &vocab.hedges)
    } else {
        Vec::new()
    };
    // "a 1,000-for-1,000 exchange": one count, each side's (the scanner reads no number glued
    // to words).
    let trades = if gates.quantities {
        trade_compounds(s, &tokens, vocab)
    } else {
        Vec::new()
    };
    let mut quantities: Vec<Quantity> = quantities
        .into_iter()
        .filter(|q| !taken.iter().any(|t| overlaps(*t, (q.number_start, q.end))))
        .filter(|q| {
            !trades
                .iter()
                .any(|t| overlaps((t.start, t.end), (q.start, q.end)))
        })
        .map(|q| drop_verb_particle(s, &tokens, q, vocab))
        .map(|q| drop_verb_hedge(s, &tokens, q, vocab))
        .map(|q| drop_change_start(s, &tokens, q, vocab))
        .collect();
    if !trades.is_empty() {
        quantities.extend(trades.iter().cloned());
        quantities.sort_by_key(|q| q.start);
    }
    let mut last_noun: Option<String> = None;
    // Whether the counts so far named more than one noun ("472 drones and seven missiles").
    let mut nouns_differ = false;
    // The count before this one: its first token (for `verb_near`), the token after its noun,
    // its place in `mentions`, and whether it named its noun.
    let mut prev_count: Option<(usize, usize, usize, bool)> = None;
    for q in &quantities {
        let mut m = Mention::new(q.kind, s, q.start, q.end, q.normalized.clone());
        m.interval = Some(q.interval);
        m.unit = q.unit.clone();
        m.hedge = q.hedge.clone();
        let after = token_at(&tokens, q.end);
        match q.kind {
            ValueKind::Count => {
                let before = token_at(&tokens, q.start);
                let prev_first = prev_count.map(|(first, _, _, _)| first);
                // "magnitude 6.8", "Flight 370": a label, not a count; so is a number after a
                // name joined by "&" ("the S&P 500").
                if before > 0
                    && (vocab
                        .measures
                        .label_words
                        .iter()
                        .any(|w| w.eq_ignore_ascii_case(tokens[before - 1].text))
                        || (before > 1
                            && tokens[before - 2].text == "&"
                            && tokens[before - 1].is_capitalized()))
                {
                    continue;
                }
                // "400 drones, 20 more than the night before": a difference, not a count;
                // "up from 380": the value before a change, no count of this sentence.
                if is_difference(&tokens, before, after, vocab)
                    || is_previous_value(&tokens, before, after, vocab)
                {
                    continue;
                }
                // "four times the number of last year", "struck the city 40 times": a
                // multiple or a number of occasions, no count of a noun.
                if tokens
                    .get(after)
                    .is_some_and(|t| vocab.measures.multiples.iter().any(|w| w == t.text))
                {
                    continue;
                }
                let trade = trades.iter().any(|t| t.start == q.start);
                // A number above one counts a plural: a word after it that is no plural and
                // reads as a verb or an adjective is not what it counts.
                let plural = q.interval.point > 1.0;
                // The measure verb of an anchor's noun phrase ("the number of displaced
                // people": evacuated); an anchor's noun takes no other ("the toll of dead
                // miners rose to 31": deaths, not deaths killed).
                let mut anchor_verb = None;
                let mut anchored = false;
                let noun = if trade {
                    trade_noun(&tokens, after, vocab, plural)
                } else {
                    counted_noun(&tokens, after, vocab, plural)
                }
                .or_else(|| {
                    // "48 deaths, and 1,200 were hospitalised": the noun of a count before is
                    // no anchor of this one.
                    let from = prev_count.map_or(0, |(_, prev_end, _, _)| prev_end);
                    anchor_noun(&tokens, from, before, vocab).map(|(n, verb)| {
                        anchor_verb = verb;
                        anchored = true;
                        (n, after)
                    })
                });
                let noun_end = noun.as_ref().map_or(after, |(_, e)| *e);
                if let Some(t) = noun.as_ref().and_then(|(_, e)| tokens.get(e - 1)) {
                    m.extent_end = t.end;
                }
                // "two soldiers were killed and five others were hurt": "others" are more of
                // the noun counted before.
                let noun = noun.filter(|(n, _)| !(n == "others" && last_noun.is_some()));
                // "killed 23 Palestinians", "12 Ukrainians were hurt": a plural demonym
                // counts people (of that side), as the articles that count them as people or
                // civilians do.
                let noun = noun.map(|(n, e)| {
                    let demonym = n.ends_with('s')
                        && e > after
                        && tokens
                            .get(e - 1)
                            .is_some_and(|t| t.is_capitalized() && vocab.place(t.text).is_some());
                    if demonym {
                        ("people".to_string(), e)
                    } else {
                        (n, e)
                    }
                });
                let names_noun = noun.is_some();
                // "the two delegations", "their three leaders": the parties of the story,
                // named, not counted.
                if noun
                    .as_ref()
                    .is_some_and(|(n, _)| refers_to_parties(&tokens, before, n, vocab))
                {
                    continue;
                }
                // "a swap of 1,000 prisoners for 1,000": the other side of a trade, not a
                // count of its own; as many for as many, the count before is each side's.
                // What came back in return ("handed over 84 prisoners and received 90 in
                // return") is the other side's own figure: as many, one count each side's;
                // uneven, two counts, each one side's, of the noun counted before.
                let mut returned = false;
                if let Some((_, prev_end, at, prev_named)) = prev_count
                    && prev_named
                    && prev_end < before
                {
                    let between = &tokens[prev_end..before];
                    let same_noun = noun.as_ref().is_none_or(|(n, _)| {
                        mentions
                            .get(at)
                            .and_then(|p| p.noun.as_deref())
                            .is_some_and(|p| noun_key(p) == noun_key(n))
                    });
                    // "25 hostages in exchange for 800 prisoners": the other side's figure
                    // of other people, a count of its own.
                    let trade_link = is_trade_link(between, vocab)
                        && (same_noun
                            || mentions
                                .get(at)
                                .and_then(|p| p.interval)
                                .is_some_and(|i| i.point == q.interval.point));
                    if trade_link || (is_return_link(between, vocab) && same_noun) {
                        let Some(prev) = mentions.get_mut(at) else {
                            continue;
                        };
                        let even = prev.interval.is_some_and(|i| i.point == q.interval.point);
                        if trade_link || even {
                            prev.each_side |= even;
                            continue;
                        }
                        prev.each_side = true;
                        returned = true;
                    }
                }
                m.each_side = trade || returned;
                // "45 of the 52 drones": the count before, without a noun of its own, is a
                // part of this one, and counts its noun ("one of the 27 states" is no count).
                let part = prev_count
                    .filter(|&(_, prev_end, at, prev_named)| {
                        names_noun
                            && !prev_named
                            && prev_end < before
                            && (is_link(&tokens[prev_end..before], &vocab.measures.partitive_links)
                                || is_possessive_partitive(&tokens[prev_end..before]))
                            && mentions
                                .get(at)
                                .and_then(|p| p.interval)
                                .is_some_and(|i| i.point > 1.0)
                    })
                    .map(|(_, _, at, _)| at);
                m.whole = part.is_some();
                // "Of the 472 drones, 385 were shot down": the whole named first, after "of"
                // at the start of a clause, and the part after the comma without a noun of
                // its own. The whole takes no verb of the part's ("472 shot down" would set
                // the whole against every article's part).
                let fronted_whole = prev_count
                    .filter(|&(prev_first, prev_end, _, prev_named)| {
                        !names_noun
                            && prev_named
                            && prev_end + 1 == before
                            && tokens.get(prev_end).is_some_and(|t| t.text == ",")
                            && opens_with_of(&tokens, prev_first, vocab)
                    })
                    .map(|(_, _, at, _)| at);
                if let Some(whole) = fronted_whole.and_then(|at| mentions.get_mut(at)) {
                    whole.whole = true;
                    whole.verb = None;
                    m.part = true;
                }
                // "500 Russian and 300 Ukrainian soldiers": a demonym before "and" and a
                // count of the same kind is no noun; the count before counts this noun too.
                let demonym_before = prev_count
                    .filter(|&(_, prev_end, _, prev_named)| {
                        prev_named
                            && prev_end + 1 == before
                            && matches!(tokens[prev_end].text, "and" | "or")
                            && names_noun
                            && tokens.get(after).is_some_and(|t| t.is_capitalized())
                            && noun_end > after + 1
                    })
                    .map(|(_, prev_end, at, _)| (prev_end, at))
                    .filter(|&(prev_end, _)| {
                        let demonym = prev_end.checked_sub(1).and_then(|k| tokens.get(k));
                        demonym.is_some_and(|t| {
                            t.is_capitalized()
                                && !looks_plural(&t.lower(), vocab)
                                && vocab.place(t.text).is_some()
                        })
                    });
                // "of which 430 were shot down": the noun is the one counted before.
                // "385 of them" after counts of several nouns ("472 drones and seven
                // missiles ..., 385 of them were shot down") counts them all: no one noun.
                let of_them = tokens.get(after).is_some_and(|t| t.lower() == "of")
                    && tokens.get(after + 1).is_some_and(refers_back);
                m.noun = noun.map(|(n, _)| n).or_else(|| {
                    (!(of_them && nouns_differ))
                        .then(|| last_noun.clone())
                        .flatten()
                });
                // "the bodies of 6,000 soldiers": bodies are counted.
                let container = before >= 2
                    && tokens[before - 1].lower() == "of"
                    && vocab
                        .measures
                        .of_nouns
                        .iter()
                        .any(|n| n.eq_ignore_ascii_case(tokens[before - 2].text));
                if container {
                    m.noun = Some(tokens[before - 2].lower().into_owned());
                    // The verb is the one that acts on the container ("hand over the bodies").
                    m.verb = verb_near(&tokens, before - 2, before - 2, prev_first, false, vocab);
                }
                if m.noun.is_some() {
                    // "The number of dead climbed to 1,305, with 1,832 others hurt", "the
                    // storm cost 40 lives and displaced 1.1 million": a noun that names
                    // people by what befell them ("deaths", "lives") is no noun of the
                    // counts after it; they count people.
                    let names_people = |n: &str| {
                        vocab
                            .measures
                            .fate_nouns
                            .iter()
                            .any(|p| p.eq_ignore_ascii_case(n))
                    };
                    let passed = match m.noun.as_deref() {
                        Some(n) if names_people(n) => Some("people".to_string()),
                        _ => m.noun.clone(),
                    };
                    nouns_differ |= last_noun.is_some() && last_noun != passed;
                    last_noun = passed;
                }
                if let Some(at) = part.or(demonym_before.map(|(_, at)| at))
                    && let Some(other) = mentions.get_mut(at)
                {
                    other.noun = m.noun.clone();
                }
                if m.whole {
                    // The verb after the whole, up to a finite verb, is its own ("of the 52
                    // drones launched"); after a finite verb it is the part's ("45 of the 52
                    // drones were shot down"), after a conjunction another clause's ("12 of
                    // the 30 lorries and detained 5 drivers"); the verb before the part is
                    // the part's.
                    let (end, ending) = whole_phrase_end(&tokens, noun_end, vocab);
                    let finite = ending == WholeEnd::Finite;
                    let own = tokens.get(..end).unwrap_or_default();
                    m.verb = verb_near(own, 0, noun_end, None, false, vocab);
                    let byte = |k: usize| tokens.get(k).map_or(s.len(), |t| t.start);
                    if ending != WholeEnd::Open {
                        m.cue_skip = Some((byte(end), s.len()));
                    }
                    if let Some(p) = part.and_then(|at| mentions.get_mut(at)) {
                        p.part = true;
                        if finite && p.verb.is_none() {
                            p.verb = verb_near(&tokens, 0, end, None, false, vocab);
                        }
                        p.cue_skip = Some((m.start, byte(end)));
                        // The part counts the whole's noun: cue words are measured from it.
                        p.extent_end = m.extent_end;
                    }
                } else if !container {
                    // "... and 12 drones hit the city": a count with a verb of its own takes
                    // none from before it across "and".
                    let own = own_verb_at(&tokens, noun_end, vocab).is_some();
                    m.verb = if anchored {
                        anchor_verb.take()
                    } else {
                        // "killed 300 people across 11 of the 18 states": a verb before the
                        // count before, across words other than a list's, is that count's.
                        let found = verb_near_at(&tokens, before, noun_end, prev_first, own, vocab)
                            .filter(|&(_, k)| {
                                prev_count.is_none_or(|(first, prev_end, _, _)| {
                                    k >= first
                                        || tokens.get(prev_end..before).is_none_or(|between| {
                                            between
                                                .iter()
                                                .all(|t| matches!(t.text, "," | "and" | "or"))
                                        })
                                })
                            });
                        // "killed 8,000 people and displaced 1.1 million": a count whose
                        // measure verb stands right after "and" (or a comma) and another
                        // count starts a clause of its own; a cue before its verb is the
                        // other count's ("killed" is no cue of the 1.1 million).
                        if let Some((_, k)) = found
                            && k < before
                            && prev_count.is_some_and(|(_, prev_end, _, _)| prev_end <= k)
                            && k.checked_sub(1)
                                .and_then(|j| tokens.get(j))
                                .is_some_and(|t| is_conjunction(t.text) || t.text == ",")
                        {
                            m.cue_skip = Some((0, tokens[k].start));
                        }
                        // "killed 33 people and forced about 200,000 to flee", "... and
                        // abducted 250": a count right after a verb of its own, itself right
                        // after "and" (or a comma) and another count, is that verb's object;
                        // a cue before the verb is the other count's, whatever the verb.
                        if m.cue_skip.is_none()
                            && let Some(v) = before.checked_sub(1)
                            && v > 0
                            && prev_count.is_some_and(|(_, prev_end, _, _)| prev_end < v)
                            && (is_conjunction(tokens[v - 1].text) || tokens[v - 1].text == ",")
                            && reads_as_object_verb(&tokens[v], vocab)
                        {
                            m.cue_skip = Some((0, tokens[v].start));
                        }
                        // "The army captured 300 soldiers and released them days later": a
                        // count governed by a verb before it is that verb's; a clause after it
                        // that takes it back as "them" or "they" tells what befell the same
                        // people next, and its cue words are not the count's.
                        if m.cue_skip.is_none()
                            && found.as_ref().is_some_and(|&(_, k)| k < before)
                            && let Some(span) = referring_clause(&tokens, noun_end, s.len())
                        {
                            m.cue_skip = Some(span);
                        }
                        found.map(|(v, _)| v)
                    };
                    // "The floods left 2,000 displaced", "14 dead and 30 wounded", "300 missing":
                    // an adjective standing for the noun after a count (`noun_adjectives`) that
                    // is a form of a measure verb counts the people it befell (people displaced,
                    // killed, injured, missing), as "2,000 people were displaced" does, before any
                    // verb of a count before is shared ("600 displaced and 45 missing"). With
                    // a verb of its own ("evacuated 300 wounded") it is what the verb acted on.
                    if names_noun
                        && !anchored
                        && m.verb.is_none()
                        && let Some(adjective) = m.noun.as_deref()
                        && vocab
                            .measures
                            .noun_adjectives
                            .iter()
                            .any(|a| a == adjective)
                        && let Some(measure) = vocab.verb_measure(adjective)
                    {
                        m.verb = Some(measure.to_string());
                        m.noun = Some("people".to_string());
                        last_noun = m.noun.clone();
                    }
                    // "fired 400 drones and nine missiles", "400 drones and nine missiles were
                    // shot down": two counts joined by "and" share the verb either has. In a
                    // list ("fired 620 drones, 40 missiles and 11 glide bombs") a count that
                    // names its own noun takes the verb of the count before the comma.
                    if let Some((_, prev_end, at, _)) = prev_count
                        && prev_end + 1 == before
                        && let Some(prev) = mentions.get_mut(at)
                    {
                        let joined = matches!(tokens[prev_end].text, "and" | "or");
                        let listed = tokens[prev_end].text == "," && names_noun;
                        match (&m.verb, &prev.verb) {
                            (None, Some(v)) if !own && (joined || listed) => {
                                m.verb = Some(v.clone());
                            }
                            (Some(v), None) if joined => prev.verb = Some(v.clone()),
                            _ => {}
                        }
                    }
                }
                // "Cholera kills 640 in Sudan", "the blast killed 12, police said", "the war
                // drove 30,000 from their homes": a count that names no noun, and follows
                // none, with a verb of deaths, wounds or displacement, counts people.
                if m.noun.is_none()
                    && !m.part
                    && matches!(m.verb.as_deref(), Some("killed" | "injured" | "displaced"))
                {
                    m.noun = Some("people".to_string());
                    last_noun = m.noun.clone();
                }
                prev_count = Some((before, noun_end, mentions.len(), names_noun));
            }
            ValueKind::Share => {
                let before = token_at(&tokens, q.start);
                // "climbed from 8.1 percent to 9.4 percent", "fell to 2.1 percent from 2.4
                // percent", "rose by 3 percent": the value before a change and the change
                // are no level.
                if is_difference(&tokens, before, after, vocab)
                    || is_previous_value(&tokens, before, after, vocab)
                {
                    continue;
                }
                if tokens.get(after).is_some_and(|t| t.lower() == "of") {
                    m.of = phrase_after(&tokens, after + 1, vocab);
                } else {
                    // "Unemployment climbed to 9.4 percent": what changed to the share.
                    m.noun = changed_subject(&tokens, before, vocab);
                }
            }
            _ => {
                m.noun = counted_noun(&tokens, after, vocab, false).map(|(n, _)| n);
                // "$500 million in military aid": what a sum is paid in, a common noun.
                if m.noun.is_none()
                    && q.kind == ValueKind::Money
                    && tokens.get(after).is_some_and(|t| t.text == "in")
                    && tokens
                        .get(after + 1)
                        .is_some_and(|t| t.is_word() && !t.is_capitalized())
                {
                    m.noun = counted_noun(&tokens, after + 1, vocab, false).map(|(n, _)| n);
                }
            }
        }
        mentions.push(m);
    }
    // "sent 40 drones" were launched, "sent 56 rescuers" were sent: a verb whose measure is
    // bound to some nouns names it only for them.
    if vocab.has_noun_bound_verbs() {
        for m in mentions.iter_mut().filter(|m| m.kind == ValueKind::Count) {
            if let (Some(verb), Some(noun)) = (&m.verb, &m.noun)
                && let Some(measure) = vocab.noun_bound_measure(verb, &noun_key(noun))
            {
                m.verb = Some(measure.to_string());
            }
        }
    }
    for t in titles::find_titles_with(s, &tokens, vocab, gates.title_head) {
        let TitleMention {
            name,
            start,
            end,
            title,
            tenure,
        } = t;
        let normalized = vocab.normalize_title(&title);
        // "Malaysian leader Anwar Ibrahim", "a senior official, John Doe", "a senior TPLF
        // official": no post is named.
        if vocab.is_vague_title(&normalized, &title) {
            continue;
        }
        let mut m = Mention::new(ValueKind::Title, s, start, end, normalized);
        m.person = Some(name);
        m.tenure = Some(tenure);
        mentions.push(m);
    }
    mentions.sort_by_key(|m| (m.start, m.end));
    // Days of saying, found once for the claims and the event cues.
    for m in mentions.iter_mut().filter(|m| m.when.is_some()) {
        let (first, end) = super::assign::token_range(&tokens, (m.start, m.extent_end));
        m.said = super::reported::is_day_of_saying(&tokens, first, end, &vocab.time);
        m.dateline = first <= DATELINE_TOKENS
            && m.kind == ValueKind::Date
            && super::reported::is_dateline(&tokens, first, end);
    }
    // The direction only decides how a weekday or a day of a month resolves against the
    // article's date; a sentence with neither is spared the search for future cues.
    let direction = if mentions
        .iter()
        .any(|m| matches!(m.when, Some(When::Weekday(_) | When::MonthDay { .. })))
    {
        dates::direction_of(s, &vocab.time)
    } else {
        dates::Direction::Past
    };
    Analyzed {
        tokens,
        mentions,
        direction,
    }
}

/// "handed over 1,200 bodies": the "over" belongs to the verb, not to the number. Such a
/// quantity is read again from its number on, without the hedge.
fn drop_verb_particle(s: &str, tokens: &[Token<'_>], q: Quantity, vocab: &Vocab) -> Quantity {
    if q.hedge.is_none() || q.number_start <= q.start {
        return q;
    }
    let at = token_at(tokens, q.start);
    let Some(prev) = at.checked_sub(1).and_then(|p| tokens.get(p)) else {
        return q;
    };
    // The word before and the hedge as one phrase ("handed over"). The vocabulary's lookup
    // lowers the case and takes any run of white space as one space, so where only white
    // space parts them (nearly always) the text itself is the phrase, without a copy.
    let verb = match (s.get(prev.end..q.start), s.get(prev.start..q.number_start)) {
        (Some(gap), Some(phrase)) if !gap.is_empty() && gap.chars().all(char::is_whitespace) => {
            vocab.verb_measure(phrase)
        }
        _ => vocab.verb_measure(&format!(
            "{} {}",
            prev.text,
            s.get(q.start..q.number_start).unwrap_or_default().trim()
        )),
    };
    if verb.is_none() {
        return q;
    }
    read_without_hedge(s, q, vocab)
}

/// "The convoy passed 40 checkpoints": a verb hedge ("passes", "tops": more than) holds only
/// of a figure that counts no noun after it ("the death toll passes 40 in the north"), or of
/// a share or a sum; a count of a noun, a distance ("the ship passed 20 km off the coast")
/// and a length of time are read again from their number on, without the hedge.
fn drop_verb_hedge(s: &str, tokens: &[Token<'_>], q: Quantity, vocab: &Vocab) -> Quantity {
    if !q.verb_hedge {
        return q;
    }
    let literal = match q.kind {
        ValueKind::Count => {
            let after = token_at(tokens, q.end);
            counted_noun(tokens, after, vocab, q.interval.point > 1.0).is_some()
        }
        ValueKind::Distance | ValueKind::Duration => true,
        _ => false,
    };
    if !literal {
        return q;
    }
    read_without_hedge(s, q, vocab)
}

/// A quantity read again from its number on, without its hedge.
fn read_without_hedge(s: &str, q: Quantity, vocab: &Vocab) -> Quantity {
    // A number first in its text and before a full stop reads as a list mark ("1.
    // Introduction"): "... and handed over 95." is read again from the number to the end of
    // the quantity.
    let rest = &s[q.number_start..];
    let first_bare = |text: &str| {
        number::find_quantities(text, &vocab.numbers, &vocab.hedges)
            .into_iter()
            .next()
            .filter(|bare| bare.start == 0)
    };
    match first_bare(rest).or_else(|| first_bare(s.get(q.number_start..q.end)?)) {
        Some(mut bare) => {
            bare.start += q.number_start;
            bare.end += q.number_start;
            bare.number_start += q.number_start;
            bare
        }
        _ => q,
    }
}

/// "The death toll ... climbed to 97", "the number of displaced people fell by 2,000 to
/// 48,000": a phrase before a bare number that names what it counts, within 10 words and the
/// same clause: one of the vocabulary's `anchors`, or one of its `anchor_heads` with "of"
/// and a noun phrase (within 14 words: "the tally of people killed in the landslide rose by
/// 9 to 61"), after token `from` (the end of the count before). Returns the noun and the
/// measure of a verb in the phrase, if any.
fn anchor_noun(
    tokens: &[Token<'_>],
    from: usize,
    before: usize,
    vocab: &Vocab,
) -> Option<(String, Option<String>)> {
    let lo = before.saturating_sub(14).max(from);
    for k in (lo..before).rev() {
        if matches!(tokens[k].text, ";" | "." | ":") {
            return None;
        }
        // Asked of every word before a count without a noun: the anchors' words are compared
        // in lower case as they are, without a copy.
        for (phrase, noun) in &vocab.measures.anchors {
            if before - k <= 10
                && k + phrase.split_whitespace().count() <= before
                && phrase.split_whitespace().enumerate().all(|(o, w)| {
                    tokens[k + o]
                        .lower()
                        .chars()
                        .eq(w.chars().flat_map(char::to_lowercase))
                })
            {
                return Some((noun.clone(), None));
            }
        }
        if let Some(found) = headed_anchor(tokens.get(..before).unwrap_or_default(), k, vocab) {
            return Some(found);
        }
    }
    None
}

/// One of the vocabulary's `anchor_heads` at token `k` of `tokens` (the words before a bare
/// number), then "of" and a noun phrase: its noun and the measure of a verb in it ("the
/// number of displaced people": people, evacuated; "the tally of people killed": people,
/// killed; "the number of arrests": arrests, none). A head must be followed by a noun:
/// "the number of the dead" has none.
fn headed_anchor(
    tokens: &[Token<'_>],
    k: usize,
    vocab: &Vocab,
) -> Option<(String, Option<String>)> {
    let first = tokens.get(k)?.lower();
    for head in &vocab.measures.anchor_heads {
        let mut words = head.split_whitespace();
        if words.next() != Some(first.as_ref()) {
            continue;
        }
        let mut of = k + 1;
        if !words.all(|w| {
            let same = tokens.get(of).is_some_and(|t| t.lower() == w);
            of += 1;
            same
        }) || tokens.get(of).is_none_or(|t| t.lower() != "of")
        {
            continue;
        }
        // "The number of those killed": what is counted was named before.
        if tokens.get(of + 1).is_some_and(refers_back) {
            return None;
        }
        // Participles before the noun name its measure: "displaced people", "injured
        // civilians".
        let mut i = of + 1;
        while i < of + 3
            && tokens.get(i).is_some_and(|t| {
                t.is_word() && !t.is_capitalized() && is_verbish(&t.lower(), vocab)
            })
        {
            i += 1;
        }
        let Some((noun, end)) = counted_noun(tokens, i, vocab, true) else {
            continue;
        };
        let verb = verb_near(tokens, i, end, None, false, vocab);
        return Some((noun, verb));
    }
    None
}

fn is_verbish(word: &str, vocab: &Vocab) -> bool {
    vocab.verb_measure(word).is_some()
}

/// The noun a number counts: the last word of the short noun phrase after it ("472 attack
/// drones overnight" → "drones"). Returns the noun (lower-case, as written) and the token
/// index after it. `plural`: the number is above one, so what it counts is a plural: a first
/// word that reads as a finite verb ("the two met") is none, and a word before "and" is a
/// modifier of the plural after it ("eleven ballistic and cruise missiles").
fn counted_noun(
    tokens: &[Token<'_>],
    mut i: usize,
    vocab: &Vocab,
    plural: bool,
) -> Option<(String, usize)> {
    // "tens of thousands of civilians", "dozens of people"; "385 of them", "of those", "of
    // the drones": a part of something named before, whose noun is not here; "three of
    // Lagos's 20 districts": a part of something someone has.
    let after_of = tokens.get(i).is_some_and(|t| t.lower() == "of");
    if after_of {
        i += 1;
        if tokens
            .get(i)
            .is_some_and(|t| refers_back(t) || t.is_possessive())
        {
            return None;
        }
    }
    let mut last: Option<usize> = None;
    let mut pair = String::new();
    // "14 dead and 30 wounded": an adjective that stands for the noun when none follows.
    let mut adjective: Option<usize> = None;
    let mut limit = 3;
    // The word after an "and" that joins modifiers ("ballistic and cruise missiles").
    let mut coordinated: Option<usize> = None;
    let mut j = i;
    while j < tokens.len() && j - i < limit {
        let t = &tokens[j];
        if !t.is_word() || t.text.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            break;
        }
        let lw = t.lower();
        if j == i && vocab.measures.noun_adjectives.iter().any(|a| *a == lw) {
            adjective = Some(j);
            j += 1;
            continue;
        }
        if j == i && plural && !t.is_capitalized() && reads_as_verb(&lw, tokens.get(j + 1), vocab) {
            break;
        }
        // "one strike hit a school", "the two held talks": an irregular past form is the
        // verb of the clause the count is the subject of, not what it counts.
        if !lw.ends_with('s')
            && !t.is_capitalized()
            && is_past_verb(&lw, vocab)
            && coordinated != Some(j)
        {
            break;
        }
        // "20 more drones were shot down": more of the noun.
        if j == i && lw == "more" && tokens.get(j + 1).is_some_and(|n| may_modify_noun(n, vocab)) {
            j += 1;
            limit += 1;
            continue;
        }
        // "eleven ballistic and cruise missiles", "40 Shahed and decoy drones": a word that
        // is no plural, before "and" and another word, modifies the plural noun to come.
        if plural
            && matches!(lw.as_ref(), "and" | "or")
            && last.is_some()
            && tokens.get(j + 1).is_some_and(|n| may_modify_noun(n, vocab))
        {
            j += 1;
            limit += 2;
            coordinated = Some(j);
            continue;
        }
        // "1.2 million Russian and Ukrainian soldiers": proper adjectives joined by "and".
        if matches!(lw.as_ref(), "and" | "or")
            && last.is_some_and(|k| tokens[k].is_capitalized())
            && tokens
                .get(j + 1)
                .is_some_and(|n| n.is_word() && n.is_capitalized())
        {
            j += 1;
            limit += 2;
            continue;
        }
        if vocab.is_stop_word(&lw) {
            break;
        }
        // "three days of national mourning", "two weeks of heavy firing": after "of", a
        // gerund after its modifier heads the phrase.
        if after_of && lw.len() > 5 && lw.ends_with("ing") && last.is_some() {
            last = Some(j);
            break;
        }
        if is_verbish(&lw, vocab) {
            break;
        }
        // "the 45 shot down": a verb of two words ends the noun phrase as one of one does.
        if tokens.get(j + 1).is_some_and(Token::is_word)
            && pair_measure(&lw, tokens.get(j + 1), vocab, &mut pair).is_some()
        {
            break;
        }
        // "12 armed and masked men": an -ed modifier right after "and" goes on.
        if (lw.ends_with("ed") || lw.ends_with("ing")) && last.is_some() && coordinated != Some(j) {
            break;
        }
        last = Some(j);
        j += 1;
        // A plural ends the noun phrase: "15,000 people spent", "472 drones overnight".
        if looks_plural(&lw, vocab) {
            break;
        }
    }
    let k = last.or(adjective)?;
    let word = tokens[k].lower();
    let word = word.trim_end_matches("'s").to_string();
    // The vocabularies are written for languages of the Latin script: a word of another
    // script after a number ("16 мая", "2025 года") is not known to be what it counts.
    if word.len() < 2 || !is_latin_word(&word) {
        return None;
    }
    Some((word, k + 1))
}

/// Whether a word after "of" points at something named before rather than naming it: "385
/// of them", "of those", "of the drones", "the number of those killed".
fn refers_back(t: &Token<'_>) -> bool {
    matches!(
        t.lower().as_ref(),
        "the"
            | "them"
            | "whom"
            | "which"
            | "those"
            | "these"
            | "this"
            | "that"
            | "us"
            | "it"
            | "its"
            | "their"
            | "our"
            | "his"
            | "her"
            | "ours"
            | "theirs"
            | "all"
            | "each"
    )
}

/// Whether the word after a number above one reads as a finite verb, not as what it counts
/// (`next`: the token after it): one of the vocabulary's `clause_verbs` that is no plural
/// ("the two met in Istanbul", "three came"), or an "-ed" form before a function word, a
/// mark or the end ("the two agreed to meet", "the three arrived on Monday"; not "five armed
/// men"). Lower-case words only: "60 Shahed and decoy drones" is a name.
fn reads_as_verb(word: &str, next: Option<&Token<'_>>, vocab: &Vocab) -> bool {
    if is_finite_verb(word, vocab) {
        return true;
    }
    word.len() > 4
        && word.ends_with("ed")
        && next.is_none_or(|n| {
            let next = n.lower();
            // "12 armed and masked men": adjectives joined by "and".
            !n.is_word() || (vocab.is_stop_word(&next) && !matches!(next.as_ref(), "and" | "or"))
        })
}

/// Whether a token right before a count reads as the verb whose object the count is: a
/// lower-case word that is no stop word, and a measure verb, an irregular past form, or a
/// participle in "-ed", "-en" or "-ing" ("forced", "driven", "leaving"). Only the spelling
/// is asked: a token before a number is seldom a noun of that shape.
fn reads_as_object_verb(t: &Token<'_>, vocab: &Vocab) -> bool {
    if !t.is_word() || t.is_capitalized() {
        return false;
    }
    let lw = t.lower();
    if vocab.is_stop_word(&lw) {
        return false;
    }
    (lw.len() > 4 && (lw.ends_with("ed") || lw.ends_with("en")))
        || (lw.len() > 5 && lw.ends_with("ing"))
        || is_past_verb(&lw, vocab)
        || is_verbish(&lw, vocab)
}

/// One of the vocabulary's `past_verbs` ("hit", "held", "came"). (The noun phrase asks only
/// of words without a final "s", most of what numbers count are not.)
fn is_past_verb(word: &str, vocab: &Vocab) -> bool {
    vocab.measures.past_verbs.iter().any(|v| v == word)
}

/// Whether a lower-case word reads as a plural: an -s ending (not "-ss", not a possessive)
/// or one of the vocabulary's `plural_nouns`.
fn looks_plural(lw: &str, vocab: &Vocab) -> bool {
    (lw.len() > 3 && lw.ends_with('s') && !lw.ends_with("ss") && !lw.ends_with("'s"))
        || vocab.measures.plural_nouns.iter().any(|p| p == lw)
}

/// One of the vocabulary's `clause_verbs` that is no plural noun ("met", "hit", "came"; not
/// "strikes", "remains").
fn is_finite_verb(word: &str, vocab: &Vocab) -> bool {
    !word.ends_with('s') && vocab.measures.clause_verbs.iter().any(|v| v == word)
}

/// Whether a token after "and" in the noun phrase after a number may be another modifier or
/// the noun itself: a word that is not a number, a stop word, a measure verb or an -ing form
/// ("killing 34 people and leaving thousands": a clause of its own).
fn may_modify_noun(t: &Token<'_>, vocab: &Vocab) -> bool {
    if !t.is_word() || t.text.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let lw = t.lower();
    !lw.ends_with("ing")
        && !vocab.numbers.words.contains_key(lw.as_ref())
        && !vocab.is_stop_word(&lw)
        && !is_verbish(&lw, vocab)
}

/// Whether the count whose first token is `before` is a definite reference to the parties
/// ("the two sides", "their two leaders"): `noun` is its counted noun.
fn refers_to_parties(tokens: &[Token<'_>], before: usize, noun: &str, vocab: &Vocab) -> bool {
    let m = &vocab.measures;
    let definite = before
        .checked_sub(1)
        .and_then(|k| tokens.get(k))
        .is_some_and(|t| {
            let word = t.lower();
            m.definite_determiners.iter().any(|d| *d == word)
        });
    definite && {
        let key = noun_key(noun);
        m.party_nouns.contains(&key)
    }
}

/// Whether the words between a count's noun and the next count make the next the other side
/// of a trade: "1,000 prisoners for 1,000", "84 soldiers in exchange for 84".
fn is_trade_link(between: &[Token<'_>], vocab: &Vocab) -> bool {
    is_link(between, &vocab.measures.trade_links)
}

/// Whether the words between a count's noun and the next number make the next what came
/// back in return: "handed over 84 prisoners and received 84", "freed 40 captives, getting 40
/// back" (the vocabulary's `return_links`, after a comma or not).
fn is_return_link(between: &[Token<'_>], vocab: &Vocab) -> bool {
    let between = match between.split_first() {
        Some((comma, rest)) if comma.text == "," => rest,
        _ => between,
    };
    is_link(between, &vocab.measures.return_links)
}

/// Whether `between` is, word for word, one of `links` (lower-case phrases).
fn is_link(between: &[Token<'_>], links: &[String]) -> bool {
    // Most words between two counts start no link: the first word is asked first.
    let Some(first) = between.first().filter(|t| t.is_word()) else {
        return false;
    };
    links.iter().any(|link| {
        let mut words = link.split_whitespace();
        words
            .next()
            .is_some_and(|w| first.text.eq_ignore_ascii_case(w))
            && between.len() == link.split_whitespace().count()
            && between
                .iter()
                .skip(1)
                .zip(words)
                .all(|(t, w)| t.lower() == w)
    })
}

/// Whether the words between two counts make the first a part of a whole that belongs to
/// someone: "11 of the country's 18 states", "four of Ukraine's 24 regions", "two of the
/// United Nations' 193 members": "of", at most two words, then a possessive.
fn is_possessive_partitive(between: &[Token<'_>]) -> bool {
    let [of, rest @ ..] = between else {
        return false;
    };
    // "the United Nations' 193": the apostrophe after a plural is a token of its own.
    let words = match rest {
        [words @ .., owner, mark]
            if matches!(mark.text, "'" | "’") && owner.text.ends_with('s') =>
        {
            words
        }
        [words @ .., owner] if owner.is_possessive() => words,
        _ => return false,
    };
    of.text.eq_ignore_ascii_case("of")
        && words.len() <= 2
        && words
            .iter()
            .all(|t| t.is_word() && !t.text.starts_with(|c: char| c.is_ascii_digit()))
}

/// The even trades written as one word, "1,000-for-1,000", "50-for-50": the first number as
/// a count spanning the word, when both numbers are one and the same and the words between
/// are one of the vocabulary's `trade_links`.
fn trade_compounds(s: &str, tokens: &[Token<'_>], vocab: &Vocab) -> Vec<Quantity> {
    let mut out = Vec::new();
    if !s.contains('-') {
        return out;
    }
    for t in tokens {
        let two_hyphens = t.text.find('-') < t.text.rfind('-');
        if !two_hyphens || !t.is_word() {
            continue;
        }
        let parts: Vec<&str> = t.text.split('-').collect();
        let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
            continue;
        };
        let link = parts.get(1..parts.len() - 1).unwrap_or_default().join(" ");
        if !vocab
            .measures
            .trade_links
            .iter()
            .any(|l| l.eq_ignore_ascii_case(&link))
        {
            continue;
        }
        let one = |text: &str| {
            let found = number::find_quantities(text, &vocab.numbers, &vocab.hedges);
            match found.as_slice() {
                [q] if q.start == 0
                    && q.end == text.len()
                    && q.kind == ValueKind::Count
                    && q.hedge.is_none() =>
                {
                    Some(q.clone())
                }
                _ => None,
            }
        };
        let (Some(a), Some(b)) = (one(first), one(last)) else {
            continue;
        };
        if a.interval.point != b.interval.point {
            continue;
        }
        out.push(Quantity {
            start: t.start,
            end: t.end,
            number_start: t.start,
            ..a
        });
    }
    out
}

/// What an even trade written as one word counts: the first word of the compound after it
/// ("a 1,000-for-1,000 prisoner exchange": prisoners), the noun after the event noun and
/// "of" ("a 50-for-50 swap of captives"), or what a count counts.
fn trade_noun(
    tokens: &[Token<'_>],
    after: usize,
    vocab: &Vocab,
    plural: bool,
) -> Option<(String, usize)> {
    let word = tokens.get(after)?;
    let next = tokens.get(after + 1);
    if vocab.is_event_noun(word.text) {
        return next
            .is_some_and(|n| n.lower() == "of")
            .then(|| counted_noun(tokens, after + 1, vocab, plural))
            .flatten();
    }
    if word.is_word() && next.is_some_and(|n| vocab.is_event_noun(n.text)) {
        return Some((word.lower().into_owned(), after + 1));
    }
    counted_noun(tokens, after, vocab, plural)
}

/// "rose by 12 to 97", "grew from 12 to 97": after a change verb and "by" or "from", the
/// range the scanner read is a difference or a value before the change and the value after
/// it; only the value after it is read again.
fn drop_change_start(s: &str, tokens: &[Token<'_>], q: Quantity, vocab: &Vocab) -> Quantity {
    // Most quantities follow neither word: the text is asked before the tokens.
    let head = s.get(..q.start).unwrap_or_default().trim_end();
    if !(head.ends_with("by") || head.ends_with("from")) {
        return q;
    }
    let at = token_at(tokens, q.start);
    let Some(link) = at.checked_sub(1).and_then(|k| tokens.get(k)) else {
        return q;
    };
    if !matches!(link.text, "by" | "from") {
        return q;
    }
    if !at
        .checked_sub(2)
        .is_some_and(|k| is_change_verb(tokens, k, vocab))
    {
        return q;
    }
    let end = token_at(tokens, q.end);
    let Some(to) = (at..end).find(|&k| tokens.get(k).is_some_and(|t| t.text == "to")) else {
        return q;
    };
    let (Some(from), Some(number)) = (
        tokens.get(to).map(|t| t.start),
        tokens.get(to + 1).map(|t| t.start),
    ) else {
        return q;
    };
    // Read from "to" on: a number first in its text and before a full stop would be a list
    // mark ("1. Introduction").
    let rest = s.get(from..).unwrap_or_default();
    match number::find_quantities(rest, &vocab.numbers, &vocab.hedges)
        .into_iter()
        .next()
    {
        Some(mut value) if value.start + from == number => {
            value.start += from;
            value.end += from;
            value.number_start += from;
            value
        }
        _ => q,
    }
}

/// Whether the count from token `before` to `after` (the token after its number) is the
/// value a change started from: "400 drones, up from 380" (the vocabulary's
/// `previous_links`; "up" and "down" at the start of a clause or after a form of "be"), "fell
/// from 40 to 12" (a change verb and "from" before it, "to" after it).
fn is_previous_value(tokens: &[Token<'_>], before: usize, after: usize, vocab: &Vocab) -> bool {
    let m = &vocab.measures;
    let Some(prev) = before.checked_sub(1).and_then(|k| tokens.get(k)) else {
        return false;
    };
    // Most numbers follow no link word at all.
    if !prev.is_word()
        || !(prev.text.eq_ignore_ascii_case("from")
            || m.previous_links.iter().any(|l| {
                l.split_whitespace()
                    .next_back()
                    .is_some_and(|w| prev.text.eq_ignore_ascii_case(w))
            }))
    {
        return false;
    }
    let prev_word = prev.lower();
    if prev_word == "from"
        && tokens.get(after).is_some_and(|t| t.text == "to")
        && before
            .checked_sub(2)
            .is_some_and(|k| is_change_verb(tokens, k, vocab))
    {
        return true;
    }
    // "rose to 97 from 85", "fell to 2.1 percent from 2.4 percent", "grew to 19 percent of
    // the country from 17 percent": a change verb, "to" and a value, then "from" and this
    // one, in one clause.
    if prev_word == "from" {
        let from = before - 1;
        let to = (from.saturating_sub(8)..from)
            .rev()
            .take_while(|&k| {
                tokens
                    .get(k)
                    .is_some_and(|t| !matches!(t.text, "," | ";" | ":" | "—" | "–" | "(" | ")"))
            })
            .find(|&k| tokens.get(k).is_some_and(|t| t.text == "to"));
        if let Some(to) = to
            && to + 1 < from
            && tokens
                .get(to + 1)
                .is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_digit()))
            && to
                .checked_sub(1)
                .is_some_and(|k| is_change_verb(tokens, k, vocab))
        {
            return true;
        }
    }
    m.previous_links.iter().any(|link| {
        if link.split_whitespace().next_back() != Some(prev_word.as_ref()) {
            return false;
        }
        let n = link.split_whitespace().count();
        let Some(start) = before.checked_sub(n) else {
            return false;
        };
        if !is_link(&tokens[start..before], std::slice::from_ref(link)) {
            return false;
        }
        let first = tokens[start].lower();
        !matches!(first.as_ref(), "up" | "down") || clause_start(tokens, start)
    })
}

/// What changed to the value whose first token is `before`: the noun phrase before a change
/// verb followed by "to" and the value ("prices rose to 15 percent"), by "from" or "by" and
/// another value and "to" ("unemployment climbed from 8.1 percent to 9.4 percent", "the
/// jobless rate in Spain fell by 0.3 points to 11.2 percent"). Lower case, without a
/// determiner; up to six words back to a clause mark, a verb or the start of the sentence,
/// past an auxiliary before the verb ("inflation has risen to 3 percent"). None when the
/// value does not follow such a verb, or no noun stands before it.
fn changed_subject(tokens: &[Token<'_>], before: usize, vocab: &Vocab) -> Option<String> {
    let to = before.checked_sub(1)?;
    if tokens.get(to).is_none_or(|t| t.lower() != "to") {
        return None;
    }
    // The change verb: right before "to", or before "from"/"by" and a value within five
    // tokens of "to".
    let verb = (to.saturating_sub(6)..to).rev().find(|&k| {
        is_change_verb(tokens, k, vocab)
            && (k + 1 == to
                || tokens
                    .get(k + 1)
                    .is_some_and(|t| matches!(t.lower().as_ref(), "from" | "by")))
    })?;
    if tokens
        .get(verb + 1..to)
        .unwrap_or_default()
        .iter()
        .any(|t| matches!(t.text, "," | ";" | ":" | "—" | "–" | "(" | ")"))
    {
        return None;
    }
    let mut k = verb;
    // "has risen", "had been falling": auxiliaries before the verb.
    while k > 0
        && tokens.get(k - 1).is_some_and(|t| {
            matches!(
                t.lower().as_ref(),
                "has" | "have" | "had" | "been" | "was" | "were" | "is" | "are"
            )
        })
    {
        k -= 1;
    }
    let mut words: Vec<String> = Vec::new();
    while k > 0 && words.len() < 6 {
        let t = &tokens[k - 1];
        if !t.is_word() || t.text.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        let lw = t.lower();
        let joining = matches!(lw.as_ref(), "of" | "in" | "among" | "for" | "across");
        let determiner = matches!(lw.as_ref(), "the" | "a" | "an");
        if !joining
            && !determiner
            && (vocab.is_stop_word(&lw)
                || is_verbish(&lw, vocab)
                || is_finite_verb(&lw, vocab)
                || is_past_verb(&lw, vocab)
                || is_conjunction(&lw)
                || !is_latin_word(&lw))
        {
            break;
        }
        if !determiner {
            words.push(lw.into_owned());
        }
        k -= 1;
    }
    // The phrase starts with its noun, not with a word that joins it to one before.
    while words
        .last()
        .is_some_and(|w| matches!(w.as_str(), "of" | "in" | "among" | "for" | "across"))
    {
        words.pop();
    }
    words.reverse();
    (!words.is_empty()).then(|| words.join(" "))
}

/// How the phrase of a whole ends ([`whole_phrase_end`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum WholeEnd {
    /// At the finite verb of its clause: what follows is the part's ("... were shot down").
    Finite,
    /// At a conjunction: what follows is another clause's, neither the whole's nor the
    /// part's ("turned back 12 of the 30 lorries | and detained 5 drivers").
    Conjunction,
    /// At a clause mark, or after six words.
    Open,
}

/// Where the phrase of a whole ends (`from`: the token after its noun): at the finite verb of
/// its clause within six words ("... drones launched overnight | were shot down"), at a
/// conjunction ("... lorries | and detained"), else at a clause mark or after six words.
fn whole_phrase_end(tokens: &[Token<'_>], from: usize, vocab: &Vocab) -> (usize, WholeEnd) {
    let m = &vocab.measures;
    let mut k = from;
    while k < tokens.len() && k < from + 6 {
        let t = &tokens[k];
        if !t.is_word() {
            return (k, WholeEnd::Open);
        }
        if is_conjunction(t.text) {
            return (k, WholeEnd::Conjunction);
        }
        let lw = t.lower();
        if (m.clause_verbs.iter().any(|v| *v == lw) || is_past_verb(&lw, vocab))
            && tokens.get(k + 1).is_none_or(|n| n.lower() != "by")
        {
            return (k, WholeEnd::Finite);
        }
        k += 1;
    }
    (k, WholeEnd::Open)
}

/// Whether the token at `k` is one of the vocabulary's `change_verbs`; "up" and "down" only
/// at the start of a clause ("was up from", not "shot down from").
fn is_change_verb(tokens: &[Token<'_>], k: usize, vocab: &Vocab) -> bool {
    let Some(word) = tokens.get(k).map(Token::lower) else {
        return false;
    };
    vocab.measures.change_verbs.iter().any(|v| *v == word)
        && (!matches!(word.as_ref(), "up" | "down") || clause_start(tokens, k))
}

/// Whether the token at `k` starts a clause: the sentence's first, or after a clause mark or a
/// form of "be" ("was down 12").
fn clause_start(tokens: &[Token<'_>], k: usize) -> bool {
    k == 0
        || tokens.get(k - 1).is_some_and(|t| {
            matches!(t.text, "," | ";" | ":" | "—" | "–" | "(")
                || matches!(t.lower().as_ref(), "is" | "was" | "are" | "were" | "been")
        })
}

/// Whether the count from token `before` to `after` (the token after its number) is a
/// difference between two counts, not a count: "20 more than the night before", "20 fewer
/// drones than", "up 20 from Monday", "rose by 20", "an increase of 20". "20 more drones were
/// shot down" is a count.
fn is_difference(tokens: &[Token<'_>], before: usize, after: usize, vocab: &Vocab) -> bool {
    let m = &vocab.measures;
    let word = |k: usize| tokens.get(k).map(Token::lower);
    let is = |k: usize, list: &[String]| word(k).is_some_and(|w| list.iter().any(|l| *l == w));
    let is_one_of = |k: usize, words: &[&str]| word(k).is_some_and(|w| words.contains(&w.as_ref()));
    // "20 more than", "20 more drones than", "20 drones more than".
    for k in after..after + 2 {
        if is(k, &m.comparatives) {
            if (k + 1..k + 3).any(|t| word(t).is_some_and(|w| w == "than")) {
                return true;
            }
            break;
        }
        if !tokens.get(k).is_some_and(Token::is_word) {
            break;
        }
    }
    let Some(prev) = before.checked_sub(1) else {
        return false;
    };
    // ", up 20 from", "was down 12": "up" or "down" after a clause mark or a form of "be"
    // (not "shot down 20 drones", "picked up 20 survivors").
    if is_one_of(prev, &["up", "down"]) && clause_start(tokens, prev) {
        return true;
    }
    // "rose by 20", "an increase of 20".
    prev > 0
        && ((is_one_of(prev, &["by"]) && is(prev - 1, &m.change_verbs))
            || (is_one_of(prev, &["of"]) && is(prev - 1, &m.change_nouns)))
}

/// Whether every letter of a word is of the Latin script, with or without diacritics
/// ("drones", "víctimas", "ofiar", "người"; not "мая", "года", "人").
pub(super) fn is_latin_word(word: &str) -> bool {
    word.chars().all(|c| {
        !c.is_alphabetic()
            || c.is_ascii_alphabetic()
            || matches!(c,
                // ª º, Latin-1 letters, Latin Extended-A and -B, IPA and spacing modifiers
                '\u{00AA}' | '\u{00BA}' | '\u{00C0}'..='\u{02FF}'
                // combining diacritics (a decomposed "é")
                | '\u{0300}'..='\u{036F}'
                // Latin Extended Additional (Vietnamese), -C, -D, -E, ligatures, full width
                | '\u{1E00}'..='\u{1EFF}' | '\u{2C60}'..='\u{2C7F}' | '\u{A720}'..='\u{A7FF}'
                | '\u{AB30}'..='\u{AB6F}' | '\u{FB00}'..='\u{FB06}'
                | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}')
    })
}

/// The token of the verb a count is the subject of, when one stands right after its noun
/// phrase (`at`: the token after it), past at most two adverbs ("also", "later", "-ly"): an
/// auxiliary or another of the vocabulary's `clause_verbs` ("12 drones hit the city", "five
/// civilians were hurt"). A form followed by "by" is a participle ("12 drones hit by
/// gunfire").
pub(super) fn own_verb_at(tokens: &[Token<'_>], at: usize, vocab: &Vocab) -> Option<usize> {
    let verbs = &vocab.measures.clause_verbs;
    let mut k = at;
    while k < tokens.len() && k < at + 3 {
        let t = &tokens[k];
        if !t.is_word() || t.is_capitalized() {
            return None;
        }
        let lw = t.lower();
        if verbs.iter().any(|v| v.as_str() == lw) {
            let by = tokens.get(k + 1).is_some_and(|n| n.lower() == "by");
            return (!by).then_some(k);
        }
        let adverb = matches!(
            lw.as_ref(),
            "also" | "then" | "later" | "still" | "all" | "both"
        ) || (lw.len() > 4 && lw.ends_with("ly"));
        if !adverb {
            return None;
        }
        k += 1;
    }
    None
}

/// The measure verb near a count: after its noun (within 4 words, across auxiliaries and
/// "and ..." ) or before the number (within 4 words). Stops at clause punctuation, and at a
/// verb before a conjunction that stands after the count before (`prev`, its first token):
/// that verb is the other count's ("two were killed and 20 escaped"); a verb before both
/// counts is shared ("killed two soldiers and five civilians") unless the count has a verb of
/// its own after it (`own`): in "fired 40 shells and 12 drones hit the city", "fired" is not
/// the drones'.
fn verb_near(
    tokens: &[Token<'_>],
    before: usize,
    after: usize,
    prev: Option<usize>,
    own: bool,
    vocab: &Vocab,
) -> Option<String> {
    verb_near_at(tokens, before, after, prev, own, vocab).map(|(m, _)| m)
}

/// [`verb_near`] with the token the verb starts at.
fn verb_near_at(
    tokens: &[Token<'_>],
    before: usize,
    after: usize,
    prev: Option<usize>,
    own: bool,
    vocab: &Vocab,
) -> Option<(String, usize)> {
    let mut pair = String::with_capacity(32);
    // The measure of the two-word form at `k` ("shot down"), else of the word.
    let mut measure_at = |k: usize| -> Option<String> {
        let word = tokens.get(k)?.lower();
        // A verb form after "in" is a noun: "in return for 2,000 prisoners", "killed in
        // fires" name no measure.
        if k.checked_sub(1)
            .and_then(|p| tokens.get(p))
            .is_some_and(|t| t.text.eq_ignore_ascii_case("in"))
        {
            return None;
        }
        if let Some(m) = long_measure(&word, tokens.get(k + 1..), vocab, &mut pair) {
            return Some(m.to_string());
        }
        if let Some(m) = pair_measure(&word, tokens.get(k + 1), vocab, &mut pair) {
            return Some(m.to_string());
        }
        vocab.verb_measure(&word).map(str::to_string)
    };
    // "Fighting forced 30,000 people from their homes", "drove tens of thousands out of
    // their homes": a form of three words or more whose first word stands right before the
    // count and whose other words follow what it counts, around the count as its object.
    if let Some(verb) = before.checked_sub(1).and_then(|k| tokens.get(k))
        && after > before
        && let Some(m) = long_measure(
            &verb.lower(),
            tokens.get(after..),
            vocab,
            &mut String::new(),
        )
    {
        return Some((m.to_string(), before - 1));
    }
    let mut j = after;
    // A verb after a conjunction is the next clause's ("sent 14 engineers and received 3
    // tonnes"): it is the count's only when no verb stands before the count.
    let mut next_clause: Option<(String, usize)> = None;
    let mut past_conjunction = false;
    while j < tokens.len() && j < after + 4 {
        let t = &tokens[j];
        if matches!(t.text, "," | ";" | ":" | "." | "—" | "(" | ")") {
            break;
        }
        if t.text.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            break;
        }
        past_conjunction |= is_conjunction(t.text);
        if let Some(m) = measure_at(j) {
            if !past_conjunction {
                return Some((m, j));
            }
            next_clause = Some((m, j));
            break;
        }
        j += 1;
    }
    let mut k = before;
    let mut crossed = false;
    while k > 0 && before - k < 4 {
        k -= 1;
        let t = &tokens[k];
        if matches!(t.text, "," | ";" | ":" | "." | "—" | "(" | ")") {
            break;
        }
        if is_conjunction(t.text) {
            crossed = true;
        }
        if let Some(m) = measure_at(k) {
            if crossed && (own || prev.is_some_and(|p| p < k)) {
                return next_clause;
            }
            return Some((m, k));
        }
    }
    next_clause
}

/// The measure of a verb form of three words or more that `word` and the words of `rest`
/// after it make ("forced" and "from their homes"), built in `buf`; looked up only when
/// `word` starts such a form (`long_form_starts` of the measures vocabulary).
fn long_measure<'v>(
    word: &str,
    rest: Option<&[Token<'_>]>,
    vocab: &'v Vocab,
    buf: &mut String,
) -> Option<&'v str> {
    let initials = vocab.measures.long_form_initials;
    let may_start = match word.bytes().next() {
        Some(b @ b'a'..=b'z') => initials & (1 << (b - b'a')) != 0,
        Some(_) => initials == u32::MAX,
        None => false,
    };
    if !may_start || !vocab.measures.long_form_starts.iter().any(|w| w == word) {
        return None;
    }
    buf.clear();
    buf.push_str(word);
    for (n, t) in rest?.iter().take(LONG_FORM_WORDS - 1).enumerate() {
        if !t.is_word() {
            break;
        }
        buf.push(' ');
        buf.push_str(&t.lower());
        if n >= 1
            && let Some(m) = vocab.verb_measure(buf)
        {
            return Some(m);
        }
    }
    None
}

/// The most words of a verb form [`long_measure`] looks for ("driven out of their homes").
const LONG_FORM_WORDS: usize = 6;

/// The measure of the verb of two words `word` and `next` make ("shot down"), built in `pair`.
fn pair_measure<'v>(
    word: &str,
    next: Option<&Token<'_>>,
    vocab: &'v Vocab,
    pair: &mut String,
) -> Option<&'v str> {
    let next = next?;
    pair.clear();
    pair.push_str(word);
    pair.push(' ');
    pair.push_str(&next.lower());
    vocab.verb_measure(pair)
}

/// After a count and what it counts (`from`: the token after them) and a few words more
/// ("at the checkpoint", "near the dam,"), a clause joined by a conjunction that takes the
/// count back with "them" or "they" within a few words ("and released them", "but they were
/// freed", "before freeing all of them"): its byte span, from the conjunction to the clause's
/// end (a clause mark or the end of the sentence, `len`). None when a number comes first (the
/// clause counts something of its own).
fn referring_clause(tokens: &[Token<'_>], from: usize, len: usize) -> Option<(usize, usize)> {
    let number = |t: &Token<'_>| t.text.starts_with(|c: char| c.is_ascii_digit());
    let mut at = None;
    for (k, t) in tokens.iter().enumerate().skip(from).take(REFERRING_WORDS) {
        if is_conjunction(t.text) || matches!(t.text, "then" | "before") {
            at = Some(k);
            break;
        }
        if number(t) || !(t.is_word() || t.text == ",") {
            return None;
        }
    }
    let at = at?;
    let mut refers = false;
    for t in tokens.get(at + 1..)?.iter().take(REFERRING_WORDS) {
        if !t.is_word() || number(t) {
            return None;
        }
        if t.text.eq_ignore_ascii_case("them") || t.text.eq_ignore_ascii_case("they") {
            refers = true;
            break;
        }
    }
    if !refers {
        return None;
    }
    let end = tokens[at + 1..]
        .iter()
        .find(|t| matches!(t.text, "," | ";" | ":" | "." | "—" | "–" | "(" | ")"))
        .map_or(len, |t| t.start);
    Some((tokens[at].start, end))
}

/// How many words [`referring_clause`] looks through for the conjunction, and after it for
/// "them" or "they".
const REFERRING_WORDS: usize = 5;

/// A word that joins two clauses or two noun phrases.
pub(super) fn is_conjunction(word: &str) -> bool {
    matches!(word, "and" | "but" | "while" | "whereas")
}

/// A short phrase after "of": "Moldova", "the country's territory".
fn phrase_after(tokens: &[Token<'_>], i: usize, vocab: &Vocab) -> Option<String> {
    let mut words = Vec::new();
    let mut j = i;
    while j < tokens.len() && words.len() < 4 {
        let t = &tokens[j];
        if !t.is_word() {
            break;
        }
        let lw = t.lower();
        if words.is_empty() && matches!(lw.as_ref(), "the" | "its" | "their") {
            j += 1;
            continue;
        }
        if vocab.is_stop_word(&lw) || is_verbish(&lw, vocab) {
            break;
        }
        words.push(t.text.to_string());
        j += 1;
    }
    if words.is_empty() {
        None
    } else {
        let p = words.join(" ");
        Some(vocab.place(&p).map(str::to_string).unwrap_or(p))
    }
}

/// Whether a counted noun is too common to be compared on its own ("the two sides").
pub fn ignored_noun(noun: &str, vocab: &Vocab) -> bool {
    let key = noun_key(noun);
    vocab.measures.ignore_nouns.contains(&key)
}

/// The singular, lower-case noun of a mention, for matching rule nouns.
pub fn noun_key(noun: &str) -> String {
    singular(&noun.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    static RULES: std::sync::LazyLock<crate::rules::Rules> = std::sync::LazyLock::new(|| {
        crate::rules::Rules::defaults().unwrap_or_else(|e| panic!("{e}"))
    });

    /// [`verb_near`] with each two-word form formatted on its own.
    fn verb_near_by_format(
        tokens: &[Token<'_>],
        before: usize,
        after: usize,
        prev: Option<usize>,
        own: bool,
        vocab: &Vocab,
    ) -> Option<String> {
        let two = |k: usize| {
            tokens.get(k + 1).and_then(|n| {
                vocab
                    .verb_measure(&format!("{} {}", tokens[k].lower(), n.lower()))
                    .map(str::to_string)
            })
        };
        let one = |k: usize| vocab.verb_measure(&tokens[k].lower()).map(str::to_string);
        let stop = |t: &Token<'_>| matches!(t.text, "," | ";" | ":" | "." | "—" | "(" | ")");
        let mut later = None;
        let mut j = after;
        while j < tokens.len() && j < after + 4 {
            let t = &tokens[j];
            if stop(t) || t.text.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                break;
            }
            if let Some(m) = two(j).or_else(|| one(j)) {
                // After a conjunction: the next clause's verb, the count's only when no verb
                // stands before it.
                if tokens[after..j].iter().any(|t| is_conjunction(t.text)) {
                    later = Some(m);
                    break;
                }
                return Some(m);
            }
            j += 1;
        }
        let mut k = before;
        while k > 0 && before - k < 4 {
            k -= 1;
            if stop(&tokens[k]) {
                break;
            }
            if let Some(m) = two(k).or_else(|| one(k)) {
                let crossed = tokens[k..before].iter().any(|t| is_conjunction(t.text));
                return if crossed && (own || prev.is_some_and(|p| p < k)) {
                    later
                } else {
                    Some(m)
                };
            }
        }
        later
    }

    fn same_verbs(s: &str) -> Result<(), TestCaseError> {
        let vocab = &RULES.vocab;
        let tokens = tokenize(s);
        for before in 0..=tokens.len() {
            for after in before..=tokens.len() + 1 {
                for prev in [None, Some(0), Some(2)] {
                    for own in [false, true] {
                        prop_assert_eq!(
                            verb_near(&tokens, before, after, prev, own, vocab),
                            verb_near_by_format(&tokens, before, after, prev, own, vocab),
                            "{:?} {} {} {:?} {}",
                            s,
                            before,
                            after,
                            prev,
                            own
                        );
                    }
                }
            }
        }
        Ok(())
    }

    #[test]
    fn verb_near_reads_two_word_forms() {
        let vocab = &RULES.vocab;
        let tokens = tokenize("Air defences Shot Down 472 drones overnight");
        assert_eq!(
            verb_near(&tokens, 4, 6, None, false, vocab).as_deref(),
            Some("shot down")
        );
        same_verbs("Air defences Shot Down 472 drones overnight").unwrap();
    }

    #[test]
    fn a_verb_after_a_conjunction_is_the_next_clauses() {
        // "sent 14 engineers and received 3 tonnes": "received" is the tonnes' verb; the
        // engineers were sent. With no verb before the count, the one after still serves.
        let vocab = &RULES.vocab;
        let s = "Oslo sent 14 engineers and received 3 tonnes of flour";
        let tokens = tokenize(s);
        assert_eq!(
            verb_near(&tokens, 2, 4, None, false, vocab).as_deref(),
            Some("sent")
        );
        same_verbs(s).unwrap();
        let s = "Some 14 engineers and medics received visas";
        let tokens = tokenize(s);
        assert_eq!(
            verb_near(&tokens, 1, 3, None, false, vocab).as_deref(),
            Some("received")
        );
        same_verbs(s).unwrap();
    }

    /// One field of each count the generic layer finds in `s`, in order.
    fn of_counts<T>(s: &str, field: impl Fn(Mention) -> T) -> Vec<T> {
        analyze(s, &RULES.vocab)
            .mentions
            .into_iter()
            .filter(|m| m.kind == ValueKind::Count)
            .map(field)
            .collect()
    }

    #[test]
    fn a_particle_of_the_verb_before_is_no_hedge_in_any_spacing_or_case() {
        let of = |s: &str| of_counts(s, |m| (m.written, m.hedge.is_some()));
        for s in [
            "The rebels handed over 300 bodies.",
            "The rebels HANDED OVER 300 bodies.",
            "The rebels handed  over 300 bodies.",
            "The rebels handed\nover 300 bodies.",
            "The rebels handed\u{a0}over 300 bodies.",
            "The rebels handed\u{200b}over 300 bodies.",
        ] {
            assert_eq!(of(s), vec![("300".to_string(), false)], "{s:?}");
        }
        // After a word that makes no verb with it, "over" is the hedge (more than 300).
        assert_eq!(
            of("The rebels hold over 300 bodies."),
            vec![("over 300".to_string(), true)]
        );
    }

    #[test]
    fn counted_nouns_are_latin_script_words() {
        for w in [
            "drones",
            "víctimas",
            "żołnierzy",
            "người",
            "straße",
            "blessés",
            "e\u{301}lus",
        ] {
            assert!(is_latin_word(w), "{w}");
        }
        for w in ["мая", "года", "άνθρωποι", "人", "جنود", "dronesы"] {
            assert!(!is_latin_word(w), "{w}");
        }
        let nouns = |s: &str| -> Vec<Option<String>> { of_counts(s, |m| m.noun) };
        assert_eq!(nouns("Встреча 16 мая, 2025 года"), vec![None, None]);
        assert_eq!(
            nouns("Zginęło 12 żołnierzy"),
            vec![Some("żołnierzy".into())]
        );
    }

    #[test]
    fn a_count_with_its_own_verb_takes_none_from_before_and() {
        let vocab = &RULES.vocab;
        let own = |s: &str, at: usize| own_verb_at(&tokenize(s), at, vocab);
        // "12 drones | hit the city", "| also crashed", "| were shot down"
        assert_eq!(own("12 drones hit the city", 2), Some(2));
        assert_eq!(own("12 drones also crashed nearby", 2), Some(3));
        assert_eq!(own("12 drones were shot down", 2), Some(2));
        // A participle, a preposition, a name, a comma: no verb of its own.
        assert_eq!(own("12 drones hit by gunfire", 2), None);
        assert_eq!(own("12 drones at the city", 2), None);
        assert_eq!(own("12 drones Monday", 2), None);
        assert_eq!(own("12 drones, officials said", 2), None);
        let verbs = |s: &str| -> Vec<Option<String>> { of_counts(s, |m| m.verb) };
        let launched = Some("launched".to_string());
        assert_eq!(
            verbs("Gunners fired 30 shells and 9 drones slammed into a depot"),
            vec![launched.clone(), None]
        );
        assert_eq!(
            verbs("Gunners fired thirty shells and nine drones slammed into a depot"),
            vec![launched.clone(), None]
        );
        // Without a verb of their own the counts share it, in digits and in words.
        assert_eq!(
            verbs("Gunners fired 330 shells and 9 drones into a depot"),
            vec![launched.clone(), launched.clone()]
        );
        assert_eq!(
            verbs("Gunners fired three hundred and thirty shells and nine drones into a depot"),
            vec![launched.clone(), launched]
        );
    }

    /// The counted noun and the value of each count the generic layer finds in `s`.
    fn counts(s: &str) -> Vec<(Option<String>, String)> {
        of_counts(s, |m| (m.noun, m.normalized))
    }

    /// The counts of `s` that name a counted noun (only those make claims).
    fn named(s: &str) -> Vec<(Option<String>, String)> {
        counts(s).into_iter().filter(|(n, _)| n.is_some()).collect()
    }

    fn count(noun: &str, value: &str) -> (Option<String>, String) {
        (Some(noun.to_string()), value.to_string())
    }

    #[test]
    fn a_number_after_a_label_word_names_something() {
        assert_eq!(counts("Regulators kept the Boeing 787 fleet grounded."), []);
        assert_eq!(
            counts("European shares slipped as the FTSE 100 gave up early gains."),
            []
        );
        assert_eq!(
            counts("Markets rallied, with the S&P 500 up 3% by noon."),
            []
        );
        assert_eq!(
            named("The council passed Resolution 2728 after 14 members backed it."),
            [count("members", "14")]
        );
    }

    #[test]
    fn the_parties_after_a_definite_number_are_named_not_counted() {
        assert_eq!(
            counts("Afterwards the two leaders spoke for three hours."),
            []
        );
        assert_eq!(counts("Their two presidents signed the accord."), []);
        assert_eq!(counts("The three women were released on Monday."), []);
        assert_eq!(counts("Talks between the two governments resumed."), []);
        // Without a determiner a count; after one, a count of anything else.
        assert_eq!(
            counts("Two delegations from Kyiv arrived in Geneva."),
            [count("delegations", "2")]
        );
        assert_eq!(
            counts("The 40 drones were launched from Kursk."),
            [count("drones", "40")]
        );
        // "three hours" is a duration: a value without a counted noun, so no claim.
        let analyzed = analyze("The two delegations met for three hours.", &RULES.vocab);
        let kinds: Vec<_> = analyzed
            .mentions
            .iter()
            .map(|m| (m.kind, m.normalized.as_str(), m.noun.is_some()))
            .collect();
        assert_eq!(kinds, [(ValueKind::Duration, "10800 s", false)]);
    }

    #[test]
    fn a_gerund_after_of_heads_what_a_duration_is_of() {
        let of_duration = |s: &str| -> Vec<Option<String>> {
            analyze(s, &RULES.vocab)
                .mentions
                .into_iter()
                .filter(|m| m.kind == ValueKind::Duration)
                .map(|m| m.noun)
                .collect()
        };
        let noun = |n: &str| vec![Some(n.to_string())];
        assert_eq!(
            of_duration("The government declared three days of national mourning."),
            noun("mourning")
        );
        assert_eq!(
            of_duration("Residents endured two weeks of heavy shelling before the truce."),
            noun("shelling")
        );
        assert_eq!(
            of_duration("The city saw four days of intense street fighting."),
            noun("fighting")
        );
        // A plural still ends the phrase.
        assert_eq!(
            of_duration("The deal came after six months of difficult negotiations."),
            noun("negotiations")
        );
    }

    #[test]
    fn a_number_before_times_is_no_count() {
        assert_eq!(
            counts("Cases are now running at four times the number seen in 2023."),
            []
        );
        assert_eq!(
            counts("Russia fired 300 drones and struck the capital 12 times."),
            [count("drones", "300")]
        );
        assert_eq!(
            counts("The number of arrests was 2.5 times higher than a year earlier."),
            []
        );
    }

    #[test]
    fn a_verb_before_the_count_before_is_its_own() {
        let rows = |s: &str| of_counts(s, |m| (m.noun, m.verb));
        let row = |n: &str, v: Option<&str>| (Some(n.to_string()), v.map(str::to_string));
        assert_eq!(
            rows("Cholera has killed 300 people in 11 provinces."),
            [row("people", Some("killed")), row("provinces", None)]
        );
        assert_eq!(
            rows("The army evacuated 4,000 residents from 15 villages."),
            [row("residents", Some("evacuated")), row("villages", None)]
        );
        // Listed counts still share it.
        assert_eq!(
            rows("The strike killed two soldiers and five civilians."),
            [
                row("soldiers", Some("killed")),
                row("civilians", Some("killed"))
            ]
        );
    }

    #[test]
    fn a_verb_after_a_number_is_not_what_it_counts() {
        assert_eq!(named("Later the two met again in Geneva."), []);
        assert_eq!(named("The three agreed on a prisoner swap."), []);
        assert_eq!(named("Only the two spoke to reporters."), []);
        assert_eq!(named("Then the four arrived, unannounced."), []);
        // An adjective or a noun is still read.
        assert_eq!(
            counts("Five armed men stormed the building."),
            [count("men", "5")]
        );
        assert_eq!(
            counts("Twenty trained pilots left the base."),
            [count("pilots", "20")]
        );
        assert_eq!(
            counts("Militants fired 60 Shahed at the port."),
            [count("shahed", "60")]
        );
        // A base form after a noun is no verb: "drone strikes".
        assert_eq!(
            counts("Two drone strikes shook the city."),
            [count("strikes", "2")]
        );
    }

    #[test]
    fn adjectives_joined_by_and_modify_the_plural_after_them() {
        let nouns = |s: &str| of_counts(s, |m| m.noun);
        assert_eq!(
            nouns("The navy fired twelve ballistic and cruise missiles."),
            [Some("missiles".to_string())]
        );
        assert_eq!(
            nouns("Officials counted 400 civilian and military casualties."),
            [Some("casualties".to_string())]
        );
        assert_eq!(
            nouns("Police said 12 armed and masked men fled."),
            [Some("men".to_string())]
        );
        // A clause after "and" is no modifier, even after a noun that does not look plural
        // (misspelt here); a number after "and" starts a count of its own.
        assert_eq!(
            nouns("The storm killed 34 peopel and leaving thousands homeless."),
            [Some("peopel".to_string()), Some("homeless".to_string())]
        );
        // Demonyms joined by "and", each after its own number, modify the plural after both.
        assert_eq!(
            nouns("Shelling killed 40 Polish or 25 Lithuanian troops."),
            [Some("troops".to_string()), Some("troops".to_string())]
        );
        // A plural demonym is counted (as people); a name that is no demonym is what it
        // counts.
        assert_eq!(
            nouns("They freed 200 Russians and 150 Ukrainian soldiers."),
            [Some("people".to_string()), Some("soldiers".to_string())]
        );
        assert_eq!(
            nouns("Militants fired 12 Shahed and 4 Iskander missiles."),
            [Some("shahed".to_string()), Some("missiles".to_string())]
        );
    }

    #[test]
    fn a_part_counts_the_noun_of_its_whole() {
        let of = |s: &str| of_counts(s, |m| (m.noun, m.normalized, m.verb, m.whole));
        let row = |n: &str, v: &str, verb: Option<&str>, whole: bool| {
            (
                Some(n.to_string()),
                v.to_string(),
                verb.map(str::to_string),
                whole,
            )
        };
        assert_eq!(
            of("Troops captured 17 of the 30 tanks near the river."),
            [
                row("tanks", "17", Some("captured"), false),
                row("tanks", "30", None, true)
            ]
        );
        // A finite verb after the whole is the part's; a participle is the whole's.
        assert_eq!(
            of("Police said 3 out of 20 passengers were injured."),
            [
                row("passengers", "3", Some("injured"), false),
                row("passengers", "20", None, true)
            ]
        );
        assert_eq!(
            of("Only 6 of the 90 missiles launched got through."),
            [
                row("missiles", "6", None, false),
                row("missiles", "90", Some("launched"), true)
            ]
        );
        // A conjunction ends the whole's phrase: the verb after it is another clause's.
        assert_eq!(
            of("Border guards turned back 12 of the 30 lorries and detained 5 drivers."),
            [
                row("lorries", "12", Some("turned back"), false),
                row("lorries", "30", None, true),
                row("drivers", "5", Some("arrested"), false)
            ]
        );
        assert_eq!(
            of("Medics treated 9 of the 40 miners but 3 died later."),
            [
                row("miners", "9", None, false),
                row("miners", "40", None, true),
                row("miners", "3", Some("killed"), false)
            ]
        );
        // "One of the 27 states" counts no states ("one of" is no count of its own).
        assert_eq!(
            of("It was one of the 27 states to vote against."),
            [row("states", "27", None, false)]
        );
        // A part needs a whole that names its noun, right after the link.
        assert_eq!(
            of("Nine of the prisoners were freed and 40 soldiers left."),
            [
                (None, "9".to_string(), None, false),
                row("soldiers", "40", None, false)
            ]
        );
    }

    #[test]
    fn the_value_before_a_change_is_no_count() {
        assert_eq!(
            named("The army recruited 300 soldiers, compared with 250 in May."),
            [count("soldiers", "300")]
        );
        assert_eq!(
            named("Exports reached 90 tankers, up from 75 a year ago."),
            [count("tankers", "90")]
        );
        assert_eq!(
            counts("Membership fell from 40 to 12 clubs."),
            [count("clubs", "12")]
        );
        assert_eq!(
            counts("Membership grew from 12 to 40 clubs."),
            [count("clubs", "40")]
        );
        assert_eq!(
            counts("Membership grew by 12 to 40 clubs."),
            [count("clubs", "40")]
        );
        // "shot down from", a range without a change verb, "from" without "to": counts.
        assert_eq!(
            counts("Gunners shot down from 12 to 15 drones."),
            [count("drones", "12–15")]
        );
        assert_eq!(
            counts("The shelter holds from 200 to 300 people."),
            [count("people", "200–300")]
        );
        assert_eq!(
            counts("Debris fell from 12 drones onto the city."),
            [count("drones", "12")]
        );
    }

    #[test]
    fn an_even_trade_is_each_sides_count() {
        let of = |s: &str| of_counts(s, |m| (m.noun, m.written, m.each_side));
        let row = |n: &str, w: &str, each: bool| (Some(n.to_string()), w.to_string(), each);
        assert_eq!(
            of("They agreed a 75-for-75 POW exchange."),
            [row("pow", "75-for-75", true)]
        );
        assert_eq!(
            of("They agreed a 75-for-75 swap of detainees."),
            [row("detainees", "75-for-75", true)]
        );
        assert_eq!(
            of("Kyiv handed over 64 captives in exchange for 64."),
            [row("captives", "64", true)]
        );
        assert_eq!(
            of("Kyiv handed over 64 captives in exchange for 70."),
            [row("captives", "64", false)]
        );
        // Uneven or not a trade link: no count read from the word.
        assert_eq!(of("They agreed a 75-for-80 POW exchange."), []);
        assert_eq!(of("The 3-to-1 vote passed."), []);
    }

    #[test]
    fn an_irregular_past_form_is_no_counted_noun() {
        assert_eq!(
            named("One shell hit the roof of a school."),
            [count("shell", "1")]
        );
        assert_eq!(named("One came down in a field near the village."), []);
        assert_eq!(named("The three held a news conference."), []);
        // A compound noun and an adjective still read as before.
        assert_eq!(
            named("One drone strike damaged a bridge."),
            [count("strike", "1")]
        );
        assert_eq!(
            named("The two injured miners were treated."),
            [count("miners", "2")]
        );
    }

    #[test]
    fn a_difference_is_no_count() {
        assert_eq!(
            counts("Kyiv counted 380 drones, 25 fewer than a day earlier."),
            [count("drones", "380")]
        );
        assert_eq!(
            counts("The army fielded 4,000 tanks, an increase of 300 on last year."),
            [count("tanks", "4000")]
        );
        assert_eq!(counts("Attacks were up 15 from the week before."), []);
        assert_eq!(
            counts("The number of arrests rose by 12, to 97."),
            [count("arrests", "97")]
        );
        assert_eq!(
            counts("Police arrested 30 people, 12 more protesters than last week."),
            [count("people", "30")]
        );
        // "more" before a noun without "than", "shot down", "picked up": counts.
        assert_eq!(
            counts("Another 20 more drones were shot down."),
            [count("drones", "20")]
        );
        assert_eq!(
            counts("Air defences shot down 30 drones from the east."),
            [count("drones", "30")]
        );
        assert_eq!(
            counts("Rescuers picked up 16 survivors."),
            [count("survivors", "16")]
        );
    }

    #[test]
    fn the_other_side_of_a_trade_is_no_count() {
        assert_eq!(
            counts("They swapped 84 soldiers for 84 on Friday."),
            [count("soldiers", "84")]
        );
        assert_eq!(
            counts("Kyiv sold 12 drones for 3 million."),
            [count("drones", "12")]
        );
        assert_eq!(
            counts("Moscow freed 95 captives in exchange for 95 held by Kyiv."),
            [count("captives", "95")]
        );
        // A count after "for" with no count before it is read.
        assert_eq!(
            counts("Kyiv asked for 1,200 prisoners."),
            [count("prisoners", "1200")]
        );
    }

    #[test]
    fn an_anchor_head_names_what_a_bare_number_after_it_counts() {
        let of = |s: &str| of_counts(s, |m| (m.noun, m.normalized, m.verb));
        let row = |n: &str, v: &str, verb: Option<&str>| {
            (Some(n.to_string()), v.to_string(), verb.map(str::to_string))
        };
        // The change is no count; the level after it counts the anchor's noun, with the
        // measure of a participle before or after it.
        assert_eq!(
            of("The number of displaced people fell by 2,000 to 48,000."),
            [row("people", "48000", Some("displaced"))]
        );
        assert_eq!(
            of("The tally of people killed in the landslide rose by 9 to 61."),
            [row("people", "61", Some("killed"))]
        );
        assert_eq!(
            of("The total number of striking dockers climbed to 41,000, the union said."),
            [row("dockers", "41000", None)]
        );
        assert_eq!(
            of("The number of registered voters fell from 90,000 to 83,000."),
            [row("voters", "83000", None)]
        );
        // A fixed anchor still names its own noun; a head without a noun names none (the
        // count is of people by its verb of deaths); a number with a noun of its own keeps
        // it.
        assert_eq!(
            of("The number of dead rose by 3 to 40."),
            [row("deaths", "40", None)]
        );
        assert_eq!(
            of("The number of those killed rose to 45."),
            [row("people", "45", Some("killed"))]
        );
        assert_eq!(
            of("The number of those evacuated rose to 45."),
            [(None, "45".to_string(), Some("evacuated".to_string()))]
        );
        assert_eq!(
            of("The number of the dead rose to 40."),
            [row("people", "40", Some("killed"))]
        );
        assert_eq!(
            of("The number of strikes is unclear, but 12 drones hit the port."),
            [row("drones", "12", None)]
        );
        // Another sentence's head is not this number's.
        assert_eq!(
            of("The number of arrests is unknown. Police held 40 for questioning."),
            [(None, "40".to_string(), None)]
        );
    }

    #[test]
    fn a_part_without_a_measure_verb_has_no_measure() {
        let measures = |s: &str| of_counts(s, |m| (m.count_measure(), m.written));
        let row = |measure: Option<&str>, w: &str| (measure.map(str::to_string), w.to_string());
        assert_eq!(
            measures("Only 4 of the 40 drones reached their targets."),
            [row(None, "Only 4"), row(Some("drones"), "40")]
        );
        assert_eq!(
            measures("Just 3 of the 20 passengers survived the crash."),
            [row(None, "Just 3"), row(Some("passengers"), "20")]
        );
        assert_eq!(
            measures("Pickets stopped 12 of the 30 lorries at the gate."),
            [row(None, "12"), row(Some("lorries"), "30")]
        );
        // With a measure verb the part is a count of the whole's noun.
        assert_eq!(
            measures("Police detained 5 of the 9 drivers."),
            [
                row(Some("drivers arrested"), "5"),
                row(Some("drivers"), "9")
            ]
        );
        assert_eq!(
            measures("Rescuers saved 31 of the 45 villagers cut off by the flood."),
            [
                row(Some("villagers rescued"), "31"),
                row(Some("villagers"), "45")
            ]
        );
    }

    #[test]
    fn what_came_back_in_return_is_each_sides_count() {
        let of = |s: &str| of_counts(s, |m| (m.noun, m.written, m.each_side));
        let row = |n: &str, w: &str, each: bool| (Some(n.to_string()), w.to_string(), each);
        assert_eq!(
            of("Kyiv handed over 84 prisoners and received 84 in return."),
            [row("prisoners", "84", true)]
        );
        assert_eq!(
            of("Moscow freed 60 captives, receiving 60 in return."),
            [row("captives", "60", true)]
        );
        assert_eq!(
            of("The militia received 12 hostages and handed over 12."),
            [row("hostages", "12", true)]
        );
        // Uneven: two counts, each one side's, of the noun counted before.
        assert_eq!(
            of("Kyiv handed over 84 prisoners and received 90 in return."),
            [row("prisoners", "84", true), row("prisoners", "90", true)]
        );
        assert_eq!(
            of("Ukraine returned 205 servicemen and got back 211 of its own."),
            [
                row("servicemen", "205", true),
                row("servicemen", "211", true)
            ]
        );
        // Uneven numbers of a trade stay one count, no side's.
        assert_eq!(
            of("Kyiv swapped 90 soldiers for 110."),
            [row("soldiers", "90", false)]
        );
        // Another noun after the second number: two counts, no exchange.
        assert_eq!(
            of("The clinic sent 40 medics and received 40 tonnes of supplies."),
            [row("medics", "40", false), row("tonnes", "40", false)]
        );
    }

    #[test]
    fn a_part_of_something_named_before_counts_no_pronoun() {
        assert_eq!(named("Air defences shot down 385 of them."), []);
        assert_eq!(named("Air defences shot down 385 of those."), []);
        assert_eq!(named("Gunners downed 40 of these over the bay."), []);
        assert_eq!(named("Of those, 385 were shot down."), []);
        assert_eq!(named("Strikers said 200 of us were sacked."), []);
        // "Tens of thousands of civilians" still counts civilians.
        assert_eq!(
            of_counts("Tens of thousands of civilians fled the city.", |m| m.noun),
            [Some("civilians".to_string())]
        );
        // "N of them" after counts of several nouns counts them all; after one noun, it.
        let noun = |s: &str| of_counts(s, |m| m.noun);
        assert_eq!(
            noun("Russia fired 272 drones and nine missiles; 250 of them were intercepted."),
            [
                Some("drones".to_string()),
                Some("missiles".to_string()),
                None
            ]
        );
        assert_eq!(
            noun("Russia launched 150 drones overnight, and 120 of them were shot down."),
            [Some("drones".to_string()), Some("drones".to_string())]
        );
    }

    #[test]
    fn a_whole_named_first_is_the_whole_of_the_part_after_it() {
        let rows = |s: &str| of_counts(s, |m| (m.noun, m.whole, m.part, m.verb));
        assert_eq!(
            rows("Of the 472 drones, 385 were shot down."),
            [
                (Some("drones".to_string()), true, false, None),
                (
                    Some("drones".to_string()),
                    false,
                    true,
                    Some("shot down".to_string())
                ),
            ]
        );
        // A comma alone, without "of" opening the clause, makes no whole.
        assert!(!rows("In the 472 drones, 385 were shot down.")[0].1);
    }

    #[test]
    fn a_share_after_a_change_is_the_level_of_what_changed() {
        let shares = |s: &str| -> Vec<(Option<String>, String)> {
            analyze(s, &RULES.vocab)
                .mentions
                .into_iter()
                .filter(|m| m.kind == ValueKind::Share)
                .map(|m| (m.noun.or(m.of), m.written))
                .collect()
        };
        let row = |what: Option<&str>, w: &str| (what.map(str::to_string), w.to_string());
        // The final value only, never the one the change started from.
        assert_eq!(
            shares("Prices rose from 12 to 15 percent."),
            [row(Some("prices"), "15 percent")]
        );
        assert_eq!(
            shares("Unemployment climbed from 8.1 percent to 9.4 percent."),
            [row(Some("unemployment"), "9.4 percent")]
        );
        assert_eq!(
            shares("Inflation in the euro area fell to 2.1% from 2.4% in May."),
            [row(Some("inflation in euro area"), "2.1%")]
        );
        assert_eq!(
            shares("Turnout has risen by 6 percent to 67 percent, officials said."),
            [row(Some("turnout"), "67 percent")]
        );
        assert_eq!(
            shares("Growth in Brazil slowed to 1.2 percent from 2 percent."),
            [row(Some("growth in brazil"), "1.2 percent")]
        );
        assert_eq!(
            shares("The pound's share of reserves plunged from 5 percent to 3 percent."),
            [row(Some("pound's share of reserves"), "3 percent")]
        );
        // A change alone is no level; a share of something named keeps its "of".
        assert_eq!(shares("Bond yields jumped by 2 percent overnight."), []);
        assert_eq!(shares("Stocks were up 3 percent at the close."), []);
        assert_eq!(
            shares("The party's vote fell from 28 percent to 22 percent of the total."),
            [row(Some("total"), "22 percent")]
        );
        // No change verb, or no noun before it: nothing changed to the share.
        assert_eq!(
            shares("Turnout was 64% in the capital."),
            [row(None, "64%")]
        );
        assert_eq!(shares("It rose to 15 percent."), [row(None, "15 percent")]);
        assert_eq!(
            shares("Analysts said wages rose to 5 percent."),
            [row(Some("wages"), "5 percent")]
        );
    }

    #[test]
    fn a_count_before_a_change_to_another_is_no_count() {
        assert_eq!(
            counts("The death toll rose to 97 from 85 overnight."),
            [count("deaths", "97")]
        );
        // "from" after a count that is not the level of a change: a count.
        assert_eq!(
            counts("Rescuers pulled 40 people to safety from 12 flooded homes."),
            [count("people", "40"), count("homes", "12")]
        );
    }

    #[test]
    fn a_decimal_said_in_words_is_one_count() {
        assert_eq!(
            counts("The population was three point five million before the war."),
            [(None, "3500000".to_string())]
        );
        assert_eq!(
            counts("Some one point two million voters stayed home."),
            [count("voters", "1200000")]
        );
    }

    proptest! {
        #[test]
        fn verb_near_is_the_formatted_lookup(
            s in r"((shot|Shot|down|DOWN|shooting|killed|were|and|472|drones|,|\.|’s|[a-z]{1,6}) ){0,9}"
        ) {
            same_verbs(&s)?;
        }
    }
}
