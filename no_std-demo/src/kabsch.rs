//! Rigid alignment by the Kabsch algorithm: the rotation that best maps one set of 3-D points
//! onto another, from the SVD of their 3x3 cross-covariance, with the sign fix that keeps it
//! a rotation (determinant +1) rather than a reflection.

use core::hint::black_box;

use statrix::{Matrix, Matrix3};

use crate::{Check, check};

const POINTS: usize = 8;

/// The rotation `R` (and translation `t`) minimising `sum |R p_i + t - q_i|^2`, the points as
/// rows. `Err` if the SVD fails. (`examples/kabsch.rs` calls it on the host.)
pub fn kabsch<const P: usize>(
    p: &Matrix<f32, P, 3>,
    q: &Matrix<f32, P, 3>,
) -> Result<(Matrix3<f32>, Matrix<f32, 1, 3>), &'static str> {
    let (cp, cq) = (p.mean_axis0(), q.mean_axis0());
    let (pc, qc) = (p.sub_row_broadcast(&cp), q.sub_row_broadcast(&cq));
    // H = Pc^T Qc; with H = U S V^T, R = V diag(1, 1, d) U^T, d = sign(det(V U^T)).
    let svd = (pc.transpose() * qc).svd().map_err(|_| "SVD failed")?;
    let (v, u_t) = (svd.v_t.transpose(), svd.u.transpose());
    let d = if (v * u_t).det() < 0.0 { -1.0 } else { 1.0 };
    let fix = Matrix3::from_fn(|i, j| {
        if i != j {
            0.0
        } else if i == 2 {
            d
        } else {
            1.0
        }
    });
    let r = v * fix * u_t;
    let t = cq - cp * r.transpose();
    Ok((r, t))
}

/// The rotation about the unit `axis` by the angle whose cosine and sine are `c` and `s`
/// (Rodrigues' formula: `c I + s [k]x + (1 - c) k k^T`).
pub fn rotation(axis: [f32; 3], c: f32, s: f32) -> Matrix3<f32> {
    let k = axis;
    Matrix3::from_fn(|i, j| {
        let cross = match (i, j) {
            (0, 1) => -k[2],
            (0, 2) => k[1],
            (1, 0) => k[2],
            (1, 2) => -k[0],
            (2, 0) => -k[1],
            (2, 1) => k[0],
            _ => 0.0,
        };
        let diagonal = if i == j { c } else { 0.0 };
        diagonal + s * cross + (1.0 - c) * k[i] * k[j]
    })
}

#[inline(never)]
pub fn run() -> Check {
    // A rotation by 0.7 rad about the axis (1, 2, 2) / 3, and a shift.
    let r_true = rotation([1.0 / 3.0, 2.0 / 3.0, 2.0 / 3.0], 0.764_842_2, 0.644_217_7); // cos, sin 0.7
    let t_true = Matrix::new([[0.5f32, -1.25, 2.0]]);
    let p = Matrix::<f32, POINTS, 3>::from_fn(|i, j| ((i * 7 + j * 5) % 11) as f32 * 0.3 - 1.5);
    let q = (p * r_true.transpose()).add_row_broadcast(&t_true);
    let (r, t) = kabsch(&black_box(p), &black_box(q))?;
    // The data are exact, so R and t come back to rounding: the SVD's backward error (a few
    // eps times |H|, Jacobi) over the gap between H's singular values, here above a tenth of
    // the largest; 64 eps allows for that ratio.
    let eps = f32::EPSILON;
    check((r - r_true).norm() <= 64.0 * eps, "rotation not recovered")?;
    check(
        (t - t_true).norm() <= 64.0 * eps * 4.0,
        "translation not recovered",
    )?;
    check((r.det() - 1.0).abs() <= 16.0 * eps, "not a rotation")?;
    // Mirrored points: the best orthogonal map is a reflection, and the sign fix still
    // returns a rotation.
    let mirrored = q
        .map(|x| x)
        .hadamard(&Matrix::from_fn(|_, j| if j == 0 { -1.0 } else { 1.0 }));
    let (r, _) = kabsch(&p, &black_box(mirrored))?;
    check(
        (r.det() - 1.0).abs() <= 16.0 * eps,
        "a reflection was returned",
    )
}
