"""Several lexicons used as one: ``framing.match(corpus, [war, toponyms])``.

Each lexicon is matched on its own (its own sense rules, word forms and language); the
hits are put together, and their provenance names every lexicon (name, version and hash)
with a name, version and hash made of theirs, so a figure drawn from them says which
lexicons it counted. Two lexicons that share a concept name are refused: their hits
could not be told apart.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from framing.errors import LexiconError

__all__ = ["CombinedLexicon", "combine"]


@dataclass(frozen=True)
class CombinedLexicon:
    """Lexicons side by side (no concept shared): enough for ``score`` and provenance."""

    parts: tuple[Any, ...]

    @property
    def name(self) -> str:
        return " + ".join(part.name for part in self.parts)

    @property
    def version(self) -> str:
        return " + ".join(str(part.version) for part in self.parts)

    @property
    def concepts(self) -> tuple[Any, ...]:
        return tuple(concept for part in self.parts for concept in part.concepts)

    def entries(self) -> Iterator[Any]:
        for part in self.parts:
            yield from part.entries()

    def fingerprint(self) -> str:
        joined = " ".join(part.fingerprint() for part in self.parts)
        return "sha256:" + hashlib.sha256(joined.encode()).hexdigest()

    def record(self) -> list[dict[str, str]]:
        """Each part's name, version and hash, for the provenance."""
        return [
            {"name": part.name, "version": str(part.version), "hash": part.fingerprint()}
            for part in self.parts
        ]

    def __len__(self) -> int:
        return sum(len(part) for part in self.parts)


def combine(lexicons: Sequence[Any], *, function: str = "match") -> CombinedLexicon:
    """The lexicons as one; a clear error when two share a concept name.

    Examples
    --------
    >>> import framing
    >>> both = combine([framing.load_lexicon("ukraine_war"),
    ...                 framing.load_lexicon("ukraine_toponyms")])
    >>> both.name
    'ukraine_war + ukraine_toponyms'
    """
    from framing.lexicon.model import Lexicon

    lexicons = tuple(lexicons)
    if not lexicons or not all(isinstance(item, Lexicon) for item in lexicons):
        kinds = sorted({type(item).__name__ for item in lexicons}) or ["nothing"]
        raise TypeError(
            f"The 'lexicon' parameter of {function} must be a framing.Lexicon or a list of "
            f"them. Got a list of {', '.join(kinds)} instead."
        )
    seen: dict[str, str] = {}
    for lexicon in lexicons:
        for concept in lexicon.concepts:
            if concept.name in seen:
                raise LexiconError(
                    f"The lexicons {seen[concept.name]!r} and {lexicon.name!r} both have the "
                    f"concept {concept.name!r}, so their hits could not be told apart. "
                    "Rename the concept in one of them, or match them one at a time."
                )
            seen[concept.name] = lexicon.name
    return CombinedLexicon(lexicons)
