"""Every rule: documented, triggered by an example, silent on clean filings."""

from __future__ import annotations

import csv
import re

import pytest
from conftest import CORPUS
from eightk import parse_source
from eightk.body.lexer import BodyTokens, vocabulary
from eightk.body.reader import read_body
from eightk.checks.validate import validate
from eightk.codes import RULES
from eightk.layout.text import text_layout
from eightk.lexing import lex, lines_of
from eightk.render.diagnostics import explain
from eightk.source.text import SourceText

MANIFEST = list(csv.DictReader((CORPUS / "MANIFEST.tsv").open(), delimiter="\t"))
CLEAN = [row["file"] for row in MANIFEST if row["expected"] == "-"]
SUBMISSION = (CORPUS / "text-2006-sub.txt").read_bytes()
BARE = (CORPUS / "text-2003-items-9-12-8k.txt").read_bytes()


def names(data: bytes) -> set[str]:
    return {d.name for d in validate(parse_source(data))}


def _malformed(name: str) -> bytes:
    (path,) = [p for p in (CORPUS / "malformed").iterdir() if p.stem == name] or [None]
    return path.read_bytes()


# Examples for rules that have no malformed sample of their own name.
SYNTHETIC = {
    "empty-file": b"",
    "binary-input": b"%PDF-1.4\n" + bytes(range(256)) * 10,
    "unusual-encoding": (CORPUS / "malformed" / "latin1-encoded.txt").read_bytes(),
    "unusual-line-ends": (CORPUS / "malformed" / "cr-only-line-ends.txt").read_bytes(),
    "not-an-8k": SUBMISSION.replace(b"CONFORMED SUBMISSION TYPE:\t8-K",
                                    b"CONFORMED SUBMISSION TYPE:\t10-K"),
    "envelope-syntax": SUBMISSION.replace(b"FILED AS OF DATE:", b"just a stray line\n"
                                          b"FILED AS OF DATE:", 1),
    "mismatched-header-tag": (CORPUS / "header-only-tagged.hdr.sgml").read_bytes()
    .replace(b"</COMPANY-DATA>", b"</FILING-VALUES>", 1),
    "no-8k-document": SUBMISSION.replace(b"<TYPE>8-K\n", b"<TYPE>EX-99.9\n", 1),
    "document-not-parsed": SUBMISSION.replace(b"<TEXT>\n", b"<TEXT>\n<PDF>\nbegin 644 x.pdf\n",
                                              1),
    "unbalanced-table-tags": BARE.replace(b"ITEM 9.", b"<TABLE>\nITEM 9.", 1),
    "no-items": BARE.replace(b"ITEM 7.", b"Note 7.").replace(b"ITEM 9.", b"Note 9."),
    "item-after-signatures": BARE + b"\nItem 8.01 Other Events.\n\nA late addition.\n",
    "missing-cover-page": b"Item 8.01 Other Events.\n\nThe company moved.\n",
    "missing-report-date": re.sub(rb"Date of Report[^\n]*", b"", BARE),
    "cik-mismatch": (CORPUS / "ixbrl-2019-8k12b-sub.txt").read_bytes().replace(
        b'name="dei:EntityCentralIndexKey" id="f-3">0009990123',
        b'name="dei:EntityCentralIndexKey" id="f-3">0009990124'),
    "item-wrong-era": (CORPUS / "malformed" / "item-wrong-era-1999.txt").read_bytes(),
    "amendment-mismatch": SUBMISSION.replace(b"    FORM 8-K\n", b"    FORM 8-K/A\n", 1),
    "long-line": BARE.replace(b"SIGNATURES", b"x" * 90 + b"\nSIGNATURES", 1),
    "non-ascii-character": BARE.replace(b"press release", "press release\u2014".encode(), 1),
}


def _example(name: str) -> bytes:
    if name in SYNTHETIC:
        return SYNTHETIC[name]
    return _malformed(name)


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_is_explained(code):
    rule = RULES[code]
    assert rule.summary and rule.explanation and len(rule.explanation) > 60
    text = explain(code)
    assert text is not None and rule.name in text and rule.explanation in text
    assert explain(rule.name) == text


# Rules of `eightk extract` (reading inputs), triggered through its machinery.
EXTRACTION = {"time-limit", "unreadable-input", "archive-error", "unsafe-archive-member",
              "member-too-large"}
TRIGGERED = [r.name for r in RULES.values() if r.name != "body-syntax"
             and r.name not in EXTRACTION]


@pytest.mark.parametrize("name", sorted(TRIGGERED))
def test_every_rule_has_a_triggering_example(name):
    assert name in names(_example(name))


def _extraction_names(tmp_path) -> set[str]:
    import io
    import tarfile
    import zipfile

    from eightk.bulk import extract, inputs

    with tarfile.open(tmp_path / "evil.tar", "w") as archive:
        info = tarfile.TarInfo("../up.txt")
        info.size = len(BARE)
        archive.addfile(info, io.BytesIO(BARE))
    with zipfile.ZipFile(tmp_path / "big.zip", "w") as archive:
        archive.writestr("big.txt", BARE * 4)
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really a zip")
    found = list(inputs.members([str(tmp_path / "evil.tar"), str(tmp_path / "big.zip"),
                                 str(tmp_path / "broken.zip"), str(tmp_path / "none.txt")],
                                limit=len(BARE) * 2))
    out = {m.error[0] for m in found if m.error}
    slow = extract.work(inputs.Member("x.txt", SUBMISSION), 1e-6)
    out |= {row["name"] for row in slow.tables["diagnostics"]}
    return out


def test_extraction_rules_have_triggering_examples(tmp_path):
    assert _extraction_names(tmp_path) == EXTRACTION


def test_body_syntax_from_an_impossible_token_order():
    # The lexer's explanatory_note_first pass never puts an explanatory note after
    # an item heading, so the grammar error path (B201) is exercised with a
    # hand-made token sequence.
    text = "Item 8.01 Other Events.\nEXPLANATORY NOTE\n"
    source = SourceText(text)
    layout = text_layout(source, 0, len(text), False)
    # the lexer's own tokens, in an order its passes would not give
    tokens = list(lex(text, vocabulary(), lines_of(text)))
    assert [t.type for t in tokens] == ["ITEM_HEAD", "EXPLANATORY_HEAD"]
    read_body(layout, BodyTokens(tokens, []))
    (found,) = [d for d in source.diagnostics if d.name == "body-syntax"]
    assert (found.span.line, found.span.column) == (2, 1)
    assert "no lark" not in found.message and "EXPLANATORY_HEAD" not in found.message


@pytest.mark.parametrize("row", MANIFEST, ids=lambda r: r["file"])
def test_samples_report_exactly_what_the_manifest_expects(row):
    expected = set() if row["expected"] == "-" else set(row["expected"].split(","))
    assert names((CORPUS / row["file"]).read_bytes()) == expected


@pytest.mark.parametrize("name", sorted(TRIGGERED))
def test_rules_are_silent_on_clean_samples(name):
    for file in CLEAN:
        assert name not in names((CORPUS / file).read_bytes()), file


def test_primary_span_points_at_the_problem():
    parsed = parse_source(_malformed("unknown-item"))
    (found,) = [d for d in validate(parsed) if d.name == "unknown-item"]
    text = parsed.source.text
    assert text[found.span.start : found.span.end] == "5.2"
    assert found.labels[0].primary


def test_select_ignore_and_severity():
    parsed = parse_source(_malformed("latin1-encoded"))
    everything = {d.name for d in validate(parsed)}
    assert {"unusual-encoding", "non-ascii-character"} <= everything
    assert {d.name for d in validate(parsed, select=["D"])} == {"unusual-encoding"}
    assert "unusual-encoding" not in {d.name for d in validate(parsed, ignore=["D003"])}
    assert validate(parsed, severity="warning") == [
        d for d in validate(parsed) if d.severity != "info"]
    with pytest.raises(KeyError):
        validate(parsed, select=["no-such-rule"])


def test_one_continuation_after_the_signatures_is_not_a_duplicate() -> None:
    # 1990s reports attach the financial statements after the signatures under the
    # item's heading again; a third heading of the same item is a real duplicate.
    again = b"\n<PAGE>\n\nITEM 7. FINANCIAL STATEMENTS AND EXHIBITS\n\nThe statements follow.\n"
    assert "duplicate-item" not in names(BARE + again)
    assert "duplicate-item" in names(BARE + again + again)
