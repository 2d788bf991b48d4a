"""`eightk check`, `eightk explain` and `eightk rules`.

Diagnostics, in every format, go to stdout (or ``--output-file``) so that
``> report.txt`` and ``| grep`` get them; the per-file and final summary lines
go to stderr (``--quiet`` drops them).
"""

from __future__ import annotations

import json
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
    json_lines = "json-lines"
    sarif = "sarif"
    github = "github"


class Level(StrEnum):
    info = "info"
    warning = "warning"
    error = "error"


class RulesFormat(StrEnum):
    text = "text"
    json = "json"


def _unknown_rule(code: str) -> str:
    from ..render.diagnostics import suggest

    close = suggest(code)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    return f"eightk: no rule {code!r}{hint} (see `eightk rules`)"


class _JsonArray:
    """Prints a JSON array one element at a time, as ``json.dumps(..., indent=2)``
    would print the whole list, so a run over a million files never holds them all."""

    def __init__(self, emit) -> None:
        self.emit = emit
        self.pending: str | None = None
        self.started = False

    def add(self, text: str) -> None:
        if not self.started:
            self.emit("[")
            self.started = True
        if self.pending is not None:
            self.emit(self.pending + ",")
        self.pending = "\n".join("  " + line for line in text.split("\n"))

    def close(self) -> None:
        if not self.started:
            self.emit("[]")
            return
        self.emit(self.pending or "")
        self.emit("]")


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(
        metavar="FILE_OR_FOLDER",
        help="Filings, or folders searched for .txt, .nc, .htm, .html, .sgml, .xml files; "
             "'-' reads stdin.")],
    output_format: Annotated[Format | None, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help="full (rustc-style, the default), short (file:line:col: ...), json (one array), "
             "json-lines (one object per line), sarif (SARIF 2.1.0) or github (workflow "
             "annotations).", show_default=False)] = None,
    output_file: Annotated[Path | None, typer.Option(
        "--output-file", "-o", metavar="FILE",
        help="Write the diagnostics (or statistics) to FILE instead of stdout.")] = None,
    select: Annotated[str | None, typer.Option(
        metavar="CODES",
        help="Only these codes, families or names, comma-separated: E1,I401,long-line.")
    ] = None,
    ignore: Annotated[str | None, typer.Option(
        metavar="CODES", help="Leave out these codes, families or names.")] = None,
    severity: Annotated[Level | None, typer.Option(
        metavar="LEVEL",
        help="Report diagnostics at or above LEVEL: info, warning (the default) or error.",
        show_default=False)] = None,
    statistics: Annotated[bool, typer.Option(
        "--statistics",
        help="Print the number of diagnostics per code instead of the diagnostics "
             "(text, or JSON with --format json or json-lines).")] = False,
    exit_zero: Annotated[bool, typer.Option(
        "--exit-zero", help="Exit 0 even when there are findings (unreadable input still "
                            "exits 4).")] = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Print the diagnostics and nothing else: no summary lines.")
    ] = False,
    config: Annotated[Path | None, typer.Option(
        metavar="PYPROJECT",
        help="A pyproject.toml with a [tool.eightk] section (default: the nearest one).")
    ] = None,
) -> None:
    """Validate filings and report every problem at its place.

    Exit codes: 0 no findings, 1 findings at or above the severity threshold, 2 usage
    error, 4 an input could not be read.

    \b
    Examples:
      eightk check filing.txt
      eightk check --format short ./filings > report.txt
      eightk check --statistics --select I,S ./filings
      eightk check --format sarif -o eightk.sarif --exit-zero ./filings
    """
    from ..checks import config as settings
    from ..checks.validate import resolve, validate

    try:
        team = settings.load(config if config is not None else settings.find())
    except settings.ConfigError as error:
        typer.echo(f"eightk: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    fmt = output_format.value if output_format else team.get("format", "full")
    level = severity.value if severity else team.get("severity", "warning")
    chosen = _codes(select) or team.get("select")
    dropped = _codes(ignore) or team.get("ignore")
    if fmt not in {f.value for f in Format} or level not in {v.value for v in Level}:
        typer.echo(f"eightk: bad format or severity in configuration: {fmt!r}, {level!r}",
                   err=True)
        raise typer.Exit(EXIT_USAGE)
    if statistics and fmt in ("sarif", "github"):
        typer.echo(f"eightk: --statistics prints text or JSON, not {fmt}", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        resolve(chosen or [])
        resolve(dropped or [])
    except KeyError as error:
        typer.echo(_unknown_rule(error.args[0]), err=True)
        raise typer.Exit(EXIT_USAGE) from None

    sink = None
    if output_file is not None:
        try:
            output_file.parent.mkdir(parents=True, exist_ok=True)
            sink = output_file.open("w", encoding="utf-8")
        except OSError as error:
            typer.echo(f"eightk: cannot write {output_file}: {error.strerror or error}",
                       err=True)
            raise typer.Exit(EXIT_USAGE) from None
    try:
        unreadable, findings = _run(files, fmt, chosen, dropped, level, statistics, quiet,
                                    sink, validate)
    finally:
        if sink is not None:
            sink.close()
    if unreadable:
        raise typer.Exit(EXIT_INPUT)
    if findings and not exit_zero:
        raise typer.Exit(EXIT_FINDINGS)


def _run(files, fmt, chosen, dropped, level, statistics, quiet, sink, validate):
    """Check every file, printing as it goes; returns (unreadable, findings)."""
    from rich.console import Console

    from ..render import diagnostics as render

    def emit(text: str) -> None:
        typer.echo(text, file=sink)

    out = (Console(file=sink, color_system=None, highlight=False, soft_wrap=True, emoji=False)
           if sink is not None else _console(stderr=False))
    err = _console(stderr=True)
    unreadable = False
    results = []
    everything = []
    totals = {"error": 0, "warning": 0, "info": 0}
    array = _JsonArray(emit)
    paths = _files(files)
    for path in paths:
        data = _read(path)
        if data is None:
            unreadable = True
            continue
        parsed = parse_source(data, str(path))
        found = validate(parsed, select=chosen, ignore=dropped, severity=level)
        for d in found:
            totals[d.severity] += 1
        shown = str(path)
        results.append((shown, found))
        if statistics:
            everything.extend(found)
        elif fmt == "full":
            render.render_full(found, parsed.source, shown, out, parsed.layout)
        elif fmt == "short":
            for d in found:
                emit(render.format_short(d, shown))
        elif fmt == "github":
            for d in found:
                emit(render.format_github(d, shown))
        elif fmt == "json-lines":
            for obj in render.to_json_objects(found, shown):
                emit(render.dumps_line(obj))
        elif fmt == "json":
            for obj in render.to_json_objects(found, shown):
                array.add(render.dumps(obj))
        if fmt == "full" and not statistics and not quiet:
            err.print(render.summary(shown, found, parsed.filing))
    if statistics:
        rows = render.statistics(everything)
        if fmt == "json":
            emit(render.dumps(rows))
        elif fmt == "json-lines":
            for row in rows:
                emit(render.dumps_line(row))
        else:
            for line in render.format_statistics(rows):
                emit(line)
    elif fmt == "json":
        array.close()
    elif fmt == "sarif":
        emit(render.dumps(render.to_sarif(results)))
    findings = sum(totals.values())
    if not quiet and (len(paths) > 1 or statistics) and fmt in ("full", "short"):
        dirty = sum(1 for _, found in results if found)
        err.print(f"checked {len(results)} files: {dirty} with problems, "
                  f"{len(results) - dirty} clean; {totals['error']} errors, "
                  f"{totals['warning']} warnings, {totals['info']} infos", markup=False)
    return unreadable, findings


@app.command(short_help="Explain a diagnostic code, with an example.")
def explain(code: Annotated[str, typer.Argument(
        metavar="CODE", help="A code (I401), a name (unknown-item) or a family (I4).")]
            ) -> None:
    """Explain a diagnostic code: what it checks, why, how to fix it, with an example.

    A family (I4, K) lists its rules.

    \b
    Examples:
      eightk explain I401
      eightk explain unknown-item
      eightk explain K
    """
    from ..render.diagnostics import explain as explain_text

    text = explain_text(code)
    if text is None:
        family = _family(code)
        if family:  # `eightk explain I4`: the rules of the family, to pick one from
            typer.echo("\n".join(family))
            return
        typer.echo(_unknown_rule(code), err=True)
        raise typer.Exit(EXIT_USAGE)
    typer.echo(text)


def _family(prefix: str) -> list[str]:
    """``CODE  name  summary`` lines of the rules whose code starts with ``prefix``."""
    from ..codes import RULES

    key = prefix.strip().upper()
    if not key or not key[0].isalpha():
        return []
    rules = [RULES[code] for code in sorted(RULES) if code.startswith(key)]
    width = max((len(rule.name) for rule in rules), default=0)
    return [f"{rule.code}  {rule.name:<{width}}  {rule.summary}" for rule in rules]


@app.command()
def rules(
    output_format: Annotated[RulesFormat, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help="text (a table, the default) or json (an array of objects with code, name, "
             "severity, summary, help and explanation).", show_default=False)
    ] = RulesFormat.text,
) -> None:
    """List every rule: code, name, severity and what it checks.

    \b
    Examples:
      eightk rules
      eightk rules --format json | jq -r '.[] | select(.severity == "error") | .code'
    """
    from ..render.diagnostics import rule_objects

    if output_format == RulesFormat.json:
        typer.echo(json.dumps(rule_objects(), indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(box=None, show_edge=False, pad_edge=False)
    for column in ("code", "name", "severity", "checks"):
        table.add_column(column, no_wrap=column != "checks")
    for rule in rule_objects():
        table.add_row(rule["code"], rule["name"], rule["severity"], rule["summary"])
    _console(stderr=False).print(table)
