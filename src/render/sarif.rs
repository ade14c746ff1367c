//! SARIF 2.1.0 (`serde-sarif`'s typed model), for code-scanning tools such as GitHub's.
//!
//! - `tool.driver`: `crosscheck` with one rule per topic of the report's findings
//!   (`id` = topic), sorted.
//! - one result per `contradiction` (level `error`) and `changed` (level `warning`) finding:
//!   `ruleId`/`ruleIndex` = its topic, `message.text` = its reason, properties `verdict`,
//!   `subject`, `events`; one location per claim: `artifactLocation.uri` = the article's path
//!   (as a relative URI reference), `region` with start/end line and column, `byteOffset`/
//!   `byteLength` from the claim's byte span and `snippet.text` = the value as written;
//!   `location.message` = `000 says "12"`. In `check`, the new articles' claims come first:
//!   the first location is the one code scanning shows an alert at.
//! - columns count characters: `run.columnKind` = `unicodeCodePoints`.
//! - unreadable inputs: `invocations[0].toolExecutionNotifications`, level `error`, one per
//!   input, located at its path; stale baseline entries: one notification each, level
//!   `warning`, without a location.
//!
//! `compatible` and `agreement` findings produce no result. Built whole, then written once.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use serde_sarif::sarif::{
    ArtifactContent, ArtifactLocation, Invocation, Location, Message, MultiformatMessageString,
    Notification, PhysicalLocation, PropertyBag, Region, ReportingDescriptor,
    Result as SarifResult, ResultLevel, Run, Sarif, Tool, ToolComponent,
};

use super::{Columns, Emitter, RenderOptions, STALE_HELP, ordered, paths_by_id, says, stale_line};
use crate::model::{Claim, Report, Verdict};

/// The schema every SARIF 2.1.0 file names.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// SARIF 2.1.0.
#[derive(Clone, Debug, Default)]
pub struct SarifEmitter {
    /// The articles whose claims' locations come first in a result (the new articles of a
    /// `check`); none when `None`.
    pub focus: Option<rustc_hash::FxHashSet<String>>,
}

fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A path as a relative URI reference: `\` → `/`, bytes outside the URI path characters
/// percent-encoded (`late edition: 002.txt` → `late%20edition:%20002.txt`).
pub fn path_to_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn location(uri: &str, c: &Claim, message: String) -> Location {
    let region = Region::builder()
        .start_line(i64::from(c.line))
        .start_column(i64::from(c.column))
        .end_line(i64::from(c.end_line))
        .end_column(i64::from(c.end_column))
        .byte_offset(int(c.start))
        .byte_length(int(c.end.saturating_sub(c.start)))
        .snippet(ArtifactContent::builder().text(c.value.clone()).build())
        .build();
    Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location(ArtifactLocation::builder().uri(uri.to_string()).build())
                .region(region)
                .build(),
        )
        .message(Message::builder().text(message).build())
        .build()
}

/// The SARIF log of a report.
pub fn to_sarif(report: &Report) -> Sarif {
    to_sarif_focused(report, None)
}

/// [`to_sarif`], the claims of the articles `focus` first in each result's locations.
pub fn to_sarif_focused(report: &Report, focus: Option<&rustc_hash::FxHashSet<String>>) -> Sarif {
    let columns = Columns::of_report(report);
    let topics: Vec<&str> = report
        .findings
        .iter()
        .map(|f| f.topic.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let rules: Vec<ReportingDescriptor> = topics
        .iter()
        .map(|t| {
            ReportingDescriptor::builder()
                .id(t.to_string())
                .name(t.to_string())
                .short_description(
                    MultiformatMessageString::builder()
                        .text(format!("Articles disagree on {t}"))
                        .build(),
                )
                .build()
        })
        .collect();
    let paths = paths_by_id(report);
    let uri_of = |article: &str| path_to_uri(paths.get(article).copied().unwrap_or(article));

    let mut results: Vec<SarifResult> = Vec::new();
    for f in ordered(&report.findings) {
        let level = match f.verdict {
            Verdict::Contradiction => ResultLevel::Error,
            Verdict::Changed => ResultLevel::Warning,
            Verdict::Compatible | Verdict::Agreement => continue,
        };
        let focused = |c: &Claim| focus.is_some_and(|ids| ids.contains(&*c.article));
        let (first, rest): (Vec<&Claim>, Vec<&Claim>) = f.claims.iter().partition(|c| focused(c));
        let locations: Vec<Location> = first
            .into_iter()
            .chain(rest)
            .map(|c| location(&uri_of(&c.article), c, says(c, &columns)))
            .collect();
        let mut props = BTreeMap::new();
        props.insert("verdict".to_string(), f.verdict.name().into());
        props.insert("subject".to_string(), f.subject.clone().into());
        props.insert("events".to_string(), f.events.clone().into());
        let mut result = SarifResult::builder()
            .rule_id(f.topic.clone())
            .level(level)
            .message(Message::builder().text(f.reason.clone()).build())
            .locations(locations)
            .properties(PropertyBag::builder().additional_properties(props).build())
            .build();
        result.rule_index = topics.iter().position(|t| *t == f.topic).map(int);
        results.push(result);
    }

    let mut notifications: Vec<Notification> = report
        .skipped
        .iter()
        .map(|s| {
            let loc = Location::builder()
                .physical_location(
                    PhysicalLocation::builder()
                        .artifact_location(
                            ArtifactLocation::builder()
                                .uri(path_to_uri(&s.path))
                                .build(),
                        )
                        .build(),
                )
                .build();
            Notification::builder()
                .level(serde_json::Value::from("error"))
                .message(
                    Message::builder()
                        .text(format!(
                            "crosscheck could not read {}: {}",
                            s.path, s.reason
                        ))
                        .build(),
                )
                .locations(vec![loc])
                .build()
        })
        .collect();
    for e in &report.stale {
        notifications.push(
            Notification::builder()
                .level(serde_json::Value::from("warning"))
                .message(
                    Message::builder()
                        .text(format!(
                            "stale baseline entry {}: {}",
                            stale_line(e),
                            STALE_HELP
                        ))
                        .build(),
                )
                .build(),
        );
    }
    let mut invocation = Invocation::builder().execution_successful(true).build();
    if !notifications.is_empty() {
        invocation.tool_execution_notifications = Some(notifications);
    }

    let driver = ToolComponent::builder()
        .name("crosscheck")
        .version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let run = Run::builder()
        .tool(Tool::from(driver))
        .results(results)
        .invocations(vec![invocation])
        .column_kind(serde_json::Value::from("unicodeCodePoints"))
        .build();
    Sarif::builder()
        .schema(SCHEMA)
        .version(serde_json::Value::from("2.1.0"))
        .runs(vec![run])
        .build()
}

impl Emitter for SarifEmitter {
    fn emit(
        &self,
        out: &mut dyn Write,
        report: &Report,
        _options: RenderOptions,
    ) -> io::Result<()> {
        let mut doc = serde_json::to_vec_pretty(&to_sarif_focused(report, self.focus.as_ref()))?;
        doc.push(b'\n');
        out.write_all(&doc)
    }

    /// Only disagreements become results.
    fn reads_claims(&self, verdict: Verdict, _options: RenderOptions) -> bool {
        verdict.is_disagreement()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::sample;

    fn render() -> String {
        sample::render(
            &SarifEmitter::default(),
            &sample::report(),
            RenderOptions::default(),
        )
    }

    #[test]
    fn sarif_snapshot() {
        insta::assert_snapshot!(render());
    }

    #[test]
    fn sarif_round_trips_through_the_typed_model() {
        let s = render();
        let raw: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(raw["version"], "2.1.0");
        assert_eq!(raw["$schema"], SCHEMA);

        let log: Sarif = serde_json::from_str(&s).unwrap();
        assert_eq!(log, to_sarif(&sample::report()));
        assert_eq!(log.version, serde_json::json!("2.1.0"));
        assert_eq!(log.schema.as_deref(), Some(SCHEMA));
        assert_eq!(log.runs.len(), 1);
        let run = &log.runs[0];
        assert_eq!(run.tool.driver.name, "crosscheck");
        let rules: Vec<&str> = run
            .tool
            .driver
            .rules
            .as_ref()
            .unwrap()
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(
            rules,
            [
                "power-outage",
                "shelters",
                "storm-category",
                "storm-deaths",
                "wind-speed"
            ]
        );
        let results = run.results.as_ref().unwrap();
        // Two contradictions, then one changed finding.
        assert_eq!(results.len(), 3);
        let levels: Vec<ResultLevel> = results.iter().map(|r| r.level.unwrap()).collect();
        assert_eq!(
            levels,
            [ResultLevel::Error, ResultLevel::Error, ResultLevel::Warning]
        );
        let deaths = &results[0];
        assert_eq!(deaths.rule_id.as_deref(), Some("storm-deaths"));
        assert_eq!(deaths.rule_index, Some(3));
        assert_eq!(
            deaths.message.text.as_deref(),
            Some(sample::report().findings[2].reason.as_str())
        );
        let locs = deaths.locations.as_ref().unwrap();
        assert_eq!(locs.len(), 3);
        let phys = locs[1].physical_location.as_ref().unwrap();
        assert_eq!(
            phys.artifact_location.as_ref().unwrap().uri.as_deref(),
            Some("stories/mara/001_9f8e7d6c5b4a3921.txt")
        );
        let region = phys.region.as_ref().unwrap();
        assert_eq!(
            (
                region.start_line,
                region.start_column,
                region.end_line,
                region.end_column
            ),
            (Some(4), Some(18), Some(4), Some(29))
        );
        assert_eq!(
            (region.byte_offset, region.byte_length),
            (Some(230), Some(11))
        );
        let third = locs[2].physical_location.as_ref().unwrap();
        assert_eq!(
            third.artifact_location.as_ref().unwrap().uri.as_deref(),
            Some("stories/mara/late%20edition:%20002,%20final.txt")
        );
        let notes = run.invocations.as_ref().unwrap()[0]
            .tool_execution_notifications
            .as_ref()
            .unwrap();
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn uris_encode_spaces_and_percent() {
        assert_eq!(path_to_uri("a b%\\c.txt"), "a%20b%25/c.txt");
    }
}
