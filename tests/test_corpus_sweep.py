"""Every filing of both corpora parses without an internal error, and its JSON holds.

The shared corpus (about 500 real filings) is read when present; the project's
own samples always are.
"""

from __future__ import annotations

import re

import msgspec
import pytest
from conftest import project_files, shared_files
from eightk import parse_source, to_json
from eightk.model import Filing, Span, Text
from walk import every

FILES = project_files() + shared_files()


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_parses_without_internal_error(path):
    parsed = parse_source(path)
    filing = parsed.filing
    text = parsed.source.text
    # the JSON round-trips to an equal object
    again = msgspec.json.decode(to_json(filing, indent=None), type=Filing)
    assert again == filing
    # every span lies inside the text, with consistent line/column
    for span in every(filing, Span):
        assert 0 <= span.start <= span.end <= len(text)
        assert (span.line, span.column) == parsed.source.index.line_col(span.start)
    # in text documents a value's words are found where its span points
    body = filing.documents[filing.body_document] if filing.body_document is not None else None
    if body is not None and body.format == "text":
        for value in every(filing, Text):
            if value.span is None or len(value.value) > 2000:
                continue
            window = re.sub(r"\s+", " ", text[value.span.start : value.span.end])
            # a letter-spaced value ("D E E R E") is read without its spacing
            closed = window.replace(" ", "")
            for word in re.findall(r"[A-Za-z0-9]{2,}", value.value)[:20]:
                assert word in window or word in closed, (value.value, window)


def test_the_sweep_covers_the_shared_corpus():
    shared = shared_files()
    if not shared:
        pytest.skip("../shared/corpus is not here")
    assert len(shared) > 400
