//! Statistics of a window of 32 sensor readings with one spike: mean, standard deviation
//! (`ddof = 1`), median and the 90th percentile (NumPy's default linear method), each checked
//! against a direct computation on the sorted samples.

use core::hint::black_box;

use statrix::Matrix;
use statrix::QuantileMethod;

use crate::noise::Noise;
use crate::{Check, check};

const N: usize = 32;

#[inline(never)]
pub fn run() -> Check {
    // Readings around 20.0 with noise 0.5, and one spike.
    let mut noise = Noise::new(black_box(5), 0.5);
    let mut window = Matrix::<f32, 1, N>::from_fn(|_, _| 20.0 + noise.next());
    window[(0, 9)] = 35.0;
    let window = black_box(window);
    let mean = window.mean();
    let std = window.std(1);
    let median = window.median();
    let p90 = window
        .percentile(90.0, QuantileMethod::Linear)
        .map_err(|_| "percentile")?;

    // Direct computations: two-pass moments and the sorted samples.
    let mut sorted = [0.0f32; N];
    for (s, &x) in sorted.iter_mut().zip(window.iter()) {
        *s = x;
    }
    for i in 1..N {
        let mut j = i;
        while j > 0 && sorted[j] < sorted[j - 1] {
            sorted.swap(j, j - 1);
            j -= 1;
        }
    }
    let sum: f32 = sorted.iter().sum();
    let direct_mean = sum / N as f32;
    let squares: f32 = sorted
        .iter()
        .map(|&x| (x - direct_mean) * (x - direct_mean))
        .sum();
    let direct_var = squares / (N - 1) as f32;
    let direct_median = (sorted[N / 2 - 1] + sorted[N / 2]) / 2.0;
    // NumPy's linear percentile: position (N - 1) p / 100 between order statistics.
    let position = (N - 1) as f32 * 0.9;
    let below = position as usize;
    let fraction = position - below as f32;
    let direct_p90 = sorted[below] + fraction * (sorted[below + 1] - sorted[below]);

    // A sum of N terms in f32 has a relative error below (N - 1) eps (Higham 4.2); the
    // variance's two passes add the same again on the squares; the order statistics are
    // exact and the interpolation costs a few roundings.
    let eps = f32::EPSILON;
    let n = N as f32;
    check(
        (mean - direct_mean).abs() <= 2.0 * n * eps * direct_mean,
        "mean",
    )?;
    check(
        (std * std - direct_var).abs() <= 4.0 * n * eps * direct_var,
        "standard deviation",
    )?;
    check(median == direct_median, "median")?;
    check(
        (p90 - direct_p90).abs() <= 4.0 * eps * direct_p90,
        "90th percentile",
    )?;
    // The spike pulls the mean up by about 15 / 32; the median hardly moves.
    check(
        mean > 20.2 && (median - 20.0).abs() < 0.3,
        "the spike's effect",
    )
}
