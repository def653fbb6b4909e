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
    let own = P::epsilon().sqrt().to_f64().unwrap_or(0.0);
    let f64_tolerance = libm::sqrt(f64::EPSILON);
    if own > f64_tolerance {
        own
    } else {
        f64_tolerance
    }
}

/// Picks one index among those not `taken`, item `i` with probability `p[i] / total`, where
/// `total` is the sum of the untaken `p`, by one uniform `u` and a scan of the running sum
/// for the first `cumulative > u * total` (NumPy's `cdf.searchsorted(u, side='right')`).
/// Items of zero probability are never picked.
fn pick<G: Rng + ?Sized, const N: usize>(rng: &mut G, p: &[f64; N], taken: &[usize]) -> usize {
    let available = |i: &usize| !taken.contains(i);
    let total: f64 = (0..N).filter(available).map(|i| p[i]).sum();
    let target = unit_f64(rng) * total;
    let mut cumulative = 0.0;
    let mut last_positive = 0;
    for i in (0..N).filter(available) {
        if p[i] > 0.0 {
            cumulative += p[i];
            last_positive = i;
            if cumulative > target {
                return i;
            }
        }
    }
    // Unreachable for u < 1: `u * total < total`, and the scan adds the same terms in the
    // same order as `total`. Kept so that no input can index past the end.
    last_positive
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
/// With replacement each pick is one uniform f64 compared with the running sum of `p`.
/// Without replacement the picks are sequential: each is drawn from the items not yet
/// picked with probability proportional to their `p`, the same distribution as NumPy's
/// (which draws with replacement and drops repeats). Items with `p = 0` are never picked.
/// The cost is `O(N)` per pick with replacement, `O(N K)` without.
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
        Replacement::With => core::array::from_fn(|_| pick(rng, &p, &[])),
        Replacement::Without => {
            let positive = p.iter().filter(|&&x| x > 0.0).count();
            if K > positive {
                return Err(Error::SampleTooLarge {
                    requested: K,
                    available: positive,
                });
            }
            let mut out = [0usize; K];
            for k in 0..K {
                let (taken, rest) = out.split_at_mut(k);
                if let Some(slot) = rest.first_mut() {
                    *slot = pick(rng, &p, taken);
                }
            }
            out
        }
    };
    // `pick` returns indices below N (and K > 0 implies N > 0: the sum is 1).
    Ok(indices.map(|i| population[i]))
}
