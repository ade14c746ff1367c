//! `crosscheck check NEW... --corpus DIR`: does a new article disagree with the corpus?
//!
//! The new articles and the corpus are read and compared together, exactly as `report` would;
//! then only the findings that involve a new article (at least one claim from it) are kept.
//! A disagreement the corpus has already without the new articles, to which they only add
//! values the corpus already gives (a new article that repeats one side of a known
//! contradiction), is the corpus's finding, not the new article's: it is left out (`report`
//! shows it). With a baseline, accepted findings are hidden, and baseline entries that match
//! no finding of the whole run (corpus with the new articles, or corpus alone) are `stale`.
//!
//! A new file that is also inside the corpus is read once, as new.
//!
//! What is computed is exactly that report ([`check_full`] computes it the long way, and the
//! tests hold [`check_sources`] to it), but only on the groups of claims (topic, subject) that
//! can matter: those the new articles' claims fall in, and those of baseline entries. Names
//! and round dates are still resolved over all articles (they link claims across groups);
//! a group's verdict depends only on its own claims. The corpus alone is compared only where
//! the new articles disagree with the corpus (and on baseline groups), usually on the full
//! run's claims of the group without the new articles' ones.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use crate::baseline::Baseline;
use crate::cache::{self, CacheStats, Claims, Source};
use crate::compare::{self, ClaimView};
use crate::extract::events::EventDate;
use crate::input::{self, InputError, Inputs};
use crate::model::{Claim, Date, Finding, Interval, Report, Skipped, Tenure, ValueKind, Verdict};
use crate::resolve;
use crate::rules::Rules;
use crate::{Extracted, build_report};

/// Which verdicts of new findings fail the check.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FailOn {
    /// Contradictions only (the default).
    #[default]
    Contradiction,
    /// Contradictions and changed findings.
    Changed,
}

impl FailOn {
    pub fn fails(self, v: Verdict) -> bool {
        match self {
            FailOn::Contradiction => v == Verdict::Contradiction,
            FailOn::Changed => v.is_disagreement(),
        }
    }
}

/// Which findings a check decodes the claims of: all (the report contract), or, for output
/// that prints no more, only those of the verdicts it shows claim by claim. The others come
/// with their verdict, topic, subject, events and reason, which is enough for the summary line,
/// the exit code and the baseline. A finding of a big corpus holds tens of thousands of
/// claims: decoding them was a tenth of a warm check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Detail {
    /// Per verdict, in the order of [`Verdict::ALL`].
    claims: [bool; 4],
}

impl Default for Detail {
    fn default() -> Detail {
        Detail::ALL
    }
}

impl Detail {
    /// Every finding with its claims.
    pub const ALL: Detail = Detail { claims: [true; 4] };

    /// The claims of the findings whose verdict `keep` accepts.
    pub fn only(keep: impl Fn(Verdict) -> bool) -> Detail {
        Detail {
            claims: Verdict::ALL.map(keep),
        }
    }

    /// Whether findings of verdict `v` come with their claims.
    pub fn claims_of(self, v: Verdict) -> bool {
        Verdict::ALL
            .iter()
            .zip(self.claims)
            .any(|(&w, keep)| w == v && keep)
    }
}

/// The inputs of a check: all files (new first), and which of them are new.
#[derive(Clone, Debug, Default)]
pub struct CheckInputs {
    pub inputs: Inputs,
    /// Ids of the new articles.
    pub new_ids: HashSet<String>,
    /// Display paths of the new inputs (read or not).
    pub new_paths: HashSet<String>,
}

/// Expand the new paths and the corpus paths into one set of inputs, each file once; a file
/// reached both as new and through the corpus is new.
pub fn collect(
    new: &[PathBuf],
    corpus: &[PathBuf],
    stdin_name: &str,
) -> Result<CheckInputs, InputError> {
    let new_only = input::collect(new, stdin_name)?;
    let mut new_paths: HashSet<String> = new_only.skipped.iter().map(|s| s.path.clone()).collect();
    let all: Vec<PathBuf> = new.iter().chain(corpus).cloned().collect();
    let inputs = input::collect(&all, stdin_name)?;
    // The walk of the new paths comes first and goes exactly as on its own: the first files
    // found are the new ones, and a corpus file that is one of them (by canonical path) is not
    // listed again. Stdin is always new.
    let mut new_ids = HashSet::new();
    for (i, f) in inputs.files.iter().enumerate() {
        if i < new_only.files.len() || f.path.is_none() {
            new_ids.insert(f.id.clone());
            new_paths.insert(f.display.clone());
        }
    }
    Ok(CheckInputs {
        inputs,
        new_ids,
        new_paths,
    })
}

/// The outcome of a check.
#[derive(Clone, Debug)]
pub struct Checked {
    /// Every article, every skipped input; the findings that involve a new article.
    pub report: Report,
    /// New inputs that could not be read (always an error).
    pub new_skipped: Vec<Skipped>,
    /// Corpus inputs that could not be read.
    pub corpus_skipped: Vec<Skipped>,
    /// What the claims cache did, when there is one.
    pub cache: Option<CacheStats>,
    /// The claims the check read, freed with the outcome: a process that ends without
    /// dropping it (the binary) does not spend its last tenths of a second freeing a corpus's
    /// claims one article at a time.
    #[expect(dead_code, reason = "held to be freed with the outcome, never read")]
    read: Arc<Vec<Claims>>,
}

impl Checked {
    /// Whether the check fails: a finding left in the report whose verdict `fail_on` counts.
    pub fn fails(&self, fail_on: FailOn) -> bool {
        self.report
            .findings
            .iter()
            .any(|f| fail_on.fails(f.verdict))
    }
}

fn involves(f: &Finding, is_new: &dyn Fn(&str) -> bool) -> bool {
    f.claims.iter().any(|c| is_new(&c.article))
}

/// A disagreement the corpus alone already has (as severe), to which the new articles only add
/// values the corpus already gives.
fn inherited(f: &Finding, corpus: &[Finding], is_new: &dyn Fn(&str) -> bool) -> bool {
    corpus
        .iter()
        .find(|o| o.topic == f.topic && o.subject == f.subject)
        .is_some_and(|old| {
            inherited_from(
                f,
                old.verdict,
                |v| old.claims.iter().any(|o| *o.normalized == *v),
                is_new,
            )
        })
}

/// [`inherited`], the corpus's finding on the same group given by its verdict and values.
fn inherited_from(
    f: &Finding,
    old_verdict: Verdict,
    old_has: impl Fn(&str) -> bool,
    is_new: &dyn Fn(&str) -> bool,
) -> bool {
    f.verdict.is_disagreement()
        && old_verdict <= f.verdict
        && f.claims
            .iter()
            .filter(|c| is_new(&c.article))
            .all(|c| old_has(&c.normalized))
}

/// The findings of `full` that involve a new article, without the inherited ones.
pub fn select(full: &[Finding], corpus: &[Finding], new_ids: &HashSet<String>) -> Vec<Finding> {
    let is_new = |a: &str| new_ids.contains(a);
    full.iter()
        .filter(|f| involves(f, &is_new) && !inherited(f, corpus, &is_new))
        .cloned()
        .collect()
}

/// Run the check: read everything once (through the cache in `cache_dir` if given), then
/// [`check_sources`].
pub fn check(
    ci: &CheckInputs,
    rules: &Rules,
    baseline: Option<&Baseline>,
    cache_dir: Option<&Path>,
    detail: Detail,
    progress: &(dyn Fn() + Sync),
) -> Checked {
    let (sources, stats) = cache::read_all(&ci.inputs.files, rules, cache_dir, progress);
    let mut checked = check_sources(ci, sources, rules, baseline, detail);
    checked.cache = stats;
    checked
}

/// The numbers of the subjects of one topic, by the subjects' bytes.
type SubjectNumbers = HashMap<Box<[u8]>, usize>;

/// A set of (topic, subject) keys, each with its number (in order of insertion). Looked up by
/// bytes: a claim's head is matched against it before its strings are checked as UTF-8.
#[derive(Debug, Default)]
struct Keys {
    by_topic: HashMap<Box<[u8]>, SubjectNumbers>,
    /// The keys by number.
    keys: Vec<(String, String)>,
}

impl Keys {
    fn insert(&mut self, topic: &str, subject: &str) {
        let next = self.keys.len();
        let subjects = match self.by_topic.get_mut(topic.as_bytes()) {
            Some(s) => s,
            None => self.by_topic.entry(topic.as_bytes().into()).or_default(),
        };
        if !subjects.contains_key(subject.as_bytes()) {
            subjects.insert(subject.as_bytes().into(), next);
            self.keys.push((topic.to_string(), subject.to_string()));
        }
    }

    fn get(&self, topic: &[u8], subject: &[u8]) -> Option<usize> {
        self.by_topic.get(topic)?.get(subject).copied()
    }

    fn contains(&self, topic: &str, subject: &str) -> bool {
        self.get(topic.as_bytes(), subject.as_bytes()).is_some()
    }

    fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    fn len(&self) -> usize {
        self.keys.len()
    }

    /// The keys by number.
    fn by_number(&self) -> Vec<(&str, &str)> {
        self.iter().collect()
    }

    /// The keys in order of their numbers.
    fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.keys.iter().map(|(t, s)| (t.as_str(), s.as_str()))
    }
}

/// One side of a check (the corpus with the new articles, or the corpus alone) resolved as
/// `resolve::resolve` would resolve it: its canonical names and the dates of its rounds.
struct Side<'a> {
    /// Which sources take part.
    member: &'a (dyn Fn(usize) -> bool + Sync),
    canon: HashMap<String, String>,
    round_dates: BTreeMap<u32, EventDate>,
}

/// What the corpus alone is needed for, when it resolves names as the full run does: which
/// groups, the dates of its rounds.
struct CorpusPlan<'a> {
    /// Whether the corpus alone's finding on a group is needed, given the full run's verdict,
    /// topic and subject.
    need: &'a (dyn Fn(Verdict, &str, &str) -> bool + Sync),
    round_dates: &'a BTreeMap<u32, EventDate>,
    with_baseline: bool,
}

/// An event as a claim states it, or the label it takes once rounds are linked to dates
/// (shared by the claims of a group that take it).
#[derive(Clone, Debug)]
enum Event<'a> {
    Stated(&'a str),
    Linked(Arc<str>),
}

impl Event<'_> {
    fn as_str(&self) -> &str {
        match self {
            Event::Stated(e) => e,
            Event::Linked(e) => e,
        }
    }
}

/// One claim of a group as its side resolves it (names and events), its strings borrowed
/// from the sources: what a verdict reads, and where to decode the claim from should its
/// finding be reported.
#[derive(Clone, Debug)]
struct View<'a> {
    source: usize,
    at: usize,
    /// The article's place among the ids of the run and the claim's offset: the order of a
    /// group's claims.
    order: (u32, u64),
    new: bool,
    article: &'a str,
    kind: ValueKind,
    value: &'a str,
    normalized: &'a str,
    interval: Option<Interval>,
    hedge: Option<&'a str>,
    tenure: Option<Tenure>,
    event: Option<Event<'a>>,
    /// The event and date as the claim states them, before linking.
    stated: Option<(&'a str, Option<Date>)>,
}

impl ClaimView for View<'_> {
    fn article(&self) -> &str {
        self.article
    }
    fn kind(&self) -> ValueKind {
        self.kind
    }
    fn value(&self) -> &str {
        self.value
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
        self.event.as_ref().map(Event::as_str)
    }
}

/// The labels rounds link stated events to, each computed once per group.
#[derive(Default)]
struct Links<'a>(HashMap<(&'a str, Option<Date>), Option<Arc<str>>>);

impl<'a> Links<'a> {
    /// The event a claim stating `stated` takes with these round dates (as
    /// `resolve::apply_events` gives it).
    fn event(
        &mut self,
        stated: Option<(&'a str, Option<Date>)>,
        round_dates: &BTreeMap<u32, EventDate>,
    ) -> Option<Event<'a>> {
        let (e, date) = stated?;
        let linked = self
            .0
            .entry((e, date))
            .or_insert_with(|| {
                resolve::linked_event(Some(e), date, round_dates).map(|(l, _)| Arc::from(l))
            })
            .clone();
        Some(linked.map_or(Event::Stated(e), Event::Linked))
    }
}

/// The finding of one side on one group, and if the plan needs it the corpus alone's. The
/// views its verdict was reached on are not kept (about 200 bytes a claim, and the groups a
/// new article touches can hold most of a corpus's claims): only where its claims are and
/// what the rest of the check asks of them.
struct Group<'a> {
    topic: &'a str,
    subject: &'a str,
    verdict: Verdict,
    reason: String,
    events: Vec<String>,
    /// Where the group's claims are (source, position), in the order of a finding (article,
    /// then offset).
    places: Vec<(usize, usize)>,
    /// The normalized values of the new articles' claims; empty when the group has none.
    new_values: Vec<&'a str>,
    /// The normalized values of all its claims, if [`Wants::values`].
    values: Option<FxHashSet<String>>,
    /// Its baseline fingerprint, if [`Wants::fingerprint`].
    fingerprint: Option<String>,
    alone: Option<Alone>,
}

/// What a group keeps of its views besides its verdict.
#[derive(Clone, Copy, Debug, Default)]
struct Wants {
    /// The baseline fingerprint.
    fingerprint: bool,
    /// The set of its normalized values.
    values: bool,
}

impl Group<'_> {
    fn involves_new(&self) -> bool {
        !self.new_values.is_empty()
    }

    /// A disagreement the corpus alone already has (as severe), to which the new articles
    /// only add values the corpus already gives.
    fn inherited_from(&self, old: &Alone) -> bool {
        self.verdict.is_disagreement()
            && old.verdict <= self.verdict
            && self.new_values.iter().all(|v| old.values.contains(*v))
    }

    /// The finding, with its claims (decoded from the sources and resolved as `side` resolves
    /// them) if `detail` asks for them.
    fn finding(self, sources: &[Source], side: &Side<'_>, detail: Detail) -> Finding {
        let mut claims: Vec<Claim> = Vec::new();
        if detail.claims_of(self.verdict) {
            claims = self
                .places
                .iter()
                .filter_map(|&(source, at)| match sources.get(source) {
                    Some(Source::Read(a, c)) => c.claim_at(at, &a.id),
                    _ => None,
                })
                .collect();
            resolve::apply_names(&mut claims, &side.canon);
            resolve::apply_events(&mut claims, &side.round_dates);
        }
        Finding {
            topic: self.topic.to_string(),
            subject: self.subject.to_string(),
            events: self.events,
            verdict: self.verdict,
            reason: self.reason,
            claims,
        }
    }
}

/// What a run is ordered by: each source's place among the article ids.
fn ranks(sources: &[Source]) -> Vec<u32> {
    let mut order: Vec<(&str, usize)> = sources
        .iter()
        .enumerate()
        .filter_map(|(i, s)| match s {
            Source::Read(a, _) => Some((a.id.as_str(), i)),
            Source::Skipped(_) => None,
        })
        .collect();
    order.par_sort_unstable();
    let mut rank = vec![u32::MAX; sources.len()];
    for (r, (_, i)) in order.into_iter().enumerate() {
        if let Some(slot) = rank.get_mut(i) {
            *slot = u32::try_from(r).unwrap_or(u32::MAX);
        }
    }
    rank
}

/// What every group of a side shares.
struct Run<'a> {
    sources: &'a [Source],
    ranks: &'a [u32],
    new: &'a [bool],
    dates: &'a HashMap<String, Date>,
}

/// The findings of `side` on the groups in `keys`, sorted as `compare::findings` sorts them:
/// exactly those of `build_report` over the side's articles, whose other groups are not
/// built, on views of the claims (a finding's claims are decoded only if it is reported). A
/// group's verdict depends only on its own claims (and the articles' dates); the names and
/// round dates its claims are resolved with come from the whole side.
///
/// With a `corpus` plan (the corpus alone resolves every name of the corpus as `side` does),
/// the corpus alone's verdict on a group the plan needs comes along: the group without the new
/// articles' claims, their events linked with the corpus alone's round dates.
fn groups_on<'a>(
    run: &Run<'a>,
    side: &'a Side<'_>,
    keys: &'a Keys,
    wants: Wants,
    corpus: Option<&CorpusPlan<'_>>,
) -> Vec<Group<'a>> {
    if keys.is_empty() {
        return Vec::new();
    }
    let sources = run.sources;
    // Where each group's claims are (source, position), in run order.
    let per_source: Vec<Vec<(usize, usize)>> = sources
        .par_iter()
        .enumerate()
        .map(|(i, s)| match s {
            Source::Read(_, claims) if (side.member)(i) => claims.positions(|h| {
                // Only a title's subject (a name) is resolved, so only it is read as text.
                if h.kind == ValueKind::Title {
                    let subject = std::str::from_utf8(h.subject).ok()?;
                    let subject = resolve::resolved_subject(h.kind, subject, &side.canon);
                    keys.get(h.topic, subject.as_bytes())
                } else {
                    keys.get(h.topic, h.subject)
                }
            }),
            _ => Vec::new(),
        })
        .collect();
    let mut places: Vec<Vec<(usize, usize)>> = (0..keys.len()).map(|_| Vec::new()).collect();
    for (source, found) in per_source.into_iter().enumerate() {
        for (g, at) in found {
            if let Some(p) = places.get_mut(g) {
                p.push((source, at));
            }
        }
    }
    let names = keys.by_number();
    let mut out: Vec<Group<'a>> = places
        .into_par_iter()
        .zip(names.into_par_iter())
        .filter_map(|(places, (topic, subject))| {
            group_on(run, side, topic, subject, places, wants, corpus)
        })
        .collect();
    out.sort_by(|a, b| {
        a.verdict
            .cmp(&b.verdict)
            .then(a.topic.cmp(b.topic))
            .then(a.subject.cmp(b.subject))
    });
    out
}

/// [`groups_on`] of one group, its claims at `places` in run order.
fn group_on<'a>(
    run: &Run<'a>,
    side: &'a Side<'_>,
    topic: &'a str,
    subject: &'a str,
    places: Vec<(usize, usize)>,
    wants: Wants,
    corpus: Option<&CorpusPlan<'_>>,
) -> Option<Group<'a>> {
    let mut links = Links::default();
    let mut views: Vec<View<'a>> = Vec::with_capacity(places.len());
    for (source, at) in places {
        let Some(Source::Read(a, claims)) = run.sources.get(source) else {
            continue;
        };
        let Some(c) = claims.claim_ref(at) else {
            continue;
        };
        // As `resolve::apply_names`: a person claim's value is a name.
        let normalized = match c.kind {
            ValueKind::Person => side
                .canon
                .get(c.normalized)
                .map_or(c.normalized, String::as_str),
            _ => c.normalized,
        };
        let stated = c.event.map(|e| (e, c.date));
        views.push(View {
            source,
            at,
            order: (run.ranks.get(source).copied().unwrap_or(u32::MAX), c.start),
            new: run.new.get(source).copied().unwrap_or(false),
            article: &a.id,
            kind: c.kind,
            value: c.value,
            normalized,
            interval: c.interval,
            hedge: c.hedge,
            tenure: c.tenure,
            event: links.event(stated, &side.round_dates),
            stated,
        });
    }
    // Stable: claims at the same offset of one article stay in run order, as in `compare`.
    views.sort_by_key(|v| v.order);
    let (verdict, reason) = {
        let refs: Vec<&View<'a>> = views.iter().collect();
        compare::group_verdict(topic, &refs, run.dates)?
    };
    let mut events: Vec<String> = Vec::new();
    {
        let mut seen: HashSet<&str, rustc_hash::FxBuildHasher> = HashSet::default();
        for e in views.iter().filter_map(ClaimView::event) {
            if seen.insert(e) {
                events.push(e.to_string());
            }
        }
    }
    let alone = match corpus {
        Some(p) if (p.need)(verdict, topic, subject) => {
            alone_on(topic, subject, &views, side, p, run.dates)
        }
        _ => None,
    };
    let fingerprint = wants.fingerprint.then(|| {
        let refs: Vec<&View<'_>> = views.iter().collect();
        crate::baseline::fingerprint_of(topic, subject, &refs)
    });
    let values = wants
        .values
        .then(|| views.iter().map(|v| v.normalized.to_string()).collect());
    Some(Group {
        topic,
        subject,
        verdict,
        reason,
        events,
        places: views.iter().map(|v| (v.source, v.at)).collect(),
        new_values: views
            .iter()
            .filter(|v| v.new)
            .map(|v| v.normalized)
            .collect(),
        values,
        fingerprint,
        alone,
    })
}

/// The corpus alone's finding on a group of the full run (`views`, sorted), when the corpus
/// alone resolves names as the full run does: the group without the new articles' claims.
/// `None` when the plan does not need it (a new value the corpus does not give is not
/// inherited, whatever the corpus's verdict) or the corpus alone has no finding there.
fn alone_on(
    topic: &str,
    subject: &str,
    views: &[View<'_>],
    side: &Side<'_>,
    plan: &CorpusPlan<'_>,
    dates: &HashMap<String, Date>,
) -> Option<Alone> {
    let mut values: FxHashSet<String> = FxHashSet::default();
    for v in views.iter().filter(|v| !v.new) {
        if !values.contains(v.normalized) {
            values.insert(v.normalized.to_string());
        }
    }
    let repeats = views
        .iter()
        .filter(|v| v.new)
        .all(|v| values.contains(v.normalized));
    if !repeats && !plan.with_baseline {
        return None;
    }
    // The corpus's claims, their events linked with the corpus alone's round dates.
    let relinked: Vec<View<'_>>;
    let claims: Vec<&View<'_>> = if *plan.round_dates == side.round_dates {
        views.iter().filter(|v| !v.new).collect()
    } else {
        let mut links = Links::default();
        relinked = views
            .iter()
            .filter(|v| !v.new)
            .map(|v| View {
                event: links.event(v.stated, plan.round_dates),
                ..v.clone()
            })
            .collect();
        relinked.iter().collect()
    };
    let (verdict, _) = compare::group_verdict(topic, &claims, dates)?;
    Some(Alone {
        topic: topic.to_string(),
        subject: subject.to_string(),
        verdict,
        values,
        fingerprint: plan
            .with_baseline
            .then(|| crate::baseline::fingerprint_of(topic, subject, &claims)),
    })
}

/// How often each name (a title's subject, a person claim's value) occurs in the sources
/// `member` keeps.
fn name_counts<'a>(
    sources: &'a [Source],
    member: &(dyn Fn(usize) -> bool + Sync),
) -> HashMap<&'a str, usize> {
    sources
        .par_iter()
        .enumerate()
        .fold(
            HashMap::default,
            |mut m: HashMap<&'a str, usize>, (i, s)| {
                if let Source::Read(_, claims) = s
                    && member(i)
                {
                    claims.raw_heads(|h, _| {
                        if let Some(n) = resolve::name_of(h.kind, h.subject, h.normalized)
                            && let Ok(n) = std::str::from_utf8(n)
                        {
                            *m.entry(n).or_default() += 1;
                        }
                    });
                }
                m
            },
        )
        .reduce(HashMap::default, |mut a, b| {
            for (n, c) in b {
                *a.entry(n).or_default() += c;
            }
            a
        })
}

fn counted(counts: &HashMap<&str, usize>) -> BTreeMap<String, usize> {
    counts
        .iter()
        .filter(|(_, c)| **c > 0)
        .map(|(n, c)| (n.to_string(), *c))
        .collect()
}

/// The check of sources already read: the same report as [`check_full`], computed on the
/// groups that matter only. The new articles' claims name the groups (topic, subject once
/// names are resolved) their findings can be in; only the claims of those groups are decoded
/// and compared. The corpus alone is compared only on the groups where the new articles
/// disagree (to leave out inherited disagreements), and both runs also on the groups of
/// baseline entries (to find the stale ones). Names and round dates are resolved over all
/// articles of each run, as `build_report` does. The findings whose verdict `detail` leaves
/// out come without their claims.
pub fn check_sources(
    ci: &CheckInputs,
    sources: Vec<Source>,
    rules: &Rules,
    baseline: Option<&Baseline>,
    detail: Detail,
) -> Checked {
    // An entry whose fingerprint is not its own could match a finding of any group.
    if let Some(b) = baseline
        && b.entries
            .iter()
            .any(|e| crate::baseline::entry_fingerprint(e) != e.fingerprint)
    {
        let extracted = sources
            .into_par_iter()
            .map(Source::into_extracted)
            .collect();
        let mut checked = check_full(ci, extracted, rules, baseline);
        for f in &mut checked.report.findings {
            if !detail.claims_of(f.verdict) {
                f.claims = Vec::new();
            }
        }
        return checked;
    }
    let new: Vec<bool> = sources
        .iter()
        .map(|s| matches!(s, Source::Read(a, _) if ci.new_ids.contains(&a.id)))
        .collect();
    let all = |_: usize| true;
    let corpus_only = |i: usize| !new.get(i).copied().unwrap_or(false);
    let new_only = |i: usize| new.get(i).copied().unwrap_or(false);
    let dates: HashMap<String, Date> = sources
        .iter()
        .filter_map(|s| match s {
            Source::Read(a, _) => a.published.map(|d| (a.id.clone(), d)),
            Source::Skipped(_) => None,
        })
        .collect();
    let round_dates = |member: &dyn Fn(usize) -> bool| {
        resolve::round_date_map(sources.iter().enumerate().flat_map(|(i, s)| match s {
            Source::Read(_, c) if member(i) => c.round_dates(),
            _ => &[],
        }))
    };
    let baseline_keys = {
        let mut k = Keys::default();
        for e in baseline.map_or(&[][..], |b| &b.entries) {
            k.insert(&e.topic, &e.subject);
        }
        k
    };

    // The corpus with the new articles.
    let all_counts = name_counts(&sources, &all);
    let full = Side {
        member: &all,
        canon: resolve::canonical_names_counted(&counted(&all_counts), &rules.vocab),
        round_dates: round_dates(&all),
    };
    let mut touched = Keys::default();
    for (i, s) in sources.iter().enumerate() {
        if let Source::Read(_, claims) = s
            && new_only(i)
        {
            claims.heads(|h| {
                touched.insert(
                    h.topic,
                    resolve::resolved_subject(h.kind, h.subject, &full.canon),
                );
            });
        }
    }
    let mut full_keys = Keys::default();
    for (t, s) in touched.iter().chain(baseline_keys.iter()) {
        full_keys.insert(t, s);
    }
    // The corpus alone, on the groups where the new articles disagree (is the disagreement
    // the corpus's own?) and on those of the baseline (is an entry stale?).
    let need = |verdict: Verdict, topic: &str, subject: &str| {
        (verdict.is_disagreement() && touched.contains(topic, subject))
            || baseline_keys.contains(topic, subject)
    };
    let mut corpus_counts = all_counts;
    for (n, c) in name_counts(&sources, &new_only) {
        if let Some(total) = corpus_counts.get_mut(n) {
            *total -= c.min(*total);
        }
    }
    let corpus = Side {
        member: &corpus_only,
        canon: resolve::canonical_names_counted(&counted(&corpus_counts), &rules.vocab),
        round_dates: round_dates(&corpus_only),
    };
    // When the new articles change how no name of the corpus resolves, every corpus claim is
    // in the same group alone as with them: a group of the corpus alone is the full run's
    // group without the new articles' claims, in the same order. Else the corpus alone's
    // groups are built on their own.
    let same_names = corpus
        .canon
        .iter()
        .all(|(n, to)| full.canon.get(n) == Some(to));
    let with_baseline = baseline.is_some();
    let plan = CorpusPlan {
        need: &need,
        round_dates: &corpus.round_dates,
        with_baseline,
    };
    let ranks = ranks(&sources);
    let run = Run {
        sources: &sources,
        ranks: &ranks,
        new: &new,
        dates: &dates,
    };
    let full_wants = Wants {
        fingerprint: with_baseline,
        values: false,
    };
    let full_groups = groups_on(
        &run,
        &full,
        &full_keys,
        full_wants,
        same_names.then_some(&plan),
    );
    let mut alone: Vec<Alone> = Vec::new();
    if same_names {
        alone.extend(full_groups.iter().filter_map(|g| g.alone.clone()));
    } else {
        let mut corpus_keys = Keys::default();
        for g in full_groups
            .iter()
            .filter(|g| need(g.verdict, g.topic, g.subject))
        {
            corpus_keys.insert(g.topic, g.subject);
        }
        for (t, s) in baseline_keys.iter() {
            corpus_keys.insert(t, s);
        }
        let wants = Wants {
            fingerprint: with_baseline,
            values: true,
        };
        alone = groups_on(&run, &corpus, &corpus_keys, wants, None)
            .into_iter()
            .map(|g| Alone {
                topic: g.topic.to_string(),
                subject: g.subject.to_string(),
                verdict: g.verdict,
                values: g.values.unwrap_or_default(),
                fingerprint: g.fingerprint,
            })
            .collect();
    }
    let keep: Vec<bool> = {
        let by_key: HashMap<(&str, &str), &Alone> = alone
            .iter()
            .map(|a| ((a.topic.as_str(), a.subject.as_str()), a))
            .collect();
        full_groups
            .iter()
            .map(|g| {
                g.involves_new()
                    && !by_key
                        .get(&(g.topic, g.subject))
                        .is_some_and(|old| g.inherited_from(old))
            })
            .collect()
    };
    let mut current: HashSet<String> = alone.into_iter().filter_map(|a| a.fingerprint).collect();

    // The selected findings are decoded into the report; the others only count for the
    // baseline.
    let mut selected = Vec::new();
    for (mut g, keep) in full_groups.into_iter().zip(keep) {
        if keep {
            selected.push(g);
        } else if let Some(fingerprint) = g.fingerprint.take() {
            current.insert(fingerprint);
        }
    }
    // The baseline matches the selected findings by the fingerprints of their groups: the
    // findings may come without claims.
    let (own, findings): (Vec<Option<String>>, Vec<Finding>) = selected
        .into_par_iter()
        .map(|mut g| {
            let fingerprint = g.fingerprint.take();
            (fingerprint, g.finding(&sources, &full, detail))
        })
        .unzip();
    // Each article's claims go with the outcome (see `Checked::read`).
    let mut articles = Vec::with_capacity(sources.len());
    let mut read = Vec::with_capacity(sources.len());
    let mut skipped = ci.inputs.skipped.clone();
    for s in sources {
        match s {
            Source::Read(a, c) => {
                articles.push(a);
                read.push(c);
            }
            Source::Skipped(s) => skipped.push(s),
        }
    }
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    let mut report = Report {
        version: Report::VERSION,
        articles,
        skipped,
        findings,
        accepted: 0,
        stale: Vec::new(),
    };
    if let Some(b) = baseline {
        let own: Vec<String> = own.into_iter().flatten().collect();
        b.apply_known(&mut report, &own, current);
    }
    Checked {
        read: Arc::new(read),
        ..finish(ci, report)
    }
}

/// What the corpus alone finds on one group: enough to tell whether a disagreement of the new
/// articles is inherited, and whether a baseline entry is stale.
#[derive(Clone, Debug)]
struct Alone {
    topic: String,
    subject: String,
    verdict: Verdict,
    values: FxHashSet<String>,
    fingerprint: Option<String>,
}

/// The check computed in full, as `report` would: the corpus with the new articles and the
/// corpus alone compared on every group. The reference [`check_sources`] is tested against.
#[doc(hidden)]
pub fn check_full(
    ci: &CheckInputs,
    extracted: Vec<Extracted>,
    rules: &Rules,
    baseline: Option<&Baseline>,
) -> Checked {
    let corpus_only: Vec<Extracted> = extracted
        .iter()
        .filter(|e| match e {
            Extracted::Read(a, _) => !ci.new_ids.contains(&a.id),
            Extracted::Skipped(_) => false,
        })
        .cloned()
        .collect();
    let full = build_report(extracted, ci.inputs.skipped.clone(), rules);
    let corpus = build_report(corpus_only, Vec::new(), rules);
    let selected = select(&full.findings, &corpus.findings, &ci.new_ids);
    let mut report = Report {
        findings: selected,
        ..full.clone()
    };
    if let Some(b) = baseline {
        b.apply(&mut report, &[&full.findings, &corpus.findings]);
    }
    finish(ci, report)
}

fn finish(ci: &CheckInputs, report: Report) -> Checked {
    let (new_skipped, corpus_skipped) = report
        .skipped
        .iter()
        .cloned()
        .partition(|s| ci.new_paths.contains(&s.path));
    Checked {
        report,
        new_skipped,
        corpus_skipped,
        cache: None,
        read: Arc::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::sample;

    fn ids(v: &[&str]) -> HashSet<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn only_findings_with_a_claim_of_a_new_article_are_kept() {
        let r = sample::report();
        let new = ids(&[sample::C]);
        let kept = select(&r.findings, &[], &new);
        assert!(!kept.is_empty());
        assert!(kept.len() < r.findings.len());
        for f in &r.findings {
            let has = f.claims.iter().any(|c| &*c.article == sample::C);
            assert_eq!(kept.iter().any(|k| k == f), has, "{}", f.subject);
        }
        assert!(select(&r.findings, &[], &ids(&["nobody"])).is_empty());
    }

    #[test]
    fn a_known_disagreement_the_new_article_only_repeats_is_left_out() {
        let r = sample::report();
        let f = r
            .findings
            .iter()
            .find(|f| f.verdict == Verdict::Contradiction && f.claims.len() >= 3)
            .unwrap()
            .clone();
        // The new article repeats the first claim's value.
        let mut full = f.clone();
        let mut repeat = f.claims[0].clone();
        repeat.article = "new".into();
        full.claims.push(repeat);
        let new = ids(&["new"]);
        assert!(select(std::slice::from_ref(&full), std::slice::from_ref(&f), &new).is_empty());
        // Without the corpus finding it is new.
        assert_eq!(select(std::slice::from_ref(&full), &[], &new).len(), 1);
        // A value the corpus does not give is new, even if the verdict stays.
        let mut third = f.claims[0].clone();
        third.article = "new".into();
        third.normalized = "something else".into();
        let mut full2 = f.clone();
        full2.claims.push(third);
        assert_eq!(
            select(std::slice::from_ref(&full2), std::slice::from_ref(&f), &new).len(),
            1
        );
        // A disagreement the new article makes worse (changed → contradiction) is new.
        let mut milder = f.clone();
        milder.verdict = Verdict::Changed;
        assert_eq!(
            select(
                std::slice::from_ref(&full),
                std::slice::from_ref(&milder),
                &new
            )
            .len(),
            1
        );
    }

    #[test]
    fn fail_on() {
        assert!(FailOn::Contradiction.fails(Verdict::Contradiction));
        assert!(!FailOn::Contradiction.fails(Verdict::Changed));
        assert!(FailOn::Changed.fails(Verdict::Changed));
        assert!(FailOn::Changed.fails(Verdict::Contradiction));
        assert!(!FailOn::Changed.fails(Verdict::Compatible));
        assert!(!FailOn::Changed.fails(Verdict::Agreement));
    }

    #[test]
    fn a_new_file_inside_the_corpus_is_read_once_as_new() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(corpus.join("a.txt"), "A sentence.").unwrap();
        std::fs::write(corpus.join("b.txt"), "B sentence.").unwrap();
        let ci = collect(&[corpus.join("b.txt")], std::slice::from_ref(&corpus), "-").unwrap();
        assert_eq!(ci.inputs.files.len(), 2);
        assert_eq!(ci.new_ids, ids(&["b"]));
        let new = &ci.inputs.files[0];
        assert_eq!(new.id, "b");
        assert!(ci.new_paths.contains(&new.display));
    }
}
