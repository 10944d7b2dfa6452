//! The arc-hybrid oracle reproduces every projective gold tree of the UD
//! English EWT training data (read from ../shared, which CI provides).

use std::path::PathBuf;

#[test]
fn oracle_reproduces_every_projective_training_tree() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ud/en_ewt/en_ewt-ud-train.conllu");
    if !path.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI run without {}",
            path.display()
        );
        eprintln!("skipped: {} not found", path.display());
        return;
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let sentences = dyad_text::conllu::parse(&text).unwrap_or_else(|e| panic!("{e}"));
    let mut labels: Vec<String> = Vec::new();
    let (mut projective, mut rebuilt) = (0usize, 0usize);
    for s in &sentences {
        let mut heads = vec![0usize];
        let mut label_ids = vec![0u16];
        for w in &s.words {
            heads.push(w.head.unwrap_or(0));
            let id = match labels.iter().position(|l| *l == w.deprel) {
                Some(i) => i,
                None => {
                    labels.push(w.deprel.clone());
                    labels.len() - 1
                }
            };
            label_ids.push(id as u16);
        }
        let roots = heads[1..].iter().filter(|&&h| h == 0).count();
        if roots != 1 || !dyad_nlp::is_projective(&heads) {
            continue;
        }
        projective += 1;
        if dyad_nlp::oracle_actions(&heads, &label_ids, labels.len() + 1).is_some() {
            rebuilt += 1;
        } else {
            panic!("oracle failed on {:?}", s.sent_id);
        }
    }
    eprintln!("{rebuilt}/{projective} projective trees rebuilt");
    assert!(projective > 11_000);
    assert_eq!(rebuilt, projective);
}
