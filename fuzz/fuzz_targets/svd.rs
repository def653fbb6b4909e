//! The SVD and what is built on it, on tall and wide static shapes up to 8x8 in `f32` and
//! `f64`: `svd_by`/`svd_wide_by` and `singular_values_by`/`singular_values_wide_by` with both
//! methods, `norm_spectral`, `norm_nuclear`, `rank`, `cond`, `pseudo_inverse`.
//!
//! The bounds are LAPACK's own test ratios (`xDRVBD`) with its pass threshold (`TESTING/
//! svd.in`: 35), as `tests/svd.rs` uses them, with `n = max(R, C)`, `K = min(R, C)`:
//! `||A - U S V^T||_F / (n ||A||_F eps)`, `||I - U^T U||_max / (R eps)`, `||I - V V^T||_max
//! / (C eps)`, plus an absolute allowance for underflow (`R C` times the smallest subnormal
//! per element of the residual). Singular values are non-negative and descending; in `f32`
//! they are within Weyl's bound of the `f64` ones (`|s_i - s64_i| <= ||E||_2`, with `E` the
//! backward error of both); the two methods, and the values-only calls, agree within the sum
//! of their backward errors. `Err` kinds: `NonFinite` exactly for NaN or infinite input,
//! `Overflow` only when `||A||_F` reaches the largest float, `NoConvergence` never.
#![no_main]

use libfuzzer_sys::fuzz_target;
use statrix::{Error, Matrix, SvdMethod};
use statrix_fuzz::dense::{Dense, assert_le, gamma};
use statrix_fuzz::spectral::{THRESH_SVD, check_thin_svd, expect_svd_error, svd_underflow};
use statrix_fuzz::{Float, Input, all_finite, with_tall_shape};

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let double = input.byte().is_multiple_of(2);
    let shape = input.below(18);
    if double {
        with_tall_shape!(shape, R, C => svd::<f64, R, C>(&mut input));
    } else {
        with_tall_shape!(shape, R, C => svd::<f32, R, C>(&mut input));
    }
});

fn svd<T: Float, const R: usize, const C: usize>(input: &mut Input) {
    let a: Matrix<T, R, C> = input.matrix();
    if std::env::var_os("FUZZ_DEBUG").is_some() {
        eprintln!("a = {a:?}");
    }
    let finite = all_finite(&a);
    let ad = Dense::of(&a);
    let mut values = Vec::new();
    for method in [SvdMethod::Jacobi, SvdMethod::BidiagonalQr] {
        // Tall: A itself; wide: its transpose (a C x R matrix with R >= C).
        let tall = outcome::<T>("svd", finite, &ad, a.svd_by(method).map(parts));
        let wide = outcome::<T>(
            "svd_wide",
            finite,
            &ad.t(),
            a.transpose().svd_wide_by(method).map(parts),
        );
        let only = a.singular_values_by(method).map(|s| dense_values(s.iter()));
        let only_wide = a
            .transpose()
            .singular_values_wide_by(method)
            .map(|s| dense_values(s.iter()));
        for (what, got) in [
            ("singular_values", only),
            ("singular_values_wide", only_wide),
        ] {
            match got {
                Ok(s) => values.push((what, s)),
                Err(e) => expect_svd_error::<T>(what, finite, &ad, e),
            }
        }
        values.extend(tall.map(|s| ("svd", s)));
        values.extend(wide.map(|s| ("svd_wide", s)));
    }
    if values.is_empty() {
        return;
    }
    // Every computation's singular values are within its backward error of the exact ones
    // (Weyl), so any two agree within twice that.
    let n = R.max(C);
    let e = T::epsilon().wide();
    let allowance = 2.0 * (THRESH_SVD * n as f64 * e * ad.fro() + svd_underflow::<T>(R, C));
    let (first, reference) = &values[0];
    for (what, s) in &values {
        assert_eq!(s.len(), C);
        for (x, y) in s.iter().zip(reference) {
            assert_le(&format!("{what} vs {first}"), (x - y).abs(), allowance);
        }
    }
    if T::BYTES == 4 {
        // f32 against f64: f64's backward error is negligible beside f32's.
        if let Ok(s64) = a.map(|v| v.wide()).singular_values() {
            for (x, y) in reference.iter().zip(s64.iter()) {
                assert_le("f32 singular values vs f64", (x - y).abs(), allowance);
            }
        }
    }
    derived::<T, R, C>(&a, reference, allowance);
}

/// `(U, S, V^T)` in f64.
fn parts<T: Float, const R: usize, const K: usize, const C: usize>(
    svd: statrix::Svd<T, R, K, C>,
) -> (Dense, Vec<f64>, Dense) {
    (
        Dense::of(&svd.u),
        dense_values(svd.singular_values.iter()),
        Dense::of(&svd.v_t),
    )
}

fn dense_values<'a, T: Float>(s: impl Iterator<Item = &'a T>) -> Vec<f64> {
    s.map(|x| x.wide()).collect()
}

/// Checks a thin decomposition of the matrix `a` (tall or wide) and returns its values, or
/// checks the error.
fn outcome<T: Float>(
    what: &str,
    finite: bool,
    a: &Dense,
    got: Result<(Dense, Vec<f64>, Dense), Error>,
) -> Option<Vec<f64>> {
    match got {
        Ok((u, s, vt)) => {
            assert!(finite, "{what}: Ok on non-finite input");
            check_thin_svd::<T>(what, a, &u, &s, &vt);
            Some(s)
        }
        Err(e) => {
            expect_svd_error::<T>(what, finite, a, e);
            None
        }
    }
}

/// The entry points built on the singular values, against `s` (the first computation's),
/// each allowed `allowance` per singular value.
fn derived<T: Float, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
    s: &[f64],
    allowance: f64,
) {
    let ad = Dense::of(a);
    let e = T::epsilon().wide();
    match a.norm_spectral() {
        Ok(v) => assert_le("norm_spectral", (v.wide() - s[0]).abs(), allowance),
        Err(err) => expect_svd_error::<T>("norm_spectral", true, &ad, err),
    }
    match a.norm_nuclear() {
        // A sum of C values each within `allowance`, rounded C times.
        Ok(v) => {
            let sum: f64 = s.iter().sum();
            let bound = C as f64 * allowance + gamma(C, T::unit_roundoff()) * sum;
            if v.is_infinite() {
                // Past the range, the sum is inf, as NumPy's.
                assert_le("norm_nuclear: inf", T::max_value().wide(), sum + bound);
            } else {
                assert_le("norm_nuclear", (v.wide() - sum).abs(), bound);
            }
        }
        Err(err) => expect_svd_error::<T>("norm_nuclear", true, &ad, err),
    }
    // rank: the count above NumPy's tolerance s_max max(R, C) eps, up to the values that lie
    // within `allowance` of the tolerance (either side is right for them).
    let tol = s[0] * e * R.max(C) as f64;
    if let Ok(rank) = a.rank() {
        let surely_above = s.iter().filter(|&&x| x > tol + 2.0 * allowance).count();
        let maybe_above = s.iter().filter(|&&x| x + 2.0 * allowance > tol).count();
        assert!(
            (surely_above..=maybe_above).contains(&rank),
            "rank {rank} for {s:?} (tol {tol:e})"
        );
    }
    if let Ok(cond) = a.cond() {
        let cond = cond.wide();
        assert!(cond >= 1.0 - 4.0 * e || cond.is_nan(), "cond {cond} < 1");
    }
    pseudo_inverse_check(a, s, allowance);
}

/// `pinv(A)`: `A X A = A` up to the dropped singular values (at most `1e-15 s_max` each, the
/// cutoff) and the SVD's backward error `E` (`||E||_2 <= allowance / 2`) carried through `X`
/// (`||X||_2 = 1 / s_r` for the smallest kept `s_r`): `||A X A - A||_F <= sqrt(K) (dropped +
/// ||E|| (1 + 3 s_max / s_r + ||E|| / s_r))`, plus the rounding of forming `X` and the two
/// products, `gamma_(2K+2)` relative to `|A| |X| |A|`.
fn pseudo_inverse_check<T: Float, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
    s: &[f64],
    allowance: f64,
) {
    let ad = Dense::of(a);
    match a.pseudo_inverse() {
        Ok(x) => {
            assert!(
                all_finite(&x),
                "pseudo_inverse: non-finite entries in an Ok"
            );
            let xd = Dense::of(&x);
            let cutoff = 1e-15 * s[0];
            let kept: Vec<f64> = s
                .iter()
                .copied()
                .filter(|&v| v > cutoff + allowance)
                .collect();
            let Some(&s_r) = kept.last() else {
                return;
            };
            let k = s.len() as f64;
            let err = allowance / 2.0;
            let dropped = cutoff + allowance;
            let axa = ad.mul(&xd).mul(&ad);
            let magnitude = ad.abs().mul(&xd.abs()).mul(&ad.abs()).fro();
            let rounding = gamma(2 * s.len() + 2, T::unit_roundoff()) * magnitude;
            let bound =
                k.sqrt() * (dropped + err * (1.0 + 3.0 * s[0] / s_r + err / s_r)) + rounding;
            assert_le("pseudo_inverse: ||A X A - A||_F", axa.sub(&ad).fro(), bound);
        }
        Err(e) => {
            // |X_ij| <= sum_k |v_ik| |u_jk| / s_k <= K / s_r: an overflowing X needs a kept
            // singular value below K / max (up to its error `allowance` and the rounding).
            if e == Error::Overflow {
                let smallest_kept = s
                    .iter()
                    .copied()
                    // Any value within `allowance` of the cutoff may have been kept.
                    .filter(|&v| v + allowance > 1e-15 * s[0])
                    .fold(f64::INFINITY, f64::min);
                let k = s.len() as f64;
                assert_le(
                    "pseudo_inverse: Overflow with every 1/s in range",
                    smallest_kept - allowance,
                    k / T::max_value().wide() * (1.0 + gamma(2 * s.len(), T::unit_roundoff())),
                );
            } else {
                expect_svd_error::<T>("pseudo_inverse", true, &ad, e);
            }
        }
    }
}
