"""py3langid's model, kept decompressed between sessions.

py3langid ships its model as LZMA-compressed arrays (4.5 MB) and decompresses them on
every first use: 0.45-0.5 s, most of a fresh process's first ``read_corpus`` of a small
corpus (``benchmarks/RESULTS.md``, bench_read). The first time, this module keeps the
decompressed arrays (68 MB) in the cache folder (:mod:`framing._cache`,
``language-model/``); a later process reads them back in about 0.05 s. They are the same
arrays: the model the identifier is built from is py3langid's own, byte for byte.

Each kept model is a folder named by py3langid's version and the SHA-256 of its model
file, holding one ``.npy`` file an array (read without pickle: no file can run code)
and ``manifest.json`` with each array's dtype, shape and CRC-32. A folder that is
incomplete, damaged or unlike its manifest is made again from the model file; a folder
is written whole under another name, then renamed into place, so a process never reads
a half-written one. Only py3langid 0.4.0 (``VERIFIED_VERSION``), whose model layout
this module knows, is kept; any other version loads its model its own way.

>>> identifier().classify("The talks went on in Kyiv on Friday, the ministry said.")[0]
'en'
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from framing._cache import cache_folder, keep_newest
from framing.corpus._language_batch import VERIFIED_VERSION, _version

#: Kept models (py3langid versions) beyond this many, the oldest first, are removed.
KEPT_MODELS = 2
#: The arrays of a model, in ``py3langid.modelio.load_model``'s order (the classes list
#: and the output list as arrays).
_NAMES = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
_MANIFEST = "manifest.json"


def identifier() -> Any:
    """py3langid's ``LanguageIdentifier`` (raw scores), its model read from the cache
    when it is kept there, else decompressed and then kept."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    if _version() != VERIFIED_VERSION:  # a model layout this module does not know
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    source = Path(MODEL_DIR) / MODEL_FILE
    folder = _folder(source)
    arrays = _read(folder)
    if arrays is None:
        from py3langid.modelio import load_model

        arrays = _as_arrays(load_model(source))
        _keep(folder, arrays)
    return _build(LanguageIdentifier, arrays)


def _folder(source: Path) -> Path:
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:32]
    return cache_folder("language-model") / f"py3langid-{VERIFIED_VERSION}-{digest}"


def _as_arrays(model: tuple[Any, ...]) -> dict[str, np.ndarray]:
    """``load_model``'s tuple as arrays: the standard library's arrays without a copy."""
    ptc, pc, classes, nextmove, row, output = model

    def unsigned(values: Any) -> np.ndarray:
        return np.frombuffer(values, dtype=f"u{values.itemsize}")

    return {
        "ptc": np.asarray(ptc),
        "pc": np.asarray(pc),
        "classes": np.asarray(classes, dtype=str),
        "nextmove": unsigned(nextmove),
        "nextmove_row": unsigned(row),
        "out_feat": np.asarray(output, dtype=np.int32),
    }


def _build(cls: Any, arrays: dict[str, np.ndarray]) -> Any:
    """The identifier as ``LanguageIdentifier.from_model_file`` builds it (py3langid
    0.4.0): the same types, the same values."""
    from py3langid.modelio import _to_array

    return cls(
        arrays["ptc"],
        arrays["pc"],
        arrays["classes"].tolist(),
        _to_array(arrays["nextmove"]),
        arrays["out_feat"].tolist(),
        norm_probs=False,
        tk_row=_to_array(arrays["nextmove_row"]),
    )


def _crc(values: np.ndarray) -> int:
    return zlib.crc32(memoryview(np.ascontiguousarray(values)).cast("B"))


def _read(folder: Path) -> dict[str, np.ndarray] | None:
    """The kept arrays, or None when the folder is missing or unlike its manifest."""
    try:
        manifest = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
        arrays = {}
        for name in _NAMES:
            expected = manifest[name]
            values = np.load(folder / f"{name}.npy", allow_pickle=False)
            if (
                values.dtype.str != expected["dtype"]
                or list(values.shape) != expected["shape"]
                or _crc(values) != expected["crc32"]
            ):
                return None
            arrays[name] = values
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        return None
    return arrays


def _keep(folder: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write the arrays to a new folder beside ``folder`` and rename it into place;
    remove a damaged ``folder`` first and models past :data:`KEPT_MODELS`. Any error of
    the file system leaves the cache as it was (the model is made again next time)."""
    parent = folder.parent
    work = None
    try:
        parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=parent, prefix=".writing-"))
        manifest = {}
        for name, values in arrays.items():
            np.save(work / f"{name}.npy", values, allow_pickle=False)
            manifest[name] = {
                "dtype": values.dtype.str,
                "shape": list(values.shape),
                "crc32": _crc(values),
            }
        (work / _MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        if folder.exists():  # damaged (a whole one would have been read)
            shutil.rmtree(folder)
        work.rename(folder)
        work = None
        keep_newest((path for path in parent.glob("py3langid-*") if path.is_dir()), KEPT_MODELS)
    except OSError:
        return
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
