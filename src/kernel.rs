//! The one matrix-product entry point.
//!
//! Every product in the crate (`*` in all its owned/borrowed forms, [`Matrix::matmul`],
//! `*=`) calls [`matmul`] here, so a faster kernel replaces this function and nothing else.

use crate::matrix::Matrix;
use crate::scalar::Scalar;

/// `a @ b` for an `R x K` times `K x C` product.
///
/// Loop order i-k-j: the innermost loop runs along a row of `b` and of the output, both
/// contiguous in the row-major layout, so it vectorises; with constant trip counts the
/// compiler unrolls small shapes completely. Each output element accumulates its `K`
/// products in increasing `k`, as the textbook dot product does. Each output row starts
/// from its `k = 0` products rather than from zero, which saves one addition per element.
#[inline]
pub(crate) fn matmul<T: Scalar, const R: usize, const K: usize, const C: usize>(
    a: &Matrix<T, R, K>,
    b: &Matrix<T, K, C>,
) -> Matrix<T, R, C> {
    let mut out = Matrix::<T, R, C>::zeros();
    let Some((b_first, b_rest)) = b.0.split_first() else {
        // K == 0: the empty sum.
        return out;
    };
    for (out_row, a_row) in out.0.iter_mut().zip(a.0.iter()) {
        let a_first = a_row[0];
        for (o, &b_0j) in out_row.iter_mut().zip(b_first.iter()) {
            *o = a_first * b_0j;
        }
        for (&a_ik, b_row) in a_row[1..].iter().zip(b_rest.iter()) {
            for (o, &b_kj) in out_row.iter_mut().zip(b_row.iter()) {
                *o += a_ik * b_kj;
            }
        }
    }
    out
}
