# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Comparing outlets
#
# Two questions, two tools:
#
# 1. **Which framing does each outlet use?** Shares of a concept's variants per outlet, with
#    intervals (`framing.score`). This starts from a lexicon: terms you chose in advance.
# 2. **Which words set an outlet apart from the rest?** Log-odds ratios with an informative
#    Dirichlet prior (Monroe, Colaresi & Quinn 2008) over all n-grams
#    (`framing.compare_groups`). This starts from the text: terms you did not think of.
#
# The corpus is the synthetic sample (fictional outlets); the numbers illustrate the method.

# %%
# %matplotlib inline

import framing
from framing import plot

corpus = framing.load_sample()
lexicons = [framing.load_lexicon("ukraine_war"), framing.load_lexicon("ukraine_toponyms")]
hits = framing.match(corpus, lexicons, columns=("outlet",))  # each lexicon on its own
corpus.groupby("outlet").size().rename("documents").to_frame()

# %% [markdown]
# ## 1. Shares with intervals
#
# `share` is the part of a concept's hits in an outlet that belong to one variant: of all
# the times outlet X named the war, how often did it say "special military operation"?
# `share_low` and `share_high` are a 95% interval that counts *articles* (not words: the
# words of one article are not independent draws). An outlet that uses one variant in a
# few articles gets a wide interval, not 100% [100, 100]; `concept_docs` says how many
# articles a share rests on. The intervals use no random numbers: the same every run.
#
# First every hit, whoever speaks; then the outlet's own voice only.

# %%
every_voice = framing.score(hits, corpus, by="outlet")
own_voice = framing.score(hits, corpus, by="outlet", voice="own")
columns = ["outlet", "count", "share", "share_low", "share_high"]
operation = every_voice[
    (every_voice["concept"] == "war_name") & (every_voice["variant"] == "russian_state")
]
operation[columns].merge(
    own_voice.loc[
        (own_voice["concept"] == "war_name") & (own_voice["variant"] == "russian_state"),
        ["outlet", "count", "share"],
    ],
    on="outlet",
    suffixes=("", "_own_voice"),
)

# %% [markdown]
# Outlets that seldom call the war an "operation" themselves have a larger share when every
# hit counts: they also quote the term. Which count is right depends on the question:
# *whose words reach the reader* (every voice) or *which words the outlet adopts* (own voice).

# %%
with plot.style("notebook"):
    ax = plot.shares(every_voice, concept="war_name")

# %%
# These shares count senses, not strings: the lexicon's sense rules (exclusions such as
# "war crimes" or "Cold War", conditions such as "captured" only near a place) removed some
# hits first. Per outlet and variant of war_name: hits without the rules, what the
# exclusions and the conditions removed, hits counted, and the share before and after.
audit = framing.audit_rules(corpus, lexicons[0], by="outlet")
audit.table().query("concept == 'war_name'")[
    ["outlet", "variant", "hits_without_rules", "removed_by_exclusions",
     "removed_by_conditions", "hits", "share_without_rules", "share"]
].round(3)  # fmt: skip

# %% [markdown]
# The same for the spelling of Ukrainian place names, Russian-derived ("Kiev", "Kharkov")
# against Ukrainian-derived ("Kyiv", "Kharkiv"), for the places the corpus mentions most:

# %%
toponym_hits = own_voice[own_voice["concept"].isin(lexicons[1].to_dataframe()["concept"])]
places = list(toponym_hits.groupby("concept")["count"].sum().nlargest(6).index)
spelling = own_voice[
    own_voice["concept"].isin(places) & (own_voice["variant"] == "russian_derived")
]
(
    spelling.pivot_table(index="outlet", columns="concept", values="share")
    .style.format("{:.0%}", na_rep="–")
    .background_gradient(cmap="cividis", axis=None)
    .set_caption("Share of Russian-derived spellings, own voice")
)

# %% [markdown]
# ## 2. What sets each outlet apart?
#
# `compare_groups` counts every word, pair and triple of words (`ngram_range=(1, 3)`) that
# occurs at least `min_count` times, and compares each outlet with all the others together.
# `log_odds` is the log-odds ratio with a Dirichlet prior: positive means more typical of
# the outlet; `z` divides it by its standard error, so rare terms with a large ratio do not
# crowd the top. `p_adjusted` is corrected for testing thousands of terms at once
# (Benjamini–Hochberg).
#
# `stop_words="english"` leaves out the n-grams that begin or end with a function word
# ("the", "of the", "said that"): the question here is *what* an outlet writes about and
# *which words* it picks, and function words mostly show house style. Leave them in
# (`stop_words=None`) when style is the question.

# %%
comparison = framing.compare_groups(
    corpus, by="outlet", reference="rest", ngram_range=(1, 3), min_count=5, stop_words="english"
)
top = (
    comparison.sort_values("z", ascending=False)
    .groupby("group")
    .head(5)
    .sort_values(["group", "z"], ascending=[True, False])
)
top[["group", "term", "count", "other_count", "log_odds", "z", "p_adjusted"]]

# %%
first_outlet = sorted(comparison["group"].unique())[0]
with plot.style("notebook"):
    # Six labels: the synthetic outlets repeat set phrases, so many n-grams share one point.
    ax = plot.log_odds(comparison, n=6, group=first_outlet)

# %% [markdown]
# ## What these numbers do and do not mean
#
# - A share is a **proportion of hits**, not of articles or of readers: an outlet that
#   names the war twice in one article weighs that article twice. `docs` in the scores
#   table counts articles with at least one hit; look at it before comparing.
# - An interval that is wide, or a share computed from a handful of hits, is a reason to
#   read the passages (`framing.kwic`), not to write a sentence.
# - Non-overlapping intervals suggest a real difference *in this corpus*; they say nothing
#   about articles the corpus did not collect. Who collected what, and how, matters more
#   than the third decimal.
# - A distinctive n-gram is distinctive of *this* outlet against *these* others. Change the
#   reference group and the list changes.
# - Function words ("from", "has", "their"), which `stop_words="english"` left out above,
#   say something about an outlet's house style or templates, not its framing.
# - A high z for a topic word ("grain", "gas") is often about *what* an outlet covers, not
#   *how* it frames it: read the KWIC before calling it framing.
# - Everything here is computed on a synthetic corpus.

# %%
framing.kwic(hits[hits["concept"] == "war_name"], corpus, n=6, seed=1)
