"""The prose of one article: sentence templates filled with one outlet's words.

:class:`Prose` picks an article's spelling of the capital and the place names, fills the
templates of :mod:`words` (``templates.yaml``) slot by slot, and puts a headline and
80–200 words of paragraphs together. Every choice is drawn from the generator it is given,
in a fixed order: change the order and the committed sample changes.
"""

from __future__ import annotations

import itertools
import random
import re
from datetime import UTC, datetime
from typing import Any

from . import words

#: The day the stories turn from "before" to "after" (sentences, topics, war vocabulary).
INVASION = datetime(2022, 2, 24, tzinfo=UTC)


def _share(table: dict[str, list[list[Any]]], outlet: str, when: datetime) -> float:
    """The share an outlet has at ``when`` in a table of [[year, month], share] knots
    keyed by outlet name or else by kind: linear between knots, flat outside them."""
    kind = str(words.OUTLETS[outlet]["kind"])
    knots = table.get(outlet) or table[kind]
    t = when.year * 12 + when.month - 1 + (when.day - 1) / 31
    points = [(year * 12 + month - 1, share) for (year, month), share in knots]
    if t <= points[0][0]:
        return points[0][1]
    for (t0, s0), (t1, s1) in itertools.pairwise(points):
        if t <= t1:
            return s0 + (s1 - s0) * (t - t0) / (t1 - t0)
    return points[-1][1]


class Prose:
    """Fills sentence templates with one outlet's words for one article."""

    def __init__(self, rng: random.Random, outlet: str, when: datetime) -> None:
        self.rng = rng
        self.kind = str(words.OUTLETS[outlet]["kind"])
        self.after = when >= INVASION
        kyiv = rng.random() < _share(words.KYIV_SHARE, outlet, when)
        self.capital = "Kyiv" if kyiv else "Kiev"
        # An outlet that writes "Kyiv" also writes the Ukrainian place names.
        self.places = [pair[1] if kyiv else pair[0] for pair in words.PLACES]
        self.place = rng.choice(self.places)
        self.slots = words.WORDS[self.kind]
        # The Ukrainian outlet uses slurs in some stories only.
        self.harsh = self.kind == "ukrainian" and self.after and rng.random() < 0.3
        # No outlet names the war one way only: after the invasion, some stories carry a
        # sentence with the other side's name for it (templates.yaml, crossover_share).
        self.crossover = self.after and rng.random() < _share(words.CROSSOVER_SHARE, outlet, when)

    def fill(self, template: str) -> str:
        rng = self.rng

        def slot(match: re.Match[str]) -> str:
            name = match.group(1)
            capitalise = name.endswith("_cap")
            base = name.removesuffix("_cap")
            if base == "capital":
                value = self.capital
            elif base == "capital_pos":
                value = f"{self.capital}'s"
            elif base == "place":
                value = self.place
            elif base == "number":
                value = str(rng.choice([3, 5, 7, 12, 18, 24, 40, 65, 120, 300, 1200]))
            elif base == "thousands":
                value = str(rng.choice([60, 90, 100, 110, 127, 150]))
            elif base == "weekday":
                value = rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])
            elif base == "ordinal":
                value = rng.choice(["Second", "Third", "Fourth", "Fifth"])
            elif base == "harsh":
                value = rng.choice(words.HARSH_WORDS) if self.harsh else "the occupiers"
            else:
                value = rng.choice(self.slots[base])
            value = value.replace("{capital}", self.capital)
            return value[0].upper() + value[1:] if capitalise else value

        return re.sub(r"\{(\w+)\}", slot, template)

    def headline(self, topic: str) -> str:
        table = words.HEADLINES[self.kind]
        line = self.rng.choice(table[topic])
        line = line.replace("Kiev", self.capital).replace("Odessa", self.places[2])
        return self.fill(line)

    def paragraphs(self, topic: str) -> list[str]:
        rng = self.rng
        pool = words.SENTENCES[f"{self.kind}:{'after' if self.after else 'before'}"]
        topical = rng.sample(pool[topic], len(pool[topic]))
        # Quoted terms ("what Moscow calls ...") come up in some stories, not in most.
        general = [t for t in pool["any"] if '"' not in t]
        general = rng.sample(general, len(general))
        quotes = [t for t in pool["any"] if '"' in t]
        if quotes and rng.random() < 0.3:
            general.insert(rng.randrange(3), rng.choice(quotes))
        if self.crossover:
            general.insert(rng.randrange(2), rng.choice(pool["crossover"]))
        details = self._details(4)
        if rng.random() < 0.04:
            details.insert(1, rng.choice(words.HISTORY))
        target = rng.randint(80, 200)
        order = [
            *topical[1:3],
            *general[:2],
            *details[:2],
            *topical[3:],
            *general[2:],
            *details[2:],
        ]
        sentences: list[str] = [self.fill(topical[0])]
        for template in order:
            sentence = self.fill(template)
            count = sum(len(s.split()) for s in sentences)
            if count >= target or count + len(sentence.split()) > 200:
                break
            sentences.append(sentence)
        extra = iter(self._details(10))
        while sum(len(s.split()) for s in sentences) < 80:
            sentences.append(self.fill(next(extra)))
        cuts = sorted(
            rng.sample(range(1, len(sentences)), min(len(sentences) - 1, rng.randint(1, 3)))
        )
        bounds = [0, *cuts, len(sentences)]
        return [" ".join(sentences[a:b]) for a, b in itertools.pairwise(bounds)]

    def _details(self, count: int) -> list[str]:
        """Sentences built from many small parts, so that no two stories read alike."""
        rng = self.rng

        def person() -> str:
            return f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"

        def street() -> str:
            return f"{rng.choice(words.STREETS)} Street"

        def when() -> str:
            time = rng.choice(["early on", "late on", "on", "around noon on"])
            return f"{time} {rng.choice(words.DAYS)}"

        number = rng.randint(2, 90)
        shapes = [
            f"{person()}, a {rng.randint(19, 83)}-year-old {rng.choice(words.JOBS)}, said the queues for bread had grown longer.",  # noqa: E501
            f"{person()}, {rng.randint(19, 83)}, a {rng.choice(words.JOBS)}, said the family had not slept properly for {number} nights.",  # noqa: E501
            f"On {street()}, {rng.randint(2, 90)} windows were broken and a {rng.choice(words.OBJECTS)} was damaged.",  # noqa: E501
            f"The {rng.choice(words.OBJECTS)} near {street()} was closed {when()}.",
            f"A {rng.choice(words.JOBS)} named {person()} said prices in the local market had risen by {rng.randint(2, 90)} per cent.",  # noqa: E501
            f"Officials said {rng.randint(2, 90)} families had asked for help {when()}.",
            f"{person()}, who works as a {rng.choice(words.JOBS)}, said the power had been cut for {rng.randint(2, 90)} hours.",  # noqa: E501
            f"The {rng.choice(words.OBJECTS)} on {street()} reopened after {rng.randint(2, 90)} days.",  # noqa: E501
            f"Queues formed outside the {rng.choice(words.OBJECTS)} {when()}, {person()} said.",
            f"Local radio reported that {rng.randint(2, 90)} buses left {self.place} {when()}.",
            f"{person()} said the {rng.choice(words.OBJECTS)} had run out of {rng.choice(words.GOODS)} {when()}.",  # noqa: E501
            f"Volunteers handed out {rng.choice(words.GOODS)} outside the {rng.choice(words.OBJECTS)} on {street()}.",  # noqa: E501
        ]
        return rng.sample(shapes, count)
