import pandas as pd
import pytest

from framing.corpus.schema import (
    CORPUS_COLUMNS,
    CorpusError,
    conform,
    empty_corpus,
    validate_corpus,
)


def _corpus(**overrides):
    data = {
        "doc_id": ["a", "b"],
        "outlet": ["RT", "Reuters"],
        "published": ["2022-03-02T16:45+0000", "2022-03-03"],
        "title": ["Kiev", "Kyiv"],
        "text": ["one", "two"],
    }
    data.update(overrides)
    return conform(pd.DataFrame(data))


def test_conform_gives_every_corpus_column_in_order_and_dtype():
    corpus = _corpus()
    assert list(corpus.columns[: len(CORPUS_COLUMNS)]) == list(CORPUS_COLUMNS)
    assert str(corpus["published"].dtype) == "datetime64[ns, UTC]"
    assert isinstance(corpus["title"].dtype, pd.StringDtype)
    assert corpus["tags"].tolist() == [[], []]
    assert corpus["url"].isna().all()
    assert corpus["published"].iloc[0] == pd.Timestamp("2022-03-02 16:45", tz="UTC")


def test_conform_keeps_extra_columns_after_the_corpus_columns():
    corpus = _corpus(event=["bucha", "beginning"])
    assert corpus.columns[-1] == "event"


def test_validate_returns_the_same_frame():
    corpus = _corpus()
    assert validate_corpus(corpus) is corpus


def test_empty_corpus_validates():
    assert len(validate_corpus(empty_corpus())) == 0


def test_missing_required_column_is_named():
    frame = _corpus().drop(columns=["text"])
    with pytest.raises(CorpusError, match=r"lacks the column\(s\) \['text'\]"):
        validate_corpus(frame)


def test_wrong_dtype_is_named_with_the_expected_one():
    frame = _corpus()
    frame["published"] = frame["published"].dt.tz_localize(None)
    with pytest.raises(CorpusError, match=r"'published' has dtype datetime64\[ns\]; expected"):
        validate_corpus(frame)


def test_repeated_doc_id_is_an_error():
    frame = _corpus(doc_id=["a", "a"])
    with pytest.raises(CorpusError, match="repeats doc_id 'a'"):
        validate_corpus(frame)


def test_missing_doc_id_names_the_row():
    frame = _corpus(doc_id=["a", None])
    with pytest.raises(CorpusError, match="missing doc_id in row 1"):
        validate_corpus(frame)


@pytest.mark.parametrize(
    "cell, shown", [([1, 2], r"\[1, 2\]"), (("a",), r"\('a',\)"), ("a", "'a'"), (None, "None")]
)
def test_tags_must_be_lists_of_strings(cell, shown):
    frame = _corpus()
    frame["tags"] = pd.Series([[], cell], dtype=object)
    with pytest.raises(CorpusError, match=rf"'tags' holds {shown} in row 1"):
        validate_corpus(frame)


def test_tags_may_be_subclasses_of_list_and_str():
    class Tags(list):
        pass

    class Tag(str):
        pass

    frame = _corpus()
    frame["tags"] = pd.Series([Tags(["a"]), [Tag("b")]], dtype=object)
    assert validate_corpus(frame) is frame


def test_not_a_dataframe():
    with pytest.raises(CorpusError, match=r"must be a pandas DataFrame .*Got builtins\.list: read"):
        validate_corpus([1, 2])
