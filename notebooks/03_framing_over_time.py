# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Framing over time
#
# How did the words change around 24 February 2022, the start of the full-scale invasion?
# We bin articles by month (`period="M"`), draw one line per outlet, and mark the events.
# Then we split own voice from quoted speech: an outlet that *reports* the Kremlin's term is
# not an outlet that *uses* it.
#
# The corpus is the synthetic sample: fictional outlets, made to show the method.

# %%
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import framing
from framing import plot

corpus = framing.load_sample()
lexicons = [framing.load_lexicon("ukraine_war"), framing.load_lexicon("ukraine_toponyms")]
hits = framing.match(corpus, lexicons, columns=("outlet",))  # each lexicon on its own
EVENTS = {
    "2022-02-24": "full-scale invasion",
    "2022-09-30": "annexation claims",
}

# %% [markdown]
# A document without a publication date cannot go in a month. `score` would leave such
# documents out with a warning; we leave them out ourselves and say how many.

# %%
undated = corpus["published"].isna()
print(f"{len(corpus)} articles; {int(undated.sum())} without a date, left out of timelines")
dated = corpus[~undated]
dated_hits = hits[hits["doc_id"].isin(dated["doc_id"])]

# %% [markdown]
# ## Rates: how often?
#
# `rate` is hits per 10,000 tokens of the outlet's articles that month. Without a variant,
# the timeline adds up every variant of the concept: how often the war is *named* at all.
# A rate goes up when an outlet writes more about the war; it does not tell you *which*
# words it picks.

# %%
monthly = framing.score(dated_hits, dated, by="outlet", period="M")
with plot.style("notebook"):
    ax = plot.timeline(monthly, concept="war_name", value="rate", events=EVENTS)

# %% [markdown]
# ## Shares: which words?
#
# `share` is the part of the month's mentions of the capital that use the Russian-derived
# spelling ("Kiev" rather than "Kyiv"), with a 95% interval that counts articles. Months
# with few articles have wide bands, and their points are hollow (fewer than 5 articles):
# a spike in a thin month is noise until the passages say otherwise. Small multiples give
# each outlet its own panel, with the others faint behind.

# %%
with plot.style("notebook"):
    figure = plot.timeline_grid(
        monthly,
        concept="kyiv",
        variant="russian_derived",
        value="share",
        events=EVENTS,
    )

# %% [markdown]
# ## Before and after 24 February 2022
#
# Month bins put the invasion inside February 2022, so February gets its own column.

# %%
kyiv = monthly[monthly["concept"] == "kyiv"].copy()
start_of_february = pd.Timestamp("2022-02-01", tz="UTC")
start_of_march = pd.Timestamp("2022-03-01", tz="UTC")
kyiv["phase"] = np.select(
    [kyiv["period"] < start_of_february, kyiv["period"] < start_of_march],
    ["1 before (to Jan 2022)", "2 February 2022"],
    default="3 after (from Mar 2022)",
)
counts = kyiv.pivot_table(
    index="outlet", columns=["phase", "variant"], values="count", aggfunc="sum", fill_value=0
)
counts

# %%
russian_share = (
    kyiv[kyiv["variant"] == "russian_derived"].groupby(["outlet", "phase"])["count"].sum()
    / kyiv.groupby(["outlet", "phase"])["count"].sum()
)
russian_share.unstack("phase").round(2)

# %% [markdown]
# ## Own voice against quoted
#
# The same hits, counted by voice. `own`: the outlet's words. `quoted`: inside quotation
# marks. `distanced`: after "so-called", "what Moscow calls", and the like
# (`docs/voice.md` lists the rules and their known limits).

# %%
operation = dated_hits[
    (dated_hits["concept"] == "war_name") & (dated_hits["variant"] == "russian_state")
]
by_voice = operation.groupby(["outlet", "voice"]).size().unstack("voice", fill_value=0)
by_voice.assign(own_share=(by_voice.get("own", 0) / by_voice.sum(axis=1)).round(2))

# %% [markdown]
# The share of "special military operation" and its kin among the names for the war, every
# voice (left) against own voice only (right):

# %%
own = framing.score(dated_hits, dated, by="outlet", period="M", voice="own")
with plot.style("notebook", outlets=dated["outlet"].unique()):
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
    plot.timeline(monthly, concept="war_name", variant="russian_state", value="share", ax=left)
    plot.timeline(own, concept="war_name", variant="russian_state", value="share", ax=right)
    left.set_title("every voice")
    right.set_title("own voice")

# %% [markdown]
# Outlets whose line drops on the right use the term mostly in quotation or at a
# distance; what is left on the right is their own use of it. Check a few passages either
# way:

# %%
framing.kwic(operation[operation["voice"] != "own"], corpus, n=6, seed=0)

# %% [markdown]
# ## What this does and does not show
#
# - Month bins follow the publication date in UTC; articles without a date are left out and
#   counted above, never guessed.
# - A change in share can come from a change in wording *or* in which stories an outlet
#   covered. Reading passages from either side of the change tells them apart.
# - Voice rules are heuristics with documented limits: a quote that spans paragraphs, or
#   reported speech without quotation marks, counts as own voice.
# - The corpus is synthetic: the switch from "Kiev" to "Kyiv" was written into it to show
#   what such a switch looks like, not measured in real outlets.
