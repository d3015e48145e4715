"""Every public function's docstring passes numpydoc's validation, like scikit-learn's.

The checks: a docstring exists (GL08); the summary is one capitalised line ending in a
period (SS01-SS04); every parameter is documented and nothing else is (PR01, PR02,
PR06-PR10); Returns or Yields is there (RT01, YD01); See Also entries are
described (SA04); an Examples section exists (EX01). Parameters documented together ("by,
time, events : as in timeline") are allowed without a type of their own (PR04 is not
checked), as seaborn's shared parameter descriptions are.
"""

from __future__ import annotations

import inspect

import pytest
from numpydoc.validate import validate

import framing
import framing.plot

CHECKED = {
    "GL08", "SS01", "SS02", "SS03", "SS04", "PR01", "PR02", "PR06", "PR07",
    "PR08", "PR09", "PR10", "RT01", "YD01", "SA04", "EX01",
}  # fmt: skip

PUBLIC = sorted(
    [f"framing.{name}" for name in framing.__all__]
    + [f"framing.plot.{name}" for name in framing.plot.__all__]
)
FUNCTIONS = [
    name
    for name in PUBLIC
    if inspect.isfunction(
        getattr(framing.plot if ".plot." in name else framing, name.rsplit(".", 1)[1])
    )
]


@pytest.mark.parametrize("name", FUNCTIONS)
def test_public_docstring_passes_numpydoc_validation(name):
    errors = [f"{code}: {message}" for code, message in validate(name)["errors"] if code in CHECKED]
    assert not errors, "\n".join(errors)
