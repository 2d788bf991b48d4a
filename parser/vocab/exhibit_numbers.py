"""Exhibit numbers as readers, document matching and checks compare them."""

from __future__ import annotations

import re

_KEY_PARTS = re.compile(r"\d{1,9}|[a-z]{1,12}")
_EX_PREFIX = re.compile(r"[ \t]*ex(?:hibit)?[-. \t]*", re.IGNORECASE)


def exhibit_key(number: str) -> tuple:
    """Comparison key: ``"99.01"``, ``"EX-99.1"`` and ``"99.1"`` compare equal, and so
    do ``"1(b)"``, ``"1.B"`` and ``"1b"`` (a letter is a letter however it is written)."""
    number = number[:60].strip().lower().rstrip("*†‡")
    m = _EX_PREFIX.match(number)
    if m and number[:2] == "ex":
        number = number[m.end():]
    return tuple(int(p) if p.isdigit() else p for p in _KEY_PARTS.findall(number))
