//! Closed forms for the determinant and inverse of small matrices, used by
//! [`Matrix::det`](crate::Matrix::det) and [`Matrix::inverse`](crate::Matrix::inverse)
//! where they are faster than LU and as accurate: the 2x2 case only.
//!
//! Why only 2x2, with the measurements: the [`lu`](super::lu) module's documentation,
//! section "Closed forms".
//!
//! # Accuracy of the 2x2 forms
//!
//! With `u = eps / 2`: `det_hat = (a d (1 + d1) - b c (1 + d2)) (1 + d3)`, so
//! `|det_hat - det| <= gamma_2 (|a d| + |b c|)` (plus one subnormal unit if the products
//! underflow; the inverse hands a subnormal `det_hat` to LU, so there it is below `eps`
//! relative). Each entry of the inverse is one division of an exact adjugate entry by
//! `det_hat`: its relative error is that of `det_hat` plus `u`, and the residual obeys
//! `|A X - I| <= (gamma_2 / (1 - u) + u / (1 - u)^2) |A| |X| <= gamma_4 |A| |X|`, the same
//! form as LU's `gamma_6 P |L| |U| |X|` (Higham Thm. 9.4 for n = 2).
//!
//! Why four divisions and not one reciprocal and four products (glam's form): each entry
//! would carry two roundings after `det_hat` instead of one. The residual bound above would
//! survive (it becomes `((gamma_2 + u) / (1 - u)^2 + u / (1 - u)) |A| |X|`, which is
//! `4u + 11u^2 + O(u^3) <= gamma_4`), but the entrywise forward error would grow from
//! `rho (1 + u) + u` to `rho (1 + u)^2 + 2u + u^2`, `rho = beta / (|det| - beta)` with `beta`
//! the bound on `|det_hat - det|` below; since `rho >= gamma_2 / (1 - gamma_2)`, that is up to
//! `4u` where the division guarantees `3u`. And `1 / det_hat` is subnormal, with fewer
//! digits, once `|det_hat| > 2^1022` (`2^126` in f32). The four divisions are by one value: they
//! vectorize (one `divps` for f32, two `divpd` for f64 on x86-64).

use crate::matrix::Matrix;
use crate::numeric::all_finite;
use crate::scalar::Real;

/// `a d - b c` for a 2x2 matrix; `None` for other sizes.
#[inline]
pub(super) fn det<T: Real, const N: usize>(m: &Matrix<T, N, N>) -> Option<T> {
    match *m.as_slice() {
        [a, b, c, d] => Some(a * d - b * c),
        _ => None,
    }
}

/// `[[d, -b], [-c, a]] / det` for a 2x2 matrix; `None` for other sizes, and when the
/// computed determinant is zero, subnormal (its products may have lost digits to
/// underflow), infinite or NaN (a product overflowed, or the input is not finite), or a
/// result is not finite, so that the caller's LU path reports the error (with the pivot's
/// column) or computes what the closed form could not.
#[inline]
pub(super) fn inverse<T: Real, const N: usize>(m: &Matrix<T, N, N>) -> Option<Matrix<T, N, N>> {
    let [a, b, c, d] = *m.as_slice() else {
        return None;
    };
    let det = a * d - b * c;
    if !det.is_finite() || det.abs() < T::min_positive_value() {
        return None;
    }
    let values = [d / det, -b / det, -c / det, a / det];
    if !all_finite(&values) {
        return None;
    }
    let mut out = Matrix::<T, N, N>::zeros();
    for (o, v) in out.as_mut_slice().iter_mut().zip(values) {
        *o = v;
    }
    Some(out)
}
