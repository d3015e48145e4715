from datetime import datetime

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import Lexicon
from framing.provenance import corpus_fingerprint, package_version, provenance, stamp


def _corpus(texts):
    return pd.DataFrame({"doc_id": [str(i) for i in range(len(texts))], "text": texts})


def test_fingerprint_changes_with_any_text():
    assert corpus_fingerprint(_corpus(["Kiev", "Kyiv"])) != corpus_fingerprint(
        _corpus(["Kiev", "Kyiv "])
    )


def test_fingerprint_ignores_dtypes():
    plain = _corpus(["Kiev", "Kyiv"])
    typed = plain.astype("string")
    assert corpus_fingerprint(plain) == corpus_fingerprint(typed)


def test_fingerprint_separates_fields():
    # Without a separator "ab" + "c" and "a" + "bc" would hash alike.
    assert corpus_fingerprint(_corpus(["ab", "c"])) != corpus_fingerprint(_corpus(["a", "bc"]))


def test_stamp_records_version_corpus_lexicon_and_parameters():
    lexicon = Lexicon.from_dataframe(
        pd.DataFrame({"concept": ["c"], "variant": ["v"], "term": ["Kiev"]}), name="x", version="2"
    )
    corpus = _corpus(["Kiev"])
    table = stamp(
        pd.DataFrame(),
        function="match",
        corpus=corpus,
        lexicon=lexicon,
        parameters={"fields": ("title", "text")},
    )
    record = provenance(table)
    assert record["version"] == package_version()
    assert record["corpus"] == {"fingerprint": corpus_fingerprint(corpus), "documents": 1}
    assert record["lexicon"]["name"] == "x" and record["lexicon"]["version"] == "2"
    assert record["lexicon"]["hash"] == lexicon.fingerprint()
    assert record["parameters"] == {"fields": ["title", "text"]}


def test_stamp_inherits_corpus_and_lexicon_from_an_input_table():
    corpus = _corpus(["Kiev"])
    hits = stamp(pd.DataFrame(), function="match", corpus=corpus)
    scores = stamp(pd.DataFrame(), function="score", inherit=hits, parameters={"by": "outlet"})
    assert provenance(scores)["corpus"] == provenance(hits)["corpus"]
    assert provenance(scores)["inputs"]["function"] == "match"


def test_the_installed_distribution_has_the_package_version():
    from importlib.metadata import PackageNotFoundError, version

    import framing

    try:
        installed = version("framing-kit")
    except PackageNotFoundError:
        pytest.skip("framing-kit is not installed (running from a source tree)")
    assert installed == framing.__version__ == package_version()


# -- the fast fingerprint against the reference: one hashlib update per value ------------
def _reference_fingerprint(corpus: pd.DataFrame) -> str:
    """The fingerprint as first written: a hashlib call per value and separator."""
    import hashlib

    def strings(values):
        digest = hashlib.sha256()
        for value in values:
            text = "" if value is None or value is pd.NA or value != value else str(value)
            digest.update(text.encode("utf-8", "surrogatepass"))
            digest.update(b"\x1f")
        return digest.hexdigest()

    digest = hashlib.sha256()
    for column in ("doc_id", "outlet", "published", "title", "text"):
        if column not in corpus.columns:
            continue
        values = corpus[column]
        if column == "published":
            values = values.map(lambda v: "" if pd.isna(v) else pd.Timestamp(v).isoformat())
        digest.update(column.encode())
        digest.update(strings(values).encode())
    return "sha256:" + digest.hexdigest()


@settings(max_examples=150, deadline=None)
@given(
    texts=st.lists(st.none() | st.text(max_size=12) | st.floats(allow_nan=True), max_size=12),
    dates=st.lists(
        st.none() | st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2030, 1, 1)),
        max_size=12,
    ),
    as_string=st.booleans(),
)
def test_the_fingerprint_equals_the_reference_per_value_hashing(texts, dates, as_string):
    n = min(len(texts), len(dates))
    frame = pd.DataFrame(
        {
            "doc_id": [str(i) for i in range(n)],
            "published": pd.to_datetime(pd.Series(dates[:n], dtype=object), utc=True),
            "text": pd.Series(texts[:n], dtype=object),
        }
    )
    if as_string:
        frame["text"] = frame["text"].map(lambda v: v if isinstance(v, str) else None)
        frame = frame.astype({"doc_id": "string", "text": "string"})
    assert corpus_fingerprint(frame) == _reference_fingerprint(frame)


def test_the_sample_fingerprint_equals_the_reference():
    import framing

    corpus = framing.load_sample()
    assert corpus_fingerprint(corpus) == _reference_fingerprint(corpus)


@settings(max_examples=100, deadline=None)
@given(
    texts=st.lists(st.none() | st.text(min_size=200, max_size=700), max_size=8),
    first=st.integers(0, 3),
)
def test_long_texts_stored_by_arrow_are_hashed_where_arrow_keeps_them(texts, first):
    # Long values take the path that reads Arrow's buffers (provenance._hash_arrow_strings);
    # a slice of a column starts at an offset into them.
    frame = pd.DataFrame(
        {
            "doc_id": [str(i) for i in range(len(texts))],
            "text": pd.Series(texts, dtype=pd.StringDtype("pyarrow")),
        }
    ).iloc[first:]
    assert corpus_fingerprint(frame) == _reference_fingerprint(frame)
    assert corpus_fingerprint(frame) == corpus_fingerprint(frame.astype({"text": object}))


def test_a_column_stored_by_arrow_is_hashed_once_until_a_value_changes(monkeypatch):
    import gc
    import importlib

    # By module path: framing's __init__ binds the name "provenance" to a function.
    module = importlib.import_module("framing.provenance")
    calls = []
    real = module._hash_arrow_strings
    monkeypatch.setattr(
        module, "_hash_arrow_strings", lambda values: calls.append(1) or real(values)
    )
    frame = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": pd.Series(["Kyiv " * 80, "Kiev " * 90, None], dtype=pd.StringDtype("pyarrow")),
        }
    )
    first = corpus_fingerprint(frame)
    hashed = len(calls)
    assert corpus_fingerprint(frame) == first
    assert len(calls) == hashed  # the texts (and ids) came from the cache
    frame.loc[0, "text"] = "Kharkiv " * 80  # pandas gives the column new Arrow data
    changed = corpus_fingerprint(frame)
    assert changed != first
    assert changed == _reference_fingerprint(frame)
    entries = len(module._ARROW_DIGESTS)
    del frame
    gc.collect()
    assert len(module._ARROW_DIGESTS) < entries  # the entries go with the data
