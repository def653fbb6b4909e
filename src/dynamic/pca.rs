//! Principal component analysis of a [`DMatrix`] of samples (rows) by features (columns):
//! [`Pca`], fitted by one of four solvers ([`PcaSolver`]).
//!
//! The solvers, their cost and accuracy are described at [`PcaSolver`].
//!
//! # Conventions
//!
//! As scikit-learn's `PCA`: `components` holds the principal axes as rows (`Vt[:k]`), each
//! signed so that its largest-magnitude entry is positive; `explained_variance` is `S^2 / (m
//! - 1)`; the ratio divides by the total variance of the data (the sum of the features'
//! variances, `ddof = 1`). `transform` is `(X - mean) @ componentsᵀ`, which for the fitted
//! data is the seed's `pca()`, `Xc @ Vt[:k].T`, up to one sign per component.

use alloc::vec::Vec;

use super::DMatrix;
use super::axis_stats::Axis;
use super::decompositions::DSvd;
use super::moments::Moments;
use super::orthonormal::orthonormal_columns;
use crate::error::Error;
use crate::numeric::{Pow2Scale, finite_max_abs, norm, prescale_exponent};
use crate::random::default_rng;
use crate::scalar::Real;

/// How [`Pca`] computes the principal components.
///
/// - [`PcaSolver::Exact`]: the leading `k` triplets of the thin SVD of the centred data
///   ([`DMatrix::svd_largest`]: Householder bidiagonalisation, the singular values by
///   Golub-Kahan QR, the `k` vector pairs by inverse iteration), NumPy's `np.linalg.svd(Xc,
///   full_matrices=False)` cut to `k` and scikit-learn's `svd_solver="full"`. Backward stable: every
///   singular value within a small multiple of `eps ||Xc||` of the exact one.
/// - [`PcaSolver::Gram`]: the eigendecomposition of the smaller Gram matrix, `XcᵀXc` (features
///   by features) or `Xc Xcᵀ` (samples by samples), scikit-learn's `"covariance_eigh"`.
///   Forming the Gram matrix squares the condition number: a component whose singular value
///   is `sigma_i` has an error of about `eps (sigma_1 / sigma_i)^2` instead of `eps sigma_1 /
///   sigma_i` (gap-relative), so the leading components are as accurate as the exact
///   solver's and the trailing ones, far below `sigma_1 sqrt(eps)`, are not to be trusted. It
///   does one product (one triangle) and the `k` leading eigenpairs of the smaller dimension
///   ([`DMatrix::symmetric_eigen_largest`]: tridiagonalisation, then inverse iteration).
/// - [`PcaSolver::Randomized`]: the randomized range finder of Halko, Martinsson and Tropp
///   ("Finding structure with randomness", SIAM Review 53(2), 2011, Algorithms 4.4 and 5.1),
///   scikit-learn's `"randomized"`: `n_components + oversamples` seeded Gaussian test
///   vectors, `power_iterations` rounds of `Xc Xcᵀ` with re-orthonormalisation, then the exact
///   SVD of the small projected matrix. Its error is bounded (in expectation) by Corollary
///   10.10 of that paper: `E ||Xc - Q QᵀXc|| <= [(1 + 4 sqrt(2 min(m, n) / (p - 1)))
///   sigma_{k+1}^(2q+1)]^(1/(2q+1))` for `p >= 2` oversamples and `q` power iterations.
///   Close to exact on data whose spectrum decays; on data with a flat spectrum (Gaussian
///   noise) it is not.
/// - [`PcaSolver::Auto`]: scikit-learn's rule (version 1.5 on), by shape and
///   `n_components`: `Gram` for tall data (`n_features <= 1000` and `n_samples >= 10
///   n_features`), otherwise `Exact` when the data is small (`max(shape) <= 500`) or
///   `n_components >= 0.8 min(shape)`, otherwise `Randomized` with 10 oversamples, 7 power
///   iterations when `n_components < 0.1 min(shape)` and 4 otherwise, and seed 0.
///   [`Pca::solver`] reports the one that ran.
///
/// # Example
/// ```
/// use statrix::{DMatrix, Pca, PcaSolver};
/// use statrix::random::default_rng;
/// let x = DMatrix::<f64>::random_standard_normal(600, 120, &mut default_rng(0));
/// // scikit-learn: PCA(5).fit(x) picks svd_solver="randomized" with iterated_power=7.
/// let auto = Pca::fit(&x, 5)?;
/// assert_eq!(
///     auto.solver(),
///     PcaSolver::Randomized { oversamples: 10, power_iterations: 7, seed: 0 }
/// );
/// // PCA(5, svd_solver="full"): the exact SVD.
/// assert_eq!(Pca::fit_with(&x, 5, PcaSolver::Exact)?.solver(), PcaSolver::Exact);
/// # Ok::<(), statrix::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PcaSolver {
    /// scikit-learn's choice by shape and number of components; [`Pca::solver`] tells which.
    Auto,
    /// The thin SVD of the centred data: NumPy's and scikit-learn's `"full"`.
    Exact,
    /// The eigendecomposition of the smaller Gram matrix (scikit-learn's
    /// `"covariance_eigh"`): accurate for the leading components.
    Gram,
    /// The seeded randomized range finder (scikit-learn's `"randomized"`).
    Randomized {
        /// Test vectors beyond `n_components` (scikit-learn's `n_oversamples`, default 10).
        oversamples: usize,
        /// Rounds of power iteration (scikit-learn's `iterated_power`).
        power_iterations: usize,
        /// The seed of the Gaussian test matrix (drawn by [`default_rng`]).
        seed: u64,
    },
}

/// A fitted principal component analysis, scikit-learn's `PCA(n_components).fit(X)`.
///
/// # Example
/// ```
/// use statrix::{DMatrix, Pca, PcaSolver};
/// use statrix::random::default_rng;
///
/// // NumPy: X = np.random.default_rng(0).standard_normal((200, 10)); X[:, 1] += 3 * X[:, 0]
/// let mut x = DMatrix::<f64>::random_standard_normal(200, 10, &mut default_rng(0));
/// for i in 0..200 {
///     x[(i, 1)] += 3.0 * x[(i, 0)];
/// }
/// let pca = Pca::fit_with(&x, 2, PcaSolver::Exact)?;
/// assert_eq!(pca.components().shape(), (2, 10));
/// // The first axis is close to (1, 3) / sqrt(10) in the first two features.
/// let c = pca.components();
/// assert!((c[(0, 1)] - 3.0 / 10f64.sqrt()).abs() < 0.05);
/// assert!(pca.explained_variance_ratio()[0] > 0.4);
/// assert_eq!(pca.transform(&x)?.shape(), (200, 2));
/// # Ok::<(), statrix::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Pca<T> {
    mean: Vec<T>,
    components: DMatrix<T>,
    singular_values: Vec<T>,
    explained_variance: Vec<T>,
    explained_variance_ratio: Vec<T>,
    solver: PcaSolver,
}

impl<T: Real> Pca<T> {
    /// Fits `n_components` principal components of `data` (samples as rows) with
    /// [`PcaSolver::Auto`].
    ///
    /// # Errors
    /// As [`fit_with`](Self::fit_with).
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Pca, PcaSolver};
    /// use statrix::random::default_rng;
    /// let x = DMatrix::<f64>::random_standard_normal(1000, 20, &mut default_rng(1));
    /// let pca = Pca::fit(&x, 3)?;
    /// // 1000 samples of 20 features: tall data, scikit-learn's rule picks the Gram matrix.
    /// assert_eq!(pca.solver(), PcaSolver::Gram);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn fit(data: &DMatrix<T>, n_components: usize) -> Result<Self, Error> {
        Self::fit_with(data, n_components, PcaSolver::Auto)
    }

    /// Fits `n_components` principal components of `data` (samples as rows) with `solver`.
    ///
    /// # Errors
    /// [`Error::TooFewSamples`] for fewer than 2 rows; [`Error::TooManyComponents`] unless
    /// `1 <= n_components <= min(rows, cols)` (and, for `Randomized`, when `cols` is 0);
    /// [`Error::NonFinite`] if an element is NaN or infinite; [`Error::Overflow`] if the
    /// centred data or the total variance (`||X - mean||_F^2 / (rows - 1)`) overflows, as it
    /// can only for data near the largest float; the decompositions' errors
    /// ([`Error::NoConvergence`], [`Error::Overflow`]) as they arise.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Error, Pca, PcaSolver};
    /// let x = DMatrix::from_fn(5, 3, |i, j| (i * j) as f64);
    /// assert_eq!(
    ///     Pca::fit_with(&x, 4, PcaSolver::Exact),
    ///     Err(Error::TooManyComponents { requested: 4, available: 3 })
    /// );
    /// let one_row = DMatrix::<f64>::zeros(1, 3);
    /// assert_eq!(Pca::fit(&one_row, 1), Err(Error::TooFewSamples { samples: 1, required: 2 }));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn fit_with(
        data: &DMatrix<T>,
        n_components: usize,
        solver: PcaSolver,
    ) -> Result<Self, Error> {
        let (m, n) = data.shape();
        check_sizes(m, n, n_components)?;
        if data.as_slice().iter().any(|x| !x.is_finite()) {
            return Err(Error::NonFinite);
        }
        let solver = match solver {
            PcaSolver::Auto => auto_solver((m, n), n_components),
            chosen => chosen,
        };
        let mean = data.mean_axis(Axis::Columns);
        let centred = DMatrix::from_fn(m, n, |i, j| data[(i, j)] - mean[j]);
        // Centred data far from 1 (beyond LAPACK's safe range) is scaled by a power of two
        // first, so that no solver's products (the Gram matrix, the range finder's) overflow
        // or underflow; the singular values and the norm are scaled back.
        let max_abs = finite_max_abs(centred.as_slice()).ok_or(Error::Overflow)?;
        let (centred, down) = match prescale_exponent(max_abs) {
            Some(k) => (
                centred.map(|x| Pow2Scale::new(k).apply(x)),
                Pow2Scale::new(-k),
            ),
            None => (centred, Pow2Scale::new(0)),
        };
        let (singular_values, components) = match solver {
            PcaSolver::Auto | PcaSolver::Exact => exact(&centred, n_components)?,
            PcaSolver::Gram => gram(&centred, n_components)?,
            PcaSolver::Randomized {
                oversamples,
                power_iterations,
                seed,
            } => randomized(&centred, n_components, oversamples, power_iterations, seed)?,
        };
        let frobenius = norm(centred.as_slice().iter().copied());
        let spectrum = Spectrum {
            singular_values,
            frobenius,
            down,
        };
        Self::assemble(mean, spectrum, components, m, solver)
    }

    /// The PCA of the rows summarised in `moments` (fed in chunks, merged across threads or
    /// machines): the leading eigenvectors of their covariance, which is the Gram solver on
    /// `XcᵀXc` (with its accuracy, see [`PcaSolver::Gram`]) without the data in
    /// memory. [`solver`](Self::solver) reports [`PcaSolver::Gram`].
    ///
    /// # Errors
    /// [`Error::TooFewSamples`] for fewer than 2 rows; [`Error::TooManyComponents`] unless
    /// `1 <= n_components <= min(count, features)`; [`Error::Overflow`] if the total variance
    /// (the co-moment's trace over `count - 1`) overflows; the eigensolver's errors.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Moments, Pca, PcaSolver};
    /// use statrix::random::default_rng;
    /// let x = DMatrix::<f64>::random_standard_normal(500, 6, &mut default_rng(2));
    /// let mut moments = Moments::new(6);
    /// for start in (0..500).step_by(100) {
    ///     let chunk = DMatrix::from_fn(100, 6, |i, j| x[(start + i, j)]);
    ///     moments.update(&chunk)?;
    /// }
    /// let streamed = Pca::from_moments(&moments, 2)?;
    /// let in_memory = Pca::fit_with(&x, 2, PcaSolver::Gram)?;
    /// for (a, b) in streamed.singular_values().iter().zip(in_memory.singular_values()) {
    ///     assert!((a - b).abs() <= 1e-12 * b);
    /// }
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn from_moments(moments: &Moments<T>, n_components: usize) -> Result<Self, Error> {
        let (m, n) = (moments.count(), moments.features());
        check_sizes(m, n, n_components)?;
        let comoment = moments.comoment();
        let (singular_values, components) = leading_eigenvectors(&comoment, n_components)?;
        // sqrt(trace), as the Frobenius norm of the centred data, without squaring back.
        let frobenius = norm((0..n).map(|i| comoment[(i, i)].max(T::ZERO).sqrt()));
        let spectrum = Spectrum {
            singular_values,
            frobenius,
            down: Pow2Scale::new(0),
        };
        Self::assemble(
            moments.mean().to_vec(),
            spectrum,
            components,
            m,
            PcaSolver::Gram,
        )
    }

    /// The fitted model from its parts: `total` is the sum of squares of the centred data
    /// (the trace of `XcᵀXc`), `m` the number of samples.
    /// The variances `(s / sqrt(m - 1))^2` and ratios `(s / frobenius)^2` (`frobenius` the
    /// centred data's Frobenius norm), formed at the scale the solver worked at and without
    /// squaring a value that may overflow: a ratio is right whenever the norms are, also for
    /// data whose singular values are subnormal once scaled back.
    fn assemble(
        mean: Vec<T>,
        spectrum: Spectrum<T>,
        components: DMatrix<T>,
        m: usize,
        solver: PcaSolver,
    ) -> Result<Self, Error> {
        let Spectrum {
            singular_values: scaled,
            frobenius,
            down,
        } = spectrum;
        let root = T::from(m - 1).ok_or(Error::Overflow)?.sqrt();
        // (x / root)^2 scaled back twice (a variance scales with the square).
        let variance = |x: T| down.apply(down.apply((x / root) * (x / root)));
        let total_variance = variance(frobenius);
        let explained_variance: Vec<T> = scaled.iter().map(|&s| variance(s)).collect();
        if !total_variance.is_finite() || explained_variance.iter().any(|v| !v.is_finite()) {
            return Err(Error::Overflow);
        }
        let explained_variance_ratio = scaled
            .iter()
            .map(|&s| {
                if frobenius > T::ZERO {
                    (s / frobenius) * (s / frobenius)
                } else {
                    T::ZERO
                }
            })
            .collect();
        let singular_values = scaled.iter().map(|&s| down.apply(s)).collect();
        Ok(Self {
            mean,
            components,
            singular_values,
            explained_variance,
            explained_variance_ratio,
            solver,
        })
    }

    /// The data projected onto the components, `(data - mean) @ componentsᵀ`
    /// (`rows x n_components`), scikit-learn's `pca.transform(X)`.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] (`op: "transform"`) if `data` has not the fitted number of
    /// features.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Pca, PcaSolver};
    /// let x = DMatrix::from_vec(4, 2, vec![1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 4.0, 4.0])?;
    /// let pca = Pca::fit_with(&x, 1, PcaSolver::Exact)?;
    /// let z = pca.transform(&x)?;
    /// // The points lie on the diagonal: the projection is their signed distance from the mean.
    /// let want = [-1.5, -0.5, 0.5, 1.5].map(|t: f64| t * 2f64.sqrt());
    /// for (got, want) in z.as_slice().iter().zip(want) {
    ///     assert!((got - want).abs() < 1e-14);
    /// }
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn transform(&self, data: &DMatrix<T>) -> Result<DMatrix<T>, Error> {
        let (m, n) = data.shape();
        if n != self.mean.len() {
            return Err(Error::ShapeMismatch {
                op: "transform",
                left: (m, n),
                right: self.components.shape(),
            });
        }
        let centred = DMatrix::from_fn(m, n, |i, j| data[(i, j)] - self.mean[j]);
        Ok(centred.matmul_transpose(&self.components))
    }

    /// Back from component space, `reduced @ components + mean` (`rows x n_features`),
    /// scikit-learn's `pca.inverse_transform(Z)`: the data's projection onto the fitted
    /// subspace.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] (`op: "inverse_transform"`) if `reduced` has not
    /// `n_components` columns.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Pca, PcaSolver};
    /// let x = DMatrix::from_vec(3, 2, vec![0.0f64, 1.0, 1.0, 3.0, 2.0, 5.0])?;
    /// let pca = Pca::fit_with(&x, 1, PcaSolver::Exact)?;
    /// // The points lie on a line: one component restores them.
    /// let back = pca.inverse_transform(&pca.transform(&x)?)?;
    /// for (got, want) in back.as_slice().iter().zip(x.as_slice()) {
    ///     assert!((got - want).abs() < 1e-14);
    /// }
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn inverse_transform(&self, reduced: &DMatrix<T>) -> Result<DMatrix<T>, Error> {
        let (m, k) = reduced.shape();
        if k != self.components.rows() {
            return Err(Error::ShapeMismatch {
                op: "inverse_transform",
                left: (m, k),
                right: self.components.shape(),
            });
        }
        let mut back = reduced.matmul(&self.components);
        for row in back.as_mut_slice().chunks_exact_mut(self.mean.len().max(1)) {
            for (x, &mu) in row.iter_mut().zip(&self.mean) {
                *x += mu;
            }
        }
        Ok(back)
    }

    /// The principal axes as rows (`n_components x n_features`), ordered by explained
    /// variance, each signed so that its largest-magnitude entry is positive: NumPy's
    /// `Vt[:k]` up to one sign per row, scikit-learn's `components_`.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Pca, PcaSolver};
    /// let x = DMatrix::from_vec(3, 2, vec![0.0f64, 1.0, 1.0, 3.0, 2.0, 5.0])?;
    /// let c = Pca::fit_with(&x, 1, PcaSolver::Exact)?.components().clone();
    /// // Along (1, 2) / sqrt(5).
    /// assert!((c[(0, 0)] - 1.0 / 5f64.sqrt()).abs() < 1e-15);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn components(&self) -> &DMatrix<T> {
        &self.components
    }

    /// The variance along each component, `S^2 / (n_samples - 1)`, descending:
    /// scikit-learn's `explained_variance_`.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Pca, PcaSolver};
    /// let x = DMatrix::from_vec(3, 2, vec![0.0f64, 1.0, 1.0, 3.0, 2.0, 5.0])?;
    /// let pca = Pca::fit_with(&x, 1, PcaSolver::Exact)?;
    /// // Variances 1 and 4 along the line (1, 2): 5 in all.
    /// assert!((pca.explained_variance()[0] - 5.0).abs() < 1e-14);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn explained_variance(&self) -> &[T] {
        &self.explained_variance
    }

    /// The share of the data's total variance along each component: scikit-learn's
    /// `explained_variance_ratio_`.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Pca, PcaSolver};
    /// let x = DMatrix::from_vec(3, 2, vec![0.0f64, 1.0, 1.0, 3.0, 2.0, 5.0])?;
    /// let pca = Pca::fit_with(&x, 1, PcaSolver::Exact)?;
    /// assert!((pca.explained_variance_ratio()[0] - 1.0).abs() < 1e-14);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn explained_variance_ratio(&self) -> &[T] {
        &self.explained_variance_ratio
    }

    /// The singular values of the centred data belonging to the components, descending:
    /// NumPy's `S[:k]`, scikit-learn's `singular_values_`.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Pca, PcaSolver};
    /// let x = DMatrix::from_vec(3, 2, vec![0.0f64, 1.0, 1.0, 3.0, 2.0, 5.0])?;
    /// let pca = Pca::fit_with(&x, 1, PcaSolver::Exact)?;
    /// assert!((pca.singular_values()[0] - 10f64.sqrt()).abs() < 1e-14);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn singular_values(&self) -> &[T] {
        &self.singular_values
    }

    /// The mean of each feature, subtracted before projecting: `X.mean(axis=0)`,
    /// scikit-learn's `mean_`.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Pca};
    /// let x = DMatrix::from_vec(2, 2, vec![1.0, 2.0, 3.0, 6.0])?;
    /// assert_eq!(Pca::fit(&x, 1)?.mean(), &[2.0, 4.0]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn mean(&self) -> &[T] {
        &self.mean
    }

    /// The solver that ran: the one asked for, or the one [`PcaSolver::Auto`] picked.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Pca, PcaSolver};
    /// use statrix::random::default_rng;
    /// let x = DMatrix::<f64>::random_standard_normal(100, 40, &mut default_rng(3));
    /// // Small data: scikit-learn's rule picks the exact SVD.
    /// assert_eq!(Pca::fit(&x, 5)?.solver(), PcaSolver::Exact);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn solver(&self) -> PcaSolver {
        self.solver
    }
}

/// A solver's singular values and the centred data's Frobenius norm, both at the scale the
/// solver worked at, and the scaling back to the data's.
struct Spectrum<T> {
    singular_values: Vec<T>,
    frobenius: T,
    down: Pow2Scale<T>,
}

/// At least 2 samples, and `1 <= k <= min(m, n)` components.
fn check_sizes(m: usize, n: usize, k: usize) -> Result<(), Error> {
    if m < 2 {
        return Err(Error::TooFewSamples {
            samples: m,
            required: 2,
        });
    }
    let available = m.min(n);
    if k == 0 || k > available {
        return Err(Error::TooManyComponents {
            requested: k,
            available,
        });
    }
    Ok(())
}

/// scikit-learn's `svd_solver="auto"` rule (see the module documentation).
fn auto_solver((m, n): (usize, usize), k: usize) -> PcaSolver {
    let small = m.min(n);
    if n <= 1000 && m >= 10 * n {
        PcaSolver::Gram
    } else if m.max(n) <= 500 || 10 * k >= 8 * small {
        PcaSolver::Exact
    } else {
        PcaSolver::Randomized {
            oversamples: 10,
            power_iterations: if 10 * k < small { 7 } else { 4 },
            seed: 0,
        }
    }
}

/// The leading `k` singular values and right singular vectors (as rows) of the thin SVD.
fn exact<T: Real>(centred: &DMatrix<T>, k: usize) -> Result<(Vec<T>, DMatrix<T>), Error> {
    let svd = centred.svd_largest(k)?;
    Ok((svd.singular_values, svd.v_t))
}

/// The leading `k` singular values and right singular vectors from the smaller Gram matrix.
fn gram<T: Real>(centred: &DMatrix<T>, k: usize) -> Result<(Vec<T>, DMatrix<T>), Error> {
    let (m, n) = centred.shape();
    if n <= m {
        return leading_eigenvectors(&centred.gram(), k);
    }
    // From Xc Xcᵀ: the left vectors u_i, then v_i = Xcᵀ u_i / sigma_i, orthonormalised (which
    // also completes the basis where a sigma_i is zero): the Householder basis of the columns
    // of Xcᵀ U_k keeps each column's direction up to its sign.
    let (singular_values, u_t) = leading_eigenvectors(&centred.gram_of_rows(), k)?;
    let v = orthonormal_columns(&u_t.matmul(centred).transpose());
    Ok((singular_values, signed(v.transpose())))
}

/// The square roots of the leading `k` eigenvalues of the symmetric `g` and their
/// eigenvectors as rows, signed: for `g = XcᵀXc` the singular values and right singular
/// vectors of `Xc`, for `g = Xc Xcᵀ` the singular values and left singular vectors.
fn leading_eigenvectors<T: Real>(g: &DMatrix<T>, k: usize) -> Result<(Vec<T>, DMatrix<T>), Error> {
    let eig = g.symmetric_eigen_largest(k)?;
    let n = g.rows();
    // Ascending: the largest is the last.
    let singular_values = eig
        .eigenvalues
        .iter()
        .rev()
        .map(|&w| w.max(T::ZERO).square_root())
        .collect();
    let v_t = DMatrix::from_fn(k, n, |r, j| eig.eigenvectors[(j, k - 1 - r)]);
    Ok((singular_values, signed(v_t)))
}

/// The leading `k` singular values and right singular vectors by the randomized range
/// finder with `oversamples` extra test vectors and `power_iterations` rounds.
fn randomized<T: Real>(
    centred: &DMatrix<T>,
    k: usize,
    oversamples: usize,
    power_iterations: usize,
    seed: u64,
) -> Result<(Vec<T>, DMatrix<T>), Error> {
    let (m, n) = centred.shape();
    let width = k.saturating_add(oversamples).min(m.min(n));
    let omega = DMatrix::<T>::random_standard_normal(n, width, &mut default_rng(seed));
    let mut q = orthonormal_columns(&centred.matmul(&omega));
    for _ in 0..power_iterations {
        let z = orthonormal_columns(&centred.transpose_matmul(&q));
        q = orthonormal_columns(&centred.matmul(&z));
    }
    let small = q.transpose_matmul(centred);
    let svd = small.svd()?;
    let components = DMatrix::from_fn(k, n, |i, j| svd.v_t[(i, j)]);
    Ok((svd.singular_values[..k].to_vec(), components))
}

/// `v_t` with every row signed so that its largest-magnitude entry is positive (the SVD's
/// convention).
fn signed<T: Real>(v_t: DMatrix<T>) -> DMatrix<T> {
    let k = v_t.rows();
    let mut svd = DSvd {
        u: DMatrix::zeros(0, k),
        singular_values: Vec::new(),
        v_t,
    };
    svd.normalize_signs();
    svd.v_t
}
