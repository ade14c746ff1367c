//! The JSON report: exactly the contract of `DESIGN.md` (`serde_json` of [`Report`]),
//! pretty-printed, with a trailing newline. Streamed through one buffer, with the claims (nearly
//! all of a large report) serialized in parallel, a batch at a time, by a hand writer that the
//! tests hold to serde_json's bytes.

use std::io::{self, Write};

use rayon::prelude::*;
#[cfg(test)]
use serde::Serialize;

use super::{Emitter, RenderOptions};
use crate::model::{Claim, Finding, Report};

/// The JSON report.
pub struct JsonEmitter;

impl Emitter for JsonEmitter {
    fn emit(
        &self,
        out: &mut dyn Write,
        report: &Report,
        _options: RenderOptions,
    ) -> io::Result<()> {
        // Streamed through a buffer: the same bytes as one `to_vec_pretty`, without holding a
        // copy of the whole document (hundreds of MB on a large feed).
        let mut buf = io::BufWriter::with_capacity(1 << 16, out);
        write_pretty(&mut buf, report)?;
        buf.write_all(b"\n")?;
        buf.flush()
    }
}

/// Claims serialized in parallel at a time: memory holds one batch's text (a few MB).
const CLAIMS_PER_BATCH: usize = 4096;
/// Claims one parallel task prints into one buffer.
const CLAIMS_PER_TASK: usize = 128;

/// `serde_json::to_writer_pretty(out, report)`, byte for byte, with the claims serialized in
/// parallel. The pretty printer indents by depth only and never breaks a line inside a string,
/// so a value printed on its own and indented to its depth is what the whole printer writes:
/// the report is printed with no findings and each finding with no claims (small), and the
/// claims, printed a batch at a time in parallel, are written into their lists.
fn write_pretty(out: &mut impl Write, report: &Report) -> io::Result<()> {
    if report.findings.is_empty() {
        return serde_json::to_writer_pretty(out, report).map_err(io::Error::other);
    }
    let outline = Report {
        version: report.version,
        articles: report.articles.clone(),
        skipped: report.skipped.clone(),
        findings: Vec::new(),
        accepted: report.accepted,
        stale: report.stale.clone(),
    };
    let outline = serde_json::to_vec_pretty(&outline)?;
    let (before, after) = around_empty_list(&outline, "findings")?;
    out.write_all(before)?;
    out.write_all(b"[")?;
    let mut findings = FindingWriter {
        findings: &report.findings,
        next: 0,
        open: None,
    };
    let all = report
        .findings
        .iter()
        .enumerate()
        .flat_map(|(k, f)| f.claims.iter().enumerate().map(move |(j, c)| (k, j, c)));
    let mut batch: Vec<(usize, usize, &Claim)> = Vec::with_capacity(CLAIMS_PER_BATCH);
    let mut flush = |batch: &mut Vec<(usize, usize, &Claim)>| -> io::Result<()> {
        let printed: Vec<Printed> = batch
            .par_chunks(CLAIMS_PER_TASK)
            .map(print_claims)
            .collect::<io::Result<_>>()?;
        // A run of claims of one finding is written in one piece: most often a task's whole
        // text (some 80 kB, longer than the buffers, which pass it straight on to stdout).
        for Printed { text, runs } in &printed {
            let mut start = 0;
            for &(k, end) in runs {
                findings.claims(out, k, &text[start..end])?;
                start = end;
            }
        }
        batch.clear();
        Ok(())
    };
    for item in all {
        batch.push(item);
        if batch.len() == CLAIMS_PER_BATCH {
            flush(&mut batch)?;
        }
    }
    flush(&mut batch)?;
    findings.finish(out)?;
    out.write_all(b"\n  ]")?;
    out.write_all(after)
}

/// Indent of the findings (depth 2 of the report), of a finding's lines, and of its claims
/// (depth 4).
const FINDING_INDENT: &[u8] = b"    ";
const CLAIM_INDENT: &[u8] = b"        ";

/// Claims (claim `j` of finding `k`) pretty-printed at their depth in the report, each after
/// the line break and indent that lead to it in its finding's list, one after the other in
/// one buffer.
fn print_claims(claims: &[(usize, usize, &Claim)]) -> io::Result<Printed> {
    let mut text = Vec::with_capacity(CLAIMS_PER_TASK * 1024);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &(k, j, c) in claims {
        text.extend_from_slice(if j == 0 { b"\n" } else { b",\n" });
        text.extend_from_slice(CLAIM_INDENT);
        write_claim(&mut text, c)?;
        match runs.last_mut() {
            Some((open, end)) if *open == k => *end = text.len(),
            _ => runs.push((k, text.len())),
        }
    }
    Ok(Printed { text, runs })
}

/// Claims printed by [`print_claims`].
struct Printed {
    text: Vec<u8>,
    /// Runs of claims of one finding, in order: the finding and where its run ends in `text`.
    runs: Vec<(usize, usize)>,
}

/// The comma after the previous field of a claim, the line break and indent (depth 5 of the
/// report: [`CLAIM_INDENT`] and two spaces), and the key of the next (no key needs
/// escaping), in one piece.
macro_rules! field {
    ($out:expr, $key:literal) => {
        $out.extend_from_slice(concat!(",\n          \"", $key, "\": ").as_bytes())
    };
}

/// One claim as serde_json's pretty printer writes its `Serialize` derive at depth 4 of the
/// report (`print_claims_serde`, kept for the tests): the same bytes, written by hand.
///
/// Why: claims are nearly all of a large report, and through serde every string went
/// through serde_json's byte-at-a-time escaping and every line break through `Deeper`'s
/// indenting writer (8 % of a report run's instructions). The derive in `model.rs` stays the
/// contract (`DESIGN.md`, and what `diff` and baselines read back); this writer must follow
/// it field for field — order, fields skipped when `None`, `null` otherwise — and the tests
/// hold it to serde_json's bytes for arbitrary claims. Numbers other than integers, dates and
/// enums (short, and formatted by serde_json or jiff) are still written by serde_json.
#[inline(never)] // a function of its own in profiles
fn write_claim(out: &mut Vec<u8>, c: &Claim) -> io::Result<()> {
    // The opening brace follows the claim's indent; the first field has no comma before it.
    out.extend_from_slice(b"{\n          \"article\": ");
    write_str(out, &c.article);
    field!(out, "topic");
    write_str(out, &c.topic);
    field!(out, "subject");
    write_str(out, &c.subject);
    field!(out, "kind");
    serde_json::to_writer(&mut *out, &c.kind)?;
    field!(out, "value");
    write_str(out, &c.value);
    field!(out, "normalized");
    write_str(out, &c.normalized);
    if let Some(i) = &c.interval {
        // Its fields at depth 6. `lo` and `hi` are `finite_or_null`, and serde_json writes a
        // non-finite `point` as `null` too.
        field!(out, "interval");
        out.extend_from_slice(b"{\n            \"lo\": ");
        serde_json::to_writer(&mut *out, &i.lo)?;
        out.extend_from_slice(b",\n            \"hi\": ");
        serde_json::to_writer(&mut *out, &i.hi)?;
        out.extend_from_slice(b",\n            \"point\": ");
        serde_json::to_writer(&mut *out, &i.point)?;
        out.extend_from_slice(b"\n          }");
    }
    if let Some(unit) = &c.unit {
        field!(out, "unit");
        write_str(out, unit);
    }
    field!(out, "hedge");
    write_str_or_null(out, c.hedge.as_deref());
    if let Some(tenure) = &c.tenure {
        field!(out, "tenure");
        serde_json::to_writer(&mut *out, tenure)?;
    }
    field!(out, "event");
    write_str_or_null(out, c.event.as_deref());
    if let Some(date) = &c.date {
        field!(out, "date");
        serde_json::to_writer(&mut *out, date)?;
    }
    field!(out, "quote");
    write_str(out, &c.quote);
    for (key, n) in [
        ("start", c.start),
        ("end", c.end),
        ("line", c.line as usize),
        ("column", c.column as usize),
        ("end_line", c.end_line as usize),
        ("end_column", c.end_column as usize),
    ] {
        out.extend_from_slice(b",\n          \"");
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(b"\": ");
        write_usize(out, n);
    }
    out.extend_from_slice(b"\n        }");
    Ok(())
}

fn write_usize(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

fn write_str_or_null(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => write_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// A JSON string as serde_json writes it: `"` and `\` escaped with a backslash, control
/// characters as `\b \f \n \r \t` or `\u00xx` (lowercase hex), everything else (DEL,
/// non-ASCII) as is. The runs between escapes are copied whole.
fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut run = 0;
    while let Some(at) = next_escape(bytes, run) {
        out.extend_from_slice(&bytes[run..at]);
        let b = bytes[at];
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xF)],
                ]);
            }
        }
        run = at + 1;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// The first byte at or after `from` that a JSON string escapes, eight bytes at a time.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut at = from;
    for chunk in chunks.by_ref() {
        let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let found = escapes_in(word);
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    // The last bytes, padded with spaces (never escaped).
    let tail = chunks.remainder();
    let mut word = [b' '; 8];
    word[..tail.len()].copy_from_slice(tail);
    let found = escapes_in(u64::from_le_bytes(word));
    (found != 0).then(|| at + (found.trailing_zeros() / 8) as usize)
}

/// The high bit of each byte of `word` (little-endian) that is a control character, `"` or
/// `\` — exact up to the first such byte, so the lowest set bit marks the first byte to
/// escape. (A byte below 0x20 wraps when 0x20 is taken from it and has its high bit clear;
/// a byte equal to `"` or `\` is zero once xored with it. Borrows only run upward, from a
/// byte that is flagged.)
fn escapes_in(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |w: u64, n: u8| w.wrapping_sub(ONES * u64::from(n)) & !w & HIGH;
    let control = below(word, 0x20);
    let quote = below(word ^ (ONES * u64::from(b'"')), 1);
    let backslash = below(word ^ (ONES * u64::from(b'\\')), 1);
    control | quote | backslash
}

/// serde_json's own printing of claims at their depth, through its pretty printer and the
/// [`Deeper`] formatter: what [`write_claim`] must write for each.
#[cfg(test)]
fn print_claims_serde<'c>(
    claims: impl Iterator<Item = &'c Claim>,
) -> io::Result<(Vec<u8>, Vec<usize>)> {
    let mut text = Vec::new();
    let mut ends = Vec::new();
    for c in claims {
        let mut ser = serde_json::Serializer::with_formatter(&mut text, Deeper::new(CLAIM_INDENT));
        c.serialize(&mut ser)?;
        ends.push(text.len());
    }
    Ok((text, ends))
}

/// serde_json's pretty printer for a value that sits deeper in a document: `base` after
/// every line break it writes.
#[cfg(test)]
struct Deeper {
    pretty: serde_json::ser::PrettyFormatter<'static>,
    base: &'static [u8],
}

#[cfg(test)]
impl Deeper {
    fn new(base: &'static [u8]) -> Self {
        Deeper {
            pretty: serde_json::ser::PrettyFormatter::new(),
            base,
        }
    }
}

/// A writer that puts `base` after every line break written through it: pretty-printed JSON
/// moved deeper (a string's text never holds a raw line break, so every one is the printer's).
struct AfterLineBreak<'w, W: ?Sized> {
    out: &'w mut W,
    base: &'static [u8],
}

impl<W: ?Sized + Write> Write for AfterLineBreak<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut parts = buf.split(|&b| b == b'\n');
        if let Some(first) = parts.next() {
            self.out.write_all(first)?;
        }
        for part in parts {
            self.out.write_all(b"\n")?;
            self.out.write_all(self.base)?;
            self.out.write_all(part)?;
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
impl serde_json::ser::Formatter for Deeper {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        let base = self.base;
        self.pretty.end_array(&mut AfterLineBreak { out: w, base })
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        let base = self.base;
        self.pretty
            .begin_array_value(&mut AfterLineBreak { out: w, base }, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        let base = self.base;
        self.pretty.end_object(&mut AfterLineBreak { out: w, base })
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        let base = self.base;
        self.pretty
            .begin_object_key(&mut AfterLineBreak { out: w, base }, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object_value(w)
    }
}

/// Writes the findings around their claims, which arrive in report order.
struct FindingWriter<'r> {
    findings: &'r [Finding],
    /// The first finding not begun yet.
    next: usize,
    /// The finding begun and not ended: its index and what follows its claims list.
    open: Option<(usize, Vec<u8>)>,
}

impl FindingWriter<'_> {
    /// Claims of finding `k` that follow the ones written, as [`print_claims`] prints them.
    fn claims(&mut self, out: &mut impl Write, k: usize, text: &[u8]) -> io::Result<()> {
        if self.open.as_ref().is_none_or(|(open, _)| *open != k) {
            self.end_open(out)?;
            while self.next < k {
                // A finding without claims (none in practice) is written whole.
                self.begin(out, self.next)?;
                out.write_all(b"[]")?;
                self.end_open(out)?;
            }
            self.begin(out, k)?;
            out.write_all(b"[")?;
        }
        out.write_all(text)
    }

    /// Start finding `k`: everything before its claims list.
    fn begin(&mut self, out: &mut impl Write, k: usize) -> io::Result<()> {
        let f = &self.findings[k];
        let outline = Finding {
            topic: f.topic.clone(),
            subject: f.subject.clone(),
            events: f.events.clone(),
            verdict: f.verdict,
            reason: f.reason.clone(),
            claims: Vec::new(),
        };
        let outline = serde_json::to_vec_pretty(&outline)?;
        let (before, after) = around_empty_list(&outline, "claims")?;
        out.write_all(if k == 0 { b"\n" } else { b",\n" })?;
        out.write_all(FINDING_INDENT)?;
        let deeper = |out: &mut dyn Write, text: &[u8]| {
            AfterLineBreak {
                out,
                base: FINDING_INDENT,
            }
            .write_all(text)
        };
        deeper(out, before)?;
        let mut tail = Vec::new();
        deeper(&mut tail, after)?;
        self.open = Some((k, tail));
        self.next = k + 1;
        Ok(())
    }

    /// End the open finding: close its claims list (when it has claims) and write the rest.
    fn end_open(&mut self, out: &mut impl Write) -> io::Result<()> {
        if let Some((k, tail)) = self.open.take() {
            if !self.findings[k].claims.is_empty() {
                out.write_all(b"\n      ]")?;
            }
            out.write_all(&tail)?;
        }
        Ok(())
    }

    /// End the last finding, and write the findings after it that have no claims.
    fn finish(&mut self, out: &mut impl Write) -> io::Result<()> {
        self.end_open(out)?;
        while self.next < self.findings.len() {
            self.begin(out, self.next)?;
            out.write_all(b"[]")?;
            self.end_open(out)?;
        }
        Ok(())
    }
}

/// A pretty-printed object split around the empty list of its field `key` (a line of its
/// own at depth 1: no string holds a line break, so the match is the field).
fn around_empty_list<'t>(text: &'t [u8], key: &str) -> io::Result<(&'t [u8], &'t [u8])> {
    let marker = format!("\n  \"{key}\": []");
    let at = memchr::memmem::find(text, marker.as_bytes())
        .ok_or_else(|| io::Error::other(format!("no empty {key} list in the outline")))?;
    let list = at + marker.len() - 2;
    Ok((&text[..list], &text[list + 2..]))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::{Tenure, ValueKind};
    use crate::render::sample;

    fn render() -> String {
        sample::render(&JsonEmitter, &sample::report(), RenderOptions::default())
    }

    /// The parallel writer against serde_json's own pretty printer of the whole report.
    fn assert_same_as_serde(report: &Report) {
        let mut ours = Vec::new();
        write_pretty(&mut ours, report).unwrap();
        let theirs = serde_json::to_vec_pretty(report).unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs).unwrap()
        );
    }

    #[test]
    fn the_parallel_writer_prints_what_serde_json_prints() {
        assert_same_as_serde(&sample::report());
        // Enough claims for several batches, findings of every size, a baseline's fields.
        let mut feed = sample::feed_report(60);
        let claims: usize = feed.findings.iter().map(|f| f.claims.len()).sum();
        assert!(claims > 0);
        while feed.findings.iter().map(|f| f.claims.len()).sum::<usize>() < 3 * CLAIMS_PER_BATCH {
            let more = feed.findings.clone();
            feed.findings.extend(more);
        }
        feed.accepted = 3;
        feed.stale = vec![crate::model::BaselineEntry {
            topic: "venue".into(),
            subject: "talks \"quoted\"\nline".into(),
            verdict: crate::model::Verdict::Contradiction,
            events: vec!["round 2".into()],
            values: vec!["Istanbul".into(), "Doha".into()],
            articles: vec!["a".into(), "b".into()],
            fingerprint: "abc".into(),
            reason: "accepted".into(),
        }];
        assert_same_as_serde(&feed);
        // Findings without claims, first, between and last.
        let mut odd = sample::report();
        let mut empty = odd.findings[0].clone();
        empty.claims.clear();
        odd.findings.insert(0, empty.clone());
        odd.findings.insert(2, empty.clone());
        odd.findings.push(empty.clone());
        assert_same_as_serde(&odd);
        odd.findings = vec![empty];
        assert_same_as_serde(&odd);
        odd.findings.clear();
        assert_same_as_serde(&odd);
    }

    /// The hand writer against serde_json's printing of the same claims.
    fn assert_claims_as_serde(claims: &[Claim]) -> Result<(), String> {
        let mut ours = Vec::new();
        let mut our_ends = Vec::new();
        for c in claims {
            write_claim(&mut ours, c).unwrap();
            our_ends.push(ours.len());
        }
        let (theirs, their_ends) = print_claims_serde(claims.iter()).unwrap();
        if ours == theirs && our_ends == their_ends {
            return Ok(());
        }
        Err(format!(
            "hand writer:\n{}\nserde_json:\n{}",
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        ))
    }

    /// A claim with every optional field set, whose strings need every escape serde_json
    /// writes (and hold bytes it must not escape: DEL, non-ASCII).
    fn escaped_claim() -> Claim {
        let all_controls: String = (0u8..0x20).map(char::from).collect();
        Claim {
            article: "a\"b\\c".into(),
            topic: "tab\there, cr\r, lf\n, bs\u{8}, ff\u{c}".into(),
            subject: all_controls.clone().into(),
            kind: ValueKind::Money,
            value: "\u{1}\u{1f}\u{7f}\u{80}é’😀".into(),
            normalized: format!("{all_controls}\"\\{all_controls}").into(),
            interval: Some(crate::model::Interval {
                lo: f64::NEG_INFINITY,
                hi: f64::INFINITY,
                point: f64::NAN,
            }),
            unit: Some("km²\u{0}".into()),
            hedge: Some("\\\\\"\"".into()),
            tenure: Some(Tenure::Former),
            event: Some("round \"2\"".into()),
            date: Some(jiff::civil::date(2025, 7, 23)),
            quote: "He said: \"It's 20%\\30%\".\u{2028}\u{7}".into(),
            start: 0,
            end: usize::MAX,
            line: 1,
            column: 10,
            end_line: 1234567890,
            end_column: 99,
        }
    }

    #[test]
    fn claims_written_by_hand_are_what_serde_json_prints() {
        let full = escaped_claim();
        assert_claims_as_serde(std::slice::from_ref(&full)).unwrap();
        // The escapes themselves, spelled out.
        let mut text = Vec::new();
        write_claim(&mut text, &full).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(text.contains(r#""article": "a\"b\\c","#), "{text}");
        assert!(
            text.contains(r#""topic": "tab\there, cr\r, lf\n, bs\b, ff\f","#),
            "{text}"
        );
        assert!(
            text.contains(
                r#""subject": "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f","#
            ),
            "{text}"
        );
        assert!(
            text.contains("\"value\": \"\\u0001\\u001f\u{7f}\u{80}é’😀\","),
            "{text}"
        );
        assert!(
            text.contains("\"interval\": {\n            \"lo\": null,\n            \"hi\": null,\n            \"point\": null\n          },"),
            "{text}"
        );
        // Every optional field absent; the ones not skipped are null.
        let mut bare = crate::model::test_claim("", ValueKind::Count, "", "");
        assert_claims_as_serde(std::slice::from_ref(&bare)).unwrap();
        bare.interval = Some(crate::model::Interval {
            lo: -0.0,
            hi: 1e300,
            point: 5e-324,
        });
        assert_claims_as_serde(&[full, bare]).unwrap();
    }

    /// A string of any characters, with control characters, quotes, backslashes and
    /// non-ASCII more likely than among all of Unicode, long enough to span several 8-byte
    /// words.
    fn any_text() -> impl Strategy<Value = String> {
        let c = prop_oneof![
            3 => any::<char>(),
            3 => (0u8..0x80).prop_map(char::from),
            1 => (0u8..0x20).prop_map(char::from),
            1 => Just('"'),
            1 => Just('\\'),
            1 => Just('\u{7f}'),
            1 => Just('é'),
        ];
        proptest::collection::vec(c, 0..40).prop_map(|v| v.into_iter().collect())
    }

    fn any_f64() -> impl Strategy<Value = f64> {
        prop_oneof![
            4 => any::<f64>(),
            1 => Just(f64::INFINITY),
            1 => Just(f64::NEG_INFINITY),
            1 => Just(f64::NAN),
            1 => Just(0.0),
            1 => Just(-0.0),
            1 => Just(f64::MAX),
            1 => Just(f64::MIN_POSITIVE),
            1 => Just(5e-324),
            2 => (-1_000_000i64..1_000_000).prop_map(|n| n as f64),
            2 => -1e7f64..1e7,
            1 => -1e-6f64..1e-6,
            1 => 1e15f64..1e25,
        ]
    }

    fn any_claim() -> impl Strategy<Value = Claim> {
        let texts = (
            any_text(),
            any_text(),
            any_text(),
            any_text(),
            any_text(),
            any_text(),
        );
        let options = (
            proptest::option::of((any_f64(), any_f64(), any_f64())),
            proptest::option::of(any_text()),
            proptest::option::of(any_text()),
            proptest::option::of(prop_oneof![
                Just(Tenure::Current),
                Just(Tenure::Former),
                Just(Tenure::Now),
                Just(Tenure::Also),
            ]),
            proptest::option::of(any_text()),
            proptest::option::of(
                (-9999i16..=9999, 1i8..=12, 1i8..=31)
                    .prop_filter_map("a real date", |(y, m, d)| {
                        jiff::civil::Date::new(y, m, d).ok()
                    }),
            ),
        );
        let kind = proptest::sample::select(ValueKind::ALL.to_vec());
        let numbers =
            proptest::array::uniform6(prop_oneof![any::<usize>(), 0usize..1000, Just(usize::MAX),]);
        (texts, options, kind, numbers).prop_map(
            |(
                (article, topic, subject, value, normalized, quote),
                (interval, unit, hedge, tenure, event, date),
                kind,
                [start, end, line, column, end_line, end_column],
            )| Claim {
                article: article.into(),
                topic: topic.into(),
                subject: subject.into(),
                kind,
                value: value.into(),
                normalized: normalized.into(),
                interval: interval.map(|(lo, hi, point)| crate::model::Interval { lo, hi, point }),
                unit: unit.map(Box::from),
                hedge: hedge.map(Box::from),
                tenure,
                event: event.map(Box::from),
                date,
                quote: quote.into(),
                start,
                end,
                line: crate::model::position(line),
                column: crate::model::position(column),
                end_line: crate::model::position(end_line),
                end_column: crate::model::position(end_column),
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn any_claims_written_by_hand_are_what_serde_json_prints(
            claims in proptest::collection::vec(any_claim(), 1..4),
        ) {
            if let Err(diff) = assert_claims_as_serde(&claims) {
                prop_assert!(false, "{}", diff);
            }
        }

        #[test]
        fn any_string_is_escaped_as_serde_json_escapes_it(s in any_text()) {
            let mut ours = Vec::new();
            write_str(&mut ours, &s);
            prop_assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(&s).unwrap()
            );
        }
    }

    #[test]
    fn json_snapshot() {
        insta::assert_snapshot!(render());
    }

    #[test]
    fn json_parses_back_into_the_report() {
        let s = render();
        assert!(s.ends_with("}\n"));
        let mut back: Report = serde_json::from_str(&s).unwrap();
        for f in &mut back.findings {
            for c in &mut f.claims {
                c.interval = c.interval.map(|i| i.normalize_unbounded());
            }
        }
        assert_eq!(back, sample::report());
    }
}
