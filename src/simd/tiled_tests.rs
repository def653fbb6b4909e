//! The register-tiled kernels against the textbook loop, on every instruction set this CPU
//! runs: every square size 1..=16, thin shapes in both orientations, larger and ragged
//! ones, strided operands (nothing outside the tile is written), and special values.

use super::arch::{TiledIsa, gemm_f64};
use super::tiled::{TILED_MIN_COLUMNS, TILED_MIN_MULTIPLY_ADDS, tiled_product};
use crate::kernel::textbook;
use crate::matrix::Matrix;
use crate::scalar::Real;

/// Deterministic values in about [-1, 1) with full mantissas, times a power of two from
/// `scales` (exact), so that sums mix magnitudes and cancel.
fn filled<T: Real, const R: usize, const C: usize>(seed: u64, scales: &[T]) -> Matrix<T, R, C> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    Matrix::from_fn(|_, _| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let u = T::from((state >> 11) as f64 / (1u64 << 52) as f64 - 1.0).unwrap();
        u * scales[(state % scales.len() as u64) as usize]
    })
}

/// Checks `tiled_product` of `isa` against the textbook loop elementwise:
/// both are within `gamma_K (|a| |b|)_ij` of the exact product (Higham, *Accuracy and
/// Stability of Numerical Algorithms*, 2nd ed., eq. 3.5; the fused form rounds once per
/// step where the textbook rounds twice, so the same bound holds), so they differ by at most
/// `2 gamma_K` times the exact `(|a| |b|)_ij`, which is at most `(|a| |b|)_hat / (1 - gamma_K)`
/// (a sum of non-negative terms computed in floating point is at least `1 - gamma_K` times
/// its exact value). The scales below keep every product and sum normal (no underflow).
fn check<T: Real, const R: usize, const K: usize, const C: usize>(isa: TiledIsa, seed: u64) {
    let scales = [
        T::ONE,
        T::from(0.0009765625).unwrap(),
        T::from(1024.0).unwrap(),
    ];
    let a = filled::<T, R, K>(seed, &scales);
    let b = filled::<T, K, C>(seed + 1, &scales);
    let mut got = Matrix::<T, R, C>::zeros();
    assert!(tiled_product(isa, &a, &b, &mut got), "{isa:?} ran");
    let want = textbook(&a, &b);
    let magnitude = textbook(&a.map(|x| x.abs()), &b.map(|x| x.abs()));
    let u = T::epsilon() / T::TWO;
    let k = T::from(K).unwrap();
    let gamma = k * u / (T::ONE - k * u);
    for ((g, w), m) in got.iter().zip(want.iter()).zip(magnitude.iter()) {
        let bound = T::TWO * gamma / (T::ONE - gamma) * *m;
        assert!(
            (*g - *w).abs() <= bound,
            "{isa:?} {} {R}x{K} @ {K}x{C}: {g:?} vs {w:?} (bound {bound:?})",
            core::any::type_name::<T>()
        );
    }
}

/// [`check`] for `f64` and `f32` on every supported instruction set.
fn check_both<const R: usize, const K: usize, const C: usize>(seed: u64) -> usize {
    let mut ran = 0;
    for isa in TiledIsa::ALL.into_iter().filter(|isa| isa.is_supported()) {
        check::<f64, R, K, C>(isa, seed);
        check::<f32, R, K, C>(isa, seed);
        ran += 1;
    }
    ran
}

macro_rules! squares {
    ($($n:literal)*) => {{
        let mut ran = 0;
        $(ran += check_both::<$n, $n, $n>($n);)*
        ran
    }};
}

#[test]
fn every_square_size_up_to_16_within_the_error_bound() {
    let ran = squares!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);
    // Every instruction set this CPU has ran on every size (none on a CPU without FMA).
    let supported = TiledIsa::ALL
        .iter()
        .filter(|isa| isa.is_supported())
        .count();
    assert_eq!(ran, 16 * supported);
}

#[test]
fn thin_larger_and_ragged_shapes_within_the_error_bound() {
    // Thin in both orientations: one tile row or one tile column, long k.
    check_both::<64, 3, 5>(1);
    check_both::<5, 3, 64>(2);
    check_both::<3, 64, 17>(3);
    check_both::<17, 64, 3>(4);
    check_both::<1, 40, 40>(5);
    check_both::<40, 40, 1>(6);
    check_both::<2, 100, 2>(7);
    // Larger, with partial tiles at both edges for both vector widths.
    check_both::<32, 32, 32>(8);
    check_both::<33, 31, 47>(9);
    check_both::<64, 64, 64>(10);
    check_both::<65, 17, 33>(11);
    check_both::<7, 9, 31>(12);
}

#[test]
fn strided_operands_leave_everything_outside_the_output_untouched() {
    // A 5x7 @ 7x19 product inside padded buffers (row strides 9, 23 and 21): the padding of
    // the output keeps its sentinel, the product equals the contiguous one.
    const SENTINEL: f64 = 12345.0;
    let a = filled::<f64, 5, 7>(3, &[1.0]);
    let b = filled::<f64, 7, 19>(4, &[1.0]);
    let (lda, ldb, ldc) = (9, 23, 21);
    let mut a_buf = [SENTINEL; 5 * 9];
    let mut b_buf = [SENTINEL; 7 * 23];
    for i in 0..5 {
        a_buf[i * lda..i * lda + 7].copy_from_slice(&a.0[i]);
    }
    for p in 0..7 {
        b_buf[p * ldb..p * ldb + 19].copy_from_slice(&b.0[p]);
    }
    for isa in TiledIsa::ALL.into_iter().filter(|isa| isa.is_supported()) {
        let mut c_buf = [SENTINEL; 5 * 21];
        let (pa, pb, pc) = (a_buf.as_ptr(), b_buf.as_ptr(), c_buf.as_mut_ptr());
        #[allow(unsafe_code)]
        // SAFETY: `isa` is supported; the buffers hold 5 rows of stride 9 (7 used), 7 rows
        // of stride 23 (19 used) and 5 rows of stride 21 (19 written); `k = 7 >= 1`.
        unsafe {
            gemm_f64(isa, 5, 19, 7, pa, lda, pb, ldb, pc, ldc)
        };
        let mut contiguous = Matrix::<f64, 5, 19>::zeros();
        assert!(tiled_product(isa, &a, &b, &mut contiguous));
        for i in 0..5 {
            assert_eq!(
                &c_buf[i * ldc..i * ldc + 19],
                &contiguous.0[i][..],
                "{isa:?}"
            );
            assert!(
                c_buf[i * ldc + 19..(i + 1) * ldc]
                    .iter()
                    .all(|&x| x == SENTINEL)
            );
        }
    }
}

#[test]
fn special_values_give_the_textbook_loops_classes() {
    // NaN and infinities among moderate values (no overflow, so no finite-vs-inf split):
    // NaN where the textbook loop gives NaN, the same infinity where it gives one, finite
    // where it is finite.
    let mut a = filled::<f64, 9, 9>(21, &[1.0]);
    let mut b = filled::<f64, 9, 9>(22, &[1.0]);
    a.0[1][2] = f64::NAN;
    a.0[3][4] = f64::INFINITY;
    a.0[3][5] = f64::NEG_INFINITY;
    b.0[6][7] = f64::INFINITY;
    b.0[0][0] = -0.0;
    for isa in TiledIsa::ALL.into_iter().filter(|isa| isa.is_supported()) {
        let mut got = Matrix::<f64, 9, 9>::zeros();
        assert!(tiled_product(isa, &a, &b, &mut got));
        for (g, w) in got.iter().zip(textbook(&a, &b).iter()) {
            assert_eq!(g.is_nan(), w.is_nan(), "{isa:?}");
            if w.is_infinite() {
                assert_eq!(g, w, "{isa:?}");
            }
            assert_eq!(g.is_finite(), w.is_finite(), "{isa:?}");
        }
    }
}

#[test]
fn the_product_entry_point_takes_the_tiled_kernels_where_documented() {
    let isa = TiledIsa::detect();
    let a = filled::<f64, 8, 8>(31, &[1.0]);
    // 8x8x8 = 512 multiply-adds: tiled where the CPU has FMA.
    assert_eq!(8 * 8 * 8, TILED_MIN_MULTIPLY_ADDS);
    let mut expected = Matrix::zeros();
    let tiled = isa.is_some_and(|isa| tiled_product(isa, &a, &a, &mut expected));
    let mut got = Matrix::zeros();
    assert_eq!(super::matmul_into(&a, &a, &mut got), tiled);
    if tiled {
        assert_eq!(got, expected);
        assert_eq!(crate::kernel::matmul(&a, &a), expected);
    }
    // Below the threshold, and with fewer than TILED_MIN_COLUMNS columns: not tiled.
    let small = filled::<f64, 7, 8>(32, &[1.0]);
    assert!(!super::matmul_into(&small, &a, &mut Matrix::zeros()));
    let narrow = filled::<f64, 64, 3>(33, &[1.0]);
    assert_eq!(TILED_MIN_COLUMNS, 4);
    let big = filled::<f64, 64, 64>(34, &[1.0]);
    assert!(!super::matmul_into(&big, &narrow, &mut Matrix::zeros()));
    // Integers never take them.
    let ints = Matrix::<i64, 16, 16>::identity();
    assert!(!super::matmul_into(&ints, &ints, &mut Matrix::zeros()));
}
