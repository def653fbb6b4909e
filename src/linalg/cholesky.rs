//! The Cholesky factorization: [`Cholesky`], whose documentation holds the
//! algorithm and accuracy notes.

use super::filled_in_place;
use crate::error::Error;
use crate::matrix::Matrix;
use crate::scalar::Real;

use crate::numeric::{all_finite, finite_or_overflow, scaled_product, solve_with_normalized_rhs};

/// The largest `N` whose factorization and substitutions are written for full unrolling.
const UNROLL_MAX: usize = 8;

/// Whether sizes up to [`UNROLL_MAX`] are unrolled: not on bare-metal targets
/// (`target_os = "none"`), where flash is the scarcer resource (as for [`Lu`](crate::Lu));
/// the loops do the same operations in the same order.
const UNROLL: bool = !cfg!(target_os = "none");

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
///
/// Cholesky factorization `A = L L^T` of a symmetric positive definite matrix, and the
/// solve, determinant and inverse built on it.
///
/// # Algorithm
///
/// Row by row (Cholesky–Banachiewicz), reading only the lower triangle of `A`, as NumPy's
/// `np.linalg.cholesky` (LAPACK `potrf` with `uplo='L'`):
/// `l_ij = (a_ij - sum_{k<j} l_ik l_jk) / l_jj` for `j < i`, then the pivot
/// `s = a_ii - sum_{k<i} l_ik^2` and `l_ii = sqrt(s)`. Every inner sum runs along two rows of
/// `L`, contiguous in the row-major layout. A pivot that is not positive (or is NaN, which
/// only overflow of `L`'s entries can produce from finite input) stops the factorization
/// with [`Error::NotPositiveDefinite`] at its column, LAPACK's `info - 1`. A successful
/// factorization therefore has a finite `L` with a positive diagonal: an overflowed entry
/// of `L` would make a later pivot `-inf` or NaN.
///
/// Up to 8x8 the factorization and the substitutions are written over constant ranges and
/// unroll completely (the same operations in the same order as the loops of larger sizes,
/// so the same bits). The input is scanned for NaN and infinity only when the
/// factorization fails or ends with a non-finite diagonal (why that suffices: at
/// [`Matrix::cholesky`]'s code), and a right-hand side only when the solution is not
/// finite; the unit tests check both against the scans, on random matrices.
///
/// # Accuracy
///
/// Higham, *Accuracy and Stability of Numerical Algorithms* (2nd ed.), `u = eps / 2`,
/// `gamma_k = k u / (1 - k u)`:
///
/// - Thm. 10.3: `L L^T = A + dA` with `|dA| <= gamma_{n+1} |L| |L^T|`.
/// - Thm. 10.4: a computed solution satisfies `(A + dA) x = b` with
///   `|dA| <= gamma_{3n+1} |L| |L^T|`; [`Cholesky::inverse`] solves for each column of `I`.
/// - Thm. 10.7: the factorization runs to completion if `lambda_min(H) > n gamma_{n+1} /
///   (1 - gamma_{n+1})`, `H` being `A` scaled to a unit diagonal; a matrix that is
///   semidefinite or nearly so may fail, as in LAPACK.
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
    #[inline]
    pub fn cholesky(&self) -> Result<Cholesky<T, N>, Error> {
        // `L` is factored inside the returned `Result` (see `filled_in_place`).
        filled_in_place(Cholesky { l: Matrix::zeros() }, |chol| {
            let l = &mut chol.l.0;
            let factored = if UNROLL && N <= UNROLL_MAX {
                factor_unrolled(&self.0, l)
            } else {
                factor_loops(&self.0, l)
            };
            // The lower triangle is checked only when the factorization did not succeed
            // with a finite diagonal. A NaN or infinite `a_ij` below the diagonal makes
            // `l_ij` non-finite (when `l_jj` is finite; when it is not, the diagonal shows
            // it) and then the pivot of row `i` `-inf` or NaN, a failure; `a_ii = -inf` or
            // NaN fails at its own pivot, and `a_ii = +inf` gives `l_ii = inf` (or a NaN
            // pivot). From a finite lower triangle, a pivot that passes is finite (at most
            // `a_ii`). So a success with a finite diagonal proves the input finite, and the
            // errors are those of a scan first.
            let diagonal_finite = (0..N).fold(true, |ok, i| ok & l[i][i].is_finite());
            match factored {
                Ok(()) if diagonal_finite => Ok(()),
                _ if !lower_finite(&self.0) => Err(Error::NonFinite),
                // A finite input whose factorization succeeded: its diagonal is finite (see
                // above), so this arm is not reached; it returns what it would have.
                Ok(()) => Ok(()),
                Err(index) => Err(Error::NotPositiveDefinite { index }),
            }
        })
    }
}

/// Whether the lower triangle (with the diagonal) is finite.
#[cold]
fn lower_finite<T: Real, const N: usize>(a: &[[T; N]; N]) -> bool {
    a.iter().enumerate().all(|(i, row)| all_finite(&row[..=i]))
}

/// The factorization of the lower triangle of `a` into `l` (whose upper triangle is left
/// untouched), as in the module documentation; `Err` with the column of the first pivot
/// that is not positive (or NaN).
// Index loops over constant ranges, as in `Lu`'s factorization: LLVM unrolls them for
// small N; every index is below N by the loop bounds.
#[allow(clippy::needless_range_loop)]
fn factor_loops<T: Real, const N: usize>(
    a: &[[T; N]; N],
    l: &mut [[T; N]; N],
) -> Result<(), usize> {
    for i in 0..N {
        factor_row_loops(a, l, i)?;
    }
    Ok(())
}

/// Row `i` of [`factor_loops`].
#[allow(clippy::needless_range_loop)] // As in `factor_loops`.
#[inline(always)]
fn factor_row_loops<T: Real, const N: usize>(
    a: &[[T; N]; N],
    l: &mut [[T; N]; N],
    i: usize,
) -> Result<(), usize> {
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
        return Err(i);
    }
    l[i][i] = s.square_root();
    Ok(())
}

/// [`factor_loops`] for small `N` (`N <= UNROLL_MAX`): the same operations in the same
/// order, one inlined [`factor_row_unrolled`] per row, whose loops run over the constant
/// range `0..N` and skip the indices outside the triangle, so that every index becomes a
/// constant and `L` lives in registers (as `Lu`'s `eliminate_unrolled`).
#[inline(always)]
fn factor_unrolled<T: Real, const N: usize>(
    a: &[[T; N]; N],
    l: &mut [[T; N]; N],
) -> Result<(), usize> {
    const { assert!(UNROLL_MAX <= 8) };
    macro_rules! rows {
        ($($i:literal)*) => {$(
            if N > $i {
                factor_row_unrolled(a, l, $i)?;
            }
        )*};
    }
    rows!(0 1 2 3 4 5 6 7);
    Ok(())
}

/// Row `i` of [`factor_unrolled`]: [`factor_row_loops`] over constant ranges.
#[allow(clippy::needless_range_loop)] // As in `factor_loops`.
#[inline(always)]
fn factor_row_unrolled<T: Real, const N: usize>(
    a: &[[T; N]; N],
    l: &mut [[T; N]; N],
    i: usize,
) -> Result<(), usize> {
    for j in 0..N {
        if j < i {
            let mut s = a[i][j];
            for k in 0..N {
                if k < j {
                    s -= l[i][k] * l[j][k];
                }
            }
            l[i][j] = s / l[j][j];
        }
    }
    let mut s = a[i][i];
    for k in 0..N {
        if k < i {
            s -= l[i][k] * l[i][k];
        }
    }
    if s.is_nan() || s <= T::ZERO {
        return Err(i);
    }
    l[i][i] = s.square_root();
    Ok(())
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
    #[must_use]
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
    #[inline]
    pub fn solve<const K: usize>(&self, b: &Matrix<T, N, K>) -> Result<Matrix<T, N, K>, Error> {
        let x = self.substitute(b.0);
        if all_finite(x.as_slice()) {
            Ok(x)
        } else {
            // The substitution overflowed on the way (or `b` is not finite): scale `b`.
            solve_with_normalized_rhs(b, 0, |b| self.substitute(b.0))
        }
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
    #[must_use]
    pub fn det(&self) -> T {
        // `get`: `i < N` always; the checked form leaves no panic path.
        let diagonal = self
            .l
            .0
            .iter()
            .enumerate()
            .map(|(i, row)| row.get(i).copied().unwrap_or(T::ZERO));
        scaled_product(diagonal.flat_map(|d| [d, d]), 2 * N)
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
    #[inline(always)]
    fn substitute<const K: usize>(&self, x: [[T; K]; N]) -> Matrix<T, N, K> {
        if UNROLL && N <= UNROLL_MAX {
            self.substitute_unrolled(x)
        } else {
            self.substitute_loops(x)
        }
    }

    /// [`substitute`](Cholesky::substitute) for larger `N`.
    #[allow(clippy::needless_range_loop)] // As in `factor_loops`.
    fn substitute_loops<const K: usize>(&self, mut x: [[T; K]; N]) -> Matrix<T, N, K> {
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

    /// [`substitute_loops`](Cholesky::substitute_loops) for small `N`: the same operations
    /// in the same order, over constant ranges (as [`factor_unrolled`]).
    #[allow(clippy::needless_range_loop)] // As in `factor_loops`.
    #[inline(always)]
    fn substitute_unrolled<const K: usize>(&self, mut x: [[T; K]; N]) -> Matrix<T, N, K> {
        let l = &self.l.0;
        for i in 0..N {
            for k in 0..N {
                if k < i {
                    let l_ik = l[i][k];
                    for c in 0..K {
                        let product = l_ik * x[k][c];
                        x[i][c] -= product;
                    }
                }
            }
            let d = l[i][i];
            for c in 0..K {
                x[i][c] /= d;
            }
        }
        for r in 0..N {
            let i = N - 1 - r;
            let d = l[i][i];
            for c in 0..K {
                x[i][c] /= d;
            }
            for k in 0..N {
                if k < i {
                    let l_ik = l[i][k];
                    for c in 0..K {
                        let product = l_ik * x[i][c];
                        x[k][c] -= product;
                    }
                }
            }
        }
        Matrix(x)
    }
}

#[cfg(test)]
mod tests {
    //! The unrolled forms against the loops, and the errors against the order of checks
    //! they replaced (a scan of the lower triangle first, of `b` before solving), bit for
    //! bit, on random symmetric matrices: SPD, indefinite, with huge, tiny and non-finite
    //! entries.
    use super::*;
    use crate::linalg::test_support::{Rng, same_matrix};

    /// `G G^T + shift I` with a random shift (SPD or not), sometimes with a special value
    /// planted in the lower or the upper triangle.
    fn random_matrix<T: Real, const N: usize>(rng: &mut Rng) -> Matrix<T, N, N> {
        let g: [[f64; N]; N] = core::array::from_fn(|_| core::array::from_fn(|_| rng.uniform()));
        let shift = [1.0, 0.1, 0.0, -0.1, 1e-9][(rng.next() % 5) as usize];
        let scale = [1.0, 1.0, 1e-20, 1e20, 1e-150, 1e150][(rng.next() % 6) as usize];
        let mut a = Matrix::<T, N, N>::from_fn(|i, j| {
            let dot: f64 = (0..N).map(|k| g[i][k] * g[j][k]).sum();
            let v = (dot + if i == j { shift } else { 0.0 }) * scale;
            T::from(v).unwrap_or(T::ZERO)
        });
        if rng.next().is_multiple_of(4) {
            let (i, j) = (
                (rng.next() % N as u64) as usize,
                (rng.next() % N as u64) as usize,
            );
            a.0[i][j] = T::from(rng.special()).unwrap_or(T::ZERO);
        }
        a
    }

    fn reference_cholesky<T: Real, const N: usize>(
        a: &Matrix<T, N, N>,
    ) -> Result<Cholesky<T, N>, Error> {
        if !lower_finite(&a.0) {
            return Err(Error::NonFinite);
        }
        let mut l = [[T::ZERO; N]; N];
        factor_loops(&a.0, &mut l).map_err(|index| Error::NotPositiveDefinite { index })?;
        Ok(Cholesky { l: Matrix(l) })
    }

    fn check_size<T: Real, const N: usize>(rng: &mut Rng, cases: usize) {
        for _ in 0..cases {
            let a = random_matrix::<T, N>(rng);
            let (mut l1, mut l2) = ([[T::ZERO; N]; N], [[T::ZERO; N]; N]);
            let r1 = factor_loops(&a.0, &mut l1);
            let r2 = factor_unrolled(&a.0, &mut l2);
            assert_eq!(r1, r2, "{a:?}");
            assert!(same_matrix(&Matrix(l1), &Matrix(l2)), "{a:?}");

            let new = a.cholesky();
            let reference = reference_cholesky(&a);
            match (&new, &reference) {
                (Ok(x), Ok(y)) => assert!(same_matrix(&x.l, &y.l), "{a:?}"),
                _ => assert_eq!(new.err(), reference.err(), "{a:?}"),
            }
            let Ok(chol) = reference else { continue };
            let special = rng.next().is_multiple_of(5);
            let b = Matrix::<T, N, 2>::from_fn(|_, _| {
                let v = if special {
                    rng.special()
                } else {
                    rng.uniform()
                };
                T::from(v).unwrap_or(T::ZERO)
            });
            assert!(same_matrix(
                &chol.substitute_unrolled(b.0),
                &chol.substitute_loops(b.0)
            ));
            let reference_solve = if b.iter().all(|x| x.is_finite()) {
                finite_or_overflow(chol.substitute_loops(b.0))
            } else {
                Err(Error::NonFinite)
            };
            match (chol.solve(&b), reference_solve) {
                (Ok(x), Ok(y)) => assert!(same_matrix(&x, &y)),
                (x, y) => assert_eq!(x.err(), y.err(), "{a:?} {b:?}"),
            }
        }
    }

    #[test]
    fn fast_paths_are_the_plain_forms() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        macro_rules! sizes {
            ($($n:literal)*) => {$(
                check_size::<f64, $n>(&mut rng, 3000);
                check_size::<f32, $n>(&mut rng, 3000);
            )*};
        }
        sizes!(1 2 3 4 5 6 7 8);
    }
}
