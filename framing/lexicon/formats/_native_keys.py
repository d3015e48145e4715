"""The keys of the native YAML format at each level, in the order the writer puts them."""

from __future__ import annotations

_LEXICON_KEYS = (
    "name",
    "version",
    "language",
    "description",
    "licence",
    "sources",
    "precision",
    "exclusions",
    "concepts",
)
_CONCEPT_KEYS = ("description", "variants")
_VARIANT_KEYS = ("description", "reference", "if_near", "unless_near", "terms")
_TERM_KEYS = (
    "term",
    "case_sensitive",
    "sources",
    "note",
    "inflect",
    "add_forms",
    "remove_forms",
    "if_near",
    "unless_near",
)
_EXCLUSION_KEYS = ("phrase", "case_sensitive", "sources", "note")
_CONTEXT_KEYS = ("within", "side", "words", "concepts", "lexicons", "note")
_PRECISION_KEYS = ("measured_on", "rows")
_MEASUREMENT_KEYS = (
    "concept",
    "variant",
    "hits",
    "yes",
    "no",
    "unsure",
    "precision",
    "low",
    "high",
    "note",
)
_CONDITION_KEYS = ("if_near", "unless_near")
_COUNTS = ("hits", "yes", "no", "unsure")
# Unquoted, YAML 1.1 reads the keys yes and no as true and false.
_MEASUREMENT_LABELS = {"yes": '"yes"', "no": '"no"'}
