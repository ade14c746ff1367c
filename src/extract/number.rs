//! Numbers as written in news → numbers and intervals: digits and words, hedges, shares,
//! ranges, durations, distances, areas, money.
//!
//! All language data (number words, multipliers, fractions, vague amounts, units, currencies,
//! hedge words and their widths) comes from `rules/vocab/numbers.toml` and
//! `rules/vocab/hedges.toml`; this module only knows the shapes of expressions.
//!
//! Representation of values (every kind in base units):
//! - Count: the number itself (`unit` None); "1.2 million" → 1 200 000.
//! - Share: a fraction of 1 (`unit` None): "20%" → 0.2, "one-fifth" → 0.2, "half" → 0.5.
//! - Duration: seconds (`unit` "s"); Distance: metres ("m"); Area: square metres ("m²").
//! - Money: units of the currency, `unit` its ISO code ("USD", "EUR").
//!
//! `interval.point` is the number as written (the midpoint for a range, the low end for a
//! vague amount such as "dozens"); `lo`/`hi` are after the hedge. With no hedge, a round
//! number ("7,000", "1.2 million", "20%") gets a tolerance from `hedges.toml` `[bare]`, an
//! exact-looking one ("472", "2.5") is exact. Unbounded ends are ±∞.
//!
//! `normalized` is the plain decimal value in base units, a range as "lo–hi", followed by the
//! unit when there is one: "472", "0.2", "5400 s", "18–25", "5000000000 USD".

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use super::dates::{Needs, find_dates_in, find_times_in};
use super::text::char_at;
use crate::model::{Interval, ValueKind};

/// `rules/vocab/numbers.toml`: number words, multipliers, fractions, vague amounts, units and
/// currencies.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberVocab {
    /// Number words below a hundred: `one = 1`, `ninety = 90`.
    #[serde(default)]
    pub words: BTreeMap<String, f64>,
    /// Words that multiply what precedes them: `hundred = 100`, `million = 1e6`, `dozen = 12`.
    #[serde(default)]
    pub multipliers: BTreeMap<String, f64>,
    /// Abbreviations written right after digits: `k = 1e3` ("12k"), `bn = 1e9` ("$3bn").
    #[serde(default)]
    pub suffixes: BTreeMap<String, f64>,
    /// Words that stand for "one" before a multiplier, unit or fraction ("a hundred", "an hour").
    #[serde(default)]
    pub indefinite: Vec<String>,
    #[serde(default)]
    pub fraction: Vec<FractionWord>,
    #[serde(default)]
    pub vague: Vec<VagueAmount>,
    #[serde(default)]
    pub unit: Vec<UnitWords>,
    #[serde(default)]
    pub currency: Vec<Currency>,
    #[serde(default)]
    pub not_count: Vec<NotCount>,
    /// Words after a duration that make it a point in time, no quantity: "four years ago".
    #[serde(default)]
    pub time_reference_after: Vec<String>,
    /// Words that may stand between a number and its unit: "six consecutive days" is six
    /// days (lower case).
    #[serde(default)]
    pub unit_adjectives: Vec<String>,
    /// Test cases: sentences and the quantities they must yield.
    #[serde(default)]
    pub test: Vec<QuantityTest>,
    /// Phrase tables built from the fields above on first use (not part of the file).
    #[serde(skip)]
    tables: OnceLock<NumberTables>,
}

/// A fraction word: `denominator = 5`, `singular = "fifth"`, `plural = "fifths"`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FractionWord {
    pub denominator: f64,
    pub singular: String,
    pub plural: String,
    /// The singular form is a fraction (not an ordinal) only when one of these words follows,
    /// unless it is hyphenated to its numerator ("one-fifth"). Default: `["of"]`.
    #[serde(default = "default_followed_by")]
    pub followed_by: Vec<String>,
    /// Whether the word is a fraction without a numerator ("half of the vote").
    #[serde(default)]
    pub alone: bool,
    /// Without a numerator, not a fraction after these words ("the second half of").
    #[serde(default)]
    pub not_preceded_by: Vec<String>,
}

fn default_followed_by() -> Vec<String> {
    vec!["of".to_string()]
}

/// A vague amount: `phrase = "tens of thousands"`, `lo = 10000`, `hi = 99999`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VagueAmount {
    pub phrase: String,
    pub lo: f64,
    pub hi: f64,
}

/// A unit: the phrases that name it, its kind, and the factor to the base unit.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitWords {
    pub kind: ValueKind,
    /// The base unit ("s", "m", "m²"); none for shares.
    #[serde(default)]
    pub unit: Option<String>,
    pub factor: f64,
    pub phrases: Vec<String>,
}

/// A currency: its code, the symbols written before the number and the words after it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Currency {
    pub code: String,
    #[serde(default)]
    pub before: Vec<String>,
    #[serde(default)]
    pub after: Vec<String>,
}

/// A number word that is often not a count ("no one", "one of the").
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotCount {
    pub word: String,
    /// Not a count right after these words.
    #[serde(default)]
    pub preceded_by: Vec<String>,
    /// Not a count right before these words.
    #[serde(default)]
    pub followed_by: Vec<String>,
}

/// `rules/vocab/hedges.toml`: hedge words and the interval each one maps to.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HedgeVocab {
    /// The tolerance of numbers written without a hedge.
    #[serde(default)]
    pub bare: BareTolerance,
    #[serde(default)]
    pub hedge: Vec<Hedge>,
    /// Test cases: sentences and the quantities they must yield.
    #[serde(default)]
    pub test: Vec<QuantityTest>,
    /// Hedge phrases as tokens, built on first use (not part of the file).
    #[serde(skip)]
    table: OnceLock<PhraseList>,
}

/// How far a bare number reaches: a round number ("7,000") stands for ± `half_unit` units of
/// its last non-zero digit, but never more than `max_relative` of itself; a fraction word
/// ("one-fifth") for ± `fraction_relative` of itself.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BareTolerance {
    #[serde(default)]
    pub half_unit: f64,
    #[serde(default)]
    pub max_relative: f64,
    #[serde(default)]
    pub fraction_relative: f64,
}

/// One hedge: its canonical name, the phrases that say it, and the interval it makes.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hedge {
    pub name: String,
    pub shape: HedgeShape,
    /// The relative width for `around`, `below` and `above` (0.1 = 10%).
    #[serde(default)]
    pub width: f64,
    pub phrases: Vec<String>,
    /// The phrases are verbs that say a figure went past a level ("Death toll passes 40",
    /// "Drone barrage tops 400"): a hedge only of a figure that counts no noun after it ("the
    /// convoy passed 40 checkpoints" counts checkpoints). The extractor that knows the
    /// counted noun reads such a quantity again without it (see [`Quantity::verb_hedge`]).
    #[serde(default)]
    pub verb: bool,
    /// Words right before a phrase after which it is no hedge: a verb ("Cholera deaths top
    /// 800") stands after its subject or an auxiliary, not after a determiner or a
    /// preposition ("the top 10%", "in the top 5"). With `verb`, a phrase first in its text
    /// or right after a mark is no hedge either.
    #[serde(default)]
    pub not_after: Vec<String>,
}

/// The interval a hedge makes of x (or of a range [a, b]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HedgeShape {
    /// [x·(1−w), x·(1+w)]
    Around,
    /// [x·(1−w), x]
    Below,
    /// [x, x·(1+w)]
    Above,
    /// [x, ∞)
    AtLeast,
    /// (x, ∞), stored as [x, ∞)
    MoreThan,
    /// [0, x]
    AtMost,
    /// [0, x), stored as [0, x]
    LessThan,
}

/// One `[[test]]` of a vocabulary: a sentence and every quantity it must yield, in order.
/// An empty `expect` means the sentence has no quantity.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuantityTest {
    pub text: String,
    #[serde(default)]
    pub expect: Vec<ExpectedQuantity>,
}

/// What one quantity of a test must be; fields left out are not checked. `hedge = ""` and
/// `unit = ""` mean none.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedQuantity {
    /// The text of the whole span, hedge included.
    pub span: String,
    #[serde(default)]
    pub kind: Option<ValueKind>,
    #[serde(default)]
    pub lo: Option<f64>,
    #[serde(default)]
    pub hi: Option<f64>,
    #[serde(default)]
    pub point: Option<f64>,
    #[serde(default)]
    pub hedge: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub normalized: Option<String>,
}

/// One numeric expression found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// Byte range in the sentence of the whole expression: hedge + number + unit.
    pub start: usize,
    pub end: usize,
    /// Where the expression after the hedge begins (the number, or its currency symbol, or
    /// "between" of a range).
    pub number_start: usize,
    /// The canonical hedge ("about", "more than"), if any.
    pub hedge: Option<String>,
    /// The hedge is a verb of a figure going past a level ("passes", "tops"): it holds only
    /// when the number counts no noun after it.
    pub verb_hedge: bool,
    /// Count for a bare number; Share, Duration, Distance, Area or Money by its unit.
    pub kind: ValueKind,
    /// The unit in canonical form ("s", "m", "m²", "USD"), if any; None for counts and shares.
    pub unit: Option<String>,
    /// The value in base units, widened by the hedge.
    pub interval: Interval,
    /// The normalized value as a string for display and exact comparison.
    pub normalized: String,
}

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tk {
    Word,
    Num,
    Punct,
}

#[derive(Clone, Debug)]
struct Tok<'a> {
    kind: Tk,
    start: usize,
    end: usize,
    text: &'a str,
    lower: Cow<'a, str>,
}

fn digits_end(s: &str, from: usize) -> usize {
    from + s
        .get(from..)
        .map_or(0, |r| r.bytes().take_while(u8::is_ascii_digit).count())
}

/// The end of a number literal starting at `i`: digits, thousands groups of exactly three
/// digits after one kind of separator (",", space, no-break or thin space), a decimal part.
fn number_end(s: &str, i: usize) -> usize {
    let mut j = digits_end(s, i);
    if j - i <= 3 {
        let mut sep: Option<char> = None;
        while let Some(c) = s.get(j..).and_then(|r| r.chars().next()) {
            if !matches!(c, ',' | ' ' | '\u{A0}' | '\u{202F}' | '\u{2009}')
                || sep.is_some_and(|x| x != c)
            {
                break;
            }
            let k = j + c.len_utf8();
            let e = digits_end(s, k);
            if e - k != 3 {
                break;
            }
            sep = Some(c);
            j = e;
        }
    }
    if s.get(j..).is_some_and(|r| r.starts_with('.')) {
        let e = digits_end(s, j + 1);
        if e > j + 1 {
            j = e;
        }
    }
    j
}

/// The lower case of a whole sentence, when it gives every token's lower case at the token's
/// own offsets and differs from the sentence: ASCII text with an upper-case letter. [`lex`]
/// then borrows each lower case from it (one allocation per sentence instead of one per
/// capitalized word).
fn lowered_copy(s: &str) -> Option<String> {
    (s.is_ascii() && s.bytes().any(|b| b.is_ascii_uppercase())).then(|| s.to_ascii_lowercase())
}

/// The tokens of `s`; `lowered` is [`lowered_copy`] of `s` (or `None`, to lower each token on
/// its own).
fn lex<'a>(s: &'a str, lowered: Option<&'a str>) -> Vec<Tok<'a>> {
    let mut out = Vec::with_capacity(s.len() / 4);
    let mut i = 0;
    while let Some(&b) = s.as_bytes().get(i) {
        let start = i;
        let kind = if b.is_ascii_alphabetic() {
            i = word_end(s, i + 1);
            Tk::Word
        } else if b.is_ascii_digit() {
            i = number_end(s, i);
            Tk::Num
        } else if b.is_ascii() {
            i += 1;
            if matches!(b, b'\t'..=b'\r' | b' ') {
                continue;
            }
            Tk::Punct
        } else {
            let Some(ch) = char_at(s, i) else { break };
            i += ch.len_utf8();
            if ch.is_whitespace() {
                continue;
            } else if ch.is_alphabetic() {
                i = word_end(s, i);
                Tk::Word
            } else {
                Tk::Punct
            }
        };
        let text = s.get(start..i).unwrap_or("");
        let lower = match lowered {
            Some(l) => Cow::Borrowed(l.get(start..i).unwrap_or("")),
            None => lower_cow(text),
        };
        out.push(Tok {
            kind,
            start,
            end: i,
            text,
            lower,
        });
    }
    out
}

/// The end of a word whose letters go on from `i`: letters, and an apostrophe between two
/// letters ("O'Neil", "don’t").
fn word_end(s: &str, mut i: usize) -> usize {
    while let Some(&b) = s.as_bytes().get(i) {
        if b.is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        if b.is_ascii() && b != b'\'' {
            break;
        }
        match char_at(s, i) {
            Some(c) if c.is_alphabetic() => i += c.len_utf8(),
            Some(c @ ('\'' | '’'))
                if char_at(s, i + c.len_utf8()).is_some_and(char::is_alphabetic) =>
            {
                let next = i + c.len_utf8();
                i = next + char_at(s, next).map_or(0, char::len_utf8);
            }
            _ => break,
        }
    }
    i
}

/// `text.to_lowercase()`, borrowed when it is already lower-case ASCII.
fn lower_cow(text: &str) -> Cow<'_, str> {
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_lowercase())
    }
}

/// A vocabulary phrase as lower-cased token texts.
fn phrase(p: &str) -> Vec<String> {
    lex(p, None)
        .into_iter()
        .map(|t| t.lower.into_owned())
        .collect()
}

/// Phrases (as lower-case token texts) with a payload (an index into a vocabulary list),
/// indexed by their first token so a lookup only tries the phrases that can match.
#[derive(Clone, Debug, Default)]
struct PhraseList {
    items: Vec<(Vec<String>, usize)>,
    by_first: HashMap<String, Vec<usize>>,
    first_shape: Shapes,
}

impl PhraseList {
    fn new(items: Vec<(Vec<String>, usize)>) -> PhraseList {
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::default();
        for (k, (p, _)) in items.iter().enumerate() {
            if let Some(first) = p.first() {
                by_first.entry(first.clone()).or_default().push(k);
            }
        }
        let first_shape = Shapes::of(by_first.keys().map(String::as_str));
        PhraseList {
            items,
            by_first,
            first_shape,
        }
    }

    /// The longest phrase that matches the tokens at `i` (the last of equally long ones, in
    /// vocabulary order): (its payload, the index after it).
    fn longest(&self, toks: &[Tok<'_>], i: usize) -> Option<(usize, usize)> {
        let first = toks.get(i)?;
        let cands = self.first_word(first.lower.as_ref())?;
        cands
            .iter()
            .map(|&k| &self.items[k])
            .filter(|(p, _)| {
                toks.get(i..i + p.len())
                    .is_some_and(|ts| ts.iter().zip(p).all(|(t, w)| t.lower == w.as_str()))
            })
            .max_by_key(|(p, _)| p.len())
            .map(|(p, v)| (*v, i + p.len()))
    }

    /// The phrases that begin with the token text `w`.
    #[inline]
    fn first_word(&self, w: &str) -> Option<&Vec<usize>> {
        if self.first_shape.admit(w) {
            self.by_first.get(w)
        } else {
            None
        }
    }
}

/// The phrase tables of a number vocabulary.
#[derive(Clone, Debug, Default)]
struct NumberTables {
    cur_before: PhraseList,
    cur_after: PhraseList,
    units: PhraseList,
    vague: PhraseList,
    /// The lower-case token texts a quantity can start with, besides digits and hedges:
    /// "between", the first words of currencies written before and of vague amounts,
    /// fraction words, indefinite articles and number words (see [`Lexicon::may_start`]).
    starts: HashSet<String>,
    starts_shape: Shapes,
    core_words: CoreWords,
    /// `words`, `multipliers` and `suffixes` of the vocabulary.
    words: WordValues,
    multipliers: WordValues,
    suffixes: WordValues,
}

/// The token texts of which every quantity has one besides digits: number words, multipliers,
/// fraction words, and the first words of vague amounts and of units ("an hour"). A sentence
/// without any of them and without a digit holds no quantity.
#[derive(Clone, Debug, Default)]
struct CoreWords {
    /// The words of ASCII lower-case letters, or `None` when a word is of a shape
    /// [`CoreWords::may_occur_in`] does not look for (then it admits every sentence).
    words: Option<HashSet<Vec<u8>>>,
    shape: PairShapes,
    longest: usize,
    /// The words that are one ASCII char that is neither a letter nor a digit ("%"), as bits.
    ascii_marks: u128,
    /// The words that are one non-ASCII char that is not a letter.
    other_marks: Vec<char>,
}

impl CoreWords {
    fn of<'w>(words: impl IntoIterator<Item = &'w str>) -> CoreWords {
        let mut core = CoreWords {
            words: Some(HashSet::default()),
            ..CoreWords::default()
        };
        let mut letters = Vec::new();
        for w in words {
            let mut chars = w.chars();
            let one = chars.next().filter(|_| chars.next().is_none());
            if !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()) {
                core.longest = core.longest.max(w.len());
                letters.push(w);
            } else if let Some(c) = one.filter(|c| !c.is_alphanumeric()) {
                if c.is_ascii() {
                    core.ascii_marks |= 1 << u32::from(c);
                } else {
                    core.other_marks.push(c);
                }
            } else if !w.starts_with(|c: char| c.is_ascii_digit())
                && w.bytes()
                    .any(|b| b.is_ascii() && !b.is_ascii_alphabetic() && b != b'\'')
            {
                // No token is a word with a space, hyphen or dot in it.
            } else {
                core.words = None;
            }
        }
        if let Some(set) = &mut core.words {
            set.extend(letters.iter().map(|w| w.as_bytes().to_vec()));
            core.shape = PairShapes::of(letters);
        }
        core
    }

    /// Whether `c` in lower case is one of the marks (a word of one char is matched in lower
    /// case, and a char whose lower case is several chars is no such word).
    fn is_other_mark(&self, c: char) -> bool {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) => self.other_marks.contains(&l),
            _ => false,
        }
    }

    /// Whether `s` may hold a quantity: it has a digit, or a token that may be one of the
    /// words (each word of ASCII letters is looked up; a non-ASCII letter whose lower case
    /// has an ASCII char admits the sentence).
    fn may_occur_in(&self, s: &str) -> bool {
        let Some(words) = &self.words else {
            return true;
        };
        let bytes = s.as_bytes();
        let mut buf = [0u8; 32];
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_alphabetic() {
                let n = bytes[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .count();
                let second = if n > 1 { bytes[i + 1] } else { 0 };
                if n <= self.longest.min(buf.len()) && self.shape.admit(b, second, n) {
                    let lower = &mut buf[..n];
                    lower.copy_from_slice(&bytes[i..i + n]);
                    lower.make_ascii_lowercase();
                    if words.contains(&*lower) {
                        return true;
                    }
                }
                i += n;
            } else if b.is_ascii_digit() {
                return true;
            } else if b.is_ascii() {
                if self.ascii_marks >> b & 1 == 1 {
                    return true;
                }
                i += 1;
            } else {
                let Some(c) = char_at(s, i) else {
                    return true;
                };
                if c.is_alphabetic() {
                    if c.to_lowercase().any(|l| l.is_ascii()) {
                        return true;
                    }
                } else if !self.other_marks.is_empty() && self.is_other_mark(c) {
                    return true;
                }
                i += c.len_utf8();
            }
        }
        false
    }
}

/// Words and their values, with [`Shapes`] to rule out most other words before hashing.
#[derive(Clone, Debug, Default)]
struct WordValues {
    values: HashMap<String, f64>,
    shape: Shapes,
}

impl WordValues {
    fn of(values: &BTreeMap<String, f64>) -> WordValues {
        WordValues {
            values: values.iter().map(|(w, v)| (w.clone(), *v)).collect(),
            shape: Shapes::of(values.keys().map(String::as_str)),
        }
    }

    fn get(&self, w: &str) -> Option<f64> {
        if self.shape.admit(w) {
            self.values.get(w).copied()
        } else {
            None
        }
    }
}

/// Bit `n` of `lengths[slot]`: a string of that slot is `n` bytes long (bit 63: 63 or more).
#[derive(Clone, Debug)]
struct LengthTable<const SLOTS: usize> {
    lengths: Box<[u64; SLOTS]>,
}

impl<const SLOTS: usize> Default for LengthTable<SLOTS> {
    fn default() -> Self {
        LengthTable {
            lengths: Box::new([0; SLOTS]),
        }
    }
}

impl<const SLOTS: usize> LengthTable<SLOTS> {
    fn mark(&mut self, slot: usize, len: usize) {
        self.lengths[slot] |= 1 << len.min(63);
    }

    #[inline]
    fn has(&self, slot: usize, len: usize) -> bool {
        self.lengths[slot] >> len.min(63) & 1 == 1
    }
}

/// The first bytes and lengths of a set of strings, to rule out most other strings before
/// hashing them.
#[derive(Clone, Debug, Default)]
struct Shapes {
    /// By first byte. The empty string is always admitted.
    table: LengthTable<256>,
}

impl Shapes {
    fn of<'s>(strings: impl IntoIterator<Item = &'s str>) -> Shapes {
        let mut shapes = Shapes::default();
        for w in strings {
            if let Some(&b) = w.as_bytes().first() {
                shapes.table.mark(usize::from(b), w.len());
            }
        }
        shapes
    }

    /// Whether `w` has the first byte and length of one of the strings (or is empty).
    #[inline]
    fn admit(&self, w: &str) -> bool {
        w.as_bytes()
            .first()
            .is_none_or(|&b| self.admit_shape(b, w.len()))
    }

    /// Whether one of the strings starts with byte `first` and is `len` bytes long.
    #[inline]
    fn admit_shape(&self, first: u8, len: usize) -> bool {
        self.table.has(usize::from(first), len)
    }
}

/// The first two letters and lengths of a set of words of ASCII lower-case letters: nearly
/// every other word of letters is ruled out by one table read before it is lowered and hashed
/// (the first letter and the length alone admit most words of a sentence).
#[derive(Clone, Debug, Default)]
struct PairShapes {
    /// By [`PairShapes::pair`] of the first two letters (the second 0 for a word of one).
    table: LengthTable<1024>,
}

impl PairShapes {
    /// The slot of a word starting with `a`, `b`: ASCII letters of either case (or `b` 0) are
    /// told apart by their low five bits, as their lower case is.
    fn pair(a: u8, b: u8) -> usize {
        usize::from(a & 0x1F) << 5 | usize::from(b & 0x1F)
    }

    fn of<'s>(words: impl IntoIterator<Item = &'s str>) -> PairShapes {
        let mut shapes = PairShapes::default();
        for w in words {
            let b = w.as_bytes();
            if let Some(&a) = b.first() {
                let second = if b.len() > 1 { b[1] } else { 0 };
                shapes.table.mark(Self::pair(a, second), w.len());
            }
        }
        shapes
    }

    /// Whether a word of ASCII letters starting with `a`, `second` (0 for a word of one
    /// letter), `len` bytes long, may be one of the words in some case.
    #[inline]
    fn admit(&self, a: u8, second: u8, len: usize) -> bool {
        self.table.has(Self::pair(a, second), len)
    }
}

impl NumberVocab {
    fn tables(&self) -> &NumberTables {
        self.tables.get_or_init(|| {
            let both = |f: fn(&Currency) -> &Vec<String>| {
                PhraseList::new(
                    self.currency
                        .iter()
                        .enumerate()
                        .flat_map(|(k, c)| f(c).iter().map(move |p| (phrase(p), k)))
                        .collect(),
                )
            };
            let cur_before = both(|c| &c.before);
            let vague = PhraseList::new(
                self.vague
                    .iter()
                    .enumerate()
                    .map(|(k, v)| (phrase(&v.phrase), k))
                    .collect(),
            );
            let starts = std::iter::once("between")
                .chain(cur_before.by_first.keys().map(String::as_str))
                .chain(vague.by_first.keys().map(String::as_str))
                .chain(
                    self.fraction
                        .iter()
                        .flat_map(|f| [f.singular.as_str(), f.plural.as_str()]),
                )
                .chain(self.indefinite.iter().map(String::as_str))
                .chain(self.words.keys().map(String::as_str))
                .map(str::to_string)
                .collect::<HashSet<String>>();
            let starts_shape = Shapes::of(starts.iter().map(String::as_str));
            let units = PhraseList::new(
                self.unit
                    .iter()
                    .enumerate()
                    .flat_map(|(k, u)| u.phrases.iter().map(move |p| (phrase(p), k)))
                    .collect(),
            );
            let core_words = CoreWords::of(
                self.words
                    .keys()
                    .chain(self.multipliers.keys())
                    .chain(vague.by_first.keys())
                    .chain(units.by_first.keys())
                    .map(String::as_str)
                    .chain(
                        self.fraction
                            .iter()
                            .flat_map(|f| [f.singular.as_str(), f.plural.as_str()]),
                    ),
            );
            NumberTables {
                cur_before,
                cur_after: both(|c| &c.after),
                units,
                vague,
                core_words,
                starts,
                starts_shape,
                words: WordValues::of(&self.words),
                multipliers: WordValues::of(&self.multipliers),
                suffixes: WordValues::of(&self.suffixes),
            }
        })
    }
}

impl HedgeVocab {
    fn table(&self) -> &PhraseList {
        self.table.get_or_init(|| {
            PhraseList::new(
                self.hedge
                    .iter()
                    .enumerate()
                    .flat_map(|(k, h)| h.phrases.iter().map(move |p| (phrase(p), k)))
                    .collect(),
            )
        })
    }
}

// ---------------------------------------------------------------------------------------------
// The vocabularies, prepared for one call

struct Lexicon<'v> {
    nv: &'v NumberVocab,
    hv: &'v HedgeVocab,
    bare: &'v BareTolerance,
    hedges: &'v PhraseList,
    tables: &'v NumberTables,
}

impl<'v> Lexicon<'v> {
    fn new(nv: &'v NumberVocab, hv: &'v HedgeVocab) -> Self {
        Lexicon {
            nv,
            hv,
            bare: &hv.bare,
            hedges: hv.table(),
            tables: nv.tables(),
        }
    }

    /// Whether a quantity can start at token `i`: a number, or a word [`Lexicon::parse_at`]
    /// reads first (a hedge, "between", a currency, a vague amount, a fraction, an indefinite
    /// article or a number word). Any other token starts none, so it is skipped unread.
    fn may_start(&self, toks: &[Tok<'_>], i: usize) -> bool {
        toks.get(i).is_some_and(|t| {
            let w = t.lower.as_ref();
            t.kind == Tk::Num
                || (self.tables.starts_shape.admit(w) && self.tables.starts.contains(w))
                || self.hedges.first_word(w).is_some()
        })
    }

    fn hedge_at(&self, toks: &[Tok<'_>], i: usize) -> Option<(&'v Hedge, usize)> {
        self.hedges
            .longest(toks, i)
            .map(|(k, n)| (&self.hv.hedge[k], n))
    }

    fn unit_at(&self, toks: &[Tok<'_>], i: usize) -> Option<(&'v UnitWords, usize)> {
        self.tables
            .units
            .longest(toks, i)
            .map(|(k, n)| (&self.nv.unit[k], n))
    }

    fn vague_at(&self, toks: &[Tok<'_>], i: usize) -> Option<(&'v VagueAmount, usize)> {
        self.tables
            .vague
            .longest(toks, i)
            .map(|(k, n)| (&self.nv.vague[k], n))
    }

    /// A currency symbol before a number. Letters before a sign ("US $", "US$", "HK$") count
    /// only in capitals: in "the plan gave us $5 million" the "us" is a pronoun and the sum
    /// is "$5 million". A code on its own ("USD", "eur") is matched in any case.
    fn cur_before_at(&self, toks: &[Tok<'_>], i: usize) -> Option<(&'v str, usize)> {
        self.tables
            .cur_before
            .longest(toks, i)
            .filter(|&(_, n)| {
                n <= i + 1
                    || toks
                        .get(i)
                        .is_none_or(|t| !t.text.bytes().any(|b| b.is_ascii_lowercase()))
            })
            .map(|(k, n)| (self.nv.currency[k].code.as_str(), n))
    }

    fn cur_after_at(&self, toks: &[Tok<'_>], i: usize) -> Option<(&'v str, usize)> {
        self.tables
            .cur_after
            .longest(toks, i)
            .map(|(k, n)| (self.nv.currency[k].code.as_str(), n))
    }
}

/// Whether a hedge phrase at token `i` stands where it can be one: not after one of its
/// `not_after` words, and a verb hedge only after a word (its subject or an auxiliary).
fn hedge_position(h: &Hedge, toks: &[Tok<'_>], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|p| toks.get(p)) else {
        return !h.verb;
    };
    if h.verb && prev.kind == Tk::Punct {
        return false;
    }
    !h.not_after.iter().any(|w| *w == prev.lower)
}

fn lower_at<'a>(toks: &'a [Tok<'_>], i: usize) -> &'a str {
    toks.get(i).map_or("", |t| t.lower.as_ref())
}

/// Tokens `i` and `i + 1` touch (no space between them).
fn joined(toks: &[Tok<'_>], i: usize) -> bool {
    match (toks.get(i), toks.get(i + 1)) {
        (Some(a), Some(b)) => a.end == b.start,
        _ => false,
    }
}

fn is_punct(toks: &[Tok<'_>], i: usize, p: &[&str]) -> bool {
    toks.get(i)
        .is_some_and(|t| t.kind == Tk::Punct && p.contains(&t.text))
}

fn is_dash(toks: &[Tok<'_>], i: usize) -> bool {
    is_punct(toks, i, &["-", "–", "—", "‐", "‑"])
}

// ---------------------------------------------------------------------------------------------
// Parsing

/// A number before its unit: its value, and the place of its last significant digit when it
/// is a round number (times its multiplier).
#[derive(Clone, Copy, Debug)]
struct Num {
    value: f64,
    /// The value without its multiplier.
    raw: f64,
    mult: f64,
    /// `Some(place)` for a round number ("7,000" → 1000, "1.2 million" → 100 000).
    place: Option<f64>,
    /// The index after its last token.
    next: usize,
    /// A single word token ("one").
    single_word: bool,
}

#[derive(Clone, Copy, Debug)]
enum Core {
    Plain(Num),
    Vague { lo: f64, hi: f64, next: usize },
    Share { value: f64, next: usize },
}

impl Core {
    fn next(&self) -> usize {
        match self {
            Core::Plain(n) => n.next,
            Core::Vague { next, .. } | Core::Share { next, .. } => *next,
        }
    }
}

/// A fraction of a multiplier ("a quarter of a million", "two-thirds of a billion") ending
/// before token `next`. A count or an amount of money has no fraction of a unit: from a
/// thousand up the value is rounded to a whole number (666,666,667, not 666,666,666.67); the
/// number is as round as a tenth of its multiplier.
fn scaled(fraction: f64, mult: f64, next: usize) -> Num {
    let v = fraction * mult;
    Num {
        value: if mult >= 1000.0 { v.round() } else { v },
        raw: fraction,
        mult,
        place: Some(mult * 0.1),
        next,
        single_word: false,
    }
}

/// Digits as written → (value, place of the last non-zero digit, has a decimal part).
fn digit_value(text: &str) -> Option<(f64, f64, bool)> {
    let clean: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    if clean.len() > 30 {
        return None;
    }
    let (int, frac) = clean.split_once('.').unwrap_or((&clean, ""));
    if int.len() > 1 && int.starts_with('0') {
        return None; // "0745", "007": a time or a code
    }
    let value: f64 = clean.parse().ok()?;
    let frac_sig = frac.trim_end_matches('0');
    let place = if !frac_sig.is_empty() {
        10f64.powi(-(frac_sig.len() as i32))
    } else {
        let zeros = int.len() - int.trim_end_matches('0').len();
        if int.trim_end_matches('0').is_empty() {
            1.0
        } else {
            10f64.powi(zeros as i32)
        }
    };
    Some((value, place, !frac_sig.is_empty()))
}

/// The place of the last non-zero digit of an integer value (1 for non-integers and zero).
fn integer_place(v: f64) -> f64 {
    if v <= 0.0 || v.fract() != 0.0 || v > 1e15 {
        return 1.0;
    }
    let mut place = 1.0;
    while (v / (place * 10.0)).fract() == 0.0 && place < 1e15 {
        place *= 10.0;
    }
    place
}

impl Lexicon<'_> {
    fn is_indefinite(&self, toks: &[Tok<'_>], i: usize) -> bool {
        let w = lower_at(toks, i);
        self.nv.indefinite.iter().any(|a| a == w)
    }

    fn word_value(&self, toks: &[Tok<'_>], i: usize) -> Option<f64> {
        toks.get(i)
            .filter(|t| t.kind == Tk::Word)
            .and_then(|t| self.tables.words.get(t.lower.as_ref()))
    }

    fn multiplier(&self, toks: &[Tok<'_>], i: usize) -> Option<f64> {
        toks.get(i)
            .filter(|t| t.kind == Tk::Word)
            .and_then(|t| self.tables.multipliers.get(t.lower.as_ref()))
    }

    /// A unit phrase (not a share) at `i`, for "an hour", "half an hour".
    fn measure_unit_at(&self, toks: &[Tok<'_>], i: usize) -> bool {
        self.unit_at(toks, i)
            .is_some_and(|(u, _)| u.kind != ValueKind::Share)
    }

    /// Digits with an optional suffix or multiplier word, or number words.
    fn plain(&self, toks: &[Tok<'_>], k: usize) -> Option<Num> {
        let t = toks.get(k)?;
        if t.kind == Tk::Num {
            let (raw, place, decimal) = digit_value(t.text)?;
            // "12k", "$3bn"; spaced only when longer than one letter ("5 bn", not "5 m").
            let suffix = toks
                .get(k + 1)
                .filter(|n| n.kind == Tk::Word && (joined(toks, k) || n.text.chars().count() > 1))
                .and_then(|n| self.tables.suffixes.get(n.lower.as_ref()));
            let mult = suffix.or_else(|| self.multiplier(toks, k + 1));
            let (mult, next) = match mult {
                Some(m) => (m, k + 2),
                None => (1.0, k + 1),
            };
            let place = if mult > 1.0 || (!decimal && place >= 10.0) {
                Some(place * mult)
            } else {
                None
            };
            return Some(Num {
                value: raw * mult,
                raw,
                mult,
                place,
                next,
                single_word: false,
            });
        }
        self.words(toks, k)
    }

    /// "two hundred and fifty", "ninety-nine", "a dozen", "one thousand", "a million".
    fn words(&self, toks: &[Tok<'_>], k: usize) -> Option<Num> {
        let mut pos = k;
        let mut total = 0.0;
        let mut current = 0.0;
        let mut any = false;
        let mut had_mult = false;
        let mut last_small: Option<f64> = None;
        let mut last_mult = 1.0;
        // The decimals of a number said with "point" ("one point two").
        let mut decimals = 0;
        if self.is_indefinite(toks, k) {
            self.multiplier(toks, k + 1)?;
            current = 1.0;
            any = true;
            pos = k + 1;
        }
        loop {
            if let Some(v) = self.word_value(toks, pos) {
                match last_small {
                    Some(prev)
                        if (20.0..100.0).contains(&prev) && prev % 10.0 == 0.0 && v < 10.0 => {}
                    Some(_) => break,
                    None => {}
                }
                if had_mult && current % 100.0 != 0.0 {
                    break;
                }
                current += v;
                last_small = Some(v);
                any = true;
                pos += 1;
                // "ninety-nine"
                if (20.0..100.0).contains(&v)
                    && is_dash(toks, pos)
                    && joined(toks, pos - 1)
                    && joined(toks, pos)
                    && let Some(u) = self.word_value(toks, pos + 1)
                    && (1.0..10.0).contains(&u)
                {
                    current += u;
                    last_small = Some(u);
                    pos += 2;
                }
                continue;
            }
            if let Some(m) = self.multiplier(toks, pos) {
                if !any {
                    break;
                }
                if m < 1000.0 {
                    current = if current == 0.0 { 1.0 } else { current } * m;
                } else {
                    total += if current == 0.0 { 1.0 } else { current } * m;
                    current = 0.0;
                }
                last_mult = m;
                had_mult = true;
                last_small = None;
                pos += 1;
                continue;
            }
            if lower_at(toks, pos) == "and"
                && let Some((frac, after)) = self.numbered_fraction(toks, pos + 1)
            {
                if had_mult && last_small.is_none() && self.multiplier(toks, pos - 1).is_some() {
                    // "a million and a half", "two thousand and a quarter": of the multiplier.
                    if last_mult < 1000.0 {
                        current += frac * last_mult;
                    } else {
                        total += frac * last_mult;
                    }
                    pos = after;
                    break;
                }
                if !had_mult && last_small.is_some() {
                    // "two and a half million", "one and a half hours": a multiplier or a unit
                    // may follow, another number word may not.
                    current += frac;
                    last_small = Some(frac);
                    pos = after;
                    continue;
                }
                break;
            }
            if lower_at(toks, pos) == "and" && had_mult && self.word_value(toks, pos + 1).is_some()
            {
                pos += 1;
                last_small = None;
                continue;
            }
            // "one point two million", "two point five percent": a decimal said in words;
            // only a multiplier may follow its digits.
            if !had_mult
                && last_small.is_some()
                && lower_at(toks, pos) == "point"
                && let Some((value, n, after)) = self.spoken_decimal(toks, k, current, pos)
            {
                current = value;
                decimals = n;
                pos = after;
                let Some(m) = self.multiplier(toks, pos) else {
                    break;
                };
                if m < 1000.0 {
                    current *= m;
                } else {
                    total += current * m;
                    current = 0.0;
                }
                last_mult = m;
                pos += 1;
                break;
            }
            break;
        }
        if !any {
            return None;
        }
        let value = total + current;
        let place = if decimals > 0 {
            // As "1.2 million" in digits: the place of the last decimal, times the
            // multiplier; a decimal without one is exact.
            (last_mult > 1.0).then(|| 10f64.powi(-decimals) * last_mult)
        } else {
            let place = integer_place(value);
            (place >= 10.0).then_some(place)
        };
        Some(Num {
            value,
            raw: value / last_mult,
            mult: last_mult,
            place,
            next: pos,
            single_word: pos == k + 1,
        })
    }

    /// The decimal said in words whose "point" is at `pos`, after number words from `k` worth
    /// `whole`: "one point two" → (1.2, 1 decimal, the index after "two"). Each decimal is one
    /// word of a single digit ("three point one four"). "At one point two officers were
    /// hurt" is the idiom "at one point", not 1.2.
    fn spoken_decimal(
        &self,
        toks: &[Tok<'_>],
        k: usize,
        whole: f64,
        pos: usize,
    ) -> Option<(f64, i32, usize)> {
        if pos == k + 1 && whole == 1.0 && k > 0 && lower_at(toks, k - 1) == "at" {
            return None;
        }
        let mut digits = String::new();
        let mut p = pos + 1;
        while let Some(d) = self.word_value(toks, p).filter(|d| (0.0..10.0).contains(d)) {
            digits.push(char::from(b'0' + d as u8));
            p += 1;
        }
        if digits.is_empty() || whole.fract() != 0.0 {
            return None;
        }
        // Parsed as the same digits would be, so "one point two" is the f64 of "1.2".
        let value: f64 = format!("{whole}.{digits}").parse().ok()?;
        Some((value, digits.trim_end_matches('0').len() as i32, p))
    }

    /// A fraction word with its numerator at `k`: "a half", "one quarter", "three quarters",
    /// "two-thirds" → (value, index after the fraction word). For "and a half" after a number.
    fn numbered_fraction(&self, toks: &[Tok<'_>], k: usize) -> Option<(f64, usize)> {
        let numerator = if self.is_indefinite(toks, k) {
            1.0
        } else {
            self.word_value(toks, k)
                .filter(|v| (1.0..=10.0).contains(v))?
        };
        let mut pos = k + 1;
        if is_dash(toks, pos) && joined(toks, pos - 1) && joined(toks, pos) {
            pos += 1;
        }
        let word = lower_at(toks, pos);
        let f = self.nv.fraction.iter().find(|f| {
            // One half, two halves: the plural only after a numerator above one.
            (numerator == 1.0 && f.singular == word) || (numerator > 1.0 && f.plural == word)
        })?;
        let value = numerator / f.denominator;
        (f.denominator.is_finite() && value > 0.0 && value < 1.0).then_some((value, pos + 1))
    }

    /// "one-fifth", "a fifth of", "two-thirds", "a quarter of", "half of"; "half a million",
    /// "a quarter of a million", "a quarter million", "half an hour" and "a third of a mile"
    /// scale instead.
    fn fraction(&self, toks: &[Tok<'_>], k: usize) -> Option<Core> {
        let (numerator, mut pos) = if self.is_indefinite(toks, k) {
            (Some(1.0), k + 1)
        } else if let Some(v) = self
            .word_value(toks, k)
            .filter(|v| (1.0..=10.0).contains(v))
        {
            (Some(v), k + 1)
        } else {
            (None, k)
        };
        let mut hyphen = false;
        if numerator.is_some() && is_dash(toks, pos) && joined(toks, pos - 1) && joined(toks, pos) {
            hyphen = true;
            pos += 1;
        }
        let word = lower_at(toks, pos);
        let (f, plural) = self.nv.fraction.iter().find_map(|f| {
            if f.singular == word {
                Some((f, false))
            } else if f.plural == word {
                Some((f, true))
            } else {
                None
            }
        })?;
        if f.denominator <= 0.0 || !f.denominator.is_finite() {
            return None;
        }
        let after = lower_at(toks, pos + 1);
        // "a quarter million", "a half-million", "three-quarter million": the multiplier right
        // after the fraction word scales. Not before a compound ("a third million-dollar
        // grant" is an ordinal).
        if let Some(n) = numerator {
            let m_at = if is_dash(toks, pos + 1) && joined(toks, pos) && joined(toks, pos + 1) {
                pos + 2
            } else {
                pos + 1
            };
            let compound = is_dash(toks, m_at + 1) && joined(toks, m_at);
            if let Some(m) = self.multiplier(toks, m_at).filter(|_| !compound) {
                return Some(Core::Plain(scaled(n / f.denominator, m, m_at + 1)));
            }
        }
        let ok = match numerator {
            None => {
                let before = if pos == 0 {
                    ""
                } else {
                    lower_at(toks, pos - 1)
                };
                f.alone
                    && f.followed_by.iter().any(|w| w == after)
                    && !f.not_preceded_by.iter().any(|w| w == before)
            }
            Some(_) if plural => true,
            Some(_) => hyphen || f.followed_by.iter().any(|w| w == after),
        };
        if !ok {
            return None;
        }
        let value = numerator.unwrap_or(1.0) / f.denominator;
        let next = pos + 1;
        // "a quarter of a million", "three-quarters of a billion": the multiplier scales.
        if after == "of" && self.is_indefinite(toks, next + 1) {
            if let Some(m) = self.multiplier(toks, next + 2) {
                return Some(Core::Plain(scaled(value, m, next + 3)));
            }
            // "a third of a mile", "three quarters of an hour": a fraction of one unit (the
            // unit is read after the number), not a share followed by "a mile".
            if self.measure_unit_at(toks, next + 2) {
                return Some(Core::Plain(Num {
                    value,
                    raw: value,
                    mult: 1.0,
                    place: None,
                    next: next + 2,
                    single_word: false,
                }));
            }
        }
        if self.is_indefinite(toks, next) {
            if let Some(m) = self.multiplier(toks, next + 1) {
                return Some(Core::Plain(scaled(value, m, next + 2)));
            }
            if self.measure_unit_at(toks, next + 1) {
                return Some(Core::Plain(Num {
                    value,
                    raw: value,
                    mult: 1.0,
                    place: None,
                    next: next + 1,
                    single_word: false,
                }));
            }
        }
        Some(Core::Share { value, next })
    }

    fn core(&self, toks: &[Tok<'_>], k: usize) -> Option<Core> {
        if let Some((v, next)) = self.vague_at(toks, k) {
            if v.lo.is_finite() && v.hi.is_finite() && v.lo <= v.hi {
                return Some(Core::Vague {
                    lo: v.lo,
                    hi: v.hi,
                    next,
                });
            }
            return None;
        }
        if let Some(f) = self.fraction(toks, k) {
            return Some(f);
        }
        if self.is_indefinite(toks, k) && self.multiplier(toks, k + 1).is_none() {
            // "an hour", "a mile": one of the unit.
            return self
                .measure_unit_at(toks, k + 1)
                .then_some(Core::Plain(Num {
                    value: 1.0,
                    raw: 1.0,
                    mult: 1.0,
                    place: None,
                    next: k + 1,
                    single_word: false,
                }));
        }
        self.plain(toks, k).map(Core::Plain)
    }

    /// The second number of a range after `a`, which ends at `pos`.
    fn range_end(
        &self,
        toks: &[Tok<'_>],
        pos: usize,
        between: bool,
        currency: bool,
    ) -> Option<Num> {
        let mut p = pos;
        if between {
            if lower_at(toks, p) != "and" {
                return None;
            }
            p += 1;
        } else if is_dash(toks, p) {
            if lower_at(toks, p + 1) == "to" {
                p += 2; // "24- to 48-hour"
            } else {
                let en = !is_punct(toks, p, &["-"]);
                let tight = joined(toks, p - 1) && joined(toks, p);
                if !(en || tight) {
                    return None;
                }
                p += 1;
            }
        } else if lower_at(toks, p) == "to" {
            p += 1;
        } else {
            return None;
        }
        if currency && let Some((_, q)) = self.cur_before_at(toks, p) {
            p = q;
        }
        self.plain(toks, p)
    }

    /// A unit after position `u` (optionally joined by a hyphen: "50-day"): (unit, next).
    fn unit_after(&self, toks: &[Tok<'_>], u: usize) -> Option<(&UnitWords, usize)> {
        if let Some(found) = self.unit_at(toks, u) {
            return Some(found);
        }
        // "six consecutive days", "three straight weeks".
        if self
            .nv
            .unit_adjectives
            .iter()
            .any(|w| w == lower_at(toks, u))
            && let Some(found) = self.unit_at(toks, u + 1)
        {
            return Some(found);
        }
        if is_dash(toks, u) && u > 0 && joined(toks, u - 1) && joined(toks, u) {
            return self.unit_at(toks, u + 1);
        }
        None
    }

    /// "and 40 minutes" after "an hour": more durations to add; (seconds, next).
    /// Each added unit must be smaller than the one before ("three years, two weeks" are two).
    fn more_durations(&self, toks: &[Tok<'_>], mut pos: usize, mut last: f64) -> (f64, usize) {
        let mut added = 0.0;
        for _ in 0..3 {
            let mut p = pos;
            if lower_at(toks, p) == "and" {
                p += 1;
            }
            let num = match self.core(toks, p) {
                Some(Core::Plain(n)) => n,
                _ => break,
            };
            match self.unit_after(toks, num.next) {
                Some((u, next)) if u.kind == ValueKind::Duration && u.factor < last => {
                    added += num.value * u.factor;
                    last = u.factor;
                    pos = next;
                }
                _ => break,
            }
        }
        (added, pos)
    }

    /// Try to read a quantity whose first token is `i`.
    fn parse_at(&self, toks: &[Tok<'_>], i: usize) -> Option<(Quantity, usize)> {
        let (hedge, j) = match self.hedge_at(toks, i) {
            Some((h, _)) if !hedge_position(h, toks, i) => (None, i),
            Some((h, j)) => (Some(h), j),
            None => (None, i),
        };
        let between = lower_at(toks, j) == "between";
        let n0 = if between { j + 1 } else { j };
        let (currency, k) = match self.cur_before_at(toks, n0) {
            Some((c, k)) => (Some(c), k),
            None => (None, n0),
        };
        if glued_before(toks, n0) {
            return None;
        }
        let core = self.core(toks, k)?;
        let mut next = core.next();
        let mut range: Option<(Num, Num)> = None;
        if let Core::Plain(a) = core
            && let Some(b) = self.range_end(toks, next, between, currency.is_some())
        {
            let mut a = a;
            if a.mult == 1.0 && b.mult > 1.0 && a.raw <= b.raw {
                a.value = a.raw * b.mult;
            }
            if a.value < b.value {
                range = Some((a, b));
                next = b.next;
            }
        }
        if between && range.is_none() {
            return None;
        }

        // Unit, currency or share after the number.
        let mut kind = ValueKind::Count;
        let mut unit: Option<String> = None;
        let mut factor = 1.0;
        let mut extra = 0.0;
        let mut compound = false;
        if let Some(code) = currency {
            kind = ValueKind::Money;
            unit = Some(code.to_string());
        }
        if !matches!(core, Core::Share { .. } | Core::Vague { .. }) && currency.is_none() {
            if let Some((code, q)) = self.cur_after_at(toks, next) {
                kind = ValueKind::Money;
                unit = Some(code.to_string());
                next = q;
            } else if let Some((u, q)) = self.unit_after(toks, next) {
                kind = u.kind;
                unit = u.unit.clone().filter(|s| !s.is_empty());
                factor = if u.factor.is_finite() && u.factor > 0.0 {
                    u.factor
                } else {
                    1.0
                };
                next = q;
                if kind == ValueKind::Duration && range.is_none() {
                    let (more, q) = self.more_durations(toks, next, factor);
                    if q > next {
                        extra = more;
                        compound = true;
                        next = q;
                    }
                }
            }
        }
        if let Core::Share { .. } = core {
            kind = ValueKind::Share;
        }
        // "four years ago": a point in time, not a length.
        if kind == ValueKind::Duration {
            let after = lower_at(toks, next);
            if self.nv.time_reference_after.iter().any(|w| w == after) {
                return None;
            }
        }

        // What the number touches decides whether it is one.
        if glued_after(toks, next) {
            return None;
        }
        if let Core::Plain(n) = core {
            let first = toks.get(k)?;
            if first.kind == Tk::Num
                && i == 0
                && is_punct(toks, n.next, &[".", ")"])
                && range.is_none()
            {
                return None; // "1. Introduction"
            }
            let bare = hedge.is_none()
                && currency.is_none()
                && range.is_none()
                && kind == ValueKind::Count;
            if bare && first.kind == Tk::Num && n.mult == 1.0 && looks_like_year(toks, k) {
                return None;
            }
            if bare && n.single_word && self.not_a_count(toks, k) {
                return None;
            }
        }

        let (lo0, hi0, point, bare_iv) = match (core, range) {
            (_, Some((a, b))) => {
                let (lo, hi) = (a.value * factor, b.value * factor);
                (lo, hi, lo + (hi - lo) / 2.0, (lo, hi))
            }
            (Core::Plain(n), None) => {
                let x = n.value * factor + extra;
                let tol = match n.place {
                    Some(place) if !compound => {
                        (self.bare.half_unit * place * factor).min(self.bare.max_relative * x)
                    }
                    _ => 0.0,
                };
                let tol = if tol.is_finite() && tol > 0.0 {
                    tol.min(x)
                } else {
                    0.0
                };
                (x, x, x, (x - tol, x + tol))
            }
            (Core::Vague { lo, hi, .. }, None) => (lo, hi, lo, (lo, hi)),
            (Core::Share { value, .. }, None) => {
                let tol = self.bare.fraction_relative * value;
                let tol = if tol.is_finite() && tol > 0.0 {
                    tol.min(value)
                } else {
                    0.0
                };
                (value, value, value, (value - tol, value + tol))
            }
        };
        if ![lo0, hi0, point].iter().all(|x| x.is_finite()) {
            return None;
        }
        let (lo, hi) = match hedge {
            Some(h) => apply_hedge(h.shape, h.width, lo0, hi0),
            None => bare_iv,
        };
        let (lo, hi, point) = (tidy(lo), tidy(hi), tidy(point));
        let (lo, hi) = (lo.min(point), hi.max(point));
        let end_tok = next.checked_sub(1)?;
        let normalized = {
            let v = if lo0 == hi0 {
                fmt_num(lo0)
            } else {
                format!("{}–{}", fmt_num(lo0), fmt_num(hi0))
            };
            match &unit {
                Some(u) => format!("{v} {u}"),
                None => v,
            }
        };
        let q = Quantity {
            start: toks.get(i)?.start,
            end: toks.get(end_tok)?.end,
            number_start: toks.get(j)?.start,
            hedge: hedge.map(|h| h.name.clone()),
            verb_hedge: hedge.is_some_and(|h| h.verb),
            kind,
            unit,
            interval: Interval { lo, hi, point },
            normalized,
        };
        Some((q, next))
    }

    fn not_a_count(&self, toks: &[Tok<'_>], k: usize) -> bool {
        let word = lower_at(toks, k);
        let before = if k == 0 { "" } else { lower_at(toks, k - 1) };
        let after = lower_at(toks, k + 1);
        self.nv.not_count.iter().any(|nc| {
            nc.word == word
                && (nc.preceded_by.iter().any(|w| w == before)
                    || nc.followed_by.iter().any(|w| w == after))
        })
    }
}

/// The number at `k` is glued to what comes before it: "G20", "Su-34", "COVID-19",
/// "one-on-one", "v1.2", "#3", "+44".
fn glued_before(toks: &[Tok<'_>], k: usize) -> bool {
    // "+44 20 7946": the groups of a phone number (up to four groups back).
    if toks.get(k).is_some_and(|t| t.kind == Tk::Num) {
        let mut j = k;
        for _ in 0..4 {
            if j < 2 || toks.get(j - 1).is_none_or(|t| t.kind != Tk::Num) {
                break;
            }
            if is_punct(toks, j - 2, &["+"]) && joined(toks, j - 2) {
                return true;
            }
            j -= 1;
        }
    }
    if k == 0 || !joined(toks, k - 1) {
        return false;
    }
    let Some(prev) = toks.get(k - 1) else {
        return false;
    };
    match prev.kind {
        Tk::Word | Tk::Num => true,
        Tk::Punct => {
            matches!(prev.text, "#" | "+" | "№")
                || (matches!(prev.text, "-" | "/" | "." | ":" | "_" | "‐" | "‑" | ",")
                    && k >= 2
                    && joined(toks, k - 2)
                    && toks.get(k - 2).is_some_and(|t| t.kind != Tk::Punct))
        }
    }
}

/// The quantity ending before `next` runs on into something that is not part of it: "2nd",
/// "1990s", "23.07.2025", "9:30", "10-point", "3-1".
fn glued_after(toks: &[Tok<'_>], next: usize) -> bool {
    if next == 0 || !joined(toks, next - 1) {
        return false;
    }
    let Some(t) = toks.get(next) else {
        return false;
    };
    match t.kind {
        Tk::Word | Tk::Num => true,
        Tk::Punct => {
            matches!(t.text, "-" | "/" | "." | ":" | "," | "‐" | "‑")
                && joined(toks, next)
                && toks.get(next + 1).is_some_and(|n| n.kind != Tk::Punct)
        }
    }
}

/// A bare four-digit 1800–2100 that reads as a year: "the 2022 invasion", "… in 2022,".
fn looks_like_year(toks: &[Tok<'_>], k: usize) -> bool {
    let Some(t) = toks.get(k) else {
        return false;
    };
    let is_year = t.text.len() == 4
        && t.text.bytes().all(|b| b.is_ascii_digit())
        && t.text
            .parse::<u16>()
            .is_ok_and(|y| (1800..=2100).contains(&y));
    if !is_year {
        return false;
    }
    let after_end = toks.get(k + 1).is_none_or(|n| {
        n.kind == Tk::Punct && matches!(n.text, "," | "." | ";" | ":" | ")" | "!" | "?")
    });
    let after_the = k > 0 && lower_at(toks, k - 1) == "the";
    after_end || after_the
}

fn apply_hedge(shape: HedgeShape, width: f64, lo: f64, hi: f64) -> (f64, f64) {
    let w = if width.is_finite() {
        width.clamp(0.0, 1.0)
    } else {
        0.0
    };
    match shape {
        HedgeShape::Around => (lo * (1.0 - w), hi * (1.0 + w)),
        HedgeShape::Below => (lo * (1.0 - w), hi),
        HedgeShape::Above => (lo, hi * (1.0 + w)),
        HedgeShape::AtLeast | HedgeShape::MoreThan => (lo, f64::INFINITY),
        HedgeShape::AtMost | HedgeShape::LessThan => (0.0, hi),
    }
}

/// Round away float noise (0.18000000000000002 → 0.18): twelve significant digits.
/// Monotone, so it keeps the order of lo ≤ point ≤ hi.
fn tidy(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    let digits = 12 - (x.abs().log10().floor() as i32) - 1;
    if !(-300..=300).contains(&digits) {
        return x;
    }
    let scale = 10f64.powi(digits);
    let r = (x * scale).round() / scale;
    if r.is_finite() { r } else { x }
}

/// A plain decimal without exponent, at most six decimals, no trailing zeros.
fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x.fract() == 0.0 && x.abs() < 1e18 {
        return (x as i64).to_string();
    }
    let s = format!("{x:.6}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".into() } else { s }
}

/// All numeric expressions of a sentence, left to right, not overlapping.
///
/// Years, dates and times of day (as [`super::dates::find_dates`] and [`super::dates::find_times`] see them), ordinals
/// ("2nd"), numbers glued to words or codes ("G20", "Su-34", "1990s"), versions and list
/// markers are not quantities.
pub fn find_quantities(
    sentence: &str,
    numbers: &NumberVocab,
    hedges: &HedgeVocab,
) -> Vec<Quantity> {
    let mut out = scan_quantities(sentence, numbers, hedges);
    if out.is_empty() {
        return out;
    }
    let needs = Needs::of(sentence);
    let mut taken: Vec<(usize, usize)> = find_dates_in(sentence, &needs)
        .into_iter()
        .map(|d| (d.start, d.end))
        .chain(
            find_times_in(sentence, &needs)
                .into_iter()
                .map(|t| (t.start, t.end)),
        )
        .collect();
    taken.sort_unstable();
    // The furthest end among the first i mentions, to test overlap in O(log n).
    let max_end: Vec<usize> = taken
        .iter()
        .scan(0, |m, &(_, e)| {
            *m = (*m).max(e);
            Some(*m)
        })
        .collect();
    out.retain(|q| {
        let before_end = taken.partition_point(|&(s, _)| s < q.end);
        before_end == 0
            || max_end
                .get(before_end - 1)
                .is_none_or(|&e| e <= q.number_start)
    });
    out
}

/// The quantities of a sentence, left to right, including those that are part of a date or a
/// time ("May 16", "10:30"): [`find_quantities`] without that filter, for callers that have
/// found the dates and times already and drop what overlaps them.
pub fn scan_quantities(
    sentence: &str,
    numbers: &NumberVocab,
    hedges: &HedgeVocab,
) -> Vec<Quantity> {
    if !may_hold_quantity(sentence, numbers) {
        return Vec::new();
    }
    scan_quantities_unchecked(sentence, numbers, hedges)
}

/// Words and marks: see [`gate_literals`].
pub type GateLiterals = (Vec<Vec<u8>>, Vec<Vec<u8>>);

/// What [`may_hold_quantity`] looks for in an ASCII sentence, for a one-pass literal search:
/// the words (a whole run of ASCII letters equal to one, in any case, admits it) and the
/// marks (digits and one-char signs such as '%', anywhere). `None` when it looks for words
/// of another shape (then it admits every sentence).
pub fn gate_literals(numbers: &NumberVocab) -> Option<GateLiterals> {
    let core = &numbers.tables().core_words;
    let words = core.words.as_ref()?.iter().cloned().collect();
    let marks = (0..128u8)
        .filter(|&b| b.is_ascii_digit() || core.ascii_marks >> b & 1 == 1)
        .map(|b| vec![b])
        .collect();
    Some((words, marks))
}

/// [`scan_quantities`] of a sentence [`may_hold_quantity`] admits.
pub fn scan_quantities_unchecked(
    sentence: &str,
    numbers: &NumberVocab,
    hedges: &HedgeVocab,
) -> Vec<Quantity> {
    scan_tokens(&Lexicon::new(numbers, hedges), sentence)
}

/// Whether [`scan_quantities`] may find a quantity in `sentence`: it has a digit or one of the
/// words every quantity has one of (otherwise it finds none).
pub fn may_hold_quantity(sentence: &str, numbers: &NumberVocab) -> bool {
    numbers.tables().core_words.may_occur_in(sentence)
}

/// [`scan_quantities`] token by token.
fn scan_tokens(lex_: &Lexicon<'_>, sentence: &str) -> Vec<Quantity> {
    let lowered = lowered_copy(sentence);
    let toks = lex(sentence, lowered.as_deref());
    let mut out: Vec<Quantity> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !lex_.may_start(&toks, i) {
            i += 1;
            continue;
        }
        match lex_.parse_at(&toks, i) {
            Some((q, next)) if next > i => {
                out.push(q);
                i = next;
            }
            _ => i += 1,
        }
    }
    out
}

/// The value of a text that is one number and nothing else ("1,200", "twenty-five",
/// "1.2 million", "one-fifth" → 0.2, "20%" → 0.2), in base units; `None` otherwise.
pub fn parse_number(text: &str, numbers: &NumberVocab) -> Option<f64> {
    let trimmed = text.trim();
    let qs = find_quantities(trimmed, numbers, &HedgeVocab::default());
    match qs.as_slice() {
        [q] if q.start == 0 && q.end == trimmed.len() => Some(q.interval.point),
        _ => None,
    }
}

/// Run the `[[test]]` cases of both vocabularies; one message per failure.
pub fn check_vocab_tests(numbers: &NumberVocab, hedges: &HedgeVocab) -> Vec<String> {
    let mut failures = Vec::new();
    for (file, tests) in [
        ("numbers.toml", &numbers.test),
        ("hedges.toml", &hedges.test),
    ] {
        for t in tests {
            if let Err(e) = check_one(t, numbers, hedges) {
                failures.push(format!("{file}: {:?}: {e}", t.text));
            }
        }
    }
    failures
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn check_one(t: &QuantityTest, numbers: &NumberVocab, hedges: &HedgeVocab) -> Result<(), String> {
    let found = find_quantities(&t.text, numbers, hedges);
    let spans: Vec<&str> = found
        .iter()
        .map(|q| t.text.get(q.start..q.end).unwrap_or(""))
        .collect();
    if found.len() != t.expect.len() {
        return Err(format!(
            "expected {} quantities, found {spans:?}",
            t.expect.len()
        ));
    }
    for ((q, span), e) in found.iter().zip(&spans).zip(&t.expect) {
        let mut bad = Vec::new();
        if *span != e.span {
            bad.push(format!("span {span:?} ≠ {:?}", e.span));
        }
        if let Some(k) = e.kind
            && k != q.kind
        {
            bad.push(format!("kind {} ≠ {}", q.kind.name(), k.name()));
        }
        for (name, want, got) in [
            ("lo", e.lo, q.interval.lo),
            ("hi", e.hi, q.interval.hi),
            ("point", e.point, q.interval.point),
        ] {
            if let Some(w) = want
                && !close(w, got)
            {
                bad.push(format!("{name} {got} ≠ {w}"));
            }
        }
        if let Some(h) = &e.hedge
            && q.hedge.as_deref().unwrap_or("") != h
        {
            bad.push(format!("hedge {:?} ≠ {h:?}", q.hedge));
        }
        if let Some(u) = &e.unit
            && q.unit.as_deref().unwrap_or("") != u
        {
            bad.push(format!("unit {:?} ≠ {u:?}", q.unit));
        }
        if let Some(n) = &e.normalized
            && &q.normalized != n
        {
            bad.push(format!("normalized {:?} ≠ {n:?}", q.normalized));
        }
        if !bad.is_empty() {
            return Err(format!("{span:?}: {}", bad.join(", ")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabs() -> (NumberVocab, HedgeVocab) {
        let n: NumberVocab =
            toml::from_str(include_str!("../../rules/vocab/numbers.toml")).unwrap();
        let h: HedgeVocab = toml::from_str(include_str!("../../rules/vocab/hedges.toml")).unwrap();
        (n, h)
    }

    fn spans(s: &str) -> Vec<(String, Quantity)> {
        let (n, h) = vocabs();
        find_quantities(s, &n, &h)
            .into_iter()
            .map(|q| (s[q.start..q.end].to_string(), q))
            .collect()
    }

    fn texts(s: &str) -> Vec<String> {
        spans(s).into_iter().map(|(t, _)| t).collect()
    }

    fn one(s: &str) -> Quantity {
        let all = spans(s);
        assert_eq!(
            all.len(),
            1,
            "{s:?} → {:?}",
            all.iter().map(|(t, _)| t).collect::<Vec<_>>()
        );
        all.into_iter().next().unwrap().1
    }

    #[test]
    fn tokens_that_may_not_start_a_quantity_start_none() {
        let (n, h) = vocabs();
        let lexicon = Lexicon::new(&n, &h);
        let mut sentences: Vec<String> = [
            "Between 20 and 30 people, about two-thirds of them, were hurt.",
            "A HALF a million dollars, $3bn, €5 m and 12k drones",
            "Dozens of protesters and scores of police; an hour and 40 minutes later.",
            "Nearly half of the region, one-fifth of Moldova, a quarter of voters.",
            "Some twenty-five ships, three hundred and fifty boats, ninety-nine balloons.",
            "Les Écoles ont fermé : 1 200 élèves, ÉNORME, Über 300 Menschen.",
            "G20, Su-34, COVID-19, 1990s, 2nd, +44 20 7946 0000, v1.2, #3",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        sentences.extend(n.test.iter().chain(&h.test).map(|t| t.text.clone()));
        for s in &sentences {
            let lowered = lowered_copy(s);
            let toks = lex(s, lowered.as_deref());
            for i in 0..toks.len() {
                if !lexicon.may_start(&toks, i) {
                    assert!(
                        lexicon.parse_at(&toks, i).is_none(),
                        "{s:?}: token {i} ({:?})",
                        toks[i].text
                    );
                }
            }
            // The scan with the skip finds what trying every token finds.
            let mut every = Vec::new();
            let mut i = 0;
            while i < toks.len() {
                match lexicon.parse_at(&toks, i) {
                    Some((q, next)) if next > i => {
                        every.push(q);
                        i = next;
                    }
                    _ => i += 1,
                }
            }
            assert_eq!(scan_quantities(s, &n, &h), every, "{s:?}");
        }
    }

    #[test]
    fn every_hedge_phrase_is_read() {
        let (n, h) = vocabs();
        for hedge in &h.hedge {
            for p in &hedge.phrases {
                let s = format!("Officials said {p} 40 cabins were flooded.");
                let qs = find_quantities(&s, &n, &h);
                assert_eq!(qs.len(), 1, "{s:?} → {qs:?}");
                let q = &qs[0];
                assert_eq!(q.hedge.as_deref(), Some(hedge.name.as_str()), "{s:?}");
                assert_eq!(&s[q.start..q.number_start], format!("{p} "), "{s:?}");
                assert_eq!(&s[q.number_start..q.end], "40");
                assert!(q.interval.contains(40.0));
            }
        }
    }

    #[test]
    fn hedge_shapes() {
        let q = one("The tremor lasted about 20 seconds.");
        assert_eq!(
            (q.interval.lo, q.interval.hi, q.interval.point),
            (18.0, 22.0, 20.0)
        );
        let q = one("Nearly 200 aftershocks followed.");
        assert_eq!((q.interval.lo, q.interval.hi), (180.0, 200.0));
        let q = one("More than 1,000 buildings collapsed.");
        assert_eq!((q.interval.lo, q.interval.hi), (1000.0, f64::INFINITY));
        let q = one("At least 5 towns were cut off.");
        assert_eq!((q.interval.lo, q.interval.hi), (5.0, f64::INFINITY));
        let q = one("Up to 300 tents were handed out.");
        assert_eq!((q.interval.lo, q.interval.hi), (0.0, 300.0));
        let q = one("Fewer than 30 doctors remained.");
        assert_eq!((q.interval.lo, q.interval.hi), (0.0, 30.0));
        let q = one("Only 20 wells still work.");
        assert_eq!((q.interval.lo, q.interval.hi), (19.0, 20.0));
        assert_eq!(q.hedge.as_deref(), Some("only"));
    }

    #[test]
    fn bare_numbers_round_or_exact() {
        let q = one("The storm destroyed 472 homes.");
        assert_eq!((q.interval.lo, q.interval.hi), (472.0, 472.0));
        let q = one("The storm destroyed 7,000 homes.");
        assert_eq!((q.interval.lo, q.interval.hi), (6650.0, 7350.0));
        let q = one("The storm displaced 1.2 million people.");
        assert_eq!((q.interval.lo, q.interval.hi), (1_150_000.0, 1_250_000.0));
        assert_eq!(q.normalized, "1200000");
        let q = one("Rainfall was 2.5 times the norm.");
        assert_eq!((q.interval.lo, q.interval.hi), (2.5, 2.5));
        assert_eq!(
            one("The fund holds 5 bn euros.").normalized,
            "5000000000 EUR"
        );
        assert_eq!(one("Rainfall hit 5 m in places.").interval.point, 5.0);
        let q = one("The fund holds 1.5 billion.");
        assert_eq!(q.interval.point, 1.5e9);
    }

    #[test]
    fn spans_and_offsets() {
        let s = "Rescuers said “roughly 113,000 square kilometers” were searched.";
        let q = one(s);
        assert_eq!(&s[q.start..q.end], "roughly 113,000 square kilometers");
        assert_eq!(&s[q.number_start..q.end], "113,000 square kilometers");
        assert_eq!(q.kind, ValueKind::Area);
        assert_eq!(q.unit.as_deref(), Some("m²"));
    }

    #[test]
    fn a_fraction_of_a_multiplier_scales_it() {
        let q = one("Over a quarter of a million people were displaced.");
        assert_eq!(q.kind, ValueKind::Count);
        assert_eq!(q.normalized, "250000");
        assert_eq!(q.hedge.as_deref(), Some("more than"));
        assert_eq!(
            one("Three quarters of a million fled.").normalized,
            "750000"
        );
        assert_eq!(one("Half a million fled.").normalized, "500000");
        // Not a multiplier after "of a": a share of something.
        let q = one("A quarter of the territory is occupied.");
        assert_eq!((q.kind, q.normalized.as_str()), (ValueKind::Share, "0.25"));
    }

    #[test]
    fn a_fraction_right_before_a_multiplier_scales_it() {
        let q = one("Nearly a quarter million voters stayed home.");
        assert_eq!(
            (q.kind, q.normalized.as_str()),
            (ValueKind::Count, "250000")
        );
        assert_eq!(q.hedge.as_deref(), Some("nearly"));
        assert_eq!(one("A half-million tourists came.").normalized, "500000");
        let (t, q) = spans("Some three-quarter million acres burned.").remove(0);
        assert_eq!(t, "Some three-quarter million acres");
        assert_eq!(q.hedge.as_deref(), Some("about"));
        assert_eq!(
            one("The port lost a third billion dollars.").normalized,
            "333333333 USD"
        );
        // An ordinal before a compound adjective is no fraction.
        assert!(texts("The town got a third million-dollar grant.").is_empty());
        assert!(texts("It was a third attempt.").is_empty());
    }

    #[test]
    fn letters_before_a_dollar_sign_are_a_currency_only_in_capitals() {
        // A pronoun before the sign is no part of the sum.
        let (t, q) = spans("The council lent us $12 million last spring.").remove(0);
        assert_eq!(t, "$12 million");
        assert_eq!(q.normalized, "12000000 USD");
        let (t, _) = spans("Voters Told Us $40 Was Too Much").remove(0);
        assert_eq!(t, "$40");
        // Written in capitals, with or without a space, the letters are the currency's.
        for (s, want) in [
            ("Aid worth US $3 billion arrived.", "US $3 billion"),
            ("Aid worth US$3 billion arrived.", "US$3 billion"),
            ("Shares worth HK$9 billion changed hands.", "HK$9 billion"),
        ] {
            let (t, q) = spans(s).remove(0);
            assert_eq!(t, want, "{s}");
            assert_eq!(q.kind, ValueKind::Money, "{s}");
        }
        // A code on its own is still read in any case.
        assert_eq!(one("The fee was usd 250.").normalized, "250 USD");
    }

    #[test]
    fn a_fraction_of_a_billion_dollars_is_money_in_whole_units() {
        let q = one("Donors promised two-thirds of a billion dollars.");
        assert_eq!(q.kind, ValueKind::Money);
        assert_eq!(q.normalized, "666666667 USD");
        assert_eq!(q.interval.point, 666_666_667.0);
        let q = one("The bank held a fifth of a trillion euros.");
        assert_eq!(q.normalized, "200000000000 EUR");
    }

    #[test]
    fn a_fraction_of_one_unit_is_that_fraction_of_the_unit() {
        let q = one("The trail ends a third of a mile past the bridge.");
        assert_eq!(q.kind, ValueKind::Distance);
        assert_eq!(q.interval.point, 1609.344 / 3.0);
        let (t, q) = spans("They waited three quarters of an hour.").remove(0);
        assert_eq!(t, "three quarters of an hour");
        assert_eq!((q.kind, q.interval.point), (ValueKind::Duration, 2700.0));
        assert_eq!(one("We walked half of a kilometre.").interval.point, 500.0);
        // Not "a mile": the whole phrase is one quantity.
        assert_eq!(
            texts("Rescuers searched a quarter of a mile of river."),
            ["a quarter of a mile"]
        );
    }

    #[test]
    fn and_a_half_adds_to_the_number_or_its_multiplier() {
        for (s, v) in [
            ("A million and a half refugees crossed.", "1500000"),
            ("Two million and a half tickets sold.", "2500000"),
            ("One and a half million people voted.", "1500000"),
            ("Some two and a half thousand troops left.", "2500"),
            ("Three and a quarter million were counted.", "3250000"),
            ("A dozen and a half soldiers were hurt.", "18"),
        ] {
            assert_eq!(one(s).normalized, v, "{s}");
        }
        let q = one("The hearing lasted two and a half hours.");
        assert_eq!((q.kind, q.interval.point), (ValueKind::Duration, 9000.0));
        // "and" before anything else still ends the number.
        assert_eq!(
            texts("Two million and three hundred thousand"),
            ["Two million and three hundred thousand"]
        );
        assert_eq!(texts("Two and three were hurt."), ["Two", "three"]);
    }

    #[test]
    fn shares_are_fractions_of_one() {
        let q = one("Nearly 20% of the vote went to independents.");
        assert_eq!(q.kind, ValueKind::Share);
        assert_eq!(
            (q.interval.lo, q.interval.hi, q.interval.point),
            (0.18, 0.2, 0.2)
        );
        assert_eq!(q.normalized, "0.2");
        assert_eq!(q.unit, None);
        let q = one("About one-fifth of the island flooded.");
        assert_eq!((q.interval.lo, q.interval.hi), (0.18, 0.22));
        let q = one("Nearly half of the polling stations opened late.");
        assert_eq!((q.interval.lo, q.interval.hi), (0.45, 0.5));
        assert!(texts("A third round of voting and a quarter-final were held.").is_empty());
    }

    #[test]
    fn thousands_separators_need_three_digits() {
        assert_eq!(
            texts("In the census 12 000 residents were counted."),
            ["12 000"]
        );
        assert_eq!(
            texts("Of the 2022 1,000 were new."),
            ["1,000"],
            "a year next to a count is not glued to it"
        );
        assert_eq!(texts("Rates of 5 1234 were quoted."), ["5", "1234"]);
        assert_eq!(texts("Ballots 1,2345 were void."), Vec::<String>::new());
        assert_eq!(texts("Turnout 12\u{202F}500 rose."), ["12\u{202F}500"]);
    }

    #[test]
    fn not_quantities() {
        for s in [
            "Counting resumed on May 16 and ended 16 May.",
            "The ceasefire took effect at 0745 GMT, or 9:30 local time.",
            "The treaty was signed on 23.07.2025 in the capital.",
            "She finished 2nd in the 3rd round.",
            "Version 1.2.3 of the app and the G7 and MH17 files.",
            "The COVID-19 rules and a Su-34 jet.",
            "Call +44 20 for details.",
            "Elections were held in 2019.",
            "The 2022 floods were the worst since 1998.",
            "The vote, held in February 2022, was close.",
            "No one expected one of the bridges to fall.",
            "A deal was reached after one-on-one talks.",
            "The second half of the match and the first quarter.",
            "A man was arrested.",
        ] {
            assert!(texts(s).is_empty(), "{s:?} → {:?}", texts(s));
        }
        // A list number at the start of a sentence.
        assert!(texts("1. Polling stations").is_empty());
    }

    #[test]
    fn words_and_vague_amounts() {
        assert_eq!(one("Forty-two ferries were grounded.").interval.point, 42.0);
        assert_eq!(
            one("Twenty five ferries were grounded.").interval.point,
            25.0
        );
        assert_eq!(one("Some three thousand ferries.").interval.point, 3000.0);
        assert_eq!(one("One person died.").interval.point, 1.0);
        let q = one("Thousands of residents fled.");
        assert_eq!((q.interval.lo, q.interval.hi), (2000.0, 9999.0));
        let q = one("More than a dozen villages flooded.");
        assert_eq!((q.interval.lo, q.interval.hi), (12.0, f64::INFINITY));
    }

    #[test]
    fn ranges() {
        let q = one("Winds of 80-120 km were recorded.");
        assert_eq!((q.interval.lo, q.interval.hi), (80_000.0, 120_000.0));
        assert_eq!(q.normalized, "80000–120000 m");
        let q = one("Repairs will cost $3-5bn.");
        assert_eq!((q.interval.lo, q.interval.hi), (3e9, 5e9));
        assert_eq!(q.kind, ValueKind::Money);
        let q = one("Between 1.2 and 1.5 million people voted.");
        assert_eq!((q.interval.lo, q.interval.hi), (1.2e6, 1.5e6));
        assert!(
            texts("The home side won 3-1 on Sunday.").is_empty(),
            "a score"
        );
    }

    #[test]
    fn parse_number_reads_one_number() {
        let (n, _) = vocabs();
        assert_eq!(parse_number("1,200", &n), Some(1200.0));
        assert_eq!(parse_number(" twenty-five ", &n), Some(25.0));
        assert_eq!(parse_number("1.2 million", &n), Some(1.2e6));
        assert_eq!(parse_number("one-fifth", &n), Some(0.2));
        assert_eq!(parse_number("20%", &n), Some(0.2));
        assert_eq!(parse_number("the 20", &n), None);
        assert_eq!(parse_number("", &n), None);
    }

    #[test]
    fn empty_vocab_finds_digits_only() {
        let qs = find_quantities(
            "About 40 boats, one-fifth.",
            &NumberVocab::default(),
            &HedgeVocab::default(),
        );
        assert_eq!(qs.len(), 1);
        assert_eq!(qs[0].interval.point, 40.0);
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn check(s: &str) -> Result<(), TestCaseError> {
            let (n, h) = vocabs();
            let qs = find_quantities(s, &n, &h);
            let mut last_end = 0;
            for q in &qs {
                prop_assert!(
                    q.start <= q.number_start && q.number_start < q.end && q.end <= s.len()
                );
                prop_assert!(
                    s.is_char_boundary(q.start)
                        && s.is_char_boundary(q.end)
                        && s.is_char_boundary(q.number_start)
                );
                prop_assert!(q.start >= last_end, "overlap or out of order: {qs:?}");
                last_end = q.end;
                let iv = q.interval;
                prop_assert!(iv.lo <= iv.point && iv.point <= iv.hi, "{q:?}");
                prop_assert!(!iv.lo.is_nan() && !iv.hi.is_nan() && iv.point.is_finite());
            }
            Ok(())
        }

        /// The lexer as first written, char by char: the reference [`lex`] is tested against.
        fn lex_by_chars(s: &str) -> Vec<Tok<'_>> {
            let mut out = Vec::new();
            let mut i = 0;
            while let Some(ch) = s.get(i..).and_then(|r| r.chars().next()) {
                let start = i;
                let kind = if ch.is_whitespace() {
                    i += ch.len_utf8();
                    continue;
                } else if ch.is_ascii_digit() {
                    i = number_end(s, i);
                    Tk::Num
                } else if ch.is_alphabetic() {
                    i += ch.len_utf8();
                    loop {
                        let mut it = s.get(i..).unwrap_or("").chars();
                        match (it.next(), it.next()) {
                            (Some(c), _) if c.is_alphabetic() => i += c.len_utf8(),
                            (Some(q @ ('\'' | '’')), Some(c)) if c.is_alphabetic() => {
                                i += q.len_utf8() + c.len_utf8();
                            }
                            _ => break,
                        }
                    }
                    Tk::Word
                } else {
                    i += ch.len_utf8();
                    Tk::Punct
                };
                let text = s.get(start..i).unwrap_or("");
                out.push(Tok {
                    kind,
                    start,
                    end: i,
                    text,
                    lower: lower_cow(text),
                });
            }
            out
        }

        fn same_tokens(s: &str) -> Result<(), TestCaseError> {
            let view = |t: &Tok<'_>| {
                (
                    t.kind,
                    t.start,
                    t.end,
                    t.text.to_string(),
                    t.lower.to_string(),
                )
            };
            let reference: Vec<_> = lex_by_chars(s).iter().map(view).collect();
            let lowered = lowered_copy(s);
            let ours: Vec<_> = lex(s, lowered.as_deref()).iter().map(view).collect();
            prop_assert_eq!(&ours, &reference);
            let each: Vec<_> = lex(s, None).iter().map(view).collect();
            prop_assert_eq!(&each, &reference);
            Ok(())
        }

        /// On every token of `s`, [`Lexicon::may_start`], the word values and the phrase
        /// lists' first words are the plain lookups their shape tests guard.
        fn may_start_is_the_lookups(s: &str) -> Result<(), TestCaseError> {
            let (n, h) = vocabs();
            let lexicon = Lexicon::new(&n, &h);
            let toks = lex(s, None);
            for (i, t) in toks.iter().enumerate() {
                let w = t.lower.as_ref();
                let plain = t.kind == Tk::Num
                    || lexicon.tables.starts.contains(w)
                    || lexicon.hedges.by_first.contains_key(w);
                prop_assert_eq!(lexicon.may_start(&toks, i), plain, "{:?}", w);
                let t = lexicon.tables;
                for (values, map) in [
                    (&t.words, &n.words),
                    (&t.multipliers, &n.multipliers),
                    (&t.suffixes, &n.suffixes),
                ] {
                    prop_assert_eq!(values.get(w), map.get(w).copied(), "{:?}", w);
                }
                for list in [
                    lexicon.hedges,
                    &lexicon.tables.cur_before,
                    &lexicon.tables.cur_after,
                    &lexicon.tables.units,
                    &lexicon.tables.vague,
                ] {
                    prop_assert_eq!(list.first_word(w), list.by_first.get(w), "{:?}", w);
                }
            }
            Ok(())
        }

        #[test]
        fn shapes_admit_every_vocabulary_word() {
            let (n, h) = vocabs();
            let lexicon = Lexicon::new(&n, &h);
            let t = lexicon.tables;
            for w in &t.starts {
                assert!(t.starts_shape.admit(w), "{w:?}");
            }
            for (values, map) in [
                (&t.words, &n.words),
                (&t.multipliers, &n.multipliers),
                (&t.suffixes, &n.suffixes),
            ] {
                assert_eq!(values.values.len(), map.len());
                for (w, v) in map {
                    assert_eq!(values.get(w), Some(*v), "{w:?}");
                }
            }
            for list in [
                lexicon.hedges,
                &t.cur_before,
                &t.cur_after,
                &t.units,
                &t.vague,
            ] {
                for w in list.by_first.keys() {
                    assert!(list.first_shape.admit(w), "{w:?}");
                }
            }
            assert!(Shapes::default().admit(""));
            assert!(!Shapes::default().admit("a"));
            let long = "x".repeat(70);
            assert!(Shapes::of([long.as_str()]).admit(&"x".repeat(64)));
        }

        /// [`fmt_num`] as six decimals with trailing zeros cut.
        fn fmt_num_by_format(x: f64) -> String {
            if !x.is_finite() {
                return if x > 0.0 { "inf".into() } else { "-inf".into() };
            }
            let s = format!("{x:.6}");
            let s = if s.contains('.') {
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            } else {
                s
            };
            if s == "-0" { "0".into() } else { s }
        }

        #[test]
        fn fmt_num_of_edge_values() {
            for x in [
                0.0,
                -0.0,
                1e18,
                -1e18,
                1e18 - 128.0,
                9.007_199_254_740_993e15,
                0.5,
                -0.0000001,
                1e-7,
                f64::MAX,
                f64::MIN_POSITIVE,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NAN,
            ] {
                assert_eq!(fmt_num(x), fmt_num_by_format(x), "{x:?}");
            }
        }

        /// [`scan_quantities`] finds what reading every sentence token by token finds.
        fn same_as_token_scan(s: &str) -> Result<(), TestCaseError> {
            let (n, h) = vocabs();
            let lexicon = Lexicon::new(&n, &h);
            prop_assert_eq!(
                scan_quantities(s, &n, &h),
                scan_tokens(&lexicon, s),
                "{:?}",
                s
            );
            Ok(())
        }

        #[test]
        fn pair_shapes_admit_their_words_in_any_case() {
            let words = ["m", "km", "ten", "thousand", "hectares"];
            let shapes = PairShapes::of(words);
            for w in words {
                for v in [w.to_string(), w.to_ascii_uppercase(), {
                    let mut c = w.to_string();
                    c[..1].make_ascii_uppercase();
                    c
                }] {
                    let b = v.as_bytes();
                    let second = if b.len() > 1 { b[1] } else { 0 };
                    assert!(shapes.admit(b[0], second, b.len()), "{v}");
                }
            }
            // Same first letter and length, other second letter; other length.
            for (w, second) in [("the", b'h'), ("tan", b'a'), ("kg", b'g'), ("mm", b'm')] {
                assert!(!shapes.admit(w.as_bytes()[0], second, w.len()), "{w}");
            }
            assert!(!shapes.admit(b't', b'e', 4), "tens is not among them");
        }

        #[test]
        fn core_words_of_the_vocabulary_are_looked_for() {
            let (n, h) = vocabs();
            let core = &Lexicon::new(&n, &h).tables.core_words;
            assert!(core.words.is_some());
            assert!(core.may_occur_in("an HOUR ago"));
            assert!(core.may_occur_in("Rates rose 5%"));
            assert!(core.may_occur_in("a \u{212A}m away"));
            assert!(!core.may_occur_in("The minister’s “plan” — was it met?"));
            for s in [
                "Two Thousand",
                "half of them",
                "DOZENS of",
                "20 %",
                "a Kilometre",
            ] {
                assert!(core.may_occur_in(s), "{s:?}");
            }
            assert!(CoreWords::of(["o'clock"]).words.is_none());
            assert!(CoreWords::of(["per cent", "%"]).may_occur_in("up 5 per cent"));
            assert!(!CoreWords::of(["per cent", "%"]).may_occur_in("up per cent"));
            assert!(CoreWords::of(["€"]).may_occur_in("a € b"));
        }

        proptest! {
            #[test]
            fn scan_is_the_token_scan_on_any_string(s in any::<String>()) {
                same_as_token_scan(&s)?;
            }

            #[test]
            fn scan_is_the_token_scan_on_words(
                s in r"((A|an|One|two|TEN|Hundred|million|dozen|dozens|Half|fifth|thirds|hour|Days|km|per|cent|%|about|between|and|to|of|\$|€|K|\u{212A}m|İ|é|’|-|[a-zA-Z]{1,8}|[0-9]{1,4}|[0-9],[0-9]{3})[ ,.\-]?){0,12}"
            ) {
                same_as_token_scan(&s)?;
            }

            #[test]
            fn fmt_num_is_the_format(x in any::<f64>()) {
                prop_assert_eq!(fmt_num(x), fmt_num_by_format(x));
            }

            #[test]
            fn fmt_num_of_whole_numbers_is_the_format(
                n in prop_oneof![any::<i64>(), -100_000_000i64..100_000_000],
                scale in 0u32..4,
            ) {
                let x = n as f64 / 10f64.powi(scale as i32);
                prop_assert_eq!(fmt_num(x), fmt_num_by_format(x));
            }

            #[test]
            fn may_start_on_any_string(s in any::<String>()) {
                may_start_is_the_lookups(&s)?;
            }

            #[test]
            fn may_start_on_words(
                s in r"((A|a|an|An|about|ABOUT|between|more|Half|dozens|one|ninety|us|US\$|\$|€|£|just|at|no|the|in|of|Million|bn|k|dozen|hundred|[a-zA-Z$€£]{1,9}|[0-9]{1,4}) ){0,12}"
            ) {
                may_start_is_the_lookups(&s)?;
            }

            #[test]
            fn never_panics_on_any_string(s in any::<String>()) {
                check(&s)?;
            }

            #[test]
            fn the_lexer_reads_any_string_as_the_char_by_char_one_does(s in any::<String>()) {
                same_tokens(&s)?;
            }

            #[test]
            fn the_lexer_reads_text_as_the_char_by_char_one_does(
                s in r"([A-Za-zÀ-ÿ0-9 ,.'’\-%$€\u{A0}\u{202F}\u{2009}\t\n\x0B\x0C\r\x1C\x85]|O'Neil|1,200|3.5|Ωmega){0,40}"
            ) {
                same_tokens(&s)?;
            }

            #[test]
            fn sound_on_number_like_text(
                parts in proptest::collection::vec(
                    prop_oneof![
                        r"[0-9]{1,7}",
                        r"[0-9]{1,3}(,[0-9]{3}){0,3}(\.[0-9]{1,3})?",
                        Just("about".to_string()), Just("nearly".to_string()), Just("more than".to_string()),
                        Just("up to".to_string()), Just("between".to_string()), Just("and".to_string()),
                        Just("to".to_string()), Just("a".to_string()), Just("one".to_string()),
                        Just("twenty".to_string()), Just("hundred".to_string()), Just("million".to_string()),
                        Just("half".to_string()), Just("fifth".to_string()), Just("thirds".to_string()),
                        Just("of".to_string()), Just("dozens".to_string()), Just("%".to_string()),
                        Just("km".to_string()), Just("hour".to_string()), Just("minutes".to_string()),
                        Just("$".to_string()), Just("€".to_string()), Just("bn".to_string()), Just("k".to_string()),
                        Just("-".to_string()), Just("–".to_string()), Just(".".to_string()), Just(",".to_string()),
                        Just("May".to_string()), Just("in".to_string()), Just("GMT".to_string()), Just("’".to_string()),
                        Just("square".to_string()), Just("sq".to_string()), Just("2".to_string()), Just("²".to_string()),
                    ],
                    0..14,
                ),
                seps in proptest::collection::vec(prop_oneof![Just(" "), Just(""), Just("\u{A0}"), Just("-")], 14),
            ) {
                let mut s = String::new();
                for (p, sep) in parts.iter().zip(&seps) {
                    s.push_str(p);
                    s.push_str(sep);
                }
                check(&s)?;
            }
        }
    }

    #[test]
    fn vocab_test_cases_pass() {
        let (n, h) = vocabs();
        assert!(n.test.len() > 10 && h.test.len() > 5);
        let failures = check_vocab_tests(&n, &h);
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
