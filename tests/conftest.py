"""Shared test fixtures.

Real-data tests read ``../shared/data`` (beside the repository). A user's fresh clone
does not have it, so tests that need it take the ``shared_data`` fixture and are marked
``realdata``; they skip with a reason when the folder is absent.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

# The kit's own caches (compiled hyperscan databases) go to a folder of the test run, not
# to the user's ~/.cache (child processes, workers and notebook kernels inherit it); the
# process that made the folder removes it at exit.
if "FRAMING_CACHE_DIR" not in os.environ:
    os.environ["FRAMING_CACHE_DIR"] = tempfile.mkdtemp(prefix="framing-test-cache-")
    atexit.register(shutil.rmtree, os.environ["FRAMING_CACHE_DIR"], ignore_errors=True)

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRAMING_SHARED", REPO.parent / "shared"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of real corpora, or skip the test with a reason."""
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip(f"real-data test: {path} is absent (it sits beside the repo in CI)")
    return path


@pytest.fixture(scope="session")
def seed_article() -> Path:
    """The shared scraped-page fixture, or skip the test with a reason."""
    path = SHARED / "fixtures" / "seed_article.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent (it sits beside the repo in CI)")
    return path


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """The repo's own small, synthetic test files."""
    return FIXTURES
