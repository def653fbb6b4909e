//! Seeded random numbers equal to NumPy's on every target: `np.random.default_rng(42)`
//! (PCG64 seeded through `SeedSequence`), its `random`, `standard_normal` and `integers`
//! drawn one after the other. The expected values are NumPy 2.4's, as bit patterns; the
//! host tests (`tests/numpy_random.rs`) check the same streams against fixtures.

use core::hint::black_box;

use statrix::Matrix;
use statrix::random::default_rng;

use crate::{Check, check};

/// `rng = np.random.default_rng(42); rng.random(3)`, as `float.hex` bit patterns.
const RANDOM: [u64; 3] = [0x3fe8c43f79a2db24, 0x3fdc16959869e47e, 0x3feb79a2584ddb42];
/// Then `rng.standard_normal(3)` (NumPy's ziggurat).
const STANDARD_NORMAL: [u64; 3] = [0x3fee191b2d157f36, 0xbfff3770ac89d08f, 0xbff4d5ba2db7ebc8];
/// Then `rng.integers(0, 100, 4)`.
const INTEGERS: [i64; 4] = [73, 76, 71, 78];

#[inline(never)]
pub fn run() -> Check {
    let mut rng = default_rng(black_box(42));
    let u = Matrix::<f64, 1, 3>::random_uniform(&mut rng, 0.0, 1.0).map_err(|_| "uniform")?;
    let bits_equal =
        |m: &Matrix<f64, 1, 3>, want: &[u64; 3]| m.iter().zip(want).all(|(x, &w)| x.to_bits() == w);
    check(bits_equal(&u, &RANDOM), "random() differs from NumPy's")?;
    let n = Matrix::<f64, 1, 3>::random_standard_normal(&mut rng);
    check(
        bits_equal(&n, &STANDARD_NORMAL),
        "standard_normal() differs from NumPy's",
    )?;
    let k = Matrix::<i64, 1, 4>::random_integers(&mut rng, 0, 100).map_err(|_| "integers")?;
    check(
        k == Matrix::new([INTEGERS]),
        "integers(0, 100) differs from NumPy's",
    )
}
