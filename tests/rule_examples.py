"""A triggering example for every rule, and what `eightk explain` shows of it.

``SYNTHETIC`` damages the project's samples for rules that have no malformed
sample of their own name (corpus/malformed/<rule-name>.*). ``rendered(code)`` is
the example `eightk explain CODE` prints: what `eightk check` reports on the
example filing (only that rule's first diagnostic), or, for the rules of
`eightk extract`, the row its diagnostics table gets. tests/test_rules.py checks
that parser/rule_examples.py holds exactly these (UPDATE_SNAPSHOTS=1 rewrites it).
"""

from __future__ import annotations

import io
import json
import re
import tarfile
import zipfile
from pathlib import Path

from conftest import CORPUS, ROOT

SUBMISSION = (CORPUS / "text-2006-sub.txt").read_bytes()
BARE = (CORPUS / "text-2003-items-9-12-8k.txt").read_bytes()

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

# Rules of `eightk extract` (reading inputs), triggered through its command line.
EXTRACTION = {"time-limit", "unreadable-input", "archive-error", "unsafe-archive-member",
              "member-too-large"}


def malformed_sample(name: str) -> Path | None:
    found = [p for p in (CORPUS / "malformed").iterdir() if p.stem == name]
    return found[0] if found else None


def example(name: str) -> tuple[str, bytes]:
    """The shown path and the bytes of the filing that triggers rule ``name``."""
    if name in SYNTHETIC:
        return f"{name}.txt", SYNTHETIC[name]
    path = malformed_sample(name)
    if path is None:
        raise KeyError(name)
    return path.relative_to(ROOT).as_posix(), path.read_bytes()


def _check_example(name: str) -> str:
    from eightk import parse_source
    from eightk.checks.validate import validate
    from eightk.render.diagnostics import format_full

    shown, data = example(name)
    parsed = parse_source(data, shown)
    found = [d for d in validate(parsed) if d.name == name]
    if not found:
        raise AssertionError(f"the example of {name} does not trigger it")
    text = format_full(found[0], parsed.source, shown, parsed.layout).plain
    where = (f"`eightk check {shown}` (a sample in eightk's repository) reports:"
             if shown.startswith("corpus/") else
             f"`eightk check {shown}` ({_how(name)}) reports:")
    return where + "\n\n" + text


def _how(name: str) -> str:
    return {
        "empty-file": "an empty file",
        "binary-input": "a PDF",
        "unusual-encoding": "a filing in Latin-1",
        "unusual-line-ends": "a filing with CR line ends",
        "not-an-8k": "a submission of type 10-K",
        "envelope-syntax": "a stray line in the header",
        "mismatched-header-tag": "a header with a wrong closing tag",
        "no-8k-document": "a submission whose documents include no 8-K",
        "document-not-parsed": "an 8-K document that is a uuencoded PDF",
        "unbalanced-table-tags": "a <TABLE> never closed",
        "no-items": "an 8-K text without item headings",
        "item-after-signatures": "an item heading after the signatures",
        "missing-cover-page": "an 8-K text that starts with an item",
        "missing-report-date": "a cover page without its date of report",
        "cik-mismatch": "inline XBRL giving another CIK than the header",
        "item-wrong-era": "Item 2.02 in a 1999 filing",
        "amendment-mismatch": "a cover saying 8-K/A in an 8-K submission",
        "long-line": "a 90-character line",
        "non-ascii-character": "an em dash in an ASCII filing",
    }[name]


def _body_syntax_example() -> str:
    # The lexer's explanatory_note_first pass never puts an explanatory note after
    # an item heading, so the grammar error path (B201) is shown with the lexer's
    # own tokens in that order.
    from eightk.body.lexer import BodyTokens, vocabulary
    from eightk.body.reader import read_body
    from eightk.layout.text import text_layout
    from eightk.lexing import lex, lines_of
    from eightk.render.diagnostics import format_full
    from eightk.source.text import SourceText

    text = "Item 8.01 Other Events.\nEXPLANATORY NOTE\n"
    source = SourceText(text)
    layout = text_layout(source, 0, len(text), False)
    tokens = list(lex(text, vocabulary(), lines_of(text)))
    read_body(layout, BodyTokens(tokens, []))
    (found,) = [d for d in source.diagnostics if d.name == "body-syntax"]
    return ("the body grammar reports, for an explanatory note read after an item heading "
            "(a token order the lexer itself avoids, so this one was made by hand):\n\n"
            + format_full(found, source, "example.txt").plain)


def _extraction_examples(folder: Path) -> dict[str, str]:
    """Each extraction rule's row, from `eightk extract` run on inputs that trigger it."""
    from eightk.commands import app
    from typer.testing import CliRunner

    with tarfile.open(folder / "evil.tar", "w") as archive:
        info = tarfile.TarInfo("../up.txt")
        info.size = len(BARE)
        archive.addfile(info, io.BytesIO(BARE))
    with zipfile.ZipFile(folder / "big.zip", "w") as archive:
        archive.writestr("big.txt", BARE * 400)
    (folder / "broken.zip").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "slow.txt").write_bytes(SUBMISSION * 100)
    runs = {
        "unsafe-archive-member": ["evil.tar"],
        "member-too-large": ["big.zip", "--max-size", "1"],
        "archive-error": ["broken.zip"],
        "unreadable-input": ["missing.txt"],
        "time-limit": ["slow.txt", "--timeout", "0.001", "--workers", "1"],
    }
    out = {}
    runner = CliRunner()
    import os

    here = Path.cwd()
    os.chdir(folder)
    try:
        for name, args in runs.items():
            result = runner.invoke(app, ["extract", *args])
            rows = [row for line in result.stdout.splitlines() if line.strip()
                    for row in json.loads(line).get("diagnostics", []) if row["name"] == name]
            if not rows:
                raise AssertionError(f"`eightk extract {' '.join(args)}` did not give {name}")
            row = rows[0]
            out[name] = (f"`eightk extract {' '.join(args)}` records in its diagnostics "
                         f"table:\n\n{row['severity']}[{row['code']}]: {row['message']}")
    finally:
        os.chdir(here)
    return out


def rendered_examples(folder: Path) -> dict[str, str]:
    """The example text of every rule, by code."""
    from eightk.codes import RULES

    extraction = _extraction_examples(folder)
    out = {}
    for code, rule in sorted(RULES.items()):
        if rule.name in EXTRACTION:
            text = extraction[rule.name]
        elif rule.name == "body-syntax":
            text = _body_syntax_example()
        else:
            text = _check_example(rule.name)
        out[code] = "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))
    return out


def module_text(examples: dict[str, str]) -> str:
    """parser/rule_examples.py holding ``examples``."""
    parts = [
        '"""What `eightk explain` shows as each rule\'s example: what eightk reports on a',
        "filing that breaks the rule (generated by tests/rule_examples.py from the",
        "project's samples; tests/test_rules.py checks it is current, UPDATE_SNAPSHOTS=1",
        'rewrites it)."""',
        "",
        "# ruff: noqa: E501",
        "",
        "EXAMPLES: dict[str, str] = {",
    ]
    for code, text in examples.items():
        if "'''" in text or text.endswith(("\\", "'")):
            raise AssertionError(f"the example of {code} cannot be a raw string")
        parts.append(f"    {code!r}: r'''{text}''',")
    parts.append("}")
    return "\n".join(parts) + "\n"
