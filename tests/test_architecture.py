"""The generated parts of docs/architecture.md are current, and the layering only improves.

tools/module_graph.py draws the module graph from the imports and lists every import
cycle, upward import and over-long file; tools/api_table.py writes the public API table
and checks that each parameter name has its one meaning in the glossary.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import api_table  # noqa: E402
import module_graph  # noqa: E402


def test_the_module_graph_in_the_docs_is_drawn_from_the_current_imports():
    text = module_graph.DOC.read_text(encoding="utf-8")
    drawn = text.split(module_graph.START, 1)[1].split(module_graph.END, 1)[0]
    assert drawn.strip() == module_graph.mermaid(module_graph.graph()).strip(), (
        "docs/architecture.md's module graph is stale: run python tools/module_graph.py --write"
    )


def test_no_new_import_cycle_upward_import_or_long_file():
    debts = ROOT / "tools" / "module_graph_debts.txt"
    known = {
        line
        for line in debts.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    found = set(module_graph.problems(module_graph.graph()))
    assert not found - known, f"new layering problems: {sorted(found - known)}"
    assert not known - found, f"solved, delete from {debts.name}: {sorted(known - found)}"


def test_the_module_graph_finds_a_cycle_and_an_upward_import():
    edges = {
        "framing.corpus.a": {"framing.corpus.b"},
        "framing.corpus.b": {"framing.corpus.a", "framing.plot._bars"},
    }
    found = module_graph.problems(edges)
    assert any(p.startswith("import cycle: framing.corpus.a <-> framing.corpus.b") for p in found)
    assert any("only notebooks and the CLI use plot" in p for p in found)


def test_the_api_table_is_current_and_every_parameter_has_one_meaning():
    assert api_table.main(["--check"]) == 0
