//! The singular value decomposition by one-sided Jacobi: [`Svd`], whose
//! documentation holds the algorithm and accuracy notes.

use super::bidiagonal::{bidiagonal_svd, bidiagonal_svd_with_vectors};
use super::filled_in_place;
use super::jacobi::index_of_largest;
use super::jacobi_svd::{JacobiSvdVectors, JacobiSvdWork, jacobi_thin_svd};
use crate::error::Error;
use crate::matrix::{Matrix, Vector};
use crate::scalar::Real;

/// How [`Matrix::svd_by`] (and its wide and values-only twins) computes a singular value
/// decomposition.
///
/// | method | speed | accuracy |
/// |---|---|---|
/// | [`Jacobi`](Self::Jacobi) (the default) | the faster one below 16x16 | backward stable, and *relatively* accurate on graded matrices |
/// | [`BidiagonalQr`](Self::BidiagonalQr) | level with Jacobi at 16x16, slower below | backward stable: every singular value within `O(n eps) sigma_max` |
///
/// Measured with `U`, `S` and `V^T` in one run of `cargo bench -p statrix-benches --bench
/// linalg -- svd_f64` (the `statrix_bidiagonal` lines): `BidiagonalQr` takes 1.15x Jacobi's
/// time at 3x3, 1.43x at 8x8 and 0.97x at 16x16. Its work grows as a fixed multiple of
/// `n^3`, Jacobi's with the number of sweeps, which grows with `n`.
///
/// NumPy's `svd` (LAPACK `dgesdd`) goes through a bidiagonal matrix too, so `BidiagonalQr`
/// carries NumPy's guarantee; `Jacobi` carries a stronger one.
///
/// # Example
/// ```
/// use statrix::{matrix, SvdMethod};
///
/// let a = matrix![3.0f64, 0.0;
///                 4.0, 5.0];
/// // NumPy: np.linalg.svd(a)[1] -> [6.70820393, 2.23606798]
/// for method in [SvdMethod::Jacobi, SvdMethod::BidiagonalQr] {
///     let s = a.singular_values_by(method).unwrap();
///     assert!((s[0] - 45.0f64.sqrt()).abs() <= 16.0 * f64::EPSILON * s[0]);
///     assert!((s[1] - 5.0f64.sqrt()).abs() <= 16.0 * f64::EPSILON * s[0]);
/// }
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SvdMethod {
    /// One-sided Jacobi with QR preconditioning (the method of LAPACK's `xGEJSV`): every
    /// singular value, the tiny ones of a graded matrix included, to a small relative
    /// error (see [`Svd`]). What [`Matrix::svd`] uses.
    #[default]
    Jacobi,
    /// Householder bidiagonalisation (LAPACK `dgebd2`), then the implicit-shift QR iteration
    /// of Golub and Kahan on the bidiagonal matrix (its speed against Jacobi's: the table
    /// above). Backward stable, so each singular value is within a small multiple
    /// of `n eps sigma_max` of the exact one, as NumPy's; but a singular value much smaller
    /// than `sigma_max` (of a graded matrix) may keep only that absolute accuracy, where
    /// Jacobi keeps a relative one. The conventions (descending order, signs, orthonormal
    /// `U` and `V^T` also for zero singular values) are [`Svd`]'s.
    BidiagonalQr,
}

/// A thin singular value decomposition `A = U diag(S) V^T` of an `R x C` matrix with
/// `K = min(R, C)` singular values, as NumPy's `U, S, Vh = np.linalg.svd(a,
/// full_matrices=False)`.
///
/// Built by [`Matrix::svd`] (`R >= C`, `K = C`) and [`Matrix::svd_wide`] (`R <= C`,
/// `K = R`); see the [type docs](crate::Svd) for the algorithm and conventions.
///
/// # Example
/// ```
/// use statrix::matrix;
///
/// let a = matrix![3.0, 0.0;
///                 4.0, 5.0];
/// let svd = a.svd().unwrap();
/// // NumPy: np.linalg.svd(a)[1] == [6.70820393, 2.23606798]
/// let expected = [45.0f64.sqrt(), 5.0f64.sqrt()];
/// for (s, e) in svd.singular_values.iter().zip(expected) {
///     assert!((s - e).abs() <= 8.0 * f64::EPSILON * e);
/// }
/// let back = svd.recompose();
/// assert!((back - a).norm() <= 16.0 * f64::EPSILON * a.norm());
/// ```
///
/// The singular value decomposition `A = U diag(S) V^T` by one-sided Jacobi (Hestenes),
/// NumPy's `np.linalg.svd(a, full_matrices=False)`.
///
/// # Shapes
///
/// The thin SVD of an `R x C` matrix has `K = min(R, C)` singular values, and stable Rust
/// cannot write `min(R, C)` in a type. So there are two methods, each with its shapes in its
/// signature, and a `const` assertion that the matrix has the orientation it is for:
///
/// | method | for | `U` | `S` | `V^T` |
/// | --- | --- | --- | --- | --- |
/// | [`svd`](Matrix::svd) | tall and square, `R >= C` | `R x C` | `C` | `C x C` |
/// | [`svd_wide`](Matrix::svd_wide) | wide and square, `R <= C` | `R x R` | `R` | `R x C` |
///
/// `let svd = a.svd()?;` needs no annotations. Calling `svd()` on a wide matrix (or
/// `svd_wide()` on a tall one) fails to build, with a message naming the method to call
/// instead; as with every `const` assertion in this crate, the error shows on
/// `cargo build`/`cargo test`, not on `cargo check`. Both methods return the one
/// [`Svd<T, R, K, C>`](Svd) type, with `K = C` and `K = R` respectively. The same split
/// applies to [`singular_values`](Matrix::singular_values) /
/// [`singular_values_wide`](Matrix::singular_values_wide) and to
/// [`lstsq`](Matrix::lstsq) / [`lstsq_wide`](Matrix::lstsq_wide). What needs the
/// singular values but not their count in a type ([`rank`](Matrix::rank),
/// [`cond`](Matrix::cond), the norms, [`pseudo_inverse`](Matrix::pseudo_inverse)) works on
/// any shape.
///
/// # Algorithm
///
/// A tall `A` (a wide one goes through `A^T`) is
/// 1. scaled by a power of two so that its largest magnitude is in `[1, 2)` (exact; entries
///    near `1e+300` or `1e-300` neither overflow nor underflow);
/// 2. preconditioned by Householder QR with column pivoting, after sorting its rows by
///    decreasing max-norm, `P_r A P_c = Q R` (Drmač and Veselić, *New fast and accurate
///    Jacobi SVD algorithm I*, SIAM J. Matrix Anal. Appl. 29(4), 2008, the method of
///    LAPACK's `xGEJSV`). Row sorting makes the QR row-wise backward stable (Cox and
///    Higham 1998), column pivoting makes `R` graded in both directions, and the Jacobi
///    iteration on `R^T` then converges in few sweeps;
/// 3. orthogonalised by one-sided Jacobi on the columns of `R^T` (the rows of `R`): cyclic
///    sweeps over all pairs `(p, q)` in column order, rotating a pair whose cosine
///    `|w_p . w_q| / (|w_p| |w_q|)` exceeds `C * eps` (`C` the column count, which also
///    bounds the rounding error of the computed cosine), with Rutishauser's stable rotation
///    formulas. It stops after the first sweep with no rotation, or reports
///    [`Error::NoConvergence`] after 60 sweeps (5 to 10 are usual). Then
///    `sigma_i = |w_i|`, `V` is the permuted normalised rows, and `U = P_r^T Q J` with `J`
///    the accumulated rotations.
///
///    The squared row norms are cached and updated with each rotation
///    (`|w_p|^2 - t w_p . w_q`, `|w_q|^2 + t w_p . w_q`), so a pair costs one dot product,
///    not three; an update that cancels is replaced by the exact sum, and every updated norm
///    is summed afresh at the start of the next sweep (the practice of Drmač and Veselić's
///    `xGSVJ0`). The updates only steer the angles: the final sweep rotates nothing, so all
///    its tests, and the singular values, use freshly summed norms. A sweep is taken in
///    waves of disjoint pairs `(p, q)` with equal `p + q`, which is the column-order sweep
///    with only commuting rotations exchanged (the same floating-point result), so that
///    the tests and angles of a wave are independent computations.
///
/// One-sided Jacobi is backward stable *column-wise*, which is what gives high relative
/// accuracy (Demmel and Veselić, *Jacobi's method is more accurate than QR*, SIAM J. Matrix
/// Anal. Appl. 13(4), 1992): for `A = B D` or `A = D B` with `D` diagonal (a graded
/// matrix), every singular value, the tiny ones included, is computed with a relative error
/// of order `n * eps * cond(B)`, however wide the range of `D` (bidiagonalisation-based
/// SVDs such as LAPACK's `gesdd` behind NumPy guarantee only `n * eps * sigma_max`).
///
/// # Conventions
///
/// - Singular values are non-negative and in descending order, as NumPy's.
/// - Signs: each row of `V^T` (right singular vector) has its largest-magnitude component
///   positive, the first one on ties, and the matching column of `U` is flipped with it.
///   NumPy's signs are whatever LAPACK leaves, so compare vectors up to sign.
/// - Zero singular values: the columns of `U` and the rows of `V^T` that belong to them
///   still complete orthonormal sets (`U^T U = I`, `V^T V = I`): the `V^T` rows by
///   Gram-Schmidt against the other rows, starting from the unit vector with the largest
///   residual; the `U` columns from the QR preconditioner's `Q`. For the zero matrix,
///   `U` is the first columns of the identity and `V^T = I`. A column of `R^T` whose norm
///   falls below `MIN_POSITIVE / EPSILON` (about `1e-292` in f64, `1e-31` in f32) times the
///   largest element is treated as zero, a backward perturbation far below `eps * |A|`:
///   below that, the rotations' sines would be subnormal.
/// - NaN or infinite input is [`Error::NonFinite`]; a singular value that overflows on
///   scaling back (only possible for elements within a factor `sqrt(R * C)` of the largest
///   finite float) is [`Error::Overflow`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Svd<T, const R: usize, const K: usize, const C: usize> {
    /// The left singular vectors, as orthonormal columns (`R x K`): NumPy's `U`.
    pub u: Matrix<T, R, K>,
    /// The singular values, non-negative and descending: NumPy's `S`.
    pub singular_values: Vector<T, K>,
    /// The right singular vectors, as orthonormal rows (`K x C`): NumPy's `Vh`.
    pub v_t: Matrix<T, K, C>,
}

impl<T: Real, const R: usize, const K: usize, const C: usize> Svd<T, R, K, C> {
    /// `U diag(S) V^T`, the matrix the decomposition came from (up to rounding), NumPy's
    /// `(U * S) @ Vh`.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// let a = matrix![1.0, 2.0, 3.0;
    ///                 4.0, 5.0, 6.0];
    /// let back = a.svd_wide().unwrap().recompose();
    /// assert!((back - a).norm() <= 32.0 * f64::EPSILON * a.norm());
    /// ```
    #[must_use]
    pub fn recompose(&self) -> Matrix<T, R, C> {
        let us = Matrix::from_fn(|i, k| self.u.0[i][k] * self.singular_values.0[k][0]);
        us * self.v_t
    }

    /// Makes the largest-magnitude component of every row of `V^T` positive (the first one
    /// on ties), flipping the matching column of `U`.
    fn normalize_signs(&mut self) {
        for k in 0..K {
            let j = index_of_largest(self.v_t.0[k].iter().copied());
            if self.v_t.0[k].get(j).is_some_and(|&x| x < T::ZERO) {
                for x in self.v_t.0[k].iter_mut() {
                    *x = -*x;
                }
                for row in self.u.0.iter_mut() {
                    row[k] = -row[k];
                }
            }
        }
    }
}

impl<T: Real, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The thin singular value decomposition of a tall or square matrix (`R >= C`): `U` is
    /// `R x C`, `S` has `C` values in descending order, `V^T` is `C x C`. NumPy's
    /// `np.linalg.svd(a, full_matrices=False)`.
    ///
    /// One-sided Jacobi with QR preconditioning: backward stable, orthonormal `U` and `V`
    /// to a few ulps, and high relative accuracy for the small singular values of graded
    /// matrices; see the [type docs](crate::Svd). Signs: the largest-magnitude
    /// component of each row of `V^T` is positive.
    ///
    /// # Errors
    /// [`Error::NonFinite`] if an element is NaN or infinite; [`Error::NoConvergence`] if
    /// the Jacobi sweeps do not converge within their budget of 60 (not seen in practice);
    /// [`Error::Overflow`] if a singular value overflows.
    ///
    /// # Panics
    /// Never at run time. On a wide matrix (`R < C`) it does not compile: call
    /// [`svd_wide`](Matrix::svd_wide).
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, Matrix};
    ///
    /// // Rank one: the all-ones 3 x 2 matrix has singular values sqrt(6) and 0.
    /// let a = Matrix::<f64, 3, 2>::ones();
    /// let svd = a.svd().unwrap();
    /// assert!((svd.singular_values[0] - 6.0f64.sqrt()).abs() <= 4.0 * f64::EPSILON);
    /// assert!(svd.singular_values[1].abs() <= 4.0 * f64::EPSILON);
    /// // U is 3 x 2 with orthonormal columns, V^T is 2 x 2 orthogonal.
    /// let utu = svd.u.transpose() * svd.u;
    /// assert!((utu - Matrix::identity()).norm() <= 8.0 * f64::EPSILON);
    /// assert!((svd.recompose() - a).norm() <= 16.0 * f64::EPSILON * a.norm());
    /// ```
    pub fn svd(&self) -> Result<Svd<T, R, C, C>, Error> {
        const {
            assert!(
                R >= C,
                "svd: the matrix is wide (R < C); call svd_wide(), which gives U: R x R, S: R, V^T: R x C"
            )
        };
        self.tall_svd(SvdMethod::Jacobi)
    }

    /// [`svd`](Matrix::svd) by the chosen method: the same shapes and conventions, the
    /// speed and accuracy of [`SvdMethod`].
    ///
    /// # Errors
    /// As [`svd`](Matrix::svd); for [`BidiagonalQr`](SvdMethod::BidiagonalQr),
    /// [`Error::NoConvergence`] after 30 QR steps per singular value (not seen in practice).
    ///
    /// # Panics
    /// Never at run time. On a wide matrix (`R < C`) it does not compile: call
    /// [`svd_wide_by`](Matrix::svd_wide_by).
    ///
    /// # Example
    /// ```
    /// use statrix::{Matrix, SvdMethod};
    ///
    /// // NumPy: U, S, Vh = np.linalg.svd(a, full_matrices=False)
    /// let a = Matrix::<f64, 4, 3>::from_fn(|i, j| (i * 3 + j) as f64 - 5.0);
    /// let svd = a.svd_by(SvdMethod::BidiagonalQr).unwrap();
    /// assert!((svd.recompose() - a).norm() <= 64.0 * f64::EPSILON * a.norm());
    /// assert!((svd.u.transpose() * svd.u - Matrix::identity()).norm() <= 32.0 * f64::EPSILON);
    /// ```
    pub fn svd_by(&self, method: SvdMethod) -> Result<Svd<T, R, C, C>, Error> {
        const {
            assert!(
                R >= C,
                "svd_by: the matrix is wide (R < C); call svd_wide_by(), which gives U: R x R, S: R, V^T: R x C"
            )
        };
        self.tall_svd(method)
    }

    /// The thin singular value decomposition of a wide or square matrix (`R <= C`): `U` is
    /// `R x R`, `S` has `R` values in descending order, `V^T` is `R x C`. NumPy's
    /// `np.linalg.svd(a, full_matrices=False)`.
    ///
    /// Computed from the SVD of `A^T` (`A^T = U' S V'^T` gives `A = V' S U'^T`), with the
    /// same accuracy and conventions as [`svd`](Matrix::svd).
    ///
    /// # Errors
    /// As [`svd`](Matrix::svd).
    ///
    /// # Panics
    /// Never at run time. On a tall matrix (`R > C`) it does not compile: call
    /// [`svd`](Matrix::svd).
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, Matrix};
    ///
    /// let a = matrix![3.0f64, 2.0, 2.0;
    ///                 2.0, 3.0, -2.0];
    /// let svd = a.svd_wide().unwrap(); // U: 2 x 2, S: 2, V^T: 2 x 3
    /// // NumPy: np.linalg.svd(a)[1] == [5., 3.]
    /// assert!((svd.singular_values[0] - 5.0).abs() <= 8.0 * f64::EPSILON * 5.0);
    /// assert!((svd.singular_values[1] - 3.0).abs() <= 8.0 * f64::EPSILON * 5.0);
    /// let vvt = svd.v_t * svd.v_t.transpose();
    /// assert!((vvt - Matrix::identity()).norm() <= 8.0 * f64::EPSILON);
    /// ```
    pub fn svd_wide(&self) -> Result<Svd<T, R, R, C>, Error> {
        const {
            assert!(
                R <= C,
                "svd_wide: the matrix is tall (R > C); call svd(), which gives U: R x C, S: C, V^T: C x C"
            )
        };
        self.wide_svd(SvdMethod::Jacobi)
    }

    /// [`svd_wide`](Matrix::svd_wide) by the chosen method (see [`SvdMethod`]).
    ///
    /// # Errors
    /// As [`svd_by`](Matrix::svd_by).
    ///
    /// # Panics
    /// Never at run time. On a tall matrix (`R > C`) it does not compile: call
    /// [`svd_by`](Matrix::svd_by).
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, SvdMethod};
    ///
    /// let a = matrix![3.0f64, 2.0, 2.0;
    ///                 2.0, 3.0, -2.0];
    /// // NumPy: np.linalg.svd(a)[1] == [5., 3.]
    /// let svd = a.svd_wide_by(SvdMethod::BidiagonalQr).unwrap();
    /// assert!((svd.singular_values[0] - 5.0).abs() <= 16.0 * f64::EPSILON * 5.0);
    /// assert!((svd.singular_values[1] - 3.0).abs() <= 16.0 * f64::EPSILON * 5.0);
    /// ```
    pub fn svd_wide_by(&self, method: SvdMethod) -> Result<Svd<T, R, R, C>, Error> {
        const {
            assert!(
                R <= C,
                "svd_wide_by: the matrix is tall (R > C); call svd_by(), which gives U: R x C, S: C, V^T: C x C"
            )
        };
        self.wide_svd(method)
    }

    /// The `C` singular values of a tall or square matrix (`R >= C`), descending, NumPy's
    /// `np.linalg.svd(a, compute_uv=False)` (or `np.linalg.svdvals`). The same values as
    /// [`svd`](Matrix::svd), without accumulating the vectors.
    ///
    /// # Errors
    /// As [`svd`](Matrix::svd).
    ///
    /// # Panics
    /// Never at run time. On a wide matrix (`R < C`) it does not compile: call
    /// [`singular_values_wide`](Matrix::singular_values_wide).
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// let s = matrix![2.0, 0.0; 0.0, -3.0; 0.0, 0.0].singular_values().unwrap();
    /// assert_eq!(s.to_array(), [3.0, 2.0]);
    /// ```
    pub fn singular_values(&self) -> Result<Vector<T, C>, Error> {
        const {
            assert!(
                R >= C,
                "singular_values: the matrix is wide (R < C); call singular_values_wide(), which gives R values"
            )
        };
        Ok(Matrix::from_array(singular_values_by_method(
            self,
            SvdMethod::Jacobi,
        )?))
    }

    /// [`singular_values`](Matrix::singular_values) by the chosen method (see
    /// [`SvdMethod`]).
    ///
    /// # Errors
    /// As [`svd_by`](Matrix::svd_by).
    ///
    /// # Panics
    /// Never at run time. On a wide matrix (`R < C`) it does not compile: call
    /// [`singular_values_wide_by`](Matrix::singular_values_wide_by).
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, SvdMethod};
    /// let s = matrix![2.0, 0.0; 0.0, -3.0; 0.0, 0.0];
    /// let s = s.singular_values_by(SvdMethod::BidiagonalQr).unwrap();
    /// assert_eq!(s.to_array(), [3.0, 2.0]);
    /// ```
    pub fn singular_values_by(&self, method: SvdMethod) -> Result<Vector<T, C>, Error> {
        const {
            assert!(
                R >= C,
                "singular_values_by: the matrix is wide (R < C); call singular_values_wide_by(), which gives R values"
            )
        };
        Ok(Matrix::from_array(singular_values_by_method(self, method)?))
    }

    /// The `R` singular values of a wide or square matrix (`R <= C`), descending, NumPy's
    /// `np.linalg.svd(a, compute_uv=False)`.
    ///
    /// # Errors
    /// As [`svd`](Matrix::svd).
    ///
    /// # Panics
    /// Never at run time. On a tall matrix (`R > C`) it does not compile: call
    /// [`singular_values`](Matrix::singular_values).
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// // The all-ones 2 x 8 matrix: sqrt(16) and 0.
    /// let s = Matrix::<f32, 2, 8>::ones().singular_values_wide().unwrap();
    /// assert!((s[0] - 4.0).abs() <= 4.0 * f32::EPSILON * 4.0);
    /// assert!(s[1].abs() <= 4.0 * f32::EPSILON * 4.0);
    /// ```
    pub fn singular_values_wide(&self) -> Result<Vector<T, R>, Error> {
        const {
            assert!(
                R <= C,
                "singular_values_wide: the matrix is tall (R > C); call singular_values(), which gives C values"
            )
        };
        Ok(Matrix::from_array(singular_values_by_method(
            &self.transpose(),
            SvdMethod::Jacobi,
        )?))
    }

    /// [`singular_values_wide`](Matrix::singular_values_wide) by the chosen method (see
    /// [`SvdMethod`]).
    ///
    /// # Errors
    /// As [`svd_by`](Matrix::svd_by).
    ///
    /// # Panics
    /// Never at run time. On a tall matrix (`R > C`) it does not compile: call
    /// [`singular_values_by`](Matrix::singular_values_by).
    ///
    /// # Example
    /// ```
    /// use statrix::{Matrix, SvdMethod};
    /// // The all-ones 2 x 8 matrix: sqrt(16) and 0.
    /// let a = Matrix::<f32, 2, 8>::ones();
    /// let s = a.singular_values_wide_by(SvdMethod::BidiagonalQr).unwrap();
    /// assert!((s[0] - 4.0).abs() <= 8.0 * f32::EPSILON * 4.0);
    /// assert!(s[1].abs() <= 8.0 * f32::EPSILON * 4.0);
    /// ```
    pub fn singular_values_wide_by(&self, method: SvdMethod) -> Result<Vector<T, R>, Error> {
        const {
            assert!(
                R <= C,
                "singular_values_wide_by: the matrix is tall (R > C); call singular_values_by(), which gives C values"
            )
        };
        Ok(Matrix::from_array(singular_values_by_method(
            &self.transpose(),
            method,
        )?))
    }

    /// The SVD of a tall or square matrix by `method`, signs normalised; called only after
    /// a `const` assertion that `R >= C`. `U`, `S` and `V^T` are written straight into the
    /// returned [`Svd`].
    fn tall_svd(&self, method: SvdMethod) -> Result<Svd<T, R, C, C>, Error> {
        filled_in_place(Svd::zeros(), |svd| {
            thin_svd_by(
                self,
                method,
                svd.singular_values.as_mut_slice(),
                (&mut svd.u.0, &mut svd.v_t.0),
            )?;
            svd.normalize_signs();
            Ok(())
        })
    }

    /// The SVD of a wide or square matrix by `method`, through `A^T`, signs normalised;
    /// called only after a `const` assertion that `R <= C`.
    fn wide_svd(&self, method: SvdMethod) -> Result<Svd<T, R, R, C>, Error> {
        filled_in_place(Svd::zeros(), |svd| {
            // A^T = U' S V'^T, so A = V' S U'^T: U = V'^T^T and V^T = U'^T.
            let mut u_of_transpose = Matrix::<T, C, R>::zeros();
            let mut vt_of_transpose = Matrix::<T, R, R>::zeros();
            thin_svd_by(
                &self.transpose(),
                method,
                svd.singular_values.as_mut_slice(),
                (&mut u_of_transpose.0, &mut vt_of_transpose.0),
            )?;
            svd.u = vt_of_transpose.transpose();
            svd.v_t = u_of_transpose.transpose();
            svd.normalize_signs();
            Ok(())
        })
    }
}

impl<T: Real, const R: usize, const K: usize, const C: usize> Svd<T, R, K, C> {
    /// All zeros: the starting point of a decomposition written in place.
    fn zeros() -> Self {
        Svd {
            u: Matrix::zeros(),
            singular_values: Matrix::zeros(),
            v_t: Matrix::zeros(),
        }
    }
}

/// The singular values of a tall or square matrix by `method`, descending, with no room
/// taken for the vectors.
fn singular_values_by_method<T: Real, const M: usize, const N: usize>(
    a: &Matrix<T, M, N>,
    method: SvdMethod,
) -> Result<[T; N], Error> {
    let mut s = [T::ZERO; N];
    match method {
        SvdMethod::Jacobi => jacobi_svd(a, &mut s, None)?,
        // The order it returns is that of the vectors' rows, of which there are none here.
        SvdMethod::BidiagonalQr => {
            bidiagonal_svd(a, &mut s, None)?;
        }
    }
    Ok(s)
}

/// The thin SVD of a tall or square `M x N` matrix by `method`: the singular values
/// (descending) into `s` (`N` entries), `U` and `V^T` into `u` and `vt`.
fn thin_svd_by<T: Real, const M: usize, const N: usize>(
    a: &Matrix<T, M, N>,
    method: SvdMethod,
    s: &mut [T],
    (u, vt): (&mut [[T; N]; M], &mut [[T; N]; N]),
) -> Result<(), Error> {
    match method {
        SvdMethod::Jacobi => jacobi_svd_with_vectors(a, s, (u, vt)),
        SvdMethod::BidiagonalQr => bidiagonal_svd_with_vectors(a, s, (u, vt)),
    }
}

/// The singular values of a matrix of either orientation, for the methods that work on any
/// shape: the first `min(R, C)` entries of the array (descending), and that count.
pub(crate) fn singular_values_any<T: Real, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
) -> Result<([T; C], usize), Error> {
    let mut s = [T::ZERO; C];
    if R >= C {
        jacobi_svd(a, &mut s, None)?;
        Ok((s, C))
    } else {
        jacobi_svd(&a.transpose(), s.get_mut(..R).unwrap_or(&mut []), None)?;
        Ok((s, R))
    }
}

/// The thin SVD of an `M x N` matrix with `M >= N`: `U` (`M x N`), the singular values
/// (descending), `V^T` (`N x N`).
pub(crate) struct ThinSvd<T, const M: usize, const N: usize> {
    pub(crate) u: Matrix<T, M, N>,
    pub(crate) s: [T; N],
    pub(crate) vt: Matrix<T, N, N>,
}

impl<T: Real, const M: usize, const N: usize> ThinSvd<T, M, N> {
    /// All zeros, to be filled by [`thin_svd`].
    pub(crate) fn zeros() -> Self {
        ThinSvd {
            u: Matrix::zeros(),
            s: [T::ZERO; N],
            vt: Matrix::zeros(),
        }
    }
}

/// The thin SVD of a tall or square `M x N` matrix (`M >= N`) by one-sided Jacobi, as
/// described on [`Svd`], into `svd` (whose contents on entry do not matter): the caller's
/// is the one copy of the decomposition on the stack. Called only with `M >= N`; for
/// `M < N` it returns without panicking, but the result is not an SVD.
pub(crate) fn thin_svd<T: Real, const M: usize, const N: usize>(
    a: &Matrix<T, M, N>,
    svd: &mut ThinSvd<T, M, N>,
) -> Result<(), Error> {
    jacobi_svd_with_vectors(a, &mut svd.s, (&mut svd.u.0, &mut svd.vt.0))
}

/// The one-sided Jacobi SVD of a tall or square `M x N` matrix (`M >= N`), as described on
/// [`Svd`] ([`jacobi_thin_svd`] does the work): the singular values (descending) into `s`
/// (`N` entries) and, when `vectors` is given, `U` and `V^T` where it says. The buffers the
/// values need are on this function's stack, those of the vectors on the caller's
/// ([`jacobi_svd_with_vectors`]), so that the values alone take no room for the vectors.
/// Called only with `M >= N`; for `M < N` it returns without panicking, but the result is
/// not an SVD.
fn jacobi_svd<T: Real, const M: usize, const N: usize>(
    a: &Matrix<T, M, N>,
    s: &mut [T],
    vectors: Option<JacobiSvdVectors<'_, [T; N]>>,
) -> Result<(), Error> {
    let zero = T::ZERO;
    // One array per `let`: a tuple of arrays is built whole and then moved apart, which
    // takes twice the stack.
    let mut qr = [[zero; N]; M];
    let mut w = [[zero; N]; N];
    let mut row_max = [zero; M];
    let mut row_order = [0; M];
    let mut column = [zero; M];
    let mut col_order = [0; N];
    let mut order = [0; N];
    let mut taus = [zero; N];
    let mut sq = [zero; N];
    let mut sigma = [zero; N];
    let mut line = [zero; N];
    let mut line2 = [zero; N];
    let mut stale = [false; N];
    let mut plan = [(0, 0, zero, zero, false); N];
    let mut work = JacobiSvdWork {
        qr: &mut qr,
        w: &mut w,
        row_max: &mut row_max,
        row_order: &mut row_order,
        column: &mut column,
        col_order: &mut col_order,
        taus: &mut taus,
        sq: &mut sq,
        stale: &mut stale,
        plan: &mut plan,
        sigma: &mut sigma,
        order: &mut order,
        line: &mut line,
        line2: &mut line2,
    };
    jacobi_thin_svd(&a.0, &mut work, s, vectors)
}

/// [`jacobi_svd`] with the vectors, `U` into `u` and `V^T` into `vt`: the buffer they need
/// besides (the accumulated rotations) is on this function's stack.
fn jacobi_svd_with_vectors<T: Real, const M: usize, const N: usize>(
    a: &Matrix<T, M, N>,
    s: &mut [T],
    (u, vt): (&mut [[T; N]; M], &mut [[T; N]; N]),
) -> Result<(), Error> {
    let zero = T::ZERO;
    let mut rot = [[zero; N]; N];
    let mut filled = [false; N];
    let vectors = JacobiSvdVectors {
        rot: &mut rot,
        filled: &mut filled,
        u,
        vt,
    };
    jacobi_svd(a, s, Some(vectors))
}
