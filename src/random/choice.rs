//! Uniform sampling from a population: [`choice`] and [`choice_indices`], with or without
//! replacement ([`Replacement`]), into fixed-size arrays without a heap.

use rand::Rng;

use crate::error::Error;
use crate::random::bits::index_below;
use crate::random::permutation::shuffle;

/// Whether a sample may pick the same item twice: NumPy's `replace=True` / `replace=False`.
///
/// # Example
/// ```
/// use statrix::random::{choice, default_rng, Replacement};
///
/// let mut rng = default_rng(1);
/// let lottery: [u32; 6] = choice(&mut rng, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], Replacement::Without)?;
/// let mut sorted = lottery;
/// sorted.sort();
/// assert!(sorted.windows(2).all(|w| w[0] < w[1])); // six different numbers
/// # Ok::<(), statrix::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Replacement {
    /// Every pick is from the whole population, independently (NumPy's default,
    /// `replace=True`).
    With,
    /// Every item is picked at most once (`replace=False`); the sample is a uniformly random
    /// ordered selection.
    Without,
}

/// `K` indices in `[0, n)` drawn uniformly, NumPy's `rng.choice(n, K, replace=...)`.
///
/// With replacement each index is one unbiased bounded draw. Without replacement Floyd's
/// algorithm (Bentley and Floyd, "Programming pearls: a sample of brilliance", CACM 1987)
/// picks a uniformly random set of `K` indices in `K` draws and `O(K^2)` comparisons, using
/// only the output array; a Fisher–Yates shuffle of the `K` then makes every ordering
/// equally likely, so the result is a uniformly random ordered selection (NumPy's
/// `shuffle=True`).
///
/// # Errors
/// - [`Error::EmptyRange`] if `n == 0` and `K > 0` (NumPy: `ValueError: a must be a
///   positive integer unless no samples are taken`).
/// - [`Error::SampleTooLarge`] if `K > n` without replacement (NumPy: `ValueError: Cannot
///   take a larger sample than population when replace is False`).
///
/// # Example
/// ```
/// use statrix::Error;
/// use statrix::random::{choice_indices, default_rng, Replacement};
///
/// let mut rng = default_rng(42);
/// let batch: [usize; 4] = choice_indices(&mut rng, 1000, Replacement::Without)?;
/// assert!(batch.iter().all(|&i| i < 1000));
/// assert_eq!(
///     choice_indices::<3, _>(&mut rng, 2, Replacement::Without),
///     Err(Error::SampleTooLarge { requested: 3, available: 2 })
/// );
/// # Ok::<(), Error>(())
/// ```
pub fn choice_indices<const K: usize, G: Rng + ?Sized>(
    rng: &mut G,
    n: usize,
    replacement: Replacement,
) -> Result<[usize; K], Error> {
    if K == 0 {
        return Ok([0; K]);
    }
    if n == 0 {
        return Err(Error::EmptyRange);
    }
    match replacement {
        Replacement::With => Ok(core::array::from_fn(|_| index_below(rng, n))),
        Replacement::Without => {
            if K > n {
                return Err(Error::SampleTooLarge {
                    requested: K,
                    available: n,
                });
            }
            let mut out = [0usize; K];
            // Floyd: for j = n - K, ..., n - 1, pick t uniform in [0, j]; take t unless it
            // is already taken, else j (which cannot be). Each K-subset comes out with
            // probability 1 / C(n, K).
            for k in 0..K {
                let j = n - K + k;
                let t = index_below(rng, j + 1);
                let taken = out.iter().take(k).any(|&s| s == t);
                if let Some(slot) = out.get_mut(k) {
                    *slot = if taken { j } else { t };
                }
            }
            shuffle(rng, &mut out);
            Ok(out)
        }
    }
}

/// `K` items drawn uniformly from `population`, NumPy's `rng.choice(a, K, replace=...)`.
///
/// The indices are those of [`choice_indices`] with `n = N` (the same stream).
///
/// # Errors
/// - [`Error::EmptyRange`] if the population is empty and `K > 0`.
/// - [`Error::SampleTooLarge`] if `K > N` without replacement.
///
/// # Example
/// ```
/// use statrix::random::{choice, default_rng, Replacement};
///
/// let mut rng = default_rng(42);
/// let colours = ["red", "green", "blue"];
/// let picks: [&str; 5] = choice(&mut rng, &colours, Replacement::With)?; // repeats allowed
/// assert!(picks.iter().all(|c| colours.contains(c)));
/// # Ok::<(), statrix::Error>(())
/// ```
pub fn choice<T: Copy, G: Rng + ?Sized, const N: usize, const K: usize>(
    rng: &mut G,
    population: &[T; N],
    replacement: Replacement,
) -> Result<[T; K], Error> {
    let indices = choice_indices::<K, G>(rng, N, replacement)?;
    // Every index is below N (or K == 0 and there is none), so the indexing cannot fail.
    Ok(indices.map(|i| population[i]))
}
