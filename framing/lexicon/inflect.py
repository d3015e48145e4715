"""Word forms for Russian and Ukrainian terms: generate every form, then match exactly.

Russian and Ukrainian nouns and adjectives change their endings with case and number
("Киев", "Киева", "Киеве"; "специальная военная операция", "специальной военной
операции"), so a term written once matches one form only. Instead of stemming the text,
each term of a ``language: ru`` or ``language: uk`` lexicon (or a term with
``inflect: ru``/``uk``) is **expanded into all its word forms** with pymorphy3 and its
Russian or Ukrainian dictionary, and the forms are matched by the one-pass engine
exactly as written terms are. Nothing downloads: the dictionaries are PyPI packages.

How a term is expanded (each rule is in ``docs/lexicons.md``, with examples):

1. The words are parsed. The **head** is the first noun in the nominative (a word that is
   also an adjective, such as "новые" or "російська", only when no other noun is); the words
   right before it that agree with it in the nominative (adjectives, participles:
   "специальная военная" before "операция") are its **modifiers**. With no noun, the
   last adjective or participle in the nominative is the head.
2. The head takes every case and number of its lexeme; each modifier takes the form
   that agrees with the head's form (case, number, gender in the singular; in the
   accusative, the nominative-like or genitive-like form as the head's own accusative
   is). Words after the head stay as written: "режим Киева" gives "режима Киева",
   "режимом Киева", ...; "Вооружённые силы Украины" keeps "Украины".
3. Words that are never inflected: acronyms (two to five capitals: "СВО", "ВСУ",
   "ДНР", "НАТО"; a longer word in capitals is a word), words
   with digits or Latin letters, words before the agreeing group ("так", "на"), and
   every word of a term with a ``*`` glob (the glob already covers the endings). A term
   with no word in the nominative ("на Украине") is matched as written.
4. **Hyphenated compounds** of two nouns that the dictionary does not know
   ("страна-агрессор", "держава-терорист") take the same case and number in both parts.
   **Other words the dictionary does not know** (new coinages, small places): pymorphy3's
   predictor proposes a paradigm by analogy with known words that end the same way; it
   is used only for a noun, adjective or participle parse in the nominative (the term
   must be written in its dictionary form), and the method is "predicted" in
   :func:`forms_table`. A capitalised word keeps only its proper-noun parses when it
   has one ("Бахмут" the town, not the given name). With no such parse the term is
   matched as written. Read the forms of predicted terms and fix them by hand.
5. **By hand**: ``add_forms`` (more forms, matched exactly) and ``remove_forms``
   (generated forms to drop) on the term; ``inflect: false`` to match a term as
   written.

Forms keep the written word's capitals ("Киев" → "Киеву"; "Вооружённые" →
"Вооружённых"). ё and е are one letter to the matcher, so forms differing only there are
one form.

The expansion is cached in memory by the lexicon's fingerprint (and per term); set the
environment variable ``FRAMING_CACHE_DIR`` to also keep it on disk, one JSON file per
lexicon fingerprint and dictionary version.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from framing._text import term_key
from framing._tokens import analyzer
from framing.lexicon._wordforms import Expansion, dictionary_versions, expand

if TYPE_CHECKING:  # pragma: no cover - typing only
    from framing.lexicon.model import Lexicon, Term

__all__ = [
    "FORMS_COLUMNS",
    "LANGUAGES",
    "Expansion",
    "analyzer",
    "dictionary_versions",
    "expand",
    "expanded_entries",
    "forms_table",
    "is_inflected",
    "shared_form_problems",
    "shared_forms",
    "term_forms",
    "term_language",
]

#: The languages whose terms can be inflected.
LANGUAGES: tuple[str, ...] = ("ru", "uk")

#: Columns of :func:`forms_table`.
FORMS_COLUMNS: tuple[str, ...] = ("concept", "variant", "term", "form", "method")


# -- which terms are inflected ------------------------------------------------------------
def term_language(term: Term, lexicon_language: str | None) -> str | None:
    """The language a term is inflected in, or None when it is matched as written.

    ``inflect: false`` turns inflection off; ``inflect: ru``/``uk`` turns it on in that
    language whatever the lexicon's; ``inflect: true`` (or nothing) follows the
    lexicon's language when it is Russian or Ukrainian.
    """
    setting = getattr(term, "inflect", None)
    if setting is False:
        return None
    if isinstance(setting, str):
        return setting if setting in LANGUAGES else None
    language = (lexicon_language or "").lower()
    return language if language in LANGUAGES else None


def is_inflected(lexicon: Lexicon) -> bool:
    """True when some term of the lexicon is expanded into word forms."""
    return any(term_language(term, lexicon.language) for _, _, term in lexicon.entries())


def term_forms(term: Term, lexicon_language: str | None) -> Expansion:
    """The forms of ``term`` in its lexicon, hand-added and hand-removed forms applied."""
    language = term_language(term, lexicon_language)
    if language is None:
        expansion = Expansion((term.pattern,), "as written: not inflected")
    else:
        expansion = expand(term.pattern, language)
    removed = {term_key(form) for form in getattr(term, "remove_forms", ())}
    forms = [form for form in expansion.forms if term_key(form) not in removed]
    seen = {term_key(form) for form in forms}
    for form in getattr(term, "add_forms", ()):
        if term_key(form) not in seen:
            seen.add(term_key(form))
            forms.append(form)
    return Expansion(tuple(forms), expansion.method)


# -- whole lexicons ------------------------------------------------------------------------
_TABLES: dict[str, pd.DataFrame] = {}


def _disk_cache(lexicon: Lexicon) -> Path | None:
    folder = os.environ.get("FRAMING_CACHE_DIR")
    if not folder:
        return None
    versions = json.dumps(dictionary_versions(), sort_keys=True)
    key = hashlib.sha256((lexicon.fingerprint() + versions).encode()).hexdigest()[:32]
    return Path(folder) / "forms" / f"{key}.json"


def forms_table(lexicon: Lexicon) -> pd.DataFrame:
    """Every term's forms: one row per form, ``concept, variant, term, form, method``.

    Terms matched as written have one row, the term itself. Cached by the lexicon's
    fingerprint in memory, and on disk under ``FRAMING_CACHE_DIR`` when it is set.
    """
    key = lexicon.fingerprint()
    if key in _TABLES:
        return _TABLES[key].copy()
    path = _disk_cache(lexicon)
    rows: list[dict[str, str]] | None = None
    if path is not None and path.is_file():
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            rows = None
    if rows is None:
        rows = [
            {
                "concept": concept.name,
                "variant": variant.name,
                "term": term.pattern,
                "form": form,
                "method": expansion.method,
            }
            for concept, variant, term in lexicon.entries()
            for expansion in [term_forms(term, lexicon.language)]
            for form in expansion.forms
        ]
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
            except OSError:  # a cache that cannot be written is only slower
                pass
    table = pd.DataFrame(rows, columns=list(FORMS_COLUMNS)).astype("string")
    if len(_TABLES) >= 16:
        _TABLES.pop(next(iter(_TABLES)))
    _TABLES[key] = table
    return table.copy()


def expanded_entries(lexicon: Lexicon) -> Iterable[tuple[str, str, str, bool, str]]:
    """``(concept, variant, term, case_sensitive, form)`` for every form of every term,
    in lexicon order: what the matcher compiles (see ``framing.matching``)."""
    if not is_inflected(lexicon) and not any(
        getattr(term, "add_forms", ()) for _, _, term in lexicon.entries()
    ):
        return [
            (concept.name, variant.name, term.pattern, term.case_sensitive, term.pattern)
            for concept, variant, term in lexicon.entries()
        ]
    table = forms_table(lexicon)
    forms: dict[tuple[str, str, str], list[str]] = {}
    # Whole columns as lists: walking the Arrow columns value by value cost 0.1 s at
    # 10,000 forms. (match compiles a lexicon once a session: framing._match_work.)
    for concept, variant, term, form in zip(
        table["concept"].tolist(),
        table["variant"].tolist(),
        table["term"].tolist(),
        table["form"].tolist(),
        strict=True,
    ):
        forms.setdefault((concept, variant, term), []).append(form)
    return [
        (concept.name, variant.name, term.pattern, term.case_sensitive, form)
        for concept, variant, term in lexicon.entries()
        for form in forms[(concept.name, variant.name, term.pattern)]
    ]


def shared_forms(lexicon: Lexicon) -> pd.DataFrame:
    """The forms that two terms of different variants generate alike.

    The matcher gives such a form's hits to the term that comes first in the lexicon;
    the other term never sees them ("Львова" is a form of the Russian "Львов" and of the
    Ukrainian "Львів"). One row per form and term: ``form, concept, variant, term``;
    empty when every form belongs to one variant.
    """
    table = forms_table(lexicon)
    keys = table["form"].map(term_key)
    variants = table["concept"] + "\x1f" + table["variant"]
    spread = variants.groupby(keys).nunique()
    shared = table[keys.isin(spread[spread > 1].index)]
    return shared[["form", "concept", "variant", "term"]].reset_index(drop=True)


def shared_form_problems(lexicon: Lexicon) -> list[Any]:
    """Warnings (``framing.lexicon.problems.Problem``) for the forms of :func:`shared_forms`."""
    from framing.lexicon.problems import WARNING, Problem

    shared = shared_forms(lexicon)
    problems = []
    for _, rows in shared.groupby(shared["form"].map(term_key), sort=False):
        first, *others = rows.to_dict("records")
        for other in others:
            if (other["concept"], other["variant"]) == (first["concept"], first["variant"]):
                continue
            problems.append(
                Problem(
                    WARNING,
                    "shared_form",
                    f"its form {other['form']!r} is also a form of {first['term']!r} "
                    f"(concept {first['concept']!r}, variant {first['variant']!r}), which "
                    "comes first and gets the hits; list the form in remove_forms of one "
                    "of the two terms",
                    concept=other["concept"],
                    variant=other["variant"],
                    term=other["term"],
                )
            )
    return problems
