//! Neural-network building blocks whose shapes the compiler checks: activations (and their
//! derivatives), losses, and layers that compose only when their sizes chain.
//!
//! ```
//! use statrix::nn::{Layer, Linear, Relu, Softmax};
//! use statrix::Matrix;
//!
//! // 4 features -> 8 hidden -> 3 classes, for any batch size.
//! let mlp = Linear::<f32, 4, 8>::zeros()
//!     .then(Relu)
//!     .then(Linear::<f32, 8, 3>::zeros())
//!     .then(Softmax);
//! let probabilities = mlp.forward(&Matrix::<f32, 16, 4>::ones());
//! assert_eq!(probabilities.shape(), (16, 3));
//! // Linear::<f32, 4, 8>::zeros().then(Linear::<f32, 7, 3>::zeros()) does not compile.
//! ```

pub mod activation;
mod layer;
mod linear;
mod loss;

pub use layer::{Chain, FnLayer, Gelu, Layer, Relu, Sigmoid, Silu, Softmax, Tanh};
pub use linear::Linear;
pub use loss::{
    binary_cross_entropy_with_logits, cross_entropy_with_labels, cross_entropy_with_targets, mse,
};
