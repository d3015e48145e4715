"""The compiled parts of framing, each beside the Python module it speeds up:

- ``framing._kernel``: text normalisation (framing/_kernel.c);
- ``framing._unicode_kernel``: the normalisation of text in any other script
  (framing/_unicode_kernel.c);
- ``framing._offsets_kernel``: hits mapped back to the original text
  (framing/_offsets_kernel.c);
- ``framing.corpus._language_kernel``: language identification
  (framing/corpus/_language_kernel.c);
- ``framing.voice._quotes_kernel``: paragraphs and quotation marks
  (framing/voice/_quotes_kernel.c);
- ``framing.voice._keys_kernel``: the voice rules' keys in a window
  (framing/voice/_keys_kernel.c).

Everything else is configured in pyproject.toml. The extensions are optional: where no C
compiler is found, the install goes on and framing uses its pure-Python paths (the same
results, slower).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("framing._kernel", sources=["framing/_kernel.c"], optional=True),
        Extension("framing._unicode_kernel", sources=["framing/_unicode_kernel.c"], optional=True),
        Extension("framing._offsets_kernel", sources=["framing/_offsets_kernel.c"], optional=True),
        Extension(
            "framing.corpus._language_kernel",
            sources=["framing/corpus/_language_kernel.c"],
            optional=True,
        ),
        Extension(
            "framing.voice._quotes_kernel",
            sources=["framing/voice/_quotes_kernel.c"],
            optional=True,
        ),
        Extension(
            "framing.voice._keys_kernel",
            sources=["framing/voice/_keys_kernel.c"],
            optional=True,
        ),
    ]
)
