//! The `aarch64` kernels: the fused multiply-add tiles of `../fma_tiles.rs` on NEON
//! (`neon.rs`), part of the baseline of every `aarch64` target, so chosen at compile time
//! and available in `no_std`. See the [`simd`](super) module for what they compute and when
//! they run.

mod neon;

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

macro_rules! gemm_by_isa {
    ($name:ident, $t:ident) => {
        /// The tiled product `c = a @ b` of `isa` (see `simd/fma_tiles.rs` for the operands).
        ///
        /// # Safety
        ///
        /// As the kernels' `gemm`.
        #[allow(clippy::too_many_arguments)] // The three operands' pointers and strides.
        #[inline]
        pub(super) unsafe fn $name(
            isa: TiledIsa,
            m: usize,
            n: usize,
            k: usize,
            a: *const $t,
            lda: usize,
            b: *const $t,
            ldb: usize,
            c: *mut $t,
            ldc: usize,
        ) {
            // SAFETY: the caller's contract, passed on.
            unsafe {
                match isa {
                    TiledIsa::Neon => neon::$t::gemm(m, n, k, a, lda, b, ldb, c, ldc),
                }
            }
        }
    };
}
gemm_by_isa!(gemm_f64, f64);
gemm_by_isa!(gemm_f32, f32);
