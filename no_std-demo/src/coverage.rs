//! More entry points for the no-panic proof (feature `coverage`; not part of the default
//! demo): the rest of the decompositions, norms, activations and statistics, on `f32`
//! matrices of sizes 3, 4 and 6, in groups. `measure.sh` reports which groups still link a
//! panic path (`RUSTFLAGS="--cfg coverage_only --cfg coverage_group=\"qr\""` builds one group alone). Each result
//! is folded into one number so that none is optimised away; the run checks that it is
//! finite.

use core::hint::black_box;

use statrix::{Matrix, QuantileMethod, SvdMethod, SymmetricEigenMethod};

use crate::{Check, check};

/// The plain sum of the elements (not the crate's pairwise `sum`, which is tested on its own
/// in the `statistics` group).
fn total_of<const R: usize, const C: usize>(m: &Matrix<f32, R, C>) -> f32 {
    m.iter().fold(0.0, |acc, &x| acc + x)
}

/// Folds a result into the running total (NaN for an error).
fn fold<T, E>(total: &mut f32, result: Result<T, E>, value: impl Fn(&T) -> f32) {
    *total += result.as_ref().map_or(f32::NAN, value);
}

/// Whether group `name` is built: every group unless `--cfg coverage_only` and `--cfg coverage_group="..."` name one.
macro_rules! group {
    ($name:literal, $body:block) => {
        #[cfg(any(not(coverage_only), coverage_group = $name))]
        $body
    };
}

fn entry_points<const N: usize>(seed: f32) -> f32 {
    let a = black_box(Matrix::<f32, N, N>::from_fn(|i, j| {
        (i * 3 + j * 5 + 1) as f32 * 0.125 * seed + if i == j { 2.0 } else { 0.0 }
    }));
    let tall = black_box(Matrix::<f32, 6, 3>::from_fn(|i, j| {
        ((i + 2 * j) % 5) as f32 - 1.5 * seed
    }));
    let spd = a.transpose() * a + Matrix::identity();
    let b = Matrix::<f32, N, 1>::from_fn(|i, _| i as f32 - 1.0);
    let mut total = 0.0f32;
    group!("qr", {
        fold(&mut total, a.qr(), |qr| qr.r()[(0, 0)]);
        fold(&mut total, tall.lstsq(&Matrix::<f32, 6, 1>::ones()), |x| {
            x.solution[(0, 0)]
        });
    });
    group!("singular-values", {
        fold(&mut total, a.pseudo_inverse(), |p| p[(0, 0)]);
        fold(&mut total, a.rank(), |&r| r as f32);
        fold(&mut total, a.cond(), |&c| c);
        fold(&mut total, a.norm_spectral(), |&x| x);
        fold(&mut total, a.norm_nuclear(), |&x| x);
    });
    group!("norms", {
        total += a.norm_induced_1() + a.norm_induced_inf() + a.norm() + a.norm_l1() + a.norm_linf();
        fold(&mut total, b.normalize(), total_of);
    });
    group!("eigen", {
        fold(&mut total, a.eigenvalues(), |w| w[(0, 0)].re);
        fold(&mut total, a.eigen(), |e| e.eigenvalues[(0, 0)].re);
    });
    group!("cholesky", {
        fold(&mut total, spd.cholesky(), |c| c.det());
        fold(&mut total, spd.cholesky().and_then(|c| c.inverse()), |x| {
            x[(0, 0)]
        });
        fold(&mut total, spd.cholesky().and_then(|c| c.solve(&b)), |x| {
            x[(0, 0)]
        });
    });
    group!("lu", {
        fold(&mut total, a.inverse(), |x| x[(0, 0)]);
        total += a.det();
    });
    group!("symmetric-eigen", {
        for method in [
            SymmetricEigenMethod::Jacobi,
            SymmetricEigenMethod::TridiagonalQl,
        ] {
            fold(&mut total, spd.symmetric_eigen_by(method), |e| {
                e.eigenvalues[(0, 0)]
            });
        }
    });
    group!("svd", {
        for method in [SvdMethod::Jacobi, SvdMethod::BidiagonalQr] {
            fold(&mut total, tall.svd_by(method), |s| {
                s.singular_values[(0, 0)]
            });
            fold(&mut total, tall.transpose().svd_wide_by(method), |s| {
                s.singular_values[(0, 0)]
            });
        }
    });
    group!("activations", {
        total +=
            total_of(&(a.relu() + a.sigmoid() + a.tanh() + a.gelu() + a.silu() + a.softplus()));
        total += total_of(&(a.softmax_axis0() + a.softmax_axis1() + a.log_softmax_axis1()));
    });
    group!("statistics", {
        total += a.mean() + a.var(1) + a.std(0) + a.median();
        total += total_of(&(a.mean_axis0() + a.std_axis0(1) + a.median_axis0())) + a.sum();
        fold(&mut total, a.quantile(0.3, QuantileMethod::Nearest), |&q| q);
        fold(
            &mut total,
            a.percentile_axis1(75.0, QuantileMethod::Midpoint),
            total_of,
        );
        total += total_of(&a.cov_vars_in_cols(1)) + total_of(&a.corrcoef_vars_in_rows());
        total += total_of(&a.zscore(0)) + total_of(&a.min_max_scale());
    });
    total
}

#[inline(never)]
pub fn run() -> Check {
    let total = entry_points::<3>(1.0) + entry_points::<4>(0.5) + entry_points::<6>(0.25);
    check(
        total.is_finite(),
        "an entry point failed or returned a non-finite value",
    )
}
