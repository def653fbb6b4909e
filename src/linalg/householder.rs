//! Householder reflectors and the small numerical kernels that the QR factorization, the
//! Hessenberg reduction and the Schur (QR-iteration) code share.
//!
//! A reflector is `H = I - tau * v * v^T` with `v[0] = 1`, built as LAPACK's `dlarfg` builds
//! it: `H * [alpha; x] = [beta; 0]` with `beta = -sign(alpha) * ||[alpha; x]||`, and
//! `tau = 0` (so `H = I`) when `x` is already zero. That sign rule is what makes `R`'s
//! diagonal equal to NumPy's (`np.linalg.qr` calls `dgeqrf`, which calls `dlarfg`).
//!
//! # Scaling
//! The decompositions built on these kernels work on the input as it is when its largest
//! magnitude lies in LAPACK `dgeev`'s safe range `[smlnum, 1 / smlnum]` with
//! `smlnum = sqrt(safe_min) / eps` (`2^-459..2^459` in `f64`, `2^-40..2^40` in `f32`), and
//! otherwise first scale it by a power of two (exactly) to largest magnitude in `[1, 2)`
//! ([`prescale_exponent`]). In the safe range every square and product of two elements (and
//! every sum of up to `2^40` such squares) is far from overflow, and an underflow can only
//! lose a quantity below `eps^2` times the largest element's square: the computation is the
//! scaled one up to such negligible underflow.

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
    if sum.is_finite() && sum >= tiny_sum_of_squares::<T>(x.len()) {
        return sum.sqrt();
    }
    scaled_norm2(x)
}

/// The smallest sum of `n` squares that is used as it is: below it, squares that underflowed
/// (each losing at most `min_positive`) could make up more than `eps` of the sum.
#[inline]
fn tiny_sum_of_squares<T: Real>(n: usize) -> T {
    let n = T::from(n).unwrap_or_else(T::max_value);
    T::min_positive_value() / T::epsilon() * n
}

/// The slow half of [`norm2`]: every element divided by the largest magnitude first.
#[cold]
#[inline(never)]
fn scaled_norm2<T: Real>(x: &[T]) -> T {
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
///
/// `|beta|` is computed as `sqrt(alpha^2 + sum x_i^2)` when neither that sum nor the sum
/// over `x` alone comes near overflow or the subnormal range (then no square lost more than
/// `eps` of the sum, as in [`norm2`]); its rounding error is then at most that of
/// `dlarfg`'s `hypot(alpha, ||x||)` (one rounded square root fewer). Otherwise the
/// overflow- and underflow-safe path of `dlarfg` runs.
#[inline]
pub(crate) fn make_reflector<T: Real>(alpha: T, x: &mut [T]) -> (T, T) {
    let mut sum = T::zero();
    for &v in x.iter() {
        sum += v * v;
    }
    let total = alpha * alpha + sum;
    let tiny = tiny_sum_of_squares::<T>(x.len());
    // (`sum > 0` as well: an empty `x` has `tiny = 0`.)
    if sum > T::zero() && sum >= tiny && total <= T::max_value() {
        // |beta| >= sqrt(tiny) > safmin: no rescaling is needed.
        let beta = -total.sqrt().copysign(alpha);
        let tau = (beta - alpha) / beta;
        let scale = T::one() / (alpha - beta);
        for v in x.iter_mut() {
            *v *= scale;
        }
        return (beta, tau);
    }
    make_reflector_safe(alpha, x)
}

/// [`make_reflector`] for columns whose sum of squares is zero, tiny or huge: LAPACK
/// `dlarfg` as it is (the norm by [`norm2`], `beta` by `hypot`, rescaling of tiny columns).
#[cold]
#[inline(never)]
fn make_reflector_safe<T: Real>(alpha: T, x: &mut [T]) -> (T, T) {
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
/// leading 1. Row by row, so every inner loop runs along a contiguous row.
#[inline]
pub(crate) fn reflect_rows<T: Real, const R: usize, const C: usize>(
    a: &mut [[T; C]; R],
    v: &[T],
    tau: T,
    r0: usize,
    (c0, c1): (usize, usize),
) {
    let Some((&v0, v_rest)) = v.split_first() else {
        return;
    };
    if r0 >= R || c0 >= c1 || c1 > C {
        return;
    }
    // w starts as v[0] times row r0 (no zero fill): 0 + v0 x would round the same.
    let mut w: [T; C] = a[r0];
    for wc in w[c0..c1].iter_mut() {
        *wc *= v0;
    }
    for (row, &vr) in a[r0 + 1..].iter().zip(v_rest) {
        for (wc, &x) in w[c0..c1].iter_mut().zip(&row[c0..c1]) {
            *wc += vr * x;
        }
    }
    for wc in w[c0..c1].iter_mut() {
        *wc *= tau;
    }
    for (row, &vr) in a[r0..].iter_mut().zip(v) {
        for (x, &wc) in row[c0..c1].iter_mut().zip(&w[c0..c1]) {
            *x -= wc * vr;
        }
    }
}

/// Applies `H = I - tau v v^T` (`v[r0] = 1` implied, its tail in `v[r0 + 1..r1]`) from the
/// left to rows `r0..r1` and columns `c0..` of `a`, as [`reflect_rows`] does: `w = tau v^T A`,
/// then `A -= v w`; but `v^T A` is formed as two partial sums over alternate rows, added at
/// the end, which halves the latency of one running sum and has an error bound no larger
/// (each partial sum has at most half the terms; Higham, *Accuracy and Stability*, §4.2).
///
/// The loops run over whole rows, a constant trip count; `w` is zero in columns `0..c0`,
/// whose entries in rows `r0..r1` therefore receive only a signed zero: every non-zero entry
/// is left exactly as it is, and the caller makes sure that the sign of a zero there does
/// not matter (it overwrites those entries afterwards, or they are zero and stay so).
#[inline]
pub(crate) fn reflect_rows_masked<T: Real, const R: usize, const N: usize>(
    a: &mut [[T; N]; R],
    v: &[T; R],
    tau: T,
    (r0, r1): (usize, usize),
    c0: usize,
) {
    if c0 >= N || r1 > R || r0 >= r1 {
        return;
    }
    let (head, rest) = a[r0..r1].split_at_mut(1);
    let head = &mut head[0];
    let vs = &v[r0 + 1..r1];
    // w = row r0 (v[r0] = 1) + sum_r v[r] row r.
    let mut w = *head;
    let mut w_odd = [T::zero(); N];
    let (row_pairs, v_pairs) = (rest.chunks_exact(2), vs.chunks_exact(2));
    if let (Some(row), Some(&vr)) = (row_pairs.remainder().first(), v_pairs.remainder().first()) {
        for (wo, &x) in w_odd.iter_mut().zip(row) {
            *wo = vr * x;
        }
    }
    for (rows, vr) in row_pairs.zip(v_pairs) {
        for (((we, wo), &x0), &x1) in w.iter_mut().zip(&mut w_odd).zip(&rows[0]).zip(&rows[1]) {
            *we += vr[0] * x0;
            *wo += vr[1] * x1;
        }
    }
    for (c, (wc, &wo)) in w.iter_mut().zip(&w_odd).enumerate() {
        *wc = if c >= c0 { (*wc + wo) * tau } else { T::zero() };
    }
    for (x, &wc) in head.iter_mut().zip(&w) {
        *x -= wc;
    }
    for (row, &vr) in rest.iter_mut().zip(vs) {
        for (x, &wc) in row.iter_mut().zip(&w) {
            *x -= wc * vr;
        }
    }
}

/// Applies `H = I - tau v v^T` from the right to rows `r0..r1`, columns `c0..c0 + v.len()`
/// of `a` (LAPACK `dlarf`, side `'R'`). `v` includes its leading 1.
#[inline]
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

/// The largest magnitude among the elements of `a`, or `None` if one is NaN or infinite:
/// the finiteness check and the scaling decision in one pass.
#[inline]
pub(crate) fn finite_max_abs<T: Real, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
) -> Option<T> {
    // Four independent running maxima and sums (no long dependency chain). `0 x` is 0 for
    // a finite x and NaN for NaN or an infinity, so `bad` ends NaN exactly when an element
    // is not finite. A NaN element is skipped by the maxima (`m > acc` is false), which
    // does not matter since `bad` reports it.
    let mut acc = [T::zero(); 4];
    let mut bad = [T::zero(); 4];
    let chunks = a.as_slice().chunks_exact(4);
    for (k, &x) in chunks.remainder().iter().enumerate() {
        let m = x.abs();
        acc[k] = m;
        bad[k] = x * T::zero();
    }
    for chunk in chunks {
        for ((acc, bad), &x) in acc.iter_mut().zip(&mut bad).zip(chunk) {
            let m = x.abs();
            if m > *acc {
                *acc = m;
            }
            *bad += x * T::zero();
        }
    }
    let amax = acc
        .iter()
        .fold(T::zero(), |m, &x| if x > m { x } else { m });
    let bad = bad.iter().fold(T::zero(), |s, &x| s + x);
    (bad == T::zero()).then_some(amax)
}

/// The power-of-two exponent `s` by which a matrix whose largest magnitude is `amax` (finite)
/// is scaled before it is factored: `None` (no scaling) for the zero matrix and for `amax` in
/// LAPACK `dgeev`'s safe range `[smlnum, 1 / smlnum]`, `smlnum = sqrt(safe_min) / eps`;
/// otherwise the `s` that brings `amax` into `[1, 2)`.
#[inline]
pub(crate) fn prescale_exponent<T: Real>(amax: T) -> Option<i32> {
    // BLUE_SCALING[0] = sqrt(safe_min), a power of two: smlnum is exact.
    let smlnum = T::BLUE_SCALING[0] / T::epsilon();
    let bignum = T::one() / smlnum;
    if amax == T::zero() || (amax >= smlnum && amax <= bignum) {
        None
    } else {
        Some(-exponent(amax))
    }
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

/// Multiplication by `2^k` in two exact steps, `x * 2^(k/2) * 2^(k - k/2)`, so that `2^k`
/// itself need not be representable (`k` may reach about twice the exponent range). The two
/// factors are computed once, not per element.
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

/// Multiplies `x` by `2^k` in two exact steps, so that `2^k` itself need not be
/// representable (`k` may reach about twice the exponent range).
#[cfg(test)]
pub(crate) fn scale_pow2<T: Real>(x: T, k: i32) -> T {
    Pow2Scale::new(k).apply(x)
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

    #[test]
    fn fast_and_safe_reflectors_agree() {
        // The plain sum of squares and LAPACK's hypot path give the same reflector to
        // rounding.
        let cases: [(f64, [f64; 3]); 4] = [
            (0.3, [0.4, -1.2, 0.7]),
            (-2.0, [1e-3, 5.0, -0.25]),
            (1e-200, [1e-201, 3e-200, 0.0]),
            (7e150, [-1e150, 2e150, 5e149]),
        ];
        for (alpha, x) in cases {
            let mut fast = x;
            let mut safe = x;
            let (b1, t1) = make_reflector(alpha, &mut fast);
            let (b2, t2) = make_reflector_safe(alpha, &mut safe);
            assert!((b1 - b2).abs() <= 4.0 * f64::EPSILON * b2.abs());
            assert!((t1 - t2).abs() <= 8.0 * f64::EPSILON * t2.abs());
            for (u, w) in fast.iter().zip(&safe) {
                assert!((u - w).abs() <= 8.0 * f64::EPSILON * w.abs().max(1.0));
            }
        }
        // Tiny and huge columns take the safe path.
        let mut tiny = [3e-310f64, 4e-310];
        let (beta, _) = make_reflector(0.0, &mut tiny);
        assert!((beta + 5e-310).abs() <= 1e-323);
        let mut huge = [f64::MAX / 2.0];
        let (beta, _) = make_reflector(f64::MAX / 2.0, &mut huge);
        assert!((beta + f64::MAX / 2.0 * 2f64.sqrt()).abs() <= 1e-15 * f64::MAX);
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
        let m = Matrix::new([[1.0f64, -3.0], [2.0, 0.5]]);
        assert_eq!(finite_max_abs(&m), Some(3.0));
        assert_eq!(finite_max_abs(&Matrix::new([[1.0f64, f64::NAN]])), None);
        assert_eq!(finite_max_abs(&Matrix::new([[f32::NEG_INFINITY]])), None);
    }
    #[test]
    fn empty_tail_gives_the_identity_reflector() {
        assert_eq!(make_reflector(2.0f64, &mut []), (2.0, 0.0));
        assert_eq!(make_reflector(0.0f64, &mut []), (0.0, 0.0));
        assert_eq!(make_reflector(-1.5f32, &mut [0.0, 0.0]), (-1.5, 0.0));
    }

    #[test]
    fn masked_reflection_matches_the_plain_one() {
        let mut a = [[0.0f64; 5]; 6];
        for (i, row) in a.iter_mut().enumerate() {
            for (j, x) in row.iter_mut().enumerate() {
                *x = ((i * 7 + j * 3) % 11) as f64 - 4.5 + 0.25 * j as f64;
            }
        }
        let mut v = [0.0f64; 6];
        for (r, vr) in v.iter_mut().enumerate().skip(2) {
            *vr = 0.1 * r as f64 - 0.35;
        }
        let tau = 1.3;
        for (r0, r1, c0) in [(1, 6, 2), (1, 5, 0), (0, 6, 1), (3, 4, 4)] {
            let mut plain = a;
            let mut tail = v;
            tail[r0] = 1.0;
            reflect_rows(&mut plain, &tail[r0..r1], tau, r0, (c0, 5));
            let mut masked = a;
            reflect_rows_masked(&mut masked, &v, tau, (r0, r1), c0);
            for (i, (p, m)) in plain.iter().zip(&masked).enumerate() {
                for (j, (x, y)) in p.iter().zip(m).enumerate() {
                    if j < c0 || i < r0 || i >= r1 {
                        // Untouched (the entries here are non-zero).
                        assert_eq!(x, y);
                        assert_eq!(*y, a[i][j]);
                    } else {
                        assert!((x - y).abs() <= 8.0 * f64::EPSILON * 40.0, "{i} {j}");
                    }
                }
            }
        }
    }
}
