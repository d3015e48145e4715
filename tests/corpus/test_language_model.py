"""The language model kept decompressed (framing.corpus._language_model): the identifier
built from the cache is py3langid's own, a damaged cache is made again, a cache that
cannot be written changes nothing, and no cached file can run code."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from framing.corpus import _language_batch, _language_model

pytestmark = pytest.mark.skipif(
    _language_batch._version() != _language_batch.VERIFIED_VERSION,
    reason="the model is kept only for the py3langid version whose layout the kit knows",
)
_TEXTS = ["The war in Ukraine", "Переговоры продолжились в пятницу", "Переговори тривали", ""]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path))
    return tmp_path / "language-model"


@pytest.fixture(scope="module")
def reference():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)


def _same(identifier, reference) -> None:
    for name in ("nb_ptc", "nb_pc"):
        ours, theirs = getattr(identifier, name), getattr(reference, name)
        assert ours.dtype == theirs.dtype and np.array_equal(ours, theirs)
    for name in ("nb_classes", "tk_nextmove", "tk_row", "tk_output", "_rowbase"):
        ours, theirs = getattr(identifier, name), getattr(reference, name)
        assert type(ours) is type(theirs) and ours == theirs, name
        if hasattr(ours, "typecode"):
            assert ours.typecode == theirs.typecode
    assert [identifier.classify(t) for t in _TEXTS] == [reference.classify(t) for t in _TEXTS]


def _no_decompressing(monkeypatch) -> None:
    import py3langid.modelio

    def refuse(*args, **kwargs):
        raise AssertionError("the model was decompressed instead of read from the cache")

    monkeypatch.setattr(py3langid.modelio, "load_model", refuse)


def test_the_model_is_kept_and_read_back_as_py3langid_builds_it(cache, reference, monkeypatch):
    _same(_language_model.identifier(), reference)  # decompressed, then kept
    (folder,) = cache.iterdir()
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        [f"{name}.npy" for name in _language_model._NAMES] + ["manifest.json"]
    )
    _no_decompressing(monkeypatch)
    _same(_language_model.identifier(), reference)  # read back


@pytest.mark.parametrize(
    "damage",
    ["truncated", "flipped byte", "manifest not json", "manifest dtype", "missing", "pickled"],
)
def test_a_damaged_cache_is_made_again(cache, reference, damage):
    _language_model.identifier()
    (folder,) = cache.iterdir()
    table = folder / "nextmove.npy"
    if damage == "truncated":
        table.write_bytes(table.read_bytes()[:-1000])
    elif damage == "flipped byte":
        data = bytearray(table.read_bytes())
        data[-5] ^= 0x01
        table.write_bytes(bytes(data))
    elif damage == "manifest not json":
        (folder / "manifest.json").write_text("{", encoding="utf-8")
    elif damage == "manifest dtype":
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        manifest["ptc"]["dtype"] = "<f4"
        (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    elif damage == "missing":
        (folder / "classes.npy").unlink()
    elif damage == "pickled":
        # An object array needs pickle to load: refused (no file can run code).
        np.save(folder / "classes.npy", np.array([{"a": 1}], dtype=object), allow_pickle=True)
    assert _language_model._read(folder) is None
    _same(_language_model.identifier(), reference)
    assert _language_model._read(folder) is not None  # replaced by a whole one


def test_a_cache_that_cannot_be_written_only_means_decompressing(tmp_path, monkeypatch, reference):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(blocked))
    _same(_language_model.identifier(), reference)
    assert blocked.read_text() == ""


def test_a_failed_write_leaves_no_partial_folder(cache, monkeypatch, reference):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_language_model.np, "save", full_disk)
    _same(_language_model.identifier(), reference)
    assert list(cache.iterdir()) == []


def test_only_the_newest_models_are_kept(cache, monkeypatch):
    _language_model.identifier()
    for number in range(_language_model.KEPT_MODELS + 1):  # models of other versions
        old = cache / f"py3langid-0.0.{number}-0"
        old.mkdir()
    monkeypatch.setattr(_language_model, "_read", lambda folder: None)  # write once more
    _language_model.identifier()
    kept = sorted(path.name for path in cache.iterdir())
    assert len(kept) == _language_model.KEPT_MODELS
    assert _language_model._folder(_model_file()).name in kept


def test_another_py3langid_version_loads_its_model_its_own_way(cache, monkeypatch, reference):
    monkeypatch.setattr(_language_model, "_version", lambda: "9.9.9")
    _same(_language_model.identifier(), reference)
    assert not cache.exists()


def _model_file() -> Path:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return Path(MODEL_DIR) / MODEL_FILE
