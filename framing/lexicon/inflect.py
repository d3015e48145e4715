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

import functools
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from framing._text import term_key

if TYPE_CHECKING:  # pragma: no cover - typing only
    from framing.lexicon.model import Lexicon, Term

#: The languages whose terms can be inflected.
LANGUAGES: tuple[str, ...] = ("ru", "uk")

#: Columns of :func:`forms_table`.
FORMS_COLUMNS: tuple[str, ...] = ("concept", "variant", "term", "form", "method")

_NOMINAL = frozenset({"NOUN", "ADJF", "PRTF"})
_MODIFIER = frozenset({"ADJF", "PRTF"})
_PROPER = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn", "Trad"})
_PERSONAL = frozenset({"Name", "Surn", "Patr"})
# Forms of an adjective's lexeme that never stand before a noun: short forms, degrees.
_NOT_ATTRIBUTIVE = frozenset({"Supr", "Cmp2"})
# The case a modifier takes for each case of the head.
_MODIFIER_CASE = {"loc2": "loct", "gen2": "gent", "acc2": "accs", "loc1": "loct", "gen1": "gent"}


@dataclass(frozen=True)
class Expansion:
    """The forms of one term and how they were made.

    Attributes
    ----------
    forms : tuple of str
        Every form, the term as written first.
    method : str
        "dictionary", "predicted" (a word came from pymorphy3's predictor), or
        "as written: <reason>".
    """

    forms: tuple[str, ...]
    method: str


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


# -- pymorphy3 ---------------------------------------------------------------------------
@functools.cache
def analyzer(language: str) -> Any:
    """The pymorphy3 analyser of ``language`` ("ru" or "uk"), loaded once."""
    if language not in LANGUAGES:
        raise ValueError(f"Word forms exist for {list(LANGUAGES)}; got {language!r}.")
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=language)


def dictionary_versions() -> dict[str, str]:
    """The versions of pymorphy3 and its dictionaries (they decide the forms)."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for package in ("pymorphy3", "pymorphy3-dicts-ru", "pymorphy3-dicts-uk"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:  # pragma: no cover - depends on the environment
            found[package] = "absent"
    return found


_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen1", "gen2", "acc2",
          "loc1", "loc2")  # fmt: skip
_GENDERS = ("masc", "femn", "neut", "ms-f")


@functools.lru_cache(maxsize=65536)
def _tag_info(text: str) -> tuple[str | None, str | None, str, str | None]:
    """(part of speech, case as a modifier takes it, number, gender) of a tag's text.

    Read from the text once per distinct tag: pymorphy3's own attributes are slow, and
    its grammeme objects refuse comparisons with unknown names.
    """
    grammemes = text.replace(" ", ",").split(",")
    pos = grammemes[0] if grammemes and grammemes[0].isupper() else None
    case = next((g for g in grammemes if g in _CASES), None)
    gender = next((g for g in grammemes if g in _GENDERS), None)
    # The Ukrainian dictionary marks the plural only; no number means singular.
    number = "plur" if "plur" in grammemes else "sing"
    return pos, _MODIFIER_CASE.get(case, case) if case else None, number, gender


def _info(tag: Any) -> tuple[str | None, str | None, str, str | None]:
    return _tag_info(getattr(tag, "_str", None) or str(tag))


def _case(tag: Any) -> str | None:
    return _info(tag)[1]


def _gender(tag: Any) -> str | None:
    return _info(tag)[3]


def _pos(tag: Any) -> str | None:
    return _info(tag)[0]


@functools.lru_cache(maxsize=65536)
def _word_known(word: str, language: str) -> bool:
    return bool(analyzer(language).word_is_known(word))


def _number(tag: Any) -> str:
    return _info(tag)[2]


def _restore_case(form: str, written: str) -> str:
    """``form`` (lower case) with the capitals of the word as written."""
    if written.isupper() and len(written) > 1:
        return form.upper()
    if written[:1].isupper():
        pieces = form.split("-")
        shape = written.split("-")
        return "-".join(
            piece[:1].upper() + piece[1:]
            if index < len(shape) and shape[index][:1].isupper()
            else piece
            for index, piece in enumerate(pieces)
        )
    return form


def _fixed(word: str) -> bool:
    """A word that is never inflected: an acronym (two to five capitals), a word with
    digits or Latin letters."""
    letters = [c for c in word if c.isalpha()]
    return (
        not letters
        or (1 < len(letters) <= 5 and all(c.isupper() for c in letters))
        or any(c.isdigit() for c in word)
        or any("a" <= c.lower() <= "z" for c in letters)
    )


@dataclass(frozen=True)
class _Form:
    word: str
    tag: Any


@dataclass(frozen=True)
class _Compound:
    """A hyphenated compound of two nouns ("страна-агрессор", "держава-терорист") that
    the dictionary does not know: both parts take the same case and number."""

    first: Any
    second: Any
    language: str

    @property
    def tag(self) -> Any:
        return self.first.tag

    @property
    def is_known(self) -> bool:
        return bool(
            _word_known(self.first.word, self.language)
            and _word_known(self.second.word, self.language)
        )

    @property
    def lexeme(self) -> list[_Form]:
        seconds = _head_lexeme(self.second)
        forms = []
        for first in _head_lexeme(self.first):
            wanted = (_case(first.tag), _number(first.tag))
            matching = [f for f in seconds if (_case(f.tag), _number(f.tag)) == wanted]
            forms += [_Form(f"{first.word}-{second.word}", first.tag) for second in matching]
        return forms


def _compound_parses(word: str, language: str) -> list[Any]:
    """The compound reading of a hyphenated word of two nouns, or none."""
    parts = word.split("-")
    if len(parts) != 2 or not all(parts):
        return []
    readings = [
        [p for p in _nominative_parses(part, language) if _pos(p.tag) == "NOUN"] for part in parts
    ]
    if not all(readings):
        return []
    return [_Compound(readings[0][0], readings[1][0], language)]


def _nominative_parses(word: str, language: str) -> list[Any]:
    """The noun, adjective and participle parses of ``word`` in the nominative.

    Dictionary parses first (predicted ones only when there is none); a capitalised
    word keeps its proper-noun parses when it has some, a lower-case word drops the
    parses as a personal name.
    """
    morph = analyzer(language)
    parses = [
        p for p in morph.parse(word) if _pos(p.tag) in _NOMINAL and _case(p.tag) in ("nomn", None)
    ]
    # Whether the dictionary knows the word is one look-up, the same for all its parses.
    known = parses if parses and _word_known(word.lower(), language) else []
    if not known and "-" in word:
        # A compound the dictionary does not know: each part inflected, in agreement.
        known = [p for p in _compound_parses(word, language) if p.is_known]
    parses = known or parses
    if word[:1].isupper():
        proper = [p for p in parses if _PROPER & set(p.tag.grammemes)]
        # A place before a person: "Бахмут" the town, not the given name.
        proper.sort(key=lambda p: "Geox" not in p.tag.grammemes)
        parses = proper or parses
    else:
        common = [p for p in parses if not _PERSONAL & set(p.tag.grammemes)]
        parses = common or parses
    return parses


def _agrees(modifier: Any, head: Any) -> bool:
    if _number(modifier.tag) != _number(head.tag):
        return False
    if _number(head.tag) == "plur":
        return True
    gender = _gender(head.tag)
    return gender in (None, "ms-f") or _gender(modifier.tag) in (None, gender)


def _attributive_lexeme(parse: Any) -> list[Any]:
    """The forms of a modifier's lexeme that can stand before a noun, same kind of word."""
    tag = parse.tag
    same = []
    for form in parse.lexeme:
        grammemes = set(form.tag.grammemes)
        if _pos(form.tag) != _pos(tag) or grammemes & _NOT_ATTRIBUTIVE:
            continue
        if _pos(tag) == "PRTF" and (str(form.tag.tense), str(form.tag.voice)) != (
            str(tag.tense),
            str(tag.voice),
        ):
            continue
        same.append(form)
    return same


def _head_lexeme(parse: Any) -> list[Any]:
    return [
        form
        for form in parse.lexeme
        if _pos(form.tag) == _pos(parse.tag) and not set(form.tag.grammemes) & _NOT_ATTRIBUTIVE
    ]


def _modifier_forms(lexeme: list[Any], head_form: Any, head_forms: list[Any]) -> list[str]:
    """The forms of a modifier (its attributive ``lexeme``) that agree with one form of
    the head."""
    case = _case(head_form.tag)
    number = _number(head_form.tag)
    gender = _gender(head_form.tag)

    def matching(wanted_case: str | None) -> list[Any]:
        return [
            form
            for form in lexeme
            if _case(form.tag) == wanted_case
            and _number(form.tag) == number
            and (number == "plur" or gender in (None, "ms-f") or _gender(form.tag) == gender)
        ]

    found = matching(case)
    if not found and case == "voct":
        found = matching("nomn")
    if case == "accs" and len({f.word for f in found}) > 1:
        # Two accusatives (animate, inanimate): the one shaped like the head's own
        # accusative, nominative-like or genitive-like.
        same_number = [f for f in head_forms if _number(f.tag) == number]
        nominative = {f.word for f in same_number if _case(f.tag) == "nomn"}
        like = "nomn" if head_form.word in nominative else "gent"
        shaped = {f.word for f in matching(like)}
        found = [f for f in found if f.word in shaped] or found
    return sorted({f.word for f in found})


def _expand_group(parses: list[list[Any]], head_parse: Any, followed: bool) -> list[list[str]]:
    """Every agreeing sequence of forms: the modifiers' forms, then the head's.

    An adjective head followed by words it agrees with but that are not inflected
    ("Запорожская АЭС") keeps its written gender in the singular.
    """
    if _pos(head_parse.tag) in _MODIFIER:
        head_forms = _attributive_lexeme(head_parse)
        if followed and _number(head_parse.tag) == "sing":
            gender = _gender(head_parse.tag)
            head_forms = [
                f for f in head_forms if _number(f.tag) == "plur" or _gender(f.tag) == gender
            ]
    else:
        head_forms = _head_lexeme(head_parse)
    sequences = []
    lexemes = [[_attributive_lexeme(reading) for reading in readings] for readings in parses]
    for head_form in head_forms:
        # A modifier may have several agreeing readings (Ukrainian "західні": "західний"
        # and its soft variant "західній"): the forms of all of them.
        choices = [
            sorted(
                {f for lexeme in readings for f in _modifier_forms(lexeme, head_form, head_forms)}
            )
            for readings in lexemes
        ]
        if not all(choices):
            continue
        combos: list[list[str]] = [[]]
        for options in choices:
            combos = [[*combo, option] for combo in combos for option in options]
        sequences.extend([*combo, head_form.word] for combo in combos)
    return sequences


def _plan(words: Sequence[str], language: str) -> tuple[int, int, Any, list[list[Any]]] | None:
    """Find the agreeing group: (first modifier, head position, head parse, each
    modifier's agreeing parses), or None when no word is in the nominative."""
    candidates = [[] if _fixed(w) else _nominative_parses(w, language) for w in words]
    nouns = [i for i, c in enumerate(candidates) if any(_pos(p.tag) == "NOUN" for p in c)]
    adjectives = [i for i, c in enumerate(candidates) if any(_pos(p.tag) in _MODIFIER for p in c)]
    if nouns:
        # A word that reads as a noun and as an adjective ("новые", "російська") heads
        # the group only when no noun follows that it could agree with.
        only_nouns = [i for i in nouns if not any(_pos(p.tag) in _MODIFIER for p in candidates[i])]
        head = only_nouns[0] if only_nouns else nouns[0]
        heads = [p for p in candidates[head] if _pos(p.tag) == "NOUN"]
    elif adjectives:
        head = adjectives[-1]
        heads = [p for p in candidates[head] if _pos(p.tag) in _MODIFIER]
    else:
        return None
    best: tuple[int, int, Any, list[list[Any]]] | None = None
    for head_parse in heads:
        modifiers: list[list[Any]] = []
        position = head
        while position > 0:
            agreeing = [
                p
                for p in candidates[position - 1]
                if _pos(p.tag) in _MODIFIER and _agrees(p, head_parse)
            ]
            if not agreeing:
                break
            modifiers.insert(0, agreeing)
            position -= 1
        if best is None or len(modifiers) > len(best[3]):
            best = (position, head, head_parse, modifiers)
    return best


@functools.lru_cache(maxsize=8192)
def expand(pattern: str, language: str) -> Expansion:
    """All the forms of one term in ``language`` (see the module docstring).

    Examples
    --------
    >>> forms = expand("киевский режим", "ru").forms
    >>> forms[0], "киевского режима" in forms, "киевским режимом" in forms
    ('киевский режим', True, True)
    >>> "режима Киева" in expand("режим Киева", "ru").forms
    True
    >>> expand("на Украине", "ru")
    Expansion(forms=('на Украине',), method='as written: no word in the nominative')
    """
    words = pattern.split()
    if any(word.endswith("*") for word in words):
        return Expansion((pattern,), "as written: a glob")
    plan = _plan(words, language)
    if plan is None:
        return Expansion((pattern,), "as written: no word in the nominative")
    first, head, head_parse, modifiers = plan
    sequences = _expand_group(modifiers, head_parse, followed=head < len(words) - 1)

    def known(parse: Any) -> bool:
        if isinstance(parse, _Compound):
            return parse.is_known
        return _word_known(parse.word, language)

    predicted = not known(head_parse) or not all(known(m[0]) for m in modifiers)
    forms = [pattern]
    seen = {term_key(pattern)}
    for sequence in sequences:
        group = [
            _restore_case(form, written)
            for form, written in zip(sequence, words[first : head + 1], strict=True)
        ]
        form = " ".join([*words[:first], *group, *words[head + 1 :]])
        key = term_key(form)
        if key not in seen:
            seen.add(key)
            forms.append(form)
    return Expansion(tuple(forms), "predicted" if predicted else "dictionary")


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
    import hashlib

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
    for concept, variant, term, form in zip(
        table["concept"], table["variant"], table["term"], table["form"], strict=True
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
    """Warnings (``framing.lexicon.rules.Problem``) for the forms of :func:`shared_forms`."""
    from framing.lexicon.rules import WARNING, Problem

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
