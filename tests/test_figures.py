"""save_figure: byte-identical files, provenance in the metadata and in a JSON sidecar."""

from __future__ import annotations

import hashlib
import json
import os
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from PIL import Image

import framing
from framing.figures import save_figure

PROVENANCE = {
    "package": "framing",
    "version": "0.1.0",
    "corpus": {"fingerprint": "sha256:0123456789abcdef", "documents": 6},
    "lexicon": {"name": "ukraine_war", "version": "1.0", "hash": "sha256:feedbeef"},
    "function": "score",
    "parameters": {"by": ["outlet"], "seed": 0},
}

# A figure with text, a legend, clipping, filled areas and hatching: everything that has
# given matplotlib output random ids or timestamps at one time or another.
MAKE_FIGURE = textwrap.dedent(
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd

    import framing.plot

    def make_figure():
        scores = pd.DataFrame({
            "outlet": ["Daily Planet", "Daily Planet", "Kremlin Wire", "Kremlin Wire"],
            "concept": "capital", "variant": ["Kyiv", "Kiev"] * 2,
            "count": [18, 2, 1, 19],
            "share": [0.9, 0.1, 0.05, 0.95],
            "share_low": [0.75, 0.0, 0.0, 0.85], "share_high": [1.0, 0.25, 0.15, 1.0]})
        scores.attrs["framing"] = {PROVENANCE!r}
        with framing.plot.style("paper"):
            ax = framing.plot.shares(scores, concept="capital", caption=True)
            ax.fill_between([0, 1], [0, 0], [1, 1], hatch="//", alpha=0.1)
            ax.set_title("Kyiv or Kiev? – “quoted”")
        return ax.figure
    """
).replace("{PROVENANCE!r}", repr(PROVENANCE))


def _make_figure():
    namespace: dict = {}
    exec(MAKE_FIGURE, namespace)  # the same code the subprocess runs
    return namespace["make_figure"]()


@pytest.fixture(autouse=True)
def _no_build_date(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    yield
    plt.close("all")


def _digests(paths):
    return {Path(path).name: hashlib.sha256(Path(path).read_bytes()).hexdigest() for path in paths}


def test_the_same_figure_saved_twice_has_the_same_bytes(tmp_path):
    first = save_figure(_make_figure(), tmp_path / "a" / "figure", formats=["pdf", "svg", "png"])
    second = save_figure(_make_figure(), tmp_path / "b" / "figure", formats=["pdf", "svg", "png"])
    assert [path.name for path in first] == [
        "figure.pdf",
        "figure.svg",
        "figure.png",
        "figure.json",
    ]
    assert _digests(first) == _digests(second)


@pytest.mark.slow
def test_the_same_figure_made_in_other_processes_has_the_same_bytes(tmp_path):
    script = MAKE_FIGURE + textwrap.dedent(
        """
        import sys
        from framing import save_figure
        save_figure(make_figure(), sys.argv[1], formats=["pdf", "svg", "png"])
        """
    )
    digests = []
    for run, seed in enumerate(["1", "2"]):
        environment = {**os.environ, "PYTHONHASHSEED": seed, "MPLBACKEND": "Agg"}
        environment.pop("SOURCE_DATE_EPOCH", None)
        target = tmp_path / f"run{run}" / "figure"
        subprocess.run(
            [sys.executable, "-c", script, str(target)], check=True, env=environment, timeout=120
        )
        digests.append(_digests(sorted(target.parent.iterdir())))
    assert digests[0] == digests[1]
    assert len(digests[0]) == 4
    in_this_process = save_figure(
        _make_figure(), tmp_path / "here" / "figure", formats=["pdf", "svg", "png"]
    )
    assert _digests(in_this_process) == digests[0]


def test_files_carry_no_date_without_source_date_epoch(tmp_path):
    pdf, svg, _, _ = save_figure(_make_figure(), tmp_path / "f", formats=["pdf", "svg", "png"])
    assert b"CreationDate" not in pdf.read_bytes()
    assert b"ModDate" not in pdf.read_bytes()
    assert "<dc:date>" not in svg.read_text(encoding="utf-8")


def test_source_date_epoch_sets_the_date_of_every_file(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pdf, svg, sidecar = save_figure(_make_figure(), tmp_path / "f", formats=["pdf", "svg"])
    assert b"/CreationDate (D:20231114221320Z)" in pdf.read_bytes()
    assert "<dc:date>2023-11-14T22:13:20+00:00</dc:date>" in svg.read_text(encoding="utf-8")
    assert json.loads(sidecar.read_text())["date"] == "2023-11-14T22:13:20+00:00"


def test_a_bad_source_date_epoch_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ValueError, match=r"SOURCE_DATE_EPOCH .* Got 'yesterday' instead"):
        save_figure(_make_figure(), tmp_path / "f.png")


def test_provenance_of_the_charted_table_is_in_every_file_and_the_sidecar(tmp_path):
    pdf, svg, png, sidecar = save_figure(
        _make_figure(), tmp_path / "f", formats=["pdf", "svg", "png"]
    )
    record = json.loads(sidecar.read_text(encoding="utf-8"))
    assert record["provenance"] == PROVENANCE
    assert record["framing"] == framing.figures.package_version()
    assert record["matplotlib"] == mpl.__version__
    compact = json.dumps(
        {k: record[k] for k in ("framing", "matplotlib", "provenance")},
        sort_keys=True,
        separators=(",", ":"),
    )
    assert f"/Keywords ({compact})".encode() in pdf.read_bytes()
    assert f"<dc:description>{compact}</dc:description>" in svg.read_text(encoding="utf-8")
    assert json.loads(Image.open(png).info["Description"]) == json.loads(compact)


def test_sidecar_lists_each_file_with_its_hash_and_sorted_keys(tmp_path):
    written = save_figure(_make_figure(), tmp_path / "figure.svg")
    svg, sidecar = written
    assert sidecar.name == "figure.json"
    text = sidecar.read_text(encoding="utf-8")
    record = json.loads(text)
    assert record["files"] == {
        "figure.svg": "sha256:" + hashlib.sha256(svg.read_bytes()).hexdigest()
    }
    assert text == json.dumps(record, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_provenance_given_explicitly_wins(tmp_path):
    *_, sidecar = save_figure(_make_figure(), tmp_path / "f.png", provenance={"note": "hand-made"})
    assert json.loads(sidecar.read_text())["provenance"] == {"note": "hand-made"}


def test_provenance_of_several_tables_is_a_list(tmp_path):
    first = pd.DataFrame({"x": [1]})
    first.attrs["framing"] = {"function": "score"}
    second = pd.DataFrame({"x": [1]})
    second.attrs["framing"] = {"function": "compare_groups"}
    figure, _ = plt.subplots()
    *_, sidecar = save_figure(figure, tmp_path / "f.png", table=[first, second])
    assert json.loads(sidecar.read_text())["provenance"] == [
        {"function": "score"},
        {"function": "compare_groups"},
    ]


def _png_chunks(path: Path) -> list[bytes]:
    data = path.read_bytes()
    position, chunks = 8, []
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        chunks.append(data[position + 4 : position + 8])
        position += 12 + length
    return chunks


def test_png_has_no_time_chunk_and_a_fixed_software_entry(tmp_path):
    png, _ = save_figure(_make_figure(), tmp_path / "f.png")
    assert b"tIME" not in _png_chunks(png)
    software = Image.open(png).info["Software"]
    assert software == f"framing {framing.figures.package_version()} (matplotlib {mpl.__version__})"


def test_save_figure_leaves_matplotlib_settings_unchanged(tmp_path):
    before = dict(mpl.rcParams)
    save_figure(_make_figure(), tmp_path / "f", formats="svg")
    assert dict(mpl.rcParams) == before


def test_format_comes_from_the_suffix_or_is_required(tmp_path):
    figure, _ = plt.subplots()
    with pytest.raises(ValueError, match="chosen by the path's suffix or the 'formats' parameter"):
        save_figure(figure, tmp_path / "figure.jpg")


def test_unknown_formats_are_named(tmp_path):
    figure, _ = plt.subplots()
    with pytest.raises(
        ValueError, match=r"must list formats among \['pdf', 'svg', 'png'\]. Got 'eps'"
    ):
        save_figure(figure, tmp_path / "figure", formats=["pdf", "eps"])


def test_an_axes_is_refused_with_a_hint(tmp_path):
    _, ax = plt.subplots()
    with pytest.raises(
        TypeError, match=r"must be a matplotlib Figure \(for an Axes, pass ax.figure\)"
    ):
        save_figure(ax, tmp_path / "figure.pdf")


def test_save_figure_is_public_api_of_the_package():
    assert framing.save_figure is save_figure
    assert "save_figure" in framing.__all__
