//! Cholesky factorization `A = L L^T` of a symmetric positive definite matrix, and the
//! solve, determinant and inverse built on it.
//!
//! # Algorithm
//!
//! Row by row (Cholesky–Banachiewicz), reading only the lower triangle of `A`, as NumPy's
//! `np.linalg.cholesky` (LAPACK `potrf` with `uplo='L'`):
//! `l_ij = (a_ij - sum_{k<j} l_ik l_jk) / l_jj` for `j < i`, then the pivot
//! `s = a_ii - sum_{k<i} l_ik^2` and `l_ii = sqrt(s)`. Every inner sum runs along two rows of
//! `L`, contiguous in the row-major layout. A pivot that is not positive (or is NaN, which
//! only overflow of `L`'s entries can produce from finite input) stops the factorization
//! with [`Error::NotPositiveDefinite`] at its column, LAPACK's `info - 1`. A successful
//! factorization therefore has a finite `L` with a positive diagonal: an overflowed entry
//! of `L` would make a later pivot `-inf` or NaN.
//!
//! # Accuracy
//!
//! Higham, *Accuracy and Stability of Numerical Algorithms* (2nd ed.), `u = eps / 2`,
//! `gamma_k = k u / (1 - k u)`:
//!
//! - Thm. 10.3: `L L^T = A + dA` with `|dA| <= gamma_{n+1} |L| |L^T|`.
//! - Thm. 10.4: a computed solution satisfies `(A + dA) x = b` with
//!   `|dA| <= gamma_{3n+1} |L| |L^T|`; [`Cholesky::inverse`] solves for each column of `I`.
//! - Thm. 10.7: the factorization runs to completion if `lambda_min(H) > n gamma_{n+1} /
//!   (1 - gamma_{n+1})`, `H` being `A` scaled to a unit diagonal; a matrix that is
//!   semidefinite or nearly so may fail, as in LAPACK.

use crate::error::Error;
use crate::matrix::Matrix;
use crate::scalar::Real;

use super::lu::{all_finite, finite_or_overflow, scaled_product};

/// The Cholesky factorization `A = L L^T` of a symmetric positive definite matrix: `L`
/// lower triangular with a positive diagonal.
///
/// Built by [`Matrix::cholesky`]; factor once, then [`solve`](Cholesky::solve) as often as
/// needed (about half the work of LU, and no pivoting), take the [`det`](Cholesky::det) or
/// the [`inverse`](Cholesky::inverse).
///
/// # Example
/// ```
/// use statrix::{matrix, vector};
///
/// let a = matrix![4.0, 2.0;
///                 2.0, 5.0];
/// let chol = a.cholesky()?; // np.linalg.cholesky(a)
/// assert_eq!(chol.l(), matrix![2.0, 0.0; 1.0, 2.0]);
/// assert_eq!(chol.l() * chol.l().transpose(), a);
/// assert_eq!(chol.det(), 16.0);
/// assert_eq!(chol.solve(&vector![8.0, 9.0])?, vector![1.375, 1.25]); // scipy.linalg.cho_solve
/// # Ok::<(), statrix::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cholesky<T, const N: usize> {
    /// The lower triangular factor; zeros above the diagonal.
    l: Matrix<T, N, N>,
}

impl<T: Real, const N: usize> Matrix<T, N, N> {
    /// The Cholesky factorization `A = L L^T`, NumPy's `np.linalg.cholesky(a)` (which
    /// returns `L`; here it is [`Cholesky::l`]).
    ///
    /// Only the lower triangle (with the diagonal) is read, as NumPy: the upper triangle is
    /// taken to mirror it and is not checked.
    ///
    /// # Errors
    /// - [`Error::NonFinite`] if an element of the lower triangle is NaN or infinite.
    /// - [`Error::NotPositiveDefinite`] with the column `index` where the pivot
    ///   `a_ii - sum_k l_ik^2` is not positive: the leading `(index + 1) x (index + 1)`
    ///   block is not (numerically) positive definite. NumPy raises `LinAlgError: Matrix is
    ///   not positive definite`.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, Error};
    ///
    /// let a = matrix![4.0, 12.0, -16.0;
    ///                 12.0, 37.0, -43.0;
    ///                 -16.0, -43.0, 98.0];
    /// let l = a.cholesky()?.l();
    /// assert_eq!(l, matrix![2.0, 0.0, 0.0; 6.0, 1.0, 0.0; -8.0, 5.0, 3.0]);
    ///
    /// let indefinite = matrix![1.0, 2.0; 2.0, 1.0];
    /// assert_eq!(indefinite.cholesky(), Err(Error::NotPositiveDefinite { index: 1 }));
    /// # Ok::<(), statrix::Error>(())
    /// ```
    // Index loops over constant ranges, as in `Lu`'s factorization: LLVM unrolls them for
    // small N; every index is below N by the loop bounds.
    #[allow(clippy::needless_range_loop)]
    pub fn cholesky(&self) -> Result<Cholesky<T, N>, Error> {
        let a = &self.0;
        let lower_finite = a
            .iter()
            .enumerate()
            .all(|(i, row)| row[..=i].iter().all(|x| x.is_finite()));
        if !lower_finite {
            return Err(Error::NonFinite);
        }
        let mut l = [[T::ZERO; N]; N];
        for i in 0..N {
            for j in 0..i {
                let mut s = a[i][j];
                for k in 0..j {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / l[j][j];
            }
            let mut s = a[i][i];
            for k in 0..i {
                s -= l[i][k] * l[i][k];
            }
            // A NaN pivot (from an overflowed entry of L) fails too.
            if s.is_nan() || s <= T::ZERO {
                return Err(Error::NotPositiveDefinite { index: i });
            }
            l[i][i] = s.sqrt();
        }
        Ok(Cholesky { l: Matrix(l) })
    }
}

impl<T: Real, const N: usize> Cholesky<T, N> {
    /// The lower triangular factor `L` of `A = L L^T`, NumPy's `np.linalg.cholesky(a)`.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// let l = matrix![9.0, 3.0; 3.0, 5.0].cholesky()?.l();
    /// assert_eq!(l, matrix![3.0, 0.0; 1.0, 2.0]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn l(&self) -> Matrix<T, N, N> {
        self.l
    }

    /// Solves `A x = b` for the columns of `b` (a [`Vector`](crate::Vector) or an `N x K`
    /// matrix of right-hand sides) by forward substitution with `L` and back substitution
    /// with `L^T`, SciPy's `scipy.linalg.cho_solve`.
    ///
    /// # Errors
    /// - [`Error::NonFinite`] if an element of `b` is NaN or infinite.
    /// - [`Error::Overflow`] if the solution does not fit the type.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    /// let chol = matrix![4.0, 2.0; 2.0, 5.0].cholesky()?;
    /// assert_eq!(chol.solve(&vector![4.0, 2.0])?, vector![1.0, 0.0]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn solve<const K: usize>(&self, b: &Matrix<T, N, K>) -> Result<Matrix<T, N, K>, Error> {
        if !all_finite(&b.0) {
            return Err(Error::NonFinite);
        }
        finite_or_overflow(self.substitute(b.0))
    }

    /// The determinant of `A`: the product of `L`'s diagonal, squared (rescaled by exact
    /// powers of two as it goes, so it overflows or underflows only if the determinant
    /// does). NumPy: `np.linalg.det(a)`.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![4.0, 2.0; 2.0, 5.0].cholesky()?.det(), 16.0);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn det(&self) -> T {
        let diagonal = self.l.0.iter().enumerate().map(|(i, row)| row[i]);
        scaled_product(diagonal.flat_map(|d| [d, d]))
    }

    /// The inverse of `A`, NumPy's `np.linalg.inv(a)`: each column solves `A x = e_j`, so,
    /// as NumPy's, it is symmetric only to rounding.
    ///
    /// # Errors
    /// [`Error::Overflow`] if the inverse does not fit the type.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// let inv = matrix![4.0, 2.0; 2.0, 5.0].cholesky()?.inverse()?;
    /// assert_eq!(inv, matrix![0.3125, -0.125; -0.125, 0.25]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn inverse(&self) -> Result<Matrix<T, N, N>, Error> {
        finite_or_overflow(self.substitute(Matrix::<T, N, N>::identity().0))
    }

    /// `L y = b`, then `L^T x = y`, on the rows of `x`, each a set of `K` right-hand-side
    /// entries.
    #[allow(clippy::needless_range_loop)] // As in `cholesky`.
    fn substitute<const K: usize>(&self, mut x: [[T; K]; N]) -> Matrix<T, N, K> {
        let l = &self.l.0;
        // Forward, row by row: y_i = (b_i - sum_{k<i} l_ik y_k) / l_ii.
        for i in 0..N {
            for k in 0..i {
                let l_ik = l[i][k];
                for c in 0..K {
                    let product = l_ik * x[k][c];
                    x[i][c] -= product;
                }
            }
            let d = l[i][i];
            for c in 0..K {
                x[i][c] /= d;
            }
        }
        // Backward with L^T, column by column of L^T (= row by row of L, contiguous):
        // x_i = y_i / l_ii, then y_k -= l_ik x_i for k < i.
        for i in (0..N).rev() {
            let d = l[i][i];
            for c in 0..K {
                x[i][c] /= d;
            }
            for k in 0..i {
                let l_ik = l[i][k];
                for c in 0..K {
                    let product = l_ik * x[i][c];
                    x[k][c] -= product;
                }
            }
        }
        Matrix(x)
    }
}
