//! statrix against nalgebra and glam on small fixed-size linear algebra.
//!
//! Every group times the same operation on the same inputs in each library, so the
//! results read side by side:
//!
//! | group | statrix | nalgebra | glam |
//! | --- | --- | --- | --- |
//! | `matmul_f32_{2x2,3x3,4x4}` | `Matrix<f32, N, N>` | `Matrix2/3/4<f32>` | `Mat2/Mat3/Mat4` |
//! | `matmul_f64_{3x3,4x4}` | `Matrix<f64, N, N>` | `Matrix3/4<f64>` | `DMat3/DMat4` |
//! | `matmul_f64_{6x6,8x8,16x16,32x32,64x64}` | `Matrix<f64, N, N>` | `SMatrix<f64, N, N>` | - |
//! | `matmul_f32_{32x32,64x64}` | `Matrix<f32, N, N>` | `SMatrix<f32, N, N>` | - |
//! | `matvec_f32_4x4` | `Matrix<f32, 4, 4> * Vector<f32, 4>` | `Matrix4 * Vector4` | `Mat4 * Vec4` |
//! | `transpose_f64_4x4` | `transpose()` | `transpose()` | `DMat4::transpose()` |
//! | `dot_f32_3` | `Vector<f32, 3>::dot` | `Vector3::dot` | `Vec3::dot` |
//! | `norm_f32_4` | `Vector<f32, 4>::norm` | `Vector4::norm` | `Vec4::length` |
//! | `norm_f64_16` | `Vector<f64, 16>::norm` | `SVector<f64, 16>::norm` | - |
//!
//! The inputs are deterministic, non-symmetric and not small integers, so every product
//! rounds. glam stores matrices column-major; its matrices are built from the same logical
//! (row, column) elements as the other two, and its results are read back the same way.
//! Before a group is timed, each peer's result is checked against statrix's (outside the
//! timed closure), so no group compares a wrong answer; the bounds are at the check helpers.
//! Inputs are read through `black_box(&x)` and results passed to `black_box`, so the compiler
//! can neither constant-fold the work nor drop it.
//!
//! Run with
//!
//! ```text
//! cargo bench -p statrix-benches --bench matmul                    # everything, a few minutes
//! cargo bench -p statrix-benches --bench matmul -- matmul_f32_4x4  # one group (name substring)
//! ```
//!
//! Each group uses `sample_size` 30, `warm_up_time` 0.5 s and `measurement_time` 1 s: enough
//! to rank the libraries, not to resolve differences of a few percent. Criterion prints, per
//! benchmark `<group>/<library>`, a line `time: [low estimate high]` of time per call (the
//! estimate with a 95% confidence interval); compare the middle figures of one group's
//! `statrix`, `nalgebra` and `glam` lines. Medians and the full statistics are in
//! `target/criterion/<group>/<library>/new/estimates.json`. A "change" line compares with the
//! previous run on the same machine, not with the other libraries.

use std::hint::black_box;
use std::ops::Mul;

use criterion::{
    BenchmarkGroup, Criterion, criterion_group, criterion_main, measurement::WallTime,
};
use glam::{DMat3, DMat4, Mat2, Mat3, Mat4, Vec3, Vec4};
use nalgebra::{SMatrix, SVector};
use statrix::{Matrix, Vector};
use statrix_benches::{Elem, lift, na_from, transpose_arr};

// ---------------------------------------------------------------------------------------
// Inputs and conversions
// ---------------------------------------------------------------------------------------

/// A deterministic `R x C` array of row-major inputs in `[-1, 1)`: fractional parts of
/// multiples of the golden ratio, different for each `seed`, with no symmetry and no
/// exactly representable products.
fn input<T: Elem, const R: usize, const C: usize>(seed: usize) -> [[T; C]; R] {
    core::array::from_fn(|i| {
        core::array::from_fn(|j| {
            let k = (seed * 97 + i * 31 + j * 7 + 1) as f64;
            T::from_f64((k * 0.618_033_988_749_894_9).fract() * 2.0 - 1.0)
        })
    })
}

/// A deterministic vector of `N` inputs in `[-1, 1)`.
fn input_vec<T: Elem, const N: usize>(seed: usize) -> [T; N] {
    let rows: [[T; 1]; N] = input(seed);
    rows.map(|[x]| x)
}

/// A nalgebra matrix read back as a row-major array.
fn na_rows<T: Elem + nalgebra::Scalar, const R: usize, const C: usize>(
    m: &SMatrix<T, R, C>,
) -> [[T; C]; R] {
    core::array::from_fn(|i| core::array::from_fn(|j| m[(i, j)]))
}

// ---------------------------------------------------------------------------------------
// Agreement checks (run once per group, outside the timed closures)
// ---------------------------------------------------------------------------------------

/// Asserts that `got` (library `lib`) agrees with statrix's `want` for the product `a @ b`.
///
/// Bound: `|got_ij - want_ij| <= K * eps * (|A| |B|)_ij`. Each library's result is within
/// `gamma_K ~ K * eps / 2` times `(|A| |B|)_ij` of the exact product whatever its summation
/// order and with or without FMA (Higham, Thm. 3.5, unit roundoff `eps / 2`), so two correct
/// results are within `K * eps` of that scale: at most 2, 3, 4 ... 16 ulps of the magnitude of
/// the terms for K = 2, 3, 4 ... 16. A single wrong or transposed term (`O(|a| |b|)`) fails it.
/// The same bound covers the matrix-vector product (`C = 1`).
fn check_product<const R: usize, const K: usize, const C: usize>(
    group: &str,
    lib: &str,
    a: &[[f64; K]; R],
    b: &[[f64; C]; K],
    want: &[[f64; C]; R],
    got: &[[f64; C]; R],
    eps: f64,
) {
    for i in 0..R {
        for j in 0..C {
            let scale: f64 = (0..K).map(|k| (a[i][k] * b[k][j]).abs()).sum();
            let tol = K as f64 * eps * scale;
            let diff = (got[i][j] - want[i][j]).abs();
            assert!(
                diff <= tol,
                "{group}: {lib} disagrees with statrix at ({i}, {j}): {} vs {} \
                 (|diff| {diff:e} > bound {tol:e})",
                got[i][j],
                want[i][j],
            );
        }
    }
}

/// Asserts that `got` (library `lib`) agrees with statrix's `want` for the dot product of `a`
/// and `b`: `|got - want| <= N * eps * sum_i |a_i b_i|`, the `K = N` case of
/// [`check_product`].
fn check_dot(group: &str, lib: &str, a: &[f64], b: &[f64], want: f64, got: f64, eps: f64) {
    let scale: f64 = a.iter().zip(b).map(|(x, y)| (x * y).abs()).sum();
    let tol = a.len() as f64 * eps * scale;
    assert!(
        (got - want).abs() <= tol,
        "{group}: {lib} gives {got}, statrix {want} (bound {tol:e})"
    );
}

/// Asserts that `got` (library `lib`) agrees with statrix's `want` for the L2 norm of an
/// `N`-vector without overflow or underflow: `|got - want| <= (N + 2) * eps * want`. Each
/// result is a rounded sum of squares (relative error below `N/2 * eps`) followed by a
/// correctly rounded square root (`eps / 2`), so two correct ones differ by less than
/// `(N + 2) * eps` relative: 6 ulps for N = 4, 18 for N = 16.
fn check_norm(group: &str, lib: &str, n: usize, want: f64, got: f64, eps: f64) {
    let tol = (n + 2) as f64 * eps * want;
    assert!(
        (got - want).abs() <= tol,
        "{group}: {lib} gives {got}, statrix {want} (bound {tol:e})"
    );
}

// ---------------------------------------------------------------------------------------
// Groups
// ---------------------------------------------------------------------------------------

/// A group with the settings shared by every benchmark here (about 1.5 s per function).
fn group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    statrix_benches::group(c, name, 30, 500, 1000)
}

/// One `N x N` matrix-product group: statrix and nalgebra, plus glam when a glam type is given.
macro_rules! matmul_group {
    ($c:expr, $name:literal, $t:ty, $n:literal $(, $glam:ty)?) => {{
        const N: usize = $n;
        let a_rows: [[$t; N]; N] = input(1);
        let b_rows: [[$t; N]; N] = input(2);

        let (sa, sb) = (Matrix::new(a_rows), Matrix::new(b_rows));
        let (na, nb) = (na_from(&a_rows), na_from(&b_rows));

        let (a64, b64) = (lift(&a_rows), lift(&b_rows));
        let want = lift(&(sa * sb).into_array());
        let eps = <$t as Elem>::EPS;
        check_product($name, "nalgebra", &a64, &b64, &want, &lift(&na_rows(&(na * nb))), eps);
        $(
            let ga = <$glam>::from_cols_array_2d(&transpose_arr(&a_rows));
            let gb = <$glam>::from_cols_array_2d(&transpose_arr(&b_rows));
            let g_rows = transpose_arr(&(ga * gb).to_cols_array_2d());
            check_product($name, "glam", &a64, &b64, &want, &lift(&g_rows), eps);
        )?

        let mut g = group($c, $name);
        g.bench_function("statrix", |bch| {
            bch.iter(|| black_box(black_box(&sa) * black_box(&sb)))
        });
        g.bench_function("nalgebra", |bch| {
            bch.iter(|| black_box(black_box(&na) * black_box(&nb)))
        });
        $(
            // `ga * gb`, spelled with the type so that this block repeats with `$glam`.
            g.bench_function("glam", |bch| {
                bch.iter(|| black_box(<$glam as Mul>::mul(*black_box(&ga), *black_box(&gb))))
            });
        )?
        g.finish();
    }};
}

fn matmul(c: &mut Criterion) {
    matmul_group!(c, "matmul_f32_2x2", f32, 2, Mat2);
    matmul_group!(c, "matmul_f32_3x3", f32, 3, Mat3);
    matmul_group!(c, "matmul_f32_4x4", f32, 4, Mat4);
    matmul_group!(c, "matmul_f64_3x3", f64, 3, DMat3);
    matmul_group!(c, "matmul_f64_4x4", f64, 4, DMat4);
    matmul_group!(c, "matmul_f64_6x6", f64, 6);
    matmul_group!(c, "matmul_f64_8x8", f64, 8);
    matmul_group!(c, "matmul_f64_16x16", f64, 16);
    matmul_group!(c, "matmul_f64_32x32", f64, 32);
    matmul_group!(c, "matmul_f64_64x64", f64, 64);
    matmul_group!(c, "matmul_f32_32x32", f32, 32);
    matmul_group!(c, "matmul_f32_64x64", f32, 64);
}

fn matvec(c: &mut Criterion) {
    const NAME: &str = "matvec_f32_4x4";
    let a_rows: [[f32; 4]; 4] = input(3);
    let v_rows: [[f32; 1]; 4] = input(4);

    let (sa, sv) = (Matrix::new(a_rows), Matrix::new(v_rows));
    let (na, nv) = (na_from(&a_rows), na_from(&v_rows));
    let ga = Mat4::from_cols_array_2d(&transpose_arr(&a_rows));
    let gv = Vec4::from_array(v_rows.map(|[x]| x));

    let (a64, v64) = (lift(&a_rows), lift(&v_rows));
    let want = lift(&(sa * sv).into_array());
    let eps = <f32 as Elem>::EPS;
    check_product(
        NAME,
        "nalgebra",
        &a64,
        &v64,
        &want,
        &lift(&na_rows(&(na * nv))),
        eps,
    );
    let g_rows = (ga * gv).to_array().map(|x| [x]);
    check_product(NAME, "glam", &a64, &v64, &want, &lift(&g_rows), eps);

    let mut g = group(c, NAME);
    g.bench_function("statrix", |b| {
        b.iter(|| black_box(black_box(&sa) * black_box(&sv)))
    });
    g.bench_function("nalgebra", |b| {
        b.iter(|| black_box(black_box(&na) * black_box(&nv)))
    });
    g.bench_function("glam", |b| {
        b.iter(|| black_box(*black_box(&ga) * *black_box(&gv)))
    });
    g.finish();
}

fn transpose(c: &mut Criterion) {
    const NAME: &str = "transpose_f64_4x4";
    let rows: [[f64; 4]; 4] = input(5);

    let s = Matrix::new(rows);
    let n = na_from(&rows);
    let gm = DMat4::from_cols_array_2d(&transpose_arr(&rows));

    // A transpose moves elements without arithmetic: the results must be equal exactly.
    let want = s.transpose().into_array();
    assert_eq!(want, transpose_arr(&rows), "{NAME}: statrix");
    assert_eq!(na_rows(&n.transpose()), want, "{NAME}: nalgebra");
    let g_rows = transpose_arr(&gm.transpose().to_cols_array_2d());
    assert_eq!(g_rows, want, "{NAME}: glam");

    let mut g = group(c, NAME);
    g.bench_function("statrix", |b| {
        b.iter(|| black_box(black_box(&s).transpose()))
    });
    g.bench_function("nalgebra", |b| {
        b.iter(|| black_box(black_box(&n).transpose()))
    });
    g.bench_function("glam", |b| b.iter(|| black_box(black_box(&gm).transpose())));
    g.finish();
}

fn dot(c: &mut Criterion) {
    const NAME: &str = "dot_f32_3";
    let x: [f32; 3] = input_vec(6);
    let y: [f32; 3] = input_vec(7);

    let (sx, sy) = (
        Vector::<f32, 3>::from_array(x),
        Vector::<f32, 3>::from_array(y),
    );
    let (nx, ny) = (SVector::<f32, 3>::from(x), SVector::<f32, 3>::from(y));
    let (gx, gy) = (Vec3::from_array(x), Vec3::from_array(y));

    let (x64, y64) = (x.map(f64::from), y.map(f64::from));
    let want = f64::from(sx.dot(&sy));
    let eps = <f32 as Elem>::EPS;
    check_dot(NAME, "nalgebra", &x64, &y64, want, nx.dot(&ny).into(), eps);
    check_dot(NAME, "glam", &x64, &y64, want, gx.dot(gy).into(), eps);

    let mut g = group(c, NAME);
    g.bench_function("statrix", |b| {
        b.iter(|| black_box(black_box(&sx).dot(black_box(&sy))))
    });
    g.bench_function("nalgebra", |b| {
        b.iter(|| black_box(black_box(&nx).dot(black_box(&ny))))
    });
    g.bench_function("glam", |b| {
        b.iter(|| black_box(black_box(&gx).dot(*black_box(&gy))))
    });
    g.finish();
}

fn norm(c: &mut Criterion) {
    {
        const NAME: &str = "norm_f32_4";
        let x: [f32; 4] = input_vec(8);

        let s = Vector::<f32, 4>::from_array(x);
        let n = SVector::<f32, 4>::from(x);
        let gv = Vec4::from_array(x);

        let want = f64::from(s.norm());
        let eps = <f32 as Elem>::EPS;
        check_norm(NAME, "nalgebra", 4, want, n.norm().into(), eps);
        check_norm(NAME, "glam", 4, want, gv.length().into(), eps);

        let mut g = group(c, NAME);
        g.bench_function("statrix", |b| b.iter(|| black_box(black_box(&s).norm())));
        g.bench_function("nalgebra", |b| b.iter(|| black_box(black_box(&n).norm())));
        g.bench_function("glam", |b| b.iter(|| black_box(black_box(&gv).length())));
        g.finish();
    }
    {
        const NAME: &str = "norm_f64_16";
        let x: [f64; 16] = input_vec(9);

        let s = Vector::<f64, 16>::from_array(x);
        let n = SVector::<f64, 16>::from(x);

        let want = s.norm();
        check_norm(NAME, "nalgebra", 16, want, n.norm(), f64::EPSILON);

        let mut g = group(c, NAME);
        g.bench_function("statrix", |b| b.iter(|| black_box(black_box(&s).norm())));
        g.bench_function("nalgebra", |b| b.iter(|| black_box(black_box(&n).norm())));
        g.finish();
    }
}

criterion_group!(benches, matmul, matvec, transpose, dot, norm);
criterion_main!(benches);
