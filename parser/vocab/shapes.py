"""How the cover page's numbers are written, to find them in a line of text.

A telephone number ("(217) 555-0100", "217.555.0100 ext. 12"), an IRS employer
identification number ("12-3456789", mistyped "12 -3456789"), a commission file
number ("0-23741", "001-40700", "33-12345-01", "I-1234") and a zip code ("62701",
"62701-1234"), and "None". These find values in lines whose kind the grammar
already named; the validator's stricter shapes (parser/checks/cover_rules.py)
judge them.
"""

from __future__ import annotations

import re

from .. import grammars

PHONE = re.compile(
    r"(?:\+?1[\s.-]?)?(?:\(\s*\d{3}\s*\)[\s.\-/]{0,12}|\b\d{3}[\s.\-/]{0,3})\d{3}[\s.\-]{0,3}\d{4}\b"
    r"(?:\s{0,2}(?:x|ext\.?)\s{0,2}\d{1,6})?",
    re.IGNORECASE,
)
IRS = re.compile(r"\b\d{2}\s?-\s?\d{7}\b")
IRS_AT_END = re.compile(r"(\d{2}\s?-\s?\d{7})\s*$")
FILE_NUMBER = re.compile(r"\b(?:[0-9]{1,3}|I)-\d{2,6}(?:-\d{1,3})?\b")
ZIP_AT_END = re.compile(r"(?<![Bb]ox )(?<![Bb]ox)\b\d{5}(?:-\d{4})?\s*$")  # not "P.O. Box 32010"
# "No. 95-4545390", "Number: 0-11596": words before a number, not part of it.
NUMBER_PREFIX = re.compile(r"(?:No\.?|Number:?|#)\s*", re.IGNORECASE)
# "None", "Not applicable", "N/A": a line, a cell or an item's text saying there is
# nothing; the NOT_APPLICABLE line kind of grammar/layout.lark, written there once.
NOTHING = grammars.shared_line("NOT_APPLICABLE")
