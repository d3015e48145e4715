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
# twice on the same inputs, it writes the same bytes (no random numbers, fixed file
# metadata, `SOURCE_DATE_EPOCH`). The output folder is generated: never edit it by hand.
#
# Figures are labelled in words from the lexicons' descriptions (`framing.plot.labels`),
# values that rest on fewer than 5 documents are drawn pale (`docs/statistics.md`), and
# every table is written as CSV and as LaTeX that compiles (long ones as `longtable`; the
# first line of each `.tex` names the packages it needs).

# %% tags=["parameters"]
corpus_path = None  # None: the synthetic sample corpus
lexicons = ["ukraine_war", "ukraine_toponyms"]  # bundled names or lexicon files
outlets = None  # a list of outlets to keep; None keeps all
period = "M"  # time bins: "W", "M", "Q" or "Y"
output = "figures"  # the folder to write into
formats = ["pdf", "png", "svg"]  # figure formats
fields = ["title", "text"]  # the text columns to match and compare
concepts = ["war_name", "territory_control", "kyiv"]  # one shares chart each, when present
timelines = [
    ["war_name", None, "rate"],
    ["kyiv", "russian_derived", "share"],
]  # concept, variant, value
voice_variant = ["war_name", "russian_state"]  # every voice against own voice
events = None  # {"YYYY-MM-DD": "label"}; None: the sample's own events for the sample, else none

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
# One call for all the lexicons: each is matched on its own, and the hits' provenance
# (carried into every table and figure sidecar) names each lexicon, version and hash.
hits = framing.match(corpus, loaded, fields=fields, columns=("outlet",))
all_outlets = sorted(corpus["outlet"].dropna().unique())
# Concepts and variants in words, from the lexicons' descriptions (edit to taste).
names = plot.labels(*loaded)
if events is None:
    # The synthetic sample's story; another corpus gets the events passed in (--event).
    events = {"2022-02-24": "full-scale invasion"} if corpus_path is None else {}
written = []


def save(fig, name, table):
    """Save a figure in every format, with its provenance sidecar, and close it."""
    written.extend(framing.save_figure(fig, out / name, table=table, formats=formats))
    plt.close(fig)


def save_table(frame, name, caption, fontsize="small", wrap=16):
    """Write a table as CSV (formulas escaped) and LaTeX, with a provenance sidecar.

    The LaTeX is set small and long text wraps (columns `wrap / 2` em wide), so that the
    tables fit the text width of a page (`\\usepackage{booktabs, longtable, array}`).
    """
    written.extend(
        framing.write_table(
            frame,
            out / name,
            formats=["csv", "tex"],
            caption=caption,
            float_format="%.2f",
            wrap=wrap,
            fontsize=fontsize,
        )
    )


def interval(low, high):
    """A 95% interval as one short text cell: 0.44–1.00."""
    return [
        "" if pd.isna(a) or pd.isna(b) else f"{a:.2f}–{b:.2f}"
        for a, b in zip(low, high, strict=True)
    ]


def in_words(frame):
    """The concept and variant columns in words, for a paper's table."""
    frame = frame.copy()
    if "variant" in frame.columns:
        frame["variant"] = [
            names.get((c, v), v) for c, v in zip(frame["concept"], frame["variant"], strict=True)
        ]
    if "concept" in frame.columns:
        frame["concept"] = [names.get(c, c) for c in frame["concept"]]
    return frame


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
#
# Intervals are Wilson intervals on the effective number of documents: a group that uses
# one variant in a handful of documents gets a wide interval, not 100% [100, 100].

# %%
own = framing.score(hits, corpus, by="outlet", voice="own")
present = set(own.loc[own["count"] > 0, "concept"])
missing = [c for c in concepts if c not in present]
if missing:
    print(f"No own-voice hits for {missing}: no shares chart for them.")
with plot.style("paper", width_columns=2, outlets=all_outlets, labels=names):
    for concept in [c for c in concepts if c in present]:
        ax = plot.shares(own, concept=concept, title=f"{names[concept]} (own voice)")
        save(ax.figure, f"fig_shares_{concept}", own)
    # One heatmap per lexicon, of its concepts with hits (the first is fig_heatmap_rate).
    for number, lexicon in enumerate(loaded):
        chosen = [c.name for c in lexicon.concepts if c.name in present]
        if chosen:
            ax = plot.heatmap(
                own,
                value="rate",
                concept=chosen,
                title=f"Matches per 10,000 tokens, own voice ({lexicon.name})",
            )
            save(ax.figure, "fig_heatmap_rate" + (f"_{lexicon.name}" if number else ""), own)
# One table per charted concept: outlets down, the variants' shares across.
for concept in [c for c in concepts if c in present]:
    rows = own[(own["concept"] == concept) & own["share"].notna()]
    triples = zip(rows["share"], rows["share_low"], rows["share_high"], strict=True)
    cells = rows.assign(cell=[f"{v:.2f} ({low:.2f}–{high:.2f})" for v, low, high in triples])
    table = cells.pivot(index="outlet", columns="variant", values="cell")
    table = table[[v for v in rows["variant"].unique() if v in table.columns]]
    table.columns = [names.get((concept, v), v) for v in table.columns]
    documents = rows.drop_duplicates("outlet").set_index("outlet")["concept_docs"]
    table.insert(0, "documents", documents.reindex(table.index))
    table = table.reset_index()
    table.attrs["framing"] = framing.provenance(own)
    save_table(
        table,
        f"table2_shares_{concept}",
        f"{names[concept]}: each variant's share of the own-voice matches per outlet, with "
        "its 95% interval (Wilson on the effective number of documents); documents: "
        "documents using the concept",
        fontsize="small" if len(table.columns) <= 4 else "footnotesize",
        wrap=14,
    )

# %% [markdown]
# ## Over time

# %%
# Undated documents cannot be binned: left out here, and counted in table 1.
dated = corpus[corpus["published"].notna()]
dated_hits = hits[hits["doc_id"].isin(dated["doc_id"])]
binned = framing.score(dated_hits, dated, by="outlet", period=period)
binned_own = framing.score(dated_hits, dated, by="outlet", period=period, voice="own")
with plot.style("paper", width_columns=2, outlets=all_outlets, labels=names):
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
            figure = plot.timeline_grid(
                source,
                concept=concept,
                variant=variant,
                value=value,
                events=events,
                title=f"{names[concept]}: share of {names[(concept, variant)]}, own voice",
            )
            save(figure, f"fig_timeline_{name}_own_voice", source)
        rows = source[source["concept"] == concept]
        if variant is None:  # the concept's rate, once per outlet and period
            rows = rows.drop_duplicates(["outlet", "period"])
            table = rows[["outlet"]].assign(
                period=rows["period"].dt.strftime("%Y-%m"),
                hits=rows["concept_count"],
                documents=rows["n_docs"],
                rate=rows["concept_rate"],
                interval=interval(rows["concept_rate_low"], rows["concept_rate_high"]),
            )
            what = f"{names[concept]}: matches per 10,000 tokens"
        else:
            rows = rows[rows["variant"] == variant]
            table = rows[["outlet"]].assign(
                period=rows["period"].dt.strftime("%Y-%m"),
                hits=rows["count"],
                documents=rows["concept_docs"],
                share=rows["share"],
                interval=interval(rows["share_low"], rows["share_high"]),
            )
            what = f"{names[concept]}: share of {names[(concept, variant)]}, own voice"
        save_table(
            table,
            f"table3_{concept}_by_period",
            f"{what}, per outlet and period, with 95% intervals",
        )

# %% [markdown]
# ## Voice
#
# Quotations carry other people's words: the same variant in every voice and in the
# outlets' own voice only.

# %%
concept, variant = voice_variant
if concept in present:
    with plot.style("paper", width_columns=2, outlets=all_outlets, labels=names):
        figure = plot.voice(binned, binned_own, concept=concept, variant=variant, events=events)
        save(figure, f"fig_voice_{concept}_{variant}", [binned, binned_own])
voice = hits.groupby(["outlet", "concept", "variant", "voice"]).size().unstack("voice")
voice = voice.reindex(columns=["own", "quoted", "distanced"]).fillna(0).astype(int)
voice = voice[voice.sum(axis=1) > 0].reset_index()
voice.attrs["framing"] = framing.provenance(hits)
save_table(
    in_words(voice),
    "table4_voice",
    "Hits per outlet, concept and variant, by voice",
    fontsize="footnotesize",
    wrap=14,
)

# %% [markdown]
# ## Distinctive terms per outlet
#
# The question is which *content* sets an outlet apart, so n-grams that begin or end with
# an English function word ("the", "of the", "said that") are left out
# (`stop_words="english"`); with them, the top of every list is style, not content.

# %%
comparison = framing.compare_groups(
    corpus,
    by="outlet",
    reference="rest",
    fields=fields,
    ngram_range=(1, 3),
    min_count=5,
    stop_words="english",
)
with plot.style("paper", width_columns=1, outlets=all_outlets):
    for group in sorted(comparison["group"].unique()):
        ax = plot.log_odds(comparison, n=10, group=group, kind="bar")
        slug = "_".join("".join(c if c.isalnum() else " " for c in group.lower()).split())
        save(ax.figure, f"fig_log_odds_{slug}", comparison)
top = (
    comparison.sort_values(["group", "z"], ascending=[True, False])
    .groupby("group")
    .head(10)[["group", "term", "count", "other_count", "log_odds", "z", "p_adjusted"]]
)
top = pd.DataFrame(
    {
        "outlet": top["group"],
        "n-gram": top["term"],
        "count": top["count"],
        "rest": top["other_count"],
        "z": top["z"],
        "p (BH)": [f"{p:.1e}" if p < 0.001 else f"{p:.3f}" for p in top["p_adjusted"]],
    }
)
top.attrs["framing"] = framing.provenance(comparison)
save_table(
    top,
    "table5_distinctive_terms",
    "The ten n-grams most typical of each outlet against the rest: count in the outlet and "
    "in the rest, z of the log-odds ratio (informative Dirichlet prior) and its "
    "Benjamini-Hochberg adjusted p; n-grams beginning or ending with a stop word left out",
    fontsize="footnotesize",
    wrap=24,
)

# %% [markdown]
# ## Where the terms fall

# %%
war_hits = hits[hits["concept"] == "war_name"]
with plot.style("paper", width_columns=2, outlets=all_outlets, labels=names):
    ax = plot.dispersion(
        war_hits, corpus, level="variant", title=f"{names['war_name']}: every match, by date"
    )
    save(ax.figure, "fig_dispersion_war_name", war_hits)

# %%
print(f"{len(written)} files written into {out}")
