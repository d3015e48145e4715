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
import sys
from collections.abc import Callable, Sequence

from framing._cli_commands import (
    _command_compare,
    _command_figures,
    _command_kwic,
    _command_lexicon_check,
    _command_match,
    _command_read,
    _command_score,
)
from framing._cli_io import (
    EXIT_BAD_INPUT,
    EXIT_CHECK_PROBLEMS,
    EXIT_LEXICON_PROBLEMS,
    EXIT_OK,
    EXIT_USAGE,
    _InputError,
    _say,
    _UsageError,
)

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_CHECK_PROBLEMS",
    "EXIT_LEXICON_PROBLEMS",
    "EXIT_OK",
    "EXIT_USAGE",
    "build_parser",
    "main",
]


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
        "--encoding",
        help="the charset of CSV, TSV and .txt files that are not UTF-8, e.g. cp1251, "
        "koi8_r, cp1252 (default: UTF-8, else a Cyrillic charset recognised for sure)",
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
