//! The eigensolvers on square matrices 1..=8 in `f32` and `f64`: `symmetric_eigen_by` and
//! `symmetric_eigenvalues_by` (both methods, on the lower triangle), and the general ones:
//! `eigen`, `eigenvalues`, `schur`, `hessenberg`, `balance`.
//!
//! Bounds, as `tests/symmetric_eigen.rs` and `tests/eigen.rs` derive them:
//! - Symmetric: LAPACK's `xDRVST` ratios with its threshold 60 (`TESTING/sep.in`),
//!   `||A - V W V^T||_F / (n ||A||_F eps)` and `||I - V^T V||_max / (n eps)`; eigenvalues
//!   ascending; both methods, the values-only calls and (for `f32`) the `f64` eigenvalues
//!   agree within the sum of their backward errors (Weyl).
//! - General: `C_EIG = 20` (LAPACK's `TESTING/nep.in`); the Schur form and the Hessenberg
//!   form are orthogonal similarities of `A` (permutations only) within
//!   `C_EIG n eps ||A||_F`, `Z` and `Q` orthonormal within `C_EIG n eps`; `T` quasi-upper
//!   triangular, `H` upper Hessenberg; each eigenpair's residual `||A v - λ v|| <= C_EIG n eps
//!   kappa(D) ||B||_F ||v||` (`B` the balanced matrix, `D` its scaling); the balanced matrix
//!   is `B[i][j] = A[p_i][p_j] scale[j] / scale[i]` exactly (powers of two) where nothing
//!   under- or overflows.
//!
//! Plus an absolute allowance for underflow (`n^2` smallest subnormals times the size of the
//! factors). `Err` kinds: `NonFinite` exactly for NaN or infinite input (in the elements the
//! method reads), `Overflow` only where `||A||_F` reaches the largest float, never
//! `NoConvergence`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use statrix::{Complex, Matrix, SymmetricEigenMethod};
use statrix_fuzz::dense::{Dense, F64_U, assert_le, f64_residual, gamma};
use statrix_fuzz::spectral::{THRESH_SEP, eigen_underflow, expect_eigen_error};
use statrix_fuzz::{Float, Input, all_finite, with_size};

/// LAPACK's pass threshold for the nonsymmetric eigenproblem (`TESTING/nep.in`).
const C_EIG: f64 = 20.0;

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let double = input.byte().is_multiple_of(2);
    let n = input.below(8) + 1;
    if double {
        with_size!(n, N => eigen::<f64, N>(&mut input));
    } else {
        with_size!(n, N => eigen::<f32, N>(&mut input));
    }
});

fn eigen<T: Float, const N: usize>(input: &mut Input) {
    let a: Matrix<T, N, N> = input.matrix();
    if std::env::var_os("FUZZ_DEBUG").is_some() {
        eprintln!("a = {a:?}");
    }
    symmetric::<T, N>(&a);
    general::<T, N>(&a);
}

fn symmetric<T: Float, const N: usize>(a: &Matrix<T, N, N>) {
    let sym = Matrix::<T, N, N>::from_fn(|i, j| if j <= i { a[(i, j)] } else { a[(j, i)] });
    let finite = all_finite(&sym);
    let sd = Dense::of(&sym);
    let e = T::epsilon().wide();
    let n = N as f64;
    let backward = THRESH_SEP * n * e * sd.fro() + eigen_underflow::<T>(N, 1.0);
    let mut values: Vec<(&str, Vec<f64>)> = Vec::new();
    for method in [
        SymmetricEigenMethod::Jacobi,
        SymmetricEigenMethod::TridiagonalQl,
    ] {
        match a.symmetric_eigen_by(method) {
            Ok(eig) => {
                assert!(finite, "symmetric_eigen: Ok on non-finite input");
                let w: Vec<f64> = eig.eigenvalues.iter().map(|x| x.wide()).collect();
                let v = Dense::of(&eig.eigenvectors);
                assert!(w.windows(2).all(|p| p[0] <= p[1]), "not ascending: {w:?}");
                let vw = Dense::from_fn(N, N, |i, j| v.at(i, j) * w[j]);
                let residual = sd.sub(&vw.mul(&v.t())).fro();
                let rounding = vw.abs().mul(&v.abs().t()).scale(f64_residual(N)).fro();
                assert_le(
                    "symmetric_eigen: ||A - V W V^T||_F",
                    residual,
                    backward + rounding,
                );
                let orth = v.t().mul(&v).sub(&Dense::identity(N)).max_abs();
                assert_le(
                    "symmetric_eigen: ||I - V^T V||",
                    orth,
                    THRESH_SEP * n * e + gamma(N, F64_U),
                );
                values.push(("symmetric_eigen", w));
            }
            Err(err) => expect_eigen_error::<T>("symmetric_eigen", finite, &sd, err),
        }
        match a.symmetric_eigenvalues_by(method) {
            Ok(w) => values.push((
                "symmetric_eigenvalues",
                w.iter().map(|x| x.wide()).collect(),
            )),
            Err(err) => expect_eigen_error::<T>("symmetric_eigenvalues", finite, &sd, err),
        }
    }
    if T::BYTES == 4
        && let Ok(w) = sym.map(|x| x.wide()).symmetric_eigenvalues()
    {
        values.push(("f64", w.iter().copied().collect()));
    }
    // Weyl: each is within its backward error of the exact eigenvalues, so any two agree
    // within twice that.
    if let Some((first, reference)) = values.first() {
        for (what, w) in &values {
            for (x, y) in w.iter().zip(reference) {
                assert_le(&format!("{what} vs {first}"), (x - y).abs(), 2.0 * backward);
            }
        }
    }
}

fn general<T: Float, const N: usize>(a: &Matrix<T, N, N>) {
    let finite = all_finite(a);
    let ad = Dense::of(a);
    let e = T::epsilon().wide();
    let n = N as f64;
    let backward = C_EIG * n * e * ad.fro() + eigen_underflow::<T>(N, 1.0);

    match a.schur() {
        Ok(s) => {
            assert!(finite, "schur: Ok on non-finite input");
            let (t, z) = (Dense::of(&s.t), Dense::of(&s.z));
            let recomposed = z.mul(&t).mul(&z.t());
            let rounding = z
                .abs()
                .mul(&t.abs())
                .mul(&z.abs().t())
                .scale(f64_residual(2 * N))
                .fro();
            assert_le(
                "schur: ||A - Z T Z^T||_F",
                ad.sub(&recomposed).fro(),
                backward + rounding,
            );
            let orth = z.t().mul(&z).sub(&Dense::identity(N)).max_abs();
            assert_le(
                "schur: ||I - Z^T Z||",
                orth,
                C_EIG * n * e + gamma(N, F64_U),
            );
            // Quasi-upper triangular: zero below the subdiagonal, and no two consecutive
            // non-zero subdiagonal elements.
            for i in 0..N {
                for j in 0..i.saturating_sub(1) {
                    assert_eq!(t.at(i, j), 0.0, "schur: T[{i}][{j}] below the subdiagonal");
                }
                if i >= 2 {
                    assert!(
                        t.at(i, i - 1) == 0.0 || t.at(i - 1, i - 2) == 0.0,
                        "schur: two consecutive subdiagonal elements at {i}"
                    );
                }
            }
        }
        Err(err) => expect_eigen_error::<T>("schur", finite, &ad, err),
    }

    match a.hessenberg() {
        Ok(h) => {
            assert!(finite, "hessenberg: Ok on non-finite input");
            let (hd, q) = (Dense::of(&h.h), Dense::of(&h.q));
            let recomposed = q.mul(&hd).mul(&q.t());
            let rounding = q
                .abs()
                .mul(&hd.abs())
                .mul(&q.abs().t())
                .scale(f64_residual(2 * N))
                .fro();
            assert_le(
                "hessenberg: ||A - Q H Q^T||_F",
                ad.sub(&recomposed).fro(),
                backward + rounding,
            );
            let orth = q.t().mul(&q).sub(&Dense::identity(N)).max_abs();
            assert_le(
                "hessenberg: ||I - Q^T Q||",
                orth,
                C_EIG * n * e + gamma(N, F64_U),
            );
            for i in 0..N {
                for j in 0..i.saturating_sub(1) {
                    assert_eq!(
                        hd.at(i, j),
                        0.0,
                        "hessenberg: H[{i}][{j}] below the subdiagonal"
                    );
                }
            }
        }
        Err(err) => expect_eigen_error::<T>("hessenberg", finite, &ad, err),
    }

    let balance = match a.balance() {
        Ok(b) => {
            assert!(finite, "balance: Ok on non-finite input");
            let p = b.permutation;
            let mut seen = [false; N];
            for &pi in &p {
                assert!(pi < N && !seen[pi], "balance: not a permutation: {p:?}");
                seen[pi] = true;
            }
            let scale = Dense::of(&b.scale);
            let bd = Dense::of(&b.balanced);
            for i in 0..N {
                for j in 0..N {
                    // scale[j] / scale[i] = 2^k exactly (powers of two); the product in two
                    // exact steps, so that 2^k itself may be out of range.
                    let x = ad.at(p[i], p[j]);
                    let k = (scale.data[j].log2() - scale.data[i].log2()) as i32;
                    let want = x * 2f64.powi(k / 2) * 2f64.powi(k - k / 2);
                    // Exact where the element and its balanced value are normal numbers.
                    let normal = |v: f64| {
                        v.abs() >= T::min_positive_value().wide()
                            && v.abs() <= T::max_value().wide()
                    };
                    let steps = [x, want];
                    if x == 0.0 {
                        assert_eq!(bd.at(i, j), 0.0, "balance: B[{i}][{j}] of a zero");
                    } else if steps.iter().all(|&v| normal(v)) {
                        assert_eq!(bd.at(i, j), want, "balance: B[{i}][{j}]");
                    }
                }
            }
            Some((bd, scale))
        }
        Err(err) => {
            expect_eigen_error::<T>("balance", finite, &ad, err);
            None
        }
    };

    // `eigen` first scales a matrix whose largest element is outside LAPACK `dgeev`'s safe
    // range (`2^-40..2^40` in f32, `2^-459..2^459` in f64): a large one to the top of the
    // range, `[2^39, 2^40)` or `[2^458, 2^459)` (as `dgeev`), a tiny one into [1, 2); then it
    // balances: the balancing whose `D` enters the bound is that of the scaled matrix (the
    // public `balance` of an unscaled matrix near the overflow edge declines to scale).
    let max_a = ad.max_abs();
    let top = if T::BYTES == 4 { 40 } else { 459 };
    let safe = 2f64.powi(top);
    let prescaled = finite && max_a != 0.0 && (max_a > safe || max_a < 1.0 / safe);
    let balance = if prescaled {
        let lift = if max_a > safe { top - 1 } else { 0 };
        let k = lift - (max_a.log2().floor() as i32);
        let up = |x: T| x * T::narrow(2f64.powi(k / 2)) * T::narrow(2f64.powi(k - k / 2));
        a.map(up).balance().ok().map(|b| {
            let back = 2f64.powi(-k);
            (Dense::of(&b.balanced).scale(back), Dense::of(&b.scale))
        })
    } else {
        balance
    };
    match a.eigen() {
        Ok(eig) => {
            assert!(finite, "eigen: Ok on non-finite input");
            let Some((bd, scale)) = balance else {
                panic!("eigen Ok where balance failed");
            };
            let kappa_d = scale.max_abs() / scale.data.iter().fold(f64::INFINITY, |m, &x| m.min(x));
            for (j, lambda) in eig.eigenvalues.iter().enumerate() {
                let lambda = wide(*lambda);
                assert!(
                    lambda.re.is_finite() && lambda.im.is_finite(),
                    "eigen: {lambda:?}"
                );
                let v: Vec<Complex<f64>> = (0..N).map(|i| wide(eig.eigenvectors[(i, j)])).collect();
                let v_norm = norm(v.iter().map(|x| x.norm()));
                let residual = norm((0..N).map(|i| {
                    let av: Complex<f64> = (0..N).map(|k| v[k] * ad.at(i, k)).sum();
                    (av - v[i] * lambda).norm()
                }));
                let magnitude = (ad.abs().fro() + lambda.norm()) * v_norm;
                let bound = C_EIG * n * e * kappa_d * bd.fro() * v_norm
                    + f64_residual(N) * magnitude
                    + eigen_underflow::<T>(N, magnitude);
                assert_le(
                    &format!("eigen: ||A v - λ v|| of pair {j}"),
                    residual,
                    bound,
                );
            }
            // The values-only path sweeps a smaller window (LAPACK's `wantt = false`), so its
            // values round differently; they must exist and be finite.
            match a.eigenvalues() {
                Ok(values) => assert!(values.iter().all(|z| z.re.is_finite() && z.im.is_finite())),
                Err(err) => panic!("eigenvalues: {err:?} where eigen is Ok"),
            }
        }
        Err(err) => {
            expect_eigen_error::<T>("eigen", finite, &ad, err);
            if let Err(values_err) = a.eigenvalues() {
                expect_eigen_error::<T>("eigenvalues", finite, &ad, values_err);
            }
        }
    }
}

/// The Euclidean norm of non-negative `xs`, scaled so that no square overflows or underflows.
fn norm(xs: impl Iterator<Item = f64> + Clone) -> f64 {
    let big = xs.clone().fold(0.0, f64::max);
    if big == 0.0 || !big.is_finite() {
        return big;
    }
    big * xs.map(|x| (x / big) * (x / big)).sum::<f64>().sqrt()
}

fn wide<T: Float>(z: Complex<T>) -> Complex<f64> {
    Complex::new(z.re.wide(), z.im.wide())
}
