//! The file index of the cache (`DIR/v5/files`): for each file a run read and hashed, the
//! file's stamp then (device, inode, size, modification and status-change times) and the hash
//! of its bytes. A later run whose file has the same stamp takes the hash from the index
//! instead of reading the file — the check `git` makes of its working tree — so a warm run over
//! an unchanged corpus stats its files instead of reading them.
//!
//! # When a stamp is trusted
//!
//! - Every field must be equal. Writing a file changes its modification and status-change
//!   times; `touch -d` or an archive can set the modification time back, but not the
//!   status-change time, which only the kernel sets. A file replaced by another (a rename, a
//!   fresh checkout) has another inode.
//! - A file is indexed only if neither of its times is within [`RACY`] of the start of the run
//!   that read it: a file written in the same tick of the file system's clock as it was read
//!   (or with a clock that disagrees a little) could change again with the same stamp, so it is
//!   read and hashed by every run that starts before it is that old.
//! - The index holds the files of the latest run only: it stays the size of a corpus however
//!   many files come and go (runs over different files with one cache only read more).
//! - The index is a cache of the cache: missing, unreadable, corrupt or from another format, it
//!   is ignored (every file is read); a write that fails is not an error. Runs that write it at
//!   the same time each write the whole index by a rename; the loser's new stamps are only read
//!   again next time.
//! - Only on Unix (where the stamp has an inode and a status-change time); elsewhere every file
//!   is read.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use rustc_hash::FxHashMap as HashMap;

use crate::atomic_write::{Durability, write_atomic};

/// The first bytes of the index: a name and the format.
const MAGIC: [u8; 8] = *b"xchkix\x00\x01";
/// How old both times of a file must be, at the start of a run, for its stamp to be indexed.
pub const RACY: Duration = Duration::from_secs(2);
/// The name of the index in the pack folder.
const FILE: &str = "files";

/// What identifies a version of a file without reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

impl Stamp {
    const BYTES: usize = 56;

    /// The stamp of a regular file (`None` for anything else, or off Unix).
    pub fn of(meta: &fs::Metadata) -> Option<Stamp> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            meta.is_file().then(|| Stamp {
                dev: meta.dev(),
                ino: meta.ino(),
                size: meta.size(),
                mtime: (meta.mtime(), meta.mtime_nsec()),
                ctime: (meta.ctime(), meta.ctime_nsec()),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            None
        }
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    /// Whether the file may still change without its stamp changing: either time within
    /// [`RACY`] of `started` (or after it).
    pub fn is_racy(&self, started: SystemTime) -> bool {
        let Ok(since) = started.duration_since(SystemTime::UNIX_EPOCH) else {
            return true;
        };
        let limit = i128::from(since.as_secs()) * 1_000_000_000 + i128::from(since.subsec_nanos())
            - RACY.as_nanos() as i128;
        let ns = |(s, n): (i64, i64)| i128::from(s) * 1_000_000_000 + i128::from(n);
        ns(self.mtime) >= limit || ns(self.ctime) >= limit
    }

    fn put(&self, out: &mut Vec<u8>) {
        for v in [self.dev, self.ino, self.size] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for v in [self.mtime.0, self.mtime.1, self.ctime.0, self.ctime.1] {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }

    fn read(b: &[u8]) -> Option<Stamp> {
        let u = |i: usize| -> Option<u64> {
            Some(u64::from_le_bytes(
                b.get(i * 8..i * 8 + 8)?.try_into().ok()?,
            ))
        };
        let i = |k: usize| -> Option<i64> { u(k).map(|v| v as i64) };
        Some(Stamp {
            dev: u(0)?,
            ino: u(1)?,
            size: u(2)?,
            mtime: (i(3)?, i(4)?),
            ctime: (i(5)?, i(6)?),
        })
    }
}

/// The bytes of a path, as the index keeps them (`None` off Unix).
pub fn path_bytes(path: &Path) -> Option<&[u8]> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The index as read: each path's stamp and hash.
#[derive(Debug, Default)]
pub struct FileIndex {
    files: HashMap<Vec<u8>, (Stamp, u128)>,
}

impl FileIndex {
    /// The index in the pack folder `dir`; empty if there is none or it is not sound.
    pub fn load(dir: &Path) -> FileIndex {
        fs::read(dir.join(FILE))
            .ok()
            .and_then(|b| FileIndex::parse(&b))
            .unwrap_or_default()
    }

    /// The hash of the file at `path`, if the index has it with this stamp.
    pub fn hash_of(&self, path: &Path, stamp: &Stamp) -> Option<u128> {
        let (s, h) = self.files.get(path_bytes(path)?)?;
        (s == stamp).then_some(*h)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    fn parse(b: &[u8]) -> Option<FileIndex> {
        let body_end = b.len().checked_sub(8)?;
        let (body, sum) = b.split_at(body_end);
        if xxhash_rust::xxh3::xxh3_64(body).to_le_bytes() != sum || body.get(..8)? != MAGIC {
            return None;
        }
        let n = usize::try_from(u64::from_le_bytes(body.get(8..16)?.try_into().ok()?)).ok()?;
        let mut at = 16;
        let mut files = HashMap::with_capacity_and_hasher(
            n.min(body.len() / (Stamp::BYTES + 20)),
            Default::default(),
        );
        for _ in 0..n {
            let len = u32::from_le_bytes(body.get(at..at + 4)?.try_into().ok()?) as usize;
            at += 4;
            let path = body.get(at..at.checked_add(len)?)?.to_vec();
            at += len;
            let stamp = Stamp::read(body.get(at..at + Stamp::BYTES)?)?;
            at += Stamp::BYTES;
            let hash = u128::from_le_bytes(body.get(at..at + 16)?.try_into().ok()?);
            at += 16;
            files.insert(path, (stamp, hash));
        }
        (at == body.len()).then_some(FileIndex { files })
    }

    fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(24 + self.files.len() * (Stamp::BYTES + 100));
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&(self.files.len() as u64).to_le_bytes());
        for (path, (stamp, hash)) in &self.files {
            let Ok(len) = u32::try_from(path.len()) else {
                continue;
            };
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(path);
            stamp.put(&mut out);
            out.extend_from_slice(&hash.to_le_bytes());
        }
        let sum = xxhash_rust::xxh3::xxh3_64(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Write the stamps of a run's files (read and not racy, or known and unchanged) as the
    /// index, into the pack folder `dir` by a rename; nothing is written when the index is
    /// already that. Files that were not inputs of the run leave the index, so it stays the
    /// size of the latest run (a cache shared by runs over different files only reads more).
    pub fn store(
        self,
        dir: &Path,
        recorded: impl IntoIterator<Item = (Vec<u8>, Stamp, u128)>,
    ) -> std::io::Result<()> {
        let recorded: Vec<(Vec<u8>, Stamp, u128)> = recorded.into_iter().collect();
        // The usual warm run: every file as indexed. Checked by lookups, without building a
        // second index (a run's files are distinct paths, so equal counts mean equal sets).
        if recorded.len() == self.files.len()
            && recorded
                .iter()
                .all(|(path, stamp, hash)| self.files.get(path) == Some(&(*stamp, *hash)))
        {
            return Ok(());
        }
        let files: HashMap<Vec<u8>, (Stamp, u128)> = recorded
            .into_iter()
            .map(|(path, stamp, hash)| (path, (stamp, hash)))
            .collect();
        let mut new = FileIndex { files };
        // Paths longer than 4 GiB are left out by `bytes`: the count must agree.
        new.files.retain(|p, _| u32::try_from(p.len()).is_ok());
        fs::create_dir_all(dir)?;
        write_atomic(&dir.join(FILE), &new.bytes(), Durability::Renamed)
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn stamp(size: u64, mtime: i64) -> Stamp {
        Stamp {
            dev: 1,
            ino: 2,
            size,
            mtime: (mtime, 5),
            ctime: (mtime, 6),
        }
    }

    #[test]
    fn an_index_is_rewritten_only_when_the_files_changed() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let recorded = || {
            vec![
                (b"a.txt".to_vec(), stamp(10, 100), 7u128),
                (b"b.txt".to_vec(), stamp(20, 200), 8u128),
            ]
        };
        let inode = || fs::metadata(dir.path().join(FILE)).unwrap().ino();
        FileIndex::load(dir.path())
            .store(dir.path(), recorded())
            .unwrap();
        let first = inode();
        // The same files: not written (a write renames a new file into place).
        FileIndex::load(dir.path())
            .store(dir.path(), recorded())
            .unwrap();
        assert_eq!(inode(), first);
        // One stamp changed, one file fewer, one file more: written each time.
        let mut changed = recorded();
        changed[1].1 = stamp(21, 200);
        let mut fewer = recorded();
        fewer.pop();
        let mut more = recorded();
        more.push((b"c.txt".to_vec(), stamp(30, 300), 9u128));
        for files in [changed, fewer, more] {
            let before = inode();
            let want = files.len();
            FileIndex::load(dir.path())
                .store(dir.path(), files)
                .unwrap();
            assert_ne!(inode(), before);
            assert_eq!(FileIndex::load(dir.path()).len(), want);
        }
    }

    #[test]
    fn an_index_round_trips_and_a_damaged_one_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let index = FileIndex::load(dir.path());
        assert!(index.is_empty());
        let recorded = vec![
            (b"a.txt".to_vec(), stamp(10, 100), 7u128),
            (b"dir/b.txt".to_vec(), stamp(20, 200), u128::MAX),
        ];
        index.store(dir.path(), recorded).unwrap();
        let index = FileIndex::load(dir.path());
        assert_eq!(index.len(), 2);
        assert_eq!(index.hash_of(Path::new("a.txt"), &stamp(10, 100)), Some(7));
        assert_eq!(
            index.hash_of(Path::new("dir/b.txt"), &stamp(20, 200)),
            Some(u128::MAX)
        );
        // Any field different: not known.
        assert_eq!(index.hash_of(Path::new("a.txt"), &stamp(11, 100)), None);
        assert_eq!(index.hash_of(Path::new("a.txt"), &stamp(10, 101)), None);
        let moved = Stamp {
            ino: 3,
            ..stamp(10, 100)
        };
        assert_eq!(index.hash_of(Path::new("a.txt"), &moved), None);
        let touched = Stamp {
            ctime: (100, 7),
            ..stamp(10, 100)
        };
        assert_eq!(index.hash_of(Path::new("a.txt"), &touched), None);
        assert_eq!(index.hash_of(Path::new("c.txt"), &stamp(10, 100)), None);

        // Every cut and every flipped byte makes the whole index empty, never a panic.
        let bytes = fs::read(dir.path().join(FILE)).unwrap();
        for cut in 0..bytes.len() {
            assert!(FileIndex::parse(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        for at in 0..bytes.len() {
            let mut b = bytes.clone();
            b[at] ^= 0x20;
            assert!(FileIndex::parse(&b).is_none(), "flipped byte {at}");
        }
    }

    #[test]
    fn a_recent_time_makes_a_stamp_racy() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        assert!(!stamp(1, 990).is_racy(now));
        assert!(stamp(1, 999).is_racy(now));
        assert!(stamp(1, 1_500).is_racy(now), "from the future");
        let recent_ctime = Stamp {
            ctime: (999, 0),
            ..stamp(1, 990)
        };
        assert!(recent_ctime.is_racy(now));
    }

    #[test]
    fn the_index_holds_the_latest_runs_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let both = vec![
            (b"a".to_vec(), stamp(1, 1), 1),
            (b"b".to_vec(), stamp(2, 2), 2),
        ];
        FileIndex::default().store(dir.path(), both).unwrap();
        assert_eq!(FileIndex::load(dir.path()).len(), 2);
        FileIndex::load(dir.path())
            .store(dir.path(), vec![(b"b".to_vec(), stamp(2, 2), 2)])
            .unwrap();
        let index = FileIndex::load(dir.path());
        assert_eq!(index.len(), 1);
        assert_eq!(index.hash_of(Path::new("a"), &stamp(1, 1)), None);
        assert_eq!(index.hash_of(Path::new("b"), &stamp(2, 2)), Some(2));
    }

    #[test]
    fn storing_the_same_index_again_does_not_write() {
        let dir = tempfile::tempdir().unwrap();
        FileIndex::default().store(dir.path(), Vec::new()).unwrap();
        assert!(!dir.path().join(FILE).exists());
        FileIndex::default()
            .store(dir.path(), vec![(b"a".to_vec(), stamp(1, 1), 1)])
            .unwrap();
        let before = fs::metadata(dir.path().join(FILE))
            .unwrap()
            .modified()
            .unwrap();
        FileIndex::load(dir.path())
            .store(dir.path(), vec![(b"a".to_vec(), stamp(1, 1), 1)])
            .unwrap();
        let after = fs::metadata(dir.path().join(FILE))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(before, after);
    }
}
