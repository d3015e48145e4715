"""The audit of a lexicon's sense rules: what each rule removed, per group and variant.

A lexicon's sense rules (exclusions and conditions, ``docs/lexicons.md``) remove hits;
:func:`audit_rules` says which and how many, so that a methods section can report it::

    audit = framing.audit_rules(corpus, lexicon, by="outlet")
    audit.table(level="term")   # per outlet and term: hits without rules, removed, hits
    audit.by_rule()             # per outlet, variant and rule: removed, share moved
    audit.removed               # the removed hits themselves, with their rule

The hits without rules are exactly what ``match(..., rules=False)`` finds; the counted
hits exactly what ``match(...)`` finds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import pandas as pd

from framing._engine import SHIFTED
from framing._match_work import _compile, _match_frame
from framing._match_worker import ADDED
from framing.lexicon.model import Lexicon
from framing.matching import _as_names, match
from framing.provenance import stamp
from framing.senses import compile_rules

#: The kinds of rule an audit names.
RULE_KINDS: tuple[str, ...] = ("exclusion", "unless_near", "if_near", "shifted")

#: The columns of :meth:`RuleAudit.table` after the group and lexicon columns.
AUDIT_COLUMNS: tuple[str, ...] = (
    "hits_without_rules",
    "removed_by_exclusions",
    "removed_by_conditions",
    "added",
    "hits",
    "share_without_rules",
    "share",
)


@dataclass(frozen=True)
class RuleAudit:
    """What a lexicon's sense rules removed from the hits of a corpus.

    Attributes
    ----------
    hits : pandas.DataFrame
        The counted hits: what :func:`framing.match` returns.
    removed : pandas.DataFrame
        The hits the rules removed: the hits table's columns, then ``rule_kind``
        (``exclusion``, ``unless_near``, ``if_near`` or ``shifted``: a hit that lost its
        words to one an exclusion let through) and ``rule`` (the exclusion's phrase or
        the condition in words).
    added : pandas.DataFrame
        Hits counted only because an exclusion removed a longer hit over their words
        (rare; usually empty). Hits without rules = ``hits`` - ``added`` + ``removed``.
    rules : pandas.DataFrame
        Every rule of the lexicon (see :class:`framing.senses.CompiledRules`).
    by : tuple of str
        The default groups of :meth:`table` and :meth:`by_rule`.
    """

    hits: pd.DataFrame
    removed: pd.DataFrame
    added: pd.DataFrame
    rules: pd.DataFrame
    by: tuple[str, ...]

    def table(self, by: str | Sequence[str] | None = None, level: str = "variant") -> pd.DataFrame:
        """Per group, concept and variant (or term): how the rules moved count and share.

        Parameters
        ----------
        by : str or sequence of str, optional
            Columns of the hits to group by (default: the audit's ``by``).
        level : {"variant", "term"}
            One row per variant, or per term.

        Returns
        -------
        pandas.DataFrame
            The group columns, ``concept, variant`` (and ``term``), then
            ``hits_without_rules`` (what ``match(..., rules=False)`` counts),
            ``removed_by_exclusions``, ``removed_by_conditions``, ``added``, ``hits``
            (what ``match`` counts), and the share of the concept's hits in the group
            that the row has without rules and with them (``share_without_rules``,
            ``share``).
        """
        keys = self._keys(by, level)
        kinds = self.removed["rule_kind"]
        counts = {
            "hits": _count(self.hits, keys),
            "removed_by_exclusions": _count(
                self.removed[kinds.isin(["exclusion", "shifted"])], keys
            ),
            "removed_by_conditions": _count(
                self.removed[kinds.isin(["if_near", "unless_near"])], keys
            ),
            "added": _count(self.added, keys),
        }
        table = pd.concat(counts, axis=1).fillna(0).astype("int64")
        table["hits_without_rules"] = (
            table["hits"]
            - table["added"]
            + table["removed_by_exclusions"]
            + table["removed_by_conditions"]
        )
        groups = [*keys[: keys.index("concept")], "concept"]
        for column, total in (("share_without_rules", "hits_without_rules"), ("share", "hits")):
            concept_total = table.groupby(level=groups)[total].transform("sum")
            table[column] = (table[total] / concept_total.where(concept_total > 0)).astype(
                "float64"
            )
        table = table[list(AUDIT_COLUMNS)].sort_index().reset_index()
        return _tidy(table, keys, self)

    def by_rule(
        self, by: str | Sequence[str] | None = None, level: str = "variant"
    ) -> pd.DataFrame:
        """Per group, concept, variant (or term) and rule: what that rule removed.

        Returns
        -------
        pandas.DataFrame
            The group columns, ``concept, variant`` (and ``term``), ``rule_kind, rule``,
            then ``removed`` (hits the rule removed), ``hits_without_rules`` of the row,
            ``removed_share`` (removed / hits_without_rules), ``share`` (the row's share
            of the concept's hits in the group, all rules applied) and
            ``share_without_rule`` (the same share had this one rule not been applied:
            its removed hits put back in the row and in the concept).
        """
        keys = self._keys(by, level)
        groups = [*keys[: keys.index("concept")], "concept"]
        overall = self.table(by=keys[: keys.index("concept")], level=level).set_index(keys)
        if self.removed.empty:
            columns = [*keys, "rule_kind", "rule", "removed", "hits_without_rules"]
            columns += ["removed_share", "share", "share_without_rule"]
            return pd.DataFrame(columns=columns)
        removed = (
            self.removed.groupby([*keys, "rule_kind", "rule"], observed=True, dropna=False)
            .size()
            .rename("removed")
            .reset_index()
        )
        concept_hits = overall.groupby(level=groups)["hits"].sum()
        concept_removed = (
            self.removed.groupby([*groups, "rule_kind", "rule"], observed=True, dropna=False)
            .size()
            .rename("concept_removed")
        )
        removed = removed.join(overall[["hits_without_rules", "hits", "share"]], on=keys)
        removed = removed.join(concept_hits.rename("concept_hits"), on=groups)
        removed = removed.join(concept_removed, on=[*groups, "rule_kind", "rule"])
        removed["removed_share"] = removed["removed"] / removed["hits_without_rules"]
        removed["share_without_rule"] = (removed["hits"] + removed["removed"]) / (
            removed["concept_hits"] + removed["concept_removed"]
        )
        columns = [*keys, "rule_kind", "rule", "removed", "hits_without_rules"]
        columns += ["removed_share", "share", "share_without_rule"]
        table = removed[columns].sort_values(
            [*keys, "removed"], ascending=[True] * len(keys) + [False]
        )
        return _tidy(table.reset_index(drop=True), keys, self)

    def _keys(self, by: str | Sequence[str] | None, level: str) -> list[str]:
        if level not in ("variant", "term"):
            raise ValueError(
                f"The 'level' parameter must be 'variant' or 'term'. Got {level!r} instead."
            )
        groups = list(self.by) if by is None else [by] if isinstance(by, str) else list(by)
        missing = [column for column in groups if column not in self.hits.columns]
        if missing:
            raise ValueError(
                f"The 'by' parameter names {missing}, which the hits do not have; pass them "
                "to audit_rules(by=...) so that they are joined from the corpus."
            )
        return [*groups, "concept", "variant", *(["term"] if level == "term" else [])]

    def summary(self) -> str:
        """One sentence per kind of rule, for all groups together."""
        without = len(self.hits) - len(self.added) + len(self.removed)
        kinds = self.removed["rule_kind"]
        by_exclusion = int(kinds.isin(["exclusion", "shifted"]).sum())
        by_condition = int(kinds.isin(["if_near", "unless_near"]).sum())
        return (
            f"Without rules {without:,} hits; exclusions removed {by_exclusion:,}, conditions "
            f"removed {by_condition:,}"
            + (f", {len(self.added):,} added" if len(self.added) else "")
            + f"; {len(self.hits):,} counted."
        )

    def __repr__(self) -> str:
        return f"<RuleAudit by {list(self.by)}: {self.summary()}>"

    def _repr_html_(self) -> str:
        return f"<p>{escape(self.summary())}</p>" + self.table().to_html(index=False)


def _count(hits: pd.DataFrame, keys: list[str]) -> pd.Series:
    if hits.empty:
        return pd.Series(dtype="int64", index=pd.MultiIndex.from_tuples([], names=keys))
    frame = hits[keys].astype(object).where(hits[keys].notna(), "<NA>")
    return frame.groupby(keys, sort=True).size()


def _tidy(table: pd.DataFrame, keys: list[str], audit: RuleAudit) -> pd.DataFrame:
    for column in keys:
        if column in audit.hits.columns and isinstance(audit.hits[column].dtype, pd.StringDtype):
            table[column] = table[column].astype("string").replace("<NA>", pd.NA)
    stamp(table, function="audit_rules", inherit=audit.hits, parameters={"by": keys})
    return table


def audit_rules(
    corpus: pd.DataFrame,
    lexicon: Lexicon,
    *,
    by: str | Sequence[str] = "outlet",
    fields: Sequence[str] | str = ("title", "text"),
    voice: bool = True,
    columns: Sequence[str] | str = (),
    workers: int | None = None,
    progress: bool | None = None,
) -> RuleAudit:
    """Match ``corpus`` and say what each sense rule of ``lexicon`` removed.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus table (``framing.read_corpus``).
    lexicon : framing.Lexicon
        A lexicon with sense rules (exclusions, conditions).
    by : str or sequence of str, default "outlet"
        The groups of the tables: corpus columns (joined onto the hits) or ``voice``.
        Add a period column to the corpus to group by period (e.g.
        ``corpus["quarter"] = corpus["published"].dt.to_period("Q").astype(str)``).
    fields, voice, columns, workers, progress
        As for :func:`framing.match`.

    Returns
    -------
    RuleAudit
        ``.table()``, ``.by_rule()``, ``.removed``, ``.hits``; shows its table in a
        notebook.

    Examples
    --------
    >>> import pandas as pd
    >>> import framing
    >>> from framing.lexicon.model import Exclusion
    >>> corpus = framing.as_corpus(pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"],
    ...     "published": [None, None], "title": ["", ""],
    ...     "text": ["After the Cold War came this war.", "The war goes on."]}))
    >>> plain = framing.Lexicon.from_dataframe(pd.DataFrame({
    ...     "concept": ["war_name"], "variant": ["war"], "term": ["war"]}), name="demo")
    >>> lexicon = framing.Lexicon(plain.name, plain.concepts,
    ...     exclusions=(Exclusion("Cold War"),))
    >>> audit = audit_rules(corpus, lexicon, by="outlet")
    >>> audit.table()[["outlet", "variant", "hits_without_rules", "removed_by_exclusions",
    ...     "hits"]]
      outlet variant  hits_without_rules  removed_by_exclusions  hits
    0      X     war                   2                      1     1
    1      Y     war                   1                      0     1
    >>> audit.removed[["doc_id", "matched", "rule_kind", "rule"]]
      doc_id matched  rule_kind      rule
    0      a     War  exclusion  Cold War
    """
    groups = _as_names(by, "by")
    columns = _as_names(columns, "columns")
    joined = tuple(dict.fromkeys([*columns, *(g for g in groups if g not in ("voice",))]))
    hits = match(
        corpus,
        lexicon,
        fields=fields,
        classify_voice=voice,
        columns=joined,
        workers=workers,
        progress=progress,
    )
    compiled = compile_rules(lexicon)
    terms = _compile(lexicon)
    changed = _match_frame(
        corpus,
        terms,
        _as_names(fields, "fields"),
        voice,
        joined,
        workers,
        progress,
        None,
        audit=True,
    )
    kinds = dict(zip(compiled.table["rule_id"], compiled.table["kind"], strict=True))
    labels = dict(zip(compiled.table["rule_id"], compiled.table["rule"], strict=True))
    kinds[SHIFTED] = "shifted"
    labels[SHIFTED] = "selection shifted by an exclusion"

    is_added = changed["rule"] == ADDED
    added = changed[is_added].drop(columns="rule").reset_index(drop=True)
    removed = changed[~is_added].reset_index(drop=True)
    position = removed.columns.get_loc("voice") + 1
    removed.insert(
        position,
        "rule_kind",
        pd.array([kinds[rule] for rule in removed["rule"]], dtype="string"),
    )
    rule_ids = removed.pop("rule")
    removed.insert(
        position + 1, "rule", pd.array([labels[rule] for rule in rule_ids], dtype="string")
    )
    for table in (removed, added):
        stamp(
            table,
            function="audit_rules",
            corpus=corpus,
            lexicon=lexicon,
            parameters={"by": list(groups), "fields": list(_as_names(fields, "fields"))},
        )
    return RuleAudit(hits=hits, removed=removed, added=added, rules=compiled.table, by=groups)
