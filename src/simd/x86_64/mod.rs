//! The `x86_64` kernels and their dispatch: the SSE2 4x4 products (`sse2.rs`, the baseline
//! of every `x86_64` target) and the fused multiply-add tiles (`../fma_tiles.rs`, expanded
//! for AVX-512 in `avx512.rs` and for AVX2+FMA in `avx2.rs`). See the [`simd`](super) module
//! for what each computes and when it runs.

use super::tiled::as_type;
#[cfg(feature = "alloc")]
pub(crate) use super::tiled::matmul_slices;
pub(super) use super::tiled::tiled_matmul_into as matmul_into;
use crate::matrix::Matrix;
use crate::scalar::Scalar;

mod cofactor_sse2;
mod sse2;

mod avx2;
mod avx512;

/// `x` as a `D` when `S` is the very type `D`; `None` otherwise (see [`as_type`](super::as_type)).
#[inline(always)]
fn into_type<S: 'static, D: Copy + 'static>(x: S) -> Option<D> {
    as_type::<S, D>(&x).copied()
}

/// The column vector holding `y`: `Matrix<T, 4, 1>` is `#[repr(transparent)]` over
/// `[[T; 1]; 4]`, whose layout is `[T; 4]`'s, so the array is copied whole (one store, where
/// an element-by-element construction can become four).
#[inline(always)]
fn column<T: Copy>(y: [T; 4]) -> Matrix<T, 4, 1> {
    // SAFETY: `[T; 4]` and `Matrix<T, 4, 1>` (`repr(transparent)` over `[[T; 1]; 4]`) have
    // the same size, alignment and element order; every bit pattern of the one is a value
    // of the other.
    unsafe { core::mem::transmute_copy(&y) }
}

/// `a @ b` by an explicit kernel when there is one for `T` and these sizes on this target;
/// `None` otherwise (the caller runs the portable loops). The type tests are on constants
/// and fold away.
#[inline(always)]
pub(super) fn matmul<T: Scalar, const R: usize, const K: usize, const C: usize>(
    a: &Matrix<T, R, K>,
    b: &Matrix<T, K, C>,
) -> Option<Matrix<T, R, C>> {
    // The SSE2 4x4 kernels (bit-identical to the portable loops).
    if let (Some(a), Some(b)) = (
        as_type::<_, Matrix<f32, 4, 4>>(a),
        as_type::<_, Matrix<f32, 4, 4>>(b),
    ) {
        return into_type(Matrix(sse2::matmul_4x4_f32(&a.0, &b.0)));
    }
    if let (Some(a), Some(x)) = (
        as_type::<_, Matrix<f32, 4, 4>>(a),
        as_type::<_, Matrix<f32, 4, 1>>(b),
    ) {
        let x = <&[f32; 4]>::try_from(x.0.as_flattened()).ok()?;
        return into_type(column(sse2::matvec_4x4_f32(&a.0, x)));
    }
    None
}

/// The instruction set of the tiled products.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TiledIsa {
    /// AVX-512F: 512-bit vectors, 32 registers.
    Avx512,
    /// AVX2 with FMA: 256-bit vectors, 16 registers.
    Avx2Fma,
}

impl TiledIsa {
    /// The instruction sets in order of preference.
    pub(super) const ALL: [Self; 2] = [Self::Avx512, Self::Avx2Fma];

    /// Whether this CPU runs `self`: enabled at compile time or, under `std`, reported by the
    /// CPU (`is_x86_feature_detected!` caches its answer).
    #[inline]
    pub(super) fn is_supported(self) -> bool {
        #[cfg(feature = "std")]
        {
            match self {
                Self::Avx512 => std::arch::is_x86_feature_detected!("avx512f"),
                Self::Avx2Fma => {
                    std::arch::is_x86_feature_detected!("avx2")
                        && std::arch::is_x86_feature_detected!("fma")
                }
            }
        }
        #[cfg(not(feature = "std"))]
        {
            match self {
                Self::Avx512 => cfg!(target_feature = "avx512f"),
                Self::Avx2Fma => cfg!(all(target_feature = "avx2", target_feature = "fma")),
            }
        }
    }

    /// The widest supported instruction set; `None` without FMA.
    #[inline]
    pub(super) fn detect() -> Option<Self> {
        Self::ALL.into_iter().find(|isa| isa.is_supported())
    }
}

/// `(adj(A) * (1 / det), det)` of a 4x4 `f32` matrix by the SSE2 kernel; `None` for other
/// element types.
#[inline(always)]
pub(super) fn inverse_cofactor_4x4<T: Scalar>(a: &Matrix<T, 4, 4>) -> Option<(Matrix<T, 4, 4>, T)> {
    let a = as_type::<_, Matrix<f32, 4, 4>>(a)?;
    let (inv, det) = cofactor_sse2::inverse_4x4_f32(&a.0);
    into_type((Matrix(inv), det))
}

crate::simd::fma_tiles::gemm_dispatch!(Avx512 => avx512, Avx2Fma => avx2);
