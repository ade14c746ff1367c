//! The seed articles: their body sentences survive boilerplate removal, and no page furniture
//! ends up in a sentence.

use crosscheck::article::parse_article_with;

#[test]
fn fixture_body_sentences_survive() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/articles");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 5);
    let mut all = Vec::new();
    for p in &paths {
        let bytes = std::fs::read(p).unwrap();
        let a = parse_article_with("x".into(), p.display().to_string(), &bytes, |_| None).unwrap();
        for s in &a.sentences {
            assert!(a.text.is_char_boundary(s.start) && a.text.is_char_boundary(s.end));
        }
        let s: Vec<String> = a
            .sentences
            .iter()
            .map(|s| a.sentence_text(s).to_string())
            .collect();
        for bad in [
            "Latest News",
            "Sign up",
            "Welcome to",
            "Menu",
            "Market Data",
            "Get link",
            "Read More",
            "See also",
            "Wikimedia",
            "Comment",
            "+ posts",
            "Associate Editor",
            "Trending",
            "19:42",
            "28.2 C",
        ] {
            assert!(
                s.iter().all(|x| !x.contains(bad)),
                "{}: {bad:?} in a sentence",
                p.display()
            );
        }
        // Every line of the body ends in a sentence boundary: no sentence spans two lines.
        assert!(s.iter().all(|x| !x.contains('\n')));
        all.push(s);
    }
    let count: Vec<usize> = all.iter().map(Vec::len).collect();
    assert_eq!(count, [16, 23, 12, 22, 22]);
    assert!(all[1].contains(
        &"Ukraine’s air force reported that Russia launched 472 drones overnight, the highest single-day total of the war."
            .to_string()
    ));
    assert_eq!(
        all[0][0],
        "Russia and Ukraine are set to hold a second round of direct peace talks in Istanbul on Monday, their first since 2022."
    );
    assert!(all[4][0].starts_with("Istanbul (TDI): Delegations from Russia and Ukraine"));
    assert_eq!(
        all[4].last().map(String::as_str),
        Some(
            "But Russian officials said afterward that the proposals remained “diametrically opposed.”"
        )
    );
}
