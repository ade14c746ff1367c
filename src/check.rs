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

use std::collections::HashSet;
use std::path::PathBuf;

use crate::baseline::Baseline;
use crate::input::{self, InputError, Inputs};
use crate::model::{Finding, Report, Skipped, Verdict};
use crate::rules::Rules;
use crate::{Extracted, build_report, extract_all_maybe_cached};

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
    let canonical = |p: &PathBuf| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
    let new_files: HashSet<PathBuf> = new_only
        .files
        .iter()
        .filter_map(|f| f.path.as_ref().map(canonical))
        .collect();
    let mut new_paths: HashSet<String> = new_only.skipped.iter().map(|s| s.path.clone()).collect();
    let all: Vec<PathBuf> = new.iter().chain(corpus).cloned().collect();
    let inputs = input::collect(&all, stdin_name)?;
    let mut new_ids = HashSet::new();
    for f in &inputs.files {
        let is_new = match &f.path {
            None => true,
            Some(p) => new_files.contains(&canonical(p)),
        };
        if is_new {
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

fn involves(f: &Finding, new_ids: &HashSet<String>) -> bool {
    f.claims.iter().any(|c| new_ids.contains(&c.article))
}

/// A disagreement the corpus alone already has (as severe), to which the new articles only add
/// values the corpus already gives.
fn inherited(f: &Finding, corpus: &[Finding], new_ids: &HashSet<String>) -> bool {
    if !f.verdict.is_disagreement() {
        return false;
    }
    let Some(old) = corpus
        .iter()
        .find(|o| o.topic == f.topic && o.subject == f.subject)
    else {
        return false;
    };
    old.verdict <= f.verdict
        && f.claims
            .iter()
            .filter(|c| new_ids.contains(&c.article))
            .all(|c| old.claims.iter().any(|o| o.normalized == c.normalized))
}

/// The findings of `full` that involve a new article, without the inherited ones.
pub fn select(full: &[Finding], corpus: &[Finding], new_ids: &HashSet<String>) -> Vec<Finding> {
    full.iter()
        .filter(|f| involves(f, new_ids) && !inherited(f, corpus, new_ids))
        .cloned()
        .collect()
}

/// Run the check: read and extract everything once, compare the corpus with the new articles
/// and the corpus alone, keep the findings of the new articles, apply the baseline.
pub fn check(
    ci: &CheckInputs,
    rules: &Rules,
    baseline: Option<&Baseline>,
    cache_dir: Option<&std::path::Path>,
    progress: &(dyn Fn() + Sync),
) -> Checked {
    let (extracted, _) = extract_all_maybe_cached(&ci.inputs.files, rules, cache_dir, progress);
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
    let (new_skipped, corpus_skipped) = report
        .skipped
        .iter()
        .cloned()
        .partition(|s| ci.new_paths.contains(&s.path));
    Checked {
        report,
        new_skipped,
        corpus_skipped,
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
