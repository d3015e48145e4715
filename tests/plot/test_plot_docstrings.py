"""The Examples in the docstrings of framing.plot and framing.figures run and are right."""

from __future__ import annotations

import doctest
import importlib

import matplotlib.pyplot as plt
import pytest

MODULES = [
    "framing.figures",
    "framing.plot._bars",
    "framing.plot._dispersion",
    "framing.plot._style",
    "framing.plot._terms",
    "framing.plot._timeline",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    try:
        failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    finally:
        plt.close("all")
    assert attempted > 0, f"{name} has no docstring examples"
    assert failed == 0, f"{failed} of {attempted} docstring examples of {name} failed"


def test_every_public_chart_has_an_example():
    import framing.plot

    for name in framing.plot.__all__:
        item = getattr(framing.plot, name)
        if callable(item):
            assert ">>>" in (item.__doc__ or ""), f"framing.plot.{name} has no example"
