//! The computation of the one-sided Jacobi SVD with QR preconditioning over rows of any
//! storage: fixed-size arrays on the stack for [`Matrix::svd`](crate::Matrix::svd), `Vec`s
//! for `DMatrix::svd_by`. One implementation, so the same matrix gives the same bits on
//! both sides. The algorithm, its accuracy and its conventions are documented on
//! [`Svd`](crate::Svd).

use super::Row;
use super::householder::{make_reflector_from_norm, reflect_row_set};
use super::jacobi::{MAX_SWEEPS, rotate_pair, rotation, scatter_rows, sort_indices, wave};
use crate::checked::{pair_mut, swap_pair};
use crate::error::Error;
use crate::numeric::{Pow2Scale, norm, sum_of_squares_is_safe, unit_exponent};
use crate::scalar::Real;

/// One planned rotation of a wave: the pair `(p, q)`, cosine, sine, and whether the two
/// squared norms are summed afresh once it is applied.
pub(crate) type Step<T> = (usize, usize, T, T, bool);

/// The buffers of the Jacobi SVD of an `m x n` matrix with `m >= n` that the singular
/// values need (those of the vectors are [`JacobiSvdVectors`]). Every row buffer holds
/// rows of `n` elements; their contents on entry do not matter.
pub(crate) struct JacobiSvdWork<'a, T, W> {
    /// `m` rows: the scaled copy with rows sorted, then `R` and the QR reflectors.
    pub(crate) qr: &'a mut [W],
    /// `n` rows: `R`, then the orthogonalised rows.
    pub(crate) w: &'a mut [W],
    /// `m` entries: each row's largest magnitude.
    pub(crate) row_max: &'a mut [T],
    /// `m` entries: the row order by decreasing `row_max` (left as the identity when the
    /// rows of `U` are put back in that order).
    pub(crate) row_order: &'a mut [usize],
    /// `m` entries: a reflector's vector.
    pub(crate) column: &'a mut [T],
    /// `n` entries: the column order of the pivoted QR.
    pub(crate) col_order: &'a mut [usize],
    /// `n` entries: the reflectors' factors.
    pub(crate) taus: &'a mut [T],
    /// `n` entries: the squared row norms of `w`.
    pub(crate) sq: &'a mut [T],
    /// `n` entries: which of `sq` are updated rather than summed.
    pub(crate) stale: &'a mut [bool],
    /// `n / 2` entries or more: the rotations of one wave.
    pub(crate) plan: &'a mut [Step<T>],
    /// `n` entries: the singular values before sorting, in `w`'s scaling.
    pub(crate) sigma: &'a mut [T],
    /// `n` entries: the descending order of `sigma`.
    pub(crate) order: &'a mut [usize],
    /// `n` entries of scratch.
    pub(crate) line: &'a mut [T],
    /// `n` entries of scratch.
    pub(crate) line2: &'a mut [T],
}

/// Where the Jacobi SVD of an `m x n` matrix puts its singular vectors, and the one
/// buffer they need besides: given to [`jacobi_thin_svd`] only when the vectors are
/// wanted, so that the singular values alone need none of them. Every row buffer holds
/// rows of `n` elements; the contents of all of them on entry do not matter.
pub(crate) struct JacobiSvdVectors<'a, W> {
    /// `n` rows: the accumulated rotations.
    pub(crate) rot: &'a mut [W],
    /// `n` entries: which rows of `vt` are filled while it is completed.
    pub(crate) filled: &'a mut [bool],
    /// `m` rows: `U`, formed in place.
    pub(crate) u: &'a mut [W],
    /// `n` rows: `V^T`, formed in place.
    pub(crate) vt: &'a mut [W],
}

/// The thin SVD of the `m x n` matrix whose rows are `a` (`m >= n`, `n` the length of
/// `work.w`), as described on [`Svd`](crate::Svd): the singular values (descending) into
/// `s` (`n` entries) and, when `vectors` is given, `U` into its `u` and `V^T` into its
/// `vt`.
///
/// # Errors
/// [`Error::NonFinite`] for a NaN or infinite element; [`Error::NoConvergence`] if the
/// sweeps do not converge within [`MAX_SWEEPS`]; [`Error::Overflow`] if a singular value
/// overflows on scaling back.
#[inline(always)]
pub(crate) fn jacobi_thin_svd<T: Real, W: Row<T>>(
    a: &[W],
    work: &mut JacobiSvdWork<'_, T, W>,
    s: &mut [T],
    mut vectors: Option<JacobiSvdVectors<'_, W>>,
) -> Result<(), Error> {
    let zero = T::ZERO;
    let m = a.len();
    let n = work.w.len();
    // One pass: finiteness, and each row's largest magnitude.
    for (rm, row) in work.row_max.iter_mut().zip(a) {
        *rm = zero;
        for &x in row.as_ref() {
            if !x.is_finite() {
                return Err(Error::NonFinite);
            }
            *rm = rm.max(x.abs());
        }
    }
    let max_abs = work.row_max.iter().fold(zero, |m, &x| m.max(x));
    let e = unit_exponent(max_abs);
    let (up, down) = (Pow2Scale::new(e), Pow2Scale::new(-e));

    // Rows in decreasing max-norm order (stable), then the scaled working copy:
    // qr[r][j] = 2^e a[row_order[r]][j].
    sort_indices(work.row_max, work.row_order, |x, y| x > y);
    for (dst, &r) in work.qr.iter_mut().zip(work.row_order.iter()) {
        if let Some(src) = a.get(r) {
            for (d, &x) in dst.as_mut().iter_mut().zip(src.as_ref()) {
                *d = up.apply(x);
            }
        }
    }
    for (j, c) in work.col_order.iter_mut().enumerate() {
        *c = j;
    }
    householder_qr_pivoted(
        work.qr,
        work.col_order,
        work.taus,
        work.column,
        (work.line, work.line2),
    );

    // W = R (n x n, upper triangular); its rows are the columns of R^T.
    for (i, w_row) in work.w.iter_mut().enumerate() {
        let src = work.qr.get(i).map(AsRef::as_ref);
        for (j, x) in w_row.as_mut().iter_mut().enumerate() {
            *x = match src {
                Some(r) if i <= j => r.get(j).copied().unwrap_or(zero),
                _ => zero,
            };
        }
    }
    let accumulate = vectors.as_mut().map(|vectors| {
        for (i, row) in vectors.rot.iter_mut().enumerate() {
            for (j, x) in row.as_mut().iter_mut().enumerate() {
                *x = if i == j { T::ONE } else { zero };
            }
        }
        &mut *vectors.rot
    });
    orthogonalize_rows(work.w, accumulate, work.sq, work.stale, work.plan)?;

    // sigma_i = |w_i|: the square root of the freshly summed square where no square
    // underflows (as `norm` does), `norm` otherwise; rows too small to have been
    // orthogonalised are zero.
    let small = negligible::<T>();
    let safe = T::min_positive_value() / (T::epsilon() * T::epsilon());
    for ((sg, row), &sq) in work
        .sigma
        .iter_mut()
        .zip(work.w.iter_mut())
        .zip(work.sq.iter())
    {
        *sg = if sq >= safe {
            sq.square_root()
        } else {
            norm(row.as_ref().iter().copied())
        };
        if *sg < small {
            *sg = zero;
            row.as_mut().fill(zero);
        }
    }
    sort_indices(work.sigma, work.order, |x, y| x > y);
    for (o, &k) in s.iter_mut().zip(work.order.iter()) {
        *o = down.apply(work.sigma.get(k).copied().unwrap_or(zero));
    }
    if s.iter().any(|x| x.is_infinite()) {
        return Err(Error::Overflow);
    }
    let Some(vectors) = vectors else {
        return Ok(());
    };

    // V^T: row i is w_order[i] / sigma, its entries put back in the original column order;
    // rows of zero singular values complete the orthonormal set (before the entries are put
    // back).
    for ((xi, fi), &k) in vectors
        .vt
        .iter_mut()
        .zip(vectors.filled.iter_mut())
        .zip(work.order.iter())
    {
        let (Some(&sg), Some(wk)) = (work.sigma.get(k), work.w.get(k)) else {
            continue;
        };
        let wk = wk.as_ref();
        *fi = sg > zero;
        for (d, &v) in xi.as_mut().iter_mut().zip(wk) {
            *d = if *fi { v / sg } else { zero };
        }
    }
    complete_orthonormal(vectors.vt, vectors.filled, (work.line, work.line2));
    for vt_row in vectors.vt.iter_mut() {
        let vt_row = vt_row.as_mut();
        for (l, &v) in work.line.iter_mut().zip(vt_row.iter()) {
            *l = v;
        }
        for (&c, &v) in work.col_order.iter().zip(work.line.iter()) {
            if let Some(d) = vt_row.get_mut(c) {
                *d = v;
            }
        }
    }

    // U = P_r^T Q J: column i is Q applied to row order[i] of the rotations (padded with
    // zeros to length m), its rows then put back in the original row order. The reflectors
    // are applied to all n columns at once, row by row, so the inner loops run along rows.
    for (r, u_row) in vectors.u.iter_mut().enumerate() {
        for (d, &k) in u_row.as_mut().iter_mut().zip(work.order.iter()) {
            *d = vectors
                .rot
                .get(k)
                .and_then(|row| row.as_ref().get(r))
                .copied()
                .unwrap_or(zero);
        }
    }
    for (k, &tau) in work.taus.iter().enumerate().rev() {
        if tau == zero {
            continue;
        }
        // The k-th reflector's v = [1, column k of qr below row k].
        let Some(v) = work.column.get_mut(..m.saturating_sub(k)) else {
            continue;
        };
        if let Some((v0, v_tail)) = v.split_first_mut() {
            *v0 = T::ONE;
            for (vi, row) in v_tail.iter_mut().zip(work.qr.iter().skip(k + 1)) {
                *vi = row.as_ref().get(k).copied().unwrap_or(zero);
            }
        }
        reflect_row_set(vectors.u, v, tau, k, (0, n), work.line);
    }
    scatter_rows(vectors.u, work.row_order);
    Ok(())
}

/// Householder QR with column pivoting of the `m x n` matrix `a` (rows of `n`), as
/// LAPACK's `xGEQP3`: overwrites the upper triangle with `R` and column `k` below the
/// diagonal with the `k`-th reflector's vector (its leading 1 implicit). `col_order[j]` is
/// the original index of column `j` (`n` entries), `taus[k]` the reflector's factor (0: no
/// reflection). `column` (`m` entries) and `sums`, `scratch` (`n` each) are scratch.
///
/// The matrix is stored by rows, so the column norms and the reflectors' application to
/// the remaining columns run along rows, all columns at once; each column's sums are still
/// accumulated in row order, as a column-by-column loop would.
#[inline(always)]
fn householder_qr_pivoted<T: Real, W: Row<T>>(
    a: &mut [W],
    col_order: &mut [usize],
    taus: &mut [T],
    column: &mut [T],
    (sums, scratch): (&mut [T], &mut [T]),
) {
    let zero = T::ZERO;
    let (m, n) = (a.len(), col_order.len());
    for k in 0..m.min(n) {
        // Pivot: the remaining column with the largest norm below row k, the first on ties.
        // The norms are recomputed, not downdated: O(m n) per step, as the step itself.
        // `norm` of each column, its plain sum of squares taken for all columns at once.
        sums.fill(zero);
        for row in a.iter().skip(k) {
            for (s, &x) in sums.iter_mut().zip(row.as_ref()) {
                *s += x * x;
            }
        }
        let mut best = k;
        let mut best_norm = -T::ONE;
        for (j, &sum) in sums.iter().enumerate().skip(k) {
            let nrm = if sum_of_squares_is_safe(sum, m - k) {
                sum.square_root()
            } else {
                // The column gathered first: `norm` then runs over a slice, as everywhere
                // else (one instance of its slow path in the binary, not two).
                for (c, row) in column.iter_mut().zip(a.iter().skip(k)) {
                    *c = row.as_ref().get(j).copied().unwrap_or(zero);
                }
                norm(column.get(..m - k).unwrap_or(&[]).iter().copied())
            };
            if nrm > best_norm {
                best = j;
                best_norm = nrm;
            }
        }
        if best != k {
            for row in a.iter_mut() {
                swap_pair(row.as_mut(), k, best);
            }
            swap_pair(col_order, k, best);
        }
        // v = [1, column k below row k] once the reflector is made.
        let (Some(v), Some((pivot_row, below))) = (
            column.get_mut(..m - k),
            a.get_mut(k..).and_then(|rows| rows.split_first_mut()),
        ) else {
            return;
        };
        let Some((v0, v_tail)) = v.split_first_mut() else {
            return;
        };
        for (vi, row) in v_tail.iter_mut().zip(below.iter()) {
            *vi = row.as_ref().get(k).copied().unwrap_or(zero);
        }
        let Some(alpha) = pivot_row.as_mut().get_mut(k) else {
            return;
        };
        let (beta, tau) = make_reflector_from_norm(*alpha, v_tail, best_norm);
        *alpha = beta;
        for (row, &vi) in below.iter_mut().zip(v_tail.iter()) {
            if let Some(x) = row.as_mut().get_mut(k) {
                *x = vi;
            }
        }
        *v0 = T::ONE;
        if let Some(t) = taus.get_mut(k) {
            *t = tau;
        }
        if tau != zero {
            // Rows k.. of the columns right of k.
            reflect_row_set(a, v, tau, k, (k + 1, n), scratch);
        }
    }
}

/// `x . y`, in two interleaved partial sums (even and odd indices) added at the end: an
/// error bound no larger than a single running sum's, half the chain of dependent
/// additions, and the two sums side by side in one SIMD register.
#[inline]
fn dot<T: Real>(x: &[T], y: &[T]) -> T {
    let zero = T::ZERO;
    let (mut even, mut odd) = (zero, zero);
    for (a, b) in x.chunks_exact(2).zip(y.chunks_exact(2)) {
        even += a[0] * b[0];
        odd += a[1] * b[1];
    }
    if let (Some(&a), Some(&b)) = (
        x.chunks_exact(2).remainder().first(),
        y.chunks_exact(2).remainder().first(),
    ) {
        even += a * b;
    }
    even + odd
}

/// One-sided Jacobi: rotates pairs of the `n` rows of `w` (each `n` long) until every pair
/// is orthogonal to within `n * eps` in cosine. Applies the same rotations to the rows of
/// `rot` when given. Leaves the squared norms of the rows of the result, freshly summed (by
/// [`dot`]), in `sq`; `stale` and `plan` are scratch.
///
/// The squared row norms are cached: a rotation that makes `w_p . w_q` zero changes them
/// to `|w_p|^2 - t w_p . w_q` and `|w_q|^2 + t w_p . w_q`, so a pair costs one dot product
/// instead of three. As in Drmač and Veselić's `xGSVJ0`, an update that cancels (to below a
/// quarter of the old value, losing more than two bits) is replaced by the sum itself;
/// besides, every updated norm is summed afresh at the start of the next sweep. The
/// updated norms only steer the rotation angles (a rotation by a slightly different angle
/// is still a rotation, applied as accurately): the sweep that ends the iteration rotates
/// nothing, so all of its tests use freshly summed norms, and convergence is decided as
/// with norms recomputed for every pair.
///
/// Each sweep is cyclic in column order, `(0, 1), (0, 2), (1, 2), (0, 3), ...`, taken in
/// waves of disjoint pairs ([`wave`]) with the same floating-point result: the tests and
/// angles of a wave are computed first, independently, and its rotations applied after.
#[inline(always)]
fn orthogonalize_rows<T: Real, W: Row<T>>(
    w: &mut [W],
    mut rot: Option<&mut [W]>,
    sq: &mut [T],
    stale: &mut [bool],
    plan: &mut [Step<T>],
) -> Result<(), Error> {
    let n = w.len();
    let eps = T::epsilon();
    // The computed cosine's rounding error is below n eps (the dot product's), so this
    // tolerance is never met by rounding noise alone.
    let tol = eps * T::from(n).unwrap_or_else(T::max_value);
    // Above this, squared norms lose no bits to underflow (see `norm`).
    let safe = T::min_positive_value() / (eps * eps);
    let quarter = T::ONE / (T::TWO * T::TWO);
    for (s, row) in sq.iter_mut().zip(w.iter()) {
        *s = dot(row.as_ref(), row.as_ref());
    }
    stale.fill(false);
    for _ in 0..MAX_SWEEPS {
        for ((s, st), row) in sq.iter_mut().zip(stale.iter_mut()).zip(w.iter()) {
            if *st {
                *s = dot(row.as_ref(), row.as_ref());
                *st = false;
            }
        }
        let mut rotated = false;
        for k in 1..(2 * n).saturating_sub(2) {
            let mut count = 0;
            for p in wave(n, k) {
                let q = k - p;
                let (Some(&alpha), Some(&beta), Some(wp), Some(wq)) =
                    (sq.get(p), sq.get(q), w.get(p), w.get(q))
                else {
                    continue;
                };
                let (wp, wq) = (wp.as_ref(), wq.as_ref());
                let step = if alpha >= safe && beta >= safe {
                    let gamma = dot(wp, wq);
                    if orthogonal(gamma, alpha, beta, tol) {
                        continue;
                    }
                    let (c, s, t) = rotation(beta - alpha, gamma + gamma);
                    let (a, b) = (alpha - t * gamma, beta + t * gamma);
                    set_pair(sq, (p, q), (a, b));
                    set_pair(stale, (p, q), (true, true));
                    (p, q, c, s, a < alpha * quarter || b < beta * quarter)
                } else {
                    // Rows so small that their squares lose accuracy: normalise first.
                    let Some((c, s)) = small_rows_rotation(wp, wq, tol) else {
                        continue;
                    };
                    (p, q, c, s, true)
                };
                if let Some(slot) = plan.get_mut(count) {
                    *slot = step;
                    count += 1;
                }
            }
            rotated |= count > 0;
            for &(p, q, c, s, exact) in plan.iter().take(count) {
                let Some((wp, wq)) = pair_mut(w, p, q) else {
                    continue;
                };
                let (wp, wq) = (wp.as_mut(), wq.as_mut());
                rotate_pair(wp, wq, c, s);
                if exact {
                    set_pair(sq, (p, q), (dot(wp, wp), dot(wq, wq)));
                    set_pair(stale, (p, q), (false, false));
                }
                if let Some((rp, rq)) = rot.as_deref_mut().and_then(|r| pair_mut(r, p, q)) {
                    rotate_pair(rp.as_mut(), rq.as_mut(), c, s);
                }
            }
        }
        if !rotated {
            return Ok(());
        }
    }
    Err(Error::NoConvergence {
        iterations: MAX_SWEEPS,
    })
}

/// `xs[p] = a`, `xs[q] = b` where those indices exist. (Every index the callers pass is in
/// range; this form leaves no bounds-check panic in the code, for firmware built with a
/// no-panic proof.)
#[inline(always)]
fn set_pair<X>(xs: &mut [X], (p, q): (usize, usize), (a, b): (X, X)) {
    if let Some(x) = xs.get_mut(p) {
        *x = a;
    }
    if let Some(x) = xs.get_mut(q) {
        *x = b;
    }
}

/// Whether rows with squared norms `alpha`, `beta` (both at least `MIN_POSITIVE /
/// EPSILON^2`) and inner product `gamma` are orthogonal to within `tol` in cosine,
/// `|gamma| <= tol * sqrt(alpha) * sqrt(beta)`: compared as squares (no square roots)
/// when both sides are normal numbers, otherwise as written.
#[inline]
fn orthogonal<T: Real>(gamma: T, alpha: T, beta: T, tol: T) -> bool {
    let floor = T::min_positive_value();
    let lhs = gamma * gamma;
    let rhs = tol * tol * (alpha * beta);
    if lhs >= floor && rhs >= floor {
        lhs <= rhs
    } else {
        gamma.abs() <= tol * alpha.square_root() * beta.square_root()
    }
}

/// The norm below which a row of `R` (scaled so that its largest element is in `[1, 2)`)
/// counts as zero: `min_positive / eps`. Above it, the rotation of a pair with cosine above
/// `tol >= eps` has `den = 2 cos a b >= 2 min_positive` in [`small_rows_rotation`], so its
/// tangent and sine are normal numbers and the iteration converges.
fn negligible<T: Real>() -> T {
    T::min_positive_value() / T::epsilon()
}

/// The rotation `(c, s)` that makes rows `wp` and `wq` orthogonal, or `None` when they
/// already are (cosine at most `tol`) or one is negligible (norm below
/// [`negligible`], in a matrix whose largest element is in `[1, 2)`). For rows whose
/// squared norms may lose bits to underflow: the norms are computed with [`norm`] and the
/// cosine from the normalised rows.
fn small_rows_rotation<T: Real>(wp: &[T], wq: &[T], tol: T) -> Option<(T, T)> {
    let zero = T::ZERO;
    let eps = T::epsilon();
    let (mut alpha, mut beta, mut gamma) = (zero, zero, zero);
    for (&x, &y) in wp.iter().zip(wq.iter()) {
        alpha += x * x;
        beta += y * y;
        gamma += x * y;
    }
    let safe = T::min_positive_value() / (eps * eps);
    let (np, nq, cos) = if alpha >= safe && beta >= safe {
        let (np, nq) = (alpha.square_root(), beta.square_root());
        (np, nq, gamma / np / nq)
    } else {
        // Rows so small that their squares lose accuracy: normalise first.
        let small = negligible::<T>();
        let np = norm(wp.iter().copied());
        let nq = norm(wq.iter().copied());
        if np < small || nq < small {
            return None;
        }
        let cos = wp
            .iter()
            .zip(wq.iter())
            .fold(zero, |acc, (&x, &y)| acc + (x / np) * (y / nq));
        (np, nq, cos)
    };
    if cos.abs() <= tol {
        return None;
    }
    // zeta = (beta - alpha) / (2 gamma), both parts divided by max(np, nq)^2.
    let m = np.max(nq);
    let (a, b) = (np / m, nq / m);
    let (c, s, _) = rotation((b - a) * (b + a), T::TWO * cos * a * b);
    Some((c, s))
}

/// Completes the rows of `x` marked `filled` (orthonormal) to an orthonormal basis: each
/// missing row is the unit vector `e_k` with the largest residual after two rounds of
/// Gram-Schmidt against the rows already there (the first `k` on ties), normalised.
/// `y` and `best` (one row each) are scratch. Costs `O(z n^3)` for `z` missing rows of
/// length `n`.
#[inline(always)]
fn complete_orthonormal<T: Real, W: Row<T>>(
    x: &mut [W],
    filled: &mut [bool],
    (y, best): (&mut [T], &mut [T]),
) {
    for i in 0..x.len() {
        if filled.get(i).copied().unwrap_or(true) {
            continue;
        }
        best.fill(T::ZERO);
        let mut best_norm = T::ZERO;
        for k in 0..y.len() {
            y.fill(T::ZERO);
            if let Some(unit) = y.get_mut(k) {
                *unit = T::ONE;
            }
            for _ in 0..2 {
                for (row, _) in x.iter().zip(filled.iter()).filter(|(_, f)| **f) {
                    let row = row.as_ref();
                    let d = row
                        .iter()
                        .zip(y.iter())
                        .fold(T::ZERO, |acc, (&a, &b)| acc + a * b);
                    for (yy, &r) in y.iter_mut().zip(row) {
                        *yy -= d * r;
                    }
                }
            }
            let n = norm(y.iter().copied());
            if n > best_norm {
                for (b, &v) in best.iter_mut().zip(y.iter()) {
                    *b = v;
                }
                best_norm = n;
            }
        }
        // Of n unit vectors, the residuals' squared norms add up to n minus the number of
        // rows filled, so the best one has norm at least 1 / sqrt(n).
        if best_norm > T::ZERO
            && let (Some(row), Some(f)) = (x.get_mut(i), filled.get_mut(i))
        {
            for (d, &b) in row.as_mut().iter_mut().zip(best.iter()) {
                *d = b / best_norm;
            }
            *f = true;
        }
    }
}
