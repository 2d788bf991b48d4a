"""Beyond one machine: the same extraction on a Dask cluster.

    from eightk.bulk.distributed import extract_bag, write_parquet
    from dask.distributed import Client

    client = Client("tcp://scheduler:8786")
    paths = ["/data/feed/20240603.nc.tar.gz", "/data/feed/20240604.nc.tar.gz", ...]
    bag = extract_bag(paths, npartitions=256)       # a dask.bag of per-filing results
    write_parquet(bag, "/shared/out")               # one Parquet part per partition

Paths (files or archives) are split into partitions; each worker reads its own
paths (so workers need the same file system view, e.g. a shared volume or
object store mount), parses and validates every filing, and writes its
partition as Parquet parts ``OUT/<table>/part-<partition>.parquet``. The rows
are the single-process rows exactly, in the same order when the parts are read
in partition order. ``eightk extract --scheduler tcp://...`` does the same from
the command line; it gives up on a scheduler it cannot reach within a few
seconds. Needs ``pip install 'eightk[dask]'``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from . import inputs as sources
from .extract import Summary, tally, work
from .tables import TABLES, schema
from .writers import OutputError, ParquetWriter, arrow_table, need

CONNECT_TIMEOUT = 5.0  # seconds; dask's own default is 30


def _expand(paths: Iterable[str], report: Callable[[str], None] | None = None) -> list:
    # Folders, globs and @lists are expanded on the client so partitions are even.
    return list(sources._expand(paths, report))


def _partition(items: list, timeout: float | None, limit: int, only_8k: bool,
               item_text: bool) -> list:
    out = []
    for item in items:
        found = [item] if isinstance(item, sources.Member) else sources.members(
            [item], limit=limit, only_8k=only_8k)
        for member in found:
            out.append(work(member, timeout, only_8k=only_8k, item_text=item_text))
    return out


def extract_bag(
    paths: Iterable[str], *, npartitions: int | None = None, timeout: float | None = 60.0,
    limit: int = sources.DEFAULT_LIMIT, only_8k: bool = True, item_text: bool = True,
    report: Callable[[str], None] | None = None,
):
    """A dask.bag whose elements are the per-filing results of ``extract.work``."""
    db = need("dask.bag", "dask")
    files = _expand(paths, report)
    npartitions = max(1, min(npartitions or max(1, len(files) // 8), len(files) or 1))
    size = -(-len(files) // npartitions) if files else 1
    chunks = [files[i : i + size] for i in range(0, len(files), size)] or [[]]
    bag = db.from_sequence(chunks, npartitions=len(chunks))
    return bag.map(_partition, timeout, limit, only_8k, item_text).flatten()


COUNTS = ("files", "bytes", "problems", "failed", "unreadable", "other-form", "other-file")


def _write_partition(results: list, output: str, partition: int,
                     item_text: bool = True) -> list[dict[str, int]]:
    pa = need("pyarrow", "parquet")
    pq = need("pyarrow.parquet", "parquet")
    columns = schema(None, item_text)
    kept = [r for r in results if r.skipped is None]
    for table in TABLES:
        folder = Path(output) / table
        folder.mkdir(parents=True, exist_ok=True)
        rows = [row for result in kept for row in result.tables[table]]
        target = folder / f"part-{partition:06d}.parquet"
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        pq.write_table(arrow_table(pa, columns[table], rows), temporary)
        os.replace(temporary, target)
    counts = dict.fromkeys(COUNTS, 0)
    for r in results:
        tally(counts, r)
    return [counts]


def write_parquet(bag, output: str, *, item_text: bool = True) -> dict[str, int]:
    """Write every partition of ``bag`` as Parquet parts; the counts of what was read
    (files, bytes, problems, failed, unreadable, other-form, other-file)."""
    from dask import delayed

    parts = bag.to_delayed()
    tasks = [delayed(_write_partition)(part, output, i, item_text) for i, part in enumerate(parts)]
    totals = dict.fromkeys(COUNTS, 0)
    for result in delayed(list)(tasks).compute():
        for counts in result:
            for name, value in counts.items():
                totals[name] += value
    return totals


class SchedulerError(OutputError):
    """The Dask scheduler cannot be reached: the message says where and why."""


def run_on_cluster(
    inputs: Iterable[str], output: str, scheduler: str, *, timeout: float | None = 60.0,
    limit: int = sources.DEFAULT_LIMIT, only_8k: bool = True, item_text: bool = True,
    npartitions: int | None = None, force: bool = False,
    on_note: Callable[[str], None] | None = None,
    connect_timeout: float = CONNECT_TIMEOUT,
) -> Summary:
    """``eightk extract --scheduler``: refuses an output that already holds parts
    unless ``force`` (which removes them), and a scheduler it cannot reach."""
    distributed = need("dask.distributed", "dask")
    folder = ParquetWriter(output, schema(None, item_text))
    there = folder.exists()
    if there and not force:
        raise OutputError(f"{output} already holds an extract: pass --force to replace it")
    start = time.perf_counter()
    try:
        client = distributed.Client(scheduler, timeout=f"{connect_timeout}s")
    except (OSError, ValueError, TypeError, TimeoutError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise SchedulerError(f"cannot reach the Dask scheduler {scheduler}: {reason}") from None
    if there:  # only once the cluster is there to write the new parts
        folder.clear()
    missing = [0]

    def note(message: str) -> None:
        missing[0] += 1
        if on_note is not None:
            on_note(message)

    with client:
        bag = extract_bag(inputs, npartitions=npartitions, timeout=timeout, limit=limit,
                          only_8k=only_8k, item_text=item_text, report=note)
        c = write_parquet(bag, output, item_text=item_text)
    return Summary(c["files"], c["bytes"], c["problems"], c["failed"], c["unreadable"],
                   c["other-form"], c["other-file"], 0, missing[0], time.perf_counter() - start)
