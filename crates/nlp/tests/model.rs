//! The bundled model: loads, checks its checksum, round-trips, and parses
//! hostile sentences without panicking.

use dyad_nlp::{Model, ModelError};

const NEWS_SENTENCE: [&str; 9] = [
    "Iran",
    "recalled",
    "its",
    "ambassador",
    "from",
    "Baku",
    "on",
    "Monday",
    ".",
];

fn model() -> &'static Model {
    match Model::bundled() {
        Ok(m) => m,
        Err(e) => panic!("bundled model: {e}"),
    }
}

#[test]
fn save_load_round_trip_is_identical() {
    let m = model();
    let bytes = m.to_bytes();
    let back = Model::from_bytes(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.to_bytes(), bytes);
    let forms = NEWS_SENTENCE;
    assert_eq!(back.analyze(&forms), m.analyze(&forms));
}

#[test]
fn corrupt_and_truncated_models_are_errors() {
    let bytes = model().to_bytes();
    assert_eq!(
        Model::from_bytes(b"not a model").err(),
        Some(ModelError::BadMagic)
    );
    assert_eq!(
        Model::from_bytes(&bytes[..bytes.len() / 2]).err(),
        Some(ModelError::Truncated)
    );
    let mut flipped = bytes.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x55;
    assert_eq!(
        Model::from_bytes(&flipped).err(),
        Some(ModelError::Checksum)
    );
    let mut version = bytes;
    version[8] = 99;
    assert!(matches!(
        Model::from_bytes(&version),
        Err(ModelError::Version { .. })
    ));
}

#[test]
fn parses_a_news_sentence_sensibly() {
    let m = model();
    let forms = NEWS_SENTENCE;
    let a = m.analyze(&forms);
    assert_eq!(a.heads.iter().filter(|&&h| h == 0).count(), 1, "one root");
    let root = a.heads.iter().position(|&h| h == 0).unwrap_or(99);
    assert_eq!(forms[root], "recalled");
    assert_eq!(m.deprel(a.labels[0]), "nsubj");
    assert_eq!(a.heads[3], 2);
    assert_eq!(m.deprel(a.labels[3]), "obj");
    assert_eq!(a.lemmas[1], "recall");
    assert_eq!(m.upos(a.tags[5]), "PROPN");
}

#[test]
fn a_past_participle_between_subject_and_object_is_a_past_tense() {
    let m = model();
    let forms = [
        "Belarus", "claimed", "that", "Ukraine", "fired", "missiles", ".",
    ];
    let a = m.analyze(&forms);
    assert_eq!(m.xpos(a.tags[4]), "VBD");
    assert_eq!(m.deprel(a.labels[4]), "ccomp");
    assert_eq!(a.heads[5], 5, "missiles is the object of fired");
    // A reduced relative keeps its participle.
    let forms = [
        "The", "shells", "fired", "at", "Seoul", "landed", "in", "the", "sea", ".",
    ];
    let a = m.analyze(&forms);
    assert_eq!(m.xpos(a.tags[2]), "VBN");
    // An object may open with an adjective: "arrested Russian students".
    let forms = [
        "Russian", "police", "arrested", "Russian", "students", "in", "Moscow", ".",
    ];
    let a = m.analyze(&forms);
    assert_eq!(m.xpos(a.tags[2]), "VBD");
    assert_eq!(a.heads[1], 3, "police is the subject of arrested");
    // Not a time after a reduced relative: "the drones launched last week".
    let forms = [
        "The", "shells", "fired", "last", "week", "landed", "in", "the", "sea", ".",
    ];
    let a = m.analyze(&forms);
    assert_eq!(m.xpos(a.tags[2]), "VBN");
}

#[test]
fn hostile_sentences_parse_into_trees() {
    let m = model();
    let long: Vec<String> = (0..1000)
        .map(|i| {
            if i % 10 == 9 {
                ",".to_string()
            } else {
                format!("w{i}")
            }
        })
        .collect();
    let long_refs: Vec<&str> = long.iter().map(String::as_str).collect();
    let punct = ["!", "?", "...", ".", ",", "(", ")", "\"", "-", "—"];
    for forms in [&long_refs[..], &punct[..], &["."][..], &[][..]] {
        let a = m.analyze(forms);
        assert_eq!(a.heads.len(), forms.len());
        assert_eq!(a.lemmas.len(), forms.len());
        if !forms.is_empty() {
            assert_eq!(a.heads.iter().filter(|&&h| h == 0).count(), 1);
        }
        // Every head is in range and every word reaches the root.
        for i in 0..forms.len() {
            let mut at = i + 1;
            let mut steps = 0;
            while at != 0 {
                assert!(at <= forms.len());
                at = a.heads[at - 1];
                steps += 1;
                assert!(steps <= forms.len(), "cycle");
            }
        }
    }
}

#[test]
fn a_name_before_the_day_of_its_verb_is_a_noun() {
    let m = model();
    let forms = [
        "Erdogan",
        "yesterday",
        "accused",
        "Greece",
        "of",
        "provocation",
        ".",
    ];
    let a = m.analyze(&forms);
    assert_eq!(m.xpos(a.tags[0]), "NNP");
    assert_eq!(a.heads[0], 3, "Erdogan is the subject of accused");
    // A relative pronoun there stays one.
    let forms = [
        "The",
        "market",
        "which",
        "yesterday",
        "opened",
        "was",
        "calm",
        ".",
    ];
    let a = m.analyze(&forms);
    assert_eq!(m.xpos(a.tags[2]), "WDT");
}

#[test]
fn a_demanded_act_keeps_its_verb() {
    let m = model();
    let xpos_of = |sentence: &str, word: &str| {
        let forms: Vec<&str> = sentence.split(' ').collect();
        let tags = m.tag(&forms);
        let i = forms.iter().position(|f| *f == word).unwrap_or(0);
        m.xpos(tags[i]).to_string()
    };
    for (sentence, verb) in [
        (
            "Protesters demanded that the military release all detainees .",
            "release",
        ),
        ("The bloc demanded that ECOWAS lift all sanctions .", "lift"),
        (
            "Students demanded that universities divest from arms makers .",
            "divest",
        ),
    ] {
        assert_eq!(xpos_of(sentence, verb), "VB", "{sentence}");
    }
    // A compound noun and a noun's "of" phrase stay nouns.
    for (sentence, noun) in [
        (
            "He recommended that small package service between the cities be granted .",
            "service",
        ),
        (
            "She insisted that the preeminent threat of terrorism was real .",
            "threat",
        ),
    ] {
        assert_eq!(xpos_of(sentence, noun), "NN", "{sentence}");
    }
}

#[test]
fn a_sentence_whose_only_verb_was_read_as_a_participle_gets_a_main_verb() {
    let m = model();
    let root = |a: &dyad_nlp::Analysis| a.heads.iter().position(|&h| h == 0);
    // Intransitive verbs of collective action take no passive.
    for text in [
        "Hundreds of protesters rallied in Tbilisi against the government .",
        "Thousands of Israelis protested in Tel Aviv on Saturday .",
    ] {
        let a = m.analyze(&words(text));
        assert_eq!(root(&a), Some(3), "{text}");
        assert_eq!(m.xpos(a.tags[3]), "VBD", "{text}");
        assert_eq!(a.heads[0], 4, "{text}: the quantity is the subject");
    }
    // Read as an adjective of its object.
    let a = m.analyze(&words(
        "Myanmar 's military junta arrested dozens of opposition activists .",
    ));
    assert_eq!(root(&a), Some(4));
    assert_eq!(a.heads[5], 5, "dozens is the object of arrested");
    // Read as an adjective in a sentence with no verb at all.
    let a = m.analyze(&words("Moscow denied responsibility for the attack ."));
    assert_eq!(root(&a), Some(1));
    assert_eq!(m.xpos(a.tags[1]), "VBD");
    // An irregular past read as a noun in a sentence with no verb.
    let a = m.analyze(&words("Gunmen shot dead a police officer in Karachi ."));
    assert_eq!(root(&a), Some(1));
    assert_eq!(m.xpos(a.tags[1]), "VBD");
    let a = m.analyze(&words("Total M1 rose 12 pct to 62.84 billion dlrs ."));
    assert_eq!(root(&a), Some(2));
    // One whose past is its base.
    let a = m.analyze(&words("The army hit rebel positions overnight ."));
    assert_eq!(root(&a), Some(2));
    // The verb of a report's clause.
    let a = m.analyze(&words("Witnesses said soldiers fired on the crowd ."));
    assert_eq!(a.heads[3], 2, "fired heads the clause said reports");
    assert_eq!(a.heads[2], 4, "soldiers is the subject of fired");
    // A present tense read as a plural noun before "that".
    let a = m.analyze(&words(
        "Egypt fears that Israel could push Gazans into Sinai .",
    ));
    assert_eq!(root(&a), Some(1));
    assert_eq!(m.xpos(a.tags[1]), "VBZ");
    // A caption keeps its reduced relative: "quote" takes an object.
    let a = m.analyze(&words("Figures quoted in Philippine pesos ."));
    assert_eq!(m.xpos(a.tags[1]), "VBN");
    assert_ne!(root(&a), Some(1));
}

#[test]
fn a_name_joined_to_a_participle_is_part_of_the_modifier() {
    let m = model();
    let a = m.analyze(&words(
        "Iran - backed militias attacked US troops in Syria .",
    ));
    // "Iran" (1) belongs to "backed" (3), which modifies "militias" (4),
    // the subject of "attacked" (5).
    assert_eq!(a.heads[0], 3);
    assert_eq!(m.deprel(a.labels[0]), "compound");
    assert_eq!(a.heads[2], 4);
    assert_eq!(a.heads[3], 5);
    assert_eq!(m.deprel(a.labels[3]), "nsubj");
    // The noun takes the place in the clause the name had, and its article.
    let a = m.analyze(&words(
        "Insurgents shelled a government - held part of Aleppo overnight .",
    ));
    assert_eq!(a.heads[3], 6, "government belongs to held");
    assert_eq!(a.heads[6], 2, "part hangs on shelled");
    assert_eq!(m.deprel(a.labels[6]), "obj");
    assert_eq!(a.heads[2], 7, "a is the article of part");
}

#[test]
fn a_temporal_gerund_is_a_clause_of_the_verb() {
    let m = model();
    let a = m.analyze(&words(
        "France voiced its comprehension for a U.S. Attack on an Iranian target while calling for a swift halt .",
    ));
    // "calling" (14) belongs to "voiced" (2), not to "target".
    assert_eq!(a.heads[13], 2);
    assert_eq!(m.deprel(a.labels[13]), "advcl");
}

#[test]
fn ought_before_to_is_the_modal() {
    let m = model();
    let a = m.analyze(&words(
        "The Indian government ought to open talks with protesting farmers .",
    ));
    assert_eq!(m.xpos(a.tags[3]), "MD");
}

#[test]
fn a_second_report_is_the_reporters_not_the_reported_clauses() {
    let m = model();
    let a = m.analyze(&words(
        "The junta denied that it had detained the economist and said it would release all detainees soon .",
    ));
    // "said" (11) is coordinated with "denied" (3), not with "detained".
    assert_eq!(a.heads[10], 3);
}

#[test]
fn an_agent_needs_by() {
    let m = model();
    for text in [
        "A car bombing by the Islamic State group killed at least 75 displaced people in eastern Syria , a monitor said Sunday .",
        "He had earlier met Federal Reserve Board Chairman Paul Volcker and U.S. Treasury Secretary James Baker .",
    ] {
        let w = words(text);
        let a = m.analyze(&w);
        for (k, &l) in a.labels.iter().enumerate() {
            if m.deprel(l) != "obl:agent" {
                continue;
            }
            let by = (0..w.len()).any(|c| a.heads[c] == k + 1 && w[c] == "by");
            assert!(by, "{text}: {} is an agent without by", w[k]);
        }
    }
    // The people were killed: they are the object.
    let w = words("A car bombing by the Islamic State group killed at least 75 displaced people in eastern Syria , a monitor said Sunday .");
    let a = m.analyze(&w);
    assert_eq!(m.deprel(a.labels[13]), "obj");
}

#[test]
fn a_word_in_s_where_no_verb_can_stand_is_a_plural() {
    let m = model();
    let a = m.analyze(&words(
        "Iraqi forces have launched further airstrikes on ISIL fighters in Mosul .",
    ));
    assert_eq!(m.xpos(a.tags[5]), "NNS");
    assert_eq!(m.deprel(a.labels[5]), "obj");
    // A gerund subject keeps its verb; so does a year.
    let a = m.analyze(&words("Iraq said fighting continues around the city ."));
    assert_eq!(m.xpos(a.tags[3]), "VBZ");
    let a = m.analyze(&words("Net 1986 includes a tax gain ."));
    assert_eq!(m.xpos(a.tags[2]), "VBZ");
}

#[test]
fn a_name_before_a_subjectless_verb_after_a_temporal_word_is_its_subject() {
    let m = model();
    let w = words(
        "NATO strengthened its forces in Europe after Russia seized Crimea from Ukraine in 2014 .",
    );
    let a = m.analyze(&w);
    // "Russia" (8) is the subject of "seized" (9); "after" (7) opens it.
    assert_eq!(a.heads[7], 9);
    assert_eq!(m.deprel(a.labels[7]), "nsubj");
    assert_eq!(m.deprel(a.labels[6]), "mark");
}

#[test]
fn a_past_tense_read_as_an_adjective_before_a_later_clause_heads_the_sentence() {
    let m = model();
    let a = m.analyze(&words(
        "US suspended food supplies to Somalia over fears they were helping a militant group .",
    ));
    assert_eq!(m.xpos(a.tags[1]), "VBD");
    assert_eq!(a.heads[1], 0);
}

#[test]
fn a_clause_without_that_after_an_object_is_a_relative_on_it() {
    let m = model();
    let a = m.analyze(&words(
        "The group will return the military bases it has seized from the government .",
    ));
    // "seized" (10) is a relative clause on "bases" (7).
    assert_eq!(a.heads[9], 7);
    assert_eq!(m.deprel(a.labels[9]), "acl:relcl");
}

#[test]
fn the_preposition_before_a_title_belongs_to_the_name() {
    let m = model();
    let a = m.analyze(&words(
        "Israel eased restrictions on ex-prime minister Ehud Olmert .",
    ));
    // "on" (4) marks "Ehud" (7), the name, not the title "minister" (6).
    assert_eq!(m.deprel(a.labels[5]), "nmod:desc");
    assert_eq!(a.heads[3], 7);
}

/// The words of a sentence written with spaces between them.
fn words(text: &str) -> Vec<&str> {
    text.split(' ').collect()
}

#[test]
fn an_adjective_after_a_or_an_before_a_finite_verb_heads_the_subject() {
    let m = model();
    let a = m.analyze(&words("An official said talks had stalled ."));
    assert_eq!(m.upos(a.tags[1]), "NOUN");
    assert_eq!(m.deprel(a.labels[1]), "nsubj");
    assert_eq!(a.heads[2], 0, "said is the root");
    // After "the", a nominalised adjective keeps its tag.
    let a = m.analyze(&words("The latter spoke first ."));
    assert_eq!(m.upos(a.tags[1]), "ADJ");
}

#[test]
fn a_word_of_a_known_name_is_no_verb_or_pronoun() {
    let m = model();
    let forms = words("Human Rights Watch issued a statement .");
    // Told that the first three words are a name, "Watch" is a proper
    // noun and "issued" heads the sentence.
    let a = m.analyze_names(&forms, &[(0, 3)]);
    assert_eq!(m.upos(a.tags[2]), "PROPN");
    assert_eq!(a.heads[3], 0);
    // Adjectives of names keep their tag, as the treebank has them.
    assert_eq!(m.upos(a.tags[0]), "ADJ");
}

#[test]
fn a_noun_reading_after_decided_to_is_the_verb() {
    let m = model();
    let a = m.analyze(&words(
        "The council decided to ease restrictions on the press .",
    ));
    assert_eq!(m.xpos(a.tags[4]), "VB");
    assert_eq!(m.xpos(a.tags[3]), "TO");
    // "agreed to talks": a verb that also takes a phrase keeps it.
    let a = m.analyze(&words("Iran agreed to talks ."));
    assert_eq!(m.upos(a.tags[3]), "NOUN");
}

#[test]
fn have_before_a_past_form_is_the_perfect() {
    let m = model();
    let a = m.analyze(&words("Russia has refused to attend the summit ."));
    assert_eq!(m.upos(a.tags[1]), "AUX");
    assert_eq!(m.xpos(a.tags[2]), "VBN");
    assert_eq!(a.heads[2], 0, "refused heads the sentence");
}

#[test]
fn a_minister_who_left_for_moscow_left() {
    let m = model();
    let a = m.analyze(&words(
        "Britain 's foreign minister left for Moscow on Wednesday .",
    ));
    // "left" heads the sentence as a past tense, not a participle on
    // "minister".
    assert_eq!(a.heads[4], 0);
    assert_eq!(m.xpos(a.tags[4]), "VBD");
}

#[test]
fn a_perfect_infinitive_is_a_clause_with_an_object() {
    let m = model();
    let a = m.analyze(&words(
        "Iran is believed to have sent weapons to the Houthis .",
    ));
    // "sent" (6) is a clause of "believed" (3), "weapons" (7) its object.
    assert_eq!(a.heads[5], 3);
    assert_eq!(m.deprel(a.labels[5]), "xcomp");
    assert_eq!(a.heads[6], 6);
    assert_eq!(m.deprel(a.labels[6]), "obj");
}
