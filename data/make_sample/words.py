"""The sample's vocabulary and sentence templates, loaded from ``templates.yaml``.

The YAML file holds every outlet, word list, headline and sentence; this module only
loads it under the names the generator uses, and makes the three tables that borrow from
others (as the file's comments say): the wire's headlines are the western ones without
"Liberate"; the regional outlet's headlines are the western ones, and its sentences are
the western ones, then the wire's, then its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_TEMPLATES: dict[str, Any] = yaml.safe_load(
    Path(__file__).with_name("templates.yaml").read_text(encoding="utf-8")
)

#: Outlets, in the order their articles are made: domain, kind, articles, authors, ...
OUTLETS: dict[str, dict[str, Any]] = _TEMPLATES["outlets"]
#: Share of documents that spell the capital "Kyiv", at [[year, month], share] knots.
KYIV_SHARE: dict[str, list[list[Any]]] = _TEMPLATES["kyiv_share"]
#: Share of articles after the invasion with one sentence that names the war the other
#: side's way, at [[year, month], share] knots.
CROSSOVER_SHARE: dict[str, list[list[Any]]] = _TEMPLATES["crossover_share"]
#: Place names: [Russian-derived spelling, Ukrainian spelling].
PLACES: list[list[str]] = _TEMPLATES["places"]
#: Slot words by outlet kind.
WORDS: dict[str, dict[str, list[str]]] = _TEMPLATES["words"]
HARSH_WORDS: list[str] = _TEMPLATES["harsh_words"]
TOPICS_BEFORE: list[str] = _TEMPLATES["topics_before"]
TOPICS_AFTER: list[str] = _TEMPLATES["topics_after"]
#: Headlines by outlet kind and topic.
HEADLINES: dict[str, dict[str, list[str]]] = _TEMPLATES["headlines"]
#: Body sentences by "kind:phase" and topic.
SENTENCES: dict[str, dict[str, list[str]]] = _TEMPLATES["sentences"]
HISTORY: list[str] = _TEMPLATES["history"]
REPRINT_NOTE: str = _TEMPLATES["reprint_note"]

# The parts of the detail sentences (prose.Prose._details).
DAYS: list[str] = _TEMPLATES["details"]["days"]
GOODS: list[str] = _TEMPLATES["details"]["goods"]
FIRST_NAMES: list[str] = _TEMPLATES["details"]["first_names"]
LAST_NAMES: list[str] = _TEMPLATES["details"]["last_names"]
JOBS: list[str] = _TEMPLATES["details"]["jobs"]
STREETS: list[str] = _TEMPLATES["details"]["streets"]
OBJECTS: list[str] = _TEMPLATES["details"]["objects"]

HEADLINES["wire"] = {
    topic: [h for h in lines if "Liberate" not in h]
    for topic, lines in HEADLINES["western"].items()
}
HEADLINES["regional"] = HEADLINES["western"]
for _phase in ("before", "after"):
    _own = SENTENCES.get(f"regional:{_phase}", {})
    _western = SENTENCES[f"western:{_phase}"]
    SENTENCES[f"regional:{_phase}"] = {
        topic: [
            *_western.get(topic, []),
            *SENTENCES[f"wire:{_phase}"].get(topic, []),
            *_own.get(topic, []),
        ]
        for topic in dict.fromkeys([*_western, *_own])
    }
