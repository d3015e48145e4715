"""Make the synthetic sample corpus: ``data/sample/`` in every input format the kit reads,
and the whole corpus in ``framing/data/sample.parquet``, which ``framing.load_sample()``
reads.

Not part of the installed package: this is the repository's tool for (re)making the
committed sample. Run it from ``data/``::

    cd data && python -m make_sample

Everything it writes is synthetic (invented outlets, ``.example`` domains, people and
text) and deterministic: the same seed writes the same files, byte for byte. The modules,
in the order the work is done:

* ``templates.yaml`` and :mod:`words`: the outlets, slot words, headlines and sentences;
* :mod:`prose`: one article's headline and paragraphs from the templates;
* :mod:`articles`: :func:`make_sample`, the corpus as a table in memory;
* :mod:`quirks`: the mess of real files, planted in a few documents;
* :mod:`formats`: one writer per input format;
* :mod:`files`: :func:`write_sample`, every file, ``MANIFEST.json`` and the packaged
  Parquet file.

Changing the templates or the order in which anything draws from the random generator
changes the committed sample; ``tests/test_datasets.py`` regenerates it into a temporary
folder and compares the bytes.
"""

from .articles import SAMPLE_SEED, make_sample
from .files import write_sample

__all__ = ["SAMPLE_SEED", "make_sample", "write_sample"]
