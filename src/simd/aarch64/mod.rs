//! The `aarch64` kernels: the fused multiply-add tiles of `../fma_tiles.rs` on NEON
//! (`neon.rs`), part of the baseline of every `aarch64` target, so chosen at compile time
//! and available in `no_std`. See the [`simd`](super) module for what they compute and when
//! they run.

mod neon;

use crate::matrix::Matrix;
use crate::scalar::Scalar;

#[cfg(feature = "alloc")]
pub(crate) use super::tiled::matmul_slices;
pub(super) use super::tiled::tiled_matmul_into as matmul_into;

/// No small fixed kernels on `aarch64` yet: the portable loops run.
#[inline(always)]
pub(super) fn matmul<T: Scalar, const R: usize, const K: usize, const C: usize>(
    _a: &Matrix<T, R, K>,
    _b: &Matrix<T, K, C>,
) -> Option<Matrix<T, R, C>> {
    None
}

/// No cofactor kernel on `aarch64`: the portable formula runs.
#[inline(always)]
pub(super) fn inverse_cofactor_4x4<T: Scalar>(
    _a: &Matrix<T, 4, 4>,
) -> Option<(Matrix<T, 4, 4>, T)> {
    None
}

/// The instruction set of the tiled products.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TiledIsa {
    /// NEON (Advanced SIMD): 128-bit vectors, 32 registers.
    Neon,
}

impl TiledIsa {
    /// The instruction sets in order of preference.
    pub(super) const ALL: [Self; 1] = [Self::Neon];

    /// Whether this CPU runs `self`: NEON is enabled for the whole build (the module's
    /// `cfg`).
    #[inline]
    pub(super) fn is_supported(self) -> bool {
        true
    }

    /// The widest supported instruction set.
    #[inline]
    pub(super) fn detect() -> Option<Self> {
        Self::ALL.into_iter().find(|isa| isa.is_supported())
    }
}

crate::simd::fma_tiles::gemm_dispatch!(Neon => neon);
