#!/usr/bin/env python3
"""Write the public API table of docs/architecture.md from the code, and check the glossary.

    python tools/api_table.py            # print the table and any problem
    python tools/api_table.py --write    # rewrite the table in docs/architecture.md
    python tools/api_table.py --check    # exit 1 if the table is stale or a parameter name
                                         # is missing from the glossary (the tests run it)

The table lists every public function (``framing.__all__``, ``framing.plot.__all__`` and
the fetchers of ``framing.datasets`` that the top level does not re-export) with its
parameters, their types and defaults, read with ``inspect``. The glossary
(the hand-written table under "## Parameter names" in docs/architecture.md, one row a
name) gives each parameter name its one meaning; every name a public function uses must
have a row there, so a name cannot quietly take a second meaning. Deprecated spellings
are not parameters of the signature (they are accepted through ``framing._checks``), so
they do not appear.
"""

from __future__ import annotations

import argparse
import inspect
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "architecture.md"
START = "<!-- api-table:start (made by tools/api_table.py --write; do not edit) -->"
END = "<!-- api-table:end -->"
GLOSSARY_HEADING = "## Parameter names"


def public_functions() -> list[tuple[str, object]]:
    sys.path.insert(0, str(ROOT))
    import framing
    import framing.datasets
    import framing.plot

    found = []
    top = {id(getattr(framing, name)) for name in framing.__all__}
    modules = (("framing", framing), ("framing.plot", framing.plot))
    for prefix, module in (*modules, ("framing.datasets", framing.datasets)):
        for name in sorted(module.__all__):
            item = getattr(module, name)
            if inspect.isfunction(item) and not (module is framing.datasets and id(item) in top):
                found.append((f"{prefix}.{name}", item))
    return found


def _annotation(parameter: inspect.Parameter) -> str:
    annotation = parameter.annotation
    if annotation is inspect.Parameter.empty:
        return ""
    text = annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)
    return text.replace("|", "\\|")


def _parameter(parameter: inspect.Parameter) -> str:
    text = f"`{parameter.name}`"
    annotation = _annotation(parameter)
    if annotation:
        text += f": {annotation}"
    if parameter.default is not inspect.Parameter.empty:
        text += f" = `{parameter.default!r}`".replace("|", "\\|")
    return text


def table() -> str:
    lines = [
        "| function | parameters (name: type = default; after `*` keyword-only) |",
        "|---|---|",
    ]
    for name, function in public_functions():
        signature = inspect.signature(function)
        parts = []
        star = False
        for parameter in signature.parameters.values():
            if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                parts.append(
                    ("*" if parameter.kind == parameter.VAR_POSITIONAL else "**") + parameter.name
                )
                continue
            if parameter.kind == parameter.KEYWORD_ONLY and not star:
                parts.append("*")
                star = True
            parts.append(_parameter(parameter))
        lines.append(f"| `{name}` | {', '.join(parts)} |")
    return "\n".join(lines)


def glossary(text: str) -> dict[str, str]:
    """Parameter name -> meaning, from the glossary table of the docs."""
    if GLOSSARY_HEADING not in text:
        return {}
    section = text.split(GLOSSARY_HEADING, 1)[1].split("\n## ", 1)[0]
    names: dict[str, str] = {}
    for line in section.splitlines():
        found = re.match(r"^\|\s*(`[^|]+`)\s*\|(.*)\|\s*$", line)
        if found:
            for name in re.findall(r"`([^`]+)`", found.group(1)):
                names[name] = found.group(2).strip()
    return names


def problems(text: str) -> list[str]:
    out = []
    meanings = glossary(text)
    if not meanings:
        out.append(f"{DOC.relative_to(ROOT)} has no glossary under {GLOSSARY_HEADING!r}")
    used: dict[str, list[str]] = {}
    for name, function in public_functions():
        for parameter in inspect.signature(function).parameters.values():
            if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                continue
            used.setdefault(parameter.name, []).append(name)
    for parameter, functions in sorted(used.items()):
        if meanings and parameter not in meanings:
            out.append(
                f"parameter {parameter!r} (of {', '.join(functions)}) has no row in the "
                f"glossary of {DOC.relative_to(ROOT)}: give it its one meaning there"
            )
    for parameter in sorted(set(meanings) - set(used)):
        out.append(f"the glossary names {parameter!r}, which no public function takes")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    drawn = table()
    text = DOC.read_text(encoding="utf-8")
    found = problems(text)
    if START not in text or END not in text:
        found.append(f"{DOC.relative_to(ROOT)} has no {START} ... {END} block")
    else:
        head, _, rest = text.partition(START)
        current, _, tail = rest.partition(END)
        if args.write:
            DOC.write_text(f"{head}{START}\n{drawn}\n{END}{tail}", encoding="utf-8")
        elif current.strip() != drawn.strip():
            found.append(
                f"the API table in {DOC.relative_to(ROOT)} is stale: run {__file__} --write"
            )
    if not (args.write or args.check):
        print(drawn)
    for problem in found:
        print(problem, file=sys.stderr)
    return 1 if (found and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
