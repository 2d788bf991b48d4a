"""The commands and Python examples of README.md, read from its code blocks.

tests/test_installed.py runs every one of them from an installed wheel, so a
command added to the README is run without anyone listing it, and one whose
files or flags no longer work fails there. ``REQUIRED`` names what the README
must keep showing (every check format, every extract output and input kind...).
"""

from __future__ import annotations

import re

from conftest import ROOT

README = ROOT / "README.md"

_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
_COMMENT = re.compile(r"\s+#\s.*$")


def blocks(text: str | None = None) -> list[tuple[str, str, str]]:
    """(section heading, language, body) of every fenced code block."""
    text = README.read_text() if text is None else text
    out = []
    for match in _BLOCK.finditer(text):
        before = text[: match.start()]
        headings = re.findall(r"^#{2,4} (.+)$", before, re.M)
        out.append((headings[-1] if headings else "", match.group(1), match.group(2)))
    return out


def _eightk_parts(line: str) -> list[str]:
    """The parts of a shell line that run eightk (``a && eightk x`` -> ``eightk x``);
    install steps before them are left out (the wheel is installed already)."""
    parts = [part.strip() for part in line.split("&&")]
    return [part for part in parts if re.search(r"(^|\|\s*)eightk(\s|$)", part)]


def commands(text: str | None = None) -> list[str]:
    """Every eightk command line of the README's shell blocks, in order: in a block
    of ``$ `` prompts the prompted lines, elsewhere every line; comments dropped."""
    out = []
    for _, language, body in blocks(text):
        if language not in ("", "sh", "bash", "console", "shell"):
            continue
        lines = body.splitlines()
        prompted = any(line.startswith("$ ") for line in lines)
        for line in lines:
            if prompted:
                if not line.startswith("$ "):
                    continue
                line = line[2:]
            line = _COMMENT.sub("", line).strip()
            parts = _eightk_parts(line)
            if parts:
                out.append(" && ".join(parts))
    return out


# Python blocks that cannot run on one machine without a service, and why.
NOT_RUN = {"from dask.distributed import Client": "needs a Dask cluster at tcp://host:8786"}


def python_examples(text: str | None = None) -> list[str]:
    """The Python blocks to run: all of them but those ``NOT_RUN`` names."""
    out = []
    for _, language, body in blocks(text):
        if language != "python":
            continue
        if any(body.startswith(marker) for marker in NOT_RUN):
            continue
        out.append(body)
    return out


def _formats(command: str) -> set[str]:
    found = re.findall(r"(?:--format|-f)[ =](\S+)", command)
    return set(found) or {"full"}


def _checks_in(fmt: str):
    def shows(command: str) -> bool:
        return (command.startswith("eightk check ") and fmt in _formats(command)
                and "--statistics" not in command)

    return shows


# What the README must keep showing, each a test over its command lines.
REQUIRED = {
    "parse": lambda c: c.startswith("eightk parse "),
    "parse a folder": lambda c: c.startswith("eightk parse ") and "corpus/malformed" in c,
    **{f"check --format {fmt}": _checks_in(fmt)
       for fmt in ("full", "short", "json", "json-lines", "sarif", "github")},
    "check --statistics": lambda c: c.startswith("eightk check ") and "--statistics" in c,
    "check --output-file": lambda c: c.startswith("eightk check ") and "--output-file" in c,
    "show": lambda c: c.startswith("eightk show ") and "--source" not in c,
    "show --source": lambda c: c.startswith("eightk show --source "),
    "explain": lambda c: c.startswith("eightk explain "),
    "rules": lambda c: c.startswith("eightk rules"),
    "schema": lambda c: c.startswith("eightk schema"),
    "extract to Parquet": lambda c: "eightk extract" in c and re.search(r"-o \S+\.parquet", c),
    "extract to DuckDB": lambda c: "eightk extract" in c and re.search(r"-o \S+\.duckdb", c),
    "extract to CSV": lambda c: "eightk extract" in c and re.search(r"-o \S+\.csv", c),
    "extract to JSON Lines": lambda c: "eightk extract" in c and (
        re.search(r"-o \S+\.jsonl", c) or re.search(r"eightk extract -$", c)),
    "extract from a folder": lambda c: re.search(r"eightk extract (\./)?[\w-]+/?(\s|$)", c)
    and not re.search(r"eightk extract -(\s|$)", c),
    "extract from a .tar.gz": lambda c: re.search(r"eightk extract \S+\.tar\.gz", c),
    "extract from stdin": lambda c: re.search(r"\|\s*eightk extract -(\s|$)", c),
    "extract --resume": lambda c: "eightk extract" in c and "--resume" in c,
    "stats": lambda c: c.startswith("eightk stats ") and "--plot" not in c,
    "stats --plot": lambda c: c.startswith("eightk stats ") and "--plot" in c,
}


def missing(command_lines: list[str]) -> list[str]:
    """The ``REQUIRED`` entries no README command shows."""
    return [name for name, shows in REQUIRED.items()
            if not any(shows(command) for command in command_lines)]
