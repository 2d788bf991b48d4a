"""`eightk stats`: what an extract holds, by year, form, item and diagnostic code."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from rich.console import Console
from rich.table import Table

from .writers import need


class Counts(NamedTuple):
    years: Counter  # year -> filings
    forms: Counter  # form -> filings
    items: Counter  # item -> filings reporting it
    item_years: Counter  # (year, item) -> count
    codes: Counter  # (code, name, severity) -> diagnostics
    filings: int


def _year(row: dict) -> str:
    for field in ("date_of_report", "filed_as_of", "period_of_report"):
        value = row.get(field)
        if value:
            return str(value)[:4]
    return "?"


def _count(filings: list[dict], items: list[dict], diagnostics: list[dict]) -> Counts:
    year_of = {}
    years, forms = Counter(), Counter()
    for row in filings:
        year = _year(row)
        year_of[row["key"]] = year
        years[year] += 1
        forms[row.get("submission_type") or row.get("form_type") or "?"] += 1
    item_counts, item_years = Counter(), Counter()
    for row in items:
        if row.get("not_applicable"):
            continue
        item = row.get("canonical") or row.get("item")
        item_counts[item] += 1
        item_years[year_of.get(row["key"], "?"), item] += 1
    codes = Counter((r["code"], r["name"], r["severity"]) for r in diagnostics)
    return Counts(years, forms, item_counts, item_years, codes, len(filings))


def load(path: Path) -> Counts:
    text = str(path)
    if path.is_dir():
        pq = need("pyarrow.parquet", "parquet")

        def read(table: str) -> list[dict]:
            folder = path / table
            parts = sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []
            return [row for part in parts for row in pq.read_table(part).to_pylist()]

        return _count(read("filings"), read("items"), read("diagnostics"))
    if text.endswith((".duckdb", ".db")):
        duckdb = need("duckdb", "duckdb")
        db = duckdb.connect(text, read_only=True)

        def query(table: str) -> list[dict]:
            cursor = db.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

        try:
            return _count(query("filings"), query("items"), query("diagnostics"))
        finally:
            db.close()
    if text.endswith(".csv"):
        def read_csv(p: Path) -> list[dict]:
            if not p.exists():
                return []
            with p.open(newline="", encoding="utf-8") as stream:
                rows = list(csv.DictReader(stream))
            for row in rows:
                row["not_applicable"] = row.get("not_applicable") == "True"
            return rows

        return _count(read_csv(path), read_csv(path.with_name(f"{path.stem}.items.csv")),
                      read_csv(path.with_name(f"{path.stem}.diagnostics.csv")))
    filings, items, diagnostics = [], [], []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if not line.strip():
                continue
            row = json.loads(line)
            if "reported_items" in row:  # a file that was read (not only a failure record)
                filings.append(row)
            for item in row.get("items") or []:
                items.append({**item, "key": row["key"]})
            for diagnostic in row.get("diagnostics") or []:
                diagnostics.append(diagnostic)
    return _count(filings, items, diagnostics)


def render(counts: Counts, console: Console) -> None:
    console.print(f"{counts.filings} filings")
    for title, counter, label in (
        ("by year", counts.years, "year"), ("by form", counts.forms, "form"),
        ("by item", counts.items, "item"),
    ):
        table = Table(title=title, title_justify="left", box=None, pad_edge=False)
        table.add_column(label)
        table.add_column("count", justify="right")
        keys = sorted(counter) if label != "form" else [k for k, _ in counter.most_common()]
        for key in keys:
            table.add_row(str(key), str(counter[key]))
        console.print(table)
    table = Table(title="by diagnostic code", title_justify="left", box=None, pad_edge=False)
    for column in ("code", "name", "severity", "count"):
        table.add_column(column, justify="right" if column == "count" else "left")
    for (code, name, severity), n in sorted(counts.codes.items()):
        table.add_row(code, name, severity, str(n))
    console.print(table)


def draw(counts: Counts, target: Path) -> None:
    need("matplotlib", "plot")
    import matplotlib

    matplotlib.use("Agg")  # files only, no screen
    import matplotlib.pyplot as plt

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(11, 9))
    years = sorted(y for y in counts.years if y != "?")
    items = [i for i, _ in counts.items.most_common(8)]
    base = [0] * len(years)
    for item in items:
        values = [counts.item_years[year, item] for year in years]
        top.bar(years, values, bottom=base, label=f"Item {item}")
        base = [a + b for a, b in zip(base, values, strict=True)]
    top.set_title("items per year (the eight most reported, old items mapped to new)")
    top.set_ylabel("filings")
    top.legend(fontsize="small", ncols=4)
    top.tick_params(axis="x", labelrotation=90, labelsize="small")
    codes = counts.codes.most_common(20)
    bottom.barh([f"{c} {n}" for (c, n, _), _ in codes][::-1], [v for _, v in codes][::-1])
    bottom.set_title("diagnostics per code")
    bottom.set_xlabel("diagnostics")
    fig.tight_layout()
    fig.savefig(target, dpi=110)
    plt.close(fig)
