//! The fused multiply-add tiles' dispatch, shared by the architectures that have them: the
//! size rule, the choice of instruction set, and the type casts from the crate's generic
//! matrices and slices to the kernels' `f32`/`f64` pointers. The kernels themselves are the
//! expansions of `fma_tiles.rs` in `x86_64/` and `aarch64/`.

use core::any::TypeId;

use super::arch;
use crate::matrix::Matrix;
use crate::scalar::Scalar;

/// `x` as a `&D` when `S` is the very type `D` (same `TypeId`, which includes every generic
/// and const parameter); `None` otherwise. Folds to a constant after monomorphisation.
#[inline(always)]
pub(super) fn as_type<S: 'static, D: 'static>(x: &S) -> Option<&D> {
    if TypeId::of::<S>() == TypeId::of::<D>() {
        // SAFETY: `S` and `D` are the same type, so the cast changes nothing but the name;
        // the reference keeps `x`'s lifetime.
        Some(unsafe { &*(x as *const S).cast::<D>() })
    } else {
        None
    }
}

/// `x` as a `&mut D` when `S` is the very type `D`; `None` otherwise (see [`as_type`]).
#[inline(always)]
fn as_type_mut<S: 'static, D: 'static>(x: &mut S) -> Option<&mut D> {
    if TypeId::of::<S>() == TypeId::of::<D>() {
        // SAFETY: `S` and `D` are the same type, so the cast changes nothing but the name;
        // the reference keeps `x`'s lifetime and exclusivity.
        Some(unsafe { &mut *(x as *mut S).cast::<D>() })
    } else {
        None
    }
}

/// Products with fewer multiply-adds than this (`R * K * C`) stay on the small kernels or the
/// portable loops, which inline into their callers; from here the tiled kernels' call and
/// dispatch cost little against the work. Measured on AVX-512 (criterion, `f64`): with the
/// threshold lowered, the tiles took 2.7x the portable loops' time at 4x4 and about the same
/// at 6x6 (66 ns against 62 ns); at 8x8 they take 0.46x nalgebra's time.
pub(super) const TILED_MIN_MULTIPLY_ADDS: usize = 512;

/// Products with fewer output columns than this stay on the portable loops (a tile's vectors
/// would be mostly masked lanes).
pub(super) const TILED_MIN_COLUMNS: usize = 4;

/// Whether an `m x k` times `k x n` product is one the tiles take: the rule above, the same
/// for static and dynamic operands, so both round alike.
#[cfg(feature = "alloc")]
pub(super) fn tiles_take(m: usize, k: usize, n: usize) -> bool {
    k >= 1 && m * k * n >= TILED_MIN_MULTIPLY_ADDS && n >= TILED_MIN_COLUMNS
}

/// `out = a @ b` by the fused multiply-add tiles of the best instruction set this CPU
/// supports, for `f32`/`f64` products of at least [`TILED_MIN_MULTIPLY_ADDS`] multiply-adds
/// and [`TILED_MIN_COLUMNS`] columns; `false` (and `out` untouched) otherwise. Writes into
/// the caller's matrix, so that no product of this size is moved through an `Option`.
#[inline(always)]
pub(super) fn tiled_matmul_into<T: Scalar, const R: usize, const K: usize, const C: usize>(
    a: &Matrix<T, R, K>,
    b: &Matrix<T, K, C>,
    out: &mut Matrix<T, R, C>,
) -> bool {
    if R * K * C >= TILED_MIN_MULTIPLY_ADDS
        && C >= TILED_MIN_COLUMNS
        && let Some(isa) = arch::TiledIsa::detect()
    {
        return tiled_product(isa, a, b, out);
    }
    false
}

/// `out = a @ b` by the tiled kernel of `isa` when `T` is `f32` or `f64`; `false` (and `out`
/// untouched) otherwise. Requires `K >= 1`.
#[inline]
pub(super) fn tiled_product<T: Scalar, const R: usize, const K: usize, const C: usize>(
    isa: arch::TiledIsa,
    a: &Matrix<T, R, K>,
    b: &Matrix<T, K, C>,
    out: &mut Matrix<T, R, C>,
) -> bool {
    macro_rules! run {
        ($t:ident, $gemm:ident) => {
            if let (Some(a), Some(b), Some(out)) = (
                as_type::<_, Matrix<$t, R, K>>(a),
                as_type::<_, Matrix<$t, K, C>>(b),
                as_type_mut::<_, Matrix<$t, R, C>>(out),
            ) {
                let (a, b, c) = (
                    a.0.as_ptr().cast::<$t>(),
                    b.0.as_ptr().cast::<$t>(),
                    out.0.as_mut_ptr().cast::<$t>(),
                );
                // SAFETY: `isa` was detected on this CPU (or enabled at compile time); `K >= 1`
                // (checked above); the operands are contiguous row-major arrays of `R x K`,
                // `K x C` and `R x C` elements with row strides `K`, `C` and `C`, so every
                // index the kernel forms is inside its array; `out` is a distinct `&mut`.
                unsafe { arch::$gemm(isa, R, C, K, a, K, b, C, c, C) };
                return true;
            }
        };
    }
    if K == 0 {
        return false;
    }
    run!(f64, gemm_f64);
    run!(f32, gemm_f32);
    false
}

/// `c = a @ b` for contiguous row-major slices (`m x k` times `k x n` into `m x n`, `k >= 1`)
/// by the fused multiply-add tiles, under the same rule as the static products (`f32`/`f64`,
/// at least [`TILED_MIN_MULTIPLY_ADDS`] multiply-adds and [`TILED_MIN_COLUMNS`] columns, a
/// CPU that has them), so that a dynamic product equals the static one of the same shape bit
/// for bit; `false` (and `c` untouched) otherwise.
///
/// Also `false` if a slice's length is not its shape's element count.
#[cfg(feature = "alloc")]
pub(crate) fn matmul_slices<T: Scalar>(
    (m, k, n): (usize, usize, usize),
    a: &[T],
    b: &[T],
    c: &mut [T],
) -> bool {
    let fits = a.len() == m * k && b.len() == k * n && c.len() == m * n;
    if !fits || !tiles_take(m, k, n) {
        return false;
    }
    let Some(isa) = arch::TiledIsa::detect() else {
        return false;
    };
    macro_rules! run {
        ($t:ident, $gemm:ident) => {
            if TypeId::of::<T>() == TypeId::of::<$t>() {
                let (a, b, c) = (
                    a.as_ptr().cast::<$t>(),
                    b.as_ptr().cast::<$t>(),
                    c.as_mut_ptr().cast::<$t>(),
                );
                // SAFETY: `T` is `$t` (same `TypeId`), so the casts change only the name;
                // `isa` is supported on this CPU; `k >= 1`; the slices hold exactly `m x k`,
                // `k x n` and `m x n` elements (asserted) with row strides `k`, `n`, `n`, so
                // every index the kernel forms is inside its slice; `c` is a distinct `&mut`.
                unsafe { arch::$gemm(isa, m, n, k, a, k, b, n, c, n) };
                return true;
            }
        };
    }
    run!(f64, gemm_f64);
    run!(f32, gemm_f32);
    false
}
