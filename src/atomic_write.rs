//! Writing a file so that a reader sees the old file or the new one, never half of one: the
//! bytes go to a temporary file in the same folder, which is then renamed over the target.
//! Used for `--output`, baselines, the cache's packs and its file index.

use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Whether the new file is flushed to the disk before the rename.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    /// Synced first: what a person asked to write (a report, a baseline).
    Synced,
    /// Renamed as soon as it is written: a cache, which can always be rebuilt.
    Renamed,
}

/// Write `bytes` to `path` by a rename. The temporary file's name is unique to the process and
/// the call (threads of one run write their files at once), and it is removed if anything
/// fails.
pub fn write_atomic(path: &Path, bytes: &[u8], durability: Durability) -> io::Result<()> {
    write_atomic_with(path, durability, |f| f.write_all(bytes))
}

/// [`write_atomic`] of what `write` writes, streamed to the temporary file (buffered): a large
/// output is never held in memory whole. Should `write` fail, the target is left as it was.
pub fn write_atomic_with(
    path: &Path,
    durability: Durability,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut out = io::BufWriter::with_capacity(1 << 16, fs::File::create(&tmp)?);
        write(&mut out)?;
        let f = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        if durability == Durability::Synced {
            f.sync_all()?;
        }
        drop(f);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("crosscheck-baseline.toml");
        write_atomic(&p, b"one", Durability::Synced).unwrap();
        write_atomic(&p, b"two", Durability::Renamed).unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "two");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.json");
        write_atomic(&p, b"old", Durability::Synced).unwrap();
        // A folder where the file should go: the rename fails.
        let blocked = dir.path().join("blocked");
        fs::create_dir(&blocked).unwrap();
        fs::write(blocked.join("inside"), "x").unwrap();
        assert!(write_atomic(&blocked, b"new", Durability::Renamed).is_err());
        assert_eq!(fs::read_to_string(&p).unwrap(), "old");
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["blocked", "out.json"]);
    }

    #[test]
    fn a_failed_stream_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.json");
        write_atomic(&p, b"old", Durability::Synced).unwrap();
        let failed = write_atomic_with(&p, Durability::Synced, |w| {
            w.write_all(&[b'x'; 100_000])?;
            Err(io::Error::other("the emitter failed"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomic_with(&p, Durability::Renamed, |w| w.write_all(b"streamed")).unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "streamed");
    }
}
