"""Compile LaTeX tables with a real TeX engine, when one is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ENGINE = shutil.which("pdflatex")
NO_ENGINE = (
    "no pdflatex on PATH (Debian/Ubuntu: apt-get install --no-install-recommends "
    "texlive-latex-base texlive-latex-recommended)"
)

_DOCUMENT = r"""\documentclass{article}
\usepackage[utf8]{inputenc}
\usepackage{booktabs}
\usepackage{longtable}
\usepackage{array}
\begin{document}
\input{%s}
\end{document}
"""


def compile_table(table: Path, folder: Path) -> str:
    """Compile ``table`` (a .tex fragment) inside a minimal article; return the log.

    Raises AssertionError with the end of the log when pdflatex fails, or when a float
    is too large for the page (a long table that should have been a longtable).
    """
    folder.mkdir(parents=True, exist_ok=True)
    document = folder / f"{table.stem}-document.tex"
    document.write_text(_DOCUMENT % table.resolve().as_posix(), encoding="utf-8")
    result = subprocess.run(
        [ENGINE, "-interaction=nonstopmode", "-halt-on-error", document.name],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    log_path = folder / f"{table.stem}-document.log"
    log = log_path.read_text(encoding="latin-1") if log_path.exists() else result.stdout
    assert result.returncode == 0, f"{table.name} does not compile:\n{log[-3000:]}"
    assert "Float too large" not in log, f"{table.name}: a float taller than the page"
    return log
