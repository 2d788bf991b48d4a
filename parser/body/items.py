"""Item sections: heading number(s), title, body text.

A heading names one item ("Item 2.02"), several ("Items 2.02 and 7.01"), or a
range ("Items 1 through 4. Not applicable"); each named item becomes an
``Item`` sharing the section's text. The title is what follows the number, up
to where the official title (or a known variant) ends; a heading without one
takes its title from the next line when that line is the title.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from ..layout.text import Layout
from ..model import Item, Text
from ..vocab import items as vocab
from ..vocab.shapes import NOTHING
from .columns import is_rule
from .lexer import MARKUP
from .lines import Line, Lines, Part, Parts, Run
from .signature_lexer import exchange_act_at

_SENTENCE_END = re.compile(r"[.:;]\s|[.:]$|\s[-–—]\s")
_SUB_LABEL = re.compile(r"^\(?[a-z]\)[.)]?\s")
_SUB_NA = re.compile(r"^\(?[a-z]\)[.)]?\s+.{0,80}?\b(?:not\s+applicable|none)\W*$", re.IGNORECASE)
_RANGE_WORDS = re.compile(r"through|thru|to|-|–|—", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^)]*\)")
NUM_RE = re.compile(r"(\d{1,2})(?:[ \t]?\.[ \t]?(\d{1,2}))?|\b[IVX]{1,4}\b")


# Headings repeat (every filing has "Item 9.01 Financial Statements and Exhibits",
# and each heading is read by the reader, the exhibit list and the validator): what
# depends only on a heading's words is worked out once per distinct wording.
_CACHE = 4096


@functools.lru_cache(maxsize=_CACHE)
def _numbers(nums: str) -> tuple[tuple[str, int, int], ...]:
    """The item numbers in a heading's number list: (written, start, end)."""
    # "(c)" / "(1)" after a number is a sub-paragraph, not another item
    plain = _PARENTHESES.sub(lambda m: " " * len(m.group()), nums)
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
    return tuple(out)


@functools.lru_cache(maxsize=_CACHE)
def _key(written: str) -> str:
    """The item key of a written number ("2. 02" -> "2.02"), else the number as written."""
    return vocab.normalise_number(written) or written


@functools.lru_cache(maxsize=_CACHE)
def _title_keys(titles: tuple[str, ...]) -> frozenset[str]:
    return frozenset(vocab.title_key(t) for t in titles)


@functools.lru_cache(maxsize=_CACHE)
def _title_cut(rest: str, keys: tuple[str, ...]) -> int | None:
    """Where the official title ends in ``rest``, if ``rest`` starts with it."""
    target = _title_keys(keys)
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


_PIECE = 1 << 20  # characters of an item's text read into lines at a time


def _pieces(text: str) -> Iterator[str]:
    """``text`` in pieces of about ``_PIECE`` characters, cut at newlines (each cut
    newline left out, so the pieces' lines are the text's); a short text whole."""
    at, n = 0, len(text)
    while at + _PIECE < n:
        cut = text.find("\n", at + _PIECE)
        if cut == -1:
            break
        yield text[at:cut]
        at = cut + 1
    yield text[at:] if at else text


def _lines_stripped(text: str, start: int, end: int) -> tuple[str, int]:
    """``"\n".join(line.rstrip() for line in text[start:end].split("\n")).strip()``,
    and how many of those lines are not blank, made a megabyte at a time (pieces cut
    at a newline): a 10 MB item is held as its lines once, not as the slice, its
    lines, the lines stripped, the join and the join stripped at once."""
    pieces: list[str] = []
    filled = 0
    at = start
    while True:
        cut = text.find("\n", at + _PIECE, end) if at + _PIECE < end else -1
        lines = text[at:end if cut == -1 else cut].split("\n")
        kept = list(map(str.rstrip, lines))
        del lines
        # a line is blank when nothing is left of it stripped on the right
        filled += len(kept) - kept.count("")
        pieces.append("\n".join(kept))
        del kept
        if cut == -1:
            break
        at = cut + 1
    if len(pieces) == 1:  # (an item under a megabyte)
        return pieces[0].strip(), filled
    # the strip of the whole, done on the pieces at its two ends (pieces of blanks
    # alone go), so that the join is the value and not copied again
    while len(pieces) > 1 and (not pieces[0] or pieces[0].isspace()):
        del pieces[0]
    while len(pieces) > 1 and (not pieces[-1] or pieces[-1].isspace()):
        del pieces[-1]
    pieces[0] = pieces[0].lstrip()
    pieces[-1] = pieces[-1].rstrip()
    return "\n".join(pieces), filled


def _body_text(layout: Layout, lines: Sequence[Line], skip: int = 0) -> Text | None:
    """The text under a heading (``lines[skip:]``), blank lines kept, <PAGE> markers
    and <S>/<C> rows (layout, not text) left out."""
    n = len(lines)
    i = skip
    # each line made once (a text line of a run is made anew at every index)
    while i < n and (first := lines[i]).kind in MARKUP:
        i += 1
    if i == n:
        return None
    j = n - 1
    while (last := lines[j]).kind in MARKUP:
        j -= 1
    # The text itself from the first line to the last, the layout tags between left
    # out, when each of its lines that is not blank is one of these (so none was
    # left out of the part): text lines are then not read one by one. ``tags``:
    # the tags' places among the text's lines (none looked for in runs of columns).
    if isinstance(lines, (Lines, Run)):
        tags: list[tuple[int, str]] | None = None if lines.has_kind(MARKUP, i, j + 1) else []
    else:
        tags = [(line.number - first.number, line.text) for line in lines[i + 1:j]
                if line.kind in MARKUP]
    if tags == []:
        # read a megabyte at a time (a 10 MB item is not held as five copies)
        value, filled = _lines_stripped(layout.text, first.start, last.end)
        if filled == j - i + 1:
            return layout.value(value, first.start, last.end) if value else None
    elif tags is not None:
        raw = layout.text[first.start:last.end].split("\n")
        # a line is blank when nothing is left of it stripped on the right
        kept = list(map(str.rstrip, raw))
        if (len(kept) - kept.count("") == j - i + 1
                and all(0 < k < len(raw) and raw[k] == text for k, text in tags)):
            for k, _ in reversed(tags):
                del kept[k]
            value = "\n".join(kept).strip()
            return layout.value(value, first.start, last.end) if value else None
    out: list[str] = []
    previous: int | None = None
    for line in lines[skip:]:
        if line.start < first.start or line.start > last.start:
            continue
        if previous is not None:
            out.extend([""] * (line.number - previous - 1))  # the blank lines between
        previous = line.number + line.text.count("\n")
        if line.kind not in MARKUP:
            out.append(line.text.rstrip())
    value = "\n".join(out).strip()
    return layout.value(value, first.start, last.end) if value else None


def heading_keys(heading: Line) -> list[str]:
    """The item numbers an item heading names, normalised ("7", "9.01")."""
    return list(heading_key_tuple(heading))


def heading_key_tuple(heading: Line) -> tuple[str, ...]:
    """``heading_keys`` as the tuple shared by every heading of the same words."""
    m = heading.match
    if heading.kind != "ITEM_HEAD" or m is None:
        return ()
    return _heading_keys(m.group("nums"), m.group("rest"))


def part_keys(parts: Sequence[Part], i: int) -> tuple[str, ...]:
    """``heading_keys`` of ``parts[i]``: kept ``Parts`` hold them, no heading made."""
    if type(parts) is Parts:
        return parts.keys[i]
    return heading_key_tuple(parts[i].head)


@functools.lru_cache(maxsize=_CACHE)
def _heading_keys(nums: str, rest: str) -> tuple[str, ...]:
    written = [w for w, _, _ in _numbers(nums)]
    written += [found.group(1) for found in _inline_items(rest)]
    return tuple(_key(w) for w in written)


def _without_unheaded_signatures(part: Part) -> Part:
    """The last item of a report with no SIGNATURES heading ends where the
    signature block's Exchange Act sentence begins."""
    for i in range(len(part.lines)):
        if exchange_act_at(part.lines, i):
            return Part(part.kind, part.head, part.lines[:i])
    return part


_TAKEN = 256  # parts read before ``keep`` takes them


def read_items(parts: list[Part], layout: Layout, keep: Parts | None = None) -> list[Item]:
    """The items of ``parts``; with ``keep``, the parts go to it as they are read
    (``parts`` is emptied), so the items fill the room the parts let go."""
    out: list[Item] = []
    headed = any(p.kind == "signatures" for p in parts)
    last = next((i for i in range(len(parts) - 1, -1, -1) if parts[i].kind == "item"), None)
    done = 0
    for i, part in enumerate(parts):
        if part.kind == "item":
            if not headed and i == last:
                part = _without_unheaded_signatures(part)
            out.extend(_items(part, layout))
        if keep is not None and i + 1 - done >= _TAKEN:
            keep.take(parts, done, i + 1)
            done = i + 1
    if keep is not None:
        keep.take(parts, done, len(parts))
        parts.clear()
    return out


# "Item 8.01 Other Events; Item 9.01 Financial Statements and Exhibits": a second
# item named on the same heading line.
_INLINE_ITEM = re.compile(
    r"(?:[;,]\s{0,3}(?:and\s+)?|\s(?:and|&)\s+)Items?\s{1,3}(\d{1,2}\s?\.\s?\d{2}|\d{1,2})\b"
    r"[\s.:\-–—]{0,4}",
    re.IGNORECASE,
)


def _inline_items(text: str) -> list[re.Match[str]]:
    """Second items named on a heading line, outside parentheses ("(information
    furnished under Item 12)" names no item of this filing)."""
    return [m for m in _INLINE_ITEM.finditer(text)
            if text.count("(", 0, m.start()) <= text.count(")", 0, m.start())]
_CONNECTOR = re.compile(r"(?:[;,&]|\b(?:and|or|of|the|to|for|in|under|an|a|on|with))\s*$",
                        re.IGNORECASE)


def _wrapped(title: str, nxt: Line, official: tuple[str, ...]) -> bool:
    """Whether the line after a heading continues its title."""
    more = nxt.text.strip()
    if not more or len(more) > 120 or more[0] in "(" or is_rule(more):
        return False
    joined = vocab.title_key(f"{title} {more}")
    if official and any(vocab.title_key(t).startswith(joined) for t in official):
        return True
    if _CONNECTOR.search(title):
        letters = [c for c in more if c.isalpha()]
        upper = bool(letters) and all(c.isupper() for c in letters)
        return upper or more[:1].isupper() and not more.rstrip().endswith((".", ":")) or (
            len(more) < 60
        )
    return False


def _not_applicable(body: Text | None) -> bool:
    """"None." or "Not applicable." with at most page furniture after it."""
    if body is None:
        return False
    # Both tests below need a line saying there is nothing ("(a) ... Not applicable"
    # answers each label; "None." opens the text): without any of the words those
    # lines are made of, neither can pass, and the lines need not be split and
    # matched one by one.
    if not _may_say_nothing(body.value):
        return False
    # the body's lines are read a megabyte at a time (``_pieces``): a 10 MB item's
    # lines, and those lines stripped, are not all held at once
    first: str | None = None
    count = labels = answers = letters = 0
    for piece in _pieces(body.value):
        lines = [line.strip() for line in piece.split("\n") if line.strip()]
        if not lines:
            continue
        rest = lines
        if first is None:
            first, rest = lines[0], lines[1:]
        count += len(lines)
        # "(a) Financial Statements ..." / "Not applicable." / "(b) ..." / "Not applicable."
        labels += sum(1 for line in lines if _SUB_LABEL.match(line))
        answers += sum(1 for line in lines if NOTHING.match(line) or _SUB_NA.match(line))
        if letters < 60 and NOTHING.match(first):  # the letters after a first "None."
            letters += sum(c.isalpha() for line in rest for c in line)
    if first is None:
        return False
    if labels and labels + answers >= count and answers >= labels:
        return True
    if not NOTHING.match(first):
        return False
    return letters < 60


def _may_say_nothing(value: str) -> bool:
    """Whether ``value`` may hold a word a NOTHING or _SUB_NA line is made of, case
    ignored as those patterns ignore it, a megabyte at a time (``_pieces``: the words
    hold no newline). Told by lower-casing ASCII text only: text with another
    character (an HTML body's no-break spaces and quotes) is read line by line as
    before, where lower-casing it whole cost more than that."""
    for piece in _pieces(value):
        if not piece.isascii():
            return True
        low = piece.lower()
        if "applicable" in low or "n/a" in low or "none" in low:
            return True
    return False


def _items(part: Part, layout: Layout) -> list[Item]:
    head = part.head
    m = head.match
    assert m is not None  # an ITEM_HEAD token carries the groups its terminal matched
    numbers = _numbers(m.group("nums"))
    nums_at = m.start("nums")
    rest = m.group("rest")
    lead = len(rest) - len(rest.lstrip(" \t.:-–—)\u00a0"))
    rest_text = rest[lead:].rstrip()
    title_start = head.start + m.start("rest") + lead
    # (written number, its layout start and end, the title text after it, where that starts)
    named: list[tuple[str, int, int, str, int]] = []
    inline = _inline_items(rest_text)
    first_title = rest_text[: inline[0].start()] if inline else rest_text
    for written, start, stop in numbers:
        named.append((written, head.start + nums_at + start, head.start + nums_at + stop,
                      first_title, title_start))
    for i, found in enumerate(inline):
        end = inline[i + 1].start() if i + 1 < len(inline) else len(rest_text)
        named.append((found.group(1), title_start + found.start(1), title_start + found.end(1),
                      rest_text[found.end():end], title_start + found.end()))
    body_lines = part.lines
    skip = 0  # the lines a wrapped title or a title line took from the top of the body
    out_titles: list[Text | None] = []
    not_applicable = False
    group_keys = [_key(w) for w, _, _ in numbers]
    for index, (_written, _a, _b, text, at) in enumerate(named):
        if 0 < index < len(numbers):  # "Items 2.02 and 7.01": one title for both
            out_titles.append(out_titles[0])
            continue
        key = _key(_written)
        keys = group_keys if index == 0 else [key]
        official = tuple(t for k in keys for t in _titles(k))
        text = text.rstrip()
        if NOTHING.match(text or "-"):
            if text:
                not_applicable = True
            out_titles.append(None)
            continue
        cut = _title_cut(text, official)
        if cut is None:
            first_sentence = _SENTENCE_END.search(text)
            cut = first_sentence.start() if first_sentence and len(text) > 120 else len(text)
        shown = text[:cut].rstrip(" .:;,")
        end = at + len(text[:cut].rstrip(" .:;,"))
        last = index == len(named) - 1 or (not inline and index == 0)
        # A title wrapped onto the next lines ("...; Election of Directors;" / "Appointment").
        while last and cut == len(text) and skip < len(body_lines) and shown and (
            (top := body_lines[skip]).number == head.number + 1 or top.start == end + 1
            or top.start <= layout.text.find("\n", end) + 1
        ) and _wrapped(text[:cut], top, official):
            more = top
            skip += 1
            text = f"{text[:cut].rstrip()} {more.text.strip()}"
            cut = len(text)
            shown = text.rstrip(" .:;,")
            end = more.end
        out_titles.append(layout.value(shown, at, max(end, at + 1)) if shown else None)

    title = out_titles[0] if out_titles else None
    if title is None and not not_applicable and skip < len(body_lines) and len(named) == 1:
        nxt = body_lines[skip]
        official = [t for w, _, _ in numbers for t in _titles(_key(w))]
        if _looks_like_title(nxt.text, official):
            shown = nxt.text.strip().rstrip(" .:")
            at = nxt.start + nxt.text.index(shown[:1]) if shown else nxt.start
            out_titles[0] = layout.value(shown, at, at + len(shown))
            skip += 1

    body = _body_text(layout, body_lines, skip)
    if _not_applicable(body):
        not_applicable = True
    heading_text = head.text.strip()
    heading = layout.value(heading_text, head.start + head.text.index(heading_text[:1]),
                           head.end)
    out = []
    for (written, start, stop, _text, _at), item_title in zip(named, out_titles, strict=True):
        key = _key(written)
        item_def = vocab.definition(key)
        out.append(
            Item(
                number=layout.value(written, start, stop),
                key=key,
                canonical=vocab.canonical(key),
                era=vocab.era_of_key(key),
                title=item_def.title if item_def else None,
                title_as_written=item_title,
                heading=heading,
                body=body,
                not_applicable=not_applicable,
                combined=len(named) > 1,
                span=layout.span(head.start, part.end),
            )
        )
    return out
