/* The compiled half of framing/_offsets.py: hits mapped back from the normalised copy of
 * a text to the text, through the edits of each normalisation step.
 *
 * framing/_offsets.py holds the Python implementation (its _Layer), which stays the
 * reference: tests/test_offsets.py checks this file against it on generated edits.
 *
 * Built by setup.py as an optional extension: where no C compiler is found the install
 * goes on and framing uses the Python path (the same results, slower).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* One layer of an offset map (framing/_offsets.py): its edits, each with the shift of
 * the positions before it (how much longer the original is up to there). */
typedef struct {
    Py_ssize_t norm_start, norm_end, orig_start, orig_end, shift;
} Edit;

/* The edits of ``layer`` (a list of (norm_start, norm_end, orig_start, orig_end)) read
 * into ``edits`` (``*total``: the shift after the last); -1 with an exception set. */
static int
read_layer(PyObject *layer, Edit *edits, Py_ssize_t count, Py_ssize_t *total)
{
    Py_ssize_t shift = 0;
    for (Py_ssize_t index = 0; index < count; index++) {
        PyObject *edit = PyList_GET_ITEM(layer, index);
        if (!PyTuple_Check(edit) || PyTuple_GET_SIZE(edit) != 4) {
            PyErr_SetString(PyExc_TypeError, "an edit is a tuple of four positions");
            return -1;
        }
        Py_ssize_t values[4];
        for (int part = 0; part < 4; part++) {
            values[part] = PyLong_AsSsize_t(PyTuple_GET_ITEM(edit, part));
            if (values[part] == -1 && PyErr_Occurred()) {
                return -1;
            }
        }
        edits[index] = (Edit){values[0], values[1], values[2], values[3], shift};
        shift += (values[3] - values[2]) - (values[1] - values[0]);
    }
    *total = shift;
    return 0;
}

/* The first edit whose normalised end lies after ``position`` (bisect_right). */
static Py_ssize_t
edit_after(const Edit *edits, Py_ssize_t count, Py_ssize_t position)
{
    Py_ssize_t low = 0, high = count;
    while (low < high) {
        Py_ssize_t middle = low + (high - low) / 2;
        if (edits[middle].norm_end <= position) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return low;
}

/* _Layer.start (``end`` 0) or _Layer.end (``end`` 1) of framing/_offsets.py. */
static Py_ssize_t
layer_map(const Edit *edits, Py_ssize_t count, Py_ssize_t total, Py_ssize_t position, int end)
{
    if (end && position == 0) {
        return 0;
    }
    Py_ssize_t character = position - end; /* the character whose place is looked up */
    Py_ssize_t index = edit_after(edits, count, character);
    if (index < count && edits[index].norm_start <= character) {
        return end ? edits[index].orig_end : edits[index].orig_start;
    }
    return position + (index < count ? edits[index].shift : total);
}

/* map_spans(layers, found): OffsetMap.spans of framing/_offsets.py. ``layers``: the
 * map's lists of edits, the first step's first; ``found``: (start, end, tag) tuples in
 * the normalised text. Returns them with start and end in the original text. */
static PyObject *
map_spans(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2 || !PyList_Check(args[0]) || !PyList_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "map_spans takes a list of layers and a list of spans");
        return NULL;
    }
    PyObject *layers = args[0], *found = args[1];
    Py_ssize_t layer_count = PyList_GET_SIZE(layers), edit_count = 0;
    for (Py_ssize_t layer = 0; layer < layer_count; layer++) {
        PyObject *edits = PyList_GET_ITEM(layers, layer);
        if (!PyList_Check(edits)) {
            PyErr_SetString(PyExc_TypeError, "a layer is a list of edits");
            return NULL;
        }
        edit_count += PyList_GET_SIZE(edits);
    }
    /* All layers' edits in one block: layer i's are edits[bounds[i]:bounds[i + 1]], and
     * totals[i] is its shift after the last. */
    Edit *edits = PyMem_Malloc((edit_count + 1) * sizeof(Edit));
    Py_ssize_t *bounds = PyMem_Malloc((2 * layer_count + 1) * sizeof(Py_ssize_t));
    PyObject *result = NULL;
    if (edits == NULL || bounds == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t *totals = bounds + layer_count + 1;
    bounds[0] = 0;
    for (Py_ssize_t layer = 0; layer < layer_count; layer++) {
        PyObject *these = PyList_GET_ITEM(layers, layer);
        Py_ssize_t count = PyList_GET_SIZE(these);
        if (read_layer(these, edits + bounds[layer], count, &totals[layer]) < 0) {
            goto done;
        }
        bounds[layer + 1] = bounds[layer] + count;
    }
    Py_ssize_t count = PyList_GET_SIZE(found);
    result = PyList_New(count);
    if (result == NULL) {
        goto done;
    }
    for (Py_ssize_t index = 0; index < count; index++) {
        PyObject *span = PyList_GET_ITEM(found, index);
        if (!PyTuple_Check(span) || PyTuple_GET_SIZE(span) != 3) {
            PyErr_SetString(PyExc_TypeError, "a span is a tuple (start, end, tag)");
            Py_CLEAR(result);
            goto done;
        }
        Py_ssize_t start = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 0));
        Py_ssize_t end = PyLong_AsSsize_t(PyTuple_GET_ITEM(span, 1));
        if ((start == -1 || end == -1) && PyErr_Occurred()) {
            Py_CLEAR(result);
            goto done;
        }
        for (Py_ssize_t layer = layer_count - 1; layer >= 0; layer--) {
            const Edit *these = edits + bounds[layer];
            Py_ssize_t size = bounds[layer + 1] - bounds[layer];
            start = layer_map(these, size, totals[layer], start, 0);
            end = layer_map(these, size, totals[layer], end, 1);
        }
        PyObject *mapped = Py_BuildValue("(nnO)", start, end, PyTuple_GET_ITEM(span, 2));
        if (mapped == NULL) {
            Py_CLEAR(result);
            goto done;
        }
        PyList_SET_ITEM(result, index, mapped);
    }
done:
    PyMem_Free(edits);
    PyMem_Free(bounds);
    return result;
}

static PyMethodDef methods[] = {
    {"map_spans", (PyCFunction)(void (*)(void))map_spans, METH_FASTCALL,
     "map_spans(layers, found) -> the spans in the original text (OffsetMap.spans)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "framing._offsets_kernel",
    "Hits mapped back to the original text in compiled code (see framing/_offsets.py).", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__offsets_kernel(void)
{
    return PyModule_Create(&module);
}
