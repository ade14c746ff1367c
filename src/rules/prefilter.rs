//! A one-pass literal prefilter for topic patterns.
//!
//! For every compiled pattern we derive, from its syntax tree, a set of literal strings of
//! which at least one must occur in any text the pattern matches (a *necessary* condition:
//! "led by {person}" needs "led" — or, if a better set is found, one of "delegation", "team",
//! "negotiat…"). All those literals go into one ASCII-case-insensitive Aho–Corasick automaton,
//! with the vocabulary's title heads (whether a sentence may name a title, for the title
//! finder) and the gate literals of the generic extractors ([`Gates`]: whether a sentence may
//! hold a date, a quantity or an event cue word). A pattern's literals are those a match
//! needs for the capture group of its value to take part (a branch without it yields no
//! claim). A sentence is scanned once; only patterns with a literal present are run. A
//! pattern from which no literal can be derived is always run. The filter never changes
//! results: it only skips regexes that cannot yield a claim.

use std::ops::ControlFlow;

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};

use super::vocab::is_head_word_at;

/// Largest number of strings an exact set or a cross product may grow to.
const MAX_SET: usize = 64;

/// The compiled prefilter of a rule set: which patterns (by global index) may match a text.
#[derive(Clone, Debug, Default)]
pub struct PatternPrefilter {
    ac: Option<LiteralFinder>,
    /// Literal index → (global pattern index, bit of the requirement it satisfies).
    owners: Vec<Vec<(usize, u64)>>,
    /// Per pattern: the bits of all its requirements (0: no requirement, always tried).
    full: Vec<u64>,
    /// Whether the title heads of the vocabulary are searched in the same pass
    /// ([`Scan::title_head`]): the literals from `owners.len()` to `heads_end`. If not, every
    /// sentence may have a head.
    heads: bool,
    heads_end: usize,
    /// For each gate literal ([`Gates`], the literals from `heads_end` on): the groups it
    /// belongs to as a substring, and those it belongs to as a whole word (bits in the order
    /// of [`Gates::groups`]); and which groups are searched in the same pass. A group not
    /// searched is taken as found in every sentence.
    gate_groups: Vec<(u32, u32)>,
    gates_searched: u32,
}

/// Literals whose presence the one pass reports besides the patterns' and the title heads':
/// each group a necessary condition of some extractor (empty: not known, so always met).
#[derive(Clone, Debug, Default)]
pub struct Gates {
    /// Every sentence with a date or a time has one ([`crate::extract::dates::gate_literals`]).
    pub dates: Vec<Vec<u8>>,
    /// Every sentence with an event cue word (an ordinal or a "previous" word) has one.
    pub cue_words: Vec<Vec<u8>>,
    /// Every ASCII sentence with a quantity has one of these as a whole word (a run of ASCII
    /// letters) or one of `quantity_marks` ([`crate::extract::number::gate_literals`]).
    pub quantity_words: Vec<Vec<u8>>,
    pub quantity_marks: Vec<Vec<u8>>,
}

const DATES: u32 = 1;
const CUE_WORDS: u32 = 1 << 1;
const QUANTITY_WORDS: u32 = 1 << 2;
const QUANTITY_MARKS: u32 = 1 << 3;

impl Gates {
    /// The groups, each with whether its literals count as whole words only.
    fn groups(&self) -> [(&Vec<Vec<u8>>, bool); 4] {
        [
            (&self.dates, false),
            (&self.cue_words, false),
            (&self.quantity_words, true),
            (&self.quantity_marks, false),
        ]
    }
}

/// Whether `b[start..end]` is a whole run of ASCII letters.
fn is_whole_word_at(b: &[u8], start: usize, end: usize) -> bool {
    let letter_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphabetic);
    let starts_word = start == 0 || !letter_at(start - 1);
    starts_word && !letter_at(end)
}

/// What one pass over a sentence found.
pub struct Scan {
    /// Which topic patterns may match.
    pub candidates: Candidates,
    /// Whether the sentence may have a title head
    /// ([`crate::rules::vocab::Vocab::may_have_title_head`], whose answer this is).
    pub title_head: bool,
    /// Whether the sentence may hold a date or a time ([`Gates::dates`]).
    pub dates: bool,
    /// Whether the sentence may hold an event cue word ([`Gates::cue_words`]).
    pub cue_words: bool,
    /// Whether the sentence, if it is ASCII, may hold a quantity ([`Gates::quantity_words`]).
    pub quantities_if_ascii: bool,
    /// Whether the sentence is ASCII.
    pub ascii: bool,
    /// Whether the sentence is made of narrow chars only ([`super::narrow::is_narrow`]).
    pub narrow: bool,
}

impl PatternPrefilter {
    /// Build from the expanded regex sources, in global pattern order, each with the name of
    /// the capture group its claims take their value from (a match in which that group takes
    /// no part yields no claim), the literals of the vocabulary's title heads (`None`: not
    /// known) and the gate literals.
    pub fn new<'a>(
        sources: impl Iterator<Item = (&'a str, &'a str)>,
        title_heads: Option<&[String]>,
        gates: &Gates,
    ) -> PatternPrefilter {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<(usize, u64)>> = Vec::new();
        let mut full = Vec::new();
        for (i, (src, value)) in sources.enumerate() {
            let sets = regex_syntax::ParserBuilder::new()
                .build()
                .parse(src)
                .map(|h| required_all(&through_group(&h, value).unwrap_or(h)))
                .unwrap_or_default();
            let mut mask = 0u64;
            let sets: Vec<Vec<Vec<u8>>> = sets
                .into_iter()
                .filter(|s| !s.is_empty() && !s.iter().any(Vec::is_empty))
                .collect();
            // A set with a literal of a letter or two ("a", "by", ",") occurs in nearly every
            // sentence: it turns away few and costs a match at each occurrence. It is left out
            // when the pattern has a set of longer words.
            let has_words = sets.iter().any(|s| !is_weak(s));
            // Every set kept is necessary: a pattern is tried only when each has a literal
            // present.
            for (bit, set) in sets
                .into_iter()
                .filter(|s| !(has_words && is_weak(s)))
                .take(MAX_SETS)
                .enumerate()
            {
                let bit = 1u64 << bit;
                mask |= bit;
                for lit in set {
                    match literals.iter().position(|l| *l == lit) {
                        Some(k) => owners[k].push((i, bit)),
                        None => {
                            literals.push(lit);
                            owners.push(vec![(i, bit)]);
                        }
                    }
                }
            }
            full.push(mask);
        }
        let mut heads = false;
        if let Some(h) = title_heads.filter(|h| !h.is_empty()) {
            heads = true;
            literals.extend(h.iter().map(|l| l.as_bytes().to_vec()));
        }
        let heads_end = literals.len();
        let mut gate_groups: Vec<(u32, u32)> = Vec::new();
        let mut gates_searched = 0u32;
        for (g, (group, whole_words)) in gates.groups().into_iter().enumerate() {
            if group.is_empty() || group.iter().any(Vec::is_empty) {
                continue;
            }
            gates_searched |= 1 << g;
            for l in group {
                let l = lower(l);
                let k = match literals[heads_end..].iter().position(|x| *x == l) {
                    Some(k) => k,
                    None => {
                        literals.push(l);
                        gate_groups.push((0, 0));
                        gate_groups.len() - 1
                    }
                };
                if whole_words {
                    gate_groups[k].1 |= 1 << g;
                } else {
                    gate_groups[k].0 |= 1 << g;
                }
            }
        }
        let ac = if literals.is_empty() {
            None
        } else {
            LiteralFinder::new(&literals)
        };
        if ac.is_none() {
            // No literal at all (or none buildable): stay correct by trying everything.
            full.iter_mut().for_each(|m| *m = 0);
            owners.clear();
            heads = false;
            gates_searched = 0;
        }
        PatternPrefilter {
            ac,
            owners,
            full,
            heads,
            heads_end,
            gate_groups,
            gates_searched,
        }
    }

    /// Which patterns may match `text` (indexed by global pattern index): what the tests ask
    /// of [`PatternPrefilter::scan`].
    #[cfg(test)]
    pub fn candidates(&self, text: &str) -> Candidates {
        self.scan(text).candidates
    }

    /// One pass over a sentence: which patterns may match it (indexed by global pattern
    /// index), and whether it may have a title head. For a rule set of up to [`FEW`]
    /// patterns nothing is allocated.
    pub fn scan(&self, text: &str) -> Scan {
        let n = self.full.len();
        let mut few_seen = [0u64; FEW];
        let mut many_seen = Vec::new();
        let seen: &mut [u64] = if n <= FEW {
            &mut few_seen[..n]
        } else {
            many_seen.resize(n, 0);
            &mut many_seen
        };
        // Heads are looked for in narrow text only (as `may_have_title_head` does); other
        // text may always have one.
        let ascii = text.is_ascii();
        let narrow = ascii || super::narrow::is_narrow(text);
        let look_for_heads = self.heads && narrow;
        let mut title_head = false;
        let mut gates_found = 0u32;
        if let Some(ac) = &self.ac {
            let b = text.as_bytes();
            let pattern_literals = self.owners.len();
            let _ = ac.each_match(b, |literal, end| {
                if let Some(owners) = self.owners.get(literal) {
                    for &(i, bit) in owners {
                        seen[i] |= bit;
                    }
                } else if let Some(&(substring, word)) =
                    self.gate_groups.get(literal.wrapping_sub(self.heads_end))
                {
                    gates_found |= substring;
                    if word & !gates_found != 0
                        && is_whole_word_at(b, end - ac.literal_len(literal), end)
                    {
                        gates_found |= word;
                    }
                } else if look_for_heads && !title_head {
                    debug_assert!(literal >= pattern_literals);
                    title_head = is_head_word_at(b, end - ac.literal_len(literal), end);
                }
                ControlFlow::<()>::Continue(())
            });
        }
        let mut out = Candidates {
            few: [false; FEW],
            many: Vec::new(),
            len: n,
        };
        let flags: &mut [bool] = if n <= FEW {
            &mut out.few[..n]
        } else {
            out.many.resize(n, false);
            &mut out.many
        };
        for ((flag, full), seen) in flags.iter_mut().zip(&self.full).zip(seen.iter()) {
            *flag = seen & full == *full;
        }
        Scan {
            candidates: out,
            title_head: title_head || !look_for_heads,
            dates: (gates_found | !self.gates_searched) & DATES != 0,
            // A word with a char beyond the narrow ones (Latin and typographic punctuation)
            // may be one when lowered as the vocabulary lowers it (the Kelvin sign is a 'k'):
            // such a sentence may always have one.
            cue_words: (gates_found | !self.gates_searched) & CUE_WORDS != 0 || !narrow,
            quantities_if_ascii: (gates_found | !self.gates_searched)
                & (QUANTITY_WORDS | QUANTITY_MARKS)
                != 0,
            ascii,
            narrow,
        }
    }
}

/// Literals found in a text, ASCII-case-insensitively, overlapping ones too: an Aho–Corasick
/// DFA walked byte by byte in one tight loop (the crate's overlapping iterator returns to its
/// caller at every match and keeps its position in memory, at about twice the instructions
/// per byte).
#[derive(Clone, Debug)]
pub struct LiteralFinder {
    dfa: DFA,
}

impl LiteralFinder {
    /// `None` when the automaton cannot be built (too large).
    pub fn new<P: AsRef<[u8]>>(literals: &[P]) -> Option<LiteralFinder> {
        DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            // Start states are then not "special": the loop tests one bound per byte.
            .prefilter(false)
            .build(literals)
            .ok()
            .map(|dfa| LiteralFinder { dfa })
    }

    /// Call `f(literal index, end offset)` for every occurrence of a literal in `hay`, in
    /// order of their ends (for one end, in the automaton's order), until `f` breaks.
    pub fn each_match<B>(
        &self,
        hay: &[u8],
        mut f: impl FnMut(usize, usize) -> ControlFlow<B>,
    ) -> ControlFlow<B> {
        let dfa = &self.dfa;
        let Ok(mut sid) = dfa.start_state(Anchored::No) else {
            return ControlFlow::Continue(());
        };
        for (i, &b) in hay.iter().enumerate() {
            sid = dfa.next_state(Anchored::No, sid, b);
            if dfa.is_special(sid) {
                if dfa.is_dead(sid) {
                    break;
                }
                for k in 0..dfa.match_len(sid) {
                    f(dfa.match_pattern(sid, k).as_usize(), i + 1)?;
                }
            }
        }
        ControlFlow::Continue(())
    }

    /// The length of literal `literal`.
    pub fn literal_len(&self, literal: usize) -> usize {
        self.dfa
            .pattern_len(aho_corasick::PatternID::new_unchecked(literal))
    }
}

/// Up to this many patterns, [`PatternPrefilter::candidates`] works on the stack.
const FEW: usize = 64;

/// Per pattern (global index), whether it may match: a `[bool]`.
pub struct Candidates {
    few: [bool; FEW],
    /// Used instead of `few` when there are more than [`FEW`] patterns.
    many: Vec<bool>,
    len: usize,
}

impl std::ops::Deref for Candidates {
    type Target = [bool];
    fn deref(&self) -> &[bool] {
        if self.len <= FEW {
            &self.few[..self.len]
        } else {
            &self.many
        }
    }
}

/// At most this many literal requirements are kept per pattern.
const MAX_SETS: usize = 6;

/// ASCII-lower-case a literal (the automaton matches ASCII case-insensitively).
fn lower(bytes: &[u8]) -> Vec<u8> {
    bytes.to_ascii_lowercase()
}

/// The strings a node matches, when it matches only a few fixed strings (lower-cased).
fn exact(h: &Hir) -> Option<Vec<Vec<u8>>> {
    match h.kind() {
        HirKind::Literal(lit) => Some(vec![lower(&lit.0)]),
        HirKind::Class(Class::Unicode(c)) => {
            let mut out: Vec<Vec<u8>> = Vec::new();
            let mut count = 0usize;
            for r in c.ranges() {
                count += (r.end() as usize) - (r.start() as usize) + 1;
                if count > 8 {
                    return None;
                }
                for ch in r.start()..=r.end() {
                    let mut buf = [0u8; 4];
                    let s = lower(ch.encode_utf8(&mut buf).as_bytes());
                    if !out.contains(&s) {
                        out.push(s);
                    }
                }
            }
            Some(out)
        }
        HirKind::Class(Class::Bytes(c)) => {
            let mut out: Vec<Vec<u8>> = Vec::new();
            let mut count = 0usize;
            for r in c.ranges() {
                count += (r.end() as usize) - (r.start() as usize) + 1;
                if count > 8 {
                    return None;
                }
                for b in r.start()..=r.end() {
                    // A lone byte ≥ 0x80 is not text the automaton could meet as a
                    // char boundary-aligned literal; be conservative.
                    if b >= 0x80 {
                        return None;
                    }
                    let s = vec![b.to_ascii_lowercase()];
                    if !out.contains(&s) {
                        out.push(s);
                    }
                }
            }
            Some(out)
        }
        HirKind::Capture(c) => exact(&c.sub),
        HirKind::Alternation(alts) => {
            let mut out: Vec<Vec<u8>> = Vec::new();
            for a in alts {
                for s in exact(a)? {
                    if !out.contains(&s) {
                        out.push(s);
                    }
                }
                if out.len() > MAX_SET {
                    return None;
                }
            }
            Some(out)
        }
        HirKind::Concat(items) => {
            let mut acc: Vec<Vec<u8>> = vec![Vec::new()];
            for it in items {
                acc = product(&acc, &exact(it)?)?;
            }
            Some(acc)
        }
        _ => None,
    }
}

fn product(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if a.len() * b.len() > MAX_SET {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            let mut s = x.clone();
            s.extend_from_slice(y);
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    Some(out)
}

/// How good a required set is as a filter: longer shortest literal first, then fewer.
fn score(set: &[Vec<u8>]) -> (usize, std::cmp::Reverse<usize>) {
    (
        set.iter().map(Vec::len).min().unwrap_or(0),
        std::cmp::Reverse(set.len()),
    )
}

fn better(a: Option<Vec<Vec<u8>>>, b: Option<Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if score(&b) > score(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// A set of literals at least one of which occurs in every match of `h`; `None` when no such
/// set is known.
fn required(h: &Hir) -> Option<Vec<Vec<u8>>> {
    if let Some(e) = exact(h)
        && !e.iter().any(Vec::is_empty)
    {
        return Some(e);
    }
    match h.kind() {
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Alternation(alts) => {
            let mut out: Vec<Vec<u8>> = Vec::new();
            for a in alts {
                for s in required(a)? {
                    if !out.contains(&s) {
                        out.push(s);
                    }
                }
            }
            Some(out)
        }
        HirKind::Concat(items) => {
            // Runs of adjacent exact items make longer literals; any item's requirement is
            // the concatenation's requirement too. Keep the best.
            let mut best: Option<Vec<Vec<u8>>> = None;
            let mut run: Option<Vec<Vec<u8>>> = None;
            for it in items {
                match exact(it) {
                    Some(e) => {
                        run = match run.take() {
                            None => Some(e),
                            Some(r) => match product(&r, &e) {
                                Some(p) => Some(p),
                                None => {
                                    best = better(
                                        best,
                                        Some(r).filter(|r| !r.iter().any(Vec::is_empty)),
                                    );
                                    Some(e)
                                }
                            },
                        };
                    }
                    None => {
                        if let Some(r) = run.take() {
                            best = better(best, Some(r).filter(|r| !r.iter().any(Vec::is_empty)));
                        }
                        best = better(best, required(it));
                    }
                }
            }
            if let Some(r) = run.take() {
                best = better(best, Some(r).filter(|r| !r.iter().any(Vec::is_empty)));
            }
            best
        }
        _ => None,
    }
}

/// Whether a set of literals has one short enough to occur in nearly any sentence.
fn is_weak(set: &[Vec<u8>]) -> bool {
    set.iter().any(|lit| lit.len() < WORD_LEN)
}

/// Literals shorter than this ("a", "by", "of", ",") are too common to filter by.
const WORD_LEN: usize = 3;

/// What a match of `h` in which the capture group `name` takes part goes through: at each
/// alternation on the way to the group only the branch that holds it, and a repetition that
/// holds it at least once. `None` when `h` has no such group. ("A body's meeting | talks ...
/// at {place}": the first branch matches to keep the second from matching there, and yields
/// no claim; only the second's literals are needed for a claim.)
fn through_group(h: &Hir, name: &str) -> Option<Hir> {
    match h.kind() {
        HirKind::Capture(c) if c.name.as_deref() == Some(name) => Some(h.clone()),
        HirKind::Capture(c) => through_group(&c.sub, name).map(|sub| {
            Hir::capture(regex_syntax::hir::Capture {
                index: c.index,
                name: c.name.clone(),
                sub: Box::new(sub),
            })
        }),
        HirKind::Concat(items) => items.iter().enumerate().find_map(|(k, it)| {
            let on_the_way = through_group(it, name)?;
            let mut items = items.clone();
            items[k] = on_the_way;
            Some(Hir::concat(items))
        }),
        HirKind::Alternation(branches) => branches.iter().find_map(|b| through_group(b, name)),
        HirKind::Repetition(r) => through_group(&r.sub, name).map(|sub| {
            Hir::repetition(regex_syntax::hir::Repetition {
                min: r.min.max(1),
                max: r.max.map(|m| m.max(1)),
                greedy: r.greedy,
                sub: Box::new(sub),
            })
        }),
        _ => None,
    }
}

/// Sets of literals each of which is necessary: every match of `h` contains a literal of
/// each set. Empty when nothing is known.
fn required_all(h: &Hir) -> Vec<Vec<Vec<u8>>> {
    if let Some(e) = exact(h)
        && !e.iter().any(Vec::is_empty)
    {
        return vec![e];
    }
    match h.kind() {
        HirKind::Capture(c) => required_all(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required_all(&r.sub),
        HirKind::Concat(items) => {
            let mut out: Vec<Vec<Vec<u8>>> = Vec::new();
            let mut run: Option<Vec<Vec<u8>>> = None;
            let flush = |run: Option<Vec<Vec<u8>>>, out: &mut Vec<Vec<Vec<u8>>>| {
                if let Some(r) = run.filter(|r| !r.iter().any(Vec::is_empty)) {
                    out.push(r);
                }
            };
            for it in items {
                match exact(it) {
                    Some(e) => {
                        run = match run.take() {
                            None => Some(e),
                            Some(r) => match product(&r, &e) {
                                Some(p) => Some(p),
                                None => {
                                    flush(Some(r), &mut out);
                                    Some(e)
                                }
                            },
                        };
                    }
                    None => {
                        flush(run.take(), &mut out);
                        out.extend(required_all(it));
                    }
                }
            }
            flush(run.take(), &mut out);
            // Most selective first (longest shortest literal, then fewest literals).
            out.sort_by_key(|s| std::cmp::Reverse(score(s)));
            out
        }
        _ => required(h).into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(p: &str) -> Option<Vec<String>> {
        let h = regex_syntax::ParserBuilder::new().build().parse(p).unwrap();
        required(&h).map(|s| {
            s.into_iter()
                .map(|b| String::from_utf8(b).unwrap())
                .collect()
        })
    }

    #[test]
    fn literals_are_found() {
        assert_eq!(req(r"led\s+by\s+\p{Lu}\w+"), Some(vec!["led".into()]));
        assert_eq!(
            req(r"(?:chaired|hosted)\s+by"),
            Some(vec!["chaired".into(), "hosted".into()])
        );
        assert_eq!(req(r"\p{Lu}\w*"), None);
        assert_eq!(req(r"(?:foo)?\w+"), None);
        let r = req(r"(?i:talks|meeting)\b").unwrap();
        assert!(
            r.contains(&"talks".to_string()) && r.contains(&"meeting".to_string()),
            "{r:?}"
        );
    }

    #[test]
    fn the_filter_never_drops_a_match() {
        let pats = [
            r"(?i:talks|negotiations)\b[^.;]{0,60}?\b(?:at|in)\s+(?:the\s+)?(?P<place>\p{Lu}\w+\s+Palace)",
            r"(?P<person>\p{Lu}\w+)\s+(?:opened|chaired)\s+(?:the\s+)?(?i:talks|meeting)",
            r"\p{Lu}\w+",
        ];
        let f = PatternPrefilter::new(pats.iter().map(|p| (*p, "")), None, &Gates::default());
        let texts = [
            "TALKS at the Dolmabahce Palace began.",
            "Fidan opened the MEETING.",
            "Nothing here.",
            "ſome text with Kelvin K and talKs",
        ];
        for t in texts {
            let c = f.candidates(t);
            for (i, p) in pats.iter().enumerate() {
                if regex::Regex::new(p).unwrap().is_match(t) {
                    assert!(c[i], "pattern {i} on {t:?}");
                }
            }
        }
        assert_eq!(*f.candidates("Nothing here."), [false, false, true]);
        // Both the cue and the venue word are needed.
        assert_eq!(
            *f.candidates("The talks went on for hours."),
            [false, false, true]
        );
    }

    /// Only matches in which the value group takes part yield claims: a sentence in which
    /// no such match can be is not a candidate, even when another branch matches; a sentence
    /// with such a match always is.
    #[test]
    fn a_branch_without_the_value_group_is_not_required() {
        let pats = [
            r"(?i:board\s+meeting)|(?i:talks)\s+at\s+the\s+(?P<place>\w+\s+Palace)",
            r"(?:(?i:they)\s+met|(?i:delegates)\s+met)\s+(?:at\s+(?P<place>\w+\s+Hotel))?",
            r"(?:num(?P<v>\d+)|(?i:drones))+ launched",
            r"(?i:led\s+by)\s+(?P<person>\w+)",
        ];
        let values = ["place", "place", "v", "person"];
        let f = PatternPrefilter::new(
            pats.iter().copied().zip(values.iter().copied()),
            None,
            &Gates::default(),
        );
        let c = f.candidates("The board meeting was held at the Hilton.");
        assert!(
            !c[0],
            "no 'talks': the blocking branch alone yields nothing"
        );
        let c = f.candidates("They met outside.");
        assert!(!c[1], "no 'hotel': the group cannot take part");
        let c = f.candidates("The drones launched");
        assert!(!c[2], "no 'num' before a number");
        for t in [
            "The board meeting and the talks at the Yildiz Palace.",
            "talks at the Ciragan Palace",
            "They met at Grand Hotel.",
            "delegates met at Pera Hotel",
            "num12 launched",
            "drones num7 launched",
            "The team was led by Ana.",
            "The board meeting was held at the Hilton.",
            "They met outside.",
            "The drones launched",
        ] {
            let c = f.candidates(t);
            for (i, (p, v)) in pats.iter().zip(values).enumerate() {
                let re = regex::Regex::new(p).unwrap_or_else(|e| panic!("{e}"));
                if re.captures_iter(t).any(|caps| caps.name(v).is_some()) {
                    assert!(c[i], "pattern {i} yields a claim in {t:?}");
                }
            }
        }
    }

    #[test]
    fn more_patterns_than_fit_on_the_stack() {
        let pats: Vec<String> = (0..FEW + 6)
            .map(|i| format!(r"cue{i}x\s+\p{{Lu}}\w+"))
            .chain([r"\p{Lu}\w+".to_string()])
            .collect();
        let f = PatternPrefilter::new(
            pats.iter().map(|p| (p.as_str(), "")),
            None,
            &Gates::default(),
        );
        for t in [
            "CUE3x Ana and cue69x Bob",
            "cue0x Ana",
            "nothing",
            "cue70x Ana",
        ] {
            let c = f.candidates(t);
            assert_eq!(c.len(), pats.len());
            for (i, p) in pats.iter().enumerate() {
                let literal = format!("cue{i}x");
                let may = i == pats.len() - 1 || t.to_ascii_lowercase().contains(&literal);
                assert_eq!(c[i], may, "pattern {p} on {t:?}");
                if regex::Regex::new(p).unwrap().is_match(t) {
                    assert!(c[i], "pattern {i} on {t:?}");
                }
            }
        }
    }

    #[test]
    fn a_set_of_short_literals_filters_only_when_there_is_no_other() {
        let pats = [
            // "by" is necessary, but so is "headed": only "headed" is looked for.
            r"headed\s+by\s+\p{Lu}\w+",
            // Nothing longer to go by: "by" is looked for.
            r"\p{Lu}\w+\s+by\s+\p{Lu}\w+",
        ];
        let f = PatternPrefilter::new(pats.iter().map(|p| (*p, "")), None, &Gates::default());
        let c = f.candidates("The team, headed under Ana.");
        assert!(c[0], "the weak set is not required");
        assert!(!c[1], "no \"by\": the only set is required");
        let c = f.candidates("Chaired by Ana.");
        assert!(!c[0], "no \"headed\"");
        assert!(c[1]);
        let c = f.candidates("The talks were headed by Ana.");
        assert!(c[0] && c[1]);
    }

    mod literal_finder {
        use super::*;
        use proptest::prelude::*;

        /// Every (literal, end) the crate's own overlapping iterator reports, in its order.
        fn by_iterator(literals: &[String], hay: &str) -> Vec<(usize, usize)> {
            let ac = aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(literals)
                .unwrap_or_else(|e| panic!("{e}"));
            ac.find_overlapping_iter(hay)
                .map(|m| (m.pattern().as_usize(), m.end()))
                .collect()
        }

        fn by_loop(literals: &[String], hay: &str) -> Vec<(usize, usize)> {
            let finder = LiteralFinder::new(literals).unwrap_or_else(|| panic!("built"));
            let mut out = Vec::new();
            let _ = finder.each_match(hay.as_bytes(), |k, end| {
                assert_eq!(finder.literal_len(k), literals[k].len());
                out.push((k, end));
                ControlFlow::<()>::Continue(())
            });
            out
        }

        #[test]
        fn overlapping_literals_are_all_found() {
            let lits: Vec<String> = ["head", "headed", "ad", "led", "delegation", "ſession"]
                .map(String::from)
                .into();
            let hay = "Headed by Ana; the DELEGATION was called. ſession";
            let found = by_loop(&lits, hay);
            assert_eq!(found, by_iterator(&lits, hay));
            for (k, lit) in lits.iter().enumerate() {
                assert!(found.iter().any(|&(l, _)| l == k), "{lit}");
            }
        }

        #[test]
        fn a_break_stops_the_scan() {
            let lits = vec!["a".to_string()];
            let finder = LiteralFinder::new(&lits).unwrap_or_else(|| panic!("built"));
            let mut seen = 0;
            let flow = finder.each_match(b"a a a", |_, end| {
                seen += 1;
                if end == 3 {
                    ControlFlow::Break(end)
                } else {
                    ControlFlow::Continue(())
                }
            });
            assert_eq!((flow, seen), (ControlFlow::Break(3), 2));
        }

        proptest! {
            #[test]
            fn the_loop_finds_what_the_iterator_finds(
                lits in proptest::collection::vec("[a-dA-Dſ ]{1,4}", 1..12),
                hay in "[a-eA-Eſ K.]{0,60}",
            ) {
                prop_assert_eq!(by_loop(&lits, &hay), by_iterator(&lits, &hay));
            }
        }
    }

    mod scan {
        use proptest::prelude::*;

        use crate::rules::Rules;

        fn rules() -> Rules {
            Rules::defaults().unwrap_or_else(|e| panic!("{e}"))
        }

        /// The one pass answers "may it have a title head?" as the vocabulary's own finder
        /// does, on sentences with and without heads, plural, glued, in other words and not
        /// ASCII.
        #[test]
        fn the_title_head_answer_is_the_vocabulary_s() {
            let rules = rules();
            assert!(rules.vocab.title_head_literals().is_some());
            let sentences = [
                "Defence Minister Rustem Umerov led the team.",
                "The ministers met; the secretaries did not.",
                "Ex-president Ana Ruiz spoke.",
                "The talks went ahead in the headquarters on Monday.",
                "Drones hit the camp overnight.",
                "Administrator Bo Li and the administration disagreed.",
                "The envoy’s deputy, a former ambassador, arrived.",
                "",
                "SECRETARY OF STATE",
            ];
            let mut with_head = 0;
            for s in sentences {
                let answer = rules.vocab.may_have_title_head(s);
                with_head += usize::from(answer);
                assert_eq!(rules.prefilter.scan(s).title_head, answer, "{s:?}");
            }
            assert!((3..sentences.len() - 1).contains(&with_head), "{with_head}");
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]
            #[test]
            fn the_one_pass_answers_as_the_two(
                words in proptest::collection::vec(
                    r"(minister|Ministers|secretary|secretaries|ex-|president|head|led|talks|Istanbul|envoy|deputy|chief|’|[a-zA-Z]{1,9}|é|[,.;\- ])",
                    0..16,
                )
            ) {
                let rules = rules();
                let s = words.join(" ");
                let scan = rules.prefilter.scan(&s);
                prop_assert_eq!(scan.title_head, rules.vocab.may_have_title_head(&s));
            }
        }
    }
}
