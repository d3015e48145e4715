"""A timed run in a fresh Python process: what the benchmarks' first calls are made of."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_process(arguments: list[str], what: str = "timed") -> dict:
    """Run ``python *arguments`` from the repository root in a new process.

    Returns the JSON its last line of output holds; raises RuntimeError with its error
    output (naming ``what`` ran) when it fails.
    """
    done = subprocess.run([sys.executable, *arguments], capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise RuntimeError(f"the {what} process failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])
