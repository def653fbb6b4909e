//! The product of many factors without spurious overflow or underflow: determinants as the
//! product of pivots (LU) or of squared diagonal entries (Cholesky).

use crate::scalar::Real;

/// The product of `factors`, rescaled by exact powers of two as it goes so that no partial
/// product overflows or underflows unless the whole product does.
///
/// Invariant: the product so far is `p * 2^(scale_exp * e)`, with `p` and each factor kept
/// in `[t_small, t_big]` (Blue's thresholds, [`Real::BLUE_SCALING`]), so each product lands
/// in `[t_small^2, t_big^2]`, inside the normal range. Every rescaling multiplies by a power
/// of two in the normal range, which is exact, so the result carries only the roundings of
/// the `n - 1` products, plus one if it is subnormal (the final rescaling rounds once: an
/// earlier step can reach the subnormals only when the result rounds to zero anyway).
/// NaN propagates; an infinite factor gives `±inf` (or NaN with a zero).
///
/// The common case rescales nothing: see [`plain_product`].
#[inline]
pub(crate) fn scaled_product<T: Real, I>(factors: I, count: usize) -> T
where
    I: IntoIterator<Item = T>,
    I::IntoIter: Clone,
{
    let factors = factors.into_iter();
    match plain_product(factors.clone(), count) {
        Some(p) => p,
        None => rescaled_product(factors),
    }
}

/// The plain left-to-right product of `factors` (`count` of them, or fewer) when it is
/// the same bits as [`scaled_product`]'s, else `None`.
///
/// That is when each factor is in `[2^-a, 2^a]` with `a = floor(log2(t_big) / count)`:
/// every partial product is then in `[2^-(a count), 2^(a count)]`, inside
/// `[t_small, t_big]`, so [`rescaled_product`] performs exactly these multiplications and
/// no rescaling (`e` stays 0). The test is on the factors alone, off the chain of partial
/// products, and on their extremes: a NaN factor, which `min` and `max` skip, makes the
/// product NaN, as the rescaled one. A `Some` also tells that every factor is finite and
/// non-zero.
#[inline]
pub(crate) fn plain_product<T: Real>(
    factors: impl IntoIterator<Item = T>,
    count: usize,
) -> Option<T> {
    let [lo, hi] = plain_product_range::<T>(count);
    let mut p = T::ONE;
    let mut in_range = true;
    for f in factors {
        p *= f;
        in_range &= (f.abs() >= lo) & (f.abs() <= hi);
    }
    in_range.then_some(p)
}

/// `[2^-a, 2^a]` with `a = floor(log2(t_big) / count)` (`t_big` from
/// [`Real::BLUE_SCALING`]; `2^a <= t_big` and `2^-a >= t_small`). Constant-folded: the
/// exponent comes from the bits of a constant.
#[inline(always)]
fn plain_product_range<T: Real>(count: usize) -> [T; 2] {
    let [_, t_big, _, _] = T::BLUE_SCALING;
    // t_big is a power of two, exactly an f64: its exponent is in the f64 bits.
    let t_big = t_big.to_f64().unwrap_or(1.0);
    let exponent = ((t_big.to_bits() >> 52) & 0x7ff) as usize;
    let a = exponent.saturating_sub(1023) / count.max(1);
    let hi = f64::from_bits(((1023 + a) as u64) << 52);
    let lo = f64::from_bits(((1023 - a) as u64) << 52);
    [T::from(lo).unwrap_or(T::ONE), T::from(hi).unwrap_or(T::ONE)]
}

/// [`scaled_product`] when a value leaves `[t_small, t_big]`.
#[cold]
#[inline(never)]
pub(crate) fn rescaled_product<T: Real>(factors: impl Iterator<Item = T>) -> T {
    let [t_small, t_big, _, s_big] = T::BLUE_SCALING;
    let up = T::ONE / s_big; // an exact power of two
    // Brings `x` into [t_small, t_big] and returns the change of `e` it needs: at most two
    // steps up (for subnormal `x`), one down.
    let normalize = |x: &mut T| -> i32 {
        if x.abs() > t_big {
            *x *= s_big;
            1
        } else if x.abs() < t_small && *x != T::ZERO {
            *x *= up;
            if x.abs() < t_small {
                *x *= up;
                -2
            } else {
                -1
            }
        } else {
            0
        }
    };
    let mut p = T::ONE;
    let mut e: i32 = 0;
    for mut f in factors {
        e = e.saturating_add(normalize(&mut f));
        p *= f;
        e = e.saturating_add(normalize(&mut p));
    }
    // p * up^e, each step exact until the result overflows or rounds into the subnormals.
    if e > 0 {
        for _ in 0..e {
            p *= up;
        }
    } else {
        for _ in e..0 {
            p *= s_big;
        }
    }
    p
}
