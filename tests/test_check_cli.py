"""`eightk check`, `explain`, `rules`, `show`: formats, exit codes, configuration.

Snapshots of every output format for a set of malformed filings live in
tests/snapshots/; set UPDATE_SNAPSHOTS=1 to rewrite them (then read the diff).
"""

from __future__ import annotations

import json
import os
import re

import pytest
from conftest import ROOT
from eightk import __version__
from eightk.commands import app
from typer.testing import CliRunner

SNAPSHOTS = ROOT / "tests" / "snapshots"
SAMPLES = [
    "corpus/malformed/unknown-item.txt",
    "corpus/malformed/missing-signatures.txt",
    "corpus/malformed/duplicate-item.txt",
    "corpus/malformed/truncated-envelope.txt",
    "corpus/malformed/irs-number-mismatch.txt",
    "corpus/malformed/missing-text-close.txt",
    "corpus/malformed/missing-egc.htm",
]
FORMATS = ["full", "short", "json", "json-lines", "sarif", "github"]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])(?:;[0-9;]*)?m")  # bold is not colour


@pytest.fixture
def run(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    runner = CliRunner()

    def invoke(*args: str, **kw):
        return runner.invoke(app, list(args), **kw)

    return invoke


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.rsplit("/", 1)[-1])
def test_snapshot(run, sample, fmt):
    result = run("check", "--format", fmt, "--config", "tests/snapshots/empty.toml", sample)
    assert result.exit_code == 1
    # every format writes its diagnostics to stdout; only the summary line goes to stderr
    output = result.stdout
    expected_err = f"{'error' if 'E1' in output else 'warning'}: {sample}: " if fmt == "full" \
        else ""
    assert result.stderr.startswith(expected_err) and result.stderr.count("\n") == (
        fmt == "full")
    assert not ANSI.search(output)  # not a terminal: no colour
    # SARIF names the tool's version; snapshots hold a placeholder so a release
    # does not rewrite them
    output = output.replace(f'"version": "{__version__}"', '"version": "VERSION"')
    name = f"{sample.rsplit('/', 1)[-1]}.{fmt}"
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS"):
        path.write_text(output)
    assert output == path.read_text()


def test_json_and_sarif_are_well_formed(run):
    out = run("check", "--format", "json", "--config", "tests/snapshots/empty.toml", *SAMPLES)
    objects = json.loads(out.stdout)
    assert {o["filename"] for o in objects} == set(SAMPLES)
    for o in objects:
        assert set(o) >= {"code", "name", "severity", "message", "filename", "location",
                          "end_location", "span", "labels", "help"}
    sarif = json.loads(run("check", "--format", "sarif", *SAMPLES).stdout)
    assert sarif["version"] == "2.1.0"
    run_ = sarif["runs"][0]
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    for result in run_["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        region = result["locations"][0]["physicalLocation"].get("region")
        if region:
            assert region["startLine"] >= 1 and region["endColumn"] > region["startColumn"] - 1


def test_exit_codes(run):
    assert run("check", "corpus/text-2006-sub.txt").exit_code == 0
    assert run("check", "corpus/malformed/unknown-item.txt").exit_code == 1
    assert run("check", "--select", "nonsense", "corpus/text-2006-sub.txt").exit_code == 2
    assert run("check", "--format", "xml", "corpus/text-2006-sub.txt").exit_code == 2
    missing = run("check", "corpus/text-2006-sub.txt", "no/such/file.txt")
    assert missing.exit_code == 4
    assert "cannot read no/such/file.txt" in missing.stderr


def test_severity_threshold(run):
    latin1 = "corpus/malformed/latin1-encoded.txt"
    assert run("check", latin1).exit_code == 0  # only infos: below the default threshold
    result = run("check", "--severity", "info", "--format", "short", latin1)
    assert result.exit_code == 1
    assert "info[D003]" in result.stdout and "info[A802]" in result.stdout


def test_select_and_ignore(run):
    sample = "corpus/malformed/missing-egc.htm"
    assert run("check", "--ignore", "C303", sample).exit_code == 0
    selected = run("check", "--format", "short", "--select", "C", sample)
    assert "C303" in selected.stdout


def test_pyproject_defaults(run, tmp_path):
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.eightk]\nignore = ["missing-egc"]\nformat = "short"\n')
    sample = str(ROOT / "corpus/malformed/missing-egc.htm")
    assert run("check", "--config", str(config), sample).exit_code == 0
    config.write_text('[tool.eightk]\nseverity = "info"\nformat = "short"\n')
    result = run("check", "--config", str(config), str(ROOT / "corpus/malformed/long-line.txt"))
    assert "A801" in result.stdout
    config.write_text("[tool.eightk]\nbogus = 1\n")
    assert run("check", "--config", str(config), sample).exit_code == 2


def test_summary_lines(run):
    result = run("check", "corpus/malformed/unknown-item.txt", "corpus/text-2006-sub.txt")
    assert "warning: corpus/malformed/unknown-item.txt: 1 warning (I401)" in result.stderr
    assert "ok: corpus/text-2006-sub.txt: no problems; parsed 3 items" in result.stderr
    assert "checked 2 files: 1 with problems, 1 clean" in result.stderr


def test_folders_are_walked_for_filings(run):
    result = run("check", "--format", "short", "corpus/malformed")
    assert "MANIFEST" not in result.stdout
    assert "unknown-item.txt" in result.stdout


def test_colour_on_a_terminal_and_no_color(monkeypatch):
    from eightk import parse_source
    from eightk.checks.validate import validate
    from eightk.commands.common import _console
    from eightk.render.diagnostics import render_full

    parsed = parse_source(ROOT / "corpus/malformed/unknown-item.txt")
    found = validate(parsed)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    console = _console(stderr=True)
    with console.capture() as captured:
        render_full(found, parsed.source, "x.txt", console)
    assert COLOUR.search(captured.get())
    monkeypatch.setenv("NO_COLOR", "1")
    console = _console(stderr=True)
    with console.capture() as captured:
        render_full(found, parsed.source, "x.txt", console)
    assert not COLOUR.search(captured.get())  # NO_COLOR removes colour, keeps bold


def test_carets_line_up_under_tabs():
    from eightk import parse_source
    from eightk.checks.validate import validate
    from eightk.render.diagnostics import render_full
    from rich.console import Console

    parsed = parse_source(ROOT / "corpus/malformed/irs-number-mismatch.txt")
    console = Console(width=200, color_system=None)
    with console.capture() as captured:
        render_full(validate(parsed), parsed.source, "x", console)
    lines = captured.get().split("\n")
    i = next(i for i, line in enumerate(lines) if "IRS NUMBER:" in line)
    value_at = lines[i].index("391847203")
    assert lines[i + 1].index("-") == value_at  # the secondary label under the header value


def test_explain_and_rules(run):
    result = run("explain", "I401")
    assert result.exit_code == 0 and "unknown-item" in result.stdout and "1.01" in result.stdout
    assert run("explain", "unknown-item").stdout == result.stdout
    assert run("explain", "Z999").exit_code == 2
    listed = run("rules").stdout
    from eightk.codes import RULES

    assert all(code in listed for code in RULES)


def test_show_tables_and_source(run):
    tables = run("show", "corpus/text-2006-sub.txt")
    assert tables.exit_code == 0
    assert "IRONWOOD LOGISTICS CORPORATION" in tables.stdout and "EX-10.1" in tables.stdout
    source = run("show", "--source", "corpus/text-2006-sub.txt")
    assert "; irs number" in source.stdout and "◂ Item 2.03 heading" in source.stdout
    html = run("show", "--source", "corpus/ixbrl-2023-8k.htm")
    assert "text layout" in html.stdout and "◂ name" in html.stdout
    assert run("show", "no/such.txt").exit_code == 4


# ---------------------------------------------------------------- where output goes


def test_every_format_writes_diagnostics_to_stdout_through_a_real_pipe(tmp_path):
    """`> report.txt` and `| grep` get the diagnostics; the summary stays on stderr."""
    import subprocess
    import sys

    sample = "corpus/malformed/unknown-item.txt"
    for fmt in FORMATS:
        report = tmp_path / f"report.{fmt}"
        with report.open("w") as out:
            done = subprocess.run([sys.executable, "-m", "eightk", "check", "--format", fmt,
                                   "--config", "tests/snapshots/empty.toml", sample],
                                  cwd=ROOT, stdout=out, stderr=subprocess.PIPE, text=True)
        assert done.returncode == 1
        assert "I401" in report.read_text(), fmt
        assert "I401" not in done.stderr.replace("(I401)", ""), fmt  # only the summary


def test_output_file_holds_what_stdout_would(run, tmp_path):
    sample = "corpus/malformed/unknown-item.txt"
    for fmt in FORMATS:
        printed = run("check", "-f", fmt, "--config", "tests/snapshots/empty.toml", sample)
        target = tmp_path / "deep" / "er" / f"out.{fmt}"
        written = run("check", "-f", fmt, "--config", "tests/snapshots/empty.toml",
                      "--output-file", str(target), sample)
        assert written.exit_code == printed.exit_code == 1
        assert written.stdout == ""
        assert target.read_text() == printed.stdout
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    refused = run("check", "-o", str(blocked / "x.txt"), sample)
    assert refused.exit_code == 2 and "cannot write" in refused.stderr


def test_statistics_count_what_the_diagnostics_are(run):
    from collections import Counter

    objects = json.loads(run("check", "-f", "json", "--severity", "info",
                             "corpus/malformed").stdout)
    expected = Counter(o["code"] for o in objects)
    text = run("check", "--statistics", "--severity", "info", "corpus/malformed")
    assert text.exit_code == 1
    rows = [line.split() for line in text.stdout.splitlines()]
    assert {code: int(count) for count, code, *_ in rows} == expected
    counts = [int(row[0]) for row in rows]
    assert counts == sorted(counts, reverse=True)
    samples = [p for p in (ROOT / "corpus" / "malformed").iterdir() if p.is_file()]
    assert f"checked {len(samples)} files" in text.stderr
    as_json = json.loads(run("check", "--statistics", "-f", "json", "--severity", "info",
                             "corpus/malformed").stdout)
    assert {row["code"]: row["count"] for row in as_json} == expected
    assert set(as_json[0]) == {"code", "name", "severity", "count"}
    lines = run("check", "--statistics", "-f", "json-lines", "--severity", "info",
                "corpus/malformed").stdout.splitlines()
    assert [json.loads(line) for line in lines] == as_json
    assert run("check", "--statistics", "-f", "sarif", "corpus/malformed").exit_code == 2


def test_exit_zero_and_quiet(run):
    sample = "corpus/malformed/unknown-item.txt"
    relaxed = run("check", "--exit-zero", sample)
    assert relaxed.exit_code == 0 and "I401" in relaxed.stdout
    assert run("check", "--exit-zero", sample, "no/such.txt").exit_code == 4
    quiet = run("check", "--quiet", sample, "corpus/text-2006-sub.txt")
    assert quiet.exit_code == 1 and "I401" in quiet.stdout
    assert quiet.stderr == ""
    noisy = run("check", sample, "corpus/text-2006-sub.txt")
    assert "checked 2 files" in noisy.stderr


def test_json_is_one_array_and_json_lines_one_object_per_line(run):
    both = ["corpus/malformed/unknown-item.txt", "corpus/malformed/irs-number-mismatch.txt"]
    array = json.loads(run("check", "-f", "json", *both).stdout)
    lines = run("check", "-f", "json-lines", *both).stdout.splitlines()
    assert isinstance(array, list) and len(array) == len(lines) >= 2
    assert [json.loads(line) for line in lines] == array
    assert json.loads(run("check", "-f", "json", "corpus/text-2006-sub.txt").stdout) == []
    assert run("check", "-f", "json-lines", "corpus/text-2006-sub.txt").stdout == ""


def test_json_lines_in_the_team_configuration(run, tmp_path):
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.eightk]\nformat = "json-lines"\n')
    out = run("check", "--config", str(config), "corpus/malformed/unknown-item.txt")
    assert json.loads(out.stdout)["code"] == "I401"


# ---------------------------------------------------------------- rules, explain, help


def test_rules_as_json(run):
    from eightk.codes import RULES

    result = run("rules", "--format", "json")
    assert result.exit_code == 0
    rules = json.loads(result.stdout)
    assert [r["code"] for r in rules] == sorted(RULES)
    for r in rules:
        rule = RULES[r["code"]]
        assert (r["name"], r["severity"], r["summary"], r["help"], r["explanation"]) == (
            rule.name, rule.severity, rule.summary, rule.help, rule.explanation)


def test_explain_shows_an_example_and_suggests_names(run):
    result = run("explain", "I401")
    assert "Example: `eightk check corpus/malformed/unknown-item.txt`" in result.stdout
    assert "    warning[I401]: `Item 5.2` is not an item of Form 8-K" in result.stdout
    assert "eightk explain I401" not in result.stdout
    assert run("explain", "i401").stdout == result.stdout
    assert run("explain", "Unknown-Item").stdout == result.stdout
    missing = run("explain", "unknown-itme")
    assert missing.exit_code == 2
    assert "did you mean unknown-item (I401)?" in missing.stderr
    nothing = run("explain", "zzzz")
    assert nothing.exit_code == 2 and "did you mean" not in nothing.stderr
    family = run("explain", "I4")
    assert family.exit_code == 0
    from eightk.codes import RULES

    assert [line.split()[0] for line in family.stdout.splitlines()] == sorted(
        code for code in RULES if code.startswith("I4"))
    assert run("explain", "I9").exit_code == 2
    selected = run("check", "--select", "missing-signature", "corpus/text-2006-sub.txt")
    assert selected.exit_code == 2 and "missing-signatures (S701)" in selected.stderr


# extract and stats live in commands/extract.py (worked on elsewhere)
OURS = ["parse", "schema", "check", "explain", "rules", "show"]


def _help(command: str | None, width: int) -> str:
    result = CliRunner().invoke(app, [*([command] if command else []), "--help"],
                                terminal_width=width, prog_name="eightk")
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("command", [None, *OURS])
def test_help_has_examples_and_wraps_between_words(command):
    def own(text: str) -> str:  # the command list shortens others' summaries to fit
        return text.split("\nCommands:")[0] if command is None else text

    wide = _help(command, 250)
    assert "Example" in wide and "  eightk " in wide
    words = sorted(own(wide).split())
    for width in (50, 60, 80):  # 50: the narrowest click lays help out at in a terminal
        text = own(_help(command, width))
        # the same words at every width: wrapping never cuts one (nor after a hyphen)
        assert sorted(text.split()) == words, (command, width)
        # the example lines are kept as written (click's \b blocks), the rest fits
        examples = [line for line in wide.splitlines() if line.startswith("    eightk ")]
        assert all(line in text.splitlines() for line in examples)
        assert all(len(line) <= width for line in text.splitlines() if line not in examples)


def test_check_help_names_every_format_and_option():
    text = _help("check", 60)
    for word in ("full", "short", "json", "json-lines", "sarif", "github", "--output-file",
                 "--statistics", "--exit-zero", "--quiet"):
        assert word in text.split() or word + "," in text.split() or any(
            token.strip("(),.") == word for token in text.split()), word


# ---------------------------------------------------------------- show at narrow widths


def _show(sample: str, width: int, *more: str) -> str:
    from eightk.commands import app

    runner = CliRunner()
    result = runner.invoke(app, ["show", *more, sample], env={"COLUMNS": str(width)})
    assert result.exit_code == 0
    return result.stdout


BOX = set("─│╭╮╰╯┌┐└┘├┤┬┴┼━")


@pytest.mark.parametrize("sample", ["corpus/ixbrl-2023-8k.htm", "corpus/text-2006-sub.txt",
                                    "corpus/text-2009-coregistrant-sub.txt",
                                    "corpus/malformed/missing-egc.htm"])
def test_show_tables_never_cut_a_word(run, sample):
    def words(text: str) -> set[str]:
        return {w for w in text.split() if not set(w) <= BOX}

    wide = words(_show(sample, 250))
    for width in (60, 80, 100):
        narrow = words(_show(sample, width))
        cut = narrow - wide
        assert not cut, (width, sorted(cut)[:10])
        # and nothing is lost off the edge of a panel or table
        assert wide - narrow <= {"line:col", "/", "rendered"}, (width, sorted(wide - narrow))
