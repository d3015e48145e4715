"""The whole pipeline as a user meets it: read -> deduplicate -> match -> score -> compare.

Run from the repository root (a few minutes)::

    .venv/bin/python -m benchmarks.bench_pipeline                 # RUWA if ../shared/data has it
    .venv/bin/python -m benchmarks.bench_pipeline --dataset sample --rounds 2

On RUWA (``../shared/data/ruwa``: 16,545 headlines and sub-headings of nine outlets,
text in ``title`` and ``description``) when it is there, else on the packaged sample
(``framing/data/sample.parquet``, 1,500 synthetic articles, ``title`` and ``text``), each
stage of the framing pipeline and what a user would otherwise write with pandas and
scikit-learn:

========================  =================================================================
framing                   the plain equivalent
========================  =================================================================
``read_corpus``           ``pandas.read_csv`` (``read_parquet`` for the sample)
``deduplicate``           ``DataFrame.duplicated`` on the same column, missing values kept:
                          a weaker job (exact copies only, no near copies, no case or
                          punctuation folding)
``match``                 the lexicon ``ukraine_toponyms`` (1,092 terms): a pyahocorasick
                          automaton over lower-cased text with word boundaries checked in
                          Python (when installed), and one
                          ``Series.str.count(r"\\bterm\\b", flags=re.I)`` per term and
                          text column (globs as ``\\w*``), run on every LOOP_STEP-th term
                          and scaled
``score``                 a pandas ``groupby`` of the automaton's counts: each variant's
                          share of its concept per outlet (no intervals)
``compare_groups``        scikit-learn ``CountVectorizer(ngram_range=(1, 3))`` and numpy
                          log-odds with the pooled Dirichlet prior (Monroe et al. 2008),
                          and scattertext (its own 1-2-gram features) when installed; the
                          same two outlets (RT and Reuters on RUWA)
========================  =================================================================

Each contender runs in its own fresh Python process, which times the first call of every
stage in pipeline order (what a user meets: imports inside the libraries, models loaded,
caches empty), then ``--warm`` more calls of each stage. Rounds alternate the two
processes (framing, plain; plain, framing; ...). Importing framing (or pandas and
scikit-learn) is timed apart. The section between the markers in RESULTS.md is replaced.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import statistics
import time
from pathlib import Path

from benchmarks._fresh import fresh_process
from benchmarks._results import write_section

HERE = Path(__file__).resolve().parent
#: ../shared/data beside the repository, or FRAMING_SHARED as the tests read it.
SHARED = Path(os.environ.get("FRAMING_SHARED", HERE.parent.parent / "shared"))
RUWA = SHARED / "data" / "ruwa" / "RUWA_04.08.23.csv"
SAMPLE = HERE.parent / "framing" / "data" / "sample.parquet"
START, END = "<!-- bench_pipeline: start -->", "<!-- bench_pipeline: end -->"
STAGES = (
    "read",
    "deduplicate",
    "match",
    "match_loop",
    "score",
    "compare_groups",
    "compare_two",
    "scattertext",
)
LEXICON = "ukraine_toponyms"
#: The per-term loop, beside pyahocorasick, runs on every LOOP_STEP-th term and is scaled to
#: all of them (its time is linear in the number of terms): the whole loop takes minutes.
LOOP_STEP = 10

#: Per dataset: the file, framing's text fields and the same columns as the file names them,
#: the column deduplicated, the outlet column of the raw file, and the two outlets compared
#: (framing's names, the raw file's values).
DATASETS = {
    "ruwa": {
        "path": RUWA,
        "fields": ("title", "description"),
        "raw_fields": ("title", "desc"),
        "dedup": ("description", "desc"),
        "raw_outlet": "Site",
        "groups": (("RT", "Reuters"), ("rt.com", "reuters.com")),
    },
    "sample": {
        "path": SAMPLE,
        "fields": ("title", "text"),
        "raw_fields": ("title", "text"),
        "dedup": ("text", "text"),
        "raw_outlet": "outlet",
        "groups": (("Polar News Agency", "The Harbour Herald"),) * 2,
    },
}


def _clock(times: dict, stage: str, call):
    started = time.perf_counter()
    result = call()
    times.setdefault(stage, []).append(time.perf_counter() - started)
    return result


# -- the framing process -----------------------------------------------------------------
def framing_pipeline(dataset: str, warm: int) -> dict:
    """Time every stage of the framing pipeline: the first calls, then ``warm`` more."""
    spec = DATASETS[dataset]
    started = time.perf_counter()
    import framing

    # framing loads its stages on first use: resolving them is part of the import, as
    # importing pandas and scikit-learn is for the plain path.
    for stage in ("read_corpus", "deduplicate", "match", "score", "compare_groups"):
        getattr(framing, stage)
    imported = time.perf_counter() - started
    fields = list(spec["fields"])
    target, reference = spec["groups"][0]
    times: dict[str, list[float]] = {}
    # read once a session, before the first match, and not timed: a stage of no contender
    lexicon = framing.load_lexicon(LEXICON)
    for _ in range(1 + warm):
        corpus = _clock(times, "read", lambda: framing.read_corpus(spec["path"]))
        kept = _clock(
            times,
            "deduplicate",
            lambda c=corpus: framing.deduplicate(c, on=spec["dedup"][0], drop=True),
        )
        hits = _clock(
            times,
            "match",
            lambda k=kept: framing.match(k, lexicon, fields=fields, progress=False),
        )
        scores = _clock(times, "score", lambda h=hits, k=kept: framing.score(h, k, by="outlet"))
        table = _clock(
            times,
            "compare_groups",
            lambda k=kept: framing.compare_groups(
                k, target=target, reference=reference, fields=fields, progress=False
            ),
        )
        # The same input the plain contenders get: the two groups' documents only (above,
        # the whole corpus is counted, for its prior and min_count: more work).
        _clock(
            times,
            "compare_two",
            lambda k=kept: framing.compare_groups(
                k[k["outlet"].isin([target, reference])],
                target=target,
                reference=reference,
                fields=fields,
                progress=False,
            ),
        )
    facts = {
        "documents": len(corpus),
        "kept": len(kept),
        "hits": len(hits),
        "score_rows": len(scores),
        "compare_rows": len(table),
        "characters": int(sum(corpus[f].str.len().sum() for f in fields)),
    }
    return {"import": imported, "times": times, "facts": facts}


# -- the plain process -------------------------------------------------------------------
def _term_pattern(pattern: str, has_glob: bool) -> str:
    """The regular expression a user would write for a lexicon term."""
    return r"\b" + re.escape(pattern.rstrip("*")) + (r"\w*" if has_glob else r"\b")


def _loop_match(frame, fields: tuple[str, ...], terms: list[tuple], step: int = 1):
    """Per-document counts of every ``step``-th term: one ``str.count`` per term and column.

    Returns a long table (row, term, count) of the non-zero counts.
    """
    import numpy as np
    import pandas as pd

    parts = []
    for index in range(0, len(terms), step):
        _, _, pattern, has_glob = terms[index]
        regex = _term_pattern(pattern, has_glob)
        count = sum(
            frame[f].fillna("").str.count(regex, flags=re.IGNORECASE).to_numpy() for f in fields
        )
        rows = np.flatnonzero(count)
        parts.append(pd.DataFrame({"row": rows, "term": index, "count": count[rows]}))
    return pd.concat(parts, ignore_index=True)


def _automaton_match(frame, fields: tuple[str, ...], terms: list[tuple]):
    """The ~40 lines a user could write with pyahocorasick: every occurrence of a term
    (lower-cased) with word boundaries checked in Python; globs match the prefix.

    Returns a long table (row, term, count) like :func:`_loop_match`.
    """
    import ahocorasick
    import pandas as pd

    automaton = ahocorasick.Automaton()
    for index, (_, _, pattern, has_glob) in enumerate(terms):
        key = pattern.rstrip("*").lower()
        found = automaton.get(key, (len(key), []))
        found[1].append((index, has_glob))
        automaton.add_word(key, found)
    automaton.make_automaton()
    counts: dict[tuple[int, int], int] = {}
    for f in fields:
        for row, text in enumerate(frame[f].fillna("").str.lower().tolist()):
            for end, (length, found) in automaton.iter(text):
                start = end - length + 1
                if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
                    continue
                after = text[end + 1 : end + 2]
                bounded = not (after.isalnum() or after == "_")
                for index, has_glob in found:
                    if has_glob or bounded:
                        counts[row, index] = counts.get((row, index), 0) + 1
    return pd.DataFrame(
        [(row, index, count) for (row, index), count in counts.items()],
        columns=["row", "term", "count"],
    )


def _plain_score(hits, outlets, terms: list[tuple]):
    """Each variant's share of its concept per outlet, from a long table of counts."""
    import numpy as np
    import pandas as pd

    concepts = np.array([t[0] for t in terms], dtype=object)
    variants = np.array([t[1] for t in terms], dtype=object)
    frame = pd.DataFrame(
        {
            "outlet": outlets.to_numpy()[hits["row"].to_numpy()],
            "concept": concepts[hits["term"].to_numpy()],
            "variant": variants[hits["term"].to_numpy()],
            "count": hits["count"].to_numpy(),
        }
    )
    counts = frame.groupby(["outlet", "concept", "variant"])["count"].sum()
    shares = counts / counts.groupby(level=["outlet", "concept"]).transform("sum")
    return shares.rename("share").reset_index()


def _plain_log_odds(texts_a: list[str], texts_b: list[str], min_count: int = 5):
    """CountVectorizer 1-3-grams, then log-odds with the pooled prior (0.01), z, kept rows."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(ngram_range=(1, 3))
    matrix = vectorizer.fit_transform(texts_a + texts_b)
    y_a = np.asarray(matrix[: len(texts_a)].sum(axis=0)).ravel().astype(float)
    y_b = np.asarray(matrix[len(texts_a) :].sum(axis=0)).ravel().astype(float)
    prior = 0.01 * (y_a + y_b)
    a0, n_a, n_b = prior.sum(), y_a.sum(), y_b.sum()
    delta = np.log((y_a + prior) / (n_a + a0 - y_a - prior)) - np.log(
        (y_b + prior) / (n_b + a0 - y_b - prior)
    )
    variance = (
        1 / (y_a + prior)
        + 1 / (n_a + a0 - y_a - prior)
        + 1 / (y_b + prior)
        + 1 / (n_b + a0 - y_b - prior)
    )
    keep = (y_a + y_b) >= min_count
    terms = vectorizer.get_feature_names_out()[keep]
    return terms, delta[keep] / np.sqrt(variance[keep])


def _scattertext(texts_a: list[str], texts_b: list[str]):
    """scattertext's own path: a corpus of its 1-2-gram features, then log-odds z."""
    import pandas as pd
    import scattertext

    frame = pd.DataFrame(
        {"group": ["a"] * len(texts_a) + ["b"] * len(texts_b), "text": texts_a + texts_b}
    )
    corpus = scattertext.CorpusFromPandas(
        frame, category_col="group", text_col="text", nlp=scattertext.whitespace_nlp_with_sentences
    ).build()
    counts = corpus.get_term_freq_df()
    y_a, y_b = counts["a freq"].to_numpy(float), counts["b freq"].to_numpy(float)
    scorer = scattertext.LogOddsRatioInformativeDirichletPrior(y_a + y_b, scale_type="none")
    return scorer.get_zeta_i_j_given_separate_counts(y_a, y_b)


def plain_pipeline(dataset: str, warm: int, terms_file: str) -> dict:
    """Time the plain pandas / scikit-learn equivalents, first calls then ``warm`` more.

    The lexicon's terms come from ``terms_file`` (written by the parent process with
    framing): a user of the plain path has the term list already, and importing framing
    here would warm pandas up for the timed calls.
    """
    spec = DATASETS[dataset]
    started = time.perf_counter()
    import pandas as pd
    import sklearn.feature_extraction.text  # noqa: F401

    imported = time.perf_counter() - started
    scattertext = _installed("scattertext")
    automaton = _installed("ahocorasick")
    fields, raw_column = spec["raw_fields"], spec["dedup"][1]
    raw_groups = spec["groups"][1]
    terms = [tuple(term) for term in json.loads(Path(terms_file).read_text("utf-8"))]
    reader = pd.read_csv if spec["path"].suffix == ".csv" else pd.read_parquet
    times: dict[str, list[float]] = {}
    for _ in range(1 + warm):
        frame = _clock(times, "read", lambda: reader(spec["path"]))
        kept = _clock(
            times,
            "deduplicate",
            lambda f=frame: f[~(f[raw_column].notna() & f.duplicated(subset=[raw_column]))],
        )
        if automaton:
            hits = _clock(times, "match", lambda k=kept: _automaton_match(k, fields, terms))
            # the per-term loop on every LOOP_STEP-th term, scaled: linear in the terms
            _clock(times, "match_loop", lambda k=kept: _loop_match(k, fields, terms, LOOP_STEP))
            times["match_loop"][-1] *= len(terms) / len(range(0, len(terms), LOOP_STEP))
        else:
            hits = _clock(times, "match", lambda k=kept: _loop_match(k, fields, terms))
        _clock(
            times,
            "score",
            lambda h=hits, k=kept: _plain_score(h, k[spec["raw_outlet"]], terms),
        )
        texts = [
            kept.loc[kept[spec["raw_outlet"]] == group, list(fields)]
            .fillna("")
            .agg(" ".join, axis=1)
            .tolist()
            for group in raw_groups
        ]
        _clock(times, "compare_groups", lambda t=texts: _plain_log_odds(*t))
        if scattertext:
            _clock(times, "scattertext", lambda t=texts: _scattertext(*t))
    facts = {"documents": len(frame), "kept": len(kept), "hits": int(hits["count"].sum())}
    return {"import": imported, "times": times, "facts": facts}


def _installed(module: str) -> bool:
    """Whether ``module`` can be imported (imported now, before any timing)."""
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def _lexicon_terms() -> list[tuple[str, str, str, bool]]:
    """The lexicon's terms as (concept, variant, pattern, glob), for the plain process."""
    import framing

    lexicon = framing.load_lexicon(LEXICON)
    return [
        (concept.name, variant.name, term.pattern, term.has_glob)
        for concept, variant, term in lexicon.entries()
    ]


# -- the parent: rounds, summary, RESULTS.md ----------------------------------------------
def _child(kind: str, dataset: str, warm: int, terms_file: str) -> dict:
    return fresh_process(
        ["-m", "benchmarks.bench_pipeline", "--child", kind, "--dataset", dataset,
         "--warm", str(warm), "--terms", terms_file],
        f"timed {kind}",
    )  # fmt: skip


def _summary(runs: list[dict]) -> dict[str, dict[str, float]]:
    """Per stage: the median first call over the rounds, and the median warm call."""
    out = {}
    for stage in STAGES:
        if stage not in runs[0]["times"]:
            continue
        firsts = [run["times"][stage][0] for run in runs]
        warms = [t for run in runs for t in run["times"][stage][1:]]
        out[stage] = {
            "first": statistics.median(firsts),
            "first_best": min(firsts),
            "warm": statistics.median(warms) if warms else float("nan"),
            "warm_best": min(warms) if warms else float("nan"),
        }
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=sorted(DATASETS), default=None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warm", type=int, default=2, help="warm calls after the first")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--no-write", action="store_true", help="print, leave RESULTS.md")
    parser.add_argument("--child", choices=("framing", "plain"), help=argparse.SUPPRESS)
    parser.add_argument("--terms", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    dataset = args.dataset or ("ruwa" if RUWA.is_file() else "sample")
    if args.child == "framing":
        print(json.dumps(framing_pipeline(dataset, args.warm)))
        return
    if args.child == "plain":
        print(json.dumps(plain_pipeline(dataset, args.warm, args.terms)))
        return

    import tempfile

    terms_file = Path(tempfile.mkdtemp(prefix="framing-pipeline-")) / "terms.json"
    terms_file.write_text(json.dumps(_lexicon_terms()), "utf-8")
    load_start = os.getloadavg()
    runs: dict[str, list[dict]] = {"framing": [], "plain": []}
    for round_ in range(args.rounds):  # alternate which process goes first
        for kind in ("framing", "plain") if round_ % 2 == 0 else ("plain", "framing"):
            runs[kind].append(_child(kind, dataset, args.warm, str(terms_file)))
            print(kind, json.dumps(runs[kind][-1]["times"]), flush=True)
    load_end = os.getloadavg()
    section = _section(dataset, args, runs, load_start, load_end)
    if not args.no_write:
        write_section(args.output, section, START, END)
    print(section)


def _section(dataset, args, runs, load_start, load_end) -> str:
    from benchmarks.bench_match import machine

    ours, plain = _summary(runs["framing"]), _summary(runs["plain"])
    facts, plain_facts = runs["framing"][0]["facts"], runs["plain"][0]["facts"]
    target, reference = DATASETS[dataset]["groups"][0]
    loads = [", ".join(f"{x:.2f}" for x in load) for load in (load_start, load_end)]
    source = (
        "RUWA (`../shared/data/ruwa/RUWA_04.08.23.csv`, 8.9 MB)"
        if dataset == "ruwa"
        else "the packaged sample (`framing/data/sample.parquet`)"
    )
    lines = [
        START,
        "## The whole pipeline (bench_pipeline.py)",
        "",
        f"Made by `benchmarks/bench_pipeline.py` on {datetime.date.today().isoformat()} on "
        f"{source}. Machine: {machine()}. Load average {loads[0]} at the start, {loads[1]} "
        "at the end.",
        "",
        f"{facts['documents']:,} documents ({facts['characters'] / 1e6:.1f} M characters in "
        f"{', '.join(DATASETS[dataset]['fields'])}); {facts['kept']:,} after `deduplicate("
        f"on={DATASETS[dataset]['dedup'][0]!r}, drop=True)` ({plain_facts['kept']:,} after the "
        f"exact `duplicated`); `match` with `{LEXICON}` gives {facts['hits']:,} hits (the "
        f"per-term loop counts {plain_facts['hits']:,}); `score(by='outlet')` "
        f"{facts['score_rows']:,} rows; `compare_groups(target={target!r}, "
        f"reference={reference!r})`, 1-3-grams, {facts['compare_rows']:,} rows. Each "
        f"contender in its own fresh process, {args.rounds} rounds alternating, first call "
        f"then {args.warm} warm calls; medians (best in brackets).",
        "",
        "| framing vs the plain equivalent | framing first call s | plain first call s "
        "| framing / plain | framing warm s | plain warm s | framing / plain |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    two = "`compare_groups`, the two groups' documents only"
    rows = [  # (framing stage, plain stage, framing's label, the plain label)
        (
            "read",
            "read",
            "`read_corpus`",
            "`pandas.read_csv`" if dataset == "ruwa" else "`read_parquet`",
        ),
        ("deduplicate", "deduplicate", "`deduplicate`", "`duplicated` (exact only)"),
        ("match", "match", "`match`", "pyahocorasick + Python boundary checks"),
        (
            "match",
            "match_loop",
            "`match`",
            f"per-term `str.count` loop (1 term in {LOOP_STEP}, scaled)",
        ),
        ("score", "score", "`score`", "`groupby` share"),
        ("compare_groups", "compare_groups", "`compare_groups`, whole corpus",
         "CountVectorizer + numpy log-odds"),
        ("compare_groups", "scattertext", "`compare_groups`, whole corpus",
         "scattertext (1-2-grams)"),
        ("compare_two", "compare_groups", two, "CountVectorizer + numpy log-odds"),
        ("compare_two", "scattertext", two, "scattertext (1-2-grams)"),
    ]  # fmt: skip
    for stage, plain_stage, mine, theirs in rows:
        if plain_stage not in plain or stage not in ours:
            continue
        ref = ours[stage]
        other = plain[plain_stage]
        lines.append(
            f"| {mine} vs {theirs} | {ref['first']:.2f} ({ref['first_best']:.2f}) | "
            f"{other['first']:.3f} ({other['first_best']:.3f}) | "
            f"{_ratio(ref['first'] / other['first'])} | {ref['warm']:.2f} "
            f"({ref['warm_best']:.2f}) | {other['warm']:.3f} ({other['warm_best']:.3f}) | "
            f"{_ratio(ref['warm'] / other['warm'])} |"
        )
    if "compare_two" in ours:
        lines += [
            "",
            "`compare_groups`, the two groups' documents only: the same documents scattertext "
            "and CountVectorizer get (its prior pooled over the two groups, as theirs). It "
            "runs right after the "
            "whole-corpus call in the same process, so its first call is not a cold one. "
            "The whole-corpus call counts every document, for its prior and `min_count`.",
        ]
    total = sum(ours[s]["first"] for s in ours if s != "compare_two")  # the pipeline's own
    imports = [r["import"] for r in runs["framing"]], [r["import"] for r in runs["plain"]]
    lines += [
        "",
        f"Whole pipeline, first calls: {total:.1f} s with framing. Importing framing: median "
        f"{statistics.median(imports[0]):.2f} s; pandas and scikit-learn: "
        f"{statistics.median(imports[1]):.2f} s.",
        "",
        END,
    ]
    return "\n".join(lines) + "\n"


def _ratio(value: float) -> str:
    """A ratio with two significant figures below 10 (0.0042, 0.35, 2.2), whole above."""
    return f"{value:,.0f}" if value >= 10 else f"{value:.2g}"


if __name__ == "__main__":
    main()
