#!/usr/bin/env python3
"""Set up the project's own virtual environment and run its main jobs.

Needs nothing but Python 3.11+ and access to the package index::

    python3 tasks.py figures   # set up, then run the sample corpus through the analysis
    python3 tasks.py test      # set up, then run the test suite
    python3 tasks.py lint      # ruff check + ruff format --check (CI runs it first)
    python3 tasks.py compat    # the unit tests again on pandas 2.2 (in .venv-pandas22)

The environment lives in ``.venv`` and is re-installed only when ``pyproject.toml`` or
``requirements/constraints.txt`` change. The constraints file pins every package the
figures depend on, so that the same inputs make the same bytes on another machine.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("FRAMING_VENV", ROOT / ".venv"))
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"


def _python(venv_dir: Path) -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return venv_dir / scripts / ("python.exe" if os.name == "nt" else "python")


def _run(*args: str | os.PathLike) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT)


def ensure_environment(
    venv_dir: Path | None = None, extra: tuple[str, ...] = (), extras: str = "dev"
) -> Path:
    """Create the virtual environment and install the package, once per change.

    ``extras`` names the package extras to install (``dev`` for tests and lint, ``figures``
    for the figures job alone). ``extra`` requirements (e.g. ``pandas==2.2.*``) replace the
    pinned constraints, for checking that the kit still works with older releases of a
    dependency.
    """
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs before any check
        sys.exit(f"framing needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    venv_dir = venv_dir or VENV
    python = _python(venv_dir)
    if not python.exists():
        print(f"Creating the virtual environment in {venv_dir}", flush=True)
        venv.create(venv_dir, with_pip=True)
    digest = hashlib.sha256()
    # setup.py and the C sources too: an editable install builds the extensions in place.
    for path in (
        ROOT / "pyproject.toml",
        CONSTRAINTS,
        ROOT / "setup.py",
        *sorted((ROOT / "framing").rglob("*.c")),
    ):
        if path.exists():
            digest.update(path.read_bytes())
    digest.update(" ".join(extra).encode())
    # One stamp per set of extras: the figures job's smaller set does not undo the tests'.
    stamp = venv_dir / f".framing-installed-{extras}"
    if not stamp.exists() or stamp.read_text() != digest.hexdigest():
        pip = [python, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        if CONSTRAINTS.exists() and not extra:
            pip += ["-c", CONSTRAINTS]
        _run(*pip, "-e", f".[{extras}]", *extra)
        stamp.write_text(digest.hexdigest())
    return python


def main(argv: list[str]) -> int:
    command, *rest = argv or ["help"]
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("PYTHONHASHSEED", "0")
    if command == "figures":
        python = ensure_environment(extras="figures")
        _run(python, "-m", "framing", "figures", "--output", "figures", *rest)
    elif command == "test":
        python = ensure_environment()
        # Both cores: the notebooks and the real-data tests dominate the wall time.
        _run(python, "-m", "pytest", "-n", os.environ.get("FRAMING_TEST_WORKERS", "auto"), *rest)
    elif command == "compat":
        python = ensure_environment(ROOT / ".venv-pandas22", ("pandas==2.2.*",))
        _run(python, "-c", "import pandas; print('pandas', pandas.__version__)")
        _run(
            python,
            "-m",
            "pytest",
            "-n",
            "auto",
            "-m",
            "not notebook and not realdata",
            "-p",
            "no:cacheprovider",
            *rest,
        )
    elif command == "lint":
        python = ensure_environment()
        _run(python, "-m", "ruff", "check", ".")
        _run(python, "-m", "ruff", "format", "--check", ".")
    elif command == "setup":
        ensure_environment()
    else:
        print(__doc__)
        return 0 if command in ("help", "-h", "--help") else 2
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)
