//! CLI tests: the real binary on the real fixtures.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn crosscheck() -> Command {
    let mut cmd = Command::cargo_bin("crosscheck").expect("binary");
    cmd.env_remove("NO_COLOR");
    cmd
}

fn stdout_of(args: &[&str]) -> (i32, String, String) {
    let out = crosscheck().args(args).output().expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json_report(args: &[&str]) -> (i32, Value) {
    let mut all = vec!["report", "--format", "json"];
    all.extend_from_slice(args);
    let (code, out, err) = stdout_of(&all);
    let v: Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}\n{err}"));
    (code, v)
}

fn finding<'a>(report: &'a Value, topic: &str, subject: &str) -> &'a Value {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["topic"] == topic && f["subject"] == subject)
        .unwrap_or_else(|| panic!("no finding {topic} / {subject} in {report:#}"))
}

fn articles_of(f: &Value) -> Vec<String> {
    let mut ids: Vec<String> = f["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| c["article"].as_str().expect("article")[..3].to_string())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn the_table_shows_the_disagreements_with_evidence_and_the_agreements() {
    let (code, out, err) = stdout_of(&["report", "fixtures/articles", "--color", "never"]);
    assert_eq!(code, 1, "contradictions found → exit 1\n{out}\n{err}");
    // Evidence marks differing words with [-…-] and {+…+}; read the sentences without them.
    let out = out
        .replace("[-", "")
        .replace("-]", "")
        .replace("{+", "")
        .replace("+}", "");
    assert!(out.starts_with("5 articles, 0 skipped"), "{out}");
    // Umerov's titles: defense minister against former defense minister, now NSDC secretary.
    assert!(
        out.contains("changed · official-title · Rustem Umerov"),
        "{out}"
    );
    assert!(out.contains("former defense minister"), "{out}");
    assert!(
        out.contains("Secretary of the National Security and Defense Council"),
        "{out}"
    );
    // Both evidence sentences of the Umerov finding.
    assert!(
        out.contains("Defense Minister Rustem Umerov will lead Ukraine’s delegation"),
        "{out}"
    );
    assert!(
        out.contains("the country’s former defense minister and now Secretary"),
        "{out}"
    );
    // The weekdays: Monday, Wednesday, Friday, one finding, three rounds.
    assert!(out.contains("changed · talks-weekday · talks"), "{out}");
    for day in ["Monday", "Wednesday", "Friday"] {
        assert!(out.contains(day), "{day} missing\n{out}");
    }
    assert!(out.contains("set to meet in Istanbul on Friday"), "{out}");
    assert!(
        out.contains("returned to the negotiating table in Istanbul on Wednesday"),
        "{out}"
    );
    // Agreements.
    assert!(
        out.contains("agreement · drone-count · drones launched: 472 (000, 001)"),
        "{out}"
    );
    assert!(
        out.contains("agreement · delegation-leader · Russia delegation: Vladimir Medinsky"),
        "{out}"
    );
    assert!(
        out.contains("agreement · delegation-leader · Ukraine delegation: Rustem Umerov"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "no colour when asked for none");
}

#[test]
fn the_json_report_follows_the_contract() {
    let (code, report) = json_report(&["fixtures/articles"]);
    assert_eq!(code, 1);
    assert_eq!(report["version"], 1);
    // Every input path is accounted for, once.
    let mut inputs: Vec<String> = fs::read_dir("fixtures/articles")
        .expect("dir")
        .map(|e| e.expect("entry").path().display().to_string())
        .collect();
    inputs.sort();
    let mut seen: Vec<String> = report["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| a["path"].as_str().expect("path").to_string())
        .chain(
            report["skipped"]
                .as_array()
                .expect("skipped")
                .iter()
                .map(|s| s["path"].as_str().expect("path").to_string()),
        )
        .collect();
    seen.sort();
    assert_eq!(seen, inputs);
    // Each claim's bytes file[start..end] are its value as written.
    let paths: std::collections::HashMap<String, String> = report["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| {
            (
                a["id"].as_str().expect("id").to_string(),
                a["path"].as_str().expect("path").to_string(),
            )
        })
        .collect();
    let mut checked = 0;
    for f in report["findings"].as_array().expect("findings") {
        assert!(
            ["contradiction", "changed", "compatible", "agreement"]
                .contains(&f["verdict"].as_str().expect("verdict"))
        );
        assert!(!f["reason"].as_str().expect("reason").is_empty());
        for c in f["claims"].as_array().expect("claims") {
            let bytes = fs::read(&paths[c["article"].as_str().expect("article")]).expect("read");
            let (start, end) = (
                c["start"].as_u64().expect("start") as usize,
                c["end"].as_u64().expect("end") as usize,
            );
            let slice = std::str::from_utf8(&bytes[start..end]).expect("utf-8 span");
            assert_eq!(slice, c["value"].as_str().expect("value"), "span of {c}");
            assert!(c["quote"].as_str().expect("quote").contains(slice));
            for key in ["normalized", "hedge", "event"] {
                assert!(c.get(key).is_some(), "claim lacks {key}: {c}");
            }
            checked += 1;
        }
    }
    assert!(checked > 30, "only {checked} claims checked");
}

#[test]
fn the_verdicts_on_the_fixtures_mean_what_they_say() {
    let (_, report) = json_report(&["fixtures/articles"]);
    let umerov = finding(&report, "official-title", "Rustem Umerov");
    assert_eq!(umerov["verdict"], "changed");
    let reason = umerov["reason"].as_str().expect("reason");
    assert!(
        reason.contains("004")
            && reason.contains("former defense minister")
            && reason.contains("now secretary"),
        "{reason}"
    );

    let weekdays = finding(&report, "talks-weekday", "talks");
    assert_eq!(weekdays["verdict"], "changed");
    let events = weekdays["events"].as_array().expect("events");
    assert_eq!(events.len(), 3, "three rounds: {events:?}");
    let days: Vec<&str> = weekdays["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| c["value"].as_str().expect("value"))
        .collect();
    assert_eq!(days.len(), 3);
    for day in ["Monday", "Wednesday", "Friday"] {
        assert!(days.contains(&day), "{days:?}");
    }
    // Wednesday resolves backwards from 004's page date, Saturday 26 July 2025.
    let wednesday = weekdays["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["value"] == "Wednesday")
        .expect("Wednesday");
    assert_eq!(wednesday["date"], "2025-07-23");

    let share = finding(&report, "territory-share", "territory held");
    assert_eq!(share["verdict"], "compatible");
    assert_eq!(articles_of(share), vec!["000", "001"]);

    let casualties = finding(&report, "casualties", "casualties");
    assert_eq!(
        casualties["verdict"], "agreement",
        "over 1.2 million = more than 1.2 million"
    );

    let drones = finding(&report, "drone-count", "drones launched");
    assert_eq!(drones["verdict"], "agreement");
    assert_eq!(articles_of(drones), vec!["000", "001"]);

    let ukraine = finding(&report, "delegation-leader", "Ukraine delegation");
    assert_eq!(ukraine["verdict"], "agreement");
    let russia = finding(&report, "delegation-leader", "Russia delegation");
    assert_eq!(russia["verdict"], "agreement");

    // Zelenskiy / Zelenskyy / Zelensky are one person.
    let zelensky = finding(&report, "official-title", "Volodymyr Zelensky");
    assert_eq!(
        articles_of(zelensky),
        vec!["000", "001", "002", "003", "004"]
    );
}

#[test]
fn only_filters_the_findings_but_not_the_exit_code() {
    let (code, report) = json_report(&["fixtures/articles", "--only", "contradictions"]);
    assert_eq!(code, 1);
    let findings = report["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    assert!(findings.iter().all(|f| f["verdict"] == "contradiction"));
}

#[test]
fn markdown_output_has_tables_per_topic() {
    let (code, out, _) = stdout_of(&["report", "fixtures/articles", "--format", "markdown"]);
    assert_eq!(code, 1);
    assert!(out.contains("| subject |"), "{out}");
    assert!(out.contains("Rustem Umerov"), "{out}");
}

#[test]
fn a_story_without_rules_still_gets_its_counts_compared() {
    // Storm fixtures: one paraphrase, one contradiction, one later update of the death toll.
    let pair = |other: &str| {
        let (_, r) = json_report(&[
            "fixtures/storm/a_coastal_herald.txt",
            &format!("fixtures/storm/{other}"),
        ]);
        finding(&r, "casualties", "people killed")["verdict"]
            .as_str()
            .expect("verdict")
            .to_string()
    };
    assert_eq!(pair("b_daily_tide.txt"), "compatible", "34 vs about 35");
    assert_eq!(
        pair("c_wire_brief.txt"),
        "contradiction",
        "34 vs 12 on the same day"
    );
    assert_eq!(
        pair("d_evening_post.txt"),
        "changed",
        "34 on the 10th, 61 on the 14th"
    );
    let (code, all) = json_report(&["fixtures/storm"]);
    assert_eq!(code, 1);
    let killed = finding(&all, "casualties", "people killed");
    assert_eq!(killed["verdict"], "contradiction");
    assert!(
        killed["reason"]
            .as_str()
            .expect("reason")
            .contains("c_wire_brief")
    );
    // A generic measure no rule names: evacuated residents, agreeing.
    let evacuated = finding(&all, "count", "residents evacuated");
    assert_eq!(evacuated["verdict"], "agreement");
}

#[test]
fn a_broken_rule_file_names_file_line_and_column_with_a_hint() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("drones.toml"),
        "[topic]\nid = \"drones\"\ntitle = \"t\"\ndescription = \"d\"\nkind = \"cuont\"\n\n[[measure]]\nsubject = \"drones\"\n\n[[test]]\ntext = \"x\"\nexpect = []\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("venue.toml"),
        "[topic]\nid = \"venue\"\ntitel = \"t\"\n",
    )
    .expect("write");
    let rules = dir.path().display().to_string();
    let (code, out, err) = stdout_of(&["report", "--rules", &rules, "fixtures/articles"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "no report on a rule error: {out}");
    let drones = format!(
        "{}:5:8: unknown value kind `cuont`",
        Path::new(&rules).join("drones.toml").display()
    );
    assert!(err.contains(&drones), "{err}");
    assert!(err.contains("hint: did you mean `count`?"), "{err}");
    // Every error of the load, not just the first.
    assert!(
        err.contains(&format!(
            "{}:3:1: unknown field `titel`",
            Path::new(&rules).join("venue.toml").display()
        )),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn a_missing_path_is_a_clear_error() {
    let (code, out, err) = stdout_of(&["report", "fixtures/no-such-folder"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("fixtures/no-such-folder"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
}

#[test]
fn rule_tests_pass_from_the_command_line() {
    let (code, out, _) = stdout_of(&["rules", "test"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(" passed, 0 failed"), "{out}");
}

#[test]
fn a_failing_rule_test_fails_the_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("drones.toml"),
        "[topic]\nid = \"drones\"\ntitle = \"t\"\ndescription = \"d\"\nkind = \"count\"\n\n[[measure]]\nsubject = \"drones launched\"\nnouns = [\"drone\"]\ncues = [\"launch\"]\n\n[[test]]\ntext = \"They launched 40 drones.\"\nexpect = [{ subject = \"drones launched\", value = \"41\" }]\n",
    )
    .expect("write");
    let (code, out, _) = stdout_of(&["rules", "test", &dir.path().display().to_string()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FAIL"), "{out}");
    assert!(out.contains("value = \"41\""), "{out}");
    assert!(out.contains("unexpected claim"), "{out}");
}

#[test]
fn explain_describes_a_topic_and_lists_them_all() {
    let (code, out, _) = stdout_of(&["explain", "drone-count"]);
    assert_eq!(code, 0);
    assert!(out.contains("drone-count"), "{out}");
    assert!(out.contains("intervals"), "{out}");
    assert!(out.contains("measure `drones launched`"), "{out}");
    let (code, out, _) = stdout_of(&["explain"]);
    assert_eq!(code, 0);
    for topic in [
        "delegation-leader",
        "official-title",
        "talks-weekday",
        "venue",
        "territory-share",
        "casualties",
        "prisoner-exchange",
    ] {
        assert!(out.contains(topic), "{topic}: {out}");
    }
    let (code, _, err) = stdout_of(&["explain", "no-such-topic"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown topic"), "{err}");
}

#[test]
fn claims_lists_each_article_claims_as_json() {
    let (code, out, _) = stdout_of(&[
        "claims",
        "fixtures/articles/001_f0e248a351a8f3d1.txt",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let claims: Vec<Value> = serde_json::from_str(&out).expect("json");
    assert!(
        claims
            .iter()
            .any(|c| c["topic"] == "drone-count" && c["value"] == "472")
    );
    assert!(claims.iter().any(|c| c["topic"] == "prisoner-exchange"
        && c["subject"] == "prisoners freed per side"
        && c["value"] == "1,000"));
}

#[test]
fn an_article_from_stdin_is_read() {
    let out = crosscheck()
        .args([
            "report",
            "--format",
            "json",
            "-",
            "fixtures/articles/000_e9dbfd29550725fb.txt",
            "--stdin-name",
            "wire.txt",
        ])
        .write_stdin("Russia launched 310 drones overnight, the air force said.\n")
        .output()
        .expect("run");
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let drones = finding(&report, "drone-count", "drones launched");
    assert_eq!(drones["verdict"], "contradiction", "472 vs 310");
    assert!(
        report["articles"]
            .as_array()
            .expect("articles")
            .iter()
            .any(|a| a["path"] == "wire.txt")
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_weekday_that_does_not_fit_its_date_is_a_finding() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("note.txt"),
        "+++\npublished = 2025-05-20\n+++\nThe delegations met in Istanbul on Tuesday 16 May for their first direct talks in three years.\n",
    )
    .expect("write");
    let (code, report) = json_report(&[&dir.path().display().to_string()]);
    assert_eq!(code, 1);
    let calendar = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["topic"] == "calendar")
        .expect("calendar finding");
    assert_eq!(calendar["verdict"], "contradiction");
    assert!(
        calendar["reason"]
            .as_str()
            .expect("reason")
            .contains("friday"),
        "{calendar}"
    );
}

#[test]
fn output_goes_to_a_file_written_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("report.json");
    let (code, out, _) = stdout_of(&[
        "report",
        "fixtures/articles",
        "-f",
        "json",
        "-o",
        &path.display().to_string(),
    ]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    let report: Value =
        serde_json::from_str(&fs::read_to_string(&path).expect("written")).expect("json");
    assert_eq!(report["articles"].as_array().map(Vec::len), Some(5));
    // Only the report is left in the folder: no temporary file.
    assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 1);
}

/// A feed of 60 synthetic articles: the human formats show one row per value instead of one
/// column per article, name a few articles and count the rest, and every format stays in
/// proportion to the claims (an annotation names ten other claims, not all of them).
#[test]
fn a_feed_of_sixty_articles_is_summarised_in_every_human_format() {
    let tmp = tempfile::tempdir().unwrap();
    let feed = tmp.path().join("feed");
    crosscheck::synth::write_corpus(&feed, 60, 5).unwrap();
    let feed = feed.to_str().unwrap();

    let (code, table, err) = stdout_of(&["report", feed, "--color", "never"]);
    assert_eq!(code, 1, "contradictions found: {err}");
    assert!(table.contains("┆ value "), "{table}");
    assert!(table.contains(" more "), "{table}");
    assert!(
        !table.contains("┆ 000059 "),
        "no column per article: {table}"
    );
    for line in table
        .lines()
        .filter(|l| l.starts_with(['│', '┌', '└', '╞']))
    {
        assert!(line.chars().count() <= 120, "wider than the table: {line}");
    }
    assert!(table.contains("more claims (--format json lists every one)"));

    let (_, markdown, _) = stdout_of(&["report", feed, "--format", "markdown"]);
    assert!(markdown.contains("| subject | value | articles | verdict |"));

    let (_, json) = json_report(&[feed]);
    let claims: usize = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["verdict"] == "contradiction" || f["verdict"] == "changed")
        .map(|f| f["claims"].as_array().unwrap().len())
        .sum();
    let (_, github, _) = stdout_of(&["report", feed, "--format", "github"]);
    let annotations: Vec<&str> = github.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), claims, "one annotation per claim");
    assert!(annotations.iter().any(|l| l.contains(" more. ")));
    for a in &annotations {
        // "this article says" and ten others.
        assert!(a.matches(" says \"").count() <= 11, "{a}");
    }
}

/// Over a feed, the table's and Markdown's legend lists the articles that the findings name
/// (and those with notes) and counts the others, instead of one line per article of the
/// feed; every article is still accounted for, and all are in the JSON.
#[test]
fn a_feeds_legend_lists_what_the_findings_name_and_counts_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let feed = tmp.path().join("feed");
    crosscheck::synth::write_corpus(&feed, 300, 11).unwrap();
    let feed = feed.to_str().unwrap();
    let (_, json) = json_report(&[feed]);
    let ids: Vec<&str> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 300);

    for format in ["table", "markdown"] {
        let (_, out, err) = stdout_of(&["report", feed, "--format", format, "--color", "never"]);
        let Some((legend, rest)) = out.split_once("… and ") else {
            panic!("{format}: no count of the articles left out: {err}\n{out}");
        };
        let (count, findings) = rest
            .split_once(" more articles that the findings below")
            .unwrap();
        let others: usize = count.parse().unwrap();
        let words: std::collections::HashSet<&str> = findings
            .split(|c: char| !c.is_ascii_alphanumeric())
            .collect();
        let mut listed = 0;
        for id in &ids {
            // Labels are the ids' number part; the hash part is in the (escaped) path.
            let (label, hash) = id.split_once('_').unwrap();
            let in_legend = legend.contains(&format!("{hash}.txt"));
            if words.contains(label) {
                assert!(in_legend, "{format}: {id} is named but not in the legend");
            }
            listed += usize::from(in_legend);
        }
        assert_eq!(
            listed + others,
            300,
            "{format}: every article listed or counted"
        );
        assert!(others > 0, "{format}: the legend was not shortened");
    }
}

/// Ids that start with a date are not shortened to the year in reasons (two articles of one
/// day would both be "2025"): reasons name articles as the tables label them.
#[test]
fn reasons_name_dated_articles_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(
        dir.join("2025_05_16_wire.txt"),
        "The army said 472 drones were launched at the city overnight.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("2025_05_16_daily.txt"),
        "Overnight, 355 drones were launched at the city, the army said.\n",
    )
    .unwrap();
    let (code, report) = json_report(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    let f = finding(&report, "drone-count", "drones launched");
    let reason = f["reason"].as_str().unwrap();
    assert!(reason.contains("2025_05_16_wire"), "{reason}");
    assert!(reason.contains("2025_05_16_daily"), "{reason}");
}

/// `claims` counts the articles it read, those without a claim too: a fixture with claims and
/// a text with none are two articles, and `--topic` narrows the claims, not the articles.
#[test]
fn the_claims_summary_counts_every_article_read() {
    let out = crosscheck()
        .args([
            "claims",
            "--color",
            "never",
            "-",
            "fixtures/articles/000_e9dbfd29550725fb.txt",
        ])
        .write_stdin("The weather in the capital was mild and dry all week.\n")
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    assert!(last.ends_with(" from 2 articles"), "{stdout}");
    assert_eq!(out.status.code(), Some(0));
    let (code, out, err) = stdout_of(&[
        "claims",
        "--topic",
        "no-such-topic",
        "fixtures/articles/000_e9dbfd29550725fb.txt",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim_end(), "0 claims from 1 article");
}

#[test]
fn a_folder_without_articles_is_an_error_not_an_empty_pass() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("scan.pdf"), "not an article").expect("write");
    let path = dir.path().to_string_lossy().into_owned();
    let (code, stdout, stderr) = stdout_of(&["report", &path]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("no articles found in"), "{stderr}");
    assert!(stderr.contains(&path), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
}
