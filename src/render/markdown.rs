//! The report as GitHub-flavoured Markdown, for a PR comment or a wiki page.
//!
//! ```text
//! **crosscheck**: 3 articles, 1 skipped, 13 claims · 2 contradictions, …
//!
//! | article | path | outlet | published | claims |     ← legend of the article columns
//! **Skipped** — one bullet per unreadable input, with its reason
//! **Stale baseline entries** — with --baseline: one bullet per entry that matches nothing
//!
//! ### storm-deaths                                    ← one table per topic, all verdicts,
//! | subject | 000 | 001 | 002 | verdict |                topics with contradictions first
//! | people killed | 12 | ≠ at least 15 | 12 | contradiction |
//!
//! ### Evidence                                        ← contradictions and changed findings
//! #### contradiction · storm-deaths · people killed
//! reason, one bullet per claim with its sentence, then one diff line per differing pair:
//! - *000 → 001:* The storm killed ~~12~~ **at least 15** people …
//! ```
//!
//! Past eight articles each topic is one row per value (`| subject | value | articles | verdict |`)
//! as in the terminal table, and each finding's evidence lists twelve claims and twelve diffs
//! at most, counting the rest; the article legend holds only the articles the findings name
//! (and those with notes) and counts the others.
//!
//! Word diffs: removed words `~~struck~~`, added words `**bold**`. Cells escape Markdown
//! punctuation and `|` with a backslash and show a line break as `<br>`; sentences outside
//! tables show line breaks as spaces. Disagreeing cells are marked `≠` (`≈` in a compatible
//! finding) as in the terminal table.

use std::io::{self, Write};

use super::diff::{inline_markdown, similar_enough, word_diff};
use super::{
    ARTICLES_NAMED, Columns, EVIDENCE_SHOWN, Emitter, RenderOptions, STALE_HELP, by_topic,
    evidence_pairs, matrix_rows, one_line, ordered, others_line, stale_line, summary_line,
    value_rows,
};
use crate::model::{Claim, Finding, Report, Verdict};

/// The Markdown report.
pub struct MarkdownEmitter;

/// Backslash-escapes the characters that Markdown (GFM) would read as markup.
pub fn escape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// A table cell: escaped, line breaks as `<br>`.
pub fn escape_cell(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.split('\n')
        .map(escape_inline)
        .collect::<Vec<_>>()
        .join("<br>")
}

fn row(out: &mut dyn Write, cells: &[String]) -> io::Result<()> {
    writeln!(out, "| {} |", cells.join(" | "))
}

fn separator(out: &mut dyn Write, n: usize) -> io::Result<()> {
    writeln!(out, "|{}", "---|".repeat(n))
}

impl Emitter for MarkdownEmitter {
    fn emit(&self, out: &mut dyn Write, report: &Report, options: RenderOptions) -> io::Result<()> {
        writeln!(out, "**crosscheck**: {}", summary_line(report))?;
        if options.quiet {
            return Ok(());
        }
        let columns = Columns::of_report(report);
        // The findings first, so that a feed's legend knows which articles they name.
        let mut findings = Vec::new();
        write_findings(&mut findings, report, &columns)?;

        let (listed, others) = columns.legend(report);
        if !listed.is_empty() {
            writeln!(out)?;
            row(
                out,
                &["article", "path", "outlet", "published", "claims"].map(str::to_string),
            )?;
            separator(out, 5)?;
            for a in listed {
                row(
                    out,
                    &[
                        escape_cell(columns.label(&a.id)),
                        escape_cell(&a.path),
                        a.outlet.as_deref().map(escape_cell).unwrap_or_default(),
                        a.published.map(|d| d.to_string()).unwrap_or_default(),
                        a.claims.to_string(),
                    ],
                )?;
            }
        }
        if others > 0 {
            writeln!(out)?;
            writeln!(out, "{}", escape_inline(&others_line(others)))?;
        }
        if !report.skipped.is_empty() {
            writeln!(out)?;
            writeln!(out, "**Skipped**")?;
            writeln!(out)?;
            for s in &report.skipped {
                writeln!(
                    out,
                    "- {}: {}",
                    escape_inline(&one_line(&s.path)),
                    escape_inline(&one_line(&s.reason))
                )?;
            }
        }
        if !report.stale.is_empty() {
            writeln!(out)?;
            writeln!(out, "**Stale baseline entries** ({STALE_HELP})")?;
            writeln!(out)?;
            for e in &report.stale {
                let mut line = format!("- {}", escape_inline(&stale_line(e)));
                if !e.reason.trim().is_empty() {
                    line.push_str(&format!(" — {}", escape_inline(&one_line(&e.reason))));
                }
                writeln!(out, "{line}")?;
            }
        }

        out.write_all(&findings)?;
        Ok(())
    }

    /// Quiet: only the summary line.
    fn reads_claims(&self, _verdict: Verdict, options: RenderOptions) -> bool {
        !options.quiet
    }
}

/// The findings: a table per topic (topics with contradictions first), the evidence.
fn write_findings(out: &mut dyn Write, report: &Report, columns: &Columns) -> io::Result<()> {
    let all = ordered(&report.findings);
    for (topic, findings) in by_topic(&all) {
        writeln!(out)?;
        writeln!(out, "### {}", escape_inline(topic))?;
        writeln!(out)?;
        if columns.fit_a_matrix() {
            matrix_table(out, &findings, columns)?;
        } else {
            value_table(out, &findings, columns)?;
        }
    }

    let disagreements: Vec<_> = all.iter().filter(|f| f.verdict.is_disagreement()).collect();
    if !disagreements.is_empty() {
        writeln!(out)?;
        writeln!(out, "### Evidence")?;
        for f in disagreements {
            writeln!(out)?;
            writeln!(
                out,
                "#### {} · {} · {}",
                f.verdict.name(),
                escape_inline(&f.topic),
                escape_inline(&one_line(&f.subject))
            )?;
            writeln!(out)?;
            writeln!(out, "{}", escape_inline(&one_line(columns.reason(f))))?;
            writeln!(out)?;
            for c in f.claims.iter().take(EVIDENCE_SHOWN) {
                writeln!(
                    out,
                    "- {}: {}",
                    where_(c, columns),
                    escape_inline(&one_line(&c.quote))
                )?;
            }
            if f.claims.len() > EVIDENCE_SHOWN {
                writeln!(out, "{}", more_claims(f.claims.len() - EVIDENCE_SHOWN))?;
            }
            let pairs = evidence_pairs(f);
            if !pairs.is_empty() {
                writeln!(out)?;
            }
            for &(r, c) in pairs.iter().take(EVIDENCE_SHOWN) {
                let (old, new) = (one_line(&r.quote), one_line(&c.quote));
                // Sentences that share few words: the two values, not a diff of noise.
                let d = if similar_enough(&old, &new) {
                    word_diff(&old, &new)
                } else {
                    word_diff(&one_line(&r.value), &one_line(&c.value))
                };
                writeln!(
                    out,
                    "- *{} → {}:* {}",
                    escape_inline(columns.label(&r.article)),
                    escape_inline(columns.label(&c.article)),
                    inline_markdown(&d)
                )?;
            }
            if pairs.len() > EVIDENCE_SHOWN {
                writeln!(out, "{}", more_claims(pairs.len() - EVIDENCE_SHOWN))?;
            }
        }
    }
    Ok(())
}

/// A topic's findings as a slot × source matrix: one column per article.
fn matrix_table(out: &mut dyn Write, findings: &[&Finding], columns: &Columns) -> io::Result<()> {
    let mut head = vec!["subject".to_string()];
    head.extend(columns.labels.iter().map(|l| escape_cell(l)));
    head.push("verdict".to_string());
    row(out, &head)?;
    separator(out, head.len())?;
    for f in findings {
        for r in matrix_rows(f, columns) {
            let mut cells = vec![escape_cell(&r.label)];
            cells.extend(r.cells.iter().map(|c| match c {
                None => String::new(),
                Some(c) => format!("{}{}", c.mark.prefix(), escape_cell(&c.text)),
            }));
            cells.push(r.finding.verdict.name().to_string());
            row(out, &cells)?;
        }
    }
    Ok(())
}

/// A topic's findings when there are too many articles for a matrix: one row per value, with
/// the articles that give it.
fn value_table(out: &mut dyn Write, findings: &[&Finding], columns: &Columns) -> io::Result<()> {
    row(
        out,
        &["subject", "value", "articles", "verdict"].map(str::to_string),
    )?;
    separator(out, 4)?;
    for f in findings {
        for r in value_rows(f) {
            row(
                out,
                &[
                    escape_cell(&r.label),
                    format!("{}{}", r.mark.prefix(), escape_cell(&r.value)),
                    escape_cell(&format!(
                        "{}: {}",
                        r.articles.len(),
                        columns.named_list(&r.articles, ARTICLES_NAMED)
                    )),
                    r.finding.verdict.name().to_string(),
                ],
            )?;
        }
    }
    Ok(())
}

/// `- … and 12 more (--format json lists every claim)`.
fn more_claims(n: usize) -> String {
    format!("- … and {n} more (`--format json` lists every claim)")
}

/// `**000** (7:18, landfall)`.
fn where_(c: &Claim, columns: &Columns) -> String {
    let mut s = format!(
        "**{}** ({}:{}",
        escape_inline(columns.label(&c.article)),
        c.line,
        c.column
    );
    if let Some(e) = &c.event {
        s.push_str(", ");
        s.push_str(&escape_inline(&one_line(e)));
    }
    s.push(')');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::sample;

    #[test]
    fn markdown_snapshot() {
        let mut out = Vec::new();
        MarkdownEmitter
            .emit(&mut out, &sample::report(), RenderOptions::default())
            .unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(!s.contains('\x1b'));
        insta::assert_snapshot!(s);
    }

    #[test]
    fn cells_escape_pipes_and_line_breaks() {
        assert_eq!(escape_cell("a | b\nc"), "a \\| b<br>c");
        assert_eq!(escape_cell("x\r\ny"), "x<br>y");
        assert_eq!(escape_inline("*a* _b_"), "\\*a\\* \\_b\\_");
    }
}
