"""The native YAML format: everything a lexicon holds (sources, notes, case, reference,
descriptions, sense rules, measured precision), written canonically and read back with the
line of every problem.

The format itself, with an example, is in ``docs/lexicons.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from framing.lexicon.formats._common import Parsed
from framing.lexicon.formats._native_keys import (
    _CONCEPT_KEYS,
    _CONDITION_KEYS,
    _CONTEXT_KEYS,
    _EXCLUSION_KEYS,
    _LEXICON_KEYS,
    _MEASUREMENT_KEYS,
    _PRECISION_KEYS,
    _TERM_KEYS,
    _VARIANT_KEYS,
)
from framing.lexicon.formats._yaml import compose
from framing.lexicon.model import (
    Concept,
    Condition,
    Context,
    Exclusion,
    Measurement,
    Term,
    Variant,
)
from framing.lexicon.problems import ERROR, Problem


def parse(text: str, file: str, name: str, categories: set[str] | None = None) -> Parsed:
    """Read a native lexicon file's text; ``name`` is the default name (the file's stem).

    A native lexicon has no categories to select (the registry refuses ``categories``).
    """
    parsed = Parsed(file)
    data, lines = compose(text, parsed)
    if parsed.problems:
        return parsed
    read = _Reader(parsed, lines)
    if not read.keys(data, _LEXICON_KEYS, "the lexicon", ()):
        return parsed
    metadata = read.metadata(data, name)
    for concept_name, concept_data in read.concepts(data).items():
        concept = read.concept(concept_name, concept_data)
        if concept is not None:
            parsed.concepts.append(concept)
    metadata["exclusions"] = tuple(read.exclusions(data.get("exclusions")))
    metadata["conditions"] = tuple(read.conditions)
    measured_on, rows = read.precision(data.get("precision"))
    metadata["precision"] = tuple(rows)
    metadata["measured_on"] = measured_on
    parsed.metadata = metadata
    parsed.locate = partial(_locate, lines)
    parsed.finish()
    return parsed


# A path of keys and list indexes into the YAML data, as compose() maps them to lines.
KeyPath = tuple[Any, ...]


@dataclass
class _Reader:
    """Reads the parsed YAML of one lexicon file level by level, reporting every problem
    with the line of its key (``lines``: path of keys and indexes to 1-based line)."""

    parsed: Parsed
    lines: Mapping[KeyPath, int]
    #: The conditions found on variants and terms, in file order.
    conditions: list[Condition] = field(default_factory=list)

    def error(self, rule: str, message: str, path: KeyPath, **place: Any) -> None:
        self.parsed.add(ERROR, rule, message, self.lines.get(path), **place)

    def keys(
        self, mapping: Any, allowed: tuple[str, ...], what: str, path: KeyPath, **place: Any
    ) -> bool:
        """Report a non-mapping or unknown keys; return True when ``mapping`` is usable."""
        if not isinstance(mapping, dict):
            self.error(
                "structure",
                f"{what} must be a mapping of keys ({', '.join(allowed)}); "
                f"got {type(mapping).__name__} {mapping!r}",
                path,
                **place,
            )
            return False
        for key in mapping:
            if key not in allowed:
                self.error(
                    "unknown_key",
                    f"unknown key {key!r} in {what}; the allowed keys are {', '.join(allowed)}",
                    (*path, key),
                    **place,
                )
        return True

    def text(self, value: Any, what: str, path: KeyPath, **place: Any) -> str | None:
        """``value`` as text, None when absent; a number is text, anything else an error."""
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int):
            hint = ' (write it in quotes: version: "1.0")' if isinstance(value, float) else ""
            self.error(
                "type",
                f"{what} must be text; got {type(value).__name__} {value!r}{hint}",
                path,
                **place,
            )
            return None
        return str(value)

    def metadata(self, data: dict[str, Any], name: str) -> dict[str, Any]:
        """The lexicon's name (``name`` unless the file gives one), version, ..., sources."""
        metadata: dict[str, Any] = {"name": name}
        for key in ("name", "version", "language", "description", "licence"):
            if key in data:
                value = self.text(data[key], f"the lexicon's {key!r}", (key,))
                if value is not None:
                    metadata[key] = value
        sources = data.get("sources") or {}
        if not isinstance(sources, dict):
            self.error(
                "structure", "'sources' must map each source id to its full citation", ("sources",)
            )
            sources = {}
        metadata["sources"] = {
            str(key): "" if value is None else str(value) for key, value in sources.items()
        }
        return metadata

    def concepts(self, data: dict[str, Any]) -> dict[Any, Any]:
        """The mapping of concept names to concepts (empty, with an error, when it is not)."""
        concepts = data.get("concepts")
        if not isinstance(concepts, dict) or not concepts:
            self.parsed.add(
                ERROR,
                "structure",
                "'concepts' must map each concept name to its description and variants",
                self.lines.get(("concepts",), 1),
            )
            return {}
        return concepts

    def concept(self, name: Any, data: Any) -> Concept | None:
        path = ("concepts", name)
        here = {"concept": str(name)}
        if not self.keys(data, _CONCEPT_KEYS, f"concept {name!r}", path, **here):
            return None
        variants_data = data.get("variants") or {}
        if not isinstance(variants_data, dict):
            self.error(
                "structure",
                "'variants' must map each variant name to its terms",
                (*path, "variants"),
                **here,
            )
            return None
        variants = [
            variant
            for variant_name, variant_data in variants_data.items()
            if (variant := self.variant(path, variant_name, variant_data, here)) is not None
        ]
        description = self.text(
            data.get("description"), "a concept's description", (*path, "description"), **here
        )
        return Concept(name, tuple(variants), description=description)

    def variant(
        self, concept_path: KeyPath, name: Any, data: Any, here: dict[str, str]
    ) -> Variant | None:
        path = (*concept_path, "variants", name)
        there = {**here, "variant": str(name)}
        if not self.keys(data, _VARIANT_KEYS, f"variant {name!r}", path, **there):
            return None
        reference = data.get("reference", False)
        if not isinstance(reference, bool):
            self.error(
                "type",
                f"'reference' must be true or false; got {reference!r}",
                (*path, "reference"),
                **there,
            )
        terms_data = data.get("terms") or []
        if not isinstance(terms_data, list):
            self.error("structure", "'terms' must be a list of terms", (*path, "terms"), **there)
            terms_data = []
        terms = [
            term
            for index, item in enumerate(terms_data)
            if (term := self.term(item, (*path, "terms", index), there))
        ]
        description = self.text(
            data.get("description"), "a variant's description", (*path, "description"), **there
        )
        self.condition(data, path, str(here["concept"]), str(name), None, there)
        return Variant(name, tuple(terms), reference=reference is True, description=description)

    def term(self, item: Any, path: KeyPath, place: dict[str, str]) -> Term | None:
        """A term: a bare string, or a mapping with ``term`` and its options."""
        if isinstance(item, str):
            return Term(item)
        if not self.keys(item, _TERM_KEYS, "a term", path, **place):
            return None
        if "term" not in item:
            self.error("structure", "a term mapping needs the key 'term'", path, **place)
            return None
        pattern = item["term"]
        where = {**place, "term": str(pattern)}
        if not isinstance(pattern, str):
            self.error(
                "type",
                f"'term' must be text; got {type(pattern).__name__} {pattern!r} (quote it)",
                path,
                **where,
            )
            return None
        case_sensitive = item.get("case_sensitive", False)
        if not isinstance(case_sensitive, bool):
            self.error(
                "type",
                f"'case_sensitive' must be true or false; got {case_sensitive!r}",
                path,
                **where,
            )
            case_sensitive = False
        sources = item.get("sources") or []
        if isinstance(sources, str):
            sources = [sources]
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            self.error(
                "type", f"'sources' must be a list of source ids; got {sources!r}", path, **where
            )
            sources = []
        note = item.get("note")
        if note is not None and not isinstance(note, str):
            self.error("type", f"'note' must be text; got {note!r}", path, **where)
            note = None
        self.condition(item, path, place["concept"], place["variant"], pattern, where)
        return Term(
            pattern,
            case_sensitive=case_sensitive,
            note=note,
            sources=tuple(sources),
            **self.inflection(item, path, where),
        )

    def inflection(self, item: dict[str, Any], path: KeyPath, where: dict[str, str]) -> dict:
        """A term's word-form settings: ``inflect``, ``add_forms``, ``remove_forms``."""
        found: dict[str, Any] = {}
        inflect = item.get("inflect")
        if inflect is not None:
            if isinstance(inflect, bool) or inflect in ("ru", "uk"):
                found["inflect"] = inflect
            else:
                self.error(
                    "type",
                    f"'inflect' must be true, false, ru or uk; got {inflect!r}",
                    path,
                    **where,
                )
        for key in ("add_forms", "remove_forms"):
            forms = item.get(key)
            if forms is None:
                continue
            if isinstance(forms, str):
                forms = [forms]
            if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
                self.error("type", f"'{key}' must be a list of forms; got {forms!r}", path, **where)
                continue
            found[key] = tuple(forms)
        return found

    # -- sense rules and measured precision --------------------------------------------
    def condition(
        self,
        data: dict[str, Any],
        path: KeyPath,
        concept: str,
        variant: str,
        term: str | None,
        place: dict[str, str],
    ) -> None:
        """The ``if_near`` / ``unless_near`` contexts of a variant or term, if any."""
        contexts = {
            key: self.context(data[key], (*path, key), place, key)
            for key in _CONDITION_KEYS
            if key in data
        }
        if contexts:
            self.conditions.append(Condition(concept, variant, term, **contexts))

    def context(self, data: Any, path: KeyPath, place: dict[str, str], key: str) -> Context | None:
        what = f"'{key}' (a mapping of within, side, words, concepts, lexicons, note)"
        if not self.keys(data, _CONTEXT_KEYS, what, path, **place):
            return None
        if "within" not in data:
            self.error(
                "structure",
                f"'{key}' needs 'within': how many words before and after the hit to look at",
                path,
                **place,
            )
            return None
        lists = {}
        for name in ("words", "concepts", "lexicons"):
            value = data.get(name) or []
            if isinstance(value, str):
                value = [value]
            if isinstance(value, list):  # a year, say, written without quotes: 1944
                value = [
                    str(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in value
                ]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                self.error(
                    "type",
                    f"'{name}' of '{key}' must be a list of text; got {value!r}",
                    (*path, name),
                    **place,
                )
                value = []
            lists[name] = tuple(value)
        note = self.text(data.get("note"), f"the note of '{key}'", (*path, "note"), **place)
        side = self.text(data.get("side"), f"the side of '{key}'", (*path, "side"), **place)
        return Context(data["within"], note=note, side=side or "both", **lists)

    def exclusions(self, data: Any) -> list[Exclusion]:
        if data is None:
            return []
        if not isinstance(data, list):
            self.error("structure", "'exclusions' must be a list of phrases", ("exclusions",))
            return []
        found = []
        for index, item in enumerate(data):
            path = ("exclusions", index)
            if isinstance(item, str):
                found.append(Exclusion(item))
                continue
            if not self.keys(item, _EXCLUSION_KEYS, "an exclusion", path):
                continue
            phrase = item.get("phrase")
            if not isinstance(phrase, str):
                self.error(
                    "structure",
                    f"an exclusion mapping needs the text 'phrase'; got {phrase!r}",
                    path,
                )
                continue
            case_sensitive = item.get("case_sensitive", False)
            sources = item.get("sources") or []
            sources = [sources] if isinstance(sources, str) else sources
            note = item.get("note")
            if (
                not isinstance(case_sensitive, bool)
                or not isinstance(sources, list)
                or not all(isinstance(s, str) for s in sources)
                or (note is not None and not isinstance(note, str))
            ):
                self.error(
                    "type",
                    "an exclusion's case_sensitive must be true or false, its sources a list "
                    "of source ids and its note text",
                    path,
                    term=phrase,
                )
                continue
            found.append(Exclusion(phrase, case_sensitive, note, tuple(sources)))
        return found

    def precision(self, data: Any) -> tuple[str | None, list[Measurement]]:
        if data is None:
            return None, []
        if not self.keys(data, _PRECISION_KEYS, "'precision'", ("precision",)):
            return None, []
        measured_on = self.text(
            data.get("measured_on"), "'measured_on'", ("precision", "measured_on")
        )
        rows_data = data.get("rows") or []
        if not isinstance(rows_data, list):
            self.error("structure", "'rows' must be a list", ("precision", "rows"))
            return measured_on, []
        rows = []
        for index, item in enumerate(rows_data):
            path = ("precision", "rows", index)
            if isinstance(item, dict):
                # YAML 1.1 reads the keys yes and no unquoted as true and false.
                item = {
                    {True: "yes", False: "no"}.get(k, k) if isinstance(k, bool) else k: v
                    for k, v in item.items()
                }
            if not self.keys(item, _MEASUREMENT_KEYS, "a precision row", path):
                continue
            missing = [
                key for key in _MEASUREMENT_KEYS[:-1] if key not in item and key != "variant"
            ]
            if missing:
                self.error("structure", f"the precision row lacks {missing}", path)
                continue
            rows.append(
                Measurement(
                    concept=str(item["concept"]),
                    variant=None if item.get("variant") is None else str(item["variant"]),
                    note=item.get("note"),
                    **{key: item[key] for key in _MEASUREMENT_KEYS[2:-1]},
                )
            )
        return measured_on, rows


def _locate(lines: Mapping[KeyPath, int], problem: Problem) -> int | None:
    """The line of a problem the lexicon rules found, from its place."""
    if problem.source_id is not None:
        return lines.get(("sources", problem.source_id))
    if problem.key == "exclusions":
        return lines.get(("exclusions", problem.item))
    if problem.key == "precision":
        return lines.get(("precision", "rows", problem.item))
    if problem.concept is None:
        return None
    path: KeyPath = ("concepts", problem.concept)
    if problem.variant is not None:
        path = (*path, "variants", problem.variant)
        if problem.term_index is not None:
            path = (*path, "terms", problem.term_index)
    if problem.key in _CONDITION_KEYS and (*path, problem.key) in lines:
        return lines[(*path, problem.key)]
    return lines.get(path)
