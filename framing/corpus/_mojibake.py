"""Where ftfy may act: the text that ftfy (as text repair configures it) leaves alone.

Text repair (``framing.corpus.clean``) runs ftfy, the costliest of its steps, only on
text in which it could find something: :func:`ftfy_leaves_alone` says which text it
would give back unchanged, from ftfy's own tables (:func:`ftfy_patterns`), for the ftfy
version that reading was made from. ``repair_texts``' column-wide pre-filter uses the
same characters (:data:`SAFE_EXTRA`, :data:`SAFE_CYRILLIC`, :data:`CYRILLIC_MOJIBAKE`).
"""

from __future__ import annotations

import functools
import re
import unicodedata

import ftfy

# ftfy's mojibake repair, with every step that would rewrite correct text switched off:
# quotes stay curly, full-width characters stay full-width, HTML is unescaped by us
# (only well-formed entities with a semicolon, see framing.corpus.clean).
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=True,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=True,
    fix_surrogates=True,
    remove_control_chars=True,
    normalization="NFC",
    explain=False,
)

# ASCII control characters other than tab, line feed and carriage return.
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: Characters beyond printable ASCII that no step of repair changes, whatever stands next
#: to them: curly quotes, guillemets, en and em dashes, the ellipsis (most of what news
#: text has beyond ASCII). ftfy's mojibake test (``ftfy.badness``) flags them only beside
#: accented letters, currency signs, box drawing, C1 or "bad" characters, none of which is
#: printable ASCII or in this set; none is a control, a space, a line break, a ligature or
#: a surrogate, and NFC leaves them and ASCII as they are.
SAFE_EXTRA = "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00ab\u00bb"
#: The Russian, Ukrainian and Belarusian letters but Ґ and ґ: А-я, Ё ё, Є є, І і, Ї ї,
#: Ў ў: with printable ASCII and SAFE_EXTRA, text ftfy leaves alone unless it holds
#: CYRILLIC_MOJIBAKE (see ftfy_acts_on; Ґ and ґ are "accented" letters to ftfy).
SAFE_CYRILLIC = "\u0401\u0404\u0406\u0407\u040e\u0410-\u044f\u0451\u0454\u0456\u0457\u045e"
#: The quotation marks among them that ftfy counts as opening and closing punctuation.
_OPENING, _CLOSING = "«‘“", "»”"
#: ftfy's one mojibake pattern in text of those characters: В, Г, Р or С on both sides
#: of a quotation mark ("Р»С", what "л" and the next letter turn into read as windows-1251).
CYRILLIC_MOJIBAKE = f"[ВГРС][{_OPENING}{_CLOSING}][ВГРС]"
#: The ftfy whose mojibake patterns (``ftfy.badness.BADNESS_RE``) ftfy_acts_on was read
#: from; with another, every text that is not plain ASCII goes through ftfy.
FTFY_VERIFIED_VERSION = "6.3.1"


@functools.cache
def ftfy_acts_on() -> re.Pattern[str] | None:
    """What ftfy (with FTFY_CONFIG) may change, as a pattern; None for another ftfy."""
    patterns = ftfy_patterns()
    return None if patterns is None else re.compile("|".join(patterns))


def ftfy_patterns() -> tuple[str, str] | None:
    """The characters ftfy acts on (a class) and the clues made of others; see below.

    ftfy changes a text only where (1) a fixer finds its characters: C1 controls,
    ligatures, line breaks other than a line feed, surrogates, terminal escapes, control
    characters; (2) ``ftfy.badness.is_bad`` finds mojibake (fix_encoding does nothing
    otherwise); or (3) NFC changes it (checked apart). Every pattern of ``is_bad`` needs a
    character of its categories other than "common" (no-break space, dashes, ellipsis,
    ’), Greek and Cyrillic letters, the quotation marks « ‘ “ » ” and the Ukrainian ґ and
    Ґ (two of its "accented" letters), except a few made of those alone: вЂ, ГўВЂВ; В Г Р
    С (or Greek Β Γ Ξ Ο) on both sides of a quotation mark; and ґ or Ґ beside a closing
    quotation mark, another accented or lower-case letter, or a Latin one. So text with
    no character of those categories and none of the clues is left alone: a test checks
    this reading against ``is_bad`` itself.
    """
    if ftfy.__version__ != FTFY_VERIFIED_VERSION:
        return None
    from ftfy import badness, chardata

    categories = dict(badness.MOJIBAKE_CATEGORIES)
    for name, letter in (("lower_accented", "ґ"), ("upper_accented", "Ґ")):
        # a letter alone in its category's list, not the end of a range: taken out
        if f"-{letter}" not in categories[name] and f"{letter}-" not in categories[name]:
            categories[name] = categories[name].replace(letter, "")
    ukrainian = "".join(
        letter
        for letter in "ґҐ"
        if letter not in categories["lower_accented"] + categories["upper_accented"]
    )
    flagged = "".join(
        value
        for name, value in categories.items()
        if name
        not in ("common", "upper_common", "lower_common", "start_punctuation", "end_punctuation")
    )
    punctuation = categories["start_punctuation"] + categories["end_punctuation"]
    flagged += "".join(re.escape(c) for c in punctuation if c not in _OPENING + _CLOSING)
    fixed = [*chardata.CONTROL_CHARS, *chardata.LIGATURES]
    flagged += (
        "".join(re.escape(c) for c in map(chr, fixed))
        + "\x80-\x9f\r\x85\u2028\u2029\ud800-\udfff\x1b"
    )
    quotes = _OPENING + _CLOSING
    clues = [f"вЂ|ГўВЂВ|{CYRILLIC_MOJIBAKE}|[ΒΓΞΟ][{quotes}][ΒΓΞΟ]"]
    if ukrainian == "ґҐ":  # the patterns of is_bad that ґ and Ґ can form with the rest
        lower = categories["lower_common"]
        clues += [
            f"[ґ{lower}{_CLOSING}]Ґ",  # a lower-case or accented letter or », then Ґ
            f"[{_CLOSING}]ґ",  # », then ґ
            f"[ґҐ][{_CLOSING}][{_OPENING}]",  # ґ»«
            f"[a-z]Ґ[{_OPENING}]",  # aҐ«
            rf"[ґҐ][{quotes}]\w",  # ґ»a
        ]
    else:  # another ftfy's lists: the two letters stay flagged
        flagged += "ґҐ"
    return f"[{flagged}]", "|".join(clues)


def is_plain_ascii(text: str) -> bool:
    """Printable ASCII, tabs and line breaks: text that ftfy and NFC leave as it is.

    Mojibake, C1 controls, ligatures, surrogates and non-NFC forms all need characters
    beyond ASCII; ASCII controls (and terminal escapes, which start with one) are what
    ftfy would still remove. Skipping ftfy for such text (most titles) makes repair
    several times faster with the same result (a property test checks both paths).
    """
    return text.isascii() and _ASCII_CONTROL.search(text) is None


def ftfy_leaves_alone(text: str) -> bool:
    """True for text that ftfy and NFC leave as it is: plain ASCII (:func:`is_plain_ascii`),
    or, with the verified ftfy, text that ftfy_acts_on finds nothing in and that is NFC.
    ftfy costs most of repair on Cyrillic text (and on emoji), where it finds nothing in
    almost every text; a property test checks both paths.
    """
    if is_plain_ascii(text):
        return True
    acts_on = ftfy_acts_on()
    if acts_on is None:
        return False
    return acts_on.search(text) is None and unicodedata.is_normalized("NFC", text)
