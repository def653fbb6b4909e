//! Rigid alignment with the `no_std` demo's Kabsch routine (`no_std-demo/src/kabsch.rs`,
//! included here): recover the rotation and translation between two point clouds from the
//! 3x3 SVD of their cross-covariance, then the case where the naive answer would be a
//! reflection and the sign fix keeps a proper rotation.
//!
//! Run with `cargo run --release --example kabsch`. Exits with an error if a check fails.

#[path = "../no_std-demo/src/kabsch.rs"]
mod kabsch;

use statrix::{Matrix, Matrix3};

/// What the demo's sections return (the included module names it).
type Check = Result<(), &'static str>;

/// `Err(what)` unless `ok`, as in the demo.
fn check(ok: bool, what: &'static str) -> Check {
    if ok { Ok(()) } else { Err(what) }
}

fn main() -> Result<(), &'static str> {
    // Twelve points on a rigid body, turned by 1.1 rad about (2, -1, 2) / 3 and shifted.
    let p = Matrix::<f32, 12, 3>::from_fn(|i, j| ((i * 5 + j * 7) % 9) as f32 * 0.4 - 1.6);
    let (sin, cos) = 1.1f32.sin_cos();
    let r_true = kabsch::rotation([2.0 / 3.0, -1.0 / 3.0, 2.0 / 3.0], cos, sin);
    let t_true = Matrix::new([[1.0f32, 0.25, -3.0]]);
    let q = (p * r_true.transpose()).add_row_broadcast(&t_true);
    let (r, t) = kabsch::kabsch(&p, &q)?;
    println!("true rotation:\n{r_true}\nrecovered:\n{r}");
    println!("translation {t} (true {t_true}), det(R) = {:.6}", r.det());
    let error = (r - r_true).norm();
    println!("|R - R_true|_F = {error:.2e}");
    check(error <= 1e-5, "rotation not recovered")?;

    // The mirror image of q: the best orthogonal map is a reflection (det -1); the sign fix
    // returns the best proper rotation instead.
    let mirror = Matrix3::from_fn(|i, j| {
        if i != j {
            0.0
        } else if i == 0 {
            -1.0
        } else {
            1.0f32
        }
    });
    let (r, _) = kabsch::kabsch(&p, &(q * mirror))?;
    println!(
        "mirrored points: det(R) = {:.6} (a rotation, not a reflection)",
        r.det()
    );
    check((r.det() - 1.0).abs() <= 1e-5, "a reflection was returned")?;

    // The demo's own checks, on the host.
    kabsch::run()?;
    println!("the demo's checks pass on the host too");
    Ok(())
}
