//! The crosscheck command line: arguments, files, terminal and exit codes. The only place that
//! prints.
//!
//! Exit codes: 0 nothing to report, 1 contradictions found (`check`: new ones; `diff`: new or
//! changed into), 2 usage, rule, baseline or input error.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crosscheck::atomic_write::Durability;
use crosscheck::baseline::{Baseline, Include};
use crosscheck::input::{self, Inputs};
use crosscheck::model::{Report, Verdict};
use crosscheck::render::{self, Format, RenderOptions};
use crosscheck::report_diff;
use crosscheck::rules::{self, Rules};

/// jemalloc serves extraction's many small, short-lived allocations with less CPU and a lower
/// peak than the system allocator (see Cargo.toml).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read once when it starts; `_RJEM_MALLOC_CONF` in the environment still
/// overrides them. `thp:always` asks the kernel for transparent huge pages (2 MiB) on jemalloc's
/// mappings, which kernels in `madvise` mode (a common default) give only when asked. A warm
/// check reads some 300 MB of cache packs and a big report builds a million claims: with 4 KiB
/// pages, faulting that memory in was a fifth of a warm check's CPU. Measured in the fifteenth
/// session (README): page faults of a 10k report 55k -> 5.5k, wall -12 %, peak RSS +8 % (+2 %
/// at 100k). Where the kernel never gives huge pages, or always does, the option changes
/// nothing. The symbol is jemalloc's `malloc_conf` under tikv-jemalloc-sys's `_rjem_` prefix: a
/// C `const char *`, which a reference to a NUL-terminated byte array is.
#[cfg(not(target_env = "msvc"))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static JEMALLOC_OPTIONS: &[u8; 11] = b"thp:always\0";

#[derive(Parser)]
#[command(
    name = "crosscheck",
    version,
    about = "Compare the factual claims of news articles about one story and report where they disagree"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The contradiction report over a set of articles (files or folders of .txt/.md).
    Report(ReportArgs),
    /// In CI: do new articles disagree with a corpus? Exit 1 on a new contradiction.
    Check(CheckArgs),
    /// Baselines of accepted findings.
    Baseline {
        #[command(subcommand)]
        command: BaselineCommand,
    },
    /// What changed between two saved JSON reports.
    Diff(DiffArgs),
    /// The claims of each article, for rule authors.
    Claims(ClaimsArgs),
    /// Rule files: run their test cases.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// What a topic extracts, its patterns and how it compares.
    Explain {
        /// A topic id (e.g. official-title), or nothing to list the topics.
        topic: Option<String>,
        #[command(flatten)]
        rules: RulesArg,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Run the test cases of every rule file (the built-in rules, or DIR).
    Test {
        /// A rules folder; the built-in rules when omitted.
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum BaselineCommand {
    /// Record the current findings of a corpus (by default its contradictions and changed
    /// findings) as accepted.
    Write(BaselineWriteArgs),
}

#[derive(Args)]
struct RulesArg {
    /// Use the rules in DIR instead of the built-in ones (vocabulary files missing from DIR
    /// come from the built-in rules).
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Only {
    Contradictions,
    Changed,
    Compatible,
    Agreements,
    Disagreements,
}

impl Only {
    fn keeps(self, v: Verdict) -> bool {
        match self {
            Only::Contradictions => v == Verdict::Contradiction,
            Only::Changed => v == Verdict::Changed,
            Only::Compatible => v == Verdict::Compatible,
            Only::Agreements => v == Verdict::Agreement,
            Only::Disagreements => v.is_disagreement(),
        }
    }
}

#[derive(Args)]
struct OutputArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    format: Format,
    /// Colour: auto (a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Print only the summary line.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Write the output to FILE instead of stdout, atomically (a temporary file, then a
    /// rename): an interrupted run never leaves half a report.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct ReportArgs {
    /// Article files or folders; `-` reads one article from stdin.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Show only these verdicts (repeatable).
    #[arg(long, value_enum)]
    only: Vec<Only>,
    /// The name shown for an article read from stdin.
    #[arg(long, default_value = "stdin.txt")]
    stdin_name: String,
    /// Exit 0/1 even when some inputs could not be read (they are still listed as skipped).
    #[arg(long)]
    allow_skipped: bool,
    /// Hide the findings this baseline file accepts; report its stale entries.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Keep each article's claims in DIR, keyed by the hash of its bytes and of the rules:
    /// articles that did not change are not extracted again.
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    rules: RulesArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// Fail on new contradictions.
    Contradiction,
    /// Fail on new contradictions and new changed findings.
    Changed,
}

#[derive(Args)]
struct CheckArgs {
    /// The new article files (or folders); `-` reads one article from stdin.
    #[arg(required = true, value_name = "NEW")]
    new: Vec<PathBuf>,
    /// The corpus the new articles are checked against (repeatable).
    #[arg(long, required = true, value_name = "DIR")]
    corpus: Vec<PathBuf>,
    /// Hide the findings this baseline file accepts; report its stale entries.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Keep each article's claims in DIR, keyed by the hash of its bytes and of the rules:
    /// articles that did not change are not extracted again.
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
    /// Which new findings fail the check (exit 1).
    #[arg(long, value_enum, default_value = "contradiction")]
    fail_on: FailOn,
    /// The name shown for an article read from stdin.
    #[arg(long, default_value = "stdin.txt")]
    stdin_name: String,
    /// Exit 0/1 even when some corpus files could not be read. A new article that cannot be
    /// read is always an error.
    #[arg(long)]
    allow_skipped: bool,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    rules: RulesArg,
}

#[derive(Args)]
struct BaselineWriteArgs {
    /// The corpus whose findings are recorded (repeatable).
    #[arg(long, required = true, value_name = "DIR")]
    corpus: Vec<PathBuf>,
    /// The baseline file to write (replaced atomically).
    #[arg(
        long,
        short = 'o',
        value_name = "FILE",
        default_value = "crosscheck-baseline.toml"
    )]
    output: PathBuf,
    /// Record every finding, compatible ones and agreements too.
    #[arg(long)]
    all: bool,
    /// Write the baseline even when some corpus files could not be read.
    #[arg(long)]
    allow_skipped: bool,
    #[command(flatten)]
    rules: RulesArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    Table,
    Json,
}

#[derive(Args)]
struct DiffArgs {
    /// The older saved report (`crosscheck report --format json`).
    old: PathBuf,
    /// The newer saved report.
    new: PathBuf,
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    format: DiffFormat,
    /// Colour: auto (a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Print only the summary line.
    #[arg(long, short = 'q')]
    quiet: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ClaimsFormat {
    Table,
    Json,
}

#[derive(Args)]
struct ClaimsArgs {
    /// Article files or folders; `-` reads one article from stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    format: ClaimsFormat,
    /// Only claims of this topic.
    #[arg(long)]
    topic: Option<String>,
    #[arg(long, default_value = "stdin.txt")]
    stdin_name: String,
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    #[command(flatten)]
    rules: RulesArg,
}

/// An error that ends the run with exit code 2.
struct Fatal(String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Self {
        Fatal(e.to_string())
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

fn load_rules(arg: &RulesArg) -> Result<Rules, Fatal> {
    match &arg.rules {
        None => {
            Rules::defaults().map_err(|e| Fatal(format!("the built-in rules do not load:\n{e}")))
        }
        Some(dir) => {
            let sources = rules::read_dir(dir).map_err(Fatal)?;
            Rules::from_sources(sources, &dir.display().to_string())
                .map_err(|e| Fatal(e.to_string()))
        }
    }
}

fn collect(paths: &[PathBuf], stdin_name: &str) -> Result<Inputs, Fatal> {
    input::collect(paths, stdin_name).map_err(|e| Fatal(e.to_string()))
}

fn write_out(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Fatal> {
    // Stdout is line-buffered; a block buffer saves a system call per line of output.
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match f(&mut out).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error of ours.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Fatal(format!("cannot write output: {e}"))),
    }
}

/// A progress bar on stderr for runs over at least 200 files, only when stderr is a terminal:
/// never in piped or CI output.
fn progress_bar(total: usize) -> Option<indicatif::ProgressBar> {
    if total < 200 || !io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} reading articles {pos}/{len} [{bar:30}] {per_sec} · eta {eta}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    Some(bar)
}

/// A cache that could not be written is worth a note (the run itself is unaffected).
fn note_cache(dir: Option<&Path>, stats: Option<crosscheck::cache::CacheStats>) {
    if let (Some(dir), Some(stats)) = (dir, stats)
        && stats.write_errors > 0
    {
        eprintln!(
            "crosscheck: note: could not write {} cache entr{} in {}",
            stats.write_errors,
            if stats.write_errors == 1 { "y" } else { "ies" },
            dir.display()
        );
    }
}

/// Write to `--output FILE` atomically, or to stdout.
fn deliver(
    output: Option<&Path>,
    f: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Fatal> {
    let Some(path) = output else {
        return write_out(f);
    };
    // Streamed to a temporary file beside it, renamed when complete: a 100k-article JSON
    // report is over a gigabyte, more than its claims take in memory.
    crosscheck::atomic_write::write_atomic_with(path, Durability::Synced, f)
        .map_err(|e| Fatal(format!("cannot write {}: {e}", path.display())))
}

/// The rules, and beside them what `inputs` finds: the folder walk is one thread's work, and
/// compiling the rules' patterns keeps the other cores busy meanwhile. The rules' error comes
/// first, as when one was done after the other.
fn rules_beside<T: Send>(
    arg: &RulesArg,
    inputs: impl FnOnce() -> Result<T, Fatal> + Send,
) -> Result<(Rules, Result<T, Fatal>), Fatal> {
    let (rules, inputs) = rayon::join(|| load_rules(arg), inputs);
    Ok((rules?, inputs))
}

fn report(args: ReportArgs) -> Result<ExitCode, Fatal> {
    let (rules, inputs) = rules_beside(&args.rules, || collect(&args.paths, &args.stdin_name))?;
    let inputs = inputs?;
    if inputs.files.is_empty() && inputs.skipped.is_empty() {
        // A report of nothing would read as a clean pass: a wrong folder is an error.
        let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Fatal(format!(
            "no articles found in {} (folders are searched for .txt and .md files)",
            paths.join(", ")
        )));
    }
    let baseline = args.baseline.as_deref().map(load_baseline).transpose()?;
    let bar = progress_bar(inputs.files.len());
    let tick = || {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    let (gathered, stats) = crosscheck::extract_gathered_maybe_cached(
        &inputs.files,
        &rules,
        args.cache.as_deref(),
        &tick,
    );
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    note_cache(args.cache.as_deref(), stats);
    // Not freed, as in `check`: the process ends right after writing it.
    let mut report: std::mem::ManuallyDrop<Report> = std::mem::ManuallyDrop::new(
        crosscheck::report_of(gathered, inputs.skipped.clone(), &rules),
    );
    if let Some(b) = &baseline {
        b.apply(&mut report, &[]);
    }
    let contradictions = report.count(Verdict::Contradiction);
    if !args.only.is_empty() {
        report
            .findings
            .retain(|f| args.only.iter().any(|o| o.keeps(f.verdict)));
    }
    let options = RenderOptions {
        color: use_color(args.output.color),
        quiet: args.output.quiet,
    };
    let emitter = render::emitter(args.output.format);
    deliver(args.output.output.as_deref(), |out| {
        emitter.emit(out, &report, options)
    })?;
    note_stale(&report);
    if !report.skipped.is_empty() && !args.allow_skipped {
        eprintln!(
            "crosscheck: {} input{} could not be read (listed as skipped); pass --allow-skipped to accept that",
            report.skipped.len(),
            if report.skipped.len() == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::from(2));
    }
    Ok(if contradictions > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn load_baseline(path: &Path) -> Result<Baseline, Fatal> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Fatal(format!("cannot read baseline {}: {e}", path.display())))?;
    Baseline::parse(&text, &path.display().to_string()).map_err(|e| Fatal(e.to_string()))
}

/// Stale baseline entries do not fail a run, but must not go unnoticed in CI logs either.
fn note_stale(report: &Report) {
    if !report.stale.is_empty() {
        eprintln!(
            "crosscheck: note: {} baseline entr{} match no finding any more (stale); remove {} from the baseline",
            report.stale.len(),
            if report.stale.len() == 1 { "y" } else { "ies" },
            if report.stale.len() == 1 {
                "it"
            } else {
                "them"
            },
        );
    }
}

fn check(args: CheckArgs) -> Result<ExitCode, Fatal> {
    let (rules, inputs) = rules_beside(&args.rules, || {
        crosscheck::check::collect(&args.new, &args.corpus, &args.stdin_name).map_err(Fatal::from)
    })?;
    let baseline = args.baseline.as_deref().map(load_baseline).transpose()?;
    let inputs = inputs?;
    let bar = progress_bar(inputs.inputs.files.len());
    let tick = || {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    let options = RenderOptions {
        color: use_color(args.output.color),
        quiet: args.output.quiet,
    };
    let emitter = render::emitter_for(args.output.format, Some(&inputs.new_ids));
    let detail = crosscheck::check::Detail::only(|v| emitter.reads_claims(v, options));
    // Not freed: the process ends right after, and freeing hundreds of thousands of claims
    // one by one would only add to the wait.
    let checked = std::mem::ManuallyDrop::new(crosscheck::check::check(
        &inputs,
        &rules,
        baseline.as_ref(),
        args.cache.as_deref(),
        detail,
        &tick,
    ));
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    note_cache(args.cache.as_deref(), checked.cache);
    deliver(args.output.output.as_deref(), |out| {
        emitter.emit(out, &checked.report, options)
    })?;
    note_stale(&checked.report);
    if !checked.new_skipped.is_empty() {
        for s in &checked.new_skipped {
            eprintln!(
                "crosscheck: error: cannot read new article {}: {}",
                s.path, s.reason
            );
        }
        return Ok(ExitCode::from(2));
    }
    if !checked.corpus_skipped.is_empty() && !args.allow_skipped {
        for s in &checked.corpus_skipped {
            eprintln!("crosscheck: skipped {}: {}", s.path, s.reason);
        }
        eprintln!(
            "crosscheck: {} corpus file{} could not be read (listed as skipped); pass --allow-skipped to accept that",
            checked.corpus_skipped.len(),
            if checked.corpus_skipped.len() == 1 {
                ""
            } else {
                "s"
            }
        );
        return Ok(ExitCode::from(2));
    }
    let fail_on = match args.fail_on {
        FailOn::Contradiction => crosscheck::check::FailOn::Contradiction,
        FailOn::Changed => crosscheck::check::FailOn::Changed,
    };
    Ok(if checked.fails(fail_on) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn baseline_write(args: BaselineWriteArgs) -> Result<ExitCode, Fatal> {
    let rules = load_rules(&args.rules)?;
    let inputs = collect(&args.corpus, "stdin.txt")?;
    let report = crosscheck::run(&inputs, &rules);
    if !report.skipped.is_empty() && !args.allow_skipped {
        for s in &report.skipped {
            eprintln!("crosscheck: skipped {}: {}", s.path, s.reason);
        }
        return Err(Fatal(format!(
            "{} corpus file{} could not be read; baseline not written (pass --allow-skipped to write it anyway)",
            report.skipped.len(),
            if report.skipped.len() == 1 { "" } else { "s" }
        )));
    }
    let include = if args.all {
        Include::All
    } else {
        Include::Disagreements
    };
    let baseline = Baseline::from_findings(&report.findings, include);
    let text = baseline.to_toml()?;
    crosscheck::atomic_write::write_atomic(&args.output, text.as_bytes(), Durability::Synced)
        .map_err(|e| {
            Fatal(format!(
                "cannot write baseline {}: {e}",
                args.output.display()
            ))
        })?;
    write_out(|out| {
        writeln!(
            out,
            "wrote {} accepted finding{} to {}",
            baseline.entries.len(),
            if baseline.entries.len() == 1 { "" } else { "s" },
            args.output.display()
        )
    })?;
    Ok(ExitCode::SUCCESS)
}

fn diff(args: DiffArgs) -> Result<ExitCode, Fatal> {
    let read = |p: &Path| -> Result<Report, Fatal> {
        let name = p.display().to_string();
        let text =
            std::fs::read_to_string(p).map_err(|e| Fatal(format!("cannot read {name}: {e}")))?;
        report_diff::parse_report(&text, &name).map_err(Fatal)
    };
    let old = read(&args.old)?;
    let new = read(&args.new)?;
    let d = report_diff::diff(&old, &new);
    match args.format {
        DiffFormat::Json => write_out(|out| report_diff::write_json(out, &d))?,
        DiffFormat::Table => {
            let options = RenderOptions {
                color: use_color(args.color),
                quiet: args.quiet,
            };
            write_out(|out| report_diff::write_table(out, &d, options))?;
        }
    }
    Ok(if d.fails() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn claims(args: ClaimsArgs) -> Result<ExitCode, Fatal> {
    let rules = load_rules(&args.rules)?;
    let inputs = collect(&args.paths, &args.stdin_name)?;
    let gathered = crosscheck::extract_gathered(&inputs.files, &rules, &|| {});
    let articles_read = gathered.articles.len();
    // Not freed: the process ends right after writing them.
    let mut all = std::mem::ManuallyDrop::new(gathered.claims);
    let mut skipped = inputs.skipped.clone();
    skipped.extend(gathered.skipped);
    if let Some(t) = &args.topic {
        all.retain(|c| *c.topic == **t);
    }
    match args.format {
        ClaimsFormat::Json => write_out(|out| {
            serde_json::to_writer_pretty(&mut *out, &*all).map_err(io::Error::other)?;
            writeln!(out)
        })?,
        ClaimsFormat::Table => write_out(|out| {
            render::claims_table(
                out,
                &all,
                articles_read,
                RenderOptions {
                    color: use_color(args.color),
                    quiet: false,
                },
            )
        })?,
    }
    for s in &skipped {
        eprintln!("crosscheck: skipped {}: {}", s.path, s.reason);
    }
    Ok(if skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn rules_test(dir: Option<PathBuf>) -> Result<ExitCode, Fatal> {
    let rules = load_rules(&RulesArg { rules: dir })?;
    let outcome = rules::test::run(&rules);
    write_out(|out| {
        for f in &outcome.failures {
            writeln!(out, "FAIL {}: {}", f.file, f.case)?;
            for line in f.problem.lines() {
                writeln!(out, "     {line}")?;
            }
        }
        writeln!(
            out,
            "rule tests: {} passed, {} failed",
            outcome.passed,
            outcome.failures.len()
        )
    })?;
    Ok(if outcome.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn explain(topic: Option<String>, arg: RulesArg) -> Result<ExitCode, Fatal> {
    let rules = load_rules(&arg)?;
    let Some(id) = topic else {
        write_out(|out| {
            writeln!(out, "topics ({}):", rules.origin)?;
            for t in &rules.topics {
                writeln!(out, "  {:<30} {} [{}]", t.id, t.title, t.kind.name())?;
            }
            writeln!(
                out,
                "generic topics (values no topic takes): count, share, duration, distance, area, money, date, weekday, time, title; and calendar (a weekday that does not fit its date)"
            )
        })?;
        return Ok(ExitCode::SUCCESS);
    };
    let Some(t) = rules.topic(&id) else {
        let names: Vec<&str> = rules.topics.iter().map(|t| t.id.as_str()).collect();
        return Err(Fatal(format!(
            "unknown topic `{id}`; topics are: {}",
            names.join(", ")
        )));
    };
    write_out(|out| {
        writeln!(out, "{} — {}", t.id, t.title)?;
        writeln!(out, "{}", t.description)?;
        writeln!(out, "file: {}", t.file)?;
        writeln!(out, "value kind: {}", t.kind.name())?;
        let how = match t.kind {
            k if k.is_numeric() => {
                "numbers compare as intervals built from their hedges: disjoint intervals contradict, overlapping ones are compatible, the same number and hedge agree"
            }
            crosscheck::model::ValueKind::Title => {
                "titles are read as a timeline: \"former X, now Y\" against \"X\" is changed; different current posts in the same week contradict; titles that can be held at once are compatible"
            }
            _ => {
                "values compare as normalized text: equal values agree, one value in more detail is compatible, different values contradict"
            }
        };
        writeln!(out, "compares: {how}")?;
        if t.events {
            writeln!(
                out,
                "events: claims attach to events (rounds, dates); claims about different events are never a contradiction — the finding is `changed`"
            )?;
        }
        for m in &t.measures {
            writeln!(
                out,
                "measure `{}`: nouns [{}], cues [{}], exclude [{}], window {}{}",
                m.subject,
                m.nouns.join(", "),
                m.cues
                    .iter()
                    .map(|c| c.join(" "))
                    .collect::<Vec<_>>()
                    .join(", "),
                m.exclude
                    .iter()
                    .map(|c| c.join(" "))
                    .collect::<Vec<_>>()
                    .join(", "),
                m.window,
                match (m.whole, m.each_side) {
                    (true, true) => ", takes wholes and each side's counts",
                    (true, false) => ", takes wholes",
                    (false, true) => ", takes each side's counts",
                    (false, false) => "",
                }
            )?;
        }
        for p in &t.patterns {
            writeln!(
                out,
                "pattern: {}  → subject `{}`, value {{{}}}",
                p.source, p.subject, p.value
            )?;
        }
        writeln!(
            out,
            "tests: {} (run them with `crosscheck rules test`)",
            t.tests.len()
        )
    })?;
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Report(args) => report(args),
        Command::Check(args) => check(args),
        Command::Baseline {
            command: BaselineCommand::Write(args),
        } => baseline_write(args),
        Command::Diff(args) => diff(args),
        Command::Claims(args) => claims(args),
        Command::Rules {
            command: RulesCommand::Test { dir },
        } => rules_test(dir),
        Command::Explain { topic, rules } => explain(topic, rules),
    };
    match result {
        Ok(code) => code,
        Err(Fatal(msg)) => {
            eprintln!("crosscheck: error: {msg}");
            ExitCode::from(2)
        }
    }
}
