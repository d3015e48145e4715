"""Lexicon files: the native YAML format and the dictionary formats users already have.

=============  ==========================  ===========================================
format         file                        concept / variant mapping
=============  ==========================  ===========================================
``yaml``       ``.yaml``, ``.yml``         native: everything (sources, notes, case,
                                           reference, descriptions)
``quanteda``   ``.yaml``, ``.yml``         first key -> concept, the keys below it
                                           (joined with ``/``) -> variant
``liwc``       ``.dic``                    category ``concept.variant`` -> that pair;
                                           any other category -> concept and variant
                                           both named after it
``wordstat``   ``.cat``                    like quanteda, by indentation
``lexicoder``  ``.lc3``                    ``+category`` lines, like LIWC categories
=============  ==========================  ===========================================

This module is the registry: each format is a module of this package (``native``,
``quanteda``, ``liwc``, ``wordstat``, ``lexicoder``) with a reader
``parse(text, file, name, categories) -> Parsed`` and a writer ``write(lexicon) -> str``,
and one line in ``_REGISTRY`` below names it and its extensions. A new format is a new
module and a new line.

Every reader returns the same :class:`~framing.lexicon.model.Lexicon` and checks the same
rules (see :mod:`framing.lexicon.rules`); a problem names the file and the line.
Writers announce, with a :class:`LexiconWarning`, whatever the target format cannot hold.
YAML is only ever read with the safe loader: a lexicon file cannot run code.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from framing.lexicon.formats import lexicoder, liwc, native, quanteda, wordstat
from framing.lexicon.formats._common import LexiconWarning, Parsed
from framing.lexicon.formats.native_writing import lexicon_to_yaml
from framing.lexicon.model import Lexicon, LexiconError

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "DictionaryFormat",
    "LexiconWarning",
    "format_of",
    "lexicon_to_yaml",
    "parse_file",
    "read_lexicon",
    "write_lexicon",
]


@dataclass(frozen=True)
class DictionaryFormat:
    """A lexicon file format: its name, its extensions, its reader and its writer."""

    name: str
    extensions: tuple[str, ...]
    #: ``parse(text, file, name, categories)``: the file's text to a Parsed, never raising.
    parse: Callable[[str, str, str, set[str] | None], Parsed]
    #: ``write(lexicon)``: the file's text, warning about what the format cannot hold.
    write: Callable[[Lexicon], str]
    #: Whether the format has categories that ``categories=`` can select.
    has_categories: bool = True


_REGISTRY: dict[str, DictionaryFormat] = {
    format.name: format
    for format in (
        DictionaryFormat(
            "yaml", (".yaml", ".yml"), native.parse, lexicon_to_yaml, has_categories=False
        ),
        DictionaryFormat("quanteda", (".yaml", ".yml"), quanteda.parse, quanteda.write),
        DictionaryFormat("liwc", (".dic",), liwc.parse, liwc.write),
        DictionaryFormat("wordstat", (".cat",), wordstat.parse, wordstat.write),
        DictionaryFormat("lexicoder", (".lc3",), lexicoder.parse, lexicoder.write),
    )
}

#: Format names accepted by :func:`read_lexicon` and :func:`write_lexicon`.
FORMATS: tuple[str, ...] = tuple(_REGISTRY)


def _by_extension() -> dict[str, str]:
    extensions: dict[str, str] = {}
    for format in _REGISTRY.values():
        for extension in format.extensions:
            extensions.setdefault(extension, format.name)  # .yaml: native before quanteda
    return extensions


#: Extension (lower case, with the dot) to the format a file is read as by default.
EXTENSIONS: Mapping[str, str] = MappingProxyType(_by_extension())


def format_of(
    path: str | os.PathLike[str], format: str | None = None, text: str | None = None
) -> str:
    """Return the format of ``path``: ``format`` if given (checked), else by its extension.

    A ``.yaml``/``.yml`` file whose ``text`` has no top-level ``concepts:`` key is
    quanteda's; without ``text`` such a file counts as native (as when writing).
    """
    path = Path(path)
    if format is not None:
        if format not in FORMATS:
            raise LexiconError(
                f"The 'format' parameter must be one of {', '.join(FORMATS)} or None; "
                f"got {format!r} instead."
            )
        return format
    detected = EXTENSIONS.get(path.suffix.lower())
    if detected is None:
        raise LexiconError(
            f"Cannot tell the dictionary format of {path} from its extension "
            f"{path.suffix!r}; pass format= one of {', '.join(FORMATS)} "
            f"(known extensions: {', '.join(EXTENSIONS)})."
        )
    if detected == "yaml" and text is not None:
        # A native lexicon has a top-level 'concepts' key; anything else is quanteda's.
        if not re.search(r"^concepts\s*:", text, flags=re.MULTILINE):
            return "quanteda"
    return detected


def _read_text(path: Path, encoding: str) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LexiconError(f"The lexicon file {path} does not exist.") from None
    try:
        return raw.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise LexiconError(
            f"{path} is not valid {encoding} (byte {error.start} is {raw[error.start]:#04x}); "
            "pass encoding='cp1252' (older LIWC and WordStat files) or the file's encoding."
        ) from None


def parse_file(
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    categories: Iterable[str] | None = None,
    encoding: str = "utf-8",
) -> tuple[Parsed, str]:
    """Read a lexicon file without raising on its problems; return them and the format.

    The lexicon readers raise on the problems (or build the lexicon); ``check_lexicon``
    lists them. File-level mistakes (no such file, undecodable text, an unknown format,
    ``categories`` for a format without any) raise :class:`LexiconError` here.
    """
    path = Path(path)
    text = _read_text(path, encoding)
    chosen = _REGISTRY[format_of(path, format, text)]
    if categories is not None and not chosen.has_categories:
        raise LexiconError(
            "The 'categories' parameter selects categories of LIWC, WordStat, Lexicoder "
            "and quanteda dictionaries; a native lexicon has none. Filter the table of "
            "Lexicon.to_dataframe() instead."
        )
    selected = None if categories is None else {str(c) for c in categories}
    return chosen.parse(text, str(path), path.stem, selected), chosen.name


def read_lexicon(
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    categories: Iterable[str] | None = None,
    encoding: str = "utf-8",
) -> Lexicon:
    """Read a lexicon file: native YAML, or a quanteda, LIWC, WordStat or Lexicoder dictionary.

    Parameters
    ----------
    path : str or path-like
        The file.
    format : {"yaml", "quanteda", "liwc", "wordstat", "lexicoder"}, optional
        The file's format. By default it comes from the extension (``.dic`` LIWC, ``.cat``
        WordStat, ``.lc3`` Lexicoder, ``.yaml``/``.yml`` native when the file has a
        top-level ``concepts:`` key, else quanteda).
    categories : iterable of str, optional
        Read only these categories (first-level keys) of a LIWC, WordStat, Lexicoder or
        quanteda dictionary: LIWC lets a word count in several categories, a framing
        lexicon does not, so pick categories in which each word appears once.
    encoding : str
        The file's text encoding (default UTF-8; a byte-order mark is dropped).

    Returns
    -------
    Lexicon
        Named after the file's stem unless the file gives a name.

    Raises
    ------
    LexiconError
        If the file breaks a rule; the message names the file, the line and the place.

    See Also
    --------
    load_lexicon : a bundled lexicon, by name.
    write_lexicon : the other direction.
    check_lexicon : every problem of a file, without raising.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "spelling.lc3"
    >>> text = "+capital.russian_derived\\nKiev\\n+capital.ukrainian_derived\\nKyiv\\n"
    >>> _ = path.write_text(text)
    >>> read_lexicon(path).to_dataframe()[["concept", "variant", "term"]]
      concept            variant  term
    0  capital    russian_derived  Kiev
    1  capital  ukrainian_derived  Kyiv
    """
    parsed, chosen = parse_file(path, format, categories=categories, encoding=encoding)
    hint = ""
    if chosen == "liwc" and any(p.rule == "duplicate_term" for p in parsed.problems):
        hint = (
            " (LIWC lets a word count in several categories; a framing lexicon does not. "
            "Pass categories=[...] to read categories in which each word appears once)"
        )
    return parsed.lexicon(hint=hint)


def write_lexicon(
    lexicon: Lexicon, path: str | os.PathLike[str], format: str | None = None
) -> Path:
    """Write ``lexicon`` to ``path`` in the native YAML format or another dictionary format.

    Formats other than ``"yaml"`` cannot hold sources, notes, case sensitivity, the
    reference variant or descriptions; a :class:`LexiconWarning` says what was left out.
    Concept and variant become one category named ``concept.variant`` (or just
    ``concept`` when its only variant has the same name) in LIWC and Lexicoder files,
    and two levels of keys in WordStat and quanteda files; :func:`read_lexicon` maps
    them back.

    Parameters
    ----------
    lexicon : Lexicon
        The lexicon to write.
    path : str or path-like
        The file to write (UTF-8, ``\\n`` line ends).
    format : {"yaml", "quanteda", "liwc", "wordstat", "lexicoder"}, optional
        By default from the extension; ``.yaml``/``.yml`` means the native format.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import pathlib, tempfile, pandas as pd
    >>> lexicon = Lexicon.from_dataframe(pd.DataFrame({
    ...     "concept": ["capital"] * 2, "variant": ["russian_derived", "ukrainian_derived"],
    ...     "term": ["Kiev", "Kyiv"]}), name="spelling")
    >>> path = write_lexicon(lexicon, pathlib.Path(tempfile.mkdtemp()) / "spelling.dic")
    >>> print(path.read_text())
    %
    1	capital.russian_derived
    2	capital.ukrainian_derived
    %
    Kiev	1
    Kyiv	2
    <BLANKLINE>
    """
    if not isinstance(lexicon, Lexicon):
        raise LexiconError(
            f"The 'lexicon' parameter of write_lexicon must be a Lexicon; "
            f"got {type(lexicon).__name__} instead."
        )
    path = Path(path)
    text = _REGISTRY[format_of(path, format)].write(lexicon)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return path


# -- deprecated spellings, kept one release ---------------------------------------------
def read_dictionary(
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    categories: Iterable[str] | None = None,
    encoding: str = "utf-8",
) -> Lexicon:
    """Deprecated: use :func:`read_lexicon`, which takes the same parameters."""
    warnings.warn(
        "framing.read_dictionary is deprecated and will be removed in the next release; "
        "use framing.read_lexicon, which takes the same parameters.",
        FutureWarning,
        stacklevel=2,
    )
    return read_lexicon(path, format, categories=categories, encoding=encoding)


def write_dictionary(
    lexicon: Lexicon, path: str | os.PathLike[str], format: str | None = None
) -> Path:
    """Deprecated: use :func:`write_lexicon`, which takes the same parameters."""
    warnings.warn(
        "framing.write_dictionary is deprecated and will be removed in the next release; "
        "use framing.write_lexicon, which takes the same parameters.",
        FutureWarning,
        stacklevel=2,
    )
    return write_lexicon(lexicon, path, format)
