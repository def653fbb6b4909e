//! [`Linear`]: the fully-connected layer `X @ W + b` with compile-time checked sizes.

use crate::matrix::Matrix;
use crate::nn::layer::Layer;
use crate::scalar::Real;

/// A fully-connected layer: `forward(X) = X @ W + b`, with weights `W: IN x OUT` and bias
/// `b: 1 x OUT`, exactly the seed's `linear_layer` (`X @ W + b` on `(batch, in_features)`).
/// The batch size is any `B`, chosen at each call; a wrong feature count does not compile.
///
/// # Example
/// ```
/// use statrix::nn::{Layer, Linear};
/// use statrix::{matrix, Matrix};
///
/// let layer = Linear::new(matrix![1.0, 0.0; 0.0, 2.0; 1.0, 1.0], matrix![0.5, -0.5]);
/// let x = matrix![1.0, 2.0, 3.0];
/// assert_eq!(layer.forward(&x), matrix![4.5, 6.5]);
/// // The seed's shapes: (32, 128) @ (128, 64) + (64,) -> (32, 64)
/// let big = Linear::<f32, 128, 64>::zeros();
/// assert_eq!(big.forward(&Matrix::<f32, 32, 128>::ones()).shape(), (32, 64));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Linear<T, const IN: usize, const OUT: usize> {
    /// `W`, `IN x OUT`: column `j` holds the weights of output feature `j`.
    pub weights: Matrix<T, IN, OUT>,
    /// `b`, one bias per output feature.
    pub bias: Matrix<T, 1, OUT>,
}

impl<T: Real, const IN: usize, const OUT: usize> Linear<T, IN, OUT> {
    /// A layer with the given weights and bias.
    ///
    /// # Example
    /// ```
    /// use statrix::{nn::Linear, Matrix};
    /// let layer = Linear::new(Matrix::<f64, 3, 2>::identity(), Matrix::zeros());
    /// assert_eq!(layer.weights[(1, 1)], 1.0);
    /// ```
    pub const fn new(weights: Matrix<T, IN, OUT>, bias: Matrix<T, 1, OUT>) -> Self {
        Linear { weights, bias }
    }

    /// A layer of zero weights and zero bias (the seed's `b = np.zeros(out_features)`).
    ///
    /// # Example
    /// ```
    /// use statrix::nn::Linear;
    /// assert_eq!(Linear::<f32, 4, 2>::zeros().bias, statrix::Matrix::zeros());
    /// ```
    pub const fn zeros() -> Self {
        Linear {
            weights: Matrix::zeros(),
            bias: Matrix::zeros(),
        }
    }
}

impl<T: Real, const IN: usize, const OUT: usize> Layer<T, IN, OUT> for Linear<T, IN, OUT> {
    /// `input @ W + b`, the bias broadcast over the batch's rows.
    #[inline]
    fn forward<const B: usize>(&self, input: &Matrix<T, B, IN>) -> Matrix<T, B, OUT> {
        (input * self.weights).add_row_broadcast(&self.bias)
    }
}
