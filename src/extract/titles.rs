//! Person–title pairs: "Defense Minister Rustem Umerov", "Ukraine's defence minister, Rustem
//! Umerov,", "Rustem Umerov, the former defense minister and now Secretary of ...", "X, who
//! also serves as Y".

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
const NAME_PARTICLES: [&str; 8] = ["bin", "al", "de", "van", "von", "der", "da", "la"];
/// Capitalized words that start sentences or clauses and are never part of a name.
const NOT_NAME: [&str; 24] = [
    "The", "A", "An", "This", "That", "These", "Those", "In", "On", "At", "For", "But", "And",
    "He", "She", "It", "They", "We", "I", "His", "Her", "Their", "Its", "Our",
];
const MONTHS_DAYS: [&str; 19] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
];

struct Ctx<'a, 'v> {
    toks: &'a [Token<'a>],
    vocab: &'v Vocab,
}

impl Ctx<'_, '_> {
    fn tok(&self, i: usize) -> Option<&Token<'_>> {
        self.toks.get(i)
    }
    fn lower(&self, i: usize) -> String {
        self.toks.get(i).map(|t| t.lower()).unwrap_or_default()
    }
    fn is_place(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| self.vocab.place(t.bare()).is_some())
    }
    fn is_title_word(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.is_word() && self.vocab.is_title_word(t.bare()))
    }
    fn is_head(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.is_word() && self.vocab.is_title_head(t.bare()))
    }
    fn tenure(&self, i: usize) -> Option<Tenure> {
        let t = self.tok(i)?;
        self.vocab.tenure_of(t.text)
    }
    fn is_name_word(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        t.is_word()
            && t.is_capitalized()
            && t.text.chars().any(char::is_lowercase)
            && !NOT_NAME.contains(&t.text)
            && !MONTHS_DAYS.contains(&t.bare())
            && !self.vocab.is_title_word(t.bare())
            && self.vocab.place(t.bare()).is_none()
    }

    /// A name starting at `i`: capitalized words (and particles), up to 4. Returns the end
    /// index (exclusive) of the name.
    fn name_at(&self, i: usize) -> Option<usize> {
        if !self.is_name_word(i) {
            return None;
        }
        let mut j = i + 1;
        while j < self.toks.len() && j - i < 4 {
            if self.toks[j - 1].is_possessive() {
                break;
            }
            if self.is_name_word(j) {
                j += 1;
            } else if NAME_PARTICLES.contains(&self.lower(j).as_str()) && self.is_name_word(j + 1) {
                j += 2;
            } else {
                break;
            }
        }
        let single = j == i + 1;
        if single {
            // A one-word name only when the vocabulary knows it.
            let word = self.toks[i].bare();
            if self.vocab.person(word).is_none() {
                return None;
            }
        }
        Some(j)
    }

    fn name_text(&self, i: usize, j: usize) -> String {
        let s = &self.toks[i];
        let e = &self.toks[j - 1];
        let mut name: Vec<&str> = Vec::new();
        for t in &self.toks[i..j] {
            name.push(t.text);
        }
        let _ = (s, e);
        let joined = name.join(" ");
        joined
            .strip_suffix("'s")
            .or_else(|| joined.strip_suffix("’s"))
            .unwrap_or(&joined)
            .to_string()
    }

    /// A title phrase starting at `i` (title words, places, demonyms; connectors "of", "of
    /// the", "and" inside a capitalized complement). Returns (first title token, end
    /// exclusive) when it contains a head.
    fn title_at(&self, i: usize, allow_lower_complement: bool) -> Option<(usize, usize)> {
        let mut j = i;
        let mut has_head = false;
        let mut last_head_or_mod = None;
        while j < self.toks.len() {
            let t = &self.toks[j];
            if !t.is_word() {
                break;
            }
            if self.is_title_word(j) {
                has_head |= self.is_head(j);
                last_head_or_mod = Some(j + 1);
                j += 1;
                continue;
            }
            if (self.is_place(j) || (t.is_possessive() && t.is_capitalized())) && !has_head {
                j += 1;
                continue;
            }
            let lw = self.lower(j);
            if has_head && lw == "of" {
                // Complement: "of the National Security and Defense Council", "of policy
                // planning".
                let mut k = j + 1;
                if ARTICLES.contains(&self.lower(k).as_str()) {
                    k += 1;
                }
                let start_k = k;
                while k < self.toks.len() && k - start_k < 8 {
                    let tk = &self.toks[k];
                    if !tk.is_word() {
                        break;
                    }
                    let lk = tk.lower();
                    if tk.is_capitalized() && self.tenure(k).is_none() {
                        k += 1;
                    } else if (lk == "and" || lk == "of" || lk == "for")
                        && self.tok(k + 1).is_some_and(|n| n.is_capitalized() && n.is_word())
                        && self.tenure(k + 1).is_none()
                        && k > start_k
                    {
                        k += 1;
                    } else if allow_lower_complement
                        && !self.vocab.is_stop_word(&lk)
                        && lk != "and"
                        && tk.text.chars().all(|c| c.is_lowercase() || c == '-')
                    {
                        k += 1;
                    } else {
                        break;
                    }
                }
                if k > start_k {
                    last_head_or_mod = Some(k);
                    j = k;
                }
                break;
            }
            break;
        }
        if !has_head {
            return None;
        }
        let end = last_head_or_mod?;
        // The title starts at its first title word, not at a leading place/possessive.
        let mut first = i;
        while first < end && !self.is_title_word(first) {
            first += 1;
        }
        // A title must end with a head or complement, not a bare modifier ("Foreign").
        if !self.is_head(end - 1) && !self.toks[end - 1].is_capitalized() && self.lower(end - 1) != "planning" {
            // lower-case complement words are fine; a dangling modifier is not.
            if self.vocab.is_title_modifier(self.toks[end - 1].bare()) {
                return None;
            }
        }
        Some((first, end))
    }

    fn span_text(&self, i: usize, j: usize) -> (usize, usize) {
        (self.toks[i].start, self.toks[j - 1].end)
    }

    /// Tenure words immediately before index `i` (skipping articles and possessives).
    fn tenure_before(&self, i: usize) -> (Tenure, usize) {
        let mut k = i;
        let mut tenure = Tenure::Current;
        let mut first = i;
        while k > 0 {
            let p = k - 1;
            if let Some(t) = self.tenure(p) {
                tenure = t;
                first = p;
                k = p;
            } else {
                break;
            }
        }
        // Hyphenated "ex-minister", "then-president" inside the first title token.
        if let Some(t) = self.tok(i)
            && let Some((pre, _)) = t.text.split_once(['-', '‑'])
            && let Some(tn) = self.vocab.tenure_of(pre)
        {
            tenure = tn;
        }
        (tenure, first)
    }
}

fn make(ctx: &Ctx<'_, '_>, s: &str, name: String, title: (usize, usize), tenure: (Tenure, usize)) -> Option<TitleMention> {
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

/// All person–title pairs of a sentence.
pub fn find_titles(s: &str, toks: &[Token<'_>], vocab: &Vocab) -> Vec<TitleMention> {
    let ctx = Ctx { toks, vocab };
    let mut out: Vec<TitleMention> = Vec::new();
    let n = toks.len();
    let mut i = 0;
    while i < n {
        // A) Title directly before a name; B) Title, Name,
        if (ctx.is_title_word(i) || ctx.is_place(i) || (toks[i].is_possessive() && toks[i].is_capitalized()))
            && let Some((t0, t1)) = ctx.title_at(i, false)
        {
            let (name_start, comma) = if ctx.tok(t1).is_some_and(|t| t.text == ",") {
                (t1 + 1, true)
            } else {
                (t1, false)
            };
            if let Some(name_end) = ctx.name_at(name_start) {
                // B needs the name to be closed by a comma, a verb or the end.
                let closed = !comma
                    || ctx.tok(name_end).is_none_or(|t| matches!(t.text, "," | "." | ";" | ")"))
                    || ctx.tok(name_end).is_some_and(|t| !t.is_capitalized());
                if closed {
                    let name = ctx.name_text(name_start, name_end);
                    if let Some(m) = make(&ctx, s, name, (t0, t1), ctx.tenure_before(t0)) {
                        out.push(m);
                    }
                    i = name_end;
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
                    if matches!(verb.as_str(), "serves" | "served" | "is" | "was" | "works" | "worked" | "has" | "had") {
                        if matches!(verb.as_str(), "served" | "was" | "worked" | "had") && clause_tenure.is_none() {
                            clause_tenure = Some(Tenure::Former);
                        }
                        k += 1;
                        if matches!(ctx.lower(k).as_str(), "been") {
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
                loop {
                    while ARTICLES.contains(&ctx.lower(k).as_str())
                        || ctx.tok(k).is_some_and(|t| t.is_possessive() && !t.is_capitalized())
                    {
                        k += 1;
                    }
                    let mut tenure = clause_tenure.unwrap_or(Tenure::Current);
                    let mut first = k;
                    while let Some(t) = ctx.tenure(k) {
                        tenure = t;
                        k += 1;
                    }
                    while ARTICLES.contains(&ctx.lower(k).as_str()) {
                        k += 1;
                    }
                    let Some((t0, t1)) = ctx.title_at(k, true) else { break };
                    // A list of other officials ("X, a deputy minister, a deputy ...") is not
                    // an apposition.
                    if ctx.tok(t1).is_some_and(|t| t.text == ",") && (ctx.is_title_word(t1 + 1) || ARTICLES.contains(&ctx.lower(t1 + 1).as_str()) && ctx.is_title_word(t1 + 2)) {
                        break;
                    }
                    if first == t0 {
                        first = t0;
                    }
                    let (_, hy) = ctx.tenure_before(t0);
                    let _ = hy;
                    let tenure_first = if first < t0 { first } else { t0 };
                    if let Some(m) = make(&ctx, s, name.clone(), (t0, t1), (tenure, tenure_first)) {
                        let mut m = m;
                        if let Some((pre, _)) = ctx.toks[t0].text.split_once(['-', '‑'])
                            && let Some(tn) = vocab.tenure_of(pre)
                        {
                            m.tenure = tn;
                        }
                        out.push(m);
                        found_any = true;
                    }
                    k = t1;
                    // "... and now Title", "... and also Title"
                    if ctx.lower(k) == "and" && (ctx.tenure(k + 1).is_some() || ctx.is_title_word(k + 1)) {
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
