//! Resolve: across all articles, spelling variants of one name become one subject (aliases
//! first, then `strsim` for unseen spellings), and rounds of an event are linked to their dates
//! where some article states both.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use crate::extract::events::EventDate;
use crate::model::{Claim, Date, ValueKind};
use crate::rules::Vocab;

/// Jaro–Winkler similarity at or above which two surnames are spellings of one name
/// (Hrytsenkiy / Hrytsenkyy / Hrytsenky ≥ 0.95; Novak / Novotna, Kovalenko / Kovalchuk below).
pub const SURNAME_SIMILARITY: f64 = 0.92;

fn tokens(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether two names are one person written two ways: the surnames are spelling variants and
/// the given names agree (equal, an initial of each other, or one of them omitted).
pub fn same_person(a: &str, b: &str) -> bool {
    let ta = tokens(a);
    let tb = tokens(b);
    let (Some(la), Some(lb)) = (ta.last(), tb.last()) else {
        return false;
    };
    if strsim::jaro_winkler(la, lb) < SURNAME_SIMILARITY {
        return false;
    }
    if la.len().min(lb.len()) < 4 && la != lb {
        return false;
    }
    match (ta.first(), tb.first()) {
        (Some(fa), Some(fb)) if ta.len() > 1 && tb.len() > 1 => {
            fa == fb
                || (fa.len() == 1 && fb.starts_with(fa.as_str()))
                || (fb.len() == 1 && fa.starts_with(fb.as_str()))
                || strsim::jaro_winkler(fa, fb) >= SURNAME_SIMILARITY
        }
        _ => true,
    }
}

/// Canonical names for a set of names: vocabulary first, then the most frequent full spelling
/// of each cluster of variants.
pub fn canonical_names<'a>(
    names: impl Iterator<Item = &'a str>,
    vocab: &Vocab,
) -> HashMap<String, String> {
    let mut counts: HashMap<&str, usize> = HashMap::default();
    for n in names {
        *counts.entry(n).or_default() += 1;
    }
    canonical_names_counted(&owned_counts(counts), vocab)
}

/// Counts by borrowed name as the sorted, owned counts [`canonical_names_counted`] reads: one
/// copy of each distinct name, not of each occurrence.
fn owned_counts(counts: HashMap<&str, usize>) -> BTreeMap<String, usize> {
    counts
        .into_iter()
        .map(|(n, k)| (n.to_string(), k))
        .collect()
}

/// The names of a run's claims ([`name_of`]) counted in parallel.
fn count_names(claims: &[Claim]) -> HashMap<&str, usize> {
    claims
        .par_iter()
        .fold(HashMap::default, |mut counts: HashMap<&str, usize>, c| {
            if let Some(n) = name_of(c.kind, &c.subject, &c.normalized) {
                *counts.entry(n).or_default() += 1;
            }
            counts
        })
        .reduce(HashMap::default, |mut a, b| {
            for (n, k) in b {
                *a.entry(n).or_default() += k;
            }
            a
        })
}

/// [`canonical_names`] of names already counted (name → number of times it occurs, every
/// count above zero): the result depends only on these counts.
pub fn canonical_names_counted(
    counts: &BTreeMap<String, usize>,
    vocab: &Vocab,
) -> HashMap<String, String> {
    // Known canonical names take part as cluster heads.
    let mut order: Vec<(&String, &usize)> = counts.iter().collect();
    // Full names first (more words), then more frequent, then alphabetical: deterministic.
    order.sort_by(|a, b| {
        tokens(b.0)
            .len()
            .min(3)
            .cmp(&tokens(a.0).len().min(3))
            .then(b.1.cmp(a.1))
            .then(a.0.cmp(b.0))
    });
    let mut heads: Vec<String> = Vec::new();
    let mut out = HashMap::default();
    for (name, _) in order {
        if let Some(c) = vocab.person(name) {
            out.insert(name.clone(), c.to_string());
            continue;
        }
        if let Some(head) = heads.iter().find(|h| same_person(h, name)) {
            out.insert(name.clone(), head.clone());
            continue;
        }
        // A known person in the vocabulary under another spelling.
        if let Some(p) = vocab
            .people
            .person
            .iter()
            .find(|p| same_person(&p.name, name))
        {
            out.insert(name.clone(), p.name.clone());
            continue;
        }
        heads.push(name.clone());
        out.insert(name.clone(), name.clone());
    }
    out
}

fn person_subject(c: &Claim) -> bool {
    c.kind == ValueKind::Title
}

/// The name a claim takes part in name resolution with, if any: the subject of a title, the
/// value of a person claim.
pub fn name_of<'a, S: ?Sized>(kind: ValueKind, subject: &'a S, normalized: &'a S) -> Option<&'a S> {
    match kind {
        ValueKind::Title => Some(subject),
        ValueKind::Person => Some(normalized),
        _ => None,
    }
}

/// The subject a claim is grouped under once names are resolved (`canon` from
/// [`canonical_names`]): a title's subject is a person's name.
pub fn resolved_subject<'a>(
    kind: ValueKind,
    subject: &'a str,
    canon: &'a HashMap<String, String>,
) -> &'a str {
    if kind == ValueKind::Title {
        canon.get(subject).map_or(subject, String::as_str)
    } else {
        subject
    }
}

/// Resolve names and events across all claims of a run.
pub fn resolve(claims: &mut [Claim], round_dates: &[(u32, EventDate)], vocab: &Vocab) {
    let canon = canonical_names_counted(&owned_counts(count_names(claims)), vocab);
    apply_names(claims, &canon);
    apply_events(claims, &round_date_map(round_dates));
}

/// Give the claims their canonical names (`canon` from [`canonical_names`] over the names of
/// every claim of the run). Each claim on its own (in parallel): any subset of a run's claims
/// can be given its names.
pub fn apply_names(claims: &mut [Claim], canon: &HashMap<String, String>) {
    claims.par_iter_mut().for_each(|c| {
        if person_subject(c) {
            if let Some(n) = canon.get(&*c.subject) {
                c.subject = n.as_str().into();
            }
        } else if c.kind == ValueKind::Person
            && let Some(n) = canon.get(&*c.normalized)
        {
            c.normalized = n.as_str().into();
        }
    });
}

/// The date of each round, from the (round, date) pairs of all articles in run order: the
/// first full date stated, else the last month and day.
pub fn round_date_map<'a>(
    round_dates: impl IntoIterator<Item = &'a (u32, EventDate)>,
) -> BTreeMap<u32, EventDate> {
    let mut round_date: BTreeMap<u32, EventDate> = BTreeMap::new();
    for (r, d) in round_dates {
        match round_date.get(r) {
            // Prefer a full date over a month and day.
            Some(EventDate::Full(_)) => {}
            _ => {
                round_date.insert(*r, *d);
            }
        }
    }
    round_date
}

/// Link "round N" with the date some article gives it (`round_date` from [`round_date_map`]
/// over the whole run). Each claim on its own (in parallel).
pub fn apply_events(claims: &mut [Claim], round_date: &BTreeMap<u32, EventDate>) {
    if round_date.is_empty() {
        return;
    }
    let rounds = RoundLabels::new(round_date);
    claims.par_iter_mut().for_each(|c| {
        if let Some((event, date)) = rounds.linked_event(c.event.as_deref(), c.date) {
            c.event = Some(event.into());
            c.date = date;
        }
    });
}

/// The event and date a claim with this event and date takes once rounds are linked to their
/// dates, if they change.
pub fn linked_event(
    event: Option<&str>,
    date: Option<Date>,
    round_date: &BTreeMap<u32, EventDate>,
) -> Option<(String, Option<Date>)> {
    RoundLabels::new(round_date).linked_event(event, date)
}

/// The rounds of a run with their dates, labelled once for all claims.
struct RoundLabels<'a> {
    /// In round order: the round, its date, the label a linked claim takes ("round 2
    /// (2025-05-16)") and the date's own label ("2025-05-16").
    rounds: Vec<(u32, &'a EventDate, String, String)>,
}

impl<'a> RoundLabels<'a> {
    fn new(round_date: &'a BTreeMap<u32, EventDate>) -> Self {
        let rounds = round_date
            .iter()
            .map(|(&r, d)| {
                let label = d.label();
                (r, d, format!("round {r} ({label})"), label)
            })
            .collect();
        RoundLabels { rounds }
    }

    /// See [`linked_event`].
    fn linked_event(
        &self,
        event: Option<&str>,
        date: Option<Date>,
    ) -> Option<(String, Option<Date>)> {
        let event = event?;
        if let Some(r) = event
            .strip_prefix("round ")
            .and_then(|n| n.parse::<u32>().ok())
        {
            let (_, d, linked, _) = self.rounds.iter().find(|(round, ..)| *round == r)?;
            return Some((linked.clone(), date.or_else(|| d.full())));
        }
        // A date label that some article ties to a round.
        self.rounds
            .iter()
            .find(|(_, d, _, label)| match date {
                Some(full) => EventDate::Full(full).same_day(d),
                None => event == label,
            })
            .map(|(_, _, linked, _)| (linked.clone(), date))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_link_to_their_dates_and_labels() {
        let full = |y, m, d| Date::new(y, m, d).unwrap_or_else(|e| panic!("{e}"));
        let rounds: BTreeMap<u32, EventDate> = [
            (1, EventDate::Full(full(2025, 5, 16))),
            (2, EventDate::MonthDay(6, 2)),
            (3, EventDate::Full(full(2025, 7, 23))),
        ]
        .into();
        let linked = |e: Option<&str>, d: Option<Date>| linked_event(e, d, &rounds);
        assert_eq!(
            linked(Some("round 2"), None),
            Some(("round 2 (June 2)".to_string(), None))
        );
        assert_eq!(
            linked(Some("round 1"), None),
            Some(("round 1 (2025-05-16)".to_string(), Some(full(2025, 5, 16))))
        );
        // A claim's own date stays.
        assert_eq!(
            linked(Some("round 3"), Some(full(2025, 7, 24))),
            Some(("round 3 (2025-07-23)".to_string(), Some(full(2025, 7, 24))))
        );
        assert_eq!(linked(Some("round 9"), None), None);
        // A date label some article ties to a round, by label or by the claim's date.
        assert_eq!(
            linked(Some("June 2"), None),
            Some(("round 2 (June 2)".to_string(), None))
        );
        assert_eq!(
            linked(Some("2025-07-23"), None),
            Some(("round 3 (2025-07-23)".to_string(), None))
        );
        assert_eq!(
            linked(Some("anything"), Some(full(2024, 6, 2))),
            Some(("round 2 (June 2)".to_string(), Some(full(2024, 6, 2))))
        );
        assert_eq!(linked(Some("after June 2"), None), None);
        assert_eq!(linked(None, Some(full(2025, 5, 16))), None);
        // Applied to claims, each takes the same.
        let mut claims = vec![
            crate::model::test_claim("a", ValueKind::Date, "x", "x"),
            crate::model::test_claim("b", ValueKind::Date, "y", "y"),
        ];
        claims[0].event = Some("round 1".into());
        claims[1].event = Some("June 2".into());
        apply_events(&mut claims, &rounds);
        assert_eq!(claims[0].event.as_deref(), Some("round 1 (2025-05-16)"));
        assert_eq!(claims[0].date, Some(full(2025, 5, 16)));
        assert_eq!(claims[1].event.as_deref(), Some("round 2 (June 2)"));
        assert_eq!(claims[1].date, None);
    }

    #[test]
    fn spelling_variants_of_one_name_are_one_person() {
        assert!(same_person("Taras Hrytsenkiy", "Taras Hrytsenkyy"));
        assert!(same_person("Taras Hrytsenkyy", "Taras Hrytsenky"));
        assert!(same_person("Hrytsenky", "Taras Hrytsenkiy"));
        assert!(same_person("Dmitry Sokolov", "Dmitri Sokolov"));
        assert!(same_person("T. Hrytsenky", "Taras Hrytsenky"));
    }

    #[test]
    fn different_people_stay_apart() {
        assert!(!same_person("Petra Novak", "Petra Novotna"));
        assert!(!same_person("Ivan Kovalenko", "Ivan Kovalchuk"));
        assert!(!same_person("Oleg Brin", "Oleg Bristol"));
        assert!(!same_person("Lena Hoff", "Marta Ilves"));
        // Same surname, different given names: relatives or namesakes, not one person.
        assert!(!same_person("Hunter Biden", "Joe Biden"));
    }

    #[test]
    fn the_threshold_sits_between_variants_and_other_names() {
        let variants = strsim::jaro_winkler("hrytsenkiy", "hrytsenky");
        let other = strsim::jaro_winkler("kovalenko", "kovalchuk");
        assert!(variants >= SURNAME_SIMILARITY, "{variants}");
        assert!(other < SURNAME_SIMILARITY, "{other}");
    }

    #[test]
    fn names_are_counted_as_the_serial_count_counts_them() {
        use crate::model::test_claim;
        let mut claims = Vec::new();
        for i in 0..5_000 {
            let mut t = test_claim("a", ValueKind::Title, "minister", "minister");
            t.subject = ["Ana Kovac", "Kovac", "Ivo Horvat"][i % 3].into();
            claims.push(t);
            let p = ["Ana Kovač", "Ivo Horvat"][i % 2];
            claims.push(test_claim("b", ValueKind::Person, p, p));
            // Neither a title's subject nor a person: not a name.
            claims.push(test_claim("c", ValueKind::Count, "Ana Kovac", "Ana Kovac"));
        }
        let counted = owned_counts(count_names(&claims));
        let mut serial: BTreeMap<String, usize> = BTreeMap::new();
        for c in &claims {
            if let Some(n) = name_of(c.kind, &c.subject, &c.normalized) {
                *serial.entry(n.to_string()).or_default() += 1;
            }
        }
        assert_eq!(counted, serial);
        assert_eq!(counted["Ana Kovac"], 1_667);
        assert_eq!(counted["Ivo Horvat"], 1_666 + 2_500);
        assert_eq!(counted.len(), 4);
    }

    #[test]
    fn clusters_take_the_most_common_full_spelling() {
        let vocab = Vocab::default();
        let names = ["Ana Kovac", "Ana Kovač", "Ana Kovac", "Kovac", "Ivo Horvat"];
        let canon = canonical_names(names.iter().copied(), &vocab);
        assert_eq!(canon["Ana Kovač"], "Ana Kovac");
        assert_eq!(canon["Kovac"], "Ana Kovac");
        assert_eq!(canon["Ivo Horvat"], "Ivo Horvat");
    }
}
