"""Reference vocabularies: the Lexicon model, its file formats and the bundled lexicons."""

from framing.lexicon.model import Concept, Lexicon, LexiconError, Term, Variant

__all__ = ["Concept", "Lexicon", "LexiconError", "Term", "Variant"]
