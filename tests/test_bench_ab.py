"""bench/bench_ab.py on a small corpus of the project's samples: the harness, and its
output guard (no timings asserted)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BENCH_SAMPLES, sample_corpus

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"



@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The project's samples laid out as ../shared/corpus is (real/MANIFEST.tsv)."""
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"],
                      capture_output=True).returncode != 0:
        pytest.skip("not a git checkout: bench_ab.py exports its base with git archive")
    return sample_corpus(tmp_path_factory.mktemp("corpus"))


def run(corpus: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(BENCH / "bench_ab.py"), "--corpus", str(corpus), "--base", "HEAD",
         "--repeat", "1", "--limit", "2", *args], capture_output=True, text=True)


def table(stdout: str) -> dict[str, list[str]]:
    return {line.split()[0]: line.split() for line in stdout.splitlines()
            if line.split() and line.split()[0] in (*BENCH_SAMPLES.values(), "all")}


def test_same_code_on_both_sides_gives_a_row_per_kind_and_the_same_output(corpus):
    done = run(corpus, "--head-tree", str(ROOT))
    assert done.returncode == 0, done.stdout + done.stderr
    rows = table(done.stdout)
    assert set(rows) == {*BENCH_SAMPLES.values(), "all"}
    assert all(row[1] == "1" for kind, row in rows.items() if kind != "all")
    assert rows["all"][1] == "4"
    assert "same output on all 4 files" in done.stdout


def test_the_layout_stage_times_the_html_documents_alone(corpus):
    done = run(corpus, "--head-tree", str(ROOT), "--stage", "layout")
    assert done.returncode == 0, done.stdout + done.stderr
    assert set(table(done.stdout)) == {"html-8k", "ixbrl-8k", "all"}
    assert "2 files left out of the timing: their 8-K document is not HTML" in done.stdout


def test_the_cover_stage_times_the_cover_reader_alone(corpus):
    done = run(corpus, "--head-tree", str(ROOT), "--stage", "cover")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "stage cover:" in done.stdout
    rows = table(done.stdout)
    # every sample has lines before its first heading: all four are timed
    assert set(rows) == {*BENCH_SAMPLES.values(), "all"} and rows["all"][1] == "4"
    assert "left out of the timing" not in done.stdout


def test_a_head_whose_output_differs_is_reported_and_fails(corpus, tmp_path):
    # A copy of this checkout whose parse_source names every file "changed".
    for folder in ("parser", "grammar"):
        shutil.copytree(ROOT / folder, tmp_path / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    with (tmp_path / "parser" / "__init__.py").open("a") as fh:
        fh.write(
            "\nimport msgspec as _msgspec\n_real_parse_source = parse_source\n\n\n"
            "def parse_source(source, path=None):\n"
            "    parsed = _real_parse_source(source, path)\n"
            "    moved = _msgspec.structs.replace(parsed.filing.source, path='changed')\n"
            "    return parsed._replace(filing=_msgspec.structs.replace(parsed.filing,"
            " source=moved))\n")
    done = run(corpus, "--head-tree", str(tmp_path))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "output differs on 4 of 4 files" in done.stdout
    assert "real/html-2012-8k.htm: .filing.source.path: None -> 'changed'" in done.stdout
    assert set(table(done.stdout)) == {*BENCH_SAMPLES.values(), "all"}  # timed all the same


def test_an_unknown_revision_is_one_line(corpus):
    done = run(corpus, "--base", "no-such-revision-here")
    assert done.returncode != 0
    assert "bench_ab: no revision 'no-such-revision-here'" in done.stderr
    assert "Traceback" not in done.stderr
