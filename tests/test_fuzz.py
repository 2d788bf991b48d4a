"""Hardening: generated and mutated filings never crash, hang, lose data or differ.

Two kinds of inputs:
- documents generated from the grammars themselves (hypothesis.extra.lark),
  each terminal (a line kind) drawn from a strategy for that kind of line;
- real and sample filings, damaged: bytes flipped, lines deleted or repeated,
  cut short, re-encoded, line ends mixed, NULs and control characters put in,
  tags cut in half.

Every input is checked for: no exception from the API; every span inside the
text and pointing at the words it claims; JSON that round-trips to an equal
object and validates against the published schema; the same output twice.

CI runs a bounded number of examples; `EIGHTK_FUZZ=long pytest tests/test_fuzz.py`
runs a long campaign (see README).
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from functools import cache

import jsonschema
import msgspec
import pytest
from conftest import CORPUS, ROOT, shared_files
from eightk import grammars, json_schema, parse_source, to_json
from eightk.body.cover import read_cover
from eightk.body.lexer import vocabulary as body_vocabulary
from eightk.body.lines import Line
from eightk.checks.validate import validate
from eightk.layout.text import text_layout
from eightk.lexing import lex, lines_of
from eightk.model import Filing, Span, Text
from eightk.render.text import cover_text, exhibit_list
from eightk.source.text import SourceText
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark
from walk import every

LONG = os.environ.get("EIGHTK_FUZZ") == "long"
settings.register_profile(
    "eightk", max_examples=4000 if LONG else 60, deadline=None, derandomize=not LONG,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("eightk")

SAMPLES = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix != ".tsv"
                 and p.suffix != ".md")
REAL = [p for p in shared_files() if p.suffix in (".txt", ".htm", ".html", ".nc")][::7]


@cache
def load(name: str, start: str = "start"):
    """The parser built from the grammar: the one read from the cache folder has no
    ``grammar`` attribute, which ``from_lark`` reads."""
    return grammars.build(name, start, stored=False)


@cache
def schema() -> dict:
    return json_schema()


def check_properties(data: bytes, *, with_schema: bool = False) -> Filing:
    parsed = parse_source(data)  # must not raise
    filing = parsed.filing
    validate(parsed)  # must not raise either
    text = parsed.source.text
    for span in every(filing, Span):
        assert 0 <= span.start <= span.end <= len(text)
    body = filing.documents[filing.body_document] if filing.body_document is not None else None
    if body is not None and body.format == "text":
        for value in every(filing, Text):
            if value.span is None or len(value.value) > 500:
                continue
            window = re.sub(r"\s+", " ", text[value.span.start : value.span.end])
            # a letter-spaced value ("A C M E") is read without its spacing ("ACME")
            letters = window.replace(" ", "")
            for word in re.findall(r"[A-Za-z0-9]{2,}", value.value)[:10]:
                assert word in window or word in letters, (value.value, window)
    encoded = to_json(filing, indent=None)
    assert msgspec.json.decode(encoded, type=Filing) == filing
    assert to_json(parse_source(data).filing, indent=None) == encoded  # deterministic
    if with_schema:
        jsonschema.validate(json.loads(encoded), schema())
    return filing


# ------------------------------------------------------------ grammar-driven

_words = st.from_regex(r"[A-Za-z][a-z]{0,9}", fullmatch=True)
_prose = st.lists(_words, min_size=1, max_size=12).map(" ".join)
_dates = st.sampled_from(["March 3, 2025", "June 14, 1994", "Febuary 30, 2006", "2/1/2024",
                          "December 31, 2003", "July 4, 2019"])
_item_numbers = st.sampled_from(["1", "2", "5", "7", "9", "12", "1.01", "2.02", "5.02",
                                 "7.01", "8.01", "9.01", "5.2", "2. 02", "1.05", "13"])
_glyphs = st.sampled_from(["[ ]", "[X]", "☐", "☒", "o", "¨", ""])


def _line(strategy):
    return strategy.map(lambda s: s + "\n")


# Lines of the cover page, one strategy per terminal of grammar/cover.lark: the
# cover grammar generates whole cover pages from them.
def _lines(strategy):
    """Lines ending in one or two newlines (a blank line between, or not)."""
    return st.tuples(strategy, st.sampled_from(["\n", "\n\n"])).map("".join)


_names = st.sampled_from(["ACME WIDGETS, INC.", "Larkspur Health Partners, Inc.",
                          "HALCYON MARINE OUTFITTERS CORP.", "Northwind Trading Co."])
_states = st.sampled_from(["Delaware", "Nevada", "New York", "Oregon", "Ohio"])
_file_numbers = st.sampled_from(["001-12345", "0-23741", "333-72493", "000-52817"])
_irs_numbers = st.sampled_from(["12-3456789", "58-0690070", "93-1184470"])
_addresses = st.sampled_from(["100 Main Street, Springfield, Illinois", "Pier 39, Suite 210",
                              "30 Ivan Allen Jr. Boulevard, N.W.", "Astoria, Oregon"])
_zips = st.sampled_from(["62701", "97103", "30308-1234"])
_phones = st.sampled_from(["(212) 555-0100", "217.555.0199", "(615) 555-014", "800-323-6883"])
_three = st.tuples(_states, _file_numbers, _irs_numbers).map(
    lambda t: f"   {t[0]:<26}{t[1]:<24}{t[2]}")
_value_lines = st.one_of(
    _names, _three, st.tuples(_addresses, _zips).map(lambda t: f"   {t[0]:<48}{t[1]}"),
    _addresses, _phones, st.sampled_from(["N/A", "Not Applicable", "No Change"]), _prose)
_glyph_lines = st.sampled_from(["[ ]", "[X]", "☐", "☒", "o", "¨"])
_captions = st.sampled_from([
    "(Exact name of registrant as specified in its charter)",
    "(State or other jurisdiction   (Commission File Number)   (IRS Employer "
    "Identification No.)",
    "(Address of principal executive offices)        (Zip Code)",
    "(Former name or former address, if changed since last report)",
    "(Registrant's telephone number, including area code)",
])
_open_captions = st.sampled_from([
    "State or other jurisdiction   Commission File Number   IRS Employer Identification No.",
    "Commission File Number: 0-11596", "Exact name of registrant as specified in its charter",
    "Delaware                      (Commission File Number)",
])
COVER_TERMINALS = {
    "TEXT": _lines(_value_lines),
    "RULE": _lines(st.sampled_from(["------------------", "   ====   ====   ===="])),
    "GLYPH": _lines(_glyph_lines),
    "PAGE": _line(st.just("<PAGE>")),
    "TABLE_OPEN": _line(st.just("<TABLE>")),
    "TABLE_CLOSE": _line(st.just("</TABLE>")),
    "TABLE_TAG": _line(st.sampled_from(["<CAPTION>", "<S>   <C>   <C>"])),
    "FORM_TITLE": _lines(st.sampled_from(["FORM 8-K", "FORM 8-K/A", "Form 8-K12B"])),
    "BOILERPLATE": _lines(st.sampled_from([
        "UNITED STATES", "SECURITIES AND EXCHANGE COMMISSION", "Washington, D.C. 20549",
        "CURRENT REPORT", "Pursuant to Section 13 or 15(d) of the Securities Exchange Act"])),
    "AMENDMENT": _lines(st.sampled_from(["(Amendment No. 1)", "AMENDMENT NO. 2"])),
    "REPORT_DATE": _lines(_dates.map(
        lambda d: f"Date of Report (Date of earliest event reported): {d}")),
    "PAREN_CAPTION": _lines(_captions),
    "CAPTION": _lines(_open_captions),
    "HEADER_ROW": _lines(st.just("    State or other       Commission       IRS Employer\n"
                                 "    jurisdiction         File Number      Identification "
                                 "No.")),
    "ROW": _line(st.one_of(_three, st.just("                 (A Delaware Corporation)"))),
    "TABLE_CAPTION": _lines(st.just(
        "Commission       Registrant, State of Incorporation,       I.R.S. Employer\n"
        "File Number      Address and Telephone Number              Identification No.")),
    "REGISTRANT_ROW": _line(st.tuples(_file_numbers, _names, _irs_numbers).map(
        lambda t: f"{t[0]:<17}{t[1]:<42}{t[2]}")),
    "PHONE": _lines(st.one_of(
        _phones.map(lambda p: f"Registrant's telephone number, including area code: {p}"),
        st.just("Registrant's telephone number, including area code:"))),
    "BOX_INTRO": _lines(st.just("Check the appropriate box below if the Form 8-K filing is "
                                "intended to simultaneously satisfy")),
    "BOX": _lines(st.tuples(_glyphs, st.sampled_from([
        "Written communications pursuant to Rule 425", "Soliciting material pursuant to "
        "Rule 14a-12", "Pre-commencement communications pursuant to Rule 14d-2(b)",
        "Pre-commencement communications pursuant to Rule 13e-4(c)"])).map(" ".join)),
    "SECURITIES_12B": _lines(st.just("Securities registered pursuant to Section 12(b) of the "
                                     "Act:")),
    "HEADER_12B": _lines(st.just("Title of each class    Trading Symbol(s)    Name of each "
                                 "exchange on which registered")),
    "EGC_QUESTION": _lines(st.just(
        "Indicate by check mark whether the registrant is an emerging growth company as "
        "defined in Rule 405 of the Securities Act of 1933")),
    "EGC_BOX": _lines(_glyphs.map(lambda g: f"Emerging growth company {g}")),
    "EGC_TRANSITION": _lines(_glyphs.map(
        lambda g: "If an emerging growth company, indicate by check mark if the registrant "
                  f"has elected not to use the extended transition period {g}")),
}
COVERS = from_lark(load("cover.lark"), explicit=COVER_TERMINALS)

BODY_TERMINALS = {
    "TEXT": st.one_of(_line(_prose), COVERS),
    "EXPLANATORY_HEAD": _line(st.just("EXPLANATORY NOTE")),
    "SECTION_HEAD": _line(st.just("Section 8 - Other Events")),
    "ITEM_HEAD": _line(st.tuples(_item_numbers, _prose).map(
        lambda t: f"Item {t[0]}. {t[1].title()}")),
    "SIGNATURE_HEAD": _line(st.sampled_from(["SIGNATURES", "SIGNATURE", "Signatures"])),
    "EXHIBIT_INDEX_HEAD": _line(st.sampled_from(["EXHIBIT INDEX", "INDEX TO EXHIBITS"])),
    "PAGE": _line(st.just("<PAGE>")),
    "TABLE_OPEN": _line(st.just("<TABLE>")),
    "TABLE_CLOSE": _line(st.just("</TABLE>")),
    "TABLE_TAG": _line(st.sampled_from(["<CAPTION>", "<S>   <C>   <C>", "<FN>"])),
}

_tag = st.sampled_from(["FILER", "COMPANY-DATA", "FILING-VALUES", "BUSINESS-ADDRESS",
                        "FORMER-COMPANY", "WIDGETS"])
ENVELOPE_TERMINALS = {
    "PEM_BEGIN": _line(st.just("-----BEGIN PRIVACY-ENHANCED MESSAGE-----")),
    "PEM_FIELD": _line(st.just("Proc-Type: 2001,MIC-CLEAR")),
    "PEM_END": _line(st.just("-----END PRIVACY-ENHANCED MESSAGE-----")),
    "ROOT_OPEN": _line(st.just("<SEC-DOCUMENT>0000950123-06-000001.txt : 20060315")),
    "ROOT_CLOSE": _line(st.just("</SEC-DOCUMENT>")),
    "SUBMISSION_OPEN": _line(st.just("<SUBMISSION>")),
    "SUBMISSION_CLOSE": _line(st.just("</SUBMISSION>")),
    "HEADER_OPEN": _line(st.just("<SEC-HEADER>0000950123-06-000001.hdr.sgml : 20060315")),
    "HEADER_CLOSE": _line(st.just("</SEC-HEADER>")),
    "FIELD": _line(st.sampled_from([
        "ACCESSION NUMBER:\t\t0000950123-06-000001", "CONFORMED SUBMISSION TYPE:\t8-K",
        "CONFORMED PERIOD OF REPORT:\t20060310", "FILED AS OF DATE:\t\t20060315",
        "ITEM INFORMATION:\t\tOther Events", "ITEM INFORMATION:", "WIDGET COUNT:\t3",
        "\t\tCOMPANY CONFORMED NAME:\t\t\tACME WIDGETS INC", "\t\tIRS NUMBER:\t\t\t123456789",
        "FILED AS OF DATE:\t\t20061345"])),
    "TAG_FIELD": _line(st.sampled_from(["<ACCEPTANCE-DATETIME>20060315161234",
                                        "<TYPE>8-K", "<CIK>0000912345", "<ITEMS>8.01"])),
    "STRAY_CLOSE": _line(_tag.map(lambda t: f"</{t}>")),
    "CONTAINER_OPEN": _line(_tag.map(lambda t: f"<{t}>")),
    "CONTAINER_CLOSE": _line(_tag.map(lambda t: f"</{t}>")),
    "ROLE": _line(st.sampled_from(["FILER:", "SUBJECT COMPANY:", "FILED BY:"])),
    "BLOCK": _line(st.sampled_from(["\tCOMPANY DATA:", "\tFILING VALUES:",
                                    "\tBUSINESS ADDRESS:"])),
    "DOCUMENT_OPEN": _line(st.just("<DOCUMENT>")),
    "DOC_TAG": _line(st.sampled_from(["<TYPE>8-K", "<TYPE>EX-99.1", "<SEQUENCE>1",
                                      "<FILENAME>a.txt", "<DESCRIPTION>PRESS RELEASE"])),
    "TEXT_OPEN": _line(st.just("<TEXT>")),
    "CONTENT": st.lists(_line(_prose), max_size=6).map("".join),
    "TEXT_CLOSE": _line(st.just("</TEXT>")),
    "DOCUMENT_CLOSE": _line(st.just("</DOCUMENT>")),
}


@given(from_lark(load("body.lark"), explicit=BODY_TERMINALS))
def test_generated_8k_texts(document):
    check_properties(document.encode(), with_schema=True)


@given(from_lark(load("envelope.lark"), explicit=ENVELOPE_TERMINALS))
def test_generated_envelopes(document):
    check_properties(document.encode())


@given(from_lark(load("body.lark"), explicit=BODY_TERMINALS))
def test_generated_8k_texts_inside_a_submission(document):
    template = (CORPUS / "text-2006-sub.txt").read_bytes()
    start = template.index(b"<TEXT>\n") + len(b"<TEXT>\n")
    end = template.index(b"</TEXT>", start)
    check_properties(template[:start] + document.encode() + template[end:])



# ------------------------------------------------------------ exhibit lists
# grammar/exhibits.lark generates exhibit lists under Item 9.01; each one is read,
# written back in the canonical layout (render/text.py) and read again: the same
# exhibits come back.

_numbers = st.sampled_from(["99.1", "10.2", "3(i)", "10.16b", "(2.1)", "16.", "EX-99.1",
                            "Exhibit 99", "2    .1", "*2.1", "104", "4.5(a)", "23"])
_marks = st.sampled_from(["", "", "*", "**", "+"])
_separators = st.sampled_from(["   ", " ", " - ", "          ", ": "])
_descriptions = st.tuples(_words.map(str.capitalize), _prose).map(" ".join)
_row = st.tuples(_numbers, _marks, _separators, _descriptions).map(
    lambda t: f"\n{t[0]}{t[1] if t[0][0] != '*' else ''}{t[2]}{t[3]}\n")
EXHIBIT_LINES = {
    "LABEL": _line(st.sampled_from(["(d) Exhibits.", "EXHIBITS", "c. Exhibits:",
                                    "List of Exhibits"])),
    "LETTERED_LABEL": _line(st.sampled_from(["(c) The following exhibits are filed herewith:",
                                             "(d) Exhibits furnished with this report"])),
    "HEADER": _line(st.sampled_from(["Exhibit No.   Description",
                                     "Number   Description of Exhibit   Page",
                                     "Designation   Description   Method of Filing"])),
    "COLUMN_TITLES": _line(st.sampled_from(["Exhibit. Page", "Number"])),
    "RULE": _line(st.sampled_from(["-----------   -----------", "______", "* * *"])),
    "PAGE_NUMBER": _line(st.sampled_from(["-3-", "  12", "Page 4"])),
    "STRAY_MARK": _line(st.just("*")),
    "NOT_APPLICABLE": st.sampled_from(["\n     Not applicable.\n", "\nNone.\n", "N/A\n"]),
    "NOTE": st.sampled_from(["\n(previously filed)\n", "\nIncorporated by reference.\n"]),
    "REMARK": _line(st.just("(Schedules omitted.)")),
    "CONTINUED": _line(st.just("EXHIBIT INDEX (continued)")),
    "LEGEND": st.tuples(_marks.filter(bool), st.sampled_from([
        "Previously filed.", "Filed herewith.", "Incorporated by reference to the Form 10-K."]))
    .map(lambda t: f"\n{t[0]} {t[1]}\n"),
    "ROW": _row,
    "KIND_HEAD": _row,
    "CONTINUATION": _line(st.tuples(st.sampled_from(["", "    ", "              "]), _prose)
                          .map("".join)),
    "TEXT": st.one_of(_line(_prose), _line(_prose).map(lambda s: "\n" + s)),
}
ITEM_9_01 = "FORM 8-K\n\nItem 9.01 Financial Statements and Exhibits.\n\n"
# under a label or not: a list without one is read strictly
_heads = st.sampled_from([ITEM_9_01, ITEM_9_01 + "(d) Exhibits.\n"])


def _exhibit_fields(exhibits) -> list[tuple[str, str | None, bool]]:
    return [(e.number.value, e.description.value if e.description else None,
             e.incorporated_by_reference) for e in exhibits]


@given(_heads, from_lark(load("exhibits.lark"), explicit=EXHIBIT_LINES))
def test_generated_exhibit_lists_read_back_the_same(head, listed):
    filing = check_properties((head + listed).encode())
    again = parse_source((ITEM_9_01 + exhibit_list(filing.exhibits)).encode()).filing
    assert _exhibit_fields(again.exhibits) == _exhibit_fields(filing.exhibits)
# ------------------------------------------------------------ the signature block

_people = st.sampled_from(["Jane Q. Public", "Richard Sands", "C. Michael Hamilton",
                           "Robert B. Holland, III", "Teresa M. Okonkwo", "JOHN E. RAYL"])
_offices = st.sampled_from(["Treasurer", "Chief Financial Officer", "Vice President and "
                            "Controller", "President", "Assistant Secretary"])
_companies = st.sampled_from(["ACME WIDGETS, INC.", "Osprey Hollow Orchards, Inc.",
                              "GRANITE PEAK ELECTRIC COMPANY", "WIDGET HOLDINGS LP",
                              "NORTH FORK", "BANCORPORATION, INC."])
_marks = st.sampled_from(["/s/ ", "/S/ ", "s/", "\\s\\ ", "/s/"])
_space = st.sampled_from(["", "", "", "                                        "])


def _sig_line(strategy):
    """A line of a signature block: indented or not, a blank line after it or not."""
    return st.tuples(_space, strategy, st.sampled_from(["\n", "\n", "\n\n"])).map("".join)


# Lines of the signature block (grammar/signatures.lark, rule `block`), one strategy
# per terminal: the line kinds and the roles the passes give lines.
SIGNATURE_TERMINALS = {
    "EXCHANGE_ACT": _sig_line(st.sampled_from([
        "Pursuant to the requirements of the Securities Exchange Act of 1934, the "
        "registrant has duly caused this report to be signed on its behalf by the "
        "undersigned hereunto duly authorized.",
        "Pursuant to the requirements of the Securities and Exchange Act of 1934, the\n"
        "Registrant has duly caused this report to be signed on its behalf by the\n"
        "undersigned thereunto duly authorized on this 8th day of January, 2025."])),
    "PURSUANT": _sig_line(st.just("Pursuant to General Instruction B.2 of Form 8-K, "
                                  "this information is furnished.")),
    "LONG_LINE": _sig_line(st.just("word " * 450)),
    "PROSE": _sig_line(st.lists(_words, min_size=19, max_size=25).map(" ".join)),
    "WORDY": _sig_line(st.lists(_words, min_size=14, max_size=18).map(" ".join)),
    "TEXT": _sig_line(_prose),
    "DATE_LINE": _sig_line(_dates.map(lambda d: f"Date: {d}")),
    "DATE_BLANK": _sig_line(st.sampled_from(["Date: ____________", "Dated:"])),
    "LEFT_DATE": _sig_line(_dates.map(lambda d: f"Dated: {d}")),
    "RULE": _sig_line(st.just("------------------------------")),
    "CAPTION": _sig_line(st.sampled_from(["(Registrant)", "(Signature)", "REGISTRANT"])),
    "DESCRIPTION": _sig_line(st.just("(a Delaware corporation)")),
    "REGISTRANT": _sig_line(_companies),
    "CAPACITY": _sig_line(st.sampled_from(["By: Widget GP LLC, its Managing Member",
                                           "By: Acme Capital Management Corporation,\n"
                                           "General Partner"])),
    "BY_CONFORMED": _sig_line(st.tuples(_marks, _people).map(lambda t: f"By: {t[0]}{t[1]}")),
    "BY_TYPED": _sig_line(_people.map(lambda p: f"By: {p}")),
    "BY_BLANK": _sig_line(st.sampled_from(["By:", "By: ______________"])),
    "CONFORMED": _sig_line(st.tuples(_marks, _people).map("".join)),
    "SIGNED_UNDER": _sig_line(_people.map(lambda p: f"/s/ {p}")),
    "BY_UNDER": _sig_line(st.just("By: ____________________")),
    "TYPED_SIGNATURE": _sig_line(st.tuples(_people, _offices).map(", ".join)),
    "TYPED_NAME": _sig_line(_people),
    "NAME_PART": _sig_line(st.just("Jane Q.")),
    "TITLE_TEXT": _sig_line(_offices),
    "NAME_LINE": _sig_line(_people.map(lambda p: f"Name: {p}")),
    "TITLE_LINE": _sig_line(_offices.map(lambda o: f"Title: {o}")),
}
_SIGNATURE_HEAD = "FORM 8-K\n\nItem 8.01 Other Events.\n\nThe company moved.\n\nSIGNATURES\n\n"


def _signature_fields(filing: Filing) -> list[tuple]:
    return [(s.registrant.value if s.registrant else None, s.name.value if s.name else None,
             s.title.value if s.title else None,
             str(s.date.value) if s.date and s.date.value else None, s.conformed)
            for s in filing.signatures]


@given(from_lark(load("signatures.lark", "block"), start="block",
                 explicit=SIGNATURE_TERMINALS))
def test_generated_signature_blocks_round_trip(block):
    from eightk.render.text import signature_block

    filing = check_properties((_SIGNATURE_HEAD + block).encode())
    text = signature_block(filing.signatures)
    # a line of 14 words is a sentence to the reader, not a registrant's name
    assume(all(len(line.split()) < 14 for line in text.splitlines()[3:]))
    again = check_properties((_SIGNATURE_HEAD + text).encode())
    assert _signature_fields(again) == _signature_fields(filing)

# ------------------------------------------------------------ cover pages

def _read_cover(text: str):
    source = SourceText(text)
    layout = text_layout(source, 0, len(text), False)
    text = layout.text  # the lines as laid out (tabs expanded), where spans point
    lines = [Line(t.type, text[t.start_pos:t.end_pos], t.start_pos, t.end_pos, t.line)
             for t in lex(text, body_vocabulary(), lines_of(text))]
    return read_cover(lines, None, layout)[0]


def _cover_fields(cover) -> object:
    """A cover's values with single spaces (runs of spaces are layout), without where
    they were read nor the check boxes' lines as written (their glyph and state are
    compared)."""
    def strip(value, key=""):
        if isinstance(value, dict):
            return {k: strip(v, k) for k, v in value.items()
                    if k != "span" and not (k == "text" and key == "box")}
        if isinstance(value, list):
            return [strip(v, "box" if key in ("check_boxes",) else key) for v in value]
        if isinstance(value, str):
            return " ".join(value.split())
        return value
    data = msgspec.to_builtins(cover)
    for key in ("emerging_growth_company", "extended_transition_period"):
        if data.get(key):
            data[key].pop("text", None)
    return strip(data)


_OPEN_HEADER = ("    State or other       Commission       IRS Employer\n"
                "    jurisdiction         File Number      Identification No.\n")


@given(COVERS)
# found by this test: a header row's captions read as values (a date line without
# its line end ran into the header row below it), a date under a header row read
# as the state of incorporation
@example(_OPEN_HEADER + "maY 01900" + _OPEN_HEADER)
@example(_OPEN_HEADER + "maY 01900\n" + _OPEN_HEADER)
@example(_OPEN_HEADER + "may 01900")
def test_generated_cover_pages_round_trip(text):
    """A cover page generated from grammar/cover.lark reads without raising (alone,
    and as an 8-K text), and written back in the canonical layout it reads the same."""
    check_properties(text.encode())
    cover = _read_cover(text)
    if cover is None:
        return
    # The canonical layout starts each registrant with its name over the name
    # caption; one without a name can only stand alone (its fields would go to the
    # registrant named next).
    assume(len(cover.registrants) < 2 or all(r.name for r in cover.registrants))
    again = _read_cover(cover_text(cover))
    assert again is not None and _cover_fields(again) == _cover_fields(cover)


# ------------------------------------------------------------ mutations

def _mutate(data: bytes, ops: list[tuple[str, int, int]]) -> bytes:
    for op, a, b in ops:
        if not data:
            return data
        i = a % len(data)
        lines = data.split(b"\n")
        j = a % len(lines)
        if op == "flip":
            data = data[:i] + bytes([data[i] ^ (1 << (b % 8))]) + data[i + 1:]
        elif op == "delete-line":
            data = b"\n".join(lines[:j] + lines[j + 1:])
        elif op == "repeat-line":
            data = b"\n".join(lines[: j + 1] + [lines[j]] + lines[j + 1:])
        elif op == "truncate":
            data = data[:i]
        elif op == "nul":
            data = data[:i] + b"\x00" * (1 + b % 4) + data[i:]
        elif op == "control":
            data = data[:i] + bytes([b % 32]) + data[i:]
        elif op == "cut-tag":
            at = data.find(b"<", i)
            if at != -1:
                data = data[: at + 2] + b"\n" + data[at + 2:]
        elif op == "line-ends":
            ends = [b"\n", b"\r\n", b"\r"]
            data = b"".join(line + ends[(k + b) % 3] for k, line in enumerate(lines))
        elif op == "encoding":
            text = data.decode("latin-1")
            codec = ["utf-8", "utf-16", "cp1252", "latin-1"][b % 4]
            data = text.encode(codec, errors="replace")
    return data


_ops = st.lists(st.tuples(
    st.sampled_from(["flip", "delete-line", "repeat-line", "truncate", "nul", "control",
                     "cut-tag", "line-ends", "encoding"]),
    st.integers(min_value=0, max_value=1 << 30), st.integers(min_value=0, max_value=255),
), min_size=1, max_size=6)


@given(st.sampled_from(SAMPLES), _ops)
def test_mutated_samples(path, ops):
    check_properties(_mutate(path.read_bytes(), ops))


@pytest.mark.skipif(not REAL, reason="../shared/corpus is not here")
@given(st.sampled_from(REAL or [CORPUS / "text-2006-sub.txt"]), _ops)
@settings(max_examples=4000 if LONG else 40)
def test_mutated_real_filings(path, ops):
    check_properties(_mutate(path.read_bytes(), ops))


@pytest.mark.parametrize("sample", ["text-2006-sub.txt", "html-2021-8ka-sub.txt",
                                    "tagged-2024-sub.nc"])
def test_truncation_at_every_line(sample):
    data = (CORPUS / sample).read_bytes()
    cuts = [m.end() for m in re.finditer(rb"\n", data) if m.end() < len(data.rstrip())]
    for cut in cuts[:: max(1, len(cuts) // 150)]:
        filing = check_properties(data[:cut])
        if filing.source.shape == "submission":
            assert "truncated-envelope" in {d.name for d in filing.diagnostics}


def test_one_damaged_line_keeps_everything_else():
    data = (CORPUS / "text-2006-sub.txt").read_bytes()
    clean = parse_source(data).filing
    lines = data.split(b"\n")
    rng = random.Random(5)
    first = next(i for i, line in enumerate(lines) if line.startswith(b"Item 1.01"))
    last = next(i for i, line in enumerate(lines) if line.strip() == b"SIGNATURE")
    body = [i for i in range(first + 3, last) if len(lines[i]) > 40
            and not lines[i].lstrip().startswith((b"Item", b"ITEM", b"99.1", b"10.1"))]

    def values(filing):
        return ([(x.key, x.title) for x in filing.items],
                [{k: v.value for k, v in msgspec.structs.asdict(r).items() if v}
                 for r in filing.cover.registrants],
                [e.number.value for e in filing.exhibits],
                [(g.name.value, g.conformed) for g in filing.signatures],
                [(d.type.value, d.format) for d in filing.documents])

    for i in rng.sample(body, 12):
        junk = bytes(rng.randrange(32, 256) for _ in range(60))
        damaged = b"\n".join(lines[:i] + [junk] + lines[i + 1:])
        assert values(check_properties(damaged)) == values(clean)


def test_same_output_in_another_process():
    sample = CORPUS / "ixbrl-2023-8k.htm"
    here = to_json(parse_source(sample).filing)
    there = subprocess.run([sys.executable, str(ROOT / "cli.py"), "parse", str(sample)],
                           capture_output=True, check=True).stdout.decode()
    assert there.strip() == here.strip()


@pytest.mark.parametrize("data", [
    b"<!DOCTYPE html [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;"
    b"&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
    b"<html><body><p>FORM 8-K</p><p>Item 8.01 Other Events &lol3;</p></body></html>",
    b"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
    b"<html xmlns:ix=\"http://www.xbrl.org/2013/inlineXBRL\"><body><p>Item 8.01 Other Events"
    b"</p><ix:nonNumeric name=\"dei:EntityRegistrantName\">&xxe;</ix:nonNumeric></body></html>",
    b"<html><body>" + b"<div>" * 100_000 + b"Item 8.01 Other Events" + b"</div>" * 100_000
    + b"</body></html>",
])
def test_entities_and_deep_nesting_are_inert(data):
    filing = check_properties(data)
    text = to_json(filing)
    assert "root:" not in text  # no file was read into the output
    assert text.count("lol") < 100  # no entity was expanded


@pytest.mark.parametrize("data, expected", [
    ((CORPUS / "text-2006-sub.txt").read_bytes().replace(
        b"CONFORMED SUBMISSION TYPE:\t8-K", b"CONFORMED SUBMISSION TYPE:\t10-K"), "not-an-8k"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 100, "binary-input"),
    (random.Random(3).randbytes(100_000), "binary-input"),
])
def test_not_an_8k_at_all(data, expected):
    filing = check_properties(data)
    assert expected in {d.name for d in filing.diagnostics}
