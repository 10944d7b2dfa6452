#!/usr/bin/env python3
"""Build dyad's CAMEO event-code table (lexicon/cameo.tsv) from third-party data.

Usage:
    python3 scripts/lexicon/build_cameo.py ../shared/data > lexicon/cameo.tsv

The only argument is the shared data directory.  The TSV goes to stdout; a
report (source disagreements, codes missing from one source, inherited PLOVER
mappings) goes to stderr.  Standard library only; the output is deterministic.

Inputs (paths relative to the data directory):
    cameo/cameo_eventcodes.tsv              GDELT open data  (code set, names, Goldstein, quad)
    cameo/gdelt/CAMEO.eventcodes.txt        GDELT open data  (cross-check only)
    cameo/gdelt/CAMEO.goldsteinscale.txt    GDELT open data  (cross-check only)
    cameo/text_to_CAMEO/CAMEO_codefile.txt  MIT              (CAMEO 0.7b5 labels)
    plover/CAMEO2PLOVER-2021.txt            CC BY-SA 4.0     (PLOVER event, mode, context)
    plover/PLOVER_MANUAL.tex                CC BY-SA 4.0     (PLOVER scores table)

Tables copied into this script (each cited where it is defined):
    ICEWS Goldstein values   andybega/icews data-raw/cameo-codes.csv (MIT)
    ICEWS quad classes       andybega/icews data-raw/clean-data.R (MIT)
    Phoenix quad classes     openeventdata/phoenix_pipeline postprocess.py (MIT)
    CAMEO 1.1b3 additions    Schrodt 2012, CAMEO codebook version 1.1b3

Output columns (tab-separated, one header line, rows sorted by code as strings):
    code name root parent goldstein goldstein_icews quad_gdelt quad_icews
    quad_phoenix plover_event plover_mode plover_context plover_score sources
List fields (plover_context, sources) are '|'-separated.  See lexicon/README.md.
"""

import os
import re
import sys

HEADER = [
    "code", "name", "root", "parent", "goldstein", "goldstein_icews",
    "quad_gdelt", "quad_icews", "quad_phoenix", "plover_event", "plover_mode",
    "plover_context", "plover_score", "sources",
]

# Source tags, in the order they are listed in the sources column.
GDELT, C07, C11, PLOVER, INH_PLOVER, DYAD = (
    "gdelt", "cameo_0.7b5", "cameo_1.1b3", "plover", "inherited_plover", "dyad")
SOURCE_ORDER = [GDELT, C07, C11, PLOVER, INH_PLOVER, DYAD]

# --------------------------------------------------------------------------
# Tables that are not in the shared data directory.  Each is copied from a
# public, cited source; nothing here is estimated.
# --------------------------------------------------------------------------

# Codes of the CAMEO 1.1b3 codebook (Schrodt, "CAMEO Conflict and Mediation
# Event Observations Event and Actor Codebook", March 2012, version 1.1b3)
# that GDELT's lookup table lacks.  Labels as in the codebook; the same five
# codes are listed as "in the codebook, missing from ICEWS" in
# andybega/cameo eventtypes.R, and 1951/1952 carry the same labels in
# text_to_CAMEO's CAMEO_codefile.txt.  Goldstein is inherited from the parent.
CAMEO_1_1B3_ADDITIONS = {
    "155": "Mobilize or increase cyber-forces",
    "176": "Attack cybernetically",
    "1834": "Carry out location bombing",
    "1951": "Employ precision-guided aerial munitions",
    "1952": "Employ remotely piloted aerial munitions",
}

# ICEWS-convention Goldstein values, one per CAMEO code, from the ICEWS event
# type table as redistributed by the icews R package:
#   andybega/icews @c9548940c514 data-raw/cameo-codes.csv, column "goldstein"
#   (MIT; the package cites the ICEWS Dataverse, doi:10.7910/DVN/28075).
# Its names are the ICEWS variants ("Appeal to yield", "Mediate", ...), the
# ones text_to_CAMEO marks LABELi.  312 codes: GDELT's 311 plus 1213.  It has
# no value for 1214, 155, 176, 1834, 1951, 1952.
ICEWS_GOLDSTEIN_TEXT = """
01 0  010 0  011 -0.1  012 -0.4  013 0.4  014 0  015 0  016 -5  017 0  018 3.4  019 3.4
02 3  020 3  021 3.4  0211 3.4  0212 3.4  0213 3.4  0214 3.4  022 3.4  023 3.4
  0231 3.4  0232 3.4  0233 3.4  0234 3.4  024 -0.3  0241 -0.3  0242 -0.3  0243 -0.3
  0244 -0.3  025 -0.3  0251 -0.3  0252 -0.3  0253 -0.3  0254 -0.3  0255 -0.3  0256 -0.3
  026 4  027 4  028 4
03 4  030 4  031 5.2  0311 5.2  0312 5.2  0313 5.2  0314 5.2  032 4.5  033 5.2
  0331 5.2  0332 5.2  0333 5.2  0334 6  034 7  0341 7  0342 7  0343 7  0344 7
  035 7  0351 7  0352 7  0353 7  0354 7  0355 7  0356 7  036 4  037 5  038 7  039 5
04 1  040 1  041 1  042 1.9  043 2.8  044 2.5  045 5  046 7
05 3.5  050 3.5  051 3.4  052 3.5  053 3.8  054 6  055 7  056 7  057 8
06 6  060 6  061 6.4  062 7.4  063 7.4  064 7
07 7  070 7  071 7.4  072 8.3  073 7.4  074 8.5  075 7
08 5  080 5  081 5  0811 5  0812 5  0813 5  0814 5  082 5  083 5  0831 5  0832 5
  0833 5  0834 5  084 7  0841 7  0842 7  085 7  086 9  0861 9  0862 9  0863 9
  087 9  0871 9  0872 9  0873 9  0874 10
09 -2  090 -2  091 -2  092 -2  093 -2  094 -2
10 -5  100 -5  101 -5  1011 -5  1012 -5  1013 -5  1014 -5  102 -5  103 -5  1031 -5
  1032 -5  1033 -5  1034 -5  104 -5  1041 -5  1042 -5  1043 -5  1044 -5  105 -5
  1051 -5  1052 -5  1053 -5  1054 -5  1055 -5  1056 -5  106 -5  107 -5  108 -5
11 -2  110 -2  111 -2  112 -2  1121 -2  1122 -2  1123 -2  1124 -2  1125 -2  113 -2
  114 -2  115 -2  116 -2
12 -4  120 -4  121 -4  1211 -4  1212 -4  1213 -4  122 -4  1221 -4  1222 -4  1223 -4
  1224 -4  123 -4  1231 -4  1232 -4  1233 -4  1234 -4  124 -4  1241 -4  1242 -4
  1243 -4  1244 -4  1245 -4  1246 -4  125 -5  126 -5  127 -5  128 -5  129 -5
13 -6  130 -4.4  131 -5.8  1311 -5.8  1312 -5.8  1313 -5.8  132 -5.8  1321 -5.8
  1322 -5.8  1323 -5.8  1324 -5.8  133 -5.8  134 -5.8  135 -5.8  136 -7  137 -7
  138 -7  1381 -7  1382 -7  1383 -7  1384 -7  1385 -7  139 -7
14 -6.5  140 -6.5  141 -6.5  1411 -6.5  1412 -6.5  1413 -6.5  1414 -6.5  142 -6.5
  1421 -6.5  1422 -6.5  1423 -6.5  1424 -6.5  143 -6.5  1431 -6.5  1432 -6.5
  1433 -6.5  1434 -6.5  144 -7.5  1441 -7.5  1442 -7.5  1443 -7.5  1444 -7.5
  145 -7.5  1451 -7.5  1452 -7.5  1453 -7.5  1454 -7.5
15 -7.2  150 -7.2  151 -7.2  152 -7.2  153 -7.2  154 -7.2
16 -4  160 -4  161 -4  162 -5.6  1621 -5.6  1622 -5.6  1623 -5.6  163 -8  164 -6.5
  165 -7  166 -7  1661 -7  1662 -7  1663 -7
17 -7  170 -7  171 -9.2  1711 -9.2  1712 -9.2  172 -5  1721 -5  1722 -5  1723 -5
  1724 -5  173 -5  174 -5  175 -9
18 -9  180 -9  181 -9  182 -9.5  1821 -9  1822 -9  1823 -10  183 -10  1831 -10
  1832 -10  1833 -10  184 -8  185 -8  186 -10
19 -10  190 -10  191 -9.5  192 -9.5  193 -10  194 -10  195 -10  196 -9.5
20 -10  200 -10  201 -9.5  202 -10  203 -10  204 -10  2041 -10  2042 -10
"""
ICEWS_GOLDSTEIN_COUNT = 312  # rows in the source CSV; checked below

# ICEWS-style quad class by root (1 verbal cooperation, 2 material
# cooperation, 3 verbal conflict, 4 material conflict), as defined in
#   andybega/icews @18ea9288 data-raw/clean-data.R, quad_category:
#   roots 1-5 -> verbal cooperation, 6-8 -> material cooperation,
#   9-13 -> verbal conflict, 14-20 -> material conflict.
QUAD_ICEWS = {}
for _r in range(1, 21):
    QUAD_ICEWS["%02d" % _r] = 1 if _r <= 5 else 2 if _r <= 8 else 3 if _r <= 13 else 4

# Phoenix quad class by root (0 neutral, 1 verbal cooperation, 2 material
# cooperation, 3 verbal conflict, 4 material conflict), copied from
#   openeventdata/phoenix_pipeline @cf916f644cfe postprocess.py,
#   process_cameo(), dict quad_conversion.
# Note root 16 (REDUCE RELATIONS) is 3 there, not 4.
QUAD_PHOENIX = {
    "01": 0, "02": 0, "03": 1, "04": 1, "05": 1,
    "06": 2, "07": 2, "08": 2, "09": 3, "10": 3,
    "11": 3, "12": 3, "13": 3, "14": 4, "15": 4,
    "16": 3, "17": 4, "18": 4, "19": 4, "20": 4,
}

# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def report(*a):
    print(*a, file=sys.stderr)


def parent_of(code):
    # CAMEO is a prefix hierarchy: 4 digits -> 3, 3 digits -> root, root -> none.
    return code[:-1] if len(code) > 2 else ""


def fmt_float(v):
    # One decimal, as GDELT writes its values ("-10.0", "0.4").
    return "%.1f" % v


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


# --------------------------------------------------------------------------
# Loaders
# --------------------------------------------------------------------------


def load_gdelt(data):
    """The merged GDELT table, cross-checked against the raw GDELT lookups."""
    rows = {}
    lines = read_lines(os.path.join(data, "cameo/cameo_eventcodes.tsv"))
    head = lines[0].split("\t")
    for line in lines[1:]:
        rec = dict(zip(head, line.split("\t")))
        rows[rec["code"]] = rec

    names, scale = {}, {}
    for fname, into in (("CAMEO.eventcodes.txt", names),
                        ("CAMEO.goldsteinscale.txt", scale)):
        for line in read_lines(os.path.join(data, "cameo/gdelt", fname))[1:]:
            code, value = line.split("\t", 1)
            into[code] = value
    if set(names) != set(rows) or set(scale) != set(rows):
        report("WARN gdelt: raw lookup code sets differ from cameo_eventcodes.tsv")
    padded = 0
    for code, rec in sorted(rows.items()):
        raw = names.get(code, "")
        padded += raw != raw.strip()  # the raw lookup pads 25 names with spaces
        if raw.strip() != rec["name_gdelt"]:
            report("WARN gdelt: name differs for", code, repr(raw))
        if scale.get(code) != rec["goldstein"]:
            report("WARN gdelt: Goldstein differs for", code, scale.get(code))
        if rec["root"] != code[:2] or rec["parent"] != parent_of(code):
            report("WARN gdelt: root/parent of", code, "is", rec["root"], rec["parent"])
    report("NOTE gdelt: %d raw names have trailing spaces (stripped, as in the merged table)"
           % padded)
    return rows


def load_codefile(data):
    """CAMEO 0.7b5 labels from text_to_CAMEO (first plain LABEL line wins;
    LABELi lines are ICEWS label variants and are skipped)."""
    labels, variants = {}, set()
    path = os.path.join(data, "cameo/text_to_CAMEO/CAMEO_codefile.txt")
    for line in read_lines(path):
        m = re.match(r"LABEL(\w?):\s*(\w+)=\s*(.*)$", line.strip())
        if not m:
            continue
        kind, code, label = m.groups()
        if not code.isdigit():
            variants.add(code)  # 0811i, 138i, 13y, ...: not codes
            continue
        if kind == "" and code not in labels:
            labels[code] = label.strip()
    return labels, variants


def load_plover(data):
    """CAMEO2PLOVER-2021.txt -> ({code: (event, mode, [contexts])},
    {root: [events named in its section headers]})."""
    mapping, headers = {}, {}
    path = os.path.join(data, "plover/CAMEO2PLOVER-2021.txt")
    for line in read_lines(path):
        body = line.split("#", 1)[0].strip()
        m = re.match(r"(\d{2,4})\s*:\s*(.*)$", body)
        if not m:
            continue
        code, rest = m.groups()
        if "," not in rest:
            # Section header such as "03: AGREE" (08 has two: CONCEDE, RETREAT).
            headers.setdefault(code, []).append(rest.strip())
            continue
        parts = [p.strip() for p in rest.split(",")]
        parts += [""] * (3 - len(parts))
        event, mode, context = parts[0], parts[1], parts[2]
        contexts = [c.strip() for c in context.split(";") if c.strip()]
        value = (event, mode, contexts)
        if code in mapping:
            if mapping[code] != value:
                report("WARN plover: conflicting lines for", code, "- first kept")
            else:
                report("NOTE plover: duplicate line for", code)
            continue
        mapping[code] = value
    return mapping, headers


def load_plover_scores(data):
    """Event-type scores from the PLOVER manual's (uncommented) score table.
    Cells come in (label, score) pairs; 'EVENT' labels are event types,
    'EVENT: Mode' labels are mode scores (not used here)."""
    lines = read_lines(os.path.join(data, "plover/PLOVER_MANUAL.tex"))
    live = [l for l in lines if not l.lstrip().startswith("%")]
    text = "\n".join(live)
    start = text.index(r"\caption{PLOVER conflict--cooperation scores}")
    end = text.index(r"\end{tabular}", start)
    table = text[start:end]
    events, modes = {}, {}
    for row in table.split(r"\\"):
        row = row.replace(r"\cellcolor{gray!25}", "").replace(r"\hline", "")
        cells = [c.strip() for c in row.split("&")]
        for label, score in zip(cells[0::2], cells[1::2]):
            if not re.fullmatch(r"-?\d+(\.\d+)?", score or ""):
                continue
            if ":" in label:
                modes[label] = score
            else:
                events[label] = score
    return events, modes


def load_icews():
    tokens = ICEWS_GOLDSTEIN_TEXT.split()
    values = {}
    for code, value in zip(tokens[0::2], tokens[1::2]):
        if code in values:
            report("WARN icews: duplicate code in copied table", code)
        values[code] = float(value)
    if len(values) != ICEWS_GOLDSTEIN_COUNT:
        report("WARN icews: copied table has", len(values), "codes, expected",
               ICEWS_GOLDSTEIN_COUNT)
    return values


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    data = sys.argv[1]

    gdelt = load_gdelt(data)
    labels, label_variants = load_codefile(data)
    plover, plover_headers = load_plover(data)
    plover_scores, _mode_scores = load_plover_scores(data)
    icews = load_icews()

    # GDELT's quad class is a function of the root; take it from the root rows
    # so that codes GDELT lacks get the same rule.
    quad_gdelt_root = {c: r["gdelt_quadclass"] for c, r in gdelt.items() if len(c) == 2}

    # ---- the code set ------------------------------------------------------
    codes = {}  # code -> set of source tags
    for code in gdelt:
        codes[code] = {GDELT}
    for code in CAMEO_1_1B3_ADDITIONS:
        if code in gdelt:
            report("WARN 1.1b3 addition already in GDELT:", code)
        codes.setdefault(code, set()).add(C11)
    # Codes the CAMEO codefile labels but GDELT lacks (1213, 1214; also
    # 1951/1952, already added above).  PETRARCH's CAMEO.2.0 dictionary codes
    # 1213, PLOVER maps both, ICEWS has 1213, so a coder can emit them.
    for code in labels:
        codes.setdefault(code, set())
        codes[code].add(C07)
    extra_07 = sorted(c for c in labels if c not in gdelt and c not in CAMEO_1_1B3_ADDITIONS)

    # ---- PLOVER for roots: the section header ------------------------------
    # The header names the root's PLOVER event (mode/context stay empty: they
    # differ between the root's children).  Where a root has two headers (08:
    # CONCEDE and RETREAT), take the one its "not specified" code NN0 maps to.
    plover_root = {}
    for root, events in plover_headers.items():
        if len(set(events)) == 1:
            plover_root[root] = (events[0], False)
        else:
            nn0 = plover.get(root + "0")
            pick = nn0[0] if nn0 and nn0[0] in events else ""
            plover_root[root] = (pick, True)
            report("NOTE plover: root %s has headers %s; root row uses %s (from %s0)"
                   % (root, "/".join(events), pick or "none", root))

    def plover_for(code):
        """(event, mode, contexts, tags) with inheritance from the nearest parent."""
        if code in plover:
            event, mode, ctx = plover[code]
            return event, mode, ctx, [PLOVER]
        if len(code) == 2 and code in plover_root:
            event, chosen = plover_root[code]
            return event, "", [], ([PLOVER, DYAD] if chosen else [PLOVER])
        p = parent_of(code)
        while p:
            if p in plover:
                event, mode, ctx = plover[p]
                return event, mode, ctx, [INH_PLOVER]
            if len(p) == 2 and p in plover_root and plover_root[p][0]:
                return plover_root[p][0], "", [], [INH_PLOVER]
            p = parent_of(p)
        return "", "", [], []

    # ---- rows --------------------------------------------------------------
    out = ["\t".join(HEADER)]
    inherited, no_plover, bad_names, gi_diff = [], [], [], []
    for code in sorted(codes):
        tags = set(codes[code])
        root, parent = code[:2], parent_of(code)
        if code in gdelt:
            rec = gdelt[code]
            name = rec["name_gdelt"]
            # GDELT's 044 name is mangled ("Meet at a \u00d2hird\u00d3location");
            # use the CAMEO 0.7b5 label for names that are not plain ASCII.
            if not name.isascii() and code in labels:
                bad_names.append((code, name))
                name = labels[code]
            goldstein = rec["goldstein"]
            quad_gdelt = rec["gdelt_quadclass"]
        else:
            name = CAMEO_1_1B3_ADDITIONS.get(code) or labels[code]
            # No GDELT value: inherit the parent's (1.1b3 additions are tagged
            # cameo_1.1b3; the codefile-only codes 1213/1214 are tagged dyad).
            goldstein = gdelt[parent]["goldstein"]
            if C11 not in tags:
                tags.add(DYAD)
            quad_gdelt = quad_gdelt_root[root]

        gi = fmt_float(icews[code]) if code in icews else ""
        if gi and code in gdelt and float(gi) != float(goldstein):
            gi_diff.append((code, goldstein, gi))

        event, mode, ctx, ptags = plover_for(code)
        tags.update(ptags)
        if INH_PLOVER in ptags:
            inherited.append(code)
        if not event:
            no_plover.append(code)
        score = plover_scores.get(event, "") if event else ""
        if event and not score:
            report("WARN plover: no score in the manual for event", event)

        sources = "|".join(t for t in SOURCE_ORDER if t in tags)
        row = [code, name, root, parent, goldstein, gi, quad_gdelt,
               str(QUAD_ICEWS[root]), str(QUAD_PHOENIX[root]),
               event, mode, "|".join(ctx), score, sources]
        for field in row:
            assert "\t" not in field and "\n" not in field, (code, field)
        out.append("\t".join(row))

    sys.stdout.write("\n".join(out) + "\n")

    # ---- report ------------------------------------------------------------
    report("rows: %d (GDELT %d, CAMEO 1.1b3 additions %d, codefile-only %d)"
           % (len(out) - 1, len(gdelt), len(CAMEO_1_1B3_ADDITIONS), len(extra_07)))
    report("cameo 1.1b3 additions:", " ".join(sorted(CAMEO_1_1B3_ADDITIONS)))
    report("codefile codes not in GDELT (added, Goldstein from parent):", " ".join(extra_07))
    report("codefile label variants that are not codes (skipped):",
           " ".join(sorted(label_variants)))
    missing_labels = sorted(c for c in gdelt if len(c) > 2 and c not in labels)
    report("GDELT codes without a 0.7b5 label:", " ".join(missing_labels) or "none")
    for code, name in bad_names:
        report("GDELT name replaced by the 0.7b5 label:", code, repr(name))
    unknown = sorted(c for c in plover if c not in codes)
    report("PLOVER codes not in the table:", " ".join(unknown) or "none")
    report("PLOVER mapping inherited from a parent (%d):" % len(inherited), " ".join(inherited))
    report("no PLOVER mapping (%d): roots 01 and 02 dropped by PLOVER%s"
           % (len(no_plover), "" if all(c[:2] in ("01", "02") for c in no_plover)
              else "; others: " + " ".join(c for c in no_plover if c[:2] not in ("01", "02"))))
    report("PLOVER event scores:", ", ".join("%s %s" % kv for kv in sorted(plover_scores.items())))
    no_icews = sorted(c for c in codes if c not in icews)
    report("no ICEWS Goldstein:", " ".join(no_icews))
    report("ICEWS Goldstein differs from GDELT (code gdelt icews):",
           "; ".join("%s %s %s" % d for d in gi_diff))
    extra_icews = sorted(c for c in icews if c not in codes)
    if extra_icews:
        report("WARN icews codes not in the table:", " ".join(extra_icews))


if __name__ == "__main__":
    main()
