"""Reading, cleaning and checking article corpora.

``framing.corpus.outlets`` is the module of the outlet registry (``outlets()`` lists it).
"""

from framing.corpus._report import LoadReport, load_report
from framing.corpus.check import CorpusCheck, check_corpus
from framing.corpus.outlets import outlet_for, register_outlet
from framing.corpus.readers import FORMATS, as_corpus, iter_corpus, read_corpus, write_corpus
from framing.corpus.schema import CORPUS_COLUMNS, CorpusError, validate_corpus

__all__ = [
    "CORPUS_COLUMNS",
    "FORMATS",
    "CorpusCheck",
    "CorpusError",
    "LoadReport",
    "as_corpus",
    "check_corpus",
    "iter_corpus",
    "load_report",
    "outlet_for",
    "read_corpus",
    "register_outlet",
    "validate_corpus",
    "write_corpus",
]
