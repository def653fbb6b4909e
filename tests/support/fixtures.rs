//! The fixture files (`tests/fixtures/*.json`, written by the Python scripts there) and the
//! numbers and matrices in them.

use std::fmt::Debug;
use std::str::FromStr;
use std::sync::Mutex;

use serde_json::Value;
use statrix::Matrix;

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

/// Runs `check` on every case with the record `W` (worst error / bound seen) of the case's
/// dtype (`"f64"`, or else f32), then prints both records.
pub fn check_per_dtype<C, W: Default + Debug>(
    cases: &[C],
    dtype: fn(&C) -> &str,
    mut check: impl FnMut(&C, &mut W),
) {
    let (mut worst64, mut worst32) = (W::default(), W::default());
    for case in cases {
        let worst = if dtype(case) == "f64" {
            &mut worst64
        } else {
            &mut worst32
        };
        check(case, worst);
    }
    eprintln!("worst error / bound, f64: {worst64:?}");
    eprintln!("worst error / bound, f32: {worst32:?}");
}

// --- numbers --------------------------------------------------------------------------------

/// A fixture number. The fixtures write every float as a string (serde_json's own number
/// parsing is not correctly rounded; f32 values as a string that parses exactly in f32), and
/// Rust's `FromStr` reads the "nan", "inf" and "-inf" they write for the non-finite values.
pub fn parse<T: FromStr>(v: &Value) -> T {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("expected a number as a string, got {v}"));
    parse_str(s, "a fixture")
}

/// A number written as a string (see [`parse`]); `what` names it in the panic message.
pub fn parse_str<T: FromStr>(s: &str, what: &str) -> T {
    s.parse()
        .unwrap_or_else(|_| panic!("{what}: cannot parse {s:?} as a number"))
}

/// A fixture number (see [`parse`]) in f64.
pub fn parse_f64(v: &Value) -> f64 {
    parse(v)
}

/// A list of fixture numbers (see [`parse`]), in f64.
pub fn parse_list(v: &Value) -> Vec<f64> {
    parse_vec(v)
}

/// A list of fixture numbers (see [`parse`]), each parsed directly in `T`.
pub fn parse_vec<T: FromStr>(v: &Value) -> Vec<T> {
    v.as_array()
        .unwrap_or_else(|| panic!("expected a list, got {v}"))
        .iter()
        .map(parse)
        .collect()
}

/// A list of rows of fixture numbers (see [`parse`]), in f64; `None` if `v` is not a list.
pub fn parse_rows(v: &Value) -> Option<Vec<Vec<f64>>> {
    Some(v.as_array()?.iter().map(parse_list).collect())
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

/// Dispatches a square case with fields `dtype` ("f64" or "f32"), `n` and `name` to
/// `$f::<T, N>(case, extra)`, for the listed sizes.
#[macro_export]
macro_rules! by_size {
    ($case:expr, $f:ident($extra:expr); [$($n:literal),*]) => {{
        let case = $case;
        match (case.dtype.as_str(), case.n) {
            $(
                ("f64", $n) => $f::<f64, $n>(case, $extra),
                ("f32", $n) => $f::<f32, $n>(case, $extra),
            )*
            (dtype, n) => panic!("{}: unhandled dtype {dtype} with n = {n}", case.name),
        }
    }};
}

/// Dispatches a fixture case on its `"dtype"` (f64 or f32), `"rows"` and `"cols"` to
/// `$square::<T, N>(case)`, `$tall::<T, R, C>(case)` or `$wide::<T, R, C>(case)`, for the
/// listed shapes. With a tail `["key": k1, k2, ...]` (instead of `[]`), the case's number
/// `"key"` is one more const parameter: `$square::<T, N, K>(case)`, and so on.
#[macro_export]
macro_rules! by_rows_cols {
    ($case:expr, $tail:tt;
     $square:ident: [$($n:literal),*];
     $tall:ident: [$(($tr:literal, $tc:literal)),*];
     $wide:ident: [$(($wr:literal, $wc:literal)),*]) => {{
        let case = $case;
        let dtype = case["dtype"].as_str().expect("a dtype");
        let rows = case["rows"].as_u64().expect("rows") as usize;
        let cols = case["cols"].as_u64().expect("cols") as usize;
        match (dtype, rows, cols) {
            $(
                ("f64", $n, $n) => $crate::with_tail!($tail, $square, case, f64, $n),
                ("f32", $n, $n) => $crate::with_tail!($tail, $square, case, f32, $n),
            )*
            $(
                ("f64", $tr, $tc) => $crate::with_tail!($tail, $tall, case, f64, $tr, $tc),
                ("f32", $tr, $tc) => $crate::with_tail!($tail, $tall, case, f32, $tr, $tc),
            )*
            $(
                ("f64", $wr, $wc) => $crate::with_tail!($tail, $wide, case, f64, $wr, $wc),
                ("f32", $wr, $wc) => $crate::with_tail!($tail, $wide, case, f32, $wr, $wc),
            )*
            _ => panic!("unhandled case {}: {dtype} {rows}x{cols}", case["name"]),
        }
    }};
}

/// `$f::<consts..>(case)`, or with a tail `["key": k1, k2, ...]`, `$f::<consts.., K>(case)`
/// for the case's number `"key"` (see `by_rows_cols!`).
#[macro_export]
macro_rules! with_tail {
    ([], $f:ident, $case:expr, $t:ty, $($c:literal),+) => {
        $f::<$t, $($c),+>($case)
    };
    ([$key:literal: $($k:literal),+], $f:ident, $case:expr, $t:ty, $n:literal) => {
        match $case[$key].as_u64().expect($key) {
            $($k => $f::<$t, $n, $k>($case),)+
            other => panic!("unhandled case {}: {} = {other}", $case["name"], $key),
        }
    };
    ([$key:literal: $($k:literal),+], $f:ident, $case:expr, $t:ty, $r:literal, $c:literal) => {
        match $case[$key].as_u64().expect($key) {
            $($k => $f::<$t, $r, $c, $k>($case),)+
            other => panic!("unhandled case {}: {} = {other}", $case["name"], $key),
        }
    };
}

/// Dispatches a fixture case on its `"dtype"` (f64 or f32) and its numbers under the given
/// keys (one or two) to `$f::<T, dims..> $args`, for the listed values, e.g.
/// `by_dims!(case, ["m", "n"], check_case(case, &mut worst); (2, 1), (2, 2))`.
#[macro_export]
macro_rules! by_dims {
    ($case:expr, [$key:literal], $f:ident $args:tt; $($n:literal),*) => {{
        let case = $case;
        let dtype = case["dtype"].as_str().expect("a dtype");
        let n = case[$key].as_u64().expect($key) as usize;
        match (dtype, n) {
            $(
                ("f64", $n) => $f::<f64, $n> $args,
                ("f32", $n) => $f::<f32, $n> $args,
            )*
            other => panic!("no dispatch for {other:?} ({})", case["name"]),
        }
    }};
    ($case:expr, [$k1:literal, $k2:literal], $f:ident $args:tt;
     $(($r:literal, $c:literal)),*) => {{
        let case = $case;
        let dtype = case["dtype"].as_str().expect("a dtype");
        let r = case[$k1].as_u64().expect($k1) as usize;
        let c = case[$k2].as_u64().expect($k2) as usize;
        match (dtype, r, c) {
            $(
                ("f64", $r, $c) => $f::<f64, $r, $c> $args,
                ("f32", $r, $c) => $f::<f32, $r, $c> $args,
            )*
            other => panic!("no dispatch for {other:?} ({})", case["name"]),
        }
    }};
}
