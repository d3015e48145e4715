"""The ``framing`` command line: the same functions as the Python API, for scripts.

Every command reads and writes files (Parquet or CSV, chosen by the output's suffix) and
exits with a code scripts can rely on:

====  =================================================================
code  meaning
====  =================================================================
0     success
1     bad input: a file, record or lexicon broke a rule (the message says which)
2     bad usage: unknown command or option, a missing argument
3     a check found problems (``framing lexicon check``, ``framing read --check``)
====  =================================================================

Examples
--------
.. code-block:: console

    $ framing read articles/ --errors report -o corpus.parquet
    $ framing match corpus.parquet --lexicon ukraine_war -o hits.parquet
    $ framing score hits.parquet corpus.parquet --by outlet --period M -o scores.csv
    $ framing compare corpus.parquet --by outlet --stop-words english -o comparison.csv
    $ framing kwic corpus.parquet --lexicon ukraine_war --concept war_name --sample 20
    $ framing lexicon check my_lexicon.yaml
    $ framing figures --output figures --event 2022-02-24="full-scale invasion"

``--lexicon`` may be repeated: ``match`` matches each lexicon and keeps all their hits,
``score`` and ``kwic`` take the variants of all of them; two lexicons that share a
concept name are refused, and ``compare`` takes one lexicon.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

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


@dataclass(frozen=True)
class _Lexicons:
    """Several lexicons used as one: their concepts side by side (none shared), a name,
    version and hash made of theirs. Enough for ``score`` and provenance; ``match``
    matches each lexicon on its own."""

    parts: tuple[Any, ...]

    @property
    def name(self) -> str:
        return " + ".join(part.name for part in self.parts)

    @property
    def version(self) -> str:
        return " + ".join(str(part.version) for part in self.parts)

    @property
    def concepts(self) -> tuple[Any, ...]:
        return tuple(concept for part in self.parts for concept in part.concepts)

    def entries(self) -> Iterator[Any]:
        for part in self.parts:
            yield from part.entries()

    def fingerprint(self) -> str:
        joined = " ".join(part.fingerprint() for part in self.parts)
        return "sha256:" + hashlib.sha256(joined.encode()).hexdigest()

    def __len__(self) -> int:
        return sum(len(part) for part in self.parts)


def _load_lexicons(names: Sequence[str] | None) -> Any:
    """One lexicon, or several combined (refused when two share a concept name)."""
    if not names:
        return None
    lexicons = [_load_lexicon(name) for name in names]
    if len(lexicons) == 1:
        return lexicons[0]
    seen: dict[str, str] = {}
    for lexicon in lexicons:
        for concept in lexicon.concepts:
            if concept.name in seen:
                raise _InputError(
                    f"The lexicons {seen[concept.name]!r} and {lexicon.name!r} both have the "
                    f"concept {concept.name!r}, so their hits could not be told apart. "
                    "Rename the concept in one of them, or run the command once per lexicon."
                )
            seen[concept.name] = lexicon.name
    return _Lexicons(tuple(lexicons))


def _names(value: Any) -> list[str]:
    """The --lexicon values as a list (none, one, or repeated)."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _match_all(corpus: pd.DataFrame, lexicon: Any, **options: Any) -> pd.DataFrame:
    """The hits of a lexicon, or of several (each matched on its own, hits together)."""
    from framing import match
    from framing.provenance import ATTRS_KEY, stamp

    if not isinstance(lexicon, _Lexicons):
        return match(corpus, lexicon, **options)
    parts = [match(corpus, part, **options) for part in lexicon.parts]
    hits = pd.concat(parts, ignore_index=True)
    parameters = dict(parts[0].attrs.get(ATTRS_KEY, {}).get("parameters", {}))
    stamp(hits, function="match", corpus=corpus, lexicon=lexicon, parameters=parameters)
    record = hits.attrs[ATTRS_KEY]["lexicon"]
    record["variants"] = [[c.name, v.name] for c in lexicon.concepts for v in c.variants]
    record["parts"] = [
        {"name": part.name, "version": part.version, "hash": part.fingerprint()}
        for part in lexicon.parts
    ]
    return hits


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


# -- commands ------------------------------------------------------------------------------
def _command_read(args: argparse.Namespace) -> int:
    from framing import check_corpus, load_report, read_corpus

    if args.output:
        check_output(args.output, args.sources, force=args.force, corpus=True)
    corpus = read_corpus(
        args.sources if len(args.sources) > 1 else args.sources[0],
        format=args.format,
        rename=_parse_mapping(args.column),
        outlet=args.outlet,
        errors=args.errors,
        file_pattern=args.file_pattern,
    )
    print(load_report(corpus))
    damaged = check_corpus(corpus) if args.check else None
    if damaged is not None:
        print(damaged)
    if args.output:
        write_output(corpus, args.output, force=args.force)
        _say(f"Wrote {len(corpus)} documents to {args.output}")
    if damaged is not None and len(damaged.problems):
        return EXIT_CHECK_PROBLEMS
    return EXIT_OK


def _command_match(args: argparse.Namespace) -> int:
    check_output(args.output, [args.corpus, *_names(args.lexicon)], force=args.force)
    corpus = _read_corpus_file(args.corpus)
    lexicon = _load_lexicons(args.lexicon)
    hits = _match_all(
        corpus,
        lexicon,
        fields=tuple(args.fields),
        classify_voice=not args.no_voice,
        columns=("outlet", "published"),
        workers=args.workers,
    )
    write_output(hits, args.output, force=args.force)
    _say(f"{len(hits)} hits of {len(lexicon)} terms in {len(corpus)} documents -> {args.output}")
    return EXIT_OK


def _command_score(args: argparse.Namespace) -> int:
    from framing import score

    check_output(args.output, [args.hits, args.corpus, *_names(args.lexicon)], force=args.force)
    hits = _read_table(args.hits)
    corpus = _read_corpus_file(args.corpus)
    lexicon = _load_lexicons(args.lexicon)
    scores = score(
        hits,
        corpus,
        by=args.by,
        period=args.period,
        voice=args.voice,
        lexicon=lexicon,
        interval=args.interval,
        n_boot=args.n_boot,
        seed=args.seed,
    )
    write_output(scores, args.output, force=args.force)
    _say(f"{len(scores)} score rows -> {args.output}")
    return EXIT_OK


def _command_compare(args: argparse.Namespace) -> int:
    from framing import compare_groups

    check_output(args.output, [args.corpus, *_names(args.lexicon)], force=args.force)
    corpus = _read_corpus_file(args.corpus)
    if args.by not in corpus.columns:
        raise _InputError(f"{args.corpus} has no column {args.by!r} to group by.")
    missing = corpus[args.by].isna()
    if args.drop_missing_groups and missing.any():
        _say(f"Left out {int(missing.sum())} documents with no {args.by}.")
        corpus = corpus[~missing].reset_index(drop=True)
    if args.lexicon and len(args.lexicon) > 1:
        raise _UsageError(
            f"compare takes one --lexicon (got {len(args.lexicon)}): the statistics of "
            "lexicon terms are computed within one vocabulary. Compare one lexicon at a time."
        )
    terms: Any = _load_lexicon(args.lexicon[0]) if args.lexicon else "ngrams"
    comparison = compare_groups(
        corpus,
        by=args.by,
        target=args.target,
        reference=args.reference,
        terms=terms,
        ngram_range=(args.ngram_min, args.ngram_max),
        min_count=args.min_count,
        min_df=args.min_df,
        stop_words=_stop_words(args.stop_words),
    )
    write_output(comparison, args.output, force=args.force)
    _say(f"{len(comparison)} term statistics -> {args.output}")
    return EXIT_OK


def _command_lexicon_check(args: argparse.Namespace) -> int:
    from framing import check_lexicon

    check = check_lexicon(args.path)
    print(check)
    return EXIT_OK if check.ok else EXIT_LEXICON_PROBLEMS


def _command_kwic(args: argparse.Namespace) -> int:
    from framing import kwic

    corpus = _read_corpus_file(args.corpus)
    if (args.hits is None) == (not args.lexicon):
        raise _UsageError("kwic needs the hits: --hits FILE, or --lexicon NAME to match now.")
    if args.hits is not None:
        hits = _read_table(args.hits)
    else:
        hits = _match_all(corpus, _load_lexicons(args.lexicon), columns=("outlet", "published"))
    for column in ("concept", "variant", "term", "voice"):
        wanted = getattr(args, column)
        if wanted:
            if column not in hits.columns:
                raise _InputError(f"The hits have no {column!r} column to select on.")
            kept = hits[hits[column].astype(str).isin(wanted)]
            kept.attrs = dict(hits.attrs)
            hits = kept
    table = kwic(
        hits.reset_index(drop=True), corpus, window=args.window, n=args.sample, seed=args.seed
    )
    if args.output is None:
        from framing.concordance import to_text

        print(to_text(table, max_rows=len(table)))
        return EXIT_OK
    path = Path(args.output)
    if path.suffix in (".html", ".htm"):
        path.parent.mkdir(parents=True, exist_ok=True)
        with pd.option_context("display.max_rows", len(table) + 1):
            body = table._repr_html_()
        path.write_text(
            '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>KWIC</title></head>'
            f"<body>{body}</body></html>\n",
            encoding="utf-8",
        )
    else:
        write_output(pd.DataFrame(table), path)
    _say(f"{len(table)} hits in context -> {path}")
    return EXIT_OK


def _parse_events(pairs: Sequence[str] | None) -> dict[str, str] | None:
    if not pairs:
        return None
    events = {}
    for pair in pairs:
        when, sep, label = pair.partition("=")
        try:
            valid = bool(sep and label.strip()) and not pd.isna(pd.Timestamp(when))
        except (ValueError, TypeError):
            valid = False
        if not valid:
            raise _UsageError(
                f"--event takes DATE=LABEL (e.g. 2022-02-24='full-scale invasion'). Got {pair!r}."
            )
        events[pd.Timestamp(when).strftime("%Y-%m-%d")] = label.strip()
    return events


def _command_figures(args: argparse.Namespace) -> int:
    from framing._figures_job import run_figures

    run_figures(
        output=Path(args.output),
        corpus=args.corpus,
        lexicon=args.lexicon,
        notebook=args.notebook,
        period=args.period,
        events=_parse_events(args.event),
    )
    return EXIT_OK


# -- the parser ----------------------------------------------------------------------------
def _add_output(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument(
        "-o",
        "--output",
        required=required,
        help="where to write the table: .parquet (keeps dtypes and provenance) or .csv/.tsv; "
        "never an input, and an existing file only with --force",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace the output file (and its sidecar) if it exists",
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the ``framing`` argument parser (one sub-command per pipeline stage)."""
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Media-framing analysis: read, match, score, compare, figures.",
        epilog="Exit codes: 0 success, 1 bad input, 2 bad usage, 3 a check found problems.",
    )
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, handler: Callable[[argparse.Namespace], int], help: str):
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(handler=handler)
        return sub

    read = command("read", _command_read, "Read article files into a corpus table.")
    read.add_argument("sources", nargs="+", help="files, folders or globs")
    read.add_argument("--format", help="force a format (dump, csv, tsv, jsonl, json, ...)")
    read.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="CORPUS=SOURCE",
        help="map a source column to a corpus column, e.g. text=articles (repeatable)",
    )
    read.add_argument("--outlet", help="set the outlet of every document")
    read.add_argument(
        "--file-pattern",
        help="a regex with named groups read from each file's name into columns, e.g. "
        "'(?P<outlet>[^_]+)_(?P<published>\\d{8})'",
    )
    read.add_argument(
        "--check",
        action="store_true",
        help="list every document whose text looks damaged (glued words, markup, JSON, "
        "mojibake, replacement characters); exit 3 if there is one",
    )
    read.add_argument(
        "--errors",
        choices=("raise", "report"),
        default="raise",
        help="stop at the first bad record (raise) or skip and list it (report)",
    )
    _add_output(read, required=False)

    match = command("match", _command_match, "Find every lexicon term in a corpus.")
    match.add_argument("corpus", help="a corpus file (.parquet from `framing read`, or any input)")
    match.add_argument(
        "--lexicon",
        action="append",
        required=True,
        help="a bundled lexicon name or a file (repeatable: the hits of each, together)",
    )
    match.add_argument("--fields", nargs="+", default=["title", "text"])
    match.add_argument("--no-voice", action="store_true", help="skip the voice of each hit")
    match.add_argument("--workers", type=int, default=None, help="worker processes")
    _add_output(match)

    score = command("score", _command_score, "Count, rate and share hits per group.")
    score.add_argument("hits", help="a hits table from `framing match`")
    score.add_argument("corpus", help="the corpus the hits came from")
    score.add_argument("--by", nargs="+", default=["outlet"], help="corpus columns to group by")
    score.add_argument("--period", choices=("W", "M", "Q", "Y"), help="bin `published`")
    score.add_argument("--voice", choices=("own", "quoted", "distanced"))
    score.add_argument(
        "--lexicon",
        action="append",
        help="the lexicon matched (to list variants with no hits; repeatable)",
    )
    score.add_argument(
        "--interval",
        choices=("effective", "bootstrap"),
        default="effective",
        help="how intervals are computed (docs/statistics.md); default: effective",
    )
    score.add_argument(
        "--n-boot", type=int, default=1000, help="bootstrap resamples (--interval bootstrap)"
    )
    score.add_argument("--seed", type=int, default=0, help="bootstrap seed (--interval bootstrap)")
    _add_output(score)

    compare = command("compare", _command_compare, "Terms distinctive of each group.")
    compare.add_argument("corpus")
    compare.add_argument("--by", default="outlet")
    compare.add_argument("--target", help="one group (default: each group in turn)")
    compare.add_argument("--reference", default="rest", help="'rest' or a group name")
    compare.add_argument(
        "--lexicon", action="append", help="compare one lexicon's terms instead of n-grams"
    )
    compare.add_argument("--ngram-min", type=int, default=1)
    compare.add_argument("--ngram-max", type=int, default=3)
    compare.add_argument("--min-count", type=int, default=5)
    compare.add_argument(
        "--min-df", type=int, default=1, help="report terms found in at least this many documents"
    )
    compare.add_argument(
        "--stop-words",
        default=None,
        metavar="english|FILE",
        help="leave out terms that begin or end with a stop word: 'english' (scikit-learn's "
        "list) or a file of words, one a line",
    )
    compare.add_argument(
        "--drop-missing-groups",
        action="store_true",
        help="leave out documents with no value in --by (and say how many) instead of stopping",
    )
    _add_output(compare)

    concordance = command(
        "kwic", _command_kwic, "Show hits in context: left | match | right, one line each."
    )
    concordance.add_argument("corpus", help="the corpus the hits came from")
    concordance.add_argument("--hits", help="a hits table from `framing match`")
    concordance.add_argument(
        "--lexicon", action="append", help="match this lexicon now instead (repeatable)"
    )
    for column in ("concept", "variant", "term", "voice"):
        concordance.add_argument(
            f"--{column}", action="append", help=f"only hits of this {column} (repeatable)"
        )
    concordance.add_argument("--window", type=int, default=10, help="words on each side")
    concordance.add_argument("--sample", type=int, help="a random sample of this many hits")
    concordance.add_argument("--seed", type=int, default=0, help="seed of the sample")
    concordance.add_argument(
        "-o",
        "--output",
        help="write .csv/.tsv/.parquet or .html instead of printing to the console",
    )

    lexicon = commands.add_parser("lexicon", help="Work with lexicon files.")
    lexicon_commands = lexicon.add_subparsers(dest="lexicon_command", metavar="COMMAND")
    check = lexicon_commands.add_parser(
        "check",
        help="Load, validate and summarise a lexicon.",
        description="Load, validate and summarise a lexicon; exit 3 if it has problems.",
    )
    check.add_argument("path", help="a lexicon file (YAML, .dic, .cat, .lc3) or bundled name")
    check.set_defaults(handler=_command_lexicon_check)

    figures = command(
        "figures", _command_figures, "Run the paper-figures notebook: every figure and table."
    )
    figures.add_argument("--output", default="figures", help="folder to write into")
    figures.add_argument(
        "--corpus",
        default=None,
        metavar="PATH|NAME",
        help="a corpus path, or the name of a public corpus to fetch into the cache "
        "(ruwa, nyt_guardian, resistinua, ru_telegram_news; see framing.datasets.available); "
        "default: the synthetic sample",
    )
    figures.add_argument(
        "--lexicon",
        action="append",
        default=None,
        help="bundled name or file (repeatable; default: ukraine_war and ukraine_toponyms)",
    )
    figures.add_argument("--period", default="M", choices=("W", "M", "Q", "Y"))
    figures.add_argument(
        "--event",
        action="append",
        metavar="DATE=LABEL",
        help="an event to mark on the timelines, e.g. 2022-02-24='full-scale invasion' "
        "(repeatable; only those inside the data's dates are drawn; default: the sample's)",
    )
    figures.add_argument("--notebook", default=None, help="the notebook to run")
    return parser


def _version() -> str:
    from framing import __version__

    return f"framing {__version__}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    from framing.corpus.schema import CorpusError
    from framing.lexicon.model import LexiconError

    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(handler(args) or EXIT_OK)
    except _UsageError as error:
        _say(f"framing {args.command}: {error}")
        return EXIT_USAGE
    except (CorpusError, LexiconError, _InputError, OSError, ValueError) as error:
        # The library's messages name the file, record or parameter: a traceback would
        # only bury them. OSError: a folder given as a file, a file that cannot be read or
        # written (its message names the path). TypeError and the rest are bugs and keep
        # their traceback.
        _say(f"framing {args.command}: {error}")
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
