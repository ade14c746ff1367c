//! Rule tests are data: every topic file carries sentences with the claims they must yield
//! (or none), and vocabularies carry their own cases. `crosscheck rules test` and `cargo test`
//! run them all.

use std::collections::BTreeSet;

use super::Rules;
use crate::extract::{self, events, generic, text::tokenize, titles};
use crate::model::{Claim, Date, Tenure};

/// One failed rule test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The rule file.
    pub file: String,
    /// What was tested.
    pub case: String,
    pub problem: String,
}

/// The outcome of running every rule test.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    pub passed: usize,
    pub failures: Vec<Failure>,
}

fn tenure_name(t: Option<Tenure>) -> &'static str {
    match t.unwrap_or(Tenure::Current) {
        Tenure::Current => "current",
        Tenure::Former => "former",
        Tenure::Now => "now",
        Tenure::Also => "also",
    }
}

fn describe(c: &Claim) -> String {
    let mut s = format!(
        "{{ subject = {:?}, value = {:?}, normalized = {:?}",
        c.subject, c.value, c.normalized
    );
    if let Some(h) = &c.hedge {
        s.push_str(&format!(", hedge = {h:?}"));
    }
    if let Some(t) = c.tenure {
        s.push_str(&format!(", tenure = {:?}", tenure_name(Some(t))));
    }
    if let Some(e) = &c.event {
        s.push_str(&format!(", event = {e:?}"));
    }
    s.push_str(" }");
    s
}

/// Run every rule test of a rule set.
pub fn run(rules: &Rules) -> Outcome {
    let mut out = Outcome::default();
    let mut record = |file: &str, case: &str, problem: Option<String>| match problem {
        None => out.passed += 1,
        Some(problem) => out.failures.push(Failure {
            file: file.to_string(),
            case: case.to_string(),
            problem,
        }),
    };

    for topic in &rules.topics {
        for t in &topic.tests {
            let published = match t.published.as_deref().map(str::parse::<Date>) {
                Some(Ok(d)) => Some(d),
                Some(Err(e)) => {
                    record(
                        &topic.file,
                        &t.text,
                        Some(format!("published date does not parse: {e}")),
                    );
                    continue;
                }
                None => None,
            };
            let got: Vec<Claim> = extract::extract_text("test", &t.text, published, rules)
                .claims
                .into_iter()
                .filter(|c| *c.topic == *topic.id)
                .collect();
            let mut problems = Vec::new();
            let mut used = BTreeSet::new();
            for e in &t.expect {
                let found = got.iter().enumerate().find(|(i, c)| {
                    !used.contains(i)
                        && *c.subject == *e.subject
                        && *c.value == *e.value
                        && e.normalized.as_deref().is_none_or(|n| n == &*c.normalized)
                        && e.hedge
                            .as_deref()
                            .is_none_or(|h| Some(h) == c.hedge.as_deref())
                        && e.tenure
                            .as_deref()
                            .is_none_or(|tn| tn == tenure_name(c.tenure))
                        && e.event
                            .as_deref()
                            .is_none_or(|ev| Some(ev) == c.event.as_deref())
                });
                match found {
                    Some((i, _)) => {
                        used.insert(i);
                    }
                    None => problems.push(format!(
                        "expected {{ subject = {:?}, value = {:?}{}{}{}{} }} but it was not found",
                        e.subject,
                        e.value,
                        e.normalized
                            .as_ref()
                            .map(|n| format!(", normalized = {n:?}"))
                            .unwrap_or_default(),
                        e.hedge
                            .as_ref()
                            .map(|n| format!(", hedge = {n:?}"))
                            .unwrap_or_default(),
                        e.tenure
                            .as_ref()
                            .map(|n| format!(", tenure = {n:?}"))
                            .unwrap_or_default(),
                        e.event
                            .as_ref()
                            .map(|n| format!(", event = {n:?}"))
                            .unwrap_or_default(),
                    )),
                }
            }
            for (i, c) in got.iter().enumerate() {
                if !used.contains(&i) {
                    problems.push(format!("unexpected claim {}", describe(c)));
                }
            }
            record(
                &topic.file,
                &t.text,
                if problems.is_empty() {
                    None
                } else {
                    Some(problems.join("\n"))
                },
            );
        }
    }

    let vocab = &rules.vocab;
    for t in &vocab.titles.test {
        let toks = tokenize(&t.text);
        let found = titles::find_titles(&t.text, &toks, vocab);
        let ok = found.iter().any(|m| {
            m.name == t.person
                && vocab.normalize_title(&m.title) == t.title
                && t.tenure
                    .as_deref()
                    .is_none_or(|tn| tn == tenure_name(Some(m.tenure)))
        });
        let problem = (!ok).then(|| {
            format!(
                "expected {} as {:?}{}; found {}",
                t.person,
                t.title,
                t.tenure
                    .as_ref()
                    .map(|x| format!(" ({x})"))
                    .unwrap_or_default(),
                if found.is_empty() {
                    "no person–title pair".to_string()
                } else {
                    found
                        .iter()
                        .map(|m| {
                            format!(
                                "{} as {:?} ({})",
                                m.name,
                                vocab.normalize_title(&m.title),
                                tenure_name(Some(m.tenure))
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            )
        });
        record("rules/vocab/titles.toml", &t.text, problem);
    }
    for t in &vocab.people.test {
        let canon = crate::resolve::canonical_names(
            vocab
                .people
                .person
                .iter()
                .map(|p| p.name.as_str())
                .chain(std::iter::once(t.name.as_str())),
            vocab,
        );
        let got = canon.get(&t.name).cloned().unwrap_or_default();
        record(
            "rules/vocab/people.toml",
            &t.name,
            (got != t.resolves_to)
                .then(|| format!("resolves to {got:?}, expected {:?}", t.resolves_to)),
        );
    }
    for t in &vocab.places.test {
        let got = vocab.side(&t.text);
        record(
            "rules/vocab/places.toml",
            &t.text,
            (got != t.resolves_to)
                .then(|| format!("resolves to {got:?}, expected {:?}", t.resolves_to)),
        );
    }
    for t in &vocab.measures.test {
        let analyzed = generic::analyze(&t.text, vocab);
        let counts = || {
            analyzed.mentions.iter().filter(|m| {
                m.kind == crate::model::ValueKind::Count
                    && m.noun
                        .as_deref()
                        .is_none_or(|n| !generic::ignored_noun(n, vocab))
            })
        };
        // The count (or sum of money: its measure is its noun) written as the test's value,
        // else the first count.
        let first = analyzed
            .mentions
            .iter()
            .find(|m| m.kind == crate::model::ValueKind::Money && m.written == t.value)
            .or_else(|| counts().find(|m| m.written == t.value))
            .or_else(|| counts().next());
        let problem = match first {
            Some(m)
                if m.count_measure().unwrap_or_default() == t.measure && m.written == t.value =>
            {
                None
            }
            Some(m) => Some(format!(
                "first count is {:?} measuring {:?}; expected {:?} measuring {:?}",
                m.written,
                m.count_measure(),
                t.value,
                t.measure
            )),
            None => Some("no count found".to_string()),
        };
        record("rules/vocab/measures.toml", &t.text, problem);
    }
    for t in &vocab.events.test {
        let analyzed = generic::analyze(&t.text, vocab);
        let cues = events::sentence_cues(&analyzed, vocab, None);
        let ev = events::article_events(vec![cues]);
        let got = ev.event_of(0).label().unwrap_or_default();
        record(
            "rules/vocab/events.toml",
            &t.text,
            (got != t.event).then(|| format!("event is {got:?}, expected {:?}", t.event)),
        );
    }
    let number_failures = crate::extract::number::check_vocab_tests(&vocab.numbers, &vocab.hedges);
    let number_cases = vocab.numbers.test.len() + vocab.hedges.test.len();
    for _ in 0..number_cases.saturating_sub(number_failures.len()) {
        record("rules/vocab/numbers.toml", "", None);
    }
    for f in number_failures {
        let (file, rest) = f.split_once(": ").unwrap_or(("numbers.toml", f.as_str()));
        record(&format!("rules/vocab/{file}"), rest, Some(rest.to_string()));
    }
    for t in &vocab.time.test {
        let got = match crate::extract::dates::direction_of(&t.text, &vocab.time) {
            crate::extract::dates::Direction::Future => "future",
            crate::extract::dates::Direction::Past => "past",
        };
        record(
            "rules/vocab/time.toml",
            &t.text,
            (got != t.expect).then(|| format!("read as {got}, expected {}", t.expect)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every rule test of the default rules passes (the same as `crosscheck rules test`):
    /// loaded as the binary loads them (a narrow sentence searched with the patterns' twins,
    /// compiled on first need) and as from a folder (compiled at load, searched with the
    /// patterns themselves).
    #[test]
    fn default_rule_tests_pass() {
        let built_in = Rules::defaults().unwrap_or_else(|e| panic!("{e}"));
        let from_folder = Rules::from_sources(super::super::default_sources(), "rules")
            .unwrap_or_else(|e| panic!("{e}"));
        for rules in [built_in, from_folder] {
            assert_rule_tests_pass(&rules);
        }
    }

    fn assert_rule_tests_pass(rules: &Rules) {
        let outcome = run(rules);
        let report: Vec<String> = outcome
            .failures
            .iter()
            .map(|f| {
                format!(
                    "{}: {}\n    {}",
                    f.file,
                    f.case,
                    f.problem.replace('\n', "\n    ")
                )
            })
            .collect();
        assert!(
            outcome.failures.is_empty(),
            "{} failed:\n{}",
            outcome.failures.len(),
            report.join("\n")
        );
        assert!(
            outcome.passed > 50,
            "only {} rule tests ran",
            outcome.passed
        );
    }
}
