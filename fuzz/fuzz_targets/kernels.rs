//! The SIMD kernels against the portable loops, on the same bytes: every kernel this CPU
//! runs, not only the one the dispatch picks (the hooks of `statrix::fuzzing`, compiled
//! under `--cfg fuzzing`).
//!
//! - The small fixed kernels (`f32` 4x4 times 4x4 and times a 4-vector, SSE2) and the `f32`
//!   4x4 cofactor inverse perform the portable code's operations in its order: the same
//!   bits, checked bit for bit (any NaN matches any NaN).
//! - The register-tiled products (AVX-512, AVX2+FMA or NEON) of static shapes, and the
//!   packed, cache-blocked products of dynamic ones with any strides (and their lower-
//!   triangle-only form), round each step once where the portable loops round twice. Each
//!   element is checked against the exact product (in `f64`) with the bound both orders
//!   share (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., §3.1:
//!   `|c_hat - c| <= gamma_k (|a| |b|)`), plus an absolute allowance for underflow.
//! - The public products: `Matrix * Matrix` meets that bound; the `DMatrix` products
//!   (`matmul`, `transpose_matmul`, `matmul_transpose`, `gram`, `gram_of_rows`) equal the
//!   static product of the same shape bit for bit, as documented.
//! - Integer products (no explicit kernel; the dispatch must fall through to the loops):
//!   exact.
#![no_main]

use libfuzzer_sys::fuzz_target;
use statrix::fuzzing::{
    TILED_ISAS, cofactor_inverse_4x4, cofactor_inverse_4x4_portable, packed_product_on,
    portable_product, small_product, tiled_product_on,
};
use statrix::{DMatrix, Matrix};
use statrix_fuzz::dense::{Dense, F64_U, f64_residual, gamma};
use statrix_fuzz::{Float, Input};

/// Runs `$body` with `$r x $k` times `$k x $c` bound to one of 16 product shapes picked by
/// `$index`: the sizes the small kernels take (4x4 by 4x4 and by a vector), each tile edge of
/// the tiled kernels (one row or column, heights below and above their 6 or 8 rows, widths
/// around 2 vectors of 4, 8 or 16 lanes), one inner dimension, and a long one.
macro_rules! with_product_shape {
    ($index:expr, $r:ident, $k:ident, $c:ident => $body:expr) => {
        with_product_shape!(@arms $index, $r, $k, $c, $body;
            0 => 1, 1, 1; 1 => 2, 2, 2; 2 => 3, 3, 3; 3 => 4, 4, 4; 4 => 4, 4, 1;
            5 => 1, 4, 4; 6 => 5, 7, 9; 7 => 8, 8, 8; 8 => 6, 1, 6; 9 => 7, 16, 3;
            10 => 16, 16, 16; 11 => 9, 9, 17; 12 => 1, 16, 33; 13 => 15, 5, 1;
            14 => 13, 12, 31; 15 => 2, 64, 2)
    };
    (@arms $index:expr, $r:ident, $k:ident, $c:ident, $body:expr;
        $($i:literal => $rv:literal, $kv:literal, $cv:literal);*) => {
        match $index % 16 {
            $($i => {
                const $r: usize = $rv;
                const $k: usize = $kv;
                const $c: usize = $cv;
                $body
            })*
            _ => unreachable!("index reduced modulo 16"),
        }
    };
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    match input.byte() % 8 {
        0 | 1 => {
            let shape = input.byte();
            with_product_shape!(shape, R, K, C => static_products::<f32, R, K, C>(&mut input));
        }
        2 | 3 => {
            let shape = input.byte();
            with_product_shape!(shape, R, K, C => static_products::<f64, R, K, C>(&mut input));
        }
        4 => packed_products::<f32>(&mut input),
        5 => packed_products::<f64>(&mut input),
        6 => {
            cofactor_inverse::<f32>(&mut input);
            cofactor_inverse::<f64>(&mut input);
        }
        _ => {
            let shape = input.byte();
            with_product_shape!(shape, R, K, C => integer_products::<R, K, C>(&mut input));
        }
    }
});

/// Whether `x` and `y` are the same bits, any NaN matching any NaN.
fn same_bits<T: Float>(x: T, y: T) -> bool {
    (x.is_nan() && y.is_nan()) || x.wide().to_bits() == y.wide().to_bits()
}

/// Asserts that two results are the same bits elementwise.
fn assert_same_bits<T: Float>(what: &str, got: &[T], want: &[T]) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    for (k, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!(same_bits(g, w), "{what}: element {k} is {g:?}, not {w:?}");
    }
}

/// Asserts that `got` (row-major, `a.rows x b.cols`) is within the product's error bound of
/// the exact `a @ b`, elementwise:
///
/// - where a row of `a` or a column of `b` holds a NaN or an infinity, the element is not
///   finite (every term holding it is NaN or infinite, and no sum returns from there);
/// - where `m = (|a| |b|)_ij` leaves room below the overflow threshold for the rounding of
///   every partial sum (each is at most `(1 + gamma_k) m`), `|got - exact| <= gamma_k(u) m`
///   for the kernel (either summation order, §3.1), where `exact` is the `f64` sum (itself
///   within `f64_residual(k) m`: exact products for `f32`), and `m` is computed in `f64`, at
///   least `(1 - gamma_k(f64))` times the true one; plus `2 k eta` for underflow: each of the
///   `k` rounded products or fused steps of the kernel and of the reference that lands in the
///   subnormals is off by at most `eta / 2` absolutely (additions of subnormals are exact),
///   and `m`'s own underflow is of the same size;
/// - elsewhere (partial sums at the overflow edge, where a fused step can stay finite while
///   the rounded product overflowed), nothing is asserted.
fn assert_product_bound<T: Float>(what: &str, a: &Dense, b: &Dense, got: &[T]) {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    assert_eq!(got.len(), m * n, "{what}: output length");
    let exact = a.mul(b);
    let magnitude = a.abs().mul(&b.abs());
    let u = T::unit_roundoff();
    let relative = (gamma(k, u) + f64_residual(k)) / (1.0 - gamma(k, F64_U));
    let limit = T::max_value().wide() / (1.0 + 2.0 * gamma(k, u));
    let underflow = 2.0 * k as f64 * T::smallest_subnormal();
    for i in 0..m {
        let row_finite = (0..k).all(|p| a.at(i, p).is_finite());
        for j in 0..n {
            let g = got[i * n + j].wide();
            if !(row_finite && (0..k).all(|p| b.at(p, j).is_finite())) {
                assert!(
                    !g.is_finite(),
                    "{what}: ({i}, {j}) is {g:e} from a non-finite row or column"
                );
                continue;
            }
            let mag = magnitude.at(i, j);
            if mag.is_nan() || mag > limit {
                continue;
            }
            let bound = relative * mag + underflow;
            let error = (g - exact.at(i, j)).abs();
            assert!(
                error <= bound,
                "{what} ({m}x{k} @ {k}x{n}): ({i}, {j}) is {g:e}, exact {:e}, off by {error:e} \
                 over the bound {bound:e}",
                exact.at(i, j)
            );
        }
    }
}

fn static_products<T: Float, const R: usize, const K: usize, const C: usize>(input: &mut Input) {
    let a: Matrix<T, R, K> = input.matrix();
    let b: Matrix<T, K, C> = input.matrix();
    let (da, db) = (Dense::of(&a), Dense::of(&b));
    let portable = portable_product(&a, &b);
    assert_product_bound("portable loops", &da, &db, portable.as_slice());

    if let Some(small) = small_product(&a, &b) {
        assert_same_bits("small kernel", small.as_slice(), portable.as_slice());
    }
    for (isa, name) in TILED_ISAS.iter().enumerate() {
        let mut out = Matrix::<T, R, C>::zeros();
        if tiled_product_on(isa, &a, &b, &mut out) {
            assert_product_bound(&format!("tiled {name}"), &da, &db, out.as_slice());
        }
    }
    let public = a * b;
    assert_product_bound("Matrix * Matrix", &da, &db, public.as_slice());

    // The dynamic products equal the static one bit for bit (`kernel::matmul_strided`).
    let (xa, xb) = (DMatrix::from(a), DMatrix::from(b));
    assert_same_bits(
        "DMatrix::matmul",
        xa.matmul(&xb).as_slice(),
        public.as_slice(),
    );
    let (xat, xbt) = (DMatrix::from(a.transpose()), DMatrix::from(b.transpose()));
    assert_same_bits(
        "DMatrix::transpose_matmul",
        xat.transpose_matmul(&xb).as_slice(),
        public.as_slice(),
    );
    assert_same_bits(
        "DMatrix::matmul_transpose",
        xa.matmul_transpose(&xbt).as_slice(),
        public.as_slice(),
    );
    // `aᵀ a` and `a aᵀ` by one triangle, mirrored: the full products' bits.
    let gram = xa.gram();
    assert_same_bits(
        "DMatrix::gram",
        gram.as_slice(),
        (a.transpose() * a).as_slice(),
    );
    assert_same_bits(
        "DMatrix::gram_of_rows",
        xa.gram_of_rows().as_slice(),
        (a * a.transpose()).as_slice(),
    );
}

/// A dynamic operand: `rows x cols` logical elements laid out row-major, column-major or
/// row-major with padded rows, in a slice of values from the fuzzer.
struct Strided<T> {
    data: Vec<T>,
    strides: (usize, usize),
    rows: usize,
    cols: usize,
}

impl<T: Float> Strided<T> {
    fn new(input: &mut Input, rows: usize, cols: usize) -> Self {
        let strides = match input.byte() % 3 {
            0 => (cols, 1),
            1 => (1, rows),
            _ => (cols + 1 + input.below(3), 1),
        };
        let len = (rows - 1) * strides.0 + (cols - 1) * strides.1 + 1;
        let data = input.values(len);
        Self {
            data,
            strides,
            rows,
            cols,
        }
    }

    fn get(&self, i: usize, j: usize) -> T {
        self.data[i * self.strides.0 + j * self.strides.1]
    }

    /// The logical matrix, exactly, in `f64`.
    fn dense(&self) -> Dense {
        Dense::from_fn(self.rows, self.cols, |i, j| self.get(i, j).wide())
    }
}

/// The packed products' dimensions: `m` and `n` up to 40 (every tile edge: 6, 8 or 14 rows,
/// 8, 16 or 32 columns), `k` up to 40; one input in 16 has `k` past one or two blocks of 256
/// (with `m` and `n` up to 16, to keep it quick).
fn packed_shape(input: &mut Input) -> (usize, usize, usize) {
    if input.byte().is_multiple_of(16) {
        let k = 200 + usize::from(input.byte()) * 2;
        (1 + input.below(16), k, 1 + input.below(16))
    } else {
        (
            1 + input.below(40),
            1 + input.below(40),
            1 + input.below(40),
        )
    }
}

fn packed_products<T: Float>(input: &mut Input) {
    let (m, k, n) = packed_shape(input);
    let a = Strided::<T>::new(input, m, k);
    let da = a.dense();
    if input.byte().is_multiple_of(4) {
        // `a aᵀ` by its lower triangle (the `gram` path): `b` is `a` read transposed.
        let mut c = vec![T::zero(); m * m];
        let b_strides = (a.strides.1, a.strides.0);
        for (isa, name) in TILED_ISAS.iter().enumerate() {
            if packed_product_on(
                isa,
                (m, k, m),
                &a.data,
                a.strides,
                &a.data,
                b_strides,
                &mut c,
                true,
            ) {
                let what = format!("packed {name}, lower triangle");
                assert_product_bound(&what, &da, &da.t(), &c);
                for i in 0..m {
                    for j in 0..i {
                        assert!(
                            same_bits(c[i * m + j], c[j * m + i]),
                            "{what}: ({i}, {j}) not mirrored"
                        );
                    }
                }
            }
        }
        return;
    }
    let b = Strided::<T>::new(input, k, n);
    let db = b.dense();
    let mut c = vec![T::zero(); m * n];
    for (isa, name) in TILED_ISAS.iter().enumerate() {
        if packed_product_on(
            isa,
            (m, k, n),
            &a.data,
            a.strides,
            &b.data,
            b.strides,
            &mut c,
            false,
        ) {
            assert_product_bound(&format!("packed {name}"), &da, &db, &c);
        }
    }
    // The public product of the same values, laid out row-major.
    let xa = DMatrix::from_fn(m, k, |i, j| a.get(i, j));
    let xb = DMatrix::from_fn(k, n, |i, j| b.get(i, j));
    assert_product_bound("DMatrix::matmul", &da, &db, xa.matmul(&xb).as_slice());
}

fn cofactor_inverse<T: Float>(input: &mut Input) {
    let a: Matrix<T, 4, 4> = input.matrix();
    if let Some((inverse, det)) = cofactor_inverse_4x4(&a) {
        let (want_inverse, want_det) = cofactor_inverse_4x4_portable(&a);
        assert_same_bits("cofactor 4x4 det", &[det], &[want_det]);
        assert_same_bits(
            "cofactor 4x4 inverse",
            inverse.as_slice(),
            want_inverse.as_slice(),
        );
    }
}

fn integer_products<const R: usize, const K: usize, const C: usize>(input: &mut Input) {
    // Elements of `i8`'s range: a sum of at most 64 products stays far inside `i32`.
    let a: Matrix<i32, R, K> = Matrix::from_fn(|_, _| i32::from(input.byte() as i8));
    let b: Matrix<i32, K, C> = Matrix::from_fn(|_, _| i32::from(input.byte() as i8));
    let got = a * b;
    for i in 0..R {
        for j in 0..C {
            let want: i32 = (0..K).map(|p| a[(i, p)] * b[(p, j)]).sum();
            assert_eq!(got[(i, j)], want, "i32 ({i}, {j})");
        }
    }
    let wide: Matrix<i64, R, K> = a.map(i64::from);
    let got = wide * b.map(i64::from);
    for i in 0..R {
        for j in 0..C {
            assert_eq!(got[(i, j)], i64::from(portable_product(&a, &b)[(i, j)]));
        }
    }
    let dynamic = DMatrix::from(a).matmul(&DMatrix::from(b));
    assert_eq!(
        dynamic.as_slice(),
        portable_product(&a, &b).as_slice(),
        "DMatrix i32"
    );
}
