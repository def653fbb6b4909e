//! A 6x6 linear system by LU with partial pivoting, NumPy's `np.linalg.solve(a, b)`: a
//! non-symmetric, diagonally dominant matrix and a right-hand side made from a known
//! solution.

use core::hint::black_box;

use statrix::{Matrix, Vector};

use crate::{Check, check};

const N: usize = 6;

#[inline(never)]
pub fn run() -> Check {
    let a = Matrix::<f32, N, N>::from_fn(|i, j| {
        if i == j {
            10.0 + i as f32
        } else {
            1.0 / (1.0 + i as f32 + 2.0 * j as f32)
        }
    });
    let x_true = Vector::<f32, N>::from_fn(|i, _| {
        if i % 2 == 0 {
            i as f32 + 1.0
        } else {
            -(i as f32) - 1.0
        }
    });
    let b = a * x_true;
    // black_box: solved at run time on the target, not folded by the compiler.
    let x = black_box(a)
        .lu()
        .map_err(|_| "LU failed")?
        .solve(&black_box(b))
        .map_err(|_| "solve failed")?;
    // Forward error: LU with partial pivoting is backward stable, |dA| <= gamma_n |L||U|
    // (Higham, Accuracy and Stability, thm. 9.4), so |x - x_true| / |x_true| <= cond(A)
    // gamma_n times a small growth factor; cond_inf(A) < 1.5 here (diagonally dominant:
    // every off-diagonal row sum is below 1.5, the diagonal at least 10) and gamma_6 is
    // 6 eps / (1 - 6 eps). 32 eps covers it with room for the growth factor.
    let eps = f32::EPSILON;
    let err = (x - x_true).iter().fold(0.0f32, |m, e| m.max(e.abs()));
    let size = x_true.iter().fold(0.0f32, |m, e| m.max(e.abs()));
    check(
        err <= 32.0 * eps * size,
        "|x - x_true| above 32 eps |x_true|",
    )?;
    // A singular matrix is an error, not a panic.
    let singular = Matrix::<f32, N, N>::from_fn(|i, j| (i + j) as f32);
    check(
        singular.lu().and_then(|lu| lu.solve(&b)).is_err(),
        "a singular system was solved",
    )
}
