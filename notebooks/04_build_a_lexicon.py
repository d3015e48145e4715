# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Building a lexicon
#
# A lexicon is a list of *concepts* (what is being named: the war, Ukraine's forces), each
# with *variants* (the framings: the Kremlin's words, Ukraine's, neutral ones), each with
# *terms* (the patterns to find). This notebook grows one in four steps:
#
# 1. let the corpus **suggest** n-grams that set outlets apart and the lexicon lacks;
# 2. **check** each candidate in context (KWIC) before believing it;
# 3. **add** the good ones and **save** the lexicon as YAML you can read, cite and share;
# 4. **import** a dictionary in a format you may already have (LIWC `.dic`).
#
# The corpus is the synthetic sample: fictional outlets.

# %%
from pathlib import Path

import pandas as pd

import framing

corpus = framing.load_sample()
lexicon = framing.load_lexicon("ukraine_war")
table = lexicon.to_dataframe()
table.groupby(["concept", "variant"]).size().rename("terms").to_frame()

# %% [markdown]
# ## 1. Suggestions
#
# `suggest_terms` compares each outlet with the rest (log-odds with a Dirichlet prior) and
# keeps the n-grams most typical of an outlet that no lexicon term covers yet. A suggestion
# is a lead, not a finding: many are topics ("grain exports"), names or boilerplate.

# %%
suggestions = framing.suggest_terms(corpus, lexicon, by="outlet")
suggestions.groupby("group").head(5)

# %% [markdown]
# ## 2. Check the candidates in context
#
# A throw-away lexicon made from a table of candidates lets us match them and read every
# passage. Put in the candidates you want to test; here we take the top suggestion of each
# outlet.

# %%
candidates = suggestions.sort_values("z", ascending=False).groupby("group").head(1)
trial = framing.Lexicon.from_dataframe(
    pd.DataFrame(
        {
            "concept": "candidates",
            "variant": candidates["group"].str.lower().str.replace(r"\W+", "_", regex=True),
            "term": candidates["term"],
        }
    ).drop_duplicates("term")
)
trial_hits = framing.match(corpus, trial)
framing.kwic(trial_hits, corpus, window=8, n=10, seed=0)

# %% [markdown]
# Questions to ask of each passage: is the term used in the sense you mean? Is it the
# outlet's own voice, or a quote? Would the opposite framing have a word here? Write the
# answer down, in the term's `note`, with the count that convinced you as its source.

# %% [markdown]
# ## 3. Add terms and save
#
# Lexicons are immutable; the way to change one is through its table. Reading passages
# about troops pulling back, we noticed that some outlets write "regrouping" where others
# write "retreat" or "withdrawal": a concept of its own, with two variants. Every term gets
# a source: here, our own reading of the corpus, cited like any other source.

# %%
additions = pd.DataFrame(
    {
        "concept": "withdrawal_label",
        "variant": ["euphemism", "plain", "plain", "plain"],
        "term": ["regroup*", "retreat*", "withdrew", "withdrawal"],
        "sources": [("own_reading",)] * 4,
        "note": ["'regrouping of forces': an official word for a retreat"]
        + ["the plain words for the same movement"] * 3,
    }
)
metadata = table.attrs["lexicon"]  # name, version, sources and descriptions of the original
grown = framing.Lexicon.from_dataframe(
    pd.concat([table, additions], ignore_index=True),
    **{
        **metadata,
        "name": "my_war_lexicon",
        "version": "0.1",
        "sources": {
            **metadata["sources"],
            "own_reading": "Our reading, in context (KWIC), of the synthetic sample corpus of "
            "framing, notebook 04_build_a_lexicon.",
        },
    },
)
grown.to_dataframe().query("concept == 'withdrawal_label'")

# %%
path = Path("my_lexicon.yaml")
path.write_text(grown.to_yaml(), encoding="utf-8")
print(framing.check_lexicon(path))

# %% [markdown]
# The YAML file is the lexicon: open it in an editor, fix a term, add a source, and read it
# again with `framing.read_lexicon("my_lexicon.yaml")`. `framing lexicon check
# my_lexicon.yaml` runs the same check on the command line (exit code 3 when it finds
# problems), which is handy before sharing it.

# %%
mine = framing.read_lexicon(path)
mine_hits = framing.match(corpus, mine)
framing.score(mine_hits, corpus, by="outlet").query("concept == 'withdrawal_label'")[
    ["outlet", "variant", "count", "docs", "share"]
]

# %% [markdown]
# ## 4. Import a LIWC-style dictionary
#
# `data/synthetic_liwc.dic` is a small dictionary in the LIWC format, written for this
# notebook: categories between `%` lines, then one entry a line with its category numbers;
# `*` at the end of a word matches any ending. A category becomes a concept with one variant
# of the same name; a category named `concept.variant` becomes that pair, which is how a
# LIWC file can carry framings.

# %%
print(Path("data/synthetic_liwc.dic").read_text(encoding="utf-8"))

# %%
liwc = framing.read_lexicon("data/synthetic_liwc.dic")
liwc_hits = framing.match(corpus, liwc, columns=("outlet",))
liwc_hits.groupby(["outlet", "concept"]).size().unstack("concept", fill_value=0)

# %% [markdown]
# What the LIWC format cannot say: variants (a LIWC category is one list of words, so each
# becomes a concept with a single variant), sources, notes and case sensitivity. After
# importing, give the lexicon what it lacks through its table and save it as YAML.
