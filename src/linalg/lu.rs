//! LU factorization with partial pivoting, and the `det`, `inverse` and `solve` built on it.
//!
//! # Algorithm
//!
//! Right-looking Gaussian elimination with partial pivoting, LAPACK's `getf2` order: for
//! each column `k`, the pivot is the row at or below `k` with the largest `|a_ik|` (the
//! first one on ties, as LAPACK's `idamax`), rows are exchanged element by element, the
//! multipliers are `l_ik = a_ik / a_kk` (a correctly rounded division, where `getf2`
//! multiplies by a reciprocal) and the trailing block is updated row by row
//! (`a_ij -= l_ik * u_kj`, contiguous in the row-major layout). All loops have constant trip
//! counts (`N`), so small sizes unroll; the factors live in one `N x N` array, as LAPACK
//! stores them.
//!
//! A column whose candidates are all exactly zero is a zero pivot: it is recorded (the
//! first one is [`Lu::first_zero_pivot`]) and elimination moves on, as `getrf` does, so a
//! singular matrix still factors and [`Lu::det`] is 0. Solving with it returns
//! [`Error::Singular`] with that column; a pivot that is tiny but not zero is not an error
//! (NumPy does the same), and a solution too large for the type is [`Error::Overflow`].
//!
//! # Accuracy
//!
//! Higham, *Accuracy and Stability of Numerical Algorithms* (2nd ed.), with `u` the unit
//! roundoff (`eps / 2`) and `gamma_k = k u / (1 - k u)`:
//!
//! - Thm. 9.3: the computed factors satisfy `P L U = A + dA` with
//!   `|dA| <= gamma_n P |L| |U|` elementwise. Partial pivoting keeps `|l_ij| <= 1` and the
//!   growth `max |u_ij| / max |a_ij|` at most `2^(n-1)` (tiny in practice).
//! - Thm. 9.4: a computed solution satisfies `(A + dA) x = b` with
//!   `|dA| <= gamma_3n P |L| |U|`; each column of [`Lu::inverse`] is such a solution, so
//!   `|A X - I| <= gamma_3n P |L| |U| |X|`.
//! - [`Lu::det`] multiplies the pivots with exact power-of-two rescaling, so no partial
//!   product overflows or underflows unless the determinant itself does: `n - 1` roundings.
//!   (NumPy computes `sign * exp(sum(log |u_ii|))`, which adds the error of `exp` and `log`:
//!   `np.linalg.det([[4, 7], [2, 6]])` is `10.000000000000002`; this gives `10.0`.)
//!
//! # Closed forms
//!
//! [`Matrix::det`] and [`Matrix::inverse`] use closed forms for 2x2 only. The cofactor
//! formulas lose accuracy where LU with partial pivoting does not. Their error
//! is `eps` times the permanent-like sums of the products they subtract (`|a d| + |b c|` for
//! 2x2), while LU's error is `eps` times `|L| |U|`, which partial pivoting keeps near `|A|`.
//! For 2x2 the two coincide: `(|a d| + |b c|) / |det|` is exactly the componentwise
//! condition number `(|A| |A^-1|)_11`, the adjugate's entries are the input's entries
//! (exact), and `A X - I = (det / det_hat - 1) I` up to one rounding per entry, so the
//! closed form is backward stable like LU. From 3x3 up the cofactors themselves cancel.
//!
//! Measured by carrying out each formula's operations in IEEE arithmetic (in the order the
//! code would) against exact rational references (worst case over 40 matrices per family, in
//! units of `eps`; `inv` is `max |X_hat - X| / max |X|`, `res` is
//! `||A X_hat - I||_inf / (||A||_inf ||X_hat||_inf)`, `det` the relative error), f64:
//!
//! | n | family | LU inv | cofactor inv | LU res | cofactor res | LU det | cofactor det |
//! | --- | --- | --- | --- | --- | --- | --- | --- |
//! | 2 | Gaussian | 1.1 | 1.1 | 0.24 | 0.36 | 1.2 | 0.84 |
//! | 2 | graded (singular values 1..1e-12) | 8.9e10 | 7.6e10 | 0.25 | 0.18 | 8.9e10 | 7.6e10 |
//! | 2 | singular values 1..1e-8 | 1.3e7 | 8.0e6 | 0.30 | 0.30 | 1.3e7 | 8.0e6 |
//! | 3 | Hilbert | 3.6 | 32 | 0.022 | 0.11 | 3.7 | 32 |
//! | 3 | graded | 9.4e10 | 4.5e16 | 0.21 | 5.0e4 | 9.4e10 | 1.7e16 |
//! | 3 | singular values 1..1e-8 | 1.1e7 | 1.2e10 | 0.19 | 543 | 1.1e7 | 1.2e10 |
//! | 4 | Hilbert | 203 | 1.4e4 | 0.035 | 2.0 | 203 | 1.4e4 |
//! | 4 | graded | 7.3e10 | 6.9e15 | 0.17 | 2.8e6 | 7.3e10 | 1.0e18 |
//! | 4 | singular values 1..1e-8 | 1.2e7 | 3.1e11 | 0.18 | 9.7e3 | 1.2e7 | 3.1e11 |
//!
//! (f32 shows the same pattern.) The 3x3 formulas measured are the cofactor expansion
//! nalgebra's `try_inverse` uses; the 4x4 ones are the Laplace expansion in `2 x 2`
//! sub-determinants (nalgebra's 4x4, MESA's cofactors, is of the same kind). So 3x3 and 4x4
//! use LU: the 4x4 closed-form inverse has a residual up to 10^7 times LU's on graded
//! matrices, and its determinant loses every digit where LU's keeps five.

use crate::error::Error;
use crate::matrix::Matrix;
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
        if !all_finite(&self.0) {
            return Err(Error::NonFinite);
        }
        let lu = Lu::factor(self);
        if all_finite(&lu.packed.0) {
            Ok(lu)
        } else {
            Err(Error::Overflow)
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
    /// [module documentation](crate::linalg::lu#closed-forms)).
    ///
    /// A singular matrix gives `0.0`, as NumPy. A determinant beyond the type's range is
    /// `±inf` (or `0` when it underflows), as NumPy. An element that is NaN or infinite
    /// gives NaN (NumPy gives NaN or `±inf` depending on where it sits). Elements so close
    /// to the largest float that elimination overflows (where [`Matrix::lu`] reports
    /// [`Error::Overflow`]) give `±inf` or NaN, as in NumPy.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// assert_eq!(matrix![4.0, 7.0; 2.0, 6.0].det(), 10.0);
    /// assert_eq!(matrix![1.0, 2.0; 2.0, 4.0].det(), 0.0);
    /// assert!(matrix![f64::INFINITY, 0.0; 0.0, 1.0].det().is_nan());
    /// ```
    pub fn det(&self) -> T {
        if let Some(det) = small_inverse::det(self) {
            if det.is_finite() {
                return det;
            }
        }
        if !all_finite(&self.0) {
            return T::nan();
        }
        Lu::factor(self).det()
    }

    /// The inverse, NumPy's `np.linalg.inv(a)`.
    ///
    /// 2x2 uses the closed form `[[d, -b], [-c, a]] / det`, as accurate as LU there; other
    /// sizes solve `A X = I` with [`Matrix::lu`] (the 3x3 and 4x4 cofactor formulas are
    /// up to 10^7 times less accurate on ill-conditioned matrices: measurements in the
    /// [module documentation](crate::linalg::lu#closed-forms)). When the closed form meets a zero
    /// determinant or a non-finite result it hands over to the LU path, so the error is the
    /// same either way.
    ///
    /// # Errors
    /// - [`Error::NonFinite`] if an element is NaN or infinite.
    /// - [`Error::Singular`] with the column of the first exactly zero pivot, where NumPy
    ///   raises `LinAlgError: Singular matrix`.
    /// - [`Error::Overflow`] if the inverse (or the factorization) does not fit the type:
    ///   never a matrix of `inf` or NaN.
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
        // `self.lu()?.inverse()`, without the `Result<Lu, _>` temporary (its copies cost
        // more than a small factorization).
        if !all_finite(&self.0) {
            return Err(Error::NonFinite);
        }
        let lu = Lu::factor(self);
        if !all_finite(&lu.packed.0) {
            return Err(Error::Overflow);
        }
        lu.inverse()
    }

    /// Solves `A x = b` for one right-hand side (a [`Vector`](crate::Vector)) or `K` of
    /// them at once (the columns of `b`), NumPy's `np.linalg.solve(a, b)`.
    ///
    /// To solve with the same matrix again, keep its factorization: `a.lu()?.solve(&b)`.
    ///
    /// # Errors
    /// - [`Error::NonFinite`] if an element of `a` or `b` is NaN or infinite.
    /// - [`Error::Singular`] with the column of the first exactly zero pivot.
    /// - [`Error::Overflow`] if the solution (or the factorization) does not fit the type.
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
        if !all_finite(&self.0) {
            return Err(Error::NonFinite);
        }
        let lu = Lu::factor(self);
        if !all_finite(&lu.packed.0) {
            return Err(Error::Overflow);
        }
        lu.solve(b)
    }
}

impl<T: Real, const N: usize> Lu<T, N> {
    /// Factors a finite matrix; never fails (zero pivots are recorded, overflow is left in
    /// the factors for the caller to check).
    // Index loops over constant ranges: LLVM unrolls them for small N. The iterator form
    // (`skip`, `split_at_mut`) did not unroll in every context and measured up to 2.5x
    // slower; every index is below N by the loop bounds.
    #[allow(clippy::needless_range_loop)]
    fn factor(a: &Matrix<T, N, N>) -> Self {
        let mut m = a.0;
        let mut rows: [usize; N] = core::array::from_fn(|i| i);
        let mut sign = T::ONE;
        let mut first_zero_pivot = None;
        for k in 0..N {
            // The largest |a_ik| at or below the diagonal; the first one on ties.
            let mut p = k;
            let mut largest = m[k][k].abs();
            for i in k + 1..N {
                let v = m[i][k].abs();
                if v > largest {
                    largest = v;
                    p = i;
                }
            }
            if largest == T::ZERO {
                // The column is zero at and below the diagonal: nothing to eliminate.
                if first_zero_pivot.is_none() {
                    first_zero_pivot = Some(k);
                }
                continue;
            }
            if p != k {
                swap_rows(&mut m, k, p);
                rows.swap(k, p);
                sign = -sign;
            }
            let pivot = m[k][k];
            for i in k + 1..N {
                let l = m[i][k] / pivot;
                m[i][k] = l;
                for j in k + 1..N {
                    let product = l * m[k][j];
                    m[i][j] -= product;
                }
            }
        }
        Lu {
            packed: Matrix(m),
            rows,
            sign,
            first_zero_pivot,
        }
    }

    /// The unit lower triangular factor `L` (`|l_ij| <= 1`), SciPy's `l`.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// let lu = matrix![2.0, 1.0; 4.0, 3.0].lu()?;
    /// assert_eq!(lu.l(), matrix![1.0, 0.0; 0.5, 1.0]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
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
    pub fn det(&self) -> T {
        if self.first_zero_pivot.is_some() {
            return T::ZERO;
        }
        self.sign * scaled_product(self.packed.0.iter().enumerate().map(|(i, row)| row[i]))
    }

    /// Solves `A x = b` for the columns of `b` (one right-hand side for a
    /// [`Vector`](crate::Vector), `K` at once for an `N x K` matrix), as NumPy's
    /// `np.linalg.solve(a, b)` and SciPy's `scipy.linalg.lu_solve`: a permutation, then
    /// forward substitution with `L` and back substitution with `U`.
    ///
    /// # Errors
    /// - [`Error::Singular`] with the first zero pivot's column.
    /// - [`Error::NonFinite`] if an element of `b` is NaN or infinite.
    /// - [`Error::Overflow`] if the solution does not fit the type.
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
    pub fn solve<const K: usize>(&self, b: &Matrix<T, N, K>) -> Result<Matrix<T, N, K>, Error> {
        if let Some(index) = self.first_zero_pivot {
            return Err(Error::Singular { index });
        }
        if !all_finite(&b.0) {
            return Err(Error::NonFinite);
        }
        // `rows` is a permutation of 0..N, so `get` always finds the row.
        let permuted =
            core::array::from_fn(|k| b.0.get(self.rows[k]).copied().unwrap_or([T::ZERO; K]));
        finite_or_overflow(self.substitute(permuted))
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
    pub fn inverse(&self) -> Result<Matrix<T, N, N>, Error> {
        if let Some(index) = self.first_zero_pivot {
            return Err(Error::Singular { index });
        }
        let permuted = core::array::from_fn(|k| {
            core::array::from_fn(|j| if self.rows[k] == j { T::ONE } else { T::ZERO })
        });
        finite_or_overflow(self.substitute(permuted))
    }

    /// Forward substitution with the unit lower `L`, then back substitution with `U`, on the
    /// rows of `x` (already permuted), each row a set of `K` right-hand-side entries.
    #[allow(clippy::needless_range_loop)] // As in `factor`.
    fn substitute<const K: usize>(&self, mut x: [[T; K]; N]) -> Matrix<T, N, K> {
        let lu = &self.packed.0;
        for i in 1..N {
            for k in 0..i {
                let l = lu[i][k];
                for c in 0..K {
                    let product = l * x[k][c];
                    x[i][c] -= product;
                }
            }
        }
        for i in (0..N).rev() {
            for k in i + 1..N {
                let u = lu[i][k];
                for c in 0..K {
                    let product = u * x[k][c];
                    x[i][c] -= product;
                }
            }
            let pivot = lu[i][i];
            for c in 0..K {
                x[i][c] /= pivot;
            }
        }
        Matrix(x)
    }
}

/// Whether every element is finite.
pub(super) fn all_finite<T: Real, const R: usize, const C: usize>(m: &[[T; C]; R]) -> bool {
    m.as_flattened().iter().all(|x| x.is_finite())
}

/// `Ok(m)` if every element is finite, else [`Error::Overflow`] (the inputs were finite).
pub(super) fn finite_or_overflow<T: Real, const R: usize, const C: usize>(
    m: Matrix<T, R, C>,
) -> Result<Matrix<T, R, C>, Error> {
    if all_finite(&m.0) {
        Ok(m)
    } else {
        Err(Error::Overflow)
    }
}

/// Swaps rows `k < p` element by element (a whole-row `swap` becomes a `memmove` call on
/// targets such as Cortex-M).
fn swap_rows<T, const N: usize>(m: &mut [[T; N]; N], k: usize, p: usize) {
    let (top, bottom) = m.split_at_mut(p);
    if let (Some(a), Some(b)) = (top.get_mut(k), bottom.first_mut()) {
        for (x, y) in a.iter_mut().zip(b.iter_mut()) {
            core::mem::swap(x, y);
        }
    }
}

/// The product of `factors`, rescaled by exact powers of two as it goes so that no partial
/// product overflows or underflows unless the whole product does.
///
/// Invariant: the product so far is `p * 2^(scale_exp * e)`, with `p` and each factor kept
/// in `[t_small, t_big]` (Blue's thresholds, [`Real::BLUE_SCALING`]), so each product lands
/// in `[t_small^2, t_big^2]`, inside the normal range. Every rescaling multiplies by a power
/// of two in the normal range, which is exact, so the result carries only the roundings of
/// the `n - 1` products, plus one if it is subnormal (the final rescaling rounds once: an
/// earlier step can reach the subnormals only when the result rounds to zero anyway).
/// NaN propagates; an infinite factor gives `±inf` (or NaN with a zero).
pub(super) fn scaled_product<T: Real>(factors: impl IntoIterator<Item = T>) -> T {
    let [t_small, t_big, _, s_big] = T::BLUE_SCALING;
    let up = T::ONE / s_big; // an exact power of two
    // Brings `x` into [t_small, t_big] and returns the change of `e` it needs: at most two
    // steps up (for subnormal `x`), one down.
    let normalize = |x: &mut T| -> i32 {
        if x.abs() > t_big {
            *x *= s_big;
            1
        } else if x.abs() < t_small && *x != T::ZERO {
            *x *= up;
            if x.abs() < t_small {
                *x *= up;
                -2
            } else {
                -1
            }
        } else {
            0
        }
    };
    let mut p = T::ONE;
    let mut e: i32 = 0;
    for mut f in factors {
        e = e.saturating_add(normalize(&mut f));
        p *= f;
        e = e.saturating_add(normalize(&mut p));
    }
    // p * up^e, each step exact until the result overflows or rounds into the subnormals.
    if e > 0 {
        for _ in 0..e {
            p *= up;
        }
    } else {
        for _ in e..0 {
            p *= s_big;
        }
    }
    p
}
