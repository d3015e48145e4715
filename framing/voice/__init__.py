"""Whose voice a hit is in: the outlet's ``own``, someone ``quoted``, or ``distanced``;
and who is speaking (``speaker``).

A loaded term in an outlet's own voice is framing; the same term inside quotation marks,
or after "so-called" / "what the Kremlin calls", reports someone else's framing. Every
hit of :func:`framing.match` gets one of three voices and a speaker, decided by the rules
below (the full list, each with an example and a test, is in ``docs/voice.md``):

``distanced``
    The writer marks the term as someone else's: a cue before it ("so-called",
    "self-proclaimed", "alleged(ly)", "purported", "what Moscow calls", "what it veils
    as", "так называемый", "нібито" ...) that reaches it (``framing.voice._cues``: the
    next phrase, not across a clause, a preposition or a verb), a cue after it ("as the
    Kremlin puts it"), or scare quotes: a quotation of at most ``SCARE_QUOTE_WORDS``
    words with no speech verb or speaker around it ("a sham 'referendum'"). A cue
    outside a quoted phrase distances it (the so-called "DPR").
``quoted``
    The term is inside a quotation of speech or writing (marks of any kind, nested,
    mixed straight and curly; paired in linear time, ``framing.voice._quotes``), in an
    embedded post, or, in a transcript of a text with a principal, in another
    speaker's turn ("Question: ...").
``own``
    Everything else; and, when the text has a *principal* (the outlet's own speaker,
    e.g. the president on the president's site), the principal's turns and quotations
    attributed to the principal (``speaker`` says so).

Precedence: another speaker's turn, then a quotation (a distancing cue outside a quoted
phrase wins over it), then cues. The speaker comes from a turn label, an attribution
("said Zelensky", "Lavrov said", "according to the ministry") or a headline source
("... - General Staff"), else it is missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from framing.voice._cues import ADVERB_GAP_WORDS, CASE_TRAPS, CUE_GAP_WORDS
from framing.voice._names import Principal, name_key
from framing.voice._quotes import UNCLOSED_QUOTE_CHARS, pair_quotes, paragraphs
from framing.voice._reader import SCARE_QUOTE_WORDS, Reader, classify_all
from framing.voice._turns import POST_CHARS

__all__ = [
    "ADVERB_GAP_WORDS",
    "CUE_GAP_WORDS",
    "POST_CHARS",
    "SCARE_QUOTE_WORDS",
    "UNCLOSED_QUOTE_CHARS",
    "VOICES",
    "Principal",
    "classify",
    "name_key",
    "quotations",
    "speaker",
    "voices",
    "voices_and_speakers",
]

VOICES: tuple[str, ...] = ("own", "quoted", "distanced")

# The fast cue test's list of characters that re.IGNORECASE equates with ASCII letters.
_CASE_TRAPS = CASE_TRAPS

Names = str | Iterable[str] | None


def _principal(principal: Names | Principal) -> Principal:
    if isinstance(principal, Principal):
        return principal
    if principal is None:
        return Principal(())
    if isinstance(principal, str):
        return Principal((principal,))
    return Principal(principal)


def quotations(text: str) -> list[tuple[int, int]]:
    """Return the quotations of ``text`` as ``(opening mark, closing mark)`` positions.

    A hit between the two positions is quoted. A “ or " quotation left open at the end
    of its paragraph closes there (or ``UNCLOSED_QUOTE_CHARS`` after its opening mark).

    Examples
    --------
    >>> text = 'He said “the Kiev regime”. Then nothing.'
    >>> [text[a : b + 1] for a, b in quotations(text)]
    ['“the Kiev regime”']
    >>> text = "She said: “They call it a ‘special operation’ today.”"
    >>> [text[a : b + 1] for a, b in quotations(text)]
    ['“They call it a ‘special operation’ today.”', '‘special operation’']
    """
    found: list[tuple[int, int]] = []
    for start, end in paragraphs(text):
        quotes = pair_quotes(text, start, end)
        found.extend(zip(quotes.starts, quotes.ends, strict=True))
    return sorted(found)


def classify(text: str, start: int, end: int, *, principal: Names = None) -> str:
    """Return the voice of the hit ``text[start:end]``: "own", "quoted" or "distanced".

    ``principal``: the outlet's own speaker(s), a name or a list of names (see
    :func:`voices_and_speakers`).

    Examples
    --------
    >>> text = "Russia's so-called special military operation"
    >>> start = text.index("special")
    >>> classify(text, start, start + len("special military operation"))
    'distanced'
    >>> text = "He called it a 'special military operation', he said."
    >>> start = text.index("special")
    >>> classify(text, start, start + len("special military operation"))
    'quoted'
    >>> classify("The special military operation goes on.", 4, 30)
    'own'
    """
    return Reader(text, 1, _principal(principal)).classify(start, end)[0]


def speaker(text: str, start: int, end: int, *, principal: Names = None) -> str | None:
    """Return who says the hit ``text[start:end]`` when the text says so, else None.

    Examples
    --------
    >>> text = "“The occupiers will leave Kherson,” said Volodymyr Zelensky."
    >>> speaker(text, 26, 33)
    'Volodymyr Zelensky'
    """
    return Reader(text, 1, _principal(principal)).classify(start, end)[1]


def voices(text: str, spans: Sequence[tuple[int, int]], *, principal: Names = None) -> list[str]:
    """Return the voice of each ``(start, end)`` hit in ``text``.

    Examples
    --------
    >>> voices('“Kiev regime,” he said; the so-called Kiev regime.', [(1, 12), (38, 49)])
    ['quoted', 'distanced']
    """
    return [voice for voice, _ in voices_and_speakers(text, spans, principal=principal)]


def voices_and_speakers(
    text: str, spans: Sequence[tuple[int, int]], *, principal: Names | Principal = None
) -> list[tuple[str, str | None]]:
    """Return ``(voice, speaker)`` for each ``(start, end)`` hit in ``text``.

    ``principal`` names the outlet's own speaker(s) (e.g. "Volodymyr Zelenskyy" for the
    Ukrainian president's site; any spelling or script of the surname, see
    :func:`name_key`). Their turns and the quotations attributed to them are ``own``,
    and so is a quotation that opens the text unless it is attributed to another person
    (a press office's lead quote); in a transcript the other speakers' turns are
    ``quoted``. Without a principal, turns do not change the voice.

    Examples
    --------
    >>> text = 'Zelensky said: "Russia\\'s aggression will fail."'
    >>> voices_and_speakers(text, [(25, 35)])
    [('quoted', 'Zelensky')]
    >>> voices_and_speakers(text, [(25, 35)], principal="Volodymyr Zelenskyy")
    [('own', 'Zelensky')]
    """
    if not spans:
        return []
    return classify_all(text, spans, _principal(principal))
