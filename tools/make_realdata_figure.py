#!/usr/bin/env python3
"""Make the README gallery's real-data figure with the main job on a fetched corpus.

    python tools/make_realdata_figure.py

runs ``framing figures --corpus ruwa`` into ``build/ruwa/figures`` and copies
one figure, with its provenance sidecar, into ``figures/real/``. RUWA is fetched with
:func:`framing.datasets.fetch` into the cache (``$FRAMING_DATA_DIR``); to use a local copy
instead of the public source, point ``FRAMING_DATA_URL`` at it, e.g.
``FRAMING_DATA_URL=file://$PWD/../shared/data``: the same pinned hash is checked. Run
twice, it writes the same bytes. It takes about two minutes on two cores (most of it the
distinctive-terms comparison of 16,545 documents).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: (figure the job writes, name in figures/real/)
KEPT = (("fig_shares_kyiv", "ruwa_shares_kyiv"),)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    from framing._figures_job import run_figures

    build = ROOT / "build" / "ruwa" / "figures"
    # All three formats, as the job writes them by default: the PNG is then the same bytes
    # as that of `framing figures --corpus ruwa` (saving PDF first changes the PNG).
    run_figures(build, corpus="ruwa")
    target = ROOT / "figures" / "real"
    target.mkdir(parents=True, exist_ok=True)
    for made, kept in KEPT:
        for suffix in (".png", ".json"):
            shutil.copyfile(build / f"{made}{suffix}", target / f"{kept}{suffix}")
            print(f"wrote {target / (kept + suffix)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
