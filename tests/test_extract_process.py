"""`eightk extract` as a real process: Ctrl-C (to the process and to its group),
SIGTERM, a reader that closes stdout, an unreachable Dask scheduler. These need
real signals and pipes, so each runs `python -m eightk` in a subprocess."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CORPUS
from eightk.bulk import extract

pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX signals")

SMALL = [CORPUS / n for n in ("text-2006-sub.txt", "text-2003-items-9-12-8k.txt",
                              "text-2005-combined-headings-8k.txt", "html-2012-8k.htm",
                              "tagged-2024-sub.nc", "text-1998-pem-sub.txt")]
COPIES = 100  # 600 files: a run of a few seconds on two workers


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for i in range(COPIES):
        sub = folder / f"{i:03d}"
        sub.mkdir()
        for path in SMALL:
            shutil.copy(path, sub / path.name)
    return folder


@pytest.fixture(scope="module")
def reference(many, tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("ref") / "ref.jsonl"
    extract.run([str(many)], str(out), workers=2)
    return out.read_bytes()


def _eightk(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "eightk", "extract", *args],
                            stdout=kwargs.pop("stdout", subprocess.PIPE), stderr=subprocess.PIPE,
                            start_new_session=True, cwd=kwargs.pop("cwd", "/"), **kwargs)


def _children(pid: int) -> set[int]:
    out = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                status = Path(f"/proc/{entry}/status").read_text()
            except OSError:
                continue
            if re.search(rf"^PPid:\s+{pid}$", status, re.MULTILINE):
                out.add(int(entry))
    return out


def _gone(pids: set[int]) -> bool:
    return not any(Path(f"/proc/{pid}").exists() for pid in pids)


def _wait_for(predicate, seconds: float = 60.0) -> None:
    end = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < end, "timed out waiting"
        time.sleep(0.01)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see the workers")
@pytest.mark.parametrize("how", ["process", "group", "sigterm"])
def test_a_signal_stops_the_run_cleanly_and_resume_completes_it(many, reference, tmp_path, how):
    out = tmp_path / "out.jsonl"
    run = _eightk(str(many), "-o", str(out), "--workers", "2")
    _wait_for(lambda: out.exists() and out.stat().st_size > 0)  # the first batch is in
    workers = _children(run.pid)
    assert len(workers) == 2
    if how == "process":
        os.kill(run.pid, signal.SIGINT)
    elif how == "group":  # what a terminal's Ctrl-C does: every process of the group
        os.killpg(run.pid, signal.SIGINT)
    else:
        os.kill(run.pid, signal.SIGTERM)
    _, stderr = run.communicate(timeout=20)  # "within a few seconds": a hang fails here
    expected = 143 if how == "sigterm" else 130
    assert run.returncode == expected, stderr
    message = re.search(rb"interrupted after (\d+) of (\d+) files; rerun with --resume to "
                        rb"continue", stderr)
    assert message, stderr
    assert b"Traceback" not in stderr
    done, total = int(message.group(1)), int(message.group(2))
    assert total == COPIES * len(SMALL) and 0 < done < total
    _wait_for(lambda: _gone(workers), 5)
    written = out.read_bytes()
    assert reference.startswith(written)  # every row written is whole and in place
    assert written.count(b"\n") == done
    for line in written.splitlines():
        json.loads(line)
    resumed = subprocess.run([sys.executable, "-m", "eightk", "extract", str(many), "-o",
                              str(out), "--workers", "2", "--resume"], capture_output=True,
                             timeout=120, cwd="/")
    assert resumed.returncode == 0, resumed.stderr
    assert f"{done} already done".encode() in resumed.stderr
    assert out.read_bytes() == reference
    assert not list(tmp_path.glob("*journal*"))  # a finished run leaves no journal


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see the workers")
def test_a_closed_stdout_ends_the_run_quietly(many):
    run = _eightk(str(many), "--workers", "2")
    first = run.stdout.readline()
    assert json.loads(first)["key"].startswith(str(many))
    workers = _children(run.pid)
    run.stdout.close()  # `| head -1`
    stderr = run.stderr.read()
    run.wait(timeout=20)
    assert run.returncode == 141  # 128 + SIGPIPE, as a shell reports it
    assert stderr == b"", stderr  # no traceback, no "Exception ignored"
    _wait_for(lambda: _gone(workers), 5)


def test_a_closed_stdout_in_a_shell_pipeline(many, tmp_path):
    shell = shutil.which("sh")
    if shell is None:
        pytest.skip("no sh")
    done = subprocess.run([shell, "-c", f"'{sys.executable}' -m eightk extract '{many}' "
                           "--workers 2 2>err.txt | head -1 >/dev/null"],
                          cwd=tmp_path, capture_output=True, timeout=60)
    assert done.returncode == 0  # head's status; the pipeline ended instead of hanging
    assert (tmp_path / "err.txt").read_bytes() == b""


def test_an_unreachable_scheduler_is_one_line_quickly(tmp_path):
    pytest.importorskip("dask.distributed")
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "eightk", "extract", str(CORPUS), "-o",
                           str(tmp_path / "out"), "--scheduler", f"tcp://127.0.0.1:{port}"],
                          capture_output=True, text=True, timeout=60)
    elapsed = time.monotonic() - started
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert lines == [lines[0]] and "cannot reach the Dask scheduler" in lines[0], done.stderr
    # a bound on a hang, not a speed measurement: dask's own default is to wait 30 s
    assert elapsed < 30
    assert not (tmp_path / "out").exists()


def test_stdout_that_cannot_be_written_is_one_line():
    target = CORPUS / "text-2006-sub.txt"
    if Path("/dev/full").exists():  # every write fails with ENOSPC
        with open("/dev/full", "wb") as full:
            done = subprocess.run([sys.executable, "-m", "eightk", "extract", str(target)],
                                  stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
        assert done.returncode == 3
        assert done.stderr == "eightk: cannot write stdout: No space left on device; 0 files " \
                              "written\n"
    shell = shutil.which("sh")
    if shell is not None:  # started with stdout closed
        done = subprocess.run([shell, "-c", f"'{sys.executable}' -m eightk extract '{target}' >&-"],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 2
        assert done.stderr == "eightk: standard output is closed: give an output file (-o)\n"
