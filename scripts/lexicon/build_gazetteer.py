#!/usr/bin/env python3
"""Build dyad's gazetteer (lexicon/places.tsv) from GeoNames.

Usage:
    python3 scripts/lexicon/build_gazetteer.py ../shared/data > lexicon/places.tsv

The only argument is the shared data directory.  The TSV goes to stdout; a
report (skipped rows, unresolved admin1 codes, curated forms not found,
ambiguity counts, size) goes to stderr.  Standard library only; the output is
deterministic.

Inputs:
    <data>/geo/cities15000.txt           GeoNames cities (all rows)           CC BY 4.0
    <data>/geo/admin1_regionInfo.tsv     GeoNames admin-1 code -> name         CC BY 4.0
    <data>/geo/geonames_countryInfo.txt  GeoNames languages per country        CC BY 4.0
                                         (which countries transliterate names)
    lexicon/countries.tsv                this repository (found from the script's own
                                         path): ISO2 -> CAMEO code; country names and
                                         adjectives, which are never aliases

Output columns (tab-separated, one header line):
    name  aliases  country  kind  lat  lon  population  geonameid  admin1
Rows are sorted by country, then population descending, then name.
See lexicon/README.md, section "places.tsv".
"""

import difflib
import os
import re
import sys
import unicodedata
from collections import defaultdict
from decimal import ROUND_HALF_EVEN, Decimal

HEADER = ["name", "aliases", "country", "kind", "lat", "lon", "population",
          "geonameid", "admin1"]

MAX_ALIASES = 6          # per place
MAX_ALIASES_SMALL = 2    # for towns below SMALL_POP, used only if the file is too big
SMALL_POP = 50000
MAX_BYTES = 4 * 1024 * 1024
MIN_ALIAS_LEN = 4        # shorter alternate names are codes or too ambiguous
MIN_CLOSENESS = 0.75     # generic aliases: similarity to the name (difflib ratio)
MAX_FOREIGN = 0          # generic aliases: foreign-orthography marks allowed

# --------------------------------------------------------------------------
# Curated knowledge.
# --------------------------------------------------------------------------

# Aliases that are ordinary English words.  Matching folds case, so an alias
# "From" (Frome) or "Tour" (Tours) would fire on ordinary text.  A place keeps
# such a string as its `name` (Victoria, Split, Nice, Reading stay findable by
# name, for the coder to judge by capitalisation and context), but no place
# gets it as an alias.  The first line is the project's own list; the rest are
# the GeoNames alternate names that passed every other rule and are lower-case
# words of a standard English word list (checked when this script was
# written).  Compared case- and diacritic-folded.
ALIAS_STOPLIST = {
    "of", "mobile", "reading", "bath", "split", "nice", "mission",
    "independence", "victoria",
    "alley", "alter", "amen", "archangel", "arching", "banged", "bard",
    "barn", "barrios", "bassi", "battleground", "bolder", "boon", "bossier",
    "boulder", "burg", "burs", "canes", "canton", "cars", "chair", "clot",
    "conception", "cone", "consolation", "dame", "deli", "drug", "dual",
    "evens", "ever", "from", "gale", "garrison", "grass", "hosanna", "human",
    "hums", "junction", "karakul", "keen", "khan", "lacrosse", "linen",
    "lion", "logos", "lone", "manger", "manning", "marshal", "meshed",
    "minster", "mite", "mole", "nails", "never", "pert", "pets", "polo",
    "possession", "rapid", "redwood", "riding", "risen", "roan", "savanna",
    "sere", "shortens", "shot", "sing", "soul", "sour", "souse", "spike",
    "spoken", "sriracha", "sues", "tabu", "tall", "tampon", "tars", "tell",
    "tender", "thorn", "tilt", "tongue", "torn", "tors", "tour", "trident",
    "tuba", "tunes", "valley", "wadi", "walling", "wave", "waver",
}

# The commonest English spellings (exonyms, older names, news
# transliterations) of places that news often mentions, keyed by
# (ISO2, GeoNames name).  They go first in `aliases`.  Most of them are
# GeoNames alternate names; forms GeoNames lacks are added all the same and
# listed on stderr.
PREFERRED = {
    # Ukraine
    ("UA", "Kyiv"): ["Kiev"],
    ("UA", "Kharkiv"): ["Kharkov"],
    ("UA", "Odesa"): ["Odessa"],
    ("UA", "Dnipro"): ["Dnipropetrovsk", "Dnepropetrovsk", "Dnepr"],
    ("UA", "Mykolayiv"): ["Mykolaiv", "Nikolaev", "Nikolayev"],
    ("UA", "Zaporizhzhya"): ["Zaporizhzhia", "Zaporizhia", "Zaporozhye"],
    ("UA", "Luhansk"): ["Lugansk"],
    ("UA", "Lviv"): ["Lvov"],
    ("UA", "Kryvyy Rih"): ["Kryvyi Rih", "Krivoy Rog"],
    ("UA", "Vinnytsya"): ["Vinnytsia", "Vinnitsa"],
    ("UA", "Makiivka"): ["Makeyevka"],
    ("UA", "Horlivka"): ["Gorlovka"],
    ("UA", "Chernihiv"): ["Chernigov"],
    ("UA", "Zhytomyr"): ["Zhitomir"],
    ("UA", "Rivne"): ["Rovno"],
    ("UA", "Chernivtsi"): ["Chernovtsy"],
    ("UA", "Sievierodonetsk"): ["Severodonetsk", "Syeverodonetsk"],
    ("UA", "Lysychansk"): ["Lisichansk"],
    ("UA", "Bakhmut"): ["Artemivsk", "Artyomovsk"],
    ("UA", "Sloviansk"): ["Slovyansk", "Slavyansk"],
    ("UA", "Berdyansk"): ["Berdiansk"],
    ("UA", "Izium"): ["Izyum"],
    ("UA", "Kupiansk"): ["Kupyansk"],
    ("UA", "Avdiivka"): ["Avdeyevka"],
    ("UA", "Kropyvnytskyy"): ["Kropyvnytskyi", "Kirovohrad", "Kirovograd"],
    ("UA", "Khmelnytskyi"): ["Khmelnitsky"],
    ("UA", "Ivano-Frankivsk"): ["Ivano-Frankovsk"],
    ("UA", "Kremenchuk"): ["Kremenchug"],
    ("UA", "Bila Tserkva"): ["Belaya Tserkov"],
    # Russia, Caucasus, Central Asia
    ("RU", "Moscow"): ["Moskva"],
    ("RU", "Saint Petersburg"): ["St Petersburg", "Petersburg", "Leningrad"],
    ("RU", "Nizhniy Novgorod"): ["Nizhny Novgorod", "Gorky"],
    ("RU", "Rostov-na-Donu"): ["Rostov-on-Don", "Rostov"],
    ("RU", "Yekaterinburg"): ["Ekaterinburg"],
    ("RU", "Orël"): ["Orel", "Oryol"],
    ("GE", "Tbilisi"): ["Tiflis"],
    ("AM", "Yerevan"): ["Erevan"],
    ("AZ", "Ganja"): ["Gyandzha", "Kirovabad"],
    ("MD", "Chisinau"): ["Kishinev"],
    ("KZ", "Almaty"): ["Alma-Ata"],
    ("KZ", "Astana"): ["Nur-Sultan", "Akmola", "Tselinograd"],
    ("TM", "Ashgabat"): ["Ashkhabad"],
    ("KG", "Bishkek"): ["Frunze"],
    # Middle East
    ("SY", "Aleppo"): ["Halab"],
    ("SY", "Homs"): ["Hims"],
    ("SY", "Ḩamāh"): ["Hama", "Hamah"],
    ("SY", "Latakia"): ["Lattakia", "Al Ladhiqiyah"],
    ("SY", "Ar Raqqah"): ["Raqqa", "Raqqah"],
    ("SY", "Deir ez-Zor"): ["Deir al-Zor", "Deir el-Zor", "Deir Ezzor"],
    ("SY", "Al Ḩasakah"): ["Hasakah", "Hasaka", "Al-Hasakah"],
    ("SY", "Dar‘ā"): ["Daraa", "Deraa"],
    ("SY", "Ţarţūs"): ["Tartus", "Tartous"],
    ("SY", "Manbij"): ["Membij"],
    ("IQ", "Basrah"): ["Basra"],
    ("IQ", "Erbil"): ["Arbil", "Irbil"],
    ("IQ", "As Sulaymānīyah"): ["Sulaymaniyah", "Sulaimaniya", "Suleimaniyah"],
    ("IQ", "Dihok"): ["Duhok", "Dohuk"],
    ("IQ", "Al Fallūjah"): ["Fallujah", "Falluja"],
    ("IQ", "Tikrīt"): ["Tikrit"],
    ("IQ", "Baqubah"): ["Baquba", "Baqouba"],
    ("IQ", "Al Kūt"): ["Kut"],
    ("IQ", "Al ‘Amārah"): ["Amarah", "Amara"],
    ("IQ", "Al Ḩillah"): ["Hillah", "Hilla"],
    ("IQ", "Ad Dīwānīyah"): ["Diwaniyah"],
    ("IR", "Tehran"): ["Teheran"],
    ("IR", "Isfahan"): ["Esfahan"],
    ("IR", "Ahvaz"): ["Ahwaz"],
    ("IR", "Qom"): ["Ghom", "Qum"],
    ("YE", "Sanaa"): ["Sana'a", "Sana"],
    ("YE", "Al Ḩudaydah"): ["Hodeidah", "Hudaydah", "Hodeida"],
    ("YE", "Taiz"): ["Ta'izz", "Taizz"],
    ("YE", "Mukalla"): ["Al Mukalla"],
    ("SA", "Jeddah"): ["Jiddah", "Jedda"],
    ("SA", "Makkah"): ["Mecca"],
    ("SA", "Madinah"): ["Medina"],
    ("PS", "Gaza"): ["Gaza City"],
    ("PS", "Khān Yūnis"): ["Khan Younis"],
    ("PS", "Hebron"): ["Al-Khalil"],
    ("IL", "Beersheba"): ["Be'er Sheva", "Beer Sheva"],
    ("IL", "Ashkelon"): ["Ashqelon"],
    ("LB", "Sidon"): ["Saida"],
    ("LY", "Misratah"): ["Misrata", "Misurata"],
    ("LY", "Tobruk"): ["Tubruq"],
    ("LY", "Darnah"): ["Derna"],
    ("LY", "Sabha"): ["Sebha"],
    ("EG", "Al Fayyum"): ["Faiyum", "Fayoum"],
    ("EG", "Al Mansurah"): ["Mansoura"],
    ("EG", "Arīsh"): ["El Arish", "Al-Arish"],
    # South and Southeast Asia
    ("IN", "Mumbai"): ["Bombay"],
    ("IN", "Chennai"): ["Madras"],
    ("IN", "Kolkata"): ["Calcutta"],
    ("IN", "Bengaluru"): ["Bangalore"],
    ("IN", "Pune"): ["Poona"],
    ("IN", "Varanasi"): ["Benares"],
    ("IN", "Puducherry"): ["Pondicherry"],
    ("IN", "Thiruvananthapuram"): ["Trivandrum"],
    ("IN", "Kochi"): ["Cochin"],
    ("IN", "Vadodara"): ["Baroda"],
    ("IN", "Prayagraj"): ["Allahabad"],
    ("IN", "Gurugram"): ["Gurgaon"],
    ("IN", "Mysuru"): ["Mysore"],
    ("IN", "Mangaluru"): ["Mangalore"],
    ("IN", "Belagavi"): ["Belgaum"],
    ("IN", "Kalaburagi"): ["Gulbarga"],
    ("IN", "Hubballi"): ["Hubli"],
    ("AF", "Kandahār"): ["Kandahar", "Qandahar"],
    ("AF", "Mazār-e Sharīf"): ["Mazar-i-Sharif", "Mazar-e Sharif"],
    ("AF", "Kunduz"): ["Kondoz"],
    ("MM", "Yangon"): ["Rangoon"],
    ("MM", "Nay Pyi Taw"): ["Naypyidaw", "Naypyitaw"],
    ("MM", "Mawlamyine"): ["Moulmein"],
    ("VN", "Ho Chi Minh City"): ["Saigon"],
    # East Asia
    ("CN", "Beijing"): ["Peking"],
    ("CN", "Nanjing"): ["Nanking"],
    ("CN", "Chongqing"): ["Chungking"],
    ("CN", "Xi’an"): ["Xian", "Xi'an"],
    ("CN", "Ürümqi"): ["Urumqi"],
    ("CN", "Kashgar"): ["Kashi"],
    ("KR", "Busan"): ["Pusan"],
    # Africa
    ("SO", "Mogadishu"): ["Muqdisho"],
    ("SO", "Hargeysa"): ["Hargeisa"],
    ("SD", "El Fasher"): ["Al Fashir", "Al-Fashir"],
    ("TD", "N'Djamena"): ["Ndjamena"],
}

# Languages whose place names English news transliterates from another
# script, so that several spellings are in use (Kharkiv/Kharkov,
# Hodeidah/Hudaydah).  A country counts as transliterated when its first
# language other than English in geonames_countryInfo.txt is one of these.
# Chinese, Japanese and Korean are left out: their romanizations are
# standardized and the old forms news still uses are in PREFERRED.
TRANSLIT_LANGS = {
    "ar", "fa", "ps", "ur", "sd", "he", "ru", "uk", "be", "bg", "mk", "kk",
    "ky", "tg", "mn", "el", "ka", "hy", "am", "ti", "hi", "bn", "ne", "si",
    "dv", "my", "th", "lo", "km", "dz",
}

# Words that may follow the first word of an alias in lower case (articles
# and prepositions inside place names).  Any other lower-case word marks a
# description in some language ("Kiev osh", "Gaza by", "Donetsk i Ukraina").
PARTICLES = {
    "al", "el", "ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "ed",
    "en", "er", "es", "et", "ez", "de", "del", "dela", "della", "dei", "degli",
    "di", "da", "das", "do", "dos", "du", "des", "la", "le", "les", "lo",
    "los", "las", "van", "von", "der", "den", "het", "te", "ter", "am", "im",
    "an", "auf", "sur", "sous", "upon", "on", "of", "the", "y", "bin", "ibn",
    "ben", "nad", "pod", "na", "and",
}

# Extra words allowed when an alternate name contains the place's own name
# ("Gaza City", "Al Mosul"); any other extra word makes it a description
# ("Dakbayan sa Gaza", "Kota Isfahan", "Beijing Shi") and it is dropped.
NAME_EXTRA_OK = {"city", "al", "el", "ad", "an", "ar", "as", "ash", "at",
                 "ath", "az", "the"}

# Letter groups that mark a non-English romanization (German, Polish,
# Hungarian, Dutch, French, Greek conventions) when the place's own name does
# not have them.
FOREIGN_MARKS = ["tsch", "dsch", "sch", "cz", "sz", "rz", "cs", "zs", "ij", "oe",
                 "ou", "ue", "uu", "dj", "tz", "zz", "mp", "w", "v", "j", "x", "q"]
# Endings of inflected or foreign forms (Londonas, Isfahanum, Berlino).
FOREIGN_ENDINGS = ["as", "is", "us", "um", "os", "o", "e", "i", "a", "y"]


# --------------------------------------------------------------------------
# Helpers.
# --------------------------------------------------------------------------

def report(*a):
    print(*a, file=sys.stderr)


_FOLD_SPECIAL = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
    "ı": "i", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
    "ð": "d", "Ð": "d", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe",
    "Œ": "oe", "þ": "th", "Þ": "th",
}


def fold(s):
    """The matching key dyad uses (crates/lexicon/src/normalize.rs)."""
    out = []
    for c in unicodedata.normalize("NFD", s):
        if unicodedata.combining(c):
            continue
        out.append(_FOLD_SPECIAL.get(c, c.lower()))
    return "".join(out)


def _latin_letter(c):
    o = ord(c)
    if c.isascii():
        return c.isalpha()
    if 0x00C0 <= o <= 0x00FF:          # Latin-1 Supplement letters
        return o not in (0xD7, 0xF7)
    return (0x0100 <= o <= 0x017F      # Latin Extended-A
            or 0x0218 <= o <= 0x021B   # Romanian comma-below s, t
            or 0x1E00 <= o <= 0x1EFF)  # Latin Extended Additional


APOSTROPHES = "'\u2019\u2018\u02bc"


def is_latin_form(s):
    return all(_latin_letter(c) or c in " -" or c in APOSTROPHES for c in s)


def fmt_coord(s):
    d = Decimal(s).quantize(Decimal("0.0001"), rounding=ROUND_HALF_EVEN)
    t = format(d, "f")
    if "." in t:
        t = t.rstrip("0").rstrip(".")
    if t in ("-0", ""):
        t = "0"
    return t


def words(s):
    return [w for w in re.split(r"[ \-]+", s) if w]


# --------------------------------------------------------------------------
# Loading.
# --------------------------------------------------------------------------

def read_countries(path):
    by_iso2 = {}
    stop = set()
    with open(path, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        ix = {h: i for i, h in enumerate(head)}
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            r = line.rstrip("\n").split("\t")
            by_iso2[r[ix["iso2"]]] = r[ix["code"]]
            for col in ("name", "names", "adjectives"):
                for form in r[ix[col]].split("|"):
                    if form:
                        stop.add(fold(form))
    return by_iso2, stop


def read_transliterated(path):
    """ISO2 codes of countries whose first non-English language is in
    TRANSLIT_LANGS."""
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            r = line.rstrip("\n").split("\t")
            if len(r) < 16:
                continue
            langs = [l.split("-")[0] for l in r[15].split(",") if l]
            first = next((l for l in langs if l != "en"), langs[0] if langs else "")
            if first in TRANSLIT_LANGS:
                out.add(r[0])
    return out


def read_regions(path):
    regions = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            r = line.rstrip("\n").split("\t")
            code, name, ascii_name, gid = r[0], r[1], r[2], r[3]
            regions[code] = (name, ascii_name, int(gid))
    return regions


def read_cities(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = line.rstrip("\n").split("\t")
            if len(r) != 19:
                report(f"cities15000: line with {len(r)} fields skipped: {r[:2]}")
                continue
            rows.append({
                "gid": int(r[0]), "name": r[1].strip(), "ascii": r[2].strip(),
                "alts": [a.strip() for a in r[3].split(",") if a.strip()],
                "lat": r[4], "lon": r[5], "fclass": r[6], "fcode": r[7],
                "cc": r[8], "admin1": r[10], "pop": int(r[14] or 0),
            })
    return rows


# --------------------------------------------------------------------------
# Aliases.
# --------------------------------------------------------------------------

# Leading articles: Arabic (Al Mawsil, Ar-Raqqah) and European (Le Havre,
# The Hague, A Coruña).
ARTICLES = ("al ", "al-", "el ", "el-", "ad ", "ad-", "an ", "an-", "ar ", "ar-",
            "as ", "as-", "ash ", "ash-", "at ", "at-", "az ", "az-",
            "le ", "la ", "les ", "l'", "il ", "lo ", "los ", "las ", "the ",
            "o ", "a ", "de ", "den ", "het ")


def cores(folded):
    """A folded name without a leading Arabic article or a trailing "city":
    the part other forms of the name are compared with."""
    out = {folded}
    for art in ARTICLES:
        if folded.startswith(art) and len(folded) > len(art) + 2:
            out.add(folded[len(art):])
    for f in list(out):
        if f.endswith(" city") and len(f) > 7:
            out.add(f[:-5])
    return out


def candidate_ok(a, bases, stop):
    """Whether alternate name `a` may be an alias of a place whose own
    names fold to `bases`.  Returns None if it may, else the reason."""
    if not is_latin_form(a):
        return "script"
    if not a[0].isupper():
        return "lowercase"
    letters = [c for c in a if c.isalpha()]
    if len(letters) < MIN_ALIAS_LEN:
        return "short"
    if all(c.isupper() for c in letters):
        return "code"
    if len(a) > 2 and a[1].isupper() and a[2].islower():
        return "prefix"              # a noun-class prefix: ILondon, EGoli
    f = fold(a)
    if f in bases:
        return "same"
    if f in stop:
        return "stop"
    ws = words(a)
    for w in ws[1:]:
        if not w[0].isupper() and fold(w) not in PARTICLES:
            return "description"
    for b in set().union(*(cores(b) for b in bases)):
        # Foreign inflections: the name plus one to three letters
        # (Londonas, Isfahanum, Berlino).
        if f.startswith(b) and 1 <= len(f) - len(b) <= 3 and f[len(b):].isalpha():
            return "inflection"
        # The name inside a description ("Kota Isfahan", "Beijing Shi",
        # "New York Stad").
        bw, fw = words(b), words(f)
        n = len(bw)
        for i in range(len(fw) - n + 1):
            if fw[i:i + n] == bw:
                extra = fw[:i] + fw[i + n:]
                if extra and not all(e in NAME_EXTRA_OK for e in extra):
                    return "description"
    return None


CONSONANT = set("bcdfghjklmnpqrstvwxz")


VOWEL = set("aeiouy")


def odd_apostrophe(f, bases):
    """An apostrophe that is not between two vowels, in a form of a name
    that has none: mostly the Cyrillic soft sign of scholarly
    transliteration (Khar'kov, Viden', Kh'oms), which news does not write.
    Apostrophes for Arabic hamza/ayn between vowels (Sana'a) stay."""
    if "'" not in f or any("'" in b for b in bases):
        return False
    for i, c in enumerate(f):
        if c == "'":
            before = f[i - 1] if i else " "
            after = f[i + 1] if i + 1 < len(f) else " "
            if before not in VOWEL or after not in VOWEL:
                return True
    return False


def foreign_score(f, bases):
    base = " ".join(bases)
    s = 0
    for m in FOREIGN_MARKS:
        if m in f and m not in base:
            s += 1
    # English keeps "kh" (Kharkiv, not Harkiv or Charkiv) and writes "ch"
    # with its h (Karachi, not Karaci).
    if any("kh" in b for b in bases) and "kh" not in f:
        s += 1
    if len(re.findall(r"c(?!h)", f)) > min(len(re.findall(r"c(?!h)", b)) for b in bases):
        s += 1
    for e in FOREIGN_ENDINGS:
        if e == "a" and any(b.endswith("ah") for b in bases):
            continue
        if f.endswith(e) and not any(b.endswith(e) for b in bases):
            s += 1
            break
    return s


def closeness(f, bases):
    """How close a folded form is to the place's own name (0..1), comparing
    also without a leading article: transliteration variants (Kharkov,
    Hudaydah, Misrata) are close, other languages' names for the place
    (Dimashq, Munchen, Carigrad) and unrelated old names are not."""
    best = 0.0
    for b in bases:
        for core in cores(b):
            for g in cores(f):
                r = difflib.SequenceMatcher(None, g, core, autojunk=False).ratio()
                best = max(best, r)
    return best


def squeeze(f):
    return re.sub(r"[ \-']", "", f)


def structural_variant(f, bases):
    """The same name written with or without an article, "City", a space,
    a hyphen or an apostrophe (Havre, New York, Gaza City, Al Mosul,
    Danang, Mui-Ne)."""
    for b in bases:
        if f in cores(b) or b in cores(f) or squeeze(f) == squeeze(b):
            return True
    return False


def spelling_variant_shape(f, bases):
    """Whether a folded form can be another spelling of the name: same
    first letter (Cabul, Gerusalem, Choms are other languages' forms), word
    by word close when the name has several words (not "Ost-Jerusalem"),
    and not a stem of the name (Damasc, Tripol; a dropped final h or e, as
    in Sirt, is fine)."""
    fc = min(cores(f), key=len)
    for b in bases:
        bc = min(cores(b), key=len)
        if not fc or not bc or fc[0] != bc[0]:
            continue
        if bc.startswith(fc) and bc[len(fc):] not in ("h", "e"):
            continue
        fw, bw = words(fc), words(bc)
        if len(fw) != len(bw):
            continue
        if len(bw) > 1 and any(
                x != y and difflib.SequenceMatcher(None, x, y, autojunk=False).ratio() < 0.6
                for x, y in zip(fw, bw)):
            continue
        return True
    return False


def choose_aliases(place, stop, other_country_names, capital_forms, preferred,
                   transliterated):
    """Aliases of one city: the curated English forms, the ascii name,
    countries.tsv's spellings of a capital, then GeoNames alternate names
    that pass candidate_ok.  Spelling variants (Kharkov, Hudaydah) are taken
    only where names are transliterated from another script
    (`transliterated`); elsewhere only structural variants."""
    name, ascii_name = place["name"], place["ascii"]
    bases = {fold(name)}
    if ascii_name:
        bases.add(fold(ascii_name))
    chosen, keys = [], {fold(name)}

    def take(form):
        keys.add(fold(form))
        chosen.append(form)

    for form in preferred:
        if fold(form) not in keys and fold(form) not in stop:
            take(form)
    if ascii_name and ascii_name != name and ascii_name not in chosen \
            and fold(ascii_name) not in stop:
        # Kept even where it folds like the name (dyad's matcher does not
        # need it then, but consumers that do not fold diacritics do).
        take(ascii_name)
    alt_keys = {fold(a) for a in place["alts"]}
    for form in capital_forms:
        f = fold(form)
        if f in alt_keys and f not in keys and not candidate_ok(form, bases, stop) \
                and f not in other_country_names:
            take(form)
    ranked = []
    for a in place["alts"]:
        if candidate_ok(a, bases, stop):
            continue
        f = fold(a)
        if odd_apostrophe(f, bases) or f in other_country_names:
            continue
        if structural_variant(f, bases):
            ranked.append((0, 0, 0 if a.isascii() else 1, 0.0, a))
            continue
        if not transliterated or not spelling_variant_shape(f, bases):
            continue
        sc = foreign_score(f, bases)
        cl = closeness(f, bases)
        if sc > MAX_FOREIGN or cl < MIN_CLOSENESS:
            continue
        ranked.append((1, sc, 0 if a.isascii() else 1, -round(cl, 6), a))
    ranked.sort()
    for *_k, a in ranked:
        if fold(a) not in keys:
            take(a)
    return chosen


# --------------------------------------------------------------------------
# Main.
# --------------------------------------------------------------------------

def main(argv):
    if len(argv) != 2:
        report(__doc__)
        return 2
    data = argv[1].rstrip("/")
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    by_iso2, stop_country = read_countries(os.path.join(repo, "lexicon", "countries.tsv"))
    stop = stop_country | {fold(w) for w in ALIAS_STOPLIST}
    regions = read_regions(os.path.join(data, "geo", "admin1_regionInfo.tsv"))
    cities = read_cities(os.path.join(data, "geo", "cities15000.txt"))
    transliterated = read_transliterated(os.path.join(data, "geo", "geonames_countryInfo.txt"))

    # Country capitals as countries.tsv spells them.
    capitals = defaultdict(list)
    with open(os.path.join(repo, "lexicon", "countries.tsv"), encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        ix = {h: i for i, h in enumerate(head)}
        for line in f:
            r = line.rstrip("\n").split("\t")
            if len(r) == len(head):
                capitals[r[ix["iso2"]]] = [c for c in r[ix["capitals"]].split("|") if c]

    # Skip rows whose country has no CAMEO code.
    skipped = defaultdict(int)
    kept = []
    for c in cities:
        if c["cc"] not in by_iso2:
            skipped[c["cc"]] += 1
            continue
        kept.append(c)
    cities = kept
    for cc, n in sorted(skipped.items()):
        report(f"skipped: {n} cities with ISO2 {cc!r} not in countries.tsv")

    # City names and their countries, to keep another country's city name
    # out of the aliases ("Berea" for Aleppo, "Canton" for Guangzhou).
    name_countries = defaultdict(set)
    for c in cities:
        name_countries[fold(c["name"])].add(c["cc"])
    other_names = {cc: OtherNames(name_countries, cc) for cc in {c["cc"] for c in cities}}

    # Curated preferred forms.
    by_key = defaultdict(list)
    for c in cities:
        by_key[(c["cc"], c["name"])].append(c)
    preferred = {}
    for key, forms in PREFERRED.items():
        hits = by_key.get(key)
        if not hits:
            report(f"curated: no city {key}")
            continue
        top = max(hits, key=lambda c: (c["pop"], -c["gid"]))
        preferred[top["gid"]] = forms
        have = {fold(a) for a in top["alts"]} | {fold(top["ascii"])}
        for form in forms:
            if fold(form) not in have:
                report(f"curated: {key[1]} ({key[0]}): {form!r} is not a GeoNames alternate name (added)")

    # admin1 resolution.
    unresolved = defaultdict(int)
    top_city = {}
    for c in cities:
        code = f"{c['cc']}.{c['admin1']}"
        if code in regions:
            c["admin1_name"] = regions[code][0]
            best = top_city.get(code)
            if best is None or (c["pop"], -c["gid"]) > (best["pop"], -best["gid"]):
                top_city[code] = c
        else:
            c["admin1_name"] = ""
            unresolved[code] += 1
    report(f"admin1: {sum(unresolved.values())} cities in {len(unresolved)} codes "
           f"not in admin1_regionInfo: "
           + ", ".join(f"{k}({v})" for k, v in sorted(unresolved.items())))

    def build(limit_small):
        out = []
        for c in cities:
            kind = "capital" if c["fcode"] == "PPLC" else "city"
            al = choose_aliases(c, stop, other_names[c["cc"]],
                                capitals.get(c["cc"], []) if kind == "capital" else [],
                                preferred.get(c["gid"], []), c["cc"] in transliterated)
            cap = MAX_ALIASES
            if limit_small and c["pop"] < SMALL_POP:
                cap = MAX_ALIASES_SMALL
            out.append({
                "name": c["name"], "aliases": al[:cap], "country": by_iso2[c["cc"]],
                "kind": kind, "lat": fmt_coord(c["lat"]), "lon": fmt_coord(c["lon"]),
                "population": str(c["pop"]), "pop": c["pop"], "geonameid": c["gid"],
                "admin1": c["admin1_name"],
            })
        no_city = []
        skipped_regions = defaultdict(int)
        for code, (name, ascii_name, gid) in regions.items():
            cc = code.split(".")[0]
            if cc not in by_iso2:
                skipped_regions[cc] += 1
                continue
            al = []
            if ascii_name and ascii_name != name and fold(ascii_name) not in stop:
                al.append(ascii_name)
            top = top_city.get(code)
            if top is None:
                no_city.append(code)
            out.append({
                "name": name, "aliases": al, "country": by_iso2[cc], "kind": "region",
                "lat": fmt_coord(top["lat"]) if top else "",
                "lon": fmt_coord(top["lon"]) if top else "",
                "population": "", "pop": -1, "geonameid": gid, "admin1": "",
            })
        return out, no_city, skipped_regions

    rows, no_city, skipped_regions = build(False)
    text = render(rows)
    if len(text.encode("utf-8")) > MAX_BYTES:
        report(f"size {len(text.encode('utf-8'))} > {MAX_BYTES}: "
               f"at most {MAX_ALIASES_SMALL} aliases below population {SMALL_POP}")
        rows, no_city, skipped_regions = build(True)
        text = render(rows)
    for cc, n in sorted(skipped_regions.items()):
        report(f"skipped: {n} regions with ISO2 {cc!r} not in countries.tsv")
    per_cc = defaultdict(int)
    for code in no_city:
        per_cc[code.split(".")[0]] += 1
    report(f"regions without a city in cities15000 (no coordinates): {len(no_city)} in "
           f"{len(per_cc)} countries; most: "
           + ", ".join(f"{cc} {n}" for cc, n in sorted(per_cc.items(), key=lambda x: (-x[1], x[0]))[:12]))

    # Statistics.
    kinds = defaultdict(int)
    for r in rows:
        kinds[r["kind"]] += 1
    name_cc = defaultdict(set)
    for r in rows:
        name_cc[fold(r["name"])].add(r["country"])
    amb = sorted(k for k, v in name_cc.items() if len(v) > 1)
    report("rows: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
           + f", total {len(rows)}")
    report(f"aliases: {sum(len(r['aliases']) for r in rows)}")
    report(f"distinct names (folded): {len(name_cc)}; in more than one country: {len(amb)}")
    report(f"bytes: {len(text.encode('utf-8'))}")
    sys.stdout.write(text)
    return 0


class OtherNames:
    """Membership test: is a folded string the name of a city in a country
    other than `cc`?"""

    def __init__(self, all_names, cc):
        self.all_names, self.cc = all_names, cc

    def __contains__(self, k):
        ccs = self.all_names.get(k)
        return bool(ccs) and any(c != self.cc for c in ccs)


def render(rows):
    rows = sorted(rows, key=lambda r: (r["country"], -r["pop"], r["name"], r["kind"],
                                       r["geonameid"]))
    lines = ["\t".join(HEADER)]
    for r in rows:
        vals = [r["name"], "|".join(r["aliases"]), r["country"], r["kind"], r["lat"],
                r["lon"], r["population"], str(r["geonameid"]), r["admin1"]]
        for v in vals:
            assert "\t" not in v and "\n" not in v, v
        lines.append("\t".join(vals))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv))
