//! The packed tiles against the in-place tiles, bit for bit, on every instruction set this CPU
//! runs: shapes that cross the `k` blocks and the column blocks, ragged edges, transposed
//! operands, the symmetric (one triangle) mode, and special values. The in-place tiles are
//! themselves checked against the textbook loop by `tiled_tests.rs`.

use alloc::vec::Vec;

use super::arch::{TiledIsa, gemm_f32, gemm_f64};
use super::packed::packed_product;
use crate::kernel::{Operand, Part};

/// Deterministic values in about [-1, 1) with full mantissas, scaled by powers of two; with
/// `special`, NaN, infinities, signed zeros and subnormals mixed in.
fn filled(len: usize, seed: u64, special: bool) -> Vec<f64> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let u = (state >> 11) as f64 / (1u64 << 52) as f64 - 1.0;
            match (special, state % 97) {
                (true, 0) => f64::NAN,
                (true, 1) => f64::INFINITY,
                (true, 2) => -0.0,
                (true, 3) => f64::MIN_POSITIVE / 4.0,
                _ => u * [1.0, 0.0009765625, 1024.0][(state % 3) as usize],
            }
        })
        .collect()
}

fn transpose<T: Copy>(x: &[T], rows: usize, cols: usize) -> Vec<T> {
    (0..cols * rows)
        .map(|idx| x[(idx % rows) * cols + idx / rows])
        .collect()
}

trait Float: crate::scalar::Scalar + Copy {
    fn from_f64(x: f64) -> Self;
    fn bits(self) -> u64;
    fn nan(self) -> bool;
    /// The in-place tiles of `isa`: `c = a @ b`, contiguous row-major.
    fn in_place(isa: TiledIsa, shape: (usize, usize, usize), a: &[Self], b: &[Self]) -> Vec<Self>;
}

macro_rules! float {
    ($t:ident, $gemm:ident) => {
        impl Float for $t {
            fn from_f64(x: f64) -> Self {
                x as $t
            }
            fn bits(self) -> u64 {
                u64::from(self.to_bits())
            }
            fn nan(self) -> bool {
                self.is_nan()
            }
            fn in_place(isa: TiledIsa, (m, k, n): (usize, usize, usize), a: &[$t], b: &[$t]) -> Vec<$t> {
                assert!(a.len() == m * k && b.len() == k * n && k >= 1);
                let mut c = alloc::vec![0.0; m * n];
                // SAFETY: `isa` is supported (the callers filter on it); `k >= 1`; the
                // slices hold `m x k`, `k x n` and `m x n` elements with row strides `k`, `n`,
                // `n` (asserted); `c` is a distinct allocation.
                unsafe { $gemm(isa, m, n, k, a.as_ptr(), k, b.as_ptr(), n, c.as_mut_ptr(), n) };
                c
            }
        }
    };
}
float!(f64, gemm_f64);
float!(f32, gemm_f32);

fn same_bits<T: Float>(got: &[T], want: &[T], what: &str) {
    assert_eq!(got.len(), want.len());
    for (idx, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            g.bits() == w.bits() || (g.nan() && w.nan()),
            "{what}: element {idx} differs: {g:?} vs {w:?}"
        );
    }
}

/// The shapes: around one tile, across the `k` block (256 steps) and the column block (256
/// `f64` / 512 `f32` columns on AVX-512), with ragged edges in every dimension, and one large
/// enough for the threads of the `rayon` feature.
const SHAPES: [(usize, usize, usize); 13] = [
    (1, 1, 1),
    (1, 7, 3),
    (5, 3, 17),
    (14, 256, 16),
    (15, 257, 33),
    (29, 100, 31),
    (6, 513, 8),
    (40, 300, 70),
    (3, 20, 300),
    (17, 9, 530),
    (100, 64, 129),
    (64, 64, 64),
    // Above 2^24 multiply-adds: on rayon's threads with the `rayon` feature.
    (260, 300, 230),
];

fn check<T: Float>(isa: TiledIsa, special: bool) {
    for (s, &(m, k, n)) in SHAPES.iter().enumerate() {
        let seed = s as u64 * 7 + u64::from(special);
        let a: Vec<T> = filled(m * k, seed, special).into_iter().map(T::from_f64).collect();
        let b: Vec<T> = filled(k * n, seed + 3, special).into_iter().map(T::from_f64).collect();
        let want = T::in_place(isa, (m, k, n), &a, &b);
        let what = alloc::format!("{isa:?} {} {m}x{k} @ {k}x{n}", core::any::type_name::<T>());

        // Contiguous operands.
        let mut got = alloc::vec![T::ZERO; m * n];
        let (a_op, b_op) = (Operand::row_major(&a, k), Operand::row_major(&b, n));
        assert!(packed_product(isa, (m, k, n), a_op, b_op, &mut got, Part::Full));
        same_bits(&got, &want, &what);

        // Both operands read through their transposes' storage.
        let (a_t, b_t) = (transpose(&a, m, k), transpose(&b, k, n));
        let mut got = alloc::vec![T::ZERO; m * n];
        let (a_op, b_op) = (Operand::transposed(&a_t, m), Operand::transposed(&b_t, k));
        assert!(packed_product(isa, (m, k, n), a_op, b_op, &mut got, Part::Full));
        same_bits(&got, &want, &alloc::format!("{what}, transposed operands"));

        // XᵀX of `a` (k x k from m rows) in the symmetric mode, against the full product of
        // the explicit transpose.
        let full = T::in_place(isa, (k, m, k), &a_t, &a);
        let mut got = alloc::vec![T::ZERO; k * k];
        let (a_op, b_op) = (Operand::transposed(&a, k), Operand::row_major(&a, k));
        assert!(packed_product(isa, (k, m, k), a_op, b_op, &mut got, Part::Symmetric));
        same_bits(&got, &full, &alloc::format!("{what}, XᵀX symmetric"));
    }
}

fn supported() -> impl Iterator<Item = TiledIsa> {
    TiledIsa::ALL.into_iter().filter(|isa| isa.is_supported())
}

#[test]
fn packed_tiles_equal_the_in_place_tiles_bit_for_bit() {
    for isa in supported() {
        check::<f64>(isa, false);
        check::<f32>(isa, false);
    }
}

#[test]
fn packed_tiles_equal_the_in_place_tiles_on_special_values() {
    for isa in supported() {
        check::<f64>(isa, true);
        check::<f32>(isa, true);
    }
}

#[test]
fn packed_tiles_decline_what_they_cannot_do() {
    for isa in supported() {
        let a = [1.0f64; 6];
        let mut c = [0.0f64; 4];
        // Strides reaching outside the slice, a wrong output length, `k = 0`.
        let short = Operand::row_major(&a[..5], 3);
        let ok = Operand::row_major(&a, 3);
        let b = Operand::row_major(&a, 2);
        assert!(!packed_product(isa, (2, 3, 2), short, b, &mut c, Part::Full));
        assert!(!packed_product(isa, (2, 3, 2), ok, b, &mut c[..3], Part::Full));
        assert!(!packed_product(isa, (2, 0, 2), ok, b, &mut c, Part::Full));
        assert_eq!(c, [0.0; 4], "nothing written");
        // Integers have no tiles.
        let ints = [1i32; 6];
        let mut ci = [0i32; 4];
        let (x, y) = (Operand::row_major(&ints, 3), Operand::row_major(&ints, 2));
        assert!(!packed_product(isa, (2, 3, 2), x, y, &mut ci, Part::Full));
    }
}
