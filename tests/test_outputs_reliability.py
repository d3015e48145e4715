"""Outputs a user can trust: never over an input, CSV safe for spreadsheets, the CLI's edges.

Regression tests for findings C3, M10, m6 and m11 of the adversarial review (issue 13).
"""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

import framing
from framing.cli import main

HOSTILE = ["=1+1", "@SUM(A1)", "=cmd|' /C calc'!A0", "\t=1+1", "+1", "-1", "Kyiv"]


def rows_of(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


# -- C3: outputs never replace inputs or existing files----------------------------------
def test_C3_write_table_never_overwrites_a_json_input_with_its_sidecar(tmp_path):
    articles = tmp_path / "articles.json"
    articles.write_text('[{"title": "A", "text": "Kiev"}]', encoding="utf-8")
    corpus = framing.read_corpus(articles)
    with pytest.raises(framing.OverwriteError, match="not a sidecar framing wrote"):
        framing.write_table(corpus, tmp_path / "articles.csv")
    with pytest.raises(framing.OverwriteError, match="not a sidecar framing wrote"):
        framing.write_table(corpus, tmp_path / "articles.csv", overwrite=True)
    assert json.loads(articles.read_text(encoding="utf-8")) == [{"title": "A", "text": "Kiev"}]
    assert not (tmp_path / "articles.csv").exists()


def test_C3_existing_outputs_are_replaced_only_with_overwrite(tmp_path):
    table = pd.DataFrame({"term": ["kiev"], "n": [1]})
    written = framing.write_table(table, tmp_path / "t.csv")
    with pytest.raises(framing.OverwriteError, match=r"t\.csv, which exists"):
        framing.write_table(table, tmp_path / "t.csv")
    assert framing.write_table(table, tmp_path / "t.csv", overwrite=True) == written
    corpus = framing.as_corpus(pd.DataFrame({"title": ["A"], "text": ["B"]}), outlet="X")
    framing.write_corpus(corpus, tmp_path / "c.parquet")
    with pytest.raises(framing.OverwriteError):
        framing.write_corpus(corpus, tmp_path / "c.parquet")
    framing.write_corpus(corpus, tmp_path / "c.parquet", overwrite=True)


def test_C3_save_figure_never_overwrites_a_json_file_of_the_users(tmp_path):
    import matplotlib.pyplot as plt

    (tmp_path / "results.json").write_text('{"mine": 1}', encoding="utf-8")
    fig, ax = plt.subplots()
    ax.plot([1, 2], [1, 2])
    try:
        with pytest.raises(framing.OverwriteError, match=r"results\.json"):
            framing.save_figure(fig, tmp_path / "results.pdf")
        assert not (tmp_path / "results.pdf").exists()
        framing.save_figure(fig, tmp_path / "other.pdf")
        with pytest.raises(framing.OverwriteError):
            framing.save_figure(fig, tmp_path / "other.pdf")
        framing.save_figure(fig, tmp_path / "other.pdf", overwrite=True)
    finally:
        plt.close(fig)
    assert json.loads((tmp_path / "results.json").read_text(encoding="utf-8")) == {"mine": 1}


def test_C3_the_command_line_refuses_to_replace_its_input(tmp_path, capsys):
    from framing.cli import main

    articles = tmp_path / "articles.json"
    articles.write_text('[{"title": "A", "text": "Kiev"}]', encoding="utf-8")
    before = articles.read_bytes()
    assert main(["read", str(articles), "-o", str(tmp_path / "articles.csv")]) == 2
    assert "input" in capsys.readouterr().err
    assert articles.read_bytes() == before
    corpus = tmp_path / "corpus.parquet"
    assert main(["read", str(articles), "-o", str(corpus)]) == 0
    saved = corpus.read_bytes()
    code = main(["match", str(corpus), "--lexicon", "ukraine_war", "-o", str(corpus)])
    assert code == 2 and corpus.read_bytes() == saved
    assert main(["read", str(articles), "-o", str(corpus)]) == 2  # exists: needs --force
    assert main(["read", str(articles), "-o", str(corpus), "--force"]) == 0


# -- M10: CSV a spreadsheet can open safely -------------------------------------------------
def test_M10_a_carriage_return_inside_a_cell_never_starts_a_row(tmp_path):
    table = pd.DataFrame({"outlet": ["Kyiv Post\r=2+5"], "n": [3]})
    framing.write_table(table, tmp_path / "t.csv")
    rows = rows_of(tmp_path / "t.csv")
    assert rows == [["outlet", "n"], ["Kyiv Post\r=2+5", "3"]]
    assert len(pd.read_csv(tmp_path / "t.csv")) == 1
    hits = pd.DataFrame({"matched": ["special military\roperation", "x\ny"], "start": [0, 5]})
    framing.write_table(hits, tmp_path / "hits.csv")
    assert len(rows_of(tmp_path / "hits.csv")) == 3


@pytest.mark.parametrize(
    "dtype",
    ["object", "string", "category", "arrow"],
)
def test_M10_every_text_column_is_escaped_whatever_its_dtype(tmp_path, dtype):
    values = pd.Series(HOSTILE)
    if dtype == "arrow":
        pa = pytest.importorskip("pyarrow")
        values = values.astype(pd.ArrowDtype(pa.string()))
    else:
        values = values.astype(dtype)
    framing.write_table(
        pd.DataFrame({"term": values, "n": range(len(HOSTILE))}), tmp_path / "t.csv"
    )
    cells = [row[0] for row in rows_of(tmp_path / "t.csv")[1:]]
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    assert cells[-1] == "Kyiv"
    numbers = [row[1] for row in rows_of(tmp_path / "t.csv")[1:]]
    assert numbers == [str(n) for n in range(len(HOSTILE))]  # numbers are not escaped


def test_M10_column_names_are_escaped(tmp_path):
    table = pd.DataFrame({'=HYPERLINK("http://evil.example","x")': ["a"], "-n": [1]})
    framing.write_table(table, tmp_path / "t.csv")
    header = rows_of(tmp_path / "t.csv")[0]
    assert header == ['\'=HYPERLINK("http://evil.example","x")', "'-n"]


def test_m6_the_command_line_reports_file_problems_without_a_traceback(tmp_path, capsys):
    source = tmp_path / "a.csv"
    source.write_text("title,text\nA,Kiev\n", encoding="utf-8")
    (tmp_path / "folder.csv").mkdir()
    assert main(["read", str(source), "-o", str(tmp_path / "folder.csv")]) == 2
    assert "folder" in capsys.readouterr().err
    assert main(["read", str(source), "-o", str(tmp_path / "out.txt")]) == 2  # before reading
    assert main(["lexicon", "check", str(tmp_path)]) == 1
    broken = tmp_path / "broken.csv"
    broken.write_text('a,b\n1,"2\n', encoding="utf-8")
    corpus = tmp_path / "c.parquet"
    assert main(["read", str(source), "-o", str(corpus)]) == 0
    assert main(["score", str(broken), str(corpus), "-o", str(tmp_path / "s.csv")]) == 1
    assert "broken.csv" in capsys.readouterr().err


def test_m6_hits_written_as_csv_read_back_with_their_ids(tmp_path):
    source = tmp_path / "a.csv"
    source.write_text("id,title,text,date\n-1,A,Kiev is a city,2022-03-02\n", encoding="utf-8")
    corpus = tmp_path / "c.parquet"
    assert main(["read", str(source), "--outlet", "X", "-o", str(corpus)]) == 0
    hits = tmp_path / "hits.csv"
    assert main(["match", str(corpus), "--lexicon", "ukraine_toponyms", "-o", str(hits)]) == 0
    assert "'-1" in hits.read_text(encoding="utf-8")
    scores = tmp_path / "scores.csv"
    code = main(["score", str(hits), str(corpus), "--n-boot", "10", "-o", str(scores)])
    assert code == 0


def test_csv_rows_end_in_crlf_and_read_back_identically(tmp_path):
    table = pd.DataFrame({"term": ["a\nb", "c"], "n": [1, 2]})
    framing.write_table(table, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_bytes().endswith(b"\r\n")
    back = pd.read_csv(io.StringIO((tmp_path / "t.csv").read_text(encoding="utf-8")))
    pd.testing.assert_frame_equal(back, table)
