"""Who signs: the words of people's names, offices and organisations.

A signature block names a registrant (an organisation), a person signing for it
and the person's office. These word lists and the tests built on them tell the
three apart where a line's position does not ("Herbert Glaubman, President" is
a name and a title; "The Balcor Company, a partner" an organisation).
"""

from __future__ import annotations

import functools
import re

# words of a company's name: "ACME WIDGETS, INC.", "Monarch Wine Company, Limited Partnership"
ENTITY_SUFFIXES = frozenset({
    "INC", "INCORPORATED", "CORP", "CORPORATION", "CO", "COMPANY", "LTD", "LIMITED", "LLC",
    "LP", "LLP", "PLC", "NA", "PARTNERSHIP",
})
ENTITY_WORDS = ENTITY_SUFFIXES | {
    "TRUST", "BANK", "BANCORP", "BANCORPORATION", "PARTNERS", "FUND", "GROUP", "HOLDINGS",
    "SA", "NV", "AG", "ASSOCIATION",
}
# words of an organisation's name that are no person's: "Balcor Mortgage Advisors-III"
ORGANISATION_WORDS = frozenset({
    "ADVISORS", "ADVISERS", "ASSOCIATES", "MANAGEMENT", "CAPITAL", "PROPERTIES", "REALTY",
    "INVESTORS", "INVESTMENT", "INVESTMENTS", "SERVICES", "VENTURES", "ENTERPRISES", "HOLDING",
    "SECURITIES", "MORTGAGE", "FINANCIAL", "EQUITIES", "EQUITY", "FUNDING", "ASSET", "ASSETS",
    "RESOURCES", "INDUSTRIES", "INTERNATIONAL", "SYSTEMS", "AMERICA", "AMERICAN", "NATIONAL",
})
# words naming an office: "General Comptroller", "Vice President"
OFFICE_WORDS = frozenset({
    "president", "officer", "secretary", "treasurer", "director", "chairman", "chairperson",
    "counsel", "controller", "comptroller", "manager", "partner", "vice", "chief", "executive",
    "trustee", "member", "principal", "attorney", "agent", "signatory", "ceo", "cfo", "coo",
})
# words that may stand in a title and never in a person's name
TITLE_WORDS = OFFICE_WORDS | {
    "chair", "general", "assistant", "senior", "authorized", "company", "corporation", "inc",
    "financial", "operating", "accounting", "administrator", "head", "deputy", "associate",
}
# "John C. Clark, III": what follows a name after a comma and stays with it
NAME_SUFFIXES = frozenset({"JR", "SR", "II", "III", "IV", "V", "ESQ", "MD", "PHD", "CPA"})

_WORD = re.compile(r"[A-Za-z][A-Za-z.&'-]{0,40}")
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_LETTERS = re.compile(r"[A-Za-z]+")


def words(text: str) -> list[str]:
    """The words of ``text`` (its first 300 characters), upper case, without dots."""
    return [w.upper().replace(".", "") for w in _WORD.findall(text[:300])]


@functools.lru_cache(maxsize=512)
def key(text: str) -> str:
    """The letters of ``text``, lower case: names compared whatever their spacing.

    Kept for the last few hundred texts: the signed name is compared with each line
    under its signature (``same_name``), line after line."""
    return _NOT_LETTERS.sub("", text.lower())


def same_name(a: str, b: str) -> bool:
    found = key(b)
    return bool(found) and key(a) == found


def is_entity(text: str) -> bool:
    """Whether ``text`` holds a word of a company's name ("Inc.", "Trust", "Group")."""
    return any(w in ENTITY_WORDS for w in words(text))


def ends_entity(text: str) -> bool:
    """ "Batavia Wine Cellars, Inc.": a line ending the way a company's name ends."""
    found = words(text)
    return bool(found) and found[-1] in ENTITY_WORDS


def looks_like_person(text: str) -> bool:
    """ "Herbert Glaubman", "John C. Clark, III": a person's name, not a title."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 6 or len(text) > 60:
        return False
    for token in tokens:
        word = token.strip(",.").lower()
        if word in TITLE_WORDS or any(c.isdigit() for c in token):
            return False
        if not token[0].isupper():
            return False
    return True


def is_organisation(text: str) -> bool:
    """ "The Balcor Company", "RGF-Balcor Associates-II": a company's name, not a person's."""
    found = {w.upper() for w in _LETTERS.findall(text[:200])}
    if found & (ENTITY_WORDS | ORGANISATION_WORDS):
        return True
    return not looks_like_person(text)


def names_office(text: str) -> bool:
    """Whether ``text`` names an office: "General Comptroller", "Vice President"."""
    found = {w.strip(",.").lower() for w in text[:200].split()}
    return bool(found & OFFICE_WORDS)
