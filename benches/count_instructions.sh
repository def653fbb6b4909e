#!/usr/bin/env bash
# Instructions per call of the small and medium products, determinants and inverses, statrix
# (and, for det and inverse, its cofactor forms) against nalgebra and glam,
# counted by callgrind (repeatable on a noisy machine, unlike nanosecond timings). Prints one
# line per group, as the README's instruction counts. Run from the repository root:
#
#     bash benches/count_instructions.sh
#
# Needs valgrind. Each op runs in `benches/src/bin/instructions.rs`; the count of one call is
# (total - baseline share) / calls, where the baseline is the loop and its `black_box` reads.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --quiet --release -p statrix-benches --bin instructions
bin=target/release/instructions
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" 2>&1 |
        awk '/Collected/ { print $4 }'
}
iterations=1000000
baseline=$(count baseline)
# Each spec is `group:n:more libraries` (beyond statrix and nalgebra).
specs="matmul_f32_4x4:4:glam matvec_f32_4x4:4:glam matmul_f64_4x4:4:glam
    matmul_f64_16x16:16: matmul_f64_32x32:32: matmul_f64_64x64:64:
    matmul_f32_32x32:32: matmul_f32_64x64:64:"
for op in det inverse; do
    for size in f32_2x2 f32_3x3 f32_4x4 f64_2x2 f64_3x3 f64_4x4; do
        specs="$specs ${op}_$size:4:statrix_cofactor,glam"
    done
done
for spec in $specs; do
    IFS=: read -r group n more <<< "$spec"
    # The small ops run `iterations` times; the N x N products `iterations / N^2` times.
    calls=$(( n <= 4 ? iterations : iterations / (n * n) ))
    line="$group:"
    for lib in statrix nalgebra ${more//,/ }; do
        total=$(count "$group/$lib")
        line="$line $lib=$(( (total - baseline * calls / iterations) / calls ))"
    done
    echo "$line"
done
