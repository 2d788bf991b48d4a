"""`eightk show`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .. import parse_source
from . import app
from .common import EXIT_INPUT, _console, _read


@app.command(short_help="Show what was understood, as tables or over the text.")
def show(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The filing to show ('-': stdin).")],
    source: Annotated[bool, typer.Option(
        "--source", help="Print the 8-K text with what was recognised highlighted.")] = False,
) -> None:
    """Show what the parser understood: cover page, items, exhibits, signatures.

    For an HTML filing, places are given twice: the source line:column (what
    `eightk check` points at) and the rendered line, the line of the text layout
    that `--source` prints and numbers.

    \b
    Examples:
      eightk show filing.txt
      eightk show --source filing.htm | less -R
    """
    from ..checks.validate import validate
    from ..render.show import show_source, show_tables

    data = _read(file)
    if data is None:
        raise typer.Exit(EXIT_INPUT)
    parsed = parse_source(data, str(file))
    found = validate(parsed)
    console = _console(stderr=False)
    if source:
        show_source(parsed, console, found)
    else:
        show_tables(parsed, console, found)
