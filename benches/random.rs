//! Random fills of a 1000 x 1000 `f64` matrix from `default_rng(42)`: statrix's PCG64
//! `DMatrix::random` and `DMatrix::random_standard_normal` against NumPy's
//! `rng.random((1000, 1000))` and `rng.standard_normal((1000, 1000))`, timed by the committed
//! script `benches/numpy_random.py` (NumPy has no place in a Rust process).
//!
//! ```text
//! cargo bench -p statrix-benches --bench random
//! python3 benches/numpy_random.py          # NumPy's times for the same draws
//! ```
//!
//! Before timing, each fill's first values are checked against NumPy's for the same seed
//! (the values `tests/fixtures/numpy_random.json` also holds), so a fill that drew other
//! numbers would not be timed. Each timed call seeds a fresh generator, as the script does.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use statrix::DMatrix;
use statrix::random::default_rng;

const N: usize = 1000;

fn fills(c: &mut Criterion) {
    // NumPy: np.random.default_rng(42).random(3), .standard_normal(2).
    let u = DMatrix::<f64>::random(1, 3, &mut default_rng(42));
    assert_eq!(
        u.as_slice(),
        &[0.7739560485559633, 0.4388784397520523, 0.8585979199113825]
    );
    let z = DMatrix::<f64>::random_standard_normal(1, 2, &mut default_rng(42));
    assert_eq!(z.as_slice(), &[0.30471707975443135, -1.0399841062404955]);

    let mut g = statrix_benches::group(c, "random_f64_1000x1000", 10, 1000, 3000);
    g.bench_function("statrix_uniform", |b| {
        b.iter(|| {
            black_box(DMatrix::<f64>::random(
                N,
                N,
                &mut default_rng(black_box(42)),
            ))
        })
    });
    g.bench_function("statrix_normal", |b| {
        b.iter(|| {
            black_box(DMatrix::<f64>::random_standard_normal(
                N,
                N,
                &mut default_rng(black_box(42)),
            ))
        })
    });
    g.finish();
}

criterion_group!(benches, fills);
criterion_main!(benches);
