//! Narrow twins of topic patterns: the same pattern with every character class cut down to
//! the characters of [`is_narrow`] text (Latin letters with their diacritics, ASCII, and the
//! typographic spaces, dashes and quotes of the General Punctuation block).
//!
//! A class such as `\p{L}` or Unicode `\s` compiles into a UTF-8 automaton of hundreds of
//! states, and a topic pattern repeats such classes (a place name of up to three capitalized
//! words, a side's many names): 2–5k NFA states. The bounded backtracker that finds a match's
//! groups clears a bit per state and haystack byte before each search, and follows states by
//! the thousand. Cut to narrow characters, the same classes take a few states each.
//!
//! On a sentence whose every character is narrow the twin finds exactly what the pattern finds:
//! every class consumes one character of the sentence, which is narrow, and a narrow character
//! is in a class exactly when it is in the class cut to narrow characters. Literals,
//! look-arounds (Unicode `\b`), repetitions, groups and their order are the same. Other
//! sentences (Cyrillic, CJK, emoji ...) are matched with the pattern itself.
//!
//! A twin takes a few milliseconds to build; over a feed its searches more than pay for that
//! (callgrind, one thread: `report` over 10k synthetic articles 12.32 G → 12.06 G
//! instructions; `claims` over 1k articles, where the building still costs more than the
//! searches save, 2.27 G → 2.31 G, when the patterns themselves are compiled already). So for
//! rules read from a folder, compiled at load, the twins are built, all at once and in
//! parallel, by a run with at least [`super::TWINS_FROM`] articles to extract
//! ([`super::Rules::prepare_twins`]). The built-in rules compile nothing at load: a narrow
//! sentence builds the twins it needs and no pattern itself, which is cheaper than compiling
//! the pattern (`report` over 1k articles: 2,241 M → 1,934 M instructions).

use regex_syntax::hir::{self, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};

/// The ranges of narrow characters: Basic Latin, Latin-1 Supplement, Latin Extended-A and -B,
/// and General Punctuation (typographic spaces, dashes, quotes, ellipsis, zero-width marks).
const NARROW: [(char, char); 2] = [('\0', '\u{024F}'), ('\u{2000}', '\u{206F}')];

/// Is every character of `s` narrow? (Most English news sentences are; any is ASCII.)
pub fn is_narrow(s: &str) -> bool {
    s.is_ascii()
        || s.chars()
            .all(|c| NARROW.iter().any(|&(lo, hi)| (lo..=hi).contains(&c)))
}

/// The narrow twin's source of a pattern (as the `regex` crate would parse it), or `None` when
/// it cannot be parsed.
pub fn narrow_source(pattern: &str) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    Some(cut(&hir).to_string())
}

/// `hir` with every Unicode class intersected with the narrow characters.
fn cut(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => {
            let mut narrow = ClassUnicode::new(
                NARROW
                    .iter()
                    .map(|&(lo, hi)| ClassUnicodeRange::new(lo, hi)),
            );
            narrow.intersect(class);
            Hir::class(Class::Unicode(narrow))
        }
        HirKind::Repetition(rep) => Hir::repetition(hir::Repetition {
            sub: Box::new(cut(&rep.sub)),
            ..rep.clone()
        }),
        HirKind::Capture(cap) => Hir::capture(hir::Capture {
            sub: Box::new(cut(&cap.sub)),
            ..cap.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(cut).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(cut).collect()),
        HirKind::Empty
        | HirKind::Literal(_)
        | HirKind::Class(Class::Bytes(_))
        | HirKind::Look(_) => hir.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;
    use proptest::prelude::*;
    use regex::Regex;

    fn defaults() -> Rules {
        Rules::defaults().unwrap_or_else(|e| panic!("{e}"))
    }

    /// Every match of `re` in `s` with the spans of all its groups.
    fn matches(re: &Regex, s: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        re.captures_iter(s)
            .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
            .collect()
    }

    /// Each default pattern and its twin, built now.
    fn twins(rules: &Rules) -> Vec<(&Regex, &Regex)> {
        let pairs: Vec<(&Regex, &Regex)> = rules
            .topics
            .iter()
            .flat_map(|t| &t.patterns)
            .map(|p| match (p.regex(), p.twin()) {
                (Some(regex), Some(twin)) => (regex, twin),
                _ => panic!("no pattern or no twin for {}", p.source),
            })
            .collect();
        assert!(pairs.len() >= 10, "{} patterns", pairs.len());
        pairs
    }

    #[test]
    fn narrow_text_is_latin_and_typographic_punctuation() {
        for s in [
            "Talks at the Ciragan Palace.",
            "Erdoğan’s envoy, Hakan Fidan – “the host” – met Çavuşoğlu\u{a0}and Łukasz…",
            "",
        ] {
            assert!(is_narrow(s), "{s}");
        }
        for s in [
            "Переговоры в Стамбуле",
            "Talks in 東京",
            "Talks at the palace 🙂",
            "Euro sign €",
        ] {
            assert!(!is_narrow(s), "{s}");
        }
    }

    #[test]
    fn twin_classes_hold_only_narrow_characters() {
        let rules = defaults();
        for (original, twin) in twins(&rules) {
            // The printed classes of the twin hold no character beyond the narrow ones.
            assert!(
                twin.as_str()
                    .chars()
                    .all(|c| NARROW.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))),
                "{}",
                twin.as_str()
            );
            assert!(original.as_str() != twin.as_str());
        }
    }

    /// The twins find what the patterns find on every narrow test sentence of the rules, on
    /// sentences with diacritics, typographic quotes, dashes and spaces, and in other case.
    #[test]
    fn twins_find_what_the_patterns_find_on_the_rules_tests() {
        let rules = defaults();
        let mut texts: Vec<String> = rules
            .topics
            .iter()
            .flat_map(|t| &t.tests)
            .map(|t| t.text.clone())
            .collect();
        texts.extend(
            [
                "Türkiye’s Foreign Minister Hakan Fidan chaired the talks at the Çırağan Palace.",
                "The talks were held at the Dolmabahçe\u{a0}Palace on Friday – officials said.",
                "Ukraine’s delegation, led by Defence Minister Rustem Umerov, met the Russians.",
                "ŁUKASZ NOWAK, THE POLISH ENVOY, OPENED THE SESSION AT THE ŻELAZNA HOUSE.",
            ]
            .map(String::from),
        );
        let narrow_texts: Vec<&String> = texts.iter().filter(|t| is_narrow(t)).collect();
        assert!(
            narrow_texts.len() > 100,
            "{} narrow texts",
            narrow_texts.len()
        );
        let mut found = 0;
        for (original, twin) in twins(&rules) {
            for t in &narrow_texts {
                let m = matches(original, t);
                found += m.len();
                assert_eq!(m, matches(twin, t), "{} on {t:?}", original.as_str());
            }
        }
        assert!(found >= 30, "{found} matches");
    }

    /// Rules read from a folder (compiled at load) search a narrow sentence with the twin only
    /// once the twins are prepared; other sentences always with the pattern itself.
    #[test]
    fn compiled_rules_search_narrow_sentences_with_the_twin_once_prepared() {
        let rules = Rules::from_sources(super::super::default_sources(), "test")
            .unwrap_or_else(|e| panic!("{e}"));
        let Some(p) = rules.topics.iter().flat_map(|t| &t.patterns).next() else {
            panic!("no topic pattern")
        };
        let Some(itself) = p.regex.get().and_then(Option::as_ref) else {
            panic!("{} not compiled at load", p.source)
        };
        assert!(p.narrow.get().is_none());
        assert!(p.regex_for(true).is_some_and(|r| std::ptr::eq(r, itself)));
        rules.prepare_twins();
        let Some(Some(twin)) = p.narrow.get() else {
            panic!("no twin for {}", p.source)
        };
        assert!(p.regex_for(true).is_some_and(|r| std::ptr::eq(r, twin)));
        assert!(p.regex_for(false).is_some_and(|r| std::ptr::eq(r, itself)));
    }

    /// The built-in rules compile a pattern on first need: for a narrow sentence only its twin
    /// (cheaper to build), for another sentence the pattern itself.
    #[test]
    fn built_in_rules_compile_only_what_a_sentence_needs() {
        let rules = defaults();
        let Some(p) = rules.topics.iter().flat_map(|t| &t.patterns).next() else {
            panic!("no topic pattern")
        };
        assert!(p.regex.get().is_none() && p.narrow.get().is_none());
        let Some(twin) = p.regex_for(true) else {
            panic!("no twin for {}", p.source)
        };
        assert!(p.regex.get().is_none(), "the pattern itself was compiled");
        assert!(
            p.narrow
                .get()
                .is_some_and(|t| t.as_ref().is_some_and(|t| std::ptr::eq(t, twin)))
        );
        let Some(itself) = p.regex_for(false) else {
            panic!("{} does not compile", p.source)
        };
        assert!(!std::ptr::eq(itself, twin));
        // Once both are built, a narrow sentence keeps the twin.
        assert!(p.regex_for(true).is_some_and(|r| std::ptr::eq(r, twin)));
    }

    /// A fragment of news text: phrases and words of the rules' vocabulary, names with
    /// diacritics, typographic punctuation and spaces.
    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "the talks were held at the ",
                "negotiations in the ",
                "met at the ",
                "delegation was led by ",
                "headed by Defence Minister ",
                "chaired by ",
                " opened the talks",
                ", the U.S. special envoy",
                "Russia’s envoy ",
                "Ukraine’s delegation, led by ",
                "sat down with Russian officials in the ",
                " Palace",
                " Hotel",
                " House",
                " will represent Ukraine",
                "head of the Russian delegation, ",
                "Ciragan",
                "Çırağan",
                "Dolmabahçe",
                "Rustem",
                "Umerov",
                "Medinsky",
                "Fidan",
                "Türkiye",
                "Kremlin",
                "’s",
                "'s",
                "The",
                "TALKS",
                "at",
                "in",
                "by",
                "of",
            ])
            .prop_map(String::from),
            prop::sample::select(vec![
                " ", " ", " ", "\u{a0}", "\u{2009}", ", ", ". ", "; ", " – ", "—", "“", "”", "’",
                "-", "…", "\u{200b}", "\t",
            ])
            .prop_map(String::from),
            "[A-ZÀ-ÞĀĆČĐĞİŁŃŐŒŘŚŞŠŽ][a-zß-ÿāćčđğıłńőœřśşšž]{2,8}",
            "[a-zA-ZÀ-ɏ]{1,8}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// On any narrow text the twins find the same matches with the same groups.
        #[test]
        fn twins_agree_on_narrow_text(parts in prop::collection::vec(fragment(), 1..24)) {
            static RULES: std::sync::LazyLock<Rules> = std::sync::LazyLock::new(defaults);
            let text = parts.concat();
            prop_assume!(is_narrow(&text));
            for (original, twin) in twins(&RULES) {
                prop_assert_eq!(matches(original, &text), matches(twin, &text), "{}", original.as_str());
            }
        }
    }
}
