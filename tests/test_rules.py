"""Every rule: documented, triggered by an example, silent on clean filings."""

from __future__ import annotations

import csv
import os

import pytest
from conftest import CORPUS, ROOT
from eightk import parse_source
from eightk.body.lexer import BodyTokens, vocabulary
from eightk.body.reader import read_body
from eightk.checks.validate import validate
from eightk.codes import RULES
from eightk.layout.text import text_layout
from eightk.lexing import lex, lines_of
from eightk.render.diagnostics import explain
from eightk.source.text import SourceText
from rule_examples import (
    BARE,
    EXTRACTION,
    SUBMISSION,
    example,
    malformed_sample,
    module_text,
    rendered_examples,
)

MANIFEST = list(csv.DictReader((CORPUS / "MANIFEST.tsv").open(), delimiter="\t"))
CLEAN = [row["file"] for row in MANIFEST if row["expected"] == "-"]


def names(data: bytes) -> set[str]:
    return {d.name for d in validate(parse_source(data))}


def _malformed(name: str) -> bytes:
    path = malformed_sample(name)
    assert path is not None, name
    return path.read_bytes()


def _example(name: str) -> bytes:
    return example(name)[1]


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_is_explained(code):
    rule = RULES[code]
    assert rule.summary and rule.explanation and len(rule.explanation) > 60
    text = explain(code)
    assert text is not None and rule.name in text and rule.explanation in text
    assert explain(rule.name) == text
    # an example of the rule being reported, and no pointer back to this very page
    body, example_marker, shown = text.partition("\nExample: ")
    assert example_marker and f"[{code}]" in shown
    assert f"eightk explain {code}" not in body


def test_explain_examples_are_what_eightk_reports(tmp_path):
    """parser/rule_examples.py is regenerated from the triggering examples, so what
    `eightk explain` shows is what `eightk check` prints today."""
    text = module_text(rendered_examples(tmp_path))
    path = ROOT / "parser" / "rule_examples.py"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        path.write_text(text)
    assert path.read_text() == text


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


# ------------------------------------------------------------ registrants (K509, K510)

def _corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def _without_second_filer(data: bytes) -> bytes:
    first = data.index(b"FILER:")
    second = data.index(b"FILER:", first + 1)
    end = data.index(b"</SEC-HEADER>") if b"</SEC-HEADER>" in data else data.index(
        b"</IMS-HEADER>")
    return data[:second] + data[end:]


def test_a_cover_naming_more_registrants_than_the_header_is_not_reported():
    # asset-backed covers name a sponsor beside the filers: only a cover naming
    # fewer registrants than the header (or the XBRL) is reported
    data = _without_second_filer(_corpus("text-1994-two-registrants-sub.txt"))
    assert "registrant-count-mismatch" not in names(data)


def test_inline_xbrl_naming_fewer_registrants_than_the_header():
    data = _corpus("ixbrl-2021-coregistrant-sub.txt").replace(
        b'<ix:nonNumeric contextRef="c-2" name="dei:EntityRegistrantName" id="f-18">'
        b'Sierra Ridge Power Company</ix:nonNumeric>', b"Sierra Ridge Power Company")
    found = [d for d in validate(parse_source(data)) if d.name == "registrant-count-mismatch"]
    assert [d.message for d in found] == [
        "registrants: the cover page names 2 registrants, the header 2 filers, the inline XBRL "
        "1 registrant (dei:EntityRegistrantName)"]


def test_the_coregistrant_samples_agree_on_their_registrants():
    for name, count in (("text-2012-coregistrant-sub.txt", 4),
                        ("html-2016-coregistrant-sub.txt", 3),
                        ("ixbrl-2021-coregistrant-sub.txt", 2),
                        ("text-1994-registrant-table-sub.txt", 2)):
        parsed = parse_source(_corpus(name))
        assert len(parsed.filing.cover.registrants) == count, name
        assert not {"registrant-count-mismatch", "registrant-fields-missing"} & {
            d.name for d in validate(parsed)}, name
    # the second registrant's facts are tagged under its legal-entity member
    facts = parse_source(_corpus("ixbrl-2021-coregistrant-sub.txt")).filing.xbrl_cover.facts
    assert [(f.value, f.entity) for f in facts if f.name == "dei:EntityRegistrantName"] == [
        ("Sierra Ridge Energy, Inc.", None),
        ("Sierra Ridge Power Company", "sre:SierraRidgePowerCompanyMember")]


def test_a_field_no_registrant_gives_is_reported_once_for_the_cover():
    data = _corpus("text-1994-two-registrants-sub.txt")
    for number in (b"1-7514  ", b"1-3482  "):
        data = data.replace(number, b" " * len(number))
    found = [d for d in validate(parse_source(data)) if d.name == "registrant-fields-missing"]
    assert [d.message for d in found] == [
        "the cover page gives none of its 2 registrants a commission file number (for "
        "CENTRAL PLAINS UTILITIES COMPANY, the header has `001-07514`)"]


def test_a_field_missing_from_one_block_of_a_combined_cover():
    parsed = parse_source(_malformed("registrant-fields-missing"))
    (found,) = [d for d in validate(parsed) if d.name == "registrant-fields-missing"]
    text = parsed.source.text
    assert text[found.span.start:found.span.end] == "Cascade Valley Gas Company"
    # the header's values are pointed at
    assert sorted(text[label.span.start:label.span.end] for label in found.labels
                  if not label.primary) == ["910744019", "WA"]
