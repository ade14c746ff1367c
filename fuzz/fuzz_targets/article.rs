//! Arbitrary bytes as an article file; the properties are `crosscheck::fuzzing::article`'s
//! (decoding, sentences, every extractor and the report never panic; spans lie inside the
//! text, around the value as written). `cargo test` runs them on the fixtures too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| crosscheck::fuzzing::article(data));
