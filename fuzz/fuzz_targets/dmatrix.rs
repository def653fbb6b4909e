//! `DMatrix`'s decompositions, PCA and partial moments, in `f32` and `f64`, on shapes from
//! empty to 8x8 (the fuzzer's bytes, raw bit patterns included) and on generated matrices of
//! 32 to 44 rows and columns (low rank, graded, or with the fuzzer's values planted in them),
//! which reach the blocked QR that tall SVDs take first.
//!
//! Checks, with the bounds of `fuzz/src/spectral.rs` (LAPACK's ratios and thresholds):
//! - `svd`, `svd_by` (both methods), `singular_values(_by)`, `svd_largest(k)`: the thin SVD's
//!   residual and orthonormality ratios (for the `k` leading pairs, `||A V - U S||_F`); the
//!   values of every call within the sum of two backward errors of each other (Weyl), and in
//!   `f32` of the `f64` ones; `svd_largest`'s values those of `singular_values` bit for bit (the
//!   same code); `TooManyComponents` exactly when `k > min(m, n)`.
//! - `symmetric_eigen`, `symmetric_eigenvalues`, `symmetric_eigen_largest(k)` on the lower
//!   triangle: `xDRVST`'s ratios, the values agreeing as above, the largest `k` equal to the
//!   last `k` of `symmetric_eigenvalues` bit for bit; `NotSquare` exactly for non-square input.
//! - Beside a static twin (shapes up to 8x8): the same values (bits, but for a zero's sign) as `Matrix`'s `svd_by`,
//!   `svd_wide_by`, `singular_values_by` and `symmetric_eigen_by(TridiagonalQl)` (one
//!   implementation; the dynamic side runs the kernels' wide builds, `simd/wide.rs`).
//! - `Pca::fit_with` (every solver): `TooFewSamples` exactly for fewer than 2 rows,
//!   `TooManyComponents` exactly unless `1 <= k <= min(m, n)`, `NonFinite` exactly for
//!   non-finite data, `Overflow` only where the data's co-moment reaches the largest float;
//!   an `Ok` has orthonormal components, the mean within the summation bound, variances
//!   `s^2 / (m - 1)`, ratios in `[0, 1]` summing to at most 1, `||X_c v_i|| = s_i` within the
//!   SVD's backward error (`Exact`) or the squared one within the eigensolver's (`Gram`), and
//!   `transform` within the product's rounding bound.
//! - `Moments`: `of`, `update` in fuzzer-chosen chunks and `merge` of the chunks' summaries
//!   agree with a two-pass `f64` reference within `30 m u` relative to the data's magnitude
//!   (the summation and Chan's merges, a few `u` per step), or fail with `Overflow` only where
//!   the reference co-moment reaches the largest float.
#![no_main]

use libfuzzer_sys::fuzz_target;
use statrix::{DMatrix, Error, Matrix, Moments, Pca, PcaSolver, SvdMethod, SymmetricEigenMethod};
use statrix_fuzz::dense::{Dense, F64_U, assert_le, f64_residual, gamma, times_pow2};
use statrix_fuzz::spectral::{
    THRESH_SEP, THRESH_SVD, check_symmetric_pairs, check_thin_svd, eigen_underflow,
    expect_eigen_error, expect_svd_error, svd_underflow,
};
use statrix_fuzz::{Float, Input, with_tall_shape};

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    if input.byte().is_multiple_of(2) {
        run::<f64>(&mut input);
    } else {
        run::<f32>(&mut input);
    }
});

fn debug() -> bool {
    std::env::var_os("FUZZ_DEBUG").is_some()
}

fn run<T: Float>(input: &mut Input) {
    match input.below(8) {
        0 | 1 => {
            let shape = input.below(18);
            with_tall_shape!(shape, R, C => static_twins::<T, R, C>(input));
        }
        2 => {
            let a = generated::<T>(input);
            if debug() {
                eprintln!("a ({:?}) = {:?}", a.shape(), a.as_slice());
            }
            spectral(&a, input);
            spectral(&a.transpose(), input);
            pca(&a, input);
        }
        _ => {
            let (m, n) = (input.below(9), input.below(9));
            let a = DMatrix::from_vec(m, n, input.values::<T>(m * n)).expect("m * n values");
            if debug() {
                eprintln!("a ({m}x{n}) = {:?}", a.as_slice());
            }
            spectral(&a, input);
            pca(&a, input);
            moments(&a, input);
        }
    }
}

/// A matrix of 32 to 44 rows and columns (tall, square or wide) from a seed: small integers,
/// of rank `r` (a product of integer factors, exact in both types), graded by powers of two
/// per column, times a power of two anywhere in the range, with up to 8 of the fuzzer's own
/// scalars planted at its positions.
fn generated<T: Float>(input: &mut Input) -> DMatrix<T> {
    let (m, n) = (32 + input.below(13), 32 + input.below(5));
    let mut state = input.bits(8) | 1;
    let mut next = move |bound: u64| {
        // xorshift64*: enough spread for a test matrix.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) % bound
    };
    let rank = 1 + input.below(n);
    let graded = input.byte().is_multiple_of(4);
    let exp = input.exponent::<T>();
    let left: Vec<f64> = (0..m * rank).map(|_| next(15) as f64 - 7.0).collect();
    let right: Vec<f64> = (0..rank * n).map(|_| next(15) as f64 - 7.0).collect();
    // |entries| <= 49 rank <= 1764: exact in f32.
    let mut a = DMatrix::from_fn(m, n, |i, j| {
        let x: f64 = (0..rank)
            .map(|k| left[i * rank + k] * right[k * n + j])
            .sum();
        let grade = if graded { -((j % 24) as i32) } else { 0 };
        T::narrow(x * 2f64.powi((exp + grade - 10).clamp(-1074, 1023)))
    });
    for _ in 0..input.below(9) {
        let (i, j) = (input.below(m), input.below(n));
        a[(i, j)] = input.scalar(exp);
    }
    a
}

fn dense<T: Float>(a: &DMatrix<T>) -> Dense {
    Dense::from_slice(a.rows(), a.cols(), a.as_slice())
}

fn wide<T: Float>(xs: &[T]) -> Vec<f64> {
    xs.iter().map(|x| x.wide()).collect()
}

fn bits<T: Float>(xs: &[T]) -> Vec<u64> {
    xs.iter().map(|x| x.wide().to_bits()).collect()
}

/// The SVDs and (for square input) the symmetric eigensolvers of `a`.
fn spectral<T: Float>(a: &DMatrix<T>, input: &mut Input) {
    let (m, n) = a.shape();
    let ad = dense(a);
    let finite = ad.data.iter().all(|x| x.is_finite());
    let mut values: Vec<(&str, Vec<f64>)> = Vec::new();
    for (what, got) in [
        ("svd", a.svd()),
        ("svd_by(Jacobi)", a.svd_by(SvdMethod::Jacobi)),
        ("svd_by(BidiagonalQr)", a.svd_by(SvdMethod::BidiagonalQr)),
    ] {
        match got {
            Ok(svd) => {
                assert!(finite, "{what}: Ok on non-finite input");
                let s = wide(&svd.singular_values);
                check_thin_svd::<T>(what, &ad, &dense(&svd.u), &s, &dense(&svd.v_t));
                values.push((what, s));
            }
            Err(e) => expect_svd_error::<T>(what, finite, &ad, e),
        }
    }
    let only = a.singular_values();
    for (what, got) in [
        ("singular_values", only.clone()),
        (
            "singular_values_by(Jacobi)",
            a.singular_values_by(SvdMethod::Jacobi),
        ),
        (
            "singular_values_by(BidiagonalQr)",
            a.singular_values_by(SvdMethod::BidiagonalQr),
        ),
    ] {
        match got {
            Ok(s) => {
                assert!(finite, "{what}: Ok on non-finite input");
                values.push((what, wide(&s)));
            }
            Err(e) => expect_svd_error::<T>(what, finite, &ad, e),
        }
    }
    let available = m.min(n);
    let k = input.below(available + 2);
    match a.svd_largest(k) {
        Ok(top) => {
            assert!(finite && k <= available, "svd_largest({k}): Ok");
            let s = wide(&top.singular_values);
            check_thin_svd::<T>("svd_largest", &ad, &dense(&top.u), &s, &dense(&top.v_t));
            // (No values are computed for k = 0: `Ok` even where they would overflow.)
            if k > 0 {
                let all = only
                    .clone()
                    .expect("singular_values where svd_largest is Ok");
                assert_eq!(
                    bits(&top.singular_values),
                    bits(&all[..k]),
                    "svd_largest: not the values of singular_values"
                );
            }
        }
        Err(Error::TooManyComponents {
            requested,
            available: got,
        }) => {
            assert!(k > available, "svd_largest({k}): TooManyComponents");
            assert_eq!((requested, got), (k, available));
        }
        Err(e) => {
            assert!(
                k <= available,
                "svd_largest({k}): {e:?}, not TooManyComponents"
            );
            expect_svd_error::<T>("svd_largest", finite, &ad, e);
        }
    }
    // Weyl: every computation's values are within its backward error of the exact ones.
    let e = T::epsilon().wide();
    let allowance = 2.0 * (THRESH_SVD * m.max(n) as f64 * e * ad.fro() + svd_underflow::<T>(m, n));
    agree(&values, allowance);
    if T::BYTES == 4
        && let Ok(s64) = a.map(|v| v.wide()).singular_values()
        && let Some((_, s)) = values.first()
    {
        for (x, y) in s.iter().zip(&s64) {
            assert_le("f32 singular values vs f64", (x - y).abs(), allowance);
        }
    }
    symmetric(a, input);
}

/// Every list of values within `allowance` of the first, element by element.
fn agree(values: &[(&str, Vec<f64>)], allowance: f64) {
    if let Some((first, reference)) = values.first() {
        for (what, w) in values {
            assert_eq!(w.len(), reference.len(), "{what} vs {first}: lengths");
            for (x, y) in w.iter().zip(reference) {
                assert_le(&format!("{what} vs {first}"), (x - y).abs(), allowance);
            }
        }
    }
}

fn symmetric<T: Float>(a: &DMatrix<T>, input: &mut Input) {
    let (m, n) = a.shape();
    let k = input.below(n + 2);
    if m != n {
        let want = Error::NotSquare { shape: (m, n) };
        assert_eq!(a.symmetric_eigen().err(), Some(want));
        assert_eq!(a.symmetric_eigenvalues().err(), Some(want));
        assert_eq!(a.symmetric_eigen_largest(k).err(), Some(want));
        return;
    }
    // The lower triangle, mirrored: what the solvers read.
    let sd = Dense::from_fn(n, n, |i, j| a[(i.max(j), i.min(j))].wide());
    let finite = sd.data.iter().all(|x| x.is_finite());
    let mut values: Vec<(&str, Vec<f64>)> = Vec::new();
    match a.symmetric_eigen() {
        Ok(eig) => {
            assert!(finite, "symmetric_eigen: Ok on non-finite input");
            let w = wide(&eig.eigenvalues);
            check_symmetric_pairs::<T>("symmetric_eigen", &sd, &w, &dense(&eig.eigenvectors));
            values.push(("symmetric_eigen", w));
        }
        Err(e) => expect_eigen_error::<T>("symmetric_eigen", finite, &sd, e),
    }
    let only = a.symmetric_eigenvalues();
    match &only {
        Ok(w) => {
            assert!(finite, "symmetric_eigenvalues: Ok on non-finite input");
            values.push(("symmetric_eigenvalues", wide(w)));
        }
        Err(e) => expect_eigen_error::<T>("symmetric_eigenvalues", finite, &sd, *e),
    }
    match a.symmetric_eigen_largest(k) {
        Ok(top) => {
            assert!(finite && k <= n, "symmetric_eigen_largest({k}): Ok");
            let w = wide(&top.eigenvalues);
            check_symmetric_pairs::<T>(
                "symmetric_eigen_largest",
                &sd,
                &w,
                &dense(&top.eigenvectors),
            );
            // All the eigenvalues may overflow where the largest k do not (the smallest
            // past -max).
            match only {
                Ok(all) => assert_eq!(
                    bits(&top.eigenvalues),
                    bits(&all[n - k..]),
                    "symmetric_eigen_largest: not the values of symmetric_eigenvalues"
                ),
                Err(e) => assert_eq!(e, Error::Overflow, "symmetric_eigenvalues"),
            }
        }
        Err(Error::TooManyComponents {
            requested,
            available,
        }) => {
            assert!(k > n, "symmetric_eigen_largest({k}): TooManyComponents");
            assert_eq!((requested, available), (k, n));
        }
        // The matrix is read before `k`: a non-finite one is `NonFinite` for any `k`.
        Err(e) => {
            assert!(
                k <= n || !finite,
                "symmetric_eigen_largest({k}): {e:?}, not TooManyComponents"
            );
            expect_eigen_error::<T>("symmetric_eigen_largest", finite, &sd, e);
        }
    }
    let e = T::epsilon().wide();
    let backward = THRESH_SEP * n as f64 * e * sd.fro() + eigen_underflow::<T>(n, 1.0);
    agree(&values, 2.0 * backward);
    if T::BYTES == 4
        && let Ok(w64) = a.map(|v| v.wide()).symmetric_eigenvalues()
        && let Some((_, w)) = values.first()
    {
        for (x, y) in w.iter().zip(&w64) {
            assert_le("f32 eigenvalues vs f64", (x - y).abs(), 2.0 * backward);
        }
    }
}

/// An SVD's parts, or its error.
type SvdParts = Result<(Vec<f64>, Vec<f64>, Vec<f64>), Error>;

/// The static and dynamic decompositions of one `R x C` matrix (and of its transpose, and for
/// a square one its symmetric eigendecomposition) are the same values: equal as floats, so
/// bit for bit but for the sign of a zero (a vector's sign flip turns 0 into -0 on one side
/// and not the other, which is no difference to any user); then the dynamic checks.
fn static_twins<T: Float, const R: usize, const C: usize>(input: &mut Input) {
    let a: Matrix<T, R, C> = input.matrix();
    if debug() {
        eprintln!("a = {a:?}");
    }
    let d = DMatrix::from(a);
    for method in [SvdMethod::Jacobi, SvdMethod::BidiagonalQr] {
        let want: SvdParts = a.svd_by(method).map(|s| {
            (
                wide(s.u.as_slice()),
                wide(s.singular_values.as_slice()),
                wide(s.v_t.as_slice()),
            )
        });
        let got: SvdParts = d.svd_by(method).map(|s| {
            (
                wide(s.u.as_slice()),
                wide(&s.singular_values),
                wide(s.v_t.as_slice()),
            )
        });
        assert_eq!(got, want, "svd_by({method:?}): static vs dynamic");
        // A square matrix is "tall" to `DMatrix`: it is the strictly wide ones that go
        // through their transpose on both sides.
        if R > C {
            let want: SvdParts = a.transpose().svd_wide_by(method).map(|s| {
                (
                    wide(s.u.as_slice()),
                    wide(s.singular_values.as_slice()),
                    wide(s.v_t.as_slice()),
                )
            });
            let got: SvdParts = d.transpose().svd_by(method).map(|s| {
                (
                    wide(s.u.as_slice()),
                    wide(&s.singular_values),
                    wide(s.v_t.as_slice()),
                )
            });
            assert_eq!(got, want, "svd_wide_by({method:?}): static vs dynamic");
        }
        assert_eq!(
            d.singular_values_by(method).map(|s| wide(&s)),
            a.singular_values_by(method).map(|s| wide(s.as_slice())),
            "singular_values_by({method:?}): static vs dynamic"
        );
    }
    if R == C {
        let square = Matrix::<T, C, C>::from_fn(|i, j| a[(i, j)]);
        let want = square
            .symmetric_eigen_by(SymmetricEigenMethod::TridiagonalQl)
            .map(|e| {
                (
                    wide(e.eigenvalues.as_slice()),
                    wide(e.eigenvectors.as_slice()),
                )
            });
        let got = d
            .symmetric_eigen()
            .map(|e| (wide(&e.eigenvalues), wide(e.eigenvectors.as_slice())));
        assert_eq!(got, want, "symmetric_eigen: static vs dynamic");
    }
    spectral(&d, input);
}

/// A two-pass `f64` reference for the data's columns, each computed on its column scaled by
/// `2^-scale[j]` (its largest magnitude about 1, so that no square overflows or underflows in
/// `f64`, and a column of tiny values beside huge ones keeps its digits); every field is in
/// those scaled units.
struct Reference {
    scale: Vec<i32>,
    /// The column means.
    mean: Vec<f64>,
    /// The centred co-moment `sum (x - mean)(x - mean)^T`, row-major, entry `(i, j)` in
    /// units of `2^(scale[i] + scale[j])`.
    comoment: Vec<f64>,
    /// `max_i |x_ij|` per column.
    max_abs: Vec<f64>,
    /// `max_i |x_ij - mean_j|` per column.
    max_dev: Vec<f64>,
}

impl Reference {
    fn of<T: Float>(a: &DMatrix<T>) -> Self {
        let (m, n) = a.shape();
        let scale: Vec<i32> = (0..n)
            .map(|j| {
                let top = (0..m).fold(0.0f64, |t, i| t.max(a[(i, j)].wide().abs()));
                if top > 0.0 {
                    top.log2().floor() as i32
                } else {
                    0
                }
            })
            .collect();
        let x = |i: usize, j: usize| times_pow2(a[(i, j)].wide(), -scale[j]);
        let mean: Vec<f64> = (0..n)
            .map(|j| (0..m).map(|i| x(i, j)).sum::<f64>() / m.max(1) as f64)
            .collect();
        let dev = |i: usize, j: usize| x(i, j) - mean[j];
        let comoment = (0..n * n)
            .map(|ij| (0..m).map(|i| dev(i, ij / n) * dev(i, ij % n)).sum())
            .collect();
        let max_abs = (0..n)
            .map(|j| (0..m).fold(0.0f64, |t, i| t.max(x(i, j).abs())))
            .collect();
        let max_dev = (0..n)
            .map(|j| (0..m).fold(0.0f64, |t, i| t.max(dev(i, j).abs())))
            .collect();
        Self {
            scale,
            mean,
            comoment,
            max_abs,
            max_dev,
        }
    }

    /// `log2` of each diagonal entry of the co-moment, unscaled.
    fn log2_diagonal(&self) -> Vec<f64> {
        let n = self.mean.len();
        (0..n)
            .map(|j| self.comoment[j * n + j].log2() + 2.0 * f64::from(self.scale[j]))
            .collect()
    }

    /// `log2` of the co-moment's largest entry (a diagonal one), unscaled.
    fn log2_comoment(&self) -> f64 {
        self.log2_diagonal()
            .into_iter()
            .fold(f64::NEG_INFINITY, f64::max)
    }

    /// Whether a PCA's `Overflow` is allowed: the total variance (the co-moment's trace over
    /// `m - 1`) is within the relative `tolerance` of the largest float, or past it.
    fn variance_may_overflow<T: Float>(&self, m: usize, tolerance: f64) -> bool {
        let top = self.log2_comoment();
        let sum: f64 = self.log2_diagonal().iter().map(|l| (l - top).exp2()).sum();
        let log2_variance = top + sum.log2() - ((m - 1) as f64).log2();
        log2_variance + (1.0 + tolerance).log2() >= T::max_value().wide().log2()
    }

    /// Whether an `Overflow` is allowed: the co-moment's largest entry is within the relative
    /// `tolerance` of the largest float, or past it.
    fn may_overflow<T: Float>(&self, tolerance: f64) -> bool {
        self.log2_comoment() + (1.0 + tolerance).log2() >= T::max_value().wide().log2()
    }

    /// `x` (column `j`'s units, as a mean computed in `T`) in the reference's units.
    fn scaled_mean(&self, x: f64, j: usize) -> f64 {
        times_pow2(x, -self.scale[j])
    }

    /// `x` (as a co-moment entry `(i, j)` computed in `T`) in the reference's units.
    fn scaled_comoment(&self, x: f64, i: usize, j: usize) -> f64 {
        times_pow2(x, -(self.scale[i] + self.scale[j]))
    }
}

fn pca<T: Float>(a: &DMatrix<T>, input: &mut Input) {
    let (m, n) = a.shape();
    let available = m.min(n);
    let k = input.below(available + 2);
    let solver = match input.below(4) {
        0 => PcaSolver::Exact,
        1 => PcaSolver::Gram,
        2 => PcaSolver::Auto,
        _ => PcaSolver::Randomized {
            oversamples: input.below(4),
            power_iterations: input.below(4),
            seed: u64::from(input.byte()),
        },
    };
    let got = Pca::fit_with(a, k, solver);
    if m < 2 {
        assert_eq!(
            got,
            Err(Error::TooFewSamples {
                samples: m,
                required: 2
            })
        );
        return;
    }
    if k == 0 || k > available {
        assert_eq!(
            got,
            Err(Error::TooManyComponents {
                requested: k,
                available
            })
        );
        return;
    }
    let finite = a.as_slice().iter().all(|x| x.is_finite());
    let reference = finite.then(|| Reference::of(a));
    let u = T::unit_roundoff();
    let tolerance = 30.0 * m.max(n) as f64 * u;
    let pca = match got {
        Ok(pca) => pca,
        Err(Error::NonFinite) => {
            assert!(!finite, "Pca::fit_with: NonFinite on finite data");
            return;
        }
        Err(Error::Overflow) => {
            let reference = reference.expect("Overflow on non-finite data");
            assert!(
                reference.variance_may_overflow::<T>(m, tolerance),
                "Pca::fit_with({solver:?}): Overflow with a co-moment of 2^{}",
                reference.log2_comoment()
            );
            return;
        }
        Err(e) => panic!("Pca::fit_with({solver:?}, {k}): {e:?}"),
    };
    assert!(finite, "Pca::fit_with: Ok on non-finite data");
    let reference = reference.expect("finite");
    let c = dense(pca.components());
    if debug() {
        eprintln!(
            "pca {:?}, k {k}: s = {:?}",
            pca.solver(),
            pca.singular_values()
        );
    }
    assert_eq!((c.rows, c.cols), (k, n), "components: shape");
    let e = T::epsilon().wide();
    let orth = c.mul(&c.t()).sub(&Dense::identity(k)).max_abs();
    assert_le(
        "Pca: ||I - C C^T||",
        orth,
        THRESH_SEP * n.max(m) as f64 * e + gamma(n, F64_U),
    );
    // The mean: a sum of m values and a division, `gamma_(m+1)` relative to the sum of
    // magnitudes (at most m max|x|), plus the underflow of scaling.
    for (j, (&got, &want)) in pca.mean().iter().zip(&reference.mean).enumerate() {
        let bound = gamma(m + 1, u) * reference.max_abs[j]
            + reference.scaled_mean(m as f64 * T::smallest_subnormal(), j);
        let diff = (reference.scaled_mean(got.wide(), j) - want).abs();
        assert_le(&format!("Pca: mean[{j}]"), diff, bound);
    }
    let s = wide(pca.singular_values());
    assert_eq!(s.len(), k);
    assert!(
        s.windows(2).all(|p| p[0] >= p[1]) && s.iter().all(|x| *x >= 0.0 && x.is_finite()),
        "Pca: singular values {s:?}"
    );
    let dof = (m - 1) as f64;
    for (i, (&v, &si)) in pca.explained_variance().iter().zip(&s).enumerate() {
        // (s / sqrt(m - 1))^2: the square root and the division each add u to the quotient's
        // relative error, which the square doubles, and the product adds one more (gamma_5);
        // the reference's own two roundings in f64 (gamma_2).
        let want = si * si / dof;
        assert_le(
            &format!("Pca: explained_variance[{i}]"),
            (v.wide() - want).abs(),
            (gamma(5, u) + gamma(2, F64_U)) * want + 2.0 * T::smallest_subnormal(),
        );
    }
    let ratios = wide(pca.explained_variance_ratio());
    let sum: f64 = ratios.iter().sum();
    assert!(
        ratios.iter().all(|r| (0.0..=1.0 + tolerance).contains(r)) && sum <= 1.0 + tolerance,
        "Pca: explained_variance_ratio {ratios:?}"
    );
    // `||X_c v_i||` against `s_i`, with `X_c` centred on the fitted mean in `f64` and scaled
    // by `2^-scale` to largest magnitude about 1 (so that no square underflows), `s_i` too.
    let xc = Dense::from_fn(m, n, |i, j| a[(i, j)].wide() - pca.mean()[j].wide());
    let top = xc.max_abs();
    if !top.is_finite() || top == 0.0 {
        transform(a, &pca, &c);
        return;
    }
    let scale = top.log2().floor() as i32;
    let xc = xc.map(|x| times_pow2(x, -scale));
    let fro = xc.fro();
    let projected = xc.mul(&c.t());
    for (i, &si) in s.iter().enumerate() {
        let si = times_pow2(si, -scale);
        let norm = (0..m)
            .map(|r| projected.at(r, i).powi(2))
            .sum::<f64>()
            .sqrt();
        // Centring in T rounds each element by u |x - mean|: u ||X_c||_F in all; the
        // decomposition's own underflow allowance, scaled.
        let centring = u * fro + times_pow2(svd_underflow::<T>(m, n), -scale);
        match pca.solver() {
            PcaSolver::Exact => assert_le(
                &format!("Pca(Exact): | ||X_c v_{i}|| - s_{i} |"),
                (norm - si).abs(),
                THRESH_SVD * m.max(n) as f64 * e * fro + centring,
            ),
            PcaSolver::Gram => assert_le(
                &format!("Pca(Gram): | ||X_c v_{i}||^2 - s_{i}^2 |"),
                (norm * norm - si * si).abs(),
                (THRESH_SEP * n as f64 * e + gamma(m, u)) * fro * fro
                    + 2.0 * centring * (fro + centring),
            ),
            // The range finder's values are those of a projection: at most the exact ones.
            _ => {}
        }
    }
    transform(a, &pca, &c);
}

/// `transform(X) = (X - mean) C^T`: each element within `gamma_(n+1)` of `(|X| + |mean|) |C|^T`
/// (the subtraction and a product of length `n`), plus underflow.
fn transform<T: Float>(a: &DMatrix<T>, pca: &Pca<T>, c: &Dense) {
    let (m, n) = a.shape();
    let z = dense(
        &pca.transform(a)
            .expect("transform of the fitted data's shape"),
    );
    let mean = wide(pca.mean());
    let xc = Dense::from_fn(m, n, |i, j| a[(i, j)].wide() - mean[j]);
    let want = xc.mul(&c.t());
    let magnitude = Dense::from_fn(m, n, |i, j| a[(i, j)].wide().abs() + mean[j].abs())
        .mul(&c.abs().t())
        .scale(gamma(n + 1, T::unit_roundoff()) * (1.0 + f64_residual(n)))
        .map(|b| b + n as f64 * T::smallest_subnormal());
    for i in 0..m {
        for j in 0..c.rows {
            let (got, want, bound) = (z.at(i, j), want.at(i, j), magnitude.at(i, j));
            if got.is_finite() {
                assert_le(&format!("transform[{i}][{j}]"), (got - want).abs(), bound);
            } else {
                assert_le(
                    &format!("transform[{i}][{j}]: {got} below the edge"),
                    T::max_value().wide(),
                    want.abs() + bound,
                );
            }
        }
    }
    let wrong = DMatrix::<T>::zeros(1, n + 1);
    assert!(matches!(
        pca.transform(&wrong),
        Err(Error::ShapeMismatch { .. })
    ));
}

/// `Moments::of`, chunked `update`s and `merge`s of chunk summaries against the reference.
fn moments<T: Float>(a: &DMatrix<T>, input: &mut Input) {
    let (m, n) = a.shape();
    let finite = a.as_slice().iter().all(|x| x.is_finite());
    let whole = Moments::of(a);
    // Chunks of fuzzer-chosen lengths, fed to one accumulator and summarised apart.
    let mut fed = Moments::new(n);
    let mut merged = Moments::new(n);
    let mut fed_result = Ok(());
    let mut merged_result = Ok(());
    let mut start = 0;
    while start < m {
        let len = 1 + input.below(m - start);
        let chunk = DMatrix::from_fn(len, n, |i, j| a[(start + i, j)]);
        if fed_result.is_ok() {
            fed_result = fed.update(&chunk);
        }
        if merged_result.is_ok() {
            merged_result = Moments::of(&chunk).and_then(|part| merged.merge(&part));
        }
        start += len;
    }
    let outcomes = [
        ("of", whole.map(|_| ())),
        ("update", fed_result),
        ("merge", merged_result),
    ];
    if !finite {
        // The whole data is checked at once; chunk by chunk, a finite chunk before the first
        // non-finite one may already have overflowed.
        assert_eq!(
            outcomes[0].1,
            Err(Error::NonFinite),
            "Moments::of non-finite data"
        );
        for (what, got) in &outcomes[1..] {
            assert!(
                matches!(got, Err(Error::NonFinite | Error::Overflow)),
                "Moments::{what} of non-finite data: {got:?}"
            );
        }
        return;
    }
    let reference = Reference::of(a);
    let u = T::unit_roundoff();
    let tolerance = 30.0 * m as f64 * u;
    for (what, got) in &outcomes {
        if let Err(e) = got {
            assert_eq!(*e, Error::Overflow, "Moments::{what}");
            assert!(
                reference.may_overflow::<T>(tolerance),
                "Moments::{what}: Overflow with a co-moment of 2^{}",
                reference.log2_comoment()
            );
        }
    }
    for (what, summary, ok) in [
        ("of", Moments::of(a).ok(), outcomes[0].1.is_ok()),
        ("update", Some(fed), outcomes[1].1.is_ok()),
        ("merge", Some(merged), outcomes[2].1.is_ok()),
    ] {
        let Some(summary) = summary.filter(|_| ok) else {
            continue;
        };
        assert_eq!(summary.count(), m, "Moments::{what}: count");
        if m == 0 {
            continue;
        }
        for j in 0..n {
            let bound = tolerance * reference.max_abs[j]
                + reference.scaled_mean(m as f64 * T::smallest_subnormal(), j);
            let diff = reference.scaled_mean(summary.mean()[j].wide(), j) - reference.mean[j];
            assert_le(&format!("Moments::{what}: mean[{j}]"), diff.abs(), bound);
        }
        let comoment = summary.comoment();
        for i in 0..n {
            for j in 0..n {
                // m terms, each rounded relative to max|x_i - mean_i| max|x_j - mean_j|, where
                // the computed mean may be off by delta (the bound above): the deviations grow
                // by delta and the co-moment by m delta_i delta_j (exactly).
                let off = |j: usize| reference.max_dev[j] + tolerance * reference.max_abs[j];
                // Underflow: a deviation (or a merge's mean difference) that lands in the
                // subnormals is off by up to eta, which the other column's deviation
                // multiplies, and a product that lands there is off by eta itself; m terms (4
                // for the chunks' merges): `4 m eta (D_i + D_j + 1)` in real units, here in
                // the reference's.
                let eta = T::smallest_subnormal();
                let underflow = 4.0
                    * m as f64
                    * (times_pow2(eta, -reference.scale[j]) * off(i)
                        + times_pow2(eta, -reference.scale[i]) * off(j)
                        + reference.scaled_comoment(eta, i, j));
                let bound = 2.0 * m as f64 * tolerance * off(i) * off(j) + underflow;
                let got = reference.scaled_comoment(comoment[(i, j)].wide(), i, j);
                let diff = (got - reference.comoment[i * n + j]).abs();
                assert_le(&format!("Moments::{what}: comoment[{i}][{j}]"), diff, bound);
            }
        }
    }
}
