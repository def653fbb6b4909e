//! The Hessenberg reduction: [`Hessenberg`], whose documentation holds the
//! notes.

use crate::error::Error;
use crate::linalg::householder::{make_reflector, reflect_cols, reflect_rows, reflect_rows_masked};
use crate::matrix::Matrix;
use crate::numeric::{Pow2Scale, all_finite, finite_max_abs, prescale_exponent};
use crate::scalar::Real;

/// The Hessenberg decomposition `A = Q H Q^T` of a square matrix, from
/// [`Matrix::hessenberg`].
///
/// # Example
/// ```
/// use statrix::Matrix;
///
/// let a = Matrix::new([[4.0, 1.0, 2.0], [3.0, 5.0, 1.0], [4.0, 2.0, 6.0]]);
/// let hess = a.hessenberg()?; // scipy.linalg.hessenberg(a, calc_q=True)
/// assert_eq!(hess.h[(2, 0)], 0.0);
/// assert!((hess.q * hess.h * hess.q.transpose() - a).norm() < 1e-14);
/// # Ok::<(), statrix::Error>(())
/// ```
///
/// Reduction to upper Hessenberg form by Householder similarity transforms,
/// `A = Q H Q^T`: SciPy's `scipy.linalg.hessenberg(a, calc_q=True)`, and the first step of
/// the general eigenvalue problem.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hessenberg<T, const N: usize> {
    /// The upper Hessenberg matrix `H`: zero below the first subdiagonal (exactly).
    pub h: Matrix<T, N, N>,
    /// The orthogonal matrix `Q`, a product of `N - 2` Householder reflectors whose first
    /// row and column are those of the identity.
    pub q: Matrix<T, N, N>,
}

impl<T: Real, const N: usize> Matrix<T, N, N> {
    /// The Hessenberg decomposition `A = Q H Q^T`: `H` is zero below its first subdiagonal
    /// and `Q` is orthogonal. SciPy's `scipy.linalg.hessenberg(a, calc_q=True)` (LAPACK
    /// `dgehrd` and `dorghr`), built from the same reflectors (`Q`'s first row and column
    /// are `e_1`, and the signs follow LAPACK's `dlarfg`).
    ///
    /// Backward stable: `Q (H + E) Q^T = A` with `||E||` a small multiple of
    /// `N * eps * ||A||` (at worst `N^2`: Higham, *Accuracy and Stability*, chapter 19).
    ///
    /// A matrix whose largest element lies outside `2^-459..2^459` (`2^-40..2^40` in `f32`)
    /// is first scaled by a power of two (exactly) so that its largest element is near 1, so
    /// elements near the ends of the floating-point range are no problem.
    ///
    /// # Errors
    /// - [`Error::NonFinite`] if an element is NaN or infinite.
    /// - [`Error::Overflow`] if an element of `H` does not fit the floating-point range
    ///   (possible only for elements near `T::MAX`).
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    ///
    /// let a = Matrix::new([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 10.0]]);
    /// let hess = a.hessenberg()?;
    /// // Similar matrices: the trace is kept.
    /// let trace = |m: Matrix<f64, 3, 3>| m[(0, 0)] + m[(1, 1)] + m[(2, 2)];
    /// assert!((trace(hess.h) - 16.0).abs() < 1e-13);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn hessenberg(&self) -> Result<Hessenberg<T, N>, Error> {
        let amax = finite_max_abs(self.as_slice()).ok_or(Error::NonFinite)?;
        if amax == T::ZERO {
            // The zero matrix (and N = 0) is already in Hessenberg form.
            return Ok(Hessenberg {
                h: *self,
                q: Matrix::identity(),
            });
        }
        // Outside the safe range, work on the matrix scaled (exactly) to largest element in
        // [1, 2).
        let exp = prescale_exponent(amax);
        let mut a = self.0;
        if let Some(exp) = exp {
            Pow2Scale::new(exp).apply_all(&mut a);
        }
        let mut tau = [T::ZERO; N];
        reduce(&mut a, 0, N - 1, &mut tau);
        let q = form_q(&a, &tau, 0, N - 1);
        clear_below_subdiagonal(&mut a);
        if let Some(exp) = exp {
            Pow2Scale::new(-exp).apply_all(&mut a);
            if !all_finite(a.as_flattened()) {
                return Err(Error::Overflow);
            }
        }
        let h = Matrix(a);
        Ok(Hessenberg { h, q: Matrix(q) })
    }
}

/// Reduces rows and columns `ilo..=ihi` of `a` to upper Hessenberg form by Householder
/// similarities (LAPACK `dgehd2`); `a` must already be upper triangular outside that block
/// (as after balancing). Reflector `i` (for `ilo <= i < ihi`) has `v[i+1] = 1` and its tail in
/// `a[i+2..=ihi][i]`; its scalar is `tau[i]`.
pub(crate) fn reduce<T: Real, const N: usize>(
    a: &mut [[T; N]; N],
    ilo: usize,
    ihi: usize,
    tau: &mut [T; N],
) {
    // tails[i]: reflector i's vector, v[i+1] = 1 implied and its tail in v[i+2..=ihi]; written
    // below the subdiagonal only at the end, since the left updates give the entries below
    // the subdiagonal of the columns left of the active one a zero update (whose sign could
    // differ from the stored tail's zero).
    let mut tails = [[T::ZERO; N]; N];
    for i in ilo..ihi {
        let v = &mut tails[i];
        // The reflector that zeroes a[i+2..=ihi][i].
        for (vr, row) in v[i + 2..=ihi].iter_mut().zip(&a[i + 2..=ihi]) {
            *vr = row[i];
        }
        let (beta, t) = make_reflector(a[i + 1][i], &mut v[i + 2..=ihi]);
        v[i + 1] = T::ONE;
        tau[i] = t;
        if t != T::ZERO {
            // From the right: A[0..=ihi][i+1..=ihi] (I - t v v^T).
            reflect_cols(a, &v[i + 1..=ihi], t, (0, ihi + 1), i + 1);
            // From the left: (I - t v v^T) A[i+1..=ihi][i+1..N], over whole rows; in rows
            // i+1..=ihi the columns 0..=i are at or below the subdiagonal (column i's part is
            // set just below, the rest is written at the end or, left of ilo, zero).
            reflect_rows_masked(a, v, t, (i + 1, ihi + 1), i + 1);
        }
        a[i + 1][i] = beta;
    }
    for (i, v) in tails.iter().enumerate().take(ihi).skip(ilo) {
        for (row, &vr) in a[i + 2..=ihi].iter_mut().zip(&v[i + 2..=ihi]) {
            row[i] = vr;
        }
    }
}

/// The orthogonal `Q = H_ilo ... H_{ihi-1}` of [`reduce`] (LAPACK `dorghr`), accumulated
/// backwards so that each reflector touches only the block it acts on.
pub(crate) fn form_q<T: Real, const N: usize>(
    a: &[[T; N]; N],
    tau: &[T; N],
    ilo: usize,
    ihi: usize,
) -> [[T; N]; N] {
    let mut q = [[T::ZERO; N]; N];
    for (i, row) in q.iter_mut().enumerate() {
        row[i] = T::ONE;
    }
    let mut v = [T::ZERO; N];
    for i in (ilo..ihi).rev() {
        let t = tau[i];
        if t == T::ZERO {
            continue;
        }
        v[i + 1] = T::ONE;
        for (vr, row) in v[i + 2..=ihi].iter_mut().zip(&a[i + 2..=ihi]) {
            *vr = row[i];
        }
        // Q[i+1..=ihi][i+1..=ihi] = H_i Q (the rest of Q is the identity there).
        reflect_rows(&mut q, &v[i + 1..=ihi], t, i + 1, (i + 1, ihi + 1));
    }
    q
}

/// Sets everything below the first subdiagonal to zero (where [`reduce`] keeps the
/// reflectors).
pub(crate) fn clear_below_subdiagonal<T: Real, const N: usize>(a: &mut [[T; N]; N]) {
    for (r, row) in a.iter_mut().enumerate() {
        for x in row.iter_mut().take(r.saturating_sub(1)) {
            *x = T::ZERO;
        }
    }
}
