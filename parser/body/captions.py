"""The captions of a cover page's caption row, and which field each one names.

A caption row ("(State or other jurisdiction  (Commission File Number)  (IRS
Employer" / "of incorporation)              Identification No.)") is one token of
``grammar/cover.lark``; here it is cut into its captions, each with the columns
it spans, so the values above (or below) it can be given to the right one.
Spacing collapsed by a 1994 repository ("(State or other (Commission File No.)
(IRS Employer") is cut where a caption's first word begins.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from .columns import Chunk, best_column, chunks, overlap, split_chunk


class Caption(NamedTuple):
    kind: str  # name, state, file_number, irs, address, zip, phone, former_name, combined
    start: int  # column of the first character, on the row's first line
    end: int
    text: str
    under: bool = False  # it starts on a line below the row's first, under its value


@functools.cache
def _word(word: str) -> re.Pattern[str]:
    return re.compile(rf"\b{word}\b")


def _has(low: str, *words: str) -> bool:
    return any(_word(word).search(low) for word in words)


@functools.lru_cache(maxsize=4096)
def caption_kind(text: str) -> str | None:
    """Which cover field a caption names, from its words (asked of the same text
    several times per cover page: kept)."""
    low = text.lower()
    if _has(low, "exact name", "name of registrant", "as specified in"):
        return "name"
    if "registrant" in low and _has(low, "state of", "state") and "former" not in low:
        return "combined"  # "Registrant, State of Incorporation, Address and Telephone"
    if _has(low, "former name", "former address"):
        return "former_name"
    if _has(low, "address"):
        return "address"  # may also name the zip code and telephone: split by shape
    if _has(low, "telephone"):
        return "phone"
    if _has(low, "employer", "identification") or re.search(r"\bi\.?\s?r\.?\s?s\b", low):
        return "irs"
    if _has(low, "commission", r"file\s+n\w*"):
        return "file_number"
    if _has(low, "zip", "postal code"):
        return "zip"
    if _has(low, "executive offices?"):
        return "address"
    if _has(low, "state", "jurisdiction", "incorporation", "organization"):
        return "state"
    return None


# Where a caption begins inside a run of text whose column gaps were lost.
_CAPTION_KEYWORD = re.compile(
    r"(?<!including )(?<!and )(?<=\s)"  # "(Address, including Zip Code ...)" is one caption
    r"(?=\(?\s?(?:commission\b|i\.\s?r\.\s?s\.|irs\b|zip\b|address\s+of|exact\s+name|"
    r"state\s+or|state\s+of|former\s+name))",
    re.IGNORECASE,
)
_OPENING = re.compile(r"\(")
_CLOSING = re.compile(r"\)\s")


def _split_keywords(pieces: list[Chunk]) -> list[Chunk]:
    out: list[Chunk] = []
    for piece in pieces:
        cuts = [0, *(m.start() for m in _CAPTION_KEYWORD.finditer(piece.text))]
        kinds = {
            caption_kind(piece.text[a:b]) for a, b in zip(cuts, [*cuts[1:], None], strict=True)
        }
        if len(cuts) == 1 or len(kinds - {None}) < 2:
            out.append(piece)
        else:
            out += split_chunk(piece, cuts)
    return out


@functools.lru_cache(maxsize=1024)
def _segments(first: str) -> tuple[Chunk, ...]:
    """The captions of a caption row's first line, one chunk each.

    Collapsed spacing puts several captions in one chunk; they are split where a
    "(" or a caption's first word begins (not at "(s)" inside one). Asked twice of
    each row (its captions, then the values beside them): kept."""
    out: list[Chunk] = []
    for chunk in _split_keywords(chunks(first)):
        starts = [m.start() for m in _OPENING.finditer(chunk.text)]
        if len(starts) <= 1:
            out.append(chunk)
            continue
        out += split_chunk(chunk, [s for s in starts if s == 0 or chunk.text[s - 1] == " "])
    return tuple(out)


def _split_closing(pieces: list[Chunk]) -> list[Chunk]:
    """Collapsed continuation rows: "organization) Identification No.)" is two captions."""
    out: list[Chunk] = []
    for piece in pieces:
        out += split_chunk(piece, [m.end() for m in _CLOSING.finditer(piece.text)])
    return out


def captions(row: str) -> list[Caption]:
    """The captions of a caption row (one or more physical lines), left to right.

    Continuation lines complete the caption they stand under; in a header row
    without parentheses a chunk under no caption starts a new one (the first
    line of such a row need not have every column).
    """
    # the lexer's passes and the reader both ask for a row's captions: worked out once
    return list(_captions(row))


@functools.lru_cache(maxsize=1024)
def _captions(row: str) -> tuple[Caption, ...]:
    physical = row.split("\n")
    open_style = "(" not in row
    # [start, end, first text, all texts, under]
    segments = [[seg.start, seg.end, seg.text, [seg.text], False]
                for seg in _segments(physical[0])]
    for more in physical[1:]:
        for chunk in _split_closing(_split_keywords(chunks(more))):
            spans = [(seg[0], seg[1]) for seg in segments]
            hits = [
                i for i, (a, b) in enumerate(spans) if overlap(chunk.start, chunk.end, a, b) > 0
            ]
            if not hits and (open_style or not segments):
                segments.append([chunk.start, chunk.end, chunk.text, [chunk.text], False])
                continue
            at = [i for i in hits if segments[i][0] <= chunk.start < segments[i][1]]
            if (at and not open_style and chunk.text.startswith("(")
                    and chunk.text.endswith(")") and caption_kind(chunk.text) is not None
                    and not segments[at[0]][2].startswith("(")
                    and caption_kind(segments[at[0]][2]) is None):
                # "DELAWARE  (Commission file number)" over "(State of incorporation)":
                # a caption of its own under the value written on the row
                segments.append([chunk.start, chunk.end, chunk.text, [chunk.text], True])
                continue
            i = hits[0] if hits else best_column(chunk, spans)
            seg = segments[i]
            seg[3].append(chunk.text)
            if open_style:
                seg[0], seg[1] = min(seg[0], chunk.start), max(seg[1], chunk.end)
    out = []
    for start, end, first, texts, under in sorted(segments, key=lambda seg: seg[0]):
        if not open_style and not first.startswith("(") and caption_kind(first) is None:
            continue  # a value standing on a row of parenthesised captions
        # The first line says what a caption is; its continuation only completes it.
        text = " ".join(texts)
        kind = caption_kind(first) or caption_kind(text)
        if kind is not None:
            out.append(Caption(kind, start, end, text, under))
    return tuple(out)


def values_beside(first: str) -> list[Chunk]:
    """Chunks of a caption row's first line that are not captions: values written
    on the caption row itself ("Delaware   (Commission File Number)", or with the
    spacing collapsed, "DELAWARE (Commission file number)")."""
    return [c for c in _segments(first)
            if not c.text.startswith("(") and caption_kind(c.text) is None]
