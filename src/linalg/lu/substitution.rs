//! Forward and back substitution with the packed factors, unrolled for small sizes and in
//! loops for the rest, the same operations in the same order.

use super::Lu;
use super::elimination::{UNROLL, UNROLL_MAX};
use crate::matrix::Matrix;
use crate::scalar::Real;

impl<T: Real, const N: usize> Lu<T, N> {
    /// Forward substitution with the unit lower `L`, then back substitution with `U`, on the
    /// rows of `x` (already permuted), each row a set of `K` right-hand-side entries.
    #[inline(always)]
    pub(super) fn substitute<const K: usize>(&self, x: [[T; K]; N]) -> Matrix<T, N, K> {
        if UNROLL && N <= UNROLL_MAX {
            self.substitute_unrolled(x)
        } else {
            self.substitute_loops(x)
        }
    }

    /// [`substitute`](Lu::substitute) for small `N`, the same operations in the same order
    /// as [`substitute_loops`](Lu::substitute_loops), over constant ranges (as
    /// [`eliminate_unrolled`](Lu::eliminate_unrolled)).
    #[allow(clippy::needless_range_loop)] // As in `eliminate_unrolled`.
    #[inline(always)]
    pub(super) fn substitute_unrolled<const K: usize>(
        &self,
        mut x: [[T; K]; N],
    ) -> Matrix<T, N, K> {
        let lu = &self.packed.0;
        for i in 0..N {
            for k in 0..N {
                if k < i {
                    let l = lu[i][k];
                    for c in 0..K {
                        let product = l * x[k][c];
                        x[i][c] -= product;
                    }
                }
            }
        }
        for r in 0..N {
            let i = N - 1 - r;
            for k in 0..N {
                if k > i {
                    let u = lu[i][k];
                    for c in 0..K {
                        let product = u * x[k][c];
                        x[i][c] -= product;
                    }
                }
            }
            let pivot = lu[i][i];
            for c in 0..K {
                x[i][c] /= pivot;
            }
        }
        Matrix(x)
    }

    /// [`substitute`](Lu::substitute) for larger `N`.
    #[allow(clippy::needless_range_loop)] // As in `eliminate_loops`.
    pub(super) fn substitute_loops<const K: usize>(&self, mut x: [[T; K]; N]) -> Matrix<T, N, K> {
        let lu = &self.packed.0;
        for i in 1..N {
            for k in 0..i {
                let l = lu[i][k];
                for c in 0..K {
                    let product = l * x[k][c];
                    x[i][c] -= product;
                }
            }
        }
        for i in (0..N).rev() {
            for k in i + 1..N {
                let u = lu[i][k];
                for c in 0..K {
                    let product = u * x[k][c];
                    x[i][c] -= product;
                }
            }
            let pivot = lu[i][i];
            for c in 0..K {
                x[i][c] /= pivot;
            }
        }
        Matrix(x)
    }
}
