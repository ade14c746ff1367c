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

use crate::model::{Article, Claim, Sentence, ValueKind, line_cols};
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
    extract_with(article, rules, Gate::On)
}

/// Whether sentences without a value for the generic layer skip its extractors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gate {
    On,
    /// Every sentence through every extractor: what the gate must never change.
    #[cfg(test)]
    Off,
}

/// The generic layer's reading of one sentence ([`generic::analyze_gated`]). A sentence in
/// which the prefilter's pass found no literal of a date or a time and no title head, and
/// without a digit or a word of a quantity, holds no value of that layer: it gets its tokens
/// alone, which is what the extractors would give it, without running them; and not even
/// those when no topic pattern and no event cue word may read them. Otherwise the extractors
/// run, each only where its gate lets it.
/// Much of news is such sentences (quotes, background, analysis).
fn analyze_sentence<'a>(
    text: &'a str,
    rules: &Rules,
    scan: &crate::rules::prefilter::Scan,
    gate: Gate,
) -> (generic::Analyzed<'a>, Reading) {
    let vocab = &rules.vocab;
    let gates = match gate {
        Gate::On => generic::ValueGates {
            title_head: scan.title_head,
            dates: scan.dates,
            // The one pass answers for ASCII text (see `number::gate_literals`).
            quantities: if scan.ascii {
                scan.quantities_if_ascii
            } else {
                number::may_hold_quantity(text, &vocab.numbers)
            },
        },
        #[cfg(test)]
        Gate::Off => generic::ValueGates {
            title_head: true,
            dates: true,
            quantities: true,
        },
    };
    if gates.title_head || gates.dates || gates.quantities {
        return (generic::analyze_gated(text, vocab, gates), Reading::Values);
    }
    let read_by_rules = scan.cue_words || scan.candidates.iter().any(|&c| c);
    let (tokens, reading) = if read_by_rules {
        (text::tokenize(text), Reading::Tokens)
    } else {
        (Vec::new(), Reading::Nothing)
    };
    let analyzed = generic::Analyzed {
        tokens,
        mentions: Vec::new(),
        direction: dates::Direction::Past,
    };
    (analyzed, reading)
}

/// How much of a sentence [`analyze_sentence`] read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    /// Every extractor of the generic layer ran.
    Values,
    /// Only its tokens: no value in it, but words a topic pattern or an event cue may read.
    Tokens,
    /// Nothing: no value, and no word any rule reads.
    Nothing,
}

fn extract_with(article: &Article, rules: &Rules, gate: Gate) -> Extraction {
    let anchor = article.meta.published;
    let vocab = &rules.vocab;
    let mut per_sentence: Vec<Vec<Found>> = Vec::with_capacity(article.sentences.len());
    let mut cues = Vec::with_capacity(article.sentences.len());
    for sentence in &article.sentences {
        let text = article.sentence_text(sentence);
        // One pass over the sentence for the literals of the topic patterns, the title heads
        // and the gates (dates, quantities, event cue words).
        let scan = rules.prefilter.scan(text);
        let (analyzed, _) = analyze_sentence(text, rules, &scan, gate);
        let cue_words = gate != Gate::On || scan.cue_words;
        cues.push(events::sentence_cues_gated(
            &analyzed, vocab, anchor, cue_words,
        ));
        per_sentence.push(assign::claims_of_sentence(
            text,
            &analyzed,
            rules,
            &scan.candidates,
            scan.narrow,
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
            [c.line, c.column, c.end_line, c.end_column] =
                [*line, *column, *end_line, *end_column].map(crate::model::position);
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
        let e = match (c.kind, c.date) {
            (ValueKind::Weekday | ValueKind::Date, Some(day)) => events.event_of_day(i, day),
            _ => events.event_of(i),
        };
        c.event = e.label().map(Box::from);
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

    /// Texts to extract with and without the gate: the fixtures, the seed articles, synthetic
    /// articles, every rule test sentence, and sentences whose only value or cue is one the
    /// gate must see.
    fn gate_texts(rules: &Rules) -> Vec<(String, Option<crate::model::Date>)> {
        let mut texts = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in [
            root.join("fixtures/articles"),
            root.join("fixtures/storm"),
            root.join("../shared/seeds"),
        ] {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    texts.push((t, None));
                }
            }
        }
        assert!(texts.len() >= 5, "fixtures not found");
        texts.extend((0..300).map(|i| (crate::synth::article(i, 7), None)));
        let anchor = "2025-06-04".parse().ok();
        for topic in &rules.topics {
            for t in &topic.tests {
                texts.push((
                    t.text.clone(),
                    t.published.as_deref().and_then(|d| d.parse().ok()),
                ));
                texts.push((t.text.clone(), anchor));
            }
        }
        for s in [
            "The second round of talks ended without a deal.",
            "Their previous meeting went badly.",
            "The last session was tense.",
            "It was the 3rd round.",
            "They will meet tomorrow.",
            "They met at noon.",
            "They met in mid-June.",
            "They met last year.",
            "Talks resumed on Tuesday.",
            "Talks resumed in Sept.",
            "The army lost a dozen tanks.",
            "Nine soldiers were hurt.",
            "The minister spoke.",
            "Minister Olena Kravets spoke.",
            "The THIRD ROUND began.",
            "Die zweite Runde der Gespräche begann am Montag.",
            "Second-round talks began; the previous round failed.",
            "Kyiv’s “second” round — after the previous one — began at the Çırağan Palace.",
            "The ＳＥＣＯＮＤ round began.",
            "The second round began at the Çırağan Palace.",
            "Türkiye’s Foreign Minister Hakan Fidan opened the talks — briefly.",
            "Kyiv’s “defence minister”, Rustem Umerov, spoke.",
            "Ukraine’s envoy—Andriy Yermak—met the Ministers’ aides.",
            "No value here, and no cue either.",
        ] {
            texts.push((s.to_string(), anchor));
        }
        texts
    }

    fn article_of(text: &str, published: Option<crate::model::Date>) -> Option<Article> {
        let mut a =
            crate::article::parse_article("t".into(), "t.txt".into(), text.as_bytes()).ok()?;
        if published.is_some() {
            a.meta.published = published;
        }
        Some(a)
    }

    /// In ASCII text the one pass answers as the quantity gate does.
    #[test]
    fn the_one_pass_sees_quantities_as_the_quantity_gate() {
        use proptest::prelude::*;
        let rules = Rules::defaults().unwrap_or_else(|e| panic!("{e}"));
        let word = prop_oneof![
            Just("ten"),
            Just("Ten"),
            Just("often"),
            Just("km"),
            Just("KMs"),
            Just("5km"),
            Just("per"),
            Just("person"),
            Just("ha"),
            Just("that"),
            Just("%"),
            Just("$"),
            Just("dozen"),
            Just("dozens"),
            Just("one's"),
            Just("Twenty-one"),
            Just("a"),
            Just("the"),
            Just("talks"),
            Just("m"),
            Just("m2"),
            Just("x7"),
            Just(","),
            Just("."),
        ];
        let sentence = proptest::collection::vec(word, 0..8)
            .prop_flat_map(|ws| {
                (
                    Just(ws.clone()),
                    proptest::collection::vec(0..3usize, ws.len()),
                )
            })
            .prop_map(|(ws, gaps)| {
                ws.iter()
                    .zip(gaps)
                    .map(|(w, g)| format!("{w}{}", ["", " ", "-"][g]))
                    .collect::<String>()
            });
        proptest!(|(s in sentence)| {
            let scan = rules.prefilter.scan(&s);
            prop_assert_eq!(
                scan.quantities_if_ascii,
                number::may_hold_quantity(&s, &rules.vocab.numbers),
                "{:?}", s
            );
        });
    }

    /// The gate never changes what is extracted, and it does skip sentences.
    #[test]
    fn the_gate_changes_no_claim_and_no_event() {
        let rules = Rules::defaults().unwrap_or_else(|e| panic!("{e}"));
        let mut sentences = 0;
        let mut tokens_only = 0;
        let mut nothing = 0;
        for (text, published) in gate_texts(&rules) {
            let Some(article) = article_of(&text, published) else {
                continue;
            };
            assert_eq!(
                extract_with(&article, &rules, Gate::On),
                extract_with(&article, &rules, Gate::Off),
                "{text:?}"
            );
            for s in &article.sentences {
                let t = article.sentence_text(s);
                let scan = rules.prefilter.scan(t);
                let (gated, reading) = analyze_sentence(t, &rules, &scan, Gate::On);
                let (full, _) = analyze_sentence(t, &rules, &scan, Gate::Off);
                if reading != Reading::Nothing {
                    assert_eq!(gated.tokens, full.tokens, "{t:?}");
                }
                assert_eq!(gated.mentions.len(), full.mentions.len(), "{t:?}");
                sentences += 1;
                match reading {
                    Reading::Values => {}
                    Reading::Tokens => tokens_only += 1,
                    Reading::Nothing => nothing += 1,
                }
            }
        }
        // The gate is not idle: a fair share of news sentences holds no value of the generic
        // layer, many no word a rule reads either.
        assert!(sentences > 2_000, "{sentences}");
        assert!(tokens_only > sentences / 50, "{tokens_only} of {sentences}");
        assert!(nothing > sentences / 10, "{nothing} of {sentences}");
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
            .map(|c| (&*c.topic, &*c.subject, c.start, c.end))
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
