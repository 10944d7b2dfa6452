//! The shipped lexicon: dated resolution, metonyms, demonyms, agents
//! composed with countries, overlays, the code table, and the PETRARCH
//! importer on every dictionary in the shared data.

use chrono::NaiveDate;
use dyad_lexicon::petrarch::{self, DictKind};
use dyad_lexicon::{ActorKind, Convention, Lexicon, Mention};
use std::path::PathBuf;
use std::sync::OnceLock;

fn lex() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| match Lexicon::bundled() {
        Ok(l) => l,
        Err(e) => panic!("shipped lexicon does not load: {e}"),
    })
}

fn day(s: &str) -> NaiveDate {
    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) => d,
        Err(e) => panic!("bad test date {s}: {e}"),
    }
}

/// The single mention in `text` at `date`.
fn one(l: &Lexicon, text: &str, date: &str) -> Mention {
    let found = l.lookup(text, day(date));
    assert_eq!(found.len(), 1, "{text:?} on {date}: {found:#?}");
    found.into_iter().next().unwrap_or_else(|| unreachable!())
}

fn code(text: &str, date: &str) -> String {
    one(lex(), text, date).code
}

#[test]
fn people_resolve_by_the_event_date() {
    assert_eq!(code("Trump", "2019-06-01"), "USAGOV");
    assert_eq!(code("Trump", "2022-06-01"), "USA");
    assert_eq!(code("Trump", "2025-07-11"), "USAGOV");
    assert_eq!(code("President Pezeshkian", "2025-07-11"), "IRNGOV");
    // Before the presidency he sat in parliament.
    assert_eq!(code("Pezeshkian", "2020-01-01"), "IRNLEG");
    let m = one(lex(), "Masoud Pezeshkian", "2025-07-11");
    assert_eq!(m.role_start, Some(day("2024-07-28")));
    assert_eq!(m.role_end, None);
    assert_eq!(m.kind, ActorKind::Person);
    assert_eq!(code("Rouhani", "2015-01-01"), "IRNGOV");
    assert_eq!(code("Erdogan", "2010-01-01"), "TURGOV");
    assert_eq!(code("Erdoğan", "2020-01-01"), "TURGOV");
    // A monarch of several realms reads as their own country's.
    assert_eq!(code("Queen Elizabeth", "2010-01-01"), "GBRGOV");
}

#[test]
fn titles_and_possessives_join_the_person() {
    let m = one(lex(), "Iran's President Masoud Pezeshkian", "2025-07-11");
    assert_eq!((m.code.as_str(), m.start, m.end), ("IRNGOV", 0, 5));
    // A title of another country names someone else of that name (here
    // one the lexicon does not know): not Colombia's Gustavo Petro.
    let m = one(lex(), "Ukrainian President Petro Ivanenko", "2018-01-01");
    assert_eq!((m.code.as_str(), m.kind), ("UKRGOV", ActorKind::Agent));
    // The office the text names stands over a person the dictionary has
    // out of office at the date (Alan Garcia's first term, 1985-1990, is
    // not in it); a former one does not.
    assert_eq!(
        code("Peruvian President Alan Garcia", "1987-06-01"),
        "PERGOV"
    );
    assert_eq!(code("President Alan Garcia", "1987-06-01"), "PERGOV");
    assert_eq!(code("former President Alan Garcia", "1987-06-01"), "PER");
    // A hyphenated "ex-" title is a former one too.
    assert_eq!(code("ex-prime minister Ehud Olmert", "2018-01-01"), "ISR");
}

#[test]
fn national_agencies_by_name() {
    assert_eq!(code("FBI", "2018-01-01"), "USACOP");
    assert_eq!(
        code("the Central Intelligence Agency", "2018-01-01"),
        "USASPY"
    );
    assert_eq!(code("Mossad", "2018-01-01"), "ISRSPY");
    // Not China's army: the name is shared.
    let found = lex().lookup("Sudan People's Liberation Army", day("2018-01-01"));
    assert!(
        found.iter().all(|m| !m.code.starts_with("CHN")),
        "{found:#?}"
    );
    // A room at home is no ministry.
    let found = lex().lookup("he worked from his home office", day("2018-01-01"));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn countries_demonyms_and_metonyms() {
    assert_eq!(code("Azerbaijan", "2025-01-01"), "AZE");
    assert_eq!(code("Azeri", "2025-01-01"), "AZE");
    assert_eq!(code("Azerbaijani", "2025-01-01"), "AZE");
    assert_eq!(code("Emirati", "2025-01-01"), "ARE");
    assert_eq!(code("Israeli", "2025-01-01"), "ISR");
    // Capitals: the government when metonymic, the country as a place.
    let baku = one(lex(), "Baku", "2025-01-01");
    assert_eq!(baku.kind, ActorKind::Capital);
    assert_eq!(baku.code, "AZEGOV");
    assert_eq!(baku.place_code.as_deref(), Some("AZE"));
    assert_eq!(code("Tehran", "2025-01-01"), "IRNGOV");
    assert_eq!(code("Washington", "2025-01-01"), "USAGOV");
    // Seats of government.
    assert_eq!(code("the Kremlin", "2025-01-01"), "RUSGOV");
    assert_eq!(code("the White House", "2025-01-01"), "USAGOV");
    assert_eq!(code("Downing Street", "2025-01-01"), "GBRGOV");
}

#[test]
fn agents_compose_with_countries() {
    assert_eq!(code("Iranian police", "2025-01-01"), "IRNCOP");
    assert_eq!(code("Israeli operatives", "2025-01-01"), "ISRSPY");
    assert_eq!(code("Azeri ambassador", "2025-01-01"), "AZEGOV");
    assert_eq!(code("Iran's foreign ministry", "2025-01-01"), "IRNGOV");
    assert_eq!(
        code("the foreign minister of Azerbaijan", "2025-01-01"),
        "AZEGOV"
    );
    let rebels = one(lex(), "the rebels", "2025-01-01");
    assert_eq!(
        (rebels.code.as_str(), rebels.country.as_deref()),
        ("---REB", None)
    );
    assert_eq!(rebels.sector.as_deref(), Some("REB"));
}

#[test]
fn regions_are_actors_and_do_not_swallow_countries() {
    assert_eq!(code("Latin American leaders", "2025-01-01"), "LAMGOV");
    assert_eq!(code("Gulf states", "2025-01-01"), "PGS");
    // Longer names still win: a country, an organisation, a place.
    assert_eq!(code("South African police", "2025-01-01"), "ZAFCOP");
    assert_eq!(code("the European Union", "2025-01-01"), "IGOEUREEC");
    assert_eq!(code("the West Bank", "2025-01-01"), "PSE");
}

#[test]
fn international_actors() {
    assert_eq!(code("the United Nations", "2025-01-01"), "IGOUNO");
    assert_eq!(
        code("NATO", "2025-01-01"),
        code("North Atlantic Treaty Organization", "2025-01-01")
    );
    assert!(code("Hezbollah", "2025-01-01").starts_with("LBN"));
    assert!(code("the Houthis", "2025-01-01").starts_with("YEM"));
    // Dated: the Taliban were rebels before August 2021, the government after.
    assert_eq!(code("the Taliban", "2015-01-01"), "AFGREB");
    assert_eq!(code("the Taliban", "2023-01-01"), "AFGGOV");
}

#[test]
fn longest_match_and_several_actors() {
    // Protesters are the opposition sector (OPP), as in Phoenix.
    let found = lex().lookup(
        "Iranian police clashed with Azeri protesters near Baku",
        day("2025-01-01"),
    );
    let codes: Vec<&str> = found.iter().map(|m| m.code.as_str()).collect();
    assert_eq!(codes, ["IRNCOP", "AZEOPP", "AZEGOV"], "{found:#?}");
}

#[test]
fn event_codes_with_conventions() {
    let l = lex();
    let Some(ec) = l.event("195") else {
        panic!("195 missing")
    };
    assert_eq!(ec.goldstein, Some(-10.0));
    assert_eq!(ec.quad(Convention::Gdelt), Some(4));
    assert_eq!(ec.plover_event.as_deref(), Some("ASSAULT"));
    assert!(
        l.event("1951").is_some() && l.event("1952").is_some(),
        "CAMEO 1.1b3 codes"
    );
    // Conventions differ: 16 (reduce relations) is material conflict for
    // GDELT, verbal conflict for Phoenix; 02 is neutral in Phoenix.
    let Some(r16) = l.event("160") else {
        panic!("160 missing")
    };
    assert_eq!(r16.quad(Convention::Gdelt), Some(4));
    assert_eq!(r16.quad(Convention::Phoenix), Some(3));
    assert_eq!(
        l.event("020").and_then(|e| e.quad(Convention::Phoenix)),
        Some(0)
    );
    assert!(l.events().count() >= 311);
}

#[test]
fn shipped_lexicon_checks_clean_and_is_large_enough() {
    let issues = lex().check();
    assert!(issues.is_empty(), "{issues:#?}");
    let s = lex().stats();
    assert!(
        s.countries >= 249 && s.people >= 1000 && s.organizations >= 300,
        "{s:?}"
    );
    assert!(s.patterns >= 3000, "{s:?}");
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-lexicon-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    if let Err(e) = std::fs::create_dir_all(d.join("people")) {
        panic!("{}: {e}", d.display());
    }
    d
}

fn write(path: PathBuf, text: &str) {
    if let Err(e) = std::fs::write(&path, text) {
        panic!("{}: {e}", path.display());
    }
}

#[test]
fn overlays_add_and_replace_later_wins() {
    let a = tmpdir("a");
    let b = tmpdir("b");
    write(
        a.join("people/mine.tsv"),
        "person\taliases\tcountry\tpost\tcode\toffice\tstart\tend\tsource\n\
         Jane Example\tExample\tAZE\tfm\tAZEGOV\tMinister of Foreign Affairs\t2030-01-01\t\tmy notes\n",
    );
    write(
        a.join("agents.tsv"),
        "term\tcode\tkind\tbasis\npolice\tMIL\tbody\tmine\n",
    );
    write(
        b.join("agents.tsv"),
        "term\tcode\tkind\tbasis\npolice\tJUD\tbody\tmine\n",
    );
    let one_layer = match Lexicon::load(std::slice::from_ref(&a)) {
        Ok(l) => l,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(one(&one_layer, "Example", "2031-05-05").code, "AZEGOV");
    assert_eq!(one(&one_layer, "Example", "2029-05-05").code, "AZE");
    assert_eq!(
        one(&one_layer, "Iranian police", "2031-05-05").code,
        "IRNMIL"
    );
    let two = match Lexicon::load(&[a.clone(), b.clone()]) {
        Ok(l) => l,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(one(&two, "Iranian police", "2031-05-05").code, "IRNJUD");
    assert!(two
        .lookup("Example", day("2031-05-05"))
        .iter()
        .any(|m| m.code == "AZEGOV"));
    // The shipped entries are still there.
    assert_eq!(one(&two, "Trump", "2019-06-01").code, "USAGOV");
    // Errors name the file and line.
    write(
        b.join("agents.tsv"),
        "term\tcode\tkind\tbasis\npolice\tnot a code\tbody\tmine\n",
    );
    let err = match Lexicon::load(&[a.clone(), b.clone()]) {
        Ok(_) => panic!("a bad code must not load"),
        Err(e) => e.to_string(),
    };
    assert!(
        err.contains("agents.tsv:2") && err.contains("bad actor code"),
        "{err}"
    );
    let empty = tmpdir("empty");
    assert!(Lexicon::load(std::slice::from_ref(&empty)).is_err());
    for d in [a, b, empty] {
        let _ = std::fs::remove_dir_all(d);
    }
}

/// The shared data folder beside the checkout (always there in CI).
fn shared(rel: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel);
    assert!(
        path.exists() || std::env::var_os("CI").is_none(),
        "CI run without {}",
        path.display()
    );
    path.exists().then_some(path)
}

/// Every dictionary file in the shared PETRARCH set: what it holds, how
/// much was read, and the lines skipped. Each skipped line is a defect in
/// the source file (checked by hand): a 7-digit date, a date range that
/// ends before it starts, a bracket left open, a code of `080!`, a pattern
/// with an undefined synset (PETRARCH skips those too), an agent with no
/// code.
#[test]
fn importer_reads_every_petrarch_dictionary() {
    let Some(dir) = shared("petrarch_dicts") else {
        return;
    };
    /// (file, kind, expected counts, lines skipped as source defects)
    type Expect<'a> = (&'a str, DictKind, &'a [(&'a str, usize)], usize);
    let expect: &[Expect<'_>] = &[
        (
            "CAMEO.2.0.txt",
            DictKind::Verbs,
            &[("verb blocks", 397), ("patterns", 4661), ("verbs", 1817)],
            7,
        ),
        (
            "Phoenix.Countries.actors.txt",
            DictKind::Actors,
            &[("entries", 18390), ("synonyms", 7526)],
            9,
        ),
        (
            "Phoenix.International.actors.txt",
            DictKind::Actors,
            &[("entries", 7841)],
            1,
        ),
        (
            "Phoenix.MilNonState.actors.txt",
            DictKind::Actors,
            &[("entries", 1021), ("synonyms", 772)],
            0,
        ),
        (
            "Phoenix.agents.txt",
            DictKind::Agents,
            &[("entries", 2244), ("terms", 5140)],
            1,
        ),
        (
            "Phoenix.discards.txt",
            DictKind::Discards,
            &[("sentence discards", 442), ("story discards", 64)],
            0,
        ),
        (
            "Phoenix.IssueCoding.txt",
            DictKind::Issues,
            &[("categories", 52), ("phrases", 2989)],
            0,
        ),
        (
            "Phoenix.prepositions.txt",
            DictKind::Prepositions,
            &[("prepositions", 106)],
            0,
        ),
        (
            "PETR.Internal.Coding.Ontology.txt",
            DictKind::Ontology,
            &[("codes", 266)],
            0,
        ),
    ];
    let out = tmpdir("import");
    for (file, kind, counts, skipped) in expect {
        assert_eq!(DictKind::from_file_name(file), Some(*kind), "{file}");
        let text = match std::fs::read(dir.join(file)) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => panic!("{file}: {e}"),
        };
        let got = petrarch::import(*kind, file, &text);
        for (what, n) in *counts {
            let have = got.counts.iter().find(|(k, _)| k == what).map(|(_, n)| *n);
            assert_eq!(have, Some(*n), "{file}: {what}: {:?}", got.counts);
        }
        assert_eq!(got.issues.len(), *skipped, "{file}: {:?}", got.issues);
        if matches!(kind, DictKind::Actors | DictKind::Agents | DictKind::Verbs) {
            let name = if *kind == DictKind::Actors {
                format!("{file}.actors.tsv")
            } else {
                kind.output_file().to_string()
            };
            let name = if *kind == DictKind::Actors {
                "actors.tsv".to_string()
            } else {
                name
            };
            let path = out.join(&name);
            let mut body =
                std::fs::read_to_string(&path).unwrap_or_else(|_| kind.header().to_string());
            body.push_str(&got.rows);
            write(path, &body);
            if *kind == DictKind::Verbs {
                write(
                    out.join("synsets.tsv"),
                    &format!("{}{}", petrarch::SYNSET_HEADER, got.synsets),
                );
            }
        }
    }
    // What was imported loads as an overlay and is used.
    let l = match Lexicon::load(std::slice::from_ref(&out)) {
        Ok(l) => l,
        Err(e) => panic!("imported dictionaries do not load: {e}"),
    };
    assert_eq!(one(&l, "Hassan Rouhani", "2015-01-01").code, "IRNGOV");
    assert!(l.verbs().groups_of("recall").count() > 0);
    let _ = std::fs::remove_dir_all(out);
}

#[test]
fn agents_know_bodies_from_people() {
    let l = lex();
    assert!(l.is_body("company"));
    assert!(l.is_body("the newspaper") || l.is_body("newspaper"));
    assert!(!l.is_body("minister"));
    assert!(!l.is_body("Iraq officials"));
}

#[test]
fn a_name_whose_codes_have_ended_keeps_its_last_one() {
    // The FARC guerrilla's dated code ends in 2017; its full name must not
    // fall apart into the "Armed Forces of Colombia" inside it.
    assert_eq!(
        code("Revolutionary Armed Forces of Colombia", "2016-05-01"),
        "COLREB"
    );
    assert_eq!(
        code("Revolutionary Armed Forces of Colombia", "2024-05-01"),
        "COLREB"
    );
    assert_eq!(code("Armed Forces of Colombia", "2024-05-01"), "COLMIL");
}

#[test]
fn central_american_is_not_american() {
    assert_eq!(code("Central American presidents", "1989-05-01"), "LAMGOV");
    assert_eq!(code("American presidents", "1989-05-01"), "USAGOV");
}

#[test]
fn an_abbreviated_name_is_found_before_more_words() {
    // The tokenizer splits the period off "U.S." at the end of a text, not
    // before more words: both spellings must be found.
    assert_eq!(code("U.S.", "2024-05-01"), "USA");
    assert_eq!(code("U.S. troops", "2024-05-01"), "USAMIL");
    assert_eq!(code("the U.S. condemned", "2024-05-01"), "USA");
}

#[test]
fn a_hinted_country_yields_to_a_capital_or_a_far_bigger_city() {
    let l = lex();
    let place = |name: &str, hint: Option<&str>| {
        let keys: Vec<String> = name.split(' ').map(dyad_lexicon::fold).collect();
        l.place_at(&keys, 0, hint)
            .map(|(_, p)| p.country.clone())
            .unwrap_or_default()
    };
    // Moscow, Idaho and Paris, Texas exist; the capitals win.
    assert_eq!(place("Moscow", Some("USA")), "RUS");
    assert_eq!(place("Paris", Some("USA")), "FRA");
    // A state of the hinted country stays.
    assert_eq!(place("Colorado", Some("USA")), "USA");
}

#[test]
fn leaders_of_the_1980s_are_known_at_their_dates() {
    let l = lex();
    assert_eq!(one(l, "President Reagan", "1987-03-01").code, "USAGOV");
    assert_eq!(one(l, "Thatcher", "1987-03-01").code, "GBRGOV");
    assert_eq!(one(l, "Nakasone", "1987-03-01").code, "JPNGOV");
    // Out of office, a person is their country, not its government.
    assert_eq!(one(l, "Thatcher", "2001-03-01").code, "GBR");
}

#[test]
fn central_banks_are_known_by_name() {
    let l = lex();
    assert_eq!(one(l, "The Bundesbank", "1987-03-01").code, "DEUGOVBUS");
    assert_eq!(one(l, "the Bank of Japan", "1987-03-01").code, "JPNGOVBUS");
}

#[test]
fn a_recode_row_changes_one_code_and_keeps_the_group() {
    let group = |l: &Lexicon, name: &str| {
        l.verbs()
            .groups
            .iter()
            .find(|g| g.name == name)
            .cloned()
            .unwrap_or_else(|| panic!("no group {name}"))
    };
    // The shipped dictionary recodes imported groups: CONSIDER codes
    // nothing bare, COMPROMISE's "mediate" codes mediation, and the
    // patterns stay.
    let consider = group(lex(), "consider");
    assert_eq!(consider.code, "---");
    assert!(consider.patterns.iter().any(|p| p.code == "014"));
    let compromise = group(lex(), "compromise");
    assert_eq!(compromise.code, "080");
    let mediate = compromise.verbs.iter().find(|v| v.lemma == "mediate");
    assert_eq!(mediate.and_then(|v| v.code.as_deref()), Some("045"));
    // An overlay may recode too; an unknown group or verb is an error
    // that names the file and line.
    let d = tmpdir("recode");
    let header = "group\tkind\ttext\tcode\tforms\tbasis\tnote\n";
    write(
        d.join("verbs.tsv"),
        &format!("{header}consider\trecode\t\t040\t\tmine\t\n"),
    );
    let l = match Lexicon::load(std::slice::from_ref(&d)) {
        Ok(l) => l,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(group(&l, "consider").code, "040");
    assert_eq!(
        group(&l, "consider").patterns.len(),
        consider.patterns.len()
    );
    for bad in ["no such group\trecode\t\t040", "consider\trecode\tfly\t040"] {
        write(d.join("verbs.tsv"), &format!("{header}{bad}\t\tmine\t\n"));
        let err = match Lexicon::load(std::slice::from_ref(&d)) {
            Ok(_) => panic!("{bad:?} must not load"),
            Err(e) => e.to_string(),
        };
        assert!(err.contains("verbs.tsv") && err.contains(":2"), "{err}");
    }
}
