"""The bundled actor dictionaries."""

from __future__ import annotations

import datetime as _dt
import json as _json
from typing import Any

from . import _dyad


def lookup(name: str, date: str | _dt.date | None = None) -> list[dict[str, Any]]:
    """The actors ``name`` refers to on ``date`` (default: today), as
    ``dyad lexicon lookup --json``: ``code``, ``country``, ``sector``,
    ``name``, ``matched``, ``role_start``, ``role_end``, ``kind``,
    ``office``, ``place_code``.

    >>> lookup("Trump", "2019-06-01")[0]["code"]
    'USAGOV'
    """
    if isinstance(date, (_dt.datetime, _dt.date)):
        date = date.isoformat()
    return _json.loads(_dyad.lookup(name, date))
