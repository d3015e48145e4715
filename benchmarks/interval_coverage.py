"""Coverage of score's share and rate intervals on synthetic groups of documents.

Writes benchmarks/INTERVALS.md (the tables quoted in docs/statistics.md). Run from the
repository root (about five minutes on two cores; ``--quick`` for a smaller run)::

    .venv/bin/python -m benchmarks.interval_coverage

The intervals are computed by the kit's own functions (``framing.stats.share_interval``
and ``rate_interval``, which ``framing.score`` calls), one synthetic group per
replicate. Everything is seeded: the same tables every run.

Shares. A group has ``m`` documents that use the concept. Document *d* has ``n_d >= 1``
hits of it, ``1 +`` a negative binomial ("light": mean 2 hits; "heavy": mean 4, a long
tail); its own share ``p_d`` is drawn from a beta distribution with mean ``pi`` and
intra-document correlation ``rho`` (0: hits independent; 0.9: most documents use one
variant throughout), and ``x_d ~ Binomial(n_d, p_d)``. The true share is ``pi``. A
nominal 95% interval covers when it contains ``pi``.

Rates. A group has ``m`` documents of log-normal length (median 400 tokens); document *d*
has its own rate ``lambda_d``, gamma-distributed around ``lambda`` with squared
coefficient of variation ``phi`` (0: Poisson hits; 20: a term that a few documents use
a lot), and ``x_d ~ Poisson(lambda_d t_d)``. The true rate is ``lambda``.
"""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

import numpy as np

from framing.stats import rate_interval, share_interval

HERE = Path(__file__).resolve().parent
SIZES = (1, 2, 3, 5, 10, 30, 100, 500)
SHARES = (0.0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1.0)
RHOS = (0.0, 0.3, 0.6, 0.9)
HIT_SIZES = {"light": (2.0, 1.0), "heavy": (4.0, 0.5)}  # mean hits, negative binomial k
HITS_PER_DOCUMENT = (0.01, 0.1, 0.5, 2.0, 10.0)
PHIS = (0.0, 1.0, 5.0, 20.0)
MEDIAN_TOKENS = 400.0
TOKEN_SIGMA = 0.8


def _share_groups(m, pi, rho, sizes, reps, generator):
    mean, k = HIT_SIZES[sizes]
    total = reps * m
    n = 1 + generator.negative_binomial(k, k / (k + mean - 1.0), size=total)
    if pi in (0.0, 1.0) or rho == 0.0:
        p = np.full(total, pi)
    else:
        scale = 1.0 / rho - 1.0
        p = generator.beta(pi * scale, (1.0 - pi) * scale, size=total)
    x = generator.binomial(n, p)
    return x, n, np.repeat(np.arange(reps), m)


def _covers(low, high, truth):
    return (low <= truth + 1e-12) & (truth - 1e-12 <= high)


def _bootstrap_shares(x, n, m, reps, n_boot, generator):
    """The percentile bootstrap over documents (score(interval="bootstrap"))."""
    x, n = x.reshape(reps, m), n.reshape(reps, m)
    low, high = np.empty(reps), np.empty(reps)
    for rep in range(reps):
        draws = generator.integers(0, m, size=(n_boot, m))
        shares = x[rep][draws].sum(axis=1) / n[rep][draws].sum(axis=1)
        low[rep], high[rep] = np.quantile(shares, [0.025, 0.975])
    return low, high


def _wilson_on_hits(x, n, groups, reps):
    """Wilson's interval with every hit an independent trial (what clustering breaks)."""
    from framing.stats import wilson_interval

    successes = np.bincount(groups, x, reps)
    trials = np.bincount(groups, n, reps)
    return wilson_interval(successes, trials)


def share_study(reps, generator, progress):
    rows = []
    cells = list(itertools.product(SIZES, SHARES, RHOS, HIT_SIZES))
    for number, (m, pi, rho, sizes) in enumerate(cells, 1):
        x, n, groups = _share_groups(m, pi, rho, sizes, reps, generator)
        table = share_interval(x, n, groups)
        low, high = table["low"].to_numpy(), table["high"].to_numpy()
        naive_low, naive_high = _wilson_on_hits(x, n, groups, reps)
        rows.append(
            {
                "m": m,
                "pi": pi,
                "rho": rho,
                "sizes": sizes,
                "coverage": _covers(low, high, pi).mean(),
                "zero_width": np.mean(high - low <= 1e-12),
                "width": np.mean(high - low),
                "naive": _covers(naive_low, naive_high, pi).mean(),
            }
        )
        if progress and number % 50 == 0:
            print(f"  shares: {number}/{len(cells)} cells", flush=True)
    return rows


def bootstrap_study(reps, n_boot, generator):
    rows = []
    for m, pi, rho in itertools.product(SIZES[:-1], (0.05, 0.25, 0.5), (0.3, 0.9)):
        x, n, groups = _share_groups(m, pi, rho, "light", reps, generator)
        low, high = _bootstrap_shares(x, n, m, reps, n_boot, generator)
        table = share_interval(x, n, groups)
        rows.append(
            {
                "m": m,
                "pi": pi,
                "rho": rho,
                "bootstrap": _covers(low, high, pi).mean(),
                "bootstrap_zero": np.mean(high - low <= 1e-12),
                "effective": _covers(table["low"], table["high"], pi).mean(),
                "effective_zero": np.mean(table["high"] - table["low"] <= 1e-12),
            }
        )
    return rows


def rate_study(reps, generator):
    rows = []
    mean_tokens = MEDIAN_TOKENS * np.exp(TOKEN_SIGMA**2 / 2)
    for m, per_document, phi in itertools.product(SIZES, HITS_PER_DOCUMENT, PHIS):
        rate = per_document / mean_tokens
        total = reps * m
        tokens = np.maximum(
            1.0, np.round(generator.lognormal(np.log(MEDIAN_TOKENS), TOKEN_SIGMA, total))
        )
        own = np.full(total, rate) if phi == 0 else generator.gamma(1 / phi, rate * phi, total)
        x = generator.poisson(own * tokens)
        table = rate_interval(x, tokens, np.repeat(np.arange(reps), m), per=1)
        low, high = table["low"].to_numpy(), table["high"].to_numpy()
        rows.append(
            {
                "m": m,
                "per_document": per_document,
                "phi": phi,
                "coverage": _covers(low, high, rate).mean(),
                "zero_width": np.mean(high - low <= 0),
            }
        )
    return rows


def _pct(value):
    return f"{100 * value:.1f}"


def report(shares, boot, rates, reps, boot_reps, n_boot, seconds):
    lines = [
        "# Coverage of score's intervals (simulation)",
        "",
        "Made by `benchmarks/interval_coverage.py` (seeded; "
        f"{reps:,} synthetic groups per cell, {seconds:.0f} s). Nominal coverage 95%.",
        "The design is in the script's docstring; `docs/statistics.md` explains the method.",
        "",
        '## Shares: `interval="effective"` (the default)',
        "",
        "Lowest coverage (%) over the eight scenarios of each cell (intra-document",
        "correlation 0, 0.3, 0.6, 0.9; light or heavy-tailed hits per document). Rows: the",
        "documents of the group that use the concept (`concept_docs`); columns: the true share.",
        "",
        "| documents | " + " | ".join(f"{pi:g}" for pi in SHARES) + " | zero-width |",
        "|---:|" + "---:|" * (len(SHARES) + 1),
    ]
    for m in SIZES:
        cells = [r for r in shares if r["m"] == m]
        worst = [min(r["coverage"] for r in cells if r["pi"] == pi) for pi in SHARES]
        zero = max(r["zero_width"] for r in cells)
        lines.append(f"| {m} | " + " | ".join(_pct(c) for c in worst) + f" | {_pct(zero)}% |")
    at_least_5 = [r["coverage"] for r in shares if r["m"] >= 5]
    small = [r["zero_width"] for r in shares if r["m"] < 30]
    lines += [
        "",
        f"Lowest coverage from 5 documents up: {_pct(min(at_least_5))}%. Zero-width "
        f"intervals for groups under 30 documents: {_pct(max(small))}% of them at most "
        "(zero-width: the share of replicates whose interval has no width).",
        "",
        "Mean width at intra-document correlation 0.3, light hits, share 0.25:",
        "",
        "| documents | " + " | ".join(str(m) for m in SIZES) + " |",
        "|---|" + "---:|" * len(SIZES),
        "| width | "
        + " | ".join(
            f"{next(r['width'] for r in shares if r['m'] == m and r['pi'] == 0.25 and r['rho'] == 0.3 and r['sizes'] == 'light'):.3f}"  # noqa: E501
            for m in SIZES
        )
        + " |",
        "",
        "## Shares: the alternatives",
        "",
        "Lowest coverage (%) over the shares strictly between 0 and 1 and the scenarios, per",
        "group size: the default, the percentile bootstrap over documents",
        f'(`interval="bootstrap"`; {boot_reps} groups per cell, {n_boot} resamples, light',
        "hits, correlation 0.3 and 0.9, shares 0.05, 0.25, 0.5) and Wilson's interval with",
        "every hit taken as an independent trial (what ignoring documents gives). Last",
        "columns: the most replicates of a cell with a zero-width interval (true share",
        "0.05 to 0.5).",
        "",
        "| documents | effective | bootstrap | Wilson on hits | zero-width, effective | "
        "zero-width, bootstrap |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for m in SIZES:
        inner = [r for r in shares if r["m"] == m and 0 < r["pi"] < 1]
        boots = [r for r in boot if r["m"] == m]
        inner_boot = [r for r in boots if 0 < r["pi"] < 1]
        lines.append(
            f"| {m} | {_pct(min(r['coverage'] for r in inner))} | "
            + (_pct(min(r["bootstrap"] for r in inner_boot)) if inner_boot else "–")
            + f" | {_pct(min(r['naive'] for r in inner))} | "
            + (_pct(max(r["effective_zero"] for r in inner_boot)) + "%" if boots else "–")
            + " | "
            + (_pct(max(r["bootstrap_zero"] for r in inner_boot)) + "%" if boots else "–")
            + " |"
        )
    lines += [
        "",
        '## Rates: `interval="effective"`',
        "",
        "Lowest coverage (%) per group size (all documents of the group) and mean hits per",
        "document, over burstiness 0, 1 and 5 (a document's own rate varies with squared",
        "coefficient of variation phi); then, apart, phi = 20 (a term a few documents use a",
        "lot).",
        "",
        "| documents | "
        + " | ".join(f"{h:g} hits/doc" for h in HITS_PER_DOCUMENT)
        + " | "
        + " | ".join(f"{h:g}, phi 20" for h in HITS_PER_DOCUMENT)
        + " |",
        "|---:|" + "---:|" * (2 * len(HITS_PER_DOCUMENT)),
    ]
    for m in SIZES:
        cells = [r for r in rates if r["m"] == m]
        mild = [
            min(r["coverage"] for r in cells if r["per_document"] == h and r["phi"] <= 5)
            for h in HITS_PER_DOCUMENT
        ]
        wild = [
            next(r["coverage"] for r in cells if r["per_document"] == h and r["phi"] == 20)
            for h in HITS_PER_DOCUMENT
        ]
        lines.append(
            f"| {m} | "
            + " | ".join(_pct(c) for c in mild)
            + " | "
            + " | ".join(_pct(c) for c in wild)
            + " |"
        )
    zero = max(r["zero_width"] for r in rates)
    lines += ["", f"Zero-width rate intervals: {_pct(zero)}% at most.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer replicates")
    parser.add_argument("--output", type=Path, default=HERE / "INTERVALS.md")
    args = parser.parse_args()
    reps, boot_reps, n_boot = (300, 100, 200) if args.quick else (2000, 400, 400)
    generator = np.random.default_rng(20240614)
    started = time.perf_counter()
    print("shares ...", flush=True)
    shares = share_study(reps, generator, progress=True)
    print("bootstrap ...", flush=True)
    boot = bootstrap_study(boot_reps, n_boot, generator)
    print("rates ...", flush=True)
    rates = rate_study(reps, generator)
    text = report(shares, boot, rates, reps, boot_reps, n_boot, time.perf_counter() - started)
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
