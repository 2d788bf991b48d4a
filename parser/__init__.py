"""eightk: a grammar-based parser, validator and field extractor for SEC Form 8-K filings.

    >>> from eightk import parse
    >>> filing = parse("corpus/text-2003-items-9-12-8k.txt")
    >>> [item.key for item in filing.items]

``parse`` accepts a path or the bytes of a file and returns a ``Filing``;
``parse_source`` also returns the decoded text, for rendering diagnostics.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .checks.validate import validate
from .model import Filing
from .pipeline import Parsed, parse_bytes, parse_file

__all__ = ["Filing", "Parsed", "parse", "parse_source", "to_json", "json_schema", "validate"]
try:
    __version__ = version("eightk")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"


def parse_source(source: str | Path | bytes, path: str | None = None) -> Parsed:
    """Parse a file (path) or its bytes; return the filing with its source text."""
    if isinstance(source, bytes):
        return parse_bytes(source, path)
    return parse_file(source)


def parse(source: str | Path | bytes) -> Filing:
    """Parse a Form 8-K (path or bytes) into a ``Filing``. Never raises on bad input."""
    return parse_source(source).filing


def to_json(filing: Filing, *, spans: bool = True, indent: int | None = 2) -> str:
    from .render.as_json import filing_json

    return filing_json(filing, spans=spans, indent=indent)


def json_schema() -> dict:
    from .render.as_json import schema

    return schema()

