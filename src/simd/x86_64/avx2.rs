//! AVX2 + FMA kernels: the register-tiled product of [`fma_tiles`](crate::simd::fma_tiles) on
//! 256-bit vectors (4 `f64` or 8 `f32`), tiles of 6 rows by 2 vectors (12 accumulators of
//! the 16 registers, two for the row of `b`, one for the broadcast).
//!
//! Every function here carries `#[target_feature(enable = "avx2,fma")]` and is `unsafe`: the
//! caller has checked that the CPU has both (at compile time or, under `std`, by
//! `is_x86_feature_detected!`).

/// The `f64` kernel: 4 lanes per vector.
pub(super) mod f64 {
    use core::arch::x86_64::{
        __m256d, __m256i, _mm256_cmpgt_epi64, _mm256_fmadd_pd, _mm256_maskload_pd,
        _mm256_maskstore_pd, _mm256_mul_pd, _mm256_set1_epi64x, _mm256_set1_pd, _mm256_setr_epi64x,
        _mm256_setzero_pd,
    };

    type T = f64;
    type V = __m256d;
    type Mask = __m256i;
    pub(in crate::simd) const LANES: usize = 4;
    const MR: usize = 6;
    /// Rows of a packed tile: 12 accumulators, two row vectors and a broadcast of the 16
    /// registers.
    #[cfg(feature = "alloc")]
    pub(in crate::simd) const PACKED_MR: usize = 6;

    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn zero() -> V {
        _mm256_setzero_pd()
    }

    /// All bits set in the first `count` lanes (`1 <= count <= LANES`).
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn mask(count: usize) -> Mask {
        _mm256_cmpgt_epi64(
            _mm256_set1_epi64x(count as i64),
            _mm256_setr_epi64x(0, 1, 2, 3),
        )
    }

    /// # Safety
    /// `p` is readable.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn splat(p: *const T) -> V {
        // SAFETY: `p` is readable (the contract).
        _mm256_set1_pd(unsafe { *p })
    }

    /// # Safety
    /// The lanes of `p` that `m` selects are readable.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn load(p: *const T, m: Mask) -> V {
        // SAFETY: `vmaskmovpd` reads only the selected lanes, which are readable.
        unsafe { _mm256_maskload_pd(p, m) }
    }

    /// # Safety
    /// The lanes of `p` that `m` selects are writable.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn store(p: *mut T, v: V, m: Mask) {
        // SAFETY: `vmaskmovpd` writes only the selected lanes, which are writable.
        unsafe { _mm256_maskstore_pd(p, m, v) }
    }

    #[cfg(feature = "alloc")]
    /// # Safety
    /// `LANES` values at `p` are readable.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn load_full(p: *const T) -> V {
        // SAFETY: `LANES` values at `p` are readable.
        unsafe { core::arch::x86_64::_mm256_loadu_pd(p) }
    }

    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn mul(x: V, y: V) -> V {
        _mm256_mul_pd(x, y)
    }

    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn fmadd(x: V, y: V, z: V) -> V {
        _mm256_fmadd_pd(x, y, z)
    }

    crate::simd::fma_tiles::fma_tiled_gemm!("avx2,fma", 1 2 3 4 5 6);
    #[cfg(feature = "alloc")]
    crate::simd::packed_tiles::fma_packed_tile!("avx2,fma");
}

/// The `f32` kernel: 8 lanes per vector.
pub(super) mod f32 {
    use core::arch::x86_64::{
        __m256, __m256i, _mm256_cmpgt_epi32, _mm256_fmadd_ps, _mm256_maskload_ps,
        _mm256_maskstore_ps, _mm256_mul_ps, _mm256_set1_epi32, _mm256_set1_ps, _mm256_setr_epi32,
        _mm256_setzero_ps,
    };

    type T = f32;
    type V = __m256;
    type Mask = __m256i;
    pub(in crate::simd) const LANES: usize = 8;
    const MR: usize = 6;
    /// Rows of a packed tile: 12 accumulators, two row vectors and a broadcast of the 16
    /// registers.
    #[cfg(feature = "alloc")]
    pub(in crate::simd) const PACKED_MR: usize = 6;

    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn zero() -> V {
        _mm256_setzero_ps()
    }

    /// All bits set in the first `count` lanes (`1 <= count <= LANES`).
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn mask(count: usize) -> Mask {
        _mm256_cmpgt_epi32(
            _mm256_set1_epi32(count as i32),
            _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7),
        )
    }

    /// # Safety
    /// `p` is readable.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn splat(p: *const T) -> V {
        // SAFETY: `p` is readable (the contract).
        _mm256_set1_ps(unsafe { *p })
    }

    /// # Safety
    /// The lanes of `p` that `m` selects are readable.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn load(p: *const T, m: Mask) -> V {
        // SAFETY: `vmaskmovps` reads only the selected lanes, which are readable.
        unsafe { _mm256_maskload_ps(p, m) }
    }

    /// # Safety
    /// The lanes of `p` that `m` selects are writable.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn store(p: *mut T, v: V, m: Mask) {
        // SAFETY: `vmaskmovps` writes only the selected lanes, which are writable.
        unsafe { _mm256_maskstore_ps(p, m, v) }
    }

    #[cfg(feature = "alloc")]
    /// # Safety
    /// `LANES` values at `p` are readable.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn load_full(p: *const T) -> V {
        // SAFETY: `LANES` values at `p` are readable.
        unsafe { core::arch::x86_64::_mm256_loadu_ps(p) }
    }

    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn mul(x: V, y: V) -> V {
        _mm256_mul_ps(x, y)
    }

    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn fmadd(x: V, y: V, z: V) -> V {
        _mm256_fmadd_ps(x, y, z)
    }

    crate::simd::fma_tiles::fma_tiled_gemm!("avx2,fma", 1 2 3 4 5 6);
    #[cfg(feature = "alloc")]
    crate::simd::packed_tiles::fma_packed_tile!("avx2,fma");
}
