"""The notebooks: in step with their .py pairs, committed clean, and running top to bottom.

Execution tests start a fresh kernel of this interpreter for each notebook (nbclient),
in a temporary copy of ``notebooks/`` so that nothing they write lands in the repository.
They are marked ``notebook`` and ``slow``; with pytest-xdist each notebook is its own test,
so two cores run two notebooks at a time.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
HANDOUT_TOOL = REPO / "tools" / "make_handout.py"
EXERCISE = NOTEBOOKS / "05_classroom_exercise.ipynb"
PAPER_FIGURES = NOTEBOOKS / "paper_figures.ipynb"

PAIRED = sorted(path.stem for path in NOTEBOOKS.glob("*.py"))
# paper_figures runs (twice) through framing figures below, with its parameters.
TEACHING = [name for name in PAIRED if name != "paper_figures"]
EXPECTED = [
    "01_quickstart",
    "02_compare_outlets",
    "03_framing_over_time",
    "04_build_a_lexicon",
    "05_classroom_exercise",
    "06_your_corpus",
    "07_russian_language_media",
    "paper_figures",
]
CELL_TIMEOUT = 180  # seconds; the whole of each notebook should take well under 2 minutes


def _cells(notebook: nbformat.NotebookNode) -> list[tuple[str, str, tuple[str, ...]]]:
    return [
        (cell.cell_type, cell.source.strip(), tuple(cell.metadata.get("tags", [])))
        for cell in notebook.cells
    ]


def _execute(notebook: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    from framing._figures_job import _this_python_kernel_manager

    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        kernel_manager_class=_this_python_kernel_manager(),
        resources={"metadata": {"path": str(folder)}},
    )
    return client.execute()


def _warnings_in(notebook: nbformat.NotebookNode) -> list[str]:
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("name") == "stderr" and "Warning" in output.get("text", ""):
                found.append(output["text"])
    return found


def _notebook_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # The kernel inherits these: no display needed, fixed dates in saved files.
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("PYTHONHASHSEED", "0")


def test_every_expected_notebook_is_there_as_a_pair():
    for name in EXPECTED:
        assert (NOTEBOOKS / f"{name}.py").is_file(), f"{name}.py is missing"
        assert (NOTEBOOKS / f"{name}.ipynb").is_file(), f"{name}.ipynb is missing"
    assert sorted(path.stem for path in NOTEBOOKS.glob("*.ipynb")) == PAIRED


@pytest.mark.parametrize("name", PAIRED)
def test_ipynb_and_py_pair_hold_the_same_cells(name):
    from_ipynb = jupytext.read(NOTEBOOKS / f"{name}.ipynb")
    from_py = jupytext.read(NOTEBOOKS / f"{name}.py")
    assert _cells(from_ipynb) == _cells(from_py), (
        f"{name}.ipynb and {name}.py differ: run `jupytext --sync notebooks/{name}.py`"
    )


@pytest.mark.parametrize("name", PAIRED)
def test_ipynb_is_committed_without_outputs(name):
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{name}: a cell has outputs"
            assert cell.execution_count is None, f"{name}: a cell has an execution count"
    assert notebook.metadata.get("kernelspec", {}).get("name") == "python3"


def test_quickstart_has_ten_cells_at_most():
    notebook = jupytext.read(NOTEBOOKS / "01_quickstart.py")
    assert len(notebook.cells) <= 10


def test_paper_figures_has_a_parameters_cell():
    notebook = jupytext.read(PAPER_FIGURES)
    tagged = [cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", [])]
    assert len(tagged) == 1
    for name in ("corpus_path", "lexicons", "outlets", "period", "output", "formats"):
        assert f"{name} =" in tagged[0].source


def test_handout_has_no_solutions(tmp_path):
    handout_path = tmp_path / "handout.ipynb"
    result = subprocess.run(
        [sys.executable, str(HANDOUT_TOOL), str(EXERCISE), "-o", str(handout_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    exercise = nbformat.read(EXERCISE, as_version=4)
    handout = nbformat.read(handout_path, as_version=4)
    solutions = [c for c in exercise.cells if "solution" in c.metadata.get("tags", [])]
    instructor = [c for c in exercise.cells if "instructor" in c.metadata.get("tags", [])]
    assert len(solutions) >= 3
    handout_sources = {cell.source for cell in handout.cells}
    for cell in solutions + instructor:
        assert cell.source not in handout_sources
    for cell in handout.cells:
        assert "solution" not in cell.metadata.get("tags", [])
        assert "instructor" not in cell.metadata.get("tags", [])
        assert cell.get("outputs", []) == []
    answers = [c for c in handout.cells if "answer" in c.metadata.get("tags", [])]
    assert len(answers) == len(solutions)
    # Every question and every non-solution cell survives, in order.
    kept = [
        c.source
        for c in exercise.cells
        if not {"solution", "instructor"} & set(c.metadata.get("tags", []))
    ]
    assert [c.source for c in handout.cells if c not in answers] == kept


def test_handout_tool_refuses_a_notebook_without_solutions(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(HANDOUT_TOOL),
            str(NOTEBOOKS / "01_quickstart.ipynb"),
            "-o",
            str(tmp_path / "handout.ipynb"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "no cell tagged 'solution'" in result.stderr
    assert not (tmp_path / "handout.ipynb").exists()


def test_handout_tool_says_what_to_do_in_a_python_without_jupytext(tmp_path):
    # -S: no site-packages, as in a system Python without the project's environment
    result = subprocess.run(
        [sys.executable, "-S", str(HANDOUT_TOOL), str(EXERCISE), "-o", str(tmp_path / "h")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "needs jupytext and nbformat" in result.stderr
    assert ".venv/bin/python tools/make_handout.py" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.parametrize("name", TEACHING)
def test_notebook_runs_top_to_bottom_in_a_fresh_kernel(name, tmp_path, monkeypatch):
    _notebook_environment(monkeypatch)
    shutil.copytree(NOTEBOOKS / "data", tmp_path / "data")
    notebook = jupytext.read(NOTEBOOKS / f"{name}.ipynb")
    executed = _execute(notebook, tmp_path)
    # A warning in a teaching notebook reads as a fault to a student: none may show.
    assert _warnings_in(executed) == []
    if name == "01_quickstart":
        kinds = {
            key
            for cell in executed.cells
            for output in cell.get("outputs", [])
            for key in output.get("data", {})
        }
        assert "image/png" in kinds, "the quickstart shows no chart"
        html = [
            output["data"]["text/html"]
            for cell in executed.cells
            for output in cell.get("outputs", [])
            if "text/html" in output.get("data", {})
        ]
        assert any('class="framing-kwic"' in page for page in html), (
            "the quickstart shows no KWIC table"
        )


@pytest.mark.notebook
@pytest.mark.slow
def test_classroom_handout_runs_without_its_solutions(tmp_path, monkeypatch):
    _notebook_environment(monkeypatch)
    shutil.copytree(NOTEBOOKS / "data", tmp_path / "data")
    sys.path.insert(0, str(HANDOUT_TOOL.parent))
    try:
        from make_handout import make_handout
    finally:
        sys.path.remove(str(HANDOUT_TOOL.parent))
    handout, _ = make_handout(nbformat.read(EXERCISE, as_version=4))
    _execute(handout, tmp_path)


def _digests(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


@pytest.mark.notebook
@pytest.mark.slow
def test_paper_figures_are_byte_identical_across_two_runs(tmp_path, monkeypatch, capsys):
    from framing._figures_job import run_figures

    _notebook_environment(monkeypatch)
    monkeypatch.chdir(tmp_path)
    first = run_figures(tmp_path / "one" / "figures", notebook=PAPER_FIGURES)
    second = run_figures(tmp_path / "two" / "figures", notebook=PAPER_FIGURES)
    printed = capsys.readouterr().out
    assert "dates missing" in printed  # the per-outlet summary came first
    assert [path.name for path in first] == [path.name for path in second]
    names = {path.name for path in first}
    assert any(name.endswith(".pdf") for name in names)
    assert any(name.endswith(".tex") for name in names)
    assert any(name.endswith(".csv") for name in names)
    one, two = _digests(tmp_path / "one" / "figures"), _digests(tmp_path / "two" / "figures")
    assert one == two
    # The executed notebook lives outside the output folder.
    assert (tmp_path / "one" / "build" / "paper_figures.ipynb").is_file()
    assert not any(name.endswith(".ipynb") for name in names)
    # Every figure and table has its provenance sidecar.
    for name in names:
        stem = name.rsplit(".", 1)[0]
        if name.endswith((".pdf", ".csv")):
            assert f"{stem}.json" in names or f"{name}.json" in names, name
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"
    # Every table the job writes compiles with a real TeX engine, when there is one
    # (tests/test_export.py says so when there is none).
    from _latex import ENGINE, compile_table

    if ENGINE is not None:
        for table in sorted((tmp_path / "one" / "figures").glob("*.tex")):
            compile_table(table, tmp_path / "latex")
