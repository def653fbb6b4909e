#!/usr/bin/env bash
# The 4x4 f32 product and matrix-vector product in two builds that differ only in unrelated
# code (`--cfg statrix_bench_unrelated` compiles a few unrelated lines into the functions
# around the timed closures, see `benches/matmul.rs`), each with its own criterion table:
# a kernel whose speed depends on the code around it shows up as two different tables.
# Run from the repository root:
#
#     bash benches/two_builds.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
filter='matmul_f32_4x4|matvec_f32_4x4'
echo "build 1: the benches as committed"
cargo bench -q -p statrix-benches --bench matmul -- "$filter" > /dev/null
python3 benches/table.py "$filter" --command "cargo bench -p statrix-benches --bench matmul -- '$filter'"
echo
echo "build 2: with unrelated code compiled in"
RUSTFLAGS="--cfg statrix_bench_unrelated" CARGO_TARGET_DIR="$PWD/target/unrelated" \
    cargo bench -q -p statrix-benches --bench matmul -- "$filter" > /dev/null
python3 benches/table.py "$filter" --criterion "$PWD/target/unrelated/criterion" \
    --command "RUSTFLAGS='--cfg statrix_bench_unrelated' cargo bench -p statrix-benches --bench matmul -- '$filter'"
