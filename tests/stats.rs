//! Statistics (`mean`, `var`, `std`, `median`, quantiles, percentiles, `cov`, `corrcoef`,
//! z-scores, min-max scaling) against NumPy and exact references.
//!
//! `tests/fixtures/stats.json` is written by `tests/fixtures/gen_stats.py`: f64 and f32
//! matrices of shapes 1x1, 1x5, 6x1, 3x4, 5x5, 5x7 and 16x8 from the families normal, large
//! offset (1e9 + normal in f64, 1e4 + normal in f32), small integers (ties), constant, a
//! constant row and column, with a NaN, with an inf, with both infinities; plus the seed's
//! score table and `1e9 + [1, 2, 3]` as a row and a column. Every statistic is checked over
//! the whole matrix and per axis:
//!
//! - Order statistics (median, all quantile methods at q in {0, 0.1, 0.25, 0.5, 0.75, 0.9,
//!   0.95, 1} and at the ties `(n - 1) q = k + 1/2` of `nearest`, percentiles) and min-max
//!   scaling must equal NumPy's bit for bit, NaN for NaN: they are NumPy's formulas on exact
//!   order statistics (for f32, NumPy's with `q` as float32).
//! - Moments, covariances, correlations and z-scores are compared with exact values (rational
//!   arithmetic on the matrix's own floats, rounded to f64), f32 as f64, within the bounds
//!   derived in `tests/support/stats_bounds.rs`, for ddof 0, 1, 2, `n` and `n + 1` (`ddof >= n`:
//!   `inf` when the data vary, NaN when constant, as NumPy). NumPy's f64 means and variances
//!   are checked against ours within the sum of both algorithms' bounds.
//!
//! The bounds for the derived quantities, on top of those in `stats_bounds`:
//!
//! - Reference rounding: a reference rounded to f64 and then divided (or square-rooted) in
//!   f64 carries `2 U64` (`3 U64` for a square root) relative error, added to the bound.
//! - `corrcoef`: `r_hat = fl(fl(c_ij / s_i) / s_j)` with `s_i = fl(sqrt(c_ii))`. With
//!   `|c_ij_hat - c_ij| <= b_ij` (the covariance bound at ddof 1),
//!   `s_i_hat / s_i` lies in `[sqrt(1 - b_ii / c_ii) (1 - u), sqrt(1 + b_ii / c_ii) (1 + u)]`,
//!   so `r_hat = (r + e / (s_i s_j)) f` with `f` in `[(1 - u)^2 / (hi_i hi_j),
//!   (1 + u)^2 / (lo_i lo_j)]` and `|r_hat - r| <= |r| max(f_hi - 1, 1 - f_lo) +
//!   b_ij f_hi / (s_i s_j)`; clipping to [-1, 1] only brings it closer.
//! - z-score: `z_hat = fl(fl(x - m_hat) / s_hat)`, `|m_hat - mean| <= E`, `s_hat = s (1 + rho)`
//!   with `|rho| <= B_s / s` (the std bound): `|z_hat - z| <= |z| max(f_hi - 1, 1 - f_lo) +
//!   (E / s) f_hi` with `f_hi = (1 + u)^2 / (1 - rho)`, `f_lo = (1 - u)^2 / (1 + rho)`.

mod support;

use serde_json::Value;
use statrix::{Matrix, QuantileMethod};
use support::stats_bounds::*;
// `num`, `nums`, `val` and `vals` are the names the checks below are written with.
use support::{
    Float, SLACK, U64, parse as val, parse_f64 as num, parse_list as nums, parse_vec as vals,
    same_bits,
};

const QS: [f64; 8] = [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 1.0];
const PS: [f64; 8] = [0.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 100.0];
const METHODS: [(&str, QuantileMethod); 5] = [
    ("linear", QuantileMethod::Linear),
    ("lower", QuantileMethod::Lower),
    ("higher", QuantileMethod::Higher),
    ("nearest", QuantileMethod::Nearest),
    ("midpoint", QuantileMethod::Midpoint),
];

/// The ddofs checked for a sample of `n`: 0, 1, 2, and the degenerate `n`, `n + 1`.
fn ddofs(n: usize) -> [usize; 5] {
    [0, 1, 2, n, n + 1]
}

/// What statrix computes for one sample (all elements, one column or one row).
struct Got<T> {
    mean: T,
    var: [T; 5],
    std: [T; 5],
    median: T,
    /// Per method (in `METHODS` order), at `QS`.
    quantile: Vec<[T; 8]>,
    /// Per method, at `PS` (whole matrix only).
    percentile: Option<Vec<[T; 8]>>,
    /// Per method, at the sample's tie quantiles.
    tie: Vec<Vec<T>>,
}

/// Worst error / bound per statistic, printed at the end.
#[derive(Default)]
struct Tightness {
    mean: Worst,
    numpy_mean: Worst,
    var: Worst,
    numpy_var: Worst,
    std: Worst,
    cov: Worst,
    corrcoef: Worst,
    zscore: Worst,
}

// --- samples: moments and order statistics ----------------------------------------------------

fn check_sample<T: Float>(what: &str, s: &Value, got: &Got<T>, tight: &mut Tightness) {
    let u = T::U;
    let n = s["n"].as_u64().expect("n") as usize;
    let mean = num(&s["mean"]);
    let sum_abs = num(&s["sum_abs"]);
    let abs_dev = num(&s["abs_dev"]);
    let ss = num(&s["ss"]);

    // Mean.
    let e = mean_bound(u, n, mean.abs(), sum_abs) * SLACK;
    let bound = e + U64 * mean.abs();
    check_close(
        &format!("{what} mean"),
        got.mean.f64(),
        mean,
        bound,
        &mut tight.mean,
    );
    if let Some(np) = s["mean_numpy"].as_str() {
        let np = num(&Value::String(np.to_string()));
        let both = e + numpy_mean_bound(u, n, mean.abs(), sum_abs) * SLACK;
        let want = if mean.is_finite() { np } else { mean };
        check_close(
            &format!("{what} mean vs NumPy"),
            got.mean.f64(),
            want,
            both,
            &mut tight.numpy_mean,
        );
    }

    // Variance and standard deviation for each ddof.
    let x = Var { e, abs_dev };
    let dc = centred_bound(u, n, x, x, ss, ss) * SLACK;
    for (k, ddof) in ddofs(n).into_iter().enumerate() {
        let (var, std) = (got.var[k].f64(), got.std[k].f64());
        let tag = format!("{what} ddof {ddof}");
        if !ss.is_finite() {
            check_close(&format!("{tag} var"), var, f64::NAN, 0.0, &mut tight.var);
            check_close(&format!("{tag} std"), std, f64::NAN, 0.0, &mut tight.std);
            continue;
        }
        if ddof >= n {
            // NumPy divides by max(n - ddof, 0) = 0: inf for varying data, NaN when constant.
            let want = if ss > 0.0 { f64::INFINITY } else { f64::NAN };
            check_close(&format!("{tag} var"), var, want, 0.0, &mut tight.var);
            check_close(&format!("{tag} std"), std, want, 0.0, &mut tight.std);
            continue;
        }
        let want = ss / (n - ddof) as f64;
        let bv = divided_bound(u, dc, n - ddof, want) * SLACK;
        check_close(
            &format!("{tag} var"),
            var,
            want,
            bv + 2.0 * U64 * want,
            &mut tight.var,
        );
        let want_std = want.sqrt();
        let bs = sqrt_bound(u, want, bv) * SLACK + 3.0 * U64 * want_std;
        check_close(&format!("{tag} std"), std, want_std, bs, &mut tight.std);
        if let Some(np) = s["var_numpy"].get(ddof.to_string()) {
            let np = num(np);
            let e_np = numpy_mean_bound(u, n, mean.abs(), sum_abs);
            let b_np = divided_bound(u, numpy_ss_bound(u, n, e_np, ss), n - ddof, want);
            check_close(
                &format!("{tag} var vs NumPy"),
                var,
                np,
                bv + b_np * SLACK,
                &mut tight.numpy_var,
            );
        }
    }
    if ss == 0.0 {
        assert_eq!(
            got.var[0].f64(),
            0.0,
            "{what}: the variance of constant data is exactly 0"
        );
    }

    // Order statistics: bit for bit.
    check_same(
        &format!("{what} median"),
        got.median,
        val::<T>(&s["median"]),
    );
    for (m, (name, _)) in METHODS.iter().enumerate() {
        let want = vals::<T>(&s["quantile"][name]);
        for (k, q) in QS.iter().enumerate() {
            check_same(
                &format!("{what} quantile {name} q={q}"),
                got.quantile[m][k],
                want[k],
            );
        }
        if let Some(percentile) = &got.percentile {
            let want = vals::<T>(&s["percentile"][name]);
            for (k, p) in PS.iter().enumerate() {
                check_same(
                    &format!("{what} percentile {name} p={p}"),
                    percentile[m][k],
                    want[k],
                );
            }
        }
        if let Some(want) = s["tie_quantile"].get(name) {
            let want = vals::<T>(want);
            assert_eq!(want.len(), got.tie[m].len(), "{what}: tie count");
            for (k, w) in want.iter().enumerate() {
                check_same(
                    &format!("{what} tie quantile {name} #{k}"),
                    got.tie[m][k],
                    *w,
                );
            }
        }
    }
}

fn qs<T: Float>() -> [T; 8] {
    QS.map(T::round_from)
}

fn ps<T: Float>() -> [T; 8] {
    PS.map(T::round_from)
}

fn got_whole<T: Float, const R: usize, const C: usize>(a: &Matrix<T, R, C>, ties: &[T]) -> Got<T> {
    let quantile: Vec<[T; 8]> = METHODS
        .iter()
        .map(|&(_, m)| a.quantiles(&qs(), m).expect("valid q"))
        .collect();
    // The single-q forms agree with the batched ones.
    for (row, &(_, m)) in quantile.iter().zip(&METHODS) {
        for (k, &q) in qs::<T>().iter().enumerate() {
            check_same(
                "quantile vs quantiles",
                a.quantile(q, m).expect("valid q"),
                row[k],
            );
            check_same(
                "percentile vs percentiles",
                a.percentile(ps::<T>()[k], m).unwrap(),
                a.percentiles(&ps(), m).unwrap()[k],
            );
        }
    }
    Got {
        mean: a.mean(),
        var: ddofs(R * C).map(|d| a.var(d)),
        std: ddofs(R * C).map(|d| a.std(d)),
        median: a.median(),
        quantile,
        percentile: Some(
            METHODS
                .iter()
                .map(|&(_, m)| a.percentiles(&ps(), m).unwrap())
                .collect(),
        ),
        tie: METHODS
            .iter()
            .map(|&(_, m)| ties.iter().map(|&q| a.quantile(q, m).unwrap()).collect())
            .collect(),
    }
}

fn got_axis0<T: Float, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
    ties: &[T],
) -> Vec<Got<T>> {
    let mean = a.mean_axis0();
    let var = ddofs(R).map(|d| a.var_axis0(d));
    let std = ddofs(R).map(|d| a.std_axis0(d));
    let median = a.median_axis0();
    let quantile: Vec<Matrix<T, 8, C>> = METHODS
        .iter()
        .map(|&(_, m)| a.quantiles_axis0(&qs(), m).unwrap())
        .collect();
    for (q8, &(_, m)) in quantile.iter().zip(&METHODS) {
        for (k, &q) in qs::<T>().iter().enumerate() {
            let single = a.quantile_axis0(q, m).unwrap();
            let percent = a.percentile_axis0(ps::<T>()[k], m).unwrap();
            for j in 0..C {
                check_same(
                    "quantile_axis0 vs quantiles_axis0",
                    single[(0, j)],
                    q8[(k, j)],
                );
                check_same(
                    "percentile_axis0 vs quantile_axis0",
                    percent[(0, j)],
                    q8[(k, j)],
                );
            }
        }
        let many = a.percentiles_axis0(&ps(), m).unwrap();
        for k in 0..8 {
            for j in 0..C {
                check_same(
                    "percentiles_axis0 vs quantiles_axis0",
                    many[(k, j)],
                    q8[(k, j)],
                );
            }
        }
    }
    let tie: Vec<Vec<Matrix<T, 1, C>>> = METHODS
        .iter()
        .map(|&(_, m)| {
            ties.iter()
                .map(|&q| a.quantile_axis0(q, m).unwrap())
                .collect()
        })
        .collect();
    (0..C)
        .map(|j| Got {
            mean: mean[(0, j)],
            var: var.map(|v| v[(0, j)]),
            std: std.map(|v| v[(0, j)]),
            median: median[(0, j)],
            quantile: quantile
                .iter()
                .map(|q| std::array::from_fn(|k| q[(k, j)]))
                .collect(),
            percentile: None,
            tie: tie
                .iter()
                .map(|t| t.iter().map(|v| v[(0, j)]).collect())
                .collect(),
        })
        .collect()
}

fn got_axis1<T: Float, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
    ties: &[T],
) -> Vec<Got<T>> {
    let mean = a.mean_axis1();
    let var = ddofs(C).map(|d| a.var_axis1(d));
    let std = ddofs(C).map(|d| a.std_axis1(d));
    let median = a.median_axis1();
    let quantile: Vec<Matrix<T, R, 8>> = METHODS
        .iter()
        .map(|&(_, m)| a.quantiles_axis1(&qs(), m).unwrap())
        .collect();
    for (q8, &(_, m)) in quantile.iter().zip(&METHODS) {
        for (k, &q) in qs::<T>().iter().enumerate() {
            let single = a.quantile_axis1(q, m).unwrap();
            let percent = a.percentile_axis1(ps::<T>()[k], m).unwrap();
            for i in 0..R {
                check_same(
                    "quantile_axis1 vs quantiles_axis1",
                    single[(i, 0)],
                    q8[(i, k)],
                );
                check_same(
                    "percentile_axis1 vs quantile_axis1",
                    percent[(i, 0)],
                    q8[(i, k)],
                );
            }
        }
        let many = a.percentiles_axis1(&ps(), m).unwrap();
        for i in 0..R {
            for k in 0..8 {
                check_same(
                    "percentiles_axis1 vs quantiles_axis1",
                    many[(i, k)],
                    q8[(i, k)],
                );
            }
        }
    }
    let tie: Vec<Vec<Matrix<T, R, 1>>> = METHODS
        .iter()
        .map(|&(_, m)| {
            ties.iter()
                .map(|&q| a.quantile_axis1(q, m).unwrap())
                .collect()
        })
        .collect();
    (0..R)
        .map(|i| Got {
            mean: mean[(i, 0)],
            var: var.map(|v| v[(i, 0)]),
            std: std.map(|v| v[(i, 0)]),
            median: median[(i, 0)],
            quantile: quantile
                .iter()
                .map(|q| std::array::from_fn(|k| q[(i, k)]))
                .collect(),
            percentile: None,
            tie: tie
                .iter()
                .map(|t| t.iter().map(|v| v[(i, 0)]).collect())
                .collect(),
        })
        .collect()
}

// --- covariance and correlation ----------------------------------------------------------------

/// Checks `cov(ddof)` for ddof 0, 1, 2, n, n + 1 and `corrcoef` of `K` variables with `n`
/// observations each; `vars` are the variables' samples (for their mean bounds).
fn check_cov<T: Float, const K: usize>(
    what: &str,
    fixture: &Value,
    vars: &[Value],
    cov: impl Fn(usize) -> Matrix<T, K, K>,
    corrcoef: &Matrix<T, K, K>,
    variances: impl Fn(usize) -> [T; K],
    tight: &mut Tightness,
) {
    let u = T::U;
    let n = fixture["n"].as_u64().unwrap() as usize;
    let centred = nums(&fixture["centred"]);
    let abs_products = nums(&fixture["abs_products"]);
    let corr = nums(&fixture["corrcoef"]);
    assert_eq!(centred.len(), K * K);
    let info: Vec<Var> = vars
        .iter()
        .map(|s| Var {
            e: mean_bound(u, n, num(&s["mean"]).abs(), num(&s["sum_abs"])) * SLACK,
            abs_dev: num(&s["abs_dev"]),
        })
        .collect();
    let dc = |i: usize, j: usize| {
        let idx = i * K + j;
        centred_bound(
            u,
            n,
            info[i],
            info[j],
            abs_products[idx],
            centred[idx].abs(),
        ) * SLACK
    };
    for ddof in ddofs(n) {
        let c = cov(ddof);
        let diagonal = variances(ddof);
        for i in 0..K {
            let (d, v) = (c[(i, i)], diagonal[i]);
            assert!(
                same_bits(d, v),
                "{what} ddof {ddof}: cov diagonal {d:?} != var {v:?}"
            );
            for j in 0..K {
                let tag = format!("{what} ddof {ddof} ({i}, {j})");
                assert!(same_bits(c[(i, j)], c[(j, i)]), "{tag}: not symmetric");
                let (got, exact) = (c[(i, j)].f64(), centred[i * K + j]);
                if !exact.is_finite() {
                    check_close(&tag, got, f64::NAN, 0.0, &mut tight.cov);
                } else if ddof < n {
                    let want = exact / (n - ddof) as f64;
                    let bound = divided_bound(u, dc(i, j), n - ddof, want.abs()) * SLACK;
                    check_close(
                        &tag,
                        got,
                        want,
                        bound + 2.0 * U64 * want.abs(),
                        &mut tight.cov,
                    );
                } else if exact.abs() > dc(i, j) {
                    // Division by zero: the sign of the centred sum is certain.
                    check_close(
                        &tag,
                        got,
                        exact.signum() * f64::INFINITY,
                        0.0,
                        &mut tight.cov,
                    );
                } else if exact == 0.0 && i == j {
                    // A constant variable's centred sum of squares is exactly 0: 0/0.
                    check_close(&tag, got, f64::NAN, 0.0, &mut tight.cov);
                } else {
                    assert!(!got.is_finite(), "{tag}: division by zero gave {got}");
                }
            }
        }
    }
    // corrcoef, from the covariance with ddof 1.
    for i in 0..K {
        for j in 0..K {
            let tag = format!("{what} corrcoef ({i}, {j})");
            let (got, want) = (corrcoef[(i, j)].f64(), corr[i * K + j]);
            if !want.is_finite() {
                check_close(&tag, got, f64::NAN, 0.0, &mut tight.corrcoef);
                continue;
            }
            let m = (n - 1) as f64;
            let c_ij = centred[i * K + j] / m;
            let (c_ii, c_jj) = (centred[i * K + i] / m, centred[j * K + j] / m);
            let b = |a: usize, z: usize, c: f64| divided_bound(u, dc(a, z), n - 1, c.abs()) * SLACK;
            let (b_ij, b_ii, b_jj) = (b(i, j, c_ij), b(i, i, c_ii), b(j, j, c_jj));
            assert!(
                b_ii < c_ii && b_jj < c_jj,
                "{tag}: variance below its error bound"
            );
            let lo = |b: f64, c: f64| (1.0 - b / c).sqrt() * (1.0 - u);
            let hi = |b: f64, c: f64| (1.0 + b / c).sqrt() * (1.0 + u);
            let f_lo = (1.0 - u).powi(2) / (hi(b_ii, c_ii) * hi(b_jj, c_jj));
            let f_hi = (1.0 + u).powi(2) / (lo(b_ii, c_ii) * lo(b_jj, c_jj));
            let s = (c_ii * c_jj).sqrt();
            let bound = (want.abs() * (f_hi - 1.0).max(1.0 - f_lo) + b_ij * f_hi / s) * SLACK
                + U64 * want.abs();
            check_close(&tag, got, want, bound, &mut tight.corrcoef);
            assert!((-1.0..=1.0).contains(&got), "{tag}: {got} outside [-1, 1]");
        }
    }
}

// --- z-scores and min-max scaling ---------------------------------------------------------------

/// Checks z-scores of one slice (`xs` the positions in the row-major matrix) against `want`.
fn check_zscore<T: Float>(
    what: &str,
    s: &Value,
    ddof: usize,
    got: &[T],
    want: &[f64],
    tight: &mut Tightness,
) {
    let u = T::U;
    let n = s["n"].as_u64().unwrap() as usize;
    let (mean, sum_abs, abs_dev, ss) = (
        num(&s["mean"]),
        num(&s["sum_abs"]),
        num(&s["abs_dev"]),
        num(&s["ss"]),
    );
    for (k, (&g, &w)) in got.iter().zip(want).enumerate() {
        let tag = format!("{what} zscore ddof {ddof} #{k}");
        if !w.is_finite() {
            check_close(&tag, g.f64(), f64::NAN, 0.0, &mut tight.zscore);
            continue;
        }
        let e = mean_bound(u, n, mean.abs(), sum_abs) * SLACK;
        let x = Var { e, abs_dev };
        let var = ss / (n - ddof) as f64;
        let bv = divided_bound(u, centred_bound(u, n, x, x, ss, ss), n - ddof, var) * SLACK;
        let sd = var.sqrt();
        let rho = sqrt_bound(u, var, bv) * SLACK / sd;
        assert!(rho < 1.0, "{tag}: std below its error bound");
        let f_hi = (1.0 + u).powi(2) / (1.0 - rho);
        let f_lo = (1.0 - u).powi(2) / (1.0 + rho);
        let bound =
            (w.abs() * (f_hi - 1.0).max(1.0 - f_lo) + e / sd * f_hi) * SLACK + U64 * w.abs();
        check_close(&tag, g.f64(), w, bound, &mut tight.zscore);
    }
}

fn check_scaling<T: Float, const R: usize, const C: usize>(
    name: &str,
    case: &Value,
    a: &Matrix<T, R, C>,
    tight: &mut Tightness,
) {
    // Min-max scaling: NumPy's expression, bit for bit.
    for (form, got) in [
        ("whole", a.min_max_scale()),
        ("axis0", a.min_max_scale_axis0()),
        ("axis1", a.min_max_scale_axis1()),
    ] {
        let want = vals::<T>(&case["minmax"][form]);
        for (k, (&g, &w)) in got.as_slice().iter().zip(&want).enumerate() {
            check_same(&format!("{name} min_max {form} #{k}"), g, w);
        }
    }
    // z-scores.
    for (ddof_key, forms) in case["zscore"].as_object().unwrap() {
        let ddof: usize = ddof_key.parse().unwrap();
        for (form, want) in forms.as_object().unwrap() {
            let want = nums(want);
            match form.as_str() {
                "whole" => {
                    let z = a.zscore(ddof);
                    check_zscore(
                        &format!("{name} whole"),
                        &case["whole"],
                        ddof,
                        z.as_slice(),
                        &want,
                        tight,
                    );
                }
                "axis0" => {
                    let z = a.zscore_axis0(ddof);
                    for j in 0..C {
                        let got: Vec<T> = (0..R).map(|i| z[(i, j)]).collect();
                        let w: Vec<f64> = (0..R).map(|i| want[i * C + j]).collect();
                        let what = format!("{name} column {j}");
                        check_zscore(&what, &case["axis0"][j], ddof, &got, &w, tight);
                    }
                }
                "axis1" => {
                    let z = a.zscore_axis1(ddof);
                    for i in 0..R {
                        let got: Vec<T> = (0..C).map(|j| z[(i, j)]).collect();
                        let what = format!("{name} row {i}");
                        check_zscore(
                            &what,
                            &case["axis1"][i],
                            ddof,
                            &got,
                            &want[i * C..(i + 1) * C],
                            tight,
                        );
                    }
                }
                other => panic!("{name}: unknown zscore form {other}"),
            }
        }
    }
}

// --- the cases ----------------------------------------------------------------------------------

fn check_case<T: Float, const R: usize, const C: usize>(case: &Value, tight: &mut Tightness) {
    let name = case["name"].as_str().unwrap();
    let values = vals::<T>(&case["values"]);
    assert_eq!(values.len(), R * C, "{name}");
    let a = Matrix::<T, R, C>::from_fn(|i, j| values[i * C + j]);
    let ties = |key: &str| -> Vec<T> {
        nums(&case["tie_qs"][key])
            .into_iter()
            .map(T::round_from)
            .collect()
    };

    check_sample(
        &format!("{name} whole"),
        &case["whole"],
        &got_whole(&a, &ties("whole")),
        tight,
    );
    for (j, got) in got_axis0(&a, &ties("axis0")).iter().enumerate() {
        check_sample(&format!("{name} column {j}"), &case["axis0"][j], got, tight);
    }
    for (i, got) in got_axis1(&a, &ties("axis1")).iter().enumerate() {
        check_sample(&format!("{name} row {i}"), &case["axis1"][i], got, tight);
    }

    let rows: Vec<Value> = case["axis1"].as_array().unwrap().clone();
    let cols: Vec<Value> = case["axis0"].as_array().unwrap().clone();
    check_cov(
        &format!("{name} cov_vars_in_rows"),
        &case["cov_vars_in_rows"],
        &rows,
        |d| a.cov_vars_in_rows(d),
        &a.corrcoef_vars_in_rows(),
        |d| a.var_axis1(d).to_array(),
        tight,
    );
    check_cov(
        &format!("{name} cov_vars_in_cols"),
        &case["cov_vars_in_cols"],
        &cols,
        |d| a.cov_vars_in_cols(d),
        &a.corrcoef_vars_in_cols(),
        |d| a.var_axis0(d).transpose().to_array(),
        tight,
    );
    check_scaling(name, case, &a, tight);
}

macro_rules! dispatch {
    ($case:expr, $tight:expr; $(($r:literal, $c:literal)),*) => {{
        let shape: Vec<u64> = $case["shape"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        match ($case["dtype"].as_str().unwrap(), shape[0], shape[1]) {
            $(
                ("f64", $r, $c) => check_case::<f64, $r, $c>($case, $tight),
                ("f32", $r, $c) => check_case::<f32, $r, $c>($case, $tight),
            )*
            (dtype, r, c) => panic!(
                "{}: unhandled dtype {dtype} with shape {r}x{c}; add it to `dispatch!`",
                $case["name"]
            ),
        }
    }};
}

#[test]
fn fixtures_match_numpy_and_exact_references() {
    let cases = support::fixture_cases("stats.json");
    assert!(cases.len() >= 90, "stats.json has {} cases", cases.len());
    let mut tight64 = Tightness::default();
    let mut tight32 = Tightness::default();
    for case in &cases {
        let tight = if case["dtype"] == "f64" {
            &mut tight64
        } else {
            &mut tight32
        };
        dispatch!(case, tight; (1, 1), (1, 3), (3, 1), (1, 5), (6, 1), (3, 4), (5, 5), (5, 7), (16, 8));
    }
    for (dtype, t) in [("f64", &tight64), ("f32", &tight32)] {
        for (stat, w) in [
            ("mean", &t.mean),
            ("mean vs NumPy", &t.numpy_mean),
            ("var", &t.var),
            ("var vs NumPy", &t.numpy_var),
            ("std", &t.std),
            ("cov", &t.cov),
            ("corrcoef", &t.corrcoef),
            ("zscore", &t.zscore),
        ] {
            eprintln!(
                "{dtype} {stat}: worst error / bound {:.3} at {}",
                w.ratio, w.what
            );
        }
    }
}

// --- documented behaviours ----------------------------------------------------------------------

use statrix::{Error, RowVector, Vector, matrix, row_vector, vector};

/// The seed's score table: NumPy's printed results (the issue lists them; the seed's comments
/// disagree, NumPy is the reference). All are correctly rounded, so they must be equal bit
/// for bit.
#[test]
fn seed_scores_are_numpys() {
    let scores = matrix![85.0, 90.0, 78.0, 92.0;
                         73.0, 88.0, 95.0, 81.0;
                         91.0, 76.0, 84.0, 87.0];
    assert_eq!(scores.mean(), 85.0); // the seed's comment says 85.08
    assert_eq!(scores.median(), 86.0);
    assert_eq!(scores.std(0), 6.544717972023954); // comment: 6.27
    assert_eq!(scores.var(0), 42.833333333333336); // comment: 39.32
    let col_means = scores.mean_axis0();
    assert_eq!(
        col_means,
        row_vector![
            83.0,
            84.66666666666667,
            85.66666666666667,
            86.66666666666667
        ]
    );
    assert_eq!(scores.mean_axis1(), vector![86.25, 84.25, 84.5]);
    // As NumPy prints them.
    assert_eq!(
        col_means.display_flat().to_string(),
        "[83.         84.66666667 85.66666667 86.66666667]"
    );
    assert_eq!(
        scores.mean_axis1().display_flat().to_string(),
        "[86.25 84.25 84.5 ]"
    );
    // np.quantile(scores, [0.25, 0.5, 0.75]) and np.percentile(scores, 90)
    assert_eq!(
        scores.quantiles(&[0.25, 0.5, 0.75], QuantileMethod::Linear),
        Ok([80.25, 86.0, 90.25])
    );
    assert_eq!(scores.percentile(90.0, QuantileMethod::Linear), Ok(91.9));
}

/// `np.var(1e9 + np.array([1., 2., 3.]))` prints 0.6666666666666666, the correctly rounded
/// 2/3; the corrected two-pass algorithm gets it exactly, in every orientation.
#[test]
fn large_offset_variance_is_exact() {
    let column = vector![1e9 + 1.0, 1e9 + 2.0, 1e9 + 3.0];
    let row = column.transpose();
    assert_eq!(column.var(0), 2.0 / 3.0);
    assert_eq!(column.var(0), 0.6666666666666666);
    assert_eq!(row.var(0), 2.0 / 3.0);
    assert_eq!(column.var(1), 1.0);
    assert_eq!(column.var_axis0(0), Matrix::new([[2.0 / 3.0]]));
    assert_eq!(row.var_axis1(0), Matrix::new([[2.0 / 3.0]]));
    assert_eq!(column.std(0), (2.0f64 / 3.0).sqrt());
    assert_eq!(row.cov_vars_in_rows(1), Matrix::new([[1.0]]));
    assert_eq!(column.cov_vars_in_cols(0), Matrix::new([[2.0 / 3.0]]));
    assert_eq!(column.mean(), 1e9 + 2.0);
}

/// `ddof >= n` divides by `max(n - ddof, 0) = 0` as NumPy: `inf` for varying data, NaN for
/// constant data (NumPy warns "Degrees of freedom <= 0").
#[test]
fn ddof_at_or_above_n_divides_by_zero_as_numpy() {
    let x = vector![1.0, 2.0, 3.0];
    assert_eq!(x.var(3), f64::INFINITY); // np.var([1., 2., 3.], ddof=3) == inf
    assert_eq!(x.var(4), f64::INFINITY);
    assert_eq!(x.std(7), f64::INFINITY);
    assert!(vector![5.0f64, 5.0].var(2).is_nan()); // np.var([5., 5.], ddof=2) is nan
    assert!(vector![5.0f64].var(1).is_nan()); // one observation, ddof 1: 0/0
    assert!(Matrix::new([[1.0f32, 2.0]]).cov_vars_in_rows(2)[(0, 0)].is_infinite());
    let two = matrix![1.0, 2.0, 3.0; 2.0, 2.0, 2.0]; // np.cov(two, ddof=3): [[inf, nan], [nan, nan]]
    let c = two.cov_vars_in_rows(3);
    assert_eq!(c[(0, 0)], f64::INFINITY);
    assert!(c[(0, 1)].is_nan() && c[(1, 0)].is_nan() && c[(1, 1)].is_nan());
}

#[test]
fn invalid_quantiles_are_errors() {
    let x = matrix![1.0, 2.0; 3.0, 4.0];
    let m = QuantileMethod::Linear;
    for q in [-0.1, 1.1, f64::NAN, f64::INFINITY, -f64::INFINITY, -1e-300] {
        assert_eq!(x.quantile(q, m), Err(Error::InvalidQuantile), "q = {q}");
        assert_eq!(x.quantile_axis0(q, m), Err(Error::InvalidQuantile));
        assert_eq!(x.quantile_axis1(q, m), Err(Error::InvalidQuantile));
        assert_eq!(x.quantiles(&[0.5, q], m), Err(Error::InvalidQuantile));
        assert_eq!(x.quantiles_axis0(&[q], m), Err(Error::InvalidQuantile));
        assert_eq!(x.quantiles_axis1(&[q, 0.0], m), Err(Error::InvalidQuantile));
    }
    for p in [-1.0, 100.5, f64::NAN, 1e300] {
        assert_eq!(x.percentile(p, m), Err(Error::InvalidQuantile), "p = {p}");
        assert_eq!(x.percentiles(&[p], m), Err(Error::InvalidQuantile));
        assert_eq!(x.percentile_axis0(p, m), Err(Error::InvalidQuantile));
        assert_eq!(x.percentile_axis1(p, m), Err(Error::InvalidQuantile));
        assert_eq!(x.percentiles_axis0(&[p], m), Err(Error::InvalidQuantile));
        assert_eq!(x.percentiles_axis1(&[p], m), Err(Error::InvalidQuantile));
    }
    // The ends are valid, and -0.0 is 0.
    assert_eq!(x.quantiles(&[0.0, -0.0, 1.0], m), Ok([1.0, 1.0, 4.0]));
    assert_eq!(x.percentiles(&[0.0, 100.0], m), Ok([1.0, 4.0]));
    assert_eq!(x.quantiles(&[], m), Ok([]));
}

/// NumPy's `nearest` rounds the virtual index half to even: with n = 5, v = 4 q.
#[test]
fn nearest_breaks_ties_to_the_even_index() {
    let x = vector![1.0, 2.0, 3.0, 4.0, 5.0];
    // np.quantile(x, [0.125, 0.375, 0.625, 0.875], method='nearest') == [1., 3., 3., 5.]
    let got = x.quantiles(&[0.125, 0.375, 0.625, 0.875], QuantileMethod::Nearest);
    assert_eq!(got, Ok([1.0, 3.0, 3.0, 5.0]));
    // Just off the ties, the nearest index wins.
    let got = x.quantiles(&[0.12, 0.13, 0.37, 0.38], QuantileMethod::Nearest);
    assert_eq!(got, Ok([1.0, 2.0, 2.0, 3.0]));
}

/// NaN propagates as in NumPy's non-`nan` functions, per axis only to its own column or row.
#[test]
fn nan_propagates_per_slice() {
    let a = matrix![1.0, f64::NAN, 3.0;
                    4.0, 5.0, 6.0];
    assert!(a.mean().is_nan() && a.var(0).is_nan() && a.std(1).is_nan() && a.median().is_nan());
    for m in [
        QuantileMethod::Linear,
        QuantileMethod::Lower,
        QuantileMethod::Nearest,
    ] {
        assert!(a.quantile(0.0, m).unwrap().is_nan());
        let q = a.quantile_axis0(0.5, m).unwrap();
        assert!(!q[(0, 0)].is_nan() && q[(0, 1)].is_nan() && !q[(0, 2)].is_nan());
    }
    let means = a.mean_axis1();
    assert!(means[(0, 0)].is_nan());
    assert_eq!(means[(1, 0)], 5.0);
    let med = a.median_axis0();
    assert_eq!((med[(0, 0)], med[(0, 2)]), (2.5, 4.5));
    assert!(med[(0, 1)].is_nan());
    let c = a.cov_vars_in_cols(1);
    assert_eq!(c[(0, 2)], 4.5);
    assert!(c[(1, 1)].is_nan() && c[(0, 1)].is_nan() && c[(2, 1)].is_nan());
    let z = a.zscore_axis0(0);
    assert!(z[(0, 1)].is_nan() && z[(1, 1)].is_nan());
    assert_eq!(z[(0, 0)], -1.0);
    let s = a.min_max_scale_axis1();
    assert!(s.row(0).iter().all(|x| x.is_nan()));
    assert_eq!(s.row(1), row_vector![0.0, 0.5, 1.0]);
}

/// Infinities follow NumPy's formulas: the mean of data with `inf` is `inf`, the variance
/// NaN; NumPy's `_lerp` next to an infinity gives NaN (`inf * 0`), `lower` does not.
#[test]
fn infinities_follow_numpy() {
    let x = vector![1.0, f64::INFINITY];
    assert_eq!(x.mean(), f64::INFINITY);
    assert!(x.var(0).is_nan());
    assert!(vector![f64::INFINITY, -f64::INFINITY].mean().is_nan());
    // np.quantile([1., np.inf], 0.0) and (.., 1.0) are nan; method='lower' at 0.0 is 1.0
    assert!(x.quantile(0.0, QuantileMethod::Linear).unwrap().is_nan());
    assert!(x.quantile(1.0, QuantileMethod::Linear).unwrap().is_nan());
    assert_eq!(x.quantile(0.0, QuantileMethod::Lower), Ok(1.0));
    assert_eq!(x.quantile(1.0, QuantileMethod::Higher), Ok(f64::INFINITY));
    assert_eq!(x.median(), f64::INFINITY);
    assert!(vector![-f64::INFINITY, f64::INFINITY].median().is_nan());
}

/// A constant variable: variance exactly 0; `corrcoef` and `zscore` NaN (set explicitly),
/// min-max scaling NaN (`0/0`).
#[test]
fn zero_variance_policies() {
    for c in [2.5, 0.1, -7.3e5, 1e-200, 1.0 / 3.0] {
        let a = Matrix::<f64, 3, 7>::from_fn(|_, _| c);
        assert_eq!(a.var(0), 0.0, "{c}");
        assert_eq!(a.var(1), 0.0);
        assert_eq!(a.var_axis0(0), RowVector::<f64, 7>::zeros());
        assert_eq!(a.var_axis1(1), Vector::<f64, 3>::zeros());
        assert_eq!(a.cov_vars_in_cols(1), Matrix::<f64, 7, 7>::zeros());
        assert!(a.corrcoef_vars_in_rows().iter().all(|r| r.is_nan()));
        assert!(a.corrcoef_vars_in_cols().iter().all(|r| r.is_nan()));
        assert!(a.zscore(0).iter().all(|z| z.is_nan()));
        assert!(a.zscore_axis0(1).iter().all(|z| z.is_nan()));
        assert!(a.zscore_axis1(0).iter().all(|z| z.is_nan()));
        assert!(a.min_max_scale().iter().all(|z| z.is_nan()));
        assert!(a.min_max_scale_axis0().iter().all(|z| z.is_nan()));
    }
    // One constant variable among others: NaN only in its row and column (np.corrcoef).
    let x = matrix![1.0f64, 2.0, 3.0, 4.0;
                    2.0, 4.0, 6.0, 8.0;
                    5.0, 5.0, 5.0, 5.0];
    let r = x.corrcoef_vars_in_rows();
    assert_eq!((r[(0, 0)], r[(0, 1)], r[(1, 1)]), (1.0, 1.0, 1.0));
    assert!((0..3).all(|k| r[(2, k)].is_nan() && r[(k, 2)].is_nan()));
}

/// Empty matrices give NaN, never a panic (NumPy: NaN, or an IndexError for quantiles).
#[test]
fn empty_matrices_give_nan() {
    let a = Matrix::<f64, 0, 3>::zeros();
    assert!(a.mean().is_nan() && a.var(0).is_nan() && a.std(1).is_nan() && a.median().is_nan());
    assert!(a.quantile(0.5, QuantileMethod::Linear).unwrap().is_nan());
    assert!(
        a.quantiles(&[0.0, 1.0], QuantileMethod::Nearest)
            .unwrap()
            .iter()
            .all(|x| x.is_nan())
    );
    assert!(a.mean_axis0().iter().all(|x| x.is_nan()));
    assert!(a.median_axis0().iter().all(|x| x.is_nan()));
    assert!(
        a.quantile_axis0(0.5, QuantileMethod::Midpoint)
            .unwrap()
            .iter()
            .all(|x| x.is_nan())
    );
    assert_eq!(a.mean_axis1().shape(), (0, 1));
    assert!(a.cov_vars_in_cols(1).iter().all(|x| x.is_nan()));
    assert_eq!(a.cov_vars_in_rows(1).shape(), (0, 0));
    assert!(a.corrcoef_vars_in_cols().iter().all(|x| x.is_nan()));
    assert_eq!(a.zscore(0).shape(), (0, 3));
    assert_eq!(a.min_max_scale_axis0().shape(), (0, 3));
    let b = Matrix::<f32, 2, 0>::zeros();
    assert!(b.mean_axis1().iter().all(|x| x.is_nan()));
    assert!(b.var_axis1(0).iter().all(|x| x.is_nan()));
    assert!(
        b.quantiles_axis1(&[0.5], QuantileMethod::Linear)
            .unwrap()
            .iter()
            .all(|x| x.is_nan())
    );
}

/// The one deliberate difference from NumPy: the median of two finite values whose sum
/// overflows is their midpoint, not `inf` (`np.median([1e308, 1e308])` is inf).
#[test]
fn median_of_huge_pair_does_not_overflow() {
    assert_eq!(vector![1e308, 1e308].median(), 1e308);
    assert_eq!(vector![f64::MAX, f64::MAX].median(), f64::MAX);
    assert_eq!(vector![1e308, 1.5e308].median(), 1.25e308);
    assert_eq!(vector![f32::MAX, f32::MAX].median(), f32::MAX);
    // Where the sum is finite it is NumPy's (a + b) / 2.
    assert_eq!(vector![0.1, 0.2].median(), (0.1 + 0.2) / 2.0);
}
