#!/usr/bin/env bash
# Clean `cargo build --release` wall-clock time of statrix (default features), nalgebra and
# glam (each with its default features), for the README's build-time table.
#
#     bash benches/build_times.sh          # from the repository root; a few minutes
#
# Each library is built as the only dependency of an empty probe crate written under
# target/build-times/<library>/, in a fresh CARGO_TARGET_DIR of its own
# (target/build-times/<library>/target, deleted first), so that nothing is shared between the
# builds and every dependency is compiled. The probes copy the workspace's Cargo.lock, so the
# versions are the ones the benches use (cargo adds what a default feature needs and the
# workspace does not). The time covers the whole build (every dependency, the library and the
# empty probe, which takes well under a second), as a user's first build of a project that
# uses the library; downloads are done beforehand (`cargo fetch`) and not timed. It depends on
# the machine and on its load: run it on an idle machine, and compare the libraries within
# one run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/target/build-times"
mkdir -p "$work"

# name, dependency line of the probe's Cargo.toml
libraries=(
    "statrix|statrix = { path = \"$root\" }"
    "nalgebra|nalgebra = \"0.35\""
    "glam|glam = \"0.34\""
)

results=()
for entry in "${libraries[@]}"; do
    name="${entry%%|*}"
    dep="${entry#*|}"
    dir="$work/$name"
    rm -rf "$dir"
    mkdir -p "$dir/src"
    cat > "$dir/Cargo.toml" <<EOF
[package]
name = "build-time-$name"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$dep

[workspace]
EOF
    : > "$dir/src/lib.rs"
    cp "$root/Cargo.lock" "$dir/Cargo.lock"
    export CARGO_TARGET_DIR="$dir/target"
    (cd "$dir" && cargo fetch --quiet)
    start=$(date +%s.%N)
    (cd "$dir" && cargo build --release --quiet)
    end=$(date +%s.%N)
    # Libraries and proc-macros in the output, less the probe itself.
    crates=$(find "$CARGO_TARGET_DIR/release/deps" \( -name '*.rlib' -o -name '*.so' \) | wc -l)
    seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
    results+=("| $name | $seconds s | $((crates - 1)) |")
done

echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(rustc --version)"
echo
echo "| library (default features) | clean \`cargo build --release\` | crates compiled (it and its dependencies) |"
echo "| --- | --- | --- |"
printf '%s\n' "${results[@]}"
