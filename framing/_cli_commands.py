"""The commands of ``framing`` (read, match, score, compare, lexicon check, kwic,
figures): each reads its inputs, calls the same function as the Python API and writes
its table.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from framing._cli_io import (
    EXIT_CHECK_PROBLEMS,
    EXIT_LEXICON_PROBLEMS,
    EXIT_OK,
    _InputError,
    _load_lexicon,
    _load_lexicons,
    _match_all,
    _names,
    _parse_mapping,
    _read_corpus_file,
    _read_table,
    _say,
    _stop_words,
    _UsageError,
    check_output,
    write_output,
)


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
        encoding=args.encoding,
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
