#!/usr/bin/env python3
"""Build dyad's country lexicon (lexicon/countries.tsv) from third-party data.

Usage:
    python3 scripts/lexicon/build_countries.py ../shared/data > lexicon/countries.tsv

The only argument is the shared data directory.  The TSV goes to stdout; a
report (source mismatches, code disagreements, ambiguous strings) goes to
stderr.  Standard library only; the output is deterministic.

Inputs (paths relative to the data directory):
    countries/mledoze_countries.json          ODbL 1.0      (row set, names, demonyms, capitals)
    geo/geonames_countryInfo.txt              CC BY 4.0     (names, capitals)
    cameo/text_to_CAMEO/countrynames.txt      MIT           (CAMEO country codes, names)
    countries/CountryInfo.120116.txt          CC BY-SA 3.0  (name variants, nationality, capitals)

countries/country_converter_country_data.tsv is GPL and deliberately NOT read.

Output columns (tab-separated, one header line, rows sorted by code):
    code  iso2  iso3  name  names  adjectives  capitals  sources
List fields are '|'-separated.  See lexicon/README.md.
"""

import difflib
import json
import re
import sys
import unicodedata
from collections import OrderedDict, defaultdict

HEADER = ["code", "iso2", "iso3", "name", "names", "adjectives", "capitals", "sources"]

# Source tags, in order of authority (used to settle strings claimed by
# several rows and to order list fields).
ML, GN, TC, CI, DY = "mledoze", "geonames", "text_to_cameo", "countryinfo", "dyad"
RANK = {ML: 0, TC: 1, GN: 2, CI: 3, DY: 4}
SOURCE_ORDER = [ML, GN, TC, CI, DY]

# --------------------------------------------------------------------------
# Curated knowledge.  Everything here is either a correction of a known
# source error or an addition marked "dyad" in the sources column.
# --------------------------------------------------------------------------

# Widely used forms missing from every source (keyed by ISO alpha-3).
DYAD_NAMES = {
    "CHN": ["PRC"],
    "PSE": ["Palestinian territories"],
    # Initials that lost their last full stop ("U.S federal investigators").
    "USA": ["U.S"],
}
DYAD_ADJECTIVES = {
    "AZE": ["Azeri"],
    "KAZ": ["Kazakh"],
    "NPL": ["Nepali"],
    "DJI": ["Djiboutian"],
    "MDV": ["Maldivian"],
    "ISL": ["Icelandic"],
    "GNB": ["Bissau-Guinean"],
}
# Seats of government that differ from the (constitutional) capital.
DYAD_CAPITALS = {
    "NLD": ["The Hague"],
    "BEN": ["Cotonou"],
    "LKA": ["Sri Jayawardenepura Kotte"],
}

# Short strings kept although they look like codes (brief: keep "US", "UK").
KEEP_SHORT = {"US", "UK", "USA"}

# CountryInfo nationality-line entries that are nicknames, jokes, slurs,
# titles, streets/estates, or plainly wrong for the country (lower case).
CI_EXCLUDE = {
    "the graveyard of empires", "soviet occupied afghanistan", "last european dictatorship",
    "the quebec of europe", "cockpit of europe", "celestial empire", "crown jewel of the british empire",
    "aurobinda sarani", "moonland", "the land of the rising sun", "sheepland", "kiwistan", "nzer",
    "yankee land", "yankeeland", "americaland", "unitedstatian", "hidden pirate island",
    "cheung fat estate", "aussieland", "belgiumland", "slovakland", "swissland", "kenyaland",
    "sakartvelobantustan", "kartvelebistan", "milosevic's yugoslavia", "kim's joseon dynasty",
    "red korea", "communist korea", "soviet korea", "former turkish province of yunanistan", "ftpoy",
    "picki u dusa", "ukania", "island of the moon", "pearl of the orient", "light of the south",
    "manchester of the east", "venerable island", "the beloved country", "smiling coast",
    "the nature island", "isla del encanto", "island of enchantment", "isle of enchantment",
    "quisqueya la bella", "jamrock", "khama's country", "collectivite sui generis",
    "administrative divisions of the republic of the congo", "trust territory of the pacific",
    "capitano reggente", "capitani reggenti", "argies", "straya", "orstraya", "o papagaio",
    "big congo", "little congo", "british south africa", "dutch inhabitants", "thilla",
    "estado libre asociado", "region guyane", "guyane departement", "kingdom islands",
    "futuna island", "grenadines", "saharan provinces",
    "morocco occupied western sahara", "bohemia moravia", "balkan bulgars", "sinica", "sinitic",
    "sinensis", "sinic", "teutonica", "helvetica", "schweizerische", "rossiyskaya", "rossijskaja",
    "latvijas", "lietuvos", "makedonska", "lubnaniyah", "lydveldid", "preah reach ana pak",
    "united states of mexicans", "american (us)", "american (usa)", "americans (usa)",
    "western georgia", "georgia proper", "tawian", "mongolids", "romina", "zuun", "nords",
    "poccnr", "ykpaiha", "republic of dominica", "dominic republican", "pakish", "kosovci",
    "ermeni",
    # constituent countries, regions, districts, islets, towns (not names of the country)
    "scotland", "wales", "wallonia", "chaparhar", "umm al qaywan", "cikobia", "udu point",
    "yacata", "naitaubu", "chikoba", "aunuu", "aunuu island", "nukunono", "nivalakita",
    "tepuka savilivili", "eua island", "makatusi", "boumdeit", "banda jalal khan", "principe",
    "cabo falso", "ubanghi chari", "ubanghi", "belgian ubanghi",
}
# Capital-line entries that are nicknames or wrong.
CI_CAPITAL_EXCLUDE = {"city of light", "eternal city", "new flower", "forbidden city", "thule"}
# Per-row exclusions (ISO alpha-3 -> lower-case strings).
# ... from names and adjectives: known CountryInfo errors.
ROW_EXCLUDE = {
    # CountryInfo's Montenegro block repeats Serbia's demonyms.
    "MNE": {"serb", "serbian"},
    # CountryInfo's Serbia block is Serbia and Montenegro; Montenegrin belongs to MNE.
    "SRB": {"montenegrin", "serbian montenegrin"},
}
# ... from names only: alt spellings that are not names of the country or
# that are ordinary words/personal names in English text.
ROW_EXCLUDE_NAMES = {
    "THA": {"prathet", "thai"},        # "Prathet" = "country"; Thai is the demonym
    "TGO": {"togolese"},               # demonym
    "MEX": {"mexicanos"},              # demonym (plural)
    "PRT": {"portuguesa"},             # adjective
    "ISL": {"island"},                 # ASCII form of Island; an English word
    "IMN": {"mann"},                   # common surname
    "DMA": {"dominique"},              # common given name
}
# ... from capitals.
ROW_EXCLUDE_CAPITALS = {
    "MNE": {"belgrade", "beograd"},    # CountryInfo: capital of the former federation
}

# CountryInfo nationality entries that are adjectives/demonyms although the
# generic rules below do not recognise them (lower case).
CI_ADJ_WORDS = {
    "dane", "swede", "finn", "pole", "turk", "croat", "serb", "scot", "briton", "spaniard",
    "kiwi", "aussie", "bajuns", "kittian", "kittitian", "kittsian", "nevisian", "motswana",
    "batswana", "mosotho", "basotho", "burkinabe", "kyrgyz", "kirghiz", "mongol", "tajik",
    "tadzhik", "uzbek", "slovak", "czech", "saudi", "thai", "malagasy", "monegasque",
    "sammarinese", "seychellois", "martiniquais", "mahorais", "santomean", "emirati", "emarati",
    "welsh", "manx", "swiss", "greek", "filipino", "filipina", "philippine", "argentine",
    "slovene", "i-kiribati", "ni-vanuatu", "yemenite", "cypriot", "trinidadian", "turkmen",
    "guernsey", "guerns", "gurns", "faeroese", "faroese", "anguillans", "antiguans", "barbudans",
    "somali", "swazi", "sahrawi", "guamanian", "hollander", "netherlander", "monacan",
    "northern irish", "puertorriqueno", "puertorriquenos", "puertorriquena", "futunan",
    "porto rican", "caledonien", "neo caledonien", "neocaledonien", "s'porean", "kenadian",
    "colombianos", "argentinos", "peruano", "saharawian", "saharaouian", "saint barthelemans",
    "barthelemans",
}

# Tokens kept upper case when title-casing CountryInfo's upper-case entries.
ACRONYMS = {
    "US", "USA", "UK", "UAE", "DPRK", "DPR", "DRC", "DR", "RD", "ROK", "TRNC", "RDTL", "DRTL",
    "SRVN", "LPDR", "PDR", "HKSAR", "FYROM", "TFYRM", "USVI", "DROC", "DROTC", "EEUU", "EE", "UU",
    "UKGBNI", "RSA", "SR", "II", "DPRNK", "GSPLAJ",
}
LOWER_PARTICLES = {
    "of", "the", "and", "de", "da", "das", "do", "dos", "du", "des", "del", "della", "di", "la",
    "las", "le", "les", "los", "y", "e", "et", "i", "van", "von", "der", "den", "og", "al", "el",
    "as", "ash", "ad", "aj", "an", "ar", "at", "ta", "wa", "ya", "ye", "ko", "mo", "sui", "au",
    "aux", "es",
}

PERSON_NOUN = re.compile(r"(sh|ch|s|ey)(wo)?m[ae]n$", re.I)
NO_PLURAL = {"vatican", "burkinabe", "malagasy", "lao", "ni-vanuatu", "i-kiribati", "motswana",
             "batswana", "mosotho", "basotho", "kyrgyz", "kirghiz", "swiss", "greenlandic",
             "icelandic", "dutch", "french", "welsh", "manx", "british", "irish", "northern irish"}


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

def fold(s):
    """ASCII-fold and lower-case (for comparisons only)."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.lower()


def norm_key(s):
    """Loose key for matching country names across sources."""
    s = fold(s).replace("&", " and ")
    s = re.sub(r"[\u2018\u2019'`]", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    return s


def clean_field(s):
    s = s.replace("\t", " ").replace("\n", " ").replace("|", "/")
    return re.sub(r"\s+", " ", s).strip()


def is_latin_text(s):
    """True if every letter is Latin script (no IPA, Cyrillic, CJK, ...)."""
    for ch in s:
        cp = ord(ch)
        if 0x0250 <= cp <= 0x02AF:  # IPA extensions
            return False
        if ch.isalpha():
            try:
                if "LATIN" not in unicodedata.name(ch):
                    return False
            except ValueError:
                return False
    return True


def smart_title(raw):
    """Title-case an upper-case CountryInfo entry ('COTE_D'IVOIRE_' -> "Cote d'Ivoire")."""
    toks = raw.split()
    out = []
    for i, tok in enumerate(toks):
        out.append(_title_token(tok, first=(i == 0)))
    return " ".join(out)


def _title_token(tok, first):
    if tok in ACRONYMS:
        return tok
    low = tok.lower()
    if not first and low in LOWER_PARTICLES:
        return low
    if tok.startswith("'") and len(tok) > 1:
        return "'" + _title_token(tok[1:], first=True)
    if "/" in tok and len(tok) > 1:
        return "/".join(_title_token(p, first=True) if p else p for p in tok.split("/"))
    if "-" in tok and len(tok) > 1:
        parts = tok.split("-")
        return "-".join(_title_token(p, first=(first and j == 0)) if p else p
                        for j, p in enumerate(parts))
    if "." in tok:
        segs = tok.split(".")
        res = []
        for seg in segs:
            if len(seg) <= 1 or seg in ACRONYMS:
                res.append(seg.upper())
            else:
                res.append(seg[0].upper() + seg[1:].lower())
        return ".".join(res)
    if "'" in tok:
        pre, _, rest = tok.partition("'")
        if len(pre) == 1 and rest:
            if pre.lower() in ("d", "l") and not first:
                return pre.lower() + "'" + rest[0].upper() + rest[1:].lower()
            return pre.upper() + "'" + rest[0].upper() + rest[1:].lower()
        return tok[0].upper() + tok[1:].lower() if tok else tok
    return tok[0].upper() + tok[1:].lower() if tok else tok


def split_demonym(s):
    """mledoze demonyms: 'Antiguan, Barbudan', 'Kittitian or Nevisian'."""
    parts = re.split(r",\s*|\s+or\s+", s)
    return [p.strip() for p in parts if p.strip()]


def plural(adj):
    """Plural demonym, or None for adjectives that do not take -s."""
    low = adj.lower()
    if low in NO_PLURAL:
        return None
    if PERSON_NOUN.search(adj):
        return adj[:-2] + "en" if low.endswith("man") else None
    if low.endswith(("ese", "ish", "ss", "sh", "tch", "nch", "s", "x", "z", "y", "ic", "ais",
                     "ois", "men", "ais")):
        return None
    return adj + "s"


# --------------------------------------------------------------------------
# Row model
# --------------------------------------------------------------------------

class Entry:
    __slots__ = ("form", "sources", "weak")

    def __init__(self, form, source, weak=False):
        self.form = form
        self.sources = {source}
        self.weak = weak


class Row:
    def __init__(self, rec):
        self.rec = rec
        self.iso2 = rec["cca2"]
        self.iso3 = rec["cca3"]
        self.name = rec["name"]["common"]
        self.code = None
        self.code_source = None
        self.sovereign = bool(rec.get("independent")) or bool(rec.get("unMember"))
        self.fields = {"names": OrderedDict(), "adjectives": OrderedDict(), "capitals": OrderedDict()}
        self.sources = {ML}
        self.other_iso3 = {}  # source -> iso3 it claims

    def add(self, field, form, source, weak=False):
        form = clean_field(form)
        if not form:
            return
        key = form.lower()
        d = self.fields[field]
        if key in d:
            e = d[key]
            e.sources.add(source)
            if not weak:
                e.weak = False
            return  # first spelling seen wins (mledoze is loaded first)
        d[key] = Entry(form, source, weak)


def report(*a):
    print(*a, file=sys.stderr)


# --------------------------------------------------------------------------
# Loaders
# --------------------------------------------------------------------------

def load_mledoze(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    rows = {}
    for rec in data:
        r = Row(rec)
        off = rec["name"].get("official", "")
        if off:
            r.add("names", off, ML)
        for alt in rec.get("altSpellings", []):
            r.add("names", alt, ML)
        dem = (rec.get("demonyms") or {}).get("eng") or {}
        for g in ("m", "f"):
            for d in split_demonym(dem.get(g, "") or ""):
                r.add("adjectives", d, ML)
        for c in rec.get("capital", []):
            r.add("capitals", c, ML)
        rows[r.iso3] = r
    return rows


def load_geonames(path, rows, by_iso2):
    gn_extra = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            fld = [x.strip() for x in line.rstrip("\n").split("\t")]
            iso2, iso3, name, cap = fld[0], fld[1], fld[4], fld[5]
            r = by_iso2.get(iso2)
            if r is None:
                gn_extra.append((iso2, iso3, name))
                continue
            r.sources.add(GN)
            r.other_iso3[GN] = iso3
            r.add("names", name, GN)
            if cap:
                r.add("capitals", cap, GN)
    return gn_extra


def build_name_index(rows):
    idx = defaultdict(set)
    for r in rows.values():
        idx[norm_key(r.name)].add(r.iso3)
        for e in r.fields["names"].values():
            if not e.weak:
                idx[norm_key(e.form)].add(r.iso3)
    return idx


def load_cameo(path, rows):
    """countrynames.txt: name TAB code TAB cow."""
    idx = build_name_index(rows)
    by_iso3 = rows
    matched = defaultdict(list)  # iso3 -> [(name, code)]
    unmatched = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            fld = line.split("\t")
            name, code = fld[0].strip(), fld[1].strip() if len(fld) > 1 else ""
            if name == "NULL" or not code or code == "---":
                continue
            cands = idx.get(norm_key(name), set())
            iso3 = None
            how = "name"
            if len(cands) == 1:
                iso3 = next(iter(cands))
            elif code in by_iso3:
                iso3, how = code, "code"
            elif len(code) == 6 and code[3:] in by_iso3:
                iso3, how = code[3:], "code"
            if iso3 is None:
                unmatched.append((name, code))
                continue
            matched[iso3].append((name, code, how))
    for iso3, lst in matched.items():
        r = rows[iso3]
        r.sources.add(TC)
        codes = []
        for name, code, how in lst:
            r.add("names", name, TC)
            if code not in codes:
                codes.append(code)
        # the code given for the row's own name wins, else the first listed
        pick = codes[0]
        for name, code, how in lst:
            if norm_key(name) == norm_key(r.name):
                pick = code
        r.code, r.code_source = pick, TC
        if len(codes) > 1:
            report(f"CODE: text_to_CAMEO gives several codes for {iso3} ({r.name}): {codes}; using {pick}")
        r.tc_entries = lst
    return unmatched


def read_countryinfo(path):
    raw = open(path, "rb").read()
    text = raw.replace(b"\x00", b"").decode("utf-8", errors="replace")
    start = text.find("-->")
    body = text[start + 3:] if start >= 0 else text
    blocks = []
    for b in re.findall(r"<Country>(.*?)</Country>", body, re.S):
        def tag(n):
            m = re.search(r"<%s>(.*?)</%s>" % (re.escape(n), re.escape(n)), b, re.S)
            return m.group(1).strip() if m else ""

        def lines(n):
            out = []
            for ln in tag(n).split("\n"):
                ln = ln.strip()
                if not ln or ln.startswith("#"):
                    continue
                ln = ln.split("#", 1)[0].strip()
                if ln:
                    out.append(ln)
            return out

        blocks.append({
            "code": tag("CountryCode"),
            "name": tag("CountryName"),
            "iso2": tag("ISO3166-alpha2"),
            "iso3": tag("ISO3166-alpha3"),
            "nat": lines("Nationality"),
            "cap": lines("Capital"),
        })
    return blocks


def ci_current_code(code):
    """'[YUGHRV <20910625][HRV >20030101]' -> 'HRV'; 'USAASM' -> 'USAASM'."""
    m = re.findall(r"\[([A-Z]+)[^\]]*\]", code)
    return m[-1] if m else code.strip()


def ci_clean(raw):
    """Upper-case CountryInfo token -> (display string, weak) or None."""
    s = raw.strip().rstrip("]").strip()
    if not s or "\ufffd" in s or re.search(r"\d", s):
        return None
    if s.startswith("'"):
        return None
    s = s.replace("_", " ")
    s = re.sub(r"\s+", " ", s).strip()
    if not s:
        return None
    toks = s.split()
    if len(toks) > 1 and all(len(re.sub(r"[^A-Za-z]", "", t)) <= 2 for t in toks):
        return None  # code-like: "US GU", "U S A", "EE. UU."
    if re.search(r",\S", s):
        return None  # "U,S,"
    weak = False
    m = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", s)
    if m:
        s, weak = m.group(1).strip(), True
    return smart_title(s), weak


def load_countryinfo(path, rows):
    blocks = read_countryinfo(path)
    idx = build_name_index(rows)
    unmatched = []
    for b in blocks:
        nm = b["name"].strip("_").replace("_", " ")
        cands = idx.get(norm_key(nm), set())
        by_name = next(iter(cands)) if len(cands) == 1 else None
        by_iso3 = b["iso3"] if b["iso3"] in rows else None
        cur = ci_current_code(b["code"]) if b["code"] else ""
        by_code = None
        for r in rows.values():
            if cur and (cur == r.code or cur == r.iso3):
                by_code = r.iso3
                break
        if by_code is None and len(cur) == 6 and cur[3:] in rows:
            by_code = cur[3:]
        iso3 = by_name or by_iso3 or by_code
        if iso3 is None:
            unmatched.append((b["code"], b["name"]))
            continue
        if by_iso3 and by_iso3 != iso3:
            report(f"CI-ISO: CountryInfo block {b['name']} has ISO3166-alpha3 {b['iso3']} "
                   f"(={rows[by_iso3].name}); matched by name to {iso3}")
        r = rows[iso3]
        r.sources.add(CI)
        r.other_iso3[CI] = b["iso3"]
        if b["iso2"].strip("-") and b["iso2"] != r.iso2:
            report(f"CI-ISO2: CountryInfo block {b['name']} has ISO3166-alpha2 {b['iso2']!r}; "
                   f"mledoze/GeoNames give {r.iso2}")
        r.ci_code = cur
        for ent in b["nat"]:
            c = ci_clean(ent)
            if c is None:
                continue
            form, weak = c
            if form.lower() in CI_EXCLUDE:
                continue
            r.ci_nat = getattr(r, "ci_nat", [])
            r.ci_nat.append((form, weak))
        for ent in b["cap"]:
            c = ci_clean(ent)
            if c is None:
                continue
            form, _ = c
            if form.lower() in CI_CAPITAL_EXCLUDE:
                continue
            r.add("capitals", match_case(form, r), CI)
    return unmatched


def match_case(form, r):
    """Use the spelling of an equivalent (accent-folded) known string, ASCII-folded."""
    key = fold(form)
    for fld in ("names", "capitals", "adjectives"):
        for e in r.fields[fld].values():
            if fold(e.form) == key:
                cand = "".join(c for c in unicodedata.normalize("NFKD", e.form)
                               if not unicodedata.combining(c))
                if cand.isascii():
                    return cand
    if fold(r.name) == key:
        cand = "".join(c for c in unicodedata.normalize("NFKD", r.name)
                       if not unicodedata.combining(c))
        if cand.isascii():
            return cand
    return form


def _sim(a, b):
    return difflib.SequenceMatcher(None, a, b).ratio()


STRONG_ADJ_SUFFIX = ("ian", "ean", "ese", "ish", "ais", "ois", "ians", "eans")
DERIVED_SUFFIX = ("ian", "ean", "an", "er", "ese", "ish", "i", "ic", "ians", "eans", "ans", "ers")
WEAK_ADJ_SUFFIX = ("an", "ani", "i", "ine", "ino", "ina", "er", "ot", "ans", "is", "ers", "ots",
                   "k", "ks", "ic", "ite", "ites")


def classify_ci_nationality(r, global_adj):
    """Split CountryInfo <Nationality> entries into adjectives and names.

    The field mixes demonyms with name variants and misspellings.  An entry is
    an adjective/demonym if it is a known demonym (of any country, so that a
    stronger source can claim it later), a person noun (Scotsman, Islander),
    a listed demonym word, or it has a demonym ending and resembles the
    row's demonyms more than its names (BELARUSSIAN yes, AZERBAJDZHAN no).
    """
    known_adj = [fold(e.form) for e in r.fields["adjectives"].values()]
    known_adj += [fold(a) for a in DYAD_ADJECTIVES.get(r.iso3, [])]
    name_forms = [fold(r.name)] + [fold(e.form) for e in r.fields["names"].values()]
    name_words = {w for n in name_forms for w in re.split(r"[\s-]+", n) if len(w) >= 4}
    name_cands = set(name_forms) | name_words
    for form, weak in getattr(r, "ci_nat", []):
        f = fold(form)
        is_adj = False
        if f in known_adj or any(f == k + "s" for k in known_adj) or f in global_adj:
            is_adj = True
        elif PERSON_NOUN.search(f) or re.search(r"islanders?$", f):
            is_adj = True
        elif f in CI_ADJ_WORDS or (f.endswith("s") and f[:-1] in CI_ADJ_WORDS):
            is_adj = True
        elif f in name_cands:
            is_adj = False
        elif any(f == n + suf for n in name_cands if len(n) >= 4 for suf in DERIVED_SUFFIX):
            is_adj = True  # GREENLAND -> GREENLANDER
        else:
            s_adj = max((_sim(f, k) for k in known_adj), default=0.0)
            s_name = max((_sim(f, n) for n in name_cands), default=0.0)
            if f.endswith(STRONG_ADJ_SUFFIX) and not f.endswith("ocean"):
                # SLOVAKIAN yes; GREAT BRITIAN (a misspelt name) no
                is_adj = not (s_name >= 0.9 and s_adj < 0.75)
            elif f.endswith(WEAK_ADJ_SUFFIX) and not f.endswith(("stan", "land")):
                is_adj = s_adj >= 0.8 and s_adj > s_name
        if is_adj:
            r.add("adjectives", match_case(form, r), CI, weak)
        else:
            r.add("names", match_case(form, r), CI, weak)


# --------------------------------------------------------------------------
# Filtering and conflict resolution
# --------------------------------------------------------------------------

def uninvert(s):
    """'Korea, Republic of' -> 'Republic of Korea'; None if not an inverted catalog form."""
    if ", " not in s:
        return None
    head, _, tail = s.partition(", ")
    words = tail.split()
    if tail.lower().endswith((" of", " of the")) or len(words) <= 2:
        return (tail + " " + head).strip()
    return None


def filter_row(r):
    excl = ROW_EXCLUDE.get(r.iso3, set())
    excl_names = excl | ROW_EXCLUDE_NAMES.get(r.iso3, set())
    excl_caps = ROW_EXCLUDE_CAPITALS.get(r.iso3, set())
    adj_keys = set()
    # adjectives first
    new = OrderedDict()
    for k, e in r.fields["adjectives"].items():
        if not e.form or k in excl or k == r.name.lower():
            continue
        if not is_latin_text(e.form):
            continue
        new[k] = e
        adj_keys.add(k)
    r.fields["adjectives"] = new

    new = OrderedDict()
    all_names = {k for k in r.fields["names"]} | {r.name.lower()}
    for k, e in r.fields["names"].items():
        s = e.form
        if k in excl_names or k == r.name.lower():
            continue
        if not is_latin_text(s):
            continue
        letters = re.sub(r"[^A-Za-z]", "", s)
        if s not in KEEP_SHORT:
            if len(letters) <= 2 and re.fullmatch(r"[A-Za-z]{1,2}", s):
                continue  # bare 2-letter codes ("AF", "GB"); dotted "N.Z." stays
            if s in (r.iso2, r.iso3) or s.upper() == r.iso3 and s.isupper():
                continue
        u = uninvert(s)
        if u is not None:
            # inverted catalog forms ("Iran, Islamic Republic of") are not news text
            continue
        m = re.match(r"^(.*?)\s*\(([^)]*)\)\s*(.*)$", s)
        if m:
            # "Holy See (Vatican City State)" -> "Holy See"; keep as weak
            base = (m.group(1) + " " + m.group(3)).strip()
            base = re.sub(r"\s+", " ", base)
            bk = base.lower()
            if bk and bk not in all_names and bk != r.name.lower():
                ne = Entry(base, next(iter(e.sources)), weak=True)
                ne.sources = set(e.sources)
                new.setdefault(bk, ne)
            continue
        new[k] = e
    r.fields["names"] = new

    new = OrderedDict()
    for k, e in r.fields["capitals"].items():
        if k in excl_caps or not is_latin_text(e.form):
            continue
        new[k] = e
    r.fields["capitals"] = new


def resolve_collisions(rows, field):
    """A string claimed by several rows stays only with the best claimant(s)."""
    owners = defaultdict(list)
    for r in rows.values():
        for k, e in r.fields[field].items():
            owners[k].append(r)
    names_of = {r.name.lower(): r for r in rows.values()}
    ambiguous = []
    for k, rs in owners.items():
        if len(rs) < 2 and not (field == "names" and k in names_of and names_of[k] not in rs):
            continue
        if field == "names" and k in names_of:
            keep = []  # someone's common name: nobody else keeps it
        else:
            def score(r):
                e = r.fields[field][k]
                return (e.weak, min(RANK[s] for s in e.sources), not r.sovereign)
            best = min(score(r) for r in rs)
            keep = [r for r in rs if score(r) == best]
            if len(keep) > 1 and all(r.fields[field][k].weak for r in keep):
                keep = []  # weak (parenthesis-derived) forms shared by rows: drop
        for r in rs:
            if r not in keep:
                del r.fields[field][k]
        if len(keep) > 1:
            ambiguous.append((keep[0].fields[field][k].form, [r.code for r in keep]))
    return ambiguous


def drop_lexicon_ambiguities(rows):
    """dyad's lexicon matches names, adjectives and capitals alike, so a
    string must point at one reading. A capital that is also its own row's
    name (Singapore, Monaco, Djibouti) is the country; a capital several
    rows claim stays with the one sovereign claimant (Kingston: Jamaica,
    not Norfolk Island); any string still on two rows is dropped from all
    (Congolese, Dominican: a coder cannot tell which country is meant)."""
    for r in rows.values():
        own = {fold(e.form) for f in ("names", "adjectives") for e in r.fields[f].values()}
        own.add(fold(r.name))
        for k in [k for k, e in r.fields["capitals"].items() if fold(e.form) in own]:
            del r.fields["capitals"][k]
    cap_owners = defaultdict(list)
    for r in rows.values():
        for k, e in r.fields["capitals"].items():
            cap_owners[fold(e.form)].append((r, k))
    for form, owners in cap_owners.items():
        rows_here = {r.code: r for r, _ in owners}
        if len(rows_here) < 2:
            continue
        sovereign = [r for r in rows_here.values() if r.sovereign]
        keep = sovereign[0].code if len(sovereign) == 1 else None
        for r, k in owners:
            if r.code != keep:
                del r.fields["capitals"][k]
                report(f"LEXICON: capital {form!r} dropped from {r.code}")
    owners = defaultdict(set)
    for r in rows.values():
        owners[fold(r.name)].add(r.code)
        for f in ("names", "adjectives", "capitals"):
            for e in r.fields[f].values():
                owners[fold(e.form)].add(r.code)
    for r in rows.values():
        for f in ("names", "adjectives", "capitals"):
            for k in [k for k, e in r.fields[f].items() if len(owners[fold(e.form)]) > 1]:
                report(f"LEXICON: {f} {r.fields[f][k].form!r} dropped from {r.code} "
                       f"(also on {', '.join(sorted(owners[fold(r.fields[f][k].form)] - {r.code}))})")
                del r.fields[f][k]


def add_plurals(r):
    new = OrderedDict()
    for k, e in r.fields["adjectives"].items():
        new.setdefault(k, e)
        p = plural(e.form)
        if (p and p.lower() not in r.fields["adjectives"] and p.lower() != r.name.lower()
                and p.lower() not in r.fields["names"]):
            pe = Entry(p, next(iter(e.sources)), e.weak)
            pe.sources = set(e.sources)
            new.setdefault(p.lower(), pe)
    r.fields["adjectives"] = new


def ordered(field_dict):
    items = list(field_dict.values())
    items.sort(key=lambda e: min(RANK[s] for s in e.sources))  # stable
    return [e.form for e in items]


# --------------------------------------------------------------------------

def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    base = argv[1].rstrip("/")
    rows = load_mledoze(f"{base}/countries/mledoze_countries.json")
    by_iso2 = {r.iso2: r for r in rows.values()}

    gn_extra = load_geonames(f"{base}/geo/geonames_countryInfo.txt", rows, by_iso2)
    for iso2, iso3, name in gn_extra:
        report(f"GEONAMES-ONLY (no mledoze row, skipped): {iso2} {iso3} {name}")

    tc_unmatched = load_cameo(f"{base}/cameo/text_to_CAMEO/countrynames.txt", rows)
    for name, code in tc_unmatched:
        report(f"TEXT_TO_CAMEO-ONLY (no mledoze row, skipped): {name} {code}")

    ci_unmatched = load_countryinfo(f"{base}/countries/CountryInfo.120116.txt", rows)
    for code, name in ci_unmatched:
        report(f"COUNTRYINFO-ONLY (no mledoze row, skipped): {code} {name}")

    global_adj = {fold(e.form) for r in rows.values() for e in r.fields["adjectives"].values()
                  if e.form.lower() != r.name.lower()}
    for r in rows.values():
        classify_ci_nationality(r, global_adj)
        for n in DYAD_NAMES.get(r.iso3, []):
            r.add("names", n, DY)
        for a in DYAD_ADJECTIVES.get(r.iso3, []):
            r.add("adjectives", a, DY)
        for c in DYAD_CAPITALS.get(r.iso3, []):
            r.add("capitals", c, DY)

    # Kosovo: mledoze's cca3 is UN's "UNK"; GeoNames uses the user-assigned XKX.
    for r in rows.values():
        gn3 = r.other_iso3.get(GN)
        if gn3 and gn3 != r.iso3:
            report(f"ISO3: mledoze {r.iso3} vs GeoNames {gn3} for {r.name}; using {gn3}")
            r.iso3_out = gn3
        else:
            r.iso3_out = r.iso3

    # codes: text_to_CAMEO where listed, else ISO alpha-3; must be unique
    for r in rows.values():
        if r.code is None:
            r.code, r.code_source = r.iso3_out, "iso3"
    by_code = defaultdict(list)
    for r in rows.values():
        by_code[r.code].append(r)
    for code, rs in by_code.items():
        if len(rs) > 1:
            for r in rs:
                if r.iso3_out != code:
                    report(f"CODE: text_to_CAMEO codes {r.name} as its parent {code}; "
                           f"using ISO alpha-3 {r.iso3_out} to keep codes unique")
                    r.code, r.code_source = r.iso3_out, "iso3"
    for r in sorted(rows.values(), key=lambda r: r.code):
        claims = {"mledoze": r.iso3, "geonames": r.other_iso3.get(GN)}
        if CI in r.other_iso3:
            claims["countryinfo-iso3"] = r.other_iso3[CI]
            claims["countryinfo-code"] = getattr(r, "ci_code", "")
        if r.code_source == TC or hasattr(r, "tc_entries"):
            claims["text_to_cameo"] = ",".join(sorted({c for _, c, _ in getattr(r, "tc_entries", [])}))
        vals = {v for v in claims.values() if v}
        if len(vals) > 1:
            report(f"DISAGREE {r.code}\t{r.name}\t" +
                   " ".join(f"{k}={v}" for k, v in claims.items() if v))

    for r in rows.values():
        filter_row(r)
    amb = []
    for fld in ("names", "adjectives"):
        amb += [(fld,) + a for a in resolve_collisions(rows, fld)]
    for r in rows.values():
        add_plurals(r)
    amb += [("adjectives",) + a for a in resolve_collisions(rows, "adjectives")]
    for fld, form, codes in sorted(set((f, s, tuple(c)) for f, s, c in amb)):
        report(f"AMBIGUOUS {fld}: {form!r} kept on {', '.join(codes)}")
    drop_lexicon_ambiguities(rows)

    out = sys.stdout
    out.write("\t".join(HEADER) + "\n")
    codes_seen = set()
    for r in sorted(rows.values(), key=lambda r: r.code):
        assert r.code not in codes_seen, r.code
        codes_seen.add(r.code)
        srcs = set(r.sources)
        for fld in r.fields.values():
            for e in fld.values():
                srcs |= e.sources
        vals = [r.code, r.iso2, r.iso3_out, clean_field(r.name),
                "|".join(ordered(r.fields["names"])),
                "|".join(ordered(r.fields["adjectives"])),
                "|".join(ordered(r.fields["capitals"])),
                "|".join(s for s in SOURCE_ORDER if s in srcs)]
        for v in vals:
            assert "\t" not in v and "\n" not in v
        out.write("\t".join(vals) + "\n")
    report(f"rows: {len(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
