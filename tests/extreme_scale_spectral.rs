//! Extreme scales, part two: the symmetric eigendecomposition and the SVD (both methods of
//! each, tall and wide), what is built on singular values (`pseudo_inverse`, `rank`, `cond`,
//! the spectral and nuclear norms), the Frobenius and induced norms, and the general
//! eigenproblem (`eigen`, `eigenvalues`, `schur`), on random, graded and ill-conditioned
//! matrices carried by a power of two to the ends of the floating-point range
//! (`tests/scaling/mod.rs` has the generators), in `f32` and `f64`, sizes 1..=8 and tall and
//! wide shapes. LU, Cholesky, QR and least squares are in
//! `tests/extreme_scale_factorizations.rs`.
//!
//! # What is asserted
//!
//! - **Identities**, as LAPACK's test ratios, in scaled units (`tests/scaling/mod.rs`), with
//!   `eps` the machine epsilon of the type under test:
//!   - symmetric eigen (`xSYT21`, threshold 60 from `TESTING/sep.in`): `||A V - V W||_1 /
//!     (n ||A||_1 eps)` and `||V^T V - I||_1 / (n eps)`;
//!   - SVD (`xBDT01`/`xORT01` as `xDRVBD` applies them, threshold 35 from
//!     `TESTING/svd.in`): `||A - U S V^T||_1 / (max(m, n) ||A||_1 eps)`, `||U^T U - I||_1 /
//!     (max(m, n) eps)`, `||V^T V - I||_1` likewise;
//!   - general eigen (threshold 20 from `TESTING/nep.in`, as `tests/eigen.rs`): `||A v -
//!     lambda v||_2 <= 20 n eps kappa(D) ||B||_F` for each unit eigenvector, `B = D^-1 P^T A
//!     P D` the balanced matrix the algorithm works on (backward stability of the Schur
//!     form in `B`'s coordinates, stretched by at most `kappa(D)` on the way back).
//!
//!   These methods work on the matrix scaled into `[1, 2)`, so the only underflow is the
//!   final scaling back of the eigen- or singular values (`eta / 2` each, Higham's model
//!   §2.1), which the ratios allow for through the unit vectors: `n eta / 2` in the 1-norm.
//! - **Equivariance under `A -> 2^t A`, exactly**: the symmetric eigensolvers, both SVDs,
//!   `schur`, `pseudo_inverse`, `rank` and `cond` always scale the matrix to largest
//!   magnitude in `[1, 2)` first, and `eigen` and `eigenvalues` do outside LAPACK's safe
//!   range `[sqrt(safe_min) / eps, eps / sqrt(safe_min)]`; for an exactly scaled matrix
//!   they do the very same operations as on the normalized one, so the vectors are the same
//!   bits, the values are scaled back by `2^t` (correctly rounded: bit for bit where
//!   normal, within one subnormal unit otherwise), `rank` and `cond` are equal, the
//!   pseudo-inverse is scaled by `2^-t`, and `Overflow` comes exactly where a scaled-back
//!   value leaves the range. The induced norms add absolute values, and sums of exactly
//!   scaled values round alike at every scale (a sum that lands in the subnormals is
//!   exact), so they scale exactly too.
//! - Where the scaling rounded elements (some landed in the subnormals), the singular
//!   values still scale to **within their error bounds** (Weyl: a perturbation `E` moves
//!   each singular value by at most `||E||_2 <= ||E||_F <= sqrt(m n) eta / 2`, added to
//!   both SVDs' backward errors, `35 max(m, n) eps s_max` each), and the Frobenius norm to
//!   within its documented `(mn / 2 + 2) eps` relative error at both scales.
//! - **Errors**: `NoConvergence` never; `Overflow` only where a value of the normalized
//!   matrix's decomposition, scaled back, leaves the range.

mod scaling;
mod support;

use proptest::prelude::*;
use scaling::*;
use statrix::{Complex, Error, Matrix, Svd, SvdMethod, SymmetricEigenMethod, Vector};
use support::bounds::{Dot2, Mat, identity, residual, to_f64 as mat_of};
use support::{Float, U64, eps, times_pow2};

/// LAPACK's thresholds: `TESTING/sep.in`, `svd.in`, `nep.in`.
const THRESH_SEP: f64 = 60.0;
const THRESH_SVD: f64 = 35.0;
const THRESH_NEP: f64 = 20.0;

/// Cases per property (each runs `f32` and `f64`).
const CASES: u32 = 40;

/// `Err(Overflow)` is right when scaling a value of the normalized matrix's decomposition
/// back by `2^k` leaves the range.
fn overflows<T: Float>(values: impl IntoIterator<Item = T>, k: i32) -> bool {
    values.into_iter().any(|v| times_pow2(v, k).is_infinite())
}

/// `||a - U diag(s) V^T||_1` (`vt` holds `V^T`) by Dot2 over the products `u_ik s_k`, each
/// split exactly into its rounded value and error (`mul_add`), and the bound on its own
/// error.
fn usv_residual_1(u: &Mat, s: &[f64], vt: &Mat, a: &Mat) -> (f64, f64) {
    let (m, n) = (a.len(), a[0].len());
    let (mut value, mut err) = (vec![vec![0.0; n]; m], vec![vec![0.0; n]; m]);
    for i in 0..m {
        for j in 0..n {
            let mut acc = Dot2::default();
            for (k, &sk) in s.iter().enumerate() {
                let p = u[i][k] * sk;
                acc.add(p, vt[k][j]);
                acc.add(u[i][k].mul_add(sk, -p), vt[k][j]);
            }
            acc.add(a[i][j], -1.0);
            value[i][j] = acc.value();
            err[i][j] = acc.error_bound();
        }
    }
    (norm_1(&value), norm_1(&err))
}

// --- symmetric eigen --------------------------------------------------------------------

const SYMMETRIC_METHODS: [SymmetricEigenMethod; 2] = [
    SymmetricEigenMethod::Jacobi,
    SymmetricEigenMethod::TridiagonalQl,
];

fn symmetric_case<T: Float, const N: usize>(h: &Matrix<f64, N, N>, t: i32) {
    let a0 = in_type::<T, N, N>(h);
    let (a, exact) = at_scale(&a0, t);
    let s = unit_exponent(&a);
    let (a_s, n, eps) = (units(&a, s), N as f64, eps::<T>());
    let eta = times_pow2(T::ETA, s);
    for method in SYMMETRIC_METHODS {
        let name = &format!("{} {N}x{N} symmetric at 2^{t} ({method:?})", T::NAME);
        let e = match a.symmetric_eigen_by(method) {
            Ok(e) => e,
            Err(Error::Overflow) => {
                let (a_n, s) = normalize(&a);
                let w = a_n.symmetric_eigenvalues_by(method).expect("normalized");
                assert!(overflows(w.iter().copied(), -s), "{name}: Overflow");
                continue;
            }
            Err(e) => panic!("{name}: {e}"),
        };
        let values = a
            .symmetric_eigenvalues_by(method)
            .expect("as symmetric_eigen");
        assert_eq!(values, e.eigenvalues, "{name}: the values-only method");
        let w: Vec<f64> = e
            .eigenvalues
            .iter()
            .map(|&x| times_pow2(x.f64(), s))
            .collect();
        assert!(w.windows(2).all(|p| p[0] <= p[1]), "{name}: not ascending");
        // xSYT21: V W - A V, with A V by Dot2 (its own error bound carried along).
        let v = mat_of(&e.eigenvectors);
        let w_diag: Mat = (0..N)
            .map(|i| (0..N).map(|j| if i == j { w[i] } else { 0.0 }).collect())
            .collect();
        let (av, av_err) = residual(&a_s, &v, &vec![vec![0.0; N]; N]);
        let (value, err) = residual_1(&v, &w_diag, &av);
        let err = err + norm_1(&av_err) + n * eta / 2.0;
        let scale = n * norm_1(&a_s) * eps;
        assert_ratio(
            &format!("{name}: A V - V W"),
            (value, err),
            scale,
            THRESH_SEP,
        );
        let resid = residual_1(&transpose(&v), &v, &identity(N));
        assert_ratio(&format!("{name}: V^T V"), resid, n * eps, THRESH_SEP);
        if exact {
            let e0 = a0.symmetric_eigen_by(method).expect("normalized");
            assert_eq!(e.eigenvectors, e0.eigenvectors, "{name}: V of 2^t A");
            assert_all_scaled(name, &e.eigenvalues, &e0.eigenvalues, t);
        }
    }
}

// --- SVD and what is built on it --------------------------------------------------------

const SVD_METHODS: [SvdMethod; 2] = [SvdMethod::Jacobi, SvdMethod::BidiagonalQr];

/// `svd_by` with its values-only twin, or `svd_wide_by` with its own.
type SvdFn<T, const R: usize, const K: usize, const C: usize> =
    fn(&Matrix<T, R, C>, SvdMethod) -> Result<(Svd<T, R, K, C>, Vector<T, K>), Error>;

fn tall<T: Float, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
    m: SvdMethod,
) -> Result<(Svd<T, R, C, C>, Vector<T, C>), Error> {
    Ok((a.svd_by(m)?, a.singular_values_by(m)?))
}

fn wide<T: Float, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
    m: SvdMethod,
) -> Result<(Svd<T, R, R, C>, Vector<T, R>), Error> {
    Ok((a.svd_wide_by(m)?, a.singular_values_wide_by(m)?))
}

fn svd_case<T: Float, const R: usize, const K: usize, const C: usize>(
    a64: &Matrix<f64, R, C>,
    t: i32,
    svd: SvdFn<T, R, K, C>,
) {
    let a0 = in_type::<T, R, C>(a64);
    let (a, exact) = at_scale(&a0, t);
    let s = unit_exponent(&a);
    let (a_s, big, eps) = (units(&a, s), R.max(C) as f64, eps::<T>());
    let eta = times_pow2(T::ETA, s);
    for method in SVD_METHODS {
        let name = &format!("{} {R}x{C} SVD at 2^{t} ({method:?})", T::NAME);
        let (f0, _) = svd(&a0, method).expect("a normalized matrix");
        let f = match svd(&a, method) {
            Ok((f, values)) => {
                assert_eq!(values, f.singular_values, "{name}: the values-only method");
                f
            }
            Err(Error::Overflow) => {
                let (a_n, s) = normalize(&a);
                let (f, _) = svd(&a_n, method).expect("a normalized matrix");
                assert!(overflows(f.singular_values.iter().copied(), -s), "{name}");
                continue;
            }
            Err(e) => panic!("{name}: {e}"),
        };
        let sv: Vec<f64> = f
            .singular_values
            .iter()
            .map(|&x| times_pow2(x.f64(), s))
            .collect();
        assert!(
            sv.iter().all(|&x| x >= 0.0),
            "{name}: negative singular value"
        );
        assert!(
            sv.windows(2).all(|p| p[0] >= p[1]),
            "{name}: not descending"
        );
        let (u, vt) = (mat_of(&f.u), mat_of(&f.v_t));
        // xBDT01 with the scaling back of each singular value (eta / 2 through |u| |v|).
        let (value, err) = usv_residual_1(&u, &sv, &vt, &a_s);
        let allowance = R as f64 * K as f64 * eta / 2.0;
        let scale = big * norm_1(&a_s) * eps;
        assert_ratio(
            &format!("{name}: U S V^T"),
            (value, err + allowance),
            scale,
            THRESH_SVD,
        );
        let resid = residual_1(&transpose(&u), &u, &identity(K));
        assert_ratio(&format!("{name}: U^T U"), resid, big * eps, THRESH_SVD);
        let resid = residual_1(&vt, &transpose(&vt), &identity(K));
        assert_ratio(&format!("{name}: V^T V"), resid, big * eps, THRESH_SVD);
        if exact {
            assert_eq!((f.u, f.v_t), (f0.u, f0.v_t), "{name}: vectors of 2^t A");
            assert_all_scaled(name, &f.singular_values, &f0.singular_values, t);
        } else {
            // Weyl, in units of 2^s: |s_i - 2^t s0_i| <= sqrt(R C) eta / 2 + both SVDs'
            // backward errors (35 max(R, C) eps s_max each, s_max of A within the first),
            // + the rounding of s_i itself when it is scaled back into the subnormals.
            let s_max = sv.first().copied().unwrap_or(0.0);
            let bound = (((R * C) as f64).sqrt() + 1.0) * eta / 2.0
                + 2.0 * THRESH_SVD * big * eps * s_max * (1.0 + THRESH_SVD * big * eps);
            for (k, (&x, &x0)) in sv.iter().zip(f0.singular_values.iter()).enumerate() {
                let want = times_pow2(x0.f64(), t + s);
                assert!(
                    (x - want).abs() <= bound,
                    "{name}: s[{k}] = {x:e} (scaled) vs 2^t s0 = {want:e}: > {bound:e}"
                );
            }
        }
    }
}

/// The singular values of a matrix as the 2-norm functions compute them: of the matrix if
/// it is tall or square, of its transpose if it is wide.
type ValuesFn<T, const R: usize, const C: usize> = fn(&Matrix<T, R, C>) -> Vec<T>;

fn values_tall<T: Float, const R: usize, const C: usize>(a: &Matrix<T, R, C>) -> Vec<T> {
    let s = a.singular_values().expect("a normalized matrix");
    s.iter().copied().collect()
}

fn values_wide<T: Float, const R: usize, const C: usize>(a: &Matrix<T, R, C>) -> Vec<T> {
    let s = a.singular_values_wide().expect("a normalized matrix");
    s.iter().copied().collect()
}

/// `pseudo_inverse`, `rank`, `cond`, the spectral, nuclear, Frobenius and induced norms.
fn functions_case<T: Float, const R: usize, const C: usize>(
    a64: &Matrix<f64, R, C>,
    t: i32,
    values: ValuesFn<T, R, C>,
) {
    let a0 = in_type::<T, R, C>(a64);
    let (a, exact) = at_scale(&a0, t);
    let name = &format!("{} {R}x{C} at 2^{t}", T::NAME);
    let (s, eps) = (unit_exponent(&a), eps::<T>());
    // The Frobenius norm, within (mn/2 + 2) eps of the exact one at each scale (its
    // documented bound), plus the scaling's rounding (sqrt(mn) eta / 2 in norm) and the
    // result's own (eta / 2), in units of 2^s.
    let rel = ((R * C) as f64 / 2.0 + 2.0) * eps;
    let fro = times_pow2(a.norm().f64(), s);
    let fro0 = times_pow2(a0.norm().f64(), t + s);
    let eta = times_pow2(T::ETA, s);
    let rounding = if exact {
        0.0
    } else {
        ((R * C) as f64).sqrt() * eta / 2.0
    };
    let bound = 2.0 * rel * fro0 * (1.0 + rel) + rounding + eta;
    if a.norm().is_infinite() {
        // Beyond the range: the exact norm, within its bound of 2^t norm(a0), is too.
        let max = times_pow2(T::max_value().f64(), s);
        assert!(
            fro0 * (1.0 + 2.0 * rel) >= max,
            "{name}: norm overflows at {fro0:e}"
        );
    } else {
        assert!(
            (fro - fro0).abs() <= bound,
            "{name}: norm {fro:e} vs {fro0:e}"
        );
    }
    if !exact {
        assert!(a.rank().is_ok() && a.cond().is_ok(), "{name}: rank or cond");
        match a.pseudo_inverse() {
            Ok(_) => {}
            Err(Error::Overflow) => {
                let (a_n, s) = normalize(&a);
                let p = a_n.pseudo_inverse().expect("a normalized matrix");
                assert!(
                    overflows(p.iter().copied(), s),
                    "{name}: pseudo_inverse: Overflow"
                );
            }
            Err(e) => panic!("{name}: pseudo_inverse: {e}"),
        }
        return;
    }
    assert_eq!(a.rank(), a0.rank(), "{name}: rank");
    assert_eq!(a.cond(), a0.cond(), "{name}: cond");
    let one = (a.norm_induced_1(), a0.norm_induced_1());
    assert_scaled(&format!("{name}: norm_induced_1"), one.0, one.1, t);
    let inf = (a.norm_induced_inf(), a0.norm_induced_inf());
    assert_scaled(&format!("{name}: norm_induced_inf"), inf.0, inf.1, t);
    // The 2-norm functions take the singular values of the tall orientation.
    let values0 = values(&a0);
    let spectral0 = a0.norm_spectral().expect("a normalized matrix");
    assert_eq!(spectral0, values0[0], "{name}: norm_spectral is s_max");
    match a.norm_spectral() {
        Ok(x) => assert_scaled(&format!("{name}: norm_spectral"), x, spectral0, t),
        Err(Error::Overflow) => assert!(overflows([spectral0], t), "{name}: Overflow"),
        Err(e) => panic!("{name}: norm_spectral: {e}"),
    }
    // The nuclear norm sums the scaled-back singular values: exact where each one is.
    let nuclear0 = a0.norm_nuclear().expect("a normalized matrix");
    match a.norm_nuclear() {
        Ok(x) if values0.iter().all(|&v| scales_to_normal(v, t)) => {
            assert_scaled(&format!("{name}: norm_nuclear"), x, nuclear0, t);
        }
        Ok(_) => {}
        Err(Error::Overflow) => assert!(overflows(values0, t), "{name}: nuclear: Overflow"),
        Err(e) => panic!("{name}: norm_nuclear: {e}"),
    }
    let p0 = a0.pseudo_inverse().expect("a normalized matrix");
    match a.pseudo_inverse() {
        Ok(p) => assert_all_scaled(&format!("{name}: pseudo_inverse"), &p, &p0, -t),
        Err(Error::Overflow) => {
            assert!(
                overflows(p0.iter().copied(), -t),
                "{name}: pseudo_inverse: Overflow"
            );
        }
        Err(e) => panic!("{name}: pseudo_inverse: {e}"),
    }
}

// --- the general eigenproblem -----------------------------------------------------------

fn eigen_case<T: Float, const N: usize>(a64: &Matrix<f64, N, N>, t: i32) {
    let a0 = in_type::<T, N, N>(a64);
    let (a, exact) = at_scale(&a0, t);
    let name = &format!("{} {N}x{N} eigen at 2^{t}", T::NAME);
    let (s, n, eps) = (unit_exponent(&a), N as f64, eps::<T>());
    let same_computation = exact && prescaled(&a);
    // `eigen` brings a matrix past the top of the safe range to `[bignum / 2, bignum)`
    // (LAPACK `dgeev`'s scaling, `bignum = 2^40` in f32, `2^459` in f64), one below its bottom
    // into `[1, 2)`: the same computation is that of the normalized matrix lifted by `2^lift`.
    let lift = if s < 0 { top_exponent::<T>() - 1 } else { 0 };
    let (a_lift, lift_exact) = at_scale(&a0, lift);
    assert!(lift_exact, "a normalized matrix lifts exactly");
    let e0 = a_lift.eigen().expect("a normalized matrix, lifted");
    let e = match a.eigen() {
        Ok(e) => e,
        Err(Error::Overflow) => {
            // The eigenvalues of the normalized matrix, scaled back, leave the range.
            let (a_n, s) = normalize(&a);
            let w = a_n.eigenvalues().expect("a normalized matrix");
            assert!(overflows(w.iter().flat_map(|z| [z.re, z.im]), -s), "{name}");
            return;
        }
        Err(e) => panic!("{name}: eigen: {e}"),
    };
    if same_computation {
        assert_eq!(e.eigenvectors, e0.eigenvectors, "{name}: vectors of 2^t A");
        for (k, (z, z0)) in e.eigenvalues.iter().zip(e0.eigenvalues.iter()).enumerate() {
            assert_scaled(&format!("{name}: re lambda_{k}"), z.re, z0.re, t - lift);
            assert_scaled(&format!("{name}: im lambda_{k}"), z.im, z0.im, t - lift);
        }
        let (w, w0) = (
            a.eigenvalues(),
            a_lift.eigenvalues().expect("a normalized matrix, lifted"),
        );
        let w = w.expect("as eigen");
        for (k, (z, z0)) in w.iter().zip(w0.iter()).enumerate() {
            assert_scaled(&format!("{name}: eigenvalues {k}"), z.re, z0.re, t - lift);
            assert_scaled(
                &format!("{name}: eigenvalues {k} (im)"),
                z.im,
                z0.im,
                t - lift,
            );
        }
    }
    // The residual bound, from the balancing the algorithm applies: to the matrix scaled
    // as above where it is prescaled, else to `a` itself (in units of 2^s either way).
    let (d, balanced) = if prescaled(&a) {
        let b = at_scale(&normalize(&a).0, lift)
            .0
            .balance()
            .expect("finite");
        (b.scale, units(&b.balanced, -lift))
    } else {
        let b = a.balance().expect("finite");
        (b.scale, units(&b.balanced, s))
    };
    let d: Vec<f64> = d.iter().map(|x| x.f64()).collect();
    let kappa_d =
        d.iter().fold(0.0f64, |m, &x| m.max(x)) / d.iter().fold(f64::INFINITY, |m, &x| m.min(x));
    let b_fro = balanced.iter().flatten().map(|x| x * x).sum::<f64>().sqrt();
    // The eigenvalues' scaling back rounds each once (eta / 2 per part, through unit v).
    let eta = times_pow2(T::ETA, s);
    let rho = THRESH_NEP * n * eps * kappa_d * b_fro;
    let a_s = units(&a, s);
    for j in 0..N {
        let lambda = Complex::new(
            times_pow2(e.eigenvalues[j].re.f64(), s),
            times_pow2(e.eigenvalues[j].im.f64(), s),
        );
        let v: Mat = (0..N)
            .map(|i| {
                let z = e.eigenvectors[(i, j)];
                vec![z.re.f64(), z.im.f64()]
            })
            .collect();
        // lambda v in f64: each part two products and a sum, within 2 U64 |lambda| |v_i|.
        let lv: Mat = v
            .iter()
            .map(|z| {
                let (re, im) = (z[0], z[1]);
                vec![
                    lambda.re * re - lambda.im * im,
                    lambda.re * im + lambda.im * re,
                ]
            })
            .collect();
        let (r, r_err) = residual(&a_s, &v, &lv);
        let lv_err = 2.0 * U64 * lambda.norm() * (2.0 * n).sqrt();
        let value = r.iter().flatten().map(|x| x * x).sum::<f64>().sqrt();
        let err = r_err.iter().flatten().sum::<f64>() + lv_err + 2.0 * eta;
        assert!(
            value <= rho * support::SLACK + err,
            "{name}: ||A v - lambda v|| = {value:e} > {rho:e} for lambda_{j} = {lambda}"
        );
    }
    // The Schur form: always of the matrix scaled into [1, 2), so exact for exact scalings.
    let f0 = a0.schur().expect("a normalized matrix");
    match a.schur() {
        Ok(f) if exact => {
            assert_eq!(f.z, f0.z, "{name}: Schur vectors of 2^t A");
            assert_all_scaled(&format!("{name}: Schur form"), &f.t, &f0.t, t);
        }
        Ok(_) => {}
        Err(Error::Overflow) => {
            let (a_n, s) = normalize(&a);
            let f = a_n.schur().expect("a normalized matrix");
            assert!(
                overflows(f.t.iter().copied(), -s),
                "{name}: schur: Overflow"
            );
        }
        Err(e) => panic!("{name}: schur: {e}"),
    }
}

// --- properties -------------------------------------------------------------------------

macro_rules! square_properties {
    ($($name:ident => $n:literal),*) => {$(
        mod $name {
            use super::*;
            proptest! {
                #![proptest_config(ProptestConfig::with_cases(CASES))]
                #[test]
                fn symmetric_eigen(
                    h in symmetric::<$n>(), t64 in exponent::<f64>(), t32 in exponent::<f32>(),
                ) {
                    symmetric_case::<f64, $n>(&h, t64);
                    symmetric_case::<f32, $n>(&h, t32);
                }
                #[test]
                fn general_eigen_and_schur(
                    a in general::<$n, $n>(), t64 in exponent::<f64>(), t32 in exponent::<f32>(),
                ) {
                    eigen_case::<f64, $n>(&a, t64);
                    eigen_case::<f32, $n>(&a, t32);
                }
            }
        }
    )*};
}

square_properties!(n1 => 1, n2 => 2, n3 => 3, n4 => 4, n5 => 5, n6 => 6, n7 => 7, n8 => 8);

macro_rules! svd_properties {
    ($($name:ident => ($r:literal, $c:literal, $k:literal), $svd:ident, $values:ident;)*) => {$(
        // `$svd` is `tall` or `wide` (squares go through either); `$values` follows the
        // shape (`values_tall` for squares).
        mod $name {
            use super::*;
            proptest! {
                #![proptest_config(ProptestConfig::with_cases(CASES))]
                #[test]
                fn svd_and_singular_value_functions(
                    a in general::<$r, $c>(), t64 in exponent::<f64>(), t32 in exponent::<f32>(),
                ) {
                    svd_case::<f64, $r, $k, $c>(&a, t64, $svd);
                    svd_case::<f32, $r, $k, $c>(&a, t32, $svd);
                    functions_case::<f64, $r, $c>(&a, t64, $values);
                    functions_case::<f32, $r, $c>(&a, t32, $values);
                }
            }
        }
    )*};
}

svd_properties! {
    s1x1 => (1, 1, 1), tall, values_tall;
    s2x2 => (2, 2, 2), wide, values_tall;
    s3x3 => (3, 3, 3), tall, values_tall;
    s4x4 => (4, 4, 4), wide, values_tall;
    s5x5 => (5, 5, 5), tall, values_tall;
    s6x6 => (6, 6, 6), tall, values_tall;
    s7x7 => (7, 7, 7), wide, values_tall;
    s8x8 => (8, 8, 8), tall, values_tall;
    s3x1 => (3, 1, 1), tall, values_tall;
    s5x3 => (5, 3, 3), tall, values_tall;
    s8x2 => (8, 2, 2), tall, values_tall;
    s1x3 => (1, 3, 1), wide, values_wide;
    s3x5 => (3, 5, 3), wide, values_wide;
    s2x7 => (2, 7, 2), wide, values_wide;
}
