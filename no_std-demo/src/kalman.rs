//! A constant-velocity Kalman filter (state `[x, y, vx, vy]`, position measured with noise)
//! tracking a target over 40 steps: the textbook predict and update, with the gain from a
//! Cholesky solve of the 2x2 innovation covariance instead of an inverse.

use core::hint::black_box;

use statrix::{Matrix, Vector, matrix};

use crate::noise::Noise;
use crate::{Check, check};

pub const STEPS: usize = 40;
const DT: f32 = 0.1;
/// The measurement noise's standard deviation.
pub const SIGMA: f32 = 0.5;
/// The true starting position and velocity.
const START: [f32; 4] = [2.0, -1.0, 1.0, -0.5];

/// The state of a track.
#[derive(Clone, Copy)]
pub struct Track {
    /// The filter's estimate of `[x, y, vx, vy]`.
    pub estimate: Vector<f32, 4>,
    /// Its covariance.
    pub covariance: Matrix<f32, 4, 4>,
    /// The true state.
    pub truth: Vector<f32, 4>,
}

/// The filter after `STEPS` measurements of a target moving at constant velocity from
/// `START`, with measurement noise from `Noise::new(seed, SIGMA)`; `observe` sees each step
/// (its index, the measurement, and the state so far). `Err` if a covariance loses positive
/// definiteness. (`examples/kalman.rs` runs the same filter on the host.)
pub fn track(
    seed: u32,
    mut observe: impl FnMut(usize, &Vector<f32, 2>, &Track),
) -> Result<Track, &'static str> {
    let f = matrix![1.0, 0.0, DT, 0.0;
                    0.0, 1.0, 0.0, DT;
                    0.0, 0.0, 1.0, 0.0;
                    0.0, 0.0, 0.0, 1.0f32];
    let h = matrix![1.0, 0.0, 0.0, 0.0;
                    0.0, 1.0, 0.0, 0.0f32];
    let q = Matrix::<f32, 4, 4>::identity() * 1e-4;
    let r = Matrix::<f32, 2, 2>::identity() * (SIGMA * SIGMA);
    let mut noise = Noise::new(seed, SIGMA);
    let mut truth = Vector::<f32, 4>::new(START.map(|x| [x]));
    // No prior knowledge: at the origin, at rest, very uncertain.
    let mut x = Vector::<f32, 4>::zeros();
    let mut p = Matrix::<f32, 4, 4>::identity() * 100.0;
    for step in 0..STEPS {
        truth = f * truth;
        let z = h * truth + Vector::<f32, 2>::from_fn(|_, _| noise.next());
        // Predict.
        x = f * x;
        p = f * p * f.transpose() + q;
        // Update: K = P H^T S^-1, computed as K^T = S^-1 (H P) (S and P symmetric).
        let hp = h * p;
        let s = hp * h.transpose() + r;
        let k = s
            .cholesky()
            .map_err(|_| "S not positive definite")?
            .solve(&hp)
            .map_err(|_| "gain")?
            .transpose();
        x = x + k * (z - h * x);
        p = (Matrix::identity() - k * h) * p;
        p = (p + p.transpose()) * 0.5;
        let state = Track {
            estimate: x,
            covariance: p,
            truth,
        };
        observe(step, &z, &state);
    }
    Ok(Track {
        estimate: x,
        covariance: p,
        truth,
    })
}

#[inline(never)]
pub fn run() -> Check {
    let Track {
        estimate: x,
        covariance: p,
        truth,
    } = track(black_box(7), |_, _, _| {})?;
    // With 40 measurements of noise SIGMA, the least-squares fit of a straight track has a
    // position error of about SIGMA sqrt(4 / 40) = 0.16 at the last step and a velocity
    // error of about SIGMA sqrt(12 / 40^3) / DT = 0.07 (the filter, started uninformed with
    // little process noise, is that fit); the checks allow three times those.
    let e = x - truth;
    let position = Vector::<f32, 2>::from_fn(|i, _| e[(i, 0)]).norm();
    let velocity = Vector::<f32, 2>::from_fn(|i, _| e[(i + 2, 0)]).norm();
    check(
        position <= 0.5,
        "position error above 3 x its expected size",
    )?;
    check(
        velocity <= 0.2,
        "velocity error above 3 x its expected size",
    )?;
    // The covariance stays positive definite, and the filter is surer of the position than
    // one measurement is.
    check(
        p.cholesky().is_ok(),
        "final covariance not positive definite",
    )?;
    check(
        p[(0, 0)] < SIGMA * SIGMA && p[(1, 1)] < SIGMA * SIGMA,
        "position variance not below a measurement's",
    )
}
