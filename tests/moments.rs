//! `Moments` against NumPy's `np.cov` and `np.corrcoef` (`tests/fixtures/moments.json`, from
//! `gen_npy.py`, on data statrix draws bit for bit from the same seed), merging any split
//! against the one-pass result, the serialised form, and the PCA from moments against the
//! in-memory one.
//!
//! # Bounds
//!
//! `c_ki = x_ki - mean_i`, `S_ij = Σ_k |c_ki| |c_kj|`, `A_i = Σ_k |c_ki|`, `gamma_m = m u /
//! (1 - m u)` with `u = eps / 2`:
//!
//! - A co-moment computed from centred data, by NumPy (`(X - mean)ᵀ (X - mean)`) or by one
//!   chunk here, is within `gamma_m S_ij` of the exact co-moment of the centred values it
//!   formed (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., eq. 3.5); a mean
//!   off by `e_i` changes it by `e_i Σ_k c_kj + ...`, where `Σ_k c_kj` is itself only rounding,
//!   so the means' errors enter at second order.
//! - Merging adds `δ_i δ_j n_a n_b / n`, `δ = m_b - m_a`: each merge rounds its three terms
//!   (`3 eps` relative), and `δ` carries the two means' errors, `eps (|m_a| + |m_b|)`, which
//!   is first order in `|mean|`; summed over the merges of a split those terms are at most
//!   `|mean_i| A_j + |mean_j| A_i` (each row's deviation is counted in one chunk's mean
//!   difference).
//! - So a split and the one pass, or statrix and NumPy, differ by at most `4 gamma_m (S_ij +
//!   |mean_i| A_j + |mean_j| A_i)`; the covariance divides by `m - 1` (one more rounding).
#![cfg(all(feature = "alloc", feature = "rand"))]

mod support;

use serde_json::Value;
use statrix::random::default_rng;
use statrix::{DMatrix, Error, Moments, Pca, PcaSolver};
use support::{fixture_cases, parse_f64, parse_list, parse_str};

const EPS: f64 = f64::EPSILON;

fn gamma(m: usize) -> f64 {
    let mu = m as f64 * EPS / 2.0;
    mu / (1.0 - mu)
}

/// The bound of the module documentation for element `(i, j)` of the co-moment of `x`.
fn comoment_bound(x: &DMatrix<f64>, mean: &[f64], i: usize, j: usize) -> f64 {
    let m = x.rows();
    let c = |k: usize, l: usize| (x[(k, l)] - mean[l]).abs();
    let s: f64 = (0..m).map(|k| c(k, i) * c(k, j)).sum();
    let a = |l: usize| (0..m).map(|k| c(k, l)).sum::<f64>();
    4.0 * gamma(m + 2) * (s + mean[i].abs() * a(j) + mean[j].abs() * a(i))
}

struct Case {
    x: DMatrix<f64>,
    mean: Vec<f64>,
    cov: Vec<f64>,
    corrcoef: Vec<f64>,
}

fn cases() -> Vec<Case> {
    fixture_cases("moments.json")
        .iter()
        .map(|c: &Value| {
            let count = |key: &str| parse_str::<usize>(c[key].as_str().unwrap(), key);
            let (m, n) = (count("m"), count("n"));
            let seed: u64 = parse_str(c["seed"].as_str().unwrap(), "seed");
            let (scale, offset) = (parse_f64(&c["scale"]), parse_f64(&c["offset"]));
            let z = DMatrix::<f64>::random_standard_normal(m, n, &mut default_rng(seed));
            Case {
                x: z.map(|v| v * scale + offset),
                mean: parse_list(&c["mean"]),
                cov: parse_list(&c["cov"]),
                corrcoef: parse_list(&c["corrcoef"]),
            }
        })
        .collect()
}

#[test]
fn covariance_and_correlation_equal_numpy() {
    for case in cases() {
        let (m, n) = case.x.shape();
        let moments = Moments::of(&case.x).unwrap();
        for (j, (got, want)) in moments.mean().iter().zip(&case.mean).enumerate() {
            let abs_mean = (0..m).map(|k| case.x[(k, j)].abs()).sum::<f64>() / m as f64;
            assert!(
                (got - want).abs() <= 2.0 * m as f64 * EPS * abs_mean,
                "mean {j}"
            );
        }
        let cov = moments.covariance().unwrap();
        let corr = moments.correlation().unwrap();
        for i in 0..n {
            for j in 0..n {
                let bound = (comoment_bound(&case.x, &case.mean, i, j) / (m - 1) as f64)
                    * (1.0 + 2.0 * EPS);
                let (got, want) = (cov[(i, j)], case.cov[i * n + j]);
                assert!(
                    (got - want).abs() <= bound,
                    "{m}x{n} cov ({i}, {j}): {got} vs {want}"
                );
                // r = c_ij / sqrt(c_ii c_jj): relative errors add, the square roots halve
                // theirs, and the division and square roots round 4 more times.
                let rel = |a: usize, b: usize| {
                    (comoment_bound(&case.x, &case.mean, a, b) / (m - 1) as f64) / cov[(a, b)].abs()
                };
                let bound_r = (rel(i, j) + 0.5 * rel(i, i) + 0.5 * rel(j, j) + 4.0 * EPS)
                    * case.corrcoef[i * n + j].abs()
                    * 2.0;
                let (got, want) = (corr[(i, j)], case.corrcoef[i * n + j]);
                assert!(
                    (got - want).abs() <= bound_r,
                    "{m}x{n} corrcoef ({i}, {j}): {got} vs {want}"
                );
            }
        }
    }
}

#[test]
fn merging_any_split_equals_one_pass() {
    for case in cases() {
        let (m, n) = case.x.shape();
        let one_pass = Moments::of(&case.x).unwrap();
        let rows = |a: usize, b: usize| DMatrix::from_fn(b - a, n, |i, j| case.x[(a + i, j)]);
        // Chunks fed in order, chunks merged as a tree, and uneven pieces merged backwards.
        let mut fed = Moments::new(n);
        for a in (0..m).step_by(7) {
            fed.update(&rows(a, (a + 7).min(m))).unwrap();
        }
        let halves = |lo: usize, hi: usize| {
            let mid = (lo + hi) / 2;
            let mut left = Moments::of(&rows(lo, mid)).unwrap();
            left.merge(&Moments::of(&rows(mid, hi)).unwrap()).unwrap();
            left
        };
        let mut tree = halves(0, m / 2);
        tree.merge(&halves(m / 2, m)).unwrap();
        let cuts = [0, 1, 2, m / 3, m - 1, m];
        let mut backwards = Moments::new(n);
        for w in cuts.windows(2).rev() {
            backwards
                .merge(&Moments::of(&rows(w[0], w[1])).unwrap())
                .unwrap();
        }
        for split in [&fed, &tree, &backwards] {
            assert_eq!(split.count(), m);
            let (got, want) = (split.comoment(), one_pass.comoment());
            for i in 0..n {
                for j in 0..n {
                    let bound = 2.0 * comoment_bound(&case.x, one_pass.mean(), i, j);
                    assert!(
                        (got[(i, j)] - want[(i, j)]).abs() <= bound,
                        "{m}x{n} co-moment ({i}, {j}): {} vs {}",
                        got[(i, j)],
                        want[(i, j)]
                    );
                }
                // A mean is a weighted average of chunk means: within 2 m eps mean|x|.
                let abs_mean = (0..m).map(|k| case.x[(k, i)].abs()).sum::<f64>() / m as f64;
                let (a, b) = (split.mean()[i], one_pass.mean()[i]);
                assert!((a - b).abs() <= 4.0 * m as f64 * EPS * abs_mean, "mean {i}");
            }
        }
    }
}

#[cfg(feature = "serde")]
#[test]
fn serialises_and_checks_sizes_on_the_way_in() {
    let x = DMatrix::<f64>::random_standard_normal(20, 3, &mut default_rng(4));
    let moments = Moments::of(&x).unwrap();
    let json = serde_json::to_string(&moments).unwrap();
    let back: Moments<f64> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, moments);
    // A co-moment of the wrong size is refused.
    let bad = r#"{"count": 2, "mean": [0.0, 1.0], "comoment": [1.0, 0.0, 0.0]}"#;
    assert!(serde_json::from_str::<Moments<f64>>(bad).is_err());
    // A count that would overflow on merging is an error, and the summary is unchanged.
    let huge = format!(
        r#"{{"count": {}, "mean": [0.0], "comoment": [1.0]}}"#,
        usize::MAX
    );
    let mut huge: Moments<f64> = serde_json::from_str(&huge).unwrap();
    let before = huge.clone();
    let one = Moments::of(&DMatrix::from_vec(1, 1, vec![2.0]).unwrap()).unwrap();
    assert_eq!(huge.merge(&one), Err(Error::Overflow));
    assert_eq!(huge, before);
}

#[test]
fn pca_from_moments_equals_the_in_memory_gram_pca() {
    let x = DMatrix::<f64>::random_standard_normal(400, 12, &mut default_rng(6));
    let mut moments = Moments::new(12);
    for a in (0..400).step_by(64) {
        let b = (a + 64).min(400);
        moments
            .update(&DMatrix::from_fn(b - a, 12, |i, j| x[(a + i, j)]))
            .unwrap();
    }
    let streamed = Pca::from_moments(&moments, 4).unwrap();
    let in_memory = Pca::fit_with(&x, 4, PcaSolver::Gram).unwrap();
    assert_eq!(streamed.solver(), PcaSolver::Gram);
    // Both are the Gram solver on co-moments that differ by the bound above (at most about
    // 4 gamma_m |Xc|^2 elementwise): eigenvalues within n times that (Weyl), so singular
    // values within that over 2 s_j, plus each solver's own p eps s_1^2 / s_j.
    let s = in_memory.singular_values();
    let s1 = s[0];
    for (j, (&a, &b)) in streamed.singular_values().iter().zip(s).enumerate() {
        let bound = (12.0 * 4.0 * gamma(402) * s1 * s1 * 2.0 + 2.0 * 400.0 * EPS * s1 * s1) / b;
        assert!((a - b).abs() <= bound, "S[{j}]: {a} vs {b}");
    }
    assert_eq!(streamed.mean(), moments.mean());
}

#[test]
fn bad_input_is_a_clear_error() {
    let mut m = Moments::<f64>::new(2);
    assert_eq!(
        m.covariance(),
        Err(Error::TooFewSamples {
            samples: 0,
            required: 2
        })
    );
    assert!(matches!(
        m.update(&DMatrix::zeros(3, 4)),
        Err(Error::ShapeMismatch { op: "update", .. })
    ));
    assert!(matches!(
        m.merge(&Moments::new(3)),
        Err(Error::ShapeMismatch { op: "merge", .. })
    ));
    assert_eq!(
        Pca::from_moments(&m, 1),
        Err(Error::TooFewSamples {
            samples: 0,
            required: 2
        })
    );
    m.update(&DMatrix::from_fn(5, 2, |i, j| (i + j) as f64))
        .unwrap();
    assert_eq!(
        Pca::from_moments(&m, 3),
        Err(Error::TooManyComponents {
            requested: 3,
            available: 2
        })
    );
    // A constant feature has NaN correlations, as NumPy's.
    let mut c = Moments::<f64>::new(2);
    c.update(&DMatrix::from_fn(
        4,
        2,
        |i, j| if j == 0 { 1.0 } else { i as f64 },
    ))
    .unwrap();
    let r = c.correlation().unwrap();
    assert!(r[(0, 1)].is_nan() && r[(0, 0)].is_nan());
    assert_eq!(r[(1, 1)], 1.0);
}
