//! crosscheck: read several news articles about one story, extract their factual claims by
//! topic, compare them across sources and report where they disagree.
//!
//! The pipeline, one module per stage:
//! rules → articles → claims → (resolve) → findings → render.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod article;
pub mod extract;
pub mod input;
pub mod model;
pub mod render;
