"""What a user installs: the wheel, in a fresh virtual environment, running every
command and Python example of the README from a folder outside the source tree.

The wheel is built from a clean copy of the repository and installed with all
its extras (``pip install 'eightk-*.whl[all]'``, from the package index this
machine is configured with); the work folder holds a copy of the bundled samples
and the files the README's commands name (``./filings``, a feed archive...), and
nothing importable. README commands are read from its code blocks
(tests/readme_commands.py), so a command added there is run here.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT
from readme_commands import commands, missing, python_examples
from test_packaging import _clean_copy, _fresh_venv, _run

# What stands in for the network in README lines, and must be used.
SUBSTITUTE = {r"curl -s \.\.\./(\S+)": r"cat \1"}

FEED = [
    "tagged-2024-sub.nc", "text-2006-sub.txt", "text-2007-8k15d5-sub.txt",
    "text-2009-coregistrant-sub.txt", "html-2021-8ka-sub.txt", "ixbrl-2019-8k12b-sub.txt",
]


def _samples() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_file() and p.suffix not in (".tsv", ".md"))


def _prepare(work: Path) -> None:
    """The files the README's commands read, made from the project's samples."""
    shutil.copytree(CORPUS, work / "corpus")
    for folder in ("filings", "big"):
        (work / folder).mkdir()
        for path in _samples():
            shutil.copy2(path, work / folder / path.name)
    (work / "paths.txt").write_text(
        "".join(f"corpus/{p.name}\n" for p in _samples() if p.suffix == ".txt"))
    with tarfile.open(work / "20240603.nc.tar.gz", "w:gz") as archive:
        for name in FEED:
            archive.add(CORPUS / name, arcname=f"20240603/{Path(name).stem}.nc")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(bin folder of a fresh venv with the wheel and its extras, the work folder)."""
    tmp = tmp_path_factory.mktemp("installed")
    src = _clean_copy(tmp / "src")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp / "dist"),
                  str(src)], cwd=tmp)
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = (tmp / "dist").glob("eightk-*.whl")
    bin_dir = _fresh_venv(tmp / "venv")
    done = _run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet",
                 f"{wheel}[all]"], cwd=tmp)
    assert done.returncode == 0, done.stderr[-3000:]
    work = tmp / "work"
    work.mkdir()
    _prepare(work)
    return bin_dir, work


def _shell(command: str, bin_dir: Path, work: Path, stdin: bytes | None = None):
    import os

    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    env["VIRTUAL_ENV"] = str(bin_dir.parent)
    env["COLUMNS"] = "100"
    return subprocess.run(["bash", "-c", command], cwd=work, env=env, input=stdin,
                          capture_output=True, timeout=600)


def _substituted(command: str) -> str:
    for pattern, replacement in SUBSTITUTE.items():
        command = re.sub(pattern, replacement, command)
    return command


def test_readme_shows_every_command_it_must():
    assert missing(commands()) == []


def test_substitutions_are_all_used():
    for pattern in SUBSTITUTE:
        assert any(re.search(pattern, command) for command in commands()), pattern


def _json_lines(text: str) -> list:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _verify(command: str, out: str, work: Path) -> None:
    """What each kind of README command must have produced."""
    if command.startswith("eightk parse ") and ">" not in command:
        assert json.loads(out)["items"], command
    elif command.startswith("eightk parse ") and "> filings.jsonl" in command:
        rows = _json_lines((work / "filings.jsonl").read_text())
        assert len(rows) == len(list((work / "corpus" / "malformed").glob("*.*")))
    elif command.startswith("eightk check ") and "> report.txt" in command:
        lines = (work / "report.txt").read_text().splitlines()
        assert lines and all(re.match(r"^\S+:\d+:\d+: (error|warning|info)\[[A-Z]\d{3}\]: ", line)
                             for line in lines)
    elif command.startswith("eightk check --format json "):
        assert isinstance(json.loads(out), list) and json.loads(out)
    elif command.startswith("eightk check --format json-lines"):
        assert all("I401" in json.dumps(row) for row in _json_lines(out)) and out
    elif command.startswith("eightk check --format sarif"):
        target = re.search(r"--output-file (\S+)", command)
        sarif = json.loads((work / target.group(1)).read_text() if target else out)
        assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    elif command.startswith("eightk check --format github"):
        assert out.startswith("::") and "rendered line" in out
    elif command.startswith("eightk check --statistics"):
        assert all(re.match(r"^\s*\d+\s+[A-Z]\d{3}\s+\w+\s+[\w-]+$", line)
                   for line in out.splitlines()) and out
    elif command.startswith("eightk check "):
        assert "-->" in out
    elif command.startswith("eightk show --source"):
        assert "│" in out and "rendered line" in out
    elif command.startswith("eightk show "):
        assert "cover page" in out and "Items" in out
    elif command.startswith("eightk explain "):
        assert "Example:" in out
    elif command.startswith("eightk rules --format json"):
        assert len(json.loads((work / "rules.json").read_text())) > 40
    elif command.startswith("eightk schema"):
        assert "$schema" in json.loads((work / "eightk.schema.json").read_text())
    elif "| eightk extract -" in command and " -o " not in command:
        assert any(row for row in _json_lines(out))
    elif command.startswith("eightk extract ") and " -o " in command:
        target = work / re.search(r" -o (\S+)", command).group(1)
        assert target.exists() and (target.stat().st_size > 0 or any(target.iterdir()))
    elif command.startswith("eightk stats ") and "--plot" in command:
        png = work / re.search(r"--plot (\S+)", command).group(1)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    elif command.startswith("eightk stats "):
        assert out.strip()


def test_every_readme_command_runs_from_the_installed_wheel(installed):
    bin_dir, work = installed
    failures = []
    for command in commands():
        done = _shell(_substituted(command), bin_dir, work)
        out, err = done.stdout.decode(), done.stderr.decode()
        allowed = {0, 1} if command.startswith("eightk check") else {0}
        if done.returncode not in allowed or "Traceback" in err:
            failures.append(f"{command}: exit {done.returncode}\n{err[-1500:]}")
            continue
        try:
            _verify(command, out, work)
        except Exception as error:  # noqa: BLE001 - collect every failing command
            failures.append(f"{command}: {type(error).__name__} {error}\n{out[-800:]}")
    assert not failures, "\n\n".join(failures)
    # --resume again: nothing is added, nothing lost
    resume = next(c for c in commands() if "--resume" in c)
    target = work / re.search(r" -o (\S+)", resume).group(1)
    before = target.read_text()
    again = _shell(resume, bin_dir, work)
    assert again.returncode == 0, again.stderr.decode()[-1500:]
    assert target.read_text() == before


def test_readme_python_examples_run_installed(installed):
    bin_dir, work = installed
    outputs = []
    for n, code in enumerate(python_examples()):
        script = work / f"example_{n}.py"
        script.write_text(code)
        done = _shell(f"python {script.name}", bin_dir, work)
        assert done.returncode == 0, done.stderr.decode()[-2000:]
        outputs.append(done.stdout.decode())
    assert "TAMARACK OUTDOOR PRODUCTS CORP." in outputs[0] and "K507" in outputs[0]
    assert "parse_text" in outputs[1]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "duckdb"])
def test_extract_every_format_from_a_folder_an_archive_and_stdin(installed, fmt):
    bin_dir, work = installed
    suffix = {"parquet": ".parquet/"}.get(fmt, f".{fmt}")
    runs = {
        "folder": f"eightk extract filings -o m-folder{suffix}",
        "archive": f"eightk extract 20240603.nc.tar.gz -o m-archive{suffix}",
        "stdin": f"cat 20240603.nc.tar.gz | eightk extract - -o m-stdin{suffix}",
    }
    for kind, command in runs.items():
        done = _shell(command, bin_dir, work)
        assert done.returncode == 0, (command, done.stderr.decode()[-1500:])
        target = work / f"m-{kind}{suffix.rstrip('/')}"
        assert target.exists(), command
        stats = _shell(f"eightk stats {target.name}{'/' if fmt == 'parquet' else ''}",
                       bin_dir, work)
        assert stats.returncode == 0 and stats.stdout.strip(), (command, stats.stderr)
    # the archive read from a file and from stdin gives the same filings
    if fmt == "jsonl":
        a = (work / "m-archive.jsonl").read_text()
        b = (work / "m-stdin.jsonl").read_text()
        keys = [row.get("key") for row in _json_lines(a)]
        assert keys and keys == [row.get("key") for row in _json_lines(b)]
        assert len(keys) == len(FEED)


def test_the_installed_command_is_the_installed_library(installed):
    bin_dir, work = installed
    done = _shell("python -c 'import eightk, sys; print(eightk.__file__)'", bin_dir, work)
    assert done.returncode == 0, done.stderr.decode()
    location = Path(done.stdout.decode().strip())
    assert str(bin_dir.parent) in str(location) and str(ROOT) not in str(location)
