"""write_table: LaTeX that prints every character as itself and compiles; CSV, Parquet."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from _latex import ENGINE, NO_ENGINE, compile_table

import framing
from framing._export import LONGTABLE_ROWS, escape_latex, to_latex

REPO = Path(__file__).resolve().parents[1]
SPECIALS = '\\ & % $ # _ { } ~ ^ < > | "'


def test_every_special_character_is_escaped():
    escaped = escape_latex(SPECIALS)
    assert escaped == (
        r"\textbackslash{} \& \% \$ \# \_ \{ \} \textasciitilde{} \textasciicircum{} "
        r"\textless{} \textgreater{} \textbar{} " + '"'
    )
    # what is left are commands and braces around nothing
    assert not re.search(r"(?<!\\)[&%$#_^~]", escaped)


def test_a_caption_cannot_run_latex():
    latex = to_latex(pd.DataFrame({"a": [1]}), caption=r"\input{/etc/passwd} 95% war_name")
    assert r"\input{" not in latex
    assert r"\caption{\textbackslash{}input\{/etc/passwd\} 95\% war\_name}" in latex


def test_cells_and_headers_are_escaped_and_missing_values_print_as_dashes():
    table = pd.DataFrame(
        {"share_low": [0.25, np.nan], "term": ["war_name", None], "n": pd.array([1, None])}
    )
    latex = to_latex(table, float_format="%.2f")
    assert r"share\_low & term & n \\" in latex
    assert r"0.25 & war\_name & 1 \\" in latex
    assert r"-- & -- & -- \\" in latex
    assert r"\begin{tabular}{lll}" not in latex and r"\begin{tabular}{rlr}" in latex


def test_newlines_in_text_become_spaces():
    assert escape_latex("two\nlines") == "two lines"


def test_typographic_characters_get_their_latex_spelling():
    assert escape_latex("“Kiev” – ‘Kyiv’ … 10×") == r"``Kiev'' -- `Kyiv' \ldots{} 10\texttimes{}"


def test_long_tables_become_longtables_with_a_repeated_header():
    short = pd.DataFrame({"x": range(LONGTABLE_ROWS)})
    long = pd.DataFrame({"x": range(LONGTABLE_ROWS + 1)})
    assert r"\begin{table}" in to_latex(short)
    latex = to_latex(long, caption="Many rows")
    assert r"\begin{longtable}{r}" in latex and r"\begin{table}" not in latex
    assert r"\endhead" in latex and r"\endfirsthead" in latex
    assert latex.splitlines()[0].endswith(r"\usepackage{longtable} in the preamble.")
    assert r"\begin{table}" in to_latex(long, long=False)


def test_labels_default_to_the_file_stem_and_bad_labels_are_refused():
    assert r"\label{tab:table2_shares}" in to_latex(
        pd.DataFrame({"a": [1]}), caption="c", stem="table2_shares"
    )
    assert r"\label" not in to_latex(pd.DataFrame({"a": [1]}))
    with pytest.raises(ValueError, match="'label' parameter of write_table"):
        to_latex(pd.DataFrame({"a": [1]}), caption="c", label="tab:a}b")


def test_write_table_writes_escaped_latex_and_a_sidecar(tmp_path):
    table = pd.DataFrame({"term": ["=1+1", "war_name"], "z": [1.5, -2.25]})
    written = framing.write_table(
        table, tmp_path / "t", formats=["csv", "tex"], caption="95% of war_name"
    )
    assert [path.name for path in written] == ["t.csv", "t.tex", "t.json"]
    tex = (tmp_path / "t.tex").read_text()
    assert r"\caption{95\% of war\_name}" in tex and r"\label{tab:t}" in tex
    assert r"war\_name & -2.250 \\" in tex
    record = json.loads((tmp_path / "t.json").read_text())
    assert set(record["files"]) == {"t.csv", "t.tex"}


def test_write_table_is_byte_identical_when_rewritten(tmp_path):
    table = pd.DataFrame({"term": ["kyiv"] * 50, "z": np.linspace(0, 1, 50)})
    first = framing.write_table(table, tmp_path / "a.tex", caption="x")[0].read_bytes()
    second = framing.write_table(table, tmp_path / "a.tex", caption="x", overwrite=True)[
        0
    ].read_bytes()
    assert first == second


@pytest.mark.skipif(ENGINE is None, reason=NO_ENGINE)
def test_written_tables_compile_whatever_their_text(tmp_path):
    nasty = pd.DataFrame(
        {
            "term": [SPECIALS, "“Kiev” – Kyiv…", "line\nbreak", "Zaporizhzhia é"],
            "share": [0.5, np.nan, 1.0, 0.0],
            "count": [1, 2, 3, 4],
        }
    )
    short = framing.write_table(nasty, tmp_path / "short.tex", caption=SPECIALS, wrap=8)[0]
    long_table = pd.concat([nasty] * 30, ignore_index=True)
    long = framing.write_table(
        long_table, tmp_path / "long.tex", caption=r"\input{x}", fontsize="small", wrap=8
    )[0]
    for path in (short, long):
        compile_table(path, tmp_path / "build")


@pytest.mark.skipif(ENGINE is None, reason=NO_ENGINE)
@pytest.mark.parametrize("table", sorted((REPO / "figures").glob("*.tex")), ids=lambda p: p.name)
def test_every_table_of_the_main_job_compiles(table, tmp_path):
    # figures/ is what `framing figures --output figures` writes (re-running it leaves git
    # status clean); tests/test_notebooks.py compiles a fresh run's tables too.
    compile_table(table, tmp_path)


def test_long_text_and_long_headers_wrap_in_paragraph_columns():
    table = pd.DataFrame(
        {"concept": ["What the war is called, and more words"], "a header longer than twenty": [1]}
    )
    latex = to_latex(table, wrap=20)
    assert r"\begin{tabular}{>{\raggedright\arraybackslash}p{10em}>" in latex
    assert latex.splitlines()[0].endswith(r"\usepackage{array} in the preamble.")
    assert r"\begin{tabular}{lr}" in to_latex(table, wrap=None)


def test_fontsize_sets_the_type_size_inside_the_float_or_a_group():
    short = to_latex(pd.DataFrame({"a": [1]}), fontsize="small")
    assert "\\centering\n\\small\n" in short
    long = to_latex(pd.DataFrame({"a": range(50)}), fontsize="footnotesize")
    assert long.splitlines()[1] == r"\begingroup\footnotesize"
    assert long.splitlines()[-1] == r"\endgroup"
    with pytest.raises(ValueError, match="'fontsize' parameter of write_table"):
        to_latex(pd.DataFrame({"a": [1]}), fontsize="tiny")
    with pytest.raises(ValueError, match="'wrap' parameter of write_table"):
        to_latex(pd.DataFrame({"a": [1]}), wrap=2)
