"""Bytes to source text: encoding, line ends, NULs, binary detection.

The source text every span points into is the file decoded to ``str`` with CRLF
and lone CR turned into LF. Lines and columns are therefore the ones an editor
shows; character offsets differ from byte offsets only by the removed CRs and
multi-byte characters, which is why spans are documented as character offsets.

Decoding never fails: UTF-8 (with or without BOM) and UTF-16 with a BOM are
read as such; anything else is read as Windows-1252, the encoding of the old
filings that are not ASCII, with the five bytes cp1252 leaves undefined mapped
as Latin-1 so that no byte is lost.
"""

from __future__ import annotations

import codecs
from typing import Literal, NamedTuple

LineEnds = Literal["lf", "crlf", "cr", "mixed", "none"]

# Magic numbers of files that are certainly not text filings.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive"),
    (b"\x1f\x8b", "a gzip stream"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an OLE (old Microsoft Office) file"),
)


_CONTROLS = bytes(b for b in range(32) if b not in (0, 9, 10, 12, 13))
_HIGH = bytes(range(0x80, 0x100))


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("latin-1"), error.end


codecs.register_error("eightk-latin1", _latin1_fallback)


class Note(NamedTuple):
    """Something decoding noticed, reported later as a diagnostic."""

    code: str  # rule name, resolved by diagnostics.py
    message: str
    offset: int | None  # in the normalised text


class Decoded(NamedTuple):
    text: str
    encoding: str
    line_ends: LineEnds
    binary: str | None  # what the bytes look like, when they are not text
    notes: list[Note]


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    sample = data[:8192]
    if not sample:
        return None
    # (a search for a NUL and an ASCII test are a tenth of counting what they rule out)
    nuls = sample.count(0) if sample.find(0) != -1 else 0
    # Text filings have at most a stray NUL; binary data has them everywhere.
    if nuls > 16 and nuls * 20 > len(sample):
        return "binary data"
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    if controls * 10 > len(sample):
        return "binary data"
    high = 0 if sample.isascii() else len(sample) - len(sample.translate(None, _HIGH))
    if high * 10 > len(sample) * 3:
        # Text in a legacy 8-bit encoding has a few accented letters; a third of
        # the bytes above 0x7F is binary, unless it is valid UTF-8 (non-Latin text).
        try:
            sample.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(sample) - 4:
                return "binary data"
    return None


def _line_ends(text: str) -> tuple[LineEnds, int, int]:
    if "\r" not in text:  # the common case: one scan, not three
        return ("lf" if "\n" in text else "none"), 0, 0
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, n in (("crlf", crlf), ("cr", cr), ("lf", lf)) if n]
    if not kinds:
        return "none", 0, 0
    if len(kinds) > 1:
        return "mixed", crlf, cr
    return kinds[0], crlf, cr  # type: ignore[return-value]


def _normalised_offset(raw: str, index: int) -> int:
    """Offset in the normalised text of ``raw[index]`` (CRLF counts as one char)."""
    return index - raw.count("\r\n", 0, index)


def decode(data: bytes) -> Decoded:
    notes: list[Note] = []
    if not data:
        return Decoded("", "ascii", "none", None, [Note("empty-file", "the file is empty", None)])

    encoding = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        raw = data[3:].decode("utf-8", errors="eightk-latin1")
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raw = data.decode("utf-16", errors="replace")
        encoding = "utf-16"
        notes.append(Note("unusual-encoding", "the file is UTF-16; EDGAR filings are ASCII", 0))
    else:
        binary = _binary_kind(data)
        if binary is not None:
            return Decoded("", "binary", "none", binary, [])
        try:
            raw = data.decode("utf-8")
            if raw.isascii():
                encoding = "ascii"
        except UnicodeDecodeError as error:
            raw = data.decode("cp1252", errors="eightk-latin1")
            encoding = "cp1252"
            # cp1252 is one byte per character, so the byte offset is the index.
            at = _normalised_offset(raw, error.start)
            byte = data[error.start]
            notes.append(
                Note(
                    "unusual-encoding",
                    f"the file is not UTF-8 (byte 0x{byte:02X}); read as Windows-1252",
                    at,
                )
            )

    line_ends, _, _ = _line_ends(raw)
    text = raw.replace("\r\n", "\n").replace("\r", "\n") if "\r" in raw else raw

    nul = text.find("\x00")
    if nul != -1:
        count = text.count("\x00")
        text = text.replace("\x00", "\ufffd")  # same length: offsets stay put
        notes.append(
            Note("nul-bytes", f"the file contains {count} NUL byte{'s' if count > 1 else ''}", nul)
        )
    if line_ends == "cr":
        # Mixed ends are everyday EDGAR (CRLF documents in an LF envelope); CR only is not.
        notes.append(Note("unusual-line-ends", "line ends are CR only (old Mac style)", None))
    return Decoded(text, encoding, line_ends, None, notes)
