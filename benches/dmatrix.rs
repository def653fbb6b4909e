//! statrix's dynamic matrices against nalgebra's on the products of the seed's PCA: the
//! projection `(1000 x 1536) @ (1536 x 128)` in `f64` and `f32`, and the Gram matrix `XᵀX`
//! of `X` 1000 x 1536 (`f64`). faer's rows of the same groups are in `faer.rs` (a process
//! of its own, see there), NumPy's come from `benches/numpy_dmatrix.py`.
//!
//! | group | statrix | nalgebra |
//! | --- | --- | --- |
//! | `dmatrix_matmul_{f64,f32}_1000x1536x128` | `DMatrix::matmul` | `DMatrix` `*` (column-major, the `matrixmultiply` crate) |
//! | `dmatrix_gram_f64_1000x1536` | `DMatrix::gram` (one triangle, mirrored) | `x.tr_mul(&x)` |
//! | `pca_f64_1000x1536x128` | `Pca::fit_with` + `transform`, by solver | - (its thin SVD alone takes seconds) |
//!
//! The inputs are `statrix_benches::dynamic_input` (the Python script builds the same
//! arrays). Before a group is timed, nalgebra's result is checked against statrix's with
//! `check_dynamic_product`'s bound. Every timed call allocates its result, in both
//! libraries. statrix's rows run in a one-thread rayon pool, and the `_2_threads` rows in a
//! two-thread one (the bench crate enables statrix's `rayon` feature).
//!
//! ```text
//! cargo bench -p statrix-benches --bench dmatrix
//! ```

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use statrix::random::default_rng;
use statrix::{DMatrix, Pca, PcaSolver};
use statrix_benches::{Elem, check_dynamic_product, dynamic_input};

const M: usize = 1000;
const K: usize = 1536;
const N: usize = 128;

fn statrix_from<T: Elem + statrix::Scalar>(x: &[f64], rows: usize, cols: usize) -> DMatrix<T> {
    DMatrix::from_vec(rows, cols, x.iter().map(|&v| T::from_f64(v)).collect()).unwrap()
}

fn nalgebra_from<T: Elem + nalgebra::Scalar>(
    x: &[f64],
    rows: usize,
    cols: usize,
) -> nalgebra::DMatrix<T> {
    nalgebra::DMatrix::from_fn(rows, cols, |i, j| T::from_f64(x[i * cols + j]))
}

fn nalgebra_rows<T: Elem + nalgebra::Scalar>(x: &nalgebra::DMatrix<T>) -> Vec<f64> {
    let (rows, cols) = x.shape();
    (0..rows * cols)
        .map(|idx| x[(idx / cols, idx % cols)].into())
        .collect()
}

fn statrix_rows<T: Elem + statrix::Scalar>(x: &DMatrix<T>) -> Vec<f64> {
    x.as_slice().iter().map(|&v| v.into()).collect()
}

macro_rules! matmul_group {
    ($c:expr, $name:literal, $t:ty) => {{
        let (a, b) = (dynamic_input(M, K, 1), dynamic_input(K, N, 2));
        let (sa, sb) = (statrix_from::<$t>(&a, M, K), statrix_from::<$t>(&b, K, N));
        let (na, nb) = (nalgebra_from::<$t>(&a, M, K), nalgebra_from::<$t>(&b, K, N));
        // The operands as rounded to `$t`, for the bound.
        let (a, b) = (statrix_rows(&sa), statrix_rows(&sb));
        let want = statrix_rows(&sa.matmul(&sb));
        let got = nalgebra_rows(&(&na * &nb));
        check_dynamic_product($name, "nalgebra", (M, K, N), &a, &b, &want, &got, <$t>::EPS);
        let mut g = statrix_benches::group($c, $name, 20, 1000, 4000);
        let (one, two) = pools();
        g.bench_function("statrix", |bench| {
            bench.iter(|| one.install(|| black_box(black_box(&sa).matmul(black_box(&sb)))))
        });
        g.bench_function("statrix_2_threads", |bench| {
            bench.iter(|| two.install(|| black_box(black_box(&sa).matmul(black_box(&sb)))))
        });
        g.bench_function("nalgebra", |bench| {
            bench.iter(|| black_box(black_box(&na) * black_box(&nb)))
        });
        g.finish();
    }};
}

/// rayon pools of one and two threads: statrix's dynamic products (feature `rayon`) use the
/// pool they run in, so each row states its thread count.
fn pools() -> (rayon::ThreadPool, rayon::ThreadPool) {
    let pool = |n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    };
    (pool(1), pool(2))
}

fn products(c: &mut Criterion) {
    matmul_group!(c, "dmatrix_matmul_f64_1000x1536x128", f64);
    matmul_group!(c, "dmatrix_matmul_f32_1000x1536x128", f32);

    let name = "dmatrix_gram_f64_1000x1536";
    let x = dynamic_input(M, K, 1);
    let (sx, nx) = (
        statrix_from::<f64>(&x, M, K),
        nalgebra_from::<f64>(&x, M, K),
    );
    let xt: Vec<f64> = (0..K * M).map(|idx| x[(idx % M) * K + idx / M]).collect();
    let want = statrix_rows(&sx.gram());
    let got = nalgebra_rows(&nx.tr_mul(&nx));
    check_dynamic_product(
        name,
        "nalgebra",
        (K, M, K),
        &xt,
        &x,
        &want,
        &got,
        f64::EPSILON,
    );
    let mut g = statrix_benches::group(c, name, 10, 1000, 5000);
    let (one, two) = pools();
    g.bench_function("statrix", |bench| {
        bench.iter(|| one.install(|| black_box(black_box(&sx).gram())))
    });
    g.bench_function("statrix_2_threads", |bench| {
        bench.iter(|| two.install(|| black_box(black_box(&sx).gram())))
    });
    g.bench_function("nalgebra", |bench| {
        bench.iter(|| black_box(black_box(&nx).tr_mul(black_box(&nx))))
    });
    g.finish();
}

/// The seed's PCA: `np.random.default_rng(42).standard_normal((1000, 1536))` to 128
/// components, fitted and projected, by each solver. Before timing, each solver's result is
/// checked: the explained variances of the exact and Gram solvers agree to `1e-10` relative
/// (both are within `p eps s_1^2 / s_j` of the exact ones, `tests/pca.rs`), and the randomized
/// solver's are at most the exact ones (`QᵀXc` has smaller singular values than `Xc`).
fn pca(c: &mut Criterion) {
    let name = "pca_f64_1000x1536x128";
    let x = DMatrix::<f64>::random_standard_normal(M, K, &mut default_rng(42));
    let randomized = PcaSolver::Randomized {
        oversamples: 10,
        power_iterations: 4,
        seed: 0,
    };
    let exact = Pca::fit_with(&x, N, PcaSolver::Exact).unwrap();
    let gram = Pca::fit_with(&x, N, PcaSolver::Gram).unwrap();
    let fast = Pca::fit_with(&x, N, randomized).unwrap();
    for j in 0..N {
        let want = exact.explained_variance()[j];
        assert!((gram.explained_variance()[j] - want).abs() <= 1e-10 * want);
        assert!(fast.explained_variance()[j] <= want * (1.0 + 1e-10));
    }
    let mut g = statrix_benches::group(c, name, 10, 1000, 10_000);
    let (one, two) = pools();
    for (label, solver, pool) in [
        ("statrix_exact", PcaSolver::Exact, &one),
        ("statrix_gram", PcaSolver::Gram, &one),
        ("statrix_randomized", randomized, &one),
        ("statrix_gram_2_threads", PcaSolver::Gram, &two),
        ("statrix_randomized_2_threads", randomized, &two),
    ] {
        g.bench_function(label, |bench| {
            bench.iter(|| {
                pool.install(|| {
                    let pca = Pca::fit_with(black_box(&x), N, solver).unwrap();
                    black_box(pca.transform(&x).unwrap())
                })
            })
        });
    }
    g.finish();
}

criterion_group!(benches, products, pca);
criterion_main!(benches);
