"""The ``eightk`` command: a thin typer layer over the ``parser`` package.

Each command reads its inputs, calls the library and hands the result to a
renderer. Exit codes: 0 ok, 1 findings at or above the threshold (check),
2 usage error, 4 unreadable input.
"""

from __future__ import annotations

import os
import sys
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


@app.command()
def schema() -> None:
    """Print the JSON Schema of the JSON that `eightk parse` prints."""
    import json

    typer.echo(json.dumps(eightk.json_schema(), indent=2))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
