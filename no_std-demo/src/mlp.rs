//! A small multilayer perceptron's forward pass with typed layers: `Linear<4, 16>`, ReLU,
//! `Linear<16, 3>`, then softmax over each row (class probabilities for a batch of 4). The
//! layer sizes are checked at compile time: `Linear<f32, 4, 16>` followed by a layer that
//! does not take 16 features does not build. Checked against plain loops.

use core::hint::black_box;

use statrix::Matrix;
use statrix::nn::{Layer, Linear, Relu};

use crate::noise::Noise;
use crate::{Check, check};

const BATCH: usize = 4;

#[inline(never)]
pub fn run() -> Check {
    // Weights with He's scale, sqrt(2 / fan-in), from deterministic noise.
    let mut noise = Noise::new(black_box(1), 1.0);
    let first = Linear::<f32, 4, 16>::new(
        Matrix::from_fn(|_, _| noise.next() * 0.707),
        Matrix::from_fn(|_, _| noise.next() * 0.1),
    );
    let second = Linear::<f32, 16, 3>::new(
        Matrix::from_fn(|_, _| noise.next() * 0.354),
        Matrix::from_fn(|_, _| noise.next() * 0.1),
    );
    let net = first.then(Relu).then(second);
    let x = Matrix::<f32, BATCH, 4>::from_fn(|i, j| (i as f32 - 1.5) * 0.5 + j as f32 * 0.25);
    let probabilities = net.forward(&black_box(x)).softmax_axis1();

    // The same network as loops, with the softmax's maximum subtracted as NumPy's recipe.
    let eps = f32::EPSILON;
    for b in 0..BATCH {
        let mut hidden = [0.0f32; 16];
        for (h, slot) in hidden.iter_mut().enumerate() {
            let mut sum = first.bias[(0, h)];
            for i in 0..4 {
                sum += x[(b, i)] * first.weights[(i, h)];
            }
            *slot = sum.max(0.0);
        }
        let mut logits = [0.0f32; 3];
        for (c, slot) in logits.iter_mut().enumerate() {
            let mut sum = second.bias[(0, c)];
            for (h, &value) in hidden.iter().enumerate() {
                sum += value * second.weights[(h, c)];
            }
            *slot = sum;
        }
        let top = logits.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
        let exps = logits.map(|v| libm_exp(v - top));
        let total: f32 = exps.iter().sum();
        let mut row_sum = 0.0;
        for c in 0..3 {
            let (got, want) = (probabilities[(b, c)], exps[c] / total);
            // Each logit is a 16-term dot product (error below 17 eps |x||w|, Higham 3.5)
            // and exp turns an absolute error into a relative one; the logits are of order
            // one here, so 64 eps bounds the difference of the two routes.
            check(
                (got - want).abs() <= 64.0 * eps,
                "softmax output differs from the loops'",
            )?;
            check(got > 0.0 && got < 1.0, "a probability outside (0, 1)")?;
            row_sum += got;
        }
        check(
            (row_sum - 1.0).abs() <= 4.0 * eps,
            "probabilities do not sum to 1",
        )?;
    }
    Ok(())
}

/// `exp` through statrix's own float routing (`libm` without `std`).
fn libm_exp<T: statrix::Real>(x: T) -> T {
    x.exp()
}
