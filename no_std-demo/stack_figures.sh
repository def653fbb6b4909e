#!/usr/bin/env bash
# The painted stack of every decomposition and of the operations built on them, at sizes 3, 6
# and 16 in f32 and f64, on the Cortex-M4F under QEMU (`src/bin/stack_figures.rs`, feature
# `stack-figures`; opt-level "s", LTO, one codegen unit, as the demo). Builds and runs it, and
# prints a markdown table: the bytes of stack each call used below its caller (which holds the
# result), beside the size of one n x n matrix, and at 16x16 how many matrices that is.
# Exits non-zero if the run fails (a check of a result failed, or the stack reached the
# statics).
#
#   bash stack_figures.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Two builds, each with its own set of rows (see `measure_all` in the program): no entry
# point has two callers in one program.
output=""
for features in stack-figures stack-figures-second-set; do
    cargo build --release --quiet --features "${features}" --bin stack_figures
    run=$(timeout 300 cargo run --release --quiet --features "${features}" --bin stack_figures 2>&1) || {
        echo "${run}"
        echo "stack_figures (${features}): the run failed"
        exit 1
    }
    output="${output}${run}"$'\n'
done

echo "${output}" | awk '
    # stack <row> <entry point> <type> <n> <bytes>
    $1 == "stack" { key = $3; entry[$2 + 0] = key; if ($2 + 0 > last) last = $2 + 0; v[key, $4, $5] = $6 }
    # `lu()+Lu::solve` as `lu()` + `Lu::solve`; `det:singular` as `det`, singular input.
    function label(key,    parts, i, s, singular) {
        if (key == "nothing") return "(nothing: an empty call, the unpainted gap)"
        singular = sub(/:singular$/, "", key)
        split(key, parts, "+")
        s = "`" parts[1] "`"
        for (i = 2; i in parts; i++) s = s " + `" parts[i] "`"
        return singular ? s ", singular input (the error path)" : s
    }
    function group(x,    s) { # 12345 -> 12,345
        s = ""
        while (x >= 1000) { s = sprintf(",%03d", x % 1000) s; x = int(x / 1000) }
        return x s
    }
    END {
        split("3 6 16", sizes, " ")
        print "| entry point | f32 3x3 | f32 6x6 | f32 16x16 | f64 3x3 | f64 6x6 | f64 16x16 | 16x16 in matrices, f32 | f64 |"
        print "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        row = "| one n x n matrix (n n size_of T) |"
        for (t = 4; t <= 8; t += 4) for (i = 1; i <= 3; i++) row = row " " group(sizes[i] * sizes[i] * t) " |"
        print row " 1 | 1 |"
        for (r = 0; r <= last; r++) {
            if (!(r in entry)) continue
            key = entry[r]
            if (key in printed) continue
            printed[key] = 1
            row = "| " label(key) " |"
            for (t = 1; t <= 2; t++) {
                type = t == 1 ? "f32" : "f64"
                for (i = 1; i <= 3; i++) row = row " " group(v[key, type, sizes[i]]) " |"
            }
            # At 16x16, the figure over the size of one matrix (1,024 B in f32, 2,048 B in f64).
            row = row sprintf(" %.1f | %.1f |", v[key, "f32", 16] / 1024, v[key, "f64", 16] / 2048)
            print row
        }
    }'
