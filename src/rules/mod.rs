//! Rules as data: one TOML file per topic plus shared vocabularies, loaded in two stages —
//! parse (with `deny_unknown_fields`), then validate and collect *all* errors, each pointing at
//! file, line and column with a hint.
//!
//! The default rules (`rules/` of the source tree) are compiled into the binary; `--rules DIR`
//! replaces the topics, and any vocabulary file present in DIR replaces the built-in one.

pub mod narrow;
pub mod prefilter;
pub mod schema;
pub mod test;
pub mod vocab;

use std::collections::BTreeSet;
use std::fmt;
use std::ops::Range;

use rayon::prelude::*;
use regex::{Regex, RegexBuilder};
use toml::Spanned;

use crate::extract::dates::TimeVocab;
use crate::extract::number::{HedgeVocab, NumberVocab};
use crate::model::{ValueKind, line_col};
pub use schema::RuleTest;
use schema::{EventsVocab, MeasuresVocab, PeopleVocab, PlacesVocab, TitlesVocab, TopicFile};
pub use vocab::Vocab;

mod defaults {
    include!(concat!(env!("OUT_DIR"), "/default_rules.rs"));
}
pub use defaults::DEFAULT_RULES;

/// The vocabulary files and what each holds. A file under `vocab/` with another name is an
/// error.
pub const VOCABULARIES: [(&str, &str); 8] = [
    ("people", "people and their aliases"),
    ("places", "countries, demonyms, capitals and venues"),
    ("titles", "title words, spellings of titles, tenure words"),
    ("measures", "verbs that name what a count counts"),
    ("events", "event nouns, ordinals, previous/current cues"),
    (
        "numbers",
        "number words, multipliers, fractions, vague amounts",
    ),
    ("hedges", "hedge words and the interval each maps to"),
    ("time", "cue words of future and past statements"),
];

/// Placeholders a topic pattern may use, and the vocabulary each relies on.
pub const PLACEHOLDERS: [(&str, &str); 4] = [
    ("person", "people"),
    ("side", "places"),
    ("place", "places"),
    ("title", "titles"),
];

/// One mistake in a rule file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl RuleError {
    /// A mistake at byte `offset` of rule file `src`.
    fn at(src: &RuleSource, offset: usize, message: String, hint: Option<String>) -> Self {
        let (line, column) = line_col(&src.text, offset);
        RuleError {
            file: src.display.clone(),
            line,
            column,
            message,
            hint,
        }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// All the errors of one load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// A rule file as read: its name (as shown in errors) and contents.
#[derive(Clone, Debug)]
pub struct RuleSource {
    /// The path shown in errors, e.g. `rules/drone-count.toml`.
    pub display: String,
    /// The path relative to the rules folder, e.g. `vocab/people.toml`.
    pub relative: String,
    pub text: String,
}

/// A compiled topic.
#[derive(Clone, Debug)]
pub struct Topic {
    pub id: String,
    pub title: String,
    pub description: String,
    pub kind: ValueKind,
    pub events: bool,
    pub measures: Vec<Measure>,
    pub patterns: Vec<Pattern>,
    pub tests: Vec<RuleTest>,
    /// The file it came from.
    pub file: String,
}

/// A compiled measure: which generic values a topic takes.
#[derive(Clone, Debug)]
pub struct Measure {
    pub subject: String,
    /// Lower-case, singular.
    pub nouns: Vec<String>,
    /// Lower-case word prefixes (may be several words).
    pub cues: Vec<Vec<String>>,
    pub exclude: Vec<Vec<String>>,
    pub window: usize,
    /// Takes the whole of a partitive count before any cue ([`schema::MeasureDef::whole`]).
    pub whole: bool,
    /// Takes each side's count of an even trade before any cue
    /// ([`schema::MeasureDef::each_side`]).
    pub each_side: bool,
}

/// A compiled topic pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// The regex as written in the rule file.
    pub source: String,
    /// The pattern compiled: at load for rules read from a folder (whose errors are reported
    /// then), on first need for the built-in rules (see [`Rules::defaults`]); `None` when it
    /// does not compile.
    regex: std::sync::OnceLock<Option<Regex>>,
    /// The pattern as expanded (placeholders replaced): what it and its narrow twin are
    /// compiled from.
    pub expanded: String,
    /// The pattern's narrow twin (see [`narrow`]), once built; `Some(None)` when it could not
    /// be built.
    narrow: std::sync::OnceLock<Option<Regex>>,
    pub subject: String,
    pub value: String,
}

impl Pattern {
    /// The regex to search a sentence with: for a narrow sentence ([`narrow::is_narrow`]) the
    /// narrow twin, when it is built ([`Rules::prepare_twins`]) or the pattern itself is not
    /// (a twin compiles in a fraction of the time); else the pattern itself, compiled now if
    /// it was not. Both find the same in a narrow sentence.
    pub fn regex_for(&self, narrow: bool) -> Option<&Regex> {
        if narrow
            && (self.narrow.get().is_some() || self.regex.get().is_none())
            && let Some(twin) = self.twin()
        {
            return Some(twin);
        }
        self.regex()
    }

    /// The pattern itself, compiled now if it was not.
    pub fn regex(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| compile_pattern(&self.expanded).ok())
            .as_ref()
    }

    /// Whether the narrow twin was built (or tried).
    pub fn twin_built(&self) -> bool {
        self.narrow.get().is_some()
    }

    /// The narrow twin, built now if it was not.
    pub fn twin(&self) -> Option<&Regex> {
        self.narrow
            .get_or_init(|| {
                narrow::narrow_source(&self.expanded).and_then(|s| compile_pattern(&s).ok())
            })
            .as_ref()
    }
}

/// The whole rule set of a run.
#[derive(Clone, Debug)]
pub struct Rules {
    pub topics: Vec<Topic>,
    pub vocab: Vocab,
    /// A hash of every rule file, for caches.
    pub fingerprint: u64,
    /// Where the rules came from (for `explain`).
    pub origin: String,
    /// Literal prefilter over all topic patterns (global index: topics in order, then their
    /// patterns in order); see [`prefilter`].
    pub prefilter: prefilter::PatternPrefilter,
}

/// Compiled regexes larger than this are rejected (bytes of compiled program).
pub const REGEX_SIZE_LIMIT: usize = 8 << 20;

/// Compile a topic pattern (expanded) or its narrow twin, reusing the regex of an earlier
/// load of the same text in this process: with Unicode classes a pattern takes milliseconds
/// to compile, and a process that loads rule sets repeatedly (`rules test`, the test suite,
/// the fuzzer) mostly loads the same patterns. A `Regex` is shareable, so the clone is the
/// same matcher.
fn compile_pattern(expanded: &str) -> Result<Regex, regex::Error> {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};
    /// Enough for several rule sets; past it the cache starts over.
    const KEEP: usize = 256;
    static COMPILED: LazyLock<Mutex<HashMap<String, Regex>>> =
        LazyLock::new(|| Mutex::new(HashMap::new()));
    // A poisoned lock only means another thread panicked while inserting: compile afresh.
    if let Some(re) = COMPILED.lock().ok().and_then(|m| m.get(expanded).cloned()) {
        return Ok(re);
    }
    let re = RegexBuilder::new(expanded)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()?;
    if let Ok(mut m) = COMPILED.lock() {
        if m.len() >= KEEP {
            m.clear();
        }
        m.insert(expanded.to_string(), re.clone());
    }
    Ok(re)
}

/// When a rule set's topic patterns are compiled.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Compile {
    /// All at load, in parallel, each checked (rules read from a folder).
    AtLoad,
    /// Each on first need (the built-in rules, checked by the tests).
    OnFirstUse,
}

/// The rule files compiled into the binary, as sources.
fn default_sources() -> Vec<RuleSource> {
    DEFAULT_RULES
        .iter()
        .map(|(rel, text)| RuleSource {
            display: format!("rules/{rel}"),
            relative: (*rel).to_string(),
            text: (*text).to_string(),
        })
        .collect()
}

/// From this many articles to extract on, a run builds all the narrow twins of the topic
/// patterns at once, in parallel ([`Rules::prepare_twins`]). Rules read from a folder are
/// compiled at load, and for them building the twins costs about what a thousand to fifteen
/// hundred articles' searches save (callgrind: `claims` over 1k synthetic articles 2.27 G →
/// 2.31 G instructions with them, `report` over 10k 12.32 G → 12.06 G). The built-in rules
/// build each twin on first need anyway (see [`Pattern::regex_for`]); for them this only
/// builds the rest in parallel up front.
pub const TWINS_FROM: usize = 2_000;

impl Rules {
    /// Build the narrow twins of every topic pattern now, in parallel (see [`narrow`] and
    /// [`TWINS_FROM`]); until then, and for sentences that are not narrow, the patterns
    /// search themselves, with the same results.
    pub fn prepare_twins(&self) {
        let patterns: Vec<&Pattern> = self.topics.iter().flat_map(|t| &t.patterns).collect();
        patterns.par_iter().for_each(|p| {
            let _ = p.twin();
        });
    }

    /// The rules compiled into the binary. Their topic patterns are compiled on first need
    /// (a check of one new article against a cached corpus needs few of them, and for a
    /// narrow sentence only the twin): the tests load them with [`Rules::from_sources`],
    /// which compiles and checks every pattern (`built_in_patterns_compile`).
    pub fn defaults() -> Result<Rules, RuleErrors> {
        Rules::load(default_sources(), "built-in rules", Compile::OnFirstUse)
    }

    /// Load from rule files, compiling every topic pattern now so that its errors (invalid,
    /// too large, matching the empty string) are reported with the file, line and column.
    /// Topic files are taken as given; vocabulary files missing from `sources` come from the
    /// built-in rules.
    pub fn from_sources(sources: Vec<RuleSource>, origin: &str) -> Result<Rules, RuleErrors> {
        Rules::load(sources, origin, Compile::AtLoad)
    }

    fn load(
        mut sources: Vec<RuleSource>,
        origin: &str,
        compile: Compile,
    ) -> Result<Rules, RuleErrors> {
        let mut errors = Vec::new();
        // Vocabularies not given fall back to the built-in ones.
        for (name, _) in VOCABULARIES {
            let rel = format!("vocab/{name}.toml");
            if !sources.iter().any(|s| s.relative == rel)
                && let Some((_, text)) = DEFAULT_RULES.iter().find(|(r, _)| *r == rel)
            {
                sources.push(RuleSource {
                    display: format!("(built-in) rules/{rel}"),
                    relative: rel,
                    text: (*text).to_string(),
                });
            }
        }
        sources.sort_by(|a, b| a.relative.cmp(&b.relative));

        let fingerprint = {
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            for s in &sources {
                h.update(s.relative.as_bytes());
                h.update(&[0]);
                h.update(s.text.as_bytes());
                h.update(&[0]);
            }
            h.digest()
        };

        let mut people = PeopleVocab::default();
        let mut places = PlacesVocab::default();
        let mut titles = TitlesVocab::default();
        let mut measures = MeasuresVocab::default();
        let mut events = EventsVocab::default();
        let mut numbers = NumberVocab::default();
        let mut hedges = HedgeVocab::default();
        let mut time = TimeVocab::default();
        let mut topic_files = Vec::new();
        let mut measures_src = None;

        for src in &sources {
            if let Some(name) = src
                .relative
                .strip_prefix("vocab/")
                .and_then(|n| n.strip_suffix(".toml"))
            {
                match name {
                    "people" => parse_into(src, &mut people, &mut errors),
                    "places" => parse_into(src, &mut places, &mut errors),
                    "titles" => parse_into(src, &mut titles, &mut errors),
                    "measures" => {
                        measures_src = Some(src);
                        parse_into(src, &mut measures, &mut errors)
                    }
                    "events" => parse_into(src, &mut events, &mut errors),
                    "numbers" => parse_into(src, &mut numbers, &mut errors),
                    "hedges" => parse_into(src, &mut hedges, &mut errors),
                    "time" => parse_into(src, &mut time, &mut errors),
                    other => errors.push(RuleError {
                        file: src.display.clone(),
                        line: 1,
                        column: 1,
                        message: format!("unknown vocabulary file `{other}.toml`"),
                        hint: Some(format!(
                            "vocabulary files are {}; a topic file belongs directly in the rules folder",
                            VOCABULARIES
                                .iter()
                                .map(|(n, _)| format!("{n}.toml"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    }),
                }
            } else {
                let mut file: Option<TopicFile> = None;
                parse_opt(src, &mut file, &mut errors);
                if let Some(file) = file {
                    topic_files.push((src, file));
                }
            }
        }

        if let Some(src) = measures_src {
            resolve_verbs(&mut measures, src, &mut errors);
        }
        measures.long_form_starts = long_form_starts(&measures);
        measures.long_form_initials = measures
            .long_form_starts
            .iter()
            .filter_map(|w| w.bytes().next())
            .map(|b| match b {
                b'a'..=b'z' => 1 << (b - b'a'),
                // A word that starts otherwise: every word is searched for.
                _ => u32::MAX,
            })
            .fold(0, |all, bit| all | bit);
        let vocab = Vocab::build(
            people, places, titles, measures, events, numbers, hedges, time,
        );
        // With Unicode classes a pattern takes milliseconds to compile: all of them at once,
        // in parallel, into the cache that the checks below take them from (and beside them
        // the extractors' date and time patterns).
        let expanded: Vec<String> = topic_files
            .iter()
            .flat_map(|(_, file)| &file.pattern)
            .map(|p| vocab.expand_placeholders(p.regex.get_ref()))
            .collect();
        rayon::join(
            || {
                if compile == Compile::AtLoad {
                    expanded.par_iter().for_each(|e| {
                        let _ = compile_pattern(e);
                    })
                }
            },
            crate::extract::dates::compile_patterns,
        );
        // Each pattern's expansion, taken in the order of the loop below.
        let mut expanded = expanded.into_iter();

        let mut topics: Vec<Topic> = Vec::new();
        let mut seen_ids: Vec<(String, String, usize, usize)> = Vec::new();
        for (src, file) in topic_files {
            let err = |span: Range<usize>, message: String, hint: Option<String>| {
                RuleError::at(src, span.start, message, hint)
            };
            let id = file.topic.id.get_ref().clone();
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                errors.push(err(
                    file.topic.id.span(),
                    format!("topic id `{id}` must be lower-case words joined by `-`"),
                    Some("e.g. id = \"drone-count\"".into()),
                ));
            }
            if let Some((other_file, _, l, c)) = seen_ids.iter().find(|(_, i, _, _)| *i == id) {
                errors.push(err(
                    file.topic.id.span(),
                    format!("duplicate topic id `{id}`: already defined at {other_file}:{l}:{c}"),
                    Some("give each topic its own id, or merge the two files".into()),
                ));
            } else {
                let (l, c) = line_col(&src.text, file.topic.id.span().start);
                seen_ids.push((src.display.clone(), id.clone(), l, c));
            }
            let kind_name = file.topic.kind.get_ref();
            let kind = ValueKind::from_name(kind_name);
            if kind.is_none() {
                let names: Vec<&str> = ValueKind::ALL.iter().map(|k| k.name()).collect();
                errors.push(err(
                    file.topic.kind.span(),
                    format!(
                        "unknown value kind `{kind_name}`; expected one of {}",
                        names.join(", ")
                    ),
                    did_you_mean(kind_name, &names).or_else(|| {
                        Some(
                            "`kind` says what a claim's value is; see the rule format in README.md"
                                .into(),
                        )
                    }),
                ));
            }
            for used in &file.topic.uses {
                if !VOCABULARIES.iter().any(|(n, _)| n == used.get_ref()) {
                    let names: Vec<&str> = VOCABULARIES.iter().map(|(n, _)| *n).collect();
                    errors.push(err(
                        used.span(),
                        format!(
                            "unknown vocabulary `{}`; expected one of {}",
                            used.get_ref(),
                            names.join(", ")
                        ),
                        did_you_mean(used.get_ref(), &names).or_else(|| {
                            Some(
                                "`uses` names vocabulary files of rules/vocab/, without `.toml`"
                                    .into(),
                            )
                        }),
                    ));
                }
            }
            let mut measures_out = Vec::new();
            for m in &file.measure {
                let window = match &m.window {
                    Some(w) if *w.get_ref() < 1 || *w.get_ref() > 60 => {
                        errors.push(err(
                            w.span(),
                            format!("window {} is out of range", w.get_ref()),
                            Some("a window is a number of words from 1 to 60".into()),
                        ));
                        8
                    }
                    Some(w) => *w.get_ref() as usize,
                    None => 8,
                };
                check_template(&m.subject, &["noun", "verb", "person"], &err, &mut errors);
                let mut cues: Vec<Vec<String>> = Vec::new();
                let mut exclude: Vec<Vec<String>> = Vec::new();
                if let Some(of) = &m.cues_of {
                    match measures_out
                        .iter()
                        .find(|earlier: &&Measure| earlier.subject == *of.get_ref())
                    {
                        Some(earlier) => {
                            cues.extend(earlier.cues.iter().cloned());
                            exclude.extend(earlier.exclude.iter().cloned());
                        }
                        None => {
                            let names: Vec<&str> =
                                measures_out.iter().map(|e| e.subject.as_str()).collect();
                            errors.push(err(
                                of.span(),
                                format!(
                                    "no earlier measure of this topic has the subject `{}`",
                                    of.get_ref()
                                ),
                                did_you_mean(of.get_ref(), &names).or_else(|| {
                                    Some("`cues_of` names the subject of a measure above it".into())
                                }),
                            ));
                        }
                    }
                }
                cues.extend(m.cues.iter().map(|c| vocab::words_lower(c)));
                exclude.extend(m.exclude.iter().map(|c| vocab::words_lower(c)));
                measures_out.push(Measure {
                    subject: m.subject.get_ref().clone(),
                    nouns: m
                        .nouns
                        .iter()
                        .map(|n| vocab::singular(&n.to_lowercase()))
                        .collect(),
                    cues,
                    exclude,
                    window,
                    whole: m.whole,
                    each_side: m.each_side,
                });
            }
            let mut patterns_out = Vec::new();
            for p in &file.pattern {
                let expanded = expanded.next().unwrap_or_default();
                let used = placeholders_in(p.regex.get_ref());
                let mut ok = true;
                let mut seen = BTreeSet::new();
                for name in &used {
                    if !PLACEHOLDERS.iter().any(|(n, _)| n == name) {
                        let names: Vec<&str> = PLACEHOLDERS.iter().map(|(n, _)| *n).collect();
                        errors.push(err(
                            p.regex.span(),
                            format!(
                                "unknown placeholder `{{{name}}}`; expected one of {}",
                                names
                                    .iter()
                                    .map(|n| format!("{{{n}}}"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                            did_you_mean(name, &names)
                                .or(Some("a literal brace is written \\{".into())),
                        ));
                        ok = false;
                    } else if !seen.insert(name.clone()) {
                        errors.push(err(
                            p.regex.span(),
                            format!("placeholder `{{{name}}}` is used twice"),
                            Some("each placeholder may appear once in a pattern".into()),
                        ));
                        ok = false;
                    }
                }
                if !used.iter().any(|u| u == p.value.get_ref()) {
                    errors.push(err(
                        p.value.span(),
                        format!("value `{}` is not a placeholder of this pattern", p.value.get_ref()),
                        Some(format!(
                            "value names the placeholder whose text is the claim's value; this pattern has {}",
                            if used.is_empty() { "none".to_string() } else { used.join(", ") }
                        )),
                    ));
                    ok = false;
                }
                check_template(
                    &p.subject,
                    &used.iter().map(String::as_str).collect::<Vec<_>>(),
                    &err,
                    &mut errors,
                );
                if !ok {
                    continue;
                }
                let regex = std::sync::OnceLock::new();
                if compile == Compile::AtLoad {
                    match compile_pattern(&expanded) {
                        Ok(compiled) if compiled.is_match("") => {
                            errors.push(err(
                                p.regex.span(),
                                "pattern matches the empty string".into(),
                                Some("a pattern must require some text, or it would match every sentence".into()),
                            ));
                            continue;
                        }
                        Ok(compiled) => {
                            let _ = regex.set(Some(compiled));
                        }
                        Err(regex::Error::CompiledTooBig(limit)) => {
                            errors.push(err(
                                p.regex.span(),
                                format!("pattern is too large once compiled (over {limit} bytes)"),
                                Some(
                                    "split it into several [[pattern]] entries, or use fewer repetitions"
                                        .into(),
                                ),
                            ));
                            continue;
                        }
                        Err(e) => {
                            // Report the regex error against the pattern as written.
                            let probe = Regex::new(&neutralize_placeholders(p.regex.get_ref()));
                            let detail = match probe {
                                Err(e2) => first_line(&e2.to_string()),
                                Ok(_) => first_line(&e.to_string()),
                            };
                            errors.push(err(
                                p.regex.span(),
                                format!("invalid regex: {detail}"),
                                Some("patterns use the syntax of the `regex` crate; in a TOML basic string write \\\\ for a backslash, or use a literal string '...'".into()),
                            ));
                            continue;
                        }
                    }
                }
                patterns_out.push(Pattern {
                    source: p.regex.get_ref().clone(),
                    regex,
                    narrow: std::sync::OnceLock::new(),
                    expanded,
                    subject: p.subject.get_ref().clone(),
                    value: p.value.get_ref().clone(),
                });
            }
            if file.measure.is_empty() && file.pattern.is_empty() {
                errors.push(err(
                    file.topic.id.span(),
                    format!("topic `{id}` has neither [[measure]] nor [[pattern]] entries"),
                    Some("a topic takes generic values with [[measure]] or finds its own with [[pattern]]".into()),
                ));
            }
            if file.test.is_empty() {
                errors.push(err(
                    file.topic.id.span(),
                    format!("topic `{id}` has no [[test]] cases"),
                    Some("add sentences that must yield a claim, and some that must yield none (expect = [])".into()),
                ));
            }
            if let Some(kind) = kind {
                topics.push(Topic {
                    id,
                    title: file.topic.title.clone(),
                    description: file.topic.description.clone(),
                    kind,
                    events: file.topic.events,
                    measures: measures_out,
                    patterns: patterns_out,
                    tests: file.test.clone(),
                    file: src.display.clone(),
                });
            }
        }

        if errors.is_empty() {
            let prefilter = prefilter::PatternPrefilter::new(
                topics
                    .iter()
                    .flat_map(|t| t.patterns.iter())
                    .map(|p| (p.expanded.as_str(), p.value.as_str())),
                vocab.title_head_literals(),
                &{
                    let (quantity_words, quantity_marks) =
                        crate::extract::number::gate_literals(&vocab.numbers).unwrap_or_default();
                    prefilter::Gates {
                        dates: crate::extract::dates::gate_literals(),
                        cue_words: vocab.event_cue_literals(),
                        quantity_words,
                        quantity_marks,
                    }
                },
            );
            Ok(Rules {
                topics,
                vocab,
                fingerprint,
                origin: origin.to_string(),
                prefilter,
            })
        } else {
            Err(RuleErrors(errors))
        }
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }
}

/// Check the `[[verb]]` entries of the measures vocabulary, and put the nouns of each one's
/// `noun_list` before its own `nouns`. A list that does not exist, `otherwise` without nouns
/// (it would never be read) and nouns without `otherwise` (they would bind nothing) are
/// errors at the key.
fn resolve_verbs(measures: &mut MeasuresVocab, src: &RuleSource, errors: &mut Vec<RuleError>) {
    let err = |span: Range<usize>, message: String, hint: Option<String>| {
        RuleError::at(src, span.start, message, hint)
    };
    let MeasuresVocab {
        verb, noun_lists, ..
    } = measures;
    for v in verb.iter_mut() {
        let mut list_missing = false;
        if let Some(name) = &v.noun_list {
            match noun_lists.get(name.get_ref()) {
                Some(nouns) => {
                    let own = std::mem::take(&mut v.nouns);
                    v.nouns = nouns.iter().cloned().chain(own).collect();
                }
                None => {
                    list_missing = true;
                    let names: Vec<&str> = noun_lists.keys().map(String::as_str).collect();
                    errors.push(err(
                        name.span(),
                        format!("no noun list `{}` in `noun_lists`", name.get_ref()),
                        did_you_mean(name.get_ref(), &names).or_else(|| {
                            Some(
                                "`noun_list` names a list of the [noun_lists] table of this file"
                                    .into(),
                            )
                        }),
                    ));
                }
            }
        }
        if list_missing {
            continue;
        }
        match (&v.otherwise, v.nouns.is_empty()) {
            (Some(otherwise), true) => errors.push(err(
                v.at.otherwise.clone().unwrap_or(v.at.measure.clone()),
                format!(
                    "`otherwise = \"{otherwise}\"` on a verb without `nouns`: it would never be used"
                ),
                Some(format!(
                    "`otherwise` is the measure for nouns not in `nouns` (or `noun_list`); add the nouns the forms name `{}` for, or remove `otherwise`",
                    v.measure
                )),
            )),
            (None, false) => errors.push(err(
                v.at
                    .nouns
                    .clone()
                    .or_else(|| v.noun_list.as_ref().map(Spanned::span))
                    .unwrap_or(v.at.measure.clone()),
                "`nouns` without `otherwise`: the forms would name the measure for every noun"
                    .into(),
                Some(
                    "add `otherwise = \"...\"`, the measure of the forms for any other noun, or remove the nouns"
                        .into(),
                ),
            )),
            _ => {}
        }
    }
}

/// The first words of the verb forms of three words or more, lower case, once each.
fn long_form_starts(measures: &MeasuresVocab) -> Vec<String> {
    let mut starts: Vec<String> = measures
        .verb
        .iter()
        .flat_map(|v| &v.forms)
        .filter(|f| f.split_whitespace().count() >= 3)
        .filter_map(|f| f.split_whitespace().next())
        .map(str::to_lowercase)
        .collect();
    starts.sort();
    starts.dedup();
    starts
}

fn first_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .unwrap_or("")
        .to_string()
}

/// Parse one file into `slot`, or record its error with line and column.
fn parse_into<T: serde::de::DeserializeOwned>(
    src: &RuleSource,
    slot: &mut T,
    errors: &mut Vec<RuleError>,
) {
    let mut opt = None;
    parse_opt(src, &mut opt, errors);
    if let Some(v) = opt {
        *slot = v;
    }
}

fn parse_opt<T: serde::de::DeserializeOwned>(
    src: &RuleSource,
    slot: &mut Option<T>,
    errors: &mut Vec<RuleError>,
) {
    match toml::from_str::<T>(&src.text) {
        Ok(v) => *slot = Some(v),
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            let message = e.message().trim().to_string();
            let hint = hint_for_toml_error(&message);
            errors.push(RuleError::at(src, at, message, hint));
        }
    }
}

fn hint_for_toml_error(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        Some("check the spelling of the key against the rule format in README.md".into())
    } else if message.contains("missing field") {
        Some("add the missing key; see the rule format in README.md".into())
    } else if message.contains("invalid type") {
        Some("the key has a value of the wrong type (string, list or number)".into())
    } else {
        Some("the file is not valid TOML at this point".into())
    }
}

fn did_you_mean(word: &str, candidates: &[&str]) -> Option<String> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(s, _)| *s > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

/// `{name}` placeholders of a pattern (not regex repetitions like `{2,3}`).
pub fn placeholders_in(pattern: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = pattern.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            // `\p{L}` and `\P{Lu}` are classes, not placeholders.
            if matches!(bytes.get(i + 1), Some(b'p' | b'P')) && bytes.get(i + 2) == Some(&b'{') {
                i += pattern[i..].find('}').map_or(2, |e| e + 1);
            } else {
                i += 2;
            }
            continue;
        }
        if bytes[i] == b'{'
            && let Some(len) = pattern[i + 1..].find('}')
        {
            let name = &pattern[i + 1..i + 1 + len];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic() || c == '_') {
                out.push(name.to_string());
            }
            i += len + 2;
            continue;
        }
        i += 1;
    }
    out
}

fn neutralize_placeholders(pattern: &str) -> String {
    let mut s = pattern.to_string();
    for name in placeholders_in(pattern) {
        s = s.replace(&format!("{{{name}}}"), "x");
    }
    s
}

fn check_template<F>(
    template: &Spanned<String>,
    allowed: &[&str],
    err: &F,
    errors: &mut Vec<RuleError>,
) where
    F: Fn(Range<usize>, String, Option<String>) -> RuleError,
{
    for name in placeholders_in(template.get_ref()) {
        if !allowed.contains(&name.as_str()) {
            errors.push(err(
                template.span(),
                format!("subject uses `{{{name}}}`, which is not available here"),
                Some(if allowed.is_empty() {
                    "this subject can use no placeholders".to_string()
                } else {
                    format!(
                        "available: {}",
                        allowed
                            .iter()
                            .map(|a| format!("{{{a}}}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }),
            ));
        }
    }
}

/// Read every `.toml` file under `dir` (recursively) as rule sources.
pub fn read_dir(dir: &std::path::Path) -> Result<Vec<RuleSource>, String> {
    fn walk(
        base: &std::path::Path,
        dir: &std::path::Path,
        out: &mut Vec<RuleSource>,
        depth: usize,
    ) -> Result<(), String> {
        if depth > 8 {
            return Ok(());
        }
        let entries = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: cannot read rules folder: {e}", dir.display()))?;
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                walk(base, &path, out, depth + 1)?;
            } else if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: cannot read rule file: {e}", path.display()))?;
                let relative = path
                    .strip_prefix(base)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push(RuleSource {
                    display: path.display().to_string(),
                    relative,
                    text,
                });
            }
        }
        Ok(())
    }
    if !dir.is_dir() {
        return Err(format!("{}: rules folder does not exist", dir.display()));
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out, 0)?;
    if !out.iter().any(|s| !s.relative.starts_with("vocab/")) {
        return Err(format!(
            "{}: no topic rule files (*.toml) in this folder",
            dir.display()
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(rel: &str, text: &str) -> RuleSource {
        RuleSource {
            display: format!("rules/{rel}"),
            relative: rel.to_string(),
            text: text.to_string(),
        }
    }

    #[test]
    fn the_default_rules_load() {
        let rules = Rules::defaults().unwrap_or_else(|e| panic!("{e}"));
        assert!(rules.topics.len() >= 10, "{} topics", rules.topics.len());
    }

    /// The built-in rules compile their patterns on first need, unchecked: loaded as from a
    /// folder, every pattern compiles at load and passes the checks.
    #[test]
    fn built_in_patterns_compile() {
        let rules =
            Rules::from_sources(default_sources(), "rules").unwrap_or_else(|e| panic!("{e}"));
        let patterns: Vec<&Pattern> = rules.topics.iter().flat_map(|t| &t.patterns).collect();
        assert!(patterns.len() >= 10, "{} patterns", patterns.len());
        for p in patterns {
            assert!(
                p.regex.get().is_some_and(Option::is_some),
                "{} not compiled at load",
                p.source
            );
        }
    }

    #[test]
    fn placeholders_are_found_but_repetitions_are_not() {
        assert_eq!(
            placeholders_in(r"led by {person} \{x} a{2,3} \p{L}+ \P{Lu}"),
            vec!["person"]
        );
    }

    const GOOD: &str = r#"
[topic]
id = "flood-depth"
title = "Flood depth"
description = "How deep the water rose."
kind = "distance"

[[measure]]
subject = "water depth"
cues = ["deep", "depth"]

[[test]]
text = "The water was two metres deep."
expect = [{ subject = "water depth", value = "two metres" }]
"#;

    #[test]
    fn a_good_topic_file_loads() {
        let rules = Rules::from_sources(vec![src("flood.toml", GOOD)], "test")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rules.topics.len(), 1);
        assert_eq!(rules.topics[0].kind, ValueKind::Distance);
    }

    #[test]
    fn every_error_of_a_load_is_reported_with_line_column_and_hint() {
        let bad_kind = GOOD.replace("kind = \"distance\"", "kind = \"distanse\"");
        let bad_regex = r#"
[topic]
id = "venue-x"
title = "t"
description = "d"
kind = "place"

[[pattern]]
regex = 'held at {place'
subject = "venue"
value = "place"

[[pattern]]
regex = '(?:x)?'
subject = "venue"
value = "x"

[[test]]
text = "a"
expect = []
"#;
        let err = Rules::from_sources(
            vec![
                src("a.toml", &bad_kind),
                src("b.toml", bad_regex),
                src("c.toml", "[topic\nid="),
            ],
            "test",
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("rules/a.toml:6:8: unknown value kind `distanse`"),
            "{text}"
        );
        assert!(text.contains("did you mean `distance`?"), "{text}");
        assert!(
            text.contains("rules/b.toml:11:9: value `place` is not a placeholder"),
            "{text}"
        );
        assert!(text.contains("rules/c.toml:1:"), "{text}");
        assert!(err.0.len() >= 4, "{text}");
    }

    #[test]
    fn a_measure_takes_the_cues_of_an_earlier_one_by_its_subject() {
        let topic = |cues_of: &str| {
            format!(
                "[topic]\nid = \"swap\"\ntitle = \"t\"\ndescription = \"d\"\nkind = \"count\"\n\n[[measure]]\nsubject = \"prisoners freed\"\nnouns = [\"prisoner\"]\ncues = [\"freed\"]\nexclude = [\"each\"]\n\n[[measure]]\nsubject = \"hostages freed\"\nnouns = [\"hostage\"]\ncues = [\"let go\"]\ncues_of = \"{cues_of}\"\n\n[[test]]\ntext = \"a\"\nexpect = []\n"
            )
        };
        let rules = Rules::from_sources(vec![src("a.toml", &topic("prisoners freed"))], "test")
            .unwrap_or_else(|e| panic!("{e}"));
        let hostages = &rules.topics[0].measures[1];
        let words = |list: &[Vec<String>]| list.iter().map(|w| w.join(" ")).collect::<Vec<_>>();
        assert_eq!(words(&hostages.cues), ["freed", "let go"]);
        assert_eq!(words(&hostages.exclude), ["each"]);
        let err = Rules::from_sources(vec![src("a.toml", &topic("prisoner freed"))], "test")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("rules/a.toml:17:11: no earlier measure of this topic has the subject `prisoner freed`"),
            "{err}"
        );
        assert!(err.contains("did you mean `prisoners freed`?"), "{err}");
    }

    /// A measures vocabulary of two verbs: "received" bound to a named list of nouns and one
    /// of its own, and "hurt" as written by `hurt`.
    fn two_verbs(list: &str, hurt: &str) -> String {
        format!(
            "[noun_lists]\ncaptives = [\"prisoner\", \"hostage\"]\n\n[[verb]]\nmeasure = \"returned\"\nforms = [\"received\"]\nnoun_list = \"{list}\"\nnouns = [\"body\"]\notherwise = \"received\"\n\n[[verb]]\nmeasure = \"injured\"\nforms = [\"hurt\"]\n{hurt}\n"
        )
    }

    #[test]
    fn a_verb_takes_the_nouns_of_a_named_list() {
        let rules = Rules::from_sources(
            vec![
                src("flood.toml", GOOD),
                src("vocab/measures.toml", &two_verbs("captives", "")),
            ],
            "test",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let v = &rules.vocab;
        assert_eq!(
            v.noun_bound_measure("received", "hostage"),
            Some("returned")
        );
        assert_eq!(v.noun_bound_measure("received", "body"), Some("returned"));
        assert_eq!(v.noun_bound_measure("received", "tank"), None);
        assert_eq!(v.verb_measure("hurt"), Some("injured"));
    }

    #[test]
    fn a_missing_noun_list_is_an_error_at_the_reference() {
        let err = Rules::from_sources(
            vec![
                src("flood.toml", GOOD),
                src("vocab/measures.toml", &two_verbs("captive", "")),
            ],
            "test",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("rules/vocab/measures.toml:7:13: no noun list `captive` in `noun_lists`"),
            "{err}"
        );
        assert!(err.contains("did you mean `captives`?"), "{err}");
    }

    #[test]
    fn otherwise_without_nouns_and_nouns_without_otherwise_are_errors() {
        let load = |hurt: &str| {
            Rules::from_sources(
                vec![
                    src("flood.toml", GOOD),
                    src("vocab/measures.toml", &two_verbs("captives", hurt)),
                ],
                "test",
            )
            .unwrap_err()
            .to_string()
        };
        let err = load("otherwise = \"harmed\"");
        assert!(
            err.contains("rules/vocab/measures.toml:14:13: `otherwise = \"harmed\"` on a verb without `nouns`"),
            "{err}"
        );
        assert!(
            err.contains("add the nouns the forms name `injured` for"),
            "{err}"
        );
        // An empty list is no nouns either.
        let err = load("nouns = []\notherwise = \"harmed\"");
        assert!(
            err.contains("rules/vocab/measures.toml:15:13: `otherwise = \"harmed\"` on a verb without `nouns`"),
            "{err}"
        );
        let err = load("nouns = [\"child\"]");
        assert!(
            err.contains("rules/vocab/measures.toml:14:9: `nouns` without `otherwise`"),
            "{err}"
        );
    }

    #[test]
    fn invalid_regex_empty_match_duplicate_ids_and_unknown_vocab_are_errors() {
        let t = |id: &str, regex: &str, uses: &str| {
            format!(
                "[topic]\nid = \"{id}\"\ntitle = \"t\"\ndescription = \"d\"\nkind = \"place\"\nuses = [{uses}]\n\n[[pattern]]\nregex = '{regex}'\nsubject = \"venue\"\nvalue = \"place\"\n\n[[test]]\ntext = \"a\"\nexpect = []\n"
            )
        };
        let err = Rules::from_sources(
            vec![
                src("a.toml", &t("v", "at ({place}", "")),
                src("b.toml", &t("v", "at {place}", "\"plaices\"")),
                src("c.toml", &t("w", "(?:at)?(?:{place})?", "")),
                src("vocab/colours.toml", "x = 1"),
            ],
            "test",
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("rules/a.toml:9:9: invalid regex"), "{text}");
        assert!(
            text.contains(
                "rules/b.toml:2:6: duplicate topic id `v`: already defined at rules/a.toml:2:6"
            ),
            "{text}"
        );
        assert!(
            text.contains("rules/b.toml:6:9: unknown vocabulary `plaices`"),
            "{text}"
        );
        assert!(text.contains("did you mean `places`?"), "{text}");
        // Every error has a hint, also when no name is close.
        let nope = Rules::from_sources(
            vec![src("d.toml", &t("d", "at {place}", "\"nope\""))],
            "test",
        )
        .unwrap_err();
        assert_eq!(
            nope.to_string(),
            "rules/d.toml:6:9: unknown vocabulary `nope`; expected one of people, places, titles, measures, events, numbers, hedges, time\n  hint: `uses` names vocabulary files of rules/vocab/, without `.toml`"
        );
        assert!(
            text.contains("rules/c.toml:9:9: pattern matches the empty string"),
            "{text}"
        );
        assert!(
            text.contains("rules/vocab/colours.toml:1:1: unknown vocabulary file `colours.toml`"),
            "{text}"
        );
    }

    #[test]
    fn a_huge_regex_is_rejected_not_compiled() {
        let t = "[topic]\nid = \"big\"\ntitle = \"t\"\ndescription = \"d\"\nkind = \"place\"\n\n[[pattern]]\nregex = '(?:\\w{1,50}){1,50} at {place}'\nsubject = \"venue\"\nvalue = \"place\"\n\n[[test]]\ntext = \"a\"\nexpect = []\n";
        let err = Rules::from_sources(vec![src("big.toml", t)], "test").unwrap_err();
        assert!(err.to_string().contains("too large"), "{err}");
    }

    #[test]
    fn unknown_keys_are_errors_with_the_key_position() {
        let t = GOOD.replace("cues = [", "queues = [");
        let err = Rules::from_sources(vec![src("flood.toml", &t)], "test").unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("rules/flood.toml:10:1: unknown field `queues`"),
            "{text}"
        );
    }
}
