"""Output of `eightk extract`: JSON Lines, CSV, Parquet, DuckDB.

Every writer takes batches of per-filing table rows (``tables.rows``) and can
say where it stands (``checkpoint``) and go back there (``restore``), which is
what ``--resume`` needs to continue an interrupted run without duplicating or
losing rows. Before anything is written a writer can say whether an output is
already there (``exists``), empty it (``clear``, for ``--force``), check that
it has the columns this run would write (``check``) and list the documents it
holds (``done``, for resuming a finished run with more inputs). Nothing is
created until ``open``, which makes the output's folder if it is missing.

pyarrow and duckdb are optional: asking for Parquet or DuckDB without them
installed is a clear error naming the extra to install.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import operator
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec

from .tables import CHILD_TABLES, TABLES, Row, select

Batch = list[dict[str, list[Row]]]
Schema = dict[str, dict[str, str]]

FORMATS = ("jsonl", "csv", "parquet", "duckdb")
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet",
            ".duckdb": "duckdb", ".db": "duckdb"}
_NAMES = ".jsonl, .csv, .parquet (a folder) or .duckdb"


class MissingExtra(Exception):
    """An optional dependency is needed: the message says which extra to install."""


class OutputError(Exception):
    """The output cannot be used as asked; the message says why, in one line."""


def need(module: str, extra: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(
            f"{module} is needed for this; install it with: pip install 'eightk[{extra}]'"
        ) from None


def format_of(output: str | None, fmt: str | None) -> str:
    """The output format: ``fmt`` when given, else from the output's name. A name
    that says no known format is an error, not a guess."""
    if fmt:
        if fmt not in FORMATS:
            raise OutputError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
        return fmt
    if output is None or output == "-":
        return "jsonl"
    lower = output.lower().rstrip("/" + os.sep)
    for suffix, name in SUFFIXES.items():
        if lower.endswith(suffix):
            return name
    if output.endswith(("/", os.sep)) or Path(output).is_dir():
        return "parquet"
    if lower.endswith(".json"):
        raise OutputError(f"{output!r}: eightk writes JSON Lines, one filing a line, not one "
                          "JSON document: name it .jsonl, or pass --format jsonl")
    raise OutputError(f"cannot tell the format of {output!r}: name it {_NAMES}, "
                      f"or pass --format {'|'.join(FORMATS)}")


def _reason(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"cannot create folder {folder}: a file of that name is in the way"
                          ) from None
    except OSError as error:
        raise OutputError(f"cannot create folder {folder}: {_reason(error)}") from None


def _open(path: Path, mode: str, **kwargs):
    try:
        return open(path, mode, **kwargs)  # noqa: SIM115 - the writer owns it until close
    except OSError as error:
        raise OutputError(f"cannot write {path}: {_reason(error)}") from None


def _mismatch(where: object, found: list[str], wanted: list[str]) -> OutputError:
    missing = [c for c in wanted if c not in found]
    extra = [c for c in found if c not in wanted]
    detail = "; ".join(part for part in (
        f"it lacks {', '.join(missing)}" if missing else "",
        f"it has {', '.join(extra)}" if extra else "",
        "its columns are in another order" if not missing and not extra else "") if part)
    return OutputError(f"{where} holds other columns than this run writes ({detail}): give "
                       "the same --fields and --item-text as the run that wrote it, or --force "
                       "to start over")


# The bytes of json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
# (tests/test_extract.py checks every code point), in a third of the time: the
# main process writes every file's line.
_json_line = msgspec.json.Encoder().encode


def _projection(names: list[str]) -> Callable[[Row], Row]:
    """``row -> {c: row.get(c) for c in names}``, in one C call where the row
    has every name (rows keep the order of their making, not of the columns)."""
    if len(names) < 2:
        return lambda row: {c: row.get(c) for c in names}
    values = operator.itemgetter(*names)

    def project(row: Row) -> Row:
        try:
            return dict(zip(names, values(row), strict=True))
        except KeyError:
            return {c: row.get(c) for c in names}

    return project


def _nonempty(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


class Writer:
    """What every output can do; see the module docstring."""

    streaming = False  # True for stdout: write each result at once, keep no journal

    def __init__(self, output: str, columns: Schema) -> None:
        self.output = output
        self.columns = columns

    def exists(self) -> bool:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def check(self) -> None:
        pass

    def done(self) -> set[str]:
        raise NotImplementedError

    def open(self) -> None:
        raise NotImplementedError

    def write(self, batch: Batch, sources: list[str]) -> None:
        raise NotImplementedError

    def checkpoint(self) -> dict[str, Any]:
        return {}

    def restore(self, state: dict[str, Any]) -> None:
        pass

    def close(self) -> None:
        pass


class JsonlWriter(Writer):
    """One filing a line: its ``filings`` row, with the child tables as lists."""

    def __init__(self, output: str | None, columns: Schema) -> None:
        super().__init__(output or "-", columns)
        self.path = None if output in (None, "-") else Path(output)
        self.streaming = self.path is None
        self.stream = None

    def exists(self) -> bool:
        return self.path is not None and _nonempty(self.path)

    def clear(self) -> None:
        if self.path is not None and self.path.is_file():
            _open(self.path, "wb").close()

    def _lines(self):
        with self.path.open("rb") as stream:
            for line in stream:
                if line.endswith(b"\n"):  # a torn last line is not a document
                    yield line

    def check(self) -> None:
        wanted = {"filings": list(self.columns["filings"]),
                  "items": [c for c in self.columns["items"] if c != "key"]}
        for line in self._lines():
            row = json.loads(line)
            top = [k for k in row if k not in CHILD_TABLES]
            if wanted["filings"] is not None and top != ["key", "source"]:  # not a failure line
                if top != wanted["filings"]:
                    raise _mismatch(self.path, top, wanted["filings"])
                wanted["filings"] = None
            if row.get("items"):
                found = list(row["items"][0])
                if found != wanted["items"]:
                    raise _mismatch(f"{self.path} (items)", found, wanted["items"])
                wanted["items"] = None
            if wanted["filings"] is None and wanted["items"] is None:
                return

    def done(self) -> set[str]:
        decoder = json.JSONDecoder()
        start = len('{"key":')
        out = set()
        for line in self._lines():
            text = line.decode("utf-8")
            key, _ = decoder.raw_decode(text, start)  # the key comes first: read only it
            out.add(key)
        return out

    def open(self) -> None:
        if self.path is None:
            if sys.stdout is None:  # started with stdout closed (`>&-`)
                raise OutputError("standard output is closed: give an output file (-o)")
            self.stream = sys.stdout.buffer
            return
        _make_folder(self.path.parent)
        self.stream = _open(self.path, "ab")
        size = self.path.stat().st_size
        if size:  # a line cut short by a crash with no journal to say so: drop it
            with self.path.open("rb") as stream:
                stream.seek(max(0, size - 1))
                if stream.read(1) != b"\n":
                    data = self.path.read_bytes()
                    self.stream.truncate(data.rfind(b"\n") + 1)
                    self.stream.seek(0, os.SEEK_END)

    def write(self, batch: Batch, sources: list[str]) -> None:
        out = io.BytesIO()
        children = {t: _projection([c for c in self.columns[t] if c != "key"])
                    for t in CHILD_TABLES}
        for tables in batch:
            if tables["filings"]:
                line = select(tables["filings"][0], self.columns["filings"])
            else:  # a file that could not be read at all
                key = tables["diagnostics"][0]["key"]
                line = {"key": key, "source": key}
            for table in CHILD_TABLES:
                line[table] = list(map(children[table], tables[table]))
            out.write(_json_line(line))
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
        if self.path is not None and self.stream is not None:
            self.stream.close()


def table_path(output: Path, table: str) -> Path:
    """``out.csv`` holds the filings; ``out.items.csv`` and so on the others."""
    return output if table == "filings" else output.with_name(f"{output.stem}.{table}.csv")


class CsvWriter(Writer):
    def __init__(self, output: str, columns: Schema) -> None:
        super().__init__(output, columns)
        self.paths = {t: table_path(Path(output), t) for t in TABLES}
        self.files: dict[str, Any] = {}
        self.writers: dict[str, Any] = {}

    def exists(self) -> bool:
        return any(_nonempty(p) for p in self.paths.values())

    def clear(self) -> None:
        for path in self.paths.values():
            if path.is_file():
                path.unlink()

    def _header(self, path: Path) -> list[str]:
        with path.open(newline="", encoding="utf-8") as stream:
            return next(csv.reader(stream), [])

    def check(self) -> None:
        for table, path in self.paths.items():
            if _nonempty(path):
                found, wanted = self._header(path), list(self.columns[table])
                if found != wanted:
                    raise _mismatch(path, found, wanted)

    def done(self) -> set[str]:
        out = set()
        for table in ("filings", "diagnostics"):
            path = self.paths[table]
            if _nonempty(path):
                with path.open(newline="", encoding="utf-8") as stream:
                    out.update(row["key"] for row in csv.DictReader(stream))
        return out

    def open(self) -> None:
        _make_folder(Path(self.output).parent)
        for table, path in self.paths.items():
            new = not _nonempty(path)
            stream = _open(path, "a", newline="", encoding="utf-8")
            writer = csv.DictWriter(stream, fieldnames=list(self.columns[table]),
                                    extrasaction="ignore")
            if new:
                writer.writeheader()
            self.files[table], self.writers[table] = stream, writer

    def write(self, batch: Batch, sources: list[str]) -> None:
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
            sizes[table] = self.paths[table].stat().st_size
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


def arrow_table(pa, columns: dict[str, str], rows: list[Row]):
    """``rows`` of one table as an Arrow table with exactly ``columns``."""
    schema = pa.schema([(name, _arrow_type(pa, kind)) for name, kind in columns.items()])
    data: dict[str, list] = {name: [] for name in columns}
    for row in rows:
        for name, kind in columns.items():
            value = row.get(name)
            if kind == "date" and value is not None:
                value = dt.date.fromisoformat(value)
            data[name].append(value)
    return pa.Table.from_pydict(data, schema=schema)


def _part_number(path: Path) -> int | None:
    number = path.name.split("-", 1)[1].split(".")[0] if "-" in path.name else ""
    return int(number) if number.isdigit() else None


class ParquetWriter(Writer):
    """A folder with one sub-folder per table and a part file per batch."""

    def __init__(self, output: str, columns: Schema) -> None:
        super().__init__(output, columns)
        self.pa = need("pyarrow", "parquet")
        self.pq = need("pyarrow.parquet", "parquet")
        self.folder = Path(output)
        self.parts = 0

    def _parts(self, table: str) -> list[Path]:
        folder = self.folder / table
        return sorted(folder.glob("part-*")) if folder.is_dir() else []

    def exists(self) -> bool:
        if self.folder.exists() and not self.folder.is_dir():
            raise OutputError(f"{self.folder} is a file, and Parquet output is a folder")
        return any(p.suffix == ".parquet" for t in TABLES for p in self._parts(t))

    def clear(self) -> None:
        for table in TABLES:  # only the parts eightk wrote; anything else stays
            for part in self._parts(table):
                part.unlink()

    def check(self) -> None:
        for table in TABLES:
            parts = [p for p in self._parts(table) if p.suffix == ".parquet"]
            if parts:
                found = self.pq.read_schema(parts[0]).names
                wanted = list(self.columns[table])
                if found != wanted:
                    raise _mismatch(self.folder / table, found, wanted)

    def done(self) -> set[str]:
        out = set()
        for table in ("filings", "diagnostics"):
            for part in self._parts(table):
                if part.suffix == ".parquet":
                    out.update(self.pq.read_table(part, columns=["key"]).column(0).to_pylist())
        return out

    def open(self) -> None:
        for table in TABLES:
            _make_folder(self.folder / table)
            for part in self._parts(table):
                if part.suffix != ".parquet":  # a part cut short by a crash
                    part.unlink()
        numbers = [n for p in self._parts("filings") if (n := _part_number(p)) is not None]
        self.parts = max(numbers) + 1 if numbers else 0

    def write(self, batch: Batch, sources: list[str]) -> None:
        for table in TABLES:
            rows = [row for tables in batch for row in tables[table]]
            target = self.folder / table / f"part-{self.parts:06d}.parquet"
            temporary = target.with_suffix(".tmp")
            self.pq.write_table(arrow_table(self.pa, self.columns[table], rows), temporary)
            os.replace(temporary, target)  # a part is there whole, or not at all
        self.parts += 1

    def checkpoint(self) -> dict[str, Any]:
        return {"parts": self.parts}

    def restore(self, state: dict[str, Any]) -> None:
        keep = state.get("parts", 0)
        for table in TABLES:
            for part in self._parts(table):
                number = _part_number(part)
                if number is None or number >= keep:
                    part.unlink()
        self.parts = keep


_DUCK_TYPES = {"str": "VARCHAR", "int": "BIGINT", "bool": "BOOLEAN", "date": "DATE"}
_DONE = "_eightk_done"


class DuckdbWriter(Writer):
    """Tables in a DuckDB database; each batch is one transaction, so the
    database itself knows exactly which files are in (``done``)."""

    def __init__(self, output: str, columns: Schema) -> None:
        super().__init__(output, columns)
        self.duckdb = need("duckdb", "duckdb")
        self.path = Path(output)
        self.db = None

    def _connect(self):
        if self.db is None:
            _make_folder(self.path.parent)
            try:
                self.db = self.duckdb.connect(str(self.path))
            except self.duckdb.Error as error:
                raise OutputError(f"cannot open {self.path}: {str(error).splitlines()[0]}"
                                  ) from None
        return self.db

    def _tables(self) -> set[str]:
        rows = self._connect().execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
        return {name for (name,) in rows} & {*TABLES, _DONE}

    def exists(self) -> bool:
        if not self.path.exists():
            return False
        return bool(self._tables())

    def clear(self) -> None:
        if self.path.exists():
            for table in self._tables():  # only eightk's tables; anything else stays
                self.db.execute(f'DROP TABLE "{table}"')

    def check(self) -> None:
        present = self._tables()
        for table in TABLES:
            if table in present:
                cursor = self.db.execute(f'SELECT * FROM "{table}" LIMIT 0')
                found = [d[0] for d in cursor.description]
                if found != list(self.columns[table]):
                    raise _mismatch(f"{self.path} table {table}", found, list(self.columns[table]))

    def done(self) -> set[str]:
        if _DONE not in self._tables():
            return set()
        return {row[0] for row in self.db.execute(f'SELECT source FROM "{_DONE}"').fetchall()}

    def open(self) -> None:
        db = self._connect()
        for table, columns in self.columns.items():
            spec = ", ".join(f'"{n}" {_DUCK_TYPES[kind]}' for n, kind in columns.items())
            db.execute(f'CREATE TABLE IF NOT EXISTS "{table}" ({spec})')
        db.execute(f'CREATE TABLE IF NOT EXISTS "{_DONE}" (source VARCHAR)')

    def write(self, batch: Batch, sources: list[str]) -> None:
        self.db.execute("BEGIN TRANSACTION")
        for table, columns in self.columns.items():
            names = list(columns)
            rows = [[row.get(n) for n in names] for tables in batch for row in tables[table]]
            if rows:
                marks = ", ".join("?" for _ in names)
                quoted = ", ".join(f'"{n}"' for n in names)
                self.db.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', rows)
        if sources:  # every document of the batch, those skipped (no rows) too
            self.db.executemany(f'INSERT INTO "{_DONE}" VALUES (?)', [[s] for s in sources])
        self.db.execute("COMMIT")

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


def open_writer(output: str | None, fmt: str, columns: Schema) -> Writer:
    """The writer for ``output`` (nothing is created yet: see ``Writer.open``)."""
    if fmt == "jsonl":
        return JsonlWriter(output, columns)
    if output in (None, "-"):
        raise OutputError(f"--format {fmt} needs an output path (-o)")
    if fmt == "csv":
        return CsvWriter(output, columns)
    if fmt == "parquet":
        return ParquetWriter(output, columns)
    return DuckdbWriter(output, columns)
