"""Comparison keys for values the header, the cover page and XBRL write differently.

The header says ``GA`` where the cover says "Georgia", ``582592285`` where it
says "58-2592285", ``000-23741`` where it says "0-23741", and ``INNOTRAC CORP``
where it says "Innotrac Corporation". These functions reduce each to a key so
the two can be compared; they never decide what is *right*.
"""

from __future__ import annotations

import re
import unicodedata

from .transforms import (
    CANADIAN_PROVINCES,
    COUNTRIES,
    EDGAR_CANADIAN_PROVINCES,
    EDGAR_TERRITORIES,
    US_STATES,
)


def _fold(text: str) -> str:
    if text.isascii():  # nothing to decompose
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


_PLACE_CODES: dict[str, str] = {}
for _name, _code in US_STATES.items():
    _PLACE_CODES[_fold(_name)] = _code
for _name, _code in EDGAR_TERRITORIES.items():
    _PLACE_CODES[_fold(_name)] = _code
for _name, _code in EDGAR_CANADIAN_PROVINCES.items():
    _PLACE_CODES[_fold(_name)] = _code
for _names, _iso, _edgar in COUNTRIES:
    if _edgar:
        for _name in _names:
            _PLACE_CODES.setdefault(_fold(_name), _edgar)
_PLACE_CODES.update({"d.c.": "DC", "washington, d.c.": "DC", "england": "X0", "scotland": "X0",
                     "wales": "X0", "great britain": "X0", "united kingdom": "X0"})
_POSTAL = {code for code in US_STATES.values()} | set(CANADIAN_PROVINCES.values())
_ABBREVIATIONS = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "cal": "CA", "colo": "CO",
    "conn": "CT", "del": "DE", "fla": "FL", "ga": "GA", "ill": "IL", "ind": "IN",
    "kan": "KS", "kans": "KS", "ky": "KY", "la": "LA", "md": "MD", "mass": "MA",
    "mich": "MI", "minn": "MN", "miss": "MS", "mo": "MO", "mont": "MT", "neb": "NE",
    "nebr": "NE", "nev": "NV", "n.h": "NH", "n.j": "NJ", "n.m": "NM", "n.y": "NY",
    "n.c": "NC", "n.d": "ND", "okla": "OK", "ore": "OR", "oreg": "OR", "pa": "PA",
    "penn": "PA", "r.i": "RI", "s.c": "SC", "s.d": "SD", "tenn": "TN", "tex": "TX",
    "va": "VA", "vt": "VT", "wash": "WA", "w.va": "WV", "wis": "WI", "wisc": "WI",
    "wyo": "WY",
}


# compiled once: these run for every value the checks compare
_STATE_OF = re.compile(r"^(?:the\s+)?(?:state\s+of\s+|commonwealth\s+of\s+)")
_SPACES = re.compile(r"\s+")
_NON_DIGITS = re.compile(r"\D")
_LETTER_SPACED = re.compile(r"(?:\S ){3,}\S(?: .*)?")
_LETTER_GAP = re.compile(r"(?<=\S) (?=\S(?: |$))")
_STATE_SUFFIX = re.compile(r"[\\/]\s*[a-z]{2,3}\s*[\\/]\s*$")
_SLASHED = re.compile(r"[\\/][a-z\s]+[\\/]")
_NAME_WORDS = re.compile(r"[a-z0-9]+(?:\.[a-z0-9]+)*\.?|&")


def state_code(text: str | None, exact: bool = False) -> str | None:
    """EDGAR code of a state or country as a cover page writes it ("Georgia" -> "GA").

    Unless ``exact``, a longer text ("a Delaware corporation") gives the first
    place it names."""
    if not text:
        return None
    folded = _fold(text).strip(" .,;:()")
    folded = _STATE_OF.sub("", folded)
    folded = _SPACES.sub(" ", folded)
    if folded in _PLACE_CODES:
        return _PLACE_CODES[folded]
    if folded.upper() in _POSTAL and len(folded) == 2:
        return folded.upper()
    short = folded.rstrip(".")
    if short in _ABBREVIATIONS:
        return _ABBREVIATIONS[short]
    if exact:
        return None
    # "Georgia corporation", "a Delaware corporation": the first known place wins.
    for size in (3, 2, 1):
        words = folded.split()
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            if phrase in _PLACE_CODES:
                return _PLACE_CODES[phrase]
    return None


def irs_key(text: str | None) -> str | None:
    """Nine digits of an IRS employer number, or None when it has not nine."""
    if not text:
        return None
    digits = _NON_DIGITS.sub("", text)
    return digits if len(digits) == 9 else None


_FILE_NUMBER = re.compile(r"^\s*([0-9Il]{1,3})\s*-\s*(\d{1,6})(?:\s*-\s*(\d{1,3}))?\s*$")


def file_number_key(text: str | None) -> str | None:
    """``"0-23741"``, ``"000-23741"`` -> ``"000-23741"``; other shapes -> None."""
    if not text:
        return None
    m = _FILE_NUMBER.match(text.replace("–", "-"))
    if not m:
        return None
    prefix = m.group(1).replace("I", "1").replace("l", "1")
    key = f"{int(prefix):03d}-{int(m.group(2)):05d}"
    if m.group(3):
        key += f"-{int(m.group(3)):02d}"
    return key


_SUFFIXES = {
    "incorporated": "inc", "corporation": "corp", "company": "co", "limited": "ltd",
    "the": "", "and": "", "of": "", "&": "", "l.p": "lp", "lp": "lp", "llc": "llc",
    "l.l.c": "llc", "bancorporation": "bancorp", "international": "intl",
    "companies": "cos", "holdings": "hldgs", "holding": "hldg", "group": "grp",
    "industries": "inds", "financial": "finl", "services": "svcs", "systems": "sys",
    "communications": "communications", "technologies": "tech", "technology": "tech",
    "association": "assn", "national": "natl", "american": "amer", "north": "n",
    "south": "s", "east": "e", "west": "w", "resources": "res", "properties": "pptys",
}


def name_key(text: str | None) -> str | None:
    """A loose key for company names: EDGAR truncates and abbreviates them.

    ``INNOTRAC CORP`` and "Innotrac Corporation" both give ``innotrac corp``;
    EDGAR's ``/DE/`` state suffixes are dropped.
    """
    if not text:
        return None
    folded = _fold(text)
    if _LETTER_SPACED.fullmatch(folded):  # "D E E R E & C O M P A N Y"
        folded = _LETTER_GAP.sub("", folded)
    if "/" in folded or "\\" in folded:  # both patterns need a slash
        folded = _STATE_SUFFIX.sub("", folded)  # "\PA\" or "/DE/"
        folded = _SLASHED.sub(" ", folded)
    out = []
    for word in _NAME_WORDS.findall(folded):
        word = word.rstrip(".")
        word = _SUFFIXES.get(word, word)
        if word:
            out.append(word.replace(".", "") if "." in word else word)
    return " ".join(out) or None


def names_agree(a: str | None, b: str | None) -> bool:
    """Whether two company names are the same name, allowing EDGAR's truncation."""
    return keys_agree(name_key(a), name_key(b))


def keys_agree(ka: str | None, kb: str | None) -> bool:
    """``names_agree`` of the names these are the ``name_key``s of (for callers that
    key each name once and compare it many times)."""
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    squeeze_a, squeeze_b = ka.replace(" ", ""), kb.replace(" ", "")
    if squeeze_a == squeeze_b:
        return True
    if sorted(ka.split()) == sorted(kb.split()):  # "LILLY ELI & CO": EDGAR puts surnames first
        return True
    short, long = sorted((squeeze_a, squeeze_b), key=len)
    # EDGAR cut the conformed name at a fixed width, or dropped the suffix.
    return len(short) >= 8 and long.startswith(short)
