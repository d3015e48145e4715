"""The word-form engine behind :mod:`framing.lexicon.inflect`: one term in, its forms out.

The rules are written in ``framing.lexicon.inflect`` (and ``docs/lexicons.md``); this
module applies them with pymorphy3 to one term at a time (:func:`expand`, cached).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from framing._text import term_key
from framing._tokens import analyzer

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
