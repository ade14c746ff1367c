//! Numbers as written in news → numbers and intervals: digits and words, hedges, shares,
//! ranges, durations, distances, areas.
//!
//! OWNER: values helper. Stub: signatures are the contract with the rest of the pipeline.

use serde::Deserialize;

use crate::model::{Interval, ValueKind};

/// `rules/vocab/numbers.toml`: number words, multipliers, fractions, vague amounts.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberVocab {}

/// `rules/vocab/hedges.toml`: hedge words and the interval each one maps to.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HedgeVocab {}

/// One numeric expression found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// Byte range in the sentence of the whole expression: hedge + number + unit.
    pub start: usize,
    pub end: usize,
    /// Where the number itself (after the hedge) begins.
    pub number_start: usize,
    /// The canonical hedge ("about", "more than"), if any.
    pub hedge: Option<String>,
    /// Count for a bare number; Share, Duration, Distance, Area or Money by its unit.
    pub kind: ValueKind,
    /// The unit in canonical form ("%", "s", "m", "m²", "USD"), if any.
    pub unit: Option<String>,
    /// The value in base units, widened by the hedge.
    pub interval: Interval,
    /// The normalized value as a string for display and exact comparison.
    pub normalized: String,
}

/// All numeric expressions of a sentence, left to right, not overlapping.
pub fn find_quantities(
    sentence: &str,
    numbers: &NumberVocab,
    hedges: &HedgeVocab,
) -> Vec<Quantity> {
    let _ = (sentence, numbers, hedges);
    todo!("values helper")
}
