//! A two-hidden-layer perceptron trained with statrix's own operations: typed `Linear`
//! layers (`2 -> 32 -> 32 -> 3`, every size checked at compile time), ReLU, softmax
//! cross-entropy, and the backward pass written out with matrix products, transposes and
//! Hadamard products. The task: which of three 120-degree sectors a 2-D point lies in (the
//! boundaries are not linear, so the hidden layers have work to do). The backward pass is
//! first checked against central finite differences; then full-batch gradient descent runs
//! for a few hundred epochs and the loss visibly falls.
//!
//! Run with `cargo run --release --example mlp`. Exits with an error if the gradients do not
//! match the finite differences or the loss does not fall to under a third.

use statrix::nn::{Layer, Linear, cross_entropy_with_targets};
use statrix::random::default_rng;
use statrix::{Matrix, RowVector};

const BATCH: usize = 96;
const HIDDEN: usize = 32;
const CLASSES: usize = 3;

/// The network's three layers.
#[derive(Clone, Copy)]
struct Net {
    first: Linear<f64, 2, HIDDEN>,
    second: Linear<f64, HIDDEN, HIDDEN>,
    third: Linear<f64, HIDDEN, CLASSES>,
}

/// The gradients of the loss with respect to every weight and bias.
struct Gradients {
    first: (Matrix<f64, 2, HIDDEN>, RowVector<f64, HIDDEN>),
    second: (Matrix<f64, HIDDEN, HIDDEN>, RowVector<f64, HIDDEN>),
    third: (Matrix<f64, HIDDEN, CLASSES>, RowVector<f64, CLASSES>),
}

impl Net {
    /// The logits of a batch.
    fn logits(&self, x: &Matrix<f64, BATCH, 2>) -> Matrix<f64, BATCH, CLASSES> {
        let h1 = self.first.forward(x).relu();
        let h2 = self.second.forward(&h1).relu();
        self.third.forward(&h2)
    }

    /// The mean cross-entropy of the batch against one-hot `targets`.
    fn loss(&self, x: &Matrix<f64, BATCH, 2>, targets: &Matrix<f64, BATCH, CLASSES>) -> f64 {
        cross_entropy_with_targets(&self.logits(x), targets)
    }

    /// The loss and its gradients, by the chain rule through each layer.
    fn backward(
        &self,
        x: &Matrix<f64, BATCH, 2>,
        targets: &Matrix<f64, BATCH, CLASSES>,
    ) -> (f64, Gradients) {
        let z1 = self.first.forward(x);
        let h1 = z1.relu();
        let z2 = self.second.forward(&h1);
        let h2 = z2.relu();
        let z3 = self.third.forward(&h2);
        let loss = cross_entropy_with_targets(&z3, targets);
        // d loss / d logits of the mean softmax cross-entropy: (softmax - target) / batch.
        let d3 = (z3.softmax_axis1() - *targets) / BATCH as f64;
        let d2 = (d3 * self.third.weights.transpose()).hadamard(&z2.relu_derivative());
        let d1 = (d2 * self.second.weights.transpose()).hadamard(&z1.relu_derivative());
        let gradients = Gradients {
            third: (h2.transpose() * d3, d3.sum_axis0()),
            second: (h1.transpose() * d2, d2.sum_axis0()),
            first: (x.transpose() * d1, d1.sum_axis0()),
        };
        (loss, gradients)
    }

    /// One step of gradient descent.
    fn step(&mut self, g: &Gradients, rate: f64) {
        self.first.weights -= g.first.0 * rate;
        self.first.bias -= g.first.1 * rate;
        self.second.weights -= g.second.0 * rate;
        self.second.bias -= g.second.1 * rate;
        self.third.weights -= g.third.0 * rate;
        self.third.bias -= g.third.1 * rate;
    }
}

/// Points on rings of radius 0.5 to 2, labelled by their 120-degree sector, as one-hot rows.
fn data() -> (Matrix<f64, BATCH, 2>, Matrix<f64, BATCH, CLASSES>) {
    let angle = |i: usize| (i as f64 * 2.399_963) % core::f64::consts::TAU; // golden angle
    let radius = |i: usize| 0.5 + 1.5 * ((i * 37) % BATCH) as f64 / BATCH as f64;
    let x = Matrix::from_fn(|i, j| {
        let (s, c) = angle(i).sin_cos();
        radius(i) * if j == 0 { c } else { s }
    });
    let y = Matrix::from_fn(|i, k| {
        let sector = (angle(i) / (core::f64::consts::TAU / 3.0)) as usize;
        if sector.min(2) == k { 1.0 } else { 0.0 }
    });
    (x, y)
}

fn main() -> Result<(), String> {
    let (x, y) = data();
    let mut rng = default_rng(0);
    let mut net = Net {
        first: Linear::he_normal(&mut rng),
        second: Linear::he_normal(&mut rng),
        third: Linear::he_normal(&mut rng),
    };

    // The backward pass against central differences, (L(w + h) - L(w - h)) / 2h, whose
    // error is O(h^2) from truncation plus O(eps / h) from rounding: h = 1e-5 balances them
    // near 1e-10 relative for this smooth loss (ReLU kinks aside, which no weight here sits
    // on); 1e-6 leaves room.
    let (loss0, g) = net.backward(&x, &y);
    let h = 1e-5;
    let probes: [(&str, usize, usize, f64); 3] = [
        ("first.weights[1, 7]", 1, 7, g.first.0[(1, 7)]),
        ("second.weights[4, 9]", 4, 9, g.second.0[(4, 9)]),
        ("third.weights[12, 2]", 12, 2, g.third.0[(12, 2)]),
    ];
    for (k, &(name, i, j, analytic)) in probes.iter().enumerate() {
        let perturbed = |delta: f64| {
            let mut n = net;
            match k {
                0 => n.first.weights[(i, j)] += delta,
                1 => n.second.weights[(i, j)] += delta,
                _ => n.third.weights[(i, j)] += delta,
            }
            n.loss(&x, &y)
        };
        let numeric = (perturbed(h) - perturbed(-h)) / (2.0 * h);
        let relative = (analytic - numeric).abs() / numeric.abs().max(1e-12);
        println!(
            "d loss / d {name}: backward {analytic:+.10e}, finite differences {numeric:+.10e} (relative difference {relative:.1e})"
        );
        if relative > 1e-6 {
            return Err(format!(
                "the gradient of {name} does not match its finite differences"
            ));
        }
    }

    println!("epoch   loss      accuracy");
    let mut loss = loss0;
    for epoch in 0..=400 {
        let (l, g) = net.backward(&x, &y);
        loss = l;
        if epoch % 50 == 0 {
            let predicted = net.logits(&x).argmax_axis1();
            let truth = y.argmax_axis1();
            let right = predicted
                .iter()
                .zip(truth.iter())
                .filter(|(p, t)| p == t)
                .count();
            println!(
                "{epoch:>5}   {loss:.4}    {:.1} %",
                100.0 * right as f64 / BATCH as f64
            );
        }
        net.step(&g, 0.5);
    }
    if loss > loss0 / 3.0 {
        return Err(format!("the loss fell only from {loss0:.4} to {loss:.4}"));
    }
    println!("loss {loss0:.4} -> {loss:.4}");
    Ok(())
}
