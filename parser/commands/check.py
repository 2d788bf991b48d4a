"""`eightk check`, `eightk explain` and `eightk rules`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .. import parse_source
from . import app
from .common import EXIT_FINDINGS, EXIT_INPUT, EXIT_USAGE, _codes, _console, _files, _read


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
    from ..checks import config as settings
    from ..checks.validate import resolve, validate
    from ..render.diagnostics import (
        dumps,
        format_github,
        format_short,
        render_full,
        summary,
        to_json_objects,
        to_sarif,
    )

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
        parsed = parse_source(data, str(path))
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
    from ..render.diagnostics import explain as explain_text

    text = explain_text(code)
    if text is None:
        typer.echo(f"eightk: no rule {code!r} (see `eightk rules`)", err=True)
        raise typer.Exit(EXIT_USAGE)
    typer.echo(text)


@app.command()
def rules() -> None:
    """List every rule: code, name, severity and what it checks."""
    from rich.table import Table

    from ..codes import RULES

    table = Table(box=None, show_edge=False, pad_edge=False)
    for column in ("code", "name", "severity", "checks"):
        table.add_column(column)
    for code in sorted(RULES):
        rule = RULES[code]
        table.add_row(rule.code, rule.name, rule.severity, rule.summary)
    _console(stderr=False).print(table)
