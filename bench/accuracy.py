"""Agreement of what eightk reads from the 8-K text with the EDGAR header.

For every file of ../shared/corpus with both a header and a parsed 8-K text:
registrant name, IRS number, state, commission file number (cover page vs the
header's filer blocks), date of report vs CONFORMED PERIOD OF REPORT, and the
items found in the body vs the header's declared items. Prints the agreement
per field and every disagreement, so each can be explained; and the recall: of
the filings whose header has the field, how many got the same value from the
text (a field the text reader missed counts against recall, not agreement).
``--by-era`` splits both by the year the filing was made.

    python bench/accuracy.py [--corpus ../shared/corpus] [--kind text|html|all] [--by-era] [-v]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eightk import parse  # noqa: E402
from eightk.vocab.normalize import file_number_key, irs_key, names_agree, state_code  # noqa: E402

FIELDS = ("name", "irs_number", "state", "file_number", "date_of_report", "items")
ERAS = ((1993, 2000, "1993-2000"), (2001, 2004, "2001-2004"), (2005, 2016, "2005-2016"),
        (2017, 2100, "2017-"))


def era_of(filing) -> str:
    header = filing.header
    dated = header and (header.filed_as_of or header.period_of_report)
    if not dated or not dated.value:
        return "unknown"
    year = dated.value.year
    return next((name for low, high, name in ERAS if low <= year <= high), "unknown")


def header_has(filing) -> set[str]:
    """The fields the header holds, so a field the text reader missed counts."""
    header = filing.header
    if header is None:
        return set()
    filers = [p.company for p in header.parties if p.company is not None]
    out = set()
    for field, attr in (("name", "name"), ("irs_number", "irs_number"),
                        ("state", "state_of_incorporation")):
        if any(getattr(f, attr) is not None and getattr(f, attr).value.strip("0 ")
               for f in filers):
            out.add(field)
    if any(fv.file_number for p in header.parties for fv in p.filing_values):
        out.add("file_number")
    if header.period_of_report and header.period_of_report.value:
        out.add("date_of_report")
    if any(i.number for i in header.items):
        out.add("items")
    return out


def corpus_files(root: Path) -> list[Path]:
    files = []
    for folder in ("real", "edgar-crawler"):
        for path in sorted((root / folder).glob("*")):
            if path.suffix in (".txt", ".nc", ".htm", ".html") and "index" not in path.name:
                files.append(path)
    return files


def compare(filing) -> dict[str, tuple[bool, str]]:
    """field -> (agrees, detail) for the fields both sides have."""
    out: dict[str, tuple[bool, str]] = {}
    header, cover = filing.header, filing.cover
    if header is None or cover is None:
        return out
    filers = [p.company for p in header.parties if p.company is not None]
    files = [fv.file_number.value for p in header.parties for fv in p.filing_values
             if fv.file_number]
    regs = cover.registrants

    def pairs(attr_cover, attr_header):
        for r in regs:
            value = getattr(r, attr_cover)
            if value is None:
                continue
            for f in filers:
                other = getattr(f, attr_header)
                if other is not None:
                    yield value.value, other.value

    name_pairs = list(pairs("name", "name"))
    if name_pairs:
        ok = any(names_agree(a, b) for a, b in name_pairs)
        out["name"] = (ok, f"{name_pairs[0][0]!r} vs {[b for _, b in name_pairs]!r}")
    irs_pairs = [(a, b) for a, b in pairs("irs_number", "irs_number")
                 if b.strip("0") and irs_key(a) is not None or irs_key(a) is None]
    irs_pairs = [(a, b) for a, b in irs_pairs if b.strip("0")]
    if irs_pairs:
        ok = any(irs_key(a) == irs_key(b) for a, b in irs_pairs)
        out["irs_number"] = (ok, f"{irs_pairs[0][0]!r} vs {[b for _, b in irs_pairs]!r}")
    state_pairs = list(pairs("state", "state_of_incorporation"))
    if state_pairs:
        ok = any(state_code(a) == b.strip().upper() for a, b in state_pairs)
        out["state"] = (ok, f"{state_pairs[0][0]!r} -> {state_code(state_pairs[0][0])} vs "
                            f"{[b for _, b in state_pairs]!r}")
    cover_files = [r.file_number.value for r in regs if r.file_number]
    if cover_files and files:
        ok = any(file_number_key(a) == file_number_key(b) for a in cover_files for b in files)
        out["file_number"] = (ok, f"{cover_files!r} vs {files!r}")
    if cover.date_of_report and header.period_of_report and header.period_of_report.value:
        ok = cover.date_of_report.value == header.period_of_report.value
        out["date_of_report"] = (ok, f"{cover.date_of_report.text!r} vs "
                                     f"{header.period_of_report.text}")
    declared = {i.number for i in header.items if i.number}
    if declared:
        found = {i.key for i in filing.items if not i.not_applicable}
        # An empty ITEM INFORMATION line stands for an item EDGAR could not name
        # (Item 12 in 2003-2004): it accounts for one item of the text.
        ok = declared <= found and len(found - declared) <= header.blank_item_lines
        blank = f" + {header.blank_item_lines} blank" if header.blank_item_lines else ""
        out["items"] = (ok, f"body {sorted(found)} vs header {sorted(declared)}{blank}")
    return out


XBRL_FIELDS = ("name", "irs_number", "state", "file_number", "date_of_report", "cik")


def compare_xbrl(filing) -> dict[str, tuple[bool, str]]:
    """The cover page read from the text against the inline-XBRL dei facts."""
    out: dict[str, tuple[bool, str]] = {}
    cover, xbrl = filing.cover, filing.xbrl_cover
    if cover is None or xbrl is None:
        return out
    regs = cover.registrants

    def facts(fact):
        return fact.value if fact is not None and fact.value else None

    name = facts(xbrl.registrant_name)
    ours = [r.name.value for r in regs if r.name]
    if name and ours:
        out["name"] = (any(names_agree(a, name) for a in ours), f"{ours[0]!r} vs {name!r}")
    tax = facts(xbrl.tax_id)
    ours = [r.irs_number.value for r in regs if r.irs_number]
    if tax and ours:
        out["irs_number"] = (any(irs_key(a) == irs_key(tax) for a in ours), f"{ours} vs {tax}")
    state = facts(xbrl.state_of_incorporation)
    ours = [r.state.value for r in regs if r.state]
    if state and ours:
        out["state"] = (any(state_code(a) == state.upper() for a in ours),
                        f"{ours} -> {[state_code(a) for a in ours]} vs {state}")
    number = facts(xbrl.file_number)
    ours = [r.file_number.value for r in regs if r.file_number]
    if number and ours:
        out["file_number"] = (any(file_number_key(a) == file_number_key(number) for a in ours),
                              f"{ours} vs {number}")
    period = facts(xbrl.period_end_date)
    if period and cover.date_of_report and cover.date_of_report.value:
        ok = cover.date_of_report.value.isoformat() == period
        out["date_of_report"] = (ok, f"{cover.date_of_report.text!r} vs {period}")
    cik = facts(xbrl.cik)
    if cik and filing.header is not None:
        ciks = [p.company.cik.value for p in filing.header.parties if p.company and p.company.cik]
        if ciks:
            out["cik"] = (any(c.lstrip("0") == cik.lstrip("0") for c in ciks), f"{cik} vs {ciks}")
    return out


def table(title: str, fields, agree: Counter, total: Counter,
          wanted: Counter | None = None) -> None:
    print(title)
    head = f"{'field':16} {'agree':>6} {'of':>5} {'rate':>7}"
    print(head + (f" {'header':>7} {'recall':>7}" if wanted is not None else ""))
    for field in fields:
        if total[field] or (wanted and wanted[field]):
            rate = 100 * agree[field] / total[field] if total[field] else 0.0
            line = f"{field:16} {agree[field]:6} {total[field]:5} {rate:6.1f}%"
            if wanted is not None and wanted[field]:
                line += f" {wanted[field]:7} {100 * agree[field] / wanted[field]:6.1f}%"
            print(line)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path,
                    default=Path(__file__).resolve().parent.parent.parent / "shared" / "corpus")
    ap.add_argument("--kind", choices=("text", "html", "all"), default="all")
    ap.add_argument("--by-era", action="store_true", help="one table per era of filing")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 0
    agree: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wanted: Counter[str] = Counter()
    by_era: dict[str, tuple[Counter, Counter, Counter]] = {}
    misses: dict[str, list[str]] = {f: [] for f in FIELDS}
    x_agree: Counter[str] = Counter()
    x_total: Counter[str] = Counter()
    x_misses: list[str] = []
    for path in corpus_files(args.corpus):
        filing = parse(path)
        if filing.body_document is None:
            continue
        kind = filing.documents[filing.body_document].format
        if args.kind != "all" and kind != args.kind:
            continue
        era = by_era.setdefault(era_of(filing), (Counter(), Counter(), Counter()))
        compared = compare(filing)
        for field in header_has(filing):
            wanted[field] += 1
            era[2][field] += 1
            if field not in compared:
                misses[field].append(f"{path.parent.name}/{path.name}: not read from the text")
        for field, (ok, detail) in compared.items():
            total[field] += 1
            agree[field] += ok
            era[0][field] += ok
            era[1][field] += 1
            if not ok:
                misses[field].append(f"{path.parent.name}/{path.name}: {detail}")
        for field, (ok, detail) in compare_xbrl(filing).items():
            x_total[field] += 1
            x_agree[field] += ok
            if not ok:
                x_misses.append(f"{field}: {path.parent.name}/{path.name}: {detail}")
    table("cover page (from the text) and body items against the EDGAR header", FIELDS,
          agree, total, wanted)
    if args.by_era:
        for _, _, name in (*ERAS, (0, 0, "unknown")):
            if name in by_era and sum(by_era[name][2].values()):
                print()
                table(f"filed {name}", FIELDS, *by_era[name])
    if args.verbose:
        for field in FIELDS:
            for line in misses[field]:
                print(f"  {field}: {line}")
    if x_total:
        print()
        table("cover page (from the text) against the inline-XBRL dei facts", XBRL_FIELDS,
              x_agree, x_total)
        if args.verbose:
            for line in x_misses:
                print(f"  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
