//! Error bounds of the factorizations: `gamma_k`, residuals evaluated with the compensated
//! dot product Dot2, elementwise bound checks, exact determinants as `mantissa * 2^exponent`,
//! and the parsing of the determinants in the fixtures.
//!
//! The residuals are evaluated in f64 with Dot2 (Ogita, Rump, Oishi 2005: as if in twice
//! the precision, error `<= 2^-53 |s| + gamma_k(f64)^2 sum |x_i y_i|`), whose error bound is
//! added to the tested bound; the bounds themselves are sums of non-negative terms evaluated
//! in f64 (relative error below `1e-14`), multiplied by `SLACK = 1 + 1e-12`. A reference
//! rounded to f64 is off by `2^-53` relative, which is added where a reference is compared.

use serde_json::Value;
use statrix::Matrix;

use super::fixtures::{parse_f64, parse_rows};
use super::float::{ETA64, Float, U64};

/// Covers the rounding of the bounds' own evaluation in f64.
pub const SLACK: f64 = 1.0 + 1e-12;

/// What `|got - reference|` may be for a `bound` evaluated in f64 (its rounding, `4 U64`
/// relative) against a `reference` rounded to f64 (`U64 |reference|`, or one subnormal).
pub fn allowed_error(bound: f64, reference: f64) -> f64 {
    bound * (1.0 + 4.0 * U64) + U64 * reference.abs() + ETA64
}

/// Higham's `gamma_k = k u / (1 - k u)` for the unit `u` (a unit roundoff, or any first-order
/// unit of error).
pub fn gamma_u(k: f64, u: f64) -> f64 {
    let ku = k * u;
    assert!(ku < 0.5, "gamma_{k} is meaningless for u = {u:e}");
    ku / (1.0 - ku)
}

/// `gamma_k = k u / (1 - k u)` in the type under test.
pub fn gamma<T: Float>(k: usize) -> f64 {
    gamma_u(k as f64, T::U)
}

/// Whether statrix's product of an `r x k` by a `k x c` matrix of `f32`/`f64` may run the
/// fused multiply-add tiles (the product's documentation: `r k c >= 512` and `c >= 4` on an
/// `x86_64` CPU with AVX2+FMA or AVX-512, or on `aarch64`, not under `--cfg
/// statrix_scalar_math`); otherwise
/// it is the textbook loop bit for bit. True on such shapes whatever the CPU, so a test
/// that takes the bounded comparison there stays valid on a CPU without FMA.
pub fn product_may_fuse(r: usize, k: usize, c: usize) -> bool {
    cfg!(all(
        any(target_arch = "x86_64", target_arch = "aarch64"),
        not(statrix_scalar_math)
    )) && r * k * c >= 512
        && c >= 4
}

/// How far a fused product's element may be from the textbook loop's, for a sum of `terms`
/// products whose absolute values sum to `magnitude`: each is within `gamma_terms *
/// magnitude` of the exact value (Higham eq. 3.5; a fused step rounds once where the loop
/// rounds twice, under the same bound), so they differ by at most twice that; `magnitude`
/// summed in f64 is within `g64(terms)` of itself.
pub fn fused_vs_textbook_bound<T: Float>(terms: usize, magnitude: f64) -> f64 {
    2.0 * gamma::<T>(terms) * magnitude * (1.0 + gamma_u(terms as f64, U64))
}

// --- Dot2: sums of products as if in twice the working precision ----------------------------

pub fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let z = s - a;
    (s, (a - (s - z)) + (b - z))
}

pub fn two_product(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    (p, a.mul_add(b, -p))
}

/// Ogita–Rump–Oishi's Dot2 accumulator for `sum x_i y_i`, with a bound on its own error.
#[derive(Default)]
pub struct Dot2 {
    hi: f64,
    lo: f64,
    abs_sum: f64,
    terms: usize,
}

impl Dot2 {
    pub fn add(&mut self, x: f64, y: f64) {
        let (h, r) = two_product(x, y);
        let (p, q) = two_sum(self.hi, h);
        self.hi = p;
        self.lo += q + r;
        self.abs_sum += (x * y).abs();
        self.terms += 1;
    }

    pub fn value(&self) -> f64 {
        self.hi + self.lo
    }

    /// `|value - exact| <= 2^-53 |exact| + gamma_k^2 sum |x_i y_i|` (Ogita et al., Prop.
    /// 5.5), written with `|value|` (hence `2 u`), plus the underflow of each product's
    /// error term (one subnormal unit each).
    pub fn error_bound(&self) -> f64 {
        let k = self.terms as f64;
        let g = k * U64 / (1.0 - k * U64);
        2.0 * U64 * self.value().abs() + g * g * self.abs_sum * 1.01 + 4.0 * k * f64::from_bits(1)
    }
}

/// `start + sum_k x_k y_k` with twice the working precision ([`Dot2`]), rounded once.
pub fn dot2(pairs: impl Iterator<Item = (f64, f64)>, start: f64) -> f64 {
    let mut acc = Dot2::default();
    acc.add(start, 1.0);
    for (x, y) in pairs {
        acc.add(x, y);
    }
    acc.value()
}

// --- matrices as f64 ------------------------------------------------------------------------

pub type Mat = Vec<Vec<f64>>;

pub fn to_f64<T: Float, const R: usize, const C: usize>(m: &Matrix<T, R, C>) -> Mat {
    (0..R)
        .map(|i| (0..C).map(|j| m[(i, j)].into()).collect())
        .collect()
}

pub fn abs(m: &Mat) -> Mat {
    m.iter()
        .map(|r| r.iter().map(|x| x.abs()).collect())
        .collect()
}

/// `a b` for non-negative matrices (bounds), in plain f64.
pub fn product(a: &Mat, b: &Mat) -> Mat {
    let (n, k, m) = (a.len(), b.len(), b.first().map_or(0, Vec::len));
    (0..n)
        .map(|i| {
            (0..m)
                .map(|j| (0..k).map(|t| a[i][t] * b[t][j]).sum())
                .collect()
        })
        .collect()
}

/// `a b - c` elementwise with Dot2: `(value, error bound)` per element.
pub fn residual(a: &Mat, b: &Mat, c: &Mat) -> (Mat, Mat) {
    let (n, k, m) = (a.len(), b.len(), c.first().map_or(0, Vec::len));
    let mut value = vec![vec![0.0; m]; n];
    let mut err = vec![vec![0.0; m]; n];
    for i in 0..n {
        for j in 0..m {
            let mut acc = Dot2::default();
            for t in 0..k {
                acc.add(a[i][t], b[t][j]);
            }
            acc.add(c[i][j], -1.0);
            value[i][j] = acc.value();
            err[i][j] = acc.error_bound();
        }
    }
    (value, err)
}

pub fn identity(n: usize) -> Mat {
    (0..n)
        .map(|i| (0..n).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect()
}

pub fn norm_inf(m: &Mat) -> f64 {
    m.iter()
        .map(|r| r.iter().map(|x| x.abs()).sum::<f64>())
        .fold(0.0, f64::max)
}

pub fn max_abs(m: &Mat) -> f64 {
    m.iter().flatten().fold(0.0, |a, x| a.max(x.abs()))
}

/// Checks `|value| <= bound + err` elementwise (after `SLACK`); returns the largest
/// `|value| / bound`, for the record.
pub fn assert_within(what: &str, value: &Mat, bound: &Mat, err: &Mat) -> f64 {
    let mut worst: f64 = 0.0;
    for (i, row) in value.iter().enumerate() {
        for (j, &v) in row.iter().enumerate() {
            let b = bound[i][j] * SLACK + err[i][j];
            assert!(
                v.abs() <= b,
                "{what}: element ({i}, {j}) is {v:e}, bound {b:e}"
            );
            if bound[i][j] > 0.0 {
                worst = worst.max(v.abs() / bound[i][j]);
            }
        }
    }
    worst
}

/// The exact value `m * 2^e` as an f64 (finite for the exponents asked for).
pub fn ldexp(m: f64, e: i32) -> f64 {
    let mut x = m;
    let mut e = e;
    while e > 0 {
        let step = e.min(1000);
        x *= 2f64.powi(step);
        e -= step;
    }
    while e < 0 {
        let step = e.max(-1000);
        x *= 2f64.powi(step);
        e -= step;
    }
    x
}

/// `(m, e)` with `x = m 2^e`, `1 <= |m| < 2`, for a finite non-zero `x`.
pub fn decompose(x: f64) -> (f64, i32) {
    let (x, bias) = if x.abs() < f64::MIN_POSITIVE {
        (x * 2f64.powi(64), -64)
    } else {
        (x, 0)
    };
    let e = ((x.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    (x / 2f64.powi(e), e + bias)
}

/// Checks a computed determinant against the exact one, `mant * 2^exp` (`None` for 0),
/// allowing a relative error `rel` (first order and beyond, see the module docs).
pub fn check_det<T: Float>(what: &str, got: T, exact: Option<(f64, i32)>, rel: f64) {
    let got: f64 = got.into();
    let Some((mant, exp)) = exact else {
        assert_eq!(got, 0.0, "{what}: det of a singular matrix");
        return;
    };
    let rel = rel * SLACK + U64;
    if rel >= 0.5 {
        // The bound says nothing about even the sign (a numerically singular matrix).
        return;
    }
    if exp >= T::MAX_EXP {
        assert!(
            got.is_infinite() && got.signum() == mant.signum(),
            "{what}: det {got:e} should overflow to {}inf",
            if mant < 0.0 { "-" } else { "" }
        );
    } else if exp < T::DENORM_EXP - 1 {
        assert_eq!(got, 0.0, "{what}: det should underflow to 0");
    } else if exp < T::MIN_NORMAL_EXP {
        let exact = ldexp(mant, exp);
        let tol = rel * exact.abs() + ldexp(1.0, T::DENORM_EXP);
        assert!(
            (got - exact).abs() <= tol,
            "{what}: det {got:e}, exact {exact:e}"
        );
    } else {
        assert!(
            got.is_finite() && got != 0.0,
            "{what}: det {got:e}, exact {mant} 2^{exp}"
        );
        let (m, e) = decompose(got);
        let err = (m * 2f64.powi(e - exp) - mant).abs() / mant.abs();
        assert!(
            err <= rel,
            "{what}: det {got:e} has relative error {err:e} > {rel:e} (exact {mant} 2^{exp})"
        );
    }
}

/// What every case of `lu.json` and `cholesky.json` holds: an `n x n` matrix `a` of the
/// case's dtype, and the exact references (rounded to f64) the fixture has for it.
pub struct SquareCase {
    pub name: String,
    pub dtype: String,
    pub n: usize,
    pub a: Mat,
    /// `det(a)` as `mantissa * 2^exponent`; `None` for 0.
    pub det: Option<(f64, i32)>,
    pub inverse: Option<Mat>,
    pub b: Option<Mat>,
    /// The solution of `a x = b`.
    pub x: Option<Mat>,
}

impl SquareCase {
    pub fn from_json(c: &Value) -> SquareCase {
        SquareCase {
            name: c["name"].as_str().expect("name").to_owned(),
            dtype: c["dtype"].as_str().expect("dtype").to_owned(),
            n: c["n"].as_u64().expect("n") as usize,
            a: parse_rows(&c["a"]).expect("a"),
            det: parse_det(&c["det"]),
            inverse: parse_rows(&c["inverse"]),
            b: parse_rows(&c["b"]),
            x: parse_rows(&c["x"]),
        }
    }
}

pub fn parse_det(v: &Value) -> Option<(f64, i32)> {
    let pair = v.as_array()?;
    let e = pair[1].as_i64().expect("exponent");
    Some((
        parse_f64(&pair[0]),
        i32::try_from(e).expect("exponent fits i32"),
    ))
}

pub fn matrix_from<T: Float, const R: usize, const C: usize>(m: &Mat) -> Matrix<T, R, C> {
    assert_eq!((m.len(), m[0].len()), (R, C), "fixture shape");
    Matrix::from_fn(|i, j| T::from_f64(m[i][j]))
}

/// `|x - x_exact| <= |A^-1| (|r| + r_err)` elementwise, with the exact references rounded
/// to f64 (`2^-53` relative each).
pub fn check_forward(what: &str, x: &Mat, x_exact: &Mat, inv_exact: &Mat, r: &Mat, r_err: &Mat) {
    let r_abs: Mat = r
        .iter()
        .zip(r_err)
        .map(|(a, b)| a.iter().zip(b).map(|(v, e)| v.abs() + e).collect())
        .collect();
    let bound = product(&abs(inv_exact), &r_abs);
    for (i, row) in x.iter().enumerate() {
        for (j, &v) in row.iter().enumerate() {
            let e = x_exact[i][j];
            let tol = bound[i][j] * SLACK * (1.0 + 2.0 * U64) + U64 * e.abs();
            assert!(
                (v - e).abs() <= tol,
                "{what}: ({i}, {j}) = {v:e}, exact {e:e}, bound {tol:e}"
            );
        }
    }
}
