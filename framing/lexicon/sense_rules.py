"""The sense rules a lexicon may hold, and its measured precision, as immutable values.

:class:`Exclusion` phrases claim their words so that no term inside them is counted;
:class:`Condition` objects count a term's (or a variant's) hits only when a
:class:`Context` occurs near them (``if_near``) or not when one does (``unless_near``);
:class:`Measurement` rows hold the precision measured on hand-coded hits. The
:class:`~framing.lexicon.model.Lexicon` holds them (``exclusions``, ``conditions``,
``precision``); ``docs/lexicons.md`` describes them, ``framing.senses`` compiles the rules
for the matcher.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Exclusion:
    """A phrase that claims its words: no term inside it is counted.

    Exclusions take part in the leftmost-longest matching like terms ("Cold War" claims
    "Cold War", so the term ``war`` is not counted there) and are never hits themselves.

    Parameters
    ----------
    pattern : str
        The phrase, in the term syntax (``World War*``, ``Odessa, Texas``).
    case_sensitive : bool
        Match the case as written. Default False.
    note : str, optional
        Why the phrase is excluded.
    sources : tuple of str
        Ids of the lexicon's sources.
    """

    pattern: str
    case_sensitive: bool = False
    note: str | None = None
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "sources", tuple(self.sources))


@dataclass(frozen=True)
class Context:
    """Words that may occur near a hit: for :attr:`Condition.if_near` and ``unless_near``.

    Parameters
    ----------
    within : int
        How many words before and after the hit are looked at (1 or more). Words are
        runs of letters and digits ("don't" and "Kiev's" are one word each); a context
        phrase counts when it lies wholly inside the ``within`` words before the hit or
        wholly inside the ``within`` words after it.
    words : tuple of str
        Words or phrases, in the term syntax (globs allowed), matched case-insensitively.
    concepts : tuple of str
        Concepts of the same lexicon: each of their terms counts as a word.
    lexicons : tuple of str
        Names of bundled lexicons (``"ukraine_toponyms"``): each of their terms counts as
        a word (their own rules are not applied).
    note : str, optional
        Why.
    side : {"both", "before", "after"}
        Look at the words on both sides of the hit (default), or only before or after it
        ("captured" followed by "soldiers": prisoners; "soldiers captured" the town).
    """

    within: int
    words: tuple[str, ...] = ()
    concepts: tuple[str, ...] = ()
    lexicons: tuple[str, ...] = ()
    note: str | None = None
    side: str = "both"

    def __post_init__(self) -> None:
        for name in ("words", "concepts", "lexicons"):
            value = getattr(self, name)
            object.__setattr__(self, name, (value,) if isinstance(value, str) else tuple(value))

    def describe(self) -> str:
        """The context in words: ``"prisoner*, POW* within 3 words"``."""
        parts = [*self.words]
        parts += [f"a term of concept {name}" for name in self.concepts]
        parts += [f"a term of lexicon {name}" for name in self.lexicons]
        where = "" if self.side == "both" else f" {self.side}"
        return f"{', '.join(parts)} within {self.within} words{where}"


@dataclass(frozen=True)
class Condition:
    """When the hits of one term, or of every term of a variant, are counted.

    A hit is counted only if ``if_near`` occurs near it (when given) and ``unless_near``
    does not (when given). A term's own condition and its variant's both apply.

    Parameters
    ----------
    concept, variant : str
        The variant the condition is on.
    term : str, optional
        The pattern of one term of that variant; None for every term of the variant.
    if_near, unless_near : Context, optional
        At least one of them.
    """

    concept: str
    variant: str
    term: str | None = None
    if_near: Context | None = None
    unless_near: Context | None = None

    def label(self, kind: str) -> str:
        """How an audit names the rule: ``'captured' unless near prisoner* within 3 words``."""
        context = self.if_near if kind == "if_near" else self.unless_near
        target = (
            f"{self.term!r}" if self.term is not None else f"variant {self.concept}.{self.variant}"
        )
        verb = "only if near" if kind == "if_near" else "unless near"
        return f"{target} {verb} {context.describe() if context else ''}".strip()


@dataclass(frozen=True)
class Measurement:
    """The measured precision of a concept (``variant`` None) or of one of its variants
    (``concept`` ``"*"``: a variant name measured over all concepts).

    ``precision`` is ``yes / (yes + no)`` of the coded hits (weighted by variant hits for
    a concept: see ``docs/validation.md``), ``low`` and ``high`` its Wilson interval
    (95%), ``hits`` the hits it stands for in the corpus measured (``Lexicon.measured_on``).
    """

    concept: str
    variant: str | None
    hits: int
    yes: int
    no: int
    unsure: int
    precision: float
    low: float
    high: float
    note: str | None = None
