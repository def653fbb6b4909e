//! The product entry point of the dynamic matrices: operands read through row and column
//! strides (so `XᵀX` and `Xᵀ Q` need no transposed copy), the output a contiguous row-major
//! slice.

use crate::scalar::Scalar;
use crate::simd;

/// Products with at least this many multiply-adds (`m * k * n`) run on the packed tiles
/// (`simd/packed.rs`) when the CPU has them; smaller contiguous products run on the in-place
/// tiles (`simd/fma_tiles.rs`), which need no packing buffers. Both give the same bits.
/// Measured on AVX-512 (criterion, `f64`, `benches/dmatrix.rs`): the two are level at 48x48,
/// and the packed tiles lead from 64x64.
const PACKED_MIN_MULTIPLY_ADDS: usize = 48 * 48 * 48;

/// A read-only matrix operand: element `(i, p)` is `data[i * row_stride + p * col_stride]`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Operand<'a, T> {
    /// The elements.
    pub(crate) data: &'a [T],
    /// Distance between consecutive rows.
    pub(crate) row_stride: usize,
    /// Distance between consecutive columns.
    pub(crate) col_stride: usize,
}

impl<'a, T: Scalar> Operand<'a, T> {
    /// The row-major matrix with `cols` columns held in `data`.
    pub(crate) fn row_major(data: &'a [T], cols: usize) -> Self {
        Self {
            data,
            row_stride: cols,
            col_stride: 1,
        }
    }

    /// The transpose of the row-major matrix with `cols` columns held in `data`.
    pub(crate) fn transposed(data: &'a [T], cols: usize) -> Self {
        Self {
            data,
            row_stride: 1,
            col_stride: cols,
        }
    }

    /// Whether every element of a `rows x cols` matrix lies inside `data`.
    pub(crate) fn covers(&self, rows: usize, cols: usize) -> bool {
        rows == 0
            || cols == 0
            || (rows - 1)
                .checked_mul(self.row_stride)
                .zip((cols - 1).checked_mul(self.col_stride))
                .and_then(|(r, c)| r.checked_add(c))
                .is_some_and(|last| last < self.data.len())
    }

    /// Whether this is exactly a contiguous row-major `rows x cols` matrix.
    fn is_contiguous(&self, rows: usize, cols: usize) -> bool {
        self.col_stride == 1 && self.row_stride == cols && self.data.len() == rows * cols
    }

    /// Element `(i, p)`.
    #[inline]
    pub(crate) fn get(&self, i: usize, p: usize) -> T {
        self.data[i * self.row_stride + p * self.col_stride]
    }
}

/// Which part of the product to compute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// Every element.
    Full,
    /// The caller knows the product is symmetric (`XᵀX`, `X Xᵀ`): compute the lower
    /// triangle and mirror it, which is the full product bit for bit (`x_pi x_pj` and `x_pj
    /// x_pi` round alike and are summed in the same order).
    Symmetric,
}

/// `c = a @ b` for contiguous row-major slices (`m x k` times `k x n` into `m x n`).
///
/// # Panics
/// If a slice's length is not its shape's element count (a caller's bug).
pub(crate) fn matmul_slices<T: Scalar>(
    (m, k, n): (usize, usize, usize),
    a: &[T],
    b: &[T],
    c: &mut [T],
) {
    assert!(
        a.len() == m * k && b.len() == k * n,
        "matmul_slices: slice lengths do not match the shapes"
    );
    matmul_strided(
        (m, k, n),
        Operand::row_major(a, k),
        Operand::row_major(b, n),
        c,
        Part::Full,
    );
}

/// `c = a @ b` (`m x k` times `k x n` into the contiguous row-major `m x n` slice `c`), in
/// [`matmul`](super::matmul)'s summation order: the fused tiles (packed or in place, the same
/// bits) under the same rule as the static products, otherwise the textbook order. A dynamic
/// product therefore equals the static product of the same shape bit for bit.
///
/// # Panics
/// If an operand's strides reach outside its slice or `c.len() != m * n` (a caller's bug).
pub(crate) fn matmul_strided<T: Scalar>(
    (m, k, n): (usize, usize, usize),
    a: Operand<'_, T>,
    b: Operand<'_, T>,
    c: &mut [T],
    part: Part,
) {
    assert!(
        a.covers(m, k) && b.covers(k, n) && c.len() == m * n,
        "matmul_strided: an operand does not hold its shape"
    );
    let contiguous = a.is_contiguous(m, k) && b.is_contiguous(k, n);
    let large = m * k * n >= PACKED_MIN_MULTIPLY_ADDS;
    if (large || !contiguous) && simd::packed_matmul((m, k, n), a, b, c, part) {
        return;
    }
    if contiguous && simd::matmul_slices((m, k, n), a.data, b.data, c) {
        return;
    }
    textbook_strided((m, k, n), a, b, c, part);
}

/// The textbook order (start from the `k = 0` product, add the rest in increasing `k`, each
/// product and sum rounded once) in i-k-j loops, which run along rows of `b` and `c`.
fn textbook_strided<T: Scalar>(
    (_, k, n): (usize, usize, usize),
    a: Operand<'_, T>,
    b: Operand<'_, T>,
    c: &mut [T],
    part: Part,
) {
    c.fill(T::ZERO);
    if k == 0 || n == 0 {
        return;
    }
    for (i, c_row) in c.chunks_exact_mut(n).enumerate() {
        let width = match part {
            Part::Full => n,
            Part::Symmetric => i + 1,
        };
        let c_row = &mut c_row[..width];
        let a0 = a.get(i, 0);
        for (j, x) in c_row.iter_mut().enumerate() {
            *x = a0 * b.get(0, j);
        }
        for p in 1..k {
            let a_ip = a.get(i, p);
            if b.col_stride == 1 {
                let start = p * b.row_stride;
                for (x, &y) in c_row.iter_mut().zip(&b.data[start..start + width]) {
                    *x += a_ip * y;
                }
            } else {
                for (j, x) in c_row.iter_mut().enumerate() {
                    *x += a_ip * b.get(p, j);
                }
            }
        }
    }
    if part == Part::Symmetric {
        mirror_lower(c, n);
    }
}

/// Copies the strict lower triangle of the row-major `n x n` matrix `c` onto its upper one.
pub(crate) fn mirror_lower<T: Scalar>(c: &mut [T], n: usize) {
    for i in 0..n {
        for j in i + 1..n {
            c[i * n + j] = c[j * n + i];
        }
    }
}
