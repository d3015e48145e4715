"""Reference vocabularies: the Lexicon model, its file formats and the bundled lexicons."""

from framing.lexicon.formats import LexiconWarning, read_lexicon, write_lexicon

# Deprecated spellings of read_lexicon and write_lexicon, kept one release (they warn).
from framing.lexicon.formats import read_dictionary as read_dictionary
from framing.lexicon.formats import write_dictionary as write_dictionary
from framing.lexicon.library import LexiconCheck, check_lexicon, lexicons, load_lexicon
from framing.lexicon.model import Concept, Lexicon, LexiconError, Term, Variant
from framing.lexicon.sense_rules import Condition, Context, Exclusion, Measurement

__all__ = [
    "Concept",
    "Condition",
    "Context",
    "Exclusion",
    "Lexicon",
    "LexiconCheck",
    "LexiconError",
    "LexiconWarning",
    "Measurement",
    "Term",
    "Variant",
    "check_lexicon",
    "lexicons",
    "load_lexicon",
    "read_lexicon",
    "write_lexicon",
]
