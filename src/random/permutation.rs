//! Random orderings: [`shuffle`] in place, [`shuffle_rows`], [`permutation`] of a matrix's
//! rows and [`permutation_indices`], all by the Fisher–Yates shuffle.

use rand::Rng;

use crate::matrix::Matrix;
use crate::random::bits::interval;

/// Shuffles `items` in place, every ordering equally likely, NumPy's `rng.shuffle(x)` for a
/// 1-D `x`.
///
/// Fisher–Yates (Durstenfeld's form) exactly as NumPy: for `i` from the last index down to
/// 1, swap item `i` with a uniform item `j` in `[0, i]`, drawn by NumPy's masked rejection
/// (`random_interval`: a `u32` masked to the bits of `i`, redrawn while above `i`), so
/// the order is NumPy's for the same generator. To shuffle every
/// element of a matrix, pass [`m.as_mut_slice()`](crate::Matrix::as_mut_slice); to shuffle
/// its rows as NumPy does for a 2-D array, use [`shuffle_rows`].
///
/// # Example
/// ```
/// use statrix::random::{default_rng, shuffle};
///
/// let mut rng = default_rng(42);
/// let mut deck = [1, 2, 3, 4, 5, 6, 7, 8];
/// shuffle(&mut rng, &mut deck);
/// let mut sorted = deck;
/// sorted.sort();
/// assert_eq!(sorted, [1, 2, 3, 4, 5, 6, 7, 8]); // the same cards, in a random order
/// ```
pub fn shuffle<T, G: Rng + ?Sized>(rng: &mut G, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        // j <= i < len; `usize` is at most 64 bits, so both casts are exact.
        let j = interval(rng, i as u64) as usize;
        items.swap(i, j);
    }
}

/// Shuffles the rows of `m` in place, NumPy's `rng.shuffle(m)` for a 2-D array (which
/// shuffles along axis 0). For a column [`Vector`](crate::Vector) the rows are the
/// elements, so this shuffles the vector.
///
/// # Example
/// ```
/// use statrix::matrix;
/// use statrix::random::{default_rng, shuffle_rows};
///
/// let mut batch = matrix![1, 10; 2, 20; 3, 30];
/// shuffle_rows(&mut default_rng(0), &mut batch);
/// // Each row stays whole: the second column is ten times the first.
/// assert!(batch.rows().all(|row| row[(0, 1)] == 10 * row[(0, 0)]));
/// ```
pub fn shuffle_rows<T, G: Rng + ?Sized, const R: usize, const C: usize>(
    rng: &mut G,
    m: &mut Matrix<T, R, C>,
) {
    shuffle(rng, &mut m.0);
}

/// A copy of `m` with its rows in random order, NumPy's `rng.permutation(m)` (axis 0); for a
/// column [`Vector`](crate::Vector), its elements in random order. `m` is unchanged.
///
/// # Example
/// ```
/// use statrix::vector;
/// use statrix::random::{default_rng, permutation};
///
/// let v = vector![10, 20, 30, 40];
/// let p = permutation(&mut default_rng(42), &v);
/// let mut sorted = p.to_array();
/// sorted.sort();
/// assert_eq!(sorted, [10, 20, 30, 40]);
/// ```
#[must_use]
pub fn permutation<T: Copy, G: Rng + ?Sized, const R: usize, const C: usize>(
    rng: &mut G,
    m: &Matrix<T, R, C>,
) -> Matrix<T, R, C> {
    let mut out = *m;
    shuffle_rows(rng, &mut out);
    out
}

/// The numbers `0..N` in random order, NumPy's `rng.permutation(N)`.
///
/// # Example
/// ```
/// use statrix::random::{default_rng, permutation_indices};
///
/// // A random train/test split of 10 samples.
/// let order = permutation_indices::<10, _>(&mut default_rng(42));
/// let (train, test) = order.split_at(8);
/// assert_eq!(train.len() + test.len(), 10);
/// ```
#[must_use]
pub fn permutation_indices<const N: usize, G: Rng + ?Sized>(rng: &mut G) -> [usize; N] {
    let mut out: [usize; N] = core::array::from_fn(|i| i);
    shuffle(rng, &mut out);
    out
}
