//! Weighted sampling: [`choice_weighted`], NumPy's `rng.choice(a, K, replace=..., p=p)`.

use rand::Rng;

use crate::error::Error;
use crate::numeric::CompensatedSum;
use crate::random::bits::unit_f64;
use crate::random::choice::Replacement;
use crate::scalar::Real;

/// The tolerance on `|sum(p) - 1|`: NumPy's `max(sqrt(eps_f64), sqrt(eps_P))`, which is
/// `sqrt(2^-52) = 1.49e-8` for f64 probabilities and `sqrt(2^-23) = 3.45e-4` for f32.
fn sum_tolerance<P: Real>() -> f64 {
    let own = P::epsilon().square_root().to_f64().unwrap_or(0.0);
    let f64_tolerance = libm::sqrt(f64::EPSILON);
    if own > f64_tolerance {
        own
    } else {
        f64_tolerance
    }
}

/// NumPy's normalised CDF of `p`: the running sum (`np.cumsum`, left to right), each
/// entry divided by the last.
fn normalised_cdf<const N: usize>(p: &[f64; N]) -> [f64; N] {
    let mut cdf = [0.0; N];
    let mut running = 0.0;
    for (c, &x) in cdf.iter_mut().zip(p) {
        running += x;
        *c = running;
    }
    let total = running;
    for c in &mut cdf {
        *c /= total;
    }
    cdf
}

/// The index of a uniform `u` in `[0, 1)` under the CDF: the first entry above `u`
/// (NumPy's `cdf.searchsorted(u, side='right')`). Items of zero probability are never
/// picked: their entry equals the one before.
fn pick<const N: usize>(cdf: &[f64; N], u: f64) -> usize {
    // The last entry is 1 > u, so the index is below N; clamped for safety all the same.
    cdf.partition_point(|&c| c <= u).min(N.saturating_sub(1))
}

/// NumPy's rounds of weighted picks without replacement; at least `K` entries of `p` are
/// positive (the caller checks), so each round picks at least one new item and `K` rounds
/// suffice.
fn without_replacement<G: Rng + ?Sized, const N: usize, const K: usize>(
    rng: &mut G,
    mut p: [f64; N],
) -> [usize; K] {
    let mut found = [0usize; K];
    let mut picked = 0;
    for _ in 0..K {
        if picked >= K {
            break;
        }
        let missing = K - picked;
        let mut u = [0.0; K];
        for slot in u.iter_mut().take(missing) {
            *slot = unit_f64(rng);
        }
        for &i in found.iter().take(picked) {
            if let Some(x) = p.get_mut(i) {
                *x = 0.0;
            }
        }
        let cdf = normalised_cdf(&p);
        for &u in u.iter().take(missing) {
            let i = pick(&cdf, u);
            if !found.iter().take(picked).any(|&f| f == i) {
                if let Some(slot) = found.get_mut(picked) {
                    *slot = i;
                }
                picked += 1;
            }
        }
    }
    found
}

/// `K` items drawn from `population`, item `i` with probability `p[i]`, NumPy's
/// `rng.choice(a, K, replace=..., p=p)`.
///
/// `p` must have one entry per item, which the types enforce (`N` for both). The
/// probabilities are checked as NumPy checks them: none NaN or negative, and the sum
/// (compensated, in f64) within `atol` of 1, where `atol = max(sqrt(eps_f64),
/// sqrt(eps_P))` — `1.49e-8` for f64 `p`, `3.45e-4` for f32 `p` — and the draws use
/// `p` divided by its sum, as NumPy's normalised CDF does.
///
/// NumPy's algorithm, so the picks are NumPy's for the same generator: with replacement,
/// `K` uniform f64 located in the normalised cumulative sum of `p` (`np.cumsum(p) /
/// sum`, `searchsorted(u, side='right')`). Without replacement, in rounds: as many uniforms
/// as picks are missing, located in the CDF of `p` with the picked items' `p` set to 0,
/// the new items kept in order of first appearance (NumPy's `np.unique` with
/// `return_index`), until `K` are picked; each round picks at least one. Items with `p = 0`
/// are never picked. The cost is `O(N + K log N)` per round.
///
/// # Errors
/// - [`Error::InvalidProbability`] if a probability is NaN, negative or infinite, or the
///   sum is not within `atol` of 1 (NumPy: `ValueError: probabilities do not sum to 1`).
/// - [`Error::SampleTooLarge`] without replacement if fewer than `K` probabilities are
///   positive (NumPy: `ValueError: Fewer non-zero entries in p than size`); `available` is
///   the number of positive ones.
///
/// # Example
/// ```
/// use statrix::Error;
/// use statrix::random::{choice_weighted, default_rng, Replacement};
///
/// let mut rng = default_rng(42);
/// let names = ["pooh", "rabbit", "piglet", "Christopher"];
/// // NumPy: rng.choice(names, 5, p=[0.5, 0.1, 0.1, 0.3])
/// let picks: [&str; 5] = choice_weighted(&mut rng, &names, &[0.5, 0.1, 0.1, 0.3], Replacement::With)?;
/// assert!(picks.iter().all(|n| names.contains(n)));
/// assert_eq!(
///     choice_weighted::<_, f64, _, 4, 1>(&mut rng, &names, &[0.5, 0.5, 0.5, 0.5], Replacement::With),
///     Err(Error::InvalidProbability) // sums to 2
/// );
/// # Ok::<(), Error>(())
/// ```
///
/// The lengths of `population` and `p` are one `N`, so a mismatch does not compile:
/// ```compile_fail
/// use statrix::random::{choice_weighted, default_rng, Replacement};
/// let picks: Result<[u8; 1], _> =
///     choice_weighted(&mut default_rng(0), &[1u8, 2, 3], &[0.5, 0.5], Replacement::With);
/// ```
pub fn choice_weighted<T: Copy, P: Real, G: Rng + ?Sized, const N: usize, const K: usize>(
    rng: &mut G,
    population: &[T; N],
    p: &[P; N],
    replacement: Replacement,
) -> Result<[T; K], Error> {
    // f32 and f64 convert to f64 exactly; the fallback NaN is unreachable and would fail.
    let p = p.map(|x| x.to_f64().unwrap_or(f64::NAN));
    if p.iter().any(|&x| !(x >= 0.0 && x.is_finite())) {
        return Err(Error::InvalidProbability);
    }
    // Infinite only if the sum overflowed (huge finite p), which fails the test too.
    let sum = CompensatedSum::sum_of(p);
    if libm::fabs(sum - 1.0) > sum_tolerance::<P>() {
        return Err(Error::InvalidProbability);
    }
    let indices: [usize; K] = match replacement {
        Replacement::With => {
            let cdf = normalised_cdf(&p);
            let u: [f64; K] = core::array::from_fn(|_| unit_f64(rng));
            u.map(|u| pick(&cdf, u))
        }
        Replacement::Without => {
            let positive = p.iter().filter(|&&x| x > 0.0).count();
            if K > positive {
                return Err(Error::SampleTooLarge {
                    requested: K,
                    available: positive,
                });
            }
            without_replacement(rng, p)
        }
    };
    // `pick` returns indices below N (and K > 0 implies N > 0: the sum is 1).
    Ok(indices.map(|i| population[i]))
}
