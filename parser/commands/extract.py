"""`eightk extract` and `eightk stats`."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import app
from .common import EXIT_INPUT, EXIT_USAGE, _codes, _console


class TableFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    duckdb = "duckdb"


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(
        help="Files, folders, globs, '-' (stdin), @list files, .gz/.zip/.tar(.gz) archives.")],
    output: Annotated[str | None, typer.Option(
        "--output", "-o", help="Output file or folder; its extension picks the format.")] = None,
    table_format: Annotated[TableFormat | None, typer.Option(
        "--format", "-f", help="jsonl (default, stdout), csv, parquet or duckdb.")] = None,
    fields: Annotated[str | None, typer.Option(
        help="Columns of the filings table, comma-separated (see `eightk extract --columns`).")
    ] = None,
    workers: Annotated[int, typer.Option(help="Worker processes (0: every core).")] = 0,
    timeout: Annotated[float, typer.Option(help="Seconds allowed per file.")] = 60.0,
    max_size: Annotated[int, typer.Option(help="Largest file read, in MB.")] = 256,
    resume: Annotated[bool, typer.Option(
        help="Continue an interrupted run into the same output.")] = False,
    all_forms: Annotated[bool, typer.Option(
        "--all-forms", help="Also parse non-8-K submissions found in feed archives.")] = False,
    scheduler: Annotated[str | None, typer.Option(
        help="Run on a Dask cluster (tcp://host:8786) writing Parquet parts to -o.")] = None,
    columns: Annotated[bool, typer.Option(
        "--columns", help="List the tables and their columns, and exit.")] = False,
) -> None:
    """Turn any number of filings into analysis-ready tables (filings, filers, items,
    exhibits, signatures, diagnostics). One failing file never stops the run."""
    from ..bulk.tables import COLUMNS
    from ..bulk.writers import MissingExtra

    if columns:
        for table, cols in COLUMNS.items():
            typer.echo(f"{table}: {', '.join(cols)}")
        return
    chosen = _codes(fields)
    if chosen:
        unknown = [f for f in chosen if f not in COLUMNS["filings"]]
        if unknown:
            typer.echo(f"eightk: unknown field(s) {', '.join(unknown)} "
                       "(see `eightk extract --columns`)", err=True)
            raise typer.Exit(EXIT_USAGE)
    try:
        if scheduler is not None:
            from ..bulk.distributed import run_on_cluster

            if output is None:
                typer.echo("eightk: --scheduler needs -o OUTPUT_FOLDER", err=True)
                raise typer.Exit(EXIT_USAGE)
            summary = run_on_cluster(inputs, output, scheduler, timeout=timeout,
                                     limit=max_size << 20, only_8k=not all_forms)
        else:
            summary = _extract_locally(inputs, output, table_format, chosen, workers, timeout,
                                       max_size, resume, all_forms)
    except MissingExtra as error:
        typer.echo(f"eightk: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    err = _console(stderr=True)
    if err.is_terminal or output not in (None, "-"):
        rate = summary.files / summary.seconds if summary.seconds else 0.0
        err.print(f"extracted {summary.files} files ({summary.bytes / 1e6:.1f} MB) in "
                  f"{summary.seconds:.1f} s, {rate:.0f} files/s; {summary.failed} unreadable, "
                  f"{summary.problems} problems; {summary.skipped} already done", markup=False)


def _extract_locally(inputs, output, table_format, fields, workers, timeout, max_size, resume,
                     all_forms):
    from ..bulk.extract import run

    err = _console(stderr=True)
    fmt = table_format.value if table_format else None
    kwargs = dict(fmt=fmt, workers=workers, timeout=timeout, resume=resume, fields=fields,
                  limit=max_size << 20, only_8k=not all_forms)
    if not err.is_terminal:
        return run(inputs, output, **kwargs)
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    seen = {"bytes": 0, "problems": 0}
    with Progress(TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), console=err,
                  transient=True) as progress:
        task = progress.add_task("extract", total=None, rate="")
        started = time.perf_counter()

        def tick(result) -> None:
            seen["bytes"] += result.size
            seen["problems"] += result.problems
            done = progress.tasks[0].completed + 1
            elapsed = max(time.perf_counter() - started, 1e-6)
            progress.update(task, advance=1, rate=(
                f"{done / elapsed:.0f} files/s, {seen['bytes'] / elapsed / 1e6:.1f} MB/s, "
                f"{seen['problems']} problems"))

        return run(inputs, output, on_result=tick, **kwargs)


@app.command()
def stats(
    extract_path: Annotated[Path, typer.Argument(
        help="An extract: .jsonl, .csv, .duckdb, or a Parquet folder.")],
    plot: Annotated[Path | None, typer.Option(help="Draw items per year and diagnostics per "
                                                   "code into this PNG file.")] = None,
) -> None:
    """Counts by year, form, item and diagnostic code over an extract."""
    from ..bulk.stats import draw, load, render
    from ..bulk.writers import MissingExtra

    try:
        counts = load(extract_path)
    except (OSError, ValueError) as error:
        typer.echo(f"eightk: cannot read extract {extract_path}: {error}", err=True)
        raise typer.Exit(EXIT_INPUT) from None
    except MissingExtra as error:
        typer.echo(f"eightk: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    render(counts, _console(stderr=False))
    if plot is not None:
        try:
            draw(counts, plot)
        except MissingExtra as error:
            typer.echo(f"eightk: {error}", err=True)
            raise typer.Exit(EXIT_USAGE) from None
