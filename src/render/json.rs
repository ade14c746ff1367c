//! The JSON report: exactly the contract of `DESIGN.md` (`serde_json` of [`Report`]),
//! pretty-printed, with a trailing newline. Streamed through one buffer.

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
        // Streamed through a buffer: the same bytes as one `to_vec_pretty`, without holding a
        // copy of the whole document (hundreds of MB on a large feed).
        let mut buf = io::BufWriter::with_capacity(1 << 16, out);
        serde_json::to_writer_pretty(&mut buf, report)?;
        buf.write_all(b"\n")?;
        buf.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::sample;

    fn render() -> String {
        sample::render(&JsonEmitter, &sample::report(), RenderOptions::default())
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
