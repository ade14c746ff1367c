use super::*;

fn no_date(_: &str) -> Option<Date> {
    None
}

fn fake_date(text: &str) -> Option<Date> {
    text.contains("Tuesday, March 4, 2025")
        .then(|| Date::new(2025, 3, 4).ok())
        .flatten()
}

fn parse_bytes(bytes: &[u8]) -> Result<Article, String> {
    parse_article_with("t".into(), "t.txt".into(), bytes, no_date)
}

fn parse(text: &str) -> Article {
    let a = parse_bytes(text.as_bytes()).unwrap();
    check_spans(&a);
    a
}

/// Every sentence is a trimmed, non-empty slice of the text on char boundaries, in order.
fn check_spans(a: &Article) {
    let mut last = 0;
    for s in &a.sentences {
        assert!(s.start < s.end && s.end <= a.text.len(), "{s:?}");
        assert!(s.start >= last, "sentences out of order");
        assert!(a.text.is_char_boundary(s.start) && a.text.is_char_boundary(s.end));
        let t = a.sentence_text(s);
        assert_eq!(t, t.trim_matches(is_space), "untrimmed: {t:?}");
        assert!(t.len() <= MAX_SENTENCE_BYTES);
        last = s.end;
    }
}

fn sents(text: &str) -> Vec<String> {
    let a = parse(text);
    a.sentences
        .iter()
        .map(|s| a.sentence_text(s).to_string())
        .collect()
}

// ----- decoding -----------------------------------------------------------------------------

#[test]
fn empty_and_whitespace_files_are_errors() {
    assert_eq!(parse_bytes(b"").unwrap_err(), "empty file");
    assert_eq!(
        parse_bytes(" \n\t\r\n\u{a0}".as_bytes()).unwrap_err(),
        "no text (only whitespace)"
    );
    assert_eq!(
        parse_bytes("\u{feff}\n\u{200b}".as_bytes()).unwrap_err(),
        "no text (only whitespace)"
    );
}

#[test]
fn utf8_text_is_kept_as_read_with_its_bom() {
    let a = parse("\u{feff}The mayor opened a bridge. It cost £3 million.");
    assert_eq!(a.decoded_from, None);
    assert!(a.text.starts_with('\u{feff}'));
    assert_eq!(a.sentences[0].start, 3);
    assert_eq!(
        sents("\u{feff}The mayor opened a bridge. It cost £3 million."),
        ["The mayor opened a bridge.", "It cost £3 million."]
    );
}

#[test]
fn utf16_with_bom_is_decoded() {
    let text = "The ferry left at noon. Nobody was hurt.";
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        le.extend(u.to_le_bytes());
        be.extend(u.to_be_bytes());
    }
    for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
        let a = parse_bytes(&bytes).unwrap();
        assert_eq!(a.decoded_from.as_deref(), Some(name));
        assert_eq!(a.text, text);
        assert_eq!(a.sentences.len(), 2);
    }
}

#[test]
fn latin1_text_is_decoded_as_windows_1252() {
    let bytes = b"The caf\xe9 reopened on Friday. Its owner said \x93welcome back\x94.";
    let a = parse_bytes(bytes).unwrap();
    assert_eq!(a.decoded_from.as_deref(), Some("windows-1252"));
    assert_eq!(
        a.text,
        "The café reopened on Friday. Its owner said “welcome back”."
    );
    assert_eq!(a.sentences.len(), 2);
}

#[test]
fn utf8_with_a_stray_byte_stays_utf8() {
    let mut bytes = "It’s “fine”, the mayor said. Caf.".as_bytes().to_vec();
    bytes.insert(bytes.len() - 1, 0xE9);
    let a = parse_bytes(&bytes).unwrap();
    assert_eq!(
        a.decoded_from.as_deref(),
        Some("UTF-8 (invalid bytes replaced)")
    );
    assert_eq!(a.text, "It’s “fine”, the mayor said. Caf\u{fffd}.");
}

#[test]
fn binary_files_are_errors() {
    assert_eq!(
        parse_bytes(b"PK\x03\x04abc\x00def").unwrap_err(),
        "binary file (NUL byte at byte 7)"
    );
    // Valid UTF-8 with a NUL is binary too.
    assert_eq!(
        parse_bytes(b"text\x00").unwrap_err(),
        "binary file (NUL byte at byte 4)"
    );
    let mut noisy = b"abcdefgh".repeat(4);
    noisy.extend([0x01, 0x02, 0x03]);
    assert_eq!(
        parse_bytes(&noisy).unwrap_err(),
        "binary file (3 control bytes in 35 bytes, the first at byte 32)"
    );
    // UTF-16 that decodes to NUL characters.
    assert!(
        parse_bytes(&[0xFF, 0xFE, 0x41, 0x00, 0x00, 0x00])
            .unwrap_err()
            .starts_with("binary file (NUL character")
    );
}

// ----- front matter -------------------------------------------------------------------------

#[test]
fn front_matter_sets_metadata_and_is_not_body() {
    let text = "+++\noutlet = \"Harbour Gazette\"\nurl = \"https://example.org/a\"\npublished = \"2025-03-04\"\n+++\nThe council met on Monday. It voted 7 to 2.\n";
    let a = parse(text);
    assert_eq!(a.meta.outlet.as_deref(), Some("Harbour Gazette"));
    assert_eq!(a.meta.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(a.meta.published, Date::new(2025, 3, 4).ok());
    assert_eq!(a.meta.published_from, Some(DateSource::FrontMatter));
    assert_eq!(
        sents(text),
        ["The council met on Monday.", "It voted 7 to 2."]
    );
    assert_eq!(a.sentences[0].start, text.find("The council").unwrap());
}

#[test]
fn front_matter_dates_in_every_form() {
    for value in [
        "2025-03-04",
        "\"2025-03-04\"",
        "2025-03-04T09:30:00Z",
        "\"2025-03-04T09:30:00+02:00\"",
        "2025-03-04T09:30:00",
    ] {
        let text = format!("+++\npublished = {value}\n+++\nA short story.");
        let a = parse(&text);
        assert_eq!(a.meta.published, Date::new(2025, 3, 4).ok(), "{value}");
    }
}

#[test]
fn front_matter_with_bom_and_crlf() {
    let text = "\u{feff}+++\r\noutlet = \"Daily\"\r\n+++\r\nRain fell all day.\r\n";
    let a = parse(text);
    assert_eq!(a.meta.outlet.as_deref(), Some("Daily"));
    assert_eq!(sents(text), ["Rain fell all day."]);
}

#[test]
fn front_matter_unknown_key_names_key_and_line() {
    let text = "+++\noutlet = \"Daily\"\nautor = \"Someone\"\n+++\nBody text.";
    assert_eq!(
        parse_bytes(text.as_bytes()).unwrap_err(),
        "front matter line 3: unknown key `autor`; expected one of outlet, url, published"
    );
}

#[test]
fn front_matter_malformed_toml() {
    let text = "+++\noutlet = \"Daily\"\nurl = \"unterminated\n+++\nBody text.";
    let err = parse_bytes(text.as_bytes()).unwrap_err();
    assert!(
        err.starts_with("front matter line 3: malformed TOML: "),
        "{err}"
    );
}

#[test]
fn front_matter_unterminated() {
    let text = "+++\noutlet = \"Daily\"\nThe story begins here.\n";
    assert_eq!(
        parse_bytes(text.as_bytes()).unwrap_err(),
        "front matter line 1: the opening `+++` has no closing `+++` line"
    );
}

#[test]
fn front_matter_wrong_types() {
    let text = "+++\n\npublished = 20250304\n+++\nBody.";
    assert_eq!(
        parse_bytes(text.as_bytes()).unwrap_err(),
        "front matter line 3: `published` must be a date like 2025-07-26, got an integer 20250304"
    );
    let text = "+++\npublished = \"last Tuesday\"\n+++\nBody.";
    assert_eq!(
        parse_bytes(text.as_bytes()).unwrap_err(),
        "front matter line 2: `published` must be a date like 2025-07-26 or an RFC 3339 date-time, got \"last Tuesday\""
    );
    let text = "+++\noutlet = 12\n+++\nBody.";
    let err = parse_bytes(text.as_bytes()).unwrap_err();
    assert!(
        err.starts_with("front matter line 2: `outlet`: invalid type: integer `12`"),
        "{err}"
    );
}

#[test]
fn plus_lines_later_in_the_file_are_not_front_matter() {
    let a = parse("Scores were even.\n+++\noutlet = 3\n+++\n");
    assert_eq!(a.meta, Metadata::default());
}

#[test]
fn page_date_is_used_without_front_matter_date() {
    let text = "Harbourtown\nTuesday, March 4, 2025\n\nThe council met.";
    let a = parse_article_with("t".into(), "t".into(), text.as_bytes(), fake_date).unwrap();
    assert_eq!(a.meta.published, Date::new(2025, 3, 4).ok());
    assert_eq!(a.meta.published_from, Some(DateSource::Text));
    // Front matter wins.
    let text = "+++\npublished = 2024-01-02\n+++\nTuesday, March 4, 2025\n";
    let a = parse_article_with("t".into(), "t".into(), text.as_bytes(), fake_date).unwrap();
    assert_eq!(a.meta.published, Date::new(2024, 1, 2).ok());
    assert_eq!(a.meta.published_from, Some(DateSource::FrontMatter));
}

// ----- boilerplate --------------------------------------------------------------------------

const BODY: &str = "The bridge reopened to traffic on Thursday after two years of repairs.";

/// The snippet around one body paragraph yields exactly that paragraph's sentence.
fn only_body(snippet: &str) {
    let text = snippet.replace("BODY", BODY);
    assert_eq!(sents(&text), [BODY], "{snippet:?}");
}

#[test]
fn navigation_and_menus() {
    only_body(
        "Menu\n\nSearch\n\n\u{a0} |\u{a0}\u{a0} World\n\nHome | News | Local\nSkip to content\nBODY\nClose\n",
    );
    only_body("  • Weather Data\nBODY\n▪ Back to top\n");
}

#[test]
fn share_buttons() {
    only_body(
        "- Get link\n- Facebook\n- X\n- Other Apps\nBODY\nShare\nTweet\nShare on Facebook\nCopy link\nWhatsApp\nEmail\n",
    );
}

#[test]
fn sign_up_and_welcome_boxes() {
    only_body(
        "BODY\n\nWelcome to The Harbour Gazette\n\nSign up for our morning briefing with the biggest\nstories from the coast.\n",
    );
    only_body("BODY\nSubscribe to our newsletter for weekly updates.\n");
}

#[test]
fn link_lists_after_headings() {
    only_body(
        "BODY\nMost Read\n- 08:15 Storm closes coastal road\n- Fishermen protest new quota\n• Teachers strike ends\n* Markets rally\n",
    );
    only_body("BODY\n\nTrending Now\n\nLatest News\n\nRelated News\n");
    only_body(
        "BODY\nLire aussi\nLatest News\n19:42 Port expansion approved\n17:05 New ferry route to the islands\n",
    );
    // The list ends at the first real paragraph.
    let text = format!("Related\n- Old headline one\n{BODY}\n");
    assert_eq!(sents(&text), [BODY]);
}

#[test]
fn teaser_lines() {
    only_body(
        "BODY\nRead More:\u{a0}Council Approves New Budget\nRead more:\nSee also: Ferry timetable changes for summer\nAlso read: Harbour dues rise\nRELATED: Storm damage estimated\n",
    );
}

#[test]
fn comment_widgets() {
    only_body("BODY\nComments\nPost a Comment\nLeave a comment\n12 comments\n1 Comment\n");
}

#[test]
fn photo_captions_and_credits() {
    only_body(
        "The old bridge at dusk. Photo by a reader, via Wikimedia Commons\nBODY\nSource: City archive\nPhoto: Jane Roe\nImage: Harbour authority\nWorkers on the span. John Doe/Getty Images\n",
    );
}

#[test]
fn author_boxes() {
    only_body(
        "BODY\nWebsite\u{a0}|\u{a0} + posts\n\nMaria Lopez is a Senior Reporter at The Harbour Gazette.\n\nMaria Lopez\nMaria Lopezhttps://example.org\n",
    );
    // At the very end of the page, after the body, too.
    only_body("BODY\n\nTom Reed is an Associate Editor at Coastline Weekly.\n");
    // But the same shape inside the body is prose.
    let text = format!(
        "{BODY}\nAnna Berg is a reporter at the local radio station.\nShe broke the story.\n"
    );
    assert_eq!(sents(&text).len(), 3);
}

#[test]
fn weather_place_and_headlines() {
    only_body(
        "28.2 C\nHarbourtown\nMonday, March 3, 2025\n\nBridge Reopens After Two Years of Repairs\n\nBODY\n\nHarbourtown\n",
    );
    only_body("-3 °C\nBODY\n");
}

#[test]
fn markup_lines() {
    only_body("<html>\n<div class=\"nav\">\n<p>\nBODY\n</p></div>\n");
}

#[test]
fn real_prose_is_kept() {
    // Sentences that start like boilerplate words but are prose.
    let text = "Search teams found the boat on Sunday.\nShare prices fell 4% after the news.\nComments from the minister angered residents.\nThe mayor said: \"Welcome to a new era for our harbour.\"\nRead the full report, officials urged, before judging.";
    assert_eq!(sents(text).len(), 5);
    // A paragraph without final punctuation that is not title case stays.
    assert_eq!(
        sents("The ferry was delayed by the storm for hours"),
        ["The ferry was delayed by the storm for hours"]
    );
}

// ----- sentences ----------------------------------------------------------------------------

#[test]
fn splits_on_terminators() {
    assert_eq!(
        sents("The dam held. Was it luck? Engineers say no! Work goes on."),
        [
            "The dam held.",
            "Was it luck?",
            "Engineers say no!",
            "Work goes on."
        ]
    );
}

#[test]
fn abbreviations_do_not_split() {
    assert_eq!(
        sents(
            "Mr. Hale met Dr. Ortiz and Gen. Park at St. Mary's. The U.S. and U.K. envoys arrived on Jan. 5 with Sen. Lee."
        ),
        [
            "Mr. Hale met Dr. Ortiz and Gen. Park at St. Mary's.",
            "The U.S. and U.K. envoys arrived on Jan. 5 with Sen. Lee."
        ]
    );
    assert_eq!(
        sents(
            "J. R. Smith spoke at 9 a.m. on Friday. Room No. 4 was full, e.g. with press, i.e. reporters."
        ),
        [
            "J. R. Smith spoke at 9 a.m. on Friday.",
            "Room No. 4 was full, e.g. with press, i.e. reporters."
        ]
    );
    // An ambiguous abbreviation ends the sentence before a usual opener.
    assert_eq!(
        sents("Aid came from the U.S. The convoy left at 6 p.m. It arrived late."),
        [
            "Aid came from the U.S.",
            "The convoy left at 6 p.m.",
            "It arrived late."
        ]
    );
}

#[test]
fn numbers_do_not_split() {
    assert_eq!(
        sents("About 1.2 million people, or 3.5%, voted. Turnout was 61.4 percent."),
        [
            "About 1.2 million people, or 3.5%, voted.",
            "Turnout was 61.4 percent."
        ]
    );
}

#[test]
fn closing_quotes_stay_in_the_sentence() {
    assert_eq!(
        sents(
            "She called it “a disgrace.” He disagreed. \"Why?\" he asked. 'Fine.' (It was.) Done."
        ),
        [
            "She called it “a disgrace.”",
            "He disagreed.",
            "\"Why?\" he asked.",
            "'Fine.'",
            "(It was.)",
            "Done."
        ]
    );
}

#[test]
fn line_breaks_end_sentences() {
    for text in [
        "First line without a stop\nSecond line.\n\nThird para.",
        "First line without a stop\r\nSecond line.\r\n\r\nThird para.",
        "First line without a stop\rSecond line.\r\rThird para.",
    ] {
        assert_eq!(
            sents(text),
            ["First line without a stop", "Second line.", "Third para."],
            "{text:?}"
        );
    }
}

#[test]
fn nbsp_and_zero_width_characters() {
    let text = "\u{a0}The\u{a0}tide rose.\u{a0}\u{200b}It\u{200b} fell again.\u{200b}\n";
    let a = parse(text);
    let got: Vec<&str> = a.sentences.iter().map(|s| a.sentence_text(s)).collect();
    assert_eq!(got, ["The\u{a0}tide rose.", "It\u{200b} fell again."]);
}

#[test]
fn ellipsis_and_smart_apostrophes() {
    assert_eq!(
        sents("It’s over… Or is it? Nobody knows… yet."),
        ["It’s over…", "Or is it?", "Nobody knows… yet."]
    );
}

#[test]
fn long_runs_are_split_at_whitespace() {
    let text = "word ".repeat(2_000) + "end.";
    let a = parse(&text);
    assert!(a.sentences.len() >= 3);
    for s in &a.sentences {
        assert!(s.end - s.start <= MAX_SENTENCE_BYTES);
        assert!(a.sentence_text(s).starts_with("word") || a.sentence_text(s) == "end.");
    }
    // No whitespace at all: split at a char boundary.
    let text = "é".repeat(5_000);
    let a = parse(&text);
    assert_eq!(a.sentences.len(), 3);
    assert_eq!(a.sentences.last().map(|s| s.end), Some(text.len()));
}

#[test]
fn sentence_count_is_capped() {
    let text = "Go. ".repeat(MAX_SENTENCES + 10);
    let a = parse(&text);
    assert_eq!(a.sentences.len(), MAX_SENTENCES);
}

#[test]
fn text_without_sentences_is_fine() {
    let a = parse("Menu\nSearch\nLatest News\n- One\n");
    assert!(a.sentences.is_empty());
}

// ----- any input ----------------------------------------------------------------------------

mod any_input {
    use super::*;
    use proptest::prelude::*;

    /// Text made of the pieces that stress the splitter and the boilerplate filter.
    fn pagey() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("."),
            Just("!"),
            Just("?"),
            Just("…"),
            Just(" "),
            Just("\n"),
            Just("\r"),
            Just("\r\n"),
            Just("\u{a0}"),
            Just("\u{200b}"),
            Just("\u{feff}"),
            Just("”"),
            Just("\""),
            Just("'"),
            Just("("),
            Just("U.S."),
            Just("Mr."),
            Just("1.2"),
            Just("- "),
            Just("Latest News"),
            Just("Menu"),
            Just("+++"),
            Just("Sign up"),
            Just("word"),
            Just("Word"),
            Just("é"),
            Just("<div>"),
            Just("19:42 "),
        ];
        proptest::collection::vec(piece, 0..80).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            if let Ok(a) = parse_bytes(&bytes) {
                check_spans(&a);
            }
        }

        #[test]
        fn spans_are_valid_on_page_like_text(text in pagey()) {
            if let Ok(a) = parse_bytes(text.as_bytes()) {
                check_spans(&a);
                prop_assert_eq!(a.text, text);
            }
        }
    }
}

#[test]
fn author_bio_by_hand_is_the_pattern() {
    for t in [
        "Jane Doe is a senior correspondent for the paper.",
        "JANE DOE IS A REPORTER",
        "Jane Doe is an Editor-in-Chief",
        "Jane Doe was the first Fellow",
        "Jane Doe has been our JOURNALIST",
        "Jane Doe has  been our journalist",
        "Jane Doe has\tbeen our journalist",
        "Jane Doe has been\tour Fellow",
        "Jane Doe is a baker.",
        "Jane Doe is a writer_",
        "Jane Doe is a writer2",
        "Jane Doe is a writers",
        "Jane Doe is a writer's",
        "Jane is a very very very very good writer",
        "Jane is a very very very very very good writer",
        "Jane is a 2nd writer",
        "A B C D is a writer",
        "A B C D E is a writer",
        "J.R.R. O'Neil-Smith is the author",
        "jane Doe is a writer",
        " Jane Doe is a writer",
        "Jane Doe, our fellow since 2020",
        "The minister is a former diplomat.",
        "Jane Doe is our\x0bwriter",
        "",
    ] {
        assert_eq!(is_author_bio(t), matches(&AUTHOR_BIO, t), "{t:?}");
    }
    assert!(is_author_bio("Jane Doe is a REPORTER."));
    // Non-ASCII lines go to the pattern when they hold a verb and a job word.
    for t in [
        "Anna Müller is a writer",
        "Jane Doe is a journaliſt",
        "Jane Doe is a JOURNALIſT",
        "Jane Doe is a journalist\u{a0}here",
        "Jane\u{a0}Doe is\u{2009}a writer",
        "Jane Doe is a Müller writer",
        "Jane Doe isn’t a writer",
        "Jane Doe is a wrïter",
        "José is a baker",
        "The talks were chaired by Hakan Fidan. Analysts doubt that either side is ready for më",
        "Ésa Müller-Ωmega has been the analyst",
        "Jane\u{2009}Doe\u{a0}has been the writer",
        "Jane\u{2009}Doe\u{a0}has\u{a0}been the writer",
        "ÉMILE ZOLA WAS A WRITER",
        "Émile is “a” writer",
    ] {
        assert_eq!(is_author_bio(t), matches(&AUTHOR_BIO, t), "{t:?}");
    }
    assert!(is_author_bio("Anna Müller is a writer"));
    assert!(is_author_bio("Jane Doe is a journaliſt"));
}

#[test]
fn bio_start_classes_are_wider_than_the_pattern_classes() {
    let class = |c: &str| regex::Regex::new(&format!("^{c}$")).ok();
    let (Some(lu), Some(l), Some(space)) = (class(r"\p{Lu}"), class(r"\p{L}"), class(r"\s")) else {
        panic!("patterns");
    };
    for c in '\0'..=char::MAX {
        let s = c.encode_utf8(&mut [0; 4]).to_string();
        assert!(!lu.is_match(&s) || c.is_uppercase(), "{c:?}");
        assert!(!l.is_match(&s) || c.is_alphabetic(), "{c:?}");
        assert_eq!(space.is_match(&s), c.is_whitespace(), "{c:?}");
    }
}

#[test]
fn only_the_listed_chars_fold_to_ascii_letters() {
    let Ok(ascii_letter) = regex::Regex::new("(?i)^[a-z]$") else {
        panic!("pattern");
    };
    let folding: Vec<char> = ('\u{80}'..=char::MAX)
        .filter(|c| ascii_letter.is_match(c.encode_utf8(&mut [0; 4])))
        .collect();
    assert_eq!(folding, FOLDS_TO_ASCII);
}

#[test]
fn ascii_normalize_is_the_char_normalize() {
    for s in [
        "  Share This\tArticle \r\n",
        "READ MORE: the 2025 Budget",
        "\x0b\x0cA\x1fB\x7f  c",
        "",
        "   ",
        "view all posts",
    ] {
        assert_eq!(normalize(s), normalize_chars(s), "{s:?}");
        assert_eq!(
            crate::extract::text::lower_collapsed_ascii(s),
            normalize_chars(s),
            "{s:?}"
        );
    }
    // Non-ASCII text keeps the char path.
    assert_eq!(normalize("ÉTÉ\u{200B} Été"), "été été");
}

#[test]
fn bullets_start_with_their_lead_bytes() {
    for b in BULLETS {
        let mut buf = [0u8; 4];
        let lead = b.encode_utf8(&mut buf).as_bytes()[0];
        assert!(BULLET_LEAD_BYTES.contains(&lead), "{b:?}");
        assert_eq!(strip_bullet(&format!("{b} item")), ("item", true));
    }
    assert_eq!(strip_bullet("·item"), ("·item", false));
}

#[test]
fn binary_checks_find_the_first_control_byte() {
    assert!(check_not_binary(b"plain text\nwith\ttabs\r\n\x1b[0m").is_ok());
    let err = check_not_binary(b"ab\x01cd\x02").unwrap_err();
    assert!(
        err.contains("2 control bytes in 6 bytes, the first at byte 2"),
        "{err}"
    );
    let err = check_not_binary(b"ab\x01c\0d").unwrap_err();
    assert!(err.contains("NUL byte at byte 4"), "{err}");
}

// ----- hand-matched number patterns and the author-bio prefilter -----------------------------

/// Every line of the fixtures, trimmed, as given and normalized, plus odd lines.
fn sample_lines() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut files = vec![std::path::PathBuf::from(dir)];
    let mut lines = Vec::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).into_iter().flatten().flatten() {
                files.push(entry.path());
            }
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            for line in text.lines() {
                let t = line.trim_matches(is_space);
                lines.push(t.to_string());
                lines.push(normalize(strip_bullet(t).0));
            }
        }
    }
    assert!(lines.len() > 100, "fixtures not found");
    for odd in [
        "",
        "1",
        "12 comments",
        "1,234 replies",
        "12 Comments",
        "12  responses",
        "12\tcomment",
        "12comments",
        "12 comments ",
        "1.2.3 replies",
        "12\u{a0}comments",
        "١٢ comments",
        "21°c",
        "21 ° c",
        "-3 f",
        "+3c",
        "−3c",
        "1234c",
        "1.234c",
        "12,5 c",
        "1.c",
        "c",
        "21\u{a0}c",
        "3 cf",
        "19:42 x",
        "19:42",
        "19:42am x",
        "7.30 p.m. x",
        "7.30 p.m.x",
        "7h30 a.m x",
        "123:45 x",
        "1:234 x",
        "19:42\u{a0}x",
        "1:30PM x",
        "1:30 pm x",
        "7.30 p..m x",
        "\u{0663}:30 x",
        "12:3 x",
    ] {
        lines.push(odd.to_string());
    }
    lines
}

/// The hand matchers agree with their patterns on `s`.
fn assert_number_patterns_agree(s: &str) {
    assert_eq!(
        is_comment_count(s),
        matches(&N_COMMENTS, s),
        "N_COMMENTS {s:?}"
    );
    assert_eq!(is_temperature(s), matches(&WEATHER, s), "WEATHER {s:?}");
    assert_eq!(
        starts_with_clock_time(s),
        matches(&TIME_PREFIX, s),
        "TIME_PREFIX {s:?}"
    );
}

#[test]
fn number_pattern_matchers_are_the_patterns() {
    for line in sample_lines() {
        assert_number_patterns_agree(&line);
    }
    assert!(is_comment_count("1,234 replies"));
    assert!(is_temperature("-3 f"));
    assert!(starts_with_clock_time("7.30 p.m. x"));
}

#[test]
fn author_bio_by_hand_is_the_pattern_on_fixture_lines() {
    for line in sample_lines() {
        assert_eq!(
            is_author_bio(&line),
            matches(&AUTHOR_BIO, &line),
            "{line:?}"
        );
    }
}

mod hand_matchers {
    use super::*;
    use proptest::prelude::*;

    /// `normalize_chars` as first written: every char through `char::to_lowercase`.
    fn normalize_by_to_lowercase(s: &str) -> String {
        let mut expected = String::new();
        let mut space = false;
        for c in s.chars() {
            if is_space(c) {
                space = true;
                continue;
            }
            if space && !expected.is_empty() {
                expected.push(' ');
            }
            space = false;
            expected.extend(c.to_lowercase());
        }
        expected
    }

    proptest! {
        #[test]
        fn number_patterns_agree_on_number_like_lines(
            s in r"[-+−]?[0-9١]{0,4}([.,:h][0-9]{0,3})?[ \t\u{b}\u{a0}]{0,2}(°|[ap]|\.|m|c|f|C|x| |comments?|responses|replies|reply){0,4}"
        ) {
            assert_number_patterns_agree(&s);
        }

        #[test]
        fn normalize_chars_lowers_like_to_lowercase_on_mixed_text(
            s in r"([a-zA-Z0-9 .,']{0,6}|[ \t\n\u{b}\u{c}\r\u{a0}\u{85}\u{2009}\u{200b}\u{feff}]|É|ß|İ|Σ|’|“|\u{212a}){0,12}"
        ) {
            prop_assert_eq!(normalize_chars(&s), normalize_by_to_lowercase(&s));
        }

        #[test]
        fn normalize_chars_lowers_like_to_lowercase_on_spaced_words(
            s in r"([ \t\n\r]{0,3}[a-zA-Z]{0,4}( |  |\t)?[A-Z.]{0,3}[ \n]{0,2}(’|É|\u{a0})?){0,6}"
        ) {
            prop_assert_eq!(normalize_chars(&s), normalize_by_to_lowercase(&s));
        }

        #[test]
        fn scans_find_the_first_byte_they_look_for(
            hay in proptest::collection::vec(prop_oneof![
                Just(b'.'), Just(b'!'), Just(b'?'), Just(0xE2), Just(b'\n'), Just(b'\r'),
                any::<u8>(), Just(b'a'), Just(b' ')
            ], 0..80),
            from in 0usize..90,
        ) {
            let first = |hit: fn(u8) -> bool| {
                hay.get(from..).and_then(|r| r.iter().position(|&b| hit(b))).map(|i| from + i)
            };
            prop_assert_eq!(find_line_end(&hay, from), first(|b| b == b'\n' || b == b'\r'));
            prop_assert_eq!(
                find_terminator(&hay, from),
                first(|b| matches!(b, b'.' | b'!' | b'?' | 0xE2))
            );
        }

        #[test]
        fn ascii_normalize_lowers_like_to_lowercase(s in r"[ \t\n\r\x0b\x0cA-Za-z0-9.:\x01\x7f]{0,30}") {
            prop_assert_eq!(normalize(&s), normalize_by_to_lowercase(&s));
        }

        #[test]
        fn words_lowered_in_a_buffer_are_lowered(word in r"([a-zA-Z.'’-]|É|\u{212a}){0,40}") {
            let mut buf = [0u8; 32];
            match lower_ascii_in(&word, &mut buf) {
                Some(lower) => prop_assert_eq!(lower, word.to_lowercase()),
                None => prop_assert!(!word.is_ascii() || word.len() > 32),
            }
        }

        #[test]
        fn phrases_match_as_their_prefixes(
            norm in r"(read|more|sign up|source:|à lire|[a-zà]{0,3}| |:|é){0,4}",
        ) {
            for p in TEASER_PREFIXES.iter().chain(SIGNUP_PREFIXES).chain(CAPTION_PREFIXES).chain([&""]) {
                prop_assert_eq!(strip_phrase(&norm, p), norm.strip_prefix(p));
            }
        }

        #[test]
        fn normalize_chars_lowers_like_to_lowercase(s in any::<String>()) {
            prop_assert_eq!(normalize_chars(&s), normalize_by_to_lowercase(&s));
        }

        #[test]
        fn number_patterns_agree_on_any_text(s in any::<String>()) {
            assert_number_patterns_agree(&s);
        }

        #[test]
        fn author_bio_by_hand_is_the_pattern(
            s in r"(Jane|Doe|JANE|D'Arcy|J\.R\.|O-N|x|1|is|was|has|been|a|an|the|our|senior|Editor|REPORTER|writer|fellow|journaliſt|Müller)([ \t\u{b}\u{a0}]{1,2}(Jane|Doe|A|is|was|has|been|a|an|the|our|senior|very|well-known|editor|Reporter|WRITER|Fellow|intern|editors|editor_|editor2|editor-in-chief|author,|x|1)){0,10}"
        ) {
            prop_assert_eq!(is_author_bio(&s), matches(&AUTHOR_BIO, &s), "{:?}", s);
        }

        #[test]
        fn author_bio_by_hand_is_the_pattern_on_any_text(s in any::<String>()) {
            prop_assert_eq!(is_author_bio(&s), matches(&AUTHOR_BIO, &s), "{:?}", s);
        }
    }
}

#[test]
fn whole_line_lists_fit_the_length_gate() {
    for list in [LIST_HEADINGS, NAV_LINES, SHARE_LINES, COMMENT_LINES] {
        for phrase in list {
            assert!(phrase.len() <= LONGEST_WHOLE_LINE, "{phrase}");
        }
    }
    assert_eq!(LONGEST_WHOLE_LINE, "be the first to comment".len());
}
