//! `Display` against NumPy's `print(arr)`.
//!
//! `tests/fixtures/display.json` is written by `tests/fixtures/generate.py` (NumPy only):
//! each case gives a dtype, a shape (`[R, C]` for `Display`, `[N]` for `display_flat`), an
//! optional precision, the elements as exact strings and what NumPy prints.

mod support;

use std::fmt::Display;

use serde_json::Value;
use statrix::{DisplayElement, Matrix};

/// One fixture case.
struct Case {
    name: String,
    dtype: String,
    shape: Vec<usize>,
    precision: Option<usize>,
    values: Vec<String>,
    expected: String,
}

impl Case {
    fn from_json(v: &Value) -> Case {
        let field = |k: &str| {
            v.get(k)
                .unwrap_or_else(|| panic!("case without {k:?}: {v}"))
        };
        let string = |k: &str| {
            field(k)
                .as_str()
                .unwrap_or_else(|| panic!("{k:?} is not a string: {v}"))
                .to_owned()
        };
        let list = |k: &str| {
            field(k)
                .as_array()
                .unwrap_or_else(|| panic!("{k:?} is not a list: {v}"))
                .clone()
        };
        Case {
            name: string("name"),
            dtype: string("dtype"),
            shape: list("shape")
                .iter()
                .map(|n| n.as_u64().expect("shape entries are integers") as usize)
                .collect(),
            precision: field("precision").as_u64().map(|p| p as usize),
            values: list("values")
                .iter()
                .map(|s| s.as_str().expect("values are strings").to_owned())
                .collect(),
            expected: string("expected"),
        }
    }

    fn describe(&self) -> String {
        format!(
            "case {:?}: dtype {}, shape {:?}, precision {:?}",
            self.name, self.dtype, self.shape, self.precision
        )
    }
}

/// An element type parsed back from the fixture's exact strings.
trait Element: DisplayElement + Copy {
    fn parse(s: &str) -> Option<Self>;
}

macro_rules! parse_via_from_str {
    ($($t:ty),*) => {$(
        impl Element for $t {
            fn parse(s: &str) -> Option<Self> {
                s.parse().ok()
            }
        }
    )*};
}

// `f64`/`f32` parse Python's `repr` (`1e-300`, `-0.0`) and `nan`, `inf`, `-inf`; the f32
// values are written as the exact `f64` of the `f32`, so parsing them as `f32` is exact.
parse_via_from_str!(f64, f32, i64, i32, u8);

impl Element for bool {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "True" => Some(true),
            "False" => Some(false),
            _ => None,
        }
    }
}

fn render(case: &Case, shown: impl Display) -> String {
    match case.precision {
        Some(p) => format!("{shown:.p$}"),
        None => format!("{shown}"),
    }
}

/// Builds the `R x C` matrix of the case and compares its output with NumPy's; a 1-D case
/// is a `1 x N` matrix printed with `display_flat`.
fn check<T: Element, const R: usize, const C: usize>(case: &Case) -> Result<(), String> {
    assert_eq!(
        case.values.len(),
        R * C,
        "{}: wrong number of values",
        case.describe()
    );
    let parsed: Vec<T> = case
        .values
        .iter()
        .map(|s| T::parse(s).unwrap_or_else(|| panic!("{}: bad value {s:?}", case.describe())))
        .collect();
    let m = Matrix::<T, R, C>::from_fn(|i, j| parsed[i * C + j]);
    let got = if case.shape.len() == 1 {
        render(case, m.display_flat())
    } else {
        render(case, m)
    };
    if got == case.expected {
        Ok(())
    } else {
        Err(format!(
            "{}\nvalues: {:?}\n--- NumPy ---\n{}\n--- statrix ---\n{}\n",
            case.describe(),
            case.values,
            case.expected,
            got
        ))
    }
}

fn check_shape<const R: usize, const C: usize>(case: &Case) -> Result<(), String> {
    match case.dtype.as_str() {
        "f64" => check::<f64, R, C>(case),
        "f32" => check::<f32, R, C>(case),
        "i64" => check::<i64, R, C>(case),
        "i32" => check::<i32, R, C>(case),
        "u8" => check::<u8, R, C>(case),
        "bool" => check::<bool, R, C>(case),
        other => panic!("{}: unknown dtype {other:?}", case.describe()),
    }
}

/// Dispatches a case to `check_shape::<R, C>` over the shapes the fixtures use; a case with
/// any other shape fails the test rather than being skipped.
macro_rules! dispatch {
    ($case:expr; 2d: $(($r:literal, $c:literal)),* ; 1d: $($n:literal),* $(,)?) => {
        match $case.shape.as_slice() {
            $([$r, $c] => check_shape::<$r, $c>($case),)*
            $([$n] => check_shape::<1, $n>($case),)*
            other => panic!(
                "{}: shape {other:?} has no arm in tests/display.rs; add it to `dispatch!`",
                $case.describe()
            ),
        }
    };
}

fn run_case(case: &Case) -> Result<(), String> {
    dispatch!(case;
        2d: (0, 3), (3, 0), (1, 1), (1, 2), (1, 3), (1, 1200), (2, 2), (2, 3), (2, 30),
            (3, 3), (3, 4), (3, 12), (4, 1), (5, 5), (10, 100), (40, 30), (1200, 1);
        1d: 0, 2, 3, 10, 25, 1200,
    )
}

#[test]
fn matches_numpy_fixtures() {
    // The 40 x 30 and 1 x 1200 matrices are built on the stack: give them room.
    let handle = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(|| {
            let cases: Vec<Case> = support::fixture_cases("display.json")
                .iter()
                .map(Case::from_json)
                .collect();
            assert!(cases.len() > 100, "too few fixture cases: {}", cases.len());
            let failures: Vec<String> = cases.iter().filter_map(|c| run_case(c).err()).collect();
            for failure in &failures {
                eprintln!("{failure}");
            }
            assert!(
                failures.is_empty(),
                "{} of {} cases differ from NumPy (printed above)",
                failures.len(),
                cases.len()
            );
        })
        .expect("spawn test thread");
    if let Err(panic) = handle.join() {
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn seed_hadamard() {
    let a = Matrix::new([[1, 2], [3, 4]]);
    let b = Matrix::new([[5, 6], [7, 8]]);
    assert_eq!(format!("{}", a.hadamard(&b)), "[[ 5 12]\n [21 32]]");
}

#[test]
fn seed_matmul() {
    let a = Matrix::new([[1, 2], [3, 4]]);
    let b = Matrix::new([[5, 6], [7, 8]]);
    assert_eq!(format!("{}", a * b), "[[19 22]\n [43 50]]");
}

#[test]
fn seed_float_matrix() {
    let a = Matrix::new([[4.0, 2.0], [7.0, 6.0]]);
    assert_eq!(format!("{a}"), "[[4. 2.]\n [7. 6.]]");
}

#[test]
fn seed_residual() {
    // `A @ x - b` for a solve: NumPy prints `[ 4.44089210e-16 -2.22044605e-16]`.
    let r = Matrix::new([[4.440892098500626e-16, -2.220446049250313e-16]]);
    assert_eq!(
        r.display_flat().to_string(),
        "[ 4.44089210e-16 -2.22044605e-16]"
    );
    assert_eq!(r.to_string(), "[[ 4.44089210e-16 -2.22044605e-16]]");
}

#[test]
fn precision_from_formatter() {
    // np.set_printoptions(precision=3); print(np.array([[1/3, 2/3], [254/3, 1.0]]))
    let a = Matrix::new([[1.0 / 3.0, 2.0 / 3.0], [254.0 / 3.0, 1.0]]);
    assert_eq!(format!("{a:.3}"), "[[ 0.333  0.667]\n [84.667  1.   ]]");
    assert_eq!(
        format!("{a}"),
        "[[ 0.33333333  0.66666667]\n [84.66666667  1.        ]]"
    );
}

#[test]
fn f32_prints_its_own_shortest_digits() {
    // print(np.array([[0.1, 0.2, 0.3]], dtype=np.float32))
    let a = Matrix::new([[0.1f32, 0.2, 0.3]]);
    assert_eq!(a.to_string(), "[[0.1 0.2 0.3]]");
}
