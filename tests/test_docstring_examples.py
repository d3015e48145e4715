"""Every public function has a docstring example, and every example in the package runs."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import matplotlib.pyplot as plt
import pytest

import framing

# framing.plot's modules have their own test (tests/plot/test_plot_docstrings.py).
MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(framing.__path__, "framing.")
    if not info.name.startswith("framing.plot") and info.name not in ("framing.__main__",)
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    try:
        failed, attempted = doctest.testmod(
            module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
        )
    finally:
        plt.close("all")
    assert failed == 0, f"{failed} of {attempted} docstring examples of {name} failed"


@pytest.mark.parametrize("name", sorted(framing.__all__))
def test_every_public_function_has_an_example(name):
    item = getattr(framing, name)
    if not callable(item) or isinstance(item, type):
        return
    assert ">>>" in (item.__doc__ or ""), f"framing.{name} has no docstring example"
