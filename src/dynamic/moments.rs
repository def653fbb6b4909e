//! Partial moments that merge: the count, mean and co-moment matrix of rows seen so far
//! ([`Moments`]), fed in chunks and merged with accumulators built elsewhere (other threads,
//! processes or machines), from which the covariance, the correlation and a PCA follow. The
//! path for data larger than memory ([`NpyRows`](crate::NpyRows) streams a `.npy` file's
//! rows) or spread over machines (the accumulator serialises with `serde`).
//!
//! # Algorithm
//!
//! A chunk of `b` rows contributes its mean `m_b` and its centred co-moment `M_b = Cᵀ C`
//! (`C` the chunk minus its mean; one triangle of the product, [`DMatrix::gram`]); two
//! summaries merge by Chan, Golub and LeVeque's pairwise update ("Algorithms for computing the
//! sample variance", The American Statistician 37(3), 1983), the multivariate form of
//! Welford's:
//!
//! `n = n_a + n_b`, `d = m_b - m_a`, `m = m_a + d n_b / n`, `M = M_a + M_b + d dᵀ n_a n_b / n`.
//!
//! Centring each chunk on its own mean keeps the co-moment free of the cancellation of the
//! textbook `Σ x xᵀ - n m mᵀ`; the rounding of a merge is a few units of `eps` in each term.

use alloc::vec;
use alloc::vec::Vec;

use super::DMatrix;
use super::axis_stats::Axis;
use crate::error::Error;
use crate::scalar::Real;

/// The count, mean and co-moment matrix (`Σ (x - mean)(x - mean)ᵀ`) of the rows seen, for
/// `features` columns: a mergeable summary from which [`covariance`](Self::covariance)
/// (NumPy's `np.cov(X, rowvar=False)`), [`correlation`](Self::correlation) (`np.corrcoef`)
/// and a PCA ([`Pca::from_moments`](crate::Pca::from_moments)) follow.
///
/// With the `serde` feature it serialises (as its count, mean and co-moment, row-major), so
/// any engine can carry it between processes; deserialising checks that the sizes agree.
///
/// # Example
/// ```
/// use statrix::{DMatrix, Moments};
/// // Two halves of [[1, 2], [2, 4], [3, 7], [4, 7]] summarised apart (two threads, two
/// // machines), then merged.
/// let mut a = Moments::new(2);
/// a.update(&DMatrix::from_vec(2, 2, vec![1.0f64, 2.0, 2.0, 4.0])?)?;
/// let mut b = Moments::new(2);
/// b.update(&DMatrix::from_vec(2, 2, vec![3.0, 7.0, 4.0, 7.0])?)?;
/// a.merge(&b)?;
/// assert_eq!(a.count(), 4);
/// assert_eq!(a.mean(), &[2.5, 5.0]);
/// // NumPy: np.cov(x, rowvar=False) -> [[1.66666667, 3.], [3., 6.]]
/// let cov = a.covariance()?;
/// assert!((cov[(0, 1)] - 3.0).abs() < 1e-14 && (cov[(1, 1)] - 6.0).abs() < 1e-14);
/// # Ok::<(), statrix::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "RawMoments<T>", into = "RawMoments<T>"),
    serde(bound(serialize = "T: Real + serde::Serialize")),
    serde(bound(deserialize = "T: Real + serde::Deserialize<'de>"))
)]
pub struct Moments<T> {
    count: usize,
    mean: Vec<T>,
    comoment: Vec<T>,
}

/// The serialised form of [`Moments`]: its fields as they are, checked on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct RawMoments<T> {
    count: usize,
    mean: Vec<T>,
    comoment: Vec<T>,
}

#[cfg(feature = "serde")]
impl<T: Real> TryFrom<RawMoments<T>> for Moments<T> {
    type Error = Error;

    fn try_from(raw: RawMoments<T>) -> Result<Self, Error> {
        let n = raw.mean.len();
        if raw.comoment.len() != n * n {
            return Err(Error::CannotReshape {
                len: raw.comoment.len(),
                shape: (n, n),
            });
        }
        Ok(Self {
            count: raw.count,
            mean: raw.mean,
            comoment: raw.comoment,
        })
    }
}

#[cfg(feature = "serde")]
impl<T> From<Moments<T>> for RawMoments<T> {
    fn from(m: Moments<T>) -> Self {
        Self {
            count: m.count,
            mean: m.mean,
            comoment: m.comoment,
        }
    }
}

impl<T: Real> Moments<T> {
    /// An empty summary of rows with `features` columns.
    ///
    /// # Example
    /// ```
    /// use statrix::Moments;
    /// let m = Moments::<f64>::new(3);
    /// assert_eq!((m.count(), m.features()), (0, 3));
    /// ```
    #[must_use]
    pub fn new(features: usize) -> Self {
        Self {
            count: 0,
            mean: vec![T::ZERO; features],
            comoment: vec![T::ZERO; features * features],
        }
    }

    /// The summary of the rows of `data`, in one pass: `Moments::new(cols)` updated with
    /// `data`.
    ///
    /// # Errors
    /// As [`update`](Self::update).
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Moments};
    /// let m = Moments::of(&DMatrix::from_vec(2, 1, vec![1.0, 3.0])?)?;
    /// assert_eq!((m.count(), m.mean()), (2, &[2.0][..]));
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn of(data: &DMatrix<T>) -> Result<Self, Error> {
        let mut m = Self::new(data.cols());
        m.update(data)?;
        Ok(m)
    }

    /// Adds the rows of `chunk` (its mean and centred co-moment, merged as in the module
    /// documentation).
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] (`op: "update"`) if `chunk` has not [`features`](Self::features)
    /// columns; [`Error::NonFinite`] if an element is NaN or infinite; [`Error::Overflow`] if
    /// the chunk's co-moment (a sum of squared deviations) or a merged value overflows (the
    /// summary is then left unchanged).
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Error, Moments};
    /// let mut m = Moments::<f64>::new(2);
    /// m.update(&DMatrix::from_vec(1, 2, vec![1.0, 2.0])?)?;
    /// assert!(matches!(m.update(&DMatrix::zeros(1, 3)), Err(Error::ShapeMismatch { .. })));
    /// assert_eq!(m.update(&DMatrix::from_vec(1, 2, vec![f64::NAN, 0.0])?), Err(Error::NonFinite));
    /// assert_eq!(m.count(), 1);
    /// # Ok::<(), Error>(())
    /// ```
    pub fn update(&mut self, chunk: &DMatrix<T>) -> Result<(), Error> {
        let (b, n) = chunk.shape();
        if n != self.features() {
            return Err(Error::ShapeMismatch {
                op: "update",
                left: (self.count, self.features()),
                right: (b, n),
            });
        }
        if chunk.as_slice().iter().any(|x| !x.is_finite()) {
            return Err(Error::NonFinite);
        }
        if b == 0 {
            return Ok(());
        }
        let mean = chunk.mean_axis(Axis::Columns);
        let centred = DMatrix::from_fn(b, n, |i, j| chunk[(i, j)] - mean[j]);
        let part = Self {
            count: b,
            mean,
            comoment: centred.gram().into_vec(),
        };
        if part
            .comoment
            .iter()
            .chain(&part.mean)
            .any(|x| !x.is_finite())
        {
            return Err(Error::Overflow);
        }
        self.merge(&part)
    }

    /// Merges a summary of other rows (built anywhere, in any order of chunks) into this one.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] (`op: "merge"`) if the feature counts differ;
    /// [`Error::Overflow`] if a merged value or the row count overflows (the summary is then
    /// left unchanged).
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Moments};
    /// let mut a = Moments::of(&DMatrix::from_vec(2, 1, vec![0.0, 2.0])?)?;
    /// a.merge(&Moments::of(&DMatrix::from_vec(2, 1, vec![4.0, 6.0])?)?)?;
    /// assert_eq!(a.mean(), &[3.0]);
    /// assert_eq!(a.covariance()?[(0, 0)], 20.0 / 3.0); // np.var([0, 2, 4, 6], ddof=1)
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Self) -> Result<(), Error> {
        let n = self.features();
        if other.features() != n {
            return Err(Error::ShapeMismatch {
                op: "merge",
                left: (self.count, n),
                right: (other.count, other.features()),
            });
        }
        if other.count == 0 {
            return Ok(());
        }
        if self.count == 0 {
            self.clone_from(other);
            return Ok(());
        }
        let total = self.count.checked_add(other.count).ok_or(Error::Overflow)?;
        let (na, nb, nt) = (
            T::from(self.count).ok_or(Error::Overflow)?,
            T::from(other.count).ok_or(Error::Overflow)?,
            T::from(total).ok_or(Error::Overflow)?,
        );
        let delta: Vec<T> = other
            .mean
            .iter()
            .zip(&self.mean)
            .map(|(b, a)| *b - *a)
            .collect();
        let weight = na * nb / nt;
        let mut merged = Vec::with_capacity(n * n);
        for i in 0..n {
            for j in 0..n {
                let k = i * n + j;
                merged.push(self.comoment[k] + other.comoment[k] + delta[i] * delta[j] * weight);
            }
        }
        if merged.iter().any(|x| !x.is_finite()) {
            return Err(Error::Overflow);
        }
        for (m, d) in self.mean.iter_mut().zip(&delta) {
            *m += *d * (nb / nt);
        }
        self.comoment = merged;
        self.count = total;
        Ok(())
    }

    /// The number of rows seen.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Moments};
    /// assert_eq!(Moments::of(&DMatrix::<f64>::zeros(5, 2))?.count(), 5);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn count(&self) -> usize {
        self.count
    }

    /// The number of columns (features) summarised.
    ///
    /// # Example
    /// ```
    /// use statrix::Moments;
    /// assert_eq!(Moments::<f32>::new(4).features(), 4);
    /// ```
    #[must_use]
    pub fn features(&self) -> usize {
        self.mean.len()
    }

    /// The mean of each feature, NumPy's `X.mean(axis=0)` (zeros before any row).
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Moments};
    /// let m = Moments::of(&DMatrix::from_vec(2, 2, vec![1.0, 10.0, 3.0, 20.0])?)?;
    /// assert_eq!(m.mean(), &[2.0, 15.0]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn mean(&self) -> &[T] {
        &self.mean
    }

    /// The co-moment matrix `Σ (x - mean)(x - mean)ᵀ` (`features x features`): the
    /// covariance times `count - 1`.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Moments};
    /// let m = Moments::of(&DMatrix::from_vec(2, 1, vec![1.0, 3.0])?)?;
    /// assert_eq!(m.comoment().as_slice(), &[2.0]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn comoment(&self) -> DMatrix<T> {
        let n = self.features();
        DMatrix::from_fn(n, n, |i, j| self.comoment[i * n + j])
    }

    /// The sample covariance (`ddof = 1`), NumPy's `np.cov(X, rowvar=False)`.
    ///
    /// # Errors
    /// [`Error::TooFewSamples`] for fewer than 2 rows.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Error, Moments};
    /// let m = Moments::of(&DMatrix::from_vec(3, 1, vec![1.0, 2.0, 6.0])?)?;
    /// assert_eq!(m.covariance()?.as_slice(), &[7.0]); // np.cov([1, 2, 6])
    /// assert_eq!(Moments::<f64>::new(1).covariance(), Err(Error::TooFewSamples { samples: 0, required: 2 }));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn covariance(&self) -> Result<DMatrix<T>, Error> {
        if self.count < 2 {
            return Err(Error::TooFewSamples {
                samples: self.count,
                required: 2,
            });
        }
        let dof = T::from(self.count - 1).ok_or(Error::Overflow)?;
        Ok(self.comoment().map(|x| x / dof))
    }

    /// The correlation matrix, NumPy's `np.corrcoef(X, rowvar=False)`: the covariance
    /// divided by the product of the standard deviations. A constant feature has no
    /// correlation: its row and column are NaN, as NumPy's.
    ///
    /// # Errors
    /// [`Error::TooFewSamples`] for fewer than 2 rows.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Moments};
    /// let x = DMatrix::from_vec(3, 2, vec![1.0f64, 2.0, 2.0, 4.0, 3.0, 6.5])?;
    /// let r = Moments::of(&x)?.correlation()?;
    /// assert_eq!(r[(0, 0)], 1.0);
    /// // np.corrcoef(x, rowvar=False)[0, 1] -> 0.9979487157886733
    /// assert!((r[(0, 1)] - 0.9979487157886733).abs() < 4.0 * f64::EPSILON);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn correlation(&self) -> Result<DMatrix<T>, Error> {
        let cov = self.covariance()?;
        let n = self.features();
        let sd: Vec<T> = (0..n).map(|i| cov[(i, i)].square_root()).collect();
        Ok(DMatrix::from_fn(n, n, |i, j| {
            if i == j && sd[i] > T::ZERO {
                T::ONE
            } else {
                // NumPy clips to [-1, 1] after dividing (NaN stays NaN).
                let r = cov[(i, j)] / sd[i] / sd[j];
                if r.is_nan() {
                    r
                } else {
                    r.max(-T::ONE).min(T::ONE)
                }
            }
        }))
    }
}
