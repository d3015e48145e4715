#!/usr/bin/env python3
"""Make the student handout of a classroom notebook: the same notebook without solutions.

Cells tagged ``solution`` become an empty code cell (``# Your answer here``) so that the
student has a place to write; cells tagged ``instructor`` (notes for the teacher) are
removed; every output and execution count is cleared, so nothing of a solution survives
in an output either::

    .venv/bin/python tools/make_handout.py notebooks/05_classroom_exercise.ipynb -o handout.ipynb

(with the project's Python, which has jupytext and nbformat; any other Python without
them gets a message saying so).

The input may be the ``.ipynb`` or its jupytext ``.py`` pair; the output's format follows
its suffix (``.ipynb``, or ``.py`` for the percent format). Exit code 0 on success, 1 when
the input has no ``solution`` cell (almost certainly the wrong file), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

try:
    import jupytext
    import nbformat
except ImportError as error:  # a Python without the project's environment: bad usage
    print(
        f"make_handout needs jupytext and nbformat ({error.name} is missing from "
        f"{sys.executable}). Run it with the project's Python, which has them:\n"
        "    python3 tasks.py setup\n"
        "    .venv/bin/python tools/make_handout.py notebooks/05_classroom_exercise.ipynb "
        "-o handout.ipynb\n"
        "or install them here: python3 -m pip install jupytext nbformat",
        file=sys.stderr,
    )
    sys.exit(2)

SOLUTION_TAG = "solution"
INSTRUCTOR_TAG = "instructor"
PLACEHOLDER = "# Your answer here\n"


def _tags(cell: nbformat.NotebookNode) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def make_handout(notebook: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, int]:
    """Return a copy of ``notebook`` without solutions or instructor notes, and the number
    of solution cells replaced."""
    handout = nbformat.v4.new_notebook(metadata=dict(notebook.metadata))
    # The pairing would make Jupyter write a .py beside the handout; a handout stands alone.
    handout.metadata.pop("jupytext", None)
    replaced = 0
    for cell in notebook.cells:
        tags = _tags(cell)
        if INSTRUCTOR_TAG in tags:
            continue
        if SOLUTION_TAG in tags:
            replaced += 1
            handout.cells.append(
                nbformat.v4.new_code_cell(PLACEHOLDER.rstrip("\n"), metadata={"tags": ["answer"]})
            )
            continue
        if cell.cell_type == "code":
            new = nbformat.v4.new_code_cell(cell.source, metadata=dict(cell.metadata))
        elif cell.cell_type == "markdown":
            new = nbformat.v4.new_markdown_cell(cell.source, metadata=dict(cell.metadata))
        else:
            new = nbformat.v4.new_raw_cell(cell.source, metadata=dict(cell.metadata))
        handout.cells.append(new)
    # Stable cell ids keep the handout byte-identical when re-made from the same notebook.
    for number, cell in enumerate(handout.cells, start=1):
        cell["id"] = f"cell-{number:03d}"
    return handout, replaced


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make_handout",
        description="Strip the cells tagged 'solution' (and 'instructor') from a notebook.",
    )
    parser.add_argument("notebook", type=Path, help="the exercise (.ipynb or its .py pair)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the handout to write")
    args = parser.parse_args(argv)
    if not args.notebook.is_file():
        print(f"make_handout: {args.notebook}: no such file.", file=sys.stderr)
        return 2
    if args.output.resolve() == args.notebook.resolve():
        print("make_handout: the output would overwrite the exercise itself.", file=sys.stderr)
        return 2
    notebook = jupytext.read(args.notebook)
    handout, replaced = make_handout(notebook)
    if replaced == 0:
        print(
            f"make_handout: {args.notebook} has no cell tagged '{SOLUTION_TAG}'; "
            "is it the exercise notebook?",
            file=sys.stderr,
        )
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    if args.output.suffix == ".ipynb":
        args.output.write_text(nbformat.writes(handout) + "\n", encoding="utf-8")
    else:
        jupytext.write(handout, args.output, fmt="py:percent")
    print(f"Wrote {args.output}: {replaced} solution cells replaced by empty answer cells.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
