"""Diagnostics for people and machines: full (rustc layout), short, JSON, SARIF, GitHub.

Rendering is separate from the data: every function here takes ``Diagnostic``
objects and the source text they point into, and only formats. Line and column
come from the spans; carets are placed by display cell, tabs expanded, so they
line up under wide characters too.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text as RichText

from ..codes import BY_NAME, RULES
from ..model import Diagnostic, Filing, Label, Span
from ..source.text import SourceText

STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
CARET_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}
TAB = 4
WINDOW = 110  # widest excerpt shown of a long line (HTML lines can be 100 KB)


# ---------------------------------------------------------------- full


def _line_text(source: SourceText, span: Span) -> str:
    """The source line on which ``span`` starts."""
    start = span.start - (span.column - 1)
    end = source.text.find("\n", start)
    return source.text[start : end if end != -1 else len(source.text)]


def _display(text: str) -> str:
    return text.expandtabs(TAB)


def _columns(line: str, start_col: int, end_col: int) -> tuple[int, int]:
    """Display cells before the span and under it (columns are 1-based chars)."""
    before = cell_len(_display(line[: start_col - 1]))
    inside = cell_len(_display(line[: max(end_col - 1, start_col)])) - before
    return before, max(inside, 1)


def _window(line: str, start_col: int, end_col: int) -> tuple[str, int, int]:
    """Cut a long line to a window around the span; returns the text and the
    span's columns within it."""
    if cell_len(_display(line)) <= WINDOW:
        return line, start_col, end_col
    first = max(0, start_col - 1 - WINDOW // 3)
    last = min(len(line), first + WINDOW)
    prefix = "…" if first > 0 else ""
    suffix = "…" if last < len(line) else ""
    cut = prefix + line[first:last] + suffix
    shift = first - len(prefix)
    return cut, start_col - shift, min(end_col, last + 1) - shift


def _label_rows(labels: list[Label], primary_span: Span | None) -> list[tuple[Span, str, bool]]:
    rows = [(label.span, label.message, label.primary) for label in labels]
    if primary_span is not None and not any(primary for _, _, primary in rows):
        rows.insert(0, (primary_span, "", True))
    return sorted(rows, key=lambda row: (row[0].line, not row[2]))


def render_full(
    diagnostics: Sequence[Diagnostic], source: SourceText, path: str, console: Console,
    layout=None,
) -> None:
    for diagnostic in diagnostics:
        console.print(format_full(diagnostic, source, path, layout), soft_wrap=True,
                      highlight=False)


def _rendered_line(layout, span: Span) -> str | None:
    """For a diagnostic in an HTML document: the line of the text layout the
    grammar read at that place (the HTML line alone is hard to read)."""
    if layout is None or layout.kind != "html" or span.rendered_line is None:
        return None
    line = layout.line_text(span.rendered_line).strip()
    return (line[:WINDOW] + "…") if len(line) > WINDOW else line or None


def format_full(diagnostic: Diagnostic, source: SourceText, path: str, layout=None) -> RichText:
    out = RichText()
    style = STYLE[diagnostic.severity]
    out.append(f"{diagnostic.severity}[{diagnostic.code}]", style=style)
    out.append(f": {diagnostic.message}\n", style="bold")
    span = diagnostic.span
    rows = _label_rows(diagnostic.labels, span)
    gutter = len(str(max((s.line for s, _, _ in rows), default=1)))
    pad = " " * gutter
    if span is not None:
        out.append(f"{pad}--> ", style="bold blue")
        out.append(f"{path}:{span.line}:{span.column}")
        if span.rendered_line is not None:
            out.append(f" (rendered line {span.rendered_line})", style="dim")
        out.append("\n")
    else:
        out.append(f"{pad}--> ", style="bold blue")
        out.append(f"{path}\n")
    if rows:
        out.append(f"{pad} |\n", style="bold blue")
    last_line = None
    for label_span, message, primary in rows:
        line_no = label_span.line
        if last_line is not None and line_no > last_line + 1:
            out.append(f"{pad}...\n", style="bold blue")
        line = _line_text(source, label_span)
        end_col = label_span.end_column if label_span.end_line == line_no else len(line) + 1
        if line_no != last_line or cell_len(_display(line)) > WINDOW:
            shown, start_col, stop_col = _window(line, label_span.column, end_col)
            out.append(f"{line_no:>{gutter}} | ", style="bold blue")
            out.append(_display(shown) + "\n")
        else:
            shown, start_col, stop_col = _window(line, label_span.column, end_col)
        before, width = _columns(shown, start_col, stop_col)
        mark = "^" if primary else "-"
        mark_style = CARET_STYLE[diagnostic.severity] if primary else "bold blue"
        out.append(f"{pad} | ", style="bold blue")
        out.append(" " * before + mark * width, style=mark_style)
        if message:
            out.append(" " + message, style=mark_style)
        out.append("\n")
        last_line = line_no
    if rows:
        out.append(f"{pad} |\n", style="bold blue")
    if diagnostic.help:
        out.append(f"{pad} = ", style="bold blue")
        out.append("help", style="bold")
        out.append(f": {diagnostic.help}\n")
    if diagnostic.note:
        out.append(f"{pad} = ", style="bold blue")
        out.append("note", style="bold")
        out.append(f": {diagnostic.note}\n")
    rendered = _rendered_line(layout, span) if span is not None else None
    if rendered:
        out.append(f"{pad} = ", style="bold blue")
        out.append(f"rendered line {span.rendered_line}", style="bold")
        out.append(f": {rendered}\n")
    return out


def summary(path: str, diagnostics: Sequence[Diagnostic], filing: Filing | None) -> RichText:
    """``error: x.txt: 2 errors, 1 warning (E102, S701); parsed 4 items, 1 signature``."""
    counts = Counter(d.severity for d in diagnostics)
    out = RichText()
    worst = next((s for s in ("error", "warning", "info") if counts[s]), None)
    if worst is None:
        out.append("ok", style="bold green")
    else:
        out.append(worst, style=STYLE[worst])
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}"
             for s in ("error", "warning", "info") if counts[s]]
    codes = sorted({d.code for d in diagnostics})
    text = f": {path}: " + (", ".join(parts) if parts else "no problems")
    if codes:
        shown = ", ".join(codes[:8]) + (", ..." if len(codes) > 8 else "")
        text += f" ({shown})"
    if filing is not None:
        items, signatures = len(filing.items), len(filing.signatures)
        text += (f"; parsed {items} item{'s' if items != 1 else ''}, "
                 f"{signatures} signature{'s' if signatures != 1 else ''}")
    out.append(text)
    return out


# ---------------------------------------------------------------- short, GitHub


def _rendered_note(diagnostic: Diagnostic) -> str:
    """`` (rendered line 145)`` for a diagnostic in an HTML document, else ``""``."""
    span = diagnostic.span
    if span is None or span.rendered_line is None:
        return ""
    return f" (rendered line {span.rendered_line})"


def format_short(diagnostic: Diagnostic, path: str) -> str:
    where = f"{path}:{diagnostic.span.line}:{diagnostic.span.column}" if diagnostic.span else path
    return (f"{where}: {diagnostic.severity}[{diagnostic.code}]: {diagnostic.message}"
            f"{_rendered_note(diagnostic)}")


def _escape_github(value: str, property_: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(diagnostic: Diagnostic, path: str) -> str:
    level = {"error": "error", "warning": "warning", "info": "notice"}[diagnostic.severity]
    props = [f"file={_escape_github(path, True)}"]
    if diagnostic.span is not None:
        span = diagnostic.span
        props += [f"line={span.line}", f"col={span.column}", f"endLine={span.end_line}",
                  f"endColumn={span.end_column}"]
    props.append(f"title={_escape_github(f'{diagnostic.code} {diagnostic.name}', True)}")
    message = diagnostic.message + _rendered_note(diagnostic)
    return f"::{level} {','.join(props)}::{_escape_github(message)}"


# ---------------------------------------------------------------- JSON


def _location(span: Span) -> dict:
    return {"row": span.line, "column": span.column}


def to_json_objects(diagnostics: Iterable[Diagnostic], path: str) -> list[dict]:
    """One object per diagnostic (the shape of ruff's JSON). ``rendered_line`` is the
    line of the rendered text for a place in an HTML document, else null."""
    out = []
    for d in diagnostics:
        out.append({
            "code": d.code,
            "name": d.name,
            "severity": d.severity,
            "message": d.message,
            "filename": path,
            "location": _location(d.span) if d.span else None,
            "end_location": {"row": d.span.end_line, "column": d.span.end_column}
            if d.span else None,
            "rendered_line": d.span.rendered_line if d.span else None,
            "span": {"start": d.span.start, "end": d.span.end} if d.span else None,
            "labels": [
                {
                    "message": label.message,
                    "primary": label.primary,
                    "location": _location(label.span),
                    "end_location": {"row": label.span.end_line,
                                     "column": label.span.end_column},
                    "rendered_line": label.span.rendered_line,
                    "span": {"start": label.span.start, "end": label.span.end},
                }
                for label in d.labels
            ],
            "help": d.help,
            "note": d.note,
            "url": None,
        })
    return out


# ---------------------------------------------------------------- SARIF 2.1.0

_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _region(span: Span) -> dict:
    region: dict = {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": max(span.end_column, span.column + (span.end_line == span.line)),
    }
    if span.rendered_line is not None:  # SARIF's property bag carries what it has no field for
        region["properties"] = {"renderedLine": span.rendered_line}
    return region


def to_sarif(results: Sequence[tuple[str, Sequence[Diagnostic]]]) -> dict:
    from .. import __version__  # looked up when needed (see eightk.__getattr__)

    rules = [RULES[code] for code in sorted(RULES)]
    index = {rule.code: i for i, rule in enumerate(rules)}
    sarif_results = []
    for path, diagnostics in results:
        for d in diagnostics:
            result: dict = {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": _SARIF_LEVEL[d.severity],
                "message": {"text": d.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": path},
                        **({"region": _region(d.span)} if d.span else {}),
                    }
                }],
            }
            related = [label for label in d.labels if not label.primary]
            if related:
                result["relatedLocations"] = [
                    {
                        "id": i,
                        "message": {"text": label.message},
                        "physicalLocation": {
                            "artifactLocation": {"uri": path},
                            "region": _region(label.span),
                        },
                    }
                    for i, label in enumerate(related)
                ]
            sarif_results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "eightk",
                    "version": __version__,
                    "informationUri": "https://github.com/eightk/eightk",
                    "rules": [
                        {
                            "id": rule.code,
                            "name": rule.name,
                            "shortDescription": {"text": rule.summary},
                            "fullDescription": {"text": rule.explanation.split("\n\n")[0]},
                            "help": {"text": rule.help or rule.summary},
                            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
                        }
                        for rule in rules
                    ],
                }
            },
            "results": sarif_results,
        }],
    }


def dumps(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def dumps_line(value: object) -> str:
    """One JSON value on one line (JSON Lines)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------- statistics


def statistics(diagnostics: Iterable[Diagnostic]) -> list[dict]:
    """Counts per code, most frequent first (ties by code)."""
    counts: Counter[str] = Counter()
    worst: dict[str, str] = {}
    rank = {"info": 0, "warning": 1, "error": 2}
    for d in diagnostics:
        counts[d.code] += 1
        if rank[d.severity] >= rank[worst.get(d.code, "info")]:
            worst[d.code] = d.severity
    return [{"code": code, "name": RULES[code].name, "severity": worst[code], "count": count}
            for code, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def format_statistics(rows: Sequence[dict]) -> list[str]:
    """``  12  I401  warning  unknown-item`` lines, aligned."""
    if not rows:
        return []
    width = len(str(rows[0]["count"]))
    level = max(len(row["severity"]) for row in rows)
    return [f"{row['count']:>{width}}  {row['code']}  {row['severity']:<{level}}  {row['name']}"
            for row in rows]


def find_rule(code_or_name: str):
    """The rule of a code (``I401``, any case) or name (``unknown-item``), or None."""
    key = code_or_name.strip()
    return RULES.get(key.upper()) or BY_NAME.get(key.lower())


def suggest(code_or_name: str) -> list[str]:
    """Codes and names close to a misspelt one, best first (``unknown-itme`` ->
    ``unknown-item``), each as ``name (CODE)``."""
    import difflib

    key = code_or_name.strip()
    names = difflib.get_close_matches(key.lower(), list(BY_NAME), n=3, cutoff=0.75)
    codes = difflib.get_close_matches(key.upper(), list(RULES), n=3, cutoff=0.75)
    out: list[str] = []
    for rule in [BY_NAME[n] for n in names] + [RULES[c] for c in codes]:
        text = f"{rule.name} ({rule.code})"
        if text not in out:
            out.append(text)
    return out[:3]


def _without_self_reference(text: str, code: str) -> str:
    """A rule's help text as explain prints it: a pointer to `eightk explain` for this
    very code is dropped (the reader is reading that explanation)."""
    text = re.sub(rf"[;,]?\s*see `eightk explain {code}`", "", text)
    return re.sub(rf"\s*in `eightk explain {code}`", " above", text)


def explain(code_or_name: str) -> str | None:
    """The long explanation of a rule, with the fix and an example, or None."""
    from ..rule_examples import EXAMPLES

    rule = find_rule(code_or_name)
    if rule is None:
        return None
    lines = [
        f"{rule.code} {rule.name} ({rule.severity})",
        "",
        rule.summary[0].upper() + rule.summary[1:] + ".",
        "",
        rule.explanation,
    ]
    if rule.help:
        lines += ["", f"Fix: {_without_self_reference(rule.help, rule.code)}."]
    example = EXAMPLES.get(rule.code)
    if example:
        intro, _, shown = example.partition("\n\n")
        lines += ["", f"Example: {intro}", ""]
        lines += [f"    {line}" if line else "" for line in shown.split("\n")]
    return "\n".join(lines)


def rule_objects() -> list[dict]:
    """Every rule as a JSON object (``eightk rules --format json``)."""
    return [
        {"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary,
         "help": r.help, "explanation": r.explanation}
        for r in (RULES[code] for code in sorted(RULES))
    ]
