//! Matrices of discrete random values: integers in `[low, high)`, binomial counts and
//! Bernoulli booleans; and [`RandomInteger`], the integer types they are drawn in.

use rand::Rng;

use crate::error::Error;
use crate::matrix::Matrix;
use crate::random::binomial::Binomial;
use crate::random::bits::uniform_inclusive;
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
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! impl_random_integer {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl RandomInteger for $t {
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

impl_random_integer!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl<T: RandomInteger, const R: usize, const C: usize> Matrix<T, R, C> {
    /// A matrix of uniform integers in `[low, high)`, NumPy's
    /// `rng.integers(low, high, (R, C))`.
    ///
    /// Unbiased: Lemire's multiply-and-reject method draws one `u32` per element when the
    /// range holds at most `2^32` values, one `u64` otherwise (which depends on the range
    /// only, not on `T` or the platform). A range of one value draws nothing. Elements are
    /// drawn in row-major order.
    ///
    /// # Errors
    /// [`Error::EmptyRange`] if `low >= high` (NumPy: `ValueError: low >= high`).
    ///
    /// # Example
    /// ```
    /// use statrix::{Error, Matrix};
    /// use statrix::random::default_rng;
    ///
    /// let mut rng = default_rng(42);
    /// let labels = Matrix::<u8, 8, 1>::random_integers(&mut rng, 0, 10)?; // 10 classes
    /// assert!(labels.iter().all(|&c| c < 10));
    /// let full = Matrix::<i8, 2, 2>::random_integers(&mut rng, i8::MIN, i8::MAX)?;
    /// assert!(full.iter().all(|&x| x < i8::MAX));
    /// assert_eq!(Matrix::<i32, 1, 1>::random_integers(&mut rng, 3, 3), Err(Error::EmptyRange));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn random_integers<G: Rng + ?Sized>(rng: &mut G, low: T, high: T) -> Result<Self, Error> {
        if low >= high {
            return Err(Error::EmptyRange);
        }
        let low = low.to_i128();
        // 1 <= high - low <= 2^64 - 1 for every 64-bit type, so `max` fits a u64.
        let max = (high.to_i128() - low - 1) as u64;
        Ok(Self::from_fn(|_, _| {
            T::from_i128(low + i128::from(uniform_inclusive(rng, max)))
        }))
    }

    /// A matrix of binomial counts: successes in `n` independent trials of probability `p`,
    /// NumPy's `rng.binomial(n, p, (R, C))`.
    ///
    /// Inversion for `n * min(p, 1 - p) < 10` and BTPE (Kachitvichyanukul and Schmeiser
    /// 1988) above, with `p > 1/2` sampled as `n - B(n, 1 - p)`, as NumPy and GSL. Its
    /// `exp`/`ln`/`sqrt` are `libm`'s in every build, so the numbers are bit-identical with
    /// and without `std`. Every loop is bounded (see the module docs). `p == 0`, `p == 1` and
    /// `n == 0` draw nothing. The algorithms work in f64, as NumPy's, so for `n` above
    /// `2^53` the counts are resolved only to f64's spacing near `n p`.
    ///
    /// # Errors
    /// - [`Error::InvalidProbability`] if `p` is NaN or outside `[0, 1]`.
    /// - [`Error::InvalidParameter`] `{ name: "n" }` if `n < 0` (NumPy: `ValueError: n < 0`).
    ///
    /// # Example
    /// ```
    /// use statrix::{Error, Matrix};
    /// use statrix::random::default_rng;
    ///
    /// let mut rng = default_rng(42);
    /// let heads = Matrix::<u32, 2, 5>::random_binomial(&mut rng, 10, 0.5)?; // 10 coin flips
    /// assert!(heads.iter().all(|&k| k <= 10));
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
        if n < 0 {
            return Err(Error::InvalidParameter { name: "n" });
        }
        // 0 <= n <= u64::MAX for every type, and every sample is at most n, so it fits T.
        let n = n as u64;
        let binomial = Binomial::new(n, p);
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
    /// Each element compares one `u64` with `floor(p * 2^64)` (exact for `p = 1`), so the
    /// probability is `p` within `2^-64`, and the stream advances by one `u64` per element
    /// whatever `p` is.
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
        // p * 2^64 is exact (a power-of-two scaling); the cast truncates, and saturates
        // only at p = 1, which is handled apart.
        let threshold = (p * 18_446_744_073_709_551_616.0) as u64;
        let always = p == 1.0;
        Ok(Self::from_fn(|_, _| {
            let word = rng.next_u64();
            always || word < threshold
        }))
    }
}
