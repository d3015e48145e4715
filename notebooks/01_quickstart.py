# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Quickstart: liberated or occupied?
#
# When a town changes hands, one outlet writes that it was "liberated", another that it was
# "occupied", a third that it was "captured". Five steps measure that choice: read a corpus,
# load a reference vocabulary (a *lexicon*), find every term (*hits*), count them per outlet
# (*scores*), and read the passages behind a number (*KWIC*).
#
# The corpus here is the **synthetic sample** that ships with `framing`: about 1,500 short
# articles by fictional outlets, 2021–2022, written by a script to behave like real news.
# The numbers below show how the kit works; they say nothing about real outlets.

# %%
# %matplotlib inline
import framing
from framing import plot

corpus = framing.load_sample()
corpus[["doc_id", "outlet", "published", "title"]].head()

# %%
lexicon = framing.load_lexicon("ukraine_war")
lexicon

# %%
hits = framing.match(corpus, lexicon, columns=("outlet", "published"))
hits.head()

# %% [markdown]
# Every hit keeps where it was found (`doc_id`, `field`, `start`, `end`), so every count
# below can be traced to a passage. `voice` says whether the outlet used the term itself
# (`own`), quoted someone else (`quoted`), or held it at arm's length (`distanced`: "what
# Moscow calls a special military operation").

# %%
scores = framing.score(hits, corpus, by="outlet", voice="own")
territory = scores[scores["concept"] == "territory_control"]
territory[["outlet", "variant", "count", "docs", "share", "share_low", "share_high"]]

# %%
with plot.style("notebook"):
    ax = plot.shares(territory, concept="territory_control")

# %% [markdown]
# **Reading the chart.** Each bar is the share of an outlet's own-voice words for taking
# territory that belong to one framing, with a 95% interval that counts articles, not
# words (an article that says "liberated" once says it again). Wide intervals mean few
# articles; a pale bar rests on fewer than 5. Compare outlets where intervals do not
# overlap, and read the passages before you believe a number. Quoted and distanced uses
# are left out on purpose: reporting that Moscow "liberated" a town, in quotation marks,
# is not adopting the word.
# A sample of the passages behind the bars:

# %%
own_territory = hits[(hits["concept"] == "territory_control") & (hits["voice"] == "own")]
framing.kwic(own_territory, corpus, n=8, seed=0)
