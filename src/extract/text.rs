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
    pub fn lower(&self) -> String {
        self.text.to_lowercase().replace('’', "'")
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

/// True when `words` (lower-case) occur in `tokens` starting at index `i`, each word a
/// prefix of the token (so "launch" matches "launched").
pub fn prefix_phrase_at(tokens: &[Token<'_>], i: usize, words: &[String]) -> bool {
    if words.is_empty() || i + words.len() > tokens.len() {
        return false;
    }
    words.iter().enumerate().all(|(k, w)| {
        let t = tokens[i + k].lower();
        if k + 1 == words.len() {
            t.starts_with(w.as_str())
        } else {
            t == *w
        }
    })
}

/// Line and column of many byte offsets of one text, in time linear in the text plus the
/// distance between consecutive queries (instead of a scan from the start for each query, which
/// made articles with many claims on one long line quadratic). Same results as
/// [`crate::model::line_col`]: 1-based, lines end at '\n', columns count characters.
pub struct LineCols<'a> {
    text: &'a str,
    /// Byte offsets where lines start (after each '\n'); the first is 0.
    line_starts: Vec<usize>,
    /// The last answer: (byte offset, start of its line, its 1-based column).
    cursor: (usize, usize, usize),
}

impl<'a> LineCols<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        LineCols {
            text,
            line_starts,
            cursor: (0, 0, 1),
        }
    }

    /// Characters in `text[a..b]`, or bytes when `a` or `b` is not on a char boundary.
    fn chars_between(&self, a: usize, b: usize) -> usize {
        self.text.get(a..b).map_or(b - a, |s| s.chars().count())
    }

    /// 1-based (line, column) of byte offset `at` (clamped to the text).
    pub fn line_col(&mut self, at: usize) -> (usize, usize) {
        let at = at.min(self.text.len());
        // The number of line starts at or before `at` is the line number.
        let line = self.line_starts.partition_point(|&s| s <= at);
        let line_start = self.line_starts.get(line.wrapping_sub(1)).copied().unwrap_or(0);
        let (pos, cursor_line_start, col) = self.cursor;
        let on_boundaries = self.text.is_char_boundary(pos) && self.text.is_char_boundary(at);
        let column = if on_boundaries && cursor_line_start == line_start && pos >= line_start {
            if at >= pos {
                col + self.chars_between(pos, at)
            } else {
                col.saturating_sub(self.chars_between(at, pos)).max(1)
            }
        } else {
            1 + self.chars_between(line_start, at)
        };
        self.cursor = (at, line_start, column);
        (line, column)
    }
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
            vec!["The", "U.S.", "envoy’s", "1,200-strong", "team", ",", "ex-minister", "O'Neil", "."]
        );
        assert_eq!(words("about 1.2 million people"), vec!["about", "1.2", "million", "people"]);
    }

    #[test]
    fn line_cols_agree_with_line_col_in_any_order() {
        let text = "ab\n’x y\r\n\nlong ’’’ line é here\nlast";
        let mut offsets: Vec<usize> = (0..=text.len() + 2).collect();
        // Forwards, backwards, and jumping about within and across lines.
        let mut lc = LineCols::new(text);
        for &at in &offsets {
            assert_eq!(lc.line_col(at), crate::model::line_col(text, at), "at {at}");
        }
        offsets.reverse();
        for &at in &offsets {
            assert_eq!(lc.line_col(at), crate::model::line_col(text, at), "at {at}");
        }
        for &at in &[20, 14, 30, 3, 25, 0, 40, 17, 16] {
            assert_eq!(lc.line_col(at), crate::model::line_col(text, at), "at {at}");
        }
    }

    #[test]
    fn offsets_point_at_the_words() {
        let s = "Kyiv’s  delegation — led by him";
        for t in tokenize(s) {
            assert_eq!(&s[t.start..t.end], t.text);
        }
    }
}
