"""What a worker process of ``match`` runs: one chunk of documents through the engine
and the voice rules, returned as plain arrays.

Kept apart from :mod:`framing._match_work` (which builds the hits table with pandas) so
that a worker imports only the engine and the voice rules (no numpy, no pandas): a
fraction of a second, where importing the whole kit costs about 200 MB and one to three
seconds per worker (``benchmarks/bench_first_call.py``). ``framing``'s ``__init__``
loads its public names lazily, so importing this module does not import the rest.
"""

from __future__ import annotations

import hashlib
import pickle
from array import array
from collections.abc import Sequence
from typing import Any

from framing._engine import NO_RULES, Rules, TermSpec, engine_for
from framing._match_shared import texts_of
from framing.voice import VOICES, Principal
from framing.voice._reader import classify_all

#: The rule id of a hit counted only because an exclusion removed a hit over its words.
ADDED = -2


def _match_chunk(
    specs: Sequence[TermSpec],
    texts: Sequence[Sequence[Any]],
    voice: bool,
    rules: Rules = NO_RULES,
    audit: bool = False,
    principals: Sequence[tuple[str, ...]] | None = None,
) -> tuple[Any, ...]:
    """Match a chunk of documents: ``texts[field][document]`` (str, or missing).

    ``principals[document]``: the document's principal names (or None: no principal).
    Returns parallel arrays: document (within the chunk), field, start, end, term,
    voice code (-1 when voice is off), the list of matched strings (sliced here, in
    the worker, rather than in the parent process after the pool), the list of
    speakers (None when unknown) and the rule ids (empty unless ``audit``). With
    ``audit`` the hits are those the rules removed (rule id >= 0 or ``SHIFTED``) and
    those only counted because of an exclusion (rule id ``ADDED``): see
    ``framing._engine.Engine.find_audit``. Runs in worker processes: no pandas here.
    """
    engine = engine_for(specs, rules=rules)
    rule_ids: list[int] = []
    # Per text with hits, its hits and (document, field); the columns are made from them
    # once at the end, not extended text by text.
    found_lists: list[list[tuple[int, int, int]]] = []
    places: list[tuple[int, int, int]] = []
    matched: list[str] = []
    voice_codes: list[int] = []
    speakers: list[str | None] = []
    codes = {name: code for code, name in enumerate(VOICES)}
    known: dict[tuple[str, ...], Principal] = {}
    for document in range(len(texts[0]) if texts else 0):
        for field, column in enumerate(texts):
            text = column[document]
            if not isinstance(text, str):
                continue
            if audit:
                _, removed, added = engine.find_audit(text)
                found = [*removed, *((*hit, ADDED) for hit in added)]
                found.sort()
                rule_ids.extend(hit[3] for hit in found)
                found = [hit[:3] for hit in found]
            else:
                found = engine.find(text)
            if not found:
                continue
            found_lists.append(found)
            places.append((document, field, len(found)))
            matched.extend([text[start:end] for start, end, _ in found])
            if voice:
                names = principals[document] if principals is not None else ()
                principal = known.get(names)
                if principal is None:
                    principal = known[names] = Principal(names)
                for label, speaker in classify_all(text, found, principal):
                    voice_codes.append(codes[label])
                    speakers.append(speaker)
    hits = [hit for found in found_lists for hit in found]
    documents = [document for document, _, count in places for _ in range(count)]
    fields = [field for _, field, count in places for _ in range(count)]
    if not voice:
        voice_codes = [-1] * len(hits)
        speakers = [None] * len(hits)
    # The standard library's typed arrays, not numpy's: a worker then never imports
    # numpy (0.1 s of its start and 15 MB), and the parent reads them without a copy.
    return (
        array("q", documents),
        array("q", fields),
        array("q", [start for start, _, _ in hits]),
        array("q", [end for _, end, _ in hits]),
        array("q", [term for _, _, term in hits]),
        array("b", voice_codes),
        matched,
        speakers,
        array("q", rule_ids),
    )


class Compiled:
    """A lexicon's compiled terms and rules as a worker's task carries them.

    Pickled once in the parent (the object is kept with the compiled lexicon); a worker
    unpickles them the first time it meets them and keeps the last few, so a chunk's task
    no longer costs each worker the unpickling and hashing of every term (10 ms a chunk
    at 10,000 terms), and :func:`engine_for` finds its engine by identity.
    """

    __slots__ = ("blob", "key")

    def __init__(self, specs: tuple[TermSpec, ...], rules: Rules) -> None:
        self.blob = pickle.dumps((specs, rules), protocol=pickle.HIGHEST_PROTOCOL)
        self.key = hashlib.blake2b(self.blob, digest_size=16).hexdigest()

    def __getstate__(self) -> tuple[bytes, str]:
        return self.blob, self.key

    def __setstate__(self, state: tuple[bytes, str]) -> None:
        self.blob, self.key = state

    def terms(self) -> tuple[tuple[TermSpec, ...], Rules]:
        """The terms and rules (unpickled once per process)."""
        found = _UNPICKLED.get(self.key)
        if found is None:
            if len(_UNPICKLED) >= 8:
                _UNPICKLED.pop(next(iter(_UNPICKLED)))
            found = _UNPICKLED[self.key] = pickle.loads(self.blob)
        return found


# key of a Compiled -> its (specs, rules), in this process.
_UNPICKLED: dict[str, tuple[tuple[TermSpec, ...], Rules]] = {}


def _match_chunk_task(task: tuple[Any, ...]) -> tuple[Any, ...]:
    """:func:`_match_chunk` in a worker: the task's first item is a :class:`Compiled`,
    its second the texts, or their description in shared memory (``framing._match_shared``)."""
    compiled, texts, voice, audit, principals = task
    specs, rules = compiled.terms()
    if isinstance(texts, tuple):  # (block name, fields): the texts wait in shared memory
        texts = texts_of(texts)
    return _match_chunk(specs, texts, voice, rules, audit, principals)
