"""The automaton libraries the engine runs on, behind one small interface.

The engine (:mod:`framing._engine`) looks for its patterns (anchored keys) in two kinds
of text: Python strings (the general path) and bytes one byte a character (ASCII and
windows-1251 text, the one-byte path: almost all English, Russian and Ukrainian news
text). Each automaton here is built from a list of patterns and reports every
occurrence of every pattern, overlapping ones included, as ``(end, pattern number)``
with ``end`` exclusive, in any order (the engine sorts the candidates).

Backends:

- ``pyahocorasick``: always installed (C, an Aho-Corasick trie);
- ``ahocorasick_rs``: ``pip install "framing-kit[fast]"`` (Rust), 2-3x faster;
- ``hyperscan``: ``pip install "framing-kit[fast]"`` on Linux x86_64 (Intel's SIMD
  literal matcher) for the one-byte path, 3x faster than ``ahocorasick_rs`` there
  (``benchmarks/RESULTS.md``); text without a one-byte form goes to ``ahocorasick_rs``
  (or ``pyahocorasick``). The compiled database of a large lexicon is kept on disk
  (:data:`CACHE_FROM_PATTERNS`).

All find the same candidates: the property tests compare each with the reference
matcher (``tests/test_matching_properties.py``, ``tests/cyrillic/test_one_byte.py``).

>>> automaton = bytes_automaton([b" war ", b" war crimes "], "pyahocorasick")
>>> sorted(automaton.ends(b" the war crimes trial "))
[(9, 0), (16, 1)]
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import ahocorasick

from framing._cache import cache_folder, keep_newest

try:  # the optional fast backends: pip install "framing-kit[fast]"
    import ahocorasick_rs
except ImportError:  # pragma: no cover - depends on the environment
    ahocorasick_rs = None
try:
    import hyperscan
except ImportError:  # pragma: no cover - depends on the environment (no wheel but x86_64)
    hyperscan = None

#: The automaton libraries the engine can run on.
BACKENDS: tuple[str, ...] = ("pyahocorasick", "ahocorasick_rs", "hyperscan")


class Automaton(Protocol):
    def ends(self, text: Any) -> list[tuple[int, int]]:
        """``(end, pattern number)`` of every occurrence of every pattern in ``text``."""
        ...


@functools.cache
def _hyperscan_runs() -> bool:
    """Whether hyperscan compiles here (it needs SSSE3: an old CPU refuses it)."""
    if hyperscan is None:
        return False
    try:
        _Hyperscan([b"x"]).ends(b"x")
    except hyperscan.error:  # pragma: no cover - depends on the processor
        return False
    return True


def available_backends() -> tuple[str, ...]:
    """The backends installed (and running) here, the default first."""
    found = ("hyperscan",) if _hyperscan_runs() else ()
    found += ("ahocorasick_rs",) if ahocorasick_rs is not None else ()
    return (*found, "pyahocorasick")


def default_backend() -> str:
    """``FRAMING_ENGINE`` if set, else the fastest installed backend.

    The same for every lexicon: Cyrillic text that fits windows-1251 is searched as bytes
    by every backend (``benchmarks/RESULTS.md``, "Russian").
    """
    chosen = os.environ.get("FRAMING_ENGINE") or available_backends()[0]
    if chosen not in available_backends():
        raise ValueError(
            f"The FRAMING_ENGINE environment variable must be one of "
            f"{list(available_backends())}. Got {chosen!r} instead."
        )
    return chosen


def text_backend(backend: str) -> str:
    """The backend that searches Python strings for ``backend`` (hyperscan reads bytes
    only: strings go to the next fastest)."""
    if backend != "hyperscan":
        return backend
    return "ahocorasick_rs" if ahocorasick_rs is not None else "pyahocorasick"


def text_automaton(patterns: Sequence[str], backend: str) -> Automaton:
    """An automaton over Python strings (the general path)."""
    if text_backend(backend) == "ahocorasick_rs":
        return _RustText(patterns)
    return _PyText(patterns)


def bytes_automaton(patterns: Sequence[bytes], backend: str) -> Automaton:
    """An automaton over bytes, one byte a character (the one-byte path)."""
    if backend == "hyperscan":
        return _Hyperscan(patterns)
    if backend == "ahocorasick_rs":
        return _RustBytes(patterns)
    return _PyBytes(patterns)


class _RustText:
    def __init__(self, patterns: Sequence[str]) -> None:
        # The DFA: the fastest of the crate's automata at a thousand patterns.
        self._automaton = ahocorasick_rs.AhoCorasick(
            list(patterns), implementation=ahocorasick_rs.Implementation.DFA
        )

    def ends(self, text: str) -> list[tuple[int, int]]:
        found = self._automaton.find_matches_as_indexes(text, overlapping=True)
        return [(end, number) for number, _, end in found]


class _RustBytes:
    def __init__(self, patterns: Sequence[bytes]) -> None:
        # The crate's own choice of automaton: on 10,000 Cyrillic word forms its NFA
        # scans 20% faster than the DFA (whose tables outgrow the caches).
        self._automaton = ahocorasick_rs.BytesAhoCorasick(list(patterns))

    def ends(self, text: bytes) -> list[tuple[int, int]]:
        found = self._automaton.find_matches_as_indexes(text, overlapping=True)
        return [(end, number) for number, _, end in found]


class _PyText:
    def __init__(self, patterns: Sequence[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for number, pattern in enumerate(patterns):
            self._automaton.add_word(pattern, number)
        self._empty = not patterns
        if patterns:
            self._automaton.make_automaton()

    def ends(self, text: str) -> list[tuple[int, int]]:
        if self._empty:
            return []
        return [(last + 1, number) for last, number in self._automaton.iter(text)]


class _PyBytes(_PyText):
    """pyahocorasick reads str: the bytes as Latin-1 text, one character a byte."""

    def __init__(self, patterns: Sequence[bytes]) -> None:
        super().__init__([pattern.decode("latin-1") for pattern in patterns])

    def ends(self, text: bytes) -> list[tuple[int, int]]:  # type: ignore[override]
        return super().ends(text.decode("latin-1"))


def _collect(number: int, start: int, end: int, flags: int, found: list) -> None:
    found.append((end, number))


class _Hyperscan:
    """Hyperscan's literal compiler: every pattern a byte string, every match reported
    at its end (no start tracking, which would cost speed: the engine knows each
    pattern's length)."""

    def __init__(self, patterns: Sequence[bytes]) -> None:
        self._empty = not patterns
        if self._empty:
            return
        self._database = _compiled_database(list(patterns))
        # A scratch space per thread: hyperscan refuses one scan's scratch to another
        # running at the same time.
        self._scratches: dict[int, Any] = {}
        self._lock = threading.Lock()

    def _scratch(self) -> Any:
        thread = threading.get_ident()
        scratch = self._scratches.get(thread)
        if scratch is None:
            with self._lock:
                scratch = self._scratches[thread] = hyperscan.Scratch(self._database)
        return scratch

    def ends(self, text: bytes) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        if self._empty or not text:
            return found
        self._database.scan(
            text, match_event_handler=_collect, context=found, scratch=self._scratch()
        )
        return found


#: From this many patterns a compiled database is kept on disk (0.44 s to compile 10,000
#: patterns in every worker, 19 ms for 1,000): in ``$FRAMING_CACHE_DIR/hyperscan`` if
#: that is set, else ``~/.cache/framing/hyperscan`` (``$XDG_CACHE_HOME`` if set). The
#: newest ``CACHED_DATABASES`` files are kept.
CACHE_FROM_PATTERNS = 2_000
CACHED_DATABASES = 16


def _compiled_database(patterns: list[bytes]) -> Any:
    """The database of ``patterns``: read from the cache when it holds it (and the
    hyperscan here accepts it: the same version and processor), else compiled."""
    path = None
    if len(patterns) >= CACHE_FROM_PATTERNS:
        digest = hashlib.sha256(hyperscan.__version__.encode())
        for pattern in patterns:
            digest.update(len(pattern).to_bytes(4, "little") + pattern)
        path = cache_folder("hyperscan") / f"{digest.hexdigest()}.hsdb"
        try:
            return hyperscan.loadb(path.read_bytes(), hyperscan.HS_MODE_BLOCK)
        except (OSError, hyperscan.error):
            pass  # not there, or written by another hyperscan or processor: compile
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(
        expressions=patterns,
        ids=list(range(len(patterns))),
        elements=len(patterns),
        flags=0,
        literal=True,
    )
    if path is not None:
        _keep_database(path, hyperscan.dumpb(database))
    return database


def _keep_database(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (a new file renamed into place), and
    remove the oldest databases past ``CACHED_DATABASES``. A folder that cannot be
    written to (read-only home, full disk) only means compiling again next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as out:
            out.write(data)
        os.replace(out.name, path)
        keep_newest(path.parent.glob("*.hsdb"), CACHED_DATABASES)
    except OSError:
        return
