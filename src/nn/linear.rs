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
    #[must_use]
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
    #[must_use]
    pub const fn zeros() -> Self {
        Linear {
            weights: Matrix::zeros(),
            bias: Matrix::zeros(),
        }
    }
}

/// Seeded initialisation (feature `rand`). Biases start at zero; each constructor takes any
/// `rand::Rng`, such as [`default_rng`](crate::random::default_rng).
#[cfg(feature = "rand")]
#[cfg_attr(docsrs, doc(cfg(feature = "rand")))]
impl<T: Real, const IN: usize, const OUT: usize> Linear<T, IN, OUT> {
    /// `sqrt(k / n)` in `T`, for a fan `n >= 1` (checked at compile time by the callers).
    fn scale(k: f64, n: usize) -> T {
        let ratio = T::from(k / n as f64).unwrap_or(T::ONE);
        ratio.square_root()
    }

    /// He (Kaiming) normal initialisation for ReLU networks: weights from
    /// `N(0, sqrt(2 / IN))`, PyTorch's `kaiming_normal_(w, nonlinearity='relu')`.
    ///
    /// # Example
    /// ```
    /// use statrix::{nn::Linear, random::default_rng};
    /// let layer = Linear::<f64, 128, 64>::he_normal(&mut default_rng(42));
    /// let std = layer.weights.std(0);
    /// assert!((std - 0.125).abs() < 0.01); // sqrt(2 / 128)
    /// ```
    #[must_use]
    pub fn he_normal<G: rand::Rng + ?Sized>(rng: &mut G) -> Self {
        const {
            assert!(
                IN >= 1,
                "he_normal: a layer needs at least one input (IN >= 1)"
            )
        };
        let weights = Matrix::random_standard_normal(rng) * Self::scale(2.0, IN);
        Linear {
            weights,
            bias: Matrix::zeros(),
        }
    }

    /// He (Kaiming) uniform initialisation: weights from `U(-a, a)` with
    /// `a = sqrt(6 / IN)`, PyTorch's `kaiming_uniform_(w, nonlinearity='relu')`.
    ///
    /// # Example
    /// ```
    /// use statrix::{nn::Linear, random::default_rng};
    /// let layer = Linear::<f32, 24, 8>::he_uniform(&mut default_rng(7));
    /// assert!(layer.weights.iter().all(|w| w.abs() <= 0.5)); // sqrt(6 / 24)
    /// ```
    #[must_use]
    pub fn he_uniform<G: rand::Rng + ?Sized>(rng: &mut G) -> Self {
        const {
            assert!(
                IN >= 1,
                "he_uniform: a layer needs at least one input (IN >= 1)"
            )
        };
        Linear {
            weights: Self::symmetric_uniform(rng, Self::scale(6.0, IN)),
            bias: Matrix::zeros(),
        }
    }

    /// Xavier (Glorot) normal initialisation for tanh/sigmoid networks: weights from
    /// `N(0, sqrt(2 / (IN + OUT)))`, PyTorch's `xavier_normal_`.
    ///
    /// # Example
    /// ```
    /// use statrix::{nn::Linear, random::default_rng};
    /// let layer = Linear::<f64, 100, 100>::xavier_normal(&mut default_rng(3));
    /// assert!((layer.weights.std(0) - 0.1).abs() < 0.01); // sqrt(2 / 200)
    /// ```
    #[must_use]
    pub fn xavier_normal<G: rand::Rng + ?Sized>(rng: &mut G) -> Self {
        const { assert!(IN + OUT >= 1, "xavier_normal: the layer has no weights") };
        let weights = Matrix::random_standard_normal(rng) * Self::scale(2.0, IN + OUT);
        Linear {
            weights,
            bias: Matrix::zeros(),
        }
    }

    /// Xavier (Glorot) uniform initialisation: weights from `U(-a, a)` with
    /// `a = sqrt(6 / (IN + OUT))`, PyTorch's `xavier_uniform_`.
    ///
    /// # Example
    /// ```
    /// use statrix::{nn::Linear, random::default_rng};
    /// let layer = Linear::<f32, 4, 2>::xavier_uniform(&mut default_rng(0));
    /// assert!(layer.weights.iter().all(|w| w.abs() <= 1.0)); // sqrt(6 / 6)
    /// ```
    #[must_use]
    pub fn xavier_uniform<G: rand::Rng + ?Sized>(rng: &mut G) -> Self {
        const { assert!(IN + OUT >= 1, "xavier_uniform: the layer has no weights") };
        Linear {
            weights: Self::symmetric_uniform(rng, Self::scale(6.0, IN + OUT)),
            bias: Matrix::zeros(),
        }
    }

    /// Weights from `U(-a, a)`: `[0, 1)` draws mapped by `a * (2u - 1)`.
    fn symmetric_uniform<G: rand::Rng + ?Sized>(rng: &mut G, a: T) -> Matrix<T, IN, OUT> {
        Matrix::random(rng).map(|u: T| a * (T::TWO * u - T::ONE))
    }
}

impl<T: Real, const IN: usize, const OUT: usize> Layer<T, IN, OUT> for Linear<T, IN, OUT> {
    /// `input @ W + b`, the bias broadcast over the batch's rows. The weights are borrowed
    /// and the bias is added to the product where it lies: no copy of either matrix (at the
    /// seed's `32 x 128 @ 128 x 64` in `f64`, copying the weights by value had doubled the
    /// layer's time).
    #[inline]
    fn forward<const B: usize>(&self, input: &Matrix<T, B, IN>) -> Matrix<T, B, OUT> {
        let mut out = input.matmul(&self.weights);
        out.add_row_in_place(&self.bias);
        out
    }
}
