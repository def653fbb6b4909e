//! Extreme scales, part one: LU (with `det`, `inverse` and `solve`), Cholesky, QR (with its
//! least-squares solve) and `lstsq`, on random, graded and ill-conditioned matrices carried
//! by a power of two to the ends of the floating-point range: within 2^12 of overflow,
//! entirely subnormal, anywhere between (`tests/scaling/mod.rs` has the generators), in
//! `f32` and `f64`, sizes 1..=8 and tall and wide shapes. The spectral decompositions are in
//! `tests/extreme_scale_spectral.rs`.
//!
//! # What is asserted
//!
//! - **Identities**, as LAPACK's test ratios, in scaled units (so that no residual
//!   overflows or underflows), against `THRESH = 30`, LAPACK's threshold for linear
//!   equations and least squares (`TESTING/dtest.in`, `stest.in`); `eps` is the machine
//!   epsilon of the type under test:
//!   - solve (`xGET02`): `||b - A x||_1 / (||A||_1 ||x||_1 eps)`, per right-hand side;
//!   - inverse (`xGET03`, `xPOT03`): `||I - A X||_1 / (n ||A||_1 ||X||_1 eps)`;
//!   - Cholesky (`xPOT01`): `||L L^T - A||_1 / (n ||A||_1 eps)`;
//!   - QR (`xQRT01`): `||A - Q R||_1 / (m ||A||_1 eps)` and `||I - Q^T Q||_1 / (m eps)`;
//!   - least squares (`xQRT17`, the normal equations): `||A^T (b - A x)||_1 / (||A||_1
//!     alpha max(m, n, k) eps)`, with `alpha = ||A||_1 ||x||_1 + ||b||_1` (LAPACK's zero
//!     residual form has `||b||_1`; a computed solution is the exact one of `(A + dA, b +
//!     db)` with `||dA|| <= c eps ||A||`, `||db|| <= c eps ||b||` (Higham, *Accuracy and
//!     Stability of Numerical Algorithms*, 2nd ed., Thm. 20.3), so `A^T r` is at most
//!     `c eps ||A|| (||r|| + ||b|| + ||A|| ||x||)` with `||r|| <= ||b|| + ||A|| ||x||`; a
//!     cutoff that drops singular values below `max(m, n) eps s_max` adds at most
//!     `n max(m, n) eps ||A||_1 ||b||_1` in these norms).
//!
//!   LAPACK's ratios assume no underflow. Where the data reach the subnormals, each check
//!   adds what Higham's model of gradual underflow allows (§2.1, eq. 2.8: a product or
//!   quotient is off by at most `eta / 2` absolutely, `eta` the smallest subnormal; a sum
//!   not at all), counted operation by operation (`Underflow`, `LsUnderflow`), and for
//!   results that land in the subnormals their own rounding.
//! - **Subnormal systems**, separately (`solve_of_a_subnormal_matrix`,
//!   `qr_solve_of_a_subnormal_matrix`): the README promises that where the plain computation
//!   would lose the subnormal digits on the way, `solve` and `Qr::solve` work on copies
//!   scaled by powers of two; so for a matrix and right-hand side entirely in the
//!   subnormals, whose solution is of ordinary size, the ratios must hold with no allowance
//!   but the rounding of the solution itself. Both found bugs, since fixed (the solves now
//!   factor such a matrix scaled into range, and `Qr` keeps `R` at that scale).
//! - The factorizations' own **componentwise bounds** with gradual underflow: Higham's
//!   Thm. 9.3 (`|P L U - A| <= gamma_n P |L| |U|`) and Thm. 10.3 (`|L L^T - A| <=
//!   gamma_{n+1} |L| |L^T|`), plus, in the model of underflow above, `eta / 2` for each of
//!   the at most `n` products accumulated into an element and `|u_jj| eta / 2` (`|l_jj| eta
//!   / 2`) for the division that forms a multiplier, carried with the factor `1 + gamma_n`.
//! - **Equivariance under `A -> 2^t A`**, exact where the algorithm guarantees it: where
//!   the implementation works on the matrix scaled into `[1, 2)` (QR outside LAPACK's safe
//!   range `[sqrt(safe_min) / eps, eps / sqrt(safe_min)]`; `lstsq` always), or
//!   where every rounding of the unscaled algorithm is scale-invariant: partial pivoting picks
//!   the same pivots, a quotient of two scaled values and a sum of scaled values round alike
//!   at every scale (a sum that lands in the subnormals is exact), and a product rounds alike
//!   when it is normal at both scales. So LU's `P`, `L` and `2^-t U` are the same bits
//!   whenever every product `l_ik u_kj` of the elimination (`k < i, j`; the row of `U` at
//!   step `k` is final) is zero or normal at both scales, and then `det(2^t A)` is
//!   `2^(n t) det(A)` correctly rounded, and `solve` and `inverse` scale exactly where their
//!   results are normal; Cholesky likewise under `A -> 2^(2t) A` with `L -> 2^t L`.
//! - **Errors** only where documented and borne out by the input: `Singular` only with an
//!   exactly zero pivot (LU) or diagonal element of `R` (QR); `NotPositiveDefinite` only
//!   where Higham's Thm. 10.7 (Demmel: success if `lambda_min(H) > n gamma_{n+1} / (1 - n
//!   gamma_{n+1})`, `H` the unit-diagonal scaling) does not promise success, once the
//!   absolute underflow errors are counted in `H`; `Overflow` from `lu` only where the
//!   elements reach `MAX / 2^(n-1)` (the growth bound of partial pivoting, Higham §9.3),
//!   from `qr` only for a column norm at `MAX` (to the ratio's `THRESH m eps`), and from
//!   the solves only where the answer, computed on the problem scaled into range, reaches a
//!   quarter of `MAX` (the two computations differ by rounding: the forward error of a
//!   backward stable solve is below `2 kappa c eps`, a factor 2 at most while `kappa c eps
//!   <= 1/4`, Higham Thm. 7.2, so the check is made only for such problems).

mod scaling;
mod support;

use proptest::prelude::*;
use scaling::*;
use statrix::{Error, Lu, Matrix};
use support::bounds::{Mat, abs, assert_within, gamma, identity, product, residual};
use support::bounds::{decompose, to_f64 as mat_of};
use support::{ETA64, Float, eps, gamma_u, times_pow2};

/// LAPACK's threshold for linear equations and least squares (`TESTING/dtest.in`).
const THRESH: f64 = 30.0;

/// Cases per property (each runs `f32` and `f64`).
const CASES: u32 = 40;

/// Whether `x y` (exact in f64 for `f32`; rounded for `f64`, which does not move it across
/// the thresholds, powers of two with a margin of 2) rounds alike at every scale: a factor
/// is zero, or the product is normal and finite in `T` with room to spare.
fn product_scales<T: Float>(x: T, y: T) -> bool {
    let p = (x.f64() * y.f64()).abs();
    let normal = p >= 2f64.powi(T::MIN_NORMAL_EXP + 1) && p <= T::max_value().f64() / 2.0;
    x == T::zero() || y == T::zero() || normal
}

fn column(m: &Mat, j: usize) -> Mat {
    m.iter().map(|row| vec![row[j]]).collect()
}

/// The binary exponent `e` with `2^e <= max |m| < 2^(e+1)`; `None` for zero.
fn max_exponent<T: Float, const R: usize, const C: usize>(m: &Matrix<T, R, C>) -> Option<i32> {
    let big = m.iter().fold(0.0f64, |a, x| a.max(x.f64().abs()));
    (big > 0.0).then(|| decompose(big).1)
}

/// Whether a solution whose normalized-problem value is `reference` and whose true scale is
/// `2^k` times that reaches `MAX / 4` (see the module docs).
fn reaches_overflow<T: Float, const R: usize, const C: usize>(
    reference: &Matrix<T, R, C>,
    k: i32,
) -> bool {
    max_exponent(reference).is_some_and(|e| e + 1 + k > T::MAX_EXP - 2)
}

/// The 1-norm condition number of a normalized square matrix from its computed inverse
/// (infinite if there is none).
fn kappa_1<T: Float, const N: usize>(a: &Matrix<T, N, N>) -> f64 {
    match a.inverse() {
        Ok(x) => norm_1(&mat_of(a)) * norm_1(&mat_of(&x)),
        Err(_) => f64::INFINITY,
    }
}

/// What gradual underflow adds to the residual of a solve by triangular factors `A ~ F G`
/// (`P L U` or `L L^T`), in Higham's model (§2.1, eq. 2.8: a product or quotient is off by
/// at most `eta / 2` absolutely, a sum not at all), in scaled units and the 1-norm of one
/// column of `b - A x`: the factorization's own absolute backward error (`||dA||_1 <=
/// d_a`, the allowance of [`check_lu_factors`] or of the Cholesky check) times `||x||_1`;
/// the at most `2n + 1` products and quotients of the two substitutions per component, at
/// the scale of `b` (`eta_b`) or of the intermediate `y = F^-1 b` (`eta_y`), which reach the
/// residual through `F`; and the rounding of each quotient that forms `x` (`eta_x / 2`),
/// through `|F| |G|`. All carried with the factor `1 + gamma_3n`.
struct Underflow {
    d_a: f64,
    eta_b: f64,
    eta_y: f64,
    eta_x: f64,
    f_norm: f64,
    fg_norm: f64,
}

impl Underflow {
    fn allowance<T: Float>(&self, n: usize, x_norm: f64) -> f64 {
        let nf = n as f64;
        let substitutions = self.f_norm * nf * (nf + 1.0) * (self.eta_b + self.eta_y);
        let quotients = self.fg_norm * nf * self.eta_x / 2.0;
        (1.0 + gamma::<T>(3 * n)) * (self.d_a * x_norm + substitutions + quotients)
    }
}

/// xGET02 for each column of `x` (`a_s x_s ~ b_s` in scaled units), with the underflow
/// allowance of [`Underflow`].
fn check_solve<T: Float>(name: &str, a_s: &Mat, x_s: &Mat, b_s: &Mat, under: &Underflow) {
    let norm_a = norm_1(a_s);
    for j in 0..x_s[0].len() {
        let (xj, bj) = (column(x_s, j), column(b_s, j));
        let x_norm = norm_1(&xj);
        let (value, err) = residual_1(a_s, &xj, &bj);
        let err = err + under.allowance::<T>(a_s.len(), x_norm);
        let scale = norm_a * x_norm * eps::<T>();
        assert_ratio(&format!("{name}: column {j}"), (value, err), scale, THRESH);
    }
}

// --- LU, det, inverse, solve ------------------------------------------------------------

/// Whether the elimination of `lu` rounds alike at every scale (see the module docs).
fn lu_scales<T: Float, const N: usize>(lu: &Lu<T, N>) -> bool {
    let (l, u) = (lu.l(), lu.u());
    (0..N).all(|k| (k + 1..N).all(|i| (k + 1..N).all(|j| product_scales(l[(i, k)], u[(k, j)]))))
}

/// Thm. 9.3 with underflow, in units scaled by `2^s` (see the module docs); returns the
/// 1-norm of the underflow allowance, a bound on `||dA||_1` of the factorization's absolute
/// errors.
fn check_lu_factors<T: Float, const N: usize>(
    name: &str,
    a: &Matrix<T, N, N>,
    lu: &Lu<T, N>,
) -> f64 {
    let s = unit_exponent(a);
    let (l, u) = (mat_of(&lu.l()), units(&lu.u(), s));
    for i in 0..N {
        assert_eq!(l[i][i], 1.0, "{name}: L's diagonal");
        for j in 0..i {
            assert!(l[i][j].abs() <= 1.0, "{name}: |l_{i}{j}| > 1");
            assert_eq!((l[j][i], u[i][j]), (0.0, 0.0), "{name}: not triangular");
        }
    }
    let pl: Mat = lu.permutation().iter().map(|&r| l[r].clone()).collect();
    let (r, r_err) = residual(&pl, &u, &units(a, s));
    let (g, eta, n) = (gamma::<T>(N), times_pow2(T::ETA, s), N as f64);
    let plu = product(&abs(&pl), &abs(&u));
    let allowance: Mat = (0..N)
        .map(|_| {
            (0..N)
                .map(|j| 0.5 * eta * (n + u[j][j].abs()) * (1.0 + g) + ETA64 * (n + 1.0))
                .collect()
        })
        .collect();
    let bound: Mat = (0..N)
        .map(|i| (0..N).map(|j| g * plu[i][j] + allowance[i][j]).collect())
        .collect();
    assert_within(&format!("{name}: P L U - A"), &r, &bound, &r_err);
    norm_1(&allowance)
}

/// `Singular { index }` comes from an exactly zero pivot of `a`'s factorization, or of the
/// normalized copy's where `a`'s overflowed or where every element of `a` is below
/// `min_positive / eps` (the solves factor such a matrix scaled, so that its factors do not
/// lose digits to underflow).
fn assert_zero_pivot<T: Float, const N: usize>(name: &str, a: &Matrix<T, N, N>, index: usize) {
    let tiny = T::min_positive_value() / T::epsilon();
    let lu = match a.lu() {
        Ok(_) if a.iter().all(|x| x.abs() < tiny) => normalize(a).0.lu().expect("normalized"),
        Ok(lu) => lu,
        Err(Error::Overflow) => normalize(a).0.lu().expect("normalized factors fit"),
        Err(e) => panic!("{name}: Singular where lu gives {e}"),
    };
    assert_eq!(
        lu.first_zero_pivot(),
        Some(index),
        "{name}: Singular's column"
    );
}

fn lu_case<T: Float, const N: usize>(
    a: &Matrix<f64, N, N>,
    t: i32,
    b: &Matrix<f64, N, 2>,
    tb: i32,
) {
    let (a0, b0) = (in_type::<T, N, N>(a), in_type::<T, N, 2>(b));
    let ((a, exact), (b, _)) = (at_scale(&a0, t), at_scale(&b0, tb));
    let name = &format!("{} {N}x{N} at 2^{t}", T::NAME);
    let lu0 = a0.lu().expect("a normalized matrix factors");
    let n = N as f64;

    // The factorization: Ok with the bounds, or Overflow within the growth bound.
    let lu = a.lu();
    // Where `a`'s factors overflow, `solve` and `inverse` factor the normalized copy, whose
    // absolute errors (at scale 1, with `|u_jj| <= 2^N`) are bounded as `a`'s.
    let mut d_a = n * 0.5 * T::ETA * (n + 2f64.powi(N as i32)) * (1.0 + gamma::<T>(N));
    let scales = match &lu {
        Ok(lu) => {
            d_a = check_lu_factors(name, &a, lu);
            let scales = exact && lu_scales(lu) && lu_scales(&lu0);
            if scales {
                assert_eq!(lu.permutation(), lu0.permutation(), "{name}: pivots");
                assert_eq!(lu.l(), lu0.l(), "{name}: L");
                assert_all_scaled(&format!("{name}: U"), &lu.u(), &lu0.u(), t);
            }
            scales
        }
        Err(Error::Overflow) => {
            let growth = 2f64.powi(N as i32 - 1) * (1.0 + T::U).powi(2 * N as i32);
            let big = max_exponent(&a).map_or(0.0, |e| 2f64.powi(e + 1));
            assert!(
                big * growth > T::max_value().f64(),
                "{name}: lu overflows below the growth bound"
            );
            // `det` factors the normalized copy, which is `a0` when the scaling is exact.
            exact
        }
        Err(e) => panic!("{name}: lu: {e}"),
    };

    // det(2^t A) = 2^(n t) det(A): the 2x2 closed form when its products scale exactly
    // (else LU), the pivots' product (rescaled exactly as it goes, rounded once) otherwise.
    let det = a.det();
    assert!(!det.is_nan(), "{name}: det is NaN");
    let closed_form = |m: &Matrix<T, N, N>| {
        let v = m.as_slice();
        product_scales(v[0], v[3]) && product_scales(v[1], v[2])
    };
    let closed_form_scales = N != 2 || (closed_form(&a) && closed_form(&a0));
    let det0 = a0.det();
    let det_scales = exact && if N == 2 { closed_form_scales } else { scales };
    // A zero determinant: an exactly zero pivot (or 2x2 products) at every scale.
    let singular = if N == 2 {
        det0 == T::zero()
    } else {
        lu0.is_singular()
    };
    if det_scales && singular {
        assert!(det == T::zero(), "{name}: det of a singular matrix");
    } else if det_scales && det0 != T::zero() && is_normal_or_zero(det0) {
        assert_scaled(&format!("{name}: det"), det, det0, N as i32 * t);
    }

    let (a_n, s) = normalize(&a);
    let kappa = kappa_1(&a_n);
    let well_posed = kappa * 3.0 * n * T::U <= 0.25;
    let sb = unit_exponent(&b);
    let (a_s, b_s) = (units(&a, s), units(&b, sb));
    // The factors' norms for the underflow allowance (of the normalized copy's factors
    // where `a`'s overflow: `a`'s own have no underflow to allow for then).
    // (The bounds of partial pivoting where they overflow: |l_ij| <= 1, |u_ij| <= 2^N.)
    let (f_norm, fg_norm) = match &lu {
        Ok(lu) => {
            let (pl, u) = (mat_of(&(lu.p() * lu.l())), units(&lu.u(), s));
            (norm_1(&pl), norm_1(&product(&abs(&pl), &abs(&u))))
        }
        _ => (n, n * n * 2f64.powi(N as i32)),
    };
    let eta = T::ETA;

    // solve: xGET02 per column, or a justified error.
    match a.solve(&b) {
        Ok(x) => {
            assert!(x.iter().all(|v| v.is_finite()), "{name}: solve: not finite");
            let under = Underflow {
                d_a,
                eta_b: times_pow2(eta, sb),
                eta_y: times_pow2(eta, sb),
                eta_x: times_pow2(eta, sb - s),
                f_norm,
                fg_norm,
            };
            let what = format!("{name}: solve (b at 2^{tb})");
            check_solve::<T>(&what, &a_s, &units(&x, sb - s), &b_s, &under);
        }
        Err(Error::Singular { index }) => assert_zero_pivot(name, &a, index),
        Err(Error::Overflow) => {
            let (b_n, _) = normalize(&b);
            if let (Ok(x), true) = (a_n.solve(&b_n), well_posed) {
                assert!(reaches_overflow(&x, s - sb), "{name}: solve: Overflow");
            }
        }
        Err(e) => panic!("{name}: solve: {e}"),
    }
    // solve(2^t A, b) = 2^-t solve(A, b) where the substitutions round alike: the same
    // forward substitution, products u_ij x_j of the same value, quotients normal.
    if let (Ok(x0), true) = (a0.solve(&b0), scales && lu.is_ok()) {
        let fits = !reaches_overflow(&x0, -t);
        if fits && x0.iter().all(|&v| scales_to_normal(v, -t)) {
            let x = a.solve(&b0).expect("a scaled solution in range");
            assert_all_scaled(&format!("{name}: solve(2^t A)"), &x, &x0, -t);
        }
    }

    // inverse: xGET03, or a justified error.
    match a.inverse() {
        Ok(x) => {
            let x_s = units(&x, -s);
            let under = Underflow {
                d_a,
                eta_b: eta,
                eta_y: eta,
                eta_x: times_pow2(eta, -s),
                f_norm,
                fg_norm,
            };
            // Column by column, each a solve: the allowance of the largest column.
            let x_norm = norm_1(&x_s);
            let (value, err) = residual_1(&a_s, &x_s, &identity(N));
            let err = err + under.allowance::<T>(N, x_norm);
            let scale = n * norm_1(&a_s) * x_norm * eps::<T>();
            assert_ratio(&format!("{name}: inverse"), (value, err), scale, THRESH);
        }
        Err(Error::Singular { index }) => assert_zero_pivot(name, &a, index),
        Err(Error::Overflow) => {
            if let (Ok(x), true) = (a_n.inverse(), well_posed) {
                assert!(reaches_overflow(&x, s), "{name}: inverse: Overflow");
            }
        }
        Err(e) => panic!("{name}: inverse: {e}"),
    }
    // inverse(2^t A) = 2^-t inverse(A): by LU as solve; for 2x2 by the closed form when
    // both determinants are normal (else LU) and its products scale exactly.
    let closed = |m: &Matrix<T, N, N>| {
        let v = m.as_slice();
        let d = v[0] * v[3] - v[1] * v[2];
        d.is_finite() && d.abs() >= T::min_positive_value()
    };
    let inverse_scales = if N == 2 {
        closed_form_scales && closed(&a) && closed(&a0)
    } else {
        scales && lu.is_ok()
    };
    if let (Ok(x0), true) = (a0.inverse(), exact && inverse_scales) {
        let fits = !reaches_overflow(&x0, -t);
        if fits && x0.iter().all(|&v| scales_to_normal(v, -t)) {
            let x = a.inverse().expect("a scaled inverse in range");
            assert_all_scaled(&format!("{name}: inverse(2^t A)"), &x, &x0, -t);
        }
    }
}

// --- Cholesky ---------------------------------------------------------------------------

/// Whether the factorization `l` rounds alike at every scale: every element and every
/// product `l_ik l_jk` it formed is zero or normal.
fn cholesky_scales<T: Float, const N: usize>(l: &Matrix<T, N, N>) -> bool {
    (0..N).all(|i| {
        (0..=i).all(|j| {
            product_scales(l[(i, j)], T::one())
                && (0..j).all(|k| product_scales(l[(i, k)], l[(j, k)]))
        })
    })
}

fn cholesky_case<T: Float, const N: usize>(
    (h, lambda): &(Matrix<f64, N, N>, f64),
    t: i32,
    b: &Matrix<f64, N, 2>,
    tb: i32,
) {
    // An even exponent: 2^(2k) A has the factor 2^k L.
    let t = t & !1;
    let (a0, b0) = (in_type::<T, N, N>(h), in_type::<T, N, 2>(b));
    let ((a, exact), (b, _)) = (at_scale(&a0, t), at_scale(&b0, tb));
    let name = &format!("{} {N}x{N} SPD at 2^{t}", T::NAME);
    let n = N as f64;
    // Units: an even exponent s, so that L is scaled exactly by 2^(s/2).
    let s = unit_exponent(&a) & !1;
    let (a_s, eta) = (units(&a, s), times_pow2(T::ETA, s));

    // lambda_min(H) for the matrix in T: the generator's bound, less the rounding to T
    // (|dA| <= u |A|, so |dH| <= u |H| <= u elementwise and ||dH||_2 <= n u) and, if the
    // scaling rounded, the subnormal rounding (eta / 2 per element, over min a_ii in H).
    let min_diag = (0..N).map(|i| a_s[i][i]).fold(f64::INFINITY, f64::min);
    let rounded = if exact {
        0.0
    } else {
        n * eta / (2.0 * min_diag)
    };
    let lambda_h = lambda - n * T::U - rounded;
    // Thm. 10.7 (Demmel), with the absolute underflow errors counted in H's norm: per
    // element n products at A's scale and a quotient at L's scale meeting l_jj <=
    // sqrt(a_jj) (eta / 2 each, as in the Thm. 10.3 check below), over min a_ii.
    let ng = n * gamma::<T>(N + 1);
    let eta_l = times_pow2(T::ETA, s / 2);
    let max_diag = (0..N).map(|i| a_s[i][i]).fold(0.0, f64::max);
    let absolute = n * (n * eta + eta_l * max_diag.sqrt()) / (2.0 * min_diag);
    let promised = lambda_h > ng / (1.0 - ng) + absolute;
    let chol = match a.cholesky() {
        Ok(chol) => chol,
        Err(Error::NotPositiveDefinite { index }) => {
            assert!(
                index < N && !promised,
                "{name}: NotPositiveDefinite at {index}"
            );
            return;
        }
        Err(e) => panic!("{name}: cholesky: {e}"),
    };
    let l = chol.l();
    let l_s = units(&l, s / 2);
    for i in 0..N {
        assert!(l[(i, i)] > T::zero(), "{name}: l_{i}{i} not positive");
        for j in i + 1..N {
            assert!(l[(i, j)] == T::zero(), "{name}: L not lower");
        }
    }
    // Thm. 10.3 with underflow: `eta_a / 2` for each product (at A's scale), `eta_l / 2`
    // for the quotient that forms l_ij (at L's scale), which meets l_jj.
    let (r, r_err) = residual(&l_s, &transpose(&l_s), &a_s);
    let g = gamma::<T>(N + 1);
    let llt = product(&abs(&l_s), &abs(&transpose(&l_s)));
    let allowance: Mat = (0..N)
        .map(|i| {
            (0..N)
                .map(|j| {
                    let d = l_s[j.min(i)][j.min(i)];
                    0.5 * (eta * n + eta_l * d) * (1.0 + g) + ETA64 * (n + 1.0)
                })
                .collect()
        })
        .collect();
    let bound: Mat = (0..N)
        .map(|i| (0..N).map(|j| g * llt[i][j] + allowance[i][j]).collect())
        .collect();
    assert_within(&format!("{name}: L L^T - A"), &r, &bound, &r_err);
    // xPOT01, with the same allowance.
    let norm_a = norm_1(&a_s);
    let (value, err) = residual_1(&l_s, &transpose(&l_s), &a_s);
    let err = err + norm_1(&allowance);
    assert_ratio(
        &format!("{name}: L L^T"),
        (value, err),
        n * norm_a * eps::<T>(),
        THRESH,
    );

    // Equivariance: L(2^t A) = 2^(t/2) L(A), det(2^t A) = 2^(n t) det(A).
    // (The normalized matrix may fail where 2^t A does not only if the factorization of
    // 2^t A rounds differently, when the condition below fails.)
    let chol0 = a0.cholesky();
    if let (Ok(chol0), true) = (&chol0, exact && cholesky_scales(&l)) {
        let scales = cholesky_scales(&chol0.l());
        if scales {
            assert_all_scaled(&format!("{name}: L"), &l, &chol0.l(), t / 2);
        }
        if scales && chol0.det() != T::zero() && is_normal_or_zero(chol0.det()) {
            assert_scaled(
                &format!("{name}: det"),
                chol.det(),
                chol0.det(),
                N as i32 * t,
            );
        }
    }

    // solve (xGET02) and inverse (xPOT03), or a justified Overflow.
    // The normalized copy's exponent (not rounded to even) scales its answers back.
    let (a_n, s_n) = normalize(&a);
    let well_posed = kappa_1(&a_n) * (3.0 * n + 1.0) * T::U <= 0.25;
    let sb = unit_exponent(&b);
    let b_s = units(&b, sb);
    let (d_a, f_norm, fg_norm) = (norm_1(&allowance), norm_1(&l_s), norm_1(&llt));
    match chol.solve(&b) {
        Ok(x) => {
            let under = Underflow {
                d_a,
                eta_b: times_pow2(T::ETA, sb),
                eta_y: times_pow2(T::ETA, sb - s / 2),
                eta_x: times_pow2(T::ETA, sb - s),
                f_norm,
                fg_norm,
            };
            let what = format!("{name}: solve (b at 2^{tb})");
            check_solve::<T>(&what, &a_s, &units(&x, sb - s), &b_s, &under);
        }
        Err(Error::Overflow) => {
            let reference = a_n.cholesky().and_then(|c| c.solve(&normalize(&b).0));
            if let (Ok(x), true) = (reference, well_posed) {
                assert!(reaches_overflow(&x, s_n - sb), "{name}: solve: Overflow");
            }
        }
        Err(e) => panic!("{name}: solve: {e}"),
    }
    match chol.inverse() {
        Ok(x) => {
            let x_s = units(&x, -s);
            let under = Underflow {
                d_a,
                eta_b: T::ETA,
                eta_y: times_pow2(T::ETA, -s / 2),
                eta_x: times_pow2(T::ETA, -s),
                f_norm,
                fg_norm,
            };
            let x_norm = norm_1(&x_s);
            let (value, err) = residual_1(&a_s, &x_s, &identity(N));
            let err = err + under.allowance::<T>(N, x_norm);
            let scale = n * norm_a * x_norm * eps::<T>();
            assert_ratio(&format!("{name}: inverse"), (value, err), scale, THRESH);
        }
        Err(Error::Overflow) => {
            if let (Ok(x), true) = (a_n.cholesky().and_then(|c| c.inverse()), well_posed) {
                assert!(reaches_overflow(&x, s_n), "{name}: inverse: Overflow");
            }
        }
        Err(e) => panic!("{name}: inverse: {e}"),
    }
}

// --- QR and least squares ---------------------------------------------------------------

/// What gradual underflow adds to `||A^T (b - A x)||_1` of a least-squares solve, in scaled
/// units (Higham's model, §2.1, eq. 2.8, `eta / 2` per product or quotient): an absolute
/// backward error `E` of `A` (`||E||_1 <= e_a`) moves `A^T r` by at most `2 ||E|| alpha`
/// (`alpha` as in the ratio); the at most `(M + 1) N` products per element that carry `b`
/// through the method at `b`'s scale (`eta_b`) move `r` by `M (M + 1) N eta_b` in the
/// 1-norm; the rounding of each element of `x` (`eta_x / 2`) moves `A^T r` by `||A^T||_1
/// ||A||_1 N eta_x / 2`; everything reaches `A^T r` through `||A^T||_1 = ||A||_inf`.
struct LsUnderflow {
    e_a: f64,
    eta_b: f64,
    eta_x: f64,
}

/// The normal-equations ratio (see the module docs) of `x` for `A x ~ b`, in scaled units:
/// `a_s = 2^s A`, `b_s = 2^sb b`, `x_s = 2^(sb - s) x`. The product `A^T r` is formed in
/// plain f64, with its error `gamma_m(f64) |A|^T |r|` and that of `r` allowed for.
fn check_normal_equations<T: Float>(
    name: &str,
    a_s: &Mat,
    x_s: &Mat,
    b_s: &Mat,
    under: &LsUnderflow,
) {
    let (r, r_err) = residual(a_s, x_s, b_s);
    let r: Mat = r
        .iter()
        .map(|row| row.iter().map(|v| -v).collect())
        .collect();
    let at = transpose(a_s);
    let atr = product(&at, &r);
    let (m, n, k) = (a_s.len(), x_s.len(), x_s[0].len());
    let g = gamma_u(m as f64, support::U64);
    let err =
        g * norm_1(&product(&abs(&at), &abs(&r))) + (1.0 + g) * norm_1(&product(&abs(&at), &r_err));
    let (norm_a, norm_at) = (norm_1(a_s), norm_1(&at));
    let alpha = norm_a * norm_1(x_s) + norm_1(b_s);
    let (mf, nf) = (m as f64, n as f64);
    let allowance = norm_at
        * (2.0 * under.e_a * alpha
            + mf * (mf + 1.0) * nf * under.eta_b
            + norm_a * nf * under.eta_x / 2.0);
    let scale = norm_a * alpha * m.max(n).max(k) as f64 * eps::<T>();
    assert_ratio(
        &format!("{name}: A^T r"),
        (norm_1(&atr), err + allowance),
        scale,
        THRESH,
    );
}

/// Largest Euclidean norm of a column, in f64 (no overflow: evaluated in scaled units).
fn column_norm_reaches_max<T: Float, const M: usize, const N: usize>(a: &Matrix<T, M, N>) -> bool {
    let s = unit_exponent(a);
    let a_s = units(a, s);
    let big = (0..N)
        .map(|j| a_s.iter().map(|row| row[j] * row[j]).sum::<f64>().sqrt())
        .fold(0.0, f64::max);
    times_pow2(big, -s) * (1.0 + THRESH * M as f64 * eps::<T>()) >= T::max_value().f64()
}

fn qr_case<T: Float, const M: usize, const N: usize>(
    a: &Matrix<f64, M, N>,
    t: i32,
    b: &Matrix<f64, M, 2>,
    tb: i32,
) {
    let (a0, b0) = (in_type::<T, M, N>(a), in_type::<T, M, 2>(b));
    let ((a, exact), (b, _)) = (at_scale(&a0, t), at_scale(&b0, tb));
    let name = &format!("{} {M}x{N} QR at 2^{t}", T::NAME);
    let (m, eps) = (M as f64, eps::<T>());
    let qr = match a.qr() {
        Ok(qr) => qr,
        Err(Error::Overflow) => {
            assert!(column_norm_reaches_max(&a), "{name}: qr: Overflow");
            return;
        }
        Err(e) => panic!("{name}: qr: {e}"),
    };
    let (q, r, q_full) = (qr.q(), qr.r(), qr.q_full());
    for i in 0..N {
        for j in 0..i {
            assert!(r[(i, j)] == T::zero(), "{name}: R not upper triangular");
        }
    }
    let s = unit_exponent(&a);
    let (a_s, q64, r_s) = (units(&a, s), mat_of(&q), units(&r, s));
    let norm_a = norm_1(&a_s);
    // Underflow: R's elements rounded once to the subnormals when scaled back (prescaled
    // matrices), and in the safe range the products of the reflections at A's scale: at
    // most (M + 1) per element of Q R, each `eta / 2` (Higham's model), through |Q| <= 1.
    let e_a = m * N as f64 * (m + 1.0) * times_pow2(T::ETA, s);
    let (value, err) = residual_1(&q64, &r_s, &a_s);
    assert_ratio(
        &format!("{name}: Q R"),
        (value, err + e_a),
        m * norm_a * eps,
        THRESH,
    );
    for (what, q) in [("Q^T Q", q64.clone()), ("full Q^T Q", mat_of(&q_full))] {
        let resid = residual_1(&transpose(&q), &q, &identity(q[0].len()));
        assert_ratio(&format!("{name}: {what}"), resid, m * eps, THRESH);
    }
    // Outside the safe range the factorization is that of the matrix scaled into [1, 2):
    // the same Q, and R scaled back.
    if exact && prescaled(&a) {
        let qr0 = a0.qr().expect("a normalized matrix factors");
        assert_eq!(q, qr0.q(), "{name}: Q of 2^t A");
        assert_eq!(q_full, qr0.q_full(), "{name}: full Q of 2^t A");
        assert_all_scaled(&format!("{name}: R"), &r, &qr0.r(), t);
    }

    // The least-squares solve.
    let sb = unit_exponent(&b);
    match qr.solve(&b) {
        Ok(x) => {
            let under = LsUnderflow {
                e_a,
                eta_b: times_pow2(T::ETA, sb),
                eta_x: times_pow2(T::ETA, sb - s),
            };
            let x_s = units(&x, sb - s);
            let what = format!("{name}: solve (b at 2^{tb})");
            check_normal_equations::<T>(&what, &a_s, &x_s, &units(&b, sb), &under);
        }
        Err(Error::Singular { index }) => {
            assert!(
                r[(index, index)] == T::zero(),
                "{name}: Singular at {index}"
            );
        }
        Err(Error::Overflow) => {
            let (a_n, _) = normalize(&a);
            let reference = a_n.qr().and_then(|f| f.solve(&normalize(&b).0));
            let kappa = a_n.cond().map_or(f64::INFINITY, |c| c.f64());
            let well_posed = kappa * C_LS * m * N as f64 * eps <= 0.25;
            if let (Ok(x), true) = (reference, well_posed) {
                assert!(reaches_overflow(&x, s - sb), "{name}: solve: Overflow");
            }
        }
        Err(e) => panic!("{name}: solve: {e}"),
    }
}

/// The constant of Householder least squares' backward error, `c m n eps` (Higham Thm.
/// 20.3 writes `gamma~_{mn}` with "a small integer constant"; `tests/qr.rs` fixes 4).
const C_LS: f64 = 4.0;

/// What a least-squares fit gives: the solution, the singular values, the squared residuals
/// and the rank.
type Fit<T, const N: usize> = (Matrix<T, N, 2>, Vec<T>, Option<Vec<T>>, usize);

/// [`fit_tall`] or [`fit_wide`].
type FitFn<T, const M: usize, const N: usize> =
    fn(&Matrix<T, M, N>, &Matrix<T, M, 2>) -> Result<Fit<T, N>, Error>;

/// `lstsq` of a tall or square system.
fn fit_tall<T: Float, const M: usize, const N: usize>(
    a: &Matrix<T, M, N>,
    b: &Matrix<T, M, 2>,
) -> Result<Fit<T, N>, Error> {
    let f = a.lstsq(b)?;
    let residuals = f.residuals.map(|r| r.iter().copied().collect());
    let values = f.singular_values.iter().copied().collect();
    Ok((f.solution, values, residuals, f.rank))
}

/// `lstsq_wide` of a wide system.
fn fit_wide<T: Float, const M: usize, const N: usize>(
    a: &Matrix<T, M, N>,
    b: &Matrix<T, M, 2>,
) -> Result<Fit<T, N>, Error> {
    let f = a.lstsq_wide(b)?;
    assert!(f.residuals.is_none(), "lstsq_wide gives no residuals");
    let values = f.singular_values.iter().copied().collect();
    Ok((f.solution, values, None, f.rank))
}

/// `lstsq` or `lstsq_wide` (`fit`): the normal equations, exact equivariance (both work on
/// the system with `A` and `b` each scaled into `[1, 2)`), and `Overflow` exactly where the
/// scaled-back solution or a singular value leaves the range.
fn lstsq_case<T: Float, const M: usize, const N: usize>(
    a: &Matrix<f64, M, N>,
    t: i32,
    b: &Matrix<f64, M, 2>,
    tb: i32,
    fit: FitFn<T, M, N>,
) {
    let (a0, b0) = (in_type::<T, M, N>(a), in_type::<T, M, 2>(b));
    let ((a, exact_a), (b, exact_b)) = (at_scale(&a0, t), at_scale(&b0, tb));
    let name = &format!("{} {M}x{N} lstsq at 2^{t}, b at 2^{tb}", T::NAME);
    let (s, sb) = (unit_exponent(&a), unit_exponent(&b));
    match fit(&a, &b) {
        Ok((x, sv, residuals, rank)) => {
            assert!(rank <= M.min(N), "{name}: rank {rank}");
            assert!(
                sv.windows(2).all(|w| w[0] >= w[1]),
                "{name}: singular values"
            );
            // The system is solved scaled into range: only the scaling back of x rounds.
            let under = LsUnderflow {
                e_a: 0.0,
                eta_b: 0.0,
                eta_x: times_pow2(T::ETA, sb - s),
            };
            let x_s = units(&x, sb - s);
            check_normal_equations::<T>(name, &units(&a, s), &x_s, &units(&b, sb), &under);
            if exact_a && exact_b {
                let (x0, sv0, res0, rank0) = fit(&a0, &b0).expect("a normalized system");
                assert_eq!(rank, rank0, "{name}: rank of 2^t A");
                assert_all_scaled(&format!("{name}: solution"), &x, &x0, tb - t);
                for (k, (&v, &v0)) in sv.iter().zip(&sv0).enumerate() {
                    assert_scaled(&format!("{name}: s[{k}]"), v, v0, t);
                }
                assert_eq!(residuals.is_some(), res0.is_some(), "{name}: residuals");
                let pairs = residuals.iter().flatten().zip(res0.iter().flatten());
                for (k, (&v, &v0)) in pairs.enumerate() {
                    assert_scaled(&format!("{name}: residual {k}"), v, v0, 2 * tb);
                }
            }
        }
        Err(Error::Overflow) => {
            let ((a_n, s), (b_n, sb)) = (normalize(&a), normalize(&b));
            let (x0, sv0, _, _) = fit(&a_n, &b_n).expect("a normalized system");
            let beyond = |v: T, k: i32| times_pow2(v, k).is_infinite();
            assert!(
                x0.iter().any(|&v| beyond(v, s - sb)) || sv0.iter().any(|&v| beyond(v, -s)),
                "{name}: Overflow where the answer fits"
            );
        }
        Err(e) => panic!("{name}: {e}"),
    }
}

// --- matrices in the subnormals ----------------------------------------------------------

/// A matrix whose elements are all subnormal and a right-hand side at the same scale (so
/// that the solution is of ordinary size, about `kappa`), in scaled units: `(a, b, a_s,
/// b_s, x-scale, name)`.
#[allow(clippy::type_complexity)]
fn subnormal_system<T: Float, const N: usize>(
    a: &Matrix<f64, N, N>,
    b: &Matrix<f64, N, 2>,
    t: i32,
) -> (Matrix<T, N, N>, Matrix<T, N, 2>, Mat, Mat, i32, String) {
    let (a0, b0) = (in_type::<T, N, N>(a), in_type::<T, N, 2>(b));
    let ((a, _), (b, _)) = (at_scale(&a0, t), at_scale(&b0, t));
    let (s, sb) = (unit_exponent(&a), unit_exponent(&b));
    let name = format!("{} {N}x{N} at 2^{t}, b at 2^{t}", T::NAME);
    (a, b, units(&a, s), units(&b, sb), sb - s, name)
}

/// `solve` of a subnormal system ([`subnormal_system`]). The README promises that where the
/// plain computation would lose the subnormal digits on the way, `solve` (with `inverse`,
/// `det`, `Qr::solve`, `lstsq` and `pseudo_inverse`) works on copies scaled by powers of two.
/// So xGET02 must hold as for a matrix in the normal range, with no allowance for underflow
/// in the factorization or the substitutions: only the rounding of the solution itself
/// (`eta_x / 2` per element, through `||A||_1`). `Singular` is allowed where the subnormal
/// matrix is exactly singular (a zero pivot).
fn subnormal_lu_solve<T: Float, const N: usize>(
    a: &Matrix<f64, N, N>,
    b: &Matrix<f64, N, 2>,
    t: i32,
) {
    let (a, b, a_s, b_s, sx, name) = subnormal_system::<T, N>(a, b, t);
    match a.solve(&b) {
        Ok(x) => {
            let under = Underflow {
                d_a: 0.0,
                eta_b: 0.0,
                eta_y: 0.0,
                eta_x: times_pow2(T::ETA, sx),
                f_norm: 0.0,
                fg_norm: norm_1(&a_s),
            };
            let what = format!("{name}: solve");
            check_solve::<T>(&what, &a_s, &units(&x, sx), &b_s, &under);
        }
        Err(Error::Singular { index }) => assert_zero_pivot(&name, &a, index),
        Err(e) => panic!("{name}: solve: {e}"),
    }
}

/// `Qr::solve` of a subnormal system, as [`subnormal_lu_solve`]: the normal equations with
/// only the solution's rounding allowed for; `Singular` only for an exactly zero `r_kk`.
fn subnormal_qr_solve<T: Float, const N: usize>(
    a: &Matrix<f64, N, N>,
    b: &Matrix<f64, N, 2>,
    t: i32,
) {
    let (a, b, a_s, b_s, sx, name) = subnormal_system::<T, N>(a, b, t);
    let qr = a.qr().expect("subnormal elements factor");
    match qr.solve(&b) {
        Ok(x) => {
            let under = LsUnderflow {
                e_a: 0.0,
                eta_b: 0.0,
                eta_x: times_pow2(T::ETA, sx),
            };
            let what = format!("{name}: Qr::solve");
            check_normal_equations::<T>(&what, &a_s, &units(&x, sx), &b_s, &under);
        }
        Err(Error::Singular { index }) => {
            assert!(
                qr.r()[(index, index)] == T::zero(),
                "{name}: Singular at {index}"
            );
        }
        Err(e) => panic!("{name}: Qr::solve: {e}"),
    }
}

/// An exponent that makes every element of `2^t a0` subnormal.
fn subnormal_exponent<T: Float>() -> impl Strategy<Value = i32> {
    T::DENORM_EXP..T::MIN_NORMAL_EXP
}

/// The smallest system of the two open findings below, by hand: `A = 4 eta [[1, 3/4], [3/4,
/// 1]]` (every element exact, condition number 7), `b = 4 eta [1, 0]` (and a second column
/// `eta [4, 2]`); the solution is `[16/7, -12/7]`. LU rounds `l_10 u_01 = 2.25 eta` to `2 eta`,
/// so `u_11` is `2 eta` for `1.75 eta`, and `solve` returns `[2, -1.5]`; `Qr::solve` returns
/// `[2.6, -2]` from `R` rounded to the subnormals. (`lstsq`, which works on the system scaled
/// into range, gives `[2.2857142857142856, -1.7142857142857144]`.)
fn smallest_subnormal_system() -> (Matrix<f64, 2, 2>, Matrix<f64, 2, 2>) {
    let a = Matrix::new([[1.0, 0.75], [0.75, 1.0]]);
    let b = Matrix::new([[1.0, 1.0], [0.0, 0.5]]);
    (a, b)
}

/// Regression test of `solve_of_a_subnormal_matrix` (see [`smallest_subnormal_system`]).
#[test]
fn solve_of_the_smallest_subnormal_system() {
    let (a, b) = smallest_subnormal_system();
    subnormal_lu_solve::<f64, 2>(&a, &b, f64::DENORM_EXP + 2);
    subnormal_lu_solve::<f32, 2>(&a, &b, f32::DENORM_EXP + 2);
}

/// Regression test of `qr_solve_of_a_subnormal_matrix` (see [`smallest_subnormal_system`]).
#[test]
fn qr_solve_of_the_smallest_subnormal_system() {
    let (a, b) = smallest_subnormal_system();
    subnormal_qr_solve::<f64, 2>(&a, &b, f64::DENORM_EXP + 2);
    subnormal_qr_solve::<f32, 2>(&a, &b, f32::DENORM_EXP + 2);
}

// --- properties -------------------------------------------------------------------------

macro_rules! square_properties {
    ($($name:ident => $n:literal),*) => {$(
        mod $name {
            use super::*;
            proptest! {
                #![proptest_config(ProptestConfig::with_cases(CASES))]
                #[test]
                fn lu_det_inverse_solve(
                    a in general::<$n, $n>(), b in general::<$n, 2>(),
                    t64 in exponent::<f64>(), tb64 in exponent::<f64>(),
                    t32 in exponent::<f32>(), tb32 in exponent::<f32>(),
                ) {
                    lu_case::<f64, $n>(&a, t64, &b, tb64);
                    lu_case::<f32, $n>(&a, t32, &b, tb32);
                }
                #[test]
                                fn solve_of_a_subnormal_matrix(
                    a in general::<$n, $n>(), b in general::<$n, 2>(),
                    t64 in subnormal_exponent::<f64>(), t32 in subnormal_exponent::<f32>(),
                ) {
                    subnormal_lu_solve::<f64, $n>(&a, &b, t64);
                    subnormal_lu_solve::<f32, $n>(&a, &b, t32);
                }
                #[test]
                                fn qr_solve_of_a_subnormal_matrix(
                    a in general::<$n, $n>(), b in general::<$n, 2>(),
                    t64 in subnormal_exponent::<f64>(), t32 in subnormal_exponent::<f32>(),
                ) {
                    subnormal_qr_solve::<f64, $n>(&a, &b, t64);
                    subnormal_qr_solve::<f32, $n>(&a, &b, t32);
                }
                #[test]
                fn cholesky_det_inverse_solve(
                    h in spd::<$n>(), b in general::<$n, 2>(),
                    t64 in exponent::<f64>(), tb64 in exponent::<f64>(),
                    t32 in exponent::<f32>(), tb32 in exponent::<f32>(),
                ) {
                    cholesky_case::<f64, $n>(&h, t64, &b, tb64);
                    cholesky_case::<f32, $n>(&h, t32, &b, tb32);
                }
            }
        }
    )*};
}

square_properties!(n1 => 1, n2 => 2, n3 => 3, n4 => 4, n5 => 5, n6 => 6, n7 => 7, n8 => 8);

macro_rules! tall_properties {
    ($($name:ident => ($m:literal, $n:literal)),*) => {$(
        mod $name {
            use super::*;
            proptest! {
                #![proptest_config(ProptestConfig::with_cases(CASES))]
                #[test]
                fn qr_and_least_squares(
                    a in general::<$m, $n>(), b in general::<$m, 2>(),
                    t64 in exponent::<f64>(), tb64 in exponent::<f64>(),
                    t32 in exponent::<f32>(), tb32 in exponent::<f32>(),
                ) {
                    qr_case::<f64, $m, $n>(&a, t64, &b, tb64);
                    qr_case::<f32, $m, $n>(&a, t32, &b, tb32);
                    lstsq_case::<f64, $m, $n>(&a, t64, &b, tb64, fit_tall);
                    lstsq_case::<f32, $m, $n>(&a, t32, &b, tb32, fit_tall);
                }
            }
        }
    )*};
}

tall_properties!(
    s1x1 => (1, 1), s2x2 => (2, 2), s3x3 => (3, 3), s5x5 => (5, 5), s8x8 => (8, 8),
    s3x1 => (3, 1), s5x3 => (5, 3), s8x2 => (8, 2), s7x6 => (7, 6)
);

macro_rules! wide_properties {
    ($($name:ident => ($m:literal, $n:literal)),*) => {$(
        mod $name {
            use super::*;
            proptest! {
                #![proptest_config(ProptestConfig::with_cases(CASES))]
                #[test]
                fn least_squares(
                    a in general::<$m, $n>(), b in general::<$m, 2>(),
                    t64 in exponent::<f64>(), tb64 in exponent::<f64>(),
                    t32 in exponent::<f32>(), tb32 in exponent::<f32>(),
                ) {
                    lstsq_case::<f64, $m, $n>(&a, t64, &b, tb64, fit_wide);
                    lstsq_case::<f32, $m, $n>(&a, t32, &b, tb32, fit_wide);
                }
            }
        }
    )*};
}

wide_properties!(w1x3 => (1, 3), w3x5 => (3, 5), w2x7 => (2, 7), w4x4 => (4, 4));
