//! Finiteness checks and the largest magnitude, written once.
//!
//! The checks fold over every element without an early exit, so that they vectorise; they
//! are called on the uncommon paths (after a computation produced a non-finite value) or
//! fused with the scan that decides the scaling ([`finite_max_abs`]).

use crate::error::Error;
use crate::matrix::Matrix;
use crate::scalar::Real;

/// Whether every element of `xs` is finite (no NaN, no infinity).
#[inline]
pub(crate) fn all_finite<T: Real>(xs: &[T]) -> bool {
    xs.iter().fold(true, |ok, x| ok & x.is_finite())
}

/// `Ok(m)` if every element of `m` is finite, else [`Error::Overflow`]: for results computed
/// from finite inputs, where a non-finite element can only come from overflow.
#[inline]
pub(crate) fn finite_or_overflow<T: Real, const R: usize, const C: usize>(
    m: Matrix<T, R, C>,
) -> Result<Matrix<T, R, C>, Error> {
    if all_finite(m.as_slice()) {
        Ok(m)
    } else {
        Err(Error::Overflow)
    }
}

/// The largest magnitude among `xs`, 0 for none; NaN elements are skipped.
#[inline]
pub(crate) fn max_abs<T: Real>(xs: &[T]) -> T {
    xs.iter().fold(T::ZERO, |m, v| m.max(v.abs()))
}

/// The largest magnitude among `xs`, or `None` if one is NaN or infinite: the finiteness
/// check and the scaling decision in one pass.
#[inline]
pub(crate) fn finite_max_abs<T: Real>(xs: &[T]) -> Option<T> {
    // Four independent running maxima and sums (no long dependency chain). `0 x` is 0 for
    // a finite x and NaN for NaN or an infinity, so `bad` ends NaN exactly when an element
    // is not finite. A NaN element is skipped by the maxima (`m > acc` is false), which
    // does not matter since `bad` reports it.
    let mut acc = [T::ZERO; 4];
    let mut bad = [T::ZERO; 4];
    let chunks = xs.chunks_exact(4);
    for ((acc, bad), &x) in acc.iter_mut().zip(&mut bad).zip(chunks.remainder()) {
        *acc = x.abs();
        *bad = x * T::ZERO;
    }
    for chunk in chunks {
        for ((acc, bad), &x) in acc.iter_mut().zip(&mut bad).zip(chunk) {
            let m = x.abs();
            if m > *acc {
                *acc = m;
            }
            *bad += x * T::ZERO;
        }
    }
    let amax = acc.iter().fold(T::ZERO, |m, &x| if x > m { x } else { m });
    let bad = bad.iter().fold(T::ZERO, |s, &x| s + x);
    (bad == T::ZERO).then_some(amax)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_see_every_element() {
        assert!(all_finite::<f64>(&[]));
        assert!(all_finite(&[1.0, -0.0, f64::MAX, f64::from_bits(1)]));
        assert!(!all_finite(&[1.0, 2.0, 3.0, 4.0, f64::NAN]));
        assert!(!all_finite(&[f32::NEG_INFINITY]));
        assert_eq!(max_abs(&[1.0f64, -3.0, f64::NAN, 2.0]), 3.0);
        assert_eq!(max_abs::<f32>(&[]), 0.0);
        assert_eq!(finite_max_abs(&[1.0f64, -3.0, 2.0, 0.5]), Some(3.0));
        assert_eq!(finite_max_abs(&[1.0f64, -3.0, 2.0, 0.5, -7.0]), Some(7.0));
        assert_eq!(finite_max_abs(&[1.0f64, f64::NAN]), None);
        assert_eq!(
            finite_max_abs(&[1.0, 2.0, 3.0, 4.0, f32::NEG_INFINITY]),
            None
        );
        assert_eq!(finite_max_abs::<f64>(&[]), Some(0.0));
        assert_eq!(
            finite_or_overflow(Matrix::new([[1.0f64, f64::INFINITY]])),
            Err(Error::Overflow)
        );
    }
}
