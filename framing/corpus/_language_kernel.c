/* The compiled half of language identification: py3langid's byte-automaton walk over
 * many texts, and the letter counts that decide Russian and Ukrainian without it.
 *
 * It also computes the naive Bayes sums of the walk's counts, so that a read needs no
 * SciPy (whose import costs a first call 0.3 s).
 *
 * framing/corpus/_language_batch.py and framing/corpus/language.py hold the rules and a
 * Python (numpy, SciPy) implementation of all three; this file only makes them fast (the
 * walk is one numpy step per byte position there, the letters a Python loop per character).
 * tests/corpus/test_language_kernel.py checks it against them on generated text.
 *
 * Built by setup.py as an optional extension: where no C compiler is found the install
 * goes on and framing uses the Python path (the same results, slower).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* A buffer of ``itemsize``-byte items, one-dimensional and contiguous, or -1 with a
 * TypeError naming ``what``. */
static int
get_items(PyObject *object, Py_buffer *view, Py_ssize_t itemsize, const char *what)
{
    if (PyObject_GetBuffer(object, view, PyBUF_C_CONTIGUOUS) < 0) {
        return -1;
    }
    if (view->itemsize != itemsize || view->len % itemsize != 0) {
        PyErr_Format(PyExc_TypeError, "%s must hold %zd-byte items", what, itemsize);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

static void
release_all(Py_buffer *views, int count)
{
    for (int index = 0; index < count; index++) {
        PyBuffer_Release(&views[index]);
    }
}

/* get_items of ``count`` objects into ``views``; on a failure, the ones already taken
 * are released and -1 returned with the exception set. */
static int
get_all(PyObject *const *objects, Py_buffer *views, const Py_ssize_t *itemsizes,
        const char *const *names, int count)
{
    for (int index = 0; index < count; index++) {
        if (get_items(objects[index], &views[index], itemsizes[index], names[index]) < 0) {
            release_all(views, index);
            return -1;
        }
    }
    return 0;
}

/* walk(texts, nextmove, rowbase, output, features) -> (indptr, indices, counts)
 *
 * Each text (bytes) walked through the automaton from state 0, as py3langid's
 * visit_counts does: state = nextmove[rowbase[state] + byte]; output[state] >= 0 is the
 * feature found there. The result is the (text, feature) count matrix in CSR form, as
 * bytes: indptr (int64, one more than the texts), indices (int32, each text's features
 * in the order first found) and counts (float32). nextmove is uint32, rowbase and output
 * int64 (numpy arrays); every index is checked, so a damaged model raises ValueError
 * instead of reading outside its tables. */
static PyObject *
walk(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 5 || !PyList_Check(args[0]) || !PyLong_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError,
                        "walk takes a list of bytes, three arrays and the number of features");
        return NULL;
    }
    PyObject *texts = args[0];
    Py_ssize_t features = PyLong_AsSsize_t(args[4]);
    if (features < 0 || features > INT32_MAX) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "the number of features is out of range");
        }
        return NULL;
    }
    Py_buffer views[3];
    static const Py_ssize_t itemsizes[3] = {4, 8, 8};
    static const char *const names[3] = {"nextmove", "rowbase", "output"};
    if (get_all(args + 1, views, itemsizes, names, 3) < 0) {
        return NULL;
    }
    const uint32_t *nextmove = (const uint32_t *)views[0].buf;
    const int64_t *rowbase = (const int64_t *)views[1].buf;
    const int64_t *output = (const int64_t *)views[2].buf;
    Py_ssize_t move_count = views[0].len / 4, row_count = views[1].len / 8;
    Py_ssize_t output_count = views[2].len / 8;
    Py_ssize_t text_count = PyList_GET_SIZE(texts);
    Py_ssize_t total = 0;
    for (Py_ssize_t index = 0; index < text_count; index++) {
        PyObject *text = PyList_GET_ITEM(texts, index);
        if (!PyBytes_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "walk takes a list of bytes");
            goto fail_buffers;
        }
        total += PyBytes_GET_SIZE(text); /* at most one feature per byte */
    }
    PyObject *indptr = PyBytes_FromStringAndSize(NULL, (text_count + 1) * 8);
    /* a text's features are at most its bytes: room for all, trimmed at the end */
    int32_t *indices = PyMem_Malloc((total + 1) * sizeof(int32_t));
    float *counts = PyMem_Malloc((total + 1) * sizeof(float));
    /* per feature, its place among the current text's features plus one (0: not found) */
    int32_t *place = PyMem_Calloc(features + 1, sizeof(int32_t));
    if (indptr == NULL || indices == NULL || counts == NULL || place == NULL) {
        if (indptr != NULL) {
            PyErr_NoMemory();
        }
        Py_XDECREF(indptr);
        PyMem_Free(indices);
        PyMem_Free(counts);
        PyMem_Free(place);
        goto fail_buffers;
    }
    int64_t *pointers = (int64_t *)PyBytes_AS_STRING(indptr);
    Py_ssize_t found = 0;
    const char *problem = NULL;
    pointers[0] = 0;
    for (Py_ssize_t index = 0; index < text_count && problem == NULL; index++) {
        PyObject *text = PyList_GET_ITEM(texts, index);
        const unsigned char *bytes = (const unsigned char *)PyBytes_AS_STRING(text);
        Py_ssize_t length = PyBytes_GET_SIZE(text);
        Py_ssize_t first = found;
        int64_t state = 0;
        for (Py_ssize_t position = 0; position < length; position++) {
            if (state < 0 || state >= row_count || state >= output_count) {
                problem = "the automaton reached a state outside its tables";
                break;
            }
            int64_t move = rowbase[state] + bytes[position];
            if (move < 0 || move >= move_count) {
                problem = "the automaton's move is outside its table";
                break;
            }
            state = nextmove[move];
            if (state >= output_count) {
                problem = "the automaton reached a state outside its tables";
                break;
            }
            int64_t feature = output[state];
            if (feature < 0) {
                continue;
            }
            if (feature >= features) {
                problem = "the automaton found a feature outside the model";
                break;
            }
            int32_t seen = place[feature];
            if (seen) { /* its place among this text's features, plus one */
                counts[first + seen - 1] += 1.0f;
            } else {
                indices[found] = (int32_t)feature;
                counts[found] = 1.0f;
                found++;
                place[feature] = (int32_t)(found - first);
            }
        }
        for (Py_ssize_t item = first; item < found; item++) {
            place[indices[item]] = 0;
        }
        pointers[index + 1] = found;
    }
    PyMem_Free(place);
    PyObject *result = NULL;
    if (problem != NULL) {
        PyErr_SetString(PyExc_ValueError, problem);
    } else {
        result = Py_BuildValue("(Ny#y#)", indptr, (const char *)indices,
                               (Py_ssize_t)(found * sizeof(int32_t)), (const char *)counts,
                               (Py_ssize_t)(found * sizeof(float)));
        indptr = NULL; /* the tuple holds it, or Py_BuildValue released it */
    }
    Py_XDECREF(indptr);
    PyMem_Free(indices);
    PyMem_Free(counts);
    release_all(views, 3);
    return result;

fail_buffers:
    release_all(views, 3);
    return NULL;
}

/* product(indptr, columns, weights, rows, classes) -> bytes
 *
 * The texts' naive Bayes sums: for each text t, the sum over its features j of
 * weights[j] * rows[columns[j]], a row of ``classes`` float32 values, as SciPy's sparse
 * product computes it (float32, in the order of the features). indptr is int64 (one more
 * than the texts), columns int32, weights and rows float32; every index is checked.
 * Returns the (texts, classes) float32 matrix as bytes. */
static PyObject *
product(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 5 || !PyLong_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError,
                        "product takes four arrays and the number of classes");
        return NULL;
    }
    Py_ssize_t classes = PyLong_AsSsize_t(args[4]);
    if (classes <= 0) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "the number of classes must be positive");
        }
        return NULL;
    }
    Py_buffer views[4];
    static const Py_ssize_t itemsizes[4] = {8, 4, 4, 4};
    static const char *const names[4] = {"indptr", "columns", "weights", "rows"};
    if (get_all(args, views, itemsizes, names, 4) < 0) {
        return NULL;
    }
    const int64_t *indptr = (const int64_t *)views[0].buf;
    const int32_t *column = (const int32_t *)views[1].buf;
    const float *weight = (const float *)views[2].buf;
    const float *row = (const float *)views[3].buf;
    Py_ssize_t texts = views[0].len / 8 - 1, found = views[1].len / 4;
    Py_ssize_t weight_count = views[2].len / 4, value_count = views[3].len / 4;
    Py_ssize_t row_count = value_count / classes;
    PyObject *result = NULL;
    const char *problem = NULL;
    if (texts < 0 || weight_count != found || value_count != row_count * classes) {
        problem = "the arrays' lengths do not fit together";
    } else if (indptr[0] != 0 || indptr[texts] != found) {
        problem = "indptr does not span the features";
    }
    for (Py_ssize_t text = 0; problem == NULL && text < texts; text++) {
        if (indptr[text + 1] < indptr[text]) {
            problem = "indptr is not increasing";
        }
    }
    for (Py_ssize_t item = 0; problem == NULL && item < found; item++) {
        if (column[item] < 0 || column[item] >= row_count) {
            problem = "a column is outside the rows";
        }
    }
    if (problem != NULL) {
        PyErr_SetString(PyExc_ValueError, problem);
    } else {
        result = PyBytes_FromStringAndSize(NULL, texts * classes * (Py_ssize_t)sizeof(float));
    }
    if (result != NULL) {
        float *out = (float *)PyBytes_AS_STRING(result);
        memset(out, 0, texts * classes * sizeof(float));
        for (Py_ssize_t text = 0; text < texts; text++) {
            float *sums = out + text * classes;
            for (int64_t item = indptr[text]; item < indptr[text + 1]; item++) {
                const float *values = row + (Py_ssize_t)column[item] * classes;
                float factor = weight[item];
                for (Py_ssize_t class = 0; class < classes; class++) {
                    sums[class] += factor * values[class];
                }
            }
        }
    }
    release_all(views, 4);
    return result;
}

/* letters(sample) -> (letters, cyrillic, marks)
 *
 * The sample's letters (str.isalpha), those of them in U+0400-U+04FF, and which of three
 * sets of letters it holds, as bits: 1 Ukrainian only (ї є ґ), 2 Russian only (ы э ё),
 * 4 not Russian (і ї є ґ ў), upper case included (framing/corpus/language.py). */
static PyObject *
letters(PyObject *module, PyObject *sample)
{
    (void)module;
    if (!PyUnicode_Check(sample)) {
        PyErr_SetString(PyExc_TypeError, "letters takes a str");
        return NULL;
    }
    int kind = PyUnicode_KIND(sample);
    const void *data = PyUnicode_DATA(sample);
    Py_ssize_t length = PyUnicode_GET_LENGTH(sample);
    Py_ssize_t letter_count = 0, cyrillic = 0;
    long marks = 0;
    for (Py_ssize_t index = 0; index < length; index++) {
        Py_UCS4 point = PyUnicode_READ(kind, data, index);
        if (point < 128) { /* ASCII: no call for the commonest characters */
            letter_count += ((point | 0x20) - 'a') < 26u;
            continue;
        }
        if (!Py_UNICODE_ISALPHA(point)) {
            continue;
        }
        letter_count++;
        if (point < 0x400 || point > 0x4ff) {
            continue;
        }
        cyrillic++;
        switch (point) {
        case 0x457: case 0x407: /* ї Ї */
        case 0x454: case 0x404: /* є Є */
        case 0x491: case 0x490: /* ґ Ґ */
            marks |= 1 | 4;
            break;
        case 0x44b: case 0x42b: /* ы Ы */
        case 0x44d: case 0x42d: /* э Э */
        case 0x451: case 0x401: /* ё Ё */
            marks |= 2;
            break;
        case 0x456: case 0x406: /* і І */
        case 0x45e: case 0x40e: /* ў Ў */
            marks |= 4;
            break;
        default:
            break;
        }
    }
    return Py_BuildValue("(nnl)", letter_count, cyrillic, marks);
}

static PyMethodDef methods[] = {
    {"walk", (PyCFunction)(void (*)(void))walk, METH_FASTCALL,
     "walk(texts, nextmove, rowbase, output, features) -> (indptr, indices, counts)"},
    {"product", (PyCFunction)(void (*)(void))product, METH_FASTCALL,
     "product(indptr, columns, weights, rows, classes) -> bytes"},
    {"letters", (PyCFunction)letters, METH_O,
     "letters(sample) -> (letters, cyrillic, marks)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "framing.corpus._language_kernel",
    "The compiled walk and letter counts of language identification "
    "(see framing/corpus/_language_batch.py).", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__language_kernel(void)
{
    return PyModule_Create(&module);
}
