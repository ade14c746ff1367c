//! Baselines: known, accepted findings that must not fail every build forever.
//!
//! A baseline is a TOML file a person reads and reviews in a pull request:
//!
//! ```toml
//! version = 1
//!
//! [[accepted]]
//! topic = "official-title"
//! subject = "Donald Trump"
//! verdict = "contradiction"
//! events = []
//! values = ["former u.s. president", "president"]
//! articles = ["000_e9dbfd29550725fb", "001_f0e248a351a8f3d1"]
//! fingerprint = "5c1e0f3a9b7d2e41"
//! reason = "001 calls them the former president ..."
//! ```
//!
//! A finding is identified by its [`fingerprint`]: a hash of its topic, subject, the set of its
//! events, the set of its claims' normalized values and the set of its article ids — never line
//! numbers or byte offsets, so reformatting an article or moving its sentences does not change
//! it. `fingerprint` may be left out of a hand-written entry; it is then computed from the
//! entry's fields. `reason` is free text for the reviewer.
//!
//! Applying a baseline to a report hides the findings it accepts and lists, as `stale`, the
//! entries that match no finding any more, so a baseline cannot rot silently.

use std::collections::{BTreeSet, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::compare::ClaimView;
use crate::model::{BaselineEntry, Finding, Report, Tenure, Verdict, line_col};

/// The version of the baseline file format.
pub const VERSION: u32 = 1;

/// The canonical parts of a finding that its fingerprint hashes: all sets, sorted.
fn canonical(
    topic: &str,
    subject: &str,
    events: &BTreeSet<&str>,
    values: &BTreeSet<&str>,
    articles: &BTreeSet<&str>,
) -> String {
    // JSON of a tuple of strings and sorted string lists: unambiguous whatever the text holds.
    serde_json::json!([
        "crosscheck-finding-v1",
        topic,
        subject,
        events,
        values,
        articles
    ])
    .to_string()
}

fn hash_hex(canonical: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(canonical.as_bytes()))
}

/// The sorted, distinct events, normalized values and article ids of a finding.
/// The parts a fingerprint is made of. Events are taken without the date a round was linked
/// to ("round 1 (May 16)" → "round 1"), since that link depends on which other articles are
/// in the run; a title's value keeps its tenure ("former president").
fn parts(f: &Finding) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
    parts_of(&f.events, f.claims.iter())
}

/// [`parts`] of a finding's events and claims.
fn parts_of<'a, C: ClaimView + 'a>(
    events: &[String],
    claims: impl Iterator<Item = &'a C> + Clone,
) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
    let stable = |e: &str| e.split(" (").next().unwrap_or(e).to_string();
    let mut all_events: BTreeSet<String> = events.iter().map(|e| stable(e)).collect();
    all_events.extend(claims.clone().filter_map(|c| c.event()).map(stable));
    let mut values = BTreeSet::new();
    let mut articles = BTreeSet::new();
    for c in claims {
        // Most claims repeat a value and an article already seen: no allocation for those.
        let former = c.tenure() == Some(Tenure::Former);
        if former {
            values.insert(format!("former {}", c.normalized()));
        } else if !values.contains(c.normalized()) {
            values.insert(c.normalized().to_string());
        }
        if !articles.contains(c.article()) {
            articles.insert(c.article().to_string());
        }
    }
    (all_events, values, articles)
}

/// The fingerprint of a finding: 16 hex digits of xxh3 over its topic, subject, events,
/// normalized values and article ids (each a sorted set). Stable under reordering of claims and
/// under changed offsets, lines and quotes.
pub fn fingerprint(f: &Finding) -> String {
    let (events, values, articles) = parts(f);
    fn set(v: &BTreeSet<String>) -> BTreeSet<&str> {
        v.iter().map(String::as_str).collect()
    }
    hash_hex(&canonical(
        &f.topic,
        &f.subject,
        &set(&events),
        &set(&values),
        &set(&articles),
    ))
}

/// The fingerprint of the finding made of `claims` on (topic, subject), its events being those
/// of its claims (as for every finding `compare` makes): [`fingerprint`] without building the
/// finding.
pub fn fingerprint_of<C: ClaimView>(topic: &str, subject: &str, claims: &[&C]) -> String {
    let (events, values, articles) = parts_of(&[], claims.iter().copied());
    fn set(v: &BTreeSet<String>) -> BTreeSet<&str> {
        v.iter().map(String::as_str).collect()
    }
    hash_hex(&canonical(
        topic,
        subject,
        &set(&events),
        &set(&values),
        &set(&articles),
    ))
}

/// The fingerprint an entry's own fields give.
pub fn entry_fingerprint(e: &BaselineEntry) -> String {
    fn set(v: &[String]) -> BTreeSet<&str> {
        v.iter().map(String::as_str).collect()
    }
    hash_hex(&canonical(
        &e.topic,
        &e.subject,
        &set(&e.events),
        &set(&e.values),
        &set(&e.articles),
    ))
}

/// The baseline entry of a finding, its reason prefilled with the finding's reason.
pub fn entry(f: &Finding) -> BaselineEntry {
    let (events, values, articles) = parts(f);
    let owned = |s: BTreeSet<String>| s.into_iter().collect::<Vec<_>>();
    BaselineEntry {
        topic: f.topic.clone(),
        subject: f.subject.clone(),
        verdict: f.verdict,
        events: owned(events),
        values: owned(values),
        articles: owned(articles),
        fingerprint: fingerprint(f),
        reason: f.reason.clone(),
    }
}

/// A baseline: the accepted findings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    pub entries: Vec<BaselineEntry>,
}

/// Which findings `baseline write` records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Include {
    /// Contradictions and changed findings (the default).
    Disagreements,
    /// Every finding, agreements too.
    All,
}

#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    accepted: &'a [BaselineEntry],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    version: Spanned<u32>,
    #[serde(default)]
    accepted: Vec<Spanned<EntryIn>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryIn {
    topic: String,
    subject: String,
    verdict: Verdict,
    #[serde(default)]
    events: Vec<String>,
    values: Vec<String>,
    articles: Vec<String>,
    fingerprint: Option<Spanned<String>>,
    #[serde(default)]
    reason: String,
}

/// A baseline file that does not load: `path:line:col: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaselineError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for BaselineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for BaselineError {}

const HEADER: &str = "\
# crosscheck baseline: findings that are known and accepted.
# `crosscheck check` and `crosscheck report` with `--baseline` hide these findings and list
# entries that no longer match any finding as stale. Edit `reason` to say why an entry is
# accepted; delete an entry to stop accepting it. `fingerprint` hashes topic, subject,
# events, values and articles (not lines or offsets); leave it out to have it computed.
";

impl Baseline {
    /// The findings of a report that a new baseline records, in report order, one entry per
    /// fingerprint.
    pub fn from_findings(findings: &[Finding], include: Include) -> Baseline {
        let mut seen = HashSet::new();
        let entries = findings
            .iter()
            .filter(|f| include == Include::All || f.verdict.is_disagreement())
            .map(entry)
            .filter(|e| seen.insert(e.fingerprint.clone()))
            .collect();
        Baseline { entries }
    }

    /// The baseline as TOML, with a comment header.
    pub fn to_toml(&self) -> Result<String, toml::ser::Error> {
        let body = toml::to_string(&FileOut {
            version: VERSION,
            accepted: &self.entries,
        })?;
        Ok(format!("{HEADER}\n{body}"))
    }

    /// Parse a baseline file; `path` names it in errors.
    pub fn parse(text: &str, path: &str) -> Result<Baseline, BaselineError> {
        let error = |at: usize, message: String| {
            let (line, column) = line_col(text, at);
            BaselineError {
                path: path.to_string(),
                line,
                column,
                message,
            }
        };
        let file: FileIn = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            error(at, e.message().trim().to_string())
        })?;
        if *file.version.get_ref() != VERSION {
            return Err(error(
                file.version.span().start,
                format!(
                    "unsupported baseline version {}; this crosscheck reads version {VERSION}",
                    file.version.get_ref()
                ),
            ));
        }
        let mut entries = Vec::with_capacity(file.accepted.len());
        for spanned in file.accepted {
            let span = spanned.span();
            let e = spanned.into_inner();
            let mut entry = BaselineEntry {
                topic: e.topic,
                subject: e.subject,
                verdict: e.verdict,
                events: e.events,
                values: e.values,
                articles: e.articles,
                fingerprint: String::new(),
                reason: e.reason,
            };
            let computed = entry_fingerprint(&entry);
            entry.fingerprint = match e.fingerprint {
                None => computed,
                Some(fp) => {
                    let at = fp.span().start;
                    let fp = fp.into_inner();
                    if fp.len() != 16 || !fp.bytes().all(|b| b.is_ascii_hexdigit()) {
                        return Err(error(
                            at,
                            format!("fingerprint `{fp}` is not 16 hex digits"),
                        ));
                    }
                    let fp = fp.to_ascii_lowercase();
                    if fp != computed {
                        return Err(error(
                            at,
                            format!(
                                "fingerprint `{fp}` does not match the entry's topic, subject, events, values and articles (they give `{computed}`); if you edited them, remove the `fingerprint` line to have it computed"
                            ),
                        ));
                    }
                    fp
                }
            };
            if entry.topic.is_empty() {
                return Err(error(span.start, "entry with an empty `topic`".to_string()));
            }
            entries.push(entry);
        }
        Ok(Baseline { entries })
    }

    pub fn contains(&self, fingerprint: &str) -> bool {
        self.entries.iter().any(|e| e.fingerprint == fingerprint)
    }

    /// Hide the accepted findings of `report` (counted in `report.accepted`) and list in
    /// `report.stale` the entries whose fingerprint matches no finding of the report nor of
    /// any of `also_current` (other findings the run considers current, e.g. the corpus alone
    /// in `check`).
    pub fn apply(&self, report: &mut Report, also_current: &[&[Finding]]) {
        let mut current: HashSet<String> = HashSet::new();
        for findings in also_current {
            current.extend(findings.iter().map(fingerprint));
        }
        let own: Vec<String> = report.findings.iter().map(fingerprint).collect();
        self.apply_known(report, &own, current);
    }

    /// [`Baseline::apply`] with the fingerprints given: of each of the report's findings
    /// (`own`, one per finding, in order; the findings need not hold their claims) and of the
    /// other current findings (`current`).
    pub fn apply_known(&self, report: &mut Report, own: &[String], mut current: HashSet<String>) {
        current.extend(own.iter().cloned());
        let before = report.findings.len();
        let accepted: HashSet<&str> = self
            .entries
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        let mut fingerprints = own.iter();
        report.findings.retain(|_| {
            fingerprints
                .next()
                .is_none_or(|fp| !accepted.contains(fp.as_str()))
        });
        report.accepted += before - report.findings.len();
        report.stale = self
            .entries
            .iter()
            .filter(|e| !current.contains(&e.fingerprint))
            .cloned()
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Claim;
    use crate::render::sample;

    fn finding() -> Finding {
        sample::report()
            .findings
            .into_iter()
            .find(|f| f.claims.len() >= 2 && f.verdict == Verdict::Contradiction)
            .unwrap()
    }

    #[test]
    fn fingerprint_of_borrowed_claims_is_the_findings_fingerprint() {
        let r = sample::report();
        assert!(!r.findings.is_empty());
        for f in &r.findings {
            let claims: Vec<&Claim> = f.claims.iter().collect();
            assert_eq!(
                fingerprint_of(&f.topic, &f.subject, &claims),
                fingerprint(f),
                "{}",
                f.subject
            );
        }
    }

    #[test]
    fn fingerprint_is_16_hex_digits() {
        let fp = fingerprint(&finding());
        assert_eq!(fp.len(), 16);
        assert!(fp.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn fingerprint_stable_under_reordering_of_claims() {
        let f = finding();
        let mut g = f.clone();
        g.claims.reverse();
        g.events.reverse();
        assert_eq!(fingerprint(&f), fingerprint(&g));
    }

    #[test]
    fn fingerprint_ignores_offsets_lines_quotes_and_reason() {
        let f = finding();
        let mut g = f.clone();
        for c in &mut g.claims {
            c.start += 100;
            c.end += 100;
            c.line += 7;
            c.column = 1;
            c.end_line += 7;
            c.end_column = 9;
            c.quote = format!("Moved and reflowed:\n{}", c.quote).into();
            c.value = c.value.to_uppercase().into();
        }
        g.reason = "reworded".into();
        g.verdict = Verdict::Changed;
        assert_eq!(fingerprint(&f), fingerprint(&g));
    }

    #[test]
    fn different_values_subjects_or_articles_give_different_fingerprints() {
        let f = finding();
        let mut g = f.clone();
        g.claims[0].normalized = format!("{} and more", g.claims[0].normalized).into();
        assert_ne!(fingerprint(&f), fingerprint(&g));
        let mut g = f.clone();
        g.subject.push('s');
        assert_ne!(fingerprint(&f), fingerprint(&g));
        let mut g = f.clone();
        g.claims[0].article = "another".into();
        assert_ne!(fingerprint(&f), fingerprint(&g));
        let mut g = f.clone();
        g.claims[0].event = Some("round 9".into());
        assert_ne!(fingerprint(&f), fingerprint(&g));
    }

    #[test]
    fn toml_round_trips_and_entry_fingerprints_agree() {
        let r = sample::report();
        let b = Baseline::from_findings(&r.findings, Include::Disagreements);
        assert_eq!(
            b.entries.len(),
            r.findings
                .iter()
                .filter(|f| f.verdict.is_disagreement())
                .count()
        );
        for e in &b.entries {
            assert_eq!(entry_fingerprint(e), e.fingerprint);
        }
        let text = b.to_toml().unwrap();
        assert!(text.contains("[[accepted]]"), "{text}");
        assert!(text.starts_with("# crosscheck baseline"));
        let back = Baseline::parse(&text, "b.toml").unwrap();
        assert_eq!(back, b);
        let all = Baseline::from_findings(&r.findings, Include::All);
        assert_eq!(all.entries.len(), r.findings.len());
    }

    #[test]
    fn missing_fingerprint_is_computed_and_a_wrong_one_is_an_error() {
        let e = entry(&finding());
        let text = format!(
            "version = 1\n[[accepted]]\ntopic = {:?}\nsubject = {:?}\nverdict = \"contradiction\"\nvalues = {:?}\narticles = {:?}\nevents = {:?}\n",
            e.topic, e.subject, e.values, e.articles, e.events
        );
        let b = Baseline::parse(&text, "b.toml").unwrap();
        assert_eq!(b.entries[0].fingerprint, e.fingerprint);
        let bad = format!("{text}fingerprint = \"0000000000000000\"\n");
        let err = Baseline::parse(&bad, "b.toml").unwrap_err();
        assert_eq!((err.line, err.column), (9, 15), "{err}");
        assert!(err.message.contains("does not match"), "{err}");
    }

    #[test]
    fn malformed_baseline_names_file_line_and_column() {
        let err = Baseline::parse(
            "version = 1\n[[accepted]]\ntopic = \"x\"\nsubjet = \"y\"\n",
            "ci/b.toml",
        )
        .unwrap_err();
        assert_eq!(err.path, "ci/b.toml");
        assert_eq!(err.line, 4, "{err}");
        assert_eq!(err.column, 1, "{err}");
        assert!(err.to_string().starts_with("ci/b.toml:4:1: "), "{err}");
        let err = Baseline::parse("version = 1\n[[accepted]\n", "b.toml").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        let err = Baseline::parse("version = 2\n", "b.toml").unwrap_err();
        assert_eq!((err.line, err.column), (1, 11), "{err}");
        let err = Baseline::parse(
            "version = 1\n[[accepted]]\ntopic = \"x\"\nsubject = \"y\"\nverdict = \"wrong\"\nvalues = []\narticles = []\n",
            "b.toml",
        )
        .unwrap_err();
        assert_eq!(err.line, 5, "{err}");
    }

    #[test]
    fn apply_hides_accepted_and_reports_stale_entries() {
        let mut r = sample::report();
        let mut b = Baseline::from_findings(&r.findings, Include::Disagreements);
        let accepted = b.entries.len();
        // An entry for a finding that no longer exists.
        let mut gone = finding();
        gone.subject = "a fact nobody states any more".into();
        b.entries.push(entry(&gone));
        b.apply(&mut r, &[]);
        assert_eq!(r.accepted, accepted);
        assert!(r.findings.iter().all(|f| !f.verdict.is_disagreement()));
        assert_eq!(r.stale.len(), 1);
        assert_eq!(r.stale[0].subject, "a fact nobody states any more");
        // Findings counted as current elsewhere keep their entry from going stale.
        let mut r = sample::report();
        let extra = vec![gone];
        b.apply(&mut r, &[&extra]);
        assert!(r.stale.is_empty());
    }
}
