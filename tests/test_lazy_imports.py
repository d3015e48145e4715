"""framing's __init__ loads its public names on first use (PEP 562).

What this buys is measured in benchmarks/bench_first_call.py; what it must not break is
tested here: every public name resolves, type checkers see the same names, the dask
stages register on the first dask collection, and a worker process of ``match`` imports
no pandas.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import framing

INIT = Path(framing.__file__)


def _fresh(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON line, returned here."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_import_framing_loads_no_heavy_library():
    loaded = _fresh(
        "import json, sys, framing\n"
        "print(json.dumps([m for m in ('pandas', 'numpy', 'matplotlib', 'scipy', 'pyarrow',"
        " 'dask', 'yaml') if m in sys.modules]))"
    )
    assert loaded == []


def test_a_match_worker_imports_the_engine_and_voice_but_not_numpy_nor_pandas():
    loaded = _fresh(
        "import json, sys, framing._match_worker\n"
        "print(json.dumps(sorted(m for m in ('pandas', 'numpy', 'matplotlib', 'scipy',"
        " 'pyarrow', 'framing._engine', 'framing.voice') if m in sys.modules)))"
    )
    assert loaded == ["framing._engine", "framing.voice"]


def test_every_public_name_resolves_and_star_import_works():
    for name in framing.__all__:
        assert getattr(framing, name) is not None, name
    namespace: dict = {}
    exec("from framing import *", namespace)
    assert set(framing.__all__) <= set(namespace)
    assert set(framing.__all__) <= set(dir(framing))
    assert framing.plot.shares is not None  # subpackages as attributes
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        framing.no_such_name  # noqa: B018


def test_framing_provenance_stays_the_function_after_its_module_is_imported():
    kinds = _fresh(
        "import json, framing, framing.provenance, framing.scoring\n"
        "print(json.dumps([callable(framing.provenance), type(framing.provenance).__name__]))"
    )
    assert kinds == [True, "function"]


def test_type_checkers_see_the_names_the_lazy_table_loads():
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    guarded = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"
    )
    seen = {
        alias.name: node.module
        for node in guarded.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    deprecated = {"read_dictionary", "write_dictionary"}  # they warn; not for new code
    lazy = {name: module for name, module in framing._LAZY.items() if name not in deprecated}
    assert seen == lazy


def test_the_dask_stages_register_on_the_first_dask_collection():
    pytest.importorskip("dask.dataframe")
    result = _fresh(
        "import json, sys, framing, pandas as pd, dask.dataframe as dd\n"
        "assert 'framing.distributed' not in sys.modules\n"
        "corpus = framing.as_corpus(pd.DataFrame({'text': ['the war in Kyiv', 'Kiev'],"
        " 'outlet': ['a', 'b']}))\n"
        "lexicon = framing.load_lexicon('ukraine_toponyms')\n"
        "hits = framing.match(dd.from_pandas(corpus, npartitions=2), lexicon)\n"
        "print(json.dumps([type(hits).__module__.split('.')[0], len(hits.compute())]))"
    )
    assert result[0] in {"dask", "dask_expr"}
    corpus = framing.as_corpus(
        pd.DataFrame({"text": ["the war in Kyiv", "Kiev"], "outlet": ["a", "b"]})
    )
    expected = framing.match(corpus, framing.load_lexicon("ukraine_toponyms"))
    assert result[1] == len(expected) == 2
