use super::*;

fn no_date(_: &str) -> Option<Date> {
    None
}

fn parse(text: &str) -> Article {
    parse_article_with("t".into(), "t.txt".into(), text.as_bytes(), no_date).unwrap()
}

fn sents(text: &str) -> Vec<String> {
    let a = parse(text);
    a.sentences
        .iter()
        .map(|s| a.sentence_text(s).to_string())
        .collect()
}

#[test]
fn fixtures_dump() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/articles");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in paths {
        let bytes = std::fs::read(&p).unwrap();
        let a = parse_article_with("x".into(), "x".into(), &bytes, no_date).unwrap();
        eprintln!("=== {}", p.display());
        for s in &a.sentences {
            eprintln!("  [{}] {}", s.start, a.sentence_text(s));
        }
    }
}
