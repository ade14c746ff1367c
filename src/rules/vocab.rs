//! The shared vocabularies, compiled into lookups the extractors and the resolver use.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

use super::schema::{EventsVocab, MeasuresVocab, PeopleVocab, PlacesVocab, TitlesVocab};
use crate::extract::dates::TimeVocab;
use crate::extract::number::{HedgeVocab, NumberVocab};
use crate::model::Tenure;

/// All vocabularies of a rule set, with lookup tables built once.
#[derive(Clone, Debug, Default)]
pub struct Vocab {
    pub people: PeopleVocab,
    pub places: PlacesVocab,
    pub titles: TitlesVocab,
    pub measures: MeasuresVocab,
    pub events: EventsVocab,
    pub numbers: NumberVocab,
    pub hedges: HedgeVocab,
    pub time: TimeVocab,
    /// lower-case alias or name → canonical person name.
    person_alias: HashMap<String, String>,
    /// lower-case alias → canonical place name.
    place_alias: HashMap<String, String>,
    /// lower-case title words (heads and modifiers).
    title_heads: HashMap<String, ()>,
    /// The single-word title heads as they can be written inside a sentence, for
    /// [`Vocab::may_have_title_head`], built on its first use (extraction asks the rules'
    /// prefilter, which looks for them too); `None` when some head is not plain ASCII.
    title_head_finder: std::sync::OnceLock<Option<super::prefilter::LiteralFinder>>,
    /// What `title_head_finder` looks for (also searched by the rules' prefilter, in the same
    /// pass as the patterns' literals).
    title_head_literals: Option<Vec<String>>,
    title_modifiers: HashMap<String, ()>,
    /// lower-case form → canonical title.
    /// (form, canonical, also before a complement), longest forms first.
    title_alias: Vec<(String, String, bool)>,
    /// lower-case tenure word → tenure.
    tenure_words: Vec<(Vec<String>, Tenure)>,
    /// lower-case verb form → measure name.
    verb_forms: HashMap<String, String>,
    /// The measures of verb forms that name one only for some nouns: the measure the forms
    /// name for any noun (`otherwise`) → the measure for those nouns, and the nouns.
    noun_bound_verbs: HashMap<String, (String, Vec<String>)>,
    stop_words: HashMap<String, ()>,
    event_nouns: HashMap<String, ()>,
    /// Words after which an event noun is part of a compound that is no event ("exchange
    /// rate"), singular.
    event_compound_heads: HashMap<String, ()>,
    ordinals: HashMap<String, u32>,
    /// What the topic patterns' placeholders stand for, made on first use.
    placeholders: std::sync::OnceLock<[String; 4]>,
    /// The first bytes of the [`Vocab::ordinals`] keys when all are ASCII (bit `b` for byte
    /// `b`), `None` otherwise: a word starting with another ASCII letter is not looked up.
    ordinal_initials: Option<u128>,
    /// The last bytes of the [`Vocab::ordinals`] keys when all are ASCII (bit `b` for byte
    /// `b`), `None` otherwise: a word ending in another visible ASCII char is not looked up.
    ordinal_ends: Option<u128>,
    /// For each ASCII byte `b`, the lengths (bit `n` for `n` < 32 bytes) of the
    /// [`Vocab::ordinals`] keys that start with `b`: see [`Vocab::ordinal`].
    ordinal_shapes: KeyShapes,
    /// [`KeyShapes`] of the title heads and modifiers, for [`Vocab::is_title_word`].
    title_word_shapes: KeyShapes,
    /// [`KeyShapes`] of the title heads, for [`Vocab::is_title_head`].
    title_head_shapes: KeyShapes,
    /// [`KeyShapes`] of the place aliases, for [`Vocab::place`]; `None` when an alias is
    /// empty (the key of "'s" without its possessive).
    place_shapes: Option<KeyShapes>,
}

/// For each ASCII byte `b`, the lengths of some keys that start with `b` (bit `n` for
/// length `n` < 32).
#[derive(Clone, Debug)]
struct KeyShapes([u32; 128]);

impl Default for KeyShapes {
    fn default() -> KeyShapes {
        KeyShapes([0; 128])
    }
}

impl KeyShapes {
    /// For a word of visible ASCII (no spaces or controls, so nothing to trim) shorter than 32
    /// bytes, which is its own key lowered byte by byte: the lengths of the keys that start
    /// with its key's first byte, and its length. `None` for other words.
    fn lengths_for(&self, word: &str) -> Option<(u32, usize)> {
        let b = word.as_bytes();
        let &first = b.first()?;
        (b.len() < 32 && b.iter().all(u8::is_ascii_graphic))
            .then(|| (self.0[usize::from(first.to_ascii_lowercase())], b.len()))
    }
}

/// For each ASCII first byte, the set of lengths below 32 of the `keys` that start with it
/// (bit `n` for length `n`). Longer keys and keys that start with a non-ASCII char are not
/// in it: no word of visible ASCII shorter than 32 bytes has them as its key.
fn ascii_shapes<'a>(keys: impl Iterator<Item = &'a String>) -> KeyShapes {
    let mut shapes = [0u32; 128];
    for k in keys {
        if let Some(&b) = k.as_bytes().first()
            && b.is_ascii()
            && k.len() < 32
        {
            shapes[usize::from(b)] |= 1 << k.len();
        }
    }
    KeyShapes(shapes)
}

/// The set of last bytes of `keys` (bit `b` for byte `b`), `None` when a key is empty or
/// ends with a non-ASCII char.
fn ascii_ends<'a>(keys: impl Iterator<Item = &'a String>) -> Option<u128> {
    keys.map(|k| k.as_bytes().last().filter(|b| b.is_ascii()))
        .try_fold(0u128, |set, b| b.map(|&b| set | 1u128 << b))
}

/// The set of first bytes of `keys` (bit `b` for byte `b`), `None` when a key is empty or
/// starts with a non-ASCII char.
fn ascii_initials<'a>(keys: impl Iterator<Item = &'a String>) -> Option<u128> {
    keys.map(|k| k.as_bytes().first().filter(|b| b.is_ascii()))
        .try_fold(0u128, |set, b| b.map(|&b| set | 1u128 << b))
}

/// Lower-case words of a phrase.
pub fn words_lower(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_lowercase).collect()
}

/// Whether `singular` can change the (trimmed) word: only words ending in s are changed.
fn could_be_plural(w: &str) -> bool {
    w.contains(' ') || w.ends_with('s')
}

/// A crude English singular of a lower-case noun, enough to match "drones" to "drone",
/// "casualties" to "casualty", "detainees" to "detainee".
pub fn singular(word: &str) -> String {
    singular_cow(word).into_owned()
}

/// [`singular`], borrowed from `word` when it is a slice of it (all but "-ies" words and
/// phrases): the lookups of plural-looking words do not allocate.
fn singular_cow(word: &str) -> Cow<'_, str> {
    let w = trim(word);
    if w.contains(' ') {
        return Cow::Owned(w.split(' ').map(singular).collect::<Vec<_>>().join(" "));
    }
    if w.len() > 4 && w.ends_with("ies") {
        return Cow::Owned(format!("{}y", &w[..w.len() - 3]));
    }
    for suffix in ["sses", "shes", "ches", "xes"] {
        if w.len() > suffix.len() + 1 && w.ends_with(suffix) {
            return Cow::Borrowed(&w[..w.len() - 2]);
        }
    }
    if w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        return Cow::Borrowed(&w[..w.len() - 1]);
    }
    Cow::Borrowed(w)
}

/// [`lower_key`] without allocating when the text is already a key (lower-case ASCII, single
/// spaces, trimmed): the common case of lookups.
/// A lookup key: the text trimmed, in lower case, ’ as ', single spaces. Short ASCII words
/// (nearly every lookup) are lowered on the stack.
enum Key<'a> {
    Borrowed(&'a str),
    Inline([u8; INLINE_KEY], usize),
    Owned(String),
}

const INLINE_KEY: usize = 48;

/// Each deref of an inline key checks its bytes again (`from_utf8`): a lookup derefs once.
impl std::ops::Deref for Key<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            // Only ASCII bytes are ever stored inline.
            Key::Inline(buf, len) => std::str::from_utf8(&buf[..*len]).unwrap_or_default(),
            Key::Owned(s) => s,
        }
    }
}

impl AsRef<str> for Key<'_> {
    fn as_ref(&self) -> &str {
        self
    }
}

/// `s.trim()`, without its char-by-char search from both ends when `s` starts and ends with
/// visible ASCII (a char that is no whitespace), as nearly every word looked up does.
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

fn key(s: &str) -> Key<'_> {
    let t = trim(s);
    let b = t.as_bytes();
    // A word of visible ASCII (nearly every lookup) is plain: two light passes, the second
    // mostly ending at a capital first letter, instead of `plain_ascii`'s.
    let (plain, upper) = if b.iter().all(u8::is_ascii_graphic) {
        (true, b.iter().any(u8::is_ascii_uppercase))
    } else {
        plain_ascii(t)
    };
    if plain && !upper {
        Key::Borrowed(t)
    } else if plain && t.len() <= INLINE_KEY {
        let mut buf = [0u8; INLINE_KEY];
        if let Some(head) = buf.get_mut(..b.len()) {
            head.copy_from_slice(b);
            head.make_ascii_lowercase();
        }
        Key::Inline(buf, t.len())
    } else {
        Key::Owned(lower_key(s))
    }
}

/// One pass over a trimmed text: whether it is plain (ASCII without tabs, line breaks or
/// double spaces, so lowering it byte by byte makes its key) and whether it has an upper-case
/// letter (meaningful only when plain).
fn plain_ascii(t: &str) -> (bool, bool) {
    let mut upper = false;
    let mut after_space = false;
    for b in t.bytes() {
        if !b.is_ascii() || matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            return (false, upper);
        }
        if b == b' ' {
            if after_space {
                return (false, upper);
            }
            after_space = true;
        } else {
            after_space = false;
        }
        upper |= b.is_ascii_uppercase();
    }
    (true, upper)
}

fn lower_key(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What [`Vocab::may_have_title_head`] looks for: every single-word head (a head of several
/// words never equals one token), and for a head in "-y" its plural in "-ies" (every other
/// plural that [`singular`] undoes contains its head), case-insensitively. `None` when a head
/// is not plain ASCII (a byte-wise search would not see its other cases) or has an apostrophe
/// (a word with ’ has it as ' in its key).
fn title_head_literals<'a>(heads: impl Iterator<Item = &'a String>) -> Option<Vec<String>> {
    let mut literals = Vec::new();
    for h in heads.filter(|h| !h.is_empty() && !h.contains(' ')) {
        if !h.is_ascii() || h.contains('\'') {
            return None;
        }
        if let Some(stem) = h.strip_suffix('y') {
            literals.push(format!("{stem}ies"));
        }
        literals.push(h.clone());
    }
    Some(literals)
}

/// Whether a title-head literal found at `start..end` of an ASCII sentence `b` is a word a
/// head can be: a whole word (a glued "ex-" may precede it), with an "s" or "es" of the
/// plural.
pub fn is_head_word_at(b: &[u8], start: usize, end: usize) -> bool {
    let letter_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphabetic);
    let mut after = end;
    if b.get(after).is_some_and(|c| c.eq_ignore_ascii_case(&b'e')) {
        after += 1;
    }
    if b.get(after).is_some_and(|c| c.eq_ignore_ascii_case(&b's')) {
        after += 1;
    }
    let starts_word = start == 0 || !letter_at(start - 1);
    starts_word && (!letter_at(after) || !letter_at(end))
}

impl Vocab {
    #[allow(clippy::too_many_arguments)]
    pub fn build(
        people: PeopleVocab,
        places: PlacesVocab,
        titles: TitlesVocab,
        measures: MeasuresVocab,
        events: EventsVocab,
        numbers: NumberVocab,
        hedges: HedgeVocab,
        time: TimeVocab,
    ) -> Vocab {
        let mut person_alias = HashMap::default();
        for p in &people.person {
            person_alias.insert(lower_key(&p.name), p.name.clone());
            for a in &p.aliases {
                person_alias.insert(lower_key(a), p.name.clone());
            }
        }
        let mut place_alias = HashMap::default();
        for p in &places.place {
            place_alias.insert(lower_key(&p.name), p.name.clone());
            for a in &p.aliases {
                place_alias.insert(lower_key(a), p.name.clone());
            }
        }
        let title_heads: HashMap<String, ()> =
            titles.heads.iter().map(|h| (lower_key(h), ())).collect();
        let title_head_literals = title_head_literals(title_heads.keys());
        let title_modifiers: HashMap<String, ()> = titles
            .modifiers
            .iter()
            .map(|h| (lower_key(h), ()))
            .collect();
        let mut title_alias = Vec::new();
        for a in &titles.alias {
            for f in &a.forms {
                title_alias.push((lower_key(f), lower_key(&a.canonical), a.before_complement));
            }
        }
        // Longest forms first so "deputy defence minister" wins over "defence minister".
        title_alias.sort_by_key(|a: &(String, String, bool)| std::cmp::Reverse(a.0.len()));
        let tenure_words = vec![
            (
                titles.tenure.former.iter().map(|w| lower_key(w)).collect(),
                Tenure::Former,
            ),
            (
                titles.tenure.now.iter().map(|w| lower_key(w)).collect(),
                Tenure::Now,
            ),
            (
                titles.tenure.also.iter().map(|w| lower_key(w)).collect(),
                Tenure::Also,
            ),
            (
                titles.tenure.held.iter().map(|w| lower_key(w)).collect(),
                Tenure::Current,
            ),
        ];
        let mut verb_forms = HashMap::default();
        let mut noun_bound_verbs = HashMap::default();
        for v in &measures.verb {
            // Forms bound to some nouns read as `otherwise` until the noun is known.
            let measure = match &v.otherwise {
                Some(otherwise) if !v.nouns.is_empty() => {
                    let nouns = v.nouns.iter().map(|n| singular(&lower_key(n))).collect();
                    noun_bound_verbs.insert(otherwise.clone(), (v.measure.clone(), nouns));
                    otherwise
                }
                _ => &v.measure,
            };
            for f in &v.forms {
                verb_forms.insert(lower_key(f), measure.clone());
            }
        }
        let stop_words = measures
            .stop_words
            .iter()
            .map(|w| (lower_key(w), ()))
            .collect();
        let event_nouns = events
            .nouns
            .iter()
            .map(|w| (singular(&lower_key(w)), ()))
            .collect();
        let event_compound_heads = events
            .compound_heads
            .iter()
            .map(|w| (singular(&lower_key(w)), ()))
            .collect();
        let ordinals: HashMap<String, u32> = events
            .ordinals
            .iter()
            .map(|o| (lower_key(&o.word), o.number))
            .collect();
        Vocab {
            people,
            places,
            titles,
            measures,
            events,
            numbers,
            hedges,
            time,
            person_alias,
            place_shapes: (!place_alias.contains_key("")).then(|| ascii_shapes(place_alias.keys())),
            place_alias,
            title_word_shapes: ascii_shapes(title_heads.keys().chain(title_modifiers.keys())),
            title_head_shapes: ascii_shapes(title_heads.keys()),
            title_heads,
            title_head_finder: std::sync::OnceLock::new(),
            title_head_literals,
            title_modifiers,
            title_alias,
            tenure_words,
            verb_forms,
            noun_bound_verbs,
            stop_words,
            event_nouns,
            event_compound_heads,
            ordinal_initials: ascii_initials(ordinals.keys()),
            ordinal_ends: ascii_ends(ordinals.keys()),
            ordinal_shapes: ascii_shapes(ordinals.keys()),
            ordinals,
            placeholders: std::sync::OnceLock::new(),
        }
    }

    /// The canonical person for a name or alias in the vocabulary.
    pub fn person(&self, name: &str) -> Option<&str> {
        self.person_alias
            .get(key(name).as_ref())
            .map(String::as_str)
    }

    /// The canonical place for a name, demonym or metonym ("Riga's" → "Latvia").
    pub fn place(&self, text: &str) -> Option<&str> {
        // Asked of most words of a sentence with a title head. A word of visible ASCII has no
        // space, so only a possessive "'s" can be stripped from its key: a word none of whose
        // key's shapes (its own length, or two bytes shorter) is an alias's is ruled out.
        if let Some(shapes) = &self.place_shapes
            && let Some((lengths, n)) = shapes.lengths_for(text)
            && lengths & ((0b101u64 << n) >> 2) as u32 == 0
        {
            return None;
        }
        let key = key(text);
        let k: &str = &key;
        let k = k.strip_prefix("the ").unwrap_or(k);
        let k = k.strip_suffix("'s").unwrap_or(k);
        self.place_alias.get(k).map(String::as_str)
    }

    /// Whether a normalized title is made only of words that name no post (`vague` in
    /// titles.toml: "leader", "senior official") and of the acronyms of organisations in the
    /// title as written (`written`): "a senior TPLF official" names no post either.
    pub fn is_vague_title(&self, normalized: &str, written: &str) -> bool {
        let vague = &self.titles.vague;
        let acronym = |w: &str| {
            written.split(|c: char| !c.is_alphanumeric()).any(|a| {
                (2..=6).contains(&a.len())
                    && a.bytes().all(|b| b.is_ascii_uppercase())
                    && a.eq_ignore_ascii_case(w)
            })
        };
        !vague.is_empty()
            && normalized.split(' ').any(|w| vague.iter().any(|v| v == w))
            && normalized
                .split(' ')
                .all(|w| vague.iter().any(|v| v == w) || acronym(w))
    }

    /// Whether a `{side}` as written is a title word and no side: "Special" in "Special envoy
    /// Steve Witkoff" (the placeholder's catch-all takes any capitalized word). A place or a
    /// side noun ("government", also a title word) is a side.
    pub fn is_title_word_not_side(&self, text: &str) -> bool {
        let word = text.trim_end_matches("'s").trim_end_matches("’s");
        self.is_title_word(word) && self.place(text).is_none() && self.side_noun(word).is_none()
    }

    /// The vocabulary's side noun `word` is, in any capitals ("Army" is "army").
    fn side_noun(&self, word: &str) -> Option<&String> {
        self.places
            .side_nouns
            .iter()
            .find(|n| n.eq_ignore_ascii_case(word))
    }

    /// Whether `word` (as written, without a possessive) is an honorific: a word before a name
    /// that is not part of it ("Sheikh", "Sir").
    pub fn is_honorific(&self, word: &str) -> bool {
        let word = word.strip_suffix('.').unwrap_or(word);
        self.people.honorifics.iter().any(|h| h == word)
    }

    /// A side as written ("the Latvian", "Riga’s") → its canonical name, or the text
    /// itself tidied when it is not in the vocabulary.
    pub fn side(&self, text: &str) -> String {
        if let Some(p) = self.place(text) {
            return p.to_string();
        }
        let t = text.trim().replace('’', "'");
        let t = t
            .strip_prefix("the ")
            .or_else(|| t.strip_prefix("The "))
            .unwrap_or(&t);
        let t = t.strip_suffix("'s").unwrap_or(t);
        // A side noun in a headline's capitals is the same side: "Army" is "army".
        match self.side_noun(t) {
            Some(noun) => noun.clone(),
            None => t.to_string(),
        }
    }

    pub fn is_title_head(&self, word: &str) -> bool {
        // The shapes of [`Vocab::is_title_word`]: [`singular`] keeps the first byte and drops at
        // most two.
        if let Some((lengths, n)) = self.title_head_shapes.lengths_for(word)
            && lengths & ((0b111u64 << n) >> 2) as u32 == 0
        {
            return false;
        }
        self.is_title_head_key(&key(word))
    }

    /// Whether the word is a title head in the plural ("officials", "ministers"): a title of
    /// several people, never one name's.
    pub fn is_plural_title_head(&self, word: &str) -> bool {
        let w = key(word);
        could_be_plural(&w)
            && !self.title_heads.contains_key(w.as_ref() as &str)
            && self.title_heads.contains_key(singular_cow(&w).as_ref())
    }

    /// [`Vocab::is_title_head`] of a word already made a key.
    fn is_title_head_key(&self, w: &str) -> bool {
        self.title_heads.contains_key(w)
            || (could_be_plural(w) && self.title_heads.contains_key(singular_cow(w).as_ref()))
    }

    /// Whether some word of `sentence` may be a title head for [`Vocab::is_title_head`]: one
    /// pass over the text, so the sentences without a title (most of them) are not looked up
    /// word by word. Never false for a sentence that has a head; true whenever unsure (text
    /// with a char beyond the narrow ones, [`super::narrow::is_narrow`]). In narrow text no
    /// char but an ASCII letter lowers to an ASCII letter alone, and no head has an apostrophe
    /// (which a key makes of ’), so a word that is a head holds the head's ASCII letters.
    pub fn may_have_title_head(&self, sentence: &str) -> bool {
        let finder = self.title_head_finder.get_or_init(|| {
            self.title_head_literals
                .as_deref()
                .and_then(super::prefilter::LiteralFinder::new)
        });
        let Some(finder) = finder else {
            return true;
        };
        if !super::narrow::is_narrow(sentence) {
            return true;
        }
        let b = sentence.as_bytes();
        finder
            .each_match(b, |head, end| {
                if is_head_word_at(b, end - finder.literal_len(head), end) {
                    std::ops::ControlFlow::Break(())
                } else {
                    std::ops::ControlFlow::Continue(())
                }
            })
            .is_break()
    }

    /// The literals [`Vocab::may_have_title_head`] looks for (with [`is_head_word_at`]);
    /// `None` when it cannot look (every sentence may then have a head).
    pub fn title_head_literals(&self) -> Option<&[String]> {
        self.title_head_literals.as_deref()
    }

    /// The literals of which a sentence of narrow chars ([`super::narrow::is_narrow`]) with an
    /// event cue word (an ordinal or a "previous" word, as
    /// [`crate::extract::events::sentence_cues`] reads them) has one, lower-cased; empty (not
    /// known) when one is not ASCII. No narrow char but ASCII letters lowers to an ASCII
    /// letter alone, so such a word is one of these in some ASCII case.
    pub fn event_cue_literals(&self) -> Vec<Vec<u8>> {
        let words: Vec<Vec<u8>> = self
            .ordinals
            .keys()
            .map(|k| k.as_bytes().to_vec())
            .chain(
                self.events
                    .previous
                    .iter()
                    .map(|p| p.as_bytes().to_ascii_lowercase()),
            )
            .collect();
        if words.iter().all(|w| !w.is_empty() && w.is_ascii()) {
            words
        } else {
            Vec::new()
        }
    }

    pub fn is_title_modifier(&self, word: &str) -> bool {
        self.title_modifiers.contains_key(key(word).as_ref())
    }

    pub fn is_title_word(&self, word: &str) -> bool {
        // Asked of most words of a sentence with a title head, and most are none: a word of
        // visible ASCII none of whose key's shapes (its own length, or the one or two bytes
        // shorter of its singular, which keeps the first byte) is a head's or a modifier's is
        // ruled out before its key is made.
        if let Some((lengths, n)) = self.title_word_shapes.lengths_for(word)
            && lengths & ((0b111u64 << n) >> 2) as u32 == 0
        {
            return false;
        }
        // One key for both lookups: `is_title_head(word) || is_title_modifier(word)`.
        let key = key(word);
        let w: &str = &key;
        self.is_title_head_key(w) || self.title_modifiers.contains_key(w)
    }

    /// The tenure a word (or two-word phrase) marks, if any.
    pub fn tenure_of(&self, phrase: &str) -> Option<Tenure> {
        // `key` is `lower_key` without allocating for the usual plain word.
        let key = key(phrase.trim_end_matches('-'));
        let k: &str = &key;
        self.tenure_words
            .iter()
            .find(|(words, _)| words.iter().any(|w| w == k))
            .map(|(_, t)| *t)
    }

    /// A title as written → its canonical lower-case form: drop places and demonyms ("U.S.
    /// President" → "president"), apply spellings ("defence minister" → "defense minister").
    pub fn normalize_title(&self, title: &str) -> String {
        let cleaned = lower_key(title).replace(['’'], "'");
        let mut words: Vec<String> = cleaned.split(' ').map(str::to_string).collect();
        // Drop leading places / demonyms / possessives / articles.
        while words.len() > 2 && self.place(&format!("{} {}", words[0], words[1])).is_some() {
            words.drain(..2);
        }
        while let Some(first) = words.first() {
            let bare = first.trim_end_matches("'s");
            if matches!(first.as_str(), "the" | "a" | "an")
                || self.place(bare).is_some()
                || first.ends_with("'s")
            {
                words.remove(0);
            } else {
                break;
            }
        }
        // Whose office a complement names is no part of the post: "head of Ukraine's
        // presidential office" is the "head of the presidential office".
        let mut k = 1;
        while k < words.len() {
            if words[k].ends_with("'s") && matches!(words[k - 1].as_str(), "of" | "the") {
                if words[k - 1] == "the" {
                    words.remove(k);
                    continue;
                }
                words[k] = "the".to_string();
            }
            k += 1;
        }
        // Whose adviser a title names is no part of the post either: "the prime minister's
        // national security adviser" is a "national security adviser".
        let joined = words
            .iter()
            .position(|w| matches!(w.as_str(), "for" | "to" | "of" | "in"))
            .unwrap_or(words.len());
        if let Some(p) = words[..joined]
            .iter()
            .rposition(|w| w.ends_with("'s"))
            .filter(|&p| p + 1 < joined)
        {
            words.drain(..=p);
        }
        // A country after "of" is whose post it is, as a demonym before it would be:
        // "president of Nigeria" is a "president" as "Nigerian president" is.
        if let Some(k) = words.iter().position(|w| w == "of")
            && k > 0
        {
            let rest = &words[k + 1..];
            let rest = if rest.first().is_some_and(|w| w == "the") {
                &rest[1..]
            } else {
                rest
            };
            if !rest.is_empty() && self.place(&rest.join(" ")).is_some() {
                words.truncate(k);
            }
        }
        // Drop a complement that names no post: "envoy for the process" → "envoy".
        if let Some(k) = words
            .iter()
            .position(|w| matches!(w.as_str(), "for" | "to" | "of" | "in"))
            && k > 0
        {
            let rest = &words[k + 1..];
            let rest = match rest.first().map(String::as_str) {
                Some("the" | "these" | "this") => &rest[1..],
                _ => rest,
            };
            let complement = rest.join(" ");
            if !rest.is_empty() && self.titles.vague_complements.contains(&complement) {
                words.truncate(k);
            }
        }
        let mut s = words.join(" ");
        for (form, canonical, before_complement) in &self.title_alias {
            if s == *form {
                s = canonical.clone();
                break;
            }
            if let Some(rest) = s.strip_suffix(form.as_str())
                && rest.ends_with(' ')
            {
                s = format!("{rest}{canonical}");
                break;
            }
            // "spokesman of the Front" is the Front's spokesperson.
            if *before_complement
                && let Some(rest) = s.strip_prefix(form.as_str())
                && ["of", "for", "to", "in"].iter().any(|j| {
                    rest.strip_prefix(' ')
                        .and_then(|r| r.strip_prefix(j))
                        .is_some_and(|r| r.starts_with(' '))
                })
            {
                s = format!("{canonical}{rest}");
                break;
            }
        }
        s.trim().to_string()
    }

    /// The measure a verb form names ("killing" → "killed"); for a form bound to some nouns
    /// ("sent": launched for drones), the measure it names for any other noun ("sent").
    pub fn verb_measure(&self, word: &str) -> Option<&str> {
        self.verb_forms.get(key(word).as_ref()).map(String::as_str)
    }

    /// Whether some verb forms name their measure only for some nouns.
    pub fn has_noun_bound_verbs(&self) -> bool {
        !self.noun_bound_verbs.is_empty()
    }

    /// The measure a count's verb names for its counted noun (singular, lower case), when
    /// the verb's forms are bound to some nouns and the noun is one of them: "sent" for
    /// "drone" → "launched".
    pub fn noun_bound_measure(&self, verb: &str, noun_key: &str) -> Option<&str> {
        let (measure, nouns) = self.noun_bound_verbs.get(verb)?;
        nouns
            .iter()
            .any(|n| {
                n == noun_key
                    || noun_key
                        .strip_suffix(n.as_str())
                        .is_some_and(|head| head.ends_with(' '))
            })
            .then_some(measure.as_str())
    }

    pub fn is_stop_word(&self, word: &str) -> bool {
        self.stop_words.contains_key(key(word).as_ref())
    }

    pub fn is_event_noun(&self, word: &str) -> bool {
        Self::has_singular(&self.event_nouns, word)
    }

    /// Whether `word`, followed by `next`, names an event: an event noun not at the head of
    /// a compound that is something else ("the exchange" is one, "the exchange rate" none).
    pub fn is_event_noun_before(&self, word: &str, next: Option<&str>) -> bool {
        self.is_event_noun(word)
            && !next.is_some_and(|n| Self::has_singular(&self.event_compound_heads, n))
    }

    /// Whether the word, or its singular, is a key of `set`.
    fn has_singular(set: &HashMap<String, ()>, word: &str) -> bool {
        let key = key(word);
        let w: &str = &key;
        if could_be_plural(w) {
            set.contains_key(singular_cow(w).as_ref())
        } else {
            set.contains_key(w)
        }
    }

    pub fn ordinal(&self, word: &str) -> Option<u32> {
        // This is asked of every word of every sentence, and nearly every word is no ordinal.
        // A word that ends in a visible ASCII char ends its key with that char lowered (a
        // key is the word trimmed of white space and lowered): one no key ends with rules
        // the word out at once ("the", "talks"; every ordinal ends in -st, -nd, -rd, -th).
        if let (Some(ends), Some(&last)) = (self.ordinal_ends, word.as_bytes().last())
            && last.is_ascii_graphic()
            && ends & (1u128 << last.to_ascii_lowercase()) == 0
        {
            return None;
        }
        // A word of visible ASCII (no spaces or controls, so nothing to trim) is its own key
        // lowered byte by byte: the key's first byte is the word's lowered and its length the
        // word's. A word of a shape no key has is ruled out before the key is made (or the
        // word trimmed, which costs more than the rest).
        if let Some((lengths, n)) = self.ordinal_shapes.lengths_for(word)
            && lengths & (1 << n) == 0
        {
            return None;
        }
        // The key starts with the word's first char lower-cased; an ASCII char no key starts
        // with rules the word out before the key is made.
        if let (Some(initials), Some(&first)) =
            (self.ordinal_initials, word.trim_start().as_bytes().first())
            && first.is_ascii()
            && initials & (1u128 << first.to_ascii_lowercase()) == 0
        {
            return None;
        }
        self.ordinals.get(key(word).as_ref()).copied()
    }

    fn alternation(words: impl Iterator<Item = String>) -> String {
        let mut ws: Vec<String> = words.filter(|w| !w.is_empty()).collect();
        ws.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        ws.dedup();
        ws.iter()
            .map(|w| {
                regex::escape(w)
                    .replace("\\ ", r"\s+")
                    .replace(' ', r"\s+")
                    .replace('\'', "['’]")
            })
            .collect::<Vec<_>>()
            .join("|")
    }

    /// Replace `{person}`, `{side}`, `{place}`, `{title}` in a topic pattern by named groups
    /// of sub-patterns built from the vocabularies.
    pub fn expand_placeholders(&self, pattern: &str) -> String {
        let [person, side, place, title] = self.placeholders.get_or_init(|| self.placeholders());
        pattern
            .replace("{person}", person)
            .replace("{side}", side)
            .replace("{place}", place)
            .replace("{title}", title)
    }

    /// What `{person}`, `{side}`, `{place}` and `{title}` stand for in a topic pattern.
    fn placeholders(&self) -> [String; 4] {
        const NAME_WORD: &str = r"\p{Lu}[\p{L}'’\-]*\p{L}";
        // One capitalized word: the resolver takes the whole name around it from the sentence.
        let name = NAME_WORD.to_string();
        let title_words = Self::alternation(
            self.titles
                .heads
                .iter()
                .chain(self.titles.modifiers.iter())
                .chain(self.titles.tenure.former.iter())
                .chain(self.titles.tenure.now.iter())
                .map(|w| lower_key(w)),
        );
        // One word: the resolver (`titles::name_around`) takes the name at or after it from the
        // sentence, skipping titles, places and articles ("by the defence minister, Ana
        // Ruiz"), or the whole name around it ("Ana Ruiz will lead"). A small regex keeps
        // every pattern fast.
        let _ = name;
        let person = r"(?P<person>[\p{L}][\p{L}'’.\-]*)".to_string();
        // A side is one capitalized word or a dotted abbreviation ([`SIDE_WORD`]), or a
        // listed name of several words ("Saudi Arabia", "the Kremlin"). One-word names are
        // left out of the list: the catch-all takes them, and `Vocab::side` names their
        // country. Every country's demonym and capital in the pattern would make it several
        // times larger, and its lazy DFA slower to build.
        let place_names = Self::alternation(
            self.places
                .place
                .iter()
                .flat_map(|p| std::iter::once(p.name.clone()).chain(p.aliases.iter().cloned()))
                .filter(|n| !is_side_word(n)),
        );
        // A side noun is a side of its own ("the army's delegation") or, after a side, part
        // of its team's name ("the Sudanese army delegation"), outside the group.
        let side_nouns = Self::alternation(self.places.side_nouns.iter().cloned());
        let names = [place_names.as_str(), side_nouns.as_str(), SIDE_WORD]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect::<Vec<_>>()
            .join("|");
        let qualifier = if side_nouns.is_empty() {
            String::new()
        } else {
            format!(r"(?:\s+(?:{side_nouns})(?:['’]s)?)?")
        };
        let side = format!(r"(?P<side>(?:[Tt]he\s+)?(?:{names})(?:['’]s)?){qualifier}");
        let venue_words = Self::alternation(self.places.venue_words.iter().cloned());
        let modifiers = Self::alternation(self.places.venue_modifiers.iter().cloned());
        let place = if venue_words.is_empty() {
            format!("(?P<place>{name})")
        } else if modifiers.is_empty() {
            format!(r"(?P<place>(?:{NAME_WORD}\s+){{1,3}}(?:{venue_words})\b)")
        } else {
            // "the presidential palace": a modifier and a venue word, both in lower case.
            let lower = Self::alternation(self.places.venue_words.iter().map(|w| w.to_lowercase()));
            format!(
                r"(?P<place>(?:{NAME_WORD}\s+){{1,3}}(?:{venue_words})\b|(?:{modifiers})\s+(?:{lower})\b)"
            )
        };
        let title = format!(r"(?P<title>(?i:(?:{title_words})(?:\s+(?:{title_words}))*))");
        [person, side, place, title]
    }
}

/// The `{side}` placeholder's catch-all: one capitalized word of letters, or capitals each
/// with a dot ("U.S."; a word's full stop is not its own).
const SIDE_WORD: &str = r"(?:\p{Lu}\.){2,}|\p{Lu}\p{L}*";

/// Does the `{side}` placeholder's catch-all ([`SIDE_WORD`]) take `name` whole: one capitalized word of
/// letters, or capitals each with a dot ("U.S.")?
fn is_side_word(name: &str) -> bool {
    let mut chars = name.chars();
    let letters = chars.next().is_some_and(char::is_uppercase)
        && name.chars().skip(1).all(char::is_alphabetic);
    let dotted = name.len() >= 4
        && name.chars().enumerate().all(|(i, c)| {
            if i % 2 == 0 {
                c.is_uppercase()
            } else {
                c == '.'
            }
        })
        && name.ends_with('.');
    letters || dotted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_words_are_what_the_side_catch_all_takes_whole() {
        for n in ["Kyiv", "Türkiye", "EU", "U.S.", "U.S.A."] {
            assert!(is_side_word(n), "{n}");
        }
        for n in [
            "Saudi Arabia",
            "the Kremlin",
            "Côte d'Ivoire",
            "kyiv",
            "",
            "U.",
            "E.U",
            "Guinea-Bissau",
        ] {
            assert!(!is_side_word(n), "{n}");
        }
        let side =
            regex::Regex::new(&format!("^(?:{SIDE_WORD})$")).unwrap_or_else(|e| panic!("{e}"));
        for n in [
            "Kyiv",
            "Türkiye",
            "EU",
            "U.S.",
            "U.S.A.",
            "Saudi Arabia",
            "Russia.",
        ] {
            assert_eq!(side.is_match(n), is_side_word(n), "{n}");
        }
    }

    #[test]
    fn whose_post_a_title_names_is_no_part_of_it() {
        let rules = crate::rules::Rules::defaults().unwrap_or_else(|e| panic!("{e}"));
        let normalized = |t: &str| rules.vocab.normalize_title(t);
        assert_eq!(
            normalized("prime minister's national security advisor"),
            "national security adviser"
        );
        assert_eq!(normalized("president of Nigeria"), "president");
        assert_eq!(normalized("President of the United States"), "president");
        // A complement that is no country, or one joined by "for", stays.
        assert_eq!(
            normalized("envoy for Ukraine's reconstruction"),
            "envoy for ukraine's reconstruction"
        );
        assert_eq!(
            normalized("special envoy for Yemen"),
            "special envoy for yemen"
        );
        assert_eq!(normalized("minister of the interior"), "interior minister");
        // A spelling of the head is one before a complement too.
        assert_eq!(
            normalized("spokesman of the Farmers' Union"),
            "spokesperson of the farmers' union"
        );
    }

    #[test]
    fn singular_handles_common_plurals() {
        assert_eq!(singular("drones"), "drone");
        assert_eq!(singular("casualties"), "casualty");
        assert_eq!(singular("detainees"), "detainee");
        assert_eq!(singular("passengers"), "passenger");
        assert_eq!(singular("people"), "people");
        assert_eq!(singular("bus"), "bus");
        assert_eq!(singular("crises"), "crise");
        assert_eq!(singular("churches"), "church");
        assert_eq!(singular("air strikes"), "air strike");
        assert_eq!(singular(" boxes "), "box");
    }

    #[test]
    fn ordinal_initials_turn_away_no_ordinal() {
        let rules = crate::rules::Rules::defaults().unwrap_or_else(|e| panic!("{e}"));
        let v = &rules.vocab;
        assert!(v.ordinal_initials.is_some());
        let mut words: Vec<String> = v.ordinals.keys().cloned().collect();
        for w in words.clone() {
            words.push(w.to_uppercase());
            words.push(format!(" \t{w} "));
            words.push(format!("x{w}"));
            words.push(format!("{w}x"));
            words.push(w[..w.len() - 1].to_string());
            words.push(format!("{w}\u{212a}"));
            words.push(format!("{w}  {w}"));
            words.push(format!("{w} {w}"));
        }
        words.extend(
            [
                "",
                " ",
                "the",
                "Talks",
                "10TH",
                "\u{212a}",
                "Ａ",
                "é",
                "\u{200b}first",
            ]
            .map(String::from),
        );
        for b in 0..=127u8 {
            words.push(char::from(b).to_string());
            words.push(format!("{}irst", char::from(b)));
            words.push(format!("firs{}", char::from(b)));
            words.push(format!("10t{}", char::from(b)));
        }
        assert!(v.ordinal_ends.is_some());
        for w in &words {
            let looked_up = v.ordinals.get(key(w).as_ref()).copied();
            assert_eq!(v.ordinal(w), looked_up, "{w:?}");
        }
        assert_eq!(v.ordinal("First"), Some(1));
    }

    #[test]
    fn title_word_is_head_or_modifier() {
        let rules = crate::rules::Rules::defaults().unwrap_or_else(|e| panic!("{e}"));
        let v = &rules.vocab;
        let mut words: Vec<String> = v
            .title_heads
            .keys()
            .chain(v.title_modifiers.keys())
            .cloned()
            .collect();
        for w in words.clone() {
            words.push(w.to_uppercase());
            words.push(format!(" {w}s "));
            words.push(format!("{w}es"));
            words.push(w.replace('y', "ies"));
        }
        words.extend(
            [
                "",
                "Ana",
                "ministers",
                "Ministries",
                "deputies",
                "Präsident",
                "x y",
            ]
            .map(String::from),
        );
        for w in &words {
            assert_eq!(
                v.is_title_word(w),
                v.is_title_head(w) || v.is_title_modifier(w),
                "{w:?}"
            );
        }
    }

    #[test]
    fn every_place_alias_and_head_passes_its_shape_check() {
        let rules = crate::rules::Rules::defaults().unwrap_or_else(|e| panic!("{e}"));
        let v = &rules.vocab;
        assert!(v.place_shapes.is_some());
        let words = |k: &String| {
            let mut w = vec![k.clone()];
            if k.is_ascii() {
                w.push(k.to_uppercase());
            }
            w
        };
        for (alias, canonical) in v.place_alias.iter().filter(|(a, _)| !a.contains(' ')) {
            for w in words(alias) {
                assert_eq!(v.place(&w), Some(canonical.as_str()), "{w:?}");
                assert_eq!(
                    v.place(&format!("{w}'s")),
                    Some(canonical.as_str()),
                    "{w:?}"
                );
            }
        }
        for head in v.title_heads.keys() {
            for w in words(head) {
                assert!(v.is_title_head(&w), "{w:?}");
            }
        }
    }

    #[test]
    fn keys_are_lower_keys() {
        for s in [
            "Minister",
            "  defence  minister ",
            "defence minister",
            "DEFENCE MINISTER",
            "Kyiv’s",
            "first\tround",
            "a\nb",
            "x\x0by",
            "Ärzte",
            "",
            " ",
            "ab  ",
            "a very long title that does not fit in the inline buffer at all",
            "A VERY LONG TITLE THAT DOES NOT FIT IN THE INLINE BUFFER AT ALL",
        ] {
            assert_eq!(&*key(s), lower_key(s).as_str(), "{s:?}");
            let t = s.trim();
            let plain = t
                .bytes()
                .all(|b| b.is_ascii() && !matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
                && !t.contains("  ");
            let (fast_plain, upper) = plain_ascii(t);
            assert_eq!(fast_plain, plain, "{s:?}");
            if plain {
                assert_eq!(upper, t.bytes().any(|b| b.is_ascii_uppercase()), "{s:?}");
            }
        }
    }

    #[test]
    fn singular_borrows_what_it_can() {
        for (w, borrowed) in [
            ("drones", true),
            ("churches", true),
            ("people", true),
            ("bus", true),
            ("casualties", false),
            ("air strikes", false),
        ] {
            let s = singular_cow(w);
            assert_eq!(matches!(s, Cow::Borrowed(_)), borrowed, "{w}");
            assert_eq!(s, singular(w), "{w}");
        }
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn trim_is_str_trim(s in any::<String>()) {
                prop_assert_eq!(trim(&s), s.trim());
                let (k, expected) = (key(&s), lower_key(&s));
                prop_assert_eq!(&*k, expected.as_str());
            }

            #[test]
            fn key_is_lower_key_on_words(s in r"[ \t]?([a-zA-Z'.\-]{1,8}|  | |\u{a0}|’|É|İ|\u{212a}){0,4}[ \t\n]?") {
                let (k, expected) = (key(&s), lower_key(&s));
                prop_assert_eq!(&*k, expected.as_str());
            }

            #[test]
            fn trim_is_str_trim_on_spaced_words(s in r"[ \t\n\u{a0}\u{2009}\u{85}\u{200b}]{0,2}[a-zA-Z é]{0,4}[ \t\n\u{a0}\u{3000}\u{1680}]{0,2}") {
                prop_assert_eq!(trim(&s), s.trim());
            }
        }

        static RULES: std::sync::LazyLock<crate::rules::Rules> = std::sync::LazyLock::new(|| {
            crate::rules::Rules::defaults().unwrap_or_else(|e| panic!("{e}"))
        });

        /// [`Vocab::is_title_word`] as the lookups of its key without the shape check.
        fn title_word_is_the_lookup(w: &str) {
            let v = &RULES.vocab;
            let k = lower_key(w);
            let expected = v.title_heads.contains_key(&k)
                || (could_be_plural(&k) && v.title_heads.contains_key(&singular(&k)))
                || v.title_modifiers.contains_key(&k);
            assert_eq!(v.is_title_word(w), expected, "{w:?}");
        }

        /// [`Vocab::is_title_head`] and [`Vocab::place`] as the lookups of their keys without
        /// the shape checks.
        fn head_and_place_are_the_lookups(w: &str) {
            let v = &RULES.vocab;
            let k = lower_key(w);
            let head = v.title_heads.contains_key(&k)
                || (could_be_plural(&k) && v.title_heads.contains_key(&singular(&k)));
            assert_eq!(v.is_title_head(w), head, "{w:?}");
            let bare = k.strip_prefix("the ").unwrap_or(&k);
            let bare = bare.strip_suffix("'s").unwrap_or(bare);
            assert_eq!(
                v.place(w),
                v.place_alias.get(bare).map(String::as_str),
                "{w:?}"
            );
        }

        fn ordinal_is_the_lookup(w: &str) {
            let v = &RULES.vocab;
            assert_eq!(
                v.ordinal(w),
                v.ordinals.get(key(w).as_ref()).copied(),
                "{w:?}"
            );
        }

        proptest! {
            #[test]
            fn ordinal_is_the_plain_lookup(
                w in r"[ \t]?(first|FIRST|Second|1st|2ND|third|tenth|fourth|x|\u{212a}|é|İ|[a-zA-Z0-9]{1,4}| |  ){0,3}[ \t\u{a0}]?"
            ) {
                ordinal_is_the_lookup(&w);
            }

            #[test]
            fn ordinal_is_the_plain_lookup_on_any_text(w in any::<String>()) {
                ordinal_is_the_lookup(&w);
                title_word_is_the_lookup(&w);
                head_and_place_are_the_lookups(&w);
            }

            #[test]
            fn title_word_is_the_plain_lookup(
                w in r"[ \t]?(minister|Ministers|ministries|PRESIDENT|presidents|secretaries|deputy|deputies|envoys|chief|Chiefs|heads|head|boss|bosses|ss|s|ies|es|x|\u{212a}|é|[a-zA-Z]{1,4}| ){0,3}[ \t\u{a0}]?"
            ) {
                title_word_is_the_lookup(&w);
                head_and_place_are_the_lookups(&w);
            }

            #[test]
            fn place_is_the_plain_lookup(
                w in r"[ \t]?(the|The|Kyiv|kyiv|UKRAINE|Ukraine's|Russian|Russians|Moscow’s|'s|’s|s|U\.S\.|US|x|\u{212a}|é|[a-zA-Z']{1,4}| ){0,3}[ \t\u{a0}]?"
            ) {
                head_and_place_are_the_lookups(&w);
            }
        }
    }
}
