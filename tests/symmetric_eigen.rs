//! The symmetric eigendecomposition (cyclic Jacobi, and the tridiagonal QL method) against
//! NumPy's `eigh` references
//! (`tests/fixtures/eigh.json`, written by `gen_eigh_svd.py`), mpmath references for graded
//! matrices, exact identities, and proptest properties.
//!
//! # Bounds
//!
//! `THRESH` is LAPACK's own pass threshold for its symmetric eigensolver tests
//! (`TESTING/sep.in`: 60), applied to the same ratios LAPACK's `xDRVST` computes, with
//! `n` the order and `eps` the element type's machine epsilon:
//!
//! - eigenvalues vs the reference (Weyl: a backward error `E` moves every eigenvalue by at
//!   most `|E|_2`): `|w_i - w_ref_i| <= THRESH * n * (eps + eps_f64) * |A|_2`, where the
//!   `eps_f64` term is the reference's own error (LAPACK in f64, same bound);
//! - residuals: `|A v_i - w_i v_i|_2 <= THRESH * n * eps * |A|_2`;
//! - orthogonality: `|V^T V - I|_1 <= THRESH * n * eps`;
//! - graded positive definite `A = D H D` (`H` with unit diagonal): Demmel and Veselić
//!   (*Jacobi's method is more accurate than QR*, 1992; two-sided Jacobi with the relative
//!   stopping criterion) bound every eigenvalue's *relative* error by a modest multiple of
//!   `n * eps * cond(H)`:
//!   `|w_i - w_ref_i| <= THRESH * n * eps * cond(H) * |w_ref_i|`, with `w_ref` from mpmath
//!   at 60 digits (NumPy's `eigh` misses the small eigenvalues of these by up to 1e-5
//!   relative). The tridiagonal QL method carries no such guarantee (it is NumPy's
//!   algorithm): on these matrices it is held to the absolute (Weyl) bound above.

mod support;

// eigh.json stores each matrix as a flat row-major list.
use proptest::prelude::*;
use serde_json::Value;
use statrix::{Error, Matrix, SymmetricEigenMethod, matrix};
use support::{Float, eps, matrix_from_flat as matrix_from, parse, parse_list, to_f64};

/// LAPACK's test threshold for the symmetric eigenproblem (`TESTING/sep.in`).
const THRESH: f64 = 60.0;

/// Every method, each held to the same identities.
const METHODS: [SymmetricEigenMethod; 2] = [
    SymmetricEigenMethod::Jacobi,
    SymmetricEigenMethod::TridiagonalQl,
];

/// The symmetric matrix `eigh(UPLO='L')` sees: the lower triangle mirrored.
fn symmetrize_lower<const N: usize>(a: &Matrix<f64, N, N>) -> Matrix<f64, N, N> {
    Matrix::from_fn(|i, j| if i >= j { a[(i, j)] } else { a[(j, i)] })
}

/// The identities every decomposition must satisfy, in f64 from the computed factors:
/// ascending order, residuals, orthogonality, the sign convention, and that
/// `symmetric_eigenvalues` gives the very same values. Returns the eigenvalues.
fn check_identities<T: Float, const N: usize>(
    name: &str,
    a: &Matrix<T, N, N>,
    norm2: f64,
    method: SymmetricEigenMethod,
) -> Vec<f64> {
    let name = &format!("{name} ({method:?})");
    let eig = a
        .symmetric_eigen_by(method)
        .unwrap_or_else(|e| panic!("{name}: symmetric_eigen failed: {e}"));
    let values = a
        .symmetric_eigenvalues_by(method)
        .unwrap_or_else(|e| panic!("{name}: symmetric_eigenvalues failed: {e}"));
    if method == SymmetricEigenMethod::Jacobi {
        assert_eq!(
            eig,
            a.symmetric_eigen().unwrap(),
            "{name}: the default method"
        );
    }
    // The same rotations, without the vector accumulation: identical bits.
    assert_eq!(
        values, eig.eigenvalues,
        "{name}: eigenvalues differ between the two methods"
    );
    let w: Vec<f64> = eig.eigenvalues.iter().map(|&x| x.into()).collect();
    assert!(
        w.windows(2).all(|p| p[0] <= p[1]),
        "{name}: not ascending: {w:?}"
    );

    let n = N as f64;
    let sym = symmetrize_lower(&to_f64(a));
    let v = to_f64(&eig.eigenvectors);
    for (i, &wi) in w.iter().enumerate() {
        let vi = v.col(i);
        let residual = (sym * vi - vi * wi).norm();
        let bound = THRESH * n * eps::<T>() * norm2;
        assert!(
            residual <= bound,
            "{name}: residual {i} = {residual:e} > {bound:e}"
        );
        // Sign convention: the largest-magnitude component is positive (first on ties).
        let mut best = 0;
        for k in 0..N {
            if vi[k].abs() > vi[best].abs() {
                best = k;
            }
        }
        assert!(
            vi[best] > 0.0,
            "{name}: eigenvector {i} has a negative largest component"
        );
    }
    let orth = (v.transpose() * v - Matrix::identity()).norm_induced_1();
    let bound = THRESH * n * eps::<T>();
    assert!(
        orth <= bound,
        "{name}: |V^T V - I|_1 = {orth:e} > {bound:e}"
    );
    w
}

fn check_case<T: Float, const N: usize>(case: &Value, method: SymmetricEigenMethod) {
    let name = &format!("{} ({method:?})", case["name"].as_str().expect("a name"));
    let a: Matrix<T, N, N> = matrix_from(&case["a"]);
    let norm2: f64 = parse(&case["norm2"]);
    let expected = parse_list(&case["eigenvalues"]);
    let w = check_identities(name, &a, norm2, method);
    let n = N as f64;
    let relative = case["relative"]
        .as_object()
        .filter(|_| method == SymmetricEigenMethod::Jacobi);
    match relative {
        None => {
            let bound = THRESH * n * (eps::<T>() + f64::EPSILON) * norm2;
            for (i, (&got, &want)) in w.iter().zip(&expected).enumerate() {
                let err = (got - want).abs();
                assert!(
                    err <= bound,
                    "{name}: eigenvalue {i}: {got:e} vs {want:e}, error {err:e} > {bound:e}"
                );
            }
        }
        Some(rel) => {
            let kappa: f64 = parse(&rel["kappa"]);
            for (i, (&got, &want)) in w.iter().zip(&expected).enumerate() {
                let bound = THRESH * n * eps::<T>() * kappa * want.abs();
                let err = (got - want).abs();
                assert!(
                    err <= bound,
                    "{name}: eigenvalue {i}: {got:e} vs {want:e}, relative error {:e} > {:e}",
                    err / want.abs(),
                    bound / want.abs()
                );
            }
        }
    }
}

macro_rules! dispatch {
    ($case:expr, $method:expr; $($n:literal),*) => {{
        let case = $case;
        let dtype = case["dtype"].as_str().expect("a dtype");
        let n = case["n"].as_u64().expect("n") as usize;
        match (dtype, n) {
            $(
                ("f64", $n) => check_case::<f64, $n>(case, $method),
                ("f32", $n) => check_case::<f32, $n>(case, $method),
            )*
            _ => panic!("unhandled case {}: {dtype} {n}x{n}", case["name"]),
        }
    }};
}

#[test]
fn matches_numpy_eigh_on_every_fixture() {
    let cases = support::fixture_cases("eigh.json");
    assert!(cases.len() > 200);
    let mut families = std::collections::BTreeSet::new();
    for case in &cases {
        families.insert(case["family"].as_str().expect("a family").to_owned());
        for method in METHODS {
            dispatch!(case, method; 1, 2, 3, 4, 6, 8, 16);
        }
    }
    println!("{} eigh cases, families: {families:?}", cases.len());
}

#[test]
fn seed_example_and_exact_cases() {
    // NumPy: np.linalg.eigh([[2, 1], [1, 2]]) -> [1, 3], vectors [1, -1]/sqrt2, [1, 1]/sqrt2.
    let eig = matrix![2.0f64, 1.0; 1.0, 2.0].symmetric_eigen().unwrap();
    let h = 0.5f64.sqrt();
    assert!((eig.eigenvalues[0] - 1.0).abs() <= 2.0 * f64::EPSILON);
    assert!((eig.eigenvalues[1] - 3.0).abs() <= 4.0 * f64::EPSILON);
    // Ties in magnitude: the first component is the positive one.
    let v = eig.eigenvectors;
    for (got, want) in v.iter().zip([h, h, -h, h]) {
        assert!((got - want).abs() <= 2.0 * f64::EPSILON, "{v:?}");
    }

    // A diagonal matrix needs no rotation: exact values, sorted, and a permutation matrix.
    let d = matrix![3.0, 0.0, 0.0; 0.0, -1.0, 0.0; 0.0, 0.0, 2.0];
    let eig = d.symmetric_eigen().unwrap();
    assert_eq!(eig.eigenvalues.to_array(), [-1.0, 2.0, 3.0]);
    assert_eq!(
        eig.eigenvectors,
        matrix![0.0, 0.0, 1.0; 1.0, 0.0, 0.0; 0.0, 1.0, 0.0]
    );

    // Equal eigenvalues keep their index order.
    let eig = Matrix::<f32, 4, 4>::identity().symmetric_eigen().unwrap();
    assert_eq!(eig.eigenvectors, Matrix::identity());

    // 1x1, negative.
    let eig = matrix![-2.5f32].symmetric_eigen().unwrap();
    assert_eq!(eig.eigenvalues.to_array(), [-2.5]);
    assert_eq!(eig.eigenvectors, matrix![1.0]);

    // Zero.
    let eig = Matrix::<f64, 3, 3>::zeros().symmetric_eigen().unwrap();
    assert_eq!(eig.eigenvalues.to_array(), [0.0; 3]);
    assert_eq!(eig.eigenvectors, Matrix::identity());
}

#[test]
fn every_method_on_exact_cases_and_bad_input() {
    for method in METHODS {
        // Diagonal: no reflection and no rotation, exact values and a permutation matrix.
        let d = matrix![3.0, 0.0, 0.0; 0.0, -1.0, 0.0; 0.0, 0.0, 2.0];
        let eig = d.symmetric_eigen_by(method).unwrap();
        assert_eq!(eig.eigenvalues.to_array(), [-1.0, 2.0, 3.0], "{method:?}");
        let p = matrix![0.0, 0.0, 1.0; 1.0, 0.0, 0.0; 0.0, 1.0, 0.0];
        assert_eq!(eig.eigenvectors, p, "{method:?}");
        // Identity, 1x1, zero.
        let eig = Matrix::<f32, 4, 4>::identity()
            .symmetric_eigen_by(method)
            .unwrap();
        assert_eq!(eig.eigenvectors, Matrix::identity(), "{method:?}");
        let eig = matrix![-2.5f32].symmetric_eigen_by(method).unwrap();
        assert_eq!(eig.eigenvalues.to_array(), [-2.5], "{method:?}");
        let zero = Matrix::<f64, 3, 3>::zeros()
            .symmetric_eigen_by(method)
            .unwrap();
        assert_eq!(zero.eigenvalues.to_array(), [0.0; 3], "{method:?}");
        // Only the lower triangle is read.
        let lower = matrix![4.0, f64::NAN, f64::INFINITY; 1.0, 3.0, -7.0; 0.5, 2.0, 1.0];
        let mirrored = Matrix::from_fn(|i, j| if i >= j { lower[(i, j)] } else { lower[(j, i)] });
        assert_eq!(
            lower.symmetric_eigen_by(method).unwrap(),
            mirrored.symmetric_eigen_by(method).unwrap(),
            "{method:?}"
        );
        // Non-finite input, and an eigenvalue beyond the range.
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let a = matrix![1.0, 0.0, 0.0; 0.0, 1.0, 0.0; 2.0, bad, 1.0];
            assert_eq!(
                a.symmetric_eigen_by(method),
                Err(Error::NonFinite),
                "{method:?}"
            );
            assert_eq!(a.symmetric_eigenvalues_by(method), Err(Error::NonFinite));
        }
        let big = Matrix::<f64, 2, 2>::full(f64::MAX);
        assert_eq!(
            big.symmetric_eigen_by(method),
            Err(Error::Overflow),
            "{method:?}"
        );
        // Subnormal entries: scaled up exactly first, so the same eigenvalues as the
        // matrix scaled by 2^-1074 in exact arithmetic (here exactly representable).
        let tiny = f64::from_bits(1);
        let t = matrix![2.0 * tiny, tiny; tiny, 2.0 * tiny];
        let w = t.symmetric_eigenvalues_by(method).unwrap();
        assert_eq!(w.to_array(), [tiny, 3.0 * tiny], "{method:?}");
    }
}

#[test]
fn reads_only_the_lower_triangle() {
    let lower = matrix![4.0, f64::NAN, f64::INFINITY; 1.0, 3.0, -7.0; 0.5, 2.0, 1.0];
    let mirrored = Matrix::from_fn(|i, j| if i >= j { lower[(i, j)] } else { lower[(j, i)] });
    assert_eq!(
        lower.symmetric_eigen().unwrap(),
        mirrored.symmetric_eigen().unwrap()
    );
}

#[test]
fn non_finite_input_is_an_error() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let a = matrix![1.0, 0.0; bad, 1.0];
        assert_eq!(a.symmetric_eigen(), Err(Error::NonFinite));
        assert_eq!(a.symmetric_eigenvalues(), Err(Error::NonFinite));
        let d = matrix![1.0f32, 0.0; 0.0, bad as f32];
        assert_eq!(d.symmetric_eigen(), Err(Error::NonFinite));
    }
}

#[test]
fn extreme_magnitudes() {
    // Eigenvalues 2 * MAX and 0: the larger overflows.
    let big = Matrix::<f64, 2, 2>::full(f64::MAX);
    assert_eq!(big.symmetric_eigen(), Err(Error::Overflow));
    // Largest finite magnitudes that fit: exact after the power-of-two scaling.
    let a = matrix![f64::MAX, 0.0; 0.0, -f64::MAX];
    assert_eq!(
        a.symmetric_eigenvalues().unwrap().to_array(),
        [-f64::MAX, f64::MAX]
    );
    // Subnormal entries: scaled up exactly, so the result is as accurate as for [[2, 1], [1, 2]].
    let tiny = f64::from_bits(1) * 1024.0; // 2^-1064
    let eig = matrix![2.0 * tiny, tiny; tiny, 2.0 * tiny]
        .symmetric_eigenvalues()
        .unwrap();
    assert_eq!(eig.to_array(), [tiny, 3.0 * tiny]);
}

/// A symmetric matrix of values in [-1, 1) times 10^k.
fn symmetric<const N: usize>() -> impl Strategy<Value = Matrix<f64, N, N>> {
    (prop::collection::vec(-1.0f64..1.0, N * N), -30i32..30).prop_map(|(v, k)| {
        let scale = 10f64.powi(k);
        Matrix::from_fn(|i, j| v[i.max(j) * N + i.min(j)] * scale)
    })
}

macro_rules! eigen_properties {
    ($($name:ident: $n:literal;)*) => {$(
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(32))]
            #[test]
            fn $name(a in symmetric::<$n>()) {
                // |A|_2 <= |A|_F bounds the residual test from above.
                for method in METHODS {
                    let w = check_identities(stringify!($name), &a, a.norm(), method);
                    // And the f32 version of the same matrix.
                    let a32 = a.map(|x| x as f32);
                    check_identities(stringify!($name), &a32, a32.map(f64::from).norm(), method);
                    // Trace and Frobenius norm are similarity invariants (sum w = tr A, sum
                    // w^2 = |A|_F^2), to the Weyl bound summed over n eigenvalues.
                    let n = $n as f64;
                    let trace: f64 = (0..$n).map(|i| a[(i, i)]).sum();
                    let bound = n * THRESH * n * f64::EPSILON * a.norm();
                    prop_assert!((w.iter().sum::<f64>() - trace).abs() <= bound);
                }
            }
        }
    )*};
}

eigen_properties! {
    random_2x2: 2;
    random_3x3: 3;
    random_4x4: 4;
    random_5x5: 5;
    random_7x7: 7;
    random_12x12: 12;
}
