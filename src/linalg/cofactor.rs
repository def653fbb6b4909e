//! The closed-form (cofactor) determinant and inverse of 2x2, 3x3 and 4x4 matrices, the
//! formulas glam and nalgebra use, offered under names that say what they are:
//! [`det_cofactor`](crate::Matrix::det_cofactor) and
//! [`inverse_cofactor`](crate::Matrix::inverse_cofactor). The default
//! [`det`](crate::Matrix::det) and [`inverse`](crate::Matrix::inverse) stay LU with partial
//! pivoting (a closed form at 2x2 only), which is what NumPy computes.
//!
//! # Formulas
//!
//! With `r_i` the rows of `A` (row-major storage), every product and sum rounded once, no
//! fused multiply-add, in this order (the SIMD kernel performs the same operations, so both
//! paths give the same bits):
//!
//! - 2x2: `det = a d - b c`, `A^-1 = [[d, -b], [-c, a]] * (1 / det)`.
//! - 3x3: `det = r_0 . (r_1 x r_2)` (the dot product summed left to right); the columns of
//!   `A^-1` are `r_1 x r_2`, `r_2 x r_0` and `r_0 x r_1`, each times `1 / det`.
//! - 4x4: the six 2x2 minors `s_ij` of rows 0-1 and the six `c_ij` of rows 2-3
//!   (`m_ij = p_i q_j - p_j q_i` for rows `p`, `q`) are shared by everything else. The
//!   determinant is the Laplace expansion along rows 0-1, each minor times its complement:
//!   `((c01 s23 - c02 s13) + c03 s12) + ((c23 s01 - c13 s02) + c12 s03)`. Each of the
//!   sixteen cofactors is `(x f - y g) + z h`, with `x, y, z` entries of one row and `f, g, h`
//!   minors of the other two, and `A^-1 = adj(A) * (1 / det)`. [`det_cofactor`] computes the
//!   very `det` that [`inverse_cofactor`] divides by.
//!
//! The inverse multiplies by one reciprocal (as glam and nalgebra do) rather than dividing
//! each entry: one division instead of `n^2`.
//!
//! [`det_cofactor`]: crate::Matrix::det_cofactor
//! [`inverse_cofactor`]: crate::Matrix::inverse_cofactor
//!
//! # Range
//!
//! The formulas run on the values as given, with no rescaling: the determinant is a product
//! of `n` entries and each cofactor of `n - 1`, so they leave the floating-point range
//! sooner than the inverse does. [`inverse_cofactor`] reports [`Error::Singular`] when the
//! computed determinant is zero or subnormal (where it has lost digits to underflow:
//! `1e-77 * I` in f64 4x4, `1e-10 * I` in f32 4x4) and [`Error::Overflow`] when the
//! determinant or an entry of the result overflows (`1e78 * I` in f64 4x4). In both
//! examples [`inverse`](crate::Matrix::inverse), which scales by powers of two, returns the
//! inverse; it reports `Overflow` only for an inverse that is itself beyond the range.
//!
//! # Accuracy
//!
//! Measured with `cargo run --release -p statrix-benches --bin cofactor_accuracy`
//! (`benches/src/bin/cofactor_accuracy.rs`): 10,000 matrices per row, median / largest, in
//! units of `eps`. `det` is the relative error of the determinant (the reference: LU in
//! double-double arithmetic on the same matrix), `residual` the componentwise residual of
//! the inverse, `max_ij |A X - I|_ij / (|A| |X|)_ij`. Families: `random`, entries uniform in
//! `[-1, 1)`; `graded`, `D1 A D2` with `A` random and `D1`, `D2` diagonal, entries from
//! `1e-8` to `1e8` in shuffled order; `ill-conditioned`, `U diag(s) V^T` with `U`, `V`
//! random orthogonal and `s` from 1 to `1e-8` (f64) or `1e-4` (f32). LU is
//! [`det`](crate::Matrix::det) and [`inverse`](crate::Matrix::inverse).
//!
//! | type | n | family | LU det | cofactor det | LU residual | cofactor residual |
//! | --- | --- | --- | --- | --- | --- | --- |
//! | f64 | 2 | random | 0 / 9.1e2 | 0 / 9.1e2 | 0.3 / 1.1 | 0.33 / 1.4 |
//! | f64 | 3 | random | 0.58 / 9.4e3 | 0.56 / 4.6e3 | 0.5 / 38 | 0.56 / 18 |
//! | f64 | 4 | random | 0.73 / 4.6e3 | 0.7 / 6.8e3 | 0.64 / 15 | 0.82 / 1.3e2 |
//! | f32 | 2 | random | 0.26 / 4.0e2 | 0.26 / 4.0e2 | 0.31 / 1.2 | 0.33 / 1.5 |
//! | f32 | 3 | random | 0.46 / 5.3e3 | 0.42 / 1.2e4 | 0.5 / 18 | 0.56 / 20 |
//! | f32 | 4 | random | 0.69 / 4.1e3 | 0.59 / 7.9e3 | 0.64 / 11 | 0.82 / 98 |
//! | f64 | 2 | graded | 0 / 6.0e2 | 0 / 6.0e2 | 0.31 / 1.2 | 0.33 / 1.4 |
//! | f64 | 3 | graded | 0.69 / 4.6e3 | 0.55 / 5.4e3 | 0.8 / 1.5e4 | 0.57 / 50 |
//! | f64 | 4 | graded | 1 / 1.7e4 | 0.69 / 2.1e4 | 1.5 / 1.4e4 | 0.82 / 84 |
//! | f32 | 2 | graded | 0.25 / 1.1e3 | 0.25 / 1.1e3 | 0.3 / 1.2 | 0.33 / 1.4 |
//! | f32 | 3 | graded | 0.58 / 8.5e3 | 0.43 / 1.4e4 | 0.81 / 3.0e3 | 0.56 / 79 |
//! | f32 | 4 | graded | 1.1 / 2.9e4 | 0.61 / 7.1e3 | 1.5 / 3.3e3 | 0.82 / 75 |
//! | f64 | 2 | ill-conditioned | 1.8e6 / 1.2e7 | 1.8e6 / 1.2e7 | 0.24 / 0.83 | 0.24 / 0.83 |
//! | f64 | 3 | ill-conditioned | 1.8e6 / 1.7e7 | 1.7e9 / 4.4e10 | 0.32 / 18 | 7.0e2 / 1.7e6 |
//! | f64 | 4 | ill-conditioned | 1.8e6 / 1.9e7 | 3.9e10 / 7.8e11 | 0.36 / 1.0e2 | 2.4e4 / 8.2e6 |
//! | f32 | 2 | ill-conditioned | 1.7e2 / 1.2e3 | 1.7e2 / 1.2e3 | 0.23 / 0.72 | 0.23 / 0.72 |
//! | f32 | 3 | ill-conditioned | 1.9e2 / 2.3e3 | 1.8e3 / 4.6e4 | 0.32 / 15 | 7.1 / 1.7e3 |
//! | f32 | 4 | ill-conditioned | 1.8e2 / 2.5e3 | 8.6e3 / 1.8e5 | 0.39 / 17 | 53 / 2.3e3 |
//!
//! - On random matrices and on matrices with graded rows and columns the closed forms are
//!   as accurate as LU: the determinant within a few ulps (the largest errors, of both
//!   methods, are on the nearly singular samples, where the determinant itself is
//!   ill-conditioned), the residual below one `eps` at the median. On `D1 A D2` they are even
//!   better componentwise: every term of an expansion carries the same product of scale
//!   factors, so scaling by powers of two changes no bit of the result (other scalings
//!   only round the input), while LU's pivots depend on the row scaling (its componentwise
//!   residual reaches `1.5e4 eps`, its normwise one stays below `eps`).
//! - On ill-conditioned matrices they are not: from 3x3 up the cofactors themselves cancel.
//!   The determinant's error is 10^3 (3x3) to 2 * 10^4 (4x4) times LU's, and the residual,
//!   below one `eps` for LU, reaches `7e2 eps` (3x3) and `2.4e4 eps` (4x4) at the median
//!   and `8e6 eps` at worst in f64. (The [`Lu` documentation](crate::Lu#closed-forms) has
//!   the same comparison against exact rational references.)
//! - 2x2: the determinant is [`det`](crate::Matrix::det)'s, bit for bit; the inverse
//!   multiplies by `1 / det` where `inverse` divides, one rounding more per entry.
//!
//! The integration tests (`tests/cofactor.rs`) check every result against the a-priori
//! bound of the formulas, `|det_hat - det| <= gamma_k perm(|A|)` with `k` the rounding depth
//! of the expansion (5 at 3x3, 6 at 4x4), and its consequence for the inverse.

use crate::error::Error;
use crate::matrix::Matrix;
use crate::numeric::all_finite;
use crate::scalar::Real;

impl<T: Real> Matrix<T, 2, 2> {
    /// The determinant by the closed form `a d - b c`, the formula of glam's and nalgebra's
    /// `determinant` (and the same bits as [`det`](Matrix::det), which uses it at 2x2).
    ///
    /// NumPy's `np.linalg.det(a)` factors the matrix with LU; at 2x2 the closed form is as
    /// accurate (see [`Lu`](crate::Lu#closed-forms)).
    ///
    /// No rescaling: the products may overflow or underflow where the determinant itself
    /// does not. NaN or infinite input gives NaN or `±inf`.
    ///
    /// # Panics
    /// Never.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![4.0, 7.0;
    ///                 2.0, 6.0];
    /// assert_eq!(a.det_cofactor(), 10.0); // np.linalg.det(a): 10.000000000000002
    /// assert_eq!(a.det_cofactor(), a.det());
    /// ```
    #[must_use]
    #[inline]
    pub fn det_cofactor(&self) -> T {
        let [[a, b], [c, d]] = self.0;
        a * d - b * c
    }

    /// The inverse by the closed form `[[d, -b], [-c, a]] * (1 / det)`, glam's and
    /// nalgebra's formula: one division and four products.
    ///
    /// NumPy's `np.linalg.inv(a)` uses LU; [`inverse`](Matrix::inverse) is the method that
    /// matches it (at 2x2 it divides each entry by the determinant, one rounding fewer per
    /// entry). Accuracy and range: the [module documentation](crate::linalg::cofactor).
    ///
    /// # Errors
    /// - [`Error::NonFinite`] if an element is NaN or infinite.
    /// - [`Error::Singular`] `{ index: 1 }` if the computed determinant is zero or subnormal
    ///   (the closed form has no pivots; `index` is always the last column).
    /// - [`Error::Overflow`] if the determinant or an entry of the result overflows.
    ///
    /// # Panics
    /// Never.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, Error};
    ///
    /// let a = matrix![4.0, 7.0;
    ///                 2.0, 6.0];
    /// let inv = a.inverse_cofactor()?; // np.linalg.inv(a), by a closed form
    /// assert!((a * inv - statrix::Matrix::identity()).norm() <= 1e-15);
    /// assert_eq!(
    ///     matrix![1.0, 2.0; 2.0, 4.0].inverse_cofactor(),
    ///     Err(Error::Singular { index: 1 })
    /// );
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use = "the inverse is returned; the matrix is not changed"]
    #[inline]
    pub fn inverse_cofactor(&self) -> Result<Self, Error> {
        let (inv, det) = inverse_2x2(self);
        checked(self, det, inv)
    }
}

impl<T: Real> Matrix<T, 3, 3> {
    /// The determinant by the cofactor (Laplace) expansion `r_0 . (r_1 x r_2)`, the formula
    /// of glam's and nalgebra's `determinant`: 9 products, 5 sums, no branch.
    ///
    /// NumPy's `np.linalg.det(a)` factors the matrix with LU, as [`det`](Matrix::det) does;
    /// this closed form is faster and can lose every digit where LU keeps most of them
    /// (measured figures in the [module documentation](crate::linalg::cofactor)).
    ///
    /// No rescaling: the products may overflow or underflow where the determinant itself
    /// does not. NaN or infinite input gives NaN or `±inf`.
    ///
    /// # Panics
    /// Never.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![1.0, 2.0, 3.0;
    ///                 0.0, 1.0, 4.0;
    ///                 5.0, 6.0, 0.0];
    /// assert_eq!(a.det_cofactor(), 1.0); // np.linalg.det(a), by a closed form
    /// ```
    #[must_use]
    #[inline]
    pub fn det_cofactor(&self) -> T {
        let [r0, r1, r2] = self.0;
        dot3(&r0, &cross(&r1, &r2))
    }

    /// The inverse by the adjugate: the columns of the inverse are the cross products
    /// `r_1 x r_2`, `r_2 x r_0`, `r_0 x r_1` of the rows, times `1 / det` (glam's and
    /// nalgebra's formula; 27 products, one division).
    ///
    /// NumPy's `np.linalg.inv(a)` uses LU; [`inverse`](Matrix::inverse) is the method that
    /// matches it, and is far more accurate on ill-conditioned matrices (measured figures in
    /// the [module documentation](crate::linalg::cofactor)).
    ///
    /// # Errors
    /// - [`Error::NonFinite`] if an element is NaN or infinite.
    /// - [`Error::Singular`] `{ index: 2 }` if the computed determinant is zero or subnormal
    ///   (the closed form has no pivots; `index` is always the last column).
    /// - [`Error::Overflow`] if the determinant or an entry of the result overflows.
    ///
    /// # Panics
    /// Never.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, Error};
    ///
    /// let a = matrix![1.0, 2.0, 3.0;
    ///                 0.0, 1.0, 4.0;
    ///                 5.0, 6.0, 0.0];
    /// let inv = a.inverse_cofactor()?; // np.linalg.inv(a), by a closed form
    /// assert_eq!(inv, matrix![-24.0,  18.0,  5.0;
    ///                          20.0, -15.0, -4.0;
    ///                          -5.0,   4.0,  1.0]);
    /// assert_eq!(
    ///     matrix![1.0, 2.0, 3.0; 4.0, 5.0, 6.0; 7.0, 8.0, 9.0].inverse_cofactor(),
    ///     Err(Error::Singular { index: 2 })
    /// );
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use = "the inverse is returned; the matrix is not changed"]
    #[inline]
    pub fn inverse_cofactor(&self) -> Result<Self, Error> {
        let (inv, det) = inverse_3x3(self);
        checked(self, det, inv)
    }
}

impl<T: Real> Matrix<T, 4, 4> {
    /// The determinant by the Laplace expansion along rows 0-1: the six 2x2 minors of rows
    /// 0-1 times their complements, the six minors of rows 2-3 (the 2x2 sub-determinants
    /// that glam's and nalgebra's 4x4 formulas share): 30 products, no branch. It is the
    /// determinant [`inverse_cofactor`](Matrix::inverse_cofactor) divides by, bit for bit.
    ///
    /// NumPy's `np.linalg.det(a)` factors the matrix with LU, as [`det`](Matrix::det) does;
    /// this closed form is faster and can lose every digit where LU keeps most of them
    /// (measured figures in the [module documentation](crate::linalg::cofactor)).
    ///
    /// No rescaling: the products may overflow or underflow where the determinant itself
    /// does not. NaN or infinite input gives NaN or `±inf`.
    ///
    /// # Panics
    /// Never.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![2.0, 0.0, 0.0, 1.0;
    ///                 0.0, 3.0, 0.0, 0.0;
    ///                 0.0, 0.0, 4.0, 0.0;
    ///                 1.0, 0.0, 0.0, 1.0];
    /// assert_eq!(a.det_cofactor(), 12.0); // np.linalg.det(a)
    /// ```
    #[must_use]
    #[inline]
    pub fn det_cofactor(&self) -> T {
        let [r0, r1, r2, r3] = self.0;
        det_from_minors(&minors(&r0, &r1), &minors(&r2, &r3))
    }

    /// The inverse by the adjugate built from shared 2x2 minors (the Laplace expansion
    /// theorem, as glam's and nalgebra's 4x4 inverse): twelve minors, sixteen cofactors of
    /// three products each, one division. On `x86_64` the `f32` case runs an SSE2 kernel
    /// with the same operations (same bits).
    ///
    /// NumPy's `np.linalg.inv(a)` uses LU; [`inverse`](Matrix::inverse) is the method that
    /// matches it, and is far more accurate on ill-conditioned matrices (measured figures in
    /// the [module documentation](crate::linalg::cofactor)).
    ///
    /// # Errors
    /// - [`Error::NonFinite`] if an element is NaN or infinite.
    /// - [`Error::Singular`] `{ index: 3 }` if the computed determinant is zero or subnormal
    ///   (the closed form has no pivots; `index` is always the last column).
    /// - [`Error::Overflow`] if the determinant or an entry of the result overflows.
    ///
    /// # Panics
    /// Never.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, Error, Matrix4};
    ///
    /// let a = matrix![2.0, 0.0, 0.0, 1.0;
    ///                 0.0, 4.0, 0.0, 0.0;
    ///                 0.0, 0.0, 8.0, 0.0;
    ///                 1.0, 0.0, 0.0, 1.0];
    /// let inv = a.inverse_cofactor()?; // np.linalg.inv(a), by a closed form
    /// assert_eq!(inv, matrix![ 1.0, 0.0,   0.0,  -1.0;
    ///                          0.0, 0.25,  0.0,   0.0;
    ///                          0.0, 0.0,   0.125, 0.0;
    ///                         -1.0, 0.0,   0.0,   2.0]);
    /// assert_eq!(
    ///     Matrix4::<f32>::zeros().inverse_cofactor(),
    ///     Err(Error::Singular { index: 3 })
    /// );
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use = "the inverse is returned; the matrix is not changed"]
    #[inline]
    pub fn inverse_cofactor(&self) -> Result<Self, Error> {
        let (inv, det) =
            crate::simd::inverse_cofactor_4x4(self).unwrap_or_else(|| inverse_4x4(self));
        checked(self, det, inv)
    }
}

/// `Ok(inv)` when `det` is a normal number (not zero, subnormal, infinite or NaN) and every
/// entry of `inv` is finite; otherwise the error, out of line.
///
/// The common case costs two comparisons and a few sums: sums of the entries are finite
/// only if every entry is (a NaN or an infinity reaches any sum), and the rare non-finite
/// sum of finite values (entries near the largest float) is sorted out by
/// [`cofactor_error`]. A finite `det` implies a finite input: the formulas use only `+`,
/// `-` and `*`, through which a NaN or an infinity always reaches the determinant (as NaN
/// or `±inf`; `inf * 0` is NaN), so the input is looked at only on the error path.
#[inline(always)]
fn checked<T: Real, const N: usize>(
    a: &Matrix<T, N, N>,
    det: T,
    inv: Matrix<T, N, N>,
) -> Result<Matrix<T, N, N>, Error> {
    let m = det.abs();
    // 3x3: nine entries leave a lane free for `det`, whose finiteness the sums then test.
    let ok = if (N * N) % 4 == 1 {
        m >= T::min_positive_value() && lane_sums_finite(inv.as_slice(), Some(det))
    } else {
        m >= T::min_positive_value()
            && m <= T::max_value()
            && lane_sums_finite(inv.as_slice(), None)
    };
    if ok {
        return Ok(inv);
    }
    match cofactor_error(a, det, inv) {
        None => Ok(inv),
        Some(e) => Err(e),
    }
}

/// Whether the sums of `xs` (and `extra`) in four lanes are finite: `xs` in groups of four
/// consecutive elements added lane by lane as a tree (`(g_0 + g_1) + (g_2 + g_3)`, short
/// dependency chains that vectorise), the leftover elements added to the first lanes and
/// `extra` to the next one. A NaN or an infinity reaches its lane's sum, so every term is
/// finite when this holds.
#[inline(always)]
fn lane_sums_finite<T: Real>(xs: &[T], extra: Option<T>) -> bool {
    let group = |g: usize| -> [T; 4] { core::array::from_fn(|l| xs[4 * g + l]) };
    let add = |p: [T; 4], q: [T; 4]| -> [T; 4] { core::array::from_fn(|l| p[l] + q[l]) };
    let groups = xs.len() / 4;
    let mut lanes = match groups {
        // f64 2x2: the four entries sit in three registers, where testing one sum of them
        // costs fewer instructions than testing four values (f32's sit in one register,
        // tested at once).
        1 if xs.len() == 4 && core::mem::size_of::<T>() == 8 => {
            let g = group(0);
            return ((g[0] + g[2]) + (g[1] + g[3])).is_finite();
        }
        1 => group(0),
        2 => add(group(0), group(1)),
        4 => add(add(group(0), group(1)), add(group(2), group(3))),
        // Not reached: the sizes are 2, 3 and 4 (4, 9 and 16 elements).
        _ => return all_finite(xs) && extra.is_none_or(|x| x.is_finite()),
    };
    let leftover = &xs[4 * groups..];
    for (lane, &x) in lanes.iter_mut().zip(leftover) {
        *lane += x;
    }
    if let Some(extra) = extra {
        lanes[leftover.len() % 4] += extra;
    }
    all_finite(&lanes)
}

/// [`checked`]'s uncommon path: `NonFinite` for NaN or infinite input, `Singular` (its
/// index the last column) for a zero or subnormal determinant, `Overflow` for an infinite
/// determinant or result entry, and `None` when every value is finite after all (a sum of
/// entries near the largest float overflowed). `inv` is taken by value, so that the common
/// path keeps it in registers.
#[cold]
#[inline(never)]
fn cofactor_error<T: Real, const N: usize>(
    a: &Matrix<T, N, N>,
    det: T,
    inv: Matrix<T, N, N>,
) -> Option<Error> {
    if !all_finite(a.as_slice()) {
        Some(Error::NonFinite)
    } else if det.abs() < T::min_positive_value() {
        Some(Error::Singular {
            index: N.saturating_sub(1),
        })
    } else if det.is_finite() && all_finite(inv.as_slice()) {
        None
    } else {
        Some(Error::Overflow)
    }
}

/// `(x_0 y_0 + x_1 y_1) + x_2 y_2`.
#[inline(always)]
fn dot3<T: Real>(x: &[T; 3], y: &[T; 3]) -> T {
    x[0] * y[0] + x[1] * y[1] + x[2] * y[2]
}

/// The cross product `x x y`, each component `p q - r s`.
#[inline(always)]
fn cross<T: Real>(x: &[T; 3], y: &[T; 3]) -> [T; 3] {
    [
        x[1] * y[2] - x[2] * y[1],
        x[2] * y[0] - x[0] * y[2],
        x[0] * y[1] - x[1] * y[0],
    ]
}

/// `adj(A) * (1 / det)` and `det` of a 2x2 matrix, unchecked.
#[inline(always)]
fn inverse_2x2<T: Real>(m: &Matrix<T, 2, 2>) -> (Matrix<T, 2, 2>, T) {
    let [[a, b], [c, d]] = m.0;
    let det = a * d - b * c;
    let r = T::ONE / det;
    (Matrix([[d * r, -(b * r)], [-(c * r), a * r]]), det)
}

/// `adj(A) * (1 / det)` and `det` of a 3x3 matrix, unchecked: the columns of the adjugate
/// are the cross products of the rows.
#[inline(always)]
fn inverse_3x3<T: Real>(m: &Matrix<T, 3, 3>) -> (Matrix<T, 3, 3>, T) {
    let [r0, r1, r2] = m.0;
    let x = cross(&r1, &r2);
    let y = cross(&r2, &r0);
    let z = cross(&r0, &r1);
    let det = dot3(&r0, &x);
    let r = T::ONE / det;
    let inv = [
        [x[0] * r, y[0] * r, z[0] * r],
        [x[1] * r, y[1] * r, z[1] * r],
        [x[2] * r, y[2] * r, z[2] * r],
    ];
    (Matrix(inv), det)
}

/// The six 2x2 minors of two rows `p` and `q`: `m_ij = p_i q_j - p_j q_i`.
#[derive(Clone, Copy)]
struct Minors<T> {
    m01: T,
    m02: T,
    m03: T,
    m12: T,
    m13: T,
    m23: T,
}

#[inline(always)]
fn minors<T: Real>(p: &[T; 4], q: &[T; 4]) -> Minors<T> {
    let m = |i: usize, j: usize| p[i] * q[j] - p[j] * q[i];
    Minors {
        m01: m(0, 1),
        m02: m(0, 2),
        m03: m(0, 3),
        m12: m(1, 2),
        m13: m(1, 3),
        m23: m(2, 3),
    }
}

/// `(x f - y g) + z h`: a cofactor of a 4x4 matrix (up to its sign) from three entries of
/// one row and three 2x2 minors of two others.
#[inline(always)]
fn cofactor<T: Real>(x: T, y: T, z: T, f: T, g: T, h: T) -> T {
    x * f - y * g + z * h
}

/// The Laplace expansion along rows 0-1: each minor `s` of rows 0-1 times its complement
/// `c` in rows 2-3, `((c01 s23 - c02 s13) + c03 s12) + ((c23 s01 - c13 s02) + c12 s03)`.
#[inline(always)]
fn det_from_minors<T: Real>(s: &Minors<T>, c: &Minors<T>) -> T {
    ((c.m01 * s.m23 - c.m02 * s.m13) + c.m03 * s.m12)
        + ((c.m23 * s.m01 - c.m13 * s.m02) + c.m12 * s.m03)
}

/// `adj(A) * (1 / det)` and `det` of a 4x4 matrix, unchecked, in the operation order of the
/// SIMD kernel (`simd/x86_64/cofactor_sse2.rs`): row `i` of the adjugate, unsigned, is
/// `(v_j f - v_k g) + v_l h` lane by lane, with `v_j = [a_1j, a_0j, a_3j, a_2j]` and the
/// minors of rows 2-3 in lanes 0-1 and of rows 0-1 in lanes 2-3; the signs
/// `(-1)^(i + j)` go on the reciprocal.
#[inline(always)]
pub(crate) fn inverse_4x4<T: Real>(m: &Matrix<T, 4, 4>) -> (Matrix<T, 4, 4>, T) {
    let a = &m.0;
    let upper = minors(&a[0], &a[1]);
    let lower = minors(&a[2], &a[3]);
    // Column j of A, rows in the order 1, 0, 3, 2.
    let v: [[T; 4]; 4] = core::array::from_fn(|j| [a[1][j], a[0][j], a[3][j], a[2][j]]);
    // A minor of rows 2-3 in lanes 0-1, the same minor of rows 0-1 in lanes 2-3.
    let f = |lo: T, up: T| [lo, lo, up, up];
    let f01 = f(lower.m01, upper.m01);
    let f02 = f(lower.m02, upper.m02);
    let f03 = f(lower.m03, upper.m03);
    let f12 = f(lower.m12, upper.m12);
    let f13 = f(lower.m13, upper.m13);
    let f23 = f(lower.m23, upper.m23);
    let row = |x: &[T; 4], y: &[T; 4], z: &[T; 4], f: &[T; 4], g: &[T; 4], h: &[T; 4]| {
        core::array::from_fn::<T, 4, _>(|l| cofactor(x[l], y[l], z[l], f[l], g[l], h[l]))
    };
    let raw = [
        row(&v[1], &v[2], &v[3], &f23, &f13, &f12),
        row(&v[0], &v[2], &v[3], &f23, &f03, &f02),
        row(&v[0], &v[1], &v[3], &f13, &f03, &f01),
        row(&v[0], &v[1], &v[2], &f12, &f02, &f01),
    ];
    let det = det_from_minors(&upper, &lower);
    let r = T::ONE / det;
    let inv = core::array::from_fn(|i| {
        core::array::from_fn(|j| {
            let x = raw[i][j] * r;
            if (i + j) % 2 == 0 { x } else { -x }
        })
    });
    (Matrix(inv), det)
}

#[cfg(test)]
mod tests {
    use super::{checked, inverse_4x4};
    use crate::error::Error;
    use crate::matrix::Matrix;

    /// Deterministic values spread over many binades, with special values mixed in.
    fn filled(seed: u64, special: bool) -> Matrix<f32, 4, 4> {
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        Matrix::from_fn(|_, _| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let u = (state >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0;
            match (special, state % 29) {
                (true, 0) => f32::NAN,
                (true, 1) => f32::INFINITY,
                (true, 2) => -0.0,
                (true, 3) => 0.0,
                (true, 4) => f32::MAX,
                (true, 5) => f32::from_bits(1),
                _ => u * [1.0, 1e-12, 1e12, 3.0, 1e-30][(state % 5) as usize],
            }
        })
    }

    fn same_bits(x: f32, y: f32) -> bool {
        x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
    }

    #[test]
    fn kernel_is_the_portable_formula_bit_for_bit() {
        for seed in 0..3000 {
            let a = filled(seed, seed % 3 == 0);
            let (want, want_det) = inverse_4x4(&a);
            let (got, got_det) = crate::simd::inverse_cofactor_4x4(&a).unwrap_or((want, want_det));
            assert!(same_bits(got_det, want_det), "det, seed {seed}");
            assert!(
                got.iter().zip(want.iter()).all(|(&x, &y)| same_bits(x, y)),
                "inverse, seed {seed}"
            );
            assert!(
                same_bits(a.det_cofactor(), want_det),
                "det_cofactor, seed {seed}"
            );
        }
    }

    #[test]
    fn finite_entries_whose_sums_overflow_are_not_an_error() {
        // Entries 0 and 4 share the first lane of the finiteness sums.
        let a = Matrix::<f64, 3, 3>::identity();
        let mut inv = Matrix::<f64, 3, 3>::zeros();
        inv[0] = f64::MAX;
        inv[4] = f64::MAX;
        assert_eq!(checked(&a, 1.0, inv), Ok(inv));
        inv[8] = f64::INFINITY;
        assert_eq!(checked(&a, 1.0, inv), Err(Error::Overflow));
        assert_eq!(
            checked(&a, f64::INFINITY, Matrix::zeros()),
            Err(Error::Overflow)
        );
        assert_eq!(
            checked(&a, f64::MIN_POSITIVE / 2.0, Matrix::zeros()),
            Err(Error::Singular { index: 2 })
        );
        // f64 2x2: one sum of the four entries.
        let a = Matrix::<f64, 2, 2>::identity();
        let inv = Matrix::new([[f64::MAX, f64::MAX], [-0.0, 1.0]]);
        assert_eq!(checked(&a, 1.0, inv), Ok(inv));
        let inv = Matrix::new([[f64::MAX, f64::NAN], [-0.0, 1.0]]);
        assert_eq!(checked(&a, 1.0, inv), Err(Error::Overflow));
    }

    #[test]
    fn kernel_exists_where_promised() {
        let on = cfg!(all(
            target_arch = "x86_64",
            target_feature = "sse2",
            not(statrix_scalar_math)
        ));
        let a = Matrix::<f32, 4, 4>::identity();
        assert_eq!(crate::simd::inverse_cofactor_4x4(&a).is_some(), on);
        assert!(crate::simd::inverse_cofactor_4x4(&Matrix::<f64, 4, 4>::identity()).is_none());
    }
}
