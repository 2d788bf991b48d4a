"""`eightk extract`: any number of filings into tables, on every core.

Members (files, archive members) are parsed and validated in worker processes
(``pool.Pool``); results are written in input order, so a run is deterministic
whatever the number of workers, with a bounded number of files in flight so
memory stays flat however many files there are. Each file gets a time limit; a
file that fails in any way becomes rows in the diagnostics table and the run
goes on.

An output that is already there is never appended to by accident: a run
refuses it unless told to continue it (``resume``) or replace it (``force``).

``resume`` relies on a journal next to the output (``OUTPUT.eightk-journal``):
after each batch is written and flushed, the journal records which documents it
held and where each output file ended. A resumed run truncates the outputs to
the last journaled point (dropping a half-written batch) and skips what is
done. A run that finishes removes its journal; resuming a finished output
(with more inputs, say) reads what it holds from the output itself. DuckDB
keeps that record in the database (``_eightk_done``), batch by batch.

Ctrl-C (or SIGTERM) stops a run within moments: the workers are terminated and
reaped, the results already back are written and journaled, and ``Interrupted``
says how far it got. A signal that arrives while a batch is being written waits
for the batch to be complete; a second one does not wait.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import NamedTuple

from ..checks.validate import validate
from ..pipeline import parse_bytes
from ..source.text import make_diagnostic
from . import inputs as sources
from .pool import Pool
from .tables import Row, failure_rows, rows, schema
from .warm import warm
from .writers import OutputError, format_of, open_writer

BATCH_FILES = 64
CHUNK = 4
BATCH_BYTES = 64 * 1024 * 1024


class Result(NamedTuple):
    source: str
    tables: dict[str, list[Row]]
    size: int
    problems: int
    skipped: str | None = None  # "other-form" or "other-file": counted, no rows
    unreadable: bool = False  # its bytes could not be had (missing, damaged, too large)


def tally(counts: dict[str, int], result: Result) -> None:
    """Add one file's result to a run's counts (files, bytes, problems, failed,
    unreadable, and each reason for skipping)."""
    if result.skipped is not None:
        counts[result.skipped] += 1
        return
    counts["files"] += 1
    counts["bytes"] += result.size
    counts["problems"] += result.problems
    counts["failed"] += not result.tables["filings"]
    counts["unreadable"] += result.unreadable


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


_NO_ROWS: dict[str, list[Row]] = {}


def work(member: sources.Member, timeout: float | None = 60.0, *, only_8k: bool = True,
         item_text: bool = True) -> Result:
    """Parse, validate and tabulate one member. Never raises."""
    if member.skip is not None:
        return Result(member.name, _NO_ROWS, 0, 0, member.skip)
    member = member.load()
    if member.error is not None:
        name, message = member.error
        return Result(member.name, failure_rows(member.name, make_diagnostic(name, message)),
                      0, 1, unreadable=True)
    data = member.data or b""
    if only_8k and sources.is_other_form(data[:16384]):
        return Result(member.name, _NO_ROWS, len(data), 0, "other-form")
    use_alarm = bool(timeout) and threading.current_thread() is threading.main_thread()
    old = signal.signal(signal.SIGALRM, _alarm) if use_alarm else None
    try:
        try:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, timeout)
            parsed = parse_bytes(data, member.name)
            found = validate(parsed)
            tables = rows(parsed.filing, member.name, found, item_text=item_text)
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


def _before_fork() -> None:
    """Build the parsers once here, for every worker to share (``warm``), and
    freeze what exists: a worker's collector then never walks the parent's
    objects, which would copy every page of them into the worker."""
    warm()
    gc.freeze()


def _died(member: sources.Member, code: int | None) -> Result:
    """The result of a member whose worker process died reading it."""
    how = f"exit code {code}" if code is None or code >= 0 else _signal_name(-code)
    hint = " (out of memory?)" if code == -signal.SIGKILL else ""
    return Result(member.name, failure_rows(member.name, make_diagnostic(
        "unreadable-input",
        f"{member.name}: the worker process reading it died ({how}){hint}")), 0, 1)


def _signal_name(number: int) -> str:
    try:
        return f"killed by {signal.Signals(number).name}"
    except ValueError:
        return f"killed by signal {number}"


NAME_MAX = 255


def journal_path(output: str) -> Path:
    """``OUTPUT.eightk-journal``; for a name too long to take the suffix, a
    hidden name made from a hash of it, in the same folder."""
    path = Path(output.rstrip("/" + os.sep) or output)
    name = f"{path.name}.eightk-journal"
    try:
        limit = os.pathconf(path.parent if path.parent.exists() else ".", "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = NAME_MAX
    if len(os.fsencode(name)) <= limit:
        return path.with_name(name)
    digest = hashlib.sha256(os.fsencode(path.name)).hexdigest()[:24]
    return path.with_name(f".eightk-journal-{digest}")


class Journal:
    """Appends ``{"done": [...], "state": {...}}`` lines; reads them back."""

    def __init__(self, output: str) -> None:
        self.path = journal_path(output)

    def exists(self) -> bool:
        return self.path.exists()

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
    files: int  # documents read into rows this run (failures included)
    bytes: int
    problems: int
    failed: int  # documents with no filings row (unreadable, over the time limit, ...)
    unreadable: int  # documents whose bytes could not be had at all
    other_forms: int  # skipped: the header names a form outside the 8-K family
    other_files: int  # skipped: a file in a folder or archive not named as a filing
    done_before: int  # skipped: already in the output (resume)
    not_found: int  # arguments that named nothing (missing path, empty glob, ...)
    seconds: float
    total: int | None = None  # documents the inputs hold, where known

    @property
    def finished(self) -> int:
        """Documents whose outcome is in the output, this run and before."""
        return self.files + self.other_forms + self.other_files + self.done_before


class Interrupted(KeyboardInterrupt):
    """The run was stopped by SIGINT or SIGTERM; ``summary`` says how far it got
    (everything it counts is written and journaled)."""

    def __init__(self, summary: Summary, signum: int) -> None:
        super().__init__(f"interrupted after {summary.finished} files")
        self.summary = summary
        self.signum = signum


class OutputFailed(Exception):
    """Writing the output failed during the run (disk full, ...); what the
    journal holds is intact, so ``resume`` continues once the cause is fixed."""

    def __init__(self, message: str, summary: Summary) -> None:
        super().__init__(message)
        self.summary = summary


class _Stop:
    """SIGINT and SIGTERM as a clean stop. Outside a critical section the first
    signal raises KeyboardInterrupt at once; inside one (a batch being written
    and journaled) it waits for the section's end. A second signal never waits."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self.pending = False
        self.depth = 0
        self.old: dict[int, object] = {}
        if threading.current_thread() is threading.main_thread():
            for number in (signal.SIGINT, signal.SIGTERM):
                self.old[number] = signal.signal(number, self._handle)

    def _handle(self, signum, frame) -> None:
        if self.signum is not None:
            raise KeyboardInterrupt
        self.signum = signum
        if self.depth:
            self.pending = True
        else:
            raise KeyboardInterrupt

    @contextmanager
    def critical(self) -> Iterator[None]:
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
        if self.pending and not self.depth:
            self.pending = False
            raise KeyboardInterrupt

    def restore(self) -> None:
        for number, handler in self.old.items():
            signal.signal(number, handler)


def _count_in_background(inputs: list[str], on_total: Callable[[int | None], None]) -> None:
    def count() -> None:
        with suppress(Exception):  # a progress bar's total is not worth failing a run
            on_total(sources.count(inputs))

    threading.Thread(target=count, name="eightk-count", daemon=True).start()


def run(
    inputs: Iterable[str],
    output: str | None = None,
    *,
    fmt: str | None = None,
    workers: int = 0,
    timeout: float | None = 60.0,
    resume: bool = False,
    force: bool = False,
    fields: list[str] | None = None,
    item_text: bool = True,
    limit: int = sources.DEFAULT_LIMIT,
    only_8k: bool = True,
    on_result: Callable[[Result], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_total: Callable[[int | None], None] | None = None,
    on_note: Callable[[str], None] | None = None,
) -> Summary:
    """Extract ``inputs`` into ``output`` (None or "-": JSON Lines on stdout).

    Raises ``OutputError`` before anything is read when the output cannot be
    used as asked (an unknown format, an existing output without ``resume`` or
    ``force``, other columns than the existing output's, a folder that cannot
    be made), ``Interrupted`` on SIGINT/SIGTERM and ``OutputFailed`` when
    writing fails midway. ``on_start`` gets the number of documents already
    done, ``on_total`` the number the inputs hold (from a thread, when counted;
    None when unknown), ``on_note`` each argument that named nothing.
    """
    inputs = list(inputs)
    if resume and force:
        raise OutputError("--resume and --force cannot be used together")
    fmt = format_of(output, fmt)
    writer = open_writer(output, fmt, schema(fields, item_text))
    if resume and writer.streaming:
        raise OutputError("--resume needs an output file (-o)")
    if resume and "-" in inputs:
        raise OutputError("--resume cannot tell which part of standard input is done; "
                          "name the files instead of '-'")
    workers = workers or os.cpu_count() or 1
    counts = {"files": 0, "bytes": 0, "problems": 0, "failed": 0, "unreadable": 0,
              "other-form": 0, "other-file": 0, "not_found": 0}
    total: list[int | None] = [None]

    def note(message: str) -> None:
        counts["not_found"] += 1
        if on_note is not None:
            on_note(message)

    def totalled(value: int | None) -> None:
        total[0] = value
        if on_total is not None:
            on_total(value)

    def summary() -> Summary:
        return Summary(counts["files"], counts["bytes"], counts["problems"], counts["failed"],
                       counts["unreadable"], counts["other-form"], counts["other-file"],
                       len(done), counts["not_found"], time.perf_counter() - start, total[0])

    done: set[str] = set()
    state: dict | None = None
    start = time.perf_counter()
    stop = _Stop()
    try:
        journal = None if writer.streaming or fmt == "duckdb" else Journal(output)
        if force:
            writer.clear()
            if journal is not None:
                journal.reset()
        elif writer.exists():
            if not resume:
                raise OutputError(f"{output} already holds an extract: pass --resume to continue "
                                  "it or --force to replace it")
            writer.check()
            if journal is not None and journal.exists():
                done, state = journal.load()
            else:  # a finished run: what it holds is in the output itself
                done = writer.done()
        elif journal is not None:
            journal.reset()  # a journal whose output is gone says nothing
        writer.open()
        if state:
            writer.restore(state)
    except BaseException as error:
        stop.restore()
        writer.close()  # refused or failed: let go of what was opened to look
        if isinstance(error, OSError):  # a name too long, a folder not ours, ...
            where = error.filename or output
            raise OutputError(f"cannot write {where}: {error.strerror or error}") from None
        if isinstance(error, KeyboardInterrupt):  # nothing written yet: nothing to keep
            raise Interrupted(summary(), stop.signum or signal.SIGINT) from None
        raise

    members = (m for m in sources.members(inputs, limit=limit, only_8k=only_8k, lazy=True,
                                          report=note)
               if m.name not in done)
    task = functools.partial(work, timeout=timeout, only_8k=only_8k, item_text=item_text)
    batch: list[Result] = []
    batch_bytes = 0

    def flush() -> None:
        nonlocal batch_bytes
        with stop.critical():
            if not batch:
                return
            try:
                writer.write([r.tables for r in batch if r.skipped is None],
                             [r.source for r in batch])
                if journal is not None:
                    journal.record([r.source for r in batch], writer.checkpoint())
            except BrokenPipeError:
                raise
            except OSError as error:
                raise _WriteError(error) from None
            for result in batch:  # counted once written: a summary counts only what is in
                tally(counts, result)
            batch.clear()
            batch_bytes = 0

    def consume(results: Iterable[Result]) -> None:
        nonlocal batch_bytes
        for result in results:
            batch.append(result)
            batch_bytes += result.size
            if on_result is not None:
                on_result(result)
            if writer.streaming or len(batch) >= BATCH_FILES or batch_bytes >= BATCH_BYTES:
                flush()

    signum = None
    try:
        try:
            if on_start is not None:
                on_start(len(done))
            if workers == 1:
                if on_total is not None:
                    _count_in_background(inputs, totalled)
                consume(task(m) for m in members)
            else:
                _before_fork()
                try:
                    pool = Pool(workers, task, _died, chunk=CHUNK)
                finally:
                    gc.unfreeze()  # the workers have their copy: the parent collects again
                with pool:
                    if on_total is not None:  # after the fork: the workers need no threads
                        _count_in_background(inputs, totalled)
                    consume(pool.map(members))
                    flush()  # while the workers exit (map told them to)
                    pool.close()
            flush()
        except KeyboardInterrupt:
            signum = stop.signum or signal.SIGINT
            with suppress(KeyboardInterrupt, _WriteError):  # a second Ctrl-C: stop flushing
                flush()  # the results already back are complete: keep them
    except _WriteError as error:
        path = error.error.filename or (output if output not in (None, "-") else "stdout")
        raise OutputFailed(f"cannot write {path}: {error.error.strerror or error.error}",
                           summary()) from None
    finally:
        stop.restore()
        with suppress(OSError):
            writer.close()
    if signum is not None:
        raise Interrupted(summary(), signum)
    if journal is not None:
        journal.reset()  # finished: nothing to resume
    return summary()


class _WriteError(Exception):
    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error

