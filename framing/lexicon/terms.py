"""The parts of a lexicon: a :class:`Concept` has :class:`Variant` framings, each with
:class:`Term` patterns to find.

They sit below the lexicon rules (``framing.lexicon.rules`` checks them) and the
:class:`~framing.lexicon.model.Lexicon` that holds them; all three are frozen
dataclasses holding tuples, so they hash and pickle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Concept", "Term", "Variant"]


@dataclass(frozen=True)
class Term:
    """One pattern to find.

    Parameters
    ----------
    pattern : str
        Words separated by spaces; a ``*`` at the end of a word is a prefix glob
        (``liberat*``, ``so-called denazif*``).
    case_sensitive : bool
        Match the case as written (acronyms: ``DPR``, ``SMO``). Default False.
    note : str, optional
        Why the term is here, or its known false matches.
    sources : tuple of str
        Ids of the lexicon's sources that justify the term.
    inflect : bool or {"ru", "uk"}, optional
        Expand the term into its word forms (``framing.lexicon.inflect``): ``None``
        follows the lexicon's language, ``False`` matches the term as written, "ru" or
        "uk" inflects it in that language.
    add_forms, remove_forms : tuple of str
        Forms added to, or taken from, the generated ones by hand.
    """

    pattern: str
    case_sensitive: bool = False
    note: str | None = None
    sources: tuple[str, ...] = ()
    inflect: bool | str | None = None
    add_forms: tuple[str, ...] = ()
    remove_forms: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "sources", tuple(self.sources))
        object.__setattr__(self, "add_forms", tuple(self.add_forms))
        object.__setattr__(self, "remove_forms", tuple(self.remove_forms))

    def _inflection(self) -> dict[str, Any]:
        """The word-form settings that differ from the defaults (for tables and hashes)."""
        settings: dict[str, Any] = {}
        if self.inflect is not None:
            settings["inflect"] = self.inflect
        if self.add_forms:
            settings["add_forms"] = list(self.add_forms)
        if self.remove_forms:
            settings["remove_forms"] = list(self.remove_forms)
        return settings

    @property
    def words(self) -> tuple[str, ...]:
        """The pattern's words, split on whitespace."""
        return tuple(self.pattern.split())

    @property
    def has_glob(self) -> bool:
        """True when a word of the pattern ends in ``*``."""
        return any(word.endswith("*") for word in self.words)


@dataclass(frozen=True)
class Variant:
    """One framing of a concept (``kremlin``, ``ukrainian``, ``neutral``) and its terms."""

    name: str
    terms: tuple[Term, ...]
    reference: bool = False
    description: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "terms", tuple(self.terms))


@dataclass(frozen=True)
class Concept:
    """A thing that can be named in several ways (``war_name``), with its variants."""

    name: str
    variants: tuple[Variant, ...]
    description: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "variants", tuple(self.variants))

    @property
    def reference(self) -> Variant | None:
        """The variant marked as the reference, if any."""
        return next((v for v in self.variants if v.reference), None)

    def variant(self, name: str) -> Variant:
        """Return the variant called ``name``."""
        for variant in self.variants:
            if variant.name == name:
                return variant
        raise KeyError(f"Concept {self.name!r} has no variant {name!r}.")
