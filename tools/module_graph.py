#!/usr/bin/env python3
"""Draw the package's module graph from its imports, and check the layering rules.

    python tools/module_graph.py            # print the graph (Mermaid) and any problem
    python tools/module_graph.py --write    # rewrite the graph in docs/architecture.md
    python tools/module_graph.py --check    # exit 1 if the docs' graph is stale or a rule
                                            # is broken (the test suite runs this)

The graph is read from the code (``ast``, every ``import`` and ``from ... import``,
module-level and deferred alike, but not those under ``if TYPE_CHECKING:``), so the
diagram in ``docs/architecture.md`` cannot drift from the code. Modules of a subpackage
that is one subject (``corpus.readers``, ``lexicon.formats``, ``coding``, ``plot``) are
drawn as one box.

Rules checked (each names the offending import):

- no cycles between modules (deferred imports included);
- ``corpus`` and ``lexicon`` never import each other;
- only ``cli``, ``_figures_job`` and the package ``__init__`` may import ``plot``;
- each module imports only modules of its own layer or below (``LAYERS``);
- no Python or C file in ``framing/`` is longer than ``MAX_LINES``.

Problems the project knows of and has not solved yet are listed, one a line, in
``tools/module_graph_debts.txt``; the test suite fails on any problem not listed there,
and on a listed one that is gone (delete its line), so the list only shrinks.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "framing"
DOC = ROOT / "docs" / "architecture.md"
START = "<!-- module-graph:start (made by tools/module_graph.py --write; do not edit) -->"
END = "<!-- module-graph:end -->"
MAX_LINES = 520

# Subpackages drawn as one box: one subject, several files.
COLLAPSED = ("framing.corpus.readers", "framing.lexicon.formats", "framing.coding", "framing.plot")

# Layers, lowest first: a module may import its own layer or lower ones. The first
# matching prefix decides.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "foundation",
        (
            "framing._version",
            "framing._engines",
            "framing.errors",
            "framing.limits",
            "framing._files",
            "framing._cache",
            "framing._checks",
            "framing._offsets",
            "framing._offsets_kernel",
            "framing._arrow",
            "framing._kernel",
            "framing._unicode_kernel",
            "framing._text",
            "framing._words",
            "framing._tokens",
            "framing.tables",
            "framing.provenance",
            "framing._export",
        ),
    ),
    ("inputs", ("framing.corpus", "framing.lexicon")),
    (
        "matching",
        (
            "framing._automata",
            "framing._engine",
            "framing._engine_text",
            "framing.voice",
            "framing.senses",
            "framing._match_pool",
            "framing._match_shared",
            "framing._match_worker",
            "framing._match_work",
            "framing.matching",
        ),
    ),
    (
        "results",
        (
            "framing.stats",
            "framing.scoring",
            "framing._scoring_inputs",
            "framing._scoring_groups",
            "framing.comparison",
            "framing._term_counts",
            "framing.discovery",
            "framing.concordance",
            "framing.coding",
            "framing.audit",
        ),
    ),
    ("output", ("framing.figures", "framing.plot")),
    (
        "entry points",
        (
            "framing._fetch",
            "framing._dataset_registry",
            "framing.datasets",
            "framing.cli",
            "framing._figures_job",
            "framing",
        ),
    ),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The package modules ``path`` imports (resolved to the longest known module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                stem = ".".join([*base, node.module] if node.module else base)
            else:
                stem = node.module or ""
            # "from framing.corpus import _dates" imports the module framing.corpus._dates,
            # not the package framing.corpus; "from framing.x import f" imports framing.x.
            names = [
                f"{stem}.{alias.name}" if f"{stem}.{alias.name}" in modules else stem
                for alias in node.names
            ]
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != me:
                found.add(name)
    return found


def graph() -> dict[str, set[str]]:
    files = sorted(PACKAGE.rglob("*.py"))
    # Compiled modules (framing/_kernel.c) are imported like the others; they import
    # nothing of the package.
    compiled = {module_name(path) for path in PACKAGE.rglob("*.c")}
    modules = {module_name(path) for path in files} | compiled
    return {module_name(path): imports_of(path, modules) for path in files}


def box(module: str) -> str:
    for prefix in COLLAPSED:
        if module == prefix or module.startswith(prefix + "."):
            return prefix
    return module


def layer(module: str) -> int:
    best, rank = -1, -1
    for number, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), number
    return rank


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def problems(edges: dict[str, set[str]]) -> list[str]:
    out = []
    for component in cycles(edges):
        out.append(f"import cycle: {' <-> '.join(component)}")
    for source, targets in sorted(edges.items()):
        for target in sorted(targets):
            if source.startswith("framing.corpus") and target.startswith("framing.lexicon"):
                out.append(f"{source} imports {target}: corpus and lexicon are independent")
            if source.startswith("framing.lexicon") and target.startswith("framing.corpus"):
                out.append(f"{source} imports {target}: corpus and lexicon are independent")
            if target.startswith("framing.plot") and not (
                source.startswith("framing.plot")
                or source in ("framing.cli", "framing._figures_job")
            ):
                out.append(f"{source} imports {target}: only notebooks and the CLI use plot")
            if source == "framing" or source.startswith("framing.plot"):
                continue
            if layer(target) > layer(source) >= 0:
                out.append(
                    f"{source} ({LAYERS[layer(source)][0]}) imports {target} "
                    f"({LAYERS[layer(target)][0]}): arrows point down the layers"
                )
    for path in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.c")]):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            out.append(f"{path.relative_to(ROOT)} is longer than {MAX_LINES} lines")
    return out


def mermaid(edges: dict[str, set[str]]) -> str:
    boxes: dict[str, set[str]] = defaultdict(set)
    for source, targets in edges.items():
        if source == "framing":  # the package __init__ re-exports everything
            continue
        boxes[box(source)]
        for target in targets:
            if box(target) != box(source) and target != "framing":
                boxes[box(source)].add(box(target))
    lines = ["```mermaid", "flowchart BT"]
    for number, (title, _) in enumerate(LAYERS):
        members = sorted(b for b in boxes if layer(b) == number)
        if not members:
            continue
        lines.append(f'  subgraph L{number}["{title}"]')
        lines += [f'    {b.replace(".", "_")}["{b.removeprefix("framing.")}"]' for b in members]
        lines.append("  end")
    for source in sorted(boxes):
        for target in sorted(boxes[source]):
            lines.append(f"  {source.replace('.', '_')} --> {target.replace('.', '_')}")
    lines.append("```")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the docs' graph")
    parser.add_argument("--check", action="store_true", help="fail if stale or a rule breaks")
    args = parser.parse_args(argv)
    edges = graph()
    drawn = mermaid(edges)
    found = problems(edges)
    text = DOC.read_text(encoding="utf-8")
    if START not in text or END not in text:
        found.append(f"{DOC.relative_to(ROOT)} has no {START} ... {END} block")
        current = None
    else:
        head, _, rest = text.partition(START)
        current, _, tail = rest.partition(END)
        if args.write:
            DOC.write_text(f"{head}{START}\n{drawn}\n{END}{tail}", encoding="utf-8")
            current = f"\n{drawn}\n"
    if current is not None and current.strip() != drawn.strip():
        found.append(f"the graph in {DOC.relative_to(ROOT)} is stale: run {__file__} --write")
    if not (args.write or args.check):
        print(drawn)
    for problem in found:
        print(problem, file=sys.stderr)
    return 1 if (found and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
