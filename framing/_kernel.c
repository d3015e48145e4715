/* The compiled half of framing's text normalisation: ASCII text, and Cyrillic text as
 * windows-1251 bytes, in one pass each.
 *
 * framing/_text.py holds the rules and the pure-Python implementation; this file only
 * makes the commonest cases fast (English news text is ASCII after the common folds;
 * Russian and Ukrainian news text fits windows-1251). It takes its tables from Python, so
 * the folds are written in one place, and tests/test_kernel.py checks it against the
 * Python steps on generated text.
 *
 * Built by setup.py as an optional extension: where no C compiler is found the install
 * goes on and framing uses the Python path (the same results, slower).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* A run of spaces that starts at ``start`` in the input, where one space has been
 * written (at ``written - 1``): records its edit and returns where it ends, or -1 with
 * an exception set. ``folds`` maps each input byte to its fold. */
static Py_ssize_t
collapse_run(PyObject *edits, const unsigned char *in, Py_ssize_t length,
             const unsigned char *folds, Py_ssize_t start, Py_ssize_t written)
{
    Py_ssize_t end = start + 2;
    while (end < length && folds[in[end]] == ' ') {
        end++;
    }
    PyObject *edit = Py_BuildValue("(nnnn)", written - 1, written, start, end);
    if (edit == NULL) {
        return -1;
    }
    int failed = PyList_Append(edits, edit);
    Py_DECREF(edit);
    return failed ? -1 : end;
}

/* The one pass of both normalisations: each input byte's fold, each run of two or more
 * spaces made one space (its edit recorded), and the lower case, written to ``cased``
 * and ``folded`` (each at least ``length`` long). ``lower`` NULL: ASCII's lower case.
 * ``classes`` not NULL: ``*mixed`` set when a look-alike (bit 1) stands next to a
 * Cyrillic letter (bit 2) in the input. Returns the length written, or -1 with an
 * exception set. */
static Py_ssize_t
fold_pass(const unsigned char *in, Py_ssize_t length, const unsigned char *folds,
          const unsigned char *lower, const unsigned char *classes, unsigned char *cased,
          unsigned char *folded, PyObject *edits, int *mixed)
{
    Py_ssize_t written = 0;
    int previous_space = 0;
    for (Py_ssize_t position = 0; position < length; position++) {
        unsigned char byte = in[position];
        if (classes != NULL && (classes[byte] & 1) && !*mixed) {
            *mixed = (position > 0 && (classes[in[position - 1]] & 2))
                     || (position + 1 < length && (classes[in[position + 1]] & 2));
        }
        unsigned char character = folds[byte];
        int space = character == ' ';
        if (space & previous_space) {
            /* A run of spaces (rare): it began one character back, where one space was
             * written; the rest of it is dropped (a space is neither class of the
             * look-alike test). Branch-free otherwise: a test per character that
             * mispredicts at every space costs three times the pass. */
            Py_ssize_t end = collapse_run(edits, in, length, folds, position - 1, written);
            if (end < 0) {
                return -1;
            }
            position = end - 1;
            continue;
        }
        cased[written] = character;
        folded[written] = lower != NULL ? lower[character]
                                        : character + 32 * ((unsigned)(character - 'A') < 26u);
        written++;
        previous_space = space;
    }
    return written;
}

/* fold_pass into new storage: a buffer of twice ``length`` (the cased copy, then the
 * folded one at ``*buffer + length``: the output is never longer than the input) and a
 * new list of edits. Returns the length written, or -1 with an exception set and
 * nothing left to free. */
static Py_ssize_t
run_pass(const unsigned char *in, Py_ssize_t length, const unsigned char *folds,
         const unsigned char *lower, const unsigned char *classes, unsigned char **buffer,
         PyObject **edits, int *mixed)
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
        fold_pass(in, length, folds, lower, classes, *buffer, *buffer + length, *edits, mixed);
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
    for (int code = 0; code < 128; code++) {
        if (table[code] >= 128) {
            PyErr_SetString(PyExc_ValueError, "the fold table must map ASCII to ASCII");
            return NULL;
        }
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    const unsigned char *in = PyUnicode_1BYTE_DATA(text);
    PyObject *edits;
    unsigned char *cased;
    int mixed;
    Py_ssize_t written = run_pass(in, length, table, NULL, NULL, &cased, &edits, &mixed);
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
    Py_ssize_t written = run_pass(in, length, folds, lower, classes, &cased, &edits, &mixed);
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

static PyMethodDef methods[] = {
    {"normalise_ascii", (PyCFunction)(void (*)(void))normalise_ascii, METH_FASTCALL,
     "normalise_ascii(text, table) -> (cased, folded, encoded, edits) or None"},
    {"encode_one_byte", (PyCFunction)(void (*)(void))encode_one_byte, METH_FASTCALL,
     "encode_one_byte(text, codes) -> bytes or None"},
    {"normalise_one_byte", (PyCFunction)(void (*)(void))normalise_one_byte, METH_FASTCALL,
     "normalise_one_byte(data, folds, lower, classes) -> (cased, folded, edits, mixed)"},
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
