"""Read article corpora from files into the corpus table, one row per document.

One function, :func:`read_corpus`, reads every supported format; :func:`iter_corpus`
reads the same in chunks of bounded size; :func:`write_corpus` saves a corpus to Parquet
so that ``read_corpus`` gives it back identical (dtypes, values, ``attrs``).

Formats, told apart by extension and content or named with ``format=``:

==========  ===================================================================
``dump``    the scraped-page dump (``framing.corpus.dumps``); ``.txt`` files whose
            first line is `` date YYYY-MM-DD URL``
``csv``     comma-separated (``;`` or tab when the header uses them); ``tsv``: tab
``jsonl``   JSON Lines, one object a line (``.jsonl``, ``.ndjson``)
``json``    a JSON array of objects (``.json``)
``parquet`` Parquet (``.parquet``); files written by ``write_corpus`` come back as written
``excel``   the first sheet of an ``.xlsx`` workbook (cached values; formulas never run)
``text``    plain ``.txt``: one document a file, title = first line
``html``    a saved web page: ``<title>``, ``og:``/``article:`` meta tags, JSON-LD
            ``NewsArticle``; body extracted with trafilatura, offline
==========  ===================================================================

Records are named in messages and in the ``source`` column as ``line N`` (text formats;
the line where a CSV record ends), ``row N`` (Excel: the sheet's row number; Parquet:
the data row, counting from 1) or ``item N`` (JSON arrays, counting from 1).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence

import pandas as pd

from framing.corpus._report import Collector

# Importing each format module registers its reader (see _registry).
from framing.corpus.readers import delimited, dump, excel, html, jsonfiles, parquet, text  # noqa: F401
from framing.corpus.readers._pipeline import assemble_corpus, call_parameters, read_chunks
from framing.corpus.readers._registry import FORMATS
from framing.corpus.readers._sources import DEFAULT_CHUNK, check_options
from framing.corpus.readers.parquet import write_corpus

__all__ = ["FORMATS", "iter_corpus", "read_corpus", "write_corpus"]


def read_corpus(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    format: str | None = None,
    columns: Mapping[str, str] | None = None,
    outlet: str | None = None,
    errors: str = "raise",
    repair: bool = True,
) -> pd.DataFrame:
    """Read article files into one corpus table, one row per document.

    Parameters
    ----------
    source : path, glob, folder, or a list of these
        What to read. A folder is read recursively: hidden files are skipped, and files
        in no supported format or named like a folder's documentation (README, LICENSE,
        SOURCE, MANIFEST, CITATION, ... whatever the extension) are listed in the load
        report's ``ignored_files`` instead of being read.
    format : str, optional
        One of ``"dump"``, ``"csv"``, ``"tsv"``, ``"jsonl"``, ``"json"``, ``"parquet"``,
        ``"excel"``, ``"text"``, ``"html"``. By default told from each file's extension
        and content.
    columns : dict, optional
        Corpus column -> source column, e.g. ``{"title": "headlines", "text": "articles"}``.
        Columns not named are found by their usual names (headline(s)/title;
        body/text/content/article(s); date/published/pubdate/datetime; url/link/src;
        outlet/site/source/domain; id; author; section; language; tags/keywords). A
        web-scraper export's ``title_name`` and ``title_url`` (a link selection's text
        and target; also ``headline_``/``article_``/``story_``/``post_`` with
        ``_name``/``_text``/``_url``/``_href``) give the title and the URL when no
        column has a usual name for them.
    outlet : str, optional
        The outlet of every document read. By default it comes from metadata (a dump's
        publisher line, an outlet or site column holding a name) or from the URL's
        domain through ``framing.corpus.outlets``; an unknown domain is the outlet itself.
        A document with neither (a plain .txt file, a table with no URL or outlet
        column) has no outlet (``<NA>``), counted in the load report's
        ``outlets_missing``: give ``outlet=`` for such files.
    errors : {"raise", "report"}
        ``"raise"`` stops at the first bad record with a :class:`CorpusError` naming the
        file, the record and what was expected. ``"report"`` skips bad records and lists
        each, with its reason, in the load report.
    repair : bool
        Repair titles, descriptions and texts with ``framing.corpus.clean.repair_text``
        (glued sentences, mojibake, HTML entities, white space). Default True.

    Returns
    -------
    pandas.DataFrame
        A corpus (see ``framing.corpus.schema``), with extra source columns after the
        corpus columns (strings, or lists where the cells hold lists), ``source_id``
        holding the given ids where the source had an id column, the load report in
        ``attrs["load_report"]`` (see :func:`framing.load_report`) and provenance in
        ``attrs["framing"]``.

    Raises
    ------
    CorpusError
        With ``errors="raise"``: an empty or binary file, a malformed row, a missing text
        and title column, a date in no readable form, ...; the message names the file and
        the record.

    Notes
    -----
    ``doc_id`` is the source's id where it has one, else a hash of the URL, else of
    outlet, title and date: the same files give the same ids on every run. A repeated
    id is made unique in reading order (``"a"``, ``"a#2"``); the original stays in
    ``source_id`` so that ``framing.deduplicate`` can find the repeats.

    Dates are read per ``framing.corpus._dates``: slashed dates are month first
    (``03/02/2022`` is 2 March); times without a zone are UTC. Where no date is given,
    a date in the URL (``/20220302/``) is used and ``date_source`` says ``"url"``.

    Examples
    --------
    >>> import framing, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_text(
    ...     "headline,body,link\\n"
    ...     "Talks resume,The talks went on.It rained.,"
    ...     "https://www.rt.com/news/20220302/talks/\\n")
    >>> corpus = framing.read_corpus(folder / "a.csv")
    >>> corpus[["outlet", "title", "text"]].iloc[0].tolist()
    ['RT', 'Talks resume', 'The talks went on. It rained.']
    >>> str(corpus["published"].iloc[0]), corpus["date_source"].iloc[0]
    ('2022-03-02 00:00:00+00:00', 'url')
    """
    options = check_options(format, columns, outlet, errors, repair)
    collector = Collector(options.errors)
    frames = list(read_chunks(source, options, collector, DEFAULT_CHUNK))
    restored = None
    if len(collector.sources) == 1 and options.outlet is None:
        # One file written by write_corpus: give it back as it was, attrs included.
        restored = collector.restorable.get(next(iter(collector.sources)))
    return assemble_corpus(frames, collector, call_parameters(source, options), restored)


def iter_corpus(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    chunksize: int = DEFAULT_CHUNK,
    *,
    format: str | None = None,
    columns: Mapping[str, str] | None = None,
    outlet: str | None = None,
    errors: str = "raise",
    repair: bool = True,
) -> Iterator[pd.DataFrame]:
    """Read a corpus in chunks of at most ``chunksize`` documents, in bounded memory.

    Takes the same options as :func:`read_corpus`. CSV, TSV, JSON Lines, dump files,
    Excel sheets and Parquet row groups are streamed; a JSON array is read whole (its
    syntax allows nothing else). A chunk never spans two files. Each chunk is a corpus
    whose ``attrs["load_report"]`` is the report so far; ``doc_id`` is unique across
    all chunks of one call. ``pd.concat`` of the chunks holds the same rows and values
    as ``read_corpus`` (with the default ``chunksize``, also the same columns).

    Examples
    --------
    >>> import framing, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> rows = "".join(f"Title {i},Text {i}\\n" for i in range(5))
    >>> _ = (folder / "a.csv").write_text("title,text\\n" + rows)
    >>> [len(chunk) for chunk in framing.iter_corpus(folder / "a.csv", chunksize=2)]
    [2, 2, 1]
    """
    options = check_options(format, columns, outlet, errors, repair, chunksize)
    collector = Collector(options.errors)
    parameters = call_parameters(source, options)
    for chunk in read_chunks(source, options, collector, chunksize):
        yield assemble_corpus([chunk], collector, parameters)
