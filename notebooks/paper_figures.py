# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Paper figures
#
# Every figure and table of the analysis, written into one folder with a provenance
# sidecar (`<name>.json`: package version, corpus fingerprint, lexicon hashes, parameters,
# SHA-256 of each file). Run it with
#
# ```bash
# python3 tasks.py figures                     # the sample corpus, into figures/
# framing figures --corpus articles/ --output figures --lexicon my_lexicon.yaml
# ```
#
# which executes this notebook with papermill; the parameters are in the next cell. Run
# twice on the same inputs, it writes the same bytes (fixed seeds, fixed file metadata,
# `SOURCE_DATE_EPOCH`). The output folder is generated: never edit it by hand.

# %% tags=["parameters"]
corpus_path = None  # None: the synthetic sample corpus
lexicons = ["ukraine_war", "ukraine_toponyms"]  # bundled names or lexicon files
outlets = None  # a list of outlets to keep; None keeps all
period = "M"  # time bins: "W", "M", "Q" or "Y"
output = "figures"  # the folder to write into
formats = ["pdf", "png", "svg"]  # figure formats
seed = 0  # the bootstrap seed
concepts = ["war_name", "territory_control", "kyiv"]  # one shares chart each, when present
timelines = [
    ["war_name", None, "rate"],
    ["kyiv", "russian_derived", "share"],
]  # concept, variant, value
voice_variant = ["war_name", "russian_state"]  # every voice against own voice
events = {"2022-02-24": "full-scale invasion", "2022-09-30": "annexation claims"}

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import framing
from framing import plot

out = Path(output)
out.mkdir(parents=True, exist_ok=True)
if corpus_path is None:
    corpus = framing.load_sample()
else:
    corpus = framing.read_corpus(corpus_path, errors="report")
if outlets is not None:
    corpus = corpus[corpus["outlet"].isin(list(outlets))].reset_index(drop=True)
loaded = [framing.load_lexicon(name) for name in lexicons]
hits = pd.concat(
    [framing.match(corpus, lexicon, columns=("outlet",)) for lexicon in loaded],
    ignore_index=True,
)
all_outlets = sorted(corpus["outlet"].dropna().unique())
written = []


def save(fig, name, table):
    """Save a figure in every format, with its provenance sidecar, and close it."""
    written.extend(framing.save_figure(fig, out / name, table=table, formats=formats))
    plt.close(fig)


def save_table(frame, name, caption):
    """Write a table as CSV (formulas escaped) and LaTeX, with a provenance sidecar."""
    written.extend(framing.write_table(frame, out / name, formats=["csv", "tex"], caption=caption))


# %% [markdown]
# ## Table 1: the corpus

# %%
summary = (
    corpus.groupby("outlet")
    .agg(
        documents=("doc_id", "size"),
        first=("published", "min"),
        last=("published", "max"),
        dates_missing=("published", lambda dates: int(dates.isna().sum())),
    )
    .reset_index()
)
summary["first"] = summary["first"].dt.strftime("%Y-%m-%d")
summary["last"] = summary["last"].dt.strftime("%Y-%m-%d")
summary.attrs["framing"] = {
    "function": "corpus summary",
    "corpus": {"fingerprint": framing.corpus_fingerprint(corpus), "documents": len(corpus)},
}
save_table(
    summary,
    "table1_corpus",
    "Documents per outlet (synthetic sample corpus)"
    if corpus_path is None
    else "Documents per outlet",
)
summary

# %% [markdown]
# ## Shares per outlet (own voice)

# %%
own = framing.score(hits, corpus, by="outlet", voice="own", seed=seed)
present = set(own.loc[own["count"] > 0, "concept"])
missing = [c for c in concepts if c not in present]
if missing:
    print(f"No own-voice hits for {missing}: no shares chart for them.")
with plot.style("paper", columns=2, outlets=all_outlets):
    for concept in [c for c in concepts if c in present]:
        ax = plot.shares(own, concept=concept)
        ax.set_title(f"{concept}: share of each variant, own voice (95% CI)")
        save(ax.figure, f"fig_shares_{concept}", own)
    ax = plot.heatmap(own, value="rate")
    ax.set_title("Hits per 10,000 tokens, own voice")
    save(ax.figure, "fig_heatmap_rate", own)
table = own[
    ["outlet", "concept", "variant", "count", "docs", "rate", "share", "share_low", "share_high"]
].sort_values(["concept", "variant", "outlet"])
save_table(
    table,
    "table2_shares_own_voice",
    "Variant shares per outlet, own voice only, with 95% bootstrap intervals over documents",
)

# %% [markdown]
# ## Over time

# %%
# Undated documents cannot be binned: left out here, and counted in table 1.
dated = corpus[corpus["published"].notna()]
dated_hits = hits[hits["doc_id"].isin(dated["doc_id"])]
binned = framing.score(dated_hits, dated, by="outlet", period=period, seed=seed)
binned_own = framing.score(dated_hits, dated, by="outlet", period=period, voice="own", seed=seed)
with plot.style("paper", columns=2, outlets=all_outlets):
    for concept, variant, value in timelines:
        if concept not in present:
            print(f"No hits for {concept}: no timeline.")
            continue
        name = "_".join(part for part in (concept, variant, value) if part)
        source = binned if value == "rate" else binned_own
        if value == "rate":
            ax = plot.timeline(source, concept=concept, variant=variant, value=value, events=events)
            save(ax.figure, f"fig_timeline_{name}", source)
        else:
            figure = plot.timeline(
                source,
                concept=concept,
                variant=variant,
                value=value,
                events=events,
                small_multiples=True,
            )
            save(figure, f"fig_timeline_{name}_own_voice", source)
        rows = source[source["concept"] == concept][
            ["outlet", "period", "variant", "count", "rate", "share", "share_low", "share_high"]
        ].copy()
        rows["period"] = rows["period"].dt.strftime("%Y-%m-%d")
        save_table(rows, f"table3_{concept}_by_period", f"{concept} per outlet and period")

# %% [markdown]
# ## Voice

# %%
concept, variant = voice_variant
if concept in present:
    with plot.style("paper", columns=2, outlets=all_outlets):
        figure, (left, right) = plt.subplots(1, 2, sharey=True)
        plot.timeline(binned, concept=concept, variant=variant, value="share", ax=left)
        plot.timeline(binned_own, concept=concept, variant=variant, value="share", ax=right)
        left.set_title("every voice")
        right.set_title("own voice")
        if right.get_legend() is not None:
            right.get_legend().remove()  # the same outlets, in the same colours
        save(figure, f"fig_voice_{concept}_{variant}", [binned, binned_own])
voice = hits.groupby(["outlet", "concept", "variant", "voice"]).size().unstack("voice")
voice = voice.reindex(columns=["own", "quoted", "distanced"]).fillna(0).astype(int)
voice = voice.reset_index()
voice.attrs["framing"] = framing.provenance(hits)
save_table(voice, "table4_voice", "Hits per outlet, concept and variant, by voice")

# %% [markdown]
# ## Distinctive terms per outlet

# %%
comparison = framing.compare_groups(
    corpus, by="outlet", reference="rest", ngram_range=(1, 3), min_count=5
)
with plot.style("paper", columns=1, outlets=all_outlets):
    for group in sorted(comparison["group"].unique()):
        ax = plot.log_odds(comparison, n=10, group=group, kind="bar")
        slug = "_".join("".join(c if c.isalnum() else " " for c in group.lower()).split())
        save(ax.figure, f"fig_log_odds_{slug}", comparison)
top = (
    comparison.sort_values(["group", "z"], ascending=[True, False])
    .groupby("group")
    .head(10)[["group", "term", "count", "other_count", "log_odds", "z", "p_adjusted"]]
)
save_table(
    top,
    "table5_distinctive_terms",
    "The ten n-grams most typical of each outlet "
    "against the rest (log-odds with informative Dirichlet prior)",
)

# %% [markdown]
# ## Where the terms fall

# %%
war_hits = hits[hits["concept"] == "war_name"]
with plot.style("paper", columns=2, outlets=all_outlets):
    ax = plot.dispersion(war_hits, corpus, level="variant")
    save(ax.figure, "fig_dispersion_war_name", war_hits)

# %%
print(f"{len(written)} files written into {out}")
