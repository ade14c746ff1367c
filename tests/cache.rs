//! The claims cache: hits when nothing changed, re-extracts a changed article or a changed
//! rule set, survives corrupt files, and gives exactly the results of an uncached run.

use std::fs;
use std::path::{Path, PathBuf};

use crosscheck::cache::{self, CacheStats};
use crosscheck::render::{self, Format, RenderOptions};
use crosscheck::rules::{DEFAULT_RULES, RuleSource, Rules};
use crosscheck::{build_report, extract_all, input, synth};

fn corpus(dir: &Path, n: usize) -> Vec<PathBuf> {
    synth::write_corpus(dir, n, 7).unwrap();
    vec![dir.to_path_buf()]
}

/// A synthetic corpus of articles in a temporary folder (`paths` names it), a cache folder
/// beside it and the built-in rules.
struct Setup {
    tmp: tempfile::TempDir,
    dir: PathBuf,
    paths: Vec<PathBuf>,
    cache_dir: PathBuf,
    rules: Rules,
}

fn setup(n: usize) -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    let paths = corpus(&dir, n);
    Setup {
        cache_dir: tmp.path().join("cache"),
        tmp,
        dir,
        paths,
        rules: Rules::defaults().unwrap(),
    }
}

/// The files of a folder, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn json(extracted: Vec<crosscheck::Extracted>, rules: &Rules) -> String {
    let report = build_report(extracted, Vec::new(), rules);
    let mut out = Vec::new();
    render::emitter(Format::Json)
        .emit(&mut out, &report, RenderOptions::default())
        .unwrap();
    String::from_utf8(out).unwrap()
}

fn cached(paths: &[PathBuf], rules: &Rules, cache_dir: &Path) -> (String, CacheStats) {
    let inputs = input::collect(paths, "stdin").unwrap();
    let (extracted, stats) = cache::extract_all_cached(&inputs.files, rules, cache_dir, &|| {});
    (json(extracted, rules), stats)
}

/// A run through the cache whose report must be the one without a cache: the report and what
/// the cache did.
fn rerun(paths: &[PathBuf], rules: &Rules, cache_dir: &Path) -> (String, CacheStats) {
    let (out, s) = cached(paths, rules, cache_dir);
    assert_eq!(
        out,
        uncached(paths, rules),
        "the cached run reports otherwise"
    );
    (out, s)
}

fn uncached(paths: &[PathBuf], rules: &Rules) -> String {
    let inputs = input::collect(paths, "stdin").unwrap();
    json(extract_all(&inputs.files, rules, &|| {}), rules)
}

/// The statistics of a run that read every file (none was known to the file index).
fn stats(hits: usize, misses: usize, invalid: usize) -> CacheStats {
    CacheStats {
        hits,
        misses,
        invalid,
        write_errors: 0,
        unread: 0,
    }
}

/// Set every file of a folder back an hour, as a corpus written well before the run.
fn age(dir: &Path) {
    let then = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for e in fs::read_dir(dir).unwrap() {
        let f = fs::File::options()
            .write(true)
            .open(e.unwrap().path())
            .unwrap();
        f.set_modified(then).unwrap();
    }
}

#[test]
fn unchanged_articles_hit_and_results_are_identical() {
    let Setup {
        tmp: _tmp,
        paths,
        cache_dir,
        rules,
        ..
    } = setup(12);
    let plain = uncached(&paths, &rules);

    let (cold, s) = cached(&paths, &rules, &cache_dir);
    assert_eq!(s, stats(0, 12, 0));
    assert_eq!(cold, plain);

    let (warm, s) = cached(&paths, &rules, &cache_dir);
    assert_eq!(s, stats(12, 0, 0));
    assert_eq!(
        warm, plain,
        "cached claims must be exactly the extracted ones"
    );
}

#[test]
fn a_changed_article_is_extracted_again() {
    let Setup {
        tmp: _tmp,
        dir,
        paths,
        cache_dir,
        rules,
    } = setup(6);
    cached(&paths, &rules, &cache_dir);

    let first = files(&dir)[0].clone();
    let mut text = fs::read_to_string(&first).unwrap();
    text.push_str("\n\nRussia launched 999 drones overnight, officials said.\n");
    fs::write(&first, text).unwrap();

    let (warm, s) = rerun(&paths, &rules, &cache_dir);
    assert_eq!(s, stats(5, 1, 0));
    assert!(warm.contains("999"));
}

#[test]
fn a_changed_rule_set_extracts_everything_again() {
    let Setup {
        tmp: _tmp,
        paths,
        cache_dir,
        rules,
        ..
    } = setup(5);
    cached(&paths, &rules, &cache_dir);

    // The same rules with one topic file edited (a comment is enough: any byte counts).
    let edited = edited_rules("# edited");
    assert_ne!(edited.fingerprint, rules.fingerprint);

    let (_, s) = cached(&paths, &edited, &cache_dir);
    assert_eq!(s, stats(0, 5, 0));
    let (_, s) = cached(&paths, &rules, &cache_dir);
    assert_eq!(s, stats(5, 0, 0), "the old rules' entries are still there");
}

/// The built-in rules with `comment` added to one topic file.
fn edited_rules(comment: &str) -> Rules {
    let sources: Vec<RuleSource> = DEFAULT_RULES
        .iter()
        .map(|(rel, text)| RuleSource {
            display: format!("rules/{rel}"),
            relative: (*rel).to_string(),
            text: if *rel == "drone-count.toml" {
                format!("{text}\n{comment}\n")
            } else {
                (*text).to_string()
            },
        })
        .collect();
    Rules::from_sources(sources, "edited").unwrap()
}

/// The bytes of every pack of the cache.
fn pack_bytes(cache_dir: &Path) -> u64 {
    files(&cache_dir.join(format!("v{}", cache::FORMAT)))
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pack"))
        .map(|p| fs::metadata(p).unwrap().len())
        .sum()
}

#[test]
fn the_entries_of_rule_sets_no_longer_in_use_are_dropped() {
    let Setup {
        tmp: _tmp,
        paths,
        cache_dir,
        rules,
        ..
    } = setup(8);
    cached(&paths, &rules, &cache_dir);
    let one_set = pack_bytes(&cache_dir);
    // Rule sets A, B, C, D in turn: a pack keeps its newest entries' rule set and one other.
    let (b, c, d) = (
        edited_rules("# b"),
        edited_rules("# c"),
        edited_rules("# d"),
    );
    for r in [&b, &c, &d] {
        let (_, s) = cached(&paths, r, &cache_dir);
        assert_eq!(s, stats(0, 8, 0));
        assert!(
            pack_bytes(&cache_dir) <= 2 * one_set + 4096,
            "the cache grows without end"
        );
    }
    // C is still there, A and B are gone.
    let (_, s) = cached(&paths, &c, &cache_dir);
    assert_eq!(s, stats(8, 0, 0));
    let (_, s) = cached(&paths, &rules, &cache_dir);
    assert_eq!(
        s,
        stats(0, 8, 0),
        "the first rule set's entries were dropped"
    );
}

#[test]
fn corrupt_packs_and_entries_are_ignored_and_rewritten() {
    let Setup {
        tmp: _tmp,
        dir,
        paths,
        cache_dir,
        rules,
    } = setup(12);
    let plain = uncached(&paths, &rules);
    cached(&paths, &rules, &cache_dir);

    let files = files(&dir);
    let pack = |f: &Path| cache::pack_path(&cache_dir, cache::key(&fs::read(f).unwrap(), &rules));
    // Articles alone in their pack, so that each corruption hits one article.
    let alone: Vec<&PathBuf> = files
        .iter()
        .filter(|f| files.iter().filter(|g| pack(g) == pack(f)).count() == 1)
        .collect();
    assert!(alone.len() >= 3, "{} articles alone in a pack", alone.len());
    // Garbage, a truncated pack, and a pack whose (only) entry has one byte changed.
    fs::write(pack(alone[0]), b"\x00\xffnot a pack").unwrap();
    let p1 = fs::read(pack(alone[1])).unwrap();
    fs::write(pack(alone[1]), &p1[..p1.len() / 2]).unwrap();
    let mut p2 = fs::read(pack(alone[2])).unwrap();
    let last = p2.len() - 1;
    p2[last] ^= 0x55;
    fs::write(pack(alone[2]), &p2).unwrap();

    let (warm, s) = cached(&paths, &rules, &cache_dir);
    assert_eq!(s, stats(9, 3, 3));
    assert_eq!(warm, plain);
    let (_, s) = cached(&paths, &rules, &cache_dir);
    assert_eq!(s, stats(12, 0, 0), "rewritten");
}

#[test]
fn a_pack_of_other_articles_is_a_miss_not_a_hit() {
    let Setup {
        tmp: _tmp,
        dir,
        paths,
        cache_dir,
        rules,
    } = setup(4);
    cached(&paths, &rules, &cache_dir);
    let files = files(&dir);
    let pack = |f: &Path| cache::pack_path(&cache_dir, cache::key(&fs::read(f).unwrap(), &rules));
    let other = files
        .iter()
        .find(|f| files.iter().all(|g| g == *f || pack(g) != pack(f)))
        .expect("an article alone in its pack");
    let victim = files.iter().find(|f| pack(f) != pack(other)).unwrap();
    let victims = files.iter().filter(|f| pack(f) == pack(victim)).count();
    // The victim's pack now holds the other article's entry only.
    fs::copy(pack(other), pack(victim)).unwrap();
    assert_eq!(
        rerun(&paths, &rules, &cache_dir).1,
        stats(4 - victims, victims, 0)
    );
}

#[test]
fn a_renamed_article_hits_and_takes_its_new_id() {
    let Setup {
        tmp: _tmp,
        dir,
        paths,
        cache_dir,
        rules,
    } = setup(3);
    cached(&paths, &rules, &cache_dir);
    let first = files(&dir)[0].clone();
    fs::rename(&first, dir.join("renamed.txt")).unwrap();
    let (warm, s) = rerun(&paths, &rules, &cache_dir);
    assert_eq!(s, stats(3, 0, 0));
    assert!(warm.contains("\"renamed\""));
}

#[test]
fn an_unwritable_cache_never_fails_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = corpus(&tmp.path().join("corpus"), 2);
    let rules = Rules::defaults().unwrap();
    // A file where the cache folder should be.
    let blocker = tmp.path().join("cache");
    fs::write(&blocker, "not a folder").unwrap();
    let (out, s) = cached(&paths, &rules, &blocker);
    assert_eq!((s.misses, s.write_errors), (2, 2));
    assert_eq!(out, uncached(&paths, &rules));
}

/// The file index: files whose stamp did not change since their bytes were hashed are not read
/// again; any change (content, even of the same size and with the old modification time) is.
#[cfg(unix)]
mod file_index {
    use super::*;

    #[test]
    fn just_written_files_are_read_on_every_run() {
        let Setup {
            tmp: _tmp,
            dir,
            paths,
            cache_dir,
            rules,
        } = setup(6);
        let plain = uncached(&paths, &rules);
        // Just written: read and hashed, not indexed (their status-change time is recent).
        cached(&paths, &rules, &cache_dir);
        let (warm, s) = cached(&paths, &rules, &cache_dir);
        assert_eq!(s, stats(6, 0, 0));
        assert_eq!(warm, plain);
        // Still recent however old their modification time looks.
        age(&dir);
        let (_, s) = cached(&paths, &rules, &cache_dir);
        assert_eq!(s, stats(6, 0, 0));
    }

    /// [`setup`] with files whose times are both more than two seconds old, as a corpus is on
    /// a later day.
    fn settled(n: usize) -> Setup {
        let s = setup(n);
        age(&s.dir);
        // The status-change time cannot be set back: wait until it is old enough.
        std::thread::sleep(std::time::Duration::from_millis(2_100));
        s
    }

    #[test]
    fn settled_files_are_known_by_their_stamp_and_every_change_is_seen() {
        let Setup {
            tmp: _tmp,
            dir,
            paths,
            cache_dir,
            rules,
        } = settled(6);
        let (cold, s) = cached(&paths, &rules, &cache_dir);
        assert_eq!(s, stats(0, 6, 0));
        let (warm, s) = cached(&paths, &rules, &cache_dir);
        assert_eq!(
            s,
            CacheStats {
                unread: 6,
                ..stats(6, 0, 0)
            }
        );
        assert_eq!(warm, cold);
        assert_eq!(warm, uncached(&paths, &rules));

        // One file changed in place: same size, modification time set back to what it was.
        let files = files(&dir);
        let victim = &files[2];
        let before = fs::metadata(victim).unwrap();
        let text = fs::read_to_string(victim).unwrap();
        let digit = text.find(|c: char| c.is_ascii_digit() && c != '9').unwrap();
        let mut changed = text.clone();
        changed.replace_range(digit..=digit, "9");
        assert_eq!(changed.len(), text.len());
        fs::write(victim, &changed).unwrap();
        let f = fs::File::options().write(true).open(victim).unwrap();
        f.set_modified(before.modified().unwrap()).unwrap();
        drop(f);
        let (warm, s) = cached(&paths, &rules, &cache_dir);
        assert_eq!(
            s,
            CacheStats {
                unread: 5,
                ..stats(5, 1, 0)
            }
        );
        assert_eq!(
            warm,
            uncached(&paths, &rules),
            "the change is in the report"
        );

        // A file replaced by another of the same name (another inode): read again.
        let other = dir.join("replacement.tmp");
        fs::write(&other, fs::read(&files[4]).unwrap()).unwrap();
        fs::rename(&other, &files[4]).unwrap();
        let (_, s) = cached(&paths, &rules, &cache_dir);
        assert_eq!(s.unread, 4, "{s:?}");
        assert_eq!(s.hits, 6, "same bytes: the entry is still there");
    }

    #[test]
    fn a_known_file_whose_entry_is_gone_is_read_and_extracted() {
        let Setup {
            tmp: _tmp,
            paths,
            cache_dir,
            rules,
            ..
        } = settled(4);
        cached(&paths, &rules, &cache_dir);
        // The packs are gone, the file index is not.
        for e in fs::read_dir(cache_dir.join(format!("v{}", cache::FORMAT))).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "pack") {
                fs::remove_file(p).unwrap();
            }
        }
        assert_eq!(rerun(&paths, &rules, &cache_dir).1, stats(0, 4, 0));
        // A damaged file index is no index.
        let index = cache_dir.join(format!("v{}", cache::FORMAT)).join("files");
        let mut b = fs::read(&index).unwrap();
        b[10] ^= 1;
        fs::write(&index, b).unwrap();
        assert_eq!(rerun(&paths, &rules, &cache_dir).1, stats(4, 0, 0));
    }
}

#[test]
fn a_run_that_writes_removes_the_packs_of_older_formats_and_nothing_else() {
    let Setup {
        tmp: _tmp,
        paths,
        cache_dir,
        rules,
        ..
    } = setup(2);
    let v4 = cache_dir.join("v4");
    let v3 = cache_dir.join("v3");
    let v2 = cache_dir.join("v2");
    for old in [&v4, &v3, &v2] {
        fs::create_dir_all(old).unwrap();
        for f in ["00.pack", "a7.pack", "a7.lock", "files"] {
            fs::write(old.join(f), b"old").unwrap();
        }
    }
    fs::write(v3.join("notes.txt"), b"not ours").unwrap();
    let (_, s) = cached(&paths, &rules, &cache_dir);
    assert_eq!(s, stats(0, 2, 0));
    assert!(!v2.exists(), "format 2's folder is left");
    assert!(!v4.exists(), "format 4's folder is left");
    assert_eq!(
        files(&v3),
        [v3.join("notes.txt")],
        "only what is not the cache's stays"
    );
}
