"""Check-box glyphs: how a ticked or an empty box is written on a cover page.

HTML filings use the ballot boxes ``☐``/``☒`` (or a symbol font's ``¨``/``ý``,
which ``layout/html.py`` maps to them); ASCII filings write ``[ ]``/``[X]``,
``|_|``/``|X|``, a bare ``o`` or ``x``. A glyph alone on its line is the
``GLYPH`` line kind of ``grammar/cover.lark``; these patterns find a glyph at
the start or the end of a line of text.
"""

from __future__ import annotations

import re

EMPTY_BOX = "\u2610"  # ☐
CHECKED_BOX = "\u2612"  # ☒

CHECKED = frozenset({CHECKED_BOX, "☑", "ý", "þ", "[x]", "|x|", "(x)", "x", "■", "✓", "✔", "[✓]"})
UNCHECKED = frozenset({EMPTY_BOX, "¨", "[ ]", "[]", "|_|", "[_]", "( )", "o", "□", "❑", "q", "_"})

# A glyph opening a line ("☐ Written communications ...").
GLYPH_START = re.compile(
    r"^\s*(☐|☒|☑|¨|ý|þ|■|□|❑|✓|✔|\[\s{0,3}\]|\[\s?[xX✓]\s?\]|\|[_xX]\||\[_\]|\(\s?[xX]?\)|"
    r"[oxXq](?=\s)|_{1,6}(?=\s))"
)
# A glyph closing a line ("Emerging growth company  ☐").
GLYPH_END = re.compile(
    r"(?:^|\s)(☐|☒|☑|¨|ý|þ|■|□|❑|\[\s{0,3}\]|\[\s?[xX]\s?\]|\|[_xX]\||\[_\]|[oxX]|_{1,6})\s*$"
)


def glyph_state(glyph: str) -> bool | None:
    """Whether ``glyph`` shows a ticked box (None: not a box glyph)."""
    g = glyph.strip().lower().replace(" ", "")
    g = {"[]": "[ ]", "()": "( )"}.get(g, g)
    if g in CHECKED or g.replace("✓", "x") in CHECKED:
        return True
    if g in UNCHECKED or g.startswith("_"):
        return False
    return None


def shown(checked: bool | None) -> str:
    """How a box is shown to people: ☒, ☐, or ? when no glyph was found."""
    return {True: CHECKED_BOX, False: EMPTY_BOX, None: "?"}[checked]
