//! The benchmark: the full `report` pipeline over synthetic corpora of growing size.
//!
//! ```sh
//! cargo run --release --example bench -- [--sizes 1000,10000,100000] [--dir DIR] [--seed S]
//! cargo run --release --example bench -- --cache-check 50000 [DIR [CACHE]]
//! ```
//!
//! For each size N it writes the corpus with `crosscheck::synth` into `DIR/N` (default
//! `$TMPDIR/crosscheck-bench`; reused when already there), then runs the pipeline in a fresh
//! child process of this binary (`bench --one DIR`), so that each size's peak RSS (VmHWM) is
//! its own: collect → extract_gathered → report_of → JSON into a sink. Then it measures
//! extraction alone on one core (`bench --extract DIR`: files read into memory first, then
//! parse + extract each article in a loop on one thread).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use crosscheck::check::Detail;
use crosscheck::render::{self, Format, RenderOptions};
use crosscheck::rules::Rules;
use crosscheck::{check, input, synth};

/// The binary's allocator (src/main.rs), so that the figures are the binary's.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// The binary's jemalloc options (src/main.rs explains them).
#[cfg(not(target_env = "msvc"))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static JEMALLOC_OPTIONS: &[u8; 11] = b"thp:always\0";

fn usage() -> ExitCode {
    eprintln!("usage: bench [--sizes 1000,10000,100000] [--dir DIR] [--seed S]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--one") if args.len() == 2 => return one(Path::new(&args[1])),
        Some("--extract") if args.len() == 2 => return extract_one_core(Path::new(&args[1])),
        Some("--warm-check") if args.len() == 4 => {
            return warm_check(
                Path::new(&args[1]),
                Path::new(&args[2]),
                Path::new(&args[3]),
            );
        }
        Some("--cache-check") if args.len() >= 2 => {
            let n = args[1].replace('_', "").parse().unwrap_or(50_000);
            let dir = args.get(2).map_or_else(
                || std::env::temp_dir().join("crosscheck-bench"),
                PathBuf::from,
            );
            // A cache folder of one's own (and the new article beside it) leaves the shared
            // one alone.
            let cache_dir = args.get(3).map(PathBuf::from);
            return cache_check(n, &dir, cache_dir.as_deref());
        }
        _ => {}
    }
    let mut sizes = vec![1000, 10_000, 100_000];
    let mut dir = std::env::temp_dir().join("crosscheck-bench");
    let mut seed = 42u64;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let Some(v) = it.next() else { return usage() };
        match a.as_str() {
            "--sizes" => match v
                .split(',')
                .map(|s| s.trim().replace('_', "").parse())
                .collect()
            {
                Ok(s) => sizes = s,
                Err(_) => return usage(),
            },
            "--dir" => dir = PathBuf::from(v),
            "--seed" => match v.parse() {
                Ok(s) => seed = s,
                Err(_) => return usage(),
            },
            _ => return usage(),
        }
    }
    let exe = std::env::current_exe().expect("own path");
    println!(
        "machine: {} · {} cores · crosscheck {}",
        cpu_model(),
        cores(),
        env!("CARGO_PKG_VERSION")
    );
    println!();
    println!(
        "{:>8} {:>8} {:>8} {:>11} {:>7} {:>10} {:>9} {:>9} {:>9} {:>8}",
        "N",
        "wall s",
        "cpu s",
        "articles/s",
        "MB/s",
        "claims",
        "findings",
        "peak RSS",
        "µs/art",
        "vs 1st"
    );
    let mut first_per_article: Option<f64> = None;
    let mut smallest: Option<PathBuf> = None;
    for &n in &sizes {
        let corpus = dir.join(corpus_name(n, seed));
        if let Err(e) = ensure_corpus(&corpus, n, seed) {
            eprintln!("bench: cannot write corpus {}: {e}", corpus.display());
            return ExitCode::from(2);
        }
        if smallest.is_none() {
            smallest = Some(corpus.clone());
        }
        let out = Command::new(&exe)
            .arg("--one")
            .arg(&corpus)
            .output()
            .expect("run child");
        let text = String::from_utf8_lossy(&out.stdout);
        let Some(r) = text.lines().find_map(Run::parse) else {
            eprintln!(
                "bench: child failed for N={n}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            return ExitCode::from(1);
        };
        let per_article = r.wall / r.articles as f64;
        let ratio = per_article / *first_per_article.get_or_insert(per_article);
        println!(
            "{:>8} {:>8.2} {:>8.2} {:>11.0} {:>7.1} {:>10} {:>9} {:>6} MB {:>9.1} {:>7.2}×",
            r.articles,
            r.wall,
            r.cpu,
            r.articles as f64 / r.wall,
            r.bytes as f64 / 1e6 / r.wall,
            r.claims,
            r.findings,
            r.peak_kb / 1024,
            per_article * 1e6,
            ratio
        );
        eprintln!(
            "  N={n}: rules {:.3}s · collect {:.3}s · extract {:.3}s · build_report {:.3}s · json {:.3}s ({} MB)",
            r.phases[0],
            r.phases[1],
            r.phases[2],
            r.phases[3],
            r.phases[4],
            r.json_bytes / 1_000_000
        );
    }
    if let Some(corpus) = smallest {
        let out = Command::new(&exe)
            .arg("--extract")
            .arg(&corpus)
            .output()
            .expect("run child");
        print!("{}", String::from_utf8_lossy(&out.stdout));
        eprint!("{}", String::from_utf8_lossy(&out.stderr));
    }
    ExitCode::SUCCESS
}

/// The folder of a corpus: its size, seed and the generator's version, so that a corpus an
/// older generator wrote is never taken for this one's.
fn corpus_name(n: usize, seed: u64) -> String {
    format!("{n}-seed{seed}-v{}", synth::VERSION)
}

/// Write the corpus unless a complete one is already there.
fn ensure_corpus(dir: &Path, n: usize, seed: u64) -> std::io::Result<()> {
    let done = dir.join(".complete");
    if done.exists() {
        return Ok(());
    }
    let t = Instant::now();
    let bytes = synth::write_corpus(dir, n, seed)?;
    std::fs::write(&done, format!("{n} {seed} {bytes}\n"))?;
    eprintln!(
        "  wrote {n} articles ({:.1} MB) to {} in {:.1}s",
        bytes as f64 / 1e6,
        dir.display(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The figures of one child run.
struct Run {
    articles: usize,
    bytes: u64,
    wall: f64,
    cpu: f64,
    claims: usize,
    findings: usize,
    peak_kb: u64,
    json_bytes: u64,
    phases: Vec<f64>,
}

impl Run {
    fn parse(line: &str) -> Option<Run> {
        let rest = line.strip_prefix("RESULT ")?;
        let f: Vec<&str> = rest.split_whitespace().collect();
        Some(Run {
            articles: f.first()?.parse().ok()?,
            bytes: f.get(1)?.parse().ok()?,
            wall: f.get(2)?.parse().ok()?,
            cpu: f.get(3)?.parse().ok()?,
            claims: f.get(4)?.parse().ok()?,
            findings: f.get(5)?.parse().ok()?,
            peak_kb: f.get(6)?.parse().ok()?,
            json_bytes: f.get(7)?.parse().ok()?,
            phases: f[8..]
                .iter()
                .filter_map(|p| p.parse().ok())
                .collect::<Vec<f64>>()
                .into_iter()
                .chain([0.0; 5])
                .collect(),
        })
    }
}

/// Counts the bytes written into it, and drops them.
struct CountingSink(u64);

impl std::io::Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Child: the whole report pipeline over one folder, as `crosscheck report --format json`.
fn one(dir: &Path) -> ExitCode {
    let t0 = Instant::now();
    let cpu0 = cpu_seconds();
    let rules = Rules::defaults().expect("default rules");
    let t_rules = t0.elapsed().as_secs_f64();
    let inputs = input::collect(&[dir.to_path_buf()], "stdin").expect("collect");
    let t_collect = t0.elapsed().as_secs_f64();
    let bytes: u64 = inputs
        .files
        .iter()
        .filter_map(|i| i.path.as_ref())
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let t_collect_end = t0.elapsed().as_secs_f64();
    let gathered = crosscheck::extract_gathered(&inputs.files, &rules, &|| {});
    let t_extract = t0.elapsed().as_secs_f64();
    let report = crosscheck::report_of(gathered, inputs.skipped.clone(), &rules);
    let t_build = t0.elapsed().as_secs_f64();
    let mut sink = CountingSink(0);
    render::emitter(Format::Json)
        .emit(&mut sink, &report, RenderOptions::default())
        .expect("json");
    let wall = t0.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu0;
    let claims: usize = report.articles.iter().map(|a| a.claims).sum();
    println!(
        "RESULT {} {} {:.4} {:.4} {} {} {} {} {:.4} {:.4} {:.4} {:.4} {:.4}",
        report.articles.len(),
        bytes,
        wall,
        cpu,
        claims,
        report.findings.len(),
        peak_rss_kb(),
        sink.0,
        t_rules,
        t_collect_end - t_rules - (t_collect_end - t_collect),
        t_extract - t_collect_end,
        t_build - t_extract,
        wall - t_build
    );
    ExitCode::SUCCESS
}

/// Child: parse + extract on one thread over files already in memory.
fn extract_one_core(dir: &Path) -> ExitCode {
    let rules = Rules::defaults().expect("default rules");
    let inputs = input::collect(&[dir.to_path_buf()], "stdin").expect("collect");
    let files: Vec<(String, Vec<u8>)> = inputs
        .files
        .iter()
        .map(|i| {
            (
                i.id.clone(),
                std::fs::read(i.path.as_ref().expect("a file")).expect("read"),
            )
        })
        .collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    // Extraction as a run over a feed does it: with the patterns' narrow twins, built before
    // the clock starts (as the rules are compiled before it).
    rules.prepare_twins();
    let mut best = f64::INFINITY;
    let mut claims = 0;
    let mut parse_only = f64::INFINITY;
    for _ in 0..3 {
        let t = Instant::now();
        for (id, b) in &files {
            let a = crosscheck::article::parse_article(id.clone(), id.clone(), b).expect("parse");
            std::hint::black_box(&a);
        }
        parse_only = parse_only.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        claims = 0;
        for (id, b) in &files {
            let a = crosscheck::article::parse_article(id.clone(), id.clone(), b).expect("parse");
            claims += crosscheck::extract::extract(&a, &rules).claims.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!();
    println!(
        "extraction alone, one core, narrow twins built ({} articles, {:.1} MB in memory, best of 3): {:.1} MB/s, {:.0} articles/s, {} claims (parsing alone {:.1} MB/s)",
        files.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / best,
        files.len() as f64 / best,
        claims,
        bytes as f64 / 1e6 / parse_only
    );
    ExitCode::SUCCESS
}

/// A warm `crosscheck check NEW --corpus DIR --cache C --format json`: a corpus of N articles
/// whose claims are cached, plus one new article. The cold run fills the cache; the warm run
/// (with another new article, so one miss) is timed phase by phase through the same calls as
/// the CLI: rules, `check::collect`, `cache::read_all` (read + hash every file, read the packs,
/// extract the misses, write their entries), `check::check_sources` (compare the groups the
/// new article touches) and the JSON report into a sink.
fn cache_check(n: usize, dir: &Path, own_cache: Option<&Path>) -> ExitCode {
    let corpus = dir.join(corpus_name(n, 42));
    if let Err(e) = ensure_corpus(&corpus, n, 42) {
        eprintln!("bench: {e}");
        return ExitCode::from(2);
    }
    let (cache_dir, new_dir) = match own_cache {
        Some(c) => (c.to_path_buf(), c.with_extension("new-article")),
        None => (
            // The cache format's version and the corpus's: a cache filled over another
            // generator's corpus is not this one's.
            dir.join(format!(
                "cache-v{}-{}",
                crosscheck::cache::FORMAT,
                corpus_name(n, 42)
            )),
            dir.join("new-article"),
        ),
    };
    let _ = std::fs::remove_dir_all(&new_dir);
    std::fs::create_dir_all(&new_dir).expect("new article folder");
    let new = new_dir.join("new.txt");
    std::fs::write(&new, synth::article(n + 1, 4242)).expect("new article");
    let rules = Rules::defaults().expect("default rules");
    let ci = check::collect(
        std::slice::from_ref(&new),
        std::slice::from_ref(&corpus),
        "-",
    )
    .expect("collect");
    let t = Instant::now();
    let cold = check::check(&ci, &rules, None, Some(&cache_dir), Detail::ALL, &|| {});
    println!(
        "cache, first run over {} articles: {:.2}s ({:?})",
        ci.inputs.files.len(),
        t.elapsed().as_secs_f64(),
        cold.cache
    );
    // The new article changes for the warm run: a file nobody has seen (a line without claims
    // that differs from run to run makes it a cache miss every time).
    let nonce: String = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
        .to_string()
        .bytes()
        .map(|b| char::from(b'a' + (b - b'0')))
        .collect();
    let text = format!("{}\nFiled by desk {nonce}.\n", synth::article(n + 2, 4242));
    std::fs::write(&new, text).expect("new article");
    // The warm check in a process of its own, as a user runs it: nothing compiled or read
    // before (this process's first run compiled the rules' patterns, and keeps them).
    let status = Command::new(std::env::current_exe().expect("own path"))
        .arg("--warm-check")
        .arg(&corpus)
        .arg(&cache_dir)
        .arg(&new)
        .status()
        .expect("run child");
    if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The warm check of `new` against `corpus` with the cache `cache_dir`, timed by phase: what
/// `crosscheck check --corpus CORPUS --cache CACHE -f json NEW` does, with its JSON counted
/// instead of written.
fn warm_check(corpus: &Path, cache_dir: &Path, new: &Path) -> ExitCode {
    let cpu0 = cpu_seconds();
    let t0 = Instant::now();
    let rules = Rules::defaults().expect("default rules");
    let t_rules = t0.elapsed().as_secs_f64();
    let ci = check::collect(&[new.to_path_buf()], &[corpus.to_path_buf()], "-").expect("collect");
    let t_collect = t0.elapsed().as_secs_f64();
    let (sources, warm) =
        crosscheck::cache::read_all(&ci.inputs.files, &rules, Some(cache_dir), &|| {});
    let t_read = t0.elapsed().as_secs_f64();
    let checked = check::check_sources(&ci, sources, &rules, None, Detail::ALL);
    let t_check = t0.elapsed().as_secs_f64();
    let mut sink = CountingSink(0);
    render::emitter(Format::Json)
        .emit(&mut sink, &checked.report, RenderOptions::default())
        .expect("json");
    // As the binary: not freed, the process ends here.
    std::mem::forget(checked);
    let wall = t0.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu0;
    println!(
        "cache, warm check of 1 new article: {wall:.2}s wall, {cpu:.2}s CPU (rules {t_rules:.2}s, collect {:.2}s, read_all {:.2}s, check_sources {:.2}s, JSON {:.2}s ({} MB)) · {warm:?}",
        t_collect - t_rules,
        t_read - t_collect,
        t_check - t_read,
        wall - t_check,
        sink.0 / 1_000_000,
    );
    ExitCode::SUCCESS
}

/// Peak resident set size of this process (VmHWM), in KiB.
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.split_whitespace().next().and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

/// User + system CPU time of this process (all threads), from /proc/self/stat.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which is in parentheses and may hold spaces).
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
        return 0.0;
    };
    let f: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name.
    let ticks: u64 = f.get(11).and_then(|v| v.parse().ok()).unwrap_or(0)
        + f.get(12).and_then(|v| v.parse().ok()).unwrap_or(0);
    ticks as f64 / 100.0
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
            })
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
