"""A deterministic synthetic news corpus and lexicons of any size, for the benchmarks.

Documents are about 600 words of English-like prose: common English words and a long
tail of made-up words with Zipf-like frequencies, in sentences and paragraphs (blank
lines between them), with curly apostrophes and quotation marks in a third of the
documents, and about six lexicon terms planted per document. Everything is drawn from
``random.Random(seed)``, so the same seed gives the same corpus, byte for byte.
"""

from __future__ import annotations

import random
from itertools import accumulate

import pandas as pd

from framing import Lexicon
from framing.corpus.schema import conform

COMMON = (
    "the of and to a in that is was he for it with as his on be at by i this had not are "
    "but from or have an they which one you were her all she there would their we him been "
    "has when who will more no if out so said what up its about into than them can only "
    "other new some could time these two may then do first any my now such like our over "
    "man me even most made after also did many before must through back years where much "
    "your way well down should because each just those people mr how too little state good "
    "very make world still own see men work long get here between both life being under "
    "never day same another know while last might us great old year off come since against "
    "go came right used take three officials government minister president forces troops "
    "city region border talks sanctions military defence attack strikes army security "
    "ministry spokesman statement reported according week month country countries russian "
    "ukrainian european western foreign policy support aid weapons energy gas prices "
    "economy market bank court law election party leader leaders public war software "
    "award warfare Kiev Kievan Kyiv Moscow Russia Ukraine invasion operation special"
).split()

SYLLABLES = (
    "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no "
    "nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo zu str pl "
    "gr tr ch sh th an en in on un ar er ir or ur"
).split()


def _made_up_words(rng: random.Random, count: int) -> list[str]:
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def make_lexicon(terms: int, seed: int = 7) -> Lexicon:
    """A lexicon of ``terms`` terms: real framing terms plus made-up 1-3 word phrases."""
    rng = random.Random(seed)
    real = [
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
    pool = _made_up_words(rng, 4 * terms + 50)
    chosen: list[str] = []
    seen = {t.lower() for t in real}
    for word in pool:
        if len(chosen) + len(real) >= terms:
            break
        length = rng.choice((1, 1, 2, 2, 3))
        phrase = " ".join([word, *rng.sample(pool, length - 1)])
        if phrase not in seen:
            seen.add(phrase)
            chosen.append(phrase)
    patterns = (real + chosen)[:terms]
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
        tail = _made_up_words(self.rng, 6000)
        self.words = COMMON + tail
        weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(self.words))]
        self.cumulative = list(accumulate(weights))
        self.planted = [p.replace("*", "ion") for p in (planted or [])]

    def document(self, words: int = 600) -> str:
        rng = self.rng
        tokens = rng.choices(self.words, cum_weights=self.cumulative, k=words)
        for _ in range(6):
            if self.planted:
                tokens[rng.randrange(words)] = rng.choice(self.planted)
        curly = rng.random() < 0.33
        apostrophe = "’" if curly else "'"
        paragraphs, sentence, paragraph = [], [], []
        for index, token in enumerate(tokens):
            if index % 97 == 5:
                token = token + apostrophe + "s"
            sentence.append(token)
            if len(sentence) >= rng.randint(12, 24):
                text = " ".join(sentence)
                if curly and rng.random() < 0.15:
                    text = "“" + text + "”"
                paragraph.append(text[0].upper() + text[1:] + ".")
                sentence = []
                if len(paragraph) >= 4:
                    paragraphs.append(" ".join(paragraph))
                    paragraph = []
        if sentence:
            paragraph.append(" ".join(sentence) + ".")
        paragraphs.append(" ".join(paragraph))
        return "\n\n".join(p for p in paragraphs if p)


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
