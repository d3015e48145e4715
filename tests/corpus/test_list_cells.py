"""A list cell read by the quick pattern ("['Bucha', 'bucha']") gives what json.loads or
ast.literal_eval gave for it; anything the pattern does not take still goes to them."""

from __future__ import annotations

import json
import re
import warnings
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from framing.corpus.readers import _cells

_ITEMS = st.lists(
    st.text(max_size=8)
    | st.sampled_from(["Kyiv's", 'say "no"', "a\\b", "\u2028", "\ud83d", "\x85", " ", ""]),
    max_size=6,
)


def _texts(items: list[str], quote: str, space: str) -> list[str]:
    single = "[" + f",{space}".join(f"{quote}{item}{quote}" for item in items) + "]"
    return [repr(items), json.dumps(items), json.dumps(items, ensure_ascii=False), single]


@settings(max_examples=400, deadline=None)
@given(_ITEMS, st.sampled_from(["'", '"']), st.sampled_from(["", " ", "  ", "\t"]))
def test_quick_list_cells_read_as_the_parsers_read_them(items, quote, space) -> None:
    for text in _texts(items, quote, space):
        with mock.patch.object(_cells, "_QUOTED_LIST", re.compile(r"(?!)")):
            expected = _cells.as_list(text)
        assert _cells.as_list(text) == expected, text


def test_the_quick_pattern_takes_the_usual_cells() -> None:
    for text in ["['Bucha', 'bucha']", '["a", "Kyiv\'s"]', "[]", "[ 'a' , 'b' ]"]:
        assert _cells._QUOTED_LIST.fullmatch(text)
    for text in ["['a\\nb']", "['a',]", "['a' 'b']", "[1, 2]", "[{'site': 'bbc.com'}]"]:
        assert not _cells._QUOTED_LIST.fullmatch(text)


def test_a_list_cell_with_a_stray_backslash_reads_without_a_warning():
    # ast.literal_eval warns about an invalid escape sequence ("<unknown>:1"), naming no
    # file; a cell is data, so the reader keeps its result and shows no warning.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _cells.as_list("['C:\\kyiv', \"it's\"]") == ["C:\\kyiv", "it's"]
