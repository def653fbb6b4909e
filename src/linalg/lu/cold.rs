//! The uncommon paths, out of line: a zero or non-finite pivot, and finite matrices or
//! right-hand sides so close to the ends of the floating-point range that the plain
//! computation overflows although the answer does not.
//!
//! The remedy is exact power-of-two scaling ([`Pow2Scale`]): `A' = 2^s A` with the largest
//! magnitude of `A'` in `[1, 2)` factors without overflow (partial pivoting bounds the growth
//! by `2^(n-1)`), `b' = 2^t b` likewise, and the answers follow exactly:
//! `A^-1 b = 2^(s - t) A'^-1 b'`, `det A = 2^(-s n) det A'`. Only the final rescaling can
//! overflow or underflow, and then the exact answer does too (to within one rounding).

use super::Lu;
use super::elimination::tiny_pivot;
use crate::error::Error;
use crate::matrix::Matrix;
use crate::numeric::{
    Pow2Scale, exponent, finite_or_overflow, max_abs, normalized, normalized_columns, times_pow2,
};
use crate::scalar::Real;

/// The factorization of `a`, or, when `a` is finite but its factors overflow or its elements
/// are all below [`tiny_pivot`] (where the factors would lose digits to underflow), of `2^s a`
/// (largest magnitude in `[1, 2)`, [`normalized`]): `(lu, s)`, with `s = 0` for `a`
/// itself. (The zero matrix is its own scaling: `s = 0`.) The errors in their order: [`Error::NonFinite`] for a NaN or infinite element,
/// [`Error::Overflow`] if even the scaled factors do not fit (beyond the sizes the crate is
/// for).
pub(super) fn factor_in_range<T: Real, const N: usize>(
    a: &Matrix<T, N, N>,
) -> Result<(Lu<T, N>, i32), Error> {
    let lu = Lu::factor(a);
    match lu.usable(a) {
        Ok(()) if max_abs(a.as_slice()) >= tiny_pivot() => Ok((lu, 0)),
        Ok(()) | Err(Error::Overflow) => {
            // `a` is finite here (`usable` checked it first).
            let Some((scaled, s)) = normalized(a) else {
                return Err(Error::NonFinite);
            };
            let lu = Lu::factor(&scaled);
            lu.usable(&scaled)?;
            Ok((lu, s))
        }
        Err(e) => Err(e),
    }
}

impl<T: Real, const N: usize> Lu<T, N> {
    /// `2^k A^-1 b` for the factored `A`, one column at a time by
    /// [`substitute_scaled`](Lu::substitute_scaled), which keeps every step in range, and the
    /// result scaled back once: the slow path of a solve whose plain substitution overflowed.
    /// (The columns are not normalized first: against a large `U`, a right-hand side scaled
    /// down would give solutions that underflow.) [`Error::Singular`] for a zero pivot,
    /// [`Error::NonFinite`] for a NaN or infinity in `b`, [`Error::Overflow`] if the result
    /// does not fit.
    #[cold]
    #[inline(never)]
    pub(super) fn solve_times_pow2<const K: usize>(
        &self,
        b: &Matrix<T, N, K>,
        k: i32,
    ) -> Result<Matrix<T, N, K>, Error> {
        if let Some(index) = self.first_zero_pivot {
            return Err(Error::Singular { index });
        }
        let mut x = Matrix::<T, N, K>::zeros();
        for j in 0..K {
            // Column j of the permuted b (`rows` is a permutation of 0..N, so `get` always
            // finds the row).
            let mut column = [T::ZERO; N];
            for (c, &r) in column.iter_mut().zip(&self.rows) {
                let v = b.0.get(r).and_then(|row| row.get(j)).copied();
                *c = v.unwrap_or(T::ZERO);
                if !c.is_finite() {
                    return Err(Error::NonFinite);
                }
            }
            let e = self.substitute_scaled(&mut column)?;
            for (row, &v) in x.0.iter_mut().zip(&column) {
                if let Some(out) = row.get_mut(j) {
                    *out = times_pow2(v, i64::from(k) + e);
                }
            }
        }
        finite_or_overflow(x)
    }

    /// `2^k A^-1 b` as [`solve_times_pow2`](Lu::solve_times_pow2), with each column `b_j`
    /// first scaled to largest magnitude in `[1, 2)` by its own `2^t_j` (and `2^(k - t_j)`
    /// applied to its solution): for a factorization of a matrix scaled up from the
    /// subnormals, whose right-hand sides are as small. [`Error::Singular`] for a zero pivot,
    /// [`Error::NonFinite`] for a NaN or infinity in `b`, [`Error::Overflow`] if the result
    /// does not fit.
    pub(super) fn solve_normalized_columns<const K: usize>(
        &self,
        b: &Matrix<T, N, K>,
        k: i32,
    ) -> Result<Matrix<T, N, K>, Error> {
        if let Some(index) = self.first_zero_pivot {
            return Err(Error::Singular { index });
        }
        let (b, t) = normalized_columns(b).ok_or(Error::NonFinite)?;
        let mut x = Matrix::<T, N, K>::zeros();
        for (j, &t_j) in t.iter().enumerate() {
            let column = Matrix::<T, N, 1>::from_fn(|i, _| b.0[i][j]);
            let solved = self.solve_times_pow2(&column, k - t_j)?;
            for (row, solved) in x.0.iter_mut().zip(&solved.0) {
                row[j] = solved[0];
            }
        }
        Ok(x)
    }

    /// Forward substitution with `L`, then back substitution with `U`, of one right-hand side
    /// (already permuted), with every step kept in range: when a step would overflow, the
    /// whole partial solution is scaled down by `2^-h` (`h` half the exponent range) and the
    /// step is taken again, as LAPACK's `xLATRS` does. Returns `e` with the solution equal
    /// to `2^e x`. At most [`RESCALES`] rescalings per step (enough for any finite operands:
    /// a product of two finite values or a quotient by the smallest subnormal is back in range
    /// after scaling by twice the exponent range plus the subnormal one); more is
    /// [`Error::Overflow`].
    fn substitute_scaled(&self, x: &mut [T; N]) -> Result<i64, Error> {
        let h = exponent(T::max_value()) / 2;
        let down = Pow2Scale::new(-h);
        let mut e = 0i64;
        let lu = &self.packed.0;
        // One step `x[i] = f(x)`, retried on rescaled `x` while it overflows.
        let mut step = |x: &mut [T; N], i: usize, f: &dyn Fn(&[T; N]) -> T| -> Result<(), Error> {
            for _ in 0..=RESCALES {
                let v = f(x);
                if v.is_finite() {
                    if let Some(slot) = x.get_mut(i) {
                        *slot = v;
                    }
                    return Ok(());
                }
                for v in x.iter_mut() {
                    *v = down.apply(*v);
                }
                e += i64::from(h);
            }
            Err(Error::Overflow)
        };
        for (i, row) in lu.iter().enumerate() {
            for (k, &l) in row.iter().enumerate().take(i) {
                step(x, i, &|x| at(x, i) - l * at(x, k))?;
            }
        }
        for (i, row) in lu.iter().enumerate().rev() {
            for (k, &u) in row.iter().enumerate().skip(i + 1) {
                step(x, i, &|x| at(x, i) - u * at(x, k))?;
            }
            let pivot = row.get(i).copied().unwrap_or(T::ONE);
            step(x, i, &|x| at(x, i) / pivot)?;
        }
        Ok(e)
    }
}

/// Rescalings allowed per step of [`Lu::substitute_scaled`].
const RESCALES: usize = 8;

/// `x[i]`, or 0 past the end (never: the callers' indices are below `N`).
#[inline]
fn at<T: Real, const N: usize>(x: &[T; N], i: usize) -> T {
    x.get(i).copied().unwrap_or(T::ZERO)
}

/// [`Matrix::lu`] when a pivot is zero or not finite.
#[cold]
#[inline(never)]
pub(super) fn lu_cold<T: Real, const N: usize>(a: &Matrix<T, N, N>) -> Result<Lu<T, N>, Error> {
    let lu = Lu::factor(a);
    lu.usable(a)?;
    Ok(lu)
}

/// [`Matrix::inverse`] by LU when a pivot is zero or not finite (and for the 2x2 closed
/// form's hand-over): the errors in their order, and the scaled factorization when the
/// factors of a finite matrix overflow (`A^-1 = 2^s (2^s A)^-1`).
#[cold]
#[inline(never)]
pub(super) fn inverse_cold<T: Real, const N: usize>(
    a: &Matrix<T, N, N>,
) -> Result<Matrix<T, N, N>, Error> {
    match factor_in_range(a)? {
        (lu, 0) => lu.inverse(),
        (lu, s) => lu.solve_times_pow2(&Matrix::identity(), s),
    }
}

/// [`Matrix::solve`] when a pivot is zero or not finite: the errors in their order, and the
/// scaled factorization when the factors of a finite matrix overflow
/// (`A^-1 b = 2^s (2^s A)^-1 b`).
#[cold]
#[inline(never)]
pub(super) fn solve_cold<T: Real, const N: usize, const K: usize>(
    a: &Matrix<T, N, N>,
    b: &Matrix<T, N, K>,
) -> Result<Matrix<T, N, K>, Error> {
    match factor_in_range(a)? {
        (lu, 0) => lu.solve(b),
        // A tiny `a`, scaled up: each column of `b` is scaled into range too (on its own), so
        // that the substitutions do not round at its scale either.
        (lu, s) if s > 0 => lu.solve_normalized_columns(b, s),
        (lu, s) => lu.solve_times_pow2(b, s),
    }
}

/// The rare end of [`Matrix::det`], when the factorization of `a` has a zero pivot or
/// pivots outside the plain product's range: factors `a` again (so that the common path
/// need not keep the factorization in memory for this call). NaN if `a` is not finite; when
/// its factors overflow, `2^(-s N) det(2^s A)`, which is `±inf` only where the exact
/// determinant is beyond the range.
#[cold]
#[inline(never)]
pub(super) fn det_cold<T: Real, const N: usize>(a: &Matrix<T, N, N>) -> T {
    match factor_in_range(a) {
        Err(_) => T::nan(),
        Ok((lu, 0)) => lu.det(),
        Ok((lu, s)) => times_pow2(lu.det(), -i64::from(s) * N as i64),
    }
}
