"""The bundled lexicons (loading one by name, listing them) and checking a lexicon file.

The bundled lexicons live in ``framing/lexicon/bundled/*.yaml`` with their sources in
``bundled/SOURCES.md``; ``load_lexicon("ukraine_war")`` reads one of them. Lexicon files
of any format are read and written by ``read_lexicon`` and ``write_lexicon``
(:mod:`framing.lexicon.formats`).
"""

from __future__ import annotations

import functools
import os
import warnings
from dataclasses import dataclass, field
from html import escape
from importlib import resources
from pathlib import Path

import pandas as pd

from framing.lexicon.formats import EXTENSIONS, parse_file, read_lexicon
from framing.lexicon.model import Lexicon, LexiconError
from framing.lexicon.problems import ERROR, WARNING, Problem


def _bundled_folder() -> Path:
    return Path(str(resources.files("framing.lexicon") / "bundled"))


def _bundled_names() -> list[str]:
    return sorted(path.stem for path in _bundled_folder().glob("*.yaml"))


def _resolve(
    source: str | os.PathLike[str], *, function: str, parameter: str, hint: str
) -> tuple[Path, bool]:
    """Return the file of ``source`` and whether it is a bundled lexicon.

    A string with no folder and no lexicon extension is the name of a bundled lexicon;
    anything else is a file path. ``hint`` ends the error for an unknown name.
    """
    if (
        isinstance(source, str)
        and os.sep not in source
        and "/" not in source
        and (Path(source).suffix.lower() not in EXTENSIONS)
    ):
        path = _bundled_folder() / f"{source}.yaml"
        if not path.is_file():
            raise LexiconError(
                f"{source!r} is not a bundled lexicon (the bundled ones are "
                f"{', '.join(_bundled_names())}) and, having no extension, not a lexicon "
                f"file either. {hint}"
            )
        return path, True
    if not isinstance(source, str | os.PathLike):
        raise LexiconError(
            f"The {parameter!r} parameter of {function} must be the name of a bundled lexicon "
            f"or a file path; got {type(source).__name__} {source!r} instead."
        )
    return Path(source), False


@functools.lru_cache(maxsize=8)
def _load_bundled(path: str, modified: float) -> Lexicon:
    # Lexicons are immutable, so handing out the same object twice is safe.
    return read_lexicon(path, format="yaml")


def load_lexicon(name: str | None = None, format: str | None = None, **options: object) -> Lexicon:
    """Load a bundled lexicon by name.

    Parameters
    ----------
    name : str
        The name of a bundled lexicon, such as ``"ukraine_war"`` (see :func:`lexicons`).
    format : str, optional
        Force a format; only for a lexicon file (see below).
    **options
        Only for a lexicon file (see below).

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        If no bundled lexicon has that name.

    See Also
    --------
    lexicons : the bundled lexicons.
    read_lexicon : a lexicon file, in any supported format.
    check_lexicon : every problem of a file, without raising.

    Notes
    -----
    Deprecated: given a file path (``load_lexicon("my_lexicon.yaml")``), ``load_lexicon``
    still reads the file, passing ``format`` and ``**options`` to :func:`read_lexicon`,
    with a ``FutureWarning``; it stops doing so in the next release. Read files with
    :func:`read_lexicon`. The parameter ``name`` was called ``source`` before; that
    spelling also warns and still works.

    Examples
    --------
    >>> lexicon = load_lexicon("ukraine_toponyms")
    >>> lexicon.concept("kyiv").reference.name
    'ukrainian_derived'
    """
    if "source" in options:  # the parameter's name before read_lexicon existed
        if name is not None:
            raise TypeError("load_lexicon() got both 'name' and 'source' (its old name)")
        warnings.warn(
            "The 'source' parameter of load_lexicon is now called 'name'; 'source' will "
            "stop working in the next release.",
            FutureWarning,
            stacklevel=2,
        )
        name = options.pop("source")  # type: ignore[assignment]
    if name is None:
        raise TypeError("load_lexicon() missing 1 required argument: 'name'")
    path, bundled = _resolve(
        name,
        function="load_lexicon",
        parameter="name",
        hint="To read a lexicon file, use framing.read_lexicon('my_lexicon.yaml').",
    )
    if not bundled:
        warnings.warn(
            "framing.load_lexicon(path) is deprecated for lexicon files and will stop reading "
            "them in the next release; use framing.read_lexicon(path), which takes the same "
            "format and options. load_lexicon loads the bundled lexicons by name.",
            FutureWarning,
            stacklevel=2,
        )
    elif format is None and not options:
        return _load_bundled(str(path), path.stat().st_mtime)
    return read_lexicon(path, format, **options)  # type: ignore[arg-type]


def lexicons() -> pd.DataFrame:
    """List the bundled lexicons, with their measured precision.

    Returns
    -------
    pandas.DataFrame
        ``name, version, description, concepts, terms, exclusions, conditions,
        precision`` (the measured precision in a few words, see
        :meth:`Lexicon.precision_range`: lowest and highest over the concepts, and how many
        reach the target of 0.90 with a lower Wilson bound of 0.80), ``precision_min`` (the
        lowest) and ``measured_on`` (the corpus and codes). ``Lexicon.precision_table()``
        gives every row.

    Examples
    --------
    >>> table = lexicons()
    >>> list(table.columns[:5])
    ['name', 'version', 'description', 'concepts', 'terms']
    >>> table.set_index("name").loc["ukraine_war", "precision"]  # doctest: +ELLIPSIS
    '0.9... over 12 concepts, ... on target'
    """
    columns = ["name", "version", "description", "concepts", "terms", "exclusions"]
    columns += ["conditions", "precision", "precision_min", "measured_on"]
    rows = []
    for name in _bundled_names():
        lexicon = load_lexicon(name)
        measured = [r for r in lexicon.precision if r.variant is None] or lexicon.precision
        rows.append(
            {
                "name": name,
                "version": lexicon.version,
                "description": lexicon.description,
                "concepts": len(lexicon.concepts),
                "terms": len(lexicon),
                "exclusions": len(lexicon.exclusions),
                "conditions": len(lexicon.conditions),
                "precision": lexicon.precision_range(),
                "precision_min": min((r.precision for r in measured), default=float("nan")),
                "measured_on": lexicon.measured_on,
            }
        )
    table = pd.DataFrame(rows, columns=columns)
    for column in ("name", "version", "description", "precision", "measured_on"):
        table[column] = table[column].astype("string")
    table["precision_min"] = table["precision_min"].astype("float64")
    return table


@dataclass(frozen=True)
class LexiconCheck:
    """What :func:`check_lexicon` found: counts, the lexicon if it loads, every problem.

    Attributes
    ----------
    file : str
        The file checked.
    format : str
        Its format.
    name : str
        The lexicon's name.
    concepts, variants, terms, sources : int
        Counts, as read (even when errors stop the lexicon from loading).
    problems : tuple of Problem
        Errors and warnings, in file order.
    lexicon : Lexicon or None
        The loaded lexicon, or None when there are errors.
    """

    file: str
    format: str
    name: str
    concepts: int
    variants: int
    terms: int
    sources: int
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    lexicon: Lexicon | None = None

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that stop the lexicon from loading."""
        return tuple(p for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems that are reported but do not stop loading."""
        return tuple(p for p in self.problems if p.severity == WARNING)

    @property
    def ok(self) -> bool:
        """True when the lexicon loads (warnings allowed)."""
        return not self.errors

    def to_dataframe(self) -> pd.DataFrame:
        """Return the problems as a table: ``severity, rule, line, concept, variant, term,
        message``."""
        columns = ["severity", "rule", "line", "concept", "variant", "term", "message"]
        table = pd.DataFrame(
            [{column: getattr(p, column) for column in columns} for p in self.problems],
            columns=columns,
        )
        for column in columns:
            if column == "line":
                table[column] = table[column].astype("Int64")
            else:
                table[column] = table[column].astype("string")
        return table

    def __str__(self) -> str:
        verdict = "OK" if self.ok else "NOT LOADABLE"
        lines = [
            f"{self.file} ({self.format}): lexicon {self.name!r}: {verdict}",
            f"  {self.concepts} concepts, {self.variants} variants, {self.terms} terms, "
            f"{self.sources} sources",
            f"  {len(self.errors)} errors, {len(self.warnings)} warnings",
        ]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        verdict = "loads" if self.ok else "<b>does not load</b>"
        head = (
            f"<p>{escape(self.file)} ({escape(self.format)}): lexicon "
            f"<b>{escape(self.name)}</b> {verdict}: {self.concepts} concepts, "
            f"{self.variants} variants, {self.terms} terms, {self.sources} sources; "
            f"{len(self.errors)} errors, {len(self.warnings)} warnings.</p>"
        )
        if not self.problems:
            return head
        return head + self.to_dataframe().to_html(index=False, escape=True, na_rep="")


def check_lexicon(
    source: str | os.PathLike[str], format: str | None = None, **options: object
) -> LexiconCheck:
    """Load a lexicon file, check every rule, and summarise: counts and all problems.

    Unlike :func:`read_lexicon` it does not raise on a broken lexicon: it lists every
    error and warning, each with the file, the line and the concept, variant and term.

    Parameters
    ----------
    source : str or path-like
        A bundled lexicon's name or a lexicon file (any supported format).
    format : str, optional
        Force a format; by default from the extension.
    **options
        Passed on to the reader (``categories``, ``encoding``).

    Returns
    -------
    LexiconCheck
        Prints as a plain-text report; shows as a table in a notebook.

    Examples
    --------
    >>> check = check_lexicon("ukraine_war")
    >>> check.ok, check.errors
    (True, ())
    """
    path, _ = _resolve(
        source,
        function="check_lexicon",
        parameter="source",
        hint="Give a file path such as 'my_lexicon.yaml'.",
    )
    parsed, chosen = parse_file(path, format, **options)  # type: ignore[arg-type]
    lexicon = None
    if not any(problem.severity == ERROR for problem in parsed.problems):
        try:
            lexicon = Lexicon(concepts=tuple(parsed.concepts), **parsed.metadata)
        except LexiconError as error:  # a rule the file readers do not see; keep it too
            parsed.problems.append(Problem(ERROR, "lexicon", str(error), file=str(path)))
    if lexicon is not None:  # a form that two variants' terms share (ru/uk word forms)
        from framing.lexicon.inflect import is_inflected, shared_form_problems

        if is_inflected(lexicon):
            parsed.problems.extend(shared_form_problems(lexicon))
    return LexiconCheck(
        file=str(path),
        format=chosen,
        name=str(parsed.metadata.get("name", path.stem)),
        concepts=len(parsed.concepts),
        variants=sum(len(concept.variants) for concept in parsed.concepts),
        terms=sum(len(v.terms) for concept in parsed.concepts for v in concept.variants),
        sources=len(parsed.metadata.get("sources", {})),
        problems=tuple(parsed.problems),
        lexicon=lexicon,
    )
