"""Each command of the ``framing`` command line, run once, with its exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.cli import EXIT_BAD_INPUT, EXIT_LEXICON_PROBLEMS, EXIT_OK, EXIT_USAGE, main


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory) -> Path:
    """A small slice of the synthetic sample, written as the `read` command writes it."""
    path = tmp_path_factory.mktemp("cli") / "corpus.parquet"
    sample = framing.load_sample()
    framing.write_corpus(sample.groupby("outlet").head(30).reset_index(drop=True), path)
    return path


def test_read_writes_a_corpus_and_prints_the_load_report(fixtures, tmp_path, capsys):
    output = tmp_path / "corpus.parquet"
    code = main(
        ["read", str(fixtures / "corpus" / "example_news_two_documents.txt"), "-o", str(output)]
    )
    assert code == EXIT_OK
    assert "example_news_two_documents.txt" in capsys.readouterr().out
    corpus = framing.read_corpus(output)
    assert len(corpus) == 2
    framing.validate_corpus(corpus)


def test_read_with_errors_report_goes_past_a_bad_record(fixtures, tmp_path, capsys):
    source = fixtures / "corpus" / "no_headline_no_body.txt"
    assert main(["read", str(source)]) == EXIT_BAD_INPUT
    assert "no_headline_no_body.txt" in capsys.readouterr().err
    assert main(["read", str(source), "--errors", "report"]) == EXIT_OK


def test_read_maps_columns(tmp_path):
    source = tmp_path / "export.csv"
    pd.DataFrame(
        {"headlines": ["Kyiv today"], "articles": ["Text."], "published": ["2022/03/02"]}
    ).to_csv(source, index=False)
    output = tmp_path / "corpus.csv"
    code = main(
        [
            "read",
            str(source),
            "--column",
            "title=headlines",
            "--column",
            "text=articles",
            "--outlet",
            "Example Daily",
            "-o",
            str(output),
        ]
    )
    assert code == EXIT_OK
    written = pd.read_csv(output)
    assert written.loc[0, "title"] == "Kyiv today"
    assert written.loc[0, "outlet"] == "Example Daily"


def test_a_malformed_column_mapping_is_a_usage_error(tmp_path, capsys):
    source = tmp_path / "export.csv"
    source.write_text("title,text\nA,B\n")
    assert main(["read", str(source), "--column", "title"]) == EXIT_USAGE
    assert "CORPUS_COLUMN=SOURCE_COLUMN" in capsys.readouterr().err


def test_match_score_and_compare_chain_through_files(corpus_file, tmp_path):
    hits = tmp_path / "hits.parquet"
    scores = tmp_path / "scores.csv"
    comparison = tmp_path / "comparison.csv"
    assert (
        main(
            [
                "match",
                str(corpus_file),
                "--lexicon",
                "ukraine_war",
                "--workers",
                "1",
                "-o",
                str(hits),
            ]
        )
        == EXIT_OK
    )
    hits_table = pd.read_parquet(hits)
    assert len(hits_table) > 0
    assert {"doc_id", "start", "end", "matched", "voice", "outlet"} <= set(hits_table.columns)

    assert (
        main(
            [
                "score",
                str(hits),
                str(corpus_file),
                "--lexicon",
                "ukraine_war",
                "--n-boot",
                "50",
                "-o",
                str(scores),
            ]
        )
        == EXIT_OK
    )
    score_table = pd.read_csv(scores)
    assert {"outlet", "concept", "variant", "share_low", "share_high"} <= set(score_table.columns)
    # Scores count exactly the hits the match command wrote.
    assert score_table["count"].sum() == len(hits_table)
    sidecar = json.loads((tmp_path / "scores.json").read_text())
    assert sidecar["provenance"]["function"] == "score"
    assert sidecar["provenance"]["lexicon"]["name"] == "ukraine_war"

    assert main(["compare", str(corpus_file), "--min-count", "3", "-o", str(comparison)]) == 0
    comparison_table = pd.read_csv(comparison)
    assert {"term", "group", "log_odds", "z", "p_adjusted"} <= set(comparison_table.columns)


def test_csv_export_escapes_spreadsheet_formulas(tmp_path):
    source = tmp_path / "export.csv"
    pd.DataFrame(
        {
            "title": ['=HYPERLINK("http://evil.example")', "+1"],
            "text": ["a", "b"],
            "outlet": ["@x", "-y"],
        }
    ).to_csv(source, index=False)
    output = tmp_path / "corpus.csv"
    assert main(["read", str(source), "-o", str(output)]) == EXIT_OK
    written = pd.read_csv(output, dtype=str)
    assert written["title"].tolist() == ['\'=HYPERLINK("http://evil.example")', "'+1"]
    assert written["outlet"].tolist() == ["'@x", "'-y"]


def test_lexicon_check_exit_codes(tmp_path, capsys):
    assert main(["lexicon", "check", "ukraine_war"]) == EXIT_OK
    assert "ukraine_war" in capsys.readouterr().out
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "name: broken\nversion: '1'\nconcepts:\n  war_name:\n    variants:\n"
        "      a:\n        terms: [war]\n      b:\n        terms: [war]\n"
    )
    assert main(["lexicon", "check", str(broken)]) == EXIT_LEXICON_PROBLEMS


def test_missing_input_file_is_bad_input(tmp_path, capsys):
    assert (
        main(
            [
                "match",
                str(tmp_path / "nope.parquet"),
                "--lexicon",
                "ukraine_war",
                "-o",
                str(tmp_path / "hits.csv"),
            ]
        )
        == EXIT_BAD_INPUT
    )
    assert "nope.parquet" in capsys.readouterr().err


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == EXIT_USAGE
    assert "read" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["read", "match", "score", "compare", "kwic", "figures"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: framing" in capsys.readouterr().out


def test_the_installed_entry_point_runs():
    result = subprocess.run(
        [sys.executable, "-m", "framing", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"framing {framing.__version__}"


def test_a_library_error_is_bad_input_with_its_message_not_a_traceback(corpus_file, capsys):
    # compare_groups needs at least two groups; one outlet is a usage mistake of the data.
    code = main(["compare", str(corpus_file), "--by", "language", "-o", "/dev/null.csv"])
    assert code == EXIT_BAD_INPUT
    assert capsys.readouterr().err.startswith("framing compare: ")


def test_compare_stops_at_documents_without_a_group_unless_asked_to_leave_them_out(
    tmp_path, capsys
):
    corpus = framing.load_sample().groupby("outlet").head(30).reset_index(drop=True)
    corpus.loc[:9, "outlet"] = pd.NA
    path = tmp_path / "corpus.parquet"
    framing.write_corpus(corpus, path)
    output = tmp_path / "comparison.csv"
    assert main(["compare", str(path), "--min-count", "3", "-o", str(output)]) == EXIT_BAD_INPUT
    assert (
        main(["compare", str(path), "--min-count", "3", "--drop-missing-groups", "-o", str(output)])
        == EXIT_OK
    )
    assert "Left out 10 documents with no outlet." in capsys.readouterr().err
    assert output.exists()


def test_kwic_prints_hits_in_context_or_writes_them(corpus_file, tmp_path, capsys):
    code = main(
        [
            "kwic",
            str(corpus_file),
            "--lexicon",
            "ukraine_war",
            "--concept",
            "war_name",
            "--sample",
            "5",
            "--window",
            "4",
        ]
    )
    assert code == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["doc_id", "outlet", "published", "left"]
    assert lines[-1] == "5 hits" and all(" | " in line for line in lines[1:-1])
    page = tmp_path / "kwic.html"
    assert main(["kwic", str(corpus_file), "--lexicon", "ukraine_war", "-o", str(page)]) == 0
    assert 'class="framing-kwic"' in page.read_text(encoding="utf-8")
    hits = tmp_path / "hits.parquet"
    assert main(["match", str(corpus_file), "--lexicon", "ukraine_war", "-o", str(hits)]) == 0
    table = tmp_path / "kwic.csv"
    assert main(["kwic", str(corpus_file), "--hits", str(hits), "-o", str(table)]) == 0
    assert {"left", "match", "right", "voice"} <= set(pd.read_csv(table).columns)


def test_kwic_needs_hits_or_a_lexicon(corpus_file, capsys):
    assert main(["kwic", str(corpus_file)]) == EXIT_USAGE
    assert "--hits FILE, or --lexicon NAME" in capsys.readouterr().err


def test_a_repeated_lexicon_matches_each_and_scores_all_their_variants(corpus_file, tmp_path):
    hits = tmp_path / "hits.parquet"
    scores = tmp_path / "scores.csv"
    arguments = ["--lexicon", "ukraine_war", "--lexicon", "ukraine_toponyms"]
    assert main(["match", str(corpus_file), *arguments, "-o", str(hits)]) == EXIT_OK
    table = framing._export._read_parquet(hits)
    assert {"war_name", "kyiv"} <= set(table["concept"])
    war = framing.match(framing.read_corpus(corpus_file), framing.load_lexicon("ukraine_war"))
    assert (table["concept"] == "war_name").sum() == (war["concept"] == "war_name").sum()
    record = table.attrs["framing"]["lexicon"]
    assert record["name"] == "ukraine_war + ukraine_toponyms"
    assert [part["name"] for part in record["parts"]] == ["ukraine_war", "ukraine_toponyms"]
    assert main(["score", str(hits), str(corpus_file), *arguments, "-o", str(scores)]) == 0
    assert {"war_name", "kyiv"} <= set(pd.read_csv(scores)["concept"])


def test_lexicons_sharing_a_concept_are_refused_and_compare_takes_one(
    corpus_file, tmp_path, capsys
):
    lexicon = tmp_path / "mine.yaml"
    framing.Lexicon.from_dataframe(
        pd.DataFrame({"concept": ["war_name"], "variant": ["mine"], "term": ["conflict"]}),
        name="mine",
    ).to_yaml(lexicon)
    both = ["--lexicon", "ukraine_war", "--lexicon", str(lexicon)]
    code = main(["match", str(corpus_file), *both, "-o", str(tmp_path / "h.parquet")])
    assert code == EXIT_BAD_INPUT
    assert "both have the concept 'war_name'" in capsys.readouterr().err
    two = ["--lexicon", "ukraine_war", "--lexicon", "ukraine_toponyms"]
    code = main(["compare", str(corpus_file), *two, "-o", str(tmp_path / "c.csv")])
    assert code == EXIT_USAGE
    assert "compare takes one --lexicon (got 2)" in capsys.readouterr().err


def test_compare_takes_stop_words_and_min_df(corpus_file, tmp_path):
    output = tmp_path / "comparison.csv"
    arguments = ["compare", str(corpus_file), "--stop-words", "english", "--min-df", "2"]
    assert main([*arguments, "-o", str(output)]) == EXIT_OK
    terms = set(pd.read_csv(output)["term"])
    assert "the" not in terms and "of" not in terms
    words = tmp_path / "stop.txt"
    words.write_text("kyiv\nkiev\n", encoding="utf-8")
    arguments = ["compare", str(corpus_file), "--stop-words", str(words), "-o", str(output)]
    assert main([*arguments, "--force"]) == 0  # the first comparison.csv is replaced
    assert not {"kyiv", "kiev"} & set(pd.read_csv(output)["term"])


def test_figures_events_must_be_date_equals_label(capsys):
    from framing._cli_commands import _parse_events

    assert _parse_events(["2022-02-24=full-scale invasion"]) == {
        "2022-02-24": "full-scale invasion"
    }
    assert main(["figures", "--event", "soon=x", "--output", "/nonexistent"]) == EXIT_USAGE
    assert "--event takes DATE=LABEL" in capsys.readouterr().err


def test_read_takes_a_file_pattern(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "rt_20220302_kiev.txt").write_text("Title\nKiev\nyesterday\n", encoding="utf-8")
    output = tmp_path / "c.parquet"
    pattern = r"(?P<outlet>[^_]+)_(?P<published>\d{8})_"
    assert main(["read", str(folder), "--file-pattern", pattern, "-o", str(output)]) == 0
    corpus = framing.read_corpus(output)
    assert corpus[["outlet", "file"]].values.tolist() == [["rt", "rt_20220302_kiev.txt"]]
    assert corpus["text"].iloc[0] == "Kiev\nyesterday"
