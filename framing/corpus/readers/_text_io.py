"""Lines of a text file, read in bounded memory, each decoded on its own.

The text formats (CSV/TSV, JSON Lines, dumps) read their files through :func:`file_lines`:

- a file is cut into physical lines in bytes, so that one undecodable byte spoils only
  its own line (and the record holding it), and every line keeps its true number;
- a line longer than ``framing.get_limits().record_bytes`` is never held whole: it comes as
  a :class:`Line` with ``too_long`` set and its text empty, and the reader reports it;
- JSON Lines end at ``\\n`` only (U+2028, U+2029 and U+0085 are legal inside JSON strings);
  the other formats also end lines at ``\\r\\n`` and a lone ``\\r`` (old Mac exports).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_BLOCK = 1 << 16
_ANY_END = re.compile(rb"\r\n|\n|\r")
_LF_END = re.compile(rb"\n")


@dataclass(slots=True)
class Line:
    """One physical line: its 1-based number, its text (line end kept) and its problems.

    ``undecodable`` describes the first byte that is not UTF-8 (or not the file's
    charset; the text then holds it as a lone surrogate, see ``surrogateescape``);
    ``too_long`` says the line was longer than the record limit and was skipped (``text``
    is empty).
    """

    number: int
    text: str
    undecodable: str | None = None
    too_long: bool = False


def decode(raw: bytes, encoding: str = "utf-8") -> tuple[str, str | None]:
    """Decode bytes in ``encoding``; on failure, the text with ``surrogateescape`` and what
    failed (for UTF-8, with the hint to name the file's charset with ``encoding=``)."""
    try:
        return raw.decode(encoding), None
    except UnicodeDecodeError as error:
        byte = raw[error.start : error.start + 1]
        name = "UTF-8" if encoding == "utf-8" else encoding
        hint = (
            " (a file in another charset: name it with encoding=, e.g. encoding='cp1251' "
            "or 'cp1252')"
            if encoding == "utf-8"
            else ""
        )
        return (
            raw.decode(encoding, "surrogateescape"),
            f"the text is not {name} (byte {byte!r} at byte {error.start + 1} of the line); "
            f"expected {name} text{hint}",
        )


def raw_lines(path: Path, limit: int, *, lf_only: bool = False) -> Iterator[bytes | None]:
    """The file's physical lines as bytes (line ends kept); None for a line over ``limit``.

    At most ``limit`` bytes plus one block are held at a time, whatever the file holds.
    """
    pattern = _LF_END if lf_only else _ANY_END
    buffer = bytearray()
    skipping = False  # inside a line already found too long: drop bytes up to its end
    with path.open("rb") as handle:
        while True:
            block = handle.read(_BLOCK)
            end_of_file = not block
            buffer += block
            start = 0
            last = buffer.rfind(b"\n") + 1
            if last and (lf_only or buffer.count(b"\r", 0, last) == buffer.count(b"\r\n", 0, last)):
                # Every line end up to ``last`` is "\n" or "\r\n" (most files): cut them
                # all at once, as the search below would.
                lines = bytes(buffer[:last]).split(b"\n")
                lines.pop()  # the empty piece after the last "\n"
                if skipping:  # the rest of a line found too long: dropped
                    lines = lines[1:]
                    skipping = False
                for line in lines:
                    yield line + b"\n"
                start = last
            for found in pattern.finditer(buffer, start):
                if found.group() == b"\r" and found.end() == len(buffer) and not end_of_file:
                    break  # maybe the first half of "\r\n": wait for the next block
                if skipping:
                    skipping = False
                else:
                    yield bytes(buffer[start : found.end()])
                start = found.end()
            del buffer[:start]
            if len(buffer) > limit:
                if not skipping:
                    yield None
                skipping = True
                buffer.clear()
            if end_of_file:
                if buffer and not skipping:
                    yield bytes(buffer)
                return


def file_lines(
    path: Path, limit: int, *, lf_only: bool = False, encoding: str = "utf-8"
) -> Iterator[Line]:
    """The file's lines as :class:`Line`, numbered from 1, a leading BOM removed.

    ``encoding`` must write ASCII as ASCII (lines are cut in bytes at ``\\n``/``\\r``):
    UTF-8 or a single-byte charset (``_charsets.text_encoding`` chooses it).
    """
    for number, raw in enumerate(raw_lines(path, limit, lf_only=lf_only), start=1):
        if raw is None:
            yield Line(number, "", too_long=True)
            continue
        if number == 1 and encoding != "utf-8" and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # never read here: a UTF-8 BOM makes the file UTF-8
        text, problem = decode(raw, encoding)
        if number == 1:
            text = text.removeprefix("\ufeff")
        yield Line(number, text, problem)


def line_text(line: str) -> str:
    """A line without its line end."""
    if line.endswith("\r\n"):
        return line[:-2]
    if line.endswith(("\n", "\r")):
        return line[:-1]
    return line
