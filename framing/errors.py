"""The kit's exceptions and warnings, in one place (like ``pandas.errors``).

Every error the kit raises on purpose is a :class:`FramingError`, so a script can catch
them all with one ``except framing.FramingError``. Each also subclasses the built-in
exception it has always been (``ValueError``), so code written against that keeps working.
The message names the file, the record (line, row or index) and what was expected.

====================  =====================================================================
class                 raised when
====================  =====================================================================
CorpusError           a corpus table, or a file read into one, is not what the kit expects
RecordError           one record (or a whole file) could not be read (a CorpusError)
LexiconError          a lexicon, or a file read into one, breaks a rule
TermError             a term cannot be matched as written (a LexiconError)
CodingError           a coding sheet cannot be read back (edited, deleted or copied rows)
OverwriteError        an output would replace an existing file or an input (a FileExistsError)
ParameterError        a function's parameter is out of its range or of the wrong kind
DatasetError          a public dataset cannot be fetched, or its download fails its hash
FramingWarning        base of the kit's warnings
LexiconWarning        a harmless lexicon problem, or information lost writing a format
====================  =====================================================================

Examples
--------
>>> import framing
>>> try:
...     framing.read_corpus("no-such-folder/")
... except framing.FramingError as error:
...     print(type(error).__name__)
CorpusError
"""

from __future__ import annotations

__all__ = [
    "CodingError",
    "CorpusError",
    "DatasetError",
    "FramingError",
    "FramingWarning",
    "LexiconError",
    "LexiconWarning",
    "OverwriteError",
    "ParameterError",
    "RecordError",
    "TermError",
]


class FramingError(Exception):
    """Base class of every error the kit raises on purpose."""


class CorpusError(FramingError, ValueError):
    """A corpus table, or a file read into one, is not what the kit expects.

    The message names the file, the record (line or row) and what was expected.
    """


class RecordError(CorpusError):
    """One record (or a whole file) could not be read; says which and why.

    Parameters
    ----------
    path : str
        The file.
    record : str or None
        The record within it ("line 12", "row 3"), or None for the whole file.
    reason : str
        What was wrong, and what was expected.
    """

    def __init__(self, path: str, record: str | None, reason: str) -> None:
        self.path, self.record, self.reason = path, record, reason
        where = f"{path}, {record}" if record else path
        super().__init__(f"Could not read {where}: {reason}")


class LexiconError(FramingError, ValueError):
    """A lexicon, or a file read into one, breaks a rule; the message says where."""


class TermError(LexiconError):
    """A term cannot be matched as written (empty, or a ``*`` with nothing before it)."""


class CodingError(FramingError, ValueError):
    """A coding sheet that cannot be read back: names the file, the row and what was expected."""


class OverwriteError(FramingError, FileExistsError):
    """An output would replace an existing file (or an input) without ``overwrite=True``.

    A ``FileExistsError``; the message names the file and how to go on.
    """


class ParameterError(FramingError, ValueError, TypeError):
    """A parameter of a public function is out of range or of the wrong kind.

    The message follows one template: "The 'p' parameter of f must be ... Got ... instead."
    It is a ``ValueError`` and a ``TypeError``, like scikit-learn's ``InvalidParameterError``.
    """


class DatasetError(FramingError, OSError):
    """A public dataset cannot be fetched, or a downloaded file does not match its hash.

    An ``OSError`` (like pooch's own download errors). On a hash mismatch the message names
    the dataset, the file, the expected and the received SHA-256, and nothing is left in
    the cache.
    """


class FramingWarning(UserWarning):
    """Base class of the kit's warnings."""


class LexiconWarning(FramingWarning):
    """A harmless lexicon problem, or information lost when writing another format."""
