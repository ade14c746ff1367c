//! Write a deterministic synthetic corpus of news articles for benchmarks:
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --articles 1000 --out /tmp/corpus [--seed 42]
//! ```
//!
//! The same `--articles` and `--seed` always give the same bytes; article `i` does not depend
//! on `--articles` (a 1k corpus is the first 1k files of a 100k one). See `src/synth.rs`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut n: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut seed: u64 = 42;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .unwrap_or_else(|| panic!("{name} needs a value"))
        };
        match a.as_str() {
            "--articles" => n = value("--articles").parse().ok(),
            "--out" => out = Some(PathBuf::from(value("--out"))),
            "--seed" => seed = value("--seed").parse().expect("--seed takes an integer"),
            _ => {
                eprintln!("usage: gen_corpus --articles N --out DIR [--seed S]");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(n), Some(out)) = (n, out) else {
        eprintln!("usage: gen_corpus --articles N --out DIR [--seed S]");
        return ExitCode::from(2);
    };
    match crosscheck::synth::write_corpus(&out, n, seed) {
        Ok(bytes) => {
            println!(
                "wrote {n} articles, {bytes} bytes, to {} (seed {seed})",
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}: {e}", out.display());
            ExitCode::from(2)
        }
    }
}
