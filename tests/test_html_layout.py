"""Tests of the HTML-to-text layout stage (eightk.layout.html)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from conftest import no_runaway
from eightk.layout import html as html_module
from eightk.layout.html import PAGE_MARKER, HtmlLayout, render_html
from eightk.layout.text import Layout
from eightk.source.text import SourceText
from hypothesis import given, settings
from hypothesis import strategies as st

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


# ---------------------------------------------------------------- helpers


def check_offsets(source: str, out: HtmlLayout, start: int = 0, end: int | None = None) -> None:
    """Every copied character is the source character it maps to; all maps stay in range."""
    end = len(source) if end is None else end
    text = out.text
    segments = out.offsets.segments
    for k, (first, src, copied) in enumerate(segments):
        last = segments[k + 1][0] if k + 1 < len(segments) else len(text)
        assert start <= src <= end
        if copied:
            assert text[first:last] == source[src : src + last - first]
    # no source character is copied twice (Layout.span relies on it: a copied
    # character's rendered line is the line of its one copy)
    runs = sorted((src, src + (segments[k + 1][0] if k + 1 < len(segments) else len(text)) - first)
                  for k, (first, src, copied) in enumerate(segments) if copied)
    assert all(a[1] <= b[0] for a, b in zip(runs, runs[1:], strict=False))
    for i in range(0, len(text), max(1, len(text) // 500)):
        assert start <= out.offsets.to_source(i) <= end


def render(source: str) -> str:
    out = render_html(source)
    check_offsets(source, out)
    return out.text


def lines_of(source: str) -> list[str]:
    return render(source).split("\n")[:-1]


def line_with(lines: list[str], needle: str) -> str:
    found = [line for line in lines if needle in line]
    assert found, f"{needle!r} not in {lines!r}"
    return found[0]


def copied_positions(out: HtmlLayout) -> list[int]:
    """Output offsets of characters copied verbatim."""
    positions = []
    segments = out.offsets.segments
    for k, (first, _src, copied) in enumerate(segments):
        last = segments[k + 1][0] if k + 1 < len(segments) else len(out.text)
        if copied:
            positions.extend(range(first, last))
    return positions


# ---------------------------------------------------------------- basics


def test_empty_input_gives_empty_text_mapped_to_start() -> None:
    out = render_html("")
    assert out.text == ""
    assert out.offsets.to_source(0) == 0
    out = render_html("xx<p> </p>yy", 2, 10)
    assert out.text == ""
    assert out.offsets.to_source(0) == 2


def test_plain_text_is_copied_and_ends_with_newline() -> None:
    source = "Hello world"
    out = render_html(source)
    assert out.text == "Hello world\n"
    assert out.offsets.to_source(0) == 0
    assert out.offsets.to_source(6) == 6
    check_offsets(source, out)


def test_whitespace_collapses_like_a_browser() -> None:
    assert render("<p>  a \n\t b   </p>\n\n<p>\nc</p>") == "a b\n\nc\n"
    assert render("a<span> </span>b") == "a b\n"
    assert render("<b>a</b><i>b</i>") == "ab\n"


def test_paragraphs_get_one_blank_line_divs_none() -> None:
    assert render("<p>a</p><p>b</p><p></p><p></p><p>c</p>") == "a\n\nb\n\nc\n"
    assert render("<div>a</div><div>b</div>") == "a\nb\n"
    assert render("<div><div>a</div></div><div><div><div>b</div></div></div>") == "a\nb\n"


def test_margins_decide_blank_lines() -> None:
    tight = '<p style="margin:0in 0in .0001pt">a</p><p style="margin-top:0;margin-bottom:0">b</p>'
    assert render(tight) == "a\nb\n"
    spaced = '<div>a</div><div style="margin-top:12pt">b</div><div style="MARGIN-TOP: 0">c</div>'
    assert render(spaced) == "a\n\nb\nc\n"
    assert render('<div style="margin-bottom:10px">a</div><div>b</div>') == "a\n\nb\n"


def test_nbsp_paragraph_is_a_blank_line() -> None:
    tight = 'style="margin:0"'
    source = f"<p {tight}>a</p><p {tight}>&nbsp;</p><p {tight}>&nbsp;</p><p {tight}>b</p>"
    assert render(source) == "a\n\nb\n"


def test_br_breaks_lines_and_two_make_a_blank_line() -> None:
    assert render("a<br>b<BR/>c") == "a\nb\nc\n"
    assert render("a<br><br>b") == "a\n\nb\n"
    assert render("<p>a<br></p><div>b</div>") == "a\n\nb\n"
    assert render("<div><br></div>a") == "a\n"  # nothing before: no leading blank line


def test_headings_and_list_items_are_lines() -> None:
    assert render("<h2>ITEM 1.</h2><ul><li>one<li>two</ul>end") == "ITEM 1.\n\none\ntwo\n\nend\n"


def test_pre_keeps_spaces_and_newlines() -> None:
    source = "<pre>\nITEM 5.  OTHER EVENTS\n\n    Indented &amp; more</pre>after"
    assert render(source) == "ITEM 5.  OTHER EVENTS\n\n    Indented & more\n\nafter\n"
    assert render("<pre>page one\n\fpage two</pre>") == f"page one\n{PAGE_MARKER}\npage two\n"
    assert render("<pre>ab\tc\n\td\t</pre>") == "ab      c\n        d\n"  # 8-column tab stops


# ---------------------------------------------------------------- entities


def test_entities_are_decoded_and_unicode_spaces_become_spaces() -> None:
    assert render("Item&#8201;5.07") == "Item 5.07\n"
    assert render("A&amp;B&nbsp;&#160;C &#x2610; &#9746;") == "A&B  C \u2610 \u2612\n"
    assert render("Registrant&#146;s &ldquo;x&rdquo;") == "Registrant\u2019s \u201cx\u201d\n"
    assert render("a&#8203;b&shy;c") == "abc\n"  # invisible characters are dropped


def test_only_newlines_end_lines() -> None:
    out = render_html("a\x0bb\u2028c\x1cd&#x2029;e\x85f")
    assert out.text == "a b c d e f\n"
    assert out.text.splitlines() == out.text.split("\n")[:-1]


def test_entity_characters_map_to_the_ampersand() -> None:
    source = "<p>Item&#8201;5.07 &amp; more</p>"
    out = render_html(source)
    assert out.text == "Item 5.07 & more\n"
    assert source[out.offsets.to_source(4)] == "&"  # the thin space
    assert out.offsets.to_source(4) == source.index("&#8201;")
    amp = out.text.index("&")
    assert out.offsets.to_source(amp) == source.index("&amp;")
    check_offsets(source, out)


def test_copied_characters_equal_their_source_characters() -> None:
    source = "<div>Cover <b>page</b>&nbsp;text</div>\n<p>Second\n  paragraph</p>"
    out = render_html(source)
    positions = copied_positions(out)
    assert positions, "some text must be copied"
    for i in positions:
        assert out.text[i] == source[out.offsets.to_source(i)]


def test_unknown_entities_and_bare_ampersands_stay_as_written() -> None:
    source = "AT&T &foo; a & b &#xZZ;"
    out = render_html(source)
    assert out.text == "AT&T &foo; a & b &#xZZ;\n"
    assert len(copied_positions(out)) == len(out.text) - 1  # all but the final newline


def test_huge_numeric_entity_does_not_raise() -> None:
    assert render("&#" + "9" * 10_000 + ";").startswith("\ufffd")
    assert render("&" + "a" * 100_000).startswith("&aaa")


# ---------------------------------------------------------------- hidden content


@pytest.mark.parametrize(
    "style",
    ["display:none", "DISPLAY: NONE", "color:red; display :  none;", "display:none !important"],
)
def test_display_none_is_left_out(style: str) -> None:
    source = f'<p>shown</p><div style="{style}"><p>hidden <b>text</b></p>gone</div><p>after</p>'
    assert render(source) == "shown\n\nafter\n"


def test_display_none_with_unclosed_inner_tags_ends_with_its_element() -> None:
    source = '<span style="display:none"><b>x<i>y</span>visible'
    assert render(source) == "visible\n"


def test_inline_xbrl_header_is_hidden_and_ix_tags_are_transparent() -> None:
    source = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html><body>'
        '<div style="display:none"><ix:header><ix:hidden>'
        '<ix:nonNumeric name="dei:AmendmentFlag">false</ix:nonNumeric></ix:hidden>'
        "</ix:header></div>"
        "<ix:header><ix:resources>0000320193</ix:resources></ix:header>"
        '<p>FORM <ix:nonNumeric name="dei:DocumentType">8-K</ix:nonNumeric></p>'
        '<p><ix:nonNumeric name="dei:EntityRegistrantName">Apple <ix:continuation>Inc.'
        "</ix:continuation></ix:nonNumeric></p></body></html>"
    )
    assert render(source) == "FORM 8-K\n\nApple Inc.\n"


def test_head_script_style_comments_and_declarations_are_left_out() -> None:
    source = (
        "<!DOCTYPE html><html><head><title>8-K</title>"
        "<style>p { color: red } </p> <b></style>"
        "<script>if (a < b && c > d) { document.write('<p>x</p>') }</script>"
        '<meta charset="utf-8"></head><body><!-- <p>comment</p> -->'
        "<![CDATA[ raw ]]><?php echo 1 ?>Body text</body></html>"
    )
    assert render(source) == "Body text\n"


def test_xbrl_wrapper_is_transparent() -> None:
    assert render("<XBRL><HTML><BODY><P>Text</P></BODY></HTML></XBRL>") == "Text\n"


# ---------------------------------------------------------------- check boxes


def test_ballot_boxes_are_kept() -> None:
    assert render("<p>\u2610 Written</p><p>\u2612 Soliciting</p>") == (
        "\u2610 Written\n\n\u2612 Soliciting\n"
    )


@pytest.mark.parametrize(
    ("markup", "box"),
    [
        ('<font face="Wingdings">&#168;</font>', "\u2610"),
        ('<FONT STYLE="FONT-FAMILY:WINGDINGS">&#168;</FONT>', "\u2610"),
        ("<span style=\"font-family:'Wingdings',serif\">\u00a8</span>", "\u2610"),
        ('<font face="Wingdings">&#253;</font>', "\u2612"),
        ('<font face="Wingdings">\u00fe</font>', "\u2612"),
        ('<font style="font-family: Wingdings; font-size: 10pt">x</font>', "\u2612"),
        ('<font style="font-family:Wingdings 2">S</font>', "\u2612"),
        ('<font style="font-family:Wingdings 2">&#163;</font>', "\u2610"),
    ],
)
def test_wingdings_glyphs_become_boxes(markup: str, box: str) -> None:
    source = f"<p>{markup} Written communications</p>"
    out = render_html(source)
    assert out.text == f"{box} Written communications\n"
    glyph_at = out.offsets.to_source(0)
    assert source.rfind(">", 0, glyph_at) == glyph_at - 1  # maps to the glyph or its entity
    check_offsets(source, out)


def test_wingdings_font_on_a_table_cell() -> None:
    source = '<table><tr><td style="font-family:Wingdings">&#168;</td><td>Written</td></tr></table>'
    assert render(source) == "\u2610   Written\n"


def test_wingdings_mapping_is_limited_to_the_font() -> None:
    assert render('x \u00a8 <font face="Wingdings">x</font> x') == "x \u00a8 \u2612 x\n"
    nested = '<font face="Wingdings"><font face="Times">x</font>x</font>'
    assert render(nested) == "x\u2612\n"


def test_o_used_as_a_box_is_left_as_is() -> None:
    assert render('<font face="Wingdings">o</font> Written') == "o Written\n"
    assert render("<p>o Soliciting material</p>") == "o Soliciting material\n"


# ---------------------------------------------------------------- page breaks


def test_hr_and_page_break_styles_become_page_lines() -> None:
    source = (
        "<p>one</p><hr><p>two</p>"
        '<div style="page-break-before:always">three</div>'
        '<p style="PAGE-BREAK-AFTER: always">four</p><p>five</p>'
    )
    expected = ["one", PAGE_MARKER, "two", PAGE_MARKER, "three", "", "four", PAGE_MARKER, "five"]
    assert lines_of(source) == expected


def test_consecutive_leading_and_trailing_page_breaks_collapse() -> None:
    source = (
        "<hr><p>first</p>"
        '<p style="page-break-after:always"></p><hr size="3" width="100%"><page>'
        '<div style="page-break-before:always"></div><p>second</p><hr><hr>'
    )
    assert lines_of(source) == ["first", PAGE_MARKER, "second"]


def test_short_rules_are_not_page_breaks() -> None:
    source = '<p>Washington, D.C. 20549</p><hr width="25%"><p>FORM 8-K</p>'
    assert PAGE_MARKER not in render(source)


def test_page_marker_maps_to_its_markup() -> None:
    source = "<p>a</p><hr><p>b</p>"
    out = render_html(source)
    at = out.text.index(PAGE_MARKER)
    assert out.offsets.to_source(at) == source.index("<hr>")


# ---------------------------------------------------------------- tables


def col(line: str, needle: str) -> int:
    return line.index(needle)


def test_cover_row_and_caption_row_line_up() -> None:
    source = """
    <table width="100%"><tr><td width="30%"></td><td width="5%"></td><td width="30%"></td>
    <td width="5%"></td><td width="30%"></td></tr>
    <tr><td>Georgia</td><td>&nbsp;</td><td>000-23741</td><td>&nbsp;</td><td>58-1592285</td></tr>
    <tr><td>(State or other jurisdiction<br>of incorporation)</td><td>&nbsp;</td>
    <td><p style="margin:0">(Commission</p><p style="margin:0">File Number)</p></td><td>&nbsp;</td>
    <td>(IRS Employer Identification No.)</td></tr></table>
    """
    lines = lines_of(source)
    values = line_with(lines, "Georgia")
    captions = line_with(lines, "(State or other")
    second = line_with(lines, "of incorporation)")
    assert col(values, "Georgia") == col(captions, "(State") == col(second, "of incorp") == 0
    assert col(values, "000-23741") == col(captions, "(Commission") == col(second, "File Number)")
    assert col(values, "58-1592285") == col(captions, "(IRS")
    # cells are three spaces apart, and spacer columns add no gap of their own
    assert captions.startswith("(State or other jurisdiction   (Commission")
    assert col(captions, "(IRS") == col(captions, "(Commission") + len("File Number)") + 3
    assert lines.index(captions) == lines.index(values) + 1


def test_colspan_is_honoured_roughly() -> None:
    source = (
        '<table><tr><td colspan="3">California</td><td colspan="3">001-36743</td></tr>'
        '<tr><td colspan="3">(State or other jurisdiction)</td><td colspan="3">(File No.)</td>'
        "</tr><tr><td>a</td><td>b</td><td>c</td><td>d</td></tr></table>"
    )
    lines = lines_of(source)
    values, captions, cells = lines
    assert col(values, "001-36743") == col(captions, "(File No.)")
    assert col(cells, "d") == col(values, "001-36743")


def test_exhibit_list_renders_as_number_then_description() -> None:
    source = (
        "<table><tr><td>Exhibit No.</td><td>Description</td></tr>"
        "<tr><td>99.1</td><td>Press release dated February 1, 2024.</td></tr>"
        "<tr><td>104</td><td>Cover Page Interactive Data File</td></tr></table>"
    )
    lines = lines_of(source)
    assert "99.1          Press release dated February 1, 2024." in lines
    assert lines[0].startswith("Exhibit No.   Description")
    assert col(line_with(lines, "104"), "Cover") == col(lines[1], "Press")


def test_two_column_exhibit_table_without_header() -> None:
    source = "<table><tr><td>99.1</td><td>Press release dated March 3, 2025</td></tr></table>"
    assert render(source) == "99.1   Press release dated March 3, 2025\n"


def test_signature_table_keeps_two_columns() -> None:
    source = """
    <p>SIGNATURE</p>
    <table><tr><td></td><td>ACME CORP.</td></tr>
    <tr><td>Date: March 3, 2025</td><td><p>By: /s/ Jane Doe</p><p>Name: Jane Doe</p>
    <p>Title: Chief Financial Officer</p></td></tr></table>
    """
    lines = lines_of(source)
    by = line_with(lines, "By: /s/ Jane Doe")
    assert by.startswith("Date: March 3, 2025")
    right = col(by, "By:")
    assert right >= len("Date: March 3, 2025") + 2
    assert col(line_with(lines, "Name: Jane Doe"), "Name:") == right
    assert col(line_with(lines, "Title:"), "Title:") == right
    assert col(line_with(lines, "ACME CORP."), "ACME") == right
    assert "" not in lines[lines.index(by) : lines.index(by) + 3]  # no blank lines inside


def test_signature_table_with_empty_left_column() -> None:
    source = (
        "<table><tr><td>&nbsp;</td><td>By: /s/ Jane Doe<br>Name: Jane Doe<br>"
        "Title: CEO</td></tr></table>"
    )
    assert lines_of(source) == ["By: /s/ Jane Doe", "Name: Jane Doe", "Title: CEO"]


def test_item_heading_split_across_cells_is_one_line() -> None:
    source = (
        '<table><tr><td style="width:10%"><b>Item&nbsp;2.02</b></td>'
        "<td><b>Results of Operations and Financial Condition.</b></td></tr></table>"
        "<p>On February 1, 2024, the company issued a press release.</p>"
    )
    lines = lines_of(source)
    assert re.fullmatch(r"Item 2\.02 {2,}Results of Operations and Financial Condition\.", lines[0])


def test_single_cell_layout_table_is_plain_text() -> None:
    source = (
        "<table><tr><td><p>UNITED STATES</p><p>FORM 8-K</p>"
        "<p>&nbsp;&nbsp;Indented</p></td></tr></table>"
    )
    assert render(source) == "UNITED STATES\n\nFORM 8-K\n\n  Indented\n"


def test_checkbox_rows() -> None:
    source = (
        '<table><tr><td><font face="Wingdings">&#168;</font></td>'
        "<td>Written communications pursuant to Rule 425</td></tr>"
        '<tr><td><font face="Wingdings">&#254;</font></td>'
        "<td>Soliciting material pursuant to Rule 14a-12</td></tr></table>"
    )
    assert lines_of(source) == [
        "\u2610   Written communications pursuant to Rule 425",
        "\u2612   Soliciting material pursuant to Rule 14a-12",
    ]


def test_nested_table_inside_a_cell() -> None:
    source = (
        "<table><tr><td>Left</td><td><table><tr><td>a</td><td>b</td></tr>"
        "<tr><td>cc</td><td>d</td></tr></table></td></tr></table>"
    )
    lines = lines_of(source)
    assert lines[0].startswith("Left")
    assert col(lines[0], "a") == col(lines[1], "cc")
    assert col(lines[0], "b") == col(lines[1], "d")


def test_nested_table_keeps_its_own_alignment_in_an_outer_column() -> None:
    inner = "<table><tr><td>a</td><td>b</td></tr><tr><td></td><td>d</td></tr></table>"
    source = f"<table><tr><td>Left</td><td>{inner}</td></tr></table>"
    lines = lines_of(source)
    assert col(lines[0], "b") == col(lines[1], "d")


def test_long_prose_cell_does_not_widen_other_rows() -> None:
    prose = "If an emerging growth company, indicate by check mark " * 4
    source = (
        "<table><tr><td>Emerging growth company</td><td>\u2610</td></tr>"
        f"<tr><td>{prose}</td><td>\u2610</td></tr></table>"
    )
    lines = lines_of(source)
    assert lines[0] == "Emerging growth company   \u2610"
    assert lines[1].endswith("   \u2610")


def test_stray_text_in_a_table_is_moved_before_it() -> None:
    source = "<table>stray<tr><td>a</td><td>b</td></tr></table>"
    assert lines_of(source) == ["stray", "a   b"]


def test_table_padding_maps_to_the_cell() -> None:
    source = "<table><tr><td>ab</td><td>c</td></tr></table>"
    out = render_html(source)
    assert out.text == "ab   c\n"
    assert out.offsets.to_source(2) == source.index("<td>c")
    assert out.offsets.to_source(5) == source.index("c</td>")
    check_offsets(source, out)


# ---------------------------------------------------------------- robustness


def test_unclosed_and_misnested_tags() -> None:
    source = "<p>one<p>two<b><i>three</b></i><table><tr><td>c1<td>c2<tr><td>d1<td>d2"
    lines = lines_of(source)
    assert lines[:3] == ["one", "", "twothree"]
    assert col(line_with(lines, "c1"), "c2") == col(line_with(lines, "d1"), "d2")


def test_table_parts_outside_a_table_do_not_break_the_text() -> None:
    assert render("a<td>b</td><tr>c</tr></td></table>d") == "a b\nc\nd\n"


def test_stray_angle_brackets_are_text() -> None:
    assert render("a < b and x<3 and <<p>y") == "a < b and x<3 and <\n\ny\n"
    assert render("trailing <") == "trailing <\n"
    assert render("<a href='x>y'>link</a>") == "link\n"
    # an unclosed quote does not swallow the document: the tag ends at the next '>'
    assert render('<a title="never closed>text') == "text\n"


def test_unclosed_comment_hides_the_rest_like_a_browser() -> None:
    assert render("before<!-- never closed <p>after") == "before\n"


def test_start_and_end_select_the_document_and_offsets_are_absolute() -> None:
    html = "<html><body><p>Item&#8201;1.01 Entry</p><hr><p>x</p></body></html>"
    source = "<DOCUMENT>\n<TEXT>\n" + html + "\n</TEXT>\n</DOCUMENT>\n"
    start = source.index("<html>")
    end = start + len(html)
    out = render_html(source, start, end)
    assert out.text == render_html(html).text
    check_offsets(source, out, start, end)
    assert out.offsets.to_source(0) == source.index("Item")


@pytest.mark.parametrize(
    ("start", "end"),
    [(-5, None), (3, 2), (0, 10**9), (10**9, None), (2, -1)],
)
def test_out_of_range_bounds_do_not_raise(start: int, end: int | None) -> None:
    source = "<p>abc</p><p>def</p>"
    out = render_html(source, start, end)
    assert out.text == "" or out.text.endswith("\n")
    assert 0 <= out.offsets.to_source(0) <= len(source)


def test_100k_nested_divs_spans_and_tables() -> None:
    depth = 100_000
    assert render("<div>" * depth + "deep" + "</div>" * depth) == "deep\n"
    assert render("<span>" * depth + "deep") == "deep\n"
    assert render("<p><b>" * depth + "x") == "x\n"
    tables = render("<table><tr><td>" * depth + "cell")
    assert tables.strip() == "cell"


def test_deep_tables_with_text_at_every_level_stay_fast() -> None:
    depth = 20_000
    source = "<table><tr><td>a</td><td>" * depth + "z"
    with no_runaway():
        out = render_html(source)
    assert "z" in out.text and out.text.count("a") >= depth


def test_big_input_is_read_whole() -> None:
    # linearity is measured by bench/bench_scaling.py
    unit = '<p style="margin:0">Some text &amp; more <b>bold</b></p><table><tr><td>a</td>'
    unit += "<td>b</td></tr></table>"
    with no_runaway():
        out = render_html(unit * 40_000)  # about 3.5 MB
    assert out.text.count("Some text & more bold") == 40_000


def test_pathological_markup_is_bounded() -> None:
    cases = [
        '<a "' * 50_000 + ">",
        "</" * 50_000,
        "<a " + "b" * 200_000 + ' "',
        "<!" * 50_000,
        "<td colspan=99999999>x" * 2_000,
        "<table>" + "<tr><td colspan=1000>x</td><td>y" * 2_000,
        "&#x" + "f" * 100_000,
    ]
    for source in cases:
        with no_runaway():
            out = render_html(source)
        check_offsets(source, out)


# markup fragments the fuzzer glues together (some are deliberately broken)
# fmt: off
_PIECES = [
    "<p>", "</p>", "<div>", "</div>", "<br>", "<hr>", "<table>", "</table>", "<tr>",
    "</tr>", "<td>", "</td>", '<td colspan="2">', "<b>", "</b>", "<pre>", "</pre>",
    '<span style="display:none">', "</span>", '<font face="Wingdings">', "</font>",
    "<ix:header>", "</ix:header>", "<!--", "-->", "<script>", "</script>", "&nbsp;",
    "&#8201;", "&amp;", "&", "<", ">", "'", '"', " ", "\n", "text", "Item 2.02", "\u00a8",
    "x", "\u2610", '<div style="page-break-before:always">', "<?xml?>", "</", "<li>",
]
# fmt: on


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_PIECES, "&#9744;", "&#x2612;", "&#253;", "&NotEqualTilde;"]),
                max_size=60))
def test_layout_spans_carry_the_rendered_line_the_source_mapping_gives(pieces: list[str]) -> None:
    # Layout.span takes the line of a copied start, or of a start made for an
    # entity, directly; it must be the line that placing the span's source range
    # in the layout gives (SourceText.span)
    source = SourceText("<html><body>" + "".join(pieces) + "</body></html>")
    out = render_html(source.text)
    layout = Layout(out.text, out.offsets, "html", source, (0, len(source.text)))
    source.set_rendered(layout)
    n = len(out.text)
    for start in range(n + 1):
        for end in (start, min(start + 1, n), min(start + 7, n)):
            assert layout.span(start, end) == source.span(*layout.source_range(start, end))


# the tag scan as first written: the layout's unrolled form must match the same
_PLAIN_SCAN = re.compile(
    rf"<(?:(/?)({html_module._NAME})((?:[^>\"']++|\"[^\"]{{0,4096}}+\"|'[^']{{0,4096}}+')*+)>"
    rf"|(/?)({html_module._NAME})([^>]*)>|)"
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="<>/\"' =a:-\n", max_size=80))
def test_the_tag_scan_matches_its_plain_form(source: str) -> None:
    def found(pattern: re.Pattern[str]) -> list:
        return [(m.span(), m.groups()) for m in pattern.finditer(source)]

    assert found(html_module._SCAN_RE) == found(_PLAIN_SCAN)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.text(max_size=20))
def test_fuzz_never_raises_and_offsets_hold(pieces: list[str], noise: str) -> None:
    source = "".join(pieces) + noise
    out = render_html(source)
    assert out.text == "" or out.text.endswith("\n")
    assert "\n\n\n" not in out.text
    assert out.text.splitlines() == out.text.split("\n")[:-1]
    check_offsets(source, out)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_fuzz_arbitrary_text(source: str) -> None:
    out = render_html(source)
    assert out.text.splitlines() == out.text.split("\n")[:-1]
    check_offsets(source, out)


# ---------------------------------------------------------------- caches

# Tags and short text runs are classified once per distinct text, in caches shared
# by every document of the process: what a cached entry says must not depend on
# where it was first seen (in a symbol font, in <pre>, in a hidden element).


def _forget() -> None:
    html_module._TAG_CACHE.clear()
    html_module._TEXT_CACHE.clear()
    html_module._BLANK_RUNS.clear()
    html_module._parse_attrs.cache_clear()


def _layout(source: str) -> tuple[str, list[tuple[int, int, bool]]]:
    out = render_html(source)
    return out.text, out.offsets.segments


def test_cached_tags_and_text_runs_do_not_carry_their_context() -> None:
    runs = ["\u00a8 x &#160;R\n", "a\n\tb  c", "<b>", '<span style="color:red">', "</b>",
            "<b>\n \t</b>"]  # white space alone: a pending space, set apart from text()
    contexts = [
        '<font face="Wingdings">{}</font>', "<pre>{}</pre>", '<p style="display:none">{}</p>',
        "<table><tr><td>{}</td><td>y</td></tr></table>", "<p>{}</p>",
    ]
    sources = [context.format(run) + "after" for context in contexts for run in runs]
    _forget()
    alone = []
    for source in sources:
        _forget()
        alone.append(_layout(source))
    for order in (sources, sources[::-1]):  # each now meets what the others left cached
        for source in order:
            assert _layout(source) == alone[sources.index(source)], source
    # the same run: boxes in Wingdings (R is a box only in Wingdings 2), letters elsewhere
    assert alone[0][0] == "\u2610 \u2612  R after\n"
    assert alone[len(runs) * 4][0] == "\u00a8 x  R\n\nafter\n"
    assert alone[len(runs)][0] == "\u00a8 x  R\n\nafter\n"  # in <pre>: kept, newline ends


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=40), min_size=2, max_size=4))
def test_layout_does_not_depend_on_what_was_laid_out_before(pieces: list[list[str]]) -> None:
    sources = ["".join(p) for p in pieces]
    alone = []
    for source in sources:
        _forget()
        alone.append(_layout(source))
    for source, expected in zip(sources[::-1], alone[::-1], strict=True):
        assert _layout(source) == expected


def test_caches_stay_bounded() -> None:
    limit = html_module._CACHE_LIMIT
    count = limit + limit // 2
    source = "".join(f'<p class="c{i}" style="color:#{i:06x}">w{i}</p>' for i in range(count))
    _forget()
    out = render_html(source)
    assert len(html_module._TAG_CACHE) <= limit
    assert len(html_module._TEXT_CACHE) <= limit
    assert len(html_module._BLANK_RUNS) <= limit
    lines = out.text.split("\n\n")
    assert lines[0] == "w0" and lines[-1] == f"w{count - 1}\n" and len(lines) == count
    check_offsets(source, out)


# ---------------------------------------------------------------- the corpus

_TEXT_RE = re.compile(r"<TEXT>\n?(.*?)</TEXT>", re.S | re.I)


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _corpus_documents() -> list[tuple[str, str, int, int]]:
    docs = []
    paths = sorted(CORPUS.glob("real/*.htm*")) + sorted(CORPUS.glob("edgar-crawler/*.htm"))
    for path in paths:
        source = _decode(path.read_bytes())
        m = _TEXT_RE.search(source)
        start, end = (m.start(1), m.end(1)) if m else (0, len(source))
        docs.append((path.name, source, start, end))
    for path in sorted(CORPUS.glob("real/*-sub.txt")):
        source = _decode(path.read_bytes())
        for n, m in enumerate(_TEXT_RE.finditer(source)):
            if re.search(r"<html[\s>]", source[m.start(1) : m.start(1) + 2000], re.I):
                docs.append((f"{path.name}#{n}", source, m.start(1), m.end(1)))
    return docs


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")


@needs_corpus
def test_every_corpus_html_document_renders_with_a_sound_offset_map() -> None:
    docs = _corpus_documents()
    assert len(docs) > 300
    rng = random.Random(8)
    for name, source, start, end in docs:
        out = render_html(source, start, end)
        assert out.text == "" or out.text.endswith("\n"), name
        check_offsets(source, out, start, end)
        copied = copied_positions(out)
        for i in rng.sample(copied, min(200, len(copied))):
            assert out.text[i] == source[out.offsets.to_source(i)], name


def _corpus_text(name: str) -> list[str]:
    path = next(iter(CORPUS.glob(f"*/{name}")))
    source = _decode(path.read_bytes())
    m = _TEXT_RE.search(source)
    start, end = (m.start(1), m.end(1)) if m else (0, len(source))
    return render_html(source, start, end).text.split("\n")


@needs_corpus
def test_apple_2024_cover_page_lines_up() -> None:
    lines = _corpus_text("apple-inc-2024-02-01-8k.htm")
    values = line_with(lines, "California")
    captions = line_with(lines, "(State or other jurisdiction")
    assert col(values, "California") == col(captions, "(State")
    assert col(values, "001-36743") == col(captions, "(Commission")
    assert col(values, "94-2404110") == col(captions, "(I.R.S. Employer")
    assert "☐   Written communications pursuant to Rule 425 under the Securities Act" in "\n".join(
        lines
    )
    assert re.search(r"^Item 2\.02 {2,}Results of Operations", "\n".join(lines), re.M)
    signed = line_with(lines, "/s/ Luca Maestri")
    assert col(line_with(lines, "Senior Vice President,"), "Senior") == col(signed, "/s/")
    assert "aapl-20240201" not in "\n".join(lines)  # the head and ix:header are hidden
    assert "0000320193" not in "\n".join(lines)


@needs_corpus
def test_oracle_2014_cover_and_signature() -> None:
    lines = _corpus_text("oracle-corp-2014-06-19-8k.htm")
    values = line_with(lines, "Delaware")
    captions = line_with(lines, "(State or other jurisdiction")
    assert col(values, "001-35992") == col(captions, "(Commission")
    assert col(values, "54-2185193") == col(captions, "(IRS Employer")
    assert (
        "☐   Written communications pursuant to Rule 425 under the Securities Act"
        in lines[lines.index(line_with(lines, "Written communications"))]
    )
    dated = line_with(lines, "Dated: June")
    assert col(dated, "By:") > len("Dated: June 19, 2014")
    assert "99.1          Press Release dated June 19, 2014" in lines


@needs_corpus
def test_thin_space_item_heading_in_a_real_filing() -> None:
    lines = _corpus_text("1048911_8K_2023_0001193125-23-240637.htm")
    assert any(re.match(r"Item 5\.07\. +Submission of Matters", line) for line in lines)


@needs_corpus
def test_rock_of_ages_2000_page_breaks_and_cover_table() -> None:
    lines = _corpus_text("rock-of-ages-corp-2000-09-22-8k.htm")
    values = line_with(lines, "DELAWARE")
    captions = line_with(lines, "(State or other jurisdiction")
    assert col(values, "0-29464") == col(captions, "(Commission")
    assert lines.count(PAGE_MARKER) == 3
    assert "ITEM 5. OTHER EVENTS." in lines
