//! Finding the input files: paths and folders (recursive, sorted, deterministic), stdin, ids.
//!
//! OWNER: article helper. Stub: signatures are the contract with the rest of the pipeline.

use std::path::PathBuf;

use crate::model::{Article, Skipped};

/// One input file to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// Where to read it from; `None` for stdin.
    pub path: Option<PathBuf>,
    /// The path as shown in the report (as the user gave it, joined with the folder walk).
    pub display: String,
    /// The article id: the file stem, made unique within the run.
    pub id: String,
}

/// The inputs of one run: files to read, and paths already known to be unreadable.
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    pub files: Vec<Input>,
    pub skipped: Vec<Skipped>,
}

/// An error that stops the run (exit 2): a path that does not exist.
#[derive(Debug)]
pub struct InputError(pub String);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Expand the paths the user gave into input files. `-` is stdin (shown as `stdin_name`).
pub fn collect(paths: &[PathBuf], stdin_name: &str) -> Result<Inputs, InputError> {
    let _ = (paths, stdin_name);
    todo!("article helper")
}

/// Read and parse one input; `Err` lists it as skipped with the reason.
pub fn read(input: &Input) -> Result<Article, Skipped> {
    let _ = input;
    todo!("article helper")
}
