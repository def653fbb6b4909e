//! Householder QR: [`Qr`], whose documentation holds the notes.

use crate::error::Error;
use crate::linalg::householder::{make_reflector, reflect_rows, reflect_rows_masked};
use crate::matrix::Matrix;
use crate::numeric::{
    Pow2Scale, all_finite, finite_max_abs, prescale_exponent, solve_with_normalized_rhs,
};
use crate::scalar::Real;

/// The Householder QR factorization `A = Q R` of an `R x C` matrix with `R >= C`, from
/// [`Matrix::qr`].
///
/// Stored compactly, as LAPACK's `dgeqrf` stores it (no heap): `R` on and above the
/// diagonal, the Householder vectors below it, and one scalar `tau` per column. `Q` is
/// formed only when asked for ([`q`](Qr::q), [`q_full`](Qr::q_full)).
///
/// # Sign convention
/// The factors are NumPy's: `Q = H_0 H_1 ... H_{C-1}` with LAPACK's reflectors
/// (`dlarfg`), so `R[k][k] = -sign(alpha_k) * ||x_k||` where `alpha_k` is the diagonal
/// element reached at step `k` and `x_k` the column below and including it. `R`'s diagonal
/// may therefore be negative, exactly where NumPy's is, and a column that is already zero
/// below the diagonal is left alone (`H_k = I`, e.g. the last column of a square matrix).
/// `Q` and `R` can be compared with `np.linalg.qr(a)` element by element.
///
/// # Example
/// ```
/// use statrix::Matrix;
///
/// // NumPy: q, r = np.linalg.qr(a)
/// let a = Matrix::new([[3.0f64, 1.0], [4.0, 2.0], [0.0, 2.0]]);
/// let qr = a.qr()?;
/// let (q, r) = (qr.q(), qr.r());
/// assert!((r[(0, 0)] + 5.0).abs() < 1e-15); // NumPy's r[0, 0] is -5 too
/// assert_eq!(r[(1, 0)], 0.0);
/// assert!((q * r - a).norm() < 1e-14);
/// assert!((q.transpose() * q - Matrix::identity()).norm() < 1e-15);
/// # Ok::<(), statrix::Error>(())
/// ```
///
/// Householder QR of a tall (or square) matrix, `A = Q R`, and the least-squares solve built
/// on it: NumPy's `np.linalg.qr` and the full-rank case of `np.linalg.lstsq`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Qr<T, const R: usize, const C: usize> {
    /// `R` on and above the diagonal, reflector tails below (LAPACK's layout), of `2^scale A`.
    packed: Matrix<T, R, C>,
    /// The reflectors' scalars: `H_k = I - tau[k] v_k v_k^T`.
    tau: [T; C],
    /// The exponent by which `A` was scaled before it was factored (0 in the safe range):
    /// `R` is kept at that scale, where it lost nothing to underflow, and scaled back only
    /// by [`r`](Qr::r) and at the end of [`solve`](Qr::solve).
    scale: i32,
}

impl<T: Real, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The Householder QR factorization `A = Q R`, NumPy's `np.linalg.qr(a)`.
    ///
    /// Needs `R >= C` (a tall or square matrix): a wide matrix is a compile error, as a
    /// `const` assertion (for one, factor its transpose). Backward stable: the computed
    /// factors satisfy `(A + dA) = Q R` with `||dA|| <= c * R * C * eps * ||A||` and `Q`
    /// orthonormal to about `R * C * eps` (Higham, *Accuracy and Stability*, Thm 19.4).
    /// See [`Qr`] for the sign convention (NumPy's). A matrix whose largest element lies
    /// outside `2^-459..2^459` (`2^-40..2^40` in `f32`) is first scaled by a power of two
    /// (exactly), so elements near either end of the floating-point range are fine.
    ///
    /// # Errors
    /// - [`Error::NonFinite`] if an element is NaN or infinite.
    /// - [`Error::Overflow`] if an element of `R` (a column norm) exceeds the largest finite
    ///   value, which needs elements near `T::MAX`.
    ///
    /// A rank-deficient matrix is not an error: its `R` has (near-)zero diagonal elements.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    ///
    /// let a = Matrix::new([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]);
    /// let qr = a.qr()?; // np.linalg.qr(a)
    /// assert!((qr.q() * qr.r() - a).norm() <= 1e-14);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn qr(&self) -> Result<Qr<T, R, C>, Error> {
        const {
            assert!(
                R >= C,
                "qr: the matrix must be tall or square (R >= C); factor the transpose of a wide matrix"
            )
        };
        let amax = finite_max_abs(self.as_slice()).ok_or(Error::NonFinite)?;
        let mut a = self.0;
        let Some(exp) = prescale_exponent(amax) else {
            // In the safe range (the common case): no scaling, and R (whose elements are at
            // most sqrt(R) times the largest input element) cannot overflow.
            let tau = factor(&mut a);
            return Ok(Qr {
                packed: Matrix(a),
                tau,
                scale: 0,
            });
        };
        // Factor the matrix scaled (exactly) to largest element in [1, 2): the reflectors
        // do not depend on the scale, and R is kept at it (scaled back by `r()`, and in
        // `solve` only the solution).
        Pow2Scale::new(exp).apply_all(&mut a);
        let tau = factor(&mut a);
        let unscale = Pow2Scale::new(-exp);
        let fits = a
            .iter()
            .enumerate()
            .all(|(i, row)| row.iter().skip(i).all(|&x| unscale.apply(x).is_finite()));
        if !fits {
            // An element of R beyond the largest finite value (elements near T::MAX).
            return Err(Error::Overflow);
        }
        Ok(Qr {
            packed: Matrix(a),
            tau,
            scale: exp,
        })
    }
}

/// Householder QR in place (LAPACK `dgeqr2`): `R` on and above the diagonal, the reflector
/// tails below it; returns the reflectors' scalars.
///
/// Each reflector is applied to whole rows ([`reflect_rows_masked`]), so the inner loops run
/// over all `C` columns, a constant trip count; the columns left of the active block get a
/// zero update there, and their entries below the diagonal (where the rounding of that zero
/// update could flip the sign of a zero) are written only at the end, from `tails`.
#[inline]
fn factor<T: Real, const R: usize, const C: usize>(a: &mut [[T; C]; R]) -> [T; C] {
    let mut tau = [T::ZERO; C];
    // tails[k]: reflector k's vector (rows k+1.., column k of the packed form).
    let mut tails = [[T::ZERO; R]; C];
    for (k, v) in tails.iter_mut().enumerate() {
        // The reflector annihilating a[k+1.., k].
        for (vi, row) in v[k + 1..].iter_mut().zip(&a[k + 1..]) {
            *vi = row[k];
        }
        let (beta, t) = make_reflector(a[k][k], &mut v[k + 1..]);
        tau[k] = t;
        if t != T::ZERO {
            reflect_rows_masked(a, v, t, (k, R), k + 1);
        }
        a[k][k] = beta;
    }
    for (k, v) in tails.iter().enumerate() {
        for (row, &vi) in a[k + 1..].iter_mut().zip(&v[k + 1..]) {
            row[k] = vi;
        }
    }
    tau
}

impl<T: Real, const R: usize, const C: usize> Qr<T, R, C> {
    /// The `C x C` upper-triangular factor `R` (NumPy's `r` from `np.linalg.qr(a)`); the
    /// elements below the diagonal are exactly zero.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let r = Matrix::new([[2.0, 1.0], [0.0, 3.0]]).qr()?.r();
    /// assert_eq!(r[(1, 0)], 0.0);
    /// // Already triangular: H_0 = I and R = A, as NumPy gives.
    /// assert_eq!(r, Matrix::new([[2.0, 1.0], [0.0, 3.0]]));
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn r(&self) -> Matrix<T, C, C> {
        let unscale = Pow2Scale::new(-self.scale);
        Matrix::from_fn(|i, j| {
            if i <= j {
                unscale.apply(self.packed.0[i][j])
            } else {
                T::ZERO
            }
        })
    }

    /// The thin `R x C` factor `Q` with orthonormal columns, NumPy's `q` from
    /// `np.linalg.qr(a)` (`mode='reduced'`).
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let a = Matrix::new([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]);
    /// let q = a.qr()?.q();
    /// assert!((q.transpose() * q - Matrix::<f64, 2, 2>::identity()).norm() < 1e-15);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn q(&self) -> Matrix<T, R, C> {
        Matrix(self.form_q::<C>())
    }

    /// The full `R x R` orthogonal factor, NumPy's `np.linalg.qr(a, mode='complete')`; its
    /// first `C` columns are [`q`](Qr::q), and `A = q_full * [R; 0]`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let a = Matrix::new([[1.0], [2.0], [2.0]]);
    /// let q = a.qr()?.q_full();
    /// assert!((q.transpose() * q - Matrix::<f64, 3, 3>::identity()).norm() < 1e-15);
    /// assert!((q[(0, 0)] + 1.0 / 3.0).abs() < 1e-15);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn q_full(&self) -> Matrix<T, R, R> {
        Matrix(self.form_q::<R>())
    }

    /// The first `QC` columns of `H_0 ... H_{C-1}` (LAPACK `dorg2r`), for `QC` = `C` or `R`.
    fn form_q<const QC: usize>(&self) -> [[T; QC]; R] {
        let a = &self.packed.0;
        let mut q = [[T::ZERO; QC]; R];
        // Columns past the reflectors start as columns of the identity.
        for (j, row) in q.iter_mut().enumerate().skip(C) {
            if j < QC {
                row[j] = T::ONE;
            }
        }
        let mut v = [T::ZERO; R];
        for k in (0..C.min(QC)).rev() {
            for (vi, row) in v[k + 1..].iter_mut().zip(&a[k + 1..]) {
                *vi = row[k];
            }
            let tau = self.tau[k];
            // Column k is still e_k here and the columns left of it are zero in rows k..
            // (so the zero update of reflect_rows_masked leaves them exactly as they are); the
            // columns right of it hold H_{k+1} ... applied to the identity.
            if tau != T::ZERO {
                reflect_rows_masked(&mut q, &v, tau, (k, R), k + 1);
            }
            q[k][k] = T::ONE - tau;
            if tau != T::ZERO {
                for (row, &vi) in q[k + 1..].iter_mut().zip(&v[k + 1..]) {
                    row[k] = -tau * vi;
                }
            }
        }
        q
    }

    /// The least-squares solution `x` minimising `||A x - b||_2` (column by column for a
    /// matrix `b`), for `A` of full column rank: `R x = Q^T b`; named `solve` as
    /// [`Lu::solve`](crate::Lu::solve) and [`Cholesky::solve`](crate::Cholesky::solve). NumPy's
    /// `np.linalg.lstsq(a, b)[0]` when `a` has full column rank; for a square `A` it is the
    /// solution of `A x = b`.
    ///
    /// The answer is backward stable (Higham, *Accuracy and Stability*, Thm 20.3): it is the
    /// exact least-squares solution for `A + dA`, `b + db` with relative perturbations of
    /// order `R * C * eps`, so its error is about `cond(A) * eps` for a small residual and
    /// `cond(A)^2 * eps` for a large one (Wedin's bound, Higham Thm 20.1).
    ///
    /// For a rank-deficient or nearly rank-deficient `A`, use the SVD-based least squares,
    /// which returns NumPy's minimum-norm answer; this one divides by `R`'s diagonal.
    ///
    /// # Errors
    /// - [`Error::NonFinite`] if `b` holds a NaN or an infinity.
    /// - [`Error::Singular`] with the column index when a diagonal element of `R` is
    ///   exactly zero (`A` is rank deficient; for a matrix [`qr`](Matrix::qr) scaled, of `R`
    ///   at that scale, where an element that [`r`](Qr::r) flushes to zero may survive).
    /// - [`Error::Overflow`] if the solution does not fit the floating-point range (a `b`
    ///   near the largest float, or one as small as a matrix in the subnormals, is solved
    ///   scaled, exactly: only the answer itself can overflow).
    ///
    /// # Example
    /// ```
    /// use statrix::{vector, Matrix};
    ///
    /// // Fit y = c0 + c1 t through (0, 1), (1, 3), (2, 5), (3, 7): exactly c0 = 1, c1 = 2.
    /// let a = Matrix::new([[1.0f64, 0.0], [1.0, 1.0], [1.0, 2.0], [1.0, 3.0]]);
    /// let y = vector![1.0, 3.0, 5.0, 7.0];
    /// let c = a.qr()?.solve(&y)?; // np.linalg.lstsq(a, y)[0]
    /// assert!((c[0] - 1.0).abs() < 1e-14 && (c[1] - 2.0).abs() < 1e-14);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn solve<const K: usize>(&self, b: &Matrix<T, R, K>) -> Result<Matrix<T, C, K>, Error> {
        if !all_finite(b.as_slice()) {
            return Err(Error::NonFinite);
        }
        if let Some(index) = (0..C).find(|&k| self.packed.0[k][k] == T::ZERO) {
            return Err(Error::Singular { index });
        }
        if self.scale == 0 {
            let x = self.solve_nonsingular(b);
            if all_finite(x.as_slice()) {
                return Ok(x);
            }
        }
        // `Q^T b` or the back substitution overflowed on the way, or `A` was factored scaled
        // (`2^-s Q R' x = b` gives `x = 2^s R'^-1 Q^T b`): scale each column of `b` into
        // range and the solutions back.
        solve_with_normalized_rhs(b, self.scale, |b| self.solve_nonsingular(b))
    }

    /// `R^-1 (Q^T b)[..C]` for an `R` without zero on its diagonal.
    fn solve_nonsingular<const K: usize>(&self, b: &Matrix<T, R, K>) -> Matrix<T, C, K> {
        let a = &self.packed.0;
        let mut y = b.0;
        let mut v = [T::ZERO; R];
        // y = Q^T b = H_{C-1} ... H_0 b.
        for k in 0..C {
            let tau = self.tau[k];
            if tau == T::ZERO {
                continue;
            }
            v[k] = T::ONE;
            for (vi, row) in v[k + 1..].iter_mut().zip(&a[k + 1..]) {
                *vi = row[k];
            }
            reflect_rows(&mut y, &v[k..], tau, k, (0, K));
        }
        // Back substitution R x = y[..C], from the last row up.
        let mut x = [[T::ZERO; K]; C];
        for i in (0..C).rev() {
            let (head, solved) = x.split_at_mut(i + 1);
            for (j, xij) in head[i].iter_mut().enumerate() {
                let mut s = y[i][j];
                for (&r_il, x_l) in a[i][i + 1..].iter().zip(solved.iter()) {
                    s -= r_il * x_l[j];
                }
                *xij = s / a[i][i];
            }
        }
        Matrix(x)
    }
}

#[cfg(test)]
mod tests {
    use crate::matrix::Matrix;

    #[test]
    fn safe_range_and_prescaled_paths_agree() {
        // 2^600 A is outside the safe range and takes the prescaled path; its factors are
        // those of A (which is not scaled at all) up to rounding, R scaled by 2^600.
        let a = Matrix::new([
            [0.5f64, -1.25, 2.0],
            [3.0, 0.75, -0.5],
            [-1.0, 2.5, 1.5],
            [0.25, -0.125, 4.0],
        ]);
        let big = 2f64.powi(600);
        let (f, g) = (a.qr().unwrap(), a.map(|x| x * big).qr().unwrap());
        let tol = 64.0 * f64::EPSILON;
        assert!((f.q() - g.q()).norm() <= tol);
        assert!((f.r() - g.r().map(|x| x / big)).norm() <= tol * a.norm());
        let tiny = 2f64.powi(-600);
        let h = a.map(|x| x * tiny).qr().unwrap();
        assert!((f.q() - h.q()).norm() <= tol);
        assert!((f.r() - h.r().map(|x| x / tiny)).norm() <= tol * a.norm());
    }
}
