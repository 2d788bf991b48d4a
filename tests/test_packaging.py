"""Packaging: the wheel carries the grammars, and the README's quick start works.

Both tests build fresh virtual environments, as a new machine would have; they
install from the package index the machine is configured with.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT


def _run(cmd, cwd: Path, env_bin: Path | None = None, shell: bool = False):
    import os

    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if env_bin is not None:
        env["PATH"] = f"{env_bin}{os.pathsep}{env['PATH']}"
        env["VIRTUAL_ENV"] = str(env_bin.parent)
    return subprocess.run(cmd, cwd=cwd, env=env, shell=shell, capture_output=True, text=True,
                          timeout=900)


def _fresh_venv(where: Path) -> Path:
    venv.EnvBuilder(with_pip=True).create(where)
    return where / "bin"


def _clean_copy(dest: Path) -> Path:
    """The repository as a fresh clone would have it (tracked and new files, no venvs)."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
        text=True,
    )
    if listed.returncode != 0:
        shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(".git", "*venv*", "build"))
        return dest
    for name in listed.stdout.splitlines():
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


def test_wheel_carries_grammars_and_runs(tmp_path):
    src = _clean_copy(tmp_path / "src")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path / "dist"),
                  str(src)], cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("eightk-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "eightk/grammar/envelope.lark" in names
    assert "eightk/grammar/body.lark" in names
    assert "eightk/grammar/signatures.lark" in names
    # every package folder of parser/ is in the wheel, under the eightk name
    for init in sorted((ROOT / "parser").rglob("__init__.py")):
        inside = init.relative_to(ROOT / "parser").as_posix()
        assert f"eightk/{inside}" in names, f"{inside} is missing from the wheel"
    # nothing installs under the generic names a user's own files may have
    assert not any(n.startswith(("parser/", "cli.py", "grammar/")) for n in names)
    bin_dir = _fresh_venv(tmp_path / "venv")
    installed = _run([str(bin_dir / "python"), "-m", "pip", "install", str(wheel)], cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    # run from an empty folder so nothing can come from the source tree
    work = tmp_path / "elsewhere"
    work.mkdir()
    out = _run([str(bin_dir / "eightk"), "parse", "--no-spans",
                str(ROOT / "corpus" / "text-2006-sub.txt")], cwd=work)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [i["key"] for i in data["items"]] == ["1.01", "2.03", "9.01"]
    # the signature block, read by grammar/signatures.lark from inside the wheel
    assert [s["name"]["value"] for s in data["signatures"]] == ["Carla M. Brennan"]


def _quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```\n(.*?)```", section, re.S)]


def test_readme_quick_start(tmp_path):
    install_and_run, install_and_test = _quick_start()
    # The test command is what CI runs, verbatim.
    assert install_and_test in (ROOT / ".ci" / "run").read_text()
    assert "pytest" in install_and_test
    clone = _clean_copy(tmp_path / "clone")
    bin_dir = _fresh_venv(tmp_path / "venv")
    out = _run(install_and_run, cwd=clone, env_bin=bin_dir, shell=True)
    assert out.returncode == 0, out.stderr[-2000:]
    data = json.loads(out.stdout[out.stdout.index("{"):])
    assert data["cover"]["registrants"][0]["name"]["value"]
    assert data["items"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_grammar_files_are_tracked():
    listed = subprocess.run(["git", "ls-files", "grammar"], cwd=ROOT, capture_output=True,
                            text=True).stdout.split()
    assert {"grammar/envelope.lark", "grammar/body.lark"} <= set(listed)


def test_readme_check_example_is_what_check_prints(monkeypatch):
    from eightk.commands import app
    from typer.testing import CliRunner

    readme = (ROOT / "README.md").read_text()
    block = readme.split("$ eightk check corpus/malformed/unknown-item.txt\n", 1)[1]
    block = block.split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["check", "--config", "tests/snapshots/empty.toml",
                                      "corpus/malformed/unknown-item.txt"])
    # the diagnostics on stdout, then the summary line on stderr, as a terminal shows them
    assert result.stdout + result.stderr == block
    assert result.stderr.startswith("warning: corpus/malformed/unknown-item.txt")


def test_readme_python_examples_run(monkeypatch, capsys):
    from readme_commands import python_examples

    monkeypatch.chdir(ROOT)
    out = []
    for code in python_examples():
        exec(compile(code, "README.md", "exec"), {})
        out.append(capsys.readouterr().out)
    first, second = out
    assert "TAMARACK OUTDOOR PRODUCTS CORP." in first and "K507" in first
    assert "75 33 48" in second and "parse_text" in second and "no/such/8k.txt" in second
