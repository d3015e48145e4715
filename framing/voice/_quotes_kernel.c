/* The compiled half of framing/voice/_quotes.py: a text's paragraphs, and the pairing of
 * a paragraph's quotation marks.
 *
 * framing/voice/_quotes.py holds the rules and the Python implementation of both, which
 * stays the reference: tests/test_voice_kernels.py checks this file against it on
 * generated text, and the voice tests run on both paths. This file only makes them fast:
 * a regular expression and a Python loop per mark there, one pass over the characters
 * here, written for each width of Python's strings (one, two or four bytes a character).
 *
 * Built by setup.py as an optional extension: where no C compiler is found the install
 * goes on and framing uses the Python path (the same results, slower).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

/* The functions below take the string's kind as a constant: ALWAYS_INLINE makes the
 * compiler write them once for each kind, each reading its characters directly. */
#if defined(__GNUC__) || defined(__clang__)
#define ALWAYS_INLINE static inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE static inline
#endif

#define AT(kind, data, index) PyUnicode_READ((kind), (data), (index))

/* str.isalnum() or "_" (is_word of _quotes.py, and \w of Python's re). */
static inline int
is_word(Py_UCS4 character)
{
    if (character < 128) {
        return (character >= '0' && character <= '9') || (character >= 'a' && character <= 'z')
               || (character >= 'A' && character <= 'Z') || character == '_';
    }
    return Py_UNICODE_ISALNUM(character);
}

/* -- finding the few characters that matter ------------------------------------------ */

/* Whether data[:count] holds a line break (\n \r U+2028 U+2029), or a character that may
 * be a quotation mark (" ' « » and U+2018-U+203A): tests without branches, written as
 * masks of the character's own width so that the compiler vectorises them. */
#define ANY_OF(NAME, TYPE, TEST)                                                             \
    static int NAME(const TYPE *data, Py_ssize_t count)                                     \
    {                                                                                       \
        TYPE any = 0;                                                                       \
        for (Py_ssize_t index = 0; index < count; index++) {                                \
            TYPE c = data[index];                                                           \
            any |= TEST;                                                                    \
        }                                                                                   \
        return any != 0;                                                                    \
    }

#define IS(TYPE, VALUE) ((TYPE) - (c == (VALUE)))
#define BREAK_1 (IS(Py_UCS1, '\n') | IS(Py_UCS1, '\r'))
#define BREAK_2 (IS(Py_UCS2, '\n') | IS(Py_UCS2, '\r') | (Py_UCS2) - ((Py_UCS2)(c - 0x2028) < 2))
#define BREAK_4 (IS(Py_UCS4, '\n') | IS(Py_UCS4, '\r') | (Py_UCS4) - ((Py_UCS4)(c - 0x2028) < 2))
#define MARK_1 (IS(Py_UCS1, '"') | IS(Py_UCS1, '\'') | IS(Py_UCS1, 0xAB) | IS(Py_UCS1, 0xBB))
#define MARK_2                                                                              \
    (IS(Py_UCS2, '"') | IS(Py_UCS2, '\'') | IS(Py_UCS2, 0xAB) | IS(Py_UCS2, 0xBB)             \
     | (Py_UCS2) - ((Py_UCS2)(c - 0x2018) <= 0x22))
#define MARK_4                                                                              \
    (IS(Py_UCS4, '"') | IS(Py_UCS4, '\'') | IS(Py_UCS4, 0xAB) | IS(Py_UCS4, 0xBB)             \
     | (Py_UCS4) - ((Py_UCS4)(c - 0x2018) <= 0x22))

ANY_OF(any_break_1, Py_UCS1, BREAK_1)
ANY_OF(any_break_2, Py_UCS2, BREAK_2)
ANY_OF(any_break_4, Py_UCS4, BREAK_4)
ANY_OF(any_mark_1, Py_UCS1, MARK_1)
ANY_OF(any_mark_2, Py_UCS2, MARK_2)
ANY_OF(any_mark_4, Py_UCS4, MARK_4)

#define BLOCK 32

static inline int
is_line_break(Py_UCS4 character)
{
    return character == '\n' || character == '\r' || character == 0x2028 || character == 0x2029;
}

/* Characters that cannot be a quotation mark, told cheaply: every mark is " ' « » or
 * lies in U+2018-U+203A. */
static inline int
may_be_mark(Py_UCS4 character)
{
    return character == '"' || character == '\'' || character == 0xAB || character == 0xBB
           || (character >= 0x2018 && character <= 0x203A);
}

/* The first index in [from, to) that holds a line break (``marks`` 0) or may hold a
 * quotation mark (``marks`` 1), or ``to``: a block of characters at a time. */
ALWAYS_INLINE Py_ssize_t
next_of(const int kind, const void *data, Py_ssize_t from, Py_ssize_t to, const int marks)
{
    Py_ssize_t index = from;
    while (index < to) {
        Py_ssize_t stop = index + BLOCK < to ? index + BLOCK : to;
        int any;
        if (kind == PyUnicode_1BYTE_KIND) {
            const Py_UCS1 *block = (const Py_UCS1 *)data + index;
            any = marks ? any_mark_1(block, stop - index) : any_break_1(block, stop - index);
        } else if (kind == PyUnicode_2BYTE_KIND) {
            const Py_UCS2 *block = (const Py_UCS2 *)data + index;
            any = marks ? any_mark_2(block, stop - index) : any_break_2(block, stop - index);
        } else {
            const Py_UCS4 *block = (const Py_UCS4 *)data + index;
            any = marks ? any_mark_4(block, stop - index) : any_break_4(block, stop - index);
        }
        if (any) {
            for (; index < stop; index++) {
                Py_UCS4 character = AT(kind, data, index);
                if (marks ? may_be_mark(character) : is_line_break(character)) {
                    return index;
                }
            }
        }
        index = stop;
    }
    return to;
}

/* -- paragraphs ------------------------------------------------------------------------ */

/* Where the blank line that starts at the "\n" at ``newline`` ends (after "\n", white
 * space other than "\n", "\n": _BLANK_LINE of _quotes.py), or -1 when none starts there. */
ALWAYS_INLINE Py_ssize_t
blank_line_end(const int kind, const void *data, Py_ssize_t length, Py_ssize_t newline)
{
    for (Py_ssize_t index = newline + 1; index < length; index++) {
        Py_UCS4 character = AT(kind, data, index);
        if (character == '\n') {
            return index + 1;
        }
        if (!Py_UNICODE_ISSPACE(character)) {
            break;
        }
    }
    return -1;
}

/* Appends (start, end) to ``bounds``; -1 with an exception set. */
static int
add_bounds(PyObject *bounds, Py_ssize_t start, Py_ssize_t end)
{
    PyObject *pair = Py_BuildValue("(nn)", start, end);
    if (pair == NULL) {
        return -1;
    }
    int failed = PyList_Append(bounds, pair);
    Py_DECREF(pair);
    return failed;
}

/* paragraphs() of _quotes.py: blank lines separate the paragraphs when the text has
 * any, else runs of line breaks. The separators are found left to right, as finditer
 * finds them. */
ALWAYS_INLINE PyObject *
paragraphs_of(const int kind, const void *data, Py_ssize_t length)
{
    PyObject *bounds = PyList_New(0);
    if (bounds == NULL) {
        return NULL;
    }
    int blank = 0;
    for (Py_ssize_t index = next_of(kind, data, 0, length, 0); index < length && !blank;
         index = next_of(kind, data, index + 1, length, 0)) {
        blank = AT(kind, data, index) == '\n' && blank_line_end(kind, data, length, index) >= 0;
    }
    Py_ssize_t previous = 0, index = next_of(kind, data, 0, length, 0);
    while (index < length) {
        Py_UCS4 character = AT(kind, data, index);
        Py_ssize_t end = -1;
        if (!blank) {
            end = index + 1;
            while (end < length && is_line_break(AT(kind, data, end))) {
                end++;
            }
        } else if (character == '\n') {
            end = blank_line_end(kind, data, length, index);
        }
        if (end < 0) {
            index = next_of(kind, data, index + 1, length, 0);
            continue;
        }
        if (add_bounds(bounds, previous, index) < 0) {
            Py_DECREF(bounds);
            return NULL;
        }
        previous = end;
        index = next_of(kind, data, end, length, 0);
    }
    if (add_bounds(bounds, previous, length) < 0) {
        Py_DECREF(bounds);
        return NULL;
    }
    return bounds;
}

/* paragraphs(text) -> [(start, end), ...] */
static PyObject *
paragraphs(PyObject *module, PyObject *text)
{
    (void)module;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "paragraphs takes a str");
        return NULL;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    const void *data = PyUnicode_DATA(text);
    switch (PyUnicode_KIND(text)) { /* paragraphs_of written once for each kind */
    case PyUnicode_1BYTE_KIND:
        return paragraphs_of(PyUnicode_1BYTE_KIND, data, length);
    case PyUnicode_2BYTE_KIND:
        return paragraphs_of(PyUnicode_2BYTE_KIND, data, length);
    default:
        return paragraphs_of(PyUnicode_4BYTE_KIND, data, length);
    }
}

/* -- quotation marks ------------------------------------------------------------------- */

enum { NONE = -1, DOUBLE, SINGLE, ANGLE, SINGLE_ANGLE };

/* The family of a quotation mark (_FAMILY of _quotes.py), or NONE. */
static inline int
family_of(Py_UCS4 character)
{
    switch (character) {
    case '"':
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
        return DOUBLE;
    case '\'':
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
        return SINGLE;
    case 0x00AB:
    case 0x00BB:
        return ANGLE;
    case 0x2039:
    case 0x203A:
        return SINGLE_ANGLE;
    default:
        return NONE;
    }
}

static inline int
is_closing_punctuation(Py_UCS4 character)
{
    return character == 0x2026
           || (character && character < 128 && strchr(",.;:!?)]}", (int)character));
}

static inline int
is_sentence_end(Py_UCS4 character)
{
    return character == '.' || character == '!' || character == '?' || character == 0x2026;
}

/* An open mark on the stack of _quotes.py's pair_quotes. */
typedef struct {
    Py_ssize_t position;
    Py_UCS4 character;
    int family;
} Open;

/* The last character before ``position`` (within the paragraph from ``start``) that is
 * not white space, or 0 when there is none (_previous_character). */
ALWAYS_INLINE Py_UCS4
previous_character(const int kind, const void *data, Py_ssize_t start, Py_ssize_t position)
{
    Py_ssize_t index = position - 1;
    while (index >= start && Py_UNICODE_ISSPACE(AT(kind, data, index))) {
        index--;
    }
    return index >= start ? AT(kind, data, index) : 0;
}

/* _goes_on of _quotes.py: a “ or " is open on top and a sentence ends before
 * ``position``. */
ALWAYS_INLINE int
goes_on(const int kind, const void *data, Py_ssize_t start, Py_ssize_t position,
        const Open *stack, Py_ssize_t depth)
{
    return depth > 0
           && (stack[depth - 1].character == '"' || stack[depth - 1].character == 0x201C)
           && is_sentence_end(previous_character(kind, data, start, position));
}

/* _glued_opening of _quotes.py: the opening single mark of a quotation glued to the word
 * before it (this'war'), or -1. */
ALWAYS_INLINE Py_ssize_t
glued_opening(const int kind, const void *data, Py_ssize_t start, Py_ssize_t position,
              Py_ssize_t reach)
{
    Py_ssize_t index = position - 1;
    Py_ssize_t limit = position - reach > start ? position - reach : start;
    while (index >= limit && is_word(AT(kind, data, index))) {
        index--;
    }
    if (index < limit || position - index - 1 < 2) {
        return -1;
    }
    Py_UCS4 mark = AT(kind, data, index);
    if (family_of(mark) != SINGLE || index == start || !is_word(AT(kind, data, index - 1))) {
        return -1;
    }
    return index;
}

/* Appends (opening, closing, closed) to ``found``; -1 with an exception set. */
static int
add_quote(PyObject *found, Py_ssize_t opening, Py_ssize_t closing, int closed)
{
    PyObject *quote = Py_BuildValue("(nnO)", opening, closing, closed ? Py_True : Py_False);
    if (quote == NULL) {
        return -1;
    }
    int failed = PyList_Append(found, quote);
    Py_DECREF(quote);
    return failed;
}

/* What a mark does (the actions of pair_quotes): */
enum { STRAY = 0, OPEN = 1, CLOSE = 2, GLUED = 3, GOES_ON = 4 };

/* pair_quotes of _quotes.py, up to Quotes(): the (opening, closing, closed) of each
 * quotation of text[start:end], in the order found. See pair_quotes for the rules; the
 * steps below are its steps, in its order. */
ALWAYS_INLINE PyObject *
quotes_of(const int kind, const void *data, Py_ssize_t start, Py_ssize_t end,
          Py_ssize_t unclosed, Py_ssize_t reach)
{
    PyObject *found = PyList_New(0);
    Open *stack = NULL;
    Py_ssize_t depth = 0, room = 0, last_close = -1;
    Py_ssize_t counts[4] = {0, 0, 0, 0};
    if (found == NULL) {
        return NULL;
    }
    for (Py_ssize_t position = next_of(kind, data, start, end, 1); position < end;
         position = next_of(kind, data, position + 1, end, 1)) {
        Py_UCS4 character = AT(kind, data, position);
        int family = family_of(character);
        if (family == NONE) {
            continue;
        }
        /* A single mark between two word characters is an apostrophe (the look-arounds
         * of _QUOTE_MARKS: the one before may lie before the paragraph). */
        if (family == SINGLE && position > 0 && is_word(AT(kind, data, position - 1))
            && position + 1 < end && is_word(AT(kind, data, position + 1))) {
            continue;
        }
        Py_UCS4 before = position > start ? AT(kind, data, position - 1) : ' ';
        Py_UCS4 after = position + 1 < end ? AT(kind, data, position + 1) : ' ';
        int word_before = is_word(before);
        int opens = !Py_UNICODE_ISSPACE(after) && !is_closing_punctuation(after) && !word_before;
        int closes = !Py_UNICODE_ISSPACE(before) && before != '(' && before != '['
                     && before != '{' && !is_word(after);
        int action;
        if (character == 0x201E || character == 0x201A || character == 0x201F
            || character == 0x201B) {
            action = OPEN;
        } else if (character == 0x201C || character == 0x2018) {
            action = counts[family] && closes && !opens ? CLOSE : OPEN;
            if (action == OPEN && character == 0x201C
                && goes_on(kind, data, start, position, stack, depth)) {
                action = GOES_ON;
            }
        } else if (character == 0x201D || character == 0x2019 || character == 0x00BB
                   || character == 0x203A) {
            action = counts[family] ? CLOSE : (opens ? OPEN : GLUED);
        } else if (character == 0x00AB || character == 0x2039) {
            /* closes only in the reversed »…« style: the innermost open mark of its family */
            Py_UCS4 top = 0;
            for (Py_ssize_t index = depth - 1; index >= 0; index--) {
                if (stack[index].family == family) {
                    top = stack[index].character;
                    break;
                }
            }
            action = (top == 0x00BB || top == 0x203A) && closes && !opens ? CLOSE : OPEN;
        } else if (character == '"') {
            if (counts[family] && opens && !closes) {
                Py_UCS4 previous = previous_character(kind, data, start, position);
                if (previous == ',' || previous == ';') {
                    action = CLOSE;
                } else {
                    action = goes_on(kind, data, start, position, stack, depth) ? GOES_ON : OPEN;
                }
            } else if (counts[family]) {
                action = CLOSE;
            } else {
                action = closes && !opens ? STRAY : OPEN;
            }
        } else { /* a straight single mark */
            action = counts[family] && closes ? CLOSE : (opens ? OPEN : GLUED);
        }
        if (action == GOES_ON) { /* “A. “B.” is “A. and “B.” */
            depth--;
            counts[family]--;
            if (add_quote(found, stack[depth].position, position, 1) < 0) {
                goto failed;
            }
            last_close = position;
            action = OPEN;
        }
        if (action == OPEN) {
            if (depth == room) {
                room = room ? 2 * room : 16;
                Open *grown = PyMem_Realloc(stack, room * sizeof(Open));
                if (grown == NULL) {
                    PyErr_NoMemory();
                    goto failed;
                }
                stack = grown;
            }
            stack[depth++] = (Open){position, character, family};
            counts[family]++;
        } else if (action == CLOSE) {
            while (stack[depth - 1].family != family) { /* the marks left open inside */
                counts[stack[--depth].family]--;
            }
            depth--;
            counts[family]--;
            if (add_quote(found, stack[depth].position, position, 1) < 0) {
                goto failed;
            }
            last_close = position;
        } else if (action == GLUED && family == SINGLE && closes) {
            Py_ssize_t glued = glued_opening(kind, data, start, position, reach);
            if (glued >= 0) {
                if (add_quote(found, glued, position, 1) < 0) {
                    goto failed;
                }
                last_close = position;
            }
        }
    }
    /* A “ or " left open runs to the paragraph's end, or ``unclosed`` characters (past
     * the last quotation closed inside it): the outermost such only. */
    for (Py_ssize_t index = 0; index < depth; index++) {
        if (stack[index].character == '"' || stack[index].character == 0x201C) {
            Py_ssize_t stop = stack[index].position + unclosed;
            if (stop < last_close + 1) {
                stop = last_close + 1;
            }
            if (add_quote(found, stack[index].position, stop < end ? stop : end, 0) < 0) {
                goto failed;
            }
            break;
        }
    }
    PyMem_Free(stack);
    return found;
failed:
    PyMem_Free(stack);
    Py_DECREF(found);
    return NULL;
}

/* quotes(text, start, end, unclosed, reach) -> [(opening, closing, closed), ...] */
static PyObject *
quotes(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 5 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError,
                        "quotes takes a str, start, end, the unclosed reach and the glued reach");
        return NULL;
    }
    Py_ssize_t values[4];
    for (int index = 0; index < 4; index++) {
        values[index] = PyLong_AsSsize_t(args[index + 1]);
        if (values[index] == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    Py_ssize_t start = values[0], end = values[1], unclosed = values[2], reach = values[3];
    if (start < 0 || end < start || end > PyUnicode_GET_LENGTH(args[0]) || unclosed < 0
        || reach < 0) {
        PyErr_SetString(PyExc_ValueError, "quotes takes 0 <= start <= end <= len(text)");
        return NULL;
    }
    const void *data = PyUnicode_DATA(args[0]);
    switch (PyUnicode_KIND(args[0])) { /* quotes_of written once for each kind */
    case PyUnicode_1BYTE_KIND:
        return quotes_of(PyUnicode_1BYTE_KIND, data, start, end, unclosed, reach);
    case PyUnicode_2BYTE_KIND:
        return quotes_of(PyUnicode_2BYTE_KIND, data, start, end, unclosed, reach);
    default:
        return quotes_of(PyUnicode_4BYTE_KIND, data, start, end, unclosed, reach);
    }
}

static PyMethodDef methods[] = {
    {"paragraphs", (PyCFunction)paragraphs, METH_O,
     "paragraphs(text) -> [(start, end), ...] (framing.voice._quotes.paragraphs)"},
    {"quotes", (PyCFunction)(void (*)(void))quotes, METH_FASTCALL,
     "quotes(text, start, end, unclosed, reach) -> [(opening, closing, closed), ...]"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "framing.voice._quotes_kernel",
    "Paragraphs and the pairing of quotation marks in compiled code (see "
    "framing/voice/_quotes.py).",
    -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__quotes_kernel(void)
{
    return PyModule_Create(&module);
}
