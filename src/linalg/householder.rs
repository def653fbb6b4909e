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
//! ([`prescale_exponent`](crate::numeric::prescale_exponent)). In the safe range every square and product of two elements (and
//! every sum of up to `2^40` such squares) is far from overflow, and an underflow can only
//! lose a quantity below `eps^2` times the largest element's square: the computation is the
//! scaled one up to such negligible underflow.

use super::Row;
use crate::numeric::{norm, sum_of_squares_is_safe};
use crate::scalar::Real;

/// Builds the reflector that maps `[alpha; x]` to `[beta; 0]` (LAPACK `dlarfg`).
///
/// Overwrites `x` with the tail of `v` (the head `v[0] = 1` is implicit) and returns
/// `(beta, tau)`. When `x` is zero, `tau = 0`, `beta = alpha` and `x` is left as it is.
///
/// `|beta|` is computed as `sqrt(alpha^2 + sum x_i^2)` when neither that sum nor the sum
/// over `x` alone comes near overflow or the subnormal range (then no square lost more than
/// `eps` of the sum, as in [`sum_of_squares_is_safe`]); its rounding error is then at most that of
/// `dlarfg`'s `hypot(alpha, ||x||)` (one rounded square root fewer). Otherwise the
/// overflow- and underflow-safe path of `dlarfg` runs.
#[inline]
pub(crate) fn make_reflector<T: Real>(alpha: T, x: &mut [T]) -> (T, T) {
    let mut sum = T::ZERO;
    for &v in x.iter() {
        sum += v * v;
    }
    let total = alpha * alpha + sum;
    // (`sum > 0` as well: an empty `x` passes the test with `sum = 0`.)
    if sum > T::ZERO && sum_of_squares_is_safe(sum, x.len()) && total <= T::max_value() {
        // |beta| >= sqrt(tiny) > safmin: no rescaling is needed.
        let beta = -total.square_root().copysign(alpha);
        let tau = (beta - alpha) / beta;
        let scale = T::ONE / (alpha - beta);
        for v in x.iter_mut() {
            *v *= scale;
        }
        return (beta, tau);
    }
    make_reflector_safe(alpha, x)
}

/// [`make_reflector`] for columns whose sum of squares is zero, tiny or huge: LAPACK
/// `dlarfg` as it is (the norm by [`norm`], `beta` by `hypot`, rescaling of tiny columns).
#[cold]
#[inline(never)]
fn make_reflector_safe<T: Real>(alpha: T, x: &mut [T]) -> (T, T) {
    let mut xnorm = norm(x.iter().copied());
    if xnorm == T::ZERO {
        return (alpha, T::ZERO);
    }
    let mut alpha = alpha;
    let mut beta = -alpha.hypot_robust(xnorm).copysign(alpha);
    // LAPACK's dlamch('S') / dlamch('E'): below this, 1 / beta would overflow.
    let safmin = T::min_positive_value() / (T::epsilon() / T::TWO);
    let mut knt = 0;
    if beta.abs() < safmin {
        // beta (hence every element) is tiny: rescale, at most 20 times (as LAPACK).
        let rsafmn = T::ONE / safmin;
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
        xnorm = norm(x.iter().copied());
        beta = -alpha.hypot_robust(xnorm).copysign(alpha);
    }
    let tau = (beta - alpha) / beta;
    let scale = T::ONE / (alpha - beta);
    for v in x.iter_mut() {
        *v *= scale;
    }
    for _ in 0..knt {
        beta *= safmin;
    }
    (beta, tau)
}

/// Builds the reflector that maps `[alpha; x]` to `[beta; 0]` when the norm of `[alpha; x]`
/// is already known (`norm`, from column pivoting): LAPACK `xLARFG` without recomputing the
/// norm, `beta = -sign(alpha) norm` (with `-0.0` taken as positive), `tau = (beta - alpha) /
/// beta`, and `x` overwritten with `x / (alpha - beta)`, the tail of `v`. `alpha - beta =
/// sign(alpha) (|alpha| + norm)` has no cancellation and is at least `|x_i|`, so the
/// quotients are at most 1. Returns `(alpha, 0)` (`H = I`) and leaves `x` as it is when
/// `norm` is zero or `x` is already zero.
///
/// Below LAPACK's `safmin` (`dlamch('S') / dlamch('E')`), where the quotients would be formed
/// from subnormal elements with few significant bits and `H` would not be orthogonal to
/// working precision, `alpha` and `x` are first scaled by `1 / safmin` (exact; `dlarfg`
/// rescales likewise) and the norm is taken again of the scaled values (a subnormal `norm`
/// keeps only a few bits): `v` and `tau` do not change with scale, `beta` is scaled back.
pub(crate) fn make_reflector_from_norm<T: Real>(alpha: T, x: &mut [T], norm: T) -> (T, T) {
    if norm == T::ZERO || x.iter().all(|&v| v == T::ZERO) {
        return (alpha, T::ZERO);
    }
    // LAPACK's safmin, a power of two (2^-102 in f32, 2^-969 in f64), as is its reciprocal.
    let safmin = T::min_positive_value() / (T::epsilon() / T::TWO);
    if norm < safmin {
        // One multiplication by 1 / safmin brings every subnormal into the normal range and
        // keeps `norm` below 1. The norm again, of the scaled values: a subnormal `norm` kept
        // only a few bits.
        let up = T::ONE / safmin;
        for v in x.iter_mut() {
            *v *= up;
        }
        let alpha = alpha * up;
        // (`norm` over the slice, the instance the callers already use, then `hypot`.)
        let scaled_norm = alpha.hypot_robust(crate::numeric::norm(x.iter().copied()));
        let (beta, tau) = reflector_from_norm(alpha, x, scaled_norm);
        return (beta * safmin, tau);
    }
    reflector_from_norm(alpha, x, norm)
}

/// [`make_reflector_from_norm`] for a non-zero `norm` in range.
#[inline]
fn reflector_from_norm<T: Real>(alpha: T, x: &mut [T], norm: T) -> (T, T) {
    let beta = if alpha >= T::ZERO { -norm } else { norm };
    let denom = alpha - beta;
    for v in x.iter_mut() {
        *v /= denom;
    }
    (beta, (beta - alpha) / beta)
}

/// `x . y` over the common length, in eight interleaved partial sums combined pairwise at the
/// end: the compiler keeps the eight sums in one or two vector registers, where a single
/// running sum waits on each addition's latency. The order of the additions changes the
/// rounding, not the bound (`gamma_len |x| |y|`, Higham, *Accuracy and Stability of Numerical
/// Algorithms*, 2nd ed., eq. 3.5).
#[inline(always)]
pub(crate) fn dot_lanes<T: Real>(x: &[T], y: &[T]) -> T {
    dot_lanes_of_difference(x, (T::ZERO, x), y)
}

/// [`dot_lanes`] of `x - c u` (formed elementwise, each `x_j - c u_j` rounded as written) and
/// `y`, without storing `x - c u`: the same sums in the same order as `dot_lanes` on the
/// stored difference, so the same bits. With `c = 0` it is `dot_lanes(x, y)` exactly
/// (`x_j - 0 u_j = x_j` for every finite `u_j`; callers pass `u = x`).
#[inline(always)]
pub(crate) fn dot_lanes_of_difference<T: Real>(x: &[T], (c, u): (T, &[T]), y: &[T]) -> T {
    let mut partial = [T::ZERO; 8];
    let (xs, us, ys) = (x.chunks_exact(8), u.chunks_exact(8), y.chunks_exact(8));
    let (x_rest, u_rest, y_rest) = (xs.remainder(), us.remainder(), ys.remainder());
    let zero = c == T::ZERO;
    for ((a, d), b) in xs.zip(us).zip(ys) {
        for l in 0..8 {
            let t = if zero { a[l] } else { a[l] - c * d[l] };
            partial[l] += t * b[l];
        }
    }
    let mut sum = ((partial[0] + partial[4]) + (partial[1] + partial[5]))
        + ((partial[2] + partial[6]) + (partial[3] + partial[7]));
    for ((a, d), b) in x_rest.iter().zip(u_rest).zip(y_rest) {
        let t = if zero { *a } else { *a - c * *d };
        sum += t * *b;
    }
    sum
}

/// Applies `H = I - tau v v^T`, `v = [1, v_tail]`, from the right to the row vector `r`
/// (`r.len() = 1 + v_tail.len()`): `r -= (tau r . v) v^T`, the dot product in [`dot_lanes`]'
/// eight partial sums. The building block of reflections applied row by row to row-major
/// matrices of runtime size (`tridiagonal.rs`, `bidiagonal.rs`, the dynamic matrices'
/// orthonormal bases).
#[inline(always)]
pub(crate) fn reflect_row<T: Real>(r: &mut [T], v_tail: &[T], tau: T) {
    let Some((head, tail)) = r.split_first_mut() else {
        return;
    };
    let s = tau * (*head + dot_lanes(tail, v_tail));
    *head -= s;
    for (x, v) in tail.iter_mut().zip(v_tail) {
        *x -= s * *v;
    }
}

/// Applies `H = I - tau v v^T` from the left to rows `r0..r0 + v.len()`, columns `c0..c1` of
/// `a`: `w = tau v^T A`, then `A -= v w` (LAPACK `dlarf`, side `'L'`). `v` includes its
/// leading 1. Row by row, so every inner loop runs along a contiguous row. The static
/// matrices' form of [`reflect_row_set`], with its scratch row on the stack.
#[inline]
pub(crate) fn reflect_rows<T: Real, const R: usize, const C: usize>(
    a: &mut [[T; C]; R],
    v: &[T],
    tau: T,
    r0: usize,
    columns: (usize, usize),
) {
    let mut w = [T::ZERO; C];
    reflect_row_set(a, v, tau, r0, columns, &mut w);
}

/// Applies `H = I - tau v v^T` from the left to rows `r0..r0 + v.len()`, columns `c0..c1` of
/// the matrix whose rows are `a`: `w = tau v^T A` (in `w`, at least `c1 - c0` long), then
/// `A -= v w` (LAPACK `dlarf`, side `'L'`). `v` includes its leading 1. Does nothing when
/// the ranges do not fit.
#[inline(always)]
pub(crate) fn reflect_row_set<T: Real, W: Row<T>>(
    a: &mut [W],
    v: &[T],
    tau: T,
    r0: usize,
    (c0, c1): (usize, usize),
    w: &mut [T],
) {
    let Some((&v0, v_rest)) = v.split_first() else {
        return;
    };
    let (Some(first), Some(w)) = (
        a.get(r0).and_then(|row| row.as_ref().get(c0..c1)),
        w.get_mut(..c1.saturating_sub(c0)),
    ) else {
        return;
    };
    // w starts as v[0] times row r0 (no zero fill): 0 + v0 x would round the same.
    for (wc, &x) in w.iter_mut().zip(first) {
        *wc = x * v0;
    }
    for (row, &vr) in a.iter().skip(r0 + 1).zip(v_rest) {
        if let Some(part) = row.as_ref().get(c0..c1) {
            for (wc, &x) in w.iter_mut().zip(part) {
                *wc += vr * x;
            }
        }
    }
    for wc in w.iter_mut() {
        *wc *= tau;
    }
    for (row, &vr) in a.iter_mut().skip(r0).zip(v) {
        if let Some(part) = row.as_mut().get_mut(c0..c1) {
            for (x, &wc) in part.iter_mut().zip(w.iter()) {
                *x -= wc * vr;
            }
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
    let mut w_odd = [T::ZERO; N];
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
        *wc = if c >= c0 { (*wc + wo) * tau } else { T::ZERO };
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
        let w = part.iter().zip(v).fold(T::ZERO, |s, (&x, &vc)| s + x * vc);
        let tw = tau * w;
        for (x, &vc) in part.iter_mut().zip(v) {
            *x -= tw * vc;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!((beta + f64::MAX / 2.0 * 2f64.square_root()).abs() <= 1e-15 * f64::MAX);
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
