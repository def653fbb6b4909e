//! The entry point, the exit through semihosting, and the fault and panic handlers, for
//! cortex-m-rt (Arm) and riscv-rt (RISC-V).

use semihosting::process;

#[cfg(target_arch = "arm")]
#[cortex_m_rt::entry]
fn main() -> ! {
    finish()
}

#[cfg(target_arch = "riscv32")]
#[riscv_rt::entry]
fn main() -> ! {
    finish()
}

/// Runs the demo and exits with its status.
fn finish() -> ! {
    if cfg!(feature = "force-fault") {
        fault();
    }
    process::exit(crate::run_all())
}

/// An undefined instruction, for the `force-fault` test build.
#[cfg(target_arch = "arm")]
fn fault() {
    // SAFETY: `udf` only raises the HardFault that the handler below turns into an exit.
    unsafe { core::arch::asm!("udf #0") };
}

/// An illegal instruction, for the `force-fault` test build.
#[cfg(target_arch = "riscv32")]
fn fault() {
    // SAFETY: `unimp` only raises the exception that the handler below turns into an exit.
    unsafe { core::arch::asm!("unimp") };
}

/// cortex-m-rt's default handler spins forever and QEMU would never exit.
#[cfg(target_arch = "arm")]
#[cortex_m_rt::exception]
unsafe fn HardFault(_frame: &cortex_m_rt::ExceptionFrame) -> ! {
    crate::out::line(&[b"HardFault"]);
    process::exit(2)
}

/// riscv-rt's default handler spins forever and QEMU would never exit.
#[cfg(target_arch = "riscv32")]
#[unsafe(export_name = "ExceptionHandler")]
fn exception_handler(_frame: &riscv_rt::TrapFrame) -> ! {
    crate::out::line(&[b"exception"]);
    process::exit(2)
}

/// A silent panic handler: exit status 101, no message (the `panic-message` feature prints
/// it instead, at a cost in flash).
#[cfg(not(any(feature = "panic-message", feature = "no-panic")))]
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo) -> ! {
    process::exit(101)
}

/// The no-panic proof: a panic handler that calls a function defined nowhere. The program
/// links only if the optimiser removed every call to the panic handler, that is, if no
/// panic is reachable from anything the demo calls.
#[cfg(feature = "no-panic")]
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo) -> ! {
    unsafe extern "C" {
        fn statrix_demo_a_panic_is_reachable() -> !;
    }
    // SAFETY: never called in a program that links (see above).
    unsafe { statrix_demo_a_panic_is_reachable() }
}
