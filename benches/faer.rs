//! faer's rows of the `matmul` groups: the product from 16x16 up and the seed's linear layer,
//! timed in a process of their own.
//!
//! | group | faer |
//! | --- | --- |
//! | `matmul_{f32,f64}_{16x16,32x32,64x64}` | `linalg::matmul::matmul` into a preallocated `Mat`, `Accum::Replace`, `Par::Seq` |
//! | `linear_{f32,f64}_32x128x64` | the bias written into each column of a preallocated `Mat`, then `matmul` with `Accum::Add`, `Par::Seq` |
//!
//! faer's matrices are dynamic (`Mat<T>`, heap-allocated, column-major); the output is
//! allocated once outside the timed closure, so its rows time the product alone (a fresh
//! `Mat` per call would add an allocation that statrix's stack-allocated result does not
//! pay). `Par::Seq` keeps faer on one thread, as the others. The groups have the names of
//! `matmul.rs`'s groups and the benchmark `faer`, so criterion stores the results next to
//! the other libraries' (`target/criterion/<group>/faer/`) and `benches/table.py` reads them
//! into the same rows. The inputs are the ones of `matmul.rs`, and before a group is timed
//! faer's result is checked against statrix's with the same bound
//! (`statrix_benches::check_product`).
//!
//! # Why a target of its own
//!
//! faer's kernels are AVX/AVX-512 code selected at run time, and they leave the upper halves
//! of the vector registers dirty. Legacy-SSE code run afterwards in the same process, which
//! is what the other libraries compile to on the default target, then pays a penalty on
//! every instruction. Here faer is the only library timed; statrix's
//! products are computed once, for the checks, before anything of faer runs. The other
//! libraries are timed by `matmul.rs`, whose binary does not link faer.
//!
//! # Profile
//!
//! As `matmul.rs`: cargo's `bench` profile of this workspace, inheriting `release`
//! (`opt-level = 3`, 16 codegen units, thin-local LTO, no `target-cpu`), for every crate.
//! faer built this way still selects its AVX2/AVX-512 kernels at run time.
//!
//! ```text
//! cargo bench -p statrix-benches --bench faer
//! cargo bench -p statrix-benches --bench faer -- matmul_f64_64x64
//! ```

use std::hint::black_box;

use criterion::{
    BenchmarkGroup, Criterion, criterion_group, criterion_main, measurement::WallTime,
};
use faer::linalg::matmul::matmul;
use faer::{Accum, Mat, Par};
use statrix::Matrix;
use statrix::nn::{Layer, Linear};
use statrix_benches::{Elem, check_dynamic_product, check_product, dynamic_input, input, lift};

/// A faer matrix holding the same logical elements as the row-major array.
fn faer_from<T: Elem, const R: usize, const C: usize>(a: &[[T; C]; R]) -> Mat<T> {
    Mat::from_fn(R, C, |i, j| a[i][j])
}

/// A faer matrix read back as a row-major `f64` array (its shape must be `R x C`).
fn faer_rows<T: Elem, const R: usize, const C: usize>(m: &Mat<T>) -> [[f64; C]; R] {
    assert_eq!((m.nrows(), m.ncols()), (R, C));
    core::array::from_fn(|i| core::array::from_fn(|j| m[(i, j)].into()))
}

/// A group with the settings of `matmul.rs` (about 1.5 s per function).
fn group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    statrix_benches::group(c, name, 30, 500, 1000)
}

/// faer's row of one `N x N` product group of `matmul.rs`.
macro_rules! matmul_group {
    ($c:expr, $name:literal, $t:ty, $n:literal) => {{
        const N: usize = $n;
        let a_rows: [[$t; N]; N] = input(1);
        let b_rows: [[$t; N]; N] = input(2);
        let want = lift(&(Matrix::new(a_rows) * Matrix::new(b_rows)).into_array());

        let (fa, fb) = (faer_from(&a_rows), faer_from(&b_rows));
        let mut out = Mat::<$t>::zeros(N, N);
        let one: $t = 1.0;
        matmul(&mut out, Accum::Replace, &fa, &fb, one, Par::Seq);
        let (a64, b64) = (lift(&a_rows), lift(&b_rows));
        let got = faer_rows::<$t, N, N>(&out);
        check_product(
            $name,
            "faer",
            &a64,
            &b64,
            None,
            &want,
            &got,
            <$t as Elem>::EPS,
        );

        let mut g = group($c, $name);
        g.bench_function("faer", |bch| {
            bch.iter(|| {
                matmul(
                    black_box(&mut out),
                    Accum::Replace,
                    black_box(&fa),
                    black_box(&fb),
                    one,
                    Par::Seq,
                );
            })
        });
        g.finish();
    }};
}

fn matmul_groups(c: &mut Criterion) {
    matmul_group!(c, "matmul_f32_16x16", f32, 16);
    matmul_group!(c, "matmul_f32_32x32", f32, 32);
    matmul_group!(c, "matmul_f32_64x64", f32, 64);
    matmul_group!(c, "matmul_f64_16x16", f64, 16);
    matmul_group!(c, "matmul_f64_32x32", f64, 32);
    matmul_group!(c, "matmul_f64_64x64", f64, 64);
}

/// faer's row of `linear_<T>_32x128x64`: `X @ W + b` into a preallocated output.
macro_rules! linear_group {
    ($c:expr, $name:literal, $t:ty) => {{
        const B: usize = 32;
        const IN: usize = 128;
        const OUT: usize = 64;
        let x_rows: [[$t; IN]; B] = input(10);
        let w_rows: [[$t; OUT]; IN] = input(11);
        let b_row: [[$t; OUT]; 1] = input(12);
        let layer = Linear::new(Matrix::new(w_rows), Matrix::new(b_row));
        let want = lift(&layer.forward(&Matrix::new(x_rows)).into_array());

        let (fx, fw) = (faer_from(&x_rows), faer_from(&w_rows));
        let bias: [$t; OUT] = b_row[0];
        let mut out = Mat::<$t>::zeros(B, OUT);
        let one: $t = 1.0;
        let forward = |out: &mut Mat<$t>, x: &Mat<$t>, w: &Mat<$t>, b: &[$t; OUT]| {
            for (j, &bj) in b.iter().enumerate() {
                out.col_mut(j).fill(bj);
            }
            matmul(out, Accum::Add, x, w, one, Par::Seq);
        };
        forward(&mut out, &fx, &fw, &bias);
        let (x64, w64, b64) = (lift(&x_rows), lift(&w_rows), lift(&b_row)[0]);
        let got = faer_rows::<$t, B, OUT>(&out);
        let eps = <$t as Elem>::EPS;
        check_product($name, "faer", &x64, &w64, Some(&b64), &want, &got, eps);

        let mut g = group($c, $name);
        g.bench_function("faer", |bch| {
            bch.iter(|| {
                forward(
                    black_box(&mut out),
                    black_box(&fx),
                    black_box(&fw),
                    black_box(&bias),
                );
            })
        });
        g.finish();
    }};
}

fn linear(c: &mut Criterion) {
    linear_group!(c, "linear_f32_32x128x64", f32);
    linear_group!(c, "linear_f64_32x128x64", f64);
}

/// faer's rows of `dmatrix.rs`'s groups: the seed's projection and the Gram matrix, into a
/// preallocated output (faer's `Accum::Replace`; its Gram row is the full product `xᵀ x`
/// through `matmul`, faer having no `syrk` in its public product API).
macro_rules! dynamic_group {
    ($c:expr, $name:literal, $t:ty, ($m:expr, $k:expr, $n:expr), $gram:expr) => {{
        let (m, k, n): (usize, usize, usize) = ($m, $k, $n);
        let gram: bool = $gram;
        // `a` is `m x k`; for the Gram row, `a` is `xᵀ` read from `x` (`k x m`, rows of data).
        let (a, b) = if gram {
            let x = dynamic_input(k, m, 1);
            let xt: Vec<f64> = (0..m * k).map(|idx| x[(idx % k) * m + idx / k]).collect();
            (xt, x)
        } else {
            (dynamic_input(m, k, 1), dynamic_input(k, n, 2))
        };
        let round = |v: &[f64]| -> Vec<f64> { v.iter().map(|&x| (x as $t).into()).collect() };
        let (a, b) = (round(&a), round(&b));
        let (sa, sb) = (
            statrix::DMatrix::from_fn(m, k, |i, j| a[i * k + j] as $t),
            statrix::DMatrix::from_fn(k, n, |i, j| b[i * n + j] as $t),
        );
        let want: Vec<f64> = sa
            .matmul(&sb)
            .as_slice()
            .iter()
            .map(|&v| v.into())
            .collect();
        let fa = Mat::<$t>::from_fn(m, k, |i, j| a[i * k + j] as $t);
        let fb = Mat::<$t>::from_fn(k, n, |i, j| b[i * n + j] as $t);
        let mut out = Mat::<$t>::zeros(m, n);
        let one: $t = 1.0;
        matmul(&mut out, Accum::Replace, &fa, &fb, one, Par::Seq);
        let got: Vec<f64> = (0..m * n)
            .map(|idx| out[(idx / n, idx % n)].into())
            .collect();
        check_dynamic_product(
            $name,
            "faer",
            (m, k, n),
            &a,
            &b,
            &want,
            &got,
            <$t as Elem>::EPS,
        );
        let mut g = statrix_benches::group($c, $name, 10, 1000, 4000);
        g.bench_function("faer", |bch| {
            bch.iter(|| {
                matmul(
                    black_box(&mut out),
                    Accum::Replace,
                    black_box(&fa),
                    black_box(&fb),
                    one,
                    Par::Seq,
                );
            })
        });
        g.finish();
    }};
}

fn dynamic(c: &mut Criterion) {
    dynamic_group!(
        c,
        "dmatrix_matmul_f64_1000x1536x128",
        f64,
        (1000, 1536, 128),
        false
    );
    dynamic_group!(
        c,
        "dmatrix_matmul_f32_1000x1536x128",
        f32,
        (1000, 1536, 128),
        false
    );
    dynamic_group!(
        c,
        "dmatrix_gram_f64_1000x1536",
        f64,
        (1536, 1000, 1536),
        true
    );
}

/// faer's row of `pca_f64_1000x1536x128`: the seed's `pca()` (centre the columns, thin SVD,
/// project onto the first 128 right singular vectors) on the same data, checked against
/// statrix's exact PCA (singular values within `2 p eps s_1`, `tests/pca.rs`).
fn pca(c: &mut Criterion) {
    use statrix::random::default_rng;
    let (m, n, k) = (1000, 1536, 128);
    let x = statrix::DMatrix::<f64>::random_standard_normal(m, n, &mut default_rng(42));
    let want = statrix::Pca::fit_with(&x, k, statrix::PcaSolver::Exact).unwrap();
    let data = Mat::<f64>::from_fn(m, n, |i, j| x[(i, j)]);
    let fit = |data: &Mat<f64>| -> (Vec<f64>, Mat<f64>) {
        let mut xc = data.clone();
        for j in 0..n {
            let mean = (0..m).map(|i| xc[(i, j)]).sum::<f64>() / m as f64;
            for i in 0..m {
                xc[(i, j)] -= mean;
            }
        }
        let svd = xc.thin_svd().expect("faer's SVD converges");
        let s: Vec<f64> = (0..k).map(|j| svd.S()[j]).collect();
        let projected = &xc * svd.V().subcols(0, k);
        (s, projected)
    };
    let (s, projected) = fit(&data);
    assert_eq!((projected.nrows(), projected.ncols()), (m, k));
    let bound = 2.0 * n as f64 * f64::EPSILON * want.singular_values()[0];
    for (got, expected) in s.iter().zip(want.singular_values()) {
        assert!(
            (got - expected).abs() <= bound,
            "faer's S: {got} vs {expected}"
        );
    }
    let mut g = statrix_benches::group(c, "pca_f64_1000x1536x128", 10, 1000, 10_000);
    g.bench_function("faer", |bch| bch.iter(|| black_box(fit(black_box(&data)))));
    g.finish();
}

criterion_group!(benches, matmul_groups, linear, dynamic, pca);
criterion_main!(benches);
