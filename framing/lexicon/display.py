"""How a lexicon shows itself in a notebook: its ``_repr_html_``."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from framing.lexicon.model import Lexicon


def lexicon_html(lexicon: Lexicon) -> str:
    """The HTML a notebook shows for ``lexicon``: its header, its summary table, its
    measured precision and its sources (everything escaped)."""
    # Everything shown comes from a file a stranger may have written: escape it.
    measured = lexicon.precision_range()
    rules = (
        f"<br>Sense rules: {len(lexicon.exclusions)} exclusions, "
        f"{len(lexicon.conditions)} conditions"
        if lexicon.has_rules
        else ""
    )
    header = (
        f"<p><b>Lexicon {escape(lexicon.name)}</b> v{escape(lexicon.version)} "
        f"({escape(lexicon.language)}): {len(lexicon.concepts)} concepts, "
        f"{sum(len(c.variants) for c in lexicon.concepts)} variants, {len(lexicon)} terms, "
        f"{len(lexicon.sources)} sources"
        + (f"<br>{escape(lexicon.description)}" if lexicon.description else "")
        + (f"<br>Licence: {escape(lexicon.licence)}" if lexicon.licence else "")
        + rules
        + (f"<br>Measured precision: {escape(measured)}" if measured else "")
        + "</p>"
    )
    sources = ""
    if lexicon.sources:
        items = "".join(
            f"<li><code>{escape(key)}</code>: {escape(value)}</li>"
            for key, value in lexicon.sources.items()
        )
        sources = f"<details><summary>Sources</summary><ul>{items}</ul></details>"
    precision = ""
    if lexicon.precision:
        table = lexicon.precision_table().to_html(index=False, escape=True, na_rep="")
        on = f"<p>{escape(lexicon.measured_on)}</p>" if lexicon.measured_on else ""
        precision = (
            f"<details open><summary>Measured precision (95% Wilson intervals)</summary>"
            f"{on}{table}</details>"
        )
    return header + lexicon.summary().to_html(index=False, escape=True) + precision + sources
