//! One hand-made report that every emitter is snapshot-tested against: a made-up storm
//! ("Hurricane Mara") told by three articles, one unreadable input, and findings of all four
//! verdicts — a `changed` finding whose claims are about two events, hedged values, intervals,
//! and quotes and values with `%`, `,`, `|` and line breaks. One article's path holds `:` and
//! `,` (escaped in GitHub properties).

use crate::model::{ArticleSummary, Claim, Finding, Interval, Report, Skipped, ValueKind, Verdict};

pub const A: &str = "000_a1b2c3d4e5f60718";
pub const B: &str = "001_9f8e7d6c5b4a3921";
pub const C: &str = "002_0badc0ffee123456";

pub fn path(id: &str) -> String {
    match id {
        C => "stories/mara/late edition: 002, final.txt".to_string(),
        _ => format!("stories/mara/{id}.txt"),
    }
}

#[allow(clippy::too_many_arguments)]
fn claim(
    article: &str,
    topic: &str,
    subject: &str,
    kind: ValueKind,
    value: &str,
    normalized: &str,
    hedge: Option<&str>,
    event: Option<&str>,
    quote: &str,
    start: usize,
    line: usize,
    column: usize,
) -> Claim {
    let end = start + value.len();
    let lines_in_value = value.matches('\n').count();
    let end_column = match value.rsplit_once('\n') {
        Some((_, last)) => last.chars().count() + 1,
        None => column + value.chars().count(),
    };
    Claim {
        article: article.into(),
        topic: topic.into(),
        subject: subject.into(),
        kind,
        value: value.into(),
        normalized: normalized.into(),
        interval: None,
        unit: None,
        hedge: hedge.map(Box::from),
        tenure: None,
        event: event.map(Box::from),
        date: None,
        quote: quote.into(),
        start,
        end,
        line: crate::model::position(line),
        column: crate::model::position(column),
        end_line: crate::model::position(line + lines_in_value),
        end_column: crate::model::position(end_column),
    }
}

fn with_interval(mut c: Claim, lo: f64, hi: f64, point: f64, unit: Option<&str>) -> Claim {
    c.interval = Some(Interval { lo, hi, point });
    c.unit = unit.map(Box::from);
    c
}

pub fn report() -> Report {
    let deaths = Finding {
        topic: "storm-deaths".into(),
        subject: "people killed".into(),
        events: vec![],
        verdict: Verdict::Contradiction,
        reason: "001 says at least 15 people were killed; 000 and 002 say 12, about the same day"
            .into(),
        claims: vec![
            with_interval(
                claim(
                    A,
                    "storm-deaths",
                    "people killed",
                    ValueKind::Count,
                    "12",
                    "12",
                    None,
                    None,
                    "The storm killed 12 people in Port Avel, officials said on Tuesday.",
                    412,
                    7,
                    18,
                ),
                12.0,
                12.0,
                12.0,
                None,
            ),
            with_interval(
                claim(
                    B,
                    "storm-deaths",
                    "people killed",
                    ValueKind::Count,
                    "at least 15",
                    "15",
                    Some("at least"),
                    None,
                    "The storm killed at least 15 people in Port Avel, officials said on Tuesday.",
                    230,
                    4,
                    18,
                ),
                15.0,
                f64::INFINITY,
                15.0,
                None,
            ),
            with_interval(
                claim(
                    C,
                    "storm-deaths",
                    "people killed",
                    ValueKind::Count,
                    "12",
                    "12",
                    None,
                    None,
                    "Twelve deaths were confirmed, 12 of them in Port Avel.",
                    98,
                    3,
                    31,
                ),
                12.0,
                12.0,
                12.0,
                None,
            ),
        ],
    };

    let power = Finding {
        topic: "power-outage".into(),
        subject: "homes without power".into(),
        events: vec![],
        verdict: Verdict::Contradiction,
        reason:
            "000 says 40% of homes, 001 roughly one-third (30–36.7%): the ranges do not overlap"
                .into(),
        claims: vec![
            with_interval(
                claim(
                    A,
                    "power-outage",
                    "homes without power",
                    ValueKind::Share,
                    "40%",
                    "0.4",
                    None,
                    None,
                    "The utility said 40% of homes, mostly near the coast, had no power | outage map updated hourly.",
                    903,
                    12,
                    18,
                ),
                0.4,
                0.4,
                0.4,
                Some("%"),
            ),
            with_interval(
                claim(
                    B,
                    "power-outage",
                    "homes without power",
                    ValueKind::Share,
                    "Roughly one-third",
                    "0.3333",
                    Some("about"),
                    None,
                    "Roughly one-third of homes\nwere without power, the utility said.",
                    655,
                    9,
                    9,
                ),
                0.3,
                0.3667,
                0.3333,
                None,
            ),
        ],
    };

    let category = Finding {
        topic: "storm-category".into(),
        subject: "Hurricane Mara".into(),
        events: vec!["landfall".into(), "a day after landfall".into()],
        verdict: Verdict::Changed,
        reason: "Category 4 at landfall (000, 002); 001 reports Category 2 a day later, after it weakened inland"
            .into(),
        claims: vec![
            claim(
                A,
                "storm-category",
                "Hurricane Mara",
                ValueKind::Count,
                "Category 4",
                "4",
                None,
                Some("landfall"),
                "Mara made landfall as a Category 4 hurricane early on Monday.",
                120,
                2,
                27,
            ),
            claim(
                B,
                "storm-category",
                "Hurricane Mara",
                ValueKind::Count,
                "Category\n2",
                "2",
                None,
                Some("a day after landfall"),
                "By Tuesday Mara had weakened to a Category\n2 storm over the hills.",
                1204,
                15,
                35,
            ),
            claim(
                C,
                "storm-category",
                "Hurricane Mara",
                ValueKind::Count,
                "Category 4",
                "4",
                None,
                Some("landfall"),
                "Mara came ashore on Monday as a Category 4 storm.",
                40,
                1,
                41,
            ),
        ],
    };

    let wind = Finding {
        topic: "wind-speed".into(),
        subject: "peak wind speed".into(),
        events: vec![],
        verdict: Verdict::Compatible,
        reason: "about 210 km/h (189–231) contains 215 km/h".into(),
        claims: vec![
            with_interval(
                claim(
                    A,
                    "wind-speed",
                    "peak wind speed",
                    ValueKind::Count,
                    "about 210 km/h",
                    "210",
                    Some("about"),
                    None,
                    "Winds peaked at about 210 km/h.",
                    300,
                    5,
                    16,
                ),
                189.0,
                231.0,
                210.0,
                Some("km/h"),
            ),
            with_interval(
                claim(
                    C,
                    "wind-speed",
                    "peak wind speed",
                    ValueKind::Count,
                    "215 km/h",
                    "215",
                    None,
                    None,
                    "Gusts reached 215 km/h, the weather service said.",
                    200,
                    4,
                    15,
                ),
                215.0,
                215.0,
                215.0,
                Some("km/h"),
            ),
        ],
    };

    let shelters = Finding {
        topic: "shelters".into(),
        subject: "shelters opened".into(),
        events: vec![],
        verdict: Verdict::Agreement,
        reason: "all say 40".into(),
        claims: vec![
            claim(
                A,
                "shelters",
                "shelters opened",
                ValueKind::Count,
                "40",
                "40",
                None,
                None,
                "The county opened 40 shelters.",
                700,
                10,
                19,
            ),
            claim(
                B,
                "shelters",
                "shelters opened",
                ValueKind::Count,
                "forty",
                "40",
                None,
                None,
                "Officials opened forty shelters before the storm.",
                500,
                6,
                19,
            ),
        ],
    };

    Report {
        version: Report::VERSION,
        articles: vec![
            ArticleSummary {
                id: A.into(),
                path: path(A),
                outlet: Some("Coastal Herald".into()),
                published: Some(jiff::civil::date(2025, 9, 16)),
                claims: 5,
                notes: Vec::new(),
            },
            ArticleSummary {
                id: B.into(),
                path: path(B),
                outlet: None,
                published: None,
                claims: 4,
                notes: Vec::new(),
            },
            ArticleSummary {
                id: C.into(),
                path: path(C),
                outlet: None,
                published: None,
                claims: 4,
                notes: Vec::new(),
            },
        ],
        skipped: vec![Skipped {
            path: "stories/mara/photo.jpg".into(),
            reason: "not UTF-8 text at byte 0".into(),
        }],
        findings: vec![category, wind, deaths, shelters, power],
        accepted: 0,
        stale: vec![],
    }
}

/// The sample report as a run with a baseline shows it: one finding accepted (hidden) and one
/// stale baseline entry.
pub fn report_with_baseline() -> Report {
    let mut r = report();
    r.accepted = 1;
    r.stale = vec![crate::model::BaselineEntry {
        topic: "storm-deaths".into(),
        subject: "people missing".into(),
        verdict: Verdict::Contradiction,
        events: vec![],
        values: vec!["3".into(), "7".into()],
        articles: vec![A.into(), C.into()],
        fingerprint: "0123456789abcdef".into(),
        reason: "002 counted the missing before the rescue: accepted, 40% sure".into(),
    }];
    r
}

/// The output of one emitter over a report, as text (the tests of every format use it).
pub fn render(
    emitter: &dyn super::Emitter,
    report: &Report,
    options: super::RenderOptions,
) -> String {
    let mut out = Vec::new();
    emitter
        .emit(&mut out, report, options)
        .expect("rendering into memory");
    String::from_utf8(out).expect("UTF-8 output")
}

/// A feed: the sample's `people killed` contradiction told by `n` articles (`000`, `001`, …),
/// article `i` giving the value of the sample's article `i % 3`. Past a handful of articles
/// the human formats stop drawing one column per article.
pub fn feed_report(n: usize) -> Report {
    let sample = report();
    let Some(deaths) = sample
        .findings
        .iter()
        .find(|f| f.subject == "people killed")
    else {
        unreachable!("the sample reports people killed")
    };
    let mut articles = Vec::new();
    let mut claims = Vec::new();
    for i in 0..n {
        let id = format!("{i:03}_{:016x}", i + 1);
        let mut c = deaths.claims[i % 3].clone();
        c.article = id.as_str().into();
        claims.push(c);
        articles.push(ArticleSummary {
            id: id.clone(),
            path: path(&id),
            claims: 1,
            ..sample.articles[0].clone()
        });
    }
    Report {
        articles,
        skipped: vec![],
        findings: vec![Finding {
            claims,
            ..deaths.clone()
        }],
        ..sample
    }
}
