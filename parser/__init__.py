"""eightk: a grammar-based parser, validator and field extractor for SEC Form 8-K filings.

    >>> from eightk import parse_path, parse_text
    >>> filing = parse_path("corpus/text-2003-items-9-12-8k.txt")
    >>> [item.key for item in filing.items]
    ['7', '9']

Entry points, each returning a ``Filing``:

- ``parse_path(path)``: a file, by path (``str`` or ``os.PathLike``);
- ``parse_bytes(data, path=None)``: a file's bytes (the encoding is detected);
- ``parse_text(text, path=None)``: a filing already decoded to ``str``;
- ``parse(source)``: a ``str`` or ``os.PathLike`` is a *path*, ``bytes`` (or
  ``bytearray``, ``memoryview``) are the file's contents. A ``str`` is never read
  as the text of a filing: use ``parse_text`` for that.

``parse_source`` takes the same arguments as ``parse`` and returns a ``Parsed``
(the filing with its decoded text and layout), which ``validate`` checks and the
renderers need.

What raises: the content of a file never makes these functions raise (an empty
file, binary data, a truncated envelope or a malformed heading gives a
``Filing`` with whatever could be read and a diagnostic for each problem).
Reading a path can: a missing file raises ``FileNotFoundError``, a folder
``IsADirectoryError``, an unreadable one ``PermissionError`` (all ``OSError``).
``parse``/``parse_path``/``parse_source`` given a ``str`` that cannot be a path
because it holds the text of a filing (a line break, a NUL, or markup at its
start) raise ``NotAPathError`` (a ``ValueError``) naming ``parse_text``; any other
type raises ``TypeError``.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import pipeline
from .checks.validate import validate
from .model import Filing
from .pipeline import Parsed

__all__ = [
    "Filing", "NotAPathError", "Parsed", "json_schema", "parse", "parse_bytes", "parse_path",
    "parse_source", "parse_text", "to_json", "validate",
]


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed package's metadata when first asked
    for: importing ``importlib.metadata`` and looking the package up cost about
    20 ms of CPU, which every ``import eightk`` paid (in ``eightk extract``, serial
    before the workers start) though only a few outputs name the version."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("eightk")
    except PackageNotFoundError:  # running from a checkout that was never installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found


class NotAPathError(ValueError):
    """A ``str`` given as a path holds the text of a filing (use ``parse_text``)."""


Source = str | os.PathLike | bytes | bytearray | memoryview


def _looks_like_text(value: str) -> bool:
    head = value.lstrip()[:1]
    return "\n" in value or "\r" in value or "\0" in value or head == "<"


def _as_path(source: str | os.PathLike) -> Path:
    if isinstance(source, str) and _looks_like_text(source):
        preview = " ".join(source.split())[:40]
        raise NotAPathError(
            f"parse() reads a str as a path, and {preview!r}... is the text of a filing; "
            "use eightk.parse_text(text) (or parse_bytes for bytes)")
    return Path(source)


def _parsed_text(text: str, path: str | None) -> Parsed:
    # The pipeline decodes bytes itself (encoding, line ends); UTF-8 carries any str,
    # and surrogateescape gives back the bytes a str decoded that way came from.
    # the decoder drops a UTF-8 byte-order mark; so does this, before encoding, so
    # that a BOM kept in a str does not come back as a character
    text = text.removeprefix("\ufeff")

    def encoded() -> bytes:  # (made in the pipeline, which lets it go once decoded)
        try:
            return text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            return text.encode("utf-8", "replace")

    return pipeline.parse_read(encoded, path)


def parse_source(source: Source, path: str | None = None) -> Parsed:
    """Parse a file given by path (``str`` or ``os.PathLike``) or its bytes; return
    the filing with its decoded text and layout. ``path`` names bytes in the
    output (``source.path``); a path names itself. Raises as ``parse`` does."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return pipeline.parse_bytes(bytes(source), path)
    if isinstance(source, (str, os.PathLike)):
        file = _as_path(source)
        return pipeline.parse_path(file, path or str(source))  # the bytes go once decoded
    raise TypeError(f"parse() takes a path (str or os.PathLike) or bytes, not "
                    f"{type(source).__name__}; for the text of a filing use parse_text()")


def parse(source: Source) -> Filing:
    """Parse a Form 8-K into a ``Filing``: a ``str`` or ``os.PathLike`` is read as a
    path, ``bytes`` as the file's contents. Never raises on what the file holds;
    raises ``OSError`` when a path cannot be read and ``NotAPathError`` when a
    ``str`` is the text of a filing rather than a path (see the module docstring)."""
    return parse_source(source).filing


def parse_path(path: str | os.PathLike) -> Filing:
    """Parse the file at ``path``. Raises ``OSError`` (``FileNotFoundError``,
    ``IsADirectoryError``, ``PermissionError``) when it cannot be read."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"parse_path() takes a str or os.PathLike, not {type(path).__name__}")
    return parse_source(path).filing


def parse_bytes(data: bytes | bytearray | memoryview, path: str | None = None) -> Filing:
    """Parse a file's bytes (encoding and line ends detected); ``path`` only names
    the file in the output. Never raises on what the bytes hold."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"parse_bytes() takes bytes, not {type(data).__name__}")
    return pipeline.parse_bytes(bytes(data), path).filing


def parse_text(text: str, path: str | None = None) -> Filing:
    """Parse a filing already decoded to ``str`` (an HTML document on one line as
    well as a submission); ``path`` only names it in the output. Spans are offsets
    into ``text`` with its line ends normalised to ``\\n`` and a leading byte-order
    mark left out. Never raises on what the text holds."""
    if not isinstance(text, str):
        raise TypeError(f"parse_text() takes a str, not {type(text).__name__}")
    return _parsed_text(text, path).filing


def to_json(filing: Filing, *, spans: bool = True, indent: int | None = 2) -> str:
    """The JSON that `eightk parse` prints for ``filing``."""
    from .render.as_json import filing_json

    return filing_json(filing, spans=spans, indent=indent)


def json_schema() -> dict:
    """The JSON Schema of ``to_json``'s output."""
    from .render.as_json import schema

    return schema()
