//! The singular value decomposition through a bidiagonal matrix: Householder reduction
//! `A = Q B P^T` (LAPACK `dgebd2`), the orthogonal factors accumulated backwards, and the
//! implicit-shift QR iteration on `B` (Golub and Kahan 1965, Golub and Reinsch 1970; Golub
//! and Van Loan, *Matrix Computations*, 4th ed., Algorithms 8.6.1 and 8.6.2). The routines
//! work on row-major slices with a runtime size, so the static matrices (arrays) and the
//! heap-backed ones share them.
//!
//! Used by [`SvdMethod::BidiagonalQr`](crate::SvdMethod); the accuracy notes are there.

use crate::error::Error;
use crate::matrix::Matrix;
use crate::numeric::{Pow2Scale, finite_max_abs, norm, unit_exponent};
use crate::scalar::Real;

use super::householder::{dot_lanes_of_difference, make_reflector, reflect_row};
use super::jacobi::{rotate_pair, scatter_rows, sorted_order};
use super::tridiagonal::accumulate_q_transpose;

/// QR steps allowed per singular value (all of them shared); 2 or 3 are usual.
pub(crate) const MAX_STEPS_PER_VALUE: usize = 30;

/// Reduces the `m x n` matrix in `a` (row-major, `m >= n`) to upper bidiagonal form
/// `B = Q^T A P`: its diagonal into `d`, its super-diagonal into `e[0..n - 1]` (`e[n - 1] =
/// 0`). The left reflectors are left below the diagonal of `a` (reflector `k` in column `k`,
/// rows `k + 1..m`, leading 1 implicit) with their factors in `tau_q`; the right ones in
/// the rows (reflector `k` in row `k`, columns `k + 2..n`) with theirs in `tau_p`, where
/// [`accumulate_q_transpose`](super::tridiagonal::accumulate_q_transpose) finds them.
///
/// One pass over the trailing rows per step: each row receives the left reflector's update
/// (`-= v_i w`), then the right reflector built from row `k`, and then, finished for this
/// step, gives its column-`k + 1` entry to the next left reflector and its share of that
/// reflector's `w` (`z += x_i row_i`, unscaled: the reflector's vector is `x / (alpha -
/// beta)` below its leading 1, so `w = tau (row_{k+1} + z / (alpha - beta))`). Every inner loop
/// runs along a contiguous row, and each row is read and written once per step (the
/// reduction is bound by memory traffic at the sizes of a PCA). Where `alpha - beta` is so
/// small that its reciprocal overflows (a column of subnormal size), `w` is formed from the
/// scaled vector by a pass of its own. `v` (length `m`) and `w` (length `n`) are scratch;
/// `e[k + 1..]` holds `z` while step `k` forms it.
#[allow(clippy::too_many_arguments)] // The matrix, its shape, its two diagonals, two factor lists, scratch.
#[inline(always)]
pub(crate) fn bidiagonalize<T: Real>(
    a: &mut [T],
    m: usize,
    n: usize,
    d: &mut [T],
    e: &mut [T],
    tau_q: &mut [T],
    tau_p: &mut [T],
    v: &mut [T],
    w: &mut [T],
) {
    if n == 0 {
        return;
    }
    // Step 0's left reflector, from column 0, and its w by a pass of its own.
    for (vi, row) in v.iter_mut().zip(a.chunks_exact(n)) {
        *vi = row[0];
    }
    let (beta, t) = make_reflector(v[0], &mut v[1..m]);
    d[0] = beta;
    tau_q[0] = t;
    v[0] = T::ONE;
    for (row, &vi) in a.chunks_exact_mut(n).skip(1).zip(&v[1..m]) {
        row[0] = vi;
    }
    left_w(a, n, 0, &v[..m], t, &mut w[..n - 1]);
    for k in 0..n {
        // Here v[..m - k] is the left reflector k (v[0] = 1), stored below the diagonal of
        // column k, with tau_q[k]; w[..n - k - 1] its w (when tau_q[k] is not zero).
        if k + 1 == n {
            e[k] = T::ZERO;
            tau_p[k] = T::ZERO;
            break;
        }
        let left = tau_q[k] != T::ZERO;
        let w_k = &w[..n - k - 1];
        let (head, tail) = a.split_at_mut((k + 1) * n);
        let row = &mut head[k * n + k + 1..];
        if left {
            for (x, wj) in row.iter_mut().zip(w_k) {
                *x -= *wj;
            }
        }
        // The right reflector, from row k right of the super-diagonal.
        let (beta, tp) = make_reflector(row[0], &mut row[1..]);
        e[k] = beta;
        tau_p[k] = tp;
        let p_tail = &row[1..];
        let z = &mut e[k + 1..n - 1];
        z.fill(T::ZERO);
        for (i, r) in tail.chunks_exact_mut(n).enumerate() {
            // Row k + 1 + i.
            let r = &mut r[k + 1..];
            if left && tp != T::ZERO {
                // Both reflectors and the share of z in two passes over the row.
                update_row(r, (v[i + 1], w_k), (tp, p_tail), (i > 0).then_some(&mut *z));
                v[i] = r[0];
                continue;
            }
            if left {
                let vi = v[i + 1];
                for (x, wj) in r.iter_mut().zip(w_k) {
                    *x -= vi * *wj;
                }
            }
            if tp != T::ZERO {
                reflect_row(r, p_tail, tp);
            }
            // The row is final for this step: column k + 1 feeds the next left reflector.
            let x = r[0];
            v[i] = x;
            if i > 0 {
                for (zj, y) in z.iter_mut().zip(&r[1..]) {
                    *zj += x * *y;
                }
            }
        }
        // The left reflector k + 1, from column k + 1 (gathered into v during the pass).
        let len = m - k - 1;
        let alpha = v[0];
        let (beta, t) = make_reflector(alpha, &mut v[1..len]);
        d[k + 1] = beta;
        tau_q[k + 1] = t;
        v[0] = T::ONE;
        for (r, &vi) in tail.chunks_exact_mut(n).skip(1).zip(&v[1..len]) {
            r[k + 1] = vi;
        }
        if t != T::ZERO && k + 2 < n {
            let scale = T::ONE / (alpha - beta);
            let w = &mut w[..n - k - 2];
            if scale.is_finite() {
                let first = &tail[k + 2..n];
                for ((wj, &y), &zj) in w.iter_mut().zip(first).zip(e[k + 1..n - 1].iter()) {
                    *wj = t * (y + scale * zj);
                }
            } else {
                left_w(tail, n, k + 1, &v[..len], t, w);
            }
        }
    }
}

/// One trailing row's step of [`bidiagonalize`] when both reflectors act: `r -= v_i w`
/// (the left reflector's update), then the right reflector `r -= tau (r . p) p` (`p = [1,
/// p_tail]`), then, when `z` is given, `z += r_0 r[1..]` with the final row. The same
/// operations in the same order as those three steps one after the other (the dot product
/// by [`dot_lanes_of_difference`] on the updated values, recomputed rather than stored), so
/// the same bits, in two passes over the row instead of four: the row comes from memory once
/// and is read once more from the L1 cache.
#[inline(always)]
fn update_row<T: Real>(
    r: &mut [T],
    (vi, w): (T, &[T]),
    (tau, p_tail): (T, &[T]),
    z: Option<&mut [T]>,
) {
    let (Some((head, tail)), Some((&w0, w_tail))) = (r.split_first_mut(), w.split_first()) else {
        return;
    };
    let t0 = *head - vi * w0;
    let s = tau * (t0 + dot_lanes_of_difference(tail, (vi, w_tail), p_tail));
    let x0 = t0 - s;
    *head = x0;
    match z {
        Some(z) => {
            for (((x, &wj), &pj), zj) in tail.iter_mut().zip(w_tail).zip(p_tail).zip(z) {
                let updated = (*x - vi * wj) - s * pj;
                *x = updated;
                *zj += x0 * updated;
            }
        }
        None => {
            for ((x, &wj), &pj) in tail.iter_mut().zip(w_tail).zip(p_tail) {
                *x = (*x - vi * wj) - s * pj;
            }
        }
    }
}

/// `w = t vᵀ A[r0.., c + 1..]` for the left reflector `v` of column `c` (`v[0] = 1`), its
/// rows starting at row `r0` of the slice `a` (the first row of `a` holding `v`'s leading
/// entry), by one pass over those rows.
#[inline(always)]
fn left_w<T: Real>(a: &[T], n: usize, c: usize, v: &[T], t: T, w: &mut [T]) {
    if t == T::ZERO {
        return;
    }
    w.fill(T::ZERO);
    for (row, &vi) in a.chunks_exact(n).zip(v) {
        for (wj, x) in w.iter_mut().zip(&row[c + 1..]) {
            *wj += vi * *x;
        }
    }
    for wj in w.iter_mut() {
        *wj *= t;
    }
}

/// `Q^T`'s first `n` rows (`n x m`, row-major, into `ut`), from the left reflectors that
/// [`bidiagonalize`] left in `a` and `tau_q`: `[I 0] H_{n-1} ... H_0`, formed from the left
/// as `(([I 0] H_{n-1}) H_{n-2}) ... H_0`. Before `H_k` is applied the partial product's
/// rows `0..k` are unit rows outside columns `k..m` and row `k` is a unit row, so step `k`
/// updates rows `k..n`, columns `k..m`, row by row. `v` (length `m`) is scratch (it holds
/// the reflector's tail).
#[inline(always)]
pub(crate) fn accumulate_left<T: Real>(
    a: &[T],
    m: usize,
    n: usize,
    tau_q: &[T],
    ut: &mut [T],
    v: &mut [T],
) {
    for (i, x) in ut.iter_mut().enumerate() {
        *x = if i % (m + 1) == 0 { T::ONE } else { T::ZERO };
    }
    for k in (0..n).rev() {
        let t = tau_q[k];
        if t == T::ZERO {
            continue;
        }
        let len = m - k;
        for (vi, row) in v[..len - 1].iter_mut().zip(a.chunks_exact(n).skip(k + 1)) {
            *vi = row[k];
        }
        for r in ut.chunks_exact_mut(m).skip(k).take(n - k) {
            reflect_row(&mut r[k..], &v[..len - 1], t);
        }
    }
}

/// The plane rotation `(c, s, r)` with `c y + s z = r`, `-s y + c z = 0`, `r = |(y, z)|`
/// (the identity for `y = z = 0`).
///
/// Where `y` and `z` are so small that `r` could be subnormal, with too few bits for `y / r`
/// and `z / r` to make `c^2 + s^2 = 1` to working precision, they are first scaled by a power
/// of two into `[1, 2)` (exact; LAPACK's `dlartg` scales likewise), and `r` is scaled back.
#[inline]
fn givens<T: Real>(y: T, z: T) -> (T, T, T) {
    let big = y.abs().max(z.abs());
    if big < T::min_positive_value() / T::epsilon() {
        return givens_scaled(y, z, big);
    }
    let r = norm([y, z]);
    if r == T::ZERO {
        (T::ONE, T::ZERO, T::ZERO)
    } else {
        (y / r, z / r, r)
    }
}

/// [`givens`] for tiny `y` and `z` (`big = max(|y|, |z|)`), out of line.
#[cold]
#[inline(never)]
fn givens_scaled<T: Real>(y: T, z: T, big: T) -> (T, T, T) {
    if big == T::ZERO {
        return (T::ONE, T::ZERO, T::ZERO);
    }
    let k = unit_exponent(big);
    let up = Pow2Scale::new(k);
    let (y, z) = (up.apply(y), up.apply(z));
    let r = norm([y, z]);
    (y / r, z / r, Pow2Scale::new(-k).apply(r))
}

/// Rotates rows `i` and `j` (`i != j`) of the row-major `x` (rows of length `len`):
/// `x_i' = c x_i + s x_j`, `x_j' = -s x_i + c x_j`.
#[inline]
fn rotate_rows<T: Real>(x: &mut [T], len: usize, i: usize, j: usize, c: T, s: T) {
    let (lo, hi) = (i.min(j), i.max(j));
    let (head, tail) = x.split_at_mut(hi * len);
    let (xi, xj) = (&mut head[lo * len..(lo + 1) * len], &mut tail[..len]);
    if i < j {
        rotate_pair(xi, xj, c, -s);
    } else {
        rotate_pair(xj, xi, c, -s);
    }
}

/// The singular values of the upper bidiagonal matrix with diagonal `d` and super-diagonal
/// `e[0..n - 1]` (destroyed), into `d`, non-negative and unsorted. When given, the rows of
/// `ut` (`n x m`, holding `Q^T`'s first rows) and of `vt` (`n x n`, holding `P^T`) become the
/// left and right singular vectors of `Q B P^T`, row `i` for `d[i]`.
///
/// Each step splits off negligible super-diagonal entries (`|e_i| <= eps (|d_i| +
/// |d_{i+1}|)`), chases a negligible diagonal entry (`|d_i| <= eps |B|`) out of its block by
/// rotations (Golub and Van Loan, Algorithm 8.6.2), and otherwise takes one implicit QR step
/// with Wilkinson's shift from the trailing 2x2 block of `B^T B` on the bottom unreduced
/// block (Algorithm 8.6.1). Backward stable: the computed singular values are those of a
/// matrix within `O(n eps) |B|` of `B`.
///
/// # Errors
/// [`Error::NoConvergence`] after [`MAX_STEPS_PER_VALUE`]` * n` QR steps in all.
#[inline(always)]
pub(crate) fn bidiagonal_qr<T: Real>(
    d: &mut [T],
    e: &mut [T],
    n: usize,
    mut ut: Option<(&mut [T], usize)>,
    mut vt: Option<&mut [T]>,
) -> Result<(), Error> {
    let eps = T::epsilon();
    let mut b_norm = T::ZERO;
    for i in 0..n {
        b_norm = b_norm.max(d[i].abs() + if i + 1 < n { e[i].abs() } else { T::ZERO });
    }
    let tiny = eps * b_norm;
    let budget = MAX_STEPS_PER_VALUE * n;
    let mut steps = 0;
    let mut hi = n.saturating_sub(1);
    while hi > 0 {
        // Split off the bottom when its super-diagonal entry is negligible.
        if e[hi - 1].abs() <= eps * (d[hi - 1].abs() + d[hi].abs()) {
            e[hi - 1] = T::ZERO;
            hi -= 1;
            continue;
        }
        // The unreduced block lo..=hi.
        let mut lo = hi - 1;
        while lo > 0 && e[lo - 1].abs() > eps * (d[lo - 1].abs() + d[lo].abs()) {
            lo -= 1;
        }
        if lo > 0 {
            e[lo - 1] = T::ZERO;
        }
        // A negligible diagonal entry: zero it and chase its row's (or column's) entry out.
        if let Some(i) = (lo..=hi).find(|&i| d[i].abs() <= tiny) {
            d[i] = T::ZERO;
            if i < hi {
                // Row i holds only e_i: left rotations of rows (i, j), j = i+1..=hi.
                let mut f = e[i];
                e[i] = T::ZERO;
                for j in i + 1..=hi {
                    let (c, s, r) = givens(d[j], f);
                    d[j] = r;
                    if j < hi {
                        f = -s * e[j];
                        e[j] *= c;
                    }
                    if let Some((ut, m)) = ut.as_mut() {
                        rotate_rows(ut, *m, j, i, c, s);
                    }
                }
            } else {
                // Column hi holds only e_{hi-1}: right rotations of columns (j, hi).
                let mut f = e[hi - 1];
                e[hi - 1] = T::ZERO;
                for j in (lo..hi).rev() {
                    let (c, s, r) = givens(d[j], f);
                    d[j] = r;
                    if j > lo {
                        f = -s * e[j - 1];
                        e[j - 1] *= c;
                    }
                    if let Some(vt) = vt.as_deref_mut() {
                        rotate_rows(vt, n, j, hi, c, s);
                    }
                }
            }
            continue;
        }
        if steps == budget {
            return Err(Error::NoConvergence { iterations: steps });
        }
        steps += 1;
        // Wilkinson's shift: the eigenvalue of the trailing 2x2 block of B^T B nearer its
        // last diagonal entry.
        let e_before = if hi - 1 > lo { e[hi - 2] } else { T::ZERO };
        let t11 = d[hi - 1] * d[hi - 1] + e_before * e_before;
        let t12 = d[hi - 1] * e[hi - 1];
        let t22 = d[hi] * d[hi] + e[hi - 1] * e[hi - 1];
        let delta = (t11 - t22) * T::HALF;
        let mu = if t12 == T::ZERO {
            t22
        } else {
            t22 - t12 * t12 / (delta + norm([delta, t12]).copysign(delta))
        };
        // The implicit QR step: a right rotation from the shifted first column, then the
        // bulge chased down by alternating left and right rotations.
        let mut y = d[lo] * d[lo] - mu;
        let mut z = d[lo] * e[lo];
        for k in lo..hi {
            // Right rotation of columns k, k+1, zeroing z against y.
            let (c, s, r) = givens(y, z);
            if k > lo {
                e[k - 1] = r;
            }
            let (dk, ek) = (d[k], e[k]);
            let dk1 = d[k + 1];
            d[k] = c * dk + s * ek;
            e[k] = -s * dk + c * ek;
            let bulge = s * dk1;
            d[k + 1] = c * dk1;
            if let Some(vt) = vt.as_deref_mut() {
                rotate_rows(vt, n, k, k + 1, c, s);
            }
            // Left rotation of rows k, k+1, zeroing the bulge below the diagonal.
            let (c, s, r) = givens(d[k], bulge);
            d[k] = r;
            let (ek, dk1) = (e[k], d[k + 1]);
            e[k] = c * ek + s * dk1;
            d[k + 1] = -s * ek + c * dk1;
            if k + 1 < hi {
                let ek1 = e[k + 1];
                z = s * ek1;
                e[k + 1] = c * ek1;
                y = e[k];
            }
            if let Some((ut, m)) = ut.as_mut() {
                rotate_rows(ut, *m, k, k + 1, c, s);
            }
        }
    }
    // Non-negative values: a negative d_i flips row i of V^T.
    for i in 0..n {
        if d[i] < T::ZERO {
            d[i] = -d[i];
            if let Some(vt) = vt.as_deref_mut() {
                for x in &mut vt[i * n..(i + 1) * n] {
                    *x = -*x;
                }
            }
        }
    }
    Ok(())
}

/// Scratch of [`svd_in_place`]: `e`, `tau_q`, `tau_p` and `w` of length `n`, `v` of length
/// `m`.
pub(crate) struct BidiagonalScratch<'a, T> {
    pub(crate) e: &'a mut [T],
    pub(crate) tau_q: &'a mut [T],
    pub(crate) tau_p: &'a mut [T],
    pub(crate) v: &'a mut [T],
    pub(crate) w: &'a mut [T],
}

/// The singular values (non-negative, unsorted, into `d`) of the `m x n` matrix in `a`
/// (`m >= n`, destroyed) and, when asked, the left and right singular vectors as the rows
/// of `ut` (`n x m`) and `vt` (`n x n`), row `i` for `d[i]`: [`bidiagonalize`],
/// [`accumulate_left`], [`accumulate_q_transpose`], [`bidiagonal_qr`]. The one entry point
/// of the static and dynamic SVDs.
///
/// # Errors
/// [`Error::NoConvergence`] from [`bidiagonal_qr`].
pub(crate) fn svd_in_place<T: Real>(
    a: &mut [T],
    shape: (usize, usize),
    d: &mut [T],
    s: BidiagonalScratch<'_, T>,
    vectors: Option<(&mut [T], &mut [T])>,
) -> Result<(), Error> {
    svd_in_place_body(a, shape, d, s, vectors)
}

/// [`svd_in_place`] itself, always inlined: the callers are that function and its copies built
/// for wider vectors (`simd/wide.rs`), which need the loops inlined into them.
#[inline(always)]
pub(crate) fn svd_in_place_body<T: Real>(
    a: &mut [T],
    (m, n): (usize, usize),
    d: &mut [T],
    s: BidiagonalScratch<'_, T>,
    vectors: Option<(&mut [T], &mut [T])>,
) -> Result<(), Error> {
    bidiagonalize(a, m, n, d, s.e, s.tau_q, s.tau_p, s.v, s.w);
    let (ut, vt) = match vectors {
        Some((ut, vt)) => {
            accumulate_left(a, m, n, s.tau_q, ut, s.v);
            accumulate_q_transpose(a, n, s.tau_p, vt);
            (Some((ut, m)), Some(vt))
        }
        None => (None, None),
    };
    bidiagonal_qr(d, s.e, n, ut, vt)
}

/// Where [`bidiagonal_svd`] puts the singular vectors of an `M x N` matrix: as rows,
/// unsorted.
pub(crate) struct BidiagonalSvdVectors<'a, T, const M: usize, const N: usize> {
    /// The left singular vectors, `U^T` (`N x M`).
    pub(crate) ut: &'a mut [[T; M]; N],
    /// The right singular vectors, `V^T` (`N x N`).
    pub(crate) vt: &'a mut [[T; N]; N],
}

/// [`SvdMethod::BidiagonalQr`](crate::SvdMethod) for a tall or square `M x N` matrix
/// (`M >= N`): scaled by a power of two into `[1, 2)` (exact), bidiagonalised, its factors
/// accumulated when `vectors` is given, the QR iteration, then sorted in descending order.
/// The singular values go into `s` (`N` entries) and, when asked for, the singular vectors
/// into `vectors`, unsorted: the order returned maps them to `s`, row `order[k]` for
/// `s[k]`. The working copy of the matrix is on this function's stack, the vectors' arrays
/// on the caller's ([`bidiagonal_svd_with_vectors`]), so that the values alone take no room
/// for them. Called only with `M >= N`.
///
/// # Errors
/// [`Error::NonFinite`] for NaN or infinite input; [`Error::NoConvergence`] from
/// [`bidiagonal_qr`]; [`Error::Overflow`] if a singular value overflows on scaling back.
pub(crate) fn bidiagonal_svd<T: Real, const M: usize, const N: usize>(
    a: &Matrix<T, M, N>,
    s: &mut [T],
    vectors: Option<BidiagonalSvdVectors<'_, T, M, N>>,
) -> Result<[usize; N], Error> {
    let max_abs = finite_max_abs(a.as_slice()).ok_or(Error::NonFinite)?;
    let exponent = unit_exponent(max_abs);
    let (up, down) = (Pow2Scale::new(exponent), Pow2Scale::new(-exponent));
    let mut work: [[T; N]; M] = a.0.map(|row| row.map(|x| up.apply(x)));
    let flat = work.as_flattened_mut();
    let mut d = [T::ZERO; N];
    let mut e = [T::ZERO; N];
    let mut tau_q = [T::ZERO; N];
    let mut tau_p = [T::ZERO; N];
    let mut v = [T::ZERO; M];
    let mut w = [T::ZERO; N];
    let vectors = vectors.map(|x| (x.ut.as_flattened_mut(), x.vt.as_flattened_mut()));
    let scratch = BidiagonalScratch {
        e: &mut e,
        tau_q: &mut tau_q,
        tau_p: &mut tau_p,
        v: &mut v,
        w: &mut w,
    };
    svd_in_place(flat, (M, N), &mut d, scratch, vectors)?;
    let order = sorted_order(&d, |x, y| x > y);
    for (si, &k) in s.iter_mut().zip(order.iter()) {
        *si = down.apply(d[k]);
    }
    if s.iter().any(|x| x.is_infinite()) {
        return Err(Error::Overflow);
    }
    Ok(order)
}

/// [`bidiagonal_svd`] with the vectors, `U` into `u` and `V^T` into `vt`, sorted with the
/// singular values. `V^T` is formed in place; `U^T`, which `U` is the transpose of, is
/// accumulated in an array on this function's stack.
pub(crate) fn bidiagonal_svd_with_vectors<T: Real, const M: usize, const N: usize>(
    a: &Matrix<T, M, N>,
    s: &mut [T],
    (u, vt): (&mut [[T; N]; M], &mut [[T; N]; N]),
) -> Result<(), Error> {
    let mut ut = [[T::ZERO; M]; N];
    let vectors = BidiagonalSvdVectors {
        ut: &mut ut,
        vt: &mut *vt,
    };
    let order = bidiagonal_svd(a, s, Some(vectors))?;
    // Column k of U is row order[k] of U^T; row k of V^T is its row order[k], moved there.
    let mut dest = [0; N];
    for (k, &o) in order.iter().enumerate() {
        if let (Some(ut_row), Some(d)) = (ut.get(o), dest.get_mut(o)) {
            for (u_row, &x) in u.iter_mut().zip(ut_row.iter()) {
                u_row[k] = x;
            }
            *d = k;
        }
    }
    scatter_rows(vt, &mut dest);
    Ok(())
}
