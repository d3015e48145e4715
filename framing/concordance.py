"""Keyword in context: each hit with the words around it, to read what was counted.

:func:`kwic` returns a :class:`KwicTable`, a pandas DataFrame that a notebook shows as
an HTML table with the matched words highlighted, and a console prints as aligned
``left | match | right`` lines. It is an ordinary DataFrame in every other way: filter
it, sort it, save it.
"""

from __future__ import annotations

import html
import re
import shutil
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from framing._checks import check_whole, renamed
from framing._engines import dask_implementation
from framing.provenance import stamp
from framing.tables import HITS_SPAN, validate_hits
from framing.tables import KWIC_COLUMNS as KWIC_COLUMNS  # its home is framing.tables

_TOKEN = re.compile(r"\S+")
_SPACES = re.compile(r"\s+")
# Characters of context read per word of window (words are rarely longer).
_CHARACTERS_PER_WORD = 80


class KwicTable(pd.DataFrame):
    """A DataFrame of hits in context that displays as a highlighted HTML table."""

    _metadata: ClassVar[list[str]] = []

    @property
    def _constructor(self) -> type[KwicTable]:
        return KwicTable

    def _repr_html_(self) -> str | None:
        if not {"left", "match", "right"} <= set(self.columns):
            return super()._repr_html_()
        return _html(self)

    def __repr__(self) -> str:
        if not {"left", "match", "right"} <= set(self.columns):
            return super().__repr__()
        return to_text(self)

    def __str__(self) -> str:
        return self.__repr__()


def to_text(table: pd.DataFrame, width: int | None = None, max_rows: int | None = None) -> str:
    """The KWIC table as plain text: one line a hit, ``left | match | right`` aligned.

    The left context is right-aligned and cut from its start, the right context cut at
    its end (``…`` marks a cut), so every match sits in one column. Each line starts
    with the document id, the outlet and the date, and ends with the voice. ``width``
    defaults to the terminal's (or pandas' ``display.width``); at most ``max_rows``
    lines (default pandas' ``display.max_rows``) are shown, and a last line says how
    many hits there are.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["RT", "BBC"],
    ...     "published": pd.to_datetime(["2022-03-01", "2022-03-02"]),
    ...     "left": ["Officials in ", "the mayor of "], "match": ["Kiev", "Kyiv"],
    ...     "right": [" said on Tuesday", " spoke"], "voice": ["own", "quoted"]})
    >>> print(to_text(table, width=80))
    doc_id  outlet  published               left | match | right             voice
    a       RT      2022-03-01      Officials in | Kiev  | said on Tuesday   own
    b       BBC     2022-03-02      the mayor of | Kyiv  | spoke             quoted
    2 hits
    """
    if width is None:
        width = pd.get_option("display.width") or 100
        width = max(width, shutil.get_terminal_size((width, 20)).columns)
    limit = max_rows if max_rows is not None else (pd.get_option("display.max_rows") or 60)
    shown = table.head(limit) if len(table) > limit else table
    text = {
        "doc_id": [_plain(v) for v in _column(shown, "doc_id")],
        "outlet": [_plain(v) for v in _column(shown, "outlet")],
        "published": [_plain(v) for v in _column(shown, "published")],
        "voice": [_plain(v) for v in _column(shown, "voice")],
    }
    sizes = {name: max([len(name), *map(len, values)]) for name, values in text.items()}
    matches = [_plain(v) for v in shown["match"]]
    match_size = max([len("match"), *map(len, matches)])
    fixed = sum(sizes[name] + 2 for name in ("doc_id", "outlet", "published"))
    fixed += match_size + 6 + sizes["voice"] + 2
    side = max(12, (width - fixed) // 2)
    lines = [
        f"{'doc_id':<{sizes['doc_id']}}  {'outlet':<{sizes['outlet']}}  "
        f"{'published':<{sizes['published']}}  {'left':>{side}} | {'match':<{match_size}} | "
        f"{'right':<{side}}  voice".rstrip()
    ]
    for row in range(len(shown)):
        left = " ".join(_plain(shown["left"].iloc[row]).split())
        right = " ".join(_plain(shown["right"].iloc[row]).split())
        if len(left) > side:
            left = "…" + left[-(side - 1) :]
        if len(right) > side:
            right = right[: side - 1] + "…"
        lines.append(
            f"{text['doc_id'][row]:<{sizes['doc_id']}}  {text['outlet'][row]:<{sizes['outlet']}}  "
            f"{text['published'][row]:<{sizes['published']}}  {left:>{side}} | "
            f"{matches[row]:<{match_size}} | {right:<{side}}  {text['voice'][row]}".rstrip()
        )
    count = f"{len(table)} hit{'' if len(table) == 1 else 's'}"
    lines.append(count if len(shown) == len(table) else f"{len(shown)} of {count} shown")
    return "\n".join(lines)


def _column(table: pd.DataFrame, name: str) -> list[Any]:
    return table[name].tolist() if name in table.columns else [""] * len(table)


def _plain(value: Any) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


@renamed("kwic", sample="n")
def kwic(
    hits: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    window: int = 10,
    n: int | None = None,
    seed: int = 0,
) -> KwicTable:
    """Show each hit with ``window`` words of context on either side.

    Parameters
    ----------
    hits : pandas.DataFrame or dask.dataframe.DataFrame
        A hits table from :func:`framing.match` (or a filtered part of it).
    corpus : pandas.DataFrame or dask.dataframe.DataFrame
        The corpus the hits were found in. From a dask corpus only the documents of the
        hits shown are read (``framing.distributed.concordance``).
    window : int
        Words of context on each side. Default 10.
    n : int, optional
        Show a random sample of this many hits (in hits order), e.g. to check
        precision by hand. Default: every hit.
    seed : int
        Seed of the sample, so that the same call shows the same hits.

    Returns
    -------
    KwicTable
        ``doc_id, outlet, published, field, start, end, left, match, right, term,
        concept, variant, voice, speaker`` (the hit's voice and who speaks, from
        :func:`framing.match`, so that a reader can check them). ``left + match +
        right`` is the passage with runs of whitespace shown as one space; ``match`` is
        exactly ``corpus[field][start:end]``. In a notebook it shows as an HTML table
        with the match highlighted.

    Raises
    ------
    ValueError
        If a hit's offsets do not fit its document in ``corpus`` (the hits come from
        another corpus), or a parameter is out of range.

    Examples
    --------
    >>> import pandas as pd
    >>> import framing
    >>> corpus = framing.as_corpus(pd.DataFrame({"doc_id": ["a"], "outlet": ["X"],
    ...     "published": ["2022-03-01"], "title": [""],
    ...     "text": ["Officials in Kiev said on Tuesday that talks would resume."]}))
    >>> lexicon = framing.Lexicon.from_dataframe(pd.DataFrame({
    ...     "concept": ["capital"], "variant": ["russian"], "term": ["Kiev"]}), name="demo")
    >>> table = kwic(framing.match(corpus, lexicon), corpus, window=3)
    >>> table[["left", "match", "right"]].iloc[0].tolist()
    ['Officials in ', 'Kiev', ' said on Tuesday']
    """
    distributed = dask_implementation("kwic", hits, corpus)
    if distributed is not None:
        return distributed(hits, corpus, window=window, n=n, seed=seed)
    window = check_whole(window, parameter="window", function="kwic", minimum=0)
    n = check_whole(n, parameter="n", function="kwic", minimum=1, allow_none=True)
    validate_hits(hits, require=HITS_SPAN)
    chosen = hits.reset_index(drop=True)
    if n is not None and n < len(chosen):
        rows = np.sort(np.random.default_rng(seed).choice(len(chosen), size=n, replace=False))
        chosen = chosen.iloc[rows].reset_index(drop=True)
    position = pd.Series(np.arange(len(corpus)), index=corpus["doc_id"].astype(object))
    unknown = ~chosen["doc_id"].astype(object).isin(position.index)
    if unknown.any():
        raise ValueError(
            f"The hits name doc_id {chosen['doc_id'][unknown].iloc[0]!r}, which is not in the "
            "corpus; pass the corpus the hits were found in."
        )
    rows = position.loc[chosen["doc_id"].astype(object)].to_numpy()
    lefts, matches, rights = [], [], []
    for row, field, start, end, matched in zip(
        rows.tolist(),
        chosen["field"].tolist(),
        chosen["start"].tolist(),
        chosen["end"].tolist(),
        chosen["matched"].tolist(),
        strict=True,
    ):
        text = corpus[field].iat[row]
        if not isinstance(text, str) or text[start:end] != matched:
            raise ValueError(
                f"The hit {matched!r} at {field}[{start}:{end}] of document "
                f"{corpus['doc_id'].iat[row]!r} does not fit the corpus text; pass the corpus "
                "the hits were found in."
            )
        left, right = _context(text, start, end, window)
        lefts.append(left)
        matches.append(matched)
        rights.append(right)
    table = pd.DataFrame(
        {
            "doc_id": pd.array(chosen["doc_id"], dtype="string"),
            "outlet": _from_corpus(corpus, "outlet", rows),
            "published": _from_corpus(corpus, "published", rows),
            "field": pd.array(chosen["field"], dtype="string"),
            "start": chosen["start"].astype("int64"),
            "end": chosen["end"].astype("int64"),
            "left": pd.array(lefts, dtype="string"),
            "match": pd.array(matches, dtype="string"),
            "right": pd.array(rights, dtype="string"),
        }
    )
    for column in ("term", "concept", "variant", "voice", "speaker"):
        values = chosen[column] if column in chosen else pd.Series(pd.NA, index=chosen.index)
        table[column] = pd.array(values, dtype="string")
    result = KwicTable(table)
    stamp(
        result,
        function="kwic",
        inherit=hits,
        parameters={"window": window, "n": n, "seed": seed},
    )
    return result


def _from_corpus(corpus: pd.DataFrame, column: str, rows: np.ndarray) -> Any:
    if column not in corpus:
        return pd.array([pd.NA] * len(rows), dtype="string")
    return corpus[column].take(rows).reset_index(drop=True)


def _context(text: str, start: int, end: int, window: int) -> tuple[str, str]:
    """``window`` whitespace-separated words either side, whitespace runs as one space."""
    if window == 0:
        return "", ""
    reach = window * _CHARACTERS_PER_WORD
    starts = [found.start() for found in _TOKEN.finditer(text, max(0, start - reach), start)]
    # A token glued to the match ("pro-" of "pro-Kiev") is not one of the window's words.
    wanted = window + (1 if start > 0 and not text[start - 1].isspace() else 0)
    cut = starts[-wanted] if len(starts) >= wanted else (starts[0] if starts else start)
    ends = [found.end() for found in _TOKEN.finditer(text, end, end + reach)]
    wanted = window + (1 if end < len(text) and not text[end].isspace() else 0)
    stop = ends[wanted - 1] if len(ends) >= wanted else (ends[-1] if ends else end)
    return _SPACES.sub(" ", text[cut:start]), _SPACES.sub(" ", text[end:stop])


def _html(table: pd.DataFrame) -> str:
    limit = pd.get_option("display.max_rows") or len(table)
    shown = table.head(limit)
    columns = [c for c in ("doc_id", "outlet", "published") if c in shown]
    tail = [c for c in ("voice", "term", "speaker", "concept", "variant") if c in shown]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    head += (
        '<th style="text-align:right">left</th><th>match</th><th style="text-align:left">right</th>'
    )
    head += "".join(f"<th>{html.escape(c)}</th>" for c in tail)
    body = []
    # Ids, outlets, dates, voices and terms never wrap: a date broken over two lines
    # is hard to read and makes every row taller.
    nowrap = '<td style="white-space:nowrap">'
    for record in shown.to_dict("records"):
        cells = "".join(f"{nowrap}{_cell(record[c])}</td>" for c in columns)
        cells += (
            f'<td style="text-align:right;white-space:nowrap">{_cell(record["left"])}</td>'
            f'<td style="white-space:nowrap"><mark><b>{_cell(record["match"])}</b></mark></td>'
            f'<td style="text-align:left;white-space:nowrap">{_cell(record["right"])}</td>'
        )
        cells += "".join(f"{nowrap}{_cell(record[c])}</td>" for c in tail)
        body.append(f"<tr>{cells}</tr>")
    note = (
        f"<p>{len(shown)} of {len(table)} hits shown (pandas display.max_rows).</p>"
        if len(shown) < len(table)
        else f"<p>{len(table)} hits</p>"
    )
    return (
        f'<table class="framing-kwic"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>{note}"
    )


def _cell(value: Any) -> str:
    return html.escape(_plain(value))
