//! The activations of `statrix::nn`: the scalar functions (`relu`, `relu_derivative`,
//! `leaky_relu`, `leaky_relu_derivative`, `sigmoid`, `sigmoid_derivative`,
//! `tanh_derivative`, `gelu`, `gelu_derivative`, `gelu_tanh`, `silu`, `silu_derivative`,
//! `softplus`, `softplus_derivative`) on arbitrary `f32`/`f64` values (raw bit patterns
//! included), and the matrix methods (the same elementwise, `tanh`, `softmax_axis0/1`,
//! `log_softmax_axis0/1`) and activation layers on matrices up to 8x8 (16 shapes: every
//! row and column count 1..=8).
//!
//! What is checked, and where each bound comes from (`u` the unit roundoff, `eps = 2u`,
//! `eta` the smallest subnormal, `gamma_k = k u / (1 - k u)`, Higham, *Accuracy and
//! Stability of Numerical Algorithms*, 2nd ed., §2.1 and Lemma 3.1). The platform's `exp`,
//! `ln`, `ln_1p` and `pow` and `libm`'s `erfc` are taken to be faithful (within one ulp, so
//! within a relative `eps`, or `eta` absolutely in the subnormals; glibc's and `libm`'s are),
//! and `exp(0) = 1`:
//!
//! - Nothing panics; NaN in gives NaN out (the module's rule).
//! - Exact definitions where the docs give them: `relu` is `np.maximum(0, x)` (`-0.0` stays
//!   `-0.0`), the (leaky) ReLU derivatives and `leaky_relu` are their case formulas,
//!   `softplus_derivative` is `sigmoid`, the limits at `±inf` are the functions' limits (no
//!   `inf * 0` NaN), `sigmoid_derivative` and `tanh_derivative` are exactly even.
//! - Ranges that rounding cannot break, because rounding to nearest is monotone and the
//!   bounds are representable: `sigmoid` in `[0, 1]` (at least `1/2` for `x >= 0`, at most
//!   `1/2` below), `gelu`, `gelu_tanh` and `silu` between `min(0, x)` and `max(0, x)`,
//!   `softplus >= max(x, 0)`, softmax in `[0, 1]`, log-softmax `<= 0`.
//! - Ranges with a derived rounding allowance: `sigmoid_derivative <= (1 + gamma_9) / 4`,
//!   `tanh_derivative <= 1 + gamma_9`, `softplus <= (max(x, 0) + ln 2 (1 + eps))(1 + u)`,
//!   `silu >= silu_min (1 + gamma_5)`, the derivatives of GELU and SiLU within their exact
//!   extrema plus their error bounds, each derived at its check.
//! - Accuracy of the `f32` functions against `f64` references where the error bound is short
//!   (`sigmoid`, `sigmoid_derivative`, `tanh_derivative`, `softplus`), and monotonicity of
//!   `sigmoid` and `softplus` within the same bounds for both types.
//! - The matrix methods are the scalar functions elementwise, bit for bit (NaN for NaN); the
//!   layers are the matrix methods; softmax rows (columns) are NaN exactly when the row holds
//!   a NaN or its maximum is infinite, otherwise sum to 1 within
//!   `(u + gamma_(n-1)) / (1 - gamma_(n-1))` and agree with `exp(log_softmax)` within the
//!   bound derived at [`check_softmax`].
#![no_main]

use libfuzzer_sys::fuzz_target;
use statrix::Matrix;
use statrix::nn::activation::{
    gelu, gelu_derivative, gelu_tanh, leaky_relu, leaky_relu_derivative, relu, relu_derivative,
    sigmoid, sigmoid_derivative, silu, silu_derivative, softplus, softplus_derivative,
    tanh_derivative,
};
use statrix::nn::{Gelu, Layer, Relu, Sigmoid, Silu, Softmax, Tanh};
use statrix_fuzz::dense::{F64_U, assert_le, gamma};
use statrix_fuzz::{Float, Input, with_shape};

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let head = input.byte();
    let double = head.is_multiple_of(2);
    if (head >> 1).is_multiple_of(2) {
        if double {
            scalars::<f64>(&mut input);
        } else {
            scalars::<f32>(&mut input);
        }
    } else {
        let shape = input.byte();
        if double {
            with_shape!(shape, R, C => matrices::<f64, R, C>(&mut input));
        } else {
            with_shape!(shape, R, C => matrices::<f32, R, C>(&mut input));
        }
    }
});

/// The smallest positive subnormal `f64`.
const F64_ETA: f64 = f64::from_bits(1);

/// A bound evaluated in `f64` is a short sum of products of non-negative terms, each within
/// a relative `2^-53`: within a relative `1e-14` of the exact bound.
const SLACK: f64 = 1.0 + 1e-12;

/// `min silu = min x sigmoid(x)` (at `x = -1.27846...`, `-W(1/e) (1 + W(1/e))`), rounded
/// away from zero in the last digit.
const SILU_MIN: f64 = -0.278_464_542_761_073_9;

/// `max silu' - 1 = -min silu'` (at `x = ±2.39936...`; `silu'(x) + silu'(-x) = 1`), rounded
/// up.
const SILU_D_EXCESS: f64 = 0.099_839_320_128_866_9;

/// `max gelu' - 1 = -min gelu' = sqrt(2) phi(sqrt(2)) - Phi(-sqrt(2))` (at `x = ±sqrt(2)`,
/// where `gelu'' = phi (2 - x^2)` vanishes; `gelu'(x) + gelu'(-x) = 1`), rounded up.
const GELU_D_EXCESS: f64 = 0.128_904_145_185_155;

/// `max |x| sigmoid(x) sigmoid(-x)` (0.22387..., at `x = ±1.5434...`), rounded up.
const X_SIGMOID_PAIR_MAX: f64 = 0.2239;

fn eta<T: Float>() -> f64 {
    T::smallest_subnormal()
}

/// `got` and `want` are the same value: the same bits for numbers (so `-0.0` is not `0.0`),
/// both NaN for NaN (IEEE arithmetic does not specify a NaN's payload).
fn same<T: Float>(what: &str, got: T, want: T) {
    assert!(is_same(got, want), "{what}: {got:?}, expected {want:?}");
}

/// Whether `got` and `want` are the same value, as [`same`] asserts.
fn is_same<T: Float>(got: T, want: T) -> bool {
    if want.is_nan() {
        got.is_nan()
    } else {
        got == want && got.is_sign_negative() == want.is_sign_negative()
    }
}

/// `lo <= v <= hi` (exactly, in `f64`).
fn within<T: Float>(what: &str, v: T, lo: f64, hi: f64) {
    let w = v.wide();
    assert!(lo <= w && w <= hi, "{what}: {v:?} outside [{lo:e}, {hi:e}]");
}

/// The logistic function in `f64` by the same stable formulas: within `gamma_4` of `f64`
/// relative, plus `2 eta_64` where `exp` lands in the subnormals (derived at
/// [`check_sigmoid`]).
fn sigmoid64(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

// ---------------------------------------------------------------------------------------
// Scalars.

fn scalars<T: Float>(input: &mut Input) {
    let e = input.exponent::<T>();
    let xs: [T; 4] = core::array::from_fn(|_| input.scalar::<T>(e));
    let alpha_exp = input.exponent::<T>();
    let alpha = input.scalar::<T>(alpha_exp);
    if std::env::var_os("FUZZ_DEBUG").is_some() {
        eprintln!("xs = {xs:?}, alpha = {alpha:?}");
    }
    for &x in &xs {
        check_piecewise(x, alpha);
        check_sigmoid(x);
        check_sigmoid_pair_products(x);
        check_gelu(x);
        check_silu(x);
        check_softplus(x);
    }
    for &x in &xs {
        for &y in &xs {
            if x <= y {
                check_monotone(x, y);
            }
        }
    }
}

/// ReLU and leaky ReLU and their derivatives: the case formulas, exactly.
fn check_piecewise<T: Float>(x: T, alpha: T) {
    let want = if x.is_nan() {
        x
    } else if x < T::zero() {
        T::zero()
    } else {
        x
    };
    same(&format!("relu({x:?})"), relu(x), want);
    let want = if x > T::zero() {
        T::one()
    } else if x.is_nan() {
        x
    } else {
        T::zero()
    };
    same(&format!("relu_derivative({x:?})"), relu_derivative(x), want);
    let want = if x > T::zero() { x } else { alpha * x };
    same(
        &format!("leaky_relu({x:?}, {alpha:?})"),
        leaky_relu(x, alpha),
        want,
    );
    let want = if x > T::zero() {
        T::one()
    } else if x.is_nan() {
        x
    } else {
        alpha
    };
    same(
        &format!("leaky_relu_derivative({x:?}, {alpha:?})"),
        leaky_relu_derivative(x, alpha),
        want,
    );
}

/// `sigmoid`: in `[0, 1]` exactly (`1 / (1 + e)` with `e = exp(-x) in [0, 1]` is in
/// `[1/2, 1]` before rounding, `e / (1 + e)` in `[0, 1/2]` as `fl(1 + e) >= 2e`), 1 and 0 at
/// `±inf`. Error (`x >= 0`): `e' = e (1 + d)`, `|d| <= eps`, then two roundings: the ratio
/// to the exact value is `(1 + e)/(1 + e') (1 + d2)/(1 + d1)` with `|e d / (1 + e)| <= u`:
/// within `gamma_3`. (`x < 0`): `(1 + d)(1 + e)/(1 + e')` within `(1 + 2u)` and two more
/// roundings: `gamma_4`. In the subnormals `e'` is off by `eta` and the quotient by
/// `eta / 2`: `|s - sigmoid| <= gamma_4 sigmoid + 2 eta`.
fn check_sigmoid<T: Float>(x: T) {
    let s = sigmoid(x);
    let what = format!("sigmoid({x:?}) = {s:?}");
    same(
        &format!("softplus_derivative({x:?}) is sigmoid"),
        softplus_derivative(x),
        s,
    );
    if x.is_nan() {
        assert!(s.is_nan(), "{what}");
        return;
    }
    if x >= T::zero() {
        within(&what, s, 0.5, 1.0);
    } else {
        within(&what, s, 0.0, 0.5);
    }
    if x == T::infinity() {
        same(&what, s, T::one());
    }
    if x == T::neg_infinity() {
        same(&what, s, T::zero());
    }
    if T::BYTES == 4 {
        let want = sigmoid64(x.wide());
        let bound = (gamma(4, T::unit_roundoff()) * want + gamma(4, F64_U) * want) * SLACK
            + 2.0 * eta::<T>()
            + 2.0 * F64_ETA;
        assert_le(&what, (s.wide() - want).abs(), bound);
    }
}

/// `sigmoid_derivative` and `tanh_derivative`: `s * s_neg` from `(1/(1 + e), e/(1 + e))`,
/// `e = exp(-|x|)`: the first within `gamma_3` (as in [`check_sigmoid`]), the second within
/// `gamma_5` (`e`'s `eps` and two roundings), their product one more rounding: within
/// `gamma_9` relative of `sigmoid(x) sigmoid(-x) <= 1/4` (and `tanh_derivative = 4 s(2x)
/// s(-2x)`, `4 s` exact, `2x` exact or infinite where the exact value underflows to 0), plus
/// the subnormals (`e` off by `eta`, the quotient and the product `eta / 2` each: `2 eta`;
/// four times that for `tanh_derivative`). Exactly even, NaN for NaN, 0 at `±inf`.
fn check_sigmoid_pair_products<T: Float>(x: T) {
    let u = T::unit_roundoff();
    let g9 = gamma(9, u);
    let (sd, td) = (sigmoid_derivative(x), tanh_derivative(x));
    if x.is_nan() {
        assert!(
            sd.is_nan() && td.is_nan(),
            "derivatives of NaN: {sd:?} {td:?}"
        );
        return;
    }
    same(
        &format!("sigmoid_derivative({x:?}) even"),
        sd,
        sigmoid_derivative(-x),
    );
    same(
        &format!("tanh_derivative({x:?}) even"),
        td,
        tanh_derivative(-x),
    );
    within(
        &format!("sigmoid_derivative({x:?})"),
        sd,
        0.0,
        0.25 * (1.0 + g9) * SLACK,
    );
    within(
        &format!("tanh_derivative({x:?})"),
        td,
        0.0,
        (1.0 + g9) * SLACK,
    );
    if x.is_infinite() {
        same(&format!("sigmoid_derivative({x:?})"), sd, T::zero());
        same(&format!("tanh_derivative({x:?})"), td, T::zero());
    }
    if T::BYTES == 4 {
        let xw = x.wide();
        // The f64 references by the same formulas: gamma_9 of f64 and 2 eta_64 (8 for tanh').
        let want = sigmoid64(xw) * sigmoid64(-xw);
        let bound = (g9 + gamma(9, F64_U)) * want * SLACK + 2.0 * eta::<T>() + 2.0 * F64_ETA;
        assert_le(
            &format!("sigmoid_derivative({x:?}) = {sd:?} against {want:e}"),
            (sd.wide() - want).abs(),
            bound,
        );
        let want = 4.0 * sigmoid64(2.0 * xw) * sigmoid64(-2.0 * xw);
        let bound = (g9 + gamma(9, F64_U)) * want * SLACK + 8.0 * eta::<T>() + 8.0 * F64_ETA;
        assert_le(
            &format!("tanh_derivative({x:?}) = {td:?} against {want:e}"),
            (td.wide() - want).abs(),
            bound,
        );
    }
}

/// GELU (both forms) between `min(0, x)` and `max(0, x)`: `fl(x / 2) * erfc(..)` with
/// `erfc` in `[0, 2]`, or `x * sigmoid(..)` with the sigmoid in `[0, 1]`, rounded
/// monotonically (`fl(x / 2)` is at most `x` in magnitude even in the subnormals, where
/// `erfc` is within an ulp of 1); the limits `inf` and `0` at `±inf`. The derivative
/// `Phi(x) + x phi(x)` is in `[-m, 1 + m]`, `m = GELU_D_EXCESS`, up to its rounding: the
/// CDF term `erfc(-x/sqrt(2)) / 2` errs by at most `(|z erfc'(z)| 2u + 2 eps) / 2 <= 2.5 u`
/// (`|z| exp(-z^2) <= 1/sqrt(2e)`, the argument rounded twice), the density term
/// `x phi(x)` by `|x| phi(x) (5u + x^2 u / 2) + u <= 1.5 u` (its constant, the square,
/// `exp`'s `eps` and argument, the products; `|x| phi <= 0.242`, `|x|^3 phi / 2 <= 0.232`),
/// the sum by `1.13 u`: `8 u` covers it.
fn check_gelu<T: Float>(x: T) {
    let u = T::unit_roundoff();
    for (name, g) in [("gelu", gelu(x)), ("gelu_tanh", gelu_tanh(x))] {
        let what = format!("{name}({x:?}) = {g:?}");
        if x.is_nan() {
            assert!(g.is_nan(), "{what}");
            continue;
        }
        if x >= T::zero() {
            assert!(g >= T::zero() && g <= x, "{what}");
        } else {
            assert!(g >= x && g <= T::zero(), "{what}");
        }
        if x == T::neg_infinity() {
            assert!(g == T::zero(), "{what}");
        }
    }
    let d = gelu_derivative(x);
    let what = format!("gelu_derivative({x:?}) = {d:?}");
    if x.is_nan() {
        assert!(d.is_nan(), "{what}");
        return;
    }
    let allowance = 8.0 * u + 2.0 * eta::<T>();
    within(
        &what,
        d,
        -GELU_D_EXCESS - allowance,
        1.0 + GELU_D_EXCESS + allowance,
    );
    if x == T::infinity() {
        same(&what, d, T::one());
    }
    if x == T::neg_infinity() {
        assert!(d == T::zero(), "{what}");
    }
}

/// SiLU between `min(0, x)` and `max(0, x)` (`x s`, `s` in `[0, 1]`), at least `SILU_MIN
/// (1 + gamma_5)` (`s` within `gamma_4` of `sigmoid(x)`, one product; `2 |x| eta + eta`
/// where `s` is subnormal), `inf` and `0` at `±inf`. Its derivative `s (1 + x s_neg)` is in
/// `[-m, 1 + m]`, `m = SILU_D_EXCESS`, up to: `s` within `gamma_5`, `x s_neg` within
/// `gamma_6`, the sum and the product one rounding each: `|err| <= gamma_7 (|f| + sigma
/// |x| sigma(-x) (1 + gamma_7)) <= gamma_7 (1 + m + 0.2239 (1 + gamma_7))`, plus `2 |x| eta
/// + eta` in the subnormals; 1 and 0 at `±inf`.
fn check_silu<T: Float>(x: T) {
    let u = T::unit_roundoff();
    let eta = eta::<T>();
    let s = silu(x);
    let what = format!("silu({x:?}) = {s:?}");
    let d = silu_derivative(x);
    let what_d = format!("silu_derivative({x:?}) = {d:?}");
    if x.is_nan() {
        assert!(s.is_nan() && d.is_nan(), "{what}, {what_d}");
        return;
    }
    let sub = if x.is_finite() {
        2.0 * x.wide().abs() * eta + eta
    } else {
        eta
    };
    if x >= T::zero() {
        assert!(s >= T::zero() && s <= x, "{what}");
    } else {
        assert!(s >= x && s <= T::zero(), "{what}");
        assert_le(
            &what,
            SILU_MIN * (1.0 + gamma(5, u)) * SLACK - sub,
            s.wide(),
        );
    }
    let g7 = gamma(7, u);
    let err = g7 * (1.0 + SILU_D_EXCESS + X_SIGMOID_PAIR_MAX * (1.0 + g7)) * SLACK + sub;
    within(&what_d, d, -SILU_D_EXCESS - err, 1.0 + SILU_D_EXCESS + err);
    if x == T::infinity() {
        same(&what, s, T::infinity());
        same(&what_d, d, T::one());
    }
    if x == T::neg_infinity() {
        assert!(s == T::zero() && d == T::zero(), "{what}, {what_d}");
    }
}

/// Softplus `max(x, 0) + ln_1p(exp(-|x|))`: at least `max(x, 0)` exactly (the second term is
/// not negative), at most `(max(x, 0) + ln 2 (1 + eps))(1 + u)` (the term is at most
/// `ln_1p(1)` rounded faithfully); `inf` and 0 at `±inf`. In `f32` against `f64`: `exp`'s
/// `eps` moves `ln_1p(e)` by `eps e / (1 + e) <= eps ln_1p(e)` relative, `ln_1p` adds `eps`,
/// the sum `u` (both terms non-negative): `gamma_5` relative, plus `2 eta` in the subnormals.
fn check_softplus<T: Float>(x: T) {
    let u = T::unit_roundoff();
    let sp = softplus(x);
    let what = format!("softplus({x:?}) = {sp:?}");
    if x.is_nan() {
        assert!(sp.is_nan(), "{what}");
        return;
    }
    let m = if x > T::zero() { x } else { T::zero() };
    assert!(sp >= m, "{what}");
    let upper = (m.wide() + std::f64::consts::LN_2 * (1.0 + T::epsilon().wide())) * (1.0 + u);
    if sp.is_finite() {
        assert_le(&what, sp.wide(), upper * SLACK);
    } else {
        assert!(x == T::infinity(), "{what}");
    }
    if x == T::neg_infinity() {
        same(&what, sp, T::zero());
    }
    if T::BYTES == 4 {
        let xw = x.wide();
        let want = xw.max(0.0) + (-xw.abs()).exp().ln_1p();
        let bound =
            (gamma(5, u) + gamma(5, F64_U)) * want * SLACK + 2.0 * eta::<T>() + 2.0 * F64_ETA;
        assert_le(
            &format!("{what} against {want:e}"),
            (sp.wide() - want).abs(),
            bound,
        );
    }
}

/// Monotone within the error bounds: for `x <= y`, `f(x) <= (f(y) + a)(1 + g) / (1 - g) + a`
/// where `f` is within `g` relative and `a` absolutely of the exact, increasing function:
/// `sigmoid` (`gamma_4`, `2 eta`, [`check_sigmoid`]) and `softplus` (`gamma_5`, `2 eta`,
/// [`check_softplus`]).
fn check_monotone<T: Float>(x: T, y: T) {
    let u = T::unit_roundoff();
    let eta = eta::<T>();
    for (name, fx, fy, g) in [
        ("sigmoid", sigmoid(x), sigmoid(y), gamma(4, u)),
        ("softplus", softplus(x), softplus(y), gamma(5, u)),
    ] {
        if fy.is_infinite() {
            continue;
        }
        let bound = (fy.wide() + 2.0 * eta) * (1.0 + g) / (1.0 - g) * SLACK + 2.0 * eta;
        assert_le(
            &format!("{name} monotone: f({x:?}) = {fx:?} > f({y:?}) = {fy:?}"),
            fx.wide(),
            bound,
        );
    }
}

// ---------------------------------------------------------------------------------------
// Matrices.

fn matrices<T: Float, const R: usize, const C: usize>(input: &mut Input) {
    let a: Matrix<T, R, C> = input.matrix();
    let alpha_exp = input.exponent::<T>();
    let alpha = input.scalar::<T>(alpha_exp);
    if std::env::var_os("FUZZ_DEBUG").is_some() {
        eprintln!("a = {a:?}\nalpha = {alpha:?}");
    }
    type Elementwise<T, const R: usize, const C: usize> =
        (&'static str, Matrix<T, R, C>, fn(T, T) -> T);
    let methods: [Elementwise<T, R, C>; 15] = [
        ("relu", a.relu(), |x, _| relu(x)),
        ("relu_derivative", a.relu_derivative(), |x, _| {
            relu_derivative(x)
        }),
        ("leaky_relu", a.leaky_relu(alpha), leaky_relu),
        (
            "leaky_relu_derivative",
            a.leaky_relu_derivative(alpha),
            leaky_relu_derivative,
        ),
        ("sigmoid", a.sigmoid(), |x, _| sigmoid(x)),
        ("sigmoid_derivative", a.sigmoid_derivative(), |x, _| {
            sigmoid_derivative(x)
        }),
        ("tanh", a.tanh(), |x, _| x.tanh()),
        ("tanh_derivative", a.tanh_derivative(), |x, _| {
            tanh_derivative(x)
        }),
        ("gelu", a.gelu(), |x, _| gelu(x)),
        ("gelu_derivative", a.gelu_derivative(), |x, _| {
            gelu_derivative(x)
        }),
        ("gelu_tanh", a.gelu_tanh(), |x, _| gelu_tanh(x)),
        ("silu", a.silu(), |x, _| silu(x)),
        ("silu_derivative", a.silu_derivative(), |x, _| {
            silu_derivative(x)
        }),
        ("softplus", a.softplus(), |x, _| softplus(x)),
        ("softplus_derivative", a.softplus_derivative(), |x, _| {
            softplus_derivative(x)
        }),
    ];
    for (name, out, f) in &methods {
        for i in 0..R {
            for j in 0..C {
                let (x, got, want) = (a[(i, j)], out[(i, j)], f(a[(i, j)], alpha));
                if !is_same(got, want) {
                    panic!(
                        "{name} of {x:?} (alpha {alpha:?}) at ({i}, {j}): {got:?}, expected {want:?}"
                    );
                }
            }
        }
    }

    // The layers are the matrix methods, and a chain is their composition.
    let layers: [(&str, Matrix<T, R, C>, Matrix<T, R, C>); 7] = [
        ("Relu", Relu.forward(&a), methods[0].1),
        ("Sigmoid", Sigmoid.forward(&a), methods[4].1),
        ("Tanh", Tanh.forward(&a), methods[6].1),
        ("Gelu", Gelu.forward(&a), methods[8].1),
        ("Silu", Silu.forward(&a), methods[11].1),
        ("Softmax", Softmax.forward(&a), a.softmax_axis1()),
        (
            "Relu then Softmax",
            Layer::<T, C, C>::then(Relu, Softmax).forward(&a),
            methods[0].1.softmax_axis1(),
        ),
    ];
    for (name, got, want) in &layers {
        for (&g, &w) in got.iter().zip(want.iter()) {
            assert!(is_same(g, w), "{name}: {g:?}, expected {w:?}");
        }
    }

    let (p1, l1) = (a.softmax_axis1(), a.log_softmax_axis1());
    for i in 0..R {
        let xs: Vec<T> = (0..C).map(|j| a[(i, j)]).collect();
        let p: Vec<T> = (0..C).map(|j| p1[(i, j)]).collect();
        let l: Vec<T> = (0..C).map(|j| l1[(i, j)]).collect();
        check_softmax("axis1", &xs, &p, &l);
    }
    let (p0, l0) = (a.softmax_axis0(), a.log_softmax_axis0());
    for j in 0..C {
        let xs: Vec<T> = (0..R).map(|i| a[(i, j)]).collect();
        let p: Vec<T> = (0..R).map(|i| p0[(i, j)]).collect();
        let l: Vec<T> = (0..R).map(|i| l0[(i, j)]).collect();
        check_softmax("axis0", &xs, &p, &l);
    }
}

/// Softmax `p` and log-softmax `l` of one row (column) `xs` of `n` elements.
///
/// All NaN exactly when `xs` holds a NaN or its maximum is infinite (the docs). Otherwise,
/// with `d_i = fl(x_i - max) <= 0`, `e_i = exp(d_i) <= 1` (one of them `exp(0) = 1`) and
/// `s` their recursive sum from 0 (`n - 1` roundings of non-negative terms: within
/// `gamma_(n-1)` relative, and at least every `e_i`, so at least 1):
///
/// - `p_i = fl(e_i / s)` is in `[0, 1]` exactly, and `sum p_i = sum e_i (1 + d_i) / s` is
///   within `(u + gamma_(n-1)) / (1 - gamma_(n-1))` of 1, plus `eta / 2` per quotient in
///   the subnormals;
/// - `l_i = fl(d_i - L)`, `L = fl(ln s) >= 0`: at most 0 exactly, `-inf` where `x_i` is;
/// - where `p_i` is normal (so is `e_i`): `ln p_i = d_i + ln(1 + de) - ln s + ln(1 + dq)`
///   (`|de| <= eps` from `exp`, `|dq| <= u`) and `l_i = (d_i - L)(1 + dl)`, `|L - ln s| <=
///   eps ln s`, `ln s <= ln(2n)`: `|l_i - ln p_i| <= u |l_i| / (1 - u) + eps ln(2n) +
///   eps / (1 - eps) + u / (1 - u)`, and the `f64` logarithm adds `u_64 (|l_i| + 1)`.
fn check_softmax<T: Float>(what: &str, xs: &[T], p: &[T], l: &[T]) {
    let n = xs.len();
    let u = T::unit_roundoff();
    let eps = T::epsilon().wide();
    let eta = eta::<T>();
    let max = if xs.iter().any(|x| x.is_nan()) {
        T::nan()
    } else {
        xs.iter()
            .copied()
            .fold(T::neg_infinity(), |m, x| if x > m { x } else { m })
    };
    if !max.is_finite() {
        assert!(
            p.iter().all(|v| v.is_nan()),
            "softmax {what} of {xs:?}: {p:?}"
        );
        assert!(
            l.iter().all(|v| v.is_nan()),
            "log_softmax {what} of {xs:?}: {l:?}"
        );
        return;
    }
    for k in 0..n {
        let ctx = || {
            format!(
                "{what} of {xs:?} at {k}: softmax {:?}, log_softmax {:?}",
                p[k], l[k]
            )
        };
        assert!(
            p[k] >= T::zero() && p[k] <= T::one(),
            "softmax in [0, 1]: {}",
            ctx()
        );
        assert!(l[k] <= T::zero(), "log_softmax <= 0: {}", ctx());
        if xs[k] == T::neg_infinity() {
            assert!(
                p[k] == T::zero() && l[k] == T::neg_infinity(),
                "-inf: {}",
                ctx()
            );
        }
        if p[k] >= T::min_positive_value() {
            let lw = l[k].wide();
            let bound = (u * lw.abs() / (1.0 - u)
                + eps * (2.0 * n as f64).ln()
                + eps / (1.0 - eps)
                + u / (1.0 - u)
                + F64_U * (lw.abs() + 1.0))
                * SLACK;
            assert_le(
                &format!("log_softmax against ln(softmax): {}", ctx()),
                (lw - p[k].wide().ln()).abs(),
                bound,
            );
        }
    }
    let g = gamma(n - 1, u);
    // The reference sum in f64 rounds n - 1 times on non-negative terms: within
    // gamma_(n-1) of f64 relative (and the sum is within 2 of 1).
    let sum: f64 = p.iter().map(|v| v.wide()).sum();
    let bound = ((u + g) / (1.0 - g) + gamma(n, F64_U)) * SLACK + n as f64 * eta;
    assert_le(
        &format!("softmax {what} of {xs:?} sums to {sum}: {p:?}"),
        (sum - 1.0).abs(),
        bound,
    );
}
