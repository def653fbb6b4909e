//! Vector norms, products and `normalize`, against exact references.
//!
//! `tests/fixtures/norms.json` is written by `tests/fixtures/generate.py`: f64 and f32
//! vectors of lengths 1, 2, 3, 4, 7, 16 and 100 (normals, values scaled to 1e±150 and
//! 1e±300 (f64) or 1e±30, 1e19, 1e-18 (f32), subnormals, mixes of huge and tiny, values
//! around Blue's scaling thresholds, values near the largest float, zeros, a single
//! non-zero, NaN, ±inf). For each norm it gives `exact`, the exact norm (`fractions`, or
//! `decimal` to 60 digits) rounded once to the vector's dtype; `lo`, the exact norm minus
//! `exact`, as an f64; and `numpy`, what `np.linalg.norm` returns (not used here: it
//! overflows to inf and underflows to 0 where the exact norm is an ordinary float).
//!
//! # Error bounds
//!
//! `u = eps/2` is the unit roundoff, `n` the length. Every operation is IEEE round to
//! nearest (relative error `<= u`), `sqrt` included; `powf` is taken to be within 1 ulp
//! (`<= eps` relative), an assumption: glibc's `pow`/`powf` are within about 0.52 / 0.82 ulp,
//! the `libm` crate's fdlibm `pow` (no `std`) is "nearly rounded". A first-order
//! bound of `k eps` is checked as `k eps / (1 - k eps)`, which covers the second-order
//! terms, as Higham's `gamma_k` does. A result in the subnormal range is rounded to a
//! multiple of the smallest subnormal `d`, so the bounds of the inexact norms add `d/2`.
//!
//! - `norm_squared`: `n` products and `n - 1` additions of non-negative terms: `|err| <=
//!   gamma_n * sum = (n/2) eps` relative (Higham, Thm. 3.1), plus `n d` for squares that
//!   underflow (each `<= d/2`, carried through the sum with factor `<= 1 + gamma_n < 2`).
//! - `norm` (and `norm_fro`, `norm_lp(2)`): the fast path is that sum (`gamma_n`) then a
//!   `sqrt`, which halves it and adds `u`: `n/4 + 1/2` eps (the sum is then so far above
//!   the subnormals that underflowed squares are below `2^-105` of it). Blue's big-only,
//!   big + medium and medium-only accumulators scale by exact powers of two and sum the
//!   same `n` squares: the same `n/4 + 1/2`. Small + medium: the two partial norms
//!   `sqrt(sum)` are each within `(n-1) u/2 + u`, which perturbs `sqrt(H^2 + L^2)` by no
//!   more; then `hi * sqrt(1 + (lo/hi)^2)`: the ratio (`u`), its square (`3u` on `r^2`),
//!   `1 + r^2` (`3u r^2/(1 + r^2) + u <= 5u/2`), `sqrt` (`5u/4 + u`), the product (`u`):
//!   `13u/4`. Total `(n-1)u/2 + 17u/4 = (n/4 + 15/8) eps`, the largest of the paths and
//!   the bound used; it is below the documented `(n/2 + 2) eps`.
//! - `norm_l1`: `n - 1` additions of non-negative terms (the first is `0 + |x|`, exact),
//!   exact in the subnormal range: `gamma_{n-1}`, `(n-1)/2` eps.
//! - `norm_linf`, `norm_lp(±inf)`, `norm_lp(0)`: comparisons and a count, exact.
//! - `norm_lp(p)`, other `p`: `s * (sum (|x|/s)^p)^(1/p)` with `s` an exact element (the
//!   largest `|x|` for `p > 0`, the smallest for `p < 0`). Each term: the quotient's `u`
//!   raised to `p` becomes `|p| u`, `powf` adds `eps`; the sum adds `gamma_{n-1}`; the
//!   power `1/p` divides that relative error by `|p|` and adds `eps`; the product by `s`
//!   adds `u`: `2u + eps + (eps + (n-1)u)/|p| = (2 + (n+1)/(2|p|)) eps`. Terms lost to
//!   underflow (or, for `p < 0`, to an overflowing quotient) change the sum `>= 1` by at
//!   most `n d^min(p,1)` for `p > 0` and `n / max_float^|p|` for `p < 0`: after the `1/p`
//!   power below 1e-20 relative in f32 and 1e-150 in f64 for the `p` here, inside the
//!   second-order slack.
//! - `normalize`: `v / N` with `N` within `k2 eps` of `||v||` (the `norm` bound): the
//!   exact norm of the result is within `k2 eps + u` of 1 and `norm` of it adds `k2 eps`:
//!   `|norm(normalize(v)) - 1| <= (2 k2 + 1/2) eps`, plus `sqrt(n) d/2` for quotients that
//!   underflow.

mod support;

// `parse_f64` is the name the case reader is written with.
use support::{Float, eps, gamma_u, parse_str as parse_f64};

use serde_json::Value;
use statrix::{Error, Matrix, Vector, row_vector, vector};

/// The norms each fixture case holds, by the key `generate.py` writes.
const ORDS: [&str; 10] = [
    "sumsq", "2", "1", "inf", "0.5", "3", "4.5", "-1", "-inf", "0",
];

/// A first-order bound of `k eps` with its second-order terms: `k eps / (1 - k eps)`.
fn gamma<T: Float>(k: f64) -> f64 {
    gamma_u(k, eps::<T>())
}

/// `norm_squared`: `gamma_n`.
fn k_sumsq(n: usize) -> f64 {
    n as f64 / 2.0
}

/// `norm`: `(n/4 + 15/8) eps`, Blue's small + medium path (the others give `n/4 + 1/2`).
fn k_l2(n: usize) -> f64 {
    n as f64 / 4.0 + 15.0 / 8.0
}

/// `norm_l1`: `gamma_{n-1}`.
fn k_l1(n: usize) -> f64 {
    n.saturating_sub(1) as f64 / 2.0
}

/// `norm_lp(p)`, finite `p` other than 0, 1, 2: `(2 + (n+1)/(2|p|)) eps`.
fn k_lp(n: usize, p: f64) -> f64 {
    2.0 + (n as f64 + 1.0) / (2.0 * p.abs())
}

/// One norm of one case: the exactly rounded value and the exact value's remainder.
#[derive(Clone, Copy, Debug)]
struct Reference {
    exact: f64,
    lo: f64,
}

struct Case {
    name: String,
    dtype: String,
    values: Vec<String>,
    norms: Vec<(&'static str, Reference)>,
}

impl Case {
    fn from_json(v: &Value) -> Case {
        let string = |k: &str| {
            v.get(k)
                .and_then(Value::as_str)
                .unwrap_or_else(|| panic!("case without a string {k:?}: {v}"))
                .to_owned()
        };
        let name = string("name");
        let values = v
            .get("values")
            .and_then(Value::as_array)
            .unwrap_or_else(|| panic!("{name}: no list of values"))
            .iter()
            .map(|s| s.as_str().expect("values are strings").to_owned())
            .collect();
        let norms_json = v
            .get("norms")
            .and_then(Value::as_object)
            .unwrap_or_else(|| panic!("{name}: no norms"));
        // Every key is known (nothing in the fixture goes unchecked) and every norm is there.
        for key in norms_json.keys() {
            assert!(
                ORDS.contains(&key.as_str()),
                "{name}: unknown norm {key:?}; add it to ORDS and `check`"
            );
        }
        let norms = ORDS
            .iter()
            .map(|&ord| {
                let r = norms_json
                    .get(ord)
                    .unwrap_or_else(|| panic!("{name}: no norm {ord:?}"));
                let field = |k: &str| {
                    let s = r
                        .get(k)
                        .and_then(Value::as_str)
                        .unwrap_or_else(|| panic!("{name} {ord}: no {k:?}"));
                    parse_f64(s, &format!("{name} {ord} {k}"))
                };
                (
                    ord,
                    Reference {
                        exact: field("exact"),
                        lo: field("lo"),
                    },
                )
            })
            .collect();
        Case {
            name,
            dtype: string("dtype"),
            values,
            norms,
        }
    }
}

/// Checks `got` against the exact norm: NaN and inf must match, an exact norm must be hit
/// bit for bit, any other within `gamma(k) |exact| + abs`.
fn compare<T: Float>(
    what: &str,
    got: T,
    r: Reference,
    k: Option<f64>,
    abs: f64,
) -> Result<(), String> {
    let got: f64 = got.into();
    let exact = r.exact;
    let ok = if exact.is_nan() {
        got.is_nan()
    } else if exact.is_infinite() || k.is_none() {
        got.to_bits() == exact.to_bits()
    } else if !got.is_finite() {
        false
    } else {
        // `got - exact` is exact (Sterbenz) whenever the two are within a factor of 2, and
        // far above the bound otherwise; subtracting `lo` measures against the exact norm.
        let err = (got - exact) - r.lo;
        let bound = gamma::<T>(k.unwrap_or(0.0)) * (exact.abs() + r.lo.abs()) + abs;
        err.abs() <= bound
    };
    if ok {
        return Ok(());
    }
    let detail = match k {
        Some(k) if exact.is_finite() && got.is_finite() => {
            let err = (got - exact) - r.lo;
            let scale = exact.abs().max(f64::MIN_POSITIVE);
            format!(
                ", error {:.3} eps relative (bound {k} eps + {abs:e} absolute)",
                err.abs() / scale / eps::<T>()
            )
        }
        _ => String::new(),
    };
    Err(format!(
        "{what}: got {got:e}, exact {exact:e} (+ {:e}){detail}",
        r.lo
    ))
}

fn check<T: Float, const N: usize>(case: &Case) -> Vec<String> {
    assert_eq!(case.values.len(), N, "{}: wrong length", case.name);
    let elements: [T; N] = core::array::from_fn(|i| {
        let s = &case.values[i];
        let x: T = s
            .parse()
            .unwrap_or_else(|_| panic!("{}: bad value {s:?}", case.name));
        // The strings are the exact f64 of each element: parsing is exact.
        let wide: f64 = parse_f64(s, &case.name);
        let back: f64 = x.into();
        assert!(
            back.to_bits() == wide.to_bits() || (back.is_nan() && wide.is_nan()),
            "{}: {s:?} is not a {}",
            case.name,
            case.dtype
        );
        x
    });
    let v = Vector::<T, N>::from_array(elements);
    let half_d = T::ETA / 2.0;
    let mut failures = Vec::new();
    let mut expect = |what: String, got: T, r: Reference, k: Option<f64>, abs: f64| {
        if let Err(e) = compare(&what, got, r, k, abs) {
            failures.push(format!("{}: {e}", case.name));
        }
    };
    let num = |x: f64| T::from(x).expect("p is representable");
    let mut l2 = None;
    for &(ord, r) in &case.norms {
        match ord {
            "sumsq" => {
                let abs = N as f64 * T::ETA;
                expect(
                    "norm_squared".into(),
                    v.norm_squared(),
                    r,
                    Some(k_sumsq(N)),
                    abs,
                );
            }
            "2" => {
                l2 = Some(r);
                let k = Some(k_l2(N));
                expect("norm".into(), v.norm(), r, k, half_d);
                expect("norm_fro".into(), v.norm_fro(), r, k, half_d);
                expect("norm_lp(2)".into(), v.norm_lp(num(2.0)), r, k, half_d);
            }
            "1" => {
                let k = Some(k_l1(N));
                expect("norm_l1".into(), v.norm_l1(), r, k, 0.0);
                expect("norm_lp(1)".into(), v.norm_lp(num(1.0)), r, k, 0.0);
            }
            "inf" => {
                expect("norm_linf".into(), v.norm_linf(), r, None, 0.0);
                let got = v.norm_lp(T::infinity());
                expect("norm_lp(inf)".into(), got, r, None, 0.0);
            }
            "-inf" => {
                let got = v.norm_lp(T::neg_infinity());
                expect("norm_lp(-inf)".into(), got, r, None, 0.0);
            }
            "0" => expect("norm_lp(0)".into(), v.norm_lp(num(0.0)), r, None, 0.0),
            p => {
                let p = parse_f64(p, "ord");
                let got = v.norm_lp(num(p));
                expect(format!("norm_lp({p})"), got, r, Some(k_lp(N, p)), half_d);
            }
        }
    }
    let l2 = l2.expect("every case has the L2 norm");
    let normalized = v.normalize();
    if l2.exact.is_nan() || l2.exact.is_infinite() && v.iter().any(|x| !x.is_finite()) {
        if normalized != Err(Error::NonFinite) {
            failures.push(format!(
                "{}: normalize gave {normalized:?}, not NonFinite",
                case.name
            ));
        }
    } else if l2.exact == 0.0 && l2.lo == 0.0 {
        if normalized != Err(Error::ZeroNorm) {
            failures.push(format!(
                "{}: normalize gave {normalized:?}, not ZeroNorm",
                case.name
            ));
        }
    } else {
        match normalized {
            Ok(u) => {
                let one = Reference {
                    exact: 1.0,
                    lo: 0.0,
                };
                let abs = (N as f64).sqrt() * half_d;
                let k = 2.0 * k_l2(N) + 0.5;
                if let Err(e) = compare("norm(normalize(v))", u.norm(), one, Some(k), abs) {
                    failures.push(format!("{}: {e}", case.name));
                }
            }
            Err(e) => failures.push(format!("{}: normalize failed: {e:?}", case.name)),
        }
    }
    failures
}

/// Dispatches a case on (dtype, length); any other pair fails the test, so no case is
/// skipped.
macro_rules! dispatch {
    ($case:expr; $($n:literal),*) => {
        match ($case.dtype.as_str(), $case.values.len()) {
            $(("f64", $n) => check::<f64, $n>($case),)*
            $(("f32", $n) => check::<f32, $n>($case),)*
            (dtype, n) => panic!(
                "{}: ({dtype}, {n}) has no arm in tests/vector.rs; add it to `dispatch!`",
                $case.name
            ),
        }
    };
}

#[test]
fn norms_match_exact_references() {
    let cases: Vec<Case> = support::fixture_cases("norms.json")
        .iter()
        .map(Case::from_json)
        .collect();
    assert!(cases.len() > 300, "too few fixture cases: {}", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .flat_map(|case| dispatch!(case; 1, 2, 3, 4, 7, 16, 100))
        .collect();
    for failure in &failures {
        eprintln!("{failure}");
    }
    assert!(
        failures.is_empty(),
        "{} checks failed over {} cases (printed above)",
        failures.len(),
        cases.len()
    );
}

#[test]
fn numpy_seed_values() {
    // np.linalg.norm([3, 4]) and ord=1, ord=np.inf.
    let v = vector![3.0, 4.0];
    assert_eq!(v.norm(), 5.0);
    assert_eq!(v.norm_fro(), 5.0);
    assert_eq!(v.norm_squared(), 25.0);
    assert_eq!(v.norm_l1(), 7.0);
    assert_eq!(v.norm_lp(1.0), 7.0);
    assert_eq!(v.norm_linf(), 4.0);
    assert_eq!(v.norm_lp(f64::INFINITY), 4.0);
    assert_eq!(v.norm_lp(f64::NEG_INFINITY), 3.0);
    assert_eq!(v.norm_lp(0.0), 2.0);
    assert_eq!(vector![3.0f32, -4.0].norm(), 5.0);
    // np.dot([1, 2, 3], [4, 5, 6])
    assert_eq!(vector![1.0, 2.0, 3.0].dot(&vector![4.0, 5.0, 6.0]), 32.0);
    assert_eq!(vector![1, 2, 3].dot(&vector![4, 5, 6]), 32);
    // np.vdot([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    let a = Matrix::new([[1, 2], [3, 4]]);
    assert_eq!(a.dot(&Matrix::new([[5, 6], [7, 8]])), 70);
}

#[test]
fn lp_nan_and_empty_conventions() {
    // NumPy: a NaN `ord` gives NaN; ord=0 counts a NaN element as non-zero
    // (`(x != 0).sum()`), every other ord gives NaN for it.
    let v = vector![1.0, f64::NAN, 0.0];
    assert!(vector![1.0, 2.0].norm_lp(f64::NAN).is_nan());
    assert_eq!(v.norm_lp(0.0), 2.0);
    for p in [0.5, 1.0, 2.0, 3.0, -1.0, f64::INFINITY, f64::NEG_INFINITY] {
        assert!(v.norm_lp(p).is_nan(), "p = {p}");
    }
    // A zero element makes a negative-p norm 0 (0^p = inf in the sum).
    assert_eq!(vector![0.0, 2.0].norm_lp(-1.0), 0.0);
    // All-infinite elements: (n * inf^p)^(1/p) = 0^(1/p) = inf for p < 0, as NumPy.
    assert_eq!(
        vector![f64::INFINITY, f64::INFINITY].norm_lp(-1.0),
        f64::INFINITY
    );
    assert_eq!(vector![f64::INFINITY, 2.0].norm_lp(-1.0), 2.0);
}

#[test]
fn zero_length_vectors() {
    let v = Matrix::<f64, 0, 1>::zeros();
    assert_eq!(v.norm(), 0.0);
    assert_eq!(v.norm_fro(), 0.0);
    assert_eq!(v.norm_squared(), 0.0);
    assert_eq!(v.norm_l1(), 0.0);
    assert_eq!(v.norm_linf(), 0.0);
    assert_eq!(v.norm_lp(f64::INFINITY), 0.0);
    assert_eq!(v.norm_lp(3.0), 0.0);
    assert_eq!(v.norm_lp(0.0), 0.0);
    // np.linalg.norm(np.zeros(0), -1): the empty sum is 0 and 0^(1/p) = inf.
    assert_eq!(v.norm_lp(-1.0), f64::INFINITY);
    assert_eq!(v.normalize(), Err(Error::ZeroNorm));
    let w = Matrix::<f32, 0, 1>::zeros();
    assert_eq!(w.norm(), 0.0);
    assert_eq!(w.norm_linf(), 0.0);
}

#[test]
fn cross_products() {
    let x = vector![1.0, 0.0, 0.0];
    let y = vector![0.0, 1.0, 0.0];
    let z = vector![0.0, 0.0, 1.0];
    assert_eq!(x.cross(&y), z);
    assert_eq!(y.cross(&z), x);
    assert_eq!(z.cross(&x), y);
    assert_eq!(y.cross(&x), -z);
    assert_eq!(x.cross(&x), Vector::zeros());
    // np.cross([1, 2, 3], [4, 5, 6]) = [-3, 6, -3], on integers and on rows.
    assert_eq!(
        vector![1, 2, 3].cross(&vector![4, 5, 6]),
        vector![-3, 6, -3]
    );
    assert_eq!(
        row_vector![1, 2, 3].cross(&row_vector![4, 5, 6]),
        row_vector![-3, 6, -3]
    );
    // Anti-commutative exactly for any floats: fl(p - q) = -fl(q - p) and products commute.
    let a = vector![0.1, -2.7, 3.3e10];
    let b = vector![1.0 / 3.0, 5e-7, -0.25];
    assert_eq!(a.cross(&b), -b.cross(&a));
    // On small integers every product and sum is exact: a x b is orthogonal to both.
    let pairs = [
        ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]),
        ([-7.0, 0.0, 12.0], [3.0, -8.0, 5.0]),
        ([100.0, -33.0, 2.0], [-1.0, 17.0, 41.0]),
    ];
    for (a, b) in pairs {
        let (a, b) = (Vector::from_array(a), Vector::from_array(b));
        let c = a.cross(&b);
        assert_eq!(c.dot(&a), 0.0, "{a:?} x {b:?}");
        assert_eq!(c.dot(&b), 0.0, "{a:?} x {b:?}");
        assert_eq!(c, -b.cross(&a));
    }
}

#[test]
fn outer_products() {
    // np.outer([1.5, -2.0, 3.0], [4.0, 0.5])
    let got = vector![1.5, -2.0, 3.0].outer(&vector![4.0, 0.5]);
    assert_eq!(got, Matrix::new([[6.0, 0.75], [-8.0, -1.0], [12.0, 1.5]]));
    // np.outer([1, 2], [3, 4, 5])
    assert_eq!(
        vector![1, 2].outer(&vector![3, 4, 5]),
        Matrix::new([[3, 4, 5], [6, 8, 10]])
    );
}

#[test]
fn normalize_errors() {
    assert_eq!(vector![0.0, 0.0, 0.0].normalize(), Err(Error::ZeroNorm));
    assert_eq!(vector![-0.0f32, 0.0].normalize(), Err(Error::ZeroNorm));
    assert_eq!(vector![1.0, f64::NAN].normalize(), Err(Error::NonFinite));
    assert_eq!(
        vector![1.0, f64::INFINITY].normalize(),
        Err(Error::NonFinite)
    );
    assert_eq!(
        vector![f32::NEG_INFINITY, 1.0].normalize(),
        Err(Error::NonFinite)
    );
    assert_eq!(vector![3.0, 4.0].normalize(), Ok(vector![0.6, 0.8]));
}

/// `|got - want| <= gamma(k) |want|`, with a message.
fn assert_close(got: f64, want: f64, k: f64) {
    let bound = gamma::<f64>(k) * want.abs();
    assert!(
        (got - want).abs() <= bound,
        "got {got:e}, want {want:e}: off by {:e} > {bound:e} ({k} eps)",
        (got - want).abs()
    );
}

#[test]
fn normalize_extreme_scales() {
    // 1e300 elements: the squares overflow, `norm` does not. u_i = x_i / N with N within
    // k2 eps of 3e300, so u_i is within (k2 + 1/2) eps of x_i / 3e300; the comparison values
    // 1/3 and 2/3 add 1/2 eps: k2 + 1 in all.
    let k2 = k_l2(3);
    let u = vector![1e300, 2e300, -2e300]
        .normalize()
        .expect("finite, non-zero");
    assert_close(u[0], 1.0 / 3.0, k2 + 1.0);
    assert_close(u[1], 2.0 / 3.0, k2 + 1.0);
    assert_close(u[2], -2.0 / 3.0, k2 + 1.0);
    assert_close(u.norm(), 1.0, 2.0 * k2 + 0.5);
    // Finite elements whose norm overflows: still a unit vector, not NonFinite.
    let u = vector![1.7e308, -1.7e308]
        .normalize()
        .expect("finite elements");
    let k2 = k_l2(2);
    assert_close(u[0], std::f64::consts::FRAC_1_SQRT_2, k2 + 1.0);
    assert_close(u[1], -std::f64::consts::FRAC_1_SQRT_2, k2 + 1.0);
    // Subnormal elements: the norm has too few bits to divide by (sqrt(2) * 5e-324 rounds
    // to 5e-324); the result is unit all the same.
    let u = vector![5e-324, 5e-324].normalize().expect("non-zero");
    assert_close(u[0], std::f64::consts::FRAC_1_SQRT_2, k2 + 1.0);
    assert_close(u.norm(), 1.0, 2.0 * k2 + 0.5);
    let u = vector![
        3.0 * f32::MIN_POSITIVE * f32::EPSILON,
        4.0 * f32::MIN_POSITIVE * f32::EPSILON
    ]
    .normalize()
    .expect("non-zero");
    assert_eq!(u, vector![0.6, 0.8]);
}

#[test]
fn norms_of_a_matrix_are_entrywise() {
    // np.linalg.norm(m) (Frobenius) and np.linalg.norm(m.ravel(), ord) for other ords.
    let m = Matrix::new([[1.0, -2.0], [2.0, 4.0]]);
    assert_eq!(m.norm(), 5.0);
    assert_eq!(m.norm_fro(), 5.0);
    assert_eq!(m.norm_l1(), 9.0);
    assert_eq!(m.norm_linf(), 4.0);
    assert_eq!(m.norm_lp(0.0), 4.0);
}
