"""Item sections: heading number(s), title, body text.

A heading names one item ("Item 2.02"), several ("Items 2.02 and 7.01"), or a
range ("Items 1 through 4. Not applicable"); each named item becomes an
``Item`` sharing the section's text. The title is what follows the number, up
to where the official title (or a known variant) ends; a heading without one
takes its title from the next line when that line is the title.
"""

from __future__ import annotations

import re

from . import items as vocab
from .body_lexer import ITEM_RE, NUM_RE, classify_markup
from .layout import Layout
from .lines import Line, Part
from .model import Item, Text

_SENTENCE_END = re.compile(r"[.:;]\s|[.:]$|\s[-–—]\s")
_NOT_APPLICABLE = re.compile(r"^\W*(?:not\s+applicable|n/a|none)\W*$", re.IGNORECASE)
_RANGE_WORDS = re.compile(r"through|thru|to|-|–|—", re.IGNORECASE)


def _numbers(nums: str) -> list[tuple[str, int, int]]:
    """The item numbers in a heading's number list: (written, start, end)."""
    # "(c)" / "(1)" after a number is a sub-paragraph, not another item
    plain = re.sub(r"\([^)]*\)", lambda m: " " * len(m.group()), nums)
    found = [(m.group(0), m.start(), m.end()) for m in NUM_RE.finditer(plain)]
    out: list[tuple[str, int, int]] = []
    for i, (written, start, end) in enumerate(found):
        out.append((written, start, end))
        if i + 1 < len(found):
            between = nums[end : found[i + 1][1]]
            a, b = vocab.normalise_number(written), vocab.normalise_number(found[i + 1][0])
            if _RANGE_WORDS.search(between) and a and b and "." not in a and "." not in b:
                for k in range(int(a) + 1, int(b)):  # "Items 1 through 4"
                    out.append((str(k), end, found[i + 1][1]))
    return out


def _title_cut(rest: str, keys: list[str]) -> int | None:
    """Where the official title ends in ``rest``, if ``rest`` starts with it."""
    target = {vocab.title_key(t) for t in keys}
    if not target:
        return None
    cuts = [m.start() for m in _SENTENCE_END.finditer(rest)] + [len(rest)]
    for cut in cuts:
        if vocab.title_key(rest[:cut]) in target:
            return cut
    return None


def _titles(key: str) -> list[str]:
    item = vocab.definition(key)
    return [item.title, *item.variants] if item else []


def _looks_like_title(text: str, keys: list[str]) -> bool:
    stripped = text.strip()
    if not stripped or len(stripped) > 160 or stripped[0] in "(":
        return False
    key = vocab.title_key(stripped)
    targets = [vocab.title_key(t) for t in keys]
    if any(t.startswith(key) or key.startswith(t) for t in targets if key and len(key) > 5):
        return True
    letters = [c for c in stripped if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(stripped) < 100


def _body_text(layout: Layout, lines: list[Line]) -> Text | None:
    kept = [line for line in lines if classify_markup(line.text) is None]
    if not kept:
        return None
    start, end = kept[0].start, kept[-1].end
    raw = layout.text[start:end]
    # <PAGE> markers and <S>/<C> rows are layout, not text
    value = "\n".join(
        line.rstrip() for line in raw.split("\n") if classify_markup(line) is None
    ).strip()
    return layout.value(value, start, end) if value else None


def heading_keys(heading: str) -> list[str]:
    """The item numbers a heading line names, normalised ("7", "9.01")."""
    m = ITEM_RE.match(heading)
    if m is None:
        return []
    return [vocab.normalise_number(w) or w for w, _, _ in _numbers(m.group("nums"))]


def read_items(parts: list[Part], layout: Layout) -> list[Item]:
    out: list[Item] = []
    for part in parts:
        if part.kind == "item":
            out.extend(_items(part, layout))
    return out


def _items(part: Part, layout: Layout) -> list[Item]:
    head = part.head
    m = ITEM_RE.match(head.text)
    if m is None:  # cannot happen: the lexer matched the same pattern
        return []
    numbers = _numbers(m.group("nums"))
    keys = [vocab.normalise_number(w) or w for w, _, _ in numbers]
    nums_at = m.start("nums")
    rest_at = m.start("rest")
    rest = m.group("rest")
    lead = len(rest) - len(rest.lstrip(" \t.:-–—)\u00a0"))
    rest_text = rest[lead:].rstrip()
    title_start = head.start + rest_at + lead
    body_lines = list(part.lines)
    official = [t for k in keys for t in _titles(k)]

    title: Text | None = None
    not_applicable = False
    if _NOT_APPLICABLE.match(rest_text or "-"):
        not_applicable = True
    elif rest_text:
        cut = _title_cut(rest_text, official)
        if cut is None:
            first_sentence = _SENTENCE_END.search(rest_text)
            cut = first_sentence.start() if first_sentence and len(rest_text) > 120 else len(
                rest_text
            )
        shown = rest_text[:cut].rstrip(" .:")
        # A title wrapped onto the next line ("...; Election of Directors;" / "Appointment...").
        if body_lines and cut == len(rest_text) and official:
            nxt = body_lines[0].text.strip()
            joined = vocab.title_key(f"{shown} {nxt}")
            if any(vocab.title_key(t).startswith(joined) for t in official) and len(
                vocab.title_key(shown)
            ) < min(len(vocab.title_key(t)) for t in official):
                title = layout.value(
                    f"{shown} {nxt.rstrip(' .:')}", title_start, body_lines[0].end
                )
                body_lines = body_lines[1:]
        if title is None and shown:
            title = layout.value(shown, title_start, title_start + len(shown))
    if title is None and not not_applicable and body_lines:
        nxt = body_lines[0]
        if _looks_like_title(nxt.text, official):
            shown = nxt.text.strip().rstrip(" .:")
            at = nxt.start + nxt.text.index(shown[:1]) if shown else nxt.start
            title = layout.value(shown, at, at + len(shown))
            body_lines = body_lines[1:]

    body = _body_text(layout, body_lines)
    if body is not None and _NOT_APPLICABLE.match(body.value):
        not_applicable = True
    heading_text = head.text.strip()
    heading = layout.value(heading_text, head.start + head.text.index(heading_text[:1]),
                           head.end)
    end = part.end
    out = []
    for (written, start, stop), key in zip(numbers, keys, strict=True):
        item_def = vocab.definition(key)
        out.append(
            Item(
                number=layout.value(
                    written, head.start + nums_at + start, head.start + nums_at + stop
                ),
                key=key,
                canonical=vocab.canonical(key),
                era=vocab.era_of_key(key),
                title=item_def.title if item_def else None,
                title_as_written=title,
                heading=heading,
                body=body,
                not_applicable=not_applicable,
                combined=len(numbers) > 1,
                span=layout.span(head.start, end),
            )
        )
    return out
