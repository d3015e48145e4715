import pandas as pd
import pytest

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
