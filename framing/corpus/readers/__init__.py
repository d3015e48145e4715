"""Read article corpora from files into the corpus table, one row per document.

One function, :func:`read_corpus`, reads every supported format; :func:`iter_corpus`
reads the same in chunks of bounded size; :func:`write_corpus` saves a corpus to Parquet
so that ``read_corpus`` gives it back identical (dtypes, values, ``attrs``);
:func:`as_corpus` makes a corpus of a pandas DataFrame, by the same steps as a file.

Formats, told apart by extension and content or named with ``format=``:

==========  ===================================================================
``dump``    the scraped-page dump (``framing.corpus.dumps``); ``.txt`` files whose
            first line is `` date YYYY-MM-DD URL``
``csv``     comma-separated (``;`` or tab when the header uses them); ``tsv``: tab
``jsonl``   JSON Lines, one object a line (``.jsonl``, ``.ndjson``)
``json``    a JSON array of objects (``.json``)
``parquet`` Parquet (``.parquet``); files written by ``write_corpus`` come back as written
``excel``   the first sheet of an ``.xlsx`` workbook (cached values; formulas never run)
``text``    plain ``.txt``: one document a file, title = first line, line breaks kept
``html``    a saved web page: ``<title>``, ``og:``/``article:`` meta tags, JSON-LD
            ``NewsArticle``; body extracted with trafilatura, offline
==========  ===================================================================

Exports, told apart by content whatever their extension (``docs/readers.md`` says which
fields and date formats each gives):

==============  ===============================================================
``nexis``       Nexis Uni / Lexis Advance ``.docx``/``.rtf``, LexisNexis Academic
                ``.TXT``, Nexis UK ``.html`` (``lexisnexis``)
``factiva``     Factiva ``.html`` in any interface language, ``.rtf`` and text
``integrum``    Integrum ``.html`` (windows-1251) and ``.xlsx``
``mediacloud``  Media Cloud story CSVs (legacy and current)
``telegram``    Telegram Desktop ``result.json`` (a chat, or a whole account)
``warc``        WARC, ARC and WET web archives, gzip-compressed or not
``feed``        RSS 0.9x/1.0/2.0 and Atom feeds
``word``        a ``.docx`` that is no export: one document (``rtf`` likewise)
==============  ===============================================================

Records are named in messages and in the ``source`` column as ``line N`` (text formats;
the line where a CSV record starts), ``row N`` (Excel: the sheet's row number; Parquet:
the data row, counting from 1; a DataFrame, named ``<DataFrame>``: the row's position,
counting from 0) or ``item N`` (JSON arrays, counting from 1).

The package holds one module per format family (``dump``, ``delimited``,
``jsonfiles``, ``excel``, ``parquet``, ``html``, ``text``), each registering its reader
in ``_registry`` (format name -> reader); ``_sources`` (options, files, format
detection, DataFrame sources), ``_columns`` (column aliases and mapping), ``_build``
(raw values -> corpus rows), ``_cells`` (cell values: text, lists, tags) and
``_pipeline`` (the read loop, the load report) are shared by all of them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence

import pandas as pd

from framing.corpus._report import Collector

# Importing each format module registers its reader (see _registry); the export formats
# (factiva, feeds, integrum, lexisnexis, mediacloud, telegram, webarchive, word) also
# register the content sniffers that tell their files apart from plain HTML, CSV, JSON.
from framing.corpus.readers import (  # noqa: F401
    delimited,
    dump,
    excel,
    factiva,
    feeds,
    html,
    integrum,
    jsonfiles,
    lexisnexis,
    mediacloud,
    parquet,
    telegram,
    text,
    webarchive,
    word,
)
from framing.corpus.readers._options import DEFAULT_CHUNK, Options, check_options, renamed_columns
from framing.corpus.readers._pipeline import assemble_corpus, call_parameters, read_chunks
from framing.corpus.readers._registry import FORMATS
from framing.corpus.readers.parquet import write_corpus

__all__ = ["FORMATS", "as_corpus", "iter_corpus", "read_corpus", "write_corpus"]

_Source = str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | pd.DataFrame


def read_corpus(
    source: _Source,
    *,
    format: str | None = None,
    rename: Mapping[str, str] | None = None,
    outlet: str | None = None,
    errors: str = "raise",
    repair: bool = True,
    columns: Mapping[str, str] | None = None,
    file_pattern: str | None = None,
    encoding: str | None = None,
) -> pd.DataFrame:
    """Read article files into one corpus table, one row per document.

    Parameters
    ----------
    source : path, glob, folder, a list of these, or a pandas DataFrame
        What to read. A folder is read recursively: hidden files are skipped, and files
        in no supported format or named like a folder's documentation (README, LICENSE,
        SOURCE, MANIFEST, CITATION, ... whatever the extension) are listed in the load
        report's ``ignored_files`` instead of being read. A DataFrame is read as a table
        file would be (see :func:`as_corpus`).
    format : str, optional
        One of ``"dump"``, ``"csv"``, ``"tsv"``, ``"jsonl"``, ``"json"``, ``"parquet"``,
        ``"excel"``, ``"text"``, ``"html"``, or an export: ``"nexis"``, ``"factiva"``,
        ``"integrum"``, ``"mediacloud"``, ``"telegram"``, ``"warc"``, ``"feed"``,
        ``"word"``, ``"rtf"``. By default told from each file's content and extension.
        None for a DataFrame.
    rename : dict, optional
        Corpus column -> source column, e.g. ``{"title": "headlines", "text": "articles"}``.
        Columns not named are found by their usual names (headline(s)/title;
        body/text/content/article(s); date/published/pubdate/datetime; url/link/src;
        outlet/site/source/domain; id; author; section; language; tags/keywords; and
        the Russian and Ukrainian names of Integrum-style exports: Заголовок/Название,
        Текст, Анонс/Лид (description), Дата, СМИ/Источник/Издание, Ссылка, Автор). A
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
    columns : dict, optional
        Deprecated: the former name of ``rename``. It still works, and warns
        (``FutureWarning``) once per call.
    file_pattern : str, optional
        A regular expression with named groups, searched in each file's name (relative
        to the folder read, ``/`` between folders, without the extension), whose groups
        become columns, as quanteda's ``readtext(docvarsfrom="filenames")``:
        ``r"(?P<outlet>[^_]+)_(?P<published>\\d{8})_"`` reads ``rt_20220302_kiev.txt``.
        Groups named ``outlet`` or ``published`` fill those columns where the file gives
        no value (``date_source`` then says ``"file"``); others become new string
        columns. A file whose name does not match gets missing values.
    encoding : str, optional
        The charset of the CSV, TSV and plain-text files read, e.g. ``"cp1251"``,
        ``"koi8_r"``, ``"cp866"``, ``"cp1252"`` (any Python codec that writes ASCII as
        ASCII; a UTF-8 byte-order mark still means UTF-8). By default such a file is
        read as UTF-8 when its first 256 KiB are UTF-8; when they are not, and they are
        surely Russian, Ukrainian or Belarusian text in windows-1251, KOI8-R, KOI8-U or
        DOS 866, in that charset; else as UTF-8, every line that is not UTF-8 reported
        (or raised) with its file and line. Western charsets (windows-1252, Latin-1) are
        never guessed: name them here. The load report's ``encoding`` column says how
        each file was read (``encoding_detected`` where guessed; see docs/reading.md).
        Other formats declare their charset (HTML, XML, exports) or are UTF-8 by
        their standard (JSON) and ignore it. None for a DataFrame.

    Returns
    -------
    pandas.DataFrame
        A corpus (see ``framing.corpus.schema``), with extra columns after the corpus
        columns: ``file``, the name of the file each document came from (relative to
        the folder read); the source's own other columns (strings, or lists where the
        cells hold lists; a name the corpus uses already is kept as ``original_<name>``);
        ``source_id`` holding the given ids where the source had an id column. The load
        report is in ``attrs["load_report"]`` (see :func:`framing.load_report`) and
        provenance in ``attrs["framing"]``.

    Raises
    ------
    CorpusError
        With ``errors="raise"``: an empty or binary file, a malformed row, a missing text
        and title column, a date in no readable form, a record over a limit of
        ``framing.limits``, ...; the message names the file and the record. (Anything
        a reader meets, an unreadable file or a library's parse error included, comes
        as a :class:`RecordError`, a CorpusError; with ``errors="report"`` nothing is
        raised for a file's content.)
    ValueError
        A parameter out of its range, or both ``rename`` and ``columns``.

    Notes
    -----
    Every record of every file read is either a row of the corpus or a line of the load
    report's ``skipped`` naming its file, its record and the reason; never both. Each
    record is read on its own: one bad byte or one broken row costs that record only.
    Limits on what one record or file may hold are in ``framing.limits``.

    ``doc_id`` is the source's id where it has one; for a document that is a whole file
    (a plain text file, a saved page), the file's name without its extension; else a
    hash of the URL, else of outlet, title and date: the same files give the same ids on
    every run. A repeated id is made unique in reading order (``"a"``, ``"a#2"``); a
    given original stays in ``source_id`` so that ``framing.deduplicate`` can find the
    repeats.

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
    rename, parameter = renamed_columns(rename, columns, "read_corpus")
    options = check_options(
        format,
        rename,
        outlet,
        errors,
        repair,
        rename_parameter=parameter,
        frame=isinstance(source, pd.DataFrame),
        file_pattern=file_pattern,
        encoding=encoding,
    )
    return _read(source, options, "read_corpus")


def _read(source: _Source, options: Options, function: str) -> pd.DataFrame:
    """The whole read: every chunk, then one corpus with its report and provenance."""
    collector = Collector(options.errors)
    frames = list(read_chunks(source, options, collector, DEFAULT_CHUNK))
    restored = None
    if len(collector.sources) == 1 and options.outlet is None:
        # One file written by write_corpus: give it back as it was, attrs included.
        restored = collector.restorable.get(next(iter(collector.sources)))
    parameters = call_parameters(source, options)
    return assemble_corpus(frames, collector, parameters, restored, function)


def iter_corpus(
    source: _Source,
    chunksize: int = DEFAULT_CHUNK,
    *,
    format: str | None = None,
    rename: Mapping[str, str] | None = None,
    outlet: str | None = None,
    errors: str = "raise",
    repair: bool = True,
    columns: Mapping[str, str] | None = None,
    file_pattern: str | None = None,
    encoding: str | None = None,
) -> Iterator[pd.DataFrame]:
    """Read a corpus in chunks of at most ``chunksize`` documents, in bounded memory.

    Takes the same options as :func:`read_corpus` (``columns=``, the former name of
    ``rename=``, warns when the first chunk is asked for). The rows kept and the records
    skipped do not depend on ``chunksize``. CSV, TSV, JSON Lines, dump files,
    Excel sheets and Parquet row groups are streamed; a JSON array is read whole (its
    syntax allows nothing else). A chunk never spans two files. Each chunk is a corpus
    whose ``attrs["load_report"]`` is the report so far; ``doc_id`` is unique across
    all chunks of one call. ``pd.concat`` of the chunks holds the same rows and values
    as ``read_corpus`` (with the default ``chunksize``, also the same columns).

    Parameters
    ----------
    source : str, path-like, list of them, or pandas.DataFrame
        What to read, as in :func:`read_corpus`.
    chunksize : int, default 10,000
        The most documents in one chunk.
    format, rename, outlet, errors, repair, file_pattern, encoding
        As in :func:`read_corpus`.
    columns : mapping, optional
        The former name of ``rename`` (warns).

    Yields
    ------
    pandas.DataFrame
        Corpora of at most ``chunksize`` documents, each with the load report so far.

    Examples
    --------
    >>> import framing, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> rows = "".join(f"Title {i},Text {i}\\n" for i in range(5))
    >>> _ = (folder / "a.csv").write_text("title,text\\n" + rows)
    >>> [len(chunk) for chunk in framing.iter_corpus(folder / "a.csv", chunksize=2)]
    [2, 2, 1]
    """
    rename, parameter = renamed_columns(rename, columns, "iter_corpus")
    options = check_options(
        format,
        rename,
        outlet,
        errors,
        repair,
        chunksize,
        rename_parameter=parameter,
        frame=isinstance(source, pd.DataFrame),
        file_pattern=file_pattern,
        encoding=encoding,
    )
    collector = Collector(options.errors)
    parameters = call_parameters(source, options)
    for chunk in read_chunks(source, options, collector, chunksize):
        yield assemble_corpus([chunk], collector, parameters)


def as_corpus(
    frame: pd.DataFrame,
    *,
    rename: Mapping[str, str] | None = None,
    outlet: str | None = None,
    errors: str = "raise",
) -> pd.DataFrame:
    """Make a corpus of a pandas DataFrame, by the same steps that read a table file.

    The frame's columns are found by their usual names or ``rename``; ids, dates (with
    the URL as fallback), outlets and domains from the URLs, repaired texts and the load
    report are made exactly as :func:`read_corpus` makes them from a CSV file with the
    same rows and columns. The frame itself is not changed.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row a document. It needs a text or a title column; every other column is
        optional: without a ``published`` (or ``date``, ...) column the documents are
        dated from their URLs where these hold a date, else ``NaT``, and counted in the
        load report's ``dates_missing``. Columns the corpus does not know are kept after
        the corpus columns. The index is not read (``frame.reset_index()`` keeps it).
    rename : dict, optional
        Corpus column -> frame column, e.g. ``{"title": "headlines"}``, for columns
        whose names are not among the usual ones (see :func:`read_corpus`).
    outlet : str, optional
        The outlet of every document. By default it comes from an outlet column or from
        the URL's domain; a row with neither has no outlet (``<NA>``), counted in the
        load report's ``outlets_missing``.
    errors : {"raise", "report"}
        ``"raise"`` stops at the first bad row with a :class:`CorpusError` naming it;
        ``"report"`` skips bad rows and lists each, with its reason, in the load report.

    Returns
    -------
    pandas.DataFrame
        A corpus (see ``framing.corpus.schema``) with the load report in
        ``attrs["load_report"]`` (see :func:`framing.load_report`) and provenance in
        ``attrs["framing"]``. The ``source`` column says ``<DataFrame>, row N``, N the
        row's position in ``frame`` (``frame.iloc[N]``).

    Raises
    ------
    CorpusError
        With ``errors="raise"``: no text or title column, a row with no title, text,
        description or URL, a date in no readable form; the message names the row.
    ValueError
        A parameter out of its range, or ``frame`` not a DataFrame.

    See Also
    --------
    read_corpus : the same for files; ``read_corpus(frame, repair=False)`` keeps the
        frame's texts unrepaired.
    validate_corpus : check that a table is a corpus already.

    Examples
    --------
    >>> import pandas as pd
    >>> import framing
    >>> frame = pd.DataFrame({
    ...     "headline": ["Talks resume", "Ferry runs"],
    ...     "body": ["The talks went on.It rained.", "The ferry runs again."],
    ...     "link": ["https://www.rt.com/news/talks/", "https://www.bbc.co.uk/news/ferry"]})
    >>> corpus = framing.as_corpus(frame)
    >>> corpus[["outlet", "title", "text", "published"]]
      outlet         title                           text published
    0     RT  Talks resume  The talks went on. It rained.       NaT
    1    BBC    Ferry runs          The ferry runs again.       NaT
    >>> corpus["source"].tolist()
    ['<DataFrame>, row 0', '<DataFrame>, row 1']
    >>> report = framing.load_report(corpus)
    >>> report.summary[["source", "read", "kept", "dates_missing"]].to_dict("records")
    [{'source': '<DataFrame>', 'read': 2, 'kept': 2, 'dates_missing': 2}]
    """
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(
            "The 'frame' parameter of as_corpus must be a pandas DataFrame. "
            f"Got {type(frame).__name__} instead."
        )
    options = check_options(None, rename, outlet, errors, True, function="as_corpus", frame=True)
    return _read(frame, options, "as_corpus")
