"""The scraped-page dump format: values recognised by shape, one or many documents a file."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import framing
from framing.corpus.dumps import classify_value, iter_dump, parse_dump
from framing.corpus.schema import CorpusError


def test_seed_article_reads_as_one_document_with_every_field(seed_article):
    corpus = framing.read_corpus(seed_article)
    assert len(corpus) == 1
    row = corpus.iloc[0]
    assert row["title"] == "MoD: 498 Russian Servicemen Die During Special Operation in Ukraine"
    assert row["outlet"] == "Sputnik International"
    assert row["published"] == pd.Timestamp("2022-03-02 16:45", tz="UTC")
    assert row["author"] == "Tim Korso"
    assert row["section"] == "News"
    assert row["language"] == "en"
    assert {"russia", "ukraine"} <= set(row["tags"])
    assert row["text"].startswith("Russia's Defence Ministry")
    assert "line of duty. A further" in row["text"]
    assert row["title"] not in row["text"]  # the repeated headline is not body text
    assert row["date_source"] == "metadata"
    assert row["domain"] == "sputniknews.com"


def test_two_documents_in_one_file_keep_their_own_fields(fixtures):
    corpus = framing.read_corpus(fixtures / "corpus" / "example_news_two_documents.txt")
    assert corpus["title"].tolist() == [
        "Bridge Reopens After Repairs in Riverton",
        "Orchard Harvest Starts Early",
    ]
    first, second = corpus.iloc[0], corpus.iloc[1]
    assert first["outlet"] == "Example News"  # from the publisher line
    assert first["description"].endswith("Engineers worked...")  # "DD.MM.YYYY, Outlet" cut
    assert first["published"] == pd.Timestamp("2022-04-05 09:30", tz="UTC")
    assert first["modified"] == pd.Timestamp("2022-04-05 11:02", tz="UTC")
    assert first["tags"] == ["infrastructure", "riverton", "transport"]
    assert first["author"] == "Jane Placeholder"
    assert first["section"] == "Local"
    assert "repairs. Engineers replaced" in first["text"]
    assert "e.g. for lorries over 7.5 tonnes" in first["text"]
    assert second["tags"] == ["fruit"]
    assert second["section"] is pd.NA and second["author"] is pd.NA
    assert corpus["source"].tolist()[1].endswith("example_news_two_documents.txt, line 43")


def test_values_are_recognised_by_shape_when_fields_are_missing_and_reordered(fixtures):
    corpus = framing.read_corpus(fixtures / "corpus" / "shuffled_fields.txt")
    row = corpus.iloc[0]
    assert row["title"] == "Invented Story About a Harbour"
    assert row["language"] == "en" and row["section"] == "Business"
    assert row["author"] == "Sam Example"
    assert row["outlet"] == "RT"  # no publisher line: the URL's domain through the registry
    assert row["text"] == (
        "The harbour authority said on Sunday that the new crane was ready. It can lift 60 tonnes."
    )


def test_repair_false_keeps_the_body_as_written(seed_article):
    corpus = framing.read_corpus(seed_article, repair=False)
    assert "line of duty.A further" in corpus["text"].iloc[0]


def test_document_without_headline_or_body_names_file_and_line(fixtures):
    path = fixtures / "corpus" / "no_headline_no_body.txt"
    with pytest.raises(
        CorpusError,
        match=r"no_headline_no_body\.txt, line 1: the document has no headline and no body",
    ):
        framing.read_corpus(path)
    corpus = framing.read_corpus(path, errors="report")
    assert len(corpus) == 0
    assert framing.load_report(corpus).skipped["record"].tolist() == ["line 1"]


def test_text_before_the_first_header_is_reported(fixtures):
    path = fixtures / "corpus" / "text_before_header.txt"
    with pytest.raises(
        CorpusError,
        match=r"text_before_header\.txt, line 1: expected a header line ' date YYYY-MM-DD URL'",
    ):
        framing.read_corpus(path, format="dump")
    corpus = framing.read_corpus(path, format="dump", errors="report")
    assert corpus["title"].tolist() == ["A Title"]


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("2022-03-02T16:45+0000", "timestamp"),
        ("/html/head/meta[@name='og:title']/@content", "xpath"),
        ("1920 1080 true", "image_size"),
        ("en_EN", "locale"),
        ("2022", "year"),
        ("https://img.example.org/a.jpg", "url"),
        ("Example News desk@example.org +100 Example Group", "publisher"),
        ("Jane Doe https://img.example.org/jane.jpg", "author"),
        ("A summary of the story... 02.03.2022, Example News", "description"),
        ("war, peace", "keywords"),
        ("situation in riverton", "tag"),
        ("Bridge Reopens", "text"),
    ],
)
def test_classify_value_recognises_each_shape(value, kind):
    assert classify_value(value) == kind


def test_parse_dump_reads_text_without_a_file():
    text = " date 2022-03-02 https://example.org/x\n\nHeadline\n\nBody text.More.\n"
    assert parse_dump(text)[0]["text"] == "Body text.More."


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                " date 2022-03-02 http://x.org/y",
                "",
                "Headline",
                "en_EN",
                "a b",
                "x@y.org",
                "2022-03-02T16:45+0000",
                "Long body.Text here.",
                "\x00",
                " date 2022-13-45 u",
            ]
        )
        | st.text(max_size=30),
        max_size=25,
    ).map("\n".join)
)
# A form feed before a line end is two line ends, as str.splitlines reads it (CI found it).
@example(text=" date 2022-03-02 http://x.org/y\nHeadline\n0\x0c\nHeadline")
def test_dump_reader_raises_only_corpus_error_and_accounts_for_every_document(
    tmp_path_factory, text
):
    path = tmp_path_factory.mktemp("dump") / "arbitrary.txt"
    path.write_text(text, encoding="utf-8")
    documents = sum(1 for item in iter_dump(text.splitlines()) if item.fields is not None)
    problems = sum(1 for item in iter_dump(text.splitlines()) if item.fields is None)
    try:
        corpus = framing.read_corpus(path, format="dump", errors="report")
    except CorpusError:
        return  # e.g. an empty file: a documented error
    report = framing.load_report(corpus)
    whole_file = report.skipped["record"] == "whole file"
    if whole_file.any():  # an empty or binary file: no document was read from it
        assert len(corpus) == 0 and report.summary["read"].sum() == 0
        return
    assert len(corpus) == documents
    assert report.summary["read"].sum() == len(corpus) + len(report.skipped)
    assert len(report.skipped) == problems


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_parse_dump_raises_nothing_but_corpus_error_on_any_text(text):
    try:
        parse_dump(text)
    except CorpusError:
        pass
