//! statrix against nalgebra, glam and numeris on small fixed-size linear algebra: the
//! products at every size from 2x2 to 64x64, the matrix-vector product, the seed's linear
//! layer, softmax along rows, and a few vector operations. faer's rows of the same groups
//! are in `faer.rs`, a bench target of its own (see "faer" below).
//!
//! Every group times the same operation on the same inputs in each library, so the
//! results read side by side:
//!
//! | group | statrix | nalgebra | glam | numeris |
//! | --- | --- | --- | --- | --- |
//! | `matmul_{f32,f64}_{2x2,3x3,4x4}` | `Matrix<T, N, N>` `*` | `SMatrix<T, N, N>` `*` | `Mat2/3/4`, `DMat2/3/4` `*` | `Matrix<T, N, N>` `*` |
//! | `matmul_{f32,f64}_{6x6,8x8,16x16,32x32,64x64}` | `Matrix<T, N, N>` `*` | `SMatrix<T, N, N>` `*` | - | `Matrix<T, N, N>` `*` |
//! | `matvec_f32_4x4` | `Matrix<f32, 4, 4> * Vector<f32, 4>` | `Matrix4 * Vector4` | `Mat4 * Vec4` | `Matrix<f32, 4, 4> * Vector<f32, 4>` |
//! | `linear_{f32,f64}_32x128x64` | `Linear::<T, 128, 64>::forward` of a `32 x 128` batch | `x * w`, then the bias added to each column | - | `x * w`, then the bias added element by element |
//! | `softmax_f32_32x64` | `softmax_axis1()` | each row: `max`, `exp(x - max)`, `/ sum` | - | - |
//! | `transpose_f64_4x4` | `transpose()` | `transpose()` | `DMat4::transpose()` | - |
//! | `dot_f32_3` | `Vector<f32, 3>::dot` | `Vector3::dot` | `Vec3::dot` | - |
//! | `norm_f32_4` | `Vector<f32, 4>::norm` | `Vector4::norm` | `Vec4::length` | - |
//! | `norm_f64_16` | `Vector<f64, 16>::norm` | `SVector<f64, 16>::norm` | - | - |
//!
//! glam has matrices up to 4x4 only. numeris has static matrices of every size (and a
//! column-major `Matrix<T, M, N>` like nalgebra's), but no layers and no softmax: its
//! linear-layer row is its product plus a plain loop for the bias, and it has no softmax
//! row. nalgebra has no softmax either; its row is the textbook formula written with its
//! row views (`max`, `apply(exp)`, `sum`, `/=`), on rows that are strided in its
//! column-major storage, as a nalgebra user would write it.
//!
//! The inputs are deterministic, non-symmetric and not small integers, so every product
//! rounds; softmax's logits are those inputs times 4. glam, nalgebra and numeris store
//! matrices column-major; their matrices are built from the same logical (row, column)
//! elements as statrix's, and their results are read back the same way. Before a group is
//! timed, each peer's result is checked against statrix's (outside the timed closure), so no
//! group compares a wrong answer; the bounds are at the check helpers
//! (`statrix_benches::check_product` for the products and the linear layer). Inputs are read
//! through `black_box(&x)` and results passed to `black_box`, so the compiler can neither
//! constant-fold the work nor drop it.
//!
//! # faer
//!
//! faer's product (from 16x16 up, and the linear layer) is timed by the bench target `faer`
//! (`faer.rs`), a process of its own: faer's AVX code leaves the upper halves of the vector
//! registers dirty, which slows the SSE code of the other libraries timed after it in the
//! same process. No code of faer is linked into this target.
//!
//! # Profile
//!
//! Every library is compiled under one profile: cargo's `bench` profile of this workspace,
//! which inherits `release` (`opt-level = 3`, 16 codegen units, thin-local LTO, no
//! `target-cpu`), the stock settings a user of any of these crates gets. The workspace sets
//! no `[profile.*]` of its own, and cargo applies the profile to every crate of the build.
//!
//! # Running
//!
//! ```text
//! cargo bench -p statrix-benches --bench matmul                    # everything, about four minutes
//! cargo bench -p statrix-benches --bench matmul -- matmul_f32_4x4  # one group (name substring)
//! cargo bench -p statrix-benches --bench faer                      # faer's rows of the same groups
//! python3 benches/table.py                                         # the README's table
//! ```
//!
//! Each group uses `sample_size` 30, `warm_up_time` 0.5 s and `measurement_time` 1 s: enough
//! to rank the libraries, not to resolve differences of a few percent. Criterion prints, per
//! benchmark `<group>/<library>`, a line `time: [low estimate high]` of time per call (the
//! estimate with a 95% confidence interval); compare the middle figures of one group's
//! lines. Medians and the full statistics are in
//! `target/criterion/<group>/<library>/new/estimates.json`, which `benches/table.py` reads.
//! A "change" line compares with the previous run on the same machine, not with the other
//! libraries.

use std::hint::black_box;
use std::ops::Mul;

use criterion::{
    BenchmarkGroup, Criterion, criterion_group, criterion_main, measurement::WallTime,
};
use glam::{DMat2, DMat3, DMat4, Mat2, Mat3, Mat4, Vec3, Vec4};
use nalgebra::{SMatrix, SVector};
use statrix::nn::{Layer, Linear};
use statrix::{Matrix, Vector};
use statrix_benches::{Elem, check_product, input, lift, na_from, nu_from, nu_rows, transpose_arr};

// ---------------------------------------------------------------------------------------
// Inputs and conversions
// ---------------------------------------------------------------------------------------

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

/// One `N x N` matrix-product group: statrix, nalgebra and numeris, plus glam when a glam
/// type is given.
macro_rules! matmul_group {
    ($c:expr, $name:literal, $t:ty, $n:literal $(, $glam:ty)?) => {{
        const N: usize = $n;
        let a_rows: [[$t; N]; N] = input(1);
        let b_rows: [[$t; N]; N] = input(2);

        let (sa, sb) = (Matrix::new(a_rows), Matrix::new(b_rows));
        let (na, nb) = (na_from(&a_rows), na_from(&b_rows));
        let (ua, ub) = (nu_from(&a_rows), nu_from(&b_rows));

        let (a64, b64) = (lift(&a_rows), lift(&b_rows));
        let want = lift(&(sa * sb).into_array());
        let eps = <$t as Elem>::EPS;
        let got = lift(&na_rows(&(na * nb)));
        check_product($name, "nalgebra", &a64, &b64, None, &want, &got, eps);
        let got = lift(&nu_rows(&(ua * ub)));
        check_product($name, "numeris", &a64, &b64, None, &want, &got, eps);
        $(
            let ga = <$glam>::from_cols_array_2d(&transpose_arr(&a_rows));
            let gb = <$glam>::from_cols_array_2d(&transpose_arr(&b_rows));
            let g_rows = transpose_arr(&(ga * gb).to_cols_array_2d());
            check_product($name, "glam", &a64, &b64, None, &want, &lift(&g_rows), eps);
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
        g.bench_function("numeris", |bch| {
            bch.iter(|| black_box(black_box(&ua) * black_box(&ub)))
        });
        g.finish();
    }};
}

fn matmul(c: &mut Criterion) {
    unrelated_code();
    matmul_group!(c, "matmul_f32_2x2", f32, 2, Mat2);
    matmul_group!(c, "matmul_f32_3x3", f32, 3, Mat3);
    matmul_group!(c, "matmul_f32_4x4", f32, 4, Mat4);
    matmul_group!(c, "matmul_f32_6x6", f32, 6);
    matmul_group!(c, "matmul_f32_8x8", f32, 8);
    matmul_group!(c, "matmul_f32_16x16", f32, 16);
    matmul_group!(c, "matmul_f32_32x32", f32, 32);
    matmul_group!(c, "matmul_f32_64x64", f32, 64);
    matmul_group!(c, "matmul_f64_2x2", f64, 2, DMat2);
    matmul_group!(c, "matmul_f64_3x3", f64, 3, DMat3);
    matmul_group!(c, "matmul_f64_4x4", f64, 4, DMat4);
    matmul_group!(c, "matmul_f64_6x6", f64, 6);
    matmul_group!(c, "matmul_f64_8x8", f64, 8);
    matmul_group!(c, "matmul_f64_16x16", f64, 16);
    matmul_group!(c, "matmul_f64_32x32", f64, 32);
    matmul_group!(c, "matmul_f64_64x64", f64, 64);
}

/// Unrelated code, compiled in only with `RUSTFLAGS="--cfg statrix_bench_unrelated"`
/// (`benches/two_builds.sh`): it changes the code and the stack frames around the timed
/// closures and nothing they compute, so that the 4x4 groups can be compared across two
/// builds that differ only in code that has nothing to do with them.
#[cfg(statrix_bench_unrelated)]
#[inline(always)]
fn unrelated_code() {
    let mut words: Vec<String> = (0..37u32)
        .map(|i| format!("{:x}", i * 2_654_435_761))
        .collect();
    words.sort();
    let mut scratch = [0u8; 200];
    for (k, w) in words.iter().enumerate() {
        scratch[k % 200] ^= w.len() as u8;
    }
    eprintln!(
        "unrelated code ran ({} bytes)",
        black_box(scratch)
            .iter()
            .map(|&b| b as usize)
            .sum::<usize>()
    );
}

#[cfg(not(statrix_bench_unrelated))]
#[inline(always)]
fn unrelated_code() {}

fn matvec(c: &mut Criterion) {
    unrelated_code();
    const NAME: &str = "matvec_f32_4x4";
    let a_rows: [[f32; 4]; 4] = input(3);
    let v_rows: [[f32; 1]; 4] = input(4);

    let (sa, sv) = (Matrix::new(a_rows), Matrix::new(v_rows));
    let (na, nv) = (na_from(&a_rows), na_from(&v_rows));
    let (ua, uv) = (nu_from(&a_rows), nu_from(&v_rows));
    let ga = Mat4::from_cols_array_2d(&transpose_arr(&a_rows));
    let gv = Vec4::from_array(v_rows.map(|[x]| x));

    let (a64, v64) = (lift(&a_rows), lift(&v_rows));
    let want = lift(&(sa * sv).into_array());
    let eps = <f32 as Elem>::EPS;
    let got = lift(&na_rows(&(na * nv)));
    check_product(NAME, "nalgebra", &a64, &v64, None, &want, &got, eps);
    let got = lift(&nu_rows(&(ua * uv)));
    check_product(NAME, "numeris", &a64, &v64, None, &want, &got, eps);
    let g_rows = (ga * gv).to_array().map(|x| [x]);
    check_product(NAME, "glam", &a64, &v64, None, &want, &lift(&g_rows), eps);

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
    g.bench_function("numeris", |b| {
        b.iter(|| black_box(black_box(&ua) * black_box(&uv)))
    });
    g.finish();
}

/// `linear_<T>_32x128x64`: the seed's layer `X @ W + b`, `X: 32 x 128`, `W: 128 x 64`,
/// `b: 64`. faer's row (`faer.rs`) uses the same inputs (seeds 10, 11 and 12) and check.
macro_rules! linear_group {
    ($c:expr, $name:literal, $t:ty) => {{
        const B: usize = 32;
        const IN: usize = 128;
        const OUT: usize = 64;
        let x_rows: [[$t; IN]; B] = input(10);
        let w_rows: [[$t; OUT]; IN] = input(11);
        let b_row: [[$t; OUT]; 1] = input(12);

        let sx = Matrix::new(x_rows);
        let layer = Linear::new(Matrix::new(w_rows), Matrix::new(b_row));
        let (nx, nw) = (na_from(&x_rows), na_from(&w_rows));
        let nb: [$t; OUT] = b_row[0];
        let (ux, uw) = (nu_from(&x_rows), nu_from(&w_rows));

        let na_forward = |x: &SMatrix<$t, B, IN>, w: &SMatrix<$t, IN, OUT>, b: &[$t; OUT]| {
            let mut y = x * w;
            for (mut col, &bj) in y.column_iter_mut().zip(b) {
                col.add_scalar_mut(bj);
            }
            y
        };
        let nu_forward =
            |x: &numeris::Matrix<$t, B, IN>, w: &numeris::Matrix<$t, IN, OUT>, b: &[$t; OUT]| {
                let mut y = x * w;
                for (j, &bj) in b.iter().enumerate() {
                    for i in 0..B {
                        y[(i, j)] += bj;
                    }
                }
                y
            };

        let (x64, w64, b64) = (lift(&x_rows), lift(&w_rows), lift(&b_row)[0]);
        let want = lift(&layer.forward(&sx).into_array());
        let eps = <$t as Elem>::EPS;
        let got = lift(&na_rows(&na_forward(&nx, &nw, &nb)));
        check_product($name, "nalgebra", &x64, &w64, Some(&b64), &want, &got, eps);
        let got = lift(&nu_rows(&nu_forward(&ux, &uw, &nb)));
        check_product($name, "numeris", &x64, &w64, Some(&b64), &want, &got, eps);

        let mut g = group($c, $name);
        g.bench_function("statrix", |b| {
            b.iter(|| black_box(black_box(&layer).forward(black_box(&sx))))
        });
        g.bench_function("nalgebra", |b| {
            b.iter(|| black_box(na_forward(black_box(&nx), black_box(&nw), black_box(&nb))))
        });
        g.bench_function("numeris", |b| {
            b.iter(|| black_box(nu_forward(black_box(&ux), black_box(&uw), black_box(&nb))))
        });
        g.finish();
    }};
}

fn linear(c: &mut Criterion) {
    linear_group!(c, "linear_f32_32x128x64", f32);
    linear_group!(c, "linear_f64_32x128x64", f64);
}

/// `softmax_f32_32x64`: softmax along each row of a `32 x 64` f32 matrix of logits in
/// `[-4, 4)`.
///
/// Check: `|got_ij - want_ij| <= (n + 20) * eps * want_ij` with `n = 64` (relative, per
/// element). In each library `x - max` (`|x - max| <= 8`) rounds by at most `8 * eps / 2`
/// absolute, which `exp` turns into a relative error of `4 eps`, and `exp` itself is within
/// one ulp (`eps`); the row sum of `n` positive terms adds `(n - 1) eps / 2` relative and the
/// division `eps / 2`: each result is within `(4 + 1) * 2 + n / 2` eps relative (the `exp`
/// error enters through the term and through the sum), and two are within twice that.
fn softmax(c: &mut Criterion) {
    const NAME: &str = "softmax_f32_32x64";
    const R: usize = 32;
    const C: usize = 64;
    let rows: [[f32; C]; R] = input::<f32, R, C>(13).map(|row| row.map(|x| 4.0 * x));

    let s = Matrix::new(rows);
    let n = na_from(&rows);
    let na_softmax = |m: &SMatrix<f32, R, C>| {
        let mut out = *m;
        for mut row in out.row_iter_mut() {
            let max = row.max();
            row.apply(|x| *x = (*x - max).exp());
            let sum = row.sum();
            row /= sum;
        }
        out
    };

    let want = lift(&s.softmax_axis1().into_array());
    let got = lift(&na_rows(&na_softmax(&n)));
    let tol = (C + 20) as f64 * f64::from(f32::EPSILON);
    for i in 0..R {
        for j in 0..C {
            let (w, g) = (want[i][j], got[i][j]);
            assert!(
                (g - w).abs() <= tol * w,
                "{NAME}: nalgebra gives {g} at ({i}, {j}), statrix {w} (bound {:e})",
                tol * w
            );
        }
    }

    let mut g = group(c, NAME);
    g.bench_function("statrix", |b| {
        b.iter(|| black_box(black_box(&s).softmax_axis1()))
    });
    g.bench_function("nalgebra", |b| {
        b.iter(|| black_box(na_softmax(black_box(&n))))
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

criterion_group!(
    benches, matmul, matvec, linear, softmax, transpose, dot, norm
);
criterion_main!(benches);
