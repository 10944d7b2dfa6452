"""Code news articles with dyad across a Spark cluster.

    spark-submit examples/spark/code_articles.py INPUT OUTPUT [--format jsonl|parquet]

INPUT: articles as JSON Lines or Parquet with a `text` column and
optionally `id`, `date`, `title`, `source`, `url`. OUTPUT: a Parquet
dataset of events (the columns of `dyad.EVENT_SCHEMA`), partitioned by
event date. Each executor needs the dyad wheel installed (see README,
"Spark").
"""

from __future__ import annotations

import argparse

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession

# Columns handed to the coder (the others stay behind).
ARTICLE_COLUMNS = ["id", "text", "date", "title", "source", "url"]


def spark_schema():
    """The Spark schema of dyad's event table."""
    import dyad
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(dyad.EVENT_SCHEMA)


def code_batches(batches):
    """mapInArrow body: Arrow record batches of articles in, events out.
    One coding thread per task: Spark already runs a task per core."""
    import dyad

    for batch in batches:
        events = dyad.code_many(pa.Table.from_batches([batch]), threads=1)
        yield from events.to_batches()


def code_articles(articles: DataFrame) -> DataFrame:
    cols = [c for c in ARTICLE_COLUMNS if c in articles.columns]
    if "text" not in cols:
        raise ValueError("the articles have no `text` column")
    # Strings only: the coder reads dates in any style `dyad` knows.
    typed = articles.select(*[articles[c].cast("string").alias(c) for c in cols])
    return typed.mapInArrow(code_batches, spark_schema())


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--format", choices=["jsonl", "parquet"], default=None)
    ap.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    args = ap.parse_args(argv)
    builder = SparkSession.builder.appName("dyad-code")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    fmt = args.format or ("parquet" if args.input.rstrip("/").endswith(".parquet") else "jsonl")
    articles = spark.read.parquet(args.input) if fmt == "parquet" else spark.read.json(args.input)
    events = code_articles(articles)
    events.write.mode("overwrite").partitionBy("date").parquet(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
