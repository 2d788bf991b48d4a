"""Beyond one machine: the same extraction on a Dask cluster.

    from eightk.bulk.distributed import extract_bag, write_parquet
    from dask.distributed import Client

    client = Client("tcp://scheduler:8786")
    paths = ["/data/feed/20240603.nc.tar.gz", "/data/feed/20240604.nc.tar.gz", ...]
    bag = extract_bag(paths, npartitions=256)       # a dask.bag of per-filing tables
    write_parquet(bag, "/shared/out")               # one Parquet part per partition

Paths (files or archives) are split into partitions; each worker reads its own
paths (so workers need the same file system view, e.g. a shared volume or
object store mount), parses and validates every filing, and writes its
partition as Parquet parts ``OUT/<table>/part-<partition>.parquet``. The rows
are the single-process rows exactly, in the same order when the parts are read
in partition order. ``eightk extract --scheduler tcp://...`` does the same from
the command line. Needs ``pip install 'eightk[dask]'``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

from . import inputs as sources
from .extract import Summary, work
from .tables import TABLES
from .writers import arrow_table, need


def _expand(paths: Iterable[str]) -> list[str]:
    # Folders, globs and @lists are expanded on the client so partitions are even.
    return list(sources._expand(paths))


def _partition(paths: list[str], timeout: float | None, limit: int, only_8k: bool) -> list:
    out = []
    for member in sources.members(paths, limit=limit, only_8k=only_8k):
        out.append(work(member, timeout))
    return out


def extract_bag(
    paths: Iterable[str], *, npartitions: int | None = None, timeout: float | None = 60.0,
    limit: int = sources.DEFAULT_LIMIT, only_8k: bool = True,
):
    """A dask.bag whose elements are the per-filing results of ``extract.work``."""
    db = need("dask.bag", "dask")
    files = _expand(paths)
    npartitions = max(1, min(npartitions or max(1, len(files) // 8), len(files) or 1))
    size = -(-len(files) // npartitions) if files else 1
    chunks = [files[i : i + size] for i in range(0, len(files), size)] or [[]]
    bag = db.from_sequence(chunks, npartitions=len(chunks))
    return bag.map(_partition, timeout, limit, only_8k).flatten()


def _write_partition(results: list, output: str, partition: int) -> list[tuple[int, int, int, int]]:
    pa = need("pyarrow", "parquet")
    pq = need("pyarrow.parquet", "parquet")
    for table in TABLES:
        folder = Path(output) / table
        folder.mkdir(parents=True, exist_ok=True)
        rows = [row for result in results for row in result.tables[table]]
        target = folder / f"part-{partition:06d}.parquet"
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        pq.write_table(arrow_table(pa, table, rows), temporary)
        os.replace(temporary, target)
    failed = sum(1 for r in results if not r.tables["filings"])
    return [(len(results), sum(r.size for r in results), sum(r.problems for r in results),
             failed)]


def write_parquet(bag, output: str) -> tuple[int, int, int, int]:
    """Write every partition of ``bag`` as Parquet parts; (files, bytes, problems, failed)."""
    from dask import delayed

    parts = bag.to_delayed()
    tasks = [delayed(_write_partition)(part, output, i) for i, part in enumerate(parts)]
    totals = [0, 0, 0, 0]
    for result in delayed(list)(tasks).compute():
        for files, size, problems, failed in result:
            totals[0] += files
            totals[1] += size
            totals[2] += problems
            totals[3] += failed
    return tuple(totals)  # type: ignore[return-value]


def run_on_cluster(
    inputs: Iterable[str], output: str, scheduler: str, *, timeout: float | None = 60.0,
    limit: int = sources.DEFAULT_LIMIT, only_8k: bool = True,
    npartitions: int | None = None,
) -> Summary:
    distributed = need("dask.distributed", "dask")
    start = time.perf_counter()
    with distributed.Client(scheduler):
        bag = extract_bag(inputs, npartitions=npartitions, timeout=timeout, limit=limit,
                          only_8k=only_8k)
        files, size, problems, failed = write_parquet(bag, output)
    return Summary(files, size, problems, failed, 0, time.perf_counter() - start)
