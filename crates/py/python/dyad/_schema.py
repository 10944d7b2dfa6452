"""The Arrow schema of coded events (``dyad.code_many``): the ``dyad code``
record with nested objects spread into columns."""

import pyarrow as pa

_s, _i, _f = pa.string(), pa.int64(), pa.float64()

EVENT_SCHEMA = pa.schema(
    [
        ("doc_id", _s),
        ("event_id", _s),
        ("sentence_index", _i),
        ("date", _s),
        ("source_code", _s),
        ("source_country", _s),
        ("source_sector", _s),
        ("source_text", _s),
        ("source_start", _i),
        ("source_end", _i),
        ("target_code", _s),
        ("target_country", _s),
        ("target_sector", _s),
        ("target_text", _s),
        ("target_start", _i),
        ("target_end", _i),
        ("cameo", _s),
        ("cameo_root", _s),
        ("quad_class", _i),
        ("goldstein", _f),
        ("plover_event", _s),
        ("plover_mode", _s),
        ("modality", _s),
        ("modality_cue_text", _s),
        ("modality_cue_start", _i),
        ("modality_cue_end", _i),
        ("attributed_to_text", _s),
        ("attributed_to_code", _s),
        ("attributed_to_start", _i),
        ("attributed_to_end", _i),
        ("trigger_text", _s),
        ("trigger_start", _i),
        ("trigger_end", _i),
        ("location_name", _s),
        ("location_country", _s),
        ("location_lat", _f),
        ("location_lon", _f),
        ("location_start", _i),
        ("location_end", _i),
        ("sentence_start", _i),
        ("sentence_end", _i),
        ("genre", _s),
        ("confidence", _f),
        ("evidence", pa.list_(pa.struct([("start", _i), ("end", _i)]))),
    ]
)
