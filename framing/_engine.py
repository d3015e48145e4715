"""The matching engine: one Aho-Corasick automaton per lexicon, run over normalised text.

Kept free of pandas so that worker processes can run it on plain lists of strings.
The rules it implements are written in ``framing.match`` (the public module).

Sense rules (:class:`Rules`) stay inside the one pass:

- **exclusions** are patterns in the same automaton as the terms. They take part in the
  leftmost-longest selection like terms (winning a tie on the very same words) and are
  then dropped, so the words they claim are never counted;
- **conditions** are checked on the selected hits of the terms that have them: a hit is
  kept only if each ``if`` context occurs, and no ``unless`` context occurs, within the
  context's number of words before or after it. The words around a hit are found by
  :func:`window`; the context patterns by a second automaton run over those words only,
  so their cost is per conditioned hit, not per document.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from framing._automata import (
    BACKENDS,
    available_backends,
    bytes_automaton,
    default_backend,
    text_automaton,
)
from framing._engine_text import (
    TermSpec,
    _anchored,
    _anchored_one_byte,
    _anchored_text,
    _one_byte_key,
    _same_case,
    _segments,
    _select,
    _walk,
    window,
)
from framing._text import normalise_folded
from framing._words import ends_word, is_word_character, starts_word


@dataclass(frozen=True)
class Check:
    """One condition on a term: ``context`` (an index into :attr:`Rules.contexts`) must
    occur near the hit (``unless`` False) or must not (``unless`` True). ``rule`` names
    the rule for audits (see :class:`Rules`)."""

    unless: bool
    context: int
    rule: int


@dataclass(frozen=True)
class Rules:
    """The sense rules of a lexicon, as the engine sees them (hashable, picklable).

    Attributes
    ----------
    exclusions : tuple of TermSpec
        Patterns that claim their words: rules ``0 .. len(exclusions) - 1``.
    contexts : tuple of (tuple of TermSpec, int, str)
        Each context: its patterns, its window (``within`` words) and the side it looks
        at: ``"both"``, ``"before"`` or ``"after"`` the hit.
    checks : tuple of tuple of Check
        Per term index (shorter than the terms when the last terms have none): the
        conditions a hit of that term must pass, in the order they are tried; the first
        one that fails names the rule that removed the hit.
    """

    exclusions: tuple[TermSpec, ...] = ()
    contexts: tuple[tuple[tuple[TermSpec, ...], int, str], ...] = ()
    checks: tuple[tuple[Check, ...], ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.exclusions) or any(self.checks)


#: No sense rules: every hit of the leftmost-longest selection counts.
NO_RULES = Rules()

#: The rule id of hits an exclusion displaced without overlapping them (see find_audit).
SHIFTED = -1

# Between the two sides of a hit's window, scanned as one text (see Engine._near).
_GAP = "\x00\x00"

# A compiled term: (term index, case-sensitive, checks its end, folded segments after
# the key or None, cased segments). Plain tuples: they are read once per candidate.
_Record = tuple[int, bool, bool, tuple | None, tuple]


__all__ = ["BACKENDS", "Engine", "Rules", "available_backends", "default_backend", "engine_for"]


class Engine:
    """A lexicon compiled into an automaton; ``find`` returns the hits in one text."""

    def __init__(
        self,
        specs: Sequence[TermSpec],
        backend: str | None = None,
        rules: Rules | None = None,
    ) -> None:
        self.specs = tuple(specs)
        self.rules = rules or NO_RULES
        self.backend = backend or default_backend()
        if self.backend not in available_backends():
            raise ValueError(
                f"The engine backend must be one of {list(available_backends())}. "
                f"Got {self.backend!r} instead."
            )
        # The automaton holds the exclusions first, then the terms: an exclusion wins a
        # tie (the same start and end) by its smaller index.
        self._excluded = len(self.rules.exclusions)
        everything = (*self.rules.exclusions, *self.specs)
        self._checks = tuple(self.rules.checks) + ((),) * (len(self.specs) - len(self.rules.checks))
        self._conditioned = any(self._checks)
        if self.rules.contexts:
            patterns: dict[TermSpec, int] = {}
            sets = []
            for context_patterns, *_ in self.rules.contexts:
                sets.append(
                    frozenset(patterns.setdefault(spec, len(patterns)) for spec in context_patterns)
                )
            self._context_engine: Engine | None = Engine(list(patterns), self.backend)
            self._context_sets = tuple(sets)
            self._context_window = tuple((within, side) for _, within, side in self.rules.contexts)
        else:
            self._context_engine = None
        # Terms grouped by what the automaton looks for: their first literal segment (the
        # key) written as an anchored pattern (see _anchored).
        keyed: dict[str, tuple[str, list[_Record]]] = {}
        for index, (pattern, case_sensitive) in enumerate(everything):
            segments = _segments(pattern)
            key = segments.folded[0]
            assert key is not None  # a term never starts with a glob
            rest_folded = segments.folded[1:]
            last = segments.folded[-1]
            checks_end = last is not None and is_word_character(last[-1])
            anchored = _anchored(key, closes=checks_end and not rest_folded)
            keyed.setdefault(anchored, (key, []))[1].append(
                (
                    index,
                    bool(case_sensitive),
                    checks_end,
                    rest_folded or None,
                    segments.cased,
                )
            )
        # What each automaton pattern reports: where its key ends in the anchored text
        # (before the closing space and the padding), the key's length, whether its
        # start needs a word boundary check, the key itself when the anchored pattern may
        # have matched other text (None when the key is word characters only), and the
        # terms it begins.
        values = [
            (
                1 + len(anchored) - len(key) - is_word_character(key[0]),
                len(key),
                is_word_character(key[0]),
                None if all(is_word_character(c) for c in key) else key,
                tuple(records),
            )
            for anchored, (key, records) in keyed.items()
        ]
        self._empty = not keyed
        self._values = values
        # The automaton over strings is built on the first text without a one-byte form:
        # ASCII, Russian and Ukrainian text never needs it (5 ms at 1,000 terms, 77 ms at
        # 10,000, in every worker).
        self._keys = list(keyed)
        self._automaton: Any = None
        # The patterns again, for text that has a one-byte form (Cyrillic): a second
        # automaton, built on the first such text (see _anchored_one_byte).
        self._patterns = list(zip(keyed, values, strict=True))
        self._one_byte: Any = None

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Return ``(start, end, term index)`` for every counted hit in ``text``, by start.

        Offsets index ``text`` itself (the original, not the normalised copy).
        """
        if self._empty or not text:
            return []
        cased, folded, offsets, encoded = normalise_folded(text)
        selected = self.find_normalised(cased, folded, encoded)
        return offsets.spans(selected) if selected else selected

    def find_normalised(
        self, cased: str, folded: str, encoded: bytes | None = None
    ) -> list[tuple[int, int, int]]:
        """Leftmost-longest, non-overlapping counted hits in an already normalised text
        (``encoded``: as :func:`framing._text.normalise_folded` gives it)."""
        selected = _select(self._candidates(cased, folded, encoded))
        excluded = self._excluded
        if excluded:
            selected = [(s, e, i - excluded) for s, e, i in selected if i >= excluded]
        if self._conditioned and selected:
            checks = self._checks
            selected = [
                hit
                for hit in selected
                if not checks[hit[2]] or self._failed(cased, folded, hit, checks[hit[2]]) is None
            ]
        return selected

    def find_audit(
        self, text: str
    ) -> tuple[
        list[tuple[int, int, int]], list[tuple[int, int, int, int]], list[tuple[int, int, int]]
    ]:
        """The counted hits (as :meth:`find`), the hits the rules removed, and the hits
        counted only because an exclusion removed a hit that had covered their words.

        A removed hit is ``(start, end, term index, rule)``: a hit of the selection
        without rules that an exclusion claimed (``rule`` the exclusion's index), that
        lost its words to a hit an exclusion let through (``rule`` :data:`SHIFTED`), or a
        hit that failed a condition (``rule`` that check's rule). So the hits without
        rules are the counted ones, less the added ones, plus the removed ones.
        """
        if self._empty or not text:
            return [], [], []
        cased, folded, offsets, encoded = normalise_folded(text)
        candidates = self._candidates(cased, folded, encoded)
        excluded = self._excluded
        selected = _select(list(candidates))
        kept = [(s, e, i - excluded) for s, e, i in selected if i >= excluded]
        removed: list[tuple[int, int, int, int]] = []
        added: list[tuple[int, int, int]] = []
        if excluded:
            claims = [(s, e, i) for s, e, i in selected if i < excluded]
            if claims:
                plain = [
                    (s, e, i - excluded)
                    for s, e, i in _select([c for c in candidates if c[2] >= excluded])
                ]
                counted, before = set(kept), set(plain)
                added = [hit for hit in kept if hit not in before]
                for start, end, term in plain:
                    if (start, end, term) in counted:
                        continue
                    rule = next((i for s, e, i in claims if s < end and start < e), SHIFTED)
                    removed.append((start, end, term, rule))
        if self._conditioned and kept:
            checks = self._checks
            passed = []
            for hit in kept:
                rule = self._failed(cased, folded, hit, checks[hit[2]]) if checks[hit[2]] else None
                if rule is None:
                    passed.append(hit)
                else:
                    removed.append((*hit, rule))
            kept = passed
        removed.sort()

        def original(hits: list[tuple[int, ...]]) -> list[Any]:
            if not hits:
                return []
            spans = offsets.spans([(hit[0], hit[1], n) for n, hit in enumerate(hits)])
            return [(start, end, *hits[n][2:]) for start, end, n in spans]

        return original(kept), original(removed), original(added)

    def _failed(
        self, cased: str, folded: str, hit: tuple[int, int, int], checks: tuple[Check, ...]
    ) -> int | None:
        """The rule of the first check ``hit`` fails, or None when it passes them all."""
        start, end, _ = hit
        # The context patterns near the hit, by window: (within, side).
        found: dict[tuple[int, str], frozenset[int]] = {}
        for check in checks:
            window_of = self._context_window[check.context]
            near = found.get(window_of)
            if near is None:
                near = found[window_of] = self._near(cased, folded, start, end, *window_of)
            present = not near.isdisjoint(self._context_sets[check.context])
            if present == check.unless:
                return check.rule
        return None

    def _near(
        self, cased: str, folded: str, start: int, end: int, within: int, side: str = "both"
    ) -> frozenset[int]:
        """The context patterns found in the ``within`` words before and/or after a hit."""
        engine = self._context_engine
        if engine is None or engine._empty:
            return frozenset()
        left, right = window(folded, start, end, within)
        before, after = (left, start), (end, right)
        if side == "before":
            cased_part, folded_part = cased[left:start], folded[left:start]
        elif side == "after":
            cased_part, folded_part = cased[end:right], folded[end:right]
        else:
            # Both sides in one scan, two non-word characters between them: no pattern
            # (words joined by single spaces, ending at a word boundary) spans the gap.
            cased_part = cased[slice(*before)] + _GAP + cased[slice(*after)]
            folded_part = folded[slice(*before)] + _GAP + folded[slice(*after)]
        found = {index for _, _, index in engine._candidates(cased_part, folded_part)}
        return frozenset(found)

    def _one_byte_automaton(self) -> Any:
        """The automaton over the patterns' one-byte forms (``_one_byte_key``) and what
        each reports; False when no pattern has a one-byte form."""
        patterns = [
            (key, value)
            for anchored, value in self._patterns
            if (key := _one_byte_key(anchored)) is not None
        ]
        automaton: Any = False
        if patterns:
            # Bytes in, byte offsets out: no conversion to UTF-8 and back.
            automaton = (
                bytes_automaton([key for key, _ in patterns], self.backend),
                [value for _, value in patterns],
            )
        self._one_byte = automaton
        return automaton

    def _find_one_byte(self, anchored: bytes) -> list[tuple[int, Any]]:
        """``(end in the anchored text, value)`` of every pattern in ``anchored``."""
        automaton = self._one_byte
        if automaton is None:
            automaton = self._one_byte_automaton()
        if automaton is False:
            return []
        found, values = automaton
        return [(end, values[number]) for end, number in found.ends(anchored)]

    def _candidates(
        self, cased: str, folded: str, encoded: bytes | None = None
    ) -> list[tuple[int, int, int]]:
        """Every ``(start, -end, index)`` where a pattern fits the word boundaries.

        ``index`` counts the exclusions first, then the terms; ``encoded`` is ``folded``
        in windows-1251 when the normalisation made it (else None).
        """
        candidates: list[tuple[int, int, int]] = []
        # The automaton runs over the anchored copy: padded with a space at each end, so
        # that its positions are the folded text's plus one.
        length = len(folded)
        one_byte = None
        if encoded is not None or not folded.isascii():
            one_byte = _anchored_one_byte(folded, encoded)
        if one_byte is not None:
            found = self._find_one_byte(one_byte)
        else:
            automaton = self._automaton
            if automaton is None:
                automaton = self._automaton = text_automaton(self._keys, self.backend)
            values = self._values
            found = [
                (end, values[number]) for end, number in automaton.ends(_anchored_text(folded))
            ]
        for padded_end, (skip, key_length, checks_start, exact, records) in found:
            end_of_key = padded_end - skip
            start = end_of_key - key_length
            last = end_of_key - 1
            if exact is not None and not folded.startswith(exact, start):
                continue
            if (
                checks_start
                and start
                and folded[start - 1] != " "
                and not starts_word(folded, start)
            ):
                continue
            for index, case_sensitive, checks_end, rest, cased_segments in records:
                end = last + 1
                if rest is not None:
                    end = _walk(folded, end, rest)
                    if end < 0:
                        continue
                if (
                    checks_end
                    and end < length
                    and folded[end] != " "
                    and not ends_word(folded, end)
                ):
                    continue
                if case_sensitive and not _same_case(cased, start, folded, cased_segments):
                    continue
                candidates.append((start, -end, index))
        return candidates


_ENGINES: dict[tuple[str, tuple[TermSpec, ...], Rules], Engine] = {}


def engine_for(
    specs: Sequence[TermSpec], backend: str | None = None, rules: Rules | None = None
) -> Engine:
    """Return the engine for these terms and rules, compiling it on first use (a small
    cache)."""
    # The same tuple again (match passes one per call to every chunk): no need to build
    # and hash the key of 10,000 terms once more (10 ms a chunk).
    asked = (specs, backend, rules, os.environ.get("FRAMING_ENGINE"))
    last = _LAST.get("engine")
    if type(specs) is tuple and last is not None and _same(last[0], asked):
        return last[1]
    terms = tuple((str(pattern), bool(case_sensitive)) for pattern, case_sensitive in specs)
    backend = backend or default_backend()
    rules = rules or NO_RULES
    engine = _ENGINES.get((backend, terms, rules))
    if engine is None:
        if len(_ENGINES) >= 8:
            _ENGINES.pop(next(iter(_ENGINES)))
        engine = _ENGINES[backend, terms, rules] = Engine(terms, backend, rules)
    _LAST["engine"] = (asked, engine)
    return engine


# The last call of engine_for: what it was asked, and the engine it returned.
_LAST: dict[str, tuple[tuple[Any, ...], Engine]] = {}


def _same(one: tuple[Any, ...], other: tuple[Any, ...]) -> bool:
    """The same specs object (a tuple: it cannot change), backend, rules and setting."""
    return one[0] is other[0] and one[1] == other[1] and one[2] == other[2] and one[3] == other[3]
