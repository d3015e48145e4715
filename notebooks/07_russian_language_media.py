# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Russian- and Ukrainian-language media
#
# Most of the war's media write in Russian or Ukrainian. Two framing markers are read
# there first:
#
# 1. **What the war is called**: «специальная военная операция» / «СВО» against «война»,
#    «вторжение».
# 2. **The preposition frame**: «на Украине» (the Russian literary tradition, and the
#    Russian state's usage) against «в Украине» (the usage Ukraine has asked for since
#    1993); in Ukrainian «на Україні» against «в Україні».
#
# Both come in many word forms: Russian has six cases, and an adjective agrees with its
# noun ("специальной военной операции"). The bundled lexicons `ukraine_war_ru` and
# `ukraine_war_uk` expand every term into its forms and match them exactly.
#
# The corpus is the kit's **synthetic** Russian and Ukrainian sample (four invented
# outlets, 480 posts and articles; `framing.load_sample("ru_uk")`): the numbers
# illustrate the method, they are no finding. Point `read_corpus` at your own files to
# do the same on real channels.

# %%
# %matplotlib inline
import pandas as pd

import framing
from framing import plot

corpus = framing.load_sample("ru_uk")
framing.load_report(corpus)

# %% [markdown]
# No file of the sample names its language: `read_corpus` identified it per document
# (py3langid, and the letters that only Russian or only Ukrainian has). The Ukrainian
# outlet has a few Russian-language items; they go to the Russian lexicon.

# %%
pd.crosstab(corpus["outlet"], corpus["language"])

# %% [markdown]
# ## The lexicons and their word forms
#
# `Lexicon.forms()` shows what the matcher looks for: every case and number of each term,
# made with pymorphy3 and its dictionaries. The preposition frames are matched as written
# (the preposition decides the case); acronyms such as «СВО» are not declined.

# %%
russian = framing.load_lexicon("ukraine_war_ru")
ukrainian = framing.load_lexicon("ukraine_war_uk")
forms = russian.forms()
forms[forms["term"].isin(["специальная военная операция", "Киев", "на Украине"])]

# %% [markdown]
# ## Matching each document with the lexicon of its language

# %%
documents = {language: corpus[corpus["language"] == language] for language in ("ru", "uk")}
matched = {
    "ru": framing.match(documents["ru"], russian, columns=("outlet",)),
    "uk": framing.match(documents["uk"], ukrainian, columns=("outlet",)),
}
hits = pd.concat(matched.values(), ignore_index=True)
hits[["outlet", "matched", "term", "concept", "variant", "voice"]].head(10)

# %% [markdown]
# ## 1. War naming: shares per outlet, with intervals
#
# Of all the times an outlet named the war, what share was «СВО» / «специальная военная
# операция» (variant `russian_state`)? Intervals are 95% bootstrap intervals over
# documents, seeded. Only the outlet's **own voice** counts: the outlet in exile quotes
# the official name in «ёлочки» to reject it, and such a hit is `quoted`, not its own
# usage. Each language's hits are scored against its own documents, so an outlet is
# labelled with the language (the Ukrainian outlet's few Russian items are a row of their
# own).


# %%
def shares(concept: str) -> pd.DataFrame:
    tables = []
    for language, found in matched.items():
        scores = framing.score(found, documents[language], by="outlet", voice="own", seed=0)
        scores = scores[scores["concept"] == concept].copy()
        # The Ukrainian outlet's few Russian items are scored apart: label by language.
        scores["outlet"] = scores["outlet"] + f" ({language})"
        tables.append(scores)
    return pd.concat(tables, ignore_index=True)


war = shares("war_name")
columns = ["outlet", "variant", "count", "share", "share_low", "share_high"]
war[columns].round(2)

# %%
ax = plot.shares(war, concept="war_name")

# %% [markdown]
# ## 2. «на Украине» or «в Украине», per outlet

# %%
frame = shares("ukraine_preposition")
frame[columns].round(2)

# %%
ax = plot.shares(frame, concept="ukraine_preposition")

# %% [markdown]
# ## 3. Read the hits: KWIC
#
# Counts are only as good as the hits behind them. A sample of each variant, in context:
# the official name in the outlet in exile is in quotation marks (voice `quoted`), and
# «война» in the state outlet is the West's "hybrid war", not this war (the sense rules,
# still to come, will exclude such uses).

# %%
naming = hits[hits["concept"] == "war_name"]
framing.kwic(naming[naming["outlet"] == "Свободный эфир"], corpus, window=6, n=6, seed=1)

# %%
framing.kwic(naming[naming["outlet"] == "Вестник Севера"], corpus, window=6, n=6, seed=1)

# %% [markdown]
# ## 4. Which words set an outlet apart, counted by lemma
#
# `framing.lemmatise` turns each Russian and Ukrainian word into its lemma, so that
# «войны», «войне», «войну» are counted as one word «война». Stop words come from the
# `stop-words` package (installed with the kit).

# %%
lemmas = framing.lemmatise(corpus[corpus["language"] == "ru"])
distinct = framing.compare_groups(lemmas, by="outlet", ngram_range=(1, 2), min_count=5)
stop = set(framing.stop_words("ru"))
distinct = distinct[~distinct["term"].map(lambda t: all(w in stop for w in t.split()))]
distinct.sort_values("z", ascending=False).groupby("group").head(5)[["group", "term", "count", "z"]]

# %% [markdown]
# ## On your own corpus
#
# ```python
# corpus = framing.read_corpus("my_channels/", rename={"outlet": "channel"})
# framing.load_report(corpus)            # languages counted per file
# hits = framing.match(corpus[corpus["language"] == "ru"],
#                      framing.load_lexicon("ukraine_war_ru"), columns=("outlet",))
# ```
#
# See `docs/languages.md` for what is folded (ё/е, Latin look-alikes), the inflection
# rules and their limits, and `framing/lexicon/bundled/SOURCES.md` for each term's sources.
