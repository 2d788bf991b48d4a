"""The ``eightk`` command: a thin typer layer over the library.

Each command reads its inputs, calls the library and hands the result to a
renderer; one module per command family. Exit codes: 0 ok, 1 findings at or
above the threshold (check), 2 usage error, 4 unreadable input.
"""

from __future__ import annotations

from typing import Annotated

import typer


def _wrap_at_spaces_only() -> None:
    """Help text wraps between words, never after a hyphen: `json-lines`,
    `long-line` and `--output-file` are things to type and must stay whole. click
    (and typer's copy of it) build their wrapper from ``_textwrap.TextWrapper`` at
    each call; tests/test_check_cli.py checks the help at several widths, so a
    click that stops doing so is noticed."""
    import importlib

    for name in ("click._textwrap", "typer._click._textwrap"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        base = getattr(module, "TextWrapper", None)
        if base is None or getattr(base, "_eightk", False):
            continue

        class Wrapper(base):  # type: ignore[misc, valid-type]
            _eightk = True

            def __init__(self, *args, **kwargs) -> None:
                kwargs.setdefault("break_on_hyphens", False)
                super().__init__(*args, **kwargs)

        module.TextWrapper = Wrapper


_wrap_at_spaces_only()

# Plain click help (no rich panels): its option lists wrap at word boundaries at
# any width, where rich's boxed tables cut choice lists and words mid-word.
app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__  # looked up when needed (see eightk.__getattr__)

        typer.echo(f"eightk {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print eightk's version and exit.")
    ] = False,
) -> None:
    """Parse, validate and extract SEC Form 8-K filings.

    \b
    Examples:
      eightk parse filing.txt
      eightk check ./filings
      eightk show --source filing.htm
      eightk extract ./filings -o filings.parquet/

    `eightk COMMAND --help` describes each command.
    """


# Importing a command module registers its commands on ``app``, in this order.
from . import parse, check, show, report, extract, fetch  # noqa: E402, F401, I001


def main() -> None:
    app()
