//! The `no_std` demo's Kalman filter on the host: a constant-velocity model (state
//! `[x, y, vx, vy]`) tracking a target from noisy position measurements, the very code that
//! runs on the microcontrollers (`no_std-demo/src/kalman.rs`, included here), printing the
//! estimate against the truth every few steps.
//!
//! Run with `cargo run --release --example kalman`. Exits with an error if the final
//! estimate is not within the bounds the demo checks.

#[path = "../no_std-demo/src/kalman.rs"]
#[allow(dead_code)]
mod kalman;
#[path = "../no_std-demo/src/noise.rs"]
mod noise;

/// What the demo's sections return (the included module names it).
type Check = Result<(), &'static str>;

/// `Err(what)` unless `ok`, as in the demo.
fn check(ok: bool, what: &'static str) -> Check {
    if ok { Ok(()) } else { Err(what) }
}

fn main() -> Result<(), &'static str> {
    println!(
        "constant-velocity Kalman filter, {} steps, measurement noise {}",
        kalman::STEPS,
        kalman::SIGMA
    );
    println!("step   measured (x, y)      estimate (x, y)      truth (x, y)     |error|");
    let last = kalman::track(7, |step, z, state| {
        if step % 5 == 4 || step == 0 {
            let (e, t) = (state.estimate, state.truth);
            let error = ((e[(0, 0)] - t[(0, 0)]).powi(2) + (e[(1, 0)] - t[(1, 0)]).powi(2)).sqrt();
            println!(
                "{:>4}   ({:>7.3}, {:>7.3})   ({:>7.3}, {:>7.3})   ({:>7.3}, {:>7.3})   {:.3}",
                step + 1,
                z[(0, 0)],
                z[(1, 0)],
                e[(0, 0)],
                e[(1, 0)],
                t[(0, 0)],
                t[(1, 0)],
                error
            );
        }
    })?;
    println!(
        "velocity estimate ({:.3}, {:.3}), true ({:.3}, {:.3})",
        last.estimate[(2, 0)],
        last.estimate[(3, 0)],
        last.truth[(2, 0)],
        last.truth[(3, 0)]
    );
    // The demo's own checks, on the host.
    kalman::run()?;
    println!("the demo's checks pass on the host too");
    Ok(())
}
