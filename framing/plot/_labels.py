"""Human labels for concepts, variants and groups: from a mapping, the lexicon, or the names.

Charts never print a raw identifier such as ``war_invasion`` by default. A label comes from,
in order:

1. the chart's ``labels=`` (a mapping, a lexicon or a list of lexicons), then the labels
   pinned by ``style(labels=...)``;
2. the lexicon the table was made with, when it is a bundled lexicon (found by the name
   and hash in the table's provenance): concepts and variants get short labels from their
   descriptions (see :func:`labels`);
3. the identifier with underscores as spaces (``war invasion``).

A mapping's keys are concept names, ``(concept, variant)`` pairs, variant names (for
every concept with that variant) or group values (outlets); its values are the labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import pandas as pd

from framing.provenance import ATTRS_KEY

# Labels pinned by style(labels=...): used by every chart drawn inside the block.
_PINNED_LABELS: ContextVar[dict[Any, str] | None] = ContextVar("framing_labels", default=None)

#: Longest variant description clause used as a label; longer ones give way to the terms.
_LONGEST_CLAUSE = 45
_FIRST_CLAUSE = re.compile(r"^(.*?)(?::|\s\(|\.(?:\s|$)|;)")


def _is_lexicon(value: Any) -> bool:
    return hasattr(value, "concepts") and hasattr(value, "entries")


def _first_sentence(text: str | None) -> str:
    if not text:
        return ""
    sentence = re.split(r"(?<=\.)\s", text.strip(), maxsplit=1)[0]
    return sentence.rstrip(".").strip()


def _first_clause(text: str | None) -> str:
    if not text:
        return ""
    found = _FIRST_CLAUSE.match(text.strip())
    clause = found.group(1) if found else text.strip()
    return clause.rstrip(".").strip()


def _terms_label(variant: Any) -> str:
    patterns = [term.pattern for term in variant.terms]
    if not patterns:
        return humanize(variant.name)
    shown = ", ".join(patterns[:2])
    return shown + (", …" if len(patterns) > 2 else "")


def humanize(name: Any) -> str:
    """An identifier as words: underscores become spaces (``war_invasion`` → ``war invasion``).

    Examples
    --------
    >>> humanize("russian_state")
    'russian state'
    """
    return str(name).replace("_", " ").strip()


def labels(*lexicons: Any, **overrides: str) -> dict[Any, str]:
    """Short human labels for the concepts and variants of lexicons, as a mapping.

    Pass the result (edited as you like) as ``labels=`` to any chart, or pin it for a
    whole block with ``style(..., labels=...)``.

    - A concept is labelled by the first sentence of its description when that sentence
      has four words or more and no other concept of the lexicon has the same one ("What
      the war is called"); otherwise by the first term of its reference variant ("Kyiv").
    - The variants of a concept are labelled by the first clauses of their descriptions
      (up to ``:``, ``(`` or the end of the first sentence) when each is at most 45
      characters and they differ ("The Russian state's name for the war"); otherwise
      each by its first two terms ("Kiev", "Kiyv, Kyyv, …").

    Parameters
    ----------
    *lexicons : framing.Lexicon
        The lexicons whose concepts and variants to label.
    **overrides : str
        Labels to use instead, by concept name.

    Returns
    -------
    dict
        Concept name → label and ``(concept, variant)`` → label.

    Examples
    --------
    >>> import framing, framing.plot
    >>> names = framing.plot.labels(framing.load_lexicon("ukraine_war"))
    >>> names["war_name"], names[("war_name", "war_invasion")]
    ('What the war is called', 'Naming it a war, an invasion or aggression')
    >>> framing.plot.labels(framing.load_lexicon("ukraine_toponyms"))[("kyiv", "russian_derived")]
    'Kiev'
    """
    mapping: dict[Any, str] = {}
    for lexicon in lexicons:
        if not _is_lexicon(lexicon):
            raise TypeError(
                f"plot.labels takes framing.Lexicon objects. Got {type(lexicon).__name__} instead."
            )
        sentences = [_first_sentence(concept.description) for concept in lexicon.concepts]
        for concept, sentence in zip(lexicon.concepts, sentences, strict=True):
            if len(sentence.split()) >= 4 and sentences.count(sentence) == 1:
                mapping[concept.name] = sentence
            else:
                reference = concept.reference or (concept.variants[0] if concept.variants else None)
                first = reference.terms[0].pattern if reference and reference.terms else ""
                mapping[concept.name] = first.rstrip("*") or humanize(concept.name)
            clauses = [_first_clause(variant.description) for variant in concept.variants]
            usable = all(
                clause and len(clause) <= _LONGEST_CLAUSE and clauses.count(clause) == 1
                for clause in clauses
            )
            for variant, clause in zip(concept.variants, clauses, strict=True):
                # One kind of label per concept: all descriptions, or all terms.
                label = clause if usable else _terms_label(variant)
                mapping[(concept.name, variant.name)] = label
    mapping.update(overrides)
    return mapping


class Labeller:
    """Looks labels up for one chart: its own mapping, the pinned one, the lexicon's."""

    def __init__(self, given: Any, table: pd.DataFrame | None = None, *, function: str = ""):
        self.mapping: dict[Any, str] = {}
        found = _from_provenance(table) if table is not None else {}
        self.mapping.update(found)
        pinned = _PINNED_LABELS.get()
        if pinned:
            self.mapping.update(pinned)
        if given is not None:
            self.mapping.update(_as_mapping(given, function=function))

    def concept(self, name: Any) -> str:
        return str(self.mapping.get(str(name), humanize(name)))

    def variant(self, concept: Any, name: Any) -> str:
        for key in ((str(concept), str(name)), f"{concept}:{name}", str(name)):
            if key in self.mapping:
                return str(self.mapping[key])
        return humanize(name)

    def group(self, name: Any) -> str:
        return str(self.mapping.get(str(name), name))

    def column(self, name: str) -> str:
        """A table column's name (``outlet``) as a legend title (``Outlet``)."""
        text = str(self.mapping.get(name, humanize(name)))
        return text[:1].upper() + text[1:]


def _as_mapping(given: Any, *, function: str) -> dict[Any, str]:
    if _is_lexicon(given):
        return labels(given)
    if isinstance(given, Mapping):
        return {(key if isinstance(key, tuple) else str(key)): str(v) for key, v in given.items()}
    if isinstance(given, Iterable) and not isinstance(given, str):
        items = list(given)
        if items and all(_is_lexicon(item) for item in items):
            return labels(*items)
    raise ValueError(
        f"The 'labels' parameter of plot.{function or 'style'} must be a mapping (concept, "
        "(concept, variant), variant or outlet → label), a framing.Lexicon or a list of "
        f"lexicons. Got {type(given).__name__} instead."
    )


def _lexicon_records(record: Any) -> Iterator[dict[str, Any]]:
    """Every lexicon record in a provenance record, its inputs' included."""
    if not isinstance(record, Mapping):
        return
    lexicon = record.get("lexicon")
    if isinstance(lexicon, Mapping) and lexicon.get("name"):
        yield dict(lexicon)
        # several lexicons used as one (framing match --lexicon a --lexicon b)
        for part in lexicon.get("parts") or []:
            if isinstance(part, Mapping):
                yield dict(part)
    yield from _lexicon_records(record.get("inputs"))


def _from_provenance(table: pd.DataFrame) -> dict[Any, str]:
    """Labels of the bundled lexicon a table was made with (name and hash must match)."""
    from framing.lexicon import LexiconError, load_lexicon

    if not isinstance(table, pd.DataFrame):
        return {}
    found: dict[Any, str] = {}
    for record in _lexicon_records(table.attrs.get(ATTRS_KEY, {})):
        name = record.get("name")
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_-]+", name):
            continue  # only bundled lexicons are looked up, never a file
        try:
            lexicon = load_lexicon(name)
        except (LexiconError, OSError):
            continue
        if record.get("hash") == lexicon.fingerprint():
            found = {**labels(lexicon), **found}
    return found


@contextmanager
def pinned_labels(given: Any) -> Iterator[None]:
    """Pin ``given`` (a mapping or lexicons) as the labels of every chart in the block."""
    token = _PINNED_LABELS.set(None if given is None else _as_mapping(given, function="style"))
    try:
        yield
    finally:
        _PINNED_LABELS.reset(token)
