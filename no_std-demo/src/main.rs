//! statrix on a microcontroller, with no heap: real work, each piece checked, run under QEMU
//! on a Cortex-M4F (`thumbv7em-none-eabihf`), a Cortex-M0 (`thumbv6m-none-eabi`, soft float)
//! and a RISC-V core (`riscv32imc-unknown-none-elf`, soft float). It prints one line per
//! section with the stack that section used, and exits through semihosting with status 0
//! only when every check passed (1: a check failed; 2: a fault; 101: a panic), which
//! `cargo run --release` passes through. See `README.md` here.

#![no_std]
#![no_main]

#[cfg(feature = "coverage")]
mod coverage;
#[cfg(feature = "kabsch")]
mod kabsch;
#[cfg(feature = "kalman")]
mod kalman;
#[cfg(feature = "mlp")]
mod mlp;
mod platform;
#[cfg(feature = "random-streams")]
mod random_streams;
#[cfg(feature = "solve")]
mod solve;
#[cfg(feature = "square-root")]
mod square_root;
mod stack;
#[cfg(feature = "window-stats")]
mod window_stats;

#[cfg(any(feature = "kalman", feature = "mlp", feature = "window-stats"))]
mod noise;
mod out;

/// What a section returns: `Err` names the check that failed.
pub type Check = Result<(), &'static str>;

/// `Err(what)` unless `ok`.
pub fn check(ok: bool, what: &'static str) -> Check {
    if ok { Ok(()) } else { Err(what) }
}

/// A section: its name and what runs it.
type Section = (&'static str, fn() -> Check);

/// The sections, in the order they run.
const SECTIONS: &[Section] = &[
    #[cfg(feature = "kalman")]
    ("kalman", kalman::run),
    #[cfg(feature = "solve")]
    ("solve", solve::run),
    #[cfg(feature = "kabsch")]
    ("kabsch", kabsch::run),
    #[cfg(feature = "mlp")]
    ("mlp", mlp::run),
    #[cfg(feature = "window-stats")]
    ("window-stats", window_stats::run),
    #[cfg(feature = "random-streams")]
    ("random-streams", random_streams::run),
    #[cfg(feature = "square-root")]
    ("square-root", square_root::run),
    #[cfg(feature = "coverage")]
    ("coverage", coverage::run),
];

/// Runs every section and returns the exit status: 0 when all passed, 1 otherwise.
fn run_all() -> i32 {
    let mut status = 0;
    let top = stack::here();
    let mut peak = 0;
    for &(name, section) in SECTIONS {
        stack::paint(top);
        let result = core::hint::black_box(section)();
        let used = stack::used(top);
        peak = peak.max(used);
        let mut digits = [0; 20];
        let used = out::decimal(used, &mut digits);
        match result {
            Ok(()) => out::line(&[name.as_bytes(), b": ok, stack ", used, b" B"]),
            Err(what) => {
                out::line(&[name.as_bytes(), b": FAILED: ", what.as_bytes()]);
                status = 1;
            }
        }
    }
    #[cfg(feature = "defmt-log")]
    {
        use cortex_m as _; // the critical section defmt-rtt needs
        use defmt_rtt as _; // the global logger
        let m = statrix::matrix![1.0f32, 2.0; 3.0, 4.0];
        defmt::info!("a matrix: {}", m);
        defmt::info!("an error: {}", statrix::Error::Singular { index: 1 });
    }
    if cfg!(feature = "force-fail") {
        out::line(&[b"force-fail: FAILED"]);
        status = 1;
    }
    let mut digits = [0; 20];
    out::line(&[
        b"peak stack of a section: ",
        out::decimal(peak, &mut digits),
        b" B",
    ]);
    out::line(&[if status == 0 { b"PASS" } else { b"FAIL" }]);
    status
}
