"""bench/bench_peers.py without the peers: the harness itself (no timings asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import BENCH_SAMPLES, sample_corpus

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def test_help_needs_no_peers():
    out = subprocess.run([sys.executable, str(BENCH / "bench_peers.py"), "--help"],
                         capture_output=True, text=True, check=True)
    assert "--peers-venv" in out.stdout and "edgar-crawler" in out.stdout


def test_network_attempt_is_stopped_and_recorded():
    code = (
        f"import sys; sys.path.insert(0, {str(BENCH)!r})\n"
        "import socket, peers_worker as w\n"
        "w.block_network()\n"
        "try:\n"
        "    socket.create_connection(('127.0.0.1', 9))\n"
        "except w.NetworkBlocked:\n"
        "    print('blocked', w.ATTEMPTS)\n"
        "try:\n"
        "    socket.getaddrinfo('www.sec.gov', 443)\n"
        "except Exception:\n"
        "    print('caught as an Exception')\n"
        "except w.NetworkBlocked:\n"
        "    print('blocked', len(w.ATTEMPTS))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert lines[0].startswith("blocked") and "127.0.0.1" in lines[0]
    # A retry loop that catches Exception must not swallow it.
    assert lines[1] == "blocked 2"


def test_eightk_and_floor_sides_over_a_small_corpus(tmp_path):
    sample_corpus(tmp_path)  # the project's own samples, laid out as the shared corpus is
    samples = BENCH_SAMPLES

    out_json = tmp_path / "timings.json"
    out = subprocess.run(
        [sys.executable, str(BENCH / "bench_peers.py"), "--corpus", str(tmp_path),
         "--peers", "eightk,eightk-parse,floor", "--repeat", "1", "--json", str(out_json)],
        capture_output=True, text=True, check=True)
    results = json.loads(out_json.read_text())
    assert set(results) == {"eightk", "eightk-parse", "floor"}
    for side, result in results.items():
        files = result["files"]
        assert {Path(f["path"]).name for f in files} == set(samples)
        assert all(f["error"] is None and f["seconds"] > 0 for f in files), side
    # eightk found the items of each sample (the floor only counts regex hits).
    assert all(f["items"] for f in results["eightk"]["files"])
    for kind in samples.values():
        assert any(line.startswith(f"{kind} ") and " eightk " in line
                   for line in out.stdout.splitlines()), kind
    assert "0 files failed" in out.stdout
    # The saved timings print the same table again without measuring.
    again = subprocess.run([sys.executable, str(BENCH / "bench_peers.py"), "--report",
                            str(out_json)], capture_output=True, text=True, check=True)
    table = [line for line in out.stdout.splitlines() if line.startswith(tuple(samples.values()))]
    assert table and table == [line for line in again.stdout.splitlines()
                               if line.startswith(tuple(samples.values()))]
