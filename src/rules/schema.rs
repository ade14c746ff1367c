//! The shape of rule files as written: parsed with `deny_unknown_fields`, validated afterwards
//! (see `load.rs`), so every mistake can point at a file, line and column.

use serde::Deserialize;
use toml::Spanned;

/// `rules/<topic>.toml`: one topic.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicFile {
    pub topic: TopicHeader,
    /// Generic values of the topic's kind that this topic takes, and the subject they get.
    #[serde(default)]
    pub measure: Vec<MeasureDef>,
    /// Topic-specific patterns (regexes with placeholders such as `{person}` and `{side}`).
    #[serde(default)]
    pub pattern: Vec<PatternDef>,
    /// Sentences with the claims they must yield (or none).
    #[serde(default)]
    pub test: Vec<RuleTest>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicHeader {
    pub id: Spanned<String>,
    pub title: String,
    pub description: String,
    /// The value kind the topic holds: count, share, date, weekday, time, duration, distance,
    /// area, money, person, title, place.
    pub kind: Spanned<String>,
    /// Whether claims attach to events (rounds of talks, strikes): claims about different
    /// events are never a contradiction of each other.
    #[serde(default)]
    pub events: bool,
    /// Vocabularies the topic's patterns rely on (checked to exist).
    #[serde(default)]
    pub uses: Vec<Spanned<String>>,
}

/// Assigns generic values to this topic under a subject, by the counted noun and cue words.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureDef {
    /// The subject claims get: a fixed name ("drones launched") or a template with
    /// `{noun}`, `{verb}`, `{person}`.
    pub subject: Spanned<String>,
    /// The counted noun must be one of these (singular or plural; case-insensitive). Empty: any.
    #[serde(default)]
    pub nouns: Vec<String>,
    /// At least one of these words must appear near the value (word prefix,
    /// case-insensitive). Empty: none needed. The nearest cue wins among measures.
    #[serde(default)]
    pub cues: Vec<String>,
    /// None of these may appear near the value.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// The subject of an earlier measure of the same topic whose cues and exclude words this
    /// one takes too (before its own): measures of other nouns that are cued alike share
    /// one list.
    #[serde(default)]
    pub cues_of: Option<Spanned<String>>,
    /// How many words either side of the value count as "near" (default 8).
    #[serde(default)]
    pub window: Option<Spanned<i64>>,
    /// Takes, before any cue, a count the generic layer read as the whole a part is counted
    /// from: "downed 45 of the 52 drones" (52; `partitive_links` in the measures
    /// vocabulary). Without such a measure a whole goes by its cues, but takes none that
    /// stands before its part ("downed" is the 45's).
    #[serde(default)]
    pub whole: bool,
    /// Takes, before any cue, a count the generic layer read as each side's of an even
    /// trade: "1,000 prisoners for 1,000", "a 1,000-for-1,000 exchange" (`trade_links`).
    #[serde(default)]
    pub each_side: bool,
}

/// A topic-specific pattern: a regex in which placeholders stand for vocabulary-backed
/// sub-patterns and become named groups.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternDef {
    pub regex: Spanned<String>,
    /// The subject, a template over the placeholders: "{side} delegation".
    pub subject: Spanned<String>,
    /// The placeholder whose text is the claim's value: "person", "place", "title".
    pub value: Spanned<String>,
}

/// One rule test: a sentence and the claims of this topic it must yield (`expect = []` for
/// none).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleTest {
    pub text: String,
    /// The article's date, to resolve weekdays and dates against.
    #[serde(default)]
    pub published: Option<String>,
    pub expect: Vec<Expected>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    pub subject: String,
    /// The value as written.
    pub value: String,
    #[serde(default)]
    pub normalized: Option<String>,
    #[serde(default)]
    pub hedge: Option<String>,
    #[serde(default)]
    pub tenure: Option<String>,
    #[serde(default)]
    pub event: Option<String>,
}

/// `rules/vocab/people.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeopleVocab {
    #[serde(default)]
    pub person: Vec<PersonDef>,
    /// Words of courtesy or religious standing written before a name and never part of it
    /// ("Sheikh", "Sir", "Mr"), as capitalized in text.
    #[serde(default)]
    pub honorifics: Vec<String>,
    /// Names-with-spelling-variant pairs that must resolve to one person (tests of the
    /// resolver).
    #[serde(default)]
    pub test: Vec<SameAsTest>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonDef {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SameAsTest {
    pub name: String,
    /// The canonical name it must resolve to; equal to `name` when it must stay itself.
    pub resolves_to: String,
}

/// `rules/vocab/places.toml`: countries, their demonyms and capitals (as metonyms), venues.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacesVocab {
    #[serde(default)]
    pub place: Vec<PlaceDef>,
    /// Words that end a venue name: Palace, Hotel, Centre.
    #[serde(default)]
    pub venue_words: Vec<String>,
    /// Lower-case words that make a lower-case venue word one building: "the presidential
    /// palace".
    #[serde(default)]
    pub venue_modifiers: Vec<String>,
    /// Lower-case nouns that name a side of a conflict in news where no country does ("the
    /// army's delegation", "the rebel team"), or that qualify a country's team ("the Sudanese
    /// army delegation" is Sudan's).
    #[serde(default)]
    pub side_nouns: Vec<String>,
    #[serde(default)]
    pub test: Vec<PlaceTest>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceDef {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceTest {
    pub text: String,
    pub resolves_to: String,
}

/// `rules/vocab/titles.toml`: what a title is made of, and when it is held.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitlesVocab {
    /// Nouns that head a title: minister, president, spokesperson.
    pub heads: Vec<String>,
    /// Words that may stand before a head inside a title: foreign, deputy, prime.
    pub modifiers: Vec<String>,
    /// Spellings of one title: "defence minister" → "defense minister".
    #[serde(default)]
    pub alias: Vec<TitleAlias>,
    pub tenure: TenureWords,
    /// Heads that are not titles of a person on their own ("figure").
    #[serde(default)]
    pub not_titles: Vec<String>,
    /// Words of titles that name no post ("leader", "senior official"): a title made only of
    /// them gives no claim, so it contradicts no post another article names.
    #[serde(default)]
    pub vague: Vec<String>,
    /// What a complement may name that says nothing of the post: "envoy for the process" is
    /// an envoy. Lower case, without the article.
    #[serde(default)]
    pub vague_complements: Vec<String>,
    #[serde(default)]
    pub test: Vec<TitleTest>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleAlias {
    pub canonical: String,
    pub forms: Vec<String>,
    /// The forms are spellings of the head also before a complement: "spokesman of the
    /// Front" is the Front's spokesperson. Without it a form is the canonical title only as
    /// the whole title or its end ("Mossad director" is the Mossad chief; "director of
    /// policy planning" stays a director).
    #[serde(default)]
    pub before_complement: bool,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenureWords {
    pub former: Vec<String>,
    pub now: Vec<String>,
    pub also: Vec<String>,
    /// Verbs of a relative clause after "Title Name," that say the post was left: "Intelligence
    /// director Lars Berg, who retired in May". Lower case; a phrase is matched word by word.
    #[serde(default)]
    pub left: Vec<String>,
    /// Words that say a post is held now and has been for a while: "the group's longtime
    /// spokesman". Read as a plain title (held at the article's date). Lower case.
    #[serde(default)]
    pub held: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleTest {
    pub text: String,
    pub person: String,
    pub title: String,
    #[serde(default)]
    pub tenure: Option<String>,
}

/// `rules/vocab/measures.toml`: verbs that name what a count counts, and words that are never
/// counted nouns.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasuresVocab {
    #[serde(default)]
    pub verb: Vec<VerbDef>,
    /// Named lists of counted nouns (singular, lower case) that several `[[verb]]` entries
    /// are bound to, each by `noun_list = "<name>"`: the verbs of an exchange ("received",
    /// "handed over") name one list of people and bodies.
    #[serde(default)]
    pub noun_lists: std::collections::BTreeMap<String, Vec<String>>,
    /// The first words (lower case) of `[[verb]]` forms of three words or more ("forced from
    /// their homes", "lost their lives"), filled at load: a count's verb is looked up as such
    /// a form only at these words.
    #[serde(skip)]
    pub long_form_starts: Vec<String>,
    /// The ASCII first letters of `long_form_starts` (bit `b - b'a'`), filled at load: most
    /// words are turned away by their first letter before the list is searched.
    #[serde(skip)]
    pub long_form_initials: u32,
    /// Words that end the noun phrase after a number (prepositions, auxiliaries, adverbs).
    #[serde(default)]
    pub stop_words: Vec<String>,
    /// Words after which a count distributes: "each side", "apiece".
    #[serde(default)]
    pub per_each: Vec<String>,
    /// Plural nouns without an -s ending ("people", "crew").
    #[serde(default)]
    pub plural_nouns: Vec<String>,
    /// Counted nouns too common to compare on their own ("sides", "countries"), singular.
    #[serde(default)]
    pub ignore_nouns: Vec<String>,
    /// Words after which a number is a label, not a count ("magnitude", "Flight").
    #[serde(default)]
    pub label_words: Vec<String>,
    /// Phrases that name what a bare number after them counts: "death toll" → "deaths".
    #[serde(default)]
    pub anchors: std::collections::BTreeMap<String, String>,
    /// Nouns that name people by what befell them ("deaths", "injured", "lives"): a later
    /// count that names no noun of its own counts people, not deaths ("the number of dead
    /// climbed to 1,305, with 1,832 others hurt": 1,832 people hurt). Lower case.
    #[serde(default)]
    pub fate_nouns: Vec<String>,
    /// Phrases that, before "of" and a noun phrase, name what a bare number after them
    /// counts: "the number of displaced people fell by 2,000 to 48,000" counts people
    /// (displaced). Lower case, without the "of".
    #[serde(default)]
    pub anchor_heads: Vec<String>,
    /// Nouns that, before "of" and a number, are what is counted ("the bodies of 6,000
    /// soldiers").
    #[serde(default)]
    pub of_nouns: Vec<String>,
    /// Adjectives that stand for the counted noun right after a number when no noun follows
    /// ("14 dead", "30 wounded").
    #[serde(default)]
    pub noun_adjectives: Vec<String>,
    /// Tokens a cue word may cross, besides other counts, to reach a count across a clause
    /// mark: "12 people, including 3 children, were killed" (as written; case matters).
    #[serde(default)]
    pub shared_cue_words: Vec<String>,
    /// Finite verbs (and auxiliaries) that make the count before them the subject of a clause
    /// of its own: "... and 12 drones hit the city". Lower case.
    #[serde(default)]
    pub clause_verbs: Vec<String>,
    /// Words that make the number after them definite: "the two", "their three". Lower case.
    #[serde(default)]
    pub definite_determiners: Vec<String>,
    /// Nouns of the parties of a story, singular (and plurals without an -s): after a
    /// definite number ("the two delegations") they refer to parties already named, not to a
    /// count. Lower case.
    #[serde(default)]
    pub party_nouns: Vec<String>,
    /// Words between a count and the next that make the next the other side of a trade
    /// ("1,000 prisoners for 1,000"), as phrases. Lower case.
    #[serde(default)]
    pub trade_links: Vec<String>,
    /// Words between a count and the next number that make the next what came back in
    /// return, the other side of an exchange ("handed over 84 prisoners and received 84 in
    /// return"), as phrases; the next number names no noun or the same one. Lower case.
    #[serde(default)]
    pub return_links: Vec<String>,
    /// Words right after a number that make it a multiple or a number of occasions, no count:
    /// "four times the number", "struck 40 times". As written.
    #[serde(default)]
    pub multiples: Vec<String>,
    /// Words after a number that make it a difference before "than" ("20 more than").
    #[serde(default)]
    pub comparatives: Vec<String>,
    /// Verbs of a change before "by" and the amount ("rose by 20"). Lower case.
    #[serde(default)]
    pub change_verbs: Vec<String>,
    /// Nouns of a change before "of" and the amount ("an increase of 20"). Lower case.
    #[serde(default)]
    pub change_nouns: Vec<String>,
    /// Phrases before a number that make it the value a change started from, no claim of the
    /// sentence: "400 drones, up from 380". "up" and "down" only at the start of a clause or
    /// after a form of "be" (not "shot down from"). Lower case.
    #[serde(default)]
    pub previous_links: Vec<String>,
    /// Words between a count without a noun and the next count that make the first a part of
    /// the second: "45 of the 52 drones" (45 drones, of a whole of 52). Lower case.
    #[serde(default)]
    pub partitive_links: Vec<String>,
    /// Irregular past forms that end the noun phrase after a number ("one strike hit a
    /// school": the noun is "strike") and, right after a definite number, make it the subject
    /// of a clause ("the two held talks": no count). Lower case.
    #[serde(default)]
    pub past_verbs: Vec<String>,
    #[serde(default)]
    pub test: Vec<CountTest>,
}

/// A `[[verb]]` entry, as used once loaded. Read through [`VerbEntry`], which keeps where
/// its keys were written, so that the load can point at a mistake in them.
#[derive(Clone, Debug, Deserialize)]
#[serde(from = "VerbEntry")]
pub struct VerbDef {
    /// The name of the measure in a subject: "killed", "shot down".
    pub measure: String,
    pub forms: Vec<String>,
    /// The counted nouns (singular, lower case) the forms name this measure for; empty: all.
    /// For any other noun they name `otherwise`: "sent 40 drones" were launched, "sent 56
    /// rescuers" were sent. At load the named list of `noun_list` is put before them.
    pub nouns: Vec<String>,
    /// The measure of the forms for a noun not in `nouns` (required with `nouns`, an error
    /// without them).
    pub otherwise: Option<String>,
    /// The name of a list of `noun_lists` whose nouns the forms are bound to too.
    pub noun_list: Option<Spanned<String>>,
    /// Where `measure`, `nouns` and `otherwise` were written (byte offsets), for errors.
    pub at: VerbSpans,
}

/// Byte ranges of a `[[verb]]`'s keys in its file.
#[derive(Clone, Debug, Default)]
pub struct VerbSpans {
    pub measure: std::ops::Range<usize>,
    pub nouns: Option<std::ops::Range<usize>>,
    pub otherwise: Option<std::ops::Range<usize>>,
}

/// A `[[verb]]` entry as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerbEntry {
    measure: Spanned<String>,
    forms: Vec<String>,
    #[serde(default)]
    nouns: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    noun_list: Option<Spanned<String>>,
    #[serde(default)]
    otherwise: Option<Spanned<String>>,
}

impl From<VerbEntry> for VerbDef {
    fn from(e: VerbEntry) -> VerbDef {
        let at = VerbSpans {
            measure: e.measure.span(),
            nouns: e.nouns.as_ref().map(Spanned::span),
            otherwise: e.otherwise.as_ref().map(Spanned::span),
        };
        VerbDef {
            measure: e.measure.into_inner(),
            forms: e.forms,
            nouns: e.nouns.map(Spanned::into_inner).unwrap_or_default(),
            otherwise: e.otherwise.map(Spanned::into_inner),
            noun_list: e.noun_list,
            at,
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountTest {
    pub text: String,
    /// The generic measure the count (or sum of money) written as `value`, else the first
    /// count, must get ("people killed"); empty: none.
    pub measure: String,
    pub value: String,
}

/// `rules/vocab/events.toml`: what marks an event that happens more than once.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventsVocab {
    /// Nouns of events: talks, round, meeting, summit, strike, exchange.
    pub nouns: Vec<String>,
    /// Words after which an event noun heads no event but a compound: "exchange rate",
    /// "strike price", "fire station".
    #[serde(default)]
    pub compound_heads: Vec<String>,
    /// Ordinal words and their numbers: first = 1.
    pub ordinals: Vec<OrdinalDef>,
    /// Words that point at the event before the article's own: previous, last, earlier.
    pub previous: Vec<String>,
    /// Words that point at the article's own event: this, latest, current, new.
    #[serde(default)]
    pub current: Vec<String>,
    /// "first talks in over seven weeks": a gap at least this long starts a new series (days).
    pub new_series_gap_days: i64,
    #[serde(default)]
    pub test: Vec<EventTest>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrdinalDef {
    pub word: String,
    pub number: u32,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventTest {
    pub text: String,
    /// The event label the sentence must resolve to ("round 2"), or "" for none.
    pub event: String,
}
