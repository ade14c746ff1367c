//! The crosscheck command line: arguments, files, terminal and exit codes. The only place that
//! prints.
//!
//! Exit codes: 0 nothing to report, 1 contradictions found, 2 usage, rule or input error.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crosscheck::input::{self, Inputs};
use crosscheck::model::{Report, Verdict};
use crosscheck::render::{self, Format, RenderOptions};
use crosscheck::rules::{self, Rules};

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
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    rules: RulesArg,
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
    let stdout = io::stdout();
    let mut lock = stdout.lock();
    match f(&mut lock).and_then(|_| lock.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error of ours.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Fatal(format!("cannot write output: {e}"))),
    }
}

fn report(args: ReportArgs) -> Result<ExitCode, Fatal> {
    let rules = load_rules(&args.rules)?;
    let inputs = collect(&args.paths, &args.stdin_name)?;
    let mut report: Report = crosscheck::run(&inputs, &rules);
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
    write_out(|out| emitter.emit(out, &report, options))?;
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

fn claims(args: ClaimsArgs) -> Result<ExitCode, Fatal> {
    let rules = load_rules(&args.rules)?;
    let inputs = collect(&args.paths, &args.stdin_name)?;
    let mut all = Vec::new();
    let mut skipped = inputs.skipped.clone();
    for e in crosscheck::extract_all(&inputs.files, &rules, &|| {}) {
        match e {
            crosscheck::Extracted::Read(_, x) => all.extend(x.claims),
            crosscheck::Extracted::Skipped(s) => skipped.push(s),
        }
    }
    if let Some(t) = &args.topic {
        all.retain(|c| &c.topic == t);
    }
    match args.format {
        ClaimsFormat::Json => write_out(|out| {
            serde_json::to_writer_pretty(&mut *out, &all).map_err(io::Error::other)?;
            writeln!(out)
        })?,
        ClaimsFormat::Table => write_out(|out| {
            render::claims_table(
                out,
                &all,
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
                "measure `{}`: nouns [{}], cues [{}], exclude [{}], window {}",
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
                m.window
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
