//! Reductions against NumPy: `sum`, `prod`, `cumsum`, `cumprod`, `min`, `max`, `argmin`,
//! `argmax`, `sort`, `argsort`, `unique`, the comparison masks and `all`/`any`/`count_true`,
//! whole-matrix and per axis, for f64, f32, i64, i32 and u8.
//!
//! `tests/fixtures/reduce.json` is written by `tests/fixtures/gen_reduce.py` (see its
//! docstring for every field). Shapes 0x3, 3x0, 1x1, 1xN, Nx1, 3x4, 5x5, 5x7, 16x16 and, for
//! the sums, 32x32, 1x1000, 1000x1, 1x127, 127x1, 9x129; families: the seed's array,
//! normals, ties, NaNs (scattered, first, all), infinities, signed zeros, wide ranges,
//! integer extremes and overflow.
//!
//! # What must match, and how closely
//!
//! - Bit for bit (NaN equal to NaN): everything NumPy computes in a fixed order that
//!   statrix follows: `sum` and `sum_axis1` (NumPy's pairwise summation), `sum_axis0` when
//!   `R < 8` or `C == 1` (there NumPy's order is also the pairwise one), `prod`, `cumsum`,
//!   `cumprod`, the stable sorts; and integer results everywhere.
//! - By value (`0.0 == -0.0`, NaN equal to NaN): `min`, `max` (NumPy's vectorised loops
//!   return either zero for a tie of `0.0` and `-0.0`; statrix returns the first, checked
//!   against `argmin`/`argmax`), `unique`'s values (its kept zero is checked to be the first
//!   occurrence).
//! - Float sums against the exact sum (every sum, including `sum_axis0` for `R >= 8`, where
//!   NumPy adds the rows left to right and statrix pairwise): Higham, *Accuracy and
//!   Stability of Numerical Algorithms* (2nd ed.), eq. (4.3): a summation in which each
//!   element passes through at most `D` roundings obeys
//!   `|s_hat - s| <= gamma_D * sum |x_i|`, `gamma_D = D u / (1 - D u)`, `u` the unit
//!   roundoff of the type summed; `D = pairwise_depth(n)` below, from the structure of
//!   NumPy's pairwise algorithm (derived in `src/reduce/sum.rs`). The exact sum is given as
//!   `hi + lo` (f64 each); the error is evaluated in f64 as `|(s_hat - hi) - lo|`, which is
//!   within `(1 + u64)^2 |e| + 2 (1 + u64) u64^2 |hi|` of the true error `e`
//!   (`u64 = 2^-53`; `lo`'s own rounding is `u64 |lo| <= u64^2 |hi|`), so the test allows
//!   the bound times `1 + 8 u64` (those factors and the bound's own evaluation) plus
//!   `4 u64^2 |hi|`.
//!   For the family "1 followed by copies of u", the left-to-right sum's error, `(n - 1) u`
//!   up to rounding, is checked to exceed the bound: the test tells `O(n)` from
//!   `O(log n)`. A property test checks the same bound for f32 sums of random shapes whose
//!   exact sums f64 represents.
//!
//! Other properties are in `tests/reduce_properties.rs`, sorting and `unique` in
//! `tests/sort.rs`.

mod support;

use std::fmt::Debug;
use std::str::FromStr;

// `U64`: the unit roundoff of the f64 arithmetic the test evaluates errors in.
use proptest::prelude::*;
use serde_json::Value;
use statrix::{Matrix, Scalar, Unique};
// `parse_all` is the name the readers below are written with.
use support::{U64, gamma_u, indices, parse_vec as parse_all};

// --- elements -------------------------------------------------------------------------------

/// What the checks need of an element type beyond `Scalar`.
trait Element: Scalar + Debug + FromStr {
    /// Parses the fixture's decimal string (exact for f32 too).
    fn parse(s: &str) -> Self {
        support::parse_str(s, "reduce.json")
    }
    /// Bitwise equal; any NaN equals any NaN.
    fn same(self, other: Self) -> bool;
    /// Equal by value (`0.0 == -0.0`); any NaN equals any NaN.
    fn value_eq(self, other: Self) -> bool;
    /// The sum checks that differ between floats (NumPy bits and error bounds) and integers
    /// (exact values, overflow, `checked_sum`/`checked_prod`).
    fn check_sums<const R: usize, const C: usize>(a: &Matrix<Self, R, C>, case: &Value);
}

macro_rules! float_element {
    ($($t:ty),*) => {$(
        impl Element for $t {
            fn same(self, other: Self) -> bool {
                support::same_bits(self, other)
            }
            fn value_eq(self, other: Self) -> bool {
                self == other || (self.is_nan() && other.is_nan())
            }
            fn check_sums<const R: usize, const C: usize>(a: &Matrix<Self, R, C>, case: &Value) {
                check_float_sums(a, case, <$t>::EPSILON as f64 / 2.0, |x| x as f64);
                check_same(case, "prod all", &[a.prod()], &case["prod"]["all"]);
                check_same(case, "prod axis0", a.prod_axis0().as_slice(), &case["prod"]["axis0"]);
                check_same(case, "prod axis1", a.prod_axis1().as_slice(), &case["prod"]["axis1"]);
            }
        }
    )*};
}

macro_rules! int_element {
    ($($t:ty),*) => {$(
        impl Element for $t {
            fn same(self, other: Self) -> bool {
                self == other
            }
            fn value_eq(self, other: Self) -> bool {
                self == other
            }
            fn check_sums<const R: usize, const C: usize>(a: &Matrix<Self, R, C>, case: &Value) {
                // `null` marks a sum or product that may overflow: checked below through
                // the checked forms, which every case has.
                let sum = &case["sum"];
                if !sum["all"].is_null() {
                    check_same(case, "sum all", &[a.sum()], &sum["all"]);
                }
                if !sum["axis0"].is_null() {
                    check_same(case, "sum axis0", a.sum_axis0().as_slice(), &sum["axis0"]);
                }
                if !sum["axis1"].is_null() {
                    check_same(case, "sum axis1", a.sum_axis1().as_slice(), &sum["axis1"]);
                }
                let prod = &case["prod"];
                if !prod["all"].is_null() {
                    check_same(case, "prod all", &[a.prod()], &prod["all"]);
                }
                if !prod["axis0"].is_null() {
                    check_same(case, "prod axis0", a.prod_axis0().as_slice(), &prod["axis0"]);
                }
                if !prod["axis1"].is_null() {
                    check_same(case, "prod axis1", a.prod_axis1().as_slice(), &prod["axis1"]);
                }
                let name = name(case);
                let expect = |key: &str| case[key].as_str().map(<$t as Element>::parse);
                assert_eq!(a.checked_sum(), expect("checked_sum"), "{name}: checked_sum");
                assert_eq!(a.checked_prod(), expect("checked_prod"), "{name}: checked_prod");
            }
        }
    )*};
}

float_element!(f64, f32);
int_element!(i64, i32, u8);

// --- fixture helpers ------------------------------------------------------------------------

fn name(case: &Value) -> &str {
    case["name"].as_str().expect("name")
}

fn matrix_from<T: Element, const R: usize, const C: usize>(v: &Value) -> Matrix<T, R, C> {
    let flat = parse_all::<T>(v);
    assert_eq!(
        flat.len(),
        R * C,
        "fixture has {} values for {R}x{C}",
        flat.len()
    );
    Matrix::from_fn(|i, j| flat[i * C + j])
}

fn mask_from<const R: usize, const C: usize>(s: &str) -> Matrix<bool, R, C> {
    let bits: Vec<bool> = s.bytes().map(|b| b == b'1').collect();
    assert_eq!(bits.len(), R * C, "mask {s:?} for {R}x{C}");
    Matrix::from_fn(|i, j| bits[i * C + j])
}

/// `got` is bitwise `expected` (a string or a list of strings).
fn check_same<T: Element>(case: &Value, what: &str, got: &[T], expected: &Value) {
    let expected: Vec<T> = match expected {
        Value::String(s) => vec![T::parse(s)],
        other => parse_all(other),
    };
    assert_eq!(got.len(), expected.len(), "{}: {what}: length", name(case));
    for (k, (&g, &e)) in got.iter().zip(&expected).enumerate() {
        assert!(
            g.same(e),
            "{}: {what}[{k}] = {g:?}, NumPy {e:?}",
            name(case)
        );
    }
}

/// `got` equals `expected` by value.
fn check_value_eq<T: Element>(case: &Value, what: &str, got: &[T], expected: &Value) {
    let expected: Vec<T> = match expected {
        Value::String(s) => vec![T::parse(s)],
        other => parse_all(other),
    };
    assert_eq!(got.len(), expected.len(), "{}: {what}: length", name(case));
    for (k, (&g, &e)) in got.iter().zip(&expected).enumerate() {
        assert!(
            g.value_eq(e),
            "{}: {what}[{k}] = {g:?}, NumPy {e:?}",
            name(case)
        );
    }
}

fn check_indices(case: &Value, what: &str, got: &[usize], expected: &Value) {
    assert_eq!(got, indices(expected), "{}: {what}", name(case));
}

// --- float sums against the exact sum ---------------------------------------------------------

/// The most roundings any element passes through in NumPy's pairwise summation of `n`
/// elements (`src/reduce/sum.rs`): `n - 1` for a left-to-right run of `n < 8` (the first
/// addition, to zero, is exact); `floor(n / 8) - 1` in an accumulator, 3 in the tree and
/// `n mod 8` for the tail for `8 <= n <= 128`; one more per split above.
fn pairwise_depth(n: usize) -> usize {
    if n < 8 {
        n.saturating_sub(1)
    } else if n <= 128 {
        n / 8 + 2 + n % 8
    } else {
        let half = n / 2 - (n / 2) % 8;
        1 + pairwise_depth(half).max(pairwise_depth(n - half))
    }
}

#[test]
fn pairwise_depth_is_logarithmic() {
    // The closed form the docs state, D(n) <= 17 + ceil(log2 n), over every n a static
    // matrix can reasonably have; 24 at n = 127 is the worst case of a single block.
    assert_eq!(pairwise_depth(127), 24);
    for n in 2..=1usize << 16 {
        let log2_ceil = (usize::BITS - (n - 1).leading_zeros()) as usize;
        assert!(
            pairwise_depth(n) <= 17 + log2_ceil,
            "D({n}) = {}",
            pairwise_depth(n)
        );
        assert!(pairwise_depth(n) < n);
    }
}

/// The exact sum `hi + lo` and `sum |x_i|` (rounded up) of a fixture entry.
struct ExactSum {
    hi: f64,
    lo: f64,
    abs: f64,
}

fn exact_sum(v: &Value) -> Option<ExactSum> {
    if v.is_null() {
        return None;
    }
    let get = |k: &str| -> f64 { v[k].as_str().expect("exact field").parse().expect("f64") };
    Some(ExactSum {
        hi: get("hi"),
        lo: get("lo"),
        abs: get("abs"),
    })
}

/// Checks one computed sum of `n` elements of unit roundoff `u` against the exact sum;
/// returns error / bound.
fn check_sum_bound(what: &str, computed: f64, exact: &ExactSum, n: usize, u: f64) -> f64 {
    let err = ((computed - exact.hi) - exact.lo).abs();
    let bound = gamma_u(pairwise_depth(n) as f64, u) * exact.abs;
    let allowed = bound * (1.0 + 8.0 * U64) + 4.0 * U64 * U64 * exact.hi.abs();
    assert!(
        err <= allowed,
        "{what}: error {err:e} exceeds gamma_{} * sum|x| = {bound:e}",
        pairwise_depth(n)
    );
    if bound > 0.0 { err / bound } else { 0.0 }
}

/// Sums against NumPy (bits where the order is NumPy's) and against the exact sums.
fn check_float_sums<T: Element, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
    case: &Value,
    u: f64,
    to_f64: fn(T) -> f64,
) -> f64 {
    let name = name(case);
    let (sum, exact) = (&case["sum"], &case["sum_exact"]);
    let mut worst: f64 = 0.0;
    check_same(case, "sum all", &[a.sum()], &sum["all"]);
    if let Some(e) = exact_sum(&exact["all"]) {
        let what = format!("{name}: sum");
        worst = worst.max(check_sum_bound(&what, to_f64(a.sum()), &e, R * C, u));
    }
    // Sums along an axis of length 1 are `null` in the large cases: then the element.
    let axis0 = a.sum_axis0();
    if sum["axis0"].is_null() {
        assert_eq!(R, 1, "{name}: axis0 sums missing");
        for (s, &x) in axis0.iter().zip(a.iter()) {
            assert!(s.same(T::ZERO + x), "{name}: sum over one row");
        }
    } else {
        for (j, &s) in axis0.iter().enumerate() {
            match exact_sum(&exact["axis0"][j]) {
                Some(e) => {
                    let what = format!("{name}: sum_axis0[{j}]");
                    worst = worst.max(check_sum_bound(&what, to_f64(s), &e, R, u));
                }
                // A non-finite column: inf or NaN whatever the order.
                None => check_same(case, "sum axis0", &[s], &sum["axis0"][j]),
            }
        }
        if R < 8 || C == 1 {
            check_same(case, "sum axis0", axis0.as_slice(), &sum["axis0"]);
        }
    }
    let axis1 = a.sum_axis1();
    if sum["axis1"].is_null() {
        assert_eq!(C, 1, "{name}: axis1 sums missing");
        for (s, &x) in axis1.iter().zip(a.iter()) {
            assert!(s.same(T::ZERO + x), "{name}: sum over one column");
        }
    } else {
        check_same(case, "sum axis1", axis1.as_slice(), &sum["axis1"]);
        for (i, &s) in axis1.iter().enumerate() {
            if let Some(e) = exact_sum(&exact["axis1"][i]) {
                let what = format!("{name}: sum_axis1[{i}]");
                worst = worst.max(check_sum_bound(&what, to_f64(s), &e, C, u));
            }
        }
    }
    // The left-to-right sum is too inaccurate for the bound on this family: the test
    // can tell the two algorithms apart.
    if name.contains("one then unit roundoffs") && R * C >= 64 {
        let naive = a.iter().fold(T::ZERO, |acc, &x| acc + x);
        let e = exact_sum(&exact["all"]).expect("finite");
        let err = ((to_f64(naive) - e.hi) - e.lo).abs();
        let bound = gamma_u(pairwise_depth(R * C) as f64, u) * e.abs;
        assert!(
            err > 2.0 * bound,
            "{name}: left to right {err:e} vs bound {bound:e}"
        );
    }
    worst
}

// --- the checks -------------------------------------------------------------------------------

/// Everything except the extrema, which do not exist for empty shapes.
fn check_common<T: Element, const R: usize, const C: usize>(case: &Value) {
    let name = name(case);
    let a: Matrix<T, R, C> = matrix_from(&case["values"]);
    let b: Matrix<T, R, C> = matrix_from(&case["b"]);
    let scalar = T::parse(case["scalar"].as_str().expect("scalar"));

    T::check_sums(&a, case);

    type Cumulative<T, const R: usize, const C: usize> = fn(&Matrix<T, R, C>) -> Matrix<T, R, C>;
    let cumulative: [(&str, &str, Cumulative<T, R, C>); 6] = [
        ("cumsum", "flat", Matrix::cumsum),
        ("cumsum", "axis0", Matrix::cumsum_axis0),
        ("cumsum", "axis1", Matrix::cumsum_axis1),
        ("cumprod", "flat", Matrix::cumprod),
        ("cumprod", "axis0", Matrix::cumprod_axis0),
        ("cumprod", "axis1", Matrix::cumprod_axis1),
    ];
    for (op, form, f) in cumulative {
        let expected = &case[op][form];
        // `null`: an integer running value leaves the type's range (a debug-build panic).
        if !expected.is_null() {
            check_same(case, &format!("{op} {form}"), f(&a).as_slice(), expected);
        }
    }

    let (sort, argsort) = (&case["sort"], &case["argsort"]);
    check_same(case, "sort flat", a.sort().as_slice(), &sort["flat"]);
    check_same(
        case,
        "sort axis0",
        a.sort_axis0().as_slice(),
        &sort["axis0"],
    );
    check_same(
        case,
        "sort axis1",
        a.sort_axis1().as_slice(),
        &sort["axis1"],
    );
    check_same(
        case,
        "sort descending",
        a.sort_descending().as_slice(),
        &sort["flat_descending"],
    );
    check_indices(
        case,
        "argsort flat",
        a.argsort().as_slice(),
        &argsort["flat"],
    );
    check_indices(
        case,
        "argsort axis0",
        a.argsort_axis0().as_slice(),
        &argsort["axis0"],
    );
    check_indices(
        case,
        "argsort axis1",
        a.argsort_axis1().as_slice(),
        &argsort["axis1"],
    );
    let descending = a.argsort_descending();
    check_indices(
        case,
        "argsort descending",
        descending.as_slice(),
        &argsort["flat_descending"],
    );

    let unique: Unique<T, R, C> = a.unique();
    check_value_eq(
        case,
        "unique values",
        unique.values(),
        &case["unique"]["values"],
    );
    check_indices(
        case,
        "unique counts",
        unique.counts(),
        &case["unique"]["counts"],
    );
    assert_eq!(unique.len(), unique.values().len(), "{name}: unique len");
    for &v in unique.values() {
        // The value kept for a run of equal elements (0.0 and -0.0) is the first one.
        let first = a
            .iter()
            .find(|&&x| x.value_eq(v))
            .expect("a unique value occurs");
        assert!(
            first.same(v),
            "{name}: unique kept {v:?}, first occurrence {first:?}"
        );
    }

    let (m, s) = (&case["compare"]["matrix"], &case["compare"]["scalar"]);
    let mask = |v: &Value| mask_from::<R, C>(v.as_str().expect("mask"));
    assert_eq!(a.eq_elementwise(&b), mask(&m["eq"]), "{name}: a == b");
    assert_eq!(a.ne_elementwise(&b), mask(&m["ne"]), "{name}: a != b");
    assert_eq!(a.lt_elementwise(&b), mask(&m["lt"]), "{name}: a < b");
    assert_eq!(a.le_elementwise(&b), mask(&m["le"]), "{name}: a <= b");
    assert_eq!(a.gt_elementwise(&b), mask(&m["gt"]), "{name}: a > b");
    assert_eq!(a.ge_elementwise(&b), mask(&m["ge"]), "{name}: a >= b");
    assert_eq!(a.eq_scalar(scalar), mask(&s["eq"]), "{name}: a == s");
    assert_eq!(a.ne_scalar(scalar), mask(&s["ne"]), "{name}: a != s");
    assert_eq!(a.lt_scalar(scalar), mask(&s["lt"]), "{name}: a < s");
    assert_eq!(a.le_scalar(scalar), mask(&s["le"]), "{name}: a <= s");
    assert_eq!(a.gt_scalar(scalar), mask(&s["gt"]), "{name}: a > s");
    assert_eq!(a.ge_scalar(scalar), mask(&s["ge"]), "{name}: a >= s");
}

/// `min`, `max`, `argmin`, `argmax`, whole and per axis (non-empty shapes only).
fn check_extrema<T: Element, const R: usize, const C: usize>(case: &Value) {
    let name = name(case);
    let a: Matrix<T, R, C> = matrix_from(&case["values"]);
    for key in ["min", "max", "argmin", "argmax"] {
        assert!(
            !case[key].is_null(),
            "{name}: {key} missing for a non-empty shape"
        );
    }
    check_indices(
        case,
        "argmin",
        &[a.argmin()],
        &Value::from(vec![case["argmin"]["all"].clone()]),
    );
    check_indices(
        case,
        "argmax",
        &[a.argmax()],
        &Value::from(vec![case["argmax"]["all"].clone()]),
    );
    check_indices(
        case,
        "argmin axis0",
        a.argmin_axis0().as_slice(),
        &case["argmin"]["axis0"],
    );
    check_indices(
        case,
        "argmin axis1",
        a.argmin_axis1().as_slice(),
        &case["argmin"]["axis1"],
    );
    check_indices(
        case,
        "argmax axis0",
        a.argmax_axis0().as_slice(),
        &case["argmax"]["axis0"],
    );
    check_indices(
        case,
        "argmax axis1",
        a.argmax_axis1().as_slice(),
        &case["argmax"]["axis1"],
    );

    check_value_eq(case, "min", &[a.min()], &case["min"]["all"]);
    check_value_eq(case, "max", &[a.max()], &case["max"]["all"]);
    check_value_eq(
        case,
        "min axis0",
        a.min_axis0().as_slice(),
        &case["min"]["axis0"],
    );
    check_value_eq(
        case,
        "min axis1",
        a.min_axis1().as_slice(),
        &case["min"]["axis1"],
    );
    check_value_eq(
        case,
        "max axis0",
        a.max_axis0().as_slice(),
        &case["max"]["axis0"],
    );
    check_value_eq(
        case,
        "max axis1",
        a.max_axis1().as_slice(),
        &case["max"]["axis1"],
    );

    // The extreme values are the elements at the indices, bit for bit (which zero).
    assert!(a.min().same(a[a.argmin()]), "{name}: min is not a[argmin]");
    assert!(a.max().same(a[a.argmax()]), "{name}: max is not a[argmax]");
    for j in 0..C {
        assert!(
            a.min_axis0()[j].same(a[(a.argmin_axis0()[j], j)]),
            "{name}: min_axis0"
        );
        assert!(
            a.max_axis0()[j].same(a[(a.argmax_axis0()[j], j)]),
            "{name}: max_axis0"
        );
    }
    for i in 0..R {
        assert!(
            a.min_axis1()[i].same(a[(i, a.argmin_axis1()[i])]),
            "{name}: min_axis1"
        );
        assert!(
            a.max_axis1()[i].same(a[(i, a.argmax_axis1()[i])]),
            "{name}: max_axis1"
        );
    }
}

/// One arm per (dtype, shape) in the fixtures; anything else panics, so no case is skipped.
macro_rules! dispatch {
    ($case:expr; $($t:ty: [$(($r:literal, $c:literal)),*] empty [$(($er:literal, $ec:literal)),*];)*) => {{
        let case = $case;
        let shape = case["shape"].as_array().expect("shape");
        let shape = (
            shape[0].as_u64().expect("rows") as usize,
            shape[1].as_u64().expect("cols") as usize,
        );
        match (case["dtype"].as_str().expect("dtype"), shape) {
            $(
                $((stringify!($t), ($r, $c)) => {
                    check_common::<$t, $r, $c>(case);
                    check_extrema::<$t, $r, $c>(case);
                })*
                $((stringify!($t), ($er, $ec)) => check_common::<$t, $er, $ec>(case),)*
            )*
            (dtype, shape) => panic!(
                "{}: no arm for {dtype} {shape:?} in tests/reduce.rs; add it to `dispatch!`",
                name(case)
            ),
        }
    }};
}

fn load() -> Value {
    support::load_fixture("reduce.json")
}

#[test]
fn matches_numpy_fixtures() {
    let json = load();
    let cases = json["cases"].as_array().expect("cases");
    assert!(cases.len() >= 80, "only {} cases", cases.len());
    for case in cases {
        dispatch!(case;
            f64: [(1, 1), (1, 7), (7, 1), (1, 10), (10, 1), (3, 4), (5, 5), (5, 7), (16, 16)]
                empty [(0, 3), (3, 0)];
            f32: [(1, 1), (1, 7), (7, 1), (1, 10), (10, 1), (3, 4), (5, 5), (5, 7), (16, 16)]
                empty [(0, 3), (3, 0)];
            i64: [(1, 1), (1, 7), (7, 1), (1, 10), (10, 1), (2, 5), (3, 4), (5, 5), (5, 7),
                (16, 16)] empty [(0, 3)];
            i32: [(1, 1), (1, 10), (10, 1), (3, 4), (5, 7)] empty [];
            u8: [(1, 1), (1, 10), (10, 1), (3, 4), (5, 7)] empty [];
        );
    }
}

#[test]
fn float_sums_meet_the_pairwise_bound() {
    let json = load();
    let cases = json["sums"].as_array().expect("sums");
    assert!(cases.len() >= 20, "only {} sum cases", cases.len());
    let (mut worst64, mut worst32) = (0.0f64, 0.0f64);
    for case in cases {
        let shape = case["shape"].as_array().expect("shape");
        let shape = (
            shape[0].as_u64().unwrap_or(0),
            shape[1].as_u64().unwrap_or(0),
        );
        macro_rules! run {
            ($($r:literal x $c:literal),*) => {
                match (case["dtype"].as_str().expect("dtype"), shape) {
                    $(
                        ("f64", ($r, $c)) => {
                            let a: Matrix<f64, $r, $c> = matrix_from(&case["values"]);
                            let ratio = check_float_sums(&a, case, U64, |x| x);
                            worst64 = worst64.max(ratio);
                        }
                        ("f32", ($r, $c)) => {
                            let a: Matrix<f32, $r, $c> = matrix_from(&case["values"]);
                            let u = f32::EPSILON as f64 / 2.0;
                            let ratio = check_float_sums(&a, case, u, |x| x as f64);
                            worst32 = worst32.max(ratio);
                        }
                    )*
                    (dtype, shape) => panic!("{}: no arm for {dtype} {shape:?}", name(case)),
                }
            };
        }
        run!(32 x 32, 1 x 1000, 1000 x 1, 1 x 127, 127 x 1, 9 x 129);
    }
    eprintln!("worst error / bound: f64 {worst64:.3}, f32 {worst32:.3}");
}

/// `all`, `any`, `count_true` of a mask, whole and per axis.
fn check_mask<const R: usize, const C: usize>(case: &Value) {
    let name = name(case);
    let m = mask_from::<R, C>(case["values"].as_str().expect("values"));
    let flags = |v: &Value| -> Vec<bool> {
        v.as_str()
            .expect("flags")
            .bytes()
            .map(|b| b == b'1')
            .collect()
    };
    assert_eq!(
        m.all(),
        case["all"]["all"].as_bool().expect("bool"),
        "{name}: all"
    );
    assert_eq!(
        m.any(),
        case["any"]["all"].as_bool().expect("bool"),
        "{name}: any"
    );
    assert_eq!(
        m.all_axis0().as_slice(),
        flags(&case["all"]["axis0"]),
        "{name}: all axis0"
    );
    assert_eq!(
        m.all_axis1().as_slice(),
        flags(&case["all"]["axis1"]),
        "{name}: all axis1"
    );
    assert_eq!(
        m.any_axis0().as_slice(),
        flags(&case["any"]["axis0"]),
        "{name}: any axis0"
    );
    assert_eq!(
        m.any_axis1().as_slice(),
        flags(&case["any"]["axis1"]),
        "{name}: any axis1"
    );
    let count = &case["count_true"];
    assert_eq!(
        m.count_true() as u64,
        count["all"].as_u64().expect("count"),
        "{name}: count"
    );
    check_indices(
        case,
        "count axis0",
        m.count_true_axis0().as_slice(),
        &count["axis0"],
    );
    check_indices(
        case,
        "count axis1",
        m.count_true_axis1().as_slice(),
        &count["axis1"],
    );
}

#[test]
fn masks_match_numpy_fixtures() {
    let json = load();
    let cases = json["masks"].as_array().expect("masks");
    assert!(cases.len() >= 10, "only {} masks", cases.len());
    for case in cases {
        let shape = case["shape"].as_array().expect("shape");
        let shape = (
            shape[0].as_u64().unwrap_or(0),
            shape[1].as_u64().unwrap_or(0),
        );
        match shape {
            (0, 3) => check_mask::<0, 3>(case),
            (3, 0) => check_mask::<3, 0>(case),
            (1, 1) => check_mask::<1, 1>(case),
            (1, 5) => check_mask::<1, 5>(case),
            (5, 1) => check_mask::<5, 1>(case),
            (3, 4) => check_mask::<3, 4>(case),
            (5, 7) => check_mask::<5, 7>(case),
            other => panic!("{}: no arm for shape {other:?}", name(case)),
        }
    }
}

// --- properties -----------------------------------------------------------------------------

/// f32 values `m / 2^e`, `|m| <= 2^24`, `e < 16`: exact in f32, and sums of a few hundred of
/// them are exact in f64 (multiples of `2^-15` below `2^33`), so the f64 sum is the exact
/// reference.
fn dyadic_f32() -> impl Strategy<Value = f32> {
    (-(1i32 << 24)..=(1 << 24), 0u32..16).prop_map(|(m, e)| m as f32 / (1u32 << e) as f32)
}

/// f32 sums within `gamma_D * sum |x|` of the exact sum (see the module docs).
fn f32_sum_bound<const R: usize, const C: usize>(xs: &[f32]) {
    let a: Matrix<f32, R, C> = Matrix::from_fn(|i, j| xs[i * C + j]);
    let u = f32::EPSILON as f64 / 2.0;
    let check = |what: &str, got: f32, elems: &mut dyn Iterator<Item = f32>| {
        let (mut exact, mut abs) = (0.0f64, 0.0f64);
        for x in elems {
            exact += f64::from(x); // exact: see `dyadic_f32`
            abs += f64::from(x).abs();
        }
        let n = if what == "sum" {
            R * C
        } else if what == "axis0" {
            R
        } else {
            C
        };
        let bound = gamma_u(pairwise_depth(n) as f64, u) * abs;
        let err = (f64::from(got) - exact).abs();
        assert!(err <= bound, "{what}: error {err:e} > bound {bound:e}");
    };
    check("sum", a.sum(), &mut a.iter().copied());
    for j in 0..C {
        check("axis0", a.sum_axis0()[j], &mut (0..R).map(|i| a[(i, j)]));
    }
    for i in 0..R {
        check("axis1", a.sum_axis1()[i], &mut (0..C).map(|j| a[(i, j)]));
    }
}

/// f32 sum bounds over random shapes (the other properties are in
/// `tests/reduce_properties.rs`).
macro_rules! sum_properties {
    ($($name:ident => ($r:literal, $c:literal)),*) => {$(
        mod $name {
            use super::*;
            proptest! {
                #![proptest_config(ProptestConfig::with_cases(48))]
                #[test]
                fn f32_sums_meet_the_bound(xs in proptest::collection::vec(dyadic_f32(), $r * $c)) {
                    f32_sum_bound::<$r, $c>(&xs);
                }
            }
        }
    )*};
}

sum_properties!(
    p1x1 => (1, 1), p1x9 => (1, 9), p9x1 => (9, 1), p3x4 => (3, 4), p5x7 => (5, 7),
    p12x20 => (12, 20), p1x300 => (1, 300)
);
