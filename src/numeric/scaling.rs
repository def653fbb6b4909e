//! Exact scaling by powers of two.
//!
//! Multiplying by `2^k` changes no significant bit unless the result leaves the normal range,
//! so the decompositions scale their input by a power of two (to largest magnitude in
//! `[1, 2)`) when it is huge or tiny, and scale the results back: the scaled computation has
//! the unscaled one's accuracy and cannot overflow or lose bits to underflow.

use crate::error::Error;
use crate::matrix::Matrix;
use crate::numeric::{finite_max_abs, finite_or_overflow};
use crate::scalar::Real;

/// `2^k`, exactly, for `-1074 <= k <= 1023` in `f64` (`-149..=127` in `f32`): binary
/// powering of 2 or 1/2, whose every partial product is an exact power of two in range. At
/// most 32 steps (the bits of `k`).
pub(crate) fn pow2<T: Real>(k: i32) -> T {
    let mut base = if k < 0 { T::HALF } else { T::TWO };
    let mut e = k.unsigned_abs();
    let mut result = T::ONE;
    while e > 0 {
        if e & 1 == 1 {
            result *= base;
        }
        e >>= 1;
        if e > 0 {
            base = base * base;
        }
    }
    result
}

/// The binary exponent `e` of a finite non-zero `x`: `2^e <= |x| < 2^(e+1)` (subnormals
/// included).
pub(crate) fn exponent<T: Real>(x: T) -> i32 {
    let (mantissa, exp, _) = x.integer_decode();
    // mantissa != 0 for a non-zero x; its bit length is at most 64.
    let bits = 64 - mantissa.leading_zeros() as i32;
    i32::from(exp) + bits - 1
}

/// The exponent `k` such that `2^k * max_abs` lies in `[1, 2)`; 0 for zero and for a
/// non-finite `max_abs` (nothing to scale).
pub(crate) fn unit_exponent<T: Real>(max_abs: T) -> i32 {
    if max_abs == T::ZERO || !max_abs.is_finite() {
        0
    } else {
        -exponent(max_abs)
    }
}

/// The power-of-two exponent `k` by which a matrix whose largest magnitude is `amax` (finite)
/// is scaled before it is factored: `None` (no scaling) for the zero matrix and for `amax` in
/// LAPACK `dgeev`'s safe range `[smlnum, 1 / smlnum]`, `smlnum = sqrt(safe_min) / eps`
/// (`2^-459..2^459` in `f64`, `2^-40..2^40` in `f32`); otherwise the `k` that brings `amax`
/// into `[1, 2)`.
///
/// In the safe range every square and product of two elements (and every sum of up to
/// `2^40` such squares) is far from overflow, and an underflow can only lose a quantity below
/// `eps^2` times the largest element's square.
#[inline]
pub(crate) fn prescale_exponent<T: Real>(amax: T) -> Option<i32> {
    // BLUE_SCALING[0] = sqrt(safe_min), a power of two: smlnum is exact.
    let smlnum = T::BLUE_SCALING[0] / T::epsilon();
    let bignum = T::ONE / smlnum;
    if amax == T::ZERO || (amax >= smlnum && amax <= bignum) {
        None
    } else {
        Some(-exponent(amax))
    }
}

/// As [`prescale_exponent`], but a large matrix is brought to the top of the safe range
/// (`2^k amax` in `[bignum / 2, bignum)`), as LAPACK `dgeev` scales, rather than into
/// `[1, 2)`: the nonsymmetric eigensolvers then keep the small elements of a matrix with a
/// few huge ones as far above the underflow threshold as the range allows (scaled into
/// `[1, 2)`, an element `2^-127` of the largest in `f32` lands at the edge of the
/// subnormals, and the eigenvectors, which depend on it, were lost: a fuzzing finding). A
/// tiny matrix is still brought into `[1, 2)`, which lifts its small elements further from
/// underflow than `dgeev`'s `smlnum` would.
#[inline]
pub(crate) fn prescale_exponent_to_edge<T: Real>(amax: T) -> Option<i32> {
    let bignum = T::epsilon() / T::BLUE_SCALING[0];
    let k = prescale_exponent(amax)?;
    Some(if amax > bignum {
        k + exponent(bignum) - 1
    } else {
        k
    })
}

/// Multiplication by `2^k` in two exact steps, `x * 2^(k/2) * 2^(k - k/2)`, so that each
/// factor is a normal number even when `2^k` is not (`k` may reach about twice the exponent
/// range: scaling the smallest subnormal up to 1 needs `2^1074` in `f64`). Each multiplication
/// is exact unless its result is subnormal. The two factors are computed once, not per
/// element.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pow2Scale<T> {
    first: T,
    second: T,
}

impl<T: Real> Pow2Scale<T> {
    /// Multiplication by `2^k`.
    pub(crate) fn new(k: i32) -> Self {
        let half = k / 2;
        Pow2Scale {
            first: pow2(half),
            second: pow2(k - half),
        }
    }

    /// `x * 2^k`.
    #[inline]
    pub(crate) fn apply(&self, x: T) -> T {
        x * self.first * self.second
    }

    /// Scales every element of `a` in place.
    #[inline]
    pub(crate) fn apply_all<const R: usize, const C: usize>(&self, a: &mut [[T; C]; R]) {
        for x in a.iter_mut().flatten() {
            *x = self.apply(*x);
        }
    }
}

/// `2^k a` with `k` such that its largest magnitude lies in `[1, 2)` (`k = 0` for the zero
/// matrix), and `k`; `None` if an element is NaN or infinite. Exact, short of elements far
/// below the largest that land in the subnormals (they lose bits below `eps` times the
/// largest element, as any rounding of the matrix would).
pub(crate) fn normalized<T: Real, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
) -> Option<(Matrix<T, R, C>, i32)> {
    let k = unit_exponent(finite_max_abs(a.as_slice())?);
    let mut m = *a;
    Pow2Scale::new(k).apply_all(&mut m.0);
    Some((m, k))
}

/// `2^k m`, or [`Error::Overflow`] if an element leaves the range: scales a result computed
/// from normalized inputs back (`k` may combine two scalings: [`times_pow2`]).
pub(crate) fn rescaled_or_overflow<T: Real, const R: usize, const C: usize>(
    mut m: Matrix<T, R, C>,
    k: i32,
) -> Result<Matrix<T, R, C>, Error> {
    for x in m.0.iter_mut().flatten() {
        *x = times_pow2(*x, i64::from(k));
    }
    finite_or_overflow(m)
}

/// `2^k solve(b)` computed column by column as `2^(k - t_j) solve(2^t_j b_j)`, each column
/// `b_j` scaled to largest magnitude in `[1, 2)` by its own `t_j` (`solve` is linear in `b`
/// and treats the columns independently): the slow path of a linear solve whose plain
/// computation overflowed on the way although its answer may fit. One exponent for all the
/// columns would flush a column far smaller than the largest one to zero.
/// [`Error::NonFinite`] if `b` has a NaN or an infinity, [`Error::Overflow`] if the answer
/// does not fit.
#[cold]
#[inline(never)]
pub(crate) fn solve_with_normalized_rhs<T: Real, const R: usize, const K: usize, const C: usize>(
    b: &Matrix<T, R, K>,
    k: i32,
    solve: impl Fn(&Matrix<T, R, K>) -> Matrix<T, C, K>,
) -> Result<Matrix<T, C, K>, Error> {
    let (b, t) = normalized_columns(b).ok_or(Error::NonFinite)?;
    let mut x = solve(&b);
    for (j, &t_j) in t.iter().enumerate() {
        for row in x.0.iter_mut() {
            if let Some(v) = row.get_mut(j) {
                *v = times_pow2(*v, i64::from(k) - i64::from(t_j));
            }
        }
    }
    finite_or_overflow(x)
}

/// Each column of `b` times `2^t_j` with `t_j` such that its largest magnitude lies in
/// `[1, 2)` (`t_j = 0` for a zero column), and the exponents; `None` if an element is NaN or
/// infinite. Exact, short of elements far below their column's largest that land in the
/// subnormals (see [`normalized`]).
pub(crate) fn normalized_columns<T: Real, const R: usize, const K: usize>(
    b: &Matrix<T, R, K>,
) -> Option<(Matrix<T, R, K>, [i32; K])> {
    let mut m = *b;
    let mut t = [0; K];
    for (j, t_j) in t.iter_mut().enumerate() {
        let mut max_abs = T::ZERO;
        for row in &b.0 {
            let v = row.get(j).copied().unwrap_or(T::ZERO);
            if !v.is_finite() {
                return None;
            }
            max_abs = max_abs.max(v.abs());
        }
        *t_j = unit_exponent(max_abs);
        let scale = Pow2Scale::new(*t_j);
        for row in m.0.iter_mut() {
            if let Some(v) = row.get_mut(j) {
                *v = scale.apply(*v);
            }
        }
    }
    Some((m, t))
}

/// `x * 2^k` for any `k`, exact unless the result is subnormal, `0` or `inf`: `k` is first
/// clamped to `±limit`, past which every finite non-zero `x` overflows or flushes to zero as
/// it does at the limit (`2^limit` takes the smallest subnormal past the largest float), then
/// applied in steps of at most twice the exponent range (a [`Pow2Scale`] each, whose two
/// factors are then finite and non-zero), all in one direction, so a step that overflows or
/// underflows leaves what the exact product gives. At most two steps, and none once the
/// value is `0` or infinite. For exponents that combine two scalings (`2^(s - t)` for the
/// solution of a system scaled by `2^s` and `2^t`), which can reach past twice the range.
pub(crate) fn times_pow2<T: Real>(mut x: T, k: i64) -> T {
    let emax = i64::from(exponent(T::max_value()));
    let limit = emax - i64::from(exponent(T::min_positive_value() * T::epsilon())) + 2;
    let mut k = k.clamp(-limit, limit);
    while k != 0 && x != T::ZERO && x.is_finite() {
        let step = k.clamp(-2 * emax, 2 * emax);
        // |step| <= 2 emax fits an i32.
        x = Pow2Scale::new(step as i32).apply(x);
        k -= step;
    }
    x
}

/// `x * 2^k` in two exact steps (see [`Pow2Scale`]).
#[cfg(test)]
pub(crate) fn scale_pow2<T: Real>(x: T, k: i32) -> T {
    Pow2Scale::new(k).apply(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn powers_of_two_are_exact_over_the_range() {
        assert_eq!(pow2::<f64>(0), 1.0);
        assert_eq!(pow2::<f64>(10), 1024.0);
        assert_eq!(pow2::<f64>(-3), 0.125);
        assert_eq!(pow2::<f64>(1023), 2f64.powi(1023));
        assert_eq!(pow2::<f64>(-1022), f64::MIN_POSITIVE);
        assert_eq!(pow2::<f64>(-1074), f64::from_bits(1));
        assert_eq!(pow2::<f32>(-149), f32::from_bits(1));
        assert_eq!(pow2::<f32>(127), 2f32.powi(127));
        assert_eq!(scale_pow2(f64::from_bits(1), 1074), 1.0);
        assert_eq!(
            scale_pow2(f64::MAX, -2000),
            f64::MAX * 2f64.powi(-1000) * 2f64.powi(-1000)
        );
    }

    #[test]
    fn powers_of_two_beyond_the_exponent_range() {
        assert_eq!(times_pow2(1.0f64, 0), 1.0);
        assert_eq!(times_pow2(1.5f64, 1023), 1.5 * 2f64.powi(1023));
        assert_eq!(times_pow2(2f64.powi(-1000), 5000 - 4000), 1.0);
        assert_eq!(times_pow2(1.0f64, 5000), f64::INFINITY);
        assert_eq!(times_pow2(-1.0f64, 5000), f64::NEG_INFINITY);
        assert_eq!(times_pow2(1.0f64, -5000), 0.0);
        assert_eq!(times_pow2(0.0f64, 5000), 0.0);
        assert_eq!(
            times_pow2(f64::MAX, -2100),
            f64::MAX * 2f64.powi(-1000) * 2f64.powi(-1100)
        );
        assert_eq!(times_pow2(1.0f32, -149), f32::from_bits(1));
        // Past twice the exponent range: the smallest subnormal to 2^121 (two half factors
        // of 2^135 would overflow), zero stays zero (not 0 * inf).
        assert_eq!(times_pow2(f32::from_bits(1), 270), 2f32.powi(121));
        assert_eq!(times_pow2(0.0f32, 270), 0.0);
        assert_eq!(times_pow2(f32::MAX, -277), f32::from_bits(1));
        assert_eq!(times_pow2(f32::MAX, -400), 0.0);
        assert_eq!(times_pow2(f64::from_bits(1), 2000), 2f64.powi(926));
    }

    #[test]
    fn exponents_match_the_binary_representation() {
        assert_eq!(exponent(1.0f64), 0);
        assert_eq!(exponent(1.5f64), 0);
        assert_eq!(exponent(2.0f64), 1);
        assert_eq!(exponent(0.75f32), -1);
        assert_eq!(exponent(f64::from_bits(1)), -1074);
        assert_eq!(exponent(f64::MAX), 1023);
        assert_eq!(exponent(-3.0f64), 1);
        assert_eq!(unit_exponent(0.0f64), 0);
        assert_eq!(unit_exponent(f64::INFINITY), 0);
        assert_eq!(unit_exponent(3.0f64), -1);
        assert_eq!(unit_exponent(f32::from_bits(1)), 149);
    }

    #[test]
    fn prescaling_only_outside_the_safe_range() {
        assert_eq!(prescale_exponent(0.0f64), None);
        assert_eq!(prescale_exponent(1.0f64), None);
        assert_eq!(prescale_exponent(2f64.powi(459)), None);
        assert_eq!(prescale_exponent(2f64.powi(-459)), None);
        assert_eq!(prescale_exponent(2f64.powi(460)), Some(-460));
        assert_eq!(prescale_exponent(1e-300f64), Some(997));
        assert_eq!(prescale_exponent(2f32.powi(40)), None);
        assert_eq!(prescale_exponent(2f32.powi(41)), Some(-41));
    }
}
