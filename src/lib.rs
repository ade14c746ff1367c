//! crosscheck: read several news articles about one story, extract their factual claims by
//! topic, compare them across sources and report where they disagree — and whether each
//! disagreement is a real contradiction, the same fact in other words, or a change over time.
//!
//! The pipeline, one module per stage, plain data in and out:
//!
//! ```text
//! rules ──► Rules ───────────────┐
//!                                ▼
//! files ──► Article ──► sentences ──► Claim* ──► resolve ──► Finding* ──► render
//! (input,   (article)              (extract)    (resolve)    (compare)     (render)
//! ```
//!
//! The library never prints; only the CLI (`main.rs`) touches the terminal and exit codes.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod article;
pub mod atomic_write;
pub mod baseline;
pub mod cache;
pub mod check;
pub mod compare;
pub mod extract;
#[doc(hidden)]
pub mod fuzzing;
pub mod input;
pub mod model;
pub mod render;
pub mod report_diff;
pub mod resolve;
pub mod rules;
#[doc(hidden)]
pub mod synth;

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use extract::Extraction;
use extract::events::EventDate;
use input::Input;
use model::{self as article_model, ArticleSummary, Claim, Report, Skipped};
use rules::Rules;

/// One input after reading and extraction: its claims, or why it was skipped. Only the claims
/// are kept, not the text, so memory grows with claims rather than bytes.
#[derive(Clone, Debug)]
pub enum Extracted {
    Read(ArticleSummary, Extraction),
    Skipped(Skipped),
}

/// Read and extract one input.
pub fn extract_input(input: &Input, rules: &Rules) -> Extracted {
    match input::read(input) {
        Ok(article) => extract_article(&article, rules),
        Err(skipped) => Extracted::Skipped(skipped),
    }
}

/// Extract one article that has been read; the article can be dropped afterwards.
pub fn extract_article(article: &article_model::Article, rules: &Rules) -> Extracted {
    let extraction = extract::extract(article, rules);
    let summary = ArticleSummary {
        id: article.id.clone(),
        path: article.path.clone(),
        outlet: article.meta.outlet.clone(),
        published: article.meta.published,
        claims: extraction.claims.len(),
        notes: extraction.notes.clone(),
    };
    Extracted::Read(summary, extraction)
}

/// Read and extract every input in parallel; the result is in input order whatever the
/// number of threads. `progress` is called once per finished input.
pub fn extract_all(
    inputs: &[Input],
    rules: &Rules,
    progress: &(dyn Fn() + Sync),
) -> Vec<Extracted> {
    inputs
        .par_iter()
        .map(|i| {
            let e = extract_input(i, rules);
            progress();
            e
        })
        .collect()
}

/// Extract and gather every input, through the claims cache in `cache_dir` when one is given
/// (see [`cache::extract_all_cached`]); the cache statistics come back with it.
pub fn extract_gathered_maybe_cached(
    inputs: &[Input],
    rules: &Rules,
    cache_dir: Option<&std::path::Path>,
    progress: &(dyn Fn() + Sync),
) -> (Gathered, Option<cache::CacheStats>) {
    match cache_dir {
        Some(dir) => {
            let (x, stats) = cache::extract_all_cached(inputs, rules, dir, progress);
            (Gathered::of(x), Some(stats))
        }
        None => (extract_gathered(inputs, rules, progress), None),
    }
}

/// The claims of many articles gathered in input order, with the articles they came from and
/// the inputs that were skipped: what resolution and comparison start from.
#[derive(Debug, Default)]
pub struct Gathered {
    pub articles: Vec<ArticleSummary>,
    pub skipped: Vec<Skipped>,
    pub claims: Vec<Claim>,
    pub round_dates: Vec<(u32, EventDate)>,
}

impl Gathered {
    /// Add one input's extraction (its claims move in) or the reason it was skipped.
    pub fn add(&mut self, e: Extracted) {
        match e {
            Extracted::Read(summary, extraction) => {
                self.articles.push(summary);
                self.claims.extend(extraction.claims);
                self.round_dates.extend(extraction.round_dates);
            }
            Extracted::Skipped(s) => self.skipped.push(s),
        }
    }

    /// Gather extractions that are all in memory.
    pub fn of(extracted: Vec<Extracted>) -> Gathered {
        let mut g = Gathered::default();
        // Sized once: growing by doubling would hold up to twice the claims at the peak.
        g.claims.reserve_exact(
            extracted
                .iter()
                .map(|e| match e {
                    Extracted::Read(_, x) => x.claims.len(),
                    Extracted::Skipped(_) => 0,
                })
                .sum(),
        );
        for e in extracted {
            g.add(e);
        }
        g
    }
}

/// Inputs extracted in parallel per batch, this many at a time: only one batch's extractions
/// are held besides the gathered claims.
const BATCH: usize = 1024;

/// Read and extract every input in parallel, batch by batch, gathering the claims of each
/// batch while the next is extracted, in input order whatever the number of threads. Memory
/// holds the gathered claims and two batches, never every article's extraction next to its
/// copy.
pub fn extract_gathered(inputs: &[Input], rules: &Rules, progress: &(dyn Fn() + Sync)) -> Gathered {
    if inputs.len() >= rules::TWINS_FROM {
        rules.prepare_twins();
    }
    let mut g = Gathered::default();
    let mut extracted: Vec<Extracted> = Vec::new();
    for batch in inputs.chunks(BATCH) {
        let earlier = std::mem::take(&mut extracted);
        let gather = |g: &mut Gathered| earlier.into_iter().for_each(|e| g.add(e));
        (extracted, ()) = rayon::join(|| extract_all(batch, rules, progress), || gather(&mut g));
    }
    extracted.into_iter().for_each(|e| g.add(e));
    g
}

/// Resolve names and events across all articles, then compare: the report.
pub fn build_report(extracted: Vec<Extracted>, skipped: Vec<Skipped>, rules: &Rules) -> Report {
    report_of(Gathered::of(extracted), skipped, rules)
}

/// [`build_report`] from gathered claims; `skipped` joins the gathered inputs' skips.
pub fn report_of(gathered: Gathered, mut skipped: Vec<Skipped>, rules: &Rules) -> Report {
    let Gathered {
        articles,
        skipped: gathered_skips,
        mut claims,
        round_dates,
    } = gathered;
    skipped.extend(gathered_skips);
    resolve::resolve(&mut claims, &round_dates, &rules.vocab);
    let dates: HashMap<String, model::Date> = articles
        .iter()
        .filter_map(|a| a.published.map(|d| (a.id.clone(), d)))
        .collect();
    let findings = compare::findings_owned(claims, &dates);
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Report {
        version: Report::VERSION,
        articles,
        skipped,
        findings,
        accepted: 0,
        stale: Vec::new(),
    }
}

/// The whole pipeline over a set of inputs.
pub fn run(inputs: &input::Inputs, rules: &Rules) -> Report {
    report_of(
        extract_gathered(&inputs.files, rules, &|| {}),
        inputs.skipped.clone(),
        rules,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Batches are gathered while the next is extracted: across batch ends the claims still
    /// come in input order, the same as extracting one input after the other.
    #[test]
    fn gathering_across_batches_keeps_input_order() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let n = 2 * BATCH + 5;
        for i in 0..n {
            let text = format!("Russia launched {} drones on Monday.\n", i + 1);
            std::fs::write(tmp.path().join(format!("a{i:05}.txt")), text)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let inputs =
            input::collect(&[tmp.path().to_path_buf()], "stdin").unwrap_or_else(|e| panic!("{e}"));
        let rules = Rules::defaults().unwrap_or_else(|e| panic!("{e}"));
        let g = extract_gathered(&inputs.files, &rules, &|| {});
        // So many inputs are extracted through the patterns' narrow twins.
        assert!(n >= rules::TWINS_FROM);
        assert!(
            rules
                .topics
                .iter()
                .flat_map(|t| &t.patterns)
                .all(rules::Pattern::twin_built)
        );
        let one_by_one = Gathered::of(
            inputs
                .files
                .iter()
                .map(|i| extract_input(i, &rules))
                .collect(),
        );
        assert_eq!(g.articles.len(), n);
        let ids = |g: &Gathered| g.articles.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&g), ids(&one_by_one));
        assert!(g.claims.len() >= n, "{} claims", g.claims.len());
        assert!(g.claims == one_by_one.claims);
        // In input order: the drone counts run 1, 2, 3, ...
        let drones: Vec<&str> = g
            .claims
            .iter()
            .filter(|c| &*c.topic == "drone-count")
            .map(|c| &*c.normalized)
            .collect();
        let expected: Vec<String> = (1..=n).map(|k| k.to_string()).collect();
        assert_eq!(drones, expected);
    }
}
