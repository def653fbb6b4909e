//! Matrices of discrete random values: integers in `[low, high)`, binomial counts and
//! Bernoulli booleans; and [`RandomInteger`], the integer types they are drawn in.

use rand::Rng;

use crate::error::Error;
use crate::matrix::Matrix;
use crate::random::binomial::Binomial;
use crate::random::bits::{SmallWordBuffer, bounded, unit_f64};
use crate::scalar::Scalar;

/// A primitive integer type random integers and binomial counts can be drawn in: `i8` to
/// `i64`, `isize`, `u8` to `u64`, `usize`.
///
/// Sealed: its methods are the crate's conversions to and from a common 128-bit form.
///
/// # Example
/// ```
/// use statrix::{Error, Matrix};
/// use statrix::random::{default_rng, RandomInteger};
///
/// fn draw<T: RandomInteger>(low: T, high: T) -> Result<Matrix<T, 1, 3>, Error> {
///     Matrix::random_integers(&mut default_rng(6), low, high)
/// }
/// assert!(draw(1u8, 7)?.iter().all(|&x| (1..7).contains(&x)));
/// assert!(draw(-5i64, 5)?.iter().all(|&x| (-5..5).contains(&x)));
/// # Ok::<(), Error>(())
/// ```
pub trait RandomInteger: Scalar + sealed::Sealed {
    /// The value, widened without loss.
    #[doc(hidden)]
    fn to_i128(self) -> i128;
    /// The value of `wide`, which the caller guarantees is in `Self`'s range.
    #[doc(hidden)]
    fn from_i128(wide: i128) -> Self;
    /// The width NumPy draws this type's elements in: 8 or 16 for the small types (whose
    /// draws share a 32-bit word), 32 or 64 for the others (`isize`/`usize` as `np.intp`).
    #[doc(hidden)]
    const BITS: u32;
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! impl_random_integer {
    ($($t:ty: $bits:literal),*) => {$(
        impl sealed::Sealed for $t {}
        impl RandomInteger for $t {
            const BITS: u32 = $bits;
            #[inline]
            fn to_i128(self) -> i128 {
                self as i128
            }
            #[inline]
            fn from_i128(wide: i128) -> Self {
                // In range by the caller's guarantee, so the cast is exact.
                wide as $t
            }
        }
    )*};
}

impl_random_integer!(
    i8: 8, i16: 16, i32: 32, i64: 64, isize: 64, u8: 8, u16: 16, u32: 32, u64: 64, usize: 64
);

/// A matrix of uniform integers in `[low, low + max]` drawn as NumPy fills an array of `T`.
fn fill_integers<T: RandomInteger, G: Rng + ?Sized, const R: usize, const C: usize>(
    rng: &mut G,
    low: T,
    max: u64,
) -> Matrix<T, R, C> {
    let low = low.to_i128();
    let mut buffer = SmallWordBuffer::default();
    Matrix::from_fn(|_, _| T::from_i128(low + i128::from(bounded(rng, max, T::BITS, &mut buffer))))
}

impl<T: RandomInteger, const R: usize, const C: usize> Matrix<T, R, C> {
    /// A matrix of uniform integers in `[low, high)`, NumPy's
    /// `rng.integers(low, high, (R, C), dtype=T)` (`np.int64` for `i64`, `np.uint8` for
    /// `u8`, ...; `isize`/`usize` as `np.intp`).
    ///
    /// Elements are drawn in row-major order exactly as NumPy draws them, so the numbers are
    /// NumPy's for the same generator: Lemire's unbiased multiply-and-reject with one `u32`
    /// per draw when the range holds at most `2^32` values, one `u64` otherwise; for 8- and
    /// 16-bit types NumPy's buffering, which splits each `u32` into four (two) draws shared
    /// across the matrix. A range of one value draws nothing.
    ///
    /// # Errors
    /// [`Error::EmptyRange`] if `low >= high` (NumPy: `ValueError: low >= high`).
    ///
    /// # Example
    /// ```
    /// use statrix::{Error, Matrix};
    /// use statrix::random::default_rng;
    ///
    /// // NumPy: np.random.default_rng(42).integers(0, 10, size=(1, 5))
    /// let labels = Matrix::<i64, 1, 5>::random_integers(&mut default_rng(42), 0, 10)?;
    /// assert_eq!(labels, Matrix::new([[0, 7, 6, 4, 4]]));
    /// let mut rng = default_rng(1);
    /// assert_eq!(Matrix::<i32, 1, 1>::random_integers(&mut rng, 3, 3), Err(Error::EmptyRange));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn random_integers<G: Rng + ?Sized>(rng: &mut G, low: T, high: T) -> Result<Self, Error> {
        if low >= high {
            return Err(Error::EmptyRange);
        }
        // 1 <= high - low <= 2^64 - 1 for every 64-bit type, so `max` fits a u64.
        let max = (high.to_i128() - low.to_i128() - 1) as u64;
        Ok(fill_integers(rng, low, max))
    }

    /// A matrix of uniform integers in `[low, high]`, both ends included, NumPy's
    /// `rng.integers(low, high, (R, C), dtype=T, endpoint=True)`; the same draws as
    /// [`random_integers`](Matrix::random_integers) of `[low, high + 1)`, and the whole
    /// range of `T` is allowed.
    ///
    /// # Errors
    /// [`Error::EmptyRange`] if `low > high` (NumPy: `ValueError: low > high`).
    ///
    /// # Example
    /// ```
    /// use statrix::{Error, Matrix};
    /// use statrix::random::default_rng;
    ///
    /// // Dice: np.random.default_rng(7).integers(1, 6, size=(1, 4), endpoint=True)
    /// let dice = Matrix::<u8, 1, 4>::random_integers_inclusive(&mut default_rng(7), 1, 6)?;
    /// assert!(dice.iter().all(|&d| (1..=6).contains(&d)));
    /// let bytes = Matrix::<u8, 2, 2>::random_integers_inclusive(&mut default_rng(7), 0, 255)?;
    /// # let _ = bytes;
    /// # Ok::<(), Error>(())
    /// ```
    pub fn random_integers_inclusive<G: Rng + ?Sized>(
        rng: &mut G,
        low: T,
        high: T,
    ) -> Result<Self, Error> {
        if low > high {
            return Err(Error::EmptyRange);
        }
        // 0 <= high - low <= 2^64 - 1.
        let max = (high.to_i128() - low.to_i128()) as u64;
        Ok(fill_integers(rng, low, max))
    }

    /// A matrix of binomial counts: successes in `n` independent trials of probability `p`,
    /// NumPy's `rng.binomial(n, p, (R, C))`.
    ///
    /// NumPy's algorithm, draw for draw: inversion while `n * min(p, 1 - p) <= 30`, BTPE
    /// (Kachitvichyanukul and Schmeiser 1988) above, `p > 1/2` sampled as
    /// `n - B(n, 1 - p)`; inversion takes one f64 per value (more on a restart), BTPE two per
    /// attempt. `p == 0` and `n == 0` draw nothing; `p == 1` draws one f64 per value, as
    /// NumPy. The maths is `libm`'s in every build, so the numbers are the same with and
    /// without `std`. Every loop is bounded (see the module docs).
    ///
    /// # Errors
    /// - [`Error::InvalidProbability`] if `p` is NaN or outside `[0, 1]`.
    /// - [`Error::InvalidParameter`] `{ name: "n" }` if `n < 0` (NumPy: `ValueError: n < 0`)
    ///   or `n > i64::MAX` (NumPy's `n` is an `int64`).
    ///
    /// # Example
    /// ```
    /// use statrix::{Error, Matrix};
    /// use statrix::random::default_rng;
    ///
    /// // NumPy: np.random.default_rng(42).binomial(10, 0.5, size=(2, 5))
    /// let mut rng = default_rng(42);
    /// let heads = Matrix::<i64, 2, 5>::random_binomial(&mut rng, 10, 0.5)?;
    /// assert_eq!(heads, Matrix::new([[6, 5, 7, 6, 3], [8, 6, 6, 3, 5]]));
    /// assert_eq!(
    ///     Matrix::<u32, 1, 1>::random_binomial(&mut rng, 10, 1.5),
    ///     Err(Error::InvalidProbability)
    /// );
    /// # Ok::<(), Error>(())
    /// ```
    pub fn random_binomial<G: Rng + ?Sized>(rng: &mut G, n: T, p: f64) -> Result<Self, Error> {
        if !(0.0..=1.0).contains(&p) {
            return Err(Error::InvalidProbability);
        }
        let n = n.to_i128();
        if !(0..=i128::from(i64::MAX)).contains(&n) {
            return Err(Error::InvalidParameter { name: "n" });
        }
        // 0 <= n <= i64::MAX, and every sample is in [0, n], so it fits T.
        let binomial = Binomial::new(n as i64, p);
        Ok(Self::from_fn(|_, _| {
            T::from_i128(i128::from(binomial.sample(rng)))
        }))
    }
}

impl<const R: usize, const C: usize> Matrix<bool, R, C> {
    /// A matrix of Bernoulli trials: each element is `true` with probability `p`, NumPy's
    /// `rng.random((R, C)) < p` (NumPy has no Bernoulli sampler; `rng.binomial(1, p)` is the
    /// same distribution as integers).
    ///
    /// Each element is one uniform f64 `u` (as [`Matrix::random`]) compared with `p`: `true`
    /// when `u < p`, exactly NumPy's `rng.random((R, C)) < p`, so the stream advances by one
    /// `u64` per element whatever `p` is, and `p = 1` is always `true`.
    ///
    /// # Errors
    /// [`Error::InvalidProbability`] if `p` is NaN or outside `[0, 1]`.
    ///
    /// # Example
    /// ```
    /// use statrix::{Error, Matrix};
    /// use statrix::random::default_rng;
    ///
    /// let mut rng = default_rng(42);
    /// // A dropout mask keeping 80% of the units.
    /// let keep = Matrix::<bool, 4, 16>::random_bernoulli(&mut rng, 0.8)?;
    /// assert_eq!(keep.shape(), (4, 16));
    /// assert_eq!(Matrix::<bool, 1, 1>::random_bernoulli(&mut rng, -0.1), Err(Error::InvalidProbability));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn random_bernoulli<G: Rng + ?Sized>(rng: &mut G, p: f64) -> Result<Self, Error> {
        if !(0.0..=1.0).contains(&p) {
            return Err(Error::InvalidProbability);
        }
        Ok(Self::from_fn(|_, _| unit_f64(rng) < p))
    }
}
