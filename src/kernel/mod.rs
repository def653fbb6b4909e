//! The one matrix-product entry point.
//!
//! Every product in the crate (`*` in all its owned/borrowed forms, [`Matrix::matmul`],
//! `*=`) calls [`matmul`] here, and every product of dynamic matrices calls
//! [`matmul_strided`] (`strided.rs`), so a faster kernel replaces these functions and nothing else.

use crate::matrix::Matrix;
use crate::scalar::Scalar;
use crate::simd;

#[cfg(feature = "alloc")]
pub(crate) mod strided;
#[cfg(feature = "alloc")]
pub(crate) use strided::{Operand, Part, matmul_slices, matmul_strided};

/// Output size, in bytes, up to which [`matmul`] uses the rank-1-update (k-i-j) loop order:
/// 8x8 `f64`, 16x8 `f32`, every 4x4 and smaller.
const RANK1_MAX_OUTPUT_BYTES: usize = 512;

/// `a @ b` for an `R x K` times `K x C` product.
///
/// # Summation order
///
/// Every output element is the textbook dot product: `out[i][j]` starts from its `k = 0`
/// product `a[i][0] * b[0][j]` (not from zero, which saves one addition) and then adds
/// `a[i][k] * b[k][j]` for `k = 1, 2, ..., K - 1` in that order, never reassociated. For
/// integers the operations, and so the overflow behaviour, are the textbook loop's.
///
/// Each product and each sum is rounded once (no fused multiply-add), and the result is the
/// textbook loop's bit for bit, everywhere except in one case: `f32`/`f64` products of at least
/// 512 multiply-adds (`R * K * C`, `simd/tiled.rs`: `TILED_MIN_MULTIPLY_ADDS`) with at least 4
/// columns (`TILED_MIN_COLUMNS`), on an `x86_64` CPU with AVX2+FMA or AVX-512 (enabled at
/// compile time, or detected at run time under `std`) or on `aarch64` (NEON). Those run the
/// register-tiled kernels of [`simd`], which fuse each step's multiply and add (one rounding
/// instead of two) in the same order: the result then differs from the textbook loop's in the
/// last bits, within the same error bound `|c_hat - c| <= gamma_K |a| |b|` (see
/// `simd/fma_tiles.rs`).
/// `RUSTFLAGS="--cfg statrix_scalar_math"` turns the kernels off.
///
/// # Loop order of the portable loops ([`portable`])
///
/// All branches perform exactly those operations on every element; they only
/// interleave the independent elements differently, which decides how LLVM vectorises
/// them. In both, the innermost loop runs along a row of `b` and of the output (contiguous in
/// the row-major layout), so each step is "broadcast `a[i][k]`, multiply by row `k` of `b`,
/// add to the output row" on whole vectors.
///
/// - Outputs of at most [`RANK1_MAX_OUTPUT_BYTES`] (up to 8x8 `f64`): k-i-j order, a
///   rank-1 update of the whole output per `k`. With the row loop inside the `k` loop, the
///   loop that stays rolled (if any) carries every output element as an ordered
///   floating-point sum, which the loop vectoriser leaves alone.
/// - Larger outputs with rows of at most [`ROW_MAX_BYTES`]: i-k-j order, each output row
///   accumulated in a local `[T; C]` (kept in registers while `k` runs) and stored once.
/// - Wider rows (`f64` from 17 columns, `f32` from 33): output tiles of 4 rows by 4 (`f64`)
///   or 8 (`f32`) columns held in registers across the whole `k` loop ([`matmul_tiled`]);
///   a whole row would spill at every step. By instruction count (`valgrind
///   --tool=callgrind`, `benches/src/bin/instructions.rs`) the tiles take 22 % fewer
///   instructions than the row form at 32x32 and 64x64 `f64` and 24 % fewer at 64x64 `f32`;
///   at 16x16 `f64` and 32x32 `f32` the row form is the better one (6 % fewer).
///
/// With i-k-j order at the small sizes, LLVM's loop vectoriser can vectorise the row loop
/// itself once the inner loops are unrolled: it gathers columns of `a`, broadcasts elements
/// of `b` and transposes the result back, about twice the shuffles of the row-broadcast form.
/// In the criterion bench (`benches/matmul.rs`) that happened for 4x4 `f32`/`f64` and for
/// 6x6 and 8x8 `f64`. The loops are plain index loops over constant bounds (no iterator
/// adapters, no closures) so that they unroll early and the kernel inlines into its callers.
#[inline]
pub(crate) fn matmul<T: Scalar, const R: usize, const K: usize, const C: usize>(
    a: &Matrix<T, R, K>,
    b: &Matrix<T, K, C>,
) -> Matrix<T, R, C> {
    if let Some(out) = simd::matmul(a, b) {
        return out;
    }
    let mut out = Matrix::<T, R, C>::zeros();
    if simd::matmul_into(a, b, &mut out) {
        return out;
    }
    portable(a, b)
}

/// `a @ b` by the portable loops (see [`matmul`]): what every target without an explicit
/// kernel runs, and what the kernels are tested against.
#[inline(always)]
#[allow(clippy::needless_range_loop)] // Index loops on purpose: see `matmul`'s "Loop order".
pub(crate) fn portable<T: Scalar, const R: usize, const K: usize, const C: usize>(
    a: &Matrix<T, R, K>,
    b: &Matrix<T, K, C>,
) -> Matrix<T, R, C> {
    let mut out = Matrix::<T, R, C>::zeros();
    if K == 0 {
        // The empty sum.
        return out;
    }
    if R * C * core::mem::size_of::<T>() <= RANK1_MAX_OUTPUT_BYTES {
        for i in 0..R {
            let a_i0 = a.0[i][0];
            for j in 0..C {
                out.0[i][j] = a_i0 * b.0[0][j];
            }
        }
        for k in 1..K {
            for i in 0..R {
                let a_ik = a.0[i][k];
                for j in 0..C {
                    out.0[i][j] += a_ik * b.0[k][j];
                }
            }
        }
    } else if C * core::mem::size_of::<T>() <= ROW_MAX_BYTES {
        for i in 0..R {
            out.0[i] = product_row(a, b, i);
        }
    } else if core::mem::size_of::<T>() <= 4 {
        matmul_tiled::<T, R, K, C, 8>(a, b, &mut out);
    } else {
        matmul_tiled::<T, R, K, C, 4>(a, b, &mut out);
    }
    out
}

/// Output row width, in bytes, up to which a whole output row is accumulated in registers
/// (16 `f64` or 32 `f32`: half of the sixteen 16-byte vector registers of SSE2); wider rows
/// are computed in tiles ([`matmul_tiled`]).
const ROW_MAX_BYTES: usize = 128;

/// Row `i` of `a @ b`, accumulated in a local `[T; C]` (kept in registers while `k` runs) in
/// the documented order.
#[inline(always)]
#[allow(clippy::needless_range_loop)] // Index loops on purpose: see `matmul`.
fn product_row<T: Scalar, const R: usize, const K: usize, const C: usize>(
    a: &Matrix<T, R, K>,
    b: &Matrix<T, K, C>,
    i: usize,
) -> [T; C] {
    let a_row = &a.0[i];
    let mut acc = [T::ZERO; C];
    for j in 0..C {
        acc[j] = a_row[0] * b.0[0][j];
    }
    for k in 1..K {
        let a_ik = a_row[k];
        for j in 0..C {
            acc[j] += a_ik * b.0[k][j];
        }
    }
    acc
}

/// Rows per output tile of [`matmul_tiled`].
const TILE_ROWS: usize = 4;

/// `a @ b` (`K >= 1`) in output tiles of `TILE_ROWS x NR`, each held in a local array (in
/// registers) across the whole `k` loop: per `k`, one row segment of `b` is loaded and
/// multiplied by four elements of `a`. The output row is too wide for [`product_row`] to keep
/// in registers (it would spill at every step). Every element still starts from its `k = 0`
/// product and adds the others in increasing `k`; the columns and rows left over at the
/// edges take [`product_row`]'s order element by element.
#[inline(always)]
#[allow(clippy::needless_range_loop)] // Index loops on purpose: see `matmul`.
fn matmul_tiled<T: Scalar, const R: usize, const K: usize, const C: usize, const NR: usize>(
    a: &Matrix<T, R, K>,
    b: &Matrix<T, K, C>,
    out: &mut Matrix<T, R, C>,
) {
    let full_rows = R - R % TILE_ROWS;
    let full_cols = C - C % NR;
    for i in (0..full_rows).step_by(TILE_ROWS) {
        for j in (0..full_cols).step_by(NR) {
            let mut acc = [[T::ZERO; NR]; TILE_ROWS];
            for r in 0..TILE_ROWS {
                let a0 = a.0[i + r][0];
                for c in 0..NR {
                    acc[r][c] = a0 * b.0[0][j + c];
                }
            }
            for k in 1..K {
                let mut b_row = [T::ZERO; NR];
                b_row.copy_from_slice(&b.0[k][j..j + NR]);
                for r in 0..TILE_ROWS {
                    let a_rk = a.0[i + r][k];
                    for c in 0..NR {
                        acc[r][c] += a_rk * b_row[c];
                    }
                }
            }
            for r in 0..TILE_ROWS {
                out.0[i + r][j..j + NR].copy_from_slice(&acc[r]);
            }
        }
        for r in i..i + TILE_ROWS {
            for j in full_cols..C {
                out.0[r][j] = product_element(a, b, r, j);
            }
        }
    }
    for i in full_rows..R {
        out.0[i] = product_row(a, b, i);
    }
}

/// Element `(i, j)` of `a @ b` (`K >= 1`) in the documented order.
#[inline(always)]
fn product_element<T: Scalar, const R: usize, const K: usize, const C: usize>(
    a: &Matrix<T, R, K>,
    b: &Matrix<T, K, C>,
    i: usize,
    j: usize,
) -> T {
    let mut acc = a.0[i][0] * b.0[0][j];
    for k in 1..K {
        acc += a.0[i][k] * b.0[k][j];
    }
    acc
}

/// The reference the kernels are tested against: the documented order, written plainly
/// (start from the `k = 0` product, add the rest in increasing `k`).
#[cfg(test)]
pub(crate) fn textbook<T: Scalar, const R: usize, const K: usize, const C: usize>(
    a: &Matrix<T, R, K>,
    b: &Matrix<T, K, C>,
) -> Matrix<T, R, C> {
    Matrix::from_fn(|i, j| {
        let mut acc = a.0[i][0] * b.0[0][j];
        for k in 1..K {
            acc += a.0[i][k] * b.0[k][j];
        }
        acc
    })
}

#[cfg(test)]
mod tests {
    use super::{RANK1_MAX_OUTPUT_BYTES, portable as matmul, textbook};
    use crate::matrix::Matrix;

    /// Deterministic, irregular values in about [-1, 1) with full mantissas.
    fn filled<const R: usize, const C: usize>(seed: u64) -> Matrix<f64, R, C> {
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        Matrix::from_fn(|_, _| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 11) as f64 / (1u64 << 52) as f64 - 1.0
        })
    }

    fn check<const R: usize, const K: usize, const C: usize>(seed: u64) {
        let a = filled::<R, K>(seed);
        let b = filled::<K, C>(seed + 1);
        assert_eq!(matmul(&a, &b), textbook(&a, &b), "f64 {R}x{K} @ {K}x{C}");
        let (a32, b32) = (a.map(|x| x as f32), b.map(|x| x as f32));
        assert_eq!(
            matmul(&a32, &b32),
            textbook(&a32, &b32),
            "f32 {R}x{K} @ {K}x{C}"
        );
        // Integers wrap in release builds and panic in debug ones; these stay small.
        let (ai, bi) = (
            a.map(|x| (x * 1000.0) as i64),
            b.map(|x| (x * 1000.0) as i64),
        );
        assert_eq!(
            matmul(&ai, &bi),
            textbook(&ai, &bi),
            "i64 {R}x{K} @ {K}x{C}"
        );
    }

    #[test]
    fn both_loop_orders_keep_the_textbook_summation_order() {
        // 8x8 f64 is the largest rank-1-order output; 8x9 f64 and 16x9 f32 take the row path.
        assert_eq!(8 * 8 * 8, RANK1_MAX_OUTPUT_BYTES);
        check::<1, 1, 1>(1);
        check::<4, 1, 4>(2);
        check::<4, 4, 1>(3);
        check::<1, 5, 4>(4);
        check::<4, 4, 4>(5);
        check::<3, 7, 5>(6);
        check::<6, 6, 6>(7);
        check::<8, 8, 8>(8);
        check::<8, 3, 9>(9);
        check::<16, 8, 8>(10);
        check::<16, 5, 9>(11);
        check::<9, 12, 17>(12);
        check::<20, 1, 30>(13);
        // Tiled: every output row is wider than ROW_MAX_BYTES (f64 C > 16, f32 C > 32), with
        // and without rows and columns left over at the edges of the tiles.
        check::<32, 32, 32>(14);
        check::<13, 7, 35>(15);
        check::<4, 3, 17>(16);
        check::<6, 64, 33>(17);
        check::<64, 9, 64>(18);
    }

    #[test]
    fn special_values_propagate_as_in_the_textbook_loop() {
        let a = Matrix::new([[f64::INFINITY, 1.0], [0.0, f64::NAN], [-0.0, 2.0]]);
        let b = Matrix::new([[0.0, -1.0, 3.0], [f64::MAX, 1.0, -0.0]]);
        let (got, want) = (matmul(&a, &b), textbook(&a, &b));
        // A NaN's sign and payload are unspecified in Rust: NaN is compared as NaN, every
        // other value bit for bit (the sign of a zero included).
        for (g, w) in got.0.iter().flatten().zip(want.0.iter().flatten()) {
            if w.is_nan() {
                assert!(g.is_nan(), "{g} where the textbook loop gives NaN");
            } else {
                assert_eq!(g.to_bits(), w.to_bits());
            }
        }
    }

    #[test]
    fn empty_shapes() {
        assert_eq!(
            matmul(&Matrix::<f32, 3, 0>::zeros(), &Matrix::<f32, 0, 2>::zeros()),
            Matrix::<f32, 3, 2>::zeros()
        );
        let _: Matrix<f64, 0, 4> = matmul(&Matrix::<f64, 0, 3>::zeros(), &filled::<3, 4>(1));
        let _: Matrix<f64, 5, 0> = matmul(&filled::<5, 3>(1), &Matrix::<f64, 3, 0>::zeros());
    }
}
