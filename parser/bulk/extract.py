"""`eightk extract`: any number of filings into tables, on every core.

Members (files, archive members) are parsed and validated in worker processes,
in order (results are written in input order, so a run is deterministic), with
a bounded number in flight so memory stays flat however many files there are.
Each file gets a time limit; a file that fails in any way becomes rows in the
diagnostics table and the run goes on.

``--resume`` relies on a journal next to the output (``OUTPUT.eightk-journal``):
after each batch is written and flushed, the journal records which sources it
held and where each output file ended. A resumed run truncates the outputs to
the last journaled point (dropping a half-written batch) and skips what is done.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from multiprocessing import get_context
from pathlib import Path
from typing import NamedTuple

from ..checks.validate import validate
from ..pipeline import parse_bytes
from ..source.text import make_diagnostic
from . import inputs as sources
from .tables import Row, failure_rows, rows
from .writers import DuckdbWriter, format_of, open_writer

BATCH_FILES = 64
CHUNK = 4
BATCH_BYTES = 64 * 1024 * 1024


class Result(NamedTuple):
    source: str
    tables: dict[str, list[Row]]
    size: int
    problems: int


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def work(member: sources.Member, timeout: float | None) -> Result:
    """Parse, validate and tabulate one member. Never raises."""
    member = member.load()
    if member.error is not None:
        name, message = member.error
        return Result(member.name, failure_rows(member.name, make_diagnostic(name, message)),
                      0, 1)
    data = member.data or b""
    use_alarm = bool(timeout) and threading.current_thread() is threading.main_thread()
    old = signal.signal(signal.SIGALRM, _alarm) if use_alarm else None
    try:
        try:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, timeout)
            parsed = parse_bytes(data, member.name)
            found = validate(parsed)
            tables = rows(parsed.filing, member.name, found)
            problems = sum(d.severity != "info" for d in found)
        finally:
            if use_alarm:  # the alarm may still fire in here: the outer handler catches it
                signal.setitimer(signal.ITIMER_REAL, 0)
    except _Timeout:
        tables = failure_rows(member.name, make_diagnostic(
            "time-limit", f"{member.name}: not read within {timeout:g} s"))
        problems = 1
    except Exception as error:  # noqa: BLE001 - one bad file must not stop a run
        tables = failure_rows(member.name, make_diagnostic(
            "unreadable-input", f"{member.name}: internal error {type(error).__name__}: {error}"))
        problems = 1
    finally:
        if use_alarm:
            signal.signal(signal.SIGALRM, old)
    return Result(member.name, tables, len(data), problems)


def _work_star(args: tuple[sources.Member, float | None]) -> Result:
    return work(*args)


class Journal:
    """Appends ``{"done": [...], "state": {...}}`` lines; reads them back."""

    def __init__(self, output: str) -> None:
        self.path = Path(f"{output}.eightk-journal")

    def load(self) -> tuple[set[str], dict]:
        done: set[str] = set()
        state: dict = {}
        if not self.path.exists():
            return done, state
        for line in self.path.read_text().splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                break  # a torn last line: that batch never finished
            done.update(entry["done"])
            state = entry["state"]
        return done, state

    def record(self, done: list[str], state: dict) -> None:
        with self.path.open("a") as stream:
            stream.write(json.dumps({"done": done, "state": state}) + "\n")
            stream.flush()
            os.fsync(stream.fileno())

    def reset(self) -> None:
        if self.path.exists():
            self.path.unlink()


class Summary(NamedTuple):
    files: int
    bytes: int
    problems: int
    failed: int
    skipped: int
    seconds: float


def _bounded(items: Iterator, gate: threading.Semaphore) -> Iterator:
    for item in items:
        gate.acquire()  # released when its result has been consumed
        yield item


def run(
    inputs: Iterable[str],
    output: str | None = None,
    *,
    fmt: str | None = None,
    workers: int = 0,
    timeout: float | None = 60.0,
    resume: bool = False,
    fields: list[str] | None = None,
    limit: int = sources.DEFAULT_LIMIT,
    only_8k: bool = True,
    on_result: Callable[[Result], None] | None = None,
) -> Summary:
    fmt = format_of(output, fmt)
    writer = open_writer(output, fmt, fields)
    journal = Journal(output) if output not in (None, "-") and fmt != "duckdb" else None
    done: set[str] = set()
    if resume:
        if isinstance(writer, DuckdbWriter):
            done = writer.done()
        elif journal is not None:
            done, state = journal.load()
            writer.restore(state)
    elif journal is not None:
        journal.reset()
    workers = workers or os.cpu_count() or 1
    start = time.perf_counter()
    members = (m for m in sources.members(inputs, limit=limit, only_8k=only_8k,
                                          lazy=workers != 1)
               if m.name not in done)
    skipped = len(done)
    files = size = problems = failed = 0
    batch: list[dict[str, list[Row]]] = []
    batch_sources: list[str] = []
    batch_bytes = 0

    def flush() -> None:
        nonlocal batch, batch_sources, batch_bytes
        if not batch:
            return
        writer.write(batch)
        if journal is not None:
            journal.record(batch_sources, writer.checkpoint())
        batch, batch_sources, batch_bytes = [], [], 0

    def consume(results: Iterator[Result], gate: threading.Semaphore | None) -> None:
        nonlocal files, size, problems, failed, batch_bytes
        for result in results:
            if gate is not None:
                gate.release()
            files += 1
            size += result.size
            problems += result.problems
            failed += not result.tables["filings"]
            batch.append(result.tables)
            batch_sources.append(result.source)
            batch_bytes += result.size
            if on_result is not None:
                on_result(result)
            if len(batch) >= BATCH_FILES or batch_bytes >= BATCH_BYTES:
                flush()

    try:
        if workers == 1:
            consume((work(m, timeout) for m in members), None)
        else:
            # Chunks of a few files cut the per-task cost of the pool's pipes and
            # threads; the gate keeps a bounded number of files in flight.
            gate = threading.Semaphore(workers * CHUNK * 4)
            context = get_context("fork") if hasattr(os, "fork") else get_context()
            with context.Pool(workers) as pool:
                tasks = ((m, timeout) for m in _bounded(members, gate))
                consume(pool.imap(_work_star, tasks, chunksize=CHUNK), gate)
        flush()
    finally:
        writer.close()
    return Summary(files, size, problems, failed, skipped, time.perf_counter() - start)
