"""The Python API: one entry point per kind of input, and what each raises."""

from __future__ import annotations

from pathlib import Path

import eightk
import pytest
from conftest import CORPUS
from eightk import NotAPathError, parse, parse_bytes, parse_path, parse_source, parse_text

SAMPLE = CORPUS / "text-2003-items-9-12-8k.txt"
HTML = CORPUS / "ixbrl-2023-8k.htm"


def _keys(filing) -> list[str]:
    return [item.key for item in filing.items]


def test_every_entry_point_reads_the_same_filing():
    data = SAMPLE.read_bytes()
    expected = ["7", "9"]
    assert _keys(parse_path(SAMPLE)) == expected
    assert _keys(parse_path(str(SAMPLE))) == expected
    assert _keys(parse_bytes(data)) == expected
    assert _keys(parse_bytes(bytearray(data))) == expected
    assert _keys(parse_bytes(memoryview(data))) == expected
    assert _keys(parse_text(data.decode("ascii"))) == expected
    assert _keys(parse(SAMPLE)) == _keys(parse(str(SAMPLE))) == _keys(parse(data)) == expected


def test_path_names_the_source_and_bytes_take_a_name():
    assert parse_path(SAMPLE).source.path == str(SAMPLE)
    assert parse(Path(SAMPLE)).source.path == str(SAMPLE)
    assert parse_bytes(SAMPLE.read_bytes()).source.path is None
    assert parse_bytes(SAMPLE.read_bytes(), "a.txt").source.path == "a.txt"
    assert parse_text(SAMPLE.read_text(), "b.txt").source.path == "b.txt"
    assert parse_source(SAMPLE.read_bytes(), "c.txt").filing.source.path == "c.txt"


def test_the_text_of_a_filing_given_as_a_path_says_to_use_parse_text():
    text = SAMPLE.read_text()
    one_line_html = " ".join(HTML.read_text().split())
    assert "\n" not in one_line_html
    for wrong in (text, one_line_html, "<html><body>Item 8.01</body></html>"):
        with pytest.raises(NotAPathError, match="parse_text"):
            parse(wrong)
        with pytest.raises(NotAPathError):
            parse_path(wrong)
        with pytest.raises(NotAPathError):
            parse_source(wrong)
    assert issubclass(NotAPathError, ValueError)
    # parse_text reads the one-line HTML document
    assert _keys(parse_text(one_line_html)) == ["2.02", "7.01", "9.01"]


def test_a_missing_path_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        parse(tmp_path / "missing.txt")
    with pytest.raises(FileNotFoundError):
        parse_path(str(tmp_path / "missing.txt"))
    with pytest.raises(IsADirectoryError):
        parse_path(tmp_path)


def test_wrong_types_raise_type_error():
    for call in (parse, parse_path, parse_source):
        with pytest.raises(TypeError):
            call(42)
    with pytest.raises(TypeError):
        parse_bytes("text")
    with pytest.raises(TypeError):
        parse_text(b"bytes")
    with pytest.raises(TypeError):
        parse_path(b"bytes")


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02" * 100, b"%PDF-1.4\n" + bytes(range(256)),
                                  b"<SEC-DOCUMENT>\n<SEC-HEADER>\nACCESSION NUMBER: 1"])
def test_bad_content_never_raises(data):
    filing = parse_bytes(data)
    assert filing.diagnostics
    assert parse_text(data.decode("latin-1")).diagnostics


def test_text_keeps_offsets_into_the_given_text():
    text = HTML.read_text()
    filing = parse_text(text)
    name = filing.cover.registrants[0].name
    assert text[name.span.start : name.span.end] == name.value
    # a byte-order mark kept at the start of a str is left out, as from bytes
    plain = SAMPLE.read_text()
    marked = parse_text("\ufeff" + plain).cover.registrants[0].name
    assert plain[marked.span.start : marked.span.end] == marked.value
    assert marked == parse_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes()).cover.registrants[0].name


def test_public_names_are_documented():
    doc = eightk.__doc__ or ""
    for name in ("parse_path", "parse_bytes", "parse_text", "NotAPathError",
                 "FileNotFoundError", "parse_source"):
        assert name in doc, name
    assert set(eightk.__all__) >= {"parse", "parse_path", "parse_bytes", "parse_text",
                                   "parse_source", "validate", "to_json", "json_schema",
                                   "NotAPathError"}


def test_the_version_is_looked_up_when_first_asked_for():
    """``import eightk`` leaves ``importlib.metadata`` (about 20 ms of CPU) to the
    outputs that name the version; ``eightk.__version__`` still gives it."""
    import subprocess
    import sys
    from importlib.metadata import version

    script = ("import sys, eightk; loaded = 'importlib.metadata' in sys.modules; "
              "from eightk import __version__; print(loaded, __version__, eightk.__version__)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, timeout=120).stdout.split()
    assert out == ["False", version("eightk"), version("eightk")]
    with pytest.raises(AttributeError):
        eightk.no_such_name  # noqa: B018 - the module's __getattr__ still says no
