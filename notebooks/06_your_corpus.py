# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Your own corpus
#
# The same analysis as the quickstart, on a folder of your own articles. Set `CORPUS` to
# your folder (or a file, or a glob such as `"exports/*.csv"`) and run all cells. By
# default it reads the folder of the synthetic sample that ships with `framing`, so the
# notebook runs as it is.
#
# `framing.read_corpus` reads scraped-page dumps, CSV/TSV, JSON Lines, JSON, Parquet, Excel,
# folders of `.txt` files and saved HTML pages, and tells you what it read and what it did
# not.

# %% tags=["parameters"]
CORPUS = None  # a folder, file or glob of your own; None reads the sample's folder
RENAME = None  # e.g. {"title": "headline", "text": "body"} when automatic mapping fails
OUTLET = None  # set the outlet of every document, when the files do not say it
LEXICON = "ukraine_war"  # a bundled lexicon's name, or the path of your own YAML / .dic file

# %%
# %matplotlib inline
from pathlib import Path

import framing
from framing import plot

source = Path(CORPUS) if CORPUS is not None else framing.datasets.sample_path("all")
print("Reading", source)

# %% [markdown]
# ## Read, and read the report
#
# `errors="report"` goes on past bad records and lists each one, with its file, its record
# and the reason, in the load report. Nothing is dropped silently: every record is either
# in the corpus or in the report. `errors="raise"` (the default) stops at the first one
# instead, which is what you want in a script.

# %%
corpus = framing.read_corpus(source, rename=RENAME, outlet=OUTLET, errors="report")
report = framing.load_report(corpus)
report

# %%
report.skipped.head(20)

# %% [markdown]
# Dates that could not be read are `NaT` and counted as missing, never guessed; a date
# found only in a URL is used and marked in `date_source`. Documents whose files do not say
# their outlet (plain `.txt` files, say) have outlet `<NA>`: read such a folder on its own
# with `outlet="..."`.

# %%
corpus.groupby("outlet", dropna=False).agg(
    documents=("doc_id", "size"),
    first=("published", "min"),
    last=("published", "max"),
    dates_missing=("published", lambda dates: int(dates.isna().sum())),
)

# %% [markdown]
# ## Duplicates
#
# Wire copy reprinted by several outlets would count twice. `deduplicate` marks exact and
# near duplicates in `duplicate_of`; decide whether to drop them (`drop=True`) for your
# question.

# %%
marked = framing.deduplicate(corpus, near=True)
print(f"{int(marked['duplicate_of'].notna().sum())} of {len(marked)} documents repeat another")
corpus = marked[marked["duplicate_of"].isna()]

# %% [markdown]
# ## What a bad record looks like
#
# A small file with one broken row, read both ways, so you know what to expect from your
# own data.

# %%
import tempfile

folder = Path(tempfile.mkdtemp())
bad = folder / "export.csv"
bad.write_text(
    "title,text,published,outlet\n"
    "Talks resume,Delegations met in Istanbul on Tuesday.,2022-03-29,Example Daily\n"
    '"Broken row,the quote is never closed,2022-03-30,Example Daily\n',
    encoding="utf-8",
)
try:
    framing.read_corpus(bad)
except framing.CorpusError as error:
    print("errors='raise' stops here:", error)

# %%
lenient = framing.read_corpus(bad, errors="report")
framing.load_report(lenient)

# %% [markdown]
# ## The analysis

# %%
if Path(LEXICON).suffix:  # your own lexicon file
    lexicon = framing.read_lexicon(LEXICON)
else:  # a bundled lexicon
    lexicon = framing.load_lexicon(LEXICON)
hits = framing.match(corpus, lexicon)
scores = framing.score(hits, corpus, by="outlet", voice="own")
concept = scores.groupby("concept")["count"].sum().idxmax()
print(f"{len(hits)} hits; charting the concept with the most hits: {concept}")
with plot.style("notebook"):
    ax = plot.shares(scores, concept=concept)

# %%
framing.kwic(hits[hits["concept"] == concept], corpus, n=8, seed=0)

# %% [markdown]
# ## Next
#
# - Grow the lexicon for your question: `04_build_a_lexicon`.
# - Compare outlets and periods: `02_compare_outlets`, `03_framing_over_time`.
# - Make every figure and table of a paper from your corpus in one command:
#   `framing figures --corpus YOUR_FOLDER --output figures`.
