"""Draw the coding samples of the Russian and Ukrainian lexicons (keys only, no text).

Run from the repository root (needs ``../shared/data``)::

    git show d5a8aa9:framing/lexicon/bundled/ukraine_war_ru.yaml > /tmp/ru_1_1.yaml
    .venv/bin/python data/coding/draw_ru_uk.py OUT_DIR --lexicon ukraine_war_ru=/tmp/ru_1_1.yaml

``ukraine_war_ru`` 1.1 is matched (sense rules on, as ``measure.py`` counts) in
``ru_telegram_news`` and ``ukraine_war_uk`` 1.1 in ``resistinua_uk``; from each concept x
variant stratum ``framing.coding_sheet`` draws 10 hits (all of a smaller stratum), spread
over the Telegram channels in proportion to their hits (``within="outlet"``; the
addresses are one outlet). The sheets, with their context, are written to ``OUT_DIR``
(outside the repository: they hold text); the codes in this folder keep only the keys.
The codes were drawn from version 1.1 of both lexicons: ``ukraine_war_ru`` 1.2 added
conditions (which only remove hits), so pass its 1.1 file as above to redraw them; the
same keys come out.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import measure

import framing

#: Per lexicon: its corpus (a key of measure.FILES), the seed and the channel column.
DRAWS = {
    "ukraine_war_ru": ("ru_telegram_news", 20261201, "outlet"),
    "ukraine_war_uk": ("resistinua_uk", 20261202, None),
}
N, WINDOW, VERSION = 10, 40, "1.1"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="where to write the sheets (outside the repo)")
    parser.add_argument("--lexicon", action="append", default=[], help="NAME=PATH of version 1.1")
    arguments = parser.parse_args()
    files = dict(item.split("=", 1) for item in arguments.lexicon)
    arguments.out.mkdir(parents=True, exist_ok=True)
    shared = measure.REPO.parent / "shared" / "data"
    for name, (file, seed, within) in DRAWS.items():
        lexicon = framing.read_lexicon(files[name]) if name in files else framing.load_lexicon(name)
        if lexicon.version != VERSION:
            parser.error(f"{name} is version {lexicon.version}; pass its {VERSION} file")
        corpora = measure.load_corpora(shared, files=[file])
        hits, _ = measure.audit(corpora, lexicon)
        sheet = framing.coding_sheet(
            hits,
            corpora[file],
            n=N,
            by=("concept", "variant"),
            within=within,
            window=WINDOW,
            seed=seed,
        )
        sheet.assign(source_file=file).to_pickle(arguments.out / f"{name}_sheet.pkl")
        print(name, len(hits), "hits,", len(sheet), "drawn")


if __name__ == "__main__":
    main()
