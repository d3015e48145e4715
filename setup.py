"""The one compiled part of framing: ``framing._kernel`` (see framing/_kernel.c).

Everything else is configured in pyproject.toml. The extension is optional: where no C
compiler is found, the install goes on and framing uses its pure-Python path (the same
results, slower).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("framing._kernel", sources=["framing/_kernel.c"], optional=True),
    ]
)
