"""The Lexicon model: concepts, their variants (framings), and the terms that signal them.

A :class:`Lexicon` holds :class:`Concept` objects (``war_name``, ``capital_spelling``);
each concept has named :class:`Variant` objects (``kremlin``, ``ukrainian``, ``neutral``),
one of which may be the reference; each variant has :class:`Term` objects (the pattern
to find). All four are immutable (frozen dataclasses holding tuples), so a lexicon can be
hashed, shared between processes and cached safely.

As a table (``Lexicon.to_dataframe``) a lexicon has one row per term with the columns
``concept, variant, term, case_sensitive, sources, note`` (plus ``reference``, ``glob``).

Sense rules (see ``docs/lexicons.md``): a lexicon may hold :class:`Exclusion` phrases,
which claim their words so that no term inside them is counted, and :class:`Condition`
objects, which count a term's (or a variant's) hits only when a :class:`Context` occurs
near them (``if_near``) or not when one does (``unless_near``). Its measured precision,
when it has been measured, is a table of :class:`Measurement` rows.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from types import MappingProxyType
from typing import Any

import pandas as pd

from framing.errors import LexiconError
from framing.lexicon.sense_rules import Condition, Context, Exclusion, Measurement
from framing.lexicon.terms import Concept, Term, Variant

__all__ = [
    "LEXICON_COLUMNS",
    "Concept",
    "Condition",
    "Context",
    "Exclusion",
    "Lexicon",
    "LexiconError",
    "Measurement",
    "Term",
    "Variant",
]

# The native YAML writer (framing.lexicon.formats.native registers it): Lexicon.to_yaml
# calls it without importing the formats, which import this module.
_YAML_WRITER: list[Callable[[Lexicon], str]] = []


def register_yaml_writer(writer: Callable[[Lexicon], str]) -> None:
    """Make ``writer`` the function behind :meth:`Lexicon.to_yaml`."""
    _YAML_WRITER[:] = [writer]


#: Columns of the lexicon table, in order.
LEXICON_COLUMNS: tuple[str, ...] = (
    "concept",
    "variant",
    "term",
    "case_sensitive",
    "sources",
    "note",
    "reference",
)


@dataclass(frozen=True)
class Lexicon:
    """An immutable reference vocabulary: concepts, variants, terms, and their sources.

    Examples
    --------
    >>> lexicon = Lexicon.from_dataframe(pd.DataFrame({
    ...     "concept": ["capital_spelling", "capital_spelling"],
    ...     "variant": ["russian_derived", "ukrainian_derived"],
    ...     "term": ["Kiev", "Kyiv"]}), name="capital")
    >>> [v.name for v in lexicon.concept("capital_spelling").variants]
    ['russian_derived', 'ukrainian_derived']
    """

    name: str
    concepts: tuple[Concept, ...]
    version: str = "0"
    language: str = "en"
    description: str | None = None
    sources: Mapping[str, str] = field(default_factory=dict)
    licence: str | None = None
    #: Phrases that claim their words (sense rules).
    exclusions: tuple[Exclusion, ...] = ()
    #: Context conditions on terms and variants (sense rules).
    conditions: tuple[Condition, ...] = ()
    #: Measured precision per concept and variant (empty when not measured).
    precision: tuple[Measurement, ...] = ()
    #: The corpus and the codes the precision was measured on.
    measured_on: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "concepts", tuple(self.concepts))
        object.__setattr__(self, "sources", MappingProxyType(dict(self.sources)))
        for name in ("exclusions", "conditions", "precision"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        # Conditions in lexicon order (a variant's before its terms'), however they were
        # given: a lexicon read back from its YAML file is equal to the one written.
        order: dict[tuple[str, str, str | None], int] = {}
        for concept in self.concepts:
            for variant in concept.variants:
                order.setdefault((concept.name, variant.name, None), len(order))
                for term in variant.terms:
                    order.setdefault((concept.name, variant.name, term.pattern), len(order))
        object.__setattr__(
            self,
            "conditions",
            tuple(
                sorted(
                    self.conditions,
                    key=lambda c: order.get((c.concept, c.variant, c.term), len(order)),
                )
            ),
        )
        if not isinstance(self.version, str):
            raise LexiconError(
                f'The version of lexicon {self.name!r} must be text such as "1.0"; '
                f"got {self.version!r}."
            )
        # Every rule is checked when a lexicon is built, however it was built, so no
        # code downstream meets a duplicate term or a glob that swallows another term.
        from framing.lexicon.problems import raise_for_errors
        from framing.lexicon.rules import lexicon_problems

        raise_for_errors(
            lexicon_problems(
                self.concepts,
                self.sources,
                exclusions=self.exclusions,
                conditions=self.conditions,
                precision=self.precision,
            ),
            heading=f"Lexicon {self.name!r} breaks the lexicon rules",
        )

    def __hash__(self) -> int:
        return hash(self.fingerprint())

    # Picklable (joblib, multiprocessing, dask send lexicons to other processes): the
    # read-only view of the sources travels as a dict.
    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "sources": dict(self.sources)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "sources", MappingProxyType(dict(self.sources)))

    # -- navigation --------------------------------------------------------------------
    def concept(self, name: str) -> Concept:
        """Return the concept called ``name``."""
        for concept in self.concepts:
            if concept.name == name:
                return concept
        raise KeyError(f"Lexicon {self.name!r} has no concept {name!r}.")

    def entries(self) -> Iterator[tuple[Concept, Variant, Term]]:
        """Yield every ``(concept, variant, term)`` in file order."""
        for concept in self.concepts:
            for variant in concept.variants:
                for term in variant.terms:
                    yield concept, variant, term

    def __len__(self) -> int:
        return sum(1 for _ in self.entries())

    @property
    def has_rules(self) -> bool:
        """True when the lexicon has exclusions or conditions."""
        return bool(self.exclusions or self.conditions)

    def precision_table(self) -> pd.DataFrame:
        """The measured precision: one row per concept (``variant`` missing) and variant.

        Columns ``concept, variant, hits, yes, no, unsure, precision, low, high, note``;
        empty when the lexicon has not been measured (see ``measured_on``).
        """
        columns = ["concept", "variant", "hits", "yes", "no", "unsure", "precision", "low"]
        columns += ["high", "note"]
        table = pd.DataFrame(
            [{column: getattr(row, column) for column in columns} for row in self.precision],
            columns=columns,
        )
        for column in ("concept", "variant", "note"):
            table[column] = table[column].astype("string")
        for column in ("hits", "yes", "no", "unsure"):
            table[column] = table[column].astype("int64")
        for column in ("precision", "low", "high"):
            table[column] = table[column].astype("float64")
        return table

    # -- tables ------------------------------------------------------------------------
    def to_dataframe(self) -> pd.DataFrame:
        """Return one row per term: ``concept, variant, term, case_sensitive, sources,
        note, reference``. ``sources`` holds tuples of source ids."""
        rows = [
            {
                "concept": concept.name,
                "variant": variant.name,
                "term": term.pattern,
                "case_sensitive": term.case_sensitive,
                "sources": term.sources,
                "note": term.note,
                "reference": variant.reference,
            }
            for concept, variant, term in self.entries()
        ]
        table = pd.DataFrame(rows, columns=list(LEXICON_COLUMNS))
        for column in ("concept", "variant", "term", "note"):
            table[column] = table[column].astype("string")
        table["case_sensitive"] = table["case_sensitive"].astype(bool)
        table["reference"] = table["reference"].astype(bool)
        table["sources"] = table["sources"].astype(object)
        # Word-form settings (framing.lexicon.inflect) get columns only when used.
        for column in ("inflect", "add_forms", "remove_forms"):
            values = [term._inflection().get(column) for _, _, term in self.entries()]
            if any(value is not None for value in values):
                table[column] = pd.Series(
                    [tuple(v) if isinstance(v, list) else v for v in values], dtype=object
                )
        table.attrs["lexicon"] = {**self.metadata(), "descriptions": self._descriptions()}
        # Sense rules and measured precision have no column: they travel in the attrs
        # (a term's condition names its term, so it follows the term through filters).
        if self.exclusions or self.conditions:
            table.attrs["lexicon"]["rules"] = {
                "exclusions": list(self.exclusions),
                "conditions": list(self.conditions),
            }
        if self.precision or self.measured_on is not None:
            table.attrs["lexicon"]["precision"] = {
                "measured_on": self.measured_on,
                "rows": list(self.precision),
            }
        return table

    def forms(self) -> pd.DataFrame:
        """Every term's word forms, as the matcher looks for them.

        One row per form: ``concept, variant, term, form, method``. In a ``ru`` or
        ``uk`` lexicon each term is expanded into its case and number forms
        (:mod:`framing.lexicon.inflect`); other terms have one row, the term itself.
        """
        from framing.lexicon.inflect import forms_table

        return forms_table(self)

    def _descriptions(self) -> dict[str, Any]:
        """Concept and variant descriptions, which have no column in the table."""
        return {
            concept.name: {
                "description": concept.description,
                "variants": {variant.name: variant.description for variant in concept.variants},
            }
            for concept in self.concepts
            if concept.description is not None
            or any(variant.description is not None for variant in concept.variants)
        }

    @classmethod
    def from_dataframe(
        cls,
        table: pd.DataFrame,
        *,
        name: str | None = None,
        version: str | None = None,
        **metadata: Any,
    ) -> Lexicon:
        """Build a lexicon from a table with at least ``concept, variant, term``.

        ``case_sensitive`` defaults to False, ``sources`` to none, ``note`` to none,
        ``reference`` to False. Concepts, variants and terms keep the table's order.
        Metadata not given comes from ``table.attrs["lexicon"]`` when present.
        """
        missing = [c for c in ("concept", "variant", "term") if c not in table.columns]
        if missing:
            raise LexiconError(
                f"A lexicon table needs the columns concept, variant and term; it lacks {missing}."
            )
        stored = dict(table.attrs.get("lexicon", {}))
        stored.update({k: v for k, v in metadata.items() if v is not None})
        if name is not None:
            stored["name"] = name
        if version is not None:
            stored["version"] = version
        stored.setdefault("name", "lexicon")
        concepts: dict[str, dict[str, dict[str, Any]]] = {}
        for row_number, row in enumerate(table.to_dict("records")):
            for column in ("concept", "variant", "term"):
                if not isinstance(row[column], str) or not row[column].strip():
                    raise LexiconError(
                        f"Row {row_number} of the lexicon table has no {column} "
                        f"(got {row[column]!r})."
                    )
            variants = concepts.setdefault(row["concept"], {})
            slot = variants.setdefault(row["variant"], {"terms": [], "reference": False})
            sources = row.get("sources")
            if sources is None or (isinstance(sources, float) and sources != sources):
                sources = ()
            elif isinstance(sources, str):
                sources = tuple(
                    s.strip() for s in sources.replace(";", ",").split(",") if s.strip()
                )
            note = row.get("note")
            if note is None or note is pd.NA or (isinstance(note, float) and note != note):
                note = None
            case_sensitive = row.get("case_sensitive")
            case_sensitive = (
                False if case_sensitive is None or pd.isna(case_sensitive) else bool(case_sensitive)
            )
            reference = row.get("reference")
            if reference is not None and not pd.isna(reference) and bool(reference):
                slot["reference"] = True
            inflection = {}
            for column in ("inflect", "add_forms", "remove_forms"):
                value = row.get(column)
                if isinstance(value, list | tuple) or (value is not None and not pd.isna(value)):
                    inflection[column] = tuple(value) if column != "inflect" else value
            slot["terms"].append(
                Term(
                    row["term"],
                    case_sensitive=case_sensitive,
                    note=note,
                    sources=tuple(sources),
                    **inflection,
                )
            )
        descriptions = stored.get("descriptions") or {}
        built = tuple(
            Concept(
                concept,
                tuple(
                    Variant(
                        variant,
                        tuple(slot["terms"]),
                        reference=slot["reference"],
                        description=(descriptions.get(concept) or {})
                        .get("variants", {})
                        .get(variant),
                    )
                    for variant, slot in variants.items()
                ),
                description=(descriptions.get(concept) or {}).get("description"),
            )
            for concept, variants in concepts.items()
        )
        allowed = {"name", "version", "language", "description", "sources", "licence"}
        rules = stored.get("rules") or {}
        measured = stored.get("precision") or {}
        present = {
            (concept.name, variant.name, term.pattern)
            for concept in built
            for variant in concept.variants
            for term in variant.terms
        }
        present |= {
            (concept.name, variant.name, None) for concept in built for variant in concept.variants
        }
        return cls(
            concepts=built,
            exclusions=tuple(rules.get("exclusions", ())),
            # Conditions on terms or variants the table no longer holds are dropped.
            conditions=tuple(
                condition
                for condition in rules.get("conditions", ())
                if (condition.concept, condition.variant, condition.term) in present
            ),
            precision=tuple(measured.get("rows", ())),
            measured_on=measured.get("measured_on"),
            **{k: v for k, v in stored.items() if k in allowed},
        )

    # -- identity ----------------------------------------------------------------------
    def metadata(self) -> dict[str, Any]:
        """Return name, version, language, description, sources and licence as a dict."""
        return {
            "name": self.name,
            "version": self.version,
            "language": self.language,
            "description": self.description,
            "sources": dict(self.sources),
            "licence": self.licence,
        }

    def fingerprint(self) -> str:
        """Return a SHA-256 hash of the lexicon's content (metadata and every term)."""
        if "_fingerprint" not in self.__dict__:  # once: immutable, and match asks often
            object.__setattr__(self, "_fingerprint", self._content_hash())
        return self.__dict__["_fingerprint"]

    def _content_hash(self) -> str:
        content = {
            "metadata": self.metadata(),
            "concepts": [
                [
                    concept.name,
                    concept.description,
                    [
                        [
                            variant.name,
                            variant.reference,
                            variant.description,
                            [
                                [t.pattern, t.case_sensitive, t.note, list(t.sources)]
                                + ([t._inflection()] if t._inflection() else [])
                                for t in variant.terms
                            ],
                        ]
                        for variant in concept.variants
                    ],
                ]
                for concept in self.concepts
            ],
        }
        # Only when present, so that a lexicon without them keeps its fingerprint.
        if self.exclusions:
            content["exclusions"] = [asdict(exclusion) for exclusion in self.exclusions]
        if self.conditions:
            content["conditions"] = [asdict(condition) for condition in self.conditions]
        if self.precision or self.measured_on is not None:
            content["precision"] = {
                "measured_on": self.measured_on,
                "rows": [asdict(row) for row in self.precision],
            }
        encoded = json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return "sha256:" + hashlib.sha256(encoded).hexdigest()

    def summary(self) -> pd.DataFrame:
        """Return one row per concept × variant with its number of terms."""
        rows = [
            {
                "concept": concept.name,
                "variant": variant.name,
                "reference": variant.reference,
                "terms": len(variant.terms),
                "examples": ", ".join(t.pattern for t in variant.terms[:4]),
            }
            for concept in self.concepts
            for variant in concept.variants
        ]
        return pd.DataFrame(rows, columns=["concept", "variant", "reference", "terms", "examples"])

    def precision_range(self) -> str | None:
        """The measured precision in a few words: ``"0.89-1.00 over 12 concepts, 11 on
        target"``; None when the lexicon has not been measured.

        The target is precision >= 0.90 with a lower Wilson bound >= 0.80. The rows are the
        concepts', or the variants' when only variants were measured.
        """
        rows = [row for row in self.precision if row.variant is None] or list(self.precision)
        if not rows:
            return None
        values = [row.precision for row in rows]
        on_target = sum(row.precision >= 0.9 and row.low >= 0.8 for row in rows)
        kind = "concepts" if rows[0].variant is None else "variants"
        return f"{min(values):.2f}-{max(values):.2f} over {len(rows)} {kind}, {on_target} on target"

    def __repr__(self) -> str:
        measured = self.precision_range()
        return (
            f"<Lexicon {self.name!r} v{self.version}: {len(self.concepts)} concepts, "
            f"{sum(len(c.variants) for c in self.concepts)} variants, {len(self)} terms"
            + (f"; precision {measured}" if measured else "")
            + ">"
        )

    def _repr_html_(self) -> str:
        from framing.lexicon.display import lexicon_html

        return lexicon_html(self)

    # -- files -------------------------------------------------------------------------
    def to_yaml(self, path: str | os.PathLike[str] | None = None) -> str:
        """Return the lexicon in the native YAML format; also write it to ``path`` if given.

        The text is canonical: the same lexicon always gives the same bytes, and
        ``read_lexicon`` reads it back to an equal lexicon.

        Examples
        --------
        >>> lexicon = Lexicon.from_dataframe(pd.DataFrame({
        ...     "concept": ["capital_spelling"] * 2,
        ...     "variant": ["russian_derived", "ukrainian_derived"],
        ...     "term": ["Kiev", "Kyiv"]}), name="capital")
        >>> print(lexicon.to_yaml())  # doctest: +ELLIPSIS
        name: capital
        version: "0"
        ...
        """
        # The native writer lives with the formats, which build on this module; it
        # registers itself when framing.lexicon is imported.
        text = _YAML_WRITER[0](self)
        if path is not None:
            with open(path, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        return text
