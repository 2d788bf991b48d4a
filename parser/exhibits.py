"""Exhibit lists: Item 9.01(d) / old Item 7(c) and the exhibit index.

A row starts with an exhibit number ("99.1", "10.2*", "3(i)", "Exhibit 99")
and a description; continuation lines are indented to the description's
column. Rows of both lists are merged by number, first occurrence first.
"""

from __future__ import annotations

import re

from msgspec.structs import replace

from .body_lexer import classify_markup
from .item_sections import heading_keys
from .layout import Layout
from .lines import Line, Part
from .model import Document, Exhibit, Text

ROW_RE = re.compile(
    r"^(?P<indent>[ \t]*)(?:exhibits?[ \t]+(?:no\.?[ \t]*|number[ \t]*)?)?"
    r"(?P<num>(?:EX-)?\d{1,3}(?:\.\d{1,3}){0,2}(?:[ \t]?\([a-z0-9]{1,4}\))?[a-z]?\*{0,2})"
    r"(?=[ \t]|$)[ \t]*[-–—:.]?[ \t]+(?P<desc>\S.*)?$",
    re.IGNORECASE,
)
HEADER_RE = re.compile(r"^\s*exhibit\s*(?:no\.?|number|#)?\s{2,}\S*|^\s*exhibit\s*$|"
                       r"^\s*(?:no\.|number)\s{2,}description", re.IGNORECASE)
EXHIBITS_LABEL = re.compile(r"^\s*\(?\s*[cd]\s*\)\s*(?:exhibits|list\s+of\s+exhibits)",
                            re.IGNORECASE)
INCORPORATED = re.compile(
    r"incorporated\s+(?:herein\s+)?by\s+reference|previously\s+filed|filed\s+as\s+exhibit",
    re.IGNORECASE,
)
_NUM_PARTS = re.compile(r"\d+|\([a-z0-9]+\)", re.IGNORECASE)


def exhibit_key(number: str) -> tuple:
    """Comparison key: ``"99.01"`` and ``"EX-99.1"`` and ``"99.1"`` compare equal."""
    number = number.upper().removeprefix("EX-").rstrip("*").strip()
    parts = _NUM_PARTS.findall(number.lower())
    return tuple(int(p) if p.isdigit() else p for p in parts)


def _major(number: str) -> int:
    digits = re.match(r"(?:EX-)?(\d+)", number, re.IGNORECASE)
    return int(digits.group(1)) if digits else 999


def _rows(lines: list[Line], layout: Layout, strict: bool) -> list[Exhibit]:
    out: list[Exhibit] = []
    row_indent: int | None = None
    desc_col: int | None = None
    current: tuple[Text, list[tuple[int, int, str]]] | None = None
    last_number = -10

    def flush() -> None:
        nonlocal current
        if current is None:
            return
        number, pieces = current
        description = None
        if pieces:
            value = " ".join(text for _, _, text in pieces)
            description = layout.value(value, pieces[0][0], pieces[-1][1])
        out.append(Exhibit(
            number=number, description=description,
            incorporated_by_reference=bool(description and INCORPORATED.search(description.value)),
        ))
        current = None

    for line in lines:
        if classify_markup(line.text) is not None:
            continue
        text = line.text
        m = ROW_RE.match(text)
        indent = len(text) - len(text.lstrip())
        is_row = (
            m is not None
            and _major(m.group("num")) <= 110
            and (row_indent is None or abs(indent - row_indent) <= 8 or desc_col is None
                 or indent < desc_col - 2)
        )
        if is_row and m is not None:
            desc = m.group("desc") or ""
            if strict and desc and not (desc[0].isupper() or desc[0] in "\"'“(0123456789"):
                is_row = False
        if is_row and m is not None:
            flush()
            number = m.group("num").rstrip("*")
            start = line.start + m.start("num")
            current = (layout.value(number, start, start + len(number)), [])
            if m.group("desc"):
                desc = m.group("desc").rstrip()
                desc_start = line.start + m.start("desc")
                current[1].append((desc_start, desc_start + len(desc), desc))
                desc_col = m.start("desc")
            row_indent = indent
            last_number = line.number
            continue
        if current is not None:
            stripped = text.strip()
            continues = (
                line.number - last_number <= 1
                and stripped
                and (desc_col is None or indent >= desc_col - 4 or not current[1])
            )
            if continues:
                at = line.start + indent
                current[1].append((at, at + len(stripped), stripped))
                last_number = line.number
                continue
            flush()
    flush()
    return out


def _list_lines(part: Part) -> tuple[list[Line], bool]:
    """The lines of an item that hold its exhibit list, and whether to be strict."""
    for i, line in enumerate(part.lines):
        if EXHIBITS_LABEL.match(line.text):
            return part.lines[i + 1 :], False
    for i, line in enumerate(part.lines):
        if HEADER_RE.match(line.text):
            return part.lines[i + 1 :], False
    return part.lines, True


def read_exhibits(parts: list[Part], layout: Layout) -> list[Exhibit]:
    found: list[Exhibit] = []
    for part in parts:
        if part.kind == "item":
            if not set(heading_keys(part.head.text)) & {"9.01", "7"}:
                continue
            lines, strict = _list_lines(part)
            found.extend(_rows(lines, layout, strict))
        elif part.kind == "exhibit_index":
            lines = part.lines
            for i, line in enumerate(lines):
                if HEADER_RE.match(line.text):
                    lines = lines[i + 1 :]
                    break
            found.extend(replace(e, source="index") for e in _rows(lines, layout, False))
    seen: set[tuple] = set()
    out: list[Exhibit] = []
    for exhibit in found:
        key = exhibit_key(exhibit.number.value)
        if key in seen:
            continue
        seen.add(key)
        out.append(exhibit)
    return out


def match_documents(exhibits: list[Exhibit], documents: list[Document]) -> list[Exhibit]:
    """Point each exhibit at the attached ``EX-`` document of the same number."""
    by_key: dict[tuple, int] = {}
    for index, doc in enumerate(documents):
        kind = doc.type.value.upper() if doc.type else ""
        if kind.startswith("EX-"):
            by_key.setdefault(exhibit_key(kind), index)
    out = []
    for exhibit in exhibits:
        key = exhibit_key(exhibit.number.value)
        index = by_key.get(key)
        if index is None and len(key) >= 2:
            index = by_key.get(key[:1])  # "99.1" listed, attached as "EX-99"
        if index is None and len(key) == 1:
            # "99" listed, attached as "EX-99.1": only when exactly one such document
            matches = [i for k, i in by_key.items() if k[:1] == key]
            index = matches[0] if len(matches) == 1 else None
        out.append(exhibit if index is None else _with_document(exhibit, index))
    return out


def _with_document(exhibit: Exhibit, index: int) -> Exhibit:
    return replace(exhibit, document=index)
