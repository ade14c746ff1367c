//! The JSON report: exactly the contract of `DESIGN.md` (`serde_json` of [`Report`]),
//! pretty-printed, with a trailing newline. Built whole, then written once.

use std::io::{self, Write};

use super::{Emitter, RenderOptions};
use crate::model::Report;

/// The JSON report.
pub struct JsonEmitter;

impl Emitter for JsonEmitter {
    fn emit(
        &self,
        out: &mut dyn Write,
        report: &Report,
        _options: RenderOptions,
    ) -> io::Result<()> {
        let mut doc = serde_json::to_vec_pretty(report)?;
        doc.push(b'\n');
        out.write_all(&doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::sample;

    fn render() -> String {
        let mut out = Vec::new();
        JsonEmitter
            .emit(&mut out, &sample::report(), RenderOptions::default())
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_snapshot() {
        insta::assert_snapshot!(render());
    }

    #[test]
    fn json_parses_back_into_the_report() {
        let s = render();
        assert!(s.ends_with("}\n"));
        let mut back: Report = serde_json::from_str(&s).unwrap();
        for f in &mut back.findings {
            for c in &mut f.claims {
                c.interval = c.interval.map(|i| i.normalize_unbounded());
            }
        }
        assert_eq!(back, sample::report());
    }
}
