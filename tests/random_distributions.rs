//! The distributions of the seeded samplers (feature `rand`), by moments and chi-squared
//! tests on counts.
//!
//! Every test uses a fixed seed, so it is deterministic; the bounds are what a correct
//! sampler would exceed with a stated small probability over seeds, derived from the sample
//! size, never tuned to the seed:
//! - moments: a sample mean (or variance) is compared with its expectation within
//!   `Z_BOUND = 5` standard errors, the standard error computed from the distribution's
//!   variance (fourth central moment) and the sample size; by the central limit theorem the
//!   false-alarm probability is `P(|Z| > 5) = 5.7e-7` (`2 * scipy.stats.norm.sf(5)`).
//! - counts: Pearson's chi-squared statistic over cells each expected at least 5 times (the
//!   usual condition for the chi-squared approximation, asserted), compared with
//!   `scipy.stats.chi2.ppf(1 - 1e-6, dof)`: false-alarm probability `1e-6`.
//!
//! Sample sizes are halved in debug builds to keep the file fast; the bounds follow from
//! whichever size runs.
#![cfg(feature = "rand")]

use std::collections::HashMap;

use statrix::random::{
    Replacement, choice, choice_indices, choice_weighted, default_rng, permutation,
    permutation_indices, shuffle, shuffle_rows,
};
use statrix::{Matrix, matrix, vector};

/// Standard errors allowed for a sample moment (see the file's docs): `P(|Z| > 5) = 5.7e-7`.
const Z_BOUND: f64 = 5.0;

/// `scipy.stats.chi2.ppf(1 - 1e-6, dof)` for the degrees of freedom the tests use
/// (scipy 1.17.1): the chi-squared statistic exceeds it with probability `1e-6`.
fn chi2_critical(dof: usize) -> f64 {
    match dof {
        2 => 27.631021115871036,
        3 => 30.66484970615427,
        5 => 35.88818687961042,
        8 => 42.70091392647789,
        9 => 44.81093787062026,
        10 => 46.86304684671568,
        12 => 50.82525213880362,
        15 => 56.49344249969959,
        19 => 63.67705228560063,
        23 => 70.54955713680532,
        99 => 180.79201532577878,
        254 => 375.8680230617971,
        _ => panic!("no chi-squared critical value recorded for {dof} degrees of freedom"),
    }
}

/// Scales a sample size down in debug builds (unoptimised ChaCha and `libm` are slow there).
fn samples(release: usize) -> usize {
    if cfg!(debug_assertions) {
        release / 2
    } else {
        release
    }
}

/// Pearson's chi-squared test of `counts` against cell probabilities `probs` (which sum to
/// 1): asserts every expected count is at least 5 and the statistic is below the `1e-6`
/// critical value for `counts.len() - 1` degrees of freedom.
fn assert_chi_squared(what: &str, counts: &[u64], probs: &[f64]) {
    assert_eq!(counts.len(), probs.len());
    let total: u64 = counts.iter().sum();
    let n = total as f64;
    let mut statistic = 0.0;
    for (&observed, &p) in counts.iter().zip(probs) {
        let expected = n * p;
        assert!(
            expected >= 5.0,
            "{what}: expected count {expected} < 5; pool cells or draw more"
        );
        let d = observed as f64 - expected;
        statistic += d * d / expected;
    }
    let critical = chi2_critical(counts.len() - 1);
    assert!(
        statistic < critical,
        "{what}: chi-squared {statistic} >= {critical} (dof {}), counts {counts:?}",
        counts.len() - 1
    );
}

/// Asserts `|estimate - expected| <= Z_BOUND * standard_error`.
fn assert_within(what: &str, estimate: f64, expected: f64, standard_error: f64) {
    assert!(
        (estimate - expected).abs() <= Z_BOUND * standard_error,
        "{what}: {estimate} vs {expected}, more than {Z_BOUND} standard errors ({standard_error})"
    );
}

/// Checks the sample mean and the sample variance of `xs` against a distribution with mean
/// `mean`, variance `var` and fourth central moment `mu4`: the mean's standard error is
/// `sqrt(var / n)`, the variance's `sqrt((mu4 - var^2) / n)` (the asymptotic variance of
/// the sample variance; the O(1/n^2) terms are negligible at n >= 10^3).
fn assert_moments(what: &str, xs: &[f64], mean: f64, var: f64, mu4: f64) {
    let n = xs.len() as f64;
    let sample_mean = xs.iter().sum::<f64>() / n;
    let sample_var = xs.iter().map(|x| (x - sample_mean).powi(2)).sum::<f64>() / (n - 1.0);
    assert_within(&format!("{what} mean"), sample_mean, mean, (var / n).sqrt());
    assert_within(
        &format!("{what} variance"),
        sample_var,
        var,
        ((mu4 - var * var) / n).sqrt(),
    );
}

// ---------------------------------------------------------------------------------------
// Continuous distributions.

/// Draws `n` values (rounded up to whole chunks of 500) from `draw`.
fn collect<T: Copy>(n: usize, mut draw: impl FnMut() -> Matrix<T, 1, 500>) -> Vec<T> {
    let mut out = Vec::with_capacity(n + 500);
    while out.len() < n {
        out.extend_from_slice(draw().as_slice());
    }
    out
}

/// Counts the values of `xs` in the cells cut by the increasing `edges`.
fn bin(xs: &[f64], edges: &[f64]) -> Vec<u64> {
    let mut counts = vec![0u64; edges.len() + 1];
    for &x in xs {
        counts[edges.partition_point(|&e| e <= x)] += 1;
    }
    counts
}

#[test]
fn uniform_matches_its_distribution() {
    let mut rng = default_rng(101);
    let (a, b) = (-2.0f64, 3.0f64);
    let xs = collect(samples(100_000), || {
        Matrix::random_uniform(&mut rng, a, b).expect("valid")
    });
    assert!(xs.iter().all(|&x| a <= x && x < b));
    // U(a, b): variance (b - a)^2 / 12, fourth central moment (b - a)^4 / 80.
    let w = b - a;
    assert_moments(
        "uniform f64",
        &xs,
        (a + b) / 2.0,
        w * w / 12.0,
        w.powi(4) / 80.0,
    );
    // 20 equal cells.
    let edges: Vec<f64> = (1..20).map(|k| a + w * k as f64 / 20.0).collect();
    assert_chi_squared("uniform f64 cells", &bin(&xs, &edges), &[0.05; 20]);

    let xs: Vec<f64> = collect(samples(100_000), || Matrix::<f32, 1, 500>::random(&mut rng))
        .into_iter()
        .map(f64::from)
        .collect();
    assert!(xs.iter().all(|&x| (0.0..1.0).contains(&x)));
    assert_moments("random f32", &xs, 0.5, 1.0 / 12.0, 1.0 / 80.0);
    let edges: Vec<f64> = (1..20).map(|k| k as f64 / 20.0).collect();
    assert_chi_squared("random f32 cells", &bin(&xs, &edges), &[0.05; 20]);
}

/// The deciles of the standard normal, `scipy.stats.norm.ppf(k / 10)` for k = 1..9.
const NORMAL_DECILES: [f64; 9] = [
    -1.2815515655446004,
    -0.8416212335729142,
    -0.5244005127080409,
    -0.2533471031357997,
    0.0,
    0.2533471031357997,
    0.5244005127080407,
    0.8416212335729143,
    1.2815515655446004,
];

#[test]
fn standard_normal_matches_its_distribution() {
    let mut rng = default_rng(202);
    let xs: Vec<f64> = collect(samples(100_000), || {
        Matrix::<f64, 1, 500>::random_standard_normal(&mut rng)
    });
    // N(0, 1): variance 1, fourth central moment 3.
    assert_moments("standard normal f64", &xs, 0.0, 1.0, 3.0);
    assert_chi_squared(
        "standard normal deciles",
        &bin(&xs, &NORMAL_DECILES),
        &[0.1; 10],
    );
    // The two halves of a Box-Muller pair are independent: the 10 x 10 table of their
    // deciles is uniform (99 degrees of freedom; 100 cells, each expected n / 200 >= 5).
    let mut table = vec![0u64; 100];
    for pair in xs.chunks_exact(2) {
        let cell = |z: f64| NORMAL_DECILES.partition_point(|&e| e <= z);
        table[10 * cell(pair[0]) + cell(pair[1])] += 1;
    }
    assert_chi_squared("normal pair deciles", &table, &[0.01; 100]);

    // Odd widths (the last pair's sine discarded) and f32 keep the distribution.
    let xs: Vec<f64> = (0..samples(50_000) / 3)
        .flat_map(|_| Matrix::<f32, 1, 3>::random_standard_normal(&mut rng).into_array()[0])
        .map(f64::from)
        .collect();
    assert_moments("standard normal f32, width 3", &xs, 0.0, 1.0, 3.0);
    assert_chi_squared(
        "standard normal f32 deciles",
        &bin(&xs, &NORMAL_DECILES),
        &[0.1; 10],
    );
}

#[test]
fn normal_matches_its_distribution() {
    let mut rng = default_rng(303);
    let (mean, std) = (10.0, 2.5);
    let xs = collect(samples(50_000), || {
        Matrix::random_normal(&mut rng, mean, std).expect("valid")
    });
    let var = std * std;
    assert_moments("normal(10, 2.5)", &xs, mean, var, 3.0 * var * var);
    let edges: Vec<f64> = NORMAL_DECILES.iter().map(|z| mean + std * z).collect();
    assert_chi_squared("normal(10, 2.5) deciles", &bin(&xs, &edges), &[0.1; 10]);
}

// ---------------------------------------------------------------------------------------
// Discrete distributions.

#[test]
fn integers_are_uniform() {
    let mut rng = default_rng(404);
    // A small signed range: 10 cells.
    let xs = collect(samples(50_000), || {
        Matrix::<i32, 1, 500>::random_integers(&mut rng, -3, 7).expect("valid")
    });
    let mut counts = vec![0u64; 10];
    for &x in &xs {
        assert!((-3..7).contains(&x));
        counts[(x + 3) as usize] += 1;
    }
    assert_chi_squared("integers [-3, 7)", &counts, &[0.1; 10]);

    // A full u8 range but one: 255 cells, 40 expected per cell in debug.
    let xs = collect(255 * 40, || {
        Matrix::<u8, 1, 500>::random_integers(&mut rng, 0, 255).expect("valid")
    });
    let mut counts = vec![0u64; 255];
    for &x in &xs {
        counts[usize::from(x)] += 1;
    }
    assert_chi_squared("integers [0, 255)", &counts, &vec![1.0 / 255.0; 255]);

    // Ranges of 3 * 2^30 (32-bit draws) and 3 * 2^62 (64-bit draws): multiplication without
    // the rejection step would give v % 3 == 0 twice the probability of the others, and the
    // top bits (v >> 30 or v >> 62, three equal cells) test the coarse shape.
    let xs = collect(samples(30_000), || {
        Matrix::<u32, 1, 500>::random_integers(&mut rng, 0, 3 << 30).expect("valid")
    });
    let mut residues = vec![0u64; 3];
    let mut tops = vec![0u64; 3];
    for &x in &xs {
        residues[(x % 3) as usize] += 1;
        tops[(x >> 30) as usize] += 1;
    }
    assert_chi_squared("integers [0, 3 * 2^30) mod 3", &residues, &[1.0 / 3.0; 3]);
    assert_chi_squared("integers [0, 3 * 2^30) top", &tops, &[1.0 / 3.0; 3]);
    let xs = collect(samples(30_000), || {
        Matrix::<u64, 1, 500>::random_integers(&mut rng, 0, 3 << 62).expect("valid")
    });
    let mut residues = vec![0u64; 3];
    let mut tops = vec![0u64; 3];
    for &x in &xs {
        residues[(x % 3) as usize] += 1;
        tops[(x >> 62) as usize] += 1;
    }
    assert_chi_squared("integers [0, 3 * 2^62) mod 3", &residues, &[1.0 / 3.0; 3]);
    assert_chi_squared("integers [0, 3 * 2^62) top", &tops, &[1.0 / 3.0; 3]);
}

/// The binomial pmf, by the ratio recurrence `f(k + 1) / f(k) = (n - k) / (k + 1) * p / q`
/// outwards from the mode (where `f` is largest, so nothing underflows that matters), then
/// normalised to sum 1. Rounding is about `n * eps` relative, far below what a chi-squared
/// test on 10^5 samples can see.
fn binomial_pmf(n: u64, p: f64) -> Vec<f64> {
    let q = 1.0 - p;
    let mode = (((n + 1) as f64) * p).floor().min(n as f64) as usize;
    let mut f = vec![0.0; n as usize + 1];
    f[mode] = 1.0;
    for k in mode..n as usize {
        f[k + 1] = f[k] * (n as usize - k) as f64 / (k + 1) as f64 * (p / q);
    }
    for k in (0..mode).rev() {
        f[k] = f[k + 1] * (k + 1) as f64 / (n as usize - k) as f64 * (q / p);
    }
    let sum: f64 = f.iter().sum();
    f.iter().map(|x| x / sum).collect()
}

/// Chi-squared test of binomial samples against the exact pmf. Values are grouped into
/// cells so that each is expected at least 5 times: for a wide distribution (variance at
/// least 25) into 20 cells of about equal probability (each value goes to the cell of its
/// mid-CDF, 19 dof); otherwise the tails are pooled into the end cells and the top cells
/// merged until the degrees of freedom have a recorded critical value. Grouping keeps the
/// test valid (it only loses power).
fn assert_binomial(what: &str, xs: &[u64], n: u64, p: f64) {
    let pmf = binomial_pmf(n, p);
    let total = xs.len() as f64;
    let mut counts = vec![0u64; pmf.len()];
    for &x in xs {
        assert!(x <= n, "{what}: {x} > n = {n}");
        counts[x as usize] += 1;
    }
    if n as f64 * p * (1.0 - p) >= 25.0 {
        const GROUPS: usize = 20;
        let (mut cells, mut probs) = (vec![0u64; GROUPS], vec![0.0; GROUPS]);
        let mut cdf = 0.0;
        for (&f, &c) in pmf.iter().zip(&counts) {
            let g = (((cdf + f / 2.0) * GROUPS as f64) as usize).min(GROUPS - 1);
            cells[g] += c;
            probs[g] += f;
            cdf += f;
        }
        assert_chi_squared(what, &cells, &probs);
        return;
    }
    let (mut lo, mut hi) = (0, pmf.len() - 1);
    let (mut lo_p, mut lo_c, mut hi_p, mut hi_c) = (pmf[0], counts[0], pmf[hi], counts[hi]);
    while total * lo_p < 5.0 {
        lo += 1;
        lo_p += pmf[lo];
        lo_c += counts[lo];
    }
    while total * hi_p < 5.0 {
        hi -= 1;
        hi_p += pmf[hi];
        hi_c += counts[hi];
    }
    let mut probs = vec![lo_p];
    let mut cells = vec![lo_c];
    probs.extend_from_slice(&pmf[lo + 1..hi]);
    cells.extend_from_slice(&counts[lo + 1..hi]);
    probs.push(hi_p);
    cells.push(hi_c);
    let (cells, probs) = merge_to_recorded_dof(cells, probs);
    assert_chi_squared(what, &cells, &probs);
}

/// Merges the top two cells until `cells.len() - 1` has a recorded chi-squared critical
/// value.
fn merge_to_recorded_dof(mut cells: Vec<u64>, mut probs: Vec<f64>) -> (Vec<u64>, Vec<f64>) {
    const RECORDED: [usize; 12] = [2, 3, 5, 8, 9, 10, 12, 15, 19, 23, 99, 254];
    while !RECORDED.contains(&(cells.len() - 1)) {
        let c = cells.pop().expect("cells");
        let p = probs.pop().expect("probs");
        *cells.last_mut().expect("cells") += c;
        *probs.last_mut().expect("probs") += p;
    }
    (cells, probs)
}

#[test]
fn binomial_matches_its_pmf() {
    let mut rng = default_rng(505);
    let n_samples = samples(50_000);
    // Inversion (n p = 6; flipped, n (1 - p) = 3; n = 5), BTPE by the pmf recurrence of
    // step 5.1 (n p q = 24 and 18.75: |y - m| <= 20 or >= n p q / 2 - 1 always), and BTPE
    // through the squeeze and Stirling steps 5.2-5.3 (n p q = 420, 2500, and 800 flipped).
    for (n, p) in [
        (20u64, 0.3),
        (30, 0.9),
        (5, 0.5),
        (100, 0.4),
        (100, 0.75),
        (2000, 0.3),
        (10_000, 0.5),
        (5000, 0.8),
    ] {
        let xs = collect(n_samples, || {
            Matrix::<u64, 1, 500>::random_binomial(&mut rng, n, p).expect("valid")
        });
        assert_binomial(&format!("binomial({n}, {p})"), &xs, n, p);
    }
    // Large n by moments: B(n, p) has mean np, variance npq, fourth central moment
    // npq (1 + 3 (n - 2) p q).
    let (n, p) = (1_000_000u64, 0.5);
    let xs: Vec<f64> = collect(samples(20_000), || {
        Matrix::<u64, 1, 500>::random_binomial(&mut rng, n, p).expect("valid")
    })
    .into_iter()
    .map(|x| x as f64)
    .collect();
    let (nf, q) = (n as f64, 1.0 - p);
    let var = nf * p * q;
    assert_moments(
        "binomial(1e6, 0.5)",
        &xs,
        nf * p,
        var,
        var * (1.0 + 3.0 * (nf - 2.0) * p * q),
    );
    // A tiny p with a huge n (inversion with q^n from log1p): mean 2.
    let (n, p) = (1u64 << 60, 2.0 / (1u64 << 60) as f64);
    let xs: Vec<f64> = collect(samples(20_000), || {
        Matrix::<u64, 1, 500>::random_binomial(&mut rng, n, p).expect("valid")
    })
    .into_iter()
    .map(|x| x as f64)
    .collect();
    let var = n as f64 * p * (1.0 - p);
    assert_moments(
        "binomial(2^60, 2^-59)",
        &xs,
        2.0,
        var,
        var * (1.0 + 3.0 * var),
    );
}

#[test]
fn bernoulli_matches_p() {
    let mut rng = default_rng(606);
    for p in [0.03, 0.3, 0.5, 0.97] {
        let xs = collect(samples(50_000), || {
            Matrix::<bool, 1, 500>::random_bernoulli(&mut rng, p).expect("valid")
        });
        let n = xs.len() as f64;
        let ones = xs.iter().filter(|&&x| x).count() as f64;
        // The count of trues is B(n, p): mean np, standard deviation sqrt(np(1 - p)).
        assert_within(
            &format!("bernoulli({p}) count"),
            ones,
            n * p,
            (n * p * (1.0 - p)).sqrt(),
        );
    }
}

// ---------------------------------------------------------------------------------------
// Permutations and choice.

/// The index of a permutation of 0..4 among the 24, for counting.
fn permutation_rank(perm: &[usize]) -> usize {
    let mut rank = 0;
    let mut remaining: Vec<usize> = (0..perm.len()).collect();
    for &x in perm {
        let pos = remaining
            .iter()
            .position(|&r| r == x)
            .expect("a permutation");
        rank = rank * remaining.len() + pos;
        remaining.remove(pos);
    }
    rank
}

#[test]
fn shuffles_are_uniform_over_all_orderings() {
    let mut rng = default_rng(707);
    let trials = samples(24 * 500);
    // shuffle, permutation_indices, permutation of a vector and shuffle_rows: 24 orderings
    // of 4 items, each with probability 1/24 (23 degrees of freedom).
    let mut counts = [
        vec![0u64; 24],
        vec![0u64; 24],
        vec![0u64; 24],
        vec![0u64; 24],
    ];
    for _ in 0..trials {
        let mut a = [0, 1, 2, 3];
        shuffle(&mut rng, &mut a);
        counts[0][permutation_rank(&a)] += 1;
        counts[1][permutation_rank(&permutation_indices::<4, _>(&mut rng))] += 1;
        counts[2][permutation_rank(&permutation(&mut rng, &vector![0, 1, 2, 3]).to_array())] += 1;
        let mut m = matrix![0, 0; 1, 10; 2, 20; 3, 30];
        shuffle_rows(&mut rng, &mut m);
        assert!(
            m.rows().all(|row| row[(0, 1)] == 10 * row[(0, 0)]),
            "rows stay whole"
        );
        counts[3][permutation_rank(&m.col(0).to_array())] += 1;
    }
    for (what, c) in [
        "shuffle",
        "permutation_indices",
        "permutation",
        "shuffle_rows",
    ]
    .iter()
    .zip(&counts)
    {
        assert_chi_squared(what, c, &[1.0 / 24.0; 24]);
    }
}

#[test]
fn choice_is_uniform() {
    let mut rng = default_rng(808);
    let trials = samples(20 * 500);
    // With replacement: every pick uniform over 6 items (5 dof).
    let mut with = vec![0u64; 6];
    // Without replacement, 2 of 5: the 20 ordered pairs are equally likely (19 dof).
    let mut pairs = [0u64; 25];
    // Without replacement, all 4 of 4: the 24 orderings are equally likely (23 dof).
    let mut full = vec![0u64; 24];
    for _ in 0..trials {
        let picks: [usize; 3] =
            choice(&mut rng, &[0, 1, 2, 3, 4, 5], Replacement::With).expect("valid");
        for p in picks {
            with[p] += 1;
        }
        let [i, j]: [usize; 2] = choice_indices(&mut rng, 5, Replacement::Without).expect("valid");
        assert_ne!(i, j);
        pairs[5 * i + j] += 1;
        let all: [usize; 4] = choice(&mut rng, &[0, 1, 2, 3], Replacement::Without).expect("valid");
        full[permutation_rank(&all)] += 1;
    }
    assert_chi_squared("choice with replacement", &with, &[1.0 / 6.0; 6]);
    // The 5 diagonal cells (i == j) cannot occur and are left out.
    assert!((0..5).all(|i| pairs[6 * i] == 0));
    let pair_counts: Vec<u64> = (0..25)
        .filter(|c| c / 5 != c % 5)
        .map(|c| pairs[c])
        .collect();
    let pair_probs = [1.0 / 20.0; 20];
    assert_chi_squared(
        "choice of 2 of 5 without replacement",
        &pair_counts,
        &pair_probs,
    );
    assert_chi_squared(
        "choice of 4 of 4 without replacement",
        &full,
        &[1.0 / 24.0; 24],
    );
}

#[test]
fn weighted_choice_follows_p() {
    let mut rng = default_rng(909);
    let trials = samples(20_000);
    // With replacement, f64 and f32 p: counts over the positive cells (2 dof); the zero
    // cell never comes out.
    let p = [0.5, 0.0, 0.2, 0.3];
    let mut counts = [0u64; 4];
    let mut counts32 = [0u64; 4];
    for _ in 0..trials / 4 {
        let picks: [usize; 4] =
            choice_weighted(&mut rng, &[0, 1, 2, 3], &p, Replacement::With).expect("valid");
        let picks32: [usize; 4] = choice_weighted(
            &mut rng,
            &[0, 1, 2, 3],
            &[0.5f32, 0.0, 0.2, 0.3],
            Replacement::With,
        )
        .expect("valid");
        for (a, b) in picks.into_iter().zip(picks32) {
            counts[a] += 1;
            counts32[b] += 1;
        }
    }
    assert_eq!(counts[1], 0);
    assert_eq!(counts32[1], 0);
    let positive = [0.5, 0.2, 0.3];
    assert_chi_squared(
        "weighted with replacement",
        &[counts[0], counts[2], counts[3]],
        &positive,
    );
    assert_chi_squared(
        "weighted f32 with replacement",
        &[counts32[0], counts32[2], counts32[3]],
        &positive,
    );

    // Without replacement, 2 of 3 with p = (0.5, 0.3, 0.2): P(i, then j) = p_i p_j / (1 - p_i),
    // the successive-sampling law NumPy's draw-and-drop-repeats also has (5 dof).
    let p = [0.5, 0.3, 0.2];
    let mut ordered: HashMap<(usize, usize), u64> = HashMap::new();
    for _ in 0..trials {
        let [i, j]: [usize; 2] =
            choice_weighted(&mut rng, &[0, 1, 2], &p, Replacement::Without).expect("valid");
        assert_ne!(i, j);
        *ordered.entry((i, j)).or_default() += 1;
    }
    let cells: Vec<(usize, usize)> = (0..3)
        .flat_map(|i| (0..3).map(move |j| (i, j)))
        .filter(|(i, j)| i != j)
        .collect();
    let counts: Vec<u64> = cells
        .iter()
        .map(|c| ordered.get(c).copied().unwrap_or(0))
        .collect();
    let probs: Vec<f64> = cells
        .iter()
        .map(|&(i, j)| p[i] * p[j] / (1.0 - p[i]))
        .collect();
    assert_chi_squared("weighted 2 of 3 without replacement", &counts, &probs);
}
