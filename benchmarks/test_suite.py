"""The test suite's wall time: one process (plain `pytest`) against `make test` (a worker per core).

    python benchmarks/test_suite.py [--before REV] [pytest arguments …]

Runs the same tests both ways, back to back on this machine, and prints one JSON line per run and
the ratio. With --before, the single-process run is of that revision instead (checked out into a
temporary work tree), so "before and after" are measured in the same sitting. With --same-tests as
well, both runs are limited to the tests that exist in both revisions (by pytest node id), so the
tests added since do not count against the speed-up.
Extra arguments go to pytest (for example a folder, to time a part of the suite).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(tree: Path, extra: list[str], *, workers: str | None) -> dict:
    command = [sys.executable, "-m", "pytest", "-q", *extra]
    if workers:
        command += ["-n", workers, "--dist", "worksteal"]  # as `make test`
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    done = subprocess.run(command, cwd=tree, capture_output=True, text=True)
    seconds = time.monotonic() - started
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-300:]
    counts = dict(
        (k, int(v)) for v, k in re.findall(r"(\d+) (passed|failed|skipped|error)", summary)
    )
    failed = re.findall(r"^(?:FAILED|ERROR) (\S+)", done.stdout, flags=re.M)
    return {
        "tree": str(tree),
        "workers": workers or "1",
        "seconds": round(seconds, 1),
        "exit": done.returncode,
        "load_before": round(load_before, 2),
        **counts,
        **({"failures": failed} if failed else {}),
    }


def collected(tree: Path, extra: list[str]) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", *extra],
        cwd=tree, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return [line for line in done.stdout.splitlines() if "::" in line]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", help="a git revision to time in one process")
    parser.add_argument("--same-tests", action="store_true", help="only tests in both revisions")
    args, extra = parser.parse_known_args()

    with tempfile.TemporaryDirectory() as scratch:
        before_tree = ROOT
        if args.before:
            before_tree = Path(scratch) / "before"
            subprocess.run(
                ["git", "worktree", "add", "--detach", str(before_tree), args.before],
                cwd=ROOT, check=True, capture_output=True,
            )  # fmt: skip
            (before_tree / "node_modules").symlink_to(ROOT / "node_modules")
        if args.same_tests:
            common = sorted(set(collected(before_tree, extra)) & set(collected(ROOT, extra)))
            print(json.dumps({"tests_in_both": len(common)}), flush=True)
            extra = [*extra, *common]
        try:
            single = run(before_tree, extra, workers=None)
            print(json.dumps(single), flush=True)
            parallel = run(ROOT, extra, workers="auto")
            print(json.dumps(parallel), flush=True)
        finally:
            if args.before:
                subprocess.run(["git", "worktree", "remove", "--force", str(before_tree)], cwd=ROOT)
    print(json.dumps({"ratio": round(parallel["seconds"] / single["seconds"], 3)}))


if __name__ == "__main__":
    main()
