"""`eightk extract`: inputs of every kind, every output format, failures recorded,
resume, determinism, hostile archives, the Dask engine and `eightk stats`."""

from __future__ import annotations

import gzip
import io
import json
import os
import tarfile
import zipfile
from pathlib import Path

import pytest
from conftest import CORPUS
from eightk.bulk import extract, inputs
from eightk.bulk.tables import COLUMNS, TABLES
from eightk.bulk.writers import MissingExtra, need
from eightk.commands import app
from typer.testing import CliRunner

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


def test_jsonl_has_one_line_per_filing(tmp_path):
    out = tmp_path / "x.jsonl"
    summary = extract.run([str(CORPUS)], str(out), workers=1)
    rows = _jsonl(out)
    assert len(rows) == summary.files == len(SAMPLES) + len(list((CORPUS / "malformed").glob("*")))
    first = next(r for r in rows if r["source"].endswith("text-2006-sub.txt"))
    assert first["key"] == "0009950888-06-000412"
    assert [i["item"] for i in first["items"]] == ["1.01", "2.03", "9.01"]
    assert first["registrant_name"] == "IRONWOOD LOGISTICS CORPORATION"
    assert set(first) >= set(COLUMNS["filings"]) | set(TABLES[1:])


def test_fields_select_columns(tmp_path):
    out = tmp_path / "x.jsonl"
    extract.run([str(CORPUS / "text-2006-sub.txt")], str(out), workers=1,
                fields=["key", "date_of_report"])
    (row,) = _jsonl(out)
    assert {k for k in row if k not in TABLES} == {"key", "date_of_report"}


@pytest.mark.parametrize("suffix", ["csv", "parquet", "duckdb"])
def test_table_formats_agree(tmp_path, suffix):
    if suffix == "parquet":
        pytest.importorskip("pyarrow")
    if suffix == "duckdb":
        pytest.importorskip("duckdb")
    reference = tmp_path / "ref.jsonl"
    extract.run([str(CORPUS)], str(reference), workers=1)
    rows = _jsonl(reference)
    out = tmp_path / (f"out.{suffix}" if suffix != "parquet" else "out")
    extract.run([str(CORPUS)], str(out), workers=1, fmt=suffix)
    if suffix == "csv":
        import csv

        filings = list(csv.DictReader(out.open()))
        items = list(csv.DictReader((tmp_path / "out.items.csv").open()))
    elif suffix == "parquet":
        filings, items = _parquet(out, "filings"), _parquet(out, "items")
    else:
        import duckdb

        db = duckdb.connect(str(out), read_only=True)
        filings = db.execute("SELECT key FROM filings").fetchall()
        items = db.execute("SELECT key FROM items").fetchall()
    assert len(filings) == len([r for r in rows if "reported_items" in r])
    assert len(items) == sum(len(r["items"]) for r in rows)


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
    assert [m.name.split("!")[1] for m in found] == ["0001.nc", "0003.nc"]
    everything = list(inputs.members([str(feed)], only_8k=False))
    assert len(everything) == 3


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


@pytest.mark.parametrize("suffix", ["jsonl", "csv", "parquet", "duckdb"])
def test_interrupted_and_resumed_run_equals_an_uninterrupted_one(tmp_path, suffix):
    if suffix == "parquet":
        pytest.importorskip("pyarrow")
    if suffix == "duckdb":
        pytest.importorskip("duckdb")
    extract.BATCH_FILES, old = 5, extract.BATCH_FILES
    try:
        name = "out" if suffix == "parquet" else f"out.{suffix}"
        whole, broken = tmp_path / "whole", tmp_path / "broken"
        whole.mkdir()
        broken.mkdir()
        extract.run([str(CORPUS)], str(whole / name), workers=1, fmt=suffix)
        seen = []

        def stop(result):
            seen.append(result)
            if len(seen) == 23:  # mid-batch: a half-written batch must not survive
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            extract.run([str(CORPUS)], str(broken / name), workers=1, fmt=suffix,
                        on_result=stop)
        summary = extract.run([str(CORPUS)], str(broken / name), workers=2, fmt=suffix,
                              resume=True)
        assert summary.skipped == 20  # four whole batches of five were journaled
        assert _table_rows(whole / name, suffix) == _table_rows(broken / name, suffix)
    finally:
        extract.BATCH_FILES = old


def _table_rows(path: Path, suffix: str) -> dict[str, list]:
    if suffix == "jsonl":
        return {"all": _jsonl(path)}
    if suffix == "csv":
        return {t: Path(f"{path.parent}/{path.stem}.{t}.csv" if t != "filings" else path)
                .read_text() for t in TABLES}
    if suffix == "parquet":
        return {t: _parquet(path, t) for t in TABLES}
    import duckdb

    db = duckdb.connect(str(path), read_only=True)
    out = {t: sorted(db.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in TABLES}
    db.close()
    return out


def test_missing_extra_gives_a_clear_message():
    with pytest.raises(MissingExtra, match=r"pip install 'eightk\[parquet\]'"):
        need("no_such_module_for_eightk", "parquet")


def test_dask_local_cluster_equals_single_process(tmp_path):
    pytest.importorskip("dask.distributed")
    pytest.importorskip("pyarrow")
    from dask.distributed import Client, LocalCluster
    from eightk.bulk.distributed import extract_bag, write_parquet

    single = tmp_path / "single"
    extract.run([str(CORPUS)], str(single), workers=1, fmt="parquet")
    with LocalCluster(n_workers=3, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        files, _, _, _ = write_parquet(extract_bag([str(CORPUS)], npartitions=5),
                                       str(tmp_path / "dask"))
    assert files == len(_parquet(single, "filings")) + sum(
        1 for r in _parquet(single, "diagnostics") if r["key"] == r["source"]
        and r["name"] in ("unreadable-input",))
    for table in TABLES:
        assert _parquet(tmp_path / "dask", table) == _parquet(single, table), table


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
