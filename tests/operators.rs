//! Operators: elementwise `+ - -x`, the matrix product `*` (NumPy `@`), scalar `*` and `/`
//! on both sides, the `*Assign` forms, owned and borrowed operands, Hadamard product,
//! elementwise division and broadcasting.

// The borrowed forms (`&a + &b`) are what these tests exist to exercise.
#![allow(clippy::op_ref)]

mod support;

use statrix::{Matrix, RowVector, matrix, row_vector, vector};
use support::{fused_vs_textbook_bound, product_may_fuse};

/// The textbook triple loop, summing in increasing `k`: the crate's kernel promises this
/// order, so float results must agree bit for bit.
fn naive_matmul<const R: usize, const K: usize, const C: usize>(
    a: &Matrix<f64, R, K>,
    b: &Matrix<f64, K, C>,
) -> Matrix<f64, R, C> {
    Matrix::from_fn(|i, j| {
        let mut acc = 0.0;
        for k in 0..K {
            acc += a[(i, k)] * b[(k, j)];
        }
        acc
    })
}

/// Deterministic, irregular values in `[-1, 1)` with full mantissas.
fn filled<const R: usize, const C: usize>(seed: u64) -> Matrix<f64, R, C> {
    support::filled(seed, 53)
}

#[test]
fn seed_products_are_numpys() {
    let a = matrix![1, 2; 3, 4];
    let b = matrix![5, 6; 7, 8];
    assert_eq!(a.hadamard(&b), matrix![5, 12; 21, 32]); // a * b
    assert_eq!(a * b, matrix![19, 22; 43, 50]); // a @ b
    assert_eq!(a.matmul(&b), matrix![19, 22; 43, 50]); // np.matmul(a, b)
}

#[test]
fn every_owned_and_borrowed_form_agrees() {
    let a = matrix![1.5, -2.0; 0.25, 4.0];
    let b = matrix![3.0, 1.0; -1.0, 0.5];
    let sum = matrix![4.5, -1.0; -0.75, 4.5];
    assert_eq!(a + b, sum);
    assert_eq!(&a + b, sum);
    assert_eq!(a + &b, sum);
    assert_eq!(&a + &b, sum);
    let difference = matrix![-1.5, -3.0; 1.25, 3.5];
    assert_eq!(a - b, difference);
    assert_eq!(&a - b, difference);
    assert_eq!(a - &b, difference);
    assert_eq!(&a - &b, difference);
    let product = naive_matmul(&a, &b);
    assert_eq!(a * b, product);
    assert_eq!(&a * b, product);
    assert_eq!(a * &b, product);
    assert_eq!(&a * &b, product);
    assert_eq!(-a, matrix![-1.5, 2.0; -0.25, -4.0]);
    assert_eq!(-&a, -a);
}

#[test]
fn assign_forms_match_the_operators() {
    let a = matrix![1, 2; 3, 4];
    let b = matrix![5, 6; 7, 8];
    let mut m = a;
    m += b;
    assert_eq!(m, a + b);
    m -= &b;
    assert_eq!(m, a);
    m *= b;
    assert_eq!(m, a * b);
    let mut n = a;
    n *= &b;
    assert_eq!(n, a * b);
    n *= 2;
    assert_eq!(n, (a * b) * 2);
    n /= 2;
    assert_eq!(n, a * b);
}

#[test]
fn scalar_multiplication_on_both_sides() {
    let m = matrix![1.0, -2.0; 0.5, 4.0];
    assert_eq!(m * 2.0, matrix![2.0, -4.0; 1.0, 8.0]);
    assert_eq!(2.0 * m, m * 2.0);
    assert_eq!(2.0 * &m, m * 2.0);
    assert_eq!(&m * 2.0, m * 2.0);
    assert_eq!(m / 4.0, matrix![0.25, -0.5; 0.125, 1.0]);
    assert_eq!(&m / 4.0, m / 4.0);
    assert_eq!(3 * matrix![1, 2], matrix![3, 6]);
    assert_eq!(3u8 * matrix![1u8, 2], matrix![3u8, 6]);
    assert_eq!(2.0f32 * matrix![1.5f32], matrix![3.0f32]);
    assert_eq!(-2i64 * matrix![1i64, -2], matrix![-2i64, 4]);
    // Integer division truncates toward zero, as Rust's `/`.
    assert_eq!(matrix![7, -7] / 2, matrix![3, -3]);
    // Float division by zero follows IEEE.
    let q = matrix![1.0, -1.0] / 0.0;
    assert_eq!(q, matrix![f64::INFINITY, f64::NEG_INFINITY]);
}

/// The product against the textbook loop: the same bits, or within
/// [`fused_vs_textbook_bound`] where it may run the fused multiply-add tiles.
#[test]
fn matmul_equals_the_textbook_loop_or_its_fused_form() {
    fn check<const R: usize, const K: usize, const C: usize>(seed: u64) {
        let a = filled::<R, K>(seed);
        let b = filled::<K, C>(seed + 1);
        let (got, naive) = (a * b, naive_matmul(&a, &b));
        if !product_may_fuse(R, K, C) {
            assert_eq!(got, naive, "{R}x{K} @ {K}x{C}");
            return;
        }
        for i in 0..R {
            for j in 0..C {
                let magnitude: f64 = (0..K).map(|k| (a[(i, k)] * b[(k, j)]).abs()).sum();
                let bound = fused_vs_textbook_bound::<f64>(K, magnitude);
                let err = (got[(i, j)] - naive[(i, j)]).abs();
                assert!(
                    err <= bound,
                    "{R}x{K} @ {K}x{C} [{i}, {j}]: {err:e} > {bound:e}"
                );
            }
        }
    }
    check::<1, 1, 1>(1);
    check::<2, 2, 2>(2);
    check::<3, 3, 3>(3);
    check::<4, 4, 4>(4);
    check::<2, 5, 3>(5);
    check::<6, 6, 6>(6);
    check::<7, 1, 9>(7);
    check::<8, 8, 8>(8);
    check::<16, 16, 16>(9);
    check::<3, 17, 1>(10);
    check::<32, 128, 64>(11);
}

#[test]
fn integer_matmul_is_exact_and_associative() {
    let a = Matrix::<i64, 3, 4>::from_fn(|i, j| (i as i64 * 7 - j as i64 * 3) % 5);
    let b = Matrix::<i64, 4, 2>::from_fn(|i, j| (i as i64 + 2 * j as i64) - 3);
    let c = Matrix::<i64, 2, 5>::from_fn(|i, j| (i * j) as i64 - 1);
    assert_eq!((a * b) * c, a * (b * c));
    assert_eq!((a * b).transpose(), b.transpose() * a.transpose());
    assert_eq!(Matrix::<i64, 3, 3>::identity() * a, a);
    assert_eq!(a * Matrix::<i64, 4, 4>::identity(), a);
}

#[test]
fn empty_inner_dimension_gives_zeros() {
    // NumPy: np.ones((2, 0)) @ np.ones((0, 3)) is a 2x3 matrix of zeros.
    let a = Matrix::<f64, 2, 0>::zeros();
    let b = Matrix::<f64, 0, 3>::zeros();
    assert_eq!(a * b, Matrix::<f64, 2, 3>::zeros());
}

#[test]
fn vector_products_through_matmul() {
    let m = matrix![1.0, 2.0; 3.0, 4.0];
    let v = vector![1.0, -1.0];
    assert_eq!(m * v, vector![-1.0, -1.0]); // m @ v
    let r = row_vector![1.0, -1.0];
    assert_eq!(r * m, row_vector![-2.0, -2.0]); // v @ m
    assert_eq!(r * v, matrix![2.0]); // inner product as 1x1
}

#[test]
fn hadamard_and_elementwise_division() {
    let a = matrix![1.0, 6.0; -3.0, 0.5];
    let b = matrix![4.0, 3.0; 2.0, -0.25];
    assert_eq!(a.hadamard(&b), matrix![4.0, 18.0; -6.0, -0.125]);
    assert_eq!(a.div_elementwise(&b), matrix![0.25, 2.0; -1.5, -2.0]);
    assert_eq!(a.hadamard(&b).div_elementwise(&b), a);
}

#[test]
fn linear_layer_broadcasts_the_bias_over_rows() {
    // X @ W + b with X (4, 3), W (3, 2), b (2,): every row gets b.
    let x = Matrix::<f64, 4, 3>::from_fn(|i, j| (i + j) as f64);
    let w = Matrix::<f64, 3, 2>::from_fn(|i, j| if i == j { 1.0 } else { 0.0 });
    let b = row_vector![0.5, -0.5];
    let out = (x * w).add_row_broadcast(&b);
    for i in 0..4 {
        assert_eq!(out.row(i), (x * w).row(i) + b);
    }
    // The seed's shapes: (32, 128) @ (128, 64) + (64,) is (32, 64).
    let x = Matrix::<f32, 32, 128>::full(0.5);
    let w = Matrix::<f32, 128, 64>::full(0.25);
    let b = RowVector::<f32, 64>::full(1.0);
    let out = (x * w).add_row_broadcast(&b);
    assert_eq!(out.shape(), (32, 64));
    // 128 * 0.5 * 0.25 + 1 = 17, exact in f32.
    assert_eq!(out, Matrix::full(17.0));
}

#[test]
fn broadcasting_rows_and_columns() {
    let x = matrix![1.0, 2.0, 3.0; 4.0, 5.0, 6.0];
    let r = row_vector![10.0, 20.0, 30.0];
    let c = vector![2.0, 4.0];
    assert_eq!(
        x.add_row_broadcast(&r),
        matrix![11.0, 22.0, 33.0; 14.0, 25.0, 36.0]
    );
    assert_eq!(
        x.sub_row_broadcast(&r),
        matrix![-9.0, -18.0, -27.0; -6.0, -15.0, -24.0]
    );
    assert_eq!(
        x.mul_row_broadcast(&r),
        matrix![10.0, 40.0, 90.0; 40.0, 100.0, 180.0]
    );
    assert_eq!(
        x.div_row_broadcast(&r),
        matrix![0.1, 0.1, 0.1; 0.4, 0.25, 0.2]
    );
    assert_eq!(
        x.add_col_broadcast(&c),
        matrix![3.0, 4.0, 5.0; 8.0, 9.0, 10.0]
    );
    assert_eq!(
        x.sub_col_broadcast(&c),
        matrix![-1.0, 0.0, 1.0; 0.0, 1.0, 2.0]
    );
    assert_eq!(
        x.mul_col_broadcast(&c),
        matrix![2.0, 4.0, 6.0; 16.0, 20.0, 24.0]
    );
    assert_eq!(
        x.div_col_broadcast(&c),
        matrix![0.5, 1.0, 1.5; 1.0, 1.25, 1.5]
    );
    assert_eq!(
        x.broadcast_row_map(&r, f64::max),
        matrix![10.0, 20.0, 30.0; 10.0, 20.0, 30.0]
    );
    assert_eq!(
        x.broadcast_col_map(&c, f64::min),
        matrix![1.0, 2.0, 2.0; 4.0, 4.0, 4.0]
    );
}
