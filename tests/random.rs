//! Seeded random generation (feature `rand`): the stream against an independent Python
//! re-implementation (`tests/fixtures/gen_random.py`), pinned values of a seed, every error,
//! termination on a broken generator, and properties. The distributions are tested in
//! `tests/random_distributions.rs`.
//!
//! Run it both ways; the pinned numbers must be the same:
//! `cargo test --features rand --test random` and
//! `cargo test --no-default-features --features rand --test random`.
#![cfg(feature = "rand")]

mod support;

use proptest::prelude::*;
use rand::TryRng;
use serde_json::Value;
use statrix::random::{
    ChaCha12Gen, Replacement, Rng, SeedableRng, choice, choice_indices, choice_weighted,
    default_rng, permutation_indices, shuffle,
};
use statrix::{Error, Matrix, matrix};
use support::{indices, strings};

/// The ChaCha12 generator of a seed, whose stream `gen_random.py` re-implements.
fn chacha(seed: u64) -> ChaCha12Gen {
    ChaCha12Gen::seed_from_u64(seed)
}

// ---------------------------------------------------------------------------------------
// The stream against the independent Python re-implementation.

/// One integer case: `Matrix::<T, 1, 5>::random_integers(chacha(seed), low, high)`
/// must equal the Python values exactly.
fn check_integers<T>(seed: u64, case: &Value)
where
    T: statrix::random::RandomInteger + std::str::FromStr,
    T::Err: std::fmt::Debug,
{
    let parse = |s: &str| s.parse::<T>().expect("integer in range");
    let low = parse(case["low"].as_str().expect("low"));
    let high = parse(case["high"].as_str().expect("high"));
    let want: Vec<T> = strings(&case["values"]).into_iter().map(parse).collect();
    let got = Matrix::<T, 1, 5>::random_integers(&mut chacha(seed), low, high).expect("range");
    assert_eq!(got.as_slice(), &want[..], "seed {seed}, {case}");
}

macro_rules! dispatch_integers {
    ($seed:expr, $case:expr, $($name:literal => $t:ty),* $(,)?) => {
        match $case["dtype"].as_str().expect("dtype") {
            $($name => check_integers::<$t>($seed, $case),)*
            other => panic!("unhandled integer dtype {other}"),
        }
    };
}

#[test]
fn stream_matches_the_python_reference() {
    let data = support::load_fixture("random.json");
    let cases = data["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 4);
    for case in cases {
        let seed: u64 = case["seed"]
            .as_str()
            .expect("seed")
            .parse()
            .expect("u64 seed");

        // ChaCha12 keyed by the SplitMix64 expansion: exact.
        let mut rng = chacha(seed);
        for w in strings(&case["words_u64"]) {
            assert_eq!(
                rng.next_u64(),
                w.parse::<u64>().expect("u64"),
                "seed {seed}"
            );
        }
        let mut rng = chacha(seed);
        for w in strings(&case["words_u32"]) {
            assert_eq!(
                rng.next_u32(),
                w.parse::<u32>().expect("u32"),
                "seed {seed}"
            );
        }

        // Uniform floats: exact.
        let want: Vec<f64> = strings(&case["uniform_f64"])
            .iter()
            .map(|s| s.parse().expect("f64"))
            .collect();
        let got = Matrix::<f64, 2, 3>::random(&mut chacha(seed));
        assert_eq!(got.as_slice(), &want[..], "seed {seed}");
        // The f32 values are exact in f64, so the cast back is exact.
        let want: Vec<f32> = strings(&case["uniform_f32"])
            .iter()
            .map(|s| s.parse::<f64>().expect("f64") as f32)
            .collect();
        let got = Matrix::<f32, 3, 2>::random(&mut chacha(seed));
        assert_eq!(got.as_slice(), &want[..], "seed {seed}");
        // [0, 1) through random_uniform is the same stream as random.
        assert_eq!(
            Matrix::<f32, 3, 2>::random_uniform(&mut chacha(seed), 0.0, 1.0),
            Ok(got)
        );

        // Integers (Lemire, 32- and 64-bit paths): exact.
        for int_case in case["integers"].as_array().expect("integers") {
            dispatch_integers!(seed, int_case,
                "i32" => i32, "u8" => u8, "u32" => u32, "u64" => u64, "i64" => i64);
        }

        // Fisher-Yates: exact.
        let want = indices(&case["permutation_10"]);
        assert_eq!(
            permutation_indices::<10, _>(&mut chacha(seed)).to_vec(),
            want
        );
    }
}

// ---------------------------------------------------------------------------------------
// Pinned values.

/// The first values of `default_rng(42)` drawn in this order, each NumPy's: the same calls
/// on `rng = np.random.default_rng(42)` in NumPy 2.4 print these numbers (`rng.random((2,
/// 3))`, `rng.random((1, 4), dtype=np.float32)`, `rng.uniform(-2, 3, (1, 3))`, ...; the f32
/// normal is `np.float32(1) + np.float32(0.5) * rng.standard_normal((1, 3),
/// dtype=np.float32)`, the Bernoulli mask `rng.random((1, 8)) < 0.3`). The same literals
/// must pass with and without the `std` feature: CI runs this file both ways.
#[test]
fn seed_42_stream_is_numpys() {
    let mut rng = default_rng(42);
    assert_eq!(
        Matrix::<f64, 2, 3>::random(&mut rng),
        matrix![0.7739560485559633, 0.4388784397520523, 0.8585979199113825;
                0.6973680290593639, 0.09417734788764953, 0.9756223516367559]
    );
    assert_eq!(
        Matrix::<f32, 1, 4>::random(&mut rng).as_slice(),
        &[0.73575234f32, 0.7611397, 0.71747726, 0.78606427]
    );
    assert_eq!(
        Matrix::<f64, 1, 3>::random_uniform(&mut rng, -2.0, 3.0).map(|m| m.into_array()),
        Ok([[
            -1.3594318366222706,
            0.2519296894778358,
            -0.14600987883709382
        ]])
    );
    assert_eq!(
        Matrix::<f64, 1, 5>::random_standard_normal(&mut rng).as_slice(),
        &[
            0.7777919354289483,
            0.06603069756121605,
            1.1272412069680329,
            0.4675093422520456,
            -0.8592924628832382
        ]
    );
    assert_eq!(
        Matrix::<f32, 1, 3>::random_normal(&mut rng, 1.0, 0.5).map(|m| m.into_array()),
        Ok([[1.0389018f32, 1.5695884, 0.1661914]])
    );
    assert_eq!(
        Matrix::<i32, 1, 6>::random_integers(&mut rng, -10, 10).map(|m| m.into_array()),
        Ok([[-9, 7, 6, -5, 2, -7]])
    );
    assert_eq!(
        Matrix::<u64, 1, 3>::random_integers(&mut rng, 0, u64::MAX).map(|m| m.into_array()),
        Ok([[
            6539849801575790878,
            17906218028868252808,
            16475176751855080251
        ]])
    );
    assert_eq!(
        Matrix::<i64, 1, 3>::random_integers(&mut rng, i64::MIN, i64::MAX).map(|m| m.into_array()),
        Ok([[
            5135269124863957423,
            -5632921606272006897,
            -613889127277333994
        ]])
    );
    // Inversion (mean 6) and BTPE with p > 1/2 flipped (mean of the flipped side 300).
    assert_eq!(
        Matrix::<u32, 1, 6>::random_binomial(&mut rng, 20, 0.3).map(|m| m.into_array()),
        Ok([[3, 4, 7, 7, 10, 5]])
    );
    assert_eq!(
        Matrix::<i64, 1, 6>::random_binomial(&mut rng, 1000, 0.7).map(|m| m.into_array()),
        Ok([[698, 696, 686, 728, 693, 710]])
    );
    assert_eq!(
        Matrix::<bool, 1, 8>::random_bernoulli(&mut rng, 0.3).map(|m| m.into_array()),
        Ok([[false, false, true, false, true, true, true, false]])
    );
    let mut deck = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    shuffle(&mut rng, &mut deck);
    assert_eq!(deck, [4, 9, 2, 0, 1, 6, 5, 8, 7, 3]);
    // NumPy's rng.permutation(6) happens to be the identity here.
    assert_eq!(permutation_indices::<6, _>(&mut rng), [0, 1, 2, 3, 4, 5]);
    let population = [10, 20, 30, 40, 50];
    assert_eq!(
        choice(&mut rng, &population, Replacement::With),
        Ok([40, 30, 30, 10])
    );
    assert_eq!(
        choice(&mut rng, &population, Replacement::Without),
        Ok([40, 50, 30, 20])
    );
    let letters = ['a', 'b', 'c', 'd'];
    assert_eq!(
        choice_weighted(&mut rng, &letters, &[0.5, 0.1, 0.1, 0.3], Replacement::With),
        Ok(['a', 'a', 'd', 'a', 'a', 'a'])
    );
    assert_eq!(
        choice_weighted(
            &mut rng,
            &letters,
            &[0.5f32, 0.1, 0.1, 0.3],
            Replacement::Without
        ),
        Ok(['a', 'c', 'b'])
    );
    assert_eq!(rng.next_u64(), 0xc8ad8d938148b20d);
}

/// A digest of a longer stream of `default_rng(42)`: 14,000 normals (the ziggurat's wedges
/// and tail included) and 12,000 binomial counts (BTPE through its squeeze and final steps,
/// and inversion), after the draws of the test above up to its binomials; NumPy computes the
/// same digest from its own values (`digest = rotl(digest, 5) ^ bits` over
/// `rng.standard_normal(7)`, `rng.binomial(5000, 0.3, 3)`, `rng.binomial(40, 0.1, 3)`,
/// 2000 times).
#[test]
fn seed_42_long_stream_digest_is_numpys() {
    let mut rng = default_rng(42);
    // Skip what the pinned test above draws before its normals and binomials.
    let _ = Matrix::<f64, 2, 3>::random(&mut rng);
    let _ = Matrix::<f32, 1, 4>::random(&mut rng);
    let _ = Matrix::<f64, 1, 3>::random_uniform(&mut rng, -2.0, 3.0);
    let _ = Matrix::<f64, 1, 5>::random_standard_normal(&mut rng);
    let _ = Matrix::<f32, 1, 3>::random_normal(&mut rng, 1.0, 0.5);
    let _ = Matrix::<i32, 1, 6>::random_integers(&mut rng, -10, 10);
    let _ = Matrix::<u64, 1, 3>::random_integers(&mut rng, 0, u64::MAX);
    let _ = Matrix::<i64, 1, 3>::random_integers(&mut rng, i64::MIN, i64::MAX);
    let _ = Matrix::<u32, 1, 6>::random_binomial(&mut rng, 20, 0.3);
    let _ = Matrix::<i64, 1, 6>::random_binomial(&mut rng, 1000, 0.7);
    let mut digest: u64 = 0;
    for _ in 0..2000 {
        for z in Matrix::<f64, 1, 7>::random_standard_normal(&mut rng).iter() {
            digest = digest.rotate_left(5) ^ z.to_bits();
        }
        for b in Matrix::<u64, 1, 3>::random_binomial(&mut rng, 5000, 0.3)
            .expect("valid")
            .iter()
        {
            digest = digest.rotate_left(5) ^ b;
        }
        for b in Matrix::<u64, 1, 3>::random_binomial(&mut rng, 40, 0.1)
            .expect("valid")
            .iter()
        {
            digest = digest.rotate_left(5) ^ b;
        }
    }
    assert_eq!(digest, 0x044b883f2d769c0a);
}

// ---------------------------------------------------------------------------------------
// The generator.

#[test]
fn generator_is_deterministic_and_seed_sensitive() {
    let mut a = chacha(7);
    let mut b = ChaCha12Gen::seed_from_u64(7);
    assert_eq!(a, b);
    let first: [u64; 4] = std::array::from_fn(|_| a.next_u64());
    assert_eq!(first, std::array::from_fn(|_| b.next_u64()));
    // A clone continues the same stream; nearby seeds give unrelated streams.
    let mut c = a.clone();
    assert_eq!(a.next_u64(), c.next_u64());
    assert_ne!(chacha(7).next_u64(), chacha(8).next_u64());
    // from_seed uses the key as given.
    let mut d = ChaCha12Gen::from_seed([0; 32]);
    let mut e = ChaCha12Gen::from_seed([0; 32]);
    assert_eq!(d.next_u32(), e.next_u32());
    // Any generator works, including one borrowed as a trait object.
    let dynamic: &mut dyn Rng = &mut chacha(1);
    let m = Matrix::<f64, 2, 2>::random(dynamic);
    assert_eq!(m, Matrix::random(&mut chacha(1)));
}

// ---------------------------------------------------------------------------------------
// Errors.

#[test]
fn bad_arguments_are_errors() {
    let mut rng = chacha(0);
    type M = Matrix<f64, 2, 2>;
    for (low, high) in [
        (1.0, 1.0),
        (2.0, 1.0),
        (f64::NAN, 1.0),
        (0.0, f64::NAN),
        (0.0, f64::INFINITY),
        (f64::NEG_INFINITY, 0.0),
    ] {
        assert_eq!(
            M::random_uniform(&mut rng, low, high),
            Err(Error::EmptyRange),
            "[{low}, {high})"
        );
    }
    assert_eq!(
        M::random_uniform(&mut rng, -f64::MAX, f64::MAX),
        Err(Error::Overflow)
    );
    for std in [-1.0, f64::NAN, f64::INFINITY, -0.5e-300] {
        assert_eq!(
            M::random_normal(&mut rng, 0.0, std),
            Err(Error::InvalidParameter { name: "std" })
        );
    }
    for mean in [f64::NAN, f64::INFINITY] {
        assert_eq!(
            M::random_normal(&mut rng, mean, 1.0),
            Err(Error::InvalidParameter { name: "mean" })
        );
    }
    assert_eq!(
        Matrix::<i8, 1, 1>::random_integers(&mut rng, 5, 5),
        Err(Error::EmptyRange)
    );
    assert_eq!(
        Matrix::<u64, 1, 1>::random_integers(&mut rng, 9, 2),
        Err(Error::EmptyRange)
    );
    for p in [-0.1, 1.1, f64::NAN, f64::INFINITY] {
        assert_eq!(
            Matrix::<u32, 1, 1>::random_binomial(&mut rng, 5, p),
            Err(Error::InvalidProbability)
        );
        assert_eq!(
            Matrix::<bool, 1, 1>::random_bernoulli(&mut rng, p),
            Err(Error::InvalidProbability)
        );
    }
    assert_eq!(
        Matrix::<i32, 1, 1>::random_binomial(&mut rng, -1, 0.5),
        Err(Error::InvalidParameter { name: "n" })
    );

    assert_eq!(
        choice::<i32, _, 3, 4>(&mut rng, &[1, 2, 3], Replacement::Without),
        Err(Error::SampleTooLarge {
            requested: 4,
            available: 3
        })
    );
    assert_eq!(
        choice::<i32, _, 0, 1>(&mut rng, &[], Replacement::With),
        Err(Error::EmptyRange)
    );
    assert_eq!(
        choice::<i32, _, 0, 0>(&mut rng, &[], Replacement::Without),
        Ok([])
    );
    assert_eq!(
        choice_indices::<1, _>(&mut rng, 0, Replacement::With),
        Err(Error::EmptyRange)
    );

    let pop = [1, 2, 3];
    let bad: [[f64; 3]; 6] = [
        [0.5, 0.5, -0.0001],       // negative
        [0.5, f64::NAN, 0.5],      // NaN
        [0.5, f64::INFINITY, 0.0], // infinite
        [0.5, 0.5, 0.5],           // sums to 1.5
        [0.3, 0.3, 0.3],           // sums to 0.9
        [f64::MAX, f64::MAX, 0.0], // the sum overflows
    ];
    for p in bad {
        assert_eq!(
            choice_weighted::<_, _, _, 3, 1>(&mut rng, &pop, &p, Replacement::With),
            Err(Error::InvalidProbability),
            "{p:?}"
        );
    }
    // NumPy's tolerance: sqrt(eps_f64) = 1.49e-8 for f64, sqrt(eps_f32) = 3.45e-4 for f32.
    let atol64 = f64::EPSILON.sqrt();
    assert!(
        choice_weighted::<_, f64, _, 2, 1>(
            &mut rng,
            &[1, 2],
            &[0.5, 0.5 + 0.9 * atol64],
            Replacement::With
        )
        .is_ok()
    );
    assert_eq!(
        choice_weighted::<_, f64, _, 2, 1>(
            &mut rng,
            &[1, 2],
            &[0.5, 0.5 + 2.0 * atol64],
            Replacement::With
        ),
        Err(Error::InvalidProbability)
    );
    let atol32 = f32::EPSILON.sqrt();
    assert!(
        choice_weighted::<_, f32, _, 2, 1>(
            &mut rng,
            &[1, 2],
            &[0.5, 0.5 + 0.9 * atol32],
            Replacement::With
        )
        .is_ok()
    );
    assert_eq!(
        choice_weighted::<_, f32, _, 2, 1>(
            &mut rng,
            &[1, 2],
            &[0.5, 0.5 + 2.0 * atol32],
            Replacement::With
        ),
        Err(Error::InvalidProbability)
    );
    // Without replacement the sample cannot exceed the positive probabilities.
    assert_eq!(
        choice_weighted::<_, f64, _, 3, 3>(&mut rng, &pop, &[0.5, 0.5, 0.0], Replacement::Without),
        Err(Error::SampleTooLarge {
            requested: 3,
            available: 2
        })
    );
}

#[test]
fn degenerate_parameters_give_constants() {
    let mut rng = chacha(5);
    // NumPy allows std = 0: every element is the mean.
    assert_eq!(
        Matrix::<f64, 3, 3>::random_normal(&mut rng, 2.5, 0.0),
        Ok(Matrix::full(2.5))
    );
    assert_eq!(
        Matrix::<u8, 2, 2>::random_binomial(&mut rng, 7, 0.0),
        Ok(Matrix::zeros())
    );
    assert_eq!(
        Matrix::<u8, 2, 2>::random_binomial(&mut rng, 7, 1.0),
        Ok(Matrix::full(7))
    );
    assert_eq!(
        Matrix::<u64, 2, 2>::random_binomial(&mut rng, 0, 0.3),
        Ok(Matrix::zeros())
    );
    assert_eq!(
        Matrix::<bool, 2, 2>::random_bernoulli(&mut rng, 0.0),
        Ok(Matrix::new([[false; 2]; 2]))
    );
    assert_eq!(
        Matrix::<bool, 2, 2>::random_bernoulli(&mut rng, 1.0),
        Ok(Matrix::new([[true; 2]; 2]))
    );
    // A one-value range draws nothing and returns low.
    let before = rng.clone();
    assert_eq!(
        Matrix::<i16, 2, 2>::random_integers(&mut rng, -4, -3),
        Ok(Matrix::full(-4))
    );
    assert_eq!(rng, before);
    // The largest n NumPy takes (an int64), and one past it.
    let n = i64::MAX as u64;
    let big = Matrix::<u64, 1, 4>::random_binomial(&mut rng, n, 0.5).expect("valid");
    // Standard deviation sqrt(n p q) = 2^30.5: within 5 of them of n / 2.
    assert!(big.iter().all(|&k| k.abs_diff(n / 2) <= 5 << 31), "{big:?}");
    assert_eq!(
        Matrix::<u64, 1, 1>::random_binomial(&mut rng, n + 1, 0.5),
        Err(Error::InvalidParameter { name: "n" })
    );
    let unit = Matrix::<bool, 1, 1>::random_bernoulli(&mut rng, 1.0).expect("valid");
    assert!(unit[(0, 0)]);
}

// ---------------------------------------------------------------------------------------
// Termination with a broken generator.

/// A "generator" that returns the same word forever: the worst case for rejection loops.
#[derive(Clone)]
struct Stuck(u64);

impl TryRng for Stuck {
    type Error = std::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok(self.0 as u32)
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        Ok(self.0)
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        dst.fill(self.0 as u8);
        Ok(())
    }
}

#[test]
fn a_stuck_generator_cannot_hang_any_sampler() {
    for word in [0, 1, u64::MAX, 1 << 63, 0x5555_5555_5555_5555] {
        let mut rng = Stuck(word);
        // A one-ulp range: every draw may round to `high`.
        let one_ulp = f64::from_bits(1.0f64.to_bits() + 1);
        let u = Matrix::<f64, 2, 2>::random_uniform(&mut rng, 1.0, one_ulp).expect("valid");
        assert!(u.iter().all(|&x| x == 1.0));
        // Ranges whose rejection thresholds are positive (32- and 64-bit paths).
        let k = Matrix::<u32, 2, 2>::random_integers(&mut rng, 0, 3 << 30).expect("valid");
        assert!(k.iter().all(|&x| x < 3 << 30));
        let k = Matrix::<u64, 2, 2>::random_integers(&mut rng, 0, 3 << 62).expect("valid");
        assert!(k.iter().all(|&x| x < 3 << 62));
        for (n, p) in [
            (20u64, 0.3),
            (1000, 0.4),
            (1000, 0.9),
            (i64::MAX as u64, 0.5),
            (5, 1e-300),
        ] {
            let b = Matrix::<u64, 2, 2>::random_binomial(&mut rng, n, p).expect("valid");
            assert!(b.iter().all(|&x| x <= n), "n = {n}, p = {p}: {b:?}");
        }
        let z = Matrix::<f64, 2, 3>::random_standard_normal(&mut rng);
        assert!(z.iter().all(|x| x.is_finite()));
        let z = Matrix::<f32, 2, 3>::random_standard_normal(&mut rng);
        assert!(z.iter().all(|x| x.is_finite()));
        let k = Matrix::<u8, 2, 2>::random_integers(&mut rng, 0, 200).expect("valid");
        assert!(k.iter().all(|&x| x < 200));
        let k = Matrix::<i16, 2, 2>::random_integers(&mut rng, -3000, 3000).expect("valid");
        assert!(k.iter().all(|&x| (-3000..3000).contains(&x)));
        let tail: [usize; 300] =
            choice_indices(&mut rng, 10_001, Replacement::Without).expect("valid");
        assert_distinct(&tail);
        let mut deck = [1, 2, 3, 4, 5];
        shuffle(&mut rng, &mut deck);
        let mut sorted = deck;
        sorted.sort();
        assert_eq!(sorted, [1, 2, 3, 4, 5]);
        let pick: [usize; 5] = choice_indices(&mut rng, 7, Replacement::Without).expect("valid");
        assert_distinct(&pick);
        let w: [usize; 3] = choice_weighted(
            &mut rng,
            &[0, 1, 2, 3],
            &[0.25, 0.0, 0.5, 0.25],
            Replacement::Without,
        )
        .expect("valid");
        assert_distinct(&w);
        assert!(!w.contains(&1));
    }
}

fn assert_distinct<T: PartialEq + std::fmt::Debug>(items: &[T]) {
    for (i, a) in items.iter().enumerate() {
        assert!(!items[..i].contains(a), "{items:?} repeats {a:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn uniform_stays_in_its_half_open_range(seed: u64, start in 0.0f64..1e6, ulps in 1u64..64, wide: bool, negative: bool) {
        // Narrow ranges of a few ulps (where rounding reaches `high`) and wide ones, on
        // either side of zero.
        let end = if wide { start + 1e3 } else { f64::from_bits(start.to_bits() + ulps) };
        let (low, high) = if negative { (-end, -start) } else { (start, end) };
        let m = Matrix::<f64, 4, 4>::random_uniform(&mut chacha(seed), low, high).expect("low < high");
        prop_assert!(m.iter().all(|&x| low <= x && x < high));
    }

    #[test]
    fn integers_stay_in_range(seed: u64, a: i64, b: i64) {
        prop_assume!(a != b);
        let (low, high) = (a.min(b), a.max(b));
        let m = Matrix::<i64, 3, 3>::random_integers(&mut chacha(seed), low, high).expect("low < high");
        prop_assert!(m.iter().all(|&x| low <= x && x < high));
    }

    #[test]
    fn binomial_stays_in_zero_to_n(seed: u64, n: u32, p in 0.0f64..=1.0) {
        let m = Matrix::<u32, 2, 4>::random_binomial(&mut chacha(seed), n, p).expect("valid");
        prop_assert!(m.iter().all(|&x| x <= n));
    }

    #[test]
    fn shuffle_and_choice_keep_the_population(seed: u64, items in proptest::collection::vec(any::<i32>(), 0..40)) {
        let mut rng = chacha(seed);
        let mut shuffled = items.clone();
        shuffle(&mut rng, &mut shuffled);
        let (mut a, mut b) = (items.clone(), shuffled);
        a.sort();
        b.sort();
        prop_assert_eq!(a, b);
        let n = items.len();
        match choice_indices::<5, _>(&mut rng, n, Replacement::Without) {
            Ok(idx) => {
                prop_assert!(n >= 5);
                prop_assert!(idx.iter().all(|&i| i < n));
                for (k, i) in idx.iter().enumerate() {
                    prop_assert!(!idx[..k].contains(i));
                }
            }
            Err(e) => {
                let expected = if n == 0 { Error::EmptyRange } else { Error::SampleTooLarge { requested: 5, available: n } };
                prop_assert_eq!(e, expected);
            }
        }
    }

    #[test]
    fn weighted_choice_never_picks_zero_weights(seed: u64, raw in proptest::collection::vec(0u32..4, 6)) {
        prop_assume!(raw.iter().any(|&w| w > 0));
        let total: u32 = raw.iter().sum();
        let p: [f64; 6] = std::array::from_fn(|i| f64::from(raw[i]) / f64::from(total));
        let picks: [usize; 8] =
            choice_weighted(&mut chacha(seed), &[0, 1, 2, 3, 4, 5], &p, Replacement::With).expect("valid p");
        prop_assert!(picks.iter().all(|&i| raw[i] > 0));
        let positive = raw.iter().filter(|&&w| w > 0).count();
        let without: Result<[usize; 3], Error> =
            choice_weighted(&mut chacha(seed), &[0, 1, 2, 3, 4, 5], &p, Replacement::Without);
        match without {
            Ok(picks) => {
                prop_assert!(picks.iter().all(|&i| raw[i] > 0));
                prop_assert!(picks[0] != picks[1] && picks[1] != picks[2] && picks[0] != picks[2]);
            }
            Err(e) => prop_assert_eq!(e, Error::SampleTooLarge { requested: 3, available: positive }),
        }
    }
}
