"""The Form 8-K item vocabulary of both eras, and how to recognise an item.

Before 2004-08-23 items were integers (1 to 12); from then on ``N.NN``
(Rel. 33-8400). Old items map to new ones (``OLD_TO_NEW``) so both eras can be
counted together, but an item always keeps the number it was written with.
Sources: shared/docs/8k-format.md §3 (titles [C] against the form; dates as
marked there).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from ..model import Era

NEW_ERA_START = dt.date(2004, 8, 23)


class ItemDef(NamedTuple):
    key: str
    title: str
    since: dt.date | None  # first date the item exists (None: from the start of its era)
    until: dt.date | None  # last date (exclusive) the item exists
    variants: tuple[str, ...] = ()  # other titles seen in headings and EDGAR headers


OLD_ITEMS: dict[str, ItemDef] = {
    d.key: d
    for d in (
        ItemDef("1", "Changes in Control of Registrant", None, None),
        ItemDef("2", "Acquisition or Disposition of Assets", None, None),
        ItemDef("3", "Bankruptcy or Receivership", None, None),
        ItemDef("4", "Changes in Registrant's Certifying Accountant", None, None),
        ItemDef("5", "Other Events", None, None,
                ("Other Events and Regulation FD Disclosure",
                 "Other Events and Required FD Disclosure")),
        ItemDef("6", "Resignations of Registrant's Directors", None, None,
                ("Resignation of Registrant's Directors",)),
        ItemDef("7", "Financial Statements and Exhibits", None, None,
                ("Financial Statements, Pro Forma Financial Information and Exhibits",
                 "Financial Statements; Pro Forma Financial Information and Exhibits",
                 "Financial Statements, Pro Forma Information and Exhibits")),
        ItemDef("8", "Change in Fiscal Year", None, None),
        ItemDef("9", "Regulation FD Disclosure", None, None,
                ("Sales of Equity Securities Pursuant to Regulation S",)),
        ItemDef("10", "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision "
                "of the Code of Ethics", dt.date(2003, 1, 1), None),
        ItemDef("11", "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
                dt.date(2003, 1, 1), None),
        ItemDef("12", "Results of Operations and Financial Condition", dt.date(2003, 1, 1), None),
    )
}

# Where a start date is only remembered ([M] in 8k-format.md) the earliest
# plausible date is used, so an era check errs towards silence.
NEW_ITEMS: dict[str, ItemDef] = {
    d.key: d
    for d in (
        ItemDef("1.01", "Entry into a Material Definitive Agreement", None, None),
        ItemDef("1.02", "Termination of a Material Definitive Agreement", None, None),
        ItemDef("1.03", "Bankruptcy or Receivership", None, None),
        ItemDef("1.04", "Mine Safety - Reporting of Shutdowns and Patterns of Violations",
                dt.date(2012, 1, 27), None),
        ItemDef("1.05", "Material Cybersecurity Incidents", dt.date(2023, 12, 18), None),
        ItemDef("2.01", "Completion of Acquisition or Disposition of Assets", None, None),
        ItemDef("2.02", "Results of Operations and Financial Condition", None, None),
        ItemDef("2.03", "Creation of a Direct Financial Obligation or an Obligation under an "
                "Off-Balance Sheet Arrangement of a Registrant", None, None),
        ItemDef("2.04", "Triggering Events That Accelerate or Increase a Direct Financial "
                "Obligation or an Obligation under an Off-Balance Sheet Arrangement", None, None),
        ItemDef("2.05", "Costs Associated with Exit or Disposal Activities", None, None,
                ("Cost Associated with Exit or Disposal Activities",)),
        ItemDef("2.06", "Material Impairments", None, None),
        ItemDef("3.01", "Notice of Delisting or Failure to Satisfy a Continued Listing Rule or "
                "Standard; Transfer of Listing", None, None),
        ItemDef("3.02", "Unregistered Sales of Equity Securities", None, None),
        ItemDef("3.03", "Material Modification to Rights of Security Holders", None, None,
                ("Material Modifications to Rights of Security Holders",)),
        ItemDef("4.01", "Changes in Registrant's Certifying Accountant", None, None),
        ItemDef("4.02", "Non-Reliance on Previously Issued Financial Statements or a Related "
                "Audit Report or Completed Interim Review", None, None),
        ItemDef("5.01", "Changes in Control of Registrant", None, None),
        ItemDef("5.02", "Departure of Directors or Certain Officers; Election of Directors; "
                "Appointment of Certain Officers; Compensatory Arrangements of Certain Officers",
                None, None,
                ("Departure of Directors or Principal Officers; Election of Directors; "
                 "Appointment of Principal Officers",)),
        ItemDef("5.03", "Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year",
                None, None),
        ItemDef("5.04", "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
                None, None),
        ItemDef("5.05", "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision "
                "of the Code of Ethics", None, None,
                ("Amendment to Registrant's Code of Ethics, or Waiver of a Provision of the "
                 "Code of Ethics",)),
        ItemDef("5.06", "Change in Shell Company Status", dt.date(2005, 1, 1), None),
        ItemDef("5.07", "Submission of Matters to a Vote of Security Holders",
                dt.date(2010, 2, 28), None),
        ItemDef("5.08", "Shareholder Director Nominations", dt.date(2010, 11, 15), None,
                ("Shareholder Nominations Pursuant to Exchange Act Rule 14a-11",)),
        ItemDef("6.01", "ABS Informational and Computational Material", dt.date(2005, 3, 8), None),
        ItemDef("6.02", "Change of Servicer or Trustee", dt.date(2005, 3, 8), None),
        ItemDef("6.03", "Change in Credit Enhancement or Other External Support",
                dt.date(2005, 3, 8), None),
        ItemDef("6.04", "Failure to Make a Required Distribution", dt.date(2005, 3, 8), None),
        ItemDef("6.05", "Securities Act Updating Disclosure", dt.date(2005, 3, 8), None),
        ItemDef("6.06", "Static Pool", dt.date(2014, 1, 1), None),
        ItemDef("6.10", "Alternative Filings of Asset-Backed Issuers", dt.date(2005, 3, 8), None),
        ItemDef("7.01", "Regulation FD Disclosure", None, None),
        ItemDef("8.01", "Other Events", None, None),
        ItemDef("9.01", "Financial Statements and Exhibits", None, None),
    )
}

OLD_TO_NEW = {
    "1": "5.01", "2": "2.01", "3": "1.03", "4": "4.01", "5": "8.01", "6": "5.02",
    "7": "9.01", "8": "5.03", "9": "7.01", "10": "5.05", "11": "5.04", "12": "2.02",
}


def era_of(day: dt.date | None) -> Era | None:
    if day is None:
        return None
    return "post-2004" if day >= NEW_ERA_START else "pre-2004"


def era_of_key(key: str) -> Era:
    return "post-2004" if "." in key else "pre-2004"


def definition(key: str) -> ItemDef | None:
    return NEW_ITEMS.get(key) if "." in key else OLD_ITEMS.get(key)


def canonical(key: str) -> str | None:
    """The post-2004 number of an item, whatever its era."""
    if "." in key:
        return key if key in NEW_ITEMS else None
    return OLD_TO_NEW.get(key)


def exists_on(key: str, day: dt.date) -> bool:
    """Whether item ``key`` was part of Form 8-K on ``day``."""
    item = definition(key)
    if item is None:
        return False
    if era_of_key(key) != era_of(day):
        return False
    if item.since is not None and day < item.since:
        return False
    return not (item.until is not None and day >= item.until)


_NUMBER = re.compile(r"^\s*(\d{1,2})\s*(?:\.\s?(\d{1,2}))?\s*$")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
          "X": 10, "XI": 11, "XII": 12}


def normalise_number(written: str) -> str | None:
    """``"2. 02"`` -> ``"2.02"``, ``"7"`` -> ``"7"``, ``"V"`` -> ``"5"``, ``"5.2"`` -> ``"5.2"``."""
    if written.strip() in _ROMAN:
        return str(_ROMAN[written.strip()])
    m = _NUMBER.match(written)
    if not m:
        return None
    major, minor = m.group(1), m.group(2)
    major = str(int(major))
    if minor is None:
        return major
    return f"{major}.{minor}"


def title_key(title: str) -> str:
    """A comparison key for item titles: lower case, letters and digits only."""
    return _NOT_WORD.sub(" ", title.lower().replace("’", "'").replace("'", "")).strip()


_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _title_index(items: dict[str, ItemDef]) -> dict[str, str]:
    index: dict[str, str] = {}
    for item in items.values():
        for title in (item.title, *item.variants):
            index.setdefault(title_key(title), item.key)
    return index


OLD_TITLES = _title_index(OLD_ITEMS)
NEW_TITLES = _title_index(NEW_ITEMS)


def key_for_title(title: str, era: Era | None) -> str | None:
    """The item a title names (EDGAR ITEM INFORMATION text, or a heading's title).

    Titles shared by both eras ("Other Events") resolve by ``era``; a title only
    one era has resolves regardless.
    """
    key = title_key(title)
    if not key:
        return None
    # "9 01" style numbers written as ITEM INFORMATION
    number = normalise_number(title)
    if number is not None:
        return number
    order = (OLD_TITLES, NEW_TITLES) if era == "pre-2004" else (NEW_TITLES, OLD_TITLES)
    for index in order:
        if key in index:
            return index[key]
    # Abbreviated or extended titles: accept a unique prefix match either way.
    for index in order:
        matches = {
            k
            for t, k in index.items()
            if len(key) >= 12 and (t.startswith(key) or key.startswith(t))
        }
        if len(matches) == 1:
            return matches.pop()
    return None
