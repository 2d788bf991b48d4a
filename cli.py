"""The ``eightk`` command: a thin typer layer over the ``parser`` package.

Each command reads its inputs, calls the library and hands the result to a
renderer. Exit codes: 0 ok, 1 findings at or above the threshold (check),
2 usage error, 4 unreadable input.
"""

from __future__ import annotations

import os
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

import parser as eightk
from parser.render_json import filing_json

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INPUT = 0, 1, 2, 4

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="Parse, validate and extract SEC Form 8-K filings.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _read(path: Path) -> bytes | None:
    try:
        if str(path) == "-":
            return sys.stdin.buffer.read()
        return path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        typer.echo(f"eightk: cannot read {path}: {reason}", err=True)
        return None


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Filings to parse ('-' for stdin).")],
    spans: Annotated[bool, typer.Option("--spans/--no-spans", help="Include source spans.")] = True,
    compact: Annotated[bool, typer.Option(help="One line of JSON per filing.")] = False,
) -> None:
    """Parse filings and print their data as JSON (JSON Lines for several files)."""
    failed = False
    many = len(files) > 1
    for path in files:
        data = _read(path)
        if data is None:
            failed = True
            continue
        filing = eightk.parse_source(data, str(path)).filing
        indent = None if (compact or many) else 2
        typer.echo(filing_json(filing, spans=spans, indent=indent))
    if failed:
        raise typer.Exit(EXIT_INPUT)


class Format(StrEnum):
    full = "full"
    short = "short"
    json = "json"
    sarif = "sarif"
    github = "github"


class Level(StrEnum):
    info = "info"
    warning = "warning"
    error = "error"


FILING_SUFFIXES = (".txt", ".nc", ".htm", ".html", ".sgml", ".xml", ".xhtml")


def _files(paths: list[Path]) -> list[Path]:
    """The files to read: paths as given; folders walked for filings (.txt, .nc,
    .htm, .html, .sgml; hidden entries skipped)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(Path(root) / n for n in sorted(names)
                           if not n.startswith(".") and n.lower().endswith(FILING_SUFFIXES))
        else:
            out.append(path)
    return out


def _codes(value: str | None) -> list[str] | None:
    return [c.strip() for c in value.split(",") if c.strip()] if value else None


def _console(stderr: bool):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="Filings or folders to check.")],
    output_format: Annotated[
        Format | None, typer.Option("--format", "-f", help="How to print diagnostics.")
    ] = None,
    select: Annotated[str | None, typer.Option(
        help="Only these codes, families or names, comma-separated (E1,I401,long-line).")] = None,
    ignore: Annotated[str | None, typer.Option(help="Leave out these codes or names.")] = None,
    severity: Annotated[Level | None, typer.Option(
        help="Report diagnostics at or above this severity.")] = None,
    config: Annotated[Path | None, typer.Option(
        help="pyproject.toml with a [tool.eightk] section (default: the nearest one).")] = None,
) -> None:
    """Validate filings and report every problem at its place (exit 1 on findings)."""
    from parser import config as settings
    from parser.render_diagnostics import (
        dumps,
        format_github,
        format_short,
        render_full,
        summary,
        to_json_objects,
        to_sarif,
    )
    from parser.validate import resolve, validate

    try:
        team = settings.load(config if config is not None else settings.find())
    except settings.ConfigError as error:
        typer.echo(f"eightk: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    fmt = output_format.value if output_format else team.get("format", "full")
    level = severity.value if severity else team.get("severity", "warning")
    chosen = _codes(select) or team.get("select")
    dropped = _codes(ignore) or team.get("ignore")
    if fmt not in Format.__members__ or level not in Level.__members__:
        typer.echo(f"eightk: bad format or severity in configuration: {fmt!r}, {level!r}",
                   err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        resolve(chosen or [])
        resolve(dropped or [])
    except KeyError as error:
        typer.echo(f"eightk: unknown rule code or name {error.args[0]!r} "
                   "(see `eightk rules`)", err=True)
        raise typer.Exit(EXIT_USAGE) from None

    err = _console(stderr=True)
    unreadable = False
    findings = 0
    results = []
    totals = {"error": 0, "warning": 0, "info": 0}
    paths = _files(files)
    for path in paths:
        data = _read(path)
        if data is None:
            unreadable = True
            continue
        parsed = eightk.parse_source(data, str(path))
        found = validate(parsed, select=chosen, ignore=dropped, severity=level)
        findings += len(found)
        for d in found:
            totals[d.severity] += 1
        shown = str(path)
        if fmt == "full":
            render_full(found, parsed.source, shown, err, parsed.layout)
            err.print(summary(shown, found, parsed.filing))
        elif fmt == "short":
            for d in found:
                err.print(format_short(d, shown), markup=False)
        elif fmt == "github":
            for d in found:
                typer.echo(format_github(d, shown))
        results.append((shown, found))
    if fmt == "json":
        objects = [obj for shown, found in results for obj in to_json_objects(found, shown)]
        typer.echo(dumps(objects))
    elif fmt == "sarif":
        typer.echo(dumps(to_sarif(results)))
    elif fmt in ("full", "short") and len(paths) > 1:
        dirty = sum(1 for _, found in results if found)
        err.print(f"checked {len(results)} files: {dirty} with problems, "
                  f"{len(results) - dirty} clean; {totals['error']} errors, "
                  f"{totals['warning']} warnings, {totals['info']} infos", markup=False)
    if unreadable:
        raise typer.Exit(EXIT_INPUT)
    if findings:
        raise typer.Exit(EXIT_FINDINGS)


@app.command()
def explain(code: Annotated[str, typer.Argument(help="A code (I401) or name (unknown-item).")]
            ) -> None:
    """Explain a diagnostic code, with an example."""
    from parser.render_diagnostics import explain as explain_text

    text = explain_text(code)
    if text is None:
        typer.echo(f"eightk: no rule {code!r} (see `eightk rules`)", err=True)
        raise typer.Exit(EXIT_USAGE)
    typer.echo(text)


@app.command()
def rules() -> None:
    """List every rule: code, name, severity and what it checks."""
    from rich.table import Table

    from parser.codes import RULES

    table = Table(box=None, show_edge=False, pad_edge=False)
    for column in ("code", "name", "severity", "checks"):
        table.add_column(column)
    for code in sorted(RULES):
        rule = RULES[code]
        table.add_row(rule.code, rule.name, rule.severity, rule.summary)
    _console(stderr=False).print(table)


@app.command()
def show(
    file: Annotated[Path, typer.Argument(help="The filing to show.")],
    source: Annotated[bool, typer.Option(
        "--source", help="Print the 8-K text with what was recognised highlighted.")] = False,
) -> None:
    """Show what the parser understood: cover page, items, exhibits, signatures."""
    from parser.render_show import show_source, show_tables
    from parser.validate import validate

    data = _read(file)
    if data is None:
        raise typer.Exit(EXIT_INPUT)
    parsed = eightk.parse_source(data, str(file))
    found = validate(parsed)
    console = _console(stderr=False)
    if source:
        show_source(parsed, console, found)
    else:
        show_tables(parsed, console, found)


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
    from parser.tables import COLUMNS
    from parser.writers import MissingExtra

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
            from parser.distributed import run_on_cluster

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
    from parser.extract import run

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
    from parser.stats import draw, load, render
    from parser.writers import MissingExtra

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


@app.command()
def schema() -> None:
    """Print the JSON Schema of the JSON that `eightk parse` prints."""
    import json

    typer.echo(json.dumps(eightk.json_schema(), indent=2))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
