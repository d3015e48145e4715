"""Reading, cleaning and checking article corpora."""

from framing.corpus.schema import CORPUS_COLUMNS, CorpusError, validate_corpus

__all__ = ["CORPUS_COLUMNS", "CorpusError", "validate_corpus"]
