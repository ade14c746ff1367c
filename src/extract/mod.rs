//! Extraction: sentences → claims. Two layers: generic extractors find values of every kind in
//! every sentence; topic rules assign them to topics and measures by cue words.

pub mod dates;
pub mod number;
