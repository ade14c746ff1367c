//! Compare: group claims by (topic, subject) — one fact as the sources tell it — and give each
//! group a verdict with a one-line reason that names the articles.
//!
//! Cost grows with the number of claims: claims are grouped by key, then each group is bucketed
//! by event and compared in one pass (the widest lower bound against the narrowest upper
//! bound), never all pairs of articles.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::extract::assign::CALENDAR_TOPIC;
use crate::model::{Claim, Date, Finding, Tenure, ValueKind, Verdict};

/// Two articles this many days apart or more may report a post that changed in between.
pub const TITLE_CHANGE_DAYS: i64 = 30;

/// The short name of an article in reasons: "000" for "000_e9dbfd29550725fb", else the id.
pub fn short(id: &str) -> &str {
    match id.split_once('_') {
        Some((prefix, _)) if !prefix.is_empty() && prefix.chars().all(|c| c.is_ascii_digit()) => prefix,
        _ => id,
    }
}

fn names(ids: &BTreeSet<&str>) -> String {
    ids.iter().map(|i| short(i)).collect::<Vec<_>>().join(", ")
}

/// How a claim's value reads in a reason: "about one-fifth", "Wednesday".
fn shown(c: &Claim) -> String {
    c.value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Group claims into findings.
pub fn findings(claims: &[Claim], dates: &HashMap<String, Date>) -> Vec<Finding> {
    let mut groups: BTreeMap<(&str, &str), Vec<&Claim>> = BTreeMap::new();
    for c in claims {
        groups.entry((c.topic.as_str(), c.subject.as_str())).or_default().push(c);
    }
    let mut out = Vec::new();
    for ((topic, subject), mut group) in groups {
        group.sort_by(|a, b| a.article.cmp(&b.article).then(a.start.cmp(&b.start)));
        let articles: BTreeSet<&str> = group.iter().map(|c| c.article.as_str()).collect();
        let values: BTreeSet<&str> = group.iter().map(|c| c.normalized.as_str()).collect();
        if topic != CALENDAR_TOPIC && articles.len() < 2 && values.len() < 2 {
            continue;
        }
        let (verdict, reason) = if topic == CALENDAR_TOPIC {
            calendar_verdict(&group)
        } else {
            match group[0].kind {
                ValueKind::Title => title_verdict(&group, dates),
                k if k.is_numeric() => by_event(&group, numeric_bucket),
                _ => by_event(&group, text_bucket),
            }
        };
        let mut events: Vec<String> = Vec::new();
        for c in &group {
            if let Some(e) = &c.event
                && !events.contains(e)
            {
                events.push(e.clone());
            }
        }
        out.push(Finding {
            topic: topic.to_string(),
            subject: subject.to_string(),
            events,
            verdict,
            reason,
            claims: group.into_iter().cloned().collect(),
        });
    }
    out.sort_by(|a, b| a.verdict.cmp(&b.verdict).then(a.topic.cmp(&b.topic)).then(a.subject.cmp(&b.subject)));
    out
}

fn calendar_verdict(group: &[&Claim]) -> (Verdict, String) {
    let c = group[0];
    let ids: BTreeSet<&str> = group.iter().map(|c| c.article.as_str()).collect();
    (
        Verdict::Contradiction,
        format!(
            "{} writes \"{}\", but the calendar says {}",
            names(&ids),
            shown(c),
            c.normalized.split_once("≠ ").map_or(c.normalized.as_str(), |(_, r)| r)
        ),
    )
}

/// The verdict of the claims about one event.
type BucketVerdict = fn(&[&Claim]) -> (Verdict, String);

/// Compare within each event; claims about different events are never a contradiction of
/// each other — differing values across events make the finding `changed`.
fn by_event(group: &[&Claim], bucket_verdict: BucketVerdict) -> (Verdict, String) {
    let mut buckets: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
    let mut unknown: Vec<&Claim> = Vec::new();
    for c in group {
        match &c.event {
            Some(e) => buckets.entry(e.as_str()).or_default().push(c),
            None => unknown.push(c),
        }
    }
    if buckets.is_empty() {
        return bucket_verdict(group);
    }
    // A claim that names no event is compared with the claims of every event.
    let mut worst: Option<(Verdict, String)> = None;
    let mut per_event_values: Vec<(&str, BTreeSet<&str>, BTreeSet<&str>)> = Vec::new();
    for (event, claims) in &buckets {
        let mut all = claims.clone();
        all.extend(unknown.iter().copied());
        let (v, r) = bucket_verdict(&all);
        if v == Verdict::Contradiction {
            let r = if buckets.len() > 1 { format!("{event}: {r}") } else { r };
            if worst.as_ref().is_none_or(|(w, _)| *w != Verdict::Contradiction) {
                worst = Some((v, r));
            }
        } else if worst.as_ref().is_none_or(|(w, _)| v < *w) {
            worst = Some((v, r));
        }
        per_event_values.push((
            event,
            claims.iter().map(|c| c.normalized.as_str()).collect(),
            claims.iter().map(|c| c.article.as_str()).collect(),
        ));
    }
    let Some((verdict, reason)) = worst else {
        return bucket_verdict(group);
    };
    if verdict == Verdict::Contradiction {
        return (verdict, reason);
    }
    let distinct: BTreeSet<&str> = per_event_values.iter().flat_map(|(_, v, _)| v.iter().copied()).collect();
    if buckets.len() > 1 && distinct.len() > 1 {
        let parts: Vec<String> = per_event_values
            .iter()
            .map(|(event, _, ids)| {
                let vals: BTreeSet<String> = buckets[event].iter().map(|c| shown(c)).collect();
                format!("{} says {} for {event}", names(ids), vals.into_iter().collect::<Vec<_>>().join(" / "))
            })
            .collect();
        return (
            Verdict::Changed,
            format!("different events, not a contradiction: {}", parts.join("; ")),
        );
    }
    (verdict, reason)
}

/// Numbers as intervals: disjoint intervals contradict; overlapping ones are compatible; the
/// same number with the same hedge agrees.
fn numeric_bucket(claims: &[&Claim]) -> (Verdict, String) {
    let with_interval: Vec<&&Claim> = claims.iter().filter(|c| c.interval.is_some()).collect();
    let ids: BTreeSet<&str> = claims.iter().map(|c| c.article.as_str()).collect();
    if with_interval.len() >= 2 {
        let lo = with_interval
            .iter()
            .max_by(|a, b| a.interval.map(|i| i.lo).unwrap_or(f64::NEG_INFINITY).total_cmp(&b.interval.map(|i| i.lo).unwrap_or(f64::NEG_INFINITY)));
        let hi = with_interval
            .iter()
            .min_by(|a, b| a.interval.map(|i| i.hi).unwrap_or(f64::INFINITY).total_cmp(&b.interval.map(|i| i.hi).unwrap_or(f64::INFINITY)));
        if let (Some(a), Some(b)) = (lo, hi)
            && let (Some(ia), Some(ib)) = (a.interval, b.interval)
            && ia.lo > ib.hi
        {
            return (
                Verdict::Contradiction,
                format!(
                    "{} says {} but {} says {}: the numbers cannot both be true",
                    short(&b.article),
                    shown(b),
                    short(&a.article),
                    shown(a)
                ),
            );
        }
    }
    let forms: BTreeSet<(String, Option<&str>)> = claims
        .iter()
        .map(|c| (c.normalized.clone(), c.hedge.as_deref()))
        .collect();
    if forms.len() <= 1 {
        let c = claims[0];
        return (Verdict::Agreement, format!("{} agree: {}", names(&ids), shown(c)));
    }
    let written: Vec<String> = {
        let mut seen = BTreeSet::new();
        claims
            .iter()
            .filter(|c| seen.insert(shown(c)))
            .map(|c| format!("\"{}\" ({})", shown(c), short(&c.article)))
            .collect()
    };
    (
        Verdict::Compatible,
        format!("{} overlap once hedges are read: the same fact in other words", written.join(" and ")),
    )
}

/// Two normalized text values that can both be true: one is the other with more detail
/// ("05-16" and "2025-05-16"; "dolmabahce palace" and "the dolmabahce palace").
fn text_compatible(a: &str, b: &str) -> bool {
    let a = a.trim_start_matches("the ");
    let b = b.trim_start_matches("the ");
    a == b || a.ends_with(&format!("-{b}")) || b.ends_with(&format!("-{a}")) || a.ends_with(&format!(" {b}")) || b.ends_with(&format!(" {a}"))
}

fn text_bucket(claims: &[&Claim]) -> (Verdict, String) {
    let mut by_value: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut written: HashMap<&str, String> = HashMap::new();
    for c in claims {
        by_value.entry(c.normalized.as_str()).or_default().insert(c.article.as_str());
        written.entry(c.normalized.as_str()).or_insert_with(|| shown(c));
    }
    let ids: BTreeSet<&str> = claims.iter().map(|c| c.article.as_str()).collect();
    if by_value.len() == 1 {
        return (Verdict::Agreement, format!("{} agree: {}", names(&ids), shown(claims[0])));
    }
    let values: Vec<&str> = by_value.keys().copied().collect();
    let all_compatible = values.iter().all(|a| values.iter().all(|b| text_compatible(a, b)));
    let parts: Vec<String> = by_value
        .iter()
        .map(|(v, ids)| format!("{} says {}", names(ids), written[v]))
        .collect();
    if all_compatible {
        return (Verdict::Compatible, format!("{}: the same in more or less detail", parts.join("; ")));
    }
    (Verdict::Contradiction, format!("{}: same subject, same event, different values", parts.join("; ")))
}

/// Two titles that can be held at once, or one is the other in more detail.
fn titles_compatible(a: &str, b: &str) -> bool {
    let wa: BTreeSet<&str> = a.split_whitespace().collect();
    let wb: BTreeSet<&str> = b.split_whitespace().collect();
    wa.is_subset(&wb) || wb.is_subset(&wa)
}

#[derive(Default)]
struct Posts<'a> {
    current: BTreeMap<&'a str, &'a Claim>,
    former: BTreeMap<&'a str, &'a Claim>,
    now: BTreeMap<&'a str, &'a Claim>,
    also: BTreeSet<&'a str>,
}

/// Titles over time: "former X, now Y" against "X" is `changed`; two same-week articles
/// that disagree on a current post `contradict`; titles that can be held at once are
/// `compatible`.
fn title_verdict(group: &[&Claim], dates: &HashMap<String, Date>) -> (Verdict, String) {
    let ids: BTreeSet<&str> = group.iter().map(|c| c.article.as_str()).collect();
    let forms: BTreeSet<(&str, Option<Tenure>)> = group.iter().map(|c| (c.normalized.as_str(), c.tenure)).collect();
    if forms.len() == 1 {
        return (Verdict::Agreement, format!("{} agree: {}", names(&ids), group[0].normalized));
    }
    let mut posts: BTreeMap<&str, Posts> = BTreeMap::new();
    for c in group {
        let p = posts.entry(c.article.as_str()).or_default();
        match c.tenure.unwrap_or(Tenure::Current) {
            Tenure::Current => {
                p.current.insert(&c.normalized, c);
            }
            Tenure::Former => {
                p.former.insert(&c.normalized, c);
            }
            Tenure::Now => {
                p.now.insert(&c.normalized, c);
            }
            Tenure::Also => {
                p.also.insert(&c.normalized);
                p.current.insert(&c.normalized, c);
            }
        }
    }
    let date = |a: &str| dates.get(a).copied();
    let mut changed: Vec<String> = Vec::new();
    let mut contradictions: Vec<String> = Vec::new();
    let mut compatible: Vec<String> = Vec::new();
    let mut explained: BTreeSet<(&str, &str)> = BTreeSet::new(); // (article, title) explained by a change

    // 1. "former X" in one article against "X" in another.
    for (a, pa) in &posts {
        for title in pa.former.keys() {
            let holders: BTreeSet<&str> = posts
                .iter()
                .filter(|(b, pb)| b != &a && pb.current.contains_key(title))
                .map(|(b, _)| *b)
                .collect();
            if holders.is_empty() {
                continue;
            }
            let new_posts: Vec<&str> = pa.now.keys().chain(pa.current.keys()).copied().filter(|t| t != title).collect();
            let later = holders.iter().all(|b| matches!((date(a), date(b)), (Some(da), Some(db)) if da > db));
            if !new_posts.is_empty() || later {
                let now = if new_posts.is_empty() {
                    String::new()
                } else {
                    format!(", now {}", new_posts.join(" and "))
                };
                changed.push(format!(
                    "{} calls them the former {title}{now}; {} call{} them {title}",
                    short(a),
                    names(&holders),
                    if holders.len() == 1 { "s" } else { "" }
                ));
                for b in &holders {
                    explained.insert((b, title));
                }
                for t in &new_posts {
                    explained.insert((a, t));
                }
            } else {
                contradictions.push(format!(
                    "{} calls them the former {title} while {} call{} them {title}; nothing in {} says what they are now, and no dates order the articles",
                    short(a),
                    names(&holders),
                    if holders.len() == 1 { "s" } else { "" },
                    short(a)
                ));
            }
        }
    }
    // 2. Different current posts in different articles.
    let current: Vec<(&str, &str)> = posts
        .iter()
        .flat_map(|(a, p)| p.current.keys().chain(p.now.keys()).map(move |t| (*a, *t)))
        .collect();
    let mut reported: BTreeSet<(&str, &str)> = BTreeSet::new();
    for (i, (a, ta)) in current.iter().enumerate() {
        for (b, tb) in &current[i + 1..] {
            if a == b || ta == tb || explained.contains(&(a, ta)) || explained.contains(&(b, tb)) {
                continue;
            }
            let key = if ta < tb { (*ta, *tb) } else { (*tb, *ta) };
            if !reported.insert(key) {
                continue;
            }
            if titles_compatible(ta, tb) || posts[a].also.contains(tb) || posts[b].also.contains(ta) {
                compatible.push(format!("{} says {ta}, {} says {tb}: both can be true at once", short(a), short(b)));
            } else if let (Some(da), Some(db)) = (date(a), date(b))
                && (da - db).get_days().abs() >= TITLE_CHANGE_DAYS as i32
            {
                changed.push(format!(
                    "{} ({da}) says {ta}, {} ({db}) says {tb}: the post may have changed in between",
                    short(a),
                    short(b)
                ));
            } else {
                contradictions.push(format!("{} says {ta} but {} says {tb}, for the same time", short(a), short(b)));
            }
        }
    }
    if !contradictions.is_empty() {
        (Verdict::Contradiction, contradictions.join("; "))
    } else if !changed.is_empty() {
        (Verdict::Changed, changed.join("; "))
    } else if !compatible.is_empty() {
        (Verdict::Compatible, compatible.join("; "))
    } else {
        (Verdict::Agreement, format!("{} agree", names(&ids)))
    }
}
