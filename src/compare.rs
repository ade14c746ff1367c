//! Compare: group claims by (topic, subject) — one fact as the sources tell it — and give each
//! group a verdict with a one-line reason that names the articles.
//!
//! Cost grows with the number of claims: claims are grouped by key, then each group is bucketed
//! by event and compared in one pass (the widest lower bound against the narrowest upper
//! bound), never all pairs of articles.

use std::cell::Cell;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use crate::extract::assign::CALENDAR_TOPIC;
use crate::model::{Claim, Date, Finding, Interval, Tenure, ValueKind, Verdict, short_id};

/// Two articles this many days apart or more may report a post that changed in between.
pub const TITLE_CHANGE_DAYS: i64 = 30;

/// Reasons name at most this many articles, then say how many more: a fact a whole feed
/// repeats would otherwise make a reason as long as the feed (and one per claim, quadratic).
pub const NAMES_SHOWN: usize = 12;

/// The short names of `total` articles (given in order), at most [`NAMES_SHOWN`] of them.
fn names_of<'a>(ids: impl Iterator<Item = &'a str>, total: usize) -> String {
    let shown: Vec<&str> = ids.take(NAMES_SHOWN).map(short_id).collect();
    if total > NAMES_SHOWN {
        format!("{} and {} more", shown.join(", "), total - NAMES_SHOWN)
    } else {
        shown.join(", ")
    }
}

/// How a claim's value reads in a reason: "about one-fifth", "Wednesday".
fn shown<C: ClaimView>(c: &C) -> String {
    c.value().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A finding before its claims move in: (topic, subject, events, verdict, reason).
type Head = (String, String, Vec<String>, Verdict, String);

/// Group claims into findings.
pub fn findings(claims: &[Claim], dates: &HashMap<String, Date>) -> Vec<Finding> {
    findings_owned(claims.to_vec(), dates)
}

/// [`findings`] taking the claims: each claim moves into its finding instead of being copied.
///
/// The claims are put in finding order in place (one permutation, by swaps), then the findings
/// are cut off the end of the vector one group at a time while its spare capacity is given
/// back: at the peak a run holds its claims once plus one group, not twice.
pub fn findings_owned(mut claims: Vec<Claim>, dates: &HashMap<String, Date>) -> Vec<Finding> {
    // (topic, subject, events, verdict, reason) of each group in key order, `None` for a group
    // without a finding, and where each group ends in the permuted claims.
    let mut heads: Vec<Option<Head>> = Vec::new();
    let mut ends: Vec<usize> = Vec::new();
    let mut order: Vec<usize> = Vec::with_capacity(claims.len());
    {
        // Each group's verdict on its own, in parallel; collected in key order.
        let mut groups: Vec<((&str, &str), Vec<usize>)> =
            group_places(&claims).into_iter().collect();
        groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let judged: Vec<(Vec<usize>, Option<Head>)> = groups
            .into_par_iter()
            .map(|((topic, subject), mut idx)| {
                idx.sort_by(|&a, &b| {
                    let (a, b) = (&claims[a], &claims[b]);
                    // The claims of one article share its id's very string.
                    let article = if Arc::ptr_eq(&a.article, &b.article) {
                        Ordering::Equal
                    } else {
                        a.article.cmp(&b.article)
                    };
                    article.then(a.start.cmp(&b.start))
                });
                let group: Vec<&Claim> = idx.iter().map(|&i| &claims[i]).collect();
                let head = group_verdict(topic, &group, dates).map(|(verdict, reason)| {
                    let mut events: Vec<String> = Vec::new();
                    let mut seen: BTreeSet<&str> = BTreeSet::new();
                    for c in &group {
                        if let Some(e) = &c.event
                            && seen.insert(&**e)
                        {
                            events.push(e.to_string());
                        }
                    }
                    (
                        topic.to_string(),
                        subject.to_string(),
                        events,
                        verdict,
                        reason,
                    )
                });
                (idx, head)
            })
            .collect();
        for (idx, head) in judged {
            heads.push(head);
            order.extend(idx);
            ends.push(order.len());
        }
    }
    permute(&mut claims, order);
    let spare_limit = (1 << 20) / std::mem::size_of::<Claim>().max(1);
    let mut out: Vec<Finding> = Vec::with_capacity(heads.iter().flatten().count());
    for (k, head) in heads.into_iter().enumerate().rev() {
        let start = if k == 0 { 0 } else { ends[k - 1] };
        let group = claims.split_off(start.min(claims.len()));
        if let Some((topic, subject, events, verdict, reason)) = head {
            out.push(Finding {
                topic,
                subject,
                events,
                verdict,
                reason,
                claims: group,
            });
        }
        if claims.capacity() - claims.len() > spare_limit {
            claims.shrink_to_fit();
        }
    }
    out.reverse();
    out.sort_by(|a, b| {
        a.verdict
            .cmp(&b.verdict)
            .then(a.topic.cmp(&b.topic))
            .then(a.subject.cmp(&b.subject))
    });
    out
}

/// The places of the claims of each group (topic, subject), each group's in ascending order:
/// counted in parallel over runs of claims, and the runs' places joined in run order.
fn group_places(claims: &[Claim]) -> HashMap<(&str, &str), Vec<usize>> {
    claims
        .par_iter()
        .enumerate()
        .fold(
            HashMap::default,
            |mut groups: HashMap<(&str, &str), Vec<usize>>, (i, c)| {
                groups.entry((&*c.topic, &*c.subject)).or_default().push(i);
                groups
            },
        )
        .reduce(HashMap::default, |mut left, right| {
            for (key, places) in right {
                left.entry(key).or_default().extend(places);
            }
            left
        })
}

/// What a group's verdict reads of a claim: a [`Claim`], or a view that borrows its strings
/// (`check` builds no claim it does not report).
pub trait ClaimView {
    fn article(&self) -> &str;
    fn kind(&self) -> ValueKind;
    /// The value as written.
    fn value(&self) -> &str;
    fn normalized(&self) -> &str;
    fn interval(&self) -> Option<Interval>;
    fn hedge(&self) -> Option<&str>;
    fn tenure(&self) -> Option<Tenure>;
    fn event(&self) -> Option<&str>;
}

impl ClaimView for Claim {
    fn article(&self) -> &str {
        &self.article
    }
    fn kind(&self) -> ValueKind {
        self.kind
    }
    fn value(&self) -> &str {
        &self.value
    }
    fn normalized(&self) -> &str {
        &self.normalized
    }
    fn interval(&self) -> Option<Interval> {
        self.interval
    }
    fn hedge(&self) -> Option<&str> {
        self.hedge.as_deref()
    }
    fn tenure(&self) -> Option<Tenure> {
        self.tenure
    }
    fn event(&self) -> Option<&str> {
        self.event.as_deref()
    }
}

/// Put `items` in the order `order` gives (`order[i]` is the index of the item that goes to
/// position `i`; a permutation of `0..items.len()`), in place, by following its cycles.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len().min(items.len()) {
        let mut at = start;
        loop {
            let from = order[at];
            if from == DONE {
                break;
            }
            order[at] = DONE;
            if from == start || from >= items.len() {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// A group's claims read once: each claim's article and normalized value as a rank among the
/// group's distinct ones (ranks are ordered as the strings are), so that the verdicts compare
/// and count small numbers per claim, not strings. Claims are named by their place in the
/// group.
struct Read<'g, 'c, C> {
    group: &'g [&'c C],
    dates: &'g HashMap<String, Date>,
    /// The distinct articles, sorted; `art[i]` is the place of claim `i`'s article here.
    arts: Vec<&'c str>,
    art: Vec<u32>,
    /// The distinct normalized values, sorted; `val[i]` is the place of claim `i`'s value.
    vals: Vec<&'c str>,
    val: Vec<u32>,
    /// Each article's date, looked up the first time it is asked for.
    art_dates: Vec<Cell<Option<Option<Date>>>>,
}

impl<'g, 'c, C: ClaimView> Read<'g, 'c, C> {
    #[inline(never)] // one call per group: kept apart in profiles
    fn new(group: &'g [&'c C], dates: &'g HashMap<String, Date>) -> Self {
        let (arts, art) = article_ranks(group);
        let (vals, val) = value_ranks(group);
        let art_dates = (0..arts.len()).map(|_| Cell::new(None)).collect();
        Read {
            group,
            dates,
            arts,
            art,
            vals,
            val,
            art_dates,
        }
    }

    /// Every claim's place in the group.
    fn every(&self) -> Vec<usize> {
        (0..self.group.len()).collect()
    }

    /// The date of the article of rank `a`.
    fn date(&self, a: u32) -> Option<Date> {
        let cell = &self.art_dates[a as usize];
        if let Some(d) = cell.get() {
            return d;
        }
        let d = self.dates.get(self.arts[a as usize]).copied();
        cell.set(Some(d));
        d
    }

    fn short(&self, a: u32) -> &'c str {
        short_id(self.arts[a as usize])
    }

    /// [`names_of`] the distinct articles of ranks `ranks` (in any order, repeats allowed).
    fn named_ranks(&self, ranks: impl Iterator<Item = u32> + Clone) -> String {
        // Ranks mostly come ascending (claims sorted by article): count them as they come,
        // and sort only when one comes out of order.
        let mut count = 0;
        let mut first: Vec<u32> = Vec::new();
        let mut last: Option<u32> = None;
        let mut ascending = true;
        for a in ranks.clone() {
            match last {
                Some(l) if l == a => continue,
                Some(l) if l > a => {
                    ascending = false;
                    break;
                }
                _ => {}
            }
            count += 1;
            if first.len() < NAMES_SHOWN {
                first.push(a);
            }
            last = Some(a);
        }
        if !ascending {
            let mut all: Vec<u32> = ranks.collect();
            all.sort_unstable();
            all.dedup();
            count = all.len();
            all.truncate(NAMES_SHOWN);
            first = all;
        }
        names_of(first.iter().map(|&a| self.arts[a as usize]), count)
    }

    /// [`names_of`] the distinct articles of the claims at `at`.
    fn named_at(&self, at: &[usize]) -> String {
        self.named_ranks(at.iter().map(|&i| self.art[i]))
    }

    /// [`names_of`] all the group's articles.
    fn named_all(&self) -> String {
        names_of(self.arts.iter().copied(), self.arts.len())
    }
}

/// Two strings known equal by their address and length, or else by their bytes.
fn same_str(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b) || eq_short(a, b)
}

/// The first eight bytes of `s` (at least eight) as a number that orders as they do.
fn head8(s: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&s[..8]);
    u64::from_be_bytes(w)
}

/// The last eight bytes of `s` (at least eight) as a number.
fn tail8(s: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&s[s.len() - 8..]);
    u64::from_be_bytes(w)
}

/// `a == b`, for short strings (a group's values: "president", "wednesday") without a call
/// to compare bytes: 8 to 16 bytes are two overlapping words.
fn eq_short(a: &str, b: &str) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x.len() != y.len() {
        return false;
    }
    if (8..=16).contains(&x.len()) {
        return head8(x) == head8(y) && tail8(x) == tail8(y);
    }
    x == y
}

/// `a.cmp(b)`, deciding most ids ("000123_…") by their first eight bytes as one word.
fn cmp_ids(a: &str, b: &str) -> std::cmp::Ordering {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x.len() >= 8 && y.len() >= 8 {
        let order = head8(x).cmp(&head8(y));
        if order.is_ne() {
            return order;
        }
    }
    x.cmp(y)
}

/// The distinct articles of a group, sorted, and each claim's place among them. Claims come
/// sorted by article: one comparison with the previous article each; any other order is
/// sorted.
fn article_ranks<'c, C: ClaimView>(group: &[&'c C]) -> (Vec<&'c str>, Vec<u32>) {
    let mut arts: Vec<&'c str> = Vec::new();
    let mut art: Vec<u32> = Vec::with_capacity(group.len());
    for c in group {
        let a = c.article();
        match arts.last() {
            Some(l) if std::ptr::eq(*l, a) => {}
            Some(l) => match cmp_ids(l, a) {
                std::cmp::Ordering::Equal => {}
                std::cmp::Ordering::Less => arts.push(a),
                std::cmp::Ordering::Greater => return unsorted_article_ranks(group),
            },
            None => arts.push(a),
        }
        art.push(arts.len() as u32 - 1);
    }
    (arts, art)
}

/// [`article_ranks`] of claims in any order.
fn unsorted_article_ranks<'c, C: ClaimView>(group: &[&'c C]) -> (Vec<&'c str>, Vec<u32>) {
    let mut order: Vec<usize> = (0..group.len()).collect();
    order.sort_by(|&x, &y| group[x].article().cmp(group[y].article()));
    let mut arts: Vec<&'c str> = Vec::new();
    let mut art: Vec<u32> = vec![0; group.len()];
    for i in order {
        let a = group[i].article();
        if arts.last().is_none_or(|l| !same_str(l, a)) {
            arts.push(a);
        }
        art[i] = arts.len() as u32 - 1;
    }
    (arts, art)
}

/// The distinct normalized values of a group, sorted, and each claim's place among them. A
/// group gives few values: a short list searched by length and bytes, an index by name once
/// there are more.
fn value_ranks<'c, C: ClaimView>(group: &[&'c C]) -> (Vec<&'c str>, Vec<u32>) {
    const LISTED: usize = 8;
    let mut distinct: Vec<&'c str> = Vec::new();
    let mut index: HashMap<&'c str, u32> = HashMap::default();
    let mut val: Vec<u32> = Vec::with_capacity(group.len());
    let mut last: Option<(&'c str, u32)> = None;
    for c in group {
        let v = c.normalized();
        let id = match last {
            Some((l, id)) if std::ptr::eq(l, v) => id,
            _ if distinct.len() <= LISTED => match distinct.iter().position(|d| eq_short(d, v)) {
                Some(k) => k as u32,
                None => {
                    distinct.push(v);
                    if distinct.len() > LISTED {
                        index = distinct
                            .iter()
                            .enumerate()
                            .map(|(k, d)| (*d, k as u32))
                            .collect();
                    }
                    distinct.len() as u32 - 1
                }
            },
            _ => *index.entry(v).or_insert_with(|| {
                distinct.push(v);
                distinct.len() as u32 - 1
            }),
        };
        val.push(id);
        last = Some((v, id));
    }
    let mut order: Vec<u32> = (0..distinct.len() as u32).collect();
    order.sort_unstable_by(|&x, &y| distinct[x as usize].cmp(distinct[y as usize]));
    let mut rank = vec![0u32; distinct.len()];
    for (r, &k) in order.iter().enumerate() {
        rank[k as usize] = r as u32;
    }
    for v in &mut val {
        *v = rank[*v as usize];
    }
    let vals = order.iter().map(|&k| distinct[k as usize]).collect();
    (vals, val)
}

/// The verdict and reason of the claims of one (topic, subject), sorted by article and then
/// offset; `None` when they are not a finding (no claim, one article and one value, or one
/// article that agrees with itself).
pub fn group_verdict<C: ClaimView>(
    topic: &str,
    group: &[&C],
    dates: &HashMap<String, Date>,
) -> Option<(Verdict, String)> {
    let first = group.first()?;
    // One article and one value: the second is read only when the first holds.
    if topic != CALENDAR_TOPIC
        && group.iter().all(|c| c.article() == first.article())
        && group.iter().all(|c| c.normalized() == first.normalized())
    {
        return None;
    }
    let read = Read::new(group, dates);
    let (verdict, reason) = if topic == CALENDAR_TOPIC {
        calendar_verdict(&read)
    } else {
        match first.kind() {
            ValueKind::Title => title_verdict(&read),
            k if k.is_numeric() => by_event(&read, numeric_bucket),
            _ => by_event(&read, text_bucket),
        }
    };
    // One article that agrees with itself ("President X, who also serves as finance
    // minister"; "on Saturday and Sunday") compares no sources: no finding.
    if read.arts.len() == 1 && matches!(verdict, Verdict::Agreement | Verdict::Compatible) {
        return None;
    }
    Some((verdict, reason))
}

fn calendar_verdict<C: ClaimView>(read: &Read<C>) -> (Verdict, String) {
    let c = read.group[0];
    let normalized = c.normalized();
    (
        Verdict::Contradiction,
        format!(
            "{} writes \"{}\", but the calendar says {}",
            read.named_all(),
            shown(c),
            normalized.split_once("≠ ").map_or(normalized, |(_, r)| r)
        ),
    )
}

/// The distinct ways the claims at `at` write their values ([`shown`]), sorted.
fn shown_values<C: ClaimView>(read: &Read<C>, at: &[usize]) -> BTreeSet<String> {
    let mut raw: FxHashSet<&str> = FxHashSet::default();
    at.iter()
        .map(|&i| read.group[i])
        .filter(|c| raw.insert(c.value()))
        .map(|c| shown(c))
        .collect()
}

/// The verdict of the claims at some places of a group (one event's).
type BucketVerdict<C> = fn(&Read<C>, &[usize]) -> (Verdict, String);

/// The places of a group's claims by event, and of those that name none.
type EventBuckets<'c> = (Vec<(&'c str, Vec<usize>)>, Vec<usize>);

/// The places of the claims of a group that name an event, by event, in the order of the
/// events' names, and the places of those that name none. Claims of a group mostly share their
/// event's very string (one label per event and group), and come in runs of one event: the
/// last event's string is checked first, by address, then an index by address (no string
/// hashed), then an index by name.
fn event_buckets<'c, C: ClaimView>(group: &[&'c C]) -> EventBuckets<'c> {
    let mut buckets: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut unknown: Vec<usize> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::default();
    let mut by_address: HashMap<(usize, usize), usize> = HashMap::default();
    let mut last: Option<usize> = None;
    for (at, &c) in group.iter().enumerate() {
        let Some(e) = c.event() else {
            unknown.push(at);
            continue;
        };
        let i = match last {
            Some(i) if std::ptr::eq(buckets[i].0, e) => i,
            _ => *by_address
                .entry((e.as_ptr() as usize, e.len()))
                .or_insert_with(|| {
                    *index.entry(e).or_insert_with(|| {
                        buckets.push((e, Vec::new()));
                        buckets.len() - 1
                    })
                }),
        };
        buckets[i].1.push(at);
        last = Some(i);
    }
    buckets.sort_unstable_by(|a, b| a.0.cmp(b.0));
    (buckets, unknown)
}

/// Fold one event's verdict into the group's: the first contradiction found is kept (its
/// reason names the event when the group has several), else the lowest verdict.
fn keep_worst(worst: &mut Option<(Verdict, String)>, v: Verdict, r: String, event: Option<&str>) {
    if v == Verdict::Contradiction {
        if worst
            .as_ref()
            .is_none_or(|(w, _)| *w != Verdict::Contradiction)
        {
            let r = match event {
                Some(event) => format!("{event}: {r}"),
                None => r,
            };
            *worst = Some((v, r));
        }
    } else if worst.as_ref().is_none_or(|(w, _)| v < *w) {
        *worst = Some((v, r));
    }
}

/// Compare within each event; claims about different events are never a contradiction of
/// each other — differing values across events make the finding `changed`.
#[inline(never)] // one call per group: kept apart in profiles
fn by_event<C: ClaimView>(read: &Read<C>, bucket_verdict: BucketVerdict<C>) -> (Verdict, String) {
    let (buckets, unknown) = event_buckets(read.group);
    if buckets.is_empty() {
        // No claim names an event: `unknown` is every claim.
        return bucket_verdict(read, &unknown);
    }
    // A claim that names no event is compared with the claims of every event.
    let mut worst: Option<(Verdict, String)> = None;
    let mut all: Vec<usize> = Vec::new();
    for (event, claims) in &buckets {
        all.clear();
        all.extend_from_slice(claims);
        all.extend_from_slice(&unknown);
        let (v, r) = bucket_verdict(read, &all);
        keep_worst(&mut worst, v, r, (buckets.len() > 1).then_some(*event));
    }
    let Some((verdict, reason)) = worst else {
        return bucket_verdict(read, &read.every());
    };
    if verdict == Verdict::Contradiction {
        return (verdict, reason);
    }
    // Whether the claims that name an event give more than one value.
    let distinct = || {
        let mut values = buckets.iter().flat_map(|(_, b)| b).map(|&i| read.val[i]);
        let first = values.next();
        values.any(|v| Some(v) != first)
    };
    if buckets.len() > 1 && distinct() {
        let parts: Vec<String> = buckets
            .iter()
            .map(|(event, claims)| {
                let vals = shown_values(read, claims);
                let vals = vals.into_iter().collect::<Vec<_>>().join(" / ");
                let ids = read.named_at(claims);
                if vals == *event {
                    format!("{ids} says {vals}")
                } else {
                    format!("{ids} says {vals} for {event}")
                }
            })
            .collect();
        return (
            Verdict::Changed,
            format!(
                "different events, not a contradiction: {}",
                parts.join("; ")
            ),
        );
    }
    (verdict, reason)
}

/// A claim's place and its interval.
type Bound = Option<(usize, Interval)>;

/// Of the claims at `at`, the first with the greatest lower bound and the first with the least
/// upper bound.
fn bounds<C: ClaimView>(read: &Read<C>, at: impl Iterator<Item = usize>) -> (Bound, Bound) {
    let mut lo: Bound = None;
    let mut hi: Bound = None;
    for i in at {
        let Some(v) = read.group[i].interval() else {
            continue;
        };
        if lo.is_none_or(|(_, l)| v.lo > l.lo) {
            lo = Some((i, v));
        }
        if hi.is_none_or(|(_, h)| v.hi < h.hi) {
            hi = Some((i, v));
        }
    }
    (lo, hi)
}

/// The places of a greatest lower bound and a least upper bound when the first lies above the
/// second: no single number fits both.
fn disjoint(lo: Bound, hi: Bound) -> Option<(usize, usize)> {
    let ((a, ia), (b, ib)) = (lo?, hi?);
    (ia.lo > ib.hi).then_some((a, b))
}

/// Of the claims at `at`, the one with the greatest lower bound and the one with the least
/// upper bound (their places): if the first lies above the second, no single number fits both.
fn disjoint_pair<C: ClaimView>(
    read: &Read<C>,
    at: impl Iterator<Item = usize>,
) -> Option<(usize, usize)> {
    let (lo, hi) = bounds(read, at);
    disjoint(lo, hi)
}

/// The claim (place and interval) and article rank that lead a scan, and the best claim of
/// the other articles.
#[derive(Clone, Copy, Default)]
struct Leaders {
    first: Option<(usize, Interval, u32)>,
    other: Option<(usize, Interval, u32)>,
}

impl Leaders {
    /// Offer a claim; `better` says whether an interval leads another (strictly: on a tie the
    /// claim offered first stays).
    fn offer(&mut self, c: (usize, Interval, u32), better: impl Fn(&Interval, &Interval) -> bool) {
        match self.first {
            Some(f) if !better(&c.1, &f.1) => {
                if c.2 != f.2 && self.other.is_none_or(|o| better(&c.1, &o.1)) {
                    self.other = Some(c);
                }
            }
            Some(f) => {
                if c.2 != f.2 {
                    self.other = Some(f);
                }
                self.first = Some(c);
            }
            None => self.first = Some(c),
        }
    }
}

/// Two claims of different articles whose figures lie apart, as places: the greatest lower
/// bound against the least upper bound, where the two are of different articles; where one
/// article has both, each against the best of the other articles. Figures one article gives
/// are never set against each other: a total and its part, an earlier and a later count or
/// another place's figure ("1,644 dead, 694 of them in Mandalay") are no disagreement between
/// sources.
fn articles_apart<C: ClaimView>(
    read: &Read<C>,
    at: impl Iterator<Item = usize>,
) -> Option<(usize, usize)> {
    let mut lo = Leaders::default();
    let mut hi = Leaders::default();
    for i in at {
        let Some(v) = read.group[i].interval() else {
            continue;
        };
        let c = (i, v, read.art[i]);
        lo.offer(c, |a, b| a.lo > b.lo);
        hi.offer(c, |a, b| a.hi < b.hi);
    }
    let ((l, lv, la), (h, hv, ha)) = (lo.first?, hi.first?);
    if la != ha {
        return (lv.lo > hv.hi).then_some((l, h));
    }
    let apart = |l: Option<(usize, Interval, u32)>, h: Option<(usize, Interval, u32)>| {
        let ((l, lv, _), (h, hv, _)) = (l?, h?);
        (lv.lo > hv.hi).then_some((l, h))
    };
    apart(lo.first, hi.other).or_else(|| apart(lo.other, hi.first))
}

/// The reason of a bucket whose figures lie apart only within articles: which articles give
/// several figures, and which.
fn several_figures<C: ClaimView>(read: &Read<C>, at: &[usize]) -> String {
    let mut by_article: Vec<(u32, BTreeSet<String>)> = Vec::new();
    let mut slot: HashMap<u32, usize> = HashMap::default();
    for &i in at {
        let a = read.art[i];
        let k = *slot.entry(a).or_insert_with(|| {
            by_article.push((a, BTreeSet::new()));
            by_article.len() - 1
        });
        by_article[k].1.insert(shown(read.group[i]));
    }
    let several: Vec<&(u32, BTreeSet<String>)> =
        by_article.iter().filter(|(_, v)| v.len() > 1).collect();
    several_figures_reason(
        several.iter().map(|(a, v)| (read.short(*a), v)),
        several.len(),
    )
}

/// "004 gives several figures (10 / 1,644): ...", at most [`NAMES_SHOWN`] articles named.
fn several_figures_reason<'a>(
    several: impl Iterator<Item = (&'a str, &'a BTreeSet<String>)>,
    total: usize,
) -> String {
    let mut parts: Vec<String> = several
        .take(NAMES_SHOWN)
        .map(|(id, vals)| {
            let vals: Vec<&str> = vals.iter().map(String::as_str).collect();
            format!("{id} ({})", vals.join(" / "))
        })
        .collect();
    if total > NAMES_SHOWN {
        parts.push(format!("{} more", total - NAMES_SHOWN));
    }
    let verb = if total == 1 { "gives" } else { "give" };
    format!(
        "{} {verb} several figures, not a disagreement between sources: a total and its parts, \
         an earlier and a later count, or another place's; no two articles' figures lie apart",
        parts.join(", ")
    )
}

/// Numbers as intervals: two articles whose figures lie wholly apart contradict; overlapping
/// ones are compatible; the same number with the same hedge agrees. Figures from articles of
/// different dates that only disagree across dates are an update (`changed`), not a
/// contradiction; so are several figures of one article that lie apart (a total and a part,
/// an update, another place).
fn numeric_bucket<C: ClaimView>(read: &Read<C>, at: &[usize]) -> (Verdict, String) {
    let group = read.group;
    if let Some((a, b)) = articles_apart(read, at.iter().copied()) {
        // Compare within each article date; claims of undated articles join every date.
        // (In the order of dates: a list with an index by date, sorted once.)
        let mut by_date: Vec<(Date, Vec<usize>)> = Vec::new();
        let mut date_index: HashMap<Date, usize> = HashMap::default();
        let mut undated: Vec<usize> = Vec::new();
        for &i in at {
            match read.date(read.art[i]) {
                Some(d) => {
                    let k = *date_index.entry(d).or_insert_with(|| {
                        by_date.push((d, Vec::new()));
                        by_date.len() - 1
                    });
                    by_date[k].1.push(i);
                }
                None => undated.push(i),
            }
        }
        by_date.sort_unstable_by_key(|(d, _)| *d);
        let same_time_conflict = if by_date.len() < 2 {
            Some((a, b))
        } else {
            by_date.iter().find_map(|(_, same_day)| {
                articles_apart(read, same_day.iter().chain(&undated).copied())
            })
        };
        if let Some((a, b)) = same_time_conflict {
            return (
                Verdict::Contradiction,
                format!(
                    "{} says {} but {} says {}: the numbers cannot both be true",
                    read.short(read.art[b]),
                    shown(group[b]),
                    read.short(read.art[a]),
                    shown(group[a])
                ),
            );
        }
        let parts: Vec<String> = by_date
            .iter()
            .map(|(d, at)| {
                let mut pairs: FxHashSet<(&str, u32)> = FxHashSet::default();
                let vals: BTreeSet<String> = at
                    .iter()
                    .filter(|&&i| pairs.insert((group[i].value(), read.art[i])))
                    .map(|&i| format!("{} ({})", shown(group[i]), read.short(read.art[i])))
                    .collect();
                format!("{d}: {}", vals.into_iter().collect::<Vec<_>>().join(", "))
            })
            .collect();
        return (
            Verdict::Changed,
            format!(
                "the figure changed between reports of different dates, an update rather than a contradiction: {}",
                parts.join("; ")
            ),
        );
    }
    if disjoint_pair(read, at.iter().copied()).is_some() {
        return (Verdict::Changed, several_figures(read, at));
    }
    let c = group[at[0]];
    let v = read.val[at[0]];
    if at
        .iter()
        .all(|&i| read.val[i] == v && group[i].hedge() == c.hedge())
    {
        return (
            Verdict::Agreement,
            format!("{} agree: {}", read.named_at(at), shown(c)),
        );
    }
    let written: Vec<String> = {
        let mut raw: FxHashSet<&str> = FxHashSet::default();
        let mut seen = BTreeSet::new();
        at.iter()
            .filter(|&&i| raw.insert(group[i].value()))
            .filter_map(|&i| {
                let s = shown(group[i]);
                seen.insert(s.clone())
                    .then(|| format!("\"{s}\" ({})", read.short(read.art[i])))
            })
            .collect()
    };
    (
        Verdict::Compatible,
        format!(
            "{} overlap once hedges are read: the same fact in other words",
            written.join(" and ")
        ),
    )
}

/// Two normalized text values that can both be true: one is the other with more detail
/// ("05-16" and "2025-05-16"; "hofburg palace" and "the hofburg palace").
fn text_compatible(a: &str, b: &str) -> bool {
    let a = a.trim_start_matches("the ");
    let b = b.trim_start_matches("the ");
    a == b
        || a.ends_with(&format!("-{b}"))
        || b.ends_with(&format!("-{a}"))
        || a.ends_with(&format!(" {b}"))
        || b.ends_with(&format!(" {a}"))
}

/// Where each of a few keys (small numbers) is in a list: a table for few possible keys, an
/// index by key for many.
enum Slots {
    Table(Vec<u32>),
    Index(HashMap<u32, u32>),
}

impl Slots {
    const NONE: u32 = u32::MAX;

    fn new(keys: usize) -> Slots {
        if keys <= 1024 {
            Slots::Table(vec![Self::NONE; keys])
        } else {
            Slots::Index(HashMap::default())
        }
    }

    /// The slot of `key`, given `next` (and `true`) if it had none.
    fn get_or_insert(&mut self, key: u32, next: u32) -> (u32, bool) {
        let slot = match self {
            Slots::Table(t) => &mut t[key as usize],
            Slots::Index(m) => m.entry(key).or_insert(Self::NONE),
        };
        if *slot == Self::NONE {
            *slot = next;
            (next, true)
        } else {
            (*slot, false)
        }
    }
}

fn text_bucket<C: ClaimView>(read: &Read<C>, at: &[usize]) -> (Verdict, String) {
    // Each value (its rank), the first claim that gives it (how it is written) and the ranks
    // of its articles (without a repeat in a row).
    let mut by_value: Vec<(u32, usize, Vec<u32>)> = Vec::new();
    let mut slots = Slots::new(read.vals.len());
    let mut last: Option<(u32, u32)> = None;
    for &i in at {
        let (v, a) = (read.val[i], read.art[i]);
        if last == Some((v, a)) {
            continue;
        }
        last = Some((v, a));
        let (slot, new) = slots.get_or_insert(v, by_value.len() as u32);
        if new {
            by_value.push((v, i, Vec::new()));
        }
        let ranks = &mut by_value[slot as usize].2;
        if ranks.last() != Some(&a) {
            ranks.push(a);
        }
    }
    if by_value.len() == 1 {
        // Every claim gives the one value: its articles are all the claims' articles.
        return (
            Verdict::Agreement,
            format!(
                "{} agree: {}",
                read.named_ranks(by_value[0].2.iter().copied()),
                shown(read.group[at[0]])
            ),
        );
    }
    by_value.sort_unstable_by_key(|(v, _, _)| *v);
    let values: Vec<&str> = by_value
        .iter()
        .map(|(v, _, _)| read.vals[*v as usize])
        .collect();
    let all_compatible = values
        .iter()
        .all(|a| values.iter().all(|b| text_compatible(a, b)));
    let parts: Vec<String> = by_value
        .iter()
        .map(|(_, first, ranks)| {
            format!(
                "{} says {}",
                read.named_ranks(ranks.iter().copied()),
                shown(read.group[*first])
            )
        })
        .collect();
    if all_compatible {
        return (
            Verdict::Compatible,
            format!("{}: the same in more or less detail", parts.join("; ")),
        );
    }
    if matches!(
        read.group[at[0]].kind(),
        ValueKind::Weekday | ValueKind::Date
    ) && days_overlap(read, at)
    {
        return (
            Verdict::Compatible,
            format!("{}: {DAYS_SPAN}", parts.join("; ")),
        );
    }
    (
        Verdict::Contradiction,
        format!(
            "{}: same subject, same event, different values",
            parts.join("; ")
        ),
    )
}

/// The reason of days that overlap ([`days_overlap`]).
const DAYS_SPAN: &str = "an event of several days, and every article shares a day with every other";

/// The most distinct sets of days [`days_overlap`] compares pair by pair.
const MAX_DAY_SETS: usize = 64;

/// Whether some article gives one event several days ("talks on Saturday and Sunday": the
/// days the event spans, not a contradiction of each other) and every article's days share
/// one with every other's ("on Sunday" in another article does not contradict them; "on
/// Friday" does). Pairs of distinct sets of days are compared, up to [`MAX_DAY_SETS`] sets.
fn days_overlap<C: ClaimView>(read: &Read<C>, at: &[usize]) -> bool {
    let mut pairs: Vec<(u32, u32)> = at.iter().map(|&i| (read.art[i], read.val[i])).collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut sets: Vec<Vec<u32>> = pairs
        .chunk_by(|a, b| a.0 == b.0)
        .map(|run| run.iter().map(|p| p.1).collect())
        .collect();
    if sets.iter().all(|s| s.len() == 1) {
        return false;
    }
    sets.sort_unstable();
    sets.dedup();
    if sets.len() > MAX_DAY_SETS {
        return false;
    }
    let share = |a: &[u32], b: &[u32]| {
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    };
    sets.iter()
        .enumerate()
        .all(|(k, a)| sets[k + 1..].iter().all(|b| share(a, b)))
}

/// Two titles that can be held at once, or one is the other in more detail.
/// (The comparison splits each title once, [`title_words`]; the reference comparison in the
/// tests calls this.)
#[cfg(test)]
fn titles_compatible(a: &str, b: &str) -> bool {
    title_words_compatible(&title_words(a), &title_words(b))
}

/// The words of a title, as [`titles_compatible`] compares them.
fn title_words(title: &str) -> BTreeSet<&str> {
    title.split_whitespace().collect()
}

/// Words that make a title another post below (or beside) the one without them: a deputy
/// foreign minister is not the foreign minister in more detail, nor a vice president the
/// president, a lieutenant colonel a colonel. A closed list of English title grammar, like
/// the month names.
const RANK_WORDS: [&str; 11] = [
    "deputy",
    "vice",
    "assistant",
    "under",
    "associate",
    "junior",
    "lieutenant",
    "major",
    "brigadier",
    "rear",
    "sub",
];

/// [`titles_compatible`] of two titles' words: one has every word of the other, and both
/// have the same rank words.
fn title_words_compatible(wa: &BTreeSet<&str>, wb: &BTreeSet<&str>) -> bool {
    (wa.is_subset(wb) || wb.is_subset(wa))
        && RANK_WORDS.iter().all(|r| wa.contains(r) == wb.contains(r))
}

/// How an article gives a title, as bits of a [`Post`] ("also" titles count as current).
const CURRENT: u8 = 1;
const FORMER: u8 = 2;
const NOW: u8 = 4;

/// A title one article gives a person: (article rank, title rank, tenure bits).
type Post = (u32, u32, u8);

/// What the holders of a title say of their dates: whether one has none, else the latest date
/// and its article, and the latest date of any other article.
#[derive(Clone, Copy)]
enum HolderDates {
    Undated,
    Dated(Option<(Date, u32)>, Option<Date>),
}

/// Titles over time: "former X, now Y" against "X" is `changed`; two same-week articles
/// that disagree on a current post `contradict`; titles that can be held at once are
/// `compatible`. Work is per distinct title (few) times articles (many), never all pairs of
/// articles; articles and titles are ranks, so no string is compared per claim.
#[inline(never)] // one call per group: kept apart in profiles
fn title_verdict<C: ClaimView>(read: &Read<C>) -> (Verdict, String) {
    let group = read.group;
    let first = group[0];
    if read.vals.len() == 1 && group.iter().all(|c| c.tenure() == first.tenure()) {
        return (
            Verdict::Agreement,
            format!("{} agree: {}", read.named_all(), first.normalized()),
        );
    }
    // Each article's posts, sorted by article and title, one entry per (article, title).
    let mut posts: Vec<Post> = group
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let bit = match c.tenure().unwrap_or(Tenure::Current) {
                Tenure::Current | Tenure::Also => CURRENT,
                Tenure::Former => FORMER,
                Tenure::Now => NOW,
            };
            (read.art[i], read.val[i], bit)
        })
        .collect();
    if !posts.is_sorted_by_key(|&(a, t, _)| (a, t)) {
        posts.sort_unstable_by_key(|&(a, t, _)| (a, t));
    }
    posts.dedup_by(|later, kept| {
        let same = (later.0, later.1) == (kept.0, kept.1);
        if same {
            kept.2 |= later.2;
        }
        same
    });
    // Where each article's posts start (every article gives at least one).
    let mut starts: Vec<usize> = Vec::with_capacity(read.arts.len() + 1);
    for (k, &(a, _, _)) in posts.iter().enumerate() {
        if starts.len() == a as usize {
            starts.push(k);
        }
    }
    starts.push(posts.len());
    let of = |a: u32| &posts[starts[a as usize]..starts[a as usize + 1]];
    // How article `a` gives title `t` (0: not at all).
    let bits = |a: u32, t: u32| {
        let p = of(a);
        p.binary_search_by_key(&t, |&(_, t, _)| t)
            .map_or(0, |k| p[k].2)
    };
    // Per title: the articles that hold it now, in order; an article that gives it both as
    // current and as now holds it twice.
    let mut holders: Vec<Vec<u32>> = vec![Vec::new(); read.vals.len()];
    for &(a, t, b) in &posts {
        for held in [CURRENT, NOW] {
            if b & held != 0 {
                holders[t as usize].push(a);
            }
        }
    }

    let mut changed: Vec<String> = Vec::new();
    let mut contradictions: Vec<String> = Vec::new();
    let mut compatible: Vec<String> = Vec::new();

    // 1. "former X" in one article against "X" in others. Articles that say the same thing
    // share one line of the reason; each article is checked in O(1) against the holders of X
    // (their dates read once per title, and only as far as the first undated one).
    let mut holder_dates: Vec<Option<HolderDates>> = vec![None; read.vals.len()];
    let mut dates_of = |t: u32| {
        *holder_dates[t as usize].get_or_insert_with(|| {
            let hs = &holders[t as usize];
            let mut top: Option<(Date, u32)> = None;
            for &h in hs {
                let Some(d) = read.date(h) else {
                    return HolderDates::Undated;
                };
                if top.is_none_or(|(l, _)| d > l) {
                    top = Some((d, h));
                }
            }
            let second = top.and_then(|(_, ta)| {
                hs.iter()
                    .filter(|&&h| h != ta)
                    .filter_map(|&h| read.date(h))
                    .max()
            });
            HolderDates::Dated(top, second)
        })
    };
    // (title, new posts) → the articles that say "former title, now new posts".
    let mut moves: BTreeMap<(u32, Vec<u32>), Vec<u32>> = BTreeMap::new();
    let mut unexplained: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    // Former titles no other article gives now: a past post beside the present ones.
    let mut past: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for a in 0..read.arts.len() as u32 {
        let pa = of(a);
        for &(_, title, b) in pa {
            if b & FORMER == 0 {
                continue;
            }
            let all = holders[title as usize].len();
            let a_holds = b & (CURRENT | NOW) != 0;
            if all == usize::from(a_holds) {
                past.entry(title).or_default().push(a);
                continue;
            }
            let new_posts: Vec<u32> = [NOW, CURRENT]
                .into_iter()
                .flat_map(|held| {
                    pa.iter()
                        .filter(move |&&(_, t, b)| b & held != 0 && t != title)
                        .map(|&(_, t, _)| t)
                })
                .collect();
            let later = read.date(a).is_some_and(|da| match dates_of(title) {
                HolderDates::Undated => false,
                HolderDates::Dated(top, second) => {
                    let latest_other = match top {
                        Some((d, ta)) if ta != a => Some(d),
                        _ => second,
                    };
                    latest_other.is_none_or(|d| d < da)
                }
            });
            if !new_posts.is_empty() || later {
                moves.entry((title, new_posts)).or_default().push(a);
            } else {
                unexplained.entry(title).or_default().push(a);
            }
        }
    }
    // The holders of `title` but those in `except` (sorted), named, and the verb's "s".
    let others_named = |title: u32, except: &[u32]| {
        let mut count = 0;
        let mut first: Vec<&str> = Vec::new();
        let mut k = 0;
        for &h in &holders[title as usize] {
            while k < except.len() && except[k] < h {
                k += 1;
            }
            if except.get(k) == Some(&h) {
                continue;
            }
            count += 1;
            if first.len() < NAMES_SHOWN {
                first.push(read.arts[h as usize]);
            }
        }
        let s = if count == 1 { "s" } else { "" };
        (names_of(first.into_iter(), count), s)
    };
    let names = |said_by: &[u32]| {
        names_of(
            said_by.iter().map(|&a| read.arts[a as usize]),
            said_by.len(),
        )
    };
    for ((title, new_posts), said_by) in &moves {
        let now = if new_posts.is_empty() {
            String::new()
        } else {
            let new_posts: Vec<&str> = new_posts.iter().map(|&t| read.vals[t as usize]).collect();
            format!(", now {}", new_posts.join(" and "))
        };
        let title_name = read.vals[*title as usize];
        let (holders_named, s) = others_named(*title, said_by);
        let by = names(said_by);
        let verb = if said_by.len() == 1 { "calls" } else { "call" };
        changed.push(format!(
            "{by} {verb} them the former {title_name}{now}; {holders_named} call{s} them {title_name}"
        ));
    }
    for (title, said_by) in &unexplained {
        let title_name = read.vals[*title as usize];
        let (holders_named, s) = others_named(*title, said_by);
        let by = names(said_by);
        let verb = if said_by.len() == 1 { "calls" } else { "call" };
        contradictions.push(format!(
            "{by} {verb} them the former {title_name} while {holders_named} call{s} them {title_name}; nothing in {by} says what they are now, and no dates order the articles"
        ));
    }
    // 2. Different current posts, title against title. A holder of X that itself says
    // "former Y, now X" explains its difference from the holders of Y; any other pair of
    // holders of X and Y (in different articles) disagrees.
    let titles: Vec<u32> = (0..read.vals.len() as u32)
        .filter(|&t| !holders[t as usize].is_empty())
        .collect();
    let date = |a: u32| read.date(a);
    // Whether two titles are compatible, each title split into words once.
    let words: Vec<BTreeSet<&str>> = read.vals.iter().map(|v| title_words(v)).collect();
    let compat: Vec<Vec<bool>> = words
        .iter()
        .map(|a| words.iter().map(|b| title_words_compatible(a, b)).collect())
        .collect();
    // Whether a holder of `x` also holds now `y` or a post compatible with it.
    let held_with = |x: u32, y: u32| {
        holders[x as usize].iter().any(|&a| {
            of(a).iter().any(|&(_, z, b)| {
                b & (CURRENT | NOW) != 0 && z != x && (z == y || compat[z as usize][y as usize])
            })
        })
    };
    for (i, &x) in titles.iter().enumerate() {
        for &y in &titles[i + 1..] {
            let hx: Vec<u32> = holders[x as usize]
                .iter()
                .copied()
                .filter(|&a| bits(a, y) & FORMER == 0)
                .collect();
            let hy: Vec<u32> = holders[y as usize]
                .iter()
                .copied()
                .filter(|&b| bits(b, x) & FORMER == 0)
                .collect();
            let Some((a, b)) = closest_pair(&hx, &hy, &date) else {
                continue;
            };
            // An article that holds both, or one of them and a post that is the other in
            // other detail ("Governor X, who also heads the crisis committee" explains
            // "Regional governor X" beside "head of the crisis committee").
            let held_together = held_with(x, y) || held_with(y, x);
            let compatible_pair = compat[x as usize][y as usize];
            let (x, y) = (read.vals[x as usize], read.vals[y as usize]);
            if compatible_pair || held_together {
                compatible.push(format!(
                    "{} says {x}, {} says {y}: both can be true at once",
                    read.short(a),
                    read.short(b)
                ));
                continue;
            }
            match (date(a), date(b)) {
                (Some(da), Some(db)) if (da - db).get_days().abs() >= TITLE_CHANGE_DAYS as i32 => changed.push(format!(
                    "{} ({da}) says {x}, {} ({db}) says {y}: the post may have changed in between",
                    read.short(a),
                    read.short(b)
                )),
                _ => contradictions.push(format!("{} says {x} but {} says {y}, for the same time", read.short(a), read.short(b))),
            }
        }
    }
    for (title, said_by) in &past {
        compatible.push(past_post(
            &names(said_by),
            said_by.len(),
            read.vals[*title as usize],
        ));
    }
    if !contradictions.is_empty() {
        (Verdict::Contradiction, contradictions.join("; "))
    } else if !changed.is_empty() {
        (Verdict::Changed, changed.join("; "))
    } else if !compatible.is_empty() {
        (Verdict::Compatible, compatible.join("; "))
    } else {
        (Verdict::Agreement, format!("{} agree", read.named_all()))
    }
}

/// The reason for a former title no other article gives the person now ("a former mayor"
/// beside "chief negotiator"): a past post, which contradicts no present one.
fn past_post(by: &str, count: usize, title: &str) -> String {
    let verb = if count == 1 { "calls" } else { "call" };
    format!("{by} {verb} them the former {title}, a post no other article gives them now")
}

/// The pair (a from `xs`, b from `ys`, a ≠ b) closest in time: an undated article counts as
/// any time, so it pairs first. O((|xs| + |ys|) log) by sorting dates. Articles are ranks,
/// ordered as their ids.
fn closest_pair<T: Copy + Ord>(
    xs: &[T],
    ys: &[T],
    date: &dyn Fn(T) -> Option<Date>,
) -> Option<(T, T)> {
    if xs.is_empty() || ys.is_empty() {
        return None;
    }
    let any_other = |a: T, pool: &[T]| pool.iter().copied().find(|b| *b != a);
    if let Some(a) = xs.iter().copied().find(|a| date(*a).is_none())
        && let Some(b) = any_other(a, ys)
    {
        return Some((a, b));
    }
    if let Some(b) = ys.iter().copied().find(|b| date(*b).is_none())
        && let Some(a) = any_other(b, xs)
    {
        return Some((a, b));
    }
    let mut dx: Vec<(Date, T)> = xs
        .iter()
        .filter_map(|a| date(*a).map(|d| (d, *a)))
        .collect();
    let mut dy: Vec<(Date, T)> = ys
        .iter()
        .filter_map(|b| date(*b).map(|d| (d, *b)))
        .collect();
    dx.sort_unstable();
    dy.sort_unstable();
    let mut best: Option<(i32, T, T)> = None;
    let (mut i, mut j) = (0, 0);
    while i < dx.len() && j < dy.len() {
        let (da, a) = dx[i];
        let (db, b) = dy[j];
        if a != b {
            let gap = (da - db).get_days().abs();
            if best.is_none_or(|(g, _, _)| gap < g) {
                best = Some((gap, a, b));
            }
        }
        if da <= db {
            i += 1;
        } else {
            j += 1;
        }
    }
    best.map(|(_, a, b)| (a, b))
}

/// The comparison as it was before articles and values became ranks: strings compared per
/// claim, per-article sets of titles. Kept to check [`group_verdict`] against.
#[cfg(test)]
mod reference {
    use std::collections::{BTreeMap, BTreeSet};

    use rustc_hash::{FxHashMap as HashMap, FxHashSet};

    use super::{
        ClaimView, DAYS_SPAN, MAX_DAY_SETS, NAMES_SHOWN, TITLE_CHANGE_DAYS, names_of, shown,
        text_compatible, titles_compatible,
    };
    use crate::extract::assign::CALENDAR_TOPIC;
    use crate::model::{Date, Interval, Tenure, ValueKind, Verdict, short_id};

    /// The distinct articles of some claims, as a reason names them: how many, and the first
    /// [`NAMES_SHOWN`] in order, without a sorted set of all of them (a group can hold tens of
    /// thousands).
    #[derive(Default)]
    struct Ids<'a> {
        /// The ids seen, each once, while they come in ascending order (claims come sorted by
        /// article): no hashing needed to tell a new one.
        ascending: Vec<&'a str>,
        /// Every id seen, once one came out of order (`ascending` is then left as it was).
        seen: Option<FxHashSet<&'a str>>,
        /// The least ids seen, sorted, at most [`NAMES_SHOWN`].
        first: Vec<&'a str>,
        last: Option<&'a str>,
    }

    impl<'a> Ids<'a> {
        fn of(ids: impl Iterator<Item = &'a str>) -> Ids<'a> {
            let mut out = Ids::default();
            for id in ids {
                out.insert(id);
            }
            out
        }

        fn insert(&mut self, id: &'a str) {
            // Claims come sorted by article, mostly: the same article again is the common case.
            if self.last == Some(id) {
                return;
            }
            self.last = Some(id);
            let new = match &mut self.seen {
                Some(seen) => seen.insert(id),
                None if self.ascending.last().is_none_or(|l| *l < id) => {
                    self.ascending.push(id);
                    true
                }
                None => {
                    let mut seen: FxHashSet<&'a str> = self.ascending.iter().copied().collect();
                    let new = seen.insert(id);
                    self.seen = Some(seen);
                    new
                }
            };
            if !new {
                return;
            }
            if self.first.len() < NAMES_SHOWN || self.first.last().is_some_and(|l| id < *l) {
                let at = self.first.partition_point(|f| *f < id);
                self.first.insert(at, id);
                self.first.truncate(NAMES_SHOWN);
            }
        }

        fn len(&self) -> usize {
            self.seen.as_ref().map_or(self.ascending.len(), |s| s.len())
        }

        /// [`names_of`] the whole set.
        fn named(&self) -> String {
            names_of(self.first.iter().copied(), self.len())
        }
    }

    fn ids_of<'a, C: ClaimView>(claims: &[&'a C]) -> Ids<'a> {
        Ids::of(claims.iter().map(|c| c.article()))
    }

    /// The verdict and reason of the claims of one (topic, subject), sorted by article and then
    /// offset; `None` when they are not a finding (no claim, one article and one value, or one
    /// article that agrees with itself).
    pub(super) fn group_verdict<C: ClaimView>(
        topic: &str,
        group: &[&C],
        dates: &HashMap<String, Date>,
    ) -> Option<(Verdict, String)> {
        let first = group.first()?;
        let one_article = group.iter().all(|c| c.article() == first.article());
        let one_value = group.iter().all(|c| c.normalized() == first.normalized());
        if topic != CALENDAR_TOPIC && one_article && one_value {
            return None;
        }
        let (verdict, reason) = if topic == CALENDAR_TOPIC {
            calendar_verdict(group)
        } else {
            match first.kind() {
                ValueKind::Title => title_verdict(group, dates),
                k if k.is_numeric() => by_event(group, dates, numeric_bucket),
                _ => by_event(group, dates, text_bucket),
            }
        };
        if one_article && matches!(verdict, Verdict::Agreement | Verdict::Compatible) {
            return None;
        }
        Some((verdict, reason))
    }

    fn calendar_verdict<C: ClaimView>(group: &[&C]) -> (Verdict, String) {
        let c = group[0];
        let normalized = c.normalized();
        (
            Verdict::Contradiction,
            format!(
                "{} writes \"{}\", but the calendar says {}",
                ids_of(group).named(),
                shown(c),
                normalized.split_once("≠ ").map_or(normalized, |(_, r)| r)
            ),
        )
    }

    /// The distinct ways `claims` write their values ([`shown`]), sorted.
    fn shown_values<C: ClaimView>(claims: &[&C]) -> BTreeSet<String> {
        let mut raw: FxHashSet<&str> = FxHashSet::default();
        claims
            .iter()
            .filter(|c| raw.insert(c.value()))
            .map(|c| shown(*c))
            .collect()
    }

    /// The verdict of the claims about one event (articles' dates at hand).
    type BucketVerdict<C> = fn(&[&C], &HashMap<String, Date>) -> (Verdict, String);

    /// The claims of a group that name an event, by event, in the order of the events' names.
    /// Claims of a group mostly share their event's very string (one label per event and group),
    /// and come in runs of one event: the last event's string is checked first, by address, then
    /// an index by name.
    fn event_buckets<'c, C: ClaimView>(group: &[&'c C]) -> Vec<(&'c str, Vec<&'c C>)> {
        let mut buckets: Vec<(&str, Vec<&C>)> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::default();
        let mut last: Option<usize> = None;
        for &c in group {
            let Some(e) = c.event() else {
                continue;
            };
            let i = match last {
                Some(i) if std::ptr::eq(buckets[i].0, e) => i,
                _ => *index.entry(e).or_insert_with(|| {
                    buckets.push((e, Vec::new()));
                    buckets.len() - 1
                }),
            };
            buckets[i].1.push(c);
            last = Some(i);
        }
        buckets.sort_unstable_by(|a, b| a.0.cmp(b.0));
        buckets
    }

    /// Compare within each event; claims about different events are never a contradiction of
    /// each other — differing values across events make the finding `changed`.
    fn by_event<C: ClaimView>(
        group: &[&C],
        dates: &HashMap<String, Date>,
        bucket_verdict: BucketVerdict<C>,
    ) -> (Verdict, String) {
        let buckets = event_buckets(group);
        let unknown: Vec<&C> = group
            .iter()
            .copied()
            .filter(|c| c.event().is_none())
            .collect();
        if buckets.is_empty() {
            return bucket_verdict(group, dates);
        }
        // A claim that names no event is compared with the claims of every event.
        let mut worst: Option<(Verdict, String)> = None;
        for (event, claims) in &buckets {
            let mut all = claims.clone();
            all.extend(unknown.iter().copied());
            let (v, r) = bucket_verdict(&all, dates);
            super::keep_worst(&mut worst, v, r, (buckets.len() > 1).then_some(*event));
        }
        let Some((verdict, reason)) = worst else {
            return bucket_verdict(group, dates);
        };
        if verdict == Verdict::Contradiction {
            return (verdict, reason);
        }
        // Whether the claims that name an event give more than one value.
        let distinct = || {
            let mut values = buckets.iter().flat_map(|(_, b)| b).map(|c| c.normalized());
            let first = values.next();
            values.any(|v| Some(v) != first)
        };
        if buckets.len() > 1 && distinct() {
            let parts: Vec<String> = buckets
                .iter()
                .map(|(event, claims)| {
                    let vals = shown_values(claims);
                    let vals = vals.into_iter().collect::<Vec<_>>().join(" / ");
                    let ids = ids_of(claims).named();
                    if vals == *event {
                        format!("{ids} says {vals}")
                    } else {
                        format!("{ids} says {vals} for {event}")
                    }
                })
                .collect();
            return (
                Verdict::Changed,
                format!(
                    "different events, not a contradiction: {}",
                    parts.join("; ")
                ),
            );
        }
        (verdict, reason)
    }

    /// Two claims of different articles whose figures lie apart: the first claim with the
    /// greatest lower bound and the first with the least upper bound; where both are of one
    /// article, each against the first best of the other articles.
    fn articles_apart<'a, C: ClaimView>(claims: &[&'a C]) -> Option<(&'a C, &'a C)> {
        let with: Vec<(&'a C, Interval)> = claims
            .iter()
            .filter_map(|c| c.interval().map(|i| (*c, i)))
            .collect();
        // The first claim leading by `key` (greater wins) among those `keep` accepts.
        let lead = |key: &dyn Fn(&Interval) -> f64, keep: &dyn Fn(&C) -> bool| {
            let mut best: Option<(&'a C, Interval)> = None;
            for &(c, i) in &with {
                if keep(c) && best.is_none_or(|(_, b)| key(&i) > key(&b)) {
                    best = Some((c, i));
                }
            }
            best
        };
        let by_lo = |i: &Interval| i.lo;
        let by_hi = |i: &Interval| -i.hi;
        let lo = lead(&by_lo, &|_| true)?;
        let hi = lead(&by_hi, &|_| true)?;
        let apart = |l: Option<(&'a C, Interval)>, h: Option<(&'a C, Interval)>| {
            let ((a, ia), (b, ib)) = (l?, h?);
            (ia.lo > ib.hi).then_some((a, b))
        };
        if lo.0.article() != hi.0.article() {
            return apart(Some(lo), Some(hi));
        }
        let one = lo.0.article();
        apart(Some(lo), lead(&by_hi, &|c| c.article() != one))
            .or_else(|| apart(lead(&by_lo, &|c| c.article() != one), Some(hi)))
    }

    /// The claim with the greatest lower bound and the one with the least upper bound: if the
    /// first lies above the second, no single number fits both.
    fn disjoint_pair<'a, C: ClaimView>(claims: &[&'a C]) -> Option<(&'a C, &'a C)> {
        let mut lo: Option<(&C, Interval)> = None;
        let mut hi: Option<(&C, Interval)> = None;
        for c in claims {
            let Some(i) = c.interval() else { continue };
            if lo.is_none_or(|(_, l)| i.lo > l.lo) {
                lo = Some((c, i));
            }
            if hi.is_none_or(|(_, h)| i.hi < h.hi) {
                hi = Some((c, i));
            }
        }
        let ((a, ia), (b, ib)) = (lo?, hi?);
        (ia.lo > ib.hi).then_some((a, b))
    }

    /// Numbers as intervals: disjoint intervals contradict; overlapping ones are compatible; the
    /// same number with the same hedge agrees. Figures from articles of different dates that only
    /// disagree across dates are an update (`changed`), not a contradiction.
    fn numeric_bucket<C: ClaimView>(
        claims: &[&C],
        dates: &HashMap<String, Date>,
    ) -> (Verdict, String) {
        if let Some((a, b)) = articles_apart(claims) {
            // Compare within each article date; claims of undated articles join every date.
            let mut by_date: BTreeMap<Date, Vec<&C>> = BTreeMap::new();
            let mut undated: Vec<&C> = Vec::new();
            for c in claims {
                match dates.get(c.article()) {
                    Some(d) => by_date.entry(*d).or_default().push(c),
                    None => undated.push(c),
                }
            }
            let same_time_conflict = if by_date.len() < 2 {
                Some((a, b))
            } else {
                by_date.values().find_map(|same_day| {
                    let mut all = same_day.clone();
                    all.extend(undated.iter().copied());
                    articles_apart(&all)
                })
            };
            if let Some((a, b)) = same_time_conflict {
                return (
                    Verdict::Contradiction,
                    format!(
                        "{} says {} but {} says {}: the numbers cannot both be true",
                        short_id(b.article()),
                        shown(b),
                        short_id(a.article()),
                        shown(a)
                    ),
                );
            }
            let parts: Vec<String> = by_date
                .iter()
                .map(|(d, cs)| {
                    let mut pairs: FxHashSet<(&str, &str)> = FxHashSet::default();
                    let vals: BTreeSet<String> = cs
                        .iter()
                        .filter(|c| pairs.insert((c.value(), c.article())))
                        .map(|c| format!("{} ({})", shown(*c), short_id(c.article())))
                        .collect();
                    format!("{d}: {}", vals.into_iter().collect::<Vec<_>>().join(", "))
                })
                .collect();
            return (
                Verdict::Changed,
                format!(
                    "the figure changed between reports of different dates, an update rather than a contradiction: {}",
                    parts.join("; ")
                ),
            );
        }
        if disjoint_pair(claims).is_some() {
            let mut by_article: Vec<(&str, BTreeSet<String>)> = Vec::new();
            for c in claims {
                match by_article.iter_mut().find(|(a, _)| *a == c.article()) {
                    Some((_, vals)) => {
                        vals.insert(shown(*c));
                    }
                    None => by_article.push((c.article(), BTreeSet::from([shown(*c)]))),
                }
            }
            let several: Vec<(&str, &BTreeSet<String>)> = by_article
                .iter()
                .filter(|(_, v)| v.len() > 1)
                .map(|(a, v)| (short_id(a), v))
                .collect();
            let n = several.len();
            return (
                Verdict::Changed,
                super::several_figures_reason(several.into_iter(), n),
            );
        }
        let c = claims[0];
        if claims
            .iter()
            .all(|o| o.normalized() == c.normalized() && o.hedge() == c.hedge())
        {
            return (
                Verdict::Agreement,
                format!("{} agree: {}", ids_of(claims).named(), shown(c)),
            );
        }
        let written: Vec<String> = {
            let mut raw: FxHashSet<&str> = FxHashSet::default();
            let mut seen = BTreeSet::new();
            claims
                .iter()
                .filter(|c| raw.insert(c.value()))
                .filter_map(|c| {
                    let s = shown(*c);
                    seen.insert(s.clone())
                        .then(|| format!("\"{s}\" ({})", short_id(c.article())))
                })
                .collect()
        };
        (
            Verdict::Compatible,
            format!(
                "{} overlap once hedges are read: the same fact in other words",
                written.join(" and ")
            ),
        )
    }

    fn text_bucket<C: ClaimView>(
        claims: &[&C],
        _dates: &HashMap<String, Date>,
    ) -> (Verdict, String) {
        // Each value, the first claim that gives it (how it is written) and its articles.
        let mut by_value: BTreeMap<&str, (&C, Ids)> = BTreeMap::new();
        let mut last: Option<(&str, &str)> = None;
        for c in claims {
            let (v, a) = (c.normalized(), c.article());
            if last == Some((v, a)) {
                continue;
            }
            last = Some((v, a));
            by_value
                .entry(v)
                .or_insert_with(|| (*c, Ids::default()))
                .1
                .insert(a);
        }
        if by_value.len() == 1 {
            return (
                Verdict::Agreement,
                format!("{} agree: {}", ids_of(claims).named(), shown(claims[0])),
            );
        }
        let values: Vec<&str> = by_value.keys().copied().collect();
        let all_compatible = values
            .iter()
            .all(|a| values.iter().all(|b| text_compatible(a, b)));
        let parts: Vec<String> = by_value
            .values()
            .map(|(c, ids)| format!("{} says {}", ids.named(), shown(*c)))
            .collect();
        if all_compatible {
            return (
                Verdict::Compatible,
                format!("{}: the same in more or less detail", parts.join("; ")),
            );
        }
        if matches!(claims[0].kind(), ValueKind::Weekday | ValueKind::Date) {
            let mut days: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
            for c in claims {
                days.entry(c.article()).or_default().insert(c.normalized());
            }
            let several = days.values().any(|d| d.len() > 1);
            let distinct: BTreeSet<&BTreeSet<&str>> = days.values().collect();
            let overlap = distinct
                .iter()
                .all(|a| distinct.iter().all(|b| !a.is_disjoint(b)));
            if several && overlap && distinct.len() <= MAX_DAY_SETS {
                return (
                    Verdict::Compatible,
                    format!("{}: {DAYS_SPAN}", parts.join("; ")),
                );
            }
        }
        (
            Verdict::Contradiction,
            format!(
                "{}: same subject, same event, different values",
                parts.join("; ")
            ),
        )
    }

    /// A few titles, sorted and distinct: one article gives one or two, so a vector beats a map.
    #[derive(Default)]
    struct Titles<'a>(Vec<&'a str>);

    impl<'a> Titles<'a> {
        fn insert(&mut self, t: &'a str) {
            if let Err(at) = self.0.binary_search(&t) {
                self.0.insert(at, t);
            }
        }
        fn contains(&self, t: &str) -> bool {
            self.0.binary_search(&t).is_ok()
        }
        fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
            self.0.iter().copied()
        }
    }

    /// The titles one article gives a person, by tenure ("also" titles count as current).
    #[derive(Default)]
    struct Posts<'a> {
        current: Titles<'a>,
        former: Titles<'a>,
        now: Titles<'a>,
    }

    /// Titles over time: "former X, now Y" against "X" is `changed`; two same-week articles
    /// that disagree on a current post `contradict`; titles that can be held at once are
    /// `compatible`. Work is per distinct title (few) times articles (many), never all pairs of
    /// articles.
    fn title_verdict<C: ClaimView>(
        group: &[&C],
        dates: &HashMap<String, Date>,
    ) -> (Verdict, String) {
        let first = group[0];
        if group
            .iter()
            .all(|c| c.normalized() == first.normalized() && c.tenure() == first.tenure())
        {
            return (
                Verdict::Agreement,
                format!("{} agree: {}", ids_of(group).named(), first.normalized()),
            );
        }
        // Each article's posts, sorted by article: holders name articles by their place here.
        let mut posts: Vec<(&str, Posts)> = Vec::new();
        {
            // Claims come sorted by article: one entry per run of an article's claims, each after
            // the last (any order is still right, only slower).
            let mut run: Option<(&str, Posts)> = None;
            for c in group {
                let a = c.article();
                let p = match &mut run {
                    Some((r, p)) if *r == a => p,
                    _ => {
                        if let Some((r, p)) = run.take() {
                            add_posts(&mut posts, r, p);
                        }
                        &mut run.insert((a, Posts::default())).1
                    }
                };
                let t = c.normalized();
                match c.tenure().unwrap_or(Tenure::Current) {
                    Tenure::Current | Tenure::Also => p.current.insert(t),
                    Tenure::Former => p.former.insert(t),
                    Tenure::Now => p.now.insert(t),
                }
            }
            if let Some((r, p)) = run {
                add_posts(&mut posts, r, p);
            }
        }
        let date = |a: &str| dates.get(a).copied();
        // Per title: the articles that hold it now (places in `posts`), in order.
        let mut holders: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, (_, p)) in posts.iter().enumerate() {
            for t in p.current.iter().chain(p.now.iter()) {
                holders.entry(t).or_default().push(i);
            }
        }
        let article = |i: usize| posts[i].0;

        let mut changed: Vec<String> = Vec::new();
        let mut contradictions: Vec<String> = Vec::new();
        let mut compatible: Vec<String> = Vec::new();

        // 1. "former X" in one article against "X" in others. Articles that say the same thing
        // share one line of the reason; each article is checked in O(log n) against the holders
        // of X (their dates sorted once per title), never against every other article.
        let mut dated_holders: BTreeMap<&str, DatedHolders> = BTreeMap::new();
        for (t, hs) in &holders {
            let entry = dated_holders.entry(t).or_default();
            for &h in hs {
                let h = article(h);
                match date(h) {
                    Some(d) => entry.0.push((d, h)),
                    None => entry.1 += 1,
                }
            }
            entry.0.sort_unstable();
        }
        // (title, new posts) → the articles that say "former title, now new posts".
        let mut moves: BTreeMap<(&str, Vec<&str>), Vec<&str>> = BTreeMap::new();
        let mut unexplained: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut past: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (i, (a, pa)) in posts.iter().enumerate() {
            for title in pa.former.iter() {
                let others = holders.get(title).map_or(0, |all| {
                    all.len() - usize::from(all.binary_search(&i).is_ok())
                });
                if others == 0 {
                    past.entry(title).or_default().push(a);
                    continue;
                }
                let new_posts: Vec<&str> = pa
                    .now
                    .iter()
                    .chain(pa.current.iter())
                    .filter(|t| *t != title)
                    .collect();
                let later = date(a).is_some_and(|da| {
                    let (sorted, undated) = &dated_holders[title];
                    let latest_other = sorted.iter().rev().find(|(_, h)| h != a).map(|(d, _)| *d);
                    *undated == 0 && latest_other.is_none_or(|d| d < da)
                });
                if !new_posts.is_empty() || later {
                    moves.entry((title, new_posts)).or_default().push(a);
                } else {
                    unexplained.entry(title).or_default().push(a);
                }
            }
        }
        let others_named = |title: &str, except: &[&str]| {
            let others: Vec<&str> = holders[title]
                .iter()
                .map(|&h| article(h))
                .filter(|h| except.binary_search(h).is_err())
                .collect();
            let s = if others.len() == 1 { "s" } else { "" };
            (names_of(others.iter().copied(), others.len()), s)
        };
        for ((title, new_posts), said_by) in &moves {
            let now = if new_posts.is_empty() {
                String::new()
            } else {
                format!(", now {}", new_posts.join(" and "))
            };
            let (holders_named, s) = others_named(title, said_by);
            let by = names_of(said_by.iter().copied(), said_by.len());
            let verb = if said_by.len() == 1 { "calls" } else { "call" };
            changed.push(format!(
                "{by} {verb} them the former {title}{now}; {holders_named} call{s} them {title}"
            ));
        }
        for (title, said_by) in &unexplained {
            let (holders_named, s) = others_named(title, said_by);
            let by = names_of(said_by.iter().copied(), said_by.len());
            let verb = if said_by.len() == 1 { "calls" } else { "call" };
            contradictions.push(format!(
                "{by} {verb} them the former {title} while {holders_named} call{s} them {title}; nothing in {by} says what they are now, and no dates order the articles"
            ));
        }
        // 2. Different current posts, title against title. A holder of X that itself says
        // "former Y, now X" explains its difference from the holders of Y; any other pair of
        // holders of X and Y (in different articles) disagrees.
        let titles: Vec<&str> = holders.keys().copied().collect();
        for (i, x) in titles.iter().enumerate() {
            for y in &titles[i + 1..] {
                let hx: Vec<&str> = holders[x]
                    .iter()
                    .filter(|&&a| !posts[a].1.former.contains(y))
                    .map(|&a| article(a))
                    .collect();
                let hy: Vec<&str> = holders[y]
                    .iter()
                    .filter(|&&b| !posts[b].1.former.contains(x))
                    .map(|&b| article(b))
                    .collect();
                let Some((a, b)) = closest_pair(&hx, &hy, &date) else {
                    continue;
                };
                // An article that holds both, or one of them and a post that is the other
                // in other detail.
                let held_with = |x: &str, y: &str| {
                    holders[x].iter().any(|&a| {
                        let p = &posts[a].1;
                        p.current
                            .iter()
                            .chain(p.now.iter())
                            .any(|z| z != x && (z == y || titles_compatible(z, y)))
                    })
                };
                let held_together = held_with(x, y) || held_with(y, x);
                if titles_compatible(x, y) || held_together {
                    compatible.push(format!(
                        "{} says {x}, {} says {y}: both can be true at once",
                        short_id(a),
                        short_id(b)
                    ));
                    continue;
                }
                match (date(a), date(b)) {
                    (Some(da), Some(db)) if (da - db).get_days().abs() >= TITLE_CHANGE_DAYS as i32 => changed.push(format!(
                        "{} ({da}) says {x}, {} ({db}) says {y}: the post may have changed in between",
                        short_id(a),
                        short_id(b)
                    )),
                    _ => contradictions.push(format!("{} says {x} but {} says {y}, for the same time", short_id(a), short_id(b))),
                }
            }
        }
        for (title, said_by) in &past {
            compatible.push(super::past_post(
                &names_of(said_by.iter().copied(), said_by.len()),
                said_by.len(),
                title,
            ));
        }
        if !contradictions.is_empty() {
            (Verdict::Contradiction, contradictions.join("; "))
        } else if !changed.is_empty() {
            (Verdict::Changed, changed.join("; "))
        } else if !compatible.is_empty() {
            (Verdict::Compatible, compatible.join("; "))
        } else {
            (
                Verdict::Agreement,
                format!("{} agree", ids_of(group).named()),
            )
        }
    }

    /// Add the posts of a run of article `a`'s claims to `posts` (sorted by article, each once).
    fn add_posts<'a>(posts: &mut Vec<(&'a str, Posts<'a>)>, a: &'a str, p: Posts<'a>) {
        if posts.last().is_none_or(|(last, _)| *last < a) {
            posts.push((a, p));
            return;
        }
        match posts.binary_search_by(|(b, _)| (*b).cmp(a)) {
            Ok(i) => merge_posts(&mut posts[i].1, p),
            Err(i) => posts.insert(i, (a, p)),
        }
    }

    /// Add the titles of `from` (another run of the same article's claims) to `to`.
    fn merge_posts<'a>(to: &mut Posts<'a>, from: Posts<'a>) {
        for (to, from) in [
            (&mut to.current, from.current),
            (&mut to.former, from.former),
            (&mut to.now, from.now),
        ] {
            for t in from.0 {
                to.insert(t);
            }
        }
    }

    /// The holders of a title with a date, sorted by it, and how many have none.
    type DatedHolders<'a> = (Vec<(Date, &'a str)>, usize);

    /// The pair (a from `xs`, b from `ys`, a ≠ b) closest in time: an undated article counts as
    /// any time, so it pairs first. O((|xs| + |ys|) log) by sorting dates.
    fn closest_pair<'a>(
        xs: &[&'a str],
        ys: &[&'a str],
        date: &dyn Fn(&str) -> Option<Date>,
    ) -> Option<(&'a str, &'a str)> {
        super::closest_pair(xs, ys, &|a: &'a str| date(a))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::Interval;

    #[test]
    fn group_places_are_the_serial_grouping() {
        let mut claims = Vec::new();
        for i in 0..20_000usize {
            let mut c = claim(&format!("a{}", i / 7), ValueKind::Count, "1", "1");
            c.topic = ["t1", "t2", "t3"][i % 3].into();
            c.subject = ["s1", "s2"][(i / 5) % 2].into();
            claims.push(c);
        }
        let mut serial: HashMap<(&str, &str), Vec<usize>> = HashMap::default();
        for (i, c) in claims.iter().enumerate() {
            serial.entry((&*c.topic, &*c.subject)).or_default().push(i);
        }
        let parallel = group_places(&claims);
        assert_eq!(parallel.len(), 6);
        assert_eq!(parallel, serial);
    }

    #[test]
    fn permute_puts_every_item_where_the_order_says() {
        // Cycles of several lengths and fixed points, against the obvious gather.
        let orders: [&[usize]; 5] = [
            &[],
            &[0],
            &[1, 0],
            &[2, 0, 1, 3, 5, 4],
            &[4, 3, 2, 1, 0, 6, 5, 7],
        ];
        for order in orders {
            let items: Vec<String> = (0..order.len()).map(|i| format!("item {i}")).collect();
            let expected: Vec<String> = order.iter().map(|&i| items[i].clone()).collect();
            let mut permuted = items.clone();
            permute(&mut permuted, order.to_vec());
            assert_eq!(permuted, expected, "order {order:?}");
        }
    }

    fn claim(article: &str, kind: ValueKind, value: &str, normalized: &str) -> Claim {
        crate::model::test_claim(article, kind, value, normalized)
    }

    fn count(article: &str, value: &str, lo: f64, hi: f64, point: f64) -> Claim {
        let mut c = claim(article, ValueKind::Count, value, &point.to_string());
        c.interval = Some(Interval { lo, hi, point });
        c
    }

    fn title(article: &str, t: &str, tenure: Tenure) -> Claim {
        let mut c = claim(article, ValueKind::Title, t, t);
        c.tenure = Some(tenure);
        c
    }

    fn verdict(claims: &[Claim], dates: &[(&str, &str)]) -> (Verdict, String) {
        let dates: HashMap<String, Date> = dates
            .iter()
            .map(|(a, d)| (a.to_string(), d.parse().expect("date")))
            .collect();
        let f = findings(claims, &dates);
        assert_eq!(f.len(), 1, "{f:?}");
        (f[0].verdict, f[0].reason.clone())
    }

    #[test]
    fn figures_of_one_article_are_never_set_against_each_other() {
        // A total, a part of it, an earlier count and another place's toll, in one article.
        let one = [
            count("a", "1,644", 1644.0, 1644.0, 1644.0),
            count("a", "694", 694.0, 694.0, 694.0),
            count("a", "1,002", 1002.0, 1002.0, 1002.0),
            count("a", "at least 10", 10.0, f64::INFINITY, 10.0),
        ];
        let (v, reason) = verdict(&one, &[]);
        assert_eq!(v, Verdict::Changed, "{reason}");
        assert!(reason.contains("several figures"), "{reason}");
        assert!(
            reason.contains("1,002 / 1,644 / 694 / at least 10"),
            "{reason}"
        );
        // A second article that gives the total agrees with none of the parts, but its
        // figure is one the first article gives too: still two articles apart on 694.
        let mut two = one.to_vec();
        two.push(count("b", "1,644", 1644.0, 1644.0, 1644.0));
        assert_eq!(verdict(&two, &[]).0, Verdict::Contradiction);
        // An article whose figures lie apart only from each other, beside one that fits both
        // ranges, is no contradiction.
        let wide = [
            count("a", "1.2 million", 1.15e6, 1.25e6, 1.2e6),
            count("a", "2 million", 1.9e6, 2.1e6, 2e6),
            count("b", "more than a million", 1e6, f64::INFINITY, 1e6),
        ];
        assert_eq!(verdict(&wide, &[]).0, Verdict::Changed);
        // The article with both extremes set against the best of the others: its 2 million
        // lies apart from the other article's 1.2 million.
        let apart = [
            count("a", "1.2 million", 1.15e6, 1.25e6, 1.2e6),
            count("a", "2 million", 1.9e6, 2.1e6, 2e6),
            count("b", "1.2 million", 1.15e6, 1.25e6, 1.2e6),
        ];
        let (v, reason) = verdict(&apart, &[]);
        assert_eq!(v, Verdict::Contradiction, "{reason}");
        assert!(
            reason.contains("b says 1.2 million but a says 2 million"),
            "{reason}"
        );
    }

    #[test]
    fn overlapping_hedged_numbers_are_compatible_and_equal_ones_agree() {
        let a = count("a", "about one-fifth", 0.18, 0.22, 0.2);
        let b = count("b", "nearly 20%", 0.18, 0.2, 0.2);
        let mut b2 = b.clone();
        b2.hedge = Some("nearly".into());
        assert_eq!(verdict(&[a.clone(), b2], &[]).0, Verdict::Compatible);
        let c = count("c", "472", 472.0, 472.0, 472.0);
        let d = count("d", "472", 472.0, 472.0, 472.0);
        assert_eq!(verdict(&[c, d], &[]).0, Verdict::Agreement);
    }

    #[test]
    fn disjoint_numbers_of_one_day_contradict_and_of_two_dates_are_an_update() {
        let a = count("a", "34", 34.0, 34.0, 34.0);
        let b = count("b", "12", 12.0, 12.0, 12.0);
        let (v, reason) = verdict(&[a.clone(), b.clone()], &[]);
        assert_eq!(v, Verdict::Contradiction);
        assert!(reason.contains("b says 12 but a says 34"), "{reason}");
        let (v, _) = verdict(
            &[a.clone(), b.clone()],
            &[("a", "2025-09-10"), ("b", "2025-09-10")],
        );
        assert_eq!(v, Verdict::Contradiction);
        let (v, reason) = verdict(&[a, b], &[("a", "2025-09-14"), ("b", "2025-09-10")]);
        assert_eq!(v, Verdict::Changed);
        assert!(reason.contains("2025-09-10: 12 (b)"), "{reason}");
    }

    #[test]
    fn unbounded_hedges_overlap() {
        let a = count("a", "over 1.2 million", 1.2e6, f64::INFINITY, 1.2e6);
        let b = count("b", "more than 1.2 million", 1.2e6, f64::INFINITY, 1.2e6);
        let mut a2 = a;
        a2.hedge = Some("more than".into());
        let mut b2 = b;
        b2.hedge = Some("more than".into());
        assert_eq!(verdict(&[a2, b2], &[]).0, Verdict::Agreement);
    }

    #[test]
    fn different_events_are_changed_never_a_contradiction() {
        let mut a = claim("a", ValueKind::Weekday, "Monday", "Monday");
        a.event = Some("round 2".into());
        let mut b = claim("b", ValueKind::Weekday, "Friday", "Friday");
        b.event = Some("round 1".into());
        let (v, reason) = verdict(&[a.clone(), b.clone()], &[]);
        assert_eq!(v, Verdict::Changed);
        assert!(
            reason.contains("round 1") && reason.contains("round 2"),
            "{reason}"
        );
        // The same event, different days: a contradiction.
        b.event = Some("round 2".into());
        assert_eq!(verdict(&[a, b], &[]).0, Verdict::Contradiction);
    }

    #[test]
    fn the_days_of_an_event_of_several_contradict_only_a_day_outside_them() {
        let day = |a: &str, d: &str| claim(a, ValueKind::Weekday, d, d);
        // "talks on Saturday and Sunday": the span of the talks, in one article or beside one
        // that gives either day.
        // Alone, the article agrees with itself: no finding.
        let span = [day("a", "Saturday"), day("a", "Sunday")];
        assert!(findings(&span, &HashMap::default()).is_empty());
        let mut with_one = span.to_vec();
        with_one.push(day("b", "Sunday"));
        let (v, reason) = verdict(&with_one, &[]);
        assert_eq!(v, Verdict::Compatible, "{reason}");
        assert!(reason.contains("an event of several days"), "{reason}");
        // A day outside the span, or two articles with one day each that differ.
        let mut outside = span.to_vec();
        outside.push(day("b", "Friday"));
        assert_eq!(verdict(&outside, &[]).0, Verdict::Contradiction);
        let mut both_ends = with_one;
        both_ends.push(day("c", "Saturday"));
        assert_eq!(verdict(&both_ends, &[]).0, Verdict::Contradiction);
        // Without an article that gives several days, as before.
        let single = [day("a", "Saturday"), day("b", "Sunday")];
        assert_eq!(verdict(&single, &[]).0, Verdict::Contradiction);
    }

    #[test]
    fn a_value_in_more_detail_is_compatible() {
        let a = claim("a", ValueKind::Date, "May 16", "05-16");
        let b = claim("b", ValueKind::Date, "16 May 2025", "2025-05-16");
        assert_eq!(verdict(&[a, b], &[]).0, Verdict::Compatible);
    }

    #[test]
    fn ids_count_and_name_the_same_in_any_order() {
        let ids: Vec<String> = (0..13).map(|i| format!("a{:02}", (i * 7) % 13)).collect();
        let mut sorted: Vec<&str> = ids.iter().map(String::as_str).collect();
        sorted.sort_unstable();
        let repeated: Vec<&str> = sorted.iter().flat_map(|i| [*i, *i]).collect();
        let shuffled: Vec<&str> = ids.iter().map(String::as_str).collect();
        let with_a_step_back: Vec<&str> = sorted
            .iter()
            .copied()
            .chain(["a03", "a11", "a00", "a05"])
            .collect();
        // (how many, all named, named by the places of the claims forth and back)
        let named = |order: &[&str]| {
            let claims: Vec<Claim> = order
                .iter()
                .map(|a| claim(a, ValueKind::Weekday, "Monday", "monday"))
                .collect();
            let refs: Vec<&Claim> = claims.iter().collect();
            let dates = HashMap::default();
            let read = Read::new(&refs, &dates);
            let back: Vec<usize> = read.every().into_iter().rev().collect();
            let forth = read.named_at(&read.every());
            assert_eq!(read.named_at(&back), forth, "{order:?}");
            (read.arts.len(), read.named_all(), forth)
        };
        let expected = named(&sorted);
        assert_eq!(expected.0, 13);
        assert_eq!(
            expected.1,
            "a00, a01, a02, a03, a04, a05, a06, a07, a08, a09, a10, a11 and 1 more"
        );
        assert_eq!(expected.2, expected.1);
        for order in [&repeated, &shuffled, &with_a_step_back] {
            assert_eq!(named(order), expected, "{order:?}");
        }
    }

    #[test]
    fn title_verdicts_do_not_depend_on_the_order_of_articles() {
        let claims = [
            title("a", "defense minister", Tenure::Current),
            title("b", "defense minister", Tenure::Former),
            title("b", "security council secretary", Tenure::Now),
            title("c", "security council secretary", Tenure::Current),
            title("d", "prime minister", Tenure::Current),
            title("c", "defense minister", Tenure::Former),
            title("a", "envoy", Tenure::Also),
        ];
        let dates: HashMap<String, Date> = [("a", "2025-01-02"), ("d", "2025-03-04")]
            .iter()
            .map(|(a, d)| (a.to_string(), d.parse().expect("date")))
            .collect();
        let mut sorted: Vec<&Claim> = claims.iter().collect();
        sorted.sort_by(|x, y| x.article.cmp(&y.article));
        let expected = group_verdict("t", &sorted, &dates).expect("a finding");
        assert_eq!(expected.0, Verdict::Contradiction, "{}", expected.1);
        // Runs of one article's claims split up, articles out of order.
        let mixed: Vec<&Claim> = claims.iter().rev().collect();
        assert_eq!(group_verdict("t", &mixed, &dates), Some(expected.clone()));
        let unsorted: Vec<&Claim> = claims.iter().collect();
        assert_eq!(group_verdict("t", &unsorted, &dates), Some(expected));
    }

    #[test]
    fn former_and_now_in_one_article_is_a_change_of_post() {
        let claims = [
            title("a", "defense minister", Tenure::Current),
            title("b", "defense minister", Tenure::Former),
            title("b", "security council secretary", Tenure::Now),
        ];
        let (v, reason) = verdict(&claims, &[]);
        assert_eq!(v, Verdict::Changed);
        assert!(
            reason.contains(
                "b calls them the former defense minister, now security council secretary"
            ),
            "{reason}"
        );
    }

    #[test]
    fn former_without_a_new_post_or_dates_is_a_contradiction_but_a_later_date_explains_it() {
        let claims = [
            title("a", "president", Tenure::Current),
            title("b", "president", Tenure::Former),
        ];
        assert_eq!(verdict(&claims, &[]).0, Verdict::Contradiction);
        assert_eq!(
            verdict(&claims, &[("a", "2024-01-01"), ("b", "2025-06-01")]).0,
            Verdict::Changed
        );
    }

    #[test]
    fn a_former_post_nobody_gives_now_is_compatible_with_the_present_one_never_an_agreement() {
        // "Gerardo Blyde, a former mayor of Baruta" beside "the opposition's chief negotiator,
        // Gerardo Blyde": two different posts, one of them past.
        let claims = [
            title("a", "mayor of baruta", Tenure::Former),
            title("b", "chief negotiator", Tenure::Current),
        ];
        let (v, reason) = verdict(&claims, &[]);
        assert_eq!(v, Verdict::Compatible, "{reason}");
        assert_eq!(
            reason,
            "a calls them the former mayor of baruta, a post no other article gives them now"
        );
        // Two different former posts, nothing else: both past, no conflict either.
        let claims = [
            title("a", "mayor", Tenure::Former),
            title("b", "governor", Tenure::Former),
        ];
        assert_eq!(verdict(&claims, &[]).0, Verdict::Compatible);
        // A present post that differs from another article's still contradicts it.
        let claims = [
            title("a", "mayor of baruta", Tenure::Former),
            title("a", "chief negotiator", Tenure::Current),
            title("b", "interior minister", Tenure::Current),
        ];
        assert_eq!(verdict(&claims, &[]).0, Verdict::Contradiction);
    }

    #[test]
    fn two_posts_in_the_same_week_contradict_and_months_apart_changed() {
        let claims = [
            title("a", "defense minister", Tenure::Current),
            title("b", "foreign minister", Tenure::Current),
        ];
        assert_eq!(
            verdict(&claims, &[("a", "2025-06-02"), ("b", "2025-06-04")]).0,
            Verdict::Contradiction
        );
        assert_eq!(
            verdict(&claims, &[("a", "2025-01-02"), ("b", "2025-06-04")]).0,
            Verdict::Changed
        );
    }

    #[test]
    fn a_rank_word_makes_another_post_not_more_detail() {
        for (x, y) in [
            ("foreign minister", "deputy foreign minister"),
            ("president", "vice president"),
            ("colonel", "lieutenant colonel"),
            ("secretary of state", "under secretary of state"),
        ] {
            let claims = [
                title("a", x, Tenure::Current),
                title("b", y, Tenure::Current),
            ];
            assert_eq!(verdict(&claims, &[]).0, Verdict::Contradiction, "{x} / {y}");
            assert!(!titles_compatible(x, y) && !titles_compatible(y, x));
        }
        // The same rank in more detail is still compatible.
        assert!(titles_compatible(
            "deputy minister",
            "deputy foreign minister"
        ));
        assert!(titles_compatible(
            "deputy prime minister",
            "first deputy prime minister"
        ));
    }

    #[test]
    fn titles_that_can_be_held_at_once_are_compatible() {
        let claims = [
            title("a", "governor", Tenure::Current),
            title("b", "regional governor", Tenure::Current),
        ];
        assert_eq!(verdict(&claims, &[]).0, Verdict::Compatible);
        let claims = [
            title("a", "governor", Tenure::Current),
            title("b", "head of the crisis committee", Tenure::Current),
            title("b", "governor", Tenure::Also),
        ];
        assert_eq!(verdict(&claims, &[]).0, Verdict::Compatible);
        // An article that gives two posts explains a third article's post that is one of
        // them in more detail, whichever article holds which.
        for (x, y) in [("a", "b"), ("b", "a")] {
            let claims = [
                title(x, "governor", Tenure::Current),
                title(x, "head of the crisis committee", Tenure::Also),
                title(y, "regional governor", Tenure::Current),
            ];
            assert_eq!(
                verdict(&claims, &[]).0,
                Verdict::Compatible,
                "{x} holds two"
            );
        }
        // Not a post unlike both of them.
        let claims = [
            title("a", "governor", Tenure::Current),
            title("a", "head of the crisis committee", Tenure::Also),
            title("b", "interior minister", Tenure::Current),
        ];
        assert_eq!(verdict(&claims, &[]).0, Verdict::Contradiction);
    }

    #[test]
    fn a_single_article_with_one_value_is_not_a_finding() {
        let f = findings(&[count("a", "3", 3.0, 3.0, 3.0)], &HashMap::default());
        assert!(f.is_empty());
    }

    /// A claim that borrows its strings, as `check`'s views do (equal strings often share an
    /// address).
    #[derive(Debug)]
    struct View<'a> {
        article: &'a str,
        kind: ValueKind,
        value: String,
        normalized: &'a str,
        interval: Option<Interval>,
        hedge: Option<&'a str>,
        tenure: Option<Tenure>,
        event: Option<&'a str>,
    }

    impl ClaimView for View<'_> {
        fn article(&self) -> &str {
            self.article
        }
        fn kind(&self) -> ValueKind {
            self.kind
        }
        fn value(&self) -> &str {
            &self.value
        }
        fn normalized(&self) -> &str {
            self.normalized
        }
        fn interval(&self) -> Option<Interval> {
            self.interval
        }
        fn hedge(&self) -> Option<&str> {
            self.hedge
        }
        fn tenure(&self) -> Option<Tenure> {
            self.tenure
        }
        fn event(&self) -> Option<&str> {
            self.event
        }
    }

    /// Articles (two spell one id in different strings; "zeta" sorts after the numbered ones)
    /// and the dates they may have: some within a week, some months apart.
    fn article_pool() -> Vec<String> {
        let mut pool: Vec<String> = (0..14)
            .map(|i| format!("{:06}_{:08x}", i * 7 % 15, 0xabcdef00u32 + i))
            .collect();
        pool.push(pool[3].clone());
        pool.push("zeta".to_string());
        pool
    }
    const DATES: [&str; 4] = ["2025-01-01", "2025-01-05", "2025-03-01", "2025-06-01"];
    const TITLES: [&str; 7] = [
        "president",
        "defense minister",
        "minister",
        "security council secretary",
        "deputy defense minister",
        "envoy",
        "president",
    ];
    const TEXTS: [&str; 11] = [
        "05-16",
        "2025-05-16",
        "monday",
        "friday",
        "the hofburg palace",
        "hofburg palace",
        "istanbul",
        "geneva",
        "vienna",
        "riyadh",
        "monday",
    ];
    const HEDGES: [&str; 3] = ["about", "more than", "nearly"];
    const EVENTS: [&str; 4] = ["round 1", "round 2", "monday", "round 1"];
    const TENURES: [Tenure; 4] = [Tenure::Current, Tenure::Former, Tenure::Now, Tenure::Also];

    /// One generated claim: article, value, hedge, tenure, event, whether it has no interval,
    /// how its value is written.
    type Drawn = (
        usize,
        usize,
        Option<usize>,
        Option<usize>,
        Option<usize>,
        bool,
        bool,
    );

    fn drawn() -> impl Strategy<Value = Drawn> {
        (
            0..16usize,
            0..11usize,
            proptest::option::weighted(0.3, 0..3usize),
            proptest::option::weighted(0.8, 0..4usize),
            proptest::option::weighted(0.5, 0..4usize),
            proptest::bool::weighted(0.1),
            any::<bool>(),
        )
    }

    /// The views of drawn claims of one kind (0 title, 1 count, 2 weekday-like text, 3
    /// calendar).
    fn views<'a>(
        kind: usize,
        drawn: &[Drawn],
        articles: &'a [String],
        normals: &'a [String],
    ) -> Vec<View<'a>> {
        drawn
            .iter()
            .map(|&(a, v, h, t, e, no_interval, spaced)| {
                let (kind, normalized) = match kind {
                    0 => (ValueKind::Title, normals[v % TITLES.len()].as_str()),
                    1 => (ValueKind::Count, normals[v % 6].as_str()),
                    _ => (ValueKind::Weekday, normals[v].as_str()),
                };
                let hedge = h.map(|h| HEDGES[h]);
                let interval = (kind == ValueKind::Count && !no_interval).then(|| {
                    let p: f64 = normalized.parse().expect("a number");
                    match hedge {
                        None => Interval::exact(p),
                        Some("about") => Interval {
                            lo: 0.9 * p,
                            hi: 1.1 * p,
                            point: p,
                        },
                        Some("more than") => Interval {
                            lo: p,
                            hi: f64::INFINITY,
                            point: p,
                        },
                        _ => Interval {
                            lo: 0.9 * p,
                            hi: p,
                            point: p,
                        },
                    }
                });
                let gap = if spaced { "  " } else { " " };
                let value = match hedge {
                    Some(h) => format!("{h}{gap}{normalized}"),
                    None if spaced => format!("{normalized}{gap}"),
                    None => normalized.to_string(),
                };
                View {
                    article: &articles[a],
                    kind,
                    value,
                    normalized,
                    interval,
                    hedge,
                    tenure: t.map(|t| TENURES[t]),
                    event: e.map(|e| EVENTS[e]),
                }
            })
            .collect()
    }

    /// The values a kind draws from, as strings of their own (equal values in different
    /// strings too).
    fn normals(kind: usize) -> Vec<String> {
        match kind {
            0 => TITLES.iter().map(|t| t.to_string()).collect(),
            1 => ["12", "20", "34", "472", "20", "21"]
                .iter()
                .map(|t| t.to_string())
                .collect(),
            2 => TEXTS.iter().map(|t| t.to_string()).collect(),
            _ => TEXTS.iter().map(|t| format!("{t} ≠ tuesday")).collect(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn group_verdict_gives_what_the_string_comparisons_gave(
            kind in 0..4usize,
            drawn in proptest::collection::vec(drawn(), 1..40),
            dated in proptest::collection::vec(proptest::option::of(0..4usize), 16),
            sorted in proptest::bool::weighted(0.8),
        ) {
            let articles = article_pool();
            let normals = normals(kind);
            let mut views = views(kind, &drawn, &articles, &normals);
            if sorted {
                views.sort_by(|a, b| a.article.cmp(b.article));
            }
            let dates: HashMap<String, Date> = articles
                .iter()
                .zip(&dated)
                .filter_map(|(a, d)| Some((a.clone(), DATES[(*d)?].parse().expect("date"))))
                .collect();
            let refs: Vec<&View> = views.iter().collect();
            let topic = if kind == 3 { CALENDAR_TOPIC } else { "t" };
            prop_assert_eq!(
                group_verdict(topic, &refs, &dates),
                reference::group_verdict(topic, &refs, &dates)
            );
        }
    }

    #[test]
    fn many_values_and_articles_out_of_order_give_what_the_string_comparisons_gave() {
        // More values than a table of slots holds, articles in no order, events.
        let articles: Vec<String> = (0..3000)
            .map(|i| format!("{:06}_abcdef12", (i * 7919) % 3001))
            .collect();
        let normals: Vec<String> = (0..1500).map(|i| format!("place {i}")).collect();
        let views: Vec<View> = (0..3000)
            .map(|i| View {
                article: &articles[i],
                kind: ValueKind::Weekday,
                value: normals[i % 1500].clone(),
                normalized: &normals[i % 1500],
                interval: None,
                hedge: None,
                tenure: None,
                event: (i % 3 != 0).then_some(EVENTS[i % 4]),
            })
            .collect();
        let refs: Vec<&View> = views.iter().collect();
        let dates = HashMap::default();
        assert_eq!(
            group_verdict("t", &refs, &dates),
            reference::group_verdict("t", &refs, &dates)
        );
    }
}
