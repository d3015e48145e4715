"""Writing files safely: never over an input or an existing file unless told to.

Every writer of the kit (``write_table``, ``save_figure``, ``write_corpus``, the command
line's ``-o``) checks its targets here before writing anything:

- a file that exists is replaced only with ``overwrite=True`` (``--force``);
- a provenance sidecar (``<stem>.json``) replaces only a sidecar the kit wrote (a JSON
  object with ``"framing"`` and ``"files"`` keys), and only with ``overwrite=True``: a
  JSON file of the user's (``articles.json`` beside ``articles.csv``, an input) is never
  replaced, whatever ``overwrite`` says.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from framing._checks import check_bool
from framing.errors import OverwriteError

_SIDECAR_KEYS = ("framing", "files")


def is_kit_sidecar(path: Path) -> bool:
    """True if ``path`` is a provenance sidecar the kit wrote (judged by its content)."""
    try:
        if path.stat().st_size > 16 * 2**20:
            return False
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return False
    return isinstance(record, dict) and all(key in record for key in _SIDECAR_KEYS)


def written_by_kit(path: Path) -> bool:
    """True if ``path`` is listed in the kit's sidecar beside it (``write_table`` wrote it)."""
    sidecar = path.with_name(f"{path.stem}.json")
    if not is_kit_sidecar(sidecar):
        return False
    try:
        files = json.loads(sidecar.read_text(encoding="utf-8")).get("files")
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return False
    return isinstance(files, dict) and path.name in files


def check_targets(
    targets: Iterable[Path],
    *,
    overwrite: bool,
    function: str,
    sidecar: Path | None = None,
) -> None:
    """Raise OverwriteError before anything is written, if a target may not be replaced.

    ``targets`` are the files to write; ``sidecar`` the provenance sidecar written beside
    them (which may replace only a sidecar of the kit's).
    """
    check_bool(overwrite, parameter="overwrite", function=function)
    for target in targets:
        if target.is_dir():
            raise OverwriteError(
                f"{function} cannot write {target}: it is a folder. Give a file name."
            )
        if target.exists() and not overwrite:
            raise OverwriteError(
                f"{function} would replace {target}, which exists. Give another name, or "
                "pass overwrite=True (--force on the command line) to replace it."
            )
    if sidecar is None or not sidecar.exists():
        return
    if sidecar.is_dir() or not is_kit_sidecar(sidecar):
        raise OverwriteError(
            f"{function} writes its provenance to {sidecar}, which exists and is not a "
            "sidecar framing wrote (it may be an input): it is never replaced. Write the "
            "output under another name."
        )
    if not overwrite:
        raise OverwriteError(
            f"{function} would replace the provenance sidecar {sidecar}, which exists. "
            "Give another name, or pass overwrite=True (--force on the command line)."
        )
