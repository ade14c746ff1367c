//! GitHub Actions workflow commands: annotations on the lines of the articles.
//!
//! ```text
//! ::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=crosscheck TOPIC::MESSAGE
//! ```
//!
//! One line per claim of each `contradiction` (`::error`) and `changed` (`::warning`) finding,
//! placed on the claim's value in its article, naming what ten other claims of the finding say
//! and counting the rest (a finding over a feed has thousands). In `check`, only the new
//! articles' claims are annotated: the corpus is what they are checked against, not what the
//! change under review touched, and its thousands of annotations would hide theirs.
//! `compatible` and `agreement` findings produce no annotation: they are not problems, and
//! GitHub shows only a few annotations of each level per step. Each unreadable input gives
//! `::error file=PATH::crosscheck could not read this file: REASON`. Each stale baseline entry
//! gives a `::warning title=crosscheck stale baseline entry::...` without a file (it is not a
//! problem of an article). The last line is the summary line as plain log text.
//!
//! Escaping follows `@actions/core`: in the message `%`→`%25`, CR→`%0D`, LF→`%0A`; in property
//! values additionally `:`→`%3A` and `,`→`%2C`.

use std::io::{self, Write};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{
    Columns, Emitter, RenderOptions, display_value, one_line, ordered, paths_by_id, says,
    stale_line, summary_line,
};
use crate::model::{Claim, Finding, Report, Verdict};

/// GitHub Actions annotations.
#[derive(Clone, Debug, Default)]
pub struct GithubEmitter {
    /// The articles whose claims are annotated; all when `None`.
    pub focus: Option<HashSet<String>>,
}

/// Escapes a message (the data after `::`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=...`, `title=...`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn annotation(level: &str, props: &[(&str, String)], message: &str) -> String {
    let props: Vec<String> = props
        .iter()
        .map(|(k, v)| format!("{k}={}", escape_property(v)))
        .collect();
    format!("::{level} {}::{}", props.join(","), escape_data(message))
}

/// Other claims named in one annotation before the rest are counted.
const OTHERS_NAMED: usize = 10;

/// What the claims of a finding say (`001 says "15"`), each distinct line once, in order, with
/// how many of them each article has: an annotation names what the other articles say.
struct Sayings<'a> {
    lines: Vec<(&'a str, String)>,
    per_article: HashMap<&'a str, usize>,
}

impl<'a> Sayings<'a> {
    fn of(f: &'a Finding, columns: &Columns) -> Sayings<'a> {
        let mut lines = Vec::new();
        let mut seen: HashSet<String> = HashSet::default();
        let mut per_article: HashMap<&str, usize> = HashMap::default();
        for o in &f.claims {
            let s = says(o, columns);
            if !seen.contains(&s) {
                seen.insert(s.clone());
                *per_article.entry(&*o.article).or_default() += 1;
                lines.push((&*o.article, s));
            }
        }
        Sayings { lines, per_article }
    }

    /// `001 says "15", 002 says "nine"` for every article but `article`, past
    /// [`OTHERS_NAMED`] lines `… and 12 more`.
    fn of_others(&self, article: &str) -> String {
        let others = self.lines.len() - self.per_article.get(article).copied().unwrap_or(0);
        let named: Vec<&str> = self
            .lines
            .iter()
            .filter(|(a, _)| *a != article)
            .take(OTHERS_NAMED)
            .map(|(_, s)| s.as_str())
            .collect();
        let mut m = named.join(", ");
        if others > named.len() {
            m.push_str(&format!(" and {} more", others - named.len()));
        }
        m
    }
}

fn message(f: &Finding, c: &Claim, sayings: &Sayings) -> String {
    let others = sayings.of_others(&c.article);
    let mut m = format!(
        "{} · {}: this article says \"{}\"",
        f.verdict.name(),
        f.subject,
        one_line(&display_value(c))
    );
    if let Some(e) = &c.event {
        m.push_str(&format!(" ({e})"));
    }
    if !others.is_empty() {
        m.push_str("; ");
        m.push_str(&others);
    }
    m.push_str(". ");
    m.push_str(&f.reason);
    m
}

impl Emitter for GithubEmitter {
    fn emit(
        &self,
        out: &mut dyn Write,
        report: &Report,
        _options: RenderOptions,
    ) -> io::Result<()> {
        let columns = Columns::of_report(report);
        let paths = paths_by_id(report);
        for s in &report.skipped {
            writeln!(
                out,
                "{}",
                annotation(
                    "error",
                    &[("file", s.path.clone())],
                    &format!("crosscheck could not read this file: {}", s.reason)
                )
            )?;
        }
        for f in ordered(&report.findings) {
            let level = match f.verdict {
                Verdict::Contradiction => "error",
                Verdict::Changed => "warning",
                Verdict::Compatible | Verdict::Agreement => continue,
            };
            let sayings = Sayings::of(f, &columns);
            let focused = |c: &&Claim| {
                self.focus
                    .as_ref()
                    .is_none_or(|ids| ids.contains(&*c.article))
            };
            for c in f.claims.iter().filter(focused) {
                let path = paths.get(&*c.article).copied().unwrap_or(&*c.article);
                let mut props = vec![("file", path.to_string())];
                if c.line > 0 {
                    props.extend([
                        ("line", c.line.to_string()),
                        ("col", c.column.to_string()),
                        ("endLine", c.end_line.to_string()),
                        ("endColumn", c.end_column.to_string()),
                    ]);
                }
                props.push(("title", format!("crosscheck {}", one_line(&f.topic))));
                writeln!(
                    out,
                    "{}",
                    annotation(level, &props, &message(f, c, &sayings))
                )?;
            }
        }
        for e in &report.stale {
            writeln!(
                out,
                "{}",
                annotation(
                    "warning",
                    &[("title", "crosscheck stale baseline entry".to_string())],
                    &format!(
                        "{}: {}. {}",
                        stale_line(e),
                        super::STALE_HELP,
                        one_line(&e.reason)
                    )
                )
            )?;
        }
        writeln!(out, "{}", summary_line(report))
    }

    /// Only disagreements are annotated.
    fn reads_claims(&self, verdict: Verdict, _options: RenderOptions) -> bool {
        verdict.is_disagreement()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::sample;

    #[test]
    fn github_snapshot() {
        let mut out = Vec::new();
        GithubEmitter::default()
            .emit(&mut out, &sample::report(), RenderOptions::default())
            .unwrap();
        insta::assert_snapshot!(String::from_utf8(out).unwrap());
    }

    #[test]
    fn an_annotation_names_ten_other_claims_and_counts_the_rest() {
        let r = sample::feed_report(40);
        let mut out = Vec::new();
        GithubEmitter::default()
            .emit(&mut out, &r, RenderOptions::default())
            .unwrap();
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.lines().filter(|l| l.starts_with("::error")).collect();
        assert_eq!(lines.len(), 40);
        // 39 other articles, each its own line of what it says: ten named, 29 counted.
        let first = lines
            .iter()
            .find(|l| l.contains("000_0000000000000001.txt"))
            .unwrap();
        assert!(
            first.contains(r#"001 says "at least 15", 002 says "12", 003 says "12""#),
            "{first}"
        );
        assert!(
            first.contains(r#"010 says "at least 15" and 29 more. "#),
            "{first}"
        );
        assert!(!first.contains("011 says"), "{first}");
    }

    #[test]
    fn message_escapes_percent_and_line_breaks_but_not_commas() {
        assert_eq!(
            escape_data("40% of homes,\r\nsaid"),
            "40%25 of homes,%0D%0Asaid"
        );
    }

    #[test]
    fn property_escapes_colons_and_commas_too() {
        assert_eq!(
            escape_property("late edition: 002, final.txt"),
            "late edition%3A 002%2C final.txt"
        );
        let line = annotation(
            "error",
            &[("file", "a:b,c%.txt".into()), ("line", "3".into())],
            "x: 40%, y\nz",
        );
        assert_eq!(
            line,
            "::error file=a%3Ab%2Cc%25.txt,line=3::x: 40%25, y%0Az"
        );
    }

    #[test]
    fn a_finding_with_percent_newline_and_comma_stays_one_escaped_line() {
        let mut r = sample::report();
        let f = r
            .findings
            .iter_mut()
            .find(|f| f.verdict == Verdict::Contradiction)
            .unwrap();
        f.topic = "share, homes".into();
        f.reason = "40% of homes,\nsaid 001, but 002 says 50%".into();
        let mut out = Vec::new();
        GithubEmitter::default()
            .emit(&mut out, &r, RenderOptions::default())
            .unwrap();
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s
            .lines()
            .filter(|l| l.contains("title=crosscheck share%2C homes::"))
            .collect();
        assert!(!lines.is_empty(), "{s}");
        for l in lines {
            assert!(l.starts_with("::error file="), "{l}");
            // In the message: `%` and LF escaped, the comma kept as is.
            assert!(
                l.ends_with("40%25 of homes,%0Asaid 001, but 002 says 50%25"),
                "{l}"
            );
        }
    }

    #[test]
    fn every_line_is_one_command_or_the_summary() {
        let mut out = Vec::new();
        GithubEmitter::default()
            .emit(&mut out, &sample::report(), RenderOptions::default())
            .unwrap();
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.lines().collect();
        // 1 skipped + 2 + 3 contradiction claims (errors) + 3 changed claims (warnings) + summary.
        assert_eq!(lines.len(), 1 + 5 + 3 + 1);
        assert_eq!(
            lines.iter().filter(|l| l.starts_with("::error ")).count(),
            6
        );
        assert_eq!(
            lines.iter().filter(|l| l.starts_with("::warning ")).count(),
            3
        );
        assert!(s.contains("file=stories/mara/late edition%3A 002%2C final.txt,line=3,"));
        assert!(s.contains("40%25 of homes") || s.contains("\"40%25\""));
    }
}
