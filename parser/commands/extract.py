"""`eightk extract` and `eightk stats`."""

from __future__ import annotations

import os
import signal
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import app
from .common import EXIT_INPUT, EXIT_USAGE, _codes, _console

EXIT_OUTPUT = 3  # writing the output failed midway (what is written is kept)
EXIT_PIPE = 128 + signal.SIGPIPE  # 141: the reader of stdout went away, as a shell reports it


class TableFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    duckdb = "duckdb"


def _list_columns(value: bool) -> None:
    if not value:
        return
    from ..bulk.tables import COLUMNS

    for table, cols in COLUMNS.items():
        typer.echo(f"{table}: {', '.join(cols)}")
    raise typer.Exit()


_HELP = (
    "Turn any number of filings into analysis-ready tables: filings, filers, items (with their "
    "text), exhibits, signatures and diagnostics, joined on key (one per input document). One "
    "failing file never stops the run: it becomes rows in diagnostics.\n\n"
    "\b\nExamples:\n"
    "  # a folder of filings into Parquet, one sub-folder a table\n"
    "  eightk extract ./filings -o filings.parquet/\n"
    "  # an EDGAR daily feed archive into DuckDB, streamed (8-Ks only)\n"
    "  eightk extract 20240603.nc.tar.gz -o day.duckdb\n"
    "  # after Ctrl-C: continue where it stopped\n"
    "  eightk extract big/ -o out.jsonl --resume\n"
    "  # JSON Lines on stdout, without the item text\n"
    "  eightk extract big/ --no-item-text | head -3\n\n"
    "An output that is already there is refused unless --resume (continue it) or --force "
    "(replace it). Exit codes: 0 done; 2 the command cannot run as given; 3 writing the output "
    "failed midway; 4 nothing could be read; 130 interrupted (143 on SIGTERM); 141 stdout was "
    "closed. After 3 or 130, --resume continues."
)


@app.command(help=_HELP)
def extract(
    inputs: Annotated[list[str] | None, typer.Argument(
        help="Files, folders, globs, '-' (stdin), @list files, .gz/.zip/.tar(.gz) archives.",
        show_default=False)] = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", help="Output file or folder: .jsonl, .csv, .duckdb, or a Parquet "
        "folder (.parquet or a trailing /). Missing folders are made. Default: JSON Lines "
        "on stdout.")] = None,
    table_format: Annotated[TableFormat | None, typer.Option(
        "--format", "-f", help="jsonl, csv, parquet or duckdb, whatever the output's name.")
    ] = None,
    fields: Annotated[str | None, typer.Option(
        help="Columns of the filings table, comma-separated (see --columns); key is always "
        "kept.")] = None,
    item_text: Annotated[bool, typer.Option(
        "--item-text/--no-item-text", help="Put each item's text in the items table.")] = True,
    workers: Annotated[int, typer.Option(help="Worker processes (0: every core).")] = 0,
    timeout: Annotated[float, typer.Option(help="Seconds allowed per file.")] = 60.0,
    max_size: Annotated[int, typer.Option(help="Largest file read, in MB.")] = 256,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Continue the extract already in the output (after an interrupted run, or "
        "with more inputs).")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace the extract already in the output.")] = False,
    all_forms: Annotated[bool, typer.Option(
        "--all-forms", help="Also read submissions whose header names another form than "
        "8-K (skipped and counted by default).")] = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress bar and no summary; errors only.")] = False,
    scheduler: Annotated[str | None, typer.Option(
        help="Run on a Dask cluster (tcp://host:8786) writing Parquet parts to -o.")] = None,
    columns: Annotated[bool, typer.Option(
        "--columns", help="List the tables and their columns, and exit.", is_eager=True,
        callback=_list_columns, expose_value=False)] = False,
) -> None:
    from ..bulk.tables import COLUMNS
    from ..bulk.writers import MissingExtra, OutputError

    if not inputs:
        typer.echo("eightk: give at least one input (a file, folder, glob, @list or '-'); "
                   "see eightk extract --help", err=True)
        raise typer.Exit(EXIT_USAGE)
    chosen = _codes(fields)
    if chosen:
        unknown = [f for f in chosen if f not in COLUMNS["filings"]]
        if unknown:
            typer.echo(f"eightk: unknown field(s) {', '.join(unknown)} "
                       "(see `eightk extract --columns`)", err=True)
            raise typer.Exit(EXIT_USAGE)
    err = _console(stderr=True)
    fmt = table_format.value if table_format else None
    try:
        if scheduler is not None:
            summary = _on_cluster(inputs, output, fmt, scheduler, timeout, max_size, force,
                                  resume, all_forms, item_text, err)
        else:
            summary = _extract_locally(inputs, output, fmt, chosen, item_text, workers, timeout,
                                       max_size, resume, force, all_forms, quiet, err)
    except (MissingExtra, OutputError) as error:
        typer.echo(f"eightk: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    if summary is None:  # interrupted, failed or stdout closed: already said
        return
    if not quiet and (err.is_terminal or output not in (None, "-")):
        err.print(_describe(summary), markup=False, highlight=False)
    if summary.files - summary.unreadable == 0 and not summary.other_forms \
            and not summary.done_before:
        typer.echo("eightk: nothing could be read from the inputs", err=True)
        raise typer.Exit(EXIT_INPUT)


def _describe(summary) -> str:
    rate = summary.files / summary.seconds if summary.seconds else 0.0
    line = (f"extracted {summary.files} files ({summary.bytes / 1e6:.1f} MB) in "
            f"{summary.seconds:.1f} s, {rate:.0f} files/s; {summary.failed} failed, "
            f"{summary.problems} problems")
    skipped = [part for part in (
        f"{summary.other_forms} of another form (--all-forms reads them)"
        if summary.other_forms else "",
        f"{summary.other_files} not named as filings" if summary.other_files else "",
        f"{summary.done_before} already done" if summary.done_before else "") if part]
    line += "; skipped " + ", ".join(skipped) if skipped else ""
    if summary.not_found:
        line += f"; {summary.not_found} input{'s' * (summary.not_found != 1)} not found"
    return line


def _extract_locally(inputs, output, fmt, fields, item_text, workers, timeout, max_size, resume,
                     force, all_forms, quiet, err):
    from ..bulk.extract import Interrupted, OutputFailed, run

    def note(message: str) -> None:
        err.print(f"eightk: {message}", markup=False, highlight=False)

    kwargs = dict(fmt=fmt, workers=workers, timeout=timeout, resume=resume, force=force,
                  fields=fields, item_text=item_text, limit=max_size << 20,
                  only_8k=not all_forms, on_note=note)
    total: list[int | None] = [None]

    def counted(value: int | None) -> None:
        total[0] = value

    try:
        if quiet or not err.is_terminal:
            return run(inputs, output, on_total=counted, **kwargs)
        return _with_progress(inputs, output, err, kwargs, total)
    except Interrupted as stop:
        done = stop.summary.finished
        of = f" of {total[0]}" if total[0] is not None else ""
        hint = "; rerun with --resume to continue" if output not in (None, "-") else ""
        typer.echo(f"interrupted after {done}{of} files{hint}", err=True)
        raise typer.Exit(128 + stop.signum) from None
    except OutputFailed as failure:
        hint = ", rerun with --resume to continue" if output not in (None, "-") else ""
        typer.echo(f"eightk: {failure}; {failure.summary.finished} files written{hint}", err=True)
        raise typer.Exit(EXIT_OUTPUT) from None
    except BrokenPipeError:
        # The reader left (`| head`): stop quietly, with nothing left for Python to flush
        # into the closed pipe at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(EXIT_PIPE) from None


def _with_progress(inputs, output, err, kwargs, total):
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    from ..bulk.extract import run

    class Remaining(TimeRemainingColumn):
        def render(self, task):  # nothing, not "-:--:--", where the total is not known
            if task.total is None:
                return Text("")
            return Text.assemble("ETA ", super().render(task))

    seen = {"bytes": 0, "problems": 0}
    with Progress(TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), Remaining(),
                  console=err,
                  transient=True) as progress:
        task = progress.add_task("extract", total=None, rate="")
        started = time.perf_counter()

        def begin(done: int) -> None:
            progress.reset(task, completed=done, rate="")  # no speed sample for the skip

        def counted(value: int | None) -> None:
            total[0] = value
            if value is not None:
                progress.update(task, total=value)

        def tick(result) -> None:
            seen["bytes"] += result.size
            seen["problems"] += result.problems
            elapsed = max(time.perf_counter() - started, 1e-6)
            rate = progress.tasks[0].speed or 0.0
            progress.update(task, advance=1, rate=(
                f"{rate:.0f} files/s, {seen['bytes'] / elapsed / 1e6:.1f} MB/s, "
                f"{seen['problems']} problems"))

        return run(inputs, output, on_result=tick, on_start=begin, on_total=counted, **kwargs)


def _on_cluster(inputs, output, fmt, scheduler, timeout, max_size, force, resume, all_forms,
                item_text, err):
    from ..bulk.distributed import run_on_cluster
    from ..bulk.writers import OutputError

    if output is None:
        raise OutputError("--scheduler needs -o OUTPUT_FOLDER (Parquet parts are written there)")
    if resume:
        raise OutputError("--resume is not available with --scheduler: rerun with --force")
    if fmt not in (None, "parquet"):
        raise OutputError("--scheduler writes Parquet parts: leave out --format or give parquet")

    def note(message: str) -> None:
        err.print(f"eightk: {message}", markup=False, highlight=False)

    return run_on_cluster(inputs, output, scheduler, timeout=timeout, limit=max_size << 20,
                          only_8k=not all_forms, item_text=item_text, force=force, on_note=note)


@app.command()
def stats(
    extract_path: Annotated[Path, typer.Argument(
        help="An extract: .jsonl, .csv, .duckdb, or a Parquet folder.")],
    plot: Annotated[Path | None, typer.Option(help="Draw items per year and diagnostics per "
                                                   "code into this PNG file.")] = None,
) -> None:
    """Counts by year, form, item and diagnostic code over an extract.

    \b
    Examples:
      eightk stats filings.parquet/
      eightk stats day.duckdb --plot stats.png
    """
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
