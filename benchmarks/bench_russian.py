"""Benchmark matching with a Russian lexicon expanded to all its word forms against the
English speed at the same number of lemmas. Writes its section of benchmarks/RESULTS.md.

Run from the repository root (a few minutes; ``--quick`` for a smaller run)::

    .venv/bin/python -m benchmarks.bench_russian

Design (every corpus and lexicon synthetic and seeded):

- English: ``benchmarks/synthetic.py``'s corpus and its lexicon of N terms.
- Russian: a corpus of the same number of characters, words drawn with Zipf weights from
  a vocabulary of Russian word forms (the stop words of the ``stop-words`` package
  first, then up to 150,000 forms, thirty under each three-letter prefix of pymorphy3's
  Russian dictionary, the forms
  of one lemma at neighbouring ranks), in the
  same sentences, paragraphs, commas and quotation marks (« » in a third of the
  documents), and "ё" for "е" now and then. The lexicon has N lemmas, in the English
  mix: 30% nouns, 45% adjective-noun pairs, 15% adjective-adjective-noun phrases (each
  adjective agreeing with its noun), 10% globs; ``language: ru`` expands every term to
  its case and number forms. Lexicon forms are planted 0-3 times a document, as in
  English.
- ``match(corpus, lexicon, fields="text", workers=1)``, voice on and off, each language
  with its default engine backend (pyahocorasick for Cyrillic terms), best of
  several runs alternating the two languages; the forms are generated (and cached)
  before timing, and the expansion is timed on its own.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import os
import platform
import random
import re
import statistics
import sys
import time
from itertools import accumulate
from pathlib import Path

import pandas as pd

import framing
from benchmarks.synthetic import CorpusMaker, make_corpus, make_lexicon
from framing._engine import default_backend
from framing.corpus.schema import conform
from framing.lexicon import inflect

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
START = "<!-- bench_russian: start -->"
END = "<!-- bench_russian: end -->"
_CYRILLIC = re.compile(r"^[а-яё]+$")


@functools.cache
def russian_vocabulary(size: int = 150_000, seed: int = 3) -> tuple[list[str], list[float]]:
    """Russian word forms with Zipf weights: stop words first, then dictionary forms."""
    rng = random.Random(seed)
    words = list(dict.fromkeys(framing.stop_words("ru")))
    rng.shuffle(words)
    dictionary = inflect.analyzer("ru").dictionary.words
    letters = "абвгдежзиклмнопрстуфхцчшщэюя"
    seen = set(words)
    found = []
    # A few forms under every three-letter prefix: many stems, not the alphabetical
    # clumps that longer runs under one prefix would give.
    for first in letters:
        for second in letters:
            for third in letters:
                taken = 0
                for word in dictionary.iterkeys(first + second + third):
                    if _CYRILLIC.match(word) and len(word) > 2 and word not in seen:
                        found.append(word)
                        seen.add(word)
                        taken += 1
                        if taken == 30:
                            break
    # Frequency belongs to a lemma, not to a form: the forms of one lemma take
    # neighbouring ranks, so that a rare lemma has only rare forms, as in real text.
    morph = inflect.analyzer("ru")
    lemmas: dict[str, list[str]] = {}
    for word in found:
        lemmas.setdefault(morph.parse(word)[0].normal_form, []).append(word)
    groups = list(lemmas.values())
    rng.shuffle(groups)
    words += [word for group in groups for word in group][: size - len(words)]
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    return words, weights


def russian_lexicon(lemmas: int, vocabulary: list[str], seed: int = 7) -> framing.Lexicon:
    """N Russian lemmas in the English lexicon's mix (see the module docstring)."""
    rng = random.Random(seed)
    morph = inflect.analyzer("ru")
    nouns, adjectives = [], []
    unusual = {"Abbr", "Patr", "Supr", "Name", "Surn", "Orgn", "Trad", "Infr", "Erro", "Dist"}
    # Content words outside the 5,000 most frequent forms, as for the English terms.
    for word in vocabulary[5000:]:
        for parse in morph.parse(word)[:1]:
            tag = parse.tag
            if len(word) < 5 or unusual & set(tag.grammemes):
                continue
            if "nomn" in tag and "sing" in tag and parse.is_known:
                if tag.POS == "NOUN" and "Name" not in tag and "Surn" not in tag:
                    nouns.append(parse)
                elif tag.POS == "ADJF" and "masc" in tag:
                    adjectives.append(parse)
    frequent = vocabulary[:5000]
    terms: list[str] = []
    seen: set[str] = set()
    prefixes: set[str] = set()
    while len(terms) < lemmas:
        draw = rng.random()
        noun = rng.choice(nouns)
        if draw < 0.30:
            term = noun.word
        elif draw < 0.90:
            count = 1 if draw < 0.75 else 2
            gender = {noun.tag.gender}
            agreeing = []
            for adjective in rng.sample(adjectives, count):
                inflected = adjective.inflect(gender) if gender != {None} else adjective
                if inflected is None:
                    break
                agreeing.append(inflected.word)
            if len(agreeing) != count:
                continue
            term = " ".join([*agreeing, noun.word])
        else:
            word = noun.word
            if len(word) < 9:
                continue
            term = word[: rng.randint(6, len(word) - 2)] + "*"
            if any(w.startswith(term[:-1]) for w in frequent):
                continue  # a glob that would match frequent words
        key = term.lower()
        stem = key.split()[0].rstrip("*")
        if key in seen or any(stem.startswith(p) or p.startswith(stem) for p in prefixes):
            continue
        if term.endswith("*"):
            if any(w.startswith(stem) for t in seen for w in t.split()):
                continue
            prefixes.add(stem)
        seen.add(key)
        terms.append(term)
    table = pd.DataFrame(
        {
            "concept": [f"concept_{i % 25}" for i in range(len(terms))],
            "variant": [f"variant_{i % 3}" for i in range(len(terms))],
            "term": terms,
        }
    )
    return framing.Lexicon.from_dataframe(table, name=f"russian_{lemmas}", language="ru")


class RussianCorpusMaker(CorpusMaker):
    """The English maker's documents, with Russian words and « » quotation marks."""

    def __init__(self, words: list[str], weights: list[float], planted: list[str], seed: int):
        super().__init__(seed, planted=None)
        self.words = words
        self.cumulative = list(accumulate(weights))
        self.planted = planted

    def document(self, words: int = 480) -> str:
        text = super().document(words)
        rng = self.rng
        if rng.random() < 0.33:
            text = text.replace("“", "«").replace("”", "»").replace('"', "»")
        if rng.random() < 0.2:
            text = text.replace("е", "ё", 3)
        return text.replace("’s", "").replace("'s", "")


def russian_corpus(documents: int, lexicon: framing.Lexicon, characters: int) -> pd.DataFrame:
    """About ``characters`` characters of Russian documents with lexicon forms planted."""
    words, weights = russian_vocabulary()
    forms = lexicon.forms()
    planted = [
        form.replace("*", "ование") for form in forms["form"].tolist()
    ]  # a glob planted as a word it matches
    maker = RussianCorpusMaker(words, weights, planted, seed=42)
    texts: list[str] = []
    total = 0
    while total < characters:
        text = maker.document()
        texts.append(text)
        total += len(text)
    count = len(texts)
    return conform(
        pd.DataFrame(
            {
                "doc_id": [f"ru{i:07d}" for i in range(count)],
                "outlet": [f"Outlet {i % 7}" for i in range(count)],
                "published": pd.Timestamp("2022-02-24", tz="UTC"),
                "title": [t[:60] for t in texts],
                "text": texts,
                "language": "ru",
            }
        )
    )


def _best(function, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def run(lemmas: int, documents: int, repeats: int) -> dict:
    english_lexicon = make_lexicon(lemmas)
    english = make_corpus(documents, planted=[t.pattern for _, _, t in english_lexicon.entries()])
    english_mb = english["text"].str.len().sum() / 1e6
    words, _ = russian_vocabulary()
    lexicon = russian_lexicon(lemmas, words)
    inflect._TABLES.clear()
    inflect.expand.cache_clear()
    started = time.perf_counter()
    forms = lexicon.forms()
    expansion = time.perf_counter() - started
    russian = russian_corpus(documents, lexicon, int(english_mb * 1e6))
    russian_mb = russian["text"].str.len().sum() / 1e6
    results = {
        "lemmas": lemmas,
        "forms": len(forms),
        "expansion_s": expansion,
        "english_mb": english_mb,
        "russian_mb": russian_mb,
        "documents": (len(english), len(russian)),
    }
    for voice in (True, False):
        timings = {"en": [], "ru": []}
        for _ in range(repeats):  # alternate, so that load changes hit both alike
            for name, corpus, lex in (
                ("en", english, english_lexicon),
                ("ru", russian, lexicon),
            ):
                timings[name] += _best(
                    lambda c=corpus, x=lex, v=voice: framing.match(
                        c, x, fields="text", workers=1, classify_voice=v, progress=False
                    ),
                    1,
                )
        hits_en = len(framing.match(english, english_lexicon, fields="text", classify_voice=False))
        hits_ru = len(framing.match(russian, lexicon, fields="text", classify_voice=False))
        key = "voice" if voice else "no_voice"
        results[key] = {
            "en_best": english_mb / min(timings["en"]),
            "ru_best": russian_mb / min(timings["ru"]),
            "en_median": english_mb / statistics.median(timings["en"]),
            "ru_median": russian_mb / statistics.median(timings["ru"]),
            "hits_per_doc": (hits_en / len(english), hits_ru / len(russian)),
        }
    return results


def _section(runs: list[dict], load: tuple[float, float, float], quick: bool) -> str:
    lines = [
        START,
        "## Russian: a lexicon expanded to all word forms against English (bench_russian.py)",
        "",
        f"Made by `benchmarks/bench_russian.py{' --quick' if quick else ''}` on "
        f"{datetime.date.today().isoformat()}, engine backend `{default_backend()}`, Python "
        f"{platform.python_version()}, pandas {pd.__version__}, {os.cpu_count()} logical CPUs.",
        f"Load average when the run started: {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f} (the "
        "machine is shared: the two languages are timed alternately, best and median given).",
        "",
        "Design: see the module docstring. `match(fields='text', workers=1)`; MB = 10^6",
        "characters; the Russian corpus has as many characters as the English one.",
        "",
        "| lemmas | Russian forms | expansion s | voice | English MB/s (best, median) "
        "| Russian MB/s (best, median) | Russian / English (best) | hits per doc en, ru |",
        "|---:|---:|---:|---|---|---|---:|---|",
    ]
    for result in runs:
        for key, label in (("voice", "on"), ("no_voice", "off")):
            r = result[key]
            lines.append(
                f"| {result['lemmas']:,} | {result['forms']:,} | {result['expansion_s']:.1f} | "
                f"{label} | {r['en_best']:.1f}, {r['en_median']:.1f} | "
                f"{r['ru_best']:.1f}, {r['ru_median']:.1f} | "
                f"{100 * r['ru_best'] / r['en_best']:.0f}% | "
                f"{r['hits_per_doc'][0]:.1f}, {r['hits_per_doc'][1]:.1f} |"
            )
    main = runs[0]["voice"]
    ratio = main["ru_best"] / main["en_best"]
    lines += [
        "",
        f"Target: Russian at least 50% of the English speed at the same number of lemmas "
        f"({runs[0]['lemmas']:,}, voice on): {100 * ratio:.0f}%, "
        f"{'met' if ratio >= 0.5 else '**not met**'}.",
        END,
    ]
    return "\n".join(lines) + "\n"


def write_section(text: str) -> None:
    """Replace this benchmark's section of RESULTS.md, or append it."""
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.is_file() else ""
    if START in current and END in current:
        before, rest = current.split(START, 1)
        after = rest.split(END, 1)[1].lstrip("\n")
        current = before + text + after
    else:
        current = current.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(current, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smaller run")
    args = parser.parse_args(argv)
    load = os.getloadavg()
    documents, repeats = (400, 3) if args.quick else (2_000, 5)
    sizes = (1_000,)
    runs = [run(lemmas, documents, repeats) for lemmas in sizes]
    section = _section(runs, load, args.quick)
    write_section(section)
    sys.stdout.write(section)


if __name__ == "__main__":
    main()
