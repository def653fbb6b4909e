//! Puts the demo's Cortex-M4F memory map where the linker looks for `memory.x`.

use std::{env, fs, path::PathBuf};

fn main() {
    let map = "../memory/thumbv7em.x";
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    fs::copy(map, out.join("memory.x")).expect("copy the memory map");
    println!("cargo:rustc-link-search={}", out.display());
    println!("cargo:rerun-if-changed={map}");
    println!("cargo:rerun-if-changed=build.rs");
}
