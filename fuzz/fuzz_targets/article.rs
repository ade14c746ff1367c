//! Arbitrary bytes as an article file: decoding, front matter, boilerplate, sentences, every
//! extractor and the report over the one extraction. Must never panic, and every claim's span
//! must lie inside the text, on char boundaries, around the value as written.
#![no_main]

use std::sync::LazyLock;

use crosscheck::Extracted;
use crosscheck::rules::Rules;
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<Rules> =
    LazyLock::new(|| Rules::defaults().unwrap_or_else(|e| panic!("default rules: {e}")));

fuzz_target!(|data: &[u8]| {
    let rules = &*RULES;
    let Ok(article) = crosscheck::article::parse_article("fuzz".into(), "fuzz.txt".into(), data)
    else {
        return;
    };
    for s in &article.sentences {
        assert!(s.start <= s.end && s.end <= article.text.len());
        assert!(article.text.is_char_boundary(s.start) && article.text.is_char_boundary(s.end));
    }
    let extracted = crosscheck::extract_article(&article, rules);
    let Extracted::Read(_, extraction) = &extracted else {
        panic!("an article that was read is extracted");
    };
    for c in &extraction.claims {
        assert!(c.start <= c.end && c.end <= article.text.len(), "{c:?}");
        let written = article.text.get(c.start..c.end);
        assert_eq!(written, Some(&*c.value), "{c:?}");
    }
    let report = crosscheck::build_report(
        vec![extracted],
        Vec::new(),
        rules,
    );
    assert_eq!(report.articles.len(), 1);
    let json = serde_json::to_string(&report).unwrap_or_else(|e| panic!("json: {e}"));
    let _: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
});
