//! Losses: mean squared error and cross-entropy from logits (stable).

use crate::error::Error;
use crate::matrix::Matrix;
use crate::nn::activation::{log_sum_exp_parts, softplus};
use crate::scalar::Real;

/// Mean squared error over all elements, `np.mean((prediction - target) ** 2)` (PyTorch's
/// `mse_loss` with `reduction='mean'`). NaN in either input gives NaN.
///
/// # Example
/// ```
/// use statrix::{matrix, nn::mse};
/// let prediction = matrix![1.0, 2.0; 3.0, 4.0];
/// let target = matrix![1.0, 2.0; 3.0, 6.0];
/// assert_eq!(mse(&prediction, &target), 1.0); // (0 + 0 + 0 + 4) / 4
/// ```
#[must_use]
pub fn mse<T: Real, const R: usize, const C: usize>(
    prediction: &Matrix<T, R, C>,
    target: &Matrix<T, R, C>,
) -> T {
    let mut sum = T::ZERO;
    for (&p, &t) in prediction.iter().zip(target.iter()) {
        let d = p - t;
        sum += d * d;
    }
    sum / count::<T>(R * C)
}

/// `n` as `T` (exact for every count a stack matrix can hold in f64; rounded in f32 above
/// 2^24).
fn count<T: Real>(n: usize) -> T {
    T::from(n).unwrap_or_else(T::max_value)
}

/// Cross-entropy of a batch of logits against class labels, averaged over the batch
/// (PyTorch's `cross_entropy(logits, labels)`): for each row `-log_softmax(row)[label]`,
/// computed as `ln(sum(exp(row - max))) + max - row[label]`, which never overflows and never
/// takes `ln(0)`.
///
/// # Errors
/// [`Error::IndexOutOfBounds`] (on axis 1) if a label is not below `K`.
///
/// # Example
/// ```
/// use statrix::{matrix, nn::cross_entropy_with_labels};
/// let logits = matrix![2.0, 1.0, 0.1; 0.5, 1.5, 2.0];
/// let loss = cross_entropy_with_labels(&logits, &[0, 2]).unwrap();
/// assert!((loss - 0.5105803108072811f64).abs() <= 8.0 * f64::EPSILON);
/// assert!(cross_entropy_with_labels(&logits, &[0, 3]).is_err());
/// ```
pub fn cross_entropy_with_labels<T: Real, const B: usize, const K: usize>(
    logits: &Matrix<T, B, K>,
    labels: &[usize; B],
) -> Result<T, Error> {
    let mut total = T::ZERO;
    for (row, &label) in logits.0.iter().zip(labels.iter()) {
        let Some(&picked) = row.get(label) else {
            return Err(Error::IndexOutOfBounds {
                axis: 1,
                index: label,
                len: K,
            });
        };
        let (max, log_sum) = log_sum_exp_parts(row);
        total += log_sum + max - picked;
    }
    Ok(total / count::<T>(B))
}

/// Cross-entropy of a batch of logits against target distributions (one row per sample,
/// e.g. one-hot or label-smoothed), averaged over the batch: `mean(-sum(target *
/// log_softmax(logits), axis=1))` (PyTorch's `cross_entropy` with probability targets).
///
/// # Example
/// ```
/// use statrix::{matrix, nn::{cross_entropy_with_labels, cross_entropy_with_targets}};
/// let logits = matrix![2.0, 1.0, 0.1; 0.5, 1.5, 2.0];
/// let one_hot = matrix![1.0, 0.0, 0.0; 0.0, 0.0, 1.0];
/// let a: f64 = cross_entropy_with_targets(&logits, &one_hot);
/// let b = cross_entropy_with_labels(&logits, &[0, 2]).unwrap();
/// assert!((a - b).abs() <= 4.0 * f64::EPSILON);
/// ```
#[must_use]
pub fn cross_entropy_with_targets<T: Real, const B: usize, const K: usize>(
    logits: &Matrix<T, B, K>,
    targets: &Matrix<T, B, K>,
) -> T {
    let mut total = T::ZERO;
    for (row, target) in logits.0.iter().zip(targets.0.iter()) {
        let (max, log_sum) = log_sum_exp_parts(row);
        for (&x, &t) in row.iter().zip(target.iter()) {
            if t != T::ZERO {
                total += t * (log_sum + max - x);
            }
        }
    }
    total / count::<T>(B)
}

/// Binary cross-entropy of logits against targets in `[0, 1]`, averaged over all elements
/// (PyTorch's `binary_cross_entropy_with_logits`): `max(x, 0) - x t + ln(1 + exp(-|x|))`
/// per element, which is stable for any logit.
///
/// # Example
/// ```
/// use statrix::{matrix, nn::binary_cross_entropy_with_logits};
/// let loss = binary_cross_entropy_with_logits(&matrix![0.0, 0.0], &matrix![1.0, 0.0]);
/// assert!((loss - 2.0f64.ln()).abs() <= 2.0 * f64::EPSILON);
/// // A confident right answer costs almost nothing, without overflow.
/// assert_eq!(binary_cross_entropy_with_logits(&matrix![1000.0], &matrix![1.0]), 0.0);
/// ```
#[must_use]
pub fn binary_cross_entropy_with_logits<T: Real, const R: usize, const C: usize>(
    logits: &Matrix<T, R, C>,
    targets: &Matrix<T, R, C>,
) -> T {
    let mut total = T::ZERO;
    for (&x, &t) in logits.iter().zip(targets.iter()) {
        // softplus(x) - x t == max(x, 0) - x t + ln(1 + exp(-|x|)).
        total += softplus(x) - x * t;
    }
    total / count::<T>(R * C)
}
