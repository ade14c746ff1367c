//! Rendering a report: one output format = one module = one type implementing [`Emitter`].
//!
//! | format     | module        | shape                                                        |
//! |------------|---------------|--------------------------------------------------------------|
//! | `table`    | [`table`]     | terminal: summary, slot × source matrices, evidence diffs     |
//! | `markdown` | [`markdown`]  | the same content for a PR comment or a wiki                   |
//! | `json`     | [`json`]      | the report contract, pretty-printed                           |
//! | `github`   | [`github`]    | GitHub Actions workflow commands (`::error`, `::warning`)     |
//! | `sarif`    | [`sarif`]     | SARIF 2.1.0 for code-scanning tools                           |
//!
//! Emitters only write to the `out` they are given; they never print. `quiet` applies to the
//! human formats (table, markdown: only the summary line); the machine formats (json, github,
//! sarif) always write their whole document, because a consumer parses it.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::Cell;
use std::io::{self, Write};

use crate::model::{ArticleSummary, BaselineEntry, Claim, Finding, Report, Verdict};

pub mod diff;
pub mod github;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod table;

#[cfg(test)]
pub(crate) mod sample;

/// Options every emitter honours.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    /// ANSI colours in the output (terminal table only).
    pub color: bool,
    /// Only the summary line.
    pub quiet: bool,
}

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Terminal tables by topic, evidence sentences with the differing words marked.
    Table,
    /// The same report as Markdown, for a PR comment or a wiki.
    Markdown,
    /// The JSON report contract.
    Json,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

/// Writes a whole report in one format.
pub trait Emitter {
    fn emit(&self, out: &mut dyn Write, report: &Report, options: RenderOptions) -> io::Result<()>;

    /// Whether `emit` reads the claims of findings of `verdict` with these options (the
    /// summary line only counts findings; annotations are made for disagreements only). A run
    /// that knows can leave the other findings' claims out.
    fn reads_claims(&self, verdict: Verdict, options: RenderOptions) -> bool {
        let _ = (verdict, options);
        true
    }
}

/// The emitter for a format.
pub fn emitter(format: Format) -> Box<dyn Emitter> {
    emitter_for(format, None)
}

/// The emitter of `format` for a report on the articles `focus` (the new articles of a
/// `check`): GitHub annotations go on their claims only, and SARIF results locate them first.
/// Every other format shows every article's claims as they come.
pub fn emitter_for(
    format: Format,
    focus: Option<&std::collections::HashSet<String>>,
) -> Box<dyn Emitter> {
    match format {
        Format::Github => Box::new(github::GithubEmitter {
            focus: focus.map(|ids| ids.iter().cloned().collect()),
        }),
        Format::Table => Box::new(table::TableEmitter),
        Format::Markdown => Box::new(markdown::MarkdownEmitter),
        Format::Json => Box::new(json::JsonEmitter),
        Format::Sarif => Box::new(sarif::SarifEmitter {
            focus: focus.map(|ids| ids.iter().cloned().collect()),
        }),
    }
}

/// The claims of articles as a table (for `crosscheck claims`, for rule authors): article,
/// topic, subject, value, normalized, hedge, event, line:col, and a summary line of the
/// claims and of the `articles` read (with claims or not). `quiet` writes only the summary.
pub fn claims_table(
    out: &mut dyn Write,
    claims: &[Claim],
    articles: usize,
    options: RenderOptions,
) -> io::Result<()> {
    table::write_claims_table(out, claims, articles, options)
}

/// One line that sums a report up:
/// `3 articles, 1 skipped, 13 claims · 2 contradictions, 1 changed, 1 compatible, 1 agreement`.
pub fn summary_line(report: &Report) -> String {
    let claims: usize = report.articles.iter().map(|a| a.claims).sum();
    let verdicts: Vec<String> = Verdict::ALL
        .iter()
        .map(|&v| verdict_count(report.count(v), v))
        .collect();
    let mut line = format!(
        "{}, {} skipped, {} · {}",
        plural(report.articles.len(), "article", "articles"),
        report.skipped.len(),
        plural(claims, "claim", "claims"),
        verdicts.join(", ")
    );
    if report.accepted > 0 {
        line.push_str(&format!(" · {} accepted by the baseline", report.accepted));
    }
    if !report.stale.is_empty() {
        line.push_str(&format!(
            " · {}",
            plural(
                report.stale.len(),
                "stale baseline entry",
                "stale baseline entries"
            )
        ));
    }
    line
}

/// A stale baseline entry on one line:
/// `contradiction · storm-deaths · people missing: 3, 7 (000, 002) [0123456789abcdef]`.
pub fn stale_line(e: &BaselineEntry) -> String {
    let articles: Vec<&str> = e.articles.iter().map(|a| short_id(a)).collect();
    let mut s = format!(
        "{} · {} · {}",
        e.verdict.name(),
        e.topic,
        one_line(&e.subject)
    );
    if !e.events.is_empty() {
        s.push_str(&format!(" · {}", e.events.join(", ")));
    }
    s.push_str(&format!(
        ": {} ({}) [{}]",
        one_line(&e.values.join(", ")),
        articles.join(", "),
        e.fingerprint
    ));
    s
}

/// What a stale entry means, for every human format.
pub const STALE_HELP: &str = "no finding matches these baseline entries any more: remove them from the baseline (or write it again)";

fn verdict_count(n: usize, v: Verdict) -> String {
    match v {
        Verdict::Contradiction => plural(n, "contradiction", "contradictions"),
        Verdict::Changed => format!("{n} changed"),
        Verdict::Compatible => format!("{n} compatible"),
        Verdict::Agreement => plural(n, "agreement", "agreements"),
    }
}

/// The legend's last line for a feed: `… and 988 more articles that the findings below do not
/// name (--format json lists every article)`.
pub(crate) fn others_line(others: usize) -> String {
    let articles = if others == 1 { "article" } else { "articles" };
    format!(
        "… and {others} more {articles} that the findings below do not name \
         (--format json lists every article)"
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers of the human formats.
// ---------------------------------------------------------------------------------------------

pub use crate::model::short_id;

/// The article columns of a report: the ids of `report.articles` in order, then any article a
/// claim names that the list lacks, each with its display label (short ids when they stay
/// unique, else the full ids).
///
/// Columns also remember which articles a rendered report named (by [`Columns::label`] or
/// [`Columns::named_list`]), so that the legend of a feed lists those and counts the rest.
pub(crate) struct Columns {
    pub ids: Vec<String>,
    pub labels: Vec<String>,
    /// Where each id is in `ids`.
    positions: HashMap<String, usize>,
    /// Whether each article has been named so far.
    named: Vec<Cell<bool>>,
}

impl Columns {
    pub fn of_report(report: &Report) -> Columns {
        let ids = report.articles.iter().map(|a| a.id.as_str());
        let claims = report.findings.iter().flat_map(|f| f.claims.iter());
        Columns::new(ids.chain(claims.map(|c| &*c.article)))
    }

    pub fn of_claims(claims: &[Claim]) -> Columns {
        Columns::new(claims.iter().map(|c| &*c.article))
    }

    fn new<'a>(all: impl Iterator<Item = &'a str>) -> Columns {
        let mut ids: Vec<String> = Vec::new();
        let mut positions: HashMap<String, usize> = HashMap::default();
        for id in all {
            if !positions.contains_key(id) {
                positions.insert(id.to_string(), ids.len());
                ids.push(id.to_string());
            }
        }
        let short: Vec<String> = ids.iter().map(|i| short_id(i).to_string()).collect();
        let unique = short.iter().collect::<HashSet<_>>().len() == short.len();
        let labels = if unique { short } else { ids.clone() };
        let named = vec![Cell::new(false); ids.len()];
        Columns {
            ids,
            labels,
            positions,
            named,
        }
    }

    pub fn index(&self, id: &str) -> Option<usize> {
        self.positions.get(id).copied()
    }

    /// The label of an article id (the id itself when unknown), to be shown: the article counts
    /// as named.
    pub fn label<'a>(&'a self, id: &'a str) -> &'a str {
        match self.index(id) {
            Some(i) => {
                self.named[i].set(true);
                self.labels[i].as_str()
            }
            None => id,
        }
    }

    /// `000, 001, 002`, or past `named` articles `000, 001 and 5 more`: the labels of the
    /// first `named` of `ids` (which count as named), then how many others there are.
    pub fn named_list(&self, ids: &[&str], named: usize) -> String {
        let labels: Vec<&str> = ids.iter().take(named).map(|id| self.label(id)).collect();
        if ids.len() <= named {
            return labels.join(", ");
        }
        format!("{} and {} more", labels.join(", "), ids.len() - named)
    }

    /// A finding's reason, to be shown: the articles of the finding that it names (by
    /// [`short_id`], as reasons name them) count as named.
    pub fn reason<'f>(&self, finding: &'f Finding) -> &'f str {
        let text = finding.reason.as_str();
        let mut seen: HashSet<&str> = HashSet::default();
        for c in &finding.claims {
            let id: &str = &c.article;
            if seen.insert(id)
                && names(text, short_id(id))
                && let Some(i) = self.index(id)
            {
                self.named[i].set(true);
            }
        }
        text
    }

    /// Whether a label of this article has been shown.
    pub fn was_named(&self, id: &str) -> bool {
        self.index(id).is_some_and(|i| self.named[i].get())
    }

    /// The articles a report's legend lists, and how many others it only counts. Up to
    /// [`MATRIX_MAX_ARTICLES`] articles (each a column) it lists every one; past that (a feed)
    /// it lists those the rest of the report named and those with notes, so call it after
    /// rendering the rest.
    pub fn legend<'r>(&self, report: &'r Report) -> (Vec<&'r ArticleSummary>, usize) {
        if self.fit_a_matrix() {
            return (report.articles.iter().collect(), 0);
        }
        let listed: Vec<&ArticleSummary> = report
            .articles
            .iter()
            .filter(|a| self.was_named(&a.id) || !a.notes.is_empty())
            .collect();
        let others = report.articles.len() - listed.len();
        (listed, others)
    }

    /// Whether the human formats can show one column per article (a slot × source matrix).
    pub fn fit_a_matrix(&self) -> bool {
        self.ids.len() <= MATRIX_MAX_ARTICLES
    }
}

/// Whether `text` has `name` as a whole word (not inside a longer run of letters and digits).
fn names(text: &str, name: &str) -> bool {
    !name.is_empty()
        && text.match_indices(name).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + name.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// Up to this many articles the table and Markdown reports show each topic as a slot × source
/// matrix (one column per article); past it, one row per value with the articles that give it.
pub(crate) const MATRIX_MAX_ARTICLES: usize = 8;

/// Articles named for one value before the rest are counted ("and 1,234 more").
pub(crate) const ARTICLES_NAMED: usize = 6;

/// Evidence lines shown for one finding in the human formats before the rest are counted.
pub(crate) const EVIDENCE_SHOWN: usize = 12;

/// The path of each article id of a report, for the formats that point into files.
pub(crate) fn paths_by_id(report: &Report) -> HashMap<&str, &str> {
    report
        .articles
        .iter()
        .map(|a| (a.id.as_str(), a.path.as_str()))
        .collect()
}

/// A claim's value as the table shows it: the value as written. Its span starts at the hedge
/// ("more than 1.2 million"), so the hedge is already there.
pub(crate) fn display_value(claim: &Claim) -> String {
    claim.value.to_string()
}

/// `001 says "nearly 20%" (round 2)`: one claim as annotations name it.
pub(crate) fn says(c: &Claim, columns: &Columns) -> String {
    let mut s = format!(
        "{} says \"{}\"",
        columns.label(&c.article),
        one_line(&display_value(c))
    );
    if let Some(e) = &c.event {
        s.push_str(&format!(" ({e})"));
    }
    s
}

/// Whitespace runs (line breaks included) as one space: evidence on one terminal line.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Findings with contradictions first, then changed, compatible, agreement; input order within
/// a verdict.
pub(crate) fn ordered(findings: &[Finding]) -> Vec<&Finding> {
    let mut v: Vec<&Finding> = findings.iter().collect();
    v.sort_by_key(|f| f.verdict);
    v
}

/// Findings grouped by topic; topics in order of first appearance in `findings` (pass them
/// [`ordered`] to lead with the topics that hold contradictions).
pub(crate) fn by_topic<'a>(findings: &[&'a Finding]) -> Vec<(&'a str, Vec<&'a Finding>)> {
    let mut groups: Vec<(&'a str, Vec<&'a Finding>)> = Vec::new();
    for &f in findings {
        match groups.iter_mut().find(|(t, _)| *t == f.topic) {
            Some((_, g)) => g.push(f),
            None => groups.push((f.topic.as_str(), vec![f])),
        }
    }
    groups
}

/// How a matrix cell stands against the other sources of its row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
    /// The row's reference value (the majority, ties to the first claim).
    Same,
    /// A different value in a contradiction or changed finding: `≠`.
    Differs,
    /// A different value that is compatible with the reference: `≈`.
    Close,
}

impl Mark {
    pub fn prefix(self) -> &'static str {
        match self {
            Mark::Same => "",
            Mark::Differs => "≠ ",
            Mark::Close => "≈ ",
        }
    }
}

/// One cell of the slot × source matrix: the values one article gives in one row.
pub(crate) struct MatrixCell {
    pub text: String,
    pub mark: Mark,
}

/// One row of the slot × source matrix: a subject (and an event, when the finding has several).
pub(crate) struct MatrixRow<'a> {
    pub label: String,
    pub cells: Vec<Option<MatrixCell>>,
    pub finding: &'a Finding,
}

/// The normalized value most claims give (ties go to the one that appears first).
fn majority<'a>(claims: &[&'a Claim]) -> Option<&'a str> {
    let mut counts: HashMap<&str, usize> = HashMap::default();
    for c in claims {
        *counts.entry(&*c.normalized).or_default() += 1;
    }
    let mut best: Option<(&str, usize)> = None;
    for c in claims {
        let n = counts.get(&*c.normalized).copied().unwrap_or(0);
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((&*c.normalized, n));
        }
    }
    best.map(|(s, _)| s)
}

/// The rows of a finding with their claims: one row for the subject, or one per event when
/// its claims have several events (claims without an event then form a row of their own),
/// events in order of first appearance.
fn row_claims(finding: &Finding) -> Vec<(String, Vec<&Claim>)> {
    let mut rows: Vec<(Option<&str>, Vec<&Claim>)> = Vec::new();
    let mut row_of: HashMap<Option<&str>, usize> = HashMap::default();
    for c in &finding.claims {
        let e = c.event.as_deref();
        let i = *row_of.entry(e).or_insert_with(|| {
            rows.push((e, Vec::new()));
            rows.len() - 1
        });
        rows[i].1.push(c);
    }
    if rows.len() <= 1 {
        return vec![(finding.subject.clone(), finding.claims.iter().collect())];
    }
    rows.into_iter()
        .map(|(e, claims)| {
            let label = match e {
                Some(e) => format!("{} · {e}", finding.subject),
                None => finding.subject.clone(),
            };
            (label, claims)
        })
        .collect()
}

/// How a value that is not its row's reference is marked in `finding`.
fn differing_mark(finding: &Finding) -> Mark {
    if finding.verdict == Verdict::Compatible {
        Mark::Close
    } else {
        Mark::Differs
    }
}

/// The rows of a finding as a slot × source matrix: [`row_claims`], each with one cell per
/// article column.
pub(crate) fn matrix_rows<'a>(finding: &'a Finding, columns: &Columns) -> Vec<MatrixRow<'a>> {
    let differ = differing_mark(finding);
    row_claims(finding)
        .into_iter()
        .map(|(label, claims)| {
            let reference = majority(&claims);
            let mut per_column: Vec<Vec<&Claim>> = vec![Vec::new(); columns.ids.len()];
            for c in &claims {
                if let Some(i) = columns.index(&c.article) {
                    per_column[i].push(c);
                }
            }
            let cells = per_column
                .into_iter()
                .map(|mine| {
                    if mine.is_empty() {
                        return None;
                    }
                    let mut values: Vec<String> = Vec::new();
                    for c in &mine {
                        let v = display_value(c);
                        if !values.contains(&v) {
                            values.push(v);
                        }
                    }
                    let differs = mine.iter().any(|c| Some(&*c.normalized) != reference);
                    Some(MatrixCell {
                        text: values.join("; "),
                        mark: if differs { differ } else { Mark::Same },
                    })
                })
                .collect();
            MatrixRow {
                label,
                cells,
                finding,
            }
        })
        .collect()
}

/// One row of a topic when there are too many articles for a matrix: a value of a subject (or
/// of one event of it) with the ids of the articles that give it.
pub(crate) struct ValueRow<'a> {
    pub label: String,
    pub value: String,
    pub mark: Mark,
    pub articles: Vec<&'a str>,
    pub finding: &'a Finding,
}

/// The rows of a finding one per value: [`row_claims`], each split by the value its claims
/// show, the reference (majority) value first, then the others in order of first appearance.
pub(crate) fn value_rows(finding: &Finding) -> Vec<ValueRow<'_>> {
    let differ = differing_mark(finding);
    let mut out = Vec::new();
    for (label, claims) in row_claims(finding) {
        let reference = majority(&claims);
        let mut rows: Vec<ValueRow<'_>> = Vec::new();
        let mut row_of: HashMap<String, usize> = HashMap::default();
        let mut named: HashSet<(usize, &str)> = HashSet::default();
        for c in claims {
            let value = display_value(c);
            let i = match row_of.get(&value) {
                Some(&i) => i,
                None => {
                    row_of.insert(value.clone(), rows.len());
                    rows.push(ValueRow {
                        label: label.clone(),
                        value,
                        mark: Mark::Same,
                        articles: Vec::new(),
                        finding,
                    });
                    rows.len() - 1
                }
            };
            if Some(&*c.normalized) != reference {
                rows[i].mark = differ;
            }
            if named.insert((i, &*c.article)) {
                rows[i].articles.push(&c.article);
            }
        }
        // A stable sort: the rows that hold the reference value first.
        rows.sort_by_key(|r| r.mark != Mark::Same);
        out.extend(rows);
    }
    out
}

/// The claim the evidence of a finding is compared against: the first that gives the majority
/// value.
pub(crate) fn reference_claim(finding: &Finding) -> Option<&Claim> {
    let all: Vec<&Claim> = finding.claims.iter().collect();
    let m = majority(&all)?;
    finding.claims.iter().find(|c| *c.normalized == *m)
}

/// The pairs of evidence sentences to diff: the reference claim against each claim that gives
/// another value, each distinct other sentence once.
pub(crate) fn evidence_pairs(finding: &Finding) -> Vec<(&Claim, &Claim)> {
    let Some(r) = reference_claim(finding) else {
        return Vec::new();
    };
    let mut seen: HashSet<&str> = HashSet::default();
    let mut pairs = Vec::new();
    for c in &finding.claims {
        if c.normalized != r.normalized && c.quote != r.quote && seen.insert(&*c.quote) {
            pairs.push((r, c));
        }
    }
    pairs
}

/// The claims of a finding grouped by the value they show: `[(value, [article ids])]`.
pub(crate) fn value_groups(finding: &Finding) -> Vec<(String, Vec<&str>)> {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::default();
    let mut named: HashSet<(usize, &str)> = HashSet::default();
    for c in &finding.claims {
        let v = display_value(c);
        let i = match group_of.get(&v) {
            Some(&i) => i,
            None => {
                group_of.insert(v.clone(), groups.len());
                groups.push((v, Vec::new()));
                groups.len() - 1
            }
        };
        if named.insert((i, &*c.article)) {
            groups[i].1.push(&c.article);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_emitter_writes_the_same_without_the_claims_it_does_not_read() {
        let report = sample::report();
        for v in [Verdict::Contradiction, Verdict::Agreement] {
            assert!(
                report
                    .findings
                    .iter()
                    .any(|f| f.verdict == v && !f.claims.is_empty())
            );
        }
        let mut skipped = Vec::new();
        for format in [
            Format::Table,
            Format::Markdown,
            Format::Json,
            Format::Github,
            Format::Sarif,
        ] {
            for quiet in [false, true] {
                let options = RenderOptions {
                    color: false,
                    quiet,
                };
                let e = emitter(format);
                let mut without = report.clone();
                for f in &mut without.findings {
                    if !e.reads_claims(f.verdict, options) {
                        f.claims.clear();
                    }
                }
                let unread: Vec<Verdict> = Verdict::ALL
                    .into_iter()
                    .filter(|&v| !e.reads_claims(v, options))
                    .collect();
                skipped.push((format, quiet, unread));
                let write = |r: &Report| {
                    let mut out = Vec::new();
                    e.emit(&mut out, r, options).expect("write");
                    out
                };
                assert_eq!(write(&report), write(&without), "{format:?}, quiet {quiet}");
            }
        }
        // Quiet table and Markdown (the summary line) read no claims; annotations only those
        // of disagreements.
        let agreeing = vec![Verdict::Compatible, Verdict::Agreement];
        assert_eq!(
            skipped,
            [
                (Format::Table, false, vec![]),
                (Format::Table, true, Verdict::ALL.to_vec()),
                (Format::Markdown, false, vec![]),
                (Format::Markdown, true, Verdict::ALL.to_vec()),
                (Format::Json, false, vec![]),
                (Format::Json, true, vec![]),
                (Format::Github, false, agreeing.clone()),
                (Format::Github, true, agreeing.clone()),
                (Format::Sarif, false, agreeing.clone()),
                (Format::Sarif, true, agreeing),
            ]
        );
    }

    #[test]
    fn short_ids_only_for_numbered_hashes() {
        assert_eq!(short_id("000_e9dbfd29550725fb"), "000");
        assert_eq!(short_id("12_abcdef"), "12");
        assert_eq!(short_id("bbc_story"), "bbc_story");
        assert_eq!(short_id("000_notahash"), "000_notahash");
        assert_eq!(short_id("article"), "article");
        assert_eq!(short_id("2025_05_16_reuters"), "2025_05_16_reuters");
    }

    #[test]
    fn colliding_short_ids_fall_back_to_full_ids() {
        let c = Columns::new(["000_aaaaaa", "000_bbbbbb"].into_iter());
        assert_eq!(c.labels, vec!["000_aaaaaa", "000_bbbbbb"]);
    }

    #[test]
    fn summary_line_of_the_sample() {
        let r = sample::report();
        assert_eq!(
            summary_line(&r),
            "3 articles, 1 skipped, 13 claims · 2 contradictions, 1 changed, 1 compatible, 1 agreement"
        );
    }

    #[test]
    fn odd_reports_render_in_every_format() {
        use crate::model::Finding;
        use clap::ValueEnum;
        let empty = Report {
            version: Report::VERSION,
            articles: vec![],
            skipped: vec![],
            findings: vec![],
            accepted: 0,
            stale: vec![],
        };
        // A claim naming an article the report does not list, and a finding without claims.
        let mut odd = sample::report();
        odd.findings[2].claims[0].article = "elsewhere".into();
        odd.findings.push(Finding {
            topic: "empty".into(),
            subject: "nothing".into(),
            events: vec![],
            verdict: Verdict::Contradiction,
            reason: String::new(),
            claims: vec![],
        });
        for r in [&empty, &odd] {
            for f in Format::value_variants() {
                for color in [false, true] {
                    let mut out = Vec::new();
                    let options = RenderOptions {
                        color,
                        quiet: false,
                    };
                    emitter(*f).emit(&mut out, r, options).unwrap();
                    let s = String::from_utf8(out).unwrap();
                    assert!(s.ends_with('\n'), "{f:?}");
                }
            }
        }
        let mut out = Vec::new();
        emitter(Format::Table)
            .emit(&mut out, &empty, RenderOptions::default())
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "0 articles, 0 skipped, 0 claims · 0 contradictions, 0 changed, 0 compatible, 0 agreements\n"
        );
        let mut out = Vec::new();
        emitter(Format::Table)
            .emit(&mut out, &odd, RenderOptions::default())
            .unwrap();
        assert!(String::from_utf8(out).unwrap().contains("elsewhere"));
    }

    fn render(format: Format, report: &Report) -> String {
        sample::render(emitter(format).as_ref(), report, RenderOptions::default())
    }

    #[test]
    fn stale_baseline_entries_show_in_every_format() {
        let r = sample::report_with_baseline();
        let summary = summary_line(&r);
        assert!(
            summary.ends_with(" · 1 accepted by the baseline · 1 stale baseline entry"),
            "{summary}"
        );
        let table = render(Format::Table, &r);
        assert!(table.contains("Stale baseline entries"), "{table}");
        assert!(table.contains("[0123456789abcdef]"), "{table}");
        insta::assert_snapshot!("table_with_stale", table);
        let md = render(Format::Markdown, &r);
        assert!(md.contains("**Stale baseline entries**"), "{md}");
        assert!(md.contains("0123456789abcdef"), "{md}");
        let gh = render(Format::Github, &r);
        let stale: Vec<&str> = gh
            .lines()
            .filter(|l| l.starts_with("::warning title=crosscheck stale baseline entry::"))
            .collect();
        assert_eq!(stale.len(), 1, "{gh}");
        assert!(stale[0].contains("40%25 sure"), "{gh}");
        let json: serde_json::Value = serde_json::from_str(&render(Format::Json, &r)).unwrap();
        assert_eq!(json["accepted"], 1);
        assert_eq!(json["stale"][0]["fingerprint"], "0123456789abcdef");
        assert_eq!(json["stale"][0]["verdict"], "contradiction");
        let sarif = render(Format::Sarif, &r);
        assert!(sarif.contains("stale baseline entry"), "{sarif}");
        let _: serde_sarif::sarif::Sarif = serde_json::from_str(&sarif).unwrap();
        // Without a baseline, none of it appears.
        let plain = sample::report();
        for f in [
            Format::Table,
            Format::Markdown,
            Format::Github,
            Format::Json,
        ] {
            let out = render(f, &plain);
            assert!(!out.contains("stale"), "{f:?}");
            assert!(!out.contains("accepted"), "{f:?}");
        }
    }

    #[test]
    fn named_lists_count_what_they_do_not_name_and_remember_what_they_do() {
        let ids = ["000_aaaaaa", "001_bbbbbb", "002_cccccc"];
        let columns = Columns::new(ids.into_iter());
        assert_eq!(columns.named_list(&ids[..2], 2), "000, 001");
        assert!(!columns.was_named(ids[2]));
        assert_eq!(columns.named_list(&[], 2), "");
        let columns = Columns::new(ids.into_iter());
        assert_eq!(columns.named_list(&ids, 2), "000, 001 and 1 more");
        assert!(columns.was_named(ids[0]) && columns.was_named(ids[1]));
        assert!(!columns.was_named(ids[2]), "counted, not named");
        columns.label(ids[2]);
        assert!(columns.was_named(ids[2]));
    }

    #[test]
    fn a_name_counts_only_as_a_whole_word() {
        assert!(names("000012 says 15 but 000003 says 12", "000003"));
        assert!(names("(12)", "12"));
        assert!(!names("000012 says 15", "00001"));
        assert!(!names("0000123 says 15", "000012"));
        assert!(!names("anything", ""));
        assert!(names("ü 12 ü", "12") && !names("ü12", "12"));
    }

    #[test]
    fn a_feeds_legend_lists_the_articles_its_findings_name_and_counts_the_rest() {
        let mut r = sample::feed_report(40);
        r.articles[39].notes.push("no publication date".into());
        for format in [Format::Table, Format::Markdown] {
            let out = render(format, &r);
            let Some((legend, findings)) = out.split_once("… and ") else {
                panic!("{format:?}: no count of the articles left out\n{out}");
            };
            let words: HashSet<&str> = findings
                .split(|c: char| !c.is_ascii_alphanumeric())
                .collect();
            let mut listed = 0;
            for (i, a) in r.articles.iter().enumerate() {
                // The hash part of the id is in its path (Markdown escapes the `_`).
                let hash = a.id.split_once('_').map_or("", |(_, h)| h);
                let in_legend = legend.contains(&format!("{hash}.txt"));
                let named = words.contains(short_id(&a.id));
                assert_eq!(in_legend, named || i == 39, "{format:?}: {}\n{out}", a.id);
                listed += usize::from(in_legend);
            }
            assert!(listed < 40, "{format:?}: the legend was not shortened");
            let others = 40 - listed;
            assert!(
                findings.starts_with(&format!("{others} more articles that the findings below")),
                "{format:?}\n{out}"
            );
        }
        // Articles that fit a matrix are all listed, named or not.
        let small = sample::feed_report(8);
        let out = render(Format::Table, &small);
        assert!(!out.contains("more articles"), "{out}");
        for a in &small.articles {
            assert!(out.contains(&format!("/{}.txt", a.id)), "{out}");
        }
    }

    #[test]
    fn value_rows_put_the_reference_first_and_name_each_article_once() {
        let mut r = sample::feed_report(7);
        // Article 006 says "12" twice: it is named once.
        let again = r.findings[0].claims[6].clone();
        r.findings[0].claims.push(again);
        let rows = value_rows(&r.findings[0]);
        let shown: Vec<(&str, Mark, Vec<&str>)> = rows
            .iter()
            .map(|r| {
                let labels = r.articles.iter().map(|id| short_id(id)).collect();
                (r.value.as_str(), r.mark, labels)
            })
            .collect();
        assert_eq!(
            shown,
            vec![
                ("12", Mark::Same, vec!["000", "002", "003", "005", "006"]),
                ("at least 15", Mark::Differs, vec!["001", "004"]),
            ]
        );
    }

    #[test]
    fn a_feed_is_shown_one_row_per_value_within_the_table_width() {
        let r = sample::feed_report(40);
        let table = render(Format::Table, &r);
        assert!(table.contains("┆ value "), "{table}");
        assert!(
            table.contains("27: 000, 002, 003, 005, 006, 008 and 21 more"),
            "{table}"
        );
        assert!(table.contains("≠ at least 15"), "{table}");
        for line in table
            .lines()
            .filter(|l| l.starts_with(['│', '┌', '└', '╞']))
        {
            assert!(line.chars().count() <= 120, "wider than the table: {line}");
        }
        // One pair of sentences diffed, 12 more claims shown, the other 26 counted.
        assert!(
            table.contains("… and 26 more claims (--format json lists every one)"),
            "{table}"
        );
        let markdown = render(Format::Markdown, &r);
        assert!(
            markdown.contains(
                "| people killed | 12 | 27: 000, 002, 003, 005, 006, 008 and 21 more | contradiction |"
            ),
            "{markdown}"
        );
        assert!(markdown.contains("- … and 28 more (`--format json` lists every claim)"));
        // Eight articles still fit a matrix: one column each.
        let small = render(Format::Table, &sample::feed_report(8));
        assert!(small.contains("┆ 007 "), "{small}");
        assert!(!small.contains("┆ value "), "{small}");
    }

    #[test]
    fn every_format_has_an_emitter() {
        use clap::ValueEnum;
        let r = sample::report();
        for f in Format::value_variants() {
            let mut out = Vec::new();
            emitter(*f)
                .emit(&mut out, &r, RenderOptions::default())
                .unwrap();
            assert!(!out.is_empty(), "{f:?}");
        }
    }
}
