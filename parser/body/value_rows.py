"""A row of values under its caption row: which value chunk belongs to which caption.

Values stand in aligned columns ("Georgia     000-23741     58-1592285" over
three captions), so a chunk goes to the caption whose columns it overlaps most;
when a 1994 repository collapsed the spacing ("Georgia 0-23741 58-1592285") the
row is cut by what its values look like instead.
"""

from __future__ import annotations

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
    return by_caption


def split_collapsed(pieces: list[Chunk], caps: list[Caption]) -> list[tuple[Chunk, int | None]]:
    """1994 filings lost their column spacing: split "Georgia 0-23741 58-1592285"
    by what the values look like instead of where they stand."""
    kinds = [c.kind for c in caps]
    out: list[tuple[Chunk, int | None]] = []
    for piece in pieces:
        text, base = piece.text, piece.start
        found: list[tuple[int, int, int]] = []  # (start, end, caption index)
        for kind, pattern in (("irs", IRS), ("file_number", FILE_NUMBER), ("zip", ZIP_AT_END)):
            if kind in kinds:
                m = pattern.search(text)
                if m and not any(s <= m.start() < e for s, e, _ in found):
                    found.append((m.start(), m.end(), kinds.index(kind)))
        if not found:
            out.append((piece, None))
            continue
        found.sort()
        matched = {cap for _, _, cap in found}
        leftover = next((i for i in range(len(caps)) if i not in matched), None)
        cursor = 0
        for s, e, cap in [*found, (len(text), len(text), -1)]:
            rest = text[cursor:s].strip()
            if rest:
                off = text.index(rest, cursor)
                out.append((Chunk(base + off, base + off + len(rest), rest), leftover))
            if cap >= 0:
                out.append((Chunk(base + s, base + e, text[s:e]), cap))
            cursor = e
    return out


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
