"""Output of `eightk extract`: JSON Lines, CSV, Parquet, DuckDB.

Every writer takes batches of per-filing table rows (``tables.rows``) and can
say where it stands (``checkpoint``) and go back there (``restore``), which is
what ``--resume`` needs to continue an interrupted run without duplicating or
losing rows. pyarrow and duckdb are optional: asking for Parquet or DuckDB
without them installed is a clear error naming the extra to install.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

from .tables import COLUMNS, TABLES, Row, select

Batch = list[dict[str, list[Row]]]


class MissingExtra(Exception):
    """An optional dependency is needed: the message says which extra to install."""


def need(module: str, extra: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(
            f"{module} is needed for this; install it with: pip install 'eightk[{extra}]'"
        ) from None


def format_of(output: str | None, fmt: str | None) -> str:
    if fmt:
        return fmt
    if output is None or output == "-":
        return "jsonl"
    lower = output.lower()
    for suffix, name in ((".jsonl", "jsonl"), (".json", "jsonl"), (".ndjson", "jsonl"),
                         (".csv", "csv"), (".parquet", "parquet"), (".duckdb", "duckdb"),
                         (".db", "duckdb")):
        if lower.endswith(suffix):
            return name
    if output.endswith("/") or Path(output).is_dir():
        return "parquet"
    return "jsonl"


class JsonlWriter:
    """One filing a line: its ``filings`` row, with the child tables as lists."""

    def __init__(self, output: str | None, fields: list[str] | None) -> None:
        self.path = None if output in (None, "-") else Path(output)
        self.fields = fields
        self.stream = open(self.path, "ab") if self.path else sys.stdout.buffer  # noqa: SIM115

    def write(self, batch: Batch) -> None:
        out = io.BytesIO()
        for tables in batch:
            if tables["filings"]:
                line = dict(select(tables["filings"][0], self.fields))
            else:  # a file that could not be read at all
                first = tables["diagnostics"][0]
                line = {"key": first["key"], "source": first["source"]}
            for table in TABLES[1:]:
                line[table] = [{k: v for k, v in row.items() if k not in ("key", "source")}
                               for row in tables[table]]
            out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode())
            out.write(b"\n")
        self.stream.write(out.getvalue())
        self.stream.flush()

    def checkpoint(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        os.fsync(self.stream.fileno())
        return {"size": self.path.stat().st_size}

    def restore(self, state: dict[str, Any]) -> None:
        if self.path is not None and "size" in state:
            self.stream.truncate(state["size"])
            self.stream.seek(0, os.SEEK_END)

    def close(self) -> None:
        if self.path is not None:
            self.stream.close()


def table_path(output: Path, table: str) -> Path:
    """``out.csv`` holds the filings; ``out.items.csv`` and so on the others."""
    return output if table == "filings" else output.with_name(f"{output.stem}.{table}.csv")


class CsvWriter:
    def __init__(self, output: str, fields: list[str] | None) -> None:
        self.output = Path(output)
        self.fields = fields
        self.files: dict[str, Any] = {}
        self.writers: dict[str, Any] = {}
        for table in TABLES:
            path = table_path(self.output, table)
            new = not path.exists() or path.stat().st_size == 0
            stream = open(path, "a", newline="", encoding="utf-8")  # noqa: SIM115
            columns = list(COLUMNS[table]) if table != "filings" or not fields else fields
            writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore")
            if new:
                writer.writeheader()
            self.files[table], self.writers[table] = stream, writer

    def write(self, batch: Batch) -> None:
        for tables in batch:
            for table in TABLES:
                for row in tables[table]:
                    self.writers[table].writerow(row)
        for stream in self.files.values():
            stream.flush()

    def checkpoint(self) -> dict[str, Any]:
        sizes = {}
        for table, stream in self.files.items():
            os.fsync(stream.fileno())
            sizes[table] = table_path(self.output, table).stat().st_size
        return {"sizes": sizes}

    def restore(self, state: dict[str, Any]) -> None:
        for table, size in state.get("sizes", {}).items():
            stream = self.files[table]
            stream.truncate(size)
            stream.seek(0, os.SEEK_END)

    def close(self) -> None:
        for stream in self.files.values():
            stream.close()


def _arrow_type(pa, kind: str):
    return {"str": pa.string(), "int": pa.int64(), "bool": pa.bool_(),
            "date": pa.date32()}[kind]


def arrow_table(pa, table: str, rows: list[Row], fields: list[str] | None = None):
    columns = COLUMNS[table]
    names = list(columns) if table != "filings" or not fields else fields
    schema = pa.schema([(name, _arrow_type(pa, columns.get(name, "str"))) for name in names])
    data: dict[str, list] = {name: [] for name in names}
    for row in rows:
        for name in names:
            value = row.get(name)
            if columns.get(name) == "date" and value is not None:
                value = dt.date.fromisoformat(value)
            data[name].append(value)
    return pa.Table.from_pydict(data, schema=schema)


class ParquetWriter:
    """A folder with one sub-folder per table and a part file per batch."""

    def __init__(self, output: str, fields: list[str] | None) -> None:
        self.pa = need("pyarrow", "parquet")
        self.pq = need("pyarrow.parquet", "parquet")
        self.output = Path(output)
        self.fields = fields
        self.parts = 0
        for table in TABLES:
            (self.output / table).mkdir(parents=True, exist_ok=True)
        existing = [int(p.stem.split("-")[1]) for p in (self.output / "filings").glob("part-*")]
        self.parts = max(existing) + 1 if existing else 0

    def write(self, batch: Batch) -> None:
        for table in TABLES:
            rows = [row for tables in batch for row in tables[table]]
            target = self.output / table / f"part-{self.parts:06d}.parquet"
            temporary = target.with_suffix(".tmp")
            self.pq.write_table(arrow_table(self.pa, table, rows, self.fields), temporary)
            os.replace(temporary, target)  # a part is there whole, or not at all
        self.parts += 1

    def checkpoint(self) -> dict[str, Any]:
        return {"parts": self.parts}

    def restore(self, state: dict[str, Any]) -> None:
        keep = state.get("parts", 0)
        for table in TABLES:
            for part in (self.output / table).glob("part-*"):
                number = part.name.split("-")[1].split(".")[0]
                if not number.isdigit() or int(number) >= keep:
                    part.unlink()
        self.parts = keep

    def close(self) -> None:
        pass


_DUCK_TYPES = {"str": "VARCHAR", "int": "BIGINT", "bool": "BOOLEAN", "date": "DATE"}


class DuckdbWriter:
    """Tables in a DuckDB database; each batch is one transaction, so the
    database itself knows exactly which files are in (``done``)."""

    def __init__(self, output: str, fields: list[str] | None) -> None:
        duckdb = need("duckdb", "duckdb")
        self.db = duckdb.connect(output)
        self.fields = fields
        for table, columns in COLUMNS.items():
            names = list(columns) if table != "filings" or not fields else fields
            spec = ", ".join(f'"{n}" {_DUCK_TYPES[columns.get(n, "str")]}' for n in names)
            self.db.execute(f'CREATE TABLE IF NOT EXISTS "{table}" ({spec})')
        self.db.execute('CREATE TABLE IF NOT EXISTS "_eightk_done" (source VARCHAR)')

    def done(self) -> set[str]:
        return {row[0] for row in self.db.execute('SELECT source FROM "_eightk_done"').fetchall()}

    def write(self, batch: Batch) -> None:
        self.db.execute("BEGIN TRANSACTION")
        for table, columns in COLUMNS.items():
            names = list(columns) if table != "filings" or not self.fields else self.fields
            rows = [[row.get(n) for n in names] for tables in batch for row in tables[table]]
            if rows:
                marks = ", ".join("?" for _ in names)
                quoted = ", ".join(f'"{n}"' for n in names)
                self.db.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', rows)
        sources = [[tables["filings"][0]["source"] if tables["filings"]
                    else tables["diagnostics"][0]["source"]] for tables in batch]
        self.db.executemany('INSERT INTO "_eightk_done" VALUES (?)', sources)
        self.db.execute("COMMIT")

    def checkpoint(self) -> dict[str, Any]:
        return {}

    def restore(self, state: dict[str, Any]) -> None:
        pass

    def close(self) -> None:
        self.db.close()


def open_writer(output: str | None, fmt: str, fields: list[str] | None):
    if fmt == "jsonl":
        return JsonlWriter(output, fields)
    if output in (None, "-"):
        raise MissingExtra(f"--format {fmt} needs an output path (-o)")
    if fmt == "csv":
        return CsvWriter(output, fields)
    if fmt == "parquet":
        return ParquetWriter(output, fields)
    if fmt == "duckdb":
        return DuckdbWriter(output, fields)
    raise ValueError(fmt)
