"""Where the kit keeps files between sessions so that a fresh process starts faster.

Two things are kept: the compiled automaton of a large lexicon
(:mod:`framing._automata`, ``hyperscan/``) and the language model decompressed
(:mod:`framing.corpus._language_model`, ``language-model/``). Both are made again from
what the kit ships whenever their file is missing, damaged or from another version, so
deleting the folder is always safe. The folder is ``$FRAMING_CACHE_DIR`` when that is
set, else ``$XDG_CACHE_HOME/framing`` or ``~/.cache/framing``. A folder that cannot be
written to (a read-only home, a full disk) only means making them again next time.

>>> cache_folder("language-model").name
'language-model'
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path


def cache_folder(kind: str) -> Path:
    """The folder of one kind of kept file (it may not exist yet)."""
    chosen = os.environ.get("FRAMING_CACHE_DIR")
    if chosen:
        return Path(chosen) / kind
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "framing" / kind


def keep_newest(paths: Iterable[Path], count: int) -> None:
    """Remove all but the ``count`` newest of ``paths`` (files or folders), by the time
    each was last written."""
    kept = sorted(paths, key=lambda path: path.stat().st_mtime)
    for old in kept[:-count] if count else kept:
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)
