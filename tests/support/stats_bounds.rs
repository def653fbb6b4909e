//! Error bounds of the statistics.
//!
//! Higham, *Accuracy and Stability of Numerical Algorithms* (2nd ed.); `u` the unit roundoff
//! of the type under test (`2^-53` for f64, `2^-24` for f32), `gamma_k = k u / (1 - k u)`.
//! No underflow or overflow (the fixtures and the properties stay in the normal range).
//!
//! - Compensated (Kahan–Babuška–Neumaier) sum of `x_1..x_n` with exact sum `S`: the rounding
//!   error `e_i` of each `s + x_i` is captured exactly (Fast2Sum), so `s_hat + sum e_i = S`;
//!   the `e_i` are summed recursively (Higham (4.4): error `<= gamma_{n-1} sum |e_i|`) with
//!   `|e_i| <= u |t_i|` and `|t_i| <= (1 + gamma_{n-1}) sum |x|` (a partial recursive sum);
//!   the final `s_hat + c_hat` rounds once. Hence
//!   `|S_hat - S| <= u |S| + (1 + u) c_n sum |x|` with `c_n = (1 + gamma_{n-1}) gamma_{n-1}
//!   (n - 1) u`.
//! - Mean `fl(S_hat / n)`: `|mean_hat - mean| <= gamma_2 |mean| + (1 + u)^2 c_n sum |x| / n`
//!   ([`mean_bound`]).
//! - NumPy's mean: its sum in any order obeys `|S_hat - S| <= gamma_{n-1} sum |x|` (Higham
//!   (4.3)), so `|mean_np - mean| <= (1 + u) gamma_{n-1} sum |x| / n + u |mean|`
//!   ([`numpy_mean_bound`]).
//! - Corrected two-pass centred cross sum ([`centred_bound`]); see its docs.
//! - NumPy's variance (plain two-pass): with its mean's error `|eps| <= E`, each
//!   `fl(x - m)^2 = (d - eps)^2 (1 + theta_3)` and the sum adds `gamma_{n-1}`, and
//!   `sum (d - eps)^2 = S + n eps^2`, so `|S_np - S| <= n E^2 + gamma_{n+2} (S + n E^2)`
//!   ([`numpy_ss_bound`]).
//!
//! Every bound is evaluated in f64 from references rounded to f64, so it is multiplied by
//! [`SLACK`](super::SLACK): a bound is a sum of products of fewer than 60 non-negative f64 terms, each of
//! relative error at most `2^-53`, so its computed value is within a relative `1e-13` of the
//! exact one.

use super::bounds::gamma_u;
use super::float::Float;

/// `c_n = (1 + gamma_{n-1}) gamma_{n-1} (n - 1) u`, the coefficient of `sum |x|` in the
/// compensated sum's second-order error term.
pub fn comp(u: f64, n: usize) -> f64 {
    let m = n.saturating_sub(1);
    let g = gamma_u(m as f64, u);
    (1.0 + g) * g * m as f64 * u
}

/// Bound on `|mean_hat - mean|` for statrix's compensated mean of `n` values with
/// `sum |x| = sum_abs`; `mean_abs` is `|mean|` (or an upper bound of it).
pub fn mean_bound(u: f64, n: usize, mean_abs: f64, sum_abs: f64) -> f64 {
    gamma_u(2.0, u) * mean_abs + (1.0 + u).powi(2) * comp(u, n) * sum_abs / n as f64
}

/// Bound on `|mean_np - mean|` for NumPy's mean (a sum in any order, then a division).
pub fn numpy_mean_bound(u: f64, n: usize, mean_abs: f64, sum_abs: f64) -> f64 {
    (1.0 + u) * gamma_u(n.saturating_sub(1) as f64, u) * sum_abs / n as f64 + u * mean_abs
}

/// The inputs of [`centred_bound`] for one variable: its mean's error bound `e`
/// (`|mean_hat - mean| <= e`) and `abs_dev = sum |x - mean|` (exact mean).
#[derive(Clone, Copy, Debug)]
pub struct Var {
    pub e: f64,
    pub abs_dev: f64,
}

/// Bound on `|C_hat - C|` for statrix's corrected two-pass centred cross sum
/// `C_hat = fl(Q_hat - K_hat)` of `n` pairs, where `C = sum dx dy` (exact means),
/// `p = sum |dx dy|`, `c_abs = |C|`.
///
/// With `ex = x - mx_hat = dx - eps_x` (`|eps_x| <= Ex`) and `ax = sum |ex| <= sum |dx| + n Ex`:
/// - `sum ex ey = C + n eps_x eps_y =: Q` and `sum ex = -n eps_x =: Dx` (as `sum dx = 0`),
///   so `Q - Dx Dy / n = C` exactly: the correction cancels the means' errors.
/// - Products `fl(ex_hat ey_hat)` with `ex_hat = ex (1 + eta)`: within `gamma_3 |ex ey|`;
///   `sum |ex ey| <= pe := p + Ey sum|dx| + Ex sum|dy| + n Ex Ey`; their compensated sum
///   adds `(u + (1 + u) c_n) (1 + gamma_3) pe`. So `|Q_hat - Q| <= dq := gamma_3 pe +
///   (u + (1 + u) c_n)(1 + gamma_3) pe`.
/// - `|Dx_hat - Dx| <= ddx := u ax + u (n Ex + u ax) + (1 + u)^2 c_n ax` (the rounding of
///   each `ex`, then the compensated sum of terms whose exact sum is at most `n Ex + u ax`).
/// - `K_hat = fl(fl(Dx_hat Dy_hat) / n)`: `|K_hat - K| <= dk := (ddx (n Ey + ddy) +
///   n Ex ddy) / n + gamma_2 (n Ex + ddx)(n Ey + ddy) / n`.
/// - `|C_hat - C| <= dq + dk + u (|C| + dq + dk)`.
pub fn centred_bound(u: f64, n: usize, x: Var, y: Var, p: f64, c_abs: f64) -> f64 {
    let nf = n as f64;
    let c = comp(u, n);
    let pe = p + y.e * x.abs_dev + x.e * y.abs_dev + nf * x.e * y.e;
    let dq = gamma_u(3.0, u) * pe + (u + (1.0 + u) * c) * (1.0 + gamma_u(3.0, u)) * pe;
    let ax = x.abs_dev + nf * x.e;
    let ay = y.abs_dev + nf * y.e;
    let ddx = u * ax + u * (nf * x.e + u * ax) + (1.0 + u).powi(2) * c * ax;
    let ddy = u * ay + u * (nf * y.e + u * ay) + (1.0 + u).powi(2) * c * ay;
    let dk = (ddx * (nf * y.e + ddy) + nf * x.e * ddy) / nf
        + gamma_u(2.0, u) * (nf * x.e + ddx) * (nf * y.e + ddy) / nf;
    dq + dk + u * (c_abs + dq + dk)
}

/// Bound on `|cov_hat - cov|` (or a variance) from the centred-sum bound `dc`: one more
/// rounding in the division by `n - ddof`.
pub fn divided_bound(u: f64, dc: f64, divisor: usize, value_abs: f64) -> f64 {
    dc * (1.0 + u) / divisor as f64 + u * value_abs
}

/// Bound on `|S_np - S|` for NumPy's plain two-pass sum of squares (module docs).
pub fn numpy_ss_bound(u: f64, n: usize, e: f64, ss: f64) -> f64 {
    let ne2 = n as f64 * e * e;
    ne2 + gamma_u((n + 2) as f64, u) * (ss + ne2)
}

/// Bound on `|sqrt(v_hat) rounded - sqrt(v)|` given `|v_hat - v| <= bv`: `|sqrt a - sqrt b|
/// <= min(sqrt |a - b|, |a - b| / sqrt b)`, plus the rounding of the square root.
pub fn sqrt_bound(u: f64, v: f64, bv: f64) -> f64 {
    let s = v.sqrt();
    let mut d = bv.sqrt();
    if s > 0.0 {
        d = d.min(bv / s);
    }
    d + u * (s + d)
}

/// Tracks the largest `error / bound` seen, to print how tight the bounds are.
#[derive(Default, Debug)]
pub struct Worst {
    pub ratio: f64,
    pub what: String,
}

impl Worst {
    pub fn see(&mut self, error: f64, bound: f64, what: impl FnOnce() -> String) {
        if bound > 0.0 && error / bound > self.ratio {
            self.ratio = error / bound;
            self.what = what();
        }
    }
}

/// Asserts `|got - want| <= bound` for a finite `want`; for a non-finite `want`, that `got`
/// is the same (NaN or the same infinity).
pub fn check_close(what: &str, got: f64, want: f64, bound: f64, worst: &mut Worst) {
    if !want.is_finite() {
        assert!(
            (want.is_nan() && got.is_nan()) || got == want,
            "{what}: got {got:e}, want {want:e}"
        );
        return;
    }
    let error = (got - want).abs();
    assert!(
        error <= bound,
        "{what}: got {got:e}, want {want:e}, error {error:e} > bound {bound:e}"
    );
    worst.see(error, bound, || what.to_string());
}

/// Asserts `got == want` (NaN equals NaN; `-0 == +0`).
pub fn check_same<T: Float>(what: &str, got: T, want: T) {
    assert!(
        got == want || (got.is_nan() && want.is_nan()),
        "{what}: got {got:?}, want {want:?}"
    );
}
