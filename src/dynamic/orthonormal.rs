//! An orthonormal basis of the columns of a tall [`DMatrix`]: the `Q` of its thin Householder
//! QR factorisation (LAPACK's `xGEQR2` then `xORG2R`), for the randomized PCA's range
//! finder.
//!
//! The matrix is worked on transposed (each column a contiguous row), so every reflection
//! is a dot product and an update along contiguous memory
//! ([`reflect_row`](crate::linalg::householder::reflect_row), whose dot product
//! keeps eight partial sums); `Q` is orthonormal to `O(m l eps)` as LAPACK's (Higham,
//! *Accuracy and Stability of Numerical Algorithms*, 2nd ed., Theorem 19.4).

use alloc::vec;

use super::DMatrix;
use crate::linalg::householder::{make_reflector, reflect_row as reflect};
use crate::scalar::Real;

/// The `m x l` matrix `Q` with orthonormal columns spanning the columns of the `m x l`
/// matrix `y` (`m >= l`), from its Householder QR factorisation. A column that depends on the
/// ones before it still gets a unit vector orthogonal to them (the reflectors are orthogonal
/// whatever `y` is), so `Q` is orthonormal for every finite `y`.
pub(crate) fn orthonormal_columns<T: Real>(y: &DMatrix<T>) -> DMatrix<T> {
    crate::simd::wide::orthonormal_columns(y)
}

/// [`orthonormal_columns`] itself, always inlined into its copies built for wider vectors
/// (`simd/wide.rs`).
#[inline(always)]
pub(crate) fn orthonormal_columns_body<T: Real>(y: &DMatrix<T>) -> DMatrix<T> {
    let (m, l) = y.shape();
    debug_assert!(m >= l);
    // Row `j` of `w` is column `j` of `y`; it receives the reflector `v_j` (below the
    // diagonal) as the factorisation proceeds.
    let mut w = y.transpose();
    let mut taus = vec![T::ZERO; l];
    for j in 0..l {
        let (done, rest) = w.as_mut_slice().split_at_mut((j + 1) * m);
        let column = &mut done[j * m..];
        let (alpha, x) = column[j..].split_first_mut().expect("j < m");
        let (beta, tau) = make_reflector(*alpha, x);
        *alpha = beta;
        taus[j] = tau;
        let v_tail = &column[j + 1..];
        for later in rest.chunks_exact_mut(m) {
            reflect(&mut later[j..], v_tail, tau);
        }
    }
    // Q = H_0 H_1 ... H_{l-1} [I; 0], built from the last reflector back (`xORG2R`): row `c`
    // of `qt` is column `c` of `Q`.
    let mut qt = DMatrix::from_fn(l, m, |c, i| if c == i { T::ONE } else { T::ZERO });
    for j in (0..l).rev() {
        let v_tail = &w.as_slice()[j * m + j + 1..(j + 1) * m];
        for column in qt.as_mut_slice().chunks_exact_mut(m).skip(j) {
            reflect(&mut column[j..], v_tail, taus[j]);
        }
    }
    qt.transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_orthonormal_and_span_the_input() {
        let (m, l) = (37, 9);
        let mut state = 5u64;
        let mut y = DMatrix::from_fn(m, l, |_, _| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 11) as f64 / (1u64 << 52) as f64 - 0.5
        });
        // Column 4 depends on columns 0 and 1: the basis is still orthonormal.
        for i in 0..m {
            y[(i, 4)] = 2.0 * y[(i, 0)] - y[(i, 1)];
        }
        let q = orthonormal_columns(&y);
        assert_eq!(q.shape(), (m, l));
        // QᵀQ = I to O(m l eps) (Higham, Theorem 19.4; 4 m l eps is generous for m l = 333).
        let qtq = q.transpose_matmul(&q);
        let bound = 4.0 * (m * l) as f64 * f64::EPSILON;
        for i in 0..l {
            for j in 0..l {
                let want = if i == j { 1.0 } else { 0.0 };
                assert!((qtq[(i, j)] - want).abs() <= bound, "QᵀQ at ({i}, {j})");
            }
        }
        // Every column of y lies in the span: (I - QQᵀ) y = 0 to the same order, relative
        // to the column's norm.
        let residual = &y - &q.matmul(&q.transpose_matmul(&y));
        for j in 0..l {
            let norm = (0..m)
                .map(|i| y[(i, j)] * y[(i, j)])
                .sum::<f64>()
                .square_root();
            for i in 0..m {
                assert!(
                    residual[(i, j)].abs() <= bound * norm,
                    "residual at ({i}, {j})"
                );
            }
        }
    }
}
