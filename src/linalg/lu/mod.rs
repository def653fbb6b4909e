//! LU factorization with partial pivoting and the `det`, `inverse` and `solve` built on it:
//! [`Lu`], whose documentation holds the algorithm, speed and accuracy notes.

use crate::error::Error;
use crate::matrix::Matrix;
use crate::numeric::{all_finite, plain_product, scaled_product};
use crate::scalar::Real;

use super::small_inverse;

/// The LU factorization with partial pivoting of a square matrix, `A = P L U`: `P` a
/// permutation, `L` unit lower triangular with `|l_ij| <= 1`, `U` upper triangular.
///
/// Built by [`Matrix::lu`]; factor once, then [`solve`](Lu::solve) for as many right-hand
/// sides as needed, take the [`det`](Lu::det) or the [`inverse`](Lu::inverse). The
/// factors are those of SciPy's `scipy.linalg.lu(a)` (`p, l, u`) and LAPACK's `getrf`.
///
/// # Example
/// ```
/// use statrix::{matrix, vector};
///
/// let a = matrix![4.0, 7.0;
///                 2.0, 6.0];
/// let lu = a.lu()?; // scipy.linalg.lu(a)
/// assert_eq!(lu.p() * lu.l() * lu.u(), a);
/// assert_eq!(lu.det(), 10.0);
/// let x = lu.solve(&vector![1.0, 2.0])?; // np.linalg.solve(a, b)
/// assert_eq!(x, vector![-0.8, 0.6]);
/// # Ok::<(), statrix::Error>(())
/// ```
///
/// LU factorization with partial pivoting, and the `det`, `inverse` and `solve` built on it.
///
/// # Algorithm
///
/// Right-looking Gaussian elimination with partial pivoting, LAPACK's `getf2` order: for
/// each column `k`, the pivot is the row at or below `k` with the largest `|a_ik|` (the
/// first one on ties, as LAPACK's `idamax`), rows are exchanged element by element, the
/// multipliers are `l_ik = a_ik / a_kk` (a correctly rounded division, where `getf2`
/// multiplies by a reciprocal) and the trailing block is updated row by row
/// (`a_ij -= l_ik * u_kj`, contiguous in the row-major layout). The factors live in one
/// `N x N` array, as LAPACK stores them.
///
/// A column whose candidates are all exactly zero is a zero pivot: it is recorded (the
/// first one is [`Lu::first_zero_pivot`]) and elimination moves on, as `getrf` does, so a
/// singular matrix still factors and [`Lu::det`] is 0. Solving with it returns
/// [`Error::Singular`] with that column; a pivot that is tiny but not zero is not an error
/// (NumPy does the same), and a solution too large for the type is [`Error::Overflow`].
///
/// # Speed
///
/// The arithmetic is the same at every size and on every path; only its arrangement
/// changes, so the results are the same bits:
///
/// - Up to 6x6 the elimination and the substitutions are written over constant ranges and
///   unroll completely: every index is a constant, the matrix stays in registers, the row
///   exchange is a few selects. Larger sizes run the loops.
/// - The common case scans nothing. The elimination first runs without the zero-pivot
///   test; when every pivot is finite and non-zero, it is the factorization with the test,
///   and the input and the factors are finite (the argument is at the private
///   `Lu::is_regular`), so neither needs a scan for NaN or infinity. Otherwise the matrix
///   is factored again with the test and scanned, out of line, and the errors come in
///   their documented order. A right-hand side is looked at only when the solution is not
///   finite (a NaN or infinity in `b` reaches `x`).
/// - [`Lu::det`] skips its power-of-two rescaling when the pivots are in a range where it
///   would not rescale anything (`scaled_product`).
///
/// The unit tests of this module check each fast path against the plain form, bit for bit,
/// on random matrices with ties, zero columns, huge, tiny, subnormal and non-finite entries.
///
/// # Accuracy
///
/// Higham, *Accuracy and Stability of Numerical Algorithms* (2nd ed.), with `u` the unit
/// roundoff (`eps / 2`) and `gamma_k = k u / (1 - k u)`:
///
/// - Thm. 9.3: the computed factors satisfy `P L U = A + dA` with
///   `|dA| <= gamma_n P |L| |U|` elementwise. Partial pivoting keeps `|l_ij| <= 1` and the
///   growth `max |u_ij| / max |a_ij|` at most `2^(n-1)` (tiny in practice).
/// - Thm. 9.4: a computed solution satisfies `(A + dA) x = b` with
///   `|dA| <= gamma_3n P |L| |U|`; each column of [`Lu::inverse`] is such a solution, so
///   `|A X - I| <= gamma_3n P |L| |U| |X|`.
/// - [`Lu::det`] multiplies the pivots with exact power-of-two rescaling, so no partial
///   product overflows or underflows unless the determinant itself does: `n - 1` roundings.
///   (NumPy computes `sign * exp(sum(log |u_ii|))`, which adds the error of `exp` and `log`:
///   `np.linalg.det([[4, 7], [2, 6]])` is `10.000000000000002`; this gives `10.0`.)
///
/// # Closed forms
///
/// [`Matrix::det`] and [`Matrix::inverse`] use closed forms for 2x2 only. The cofactor
/// formulas lose accuracy where LU with partial pivoting does not. Their error
/// is `eps` times the permanent-like sums of the products they subtract (`|a d| + |b c|` for
/// 2x2), while LU's error is `eps` times `|L| |U|`, which partial pivoting keeps near `|A|`.
/// For 2x2 the two coincide: `(|a d| + |b c|) / |det|` is exactly the componentwise
/// condition number `(|A| |A^-1|)_11`, the adjugate's entries are the input's entries
/// (exact), and `A X - I = (det / det_hat - 1) I` up to one rounding per entry, so the
/// closed form is backward stable like LU. From 3x3 up the cofactors themselves cancel.
///
/// Measured by carrying out each formula's operations in IEEE arithmetic (in the order the
/// code would) against exact rational references (worst case over 40 matrices per family, in
/// units of `eps`; `inv` is `max |X_hat - X| / max |X|`, `res` is
/// `||A X_hat - I||_inf / (||A||_inf ||X_hat||_inf)`, `det` the relative error), f64:
///
/// | n | family | LU inv | cofactor inv | LU res | cofactor res | LU det | cofactor det |
/// | --- | --- | --- | --- | --- | --- | --- | --- |
/// | 2 | Gaussian | 1.1 | 1.1 | 0.24 | 0.36 | 1.2 | 0.84 |
/// | 2 | graded (singular values 1..1e-12) | 8.9e10 | 7.6e10 | 0.25 | 0.18 | 8.9e10 | 7.6e10 |
/// | 2 | singular values 1..1e-8 | 1.3e7 | 8.0e6 | 0.30 | 0.30 | 1.3e7 | 8.0e6 |
/// | 3 | Hilbert | 3.6 | 32 | 0.022 | 0.11 | 3.7 | 32 |
/// | 3 | graded | 9.4e10 | 4.5e16 | 0.21 | 5.0e4 | 9.4e10 | 1.7e16 |
/// | 3 | singular values 1..1e-8 | 1.1e7 | 1.2e10 | 0.19 | 543 | 1.1e7 | 1.2e10 |
/// | 4 | Hilbert | 203 | 1.4e4 | 0.035 | 2.0 | 203 | 1.4e4 |
/// | 4 | graded | 7.3e10 | 6.9e15 | 0.17 | 2.8e6 | 7.3e10 | 1.0e18 |
/// | 4 | singular values 1..1e-8 | 1.2e7 | 3.1e11 | 0.18 | 9.7e3 | 1.2e7 | 3.1e11 |
///
/// (f32 shows the same pattern.) The 3x3 formulas measured are the cofactor expansion
/// nalgebra's `try_inverse` uses; the 4x4 ones are the Laplace expansion in `2 x 2`
/// sub-determinants (nalgebra's 4x4, MESA's cofactors, is of the same kind). So 3x3 and 4x4
/// use LU: the 4x4 closed-form inverse has a residual up to 10^7 times LU's on graded
/// matrices, and its determinant loses every digit where LU's keeps five. The closed forms
/// are offered under their own names, [`Matrix::det_cofactor`] and
/// [`Matrix::inverse_cofactor`] (measurements in [`linalg::cofactor`](crate::linalg::cofactor)).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lu<T, const N: usize> {
    /// `L` strictly below the diagonal (its unit diagonal implied), `U` on and above.
    packed: Matrix<T, N, N>,
    /// Row `k` of `L U` is row `rows[k]` of `A`.
    rows: [usize; N],
    /// `det(P)`: `1` or `-1`.
    sign: T,
    /// The first column whose pivot is exactly zero.
    first_zero_pivot: Option<usize>,
}

impl<T: Real, const N: usize> Matrix<T, N, N> {
    /// The LU factorization with partial pivoting, `A = P L U`, as SciPy's
    /// `scipy.linalg.lu(a)` (and LAPACK's `getrf`, which NumPy's `det`, `inv` and `solve`
    /// use).
    ///
    /// A singular matrix factors too: its first exactly zero pivot is
    /// [`Lu::first_zero_pivot`], and solving with it is an error.
    ///
    /// # Errors
    /// - [`Error::NonFinite`] if an element is NaN or infinite.
    /// - [`Error::Overflow`] if the factors overflow (elements near the largest float,
    ///   grown by elimination).
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, Error};
    ///
    /// let a = matrix![1.0, 2.0, 0.0;
    ///                 3.0, 4.0, 4.0;
    ///                 5.0, 6.0, 3.0];
    /// let lu = a.lu()?;
    /// assert_eq!(lu.permutation(), [1, 2, 0]); // scipy.linalg.lu(a, p_indices=True)[0]
    /// assert_eq!(lu.l()[(1, 0)], 0.2);
    /// assert!((lu.p() * lu.l() * lu.u() - a).norm() <= 1e-15);
    ///
    /// let ones = matrix![1.0, 1.0; 1.0, 1.0];
    /// assert_eq!(ones.lu()?.first_zero_pivot(), Some(1));
    /// assert_eq!(matrix![f64::NAN].lu(), Err(Error::NonFinite));
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn lu(&self) -> Result<Lu<T, N>, Error> {
        let mut lu = Lu::unfactored(self);
        lu.eliminate_speculative();
        if lu.is_regular() {
            Ok(lu)
        } else {
            lu_cold(self)
        }
    }

    /// The determinant, NumPy's `np.linalg.det(a)`.
    ///
    /// 2x2 uses `a d - b c` (exact for small integers: `det` of `[[4, 7], [2, 6]]` is
    /// `10.0`, where NumPy prints `10.000000000000002`, the rounding of its
    /// `sign * exp(log|det|)`); other sizes multiply the pivots of [`Matrix::lu`] with exact
    /// power-of-two rescaling, so an intermediate product neither overflows nor underflows
    /// unless the determinant does. The 3x3 and 4x4 cofactor formulas are not used: they
    /// are far less accurate on ill-conditioned matrices (measurements in the
    /// [`Lu` documentation](crate::Lu#closed-forms)); they are
    /// [`det_cofactor`](Matrix::det_cofactor).
    ///
    /// A singular matrix gives `0.0`, as NumPy. A determinant beyond the type's range is
    /// `±inf` (or `0` when it underflows), as NumPy. An element that is NaN or infinite
    /// gives NaN (NumPy gives NaN or `±inf` depending on where it sits). Elements so close
    /// to the largest float that elimination overflows (where [`Matrix::lu`] reports
    /// [`Error::Overflow`]) are factored scaled by a power of two, so the sign is right
    /// and the result is `±inf` only where the exact determinant is beyond the range
    /// (NumPy gives NaN there).
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// assert_eq!(matrix![4.0, 7.0; 2.0, 6.0].det(), 10.0);
    /// assert_eq!(matrix![1.0, 2.0; 2.0, 4.0].det(), 0.0);
    /// assert!(matrix![f64::INFINITY, 0.0; 0.0, 1.0].det().is_nan());
    /// ```
    #[must_use]
    pub fn det(&self) -> T {
        if let Some(det) = small_inverse::det(self) {
            return if det.is_finite() {
                det
            } else {
                self.det_by_lu_cold()
            };
        }
        self.det_by_lu()
    }

    /// [`det`](Matrix::det) by LU: `Lu::det` if the input is finite, else NaN.
    #[inline]
    fn det_by_lu(&self) -> T {
        let mut lu = Lu::unfactored(self);
        lu.eliminate_speculative();
        // Pivots in the plain product's range are finite and non-zero: then `lu` is
        // `Lu::factor(self)` and the input is finite (`Lu::is_regular`).
        match plain_product(lu.pivots(), N) {
            Some(product) => lu.sign * product,
            None => det_cold(self),
        }
    }

    /// [`det_by_lu`](Matrix::det_by_lu) out of line, for the 2x2 closed form's rare
    /// fallback.
    #[cold]
    #[inline(never)]
    fn det_by_lu_cold(&self) -> T {
        self.det_by_lu()
    }

    /// The inverse, NumPy's `np.linalg.inv(a)`.
    ///
    /// 2x2 uses the closed form `[[d, -b], [-c, a]] / det`, as accurate as LU there; other
    /// sizes solve `A X = I` with [`Matrix::lu`] (the 3x3 and 4x4 cofactor formulas are
    /// up to 10^7 times less accurate on ill-conditioned matrices: measurements in the
    /// [`Lu` documentation](crate::Lu#closed-forms); they are
    /// [`inverse_cofactor`](Matrix::inverse_cofactor)). When the closed form meets a zero
    /// determinant or a non-finite result it hands over to the LU path, so the error is the
    /// same either way.
    ///
    /// # Errors
    /// - [`Error::NonFinite`] if an element is NaN or infinite.
    /// - [`Error::Singular`] with the column of the first exactly zero pivot, where NumPy
    ///   raises `LinAlgError: Singular matrix`.
    /// - [`Error::Overflow`] if the inverse does not fit the type: never a matrix of `inf`
    ///   or NaN. (A matrix whose factors overflow is inverted scaled by a power of two.)
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, Error};
    ///
    /// let a = matrix![4.0, 7.0;
    ///                 2.0, 6.0];
    /// let inv = a.inverse()?; // np.linalg.inv(a)
    /// assert_eq!(inv, matrix![0.6, -0.7; -0.2, 0.4]);
    /// assert_eq!(
    ///     matrix![1.0, 2.0; 2.0, 4.0].inverse(),
    ///     Err(Error::Singular { index: 1 })
    /// );
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn inverse(&self) -> Result<Self, Error> {
        if let Some(inv) = small_inverse::inverse(self) {
            return Ok(inv);
        }
        if N == 2 {
            // The closed form's rare hand-over, out of line.
            return inverse_cold(self);
        }
        // `self.lu()?.inverse()`, without the `Result<Lu, _>` temporary (its copies cost
        // more than a small factorization).
        let mut lu = Lu::unfactored(self);
        lu.eliminate_speculative();
        if lu.is_regular() {
            lu.inverse_regular()
        } else {
            inverse_cold(self)
        }
    }

    /// Solves `A x = b` for one right-hand side (a [`Vector`](crate::Vector)) or `K` of
    /// them at once (the columns of `b`), NumPy's `np.linalg.solve(a, b)`.
    ///
    /// To solve with the same matrix again, keep its factorization: `a.lu()?.solve(&b)`.
    ///
    /// # Errors
    /// - [`Error::NonFinite`] if an element of `a` or `b` is NaN or infinite.
    /// - [`Error::Singular`] with the column of the first exactly zero pivot.
    /// - [`Error::Overflow`] if the solution does not fit the type. (A matrix whose factors
    ///   overflow, or a `b` near the largest float, is solved scaled by powers of two,
    ///   exactly: only the answer itself can overflow. So is a matrix so small, wholly or
    ///   partly in the subnormals, that its factors would lose digits to underflow.)
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let a = matrix![4.0, 7.0;
    ///                 2.0, 6.0];
    /// let b = vector![1.0, 2.0];
    /// let x = a.solve(&b)?;
    /// assert_eq!(x, vector![-0.8, 0.6]);
    /// assert!((a * x - b).norm() < 1e-15); // the residual
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn solve<const K: usize>(&self, b: &Matrix<T, N, K>) -> Result<Matrix<T, N, K>, Error> {
        // `self.lu()?.solve(b)`, without the `Result<Lu, _>` temporary.
        let mut lu = Lu::unfactored(self);
        lu.eliminate_speculative();
        if lu.is_regular() {
            lu.solve_regular(b)
        } else {
            solve_cold(self, b)
        }
    }
}

impl<T: Real, const N: usize> Lu<T, N> {
    /// The unit lower triangular factor `L` (`|l_ij| <= 1`), SciPy's `l`.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// let lu = matrix![2.0, 1.0; 4.0, 3.0].lu()?;
    /// assert_eq!(lu.l(), matrix![1.0, 0.0; 0.5, 1.0]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn l(&self) -> Matrix<T, N, N> {
        Matrix::from_fn(|i, j| match i.cmp(&j) {
            core::cmp::Ordering::Greater => self.packed.0[i][j],
            core::cmp::Ordering::Equal => T::ONE,
            core::cmp::Ordering::Less => T::ZERO,
        })
    }

    /// The upper triangular factor `U`, SciPy's `u`. Its diagonal holds the pivots.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// let lu = matrix![2.0, 1.0; 4.0, 3.0].lu()?;
    /// assert_eq!(lu.u(), matrix![4.0, 3.0; 0.0, -0.5]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn u(&self) -> Matrix<T, N, N> {
        Matrix::from_fn(|i, j| if i <= j { self.packed.0[i][j] } else { T::ZERO })
    }

    /// The permutation matrix `P` of `A = P L U`, SciPy's `p` from `scipy.linalg.lu(a)`.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// let a = matrix![2.0, 1.0; 4.0, 3.0];
    /// let lu = a.lu()?;
    /// assert_eq!(lu.p(), matrix![0.0, 1.0; 1.0, 0.0]);
    /// assert_eq!(lu.p() * lu.l() * lu.u(), a);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn p(&self) -> Matrix<T, N, N> {
        Matrix::from_fn(|i, j| if self.rows[j] == i { T::ONE } else { T::ZERO })
    }

    /// The permutation as row indices, SciPy's `scipy.linalg.lu(a, p_indices=True)[0]`:
    /// row `r` of `A` is row `p[r]` of `L U` (`A = (L U)[p]` in NumPy indexing).
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// let a = matrix![1.0, 2.0, 0.0;
    ///                 3.0, 4.0, 4.0;
    ///                 5.0, 6.0, 3.0];
    /// let lu = a.lu()?;
    /// let p = lu.permutation();
    /// assert_eq!(p, [1, 2, 0]);
    /// let lu_product = lu.l() * lu.u();
    /// for r in 0..3 {
    ///     assert!((a.row(r) - lu_product.row(p[r])).norm() <= 1e-15);
    /// }
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn permutation(&self) -> [usize; N] {
        let mut p = [0; N];
        for (k, &r) in self.rows.iter().enumerate() {
            if let Some(slot) = p.get_mut(r) {
                *slot = k;
            }
        }
        p
    }

    /// The first column whose pivot is exactly zero, or `None` when every pivot is non-zero.
    /// [`solve`](Lu::solve) and [`inverse`](Lu::inverse) report it as
    /// [`Error::Singular`].
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// let a = matrix![1.0, 2.0, 3.0;
    ///                 2.0, 4.0, 6.0;
    ///                 1.0, 0.0, 1.0];
    /// assert_eq!(a.lu()?.first_zero_pivot(), Some(2));
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn first_zero_pivot(&self) -> Option<usize> {
        self.first_zero_pivot
    }

    /// Whether a pivot is exactly zero: the factored matrix is singular.
    ///
    /// A matrix that is singular only in exact arithmetic (`[[1, 2, 3], [4, 5, 6], [7, 8,
    /// 9]]`) usually factors with a tiny non-zero pivot instead, as in NumPy, and is not
    /// reported here.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert!(matrix![1.0, 1.0; 1.0, 1.0].lu()?.is_singular());
    /// assert!(!matrix![1.0, 1.0; 1.0, 2.0].lu()?.is_singular());
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn is_singular(&self) -> bool {
        self.first_zero_pivot.is_some()
    }

    /// The determinant: `det(P)` times the product of the pivots, `0` when a pivot is zero.
    ///
    /// The product is rescaled by exact powers of two as it goes, so it overflows or
    /// underflows only if the determinant does; it is within `n - 1` roundings of the
    /// determinant of `P L U` (one more if it is subnormal).
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// // Pivots 1e300, 1e300, 1e-300: multiplied in order, 1e300 * 1e300 would overflow.
    /// let a = Matrix::new([[1e300_f64, 0.0, 0.0], [0.0, 1e300, 0.0], [0.0, 0.0, 1e-300]]);
    /// let det = a.lu()?.det();
    /// assert!((det - 1e300).abs() <= 1e285);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn det(&self) -> T {
        if self.first_zero_pivot.is_some() {
            return T::ZERO;
        }
        self.sign * scaled_product(self.pivots(), N)
    }

    /// The diagonal of `U`.
    #[inline(always)]
    fn pivots(&self) -> [T; N] {
        core::array::from_fn(|i| self.packed.0[i][i])
    }

    /// Solves `A x = b` for the columns of `b` (one right-hand side for a
    /// [`Vector`](crate::Vector), `K` at once for an `N x K` matrix), as NumPy's
    /// `np.linalg.solve(a, b)` and SciPy's `scipy.linalg.lu_solve`: a permutation, then
    /// forward substitution with `L` and back substitution with `U`.
    ///
    /// # Errors
    /// - [`Error::Singular`] with the first zero pivot's column.
    /// - [`Error::NonFinite`] if an element of `b` is NaN or infinite.
    /// - [`Error::Overflow`] if the solution does not fit the type (a `b` near the largest
    ///   float whose solution fits is solved scaled, exactly).
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let lu = matrix![4.0, 7.0; 2.0, 6.0].lu()?; // factor once...
    /// assert_eq!(lu.solve(&vector![1.0, 2.0])?, vector![-0.8, 0.6]); // ...solve many
    /// assert_eq!(lu.solve(&vector![4.0, 2.0])?, vector![1.0, 0.0]);
    /// let two = lu.solve(&matrix![1.0, 4.0; 2.0, 2.0])?; // both at once
    /// assert_eq!(two, matrix![-0.8, 1.0; 0.6, 0.0]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[inline]
    pub fn solve<const K: usize>(&self, b: &Matrix<T, N, K>) -> Result<Matrix<T, N, K>, Error> {
        match self.first_zero_pivot {
            Some(index) => Err(Error::Singular { index }),
            None => self.solve_regular(b),
        }
    }

    /// [`solve`](Lu::solve) without a zero pivot. Always inlined, as the other steps of
    /// [`Matrix::solve`] and [`Matrix::inverse`]: a call would need the factorization in
    /// memory, and at small sizes it lives in registers.
    #[inline(always)]
    fn solve_regular<const K: usize>(&self, b: &Matrix<T, N, K>) -> Result<Matrix<T, N, K>, Error> {
        // `rows` is a permutation of 0..N, so `get` always finds the row.
        let permuted =
            core::array::from_fn(|k| b.0.get(self.rows[k]).copied().unwrap_or([T::ZERO; K]));
        let x = self.substitute(permuted);
        if all_finite(x.as_slice()) {
            Ok(x)
        } else {
            // Overflow on the way (or NaN/inf in `b`): retry with `b` scaled.
            self.solve_times_pow2(b, 0)
        }
    }

    /// The inverse of the factored matrix, NumPy's `np.linalg.inv(a)`: each column solves
    /// `A x = e_j`.
    ///
    /// # Errors
    /// - [`Error::Singular`] with the first zero pivot's column.
    /// - [`Error::Overflow`] if the inverse does not fit the type.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, Matrix};
    ///
    /// let a = matrix![2.0, 0.0, 0.0;
    ///                 0.0, 4.0, 0.0;
    ///                 1.0, 0.0, 1.0];
    /// let inv = a.lu()?.inverse()?;
    /// assert_eq!(inv, matrix![0.5, 0.0, 0.0; 0.0, 0.25, 0.0; -0.5, 0.0, 1.0]);
    /// assert_eq!(a * inv, Matrix::identity());
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[inline]
    pub fn inverse(&self) -> Result<Matrix<T, N, N>, Error> {
        match self.first_zero_pivot {
            Some(index) => Err(Error::Singular { index }),
            None => self.inverse_regular(),
        }
    }

    /// [`inverse`](Lu::inverse) without a zero pivot, always inlined (as
    /// [`solve_regular`](Lu::solve_regular)).
    #[inline(always)]
    fn inverse_regular(&self) -> Result<Matrix<T, N, N>, Error> {
        let permuted = core::array::from_fn(|k| {
            core::array::from_fn(|j| if self.rows[k] == j { T::ONE } else { T::ZERO })
        });
        let x = self.substitute(permuted);
        if all_finite(x.as_slice()) {
            Ok(x)
        } else {
            // Overflow on the way: the steps kept in range (the answer may fit).
            self.solve_times_pow2(&Matrix::identity(), 0)
        }
    }
}

mod cold;
mod elimination;
mod substitution;

use cold::{det_cold, inverse_cold, lu_cold, solve_cold};
#[cfg(test)]
mod tests;
