"""Regenerate the committed sample: ``cd data && python -m make_sample``."""

from __future__ import annotations

from .articles import SAMPLE_SEED
from .files import HERE, write_sample


def main() -> None:
    written = write_sample(seed=SAMPLE_SEED)
    root = HERE.parents[1]
    for path in written[-2:]:
        print(path.relative_to(root))
    print(f"{len(written)} files written (synthetic sample, seed {SAMPLE_SEED})")


if __name__ == "__main__":
    main()
