//! End-to-end tests of the `dyad` binary: readers on the fixtures (expected
//! metadata kept as data in fixtures/expected.json), bad input, exit codes.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dyad(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_dyad")).args(args).output();
    match out {
        Ok(o) => o,
        Err(e) => panic!("cannot run dyad: {e}"),
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ingest/tests/fixtures")
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or(Value::Null))
        .collect()
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("mkdir {}: {e}", dir.display()));
    dir
}

fn write_file(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[test]
fn fixtures_metadata_matches_expected() {
    let expected_text =
        std::fs::read_to_string(fixtures().join("expected.json")).unwrap_or_default();
    let expected: serde_json::Map<String, Value> =
        serde_json::from_str(&expected_text).unwrap_or_default();
    assert!(expected.len() >= 13, "expected.json lists every fixture");
    let mut formats = std::collections::BTreeSet::new();
    for (file, docs) in &expected {
        formats.insert(file.split('/').next().unwrap_or("").to_string());
        let path = fixtures().join(file);
        let out = dyad(&["segment", &path.to_string_lossy()]);
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = records(&out);
        let want = docs.as_array().cloned().unwrap_or_default();
        assert_eq!(got.len(), want.len(), "{file}: number of documents");
        for (g, w) in got.iter().zip(&want) {
            for key in [
                "title", "date", "time", "author", "source", "url", "code", "category", "tags",
            ] {
                assert_eq!(g[key], w[key], "{file}: {key}");
            }
            let text = g["text"].as_str().unwrap_or("").trim();
            let chars: Vec<char> = text.chars().collect();
            let head: String = chars.iter().take(30).collect();
            let tail: String = chars[chars.len().saturating_sub(30)..].iter().collect();
            assert_eq!(
                Some(head.as_str()),
                w["text_starts"].as_str(),
                "{file}: body start"
            );
            assert_eq!(
                Some(tail.as_str()),
                w["text_ends"].as_str(),
                "{file}: body end"
            );
            assert!(g["doc_id"].as_str().is_some_and(|id| !id.is_empty()));
        }
    }
    let all: Vec<&str> = formats.iter().map(String::as_str).collect();
    assert_eq!(all, ["feeds", "html", "jsonl", "newspage"]);
}

#[test]
fn offsets_are_character_offsets_into_text() {
    let dir = scratch_dir("offsets");
    let path = dir.join("u.jsonl");
    let line = r#"{"id": "u1", "text": "Erdoğan met Aliyev in Bakı. “We agree,” he said 🙂."}"#;
    write_file(&path, format!("{line}\n"));
    let out = dyad(&["segment", &path.to_string_lossy()]);
    assert!(out.status.success());
    let rec = &records(&out)[0];
    assert_eq!(rec["doc_id"], "u1");
    let text: Vec<char> = rec["text"].as_str().unwrap_or("").chars().collect();
    let mut n = 0;
    for s in rec["sentences"].as_array().into_iter().flatten() {
        for t in s["tokens"].as_array().into_iter().flatten() {
            let (a, b) = (
                t["start"].as_u64().unwrap_or(0) as usize,
                t["end"].as_u64().unwrap_or(0) as usize,
            );
            let slice: String = text[a..b].iter().collect();
            assert_eq!(Some(slice.as_str()), t["text"].as_str());
            n += 1;
        }
    }
    assert_eq!(rec["sentences"].as_array().map(Vec::len), Some(2));
    assert!(n >= 15);
}

#[test]
fn bad_inputs_are_reported_and_the_batch_goes_on() {
    let dir = scratch_dir("bad");
    let write = |name: &str, bytes: &[u8]| {
        write_file(&dir.join(name), bytes);
    };
    write(
        "a_good.txt",
        b"Iran recalls envoy\nJuly 11, 2025\n\nIran recalled its ambassador from Baku.\n",
    );
    write("b_binary.txt", &[0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 3]);
    write("c_empty.txt", b"");
    write(
        "d_truncated.jsonl.gz",
        &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xab],
    );
    write(
        "e_deep.html",
        ("<html><body>".to_string() + &"<div>".repeat(10_000) + "x").as_bytes(),
    );
    write(
        "f_feed.xml",
        b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>x</title>",
    );
    write(
        "g_lines.jsonl",
        b"{\"id\":\"ok\",\"text\":\"Baku protested.\"}\n{broken\n",
    );
    write(
        "h_invalid_utf8.txt",
        b"Title\n\nIran said \xff\xfe it would respond to the attack on its envoy in Baku.\n",
    );
    // A 50 MB single-line file.
    let big = "Iran and Azerbaijan traded accusations again ".repeat(50 * 1024 * 1024 / 46);
    write("i_big.txt", big.as_bytes());
    let out = dyad(&["segment", &dir.to_string_lossy()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for (file, message) in [
        ("b_binary.txt", "binary data"),
        ("c_empty.txt", "empty input"),
        ("d_truncated.jsonl.gz", "gzip"),
        ("e_deep.html", "nested"),
        ("f_feed.xml", "feed"),
        ("g_lines.jsonl:2", "invalid JSON"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(file) && l.contains(message)),
            "no error naming {file} ({message}) in:\n{stderr}"
        );
    }
    assert!(stderr.contains("h_invalid_utf8.txt") && stderr.contains("warning"));
    // The big document's record is hundreds of MB: read only each id.
    let ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("{\"doc_id\":\""))
        .filter_map(|l| l.split('"').next())
        .map(str::to_string)
        .collect();
    assert_eq!(
        ids.len(),
        4,
        "good file, good JSON line, lossy file and the big file are read"
    );
    assert!(ids.contains(&"ok".to_string()));
    assert!(!stderr.contains("panicked"));
}

#[test]
fn stdin_and_input_format() {
    use std::io::Write;
    let child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["segment", "--input-format", "jsonl", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn();
    let mut child = child.unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(
            b"{\"id\":\"s1\",\"text\":\"Mr. Smith went to Washington. He met Gen. Jones.\"}\n",
        );
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let rec = &records(&out)[0];
    assert_eq!(rec["doc_id"], "s1");
    assert_eq!(rec["sentences"].as_array().map(Vec::len), Some(2));
    let bad = dyad(&["segment", "--input-format", "pdf", "x"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown input format"));
}

#[test]
fn help_explains_itself() {
    let out = dyad(&["--help"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("segment"));
    let out = dyad(&["segment", "--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("--input-format") && text.contains("stdin"));
}

#[test]
fn parse_writes_conllu_and_jsonl() {
    let dir = scratch_dir("parse");
    let path = dir.join("a.txt");
    write_file(&path, "Envoy recalled\nJuly 14, 2025\n\nIran recalled its ambassador from Baku on Monday. Azerbaijan protested.\n");
    let out = dyad(&["parse", &path.to_string_lossy()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("# newdoc id = "));
    assert_eq!(text.matches("# text = ").count(), 2);
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(rows.iter().all(|r| r.len() == 10));
    let recalled = rows
        .iter()
        .find(|r| r[1] == "recalled")
        .cloned()
        .unwrap_or_default();
    assert_eq!(recalled[2], "recall");
    assert_eq!(recalled[6], "0");

    let out = dyad(&["parse", "--format", "jsonl", &path.to_string_lossy()]);
    assert!(out.status.success());
    let rec = &records(&out)[0];
    let text: Vec<char> = rec["text"].as_str().unwrap_or("").chars().collect();
    let first = &rec["sentences"][0]["tokens"];
    let tokens = first.as_array().cloned().unwrap_or_default();
    assert_eq!(tokens.len(), 9);
    for t in &tokens {
        let (a, b) = (
            t["start"].as_u64().unwrap_or(0) as usize,
            t["end"].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(
            Some(text[a..b].iter().collect::<String>().as_str()),
            t["text"].as_str()
        );
        for key in ["lemma", "upos", "xpos", "deprel"] {
            assert!(t[key].is_string(), "{key}");
        }
        assert!(t["head"].as_u64().is_some_and(|h| h <= 9));
    }
}

#[test]
fn parse_keeps_conllu_tokens() {
    let dir = scratch_dir("conllu");
    let path = dir.join("in.conllu");
    write_file(&path, "# sent_id = s1\n# text = Iran's envoy left.\n1\tIran\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\t's\t_\t_\t_\t_\t_\t_\t_\t_\n3\tenvoy\t_\t_\t_\t_\t_\t_\t_\t_\n4\tleft\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n5\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n");
    let out = dyad(&["parse", "--input-format", "conllu", &path.to_string_lossy()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("# sent_id = s1"));
    let forms: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| l.split('\t').nth(1))
        .collect();
    assert_eq!(forms, ["Iran", "'s", "envoy", "left", "."]);
    assert!(text.contains("SpaceAfter=No"));
    let bad = dyad(&["parse", "--input-format", "conllu", "/nonexistent/x.conllu"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn lexicon_lookup_prints_the_contract_fields() {
    let out = dyad(&[
        "lexicon",
        "lookup",
        "President Pezeshkian",
        "--date",
        "2025-07-11",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    let r = &recs[0];
    assert_eq!(r["code"], "IRNGOV");
    assert_eq!(r["country"], "IRN");
    assert_eq!(r["sector"], "GOV");
    assert_eq!(r["name"], "Masoud Pezeshkian");
    assert_eq!(r["matched"], "President Pezeshkian");
    assert_eq!(r["role_start"], "2024-07-28");
    assert_eq!(r["role_end"], Value::Null);
    let out = dyad(&[
        "lexicon",
        "lookup",
        "Trump",
        "--date",
        "2022-06-01",
        "--json",
    ]);
    assert_eq!(records(&out)[0]["code"], "USA");
    let out = dyad(&["lexicon", "lookup", "qwxz", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let out = dyad(&["lexicon", "lookup", "Trump", "--date", "2022-13-01"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2022-13-01"));
}

#[test]
fn lexicon_code_and_check() {
    let out = dyad(&["lexicon", "code", "195"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("195")
            && text.contains("-10.0")
            && text.contains("material conflict")
            && text.contains("ASSAULT"),
        "{text}"
    );
    let out = dyad(&["lexicon", "code", "0211", "--json"]);
    let r = &records(&out)[0];
    assert_eq!(r["code"], "0211");
    assert_eq!(r["quad"], 1);
    let out = dyad(&["lexicon", "code", "999"]);
    assert_eq!(out.status.code(), Some(1));
    let out = dyad(&["lexicon", "check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 problem(s)"));
}

#[test]
fn lexicon_import_reports_file_and_line_and_goes_on() {
    let dir = scratch_dir("lexicon-import");
    let good = dir.join("my.agents.txt");
    write_file(&good, "POLICE {} [~COP]\nGENDARME [~COP]\nBROKEN_AGENT\n");
    let verbs = dir.join("my.verbs.txt");
    write_file(
        &verbs,
        "---  RECALL   [---]  ---\nRECALL\n- * AMBASSADOR (FROM +) [161]\n- * ENVOY [16!]\n",
    );
    let unknown = dir.join("notes.txt");
    write_file(&unknown, "hello\n");
    let out_dir = dir.join("out");
    let out = dyad(&[
        "lexicon",
        "import",
        "--from",
        "petrarch",
        "--out",
        &out_dir.display().to_string(),
        &good.display().to_string(),
        &verbs.display().to_string(),
        &unknown.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("my.agents.txt:3: agent without a [code]"),
        "{err}"
    );
    assert!(err.contains("my.verbs.txt:4: bad event code"), "{err}");
    assert!(
        err.contains("notes.txt: cannot tell the dictionary kind"),
        "{err}"
    );
    let agents = std::fs::read_to_string(out_dir.join("agents.tsv")).unwrap_or_default();
    assert!(agents.contains("gendarmes\tCOP"), "{agents}");
    // The imported directory works as an overlay.
    let out = dyad(&[
        "lexicon",
        "lookup",
        "Iranian gendarmes",
        "--json",
        "--lexicon",
        &out_dir.display().to_string(),
    ]);
    assert_eq!(
        records(&out)[0]["code"],
        "IRNCOP",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(dir);
}

fn shared(rel: &str) -> Option<PathBuf> {
    let found = dyad_eval::shared_data(rel);
    assert!(
        found.is_some() || std::env::var_os("CI").is_none(),
        "CI run without shared data {rel}"
    );
    found
}

/// Quality gate on the PETRARCH validation suites, run from raw text with
/// our parser and each suite's own dictionaries. Floors sit just under the
/// measured figures (see the issue notes); the targets are higher.
#[test]
fn petrarch_validation_suites() {
    let suites = [
        (
            "eventcoding/ud_petrarch_validate/PETR_Validate_records_2_02.xml",
            0.60,
            0.25,
        ),
        (
            "eventcoding/petrarch2_gsr/PETR2_GSR_validation.xml",
            0.33,
            0.66,
        ),
    ];
    for (rel, correct_floor, extra_ceiling) in suites {
        let Some(path) = shared(rel) else { return };
        let out = dyad(&["eval", "petrarch", &path.display().to_string(), "--json"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        let t = &v["tally"];
        let (correct, expected, extra, produced) = (
            t["correct"].as_f64().unwrap_or(0.0),
            t["expected"].as_f64().unwrap_or(1.0),
            t["extra"].as_f64().unwrap_or(0.0),
            t["produced"].as_f64().unwrap_or(1.0),
        );
        assert!(expected > 50.0, "{rel}: {t}");
        assert!(correct / expected >= correct_floor, "{rel}: {t}");
        assert!(extra / produced.max(1.0) <= extra_ceiling, "{rel}: {t}");
    }
}

#[test]
fn code_writes_the_contract_and_explain_reads() {
    let dir = scratch_dir("code");
    let input = dir.join("in.jsonl");
    write_file(
        &input,
        "{\"id\":\"a1\",\"date\":\"2025-07-16\",\"text\":\"Iran should recall its ambassador from Baku. Israeli jets struck a base in Syria on Monday.\"}\nnot json\n",
    );
    let out = dyad(&["code", &input.display().to_string()]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "bad line reported: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    let recall = recs
        .iter()
        .find(|r| r["trigger"]["text"] == "recall")
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(recall["doc_id"], "a1");
    assert_eq!(recall["cameo"], "161");
    assert_eq!(recall["modality"], "advocated");
    assert_eq!(recall["modality_cue"]["text"], "should");
    assert_eq!(recall["source"]["code"], "IRN");
    assert_eq!(recall["target"]["code"], "AZE");
    for key in [
        "event_id",
        "sentence_index",
        "date",
        "cameo_root",
        "quad_class",
        "goldstein",
        "plover",
        "attributed_to",
        "location",
        "sentence",
        "genre",
        "confidence",
    ] {
        assert!(recall.get(key).is_some(), "missing {key}");
    }
    let struck = recs
        .iter()
        .find(|r| r["trigger"]["text"] == "struck")
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(struck["date"], "2025-07-14");
    assert_eq!(struck["location"]["name"], "Syria");
    // Offsets are character offsets into the text.
    let text = "Iran should recall its ambassador from Baku. Israeli jets struck a base in Syria on Monday.";
    let s = struck["trigger"]["start"].as_u64().unwrap_or(0) as usize;
    assert_eq!(&text[s..s + 6], "struck");
    // Same ids on a second run; asserted-only drops the demand.
    let again = dyad(&["code", &input.display().to_string()]);
    assert_eq!(records(&again)[0]["event_id"], recs[0]["event_id"]);
    let asserted = dyad(&["code", "--asserted-only", &input.display().to_string()]);
    assert!(records(&asserted)
        .iter()
        .all(|r| r["modality"] == "asserted"));
    let csv = dyad(&["code", "--format", "csv", &input.display().to_string()]);
    assert!(String::from_utf8_lossy(&csv.stdout)
        .starts_with("doc_id,event_id,date,source,target,cameo"));
    let explain = dyad(&["explain", "--no-parse", &input.display().to_string()]);
    let text = String::from_utf8_lossy(&explain.stdout);
    assert!(
        text.contains("demanded or urged, not reported as done"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// A JSON Lines corpus of `n` generated news items (distinct ids).
fn generated_corpus(path: &Path, n: usize) {
    let actors = [
        "Iran",
        "Azerbaijan",
        "Turkey",
        "Israel",
        "Russia",
        "Ukraine",
        "France",
        "Egypt",
    ];
    let mut out = String::new();
    for i in 0..n {
        let (a, b) = (actors[i % actors.len()], actors[(i * 3 + 1) % actors.len()]);
        let text = format!(
            "{a} condemned {b} on Monday. {a} should recall its ambassador from {b}. Officials said {b} did not respond to the protest note number {i}."
        );
        out.push_str(
            &serde_json::json!({"id": format!("g{i}"), "date": "2025-07-16", "text": text})
                .to_string(),
        );
        out.push('\n');
    }
    write_file(path, out);
}

fn stats(db: &Path) -> Value {
    let out = dyad(&["query", "stats", "--db", &db.display().to_string()]);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
}

#[test]
fn ingest_is_idempotent_and_survives_kill_9() {
    let dir = scratch_dir("ingest");
    let corpus = dir.join("news.jsonl");
    generated_corpus(&corpus, 3000);
    let (c, full, killed) = (
        corpus.display().to_string(),
        dir.join("full.db"),
        dir.join("killed.db"),
    );
    // A complete run, then the same input again: nothing changes.
    let out = dyad(&["ingest", "--quiet", "--db", &full.display().to_string(), &c]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = stats(&full);
    assert_eq!(first["documents"], 3000);
    let again = dyad(&["ingest", "--quiet", "--db", &full.display().to_string(), &c]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 stored, 0 replaced, 3000 unchanged"));
    assert_eq!(stats(&full)["events"], first["events"]);
    // Killed mid-run: consistent; re-running completes the same database.
    let child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args([
            "ingest",
            "--quiet",
            "--batch",
            "8",
            "--db",
            &killed.display().to_string(),
            &c,
        ])
        .stdout(std::process::Stdio::null())
        .spawn();
    let mut child = child.unwrap_or_else(|e| panic!("spawn: {e}"));
    // Kill as soon as some documents are in, while the rest are coming.
    for _ in 0..600 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        let out = dyad(&["query", "stats", "--db", &killed.display().to_string()]);
        let now: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        if now["documents"].as_u64().is_some_and(|n| n > 0) {
            break;
        }
    }
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
    let partial = stats(&killed);
    assert_eq!(partial["problems"], serde_json::json!([]));
    let stored = partial["documents"].as_u64().unwrap_or(0);
    assert!(
        stored < 3000,
        "the kill came too late to test anything: {partial}"
    );
    let out = dyad(&[
        "ingest",
        "--quiet",
        "--db",
        &killed.display().to_string(),
        &c,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let done = stats(&killed);
    assert_eq!(done["documents"], 3000);
    assert_eq!(
        done["events"], first["events"],
        "every document fully stored once"
    );
    assert_eq!(done["problems"], serde_json::json!([]));
    // A changed document replaces its events.
    let changed = dir.join("changed.jsonl");
    write_file(&changed, "{\"id\":\"g0\",\"date\":\"2025-07-17\",\"text\":\"Iran expelled the ambassador of Azerbaijan.\"}\n");
    let out = dyad(&[
        "ingest",
        "--quiet",
        "--db",
        &full.display().to_string(),
        &changed.display().to_string(),
    ]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 stored, 1 replaced"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // Queries: modality filter, FTS, machine output.
    let q = |args: &[&str]| {
        let mut all = vec!["query"];
        all.extend_from_slice(args);
        let f = full.display().to_string();
        all.extend_from_slice(&["--db", &f]);
        dyad(&all)
    };
    let demanded = q(&[
        "events",
        "--modality",
        "advocated",
        "--json",
        "--top",
        "1000",
    ]);
    let rows: Value = serde_json::from_slice(&demanded.stdout).unwrap_or(Value::Null);
    let rows = rows.as_array().cloned().unwrap_or_default();
    assert!(!rows.is_empty() && rows.iter().all(|r| r["modality"] == "advocated"));
    let tl = q(&["timeline", "--source", "IRN", "--by", "month", "--csv"]);
    assert!(
        String::from_utf8_lossy(&tl.stdout).starts_with("period,events,"),
        "{}",
        String::from_utf8_lossy(&tl.stdout)
    );
    let found = q(&["search", "ambassador AND recall", "--json", "--top", "5"]);
    let hits: Value = serde_json::from_slice(&found.stdout).unwrap_or(Value::Null);
    assert_eq!(hits.as_array().map(Vec::len), Some(5));
    let bad = q(&["search", "\"unclosed"]);
    assert_eq!(bad.status.code(), Some(1));
    let newer = dyad(&[
        "query",
        "stats",
        "--db",
        &dir.join("none.db").display().to_string(),
    ]);
    assert_eq!(newer.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn exports_read_back() {
    let dir = scratch_dir("export");
    let db = dir.join("x.db").display().to_string();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples")
        .display()
        .to_string();
    let out = dyad(&["ingest", "--quiet", "--db", &db, &samples]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let total = stats(Path::new(&db))["events"].as_u64().unwrap_or(0) as usize;
    assert!(total > 10);
    let export = |format: &str| {
        let path = dir.join(format!("ev.{format}"));
        let out = dyad(&[
            "export",
            "--format",
            format,
            "--out",
            &path.display().to_string(),
            "--db",
            &db,
            "--modality",
            "all",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        path
    };
    // Parquet: every stored column comes back, with every row.
    let file = std::fs::File::open(export("parquet")).unwrap_or_else(|e| panic!("{e}"));
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .and_then(|b| b.build())
        .unwrap_or_else(|e| panic!("{e}"));
    let mut rows = 0;
    for batch in reader {
        let batch = batch.unwrap_or_else(|e| panic!("{e}"));
        let schema = batch.schema();
        let names: std::collections::BTreeSet<&str> =
            schema.fields().iter().map(|f| f.name().as_str()).collect();
        let mut want: std::collections::BTreeSet<&str> =
            dyad_store::FULL_EVENT_COLUMNS.iter().copied().collect();
        want.insert("sentence");
        assert_eq!(names, want);
        rows += batch.num_rows();
    }
    assert_eq!(rows, total);
    // JSON Lines, CSV and PLOVER: one record per event.
    let lines = |p: PathBuf| {
        std::fs::read_to_string(p)
            .unwrap_or_default()
            .lines()
            .count()
    };
    assert_eq!(lines(export("jsonl")), total);
    assert_eq!(lines(export("csv")), total + 1);
    let plover_path = export("plover");
    assert_eq!(lines(plover_path.clone()), total);
    let first: Value = serde_json::from_str(
        std::fs::read_to_string(plover_path)
            .unwrap_or_default()
            .lines()
            .next()
            .unwrap_or(""),
    )
    .unwrap_or(Value::Null);
    for key in ["id", "date", "actor", "event", "modality"] {
        assert!(
            first.get(key).is_some(),
            "PLOVER record lacks {key}: {first}"
        );
    }
    // Filters apply: asserted only.
    let asserted = dir.join("a.jsonl");
    let out = dyad(&[
        "export",
        "--format",
        "jsonl",
        "--out",
        &asserted.display().to_string(),
        "--db",
        &db,
    ]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&asserted).unwrap_or_default();
    assert!(
        text.lines()
            .all(|l| l.contains("\"modality\":\"asserted\""))
            && lines(asserted) < total
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bench_reports_every_stage_on_the_samples() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let out = dyad(&[
        "bench",
        "--corpus",
        &samples.display().to_string(),
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    assert_eq!(v["documents"], 5);
    let stages: Vec<&str> = v["stages"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["stage"].as_str()).collect())
        .unwrap_or_default();
    for want in [
        "read",
        "segment",
        "tag",
        "tag+parse",
        "code",
        "store",
        "lexicon",
    ] {
        assert!(stages.contains(&want), "{want} missing from {stages:?}");
    }
    for s in v["stages"].as_array().into_iter().flatten() {
        if s["stage"] != "read" {
            assert!(s["tokens_per_s"].as_f64().unwrap_or(0.0) > 0.0, "{s}");
        }
    }
    assert!(v["events"].as_u64().unwrap_or(0) > 0);
    assert!(v["peak_memory_mb"].as_f64().unwrap_or(0.0) > 0.0);
}
