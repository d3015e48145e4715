"""framing.limits: one place for the readers' resource limits (issue 13, item 3)."""

from __future__ import annotations

import pytest

import framing
from framing.limits import Limits


def test_set_limits_changes_limits_for_a_block_and_puts_them_back():
    before = framing.get_limits()
    with framing.set_limits(record_bytes=10, columns=3) as inside:
        assert inside.record_bytes == 10 and framing.get_limits().columns == 3
    assert framing.get_limits() == before


def test_set_limits_without_with_stays_until_changed_back():
    before = framing.get_limits()
    try:
        framing.set_limits(nesting_depth=7)
        assert framing.get_limits().nesting_depth == 7
    finally:
        framing.set_limits(nesting_depth=before.nesting_depth)
    assert framing.get_limits() == before == Limits()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"record_size": 5}, "unknown limit 'record_size'"),
        ({"columns": 0}, "positive whole number"),
        ({"columns": 2.5}, "positive whole number"),
        ({"columns": True}, "positive whole number"),
    ],
)
def test_set_limits_refuses_unknown_limits_and_bad_values(changes, message):
    with pytest.raises(ValueError, match=message):
        framing.set_limits(**changes)
    assert framing.get_limits() == Limits()


def test_every_limit_is_in_the_module_table():
    table = framing.limits.__doc__
    for name in Limits.__dataclass_fields__:
        assert f"``{name}``" in table
