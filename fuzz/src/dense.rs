//! Residual checks in `f64`: a small dense matrix, the products and norms the identities
//! need, and the assertions.
//!
//! For `f32` inputs every `f64` product of two elements is exact and a sum of `k` of them
//! is within `gamma_k` (`f64`) of the exact one, negligible against `f32`'s bounds. For `f64`
//! inputs the residual's own rounding is of the size of the bound, so every bound below adds
//! [`f64_residual`] times the magnitudes the residual sums (Higham, *Accuracy and Stability of
//! Numerical Algorithms*, 2nd ed., eq. 3.5, for the products; one more rounding for the
//! subtraction).

use statrix::Matrix;

use crate::Float;

/// The unit roundoff of `f64`.
pub const F64_U: f64 = f64::EPSILON / 2.0;

/// `gamma_k = k u / (1 - k u)` (Higham eq. 3.8): the relative bound of `k` rounded steps.
pub fn gamma(k: usize, u: f64) -> f64 {
    let ku = k as f64 * u;
    ku / (1.0 - ku)
}

/// The relative error of an `f64` residual that sums `k` products and subtracts once.
pub fn f64_residual(k: usize) -> f64 {
    gamma(k + 1, F64_U)
}

/// `x 2^e`, in steps that each stay in range (2^e alone may not be an `f64`).
pub fn times_pow2(x: f64, e: i32) -> f64 {
    let mut out = x;
    let mut left = e;
    while left != 0 {
        let step = left.clamp(-1000, 1000);
        out *= 2f64.powi(step);
        left -= step;
    }
    out
}

/// `d 2^e`, elementwise (see [`times_pow2`]).
pub fn scale_pow2(d: &Dense, e: i32) -> Dense {
    d.map(|x| times_pow2(x, e))
}

/// A row-major `rows x cols` matrix of `f64`.
#[derive(Clone, Debug, PartialEq)]
pub struct Dense {
    /// Rows.
    pub rows: usize,
    /// Columns.
    pub cols: usize,
    /// The elements, row by row.
    pub data: Vec<f64>,
}

impl Dense {
    /// `m`, exactly.
    pub fn of<T: Float, const R: usize, const C: usize>(m: &Matrix<T, R, C>) -> Self {
        Self {
            rows: R,
            cols: C,
            data: m.iter().map(|x| x.wide()).collect(),
        }
    }

    /// The row-major `rows x cols` matrix in `data`, exactly.
    pub fn from_slice<T: Float>(rows: usize, cols: usize, data: &[T]) -> Self {
        assert_eq!(data.len(), rows * cols, "a {rows}x{cols} matrix");
        Self {
            rows,
            cols,
            data: data.iter().map(|x| x.wide()).collect(),
        }
    }

    /// `f(i, j)` at every position.
    pub fn from_fn(rows: usize, cols: usize, mut f: impl FnMut(usize, usize) -> f64) -> Self {
        let data = (0..rows * cols).map(|k| f(k / cols, k % cols)).collect();
        Self { rows, cols, data }
    }

    /// The `n x n` identity.
    pub fn identity(n: usize) -> Self {
        Self::from_fn(n, n, |i, j| if i == j { 1.0 } else { 0.0 })
    }

    /// Element `(i, j)`.
    pub fn at(&self, i: usize, j: usize) -> f64 {
        self.data[i * self.cols + j]
    }

    /// `self @ other`, summed in order of the inner index.
    pub fn mul(&self, other: &Self) -> Self {
        assert_eq!(self.cols, other.rows, "inner dimensions");
        Self::from_fn(self.rows, other.cols, |i, j| {
            (0..self.cols).fold(0.0, |acc, p| acc + self.at(i, p) * other.at(p, j))
        })
    }

    /// `|self|`, elementwise.
    pub fn abs(&self) -> Self {
        self.map(f64::abs)
    }

    /// `f` of every element.
    pub fn map(&self, f: impl Fn(f64) -> f64) -> Self {
        Self {
            rows: self.rows,
            cols: self.cols,
            data: self.data.iter().map(|&x| f(x)).collect(),
        }
    }

    /// `self - other`.
    pub fn sub(&self, other: &Self) -> Self {
        self.zip(other, |x, y| x - y)
    }

    /// `self + other`.
    pub fn add(&self, other: &Self) -> Self {
        self.zip(other, |x, y| x + y)
    }

    /// `f` of every pair of elements.
    pub fn zip(&self, other: &Self, f: impl Fn(f64, f64) -> f64) -> Self {
        assert_eq!((self.rows, self.cols), (other.rows, other.cols), "shapes");
        Self {
            rows: self.rows,
            cols: self.cols,
            data: self
                .data
                .iter()
                .zip(&other.data)
                .map(|(&x, &y)| f(x, y))
                .collect(),
        }
    }

    /// `self * s`.
    pub fn scale(&self, s: f64) -> Self {
        self.map(|x| x * s)
    }

    /// The transpose.
    pub fn t(&self) -> Self {
        Self::from_fn(self.cols, self.rows, |i, j| self.at(j, i))
    }

    /// The largest absolute value (0 for an empty matrix; NaN propagates).
    pub fn max_abs(&self) -> f64 {
        self.data.iter().fold(0.0, |m: f64, &x| {
            if x.is_nan() || m.is_nan() {
                f64::NAN
            } else {
                m.max(x.abs())
            }
        })
    }

    /// The Frobenius norm, computed scaled so that it neither overflows nor underflows.
    pub fn fro(&self) -> f64 {
        let big = self.max_abs();
        if big == 0.0 || !big.is_finite() {
            return big;
        }
        big * self
            .data
            .iter()
            .map(|x| (x / big) * (x / big))
            .sum::<f64>()
            .sqrt()
    }

    /// How many binary orders of magnitude the non-zero elements span: `log2(max |x| / min
    /// |x|)` over the non-zero `x` (`-inf` for the zero matrix).
    pub fn binary_span(&self) -> f64 {
        let smallest = self
            .data
            .iter()
            .map(|x| x.abs())
            .filter(|&v| v > 0.0)
            .fold(f64::INFINITY, f64::min);
        (self.max_abs() / smallest).log2()
    }

    /// The largest row sum of absolute values (the infinity norm).
    pub fn norm_inf(&self) -> f64 {
        (0..self.rows)
            .map(|i| (0..self.cols).map(|j| self.at(i, j).abs()).sum::<f64>())
            .fold(0.0, f64::max)
    }
}

/// Asserts `|residual_ij| <= bound_ij` at every position where the bound is finite (where it
/// overflowed `f64`, the check says nothing and is skipped); a NaN residual under a finite
/// bound fails.
pub fn assert_within(what: &str, residual: &Dense, bound: &Dense) {
    for (k, (&r, &b)) in residual.data.iter().zip(&bound.data).enumerate() {
        if !b.is_finite() {
            continue;
        }
        assert!(
            r.abs() <= b,
            "{what}: element {:?} is {r:e}, over its bound {b:e}",
            (k / residual.cols, k % residual.cols)
        );
    }
}

/// Asserts `value <= bound` where the bound is finite, with a message naming the check.
pub fn assert_le(what: &str, value: f64, bound: f64) {
    if bound.is_finite() {
        assert!(value <= bound, "{what}: {value:e} over its bound {bound:e}");
    }
}

/// Asserts that the columns of `q` are orthonormal: `|Q^T Q - I|_max <= tol` (where `tol` is
/// the caller's bound, in `f64`).
pub fn assert_orthonormal_columns(what: &str, q: &Dense, tol: f64) {
    let qtq = q.t().mul(q).sub(&Dense::identity(q.cols));
    assert_le(what, qtq.max_abs(), tol);
}

/// Asserts a solve's backward error: componentwise (`|r_ij| <= bound_ij`, as
/// [`assert_within`]) or, failing that, normwise (`||r||_inf <= normwise`). The slow path of
/// a substitution that overflowed rescales its whole partial solution (as LAPACK's `xLATRS`),
/// which flushes components far below the largest one: normwise backward stable, not
/// componentwise; the callers' `normwise` bound is the normwise form of the same analysis.
pub fn assert_backward(what: &str, residual: &Dense, bound: &Dense, normwise: f64) {
    let componentwise = residual
        .data
        .iter()
        .zip(&bound.data)
        .all(|(r, b)| !b.is_finite() || r.abs() <= *b);
    if !componentwise {
        assert_le(&format!("{what} (normwise)"), residual.norm_inf(), normwise);
    }
}
