/* The compiled half of framing's text normalisation: printable ASCII text in one pass.
 *
 * framing/_text.py holds the rules and the pure-Python implementation; this file only
 * makes the commonest case fast (English news text is ASCII after the common folds). It
 * takes the fold table from Python, so the folds are written in one place, and
 * tests/test_kernel.py checks it against the Python path on generated text.
 *
 * Built by setup.py as an optional extension: where no C compiler is found the install
 * goes on and framing uses the Python path (the same results, slower).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

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
    PyObject *edits = PyList_New(0);
    if (edits == NULL) {
        return NULL;
    }
    /* The output is never longer than the input: one buffer for the cased copy and one
     * for the folded, filled in one pass. */
    unsigned char *cased = PyMem_Malloc(2 * (length ? length : 1));
    if (cased == NULL) {
        Py_DECREF(edits);
        return PyErr_NoMemory();
    }
    unsigned char *folded = cased + length;
    Py_ssize_t written = 0;
    int previous_space = 0;
    for (Py_ssize_t position = 0; position < length; position++) {
        unsigned char character = table[in[position]];
        int space = character == ' ';
        if (space & previous_space) {
            /* A run of spaces (rare): it began one character back, where one space was
             * written; the rest of it is dropped. Branch-free otherwise: a test per
             * character that mispredicts at every space costs three times the pass. */
            Py_ssize_t start = position - 1;
            Py_ssize_t end = position + 1;
            while (end < length && table[in[end]] == ' ') {
                end++;
            }
            PyObject *edit = Py_BuildValue("(nnnn)", written - 1, written, start, end);
            if (edit == NULL || PyList_Append(edits, edit) < 0) {
                Py_XDECREF(edit);
                Py_DECREF(edits);
                PyMem_Free(cased);
                return NULL;
            }
            Py_DECREF(edit);
            position = end - 1;
            continue;
        }
        cased[written] = character;
        folded[written] = character + 32 * ((unsigned)(character - 'A') < 26u);
        written++;
        previous_space = space;
    }
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

static PyMethodDef methods[] = {
    {"normalise_ascii", (PyCFunction)(void (*)(void))normalise_ascii, METH_FASTCALL,
     "normalise_ascii(text, table) -> (cased, folded, encoded, edits) or None"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "framing._kernel",
    "The compiled normalisation of ASCII text (see framing/_text.py).", -1, methods,
};

PyMODINIT_FUNC
PyInit__kernel(void)
{
    return PyModule_Create(&module);
}
