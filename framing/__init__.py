"""framing: media-framing analysis for pandas.

The pipeline, one function per stage, each taking and returning tidy DataFrames::

    corpus = framing.read_corpus("articles/")           # one row a document
    lexicon = framing.load_lexicon("ukraine_war")        # concepts → variants → terms
    hits = framing.match(corpus, lexicon)                # one row a match, with offsets
    scores = framing.score(hits, corpus, by="outlet")    # counts, rates, shares with CIs
"""

from framing._export import write_table
from framing._tokens import lemmatise, stop_words
from framing._version import __version__
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
from framing.distributed import read_corpus_dask  # also registers the dask stages
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

# Deprecated spellings of read_lexicon and write_lexicon, kept one release (they warn).
from framing.lexicon import read_dictionary as read_dictionary
from framing.lexicon import write_dictionary as write_dictionary
from framing.limits import get_limits, set_limits
from framing.matching import match, match_text
from framing.provenance import corpus_fingerprint, provenance
from framing.scoring import score
from framing.stats import keyness, log_odds
from framing.tables import validate_hits, validate_scores

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
