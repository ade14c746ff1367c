//! Reading one article: decoding, `+++` front matter, page boilerplate, sentences with byte spans.
//!
//! The text is kept exactly as decoded (for UTF-8 input: exactly as read, BOM included), so the
//! byte offsets of [`Sentence`]s are byte offsets into the file. Boilerplate lines (menus,
//! "Latest News" lists, sign-up boxes, share buttons, captions, ...) are never removed from the
//! text; they are only left out of the sentences.
//!
//! Everything here runs in linear time in the size of the input: lines are classified by
//! looking at bounded prefixes and suffixes, abbreviation checks look back a bounded number of
//! bytes, and sentences are capped in number and in length.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::model::{Article, Date, DateSource, Metadata, Sentence};

/// At most this many sentences per article.
pub const MAX_SENTENCES: usize = 100_000;
/// No sentence is longer than this many bytes; longer runs are split at whitespace.
pub const MAX_SENTENCE_BYTES: usize = 4_000;

/// Lines longer than this are prose; they are never matched against the phrase lists.
const MAX_PHRASE_LINE: usize = 1_000;

// ---------------------------------------------------------------------------------------------
// Phrase lists: extend these to teach the boilerplate filter new page furniture. All entries are
// lowercase; a line matches after trimming, dropping a leading bullet ("- ", "• ", "* ") and a
// trailing ':' and collapsing whitespace (NBSP included).
// ---------------------------------------------------------------------------------------------

/// Navigation and menu lines (the whole line).
const NAV_LINES: &[&str] = &[
    "menu",
    "main menu",
    "search",
    "close",
    "open",
    "home",
    "back",
    "back to top",
    "skip to content",
    "skip to main content",
    "toggle navigation",
    "navigation",
    "log in",
    "login",
    "sign in",
    "sign out",
    "register",
    "subscribe",
    "my account",
    "advertisement",
    "advertising",
    "sponsored",
    "sponsored content",
    "next",
    "previous",
    "next article",
    "previous article",
    "load more",
    "show more",
    "view more",
    "see more",
    "more",
    "print",
    "listen",
    "listen to this article",
    "font size",
    "text size",
    "accept",
    "accept cookies",
    "cookie settings",
    "privacy policy",
    "terms of use",
    "terms and conditions",
    "contact us",
    "about us",
    "all rights reserved",
    "tags",
    "topics",
    "categories",
];

/// The length of the longest entry of `lists`.
const fn longest_phrase(lists: &[&[&str]]) -> usize {
    let mut longest = 0;
    let mut i = 0;
    while i < lists.len() {
        let mut j = 0;
        while j < lists[i].len() {
            if lists[i][j].len() > longest {
                longest = lists[i][j].len();
            }
            j += 1;
        }
        i += 1;
    }
    longest
}

/// No line longer than this is one of the whole-line lists ([`LIST_HEADINGS`], [`NAV_LINES`],
/// [`SHARE_LINES`], [`COMMENT_LINES`]): prose lines skip those comparisons.
const LONGEST_WHOLE_LINE: usize =
    longest_phrase(&[LIST_HEADINGS, NAV_LINES, SHARE_LINES, COMMENT_LINES]);

/// Share buttons (the whole line).
const SHARE_LINES: &[&str] = &[
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on x",
    "share on twitter",
    "share on linkedin",
    "share on whatsapp",
    "share via email",
    "tweet",
    "tweet this",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "telegram",
    "reddit",
    "pinterest",
    "email",
    "e-mail",
    "copy link",
    "copy url",
    "link copied",
    "get link",
    "other apps",
    "messenger",
    "flipboard",
];

/// Comment widgets (the whole line); "N comments" is matched separately.
const COMMENT_LINES: &[&str] = &[
    "comments",
    "comment",
    "post a comment",
    "leave a comment",
    "leave a reply",
    "add a comment",
    "add comment",
    "view comments",
    "show comments",
    "join the conversation",
    "no comments",
    "be the first to comment",
];

/// Headings of link lists: the heading and the list items after it are boilerplate.
const LIST_HEADINGS: &[&str] = &[
    "latest news",
    "latest",
    "latest stories",
    "latest articles",
    "trending",
    "trending now",
    "trending news",
    "related",
    "related news",
    "related articles",
    "related stories",
    "related posts",
    "related content",
    "related topics",
    "read also",
    "read next",
    "also read",
    "see also",
    "most read",
    "most popular",
    "most viewed",
    "popular",
    "popular now",
    "popular posts",
    "popular stories",
    "recommended",
    "recommended for you",
    "more stories",
    "more news",
    "more from this section",
    "top stories",
    "top news",
    "editor's picks",
    "editor’s picks",
    "editors' picks",
    "you may also like",
    "you might also like",
    "recent posts",
    "recent news",
    "breaking news",
    "in other news",
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "voir aussi",
    "les plus lus",
    "lesen sie auch",
    "mehr zum thema",
    "leer más",
    "lee también",
    "te puede interesar",
    "leia também",
    "leggi anche",
];

/// Teaser prefixes: "Read More: <headline>". The prefix must be followed by the end of the line
/// or by one of [`TEASER_SEPARATORS`].
const TEASER_PREFIXES: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "see also",
    "related",
    "read next",
    "read",
    "more",
    "watch",
    "listen",
    "also see",
    "must read",
    "recommended",
    "lire aussi",
    "à lire aussi",
    "voir aussi",
    "lesen sie auch",
    "lee también",
    "leia também",
    "leggi anche",
];

/// What may follow a teaser prefix.
const TEASER_SEPARATORS: &[char] = &[':', '»', '›', '→', '|', '-', '–', '—', '>'];

/// Sign-up and welcome boxes (prefixes of the line).
const SIGNUP_PREFIXES: &[&str] = &[
    "sign up",
    "signup",
    "subscribe to our",
    "subscribe to the",
    "subscribe now",
    "subscribe for",
    "subscribe today",
    "join our newsletter",
    "get our newsletter",
    "get the latest",
    "newsletter sign",
    "enter your email",
    "by signing up",
    "already a subscriber",
    "already have an account",
    "create an account",
    "create a free account",
    "download our app",
    "download the app",
    "follow us on",
    "follow us",
];

/// "Welcome to ..." is boilerplate only on a short line.
const WELCOME_PREFIXES: &[&str] = &["welcome to ", "welcome back"];

/// Photo captions and credits: line prefixes.
const CAPTION_PREFIXES: &[&str] = &[
    "source:",
    "photo:",
    "photos:",
    "image:",
    "images:",
    "picture:",
    "photograph:",
    "photo credit",
    "image credit",
    "credit:",
    "caption:",
    "file photo",
    "featured image",
    "video:",
];

/// Photo captions and credits: line suffixes (after trailing punctuation is dropped).
const CAPTION_SUFFIXES: &[&str] = &[
    "via wikimedia commons",
    "wikimedia commons",
    "getty images",
    "via getty images",
    "ap photo",
    "/ reuters",
    "/reuters",
    "/ afp",
    "/afp",
    "/ ap",
    "/ap",
    "/ epa",
    "/epa",
    "shutterstock",
    "via reuters",
    "via ap",
    "file photo",
];

/// Author box markers anywhere in a short line.
const AUTHOR_BOX_MARKERS: [&str; 3] = ["+ posts", "view all posts", "more by this author"];

/// Searchers for the [`AUTHOR_BOX_MARKERS`], looked for in every line.
static AUTHOR_BOX_FINDERS: LazyLock<[memchr::memmem::Finder<'static>; 3]> =
    LazyLock::new(|| AUTHOR_BOX_MARKERS.map(memchr::memmem::Finder::new));

/// Abbreviations after which '.' never ends a sentence (lowercase, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "st", "mt", "ft", "gen", "lt", "col", "sgt", "capt", "cpt",
    "cmdr", "adm", "maj", "brig", "cpl", "pvt", "sen", "rep", "gov", "pres", "prof", "rev", "hon",
    "fr", "sr", "jr", "supt", "insp", "det", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
    "sat", "sun", "vs", "v", "approx", "est", "dept", "univ", "assn", "ave", "blvd", "rd", "hwy",
];

/// Abbreviations that keep the sentence going only before a number ("No. 10").
const NUMBER_ABBREVIATIONS: &[&str] = &["no", "nos", "vol", "p", "pp", "art", "sec", "fig", "ch"];

/// Abbreviations that may also end a sentence ("Acme Inc.", "the U.S."): they end it only when
/// the next word is a usual sentence opener.
const AMBIGUOUS_ABBREVIATIONS: &[&str] = &["etc", "inc", "ltd", "co", "corp", "plc", "llc"];

/// Words that usually open a sentence; used to decide after an ambiguous abbreviation.
const SENTENCE_OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "there",
    "but",
    "and",
    "however",
    "in",
    "on",
    "at",
    "after",
    "before",
    "when",
    "while",
    "if",
    "as",
    "his",
    "her",
    "their",
    "our",
    "meanwhile",
    "still",
    "yet",
    "so",
    "also",
    "despite",
    "although",
    "though",
    "since",
    "for",
    "by",
    "with",
    "last",
    "earlier",
    "later",
    "according",
    "both",
    "neither",
    "some",
    "many",
    "most",
    "officials",
    "no",
    "not",
    "what",
    "who",
    "why",
    "how",
    "where",
    "then",
    "now",
    "today",
    "yesterday",
    "tomorrow",
];

/// Quotes and brackets that close a sentence after its terminator.
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', '›', ')', ']', '}'];
/// Quotes and brackets that may open a word.
const OPENERS: &[char] = &['"', '\'', '“', '‘', '«', '‹', '(', '[', '{'];

static N_COMMENTS: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^\d[\d,.]*\s+(comments?|responses?|replies)$").ok());
static WEATHER: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^[-+−]?\d{1,3}(?:[.,]\d{1,2})?\s*°?\s*[cf]$").ok());
static TIME_PREFIX: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}[:h.]\d{2}(?:\s*[ap]\.?m\.?)?\s").ok());
static AUTHOR_BIO: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        \p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}      # a name
        \s+(?:is|was|has\ been)\s+(?:a|an|the|our)\s+
        (?:[\p{L}-]+\s+){0,4}
        (?i:editor|reporter|correspondent|writer|journalist|contributor|columnist|author|
            analyst|producer|editor-in-chief|fellow|intern|freelancer|blogger)
        \b",
    )
    .ok()
});

fn matches(re: &LazyLock<Option<Regex>>, s: &str) -> bool {
    re.as_ref().is_some_and(|r| r.is_match(s))
}

// The three anchored number patterns, answered without the regex (and without compiling it)
// whenever that is certain: a line whose first byte is ASCII but not what the pattern starts
// with never matches, and an all-ASCII line is matched by hand exactly as the pattern would
// (`\d` is then `[0-9]` and `\s` one of the six ASCII spaces of Unicode's White_Space). Any
// other line goes to the regex.

/// `\s` of the regex crate on an ASCII byte.
fn is_regex_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// The number of leading ASCII digits of `s`.
fn leading_digits(s: &[u8]) -> usize {
    s.iter().take_while(|b| b.is_ascii_digit()).count()
}

/// Whether a pattern starting with `\d` may match `s`: false only when the first byte is ASCII
/// and not a digit (a non-ASCII first char may be a Unicode digit).
fn may_start_with_digit(s: &str) -> bool {
    s.as_bytes()
        .first()
        .is_some_and(|&b| b.is_ascii_digit() || !b.is_ascii())
}

/// An anchored pattern `re` on `s`: no match when `may_start` says none can start there, the
/// pattern itself on non-ASCII text, `ascii` (the pattern matched by hand) on ASCII text.
fn anchored(
    s: &str,
    may_start: bool,
    re: &LazyLock<Option<Regex>>,
    ascii: fn(&[u8]) -> bool,
) -> bool {
    if !may_start {
        false
    } else if s.is_ascii() {
        ascii(s.as_bytes())
    } else {
        matches(re, s)
    }
}

/// [`N_COMMENTS`] matches `s` ("12 comments").
fn is_comment_count(s: &str) -> bool {
    anchored(
        s,
        may_start_with_digit(s),
        &N_COMMENTS,
        is_comment_count_ascii,
    )
}

/// [`is_comment_count`] on ASCII text.
fn is_comment_count_ascii(b: &[u8]) -> bool {
    // ^\d[\d,.]*\s+(comments?|responses?|replies)$
    let number = b
        .iter()
        .take_while(|&&c| c.is_ascii_digit() || c == b',' || c == b'.')
        .count();
    let rest = &b[number..];
    let spaces = rest.iter().take_while(|&&c| is_regex_space(c)).count();
    spaces > 0
        && matches!(
            &rest[spaces..],
            b"comment" | b"comments" | b"response" | b"responses" | b"replies"
        )
}

/// [`WEATHER`] matches `s` ("21°C", "-3 f").
fn is_temperature(s: &str) -> bool {
    let may_start = may_start_with_digit(s) || s.starts_with(['-', '+']);
    anchored(s, may_start, &WEATHER, is_temperature_ascii)
}

/// [`is_temperature`] on ASCII text.
fn is_temperature_ascii(b: &[u8]) -> bool {
    // ^[-+−]?\d{1,3}(?:[.,]\d{1,2})?\s*°?\s*[cf]$ (no '−' or '°' in ASCII text). Every
    // repetition is followed by something it cannot match, so taking the longest is exact.
    let b = b
        .strip_prefix(b"-")
        .or_else(|| b.strip_prefix(b"+"))
        .unwrap_or(b);
    let whole = leading_digits(b);
    if !(1..=3).contains(&whole) {
        return false;
    }
    let mut rest = &b[whole..];
    if let Some(after) = rest.strip_prefix(b".").or_else(|| rest.strip_prefix(b",")) {
        let fraction = leading_digits(after);
        if (1..=2).contains(&fraction) {
            rest = &after[fraction..];
        }
    }
    let spaces = rest.iter().take_while(|&&c| is_regex_space(c)).count();
    matches!(&rest[spaces..], b"c" | b"f")
}

/// [`TIME_PREFIX`] matches `s` ("19:42 ", "7.30 p.m. ").
fn starts_with_clock_time(s: &str) -> bool {
    anchored(
        s,
        may_start_with_digit(s),
        &TIME_PREFIX,
        starts_with_clock_time_ascii,
    )
}

/// [`starts_with_clock_time`] on ASCII text.
fn starts_with_clock_time_ascii(b: &[u8]) -> bool {
    // ^\d{1,2}[:h.]\d{2}(?:\s*[ap]\.?m\.?)?\s
    let hours = leading_digits(b);
    if !(1..=2).contains(&hours)
        || !matches!(b.get(hours), Some(b':' | b'h' | b'.'))
        || leading_digits(&b[hours + 1..]) < 2
    {
        return false;
    }
    let rest = &b[hours + 3..];
    if rest.first().is_some_and(|&c| is_regex_space(c)) {
        return true;
    }
    // Not a space: `\s*` is empty, so the suffix must follow at once.
    let Some(rest) = rest.strip_prefix(b"a").or_else(|| rest.strip_prefix(b"p")) else {
        return false;
    };
    let rest = rest.strip_prefix(b".").unwrap_or(rest);
    let Some(rest) = rest.strip_prefix(b"m") else {
        return false;
    };
    let rest = rest.strip_prefix(b".").unwrap_or(rest);
    rest.first().is_some_and(|&c| is_regex_space(c))
}

// ---------------------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------------------

/// Finds the date of a page in its text ("Saturday, July 26, 2025").
pub type PageDateFinder = fn(&str) -> Option<Date>;

/// Parse the bytes of one file into an [`Article`]. `Err` is the reason the file is skipped
/// (it names what is wrong and where, e.g. "binary file (NUL byte at byte 17)", "front matter
/// line 3: unknown key `autor`; expected one of outlet, url, published").
pub fn parse_article(id: String, path: String, bytes: &[u8]) -> Result<Article, String> {
    parse_article_with(id, path, bytes, crate::extract::dates::find_page_date)
}

/// [`parse_article`] with the page-date finder given: it is called on the text when the front
/// matter has no `published` date.
pub fn parse_article_with(
    id: String,
    path: String,
    bytes: &[u8],
    page_date: PageDateFinder,
) -> Result<Article, String> {
    let (text, decoded_from) = decode(bytes)?;
    if text.chars().all(is_space) {
        return Err("no text (only whitespace)".to_string());
    }
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let (mut meta, body_start) = front_matter(&text, bom)?;
    if meta.published.is_none()
        && let Some(date) = page_date(&text)
    {
        meta.published = Some(date);
        meta.published_from = Some(DateSource::Text);
    }
    let sentences = sentences(&text, body_start);
    Ok(Article {
        id,
        path,
        text,
        decoded_from,
        meta,
        sentences,
    })
}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

/// Whitespace, including NBSP and the zero-width characters pages are full of.
fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// A control byte that text files do not contain (tab, LF, CR, FF and ESC are allowed).
fn is_bad_control(b: u8) -> bool {
    matches!(b, 0x01..=0x08 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F)
}

/// Eight copies of byte `b`.
const fn splat(b: u8) -> u64 {
    (b as u64) * 0x0101_0101_0101_0101
}

/// Does the word hold a zero byte?
const fn has_zero(w: u64) -> bool {
    w.wrapping_sub(splat(1)) & !w & splat(0x80) != 0
}

/// Does the word hold a byte below `n` (`n` ≤ 128)?
const fn has_below(w: u64, n: u8) -> bool {
    w.wrapping_sub(splat(n)) & !w & splat(0x80) != 0
}

/// The first byte at or after `from` for which `hit` holds. Words of eight bytes for which
/// `maybe` is false are skipped whole: a scan that stays fast even in debug builds.
fn find_byte(
    hay: &[u8],
    from: usize,
    maybe: fn(u64) -> bool,
    hit: fn(u8) -> bool,
) -> Option<usize> {
    let mut at = from;
    while at + 8 <= hay.len() {
        let word = match <[u8; 8]>::try_from(&hay[at..at + 8]) {
            Ok(bytes) => u64::from_le_bytes(bytes),
            Err(_) => break,
        };
        if maybe(word)
            && let Some(i) = hay[at..at + 8].iter().position(|&b| hit(b))
        {
            return Some(at + i);
        }
        at += 8;
    }
    hay.get(at..)?.iter().position(|&b| hit(b)).map(|i| at + i)
}

/// Bytes that may be a NUL or a control byte (below 0x20, or DEL).
fn maybe_control(w: u64) -> bool {
    has_below(w, 0x20) || has_zero(w ^ splat(0x7F))
}

/// The first line break ('\n' or '\r') at or after `from`.
fn find_line_end(hay: &[u8], from: usize) -> Option<usize> {
    memchr::memchr2(b'\n', b'\r', hay.get(from..)?).map(|i| from + i)
}

/// The first byte at or after `from` that may be a sentence terminator: '.', '!', '?' or the
/// lead byte of '…'.
fn find_terminator(hay: &[u8], from: usize) -> Option<usize> {
    let rest = hay.get(from..)?;
    let punct = memchr::memchr3(b'.', b'!', b'?', rest);
    let lead = memchr::memchr(0xE2, rest.get(..punct.unwrap_or(rest.len()))?);
    lead.or(punct).map(|i| from + i)
}

/// Reject binary data: a NUL byte, or more than 1 in 50 bytes being control bytes.
fn check_not_binary(bytes: &[u8]) -> Result<(), String> {
    let suspicious = |b: u8| b == 0 || is_bad_control(b);
    let mut first = None;
    let mut controls = 0usize;
    let mut at = 0;
    while let Some(i) = find_byte(bytes, at, maybe_control, suspicious) {
        if bytes[i] == 0 {
            return Err(format!("binary file (NUL byte at byte {i})"));
        }
        first.get_or_insert(i);
        controls += 1;
        at = i + 1;
    }
    if let Some(first) = first
        && controls * 50 > bytes.len()
    {
        return Err(format!(
            "binary file ({controls} control bytes in {} bytes, the first at byte {first})",
            bytes.len()
        ));
    }
    Ok(())
}

/// UTF-8 with a few stray bytes (a page with one bad character) rather than a legacy 8-bit
/// encoding: valid multi-byte sequences outnumber the invalid ones.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    multibyte > invalid
}

/// Decode the bytes of a file: UTF-8 (kept exactly, BOM included), UTF-16 with a BOM, UTF-8
/// with stray invalid bytes replaced, or Windows-1252 for other text. Returns the text and the encoding when it was not UTF-8.
fn decode(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    if bytes.is_empty() {
        return Err("empty file".to_string());
    }
    for (bom, encoding) in [
        (&[0xFF, 0xFE][..], encoding_rs::UTF_16LE),
        (&[0xFE, 0xFF][..], encoding_rs::UTF_16BE),
    ] {
        if bytes.starts_with(bom) {
            let (text, _had_errors) = encoding.decode_with_bom_removal(bytes);
            if let Some(at) = text.find('\0') {
                return Err(format!(
                    "binary file (NUL character at byte {at} of the text decoded from {})",
                    encoding.name()
                ));
            }
            if text.is_empty() {
                return Err("empty file".to_string());
            }
            return Ok((text.into_owned(), Some(encoding.name().to_string())));
        }
    }
    check_not_binary(bytes)?;
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), None)),
        Err(_) if mostly_utf8(bytes) => Ok((
            String::from_utf8_lossy(bytes).into_owned(),
            Some("UTF-8 (invalid bytes replaced)".to_string()),
        )),
        Err(_) => {
            let (text, _had_errors) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok((text.into_owned(), Some("windows-1252".to_string())))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Front matter
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    outlet: Option<String>,
    url: Option<String>,
    published: Option<toml::Spanned<toml::Value>>,
}

const FRONT_MATTER_KEYS: &str = "outlet, url, published";

/// The lines of `text` from byte `from`: (start, end of content, start of the next line).
/// Lines end at "\n", "\r\n" or a lone "\r".
fn line_ranges(text: &str, from: usize) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut at = from;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        match find_line_end(bytes, start) {
            Some(end) => {
                let next = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
                    end + 2
                } else {
                    end + 1
                };
                at = next;
                Some((start, end, next))
            }
            None => {
                at = bytes.len();
                Some((start, bytes.len(), bytes.len()))
            }
        }
    })
}

/// Parse the optional `+++` front matter at `from` (after any BOM). Returns the metadata and
/// the byte where the body starts.
fn front_matter(text: &str, from: usize) -> Result<(Metadata, usize), String> {
    if !text[from..].starts_with("+++") {
        return Ok((Metadata::default(), from));
    }
    let mut lines = line_ranges(text, from);
    let Some((start, end, mut body)) = lines.next() else {
        return Ok((Metadata::default(), from));
    };
    if text[start..end].trim_end_matches(is_space) != "+++" {
        return Ok((Metadata::default(), from));
    }
    let content_start = body;
    let mut close = None;
    for (n, (s, e, next)) in lines.enumerate() {
        if text[s..e].trim_matches(is_space) == "+++" {
            close = Some((s, n + 2));
            body = next;
            break;
        }
    }
    let Some((content_end, _close_line)) = close else {
        return Err("front matter line 1: the opening `+++` has no closing `+++` line".to_string());
    };
    let content = &text[content_start..content_end];
    // Line numbers in messages are lines of the file; the content starts on line 2.
    let line_of = |at: usize| 2 + count_line_breaks(&content[..at.min(content.len())]);
    let parsed: FrontMatter = toml::from_str(content).map_err(|e| {
        let line = e.span().map_or(2, |s| line_of(s.start));
        format!(
            "front matter line {line}: {}",
            describe_toml_error(e.message(), content, e.span())
        )
    })?;
    let mut meta = Metadata {
        outlet: parsed.outlet,
        url: parsed.url,
        ..Metadata::default()
    };
    if let Some(published) = parsed.published {
        let line = line_of(published.span().start);
        let date = published_date(published.get_ref())
            .map_err(|why| format!("front matter line {line}: `published` {why}"))?;
        meta.published = Some(date);
        meta.published_from = Some(DateSource::FrontMatter);
    }
    Ok((meta, body))
}

fn count_line_breaks(s: &str) -> usize {
    let b = s.as_bytes();
    b.iter()
        .enumerate()
        .filter(|&(i, &c)| c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .count()
}

/// A one-line description of a TOML error, in our words where we can.
fn describe_toml_error(
    message: &str,
    content: &str,
    span: Option<std::ops::Range<usize>>,
) -> String {
    let message = message.lines().next().unwrap_or("").trim();
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some(key) = rest.split('`').next()
    {
        return format!("unknown key `{key}`; expected one of {FRONT_MATTER_KEYS}");
    }
    if message.starts_with("invalid type") {
        // Name the key of the line the error points at.
        let key = span
            .and_then(|s| {
                let line_start = content[..s.start.min(content.len())]
                    .rfind(['\n', '\r'])
                    .map_or(0, |i| i + 1);
                let line = &content[line_start..];
                line.split_once('=')
                    .map(|(k, _)| k.trim().trim_matches('"').to_string())
            })
            .filter(|k| !k.is_empty() && !k.contains(['\n', '\r']));
        if let Some(key) = key {
            return format!("`{key}`: {message}");
        }
    }
    if message.is_empty() {
        "malformed TOML".to_string()
    } else {
        format!("malformed TOML: {message}")
    }
}

/// The date of a `published` value: "2025-07-26", a TOML date, or an RFC 3339 date-time.
fn published_date(value: &toml::Value) -> Result<Date, String> {
    match value {
        toml::Value::String(s) => {
            let s = s.trim();
            if let Ok(d) = s.parse::<Date>() {
                return Ok(d);
            }
            let is_datetime =
                s.parse::<jiff::Timestamp>().is_ok() || s.parse::<jiff::civil::DateTime>().is_ok();
            if is_datetime && let Some(Ok(d)) = s.get(..10).map(str::parse::<Date>) {
                return Ok(d);
            }
            Err(format!(
                "must be a date like 2025-07-26 or an RFC 3339 date-time, got \"{s}\""
            ))
        }
        toml::Value::Datetime(dt) => match dt.date {
            Some(d) => Date::new(d.year as i16, d.month as i8, d.day as i8)
                .map_err(|e| format!("is not a valid date: {e}")),
            None => Err(format!(
                "must be a date like 2025-07-26, got a time of day {dt}"
            )),
        },
        other => Err(format!(
            "must be a date like 2025-07-26, got {} {other}",
            type_article(other.type_str())
        )),
    }
}

fn type_article(t: &str) -> String {
    if t.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {t}")
    } else {
        format!("a {t}")
    }
}

// ---------------------------------------------------------------------------------------------
// Boilerplate
// ---------------------------------------------------------------------------------------------

/// What a line of the body is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Blank,
    Body,
    /// Page furniture; `text_like` boilerplate (teasers, sign-up boxes, captions) may wrap onto
    /// the next line.
    Boiler {
        text_like: bool,
    },
    /// A heading of a link list ("Latest News"): it and the list after it are boilerplate.
    ListHeading,
    /// A list item (bullet or "19:42 ...").
    ListItem,
    /// "X is an Associate Editor at Y.": boilerplate when it stands next to other boilerplate.
    BioCandidate,
}

/// The line with surrounding whitespace trimmed, as a byte range.
fn trim_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let trail = s.trim_end_matches(is_space).len();
    if trail <= lead {
        (start, start)
    } else {
        (start + lead, start + trail)
    }
}

/// Lowercase with all whitespace runs collapsed to one space.
fn normalize(s: &str) -> String {
    if s.is_ascii() {
        // The ASCII spaces are those `is_space` knows: the text is one run of
        // [`normalize_chars`].
        let mut out = Vec::with_capacity(s.len());
        push_lower_collapsed_run(&mut out, s.as_bytes(), &mut false);
        String::from_utf8(out).unwrap_or_default()
    } else {
        normalize_chars(s)
    }
}

/// [`normalize`] of text that is not all ASCII: its ASCII bytes one by one (most of such a
/// line), each other char decoded and lowered.
fn normalize_chars(s: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let mut space = false;
    let mut rest = s;
    while !rest.is_empty() {
        let run = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        // Its ASCII whitespace is the ASCII chars `is_space` knows.
        let ascii = rest.as_bytes().get(..run).unwrap_or_default();
        push_lower_collapsed_run(&mut out, ascii, &mut space);
        rest = rest.get(run..).unwrap_or_default();
        let Some(c) = rest.chars().next() else { break };
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
        if is_space(c) {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(b' ');
        }
        space = false;
        let mut buf = [0u8; 4];
        for lower in c.to_lowercase() {
            out.extend_from_slice(lower.encode_utf8(&mut buf).as_bytes());
        }
    }
    // Only whole chars were written: the bytes are UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// [`crate::extract::text::push_lower_collapsed_ascii`] of a run of ASCII bytes, the words
/// between its first and last non-space copied and lowered at once when no whitespace between
/// them but single ' ' (most of a line).
fn push_lower_collapsed_run(out: &mut Vec<u8>, ascii: &[u8], space: &mut bool) {
    let lead = ascii.iter().take_while(|&&b| is_regex_space(b)).count();
    let rest = ascii.get(lead..).unwrap_or_default();
    let trail = rest
        .iter()
        .rev()
        .take_while(|&&b| is_regex_space(b))
        .count();
    let words = rest.get(..rest.len() - trail).unwrap_or_default();
    let collapsed = memchr::memchr3(b'\t', b'\n', b'\r', words).is_none()
        && memchr::memchr2(0x0b, 0x0c, words).is_none()
        && memchr::memmem::find(words, b"  ").is_none();
    if words.is_empty() || !collapsed {
        crate::extract::text::push_lower_collapsed_ascii(out, ascii, space);
        return;
    }
    if (*space || lead > 0) && !out.is_empty() {
        out.push(b' ');
    }
    let from = out.len();
    out.extend_from_slice(words);
    if let Some(copied) = out.get_mut(from..) {
        copied.make_ascii_lowercase();
    }
    *space = trail > 0;
}

/// The markers of a list item.
const BULLETS: [char; 10] = ['-', '•', '*', '·', '–', '—', '▪', '►', '‣', '◦'];

/// The first bytes of the [`BULLETS`] in UTF-8.
const BULLET_LEAD_BYTES: [u8; 4] = [b'-', b'*', 0xC2, 0xE2];

/// The line without a leading bullet marker, and whether it had one.
fn strip_bullet(t: &str) -> (&str, bool) {
    if !t
        .as_bytes()
        .first()
        .is_some_and(|b| BULLET_LEAD_BYTES.contains(b))
    {
        return (t, false);
    }
    for b in BULLETS {
        if let Some(rest) = t.strip_prefix(b)
            && rest.starts_with(is_space)
        {
            return (rest.trim_start_matches(is_space), true);
        }
    }
    (t, false)
}

/// Does the line end like a sentence ('.', '!', '?', '…', optionally inside closing quotes)?
fn ends_like_sentence(t: &str) -> bool {
    let t = t.trim_end_matches(|c: char| CLOSERS.contains(&c) || is_space(c));
    t.ends_with(['.', '!', '?', '…'])
}

/// A short line of capitalized words with no sentence punctuation: a headline, a name, a
/// place, a date line, a menu entry.
fn is_title_like(t: &str) -> bool {
    if t.len() > 200 || ends_like_sentence(t) {
        return false;
    }
    let mut words = 0;
    let mut considered = 0;
    let mut capitalized = 0;
    for w in t.split(is_space).filter(|w| !w.is_empty()) {
        words += 1;
        if words > 25 {
            return false;
        }
        let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = w.chars().next() else {
            continue;
        };
        if first.is_numeric() {
            continue;
        }
        if first.is_uppercase() {
            considered += 1;
            capitalized += 1;
        } else if w.chars().filter(|c| c.is_alphabetic()).count() > 3 {
            // Short lowercase words (of, in, the, and) are allowed in titles.
            considered += 1;
        }
    }
    if considered == 0 {
        // Numbers and symbols only ("12", "***", "28.2"): furniture.
        return true;
    }
    capitalized * 10 >= considered * 7
}

/// "| Politics", "Home | World | Europe", "Website | + posts": a row of short links.
fn is_link_row(t: &str) -> bool {
    if t.len() > 200 || ends_like_sentence(t) {
        return false;
    }
    if t.starts_with(['|', '»', '›', '>']) {
        return true;
    }
    t.contains('|')
        && t.split('|')
            .all(|seg| seg.split(is_space).filter(|w| !w.is_empty()).count() <= 4)
}

/// `norm.strip_prefix(phrase)`, most lines turned away by their first byte.
fn strip_phrase<'a>(norm: &'a str, phrase: &str) -> Option<&'a str> {
    if !phrase.is_empty() && norm.as_bytes().first() != phrase.as_bytes().first() {
        return None;
    }
    norm.strip_prefix(phrase)
}

fn starts_with_phrase(norm: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| strip_phrase(norm, p).is_some())
}

fn is_teaser(norm: &str) -> bool {
    TEASER_PREFIXES.iter().any(|p| {
        strip_phrase(norm, p).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.is_empty() || rest.starts_with(TEASER_SEPARATORS)
        })
    })
}

fn is_caption(norm: &str) -> bool {
    if starts_with_phrase(norm, CAPTION_PREFIXES) {
        return true;
    }
    let end = norm.trim_end_matches(|c: char| c == '.' || c == ')' || c == ']' || is_space(c));
    CAPTION_SUFFIXES.iter().any(|s| end.ends_with(s))
}

/// A line that is a bare URL or an e-mail address, or text glued to one (author boxes).
fn is_link_line(norm: &str) -> bool {
    !norm.contains(' ')
        && (norm.contains("http://")
            || norm.contains("https://")
            || norm.starts_with("www.")
            || (norm.contains('@') && norm.contains('.')))
}

/// The job words of [`AUTHOR_BIO`] ("editor-in-chief" starts with "editor", so a match of it
/// is a match of "editor").
const AUTHOR_JOBS: [&str; 14] = [
    "editor",
    "reporter",
    "correspondent",
    "writer",
    "journalist",
    "contributor",
    "columnist",
    "author",
    "analyst",
    "producer",
    "fellow",
    "intern",
    "freelancer",
    "blogger",
];

/// [`AUTHOR_BIO`] matches `t` ("Jane Doe is a senior reporter at ..."): by hand on an ASCII
/// line, by the pattern on any other (whose case-insensitive job words also match non-ASCII
/// letters, "ſ" for "s").
fn is_author_bio(t: &str) -> bool {
    if t.is_ascii() {
        is_author_bio_ascii(t.as_bytes())
    } else {
        bio_may_start(t) && may_hold_bio_words(t) && matches(&AUTHOR_BIO, t)
    }
}

/// Necessary for [`AUTHOR_BIO`] on any text: 1 to 4 name-like words from the start, then
/// "is", "was" or "has been", then an article, as whole words between spaces. The checks
/// are wider than the pattern's classes (`char::is_whitespace` is `\s`, every `\p{Lu}` is
/// `is_uppercase` and every `\p{L}` `is_alphabetic`), so no match is turned away.
fn bio_may_start(t: &str) -> bool {
    if t.starts_with(char::is_whitespace) {
        return false;
    }
    let words: Vec<&str> = t
        .split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .take(4 + 2 + 1)
        .collect();
    let is_name = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
    };
    for names in 1..=4 {
        if !words.get(names - 1).is_some_and(|w| is_name(w)) {
            return false;
        }
        let verb_words = match words.get(names) {
            Some(&("is" | "was")) => 1,
            Some(&"has") if words.get(names + 1) == Some(&"been") => 2,
            _ => continue,
        };
        if matches!(
            words.get(names + verb_words),
            Some(&("a" | "an" | "the" | "our"))
        ) {
            return true;
        }
    }
    false
}

/// The non-ASCII chars that Unicode simple case folding matches with ASCII letters (long s
/// with 's', Kelvin sign with 'k'), so that a case-insensitive ASCII word of a pattern may
/// match them too.
const FOLDS_TO_ASCII: [char; 2] = ['ſ', '\u{212A}'];

/// Necessary for [`AUTHOR_BIO`] on any text: one of its verbs (case-sensitive ASCII in the
/// pattern) and one of its job words, ignoring ASCII case, unless the text holds a char of
/// [`FOLDS_TO_ASCII`] (then the pattern decides).
fn may_hold_bio_words(t: &str) -> bool {
    let has_verb = ["is", "was", "has been"].iter().any(|v| t.contains(v));
    let has_job = || {
        t.contains(FOLDS_TO_ASCII)
            || AUTHOR_JOBS.iter().any(|job| {
                t.as_bytes()
                    .windows(job.len())
                    .any(|w| w.eq_ignore_ascii_case(job.as_bytes()))
            })
    };
    has_verb && has_job()
}

/// [`AUTHOR_BIO`] on ASCII text. There `\p{Lu}` is `[A-Z]`, `\p{L}` is `[A-Za-z]`, `\s` one
/// of the six ASCII spaces and a word char `[A-Za-z0-9_]`. Every part of the pattern but the
/// job word is a whole word between spaces (the parts are joined by `\s+` and none holds a
/// space, save the single ' ' of "has been"), so the pattern is tried word by word: 1 to 4
/// name words from the start, the verb, the article, 0 to 4 filler words, and a word that
/// starts with a job word not followed by a word char.
fn is_author_bio_ascii(t: &[u8]) -> bool {
    /// Names, verb (2 words), article, fillers and the job word.
    const MAX_WORDS: usize = 4 + 2 + 1 + 4 + 1;
    let mut words: Vec<(usize, &[u8])> = Vec::with_capacity(MAX_WORDS);
    let mut i = 0;
    while i < t.len() && words.len() < MAX_WORDS {
        if is_regex_space(t[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < t.len() && !is_regex_space(t[i]) {
            i += 1;
        }
        words.push((start, &t[start..i]));
    }
    if words.first().is_none_or(|&(start, _)| start != 0) {
        return false;
    }
    let word = |k: usize| words.get(k).map_or(&b""[..], |&(_, w)| w);
    let is_name = |w: &[u8]| {
        w.first().is_some_and(u8::is_ascii_uppercase)
            && w.iter()
                .all(|&c| c.is_ascii_alphabetic() || matches!(c, b'.' | b'\'' | b'-'))
    };
    let is_filler =
        |w: &[u8]| !w.is_empty() && w.iter().all(|&c| c.is_ascii_alphabetic() || c == b'-');
    let is_job = |w: &[u8]| {
        AUTHOR_JOBS.iter().any(|job| {
            w.get(..job.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(job.as_bytes()))
                && w.get(job.len())
                    .is_none_or(|&c| !(c.is_ascii_alphanumeric() || c == b'_'))
        })
    };
    for names in 1..=4 {
        if !is_name(word(names - 1)) {
            return false;
        }
        let verb = names;
        let verb_words = match word(verb) {
            b"is" | b"was" => 1,
            // "has been" with exactly one ' ' between the words.
            b"has"
                if word(verb + 1) == b"been"
                    && words.get(verb + 1).map(|&(s, _)| s) == Some(words[verb].0 + 4)
                    && t[words[verb].0 + 3] == b' ' =>
            {
                2
            }
            _ => continue,
        };
        let article = verb + verb_words;
        if !matches!(word(article), b"a" | b"an" | b"the" | b"our") {
            continue;
        }
        for fillers in 0..=4 {
            let job = article + 1 + fillers;
            if is_job(word(job)) {
                return true;
            }
            if !is_filler(word(job)) {
                break;
            }
        }
    }
    false
}

/// Classify one line on its own (its trimmed text `t`).
fn classify(t: &str) -> Kind {
    if t.is_empty() {
        return Kind::Blank;
    }
    // Markup lines: HTML saved as text.
    if t.starts_with('<') && t.ends_with('>') {
        return Kind::Boiler { text_like: false };
    }
    if t.len() > MAX_PHRASE_LINE {
        return Kind::Body;
    }
    let (item, bullet) = strip_bullet(t);
    let norm = normalize(item);
    let norm = norm.trim_end_matches([':', ' ']);
    let is_one_of = |list: &[&str]| norm.len() <= LONGEST_WHOLE_LINE && list.contains(&norm);

    if is_one_of(LIST_HEADINGS) {
        return Kind::ListHeading;
    }
    if is_one_of(NAV_LINES) || is_one_of(SHARE_LINES) || is_one_of(COMMENT_LINES) {
        return Kind::Boiler { text_like: false };
    }
    if is_comment_count(norm) || is_temperature(norm) || is_link_line(norm) {
        return Kind::Boiler { text_like: false };
    }
    if AUTHOR_BOX_FINDERS
        .iter()
        .any(|f| f.find(norm.as_bytes()).is_some())
    {
        return Kind::Boiler { text_like: false };
    }
    if is_teaser(norm) || starts_with_phrase(norm, SIGNUP_PREFIXES) || is_caption(norm) {
        return Kind::Boiler { text_like: true };
    }
    if starts_with_phrase(norm, WELCOME_PREFIXES) && norm.len() <= 80 {
        return Kind::Boiler { text_like: true };
    }
    if bullet && starts_with_clock_time(norm) {
        return Kind::ListItem;
    }
    if is_link_row(item) || is_title_like(item) {
        return if bullet {
            Kind::ListItem
        } else {
            Kind::Boiler { text_like: false }
        };
    }
    if t.len() <= 250 && is_author_bio(t) {
        return Kind::BioCandidate;
    }
    Kind::Body
}

/// Is this line, inside a link list, still part of the list?
fn continues_list(t: &str, kind: Kind) -> bool {
    match kind {
        Kind::Blank | Kind::ListItem | Kind::ListHeading | Kind::Boiler { .. } => true,
        Kind::Body | Kind::BioCandidate => {
            let (item, bullet) = strip_bullet(t);
            bullet
                || starts_with_clock_time(item)
                || (item.len() <= 160 && !ends_like_sentence(item))
        }
    }
}

/// Classify every line of the body: `true` for lines whose sentences count.
fn body_lines(text: &str, from: usize) -> Vec<(usize, usize, bool)> {
    let lines: Vec<(usize, usize)> = line_ranges(text, from)
        .map(|(s, e, _)| trim_range(text, s, e))
        .collect();
    let mut kinds: Vec<Kind> = lines.iter().map(|&(s, e)| classify(&text[s..e])).collect();

    // Link lists: the heading and the items after it, to the end of the list.
    let mut in_list = false;
    for (i, &(s, e)) in lines.iter().enumerate() {
        match kinds[i] {
            Kind::ListHeading => in_list = true,
            k if in_list && continues_list(&text[s..e], k) => {
                if matches!(k, Kind::Body | Kind::BioCandidate) {
                    kinds[i] = Kind::ListItem;
                }
            }
            _ => in_list = false,
        }
    }

    // A teaser or sign-up line cut mid-sentence continues on the next line.
    for i in 1..lines.len() {
        let (ps, pe) = lines[i - 1];
        let (s, e) = lines[i];
        if kinds[i] == Kind::Body
            && kinds[i - 1] == (Kind::Boiler { text_like: true })
            && !ends_like_sentence(&text[ps..pe])
            && text[s..e].starts_with(|c: char| c.is_lowercase())
        {
            kinds[i] = Kind::Boiler { text_like: true };
        }
    }

    // Author bios count as boilerplate next to other boilerplate (or at the end of the page).
    let is_furniture = |k: Kind| !matches!(k, Kind::Body | Kind::Blank | Kind::BioCandidate);
    let mut resolved = kinds.clone();
    for i in 0..kinds.len() {
        if kinds[i] != Kind::BioCandidate {
            continue;
        }
        let prev = kinds[..i].iter().rev().find(|k| **k != Kind::Blank);
        let next = kinds[i + 1..].iter().find(|k| **k != Kind::Blank);
        let boiler_prev = prev.is_some_and(|k| is_furniture(*k) || *k == Kind::BioCandidate);
        let boiler_next = next.is_none_or(|k| is_furniture(*k) || *k == Kind::BioCandidate);
        resolved[i] = if boiler_prev || boiler_next {
            Kind::Boiler { text_like: false }
        } else {
            Kind::Body
        };
    }

    lines
        .into_iter()
        .zip(resolved)
        .map(|((s, e), k)| (s, e, k == Kind::Body))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Sentences
// ---------------------------------------------------------------------------------------------

/// The sentences of the body starting at byte `from`.
fn sentences(text: &str, from: usize) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (s, e, body) in body_lines(text, from) {
        if out.len() >= MAX_SENTENCES {
            break;
        }
        if body {
            split_line(text, s, e, &mut out);
        }
    }
    out
}

fn char_at(s: &str, at: usize) -> Option<char> {
    s.get(at..).and_then(|r| r.chars().next())
}

/// The word just before byte `at` (without leading quotes/brackets), or `None` when it is
/// longer than any abbreviation.
fn word_before(line: &str, at: usize) -> Option<&str> {
    let before = &line[..at];
    let mut start = at;
    for (i, c) in before.char_indices().rev() {
        if is_space(c) {
            break;
        }
        start = i;
        if at - start > 16 {
            return None;
        }
    }
    Some(line[start..at].trim_start_matches(|c: char| OPENERS.contains(&c)))
}

/// The next word after byte `at` (skipping whitespace and opening quotes), at most 24 chars.
fn word_after(line: &str, at: usize) -> &str {
    let rest = line[at..].trim_start_matches(|c: char| is_space(c) || OPENERS.contains(&c));
    let mut end = 0;
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if n >= 24 || !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-') {
            break;
        }
        end = i + c.len_utf8();
    }
    &rest[..end]
}

/// "U.S", "a.m", "e.g", "D.C": letters in groups of one or two separated by dots.
fn is_dotted_abbreviation(word: &str) -> bool {
    let parts: Vec<&str> = word.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            let n = p.chars().count();
            (1..=2).contains(&n) && p.chars().all(char::is_alphabetic)
        })
}

fn is_opener(word: &str) -> bool {
    let w = word.to_lowercase();
    SENTENCE_OPENERS.contains(&w.as_str())
}

/// `word.to_lowercase()` written into `buf` when the word is ASCII and fits; `None` otherwise.
fn lower_ascii_in<'b>(word: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    let lower = buf.get_mut(..word.len()).filter(|_| word.is_ascii())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).ok()
}

/// Does the terminator `term` at byte `at` of `line` (followed by whitespace or the end) end
/// the sentence? `next` is the word after it.
fn ends_sentence(line: &str, at: usize, term: char, next: &str) -> bool {
    let Some(first) = next.chars().next() else {
        return true;
    };
    if first.is_lowercase() {
        // "e.g. the", "etc. and", "“Why?” he asked": the sentence goes on.
        return false;
    }
    if term != '.' {
        return true;
    }
    let Some(word) = word_before(line, at) else {
        return true;
    };
    let mut buf = [0u8; 32];
    let owned;
    let lower = match lower_ascii_in(word, &mut buf) {
        Some(lower) => lower,
        None => {
            owned = word.to_lowercase();
            owned.as_str()
        }
    };
    if ABBREVIATIONS.contains(&lower) {
        return false;
    }
    if NUMBER_ABBREVIATIONS.contains(&lower) && first.is_ascii_digit() {
        return false;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        // An initial: "J. Smith".
        return false;
    }
    if AMBIGUOUS_ABBREVIATIONS.contains(&lower) || is_dotted_abbreviation(word) {
        return is_opener(next);
    }
    true
}

/// Split one body line (trimmed, `text[start..end]`) into sentences.
fn split_line(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let line = &text[start..end];
    let bytes = line.as_bytes();
    let mut sentence_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Candidates: '.', '!', '?' and the first byte of '…' (E2 80 A6).
        let Some(at) = find_terminator(bytes, i) else {
            break;
        };
        let Some(term) = char_at(line, at) else {
            break;
        };
        if !matches!(term, '.' | '!' | '?' | '…') {
            i = at + term.len_utf8();
            continue;
        }
        // The run of terminators and closing quotes.
        let mut j = at;
        while let Some(c) = char_at(line, j) {
            if matches!(c, '.' | '!' | '?' | '…') || CLOSERS.contains(&c) {
                j += c.len_utf8();
            } else {
                break;
            }
        }
        let followed_by_space = char_at(line, j).is_none_or(is_space);
        if followed_by_space && ends_sentence(line, at, term, word_after(line, j)) {
            push_sentence(text, start + sentence_start, start + j, out);
            if out.len() >= MAX_SENTENCES {
                return;
            }
            sentence_start = j;
        }
        i = j;
    }
    push_sentence(text, start + sentence_start, end, out);
}

/// Add `text[start..end]` (trimmed) as a sentence, split at whitespace when it is too long.
fn push_sentence(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let (mut start, end) = trim_range(text, start, end);
    while start < end && out.len() < MAX_SENTENCES {
        let (s, e) = if end - start <= MAX_SENTENCE_BYTES {
            (start, end)
        } else {
            let mut limit = start + MAX_SENTENCE_BYTES;
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            let cut = text[start..limit]
                .char_indices()
                .rev()
                .find(|&(i, c)| i > 0 && is_space(c))
                .map_or(limit, |(i, _)| start + i);
            (start, cut)
        };
        let (ts, te) = trim_range(text, s, e);
        if text[ts..te].chars().any(char::is_alphanumeric) {
            out.push(Sentence { start: ts, end: te });
        }
        let (next, _) = trim_range(text, e, end);
        if next <= start {
            break;
        }
        start = next;
    }
}

#[cfg(test)]
mod tests;
