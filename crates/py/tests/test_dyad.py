"""The Python package against the same engine the CLI runs: the event
contract, tables, the store, errors. DYAD_BIN (the CLI) lets tests compare
with `dyad code`; DYAD_NEWS (a JSON Lines corpus) adds real articles."""

import json
import os
import subprocess
import warnings

import pyarrow as pa
import pytest

import dyad

IRAN = "Iran recalled its ambassador from Baku on Monday."
CONTRACT_KEYS = [
    "doc_id", "event_id", "sentence_index", "date", "source", "target", "cameo",
    "cameo_root", "quad_class", "goldstein", "plover", "modality", "modality_cue",
    "attributed_to", "trigger", "location", "sentence", "genre", "confidence", "evidence",
]


def cli():
    path = os.environ.get("DYAD_BIN")
    if not path or not os.path.exists(path):
        pytest.skip("DYAD_BIN (the dyad CLI) is not set")
    return path


def cli_code(jsonl_path):
    out = subprocess.run(
        [cli(), "code", "--input-format", "jsonl", jsonl_path],
        check=True, capture_output=True, text=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_code_returns_the_contract():
    events = dyad.code(IRAN, date="2025-07-14")
    assert events, "no event"
    e = events[0]
    assert list(e) == CONTRACT_KEYS
    assert e["cameo"] == "161"
    assert e["modality"] == "asserted"
    assert e["source"]["code"].startswith("IRN")
    assert e["target"]["code"].startswith("AZE")
    assert e["trigger"] == {"text": "recalled", "start": 5, "end": 13}
    assert e["date"] == "2025-07-14"


def test_modality_is_kept_not_recoded():
    events = dyad.code("Iran should recall its ambassador from Baku.", date="2025-07-14")
    recall = [e for e in events if e["cameo"] == "161"]
    assert recall and recall[0]["modality"] == "advocated"
    assert recall[0]["modality_cue"]["text"] == "should"


def test_code_equals_the_cli(tmp_path):
    doc = {"id": "d1", "date": "2025-07-14", "text": IRAN + " Turkey did not condemn Israel."}
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(doc) + "\n")
    assert dyad.code(doc["text"], date=doc["date"], doc_id="d1") == cli_code(str(path))


def test_bad_input_raises_clear_errors():
    with pytest.raises(ValueError, match="not a date"):
        dyad.code(IRAN, date="someday soon")
    with pytest.raises(TypeError, match="text must be a str"):
        dyad.code(b"bytes")
    with pytest.raises(TypeError, match="single document"):
        dyad.code_many({"text": IRAN})
    # Hostile text: no exception, whatever the bytes.
    dyad.code("\x00\u202e\ufdfa🇮🇷 ... ??? \n\n" * 50)


def test_code_many_from_dicts_pandas_and_arrow():
    docs = [
        {"id": "a", "date": "2025-07-14", "text": IRAN},
        {"id": "b", "date": "2025-07-15", "text": "Israel struck Iranian nuclear sites."},
        {"id": "c", "text": "Nothing happened here."},
    ]
    table = dyad.code_many(docs, threads=2)
    assert isinstance(table, pa.Table)
    assert table.schema == dyad.EVENT_SCHEMA
    singles = [e for d in docs for e in dyad.code(d["text"], date=d.get("date"), doc_id=d["id"])]
    assert table.num_rows == len(singles)
    got = sorted(zip(table["event_id"].to_pylist(), table["cameo"].to_pylist(), table["modality"].to_pylist()))
    want = sorted((e["event_id"], e["cameo"], e["modality"]) for e in singles)
    assert got == want
    row = table.filter(pa.compute.equal(table["doc_id"], "a")).to_pylist()[0]
    assert row["trigger_text"] == "recalled" and row["source_code"].startswith("IRN")
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(docs)
    assert dyad.code_many(frame).num_rows == table.num_rows
    assert dyad.code_many(pa.Table.from_pylist(docs)).num_rows == table.num_rows
    pl = pytest.importorskip("polars")
    assert dyad.code_many(pl.DataFrame(docs)).num_rows == table.num_rows
    assert dyad.code_many([]).num_rows == 0


def test_code_many_skips_unreadable_records_with_a_warning():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = dyad.code_many([{"id": "x", "text": IRAN}, {"id": "y", "title": "no text"}])
    assert table.num_rows >= 1
    assert any("text" in str(w.message) for w in caught), [str(w.message) for w in caught]


def test_parse_and_lookup():
    sents = dyad.parse("Iran recalled its ambassador. He left.")
    assert len(sents) == 2
    toks = sents[0]["tokens"]
    assert [t["text"] for t in toks][:2] == ["Iran", "recalled"]
    recalled = toks[1]
    assert recalled["lemma"] == "recall" and recalled["upos"] == "VERB" and recalled["head"] == 0
    assert recalled["modality"] == "asserted"
    assert dyad.lexicon.lookup("Trump", "2019-06-01")[0]["code"] == "USAGOV"
    assert dyad.lexicon.lookup("Trump", "2022-06-01")[0]["code"] == "USA"
    with pytest.raises(ValueError, match="not a date"):
        dyad.lexicon.lookup("Trump", "yesterday-ish")


def test_store_ingest_and_queries(tmp_path):
    pd = pytest.importorskip("pandas")
    store = dyad.Store(str(tmp_path / "events.db"))
    docs = [
        {"id": "a", "date": "2025-07-14", "text": IRAN},
        {"id": "b", "date": "2025-08-02", "text": "Iran recalled its ambassador from Azerbaijan again."},
        {"id": "c", "date": "2025-08-03", "text": "Iran should recall its ambassador from Baku."},
    ]
    summary = store.ingest(docs)
    assert summary["stored"] == 3 and summary["errors"] == []
    assert store.ingest(docs)["unchanged"] == 3
    tl = store.timeline(source="IRN", target="AZE", by="month")
    assert isinstance(tl, pd.DataFrame)
    assert list(tl["period"]) == ["2025-07", "2025-08"]
    assert list(tl["events"]) == [1, 1]  # the advocated recall is not counted
    every = store.timeline(source="IRN", target="AZE", modality="all")
    assert every["events"].sum() == 3
    ev = store.events(modality="advocated")
    assert list(ev["doc_id"]) == ["c"] and ev["cue_text"].iloc[0] == "should"
    assert store.dyads(modality="all")["events"].sum() >= 3
    with pytest.raises(ValueError, match="from"):
        store.timeline(from_="July")
    with pytest.raises(TypeError, match="unknown filter"):
        store.events(sauce="IRN")
    # Injection strings are values, not SQL.
    assert store.events(source="IRN'; DROP TABLE events; --").empty
    assert store.timeline(modality="all")["events"].sum() == 3


def test_store_errors_name_the_file(tmp_path):
    with pytest.raises(OSError, match="nonexistent"):
        dyad.Store(str(tmp_path / "nonexistent" / "dir" / "events.db"))


def test_code_many_matches_the_cli_on_news(tmp_path):
    news = os.environ.get("DYAD_NEWS")
    if not news or not os.path.exists(news):
        pytest.skip("DYAD_NEWS (a JSON Lines corpus) is not set")
    with open(news, encoding="utf-8") as f:
        lines = [next(f) for _ in range(200)]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    want = cli_code(str(path))
    table = dyad.code_many([json.loads(line) for line in lines])
    assert table.num_rows == len(want) > 0
    assert sorted(table["event_id"].to_pylist()) == sorted(e["event_id"] for e in want)
    by_id = {e["event_id"]: e for e in want}
    for row in table.to_pylist():
        e = by_id[row["event_id"]]
        assert (row["cameo"], row["modality"], row["date"]) == (e["cameo"], e["modality"], e["date"])
        assert row["source_code"] == (e["source"] or {}).get("code")
        assert row["target_code"] == (e["target"] or {}).get("code")


def test_store_ingests_files_as_the_cli_reads_them(tmp_path):
    samples = os.path.join(os.path.dirname(__file__), "..", "..", "..", "samples")
    store = dyad.Store(str(tmp_path / "events.db"))
    summary = store.ingest(samples)
    assert summary["stored"] == 5 and summary["events"] > 0
    assert summary["errors"] == []
    missing = store.ingest([str(tmp_path / "no-such-file.txt")])
    assert missing["stored"] == 0 and "no-such-file" in missing["errors"][0]
