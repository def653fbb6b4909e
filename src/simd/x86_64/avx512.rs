//! AVX-512 kernels: the register-tiled product of [`fma_tiles`](crate::simd::fma_tiles) on
//! 512-bit vectors (8 `f64` or 16 `f32`), tiles of 8 rows by 2 vectors (16 accumulators of
//! the 32 registers). Edge lanes go through the mask registers (`k0..k7`), which cost nothing
//! extra on loads and stores.
//!
//! Every function here carries `#[target_feature(enable = "avx512f")]` and is `unsafe`: the
//! caller has checked that the CPU has AVX-512F (at compile time or, under `std`, by
//! `is_x86_feature_detected!`).

/// The `f64` kernel: 8 lanes per vector.
pub(super) mod f64 {
    use core::arch::x86_64::{
        __m512d, __mmask8, _mm512_fmadd_pd, _mm512_mask_storeu_pd, _mm512_maskz_loadu_pd,
        _mm512_mul_pd, _mm512_set1_pd, _mm512_setzero_pd,
    };

    type T = f64;
    type V = __m512d;
    type Mask = __mmask8;
    pub(in crate::simd) const LANES: usize = 8;
    const MR: usize = 8;
    /// Rows of a packed tile: 28 accumulators, two row vectors and the broadcasts folded
    /// into the multiply-adds use the 32 registers.
    #[cfg(feature = "alloc")]
    pub(in crate::simd) const PACKED_MR: usize = 14;

    #[inline]
    #[target_feature(enable = "avx512f")]
    fn zero() -> V {
        _mm512_setzero_pd()
    }

    /// The first `count` lanes (`1 <= count <= LANES`).
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn mask(count: usize) -> Mask {
        (u16::MAX >> (16 - count)) as Mask
    }

    /// # Safety
    /// `p` is readable.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn splat(p: *const T) -> V {
        // SAFETY: `p` is readable (the contract).
        _mm512_set1_pd(unsafe { *p })
    }

    /// # Safety
    /// The lanes of `p` that `m` selects are readable.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn load(p: *const T, m: Mask) -> V {
        // SAFETY: a masked load reads only the selected lanes (masked-out lanes are zeroed
        // and do not fault), which are readable.
        unsafe { _mm512_maskz_loadu_pd(m, p) }
    }

    /// # Safety
    /// The lanes of `p` that `m` selects are writable.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn store(p: *mut T, v: V, m: Mask) {
        // SAFETY: a masked store writes only the selected lanes, which are writable.
        unsafe { _mm512_mask_storeu_pd(p, m, v) }
    }

    #[cfg(feature = "alloc")]
    /// # Safety
    /// `LANES` values at `p` are readable.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn load_full(p: *const T) -> V {
        // SAFETY: `LANES` values at `p` are readable.
        unsafe { core::arch::x86_64::_mm512_loadu_pd(p) }
    }

    #[inline]
    #[target_feature(enable = "avx512f")]
    fn mul(x: V, y: V) -> V {
        _mm512_mul_pd(x, y)
    }

    #[inline]
    #[target_feature(enable = "avx512f")]
    fn fmadd(x: V, y: V, z: V) -> V {
        _mm512_fmadd_pd(x, y, z)
    }

    crate::simd::fma_tiles::fma_tiled_gemm!("avx512f", 1 2 3 4 5 6 7 8);
    #[cfg(feature = "alloc")]
    crate::simd::packed_tiles::fma_packed_tile!("avx512f");
}

/// The `f32` kernel: 16 lanes per vector.
pub(super) mod f32 {
    use core::arch::x86_64::{
        __m512, __mmask16, _mm512_fmadd_ps, _mm512_mask_storeu_ps, _mm512_maskz_loadu_ps,
        _mm512_mul_ps, _mm512_set1_ps, _mm512_setzero_ps,
    };

    type T = f32;
    type V = __m512;
    type Mask = __mmask16;
    pub(in crate::simd) const LANES: usize = 16;
    const MR: usize = 8;
    /// Rows of a packed tile: 28 accumulators, two row vectors and the broadcasts folded
    /// into the multiply-adds use the 32 registers.
    #[cfg(feature = "alloc")]
    pub(in crate::simd) const PACKED_MR: usize = 14;

    #[inline]
    #[target_feature(enable = "avx512f")]
    fn zero() -> V {
        _mm512_setzero_ps()
    }

    /// The first `count` lanes (`1 <= count <= LANES`).
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn mask(count: usize) -> Mask {
        (u32::MAX >> (32 - count)) as Mask
    }

    /// # Safety
    /// `p` is readable.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn splat(p: *const T) -> V {
        // SAFETY: `p` is readable (the contract).
        _mm512_set1_ps(unsafe { *p })
    }

    /// # Safety
    /// The lanes of `p` that `m` selects are readable.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn load(p: *const T, m: Mask) -> V {
        // SAFETY: a masked load reads only the selected lanes (masked-out lanes are zeroed
        // and do not fault), which are readable.
        unsafe { _mm512_maskz_loadu_ps(m, p) }
    }

    /// # Safety
    /// The lanes of `p` that `m` selects are writable.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn store(p: *mut T, v: V, m: Mask) {
        // SAFETY: a masked store writes only the selected lanes, which are writable.
        unsafe { _mm512_mask_storeu_ps(p, m, v) }
    }

    #[cfg(feature = "alloc")]
    /// # Safety
    /// `LANES` values at `p` are readable.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn load_full(p: *const T) -> V {
        // SAFETY: `LANES` values at `p` are readable.
        unsafe { core::arch::x86_64::_mm512_loadu_ps(p) }
    }

    #[inline]
    #[target_feature(enable = "avx512f")]
    fn mul(x: V, y: V) -> V {
        _mm512_mul_ps(x, y)
    }

    #[inline]
    #[target_feature(enable = "avx512f")]
    fn fmadd(x: V, y: V, z: V) -> V {
        _mm512_fmadd_ps(x, y, z)
    }

    crate::simd::fma_tiles::fma_tiled_gemm!("avx512f", 1 2 3 4 5 6 7 8);
    #[cfg(feature = "alloc")]
    crate::simd::packed_tiles::fma_packed_tile!("avx512f");
}
