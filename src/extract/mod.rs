//! Extraction: sentences → claims. Two layers: generic extractors (`generic.rs`) find values of
//! every kind in every sentence; topic rules (`assign.rs`) take them into topics and measures
//! by cue words, or find their own with patterns. What no topic takes stays a claim of the
//! generic layer, under a measure named after the counted noun.

pub mod assign;
pub mod dates;
pub mod events;
pub mod generic;
pub mod number;
pub mod reported;
pub mod text;
pub mod titles;

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use crate::model::{Article, Claim, Sentence, line_cols};
use crate::rules::Rules;
use events::{ArticleEvents, EventDate};

/// At most this many claims are kept of one article (a limit against hostile input; a real
/// article has dozens). What is cut is said in the article's notes.
pub const MAX_CLAIMS: usize = 100_000;

/// Claims of one article, and what it says about which round happened when.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    /// What was not extracted, and why (limits reached).
    #[serde(default)]
    pub notes: Vec<String>,
    /// (round, date) pairs the article states ("the previous round, held on May 16").
    pub round_dates: Vec<(u32, EventDate)>,
}

/// A claim found in one sentence, with offsets relative to the sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub claim: Claim,
    /// Whether the claim's topic attaches claims to events.
    pub uses_events: bool,
}

/// Extract the claims of one article.
pub fn extract(article: &Article, rules: &Rules) -> Extraction {
    let anchor = article.meta.published;
    let vocab = &rules.vocab;
    let mut per_sentence: Vec<Vec<Found>> = Vec::with_capacity(article.sentences.len());
    let mut cues = Vec::with_capacity(article.sentences.len());
    for sentence in &article.sentences {
        let text = article.sentence_text(sentence);
        // One pass over the sentence for the literals of the topic patterns and the title
        // heads.
        let scan = rules.prefilter.scan(text);
        let analyzed = generic::analyze_with(text, vocab, scan.title_head);
        cues.push(events::sentence_cues(&analyzed, vocab, anchor));
        per_sentence.push(assign::claims_of_sentence(
            text,
            &analyzed,
            rules,
            &scan.candidates,
            anchor,
        ));
    }
    let events = events::article_events(cues);
    let mut claims = DistinctClaims::default();
    claims
        .claims
        .reserve_exact(per_sentence.iter().map(Vec::len).sum());
    // One copy of the article id for all its claims.
    let id: Arc<str> = article.id.as_str().into();
    for (i, (sentence, found)) in article.sentences.iter().zip(per_sentence).enumerate() {
        if found.is_empty() {
            continue;
        }
        // One copy of the sentence for all its claims.
        let quote: Arc<str> = article.sentence_text(sentence).into();
        for f in found {
            claims.push(place_claim(&id, sentence, &quote, f, &events, i));
        }
    }
    let mut claims = claims.claims;
    let mut notes = Vec::new();
    if let Some(encoding) = &article.decoded_from {
        notes.push(format!("not valid UTF-8: read as {encoding}"));
    }
    if article.sentences.len() >= crate::article::MAX_SENTENCES {
        let end = article.sentences.last().map_or(0, |s| s.end);
        notes.push(format!(
            "only the first {} sentences were read (up to byte {end} of {}); the rest was not extracted",
            crate::article::MAX_SENTENCES,
            article.text.len()
        ));
    }
    if claims.len() > MAX_CLAIMS {
        let end = claims[MAX_CLAIMS].start;
        notes.push(format!(
            "only the first {MAX_CLAIMS} of {} claims were kept (up to byte {end})",
            claims.len()
        ));
        claims.truncate(MAX_CLAIMS);
    }
    // Lines and columns of every claim in one pass over the text.
    let offsets: Vec<usize> = claims.iter().flat_map(|c| [c.start, c.end]).collect();
    let positions = line_cols(&article.text, &offsets);
    for (c, pair) in claims.iter_mut().zip(positions.chunks(2)) {
        if let [(line, column), (end_line, end_column)] = pair {
            (c.line, c.column, c.end_line, c.end_column) = (*line, *column, *end_line, *end_column);
        }
    }
    Extraction {
        claims,
        notes,
        round_dates: events.round_dates(),
    }
}

/// Claims in the order found, each kept only the first time its topic, subject and span
/// occur.
#[derive(Default)]
struct DistinctClaims {
    claims: Vec<Claim>,
    /// The last claim of each span.
    last_of_span: HashMap<(usize, usize), usize>,
    /// For each claim, the claim before it with the same span.
    earlier_of_span: Vec<Option<usize>>,
}

impl DistinctClaims {
    /// Keep `claim` unless it repeats one kept before; whether it was kept.
    fn push(&mut self, claim: Claim) -> bool {
        let span = (claim.start, claim.end);
        let last = self.last_of_span.get(&span).copied();
        let repeats = std::iter::successors(last, |&k| self.earlier_of_span[k]).any(|k| {
            self.claims[k].topic == claim.topic && self.claims[k].subject == claim.subject
        });
        if !repeats {
            self.last_of_span.insert(span, self.claims.len());
            self.earlier_of_span.push(last);
            self.claims.push(claim);
        }
        !repeats
    }
}

/// Turn sentence-relative offsets into file offsets, and attach the event.
fn place_claim(
    id: &Arc<str>,
    sentence: &Sentence,
    quote: &Arc<str>,
    f: Found,
    events: &ArticleEvents,
    i: usize,
) -> Claim {
    let mut c = f.claim;
    c.article = Arc::clone(id);
    c.start += sentence.start;
    c.end += sentence.start;
    c.quote = Arc::clone(quote);
    if f.uses_events {
        let e = events.event_of(i);
        c.event = e.label();
        if c.date.is_none() {
            c.date = e.date.and_then(|d| d.full());
        }
    }
    c
}

/// Extract claims from one piece of text taken as a whole article (for rule tests and
/// `crosscheck claims -`).
pub fn extract_text(
    id: &str,
    text: &str,
    published: Option<crate::model::Date>,
    rules: &Rules,
) -> Extraction {
    let article = Article {
        id: id.to_string(),
        path: id.to_string(),
        text: text.to_string(),
        decoded_from: None,
        meta: crate::model::Metadata {
            published,
            ..Default::default()
        },
        sentences: vec![Sentence {
            start: 0,
            end: text.len(),
        }],
    };
    extract(&article, rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(topic: &str, subject: &str, start: usize, end: usize) -> Claim {
        let mut c = crate::model::test_claim("a", crate::model::ValueKind::Place, "x", "x");
        (c.topic, c.subject, c.start, c.end) = (topic.into(), subject.into(), start, end);
        c
    }

    #[test]
    fn a_claim_is_kept_once_per_topic_subject_and_span() {
        let mut kept = DistinctClaims::default();
        assert!(kept.push(claim("venue", "talks", 0, 8)));
        assert!(kept.push(claim("venue", "summit", 0, 8)), "other subject");
        assert!(kept.push(claim("date", "talks", 0, 8)), "other topic");
        assert!(kept.push(claim("venue", "talks", 0, 9)), "other span");
        assert!(!kept.push(claim("venue", "talks", 0, 8)));
        assert!(!kept.push(claim("venue", "summit", 0, 8)));
        assert!(!kept.push(claim("date", "talks", 0, 8)));
        let found: Vec<(&str, &str, usize, usize)> = kept
            .claims
            .iter()
            .map(|c| (c.topic.as_str(), c.subject.as_str(), c.start, c.end))
            .collect();
        assert_eq!(
            found,
            [
                ("venue", "talks", 0, 8),
                ("venue", "summit", 0, 8),
                ("date", "talks", 0, 8),
                ("venue", "talks", 0, 9),
            ]
        );
    }
}
