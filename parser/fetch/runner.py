"""Fetching a list of targets with a few worker threads, resumably.

A target whose file is already on disk under its final name is complete (only a
whole download is ever renamed to it) and is not asked for again. Outcomes come
back to the calling thread one by one, in the order they finish, so the caller
can print each path as soon as its file is whole (``| eightk extract @-``).

Workers are daemon threads: on Ctrl-C the run sets its cancel event, workers
stop at their next chunk or wait, their ``.part`` files are removed, and the
caller returns without waiting on a stalled socket.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .http import Cancelled, FetchError, Http
from .plan import Target

FETCHED, PRESENT, FAILED, UNPUBLISHED = "fetched", "present", "failed", "unpublished"


@dataclass
class Outcome:
    target: Target
    status: str  # fetched | present | failed | unpublished
    size: int = 0
    reason: str = ""


@dataclass
class Summary:
    fetched: int = 0
    present: int = 0
    failed: int = 0
    unpublished: int = 0
    bytes: int = 0
    requests: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    stopped: str = ""  # why the run stopped early (EDGAR blocked it)
    failures: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        if outcome.status == FETCHED:
            self.fetched += 1
            self.bytes += outcome.size
        elif outcome.status == PRESENT:
            self.present += 1
        elif outcome.status == UNPUBLISHED:
            self.unpublished += 1
        else:
            self.failed += 1
            self.failures.append(outcome)


def _fetch_one(http: Http, target: Target, on_bytes: Callable[[int], None]) -> Outcome:
    if target.path.is_file():
        return Outcome(target, PRESENT)
    try:
        size = http.download(target.url, target.path, on_bytes=on_bytes, kind=target.kind)
    except FetchError as error:
        if error.fatal:
            raise
        if target.kind == "feed" and error.status in (403, 404):
            # Holidays have no feed; EDGAR answers 403 or 404 for them.
            return Outcome(target, UNPUBLISHED, reason=f"no feed archive ({error.reason})")
        reason = error.reason
        if error.status == 404 and target.kind == "submission":
            reason += (f"; EDGAR has no {target.label} under this CIK (an accession number's "
                       "prefix is the submitter's CIK, often a filing agent's: give the "
                       "company's as CIK/ACCESSION or --cik)")
        return Outcome(target, FAILED, reason=f"{reason} ({target.url})")
    return Outcome(target, FETCHED, size)


def run(http: Http, targets: Iterable[Target], *, workers: int = 4,
        on_outcome: Callable[[Outcome], None] | None = None,
        on_tick: Callable[[int], None] | None = None) -> Summary:
    """Fetch every target; ``on_outcome`` hears each result as it finishes and
    ``on_tick`` the bytes received since the last tick (about ten times a second).
    KeyboardInterrupt stops the run: the summary says ``interrupted``."""
    started = time.perf_counter()
    summary = Summary()
    todo: queue.Queue[Target | None] = queue.Queue()
    done: queue.Queue[Outcome | BaseException] = queue.Queue()
    count = 0
    for target in targets:
        todo.put(target)
        count += 1
    workers = max(1, min(workers, count))
    for _ in range(workers):
        todo.put(None)
    received = [0]
    lock = threading.Lock()
    in_flight: set[Target] = set()

    def on_bytes(n: int) -> None:
        with lock:
            received[0] += n

    def worker() -> None:
        while not http.cancel.is_set():
            target = todo.get()
            if target is None:
                return
            with lock:
                in_flight.add(target)
            try:
                done.put(_fetch_one(http, target, on_bytes))
            except Cancelled:
                return
            except BaseException as error:  # a fatal FetchError, or a bug: the run stops
                done.put(error)
                return
            finally:
                with lock:
                    in_flight.discard(target)

    threads = [threading.Thread(target=worker, daemon=True, name=f"eightk-fetch-{i}")
               for i in range(workers)]
    for thread in threads:
        thread.start()
    finished = 0
    try:
        while finished < count:
            try:
                item = done.get(timeout=0.1)
            except queue.Empty:
                item = None
            if on_tick is not None:
                with lock:
                    n, received[0] = received[0], 0
                if n:
                    on_tick(n)
            if item is None:
                if not any(t.is_alive() for t in threads) and done.empty():
                    break  # every worker stopped (a fatal error was already reported)
                continue
            if isinstance(item, BaseException):
                if isinstance(item, FetchError):
                    summary.stopped = item.reason
                    http.cancel.set()
                    break
                http.cancel.set()
                raise item
            finished += 1
            summary.add(item)
            if on_outcome is not None:
                on_outcome(item)
    except KeyboardInterrupt:
        summary.interrupted = True
        http.cancel.set()
        # Workers notice within a chunk; give them a moment to remove their
        # .part files, but never wait on a stalled connection.
        deadline = time.monotonic() + 2.0
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        with lock:
            stuck = list(in_flight)
        for target in stuck:  # a worker still blocked in a read: its bytes never count
            target.path.with_name(f".{target.path.name}.part").unlink(missing_ok=True)
    summary.requests = http.requests
    summary.seconds = time.perf_counter() - started
    return summary
