//! Finding the input files: paths and folders (recursive, sorted, deterministic), stdin, ids.
//!
//! Folders are walked depth-first with the entries of each folder sorted by name; only `.txt`
//! and `.md` files (any case) are taken from folders, while a file named on the command line is
//! read whatever its extension. Every file is listed once, however many paths reach it (files
//! are compared by canonical path); a symlink that leads back into a folder being walked is
//! reported in `skipped` instead of being followed.

use rustc_hash::{FxHashMap, FxHashSet};
use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use crate::article::{PageDateFinder, parse_article_with};
use crate::model::{Article, Skipped};

/// Files larger than this are skipped.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

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

impl std::error::Error for InputError {}

/// Expand the paths the user gave into input files. `-` is stdin (shown as `stdin_name`).
///
/// A path that does not exist is an error; folders and files that cannot be read, and symlink
/// loops, are listed in `skipped` with the reason. Ids are file stems, prefixed with as many
/// parent folder names as it takes to tell files with the same stem apart ("a/x", "b/x"); they
/// depend only on the set of paths, not on their order.
pub fn collect(paths: &[PathBuf], stdin_name: &str) -> Result<Inputs, InputError> {
    let mut walk = Walk::default();
    for path in paths {
        if path.as_os_str() == "-" {
            if !walk.stdin_seen {
                walk.stdin_seen = true;
                walk.found.push(Found {
                    path: None,
                    display: stdin_name.to_string(),
                });
            }
            continue;
        }
        let display = path.to_string_lossy().into_owned();
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk.dir(path, &display),
            Ok(_) => walk.file(path.clone(), display),
            Err(err) => match fs::symlink_metadata(path) {
                // The link exists but cannot be followed.
                Ok(_) if err.kind() == io::ErrorKind::NotFound => {
                    return Err(InputError(format!(
                        "path `{display}` does not exist (broken symlink)"
                    )));
                }
                Ok(_) => walk.skip(display, format!("cannot follow symlink: {err}")),
                Err(_) if err.kind() == io::ErrorKind::NotFound => {
                    return Err(InputError(format!("path `{display}` does not exist")));
                }
                Err(_) => walk.skip(display, format!("cannot read: {err}")),
            },
        }
    }
    let ids = unique_ids(&walk.found, stdin_name);
    let files = walk
        .found
        .into_iter()
        .zip(ids)
        .map(|(f, id)| Input {
            path: f.path,
            display: f.display,
            id,
        })
        .collect();
    Ok(Inputs {
        files,
        skipped: walk.skipped,
    })
}

/// Read and parse one input; `Err` lists it as skipped with the reason.
pub fn read(input: &Input) -> Result<Article, Skipped> {
    read_with(input, crate::extract::dates::find_page_date)
}

/// [`read`] with the page-date finder given (see [`crate::article::parse_article_with`]).
pub fn read_with(input: &Input, page_date: PageDateFinder) -> Result<Article, Skipped> {
    let bytes = read_input_bytes(input)?;
    parse_input(input, &bytes, page_date)
}

/// The bytes of one input (at most [`MAX_FILE_BYTES`]); `Err` lists it as skipped.
pub fn read_input_bytes(input: &Input) -> Result<Vec<u8>, Skipped> {
    read_input_file(input).map(|(bytes, _)| bytes)
}

/// [`read_input_bytes`] with the metadata of the file as it was opened (none for stdin).
pub fn read_input_file(input: &Input) -> Result<(Vec<u8>, Option<fs::Metadata>), Skipped> {
    read_bytes(input.path.as_deref()).map_err(|reason| Skipped {
        path: input.display.clone(),
        reason,
    })
}

/// Parse the bytes of one input into an article; `Err` lists it as skipped.
pub fn parse_input(
    input: &Input,
    bytes: &[u8],
    page_date: PageDateFinder,
) -> Result<Article, Skipped> {
    parse_article_with(input.id.clone(), input.display.clone(), bytes, page_date).map_err(
        |reason| Skipped {
            path: input.display.clone(),
            reason,
        },
    )
}

/// The bytes of a file (or of stdin), at most [`MAX_FILE_BYTES`], and the file's metadata.
fn read_bytes(path: Option<&Path>) -> Result<(Vec<u8>, Option<fs::Metadata>), String> {
    let too_large = |n: u64| format!("file too large: {n} bytes (limit 64 MiB)");
    let mut bytes = Vec::new();
    let mut metadata = None;
    let result = match path {
        None => io::stdin()
            .lock()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes),
        Some(path) => {
            let file = fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
            if let Ok(meta) = file.metadata() {
                if meta.is_dir() {
                    return Err("is a directory".to_string());
                }
                if meta.len() > MAX_FILE_BYTES {
                    return Err(too_large(meta.len()));
                }
                // Room for the whole file and the read that finds its end: two reads, not a
                // series of growing ones.
                bytes.reserve_exact(meta.len() as usize + 1);
                metadata = Some(meta);
            }
            file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)
        }
    };
    result.map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "file too large: more than {MAX_FILE_BYTES} bytes (limit 64 MiB)"
        ));
    }
    Ok((bytes, metadata))
}

/// A file found, before ids are given.
struct Found {
    path: Option<PathBuf>,
    display: String,
}

#[derive(Default)]
struct Walk {
    found: Vec<Found>,
    skipped: Vec<Skipped>,
    /// Canonical paths of the files listed so far, as bytes: a canonical path is written one
    /// way, and its bytes hash without splitting it into components.
    files_seen: FxHashSet<OsString>,
    /// Canonical paths of the folders walked so far.
    dirs_seen: FxHashSet<PathBuf>,
    /// The folders being walked, outermost first: (canonical, display).
    ancestors: Vec<(PathBuf, String)>,
    stdin_seen: bool,
}

fn is_article_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
}

/// `dir` joined with `name`, allocated once (`Path::join` grows its buffer).
fn joined(dir: &Path, name: &OsStr) -> PathBuf {
    let mut p = PathBuf::with_capacity(dir.as_os_str().len() + name.len() + 1);
    p.push(dir);
    p.push(name);
    p
}

impl Walk {
    fn skip(&mut self, path: String, reason: String) {
        self.skipped.push(Skipped { path, reason });
    }

    fn file(&mut self, path: PathBuf, display: String) {
        let canonical = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        self.file_canonical(path, display, canonical);
    }

    /// [`Walk::file`] with the canonical path known.
    fn file_canonical(&mut self, path: PathBuf, display: String, canonical: PathBuf) {
        if self.files_seen.insert(canonical.into_os_string()) {
            self.found.push(Found {
                path: Some(path),
                display,
            });
        }
    }

    fn dir(&mut self, path: &Path, display: &str) {
        let canonical = match fs::canonicalize(path) {
            Ok(c) => c,
            Err(e) => return self.skip(display.to_string(), format!("cannot read: {e}")),
        };
        if let Some((_, outer)) = self.ancestors.iter().find(|(c, _)| *c == canonical) {
            let reason = format!("symlink loop: leads back to `{outer}`, which is being read");
            return self.skip(display.to_string(), reason);
        }
        if !self.dirs_seen.insert(canonical.clone()) {
            // Reached before by another path: its files are listed already.
            return;
        }
        let entries = match fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => {
                return self.skip(display.to_string(), format!("cannot read directory: {e}"));
            }
        };
        let mut names = Vec::new();
        for entry in entries {
            match entry {
                // The type of the entry itself (a symlink is a symlink), when the folder
                // listing gives it.
                Ok(entry) => names.push((entry.file_name(), entry.file_type().ok())),
                Err(e) => self.skip(display.to_string(), format!("cannot read directory: {e}")),
            }
        }
        // Names are unique within a folder: an unstable sort gives the one order.
        names.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        self.ancestors
            .push((canonical.clone(), display.to_string()));
        // The folder's display path ends with one separator; each child's is that and its name.
        let mut prefix = display.to_string();
        if !prefix.ends_with(std::path::MAIN_SEPARATOR) {
            prefix.push(std::path::MAIN_SEPARATOR);
        }
        for (name, kind) in names {
            let child = joined(path, &name);
            let mut child_display = String::with_capacity(prefix.len() + name.len());
            child_display.push_str(&prefix);
            child_display.push_str(&name.to_string_lossy());
            // A plain file (not a symlink) in a folder whose canonical path is known: its own
            // canonical path without asking the file system for it again.
            if kind.is_some_and(|k| k.is_file()) {
                if is_article_file(&child) {
                    let c = joined(&canonical, &name);
                    self.file_canonical(child, child_display, c);
                }
                continue;
            }
            match fs::metadata(&child) {
                Ok(meta) if meta.is_dir() => self.dir(&child, &child_display),
                Ok(meta) if meta.is_file() && is_article_file(&child) => {
                    self.file(child, child_display);
                }
                // Other files, FIFOs, sockets, devices: not articles.
                Ok(_) => {}
                Err(e) => {
                    // A broken symlink or a link loop (a -> b -> a).
                    let is_link = fs::symlink_metadata(&child).is_ok_and(|m| m.is_symlink());
                    if is_link && e.kind() == io::ErrorKind::NotFound {
                        if is_article_file(&child) {
                            self.skip(child_display, "broken symlink".to_string());
                        }
                    } else {
                        self.skip(child_display, format!("cannot read: {e}"));
                    }
                }
            }
        }
        self.ancestors.pop();
    }
}

/// The folder names of a path shown to the user, outermost first, and its file name.
fn components(display: &str) -> (Vec<String>, String) {
    let path = Path::new(display);
    let mut parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            Component::ParentDir => Some("..".to_string()),
            _ => None,
        })
        .collect();
    let name = parts.pop().unwrap_or_else(|| display.to_string());
    (parts, name)
}

/// The file name of a path shown to the user: the name [`components`] gives, without
/// splitting the whole path.
fn file_name(display: &str) -> String {
    match Path::new(display).components().next_back() {
        Some(Component::Normal(s)) => s.to_string_lossy().into_owned(),
        Some(Component::ParentDir) => "..".to_string(),
        _ => components(display).1,
    }
}

fn stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map_or_else(|| name.to_string(), |s| s.to_string_lossy().into_owned())
}

/// Ids for the files found: stems, with parent folders prepended where stems collide.
fn unique_ids(found: &[Found], stdin_name: &str) -> Vec<String> {
    let names: Vec<String> = found
        .iter()
        .map(|f| match f.path {
            None => stdin_name.to_string(),
            Some(_) => file_name(&f.display),
        })
        .collect();
    let mut ids: Vec<String> = names.iter().map(|name| stem(name)).collect();

    // Stems found more than once (each group is disambiguated on its own: the order of the
    // groups does not matter).
    let mut by_stem: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, id) in ids.iter().enumerate() {
        by_stem.entry(id.as_str()).or_default().push(i);
    }
    let groups: Vec<(String, Vec<usize>)> = by_stem
        .into_iter()
        .filter(|(_, members)| members.len() >= 2)
        .map(|(base, members)| (base.to_string(), members))
        .collect();
    for (base, members) in groups {
        // The folder names of each member, outermost first.
        let folders: Vec<Vec<String>> = members
            .iter()
            .map(|&i| match found[i].path {
                None => Vec::new(),
                Some(_) => components(&found[i].display).0,
            })
            .collect();
        let depth = folders.iter().map(Vec::len).max().unwrap_or(0);
        let with_parents = |k: usize, leaf: &dyn Fn(usize) -> String| -> Vec<String> {
            members
                .iter()
                .zip(&folders)
                .map(|(&i, dirs)| {
                    let from = dirs.len().saturating_sub(k);
                    let mut id = dirs[from..].join("/");
                    if !id.is_empty() {
                        id.push('/');
                    }
                    id.push_str(&leaf(i));
                    id
                })
                .collect()
        };
        let stem_leaf = |_: usize| base.clone();
        let name_leaf = |i: usize| names[i].clone();
        let chosen = (1..=depth)
            .map(|k| with_parents(k, &stem_leaf))
            .chain(std::iter::once(with_parents(depth, &name_leaf)))
            .find(|c| all_distinct(c));
        if let Some(chosen) = chosen {
            for (&i, id) in members.iter().zip(chosen) {
                ids[i] = id;
            }
        }
    }

    // Whatever is still not unique (the same name reached by two different spellings of one
    // folder, a stdin name equal to a file stem) gets a counter, in the order of the display
    // paths so that argument order does not matter.
    let mut counts: FxHashMap<String, usize> = FxHashMap::default();
    for id in &ids {
        match counts.get_mut(id.as_str()) {
            Some(n) => *n += 1,
            None => {
                counts.insert(id.clone(), 1);
            }
        }
    }
    if counts.len() == ids.len() {
        return ids;
    }
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by(|&a, &b| found[a].display.cmp(&found[b].display));
    let mut taken: FxHashSet<String> = FxHashSet::default();
    for &i in &order {
        if counts.get(&ids[i]).copied().unwrap_or(0) < 2 {
            taken.insert(ids[i].clone());
        }
    }
    for &i in &order {
        if counts.get(&ids[i]).copied().unwrap_or(0) < 2 {
            continue;
        }
        let mut n = 1;
        let mut id = ids[i].clone();
        while !taken.insert(id.clone()) {
            n += 1;
            id = format!("{}~{n}", ids[i]);
        }
        ids[i] = id;
    }
    ids
}

fn all_distinct(ids: &[String]) -> bool {
    let set: FxHashSet<&String> = ids.iter().collect();
    set.len() == ids.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(displays: &[&str]) -> Vec<Found> {
        displays
            .iter()
            .map(|d| Found {
                path: Some(PathBuf::from(d)),
                display: d.to_string(),
            })
            .collect()
    }

    #[test]
    fn the_file_name_is_the_last_of_the_components() {
        for d in [
            "a/b.txt",
            "/abs/x.md",
            "./x.txt",
            "..",
            "a/..",
            "/",
            ".",
            "a/./b.txt",
            "a/b.txt/",
            "a/b.txt/.",
            "../x.txt",
            "x",
            "",
            "a//b.txt",
            "é/ü.txt",
        ] {
            assert_eq!(file_name(d), components(d).1, "{d:?}");
        }
    }

    #[test]
    fn ids_are_stems_when_unique() {
        let ids = unique_ids(&found(&["a/one.txt", "b/two.md", "three"]), "stdin");
        assert_eq!(ids, ["one", "two", "three"]);
    }

    #[test]
    fn colliding_stems_get_parent_folders() {
        let ids = unique_ids(&found(&["x/a/story.txt", "y/b/story.txt", "z.txt"]), "-");
        assert_eq!(ids, ["a/story", "b/story", "z"]);
        // Same parent name: go one level further up.
        let ids = unique_ids(&found(&["x/a/story.txt", "y/a/story.txt"]), "-");
        assert_eq!(ids, ["x/a/story", "y/a/story"]);
        // A file with no folder against one in a folder.
        let ids = unique_ids(&found(&["story.txt", "a/story.txt"]), "-");
        assert_eq!(ids, ["story", "a/story"]);
    }

    #[test]
    fn ids_do_not_depend_on_argument_order() {
        let one = unique_ids(&found(&["p/x.txt", "q/x.txt", "r/x.txt"]), "-");
        let two = unique_ids(&found(&["r/x.txt", "p/x.txt", "q/x.txt"]), "-");
        assert_eq!(one, ["p/x", "q/x", "r/x"]);
        assert_eq!(two, ["r/x", "p/x", "q/x"]);
    }

    #[test]
    fn same_stem_same_folder_uses_the_file_name() {
        let ids = unique_ids(&found(&["d/x.txt", "d/x.md"]), "-");
        assert_eq!(ids, ["d/x.txt", "d/x.md"]);
    }

    #[test]
    fn leftover_duplicates_get_a_counter() {
        let mut f = found(&["story.txt"]);
        f.push(Found {
            path: None,
            display: "story.txt".to_string(),
        });
        let ids = unique_ids(&f, "story.txt");
        assert_eq!(ids.len(), 2);
        assert_ne!(ids[0], ids[1]);
    }

    #[test]
    fn stdin_id_is_the_stem_of_its_name() {
        let inputs = collect(&[PathBuf::from("-"), PathBuf::from("-")], "pasted.txt").unwrap();
        assert_eq!(
            inputs.files,
            [Input {
                path: None,
                display: "pasted.txt".to_string(),
                id: "pasted".to_string()
            }]
        );
    }

    #[test]
    fn missing_path_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.txt");
        let err = collect(std::slice::from_ref(&missing), "-").unwrap_err();
        assert_eq!(
            err.0,
            format!("path `{}` does not exist", missing.display())
        );
    }

    #[test]
    fn folders_are_walked_sorted_and_filtered() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/inner")).unwrap();
        fs::write(root.join("b/inner/z.TXT"), "Z.").unwrap();
        fs::write(root.join("b/a.md"), "A.").unwrap();
        fs::write(root.join("c.txt"), "C.").unwrap();
        fs::write(root.join("image.png"), "P").unwrap();
        fs::write(root.join("notes.json"), "{}").unwrap();
        let inputs = collect(&[root.to_path_buf()], "-").unwrap();
        let ids: Vec<&str> = inputs.files.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["a", "z", "c"]);
        assert!(inputs.skipped.is_empty());
        assert_eq!(
            inputs.files[1].display,
            root.join("b/inner/z.TXT").to_string_lossy()
        );
    }

    #[test]
    fn a_named_file_is_read_whatever_its_extension() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("story.html");
        fs::write(&file, "One sentence here.").unwrap();
        let inputs = collect(&[file], "-").unwrap();
        assert_eq!(inputs.files.len(), 1);
        assert_eq!(inputs.files[0].id, "story");
    }

    #[test]
    fn too_large_files_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("big.txt");
        let f = fs::File::create(&file).unwrap();
        f.set_len(MAX_FILE_BYTES + 1).unwrap();
        let input = Input {
            path: Some(file),
            display: "big.txt".to_string(),
            id: "big".to_string(),
        };
        let err = read_with(&input, |_| None).unwrap_err();
        assert_eq!(
            err,
            Skipped {
                path: "big.txt".to_string(),
                reason: "file too large: 67108865 bytes (limit 64 MiB)".to_string()
            }
        );
    }
}
