/* The compiled half of framing's text normalisation: ASCII text, and Cyrillic text as
 * windows-1251 bytes, and the one-byte copy the engine's automaton reads.
 *
 * framing/_text.py and framing/_engine_text.py hold the rules and the pure-Python
 * implementation; this file only makes the commonest cases fast (English news text is
 * ASCII after the common folds; Russian and Ukrainian news text fits windows-1251). It
 * takes its tables from Python, so the folds are written in one place, and
 * tests/test_kernel.py checks it against the Python steps on generated text.
 *
 * Built by setup.py as an optional extension: where no C compiler is found the install
 * goes on and framing uses the Python path (the same results, slower).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* Records the edit of a run of spaces, input[start:end], written as one space at
 * ``written - 1``; -1 with an exception set. */
static int
add_run(PyObject *edits, Py_ssize_t written, Py_ssize_t start, Py_ssize_t end)
{
    PyObject *edit = Py_BuildValue("(nnnn)", written - 1, written, start, end);
    if (edit == NULL) {
        return -1;
    }
    int failed = PyList_Append(edits, edit);
    Py_DECREF(edit);
    return failed;
}

/* The bytes of a word equal to the byte repeated in ``copies``, as the high bit of each
 * (exact: no borrow from one byte into the next). */
static inline uint64_t
bytes_equal(uint64_t word, uint64_t copies)
{
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
    uint64_t zero = word ^ copies; /* 0 where the byte was */
    return ~(((zero & low7) + low7) | zero | low7);
}

static inline uint64_t
spaces_of(uint64_t word)
{
    return bytes_equal(word, 0x2020202020202020ULL);
}

/* ASCII text folded by a table that changes only the control characters (below 0x20)
 * and the backtick, as framing._text's does: eight bytes at a time are copied as they
 * are when none of them is either (most of a text), else looked up. */
static void
fold_ascii(const unsigned char *in, Py_ssize_t length, const unsigned char *folds,
           unsigned char *out)
{
    Py_ssize_t position = 0;
    for (; position + 8 <= length; position += 8) {
        uint64_t word;
        memcpy(&word, in + position, 8);
        /* a byte below 0x20 (exact as an answer for the word: a borrow comes only from
         * a byte that is one), or a backtick */
        uint64_t controls = (word - 0x2020202020202020ULL) & ~word & 0x8080808080808080ULL;
        if (controls | bytes_equal(word, 0x6060606060606060ULL)) {
            for (int offset = 0; offset < 8; offset++) {
                out[position + offset] = folds[in[position + offset]];
            }
        } else {
            memcpy(out + position, &word, 8);
        }
    }
    for (; position < length; position++) {
        out[position] = folds[in[position]];
    }
}

/* The first ``position`` from ``from`` (at least 1) on where text[position - 1] and
 * text[position] are both spaces, or ``length``: eight pairs at a time, most of a text
 * having none. */
static Py_ssize_t
next_run(const unsigned char *text, Py_ssize_t from, Py_ssize_t length)
{
    Py_ssize_t position = from < 1 ? 1 : from;
    for (; position + 8 <= length; position += 8) {
        uint64_t before, here;
        memcpy(&before, text + position - 1, 8);
        memcpy(&here, text + position, 8);
        if (spaces_of(before) & spaces_of(here)) {
            break; /* a pair among these eight: found below */
        }
    }
    for (; position < length; position++) {
        if (text[position] == ' ' && text[position - 1] == ' ') {
            return position;
        }
    }
    return length;
}

/* Both normalisations of ``in``: each byte's fold, each run of two or more spaces made one
 * space (its edit recorded), and the lower case, written to ``cased`` and ``folded`` (each
 * at least ``length`` long). ``lower`` NULL: ASCII's lower case. ``classes`` not NULL:
 * ``*mixed`` set when a look-alike (bit 1) stands next to a Cyrillic letter (bit 2) in
 * the input. ``controls_only``: ASCII input and a table that folds only the control
 * characters and the backtick (fold_ascii). Returns the length written, or -1 with an
 * exception set.
 *
 * A few simple passes rather than one that does everything: the folds (eight bytes at a
 * time for ASCII), the runs (found eight pairs at a time, the text between them moved
 * with memmove) and the lower case (vectorised for ASCII). The one pass of before carried
 * every step's dependencies from byte to byte: 7.5 against 3.8 us a document of the
 * benchmark corpus (ASCII), 5.8 against 2.7 us a text for the Russian and Ukrainian texts
 * of ../shared/data (windows-1251), same outputs. */
static Py_ssize_t
fold_pass(const unsigned char *in, Py_ssize_t length, const unsigned char *folds,
          const unsigned char *lower, const unsigned char *classes, int controls_only,
          unsigned char *cased, unsigned char *folded, PyObject *edits, int *mixed)
{
    if (classes != NULL) {
        /* With the look-alike test, branch-free: a look-alike (bit 1) beside a Cyrillic
         * letter (bit 2) sets bit 1 of ``found``. */
        unsigned char previous = 0, current = length ? classes[in[0]] : 0, found = 0;
        for (Py_ssize_t position = 0; position < length; position++) {
            unsigned char next = position + 1 < length ? classes[in[position + 1]] : 0;
            cased[position] = folds[in[position]];
            found |= current & ((previous | next) >> 1);
            previous = current;
            current = next;
        }
        *mixed = found & 1;
    } else if (controls_only) {
        fold_ascii(in, length, folds, cased);
    } else {
        for (Py_ssize_t position = 0; position < length; position++) {
            cased[position] = folds[in[position]];
        }
    }
    /* Runs of spaces: the text between them is moved up in place, a run's first space
     * kept and the rest dropped. */
    Py_ssize_t written = 0, from = 0;
    Py_ssize_t position = next_run(cased, 1, length);
    while (position < length) {
        /* cased[from:position] ends with the run's first space */
        memmove(cased + written, cased + from, position - from);
        written += position - from;
        Py_ssize_t end = position + 1;
        while (end < length && cased[end] == ' ') {
            end++;
        }
        if (add_run(edits, written, position - 1, end) < 0) {
            return -1;
        }
        from = end;
        position = next_run(cased, end + 1, length);
    }
    memmove(cased + written, cased + from, length - from);
    written += length - from;
    if (lower != NULL) {
        for (Py_ssize_t index = 0; index < written; index++) {
            folded[index] = lower[cased[index]];
        }
    } else {
        for (Py_ssize_t index = 0; index < written; index++) {
            unsigned char character = cased[index];
            folded[index] = character + 32 * ((unsigned)(character - 'A') < 26u);
        }
    }
    return written;
}

/* fold_pass into new storage: a buffer of twice ``length`` (the cased copy, then the
 * folded one at ``*buffer + length``: the output is never longer than the input) and a
 * new list of edits. Returns the length written, or -1 with an exception set and
 * nothing left to free. */
static Py_ssize_t
run_pass(const unsigned char *in, Py_ssize_t length, const unsigned char *folds,
         const unsigned char *lower, const unsigned char *classes, int controls_only,
         unsigned char **buffer, PyObject **edits, int *mixed)
{
    *mixed = 0;
    *edits = PyList_New(0);
    if (*edits == NULL) {
        return -1;
    }
    *buffer = PyMem_Malloc(2 * (length ? length : 1));
    if (*buffer == NULL) {
        Py_CLEAR(*edits);
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t written =
        fold_pass(in, length, folds, lower, classes, controls_only, *buffer, *buffer + length,
                  *edits, mixed);
    if (written < 0) {
        Py_CLEAR(*edits);
        PyMem_Free(*buffer);
        *buffer = NULL;
    }
    return written;
}

/* normalise_ascii(text, table) -> (cased, folded, encoded, edits) or None.
 *
 * text: str; None is returned unless it is ASCII.
 * table: bytes of length 128, the fold of each ASCII character (one character to one).
 * cased: text with the folds applied and each run of two or more spaces made one space;
 * folded: cased in lower case; encoded: folded as bytes; edits: one
 * (normalised start, normalised end, original start, original end) per collapsed run,
 * as framing._text._collapse_runs writes them.
 */
static PyObject *
normalise_ascii(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "normalise_ascii takes (text, table)");
        return NULL;
    }
    PyObject *text = args[0];
    PyObject *table_object = args[1];
    if (!PyUnicode_Check(text) || !PyBytes_Check(table_object)
        || PyBytes_GET_SIZE(table_object) != 128) {
        PyErr_SetString(PyExc_TypeError,
                        "normalise_ascii takes a str and a bytes table of 128 folds");
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(text)) {
        Py_RETURN_NONE;
    }
    const unsigned char *table = (const unsigned char *)PyBytes_AS_STRING(table_object);
    int controls_only = 1; /* the table folds only control characters and ` (fold_ascii) */
    for (int code = 0; code < 128; code++) {
        if (table[code] >= 128) {
            PyErr_SetString(PyExc_ValueError, "the fold table must map ASCII to ASCII");
            return NULL;
        }
        controls_only &= code < 0x20 || code == '`' || table[code] == code;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    const unsigned char *in = PyUnicode_1BYTE_DATA(text);
    PyObject *edits;
    unsigned char *cased;
    int mixed;
    Py_ssize_t written = run_pass(in, length, table, NULL, NULL, controls_only, &cased, &edits, &mixed);
    if (written < 0) {
        return NULL;
    }
    unsigned char *folded = cased + length;
    PyObject *cased_text = PyUnicode_New(written, 127);
    PyObject *folded_text = PyUnicode_New(written, 127);
    PyObject *encoded = PyBytes_FromStringAndSize((const char *)folded, written);
    if (cased_text == NULL || folded_text == NULL || encoded == NULL) {
        Py_XDECREF(cased_text);
        Py_XDECREF(folded_text);
        Py_XDECREF(encoded);
        Py_DECREF(edits);
        PyMem_Free(cased);
        return NULL;
    }
    memcpy(PyUnicode_1BYTE_DATA(cased_text), cased, written);
    memcpy(PyUnicode_1BYTE_DATA(folded_text), folded, written);
    PyMem_Free(cased);
    return Py_BuildValue("(NNNN)", cased_text, folded_text, encoded, edits);
}

/* normalise_one_byte(data, folds, lower, classes) -> (cased, folded, edits, mixed).
 *
 * data: bytes, a text in windows-1251 (framing._text.ONE_BYTE) without a soft hyphen.
 * folds, lower: bytes of length 256, the fold and the lower case of each byte.
 * classes: bytes of length 256, bit 1 for a Latin look-alike, bit 2 for a Cyrillic letter.
 * cased: data with the folds applied and each run of two or more spaces made one space;
 * folded: cased in lower case; edits: as normalise_ascii's; mixed: whether a look-alike
 * stands next to a Cyrillic letter (framing._text._ONE_BYTE_MIXED; the folds change no
 * letter and no letter's neighbour, so the input bytes tell).
 */
static PyObject *
normalise_one_byte(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "normalise_one_byte takes (data, folds, lower, classes)");
        return NULL;
    }
    for (int index = 0; index < 4; index++) {
        if (!PyBytes_Check(args[index]) || (index > 0 && PyBytes_GET_SIZE(args[index]) != 256)) {
            PyErr_SetString(PyExc_TypeError,
                            "normalise_one_byte takes bytes and three bytes tables of 256");
            return NULL;
        }
    }
    const unsigned char *in = (const unsigned char *)PyBytes_AS_STRING(args[0]);
    Py_ssize_t length = PyBytes_GET_SIZE(args[0]);
    const unsigned char *folds = (const unsigned char *)PyBytes_AS_STRING(args[1]);
    const unsigned char *lower = (const unsigned char *)PyBytes_AS_STRING(args[2]);
    const unsigned char *classes = (const unsigned char *)PyBytes_AS_STRING(args[3]);
    PyObject *edits;
    unsigned char *cased;
    int mixed;
    Py_ssize_t written = run_pass(in, length, folds, lower, classes, 0, &cased, &edits, &mixed);
    if (written < 0) {
        return NULL;
    }
    unsigned char *folded = cased + length;
    PyObject *cased_bytes = PyBytes_FromStringAndSize((const char *)cased, written);
    PyObject *folded_bytes = PyBytes_FromStringAndSize((const char *)folded, written);
    PyMem_Free(cased);
    if (cased_bytes == NULL || folded_bytes == NULL) {
        Py_XDECREF(cased_bytes);
        Py_XDECREF(folded_bytes);
        Py_DECREF(edits);
        return NULL;
    }
    return Py_BuildValue("(NNNO)", cased_bytes, folded_bytes, edits, mixed ? Py_True : Py_False);
}

/* encode_one_byte(text, codes) -> bytes or None: str.encode of a one-byte encoding.
 *
 * codes: bytes of 2 * 65536, for each code point of the Basic Multilingual Plane its
 * byte (little-endian 16 bits), or 0xFFFF where the encoding lacks it. None when the
 * text holds a character the encoding lacks (as str.encode would raise).
 */
static PyObject *
encode_one_byte(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyBytes_Check(args[1])
        || PyBytes_GET_SIZE(args[1]) != 2 * 65536) {
        PyErr_SetString(PyExc_TypeError,
                        "encode_one_byte takes a str and a bytes table of 65,536 codes");
        return NULL;
    }
    PyObject *text = args[0];
    const unsigned char *codes = (const unsigned char *)PyBytes_AS_STRING(args[1]);
    int kind = PyUnicode_KIND(text);
    if (kind == PyUnicode_4BYTE_KIND) {
        Py_RETURN_NONE; /* no one-byte encoding has characters beyond the BMP */
    }
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    PyObject *encoded = PyBytes_FromStringAndSize(NULL, length);
    if (encoded == NULL) {
        return NULL;
    }
    unsigned char *out = (unsigned char *)PyBytes_AS_STRING(encoded);
    for (Py_ssize_t index = 0; index < length; index++) {
        Py_UCS4 point = PyUnicode_READ(kind, data, index);
        unsigned int code = codes[2 * point] | (codes[2 * point + 1] << 8);
        if (code > 255) {
            Py_DECREF(encoded);
            Py_RETURN_NONE;
        }
        out[index] = (unsigned char)code;
    }
    return encoded;
}

/* Whether ``data`` holds a byte of 128 or more (a test the compiler vectorises). */
static int
any_high(const unsigned char *data, Py_ssize_t length)
{
    unsigned char any = 0;
    for (Py_ssize_t index = 0; index < length; index++) {
        any |= data[index];
    }
    return any >= 128;
}

/* anchor(data, table, ascii_words) -> b" " + data.translate(table) + b" ": the copy the
 * engine's automaton reads (framing/_engine_text.py), made in one allocation.
 *
 * ascii_words: the table keeps ASCII's word characters (0-9 A-Z a-z _) and makes every
 * other ASCII byte a space, as the engine's does. ASCII data is then mapped by a test the
 * compiler vectorises rather than by a look-up a byte (English news text: 3.6 KB in
 * about a tenth of the time of bytes.translate). */
static PyObject *
anchor(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 3 || !PyBytes_Check(args[0]) || !PyBytes_Check(args[1])
        || PyBytes_GET_SIZE(args[1]) != 256) {
        PyErr_SetString(PyExc_TypeError, "anchor takes bytes, a bytes table of 256 and a flag");
        return NULL;
    }
    int ascii_words = PyObject_IsTrue(args[2]);
    if (ascii_words < 0) {
        return NULL;
    }
    const unsigned char *in = (const unsigned char *)PyBytes_AS_STRING(args[0]);
    const unsigned char *table = (const unsigned char *)PyBytes_AS_STRING(args[1]);
    Py_ssize_t length = PyBytes_GET_SIZE(args[0]);
    PyObject *anchored = PyBytes_FromStringAndSize(NULL, length + 2);
    if (anchored == NULL) {
        return NULL;
    }
    unsigned char *out = (unsigned char *)PyBytes_AS_STRING(anchored);
    out[0] = out[length + 1] = ' ';
    out++;
    if (ascii_words && !any_high(in, length)) {
        for (Py_ssize_t index = 0; index < length; index++) {
            unsigned char byte = in[index];
            unsigned char word = ((unsigned char)(byte - '0') < 10)
                                 | ((unsigned char)((byte | 32) - 'a') < 26) | (byte == '_');
            out[index] = word ? byte : ' ';
        }
    } else {
        for (Py_ssize_t index = 0; index < length; index++) {
            out[index] = table[in[index]];
        }
    }
    return anchored;
}

static PyMethodDef methods[] = {
    {"normalise_ascii", (PyCFunction)(void (*)(void))normalise_ascii, METH_FASTCALL,
     "normalise_ascii(text, table) -> (cased, folded, encoded, edits) or None"},
    {"encode_one_byte", (PyCFunction)(void (*)(void))encode_one_byte, METH_FASTCALL,
     "encode_one_byte(text, codes) -> bytes or None"},
    {"normalise_one_byte", (PyCFunction)(void (*)(void))normalise_one_byte, METH_FASTCALL,
     "normalise_one_byte(data, folds, lower, classes) -> (cased, folded, edits, mixed)"},
    {"anchor", (PyCFunction)(void (*)(void))anchor, METH_FASTCALL,
     "anchor(data, table, ascii_words) -> b' ' + data.translate(table) + b' '"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "framing._kernel",
    "The compiled normalisation of ASCII and windows-1251 text (see framing/_text.py).", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__kernel(void)
{
    return PyModule_Create(&module);
}
