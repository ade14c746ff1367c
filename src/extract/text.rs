//! Words of a sentence with byte offsets: the unit the generic extractors walk over.

/// One word or punctuation mark of a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
    /// The word in lower case with ’ as '; borrowed (no allocation) when it already is.
    pub fn lower(&self) -> std::borrow::Cow<'_, str> {
        token_lower(self.text)
    }
    /// The word without a possessive `'s`.
    pub fn bare(&self) -> &str {
        self.text
            .strip_suffix("'s")
            .or_else(|| self.text.strip_suffix("’s"))
            .unwrap_or(self.text)
    }
    pub fn is_possessive(&self) -> bool {
        self.text.ends_with("'s") || self.text.ends_with("’s")
    }
}

/// A word in lower case with ’ as '; borrowed when it already is.
fn token_lower(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        // The same as below, in one allocation (ASCII has no ’).
        if text.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(text.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    } else if text.chars().any(|c| c == '’' || changes_in_lower_case(c)) {
        std::borrow::Cow::Owned(text.to_lowercase().replace('’', "'"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Whether `c` is not its own lower case: upper-case letters, and title-case ones ("ǅ",
/// "ᾼ"), which are not upper case.
fn changes_in_lower_case(c: char) -> bool {
    let mut lower = c.to_lowercase();
    !(lower.next() == Some(c) && lower.next().is_none())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The char at byte `at` of `s`, if any (none when `at` is not a char boundary); an ASCII
/// byte without decoding.
pub(crate) fn char_at(s: &str, at: usize) -> Option<char> {
    match s.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => s.get(at..)?.chars().next(),
        None => None,
    }
}

/// Split a sentence into words (letters/digits with inner `'`, `’`, `-`, `.`, `,` between
/// digits) and single punctuation marks.
pub fn tokenize(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(s.len() / 4 + 1);
    let mut i = 0;
    while let Some(c) = char_at(s, i) {
        let start = i;
        if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
            i += c.len_utf8();
            continue;
        }
        if is_word_char(c) {
            let mut j = i + c.len_utf8();
            loop {
                // ASCII letters and digits (most of a word) byte by byte, without decoding.
                while s.as_bytes().get(j).is_some_and(u8::is_ascii_alphanumeric) {
                    j += 1;
                }
                let Some(d) = char_at(s, j) else { break };
                // An ASCII char here is no letter or digit (the loop above took those): only
                // the joining marks can go on.
                if d.is_ascii() && !matches!(d, '\'' | '-' | '.' | ',') {
                    break;
                }
                if is_word_char(d) {
                    j += d.len_utf8();
                    continue;
                }
                let after = j + d.len_utf8();
                let next = char_at(s, after);
                let next_is_word = next.is_some_and(is_word_char);
                let prev = || s[..j].chars().next_back().unwrap_or(c);
                let joins = match d {
                    '\'' | '’' | '-' | '‑' => next_is_word,
                    '.' => next_is_word && (prev().is_ascii_digit() || prev().is_uppercase()),
                    ',' => {
                        next_is_word
                            && prev().is_ascii_digit()
                            && next.is_some_and(|n| n.is_ascii_digit())
                    }
                    _ => false,
                };
                if joins {
                    j = after;
                } else {
                    break;
                }
            }
            // "U.S." keeps its final dot when the word is initials.
            if char_at(s, j) == Some('.') {
                let word = &s[start..j];
                if word.len() >= 3 && word.split('.').all(|p| p.chars().count() == 1) {
                    j += 1;
                }
            }
            out.push(Token {
                start,
                end: j,
                text: &s[start..j],
            });
            i = j;
        } else {
            let end = i + c.len_utf8();
            out.push(Token {
                start,
                end,
                text: &s[start..end],
            });
            i = end;
        }
    }
    out
}

/// Index of the first token that starts at or after byte `at`.
pub fn token_at(tokens: &[Token<'_>], at: usize) -> usize {
    tokens.partition_point(|t| t.start < at)
}

/// The chars of a word as `Token::lower` gives them (lower case, ’ as '), without allocating.
fn lower_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
}

/// `str::to_lowercase` lowers a word-final Σ to ς, which `char::to_lowercase` cannot know:
/// such words take the allocating path.
fn has_context_lowering(text: &str) -> bool {
    text.contains('Σ')
}

/// ASCII text lower-cased with every whitespace run collapsed to one space and none at either
/// end, byte by byte: the fast path of the line and phrase normalizers, for text that is all
/// ASCII (ASCII lowers to ASCII, and its whitespace is these six bytes).
pub fn lower_collapsed_ascii(s: &str) -> String {
    if is_collapsed_ascii(s) {
        return s.to_ascii_lowercase();
    }
    lower_collapsed_ascii_bytewise(s)
}

/// Whether collapsing the whitespace of `s` changes nothing: no space at either end, no two
/// spaces in a row and no whitespace but ' ' (most lines and sentences).
fn is_collapsed_ascii(s: &str) -> bool {
    !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
        && !s
            .bytes()
            .any(|b| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
}

/// Append ASCII `bytes` lower-cased, each whitespace run as one space (none at the start of
/// `out`); `space` says whether whitespace is pending, across calls.
pub fn push_lower_collapsed_ascii(out: &mut Vec<u8>, bytes: &[u8], space: &mut bool) {
    for &b in bytes {
        if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            *space = true;
            continue;
        }
        if *space && !out.is_empty() {
            out.push(b' ');
        }
        *space = false;
        out.push(b.to_ascii_lowercase());
    }
}

/// [`lower_collapsed_ascii`], byte by byte.
fn lower_collapsed_ascii_bytewise(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    push_lower_collapsed_ascii(&mut out, s.as_bytes(), &mut false);
    String::from_utf8(out).unwrap_or_default()
}

/// `Token::lower(text) == word` for a lower-case `word`, without allocating.
pub fn lower_eq(text: &str, word: &str) -> bool {
    if text.is_ascii() {
        return text.eq_ignore_ascii_case(word);
    }
    if has_context_lowering(text) {
        return token_lower(text) == word;
    }
    lower_chars(text).eq(word.chars())
}

/// `Token::lower(text).starts_with(prefix)` for a lower-case `prefix`, without allocating.
pub fn lower_starts_with(text: &str, prefix: &str) -> bool {
    if text.is_ascii() {
        return text.len() >= prefix.len()
            && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes());
    }
    if has_context_lowering(text) {
        return token_lower(text).starts_with(prefix);
    }
    let mut t = lower_chars(text);
    prefix.chars().all(|p| t.next() == Some(p))
}

/// True when `words` (lower-case) occur in `tokens` starting at index `i`, each word a
/// prefix of the token (so "launch" matches "launched").
pub fn prefix_phrase_at(tokens: &[Token<'_>], i: usize, words: &[String]) -> bool {
    if words.is_empty() || i + words.len() > tokens.len() {
        return false;
    }
    words.iter().enumerate().all(|(k, w)| {
        let t = tokens[i + k].text;
        if k + 1 == words.len() {
            lower_starts_with(t, w)
        } else {
            lower_eq(t, w)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn words_keep_inner_marks_and_initials() {
        assert_eq!(
            words("The U.S. envoy’s 1,200-strong team, ex-minister O'Neil."),
            vec![
                "The",
                "U.S.",
                "envoy’s",
                "1,200-strong",
                "team",
                ",",
                "ex-minister",
                "O'Neil",
                "."
            ]
        );
        assert_eq!(
            words("about 1.2 million people"),
            vec!["about", "1.2", "million", "people"]
        );
    }

    #[test]
    fn lower_comparisons_agree_with_lower() {
        let words = [
            "Minister",
            "MINISTER",
            "minister",
            "Kyiv’s",
            "kyiv's",
            "Ärzte",
            "ärzte",
            "İstanbul",
            "launched",
            "",
            "ΣΊΣΥΦΟΣ",
        ];
        for text in words {
            let t = Token {
                start: 0,
                end: text.len(),
                text,
            };
            let lower = t.lower();
            for w in words.iter().map(|w| w.to_lowercase().replace('’', "'")) {
                assert_eq!(lower_eq(text, &w), *lower == *w, "{text} = {w}");
                assert_eq!(
                    lower_starts_with(text, &w),
                    lower.starts_with(w.as_str()),
                    "{text} starts with {w}"
                );
            }
        }
    }

    /// The char-vector tokenizer `tokenize` replaced: the reference it is tested against.
    /// Split a sentence into words (letters/digits with inner `'`, `’`, `-`, `.`, `,` between
    /// digits) and single punctuation marks.
    fn tokenize_by_chars(s: &str) -> Vec<Token<'_>> {
        let mut out = Vec::new();
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let n = chars.len();
        let mut i = 0;
        while i < n {
            let (start, c) = chars[i];
            if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
                i += 1;
                continue;
            }
            if is_word_char(c) {
                let mut j = i + 1;
                while j < n {
                    let (_, d) = chars[j];
                    if is_word_char(d) {
                        j += 1;
                        continue;
                    }
                    let next_is_word = j + 1 < n && is_word_char(chars[j + 1].1);
                    let prev = chars[j - 1].1;
                    let joins = match d {
                        '\'' | '’' | '-' | '‑' => next_is_word,
                        '.' => next_is_word && (prev.is_ascii_digit() || prev.is_uppercase()),
                        ',' => {
                            next_is_word && prev.is_ascii_digit() && chars[j + 1].1.is_ascii_digit()
                        }
                        _ => false,
                    };
                    if joins {
                        j += 1;
                    } else {
                        break;
                    }
                }
                // "U.S." keeps its final dot when the word is initials.
                if j < n && chars[j].1 == '.' {
                    let word = &s[start..chars[j].0];
                    if word.len() >= 3 && word.split('.').all(|p| p.chars().count() == 1) {
                        j += 1;
                    }
                }
                let end = if j < n { chars[j].0 } else { s.len() };
                out.push(Token {
                    start,
                    end,
                    text: &s[start..end],
                });
                i = j;
            } else {
                let end = if i + 1 < n { chars[i + 1].0 } else { s.len() };
                out.push(Token {
                    start,
                    end,
                    text: &s[start..end],
                });
                i += 1;
            }
        }
        out
    }

    #[test]
    fn tokenize_is_the_char_vector_tokenize() {
        for s in [
            "The U.S. envoy’s 1,200-strong team, ex-minister O'Neil.",
            "about 1.2 million people; U.N. and E.U. A.B",
            "a.b.c. 3.5. 1,2,3 ,5 5, x- -y ‑z’ ’s 12,000,000.",
            "Riga’s  delegation — led by him\u{200b}\u{feff} é.É. Ω.1",
            "",
            ".",
            "x",
            "ÄÖ. 9.x Z.9 ,,, '' --",
        ] {
            assert_eq!(tokenize(s), tokenize_by_chars(s), "{s:?}");
        }
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn a_token_in_lower_case_is_the_unicode_lowering(
                s in prop_oneof![any::<String>(), r"[A-Za-z’'.\-ΣσİKǅᾼ]{0,12}"]
            ) {
                prop_assert_eq!(token_lower(&s), s.to_lowercase().replace('’', "'"));
            }

            #[test]
            fn same_as_char_vector_tokenize(s in any::<String>()) {
                prop_assert_eq!(tokenize(&s), tokenize_by_chars(&s));
            }

            #[test]
            fn collapsed_lowering_is_the_bytewise_one(s in r"[ \t\n\r\u{b}\u{c}aZ.]{0,12}") {
                prop_assert_eq!(lower_collapsed_ascii(&s), lower_collapsed_ascii_bytewise(&s));
            }

            #[test]
            fn collapsed_lowering_is_the_bytewise_one_on_any_ascii(s in r"[\x00-\x7f]{0,40}") {
                prop_assert_eq!(lower_collapsed_ascii(&s), lower_collapsed_ascii_bytewise(&s));
            }

            #[test]
            fn char_at_is_the_decoded_char(s in any::<String>()) {
                for at in 0..=s.len() + 1 {
                    prop_assert_eq!(char_at(&s, at), s.get(at..).and_then(|r| r.chars().next()));
                }
            }

            #[test]
            fn same_on_word_like_text(s in r"([a-zA-ZÄéΩ0-9]{1,3}|[.,'’‑ -]|\u{200b}){0,16}") {
                prop_assert_eq!(tokenize(&s), tokenize_by_chars(&s));
            }

            #[test]
            fn same_on_words_and_any_ascii_mark(s in r"([a-zA-Z0-9]{1,3}|[ -~]){0,24}") {
                prop_assert_eq!(tokenize(&s), tokenize_by_chars(&s));
            }
        }
    }

    #[test]
    fn offsets_point_at_the_words() {
        let s = "Riga’s  delegation — led by him";
        for t in tokenize(s) {
            assert_eq!(&s[t.start..t.end], t.text);
        }
    }
}
