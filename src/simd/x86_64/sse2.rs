//! SSE2 kernels (`x86_64` baseline): `f32` 4x4 products, one output row or column in one
//! register.
//!
//! The module is compiled only where SSE2 is enabled for the whole build
//! (`cfg(target_feature = "sse2")`, every `x86_64` target), which is what makes calling the
//! SSE/SSE2 intrinsics sound; the kernels are plain `#[inline(always)]` functions so that
//! they inline into the product's callers (a `#[target_feature]` function would not).

use core::arch::x86_64::{
    __m128, _mm_add_ps, _mm_loadu_ps, _mm_movehl_ps, _mm_movelh_ps, _mm_mul_ps, _mm_set1_ps,
    _mm_storeu_ps, _mm_unpackhi_ps, _mm_unpacklo_ps,
};

/// Four `f32` in one register.
#[inline(always)]
pub(super) fn load(r: &[f32; 4]) -> __m128 {
    // SAFETY: `r` is four contiguous, initialised `f32` (16 bytes); `_mm_loadu_ps` reads
    // exactly those and needs no alignment. SSE is enabled (the module's `cfg`).
    unsafe { _mm_loadu_ps(r.as_ptr()) }
}

/// A register as four `f32`.
#[inline(always)]
pub(super) fn store(v: __m128) -> [f32; 4] {
    let mut out = [0.0f32; 4];
    // SAFETY: `out` is four contiguous `f32` (16 bytes) that `_mm_storeu_ps` overwrites; no
    // alignment is needed. SSE is enabled (the module's `cfg`).
    unsafe { _mm_storeu_ps(out.as_mut_ptr(), v) };
    out
}

/// `((s_0 v_0 + s_1 v_1) + s_2 v_2) + s_3 v_3`, lane by lane: each lane the textbook sum in
/// increasing `k`, every product and sum rounded once (a multiply and an add, never fused).
#[inline(always)]
fn combine(s: &[f32; 4], v: &[__m128; 4]) -> __m128 {
    // SAFETY: register arithmetic only (no memory access); SSE is enabled (the module's
    // `cfg`).
    unsafe {
        let mut acc = _mm_mul_ps(_mm_set1_ps(s[0]), v[0]);
        acc = _mm_add_ps(acc, _mm_mul_ps(_mm_set1_ps(s[1]), v[1]));
        acc = _mm_add_ps(acc, _mm_mul_ps(_mm_set1_ps(s[2]), v[2]));
        _mm_add_ps(acc, _mm_mul_ps(_mm_set1_ps(s[3]), v[3]))
    }
}

/// `a @ b` for 4x4 `f32`: row `i` of the result is the combination of the rows of `b` with
/// the weights `a_i0..a_i3` ([`combine`]).
#[inline(always)]
pub(super) fn matmul_4x4_f32(a: &[[f32; 4]; 4], b: &[[f32; 4]; 4]) -> [[f32; 4]; 4] {
    let rows = [load(&b[0]), load(&b[1]), load(&b[2]), load(&b[3])];
    a.map(|ai| store(combine(&ai, &rows)))
}

/// `a @ x` for a 4x4 `f32` matrix and a 4-vector: the products `a_ik x_k` row by row (one
/// multiply per row), transposed in registers (shuffles only) so that register `k` holds
/// `a_ik x_k` for every `i`, then added as `((p_0 + p_1) + p_2) + p_3`: each element is the
/// textbook sum in increasing `k`, every product and sum rounded once.
#[inline(always)]
pub(super) fn matvec_4x4_f32(a: &[[f32; 4]; 4], x: &[f32; 4]) -> [f32; 4] {
    let xv = load(x);
    // SAFETY: register arithmetic and shuffles only; SSE is enabled (the module's `cfg`).
    let sum = unsafe {
        let p0 = _mm_mul_ps(load(&a[0]), xv);
        let p1 = _mm_mul_ps(load(&a[1]), xv);
        let p2 = _mm_mul_ps(load(&a[2]), xv);
        let p3 = _mm_mul_ps(load(&a[3]), xv);
        // The 4x4 transpose: [p0_0 p1_0 p0_1 p1_1], [p0_2 p1_2 p0_3 p1_3], likewise for rows
        // 2 and 3; then the low and high halves paired: register k holds column k.
        let t0 = _mm_unpacklo_ps(p0, p1);
        let t1 = _mm_unpackhi_ps(p0, p1);
        let t2 = _mm_unpacklo_ps(p2, p3);
        let t3 = _mm_unpackhi_ps(p2, p3);
        let mut acc = _mm_add_ps(_mm_movelh_ps(t0, t2), _mm_movehl_ps(t2, t0));
        acc = _mm_add_ps(acc, _mm_movelh_ps(t1, t3));
        _mm_add_ps(acc, _mm_movehl_ps(t3, t1))
    };
    store(sum)
}
