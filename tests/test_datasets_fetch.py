"""framing.datasets.fetch: the download path, tested offline against a local server.

The files of ``../shared/data`` are served over HTTP on 127.0.0.1 (``http.server`` in a
thread) and the registry's sources are replaced by that server with ``base_url=``, so
pooch really downloads, and the pinned hashes are really checked. Nothing here reaches
the internet; the tests that read real files skip with a reason when ``../shared/data``
is absent. Every download goes to a fresh cache folder (``FRAMING_DATA_DIR``).
"""

from __future__ import annotations

import functools
import http.server
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from numpydoc.validate import validate

import framing
from framing import _fetch, datasets

pytest.importorskip("pooch", reason="framing.datasets.fetch needs pooch (the fetch extra)")


class _Server:
    """A static file server on 127.0.0.1 that counts the requests it answers."""

    def __init__(self, root: Path) -> None:
        self.requests: list[str] = []
        requests = self.requests

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                requests.append(self.path)
                super().do_GET()

        handler = functools.partial(Handler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def _serve(root: Path) -> Iterator[_Server]:
    server = _Server(root)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def mirror(shared_data: Path) -> Iterator[_Server]:
    """``../shared/data`` served over HTTP on 127.0.0.1 (a mirror laid out <dataset>/<file>)."""
    yield from _serve(shared_data)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh download cache (FRAMING_DATA_DIR), and no mirror from the environment."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(datasets.DATA_DIR_ENV, str(folder))
    monkeypatch.delenv(datasets.DATA_URL_ENV, raising=False)
    return folder


def _with_hash(monkeypatch: pytest.MonkeyPatch, name: str, sha256: str) -> None:
    dataset = datasets.DATASETS[name]
    files = tuple(replace(file, sha256=sha256) for file in dataset.files)
    monkeypatch.setitem(datasets.DATASETS, name, replace(dataset, files=files))


def _cache_files(cache: Path) -> list[str]:
    return sorted(str(p.relative_to(cache)) for p in cache.rglob("*") if p.is_file())


# --- no network needed ----------------------------------------------------------------


def test_available_lists_every_dataset_with_its_licence():
    table = datasets.available()
    assert list(table.index) == list(datasets.DATASETS)
    assert table.loc["resistinua", "licence"] == "CC0 1.0"
    assert table.loc["ruwa", "licence"] == "CC BY-NC-SA 4.0"
    assert table["attribution"].str.len().gt(0).all()
    for dataset in datasets.DATASETS.values():
        for file in dataset.files:
            assert file.path.startswith(f"{dataset.name}/")
            assert len(file.sha256) == 64 and int(file.sha256, 16) >= 0
            # Public sources are pinned to a commit, never a branch.
            assert file.url is None or "/raw/main/" not in file.url


def test_an_unknown_name_is_a_parameter_error():
    with pytest.raises(framing.ParameterError, match="'name' parameter of fetch"):
        datasets.fetch("no_such_corpus")


def test_data_dir_follows_the_environment(cache):
    assert datasets.data_dir() == cache


def test_missing_pooch_names_the_extra(monkeypatch, cache):
    import builtins

    real_import = builtins.__import__

    def no_pooch(name, *args, **kwargs):
        if name == "pooch":
            raise ImportError("No module named 'pooch'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pooch)
    with pytest.raises(ImportError, match=r"framing-kit\[fetch\]"):
        datasets.fetch_files("resistinua")


def test_a_dataset_without_a_public_copy_asks_for_a_mirror(cache):
    with pytest.raises(framing.DatasetError, match="FRAMING_DATA_URL"):
        datasets.fetch_files("resistinua")
    assert _cache_files(cache) == []


@pytest.mark.parametrize("name", ["available", "data_dir", "fetch", "fetch_files"], ids=str)
def test_docstrings_pass_numpydoc_validation(name):
    checked = {"GL08", "SS01", "SS02", "SS03", "SS04", "PR01", "PR02", "PR06", "PR07",
               "PR08", "PR09", "PR10", "RT01", "YD01", "SA04", "EX01"}  # fmt: skip
    result = validate(f"framing.datasets.{name}")
    problems = [(code, message) for code, message in result["errors"] if code in checked]
    assert problems == []


def test_importing_framing_does_not_import_pooch():
    import subprocess
    import sys

    code = "import sys, framing, framing.datasets; print('pooch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


# --- downloads from a local server ----------------------------------------------------


@pytest.mark.realdata
def test_fetch_downloads_checks_the_hash_and_reads_the_corpus(mirror, cache, capsys):
    corpus = datasets.fetch("nyt_guardian", base_url=mirror.url)
    assert len(corpus) == 407
    assert corpus["outlet"].value_counts().to_dict() == {
        "The New York Times": 219,
        "The Guardian": 188,
    }
    framing.validate_corpus(corpus)
    assert mirror.requests == [
        "/nyt_guardian/Guardians_Russia_Ukraine.csv",
        "/nyt_guardian/NYT_Russia_Ukraine.csv",
    ]
    assert _cache_files(cache) == [
        "nyt_guardian/Guardians_Russia_Ukraine.csv",
        "nyt_guardian/NYT_Russia_Ukraine.csv",
    ]
    printed = capsys.readouterr().out
    assert "Licence: CC BY-NC-SA 4.0" in printed and "Attribution:" in printed


@pytest.mark.realdata
def test_a_second_fetch_uses_the_cache_without_the_network(mirror, cache, monkeypatch):
    first = datasets.fetch_files("resistinua", base_url=mirror.url)
    assert len(mirror.requests) == 1
    mirror.close()  # no server any more: a download would fail
    monkeypatch.setenv(datasets.DATA_URL_ENV, mirror.url)
    corpus = datasets.fetch("resistinua")
    assert len(corpus) == 364
    assert (corpus["outlet"] == "Ukrainian officials").all()
    assert datasets.fetch_files("resistinua") == first
    assert len(mirror.requests) == 1


@pytest.mark.realdata
def test_a_wrong_hash_is_a_clear_error_and_leaves_nothing(mirror, cache, monkeypatch):
    _with_hash(monkeypatch, "resistinua", "0" * 64)
    with pytest.raises(framing.DatasetError) as caught:
        datasets.fetch("resistinua", base_url=mirror.url)
    message = str(caught.value)
    assert "'resistinua'" in message
    assert f"expected sha256:{'0' * 64}" in message
    assert "got sha256:8345f63be05404d9" in message  # the shared copy's real hash
    assert isinstance(caught.value, framing.FramingError)
    assert _cache_files(cache) == []  # no partial file, no temporary file


@pytest.mark.realdata
def test_a_changed_cached_file_is_downloaded_again(mirror, cache):
    (path,) = datasets.fetch_files("resistinua", base_url=mirror.url)
    path.write_bytes(b"tampered")
    datasets.fetch_files("resistinua", base_url=mirror.url)
    assert len(mirror.requests) == 2
    assert _fetch._sha256(path) == datasets.DATASETS["resistinua"].files[0].sha256


def test_a_failed_download_is_a_dataset_error(cache, tmp_path):
    server = _Server(tmp_path / "empty")  # answers 404 for everything
    try:
        with pytest.raises(framing.DatasetError, match="Could not download"):
            datasets.fetch_files("resistinua", base_url=server.url)
    finally:
        server.close()
    assert _cache_files(cache) == []


@pytest.mark.realdata
def test_a_zipped_source_is_extracted_and_its_member_checked(
    shared_data, cache, tmp_path, monkeypatch
):
    # The public RUWA is a zip archive: serve one made here from the shared copy.
    served = tmp_path / "served"
    served.mkdir()
    with zipfile.ZipFile(served / "RUWA_01.08.23.csv.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.write(shared_data / "ruwa" / "RUWA_04.08.23.csv", "RUWA_04.08.23.csv")
    server = _Server(served)
    try:
        dataset = datasets.DATASETS["ruwa"]
        (file,) = dataset.files
        local = replace(file, url=f"{server.url}/RUWA_01.08.23.csv.zip")
        monkeypatch.setitem(datasets.DATASETS, "ruwa", replace(dataset, files=(local,)))
        (path,) = datasets.fetch_files("ruwa")
        assert _cache_files(cache) == ["ruwa/RUWA_04.08.23.csv"]  # the archive is gone
        assert _fetch._sha256(path) == file.sha256
        datasets.fetch_files("ruwa")
        assert server.requests == ["/RUWA_01.08.23.csv.zip"]  # the second call: cached

        path.unlink()
        _with_hash(monkeypatch, "ruwa", "f" * 64)
        with pytest.raises(framing.DatasetError, match=r"expected sha256:f{64}, got sha256:7f"):
            datasets.fetch_files("ruwa")
        assert _cache_files(cache) == []
    finally:
        server.close()


@pytest.mark.realdata
def test_a_file_url_mirror_works_too(shared_data, cache):
    paths = datasets.fetch_files("resistinua", base_url=shared_data.as_uri())
    assert [p.name for p in paths] == ["resistinua_messages_en.jsonl"]


# --- the figures job on a fetched corpus ----------------------------------------------


def _stub_notebook(path: Path) -> Path:
    """A paper-figures stand-in: writes what it was given (corpus size, fields)."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    parameters = nbformat.v4.new_code_cell(
        'corpus_path = None\nfields = ["title", "text"]\noutput = "figures"\n'
        "lexicons = None\noutlets = None\nevents = None\nperiod = 'M'\nformats = []"
    )
    parameters.metadata["tags"] = ["parameters"]
    body = nbformat.v4.new_code_cell(
        "import json, pathlib, framing\n"
        "corpus = framing.read_corpus(corpus_path)\n"
        "pathlib.Path(output, 'run.json').write_text(json.dumps("
        "{'documents': len(corpus), 'fields': list(fields)}))"
    )
    notebook.cells = [parameters, body]
    nbformat.write(notebook, path)
    return path


@pytest.mark.realdata
@pytest.mark.notebook
def test_framing_figures_corpus_name_fetches_the_dataset(mirror, cache, tmp_path, monkeypatch):
    import json

    from framing._figures_job import dataset_name
    from framing.cli import main

    assert dataset_name("ruwa") == "ruwa" and dataset_name("articles/") is None
    monkeypatch.setenv(datasets.DATA_URL_ENV, mirror.url)
    monkeypatch.setenv("PYTHONHASHSEED", "0")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stub = _stub_notebook(tmp_path / "stub.ipynb")
    output = tmp_path / "out" / "figures"
    code = main(
        ["figures", "--corpus", "resistinua", "--output", str(output), "--notebook", str(stub)]
    )
    assert code == 0
    assert json.loads((output / "run.json").read_text()) == {
        "documents": 364,
        "fields": ["title", "text"],
    }
    # The fetched corpus is written beside the executed notebook, not into the output.
    assert (tmp_path / "out" / "build" / "resistinua.parquet").is_file()
    assert mirror.requests == ["/resistinua/resistinua_messages_en.jsonl"]
