"""Draw the coding samples of the Russian and Ukrainian lexicons (keys only, no text).

Run from the repository root (needs ``../shared/data``)::

    .venv/bin/python data/coding/draw_ru_uk.py OUT_DIR

``ukraine_war_ru`` 1.1 is matched (sense rules on, as ``measure.py`` counts) in
``ru_telegram_news`` and ``ukraine_war_uk`` 1.1 in ``resistinua_uk``; from each concept x
variant stratum ``framing.coding_sheet`` draws 10 hits (all of a smaller stratum), spread
over the Telegram channels in proportion to their hits (``within="outlet"``; the
addresses are one outlet). The sheets, with their context, are written to ``OUT_DIR``
(outside the repository: they hold text); the codes in this folder keep only the keys.
"""

from __future__ import annotations

import sys
from pathlib import Path

import measure

import framing

#: Per lexicon: its corpus (a key of measure.FILES), the seed and the channel column.
DRAWS = {
    "ukraine_war_ru": ("ru_telegram_news", 20261201, "outlet"),
    "ukraine_war_uk": ("resistinua_uk", 20261202, None),
}
N, WINDOW = 10, 40


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    shared = measure.REPO.parent / "shared" / "data"
    for name, (file, seed, within) in DRAWS.items():
        corpora = measure.load_corpora(shared, files=[file])
        hits, _ = measure.audit(corpora, framing.load_lexicon(name))
        sheet = framing.coding_sheet(
            hits,
            corpora[file],
            n=N,
            by=("concept", "variant"),
            within=within,
            window=WINDOW,
            seed=seed,
        )
        sheet.assign(source_file=file).to_pickle(out / f"{name}_sheet.pkl")
        print(name, len(hits), "hits,", len(sheet), "drawn")


if __name__ == "__main__":
    main()
