/* The compiled half of framing/voice/_keys.py: the cue keys and speech-verb pieces in a
 * stretch of a text, as the key automaton finds them in the stretch's lower case.
 *
 * framing/voice/_keys.py holds the keys and the Python path (ahocorasick_rs over
 * ``text[start:stop].lower()``), which stays the reference: tests/test_voice_kernels.py
 * checks this file against it on generated text. Here a hit's window is read where it is,
 * without a lower-case copy: each character of a key has a class (one per character of
 * the keys), a text's character has the class of its lower case (or 0), and a table of
 * the pairs of classes that begin a key, with a bit set of the classes that may come
 * third, leaves a handful of keys to compare in the few places where one may begin. Only
 * for texts without the case traps of framing/voice/_cues.py, as the Python path: then
 * the lower case of each character is one character (Py_UNICODE_TOLOWER, the same as
 * str.lower for every character but İ).
 *
 * Built by setup.py as an optional extension: where no C compiler is found the install
 * goes on and framing uses the Python path (the same results, slower).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>

#if defined(__GNUC__) || defined(__clang__)
#define ALWAYS_INLINE static inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE static inline
#endif

/* Characters below this have their class in a table; the others are looked up. */
#define TABLED 0x500
#define MAX_CLASSES 255

typedef struct {
    unsigned char *classes; /* the class of each character of the key */
    Py_ssize_t length;
    PyObject *kind; /* the key's kind bits (framing/voice/_keys.py), as an int */
} Key;

typedef struct {
    unsigned short from, to; /* keys[from:to] begin with this pair of classes */
    unsigned int thirds;     /* bit (c % 32) for each class c of their third characters */
} Pair;

typedef struct {
    Key *keys;
    Py_ssize_t count;
    int classes;                   /* how many, 0 (no key's character) included */
    unsigned char direct[TABLED];  /* the class of each key character below TABLED */
    unsigned char lowered[TABLED]; /* the class of each character's lower case */
    Py_UCS4 far[MAX_CLASSES + 1];  /* the key characters from TABLED on, and ... */
    unsigned char far_class[MAX_CLASSES + 1]; /* ... their classes */
    int far_count;
    Pair *pairs;        /* pairs[a * classes + b] */
    Key *singles[MAX_CLASSES + 1]; /* the key of one character of each class, if any */
} Table;

static const char *TABLE_NAME = "framing.voice._keys_kernel.table";

static void
free_table(PyObject *capsule)
{
    Table *table = PyCapsule_GetPointer(capsule, TABLE_NAME);
    if (table == NULL) {
        return;
    }
    for (Py_ssize_t index = 0; index < table->count; index++) {
        PyMem_Free(table->keys[index].classes);
        Py_XDECREF(table->keys[index].kind);
    }
    PyMem_Free(table->keys);
    PyMem_Free(table->pairs);
    PyMem_Free(table);
}

/* The class of a key character, or 0 when no key holds it. */
static inline int
key_class(const Table *table, Py_UCS4 character)
{
    if (character < TABLED) {
        return table->direct[character];
    }
    for (int index = 0; index < table->far_count; index++) {
        if (table->far[index] == character) {
            return table->far_class[index];
        }
    }
    return 0;
}

/* The class of a text's character: that of its lower case. */
static inline int
class_of(const Table *table, Py_UCS4 character)
{
    if (character < TABLED) {
        return table->lowered[character];
    }
    return key_class(table, Py_UNICODE_TOLOWER(character));
}

/* A class for ``character``, a new one if it has none yet; -1 with an exception set. */
static int
add_class(Table *table, Py_UCS4 character)
{
    int found = key_class(table, character);
    if (found) {
        return found;
    }
    if (table->classes > MAX_CLASSES) {
        PyErr_SetString(PyExc_ValueError, "the keys hold too many different characters");
        return -1;
    }
    int made = table->classes++;
    if (character < TABLED) {
        table->direct[character] = (unsigned char)made;
    } else {
        table->far[table->far_count] = character;
        table->far_class[table->far_count++] = (unsigned char)made;
    }
    return made;
}

/* By their first two classes, then the shorter first: the keys that match at one place
 * come out in the order of their ends. */
static int
by_classes_then_length(const void *left, const void *right)
{
    const Key *a = left, *b = right;
    int first = a->classes[0] - b->classes[0];
    if (first) {
        return first;
    }
    int second = (a->length > 1 ? a->classes[1] : 0) - (b->length > 1 ? b->classes[1] : 0);
    if (second) {
        return second;
    }
    return (a->length > b->length) - (a->length < b->length);
}

/* table(keys, kinds) -> the table window() reads (a capsule). */
static PyObject *
make_table(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2 || !PyTuple_Check(args[0]) || !PyTuple_Check(args[1])
        || PyTuple_GET_SIZE(args[0]) != PyTuple_GET_SIZE(args[1])
        || PyTuple_GET_SIZE(args[0]) > 65535) {
        PyErr_SetString(PyExc_TypeError,
                        "table takes a tuple of keys (at most 65,535) and one of their kinds");
        return NULL;
    }
    Py_ssize_t count = PyTuple_GET_SIZE(args[0]);
    Table *table = PyMem_Calloc(1, sizeof(Table));
    if (table == NULL || (table->keys = PyMem_Calloc(count ? count : 1, sizeof(Key))) == NULL) {
        PyMem_Free(table);
        return PyErr_NoMemory();
    }
    table->classes = 1;
    PyObject *capsule = PyCapsule_New(table, TABLE_NAME, free_table);
    if (capsule == NULL) {
        PyMem_Free(table->keys);
        PyMem_Free(table);
        return NULL;
    }
    for (Py_ssize_t index = 0; index < count; index++) {
        PyObject *key = PyTuple_GET_ITEM(args[0], index);
        PyObject *kind = PyTuple_GET_ITEM(args[1], index);
        if (!PyUnicode_Check(key) || PyUnicode_GET_LENGTH(key) == 0 || !PyLong_Check(kind)) {
            PyErr_SetString(PyExc_TypeError, "a key is a non-empty str and its kind an int");
            goto failed;
        }
        Py_ssize_t length = PyUnicode_GET_LENGTH(key);
        unsigned char *classes = PyMem_Malloc(length);
        if (classes == NULL) {
            PyErr_NoMemory();
            goto failed;
        }
        Py_INCREF(kind);
        table->keys[index] = (Key){classes, length, kind};
        table->count = index + 1;
        for (Py_ssize_t offset = 0; offset < length; offset++) {
            int made = add_class(table, PyUnicode_READ_CHAR(key, offset));
            if (made < 0) {
                goto failed;
            }
            classes[offset] = (unsigned char)made;
        }
    }
    for (Py_UCS4 character = 0; character < TABLED; character++) {
        table->lowered[character] = (unsigned char)key_class(table, Py_UNICODE_TOLOWER(character));
    }
    qsort(table->keys, count, sizeof(Key), by_classes_then_length);
    table->pairs = PyMem_Calloc((size_t)table->classes * table->classes, sizeof(Pair));
    if (table->pairs == NULL) {
        PyErr_NoMemory();
        goto failed;
    }
    for (Py_ssize_t index = count - 1; index >= 0; index--) {
        Key *key = &table->keys[index];
        if (key->length == 1) {
            table->singles[key->classes[0]] = key;
            continue;
        }
        Pair *pair = &table->pairs[key->classes[0] * table->classes + key->classes[1]];
        if (pair->to == 0) {
            pair->to = (unsigned short)(index + 1);
        }
        pair->from = (unsigned short)index;
        pair->thirds |= key->length > 2 ? 1U << (key->classes[2] & 31) : ~0U;
    }
    return capsule;
failed:
    Py_DECREF(capsule);
    return NULL;
}

/* Appends (begin, end, kind) to ``found``; -1 with an exception set. */
static int
add_found(PyObject *found, Py_ssize_t begin, Py_ssize_t end, PyObject *kind)
{
    PyObject *entry = Py_BuildValue("(nnO)", begin, end, kind);
    if (entry == NULL) {
        return -1;
    }
    int failed = PyList_Append(found, entry);
    Py_DECREF(entry);
    return failed;
}

/* The keys wholly inside text[low:high], in the order of their starts, then ends. */
ALWAYS_INLINE PyObject *
window_of(const int kind, const void *data, const Table *table, Py_ssize_t low,
          Py_ssize_t high)
{
    PyObject *found = PyList_New(0);
    if (found == NULL) {
        return NULL;
    }
    const int classes = table->classes;
    /* the classes at index, index + 1 and index + 2 (0 past high: no key reaches there) */
    int first = 0, second = low < high ? class_of(table, PyUnicode_READ(kind, data, low)) : 0;
    int third = low + 1 < high ? class_of(table, PyUnicode_READ(kind, data, low + 1)) : 0;
    for (Py_ssize_t index = low; index < high; index++) {
        first = second;
        second = third;
        third = index + 2 < high ? class_of(table, PyUnicode_READ(kind, data, index + 2)) : 0;
        if (!first) {
            continue;
        }
        const Key *single = table->singles[first];
        if (single != NULL && add_found(found, index, index + 1, single->kind) < 0) {
            goto failed;
        }
        const Pair *pair = &table->pairs[first * classes + second];
        if (!second || !((pair->thirds >> (third & 31)) & 1)) {
            continue; /* no key begins with these characters */
        }
        for (Py_ssize_t number = pair->from; number < pair->to; number++) {
            const Key *key = &table->keys[number];
            if (index + key->length > high) {
                break; /* the longer keys after it reach farther */
            }
            Py_ssize_t offset = 2;
            while (offset < key->length
                   && class_of(table, PyUnicode_READ(kind, data, index + offset))
                          == key->classes[offset]) {
                offset++;
            }
            if (offset == key->length
                && add_found(found, index, index + key->length, key->kind) < 0) {
                goto failed;
            }
        }
    }
    return found;
failed:
    Py_DECREF(found);
    return NULL;
}

/* window(text, start, stop, table) -> [(begin, end, kind), ...] */
static PyObject *
window(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "window takes a str, start, stop and the table");
        return NULL;
    }
    Py_ssize_t start = PyLong_AsSsize_t(args[1]), stop = PyLong_AsSsize_t(args[2]);
    const Table *table = PyCapsule_GetPointer(args[3], TABLE_NAME);
    if ((start == -1 || stop == -1) && PyErr_Occurred()) {
        return NULL;
    }
    if (table == NULL) {
        return NULL;
    }
    /* As a slice: the window is clipped to the text. */
    Py_ssize_t length = PyUnicode_GET_LENGTH(args[0]);
    start = start < 0 ? 0 : (start > length ? length : start);
    stop = stop > length ? length : stop;
    const void *data = PyUnicode_DATA(args[0]);
    switch (PyUnicode_KIND(args[0])) { /* window_of written once for each kind */
    case PyUnicode_1BYTE_KIND:
        return window_of(PyUnicode_1BYTE_KIND, data, table, start, stop);
    case PyUnicode_2BYTE_KIND:
        return window_of(PyUnicode_2BYTE_KIND, data, table, start, stop);
    default:
        return window_of(PyUnicode_4BYTE_KIND, data, table, start, stop);
    }
}

static PyMethodDef methods[] = {
    {"table", (PyCFunction)(void (*)(void))make_table, METH_FASTCALL,
     "table(keys, kinds) -> the key table window() reads"},
    {"window", (PyCFunction)(void (*)(void))window, METH_FASTCALL,
     "window(text, start, stop, table) -> [(begin, end, kind), ...]"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "framing.voice._keys_kernel",
    "The cue keys and speech-verb pieces of a window in compiled code (see "
    "framing/voice/_keys.py).",
    -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__keys_kernel(void)
{
    return PyModule_Create(&module);
}
