"""Count hits of the bundled lexicons in ../shared/data per outlet and concept.

Writes docs/realdata_hits.md (counts only, no text). Run from the repository root:

    .venv/bin/python -m benchmarks.realdata_hits
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

import framing

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from _realdata_corpora import FIELDS, load_corpora  # noqa: E402


def _markdown(table: pd.DataFrame) -> str:
    header = [str(table.index.name or ""), *map(str, table.columns)]
    rows = [
        [str(index), *map(str, values)]
        for index, values in zip(table.index, table.to_numpy(), strict=True)
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    shared = ROOT.parent / "shared" / "data"
    corpora = load_corpora(shared)
    corpus = pd.concat(corpora.values(), ignore_index=True)
    corpus["doc_id"] = corpus["doc_id"].astype("string")
    lines = [
        "# Hits of the bundled lexicons in the real corpora",
        "",
        "Made by `benchmarks/realdata_hits.py` from `../shared/data` (RUWA titles and",
        "sub-headings; Guardian full texts; NYT opening paragraphs; resistinua addresses;",
        "Sputnik and Kyiv Independent titles). Counts only. Fields searched: "
        + ", ".join(FIELDS)
        + ".",
        "",
    ]
    for name in ("ukraine_war", "ukraine_toponyms"):
        lexicon = framing.load_lexicon(name)
        hits = framing.match(corpus, lexicon, fields=FIELDS, columns=("outlet",))
        by = "concept" if name == "ukraine_war" else "variant"
        table = hits.pivot_table(
            index="outlet", columns=by, values="start", aggfunc="count", fill_value=0
        )
        documents = corpus["outlet"].value_counts()
        table.insert(0, "documents", documents.reindex(table.index).fillna(0).astype(int))
        lines += [f"## {name}: hits per outlet and {by}", "", _markdown(table), ""]
        if name == "ukraine_war":
            smo = hits[hits["term"] == "special military operation"]
            split = smo.pivot_table(
                index="outlet", columns="voice", values="start", aggfunc="count", fill_value=0
            )
            lines += [
                "### 'special military operation' by voice",
                "",
                _markdown(split),
                "",
            ]
    path = ROOT / "docs" / "realdata_hits.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    print(path.read_text())


if __name__ == "__main__":
    main()
