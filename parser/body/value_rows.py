"""A row of values under its caption row: which value chunk belongs to which caption.

Values stand in aligned columns ("Georgia     000-23741     58-1592285" over
three captions), so a chunk goes to the caption whose columns it overlaps most;
when a 1994 repository collapsed the spacing ("Georgia 0-23741 58-1592285") the
row is cut by what its values look like instead.
"""

from __future__ import annotations

import re

from ..vocab.normalize import state_code
from ..vocab.shapes import FILE_NUMBER, IRS, ZIP_AT_END
from .captions import Caption
from .columns import Chunk, best_column


def assign(placed: list[tuple[Chunk, int | None]], caps: list[Caption],
            columns: list[tuple[int, int]]) -> dict[int, list[Chunk]]:
    """Chunks of one value row, by caption index."""
    by_caption: dict[int, list[Chunk]] = {}
    for piece, forced in placed:
        i = forced if forced is not None else best_column(piece, columns)
        by_caption.setdefault(i, []).append(piece)
    kinds = [c.kind for c in caps]
    # A row "510 Lake Cook Road, Suite 100,   Deerfield,   Illinois   60015": under
    # "(Zip Code)" only the zip; what stands left of it is the address.
    if "zip" in kinds and "address" in kinds:
        zi, ai = kinds.index("zip"), kinds.index("address")
        group = by_caption.get(zi, [])
        keep = [p for p in group if ZIP_AT_END.search(p.text)]
        if keep and len(keep) < len(group):
            by_caption[zi] = keep
            moved = [p for p in group if p not in keep]
            by_caption[ai] = sorted(by_caption.get(ai, []) + moved)
        # "Burlington, MA             01803": a zip code that HTML laid out under
        # the address caption is the zip code's, when the row has no other.
        group = by_caption.get(ai, [])
        if zi not in by_caption and len(group) >= 2 and ZIP_ALONE.fullmatch(group[-1].text):
            by_caption[zi] = [group.pop()]
    # Two values in one caption's column, one of which looks like another
    # caption's value (an IRS number under the file number, because tabs were
    # rendered at another width): move it where its look says it belongs.
    for i, group in list(by_caption.items()):
        if len(group) < 2:
            continue
        for piece in list(group):
            target = None
            if IRS.fullmatch(piece.text) and "irs" in kinds:
                target = kinds.index("irs")
            elif FILE_NUMBER.fullmatch(piece.text) and "file_number" in kinds:
                target = kinds.index("file_number")
            if target is not None and target != i and target not in by_caption:
                group.remove(piece)
                by_caption[target] = [piece]
    # a column whose every piece went to other captions holds nothing (the reader
    # takes a group's first and last piece): "001-35128  41-1928376" both under
    # the state's caption, "Minnesota" beside the caption row
    return {i: group for i, group in by_caption.items() if group}


ZIP_ALONE = re.compile(r"\d{5}(?:-\d{4})?")
_DIGIT = re.compile(r"\d")
# What filers write in place of a number not yet given: "Applied For", "None".
_PENDING = re.compile(r"\b(?:applied\s+for|pending|none|n/a)\s*$", re.IGNORECASE)
# A telephone number ending a run of values ("... OHIO 44308 (216) 384-8000").
_PHONE_AT_END = re.compile(r"(?:\(\s*\d{3}\s*\)\s*|\b\d{3}[-.\s])\d{3}[-.\s]?\d{4}\s*$")


def _add(found: list[tuple[int, int, int]], kinds: list[str], kind: str,
         m: re.Match[str] | None) -> None:
    """Keep value ``m`` of caption ``kind``, unless it overlaps one kept before."""
    if m is not None and kind in kinds:
        a, b = m.span()
        for s, e, _ in found:
            if s < b and a < e:
                return
        found.append((a, b, kinds.index(kind)))


def _shapes(text: str, kinds: list[str]) -> list[tuple[int, int, int]]:
    """(start, end, caption index) of the values of ``text`` whose look says which
    caption they belong to: an IRS number, a file number, a telephone number at
    the end and the zip code before it, "Applied For" where a number is due (a
    shape is looked for only where the row has its caption)."""
    found: list[tuple[int, int, int]] = []
    if _DIGIT.search(text) is not None:  # every shape but "Applied For" has digits
        end = len(text.rstrip())
        if "phone" in kinds and (m := _PHONE_AT_END.search(text)) is not None:
            _add(found, kinds, "phone", m)
            end = m.start()
        if "irs" in kinds:
            _add(found, kinds, "irs", IRS.search(text))
        if "file_number" in kinds:
            _add(found, kinds, "file_number", FILE_NUMBER.search(text))
        if "zip" in kinds:
            _add(found, kinds, "zip", ZIP_AT_END.search(text[:end].rstrip(" ,")))
    m = _PENDING.search(text)
    if m is not None:
        # "Nevada 333-12345 APPLIED FOR": the number of the caption, of the file
        # number and the IRS number, that has none yet
        missing = [k for k in ("irs", "file_number") if k in kinds
                   and kinds.index(k) not in {cap for _, _, cap in found}]
        if missing:
            _add(found, kinds, missing[-1], m)
    return sorted(found)


# Words written before a number, part of its cell: "No. 95-4545390".
_LABEL = re.compile(r"\W*(?:no\.?|number:?|#|i\.?\s?r\.?\s?s\.?(?:\s+no\.?)?)?\W*", re.IGNORECASE)


def _outside(text: str, found: list[tuple[int, int, int]]) -> str:
    """``text`` without the values found in it."""
    cursor, rest = 0, []
    for s, e, _ in found:
        rest.append(text[cursor:s])
        cursor = e
    return " ".join([*rest, text[cursor:]]).strip()


def split_collapsed(pieces: list[Chunk], caps: list[Caption],
                    columns: list[tuple[int, int]] | None = None,
                    ) -> list[tuple[Chunk, int | None]]:
    """1994 filings lost their column spacing: split "Georgia 0-23741 58-1592285"
    by what the values look like instead of where they stand. Text between the
    values goes to a caption none of them took, between theirs: "Nevada" before a
    file number is the state, "APPLIED FOR" after it the IRS number's.

    With ``columns`` (a row with a chunk per caption or more, in columns), only a
    chunk holding another caption's value than its column's is split ("Delaware
    1-12345" under the state); the others stay where their columns put them ("No.
    95-4545390" under the IRS number), and so does text beside the values."""
    kinds = [c.kind for c in caps]
    out: list[tuple[Chunk, int | None]] = []
    for piece in pieces:
        text, base = piece.text, piece.start
        found = _shapes(text, kinds)
        if not found:
            out.append((piece, None))
            continue
        own = best_column(piece, columns) if columns is not None else None
        if own is not None and len(found) == 1 and _LABEL.fullmatch(_outside(text, found)):
            out.append((piece, None))
            continue
        taken = {cap for _, _, cap in found}
        cursor, before = 0, -1
        for s, e, cap in [*found, (len(text), len(text), len(caps))]:
            rest = text[cursor:s].strip()
            if rest:
                off = text.index(rest, cursor)
                free = [i for i in range(len(caps)) if i not in taken]
                inside = [i for i in free if before < i < cap]
                if own is None:  # collapsed: the free caption between the values'
                    target = inside[0] if inside else free[0] if free else None
                else:  # in columns: a state written before the number is the state's
                    states = [i for i in inside if kinds[i] == "state"]
                    target = (states[0] if states and state_code(rest, exact=True)
                              else own)
                out.append((Chunk(base + off, base + off + len(rest), rest), target))
            if cap < len(caps):
                out.append((Chunk(base + s, base + e, text[s:e]), cap))
            cursor, before = e, cap
    return out


def split_state_end(text: str) -> tuple[str | None, str]:
    """"Washington Energy Company Washington" -> ("Washington", "Washington Energy
    Company"): the longest trailing run of words (up to three) naming a place,
    when words are left before it."""
    words = text.split()
    for size in (3, 2, 1):
        if len(words) > size and state_code(" ".join(words[-size:]), exact=True):
            tail = " ".join(words[-size:])
            return tail, text[: text.rindex(words[-size])].rstrip()
    return None, text


def split_state(text: str) -> tuple[str | None, str]:
    """"New York Vintners International Company, Inc." -> ("New York", "Vintners ...").

    The longest leading run of words (up to three) that names a place, or that
    is a single capitalised word followed by more text (a misspelt state)."""
    words = text.split()
    for size in (3, 2, 1):
        if len(words) > size and state_code(" ".join(words[:size]), exact=True):
            head = " ".join(words[:size])
            return head, text[len(head):].strip()
    if len(words) > 2 and words[0][:1].isupper() and words[0].isalpha():
        return words[0], text[len(words[0]):].strip()
    return None, text
