//! SSE2 kernel of the 4x4 `f32` cofactor inverse
//! ([`Matrix::inverse_cofactor`](crate::Matrix::inverse_cofactor)): the portable formula of
//! `linalg/cofactor.rs`, four lanes at a time, the same operations in the same order (so
//! the same bits).
//!
//! Layout: register `v_j` holds column `j` of `A` with its rows in the order 1, 0, 3, 2;
//! register `f_ij` holds the 2x2 minor of columns `i, j` of rows 2-3 in lanes 0-1 and of
//! rows 0-1 in lanes 2-3. Row `i` of the adjugate, unsigned, is then
//! `(v_j f - v_k g) + v_l h` with three multiplies and two adds, and the signs
//! `(-1)^(i + j)` ride on the reciprocal of the determinant.
//!
//! Compiled only where SSE2 is enabled for the whole build (`cfg(target_feature = "sse2")`,
//! every `x86_64` target), which is what makes calling the intrinsics sound; the functions
//! are `#[inline(always)]` so that they inline into their caller.

use super::sse2::{load, store};
use core::arch::x86_64::{
    __m128, _mm_add_ps, _mm_div_ps, _mm_movehl_ps, _mm_movelh_ps, _mm_mul_ps, _mm_set_ps,
    _mm_set1_ps, _mm_shuffle_ps, _mm_sub_ps, _mm_unpackhi_ps, _mm_unpacklo_ps, _mm_xor_ps,
};

/// The immediate of `_mm_shuffle_ps` that puts lanes `l0, l1` of the first operand and
/// `l2, l3` of the second in lanes 0..3.
const fn lanes(l0: i32, l1: i32, l2: i32, l3: i32) -> i32 {
    l0 | (l1 << 2) | (l2 << 4) | (l3 << 6)
}

const L0202: i32 = lanes(0, 2, 0, 2);
const L1313: i32 = lanes(1, 3, 1, 3);
const L3232: i32 = lanes(3, 2, 3, 2);
const L0022: i32 = lanes(0, 0, 2, 2);
const L1133: i32 = lanes(1, 1, 3, 3);
const L1032: i32 = lanes(1, 0, 3, 2);
const L3210: i32 = lanes(3, 2, 1, 0);

/// `(x f - y g) + z h`, lane by lane, each product and sum rounded once.
#[inline(always)]
fn cofactors(x: __m128, y: __m128, z: __m128, f: __m128, g: __m128, h: __m128) -> __m128 {
    // SAFETY: register arithmetic only; SSE is enabled (the module's `cfg`).
    unsafe {
        _mm_add_ps(
            _mm_sub_ps(_mm_mul_ps(x, f), _mm_mul_ps(y, g)),
            _mm_mul_ps(z, h),
        )
    }
}

/// `adj(A) * (1 / det)` and `det` for a 4x4 `f32` matrix given by rows, unchecked: the
/// operations of the portable `inverse_4x4` in `linalg/cofactor.rs`, lane by lane.
#[inline(always)]
pub(super) fn inverse_4x4_f32(a: &[[f32; 4]; 4]) -> ([[f32; 4]; 4], f32) {
    let (r0, r1, r2, r3) = (load(&a[0]), load(&a[1]), load(&a[2]), load(&a[3]));
    // SAFETY: register arithmetic and shuffles only; SSE and SSE2 are enabled (the module's
    // `cfg`).
    let (rows, det) = unsafe {
        // v_j = [a_1j, a_0j, a_3j, a_2j]: the 4x4 transpose with rows paired as (1, 0)
        // and (3, 2).
        let t10_lo = _mm_unpacklo_ps(r1, r0); // a10 a00 a11 a01
        let t10_hi = _mm_unpackhi_ps(r1, r0); // a12 a02 a13 a03
        let t32_lo = _mm_unpacklo_ps(r3, r2); // a30 a20 a31 a21
        let t32_hi = _mm_unpackhi_ps(r3, r2); // a32 a22 a33 a23
        let v0 = _mm_movelh_ps(t10_lo, t32_lo);
        let v1 = _mm_movehl_ps(t32_lo, t10_lo);
        let v2 = _mm_movelh_ps(t10_hi, t32_hi);
        let v3 = _mm_movehl_ps(t32_hi, t10_hi);

        // The twelve minors, four per register, each `p_i q_j - p_j q_i` with rows (2, 3)
        // in lanes 0-1 and rows (0, 1) in lanes 2-3:
        // d1 = [m01, m23, m01, m23], d2 = [m02, m13, ..], d3 = [m03, m12, ..].
        let p_lo = _mm_movelh_ps(r2, r0); // a20 a21 a00 a01
        let q_lo = _mm_movelh_ps(r3, r1); // a30 a31 a10 a11
        let d1 = _mm_sub_ps(
            _mm_mul_ps(
                _mm_shuffle_ps::<L0202>(r2, r0),
                _mm_shuffle_ps::<L1313>(r3, r1),
            ),
            _mm_mul_ps(
                _mm_shuffle_ps::<L1313>(r2, r0),
                _mm_shuffle_ps::<L0202>(r3, r1),
            ),
        );
        let d2 = _mm_sub_ps(
            _mm_mul_ps(p_lo, _mm_movehl_ps(r1, r3)),
            _mm_mul_ps(_mm_movehl_ps(r0, r2), q_lo),
        );
        let d3 = _mm_sub_ps(
            _mm_mul_ps(p_lo, _mm_shuffle_ps::<L3232>(r3, r1)),
            _mm_mul_ps(_mm_shuffle_ps::<L3232>(r2, r0), q_lo),
        );
        let f01 = _mm_shuffle_ps::<L0022>(d1, d1);
        let f23 = _mm_shuffle_ps::<L1133>(d1, d1);
        let f02 = _mm_shuffle_ps::<L0022>(d2, d2);
        let f13 = _mm_shuffle_ps::<L1133>(d2, d2);
        let f03 = _mm_shuffle_ps::<L0022>(d3, d3);
        let f12 = _mm_shuffle_ps::<L1133>(d3, d3);

        // The adjugate's rows, unsigned.
        let c0 = cofactors(v1, v2, v3, f23, f13, f12);
        let c1 = cofactors(v0, v2, v3, f23, f03, f02);
        let c2 = cofactors(v0, v1, v3, f13, f03, f01);
        let c3 = cofactors(v0, v1, v2, f12, f02, f01);

        // det by the Laplace expansion along rows 0-1 (the minors of rows 0-1 times their
        // complements in rows 2-3): each register times its lanes reversed gives
        // [m_lo s_hi, m_hi s_lo, ..] (lanes 2-3 the same products, operands swapped), so
        // u = (p1 - p2) + p3 holds the two halves [u0, u1, u1, u0] and det = u0 + u1 lands
        // in every lane. It does not wait for the adjugate.
        let p1 = _mm_mul_ps(d1, _mm_shuffle_ps::<L3210>(d1, d1));
        let p2 = _mm_mul_ps(d2, _mm_shuffle_ps::<L3210>(d2, d2));
        let p3 = _mm_mul_ps(d3, _mm_shuffle_ps::<L3210>(d3, d3));
        let u = _mm_add_ps(_mm_sub_ps(p1, p2), p3);
        let det = _mm_add_ps(u, _mm_shuffle_ps::<L1032>(u, u));

        // The reciprocal with the signs (-1)^(i + j) of rows 0, 2 and of rows 1, 3
        // (`_mm_set_ps` lists lanes 3..0).
        let neg_odd = _mm_set_ps(-0.0, 0.0, -0.0, 0.0);
        let neg_even = _mm_set_ps(0.0, -0.0, 0.0, -0.0);
        let rcp = _mm_div_ps(_mm_set1_ps(1.0), det);
        let (r_even, r_odd) = (_mm_xor_ps(rcp, neg_odd), _mm_xor_ps(rcp, neg_even));
        let rows = [
            _mm_mul_ps(c0, r_even),
            _mm_mul_ps(c1, r_odd),
            _mm_mul_ps(c2, r_even),
            _mm_mul_ps(c3, r_odd),
        ];
        (rows, det)
    };
    (rows.map(store), store(det)[0])
}
