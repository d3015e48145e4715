# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Classroom exercise: framing a war in words
#
# **Time:** about 90 minutes. **You need:** pandas basics (selecting rows, `groupby`).
#
# Outlets that report the same events choose different words: a "special military
# operation" or a "war"; "Kiev" or "Kyiv"; "liberated" or "occupied". In this exercise you
# measure those choices in a corpus, put an interval on each number, and check the numbers
# against the passages behind them.
#
# The corpus is **synthetic**: fictional outlets, written by a script to behave like real
# news. Your answers describe this corpus, not real outlets.
#
# Each question has an empty cell for your answer. Run the cells from the top.

# %%
# %matplotlib inline

import framing
from framing import plot

corpus = framing.load_sample()
war = framing.load_lexicon("ukraine_war")
toponyms = framing.load_lexicon("ukraine_toponyms")
hits = framing.match(corpus, [war, toponyms], columns=("outlet",))
print(f"{len(corpus)} articles, {len(hits)} hits")

# %% [markdown]
# ## Question 1: what is in the corpus? (10 min)
#
# How many articles does each outlet have, from when to when, and how many articles have no
# publication date? Why does the last number matter for a timeline?
#
# *Hint:* `corpus.groupby("outlet")`, the `published` column, `.isna()`.

# %% tags=["solution"]
summary = corpus.groupby("outlet").agg(
    articles=("doc_id", "size"),
    first=("published", "min"),
    last=("published", "max"),
    undated=("published", lambda dates: int(dates.isna().sum())),
)
summary
# Undated articles cannot be placed in a month: they drop out of every timeline, so a
# month's count is a floor. The load report lists them; nothing guessed their dates.

# %% [markdown]
# ## Question 2: liberated, occupied or captured? (20 min)
#
# The concept `territory_control` of the war lexicon has three variants: `liberation`
# ("liberated"), `occupation` ("occupied") and `capture` ("captured", "took control of").
# The cell below scores them per outlet, counting only each outlet's own voice.
#
# a. Which outlets mostly write "liberated"? Which mostly write "occupied"?
# b. Look at `share_low` and `share_high` for `capture`. Which differences between outlets
#    are bigger than the intervals? Which are not?
# c. Why do the intervals count *articles* rather than single words?

# %%
own_voice = framing.score(hits, corpus, by="outlet", voice="own")
territory = own_voice[own_voice["concept"] == "territory_control"]
territory[["outlet", "variant", "count", "docs", "share", "share_low", "share_high"]]

# %% tags=["solution"]
print(territory.pivot_table(index="outlet", columns="variant", values="share").round(2))
capture = territory[territory["variant"] == "capture"].sort_values("share")
print(capture[["outlet", "count", "share", "share_low", "share_high"]].to_string(index=False))
# a. Read the first table. b. Two outlets differ beyond chance where their intervals do not
# overlap (a conservative check); neighbours whose intervals overlap cannot be ranked.
# c. The words of one article share an author, an editor and a style guide: they are not
# independent draws, so counting words as draws would make the intervals too narrow.
with plot.style("notebook"):
    ax = plot.shares(territory, concept="territory_control")

# %% [markdown]
# ## Question 3: whose words are they? (20 min)
#
# Each hit has a `voice`: `own`, `quoted` or `distanced` ("so-called …", "what Moscow
# calls …").
#
# a. For the variant `russian_state` of the concept `war_name`, what share of each outlet's hits
#    is in its own voice?
# b. Read eight passages where the voice is *not* own. Is the rule right each time? Note
#    one case where you disagree, and why.

# %%
state_terms = hits[(hits["concept"] == "war_name") & (hits["variant"] == "russian_state")]
state_terms.groupby(["outlet", "voice"]).size().unstack("voice", fill_value=0)

# %% tags=["solution"]
counts = state_terms.groupby(["outlet", "voice"]).size().unstack("voice", fill_value=0)
print((counts.get("own", 0) / counts.sum(axis=1)).round(2).sort_values().to_string())
framing.kwic(state_terms[state_terms["voice"] != "own"], corpus, n=8, seed=0)

# %% [markdown]
# ## Question 4: "Kiev" or "Kyiv", before and after 24 February 2022 (20 min)
#
# The toponyms lexicon sorts spellings of Ukrainian places into `russian_derived` ("Kiev",
# "Kharkov") and `ukrainian_derived` ("Kyiv", "Kharkiv") variants, one concept per place.
# The chart shows, month by month, the share of Russian-derived spellings of the capital
# (concept `kyiv`) in each outlet's own voice. Undated articles are left out.
#
# a. Pick one outlet whose line moves. When did it switch, and how completely?
# b. Is the change bigger than the month-to-month noise? Look at the bands.
# c. Name one reason, other than a change of framing, that could move such a line.

# %%
dated = corpus[corpus["published"].notna()]
capital_hits = hits[(hits["concept"] == "kyiv") & hits["doc_id"].isin(dated["doc_id"])]
monthly = framing.score(capital_hits, dated, by="outlet", period="M", voice="own")
with plot.style("notebook"):
    figure = plot.timeline_grid(
        monthly,
        concept="kyiv",
        variant="russian_derived",
        value="share",
        events={"2022-02-24": "full-scale invasion"},
    )

# %% tags=["solution"]
russian = monthly[monthly["variant"] == "russian_derived"]
year = russian["period"].dt.year
russian.groupby(["outlet", year])["share"].mean().unstack().round(2)
# a. The Western dailies move from mostly "Kiev" in 2021 to "Kyiv" in 2022. c. A new style
# guide, a change in who writes or which wire copy is reprinted, or a change in how the
# corpus was collected; in a real corpus, also the outlet's own announcement of a switch.

# %% [markdown]
# ## Question 5: words you did not look for (15 min)
#
# The lexicon only finds what someone thought of. `compare_groups` finds the n-grams most
# typical of each outlet against the rest. `stop_words="english"` leaves out the n-grams
# that begin or end with a function word ("from", "their", "of the"): without it, those
# top the list, and they tell you about house style, not about what an outlet says.
#
# a. For one outlet, list its five most distinctive terms (highest `z`).
# b. For each, is it *framing* (a choice of words for the same thing) or *topic* (what the
#    outlet writes about)? Check with `framing.kwic` or by searching the texts.

# %%
comparison = framing.compare_groups(
    corpus, by="outlet", ngram_range=(1, 2), min_count=5, stop_words="english"
)
comparison.head()

# %% tags=["solution"]
outlet = sorted(comparison["group"].unique())[0]
comparison[comparison["group"] == outlet].nlargest(5, "z")[
    ["term", "count", "other_count", "log_odds", "z", "p_adjusted"]
]

# %% [markdown]
# ## To discuss
#
# - A share of 0.9 from 10 hits and a share of 0.6 from 1,000 hits: which tells you more?
# - Is an outlet that quotes the Kremlin's term "neutral"? Is one that puts it in scare
#   quotes?
# - What would you need, beyond this corpus, to say anything about real outlets?

# %% [markdown] tags=["instructor"]
# ## Instructor note (removed from the handout)
#
# - Make the handout with `python tools/make_handout.py notebooks/05_classroom_exercise.ipynb
#   -o handout.ipynb`; it replaces each `solution` cell with an empty answer cell and drops
#   this note. The handout runs top to bottom without the solutions.
# - Timing: 5 min set-up, 10/20/20/20/15 for the questions; keep 10 min for the discussion.
# - Question 3b is where students learn the most: the voice rules miss reported speech
#   without quotation marks and quotes that run across paragraphs (see `docs/voice.md`).
# - The sample corpus is synthetic and fixed (seeded), and the intervals use no random
#   numbers: every student sees the same numbers, so answers can be compared across the
#   room.
