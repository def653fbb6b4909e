//! The [`Layer`] trait and its composition: a network is a chain of layers whose sizes the
//! compiler checks, so an MLP whose layer sizes do not chain does not build.

use core::marker::PhantomData;

use crate::matrix::Matrix;
use crate::scalar::Real;

/// A differentiable-network building block mapping a batch of `IN` features to `OUT`
/// features, for any batch size `B`.
///
/// Layers compose with [`then`](Layer::then): `a.then(b)` feeds `a`'s output to `b`, and
/// compiles only if `b` takes what `a` gives.
///
/// # Example
/// ```
/// use statrix::nn::{Layer, Linear, Relu};
/// use statrix::Matrix;
///
/// let mlp = Linear::<f64, 4, 8>::zeros()
///     .then(Relu)
///     .then(Linear::<f64, 8, 3>::zeros());
/// let batch = Matrix::<f64, 32, 4>::ones();
/// let out: Matrix<f64, 32, 3> = mlp.forward(&batch);
/// assert_eq!(out, Matrix::zeros());
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a layer taking {IN} features of `{T}`",
    label = "the previous layer outputs {IN} features of `{T}`; this layer does not take them",
    note = "in `a.then(b)`, `b` must take the features `a` outputs: for `Linear<T, IN, OUT>`, \
            `b`'s `IN` must equal `a`'s `OUT`, and both must have the same element type"
)]
pub trait Layer<T: Real, const IN: usize, const OUT: usize> {
    /// Applies the layer to a batch: one sample per row.
    fn forward<const B: usize>(&self, input: &Matrix<T, B, IN>) -> Matrix<T, B, OUT>;

    /// `self` followed by `next`, which must take `OUT` features.
    ///
    /// # Example
    /// ```
    /// use statrix::nn::{Layer, Linear, Sigmoid};
    /// let net = Linear::<f32, 2, 1>::zeros().then(Sigmoid);
    /// let y = net.forward(&statrix::Matrix::<f32, 1, 2>::ones());
    /// assert_eq!(y[(0, 0)], 0.5);
    /// ```
    fn then<const NEXT: usize, L: Layer<T, OUT, NEXT>>(self, next: L) -> Chain<Self, L, OUT>
    where
        Self: Sized,
    {
        Chain {
            first: self,
            second: next,
        }
    }
}

/// Two layers in sequence, made by [`Layer::then`]; `MID` is the width between them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Chain<A, B, const MID: usize> {
    /// The first layer.
    pub first: A,
    /// The second layer, fed by the first.
    pub second: B,
}

impl<T, A, L, const IN: usize, const MID: usize, const OUT: usize> Layer<T, IN, OUT>
    for Chain<A, L, MID>
where
    T: Real,
    A: Layer<T, IN, MID>,
    L: Layer<T, MID, OUT>,
{
    fn forward<const B: usize>(&self, input: &Matrix<T, B, IN>) -> Matrix<T, B, OUT> {
        self.second.forward(&self.first.forward(input))
    }
}

/// Defines a zero-sized elementwise activation layer from a `Matrix` method.
macro_rules! activation_layer {
    ($($(#[$doc:meta])* $name:ident => $method:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $name;

        impl<T: Real, const N: usize> Layer<T, N, N> for $name {
            #[inline]
            fn forward<const B: usize>(&self, input: &Matrix<T, B, N>) -> Matrix<T, B, N> {
                input.$method()
            }
        }
    )*};
}

activation_layer! {
    /// [`relu`](crate::nn::activation::relu) as a layer.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, nn::{Layer, Relu}};
    /// assert_eq!(Relu.forward(&matrix![-1.0, 1.0]), matrix![0.0, 1.0]);
    /// ```
    Relu => relu;
    /// [`sigmoid`](crate::nn::activation::sigmoid) as a layer.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, nn::{Layer, Sigmoid}};
    /// assert_eq!(Sigmoid.forward(&matrix![0.0]), matrix![0.5]);
    /// ```
    Sigmoid => sigmoid;
    /// `tanh` as a layer.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, nn::{Layer, Tanh}};
    /// assert_eq!(Tanh.forward(&matrix![0.0]), matrix![0.0]);
    /// ```
    Tanh => tanh;
    /// [`gelu`](crate::nn::activation::gelu) as a layer.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, nn::{Gelu, Layer}};
    /// assert_eq!(Gelu.forward(&matrix![0.0]), matrix![0.0]);
    /// ```
    Gelu => gelu;
    /// [`silu`](crate::nn::activation::silu) as a layer.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, nn::{Layer, Silu}};
    /// assert_eq!(Silu.forward(&matrix![0.0]), matrix![0.0]);
    /// ```
    Silu => silu;
    /// Softmax over each sample's features (each row), as a final classification layer.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, nn::{Layer, Softmax}};
    /// assert_eq!(Softmax.forward(&matrix![0.0, 0.0]), matrix![0.5, 0.5]);
    /// ```
    Softmax => softmax_axis1;
}

/// A layer made from a function applied to each batch; for activations this crate does not
/// name (`LeakyRelu` with a slope, say).
///
/// # Example
/// ```
/// use statrix::{matrix, nn::{FnLayer, Layer}, Matrix};
/// let leaky = FnLayer::new(|x: f64| if x > 0.0 { x } else { 0.1 * x });
/// assert_eq!(Layer::<f64, 2, 2>::forward(&leaky, &matrix![-1.0, 2.0]), matrix![-0.1, 2.0]);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct FnLayer<F, T> {
    f: F,
    element: PhantomData<T>,
}

impl<F: Fn(T) -> T, T: Real> FnLayer<F, T> {
    /// Wraps an elementwise function.
    ///
    /// # Example
    /// ```
    /// let square = statrix::nn::FnLayer::new(|x: f32| x * x);
    /// # let _ = square;
    /// ```
    #[must_use]
    pub fn new(f: F) -> Self {
        FnLayer {
            f,
            element: PhantomData,
        }
    }
}

impl<F: Fn(T) -> T, T: Real, const N: usize> Layer<T, N, N> for FnLayer<F, T> {
    fn forward<const B: usize>(&self, input: &Matrix<T, B, N>) -> Matrix<T, B, N> {
        input.map(&self.f)
    }
}
