//! The terminal report (default format), with `comfy-table`.
//!
//! ```text
//! 3 articles, 1 skipped, 13 claims · 2 contradictions, 1 changed, 1 compatible, 1 agreement
//!
//! Articles
//!   000  stories/mara/000_a1b2c3d4e5f60718.txt (Coastal Herald, 2025-09-16)
//! Skipped
//!   stories/mara/photo.jpg: not UTF-8 text at byte 0
//! Stale baseline entries                        ← only with --baseline: entries that match
//!   contradiction · storm-deaths · ... [fp]        no finding any more, with their reason
//!
//! storm-deaths                                  ← one slot × source matrix per topic:
//! ┌───────────────┬─────┬───────────────┬─────┬───────────────┐   contradictions, then changed
//! │ subject       ┆ 000 ┆ 001           ┆ 002 ┆ verdict       │
//! ╞═══════════════╪═════╪═══════════════╪═════╪═══════════════╡
//! │ people killed ┆ 12  ┆ ≠ at least 15 ┆ 12  ┆ contradiction │
//! └───────────────┴─────┴───────────────┴─────┴───────────────┘
//!
//! Compatible and agreeing                       ← one line per finding
//!   compatible · wind-speed · peak wind speed: about 210 km/h (000) ≈ 215 km/h (002)
//!
//! Evidence                                      ← contradictions and changed findings
//! contradiction · storm-deaths · people killed
//!   001 says at least 15 ...                    ← the reason
//!   000 7:18   The storm killed [-12-] people ...
//!   001 4:18   The storm killed {+at least 15+} people ...
//! ```
//!
//! Past eight articles (a feed) a matrix would be a column per article: each topic is then
//! one row per value instead (`subject | value | articles | verdict`), the articles named up to
//! six and the rest counted ("27: 000, 002, … and 21 more"), the same for the compatible and
//! agreeing lines; each finding's evidence shows twelve diffed pairs and twelve more sentences
//! at most and counts the rest (`--format json` has every claim), and the list of articles
//! holds only those the findings name (and those with notes), counting the others.
//!
//! In a matrix a cell that disagrees with its row's majority value is marked `≠` (`≈` in a
//! compatible finding), and red (yellow) when colour is on. Evidence sentences are shown in
//! pairs, the reference claim (first claim with the majority value) above each claim that
//! differs, with the differing words marked as described in [`super::diff`]. Line breaks in
//! values and sentences are shown as spaces.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table, presets};

use super::diff::{DiffTag, mark_value, new_side, old_side, similar_enough, word_diff};
use rustc_hash::FxHashSet as HashSet;

use super::{
    ARTICLES_NAMED, Columns, EVIDENCE_SHOWN, Emitter, Mark, RenderOptions, STALE_HELP, by_topic,
    evidence_pairs, matrix_rows, one_line, ordered, others_line, stale_line, summary_line,
    value_groups, value_rows,
};
use crate::model::{Claim, Finding, Report, Verdict};

/// Tables wrap their cells to this width: output does not depend on the terminal it runs in.
const WIDTH: u16 = 120;

/// The terminal report.
pub struct TableEmitter;

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, s: &str, code: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.paint(s, "1")
    }
    fn dim(&self, s: &str) -> String {
        self.paint(s, "2")
    }
    fn verdict(&self, v: Verdict) -> String {
        self.paint(v.name(), verdict_code(v))
    }
}

fn verdict_code(v: Verdict) -> &'static str {
    match v {
        Verdict::Contradiction => "1;31",
        Verdict::Changed => "33",
        Verdict::Compatible => "36",
        Verdict::Agreement => "32",
    }
}

fn verdict_color(v: Verdict) -> Color {
    match v {
        Verdict::Contradiction => Color::Red,
        Verdict::Changed => Color::Yellow,
        Verdict::Compatible => Color::Cyan,
        Verdict::Agreement => Color::Green,
    }
}

fn new_table(options: RenderOptions) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(WIDTH);
    if options.color {
        t.enforce_styling();
    }
    t
}

fn header(labels: impl IntoIterator<Item = String>, style: &Style) -> Vec<Cell> {
    labels
        .into_iter()
        .map(|l| {
            let c = Cell::new(l);
            if style.color {
                c.add_attribute(Attribute::Bold)
            } else {
                c
            }
        })
        .collect()
}

impl Emitter for TableEmitter {
    fn emit(&self, out: &mut dyn Write, report: &Report, options: RenderOptions) -> io::Result<()> {
        let style = Style {
            color: options.color,
        };
        writeln!(out, "{}", style.bold(&summary_line(report)))?;
        if options.quiet {
            return Ok(());
        }
        let columns = Columns::of_report(report);
        // The findings first, so that a feed's legend knows which articles they name.
        let mut findings = Vec::new();
        write_findings(&mut findings, report, &columns, options, &style)?;

        let (listed, others) = columns.legend(report);
        if !listed.is_empty() || others > 0 {
            writeln!(out)?;
            writeln!(out, "{}", style.bold("Articles"))?;
            for a in listed {
                let mut about: Vec<String> = Vec::new();
                if let Some(o) = &a.outlet {
                    about.push(o.clone());
                }
                if let Some(d) = a.published {
                    about.push(d.to_string());
                }
                let about = if about.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", about.join(", "))
                };
                writeln!(
                    out,
                    "  {:<5} {}{about}, {}",
                    columns.label(&a.id),
                    a.path,
                    plural_claims(a.claims)
                )?;
                for note in &a.notes {
                    writeln!(out, "        note: {note}")?;
                }
            }
            if others > 0 {
                writeln!(out, "  {}", style.dim(&others_line(others)))?;
            }
        }
        if !report.skipped.is_empty() {
            writeln!(out, "{}", style.bold("Skipped"))?;
            for s in &report.skipped {
                writeln!(out, "  {}: {}", s.path, s.reason)?;
            }
        }
        if !report.stale.is_empty() {
            writeln!(out)?;
            writeln!(out, "{}", style.bold("Stale baseline entries"))?;
            writeln!(out, "  {}", style.dim(STALE_HELP))?;
            for e in &report.stale {
                writeln!(out, "  {}", stale_line(e))?;
                if !e.reason.trim().is_empty() {
                    writeln!(out, "    {}", style.dim(&one_line(&e.reason)))?;
                }
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

/// The findings: a table per topic of disagreements, the compatible and agreeing lines, the
/// evidence.
fn write_findings(
    out: &mut dyn Write,
    report: &Report,
    columns: &Columns,
    options: RenderOptions,
    style: &Style,
) -> io::Result<()> {
    let all = ordered(&report.findings);
    let (disagreements, rest): (Vec<_>, Vec<_>) =
        all.iter().partition(|f| f.verdict.is_disagreement());

    for (topic, findings) in by_topic(&disagreements) {
        writeln!(out)?;
        writeln!(out, "{}", style.bold(topic))?;
        writeln!(out, "{}", topic_table(&findings, columns, options, style))?;
    }

    if !rest.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", style.bold("Compatible and agreeing"))?;
        for f in rest {
            let groups: Vec<String> = value_groups(f)
                .into_iter()
                .map(|(v, ids)| {
                    format!(
                        "{} ({})",
                        one_line(&v),
                        columns.named_list(&ids, ARTICLES_NAMED)
                    )
                })
                .collect();
            let sep = if f.verdict == Verdict::Compatible {
                " ≈ "
            } else {
                " = "
            };
            writeln!(
                out,
                "  {} · {} · {}: {}",
                style.verdict(f.verdict),
                f.topic,
                one_line(&f.subject),
                groups.join(sep)
            )?;
        }
    }

    if !disagreements.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", style.bold("Evidence"))?;
        for f in &disagreements {
            writeln!(
                out,
                "{} · {} · {}",
                style.verdict(f.verdict),
                f.topic,
                style.bold(&one_line(&f.subject))
            )?;
            writeln!(out, "  {}", one_line(columns.reason(f)))?;
            let pairs = evidence_pairs(f);
            let mut shown: HashSet<*const Claim> = HashSet::default();
            for &(r, c) in pairs.iter().take(EVIDENCE_SHOWN) {
                let (old, new) = (one_line(&r.quote), one_line(&c.quote));
                let (old, new) = if similar_enough(&old, &new) {
                    let d = word_diff(&old, &new);
                    (old_side(&d, options.color), new_side(&d, options.color))
                } else {
                    (
                        mark_value(&old, &one_line(&r.value), DiffTag::Removed, options.color),
                        mark_value(&new, &one_line(&c.value), DiffTag::Added, options.color),
                    )
                };
                let w = where_(r, columns, style);
                writeln!(out, "  {w}  {old}")?;
                let w = where_(c, columns, style);
                writeln!(out, "  {w}  {new}")?;
                shown.extend([std::ptr::from_ref(r), std::ptr::from_ref(c)]);
            }
            let mut rest = f
                .claims
                .iter()
                .filter(|c| !shown.contains(&std::ptr::from_ref(*c)));
            for c in rest.by_ref().take(EVIDENCE_SHOWN) {
                let w = where_(c, columns, style);
                writeln!(out, "  {w}  {}", one_line(&c.quote))?;
            }
            // Every claim not shown so far is in `rest`, those of the pairs past the cap too.
            let more = rest.count();
            if more > 0 {
                writeln!(
                    out,
                    "  {}",
                    style.dim(&format!(
                        "… and {more} more claims (--format json lists every one)"
                    ))
                )?;
            }
        }
    }
    Ok(())
}

/// A topic's disagreements: a slot × source matrix (one column per article) when the articles
/// fit, else one row per value with the articles that give it.
fn topic_table(
    findings: &[&Finding],
    columns: &Columns,
    options: RenderOptions,
    style: &Style,
) -> Table {
    let matrix = columns.fit_a_matrix();
    let mut t = new_table(options);
    let head: Vec<String> = if matrix {
        std::iter::once("subject".to_string())
            .chain(columns.labels.iter().cloned())
            .chain(std::iter::once("verdict".to_string()))
            .collect()
    } else {
        ["subject", "value", "articles", "verdict"]
            .map(str::to_string)
            .to_vec()
    };
    t.set_header(header(head, style));
    for f in findings {
        if matrix {
            for row in matrix_rows(f, columns) {
                let mut cells = vec![Cell::new(one_line(&row.label))];
                for cell in row.cells {
                    cells.push(match cell {
                        None => Cell::new(""),
                        Some(c) => value_cell(&c.text, c.mark, options),
                    });
                }
                cells.push(verdict_cell(row.finding.verdict, options));
                t.add_row(cells);
            }
        } else {
            for row in value_rows(f) {
                t.add_row(vec![
                    Cell::new(one_line(&row.label)),
                    value_cell(&row.value, row.mark, options),
                    Cell::new(format!(
                        "{}: {}",
                        row.articles.len(),
                        columns.named_list(&row.articles, ARTICLES_NAMED)
                    )),
                    verdict_cell(row.finding.verdict, options),
                ]);
            }
        }
    }
    t
}

/// A value, marked (and coloured) by how it stands against its row's reference.
fn value_cell(text: &str, mark: Mark, options: RenderOptions) -> Cell {
    let cell = Cell::new(format!("{}{}", mark.prefix(), one_line(text)));
    match (options.color, mark) {
        (true, Mark::Differs) => cell.fg(Color::Red).add_attribute(Attribute::Bold),
        (true, Mark::Close) => cell.fg(Color::Yellow),
        _ => cell,
    }
}

fn verdict_cell(verdict: Verdict, options: RenderOptions) -> Cell {
    let v = Cell::new(verdict.name());
    if options.color {
        v.fg(verdict_color(verdict))
    } else {
        v
    }
}

fn plural_claims(n: usize) -> String {
    if n == 1 {
        "1 claim".to_string()
    } else {
        format!("{n} claims")
    }
}

/// `000 7:18` padded, with the event when the claim has one.
fn where_(c: &Claim, columns: &Columns, style: &Style) -> String {
    let mut s = format!("{} {}:{}", columns.label(&c.article), c.line, c.column);
    if let Some(e) = &c.event {
        s.push_str(&format!(" [{}]", one_line(e)));
    }
    style.dim(&format!("{s:<12}"))
}

/// The claims table for rule authors; `articles` is the number of articles read, those
/// without a claim too.
pub(crate) fn write_claims_table(
    out: &mut dyn Write,
    claims: &[Claim],
    articles: usize,
    options: RenderOptions,
) -> io::Result<()> {
    let columns = Columns::of_claims(claims);
    let summary = format!(
        "{} from {}",
        plural_claims(claims.len()),
        if articles == 1 {
            "1 article".to_string()
        } else {
            format!("{articles} articles")
        }
    );
    if options.quiet || claims.is_empty() {
        return writeln!(out, "{summary}");
    }
    let style = Style {
        color: options.color,
    };
    let mut t = new_table(options);
    t.set_header(header(
        [
            "article",
            "topic",
            "subject",
            "value",
            "normalized",
            "hedge",
            "event",
            "line:col",
        ]
        .map(str::to_string),
        &style,
    ));
    for c in claims {
        t.add_row(vec![
            Cell::new(columns.label(&c.article)),
            Cell::new(&c.topic),
            Cell::new(one_line(&c.subject)),
            Cell::new(one_line(&c.value)),
            Cell::new(one_line(&c.normalized)),
            Cell::new(c.hedge.as_deref().unwrap_or("")),
            Cell::new(c.event.as_deref().map(one_line).unwrap_or_default()),
            Cell::new(format!("{}:{}", c.line, c.column)),
        ]);
    }
    writeln!(out, "{t}")?;
    writeln!(out, "{summary}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::sample;

    fn render(options: RenderOptions) -> String {
        sample::render(&TableEmitter, &sample::report(), options)
    }

    #[test]
    fn table_snapshot() {
        let s = render(RenderOptions::default());
        assert!(!s.contains('\x1b'), "no ANSI without colour");
        insta::assert_snapshot!(s);
    }

    #[test]
    fn table_color_snapshot() {
        let s = render(RenderOptions {
            color: true,
            quiet: false,
        });
        assert!(s.contains("\x1b[1;31m"));
        insta::assert_snapshot!(s);
    }

    #[test]
    fn quiet_is_the_summary_line() {
        let s = render(RenderOptions {
            color: false,
            quiet: true,
        });
        assert_eq!(s, format!("{}\n", summary_line(&sample::report())));
    }

    #[test]
    fn contradictions_lead() {
        let s = render(RenderOptions::default());
        let deaths = s.find("storm-deaths").unwrap();
        let category = s.find("storm-category").unwrap();
        let wind = s.find("wind-speed").unwrap();
        assert!(deaths < category && category < wind);
    }

    #[test]
    fn claims_table_snapshot() {
        let r = sample::report();
        let articles = r.articles.len();
        let claims: Vec<Claim> = r.findings.into_iter().flat_map(|f| f.claims).collect();
        let mut out = Vec::new();
        write_claims_table(&mut out, &claims, articles, RenderOptions::default()).unwrap();
        insta::assert_snapshot!(String::from_utf8(out).unwrap());
    }
}
