//! Losses and typed layers: `mse`, the cross-entropies and binary cross-entropy against
//! high-precision references with derived error bounds; `Linear` against `X @ W + b`
//! computed independently (bit for bit) and against an exactly rounded reference at the
//! seed's 32x128 -> 64 shape; composition with `then`; the activation layers.
//!
//! `tests/fixtures/nn.json` is written by `tests/fixtures/gen_nn.py` (see its docstring):
//! the loss references are exact (rationals for `mse`) or mpmath at 60 digits, computed from
//! the inputs' exact dtype values and rounded once to f64.
//!
//! # Error bounds
//!
//! `u = eps / 2` of the type under test, `eta` its smallest subnormal, `g(k) = k u / (1 - k
//! u)`; basic operations `fl(a op b) = (a op b)(1 + d) + e`, `|d| <= u`, `|e| <= eta / 2`;
//! `exp`, `ln`, `ln_1p` ASSUMED within 1 ulp (2u relative). A recursive sum of `n` terms is
//! within `g(n - 1) sum |terms|` (Higham, *Accuracy and Stability*, 2nd ed., eq. 4.4). Every
//! bound also carries the reference's rounding to f64 (`U64 |ref| + ETA64`) and is evaluated
//! in f64 (`1 + 4 U64`).

mod support;

// `g(k)` and `floats` are the names the bounds below are written with.
use support::{
    Float, U64, allowed_error, fused_vs_textbook_bound, gamma_u as g, indices, parse,
    parse_list as floats, product_may_fuse,
};

use proptest::prelude::*;
use serde_json::Value;
use statrix::nn::{
    Chain, FnLayer, Gelu, Layer, Linear, Relu, Sigmoid, Silu, Softmax, Tanh,
    binary_cross_entropy_with_logits, cross_entropy_with_labels, cross_entropy_with_targets, mse,
};
use statrix::{Error, Matrix, Real, matrix};

fn fixtures() -> &'static Value {
    support::fixture("nn.json")
}

fn matrix_of<T: Float, const R: usize, const C: usize>(flat: &[f64]) -> Matrix<T, R, C> {
    assert_eq!(flat.len(), R * C);
    Matrix::from_fn(|i, j| T::from_f64(flat[i * C + j]))
}

/// Asserts `|got - reference| <= bound` plus the reference's rounding and f64 evaluation.
fn assert_within(what: &str, got: f64, reference: f64, bound: f64) {
    let allowed = allowed_error(bound, reference);
    let err = (got - reference).abs();
    assert!(
        err <= allowed,
        "{what}: got {got:e}, reference {reference:e}, error {err:e} > bound {allowed:e}"
    );
}

// --- losses ---------------------------------------------------------------------------------

/// `mse`: each `d = fl(p - t)` (u) squared (2u) and rounded (u), a recursive sum of `n`
/// non-negative terms (`g(n - 1)` of the sum) and the division by the exact `n` (u):
/// `g(n + 3)` of the result. Underflowing squares add `eta / 2` each (`n eta / 2`, then
/// divided by `n`), the division `eta / 2`: `eta`.
fn check_mse<T: Float, const R: usize, const C: usize>(case: &Value) {
    let p = matrix_of::<T, R, C>(&floats(&case["prediction"]));
    let t = matrix_of::<T, R, C>(&floats(&case["target"]));
    let reference = parse(&case["ref"]);
    let got: f64 = mse(&p, &t).into();
    let n = (R * C) as f64;
    let bound = g(n + 3.0, T::U) * reference + T::ETA;
    assert_within(case["name"].as_str().expect("name"), got, reference, bound);
    // The identities: mse(p, p) = 0 and mse is symmetric, exactly.
    assert_eq!(mse(&p, &p), T::zero());
    assert_eq!(mse(&p, &t), mse(&t, &p));
}

#[test]
fn mse_matches_exact_references() {
    for case in fixtures()["losses"]["mse"].as_array().expect("cases") {
        by_shape!(case, check_mse, [(1, 1), (1, 5), (3, 4), (5, 5), (32, 10)]);
    }
}

/// The error of `ln(sum_j exp(x_j - max))` as the crate computes it for one row, and the
/// row's `(max, ls)` in f64.
///
/// Each `t_j = x_j - max` is rounded (u |t_j|), which `exp` turns into `expm1(u |t_j|)`,
/// plus `exp`'s own 2u: `phi_j = expm1(u |t_j|)(1 + 2u) + 2u`; the recursive sum of the
/// positive terms adds `g(K - 1)`; underflowing terms `K eta` relative to a sum >= 1. So the
/// sum is within a factor `1 +- rho`, `rho = (1 + max phi + K eta)(1 + g(K - 1)) - 1`, its
/// `ln` within `-ln(1 - rho)`, and `ln`'s own error is 2u of the result:
/// `E_ls = -ln(1 - rho) + g(2)(ls - ln(1 - rho))`.
fn log_sum_exp_error(row: &[f64], u: f64, eta: f64) -> (f64, f64, f64) {
    let m = row.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let k = row.len() as f64;
    let max_phi = row
        .iter()
        .map(|&x| (u * (x - m).abs() * (1.0 + U64)).exp_m1() * (1.0 + 2.0 * u) + 2.0 * u)
        .fold(0.0, f64::max);
    let ls = row.iter().map(|&x| (x - m).exp()).sum::<f64>().ln() * (1.0 + 2.0 * U64);
    let rho = (1.0 + max_phi + k * eta) * (1.0 + g(k - 1.0, u)) - 1.0;
    let d_ln = -(1.0 - rho).ln();
    (m, ls, d_ln + g(2.0, u) * (ls + d_ln))
}

/// The error of one term `fl(fl(ls + max) - x)`, whose true value is `l = ls + max - x >= 0`:
/// `E_a = E_ls + u |ls + max + E_ls|` for the sum, then u of the difference.
fn term_error(m: f64, ls: f64, e_ls: f64, l: f64, u: f64) -> f64 {
    let e_a = e_ls + u * ((ls + m).abs() + e_ls);
    e_a + u * (l + e_a)
}

/// `cross_entropy_with_labels`: per row the term of [`term_error`]; the recursive sum of the
/// `B` terms adds `g(B - 1) sum (|L_r| + E_r)`; the division by `B` u of the result.
fn check_cross_entropy_labels<T: Float, const B: usize, const K: usize>(case: &Value) {
    let x = floats(&case["logits"]);
    let logits = matrix_of::<T, B, K>(&x);
    let labels: [usize; B] = indices(&case["labels"]).try_into().expect("B labels");
    let reference = parse(&case["ref"]);
    let got: f64 = cross_entropy_with_labels(&logits, &labels)
        .expect("labels in range")
        .into();
    let (u, eta) = (T::U, T::ETA);
    let (mut errors, mut magnitudes) = (0.0, 0.0);
    for (r, &label) in labels.iter().enumerate() {
        let row = &x[r * K..(r + 1) * K];
        let (m, ls, e_ls) = log_sum_exp_error(row, u, eta);
        let l = (ls + m - row[label]).abs();
        let e = term_error(m, ls, e_ls, l, u);
        errors += e;
        magnitudes += l + e;
    }
    let b = B as f64;
    let bound = (errors + g(b - 1.0, u) * magnitudes) / b * (1.0 + u) + u * reference;
    assert_within(case["name"].as_str().expect("name"), got, reference, bound);
    // Probability targets that are one-hot rows take the same operations in the same order
    // (1 * q is exact, zeros are skipped): the same number, bit for bit.
    let one_hot =
        Matrix::<T, B, K>::from_fn(|i, j| if labels[i] == j { T::one() } else { T::zero() });
    assert_eq!(
        cross_entropy_with_targets(&logits, &one_hot),
        cross_entropy_with_labels(&logits, &labels).expect("labels in range")
    );
}

#[test]
fn cross_entropy_with_labels_matches_references() {
    for case in fixtures()["losses"]["cross_entropy_labels"]
        .as_array()
        .expect("cases")
    {
        by_shape!(
            case,
            check_cross_entropy_labels,
            [(1, 1), (1, 5), (2, 3), (4, 3), (8, 10), (16, 4)]
        );
    }
}

/// `cross_entropy_with_targets`: each non-zero `t` times a term of [`term_error`] (u more),
/// a recursive sum over all `N` non-zero targets (`g(N - 1)`), the division by `B` (u).
/// Products that underflow add `eta / 2` each.
fn check_cross_entropy_targets<T: Float, const B: usize, const K: usize>(case: &Value) {
    let x = floats(&case["logits"]);
    let t = floats(&case["targets"]);
    let reference = parse(&case["ref"]);
    let got: f64 =
        cross_entropy_with_targets(&matrix_of::<T, B, K>(&x), &matrix_of::<T, B, K>(&t)).into();
    let (u, eta) = (T::U, T::ETA);
    let (mut errors, mut magnitudes, mut n) = (0.0, 0.0, 0.0f64);
    for r in 0..B {
        let row = &x[r * K..(r + 1) * K];
        let (m, ls, e_ls) = log_sum_exp_error(row, u, eta);
        for j in 0..K {
            let tj = t[r * K + j];
            if tj == 0.0 {
                continue;
            }
            let l = (ls + m - row[j]).abs();
            let e_q = term_error(m, ls, e_ls, l, u);
            errors += tj * e_q + u * tj * (l + e_q) + eta / 2.0;
            magnitudes += tj * (l + e_q) * (1.0 + u) + eta / 2.0;
            n += 1.0;
        }
    }
    let b = B as f64;
    let bound = (errors + g((n - 1.0).max(0.0), u) * magnitudes) / b * (1.0 + u) + u * reference;
    assert_within(case["name"].as_str().expect("name"), got, reference, bound);
}

#[test]
fn cross_entropy_with_targets_matches_references() {
    for case in fixtures()["losses"]["cross_entropy_targets"]
        .as_array()
        .expect("cases")
    {
        by_shape!(
            case,
            check_cross_entropy_targets,
            [(1, 1), (1, 5), (2, 3), (4, 3), (8, 10), (16, 4)]
        );
    }
}

/// `binary_cross_entropy_with_logits`: per element `fl(softplus(x) - fl(x t))`. softplus
/// within `g(5) sp + 3 eta` (see tests/activation.rs), the product u |x t| + eta / 2, the
/// difference u of its result; a recursive sum of `n` terms (`g(n - 1)`), the division (u).
fn check_bce<T: Float, const R: usize, const C: usize>(case: &Value) {
    let x = floats(&case["logits"]);
    let t = floats(&case["targets"]);
    let reference = parse(&case["ref"]);
    let got: f64 =
        binary_cross_entropy_with_logits(&matrix_of::<T, R, C>(&x), &matrix_of::<T, R, C>(&t))
            .into();
    let (u, eta) = (T::U, T::ETA);
    let (mut errors, mut magnitudes) = (0.0, 0.0);
    for (&xi, &ti) in x.iter().zip(&t) {
        let sp = xi.max(0.0) + (-xi.abs()).exp().ln_1p();
        let xt = (xi * ti).abs();
        let d = (sp - xi * ti).abs();
        let e_in = g(5.0, u) * sp + 3.0 * eta + u * xt + eta / 2.0;
        let e = e_in + u * (d + e_in);
        errors += e;
        magnitudes += d + e;
    }
    let n = (R * C) as f64;
    let bound = (errors + g(n - 1.0, u) * magnitudes) / n * (1.0 + u) + u * reference;
    assert_within(case["name"].as_str().expect("name"), got, reference, bound);
}

#[test]
fn binary_cross_entropy_with_logits_matches_references() {
    for case in fixtures()["losses"]["bce"].as_array().expect("cases") {
        by_shape!(case, check_bce, [(1, 1), (1, 6), (3, 4), (8, 8)]);
    }
}

#[test]
fn losses_of_the_seed_and_of_extreme_logits() {
    let logits = matrix![2.0, 1.0, 0.1; 0.5, 1.5, 2.0];
    // A label past the last class is an error naming the column axis, not a panic.
    assert_eq!(
        cross_entropy_with_labels(&logits, &[0, 3]),
        Err(Error::IndexOutOfBounds {
            axis: 1,
            index: 3,
            len: 3
        })
    );
    // Confident and right: no overflow, no NaN; confident and wrong: the margin.
    assert_eq!(
        cross_entropy_with_labels(&matrix![1000.0, -1000.0], &[0]),
        Ok(0.0)
    );
    assert_eq!(
        cross_entropy_with_labels(&matrix![1000.0, -1000.0], &[1]),
        Ok(2000.0)
    );
    assert_eq!(
        binary_cross_entropy_with_logits(&matrix![1000.0f32], &matrix![1.0]),
        0.0
    );
    assert_eq!(
        binary_cross_entropy_with_logits(&matrix![-1000.0f32], &matrix![1.0]),
        1000.0
    );
    assert!(mse(&matrix![f64::NAN], &matrix![1.0]).is_nan());
}

// --- Linear ---------------------------------------------------------------------------------

/// `X @ W + b` by the textbook loop, each output summing its `K` products in increasing `k`
/// and then adding the bias: the order the crate's kernel documents.
fn naive_linear<T: Real, const B: usize, const K: usize, const N: usize>(
    x: &Matrix<T, B, K>,
    w: &Matrix<T, K, N>,
    b: &Matrix<T, 1, N>,
) -> Matrix<T, B, N> {
    Matrix::from_fn(|i, j| {
        let mut acc = x[(i, 0)] * w[(0, j)];
        for k in 1..K {
            acc += x[(i, k)] * w[(k, j)];
        }
        acc + b[(0, j)]
    })
}

/// Deterministic, irregular values in `[-1, 1)` with 24-bit mantissas (exact in f32).
fn filled<T: Float, const R: usize, const C: usize>(seed: u64) -> Matrix<T, R, C> {
    support::filled(seed, 24)
}

/// `forward` against the textbook loop: the same bits, or within
/// [`fused_vs_textbook_bound`] of `K + 1` terms (the bias is one more) where the product may
/// run the fused multiply-add tiles.
fn check_linear_against_textbook<T: Float, const B: usize, const K: usize, const N: usize>(
    seed: u64,
) {
    let x = filled::<T, B, K>(seed);
    let layer = Linear::new(filled::<T, K, N>(seed + 1), filled::<T, 1, N>(seed + 2));
    let out: Matrix<T, B, N> = layer.forward(&x);
    let naive = naive_linear(&x, &layer.weights, &layer.bias);
    if !product_may_fuse(B, K, N) {
        assert_eq!(out, naive, "{} {B}x{K} -> {N}", T::NAME);
        return;
    }
    for i in 0..B {
        for j in 0..N {
            let magnitude: f64 = (0..K)
                .map(|k| (x[(i, k)].into() * layer.weights[(k, j)].into()).abs())
                .sum::<f64>()
                + layer.bias[(0, j)].into().abs();
            let bound = fused_vs_textbook_bound::<T>(K + 1, magnitude);
            let what = format!("{} {B}x{K} -> {N} [{i}, {j}]", T::NAME);
            assert_within(&what, out[(i, j)].into(), naive[(i, j)].into(), bound);
        }
    }
}

#[test]
fn linear_forward_is_x_times_w_plus_b() {
    check_linear_against_textbook::<f64, 1, 1, 1>(1);
    check_linear_against_textbook::<f64, 3, 5, 4>(2);
    check_linear_against_textbook::<f32, 7, 2, 9>(3);
    check_linear_against_textbook::<f32, 1, 16, 3>(4);
    // The seed's shapes: (32, 128) @ (128, 64) + (64,) -> (32, 64).
    check_linear_against_textbook::<f32, 32, 128, 64>(5);
    check_linear_against_textbook::<f64, 32, 128, 64>(6);
    // Zero weights: the bias broadcast over the batch.
    let bias = matrix![0.5, -1.0, 2.0];
    let layer = Linear::new(Matrix::<f64, 4, 3>::zeros(), bias);
    assert_eq!(
        layer.forward(&Matrix::<f64, 2, 4>::ones()),
        matrix![0.5, -1.0, 2.0; 0.5, -1.0, 2.0]
    );
}

/// Against the fixture's exactly rounded `X @ W + b`: a recursive inner product of `K` terms
/// followed by one more addition (the bias) is within `g(K + 1) (|X| |W| + |b|)`
/// elementwise (Higham eq. 3.5); `|X| |W|` is evaluated in f64 (within `g64(K)` of itself).
fn check_linear_fixture<T: Float, const B: usize, const K: usize, const N: usize>(case: &Value) {
    let (xf, wf, bf) = (floats(&case["x"]), floats(&case["w"]), floats(&case["b"]));
    let reference = floats(&case["ref"]);
    let layer = Linear::<T, K, N>::new(matrix_of(&wf), matrix_of(&bf));
    let out: Matrix<T, B, N> = layer.forward(&matrix_of::<T, B, K>(&xf));
    let u = T::U;
    for i in 0..B {
        for j in 0..N {
            let magnitude: f64 = (0..K)
                .map(|k| (xf[i * K + k] * wf[k * N + j]).abs())
                .sum::<f64>()
                + bf[j].abs();
            let bound = g(K as f64 + 1.0, u) * magnitude * (1.0 + g(K as f64, U64));
            let what = format!("{} [{i}, {j}]", case["name"].as_str().expect("name"));
            assert_within(&what, out[(i, j)].into(), reference[i * N + j], bound);
        }
    }
}

#[test]
fn linear_forward_matches_exactly_rounded_reference() {
    for case in fixtures()["linear"].as_array().expect("cases") {
        let dims = ["batch", "in", "out"].map(|k| case[k].as_u64().expect("dim"));
        match (case["dtype"].as_str().expect("dtype"), dims) {
            ("f32", [32, 128, 64]) => check_linear_fixture::<f32, 32, 128, 64>(case),
            ("f64", [3, 5, 4]) => check_linear_fixture::<f64, 3, 5, 4>(case),
            other => panic!("unhandled linear case {other:?}"),
        }
    }
}

#[test]
fn the_seeds_layer_shape() {
    let layer = Linear::<f32, 128, 64>::zeros();
    let x = Matrix::<f32, 32, 128>::ones();
    let y: Matrix<f32, 32, 64> = layer.forward(&x);
    assert_eq!(y.shape(), (32, 64));
    // Any batch size, chosen at the call.
    let one: Matrix<f32, 1, 64> = layer.forward(&Matrix::<f32, 1, 128>::ones());
    assert_eq!(one, Matrix::zeros());
}

// --- composition and activation layers ------------------------------------------------------

#[test]
fn then_feeds_one_layer_into_the_next_exactly() {
    let a = Linear::new(filled::<f64, 4, 8>(10), filled::<f64, 1, 8>(11));
    let b = Linear::new(filled::<f64, 8, 3>(12), filled::<f64, 1, 3>(13));
    let x = filled::<f64, 16, 4>(14);
    // a.then(b).forward(x) == b.forward(a.forward(x)), bit for bit.
    assert_eq!(a.then(b).forward(&x), b.forward(&a.forward(&x)));
    // A whole MLP: Linear -> Relu -> Linear -> Softmax, against the steps by hand.
    let mlp: Chain<Chain<Chain<_, _, 8>, _, 8>, _, 3> = a.then(Relu).then(b).then(Softmax);
    let by_hand = b.forward(&a.forward(&x).relu()).softmax_axis1();
    assert_eq!(mlp.forward(&x), by_hand);
    // Composition is associative: the same operations in the same order.
    let right = a.then(Relu.then(b.then(Softmax)));
    assert_eq!(right.forward(&x), by_hand);
    // The chain keeps its parts.
    assert_eq!(a.then(b).first, a);
    assert_eq!(a.then(b).second, b);
}

fn check_activation_layers<T: Float>() {
    let x = filled::<T, 5, 6>(20) * T::from_f64(8.0);
    let bits = |m: Matrix<T, 5, 6>| {
        m.iter()
            .map(|&v| Into::<f64>::into(v).to_bits())
            .collect::<Vec<_>>()
    };
    assert_eq!(bits(Relu.forward(&x)), bits(x.relu()));
    assert_eq!(bits(Sigmoid.forward(&x)), bits(x.sigmoid()));
    assert_eq!(bits(Tanh.forward(&x)), bits(x.tanh()));
    assert_eq!(bits(Gelu.forward(&x)), bits(x.gelu()));
    assert_eq!(bits(Silu.forward(&x)), bits(x.silu()));
    assert_eq!(bits(Softmax.forward(&x)), bits(x.softmax_axis1()));
    let alpha = T::from_f64(0.125);
    let leaky = FnLayer::new(move |v: T| statrix::nn::activation::leaky_relu(v, alpha));
    assert_eq!(bits(leaky.forward(&x)), bits(x.leaky_relu(alpha)));
}

#[test]
fn activation_layers_are_the_matrix_methods() {
    check_activation_layers::<f64>();
    check_activation_layers::<f32>();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// `forward` agrees bit for bit with the textbook loop, and `then` with applying the
    /// layers one after the other, over random values.
    #[test]
    fn linear_layers_compose(v in prop::collection::vec(-100.0f64..100.0, 64)) {
        let v = &v;
        let take = |offset: usize| move |i: usize, j: usize| v[(offset + 7 * i + j) % v.len()];
        let x = Matrix::<f64, 3, 5>::from_fn(take(0));
        let a = Linear::new(Matrix::<f64, 5, 4>::from_fn(take(11)), Matrix::from_fn(take(23)));
        let b = Linear::new(Matrix::<f64, 4, 2>::from_fn(take(31)), Matrix::from_fn(take(47)));
        prop_assert_eq!(a.forward(&x), naive_linear(&x, &a.weights, &a.bias));
        prop_assert_eq!(a.then(Tanh).then(b).forward(&x), b.forward(&a.forward(&x).tanh()));
        let xf = x.map(|e| e as f32);
        let af = Linear::new(a.weights.map(|e| e as f32), a.bias.map(|e| e as f32));
        prop_assert_eq!(af.forward(&xf), naive_linear(&xf, &af.weights, &af.bias));
    }
}
