"""What the commands of ``framing`` share: exit codes, outputs checked before anything
is read (never an input, never an existing file without --force), tables and lexicons
read from the command line, and usage errors.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from framing.errors import LexiconError
from framing.lexicon.combined import CombinedLexicon, combine

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_LEXICON_PROBLEMS = 3
#: ``framing read --check`` found documents that look damaged (the same code as above:
#: a check found problems).
EXIT_CHECK_PROBLEMS = 3


# -- helpers -------------------------------------------------------------------------------
_OUTPUT_SUFFIXES = (".parquet", ".csv", ".tsv")


def check_output(
    path: str | Path, inputs: Sequence[str | Path], *, force: bool, corpus: bool = False
) -> Path:
    """Check ``-o`` before anything is read: its suffix, that it is no input (nor is its
    sidecar), and that it exists only with ``--force``.

    ``corpus`` says the command writes a corpus: to Parquet it goes through
    ``write_corpus``, which writes no sidecar; every other table gets ``<stem>.json``.
    """
    from framing._files import is_kit_sidecar

    path = Path(path)
    if path.suffix not in _OUTPUT_SUFFIXES:
        raise _UsageError(f"Cannot write {path}: use a .parquet, .csv or .tsv file name.")
    if path.is_dir():
        raise _UsageError(f"Cannot write {path}: it is a folder; give a file name.")
    writes_sidecar = not (corpus and path.suffix == ".parquet")
    sidecar = path.with_name(f"{path.stem}.json") if writes_sidecar else None
    for given in inputs:
        source = Path(given)
        if not source.exists():
            continue
        for target in (path, sidecar):
            if target is not None and _same_file(target, source):
                what = "" if target == path else f" (its provenance sidecar {target})"
                raise _UsageError(
                    f"Cannot write {path}{what}: that is an input of this command, and would "
                    "be replaced. Write to another file."
                )
    if path.exists() and not force:
        raise _UsageError(
            f"Cannot write {path}: it exists. Give another name, or --force to replace it."
        )
    if sidecar is not None and sidecar.exists() and not is_kit_sidecar(sidecar):
        raise _UsageError(
            f"Cannot write {path}: its provenance sidecar {sidecar} exists and is not one "
            "framing wrote (it may be an input). Write to another name."
        )
    if sidecar is not None and sidecar.exists() and not force:
        raise _UsageError(
            f"Cannot write {path}: its provenance sidecar {sidecar} exists. Give another name, "
            "or --force to replace it."
        )
    return path


def _same_file(target: Path, source: Path) -> bool:
    """True if ``target`` is ``source``, or a file inside the folder ``source``."""
    try:
        resolved, given = target.resolve(), source.resolve()
    except OSError:
        return False
    return resolved == given or (given.is_dir() and resolved.is_relative_to(given))


def write_output(table: pd.DataFrame, path: str | Path, *, force: bool = False) -> Path:
    """Write a command's table: a corpus through ``write_corpus`` (Parquet keeps it
    exactly), anything else through ``framing.write_table`` (CSV escapes formulas)."""
    path = Path(path)
    if path.suffix not in _OUTPUT_SUFFIXES:
        raise _UsageError(f"Cannot write {path}: use a .parquet, .csv or .tsv file name.")
    if path.suffix == ".parquet" and {"doc_id", "text", "title"} <= set(table.columns):
        from framing import write_corpus

        path.parent.mkdir(parents=True, exist_ok=True)
        write_corpus(table, path, overwrite=force)
    else:
        from framing import write_table

        write_table(table, path, overwrite=force)
    return path


def _read_table(path: str | Path) -> pd.DataFrame:
    from framing._export import _read_parquet, unescape_formula
    from framing._files import written_by_kit

    path = Path(path)
    if not path.exists():
        raise _InputError(f"{path}: no such file.")
    try:
        if path.suffix == ".parquet":
            return _read_parquet(path)
        table = pd.read_csv(path, sep="\t" if path.suffix == ".tsv" else ",")
    except (ValueError, OSError) as error:  # pandas' parser errors are ValueErrors
        raise _InputError(f"{path}: {error}") from None
    if written_by_kit(path):  # a table framing wrote: undo its escaping for spreadsheets
        table.columns = [unescape_formula(name) for name in table.columns]
        for column in table.columns:
            if table[column].dtype == object or isinstance(table[column].dtype, pd.StringDtype):
                table[column] = table[column].map(unescape_formula, na_action="ignore")
    return table


def _read_corpus_file(path: str) -> pd.DataFrame:
    from framing import read_corpus

    return read_corpus(path)


def _load_lexicon(name_or_path: str) -> Any:
    from framing import load_lexicon, read_lexicon

    # A bundled lexicon's name has no folder and no extension; anything else is a file.
    path = Path(name_or_path)
    if path.exists() or path.suffix or path.name != name_or_path:
        return read_lexicon(path)
    return load_lexicon(name_or_path)


def _load_lexicons(names: Sequence[str] | None) -> Any:
    """One lexicon, or several combined (refused when two share a concept name)."""
    if not names:
        return None
    lexicons = [_load_lexicon(name) for name in names]
    if len(lexicons) == 1:
        return lexicons[0]
    try:
        return combine(lexicons)
    except LexiconError as error:  # two lexicons share a concept name
        raise _InputError(f"{error} (Or run the command once per lexicon.)") from None


def _names(value: Any) -> list[str]:
    """The --lexicon values as a list (none, one, or repeated)."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _match_all(corpus: pd.DataFrame, lexicon: Any, **options: Any) -> pd.DataFrame:
    """The hits of a lexicon, or of several (each matched on its own, hits together)."""
    from framing import match

    if isinstance(lexicon, CombinedLexicon):
        return match(corpus, list(lexicon.parts), **options)
    return match(corpus, lexicon, **options)


class _UsageError(Exception):
    pass


class _InputError(Exception):
    pass


def _parse_mapping(pairs: Sequence[str]) -> dict[str, str] | None:
    if not pairs:
        return None
    mapping = {}
    for pair in pairs:
        corpus_column, sep, source_column = pair.partition("=")
        if not sep or not corpus_column or not source_column:
            raise _UsageError(
                f"--column takes CORPUS_COLUMN=SOURCE_COLUMN (e.g. text=articles). Got {pair!r}."
            )
        mapping[corpus_column] = source_column
    return mapping


def _stop_words(value: str | None) -> str | list[str] | None:
    """--stop-words: None, 'english', or a file of words (one a line)."""
    if value is None or value == "english":
        return value
    path = Path(value)
    if not path.is_file():
        raise _UsageError(
            f"--stop-words takes 'english' or a file of words, one a line. {value}: no such file."
        )
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
