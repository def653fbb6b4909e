//! The symmetric eigendecomposition by cyclic Jacobi:
//! [`SymmetricEigen`], whose documentation holds the algorithm and
//! accuracy notes.

use super::filled_in_place;
use super::jacobi::{MAX_SWEEPS, index_of_largest, rotation, sorted_order, tournament_pair};
use crate::error::Error;
use crate::matrix::{Matrix, Vector};
use crate::numeric::{Pow2Scale, unit_exponent};
use crate::scalar::Real;

use super::tridiagonal::symmetric_eigen_in_place;

/// How [`Matrix::symmetric_eigen_by`] computes a symmetric eigendecomposition.
///
/// | method | speed | accuracy |
/// |---|---|---|
/// | [`Jacobi`](Self::Jacobi) (the default) | the faster one at 4x4, level at 3x3 and 6x6 | backward stable, and *relatively* accurate on graded positive definite matrices |
/// | [`TridiagonalQl`](Self::TridiagonalQl) | the faster one from about 8x8 | backward stable: every eigenvalue within `O(n eps) |A|` |
///
/// Measured with the eigenvectors in one run of `cargo bench -p statrix-benches --bench
/// linalg -- symmetric_eigen_f64` (the `statrix_tridiagonal` lines): `TridiagonalQl` takes
/// 0.96x Jacobi's time at 3x3, 1.45x at 4x4, 0.99x at 6x6, 0.90x at 8x8 and 0.52x at 16x16.
///
/// NumPy's `eigh` (LAPACK `dsyevd`) reduces to tridiagonal form too, so
/// `TridiagonalQl` carries NumPy's guarantee; `Jacobi` carries a stronger one.
///
/// # Example
/// ```
/// use statrix::{matrix, SymmetricEigenMethod};
///
/// let a = matrix![2.0f64, 1.0;
///                 1.0, 2.0];
/// // NumPy: np.linalg.eigh(a)[0] -> [1., 3.]
/// for method in [SymmetricEigenMethod::Jacobi, SymmetricEigenMethod::TridiagonalQl] {
///     let w = a.symmetric_eigenvalues_by(method).unwrap();
///     assert!((w[0] - 1.0).abs() <= 8.0 * f64::EPSILON);
///     assert!((w[1] - 3.0).abs() <= 8.0 * f64::EPSILON);
/// }
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SymmetricEigenMethod {
    /// Cyclic Jacobi with the relative off-diagonal criterion: every eigenvalue, the tiny
    /// ones of a graded positive definite matrix included, to a small relative error (see
    /// [`SymmetricEigen`]). What [`Matrix::symmetric_eigen`] uses.
    #[default]
    Jacobi,
    /// Householder reduction to a tridiagonal matrix (LAPACK `dsytd2`), then the implicit QL
    /// iteration with Wilkinson's shift (EISPACK `tql2`, LAPACK `dsteqr`): fewer operations
    /// than Jacobi's sweeps. Backward stable, so each eigenvalue is within a small multiple
    /// of `n eps |A|` of the exact one, as NumPy's; but an eigenvalue much smaller than `|A|`
    /// (of a graded matrix) may keep only that absolute accuracy, where Jacobi keeps a
    /// relative one. The matrix is scaled by a power of two first (exact), as for Jacobi.
    TridiagonalQl,
}

/// The eigendecomposition `A = V diag(w) V^T` of a symmetric matrix, NumPy's
/// `w, V = np.linalg.eigh(a)`: eigenvalues ascending, orthonormal eigenvectors as columns.
///
/// Built by [`Matrix::symmetric_eigen`]; see the [type docs](crate::SymmetricEigen)
/// for the algorithm and conventions.
///
/// # Example
/// ```
/// use statrix::matrix;
///
/// let a = matrix![2.0f64, 1.0;
///                 1.0, 2.0];
/// let eig = a.symmetric_eigen().unwrap();
/// // NumPy: np.linalg.eigh(a) -> ([1., 3.], ...)
/// assert!((eig.eigenvalues[0] - 1.0).abs() <= 4.0 * f64::EPSILON);
/// assert!((eig.eigenvalues[1] - 3.0).abs() <= 4.0 * f64::EPSILON);
/// let v = eig.eigenvectors.col(1); // [1, 1] / sqrt(2), largest component positive
/// assert!((v[0] - 0.5f64.sqrt()).abs() <= 4.0 * f64::EPSILON);
/// assert!((a * v - v * 3.0).norm() <= 8.0 * f64::EPSILON * 3.0);
/// ```
///
/// The eigendecomposition of a real symmetric matrix by the cyclic Jacobi method, NumPy's
/// `np.linalg.eigh(a)` (which defaults to `UPLO='L'`).
///
/// # Algorithm
///
/// The matrix is scaled by a power of two so that its largest magnitude is in `[1, 2)`
/// (exact), then cyclic sweeps visit every pair `(p, q)`, `p < q`, and zero `a_pq` with a
/// plane rotation whenever
///
/// `|a_pq| > eps * sqrt(|a_pp|) * sqrt(|a_qq|)`
///
/// the relative off-diagonal criterion of Demmel and Veselić (*Jacobi's method is more
/// accurate than QR*, SIAM J. Matrix Anal. Appl. 13(4), 1992; evaluated on squares, without
/// square roots, where no square can underflow), with Rutishauser's stable rotation
/// formulas, his update `a' = g - s (h + g tau)` of the other entries and the
/// eigenvectors, and his accumulation of the diagonal updates once per sweep (Handbook for
/// Automatic Computation II/1, contribution II/1, 1971). It stops after the first sweep
/// without a rotation, or reports [`Error::NoConvergence`] after 60 sweeps (5 to 10 are
/// usual). Off-diagonal entries below `f64::MIN_POSITIVE` (`f32::MIN_POSITIVE`) times the
/// largest element are left alone: they are far below `eps * |A|`.
///
/// A sweep visits the pairs in round-robin order (the rounds of a tournament among the `N`
/// indices, every pair once per sweep; the parallel ordering of Brent and Luk), measured to
/// need as many sweeps and rotations as row by row on random and graded matrices. The pairs
/// of a round are disjoint, so their tests and rotation angles are computed together, as
/// independent chains of square roots and divisions, before the round's rotations are
/// applied. The working matrix is stored in full, so a rotation updates two contiguous rows
/// (and the eigenvectors two contiguous rows of `V^T`) and copies them into the two
/// columns.
///
/// Jacobi is backward stable, so every eigenvalue is within a small multiple of
/// `n * eps * |A|` of the exact one (Weyl). With the relative criterion it is also
/// *relatively* accurate on symmetric positive definite matrices: if `A = D H D` with `D`
/// diagonal and `H` having a unit diagonal, every eigenvalue, the tiny ones included, has a
/// relative error of order `n * eps * cond(H)`, however wide the range of `D` (the
/// tridiagonal QR behind NumPy guarantees only `n * eps * |A|`).
///
/// # Conventions
///
/// - Only the lower triangle (and the diagonal) is read, as `eigh(a, UPLO='L')`: the
///   strictly upper triangle is ignored, even when it holds NaN.
/// - Eigenvalues in ascending order, as NumPy's; equal eigenvalues keep the order in which
///   the iteration left them.
/// - Eigenvectors are the orthonormal columns of `eigenvectors`, column `i` for eigenvalue
///   `i`. Signs: the largest-magnitude component of each eigenvector is positive, the
///   first one on ties. NumPy's signs are whatever LAPACK leaves, and within a repeated
///   eigenvalue any orthonormal basis of its eigenspace is valid, so compare eigenvectors
///   through residuals `|A v - lambda v|`, not elementwise.
/// - NaN or infinite input (in the lower triangle) is [`Error::NonFinite`]; an eigenvalue
///   that overflows on scaling back (only possible within a factor `N` of the largest
///   finite float) is [`Error::Overflow`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SymmetricEigen<T, const N: usize> {
    /// The eigenvalues in ascending order: NumPy's `w`.
    pub eigenvalues: Vector<T, N>,
    /// The orthonormal eigenvectors as columns, column `i` for `eigenvalues[i]`: NumPy's
    /// `V`.
    pub eigenvectors: Matrix<T, N, N>,
}

impl<T: Real, const N: usize> SymmetricEigen<T, N> {
    /// `V diag(w) V^T`, the (symmetrised) matrix the decomposition came from, up to
    /// rounding; NumPy's `(V * w) @ V.T`.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// let a = matrix![4.0, 1.0, 0.0;
    ///                 1.0, 3.0, 1.0;
    ///                 0.0, 1.0, 2.0];
    /// let back = a.symmetric_eigen().unwrap().recompose();
    /// assert!((back - a).norm() <= 32.0 * f64::EPSILON * a.norm());
    /// ```
    #[must_use]
    pub fn recompose(&self) -> Matrix<T, N, N> {
        let v = &self.eigenvectors;
        let vw = Matrix::from_fn(|i, k| v.0[i][k] * self.eigenvalues.0[k][0]);
        vw * v.transpose()
    }
}

impl<T: Real, const N: usize> Matrix<T, N, N> {
    /// The eigenvalues (ascending) and orthonormal eigenvectors (columns) of a symmetric
    /// matrix, NumPy's `np.linalg.eigh(a)`, by the cyclic Jacobi method.
    ///
    /// Reads only the lower triangle, as `eigh(a, UPLO='L')`. Backward stable, with high
    /// relative accuracy on graded positive definite matrices; see the
    /// [type docs](crate::SymmetricEigen). Signs: the largest-magnitude
    /// component of each eigenvector is positive (the first one on ties).
    ///
    /// Defined for square matrices only: on a non-square one it does not compile.
    ///
    /// # Errors
    /// [`Error::NonFinite`] if an element of the lower triangle is NaN or infinite;
    /// [`Error::NoConvergence`] if the sweeps do not converge within their budget of 60
    /// (not seen in practice); [`Error::Overflow`] if an eigenvalue overflows.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, Matrix};
    ///
    /// let a = matrix![2.0, -1.0, 0.0;
    ///                 -1.0, 2.0, -1.0;
    ///                 0.0, -1.0, 2.0];
    /// let eig = a.symmetric_eigen().unwrap();
    /// // NumPy: np.linalg.eigh(a)[0] == [2 - sqrt(2), 2, 2 + sqrt(2)]
    /// let s = 2.0f64.sqrt();
    /// for (w, e) in eig.eigenvalues.iter().zip([2.0 - s, 2.0, 2.0 + s]) {
    ///     assert!((w - e).abs() <= 16.0 * f64::EPSILON * 4.0);
    /// }
    /// let v = eig.eigenvectors;
    /// assert!((v.transpose() * v - Matrix::identity()).norm() <= 16.0 * f64::EPSILON);
    /// ```
    pub fn symmetric_eigen(&self) -> Result<SymmetricEigen<T, N>, Error> {
        self.symmetric_eigen_by(SymmetricEigenMethod::Jacobi)
    }

    /// [`symmetric_eigen`](Matrix::symmetric_eigen) by the chosen method: the same
    /// conventions (lower triangle read, eigenvalues ascending, the largest-magnitude
    /// component of each eigenvector positive), the speed and accuracy of
    /// [`SymmetricEigenMethod`].
    ///
    /// # Errors
    /// As [`symmetric_eigen`](Matrix::symmetric_eigen); for
    /// [`TridiagonalQl`](SymmetricEigenMethod::TridiagonalQl), [`Error::NoConvergence`]
    /// after 30 QL sweeps per eigenvalue (not seen in practice).
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, Matrix, SymmetricEigenMethod};
    ///
    /// let a = matrix![4.0, 1.0, 0.0;
    ///                 1.0, 3.0, 1.0;
    ///                 0.0, 1.0, 2.0];
    /// // NumPy: w, V = np.linalg.eigh(a)
    /// let eig = a.symmetric_eigen_by(SymmetricEigenMethod::TridiagonalQl).unwrap();
    /// let v = eig.eigenvectors;
    /// assert!((v.transpose() * v - Matrix::identity()).norm() <= 32.0 * f64::EPSILON);
    /// assert!((eig.recompose() - a).norm() <= 64.0 * f64::EPSILON * a.norm());
    /// ```
    pub fn symmetric_eigen_by(
        &self,
        method: SymmetricEigenMethod,
    ) -> Result<SymmetricEigen<T, N>, Error> {
        let zeros = SymmetricEigen {
            eigenvalues: Matrix::zeros(),
            eigenvectors: Matrix::zeros(),
        };
        // Built inside the returned `Result` (see `filled_in_place`), from the eigenvectors'
        // rows (unsorted) in the one array the vectors need beside the working matrix.
        filled_in_place(zeros, |eig| {
            let mut vt = [[T::ZERO; N]; N];
            let (values, order) = eigen_by(self, method, Some(&mut vt))?;
            eig.eigenvalues = Matrix::from_array(values);
            // Column k is row order[k] of V^T, its largest-magnitude component made
            // positive.
            for (k, &o) in order.iter().enumerate() {
                let Some(row) = vt.get(o) else {
                    continue;
                };
                let j = index_of_largest(row.iter().copied());
                let flip = row.get(j).is_some_and(|&x| x < T::ZERO);
                for (v_row, &x) in eig.eigenvectors.0.iter_mut().zip(row.iter()) {
                    v_row[k] = if flip { -x } else { x };
                }
            }
            Ok(())
        })
    }

    /// The eigenvalues of a symmetric matrix in ascending order, NumPy's
    /// `np.linalg.eigvalsh(a)`: the same values as
    /// [`symmetric_eigen`](Matrix::symmetric_eigen), without accumulating the eigenvectors.
    /// Reads only the lower triangle.
    ///
    /// # Errors
    /// As [`symmetric_eigen`](Matrix::symmetric_eigen).
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// // The strictly upper triangle is not read (NumPy: eigvalsh(a, UPLO='L')).
    /// let a = matrix![1.0, f64::NAN;
    ///                 0.0, -2.0];
    /// assert_eq!(a.symmetric_eigenvalues().unwrap().to_array(), [-2.0, 1.0]);
    /// ```
    pub fn symmetric_eigenvalues(&self) -> Result<Vector<T, N>, Error> {
        self.symmetric_eigenvalues_by(SymmetricEigenMethod::Jacobi)
    }

    /// [`symmetric_eigenvalues`](Matrix::symmetric_eigenvalues) by the chosen method (see
    /// [`SymmetricEigenMethod`]), NumPy's `np.linalg.eigvalsh(a)`.
    ///
    /// # Errors
    /// As [`symmetric_eigen_by`](Matrix::symmetric_eigen_by).
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, SymmetricEigenMethod};
    /// let a = matrix![2.0f64, -1.0; -1.0, 2.0];
    /// // NumPy: np.linalg.eigvalsh(a) -> [1., 3.]
    /// let w = a.symmetric_eigenvalues_by(SymmetricEigenMethod::TridiagonalQl).unwrap();
    /// assert!((w[0] - 1.0).abs() <= 8.0 * f64::EPSILON && (w[1] - 3.0).abs() <= 8.0 * f64::EPSILON);
    /// ```
    pub fn symmetric_eigenvalues_by(
        &self,
        method: SymmetricEigenMethod,
    ) -> Result<Vector<T, N>, Error> {
        let (values, _) = eigen_by(self, method, None)?;
        Ok(Matrix::from_array(values))
    }
}

/// The eigenvalues by `method`, ascending, with the order that sorted them; and when `vt`
/// is given, the eigenvectors as its rows, unsorted: row `order[k]` for the `k`-th
/// eigenvalue. The working matrix is on the stack of the method's function, the
/// eigenvectors' array on the caller's, so that the values alone take no room for it.
fn eigen_by<T: Real, const N: usize>(
    a: &Matrix<T, N, N>,
    method: SymmetricEigenMethod,
    vt: Option<&mut [[T; N]; N]>,
) -> Result<([T; N], [usize; N]), Error> {
    let e = scaling_exponent(a)?;
    let (up, down) = (Pow2Scale::new(e), Pow2Scale::new(-e));
    let d = match method {
        SymmetricEigenMethod::Jacobi => jacobi_eigen(a, up, vt)?,
        SymmetricEigenMethod::TridiagonalQl => tridiagonal_eigen(a, up, vt)?,
    };
    let order = sorted_order(&d, |x, y| x < y);
    let values: [T; N] = core::array::from_fn(|i| down.apply(d[order[i]]));
    if values.iter().any(|x| x.is_infinite()) {
        return Err(Error::Overflow);
    }
    Ok((values, order))
}

/// The exponent `e` that scales the lower triangle of `a` (exactly, by `2^e`) so that its
/// largest magnitude is in `[1, 2)`.
///
/// # Errors
/// [`Error::NonFinite`] if an element of the lower triangle is NaN or infinite.
fn scaling_exponent<T: Real, const N: usize>(a: &Matrix<T, N, N>) -> Result<i32, Error> {
    let mut max_abs = T::ZERO;
    for (i, row) in a.0.iter().enumerate() {
        for &x in row.iter().take(i + 1) {
            if !x.is_finite() {
                return Err(Error::NonFinite);
            }
            max_abs = max_abs.max(x.abs());
        }
    }
    Ok(unit_exponent(max_abs))
}

/// [`SymmetricEigenMethod::TridiagonalQl`] on the lower triangle of `a` scaled by `up`: the
/// eigenvalues, unsorted, and (when `vt` is given) the eigenvectors as its rows, in the
/// same order.
fn tridiagonal_eigen<T: Real, const N: usize>(
    a: &Matrix<T, N, N>,
    up: Pow2Scale<T>,
    vt: Option<&mut [[T; N]; N]>,
) -> Result<[T; N], Error> {
    // The full symmetric matrix, from the lower triangle, filled in place (as in
    // `jacobi_eigen`).
    let mut m = [[T::ZERO; N]; N];
    for (p, row) in m.iter_mut().enumerate() {
        for (q, x) in row.iter_mut().enumerate() {
            *x = up.apply(if q <= p { a.0[p][q] } else { a.0[q][p] });
        }
    }
    // One array per `let`: a tuple of arrays is built whole and then moved apart, which
    // takes twice the stack.
    let mut d = [T::ZERO; N];
    let mut e = [T::ZERO; N];
    let mut tau = [T::ZERO; N];
    let mut w = [T::ZERO; N];
    symmetric_eigen_in_place(
        m.as_flattened_mut(),
        N,
        &mut d,
        &mut e,
        &mut tau,
        &mut w,
        vt.map(|vt| vt.as_flattened_mut()),
    )?;
    Ok(d)
}

/// Cyclic Jacobi on the lower triangle of `a` scaled by `up`: the eigenvalues, unsorted,
/// and (when `vt` is given) the eigenvectors as its rows (`V^T`), in the same order.
fn jacobi_eigen<T: Real, const N: usize>(
    a: &Matrix<T, N, N>,
    up: Pow2Scale<T>,
    mut vt: Option<&mut [[T; N]; N]>,
) -> Result<[T; N], Error> {
    let zero = T::ZERO;
    // The working matrix, stored in full (symmetric, filled from the lower triangle of the
    // input) so that a rotation updates two contiguous rows and mirrors them into the two
    // columns; its diagonal is kept at zero and lives in `d`. Filled in place: an array
    // built by `from_fn` is moved into its variable, a second copy on the stack.
    let mut m = [[zero; N]; N];
    for (p, row) in m.iter_mut().enumerate() {
        for (q, x) in row.iter_mut().enumerate() {
            *x = match p.cmp(&q) {
                core::cmp::Ordering::Less => up.apply(a.0[q][p]),
                core::cmp::Ordering::Greater => up.apply(a.0[p][q]),
                core::cmp::Ordering::Equal => zero,
            };
        }
    }
    let mut d: [T; N] = core::array::from_fn(|i| up.apply(a.0[i][i]));
    // The eigenvectors as rows (V^T), so that a rotation updates two contiguous rows.
    if let Some(vt) = vt.as_deref_mut() {
        for (i, row) in vt.iter_mut().enumerate() {
            for (j, x) in row.iter_mut().enumerate() {
                *x = if i == j { T::ONE } else { zero };
            }
        }
    }
    converge(&mut m, &mut d, vt)?;
    Ok(d)
}

/// The relative off-diagonal criterion `|a_pq| <= eps * sqrt(|a_pp|) * sqrt(|a_qq|)`,
/// evaluated as `a_pq^2 <= eps^2 |a_pp a_qq|` (no square roots) when both sides are normal
/// numbers, each then within an ulp or so of its exact value; otherwise (tiny entries,
/// whose squares lose bits to underflow) as written.
#[inline]
fn converged<T: Real>(apq: T, app: T, aqq: T) -> bool {
    let eps = T::epsilon();
    let floor = T::min_positive_value();
    let lhs = apq * apq;
    let rhs = eps * eps * (app * aqq).abs();
    if lhs >= floor && rhs >= floor {
        lhs <= rhs
    } else {
        apq.abs() <= eps * app.abs().square_root() * aqq.abs().square_root()
    }
}

/// Rows `p` and `q` (`p < q`) of `m`, both mutable.
#[inline]
fn two_rows<T, const N: usize>(
    m: &mut [[T; N]; N],
    p: usize,
    q: usize,
) -> Option<(&mut [T; N], &mut [T; N])> {
    let (head, tail) = m.split_at_mut(q);
    Some((head.get_mut(p)?, tail.first_mut()?))
}

/// The sweeps: rotates until no off-diagonal entry of the symmetric `m` (zero diagonal,
/// with the diagonal in `d`) exceeds the relative criterion. Accumulates the rotations into
/// the rows of `vt` when it is given.
///
/// Each sweep visits the pairs in round-robin order ([`tournament_pair`]): the pairs of a
/// round are disjoint, so their tests and rotation angles (which read only `a_pq`, `d_p`
/// and `d_q`, which no other rotation of the round changes) are computed first, as
/// independent chains of square roots and divisions, and the rotations are applied
/// afterwards, one after the other.
fn converge<T: Real, const N: usize>(
    m: &mut [[T; N]; N],
    d: &mut [T; N],
    mut vt: Option<&mut [[T; N]; N]>,
) -> Result<(), Error> {
    let zero = T::ZERO;
    let two = T::TWO;
    let floor = T::min_positive_value();
    // Rutishauser: the diagonal at the start of the sweep, and the sum of the sweep's
    // updates, added once at its end (fewer roundings than updating `d` alone).
    let mut b = *d;
    let players = N + N % 2;
    // The current round's rotations (at most N / 2, the first `count` entries): pair, sine
    // and tau.
    let mut pairs = [(0, 0); N];
    let mut sines = [zero; N];
    let mut taus = [zero; N];
    for _ in 0..MAX_SWEEPS {
        let mut z = [zero; N];
        let mut rotated = false;
        for round in 0..players.saturating_sub(1) {
            let mut count = 0;
            for i in 0..players / 2 {
                let Some((p, q)) = tournament_pair(N, round, i) else {
                    continue;
                };
                let apq = m[p][q];
                if apq.abs() < floor || converged(apq, d[p], d[q]) {
                    continue;
                }
                let (c, s, t) = rotation(d[q] - d[p], two * apq);
                let tau = s / (T::ONE + c);
                let h = t * apq;
                z[p] -= h;
                z[q] += h;
                d[p] -= h;
                d[q] += h;
                if let (Some(pq), Some(sk), Some(tk)) = (
                    pairs.get_mut(count),
                    sines.get_mut(count),
                    taus.get_mut(count),
                ) {
                    (*pq, *sk, *tk) = ((p, q), s, tau);
                    count += 1;
                }
            }
            rotated |= count > 0;
            for ((&(p, q), &s), &tau) in pairs.iter().zip(sines.iter()).zip(taus.iter()).take(count)
            {
                let Some((row_p, row_q)) = two_rows(m, p, q) else {
                    continue;
                };
                // Rotate rows p and q of the symmetric matrix: a' = g - s (h + g tau),
                // h' = h + s (g - h tau) is (c g - s h, s g + c h) with fewer roundings
                // (and measurably more orthogonal eigenvectors). Entries p and q of the two
                // rows (the 2 x 2 block) are then set to zero: the diagonal is in `d` and
                // a_pq is annihilated.
                let rot = |g: T, h: T| (g - s * (h + g * tau), h + s * (g - h * tau));
                for (g, h) in row_p.iter_mut().zip(row_q.iter_mut()) {
                    (*g, *h) = rot(*g, *h);
                }
                row_p[p] = zero;
                row_p[q] = zero;
                row_q[p] = zero;
                row_q[q] = zero;
                // Mirror the two rows into columns p and q.
                if p < N && q < N {
                    // By index: row j is written while rows p and q are read, and copying
                    // the two rows out first measured slower at 16 x 16.
                    #[allow(clippy::needless_range_loop)]
                    for j in 0..N {
                        let (x, y) = (m[p][j], m[q][j]);
                        m[j][p] = x;
                        m[j][q] = y;
                    }
                }
                if let Some((vp, vq)) = vt.as_deref_mut().and_then(|vt| two_rows(vt, p, q)) {
                    for (g, h) in vp.iter_mut().zip(vq.iter_mut()) {
                        (*g, *h) = rot(*g, *h);
                    }
                }
            }
        }
        for ((bi, di), zi) in b.iter_mut().zip(d.iter_mut()).zip(z.iter()) {
            *bi += *zi;
            *di = *bi;
        }
        if !rotated {
            return Ok(());
        }
    }
    Err(Error::NoConvergence {
        iterations: MAX_SWEEPS,
    })
}
