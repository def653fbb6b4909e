//! NEON kernels: the register-tiled product of [`fma_tiles`](crate::simd::fma_tiles) on
//! 128-bit vectors (2 `f64` or 4 `f32`), tiles of 8 rows by 2 vectors (16 accumulators of the
//! 32 registers). NEON has no masked loads: a partial vector at the right edge goes through a
//! small buffer, so no element outside the row is read or written.
//!
//! Every function here carries `#[target_feature(enable = "neon")]`, which the whole build
//! has (the parent module's `cfg`).

macro_rules! neon_primitives {
    ($t:ident, $v:ty, $lanes:literal, $dup:ident, $ld:ident, $st:ident, $mul:ident, $fma:ident) => {
        use core::arch::aarch64::{$v, $dup, $fma, $ld, $mul, $st};

        type T = $t;
        type V = $v;
        /// The count of lanes inside the row.
        type Mask = usize;
        pub(in crate::simd) const LANES: usize = $lanes;
        const MR: usize = 8;
        /// Rows of a packed tile: 24 accumulators, two row vectors and a broadcast of the
        /// 32 registers.
        #[cfg(feature = "alloc")]
        pub(in crate::simd) const PACKED_MR: usize = 12;

        #[inline]
        #[target_feature(enable = "neon")]
        fn zero() -> V {
            $dup(0.0)
        }

        /// The first `count` lanes (`1 <= count <= LANES`).
        #[inline]
        #[target_feature(enable = "neon")]
        fn mask(count: usize) -> Mask {
            count
        }

        /// # Safety
        /// `p` is readable.
        #[inline]
        #[target_feature(enable = "neon")]
        unsafe fn splat(p: *const T) -> V {
            // SAFETY: `p` is readable (the contract).
            $dup(unsafe { *p })
        }

        /// # Safety
        /// The first `count` elements at `p` are readable.
        #[inline]
        #[target_feature(enable = "neon")]
        unsafe fn load(p: *const T, count: Mask) -> V {
            if count == LANES {
                // SAFETY: `LANES` elements at `p` are readable.
                unsafe { $ld(p) }
            } else {
                let mut buf = [0.0; LANES];
                // SAFETY: `count < LANES` elements at `p` are readable; `buf` has room.
                unsafe { core::ptr::copy_nonoverlapping(p, buf.as_mut_ptr(), count) };
                // SAFETY: `buf` holds `LANES` elements.
                unsafe { $ld(buf.as_ptr()) }
            }
        }

        /// # Safety
        /// The first `count` elements at `p` are writable.
        #[inline]
        #[target_feature(enable = "neon")]
        unsafe fn store(p: *mut T, v: V, count: Mask) {
            if count == LANES {
                // SAFETY: `LANES` elements at `p` are writable.
                unsafe { $st(p, v) }
            } else {
                let mut buf = [0.0; LANES];
                // SAFETY: `buf` has room for `LANES` elements.
                unsafe { $st(buf.as_mut_ptr(), v) };
                // SAFETY: `count < LANES` elements at `p` are writable; `buf` holds them.
                unsafe { core::ptr::copy_nonoverlapping(buf.as_ptr(), p, count) };
            }
        }


        #[cfg(feature = "alloc")]
        /// # Safety
        /// `LANES` values at `p` are readable.
        #[inline]
        #[target_feature(enable = "neon")]
        unsafe fn load_full(p: *const T) -> V {
            // SAFETY: `LANES` values at `p` are readable.
            unsafe { $ld(p) }
        }

        #[inline]
        #[target_feature(enable = "neon")]
        fn mul(x: V, y: V) -> V {
            $mul(x, y)
        }

        /// `x y + z`, rounded once.
        #[inline]
        #[target_feature(enable = "neon")]
        fn fmadd(x: V, y: V, z: V) -> V {
            $fma(z, x, y)
        }

        crate::simd::fma_tiles::fma_tiled_gemm!("neon", 1 2 3 4 5 6 7 8);
        #[cfg(feature = "alloc")]
        crate::simd::packed_tiles::fma_packed_tile!("neon");
    };
}

/// The `f64` kernel: 2 lanes per vector.
pub(super) mod f64 {
    neon_primitives!(
        f64,
        float64x2_t,
        2,
        vdupq_n_f64,
        vld1q_f64,
        vst1q_f64,
        vmulq_f64,
        vfmaq_f64
    );
}

/// The `f32` kernel: 4 lanes per vector.
pub(super) mod f32 {
    neon_primitives!(
        f32,
        float32x4_t,
        4,
        vdupq_n_f32,
        vld1q_f32,
        vst1q_f32,
        vmulq_f32,
        vfmaq_f32
    );
}
