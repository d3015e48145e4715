"""framing: media-framing analysis for pandas.

The pipeline, one function per stage, each taking and returning tidy DataFrames::

    corpus = framing.read_corpus("articles/")           # one row a document
    lexicon = framing.load_lexicon("ukraine_war")        # concepts → variants → terms
    hits = framing.match(corpus, lexicon)                # one row a match, with offsets
    scores = framing.score(hits, corpus, by="outlet")    # counts, rates, shares with CIs

Its public names load on first use (PEP 562, as SciPy and scikit-image do): ``import
framing`` costs a few milliseconds, and a worker process of ``match`` that imports
:mod:`framing._match_worker` loads numpy, the engine and the voice rules, not pandas,
matplotlib or SciPy. ``from framing import match``, ``framing.match`` and tab completion
work as with eager imports.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from framing._version import __version__

# Imported now, not lazily: its name is also a module's, and importing the module
# framing.provenance (as the stages do) would otherwise make ``framing.provenance`` the
# module instead of the function. It imports no pandas until it is called.
from framing.provenance import provenance

# public name -> the module that defines it
_LAZY: dict[str, str] = {
    "write_table": "framing._export",
    "lemmatise": "framing._tokens",
    "stop_words": "framing._tokens",
    "RuleAudit": "framing.audit",
    "audit_rules": "framing.audit",
    "CodingError": "framing.coding",
    "adjusted_counts": "framing.coding",
    "agreement": "framing.coding",
    "coding_sheet": "framing.coding",
    "precision": "framing.coding",
    "read_coding_sheet": "framing.coding",
    "recall": "framing.coding",
    "recall_sheet": "framing.coding",
    "write_coding_sheet": "framing.coding",
    "compare_groups": "framing.comparison",
    "kwic": "framing.concordance",
    "CORPUS_COLUMNS": "framing.corpus",
    "CorpusError": "framing.corpus",
    "validate_corpus": "framing.corpus",
    "LoadReport": "framing.corpus._report",
    "load_report": "framing.corpus._report",
    "CorpusCheck": "framing.corpus.check",
    "check_corpus": "framing.corpus.check",
    "concat": "framing.corpus.concat",
    "deduplicate": "framing.corpus.dedup",
    "as_corpus": "framing.corpus.readers",
    "iter_corpus": "framing.corpus.readers",
    "read_corpus": "framing.corpus.readers",
    "write_corpus": "framing.corpus.readers",
    "load_sample": "framing.datasets",
    "collocations": "framing.discovery",
    "suggest_terms": "framing.discovery",
    "read_corpus_dask": "framing.distributed",
    "DatasetError": "framing.errors",
    "FramingError": "framing.errors",
    "FramingWarning": "framing.errors",
    "OverwriteError": "framing.errors",
    "ParameterError": "framing.errors",
    "RecordError": "framing.errors",
    "TermError": "framing.errors",
    "save_figure": "framing.figures",
    "Concept": "framing.lexicon",
    "Condition": "framing.lexicon",
    "Context": "framing.lexicon",
    "Exclusion": "framing.lexicon",
    "Lexicon": "framing.lexicon",
    "LexiconCheck": "framing.lexicon",
    "LexiconError": "framing.lexicon",
    "LexiconWarning": "framing.lexicon",
    "Term": "framing.lexicon",
    "Variant": "framing.lexicon",
    "check_lexicon": "framing.lexicon",
    "lexicons": "framing.lexicon",
    "load_lexicon": "framing.lexicon",
    "read_lexicon": "framing.lexicon",
    "write_lexicon": "framing.lexicon",
    # Deprecated spellings of read_lexicon and write_lexicon, kept one release (they warn).
    "read_dictionary": "framing.lexicon",
    "write_dictionary": "framing.lexicon",
    "get_limits": "framing.limits",
    "set_limits": "framing.limits",
    "match": "framing.matching",
    "match_text": "framing.matching",
    "corpus_fingerprint": "framing.provenance",
    "score": "framing.scoring",
    "keyness": "framing.stats",
    "log_odds": "framing.stats",
    "validate_hits": "framing.tables",
    "validate_scores": "framing.tables",
}

# Subpackages and modules reached as attributes (``framing.plot.shares``).
_SUBMODULES = frozenset(
    {"coding", "corpus", "datasets", "distributed", "figures", "lexicon", "limits", "plot",
     "senses", "stats", "tables", "voice", "errors"}
)  # fmt: skip

# What type checkers and editors read; tests/test_lazy_imports.py keeps it equal to _LAZY.
if TYPE_CHECKING:
    from framing._export import write_table
    from framing._tokens import lemmatise, stop_words
    from framing.audit import RuleAudit, audit_rules
    from framing.coding import (
        CodingError,
        adjusted_counts,
        agreement,
        coding_sheet,
        precision,
        read_coding_sheet,
        recall,
        recall_sheet,
        write_coding_sheet,
    )
    from framing.comparison import compare_groups
    from framing.concordance import kwic
    from framing.corpus import CORPUS_COLUMNS, CorpusError, validate_corpus
    from framing.corpus._report import LoadReport, load_report
    from framing.corpus.check import CorpusCheck, check_corpus
    from framing.corpus.concat import concat
    from framing.corpus.dedup import deduplicate
    from framing.corpus.readers import as_corpus, iter_corpus, read_corpus, write_corpus
    from framing.datasets import load_sample
    from framing.discovery import collocations, suggest_terms
    from framing.distributed import read_corpus_dask
    from framing.errors import (
        DatasetError,
        FramingError,
        FramingWarning,
        OverwriteError,
        ParameterError,
        RecordError,
        TermError,
    )
    from framing.figures import save_figure
    from framing.lexicon import (
        Concept,
        Condition,
        Context,
        Exclusion,
        Lexicon,
        LexiconCheck,
        LexiconError,
        LexiconWarning,
        Term,
        Variant,
        check_lexicon,
        lexicons,
        load_lexicon,
        read_lexicon,
        write_lexicon,
    )
    from framing.limits import get_limits, set_limits
    from framing.matching import match, match_text
    from framing.provenance import corpus_fingerprint
    from framing.scoring import score
    from framing.stats import keyness, log_odds
    from framing.tables import validate_hits, validate_scores


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"framing.{name}")
    else:
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *_SUBMODULES})


__all__ = [
    "CORPUS_COLUMNS",
    "CodingError",
    "Concept",
    "Condition",
    "Context",
    "CorpusCheck",
    "CorpusError",
    "DatasetError",
    "Exclusion",
    "FramingError",
    "FramingWarning",
    "Lexicon",
    "LexiconCheck",
    "LexiconError",
    "LexiconWarning",
    "LoadReport",
    "OverwriteError",
    "ParameterError",
    "RecordError",
    "RuleAudit",
    "Term",
    "TermError",
    "Variant",
    "__version__",
    "adjusted_counts",
    "agreement",
    "as_corpus",
    "audit_rules",
    "check_corpus",
    "check_lexicon",
    "coding_sheet",
    "collocations",
    "compare_groups",
    "concat",
    "corpus_fingerprint",
    "deduplicate",
    "get_limits",
    "iter_corpus",
    "keyness",
    "kwic",
    "lemmatise",
    "lexicons",
    "load_lexicon",
    "load_report",
    "load_sample",
    "log_odds",
    "match",
    "match_text",
    "precision",
    "provenance",
    "read_coding_sheet",
    "read_corpus",
    "read_corpus_dask",
    "read_lexicon",
    "recall",
    "recall_sheet",
    "save_figure",
    "score",
    "set_limits",
    "stop_words",
    "suggest_terms",
    "validate_corpus",
    "validate_hits",
    "validate_scores",
    "write_coding_sheet",
    "write_corpus",
    "write_lexicon",
    "write_table",
]
