"""One meaning of "line": an HTML document's places carry both the source line:column
and the rendered line (the line of the text layout `show --source` prints), and
every view gives the same pair."""

from __future__ import annotations

import json
import re

import msgspec
import pytest
from conftest import CORPUS, ROOT, shared_files
from eightk import parse_bytes, parse_source, parse_text
from eightk.checks.validate import validate
from eightk.commands import app
from eightk.model import DateValue, Span, Text
from typer.testing import CliRunner
from walk import every

HTML_SAMPLES = sorted(
    [p for p in CORPUS.rglob("*") if p.suffix == ".htm"]
    + [CORPUS / "html-2021-8ka-sub.txt", CORPUS / "ixbrl-2019-8k12b-sub.txt",
       CORPUS / "tagged-2024-sub.nc", CORPUS / "documents-2016-8k.txt"])
TEXT_SAMPLES = [CORPUS / "text-2006-sub.txt", CORPUS / "text-2003-items-9-12-8k.txt",
                CORPUS / "malformed" / "unknown-item.txt"]


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text)


def _check_values_on_their_rendered_line(parsed) -> int:
    """Each value read from the layout starts on the rendered line its span names."""
    filing, layout = parsed.filing, parsed.layout
    parts = [filing.cover, filing.items, filing.exhibits, filing.signatures]
    checked = 0
    for value in every(parts, (Text, DateValue)):
        span = value.span
        if span is None or not layout.covers(span.start):
            continue
        assert span.rendered_line is not None, value
        line = layout.line_text(span.rendered_line)
        text = value.value if isinstance(value, Text) else value.text
        words = text.split()
        if not words:
            continue
        # the value's first word is on that line (punctuation and padding aside)
        assert _squash(words[0])[:12] in _squash(line), (value, span.rendered_line, line)
        checked += 1
    return checked


@pytest.mark.parametrize("path", HTML_SAMPLES, ids=lambda p: p.name)
def test_html_values_name_the_rendered_line_they_are_on(path):
    parsed = parse_source(path)
    assert parsed.layout is not None and parsed.layout.kind == "html"
    assert _check_values_on_their_rendered_line(parsed) >= 5


def test_real_html_filings_agree_too():
    files = [p for p in shared_files() if p.suffix in (".htm", ".html")][:40]
    if not files:
        pytest.skip("../shared/corpus is not here")
    checked = 0
    for path in files:
        parsed = parse_source(path)
        if parsed.layout is not None and parsed.layout.kind == "html":
            checked += _check_values_on_their_rendered_line(parsed)
    assert checked > 200


@pytest.mark.parametrize("path", TEXT_SAMPLES, ids=lambda p: p.name)
def test_text_filings_have_no_rendered_line_and_unchanged_json(path):
    parsed = parse_source(path)
    assert all(span.rendered_line is None for span in every(parsed.filing, Span))
    out = CliRunner().invoke(app, ["parse", str(path)]).stdout
    assert "rendered_line" not in out
    spans = re.findall(r'"span": (\{[^{}]*\})', out)
    assert spans and all(set(json.loads(s)) == {"start", "end", "line", "column", "end_line",
                                                 "end_column"} for s in spans)


def test_envelope_places_of_an_html_submission_have_no_rendered_line():
    parsed = parse_source(CORPUS / "html-2021-8ka-sub.txt")
    header = parsed.filing.header
    assert header is not None and header.accession_number.span.rendered_line is None
    assert parsed.filing.cover.form_type.span.rendered_line is not None


def test_schema_describes_the_rendered_line():
    import jsonschema
    from eightk import json_schema

    schema = json_schema()
    span = schema["$defs"]["Span"]
    assert "rendered_line" in span["properties"] and "rendered_line" not in span["required"]
    out = CliRunner().invoke(app, ["parse", str(CORPUS / "ixbrl-2023-8k.htm")]).stdout
    assert '"rendered_line"' in out
    jsonschema.validate(json.loads(out), schema)


def test_hidden_inline_xbrl_facts_have_no_rendered_line():
    filing = parse_source(CORPUS / "ixbrl-2019-8k12b-sub.txt").filing
    cik = filing.xbrl_cover.cik
    # the CIK fact sits in the hidden ix:header: not on any rendered line
    assert cik is not None and cik.span.rendered_line is None
    # a fact shown on the cover page is
    shown = filing.xbrl_cover.registrant_name
    assert shown.span.rendered_line is not None


# ---------------------------------------------------------------- one line of HTML


def _one_line_html() -> bytes:
    """The 2023 inline XBRL sample with every line break removed: a one-line HTML
    document, as many EDGAR filings are."""
    text = (CORPUS / "ixbrl-2023-8k.htm").read_text()
    return re.sub(r"\s*\n\s*", " ", text).encode()


def test_one_line_html_document_every_view_gives_the_same_pair(tmp_path):
    data = _one_line_html()
    assert data.count(b"\n") == 0
    path = tmp_path / "one-line.htm"
    # an item number that does not exist, so there is a diagnostic in the body
    assert data.count(b"Item 7.01") == 1
    data = data.replace(b"Item 7.01", b"Item 7.1")
    path.write_bytes(data)
    parsed = parse_source(path)
    found = [d for d in validate(parsed) if d.span is not None]
    assert found, "expected a diagnostic with a place"
    d = found[0]
    line, column, rendered = d.span.line, d.span.column, d.span.rendered_line
    assert line == 1 and column > 1000 and rendered is not None and rendered > 5
    runner = CliRunner()
    shown = str(path)
    short = runner.invoke(app, ["check", "-f", "short", shown]).stdout
    assert f"{shown}:{line}:{column}: " in short and f"(rendered line {rendered})" in short
    full = runner.invoke(app, ["check", shown]).stdout
    assert f"--> {shown}:{line}:{column} (rendered line {rendered})" in full
    assert f"= rendered line {rendered}: " in full
    objects = json.loads(runner.invoke(app, ["check", "-f", "json", shown]).stdout)
    first = next(o for o in objects if o["code"] == d.code)
    assert (first["location"]["row"], first["location"]["column"], first["rendered_line"]) == (
        line, column, rendered)
    sarif = json.loads(runner.invoke(app, ["check", "-f", "sarif", shown]).stdout)
    region = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == d.code)[
        "locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["properties"]["renderedLine"]
            ) == (line, column, rendered)
    github = runner.invoke(app, ["check", "-f", "github", shown]).stdout
    assert f"line={line},col={column}," in github and f"(rendered line {rendered})" in github
    # show: the Problems table gives the pair, --source marks the rendered line
    tables = runner.invoke(app, ["show", shown], terminal_width=200).stdout
    assert f"{line}:{column} / {rendered}" in tables
    source = runner.invoke(app, ["show", "--source", shown]).stdout
    marked = [row for row in source.splitlines() if f"{d.code} {d.name} ({line}:{column})" in row]
    assert len(marked) == 1 and marked[0].lstrip().startswith(f"{rendered} │")


def test_show_source_marks_values_on_their_rendered_lines():
    path = CORPUS / "ixbrl-2023-8k.htm"
    parsed = parse_source(path)
    out = CliRunner().invoke(app, ["show", "--source", str(path)]).stdout
    rows = {int(m.group(1)): m.group(2) for m in
            re.finditer(r"^\s*(\d+) │ (.*)$", out, re.M)}
    registrant = parsed.filing.cover.registrants[0]
    for field in ("name", "irs_number", "phone"):
        span = getattr(registrant, field).span
        label = f"{field.replace('_', ' ')} ({span.line}:{span.column})"
        assert label in rows[span.rendered_line], (field, rows[span.rendered_line])
    heading = parsed.filing.items[0].heading.span
    assert f"Item 2.02 heading ({heading.line}:{heading.column})" in rows[heading.rendered_line]


def test_show_tables_give_line_and_rendered_line_for_html_only():
    runner = CliRunner()
    html = runner.invoke(app, ["show", str(CORPUS / "ixbrl-2023-8k.htm")],
                         terminal_width=200).stdout
    item = parse_source(CORPUS / "ixbrl-2023-8k.htm").filing.items[0].heading.span
    assert f"{item.line}:{item.column} / {item.rendered_line}" in html
    text = runner.invoke(app, ["show", str(CORPUS / "text-2006-sub.txt")],
                         terminal_width=200).stdout
    assert " / " not in text.split("Items")[1].split("\n")[1]  # header row: plain "line"


def test_bytes_text_and_path_give_the_same_positions():
    data = (CORPUS / "ixbrl-2023-8k.htm").read_bytes()
    a = parse_bytes(data, "x.htm")
    b = parse_text(data.decode(), "x.htm")
    assert msgspec.json.encode(a.items) == msgspec.json.encode(b.items)
    c = parse_source(CORPUS / "ixbrl-2023-8k.htm").filing
    assert msgspec.json.encode(a.cover) == msgspec.json.encode(c.cover)


def test_diagnostics_found_before_the_layout_get_the_rendered_line_too():
    # a NUL in the body of an HTML document is reported while decoding, before the
    # layout exists; it still gets its rendered line
    data = (CORPUS / "ixbrl-2023-8k.htm").read_bytes().replace(
        b"Meridian Ridge Bancorp, Inc.", b"Meridian Ridge\x00Bancorp, Inc.", 1)
    parsed = parse_source(data, "x.htm")
    (nul,) = [d for d in parsed.filing.diagnostics if d.name == "nul-bytes"]
    assert nul.span.rendered_line is not None
    assert "Meridian Ridge" in parsed.layout.line_text(nul.span.rendered_line)


# ---------------------------------------------------------------- the mapping itself

_SMALL = ('<html><head><style>p {color: red}</style></head><body>'
          '<div style="display:none"><ix:header><ix:hidden>'
          '<ix:nonNumeric name="dei:EntityCentralIndexKey">0001234567</ix:nonNumeric>'
          '</ix:hidden></ix:header></div>\n'
          '<p>First paragraph</p>\n<p class="x"><b>Second</b> one &#9744; box</p>\n'
          '</body></html>\n')


def _small_layout():
    from eightk.layout.html import render_html
    from eightk.layout.text import Layout
    from eightk.source.text import SourceText

    rendered = render_html(_SMALL, 0, len(_SMALL))
    layout = Layout(rendered.text, rendered.offsets, "html", SourceText(_SMALL),
                    (0, len(_SMALL)))
    assert layout.text == "First paragraph\n\nSecond one \u2610 box\n"
    return layout


def test_markup_is_on_the_line_of_the_text_before_it():
    layout = _small_layout()
    # the tag that opens the second paragraph, inside it, and the tags after it: all
    # right after "First paragraph" (the newline the first paragraph's end made)
    for probe in ('<p class="x">', 'class="x"', "<b>Second"):
        assert layout.rendered_line(_SMALL.index(probe)) == 1, probe
    assert layout.rendered_line(_SMALL.index("Second")) == 3
    # inside the entity that shows the box: the box's line
    assert layout.rendered_line(_SMALL.index("#9744;")) == 3


def test_a_range_opening_with_tags_is_on_the_line_of_its_first_text():
    layout = _small_layout()
    start, end = _SMALL.index('<p class="x">'), _SMALL.index("</p>\n</body>")
    assert layout.rendered_line(start) == 1  # the place alone
    assert layout.rendered_line(start, end) == 3  # the range: where its text is
    assert layout.line_text(layout.rendered_line(start, end)).startswith("Second")


def test_hidden_text_and_style_sheets_are_on_no_line():
    layout = _small_layout()
    for probe in ("0001234567", "p {color", "</ix:nonNumeric></ix:hidden>"):
        at = _SMALL.index(probe)
        assert layout.to_layout(at) is None and layout.rendered_line(at, at + 3) is None, probe


def test_each_line_names_a_place_on_it():
    """``line_sources`` (what the report's hover shows): for every line with text
    from the file, a place that ``rendered_line`` puts back on that line."""
    for path in HTML_SAMPLES:
        layout = parse_source(path).layout
        places = layout.line_sources()
        assert len(places) == layout.text.count("\n")
        checked = 0
        for line, place in enumerate(places, 1):
            if layout.offsets.to_source(0) <= place and layout.source.text[place].strip() \
                    and layout.line_text(line).strip() not in ("", "<PAGE>"):
                assert layout.rendered_line(place) == line, (path.name, line)
                checked += 1
        assert checked > 20, path.name


def test_readme_documents_the_rendered_line():
    readme = (ROOT / "README.md").read_text()
    assert "rendered_line" in readme and "rendered line" in readme
