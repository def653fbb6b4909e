//! Blocked Householder QR of a tall runtime-size matrix (LAPACK `xGEQRF` with the compact WY
//! form of `xLARFT`/`xLARFB`), for the SVDs of tall matrices: bidiagonalising the `n x n`
//! factor `R` instead of the `m x n` matrix. Bidiagonalisation streams the whole trailing
//! matrix twice per column and runs at memory speed; this QR does most of its work in the
//! packed product (`simd/packed.rs`), so for `m` well above `n` the two steps together take
//! less time than bidiagonalising the tall matrix (LAPACK's `dgesvd` takes the same route
//! from `m >= 1.6 n`; here, where the product is fast, from `m >= 1.2 n`).
//!
//! Each panel of [`PANEL`] columns is factored column by column ([`make_reflector`],
//! [`reflect_row_set`]); its reflectors `H_1 ... H_b = I - V T Vᵀ` (`V` unit lower
//! trapezoidal, `T` upper triangular) then update the trailing columns with two products,
//! `A -= V (Tᵀ (Vᵀ A))`. Backward stable as the unblocked QR (Higham, *Accuracy and
//! Stability*, §19.5 for the WY form).

use alloc::vec;
use alloc::vec::Vec;

use crate::kernel::strided::{Operand, Part, matmul_strided};
use crate::linalg::householder::{make_reflector, reflect_row_set};
use crate::scalar::Real;

/// The columns of a panel.
const PANEL: usize = 32;

/// The QR factorization `A = Q R` of an `m x n` matrix, `m >= n`.
pub(super) struct HouseholderQr<T> {
    /// `R` on and above the diagonal, the reflectors' vectors below it (row-major, `m x n`).
    packed: Vec<T>,
    shape: (usize, usize),
    /// The `T` factor of each panel, `b x b` row-major for a panel of `b` columns.
    panel_t: Vec<Vec<T>>,
}

impl<T: Real> HouseholderQr<T> {
    /// Factors the row-major `m x n` matrix `a` (`m >= n`).
    pub(super) fn factor(mut a: Vec<T>, (m, n): (usize, usize)) -> Self {
        let zero = T::ZERO;
        let mut column = vec![zero; m];
        let mut scratch = [zero; PANEL];
        let mut taus = [zero; PANEL];
        let mut panel = vec![zero; m * PANEL];
        let mut panel_t = Vec::new();
        let mut j = 0;
        while j < n {
            let b = PANEL.min(n - j);
            let rows = m - j;
            // The panel (rows j..m, columns j..j + b) factored in a contiguous copy, where its
            // rows are b elements apart instead of n.
            let panel = &mut panel[..rows * b];
            for (dst, src) in panel.chunks_exact_mut(b).zip(a.chunks_exact(n).skip(j)) {
                dst.copy_from_slice(&src[j..j + b]);
            }
            Self::factor_panel(panel, b, &mut taus[..b], &mut column, &mut scratch);
            for (src, dst) in panel.chunks_exact(b).zip(a.chunks_exact_mut(n).skip(j)) {
                dst[j..j + b].copy_from_slice(src);
            }
            let v = Self::panel_v(panel, (rows, b), 0, b);
            let t = Self::panel_t(&v, (rows, b), &taus[..b]);
            // The trailing columns: A -= V (Tᵀ (Vᵀ A)).
            let trailing = n - j - b;
            if trailing > 0 {
                let offset = j * n + j + b;
                let w = Self::t_times_v_t_a(&v, &t, (rows, b), &a[offset..], (n, trailing), true);
                Self::subtract_v_w(&mut a[offset..], n, &v, &w, (rows, b, trailing));
            }
            panel_t.push(t);
            j += b;
        }
        Self {
            packed: a,
            shape: (m, n),
            panel_t,
        }
    }

    /// Householder QR of the contiguous `rows x b` panel (row-major), column by column
    /// ([`make_reflector`], then [`reflect_row_set`] on the columns to its right): `R` on and
    /// above the diagonal, the vectors below, the factors in `taus`. `column` (at least
    /// `rows` long) and `scratch` (at least `b`) are scratch.
    fn factor_panel(
        panel: &mut [T],
        b: usize,
        taus: &mut [T],
        column: &mut [T],
        scratch: &mut [T],
    ) {
        let zero = T::ZERO;
        let mut rows: Vec<&mut [T]> = panel.chunks_exact_mut(b).collect();
        let height = rows.len();
        for c in 0..b.min(height) {
            let Some(v) = column.get_mut(..height - c) else {
                return;
            };
            for (vi, row) in v.iter_mut().zip(rows.iter().skip(c)) {
                *vi = row.get(c).copied().unwrap_or(zero);
            }
            let Some((alpha, tail)) = v.split_first_mut() else {
                return;
            };
            let (beta, tau) = make_reflector(*alpha, tail);
            *alpha = T::ONE;
            if let Some(t) = taus.get_mut(c) {
                *t = tau;
            }
            for (row, &vi) in rows.iter_mut().skip(c).zip(v.iter()) {
                if let Some(x) = row.get_mut(c) {
                    *x = vi;
                }
            }
            if let Some(x) = rows.get_mut(c).and_then(|row| row.get_mut(c)) {
                *x = beta;
            }
            if tau != zero {
                reflect_row_set(&mut rows, v, tau, c, (c + 1, b), scratch);
            }
        }
    }

    /// `m`, the row count.
    pub(super) fn rows(&self) -> usize {
        self.shape.0
    }

    /// `R`, `n x n` row-major.
    pub(super) fn r(&self) -> Vec<T> {
        let n = self.shape.1;
        let mut r = vec![T::ZERO; n * n];
        for (i, (out, row)) in r
            .chunks_exact_mut(n.max(1))
            .zip(self.packed.chunks_exact(n.max(1)))
            .enumerate()
        {
            for (x, &y) in out.iter_mut().zip(row).skip(i) {
                *x = y;
            }
        }
        r
    }

    /// `x <- Q x` for the row-major `m x k` matrix `x`: the panels' `I - V T Vᵀ` from the
    /// last to the first.
    pub(super) fn apply_q(&self, x: &mut [T], k: usize) {
        let (m, n) = self.shape;
        if k == 0 || x.len() != m * k {
            return;
        }
        let starts = (0..n).step_by(PANEL);
        for (j, t) in starts.zip(&self.panel_t).rev() {
            let b = PANEL.min(n - j);
            let v = Self::panel_v(&self.packed, (m, n), j, b);
            let w = Self::t_times_v_t_a(&v, t, (m - j, b), &x[j * k..], (k, k), false);
            Self::subtract_v_w(&mut x[j * k..], k, &v, &w, (m - j, b, k));
        }
    }

    /// The panel's `V` (`(m - j) x b` row-major, unit lower trapezoidal) from the packed
    /// factor.
    fn panel_v(packed: &[T], (m, n): (usize, usize), j: usize, b: usize) -> Vec<T> {
        let mut v = vec![T::ZERO; (m - j) * b];
        for (i, (out, row)) in v
            .chunks_exact_mut(b)
            .zip(packed.chunks_exact(n).skip(j))
            .enumerate()
        {
            for (p, x) in out.iter_mut().enumerate() {
                *x = match i.cmp(&p) {
                    core::cmp::Ordering::Greater => row.get(j + p).copied().unwrap_or(T::ZERO),
                    core::cmp::Ordering::Equal => T::ONE,
                    core::cmp::Ordering::Less => T::ZERO,
                };
            }
        }
        v
    }

    /// The `b x b` upper triangular `T` with `H_1 ... H_b = I - V T Vᵀ` (LAPACK `xLARFT`,
    /// forward, column-wise): `T_ii = tau_i`, `T[..i, i] = -tau_i T[..i, ..i] (Vᵀ v_i)[..i]`.
    fn panel_t(v: &[T], (rows, b): (usize, usize), taus: &[T]) -> Vec<T> {
        let mut gram = vec![T::ZERO; b * b];
        matmul_strided(
            (b, rows, b),
            Operand::transposed(v, b),
            Operand::row_major(v, b),
            &mut gram,
            Part::Symmetric,
        );
        let mut t = vec![T::ZERO; b * b];
        for (i, &tau) in taus.iter().enumerate().take(b) {
            for r in 0..i {
                let mut z = T::ZERO;
                for q in r..i {
                    z += t[r * b + q] * gram[q * b + i];
                }
                t[r * b + i] = -tau * z;
            }
            t[i * b + i] = tau;
        }
        t
    }

    /// `Tᵀ (Vᵀ A)` (with `transposed`) or `T (Vᵀ A)`, `b x cols`, for the `rows x cols` block
    /// `A` held in `a` with row stride `stride`.
    fn t_times_v_t_a(
        v: &[T],
        t: &[T],
        (rows, b): (usize, usize),
        a: &[T],
        (stride, cols): (usize, usize),
        transposed: bool,
    ) -> Vec<T> {
        let mut vta = vec![T::ZERO; b * cols];
        matmul_strided(
            (b, rows, cols),
            Operand::transposed(v, b),
            Operand {
                data: a,
                row_stride: stride,
                col_stride: 1,
            },
            &mut vta,
            Part::Full,
        );
        let mut w = vec![T::ZERO; b * cols];
        for (r, w_row) in w.chunks_exact_mut(cols).enumerate() {
            // Row r of Tᵀ is column r of T (rows q <= r); row r of T has columns q >= r.
            let qs = if transposed { 0..r + 1 } else { r..b };
            for q in qs {
                let factor = if transposed {
                    t[q * b + r]
                } else {
                    t[r * b + q]
                };
                if factor != T::ZERO {
                    for (x, &y) in w_row.iter_mut().zip(&vta[q * cols..(q + 1) * cols]) {
                        *x += factor * y;
                    }
                }
            }
        }
        w
    }

    /// `A -= V W` for the `rows x cols` block `A` held in `a` with row stride `stride`.
    fn subtract_v_w(
        a: &mut [T],
        stride: usize,
        v: &[T],
        w: &[T],
        (rows, b, cols): (usize, usize, usize),
    ) {
        let mut vw = vec![T::ZERO; rows * cols];
        matmul_strided(
            (rows, b, cols),
            Operand::row_major(v, b),
            Operand::row_major(w, cols),
            &mut vw,
            Part::Full,
        );
        for (a_row, vw_row) in a.chunks_mut(stride).zip(vw.chunks_exact(cols)) {
            for (x, &y) in a_row.iter_mut().zip(vw_row) {
                *x -= y;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::linalg::test_support::Rng;

    fn filled(len: usize, seed: u64) -> Vec<f64> {
        let mut rng = Rng(seed | 1);
        (0..len).map(|_| rng.uniform()).collect()
    }

    #[test]
    fn q_times_r_is_the_matrix_and_q_is_orthogonal() {
        // Three panels, the last one partial; a square case; a one-column case.
        for (m, n) in [(150, 70), (64, 64), (40, 1)] {
            let a = filled(m * n, (m * n) as u64);
            let qr = HouseholderQr::factor(a.clone(), (m, n));
            // Q [R; 0] = A: apply Q to R padded with zero rows.
            let mut qr_product = vec![0.0; m * n];
            qr_product[..n * n].copy_from_slice(&qr.r());
            qr.apply_q(&mut qr_product, n);
            // Q I_(m x m) = Q: its columns orthonormal.
            let mut q = vec![0.0; m * m];
            for i in 0..m {
                q[i * m + i] = 1.0;
            }
            qr.apply_q(&mut q, m);
            // Backward error and orthogonality of Householder QR: LAPACK's ratios
            // |A - QR| / (m |A| eps) and |QᵀQ - I| / (m eps) below its test threshold 30
            // (TESTING/LIN; the bound is a small multiple of m n eps, Higham, Accuracy and
            // Stability, thm. 19.4, and in practice of m eps).
            let eps = f64::EPSILON;
            let norm_a = a.iter().map(|x| x * x).sum::<f64>().sqrt();
            let backward = a
                .iter()
                .zip(&qr_product)
                .map(|(x, y)| (x - y) * (x - y))
                .sum::<f64>()
                .sqrt();
            assert!(
                backward <= 30.0 * (m * n) as f64 * eps * norm_a,
                "{m}x{n}: |A - QR| = {backward:e}"
            );
            for i in 0..m {
                for j in 0..m {
                    let dot: f64 = (0..m).map(|k| q[k * m + i] * q[k * m + j]).sum();
                    let want = if i == j { 1.0 } else { 0.0 };
                    assert!(
                        (dot - want).abs() <= 30.0 * m as f64 * eps,
                        "{m}x{n}: QᵀQ[{i}, {j}] = {dot}"
                    );
                }
            }
            // R is upper triangular.
            let r = qr.r();
            assert!((0..n).all(|i| (0..i).all(|j| r[i * n + j] == 0.0)));
        }
    }
}
