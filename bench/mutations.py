"""Mutation suite: damage valid filings systematically; does `eightk check` notice?

For each mutation kind, every applicable filing is mutated once (or several
times, with --per-file) and checked. A mutation is *detected* when a diagnostic
of the expected rules appears that the unmutated filing did not have, and
*located* when that diagnostic's primary span is on the mutated line (for a
deletion: the line that now stands where the deleted one was; for a header
change: the changed header line).

    python bench/mutations.py [--corpus ../shared/corpus] [--project-only] [--per-file N]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eightk import parse_source  # noqa: E402
from eightk.checks.validate import validate  # noqa: E402


class Mutant(NamedTuple):
    data: bytes
    line: int | None  # 1-based line of the mutation in the mutated file


class Kind(NamedTuple):
    name: str
    expected: frozenset[str]
    make: Callable[[bytes, random.Random], Mutant | None]
    removes: bool = False  # the mutated line is gone: "located" means within two lines
    # a deleted heading is only noticed through the header's declaration, where the
    # diagnostic points: there is no place in the text to point at
    locatable: bool = True


ITEM_LINE = re.compile(rb"(?im)^[ \t]*items?[ \t]+(\d{1,2}(?:\.\d{2})?)\b[^\n]*$")
CONTENTS_ENTRY = re.compile(rb"\.{4,}[ \t]*\d*[ \t]*$")


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _body_region(data: bytes) -> tuple[int, int]:
    """Byte range of the 8-K document's text (the first <TEXT> block, or all)."""
    start = data.find(b"<TEXT>")
    if start == -1:
        return 0, len(data)
    end = data.find(b"</TEXT>", start)
    return start, end if end != -1 else len(data)


def _headings(data: bytes) -> list[re.Match[bytes]]:
    a, b = _body_region(data)
    # contents entries ("Item 5 - Other Events.......... 3") are not headings
    return [m for m in ITEM_LINE.finditer(data, a, b) if not CONTENTS_ENTRY.search(m.group())]


def delete_heading(data: bytes, rng: random.Random) -> Mutant | None:
    """Delete the heading of a reported item that the header declares, and that
    appears once: only the header can show that a heading is gone."""
    if not data.isascii() or b"\r" in data:
        return None  # the parser's offsets are byte offsets only in ASCII with LF ends
    filing = parse_source(data).filing
    declared = {i.canonical or i.number for i in (filing.header.items if filing.header else [])
                if i.number}
    keys = [i.canonical or i.key for i in filing.items]
    targets = [i for i in filing.items if (i.canonical or i.key) in declared
               and keys.count(i.canonical or i.key) == 1 and not i.combined and i.heading.span]
    if not targets:
        return None
    span = rng.choice(targets).heading.span
    start = span.start - (span.column - 1)
    end = data.find(b"\n", span.start)
    end = len(data) if end == -1 else end + 1
    return Mutant(data[:start] + data[end:], _line_of(data, start))


def misnumber(data: bytes, rng: random.Random) -> Mutant | None:
    found = _headings(data)
    if not found:
        return None
    m = rng.choice(found)
    number = m.group(1)
    wrong = {True: [b"5.2", b"2.22", b"9.10", b"4.5"], False: [b"13", b"15", b"0"]}[b"." in number]
    wrong = [w for w in wrong if w != number]
    return Mutant(data[: m.start(1)] + rng.choice(wrong) + data[m.end(1):],
                  _line_of(data, m.start()))


def drop_signatures(data: bytes, rng: random.Random) -> Mutant | None:
    a, b = _body_region(data)
    m = re.compile(rb"(?im)^[ \t]*signatures?[ \t]*$").search(data, a, b)
    if m is None:
        return None
    return Mutant(data[: m.start()] + data[b:], _line_of(data, m.start()))


DATE = re.compile(rb"(?i)(date of report[^\n]{0,80}?)(january|february|march|april|may|june|july"
                  rb"|august|september|october|november|december)\s+\d{1,2},?\s+(\d{4})")


def break_date(data: bytes, rng: random.Random) -> Mutant | None:
    m = DATE.search(data)
    if m is None:
        return None
    broken = b"February 30, " + m.group(3)
    return Mutant(data[: m.start(2)] + broken + data[m.end():], _line_of(data, m.start(2)))


def remove_document_close(data: bytes, rng: random.Random) -> Mutant | None:
    found = [m.start() for m in re.finditer(rb"(?m)^</DOCUMENT>\r?\n", data)]
    if not found or data.count(b"<DOCUMENT>") < 1:
        return None
    at = rng.choice(found)
    end = data.index(b"\n", at) + 1
    return Mutant(data[:at] + data[end:], _line_of(data, at))


def truncate(data: bytes, rng: random.Random) -> Mutant | None:
    if not data.lstrip().startswith((b"<SEC-DOCUMENT>", b"-----BEGIN", b"<SUBMISSION>",
                                     b"<IMS-DOCUMENT>")):
        return None
    first_doc = data.find(b"<TEXT>")
    if first_doc == -1:
        return None
    starts = [m.end() for m in re.finditer(rb"\n", data) if m.end() > first_doc + 8]
    starts = [s for s in starts if s < len(data) - 200]
    if not starts:
        return None
    cut = rng.choice(starts)
    return Mutant(data[:cut], _line_of(data, cut))


def duplicate_heading(data: bytes, rng: random.Random) -> Mutant | None:
    found = _headings(data)
    if len(found) < 2:
        return None
    m = rng.choice(found[:-1])
    nxt = found[found.index(m) + 1]
    copy = data[m.start():m.end()] + b"\n\nThe same item again.\n\n"
    return Mutant(data[: nxt.start()] + copy + data[nxt.start():], _line_of(data, nxt.start()))


HEADER_ITEM = re.compile(rb"(?m)^(ITEM INFORMATION:[ \t]+)([A-Za-z][^\r\n]*)$")


def change_declared_item(data: bytes, rng: random.Random) -> Mutant | None:
    found = list(HEADER_ITEM.finditer(data))
    if not found or not _headings(data):
        return None
    m = rng.choice(found)
    current = m.group(2).lower()
    new_era = b"Regulation FD" not in m.group(2) and re.search(
        rb"CONFORMED PERIOD OF REPORT:\s+(20(?:0[5-9]|[1-2]\d))", data)
    choices = ([b"Regulation FD Disclosure", b"Material Impairments", b"Other Events"]
               if new_era else [b"Change in fiscal year", b"Bankruptcy or receivership",
                                b"Other events"])
    choices = [c for c in choices if c.lower() != current]
    return Mutant(data[: m.start(2)] + rng.choice(choices) + data[m.end(2):],
                  _line_of(data, m.start()))


IRS = re.compile(rb"(?<![\d-])(\d{2})-(\d{7})(?![\d-])")


def change_irs(data: bytes, rng: random.Random) -> Mutant | None:
    if b"IRS NUMBER:" not in data and b"<IRS-NUMBER>" not in data and b"EIN:" not in data:
        return None
    a, b = _body_region(data)
    m = IRS.search(data, a, min(b, a + 20000))
    if m is None:
        return None
    digits = bytearray(m.group(2))
    i = rng.randrange(7)
    digits[i] = ord(str((int(chr(digits[i])) + 1 + rng.randrange(8)) % 10))
    return Mutant(data[: m.start(2)] + bytes(digits) + data[m.end(2):], _line_of(data, m.start()))


KINDS = [
    Kind("delete an item heading", frozenset({"declared-item-missing", "no-items"}),
         delete_heading, removes=True, locatable=False),
    Kind("misnumber an item", frozenset({"unknown-item", "item-wrong-era"}), misnumber),
    Kind("drop the signature block", frozenset({"missing-signatures"}), drop_signatures,
         removes=True),
    Kind("break the date of report", frozenset({"malformed-report-date"}), break_date),
    Kind("remove a </DOCUMENT>", frozenset({"missing-document-close", "truncated-envelope"}),
         remove_document_close, removes=True),
    Kind("truncate at a random line", frozenset({"truncated-envelope"}), truncate, removes=True),
    Kind("duplicate an item heading", frozenset({"duplicate-item"}), duplicate_heading),
    Kind("change a declared header item",
         frozenset({"declared-item-missing", "undeclared-item"}), change_declared_item),
    Kind("change the IRS number", frozenset({"irs-number-mismatch"}), change_irs),
]


def _findings(data: bytes) -> list:
    return validate(parse_source(data))


def run(files: list[Path], per_file: int = 1, seed: int = 8) -> dict[str, tuple[int, int, int]]:
    """kind -> (mutants, detected, located)."""
    rng = random.Random(seed)
    out: dict[str, tuple[int, int, int]] = {}
    baselines: dict[Path, Counter] = {}
    for kind in KINDS:
        total = detected = located = 0
        for path in files:
            data = path.read_bytes()
            for _ in range(per_file):
                mutant = kind.make(data, rng)
                if mutant is None:
                    continue
                if path not in baselines:
                    baselines[path] = Counter((d.name, d.message) for d in _findings(data))
                before = baselines[path]
                # new: more findings of an expected rule (same message) than the original had
                after = _findings(mutant.data)
                counts = Counter((d.name, d.message) for d in after)
                found = [d for d in after if d.name in kind.expected
                         and counts[d.name, d.message] > before[d.name, d.message]]
                total += 1
                if found:
                    detected += 1
                    lines = {d.span.line for d in found if d.span} | {
                        label.span.line for d in found for label in d.labels}
                    if any(_at_place(mutant, line, kind.removes) for line in lines):
                        located += 1
        out[kind.name] = (total, detected, located)
    return out


_FILLER = re.compile(rb"^\s*(?:<PAGE>\s*\d*|-?\s*\d{1,3}\s*-?|</?TEXT>|</?DOCUMENT>)?\s*$",
                     re.IGNORECASE)


def _at_place(mutant: Mutant, line: int, removes: bool) -> bool:
    """On the mutated line; for a removal, on the line where the text now stops or
    resumes, with only blank lines and page markers in between."""
    if mutant.line is None:
        return False
    if line == mutant.line or not removes:
        return line == mutant.line
    low, high = sorted((line, mutant.line))
    between = mutant.data.split(b"\n")[low : high - 1]
    return high - low <= 12 and all(_FILLER.match(row) for row in between)


def corpus_files(shared: Path | None, project_only: bool) -> list[Path]:
    files = sorted(p for p in (ROOT / "corpus").glob("*") if p.is_file()
                   and p.suffix in (".txt", ".nc", ".htm", ".html"))
    if shared is not None and shared.is_dir() and not project_only:
        for folder in ("real", "edgar-crawler"):
            files += sorted(p for p in (shared / folder).glob("*.txt"))
    return files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--project-only", action="store_true")
    ap.add_argument("--per-file", type=int, default=1)
    args = ap.parse_args()
    files = corpus_files(args.corpus, args.project_only)
    results = run(files, args.per_file)
    print(f"{len(files)} filings, {args.per_file} mutant(s) per filing and kind")
    print(f"{'mutation':32} {'mutants':>8} {'detected':>9} {'rate':>7} {'at place':>9}")
    locatable = {kind.name: kind.locatable for kind in KINDS}
    for name, (total, detected, located) in results.items():
        rate = 100 * detected / total if total else 0.0
        loc = f"{100 * located / total if total else 0.0:7.1f}%" if locatable[name] else "     n/a"
        print(f"{name:32} {total:8} {detected:9} {rate:6.1f}% {loc}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
