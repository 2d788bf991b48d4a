"""Everyday bad EDGAR input: each gets a clear diagnostic, no traceback, no hang."""

from __future__ import annotations

import os
import random
import signal
from contextlib import contextmanager

import pytest
from conftest import CORPUS
from eightk import parse, parse_source

SAMPLE = (CORPUS / "text-2006-sub.txt").read_bytes()
BARE = (CORPUS / "text-2003-items-9-12-8k.txt").read_bytes()


@contextmanager
def hang_guard(seconds: int = 60):
    """Fail instead of hanging (a guard against runaway regexes, not a timing assert)."""

    def stop(signum, frame):
        raise AssertionError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def names(filing) -> set[str]:
    return {d.name for d in filing.diagnostics}


def test_empty_file():
    filing = parse(b"")
    assert filing.source.shape == "empty"
    assert "empty-file" in names(filing)


def test_blank_lines_only():
    filing = parse(b"\n\n   \n")
    assert filing.source.shape == "empty"
    assert "empty-file" in names(filing)


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x00\x00", "zip"),
        (b"\x1f\x8b\x08\x00\x00\x00", "gzip"),
        (random.Random(7).randbytes(20000), "binary"),
        (bytes([0xA5]) * 20000, "binary"),
    ],
)
def test_binary_input(data, kind):
    filing = parse(data)
    assert filing.source.shape == "binary"
    diagnostic = next(d for d in filing.diagnostics if d.name == "binary-input")
    assert kind.lower() in diagnostic.message.lower()
    assert diagnostic.severity == "error"


def test_latin1_text_is_read_and_reported():
    data = BARE.replace(b"Tamarack", "Tamarack Caf\u00e9".encode("latin-1"), 1)
    parsed = parse_source(data)
    assert parsed.filing.source.encoding == "cp1252"
    diagnostic = next(d for d in parsed.filing.diagnostics if d.name == "unusual-encoding")
    assert "0xE9" in diagnostic.message
    assert parsed.source.text[diagnostic.span.start] == "\u00e9"
    assert parsed.filing.items  # the filing is still read


def test_cp1252_smart_quotes_are_kept():
    data = BARE.replace(b"press release", b"\x93press release\x94", 1)
    parsed = parse_source(data)
    assert "\u201cpress release\u201d" in parsed.source.text
    assert "unusual-encoding" in names(parsed.filing)


def test_undefined_cp1252_bytes_are_not_lost():
    parsed = parse_source(BARE + b"\n\x81\x8d\x8f\x90\x9d\n")
    assert "\x81\x8d\x8f\x90\x9d" in parsed.source.text


def test_utf16_with_bom():
    data = BARE.decode("ascii").encode("utf-16")
    filing = parse(data)
    assert filing.source.encoding == "utf-16"
    assert [i.key for i in filing.items] == [i.key for i in parse(BARE).items]


@pytest.mark.parametrize("ending", [b"\r\n", b"\r"])
def test_line_ends_give_the_same_data(ending):
    converted = SAMPLE.replace(b"\n", ending)
    plain, other = parse(SAMPLE), parse(converted)
    assert [i.key for i in other.items] == [i.key for i in plain.items]
    assert other.cover.registrants == plain.cover.registrants
    if ending == b"\r":
        assert "unusual-line-ends" in names(other)
    # line numbers are counted the way an editor counts them
    assert other.items[0].span.line == plain.items[0].span.line


def test_nul_bytes():
    data = BARE.replace(b"ITEM 9.", b"\x00\x00ITEM 9.", 1)
    assert data != BARE
    parsed = parse_source(data)
    diagnostic = next(d for d in parsed.filing.diagnostics if d.name == "nul-bytes")
    assert "2 NUL bytes" in diagnostic.message
    assert parsed.source.text[diagnostic.span.start] == "\ufffd"


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.8, 0.95])
def test_truncated_envelope(fraction):
    cut = SAMPLE[: int(len(SAMPLE) * fraction)]
    filing = parse(cut)
    found = names(filing)
    assert "truncated-envelope" in found
    # one root cause, one diagnostic: no cascade of missing closers
    assert sum(d.name == "truncated-envelope" for d in filing.diagnostics) == 1
    assert not {"missing-text-close", "missing-document-close"} & found
    assert filing.header is not None


def test_a_megabyte_line():
    line = b"Item 2.02 " + b"x" * (1 << 20) + b"\n"
    worst = [
        line,
        b"(" * (1 << 20) + b"\n",
        b"ITEM 1" + b" " * (1 << 20) + b"x\n",
        b"Date of Report " * 70000 + b"\n",
        b"By: /s/" + b" ," * (1 << 19) + b"x\n",
        b"ACCESSION NUMBER:" + b"\t" * (1 << 20) + b"x\n",
        b"<SEC-HEADER>\n" + b"A" * (1 << 20) + b":\n",
        b"Items 1 and 2 and " * 60000 + b"\n",
        b"- " * (1 << 19) + b"\n",
    ]
    with hang_guard():
        for junk in worst:
            filing = parse(BARE.replace(b"SIGNATURES", junk + b"SIGNATURES", 1))
            assert filing.cover is not None


def test_fifty_megabyte_submission(tmp_path):
    # A submission whose second document is a 50 MB uuencoded part: the envelope
    # treats it as one opaque span.
    big = b"begin 644 big.bin\n" + (b"M" + b"A" * 60 + b"\n") * (50 * (1 << 20) // 62) + b"end\n"
    text = SAMPLE.replace(
        b"</SEC-DOCUMENT>",
        b"<DOCUMENT>\n<TYPE>EX-99.9\n<SEQUENCE>9\n<TEXT>\n" + big + b"</TEXT>\n</DOCUMENT>\n"
        b"</SEC-DOCUMENT>",
    )
    assert len(text) > 50 * 10**6
    with hang_guard(120):
        filing = parse(text)
    assert filing.documents[-1].format == "uuencoded"
    assert filing.documents[-1].size > 50 * 10**6
    assert [i.key for i in filing.items] == [i.key for i in parse(SAMPLE).items]


def test_huge_text_body_stays_linear():
    # 8 MB of item text: parsed, not refused, and no hang.
    filler = b"The Company continues to evaluate the matter described above.\n" * 130000
    data = BARE.replace(b"SIGNATURES", filler + b"SIGNATURES", 1)
    with hang_guard(120):
        filing = parse(data)
    assert filing.items and filing.signatures


def test_not_an_8k_submission():
    data = SAMPLE.replace(b"CONFORMED SUBMISSION TYPE:\t8-K", b"CONFORMED SUBMISSION TYPE:\t10-K")
    filing = parse(data)
    assert "not-an-8k" in names(filing)
    assert filing.header is not None and filing.header.submission_type.value == "10-K"
    assert filing.items == []


@pytest.mark.parametrize("seed", range(20))
def test_random_damage_never_raises(seed):
    rng = random.Random(seed)
    data = bytearray(SAMPLE)
    for _ in range(rng.randrange(1, 50)):
        i = rng.randrange(len(data))
        data[i] = rng.randrange(256)
    parse(bytes(data))


def test_stdin_like_bytes_without_path():
    assert parse(BARE).source.path is None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_deep_junk_markup():
    with hang_guard():
        filing = parse(b"<DOCUMENT>\n" * 50000)
    assert "envelope-syntax" in names(filing) or "missing-document-close" in names(filing)
