"""A plain-text document's layout: PEM dash-stuffing undone, tabs expanded, every
character of the layout mapped back to the one it came from."""

from __future__ import annotations

import re

from eightk.layout.text import text_layout
from eightk.source.text import SourceText
from hypothesis import given, settings
from hypothesis import strategies as st


def _expected(text: str, pem: bool) -> tuple[str, list[int | None]]:
    """The layout of ``text`` made line by line, and for each of its characters
    the source offset it was copied from (None for tab padding)."""
    escaped = pem and "- " in text
    out: list[str] = []
    sources: list[int | None] = []
    pos = 0
    for line in re.findall(r"[^\n]*\n|[^\n]+", text):
        at = pos
        pos += len(line)
        if escaped and line.startswith("- "):
            line, at = line[2:], at + 2
        column = 0
        for char in line:
            if char == "\t":
                width = 8 - column % 8
                out.append(" " * width)
                sources += [None] * width
                column += width
            else:
                out.append(char)
                sources.append(at)
                column += 1
            at += 1
    laid = "".join(out)
    if laid and not laid.endswith("\n"):
        laid += "\n"
        sources.append(None)
    return laid, sources


_LINES = st.lists(st.sampled_from(["- ", "-", "\t", "a", "bc\td", " ", "- x", "\n", "\n- ",
                                   "Item 2.02\n", "x\t\ty"]), max_size=30).map("".join)


@settings(max_examples=300)
@given(_LINES, st.booleans(), st.sampled_from(["", "<TEXT>\n"]))
def test_the_layout_is_the_text_made_line_by_line(body, pem, before):
    text = before + body
    source = SourceText(text + "</TEXT>\n")
    layout = text_layout(source, len(before), len(text), pem)
    laid, sources = _expected(body, pem)
    assert layout.text == laid
    for offset, expected in enumerate(sources):
        if expected is not None:
            assert layout.offsets.to_source(offset) == len(before) + expected
            assert source.text[layout.offsets.to_source(offset)] == laid[offset]
