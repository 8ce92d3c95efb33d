/*
 * activity_scores._speedups: optional compiled fast paths (issue 8) for the cheapest score
 * functions, and for the record reader (fields_check and slot_builder below).
 *
 * Each public score function stays written in Python (the modules of activity_scores.scores
 * and activity_scores.criteria): that code is the definition, its docstring the
 * documentation, and it handles every input. This module adds, for some of them, a callable
 * that takes the common case (plain ints and floats in range, known keyword names, the
 * default options) and computes the same value, category and lazily built Score
 * (results.lazy_score) as the Python fast path, with the same float operations in the same
 * order. Anything else (a missing or unknown keyword, a Score passed as a value, a string,
 * a bool, NaN, a value out of range, another option) is handed to the Python function
 * unchanged, so every error, message and unusual input behaves exactly as in Python. The
 * category cut-offs, laboratory limits, enum members and lookup tables are not written
 * here: activity_scores/_fast.py passes them from the Python modules when it binds a
 * kernel. The formulas' coefficients and the fixed scale limits (28 joints, 10 cm, 100 mm)
 * mirror the Python expressions; tests/test_speedups.py fails on any difference.
 *
 * Nothing here is needed: without the compiled module (or with ACTIVITY_SCORES_PURE_PYTHON=1
 * in the environment) the Python functions are used as they are. tests/test_speedups.py
 * compares both on generated inputs, results and errors.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stddef.h>
#include <string.h>
#include <structmember.h> /* T_OBJECT_EX, READONLY (the slots of record classes) */

/* The kernels repeat Python's float operations one by one: no fused multiply-add, no excess
 * precision (activity_scores/_fast.py binds nothing where FLT_EVAL_METHOD is not 0). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF /* GCC: -ffp-contract=off, in setup.py */
#endif
#include <float.h>

#ifndef Py_TPFLAGS_HAVE_VECTORCALL
#define Py_TPFLAGS_HAVE_VECTORCALL _Py_TPFLAGS_HAVE_VECTORCALL
#endif

#define MAX_NAMES 10
#define MAX_CONFIG 24

struct Accel;
typedef PyObject *(*kernel_fn)(struct Accel *self, PyObject *const *values);

typedef struct Accel {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    kernel_fn kernel;
    PyObject *py;     /* the Python function: the definition, and the fallback */
    PyObject *names;  /* tuple of interned parameter names, in kernel order */
    PyObject *config; /* tuple of constants from the Python module */
    Py_ssize_t nreq;  /* the first nreq names are required */
    Py_ssize_t npos;  /* the first npos names may also be passed by position */
    double num[MAX_CONFIG]; /* config items that are numbers, as doubles (else NaN) */
} Accel;

/* Sentinel returned by a kernel: "not the common case, ask the Python function". */
static PyObject FALLBACK_OBJ;
#define FALLBACK (&FALLBACK_OBJ)

static PyObject *str_value;    /* "value" */
static PyObject *str_category; /* "category" */
static PyObject *str_state;    /* "_lazy_score_state" (results._DEFERRED) */
static PyObject *empty_tuple;

#define CFG(i) PyTuple_GET_ITEM(self->config, (i))
#define NUM(i) (self->num[(i)])

/* ---- input checks: 1 = the common case (out is set), 0 = not (fall back) ---------------- */

/* An exact int within [lo, hi] (as Python's `type(x) is int and lo <= x <= hi`). */
static int
int_in(PyObject *x, long lo, long hi, long *out)
{
    int overflow;
    long v;
    if (!PyLong_CheckExact(x)) {
        return 0;
    }
    v = PyLong_AsLongAndOverflow(x, &overflow);
    if (overflow || (v == -1 && PyErr_Occurred())) {
        PyErr_Clear();
        return 0;
    }
    if (v < lo || v > hi) {
        return 0;
    }
    *out = v;
    return 1;
}

/* A number as the Python fast paths take it: an exact float or an exact int. */
typedef struct {
    int is_int;
    long i;
    double d; /* the value as a double (exact for the small ints accepted here) */
} Num;

/* An exact float or exact int within [lo, hi] (NaN is never within). Ints are accepted only
 * within +-2**53, where the double comparison is Python's exact int-float comparison. */
static int
real_in(PyObject *x, double lo, double hi, Num *out)
{
    if (PyFloat_CheckExact(x)) {
        double d = PyFloat_AS_DOUBLE(x);
        if (!(lo <= d && d <= hi)) {
            return 0;
        }
        out->is_int = 0;
        out->i = 0;
        out->d = d;
        return 1;
    }
    if (PyLong_CheckExact(x)) {
        int overflow;
        long v = PyLong_AsLongAndOverflow(x, &overflow);
        if (overflow || (v == -1 && PyErr_Occurred())) {
            PyErr_Clear();
            return 0;
        }
        if (v > 9007199254740992L || v < -9007199254740992L) {
            return 0;
        }
        if (!(lo <= (double)v && (double)v <= hi)) {
            return 0;
        }
        out->is_int = 1;
        out->i = v;
        out->d = (double)v;
        return 1;
    }
    return 0;
}

/* Python's a + b for two Nums (int + int stays int; otherwise float addition). */
static Num
num_add(Num a, Num b)
{
    Num r;
    if (a.is_int && b.is_int) {
        r.is_int = 1;
        r.i = a.i + b.i;
        r.d = (double)r.i;
    }
    else {
        r.is_int = 0;
        r.i = 0;
        r.d = a.d + b.d;
    }
    return r;
}

static PyObject *
num_object(Num n)
{
    return n.is_int ? PyLong_FromLong(n.i) : PyFloat_FromDouble(n.d);
}

/* ---- results ------------------------------------------------------------------------------ */

/* results.lazy_score(value, category, state): object.__new__(Score) holding value, category
 * and the state as instance attributes (stored as `score.__dict__[name] = ...` stores them,
 * bypassing the frozen __setattr__). Steals the references to value and state. */
static PyObject *
lazy_score(PyObject *score_type, PyObject *value, PyObject *category, PyObject *state)
{
    PyObject *score = NULL;
    if (value == NULL || state == NULL) {
        goto done;
    }
    score = PyBaseObject_Type.tp_new((PyTypeObject *)score_type, empty_tuple, NULL);
    if (score == NULL) {
        goto done;
    }
#ifdef LAZY_DICT
    {
        PyObject *fields = PyObject_GenericGetDict(score, NULL);
        if (fields == NULL || PyDict_SetItem(fields, str_value, value) < 0 ||
            PyDict_SetItem(fields, str_category, category) < 0 ||
            PyDict_SetItem(fields, str_state, state) < 0) {
            Py_CLEAR(score);
        }
        Py_XDECREF(fields);
    }
#else
    if (PyObject_GenericSetAttr(score, str_value, value) < 0 ||
        PyObject_GenericSetAttr(score, str_category, category) < 0 ||
        PyObject_GenericSetAttr(score, str_state, state) < 0) {
        Py_CLEAR(score);
    }
#endif
done:
    Py_XDECREF(value);
    Py_XDECREF(state);
    return score;
}

/* ---- kernels ------------------------------------------------------------------------------ */
/* Each takes the arguments in the order of its names (NULL where not passed) and returns a new
 * reference, NULL with an exception set, or FALLBACK. The comments give the Python they
 * mirror; the config indexes are those of the bind() call in the Python module. */

/* scores/rheumatoid.py cdai() and sdai(). Config: Score, builder, REMISSION, LOW, MODERATE,
 * HIGH, then the three "below" limits of the bands, then (sdai) the CRP maximum. */
static PyObject *
composite_index(struct Accel *self, PyObject *const *v, int with_crp)
{
    long tjc, sjc;
    Num pga, ega, crp, total;
    PyObject *category, *state;
    if (!int_in(v[0], 0, 28, &tjc) || !int_in(v[1], 0, 28, &sjc) ||
        !real_in(v[2], 0.0, 10.0, &pga) || !real_in(v[3], 0.0, 10.0, &ega)) {
        return FALLBACK;
    }
    total.is_int = 1;
    total.i = tjc + sjc;
    total.d = (double)total.i;
    total = num_add(num_add(total, pga), ega);
    if (with_crp) {
        if (!real_in(v[4], 0.0, NUM(9), &crp)) {
            return FALLBACK;
        }
        total = num_add(total, crp);
    }
    category = total.d < NUM(6) ? CFG(2) : total.d < NUM(7) ? CFG(3) : total.d < NUM(8) ? CFG(4)
                                                                                 : CFG(5);
    if (with_crp) {
        state = PyTuple_Pack(6, CFG(1), v[0], v[1], v[2], v[3], v[4]);
    }
    else {
        state = PyTuple_Pack(5, CFG(1), v[0], v[1], v[2], v[3]);
    }
    return lazy_score(CFG(0), num_object(total), category, state);
}

static PyObject *
k_cdai(struct Accel *self, PyObject *const *v)
{
    return composite_index(self, v, 0);
}

static PyObject *
k_sdai(struct Accel *self, PyObject *const *v)
{
    return composite_index(self, v, 1);
}

/* scores/rheumatoid.py das28_esr() and das28_crp(): (*, tender_joints_28, swollen_joints_28,
 * esr_mm_per_h or crp_mg_per_l, patient_global_mm, convention). Config: Score, builder, the
 * joint-term tables 0.56 * sqrt(n) and 0.28 * sqrt(n) (n = 0..28), REMISSION, LOW, MODERATE,
 * HIGH, the three "below" limits, EULAR, the laboratory value's maximum, "3-variable",
 * "4-variable". log is the C library's, as Python's math.log of a positive finite float. */
static PyObject *
das28(struct Accel *self, PyObject *const *v, int crp_form)
{
    long tjc, sjc;
    Num lab, gh;
    double core, value;
    PyObject *category, *variant, *global, *state;
    if (!int_in(v[0], 0, 28, &tjc) || !int_in(v[1], 0, 28, &sjc) ||
        !real_in(v[2], crp_form ? 0.0 : 1.0, NUM(12), &lab) ||
        (v[4] != NULL && v[4] != CFG(11))) {
        return FALLBACK;
    }
    global = v[3] == NULL ? Py_None : v[3];
    if (global != Py_None && !real_in(global, 0.0, 100.0, &gh)) {
        return FALLBACK;
    }
    core = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(CFG(2), tjc)) +
           PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(CFG(3), sjc));
    if (crp_form) {
        core = core + 0.36 * log(lab.d + 1.0); /* crp + 1: exact for an int crp */
        value = global == Py_None ? core * 1.10 + 1.15 : core + 0.014 * gh.d + 0.96;
    }
    else {
        core = core + 0.70 * log(lab.d);
        value = global == Py_None ? core * 1.08 + 0.16 : core + 0.014 * gh.d;
    }
    variant = global == Py_None ? CFG(13) : CFG(14);
    category = value < NUM(8) ? CFG(4) : value < NUM(9) ? CFG(5) : value < NUM(10) ? CFG(6)
                                                                                  : CFG(7);
    state = PyTuple_Pack(6, CFG(1), v[0], v[1], v[2], global, variant);
    return lazy_score(CFG(0), PyFloat_FromDouble(value), category, state);
}

static PyObject *
k_das28_esr(struct Accel *self, PyObject *const *v)
{
    return das28(self, v, 0);
}

static PyObject *
k_das28_crp(struct Accel *self, PyObject *const *v)
{
    return das28(self, v, 1);
}

/* cdai_category(value), sdai_category(value) (scores/rheumatoid.py) and essdai_category(value)
 * (scores/sjogren.py): a number within [lo, hi] (an int only, where int_only is 1) in bands.
 * Config: int_only, lo, hi, the "below" limits (a tuple of floats, increasing), the members
 * (a tuple, one more than the limits): the first member whose limit the value is below. */
static PyObject *
k_band(struct Accel *self, PyObject *const *v)
{
    Num x;
    PyObject *limits = CFG(3), *member;
    Py_ssize_t n = PyTuple_GET_SIZE(limits), k;
    if (!real_in(v[0], NUM(1), NUM(2), &x) || (NUM(0) != 0.0 && !x.is_int)) {
        return FALLBACK;
    }
    for (k = 0; k < n; k++) {
        if (x.d < PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(limits, k))) {
            break;
        }
    }
    member = PyTuple_GET_ITEM(CFG(4), k);
    Py_INCREF(member);
    return member;
}

/* scores/renal.py ideal_body_weight_kg(*, height_cm, sex) and adjusted_body_weight_kg(*,
 * weight_kg, height_cm, sex), the Devine formula. Config: the height limits, sexes by name
 * (dict), MALE, cm per inch, the weight limits. */
static PyObject *
body_weight(struct Accel *self, PyObject *const *v, int adjusted)
{
    Num height, weight;
    PyObject *sex;
    double ideal;
    if (!real_in(v[0], NUM(0), NUM(1), &height) || !PyUnicode_CheckExact(v[1])) {
        return FALLBACK;
    }
    sex = PyDict_GetItemWithError(CFG(2), v[1]);
    if (sex == NULL) {
        PyErr_Clear();
        return FALLBACK;
    }
    if (adjusted && !real_in(v[2], NUM(5), NUM(6), &weight)) {
        return FALLBACK;
    }
    /* (50.0 or 45.5) + 2.3 * (height / 2.54 - 60) */
    ideal = (sex == CFG(3) ? 50.0 : 45.5) + 2.3 * (height.d / NUM(4) - 60.0);
    /* ideal + 0.4 * (actual - ideal) */
    return PyFloat_FromDouble(adjusted ? ideal + 0.4 * (weight.d - ideal) : ideal);
}

static PyObject *
k_ideal_body_weight(struct Accel *self, PyObject *const *v)
{
    return body_weight(self, v, 0);
}

static PyObject *
k_adjusted_body_weight(struct Accel *self, PyObject *const *v)
{
    return body_weight(self, v, 1);
}

/* scores/rheumatoid.py das28_category(value, *, convention). Config: EULAR, the DAS28
 * maximum, the three "below" limits, REMISSION, LOW, MODERATE, HIGH. */
static PyObject *
k_das28_category(struct Accel *self, PyObject *const *v)
{
    Num x;
    PyObject *band;
    if ((v[1] != NULL && v[1] != CFG(0)) || !real_in(v[0], 0.0, NUM(1), &x)) {
        return FALLBACK;
    }
    band = x.d < NUM(2) ? CFG(5) : x.d < NUM(3) ? CFG(6) : x.d < NUM(4) ? CFG(7) : CFG(8);
    Py_INCREF(band);
    return band;
}

/* scores/rheumatoid.py eular_response(*, baseline, follow_up). Config: Score, builder, GOOD,
 * MODERATE, NONE, the DAS28 maximum, the rounding noise allowance, the floats n / 100 for
 * n = -k..k, k = 100 x the maximum (every possible value), the lazy states by follow-up in
 * hundredths (0..k): made once, not one per call; then the response table in hundredths
 * (follow-up low and moderate maxima, good and moderate improvement minima, exclusive). */
static PyObject *
k_eular_response(struct Accel *self, PyObject *const *v)
{
    Num before, after;
    long base, follow, improvement;
    Py_ssize_t offset;
    PyObject *category, *state;
    if (!real_in(v[0], 0.0, NUM(5), &before) || !real_in(v[1], 0.0, NUM(5), &after)) {
        return FALLBACK;
    }
    /* floor(x * 100.0 + 0.5 + noise): hundredths, rounded half-up; the sum is at least 0.5
     * and at most 1000.5 + noise, where truncation towards zero is the floor */
    base = (long)(before.d * 100.0 + 0.5 + NUM(6));
    follow = (long)(after.d * 100.0 + 0.5 + NUM(6));
    improvement = base - follow;
    /* the response table, in hundredths (config 9 to 12) */
    if (follow <= NUM(9)) {
        category = improvement > NUM(11) ? CFG(2) : improvement > NUM(12) ? CFG(3) : CFG(4);
    }
    else if (follow <= NUM(10)) {
        category = improvement > NUM(12) ? CFG(3) : CFG(4);
    }
    else {
        category = improvement > NUM(11) ? CFG(3) : CFG(4);
    }
    /* the lazy state (builder, follow), from the module's table of them by follow */
    if (follow < 0 || follow >= PyTuple_GET_SIZE(CFG(8))) {
        return FALLBACK;
    }
    state = PyTuple_GET_ITEM(CFG(8), follow);
    Py_INCREF(state);
    /* improvement / 100: int true division, exact operands, so the double quotient */
    offset = (PyTuple_GET_SIZE(CFG(7)) - 1) / 2; /* the table holds n = -offset..offset */
    if (-offset <= improvement && improvement <= offset) {
        PyObject *value = PyTuple_GET_ITEM(CFG(7), improvement + offset);
        Py_INCREF(value);
        return lazy_score(CFG(0), value, category, state);
    }
    return lazy_score(CFG(0), PyFloat_FromDouble((double)improvement / 100.0), category, state);
}

/* scores/sjogren.py esspri(*, dryness, fatigue, pain). Config: Score, builder, ACCEPTABLE,
 * UNSATISFACTORY, the item maximum, the total from which it is unsatisfactory. */
static PyObject *
k_esspri(struct Accel *self, PyObject *const *v)
{
    long dryness, fatigue, pain, total, top = (long)NUM(4);
    if (!int_in(v[0], 0, top, &dryness) || !int_in(v[1], 0, top, &fatigue) ||
        !int_in(v[2], 0, top, &pain)) {
        return FALLBACK;
    }
    total = dryness + fatigue + pain;
    return lazy_score(CFG(0), PyFloat_FromDouble((double)total / 3.0),
                      total < NUM(5) ? CFG(2) : CFG(3), PyTuple_Pack(4, CFG(1), v[0], v[1], v[2]));
}

/* scores/sclerosis.py mrss(areas) and scores/myositis.py mmt8(grades): a plain dict holding
 * exactly the keys, each an int within [0, top]. Config: Score, builder, the keys in order,
 * top. The state holds the grades in key order. */
static PyObject *
k_graded_sum(struct Accel *self, PyObject *const *v)
{
    PyObject *grades = v[0], *keys = CFG(2), *values, *state;
    Py_ssize_t n = PyTuple_GET_SIZE(keys), k;
    long top = (long)NUM(3), total = 0, grade;
    if (!PyDict_CheckExact(grades) || PyDict_GET_SIZE(grades) != n) {
        return FALLBACK;
    }
    values = PyTuple_New(n);
    if (values == NULL) {
        return NULL;
    }
    for (k = 0; k < n; k++) {
        PyObject *item = PyDict_GetItemWithError(grades, PyTuple_GET_ITEM(keys, k));
        if (item == NULL || !int_in(item, 0, top, &grade)) {
            /* an error here is a key's __eq__ or __hash__ failing: let Python meet it again */
            PyErr_Clear();
            Py_DECREF(values);
            return FALLBACK;
        }
        Py_INCREF(item);
        PyTuple_SET_ITEM(values, k, item);
        total += grade;
    }
    state = PyTuple_Pack(2, CFG(1), values);
    Py_DECREF(values);
    return lazy_score(CFG(0), PyLong_FromLong(total), Py_None, state);
}

/* scores/renal.py cockcroft_gault(*, age_years, weight_kg, sex, serum_creatinine_mg_per_dl,
 * serum_creatinine_umol_per_l, height_cm, body_weight). Config indexes: */
enum {
    CG_SCORE, CG_BUILDER, CG_AGE_LO, CG_AGE_HI, CG_WEIGHT_LO, CG_WEIGHT_HI, CG_SEXES, CG_ACTUAL,
    CG_BODY_WEIGHTS, CG_IDEAL, CG_MALE, CG_FEMALE, CG_MG_LO, CG_MG_HI, CG_UMOL_LO, CG_UMOL_HI,
    CG_UMOL_PER_MG, CG_HEIGHT_LO, CG_HEIGHT_HI, CG_CM_PER_INCH, CG_MG_FIELD, CG_UMOL_FIELD
};

static PyObject *
k_cockcroft_gault(struct Accel *self, PyObject *const *v)
{
    Num age, actual, scr, height, factor, product;
    PyObject *sex, *basis, *scr_field, *scr_obj, *mg = v[3], *umol = v[4];
    PyObject *used_obj, *ideal_obj, *height_obj, *state;
    double denominator, ideal = 0.0, value;
    int denominator_is_int;
    long denominator_int = 0;
    if (!real_in(v[0], NUM(CG_AGE_LO), NUM(CG_AGE_HI), &age) ||
        !real_in(v[1], NUM(CG_WEIGHT_LO), NUM(CG_WEIGHT_HI), &actual) ||
        !PyUnicode_CheckExact(v[2])) {
        return FALLBACK;
    }
    sex = PyDict_GetItemWithError(CFG(CG_SEXES), v[2]);
    if (sex == NULL) {
        PyErr_Clear();
        return FALLBACK;
    }
    if (v[6] == NULL || v[6] == CFG(CG_ACTUAL)) {
        basis = CFG(CG_ACTUAL);
    }
    else if (PyUnicode_CheckExact(v[6])) {
        basis = PyDict_GetItemWithError(CFG(CG_BODY_WEIGHTS), v[6]);
        if (basis == NULL) {
            PyErr_Clear();
            return FALLBACK;
        }
    }
    else {
        return FALLBACK;
    }
    if (mg == Py_None) {
        mg = NULL;
    }
    if (umol == Py_None) {
        umol = NULL;
    }
    if (umol == NULL && mg != NULL) {
        if (!real_in(mg, NUM(CG_MG_LO), NUM(CG_MG_HI), &scr)) {
            return FALLBACK;
        }
        scr_field = CFG(CG_MG_FIELD);
        scr_obj = mg;
        /* denominator = 72 * scr */
        denominator_is_int = scr.is_int;
        denominator_int = 72 * scr.i;
        denominator = 72.0 * scr.d;
    }
    else if (mg == NULL && umol != NULL) {
        if (!real_in(umol, NUM(CG_UMOL_LO), NUM(CG_UMOL_HI), &scr)) {
            return FALLBACK;
        }
        scr_field = CFG(CG_UMOL_FIELD);
        scr_obj = umol;
        /* denominator = 72 * scr / 88.4: (72 * scr) is exact, then a float division */
        denominator_is_int = 0;
        denominator = (72.0 * scr.d) / NUM(CG_UMOL_PER_MG);
    }
    else {
        return FALLBACK;
    }
    height_obj = v[5];
    if (height_obj == NULL || height_obj == Py_None) {
        height_obj = Py_None;
        if (basis != CFG(CG_ACTUAL)) {
            return FALLBACK; /* height_cm is required: Python raises */
        }
    }
    else if (!real_in(height_obj, NUM(CG_HEIGHT_LO), NUM(CG_HEIGHT_HI), &height)) {
        return FALLBACK;
    }
    /* factor = 140 - age */
    factor.is_int = age.is_int;
    factor.i = 140 - age.i;
    factor.d = age.is_int ? (double)factor.i : 140.0 - age.d;
    if (basis == CFG(CG_ACTUAL)) {
        Py_INCREF(v[1]);
        used_obj = v[1];
        Py_INCREF(Py_None);
        ideal_obj = Py_None;
        /* (140 - age) * used */
        product.is_int = factor.is_int && actual.is_int;
        product.i = factor.i * actual.i;
        product.d = product.is_int ? (double)product.i : factor.d * actual.d;
    }
    else {
        double used;
        /* ideal = (50.0 or 45.5) + 2.3 * (height / 2.54 - 60) */
        ideal = (sex == CFG(CG_MALE) ? 50.0 : 45.5) +
                2.3 * (height.d / NUM(CG_CM_PER_INCH) - 60.0);
        /* used = ideal, or ideal + 0.4 * (actual - ideal) */
        used = basis == CFG(CG_IDEAL) ? ideal : ideal + 0.4 * (actual.d - ideal);
        used_obj = PyFloat_FromDouble(used);
        ideal_obj = PyFloat_FromDouble(ideal);
        if (used_obj == NULL || ideal_obj == NULL) {
            Py_XDECREF(used_obj);
            Py_XDECREF(ideal_obj);
            return NULL;
        }
        product.is_int = 0;
        product.i = 0;
        product.d = factor.d * used;
    }
    /* value = product / denominator: true division; int / int of exact operands (both far
     * below 2**53) is the double quotient, as for the mixed cases */
    if (product.is_int && denominator_is_int) {
        value = (double)product.i / (double)denominator_int;
    }
    else {
        value = product.d / denominator;
    }
    if (sex == CFG(CG_FEMALE)) {
        value *= 0.85;
    }
    state = PyTuple_Pack(10, CFG(CG_BUILDER), v[0], v[1], sex, scr_field, scr_obj, height_obj,
                         basis, used_obj, ideal_obj);
    Py_DECREF(used_obj);
    Py_DECREF(ideal_obj);
    return lazy_score(CFG(CG_SCORE), PyFloat_FromDouble(value), Py_None, state);
}

/* criteria/rheumatoid.py prednisone_equivalent_mg(*, drug, dose_mg, betamethasone). Config:
 * Score, builder, drugs by name (dict), BNF, the dose maximum, factors of the BNF table by
 * member (dict: member -> (numerator, denominator, float)). */
static PyObject *
k_prednisone(struct Accel *self, PyObject *const *v)
{
    PyObject *member, *factors, *dose_obj, *state;
    Num dose;
    long long numerator, denominator, n, d = 1;
    double value;
    if (!PyUnicode_CheckExact(v[0]) || (v[2] != NULL && v[2] != CFG(3)) ||
        !real_in(v[1], 0.0, NUM(4), &dose) || !(dose.d > 0.0 && dose.d < NUM(4))) {
        return FALLBACK;
    }
    member = PyDict_GetItemWithError(CFG(2), v[0]);
    if (member == NULL) {
        PyErr_Clear();
        return FALLBACK;
    }
    factors = PyDict_GetItemWithError(CFG(5), member);
    if (factors == NULL || !PyTuple_CheckExact(factors) || PyTuple_GET_SIZE(factors) != 3) {
        PyErr_Clear();
        return FALLBACK;
    }
    numerator = PyLong_AsLongLong(PyTuple_GET_ITEM(factors, 0));
    denominator = PyLong_AsLongLong(PyTuple_GET_ITEM(factors, 1));
    if (PyErr_Occurred() || numerator <= 0 || denominator <= 0 || numerator > (1LL << 20) ||
        denominator > (1LL << 20)) {
        PyErr_Clear();
        return FALLBACK;
    }
    /* _exact.decimal_ratio(dose): the decimal of the float's shortest repr, as n / 10**k */
    if (dose.d == floor(dose.d)) {
        n = (long long)dose.d;
    }
    else {
        char *text = PyOS_double_to_string(dose.d, 'r', 0, 0, NULL);
        char *p;
        int digits = 0, seen_point = 0;
        if (text == NULL) {
            return NULL;
        }
        n = 0;
        for (p = text; *p; p++) {
            if (*p == '.') {
                seen_point = 1;
            }
            else if (*p >= '0' && *p <= '9' && n < 100000000000000000LL) {
                n = n * 10 + (*p - '0');
                if (seen_point) {
                    digits++;
                    d *= 10;
                }
            }
            else { /* an exponent form, or more digits than handled here */
                PyMem_Free(text);
                return FALLBACK;
            }
        }
        PyMem_Free(text);
        if (!seen_point || digits > 17) {
            return FALLBACK;
        }
    }
    /* (n * numerator) / (d * denominator): int true division, correctly rounded; exactly the
     * double quotient while both products stay below 2**53, else left to Python */
    if (n > (1LL << 53) / numerator || d > (1LL << 53) / denominator) {
        return FALLBACK;
    }
    value = (double)(n * numerator) / (double)(d * denominator);
    if (dose.is_int) {
        dose_obj = PyFloat_FromDouble(dose.d); /* float(dose_mg) */
    }
    else {
        Py_INCREF(v[1]);
        dose_obj = v[1];
    }
    if (dose_obj == NULL) {
        return NULL;
    }
    state = PyTuple_Pack(5, CFG(1), member, dose_obj, CFG(3), PyTuple_GET_ITEM(factors, 2));
    Py_DECREF(dose_obj);
    return lazy_score(CFG(0), PyFloat_FromDouble(value), Py_None, state);
}

/* criteria/rheumatoid.py acr_1991_functional_class(*, self_care_limited, vocational_limited,
 * avocational_limited, non_hierarchical). Config: Score, builder, REJECT, then by pattern
 * number (4 * self-care + 2 * vocational + avocational) the class of each nested pattern or
 * None, its value and its lazy state (tuples of 8: no hashing of enum members, which is a
 * Python-level call, and no tuple built per call; the pattern holds the bool singletons the
 * caller passed, so the shared state equals the one Python builds). */
static PyObject *
k_functional_class(struct Accel *self, PyObject *const *v)
{
    PyObject *cls, *value, *state;
    int k, number = 0;
    for (k = 0; k < 3; k++) {
        if (v[k] != Py_True && v[k] != Py_False) {
            return FALLBACK;
        }
        number = 2 * number + (v[k] == Py_True);
    }
    if (v[3] != NULL && v[3] != CFG(2)) {
        return FALLBACK;
    }
    cls = PyTuple_GET_ITEM(CFG(3), number);
    if (cls == Py_None) {
        return FALLBACK; /* not nested: Python raises or maps it */
    }
    value = PyTuple_GET_ITEM(CFG(4), number);
    state = PyTuple_GET_ITEM(CFG(5), number); /* (builder, the pattern, None): constant */
    Py_INCREF(value);
    Py_INCREF(state);
    return lazy_score(CFG(0), value, cls, state);
}

/* ---- the callable ------------------------------------------------------------------------- */

static PyObject *
accel_vectorcall(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Accel *self = (Accel *)callable;
    PyObject *values[MAX_NAMES] = {NULL};
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    Py_ssize_t nnames = PyTuple_GET_SIZE(self->names), k, j;
    PyObject *result;
    if (nargs > self->npos) {
        goto fallback;
    }
    for (k = 0; k < nargs; k++) {
        values[k] = args[k];
    }
    if (kwnames != NULL) {
        Py_ssize_t nkw = PyTuple_GET_SIZE(kwnames);
        for (j = 0; j < nkw; j++) {
            PyObject *key = PyTuple_GET_ITEM(kwnames, j);
            for (k = 0; k < nnames; k++) {
                if (PyTuple_GET_ITEM(self->names, k) == key) {
                    break;
                }
            }
            if (k == nnames && PyUnicode_CheckExact(key)) { /* a name that is not interned */
                for (k = 0; k < nnames; k++) {
                    if (PyUnicode_Compare(PyTuple_GET_ITEM(self->names, k), key) == 0) {
                        break;
                    }
                }
            }
            /* an unknown name, or a value given twice: Python decides */
            if (k == nnames || values[k] != NULL) {
                goto fallback;
            }
            values[k] = args[nargs + j];
        }
    }
    for (k = 0; k < self->nreq; k++) {
        if (values[k] == NULL) {
            goto fallback;
        }
    }
    result = self->kernel(self, values);
    if (result != FALLBACK) {
        return result;
    }
fallback:
    return PyObject_Vectorcall(self->py, args, nargsf, kwnames);
}

static int
accel_traverse(Accel *self, visitproc visit, void *arg)
{
    Py_VISIT(self->py);
    Py_VISIT(self->names);
    Py_VISIT(self->config);
    return 0;
}

static int
accel_clear(Accel *self)
{
    Py_CLEAR(self->py);
    Py_CLEAR(self->names);
    Py_CLEAR(self->config);
    return 0;
}

static void
accel_dealloc(Accel *self)
{
    PyObject_GC_UnTrack(self);
    accel_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Attributes the object does not have itself (__doc__, __name__, __qualname__, __module__,
 * __annotations__, __kwdefaults__, ...) are the Python function's. */
static PyObject *
accel_getattro(Accel *self, PyObject *name)
{
    PyObject *found = PyObject_GenericGetAttr((PyObject *)self, name);
    if (found != NULL || !PyErr_ExceptionMatches(PyExc_AttributeError)) {
        return found;
    }
    PyErr_Clear();
    return PyObject_GetAttr(self->py, name);
}

static PyObject *
accel_get_py_attr(Accel *self, void *name)
{
    return PyObject_GetAttrString(self->py, (const char *)name);
}

static PyObject *
accel_wrapped(Accel *self, void *closure)
{
    Py_INCREF(self->py);
    return self->py;
}

static PyObject *
accel_repr(Accel *self)
{
    return PyObject_Repr(self->py);
}

/* Pickled by reference, as a function: the module attribute of its qualified name. */
static PyObject *
accel_reduce(Accel *self, PyObject *unused)
{
    return PyObject_GetAttrString(self->py, "__qualname__");
}

/* Bound as a method when read from an instance, as a function is (a class's __init__). */
static PyObject *
accel_descr_get(PyObject *self, PyObject *obj, PyObject *type)
{
    if (obj == NULL || obj == Py_None) {
        Py_INCREF(self);
        return self;
    }
    return PyMethod_New(self, obj);
}

static PyMethodDef accel_methods[] = {
    {"__reduce__", (PyCFunction)accel_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef accel_getset[] = {
    {"__wrapped__", (getter)accel_wrapped, NULL, "The Python function.", NULL},
    {"__doc__", (getter)accel_get_py_attr, NULL, NULL, "__doc__"},
    {"__name__", (getter)accel_get_py_attr, NULL, NULL, "__name__"},
    {"__qualname__", (getter)accel_get_py_attr, NULL, NULL, "__qualname__"},
    {"__module__", (getter)accel_get_py_attr, NULL, NULL, "__module__"},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject AccelType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "activity_scores._speedups.accelerated_function",
    .tp_basicsize = sizeof(Accel),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL |
                Py_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_doc = "A function with a compiled fast path for its common case.",
    .tp_vectorcall_offset = offsetof(Accel, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_traverse = (traverseproc)accel_traverse,
    .tp_clear = (inquiry)accel_clear,
    .tp_dealloc = (destructor)accel_dealloc,
    .tp_getattro = (getattrofunc)accel_getattro,
    .tp_repr = (reprfunc)accel_repr,
    .tp_methods = accel_methods,
    .tp_getset = accel_getset,
    .tp_descr_get = accel_descr_get,
};

/* ---- the record reader's fast path (rules/_spec.py _fields_check) -------------------------
 *
 * The same table-driven check as the Python closure _fields_check builds, for a decoded JSON
 * object: every key known, each value of its kind (or null), scalars checked here, nested
 * objects, labs and arrays by their own checkers; the values go to their slots, then the
 * record class's builder (or, for a map, a read-only dict in the input's order). Like the
 * closure it returns the module's SLOW marker for anything it does not accept, and the
 * general reader (with its errors and JSON paths) reads that input instead; it accepts
 * nothing the closure refuses (its date test is the stricter ASCII form). */

#define MAX_SLOTS 128

typedef struct {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    PyObject *table;    /* key -> (slot, code, a, b) */
    PyObject *build;    /* the record class's builder, or None for a map */
    Py_ssize_t nslots;  /* the number of fields (a record class) */
    PyObject *slow;     /* SLOW */
    PyObject *from_iso; /* date.fromisoformat */
    PyObject *first;    /* the first and last dates accepted */
    PyObject *last;
    Py_ssize_t max_string;
    long codes[7];      /* _CALL, boolean, enum, number, integer, date, string */
} FieldsCheck;

enum { FC_CALL, FC_BOOLEAN, FC_ENUM, FC_NUMBER, FC_INTEGER, FC_DATE, FC_STRING };

/* Python's `lo <= value <= hi` for an exact int or float value and number bounds. */
static int
number_within(PyObject *value, PyObject *lo, PyObject *hi, double *out)
{
    Num n;
    double a = PyFloat_AsDouble(lo), b = PyFloat_AsDouble(hi);
    if ((a == -1.0 || b == -1.0) && PyErr_Occurred()) {
        PyErr_Clear();
        return 0;
    }
    if (!real_in(value, a, b, &n)) {
        return 0;
    }
    *out = n.d;
    return 1;
}

static int
ascii_iso_date(PyObject *value)
{
    const char *text;
    Py_ssize_t size, k;
    if (!PyUnicode_CheckExact(value) || PyUnicode_GET_LENGTH(value) != 10 ||
        !PyUnicode_IS_ASCII(value)) {
        return 0;
    }
    text = PyUnicode_AsUTF8AndSize(value, &size);
    if (text == NULL || size != 10) {
        PyErr_Clear();
        return 0;
    }
    for (k = 0; k < 10; k++) {
        if (k == 4 || k == 7) {
            if (text[k] != '-') {
                return 0;
            }
        }
        else if (text[k] < '0' || text[k] > '9') {
            return 0;
        }
    }
    return 1;
}

/* The checked (and, for dates, integers and nested values, converted) value: a new
 * reference, SLOW (new reference) if not accepted, NULL with an exception set. */
static PyObject *
fc_value(FieldsCheck *self, long code, PyObject *value, PyObject *a, PyObject *b)
{
    double d;
    if (code == self->codes[FC_BOOLEAN]) {
        if (value == Py_True || value == Py_False) {
            Py_INCREF(value);
            return value;
        }
    }
    else if (code == self->codes[FC_ENUM]) {
        if (PyUnicode_CheckExact(value) && PyAnySet_Check(a)) {
            int found = PySet_Contains(a, value);
            if (found < 0) {
                return NULL;
            }
            if (found) {
                Py_INCREF(value);
                return value;
            }
        }
    }
    else if (code == self->codes[FC_NUMBER]) {
        if (number_within(value, a, b, &d)) {
            Py_INCREF(value);
            return value;
        }
    }
    else if (code == self->codes[FC_INTEGER]) {
        if (PyFloat_CheckExact(value)) {
            double x = PyFloat_AS_DOUBLE(value);
            if (isfinite(x) && floor(x) == x) { /* value.is_integer(): int(value) */
                PyObject *whole = PyLong_FromDouble(x);
                if (whole == NULL) {
                    return NULL;
                }
                if (number_within(whole, a, b, &d)) {
                    return whole;
                }
                Py_DECREF(whole);
            }
        }
        else if (PyLong_CheckExact(value) && number_within(value, a, b, &d)) {
            Py_INCREF(value);
            return value;
        }
    }
    else if (code == self->codes[FC_DATE]) {
        if (ascii_iso_date(value)) {
            PyObject *day = PyObject_CallOneArg(self->from_iso, value);
            int ok;
            if (day == NULL) {
                if (!PyErr_ExceptionMatches(PyExc_ValueError)) {
                    return NULL;
                }
                PyErr_Clear();
            }
            else {
                ok = PyObject_RichCompareBool(self->first, day, Py_LE);
                if (ok > 0) {
                    ok = PyObject_RichCompareBool(day, self->last, Py_LE);
                }
                if (ok > 0) {
                    return day;
                }
                Py_DECREF(day);
                if (ok < 0) {
                    return NULL;
                }
            }
        }
    }
    else if (code == self->codes[FC_STRING]) {
        if (PyUnicode_CheckExact(value) && PyUnicode_GET_LENGTH(value) <= self->max_string) {
            Py_INCREF(value);
            return value;
        }
    }
    else if (code == self->codes[FC_CALL]) {
        return PyObject_CallOneArg(a, value); /* the nested checker's value, or SLOW */
    }
    Py_INCREF(self->slow);
    return self->slow;
}

static PyObject *
fc_vectorcall(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    FieldsCheck *self = (FieldsCheck *)callable;
    PyObject *data, *key, *value, *slots[MAX_SLOTS], *map = NULL, *result;
    Py_ssize_t pos = 0, k;
    int is_map = self->build == Py_None;
    if (PyVectorcall_NARGS(nargsf) != 1 || kwnames != NULL) {
        PyErr_SetString(PyExc_TypeError, "a fields check takes one argument");
        return NULL;
    }
    data = args[0];
    if (!PyDict_CheckExact(data)) {
        Py_INCREF(self->slow);
        return self->slow;
    }
    if (is_map) {
        map = PyDict_New();
        if (map == NULL) {
            return NULL;
        }
    }
    else {
        for (k = 0; k < self->nslots; k++) {
            slots[k] = Py_None;
            Py_INCREF(Py_None);
        }
    }
    while (PyDict_Next(data, &pos, &key, &value)) {
        PyObject *entry, *checked;
        long code;
        Py_ssize_t slot = 0;
        entry = PyUnicode_CheckExact(key) ? PyDict_GetItemWithError(self->table, key) : NULL;
        if (entry == NULL) {
            if (PyErr_Occurred()) {
                goto error;
            }
            goto slow;
        }
        if (value == Py_None) {
            continue;
        }
        if (!PyTuple_CheckExact(entry) || PyTuple_GET_SIZE(entry) != 4) {
            goto slow;
        }
        code = PyLong_AsLong(PyTuple_GET_ITEM(entry, 1));
        if (code == -1 && PyErr_Occurred()) {
            goto error;
        }
        if (!is_map) {
            slot = PyLong_AsSsize_t(PyTuple_GET_ITEM(entry, 0));
            if (slot < 0 || slot >= self->nslots) {
                PyErr_Clear();
                goto slow;
            }
        }
        checked = fc_value(self, code, value, PyTuple_GET_ITEM(entry, 2),
                           PyTuple_GET_ITEM(entry, 3));
        if (checked == NULL) {
            goto error;
        }
        if (checked == self->slow) {
            Py_DECREF(checked);
            goto slow;
        }
        if (is_map) {
            int failed = PyDict_SetItem(map, PyTuple_GET_ITEM(entry, 0), checked);
            Py_DECREF(checked);
            if (failed < 0) {
                goto error;
            }
        }
        else {
            Py_SETREF(slots[slot], checked);
        }
    }
    if (is_map) {
        result = PyDictProxy_New(map);
        Py_DECREF(map);
        return result;
    }
    result = PyObject_Vectorcall(self->build, slots, (size_t)self->nslots, NULL);
    for (k = 0; k < self->nslots; k++) {
        Py_DECREF(slots[k]);
    }
    return result;
slow:
    Py_INCREF(self->slow);
    result = self->slow;
    goto done;
error:
    result = NULL;
done:
    if (is_map) {
        Py_XDECREF(map);
    }
    else {
        for (k = 0; k < self->nslots; k++) {
            Py_DECREF(slots[k]);
        }
    }
    return result;
}

static int
fc_traverse(FieldsCheck *self, visitproc visit, void *arg)
{
    Py_VISIT(self->table);
    Py_VISIT(self->build);
    Py_VISIT(self->slow);
    Py_VISIT(self->from_iso);
    Py_VISIT(self->first);
    Py_VISIT(self->last);
    return 0;
}

static int
fc_clear(FieldsCheck *self)
{
    Py_CLEAR(self->table);
    Py_CLEAR(self->build);
    Py_CLEAR(self->slow);
    Py_CLEAR(self->from_iso);
    Py_CLEAR(self->first);
    Py_CLEAR(self->last);
    return 0;
}

static void
fc_dealloc(FieldsCheck *self)
{
    PyObject_GC_UnTrack(self);
    fc_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject FieldsCheckType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "activity_scores._speedups.fields_check",
    .tp_basicsize = sizeof(FieldsCheck),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "The record reader's fast check of one JSON object (rules/_spec.py).",
    .tp_vectorcall_offset = offsetof(FieldsCheck, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_traverse = (traverseproc)fc_traverse,
    .tp_clear = (inquiry)fc_clear,
    .tp_dealloc = (destructor)fc_dealloc,
};

static PyObject *
fields_check(PyObject *module, PyObject *args)
{
    PyObject *table, *build, *slow, *from_iso, *first, *last, *codes;
    Py_ssize_t nslots, max_string, k;
    FieldsCheck *self;
    if (!PyArg_ParseTuple(args, "O!OnOOOOnO!:fields_check", &PyDict_Type, &table, &build,
                          &nslots, &slow, &from_iso, &first, &last, &max_string, &PyTuple_Type,
                          &codes)) {
        return NULL;
    }
    if (nslots < 0 || nslots > MAX_SLOTS || PyTuple_GET_SIZE(codes) != 7) {
        PyErr_SetString(PyExc_ValueError, "fields_check: bad arguments");
        return NULL;
    }
    self = PyObject_GC_New(FieldsCheck, &FieldsCheckType);
    if (self == NULL) {
        return NULL;
    }
    self->vectorcall = fc_vectorcall;
    for (k = 0; k < 7; k++) {
        self->codes[k] = PyLong_AsLong(PyTuple_GET_ITEM(codes, k));
    }
    Py_INCREF(table);
    self->table = table;
    Py_INCREF(build);
    self->build = build;
    self->nslots = nslots;
    Py_INCREF(slow);
    self->slow = slow;
    Py_INCREF(from_iso);
    self->from_iso = from_iso;
    Py_INCREF(first);
    self->first = first;
    Py_INCREF(last);
    self->last = last;
    self->max_string = max_string;
    if (PyErr_Occurred()) {
        Py_DECREF(self);
        return NULL;
    }
    PyObject_GC_Track(self);
    return (PyObject *)self;
}

/* ---- a laboratory value (rules/_spec.py _lab_check) --------------------------------------
 *
 * The compiled twin of the closure _lab_check builds for one lab field: a JSON object with
 * only the keys "value", "unit", "date" (and "uln" where the lab has one), none null, a
 * known unit, the value and the ULN exact ints or floats within the unit's limits (the ULN
 * above 0), a valid date within the accepted range; then Lab(value, unit, date, uln) by the
 * record class's builder. Anything else is SLOW, read by the general reader, as in Python. */

typedef struct {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    PyObject *units;    /* unit name -> (lo, hi) */
    PyObject *build;    /* Lab(value, unit, date, uln) */
    PyObject *slow;     /* SLOW */
    PyObject *from_iso; /* date.fromisoformat */
    PyObject *first;    /* the first and last dates accepted */
    PyObject *last;
    int with_uln;
} LabCheck;

static PyObject *str_unit, *str_date, *str_uln, *int_zero;

/* `type(x) in (int, float) and lo <= x <= hi`: 1, 0, or -1 with an exception set. */
static int
lab_number(PyObject *x, PyObject *lo, PyObject *hi)
{
    int ok;
    if (!PyLong_CheckExact(x) && !PyFloat_CheckExact(x)) {
        return 0;
    }
    ok = PyObject_RichCompareBool(lo, x, Py_LE);
    return ok > 0 ? PyObject_RichCompareBool(x, hi, Py_LE) : ok;
}

/* dict.get(key), None counted as absent: a borrowed reference, NULL if absent (or error). */
static PyObject *
lab_get(PyObject *data, PyObject *key)
{
    PyObject *found = PyDict_GetItemWithError(data, key);
    return found == Py_None ? NULL : found;
}

static PyObject *
lab_vectorcall(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    LabCheck *self = (LabCheck *)callable;
    PyObject *data, *unit, *number, *when, *uln = NULL, *day = NULL, *result;
    Py_ssize_t present;
    int ok;
    if (PyVectorcall_NARGS(nargsf) != 1 || kwnames != NULL) {
        PyErr_SetString(PyExc_TypeError, "a lab check takes one argument");
        return NULL;
    }
    data = args[0];
    if (!PyDict_CheckExact(data)) {
        goto slow;
    }
    unit = lab_get(data, str_unit);
    number = unit == NULL && PyErr_Occurred() ? NULL : lab_get(data, str_value);
    when = PyErr_Occurred() ? NULL : lab_get(data, str_date);
    if (self->with_uln && !PyErr_Occurred()) {
        uln = lab_get(data, str_uln);
    }
    if (PyErr_Occurred()) {
        return NULL;
    }
    /* every key known and none null */
    present = (unit != NULL) + (number != NULL) + (when != NULL) + (uln != NULL);
    if (PyDict_GET_SIZE(data) != present) {
        goto slow;
    }
    if (unit != NULL) {
        PyObject *bounds;
        if (!PyUnicode_CheckExact(unit)) {
            goto slow;
        }
        bounds = PyDict_GetItemWithError(self->units, unit);
        if (bounds == NULL) {
            if (PyErr_Occurred()) {
                return NULL;
            }
            goto slow;
        }
        if (number != NULL) {
            ok = lab_number(number, PyTuple_GET_ITEM(bounds, 0), PyTuple_GET_ITEM(bounds, 1));
            if (ok <= 0) {
                goto not_ok;
            }
        }
        if (uln != NULL) {
            ok = lab_number(uln, PyTuple_GET_ITEM(bounds, 0), PyTuple_GET_ITEM(bounds, 1));
            if (ok > 0) {
                ok = PyObject_RichCompareBool(uln, int_zero, Py_GT);
            }
            if (ok <= 0) {
                goto not_ok;
            }
        }
    }
    else if (number != NULL || uln != NULL) {
        goto slow;
    }
    if (when != NULL) {
        if (!ascii_iso_date(when)) {
            goto slow;
        }
        day = PyObject_CallOneArg(self->from_iso, when);
        if (day == NULL) {
            if (!PyErr_ExceptionMatches(PyExc_ValueError)) {
                return NULL;
            }
            PyErr_Clear();
            goto slow;
        }
        ok = PyObject_RichCompareBool(self->first, day, Py_LE);
        if (ok > 0) {
            ok = PyObject_RichCompareBool(day, self->last, Py_LE);
        }
        if (ok <= 0) {
            Py_DECREF(day);
            goto not_ok;
        }
    }
    {
        PyObject *values[4] = {number ? number : Py_None, unit ? unit : Py_None,
                               day ? day : Py_None, uln ? uln : Py_None};
        result = PyObject_Vectorcall(self->build, values, 4, NULL);
    }
    Py_XDECREF(day);
    return result;
not_ok:
    if (ok < 0) {
        return NULL;
    }
slow:
    Py_INCREF(self->slow);
    return self->slow;
}

static int
lab_traverse(LabCheck *self, visitproc visit, void *arg)
{
    Py_VISIT(self->units);
    Py_VISIT(self->build);
    Py_VISIT(self->slow);
    Py_VISIT(self->from_iso);
    Py_VISIT(self->first);
    Py_VISIT(self->last);
    return 0;
}

static int
lab_clear(LabCheck *self)
{
    Py_CLEAR(self->units);
    Py_CLEAR(self->build);
    Py_CLEAR(self->slow);
    Py_CLEAR(self->from_iso);
    Py_CLEAR(self->first);
    Py_CLEAR(self->last);
    return 0;
}

static void
lab_dealloc(LabCheck *self)
{
    PyObject_GC_UnTrack(self);
    lab_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject LabCheckType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "activity_scores._speedups.lab_check",
    .tp_basicsize = sizeof(LabCheck),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "The record reader's fast check of one lab (rules/_spec.py _lab_check).",
    .tp_vectorcall_offset = offsetof(LabCheck, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_traverse = (traverseproc)lab_traverse,
    .tp_clear = (inquiry)lab_clear,
    .tp_dealloc = (destructor)lab_dealloc,
};

static PyObject *
lab_check(PyObject *module, PyObject *args)
{
    PyObject *units, *build, *slow, *from_iso, *first, *last, *key, *bounds;
    Py_ssize_t pos = 0;
    int with_uln;
    LabCheck *self;
    if (!PyArg_ParseTuple(args, "O!pOOOOO:lab_check", &PyDict_Type, &units, &with_uln, &build,
                          &slow, &from_iso, &first, &last)) {
        return NULL;
    }
    while (PyDict_Next(units, &pos, &key, &bounds)) {
        if (!PyTuple_CheckExact(bounds) || PyTuple_GET_SIZE(bounds) != 2) {
            PyErr_SetString(PyExc_ValueError, "lab_check: units map names to (lo, hi)");
            return NULL;
        }
    }
    self = PyObject_GC_New(LabCheck, &LabCheckType);
    if (self == NULL) {
        return NULL;
    }
    self->vectorcall = lab_vectorcall;
    self->with_uln = with_uln;
    Py_INCREF(units);
    self->units = units;
    Py_INCREF(build);
    self->build = build;
    Py_INCREF(slow);
    self->slow = slow;
    Py_INCREF(from_iso);
    self->from_iso = from_iso;
    Py_INCREF(first);
    self->first = first;
    Py_INCREF(last);
    self->last = last;
    PyObject_GC_Track(self);
    return (PyObject *)self;
}

/* ---- the record classes' builder (rules/_spec.py builder) --------------------------------
 *
 * For a plain slotted record class (every slot a field, no validator, converter or hook:
 * rules/_spec.py builder checks that), cls(*values) allocates the instance and stores each
 * value in its slot; the frozen __init__ does the stores through object.__setattr__. This
 * callable does the same stores directly, at the offsets of the class's member descriptors
 * (what object.__setattr__ writes through), in one call. */

#define MAX_FIELDS 64

typedef struct {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    PyTypeObject *cls;
    Py_ssize_t nfields;
    Py_ssize_t offsets[MAX_FIELDS];
} SlotBuilder;

static PyObject *
sb_vectorcall(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    SlotBuilder *self = (SlotBuilder *)callable;
    PyObject *obj;
    Py_ssize_t k;
    if (PyVectorcall_NARGS(nargsf) != self->nfields || kwnames != NULL) {
        return PyErr_Format(PyExc_TypeError, "%s builder takes %zd positional arguments",
                            self->cls->tp_name, self->nfields);
    }
    obj = self->cls->tp_alloc(self->cls, 0);
    if (obj == NULL) {
        return NULL;
    }
    for (k = 0; k < self->nfields; k++) {
        PyObject **slot = (PyObject **)((char *)obj + self->offsets[k]);
        Py_INCREF(args[k]);
        Py_XSETREF(*slot, args[k]);
    }
    return obj;
}

static int
sb_traverse(SlotBuilder *self, visitproc visit, void *arg)
{
    Py_VISIT(self->cls);
    return 0;
}

static int
sb_clear(SlotBuilder *self)
{
    Py_CLEAR(self->cls);
    return 0;
}

static void
sb_dealloc(SlotBuilder *self)
{
    PyObject_GC_UnTrack(self);
    sb_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject SlotBuilderType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "activity_scores._speedups.slot_builder",
    .tp_basicsize = sizeof(SlotBuilder),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "cls(*values) for a plain slotted record class (rules/_spec.py builder).",
    .tp_vectorcall_offset = offsetof(SlotBuilder, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_traverse = (traverseproc)sb_traverse,
    .tp_clear = (inquiry)sb_clear,
    .tp_dealloc = (destructor)sb_dealloc,
};

static PyObject *
slot_builder(PyObject *module, PyObject *args)
{
    PyObject *cls, *names;
    Py_ssize_t n, k;
    SlotBuilder *self;
    if (!PyArg_ParseTuple(args, "O!O!:slot_builder", &PyType_Type, &cls, &PyTuple_Type, &names)) {
        return NULL;
    }
    n = PyTuple_GET_SIZE(names);
    if (n > MAX_FIELDS || ((PyTypeObject *)cls)->tp_dictoffset != 0) {
        PyErr_SetString(PyExc_ValueError, "slot_builder: not a plain slotted class");
        return NULL;
    }
    self = PyObject_GC_New(SlotBuilder, &SlotBuilderType);
    if (self == NULL) {
        return NULL;
    }
    self->vectorcall = sb_vectorcall;
    self->nfields = n;
    Py_INCREF(cls);
    self->cls = (PyTypeObject *)cls;
    for (k = 0; k < n; k++) {
        /* the member descriptor the class itself defines for the field */
        PyObject *descr = PyDict_GetItemWithError(((PyTypeObject *)cls)->tp_dict,
                                                  PyTuple_GET_ITEM(names, k));
        PyMemberDef *member;
        if (descr == NULL || !PyObject_TypeCheck(descr, &PyMemberDescr_Type)) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_ValueError, "slot_builder: a field is not a slot");
            }
            Py_DECREF(self);
            return NULL;
        }
        member = ((PyMemberDescrObject *)descr)->d_member;
        if (member->type != T_OBJECT_EX || (member->flags & READONLY)) {
            PyErr_SetString(PyExc_ValueError, "slot_builder: a field is not a plain slot");
            Py_DECREF(self);
            return NULL;
        }
        self->offsets[k] = member->offset;
    }
    PyObject_GC_Track(self);
    return (PyObject *)self;
}

/* ---- constructors ---------------------------------------------------------------------- */

/* The __init__ of results.Outcome and rules.screening.CriterionResult: each argument stored
 * as the instance attribute of its name, as the Python __init__ stores it in the instance's
 * __dict__ (bypassing the frozen class's __setattr__). Names: "self", then the fields in
 * order. Config: the class, then each field's default (None where the field has none: the
 * first `required` names must be passed). Only an instance of exactly that class is built
 * here; a subclass's instance goes to the Python __init__. */
static PyObject *
k_field_init(struct Accel *self, PyObject *const *v)
{
    PyObject *obj = v[0];
    Py_ssize_t n = PyTuple_GET_SIZE(self->names), k;
    if (Py_TYPE(obj) != (PyTypeObject *)CFG(0)) {
        return FALLBACK;
    }
    for (k = 1; k < n; k++) {
        if (PyObject_GenericSetAttr(obj, PyTuple_GET_ITEM(self->names, k),
                                    v[k] != NULL ? v[k] : CFG(k)) < 0) {
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

/* cls(*fields) for the same classes, without the type call: object.__new__(cls), then the
 * stores of k_field_init. Names: the fields. Config: the class, then the defaults. */
static PyObject *
k_field_new(struct Accel *self, PyObject *const *v)
{
    PyTypeObject *cls = (PyTypeObject *)CFG(0);
    Py_ssize_t n = PyTuple_GET_SIZE(self->names), k;
    PyObject *obj = PyBaseObject_Type.tp_new(cls, empty_tuple, NULL);
    if (obj == NULL) {
        return NULL;
    }
    for (k = 0; k < n; k++) {
        if (PyObject_GenericSetAttr(obj, PyTuple_GET_ITEM(self->names, k),
                                    v[k] != NULL ? v[k] : CFG(k + 1)) < 0) {
            Py_DECREF(obj);
            return NULL;
        }
    }
    return obj;
}

static const struct {
    const char *name;
    kernel_fn kernel;
} KERNELS[] = {
    {"cdai", k_cdai},
    {"sdai", k_sdai},
    {"das28_esr", k_das28_esr},
    {"das28_crp", k_das28_crp},
    {"das28_category", k_das28_category},
    {"band", k_band},
    {"ideal_body_weight_kg", k_ideal_body_weight},
    {"adjusted_body_weight_kg", k_adjusted_body_weight},
    {"eular_response", k_eular_response},
    {"esspri", k_esspri},
    {"graded_sum", k_graded_sum},
    {"cockcroft_gault", k_cockcroft_gault},
    {"prednisone_equivalent_mg", k_prednisone},
    {"acr_1991_functional_class", k_functional_class},
    {"field_init", k_field_init},
    {"field_new", k_field_new},
    {NULL, NULL},
};

static PyObject *
accelerate(PyObject *module, PyObject *args)
{
    PyObject *py, *names, *config;
    const char *kernel_name;
    Py_ssize_t nreq, npos, k;
    Accel *self;
    kernel_fn kernel = NULL;
    if (!PyArg_ParseTuple(args, "OsO!nnO!:accelerate", &py, &kernel_name, &PyTuple_Type, &names,
                          &nreq, &npos, &PyTuple_Type, &config)) {
        return NULL;
    }
    for (k = 0; KERNELS[k].name != NULL; k++) {
        if (strcmp(KERNELS[k].name, kernel_name) == 0) {
            kernel = KERNELS[k].kernel;
        }
    }
    if (kernel == NULL) {
        return PyErr_Format(PyExc_ValueError, "no kernel named %s", kernel_name);
    }
    if (!PyCallable_Check(py) || PyTuple_GET_SIZE(names) > MAX_NAMES ||
        PyTuple_GET_SIZE(config) > MAX_CONFIG || nreq < 0 || npos < 0 ||
        nreq > PyTuple_GET_SIZE(names) || npos > PyTuple_GET_SIZE(names)) {
        PyErr_SetString(PyExc_ValueError, "accelerate: bad arguments");
        return NULL;
    }
    self = PyObject_GC_New(Accel, &AccelType);
    if (self == NULL) {
        return NULL;
    }
    self->vectorcall = accel_vectorcall;
    self->kernel = kernel;
    self->nreq = nreq;
    self->npos = npos;
    Py_INCREF(py);
    self->py = py;
    self->config = NULL;
    self->names = PyTuple_New(PyTuple_GET_SIZE(names));
    if (self->names == NULL) {
        goto error;
    }
    for (k = 0; k < PyTuple_GET_SIZE(names); k++) {
        PyObject *name = PyTuple_GET_ITEM(names, k);
        if (!PyUnicode_CheckExact(name)) {
            PyErr_SetString(PyExc_TypeError, "accelerate: names must be str");
            goto error;
        }
        Py_INCREF(name);
        PyUnicode_InternInPlace(&name);
        PyTuple_SET_ITEM(self->names, k, name);
    }
    Py_INCREF(config);
    self->config = config;
    for (k = 0; k < PyTuple_GET_SIZE(config); k++) {
        PyObject *item = PyTuple_GET_ITEM(config, k);
        self->num[k] = (PyFloat_CheckExact(item) || PyLong_CheckExact(item))
                           ? PyFloat_AsDouble(item)
                           : Py_NAN;
        if (PyErr_Occurred()) {
            goto error;
        }
    }
    PyObject_GC_Track(self);
    return (PyObject *)self;
error:
    Py_CLEAR(self->py);
    Py_CLEAR(self->names);
    Py_CLEAR(self->config);
    PyObject_GC_Del(self);
    return NULL;
}

static PyObject *
usable(PyObject *module, PyObject *unused)
{
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
    Py_RETURN_TRUE;
#else
    Py_RETURN_FALSE;
#endif
}

static PyMethodDef module_methods[] = {
    {"usable", usable, METH_NOARGS,
     "usable(): whether this build computes floats as Python does (FLT_EVAL_METHOD == 0)."},
    {"slot_builder", slot_builder, METH_VARARGS,
     "slot_builder(cls, names): cls(*values) for a plain slotted record class."},
    {"lab_check", lab_check, METH_VARARGS,
     "lab_check(units, with_uln, build, slow, from_iso, first, last): the record reader's "
     "fast check of one lab (rules/_spec.py _lab_check)."},
    {"fields_check", fields_check, METH_VARARGS,
     "fields_check(table, build, nslots, slow, from_iso, first, last, max_string, codes): "
     "the record reader's fast check of a JSON object (rules/_spec.py _fields_check)."},
    {"accelerate", accelerate, METH_VARARGS,
     "accelerate(function, kernel, names, required, positional, config): the function with "
     "the named compiled fast path."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef speedups_module = {
    PyModuleDef_HEAD_INIT,
    "activity_scores._speedups",
    "Optional compiled fast paths of some score functions (see activity_scores._fast).",
    -1,
    module_methods,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    PyObject *module;
    if (PyType_Ready(&AccelType) < 0 || PyType_Ready(&FieldsCheckType) < 0 ||
        PyType_Ready(&SlotBuilderType) < 0 || PyType_Ready(&LabCheckType) < 0) {
        return NULL;
    }
    str_value = PyUnicode_InternFromString("value");
    str_category = PyUnicode_InternFromString("category");
    str_state = PyUnicode_InternFromString("_lazy_score_state");
    empty_tuple = PyTuple_New(0);
    str_unit = PyUnicode_InternFromString("unit");
    str_date = PyUnicode_InternFromString("date");
    str_uln = PyUnicode_InternFromString("uln");
    int_zero = PyLong_FromLong(0);
    if (str_unit == NULL || str_date == NULL || str_uln == NULL || int_zero == NULL) {
        return NULL;
    }
    if (str_value == NULL || str_category == NULL || str_state == NULL || empty_tuple == NULL) {
        return NULL;
    }
    module = PyModule_Create(&speedups_module);
    if (module == NULL) {
        return NULL;
    }
    Py_INCREF(&AccelType);
    if (PyModule_AddObject(module, "accelerated_function", (PyObject *)&AccelType) < 0) {
        Py_DECREF(&AccelType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
