//! Helpers shared by the integration tests: the fixture files (`tests/fixtures/*.json`,
//! written by the Python scripts there) and the numbers in them, matrices built from
//! fixture values, the f32/f64 element trait of the linear-algebra tests, and proptest
//! strategies and comparisons used by more than one test file.
//!
//! Each test file includes it with `mod common;`; Cargo does not build `tests/common/mod.rs`
//! as a test crate of its own.

// Each test crate uses only a subset of these helpers; the rest would warn as dead code there.
#![allow(dead_code)]

use std::str::FromStr;
use std::sync::Mutex;

use proptest::prelude::*;
use serde_json::Value;
use statrix::{Matrix, Real};

/// f64's unit roundoff, for references rounded to f64.
pub const U64: f64 = f64::EPSILON / 2.0;
/// The smallest positive subnormal f64.
pub const ETA64: f64 = f64::from_bits(1);

// --- fixtures -------------------------------------------------------------------------------

/// The path of `tests/fixtures/<name>`.
pub fn fixture_path(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<name>`, read and parsed.
pub fn load_fixture(name: &str) -> Value {
    let path = fixture_path(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {path} (see tests/fixtures/*.py): {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name} is not valid JSON: {e}"))
}

/// The cases of a fixture file that is one JSON list.
pub fn fixture_cases(name: &str) -> Vec<Value> {
    match load_fixture(name) {
        Value::Array(cases) => cases,
        _ => panic!("{name} is not a list of cases"),
    }
}

/// `tests/fixtures/<name>`, read and parsed once per test binary and shared by its tests
/// (which run in parallel threads).
pub fn fixture(name: &str) -> &'static Value {
    static LOADED: Mutex<Vec<(String, &'static Value)>> = Mutex::new(Vec::new());
    // A test that panicked while loading leaves nothing behind: load again.
    let mut loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&(_, json)) = loaded.iter().find(|(n, _)| n == name) {
        return json;
    }
    let json: &'static Value = Box::leak(Box::new(load_fixture(name)));
    loaded.push((name.to_owned(), json));
    json
}

// --- numbers --------------------------------------------------------------------------------

/// A fixture number. The fixtures write every float as a string (serde_json's own number
/// parsing is not correctly rounded; f32 values as a string that parses exactly in f32), and
/// Rust's `FromStr` reads the "nan", "inf" and "-inf" they write for the non-finite values.
pub fn parse<T: FromStr>(v: &Value) -> T {
    let s = v.as_str().expect("a string");
    s.parse()
        .unwrap_or_else(|_| panic!("cannot parse {s:?} as a number"))
}

/// A list of fixture numbers (see [`parse`]), in f64.
pub fn parse_list(v: &Value) -> Vec<f64> {
    v.as_array().expect("a list").iter().map(parse).collect()
}

/// A list of indices.
pub fn indices(v: &Value) -> Vec<usize> {
    v.as_array()
        .unwrap_or_else(|| panic!("expected a list, got {v}"))
        .iter()
        .map(|s| s.as_u64().expect("an index") as usize)
        .collect()
}

/// A list of strings.
pub fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap_or_else(|| panic!("expected a list, got {v}"))
        .iter()
        .map(|s| s.as_str().expect("a string"))
        .collect()
}

/// Higham's `gamma_k = k u / (1 - k u)` for unit roundoff `u`.
pub fn gamma(k: f64, u: f64) -> f64 {
    k * u / (1.0 - k * u)
}

// --- the element types of the linear-algebra tests ------------------------------------------

/// The element types under test (f32 and f64), measured in f64, which holds every f32
/// exactly.
pub trait Float: Real + FromStr + Into<f64> {}
impl Float for f32 {}
impl Float for f64 {}

/// The machine epsilon of `T`.
pub fn eps<T: Float>() -> f64 {
    T::epsilon().into()
}

pub fn to_f64<T: Float, const R: usize, const C: usize>(m: &Matrix<T, R, C>) -> Matrix<f64, R, C> {
    m.map(|x| x.into())
}

// --- matrices -------------------------------------------------------------------------------

/// A matrix from a fixture's flat, row-major list of `R * C` numbers (see [`parse`]).
pub fn matrix_from_flat<T: FromStr, const R: usize, const C: usize>(v: &Value) -> Matrix<T, R, C> {
    let values = v.as_array().expect("a list");
    assert_eq!(values.len(), R * C);
    Matrix::from_fn(|i, j| parse(&values[i * C + j]))
}

/// A matrix from a fixture's list of `R` rows of `C` numbers each (see [`parse`]).
pub fn matrix_from_rows<T: FromStr, const R: usize, const C: usize>(v: &Value) -> Matrix<T, R, C> {
    let rows = v.as_array().expect("a list of rows");
    assert_eq!(rows.len(), R, "row count");
    Matrix::from_fn(|i, j| {
        let row = rows[i].as_array().expect("a row");
        assert_eq!(row.len(), C, "column count");
        parse(&row[j])
    })
}

/// The `R x C` matrix of a row-major slice (as from a proptest `vec` strategy).
pub fn mat<const R: usize, const C: usize>(v: &[f64]) -> Matrix<f64, R, C> {
    Matrix::from_fn(|i, j| v[i * C + j])
}

/// Dispatches a fixture case on its `"dtype"` (f64 or f32) and `"shape"` (`[rows, cols]`) to
/// `$f::<T, R, C>(case)`, for the listed shapes. Exported (to the crate root, `by_shape!`) so
/// that the crates that do not use it do not warn.
#[macro_export]
macro_rules! by_shape {
    ($case:expr, $f:ident, [$(($r:literal, $c:literal)),*]) => {{
        let case = $case;
        let dtype = case["dtype"].as_str().expect("dtype");
        let shape: Vec<u64> = case["shape"].as_array().expect("shape").iter()
            .map(|v| v.as_u64().expect("dim")).collect();
        match (dtype, shape[0], shape[1]) {
            $(
                ("f64", $r, $c) => $f::<f64, $r, $c>(case),
                ("f32", $r, $c) => $f::<f32, $r, $c>(case),
            )*
            other => panic!("unhandled case {other:?}"),
        }
    }};
}

// --- residuals ------------------------------------------------------------------------------

/// `start + sum_k x_k y_k` with twice the working precision (Ogita, Rump and Oishi's Dot2:
/// error-free products and sums), rounded once.
pub fn dot2(pairs: impl Iterator<Item = (f64, f64)>, start: f64) -> f64 {
    let (mut s, mut err) = (start, 0.0f64);
    for (x, y) in pairs {
        let p = x * y;
        let pe = x.mul_add(y, -p);
        let t = s + p;
        let z = t - s;
        let se = (s - (t - z)) + (p - z);
        s = t;
        err += pe + se;
    }
    s + err
}

// --- proptest -------------------------------------------------------------------------------

/// `len` arbitrary f64 elements, heavy in the special values: both zeros, one, `±MAX`,
/// `MIN_POSITIVE`, the smallest subnormal, NaN, both infinities, `1e300` and `-1e-300`.
pub fn wild(len: usize) -> impl Strategy<Value = Vec<f64>> {
    let special = prop_oneof![
        Just(0.0),
        Just(-0.0),
        Just(1.0),
        Just(f64::MAX),
        Just(-f64::MAX),
        Just(f64::MIN_POSITIVE),
        Just(5e-324),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(1e300),
        Just(-1e-300),
    ];
    proptest::collection::vec(
        prop_oneof![special, proptest::num::f64::ANY, -1.0f64..1.0],
        len,
    )
}

/// Elements from a small pool, so that ties, NaNs, infinities and both zeros are common.
pub fn pooled_element() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => (-3i32..=3).prop_map(f64::from),
        1 => Just(f64::NAN),
        1 => Just(-0.0),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        2 => -10.0f64..10.0,
    ]
}

/// Bitwise equal, or both NaN.
pub fn same_f64(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}
