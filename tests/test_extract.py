"""`eightk extract`: inputs of every kind, every output format, failures recorded,
resume, existing outputs, keys, item text, determinism, hostile archives, the Dask
engine and `eightk stats`. Signals and pipes: test_extract_process.py."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import signal
import tarfile
import zipfile
from pathlib import Path

import pytest
from conftest import CORPUS
from eightk import parse_source
from eightk.bulk import extract, inputs, tables
from eightk.bulk.tables import COLUMNS, TABLES, normalise_text
from eightk.bulk.writers import MissingExtra, OutputError, need
from eightk.commands import app
from typer.testing import CliRunner

FORMATS = ["jsonl", "csv", "parquet", "duckdb"]

SAMPLES = sorted(p for p in CORPUS.glob("*") if p.is_file() and p.suffix in (".txt", ".nc",
                                                                                ".htm", ".sgml"))
GOOD = (CORPUS / "text-2006-sub.txt").read_bytes()
TEN_K = GOOD.replace(b"CONFORMED SUBMISSION TYPE:\t8-K", b"CONFORMED SUBMISSION TYPE:\t10-K")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def _parquet(folder: Path, table: str) -> list[dict]:
    pq = pytest.importorskip("pyarrow.parquet")
    return [row for part in sorted((folder / table).glob("part-*.parquet"))
            for row in pq.read_table(part).to_pylist()]


def _tar(path: Path, members: dict[str, bytes], mode: str = "w:gz") -> Path:
    with tarfile.open(path, mode) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def _needs(fmt: str) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    if fmt == "duckdb":
        pytest.importorskip("duckdb")


def _name(fmt: str) -> str:
    return "out" if fmt == "parquet" else f"out.{fmt}"


def test_jsonl_has_one_line_per_filing(tmp_path):
    out = tmp_path / "x.jsonl"
    summary = extract.run([str(CORPUS)], str(out), workers=1)
    rows = _jsonl(out)
    assert len(rows) == summary.files == len(SAMPLES) + len(list((CORPUS / "malformed").glob("*")))
    assert summary.other_files == 2  # README.md and MANIFEST.tsv: counted, not read
    first = next(r for r in rows if r["source"].endswith("text-2006-sub.txt"))
    assert first["key"] == first["source"] == str(CORPUS / "text-2006-sub.txt")
    assert first["accession_number"] == "0009950888-06-000412"
    assert [i["item"] for i in first["items"]] == ["1.01", "2.03", "9.01"]
    assert first["registrant_name"] == "IRONWOOD LOGISTICS CORPORATION"
    assert set(first) >= set(COLUMNS["filings"]) | set(TABLES[1:])
    assert not list(tmp_path.glob("*journal*"))  # a finished run removes its journal


def test_jsonl_lines_are_the_bytes_json_dumps_gives():
    # the writer encodes with msgspec; a line must be what the json module writes
    from eightk.bulk.writers import _json_line, _projection

    def reference(value):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()

    for start in range(0, 0x110000, 0x1000):  # every code point but the surrogates
        text = "".join(chr(c) for c in range(start, start + 0x1000) if not 0xD800 <= c < 0xE000)
        value = {"key": text, "n": [0, -1, 2**62, None, True, False], "t": {text[:9]: text}}
        assert _json_line(value) == reference(value), hex(start)
    with pytest.raises(UnicodeEncodeError):  # a lone surrogate fails as before
        _json_line({"key": "\ud800"})
    names = ["n", "code", "line", "column"]
    project = _projection(names)
    made = {"key": "k", "n": 0, "code": "E1", "column": 3, "line": 7, "extra": 1}
    assert list(project(made).items()) == [("n", 0), ("code", "E1"), ("line", 7), ("column", 3)]
    assert project({"n": 1}) == {"n": 1, "code": None, "line": None, "column": None}
    assert _projection(["n"])({"key": "k", "n": 2}) == {"n": 2}


def test_fields_select_columns_and_keep_the_key(tmp_path):
    out = tmp_path / "x.jsonl"
    extract.run([str(CORPUS / "text-2006-sub.txt")], str(out), workers=1,
                fields=["date_of_report", "key"])
    (row,) = _jsonl(out)
    assert [k for k in row if k not in TABLES] == ["key", "date_of_report"]


def test_key_is_unique_per_document_and_joins_do_not_multiply(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    folder = tmp_path / "in"
    folder.mkdir()
    # two files of one accession: the full submission twice under two names
    (folder / "a-sub.txt").write_bytes(GOOD)
    (folder / "b-sub.txt").write_bytes(GOOD)
    out = tmp_path / "x.duckdb"
    extract.run([str(folder)], str(out), workers=1)
    db = duckdb.connect(str(out), read_only=True)
    keys = db.execute("SELECT key, accession_number FROM filings ORDER BY key").fetchall()
    assert keys == [(str(folder / "a-sub.txt"), "0009950888-06-000412"),
                    (str(folder / "b-sub.txt"), "0009950888-06-000412")]
    for table in TABLES[1:]:
        (count,) = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()
        (joined,) = db.execute(f'SELECT count(*) FROM "{table}" JOIN filings USING (key)'
                               ).fetchone()
        assert joined == count, table
    (items,) = db.execute("SELECT count(*) FROM items").fetchone()
    assert items == 6
    db.close()


def test_item_text_is_the_body_with_whitespace_normalised(tmp_path):
    out = tmp_path / "x.jsonl"
    extract.run([str(CORPUS / "text-2006-sub.txt"),
                 str(CORPUS / "text-2005-combined-headings-8k.txt")], str(out), workers=1)
    first, combined = _jsonl(out)
    text = first["items"][0]["text"]
    # the filing's Item 1.01: two paragraphs, wrapped at 80 columns, indented by 5
    assert text.startswith('On June 12, 2006, Ironwood Logistics Corporation (the "Company") '
                           'entered into a Credit Agreement (the "Credit Agreement") among')
    assert "prior $90 million facility, which was terminated on the same date.\nBorrowings bear " \
        "interest, at the Company's option" in text
    assert "  " not in text and "\n\n" not in text and text == text.strip()
    assert first["items"][0]["text_chars"] == len(text)
    assert first["items"][1]["text"].startswith("The information set forth under Item 1.01 above")
    # "Items 2.02 and 7.01" under one heading share one body
    by_item = {i["item"]: i for i in combined["items"]}
    assert by_item["2.02"]["combined"] and by_item["2.02"]["text"] == by_item["7.01"]["text"]
    assert by_item["2.02"]["text"].startswith("On February 8, 2005, Redfern Semiconductor")


def test_normalise_text():
    assert normalise_text("  a  b\n c\n\n\n  d\te \n \t\n\nf\u00a0g  \n") == "a b c\nd e\nf g"
    assert normalise_text("\n \n") == ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_item_text_leaves_the_column_out(tmp_path, fmt):
    _needs(fmt)
    out = tmp_path / _name(fmt)
    extract.run([str(CORPUS / "text-2006-sub.txt")], str(out), workers=1, fmt=fmt,
                item_text=False)
    items = _table_rows(out, fmt)["items"]
    assert len(items) == 3
    assert all("text" not in row for row in items) and all("text_chars" in row for row in items)


@pytest.mark.parametrize("fmt", ["csv", "parquet", "duckdb"])
def test_table_formats_agree(tmp_path, fmt):
    _needs(fmt)
    reference = tmp_path / "ref.jsonl"
    extract.run([str(CORPUS)], str(reference), workers=1)
    out = tmp_path / _name(fmt)
    extract.run([str(CORPUS)], str(out), workers=1, fmt=fmt)
    assert _table_rows(out, fmt) == _table_rows(reference, "jsonl")


def test_workers_do_not_change_the_output(tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    extract.run([str(CORPUS)], str(one), workers=1)
    extract.run([str(CORPUS)], str(two), workers=2)
    assert one.read_bytes() == two.read_bytes()


def test_feed_archive_keeps_the_8k_family(tmp_path):
    feed = _tar(tmp_path / "20240603.nc.tar.gz", {
        "0001.nc": GOOD, "0002.nc": TEN_K, "0003.nc": (CORPUS / "tagged-2024-sub.nc").read_bytes(),
        "notes.pdf": b"%PDF-1.4",
    })
    found = list(inputs.members([str(feed)]))
    assert [(m.name.split("!")[1], m.skip) for m in found] == [
        ("0001.nc", None), ("0002.nc", "other-form"), ("0003.nc", None),
        ("notes.pdf", "other-file")]
    assert found[1].data is None  # another form is not even read past its header
    everything = list(inputs.members([str(feed)], only_8k=False))
    assert [m.skip for m in everything] == [None, None, None, "other-file"]


def test_zip_gz_list_and_stdin(tmp_path, monkeypatch):
    with zipfile.ZipFile(tmp_path / "a.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("one.txt", GOOD)
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(GOOD))
    listing = tmp_path / "list.txt"
    listing.write_text(f"{tmp_path / 'a.zip'}\n# a comment\n{tmp_path / 'b.txt.gz'}\n")
    names = [m.name for m in inputs.members([f"@{listing}"])]
    assert names == [f"{tmp_path / 'a.zip'}!one.txt", str(tmp_path / "b.txt")]
    result = CliRunner().invoke(app, ["extract", "--workers", "1", "-"],
                                input=_tar(tmp_path / "s.tar.gz", {"x.nc": GOOD}).read_bytes())
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"] == "-.tar.gz!x.nc"


def test_failures_become_diagnostic_rows(tmp_path):
    # a damaged archive member, an unreadable file, a file over the time limit
    data = GOOD
    with zipfile.ZipFile(tmp_path / "d.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ok.txt", data)
        archive.writestr("bad.txt", data)
        archive.writestr("ok2.txt", data)
    raw = bytearray((tmp_path / "d.zip").read_bytes())
    second = raw.find(b"bad.txt", raw.find(b"bad.txt") + 1)  # name in the local header
    at = raw.find(b"bad.txt") + len("bad.txt") + 40  # inside its compressed data
    raw[at : at + 20] = b"\x00" * 20
    (tmp_path / "d.zip").write_bytes(bytes(raw))
    _ = second
    secret = tmp_path / "secret.txt"
    secret.write_bytes(data)
    secret.chmod(0)
    out = tmp_path / "x.jsonl"
    listing = tmp_path / "l.txt"
    listing.write_text(f"{tmp_path / 'd.zip'}\n{tmp_path / 'missing.txt'}\n{secret}\n")
    summary = extract.run([f"@{listing}"], str(out), workers=2)
    rows = _jsonl(out)
    by_source = {r["source"]: r for r in rows}
    assert by_source[f"{tmp_path / 'd.zip'}!ok.txt"]["reported_items"] == "1.01,2.03,9.01"
    assert by_source[f"{tmp_path / 'd.zip'}!ok2.txt"]["reported_items"] == "1.01,2.03,9.01"
    damaged = by_source[f"{tmp_path / 'd.zip'}!bad.txt"]["diagnostics"]
    assert damaged[0]["name"] == "archive-error"
    assert by_source[str(tmp_path / "missing.txt")]["diagnostics"][0]["name"] == "unreadable-input"
    if os.geteuid() != 0:  # root reads anything
        assert by_source[str(secret)]["diagnostics"][0]["name"] == "unreadable-input"
    assert summary.failed >= 2
    slow = tmp_path / "slow.jsonl"
    extract.run([str(CORPUS / "text-2006-sub.txt")], str(slow), workers=1, timeout=1e-6)
    (row,) = _jsonl(slow)
    assert row["diagnostics"][0]["name"] == "time-limit"


def test_damaged_tar_keeps_what_came_before(tmp_path):
    others = [(CORPUS / n).read_bytes() for n in ("html-2021-8ka-sub.txt",
                                                   "ixbrl-2019-8k12b-sub.txt")]
    feed = _tar(tmp_path / "f.tar.gz", {"a.nc": GOOD, "b.nc": others[0], "c.nc": others[1]})
    data = feed.read_bytes()
    (tmp_path / "cut.tar.gz").write_bytes(data[: len(data) * 3 // 4])
    found = list(inputs.members([str(tmp_path / "cut.tar.gz")]))
    assert found[0].data == GOOD
    assert found[-1].error is not None and found[-1].error[0] == "archive-error"


def test_hostile_archives(tmp_path):
    # a zip bomb: 64 MB of zeros, read only to the limit
    with (zipfile.ZipFile(tmp_path / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as archive,
          archive.open("bomb.txt", "w") as member):
        for _ in range(64):
            member.write(b"\0" * (1 << 20))
    assert (tmp_path / "bomb.zip").stat().st_size < 1 << 20
    (found,) = list(inputs.members([str(tmp_path / "bomb.zip")], limit=1 << 20))
    assert found.error[0] == "member-too-large" and found.data is None
    # ../ paths, absolute paths and links inside a tar: skipped, nothing written
    with tarfile.open(tmp_path / "evil.tar", "w") as archive:
        for name in ("../escape.txt", "/etc/evil.txt"):
            info = tarfile.TarInfo(name)
            info.size = len(GOOD)
            archive.addfile(info, io.BytesIO(GOOD))
        link = tarfile.TarInfo("link.txt")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        archive.addfile(link)
    before = set(tmp_path.parent.iterdir())
    found = list(inputs.members([str(tmp_path / "evil.tar")]))
    assert [m.error[0] for m in found] == ["unsafe-archive-member"] * 3
    assert set(tmp_path.parent.iterdir()) == before
    assert not (tmp_path.parent / "escape.txt").exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_interrupted_and_resumed_run_equals_an_uninterrupted_one(tmp_path, fmt, monkeypatch):
    _needs(fmt)
    monkeypatch.setattr(extract, "BATCH_FILES", 5)
    whole, broken = tmp_path / "whole" / _name(fmt), tmp_path / "broken" / _name(fmt)
    extract.run([str(CORPUS)], str(whole), workers=1, fmt=fmt)
    seen = []

    def stop(result):
        seen.append(result)
        if len(seen) == 23:  # mid-batch: what is back is written, then the run stops
            raise KeyboardInterrupt

    with pytest.raises(extract.Interrupted) as stopped:
        extract.run([str(CORPUS)], str(broken), workers=1, fmt=fmt, on_result=stop)
    assert stopped.value.summary.finished == 23
    summary = extract.run([str(CORPUS)], str(broken), workers=2, fmt=fmt, resume=True)
    assert summary.done_before == 23
    assert _table_rows(whole, fmt) == _table_rows(broken, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_crash_between_writing_and_journaling_loses_nothing_and_doubles_nothing(
        tmp_path, fmt, monkeypatch):
    # As if the process died (power cut, SIGKILL) after writing its third batch and
    # before the journal said so: the resumed run drops that batch and writes it again.
    _needs(fmt)
    monkeypatch.setattr(extract, "BATCH_FILES", 5)
    whole, broken = tmp_path / "whole" / _name(fmt), tmp_path / "broken" / _name(fmt)
    extract.run([str(CORPUS)], str(whole), workers=1, fmt=fmt)
    writer_class = type(extract.open_writer(str(broken), fmt, extract.schema()))
    original, calls = writer_class.write, []

    def write_then_die(self, batch, sources):
        original(self, batch, sources)
        calls.append(1)
        if len(calls) == 3:
            raise SystemExit("power cut")

    monkeypatch.setattr(writer_class, "write", write_then_die)
    with pytest.raises(SystemExit):
        extract.run([str(CORPUS)], str(broken), workers=2, fmt=fmt)
    monkeypatch.setattr(writer_class, "write", original)
    summary = extract.run([str(CORPUS)], str(broken), workers=2, fmt=fmt, resume=True)
    # DuckDB commits rows and their record in one transaction: its third batch is in
    assert summary.done_before == (15 if fmt == "duckdb" else 10)
    assert _table_rows(whole, fmt) == _table_rows(broken, fmt)


def _plain(value) -> str:
    """A value as CSV writes it, so every format compares with every other."""
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _table_rows(path: Path, fmt: str) -> dict[str, list[dict]]:
    """Every table of an extract in any format, rows sorted by key and n, values as text."""
    out: dict[str, list[dict]] = {t: [] for t in TABLES}
    if fmt == "jsonl":
        for line in _jsonl(path):
            children = {t: line.pop(t) for t in TABLES[1:]}
            if set(line) != {"key", "source"}:  # a file that was read, not a failure record
                out["filings"].append(line)
            for table, rows in children.items():
                out[table].extend({"key": line["key"], **row} for row in rows)
    elif fmt == "csv":
        import csv

        for table in TABLES:
            name = path if table == "filings" else path.with_name(f"{path.stem}.{table}.csv")
            with name.open(newline="", encoding="utf-8") as stream:
                out[table] = list(csv.DictReader(stream))
    elif fmt == "parquet":
        out = {t: _parquet(path, t) for t in TABLES}
    else:
        import duckdb

        db = duckdb.connect(str(path), read_only=True)
        for table in TABLES:
            cursor = db.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cursor.description]
            out[table] = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        db.close()
    return {t: sorted(({k: _plain(v) for k, v in row.items()} for row in rows),
                      key=lambda r: (r["key"], int(r.get("n") or 0)))
            for t, rows in out.items()}


def test_missing_extra_gives_a_clear_message():
    with pytest.raises(MissingExtra, match=r"pip install 'eightk\[parquet\]'"):
        need("no_such_module_for_eightk", "parquet")


def test_dask_local_cluster_equals_single_process(tmp_path):
    pytest.importorskip("dask.distributed")
    pytest.importorskip("pyarrow")
    from dask.distributed import Client, LocalCluster
    from eightk.bulk.distributed import extract_bag, write_parquet

    single = tmp_path / "single"
    summary = extract.run([str(CORPUS)], str(single), workers=1, fmt="parquet")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster:
        with Client(cluster):
            counts = write_parquet(extract_bag([str(CORPUS)], npartitions=5),
                                   str(tmp_path / "dask"))
        # the command line: same rows, same counts, and an existing output refused
        command = ["extract", str(CORPUS), "-o", str(tmp_path / "cli"), "--scheduler",
                   cluster.scheduler_address]
        first = CliRunner().invoke(app, command)
        again = CliRunner().invoke(app, command)
        forced = CliRunner().invoke(app, [*command, "--force"])
    assert counts["files"] == summary.files and counts["other-file"] == summary.other_files
    assert first.exit_code == 0 and f"extracted {summary.files} files" in first.stderr
    assert again.exit_code == 2 and "already holds an extract" in again.stderr
    assert forced.exit_code == 0
    for table in TABLES:
        assert _parquet(tmp_path / "dask", table) == _parquet(single, table), table
        assert _parquet(tmp_path / "cli", table) == _parquet(single, table), table


def test_stats_counts_an_extract(tmp_path):
    out = tmp_path / "x.jsonl"
    extract.run([str(CORPUS)], str(out), workers=1)
    result = CliRunner().invoke(app, ["stats", str(out), "--plot", str(tmp_path / "p.png")])
    assert result.exit_code == 0
    assert f"{len(_jsonl(out))} filings" in result.stdout
    assert "I401" in result.stdout and "8-K12B" in result.stdout
    assert (tmp_path / "p.png").read_bytes().startswith(b"\x89PNG")


def test_extract_cli_columns_and_bad_fields(tmp_path):
    runner = CliRunner()
    listed = runner.invoke(app, ["extract", "--columns", "x"])
    assert "filings: key, source" in listed.stdout
    bad = runner.invoke(app, ["extract", "--fields", "nope", str(CORPUS)])
    assert bad.exit_code == 2 and "nope" in bad.stderr


def test_columns_needs_no_inputs_and_no_inputs_is_a_usage_error():
    runner = CliRunner()
    listed = runner.invoke(app, ["extract", "--columns"])
    assert listed.exit_code == 0
    assert listed.stdout.splitlines()[0].startswith("filings: key, source, accession_number")
    assert "items: key, n, item," in listed.stdout
    assert listed.stdout.rstrip().endswith("column, rendered_line")
    bare = runner.invoke(app, ["extract"])
    assert bare.exit_code == 2 and "give at least one input" in bare.stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_existing_output_is_refused_unless_resume_or_force(tmp_path, fmt):
    _needs(fmt)
    out = tmp_path / _name(fmt)
    first = extract.run([str(CORPUS)], str(out), workers=1, fmt=fmt)
    once = _table_rows(out, fmt)
    assert len(once["filings"]) == first.files - first.failed
    with pytest.raises(OutputError, match="already holds an extract: pass --resume to continue "
                                          "it or --force to replace it"):
        extract.run([str(CORPUS)], str(out), workers=1, fmt=fmt)
    assert _table_rows(out, fmt) == once  # refused before anything was touched
    result = CliRunner().invoke(app, ["extract", str(CORPUS), "-o", str(out), "-f", fmt])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    forced = extract.run([str(CORPUS)], str(out), workers=1, fmt=fmt, force=True)
    assert forced.files == first.files and _table_rows(out, fmt) == once  # not doubled
    # resuming a finished extract with the same inputs adds nothing; with one more, one
    again = extract.run([str(CORPUS)], str(out), workers=1, fmt=fmt, resume=True)
    assert again.files == 0  # nothing read twice (skipped files may be looked at again)
    assert again.done_before + again.other_files == first.files + first.other_files
    assert _table_rows(out, fmt) == once
    extra = tmp_path / "more" / "late-8k.txt"
    extra.parent.mkdir()
    extra.write_bytes(GOOD)
    more = extract.run([str(CORPUS), str(extra)], str(out), workers=1, fmt=fmt, resume=True)
    assert more.files == 1
    grown = _table_rows(out, fmt)
    assert len(grown["filings"]) == len(once["filings"]) + 1
    assert [r for r in grown["items"] if r["key"] == str(extra)] != []


def test_force_keeps_what_is_not_eightks(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    folder = tmp_path / "out"
    extract.run([str(CORPUS / "text-2006-sub.txt")], str(folder), workers=1, fmt="parquet")
    (folder / "notes.txt").write_text("mine")
    extract.run([str(CORPUS / "text-2006-sub.txt")], str(folder), workers=1, force=True)
    assert (folder / "notes.txt").read_text() == "mine"
    assert len(_parquet(folder, "filings")) == 1
    db_path = tmp_path / "x.duckdb"
    db = duckdb.connect(str(db_path))
    db.execute("CREATE TABLE mine AS SELECT 1 AS a")
    db.close()
    extract.run([str(CORPUS / "text-2006-sub.txt")], str(db_path), workers=1)  # no eightk
    extract.run([str(CORPUS / "text-2006-sub.txt")], str(db_path), workers=1, force=True)
    db = duckdb.connect(str(db_path), read_only=True)
    assert db.execute("SELECT a FROM mine").fetchall() == [(1,)]
    assert db.execute("SELECT count(*) FROM filings").fetchone() == (1,)
    db.close()


def test_resume_refuses_other_columns(tmp_path):
    out = tmp_path / "x.csv"
    extract.run([str(CORPUS / "text-2006-sub.txt")], str(out), workers=1,
                fields=["key", "cik"])
    with pytest.raises(OutputError, match=r"lacks source.*--fields"):
        extract.run([str(CORPUS)], str(out), workers=1, resume=True)
    with pytest.raises(OutputError, match=r"items\.csv holds other columns.*it has text"):
        extract.run([str(CORPUS)], str(out), workers=1, resume=True, fields=["key", "cik"],
                    item_text=False)
    jsonl = tmp_path / "x.jsonl"
    extract.run([str(CORPUS / "text-2006-sub.txt")], str(jsonl), workers=1)
    with pytest.raises(OutputError, match="other columns"):
        extract.run([str(CORPUS)], str(jsonl), workers=1, resume=True, fields=["key"])


def test_resume_and_force_and_stdout_make_sense_together(tmp_path):
    runner = CliRunner()
    both = runner.invoke(app, ["extract", str(CORPUS), "-o", str(tmp_path / "x.jsonl"),
                               "--resume", "--force"])
    assert both.exit_code == 2 and "cannot be used together" in both.stderr
    stdout = runner.invoke(app, ["extract", str(CORPUS), "--resume"])
    assert stdout.exit_code == 2 and "--resume needs an output file" in stdout.stderr
    stdin = runner.invoke(app, ["extract", "-", "-o", str(tmp_path / "y.jsonl"), "--resume"],
                          input=GOOD)
    assert stdin.exit_code == 2 and "standard input" in stdin.stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_output_in_a_missing_folder_gets_its_folder(tmp_path, fmt):
    _needs(fmt)
    out = tmp_path / "not" / "yet" / f"out.{fmt}"  # the name says the format
    result = CliRunner().invoke(app, ["extract", str(CORPUS / "text-2006-sub.txt"), "-o",
                                      str(out)])
    assert result.exit_code == 0, result.stderr
    assert len(_table_rows(out, fmt)["items"]) == 3


def test_an_output_folder_that_cannot_be_made_is_one_line(tmp_path):
    (tmp_path / "file").write_text("in the way")
    result = CliRunner().invoke(app, ["extract", str(CORPUS), "-o",
                                      str(tmp_path / "file" / "x.jsonl")])
    assert result.exit_code == 2
    assert result.stderr == f"eightk: cannot create folder {tmp_path / 'file'}: a file of that " \
                            "name is in the way\n"


@pytest.mark.parametrize("name", ["out.xlsx", "out.json", "out"])
def test_an_unknown_output_name_says_which_formats_exist(tmp_path, name):
    result = CliRunner().invoke(app, ["extract", str(CORPUS), "-o", str(tmp_path / name)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert ".jsonl" in result.stderr
    if name != "out.json":
        assert "--format jsonl|csv|parquet|duckdb" in result.stderr
    assert not (tmp_path / name).exists()
    named = CliRunner().invoke(app, ["extract", str(CORPUS / "text-2006-sub.txt"), "-o",
                                     str(tmp_path / name), "--format", "jsonl"])
    assert named.exit_code == 0 and len(_jsonl(tmp_path / name)) == 1


def test_a_long_output_name(tmp_path, monkeypatch):
    limit = os.pathconf(tmp_path, "PC_NAME_MAX")
    name = "x" * (limit - len(".jsonl")) + ".jsonl"  # as long as the file system allows
    out = tmp_path / name
    journal = extract.journal_path(str(out))
    assert journal.parent == tmp_path and journal.name.startswith(".eightk-journal-")
    monkeypatch.setattr(extract, "BATCH_FILES", 5)
    seen = []

    def stop(result):
        seen.append(result)
        if len(seen) == 12:
            raise KeyboardInterrupt

    with pytest.raises(extract.Interrupted):
        extract.run([str(CORPUS)], str(out), workers=1, on_result=stop)
    assert journal.exists()
    summary = extract.run([str(CORPUS)], str(out), workers=1, resume=True)
    assert summary.done_before == 12 and not journal.exists()
    keys = [r["key"] for r in _jsonl(out)]  # every filing once: none lost, none twice
    assert len(keys) == len(set(keys)) == len(SAMPLES) + len(list((CORPUS / "malformed").glob("*")))
    # a name the file system cannot hold: one line, whatever the format
    for too_long in ("y" * (limit + 1) + ".jsonl", "z" * (limit - 8) + ".csv"):
        result = CliRunner().invoke(app, ["extract", str(CORPUS), "-o",
                                          str(tmp_path / too_long)])
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
        assert "File name too long" in result.stderr


def test_inputs_that_name_nothing_exit_4_and_say_so(tmp_path):
    runner = CliRunner()
    (tmp_path / "empty").mkdir()
    out = tmp_path / "x.jsonl"
    result = runner.invoke(app, ["extract", str(tmp_path / "nothere.txt"),
                                 str(tmp_path / "none-*.nc"), str(tmp_path / "empty"),
                                 "-o", str(out)])
    assert result.exit_code == 4
    assert f"{tmp_path / 'nothere.txt'}: no such file or folder" in result.stderr
    assert f"{tmp_path / 'none-*.nc'}: matches no file" in result.stderr
    assert f"{tmp_path / 'empty'}: folder holds no files" in result.stderr
    assert "nothing could be read" in result.stderr
    # recorded too: a batch run keeps every failure
    assert [r["diagnostics"][0]["name"] for r in _jsonl(out)] == ["unreadable-input"] * 2
    for args in (["--workers", "2"], ["--workers", "1", "-"]):
        alone = runner.invoke(app, ["extract", str(tmp_path / "empty"), *args], input=b"")
        assert alone.exit_code == 4
    # with something to read, a missing input is said, and the run is a success
    mixed = runner.invoke(app, ["extract", str(tmp_path / "nothere.txt"),
                                str(CORPUS / "text-2006-sub.txt"), "-o",
                                str(tmp_path / "y.jsonl")])
    assert mixed.exit_code == 0 and "nothere.txt: no such file or folder" in mixed.stderr
    assert "1 input not found" in mixed.stderr


def test_the_same_files_give_the_same_rows_whatever_the_container(tmp_path):
    exhibit = (b"<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<FILENAME>ex99.htm\n<TEXT>\n"
               b"<html><body><p>Exhibit 99.1 Press release</p></body></html>\n</TEXT>\n"
               b"</DOCUMENT>\n")
    files = {"a/0001.nc": GOOD, "a/0002.txt": TEN_K, "a/ex99-1.htm": exhibit,
             "a/notes.pdf": b"%PDF-1.4", "b/0003.nc": (CORPUS / "tagged-2024-sub.nc").read_bytes(),
             "b/.hidden.txt": GOOD}
    folder = tmp_path / "folder"
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    _tar(tmp_path / "feed.tar.gz", files)
    with zipfile.ZipFile(tmp_path / "feed.zip", "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    outcomes = {}
    for label, source, prefix in (("folder", folder, f"{folder}/"),
                                  ("tar", tmp_path / "feed.tar.gz", f"{tmp_path}/feed.tar.gz!"),
                                  ("zip", tmp_path / "feed.zip", f"{tmp_path}/feed.zip!")):
        out = tmp_path / f"{label}.jsonl"
        summary = extract.run([str(source)], str(out), workers=2)
        lines = out.read_text().replace(json.dumps(prefix)[1:-1], "")
        outcomes[label] = (sorted(lines.splitlines()), summary.files, summary.other_forms,
                           summary.other_files)
    assert outcomes["folder"] == outcomes["tar"] == outcomes["zip"]
    lines, files_read, other_forms, other_files = outcomes["folder"]
    assert (files_read, other_forms, other_files) == (2, 2, 1)  # a 10-K and a lone exhibit
    assert sorted(json.loads(line)["key"] for line in lines) == ["a/0001.nc", "b/0003.nc"]
    everything = extract.run([str(tmp_path / "feed.zip")], str(tmp_path / "all.jsonl"),
                             workers=1, only_8k=False)
    assert (everything.files, everything.other_forms) == (4, 0)
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "feed.tar.gz"), "-o",
                                      str(tmp_path / "cli.jsonl")])
    assert "skipped 2 of another form (--all-forms reads them), 1 not named as filings" \
        in result.stderr


def test_count_knows_the_total_where_it_can(tmp_path):
    assert inputs.count([str(CORPUS)]) == len(list(inputs.members([str(CORPUS)])))
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as archive:
        for name in ("x.txt", "y.txt", "z.pdf", "__MACOSX/._x.txt"):
            archive.writestr(name, GOOD)
    assert inputs.count([str(tmp_path / "a.zip")]) == 3 == len(
        list(inputs.members([str(tmp_path / "a.zip")])))
    assert inputs.count([str(_tar(tmp_path / "b.tar.gz", {"x.txt": GOOD}))]) is None
    assert inputs.count(["-"]) is None
    assert inputs.count([str(tmp_path / "missing.txt"), str(CORPUS / "text-2006-sub.txt")]) == 2


def test_progress_shows_the_total_and_an_eta_and_quiet_shows_nothing(tmp_path, monkeypatch):
    from eightk.commands import extract as command
    from rich.console import Console

    screen = io.StringIO()
    monkeypatch.setattr(command, "_console", lambda stderr: Console(
        file=screen, force_terminal=True, width=160, soft_wrap=True))
    total = len(list(inputs.members([str(CORPUS)])))
    result = CliRunner().invoke(app, ["extract", str(CORPUS), "-o", str(tmp_path / "x.jsonl"),
                                      "--workers", "2"])
    assert result.exit_code == 0
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue())  # colours, cursor moves
    assert re.search(rf"extracting .* \d+/{total} .* ETA \d+:\d\d:\d\d", shown)  # midway
    assert f"{total}/{total}" in shown and "ETA 0:00:00" in shown
    assert "extracted " in shown  # the summary line after the bar
    quiet = CliRunner().invoke(app, ["extract", str(CORPUS), "-o", str(tmp_path / "y.jsonl"),
                                     "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert not list(tmp_path.glob("*journal*"))


def test_a_worker_that_dies_costs_one_file_and_the_run_goes_on(tmp_path, monkeypatch):
    reference = tmp_path / "ref.jsonl"
    extract.run([str(CORPUS)], str(reference), workers=1)
    real_work, main = extract.work, os.getpid()
    names = [m.name for m in inputs.members([str(CORPUS)]) if m.skip is None]
    # files in the middle of their chunks of four: those before them are redone too
    victims = {names[9], names[22]}

    def fragile(member, *args, **kwargs):
        if member.name in victims and os.getpid() != main:
            os.kill(os.getpid(), signal.SIGKILL)  # what the kernel does out of memory
        return real_work(member, *args, **kwargs)

    monkeypatch.setattr(extract, "work", fragile)
    out = tmp_path / "x.jsonl"
    summary = extract.run([str(CORPUS)], str(out), workers=2)
    got, want = _jsonl(out), _jsonl(reference)
    assert [r["key"] for r in got] == [r["key"] for r in want]
    for mine, theirs in zip(got, want, strict=True):
        if mine["key"] in victims:
            (diagnostic,) = mine["diagnostics"]
            assert diagnostic["name"] == "unreadable-input"
            assert "worker process reading it died (killed by SIGKILL) (out of memory?)" \
                in diagnostic["message"]
        else:
            assert mine == theirs
    assert summary.failed == 2


def _square_or_die(x: int) -> tuple[int, int]:
    if x in (37, 39):  # among the last: handed out one by one, after the workers were told
        os.kill(os.getpid(), signal.SIGKILL)  # to leave once done
    return x * x, os.getpid()


def test_the_pool_keeps_order_and_survives_deaths_at_the_end():
    from eightk.bulk.pool import Pool

    for count in (0, 1, 5, 33, 40, 100):  # fewer items than it reads ahead, and more
        with Pool(2, _square_or_die, lambda x, code: (None, code)) as pool:
            got = list(pool.map(iter(range(count))))
            pool.close()
            assert not pool.workers and not pool.leaving  # every worker reaped
        assert [square for square, _ in got] == [
            None if x in (37, 39) else x * x for x in range(count)]
        assert all(code == -signal.SIGKILL for square, code in got if square is None)
        assert len({pid for square, pid in got if square is not None}) >= min(count, 2)


def test_a_write_failure_midway_is_one_line_and_resume_continues(tmp_path, monkeypatch):
    import errno

    from eightk.bulk.writers import JsonlWriter

    monkeypatch.setattr(extract, "BATCH_FILES", 5)
    reference = tmp_path / "ref.jsonl"
    extract.run([str(CORPUS)], str(reference), workers=1)
    original, calls = JsonlWriter.write, []

    def full_disk(self, batch, sources):
        calls.append(1)
        if len(calls) == 4:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.path))
        original(self, batch, sources)

    monkeypatch.setattr(JsonlWriter, "write", full_disk)
    out = tmp_path / "x.jsonl"
    result = CliRunner().invoke(app, ["extract", str(CORPUS), "-o", str(out), "--workers", "2"])
    assert result.exit_code == 3
    assert result.stderr == f"eightk: cannot write {out}: No space left on device; 15 files " \
                            "written, rerun with --resume to continue\n"
    monkeypatch.setattr(JsonlWriter, "write", original)
    resumed = CliRunner().invoke(app, ["extract", str(CORPUS), "-o", str(out), "--resume"])
    assert resumed.exit_code == 0
    assert out.read_bytes() == reference.read_bytes()


def test_the_readme_extract_section_names_only_real_options():
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    section = re.split(r"\n##+ ", readme.split("### extract\n", 1)[1], maxsplit=1)[0]
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", section))
    shown = CliRunner().invoke(app, ["extract", "--help"], env={"COLUMNS": "200"}).stdout
    assert named and all(option in shown for option in named), named


def test_html_rows_carry_the_rendered_line_too():
    # a one-line HTML document: every value is on source line 1, on its own rendered line
    filing = parse_source(CORPUS / "ixbrl-2023-8k.htm").filing
    found = tables.rows(filing, "x.htm")
    for table in ("items", "exhibits", "signatures"):
        for row in found[table]:
            assert row["line"] is not None and row["rendered_line"] is not None, (table, row)
    text = tables.rows(parse_source(CORPUS / "text-2006-sub.txt").filing, "x.txt")
    assert all(row["rendered_line"] is None for row in text["items"])
