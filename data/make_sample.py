"""Make the synthetic sample corpus: data/sample/ in every input format, and the packaged
framing/data/sample.parquet that framing.load_sample() reads.

Everything it writes is synthetic (invented outlets, domains, people and text) and
deterministic: run it twice and the files are the same, byte for byte.

    python data/make_sample.py
"""

from __future__ import annotations

from pathlib import Path

from framing.datasets import SAMPLE_SEED, write_sample

HERE = Path(__file__).resolve().parent


def main() -> None:
    written = write_sample(
        HERE / "sample",
        package_file=HERE.parent / "framing" / "data" / "sample.parquet",
        seed=SAMPLE_SEED,
    )
    for path in written[-2:]:
        print(path.relative_to(HERE.parent))
    print(f"{len(written)} files written (synthetic sample, seed {SAMPLE_SEED})")


if __name__ == "__main__":
    main()
