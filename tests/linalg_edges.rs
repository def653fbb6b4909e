//! Linear algebra at the edges of the floating-point range: subnormal and near-maximal
//! inputs whose answers are representable must come out right, and answers that are not
//! must be `±inf` (determinants) or `Err(Overflow)`, never NaN or a misleading error.
//!
//! The expected outcomes are exact. Scaling a matrix or a right-hand side by a power of two
//! is exact when the scaled entries are representable (the entries below are multiples of
//! 1/8 with few significant bits, so they stay exact even deep in the subnormals), and the
//! answers scale with it: `solve(2^k A, b) = 2^-k solve(A, b)`, `solve(A, 2^k b) = 2^k
//! solve(A, b)`, `lstsq` likewise, `det(2^k A) = 2^(k n) det(A)`. Every algorithm here is
//! exactly equivariant under such scaling as long as no intermediate leaves the normal
//! range, so the edge-of-range answer must equal the scaled ordinary answer bit for bit.

mod support;

use statrix::{Error, Matrix, Real};
use support::{scaled, times_pow2};

/// Bitwise equality of two matrices (signed zeros told apart).
fn same_bits<T: Real, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
    b: &Matrix<T, R, C>,
) -> bool {
    a.iter()
        .zip(b.iter())
        .all(|(x, y)| x == y && x.is_sign_negative() == y.is_sign_negative())
}

/// A 3x3 matrix and a right-hand side of multiples of 1/8 (at most 7 significant bits), well
/// conditioned.
fn system<T: Real>() -> (Matrix<T, 3, 3>, Matrix<T, 3, 2>) {
    let f = |x: f64| T::from(x).expect("representable");
    let a = Matrix::new([[4.0, -1.5, 0.625], [1.25, 3.0, -2.0], [-0.5, 2.25, 5.0]]).map(f);
    let b = Matrix::new([[1.0, -0.125], [2.5, 0.75], [-3.0, 1.5]]).map(f);
    (a, b)
}

/// A tall 4x2 least-squares problem of multiples of 1/8, full column rank.
fn tall<T: Real>() -> (Matrix<T, 4, 2>, Matrix<T, 4, 1>) {
    let f = |x: f64| T::from(x).expect("representable");
    let a = Matrix::new([[1.0, 0.5], [1.0, 1.5], [1.0, 2.5], [1.0, -3.75]]).map(f);
    let b = Matrix::new([[1.0], [3.25], [4.5], [-2.0]]).map(f);
    (a, b)
}

/// The smallest and largest binary exponents of normal numbers of `T`.
fn exponent_range<T: Real>() -> (i32, i32) {
    if T::epsilon().to_f64() == Some(f64::EPSILON) {
        (-1022, 1023)
    } else {
        (-126, 127)
    }
}

/// Scales that keep every entry, solution and intermediate of [`system`] in the normal
/// range (where the algorithms are exactly equivariant under power-of-two scaling), from
/// just above the smallest normal numbers to just below the largest float.
fn normal_edges<T: Real>() -> [i32; 3] {
    let (min_exp, max_exp) = exponent_range::<T>();
    [min_exp + 12, max_exp - 12, max_exp - 3]
}

fn check_solve<T: Real>() {
    let (a, b) = system::<T>();
    let x = a.solve(&b).expect("ordinary system");
    let lu = a.lu().expect("factors");
    let qr = a.qr().expect("QR");
    let x_qr = qr.solve(&b).expect("ordinary");
    for k in normal_edges::<T>() {
        // The right-hand side alone at the edge: solve(A, 2^k b) = 2^k x.
        let bk = scaled(&b, k);
        assert!(
            same_bits(&a.solve(&bk).unwrap(), &scaled(&x, k)),
            "solve(A, 2^{k} b)"
        );
        assert!(
            same_bits(&lu.solve(&bk).unwrap(), &scaled(&x, k)),
            "Lu::solve(2^{k} b)"
        );
        assert!(
            same_bits(&qr.solve(&bk).unwrap(), &scaled(&x_qr, k)),
            "Qr::solve(2^{k} b)"
        );
    }
    // Cholesky likewise, on a symmetric positive definite matrix of multiples of 1/8.
    let f = |x: f64| T::from(x).expect("representable");
    let spd = Matrix::new([[4.0, 1.0, 0.5], [1.0, 3.0, -0.25], [0.5, -0.25, 2.0]]).map(f);
    let chol = spd.cholesky().expect("SPD");
    let x_chol = chol.solve(&b).expect("ordinary");
    for k in normal_edges::<T>() {
        let got = chol.solve(&scaled(&b, k)).unwrap();
        assert!(
            same_bits(&got, &scaled(&x_chol, k)),
            "Cholesky::solve(2^{k} b)"
        );
    }
    // The matrix near the largest float as well: solve(2^ka A, 2^kb b) = 2^(kb - ka) x.
    let top = normal_edges::<T>()[2];
    for (ka, kb) in [(top, top), (top - 2, top), (top, top - 12)] {
        let got = scaled(&a, ka)
            .solve(&scaled(&b, kb))
            .expect("representable");
        assert!(
            same_bits(&got, &scaled(&x, kb - ka)),
            "solve(2^{ka} A, 2^{kb} b)"
        );
    }
    // A solution beyond the range is Overflow, not inf, NaN or NonFinite.
    assert_eq!(
        scaled(&a, -top).solve(&scaled(&b, top)),
        Err(Error::Overflow)
    );
}

/// `[[1, -c, c], [1, c, -c], [1, c, c]]` with `c = 1.875`: the elimination's second pivot
/// is `2c` and then `2c` again (exact), its determinant `4 c^2`.
fn growth<T: Real>() -> Matrix<T, 3, 3> {
    let f = |x: f64| T::from(x).expect("representable");
    Matrix::new([
        [1.0, -1.875, 1.875],
        [1.0, 1.875, -1.875],
        [1.0, 1.875, 1.875],
    ])
    .map(f)
}

fn check_det<T: Real>() {
    let (_, max_exp) = exponent_range::<T>();
    // Scaled by 2^max_exp the entries are still finite (1.875 * 2^max_exp), but 2c * 2^max_exp
    // overflows, so the plain elimination meets inf - inf. The exact determinant
    // 4 c^2 2^(3 max_exp) is positive and far beyond the range: +inf (and -inf for -A).
    let big = scaled(&growth::<T>(), max_exp);
    assert_eq!(big.det(), T::infinity());
    assert_eq!(big.map(|x| -x).det(), T::neg_infinity());
    // 2x2 (the closed form hands over to LU) and 4x4 (diag(A, 1), all scaled): the same.
    let f = |x: f64| T::from(x).expect("representable");
    let m2 = Matrix::new([[1.0, -1.875], [1.0, 1.875]]).map(f);
    assert_eq!(scaled(&m2, max_exp).det(), T::infinity());
    let m4 = Matrix::<T, 4, 4>::from_fn(|i, j| match (i, j) {
        (3, 3) => T::one(),
        (3, _) | (_, 3) => T::zero(),
        _ => growth::<T>()[(i, j)],
    });
    assert_eq!(scaled(&m4, max_exp).det(), T::infinity());
    assert_eq!(scaled(&m4, max_exp).map(|x| -x).det(), T::infinity()); // (-1)^4
    // A determinant that underflows or overflows only through its pivots' product is
    // rescaled exactly: det(2^k A) = 2^(3k) det(A) while that is a normal number.
    let (a, _) = system::<T>();
    let k = -(max_exp / 3) + 4;
    assert_eq!(scaled(&a, k).det(), times_pow2(a.det(), 3 * k));
}

fn check_inverse<T: Real>() {
    let (a, _) = system::<T>();
    let k = normal_edges::<T>()[1];
    // inverse(2^k A) = 2^-k inverse(A), every entry normal.
    let inv = a.inverse().expect("ordinary");
    let got = scaled(&a, k).inverse().expect("representable inverse");
    assert!(same_bits(&got, &scaled(&inv, -k)), "inverse(2^{k} A)");
    // Factors that overflow (see `check_det`): the inverse 2^-max_exp inverse(A) is
    // representable (subnormal entries, each rounded once).
    let (_, max_exp) = exponent_range::<T>();
    let g = growth::<T>();
    let got = scaled(&g, max_exp)
        .inverse()
        .expect("representable inverse");
    assert!(same_bits(&got, &scaled(&g.inverse().unwrap(), -max_exp)));
}

fn check_lstsq<T: Real>() {
    let (a, b) = tall::<T>();
    let fit = a.lstsq(&b).expect("ordinary");
    let (min_exp, max_exp) = exponent_range::<T>();
    let c = Matrix::<T, 2, 1>::new([[T::one()], [T::from(0.375).unwrap()]]);
    let y = a.transpose().lstsq_wide(&c).expect("ordinary").solution;
    // A and b both scaled by 2^k, from deep in the subnormals (entries of 7 significant bits
    // stay exact at 2^(min_exp - 12)) to near the largest float: the same solution, the
    // singular values 2^k times (rounded once when subnormal).
    for k in [min_exp - 12, min_exp + 4, max_exp - 12, max_exp - 3] {
        let got = scaled(&a, k).lstsq(&scaled(&b, k)).expect("representable");
        assert!(
            same_bits(&got.solution, &fit.solution),
            "lstsq(2^{k} A, 2^{k} b)"
        );
        assert_eq!(got.rank, 2);
        for (s, s0) in got.singular_values.iter().zip(fit.singular_values.iter()) {
            assert_eq!(*s, times_pow2(*s0, k), "singular value at 2^{k}");
        }
        // The wide form on the transposed problem (minimum-norm solution of A^T y = c).
        let got = scaled(&a.transpose(), k)
            .lstsq_wide(&scaled(&c, k))
            .expect("representable");
        assert!(same_bits(&got.solution, &y), "lstsq_wide at 2^{k}");
    }
    // The squared residual 2^(2k) |r|^2 at the top scale is far beyond the range: +inf, its
    // correct rounding, next to a good solution.
    let res0 = fit.residuals.expect("full rank")[0];
    assert!(res0 > T::zero());
    let top = scaled(&a, max_exp - 3)
        .lstsq(&scaled(&b, max_exp - 3))
        .unwrap();
    assert_eq!(top.residuals.unwrap()[0], T::infinity());
    // b alone near the largest float: the solution scales with it.
    let got = a.lstsq(&scaled(&b, max_exp - 8)).expect("representable");
    assert!(same_bits(
        &got.solution,
        &scaled(&fit.solution, max_exp - 8)
    ));
    // A subnormal matrix whose pseudo-inverse is beyond the range: Overflow, not inf.
    assert_eq!(
        scaled(&a, min_exp - 12).pseudo_inverse(),
        Err(Error::Overflow)
    );
}

#[test]
fn solve_at_the_edges_of_the_range() {
    check_solve::<f64>();
    check_solve::<f32>();
}

#[test]
fn det_overflow_is_inf() {
    check_det::<f64>();
    check_det::<f32>();
}

#[test]
fn inverse_at_the_edges_of_the_range() {
    check_inverse::<f64>();
    check_inverse::<f32>();
}

#[test]
fn lstsq_at_the_edges_of_the_range() {
    check_lstsq::<f64>();
    check_lstsq::<f32>();
}

#[test]
fn the_reference_scaling_rounds_once() {
    // Exact, overflow, and the subnormal roundings (ties to even) of `support::times_pow2`.
    assert_eq!(times_pow2(1.5f64, 1023), 1.5 * 2f64.powi(1023));
    assert_eq!(times_pow2(1.0f64, 1024), f64::INFINITY);
    assert_eq!(times_pow2(-1.0f64, 5000), f64::NEG_INFINITY);
    assert_eq!(times_pow2(1.0f64, -1074), f64::from_bits(1));
    assert_eq!(times_pow2(1.0f64, -1075), 0.0); // a tie, to even (zero)
    assert_eq!(times_pow2(1.5f64, -1075), f64::from_bits(1)); // 0.75 ulp rounds up
    assert_eq!(times_pow2(3.0f64, -1075), f64::from_bits(2)); // 1.5 ulp: tie to even
    assert_eq!(
        times_pow2(f64::MAX, -2000),
        f64::MAX * 2f64.powi(-1000) * 2f64.powi(-1000)
    );
    assert_eq!(times_pow2(f64::from_bits(3), 1074), 3.0);
    assert_eq!(times_pow2(1.0f32, -149), f32::from_bits(1));
    assert_eq!(times_pow2(1.0f32, -150), 0.0);
    // (2 - 2^-23) 2^-127 is 2^23 - 1/2 subnormal ulps: a tie, rounded to the even 2^23 ulps,
    // the smallest normal f32.
    let below_two = 2.0f32 - f32::EPSILON;
    assert_eq!(times_pow2(below_two, -127), f32::from_bits(0x0080_0000));
}
