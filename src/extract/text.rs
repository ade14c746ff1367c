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
    if text.chars().any(|c| c.is_uppercase() || c == '’') {
        std::borrow::Cow::Owned(text.to_lowercase().replace('’', "'"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Split a sentence into words (letters/digits with inner `'`, `’`, `-`, `.`, `,` between
/// digits) and single punctuation marks.
pub fn tokenize(s: &str) -> Vec<Token<'_>> {
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
                    ',' => next_is_word && prev.is_ascii_digit() && chars[j + 1].1.is_ascii_digit(),
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

    #[test]
    fn offsets_point_at_the_words() {
        let s = "Riga’s  delegation — led by him";
        for t in tokenize(s) {
            assert_eq!(&s[t.start..t.end], t.text);
        }
    }
}
