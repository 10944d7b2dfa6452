"""dyad: political event data from news text.

Who did what to whom, when, where, and whether the text says it happened
(``modality``). The coding runs in dyad's Rust engine (bundled model and
dictionaries; nothing is downloaded); this package hands it your texts and
returns plain Python, Arrow and pandas objects.

>>> import dyad
>>> dyad.code("Iran recalled its ambassador from Baku on Monday.", date="2025-07-14")[0]["cameo"]
'161'
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import math as _math
import warnings as _warnings
from typing import Any, Iterable, Mapping

from . import _dyad
from . import lexicon
from ._schema import EVENT_SCHEMA

__version__: str = _dyad.version()

__all__ = [
    "EVENT_SCHEMA",
    "DyadWarning",
    "Store",
    "code",
    "code_many",
    "lexicon",
    "parse",
]


class DyadWarning(UserWarning):
    """A document that could not be read; the others were coded."""


def code(
    text: str,
    *,
    date: str | _dt.date | None = None,
    title: str | None = None,
    doc_id: str | None = None,
) -> list[dict[str, Any]]:
    """Codes one text; returns its events as ``dyad code`` prints them.

    ``date`` is the document's date (``YYYY-MM-DD`` or a ``datetime.date``);
    relative time expressions ("on Monday") are resolved against it.
    Raises ``ValueError`` for a date that is not one.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return _json.loads(_dyad.code_text(text, _date_text(date), title, doc_id))


def code_many(docs: Any, *, threads: int | None = None):
    """Codes many documents in parallel (in Rust, without the GIL).

    ``docs``: an iterable of dicts, or a pandas, polars or Arrow table, with
    a ``text`` column and optionally ``id``, ``date``, ``title``,
    ``source``, ``url``. Returns a ``pyarrow.Table`` of events, one row per
    event, with the columns of :data:`EVENT_SCHEMA` (the ``dyad code``
    record with nested fields spread out: ``source_code``,
    ``trigger_start``, ...). Records that cannot be read are reported as
    :class:`DyadWarning` and skipped. ``threads`` defaults to one per core.
    """
    import io

    import pyarrow.json as paj

    data = _to_jsonl(docs)
    if not data:
        return EVENT_SCHEMA.empty_table()
    events, problems = _dyad.code_jsonl(data, threads, True)
    for p in problems:
        _warnings.warn(p, DyadWarning, stacklevel=2)
    if not events:
        return EVENT_SCHEMA.empty_table()
    return paj.read_json(
        io.BytesIO(events),
        read_options=paj.ReadOptions(block_size=max(1 << 20, min(len(events) + 1, 1 << 28))),
        parse_options=paj.ParseOptions(
            explicit_schema=EVENT_SCHEMA, unexpected_field_behavior="error"
        ),
    )


def parse(text: str) -> list[dict[str, Any]]:
    """Segments, tags and parses a text: its sentences, each with tokens
    (``start``, ``end``, ``text``, ``lemma``, ``upos``, ``xpos``, ``head``,
    ``deprel``, and ``modality`` on predicates), as ``dyad parse --format
    jsonl``. Offsets are character offsets into ``text``."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return _json.loads(_dyad.parse_text(text))["sentences"]


class Store:
    """An event database, the SQLite file ``dyad ingest`` writes and
    ``dyad serve`` reads. Opening creates it if needed.

    Query methods take the filters of ``dyad query``: ``source``, ``target``
    (actor code prefixes), ``both_directions``, ``modality`` (a name, a
    list, or ``"all"``; default ``"asserted"``), ``code``, ``quad_class``,
    ``genre``, ``from_`` and ``to`` (``YYYY-MM-DD``), ``location``, ``text``
    (full-text query), ``known_actors``.
    """

    def __init__(self, path: str) -> None:
        self._store = _dyad.Store(str(path))

    @property
    def path(self) -> str:
        return self._store.path

    def ingest(self, docs: Any, *, threads: int | None = None) -> dict[str, Any]:
        """Codes and stores documents: file or directory paths (a str or a
        list of them, read as ``dyad ingest`` reads them), or documents as
        for :func:`code_many`. Returns the counts (stored, replaced,
        unchanged, events) and the problems of inputs that were skipped."""
        if isinstance(docs, str) or (
            isinstance(docs, (list, tuple)) and docs and all(isinstance(d, str) for d in docs)
        ):
            paths = [docs] if isinstance(docs, str) else list(docs)
            summary = _json.loads(self._store.ingest_paths(paths, threads))
        else:
            summary = _json.loads(self._store.ingest_jsonl(_to_jsonl(docs), threads))
        return summary

    def timeline(self, *, by: str = "month", **filters: Any):
        """Events per period (``day``, ``week``, ``month``, ``year``) by quad
        class, with Goldstein sums and means, as a pandas DataFrame."""
        import pandas as pd

        rows = _json.loads(self._store.timeline(_filter_json(filters), by))
        return pd.DataFrame(rows, columns=_TIMELINE_COLUMNS)

    def events(self, *, limit: int | None = None, **filters: Any):
        """Stored events (every field, with the sentence) as a pandas
        DataFrame, in date order."""
        import pandas as pd

        rows = _json.loads(self._store.events(_filter_json(filters), limit))
        return pd.DataFrame(rows)

    def dyads(self, *, top: int = 20, **filters: Any):
        """The most active source-target pairs as a pandas DataFrame."""
        import pandas as pd

        rows = _json.loads(self._store.dyads(_filter_json(filters), top))
        return pd.DataFrame(rows, columns=["source", "target", "events", "goldstein_sum"])


_TIMELINE_COLUMNS = [
    "period",
    "events",
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
    "goldstein_sum",
    "goldstein_mean",
    "top_codes",
]

_FILTER_KEYS = {
    "source",
    "target",
    "both_directions",
    "modality",
    "code",
    "quad_class",
    "genre",
    "from_",
    "to",
    "location",
    "text",
    "known_actors",
}


def _filter_json(filters: Mapping[str, Any]) -> str:
    unknown = sorted(set(filters) - _FILTER_KEYS)
    if unknown:
        raise TypeError(
            f"unknown filter {unknown[0]!r}; filters: {', '.join(sorted(_FILTER_KEYS))}"
        )
    out = {("from" if k == "from_" else k): v for k, v in filters.items() if v is not None}
    for k in ("from", "to"):
        if k in out:
            out[k] = _date_text(out[k])
    return _json.dumps(out)


def _date_text(d: Any) -> str | None:
    if d is None:
        return None
    if isinstance(d, (_dt.datetime, _dt.date)):
        return d.isoformat()
    if isinstance(d, str):
        return d
    raise TypeError(f"date must be a str or datetime.date, not {type(d).__name__}")


def _records(docs: Any) -> Iterable[Mapping[str, Any]]:
    """Rows of a pandas/polars/Arrow table, or the dicts of an iterable."""
    if hasattr(docs, "to_pylist") and hasattr(docs, "schema"):  # pyarrow Table/RecordBatch
        return docs.to_pylist()
    if hasattr(docs, "to_dicts"):  # polars DataFrame
        return docs.to_dicts()
    if hasattr(docs, "to_dict") and hasattr(docs, "columns"):  # pandas DataFrame
        return docs.to_dict(orient="records")
    if isinstance(docs, Mapping) or isinstance(docs, (str, bytes)):
        raise TypeError("docs must be an iterable of dicts or a table, not a single document")
    return docs


def _plain(v: Any) -> Any:
    """A JSON-ready value: dates as ISO strings, NaN/NaT as missing."""
    if isinstance(v, (_dt.datetime, _dt.date)):
        return v.isoformat()
    if isinstance(v, float) and _math.isnan(v):
        return None
    if hasattr(v, "isoformat"):  # pandas Timestamp, numpy datetime
        try:
            return v.isoformat()
        except ValueError:  # NaT
            return None
    return v


def _to_jsonl(docs: Any) -> bytes:
    lines = []
    for i, rec in enumerate(_records(docs)):
        if not isinstance(rec, Mapping):
            raise TypeError(f"document {i}: expected a dict, not {type(rec).__name__}")
        row = {str(k): _plain(v) for k, v in rec.items()}
        lines.append(_json.dumps(row, ensure_ascii=False, default=str))
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
