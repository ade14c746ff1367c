//! Person–title pairs: "Defense Minister Ana Ruiz", "Chile's defence minister, Ana Ruiz,",
//! "Ana Ruiz, the former defense minister and now Secretary of ...", "X, who also serves as
//! Y".

use std::cell::Cell;

use super::dates::{MONTH_NAMES, WEEKDAY_NAMES};
use super::text::Token;
use crate::model::Tenure;
use crate::rules::Vocab;

/// One person with one title in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct TitleMention {
    /// The person's name as written (possessive stripped).
    pub name: String,
    /// Byte span of the title as written (with its tenure word when adjacent).
    pub start: usize,
    pub end: usize,
    /// The title without tenure words, as written.
    pub title: String,
    pub tenure: Tenure,
}

const ARTICLES: [&str; 3] = ["the", "a", "an"];
/// Possessive words that stand where an article does: "its political adviser".
const POSSESSIVE_DETERMINERS: [&str; 4] = ["its", "his", "her", "their"];
/// The most words a name has, a particle and the word after it counting as one.
const NAME_WORDS: usize = 5;
const NAME_PARTICLES: [&str; 8] = ["bin", "al", "de", "van", "von", "der", "da", "la"];
/// Capitalized words that start sentences or clauses and are never part of a name.
const NOT_NAME: [&str; 24] = [
    "The", "A", "An", "This", "That", "These", "Those", "In", "On", "At", "For", "But", "And",
    "He", "She", "It", "They", "We", "I", "His", "Her", "Their", "Its", "Our",
];

/// Lower-case particles glued to the name word after them: "al-Sudani", "el-Sisi".
const GLUED_PARTICLES: [&str; 8] = ["al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "ar-"];

/// A name word led by a glued particle ("al-Maawali" in "Said al-Maawali"): part of the name
/// it follows.
fn is_glued_particle_name(word: &str) -> bool {
    GLUED_PARTICLES.iter().any(|p| {
        word.strip_prefix(p).is_some_and(|rest| {
            rest.chars().next().is_some_and(char::is_uppercase)
                && rest.chars().any(char::is_lowercase)
        })
    })
}

struct Ctx<'a, 'v> {
    toks: &'a [Token<'a>],
    vocab: &'v Vocab,
    /// Per token, the [`Lookup`]s made so far: bit `2k` when lookup `k` was made, bit `2k + 1`
    /// its answer.
    lookups: Vec<Cell<u8>>,
}

/// A vocabulary lookup of one token, asked again and again of the same tokens as a sentence is
/// scanned from each of its words.
#[derive(Clone, Copy)]
enum Lookup {
    /// [`Vocab::is_title_word`] of the stem.
    StemTitleWord,
    /// [`Vocab::is_title_head`] of the stem.
    StemTitleHead,
    /// [`Vocab::is_title_word`] of the bare word.
    BareTitleWord,
    /// [`Vocab::place`] of the bare word.
    Place,
}

impl<'a, 'v> Ctx<'a, 'v> {
    fn new(toks: &'a [Token<'a>], vocab: &'v Vocab) -> Self {
        Ctx {
            toks,
            vocab,
            lookups: vec![Cell::new(0); toks.len()],
        }
    }

    /// The answer of `lookup` for token `i`, made once; false past the last token.
    fn lookup(&self, i: usize, lookup: Lookup) -> bool {
        let (Some(t), Some(made)) = (self.toks.get(i), self.lookups.get(i)) else {
            return false;
        };
        let bit = lookup as u8 * 2;
        let bits = made.get();
        if bits & (1 << bit) != 0 {
            return bits & (2 << bit) != 0;
        }
        let answer = match lookup {
            Lookup::StemTitleWord => self.stem(i).is_some_and(|w| self.vocab.is_title_word(w)),
            Lookup::StemTitleHead => self.stem(i).is_some_and(|w| self.vocab.is_title_head(w)),
            Lookup::BareTitleWord => self.vocab.is_title_word(t.bare()),
            Lookup::Place => self.vocab.place(t.bare()).is_some(),
        };
        made.set(bits | 1 << bit | u8::from(answer) << (bit + 1));
        answer
    }
}

impl Ctx<'_, '_> {
    fn tok(&self, i: usize) -> Option<&Token<'_>> {
        self.toks.get(i)
    }
    /// Token `i` in lower case ("" past the end); borrowed when it already is.
    fn lower(&self, i: usize) -> std::borrow::Cow<'_, str> {
        self.toks
            .get(i)
            .map_or(std::borrow::Cow::Borrowed(""), Token::lower)
    }
    fn is_place(&self, i: usize) -> bool {
        self.lookup(i, Lookup::Place)
    }
    fn is_title_word(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.is_word()) && self.lookup(i, Lookup::StemTitleWord)
    }
    fn tenure(&self, i: usize) -> Option<Tenure> {
        let t = self.tok(i)?;
        self.vocab.tenure_of(t.text)
    }
    /// Whether ", who [has|had] [since] <left>" follows at token `i`, a verb of the
    /// vocabulary's `left` (retired, resigned, stepped down): the post before the name was
    /// left.
    fn left_post_after(&self, i: usize) -> bool {
        if self.tok(i).is_none_or(|t| t.text != ",") || self.lower(i + 1) != "who" {
            return false;
        }
        let mut k = i + 2;
        for skip in ["has", "had", "since"] {
            if self.lower(k) == skip {
                k += 1;
            }
        }
        self.vocab.titles.tenure.left.iter().any(|phrase| {
            phrase
                .split(' ')
                .enumerate()
                .all(|(n, w)| self.lower(k + n) == w)
        })
    }
    fn is_name_word(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        t.is_word()
            && t.is_capitalized()
            && t.text.chars().any(char::is_lowercase)
            && (!NOT_NAME.contains(&t.text) || self.is_surname_he(i))
            && !MONTH_NAMES.contains(&t.bare())
            && !WEEKDAY_NAMES.contains(&t.bare())
            && !self.lookup(i, Lookup::BareTitleWord)
            && !self.is_place(i)
            && !self.vocab.is_honorific(t.bare())
    }

    /// "He" as a Chinese surname ("Vice Premier He Lifeng", "led by He Lifeng"): inside a
    /// sentence, after a word, and before a name word. The pronoun starts its clause.
    fn is_surname_he(&self, i: usize) -> bool {
        self.toks[i].text == "He"
            && i > 0
            && self.toks[i - 1].is_word()
            && self.tok(i + 1).is_some_and(|n| n.text != "He") // no recursion
            && self.is_name_word(i + 1)
    }

    /// Where a name whose first `words` words end before token `j` ends: more name words,
    /// or particles each with the word after it ("bin Abdulrahman"), up to [`NAME_WORDS`] in
    /// all, a particle and its word counting as one ("Sheikh Mohammed bin Abdulrahman Al
    /// Thani"), and none after a possessive.
    fn name_end(&self, mut j: usize, mut words: usize) -> usize {
        while j < self.toks.len() && words < NAME_WORDS && !self.toks[j - 1].is_possessive() {
            if self.is_name_word(j) {
                j += 1;
            } else if NAME_PARTICLES.contains(&self.lower(j).as_ref()) && self.is_name_word(j + 1) {
                j += 2;
            } else if self.tok(j).is_some_and(|t| is_glued_particle_name(t.text)) {
                j += 1;
            } else {
                break;
            }
            words += 1;
        }
        j
    }

    /// A name starting at `i`: capitalized words (and particles), up to five. Returns the end
    /// index (exclusive) of the name.
    fn name_at(&self, i: usize) -> Option<usize> {
        if !self.is_name_word(i) {
            return None;
        }
        let j = self.name_end(i + 1, 1);
        let single = j == i + 1;
        if single {
            // A one-word name only when the vocabulary knows it.
            self.vocab.person(self.toks[i].bare())?;
        }
        Some(j)
    }

    /// The words of tokens `i..j` joined by spaces, without a final possessive 's.
    fn name_text(&self, i: usize, j: usize) -> String {
        let words = &self.toks[i..j];
        let mut name = String::with_capacity(words.iter().map(|t| t.text.len() + 1).sum::<usize>());
        for (k, t) in words.iter().enumerate() {
            if k > 0 {
                name.push(' ');
            }
            name.push_str(t.text);
        }
        if let Some(kept) = name
            .strip_suffix("'s")
            .or_else(|| name.strip_suffix("’s"))
            .map(str::len)
        {
            name.truncate(kept);
        }
        name
    }

    /// The word of token `i` without a glued tenure prefix ("ex-president" → "president").
    fn stem(&self, i: usize) -> Option<&str> {
        let t = self.tok(i)?;
        let bare = t.bare();
        // Without a '-' or the lead byte of '‑' (U+2011) nothing is glued.
        if !bare.bytes().any(|b| b == b'-' || b == 0xE2) {
            return Some(bare);
        }
        if let Some((pre, rest)) = bare.split_once(['-', '‑'])
            && self.vocab.tenure_of(pre).is_some()
            && !rest.is_empty()
        {
            return Some(rest);
        }
        Some(bare)
    }

    /// A title phrase starting at `i` (title words, places, demonyms, acronyms; a complement
    /// after the head: "of State", "of the National Security and Defense Council", and in an
    /// apposition also lower-case ones, "of policy planning"). Returns (first title token,
    /// end exclusive) when it contains a head.
    fn title_at(&self, i: usize, in_apposition: bool) -> Option<(usize, usize)> {
        let mut j = i;
        let mut has_head = false;
        let mut end = None;
        let mut first = None;
        while j < self.toks.len() {
            let t = &self.toks[j];
            if !t.is_word() {
                break;
            }
            if self.lookup(j, Lookup::StemTitleWord) {
                let head = self.lookup(j, Lookup::StemTitleHead);
                has_head |= head && {
                    let stem = self.stem(j).unwrap_or_default();
                    !self
                        .vocab
                        .titles
                        .not_titles
                        .iter()
                        .any(|n| n.eq_ignore_ascii_case(stem))
                };
                // A bare modifier cannot end a title ("Foreign"), a head can.
                if head {
                    end = Some(j + 1);
                }
                first.get_or_insert(j);
                j += 1;
                continue;
            }
            let acronym = t.text.len() >= 2
                && t.text.len() <= 6
                && t.text.chars().all(|c| c.is_ascii_uppercase());
            if acronym && !has_head && !self.is_place(j) {
                first.get_or_insert(j);
                j += 1;
                continue;
            }
            if (self.is_place(j) || (t.is_possessive() && t.is_capitalized())) && !has_head {
                j += 1;
                continue;
            }
            if has_head && matches!(t.lower().as_ref(), "of" | "for") {
                let mut k = j + 1;
                if ARTICLES.contains(&self.lower(k).as_ref()) {
                    k += 1;
                }
                let start_k = k;
                while k < self.toks.len() && k - start_k < 8 {
                    let tk = &self.toks[k];
                    // The apostrophe of a plural possessive inside a name: "the Farmers'
                    // Union", "the Workers' Party".
                    let plural_possessive = matches!(tk.text, "'" | "’")
                        && k > start_k
                        && self.toks[k - 1].text.ends_with('s')
                        && self.toks[k - 1].is_capitalized()
                        && self
                            .tok(k + 1)
                            .is_some_and(|n| n.is_word() && n.is_capitalized());
                    if plural_possessive {
                        k += 1;
                        continue;
                    }
                    if !tk.is_word() {
                        break;
                    }
                    let lk = tk.lower();
                    let titleish = self.lookup(k, Lookup::BareTitleWord) || self.is_place(k);
                    let connector = (lk == "and" || lk == "of" || lk == "for")
                        && k > start_k
                        && self.tok(k + 1).is_some_and(|n| {
                            n.is_word()
                                && (n.is_capitalized() || self.lookup(k + 1, Lookup::BareTitleWord))
                        })
                        && self.tenure(k + 1).is_none();
                    let ok = if in_apposition {
                        (tk.is_capitalized() && self.tenure(k).is_none())
                            || connector
                            || (!self.vocab.is_stop_word(&lk)
                                && lk != "and"
                                && tk.text.chars().all(|c| c.is_lowercase() || c == '-'))
                    } else {
                        // Before a name only title words may follow "of" ("Secretary of State
                        // Marco Rubio"), or the name would be swallowed.
                        titleish || (connector && self.lookup(k + 1, Lookup::BareTitleWord))
                    };
                    if !ok {
                        break;
                    }
                    k += 1;
                }
                if k > start_k {
                    end = Some(k);
                }
                break;
            }
            break;
        }
        if !has_head {
            return None;
        }
        Some((first?, end?))
    }

    fn span_text(&self, i: usize, j: usize) -> (usize, usize) {
        (self.toks[i].start, self.toks[j - 1].end)
    }

    /// The tenure of a title whose run starts at `run` and whose first title word is `t0`:
    /// tenure words right before the run ("former U.S. President"), or glued to the first
    /// word ("ex-minister", "then-President"). Returns it with the index where the value as
    /// written starts.
    fn tenure_before(&self, run: usize, t0: usize) -> (Tenure, usize) {
        let mut tenure = Tenure::Current;
        let mut first = t0;
        // Up to two capitalized words between a tenure word and the run are a place or an
        // organisation the run's lookup does not know: "former South African president",
        // "former New Zealand prime minister", "former Trump adviser".
        let mut k = run;
        let mut back = run;
        while back > 0
            && run - back < 2
            && self
                .tok(back - 1)
                .is_some_and(|t| t.is_word() && t.is_capitalized())
            && !self.is_title_word(back - 1)
            && self.tenure(back - 1).is_none()
        {
            back -= 1;
        }
        if back < run && back > 0 && self.tenure(back - 1).is_some() {
            k = back;
        }
        while k > 0 {
            let p = k - 1;
            match self.tenure(p) {
                Some(t) => {
                    tenure = t;
                    first = p;
                    k = p;
                }
                None => break,
            }
        }
        for idx in [run, t0] {
            if let Some(t) = self.tok(idx)
                && let Some((pre, _)) = t.text.split_once(['-', '‑'])
                && let Some(tn) = self.vocab.tenure_of(pre)
            {
                tenure = tn;
                first = first.min(idx);
            }
        }
        (tenure, first)
    }
}

fn make(
    ctx: &Ctx<'_, '_>,
    s: &str,
    name: String,
    title: (usize, usize),
    tenure: (Tenure, usize),
) -> Option<TitleMention> {
    let (t0, t1) = title;
    let (tenure, first) = tenure;
    let (start, end) = ctx.span_text(first.min(t0), t1);
    let (ts, te) = ctx.span_text(t0, t1);
    let mut title_text = s.get(ts..te)?.to_string();
    // Drop an "ex-"/"then-" glued to the first word.
    if let Some((pre, rest)) = title_text.split_once(['-', '‑'])
        && ctx.vocab.tenure_of(pre).is_some()
    {
        title_text = rest.to_string();
    }
    Some(TitleMention {
        name,
        start,
        end,
        title: title_text,
        tenure,
    })
}

/// The name at or just after token `at`: title words, places, articles and possessives in
/// front are skipped ("White House aide Tom Ellis" → "Tom Ellis"), and a name
/// that began before `at` is taken whole ("Anna Lindqvist" when `at` is "Lindqvist").
/// Returns the byte span of the name and the name.
pub fn name_around(
    s: &str,
    toks: &[Token<'_>],
    at: usize,
    vocab: &Vocab,
) -> Option<(usize, usize, String)> {
    let ctx = Ctx::new(toks, vocab);
    let mut i = at;
    let limit = (at + 8).min(toks.len());
    // After a determiner, lower-case words are skipped as the adjectives of a title that must
    // follow them ("by its political adviser, Ana Ruiz"); without the title they were no
    // title's ("by its allies, Ana Ruiz" names no one).
    let mut after_determiner = false;
    let mut adjectives_untitled = false;
    // "the" right after a title's joining word: what follows is the complement's ("envoy
    // for the Middle East"), a name only past a title word ("Minister of the Interior Ana
    // Ruiz").
    let mut in_complement = false;
    while i < limit && !ctx.is_name_word(i) {
        let t = &toks[i];
        let lower = t.lower();
        let determiner = ARTICLES.contains(&lower.as_ref())
            || POSSESSIVE_DETERMINERS.contains(&lower.as_ref())
            || t.is_possessive();
        if ctx.is_title_word(i) {
            adjectives_untitled = false;
            in_complement = false;
        } else if after_determiner
            && !determiner
            && t.text.chars().all(|c| c.is_lowercase() || c == '-')
        {
            adjectives_untitled = true;
        } else {
            // "Minister of Water and Energy Ana Ruiz": the joining words of a title's
            // complement.
            let in_title =
                matches!(lower.as_ref(), "of" | "and" | "for") && i > 0 && ctx.is_title_word(i - 1);
            in_complement |= lower == "the"
                && i > 0
                && matches!(ctx.lower(i - 1).as_ref(), "of" | "for")
                && i > 1
                && ctx.is_title_word(i - 2);
            let skippable = !t.is_word()
                || determiner
                || in_title
                || ctx.vocab.is_honorific(t.bare())
                || ctx.tenure(i).is_some()
                || ctx.is_place(i)
                || t.text.chars().all(|c| c.is_ascii_uppercase() || c == '.');
            if !skippable {
                return None;
            }
        }
        after_determiner |= determiner;
        i += 1;
    }
    if i >= limit || adjectives_untitled || in_complement {
        return None;
    }
    // Up to five words, a particle and its word counting as one: back from `at` when the
    // name began before it ("Faisal bin Farhan" when `at` is "Farhan"), then forward.
    let mut start = i;
    let mut words = 1;
    if i == at {
        while start > 0 && words < NAME_WORDS {
            if ctx.is_name_word(start - 1) && !toks[start - 1].is_possessive() {
                start -= 1;
            } else if start > 1
                && NAME_PARTICLES.contains(&ctx.lower(start - 1).as_ref())
                && ctx.is_name_word(start - 2)
                && !toks[start - 2].is_possessive()
            {
                start -= 2;
            } else {
                break;
            }
            words += 1;
        }
    }
    let mut end = ctx.name_end(i + 1, words);
    // "Mossad chief David Barnea", "Shin Bet director Ronen Bar": a name right before a title
    // and another name is an organisation's; the person is the name after the title.
    if let Some((_, t1)) = ctx.title_at(end, false)
        && ctx.is_name_word(t1)
    {
        start = t1;
        end = ctx.name_end(t1 + 1, 1);
    }
    let name = ctx.name_text(start, end);
    let b0 = toks[start].start;
    let b1 = b0 + s.get(b0..)?.find(name.as_str()).map_or(0, |_| name.len());
    Some((b0, b1, name))
}

/// All person–title pairs of a sentence.
pub fn find_titles(s: &str, toks: &[Token<'_>], vocab: &Vocab) -> Vec<TitleMention> {
    find_titles_with(s, toks, vocab, vocab.may_have_title_head(s))
}

/// [`find_titles`], told whether the sentence may have a title head
/// ([`Vocab::may_have_title_head`]).
pub fn find_titles_with(
    s: &str,
    toks: &[Token<'_>],
    vocab: &Vocab,
    may_have_title_head: bool,
) -> Vec<TitleMention> {
    let mut out: Vec<TitleMention> = Vec::new();
    // Every title is a run with a head word (`title_at`): a sentence without one has none.
    if !may_have_title_head {
        return out;
    }
    let ctx = Ctx::new(toks, vocab);
    let n = toks.len();
    if !(0..n).any(|j| ctx.lookup(j, Lookup::StemTitleHead)) {
        return out;
    }
    let mut i = 0;
    while i < n {
        // A) Title directly before a name; B) Title, Name,
        if (ctx.is_title_word(i)
            || ctx.is_place(i)
            || (toks[i].is_possessive() && toks[i].is_capitalized()))
            && let Some((t0, t1)) = ctx.title_at(i, false)
        {
            // "the envoy for the dialogue, Peter Sorensen": before a comma and a name, a
            // complement may be in lower case, as in an apposition; a name in it is the
            // title's holder ("Secretary of State Marco Rubio, Sergei Lavrov and …"). Only a
            // title with "of" or "for" in it or after it has a complement to read again.
            let has_complement =
                || (t0..=t1).any(|k| matches!(ctx.lower(k).as_ref(), "of" | "for"));
            let (t0, t1) = if ctx.tok(t1).is_some_and(|t| t.text == ",") || !has_complement() {
                (t0, t1)
            } else {
                ctx.title_at(i, true)
                    .filter(|&(_, e)| {
                        e > t1
                            && ctx.tok(e).is_some_and(|t| t.text == ",")
                            && (t1..e).all(|k| !ctx.is_name_word(k))
                            && ctx.name_at(e + 1).is_some()
                    })
                    .unwrap_or((t0, t1))
            };
            // "a spokesman for President Cyril Ramaphosa", "for Secretary of State Antony
            // Blinken": a complement with a title head of its own before a name is that
            // name's title; the spokesman is not named.
            if let Some(f) = (t0..t1).find(|&k| toks[k].text.eq_ignore_ascii_case("for"))
                && (f + 1..t1).any(|k| ctx.lookup(k, Lookup::StemTitleHead))
                && ctx.name_at(t1).is_some()
            {
                i = f + 1;
                continue;
            }
            let (mut name_start, comma) = if ctx.tok(t1).is_some_and(|t| t.text == ",") {
                (t1 + 1, true)
            } else {
                (t1, false)
            };
            // "the envoy, Sir Robert Hale": the honorific is no part of the name.
            if ctx
                .tok(name_start)
                .is_some_and(|t| vocab.is_honorific(t.bare()))
            {
                name_start += 1;
            }
            // "… alongside senior officials, Anna Moroz said": a plural title before a comma
            // ends a list, and the name after it is who says so.
            if comma
                && ctx
                    .stem(t1 - 1)
                    .is_some_and(|w| ctx.vocab.is_plural_title_head(w))
            {
                i = t1.max(i + 1);
                continue;
            }
            if let Some(name_end) = ctx.name_at(name_start) {
                // B needs the name to be closed by a comma, a verb or the end.
                let closed = !comma
                    || ctx
                        .tok(name_end)
                        .is_none_or(|t| matches!(t.text, "," | "." | ";" | ")"))
                    || ctx.tok(name_end).is_some_and(|t| !t.is_capitalized());
                if closed {
                    let name = ctx.name_text(name_start, name_end);
                    let mut tenure = ctx.tenure_before(i, t0);
                    // "Intelligence director Lars Berg, who retired in May": held before.
                    if tenure.0 == Tenure::Current && ctx.left_post_after(name_end) {
                        tenure.0 = Tenure::Former;
                    }
                    if let Some(m) = make(&ctx, s, name, (t0, t1), tenure) {
                        out.push(m);
                    }
                    // "interim leader, Ana Ruiz, who serves as defence minister": the name
                    // is read again for the relative clause (D below).
                    let relative_follows = ctx.tok(name_end).is_some_and(|t| t.text == ",")
                        && ctx.lower(name_end + 1) == "who";
                    i = if relative_follows {
                        name_start
                    } else {
                        name_end
                    };
                    continue;
                }
            }
            i = t1.max(i + 1);
            continue;
        }
        // C) Name, [the|a] [country's] [former] Title [and now Title]; D) Name, who serves as Title
        if let Some(name_end) = ctx.name_at(i) {
            let name = ctx.name_text(i, name_end);
            if ctx.tok(name_end).is_some_and(|t| t.text == ",") {
                let mut k = name_end + 1;
                let mut clause_tenure = None;
                if ctx.lower(k) == "who" {
                    // who (also) serves/served/is/was as (the) Title
                    k += 1;
                    if let Some(t) = ctx.tenure(k) {
                        clause_tenure = Some(t);
                        k += 1;
                    }
                    let verb = ctx.lower(k);
                    // "who was appointed / named / elected (as) Title", "who has been made
                    // Title": a post taken, held now unless the sentence says otherwise
                    // ("who had been appointed" is before).
                    let taken = |k: usize| {
                        matches!(
                            ctx.lower(k).as_ref(),
                            "appointed" | "named" | "elected" | "made" | "promoted" | "installed"
                        )
                    };
                    if matches!(verb.as_ref(), "became" | "becomes") {
                        // "who became foreign secretary last year": the post now.
                        k += 1;
                    } else if matches!(
                        verb.as_ref(),
                        "serves" | "served" | "is" | "was" | "works" | "worked" | "has" | "had"
                    ) {
                        let mut after = k + 1;
                        if matches!(ctx.lower(after).as_ref(), "been") {
                            after += 1;
                        }
                        let appointed = verb != "had" && taken(after);
                        if matches!(verb.as_ref(), "served" | "was" | "worked" | "had")
                            && clause_tenure.is_none()
                            && !appointed
                        {
                            clause_tenure = Some(Tenure::Former);
                        }
                        k = after;
                        if taken(k) {
                            k += 1;
                        }
                        if ctx.lower(k) == "as" {
                            k += 1;
                        }
                    } else {
                        i = name_end;
                        continue;
                    }
                }
                let mut found_any = false;
                // Words that stand before a title in an apposition: "the", "its", "the
                // group's", "Kenya's" (before a tenure word: "Kenya's former president").
                let determiner = |k: usize| {
                    let w = ctx.lower(k);
                    ARTICLES.contains(&w.as_ref())
                        || POSSESSIVE_DETERMINERS.contains(&w.as_ref())
                        || ctx.tok(k).is_some_and(|t| {
                            t.is_possessive()
                                && (!t.is_capitalized()
                                    || (ctx.tenure(k + 1).is_some() && ctx.is_place(k)))
                        })
                };
                loop {
                    while determiner(k) {
                        k += 1;
                    }
                    let mut tenure = clause_tenure.unwrap_or(Tenure::Current);
                    let mut tenure_at = None;
                    while let Some(t) = ctx.tenure(k) {
                        tenure = t;
                        tenure_at.get_or_insert(k);
                        k += 1;
                    }
                    while ARTICLES.contains(&ctx.lower(k).as_ref()) {
                        k += 1;
                    }
                    let Some((t0, t1)) = ctx.title_at(k, true) else {
                        break;
                    };
                    // "Steve Witkoff, President Donald Trump's special envoy": a title before
                    // a possessive name is that person's; the apposition's title follows.
                    if let Some(owner_end) = ctx.name_at(t1)
                        && owner_end > t1
                        && toks[owner_end - 1].is_possessive()
                    {
                        let owner = ctx.name_text(t1, owner_end);
                        if let Some(m) = make(&ctx, s, owner, (t0, t1), ctx.tenure_before(t0, t0)) {
                            out.push(m);
                        }
                        k = owner_end;
                        continue;
                    }
                    // "… brokered by Ahmed Hassan, officials said": a plural title is several
                    // people, never one name's (here, who says so).
                    if ctx
                        .stem(t1 - 1)
                        .is_some_and(|w| ctx.vocab.is_plural_title_head(w))
                    {
                        break;
                    }
                    // A list of other officials ("X, a deputy minister, a deputy ...") is not
                    // an apposition; a title word with a determiner after it is a verb, which
                    // ends one ("X, spokesman of the Front, heads the delegation").
                    let list_follows = ctx.tok(t1).is_some_and(|t| t.text == ",")
                        && ((ctx.is_title_word(t1 + 1) && !determiner(t1 + 2))
                            || (ARTICLES.contains(&ctx.lower(t1 + 1).as_ref())
                                && ctx.is_title_word(t1 + 2)));
                    if list_follows {
                        break;
                    }
                    let (glued, _) = ctx.tenure_before(t0, t0);
                    if glued != Tenure::Current && tenure_at.is_none() {
                        tenure = glued;
                    }
                    // "defence minister until July": held before, not now.
                    if ctx.lower(t1) == "until" && tenure_at.is_none() {
                        tenure = Tenure::Former;
                    }
                    if let Some(m) = make(
                        &ctx,
                        s,
                        name.clone(),
                        (t0, t1),
                        (tenure, tenure_at.unwrap_or(t0)),
                    ) {
                        out.push(m);
                        found_any = true;
                    }
                    k = t1;
                    // "... and now Title", "... and also Title", "... and a former Title",
                    // "... and the group's spokesman"
                    let mut next = k + 1;
                    while determiner(next) {
                        next += 1;
                    }
                    if ctx.lower(k) == "and"
                        && (ctx.tenure(next).is_some() || ctx.is_title_word(next))
                    {
                        k += 1;
                        clause_tenure = None;
                        continue;
                    }
                    break;
                }
                if found_any {
                    i = k.max(name_end);
                    continue;
                }
            }
            i = name_end;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::tokenize;
    use crate::rules::Rules;

    fn pairs(s: &str) -> Vec<(String, String, Tenure)> {
        let rules = Rules::defaults().unwrap_or_else(|e| panic!("{e}"));
        let toks = tokenize(s);
        find_titles(s, &toks, &rules.vocab)
            .into_iter()
            .map(|m| (m.name, rules.vocab.normalize_title(&m.title), m.tenure))
            .collect()
    }

    #[test]
    fn the_title_head_prefilter_passes_every_sentence_with_a_head() {
        let rules = Rules::defaults().unwrap_or_else(|e| panic!("{e}"));
        let vocab = &rules.vocab;
        // Heads in every form (plural, case, glued tenure, possessive, punctuation) and words
        // that only contain one.
        let words: Vec<&str> = r#"Ministers ex-PRESIDENT envoy's Deputies coaches chairs, (aide) Vice-President then-chief mp talking ahead company kings spokeswoman. heads Secretaries the said 5 "Governor""#
            .split(' ')
            .collect();
        let mut with_head = 0;
        for a in &words {
            for b in &words {
                for sep in [" ", " - ", "; "] {
                    let s = format!("The {a}{sep}{b} met in Oslo.");
                    let toks = tokenize(&s);
                    let ctx = Ctx::new(&toks, vocab);
                    let exact = (0..toks.len())
                        .any(|j| ctx.stem(j).is_some_and(|w| vocab.is_title_head(w)));
                    with_head += usize::from(exact);
                    assert!(!exact || vocab.may_have_title_head(&s), "{s:?}");
                }
            }
        }
        assert!(with_head > 100, "{with_head}");
        for s in [
            "He was talking about making a deal with the company.",
            "The talks went ahead in the headquarters on Monday.",
            "Drones hit the camp overnight.",
        ] {
            assert!(!vocab.may_have_title_head(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn stem_is_the_split_at_a_glued_tenure(
            s in r"((ex|then|former|Ex|x)?(-|‑|’|–)?(president|Minister|chief|é|s|[a-z]{1,3})('s|’s)? ?){1,4}"
        ) {
            let rules = Rules::defaults().unwrap_or_else(|e| panic!("{e}"));
            let toks = tokenize(&s);
            let ctx = Ctx::new(&toks, &rules.vocab);
            for (i, t) in toks.iter().enumerate() {
                let bare = t.bare();
                let split = match bare.split_once(['-', '‑']) {
                    Some((pre, rest)) if rules.vocab.tenure_of(pre).is_some() && !rest.is_empty() => rest,
                    _ => bare,
                };
                proptest::prop_assert_eq!(ctx.stem(i), Some(split), "{:?}", t.text);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn lookups_answer_as_the_vocabulary(
            s in r"((the|ex-|former )?(President|minister's|Ministers|Kyiv|Ukraine’s|Russian|chief|Foreign|Ana|[A-Za-z]{1,3})[,.]? ){1,8}",
            order in proptest::collection::vec((0usize..20, 0usize..4), 0..40),
        ) {
            let rules = Rules::defaults().unwrap_or_else(|e| panic!("{e}"));
            let vocab = &rules.vocab;
            let toks = tokenize(&s);
            let ctx = Ctx::new(&toks, vocab);
            for (i, which) in order {
                let (lookup, expected) = match (which, toks.get(i)) {
                    (_, None) => (Lookup::Place, false),
                    (0, Some(_)) => (Lookup::StemTitleWord, ctx.stem(i).is_some_and(|w| vocab.is_title_word(w))),
                    (1, Some(_)) => (Lookup::StemTitleHead, ctx.stem(i).is_some_and(|w| vocab.is_title_head(w))),
                    (2, Some(t)) => (Lookup::BareTitleWord, vocab.is_title_word(t.bare())),
                    (_, Some(t)) => (Lookup::Place, vocab.place(t.bare()).is_some()),
                };
                proptest::prop_assert_eq!(ctx.lookup(i, lookup), expected, "{} {}", i, which);
            }
        }
    }

    #[test]
    fn a_possessive_before_the_title_is_not_part_of_it() {
        assert_eq!(
            pairs("Marta Ilves's chief of staff, Jonas Kask, said Tallinn would not accept it."),
            vec![(
                "Jonas Kask".to_string(),
                "chief of staff".to_string(),
                Tenure::Current
            )]
        );
    }

    #[test]
    fn a_title_for_a_titled_name_is_not_that_name_s() {
        let said = |s: &str| {
            pairs(s)
                .into_iter()
                .map(|(name, title, _)| format!("{name}: {title}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            said("A spokeswoman for Prime Minister Elena Varga declined to comment."),
            ["Elena Varga: prime minister"]
        );
        assert_eq!(
            said("An adviser for President Tomas Lind said the vote would go ahead."),
            ["Tomas Lind: president"]
        );
        // A complement of the post itself still makes the title of the name after it.
        assert_eq!(
            said("Special Envoy for Syria Geir Pedersen arrived in Damascus."),
            ["Geir Pedersen: special envoy for syria"]
        );
    }

    #[test]
    fn a_title_word_before_a_determiner_is_the_verb_after_an_apposition() {
        assert_eq!(
            pairs("Lena Ohm, spokeswoman of the Green Party, heads the delegation."),
            vec![(
                "Lena Ohm".to_string(),
                "spokesperson of the green party".to_string(),
                Tenure::Current
            )]
        );
    }

    #[test]
    fn a_list_of_unnamed_officials_is_not_an_apposition() {
        assert_eq!(
            pairs(
                "Minsk sent aide Oleg Brin, a deputy defence minister, a deputy foreign minister and a spy chief."
            ),
            vec![("Oleg Brin".to_string(), "aide".to_string(), Tenure::Current)]
        );
    }
}
