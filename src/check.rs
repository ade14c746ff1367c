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

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use crate::baseline::Baseline;
use crate::cache::{self, CacheStats, Source};
use crate::compare;
use crate::extract::events::EventDate;
use crate::input::{self, InputError, Inputs};
use crate::model::{ArticleSummary, Claim, Date, Finding, Report, Skipped, Verdict};
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
                |v| old.claims.iter().any(|o| o.normalized == v),
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
    progress: &(dyn Fn() + Sync),
) -> Checked {
    let (sources, stats) = cache::read_all(&ci.inputs.files, rules, cache_dir, progress);
    let mut checked = check_sources(ci, sources, rules, baseline);
    checked.cache = stats;
    checked
}

/// A set of (topic, subject) keys, each with its number (in order of insertion).
#[derive(Debug, Default)]
struct Keys {
    by_topic: HashMap<String, HashMap<String, usize>>,
    len: usize,
}

impl Keys {
    fn insert(&mut self, topic: &str, subject: &str) {
        let next = self.len;
        let subjects = match self.by_topic.get_mut(topic) {
            Some(s) => s,
            None => self.by_topic.entry(topic.to_string()).or_default(),
        };
        if !subjects.contains_key(subject) {
            subjects.insert(subject.to_string(), next);
            self.len += 1;
        }
    }

    fn get(&self, topic: &str, subject: &str) -> Option<usize> {
        self.by_topic.get(topic)?.get(subject).copied()
    }

    fn contains(&self, topic: &str, subject: &str) -> bool {
        self.get(topic, subject).is_some()
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.by_topic
            .iter()
            .flat_map(|(t, s)| s.keys().map(move |s| (t.as_str(), s.as_str())))
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
/// groups, the dates of its rounds, which articles are new.
struct CorpusPlan<'a> {
    /// Whether the corpus alone's finding on a group is needed, given the full run's finding.
    need: &'a (dyn Fn(&Finding) -> bool + Sync),
    round_dates: &'a BTreeMap<u32, EventDate>,
    is_new: &'a (dyn Fn(&str) -> bool + Sync),
    with_baseline: bool,
}

/// The findings of `side` on the groups in `keys`: exactly those of `build_report` over the
/// side's articles, whose other groups are not built. A group's verdict depends only on its
/// own claims (and the articles' dates); the names and round dates its claims are resolved
/// with come from the whole side.
///
/// With a `corpus` plan (the corpus alone resolves every name of the corpus as `side` does),
/// the corpus alone's verdict on a group the plan needs comes along: the group without the new
/// articles' claims, on borrowed claims, those whose event links to another round date in the
/// corpus alone copied with that event.
fn findings_on(
    sources: &[Source],
    side: &Side<'_>,
    keys: &Keys,
    dates: &HashMap<String, Date>,
    corpus: Option<&CorpusPlan<'_>>,
) -> (Vec<Finding>, Vec<Alone>) {
    if keys.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let per_source: Vec<Vec<(usize, Claim)>> = sources
        .par_iter()
        .enumerate()
        .map(|(i, s)| match s {
            Source::Read(a, claims) if (side.member)(i) => claims.select_with(&a.id, |h| {
                keys.get(
                    h.topic,
                    resolve::resolved_subject(h.kind, h.subject, &side.canon),
                )
            }),
            _ => Vec::new(),
        })
        .collect();
    // One group per key, its claims in run order: resolved and compared apart, in parallel.
    let mut sizes = vec![0usize; keys.len];
    for (g, _) in per_source.iter().flatten() {
        if let Some(n) = sizes.get_mut(*g) {
            *n += 1;
        }
    }
    let mut groups: Vec<Vec<Claim>> = sizes.into_iter().map(Vec::with_capacity).collect();
    for (g, c) in per_source.into_iter().flatten() {
        if let Some(group) = groups.get_mut(g) {
            group.push(c);
        }
    }
    let results: Vec<(Option<Finding>, Option<Alone>)> = groups
        .into_par_iter()
        .map(|g| group_findings(g, side, dates, corpus))
        .collect();
    let mut out = Vec::new();
    let mut alone = Vec::new();
    for (f, a) in results {
        out.extend(f);
        alone.extend(a);
    }
    // The order of `compare::findings` (keys are unique, so the order is total).
    out.sort_by(|a, b| {
        a.verdict
            .cmp(&b.verdict)
            .then(a.topic.cmp(&b.topic))
            .then(a.subject.cmp(&b.subject))
    });
    (out, alone)
}

/// The finding of one group (its claims in run order) and, if the plan needs it, the corpus
/// alone's.
fn group_findings(
    mut g: Vec<Claim>,
    side: &Side<'_>,
    dates: &HashMap<String, Date>,
    corpus: Option<&CorpusPlan<'_>>,
) -> (Option<Finding>, Option<Alone>) {
    resolve::apply_names(&mut g, &side.canon);
    // The event and date each corpus claim takes in the corpus alone, where not the same, in
    // the order `compare` sorts a group's claims in (a stable sort by article and offset, so
    // the corpus alone's claims are in the same order, a subsequence).
    let corpus_events: Vec<Option<(Option<String>, Option<Date>)>> = match corpus {
        Some(p) if *p.round_dates != side.round_dates => {
            let mut order: Vec<usize> = (0..g.len()).collect();
            order.sort_by(|&a, &b| {
                g[a].article
                    .cmp(&g[b].article)
                    .then(g[a].start.cmp(&g[b].start))
            });
            order
                .into_iter()
                .map(|i| {
                    let c = &g[i];
                    if (p.is_new)(&c.article) {
                        return None;
                    }
                    let event = c.event.as_deref();
                    let alone = resolve::linked_event(event, c.date, p.round_dates);
                    let full = resolve::linked_event(event, c.date, &side.round_dates);
                    (alone != full).then(|| {
                        alone.map_or_else(|| (c.event.clone(), c.date), |(e, d)| (Some(e), d))
                    })
                })
                .collect()
        }
        _ => Vec::new(),
    };
    resolve::apply_events(&mut g, &side.round_dates);
    let finding = compare::findings_owned(g, dates).into_iter().next();
    let alone = match (corpus, &finding) {
        (Some(p), Some(f)) if (p.need)(f) => {
            let copies: Vec<(usize, Claim)> = corpus_events
                .iter()
                .enumerate()
                .filter_map(|(i, e)| {
                    let (event, date) = e.clone()?;
                    let c = f.claims.get(i)?;
                    Some((
                        i,
                        Claim {
                            event,
                            date,
                            ..c.clone()
                        },
                    ))
                })
                .collect();
            let mut copied = copies.iter().peekable();
            let mut claims: Vec<&Claim> = Vec::with_capacity(f.claims.len());
            for (i, c) in f.claims.iter().enumerate() {
                if let Some((_, copy)) = copied.next_if(|(at, _)| *at == i) {
                    claims.push(copy);
                } else if !(p.is_new)(&c.article) {
                    claims.push(c);
                }
            }
            let values = distinct_values(&claims);
            // A new value the corpus does not give: not inherited, whatever the corpus's
            // verdict (only a baseline still needs the corpus's finding).
            let repeats = f
                .claims
                .iter()
                .filter(|c| (p.is_new)(&c.article))
                .all(|c| values.contains(&c.normalized));
            if !repeats && !p.with_baseline {
                return (finding, None);
            }
            compare::group_verdict(&f.topic, &claims, dates).map(|(verdict, _)| Alone {
                topic: f.topic.clone(),
                subject: f.subject.clone(),
                verdict,
                values,
                fingerprint: p
                    .with_baseline
                    .then(|| crate::baseline::fingerprint_of(&f.topic, &f.subject, &claims)),
            })
        }
        _ => None,
    };
    (finding, alone)
}

fn distinct_values(claims: &[&Claim]) -> HashSet<String> {
    let mut values = HashSet::new();
    for c in claims {
        if !values.contains(&c.normalized) {
            values.insert(c.normalized.clone());
        }
    }
    values
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
                    claims.heads(|h| {
                        if let Some(n) = resolve::name_of(h.kind, h.subject, h.normalized) {
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
/// articles of each run, as `build_report` does.
pub fn check_sources(
    ci: &CheckInputs,
    sources: Vec<Source>,
    rules: &Rules,
    baseline: Option<&Baseline>,
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
        return check_full(ci, extracted, rules, baseline);
    }
    let new_set: HashSet<&str, rustc_hash::FxBuildHasher> =
        ci.new_ids.iter().map(String::as_str).collect();
    let is_new = |a: &str| new_set.contains(a);
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
    let need = |f: &Finding| {
        (f.verdict.is_disagreement() && touched.contains(&f.topic, &f.subject))
            || baseline_keys.contains(&f.topic, &f.subject)
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
        is_new: &is_new,
        with_baseline,
    };
    let (full_findings, mut alone) = findings_on(
        &sources,
        &full,
        &full_keys,
        &dates,
        same_names.then_some(&plan),
    );
    let mut own_corpus = Vec::new();
    if !same_names {
        let mut corpus_keys = Keys::default();
        for f in full_findings.iter().filter(|f| need(f)) {
            corpus_keys.insert(&f.topic, &f.subject);
        }
        for (t, s) in baseline_keys.iter() {
            corpus_keys.insert(t, s);
        }
        (own_corpus, _) = findings_on(&sources, &corpus, &corpus_keys, &dates, None);
        alone = own_corpus
            .par_iter()
            .map(|f| Alone {
                topic: f.topic.clone(),
                subject: f.subject.clone(),
                verdict: f.verdict,
                values: distinct_values(&f.claims.iter().collect::<Vec<_>>()),
                fingerprint: with_baseline.then(|| crate::baseline::fingerprint(f)),
            })
            .collect();
    }
    let keep: Vec<bool> = {
        let by_key: HashMap<(&str, &str), &Alone> = alone
            .iter()
            .map(|a| ((a.topic.as_str(), a.subject.as_str()), a))
            .collect();
        full_findings
            .iter()
            .map(|f| {
                involves(f, &is_new)
                    && !by_key
                        .get(&(f.topic.as_str(), f.subject.as_str()))
                        .is_some_and(|old| {
                            inherited_from(f, old.verdict, |v| old.values.contains(v), &is_new)
                        })
            })
            .collect()
    };
    let corpus_fingerprints: HashSet<String> =
        alone.into_iter().filter_map(|a| a.fingerprint).collect();

    // The selected findings move into the report; the others only count for the baseline.
    let mut selected = Vec::new();
    let mut others = Vec::new();
    for (f, keep) in full_findings.into_iter().zip(keep) {
        if keep {
            selected.push(f);
        } else {
            others.push(f);
        }
    }
    // Each article's claims and bytes are freed on every core.
    let read: Vec<Result<ArticleSummary, Skipped>> = sources
        .into_par_iter()
        .map(|s| match s {
            Source::Read(a, _) => Ok(a),
            Source::Skipped(s) => Err(s),
        })
        .collect();
    let mut articles = Vec::with_capacity(read.len());
    let mut skipped = ci.inputs.skipped.clone();
    for r in read {
        match r {
            Ok(a) => articles.push(a),
            Err(s) => skipped.push(s),
        }
    }
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    let mut report = Report {
        version: Report::VERSION,
        articles,
        skipped,
        findings: selected,
        accepted: 0,
        stale: Vec::new(),
    };
    if let Some(b) = baseline {
        let mut current = corpus_fingerprints;
        current.extend(
            others
                .par_iter()
                .map(crate::baseline::fingerprint)
                .collect::<Vec<_>>(),
        );
        b.apply_fingerprints(&mut report, current);
    }
    // Hundreds of thousands of claims to free: in the background, while the report is
    // written.
    rayon::spawn(move || {
        others.into_par_iter().chain(own_corpus).for_each(drop);
    });
    finish(ci, report)
}

/// What the corpus alone finds on one group: enough to tell whether a disagreement of the new
/// articles is inherited, and whether a baseline entry is stale.
struct Alone {
    topic: String,
    subject: String,
    verdict: Verdict,
    values: HashSet<String>,
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
            let has = f.claims.iter().any(|c| c.article == sample::C);
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
