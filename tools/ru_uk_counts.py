"""Count each term of the bundled Russian and Ukrainian lexicons in ../shared/data and
write the counts into the terms' notes ("Observed: ...").

ukraine_war_ru is counted in ru_telegram_news (per channel), ukraine_war_uk in
resistinua_uk. Each term is counted on its own (a lexicon of that one term, with all its
generated forms), in the title and text of every document, so a short term's count
includes the hits of the longer terms that contain it; framing.match over the whole
lexicon counts leftmost-longest and gives smaller numbers for such terms. Only counts are
written, never text. Run from the repository root:

    .venv/bin/python tools/ru_uk_counts.py
"""

from __future__ import annotations

import re
import sys
import warnings
from pathlib import Path

import pandas as pd

import framing
from framing.lexicon.model import Concept, Lexicon, Variant

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "framing" / "lexicon" / "bundled"
SHARED = ROOT.parent / "shared" / "data"

#: The channels of ru_telegram_news, as the notes name them.
CHANNELS = {
    "РИА Новости": "RIA Novosti",
    "BBC News | Русская служба": "BBC Russian",
    "Mash": "Mash",
    "Раньше всех. Ну почти.": "Ranshe vsekh",
    "SHOT": "SHOT",
}
_OBSERVED = re.compile(r"\s*Observed: .*$")


def russian_corpus(shared: Path = SHARED) -> pd.DataFrame:
    """ru_telegram_news with the channel as the outlet."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return framing.read_corpus(
            shared / "ru_telegram_news", rename={"outlet": "channel"}, errors="report"
        )


def ukrainian_corpus(shared: Path = SHARED) -> pd.DataFrame:
    """resistinua_uk (the addresses' names as titles)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return framing.read_corpus(
            shared / "resistinua_uk",
            rename={"title": "name"},
            outlet="resistinua_uk",
            errors="report",
        )


def term_counts(corpus: pd.DataFrame, lexicon: Lexicon) -> dict[tuple[str, str, str], pd.Series]:
    """Hits of each term on its own, per outlet: {(concept, variant, term): counts}."""
    counts = {}
    for concept, variant, term in lexicon.entries():
        alone = Lexicon(
            name="one",
            language=lexicon.language,
            sources=lexicon.sources,
            concepts=(Concept(concept.name, (Variant(variant.name, (term,)),)),),
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            hits = framing.match(
                corpus, alone, classify_voice=False, columns=("outlet",), progress=False
            )
        counts[concept.name, variant.name, term.pattern] = hits["outlet"].value_counts()
    return counts


def _observed(counts: pd.Series, corpus_name: str, labels: dict[str, str] | None) -> str:
    if counts.sum() == 0:
        return f"Observed: no hit in {corpus_name}."
    if labels is None:
        return f"Observed: {corpus_name} {int(counts.sum())}."
    parts = [f"{label} {int(counts.get(name, 0))}" for name, label in labels.items()]
    return f"Observed: {corpus_name}, " + ", ".join(parts) + "."


def annotate(lexicon: Lexicon, counts, corpus_name: str, labels) -> Lexicon:
    """The lexicon with each note's "Observed: ..." part replaced by the new counts."""
    concepts = []
    for concept in lexicon.concepts:
        variants = []
        for variant in concept.variants:
            terms = []
            for term in variant.terms:
                observed = _observed(
                    counts[concept.name, variant.name, term.pattern], corpus_name, labels
                )
                note = _OBSERVED.sub("", term.note or "").strip()
                terms.append(
                    framing.Term(
                        term.pattern,
                        case_sensitive=term.case_sensitive,
                        note=f"{note} {observed}".strip(),
                        sources=term.sources,
                        inflect=term.inflect,
                        add_forms=term.add_forms,
                        remove_forms=term.remove_forms,
                    )
                )
            variants.append(
                Variant(variant.name, tuple(terms), variant.reference, variant.description)
            )
        concepts.append(Concept(concept.name, tuple(variants), concept.description))
    return Lexicon(
        name=lexicon.name,
        concepts=tuple(concepts),
        version=lexicon.version,
        language=lexicon.language,
        description=lexicon.description,
        sources=lexicon.sources,
        licence=lexicon.licence,
    )


def main() -> None:
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is absent: the counts need ../shared/data.")
    for name, corpus, corpus_name, labels in (
        ("ukraine_war_ru", russian_corpus(), "ru_telegram_news", CHANNELS),
        ("ukraine_war_uk", ukrainian_corpus(), "resistinua_uk addresses", None),
    ):
        path = BUNDLED / f"{name}.yaml"
        if not path.is_file():
            continue
        lexicon = framing.read_lexicon(path)
        counts = term_counts(corpus, lexicon)
        annotate(lexicon, counts, corpus_name, labels).to_yaml(path)
        total = sum(int(c.sum()) for c in counts.values())
        silent = [key[2] for key, c in counts.items() if c.sum() == 0]
        print(f"{name}: {len(counts)} terms, {total} hits; no hit: {', '.join(silent) or '-'}")


if __name__ == "__main__":
    main()
