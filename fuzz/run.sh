#!/usr/bin/env bash
# Runs the fuzz targets for a given number of seconds each, starting from the committed
# seeds (`seeds/<target>/`: the inputs of every bug found, and a few small cases) in a fresh
# corpus directory, so the generated corpus is never committed. Prints one line per target:
# executions and findings; stops at the first finding (the crash file is in
# `artifacts/<target>/`; `cargo +nightly fuzz run <target> <file>` replays it).
#
#   bash fuzz/run.sh [seconds per target, default 20] [target ...]   (default: every target)
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Every input must
# finish within libFuzzer's `-timeout` (10 s): a hang is a finding, as is a panic or a
# failed check.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

seconds=${1:-20}
shift || true
if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo +nightly fuzz list)
fi

cargo +nightly fuzz build
for target in "${targets[@]}"; do
    corpus=$(mktemp -d)
    if [ -d "seeds/${target}" ]; then
        cp "seeds/${target}"/* "${corpus}/" 2>/dev/null || true
    fi
    log=$(mktemp)
    if ! cargo +nightly fuzz run "${target}" "${corpus}" -- \
        -max_total_time="${seconds}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        >"${log}" 2>&1; then
        tail -n 60 "${log}"
        echo "${target}: FINDING (see above; the input is in fuzz/artifacts/${target}/)"
        exit 1
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "${log}" | grep -o '[0-9]*$' || echo "?")
    echo "${target}: ${runs} executions in ${seconds} s, no findings"
    rm -rf "${corpus}" "${log}"
done
