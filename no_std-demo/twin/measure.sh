#!/usr/bin/env bash
# Flash and stack of the four-operation program with statrix and with nalgebra on the
# Cortex-M4F (opt-level "s", LTO, one codegen unit, silent panic handler): the flash each
# operation adds to the empty program (.vector_table + .text + .rodata + .data), the four
# together, and the painted stack of each operation, from one run under QEMU per library.
# Prints a table; exits non-zero if a run fails. `bash measure.sh`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

size_tool=$(command -v llvm-size || true)
if [ -z "${size_tool}" ]; then
    rustup component add llvm-tools >/dev/null
    size_tool=$(find "$(rustc --print sysroot)" -name llvm-size -type f | head -n 1)
fi
elf=target/thumbv7em-none-eabihf/release/statrix-nalgebra-twin
flash() {
    "${size_tool}" -A "${elf}" | awk '$1 ~ /^\.(vector_table|text|rodata|data)$/ { s += $2 } END { print s }'
}

echo "library    empty   lu  eig  svd  mm (flash above empty, B)   all four   stack lu/eig/svd/mm, peak (B)"
for library in statrix nalgebra; do
    cargo build --release --quiet --features "${library}"
    empty=$(flash)
    deltas=""
    for op in lu eig svd mm; do
        cargo build --release --quiet --features "${library},${op}"
        deltas="${deltas} $(( $(flash) - empty ))"
    done
    cargo build --release --quiet --features "${library},lu,eig,svd,mm"
    all=$(( $(flash) - empty ))
    output=$(timeout 60 cargo run --release --quiet --features "${library},lu,eig,svd,mm" 2>&1) || {
        echo "${output}"
        echo "${library}: the run failed"
        exit 1
    }
    stacks=$(echo "${output}" | awk '/ stack / { printf "%s ", $(NF - 1); if ($(NF - 1) > peak) peak = $(NF - 1) } END { printf "peak %s", peak }')
    echo "${library} ${empty}${deltas}   ${all}   ${stacks}"
done
