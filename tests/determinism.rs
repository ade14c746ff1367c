//! The report is the same, byte for byte, whatever the number of threads.

use assert_cmd::Command;

fn report(dir: &std::path::Path, threads: &str) -> Vec<u8> {
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .env("RAYON_NUM_THREADS", threads)
        .arg("report")
        .arg(dir)
        .args(["--format", "json"])
        .output()
        .unwrap();
    // 1: contradictions found (the synthetic corpus has real ones); never an error.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn json_report_is_identical_with_one_and_four_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    crosscheck::synth::write_corpus(&dir, 200, 2024).unwrap();
    let one = report(&dir, "1");
    let four = report(&dir, "4");
    assert!(one.len() > 10_000, "a real report: {} bytes", one.len());
    assert!(one == four, "JSON differs between 1 and 4 threads");
    // And it is stable from run to run.
    assert!(four == report(&dir, "4"));
}

#[test]
fn the_generator_is_deterministic() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    crosscheck::synth::write_corpus(&a, 30, 5).unwrap();
    crosscheck::synth::write_corpus(&b, 30, 5).unwrap();
    let mut names: Vec<_> = std::fs::read_dir(&a)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names.len(), 30);
    for n in names {
        assert_eq!(
            std::fs::read(a.join(&n)).unwrap(),
            std::fs::read(b.join(&n)).unwrap()
        );
    }
}
