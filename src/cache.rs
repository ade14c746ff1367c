//! The claims cache (`--cache DIR`): each article's extraction, keyed by a hash of its bytes,
//! of the rule set (`Rules::fingerprint`) and of the crate version, so a CI run over a large
//! corpus re-extracts only the articles (or rules) that changed.
//!
//! One file per article, `DIR/<first two hex digits>/<key>.json`, written atomically (a
//! temporary file, then a rename). A cache file is never trusted blindly: one that cannot be
//! read, does not parse, names another key or format, or holds offsets outside the article is
//! ignored and rewritten. Numbers are stored bit for bit, so a cached claim is exactly the
//! claim extraction gives. The article id and path are not part of the key: a renamed file
//! still hits, and its claims take the new id.
//!
//! Errors writing the cache never fail the run; they are counted in [`CacheStats`].

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::extract::Extraction;
use crate::extract::events::EventDate;
use crate::input::{self, Input};
use crate::model::{ArticleSummary, Claim, Date, Interval};
use crate::rules::Rules;
use crate::{Extracted, extract_input};

/// Bumped when the layout of a cache file changes.
pub const FORMAT: u32 = 1;

/// What a cached run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Articles whose claims came from the cache.
    pub hits: usize,
    /// Articles extracted (no usable cache file).
    pub misses: usize,
    /// Cache files found but not usable (corrupt, another key or format): re-extracted.
    pub invalid: usize,
    /// Cache files that could not be written.
    pub write_errors: usize,
}

/// The cache key of an article: xxh3 of the crate version, the rules' fingerprint and the
/// article's bytes.
pub fn key(bytes: &[u8], rules: &Rules) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(&[0]);
    h.update(&FORMAT.to_le_bytes());
    h.update(&rules.fingerprint.to_le_bytes());
    h.update(bytes);
    h.digest()
}

/// Where the entry of a key lives.
pub fn entry_path(cache_dir: &Path, key: u64) -> PathBuf {
    let hex = format!("{key:016x}");
    cache_dir.join(&hex[..2]).join(format!("{hex}.json"))
}

/// One cache file.
#[derive(Serialize, Deserialize)]
struct Entry {
    format: u32,
    key: String,
    outlet: Option<String>,
    published: Option<Date>,
    claims: Vec<Claim>,
    /// Per claim, the interval's (lo, hi, point) as f64 bits: exact, and infinite ends kept.
    intervals: Vec<Option<[u64; 3]>>,
    round_dates: Vec<(u32, EventDate)>,
    #[serde(default)]
    notes: Vec<String>,
}

impl Entry {
    fn new(key: u64, summary: &ArticleSummary, extraction: &Extraction) -> Entry {
        Entry {
            format: FORMAT,
            key: format!("{key:016x}"),
            outlet: summary.outlet.clone(),
            published: summary.published,
            claims: extraction.claims.clone(),
            intervals: extraction
                .claims
                .iter()
                .map(|c| {
                    c.interval
                        .map(|i| [i.lo.to_bits(), i.hi.to_bits(), i.point.to_bits()])
                })
                .collect(),
            round_dates: extraction.round_dates.clone(),
            notes: extraction.notes.clone(),
        }
    }

    /// The extraction this entry holds for `input`, if the entry is sound.
    fn into_extracted(self, key: u64, input: &Input, len: usize) -> Option<Extracted> {
        if self.format != FORMAT
            || self.key != format!("{key:016x}")
            || self.intervals.len() != self.claims.len()
        {
            return None;
        }
        let mut claims = self.claims;
        for (c, bits) in claims.iter_mut().zip(self.intervals) {
            if c.start > c.end || c.end > len {
                return None;
            }
            c.interval = bits.map(|[lo, hi, point]| Interval {
                lo: f64::from_bits(lo),
                hi: f64::from_bits(hi),
                point: f64::from_bits(point),
            });
            c.article.clone_from(&input.id);
        }
        let summary = ArticleSummary {
            id: input.id.clone(),
            path: input.display.clone(),
            outlet: self.outlet,
            published: self.published,
            claims: claims.len(),
            notes: self.notes.clone(),
        };
        Some(Extracted::Read(
            summary,
            Extraction {
                claims,
                notes: self.notes,
                round_dates: self.round_dates,
            },
        ))
    }
}

/// Read a cache entry; `Err(true)` when a file is there but unusable.
fn load(path: &Path, key: u64, input: &Input, len: usize) -> Result<Extracted, bool> {
    let bytes = fs::read(path).map_err(|_| false)?;
    let entry: Entry = serde_json::from_slice(&bytes).map_err(|_| true)?;
    entry.into_extracted(key, input, len).ok_or(true)
}

/// Write a cache entry atomically: a temporary file in the same folder, then a rename.
fn store(path: &Path, entry: &Entry) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(&serde_json::to_vec(entry).map_err(std::io::Error::other)?)?;
        drop(f);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Read and extract one input through the cache.
pub fn extract_input_cached(
    input: &Input,
    rules: &Rules,
    cache_dir: &Path,
    stats: &AtomicStats,
) -> Extracted {
    if input.path.is_none() {
        // Stdin is read once and not cached.
        stats.misses.fetch_add(1, Ordering::Relaxed);
        return extract_input(input, rules);
    }
    let bytes = match input::read_input_bytes(input) {
        Ok(b) => b,
        Err(skipped) => return Extracted::Skipped(skipped),
    };
    let key = key(&bytes, rules);
    let path = entry_path(cache_dir, key);
    match load(&path, key, input, bytes.len()) {
        Ok(e) => {
            stats.hits.fetch_add(1, Ordering::Relaxed);
            return e;
        }
        Err(true) => {
            stats.invalid.fetch_add(1, Ordering::Relaxed);
        }
        Err(false) => {}
    }
    stats.misses.fetch_add(1, Ordering::Relaxed);
    let article = match input::parse_input(input, &bytes, crate::extract::dates::find_page_date) {
        Ok(a) => a,
        Err(skipped) => return Extracted::Skipped(skipped),
    };
    drop(bytes);
    let extracted = crate::extract_article(&article, rules);
    drop(article);
    if let Extracted::Read(summary, extraction) = &extracted
        && store(&path, &Entry::new(key, summary, extraction)).is_err()
    {
        stats.write_errors.fetch_add(1, Ordering::Relaxed);
    }
    extracted
}

/// Counters shared by the workers of one cached run.
#[derive(Debug, Default)]
pub struct AtomicStats {
    hits: AtomicUsize,
    misses: AtomicUsize,
    invalid: AtomicUsize,
    write_errors: AtomicUsize,
}

impl AtomicStats {
    pub fn get(&self) -> CacheStats {
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            invalid: self.invalid.load(Ordering::Relaxed),
            write_errors: self.write_errors.load(Ordering::Relaxed),
        }
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
    let stats = AtomicStats::default();
    let out = inputs
        .par_iter()
        .map(|i| {
            let e = extract_input_cached(i, rules, cache_dir, &stats);
            progress();
            e
        })
        .collect();
    (out, stats.get())
}
