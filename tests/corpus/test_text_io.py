"""``framing.corpus.readers._text_io``: a file's physical lines, cut in bounded memory.

``raw_lines`` cuts most blocks at every "\\n" at once; the reference here is the
line-by-line search it had before, which every output must equal, whatever the line ends
(``\\n``, ``\\r\\n``, a lone ``\\r``, either split across two blocks), the block size and
the record limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from framing.corpus.readers import _text_io

_ANY_END = re.compile(rb"\r\n|\n|\r")
_LF_END = re.compile(rb"\n")


def _reference_raw_lines(
    data: bytes, limit: int, block: int, *, lf_only: bool = False
) -> Iterator[bytes | None]:
    """The lines, found one by one by the regular expression, in blocks of ``block``."""
    pattern = _LF_END if lf_only else _ANY_END
    buffer = bytearray()
    skipping = False
    offset = 0
    while True:
        chunk = data[offset : offset + block]
        offset += block
        end_of_file = not chunk
        buffer += chunk
        start = 0
        for found in pattern.finditer(buffer):
            if found.group() == b"\r" and found.end() == len(buffer) and not end_of_file:
                break
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


_PIECES = st.sampled_from([b"a", b"bc", b"\xd0\x9a", b" ", b"\n", b"\r", b"\r\n", b"\n\n"])


@settings(max_examples=400, deadline=None)
@given(
    data=st.lists(st.one_of(_PIECES, st.binary(max_size=5)), max_size=60).map(b"".join),
    block=st.integers(1, 40),
    limit=st.integers(1, 80),
    lf_only=st.booleans(),
)
@example(data=b"a\r\nb\rc\n", block=2, limit=50, lf_only=False)
@example(data=b"aaaaaaaa\nb\r\nc", block=3, limit=4, lf_only=False)
def test_raw_lines_are_the_line_by_line_search(
    tmp_path_factory, data: bytes, block: int, limit: int, lf_only: bool
) -> None:
    path = Path(tmp_path_factory.mktemp("lines")) / "file.txt"
    path.write_bytes(data)
    with mock.patch.object(_text_io, "_BLOCK", block):
        found = list(_text_io.raw_lines(path, limit, lf_only=lf_only))
    assert found == list(_reference_raw_lines(data, limit, block, lf_only=lf_only))
    if limit >= len(data):  # nothing too long: the lines are the file, cut at its ends
        assert b"".join(line for line in found if line is not None) == data
