"""Worker processes for `eightk extract`: results in input order, a bounded
number of files in flight, and a stop that takes a moment, not forever.

Why not ``multiprocessing.Pool``: its ``imap`` feeds tasks from a thread that
cannot be told to stop, so a Ctrl-C left the main process waiting on that
thread with its workers defunct; and a worker killed by the kernel (out of
memory) made ``imap`` wait forever for the lost task.

Here each worker has its own task queue (fed by a thread, so the main process
never blocks on a full pipe), kept a few chunks deep so it never waits on the
main process, and its own result pipe (so a worker that dies mid-message can
only damage its own), with one message per chunk. Workers ignore SIGINT: the
main process decides when to stop, then terminates them and reaps them, so
none is left behind. A worker that dies unexpectedly costs one file: it notes
in shared memory which file it is reading, that file becomes a failure, and
the rest of its work goes to a fresh worker.

The end of a run: the items are read a little ahead, so the last ones go out in
smaller and smaller chunks and the workers finish together; once every item is
handed out each worker is told to exit after its last chunk, and its teardown
overlaps what the others still do.
"""

from __future__ import annotations

import mmap
import os
import queue
import signal
from collections import deque
from collections.abc import Callable, Iterator
from itertools import islice
from multiprocessing import connection, get_context
from typing import Any

Fn = Callable[[Any], Any]
OnDeath = Callable[[Any, int | None], Any]  # (the item being read, exit code) -> its result


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_MASK = hasattr(signal, "pthread_sigmask")


def _serve(tasks, conn, fn: Fn, parent: int, reading) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C is the main process's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _MASK:  # blocked by the parent around the fork, so no signal met a half-made worker
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    while True:
        try:
            task = tasks.get(timeout=1.0)
        except queue.Empty:
            if os.getppid() != parent:  # the main process is gone: so are we
                return
            continue
        if task is None:
            return
        seq, start, items = task
        results = []
        for index, item in enumerate(items, start):
            reading[0], reading[1] = seq, index  # for the main process, should we die here
            results.append(fn(item))
        reading[0] = -1  # dying from here on blames no file: the chunk is simply redone
        conn.send((seq, start, results))


def _file_in_hand(context):
    """Two shared integers, (seq, index) of the file a worker is reading. Forked
    workers share an anonymous mapping: ``RawArray`` would first import ctypes
    (2 ms, on the way to the first fork: the serial part of a run)."""
    if context.get_start_method() != "fork":
        return context.RawArray("q", [-1, -1])
    shared = memoryview(mmap.mmap(-1, 16)).cast("q")
    shared[0] = shared[1] = -1
    return shared


class _Worker:
    def __init__(self, context, fn: Fn) -> None:
        self.tasks = context.Queue()
        reader, writer = context.Pipe(duplex=False)
        self.conn = reader
        self.reading = _file_in_hand(context)
        self.process = context.Process(
            target=_serve, args=(self.tasks, writer, fn, os.getpid(), self.reading),
            daemon=True)
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS) if _MASK else None
        try:
            self.process.start()
        finally:
            if old is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, old)
        writer.close()  # the worker holds the only write end: EOF when it dies
        self.outstanding: list[tuple[int, int, list]] = []  # (seq, start, items), in order
        self.finishing = False  # told to exit (``Pool.finish``)


class Pool:
    """``Pool(workers, fn, on_death).map(items)`` yields ``fn(item)`` for every
    item, in order. Use as a context manager: leaving it stops every worker."""

    def __init__(self, workers: int, fn: Fn, on_death: OnDeath, *, chunk: int = 4,
                 window: int | None = None) -> None:
        self.context = get_context("fork") if hasattr(os, "fork") else get_context("spawn")
        self.fn = fn
        self.on_death = on_death
        self.chunk = chunk
        self.window = window or workers * 4  # chunks between the oldest unfinished and newest
        self.depth = max(2, self.window // workers)  # chunks queued at one worker
        self.lookahead = self.window * chunk  # items read before they are handed out
        self.workers: list[_Worker] = []
        self.finishing = False  # every worker told to exit after its work
        self.leaving: list[_Worker] = []  # done with their work and exiting
        try:
            for _ in range(workers):
                self.workers.append(_Worker(self.context, fn))
        except BaseException:  # a Ctrl-C between two forks: leave none behind
            self.terminate()
            raise

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc) -> None:
        self.terminate()

    def map(self, items: Iterator) -> Iterator:
        items = iter(items)
        # Items are read this far ahead of those handed out, so the end is seen
        # coming: the last ones go out in ever smaller chunks, to a worker with at
        # most one queued, and no worker sits idle at the end while another still
        # has several files queued (one slowed down by other work, say).
        ahead: deque = deque()
        results: dict[int, list] = {}  # seq -> results so far (None where not yet back)
        next_seq = emit_seq = emit_index = 0
        exhausted = False  # items has no more: what is ahead is all that is left
        while True:
            while next_seq - emit_seq < self.window:
                if not exhausted:
                    exhausted = self._read_ahead(items, ahead)
                if not ahead:
                    break
                depth, size = self.depth, self.chunk
                if exhausted:
                    depth = 2
                    size = max(1, min(size, len(ahead) // (2 * len(self.workers))))
                worker = min(self.workers, key=lambda w: len(w.outstanding))
                if len(worker.outstanding) >= depth:
                    break  # every worker has enough queued not to wait for us
                chunk = [ahead.popleft() for _ in range(min(size, len(ahead)))]
                results[next_seq] = [None] * len(chunk)
                self._assign(worker, next_seq, 0, chunk)
                next_seq += 1
            if exhausted and not ahead and not self.finishing:
                # each worker exits once its queue is done, while the others still
                # work (a process's teardown takes milliseconds)
                self.finish()
            freed = False
            while emit_seq < next_seq:
                ready = results[emit_seq]
                while emit_index < len(ready) and ready[emit_index] is not None:
                    result = ready[emit_index]
                    ready[emit_index] = True  # yielded: keep no reference
                    emit_index += 1
                    yield result
                if emit_index < len(ready):
                    break
                del results[emit_seq]
                emit_seq, emit_index = emit_seq + 1, 0
                freed = True
            if exhausted and not ahead and emit_seq == next_seq:
                return
            if not freed:  # else hand out more work first: waiting now would idle the workers
                self._receive(results)

    def _read_ahead(self, items: Iterator, ahead: deque) -> bool:
        """Fill ``ahead`` up to ``lookahead`` items; True once ``items`` has no more."""
        wanted = self.lookahead - len(ahead)
        if wanted <= 0:
            return False
        before = len(ahead)
        ahead.extend(islice(items, wanted))
        return len(ahead) - before < wanted

    def _assign(self, worker: _Worker, seq: int, start: int, chunk: list) -> None:
        worker.outstanding.append((seq, start, chunk))
        worker.tasks.put((seq, start, chunk))

    def _receive(self, results: dict[int, list]) -> None:
        by_conn = {w.conn: w for w in self.workers}
        by_sentinel = {w.process.sentinel: w for w in self.workers}
        ready = connection.wait([*by_conn, *by_sentinel], timeout=0.5)
        dead = []
        for handle in ready:
            worker = by_conn.get(handle)
            if worker is not None:
                if not self._drain(worker, results):
                    dead.append(worker)
            else:
                dead.append(by_sentinel[handle])
        for worker in dict.fromkeys(dead):
            self._drain(worker, results)
            if worker.finishing and not worker.outstanding:  # done and leaving, as told
                self._stop(worker)
                self.workers.remove(worker)
                self.leaving.append(worker)  # reaped by close: its teardown is no wait here
            else:
                self._replace(worker, results)

    def _drain(self, worker: _Worker, results: dict[int, list]) -> bool:
        """Read every message waiting from ``worker``; False once its pipe is closed."""
        try:
            while worker.conn.poll():
                seq, start, done = worker.conn.recv()
                results[seq][start : start + len(done)] = done
                worker.outstanding.pop(0)  # a worker answers its chunks in order
        except (EOFError, OSError):
            return False
        return True

    def _replace(self, worker: _Worker, results: dict[int, list]) -> None:
        """A worker died: the file it was reading fails, its other work moves on."""
        worker.process.join(timeout=5)
        code = worker.process.exitcode
        seq_in_hand, index_in_hand = worker.reading[0], worker.reading[1]
        self._stop(worker)
        self.workers.remove(worker)
        fresh = _Worker(self.context, self.fn)
        self.workers.append(fresh)
        for seq, start, items in worker.outstanding:
            culprit = index_in_hand - start if seq == seq_in_hand else -1
            if 0 <= culprit < len(items):
                results[seq][index_in_hand] = self.on_death(items[culprit], code)
                parts = ((start, items[:culprit]), (index_in_hand + 1, items[culprit + 1:]))
            else:
                parts = ((start, items),)
            for first, rest in parts:
                if rest:
                    self._assign(fresh, seq, first, rest)
        if self.finishing:
            self.finish()  # the fresh worker too, after the work it took over

    @staticmethod
    def _stop(worker: _Worker) -> None:
        worker.tasks.cancel_join_thread()  # never wait to feed a worker that is gone
        worker.tasks.close()
        worker.conn.close()

    def terminate(self) -> None:
        """Stop every worker now and reap it: within a few seconds, none left behind
        (a second Ctrl-C waits until this is done)."""
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS) if _MASK else None
        try:
            self._terminate()
        finally:
            if old is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, old)

    def _terminate(self) -> None:
        self.workers += self.leaving
        self.leaving = []
        for worker in self.workers:
            if worker.process.is_alive():
                worker.process.terminate()
        for worker in self.workers:
            worker.process.join(timeout=3)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(timeout=3)
            self._stop(worker)
        self.workers = []

    def finish(self) -> None:
        """Tell every worker to exit once its work is done, without waiting (``map``
        does so once it has handed out every item: a pool maps once)."""
        self.finishing = True
        for worker in self.workers:
            if not worker.finishing:
                worker.tasks.put(None)
                worker.finishing = True

    def close(self) -> None:
        """Let every worker finish and exit (after ``map`` is exhausted)."""
        self.finish()
        for worker in self.workers + self.leaving:
            worker.process.join(timeout=10)
        self.terminate()  # any that did not leave
