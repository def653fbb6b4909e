//! Statistics at the edge of the floating-point range, f32 and f64, every form (whole matrix,
//! per axis, both orientations of `cov`/`corrcoef`).
//!
//! Where the expected values come from:
//!
//! - **Exact power-of-two scaling.** For data `X` in the middle of the range and an integer
//!   `e`, `X 2^e` has the exact mean `mean(X) 2^e`, variance `var(X) 4^e`, standard
//!   deviation `std(X) 2^e`, covariances `cov(X) 4^e`, and the same correlations, z-scores
//!   and min-max scaling as `X`. Every floating-point operation commutes with an exact
//!   power-of-two scaling while no value leaves the normal range, so the expected value is
//!   statrix's own result on `X` (pinned against NumPy and exact rational references by
//!   `tests/stats.rs`), multiplied by `2^e` with one rounding (`support::times_pow2`): exact while normal, `inf`
//!   exactly when the exact value overflows. Downwards the shifts are chosen so that quantities in the
//!   data's units (means, standard deviations) stay normal, hence exact, and quantities in
//!   squared units (variances, covariances, all below 16 in magnitude) fall below half the
//!   smallest subnormal, so that their only right value is 0 whatever the rounding steps.
//!   NumPy, for comparison, gives `inf` or NaN for the huge `X 2^e` and 0 or NaN for the
//!   tiny one (noted per case).
//! - **Hand-checked values** at `MAX = (2 - 2^(1-p)) 2^emax`: the mean of `[MAX, MAX]` is
//!   `MAX`; `[-MAX, MAX]` has mean 0, deviations `±MAX`, variance `MAX^2` (overflows: `inf`,
//!   as NumPy) and standard deviation `MAX`.

mod support;

use statrix::{Matrix, Real, matrix};
use support::{scaled, times_pow2};

/// Bitwise equality, NaN equal to NaN, `-0.0` equal to `0.0` (as `==`).
fn same<T: Real>(a: &[T], b: &[T]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x == y || (x.is_nan() && y.is_nan()))
}

/// The middle-of-the-range data: dyadic values (exact in f32 and f64), no constant row or
/// column, magnitudes in `[0.25, 3.5]`.
fn data<T: Real>() -> Matrix<T, 3, 4> {
    let d = [
        [1.5, -2.25, 3.0, 0.5],
        [-1.0, 0.75, 2.5, -3.5],
        [0.25, 1.25, -0.5, 2.0],
    ];
    Matrix::from_fn(|i, j| T::from(d[i][j]).unwrap())
}

/// Every statistic of `X 2^e` against the same statistic of `X` scaled by the power of two
/// its units carry.
fn check_scaling_family<T: Real>(e: i32) {
    let x = data::<T>();
    let y = scaled(&x, e);
    let check = |name: &str, got: &[T], expected: &[T]| {
        let t = core::any::type_name::<T>();
        assert!(
            same(got, expected),
            "{name} at 2^{e} ({t}): {got:?}, expected {expected:?}"
        );
    };
    // Units of the data: means (and, below, standard deviations).
    check("mean", &[y.mean()], &[times_pow2(x.mean(), e)]);
    check(
        "mean_axis0",
        y.mean_axis0().as_slice(),
        scaled(&x.mean_axis0(), e).as_slice(),
    );
    check(
        "mean_axis1",
        y.mean_axis1().as_slice(),
        scaled(&x.mean_axis1(), e).as_slice(),
    );
    for ddof in [0, 1] {
        // Units squared: variances and covariances (both orientations).
        check("var", &[y.var(ddof)], &[times_pow2(x.var(ddof), 2 * e)]);
        let (v0, v1) = (x.var_axis0(ddof), x.var_axis1(ddof));
        check(
            "var_axis0",
            y.var_axis0(ddof).as_slice(),
            scaled(&v0, 2 * e).as_slice(),
        );
        check(
            "var_axis1",
            y.var_axis1(ddof).as_slice(),
            scaled(&v1, 2 * e).as_slice(),
        );
        let (c0, c1) = (x.cov_vars_in_rows(ddof), x.cov_vars_in_cols(ddof));
        check(
            "cov rows",
            y.cov_vars_in_rows(ddof).as_slice(),
            scaled(&c0, 2 * e).as_slice(),
        );
        check(
            "cov cols",
            y.cov_vars_in_cols(ddof).as_slice(),
            scaled(&c1, 2 * e).as_slice(),
        );
        // The documented agreement: cov's diagonal is var per axis, bit for bit, here too.
        let (d0, d1) = (y.cov_vars_in_rows(ddof), y.cov_vars_in_cols(ddof));
        let d0: [T; 3] = core::array::from_fn(|i| d0[(i, i)]);
        let d1: [T; 4] = core::array::from_fn(|j| d1[(j, j)]);
        check("cov rows diagonal", &d0, y.var_axis1(ddof).as_slice());
        check("cov cols diagonal", &d1, y.var_axis0(ddof).as_slice());
        check("std", &[y.std(ddof)], &[times_pow2(x.std(ddof), e)]);
        let (s0, s1) = (x.std_axis0(ddof), x.std_axis1(ddof));
        check(
            "std_axis0",
            y.std_axis0(ddof).as_slice(),
            scaled(&s0, e).as_slice(),
        );
        check(
            "std_axis1",
            y.std_axis1(ddof).as_slice(),
            scaled(&s1, e).as_slice(),
        );
        // No units: z-scores.
        check(
            "zscore",
            y.zscore(ddof).as_slice(),
            x.zscore(ddof).as_slice(),
        );
        let (z0, z1) = (x.zscore_axis0(ddof), x.zscore_axis1(ddof));
        check(
            "zscore_axis0",
            y.zscore_axis0(ddof).as_slice(),
            z0.as_slice(),
        );
        check(
            "zscore_axis1",
            y.zscore_axis1(ddof).as_slice(),
            z1.as_slice(),
        );
    }
    // No units: correlations (in [-1, 1]) and min-max scaling.
    let (r0, r1) = (y.corrcoef_vars_in_rows(), y.corrcoef_vars_in_cols());
    check(
        "corrcoef rows",
        r0.as_slice(),
        x.corrcoef_vars_in_rows().as_slice(),
    );
    check(
        "corrcoef cols",
        r1.as_slice(),
        x.corrcoef_vars_in_cols().as_slice(),
    );
    assert!(r0.iter().chain(r1.iter()).all(|v| v.abs() <= T::ONE));
    check(
        "min_max_scale",
        y.min_max_scale().as_slice(),
        x.min_max_scale().as_slice(),
    );
    let (m0, m1) = (x.min_max_scale_axis0(), x.min_max_scale_axis1());
    check(
        "min_max_scale_axis0",
        y.min_max_scale_axis0().as_slice(),
        m0.as_slice(),
    );
    check(
        "min_max_scale_axis1",
        y.min_max_scale_axis1().as_slice(),
        m1.as_slice(),
    );
}

/// Huge data: the largest magnitude `3.5 2^e` is below `2^(e + 2)`, so `e = emax - 2` is
/// the largest shift that keeps every element finite. Sums, squares and spans overflow on
/// the way; NumPy gives `inf` means, `inf` standard deviations (exact: `std(X) 2^e`, finite)
/// and NaN correlations (`np.corrcoef(X * 2.0**1020)` is all NaN). Smaller shifts, where only
/// the squares overflow, too.
#[test]
fn huge_data_give_the_exact_values_class() {
    for e in [1021, 1000, 600, 512] {
        check_scaling_family::<f64>(e);
    }
    for e in [125, 100, 70, 64] {
        check_scaling_family::<f32>(e);
    }
}

/// Tiny data: squares underflow to 0, so a fast variance of 0 would make the standard
/// deviation 0 and the z-scores and correlations NaN (NumPy: `np.cov(X * 2.0**-1000)` is all
/// 0, its `corrcoef` all NaN). The shifts keep the smallest mean, `1/12`, normal
/// (`e >= emin + 4`) and put `16 * 4^e` below half the smallest subnormal (`2e <= -1080` in
/// f64, `-155` in f32).
#[test]
fn tiny_data_give_the_exact_values_class() {
    for e in [-1018, -800, -600, -541] {
        check_scaling_family::<f64>(e);
    }
    for e in [-122, -100, -80] {
        check_scaling_family::<f32>(e);
    }
}

fn check_at_max<T: Real>() {
    let max = T::max_value();
    let inf = T::infinity();
    let three = T::from(3.0).unwrap();

    // Mean of [MAX, MAX]: MAX (NumPy: inf, from the sum). [MAX, MAX, -MAX]: the scaled
    // sum is exact (m + m - m = m with m = MAX 2^-emax), so the mean is MAX / 3 correctly
    // rounded (NumPy: 5.992310449541053e307 in f64, the same).
    assert!(matrix![max, max].mean() == max);
    assert!(matrix![-max, -max].mean() == -max);
    assert!(matrix![max, max, -max].mean() == max / three);
    assert!(matrix![max, T::ONE; max, three].mean_axis0() == matrix![max, T::TWO]);
    assert!(matrix![max, max; T::ONE, three].mean_axis1() == matrix![max; T::TWO]);

    // Constant huge data: variance and standard deviation 0, z-scores NaN as for any
    // constant (NumPy: var inf, from the mean overflowing).
    let constant = matrix![max, max, max];
    assert!(constant.var(0) == T::ZERO && constant.std(1) == T::ZERO);
    assert!(constant.zscore(0).iter().all(|z| z.is_nan()));

    // [-MAX, MAX]: variance MAX^2 overflows: +inf, never NaN (as NumPy); the standard
    // deviation is MAX exactly (NumPy: inf); with ddof 1 it is sqrt(2) MAX, which overflows.
    let pair = matrix![-max, max];
    assert!(pair.var(0) == inf && pair.var(1) == inf);
    assert!(pair.std(0) == max && pair.std(1) == inf);
    assert!(pair.zscore(0) == matrix![-T::ONE, T::ONE]); // NumPy: [-0, 0]
    assert!(pair.min_max_scale() == matrix![T::ZERO, T::ONE]); // NumPy: [0, nan]
    assert!(pair.transpose().std_axis0(0) == matrix![max]);
    assert!(pair.std_axis1(0) == matrix![max]);

    // Covariances at MAX, ddof 0, variables in rows: [-MAX, MAX] has variance MAX^2 (inf);
    // [MAX, MAX] is constant (0; NumPy: NaN in its row and column, its mean overflows);
    // [1, 2] has deviations -+1/2, so its covariance with [-MAX, MAX] is
    // (MAX / 2 + MAX / 2) / 2 = MAX / 2, exactly; [MAX, -MAX] against [-MAX, MAX] is -MAX^2:
    // -inf.
    let x = matrix![-max, max;
                    max, max;
                    T::ONE, T::TWO;
                    max, -max];
    let half = max / T::TWO;
    let quarter = T::HALF * T::HALF;
    let expected = matrix![inf, T::ZERO, half, -inf;
                           T::ZERO, T::ZERO, T::ZERO, T::ZERO;
                           half, T::ZERO, quarter, -half;
                           -inf, T::ZERO, -half, inf];
    assert!(same(x.cov_vars_in_rows(0).as_slice(), expected.as_slice()));
    assert!(same(
        x.transpose().cov_vars_in_cols(0).as_slice(),
        expected.as_slice()
    ));
    // Correlations: [-MAX, MAX], [1, 2] and [MAX, -MAX] are exactly (anti-)collinear. After
    // exact scaling (m = MAX 2^-emax) their covariances (ddof 1) are c_00 = 2 fl(m^2),
    // c_22 = 1/2, c_02 = m exactly, and r = fl(fl(c_ij / s_i) / s_j) with s_i = fl(sqrt(c_ii)):
    // at most five roundings of relative size u = eps / 2 (the square, two square roots, two
    // divisions; the square's error enters halved), so |r -+ 1| <= 5u (1 + 5u) < 3 eps; and
    // r is clipped to [-1, 1]. The constant variable is NaN.
    let r = x.corrcoef_vars_in_rows();
    let bound = three * T::epsilon();
    for (i, j, sign) in [
        (0, 2, 1.0),
        (0, 3, -1.0),
        (2, 3, -1.0),
        (0, 0, 1.0),
        (3, 3, 1.0),
    ] {
        let sign = T::from(sign).unwrap();
        assert!(
            (r[(i, j)] - sign).abs() <= bound && r[(i, j)].abs() <= T::ONE,
            "r{i}{j}"
        );
    }
    assert!((0..4).all(|k| r[(1, k)].is_nan() && r[(k, 1)].is_nan()));
}

#[test]
fn hand_checked_values_at_max() {
    check_at_max::<f64>();
    check_at_max::<f32>();
}

/// A non-finite element still gives NaN by IEEE arithmetic, as NumPy, and only to its own
/// variable: its neighbours in the same matrix keep their exact, rescaled values.
#[test]
fn non_finite_elements_stay_nan_and_stay_local() {
    let max = f64::MAX;
    let x = matrix![f64::INFINITY, 1.0;
                    -max, max;
                    max, max];
    assert!(x.var_axis1(0)[(0, 0)].is_nan()); // np.var([inf, 1.]) is nan
    assert_eq!(x.var_axis1(0)[(1, 0)], f64::INFINITY);
    assert_eq!(x.std_axis1(0)[(1, 0)], max);
    assert_eq!(x.mean_axis1()[(2, 0)], max);
    let c = x.cov_vars_in_rows(0);
    assert!((0..3).all(|k| c[(0, k)].is_nan() && c[(k, 0)].is_nan()));
    assert_eq!((c[(1, 1)], c[(1, 2)], c[(2, 2)]), (f64::INFINITY, 0.0, 0.0));
    assert!(matrix![f64::INFINITY, -f64::INFINITY].mean().is_nan());
    assert!(matrix![f64::NAN, 1.0].std(0).is_nan());
}

/// Variances in the subnormal range: `[a, -a]` with `a = 2^-530` has variance `2^-1060`
/// (ddof 0), a subnormal f64 held exactly; `a = 2^-600` has variance `2^-1200`, which rounds
/// to 0, but standard deviation `2^-600` and z-scores `-1, 1` (NumPy: 0, 0 and NaN).
#[test]
fn subnormal_variances() {
    let a = 2f64.powi(-530);
    let v = matrix![a, -a];
    assert_eq!(v.var(0), a * a); // 2^-1060, exact (powi(-1060) would overflow 2^1060 first)
    assert_eq!(v.std(0), a);
    let a = 2f64.powi(-600);
    let v = matrix![a, -a];
    assert_eq!(v.var(0), 0.0);
    assert_eq!(v.std(0), a);
    assert_eq!(v.zscore(0), matrix![1.0, -1.0]);
    // A correlation does not depend on the scale: that of [1, -1] and [-1, 1], which is
    // NumPy's 2 / fl(sqrt(2)) / fl(sqrt(2)) = 0.9999999999999999
    // (np.corrcoef([[1., -1.], [-1., 1.]]).tolist() prints it).
    let r = matrix![a, -a; -a, a].corrcoef_vars_in_rows();
    let r1 = 0.9999999999999999;
    assert_eq!(r, matrix![r1, -r1; -r1, r1]);
    assert_eq!(r, matrix![1.0, -1.0; -1.0, 1.0].corrcoef_vars_in_rows());
    let a = 2f32.powi(-80);
    let v = matrix![a, -a];
    assert_eq!((v.var(0), v.std(0)), (0.0, a));
    assert_eq!(v.zscore(0), matrix![1.0, -1.0]);
}
