"""``framing._automata``: every backend reports every occurrence of every pattern, the
overlapping ones included, as a brute-force search finds them."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import _automata
from framing._automata import BACKENDS, available_backends, bytes_automaton, text_automaton

patterns = st.lists(st.text("ab c", min_size=1, max_size=4), min_size=1, max_size=8, unique=True)
texts = st.text("ab c", max_size=40)


def _brute_force(found_in, patterns, text) -> list[tuple[int, int]]:
    return sorted(
        (start + len(pattern), number)
        for number, pattern in enumerate(patterns)
        for start in range(len(text) - len(pattern) + 1)
        if found_in(text, pattern, start)
    )


def _usable(backend: str) -> None:
    if backend not in available_backends():
        pytest.skip(f"{backend} is not installed here")


@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=200, deadline=None)
@given(patterns=patterns, text=texts)
def test_text_automata_find_every_occurrence(backend, patterns, text):
    _usable(backend)
    automaton = text_automaton(patterns, backend)
    expected = _brute_force(lambda t, p, i: t.startswith(p, i), patterns, text)
    assert sorted(automaton.ends(text)) == expected


@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=200, deadline=None)
@given(patterns=patterns, text=texts)
def test_bytes_automata_find_every_occurrence(backend, patterns, text):
    _usable(backend)
    # Bytes beyond ASCII too: windows-1251 Cyrillic is what the one-byte path reads.
    encoded = [pattern.replace("c", "\u0436").encode("cp1251") for pattern in patterns]
    data = text.replace("c", "\u0436").encode("cp1251")
    automaton = bytes_automaton(encoded, backend)
    expected = _brute_force(lambda t, p, i: t.startswith(p, i), encoded, data)
    assert sorted(automaton.ends(data)) == expected


@pytest.mark.parametrize("backend", BACKENDS)
def test_empty_pattern_lists_and_texts(backend):
    _usable(backend)
    assert bytes_automaton([], backend).ends(b" war ") == []
    assert bytes_automaton([b" war "], backend).ends(b"") == []


def test_hyperscan_scans_from_several_threads_at_once():
    _usable("hyperscan")
    automaton = bytes_automaton([b" war ", b" kyiv "], "hyperscan")
    text = b" war in kyiv " * 2000
    expected = sorted(automaton.ends(text))
    failures: list[BaseException] = []

    def scan() -> None:
        try:
            for _ in range(20):
                assert sorted(automaton.ends(text)) == expected
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)

    threads = [threading.Thread(target=scan) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures


def test_the_default_is_the_first_available_backend(monkeypatch):
    monkeypatch.delenv("FRAMING_ENGINE", raising=False)
    assert _automata.default_backend() == available_backends()[0]
    monkeypatch.setenv("FRAMING_ENGINE", "pyahocorasick")
    assert _automata.default_backend() == "pyahocorasick"
    monkeypatch.setenv("FRAMING_ENGINE", "no such engine")
    with pytest.raises(ValueError, match="FRAMING_ENGINE"):
        _automata.default_backend()


def test_hyperscan_searches_strings_with_the_next_fastest_backend():
    assert _automata.text_backend("pyahocorasick") == "pyahocorasick"
    assert _automata.text_backend("hyperscan") in {"ahocorasick_rs", "pyahocorasick"}


# -- the compiled-database cache (hyperscan) ----------------------------------------------
@pytest.fixture
def small_cache(tmp_path, monkeypatch):
    """A cache folder of its own, and databases cached from one pattern on."""
    _usable("hyperscan")
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(_automata, "CACHE_FROM_PATTERNS", 1)
    return tmp_path / "hyperscan"


def test_a_compiled_database_is_kept_and_read_back(small_cache, monkeypatch):
    patterns = [b" war ", b" kyiv ", b" special operation "]
    text = b" the special operation near kyiv and the war "
    first = sorted(bytes_automaton(patterns, "hyperscan").ends(text))
    assert len(list(small_cache.glob("*.hsdb"))) == 1

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again instead of read from the cache")

    monkeypatch.setattr(_automata.hyperscan, "Database", no_compiling)
    assert sorted(bytes_automaton(patterns, "hyperscan").ends(text)) == first


def test_a_damaged_cache_file_is_compiled_again_and_replaced(small_cache):
    patterns = [b" war ", b" kyiv "]
    bytes_automaton(patterns, "hyperscan")
    (cached,) = small_cache.glob("*.hsdb")
    cached.write_bytes(b"not a database")
    assert sorted(bytes_automaton(patterns, "hyperscan").ends(b" war in kyiv ")) == [
        (5, 0),
        (13, 1),
    ]
    assert cached.read_bytes() != b"not a database"


def test_the_cache_keeps_only_the_newest_databases(small_cache, monkeypatch):
    monkeypatch.setattr(_automata, "CACHED_DATABASES", 3)
    for number in range(5):
        bytes_automaton([f" term{number} ".encode()], "hyperscan")
    assert len(list(small_cache.glob("*.hsdb"))) == 3


def test_a_cache_that_cannot_be_written_only_means_compiling(tmp_path, monkeypatch):
    _usable("hyperscan")
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(blocked))
    monkeypatch.setattr(_automata, "CACHE_FROM_PATTERNS", 1)
    assert bytes_automaton([b" war "], "hyperscan").ends(b" war ") == [(5, 0)]


def test_small_pattern_sets_are_not_cached(tmp_path, monkeypatch):
    _usable("hyperscan")
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path))
    bytes_automaton([b" war "], "hyperscan")
    assert not (tmp_path / "hyperscan").exists()
