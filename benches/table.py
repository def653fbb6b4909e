#!/usr/bin/env python3
"""The README's speed tables from criterion's results (Python 3 standard library only).

Reads, for every benchmark group, the median time per call of each library from
`target/criterion/<group>/<library>/new/estimates.json` (criterion's `median.point_estimate`,
in nanoseconds) and prints a markdown table: one row per group, one column per library, and
the ratio statrix / best peer (the fastest library that is not statrix), in bold where
statrix is faster. Above the table, a line names the machine (CPU model and widest vector
extension from /proc/cpuinfo, logical cores, `rustc --version`) and the command that produced the numbers.

Run from the repository root, after the benches:

    cargo bench -p statrix-benches -- matmul_ && python3 benches/table.py matmul_
    cargo bench -p statrix-benches                  # every group (matmul, faer, linalg)
    python3 benches/table.py                        # every group found, one table
    python3 benches/table.py 'qr_|svd_' --command "cargo bench -p statrix-benches -- 'qr_|svd_'"

Arguments:
    PATTERN            optional regular expression; only groups it matches (re.search) are shown
    --command TEXT     the command to print in the header (default: `cargo bench -p statrix-benches`,
                       with PATTERN as the filter when one is given)
    --criterion DIR    criterion's output directory (default: target/criterion, or
                       $CARGO_TARGET_DIR/criterion)

Benchmarks whose name starts with `statrix` are statrix's (`statrix_vectors` of the eigen
groups is shown, but the ratio uses the `statrix` line); every other benchmark is a peer.
Criterion keeps only the latest run of each benchmark, so a table can mix runs when groups
were rerun separately: the header's command is the one given here.
"""

import argparse
import json
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

# Column order; libraries not listed here come after these, alphabetically.
LIBRARIES = ["statrix", "statrix_vectors", "nalgebra", "glam", "numeris", "faer"]


def natural_key(name):
    """`matmul_f32_16x16` after `matmul_f32_4x4`: digit runs compare as numbers."""
    return [(0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.split(r"(\d+)", name)]


def read_median_ns(path):
    with open(path, encoding="utf-8") as f:
        return float(json.load(f)["median"]["point_estimate"])


def collect(root, pattern):
    """{group: {library: median ns}} for every group under `root` matching `pattern`."""
    groups = {}
    for group_dir in sorted(Path(root).iterdir()) if Path(root).is_dir() else []:
        if not group_dir.is_dir() or group_dir.name == "report":
            continue
        if pattern and not re.search(pattern, group_dir.name):
            continue
        libs = {}
        for lib_dir in group_dir.iterdir():
            estimates = lib_dir / "new" / "estimates.json"
            if estimates.is_file():
                libs[lib_dir.name] = read_median_ns(estimates)
        if libs:
            groups[group_dir.name] = libs
    return groups


def fmt_time(ns):
    """A time per call with three significant figures, in ns, µs or ms."""
    for unit, scale in (("ns", 1.0), ("µs", 1e3), ("ms", 1e6)):
        v = ns / scale
        if v < 1000 or unit == "ms":
            if v >= 100:
                return f"{v:.0f} {unit}"
            if v >= 10:
                return f"{v:.1f} {unit}"
            return f"{v:.2f} {unit}"
    raise AssertionError("unreachable")


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def widest_simd():
    """The widest x86 vector extension /proc/cpuinfo lists, or "" (other architectures)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("flags"):
                    flags = set(line.split(":", 1)[1].split())
                    for flag, name in (("avx512f", "AVX-512"), ("avx2", "AVX2"), ("sse2", "SSE2")):
                        if flag in flags:
                            return name
                    return ""
    except OSError:
        pass
    return ""


def rustc_version():
    try:
        out = subprocess.run(["rustc", "--version"], capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "rustc (version unknown)"


def table(groups):
    libs = sorted({lib for g in groups.values() for lib in g},
                  key=lambda l: (LIBRARIES.index(l) if l in LIBRARIES else len(LIBRARIES), l))
    lines = [
        "| group | " + " | ".join(libs) + " | statrix / best peer |",
        "| --- | " + " | ".join("---:" for _ in libs) + " | --- |",
    ]
    for name in sorted(groups, key=natural_key):
        g = groups[name]
        cells = [fmt_time(g[lib]) if lib in g else "-" for lib in libs]
        peers = {lib: t for lib, t in g.items() if not lib.startswith("statrix")}
        if "statrix" in g and peers:
            best = min(peers, key=peers.get)
            ratio = g["statrix"] / peers[best]
            text = f"{ratio:.2f}"
            if round(ratio, 2) < 1.0:
                text = f"**{text}**"
            ratio_cell = f"{text} ({best})"
        else:
            ratio_cell = "-"
        lines.append(f"| `{name}` | " + " | ".join(cells) + f" | {ratio_cell} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pattern", nargs="?", default="", help="regex of group names")
    parser.add_argument("--command", help="the command that produced the numbers")
    parser.add_argument("--criterion", help="criterion's output directory")
    args = parser.parse_args()

    root = args.criterion
    if root is None:
        root = os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "criterion")
    groups = collect(root, args.pattern)
    if not groups:
        sys.exit(f"no criterion results under {root}" +
                 (f" matching {args.pattern!r}" if args.pattern else "") +
                 ": run `cargo bench -p statrix-benches` first")

    command = args.command
    if command is None:
        command = "cargo bench -p statrix-benches"
        if args.pattern:
            command += f" -- '{args.pattern}'"
    simd = widest_simd()
    cpu = f"{cpu_model()} ({simd})" if simd else cpu_model()
    print(f"{cpu}, {os.cpu_count()} logical cores, {rustc_version()}; "
          f"`{command}`; median time per call; ratio = statrix / fastest peer, "
          f"below 1 (bold) where statrix is faster.")
    print()
    print(table(groups))


if __name__ == "__main__":
    main()
