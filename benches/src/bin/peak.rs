//! One core's peak floating-point rate, the yardstick for the products' "share of peak"
//! figures in the README: the widest fused multiply-add this CPU has (AVX-512, else AVX2+FMA),
//! on 12 independent accumulators (enough to cover the 4-cycle latency of two FMA units), for about
//! one second per element type; the best of five runs.
//!
//! ```text
//! cargo run --release -p statrix-benches --bin peak
//! ```

#[cfg(target_arch = "x86_64")]
mod x86 {
    use std::arch::x86_64::{
        _mm256_fmadd_pd, _mm256_fmadd_ps, _mm256_set1_pd, _mm256_set1_ps, _mm512_fmadd_pd,
        _mm512_fmadd_ps, _mm512_set1_pd, _mm512_set1_ps,
    };
    use std::hint::black_box;

    /// Vector fused multiply-adds per call of a kernel: 12 accumulators times `ROUNDS`.
    pub const ROUNDS: u64 = 1 << 20;

    macro_rules! chains {
        ($name:ident, $feature:literal, $vec:ty, $set1:ident, $fma:ident, $cast:expr) => {
            /// Runs `12 * ROUNDS` vector FMAs, whose results escape through `black_box`.
            #[target_feature(enable = $feature)]
            pub fn $name(x: f64) -> f64 {
                let m = $set1($cast(black_box(1.0 - 1e-9)));
                let d = $set1($cast(black_box(1e-9)));
                let init = $set1($cast(x));
                let [
                    mut a0,
                    mut a1,
                    mut a2,
                    mut a3,
                    mut a4,
                    mut a5,
                    mut a6,
                    mut a7,
                ] = [init; 8];
                let [mut a8, mut a9, mut a10, mut a11, a12, a13, a14, a15] = [init; 8];
                for _ in 0..ROUNDS {
                    // Twelve independent chains, written out (an array of accumulators gets
                    // rotated through memory by LLVM).
                    a0 = $fma(a0, m, d);
                    a1 = $fma(a1, m, d);
                    a2 = $fma(a2, m, d);
                    a3 = $fma(a3, m, d);
                    a4 = $fma(a4, m, d);
                    a5 = $fma(a5, m, d);
                    a6 = $fma(a6, m, d);
                    a7 = $fma(a7, m, d);
                    a8 = $fma(a8, m, d);
                    a9 = $fma(a9, m, d);
                    a10 = $fma(a10, m, d);
                    a11 = $fma(a11, m, d);
                }
                let acc = [
                    a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15,
                ];
                // The accumulators escape, so no chain can be dropped.
                black_box(acc);
                x
            }
        };
    }
    chains!(
        f64_avx512,
        "avx512f",
        std::arch::x86_64::__m512d,
        _mm512_set1_pd,
        _mm512_fmadd_pd,
        |v: f64| v
    );
    chains!(
        f32_avx512,
        "avx512f",
        std::arch::x86_64::__m512,
        _mm512_set1_ps,
        _mm512_fmadd_ps,
        |v: f64| v as f32
    );
    chains!(
        f64_avx2,
        "avx2,fma",
        std::arch::x86_64::__m256d,
        _mm256_set1_pd,
        _mm256_fmadd_pd,
        |v: f64| v
    );
    chains!(
        f32_avx2,
        "avx2,fma",
        std::arch::x86_64::__m256,
        _mm256_set1_ps,
        _mm256_fmadd_ps,
        |v: f64| v as f32
    );
}

#[cfg(target_arch = "x86_64")]
fn main() {
    use std::time::Instant;
    let avx512 = is_x86_feature_detected!("avx512f");
    let avx2 = is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma");
    let (name, f64_lanes) = match (avx512, avx2) {
        (true, _) => ("AVX-512", 8),
        (false, true) => ("AVX2+FMA", 4),
        _ => {
            println!("no FMA on this CPU: no peak measured");
            return;
        }
    };
    for (ty, lanes) in [("f64", f64_lanes), ("f32", 2 * f64_lanes)] {
        let run = || {
            // SAFETY: the features each kernel enables were detected on this CPU just above.
            unsafe {
                match (ty, avx512) {
                    ("f64", true) => x86::f64_avx512(0.5),
                    ("f32", true) => x86::f32_avx512(0.5),
                    ("f64", false) => x86::f64_avx2(0.5),
                    _ => x86::f32_avx2(0.5),
                }
            }
        };
        let mut best = f64::INFINITY;
        for _ in 0..5 {
            let start = Instant::now();
            let mut calls = 0u64;
            while start.elapsed().as_secs_f64() < 0.2 {
                std::hint::black_box(run());
                calls += 1;
            }
            best = best.min(start.elapsed().as_secs_f64() / calls as f64);
        }
        let flops = (12 * x86::ROUNDS * lanes as u64 * 2) as f64 / best;
        println!("{ty} {name}: {:.1} GFLOP/s on one core", flops / 1e9);
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn main() {
    println!("the peak measurement is written for x86_64 only");
}
