"""A team's defaults for ``eightk check``, from ``[tool.eightk]`` in pyproject.toml.

    [tool.eightk]
    select = ["E", "I4"]        # codes, families or kebab-case names
    ignore = ["long-line"]
    severity = "warning"        # info | warning | error
    format = "full"             # full | short | json | sarif | github

The nearest pyproject.toml from the working folder upwards is used; options on
the command line win over it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

KEYS = {"select", "ignore", "severity", "format"}


class ConfigError(Exception):
    pass


def find(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from None
    section = data.get("tool", {}).get("eightk", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.eightk] is not a table")
    unknown = set(section) - KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown [tool.eightk] keys: {', '.join(sorted(unknown))}")
    for key in ("select", "ignore"):
        value = section.get(key)
        if value is not None and not (isinstance(value, list)
                                      and all(isinstance(v, str) for v in value)):
            raise ConfigError(f"{path}: [tool.eightk] {key} must be a list of strings")
    return section
