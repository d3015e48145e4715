"""The job behind ``framing figures``: every figure and table of a paper, from one command.

It prints the corpus load report and a summary per outlet, then executes the
``paper_figures`` notebook in a fresh kernel of the current Python (papermill injects the
parameters), which writes every figure and table into the output folder. The executed
notebook goes to a ``build/`` folder beside the output folder, never into it, so that two
runs on the same inputs leave byte-identical output folders.

This module does not import :mod:`framing.plot`; the notebook does.
"""

from __future__ import annotations

import hashlib
import os
import sys
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

#: The lexicons the figures use when none is given.
DEFAULT_LEXICONS: tuple[str, ...] = ("ukraine_war", "ukraine_toponyms")
#: The figure formats written when none is given.
DEFAULT_FORMATS: tuple[str, ...] = ("pdf", "png", "svg")
#: The file listing what the job wrote; also how the next run knows what it may remove.
MANIFEST_NAME = "README.md"
_MANIFEST_FIRST_LINE = "# Figures and tables made by `framing figures`"
NOTEBOOK_NAME = "paper_figures.ipynb"
#: A fixed build date for every file format that records one (matplotlib reads it).
_DEFAULT_SOURCE_DATE_EPOCH = "1700000000"


def find_notebook(name: str = NOTEBOOK_NAME) -> Path:
    """Return the path of a notebook shipped in the repository's ``notebooks/`` folder.

    Looks in ``./notebooks`` first (a user running from the repository root), then in the
    ``notebooks`` folder beside the installed package (an editable install).
    """
    here = Path(__file__).resolve().parent
    candidates = [Path.cwd() / "notebooks" / name, here.parent / "notebooks" / name]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    tried = ", ".join(str(path) for path in candidates)
    raise FileNotFoundError(
        f"Cannot find the notebook {name}: tried {tried}. Run from the repository root "
        "or pass notebook=PATH (--notebook PATH)."
    )


def outlet_summary(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet: documents, first and last publication date, dates missing.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({
    ...     "outlet": pd.array(["A", "A", "B"], dtype="string"),
    ...     "published": pd.to_datetime(["2022-01-02", None, "2022-03-04"], utc=True),
    ... })
    >>> outlet_summary(corpus)["dates missing"].tolist()
    [1, 0]
    """
    published = corpus["published"]
    frame = pd.DataFrame(
        {
            "outlet": corpus["outlet"].astype("string").fillna("(no outlet)"),
            "published": published,
            "missing": published.isna(),
        }
    )
    grouped = frame.groupby("outlet", sort=True)
    summary = pd.DataFrame(
        {
            "documents": grouped.size(),
            "first": grouped["published"].min().dt.strftime("%Y-%m-%d"),
            "last": grouped["published"].max().dt.strftime("%Y-%m-%d"),
            "dates missing": grouped["missing"].sum().astype(int),
        }
    )
    return summary.fillna({"first": "-", "last": "-"})


def dataset_name(corpus: str | os.PathLike | None) -> str | None:
    """The public dataset ``corpus`` names, or None for a path (or the sample).

    A name of :func:`framing.datasets.available` that is not also an existing path.

    Examples
    --------
    >>> dataset_name("ruwa"), dataset_name("articles/"), dataset_name(None)
    ('ruwa', None, None)
    """
    from framing._dataset_registry import DATASETS

    if isinstance(corpus, str) and corpus in DATASETS and not Path(corpus).exists():
        return corpus
    return None


def _load_corpus(corpus: str | os.PathLike | None) -> pd.DataFrame:
    if corpus is None:
        from framing.datasets import load_sample

        return load_sample()
    name = dataset_name(corpus)
    if name is not None:
        from framing.datasets import fetch

        return fetch(name)
    from framing import read_corpus

    return read_corpus(corpus, errors="report")


def _print_report(corpus: pd.DataFrame) -> None:
    from framing import CorpusError, load_report

    try:
        print(load_report(corpus), flush=True)
    except CorpusError:
        # A corpus file written by other tools carries no report; the summary still shows.
        print(f"{len(corpus)} documents (no load report recorded with this corpus)", flush=True)
    print(flush=True)
    summary = outlet_summary(corpus)
    print(summary.to_string(), flush=True)
    print(flush=True)


def _manifest_files(output: Path) -> list[Path]:
    """The files a previous run listed in the output folder's manifest."""
    manifest = output / MANIFEST_NAME
    if not manifest.is_file():
        return []
    lines = manifest.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != _MANIFEST_FIRST_LINE:
        return []  # a README the user wrote: leave the folder alone
    files = []
    for line in lines:
        if line.startswith("- `") and "`" in line[3:]:
            name = line[3 : line.index("`", 3)]
            path = (output / name).resolve()
            if path.parent == output.resolve():
                files.append(path)
    return [*files, manifest]


def _clean_previous_run(output: Path) -> None:
    """Remove what the last run wrote (and only that), so stale figures cannot linger."""
    for path in _manifest_files(output):
        path.unlink(missing_ok=True)


def _write_manifest(output: Path, files: Sequence[Path]) -> Path:
    lines = [
        _MANIFEST_FIRST_LINE,
        "",
        "Generated: do not edit. Re-make with `python3 tasks.py figures` (or `framing figures`).",
        "Each figure and table has a `.json` provenance sidecar; SHA-256 prefixes below.",
        "",
    ]
    for path in files:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        lines.append(f"- `{path.name}` sha256:{digest}")
    manifest = output / MANIFEST_NAME
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def _this_python_kernel_manager() -> type:
    """A kernel manager that always starts ipykernel in *this* interpreter.

    A user-level ``python3`` kernelspec may point at another Python (a system one without
    framing installed); ignoring the spec's interpreter makes the run use the virtual
    environment that runs the command.
    """
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class ThisPythonKernelManager(AsyncKernelManager):
        @default("transport")
        def _default_transport(self) -> str:
            # Local sockets: TCP without encryption makes the kernel print a warning, and
            # nothing here needs the network.
            return "tcp" if os.name == "nt" else "ipc"

        @default("ip")
        def _default_ip(self) -> str:
            if self.transport != "ipc":
                return "127.0.0.1"
            # An absolute socket path: the kernel runs in another folder than this process.
            from jupyter_core.paths import jupyter_runtime_dir

            folder = Path(jupyter_runtime_dir())
            folder.mkdir(parents=True, exist_ok=True)
            return str(folder / f"framing-kernel-{uuid.uuid4().hex[:12]}-ipc")

        def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
            return [
                sys.executable,
                "-m",
                "ipykernel_launcher",
                "-f",
                os.path.realpath(self.connection_file),
                *(extra_arguments or []),
            ]

    return ThisPythonKernelManager


def _resolve(value: str | os.PathLike) -> str:
    """A path that exists becomes absolute (the kernel runs in another folder); a bundled
    lexicon name stays as it is."""
    path = Path(value)
    return str(path.resolve()) if path.exists() else str(value)


def run_figures(
    output: str | os.PathLike = "figures",
    corpus: str | os.PathLike | None = None,
    lexicon: Sequence[str | os.PathLike] | str | None = None,
    notebook: str | os.PathLike | None = None,
    period: str = "M",
    *,
    outlets: Sequence[str] | None = None,
    events: Mapping[str, str] | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    executed: str | os.PathLike | None = None,
    timeout: int = 600,
    progress: bool = False,
) -> list[Path]:
    """Execute the paper-figures notebook and return the files it wrote.

    Parameters
    ----------
    output : path
        The folder to write figures and tables into (made if missing). Files a previous run
        listed in its ``README.md`` are removed first; nothing else is touched.
    corpus : path or dataset name, optional
        Anything :func:`framing.read_corpus` reads (read with ``errors="report"``), or the
        name of a public corpus (:func:`framing.datasets.available`), fetched into the
        user's cache with :func:`framing.datasets.fetch` (its licence and attribution are
        printed). Default: the bundled synthetic sample corpus.
    lexicon : name or path, or a list of them, optional
        Bundled lexicon names or lexicon files. Default: ``ukraine_war`` and
        ``ukraine_toponyms``.
    notebook : path, optional
        The notebook to execute. Default: ``notebooks/paper_figures.ipynb``.
    period : {"W", "M", "Q", "Y"}
        The time bins of the timelines.
    outlets : list of str, optional
        Keep only these outlets (default: all).
    events : dict, optional
        Dates (``YYYY-MM-DD``) and labels to mark on the timelines (only those inside the
        data's time range are drawn). Default: the sample corpus's own events for the
        sample, none for another corpus.
    formats : list of str
        Figure formats, among "pdf", "png" and "svg".
    executed : path, optional
        Where to write the executed notebook (default ``build/paper_figures.ipynb`` beside
        the output folder), kept for reading the run's log and errors.
    timeout : int
        Seconds a notebook cell may run.
    progress : bool
        Show papermill's progress bar.

    Returns
    -------
    list of pathlib.Path
        The files written into ``output``, sorted, the manifest last.

    Examples
    --------
    >>> from framing._figures_job import run_figures
    >>> files = run_figures("figures")  # doctest: +SKIP
    """
    import papermill

    # The kernel inherits this environment: matplotlib reads SOURCE_DATE_EPOCH for the
    # dates it writes into PDF and SVG files, and a fixed hash seed keeps set order stable.
    os.environ.setdefault("SOURCE_DATE_EPOCH", _DEFAULT_SOURCE_DATE_EPOCH)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    os.environ.setdefault("MPLBACKEND", "Agg")

    output = Path(output).resolve()
    lexicons = [lexicon] if isinstance(lexicon, str | os.PathLike) else lexicon
    lexicons = [_resolve(name) for name in (lexicons or DEFAULT_LEXICONS)]
    bad_formats = sorted(set(formats) - set(DEFAULT_FORMATS))
    if bad_formats:
        raise ValueError(
            "The 'formats' parameter of run_figures must list 'pdf', 'png' or 'svg'. "
            f"Got {bad_formats!r} instead."
        )
    notebook_path = Path(notebook) if notebook is not None else find_notebook()
    if not notebook_path.is_file():
        raise FileNotFoundError(f"{notebook_path}: no such notebook.")

    loaded = _load_corpus(corpus)
    _print_report(loaded)

    executed_path = (
        Path(executed) if executed is not None else output.parent / "build" / notebook_path.name
    )
    executed_path.parent.mkdir(parents=True, exist_ok=True)
    corpus_path = _resolve(corpus) if corpus is not None else None
    name = dataset_name(corpus)
    if name is not None:
        # The notebook reads a path: the fetched corpus, written once beside the executed
        # notebook (never into the output folder), with its load report.
        from framing import write_corpus

        corpus_file = executed_path.parent / f"{name}.parquet"
        write_corpus(loaded, corpus_file, overwrite=True)
        corpus_path = str(corpus_file.resolve())
        from framing._dataset_registry import DATASETS

        fields: list[str] | None = list(DATASETS[name].fields)
    else:
        fields = None  # the notebook's default
    output.mkdir(parents=True, exist_ok=True)
    _clean_previous_run(output)
    before = {path: path.stat().st_mtime_ns for path in output.iterdir() if path.is_file()}

    parameters: dict[str, Any] = {
        "corpus_path": corpus_path,
        "lexicons": lexicons,
        "outlets": list(outlets) if outlets else None,
        "events": dict(events) if events is not None else None,
        "period": period,
        "output": str(output),
        "formats": list(formats),
    }
    if fields is not None:
        parameters["fields"] = fields
    print(f"Running {notebook_path} (executed copy: {executed_path})", flush=True)
    papermill.execute_notebook(
        str(notebook_path),
        str(executed_path),
        parameters=parameters,
        kernel_name="python3",
        kernel_manager_class=_this_python_kernel_manager(),
        cwd=str(notebook_path.parent.resolve()),
        progress_bar=progress,
        log_output=False,
        execution_timeout=timeout,
        language="python",
    )
    written = sorted(
        path
        for path in output.iterdir()
        if path.is_file() and before.get(path) != path.stat().st_mtime_ns
    )
    manifest = _write_manifest(output, written)
    written.append(manifest)
    print(summary_line(output, written), flush=True)
    return written


def summary_line(output: Path, written: Sequence[Path]) -> str:
    """One line saying what the job wrote, pointing to the manifest.

    Examples
    --------
    >>> from pathlib import Path
    >>> files = [Path(n) for n in ("a.pdf", "a.png", "a.json", "t.csv", "t.tex", "t.json",
    ...     "README.md")]
    >>> print(summary_line(Path("figures"), files))  # doctest: +NORMALIZE_WHITESPACE
    Wrote 7 files into figures: 1 figure (pdf, png), 1 table (csv, tex),
    2 provenance sidecars; list in figures/README.md
    """
    stems: dict[str, set[str]] = {}
    for path in written:
        if path.name != MANIFEST_NAME:
            stems.setdefault(path.stem, set()).add(path.suffix.lstrip("."))
    figures = {stem: kinds for stem, kinds in stems.items() if kinds & set(DEFAULT_FORMATS)}
    tables = {stem: kinds for stem, kinds in stems.items() if kinds & {"csv", "tex"}}
    sidecars = sum("json" in kinds for kinds in stems.values())

    def count(items: dict[str, set[str]], noun: str, known: Sequence[str]) -> str:
        kinds = sorted(set().union(*items.values()) & set(known)) if items else []
        plural = "" if len(items) == 1 else "s"
        return f"{len(items)} {noun}{plural} ({', '.join(kinds)})" if items else f"0 {noun}s"

    parts = [
        count(figures, "figure", DEFAULT_FORMATS),
        count(tables, "table", ("csv", "tex")),
        f"{sidecars} provenance sidecar{'' if sidecars == 1 else 's'}",
    ]
    return (
        f"Wrote {len(written)} files into {output}: {', '.join(parts)}; "
        f"list in {Path(output) / MANIFEST_NAME}"
    )
