//! The JSON report: exactly the contract of `DESIGN.md` (`serde_json` of [`Report`]),
//! pretty-printed, with a trailing newline. Streamed through one buffer, with the claims (nearly
//! all of a large report) serialized in parallel, a batch at a time.

use std::io::{self, Write};

use rayon::prelude::*;
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
        let printed: Vec<(Vec<u8>, Vec<usize>)> = batch
            .par_chunks(CLAIMS_PER_TASK)
            .map(|chunk| print_claims(chunk.iter().map(|(_, _, c)| *c)))
            .collect::<io::Result<_>>()?;
        let texts = printed.iter().flat_map(|(text, ends)| {
            ends.iter().scan(0, move |start, &end| {
                Some(&text[std::mem::replace(start, end)..end])
            })
        });
        for ((k, j, _), text) in batch.drain(..).zip(texts) {
            findings.claim(out, k, j, text)?;
        }
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

/// Claims pretty-printed at their depth in the report, one after the other in one buffer,
/// with where each ends.
fn print_claims<'c>(claims: impl Iterator<Item = &'c Claim>) -> io::Result<(Vec<u8>, Vec<usize>)> {
    let mut text = Vec::with_capacity(CLAIMS_PER_TASK * 1024);
    let mut ends = Vec::with_capacity(CLAIMS_PER_TASK);
    for c in claims {
        let mut ser = serde_json::Serializer::with_formatter(&mut text, Deeper::new(CLAIM_INDENT));
        c.serialize(&mut ser)?;
        ends.push(text.len());
    }
    Ok((text, ends))
}

/// serde_json's pretty printer for a value that sits deeper in a document: `base` after
/// every line break it writes.
struct Deeper {
    pretty: serde_json::ser::PrettyFormatter<'static>,
    base: &'static [u8],
}

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
    /// Claim `j` of finding `k`, as printed by [`claim_text`].
    fn claim(&mut self, out: &mut impl Write, k: usize, j: usize, text: &[u8]) -> io::Result<()> {
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
        out.write_all(if j == 0 { b"\n" } else { b",\n" })?;
        out.write_all(CLAIM_INDENT)?;
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
    use super::*;
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
