//! Arbitrary text as a rule file (a topic file, or a vocabulary file beside two topic files
//! that use it); the properties are `crosscheck::fuzzing::rule_file`'s (rules or errors with
//! positions inside the file, never a panic). `cargo test` runs them on the built-in files too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| crosscheck::fuzzing::rule_file(data));
