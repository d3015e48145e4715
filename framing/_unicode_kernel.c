/* The compiled folds and runs of text that is neither ASCII nor windows-1251 (Telegram
 * posts with emoji, English text with "é"): framing._text's general path, after NFC.
 *
 * framing/_text.py holds the rules and the pure-Python steps (_TO_FOLD.sub, then
 * _collapse_runs); this file does the same in one pass over the string, with the folds
 * as a table made from framing._text's, and tests/test_kernel.py checks it against the
 * Python steps on generated text. Built by setup.py as an optional extension: where no
 * C compiler is found the install goes on and framing uses the Python path (the same
 * results, slower).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

/* In the table: the character is deleted (framing._text.DELETED). No fold gives U+FFFF,
 * a noncharacter. */
#define DELETED 0xFFFF

/* The fold of code point ``code``: the table's entry for the Basic Multilingual Plane
 * (0: the character stays), the character itself above it (framing._text folds the few
 * characters there before the call). */
static inline Py_UCS4
fold_of(const unsigned char *table, Py_UCS4 code)
{
    if (code > 0xFFFF) {
        return code;
    }
    Py_UCS4 folded = (Py_UCS4)table[2 * code] | ((Py_UCS4)table[2 * code + 1] << 8);
    return folded == 0 ? code : folded;
}

/* Appends the edit (normalised start, normalised end, original start, original end);
 * -1 with an exception set. */
static int
add_edit(PyObject *edits, Py_ssize_t from, Py_ssize_t to, Py_ssize_t start, Py_ssize_t end)
{
    PyObject *edit = Py_BuildValue("(nnnn)", from, to, start, end);
    if (edit == NULL) {
        return -1;
    }
    int failed = PyList_Append(edits, edit);
    Py_DECREF(edit);
    return failed;
}

/* fold_and_collapse(text, table) -> (normalised, edits).
 *
 * text: str, NFC, with the folds above the Basic Multilingual Plane already applied.
 * table: bytes of 2 * 65536, for each code point its fold (little-endian 16 bits; 0 when
 * it stays, 0xFFFF when it is deleted).
 * normalised: each character folded; then, in each longest run of spaces and deleted
 * characters that holds a deleted character or two spaces, the deleted characters
 * removed and the spaces made one space. edits: one (normalised start, normalised end,
 * original start, original end) per change, in order, as framing._text._collapse_runs
 * writes them.
 */
static PyObject *
fold_and_collapse(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyBytes_Check(args[1])
        || PyBytes_GET_SIZE(args[1]) != 2 * 65536) {
        PyErr_SetString(PyExc_TypeError,
                        "fold_and_collapse takes a str and a bytes table of 2 * 65536");
        return NULL;
    }
    PyObject *text = args[0];
    const unsigned char *table = (const unsigned char *)PyBytes_AS_STRING(args[1]);
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    Py_UCS4 *out = PyMem_Malloc(sizeof(Py_UCS4) * (length > 0 ? length : 1));
    PyObject *edits = PyList_New(0);
    if (out == NULL || edits == NULL) {
        PyMem_Free(out);
        Py_XDECREF(edits);
        return PyErr_NoMemory();
    }
    Py_ssize_t written = 0;
    Py_ssize_t position = 0;
    while (position < length) {
        Py_UCS4 folded = fold_of(table, PyUnicode_READ(kind, data, position));
        if (folded != ' ' && folded != DELETED) {
            out[written++] = folded;
            position++;
            continue;
        }
        /* A run of spaces and deleted characters: its end, its spaces. */
        Py_ssize_t start = position, end = position;
        Py_ssize_t first = -1, last = -1, spaces = 0, deleted = 0;
        while (end < length) {
            Py_UCS4 code = fold_of(table, PyUnicode_READ(kind, data, end));
            if (code == ' ') {
                if (first < 0) {
                    first = end;
                }
                last = end + 1;
                spaces++;
            } else if (code == DELETED) {
                deleted++;
            } else {
                break;
            }
            end++;
        }
        position = end;
        if (deleted == 0 && spaces < 2) { /* one space: kept as it is */
            out[written++] = ' ';
            continue;
        }
        if (spaces == 0) { /* deleted characters only: all go */
            if (add_edit(edits, written, written, start, end) < 0) {
                goto failed;
            }
            continue;
        }
        if (first > start && add_edit(edits, written, written, start, first) < 0) {
            goto failed;
        }
        if (last - first > 1 && add_edit(edits, written, written + 1, first, last) < 0) {
            goto failed;
        }
        out[written++] = ' ';
        if (end > last && add_edit(edits, written, written, last, end) < 0) {
            goto failed;
        }
    }
    PyObject *normalised = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, written);
    PyMem_Free(out);
    if (normalised == NULL) {
        Py_DECREF(edits);
        return NULL;
    }
    return Py_BuildValue("(NN)", normalised, edits);
failed:
    PyMem_Free(out);
    Py_DECREF(edits);
    return NULL;
}

static PyMethodDef methods[] = {
    {"fold_and_collapse", (PyCFunction)(void (*)(void))fold_and_collapse, METH_FASTCALL,
     "fold_and_collapse(text, table) -> (normalised, edits)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "framing._unicode_kernel",
    "The compiled folds and runs of text in any script (see framing/_text.py).", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__unicode_kernel(void)
{
    return PyModule_Create(&module);
}
