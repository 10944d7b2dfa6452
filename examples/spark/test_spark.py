"""The Spark job in local mode (local[2]) on a few hundred articles: its
events must equal what `dyad code` prints for the same input. Needs
pyspark, Java, DYAD_BIN (the CLI) and DYAD_NEWS (JSON Lines articles)."""

import json
import os
import subprocess
import sys
import time

import pyarrow.dataset as ds
import pytest

sys.path.insert(0, os.path.dirname(__file__))

N_DOCS = int(os.environ.get("DYAD_SPARK_DOCS", "300"))


@pytest.fixture(scope="module")
def spark():
    pyspark = pytest.importorskip("pyspark.sql")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        pyspark.SparkSession.builder.master("local[2]")
        .appName("dyad-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_job_equals_the_cli(spark, tmp_path):
    dyad_bin, news = os.environ.get("DYAD_BIN"), os.environ.get("DYAD_NEWS")
    if not dyad_bin or not news or not os.path.exists(news):
        pytest.skip("DYAD_BIN and DYAD_NEWS are needed")
    import code_articles

    with open(news, encoding="utf-8") as f:
        lines = [next(f) for _ in range(N_DOCS)]
    src = tmp_path / "articles.jsonl"
    src.write_text("".join(lines), encoding="utf-8")
    want = subprocess.run(
        [dyad_bin, "code", "--input-format", "jsonl", str(src)],
        check=True, capture_output=True, text=True,
    ).stdout
    want = [json.loads(line) for line in want.splitlines() if line.strip()]

    out = tmp_path / "events"
    # The job's module must reach the Python workers (spark-submit ships
    # the main script itself).
    spark.sparkContext.addPyFile(code_articles.__file__)
    articles = spark.read.json(str(src)).repartition(4)
    started = time.perf_counter()
    code_articles.code_articles(articles).write.partitionBy("date").parquet(str(out))
    seconds = time.perf_counter() - started
    print(f"\nspark local[2]: {N_DOCS} articles, {len(want)} events in {seconds:.1f} s "
          f"({N_DOCS / seconds:.0f} articles/s)")

    got = ds.dataset(str(out), format="parquet", partitioning="hive").to_table().to_pylist()
    assert len(got) == len(want) > 0

    def key(*fields):
        return tuple("" if f is None else str(f) for f in fields)

    def null_date(d):
        return None if d in (None, "__HIVE_DEFAULT_PARTITION__") else str(d)

    got_keys = sorted(
        key(r["doc_id"], r["event_id"], null_date(r["date"]), r["cameo"], r["modality"],
            r["source_code"], r["target_code"])
        for r in got
    )
    want_keys = sorted(
        key(e["doc_id"], e["event_id"], e["date"], e["cameo"], e["modality"],
            (e["source"] or {}).get("code"), (e["target"] or {}).get("code"))
        for e in want
    )
    assert got_keys == want_keys
