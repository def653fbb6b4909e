//! Matrices of continuous random values: uniform on `[0, 1)` or `[low, high)`, standard
//! normal and normal with a mean and standard deviation.

use rand::Rng;

use crate::error::Error;
use crate::matrix::Matrix;
use crate::random::bits::{MAX_DRAWS, unit};
use crate::random::ziggurat::{standard_normal_f32, standard_normal_f64};
use crate::scalar::Real;

/// A standard normal `T` by NumPy's ziggurat: `standard_normal()` for f64 (one `u64` per
/// value, 99% of the time), `standard_normal(dtype=np.float32)` for f32 (one `u32`).
#[inline]
pub(crate) fn standard_normal<T: Real, G: Rng + ?Sized>(rng: &mut G) -> T {
    // `Real` is sealed to f32 and f64; both conversions are exact, the fallback unreachable.
    if size_of::<T>() == size_of::<f32>() {
        T::from(standard_normal_f32(rng)).unwrap_or_else(T::nan)
    } else {
        T::from(standard_normal_f64(rng)).unwrap_or_else(T::nan)
    }
}

impl<T: Real, const R: usize, const C: usize> Matrix<T, R, C> {
    /// A matrix of uniform values in `[0, 1)`, NumPy's `rng.random((R, C))`.
    ///
    /// Elements are drawn in row-major order (NumPy's C order). An f64 is `k * 2^-53` for
    /// 53 random bits `k` (one `u64`), an f32 is `k * 2^-24` for 24 random bits (one `u32`),
    /// as NumPy's `random` and `random(dtype=np.float32)`. The same stream as
    /// [`random_uniform(rng, 0, 1)`](Matrix::random_uniform).
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// use statrix::random::default_rng;
    ///
    /// let mut rng = default_rng(1);
    /// let m = Matrix::<f32, 3, 3>::random(&mut rng);
    /// assert!(m.iter().all(|&x| (0.0..1.0).contains(&x)));
    /// ```
    #[must_use]
    pub fn random<G: Rng + ?Sized>(rng: &mut G) -> Self {
        Self::from_fn(|_, _| unit(rng))
    }

    /// A matrix of uniform values in `[low, high)`, NumPy's `rng.uniform(low, high, (R, C))`.
    ///
    /// Each element is `low + (high - low) * u` with `u` as in [`Matrix::random`]. When
    /// rounding would give `high` itself (possible when the range is a few ulps wide),
    /// that draw is rejected and `u` drawn again, so unlike NumPy (whose docs warn that
    /// `high` may come out) the interval is always half-open. A rejection has probability
    /// at most 1/2 even for a one-ulp range; after 128 in a row (probability `2^-128`) the
    /// element is `low`.
    ///
    /// # Errors
    /// - [`Error::EmptyRange`] if `low >= high`, or either bound is NaN or infinite (NumPy
    ///   accepts `low == high` and returns `low`; a half-open range `[low, low)` is empty).
    /// - [`Error::Overflow`] if `high - low` overflows to infinity (NumPy raises
    ///   `OverflowError: Range exceeds valid bounds`).
    ///
    /// # Example
    /// ```
    /// use statrix::{Error, Matrix};
    /// use statrix::random::default_rng;
    ///
    /// let mut rng = default_rng(42);
    /// let w = Matrix::<f64, 4, 3>::random_uniform(&mut rng, -0.5, 0.5)?;
    /// assert!(w.iter().all(|&x| (-0.5..0.5).contains(&x)));
    /// assert_eq!(Matrix::<f64, 1, 1>::random_uniform(&mut rng, 1.0, 1.0), Err(Error::EmptyRange));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn random_uniform<G: Rng + ?Sized>(rng: &mut G, low: T, high: T) -> Result<Self, Error> {
        if !(low.is_finite() && high.is_finite() && low < high) {
            return Err(Error::EmptyRange);
        }
        let width = high - low;
        if !width.is_finite() {
            return Err(Error::Overflow);
        }
        Ok(Self::from_fn(|_, _| {
            // `low + width * u >= low` for `u >= 0` (rounding is monotone), so only
            // `high` itself needs rejecting.
            for _ in 0..MAX_DRAWS {
                let x = low + width * unit::<T, G>(rng);
                if x < high {
                    return x;
                }
            }
            low
        }))
    }

    /// A matrix of standard normal values (mean 0, standard deviation 1), NumPy's
    /// `rng.standard_normal((R, C))`.
    ///
    /// Elements are drawn in row-major order by NumPy's 256-layer ziggurat, so the numbers
    /// are NumPy's for the same generator: f64 elements are `rng.standard_normal((R, C))`
    /// (one `u64` per value 99% of the time), f32 elements
    /// `rng.standard_normal((R, C), dtype=np.float32)` (one `u32`, NumPy's f32 tables).
    /// The wedge test's `exp` and the tail's `log1p` are `libm`'s in every build, so the
    /// numbers are the same with and without `std`; see the module docs for how they compare
    /// with NumPy's platform maths.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// use statrix::random::default_rng;
    ///
    /// // NumPy: np.random.default_rng(42).standard_normal((1, 2))
    /// let z = Matrix::<f64, 1, 2>::random_standard_normal(&mut default_rng(42));
    /// assert_eq!(z, Matrix::new([[0.30471707975443135, -1.0399841062404955]]));
    ///
    /// let mut rng = default_rng(7);
    /// let z = Matrix::<f64, 100, 100>::random_standard_normal(&mut rng);
    /// let mean = z.iter().sum::<f64>() / 10_000.0;
    /// assert!(mean.abs() < 0.05); // 5 standard errors: 5 / sqrt(10_000)
    /// ```
    #[must_use]
    pub fn random_standard_normal<G: Rng + ?Sized>(rng: &mut G) -> Self {
        Self::from_fn(|_, _| standard_normal(rng))
    }

    /// A matrix of normal values with mean `mean` and standard deviation `std`, NumPy's
    /// `rng.normal(mean, std, (R, C))`.
    ///
    /// Each element is `mean + std * z` for the standard normal `z` of
    /// [`Matrix::random_standard_normal`] (the same stream): for f64 exactly NumPy's
    /// `loc + scale * z`; for f32, NumPy having no f32 `normal`, the f32 ziggurat's `z`
    /// and the arithmetic in f32 (`loc + scale * rng.standard_normal(dtype=np.float32)` in
    /// float32). `std == 0` gives `mean` everywhere, as NumPy. Elements can overflow to infinity only if `mean` or `std` is
    /// within a factor 9 of the largest float.
    ///
    /// # Errors
    /// - [`Error::InvalidParameter`] `{ name: "std" }` if `std` is negative, NaN or
    ///   infinite (NumPy rejects negative `scale`, and returns NaN or infinite values for NaN
    ///   or infinite parameters).
    /// - [`Error::InvalidParameter`] `{ name: "mean" }` if `mean` is NaN or infinite.
    ///
    /// # Example
    /// ```
    /// use statrix::{Error, Matrix};
    /// use statrix::random::default_rng;
    ///
    /// let mut rng = default_rng(3);
    /// // He initialisation of a 64 -> 32 layer: N(0, 2 / 64).
    /// let w = Matrix::<f32, 64, 32>::random_normal(&mut rng, 0.0, (2.0f32 / 64.0).sqrt())?;
    /// assert_eq!(w.shape(), (64, 32));
    /// assert_eq!(
    ///     Matrix::<f32, 2, 2>::random_normal(&mut rng, 0.0, -1.0),
    ///     Err(Error::InvalidParameter { name: "std" })
    /// );
    /// # Ok::<(), Error>(())
    /// ```
    pub fn random_normal<G: Rng + ?Sized>(rng: &mut G, mean: T, std: T) -> Result<Self, Error> {
        if !mean.is_finite() {
            return Err(Error::InvalidParameter { name: "mean" });
        }
        if !(std >= T::ZERO && std.is_finite()) {
            return Err(Error::InvalidParameter { name: "std" });
        }
        Ok(Self::random_standard_normal(rng).map(|z| mean + std * z))
    }
}
