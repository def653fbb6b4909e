//! Least squares through the SVD: [`LeastSquares`], whose documentation
//! holds the notes.

use super::pseudo_inverse::{apply_pinv, invert_above};
use super::svd::{ThinSvd, thin_svd};
use crate::error::Error;
use crate::matrix::{Matrix, Vector};
use crate::numeric::{Pow2Scale, norm, normalized, rescaled_or_overflow};
use crate::scalar::Real;

/// The result of a least-squares solve, NumPy's `x, residuals, rank, s =
/// np.linalg.lstsq(a, b, rcond=None)`, for an `R x C` matrix, `K` right-hand sides and
/// `S = min(R, C)` singular values.
///
/// # Example
/// ```
/// use statrix::{matrix, Matrix};
///
/// // Fit y = c0 + c1 t through (0, 1), (1, 3), (2, 4).
/// let a = matrix![1.0f64, 0.0; 1.0, 1.0; 1.0, 2.0];
/// let y = Matrix::new([[1.0], [3.0], [4.0]]);
/// let fit = a.lstsq(&y).unwrap();
/// // NumPy: x = [[1.16666667], [1.5]], residuals = [0.16666667], rank = 2
/// assert!((fit.solution[(0, 0)] - 7.0 / 6.0).abs() <= 16.0 * f64::EPSILON);
/// assert!((fit.solution[(1, 0)] - 1.5).abs() <= 16.0 * f64::EPSILON);
/// assert_eq!(fit.rank, 2);
/// let res = fit.residuals.unwrap()[0];
/// assert!((res - 1.0 / 6.0).abs() <= 64.0 * f64::EPSILON);
/// ```
///
/// Least squares through the SVD, NumPy's `np.linalg.lstsq(a, b, rcond=None)`.
///
/// The solution is the *minimum-norm* least-squares solution `x = pinv(A) b`: among the
/// `x` minimising `|A x - b|`, the one of smallest `|x|`. That is what NumPy returns (it
/// calls LAPACK's `gelsd`), including for rank-deficient and underdetermined systems.
/// Singular values at most `max(R, C) * eps * S.max()` count as zero (NumPy's
/// `rcond=None`, with the `eps` of the element type).
///
/// As for the [SVD](crate::Svd), the count of singular values in the result is a
/// type-level `min(R, C)`: [`lstsq`](Matrix::lstsq) is for tall and square systems
/// (`R >= C`), [`lstsq_wide`](Matrix::lstsq_wide) for wide and square ones (`R <= C`, the
/// underdetermined case); the other orientation does not compile.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LeastSquares<T, const C: usize, const K: usize, const S: usize> {
    /// The minimum-norm least-squares solution `x` (`C x K`), NumPy's `x`.
    pub solution: Matrix<T, C, K>,
    /// The squared residual norm `|b_k - A x_k|^2` of each right-hand side, when the system
    /// is tall (`R > C`) and of full column rank; `None` otherwise, where NumPy returns an
    /// empty array.
    pub residuals: Option<Vector<T, K>>,
    /// The numerical rank of `A`: its singular values above the cutoff, NumPy's `rank`.
    pub rank: usize,
    /// The singular values of `A`, descending, NumPy's `s`.
    pub singular_values: Vector<T, S>,
}

/// The cutoff, rank and inverted singular values for NumPy's `rcond=None`.
fn truncate<T: Real, const S: usize>(s: &[T; S], dims: usize) -> ([T; S], usize) {
    let s_max = s.first().copied().unwrap_or(T::ZERO);
    let cutoff = T::epsilon() * T::from(dims).unwrap_or_else(T::max_value) * s_max;
    let rank = s.iter().filter(|&&x| x > cutoff).count();
    (invert_above(s, cutoff), rank)
}

/// The system with `A` and `b` each scaled by a power of two to largest magnitude in
/// `[1, 2)`, and the two exponents `(s, t)`: `A' = 2^s A`, `b' = 2^t b`. The least-squares
/// problem is the same (`x = 2^(s - t) x'`), and neither `1 / sigma` of a subnormal `A` nor
/// a product with a `b` near the largest float can overflow on the way.
/// [`Error::NonFinite`] if an element of `A` or `b` is NaN or infinite.
#[allow(clippy::type_complexity)] // Two matrices and their two exponents.
fn normalized_system<T: Real, const R: usize, const C: usize, const K: usize>(
    a: &Matrix<T, R, C>,
    b: &Matrix<T, R, K>,
) -> Result<(Matrix<T, R, C>, Matrix<T, R, K>, i32, i32), Error> {
    let (a, s) = normalized(a).ok_or(Error::NonFinite)?;
    let (b, t) = normalized(b).ok_or(Error::NonFinite)?;
    Ok((a, b, s, t))
}

impl<T: Real, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The minimum-norm least-squares solution of `A x = b` for a tall or square `A`
    /// (`R >= C`), NumPy's `np.linalg.lstsq(a, b, rcond=None)`: the solution, the squared
    /// residuals (full-rank tall systems), the rank and the singular values.
    ///
    /// `b` holds `K` right-hand sides as columns (a column vector for one).
    ///
    /// # Errors
    /// - [`Error::NonFinite`] if an element of `A` or `b` is NaN or infinite.
    /// - [`Error::NoConvergence`] as [`svd`](Matrix::svd).
    /// - [`Error::Overflow`] if an element of the solution or a singular value does not fit
    ///   the floating-point range (the system is solved scaled, so only the answer itself
    ///   can overflow: a subnormal `A` or a `b` near the largest float is fine). A squared
    ///   residual beyond the range is `inf`, as in NumPy.
    ///
    /// # Panics
    /// Never at run time. On a wide matrix (`R < C`) it does not compile: call
    /// [`lstsq_wide`](Matrix::lstsq_wide).
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// // Rank-deficient: the two columns are equal, so NumPy's minimum-norm solution splits
    /// // the weight evenly: x = [1, 1].
    /// let a = matrix![1.0, 1.0; 2.0, 2.0; 3.0, 3.0];
    /// let b = vector![2.0, 4.0, 6.0];
    /// let fit = a.lstsq(&b).unwrap();
    /// assert_eq!(fit.rank, 1);
    /// assert!(fit.residuals.is_none()); // not full rank: NumPy returns []
    /// assert!((fit.solution - vector![1.0, 1.0]).norm() <= 16.0 * f64::EPSILON);
    /// ```
    pub fn lstsq<const K: usize>(
        &self,
        b: &Matrix<T, R, K>,
    ) -> Result<LeastSquares<T, C, K, C>, Error> {
        const {
            assert!(
                R >= C,
                "lstsq: the matrix is wide (R < C); call lstsq_wide() for underdetermined systems"
            )
        };
        // On the normalized system (A' = 2^s A, b' = 2^t b, largest magnitudes in [1, 2)):
        // x = 2^(s - t) pinv(A') b', whatever the magnitudes of A and b.
        let (a, b, s, t) = normalized_system(self, b)?;
        let mut svd = ThinSvd::zeros();
        thin_svd(&a, &mut svd)?;
        let (inv, rank) = truncate(&svd.s, R.max(C));
        let y = apply_pinv(&svd.u, &inv, &svd.vt, &b);
        let residuals = if rank == C && R > C {
            // b - A x = 2^-t (b' - A' y). A squared residual beyond the range is `inf`, its
            // correct rounding (as NumPy's), not an error: the solution is still good.
            let r = b - a * y;
            let unscale = Pow2Scale::new(-t);
            Some(Matrix::from_fn(|k, _| {
                let n = unscale.apply(norm(r.0.iter().map(|row| row[k])));
                n * n
            }))
        } else {
            None
        };
        Ok(LeastSquares {
            solution: rescaled_or_overflow(y, s - t)?,
            residuals,
            rank,
            singular_values: rescaled_or_overflow(Matrix::from_array(svd.s), -s)?,
        })
    }

    /// The minimum-norm solution of an underdetermined (wide or square, `R <= C`) system
    /// `A x = b`, NumPy's `np.linalg.lstsq(a, b, rcond=None)`. Of all the solutions (or
    /// least-squares solutions, if `A` is rank-deficient) it returns the one of smallest
    /// norm. `residuals` is always `None`, as NumPy's empty array for `R <= C`.
    ///
    /// # Errors
    /// As [`lstsq`](Matrix::lstsq).
    ///
    /// # Panics
    /// Never at run time. On a tall matrix (`R > C`) it does not compile: call
    /// [`lstsq`](Matrix::lstsq).
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// // One equation x0 + x1 + x2 = 3: the minimum-norm solution is [1, 1, 1].
    /// let a = matrix![1.0, 1.0, 1.0];
    /// let fit = a.lstsq_wide(&vector![3.0]).unwrap();
    /// assert!((fit.solution - vector![1.0, 1.0, 1.0]).norm() <= 16.0 * f64::EPSILON);
    /// assert_eq!(fit.rank, 1);
    /// assert!(fit.residuals.is_none());
    /// ```
    pub fn lstsq_wide<const K: usize>(
        &self,
        b: &Matrix<T, R, K>,
    ) -> Result<LeastSquares<T, C, K, R>, Error> {
        const {
            assert!(
                R <= C,
                "lstsq_wide: the matrix is tall (R > C); call lstsq() for overdetermined systems"
            )
        };
        let (a, b, s, t) = normalized_system(self, b)?;
        // A^T = U' S V'^T, so A = V' S U'^T: U = V'^T^T (R x R) and V^T = U'^T (R x C).
        let mut svd = ThinSvd::zeros();
        thin_svd(&a.transpose(), &mut svd)?;
        let (inv, rank) = truncate(&svd.s, R.max(C));
        let y = apply_pinv(&svd.vt.transpose(), &inv, &svd.u.transpose(), &b);
        Ok(LeastSquares {
            solution: rescaled_or_overflow(y, s - t)?,
            residuals: None,
            rank,
            singular_values: rescaled_or_overflow(Matrix::from_array(svd.s), -s)?,
        })
    }
}
