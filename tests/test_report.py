"""`eightk report`: the page's content, safety and size, without a browser.

tests/test_report_browser.py opens the pages in headless Chromium.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, project_files, require_shared, shared_files
from eightk import parse_source, validate
from eightk.commands import app
from eightk.model import DateValue, Text, XbrlFact
from eightk.render.diagnostics import format_full
from eightk.render.report import (
    _json,
    build_report,
    build_views,
    content_security_policy,
    plan,
)
from eightk.render.sanitize import _ATTRIBUTES, _KEEP, clean_css, sanitize_html
from hostile import hostile_html, hostile_text
from selectolax.lexbor import LexborHTMLParser
from typer.testing import CliRunner
from walk import every

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
SHAPES = {  # one sample of every shape eightk reads
    "text": "corpus/text-2003-items-9-12-8k.txt",
    "submission": "corpus/tagged-2024-sub.nc",
    "pem-submission": "corpus/text-1998-pem-sub.txt",
    "documents": "corpus/documents-2016-8k.txt",
    "html": "corpus/html-2012-8k.htm",
    "ixbrl": "corpus/ixbrl-2023-8k.htm",
    "ixbrl-submission": "corpus/ixbrl-2019-8k12b-sub.txt",
    "header-only": "corpus/header-only-labelled.txt",
    "header-only-tagged": "corpus/header-only-tagged.hdr.sgml",
    "truncated": "corpus/malformed/truncated-envelope.txt",
    "nul-bytes": "corpus/malformed/nul-bytes.txt",
    "cp1252": "corpus/malformed/cp1252-encoded.txt",
}


def report(data: bytes | str, path: str = "x", severity: str = "warning"):
    parsed = parse_source(data if isinstance(data, bytes) else Path(ROOT / data).read_bytes(),
                          path)
    found = validate(parsed)
    return parsed, found, build_report(parsed, found, path=path, severity=severity)


def data_block(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="eightk-data">(.*?)</script>', page,
                      re.DOTALL)
    assert match is not None
    return json.loads(match.group(1))


def scripts(page: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>", page, re.IGNORECASE)


@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_gives_a_page_with_every_diagnostic(shape):
    path = SHAPES[shape]
    parsed, found, page = report(path, path)
    assert page.startswith("<!DOCTYPE html>")
    # exactly our two script elements: the data block and the page's script
    assert scripts(page) == ['<script type="application/json" id="eightk-data">', "<script>"]
    for k, d in enumerate(found):
        entry = re.search(rf'<li class="dx sev-{d.severity} fam-{d.code[0]}" id="d{k}"><pre>'
                          r"(.*?)</pre>", page, re.DOTALL)
        assert entry is not None, d
        # the entry is `eightk check`'s own rendering, character for character
        shown = html.unescape(re.sub(r"<[^>]+>", "", entry.group(1)))
        assert shown == format_full(d, parsed.source, path, parsed.layout).plain.rstrip("\n")
    views = build_views(parsed)
    assert views, "every shape with text has something to show"
    # the views together show every document eightk found
    assert len(views) >= len([d for d in parsed.filing.documents if d.span is not None])


def test_regions_are_labelled_as_read():
    parsed, _, page = report("corpus/html-2021-8ka-sub.txt")
    labels = re.findall(r'<section class="rg rg-(\w+)" id="[^"]+"><header class="rl">([^<]*)',
                        page)
    kinds = [k for k, _ in labels]
    assert kinds.count("header") == 1 and "envelope" in kinds
    assert [k for k in kinds if k in ("cover", "note")] == ["cover", "note"]
    assert "signatures" in kinds
    items = [label.strip() for kind, label in labels if kind == "item"]
    # each item with its number and canonical title, as eightk read it
    assert items == [f"Item {i.number.value} · {i.title}" for i in parsed.filing.items]
    assert len(items) == 1 and items[0].startswith("Item 9.01")


def test_old_items_show_their_canonical_number():
    parsed, _, page = report("corpus/text-2003-items-9-12-8k.txt")
    assert "Item 9 (7.01) · Regulation FD Disclosure" in html.unescape(page)


def test_fields_link_to_their_marks():
    parsed, _, page = report("corpus/text-2009-coregistrant-sub.txt")
    links = re.findall(r'data-go="(\d+)"', page)
    marks = set(re.findall(r'data-m="([\d ]+)"', page))
    ids = {i for group in marks for i in group.split()}
    assert links and set(links) <= ids  # every field link has its span on the page
    cover = parsed.filing.cover
    assert cover is not None and len(cover.registrants) == 3
    for registrant in cover.registrants:
        assert registrant.name is not None
        assert html.escape(registrant.name.value, quote=False) in page


def test_exhibits_link_to_their_documents():
    parsed, _, page = report("corpus/text-2006-sub.txt")
    for exhibit in parsed.filing.exhibits:
        assert exhibit.document is not None
    assert len(re.findall(r'→ <a href="#" class="to" data-view="v\d+">EX-', page)) == len(
        parsed.filing.exhibits)
    _, _, missing = report("corpus/malformed/exhibit-not-attached.txt")
    assert '<span class="fl bad">not attached</span>' in missing


def test_xbrl_disagreement_is_shown():
    data = (CORPUS / "tagged-2024-sub.nc").read_bytes()
    changed = data.replace(b'id="f-2">0009967890<', b'id="f-2">0009967809<')
    assert changed != data
    parsed, found, page = report(changed)
    mismatch = [d for d in found if d.name == "cik-mismatch"]
    assert mismatch, [d.code for d in found]
    row = re.search(r"<dt>dei:EntityCentralIndexKey</dt><dd>(.*?)</dd>", page)
    assert row is not None
    assert "0009967809" in row.group(1)
    assert f"✗ {mismatch[0].code} disagrees" in row.group(1)
    # the fact is in the hidden part of the document: shown, but not linked to a span
    assert 'class="np"' in row.group(1)
    _, _, clean = report(data)
    assert "disagrees" not in clean


def test_html_regions_carry_their_original():
    parsed, _, page = report("corpus/ixbrl-2023-8k.htm")
    originals = data_block(page)["originals"]
    buttons = re.findall(r'data-orig="([^"]+)"', page)
    assert buttons and set(buttons) == set(originals) - {"head"}
    cover = originals[buttons[0]]
    assert "Meridian Ridge Bancorp" in cover and "<table" in cover
    assert "ix:" not in cover and "contextref" not in cover.lower()
    assert "Content-Security-Policy" in originals["head"]
    # text filings have no original HTML to show
    assert data_block(report("corpus/text-2006-sub.txt")[2])["originals"] == {}


def test_binary_and_empty_input_say_what_could_be_read():
    _, found, page = report(PNG, "image.png")
    assert [d.name for d in found] == ["binary-input"]
    assert "eightk read no text from this file" in page and 'class="view" id="none"' in page
    _, _, page = report(b"\n\n  \n", "blank.txt")
    assert "only blank lines" in page


def test_not_an_8k_shows_the_file():
    parsed, found, page = report(b"<html><head><TITLE>SEC EDGAR Submission</TITLE></head>"
                                 b"<body>Filing Detail</body></html>", "index.html")
    assert "not-an-8k" in [d.name for d in found]
    assert "not read as an 8-K" in page and "Filing Detail" in page


# ---------------------------------------------------------------- safety


def test_hostile_html_is_escaped_and_sanitised():
    parsed, found, page = report(hostile_html("http://127.0.0.1:9"), "<script>alert(1)</script>")
    assert scripts(page) == ['<script type="application/json" id="eightk-data">', "<script>"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    data = data_block(page)
    bodies = "".join(v for k, v in data["originals"].items() if k != "head")
    assert "Hostile" in bodies and "Item 8.01" in bodies
    tree = LexborHTMLParser(bodies)
    seen_tags, seen_attributes = set(), set()
    for node in tree.root.traverse():
        seen_tags.add(node.tag)
        for name, value in node.attributes.items():
            seen_attributes.add(name)
            assert "url(" not in (value or "") or name == "title", (name, value)
    assert seen_tags <= _KEEP | {"html", "head", "body"}, seen_tags - _KEEP
    assert seen_attributes <= _ATTRIBUTES, seen_attributes - _ATTRIBUTES
    assert {"p", "table", "td", "b"} <= seen_tags
    # the address survives only as escaped text inside a title attribute
    assert "127.0.0.1" not in re.sub(r'title="[^"]*"', "", bodies)
    assert not re.search(r"<(script|iframe|img src=\"http|style|form)", bodies, re.IGNORECASE)


def test_hostile_text_is_escaped():
    parsed, found, page = report(hostile_text("http://127.0.0.1:9"), "hostile.txt")
    assert scripts(page) == ['<script type="application/json" id="eightk-data">', "<script>"]
    assert "<img" not in page and "<iframe" not in page
    assert "&lt;/script&gt;&lt;script&gt;window.top.__pwned=&#x27;text&#x27;" in page or \
        "&lt;/script&gt;&lt;script&gt;window.top.__pwned='text'" in page
    # control characters are shown as their pictures, never written raw
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", page) and "␌" in page


def test_sanitiser_keeps_data_images_and_layout():
    out = sanitize_html('<table border="1" onclick="x()"><tr><td colspan="2" style="color:red;'
                        'background:url(http://x/y.png)">a</td></tr></table>'
                        '<img src="data:image/png;base64,iVBORw0KGgo=" width="10">'
                        '<img src="data:image/svg+xml;base64,PHN2Zy8+">')
    assert '<td colspan="2" style="color:red;background:none">a</td>' in out
    assert '<img src="data:image/png;base64,iVBORw0KGgo=" width="10">' in out
    assert "svg" not in out and "onclick" not in out


def test_clean_css():
    assert clean_css("a{background:url(http://x)}") == "a{background:none}"
    assert clean_css("@import 'x.css'; b{color:red}") == " b{color:red}"
    assert "url" not in clean_css(r"a{background:u\72l(http://x)}").replace("none", "")
    assert "image-set(" not in clean_css('a{background:image-set("x.png" 1x)}')
    assert clean_css("a{background:url(data:image/png;base64,AAAA)}") == \
        "a{background:url(data:image/png;base64,AAAA)}"


def test_json_block_cannot_be_closed_by_its_content():
    value = {"x": "</script><!--<script>alert(1)</SCRIPT>", "y": "\u2028"}
    text = _json(value)
    assert "</" not in text and "<!--" not in text
    assert json.loads(text) == value


def test_policy_names_the_script_by_hash():
    policy = content_security_policy()
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy.split(
        "script-src")[1]
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/]+=*'", policy)


# ---------------------------------------------------------------- offsets


def _is_html(path: Path) -> bool:
    return re.search(rb"<html|<xbrl", path.read_bytes()[:200_000], re.IGNORECASE) is not None


# the HTML samples: every .htm of corpus/ and every submission with an HTML 8-K
HTML_SAMPLES = sorted(CORPUS.rglob("*.htm")) + sorted(
    p for p in CORPUS.rglob("*sub*") if p.is_file() and _is_html(p))


def _gutter(page: str, key: str) -> tuple[dict[int, int], dict[int, list[str]], list[str]]:
    """What the page shows in view ``key``'s HTML layout: the first line number (as
    the gutter counts it) of each mark id, the notes written under each line number,
    and each line's hover position, from the page's own HTML."""
    tree = LexborHTMLParser(page)
    first: dict[int, int] = {}
    notes: dict[int, list[str]] = {}
    hovers: list[str] = []
    for block in tree.css(f'div.view[id="{key}"] .ck-html .bk'):
        number = int(re.search(r"counter-reset:n (\d+)", block.attributes["style"]).group(1))
        for child in block.iter():
            if child.tag == "div":
                number += 1
                hovers.append(child.attributes.get("data-s") or "")
                for marked in child.css("[data-m]"):
                    for mark in marked.attributes["data-m"].split():
                        first.setdefault(int(mark), number)
            elif child.tag == "aside":
                notes.setdefault(number, []).append(child.text())
    return first, notes, hovers


def _check_report_places(parsed, found, page: str) -> int:
    """Every value and diagnostic of the HTML 8-K is marked on the page on the rendered
    line its span names (``check``'s), and one not rendered is not marked at all;
    every line's hover names a place of the file that is on that line."""
    layout = parsed.layout
    assert layout is not None and layout.kind == "html"
    views, marks, _, primary, placed = plan(parsed, found)
    ((vi, chunk),) = [(i, c) for i, v in enumerate(views) for n, c in enumerate(v.chunks)
                      if v.pieces[n].layout is layout]
    view = views[vi]
    shown, notes, hovers = _gutter(page, view.key)
    filing = parsed.filing
    parts = [filing.cover, filing.items, filing.exhibits, filing.signatures, filing.xbrl_cover]
    checked = 0
    for value in every(parts, (Text, DateValue, XbrlFact)):
        span = value.span
        if span is None or not layout.covers(span.start):
            continue
        mark = marks.of(span)
        if mark is None:  # a value the page does not mark (an item's body text)
            continue
        where = placed.get(mark)
        if span.rendered_line is None:
            assert where is None and mark not in shown, value
            continue
        assert where is not None and where.view == vi and where.exact, value
        assert view.line_of(where.start) - chunk.first + 1 == span.rendered_line, value
        assert shown[mark] == span.rendered_line, value
        checked += 1
    for k, d in enumerate(found):
        if d.span is None or not layout.covers(d.span.start):
            continue
        where = placed.get(primary[k])
        if d.span.rendered_line is None:
            assert where is None, d
            continue
        assert shown[primary[k]] == d.span.rendered_line, d
        assert any(f"[{d.code}]" in note for note in notes[d.span.rendered_line]), d
        checked += 1
    # the hover of each line with text from the file: a place check puts on that line
    starts = [0] + [m.end() for m in re.finditer("\n", parsed.source.text)]
    assert len(hovers) == chunk.count
    for n, hover in enumerate(hovers, 1):
        text = layout.line_text(n).strip()
        if not text or text == "<PAGE>":  # blank, padding or a page break: markup's output
            continue
        line, column = map(int, hover.split(":"))
        assert layout.rendered_line(starts[line - 1] + column - 1) == n, (n, hover)
    return checked


@pytest.mark.parametrize("path", HTML_SAMPLES, ids=lambda p: p.name)
def test_report_places_values_where_check_does(path):
    parsed = parse_source(path)
    found = validate(parsed, severity="info")
    page = build_report(parsed, found, path=path.name, severity="info")
    assert _check_report_places(parsed, found, page) >= 5


def test_report_places_real_html_filings_where_check_does():
    require_shared()
    checked = files = 0
    for path in shared_files():
        if not _is_html(path):
            continue
        parsed = parse_source(path)
        if parsed.layout is None or parsed.layout.kind != "html":
            continue
        found = validate(parsed, severity="info")
        page = build_report(parsed, found, path=path.name, severity="info")
        checked += _check_report_places(parsed, found, page)
        files += 1
    assert files > 300 and checked > 10_000, (files, checked)


def _one_line_html() -> bytes:
    """The 2023 inline XBRL sample on one line, with an item number that does not
    exist: a diagnostic in the body of a one-line HTML document."""
    text = (CORPUS / "ixbrl-2023-8k.htm").read_text().replace("Item 2.02", "Item 2.12", 1)
    return re.sub(r"\s*\n\s*", " ", text).encode()


@pytest.mark.parametrize("name", ["missing-egc.htm", "missing-12b-table.htm",
                                  "item-wrong-era-2022.htm", "one-line.htm"])
def test_report_lists_diagnostics_as_check_full_prints_them(tmp_path, name):
    """The page's list is `eightk check --format full`'s output, block for block, with
    its rendered line; each entry's link names that line, and its note sits under it."""
    path = tmp_path / name
    data = _one_line_html() if name == "one-line.htm" else (CORPUS / "malformed" / name
                                                             ).read_bytes()
    path.write_bytes(data)
    out = CliRunner().invoke(app, ["check", "--format", "full", str(path)], terminal_width=200)
    blocks = [b for b in out.stdout.split("\n\n") if b.strip()]
    assert blocks and all("(rendered line " in b.split("\n")[1] for b in blocks)
    parsed = parse_source(path)
    found = validate(parsed)
    page = build_report(parsed, found, path=str(path))
    entries = re.findall(r'<li class="dx [^"]*" id="d\d+"><pre>(.*?)</pre>(.*?)</li>', page,
                         re.DOTALL)
    assert [html.unescape(re.sub(r"<[^>]+>", "", pre)) for pre, _ in entries] == \
        [b.rstrip("\n") for b in blocks]
    views, _, _, primary, placed = plan(parsed, found)
    for k, (d, (_, go)) in enumerate(zip(found, entries, strict=True)):
        rendered = d.span.rendered_line
        assert f"--> {path}:{d.span.line}:{d.span.column} (rendered line {rendered})" in \
            blocks[k]
        assert f"{d.span.line}:{d.span.column} (rendered line {rendered})</a>" in go
        where = placed[primary[k]]
        _, notes, _ = _gutter(page, views[where.view].key)
        assert any(f"[{d.code}]" in note for note in notes[rendered]), (d.code, rendered)
    assert _check_report_places(parsed, found, page) >= 5


@pytest.mark.parametrize("name", ["ixbrl-2023-8k.htm", "tagged-2024-sub.nc"])
def test_layout_lines_know_their_place_in_the_file(name):
    parsed = parse_source(CORPUS / name)
    seen = 0
    for view in build_views(parsed):
        for piece, chunk in zip(view.pieces, view.chunks, strict=True):
            if chunk.positions is None:
                continue
            # every HTML layout shown (the 8-K's and the exhibits'), line by line
            assert chunk.kind == "html" and len(chunk.positions) == chunk.count
            places = piece.layout.line_sources()
            assert chunk.positions == [
                "{}:{}".format(*parsed.source.index.line_col(at)) for at in places]
            seen += 1
    assert seen >= 1


def test_a_place_in_content_not_shown_is_on_its_note_line():
    parsed = parse_source(CORPUS / "tagged-2024-sub.nc")
    (view,) = [v for v in build_views(parsed) if v.title.endswith("GRAPHIC")]
    n = [chunk.kind for chunk in view.chunks].index("note")
    content = view.pieces[n]
    assert content.note and "uuencoded content" in view.text
    start, _, exact = view.locate(content.start + 100, content.start + 120)
    assert not exact and view.line_of(start) == view.chunks[n].first
    # the envelope lines around it are copied as they are
    head = view.pieces[0]
    start, end, exact = view.locate(head.start + 3, head.start + 9)
    assert exact and view.text[start:end] == parsed.source.text[head.start + 3 : head.start + 9]


def test_every_mark_is_inside_its_view():
    parsed, _, page = report("corpus/ixbrl-2019-8k12b-sub.txt")
    for view in build_views(parsed):
        assert view.text.endswith("\n")
        assert view.lines == view.text.count("\n")
        assert sum(c.count for c in view.chunks) == view.lines
        for region in view.regions:
            assert 0 <= region.first <= region.last < view.lines


# ---------------------------------------------------------------- corpus


def test_project_corpus_pages():
    for path in project_files():
        parsed, found, page = report(path.read_bytes(), path.name)
        assert page.count('<li class="dx ') == len(found), path


def test_shared_corpus_pages_and_size():
    """Every real filing gives a page; past 100 KB the page stays under 2.5x the file."""
    require_shared()
    worst = (0.0, "")
    for path in shared_files():
        data = path.read_bytes()
        parsed, found, page = report(data, path.name)
        assert page.count('<li class="dx ') == len(found), path
        size = len(page.encode("utf-8", "replace"))
        if len(data) > 100_000:
            worst = max(worst, (size / len(data), path.name))
    assert worst[0] < 2.5, worst


# ---------------------------------------------------------------- command


def test_command_writes_the_page(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    sample = str(CORPUS / "malformed" / "unknown-item.txt")
    result = runner.invoke(app, ["report", sample, "-o", "out.html"])
    assert result.exit_code == 0, result.output
    assert "wrote out.html" in result.stderr and "1 diagnostic)" in result.stderr
    page = (tmp_path / "out.html").read_text()
    assert "warning[I401]" in page
    result = runner.invoke(app, ["report", sample])
    assert result.exit_code == 0 and (tmp_path / "unknown-item.txt.html").exists()
    result = runner.invoke(app, ["report", sample, "-o", "-"])
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")


def test_command_severity_and_selection(tmp_path):
    runner = CliRunner()
    sample = str(CORPUS / "malformed" / "non-ascii-character.txt")
    out = tmp_path / "r.html"
    assert runner.invoke(app, ["report", sample, "-o", str(out), "--severity", "info"]
                         ).exit_code == 0
    assert '<body class="">' in out.read_text()
    assert runner.invoke(app, ["report", sample, "-o", str(out), "--ignore", "A"]).exit_code == 0
    assert "fam-A" not in re.sub(r"<style>.*?</style>", "", out.read_text(), flags=re.DOTALL)


def test_command_errors(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["report", str(tmp_path / "missing.txt")])
    assert result.exit_code == 4 and "cannot read" in result.stderr
    result = runner.invoke(app, ["report", str(CORPUS / "ixbrl-2023-8k.htm"), "--select", "Q9"])
    assert result.exit_code == 2 and "unknown rule" in result.stderr
    result = runner.invoke(app, ["report", str(CORPUS / "ixbrl-2023-8k.htm"), "-o",
                                 str(tmp_path / "no" / "such" / "dir.html")])
    assert result.exit_code == 4 and "cannot write" in result.stderr


def test_wheel_carries_the_page_assets(tmp_path):
    """The page's CSS and script are package data: build the wheel and write a report with
    eightk imported from it (not from the source tree)."""
    import subprocess
    import sys
    import zipfile

    from test_packaging import _clean_copy  # the tree as a clone has it, built outside it

    src = _clean_copy(tmp_path / "src")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w",
                            str(tmp_path), str(src)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("eightk-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {"eightk/render/report.css", "eightk/render/report.js"} <= set(names)
    out = tmp_path / "page.html"
    script = ("import sys, eightk; assert eightk.__file__.startswith(sys.argv[1]), "
              "eightk.__file__; from eightk.commands import main; "
              "sys.argv = ['eightk', 'report', sys.argv[2], '-o', sys.argv[3]]; main()")
    ran = subprocess.run([sys.executable, "-c", script, str(wheel),
                          str(CORPUS / "ixbrl-2023-8k.htm"), str(out)], capture_output=True,
                         text=True, cwd=tmp_path, timeout=120,
                         env={"PYTHONPATH": str(wheel), "PATH": "/usr/bin"})
    assert ran.returncode == 0, ran.stderr
    page = out.read_text()
    assert "function showView" in page and ".rg-cover" in page

