//! Householder reflectors and the small numerical kernels that the QR factorization, the
//! Hessenberg reduction and the Schur (QR-iteration) code share.
//!
//! A reflector is `H = I - tau * v * v^T` with `v[0] = 1`, built as LAPACK's `dlarfg` builds
//! it: `H * [alpha; x] = [beta; 0]` with `beta = -sign(alpha) * ||[alpha; x]||`, and
//! `tau = 0` (so `H = I`) when `x` is already zero. That sign rule is what makes `R`'s
//! diagonal equal to NumPy's (`np.linalg.qr` calls `dgeqrf`, which calls `dlarfg`).

use crate::matrix::Matrix;
use crate::scalar::Real;

/// The Euclidean norm of `x`, safe from overflow and underflow.
///
/// The sum of squares is used directly when it is finite and far from the subnormal range;
/// otherwise the elements are scaled by the largest magnitude first.
pub(crate) fn norm2<T: Real>(x: &[T]) -> T {
    let mut sum = T::zero();
    for &v in x {
        sum += v * v;
    }
    let n = T::from(x.len()).unwrap_or_else(T::max_value);
    let tiny = T::min_positive_value() / T::epsilon() * n;
    if sum.is_finite() && sum >= tiny {
        return sum.sqrt();
    }
    let amax = x.iter().fold(T::zero(), |m, v| m.max(v.abs()));
    if amax == T::zero() || !amax.is_finite() {
        return amax;
    }
    let mut scaled = T::zero();
    for &v in x {
        let s = v / amax;
        scaled += s * s;
    }
    amax * scaled.sqrt()
}

/// Builds the reflector that maps `[alpha; x]` to `[beta; 0]` (LAPACK `dlarfg`).
///
/// Overwrites `x` with the tail of `v` (the head `v[0] = 1` is implicit) and returns
/// `(beta, tau)`. When `x` is zero, `tau = 0`, `beta = alpha` and `x` is left as it is.
pub(crate) fn make_reflector<T: Real>(alpha: T, x: &mut [T]) -> (T, T) {
    let mut xnorm = norm2(x);
    if xnorm == T::zero() {
        return (alpha, T::zero());
    }
    let mut alpha = alpha;
    let mut beta = -alpha.hypot(xnorm).copysign(alpha);
    // LAPACK's dlamch('S') / dlamch('E'): below this, 1 / beta would overflow.
    let two = T::one() + T::one();
    let safmin = T::min_positive_value() / (T::epsilon() / two);
    let mut knt = 0;
    if beta.abs() < safmin {
        // beta (hence every element) is tiny: rescale, at most 20 times (as LAPACK).
        let rsafmn = T::one() / safmin;
        loop {
            knt += 1;
            for v in x.iter_mut() {
                *v *= rsafmn;
            }
            beta *= rsafmn;
            alpha *= rsafmn;
            if !(beta.abs() < safmin && knt < 20) {
                break;
            }
        }
        xnorm = norm2(x);
        beta = -alpha.hypot(xnorm).copysign(alpha);
    }
    let tau = (beta - alpha) / beta;
    let scale = T::one() / (alpha - beta);
    for v in x.iter_mut() {
        *v *= scale;
    }
    for _ in 0..knt {
        beta *= safmin;
    }
    (beta, tau)
}

/// Applies `H = I - tau v v^T` from the left to rows `r0..r0 + v.len()`, columns `c0..c1` of
/// `a`: `w = tau v^T A`, then `A -= v w` (LAPACK `dlarf`, side `'L'`). `v` includes its
/// leading 1.
pub(crate) fn reflect_rows<T: Real, const R: usize, const C: usize>(
    a: &mut [[T; C]; R],
    v: &[T],
    tau: T,
    r0: usize,
    (c0, c1): (usize, usize),
) {
    let mut w = [T::zero(); C];
    for (row, &vr) in a.iter().skip(r0).zip(v) {
        for (wc, &x) in w[c0..c1].iter_mut().zip(&row[c0..c1]) {
            *wc += vr * x;
        }
    }
    for wc in w[c0..c1].iter_mut() {
        *wc *= tau;
    }
    for (row, &vr) in a.iter_mut().skip(r0).zip(v) {
        for (x, &wc) in row[c0..c1].iter_mut().zip(&w[c0..c1]) {
            *x -= wc * vr;
        }
    }
}

/// Applies `H = I - tau v v^T` from the right to rows `r0..r1`, columns `c0..c0 + v.len()`
/// of `a` (LAPACK `dlarf`, side `'R'`). `v` includes its leading 1.
pub(crate) fn reflect_cols<T: Real, const R: usize, const C: usize>(
    a: &mut [[T; C]; R],
    v: &[T],
    tau: T,
    (r0, r1): (usize, usize),
    c0: usize,
) {
    for row in a[r0..r1].iter_mut() {
        let part = &mut row[c0..c0 + v.len()];
        let w = part
            .iter()
            .zip(v)
            .fold(T::zero(), |s, (&x, &vc)| s + x * vc);
        let tw = tau * w;
        for (x, &vc) in part.iter_mut().zip(v) {
            *x -= tw * vc;
        }
    }
}

/// The largest magnitude among the elements, or NaN-free `0` for an empty slice.
pub(crate) fn max_abs<T: Real>(x: &[T]) -> T {
    x.iter().fold(T::zero(), |m, v| m.max(v.abs()))
}

/// `2^k`, exactly, for `-1074 <= k <= 1023` in `f64` (`-149..=127` in `f32`): binary
/// powering of 2 or 1/2, whose every partial product is an exact power of two in range.
pub(crate) fn pow2<T: Real>(k: i32) -> T {
    let two = T::one() + T::one();
    let mut base = if k < 0 { T::one() / two } else { two };
    let mut e = k.unsigned_abs();
    let mut result = T::one();
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

/// The binary exponent `e` of a finite non-zero `x`: `2^e <= |x| < 2^(e+1)`.
pub(crate) fn exponent<T: Real>(x: T) -> i32 {
    let (mantissa, exp, _) = x.integer_decode();
    // mantissa != 0 for a non-zero x; its bit length is at most 64.
    let bits = 64 - mantissa.leading_zeros() as i32;
    i32::from(exp) + bits - 1
}

/// Multiplies `x` by `2^k` in two exact steps, so that `2^k` itself need not be
/// representable (`k` may reach about twice the exponent range).
pub(crate) fn scale_pow2<T: Real>(x: T, k: i32) -> T {
    let half = k / 2;
    x * pow2::<T>(half) * pow2::<T>(k - half)
}

/// The power-of-two exponent `s` that brings the largest magnitude of `a` into `[1, 2)`,
/// or `None` for a zero matrix. `a` must be finite.
pub(crate) fn normalizing_exponent<T: Real, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
) -> Option<i32> {
    let amax = max_abs(a.as_slice());
    if amax == T::zero() {
        None
    } else {
        Some(-exponent(amax))
    }
}

/// Whether every element of `a` is finite.
pub(crate) fn all_finite<T: Real, const R: usize, const C: usize>(a: &Matrix<T, R, C>) -> bool {
    a.iter().all(|v| v.is_finite())
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
        assert_eq!(scale_pow2(f64::from_bits(1), 1074), 1.0);
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
    }

    #[test]
    fn reflector_maps_onto_the_first_axis() {
        let mut x = [4.0f64];
        let (beta, tau) = make_reflector(3.0, &mut x);
        assert_eq!(beta, -5.0);
        // H [3, 4] = [beta, 0] with v = [1, x[0]].
        let v = [1.0, x[0]];
        let w = v[0] * 3.0 + v[1] * 4.0;
        assert!((3.0 - tau * w * v[0] - beta).abs() < 1e-15);
        assert!((4.0 - tau * w * v[1]).abs() < 1e-15);
        let mut zero = [0.0f64; 2];
        assert_eq!(make_reflector(-2.0, &mut zero), (-2.0, 0.0));
    }

    #[test]
    fn norm_survives_extremes() {
        let big = norm2(&[3e300f64, 4e300]);
        assert!((big - 5e300).abs() <= 4.0 * f64::EPSILON * 5e300);
        let small = norm2(&[3e-300f64, 4e-300]);
        assert!((small - 5e-300).abs() <= 4.0 * f64::EPSILON * 5e-300);
        assert_eq!(norm2::<f64>(&[]), 0.0);
    }
}
