//! Rendering a report: one output format = one module = one type implementing [`Emitter`].
//!
//! OWNER: render helper. Stub: signatures are the contract with the rest of the pipeline.

use std::io::{self, Write};

use crate::model::{Claim, Report};

/// Options every emitter honours.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    /// ANSI colours in the output (terminal table only).
    pub color: bool,
    /// Only the summary line.
    pub quiet: bool,
}

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Markdown,
    Json,
    Github,
    Sarif,
}

/// Writes a whole report in one format.
pub trait Emitter {
    fn emit(&self, out: &mut dyn Write, report: &Report, options: RenderOptions) -> io::Result<()>;
}

/// The emitter for a format.
pub fn emitter(format: Format) -> Box<dyn Emitter> {
    let _ = format;
    todo!("render helper")
}

/// The claims of articles as a table (for `crosscheck claims`, for rule authors).
pub fn claims_table(
    out: &mut dyn Write,
    claims: &[Claim],
    options: RenderOptions,
) -> io::Result<()> {
    let _ = (out, claims, options);
    todo!("render helper")
}
