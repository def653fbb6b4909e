//! Uniform sampling from a population: [`choice`] and [`choice_indices`], with or without
//! replacement ([`Replacement`]), into fixed-size arrays without a heap.

use rand::Rng;

use crate::error::Error;
use crate::random::bits::{index_below, uniform_inclusive};

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

/// Above this population NumPy may switch from Floyd's algorithm to a partial shuffle.
const TAIL_SHUFFLE_MIN_POPULATION: usize = 10_000;
/// NumPy's switch: a partial shuffle when the sample is more than `n / 50` of a large
/// population (with `shuffle=True`, its default).
const TAIL_SHUFFLE_FRACTION: usize = 50;

/// `K` indices in `[0, n)` drawn uniformly, NumPy's `rng.choice(n, K, replace=...)`.
///
/// NumPy's algorithms, so the indices are NumPy's for the same generator:
/// - with replacement, `rng.integers(0, n, K)`: one unbiased bounded draw each;
/// - without replacement, Floyd's algorithm (Bentley and Floyd, "Programming pearls: a
///   sample of brilliance", CACM 1987): for `j` from `n - K` to `n - 1` a uniform `t` in
///   `[0, j]`, taken unless already taken, else `j`; then a Fisher–Yates shuffle of the
///   `K` by the same bounded draws (NumPy's `shuffle=True`). Each ordered selection is
///   equally likely. `K` draws, `O(K^2)` comparisons, no heap.
/// - without replacement from more than 10,000 when `K > n / 50`, as NumPy: the last `K`
///   places of a Fisher–Yates shuffle of `0..n` run from the end and stopped after `K`
///   swaps, kept in `O(K)` space (only the moved places are stored), `O(K^2)` time.
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
/// // NumPy: np.random.default_rng(42).choice(1000, 4, replace=False)
/// let batch: [usize; 4] = choice_indices(&mut default_rng(42), 1000, Replacement::Without)?;
/// assert_eq!(batch, [438, 88, 653, 772]);
/// assert_eq!(
///     choice_indices::<3, _>(&mut default_rng(42), 2, Replacement::Without),
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
            if n > TAIL_SHUFFLE_MIN_POPULATION && K > n / TAIL_SHUFFLE_FRACTION {
                Ok(tail_shuffle(rng, n))
            } else {
                Ok(floyd(rng, n))
            }
        }
    }
}

/// A uniform index in `[0, max]` by Lemire's method (NumPy's `random_bounded_uint64`).
fn bounded_index<G: Rng + ?Sized>(rng: &mut G, max: usize) -> usize {
    // `usize` is at most 64 bits, and the result is at most `max`.
    uniform_inclusive(rng, max as u64) as usize
}

/// Floyd's selection of `K <= n` indices, then NumPy's `_shuffle_int` of them.
fn floyd<const K: usize, G: Rng + ?Sized>(rng: &mut G, n: usize) -> [usize; K] {
    let mut out = [0usize; K];
    for k in 0..K {
        let j = n - K + k;
        let t = bounded_index(rng, j);
        let taken = out.iter().take(k).any(|&s| s == t);
        if let Some(slot) = out.get_mut(k) {
            *slot = if taken { j } else { t };
        }
    }
    for i in (1..K).rev() {
        let j = bounded_index(rng, i);
        out.swap(i, j);
    }
    out
}

/// The last `K` places of NumPy's partial shuffle of `0..n` (`_shuffle_int(n, max(n - K,
/// 1), idx)` then `idx[n - K:]`), for `K <= n`. Place `i` is final once step `i` has
/// swapped it, so only the places a swap moved a value into and that are still to come
/// are stored: at most one per step, `K` in all.
fn tail_shuffle<const K: usize, G: Rng + ?Sized>(rng: &mut G, n: usize) -> [usize; K] {
    // (place, value) pairs of the moved places; every other place holds its own index.
    let mut moved = [(0usize, 0usize); K];
    let mut len = 0;
    let get = |moved: &[(usize, usize)], place: usize| {
        moved
            .iter()
            .find(|&&(p, _)| p == place)
            .map_or(place, |&(_, v)| v)
    };
    let mut out = [0usize; K];
    let start = n - K;
    let first = start.max(1);
    for i in (first..n).rev() {
        let j = bounded_index(rng, i);
        let value_i = get(&moved[..len], i);
        let value_j = get(&moved[..len], j);
        if let Some(slot) = out.get_mut(i - start) {
            *slot = value_j;
        }
        if j != i {
            if let Some(entry) = moved[..len].iter_mut().find(|(p, _)| *p == j) {
                entry.1 = value_i;
            } else if let Some(entry) = moved.get_mut(len) {
                *entry = (j, value_i);
                len += 1;
            }
        }
    }
    // With K == n the shuffle stops at place 1, and place 0 keeps what was swapped into it.
    if first > start
        && let Some(slot) = out.first_mut()
    {
        *slot = get(&moved[..len], 0);
    }
    out
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
