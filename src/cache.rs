//! The claims cache (`--cache DIR`): each article's extraction, keyed by a hash of its bytes,
//! of the rule set (`Rules::fingerprint`), of the crate version, of the source code the binary
//! was built from and of the cache format, so a
//! CI run over a large corpus re-extracts only the articles (or rules) that changed.
//!
//! # Layout
//!
//! `DIR/v5/<xx>.pack`: 256 pack files, an entry going to the pack named after the first byte of
//! its key (the first byte of the article's hash: every generation's entry of an article is in
//! the same pack). A pack is a header (magic and format, the number of entries, an index of
//! (key, offset, length, xxh3 of the entry, [`generation`], time written) sorted by key, and the
//! xxh3 of the header itself)
//! followed by the entries, each generation's together (a run reads the index, then only the
//! span of its own generation's entries), each a compact binary record of one article's extraction: the
//! article's length in bytes, its metadata, a text table (each distinct topic, subject,
//! normalized value, sentence its claims quote, value, unit, hedge and event, once) and the
//! claims, whose text fields are all slices of the table, so that one UTF-8 check of the table
//! validates every string of the entry; everything else is stored as is, numbers bit for bit,
//! so a cached claim is exactly the claim extraction gives, without the article. The article id and path are not part of the key: a
//! renamed file still hits, and its claims take the new id.
//!
//! `DIR/v5/files` is the file index ([`stamps`]): the stamp and hash of each file a run read,
//! so that an unchanged file is not read again. (A run that writes removes the packs and file
//! index of formats 2 to 4, `DIR/v2/` to `DIR/v4/`; format 1's `DIR/<xx>/` is not read.)
//!
//! # Guarantees
//!
//! - **Never trusted blindly.** A pack whose header does not check out is ignored as a whole;
//!   an entry whose xxh3 does not match, that names another key or an article of another
//!   length, holds a value out of range (an unknown kind, an impossible date, trailing bytes),
//!   offsets outside the article or slices outside its text table (or not on character
//!   boundaries) is ignored. Either way the article is extracted again and its
//!   entry rewritten. Nothing read from a cache file can make the run panic.
//! - **Atomic writes.** A pack is rewritten as a temporary file in the same folder, then
//!   renamed over the old one: a reader sees the old pack or the new one, never half of one.
//! - **Concurrent runs.** A writer holds an exclusive lock on `<xx>.lock` while it re-reads the
//!   pack, merges its new entries into it and renames the result into place, so concurrent runs
//!   never lose each other's entries; readers take no lock. A lock that cannot be had within a
//!   few seconds (another run stuck) makes the entries of that pack write errors, not a wait
//!   without end; a file system without locks is written without.
//! - **Write errors never fail the run**; they are counted in [`CacheStats`].
//!
//! Entries are written at the end of a run, one rewrite per pack that gained entries. A rewrite
//! keeps the entries of the run's generation (build and rule set) and of the one other
//! generation that wrote last, and drops the rest: a cache used with two rule sets in turn
//! keeps hitting with both, and a rule change or an upgrade does not add a full set of entries
//! for good. Entries of articles no longer in use are kept (a cache shared by several corpora
//! keeps hitting); delete `DIR` to start over.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Read, Seek};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use rayon::prelude::*;

use crate::atomic_write::{Durability, write_atomic};
use crate::extract::Extraction;
use crate::extract::events::EventDate;
use crate::input::{self, Input};
use crate::model::{Article, ArticleSummary, Claim, Date, Interval, Skipped, Tenure, ValueKind};
use crate::rules::Rules;
use crate::{Extracted, extract_input};

mod stamps;
use stamps::{FileIndex, Stamp};

/// Bumped when the layout of a pack or of an entry changes.
pub const FORMAT: u32 = 5;

/// The folder of the packs (and of the file index) inside the cache folder.
const PACK_DIR: &str = "v5";
/// The first bytes of every pack: a name and the format.
const MAGIC: [u8; 8] = *b"xchkpk\x00\x05";
/// One index row: key, offset, length, xxh3 of the entry, generation, time written.
const INDEX_ROW: usize = 40;
/// How long a writer waits for the lock of a pack before giving up on it.
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// What a cached run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Articles whose claims came from the cache.
    pub hits: usize,
    /// Articles extracted (no usable cache entry).
    pub misses: usize,
    /// Cache entries found but not usable (corrupt, another key or format): re-extracted.
    pub invalid: usize,
    /// Cache entries that could not be written.
    pub write_errors: usize,
    /// Hits whose file was not read: its stamp (size, times, inode) was the one the file index
    /// recorded when its bytes were last hashed.
    pub unread: usize,
}

/// The cache key of an article: xxh3 of its [`generation`] and of the article's bytes, whose
/// first byte is the first byte of the bytes' hash: an article's entries of every generation
/// fall in one pack, which drops the old ones when it is next written.
pub fn key(bytes: &[u8], rules: &Rules) -> u64 {
    key_of(content_hash(bytes), rules)
}

/// What a cache key holds besides the article: xxh3 of the crate version, the fingerprint of
/// the source code it was built from (`build.rs`: a fix to extraction without a new version
/// number still invalidates every entry), the cache format and the rules' fingerprint. Each
/// entry records its generation, so that a pack can drop the entries of builds and rule sets
/// no longer in use.
pub fn generation(rules: &Rules) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(&[0]);
    h.update(env!("CROSSCHECK_SOURCE_HASH").as_bytes());
    h.update(&[0]);
    h.update(&FORMAT.to_le_bytes());
    h.update(&rules.fingerprint.to_le_bytes());
    h.digest()
}

/// The hash of an article's bytes (what the file index keeps).
fn content_hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The cache key of an article whose bytes hash to `content`.
fn key_of(content: u128, rules: &Rules) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&generation(rules).to_le_bytes());
    h.update(&content.to_le_bytes());
    let shard = (content >> 120) as u64;
    (shard << 56) | (h.digest() & ((1 << 56) - 1))
}

/// The pack that holds (or would hold) the entry of a key.
pub fn pack_path(cache_dir: &Path, key: u64) -> PathBuf {
    cache_dir
        .join(PACK_DIR)
        .join(format!("{:02x}.pack", shard_of(key)))
}

fn shard_of(key: u64) -> usize {
    (key >> 56) as usize
}

// ---------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_usize(out: &mut Vec<u8>, v: usize) {
    put_varint(out, v as u64);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_usize(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => out.push(0),
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
    }
}

fn put_date(out: &mut Vec<u8>, d: Date) {
    out.extend_from_slice(&d.year().to_le_bytes());
    out.push(d.month() as u8);
    out.push(d.day() as u8);
}

fn put_opt_date(out: &mut Vec<u8>, d: Option<Date>) {
    match d {
        None => out.push(0),
        Some(d) => {
            out.push(1);
            put_date(out, d);
        }
    }
}

fn put_event_date(out: &mut Vec<u8>, d: &EventDate) {
    match d {
        EventDate::Full(d) => {
            out.push(0);
            put_date(out, *d);
        }
        EventDate::MonthDay(m, d) => {
            out.push(1);
            out.push(*m as u8);
            out.push(*d as u8);
        }
    }
}

fn kind_code(k: ValueKind) -> u8 {
    match k {
        ValueKind::Count => 0,
        ValueKind::Share => 1,
        ValueKind::Date => 2,
        ValueKind::Weekday => 3,
        ValueKind::Time => 4,
        ValueKind::Duration => 5,
        ValueKind::Distance => 6,
        ValueKind::Area => 7,
        ValueKind::Money => 8,
        ValueKind::Person => 9,
        ValueKind::Title => 10,
        ValueKind::Place => 11,
    }
}

fn kind_of(code: u8) -> Option<ValueKind> {
    Some(match code {
        0 => ValueKind::Count,
        1 => ValueKind::Share,
        2 => ValueKind::Date,
        3 => ValueKind::Weekday,
        4 => ValueKind::Time,
        5 => ValueKind::Duration,
        6 => ValueKind::Distance,
        7 => ValueKind::Area,
        8 => ValueKind::Money,
        9 => ValueKind::Person,
        10 => ValueKind::Title,
        11 => ValueKind::Place,
        _ => return None,
    })
}

fn tenure_code(t: Option<Tenure>) -> u8 {
    match t {
        None => 0,
        Some(Tenure::Current) => 1,
        Some(Tenure::Former) => 2,
        Some(Tenure::Now) => 3,
        Some(Tenure::Also) => 4,
    }
}

fn tenure_of(code: u8) -> Option<Option<Tenure>> {
    Some(match code {
        0 => None,
        1 => Some(Tenure::Current),
        2 => Some(Tenure::Former),
        3 => Some(Tenure::Now),
        4 => Some(Tenure::Also),
        _ => return None,
    })
}

/// The text of an entry's claims: the distinct strings of their heads (topic, subject,
/// normalized value), the distinct sentences they quote and the distinct strings of their
/// value, unit, hedge and event, one after another, each stored once however many claims have
/// it. Every text field of a claim is a slice of this table (a value one of its quote, where
/// the quote holds it), so an entry needs nothing but itself (a hit never reads the article),
/// and the table is checked to be UTF-8 once, not string by string: a claim's fields are then
/// only checked to be inside the table and on character boundaries.
#[derive(Default)]
struct TextTable<'a> {
    text: String,
    at: rustc_hash::FxHashMap<&'a str, usize>,
}

impl<'a> TextTable<'a> {
    /// Where `s` starts in the table (added if it is not there yet).
    fn add(&mut self, s: &'a str) -> usize {
        *self.at.entry(s).or_insert_with(|| {
            let start = self.text.len();
            self.text.push_str(s);
            start
        })
    }
}

/// Where a claim's text fields start in its entry's [`TextTable`].
struct TextPlaces {
    topic: usize,
    subject: usize,
    normalized: usize,
    value: usize,
    quote: usize,
    unit: Option<usize>,
    hedge: Option<usize>,
    event: Option<usize>,
}

/// A text field `s`: where it starts in the entry's text table (which holds it there) and
/// its length.
fn put_text(out: &mut Vec<u8>, s: &str, start: usize) {
    put_usize(out, start);
    put_usize(out, s.len());
}

/// An optional text field: 0 for none, else 1 and the field ([`put_text`]).
fn put_opt_text(out: &mut Vec<u8>, field: Option<(&str, usize)>) {
    match field {
        Some((s, start)) => {
            out.push(1);
            put_text(out, s, start);
        }
        None => out.push(0),
    }
}

/// The entry of an article: its length, its summary's metadata, its extraction, and the text
/// table its claims' text fields are slices of. `bytes` are the article's bytes as read.
///
/// A claim's record is its head (topic, subject, kind, normalized value: what every pass over
/// the claims reads), then what a comparison reads ([`ClaimRef`]: value, interval, hedge,
/// tenure, event, date, start), then the rest (quote, unit, end and line/column positions), so
/// each reader stops where it has what it needs. Records are not length-prefixed: a sound
/// entry's records, read one after another, end exactly where the entry does.
fn encode_entry(key: u64, bytes: &[u8], article: &Article, x: &Extraction) -> Vec<u8> {
    let mut table = TextTable::default();
    // Where each claim's text fields start in the table, claim by claim.
    let places: Vec<TextPlaces> = x
        .claims
        .iter()
        .map(|c| {
            let topic = table.add(&c.topic);
            let subject = table.add(&c.subject);
            let quote = table.add(&c.quote);
            let value = match c.quote.find(&*c.value) {
                Some(v) => quote + v,
                None => table.add(&c.value),
            };
            let normalized = if c.normalized == c.value {
                value
            } else {
                table.add(&c.normalized)
            };
            TextPlaces {
                topic,
                subject,
                normalized,
                value,
                quote,
                unit: c.unit.as_deref().map(|s| table.add(s)),
                hedge: c.hedge.as_deref().map(|s| table.add(s)),
                event: c.event.as_deref().map(|s| table.add(s)),
            }
        })
        .collect();
    let mut out = Vec::with_capacity(64 + table.text.len() + x.claims.len() * 40);
    out.extend_from_slice(&key.to_le_bytes());
    out.push(0);
    put_usize(&mut out, bytes.len());
    put_opt_str(&mut out, article.meta.outlet.as_deref());
    put_opt_date(&mut out, article.meta.published);
    put_usize(&mut out, x.notes.len());
    for n in &x.notes {
        put_str(&mut out, n);
    }
    put_usize(&mut out, x.round_dates.len());
    for (r, d) in &x.round_dates {
        put_varint(&mut out, u64::from(*r));
        put_event_date(&mut out, d);
    }
    put_str(&mut out, &table.text);
    put_usize(&mut out, x.claims.len());
    for (c, at) in x.claims.iter().zip(places) {
        // The head.
        put_text(&mut out, &c.topic, at.topic);
        put_text(&mut out, &c.subject, at.subject);
        out.push(kind_code(c.kind));
        put_text(&mut out, &c.normalized, at.normalized);
        // What a comparison reads.
        put_text(&mut out, &c.value, at.value);
        match c.interval {
            None => out.push(0),
            Some(i) => {
                out.push(1);
                for v in [i.lo, i.hi, i.point] {
                    out.extend_from_slice(&v.to_bits().to_le_bytes());
                }
            }
        }
        put_opt_text(&mut out, c.hedge.as_deref().zip(at.hedge));
        out.push(tenure_code(c.tenure));
        put_opt_text(&mut out, c.event.as_deref().zip(at.event));
        put_opt_date(&mut out, c.date);
        put_usize(&mut out, c.start);
        // The rest.
        put_text(&mut out, &c.quote, at.quote);
        put_opt_text(&mut out, c.unit.as_deref().zip(at.unit));
        put_usize(&mut out, c.end);
        for v in [c.line, c.column, c.end_line, c.end_column] {
            put_usize(&mut out, v as usize);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Decoding: every read is checked; `None` means the bytes are not a sound entry.
// ---------------------------------------------------------------------------------------------

#[derive(Clone)]
struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf, pos: 0 }
    }

    fn done(&self) -> bool {
        self.pos == self.buf.len()
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.buf.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }

    #[inline(always)]
    fn u8(&mut self) -> Option<u8> {
        let b = *self.buf.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    fn u64_le(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    #[inline(always)]
    fn varint(&mut self) -> Option<u64> {
        // Most numbers (lengths, lines, columns) fit in one byte, places in a text table in
        // two.
        let p = self.pos;
        let b0 = *self.buf.get(p)?;
        if b0 < 0x80 {
            self.pos = p + 1;
            return Some(u64::from(b0));
        }
        if let Some(&b1) = self.buf.get(p + 1)
            && b1 < 0x80
        {
            self.pos = p + 2;
            return Some(u64::from(b0 & 0x7f) | (u64::from(b1) << 7));
        }
        self.long_varint()
    }

    /// A varint of three bytes or more (or none).
    #[inline(never)]
    fn long_varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            let part = u64::from(b & 0x7f);
            if shift == 63 && part > 1 {
                return None;
            }
            v |= part << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    #[inline(always)]
    fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.varint()?).ok()
    }

    /// A count of items each at least `min_bytes` long: never more than the bytes left allow,
    /// so a corrupt count cannot ask for a huge allocation.
    fn count(&mut self, min_bytes: usize) -> Option<usize> {
        let n = self.usize()?;
        (n.checked_mul(min_bytes)? <= self.buf.len() - self.pos).then_some(n)
    }

    fn str(&mut self) -> Option<&'a str> {
        // Checked every time, though `check_entry` checked the entry once: a cache is files
        // on disk, and decoding stays safe code whatever they hold.
        std::str::from_utf8(self.bytes()?).ok()
    }

    /// A string's bytes, not checked as UTF-8.
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.usize()?;
        self.take(n)
    }

    fn opt_str(&mut self) -> Option<Option<&'a str>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.str()?)),
            _ => None,
        }
    }

    fn date(&mut self) -> Option<Date> {
        let y = i16::from_le_bytes(self.take(2)?.try_into().ok()?);
        let m = self.u8()? as i8;
        let d = self.u8()? as i8;
        Date::new(y, m, d).ok()
    }

    #[inline(always)]
    fn opt_date(&mut self) -> Option<Option<Date>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.date()?)),
            _ => None,
        }
    }

    fn event_date(&mut self) -> Option<EventDate> {
        match self.u8()? {
            0 => Some(EventDate::Full(self.date()?)),
            1 => {
                let m = self.u8()? as i8;
                let d = self.u8()? as i8;
                // The same range checks as a full date, in a leap year.
                Date::new(2000, m, d).ok()?;
                Some(EventDate::MonthDay(m, d))
            }
            _ => None,
        }
    }

    /// A text field: where it starts in the entry's text table and its length.
    #[inline(always)]
    fn span(&mut self) -> Option<Range<usize>> {
        let start = self.usize()?;
        let len = self.usize()?;
        Some(start..start.checked_add(len)?)
    }

    /// A text field: a slice of the entry's text table, on character boundaries.
    #[inline(always)]
    fn text(&mut self, table: &'a str) -> Option<&'a str> {
        // The table is UTF-8: a slice of it is when both its ends are character boundaries
        // (all `str::get` checks, no string is validated again).
        table.get(self.span()?)
    }

    /// An optional text field ([`Reader::text`]).
    #[inline(always)]
    fn opt_text(&mut self, table: &'a str) -> Option<Option<&'a str>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.text(table)?)),
            _ => None,
        }
    }
}

/// What a claim is grouped and resolved by: enough to decide whether it is needed.
#[derive(Clone, Copy, Debug)]
pub struct Head<'a> {
    pub topic: &'a str,
    pub subject: &'a str,
    pub kind: ValueKind,
    pub normalized: &'a str,
}

impl<'a> Head<'a> {
    fn of(c: &'a Claim) -> Head<'a> {
        Head {
            topic: &c.topic,
            subject: &c.subject,
            kind: c.kind,
            normalized: &c.normalized,
        }
    }
}

/// A claim's head with its strings as bytes: what a pass over every claim of a corpus reads,
/// when most claims need none of them as text (a name count looks at titles and persons only,
/// a group lookup compares bytes). A cached head's strings are slices of its entry's text
/// table, which [`check_entry`] found to be UTF-8 with every field on character boundaries
/// ([`HeadAt`]); a pass takes them as bytes without checking either again.
#[derive(Clone, Copy, Debug)]
pub struct RawHead<'a> {
    pub topic: &'a [u8],
    pub subject: &'a [u8],
    pub kind: ValueKind,
    pub normalized: &'a [u8],
}

impl<'a> RawHead<'a> {
    fn of(c: &'a Claim) -> RawHead<'a> {
        RawHead {
            topic: c.topic.as_bytes(),
            subject: c.subject.as_bytes(),
            kind: c.kind,
            normalized: c.normalized.as_bytes(),
        }
    }
}

/// A claim as stored, its strings borrowed from the entry or the article.
struct ClaimParts<'a> {
    value: &'a str,
    quote: &'a str,
    interval: Option<Interval>,
    unit: Option<&'a str>,
    hedge: Option<&'a str>,
    tenure: Option<Tenure>,
    event: Option<&'a str>,
    date: Option<Date>,
    /// start, end, line, column, end line, end column.
    at: [usize; 6],
}

/// What a comparison reads of a claim after its head ([`ClaimRef`] but the head's fields).
struct Compared<'a> {
    value: &'a str,
    interval: Option<Interval>,
    hedge: Option<&'a str>,
    tenure: Option<Tenure>,
    event: Option<&'a str>,
    date: Option<Date>,
    start: usize,
}

/// Read what a comparison reads of a claim after its head: nothing is allocated.
#[inline(always)]
fn read_compared<'a>(r: &mut Reader<'a>, table: &'a str) -> Option<Compared<'a>> {
    let value = r.text(table)?;
    let interval = match r.u8()? {
        0 => None,
        1 => Some(Interval {
            lo: f64::from_bits(r.u64_le()?),
            hi: f64::from_bits(r.u64_le()?),
            point: f64::from_bits(r.u64_le()?),
        }),
        _ => return None,
    };
    Some(Compared {
        value,
        interval,
        hedge: r.opt_text(table)?,
        tenure: tenure_of(r.u8()?)?,
        event: r.opt_text(table)?,
        date: r.opt_date()?,
        start: r.usize()?,
    })
}

/// Read the rest of a claim after its head, checking it against the article (`len` bytes):
/// nothing is allocated.
#[inline(always)]
fn read_parts<'a>(r: &mut Reader<'a>, table: &'a str, len: usize) -> Option<ClaimParts<'a>> {
    let c = read_compared(r, table)?;
    let quote = r.text(table)?;
    let unit = r.opt_text(table)?;
    let mut at = [c.start, 0, 0, 0, 0, 0];
    for v in &mut at[1..] {
        *v = r.usize()?;
    }
    if at[0] > at[1] || at[1] > len {
        return None;
    }
    Some(ClaimParts {
        value: c.value,
        quote,
        interval: c.interval,
        unit,
        hedge: c.hedge,
        tenure: c.tenure,
        event: c.event,
        date: c.date,
        at,
    })
}

/// Decode the rest of a claim after its head (see [`read_parts`]), as a claim of article `id`.
fn read_claim<'a>(
    r: &mut Reader<'a>,
    head: Head<'a>,
    table: &'a str,
    len: usize,
    article: &Arc<str>,
) -> Option<Claim> {
    let p = read_parts(r, table, len)?;
    let [start, end, line, column, end_line, end_column] = p.at;
    Some(Claim {
        article: Arc::clone(article),
        topic: head.topic.into(),
        subject: head.subject.into(),
        kind: head.kind,
        value: p.value.into(),
        normalized: head.normalized.into(),
        interval: p.interval,
        unit: p.unit.map(Box::from),
        hedge: p.hedge.map(Box::from),
        tenure: p.tenure,
        event: p.event.map(Box::from),
        date: p.date,
        quote: p.quote.into(),
        start,
        end,
        line: crate::model::position(line),
        column: crate::model::position(column),
        end_line: crate::model::position(end_line),
        end_column: crate::model::position(end_column),
    })
}

/// What a comparison reads of a claim, its strings borrowed from the cache entry, the
/// article or the extraction: [`Claims::claim_ref`] builds no claim.
#[derive(Clone, Copy, Debug)]
pub struct ClaimRef<'a> {
    pub kind: ValueKind,
    pub normalized: &'a str,
    pub value: &'a str,
    pub interval: Option<Interval>,
    pub hedge: Option<&'a str>,
    pub tenure: Option<Tenure>,
    pub event: Option<&'a str>,
    pub date: Option<Date>,
    /// The byte offset of the value in the article.
    pub start: u64,
}

/// An offset as a `u64`, whatever integer type holds it (saturating).
fn offset_u64<T: TryInto<u64>>(v: T) -> u64 {
    v.try_into().unwrap_or(u64::MAX)
}

/// The parts of a sound entry besides its claims.
struct EntryHead {
    outlet: Option<String>,
    published: Option<Date>,
    notes: Vec<String>,
    round_dates: Vec<(u32, EventDate)>,
    /// The text table the claims' text fields are slices of.
    text: String,
    /// Where the claims start in the entry.
    claims_at: usize,
    /// Each claim's head and where the rest of its record is.
    heads: Vec<HeadAt>,
}

/// A sound claim's head as [`check_entry`] found it: its text fields as (start, end) in the
/// entry's text table (inside it and on character boundaries), its kind, and where the rest of
/// its record starts in the entry's claims part. Kept beside the entry, so that the passes over
/// every claim (grouping, name counts) read no record, and a comparison or a decode starts
/// after the head.
#[derive(Clone, Copy, Debug)]
struct HeadAt {
    topic: [u32; 2],
    subject: [u32; 2],
    normalized: [u32; 2],
    rest: u32,
    kind: ValueKind,
}

/// A text field of a head ([`HeadAt`]): checked to be a slice of `table` on character
/// boundaries.
#[inline(always)]
fn head_field(r: &mut Reader<'_>, table: &str) -> Option<[u32; 2]> {
    let span = r.span()?;
    table.get(span.clone())?;
    Some([
        u32::try_from(span.start).ok()?,
        u32::try_from(span.end).ok()?,
    ])
}

/// A text field of a head as the range of the text table it is.
fn range(field: [u32; 2]) -> Range<usize> {
    field[0] as usize..field[1] as usize
}

/// Check a whole entry against its key and the length of the article's bytes: the text table
/// UTF-8, every field in range, every text field (head or not) inside the text table and on
/// character boundaries, every offset inside the article, the claims' records one after
/// another up to the entry's end, nothing left over.
fn check_entry(blob: &[u8], key: u64, len: usize) -> Option<EntryHead> {
    let mut r = Reader::new(blob);
    if r.u64_le()? != key {
        return None;
    }
    // Flags: none are defined.
    if r.u8()? != 0 || r.usize()? != len {
        return None;
    }
    let outlet = r.opt_str()?.map(str::to_string);
    let published = r.opt_date()?;
    let n = r.count(1)?;
    let mut notes = Vec::with_capacity(n);
    for _ in 0..n {
        notes.push(r.str()?.to_string());
    }
    let n = r.count(3)?;
    let mut round_dates = Vec::with_capacity(n);
    for _ in 0..n {
        let round = u32::try_from(r.varint()?).ok()?;
        round_dates.push((round, r.event_date()?));
    }
    // The one UTF-8 check of every string of the claims.
    let text = r.str()?;
    // A record is at least 23 bytes: five text fields, three absent ones, eleven bytes and
    // numbers.
    let claims = r.count(23)?;
    let claims_at = r.pos;
    let mut heads = Vec::with_capacity(claims);
    for _ in 0..claims {
        let topic = head_field(&mut r, text)?;
        let subject = head_field(&mut r, text)?;
        let kind = kind_of(r.u8()?)?;
        let normalized = head_field(&mut r, text)?;
        let rest = u32::try_from(r.pos - claims_at).ok()?;
        read_parts(&mut r, text, len)?;
        heads.push(HeadAt {
            topic,
            subject,
            normalized,
            rest,
            kind,
        });
    }
    r.done().then(|| EntryHead {
        outlet,
        published,
        notes,
        round_dates,
        text: text.to_string(),
        claims_at,
        heads,
    })
}

// ---------------------------------------------------------------------------------------------
// Packs
// ---------------------------------------------------------------------------------------------

/// One index row of a pack.
#[derive(Clone, Copy, Debug)]
struct Row {
    key: u64,
    at: usize,
    len: usize,
    hash: u64,
    /// The [`generation`] that wrote the entry.
    generation: u64,
    /// When the entry was written, in nanoseconds since the Unix epoch.
    written: u64,
}

/// A pack read into memory.
struct Pack {
    buf: Arc<Vec<u8>>,
    /// Sorted by key, no key twice, every entry inside `buf`.
    rows: Vec<Row>,
}

enum PackState {
    Missing,
    /// There, but not a readable pack.
    Corrupt,
    Read(Pack),
}

/// Parse the header and index of a pack (`head`, at least up to the index's hash) in a file
/// of `file_len` bytes: its rows, their entries' offsets from the start of the file. `None` if
/// it is not a sound one.
fn parse_index(head: &[u8], file_len: usize) -> Option<Vec<Row>> {
    let mut r = Reader::new(head);
    if r.take(8)? != MAGIC {
        return None;
    }
    let n = u32::from_le_bytes(r.take(4)?.try_into().ok()?) as usize;
    let index_end = index_end(n)?;
    let data = index_end.checked_add(8)?;
    if head.len() < data || file_len < data {
        return None;
    }
    let stored = u64::from_le_bytes(head.get(index_end..data)?.try_into().ok()?);
    if xxhash_rust::xxh3::xxh3_64(head.get(..index_end)?) != stored {
        return None;
    }
    let mut rows = Vec::with_capacity(n);
    for _ in 0..n {
        let key = r.u64_le()?;
        let at = u32::from_le_bytes(r.take(4)?.try_into().ok()?) as usize;
        let len = u32::from_le_bytes(r.take(4)?.try_into().ok()?) as usize;
        let hash = r.u64_le()?;
        let generation = r.u64_le()?;
        let written = r.u64_le()?;
        let at = data.checked_add(at)?;
        if at.checked_add(len)? > file_len || rows.last().is_some_and(|p: &Row| p.key >= key) {
            return None;
        }
        rows.push(Row {
            key,
            at,
            len,
            hash,
            generation,
            written,
        });
    }
    Some(rows)
}

/// Where the index of a pack of `n` entries ends (its hash follows).
fn index_end(n: usize) -> Option<usize> {
    12usize.checked_add(n.checked_mul(INDEX_ROW)?)
}

/// Parse a whole pack; `None` if it is not a sound one.
fn parse_pack(buf: Vec<u8>) -> Option<Pack> {
    let rows = parse_index(&buf, buf.len())?;
    Some(Pack {
        buf: Arc::new(buf),
        rows,
    })
}

/// A whole pack: what a rewrite merges.
fn read_pack(path: &Path) -> PackState {
    match fs::read(path) {
        Ok(buf) => parse_pack(buf).map_or(PackState::Corrupt, PackState::Read),
        Err(e) if e.kind() == io::ErrorKind::NotFound => PackState::Missing,
        Err(_) => PackState::Corrupt,
    }
}

/// The entries of one generation of a pack: what lookups read. Its index, then only the bytes
/// from the first to the last entry of `generation`; the rows of other generations are left
/// out. [`build_pack`] lays each generation's entries out together, so a pack that also keeps
/// the entries of the rules used before costs a lookup no more than one that does not.
fn read_generation(path: &Path, generation: u64) -> PackState {
    let read = || -> io::Result<Option<Pack>> {
        let mut f = fs::File::open(path)?;
        let file_len = usize::try_from(f.metadata()?.len()).unwrap_or(usize::MAX);
        let mut head = vec![0u8; 12];
        if f.read_exact(&mut head).is_err() {
            return Ok(None);
        }
        let n = u32::from_le_bytes([head[8], head[9], head[10], head[11]]) as usize;
        let Some(data) = index_end(n).and_then(|e| e.checked_add(8)) else {
            return Ok(None);
        };
        if data > file_len {
            return Ok(None);
        }
        head.resize(data, 0);
        f.read_exact(&mut head[12..])?;
        let Some(mut rows) = parse_index(&head, file_len) else {
            return Ok(None);
        };
        rows.retain(|r| r.generation == generation);
        let start = rows.iter().map(|r| r.at).min().unwrap_or(data);
        let end = rows.iter().map(|r| r.at + r.len).max().unwrap_or(data);
        let mut buf = vec![0u8; end - start];
        f.seek(io::SeekFrom::Start(start as u64))?;
        f.read_exact(&mut buf)?;
        for r in &mut rows {
            r.at -= start;
        }
        Ok(Some(Pack {
            buf: Arc::new(buf),
            rows,
        }))
    };
    match read() {
        Ok(Some(p)) => PackState::Read(p),
        Ok(None) => PackState::Corrupt,
        Err(e) if e.kind() == io::ErrorKind::NotFound => PackState::Missing,
        Err(_) => PackState::Corrupt,
    }
}

impl Pack {
    /// The entry of a key, if its hash checks out.
    fn entry(&self, key: u64) -> Option<Result<Range<usize>, ()>> {
        let i = self.rows.binary_search_by_key(&key, |r| r.key).ok()?;
        let row = self.rows.get(i)?;
        let range = row.at..row.at + row.len;
        let ok = self
            .buf
            .get(range.clone())
            .is_some_and(|b| xxhash_rust::xxh3::xxh3_64(b) == row.hash);
        Some(if ok { Ok(range) } else { Err(()) })
    }
}

/// An entry to write into a pack: its bytes, its generation and when it was first written.
#[derive(Clone, Copy)]
struct Stored<'a> {
    bytes: &'a [u8],
    generation: u64,
    written: u64,
}

/// The bytes of a pack holding `entries` (sorted by key, each key once).
fn build_pack(entries: &BTreeMap<u64, Stored<'_>>) -> Option<Vec<u8>> {
    let n = u32::try_from(entries.len()).ok()?;
    let data_len: usize = entries.values().map(|e| e.bytes.len()).sum();
    let mut out = Vec::with_capacity(20 + entries.len() * INDEX_ROW + data_len);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&n.to_le_bytes());
    // The data: each generation's entries together (by generation, then key), so that a
    // lookup reads one generation's span (`read_generation`); the index stays in key order.
    let mut laid: Vec<(u64, u64, &[u8])> = entries
        .iter()
        .map(|(key, e)| (e.generation, *key, e.bytes))
        .collect();
    laid.sort_unstable_by_key(|&(generation, key, _)| (generation, key));
    let mut offsets: rustc_hash::FxHashMap<u64, usize> = rustc_hash::FxHashMap::default();
    let mut at = 0usize;
    for &(_, key, bytes) in &laid {
        offsets.insert(key, at);
        at += bytes.len();
    }
    u32::try_from(at).ok()?;
    for (key, e) in entries {
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&u32::try_from(*offsets.get(key)?).ok()?.to_le_bytes());
        out.extend_from_slice(&u32::try_from(e.bytes.len()).ok()?.to_le_bytes());
        out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(e.bytes).to_le_bytes());
        out.extend_from_slice(&e.generation.to_le_bytes());
        out.extend_from_slice(&e.written.to_le_bytes());
    }
    let hash = xxhash_rust::xxh3::xxh3_64(&out);
    out.extend_from_slice(&hash.to_le_bytes());
    for (_, _, bytes) in laid {
        out.extend_from_slice(bytes);
    }
    Some(out)
}

/// The generation besides `current` whose entries a pack keeps: the one that wrote last (so a
/// cache used with two rule sets in turn keeps hitting with both).
fn kept_generation(rows: &[Row], current: u64) -> Option<u64> {
    rows.iter()
        .filter(|r| r.generation != current)
        .max_by_key(|r| (r.written, r.generation))
        .map(|r| r.generation)
}

/// Hold the lock of a pack while the guard lives; `Ok(None)` where the file system has no
/// locks.
fn lock(path: &Path) -> io::Result<Option<fs::File>> {
    let f = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)?;
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match f.try_lock() {
            Ok(()) => return Ok(Some(f)),
            Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    "cache pack locked by another run",
                ));
            }
            Err(fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                return Ok(None);
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
    }
}

/// Merge new entries into the pack of one shard: under its lock, the pack as it is now (its
/// sound entries of generation `generation` and of one other, [`kept_generation`]) plus ours,
/// written at `now`, written to a temporary file and renamed into place.
fn store(dir: &Path, shard: usize, new: &[NewEntry], generation: u64, now: u64) -> io::Result<()> {
    let packs = dir.join(PACK_DIR);
    fs::create_dir_all(&packs)?;
    let path = packs.join(format!("{shard:02x}.pack"));
    let _guard = lock(&packs.join(format!("{shard:02x}.lock")))?;
    let old = match read_pack(&path) {
        PackState::Read(p) => Some(p),
        PackState::Missing | PackState::Corrupt => None,
    };
    let mut entries: BTreeMap<u64, Stored<'_>> = BTreeMap::new();
    if let Some(p) = &old {
        let other = kept_generation(&p.rows, generation);
        for row in &p.rows {
            if (row.generation == generation || Some(row.generation) == other)
                && let Some(b) = p.buf.get(row.at..row.at + row.len)
                && xxhash_rust::xxh3::xxh3_64(b) == row.hash
            {
                let stored = Stored {
                    bytes: b,
                    generation: row.generation,
                    written: row.written,
                };
                entries.insert(row.key, stored);
            }
        }
    }
    for (key, e) in new {
        let stored = Stored {
            bytes: e,
            generation,
            written: now,
        };
        entries.insert(*key, stored);
    }
    let bytes = build_pack(&entries).ok_or_else(|| io::Error::other("cache pack too large"))?;
    write_atomic(&path, &bytes, Durability::Renamed)
}

// ---------------------------------------------------------------------------------------------
// Reading a run's inputs through the cache
// ---------------------------------------------------------------------------------------------

/// The claims of one article: extracted in this run, or an entry of the cache decoded on demand
/// (a run that needs only some claims never builds the others).
#[derive(Clone, Debug)]
pub enum Claims {
    Owned(Extraction),
    Cached(CachedClaims),
}

/// A sound cache entry and the text table its claims' text fields are slices of.
#[derive(Clone)]
pub struct CachedClaims {
    pack: Arc<Vec<u8>>,
    /// The claims part of the entry inside the pack.
    claims: Range<usize>,
    /// Each claim's head (as [`check_entry`] found them).
    heads: Vec<HeadAt>,
    /// The entry's text table.
    text: String,
    /// The article's length in bytes.
    len: usize,
    round_dates: Vec<(u32, EventDate)>,
    /// The id [`CachedClaims::claim_at`] was first given, shared by the claims it builds.
    article: std::sync::OnceLock<Arc<str>>,
}

impl std::fmt::Debug for CachedClaims {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachedClaims")
            .field("claims", &self.heads.len())
            .finish_non_exhaustive()
    }
}

impl CachedClaims {
    /// The head of claim `i` and the reader of the rest of its record. The entry was checked
    /// when it was read; should the claim not decode now, `None`.
    fn record(&self, i: usize) -> Option<(Head<'_>, Reader<'_>)> {
        let h = self.heads.get(i)?;
        Some((self.head(h)?, self.rest(h)?))
    }

    fn head(&self, h: &HeadAt) -> Option<Head<'_>> {
        let table = self.text.as_str();
        Some(Head {
            topic: table.get(range(h.topic))?,
            subject: table.get(range(h.subject))?,
            kind: h.kind,
            normalized: table.get(range(h.normalized))?,
        })
    }

    /// A reader from the end of a claim's head to the end of the entry.
    fn rest(&self, h: &HeadAt) -> Option<Reader<'_>> {
        let at = self.claims.start.checked_add(h.rest as usize)?;
        Some(Reader::new(self.pack.get(at..self.claims.end)?))
    }

    /// Each claim's [`RawHead`] and its number, in order.
    fn raw_each<'a>(&'a self, mut f: impl FnMut(RawHead<'a>, usize)) {
        let table = self.text.as_bytes();
        for (i, h) in self.heads.iter().enumerate() {
            let (Some(topic), Some(subject), Some(normalized)) = (
                table.get(range(h.topic)),
                table.get(range(h.subject)),
                table.get(range(h.normalized)),
            ) else {
                return;
            };
            let head = RawHead {
                topic,
                subject,
                kind: h.kind,
                normalized,
            };
            f(head, i);
        }
    }

    /// Each claim's head, its reader positioned after the head and its number, in order.
    fn each<'a>(&'a self, mut f: impl FnMut(Head<'a>, &mut Reader<'a>, usize)) {
        for i in 0..self.heads.len() {
            let Some((head, mut c)) = self.record(i) else {
                return;
            };
            f(head, &mut c, i);
        }
    }

    /// Claim number `i`.
    fn claim_at(&self, i: usize, id: &str) -> Option<Claim> {
        let (head, mut c) = self.record(i)?;
        read_claim(&mut c, head, &self.text, self.len, &self.article(id))
    }

    /// Article `id` as a claim's `article`: allocated once for the claims of an entry, not
    /// once per claim (while the id is the one first given).
    fn article(&self, id: &str) -> Arc<str> {
        let first = self.article.get_or_init(|| id.into());
        if **first == *id {
            Arc::clone(first)
        } else {
            id.into()
        }
    }

    /// [`Claims::claim_ref`] of a cached claim.
    fn claim_ref(&self, i: usize) -> Option<ClaimRef<'_>> {
        // A group's claims share its topic and subject: only the normalized value and what
        // follows the head are read as text; the record is read no further than `start`.
        let table = self.text.as_str();
        let h = self.heads.get(i)?;
        let kind = h.kind;
        let normalized = table.get(range(h.normalized))?;
        let mut c = self.rest(h)?;
        let p = read_compared(&mut c, table)?;
        Some(ClaimRef {
            kind,
            normalized,
            value: p.value,
            interval: p.interval,
            hedge: p.hedge,
            tenure: p.tenure,
            event: p.event,
            date: p.date,
            start: offset_u64(p.start),
        })
    }

    fn select_with<T>(
        &self,
        id: &str,
        mut want: impl FnMut(&Head<'_>) -> Option<T>,
    ) -> Vec<(T, Claim)> {
        let mut out = Vec::new();
        let table = self.text.as_str();
        let len = self.len;
        let article: Arc<str> = id.into();
        self.each(|h, r, _| {
            if let Some(t) = want(&h)
                && let Some(claim) = read_claim(r, h, table, len, &article)
            {
                out.push((t, claim));
            }
        });
        out
    }
}

impl Claims {
    pub fn len(&self) -> usize {
        match self {
            Claims::Owned(x) => x.claims.len(),
            Claims::Cached(c) => c.heads.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The (round, date) pairs the article states.
    pub fn round_dates(&self) -> &[(u32, EventDate)] {
        match self {
            Claims::Owned(x) => &x.round_dates,
            Claims::Cached(c) => &c.round_dates,
        }
    }

    /// Call `f` with the head of every claim, in order.
    pub fn heads<'a>(&'a self, mut f: impl FnMut(Head<'a>)) {
        match self {
            Claims::Owned(x) => x.claims.iter().for_each(|c| f(Head::of(c))),
            Claims::Cached(c) => c.each(|h, _, _| f(h)),
        }
    }

    /// Where the claims `want` gives a tag are, in order, with their tags: positions (claim
    /// numbers) to give to [`Claims::claim_at`] and [`Claims::claim_ref`].
    pub fn positions<T>(&self, mut want: impl FnMut(&RawHead<'_>) -> Option<T>) -> Vec<(T, usize)> {
        // Room for every claim: one allocation, where growing from empty reallocates
        // several times (most articles have a few dozen claims).
        let mut out = Vec::with_capacity(self.len());
        self.raw_heads(|h, at| {
            if let Some(t) = want(&h) {
                out.push((t, at));
            }
        });
        out
    }

    /// Call `f` with the [`RawHead`] and the number of every claim, in order.
    pub fn raw_heads<'a>(&'a self, mut f: impl FnMut(RawHead<'a>, usize)) {
        match self {
            Claims::Owned(x) => {
                for (i, c) in x.claims.iter().enumerate() {
                    f(RawHead::of(c), i);
                }
            }
            Claims::Cached(c) => c.raw_each(f),
        }
    }

    /// The claim at a position [`Claims::positions`] gave, as a claim of article `id`.
    pub fn claim_at(&self, at: usize, id: &str) -> Option<Claim> {
        match self {
            Claims::Owned(x) => x.claims.get(at).map(|c| Claim {
                article: id.into(),
                ..c.clone()
            }),
            Claims::Cached(c) => c.claim_at(at, id),
        }
    }

    /// The claim at a position [`Claims::positions`] gave, borrowed: what a comparison reads
    /// of it.
    pub fn claim_ref(&self, at: usize) -> Option<ClaimRef<'_>> {
        match self {
            Claims::Owned(x) => x.claims.get(at).map(|c| ClaimRef {
                kind: c.kind,
                normalized: &c.normalized,
                value: &c.value,
                interval: c.interval,
                hedge: c.hedge.as_deref(),
                tenure: c.tenure,
                event: c.event.as_deref(),
                date: c.date,
                start: offset_u64(c.start),
            }),
            Claims::Cached(c) => c.claim_ref(at),
        }
    }

    /// The claims whose head `want` keeps, in order, as claims of article `id`.
    pub fn select(&self, id: &str, mut want: impl FnMut(&Head<'_>) -> bool) -> Vec<Claim> {
        self.select_with(id, |h| want(h).then_some(()))
            .into_iter()
            .map(|(_, c)| c)
            .collect()
    }

    /// The claims `want` gives a tag, in order, as claims of article `id`, with their tags.
    pub fn select_with<T>(
        &self,
        id: &str,
        mut want: impl FnMut(&Head<'_>) -> Option<T>,
    ) -> Vec<(T, Claim)> {
        match self {
            Claims::Owned(x) => x
                .claims
                .iter()
                .filter_map(|c| {
                    want(&Head::of(c)).map(|t| {
                        (
                            t,
                            Claim {
                                article: id.into(),
                                ..c.clone()
                            },
                        )
                    })
                })
                .collect(),
            Claims::Cached(c) => c.select_with(id, want),
        }
    }

    /// All the claims, as the extraction of article `id` (`notes` from its summary).
    pub fn into_extraction(self, id: &str, notes: &[String]) -> Extraction {
        match self {
            Claims::Owned(x) => x,
            Claims::Cached(c) => Extraction {
                claims: c
                    .select_with(id, |_| Some(()))
                    .into_iter()
                    .map(|(_, c)| c)
                    .collect(),
                notes: notes.to_vec(),
                round_dates: c.round_dates,
            },
        }
    }
}

/// One input of a run, read through the cache: its summary and claims, or why it was skipped.
#[derive(Clone, Debug)]
pub enum Source {
    Read(ArticleSummary, Claims),
    Skipped(Skipped),
}

impl Source {
    fn extracted(e: Extracted) -> Source {
        match e {
            Extracted::Read(s, x) => Source::Read(s, Claims::Owned(x)),
            Extracted::Skipped(s) => Source::Skipped(s),
        }
    }

    /// Everything decoded: what [`crate::extract_input`] gives.
    pub fn into_extracted(self) -> Extracted {
        match self {
            Source::Read(s, claims) => {
                let x = claims.into_extraction(&s.id, &s.notes);
                Extracted::Read(s, x)
            }
            Source::Skipped(s) => Extracted::Skipped(s),
        }
    }
}

/// Counters shared by the workers of one cached run.
#[derive(Debug, Default)]
struct AtomicStats {
    hits: AtomicUsize,
    misses: AtomicUsize,
    invalid: AtomicUsize,
    write_errors: AtomicUsize,
    unread: AtomicUsize,
}

impl AtomicStats {
    fn get(&self) -> CacheStats {
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            invalid: self.invalid.load(Ordering::Relaxed),
            write_errors: self.write_errors.load(Ordering::Relaxed),
            unread: self.unread.load(Ordering::Relaxed),
        }
    }
}

/// An input on its way through the cache.
enum Keyed {
    Done(Source),
    /// Read and hashed: its bytes, key, and its stamp to index (when not racy).
    Read(Vec<u8>, u64, Option<(Stamp, u128)>),
    /// Not read: the file index knows its hash (its key, its stamp and hash).
    Known(u64, Stamp, u128),
}

/// A freshly extracted entry to store: its key and its encoded bytes.
type NewEntry = (u64, Vec<u8>);

/// Read every input through the cache in `cache_dir` (created if needed), or extract every
/// input when there is none: in input order whatever the number of threads, with the same
/// results as without a cache. `progress` is called once per finished input.
pub fn read_all(
    inputs: &[Input],
    rules: &Rules,
    cache_dir: Option<&Path>,
    progress: &(dyn Fn() + Sync),
) -> (Vec<Source>, Option<CacheStats>) {
    let Some(dir) = cache_dir else {
        if inputs.len() >= crate::rules::TWINS_FROM {
            rules.prepare_twins();
        }
        let out = inputs
            .par_iter()
            .map(|i| {
                let s = Source::extracted(extract_input(i, rules));
                progress();
                s
            })
            .collect();
        return (out, None);
    };
    let stats = AtomicStats::default();
    let started = SystemTime::now();
    let packs_dir = dir.join(PACK_DIR);
    let generation = generation(rules);
    let index = FileIndex::load(&packs_dir);
    // 1. The key of every file: from the file index if its stamp is the indexed one, else
    //    read and hashed.
    let keyed: Vec<Keyed> = inputs
        .par_iter()
        .map(|i| {
            let Some(path) = &i.path else {
                // Stdin is read once and not cached.
                stats.misses.fetch_add(1, Ordering::Relaxed);
                return Keyed::Done(Source::extracted(extract_input(i, rules)));
            };
            // Asked of the file system only when the index may know the file; a file that is
            // read takes the stamp it had when it was opened.
            if !index.is_empty()
                && let Some(st) = fs::metadata(path).ok().as_ref().and_then(Stamp::of)
                && let Some(hash) = index.hash_of(path, &st)
            {
                return Keyed::Known(key_of(hash, rules), st, hash);
            }
            match input::read_input_file(i) {
                Ok((b, meta)) => {
                    let hash = content_hash(&b);
                    let indexed = meta
                        .as_ref()
                        .and_then(Stamp::of)
                        .filter(|st| st.size() == b.len() as u64 && !st.is_racy(started))
                        .map(|st| (st, hash));
                    Keyed::Read(b, key_of(hash, rules), indexed)
                }
                Err(skipped) => Keyed::Done(Source::Skipped(skipped)),
            }
        })
        .collect();
    // 2. Read the packs these keys fall in.
    let mut wanted = [false; 256];
    for k in &keyed {
        if let Keyed::Read(_, key, _) | Keyed::Known(key, _, _) = k {
            wanted[shard_of(*key)] = true;
        }
    }
    let packs: Vec<PackState> = (0..256usize)
        .into_par_iter()
        .map(|s| {
            if wanted[s] {
                read_generation(&packs_dir.join(format!("{s:02x}.pack")), generation)
            } else {
                PackState::Missing
            }
        })
        .collect();
    // 3. Take each article's entry, or extract it; with many to extract, through the topic
    //    patterns' narrow twins.
    let to_extract = keyed
        .iter()
        .filter(|k| match k {
            Keyed::Read(_, key, _) | Keyed::Known(key, _, _) => !matches!(
                packs.get(shard_of(*key)),
                Some(PackState::Read(p)) if p.entry(*key).is_some()
            ),
            Keyed::Done(_) => false,
        })
        .count();
    if to_extract >= crate::rules::TWINS_FROM {
        rules.prepare_twins();
    }
    let results: Vec<Outcome> = keyed
        .into_par_iter()
        .zip(inputs.par_iter())
        .map(|(k, i)| {
            let out = match k {
                Keyed::Done(s) => Outcome::of(s),
                Keyed::Read(bytes, key, indexed) => Outcome {
                    indexed,
                    ..lookup(i, Bytes::Read(bytes), key, &packs, rules, &stats)
                },
                Keyed::Known(key, stamp, hash) => {
                    lookup(i, Bytes::Unread(stamp, hash), key, &packs, rules, &stats)
                }
            };
            progress();
            out
        })
        .collect();
    // 4. Write the new entries, one rewrite per pack, and the file index: the stamps of this
    //    run's files.
    let mut by_shard: BTreeMap<usize, Vec<NewEntry>> = BTreeMap::new();
    let mut recorded = Vec::new();
    let mut out = Vec::with_capacity(results.len());
    for (r, i) in results.into_iter().zip(inputs) {
        if let Some((k, e)) = r.entry {
            by_shard.entry(shard_of(k)).or_default().push((k, e));
        }
        if let (Some((stamp, hash)), Some(path)) = (r.indexed, &i.path)
            && matches!(r.source, Source::Read(..))
            && let Some(p) = stamps::path_bytes(path)
        {
            recorded.push((p.to_vec(), stamp, hash));
        }
        out.push(r.source);
    }
    let by_shard: Vec<(usize, Vec<NewEntry>)> = by_shard.into_iter().collect();
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
    by_shard.par_iter().for_each(|(shard, entries)| {
        if store(dir, *shard, entries, generation, now).is_err() {
            stats
                .write_errors
                .fetch_add(entries.len(), Ordering::Relaxed);
        }
    });
    // A failed index write costs reads next time, nothing else.
    let _ = index.store(&packs_dir, recorded);
    if !by_shard.is_empty() {
        remove_old_formats(dir);
    }
    (out, Some(stats.get()))
}

/// Remove the packs, locks and file indexes of the formats before this one (`DIR/v2/` to
/// `DIR/v4/`; a newer binary has the cache to itself), and their folders if nothing else is
/// in them. Best effort: what cannot be removed stays.
fn remove_old_formats(dir: &Path) {
    for format in 2..FORMAT {
        let old = dir.join(format!("v{format}"));
        let Ok(files) = fs::read_dir(&old) else {
            continue;
        };
        for f in files.flatten() {
            let name = f.file_name();
            let name = name.to_string_lossy();
            let shard = |ext: &str| {
                name.strip_suffix(ext)
                    .is_some_and(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_hexdigit()))
            };
            if shard(".pack") || shard(".lock") || name == "files" {
                let _ = fs::remove_file(f.path());
            }
        }
        let _ = fs::remove_dir(&old);
    }
}

/// The bytes of an article: read, or not read yet (the file's stamp and the hash the file
/// index gives its bytes).
enum Bytes {
    Read(Vec<u8>),
    Unread(Stamp, u128),
}

/// One input after the cache: its source, the entry to write, the stamp to index.
struct Outcome {
    source: Source,
    entry: Option<NewEntry>,
    indexed: Option<(Stamp, u128)>,
}

impl Outcome {
    fn of(source: Source) -> Outcome {
        Outcome {
            source,
            entry: None,
            indexed: None,
        }
    }
}

/// One article through the cache: its entry if there is a sound one, else extracted (and its
/// new entry to write). An article the file index knew is read only if its entry is not there.
fn lookup(
    input: &Input,
    bytes: Bytes,
    key: u64,
    packs: &[PackState],
    rules: &Rules,
    stats: &AtomicStats,
) -> Outcome {
    let len = match &bytes {
        Bytes::Read(b) => b.len(),
        Bytes::Unread(stamp, _) => usize::try_from(stamp.size()).unwrap_or(usize::MAX),
    };
    match packs.get(shard_of(key)) {
        Some(PackState::Read(p)) => match p.entry(key) {
            Some(Ok(range)) => {
                if let Some(head) = p
                    .buf
                    .get(range.clone())
                    .and_then(|blob| check_entry(blob, key, len))
                {
                    stats.hits.fetch_add(1, Ordering::Relaxed);
                    let indexed = match bytes {
                        Bytes::Unread(stamp, hash) => {
                            stats.unread.fetch_add(1, Ordering::Relaxed);
                            Some((stamp, hash))
                        }
                        Bytes::Read(_) => None,
                    };
                    let summary = ArticleSummary {
                        id: input.id.clone(),
                        path: input.display.clone(),
                        outlet: head.outlet,
                        published: head.published,
                        claims: head.heads.len(),
                        notes: head.notes,
                    };
                    let claims = Claims::Cached(CachedClaims {
                        pack: Arc::clone(&p.buf),
                        claims: range.start + head.claims_at..range.end,
                        heads: head.heads,
                        text: head.text,
                        len,
                        round_dates: head.round_dates,
                        article: std::sync::OnceLock::new(),
                    });
                    return Outcome {
                        indexed,
                        ..Outcome::of(Source::Read(summary, claims))
                    };
                }
                stats.invalid.fetch_add(1, Ordering::Relaxed);
            }
            Some(Err(())) => {
                stats.invalid.fetch_add(1, Ordering::Relaxed);
            }
            None => {}
        },
        Some(PackState::Corrupt) => {
            stats.invalid.fetch_add(1, Ordering::Relaxed);
        }
        Some(PackState::Missing) | None => {}
    }
    stats.misses.fetch_add(1, Ordering::Relaxed);
    // Extracted from the bytes as they are now, under the key of those bytes; a file the index
    // knew stays in it if they are the bytes it knew.
    let (bytes, key, indexed) = match bytes {
        Bytes::Read(b) => (b, key, None),
        Bytes::Unread(stamp, known) => match input::read_input_bytes(input) {
            Ok(b) => {
                let hash = content_hash(&b);
                let indexed = (hash == known).then_some((stamp, hash));
                (b, key_of(hash, rules), indexed)
            }
            Err(skipped) => return Outcome::of(Source::Skipped(skipped)),
        },
    };
    let article = match input::parse_input(input, &bytes, crate::extract::dates::find_page_date) {
        Ok(a) => a,
        Err(skipped) => return Outcome::of(Source::Skipped(skipped)),
    };
    let extracted = crate::extract_article(&article, rules);
    let entry = match &extracted {
        Extracted::Read(_, x) => Some((key, encode_entry(key, &bytes, &article, x))),
        Extracted::Skipped(_) => None,
    };
    Outcome {
        source: Source::extracted(extracted),
        entry,
        indexed,
    }
}

/// [`crate::extract_all`] through the cache in `cache_dir` (created if needed): in input order
/// whatever the number of threads, with the same results as without a cache.
pub fn extract_all_cached(
    inputs: &[Input],
    rules: &Rules,
    cache_dir: &Path,
    progress: &(dyn Fn() + Sync),
) -> (Vec<Extracted>, CacheStats) {
    let (sources, stats) = read_all(inputs, rules, Some(cache_dir), progress);
    let out = sources
        .into_par_iter()
        .map(Source::into_extracted)
        .collect();
    (out, stats.unwrap_or_default())
}

impl From<Extracted> for Source {
    fn from(e: Extracted) -> Source {
        Source::extracted(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_fingerprints_the_source_code_for_the_key() {
        let h = env!("CROSSCHECK_SOURCE_HASH");
        assert_eq!(h.len(), 16, "{h}");
        assert!(h.bytes().all(|b| b.is_ascii_hexdigit()), "{h}");
        assert_ne!(h, "cbf29ce484222325", "the hash of no source at all");
    }
    use crate::article::parse_article;

    fn rules() -> Rules {
        Rules::defaults().unwrap()
    }

    /// An article as read and its extraction.
    fn extracted(bytes: &[u8], rules: &Rules) -> (Article, Extraction) {
        let a = parse_article("a".into(), "a.txt".into(), bytes).unwrap();
        let x = crate::extract::extract(&a, rules);
        (a, x)
    }

    /// Read an entry as a hit would: its head and its claims.
    fn cached(blob: &[u8], key: u64, bytes: &[u8]) -> Option<(EntryHead, CachedClaims)> {
        let head = check_entry(blob, key, bytes.len())?;
        let cached = CachedClaims {
            pack: Arc::new(blob.to_vec()),
            claims: head.claims_at..blob.len(),
            heads: head.heads.clone(),
            text: head.text.clone(),
            len: bytes.len(),
            round_dates: head.round_dates.clone(),
            article: std::sync::OnceLock::new(),
        };
        Some((head, cached))
    }

    /// Decode an entry as a hit would: its head and all its claims (as article `id`).
    fn decode(blob: &[u8], key: u64, bytes: &[u8]) -> Option<(EntryHead, Vec<Claim>)> {
        let (head, cached) = cached(blob, key, bytes)?;
        let claims = cached
            .select_with("a", |_| Some(()))
            .into_iter()
            .map(|(_, c)| c);
        Some((EntryHead { ..head }, claims.collect()))
    }

    /// Encode and decode the extraction of an article: every claim as extracted, each distinct
    /// quote once in the text table.
    fn round_trip(bytes: &[u8]) {
        let rules = rules();
        let (a, x) = extracted(bytes, &rules);
        assert!(!x.claims.is_empty(), "{}", String::from_utf8_lossy(bytes));
        let blob = encode_entry(7, bytes, &a, &x);
        let (head, claims) = decode(&blob, 7, bytes).unwrap();
        assert_eq!(claims, x.claims);
        assert_eq!(head.round_dates, x.round_dates);
        assert_eq!(head.notes, x.notes);
        assert_eq!(head.outlet, a.meta.outlet);
        assert_eq!(head.published, a.meta.published);
        // Claim by claim, by the numbers `positions` gives: as extracted.
        let cached = Claims::Cached(cached(&blob, 7, bytes).unwrap().1);
        let owned = Claims::Owned(x.clone());
        let numbers = cached.positions(|h| Some(h.topic.to_vec()));
        assert_eq!(numbers, owned.positions(|h| Some(h.topic.to_vec())));
        assert_eq!(numbers.len(), x.claims.len());
        for (_, i) in numbers {
            assert_eq!(cached.claim_at(i, "a"), owned.claim_at(i, "a"));
            let (c, o) = (cached.claim_ref(i).unwrap(), owned.claim_ref(i).unwrap());
            assert_eq!(format!("{c:?}"), format!("{o:?}"));
        }
        assert!(cached.claim_at(x.claims.len(), "a").is_none());
        // Another id than the one first given (which the claims share) is still that id.
        assert_eq!(&*cached.claim_at(0, "b").unwrap().article, "b");
        assert_eq!(&*cached.claim_at(0, "a").unwrap().article, "a");
        assert!(cached.claim_ref(x.claims.len()).is_none());
        // Each distinct string is in the table once (a value inside its quote is not added, a
        // normalized value equal to the value is the value).
        let mut strings: Vec<&str> = Vec::new();
        for c in &x.claims {
            strings.extend([&*c.quote, &*c.topic, &*c.subject]);
            if c.normalized != c.value {
                strings.push(&c.normalized);
            }
            strings.extend(
                [&c.unit, &c.hedge, &c.event]
                    .into_iter()
                    .flatten()
                    .map(|s| &**s),
            );
            if !c.quote.contains(&*c.value) {
                strings.push(&c.value);
            }
        }
        strings.sort_unstable();
        strings.dedup();
        assert_eq!(
            head.text.len(),
            strings.iter().map(|q| q.len()).sum::<usize>()
        );
    }

    #[test]
    fn entries_give_back_exactly_the_extracted_claims() {
        for i in 0..20 {
            round_trip(crate::synth::article(i, 3).as_bytes());
        }
        // With a BOM, in Latin-1 (decoded), in UTF-16: the table holds the decoded text.
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(crate::synth::article(1, 3).as_bytes());
        round_trip(&bom);
        let latin1 =
            b"Gen\xe8ve talks\n\nRussia launched 472 drones overnight, the caf\xe9 owner said.\n";
        round_trip(latin1);
        let mut utf16 = vec![0xff, 0xfe];
        for u in "Talks\n\nRussia launched 472 drones overnight, officials in Genève said.\n"
            .encode_utf16()
        {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        round_trip(&utf16);
    }

    #[test]
    fn quotes_and_values_in_the_quote_are_slices_of_the_text_table() {
        let rules = rules();
        let bytes = crate::synth::article(8, 3).into_bytes();
        let (a, x) = extracted(&bytes, &rules);
        let blob = encode_entry(1, &bytes, &a, &x);
        let (_, cached) = cached(&blob, 1, &bytes).unwrap();
        let mut inside = 0;
        for (i, c) in x.claims.iter().enumerate() {
            let (head, mut r) = cached.record(i).unwrap();
            assert_eq!(head.topic, &*c.topic);
            assert_eq!(head.subject, &*c.subject);
            assert_eq!(head.normalized, &*c.normalized);
            let value = r.clone().span().unwrap();
            read_compared(&mut r, &cached.text).unwrap();
            let quote = r.span().unwrap();
            let in_quote = quote.start <= value.start && value.end <= quote.end;
            // A value its quote holds adds nothing to the table.
            assert_eq!(in_quote, c.quote.contains(&*c.value), "{c:?}");
            inside += usize::from(in_quote);
        }
        assert!(
            inside > x.claims.len() / 2,
            "{inside} of {}",
            x.claims.len()
        );
    }

    #[test]
    fn values_that_are_not_slices_and_odd_numbers_are_stored_as_they_are() {
        let rules = rules();
        let bytes = crate::synth::article(4, 3).into_bytes();
        let (a, mut x) = extracted(&bytes, &rules);
        x.claims[0].value = "not in the article".into();
        x.claims[0].quote = "nor this".into();
        x.claims[0].interval = Some(Interval {
            lo: f64::NEG_INFINITY,
            hi: f64::INFINITY,
            point: -0.0,
        });
        x.claims[0].tenure = Some(Tenure::Also);
        x.claims[0].event = Some("round 7 (May 2)".into());
        x.claims[0].date = Some(Date::new(-9999, 1, 1).unwrap());
        x.notes.push("a note".into());
        x.round_dates.push((u32::MAX, EventDate::MonthDay(2, 29)));
        let blob = encode_entry(9, &bytes, &a, &x);
        let (head, claims) = decode(&blob, 9, &bytes).unwrap();
        assert_eq!(claims, x.claims);
        let bits = |c: &Claim| c.interval.map(|i| i.point.to_bits());
        assert_eq!(bits(&claims[0]), bits(&x.claims[0]));
        assert_eq!(head.round_dates, x.round_dates);
        assert_eq!(head.notes, x.notes);
    }

    #[test]
    fn an_entry_of_another_key_or_article_is_refused() {
        let rules = rules();
        let bytes = crate::synth::article(5, 3).into_bytes();
        let (a, x) = extracted(&bytes, &rules);
        let blob = encode_entry(11, &bytes, &a, &x);
        assert!(decode(&blob, 11, &bytes).is_some());
        // Another key.
        assert!(decode(&blob, 12, &bytes).is_none());
        // An article of another length.
        assert!(decode(&blob, 11, &bytes[..bytes.len() / 2]).is_none());
        assert!(check_entry(&blob, 11, bytes.len() + 1).is_none());
        // A slice of the text table that starts or ends inside a character.
        let field = |start: usize, len: usize| {
            let mut f = Vec::new();
            put_usize(&mut f, start);
            put_usize(&mut f, len);
            f
        };
        assert_eq!(Reader::new(&field(4, 1)).text("café"), None);
        assert_eq!(Reader::new(&field(2, 2)).text("café"), None);
        assert_eq!(Reader::new(&field(3, 3)).text("café"), None, "past the end");
        assert_eq!(Reader::new(&field(3, 2)).text("café"), Some("é"));
        // Unknown flags, trailing bytes.
        let mut flagged = blob.clone();
        flagged[8] |= 0x80;
        assert!(decode(&flagged, 11, &bytes).is_none());
        let mut longer = blob.clone();
        longer.push(0);
        assert!(decode(&longer, 11, &bytes).is_none());
    }

    /// `blob` with the `which`th text field of its first claim's head (0 topic, 1 subject, 2
    /// normalized value) made `start`, `len`; its claims start at `claims_at`.
    fn with_head_field(
        blob: &[u8],
        claims_at: usize,
        which: usize,
        start: usize,
        len: usize,
    ) -> Vec<u8> {
        let mut r = Reader::new(&blob[claims_at..]);
        let mut fields = Vec::new();
        for k in 0..3 {
            if k == 2 {
                r.u8().unwrap();
            }
            let from = r.pos;
            r.span().unwrap();
            fields.push(claims_at + from..claims_at + r.pos);
        }
        let mut out = blob[..fields[which].start].to_vec();
        put_usize(&mut out, start);
        put_usize(&mut out, len);
        out.extend_from_slice(&blob[fields[which].end..]);
        out
    }

    #[test]
    fn heads_are_slices_of_the_text_table_checked_at_load() {
        let rules = rules();
        let bytes = crate::synth::article(3, 3).into_bytes();
        let (a, mut x) = extracted(&bytes, &rules);
        x.claims[0].topic = "café talks".into();
        let blob = encode_entry(21, &bytes, &a, &x);
        let head = check_entry(&blob, 21, bytes.len()).unwrap();
        let at = head.text.find("café talks").unwrap();
        // Each head field made the same slice of the table: sound on character boundaries,
        // refused at load inside "é", past the table's end or across it.
        for which in 0..3 {
            let field = |start, len| with_head_field(&blob, head.claims_at, which, start, len);
            let sound = field(at, "café talks".len());
            let (h, cached) = cached(&sound, 21, &bytes).unwrap();
            let (first, _) = cached.record(0).unwrap();
            let got = [first.topic, first.subject, first.normalized][which];
            assert_eq!(got, "café talks", "field {which}");
            assert_eq!(h.heads.len(), x.claims.len());
            assert!(check_entry(&field(at + 4, 2), 21, bytes.len()).is_none());
            assert!(check_entry(&field(at, 4), 21, bytes.len()).is_none());
            assert!(check_entry(&field(head.text.len() - 1, 2), 21, bytes.len()).is_none());
            assert!(check_entry(&field(head.text.len(), 1), 21, bytes.len()).is_none());
            assert!(check_entry(&field(usize::MAX, 2), 21, bytes.len()).is_none());
        }
        // A table that is not UTF-8 refuses the entry.
        let mut broken = blob.clone();
        let in_blob = blob
            .windows("café".len())
            .position(|w| w == "café".as_bytes())
            .unwrap();
        broken[in_blob + 4] = b'A';
        assert!(check_entry(&broken, 21, bytes.len()).is_none());
        // Records end exactly where the entry does: one claim fewer, or a byte between two
        // records, is refused.
        assert!(x.claims.len() < 128, "a one-byte count");
        let mut fewer = blob[..head.claims_at].to_vec();
        let n_at = fewer.len() - 1;
        fewer[n_at] -= 1;
        fewer.extend_from_slice(&blob[head.claims_at..]);
        assert!(check_entry(&fewer, 21, bytes.len()).is_none());
        let rest = head.claims_at + head.heads[0].rest as usize;
        let mut first = Reader::new(&blob[rest..]);
        read_parts(&mut first, &head.text, bytes.len()).unwrap();
        let second = rest + first.pos;
        let mut between = blob[..second].to_vec();
        between.push(0);
        between.extend_from_slice(&blob[second..]);
        assert!(check_entry(&between, 21, bytes.len()).is_none());
    }

    #[test]
    fn damaged_entries_and_packs_never_panic() {
        let rules = rules();
        let bytes = crate::synth::article(6, 3).into_bytes();
        let (a, x) = extracted(&bytes, &rules);
        let blob = encode_entry(13, &bytes, &a, &x);
        for cut in 0..blob.len() {
            assert!(decode(&blob[..cut], 13, &bytes).is_none(), "cut at {cut}");
        }
        for at in 0..blob.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut b = blob.clone();
                b[at] ^= flip;
                // Some changes still decode (a letter of a string); none may panic.
                let _ = decode(&b, 13, &bytes);
            }
        }
        let other = encode_entry(14, &bytes, &a, &x);
        let stored = |bytes| Stored {
            bytes,
            generation: 7,
            written: 1,
        };
        let mut entries = BTreeMap::new();
        entries.insert(13, stored(blob.as_slice()));
        entries.insert(14, stored(other.as_slice()));
        let pack = build_pack(&entries).unwrap();
        let p = parse_pack(pack.clone()).unwrap();
        assert_eq!(p.rows.len(), 2);
        assert!(matches!(p.entry(13), Some(Ok(_))));
        assert!(p.entry(15).is_none());
        for cut in 0..pack.len() {
            if let Some(p) = parse_pack(pack[..cut].to_vec()) {
                panic!("a pack cut at {cut} of {} parses: {:?}", pack.len(), p.rows);
            }
        }
        let header = 12 + 2 * INDEX_ROW + 8;
        for at in 0..pack.len() {
            let mut b = pack.clone();
            b[at] ^= 0x10;
            match parse_pack(b) {
                // A changed header never passes its hash.
                Some(_) if at < header => panic!("changed header byte {at} accepted"),
                // A changed entry fails its own hash.
                Some(p) => assert!(
                    [13, 14]
                        .iter()
                        .any(|k| matches!(p.entry(*k), Some(Err(())))),
                    "changed entry byte {at} accepted"
                ),
                None => assert!(at < header, "a changed entry byte {at} broke the pack"),
            }
        }
    }

    #[test]
    fn varints_round_trip_and_overlong_ones_are_refused() {
        for v in [
            0,
            1,
            127,
            128,
            300,
            u64::from(u32::MAX),
            u64::MAX - 1,
            u64::MAX,
        ] {
            let mut out = Vec::new();
            put_varint(&mut out, v);
            let mut r = Reader::new(&out);
            assert_eq!(r.varint(), Some(v));
            assert!(r.done());
        }
        // One and two bytes (the fast paths) as the general loop reads them.
        for b0 in 0..=255u8 {
            for b1 in 0..=255u8 {
                let general = |bytes: &[u8]| {
                    let mut v = 0u64;
                    for (i, b) in bytes.iter().enumerate() {
                        v |= u64::from(b & 0x7f) << (7 * i);
                        if b & 0x80 == 0 {
                            return Some((v, i + 1));
                        }
                    }
                    None
                };
                let bytes = [b0, b1, 0x01];
                let mut r = Reader::new(&bytes);
                let got = r.varint().map(|v| (v, r.pos));
                assert_eq!(got, general(&bytes), "{bytes:?}");
            }
        }
        // Eleven bytes, or a tenth byte above 1: more than 64 bits.
        assert_eq!(Reader::new(&[0xff; 11]).varint(), None);
        let mut too_big = vec![0xff; 9];
        too_big.push(0x02);
        assert_eq!(Reader::new(&too_big).varint(), None);
        // A count larger than what is left is refused before anything is allocated.
        let mut out = Vec::new();
        put_varint(&mut out, 1 << 40);
        assert_eq!(Reader::new(&out).count(1), None);
    }

    /// Whether every topic pattern's narrow twin was built (a pattern that a sentence needs
    /// builds its own on first need; only preparing builds them all).
    fn twins_built(rules: &Rules) -> bool {
        rules
            .topics
            .iter()
            .flat_map(|t| &t.patterns)
            .all(crate::rules::Pattern::twin_built)
    }

    /// The twins are built when many articles are to be extracted (a cold cache), not when
    /// the cache holds them all (a warm one), and the claims are the same either way.
    #[test]
    fn a_cold_cache_of_many_articles_builds_the_twins_a_warm_one_does_not() {
        let corpus = tempfile::tempdir().unwrap();
        for i in 0..crate::rules::TWINS_FROM {
            let text = format!(
                "The delegation was led by Defence Minister Ana Ruiz{i}, and the talks were held at the Ciragan Palace.\n"
            );
            fs::write(corpus.path().join(format!("a{i:05}.txt")), text).unwrap();
        }
        let inputs = crate::input::collect(&[corpus.path().to_path_buf()], "stdin").unwrap();
        let cache = tempfile::tempdir().unwrap();
        let cold_rules = rules();
        let (cold, stats) = extract_all_cached(&inputs.files, &cold_rules, cache.path(), &|| {});
        assert_eq!(stats.misses, inputs.files.len());
        assert!(twins_built(&cold_rules));
        let warm_rules = rules();
        let (warm, stats) = extract_all_cached(&inputs.files, &warm_rules, cache.path(), &|| {});
        assert_eq!(stats.hits, inputs.files.len());
        assert!(!twins_built(&warm_rules));
        let claims = |x: &[Extracted]| -> Vec<Claim> {
            x.iter()
                .flat_map(|e| match e {
                    Extracted::Read(_, x) => x.claims.clone(),
                    Extracted::Skipped(_) => Vec::new(),
                })
                .collect()
        };
        let (cold, warm) = (claims(&cold), claims(&warm));
        assert!(cold.iter().any(|c| &*c.topic == "venue"), "{cold:?}");
        assert!(cold == warm);
    }

    #[test]
    fn concurrent_writers_keep_each_others_entries() {
        let dir = tempfile::tempdir().unwrap();
        let shard = 0x42;
        std::thread::scope(|s| {
            for t in 0..4u64 {
                let dir = dir.path();
                s.spawn(move || {
                    for i in 0..5u64 {
                        let key = (shard << 56) | (t << 8) | i;
                        let entry = vec![(key, key.to_le_bytes().to_vec())];
                        store(dir, shard as usize, &entry, 1, 1).unwrap();
                    }
                });
            }
        });
        let path = pack_path(dir.path(), shard << 56);
        let PackState::Read(p) = read_pack(&path) else {
            panic!("no pack");
        };
        assert_eq!(p.rows.len(), 20);
        for row in &p.rows {
            let range = p.entry(row.key).unwrap().unwrap();
            assert_eq!(p.buf[range], row.key.to_le_bytes());
        }
        // No temporary file is left behind.
        let names: Vec<String> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }

    #[test]
    fn a_pack_keeps_its_generation_and_the_last_other_one() {
        let dir = tempfile::tempdir().unwrap();
        let shard = 0x17u64;
        let keys = |gen_: u64| -> Vec<NewEntry> {
            (0..3u64)
                .map(|i| ((shard << 56) | (gen_ << 8) | i, vec![gen_ as u8; 4]))
                .collect()
        };
        let held = || -> Vec<u64> {
            let PackState::Read(p) = read_pack(&pack_path(dir.path(), shard << 56)) else {
                panic!("no pack");
            };
            let mut g: Vec<u64> = p.rows.iter().map(|r| r.generation).collect();
            g.sort_unstable();
            g.dedup();
            g
        };
        let s = shard as usize;
        store(dir.path(), s, &keys(1), 1, 100).unwrap();
        store(dir.path(), s, &keys(2), 2, 200).unwrap();
        assert_eq!(
            held(),
            [1, 2],
            "two rule sets in turn both keep their entries"
        );
        store(dir.path(), s, &keys(1), 1, 300).unwrap();
        assert_eq!(held(), [1, 2]);
        // A third generation keeps the one written last besides itself (1, at 300).
        store(dir.path(), s, &keys(3), 3, 400).unwrap();
        assert_eq!(held(), [1, 3]);
        // Generation 1 last wrote at 300, generation 3 at 400.
        store(dir.path(), s, &keys(4), 4, 500).unwrap();
        assert_eq!(held(), [3, 4]);
    }

    #[test]
    fn a_lookup_reads_only_its_generations_entries() {
        let dir = tempfile::tempdir().unwrap();
        let shard = 0x42u64;
        // Keys of the two generations interleave in key order; entries of different sizes.
        let entries = |generation: u64| -> Vec<NewEntry> {
            (0..5u64)
                .map(|i| {
                    let key = (shard << 56) | (i << 4) | generation;
                    (
                        key,
                        vec![generation as u8; 3 + i as usize * generation as usize],
                    )
                })
                .collect()
        };
        let s = shard as usize;
        store(dir.path(), s, &entries(1), 1, 100).unwrap();
        store(dir.path(), s, &entries(2), 2, 200).unwrap();
        let path = pack_path(dir.path(), shard << 56);
        for generation in [1u64, 2] {
            let PackState::Read(p) = read_generation(&path, generation) else {
                panic!("pack not read");
            };
            let want = entries(generation);
            assert_eq!(p.rows.len(), want.len());
            assert!(p.rows.iter().all(|r| r.generation == generation));
            // Only this generation's bytes were read.
            let bytes: usize = want.iter().map(|(_, e)| e.len()).sum();
            assert_eq!(p.buf.len(), bytes, "generation {generation}");
            for (key, e) in &want {
                let Some(Ok(range)) = p.entry(*key) else {
                    panic!("entry {key:x} of generation {generation} not found");
                };
                assert_eq!(&p.buf[range], &e[..]);
            }
            let other = entries(3 - generation);
            assert!(p.entry(other[0].0).is_none());
        }
        // A generation the pack does not hold: nothing to read, every lookup a miss.
        let PackState::Read(p) = read_generation(&path, 7) else {
            panic!("pack not read");
        };
        assert!(p.rows.is_empty() && p.buf.is_empty());
        // A pack cut short or damaged is corrupt, a missing one missing.
        let whole = fs::read(&path).unwrap();
        for cut in [5, 30, whole.len() - 1] {
            fs::write(&path, &whole[..cut]).unwrap();
            assert!(
                matches!(read_generation(&path, 1), PackState::Corrupt),
                "cut at {cut}"
            );
        }
        let mut damaged = whole.clone();
        damaged[20] ^= 1;
        fs::write(&path, &damaged).unwrap();
        assert!(matches!(read_generation(&path, 1), PackState::Corrupt));
        fs::remove_file(&path).unwrap();
        assert!(matches!(read_generation(&path, 1), PackState::Missing));
    }
}
