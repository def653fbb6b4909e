//! Puts the target's memory map (`memory/<target>.x`) where the linker looks for `memory.x`.

use std::{env, fs, path::PathBuf};

fn main() {
    let target = env::var("TARGET").unwrap_or_default();
    // The stack figures of the decompositions (feature `stack-figures`, `stack_figures.sh`)
    // need more flash and RAM than a small part has: a map of their own, within QEMU's.
    let stack_figures = env::var_os("CARGO_FEATURE_STACK_FIGURES").is_some();
    let map = if stack_figures {
        if !target.starts_with("thumbv7em") {
            panic!("the stack figures run on thumbv7em-none-eabihf only, not on {target}");
        }
        "memory/thumbv7em-stack-figures.x"
    } else if target.starts_with("thumbv7em") {
        "memory/thumbv7em.x"
    } else if target.starts_with("thumbv6m") {
        "memory/thumbv6m.x"
    } else if target.starts_with("riscv32") {
        "memory/riscv32.x"
    } else {
        panic!(
            "no memory map for target {target}: the demo runs on thumbv7em-none-eabihf, thumbv6m-none-eabi and riscv32imc-unknown-none-elf"
        );
    };
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    fs::copy(map, out.join("memory.x")).expect("copy the memory map");
    println!("cargo:rustc-link-search={}", out.display());
    println!("cargo:rerun-if-changed={map}");
    println!("cargo:rerun-if-changed=build.rs");
}
