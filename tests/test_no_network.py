"""Only `eightk fetch` touches the network: parse, check, show, extract, stats and
the rest run with every socket connection forbidden and never load an HTTP client."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap

from conftest import CORPUS, ROOT

NETWORK_MODULES = ("socket", "ssl", "http.client", "urllib.request", "httpx", "httpcore",
                   "requests", "urllib3", "aiohttp", "ftplib", "smtplib")
ALLOWED = {ROOT / "parser" / "commands" / "fetch.py"}


def _imports(path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_only_the_fetch_package_imports_network_modules():
    offenders = {}
    for path in sorted((ROOT / "parser").rglob("*.py")):
        if path in ALLOWED or (ROOT / "parser" / "fetch") in path.parents:
            continue
        bad = sorted(name for name in _imports(path)
                     if any(name == m or name.startswith(m + ".") for m in NETWORK_MODULES))
        if bad:
            offenders[str(path.relative_to(ROOT))] = bad
    assert offenders == {}
    # the check sees what it is meant to see
    assert "httpx" in _imports(ROOT / "parser" / "fetch" / "http.py")


GUARDED = textwrap.dedent("""
    import socket, sys

    def refuse(*args, **kwargs):
        raise AssertionError(f"network use: {args!r}")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    from typer.testing import CliRunner
    from eightk.commands import app

    corpus, out = sys.argv[1], sys.argv[2]
    runner = CliRunner()
    runs = [
        (["parse", f"{corpus}/text-2006-sub.txt", f"{corpus}/ixbrl-2023-8k.htm"], {0}),
        (["check", corpus], {0, 1}),
        (["show", f"{corpus}/text-2006-sub.txt"], {0}),
        (["extract", corpus, "-o", f"{out}/x.jsonl", "--workers", "2"], {0}),
        (["stats", f"{out}/x.jsonl"], {0}),
        (["rules"], {0}),
        (["explain", "I401"], {0}),
        (["schema"], {0}),
    ]
    for args, codes in runs:
        result = runner.invoke(app, args)
        assert result.exit_code in codes, (args, result.exit_code, result.output,
                                           result.exception)
        assert "network use" not in (result.output or ""), args
    assert "httpx" not in sys.modules and "eightk.fetch" not in sys.modules
    print("ok", len(runs))
""")


def test_commands_run_with_sockets_forbidden(tmp_path):
    done = subprocess.run([sys.executable, "-c", GUARDED, str(CORPUS), str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "ok 8"
    assert (tmp_path / "x.jsonl").stat().st_size > 0


def test_the_guard_does_catch_a_connection(tmp_path):
    """The same guard stops fetch, so it would stop any other command that connected."""
    script = GUARDED.split("from typer.testing")[0] + textwrap.dedent("""
        from typer.testing import CliRunner
        from eightk.commands import app
        result = CliRunner().invoke(app, ["fetch", "1/0000000001-24-000001", "-o", sys.argv[1],
                                          "--user-agent", "T t@example.com", "--retries", "0",
                                          "--base-url", "http://127.0.0.1:9"])
        print(result.exit_code, "network use" in str(result.exception) + result.output)
    """)
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split()[-1] == "True"
