//! Activations, their derivatives, softmax and log-softmax, against high-precision references
//! and the error bounds of their implementations.
//!
//! `tests/fixtures/nn.json` is written by `tests/fixtures/gen_nn.py`: for f64 and f32, a grid
//! of about 230 inputs (-1000, -50, -20, -1e-8, -0.0, 0, subnormals, 1, 20, 50, 1000, the
//! thresholds where `exp` overflows or underflows, the roots of the GELU and SiLU
//! derivatives, the dtype's extremes, random values at several scales) with every function
//! computed by mpmath at 60 digits from the exact dtype value and rounded once to f64;
//! softmax and log-softmax references along both axes for matrices of shapes 1x1 to 8x16
//! (random, huge, spread, equal and `-inf` logits, non-finite rows); and what NumPy prints
//! for the seed's logits.
//!
//! # Error bounds
//!
//! `u = eps / 2` is the unit roundoff of the type under test, `eta` its smallest subnormal,
//! `g(k) = k u / (1 - k u)` (Higham's `gamma_k`). Each basic operation obeys
//! `fl(a op b) = (a op b)(1 + d) + e`, `|d| <= u`, `|e| <= eta / 2` (the `e` only when the
//! result is subnormal; additions are then exact). The maths library's `exp`, `tanh`,
//! `ln_1p` (glibc with `std`, the `libm` crate without) and `erfc` (always the `libm`
//! crate) are ASSUMED correct to 1 ulp: relative error `2u`, plus `eta` for subnormal
//! results (glibc documents up to 2 ulp for some of these on some targets; these tests would
//! show it). Constants such as `1/sqrt(2)` are rounded once to f64 and, for f32, once more:
//! relative error `u + U64`. The input is exact (the fixture stores the dtype's value); the
//! reference carries its own rounding to f64, `U64 |ref| + ETA64`, added to every bound, and
//! every bound is evaluated in f64, which `(1 + 4 U64)` covers. Where a function is
//! ill-conditioned the bound carries its condition number: an implementation is accepted if
//! its error is what rounding its input-dependent intermediates by `u` must cause, no more.

mod support;

// `g(k)` and `floats` are the names the bounds below are written with.
use support::{Float, U64, allowed_error, gamma_u as g, parse, parse_list as floats};

use proptest::prelude::*;
use serde_json::Value;
use statrix::nn::activation::{
    gelu, gelu_derivative, gelu_tanh, leaky_relu, leaky_relu_derivative, relu, relu_derivative,
    sigmoid, sigmoid_derivative, silu, silu_derivative, softplus, softplus_derivative,
    tanh_derivative,
};
use statrix::{Matrix, Real, matrix};

fn fixtures() -> &'static Value {
    support::fixture("nn.json")
}

/// `a * b`, but 0 when `a` is 0 (a zero reference times an unbounded factor).
fn mul0(a: f64, b: f64) -> f64 {
    if a == 0.0 { 0.0 } else { a * b }
}

/// Checks `got` against `reference` within `bound` plus the reference's own rounding; a NaN
/// reference requires NaN, an infinite one equality. Failures are collected.
fn check(failures: &mut Vec<String>, what: &str, got: f64, reference: f64, bound: f64) -> f64 {
    if reference.is_nan() {
        if !got.is_nan() {
            failures.push(format!("{what}: got {got:e}, expected NaN"));
        }
        return 0.0;
    }
    if got == reference {
        return 0.0;
    }
    let err = (got - reference).abs();
    let allowed = allowed_error(bound, reference);
    if got.is_nan() || reference.is_infinite() || err > allowed || allowed.is_nan() {
        failures.push(format!(
            "{what}: got {got:e}, reference {reference:e}, error {err:e} > bound {allowed:e}"
        ));
    }
    err / allowed
}

fn report(failures: Vec<String>) {
    if !failures.is_empty() {
        let shown: Vec<_> = failures.iter().take(40).cloned().collect();
        panic!("{} failures:\n{}", failures.len(), shown.join("\n"));
    }
}

/// Dispatches a fixture case on its dtype.
macro_rules! by_dtype {
    ($dtype:expr, $f:ident ( $($arg:expr),* )) => {
        match $dtype {
            "f64" => $f::<f64>($($arg),*),
            "f32" => $f::<f32>($($arg),*),
            other => panic!("unhandled dtype {other}"),
        }
    };
}

// --- elementwise: bounds --------------------------------------------------------------------

/// The auxiliary high-precision values at one grid point (see `gen_nn.py`).
struct Aux {
    x: f64,
    kappa_erfc: f64,
    cdf: f64,
    pdf: f64,
    w: f64,
    sigmoid: f64,
    sigmoid_neg: f64,
}

/// The error bound of the implementation of `name` at `a.x`, whose true value is `r`.
fn elementwise_bound(name: &str, r: f64, a: &Aux, u: f64, eta: f64) -> f64 {
    let x = a.x;
    let r = r.abs();
    // The relative error of a constant rounded to f64 and then to T.
    let constant = u + U64;
    match name {
        // e = exp(-|x|) (2u), d = 1 + e (u, plus e's 2u damped by e/(1+e) <= 1/2), then a
        // division (u); for x < 0 the quotient e/(1+e) has condition 1/(1+e) <= 1 in e:
        // g(4). An underflowing e (eta) and quotient (eta/2) add 2 eta.
        "sigmoid" => g(4.0, u) * r + 2.0 * eta,
        // sigmoid(x) sigmoid(-x) from one e = exp(-|x|): e (2u), d = 1 + e (2u) twice, two
        // quotients and the product (3u): g(9). Underflow of e / d and the product: 2 eta.
        "sigmoid_derivative" => g(9.0, u) * r + 2.0 * eta,
        // One libm call: 2u, eta.
        "tanh" => g(2.0, u) * r + eta,
        // 4 sigmoid(2x) sigmoid(-2x): the sigmoid_derivative count at 2x (exact), g(9);
        // the factor 4 scales the underflow terms: 7 eta.
        "tanh_derivative" => g(9.0, u) * r + 7.0 * eta,
        // 0.5 x erfc(z_hat), z_hat = -x fl(1/sqrt 2) = z (1 + theta), |theta| <= g(1) +
        // constant. By the mean value theorem on ln erfc, erfc(z_hat) = erfc(z) (1 + tau),
        // |tau| <= expm1(kappa_bar |theta|) with kappa_bar erfc's condition number maximised
        // near z (fixture). Then erfc (2u) and the product (u): g(3). Underflow: erfc's eta
        // times |x|/2, the halving of a subnormal x (eta/2, times erfc <= 2), the product.
        "gelu" => {
            let theta = g(1.0, u) + constant;
            let tau = (a.kappa_erfc * theta).exp_m1();
            mul0(r, (1.0 + tau) * (1.0 + g(3.0, u)) - 1.0) + (x.abs() / 2.0 + 2.0) * eta
        }
        // Phi + x phi. Phi = 0.5 erfc(z_hat): as gelu, (1 + tau)(1 + g(2)) - 1, eta.
        // phi = fl(1/sqrt(2 pi)) exp(w_hat), w_hat = -x^2/2 (1 + u) (-0.5 x is exact):
        // exp(w_hat) = exp(w) (1 + tau_e), |tau_e| <= expm1(|w| u); then exp (2u), the
        // constant, the product and x * phi (3u + constant). Underflow: (|x| + 1) eta. The
        // sum: u of the result.
        "gelu_derivative" => {
            let theta = g(1.0, u) + constant;
            let tau = (a.kappa_erfc * theta).exp_m1();
            let err_cdf = mul0(a.cdf, (1.0 + tau) * (1.0 + g(2.0, u)) - 1.0) + eta;
            let x_pdf = (x * a.pdf).abs();
            let tau_e = (x * x / 2.0 * u).exp_m1();
            let err_xpdf = mul0(x_pdf, (1.0 + tau_e) * (1.0 + g(4.0, u) + constant) - 1.0)
                + (x.abs() + 1.0) * eta;
            err_cdf + err_xpdf + u * (r + err_cdf + err_xpdf)
        }
        // x sigmoid(w_hat), w_hat = fl(fl(2 sqrt(2/pi)) (x + ((c x) x) x)): the cubic term
        // carries c's rounding and three products, the sum one more (both terms have x's
        // sign), the scaling two (constant and product): |w_hat - w| <= (g(7) + 2 U64)|w|
        // (+ eta when the cubic term underflows). d ln sigmoid(t) / dt = sigmoid(-t) <= 1
        // decreases in t, so |ln sigmoid(w_hat) - ln sigmoid(w)| <= |dw| sigmoid(-(w -
        // |dw|)) (mean value theorem); then sigmoid (g(4), 2 eta) and the product with x
        // (u, eta/2). Where x^3 overflows in T, sigmoid is 0 or 1 at every precision.
        "gelu_tanh" => {
            if !a.w.is_finite() {
                return 0.0;
            }
            let dw = (g(7.0, u) + 2.0 * U64) * a.w.abs() + eta;
            let lipschitz = 1.0 / (1.0 + (a.w - dw).exp());
            let tau = (dw * lipschitz).exp_m1();
            mul0(r, (1.0 + tau) * (1.0 + g(5.0, u)) - 1.0) + (2.0 * x.abs() + 1.0) * eta
        }
        // x sigmoid(x): g(4) + u; sigmoid's 2 eta times |x|, the product's eta/2.
        "silu" => g(5.0, u) * r + (2.0 * x.abs() + 1.0) * eta,
        // s (1 + x sm), (s, sm) = (sigmoid(x), sigmoid(-x)) each to g(4), 2 eta. p = x sm:
        // g(5), 2|x| eta + eta/2. q = 1 + p: |q - Q| <= E_q = g(5)|x sm| + |p abs| + u(|Q| +
        // g(5)|x sm| + |p abs|), Q = 1 + x sm. The product: |s_hat q - s Q| <= |ds| (|Q| +
        // E_q) + s E_q, then u of the result and eta/2.
        "silu_derivative" => {
            let (s, sm) = (a.sigmoid, a.sigmoid_neg);
            let q_true = 1.0 + x * sm;
            let p_abs = 2.0 * x.abs() * eta + eta / 2.0;
            let xsm = mul0(sm, x.abs());
            let e_q = g(5.0, u) * xsm + p_abs + u * (q_true.abs() + g(5.0, u) * xsm + p_abs);
            let ds = g(4.0, u) * s + 2.0 * eta;
            let e = ds * (q_true.abs() + e_q) + s * e_q;
            e + u * (r + e) + eta / 2.0
        }
        // max(x, 0) + ln_1p(e), e = exp(-|x|): e (2u), which ln_1p's condition number
        // e / ((1 + e) ln_1p(e)) <= 1 passes on; ln_1p (2u); the sum of two non-negative
        // terms (u): g(5). Underflow of e, ln_1p and the sum: 3 eta.
        "softplus" => g(5.0, u) * r + 3.0 * eta,
        other => panic!("no bound for {other}"),
    }
}

type Scalar<T> = fn(T) -> T;

/// A named elementwise function, possibly capturing a parameter (leaky_relu's slope).
type Named<T> = (&'static str, Box<dyn Fn(T) -> T>);

/// The smooth functions of the fixture, with their implementations.
fn smooth<T: Float>() -> Vec<(&'static str, Scalar<T>)> {
    vec![
        ("sigmoid", sigmoid::<T>),
        ("sigmoid_derivative", sigmoid_derivative::<T>),
        ("tanh", T::tanh),
        ("tanh_derivative", tanh_derivative::<T>),
        ("gelu", gelu::<T>),
        ("gelu_derivative", gelu_derivative::<T>),
        ("gelu_tanh", gelu_tanh::<T>),
        ("silu", silu::<T>),
        ("silu_derivative", silu_derivative::<T>),
        ("softplus", softplus::<T>),
    ]
}

fn check_elementwise<T: Float>(case: &Value) {
    let xs = floats(&case["x"]);
    let refs = &case["ref"];
    let aux = &case["aux"];
    let alpha = T::from_f64(parse(&case["alpha"]));
    let (u, eta) = (T::U, T::ETA);
    let mut failures = Vec::new();
    let aux_of = |key: &str| floats(&aux[key]);
    let (kappa, cdf, pdf, w, sneg) = (
        aux_of("kappa_erfc"),
        aux_of("normal_cdf"),
        aux_of("normal_pdf"),
        aux_of("gelu_tanh_w"),
        aux_of("sigmoid_neg"),
    );
    let sig = floats(&refs["sigmoid"]);

    // The piecewise-linear ones are what NumPy computes in the dtype: bit for bit, signed
    // zeros included (np.maximum(0, -0.0) is -0.0).
    let exact: [Named<T>; 4] = [
        ("relu", Box::new(relu::<T>)),
        ("relu_derivative", Box::new(relu_derivative::<T>)),
        ("leaky_relu", Box::new(move |x| leaky_relu(x, alpha))),
        (
            "leaky_relu_derivative",
            Box::new(move |x| leaky_relu_derivative(x, alpha)),
        ),
    ];
    for (name, f) in &exact {
        for (&x, r) in xs.iter().zip(floats(&refs[*name])) {
            let got = f(T::from_f64(x));
            if got.bits() != T::from_f64(r).bits() {
                failures.push(format!("{} {name}({x:e}) = {got}, NumPy: {r:e}", T::NAME));
            }
        }
    }

    for (name, f) in smooth::<T>() {
        let mut worst = (0.0f64, 0.0f64);
        for (i, (&x, r)) in xs.iter().zip(floats(&refs[name])).enumerate() {
            let got: f64 = f(T::from_f64(x)).into();
            if got.is_nan() {
                failures.push(format!("{} {name}({x:e}) is NaN", T::NAME));
                continue;
            }
            let a = Aux {
                x,
                kappa_erfc: kappa[i],
                cdf: cdf[i],
                pdf: pdf[i],
                w: w[i],
                sigmoid: sig[i],
                sigmoid_neg: sneg[i],
            };
            let bound = elementwise_bound(name, r, &a, u, eta);
            let what = format!("{} {name}({x:e})", T::NAME);
            let ratio = check(&mut failures, &what, got, r, bound);
            if ratio > worst.0 {
                worst = (ratio, x);
            }
        }
        eprintln!(
            "{} {name}: largest error / bound {:.3} at x = {:e}",
            T::NAME,
            worst.0,
            worst.1
        );
    }

    // softplus' is sigmoid, silu is x sigmoid(x), by definition.
    for &x in &xs {
        let t = T::from_f64(x);
        assert_eq!(softplus_derivative(t).bits(), sigmoid(t).bits());
    }
    report(failures);
}

#[test]
fn elementwise_functions_match_high_precision_references() {
    for case in fixtures()["elementwise"].as_array().expect("cases") {
        by_dtype!(
            case["dtype"].as_str().expect("dtype"),
            check_elementwise(case)
        );
    }
}

fn check_nonfinite<T: Float>(case: &Value) {
    let xs = floats(&case["x"]);
    let alpha = T::round_from(0.01);
    for (name, values) in case["expected"].as_object().expect("map") {
        let f: Box<dyn Fn(T) -> T> = match name.as_str() {
            "relu" => Box::new(relu::<T>),
            "relu_derivative" => Box::new(relu_derivative::<T>),
            "leaky_relu" => Box::new(move |x| leaky_relu(x, alpha)),
            "sigmoid" => Box::new(sigmoid::<T>),
            "sigmoid_derivative" => Box::new(sigmoid_derivative::<T>),
            "tanh" => Box::new(T::tanh),
            "tanh_derivative" => Box::new(tanh_derivative::<T>),
            "softplus" => Box::new(softplus::<T>),
            other => panic!("unhandled non-finite function {other}"),
        };
        for (&x, expected) in xs.iter().zip(floats(values)) {
            let got: f64 = f(T::from_f64(x)).into();
            let same = (got.is_nan() && expected.is_nan()) || got == expected;
            assert!(same, "{} {name}({x}) = {got}, expected {expected}", T::NAME);
        }
    }
    for (name, expected) in case["plus_inf"].as_object().expect("map") {
        let f: Scalar<T> = match name.as_str() {
            "gelu" => gelu::<T>,
            "gelu_tanh" => gelu_tanh::<T>,
            "silu" => silu::<T>,
            other => panic!("unhandled non-finite function {other}"),
        };
        let got: f64 = f(T::infinity()).into();
        assert_eq!(got, parse::<f64>(expected), "{} {name}(inf)", T::NAME);
    }
    // NaN in, NaN out, for every function.
    for (name, f) in smooth::<T>() {
        assert!(f(T::nan()).is_nan(), "{} {name}(NaN)", T::NAME);
    }
}

#[test]
fn nonfinite_inputs_follow_numpy() {
    for case in fixtures()["nonfinite"].as_array().expect("cases") {
        by_dtype!(
            case["dtype"].as_str().expect("dtype"),
            check_nonfinite(case)
        );
    }
}

/// Every activation and derivative at `-inf` and `+inf` is its limit there, never NaN from
/// `inf * 0` (`silu(-inf)` was `-inf * sigmoid(-inf) = -inf * 0`). The limits: `x sigmoid(x)`,
/// `x Phi(x)` and GELU's tanh form tend to 0 from below at `-inf` (`-0.0`, the sign of their
/// values at `-MAX`) and to `x` at `+inf`; their derivatives tend to 0 and 1; the rest are
/// read off their definitions (`leaky_relu'` is `alpha` on the negative side).
fn check_limits_at_infinity<T: Real + Into<f64>>() {
    let (inf, alpha) = (T::infinity(), T::from(0.01).unwrap());
    let leaky = move |x| leaky_relu(x, alpha);
    let leaky_d = move |x| leaky_relu_derivative(x, alpha);
    let alpha: f64 = alpha.into();
    type Case<'a, T> = (&'a str, &'a dyn Fn(T) -> T, f64, f64);
    let cases: [Case<T>; 14] = [
        ("relu", &relu, 0.0, f64::INFINITY),
        ("relu_derivative", &relu_derivative, 0.0, 1.0),
        ("leaky_relu", &leaky, f64::NEG_INFINITY, f64::INFINITY),
        ("leaky_relu_derivative", &leaky_d, alpha, 1.0),
        ("sigmoid", &sigmoid, 0.0, 1.0),
        ("sigmoid_derivative", &sigmoid_derivative, 0.0, 0.0),
        ("tanh_derivative", &tanh_derivative, 0.0, 0.0),
        ("gelu", &gelu, -0.0, f64::INFINITY),
        ("gelu_derivative", &gelu_derivative, 0.0, 1.0),
        ("gelu_tanh", &gelu_tanh, -0.0, f64::INFINITY),
        ("silu", &silu, -0.0, f64::INFINITY),
        ("silu_derivative", &silu_derivative, 0.0, 1.0),
        ("softplus", &softplus, 0.0, f64::INFINITY),
        ("softplus_derivative", &softplus_derivative, 0.0, 1.0),
    ];
    for (name, f, at_minus, at_plus) in cases {
        let (lo, hi): (f64, f64) = (f(-inf).into(), f(inf).into());
        assert!(lo == at_minus, "{name}(-inf) = {lo}, limit {at_minus}");
        assert!(hi == at_plus, "{name}(inf) = {hi}, limit {at_plus}");
        if at_minus == 0.0 && at_minus.is_sign_negative() {
            assert!(lo.is_sign_negative(), "{name}(-inf) = {lo}, limit -0.0");
        }
    }
}

#[test]
fn activations_at_infinity_are_their_limits() {
    check_limits_at_infinity::<f64>();
    check_limits_at_infinity::<f32>();
}

#[test]
fn sigmoid_saturates_exactly_without_nan() {
    // The hard requirements, in both types and in the Matrix form.
    assert_eq!(sigmoid(-1000.0f64), 0.0);
    assert_eq!(sigmoid(1000.0f64), 1.0);
    assert_eq!(sigmoid(-1000.0f32), 0.0);
    assert_eq!(sigmoid(1000.0f32), 1.0);
    assert_eq!(
        matrix![-1000.0, 0.0, 1000.0].sigmoid(),
        matrix![0.0, 0.5, 1.0]
    );
    for x in [f64::MAX, -f64::MAX, f64::MIN_POSITIVE, -f64::MIN_POSITIVE] {
        for (name, f) in smooth::<f64>() {
            assert!(!f(x).is_nan(), "{name}({x:e}) is NaN");
        }
    }
    for x in [f32::MAX, -f32::MAX, f32::MIN_POSITIVE, -f32::MIN_POSITIVE] {
        for (name, f) in smooth::<f32>() {
            assert!(!f(x).is_nan(), "{name}({x:e}) is NaN");
        }
    }
}

/// Every Matrix method is its scalar function applied to each element, bit for bit.
fn check_matrix_methods<T: Float>(case: &Value) {
    let xs = floats(&case["x"]);
    let alpha = T::round_from(0.01);
    for chunk in xs.chunks_exact(8) {
        let m = Matrix::<T, 2, 4>::from_fn(|i, j| T::from_f64(chunk[4 * i + j]));
        let same = |a: Matrix<T, 2, 4>, b: Matrix<T, 2, 4>, name: &str| {
            let bits = |m: Matrix<T, 2, 4>| m.iter().map(|&x| x.bits()).collect::<Vec<_>>();
            assert_eq!(bits(a), bits(b), "{} Matrix::{name}", T::NAME);
        };
        same(m.relu(), m.map(relu), "relu");
        same(
            m.relu_derivative(),
            m.map(relu_derivative),
            "relu_derivative",
        );
        same(
            m.leaky_relu(alpha),
            m.map(|x| leaky_relu(x, alpha)),
            "leaky_relu",
        );
        same(
            m.leaky_relu_derivative(alpha),
            m.map(|x| leaky_relu_derivative(x, alpha)),
            "leaky_relu_derivative",
        );
        same(m.sigmoid(), m.map(sigmoid), "sigmoid");
        same(
            m.sigmoid_derivative(),
            m.map(sigmoid_derivative),
            "sigmoid_derivative",
        );
        same(m.tanh(), m.map(T::tanh), "tanh");
        same(
            m.tanh_derivative(),
            m.map(tanh_derivative),
            "tanh_derivative",
        );
        same(m.gelu(), m.map(gelu), "gelu");
        same(
            m.gelu_derivative(),
            m.map(gelu_derivative),
            "gelu_derivative",
        );
        same(m.gelu_tanh(), m.map(gelu_tanh), "gelu_tanh");
        same(m.silu(), m.map(silu), "silu");
        same(
            m.silu_derivative(),
            m.map(silu_derivative),
            "silu_derivative",
        );
        same(m.softplus(), m.map(softplus), "softplus");
        same(
            m.softplus_derivative(),
            m.map(softplus_derivative),
            "softplus_derivative",
        );
    }
}

#[test]
fn matrix_methods_apply_the_scalar_functions() {
    for case in fixtures()["elementwise"].as_array().expect("cases") {
        by_dtype!(
            case["dtype"].as_str().expect("dtype"),
            check_matrix_methods(case)
        );
    }
}

// --- softmax --------------------------------------------------------------------------------

/// Per-element error bounds of softmax along one row `x` (in f64), whose true value is `p`.
///
/// `t_j = x_j - max` is rounded (u |t_j|), which `exp` turns into a relative error
/// `expm1(u |t_j|)`; with `exp`'s own 2u, `e_j` is off by `phi_j = expm1(u |t_j|)(1 + 2u) +
/// 2u` (0 where `t_j = -inf`: `exp(-inf) = 0` exactly). The sum of the positive `e_j`
/// (recursive, `K - 1` additions) is off by `Phi + g(K - 1)`, `Phi = sum_j p_j phi_j`
/// (+ `K eta` for subnormal terms, relative to a sum >= 1), and the division by u. So
/// `p_hat_i / p_i <= (1 + phi_i)(1 + u) / ((1 - Phi)(1 - g(K - 1)))`; the lower side is
/// smaller. Underflow: `e_i` (eta, divided by a sum >= 1) and the quotient (eta / 2).
fn softmax_bounds(x: &[f64], p: &[f64], u: f64, eta: f64) -> Vec<f64> {
    let (phi, big_phi, k) = softmax_phis(x, Some(p), u, eta);
    phi.iter()
        .zip(p)
        .map(|(&phi_i, &p_i)| {
            let rel = (1.0 + phi_i) * (1.0 + u) / ((1.0 - big_phi) * (1.0 - g(k - 1.0, u))) - 1.0;
            mul0(p_i, rel) + 2.0 * eta
        })
        .collect()
}

/// `(phi_j, Phi, K)` as in [`softmax_bounds`]; without `p`, `Phi <= max phi_j` (the
/// weights sum to 1).
fn softmax_phis(x: &[f64], p: Option<&[f64]>, u: f64, eta: f64) -> (Vec<f64>, f64, f64) {
    let m = x.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let k = x.len() as f64;
    let phi: Vec<f64> = x
        .iter()
        .map(|&xj| {
            let t = (xj - m).abs() * (1.0 + U64);
            if t.is_infinite() {
                0.0
            } else {
                (u * t).exp_m1() * (1.0 + 2.0 * u) + 2.0 * u
            }
        })
        .collect();
    let big_phi = match p {
        Some(p) => phi.iter().zip(p).map(|(&f, &pj)| mul0(pj, f)).sum::<f64>(),
        None => phi.iter().cloned().fold(0.0, f64::max),
    } + k * eta;
    (phi, big_phi, k)
}

/// Per-element absolute error bounds of log-softmax along one row `x`.
///
/// `out_i = fl(fl(x_i - max) - ls_hat)`, `ls = ln(sum_j exp(t_j))` in `[0, ln K]`. The sum
/// is off by a factor in `[1 - rho, 1 + rho]`, `rho = (1 + Phi)(1 + g(K - 1)) - 1` (as in
/// [`softmax_bounds`]), so `ln` of it by `-ln(1 - rho)`, plus `ln`'s own 2u relative:
/// `E_ls = -ln(1 - rho) + g(2)(ls - ln(1 - rho))`. Then `t_i` (u |t_i|) and the last
/// subtraction (u of the result).
fn log_softmax_bounds(x: &[f64], p: Option<&[f64]>, u: f64, eta: f64) -> Vec<f64> {
    let (_, big_phi, k) = softmax_phis(x, p, u, eta);
    let m = x.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let ls = x.iter().map(|&xj| (xj - m).exp()).sum::<f64>().ln() * (1.0 + 2.0 * U64);
    let rho = (1.0 + big_phi) * (1.0 + g(k - 1.0, u)) - 1.0;
    let d_ln = -(1.0 - rho).ln();
    let e_ls = d_ln + g(2.0, u) * (ls + d_ln);
    x.iter()
        .map(|&xj| {
            let t = (xj - m).abs();
            let e = u * t + e_ls;
            e + u * (t + ls + e)
        })
        .collect()
}

/// The rows of a row-major `r x c` flat array, or its columns when `by_column`.
fn lines(flat: &[f64], r: usize, c: usize, by_column: bool) -> Vec<Vec<f64>> {
    if by_column {
        (0..c)
            .map(|j| (0..r).map(|i| flat[i * c + j]).collect())
            .collect()
    } else {
        (0..r).map(|i| flat[i * c..(i + 1) * c].to_vec()).collect()
    }
}

/// Bound on `|sum_i p_hat_i - 1|` for one softmax row of `K` entries: the exp errors cancel
/// (the quotients share the computed sum): `sum_i e_i (1 + d_i) / sum_i e_i (1 + h_i)`, `|d_i|
/// <= u`, `|h_i| <= g(K - 1)`, so `(1 + u) / (1 - g(K - 1)) - 1`, + `K eta / 2` for
/// underflowing quotients; the test sums in f64 (`g64(K - 1)`).
fn row_sum_bound(k: f64, u: f64, eta: f64) -> f64 {
    (1.0 + u) / (1.0 - g(k - 1.0, u)) - 1.0 + k * eta / 2.0 + g(k - 1.0, U64) * (1.0 + k * u)
}

fn check_softmax<T: Float, const R: usize, const C: usize>(case: &Value) {
    let name = case["name"].as_str().expect("name");
    let x = floats(&case["x"]);
    let m = Matrix::<T, R, C>::from_fn(|i, j| T::from_f64(x[i * C + j]));
    let (u, eta) = (T::U, T::ETA);
    let mut failures = Vec::new();
    let flat = |out: Matrix<T, R, C>| out.iter().map(|&v| v.into()).collect::<Vec<f64>>();
    let results = [
        ("softmax_axis1", flat(m.softmax_axis1()), false, false),
        ("softmax_axis0", flat(m.softmax_axis0()), true, false),
        (
            "log_softmax_axis1",
            flat(m.log_softmax_axis1()),
            false,
            true,
        ),
        ("log_softmax_axis0", flat(m.log_softmax_axis0()), true, true),
    ];
    for (method, got, by_column, log) in results {
        let reference = floats(&case[method]);
        let (xl, gl, rl) = (
            lines(&x, R, C, by_column),
            lines(&got, R, C, by_column),
            lines(&reference, R, C, by_column),
        );
        for (line, ((xs, gs), rs)) in xl.iter().zip(&gl).zip(&rl).enumerate() {
            let finite = xs.iter().all(|v| v.is_finite());
            let bounds = if rs.iter().any(|r| r.is_nan()) {
                vec![0.0; xs.len()]
            } else if log {
                log_softmax_bounds(
                    xs,
                    Some(rs.iter().map(|r| r.exp()).collect::<Vec<_>>().as_slice()),
                    u,
                    eta,
                )
            } else {
                softmax_bounds(xs, rs, u, eta)
            };
            for (k, ((&gv, &rv), &b)) in gs.iter().zip(rs).zip(&bounds).enumerate() {
                let what = format!("{name} {method} line {line} entry {k}");
                check(&mut failures, &what, gv, rv, b);
                if finite && !gv.is_finite() {
                    failures.push(format!("{what}: {gv} for finite logits"));
                }
            }
            if !log && !rs.iter().any(|r| r.is_nan()) {
                let sum: f64 = gs.iter().sum();
                let bound = row_sum_bound(xs.len() as f64, u, eta);
                if (sum - 1.0).abs() > bound {
                    failures.push(format!(
                        "{name} {method} line {line} sums to {sum:e}, bound {bound:e}"
                    ));
                }
            }
        }
    }
    report(failures);
}

#[test]
fn softmax_and_log_softmax_match_references_on_both_axes() {
    for case in fixtures()["softmax"].as_array().expect("cases") {
        by_shape!(
            case,
            check_softmax,
            [
                (1, 1),
                (1, 5),
                (5, 1),
                (2, 3),
                (3, 4),
                (5, 5),
                (4, 7),
                (8, 16)
            ]
        );
    }
}

#[test]
fn seed_logits_print_as_numpy_prints_them() {
    let seed = &fixtures()["seed"];
    let v = floats(&seed["logits"]);
    let logits = Matrix::<f64, 2, 3>::from_fn(|i, j| v[3 * i + j]);
    assert_eq!(logits, matrix![2.0, 1.0, 0.1; 0.5, 1.5, 2.0]);
    assert_eq!(
        format!("{}", logits.relu()),
        seed["relu_printed"].as_str().expect("str")
    );
    assert_eq!(
        format!("{}", logits.softmax_axis1()),
        seed["softmax_printed"].as_str().expect("str")
    );
}

#[test]
fn softmax_of_equal_and_huge_logits_is_exact() {
    // exp(0) = 1 for every entry: each is 1/K, correctly rounded.
    assert_eq!(
        matrix![7.0, 7.0, 7.0, 7.0].softmax_axis1(),
        matrix![0.25, 0.25, 0.25, 0.25]
    );
    assert_eq!(
        matrix![1000.0f32, 1000.0].softmax_axis1(),
        matrix![0.5f32, 0.5]
    );
    // exp(-2000) underflows to 0 exactly; the other entry is 1/1.
    assert_eq!(matrix![1000.0, -1000.0].softmax_axis1(), matrix![1.0, 0.0]);
    assert_eq!(
        matrix![1000.0, -1000.0].log_softmax_axis1(),
        matrix![0.0, -2000.0]
    );
}

// --- properties -----------------------------------------------------------------------------

/// Logits mixing three scales, so rows hold both close and far-apart values.
fn logit() -> impl Strategy<Value = f64> {
    prop_oneof![-1.0..1.0f64, -30.0..30.0f64, -1000.0..1000.0f64]
}

fn softmax_properties<T: Float, const R: usize, const C: usize>(
    values: &[f64],
) -> Result<(), TestCaseError> {
    let m = Matrix::<T, R, C>::from_fn(|i, j| T::from_f64(f64::from(values[i * C + j] as f32)));
    let (u, eta) = (T::U, T::ETA);
    let p = m.softmax_axis1();
    let lp = m.log_softmax_axis1();
    for i in 0..R {
        let x: Vec<f64> = (0..C).map(|j| m[(i, j)].into()).collect();
        let row: Vec<f64> = (0..C).map(|j| p[(i, j)].into()).collect();
        // A distribution: entries in [0, 1], summing to 1 within row_sum_bound.
        prop_assert!(row.iter().all(|&v| (0.0..=1.0).contains(&v)), "{row:?}");
        let sum: f64 = row.iter().sum();
        prop_assert!(
            (sum - 1.0).abs() <= row_sum_bound(C as f64, u, eta),
            "sum {sum:e}"
        );
        // log_softmax == ln(softmax) where softmax is a normal number: |ln p_hat - ln p| <=
        // -ln(1 - rel) (softmax_bounds, with Phi <= max phi), ln's own 2u |ln p_hat|, and
        // log_softmax's bound.
        let (phi, big_phi, k) = softmax_phis(&x, None, u, eta);
        let lsb = log_softmax_bounds(&x, None, u, eta);
        for j in 0..C {
            let p_hat = row[j];
            if p_hat < T::min_positive_value().into() {
                continue;
            }
            let rel = (1.0 + phi[j]) * (1.0 + u) / ((1.0 - big_phi) * (1.0 - g(k - 1.0, u))) - 1.0;
            let ln_p: f64 = T::from_f64(p_hat).ln().into();
            let l: f64 = lp[(i, j)].into();
            let bound = -(1.0 - rel).ln() + g(2.0, u) * ln_p.abs() + lsb[j];
            prop_assert!(
                (ln_p - l).abs() <= bound * (1.0 + 4.0 * U64),
                "ln softmax {ln_p:e} vs log_softmax {l:e}, bound {bound:e}"
            );
            prop_assert!(l.is_finite());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn softmax_rows_are_distributions_and_log_softmax_is_their_log(
        v in prop::collection::vec(logit(), 40)
    ) {
        softmax_properties::<f64, 3, 4>(&v)?;
        softmax_properties::<f32, 3, 4>(&v)?;
        softmax_properties::<f64, 1, 7>(&v)?;
        softmax_properties::<f32, 5, 8>(&v)?;
        softmax_properties::<f64, 8, 5>(&v)?;
        softmax_properties::<f64, 4, 1>(&v)?;
    }

    /// sigmoid(-x) == 1 - sigmoid(x): with |sigmoid_hat(y) - sigmoid(y)| <= g(4) sigmoid(y) +
    /// 2 eta on both sides and the subtraction's u |1 - sigmoid_hat(x)| <= u,
    /// |a - b| <= g(4)(sigmoid(x) + sigmoid(-x)) + u + 4 eta = g(4) + u + 4 eta.
    #[test]
    fn sigmoid_is_symmetric(x in prop_oneof![-1.0..1.0f64, -40.0..40.0f64, -800.0..800.0f64]) {
        let bound = |u: f64, eta: f64| g(4.0, u) + u + 4.0 * eta;
        let d = (sigmoid(-x) - (1.0 - sigmoid(x))).abs();
        prop_assert!(d <= bound(f64::U, f64::ETA), "f64 {x}: {d:e}");
        let xf = x as f32;
        let df = (sigmoid(-xf) - (1.0 - sigmoid(xf))).abs();
        prop_assert!(f64::from(df) <= bound(f32::U, f32::ETA), "f32 {xf}: {df:e}");
        // The derivatives are even functions, bit for bit (they see only |x|).
        prop_assert_eq!(sigmoid_derivative(x).to_bits(), sigmoid_derivative(-x).to_bits());
        prop_assert_eq!(tanh_derivative(x).to_bits(), tanh_derivative(-x).to_bits());
    }

    /// The derivatives against central differences in f64, at x = k 2^-12 with |x| <= 8 and
    /// h = 2^-12, so that x +- h are exact. Taylor: |(f(x+h) - f(x-h)) / 2h - f'(x)| <= h^2/6
    /// max|f'''|, with max|f'''| = 1/8 for sigmoid, 2 for tanh, 1/(6 sqrt 3) < 0.1 for
    /// softplus (sigmoid''), < 0.66 for silu (3 max|sigmoid''| + max|x sigmoid'(x)|, as
    /// |1 - 6 sigmoid'| <= 1 and x sigmoid'(x) <= x e^-x <= 1/e), < 0.78 for gelu
    /// (phi(x)(x^3 - 4x), largest at x^2 = (7 - sqrt 33)/2). Rounding: on |x| <= 8 + h every
    /// fixture bound above is below 250u (|f| + 1); the largest are gelu's and gelu''s,
    /// whose erfc condition number is kappa <= |z| (|z| + sqrt(z^2 + 2)) < 70 at |z| <= 5.84
    /// (Abramowitz & Stegun 7.1.13), times theta <= 3u: 213u |f|; gelu' adds
    /// (|x|^2/2 + 5) u |x phi| <= 9u. With |f| <= |x| + 1, the difference quotient is within
    /// 2 * 250u (9.01 + 1) / 2h, plus u of it (|f'| <= 1.2), the derivative within
    /// 250u (1.2 + 1).
    #[test]
    fn derivatives_match_central_differences(k in -32768i32..=32768) {
        let h = 2f64.powi(-12);
        let x = f64::from(k) * h;
        let u = f64::U;
        let rounding = 2.0 * 250.0 * u * (9.01 + 1.0) / (2.0 * h) + u * 1.2 + 250.0 * u * 2.2;
        let cases: [(&str, Scalar<f64>, Scalar<f64>, f64); 5] = [
            ("sigmoid", sigmoid, sigmoid_derivative, 0.125),
            ("tanh", f64::tanh, tanh_derivative, 2.0),
            ("softplus", softplus, softplus_derivative, 0.1),
            ("silu", silu, silu_derivative, 0.66),
            ("gelu", gelu, gelu_derivative, 0.78),
        ];
        for (name, f, df, m3) in cases {
            let central = (f(x + h) - f(x - h)) / (2.0 * h);
            let bound = h * h / 6.0 * m3 + rounding;
            let d = (central - df(x)).abs();
            prop_assert!(d <= bound, "{name}'({x}): difference quotient {central:e}, derivative {:e}, |diff| {d:e} > {bound:e}", df(x));
        }
        // relu and leaky_relu away from their kink: slopes 1 and alpha (or 0).
        if x != 0.0 {
            let slope = if x > 0.0 { 1.0 } else { 0.0 };
            prop_assert_eq!(relu_derivative(x), slope);
            prop_assert_eq!(leaky_relu_derivative(x, 0.1), if x > 0.0 { 1.0 } else { 0.1 });
        }
    }
}
