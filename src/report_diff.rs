//! `crosscheck diff OLD.json NEW.json`: what changed between two saved JSON reports.
//!
//! Findings are matched by their key: topic, subject and the set of their events. A key only
//! in NEW is a **new** finding, a key only in OLD a **resolved** one, and a key in both whose
//! verdict or set of normalized values differs is a **changed** finding. The diff is written as
//! a terminal table (`comfy-table`; values marked as removed/added, reasons word-diffed with
//! `similar`) or as
//! JSON:
//!
//! ```json
//! {"version": 1,
//!  "summary": {"new": 1, "resolved": 0, "changed": 1, "new_contradictions": 1},
//!  "new": [FINDING...], "resolved": [FINDING...],
//!  "changed": [{"topic": "...", "subject": "...", "events": [],
//!               "old_verdict": "changed", "new_verdict": "contradiction",
//!               "old_values": ["..."], "new_values": ["..."],
//!               "old_reason": "...", "new_reason": "..."}]}
//! ```
//!
//! A diff *fails* (exit 1) when a new finding is a contradiction or a changed finding became
//! one.

use std::collections::BTreeSet;
use std::io::{self, Write};

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;

use crate::model::{Finding, Report, Verdict};
use crate::render::RenderOptions;
use crate::render::diff::{DiffSpan, DiffTag, inline_terminal, word_diff};
use crate::render::one_line;

type Key = (String, String, BTreeSet<String>);

fn key(f: &Finding) -> Key {
    let mut events: BTreeSet<String> = f.events.iter().cloned().collect();
    events.extend(
        f.claims
            .iter()
            .filter_map(|c| c.event.as_deref().map(str::to_string)),
    );
    (f.topic.clone(), f.subject.clone(), events)
}

fn values(f: &Finding) -> Vec<String> {
    let set: BTreeSet<&str> = f.claims.iter().map(|c| &*c.normalized).collect();
    set.into_iter().map(str::to_string).collect()
}

/// A finding on the same key in both reports, with another verdict or other values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChangedFinding {
    pub topic: String,
    pub subject: String,
    pub events: Vec<String>,
    pub old_verdict: Verdict,
    pub new_verdict: Verdict,
    pub old_values: Vec<String>,
    pub new_values: Vec<String>,
    pub old_reason: String,
    pub new_reason: String,
}

/// Counts of a diff.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DiffSummary {
    pub new: usize,
    pub resolved: usize,
    pub changed: usize,
    /// New contradictions, and changed findings that became contradictions.
    pub new_contradictions: usize,
}

/// What changed between two reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportDiff {
    pub version: u32,
    pub summary: DiffSummary,
    pub new: Vec<Finding>,
    pub resolved: Vec<Finding>,
    pub changed: Vec<ChangedFinding>,
}

impl ReportDiff {
    /// Whether anything new (or changed into) is a contradiction.
    pub fn fails(&self) -> bool {
        self.summary.new_contradictions > 0
    }

    pub fn is_empty(&self) -> bool {
        self.new.is_empty() && self.resolved.is_empty() && self.changed.is_empty()
    }
}

/// Parse a saved JSON report (`name` names it in the error).
pub fn parse_report(text: &str, name: &str) -> Result<Report, String> {
    let mut r: Report = serde_json::from_str(text).map_err(|e| {
        format!(
            "{name}:{}:{}: not a crosscheck JSON report: {e}",
            e.line(),
            e.column()
        )
    })?;
    for f in &mut r.findings {
        for c in &mut f.claims {
            c.interval = c.interval.map(|i| i.normalize_unbounded());
        }
    }
    Ok(r)
}

/// The diff of two reports.
pub fn diff(old: &Report, new: &Report) -> ReportDiff {
    let old_keys: Vec<Key> = old.findings.iter().map(key).collect();
    let new_keys: Vec<Key> = new.findings.iter().map(key).collect();
    let mut d = ReportDiff {
        version: 1,
        summary: DiffSummary::default(),
        new: Vec::new(),
        resolved: Vec::new(),
        changed: Vec::new(),
    };
    // The first old finding of each key, and the keys of the new report: lookups by hash, so
    // a diff of two reports of a feed (thousands of findings) stays linear.
    let mut old_at: HashMap<&Key, usize> = HashMap::default();
    for (i, k) in old_keys.iter().enumerate() {
        old_at.entry(k).or_insert(i);
    }
    let in_new: HashSet<&Key> = new_keys.iter().collect();
    for (f, k) in new.findings.iter().zip(&new_keys) {
        match old_at.get(k).copied() {
            None => d.new.push(f.clone()),
            Some(i) => {
                let o = &old.findings[i];
                let (ov, nv) = (values(o), values(f));
                if o.verdict != f.verdict || ov != nv {
                    d.changed.push(ChangedFinding {
                        topic: f.topic.clone(),
                        subject: f.subject.clone(),
                        events: k.2.iter().cloned().collect(),
                        old_verdict: o.verdict,
                        new_verdict: f.verdict,
                        old_values: ov,
                        new_values: nv,
                        old_reason: o.reason.clone(),
                        new_reason: f.reason.clone(),
                    });
                }
            }
        }
    }
    for (f, k) in old.findings.iter().zip(&old_keys) {
        if !in_new.contains(k) {
            d.resolved.push(f.clone());
        }
    }
    d.summary = DiffSummary {
        new: d.new.len(),
        resolved: d.resolved.len(),
        changed: d.changed.len(),
        new_contradictions: d
            .new
            .iter()
            .filter(|f| f.verdict == Verdict::Contradiction)
            .count()
            + d.changed
                .iter()
                .filter(|c| {
                    c.new_verdict == Verdict::Contradiction
                        && c.old_verdict != Verdict::Contradiction
                })
                .count(),
    };
    d
}

/// One line that sums a diff up: `2 new (1 contradiction), 1 resolved, 1 changed`.
pub fn summary_line(d: &ReportDiff) -> String {
    format!(
        "{} new ({} contradiction{}), {} resolved, {} changed",
        d.summary.new,
        d.summary.new_contradictions,
        if d.summary.new_contradictions == 1 {
            ""
        } else {
            "s"
        },
        d.summary.resolved,
        d.summary.changed
    )
}

/// The diff as JSON, pretty-printed, with a trailing newline.
pub fn write_json(out: &mut dyn Write, d: &ReportDiff) -> io::Result<()> {
    let mut doc = serde_json::to_vec_pretty(d)?;
    doc.push(b'\n');
    out.write_all(&doc)
}

fn finding_values(f: &Finding) -> String {
    let mut shown: Vec<String> = Vec::new();
    for c in &f.claims {
        let v = one_line(&c.value);
        if !shown.contains(&v) {
            shown.push(v);
        }
    }
    shown.join("; ")
}

/// The union of two sets of values, each marked as in both, only old or only new.
fn values_diff(old: &[String], new: &[String]) -> Vec<DiffSpan> {
    let all: BTreeSet<&String> = old.iter().chain(new).collect();
    let mut spans = Vec::new();
    for (i, v) in all.into_iter().enumerate() {
        if i > 0 {
            spans.push(DiffSpan {
                tag: DiffTag::Equal,
                text: "; ".into(),
            });
        }
        let tag = match (old.contains(v), new.contains(v)) {
            (true, false) => DiffTag::Removed,
            (false, true) => DiffTag::Added,
            _ => DiffTag::Equal,
        };
        spans.push(DiffSpan {
            tag,
            text: one_line(v),
        });
    }
    spans
}

fn subject(topic: &str, subject: &str, events: &[String]) -> String {
    if events.is_empty() {
        format!("{topic} · {subject}")
    } else {
        format!("{topic} · {subject} · {}", events.join(", "))
    }
}

/// The diff as a terminal table: one row per new, resolved and changed finding; values and
/// reasons of changed findings word-diffed (`[-old-]{+new+}`, red/green with colour).
pub fn write_table(out: &mut dyn Write, d: &ReportDiff, options: RenderOptions) -> io::Result<()> {
    writeln!(out, "{}", summary_line(d))?;
    if options.quiet || d.is_empty() {
        return Ok(());
    }
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(120)
        .set_header(["change", "finding", "verdict", "values", "reason"]);
    if options.color {
        t.enforce_styling();
    }
    let paint = |c: Cell, color: Color| if options.color { c.fg(color) } else { c };
    let verdict_cell = |v: Verdict| {
        let c = Cell::new(v.name());
        match v {
            Verdict::Contradiction => paint(c, Color::Red),
            Verdict::Changed => paint(c, Color::Yellow),
            _ => c,
        }
    };
    for f in &d.new {
        t.add_row(vec![
            paint(Cell::new("new"), Color::Green),
            Cell::new(subject(&f.topic, &f.subject, &f.events)),
            verdict_cell(f.verdict),
            Cell::new(finding_values(f)),
            Cell::new(one_line(&f.reason)),
        ]);
    }
    for c in &d.changed {
        let verdict = if c.old_verdict == c.new_verdict {
            verdict_cell(c.new_verdict)
        } else {
            let cell = Cell::new(format!(
                "{} → {}",
                c.old_verdict.name(),
                c.new_verdict.name()
            ));
            if c.new_verdict == Verdict::Contradiction {
                paint(cell, Color::Red)
            } else {
                cell
            }
        };
        let values = inline_terminal(&values_diff(&c.old_values, &c.new_values), options.color);
        let reason = inline_terminal(
            &word_diff(&one_line(&c.old_reason), &one_line(&c.new_reason)),
            options.color,
        );
        t.add_row(vec![
            paint(Cell::new("changed"), Color::Yellow),
            Cell::new(subject(&c.topic, &c.subject, &c.events)),
            verdict,
            Cell::new(values),
            Cell::new(reason),
        ]);
    }
    for f in &d.resolved {
        t.add_row(vec![
            Cell::new("resolved"),
            Cell::new(subject(&f.topic, &f.subject, &f.events)),
            Cell::new(f.verdict.name()),
            Cell::new(finding_values(f)),
            Cell::new(one_line(&f.reason)),
        ]);
    }
    writeln!(out, "{t}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::sample;

    #[test]
    fn identical_reports_have_an_empty_diff() {
        let r = sample::report();
        let d = diff(&r, &r);
        assert!(d.is_empty());
        assert!(!d.fails());
        assert_eq!(
            summary_line(&d),
            "0 new (0 contradictions), 0 resolved, 0 changed"
        );
    }

    #[test]
    fn new_resolved_and_changed_findings() {
        let old = sample::report();
        let mut new = old.clone();
        // Resolved: the first finding is gone.
        let gone = new.findings.remove(0);
        // Changed: a compatible finding turns into a contradiction with another value.
        let i = new
            .findings
            .iter()
            .position(|f| f.verdict == Verdict::Compatible)
            .unwrap();
        new.findings[i].verdict = Verdict::Contradiction;
        new.findings[i].claims[0].normalized = "999".into();
        new.findings[i].reason = "now they disagree".into();
        // New: a finding on a new subject; claims reordered elsewhere change nothing.
        let mut added = gone.clone();
        added.subject = "boats sunk".into();
        new.findings.push(added);
        let j = new
            .findings
            .iter()
            .position(|f| f.claims.len() > 1 && f.verdict == Verdict::Agreement)
            .unwrap_or(0);
        new.findings[j].claims.reverse();

        let d = diff(&old, &new);
        assert_eq!(d.resolved.len(), 1);
        assert_eq!(d.resolved[0].subject, gone.subject);
        assert_eq!(d.new.len(), 1);
        assert_eq!(d.new[0].subject, "boats sunk");
        assert_eq!(d.changed.len(), 1, "{:#?}", d.changed);
        let c = &d.changed[0];
        assert_eq!(c.old_verdict, Verdict::Compatible);
        assert_eq!(c.new_verdict, Verdict::Contradiction);
        assert!(c.new_values.contains(&"999".to_string()));
        assert_eq!(
            d.summary.new_contradictions,
            usize::from(gone.verdict == Verdict::Contradiction) + 1
        );
        assert!(d.fails());

        let mut out = Vec::new();
        write_table(&mut out, &d, RenderOptions::default()).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("resolved"), "{s}");
        assert!(s.contains("compatible →"), "{s}");
        assert!(s.contains("[-210-]; 215; {+999+}"), "{s}");
        let mut out = Vec::new();
        write_json(&mut out, &d).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["summary"]["changed"], 1);
        assert_eq!(v["changed"][0]["new_verdict"], "contradiction");
    }

    #[test]
    fn a_resolved_contradiction_does_not_fail() {
        let old = sample::report();
        let mut new = old.clone();
        new.findings.retain(|f| f.verdict != Verdict::Contradiction);
        let d = diff(&old, &new);
        assert!(!d.resolved.is_empty());
        assert!(!d.fails());
    }

    #[test]
    fn saved_reports_parse_and_bad_ones_name_the_file() {
        let r = sample::report();
        let json = serde_json::to_string_pretty(&r).unwrap();
        assert_eq!(parse_report(&json, "old.json").unwrap(), r);
        let err = parse_report("{\"version\": 1,", "old.json").unwrap_err();
        assert!(err.starts_with("old.json:1:"), "{err}");
        let err = parse_report("[1, 2]", "new.json").unwrap_err();
        assert!(err.starts_with("new.json:"), "{err}");
    }
}
