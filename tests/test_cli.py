"""The eightk command: typer's CliRunner for behaviour, one real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import CORPUS, ROOT
from eightk.commands import app
from typer.testing import CliRunner

runner = CliRunner()
SAMPLE = CORPUS / "text-2003-items-9-12-8k.txt"


def test_parse_prints_json():
    result = runner.invoke(app, ["parse", str(SAMPLE)])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["cover"]["registrants"][0]["name"]["value"] == "TAMARACK OUTDOOR PRODUCTS CORP."
    assert data["items"][0]["number"]["span"]["line"] > 0


def test_parse_without_spans():
    result = runner.invoke(app, ["parse", "--no-spans", str(SAMPLE)])
    assert result.exit_code == 0
    assert '"span"' not in result.stdout


def test_several_files_give_json_lines():
    other = CORPUS / "text-2006-sub.txt"
    result = runner.invoke(app, ["parse", str(SAMPLE), str(other)])
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 2
    assert [json.loads(line)["source"]["path"] for line in lines] == [str(SAMPLE), str(other)]


def test_unreadable_file_exits_4():
    result = runner.invoke(app, ["parse", "/no/such/file.txt"])
    assert result.exit_code == 4
    assert "cannot read" in result.stderr


def test_stdin():
    result = runner.invoke(app, ["parse", "--no-spans", "-"], input=SAMPLE.read_bytes())
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"]["path"] == "-"


def test_schema_validates_output():
    import jsonschema

    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    for path in sorted(CORPUS.glob("*.*"))[:20]:
        result = runner.invoke(app, ["parse", str(path)])
        jsonschema.validate(json.loads(result.stdout), schema)


def test_usage_error_exits_2():
    assert runner.invoke(app, ["parse"]).exit_code == 2
    assert runner.invoke(app, ["no-such-command"]).exit_code == 2


def test_module_entry_point_runs():
    out = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "parse", "--no-spans", str(SAMPLE)],
        capture_output=True, text=True, check=True,
    )
    assert json.loads(out.stdout)["items"][1]["key"] == "9"


def test_parse_takes_folders_as_check_does(tmp_path):
    result = runner.invoke(app, ["parse", "--no-spans", str(CORPUS / "malformed")])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    expected = sorted(p for p in (CORPUS / "malformed").iterdir()
                      if p.suffix in (".txt", ".htm"))
    assert [row["source"]["path"] for row in rows] == [str(p) for p in expected]
    # a folder is JSON Lines even when it holds one filing; hidden and other files skipped
    (tmp_path / "one.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "notes.md").write_text("not a filing")
    (tmp_path / ".hidden.txt").write_text("skipped")
    single = runner.invoke(app, ["parse", str(tmp_path)])
    assert single.exit_code == 0
    assert single.stdout.count("\n") == 1 and json.loads(single.stdout)["items"]
    assert "Is a directory" not in single.stderr
