//! The general eigenproblem (`Matrix::eigen`, `eigenvalues`, `schur`, `hessenberg`,
//! `balance`) against exact eigenvalues and NumPy/SciPy (`tests/fixtures/qr_eig.json`,
//! written by `gen_qr_eig.py`): random Gaussian (real and complex spectra), symmetric
//! (compared with `eigh`), skew-symmetric, orthogonal and rotation matrices (complex
//! pairs), Jordan blocks (defective) plain and hidden by an integer similarity, repeated
//! eigenvalues (normal and non-normal), clustered eigenvalues, companion matrices (random,
//! and roots 1..n), upper and lower triangular, diagonal, zero, identity, entries scaled by
//! 1e+150 / 1e-150 (1e+30 / 1e-30 in f32) and badly scaled `D A D^-1` (balancing); sizes
//! 1, 2, 3, 4, 6, 8, 16; f32 and f64.
//!
//! # Bounds
//!
//! `eps` is the element type's epsilon, `n` the size, `C_EIG = 20` (LAPACK's test-suite
//! threshold for `||A V - V W|| / (n ||A|| ulp)`, `TESTING/nep.in`), `B = T^-1 A T` the
//! balanced matrix the algorithm works on (`T = P D` exact, powers of two), and
//! `eta = C_EIG * n * eps * ||B||_F` the backward error of the Schur form: the computed `T`
//! is exactly orthogonally similar to `B + E` with `||E|| <= eta` (Golub and Van Loan,
//! *Matrix Computations*, 4th ed., §7.5.6: `||E||_2 ~ u ||A||_2`; the `n` and `C_EIG` cover
//! the accumulation over the iterations).
//!
//! - Eigenvalues of a diagonalizable matrix: `|λ_hat - λ| <= eta * cond(λ)`, the
//!   first-order bound with `cond(λ) = 1 / |y^H x|` of `B` (`y`, `x` unit left and right
//!   eigenvectors; Golub and Van Loan §7.2.2). The fixture checks that `eta * cond` is below
//!   a tenth of every gap, so that the first-order term dominates. For a normal matrix
//!   `cond = 1` and for `S diag S^-1` the fixture gives `kappa(S)`: both are then rigorous
//!   (Bauer–Fike).
//! - Eigenvalues of a defective matrix `A = S J S^-1` with Jordan blocks of size at most
//!   `m`: every eigenvalue of `J + F` is within `max((m ||F||)^(1/m), m ||F||)` of one of
//!   `J`'s (from the resolvent of a Jordan block, `||(δ - N)^-1|| <= sum_k |δ|^-k`), and
//!   `||F|| <= kappa(S_B) * eta` with `S_B = T^-1 S`. So a `k x k` Jordan block is found only
//!   to about `eps^(1/k)`, as with NumPy.
//! - Residuals: `||A v - λ v|| <= C_EIG * n * eps * kappa(D) * ||B||_F` for each unit `v`
//!   (backward stability of the Schur form and of the back substitution in `B`'s
//!   coordinates, then `v = D v_B / ||D v_B||` stretches the residual by at most
//!   `kappa(D) = max d / min d`). No condition number is involved.
//! - Normalisation: `| ||v|| - 1 | <= (n + 8) eps` (the sum of squares, a square root, one
//!   scaling and one complex rotation per component), and the component of largest modulus
//!   is real and positive.
//! - Symmetric matrices: the eigenvector of an eigenvalue with gap `g` to the rest of the
//!   spectrum is within angle `sin θ <= ρ / (g - tol)` of the exact one (the gap theorem:
//!   for Hermitian `A` and any scalar `μ`, `sin θ <= ||A v - μ v|| / min_{j≠i} |λ_j - μ|`),
//!   with `ρ` the residual bound and `tol` the eigenvalue bound; the same with f64's `eps`
//!   for SciPy's `eigh` vector, and the two angles add.
//! - One Jordan block (`m = n`): with `x = S^-1 v`, `N x = (μ - λ) x + S^-1 r`, so
//!   `sin∠(v, S e_1) <= kappa(S) (|μ - λ| + kappa(S) ρ)`: all computed eigenvectors are
//!   within twice that of each other (nearly parallel).
//! - Schur and Hessenberg forms: `||Z T Z^T - A||_F <= eta_A` and `||Z^T Z - I||_F <=
//!   C_EIG * n * eps`, with `eta_A` as `eta` for `A` itself (no scaling).
//!
//! Residuals are evaluated with compensated (twice the working precision) dot products in
//! f64, so that the check adds no rounding of its own.

mod support;

// qr_eig.json stores each matrix as a list of rows.
use proptest::prelude::*;
use serde_json::Value;
use statrix::{Complex, Error, Matrix, matrix};
use support::{
    Float, dot2, eps, indices, mat, matrix_from_rows as matrix_from, parse, parse_list, to_f64,
    wild,
};

/// LAPACK's test-suite threshold (`TESTING/nep.in`), the constant of every bound here.
const C_EIG: f64 = 20.0;

fn parse_complex(v: &Value) -> Vec<Complex<f64>> {
    v.as_array()
        .expect("a list")
        .iter()
        .map(|z| {
            let z = z.as_array().expect("[re, im]");
            Complex::new(parse(&z[0]), parse(&z[1]))
        })
        .collect()
}

fn c64<T: Float>(z: Complex<T>) -> Complex<f64> {
    Complex::new(z.re.into(), z.im.into())
}

/// `||A B C - D||_F` (for `Z T Z^T - A`), each element by [`dot2`] over the triple products.
fn triple_product_error<const N: usize>(
    a: &Matrix<f64, N, N>,
    b: &Matrix<f64, N, N>,
    c: &Matrix<f64, N, N>,
    d: &Matrix<f64, N, N>,
) -> f64 {
    Matrix::<f64, N, N>::from_fn(|i, j| {
        // Each a_ik b_kl split error-free into p + pe, then (p + pe) c_lj summed by dot2.
        let terms = (0..N)
            .flat_map(|k| (0..N).map(move |l| (k, l)))
            .flat_map(|(k, l)| {
                let p = a[(i, k)] * b[(k, l)];
                let pe = a[(i, k)].mul_add(b[(k, l)], -p);
                [(p, c[(l, j)]), (pe, c[(l, j)])]
            });
        dot2(terms.chain(std::iter::once((-1.0, d[(i, j)]))), 0.0)
    })
    .norm()
}

/// `||Q^T Q - I||_F` by [`dot2`].
fn orthogonality_error<const N: usize>(q: &Matrix<f64, N, N>) -> f64 {
    Matrix::<f64, N, N>::from_fn(|i, j| {
        let delta = if i == j { 1.0 } else { 0.0 };
        dot2(
            (0..N)
                .map(|k| (q[(k, i)], q[(k, j)]))
                .chain(std::iter::once((-1.0, delta))),
            0.0,
        )
    })
    .norm()
}

/// `||A v - λ v||` for a complex `v`, by [`dot2`].
fn residual<const N: usize>(
    a: &Matrix<f64, N, N>,
    v: &[Complex<f64>],
    lambda: Complex<f64>,
) -> f64 {
    let mut sum = 0.0;
    for i in 0..N {
        let re = dot2(
            (0..N)
                .map(|k| (a[(i, k)], v[k].re))
                .chain([(-lambda.re, v[i].re), (lambda.im, v[i].im)]),
            0.0,
        );
        let im = dot2(
            (0..N)
                .map(|k| (a[(i, k)], v[k].im))
                .chain([(-lambda.re, v[i].im), (-lambda.im, v[i].re)]),
            0.0,
        );
        sum += re * re + im * im;
    }
    sum.sqrt()
}

fn column<T: Float, const N: usize>(v: &Matrix<Complex<T>, N, N>, j: usize) -> Vec<Complex<f64>> {
    (0..N).map(|i| c64(v[(i, j)])).collect()
}

fn vec_norm(v: &[Complex<f64>]) -> f64 {
    v.iter().map(|z| z.norm_sqr()).sum::<f64>().sqrt()
}

/// `sin` of the angle between unit vectors, as `||v - u (u^H v)||` (accurate for small
/// angles, unlike `sqrt(1 - cos^2)`).
fn sin_angle(u: &[Complex<f64>], v: &[Complex<f64>]) -> f64 {
    let c = u
        .iter()
        .zip(v)
        .fold(Complex::new(0.0, 0.0), |s, (a, b)| s + a.conj() * b);
    u.iter()
        .zip(v)
        .map(|(a, b)| (b - a * c).norm_sqr())
        .sum::<f64>()
        .sqrt()
}

/// The largest ratio of an error to its bound, per kind of check.
#[derive(Debug, Default)]
struct Worst {
    eigenvalues: f64,
    residuals: f64,
    schur: f64,
    hessenberg: f64,
    numpy_order_checked: usize,
}

/// The residual, normalisation and pairing checks every result meets (fixture or
/// proptest); `residual_bound` is for unit vectors. Returns the largest residual ratio.
fn check_vectors<T: Float, const N: usize>(
    name: &str,
    a: &Matrix<T, N, N>,
    e: &statrix::Eigen<T, N>,
    residual_bound: f64,
) -> f64 {
    let a64 = to_f64(a);
    let mut worst = 0.0f64;
    let mut j = 0;
    while j < N {
        let lambda = c64(e.eigenvalues[j]);
        let v = column(&e.eigenvectors, j);
        assert!(
            lambda.re.is_finite() && lambda.im.is_finite(),
            "{name}: λ_{j} = {lambda}"
        );
        let norm = vec_norm(&v);
        let norm_bound = (N as f64 + 8.0) * eps::<T>();
        assert!(
            (norm - 1.0).abs() <= norm_bound,
            "{name}: ||v_{j}|| = {norm}"
        );
        // A component as large as the largest (to rounding) is real and positive.
        let largest = v.iter().map(|z| z.norm()).fold(0.0, f64::max);
        let real_positive_largest = (0..N).any(|k| {
            e.eigenvectors[(k, j)].im == T::zero()
                && e.eigenvectors[(k, j)].re > T::zero()
                && v[k].norm() >= largest * (1.0 - 8.0 * eps::<T>())
        });
        assert!(
            real_positive_largest,
            "{name}: v_{j} = {v:?}: no largest component is real positive"
        );
        let r = residual(&a64, &v, lambda);
        assert!(
            r <= residual_bound,
            "{name}: ||A v - λ v|| = {r:e} > {residual_bound:e} for λ_{j} = {lambda}"
        );
        if residual_bound > 0.0 {
            worst = worst.max(r / residual_bound);
        }
        if e.eigenvalues[j].im != T::zero() {
            // A conjugate pair: positive imaginary part first, exact conjugates.
            assert!(
                e.eigenvalues[j].im > T::zero(),
                "{name}: pair at {j} starts negative"
            );
            assert!(j + 1 < N, "{name}: unpaired complex eigenvalue");
            assert_eq!(
                e.eigenvalues[j + 1],
                e.eigenvalues[j].conj(),
                "{name}: pair at {j}"
            );
            for k in 0..N {
                assert_eq!(
                    e.eigenvectors[(k, j + 1)],
                    e.eigenvectors[(k, j)].conj(),
                    "{name}: pair vectors at {j}"
                );
            }
            j += 2;
        } else {
            j += 1;
        }
    }
    worst
}

/// Each reference eigenvalue has a computed one within its bound, and each computed one is
/// within the bound of some reference one. Returns the largest ratio.
fn check_eigenvalues(name: &str, got: &[Complex<f64>], want: &[Complex<f64>], tol: &[f64]) -> f64 {
    let mut worst = 0.0f64;
    for (z, t) in want.iter().zip(tol) {
        let err = got
            .iter()
            .map(|g| (g - z).norm())
            .fold(f64::INFINITY, f64::min);
        assert!(
            err <= *t,
            "{name}: reference {z}: nearest computed is {err:e} away > {t:e}; got {got:?}"
        );
        if *t > 0.0 {
            worst = worst.max(err / t);
        }
    }
    for g in got {
        let ok = want.iter().zip(tol).any(|(z, t)| (g - z).norm() <= *t);
        assert!(
            ok,
            "{name}: computed {g} is near no reference eigenvalue {want:?}"
        );
    }
    worst
}

/// The tolerance of each reference eigenvalue (see the module docs).
fn tolerances(case: &Value, eps: f64) -> Vec<f64> {
    let n = case["n"].as_u64().expect("n") as f64;
    let eta = C_EIG * n * eps * parse::<f64>(&case["balanced_norm"]);
    if let Some(m) = case["jordan_m"].as_u64() {
        let m = m as f64;
        let x = m * parse::<f64>(&case["jordan_kappa"]) * eta;
        vec![x.powf(1.0 / m).max(x); n as usize]
    } else {
        parse_list(&case["cond"]).iter().map(|c| eta * c).collect()
    }
}

fn check_case<T: Float, const N: usize>(case: &Value, worst: &mut Worst) {
    let name = case["name"].as_str().expect("a name");
    let a: Matrix<T, N, N> = matrix_from(&case["a"]);
    let eps = eps::<T>();
    let n = N as f64;

    // Balancing: SciPy's, exactly.
    let bal = a
        .balance()
        .unwrap_or_else(|e| panic!("{name}: balance: {e}"));
    let scale = parse_list(&case["scale"]);
    let perm = indices(&case["perm"]);
    assert_eq!(bal.permutation.to_vec(), perm, "{name}: permutation");
    for i in 0..N {
        assert_eq!(bal.scale[i].into(), scale[i], "{name}: scale[{i}]");
        for j in 0..N {
            let want = a[(perm[i], perm[j])] * bal.scale[j] / bal.scale[i];
            assert!(bal.balanced[(i, j)] == want, "{name}: balanced[{i}][{j}]");
        }
    }
    assert_eq!(
        bal.transform() * bal.balanced,
        a * bal.transform(),
        "{name}: T B = A T"
    );

    // Eigenvalues and vectors.
    let e = a
        .eigen()
        .unwrap_or_else(|err| panic!("{name}: eigen: {err}"));
    let want = parse_complex(&case["eigenvalues"]);
    let tol = tolerances(case, eps);
    let got: Vec<Complex<f64>> = e.eigenvalues.iter().map(|&z| c64(z)).collect();
    worst.eigenvalues = worst
        .eigenvalues
        .max(check_eigenvalues(name, &got, &want, &tol));
    let only: Vec<Complex<f64>> = a
        .eigenvalues()
        .unwrap_or_else(|err| panic!("{name}: eigenvalues: {err}"))
        .iter()
        .map(|&z| c64(z))
        .collect();
    check_eigenvalues(&format!("{name} (eigenvalues())"), &only, &want, &tol);
    let balanced_norm: f64 = parse(&case["balanced_norm"]);
    let balance_kappa: f64 = parse(&case["balance_kappa"]);
    let rho = C_EIG * n * eps * balance_kappa * balanced_norm;
    worst.residuals = worst.residuals.max(check_vectors(name, &a, &e, rho));

    // NumPy's order: the same algorithm gives the same order where the eigenvalues are
    // distinct (NumPy's reference is a float64 computation, so only for f64).
    let family = case["family"].as_str().expect("a family");
    if T::epsilon().into() == f64::EPSILON
        && !family.contains("repeated")
        && !family.contains("clustered")
    {
        let numpy_w = parse_complex(&case["numpy_w"]);
        for (j, ((g, w), t)) in got.iter().zip(&numpy_w).zip(&tol).enumerate() {
            let t = t.max(C_EIG * n * f64::EPSILON * balanced_norm);
            assert!(
                (g - w).norm() <= 2.0 * t,
                "{name}: λ_{j} = {g} but NumPy's is {w}"
            );
        }
        worst.numpy_order_checked += 1;
    }

    // Symmetric: eigenvectors against eigh's where the gap allows.
    if let Some(eigh) = case["eigh"].as_object() {
        let w = parse_list(&eigh["w"]);
        let gaps = parse_list(&eigh["gap"]);
        let u: Matrix<f64, N, N> = matrix_from(&eigh["v"]);
        let rho64 = C_EIG * n * f64::EPSILON * balanced_norm;
        // The eigenvalue bounds (a normal matrix: the same for all) for ours and eigh's.
        let t = tol.iter().cloned().fold(0.0, f64::max);
        let t64 = rho64;
        for (j, &lambda) in got.iter().enumerate() {
            let i = (0..N)
                .min_by(|&x, &y| (lambda - w[x]).norm().total_cmp(&(lambda - w[y]).norm()))
                .expect("N > 0");
            let gap = gaps[i];
            if gap <= 2.0 * (t + rho) {
                continue;
            }
            let v = column(&e.eigenvectors, j);
            let ui: Vec<Complex<f64>> = (0..N).map(|k| Complex::new(u[(k, i)], 0.0)).collect();
            let sin = sin_angle(&ui, &v);
            let bound = rho / (gap - t) + rho64 / (gap - t64);
            assert!(
                sin <= bound,
                "{name}: v_{j} vs eigh: sin = {sin:e} > {bound:e}"
            );
        }
    }

    // One Jordan block: the eigenvectors are nearly parallel.
    if case["jordan_m"].as_u64() == Some(N as u64) {
        let kappa: f64 = parse(&case["s_kappa"]);
        let bound = 2.0 * kappa * (tol[0] + kappa * rho);
        for i in 0..N {
            for j in 0..i {
                let sin = sin_angle(&column(&e.eigenvectors, i), &column(&e.eigenvectors, j));
                assert!(
                    sin <= bound,
                    "{name}: v_{i}, v_{j}: sin = {sin:e} > {bound:e}"
                );
            }
        }
    }

    // The Schur and Hessenberg forms of A itself.
    let a64 = to_f64(&a);
    let eta_a = C_EIG * n * eps * a64.norm();
    let schur = a
        .schur()
        .unwrap_or_else(|err| panic!("{name}: schur: {err}"));
    worst.schur = worst.schur.max(check_schur(name, &a, &schur, eta_a));
    let hess = a
        .hessenberg()
        .unwrap_or_else(|err| panic!("{name}: hessenberg: {err}"));
    worst.hessenberg = worst
        .hessenberg
        .max(check_hessenberg(name, &a, &hess, eta_a));
}

/// Backward error, orthogonality and the quasi-triangular standard form.
fn check_schur<T: Float, const N: usize>(
    name: &str,
    a: &Matrix<T, N, N>,
    s: &statrix::Schur<T, N>,
    eta_a: f64,
) -> f64 {
    let (z, t) = (to_f64(&s.z), to_f64(&s.t));
    let back = triple_product_error(&z, &t, &z.transpose(), &to_f64(a));
    assert!(
        back <= eta_a,
        "{name}: ||Z T Z^T - A|| = {back:e} > {eta_a:e}"
    );
    let orth_bound = C_EIG * N as f64 * eps::<T>();
    let orth = orthogonality_error(&z);
    assert!(
        orth <= orth_bound,
        "{name}: ||Z^T Z - I|| = {orth:e} > {orth_bound:e}"
    );
    for i in 0..N {
        for j in 0..i.saturating_sub(1) {
            assert!(
                t[(i, j)] == 0.0,
                "{name}: T[{i}][{j}] below the subdiagonal"
            );
        }
        if i + 1 < N && t[(i + 1, i)] != 0.0 {
            // A 2 x 2 block: standard form, and not followed by another.
            assert!(
                i + 2 >= N || t[(i + 2, i + 1)] == 0.0,
                "{name}: overlapping blocks at {i}"
            );
            assert!(
                t[(i, i)] == t[(i + 1, i + 1)],
                "{name}: block at {i}: unequal diagonal"
            );
            assert!(
                t[(i, i + 1)] * t[(i + 1, i)] < 0.0,
                "{name}: block at {i}: b c >= 0"
            );
        }
    }
    let w = s.eigenvalues();
    for (k, wk) in w.iter().enumerate() {
        if i_is_block_start(&t, k) {
            assert!(wk.im > T::zero(), "{name}: Schur eigenvalue {k}");
        }
    }
    let ratio_back = if eta_a > 0.0 { back / eta_a } else { 0.0 };
    ratio_back.max(orth / orth_bound)
}

fn i_is_block_start<const N: usize>(t: &Matrix<f64, N, N>, k: usize) -> bool {
    k + 1 < N && t[(k + 1, k)] != 0.0
}

fn check_hessenberg<T: Float, const N: usize>(
    name: &str,
    a: &Matrix<T, N, N>,
    h: &statrix::Hessenberg<T, N>,
    eta_a: f64,
) -> f64 {
    let (q, hh) = (to_f64(&h.q), to_f64(&h.h));
    let back = triple_product_error(&q, &hh, &q.transpose(), &to_f64(a));
    assert!(
        back <= eta_a,
        "{name}: ||Q H Q^T - A|| = {back:e} > {eta_a:e}"
    );
    let orth_bound = C_EIG * N as f64 * eps::<T>();
    let orth = orthogonality_error(&q);
    assert!(
        orth <= orth_bound,
        "{name}: hessenberg ||Q^T Q - I|| = {orth:e}"
    );
    for i in 0..N {
        for j in 0..i.saturating_sub(1) {
            assert!(
                hh[(i, j)] == 0.0,
                "{name}: H[{i}][{j}] below the subdiagonal"
            );
        }
    }
    let ratio_back = if eta_a > 0.0 { back / eta_a } else { 0.0 };
    ratio_back.max(orth / orth_bound)
}

#[test]
fn numpy_fixtures() {
    let cases = support::fixture("qr_eig.json")["eig"]
        .as_array()
        .expect("eig cases");
    assert!(cases.len() > 200);
    let mut worst = Worst::default();
    for case in cases {
        by_dims!(case, ["n"], check_case(case, &mut worst); 1, 2, 3, 4, 6, 8, 16);
    }
    eprintln!("largest error / bound: {worst:?} of {} cases", cases.len());
}

#[test]
fn seed_matrix_matches_numpy() {
    // NumPy: w, v = np.linalg.eig([[4, 7], [2, 6]])
    //   w = [1.12701665, 8.87298335], v = [[-0.92511345, -0.82071729], [0.37969079, -0.57133452]]
    let a = matrix![4.0f64, 7.0; 2.0, 6.0];
    let e = a.eigen().unwrap();
    let r15 = 15f64.sqrt();
    let tol = 4.0 * f64::EPSILON * 10.0;
    assert!((e.eigenvalues[0] - Complex::new(5.0 - r15, 0.0)).norm() < tol);
    assert!((e.eigenvalues[1] - Complex::new(5.0 + r15, 0.0)).norm() < tol);
    // Ours are NumPy's up to a sign per column (largest component positive).
    let numpy = [[-0.92511345, -0.82071729], [0.37969079, -0.57133452]];
    for (i, row) in numpy.iter().enumerate() {
        for (j, &x) in row.iter().enumerate() {
            assert!((e.eigenvectors[(i, j)].re + x).abs() < 1e-8);
            assert_eq!(e.eigenvectors[(i, j)].im, 0.0);
        }
    }
}

#[test]
fn rotation_gives_a_conjugate_pair() {
    let t = 0.3f64;
    let r = matrix![t.cos(), -t.sin(); t.sin(), t.cos()];
    let e = r.eigen().unwrap();
    assert!((e.eigenvalues[0] - Complex::new(t.cos(), t.sin())).norm() < 4.0 * f64::EPSILON);
    assert_eq!(e.eigenvalues[1], e.eigenvalues[0].conj());
    // NumPy: v[:, 0] = [0.70710678, -0.70710678j].
    let h = 0.5f64.sqrt();
    assert!((e.eigenvectors[(0, 0)] - Complex::new(h, 0.0)).norm() < 4.0 * f64::EPSILON);
    assert!((e.eigenvectors[(1, 0)] - Complex::new(0.0, -h)).norm() < 4.0 * f64::EPSILON);
    let w = r.map(|x| x as f32).eigenvalues().unwrap();
    assert!(w[0].im > 0.0 && w[1].im < 0.0);
}

#[test]
fn special_matrices() {
    // Zero: zero eigenvalues and the identity's columns, as NumPy.
    let e = Matrix::<f64, 3, 3>::zeros().eigen().unwrap();
    assert!(e.eigenvalues.iter().all(|z| *z == Complex::new(0.0, 0.0)));
    assert_eq!(
        e.eigenvectors,
        Matrix::from_fn(|i, j| Complex::new(if i == j { 1.0 } else { 0.0 }, 0.0))
    );
    // 1 x 1.
    let e = matrix![-2.5f32].eigen().unwrap();
    assert_eq!(e.eigenvalues[0], Complex::new(-2.5, 0.0));
    assert_eq!(e.eigenvectors[0], Complex::new(1.0, 0.0));
    // Triangular: balancing isolates every eigenvalue, so they are exact.
    let t = matrix![1.0f64, 2.0, 3.0; 0.0, 4.0, 5.0; 0.0, 0.0, 6.0];
    let mut w = t.eigenvalues().unwrap().map(|z| z.re).to_array();
    w.sort_by(f64::total_cmp);
    assert_eq!(w, [1.0, 4.0, 6.0]);
    // Identity.
    let e = Matrix::<f64, 4, 4>::identity().eigen().unwrap();
    assert!(e.eigenvalues.iter().all(|z| *z == Complex::new(1.0, 0.0)));
    // The empty matrix.
    let e = Matrix::<f64, 0, 0>::zeros().eigen().unwrap();
    assert_eq!(e.eigenvalues.as_slice().len(), 0);
    // Huge and tiny entries: scaled by a power of two, exactly.
    let big = matrix![4e300f64, 7e300; 2e300, 6e300]
        .eigenvalues()
        .unwrap();
    let r15 = 15f64.sqrt();
    assert!((big[0].re - (5.0 - r15) * 1e300).abs() < 1e-14 * 1e300);
    let tiny = matrix![4e-300f64, 7e-300; 2e-300, 6e-300]
        .eigenvalues()
        .unwrap();
    assert!((tiny[1].re - (5.0 + r15) * 1e-300).abs() < 1e-14 * 1e-300);
}

#[test]
fn errors() {
    let nan = matrix![1.0, f64::NAN; 0.0, 1.0];
    assert_eq!(nan.eigen(), Err(Error::NonFinite));
    assert_eq!(nan.eigenvalues(), Err(Error::NonFinite));
    assert_eq!(nan.schur(), Err(Error::NonFinite));
    assert_eq!(nan.hessenberg(), Err(Error::NonFinite));
    assert_eq!(nan.balance(), Err(Error::NonFinite));
    let inf = matrix![f32::INFINITY];
    assert_eq!(inf.eigen(), Err(Error::NonFinite));
    // The eigenvalue 2 * f64::MAX does not fit.
    let max = Matrix::<f64, 2, 2>::full(f64::MAX);
    assert_eq!(max.eigen(), Err(Error::Overflow));
    assert_eq!(max.eigenvalues(), Err(Error::Overflow));
}

/// Uniform in [-1, 1] (a fifth of them zero) times a power of two in
/// `2^-max_exp..2^max_exp`, one per matrix; with some rows and columns scaled apart.
fn entries(n: usize, max_exp: i32) -> impl Strategy<Value = Vec<f64>> {
    let element = prop_oneof![4 => -1.0f64..1.0, 1 => Just(0.0)];
    (
        proptest::collection::vec(element, n * n),
        -max_exp..max_exp,
        proptest::collection::vec(-8i32..8, n),
    )
        .prop_map(move |(v, e, d)| {
            (0..n * n)
                .map(|k| v[k] * 2f64.powi(e + d[k / n] - d[k % n]))
                .collect()
        })
}

/// Residuals against the bound computed from our own balancing (which the fixture test
/// shows to be SciPy's), and the Schur identities.
fn identities<T: Float, const N: usize>(a: Matrix<T, N, N>) {
    let bal = a.balance().expect("finite");
    let d = bal.scale.iter().map(|&x| x.into()).collect::<Vec<f64>>();
    let kappa_d =
        d.iter().cloned().fold(0.0, f64::max) / d.iter().cloned().fold(f64::INFINITY, f64::min);
    let rho = C_EIG * N as f64 * eps::<T>() * kappa_d * to_f64(&bal.balanced).norm();
    let e = a.eigen().expect("eigen");
    check_vectors("proptest", &a, &e, rho);
    let eta_a = C_EIG * N as f64 * eps::<T>() * to_f64(&a).norm();
    check_schur("proptest", &a, &a.schur().expect("schur"), eta_a);
    check_hessenberg("proptest", &a, &a.hessenberg().expect("hessenberg"), eta_a);
}

/// Whatever the input: `NonFinite` exactly when an element is not finite, otherwise a
/// finite answer or `Overflow` for elements near `f64::MAX`; never `NoConvergence`.
fn never_panics<const N: usize>(a: Matrix<f64, N, N>) {
    let finite = a.iter().all(|x| x.is_finite());
    let big = a.iter().fold(
        0.0f64,
        |m, x| if x.is_finite() { m.max(x.abs()) } else { m },
    );
    let may_overflow = big > f64::MAX / (4.0 * N as f64);
    match a.eigen() {
        Ok(e) => {
            assert!(finite);
            assert!(
                e.eigenvalues
                    .iter()
                    .chain(e.eigenvectors.iter())
                    .all(|z| z.re.is_finite() && z.im.is_finite())
            );
        }
        Err(Error::NonFinite) => assert!(!finite),
        Err(Error::Overflow) => assert!(finite && may_overflow),
        Err(e) => panic!("unexpected {e} for {a:?}"),
    }
    for result in [
        a.eigenvalues().map(|_| ()),
        a.schur().map(|_| ()),
        a.hessenberg().map(|_| ()),
        a.balance().map(|_| ()),
    ] {
        match result {
            Ok(()) => assert!(finite),
            Err(Error::NonFinite) => assert!(!finite),
            Err(Error::Overflow) => assert!(finite && may_overflow),
            Err(e) => panic!("unexpected {e} for {a:?}"),
        }
    }
    let _ = a.map(|x| x as f32).eigen();
}

macro_rules! properties {
    ($($name:ident => $n:literal),*) => {$(
        mod $name {
            use super::*;
            proptest! {
                #![proptest_config(ProptestConfig::with_cases(40))]
                #[test]
                fn residuals_and_schur_identities(a in entries($n, 300), b in entries($n, 60)) {
                    identities(mat::<$n, $n>(&a));
                    identities(mat::<$n, $n>(&b).map(|x| x as f32));
                }
                #[test]
                fn arbitrary_input_never_panics(a in wild($n * $n)) {
                    never_panics::<$n>(mat::<$n, $n>(&a));
                }
            }
        }
    )*};
}

properties!(n1 => 1, n2 => 2, n3 => 3, n4 => 4, n5 => 5, n6 => 6, n8 => 8);

/// Found by `arbitrary_input_never_panics`: entries from `1e93` down to `MIN_POSITIVE`, which
/// the Schur form (no balancing) must still reduce, with a backward-stable result.
#[test]
fn schur_converges_on_a_badly_scaled_matrix() {
    let tiny = f64::MIN_POSITIVE;
    let a = Matrix::new([
        [0.0, 0.0, tiny, tiny],
        [0.0, 0.0, tiny, -0.5570377049966411],
        [-0.0, tiny, -2.5737539674750526e-85, -6.202651023643831e33],
        [
            2.2200666557403806e-26,
            0.0,
            -1.0050291475085482e93,
            -0.2741963765887491,
        ],
    ]);
    let schur = a.schur().expect("Schur form");
    // Backward error of the Francis QR iteration: `Z T Z^T = A + E` with
    // `||E|| <= C_EIG n eps ||A||`, and `Z` orthogonal to the same order (the bound the
    // fixture tests use; the recomposition's own rounding is of lower order).
    let rho = C_EIG * 4.0 * f64::EPSILON;
    let recomposed = schur.z * schur.t * schur.z.transpose();
    let err = (recomposed - a).norm();
    assert!(err <= rho * a.norm(), "||Z T Z^T - A|| = {err:e}");
    let ztz = schur.z.transpose() * schur.z;
    assert!((ztz - Matrix::identity()).norm() <= rho);
}
