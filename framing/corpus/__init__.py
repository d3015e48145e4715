"""Reading, cleaning and checking article corpora."""

from framing.corpus._report import LoadReport, load_report
from framing.corpus.outlets import outlet_for, outlets, register_outlet
from framing.corpus.readers import FORMATS, iter_corpus, read_corpus, write_corpus
from framing.corpus.schema import CORPUS_COLUMNS, CorpusError, validate_corpus

__all__ = [
    "CORPUS_COLUMNS",
    "FORMATS",
    "CorpusError",
    "LoadReport",
    "iter_corpus",
    "load_report",
    "outlet_for",
    "outlets",
    "read_corpus",
    "register_outlet",
    "validate_corpus",
    "write_corpus",
]
