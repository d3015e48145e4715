"""The readers' invariant, by property tests, for every format (issue 13, item 2).

For every generated input, read with ``errors="report"``:

- every record of the input is either a row of the corpus (its ``source`` names the
  file and the record) or a line of the load report's ``skipped`` (file, record,
  reason), never both and never neither;
- the numbers add up: per source ``read == kept + skipped``, and ``kept`` sums to the
  rows of the corpus;
- a kept record's title and text are its source's, read with ``repair=False`` exactly
  (after the reader's documented normalisation: cells stripped, lone surrogates to
  U+FFFD, ``NA`` cells blank, line ends to ``\\n``), and with ``repair=True`` exactly
  ``repair_text`` of that.

The structured tests write valid records with malformed ones injected at known places
(a wrong field count, bytes that are not UTF-8, a non-object, a value nested too deep,
a record with nothing in it, ...) and know which record must end where. The mutation
tests take such a file and damage its bytes at random (flips, inserted quotes, brackets,
line ends, NULs, BOMs, cp1251 bytes, cuts, repeats): then reading with ``"report"``
must never raise, the numbers must add up, no record may be both kept and reported, and
reading with ``"raise"`` may raise nothing but a ``CorpusError``.

Each example writes one to four files of a format into a folder and reads them together.
The default run tries ``FRAMING_PROPERTY_EXAMPLES`` examples per test (75: a few
hundred files per format, structured and damaged). The long mode,
``FRAMING_LONG_PROPERTIES=1``, tries 10,000 examples per test; with
``FRAMING_PROPERTY_TALLY=path`` the files tried per format, and the seconds each test
has run, are written to ``path.<worker>.json`` every 10 seconds (a run stopped early
still says how far it went)::

    FRAMING_LONG_PROPERTIES=1 FRAMING_PROPERTY_TALLY=/tmp/tally python -m pytest \
        tests/corpus/test_invariant_properties.py -n 2 --durations=0
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import tempfile
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import framing
from framing.corpus.clean import repair_text
from framing.corpus.readers.delimited import MISSING_CELLS
from framing.corpus.schema import CorpusError

LONG = os.environ.get("FRAMING_LONG_PROPERTIES") == "1"
EXAMPLES = int(os.environ.get("FRAMING_PROPERTY_EXAMPLES", 10_000 if LONG else 75))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
pytestmark = pytest.mark.timeout(0 if LONG else 1800)

# -- generated text ------------------------------------------------------------------------
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_CYRILLIC = "абвгдежзийклмнопрстуфхцчшщыэюяКиевМэрЁё"
_OTHER = "üéßİıςæø中文한😀\u0301’‘“”«»—–…"
_PUNCTUATION = ".,;:!?'\"()[]{}-=+@&<>#%\\/*_~|0123456789"
_HOSTILE = "\u00a0\u2028\u2029\x85\x0b\x0c\x1c\t\ufeff\u200b"


def _words(alphabet: str, max_size: int = 12) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(alphabet), min_size=1, max_size=max_size)


def _text(alphabet: str, separators: list[str], max_words: int = 30) -> st.SearchStrategy[str]:
    """Words joined by separators: the stuff of titles and bodies."""
    return st.lists(
        st.tuples(_words(alphabet), st.sampled_from(separators)), min_size=1, max_size=max_words
    ).map(lambda pairs: "".join(word + sep for word, sep in pairs)[:-1] or "x")


RICH = _LETTERS + _CYRILLIC + _OTHER + _PUNCTUATION
ANY_SEPARATORS = [" ", " ", " ", "  ", "\n", "\n\n", "\r\n", "\t", *list(_HOSTILE)]
PLAIN_SEPARATORS = [" ", " ", " ", ", ", "; "]


def surrogates_replaced(text: str) -> str:
    return re.sub("[\ud800-\udfff]", "\ufffd", text)


def cell(value: str | None) -> str | None:
    """A text cell as the readers document it: stripped, blank is missing."""
    if value is None:
        return None
    value = surrogates_replaced(value).strip()
    return value or None


def delimited_cell(value: str | None) -> str | None:
    if value is not None and value.strip() in MISSING_CELLS:
        return None
    return cell(value)


# -- what a read gave ----------------------------------------------------------------------
@dataclass
class Expected:
    """What a generated file must give: kept records with their fields, reported records."""

    kept: dict[str, dict[str, str | None]] = field(default_factory=dict)
    reported: set[str] = field(default_factory=set)
    blank_rows: int | None = 0  # None: not checked


_RANGE = re.compile(r"^(?:lines|rows) (\d+) to (?:(\d+)|the end)$")


def _number(record: str) -> int | None:
    found = re.search(r"(\d+)$", record)
    return int(found.group(1)) if found else None


def _covers(entry: str, record: str) -> bool:
    """True if the report entry's record (a record, a range, or the whole file) holds it."""
    if entry in (record, "whole file"):
        return True
    found = _RANGE.match(entry)
    number = _number(record)
    if found is None or number is None or record.split()[0] != entry.split()[0][:-1]:
        return False
    low, high = int(found.group(1)), found.group(2)
    return low <= number and (high is None or number <= int(high))


def records_of(corpus: pd.DataFrame) -> list[tuple[str, str]]:
    """(file, record) of each row, from its ``source``."""
    return [tuple(source.rsplit(", ", 1)) for source in corpus["source"]]  # type: ignore[misc]


def check_accounting(corpus: pd.DataFrame) -> None:
    """The numbers add up, and no kept record is also reported."""
    report = framing.load_report(corpus)
    summary = report.summary
    assert (summary["read"] == summary["kept"] + summary["skipped"]).all(), summary
    assert int(summary["kept"].sum()) == len(corpus)
    kept = records_of(corpus)
    assert len(set(kept)) == len(kept), "a record kept twice"
    for entry in report.skipped.itertuples(index=False):
        for path, record in kept:
            assert not (path == entry.source and _covers(entry.record, record)), (
                f"{path}, {record} is both kept and reported ({entry.reason})"
            )


def check_read(paths: Path | list[Path], expected: dict[str, Expected], **options) -> pd.DataFrame:
    """Read with report: kept and reported records exactly as expected, texts exact.

    Returns the corpus read with ``repair=False``.
    """
    corpus = framing.read_corpus(paths, errors="report", repair=False, **options)
    check_accounting(corpus)
    report = framing.load_report(corpus)
    kept = records_of(corpus)
    for path, wanted in expected.items():
        got_kept = {record for file, record in kept if file == path}
        entries = [e for e in report.skipped.itertuples(index=False) if e.source == path]
        assert got_kept == set(wanted.kept), (path, sorted(got_kept ^ set(wanted.kept)), entries)
        for record in wanted.reported:
            assert any(_covers(e.record, record) for e in entries), (path, record, entries)
        assert len(entries) == len(wanted.reported) or any(
            e.record == "whole file" for e in entries
        ), (path, entries, wanted.reported)
        blank = report.summary.loc[report.summary["source"] == path, "blank_rows"]
        if len(blank) and wanted.blank_rows is not None:
            assert int(blank.iloc[0]) == wanted.blank_rows
    by_record = {(f, r): i for i, (f, r) in enumerate(kept)}
    for path, wanted in expected.items():
        for record, fields in wanted.kept.items():
            row = corpus.iloc[by_record[(path, record)]]
            for name, value in fields.items():
                got = None if pd.isna(row[name]) else row[name]
                assert got == value, (path, record, name, got, value)
    repaired = framing.read_corpus(paths, errors="report", **options)
    assert repaired["source"].tolist() == corpus["source"].tolist()
    for name in ("title", "text"):
        for raw, fixed in zip(corpus[name], repaired[name], strict=True):
            if pd.isna(raw):
                assert pd.isna(fixed)
            else:
                assert fixed == repair_text(raw), (raw, fixed)
    return corpus


def check_robust(paths: list[Path], **options) -> None:
    """Report mode never raises and adds up; raise mode raises only CorpusError."""
    corpus = framing.read_corpus(paths, errors="report", **options)
    check_accounting(corpus)
    for path in paths:
        try:
            framing.read_corpus(path, errors="raise", **options)
        except CorpusError:
            pass


#: Inputs (files) tried, by format and kind of test; written out for the long mode.
TALLY: Counter[str] = Counter()
#: When each kind of test tried its first and its latest input (time.monotonic()).
SPAN: dict[str, list[float]] = {}
_WRITTEN = [0.0]


def count_inputs(kind: str, inputs: int) -> None:
    """Count the inputs an example tried; every 10 s, write the tally out (see ``_tally``)."""
    TALLY[kind] += inputs
    now = time.monotonic()
    SPAN.setdefault(kind, [now, now])[1] = now
    if now - _WRITTEN[0] > 10:
        write_tally()


def write_tally() -> None:
    """Write the inputs tried so far, and the seconds each kind of test has run, to
    ``$FRAMING_PROPERTY_TALLY.<worker>.json``: a long run stopped early still says how far
    it went."""
    target = os.environ.get("FRAMING_PROPERTY_TALLY")
    if not target or not TALLY:
        return
    _WRITTEN[0] = time.monotonic()
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    seconds = {kind: round(last - first) for kind, (first, last) in SPAN.items()}
    Path(f"{target}.{worker}.json").write_text(
        json.dumps({"inputs": TALLY, "seconds": seconds}, indent=1)
    )


@pytest.fixture(autouse=True)
def _tally():
    """Write the tally after every test, as well as every 10 s during one."""
    yield
    write_tally()


def structured(name: str, suffix: str, files: list[tuple[bytes, Expected]], **options) -> None:
    """Write generated files into a folder, read it, check every file's records."""
    count_inputs(f"{name} structured", len(files))
    with scratch() as folder:
        expected = {}
        for number, (content, wanted) in enumerate(files):
            path = Path(folder) / f"a{number}.{suffix}"
            path.write_bytes(content)
            expected[str(path)] = wanted
        check_read(Path(folder), expected, **options)


def damaged(name: str, suffix: str, contents: list[bytes], mutation, change=None, **options):
    """Write damaged copies of generated files; read them with report, then raise."""
    count_inputs(f"{name} damaged", len(contents))
    change = change or mutate
    with scratch() as folder:
        paths = []
        for number, content in enumerate(contents):
            path = Path(folder) / f"a{number}.{suffix}"
            path.write_bytes(change(content, mutation[0] + number, mutation[1]))
            paths.append(path)
        check_robust(paths, **options)


def several(strategy, most: int = 3):
    """One to ``most`` generated files for one example."""
    return st.lists(strategy, min_size=1, max_size=most)


# -- mutations -----------------------------------------------------------------------------
_INSERTS = [
    b'"',
    b"'",
    b"\n",
    b"\r",
    b"\r\n",
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b"\t",
    b"\\",
    b"\\ud83d",
    b"\xd0",
    b"\xe2\x80\xa8",
    b"<",
    b">",
    b"<p>",
    "Мэр".encode("cp1251"),
    b"NA",
    b" date 2022-03-02 https://example.org/x\n",
    b"[" * 200,
]


def mutate(data: bytes, seed: int, count: int) -> bytes:
    """``data`` damaged ``count`` times, reproducibly from ``seed``."""
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(count):
        kind = rng.randrange(6)
        at = rng.randrange(len(out) + 1)
        if kind == 0 and out:
            out[min(at, len(out) - 1)] = rng.randrange(256)
        elif kind == 1:
            out[at:at] = rng.choice(_INSERTS)
        elif kind == 2:
            out[at : at + rng.randrange(1, 40)] = b""
        elif kind == 3:
            piece = out[at : at + rng.randrange(1, 200)]
            out[at:at] = piece
        elif kind == 4:
            del out[at:]
        else:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8)))
    return bytes(out)


MUTATIONS = st.tuples(st.integers(0, 2**32 - 1), st.integers(1, 6))


def scratch() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="framing-prop-")


# -- CSV and TSV -----------------------------------------------------------------------------
ROW_KINDS = ["good"] * 6 + ["fields", "bytes", "empty", "blank", "na"]


@st.composite
def delimited_files(draw, delimiter: str):
    """A CSV/TSV file of good rows and injected bad ones, and what it must give."""
    kinds = draw(st.lists(st.sampled_from(ROW_KINDS), min_size=1, max_size=8))
    terminator = draw(st.sampled_from(["\n", "\r\n"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    out = io.BytesIO()

    def write_row(cells: list[str]) -> None:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator=terminator, quoting=quoting)
        writer.writerow(cells)
        out.write(buffer.getvalue().encode("utf-8", "surrogatepass"))

    def line_now() -> int:
        return len(re.findall(rb"\r\n|\n|\r", out.getvalue())) + 1

    write_row(["n", "title", "text"])
    expected = Expected()
    for number, kind in enumerate(kinds):
        line = f"line {line_now()}"
        if kind == "good":
            title = draw(st.none() | _text(RICH, [" ", " ", "\t", "\u00a0"], 8))
            text = draw(_text(RICH, ANY_SEPARATORS))
            if delimited_cell(title) is None and delimited_cell(text) is None:
                text = "Body"
            write_row([str(number), title or "", text])
            expected.kept[line] = {"title": delimited_cell(title), "text": delimited_cell(text)}
        elif kind == "fields":
            write_row([str(number), "A", "B", "extra"])
            expected.reported.add(line)
        elif kind == "bytes":
            buffer = io.StringIO()
            csv.writer(buffer, delimiter=delimiter, lineterminator=terminator).writerow(
                [str(number), "Bad", "X"]
            )
            out.write(buffer.getvalue().encode().replace(b"X", "Мэр".encode("cp1251")))
            expected.reported.add(line)
        elif kind == "empty":
            write_row([str(number), "", draw(st.sampled_from(["", "NA", " ", "N/A"]))])
            expected.reported.add(line)
        elif kind == "blank":
            write_row(["", "", ""])
            expected.blank_rows += 1
        else:  # "na": a missing title beside a text
            write_row([str(number), "NA", "Text"])
            expected.kept[line] = {"title": None, "text": "Text"}
    return out.getvalue(), expected


@pytest.mark.parametrize(("name", "delimiter"), [("csv", ","), ("tsv", "\t")])
@PROPERTY
@given(data=st.data())
def test_delimited_records_are_kept_or_reported(name, delimiter, data):
    files = data.draw(several(delimited_files(delimiter)))
    structured(name, name, files, outlet="X")


@pytest.mark.parametrize(("name", "delimiter"), [("csv", ","), ("tsv", "\t")])
@PROPERTY
@given(data=st.data(), mutation=MUTATIONS)
def test_delimited_damaged_bytes(name, delimiter, data, mutation):
    files = data.draw(several(delimited_files(delimiter), 4))
    damaged(name, name, [content for content, _ in files], mutation, outlet="X")


# -- JSON Lines and JSON arrays ------------------------------------------------------------
JSON_KINDS = ["good"] * 6 + ["syntax", "array", "bytes", "deep", "empty", "blank"]


def _json_text() -> st.SearchStrategy[str]:
    return _text(RICH + "\ud83d\udc00", ANY_SEPARATORS)


def _without_surrogates(value):
    if isinstance(value, str):
        return re.sub("[\ud800-\udfff]", "?", value)
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_surrogates(v) for k, v in value.items()}
    return value


def _json_expected(record: dict) -> dict[str, str | None]:
    """A JSON record's title and text as the readers document them (lists as paragraphs)."""
    out = {}
    for name in ("title", "text"):
        value = record.get(name)
        if isinstance(value, list):
            value = "\n\n".join(v.strip() for v in value if v.strip())
        out[name] = cell(value)
    return out


@st.composite
def json_lines_files(draw):
    kinds = draw(st.lists(st.sampled_from(JSON_KINDS), min_size=1, max_size=8))
    ending = draw(st.sampled_from([b"\n", b"\r\n"]))
    lines: list[bytes] = []
    expected = Expected()
    for kind in kinds:
        line = f"line {len(lines) + 1}"
        if kind == "good":
            title = draw(st.none() | _json_text())
            text = draw(_json_text() | st.lists(_json_text(), min_size=1, max_size=3))
            if _json_expected({"title": title, "text": text}) == {"title": None, "text": None}:
                text = "Body"
            ascii_only = draw(st.booleans())
            record = {"title": title, "text": text, "n": draw(st.integers())}
            if not ascii_only:  # raw surrogates are no UTF-8: only escaped ones are JSON
                record = _without_surrogates(record)
            encoded = json.dumps(record, ensure_ascii=ascii_only)
            lines.append(encoded.encode("utf-8"))
            expected.kept[line] = _json_expected(json.loads(encoded))
        elif kind == "syntax":
            lines.append(b'{"title": "A", "text": ')
            expected.reported.add(line)
        elif kind == "array":
            lines.append(b'["title", "text"]')
            expected.reported.add(line)
        elif kind == "bytes":
            lines.append('{"title": "Мэр"}'.encode("cp1251"))
            expected.reported.add(line)
        elif kind == "deep":
            lines.append(b'{"title": "A", "n": ' + b"[" * 30 + b"]" * 30 + b"}")
            expected.reported.add(line)
        elif kind == "empty":
            lines.append(b'{"title": " ", "other": 1}')
            expected.reported.add(line)
        else:
            lines.append(b"   ")
    return ending.join(lines) + draw(st.sampled_from([b"", ending])), expected


@PROPERTY
@given(files=several(json_lines_files()))
def test_json_lines_records_are_kept_or_reported(files):
    with framing.set_limits(nesting_depth=20):
        structured("jsonl", "jsonl", files, outlet="X")


@PROPERTY
@given(files=several(json_lines_files(), 4), mutation=MUTATIONS)
def test_json_lines_damaged_bytes(files, mutation):
    damaged("jsonl", "jsonl", [content for content, _ in files], mutation, outlet="X")


@st.composite
def json_array_files(draw):
    kinds = draw(
        st.lists(st.sampled_from(["good"] * 5 + ["scalar", "empty"]), min_size=1, max_size=8)
    )
    items: list[object] = []
    expected = Expected()
    for number, kind in enumerate(kinds, start=1):
        record = f"item {number}"
        if kind == "good":
            title, text = draw(st.none() | _json_text()), draw(_json_text())
            if _json_expected({"title": title, "text": text}) == {"title": None, "text": None}:
                text = "Body"
            items.append({"title": title, "text": text, "tags": draw(st.lists(_words(RICH)))})
            expected.kept[record] = {"title": title, "text": text}  # decoded below
        elif kind == "scalar":
            items.append(draw(st.none() | st.integers() | _words(RICH) | st.just([1, 2])))
            expected.reported.add(record)
        else:
            items.append({"title": None, "other": "x"})
            expected.reported.add(record)
    wrapped = draw(st.booleans())
    ascii_only = draw(st.booleans())
    if not ascii_only:
        items = _without_surrogates(items)
    value = {"articles": items, "errors": []} if wrapped else items
    text = json.dumps(value, ensure_ascii=ascii_only, indent=draw(st.none() | st.just(2)))
    decoded = json.loads(text)
    if wrapped and all(isinstance(item, str) for item in items):
        # A list of strings under "articles" (a name for the text column) is the
        # paragraphs of one article, the object itself (docs/reading.md).
        whole = _json_expected({"text": decoded["articles"]})
        if whole == {"title": None, "text": None}:
            return text.encode("utf-8"), Expected(reported={"item 1"})
        return text.encode("utf-8"), Expected(kept={"item 1": whole})
    decoded = decoded["articles"] if wrapped else decoded
    for record in expected.kept:
        expected.kept[record] = _json_expected(decoded[int(record.split()[1]) - 1])
    return text.encode("utf-8"), expected


@PROPERTY
@given(files=several(json_array_files()))
@example(  # a wrapper whose list holds strings only: one article, its paragraphs
    files=[
        (
            b'{"articles": ["0"], "errors": []}',
            Expected(kept={"item 1": {"title": None, "text": "0"}}),
        ),
        (b'{"articles": [" "], "errors": []}', Expected(reported={"item 1"})),
    ]
)
def test_json_array_items_are_kept_or_reported(files):
    structured("json", "json", files, outlet="X")


@PROPERTY
@given(files=several(json_array_files(), 4), mutation=MUTATIONS)
def test_json_array_damaged_bytes(files, mutation):
    damaged("json", "json", [content for content, _ in files], mutation, outlet="X")


# -- dumps ---------------------------------------------------------------------------------
# Dump values are recognised by their shape: the generated headlines and paragraphs are
# free text by every rule (capitalised, with a sentence end, no address, URL or digits).
_DUMP_WORDS = _LETTERS + _CYRILLIC + "üéßİς中文’“”«»—"


@st.composite
def dump_files(draw):
    kinds = draw(
        st.lists(st.sampled_from(["good"] * 5 + ["nothing", "bytes"]), min_size=1, max_size=6)
    )
    stray = draw(st.booleans())
    lines: list[bytes] = []
    expected = Expected()
    if stray:
        lines += [b"This line is no header.", b""]
        expected.reported.add("line 1")
    for number, kind in enumerate(kinds):
        header_line = f"line {len(lines) + 1}"
        lines += [f" date 2022-03-{number % 28 + 1:02d} https://example.org/{number}".encode(), b""]
        if kind == "nothing":
            lines += [b"en_EN", b""]
            expected.reported.add(header_line)
            continue
        title = "Headline " + draw(_text(_DUMP_WORDS, [" "], 6))
        paragraphs = draw(
            st.lists(
                _text(_DUMP_WORDS, [" ", ", ", " — "], 12).map(lambda t: "Said " + t + "."),
                min_size=1,
                max_size=4,
                unique=True,
            )
        )
        body = [p for p in paragraphs if p != title]
        block = [title.encode(), b""]
        for paragraph in body:
            block += [paragraph.encode(), b""]
        if kind == "bytes":
            block[0] = "Заголовок".encode("cp1251")
            expected.reported.add(header_line)
        else:
            expected.kept[header_line] = {"title": title, "text": "\n\n".join(body)}
        lines += block
    ending = draw(st.sampled_from([b"\n", b"\r\n", b"\r"]))
    return ending.join(lines) + ending, expected


@PROPERTY
@given(files=several(dump_files()))
def test_dump_documents_are_kept_or_reported(files):
    structured("dump", "dump", files)


@PROPERTY
@given(files=several(dump_files(), 4), mutation=MUTATIONS)
def test_dump_damaged_bytes(files, mutation):
    damaged("dump", "dump", [content for content, _ in files], mutation)


# -- a folder of plain text files ----------------------------------------------------------
TEXT_KINDS = ["good"] * 5 + ["blank", "bytes", "empty", "binary", "table", "bom"]


def _table_shaped(content: str) -> bool:
    """A text a folder read takes for a table (docs/reading.md): two or more non-blank
    lines, each with the same number (one or more) of tabs, at least 80 % of them not
    starting with a tab."""
    lines = [line for line in content.splitlines() if line.strip()]
    tabs = {line.count("\t") for line in lines}
    return (
        len(lines) >= 2
        and len(tabs) == 1
        and tabs != {0}
        and sum(not line.startswith("\t") for line in lines) >= 0.8 * len(lines)
    )


@st.composite
def text_folders(draw):
    kinds = draw(st.lists(st.sampled_from(TEXT_KINDS), min_size=1, max_size=6))
    files: dict[str, bytes] = {}
    expected: dict[str, Expected] = {}
    for number, kind in enumerate(kinds):
        name = f"doc{number}.txt"
        wanted = Expected()
        if kind == "good":
            title = draw(_text(RICH, [" ", "\t", "\u00a0"], 8))
            if not title.strip():
                title = "Title"
            body_lines = draw(st.lists(_text(RICH, [" ", " ", "\u2028", "\x85", "\t"], 10)))
            ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
            leading = draw(st.sampled_from(["", "\n", " \n", "\ufeff"]))
            content = leading + ending.join([title, *body_lines])
            files[name] = content.encode("utf-8")
            if _table_shaped(content):
                # Tabs in every line, as many in each: in a folder that is an annotation
                # file, reported whole (the reader's documented rule, restated here).
                wanted.reported.add("whole file")
                expected[name] = wanted
                continue
            normal = content.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
            lines = normal.split("\n")
            first = next(i for i, line in enumerate(lines) if line.strip())
            text = "\n".join(lines[first + 1 :]).strip() or None
            wanted.kept["line " + str(first + 1)] = {
                "title": cell(lines[first]),
                "text": cell(text),
            }
        elif kind == "blank":
            files[name] = draw(st.sampled_from(["  \n\t\n", "\u00a0\n\u2028", "\n\n"])).encode()
            wanted.reported.add("line 1")
        elif kind == "bytes":
            files[name] = b"Title\n" + "Мэр".encode("cp1251")
            wanted.reported.add("line 2")
        elif kind == "empty":
            files[name] = b""
            wanted.reported.add("whole file")
        elif kind == "binary":
            files[name] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
            wanted.reported.add("whole file")
        elif kind == "bom":
            files[name] = b"\xef\xbb\xbf"
            wanted.reported.add("whole file")
        else:
            files[name] = b"doc1\tlabel\tpro\ndoc2\tlabel\tcontra\n"
            wanted.reported.add("whole file")
        expected[name] = wanted
    return files, expected


def _folder_expectations(folder: Path, expected: dict[str, Expected]) -> dict[str, Expected]:
    return {str(folder / name): wanted for name, wanted in expected.items()}


@PROPERTY
@given(generated=text_folders())
@example(  # found by the default run: a 'good' text with one tab on each line
    generated=(
        {"doc0.txt": b"0 0\t0 0 0 0 0 0\n0 0\t0", "doc1.txt": b"Title\nText"},
        {
            "doc0.txt": Expected(reported={"whole file"}),
            "doc1.txt": Expected(kept={"line 1": {"title": "Title", "text": "Text"}}),
        },
    )
)
def test_text_folder_files_are_kept_or_reported(generated):
    files, expected = generated
    count_inputs("text structured", len(files))
    with scratch() as folder:
        root = Path(folder)
        for name, content in files.items():
            (root / name).write_bytes(content)
        corpus = check_read(root, _folder_expectations(root, expected))
        if len(corpus):  # each document is named by its file
            assert (corpus["doc_id"] == corpus["file"].str.removesuffix(".txt")).all()


@PROPERTY
@given(generated=text_folders(), mutation=MUTATIONS)
def test_text_folder_damaged_bytes(generated, mutation):
    damaged("text", "txt", list(generated[0].values()), mutation)


# -- saved HTML pages ------------------------------------------------------------------------
_PAGE_WORDS = _LETTERS + _CYRILLIC + "üéßİς中文’“”«»—"


@st.composite
def html_folders(draw):
    kinds = draw(
        st.lists(st.sampled_from(["good"] * 4 + ["cp1251", "nothing", "empty"]), max_size=4)
    )
    kinds = kinds or ["good"]
    files: dict[str, bytes] = {}
    expected: dict[str, Expected] = {}
    for number, kind in enumerate(kinds):
        name = f"page{number}.html"
        wanted = Expected()
        if kind in ("good", "cp1251"):
            declared = kind == "cp1251" and draw(st.booleans())
            if kind == "good":
                alphabet, lead = _PAGE_WORDS, "The report said "
            elif declared:
                alphabet, lead = _LETTERS + _CYRILLIC, "The report said "
            else:  # undeclared: detected, which needs text in the language (documented)
                alphabet, lead = _CYRILLIC.lower(), "Как сообщили в городе, "
            title = "Headline " + draw(_text(alphabet, [" "], 6))
            paragraphs = draw(
                st.lists(
                    _text(alphabet, [" ", ", "], 15).map(lambda t, lead=lead: lead + t + "."),
                    min_size=1,
                    max_size=4,
                    unique=True,  # trafilatura drops a repeated paragraph
                )
            )
            meta = '<meta charset="windows-1251">' if declared else ""
            page = (
                f"<html><head>{meta}<title>{title}</title></head><body><article>"
                + "".join(f"<p>{p}</p>" for p in paragraphs)
                + "</article></body></html>"
            )
            files[name] = page.encode("cp1251" if kind == "cp1251" else "utf-8")
            wanted.kept["line 1"] = {"title": title}
            wanted.paragraphs = paragraphs  # type: ignore[attr-defined]
        elif kind == "nothing":
            files[name] = b"<html><head></head><body><script>var x = 1;</script></body></html>"
            wanted.reported.add("line 1")
        else:
            files[name] = b""
            wanted.reported.add("whole file")
        expected[name] = wanted
    return files, expected


@PROPERTY
@given(generated=html_folders())
def test_html_pages_are_kept_or_reported(generated):
    files, expected = generated
    count_inputs("html structured", len(files))
    with scratch() as folder:
        root = Path(folder)
        for name, content in files.items():
            (root / name).write_bytes(content)
        wanted = _folder_expectations(root, expected)
        corpus = check_read(root, wanted)
        for path, page in wanted.items():
            paragraphs = getattr(page, "paragraphs", None)
            if paragraphs is None:
                continue
            text = corpus.loc[corpus["source"] == f"{path}, line 1", "text"].iloc[0]
            assert " ".join(text.split()) == " ".join(" ".join(paragraphs).split())


@PROPERTY
@given(generated=html_folders(), mutation=MUTATIONS)
def test_html_damaged_bytes(generated, mutation):
    damaged("html", "html", list(generated[0].values()), mutation)


# -- Parquet -------------------------------------------------------------------------------
@st.composite
def parquet_files(draw):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    kinds = draw(
        st.lists(st.sampled_from(["good"] * 5 + ["bytes", "empty"]), min_size=1, max_size=12)
    )
    titles, texts, raws = [], [], []
    expected = Expected()
    for number, kind in enumerate(kinds, start=1):
        record = f"row {number}"
        if kind == "good":
            title = draw(st.none() | _text(RICH, ANY_SEPARATORS, 8))
            text = draw(_text(RICH, ANY_SEPARATORS))
            if cell(title) is None and cell(text) is None:
                text = "Body"
            titles.append(title)
            texts.append(text)
            raws.append(draw(_words(RICH)).encode())
            expected.kept[record] = {"title": cell(title), "text": cell(text)}
        elif kind == "bytes":
            titles.append("A")
            texts.append("B")
            raws.append(b"\xff\xfe")
            expected.reported.add(record)
        else:
            titles.append(None)
            texts.append(draw(st.sampled_from([None, "", "  "])))
            raws.append(None)
            expected.reported.add(record)
    table = pa.table({"title": titles, "text": texts, "raw": pa.array(raws, pa.binary())})
    buffer = pa.BufferOutputStream()
    pq.write_table(table, buffer, row_group_size=draw(st.integers(1, 5)))
    return buffer.getvalue().to_pybytes(), expected


@PROPERTY
@given(files=several(parquet_files()))
def test_parquet_rows_are_kept_or_reported(files):
    structured("parquet", "parquet", files, outlet="X")


@PROPERTY
@given(files=several(parquet_files(), 4), mutation=MUTATIONS)
def test_parquet_damaged_bytes(files, mutation):
    damaged("parquet", "parquet", [content for content, _ in files], mutation, outlet="X")


# -- Excel ---------------------------------------------------------------------------------
# What a sheet cell can hold: no control characters but tab and line ends, and no
# leading "=" (openpyxl would write a formula).
_SHEET = _LETTERS + _CYRILLIC + _OTHER + ".,;:!?'\"()[]-+@&<>#%/0123456789"
_SHEET_SEPARATORS = [" ", " ", "  ", "\n", "\t", "\u00a0", "\u2028"]


@st.composite
def excel_files(draw):
    openpyxl = pytest.importorskip("openpyxl")
    kinds = draw(
        st.lists(
            st.sampled_from(["good"] * 5 + ["beyond", "empty", "blank"]), min_size=1, max_size=8
        )
    )
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["title", "text", "n"])
    expected = Expected()
    for number, kind in enumerate(kinds, start=2):
        record = f"row {number}"
        if kind == "good":
            title = draw(st.none() | _text(_SHEET, _SHEET_SEPARATORS, 8))
            text = draw(_text(_SHEET, _SHEET_SEPARATORS))
            if cell(title) is None and cell(text) is None:
                text = "Body"
            sheet.append([title, text, number])
            expected.kept[record] = {"title": cell(title), "text": cell(text)}
        elif kind == "beyond":
            # a value right of the header: the sheet's dimension widens the header, and
            # the value is kept in an "Unnamed: 3" column, not lost
            sheet.append(["A", "B", number, "beyond the header"])
            expected.kept[record] = {"title": "A", "text": "B"}
        elif kind == "empty":  # something, but no title and no text
            sheet.append([" ", None, number])
            expected.reported.add(record)
        else:
            sheet.append([None, " ", None])  # a trailing one is not even written: not checked
            expected.blank_rows = None
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), expected


@PROPERTY
@given(files=several(excel_files()))
def test_excel_rows_are_kept_or_reported(files):
    structured("excel", "xlsx", files, outlet="X")


def _mutate_sheet(content: bytes, seed: int, count: int) -> bytes:
    """The workbook with its sheet's XML damaged (re-zipped), or its zip bytes damaged."""
    if seed % 4 == 0:
        return mutate(content, seed, count)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename.endswith(("sheet1.xml", "sharedStrings.xml")):
                data = mutate(data, seed, count)
            new.writestr(info, data)
    return out.getvalue()


@PROPERTY
@given(files=several(excel_files(), 4), mutation=MUTATIONS)
def test_excel_damaged_bytes(files, mutation):
    contents = [content for content, _ in files]
    damaged("excel", "xlsx", contents, mutation, change=_mutate_sheet, outlet="X")


# -- a self-check of the helpers -----------------------------------------------------------
def test_covers_reads_ranges_and_whole_files():
    assert _covers("line 3", "line 3") and not _covers("line 3", "line 30")
    assert _covers("lines 3 to the end", "line 9") and not _covers("lines 3 to the end", "line 2")
    assert _covers("rows 101 to 200", "row 150") and not _covers("rows 101 to 200", "row 201")
    assert _covers("whole file", "item 4")
    assert mutate(b"abc" * 50, 1, 3) == mutate(b"abc" * 50, 1, 3)  # reproducible


# -- the exports (news databases, Telegram, Media Cloud, web archives, feeds, Word) -----------
EXPORTS = Path(__file__).parent.parent / "fixtures" / "exports"
EXPORT_FIXTURES = {
    "nexis": ["nexis_uni.docx", "nexis_uni_de.docx", "nexis_uni.rtf", "lexis_academic.TXT",
              "nexis_uk.html"],
    "factiva": ["factiva.html", "factiva_de_latin1.html", "factiva_article.rtf",
                "factiva_coded.rtf"],
    "integrum": ["integrum.html", "integrum.xlsx"],
    "mediacloud": ["mediacloud_legacy.csv", "mediacloud_search.csv"],
    "telegram": ["telegram/result.json", "telegram_account/result.json"],
    "warc": ["site.warc", "site.warc.gz", "site.arc", "site.wet.gz"],
    "feed": ["feed_rss2.xml", "feed_atom.xml", "feed_rss1.rdf", "feed_bogus_utf16.xml",
             "feed_doubled_declaration.xml", "feed_hostile_entities.xml"],
    "word": ["plain_article.docx"],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPORT_FIXTURES))
@PROPERTY
@given(data=st.data(), mutation=MUTATIONS)
def test_export_damaged_bytes(name, data, mutation):
    """Damaged copies of the synthetic exports (1 to 3 in a folder, each of a fixture of
    the format): report mode never raises and adds up, raise mode raises only a
    CorpusError. (A copy damaged out of its format is read by whichever reader it now
    looks like, or reported.)"""
    chosen = data.draw(st.lists(st.sampled_from(EXPORT_FIXTURES[name]), min_size=1, max_size=3))
    count_inputs(f"{name} damaged", len(chosen))
    with scratch() as folder:
        paths = []
        for number, fixture in enumerate(chosen):
            source = EXPORTS / fixture
            path = Path(folder) / f"a{number}{''.join(source.suffixes)}"
            path.write_bytes(mutate(source.read_bytes(), mutation[0] + number, mutation[1]))
            paths.append(path)
        check_robust(paths)
