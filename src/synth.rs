//! A deterministic synthetic news corpus for benchmarks and tests: articles about one story
//! (peace talks), made by varying the facts of the fixtures — names, titles, numbers, hedges,
//! dates, weekdays, venues, word order, sentence templates and page boilerplate — so that every
//! topic fires and the articles really disagree.
//!
//! Article `i` depends only on `(seed, i)`: a corpus of 1,000 articles is the first 1,000 of a
//! corpus of 100,000 with the same seed, and the same `(n, seed)` always gives the same bytes.
//! The random numbers come from a small inline SplitMix64 (no dependency).
//!
//! Not part of the tool: it backs `examples/gen_corpus.rs`, `examples/bench.rs` and the
//! determinism test.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// SplitMix64: a tiny, fast, well-mixed PRNG; good enough to vary text.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }

    /// True with probability `num / den`.
    pub fn chance(&mut self, num: usize, den: usize) -> bool {
        self.below(den) < num
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// The generator's version: a corpus written by another version has other bytes, so the
/// benchmark keeps corpora in folders named with it and never reuses an older one.
pub const VERSION: u32 = 2;

/// The seed of article `i` of a corpus.
fn article_seed(seed: u64, i: usize) -> u64 {
    let mut r = Rng::new(seed ^ (i as u64).wrapping_mul(0xA24B_AED4_963E_E407));
    r.next_u64()
}

/// The file name of article `i`: a numeric prefix (the short name in reasons) and a hash.
pub fn file_name(i: usize, seed: u64) -> String {
    format!("{i:06}_{:016x}.txt", article_seed(seed, i))
}

const OUTLETS: &[&str] = &[
    "EconoTimes",
    "The Diplomatic Insight",
    "Hespress English",
    "Daily Courier",
    "Kyiv Ledger",
    "Baltic Wire",
    "Eastern Monitor",
    "The Morning Dispatch",
];

const HEADERS: &[&str] = &[
    "Menu\n\nSearch\n\n  |   Politics\n\nMenu\n\n  |   Politics\n\nSearch\n",
    "- Get link\n- X\n- Other Apps\n- Get link\n- X\n- Other Apps\n",
    "28.2 C\nIslamabad\nSaturday, July 26, 2025\n",
    "Home | World | Europe | Live\nSubscribe\n",
    "",
];

const FOOTERS: &[&str] = &[
    "  • Market Data\nClose\n\nWelcome to EconoTimes\n\nSign up for daily updates for the most important\nstories unfolding in the global economy.",
    "Lire aussi\nLatest News\n- 19:42 Morocco leads Africa's renewable energy transition, says Mohamed Ghiath\n- 17:15 Psoe de Madrid faces scandals with questionable defense strategy\n- 16:06 Productive call between US and China on trade deal",
    "- Get link\n- X\n- Other Apps\nComments\nPost a Comment",
    "Istanbul\nWebsite |  + posts\n\nFarkhund Yousafzai is an Associate Editor at The Diplomatic Insight.\n\nTrending Now\n\nLatest News\n\nRelated News",
    "Share this article\nFollow us on social media\nNewsletter sign-up",
];

const HEADLINES: &[&str] = &[
    "Russia-Ukraine Peace Talks Resume in Istanbul Amid Intensifying Conflict",
    "Russia and Ukraine Resume Peace Talks Despite Rising Tensions",
    "Russia and Ukraine Resume Peace Talks in Istanbul Amid U.S. Pressure",
    "Russia, Ukraine Resume Peace Talks in Istanbul Amid Low Expectations",
    "Delegations Return to Istanbul as Hopes for a Ceasefire Fade",
    "New Round of Talks Opens With Prisoner Exchange on the Agenda",
];

/// Background sentences of the fixtures' kind, used as they are.
const FIXED_FILLER: &[&str] = &[
    "Both sides remain deeply divided on ending the war, even as military clashes intensify.",
    "Hopes for an immediate resolution remain slim amid continued hostilities and starkly opposing demands.",
    "Kyiv views Russia’s approach as an effort to force surrender, something it firmly rejects.",
    "Moscow insists peace must be on Russian terms, warning Ukraine could lose more territory otherwise.",
    "Ukraine has rejected these demands as unacceptable, equating them to surrender.",
    "The meeting marks a symbolic yet cautious step in diplomacy, but major sticking points remain unresolved.",
    "Analysts doubt that either side is ready for meaningful compromises.",
    "Diplomatic sources suggest that small gains could be made if the Russian side is serious.",
    "The differences between the two nations remain vast and deeply entrenched.",
    "Ukraine maintains that it will not discuss territorial issues until after a ceasefire is in place.",
    "Western representatives from France, Germany, and the U.K. are expected to attend.",
    "Negotiations are expected to use current front lines as the starting point.",
    "Influential military bloggers have demanded harsh retaliation for the strike on Russian bombers.",
    "Officials on both sides described the atmosphere as tense but businesslike.",
];

// The pieces of composed background sentences. Real articles repeat few sentences: without
// these, the corpus would be a few hundred distinct sentences over and over, and every cache
// on the way (the regex engines' lazy DFAs above all) would be warmer than on a real feed.
const FIRST_NAMES: &[&str] = &[
    "Olena",
    "Andriy",
    "Iryna",
    "Mykola",
    "Tetiana",
    "Serhiy",
    "Natalia",
    "Dmytro",
    "Kateryna",
    "Oleksandr",
    "Yulia",
    "Pavlo",
    "Anna",
    "Marek",
    "Ingrid",
    "Thomas",
    "Claire",
    "Javier",
    "Elif",
    "Mehmet",
    "Ayse",
    "Lars",
    "Sofia",
    "Viktor",
    "Hanna",
    "Peter",
    "Laura",
    "Emre",
    "Daniel",
    "Maria",
];
const LAST_NAMES: &[&str] = &[
    "Kovalenko",
    "Bondarenko",
    "Shevchuk",
    "Tkachenko",
    "Moroz",
    "Lysenko",
    "Hrytsenko",
    "Novak",
    "Schneider",
    "Dubois",
    "Garcia",
    "Yilmaz",
    "Demir",
    "Kaya",
    "Lindqvist",
    "Rossi",
    "Fischer",
    "Horvath",
    "Nowak",
    "Petrov",
    "Ivanova",
    "Sokolov",
    "Marchenko",
    "Romanenko",
    "Savchenko",
    "Weber",
    "Laurent",
    "Costa",
    "Jansen",
    "Berg",
];
/// What a quoted person is: fixed per person (see [`Person`]), so that background sentences
/// never make two articles disagree about someone.
const ROLES: &[&str] = &[
    "a political analyst",
    "an economist",
    "a military analyst",
    "a senior fellow",
    "a historian",
    "a sociologist",
    "a former diplomat",
    "a professor of international law",
];
const INSTITUTIONS: &[&str] = &[
    "the Kyiv School of Economics",
    "the Razumkov Centre",
    "Chatham House",
    "a Warsaw think tank",
    "the Carnegie Endowment",
    "Sabanci University",
    "the University of Helsinki",
    "the European Council on Foreign Relations",
    "the Wilson Center",
    "a Berlin research institute",
];
const CITIES: &[&str] = &[
    "Kharkiv",
    "Odesa",
    "Dnipro",
    "Lviv",
    "Zaporizhzhia",
    "Sumy",
    "Poltava",
    "Chernihiv",
    "Ankara",
    "Brussels",
    "Warsaw",
    "Berlin",
    "Paris",
    "Geneva",
    "Vienna",
    "Helsinki",
    "Riga",
    "Vilnius",
    "Bucharest",
    "Prague",
    "Belgorod",
    "Kursk",
    "Rostov",
];
const COUNTRIES: &[&str] = &[
    "Germany",
    "France",
    "Poland",
    "Japan",
    "Canada",
    "the Netherlands",
    "Norway",
    "Sweden",
    "Denmark",
    "Italy",
    "Spain",
    "Finland",
    "Estonia",
    "Lithuania",
    "South Korea",
];
const MONTHS: &[&str] = &crate::extract::dates::MONTH_NAMES;
const DAYS: &[&str] = &crate::extract::dates::WEEKDAY_NAMES;
const GOODS: &[&str] = &[
    "grain",
    "sunflower oil",
    "steel",
    "coal",
    "iron ore",
    "corn",
    "wheat",
    "fertiliser",
];
const TOPICS: &[&str] = &[
    "energy prices",
    "the grain corridor",
    "sanctions relief",
    "reconstruction funding",
    "the electricity grid",
    "mobilisation",
    "EU accession",
    "frozen Russian assets",
    "air defence supplies",
    "the harvest",
    "the exchange rate",
    "refugee returns",
];
const SAYING: &[&str] = &[
    "said",
    "told reporters",
    "noted",
    "argued",
    "wrote",
    "added",
];

/// A person quoted in background sentences: a name and, fixed by it, a role and a place of work.
struct Person {
    name: String,
    role: &'static str,
    institution: &'static str,
}

impl Person {
    fn draw(r: &mut Rng) -> Person {
        let (f, l) = (r.below(FIRST_NAMES.len()), r.below(LAST_NAMES.len()));
        let who = f * LAST_NAMES.len() + l;
        Person {
            name: format!("{} {}", FIRST_NAMES[f], LAST_NAMES[l]),
            role: ROLES[who % ROLES.len()],
            institution: INSTITUTIONS[(who / ROLES.len()) % INSTITUTIONS.len()],
        }
    }
}

/// A percentage as news writes one: "14 percent", "6.5%", "nearly a third".
fn percent(r: &mut Rng) -> String {
    let n = 2 + r.below(70);
    match r.below(4) {
        0 => format!("{n} percent"),
        1 => format!("{n}.{}%", 1 + r.below(9)),
        2 => format!("{n}%"),
        _ => format!("about {n} per cent"),
    }
}

/// An amount of money: "$4.2 billion", "€350 million", "1.5 billion euros".
fn money(r: &mut Rng) -> String {
    let whole = 1 + r.below(40);
    let tenth = r.below(10);
    let scale = if r.chance(1, 2) { "billion" } else { "million" };
    match r.below(3) {
        0 => format!("${whole}.{tenth} {scale}"),
        1 => format!("€{} {scale}", whole * 10 + tenth),
        _ => format!("{whole}.{tenth} {scale} euros"),
    }
}

/// A composed background sentence: economy, politics, reactions and history around the story,
/// with its own names, places, numbers, years and weekdays — but no fact of a topic.
fn composed_filler(r: &mut Rng, seed: u64) -> String {
    let p = Person::draw(r);
    let city = r.pick(CITIES);
    let country = r.pick(COUNTRIES);
    let topic = r.pick(TOPICS);
    let say = r.pick(SAYING);
    let template = r.below(18);
    // The numbers of a template are the corpus's, not the article's: the same background fact
    // is told with the same figures everywhere (in other places, by other people), so it makes
    // agreements, and the articles disagree only on the story's facts.
    let mut n = Rng::new(article_seed(seed, usize::MAX - template));
    let sentence = match template {
        0 => format!(
            "\u{201c}Nobody expects a breakthrough on {topic} this week,\u{201d} {say} {}, {} at {}.",
            p.name, p.role, p.institution
        ),
        1 => format!(
            "{} shipments through the port of {city} rose to {}.{} million tonnes in {}, according to port data.",
            capitalized(n.pick(GOODS)),
            1 + n.below(9),
            n.below(10),
            n.pick(MONTHS)
        ),
        2 => format!(
            "A poll published on {} found that {} of respondents in {city} favour a deal on {topic}.",
            r.pick(DAYS),
            percent(&mut n)
        ),
        3 => format!(
            "{country} pledged {} in additional support, its foreign ministry {say} on {}.",
            money(&mut n),
            r.pick(DAYS)
        ),
        4 => format!(
            "Power was restored to {} homes in {city} after a {}-hour outage, the regional utility said.",
            group_thousands(1_000 + n.below(90_000)),
            2 + n.below(30)
        ),
        5 => format!(
            "{}, who has studied the region since {}, {say} that {topic} would shape any settlement.",
            p.name,
            1985 + n.below(35)
        ),
        6 => format!(
            "The central bank held its key rate at {} on {}, citing {topic}.",
            percent(&mut n),
            r.pick(DAYS)
        ),
        7 => format!(
            "Lines of about {} trucks formed at the border crossing near {city} on {}.",
            20 + n.below(900),
            r.pick(DAYS)
        ),
        8 => format!(
            "In {}, parliament in {city} voted {} to {} on a measure tied to {topic}.",
            1995 + n.below(31),
            150 + n.below(200),
            10 + n.below(120)
        ),
        9 => format!(
            "{} {say} the talks would matter less for {city} than {topic}.",
            p.name
        ),
        10 => format!(
            "Inflation slowed to {} in {}, from {} a month earlier.",
            percent(&mut n),
            n.pick(MONTHS),
            percent(&mut n)
        ),
        11 => format!(
            "{country}'s trade with the region fell by {} last year, to {}.",
            percent(&mut n),
            money(&mut n)
        ),
        12 => format!(
            "Schools in {city} moved {} classes online for the rest of {}.",
            10 + n.below(400),
            n.pick(MONTHS)
        ),
        13 => format!(
            "\u{201c}What happens to {topic} matters more to people here than any communique,\u{201d} {} {say}.",
            p.name
        ),
        14 => format!(
            "Rail operator {} added {} trains between {city} and {} for the summer.",
            if r.chance(1, 2) {
                "Ukrzaliznytsia"
            } else {
                "the state railway"
            },
            2 + n.below(40),
            r.pick(CITIES)
        ),
        15 => format!("{} is {} at {}.", p.name, p.role, p.institution),
        16 => format!(
            "The city council of {city} set aside {} for repairs on {}.",
            money(&mut n),
            r.pick(DAYS)
        ),
        _ => format!(
            "Since {}, about {} people have left {city}, local authorities estimate.",
            1995 + n.below(31),
            group_thousands(1_000 + n.below(400_000))
        ),
    };
    capitalized(&sentence)
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// "12,345" for 12345.
fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A sentence with, half the time, who says so: "…, Olena Moroz said.", "…, according to
/// Chatham House." A sentence that already says who reports it is left as it is.
fn attributed(sentence: String, r: &mut Rng) -> String {
    let said = [" said.", " reported.", " estimates."];
    if !r.chance(1, 2) || said.iter().any(|w| sentence.ends_with(w)) {
        return sentence;
    }
    let Some(body) = sentence.strip_suffix('.') else {
        return sentence;
    };
    let p = Person::draw(r);
    let who = match r.below(5) {
        0 => format!("{} said", p.name),
        1 => format!("according to {}", p.institution),
        2 => format!("{} reported", r.pick(OUTLETS)),
        3 => format!("officials in {} said", r.pick(CITIES)),
        _ => "a source familiar with the plans said".to_string(),
    };
    format!("{body}, {who}.")
}

/// The background sentences of one article: about a third of the fixtures' kind, the rest
/// composed afresh.
fn filler_sentences(r: &mut Rng, seed: u64) -> Vec<String> {
    let mut out: Vec<String> = FIXED_FILLER
        .iter()
        .filter(|_| r.chance(1, 3))
        .map(|s| s.to_string())
        .collect();
    for _ in 0..16 {
        let s = composed_filler(r, seed);
        out.push(attributed(s, r));
    }
    r.shuffle(&mut out);
    out
}

/// The facts one article holds: drawn per article, so articles disagree.
struct Facts {
    round: (&'static str, u32),
    weekday: &'static str,
    date: &'static str,
    venue: &'static str,
    ukr_leader: &'static str,
    ukr_title: &'static str,
    rus_leader: &'static str,
    trump_title: &'static str,
    drones: &'static str,
    share: &'static str,
    casualties: &'static str,
    killed: &'static str,
    prisoners: &'static str,
    chair: &'static str,
    envoy_side: &'static str,
}

const ROUNDS: &[(&str, u32)] = &[("first", 1), ("second", 2), ("third", 3)];
const WEEKDAYS: &[&str] = &["Monday", "Wednesday", "Friday", "Tuesday", "Thursday"];
const DATES: &[&str] = &["May 16", "June 2", "July 23", "16 May", "2 June", "July 22"];
const VENUES: &[&str] = &[
    "Dolmabahce Palace",
    "Ciragan Palace",
    "Yildiz Palace",
    "Dolmabahce Palace",
];
const UKR_LEADERS: &[&str] = &[
    "Rustem Umerov",
    "Rustem Umerov",
    "Rustem Umerov",
    "Andriy Yermak",
    "Rustam Umerov",
];
const UKR_TITLES: &[&str] = &[
    "Defense Minister",
    "Defense Minister",
    "Defence Minister",
    "former defense minister and now Secretary of the National Security and Defense Council",
];
const RUS_LEADERS: &[&str] = &[
    "Vladimir Medinsky",
    "Vladimir Medinsky",
    "Medinsky",
    "Sergei Lavrov",
];
const TRUMP_TITLES: &[&str] = &[
    "President",
    "President",
    "U.S. President",
    "former U.S. President",
];
const DRONES: &[&str] = &[
    "472",
    "472",
    "479",
    "nearly 480",
    "more than 470",
    "about 500",
    "355",
    "a record 472",
];
const SHARES: &[&str] = &[
    "about one-fifth",
    "nearly 20%",
    "roughly a fifth",
    "almost 19%",
    "around 18 percent",
    "nearly 20%",
];
const CASUALTIES: &[&str] = &[
    "over 1.2 million",
    "more than 1.2 million",
    "about 1 million",
    "nearly 1.3 million",
    "more than 1.2 million",
];
const KILLED: &[&str] = &["12", "at least 12", "15", "nine", "about a dozen", "14"];
const PRISONERS: &[&str] = &["1,000", "1,000", "1,200", "about 1,000", "900"];
const CHAIRS: &[&str] = &["Hakan Fidan", "Hakan Fidan", "Recep Tayyip Erdogan"];
const ENVOY_SIDES: &[&str] = &["U.S.", "American", "Trump's"];

impl Facts {
    fn draw(r: &mut Rng) -> Facts {
        Facts {
            round: ROUNDS[r.below(ROUNDS.len())],
            weekday: r.pick(WEEKDAYS),
            date: r.pick(DATES),
            venue: r.pick(VENUES),
            ukr_leader: r.pick(UKR_LEADERS),
            ukr_title: r.pick(UKR_TITLES),
            rus_leader: r.pick(RUS_LEADERS),
            trump_title: r.pick(TRUMP_TITLES),
            drones: r.pick(DRONES),
            share: r.pick(SHARES),
            casualties: r.pick(CASUALTIES),
            killed: r.pick(KILLED),
            prisoners: r.pick(PRISONERS),
            chair: r.pick(CHAIRS),
            envoy_side: r.pick(ENVOY_SIDES),
        }
    }
}

/// One sentence (or two) per fact, in one of several phrasings.
fn fact_sentences(f: &Facts, r: &mut Rng) -> Vec<String> {
    let (ord, _) = f.round;
    let ukr = match f.ukr_title {
        t if t.starts_with("former") => match r.below(2) {
            0 => format!(
                "Ukraine’s delegation to the Istanbul talks is being led by {}, the country’s {t}.",
                f.ukr_leader
            ),
            _ => format!(
                "Kyiv’s team is headed by {}, the country’s {t}.",
                f.ukr_leader
            ),
        },
        t => match r.below(3) {
            0 => format!(
                "Ukrainian President Volodymyr Zelenskiy confirmed that {t} {} will lead Ukraine’s delegation, alongside senior military officials.",
                f.ukr_leader
            ),
            1 => format!(
                "Ukraine's {t}, {}, will lead Kyiv’s delegation.",
                f.ukr_leader
            ),
            _ => format!(
                "Ukraine’s delegation will be led by {t} {} and include senior intelligence officials.",
                f.ukr_leader
            ),
        },
    };
    let rus = match r.below(3) {
        0 => format!(
            "Russia will be represented by Kremlin aide {}.",
            f.rus_leader
        ),
        1 => format!(
            "Russia’s team is headed by {}, a political figure who previously led the negotiation efforts.",
            f.rus_leader
        ),
        _ => format!("{} will represent Russia.", f.rus_leader),
    };
    let when = match r.below(3) {
        0 => format!(
            "Russia and Ukraine are set to hold a {ord} round of direct peace talks in Istanbul on {}.",
            f.weekday
        ),
        1 => format!(
            "Delegations from Russia and Ukraine returned to the negotiating table in Istanbul on {} for a {ord} round of talks.",
            f.weekday
        ),
        _ => format!(
            "Negotiators are set to meet in Istanbul on {} for their {ord} round of direct peace talks.",
            f.weekday
        ),
    };
    let date = match r.below(2) {
        0 => format!(
            "The previous round of talks, held on {}, resulted in the largest prisoner swap of the conflict, with {} detainees freed on each side.",
            f.date, f.prisoners
        ),
        _ => format!(
            "In the last meeting on {}, both sides agreed to a swap, and {} prisoners were freed on each side.",
            f.date, f.prisoners
        ),
    };
    let venue = match r.below(2) {
        0 => format!(
            "The high-stakes discussions will take place at {}, with officials meeting at 0745 GMT.",
            f.venue
        ),
        _ => format!(
            "The talks, hosted at the {}, are seen as a potential step toward de-escalation.",
            f.venue
        ),
    };
    let trump = format!(
        "{} {} Donald Trump has urged both nations to reach a peace agreement, warning of tougher sanctions if talks stall.",
        if r.chance(1, 2) {
            "Meanwhile,"
        } else {
            "Separately,"
        },
        f.trump_title
    );
    let drones = match r.below(2) {
        0 => format!(
            "Ukraine’s air force reported that Russia launched {} drones overnight, the highest single-day total of the war.",
            f.drones
        ),
        _ => format!(
            "The conflict escalated on Sunday, with Russia launching {} drones overnight.",
            f.drones
        ),
    };
    let share = match r.below(2) {
        0 => format!(
            "Russia still controls {} of Ukraine, roughly 113,000 square kilometers.",
            f.share
        ),
        _ => format!(
            "Currently, Russia controls {} of Ukraine, an area roughly the size of Ohio.",
            f.share
        ),
    };
    let casualties = format!(
        "The war, which began in 2022 after years of regional conflict, has resulted in {} casualties, according to U.S. estimates.",
        f.casualties
    );
    let killed = format!(
        "A missile strike on Kharkiv on the eve of the talks killed {} civilians, local officials said.",
        f.killed
    );
    let chair = match r.below(2) {
        0 => format!(
            "The discussions will be chaired by Turkish Foreign Minister {}.",
            f.chair
        ),
        _ => format!(
            "Turkish Foreign Minister {} opened the talks, calling for an end to the war.",
            f.chair
        ),
    };
    let envoy = format!(
        "{} envoy Keith Kellogg confirmed American involvement alongside British, French, and German representatives.",
        f.envoy_side
    );
    vec![
        ukr, rus, when, date, venue, trump, drones, share, casualties, killed, chair, envoy,
    ]
}

/// The bytes of article `i` of the corpus with this seed (about 3 KB).
pub fn article(i: usize, seed: u64) -> String {
    let mut r = Rng::new(article_seed(seed, i));
    let facts = Facts::draw(&mut r);
    let mut out = String::with_capacity(3600);
    if r.chance(1, 3) {
        let day = 20 + r.below(8);
        let _ = write!(
            out,
            "+++\noutlet = \"{}\"\npublished = \"2025-07-{day:02}\"\n+++\n",
            r.pick(OUTLETS)
        );
    }
    out.push_str(r.pick(HEADERS));
    out.push('\n');
    let headline = r.pick(HEADLINES);
    let _ = write!(out, "{headline}\n\n");
    if r.chance(1, 2) {
        let _ = write!(
            out,
            "{headline}. Source: President Of Ukraine, CC0, via Wikimedia Commons\n\n"
        );
    }
    // Each article states most facts, in a shuffled order, with filler in between.
    let mut sentences: Vec<String> = Vec::new();
    for s in fact_sentences(&facts, &mut r) {
        if r.chance(5, 6) {
            sentences.push(attributed(s, &mut r));
        }
    }
    let fillers = filler_sentences(&mut r, seed);
    r.shuffle(&mut sentences);
    let mut body = String::new();
    let mut in_para = 0;
    let mut fill = fillers.iter();
    for s in &sentences {
        body.push_str(s);
        in_para += 1;
        if r.chance(1, 2)
            && let Some(f) = fill.next()
        {
            body.push(' ');
            body.push_str(f);
        }
        if in_para >= 2 && r.chance(1, 2) {
            body.push_str("\n\n");
            in_para = 0;
        } else {
            body.push(' ');
        }
    }
    // Pad with filler to about 3 KB of text.
    while body.len() < 2400 {
        match fill.next() {
            Some(f) => {
                body.push_str(f);
                body.push(' ');
            }
            None => break,
        }
    }
    out.push_str(body.trim_end());
    out.push_str("\n\n");
    out.push_str(r.pick(FOOTERS));
    out
}

/// Write articles `0..n` into `dir` (created if needed); returns the bytes written.
pub fn write_corpus(dir: &Path, n: usize, seed: u64) -> io::Result<u64> {
    fs::create_dir_all(dir)?;
    let mut total = 0u64;
    for i in 0..n {
        let text = article(i, seed);
        total += text.len() as u64;
        fs::write(dir.join(file_name(i, seed)), text)?;
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes() {
        assert_eq!(article(7, 1), article(7, 1));
        assert_ne!(article(7, 1), article(8, 1));
        assert_ne!(article(7, 1), article(7, 2));
        assert_eq!(file_name(3, 9), file_name(3, 9));
    }

    #[test]
    fn most_sentences_are_written_once() {
        // A feed repeats few sentences; the corpus must not either, or every cache on the way
        // is warmer than on real news.
        let mut all = 0usize;
        let mut distinct = std::collections::HashSet::new();
        for i in 0..200 {
            for s in article(i, 42).split(". ").filter(|s| s.len() > 20) {
                all += 1;
                distinct.insert(s.to_string());
            }
        }
        // 68 % here; the fact sentences, a dozen phrasings of a few values, are most of the
        // repeats. (The generator before composed background sentences: about 7 %.)
        assert!(
            distinct.len() * 10 >= all * 6,
            "{} distinct of {all}",
            distinct.len()
        );
    }

    #[test]
    fn background_sentences_state_no_fact_of_a_topic() {
        // Only the articles' fact sentences may make them disagree. A background sentence may
        // give a quoted person's role (always the same for the same name) and generic claims
        // (counts, shares, weekdays); any other topic's claim is the rules misreading news
        // that is not about the story (a central bank's rate is no territory held).
        let rules = crate::rules::Rules::defaults().expect("built-in rules");
        let mut r = Rng::new(11);
        let text = (0..2000)
            .map(|_| composed_filler(&mut r, 11))
            .collect::<Vec<_>>()
            .join("\n\n");
        let a = crate::article::parse_article("bg".into(), "bg".into(), text.as_bytes())
            .expect("parses");
        let claims = crate::extract::extract(&a, &rules).claims;
        let topics: Vec<&str> = rules.topics.iter().map(|t| t.id.as_str()).collect();
        let mut roles = std::collections::HashMap::new();
        let mut generic = std::collections::HashMap::new();
        for c in &claims {
            if &*c.topic == "official-title" {
                let role = roles
                    .entry(c.subject.clone())
                    .or_insert(c.normalized.clone());
                assert_eq!(*role, c.normalized, "{} has two roles", c.subject);
            } else {
                // A background fact has the corpus's figures: the same in every sentence.
                let value = generic
                    .entry((c.topic.clone(), c.subject.clone()))
                    .or_insert(c.normalized.clone());
                assert_eq!(
                    *value, c.normalized,
                    "{} {} from {:?}",
                    c.topic, c.subject, c.quote
                );
                assert!(
                    !topics.contains(&&*c.topic),
                    "{} claim {:?} = {:?} from {:?}",
                    c.topic,
                    c.subject,
                    c.value,
                    c.quote
                );
            }
        }
        assert!(claims.len() > 1000, "only {} generic claims", claims.len());
    }

    #[test]
    fn articles_are_about_three_kilobytes() {
        let total: usize = (0..100).map(|i| article(i, 42).len()).sum();
        let mean = total / 100;
        assert!((2000..4500).contains(&mean), "{mean}");
    }
}
