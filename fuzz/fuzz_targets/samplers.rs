//! Every random sampler of `statrix::random` with parameters decoded from the bytes (NaN,
//! ±inf, ±0, subnormals, the largest values, empty and one-value ranges, `p` outside
//! `[0, 1]`, `n = 0`, `K > n`), on a seeded generator: NumPy's `Pcg64` (`default_rng`, a
//! `SeedSequence` of words, raw state bytes), `ChaCha12Gen`, `Mt19937`, and a broken generator
//! whose words repeat with a period of 1 to 4 (the module docs promise that such a generator
//! cannot hang a sampler: every rejection loop gives up after 128 draws, BTPE after 256).
//! One to three operations run on the same generator, and the whole input runs twice: the
//! two runs must give the same numbers and leave the generator in the same state.
//!
//! What each operation checks, all from the docs (`src/random/*.rs`):
//! - errors exactly as documented, validity decided here from the documented domain:
//!   `EmptyRange` for `!(low < high)` or a non-finite bound (`random_uniform`), `Overflow`
//!   when `high - low` overflows, `low >= high` (`random_integers`), `low > high`
//!   (`_inclusive`); `InvalidParameter { name: "mean" }` then `{ name: "std" }`
//!   (`random_normal`); `InvalidProbability` then `InvalidParameter { name: "n" }` for
//!   `n < 0` or `n > i64::MAX` (`random_binomial`); `InvalidProbability` (`random_bernoulli`);
//!   `EmptyRange` for `n == 0 < K`, then `SampleTooLarge { K, n }` without replacement
//!   (`choice_indices`, `choice`); `InvalidProbability` for a NaN, negative or infinite `p`
//!   or `|sum - 1| > max(sqrt(eps_P), sqrt(eps_f64))`, then `SampleTooLarge { K, positive }`
//!   (`choice_weighted`). For the sum the harness computes its own compensated sum and
//!   accepts either answer within `8 eps_f64 (1 + sum)` of the tolerance (the crate's sum is
//!   within about one rounding of the exact one, `src/numeric/compensated.rs`).
//! - values in their support: `random` in `[0, 1)` and a multiple of `2^-24` / `2^-53`;
//!   `random_uniform` in `[low, high)` (statrix redraws the value that rounds to `high`,
//!   unlike NumPy), equal to the documented algorithm replayed on a clone (`low + (high -
//!   low) u`, redrawn while `>= high`, `low` after 128 draws); integers in range; binomial
//!   counts in `0..=n`; choices valid indices, distinct without replacement, never an item of
//!   zero probability; shuffles permutations of their input.
//! - finite values: standard normals are bounded by the ziggurat's tail (`r + xx` with
//!   `2 yy > xx^2` and `yy <= -ln(2^-53)`: `|z| < 12.3` in f64, `< 9.5` in f32 with its
//!   24-bit uniforms), so `mean + std z` is finite when `|mean| + 12.3 std` is below the
//!   largest float; the legacy polar `randn` is below `sqrt(-2 ln 2^-104) < 12.1`.
//! - documented identities, on clones of the generator: `random_normal` is `mean + std z`
//!   of `random_standard_normal`; `random` is `random_uniform(0, 1)` and `DMatrix::random`
//!   (and the same for standard normals); `random_bernoulli` is `random < p`;
//!   `random_integers(low, high)` is `_inclusive(low, high - 1)`; the 32- and 64-bit integer
//!   types draw the same stream for the same range (8 and 16 bits buffer words, so differ);
//!   a binomial draw does not depend on the integer type it is stored in; `choice_indices`
//!   with replacement is `random_integers(0, n)`; `choice` is `choice_indices` mapped;
//!   `permutation` is `shuffle_rows`, which is `shuffle` of the row indices;
//!   `permutation_indices` is `shuffle` of `0..N`.
//! - word counts that the docs state: `random` one `u64` (f64) or `u32` (f32) per value,
//!   `random_bernoulli` one `u64`, a one-value integer range and `n == 0` or `p == 0`
//!   binomials nothing, `p == 1` binomials one `u64` per value, weighted choice with
//!   replacement one `u64` per pick, a shuffle of at most one item nothing.
//! - the generators' own API: `SeedSequence::new(s)` is `from_words` of `s`'s words, lowest
//!   first; `generate_state` pairs `generate_state_u32` little-endian and a shorter state is a
//!   prefix; `Pcg64::from_seed` of those words, `seed_from_u64` and `default_rng` agree;
//!   `Pcg64::next_u32` halves a word and keeps the high half across `next_u64`; `fill_bytes`
//!   is the little-endian bytes of whole words; `Mt19937::next_u64` is two words, high first,
//!   and an empty word list seeds as `[0]`; `LegacyRng::seed`/`seed_words` are
//!   `from_mt19937`; `rand`/`randn` give the same numbers in one call or in several (the
//!   polar method's second value is kept across calls, also across a `rand` in between);
//!   `ChaCha12Gen::next_u64` is two `next_u32`, the first in the low half.
//!
//! `FUZZ_DEBUG=1` prints each binomial's parameters.
#![no_main]

use std::fmt::Debug;
use std::ops::{Deref, DerefMut};

use libfuzzer_sys::fuzz_target;
use statrix::random::{
    ChaCha12Gen, LegacyRng, Mt19937, Pcg64, RandomInteger, Replacement, Rng, SeedSequence,
    SeedableRng, choice, choice_indices, choice_weighted, default_rng, permutation,
    permutation_indices, shuffle, shuffle_rows,
};
use statrix::{DMatrix, Error, Matrix};
use statrix_fuzz::{Float, Input, with_size};

/// An operation's numbers (as bits) or its error.
type Outcome = Result<Vec<u64>, Error>;

fuzz_target!(|data: &[u8]| {
    let first = run(data);
    let second = run(data);
    assert_eq!(first, second, "the same seed gave different numbers");
});

/// Decodes and runs the input; returns every operation's outcome and the generator's next
/// word.
fn run(data: &[u8]) -> Vec<Outcome> {
    let mut input = Input::new(data);
    if input.below(8) == 0 {
        return vec![generator_api(&mut input)];
    }
    let mut generator = decode_generator(&mut input);
    let mut outcomes = Vec::new();
    for _ in 0..1 + input.below(3) {
        outcomes.push(operation(&mut input, &mut generator));
    }
    outcomes.push(Ok(vec![generator.rng().next_u64()]));
    outcomes
}

// ---------------------------------------------------------------------------------------
// Generators.

/// The generators under test, comparable and cloneable so that a clone can replay a draw.
#[derive(Clone, Debug, PartialEq)]
enum Gen {
    Pcg(Pcg64),
    ChaCha(ChaCha12Gen),
    Mt(Box<Mt19937>),
    Periodic(Periodic),
}

impl Gen {
    fn rng(&mut self) -> &mut dyn Rng {
        match self {
            Gen::Pcg(g) => g,
            Gen::ChaCha(g) => g,
            Gen::Mt(g) => g.as_mut(),
            Gen::Periodic(g) => g,
        }
    }

    /// Draws `u64s` words and then `u32s` half-words, as the docs say a sampler does.
    fn advanced(&self, u64s: usize, u32s: usize) -> Gen {
        let mut g = self.clone();
        for _ in 0..u64s {
            g.rng().next_u64();
        }
        for _ in 0..u32s {
            g.rng().next_u32();
        }
        g
    }
}

/// A broken generator: a `Pcg64` reset to the same state every `period` calls, so its words
/// repeat (`period == 1`: the same word forever). `rand_core`'s `impl TryRng for R:
/// DerefMut` calls `deref_mut` once per word, which is where the reset happens.
#[derive(Clone, Debug, PartialEq)]
struct Periodic {
    start: Pcg64,
    current: Pcg64,
    period: u32,
    calls: u32,
}

impl Deref for Periodic {
    type Target = Pcg64;
    fn deref(&self) -> &Pcg64 {
        &self.current
    }
}

impl DerefMut for Periodic {
    fn deref_mut(&mut self) -> &mut Pcg64 {
        if self.calls.is_multiple_of(self.period) {
            self.current = self.start.clone();
        }
        self.calls = self.calls.wrapping_add(1);
        &mut self.current
    }
}

fn seed_bytes(input: &mut Input) -> [u8; 32] {
    std::array::from_fn(|_| input.byte())
}

fn decode_generator(input: &mut Input) -> Gen {
    match input.below(8) {
        0..=2 => Gen::Pcg(default_rng(input.bits(8))),
        3 => {
            let words: Vec<u32> = (0..input.below(9)).map(|_| input.bits(4) as u32).collect();
            Gen::Pcg(Pcg64::from_seed_sequence(&SeedSequence::from_words(&words)))
        }
        4 => Gen::Pcg(Pcg64::from_seed(seed_bytes(input))),
        5 => Gen::ChaCha(ChaCha12Gen::seed_from_u64(input.bits(8))),
        6 => Gen::Mt(Box::new(Mt19937::new(input.bits(4) as u32))),
        _ => {
            let start = Pcg64::from_seed(seed_bytes(input));
            Gen::Periodic(Periodic {
                current: start.clone(),
                start,
                period: 1 + input.below(4) as u32,
                calls: 0,
            })
        }
    }
}

// ---------------------------------------------------------------------------------------
// Element types.

/// `f32` and `f64` with their bits and the bounds of the samplers.
trait Fl: Float + PartialOrd {
    /// Bits of a uniform draw: 24 or 53.
    const MANTISSA: i32;
    /// A bound on `|z|` of the ziggurat's standard normals (see the module docs).
    const Z_MAX: f64;
    fn bits(self) -> u64;
    fn up(self) -> Self;
}

impl Fl for f32 {
    const MANTISSA: i32 = 24;
    const Z_MAX: f64 = 9.5;
    fn bits(self) -> u64 {
        u64::from(self.to_bits())
    }
    fn up(self) -> Self {
        self.next_up()
    }
}

impl Fl for f64 {
    const MANTISSA: i32 = 53;
    const Z_MAX: f64 = 12.3;
    fn bits(self) -> u64 {
        self.to_bits()
    }
    fn up(self) -> Self {
        self.next_up()
    }
}

fn float_bits<T: Fl>(values: &[T]) -> Vec<u64> {
    values.iter().map(|x| x.bits()).collect()
}

/// The integer types random integers and binomials are drawn in, widened to `i128`.
trait Int: RandomInteger + Copy + Debug + PartialOrd {
    const LO: i128;
    const HI: i128;
    const WIDTH: u32;
    /// `x`, which the caller keeps in range.
    fn of(x: i128) -> Self;
    /// The low bits of `bits`.
    fn wrap(bits: u64) -> Self;
    fn wide(self) -> i128;
}

macro_rules! impl_int {
    ($($t:ty),*) => {$(
        impl Int for $t {
            const LO: i128 = <$t>::MIN as i128;
            const HI: i128 = <$t>::MAX as i128;
            const WIDTH: u32 = <$t>::BITS;
            fn of(x: i128) -> Self {
                <$t>::try_from(x).expect("in range")
            }
            fn wrap(bits: u64) -> Self {
                bits as $t
            }
            fn wide(self) -> i128 {
                self as i128
            }
        }
    )*};
}

impl_int!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

fn int_bits<I: Int>(values: &[I]) -> Vec<u64> {
    values.iter().map(|x| x.wide() as u64).collect()
}

/// Runs `$body` with `$t` one of the ten integer types.
macro_rules! with_int {
    ($index:expr, $t:ident => $body:expr) => {
        match $index % 10 {
            0 => {
                type $t = i8;
                $body
            }
            1 => {
                type $t = i16;
                $body
            }
            2 => {
                type $t = i32;
                $body
            }
            3 => {
                type $t = i64;
                $body
            }
            4 => {
                type $t = isize;
                $body
            }
            5 => {
                type $t = u8;
                $body
            }
            6 => {
                type $t = u16;
                $body
            }
            7 => {
                type $t = u32;
                $body
            }
            8 => {
                type $t = u64;
                $body
            }
            _ => {
                type $t = usize;
                $body
            }
        }
    };
}

/// Runs `$body` with `$r x $c` one of a few shapes: a single value, small ones, a long row
/// (64 draws: rejection paths) and an empty one (no draws).
macro_rules! with_shape {
    ($index:expr, $r:ident, $c:ident => $body:expr) => {
        match $index % 5 {
            0 => {
                const $r: usize = 1;
                const $c: usize = 1;
                $body
            }
            1 => {
                const $r: usize = 2;
                const $c: usize = 3;
                $body
            }
            2 => {
                const $r: usize = 4;
                const $c: usize = 4;
                $body
            }
            3 => {
                const $r: usize = 1;
                const $c: usize = 64;
                $body
            }
            _ => {
                const $r: usize = 0;
                const $c: usize = 3;
                $body
            }
        }
    };
}

/// Runs `$body` with `$k` one of the sample sizes (201 and 256 reach NumPy's partial
/// shuffle of populations just above 10,000).
macro_rules! with_k {
    ($index:expr, $k:ident => $body:expr) => {
        match $index % 9 {
            0 => {
                const $k: usize = 0;
                $body
            }
            1 => {
                const $k: usize = 1;
                $body
            }
            2 => {
                const $k: usize = 2;
                $body
            }
            3 => {
                const $k: usize = 3;
                $body
            }
            4 => {
                const $k: usize = 5;
                $body
            }
            5 => {
                const $k: usize = 8;
                $body
            }
            6 => {
                const $k: usize = 64;
                $body
            }
            7 => {
                const $k: usize = 201;
                $body
            }
            _ => {
                const $k: usize = 256;
                $body
            }
        }
    };
}

/// Runs `$body` with `$n` one of 0, 1, 2, 4, 8.
macro_rules! with_small {
    ($index:expr, $n:ident => $body:expr) => {
        match $index % 5 {
            0 => {
                const $n: usize = 0;
                $body
            }
            1 => {
                const $n: usize = 1;
                $body
            }
            2 => {
                const $n: usize = 2;
                $body
            }
            3 => {
                const $n: usize = 4;
                $body
            }
            _ => {
                const $n: usize = 8;
                $body
            }
        }
    };
}

// ---------------------------------------------------------------------------------------
// Parameters.

/// `low` and `high`: independent, or `high` a few ulps above `low` (where `low + (high -
/// low) u` rounds to `high` about half the time).
fn float_range<T: Fl>(input: &mut Input) -> (T, T) {
    let exp = input.exponent::<T>();
    let low: T = input.scalar(exp);
    let high = if input.below(4) == 0 {
        let mut h = low;
        for _ in 0..1 + input.below(3) {
            h = h.up();
        }
        h
    } else {
        input.scalar(exp)
    };
    (low, high)
}

/// A probability: special values (0, -0, 1, the neighbours of 0 and 1, NaN, ±inf, values
/// just outside `[0, 1]`), a uniform multiple of `2^-53`, or any scalar.
fn probability(input: &mut Input) -> f64 {
    const SPECIAL: [f64; 16] = [
        0.0,
        -0.0,
        1.0,
        0.5,
        1.0 - f64::EPSILON / 2.0,
        f64::EPSILON / 2.0,
        f64::MIN_POSITIVE,
        5e-324,
        1.0 + f64::EPSILON,
        -5e-324,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.3,
        // n p just above 30 for n = i64::MAX: BTPE with a small n p q.
        3.3e-18,
        1e-15,
    ];
    match input.below(4) {
        0 => SPECIAL[input.below(SPECIAL.len())],
        1 => (input.bits(8) >> 11) as f64 / 9_007_199_254_740_992.0,
        2 => {
            let exp = input.exponent::<f64>();
            input.scalar(exp)
        }
        _ => (input.bits(8) >> 11) as f64 * 2f64.powi(-53 - i32::from(input.byte() % 64)),
    }
}

/// An integer of `I`: its extremes, 0, ±1, `i64::MAX` and its neighbour (the binomial's
/// limit), a small one, or raw bits.
fn integer<I: Int>(input: &mut Input) -> I {
    let x = match input.below(9) {
        0 => I::LO,
        1 => I::HI,
        2 => 0,
        3 => 1,
        4 => -1,
        5 => i128::from(i64::MAX),
        6 => i128::from(i64::MAX) + 1,
        7 => i128::from(input.byte() as i8),
        _ => return I::wrap(input.bits(8)),
    };
    I::of(x.clamp(I::LO, I::HI))
}

/// `low` and `high`: independent, or `high = low + delta` for a small `delta` (one-value and
/// empty ranges).
fn int_range<I: Int>(input: &mut Input) -> (I, I) {
    let low = integer::<I>(input);
    let high = if input.below(3) == 0 {
        integer::<I>(input)
    } else {
        let delta = i128::from(input.byte() as i8);
        I::of((low.wide() + delta).clamp(I::LO, I::HI))
    };
    (low, high)
}

// ---------------------------------------------------------------------------------------
// Operations.

fn operation(input: &mut Input, generator: &mut Gen) -> Outcome {
    let kind = input.below(14);
    let shape = input.byte();
    match kind {
        0..=3 => {
            if input.byte().is_multiple_of(2) {
                with_shape!(shape, R, C => float_op::<f64, R, C>(kind, input, generator))
            } else {
                with_shape!(shape, R, C => float_op::<f32, R, C>(kind, input, generator))
            }
        }
        4..=6 => {
            let ty = input.byte();
            with_int!(ty, I => with_shape!(shape, R, C => int_op::<I, R, C>(kind, input, generator)))
        }
        7 => with_shape!(shape, R, C => bernoulli::<R, C>(input, generator)),
        8 => with_k!(shape, K => indices::<K>(input, generator)),
        9 => {
            let k = input.byte();
            with_small!(shape, N => with_small!(k, K => items::<N, K>(input, generator)))
        }
        10 => {
            let k = input.byte();
            if input.byte().is_multiple_of(2) {
                with_small!(shape, N => with_small!(k, K => weighted::<f64, N, K>(input, generator)))
            } else {
                with_small!(shape, N => with_small!(k, K => weighted::<f32, N, K>(input, generator)))
            }
        }
        11 => shuffled(input, generator),
        12 => with_shape!(shape, R, C => rows::<R, C>(generator)),
        _ => match shape % 6 {
            0 => indices_permutation::<0>(generator),
            1 => indices_permutation::<1>(generator),
            2 => indices_permutation::<2>(generator),
            3 => indices_permutation::<5>(generator),
            4 => indices_permutation::<10>(generator),
            _ => indices_permutation::<257>(generator),
        },
    }
}

fn float_op<T: Fl, const R: usize, const C: usize>(
    kind: usize,
    input: &mut Input,
    generator: &mut Gen,
) -> Outcome {
    match kind {
        0 => random::<T, R, C>(generator),
        1 => uniform::<T, R, C>(input, generator),
        2 => standard_normal::<T, R, C>(generator),
        _ => normal::<T, R, C>(input, generator),
    }
}

fn random<T: Fl, const R: usize, const C: usize>(generator: &mut Gen) -> Outcome {
    let before = generator.clone();
    let m = Matrix::<T, R, C>::random(generator.rng());
    let scale = 2f64.powi(T::MANTISSA);
    for &x in m.iter() {
        let w = x.wide();
        assert!((0.0..1.0).contains(&w), "random: {w} outside [0, 1)");
        assert_eq!(
            (w * scale).fract(),
            0.0,
            "random: {w} not a multiple of 2^-{}",
            T::MANTISSA
        );
    }
    // One u64 per f64, one u32 per f32.
    let words = if T::BYTES == 4 {
        before.advanced(0, R * C)
    } else {
        before.advanced(R * C, 0)
    };
    assert_eq!(&words, generator, "random: words drawn");
    let mut g = before.clone();
    let d = DMatrix::<T>::random(R, C, g.rng());
    assert_eq!(
        float_bits(d.as_slice()),
        float_bits(m.as_slice()),
        "DMatrix::random"
    );
    assert_eq!(&g, generator);
    let mut g = before.clone();
    let u = Matrix::<T, R, C>::random_uniform(g.rng(), T::zero(), T::one()).expect("[0, 1)");
    assert_eq!(
        float_bits(u.as_slice()),
        float_bits(m.as_slice()),
        "random_uniform(0, 1)"
    );
    assert_eq!(&g, generator);
    Ok(float_bits(m.as_slice()))
}

fn uniform<T: Fl, const R: usize, const C: usize>(
    input: &mut Input,
    generator: &mut Gen,
) -> Outcome {
    let (low, high) = float_range::<T>(input);
    let before = generator.clone();
    let got = Matrix::<T, R, C>::random_uniform(generator.rng(), low, high);
    let valid = low.is_finite() && high.is_finite() && low < high;
    let width = high - low;
    match &got {
        Err(Error::EmptyRange) => assert!(!valid, "uniform({low}, {high}): EmptyRange"),
        Err(Error::Overflow) => assert!(
            valid && !width.is_finite(),
            "uniform({low}, {high}): Overflow"
        ),
        Ok(m) => {
            assert!(valid && width.is_finite(), "uniform({low}, {high}): Ok");
            // The documented algorithm, replayed on a clone.
            let mut replay = before.clone();
            for &x in m.iter() {
                assert!(
                    low <= x && x < high,
                    "uniform({low}, {high}): {x} outside the range"
                );
                let mut want = low;
                for _ in 0..128 {
                    let u = Matrix::<T, 1, 1>::random(replay.rng())[(0, 0)];
                    let y = low + width * u;
                    if y < high {
                        want = y;
                        break;
                    }
                }
                assert_eq!(
                    x.bits(),
                    want.bits(),
                    "uniform({low}, {high}): {x} != {want}"
                );
            }
            assert_eq!(&replay, generator, "uniform: words drawn");
        }
        Err(e) => panic!("uniform({low}, {high}): unexpected {e:?}"),
    }
    got.map(|m| float_bits(m.as_slice()))
}

fn standard_normal<T: Fl, const R: usize, const C: usize>(generator: &mut Gen) -> Outcome {
    let before = generator.clone();
    let m = Matrix::<T, R, C>::random_standard_normal(generator.rng());
    for &z in m.iter() {
        assert!(
            z.is_finite() && z.wide().abs() < T::Z_MAX,
            "standard normal {z} beyond the tail's bound"
        );
    }
    let mut g = before.clone();
    let d = DMatrix::<T>::random_standard_normal(R, C, g.rng());
    assert_eq!(
        float_bits(d.as_slice()),
        float_bits(m.as_slice()),
        "DMatrix::random_standard_normal"
    );
    assert_eq!(&g, generator);
    Ok(float_bits(m.as_slice()))
}

fn normal<T: Fl, const R: usize, const C: usize>(
    input: &mut Input,
    generator: &mut Gen,
) -> Outcome {
    let exp = input.exponent::<T>();
    let mean: T = input.scalar(exp);
    let mut std: T = input.scalar(exp);
    if input.byte().is_multiple_of(2) {
        std = std.abs();
    }
    let before = generator.clone();
    let got = Matrix::<T, R, C>::random_normal(generator.rng(), mean, std);
    match &got {
        Err(Error::InvalidParameter { name: "mean" }) => {
            assert!(!mean.is_finite(), "normal({mean}, {std}): mean rejected")
        }
        Err(Error::InvalidParameter { name: "std" }) => assert!(
            mean.is_finite() && !(std >= T::zero() && std.is_finite()),
            "normal({mean}, {std}): std rejected"
        ),
        Ok(m) => {
            assert!(
                mean.is_finite() && std >= T::zero() && std.is_finite(),
                "normal({mean}, {std}): Ok"
            );
            let mut g = before.clone();
            let z = Matrix::<T, R, C>::random_standard_normal(g.rng());
            let want = z.map(|z| mean + std * z);
            assert_eq!(
                float_bits(m.as_slice()),
                float_bits(want.as_slice()),
                "normal({mean}, {std}) is mean + std z"
            );
            assert_eq!(&g, generator);
            let big = T::max_value().wide();
            if mean.wide().abs() / big + std.wide() / big * T::Z_MAX < 0.99 {
                assert!(
                    m.iter().all(|x| x.is_finite()),
                    "normal({mean}, {std}): overflow"
                );
            }
            if std == T::zero() {
                assert!(m.iter().all(|&x| x == mean), "normal({mean}, 0) is mean");
            }
        }
        Err(e) => panic!("normal({mean}, {std}): unexpected {e:?}"),
    }
    got.map(|m| float_bits(m.as_slice()))
}

fn int_op<I: Int, const R: usize, const C: usize>(
    kind: usize,
    input: &mut Input,
    generator: &mut Gen,
) -> Outcome {
    match kind {
        4 => integers::<I, R, C>(input, generator, false),
        5 => integers::<I, R, C>(input, generator, true),
        _ => binomial::<I, R, C>(input, generator),
    }
}

/// The same range drawn in `i64` (or `u64` where it does not fit): the 32- and 64-bit
/// types draw one stream for one range.
fn integers_wide<const R: usize, const C: usize>(
    generator: &mut Gen,
    low: i128,
    high: i128,
    inclusive: bool,
) -> Vec<u64> {
    if let (Ok(low), Ok(high)) = (i64::try_from(low), i64::try_from(high)) {
        let m = if inclusive {
            Matrix::<i64, R, C>::random_integers_inclusive(generator.rng(), low, high)
        } else {
            Matrix::<i64, R, C>::random_integers(generator.rng(), low, high)
        };
        int_bits(m.expect("a valid range").as_slice())
    } else {
        let (low, high) = (
            u64::try_from(low).expect("u64"),
            u64::try_from(high).expect("u64"),
        );
        let m = if inclusive {
            Matrix::<u64, R, C>::random_integers_inclusive(generator.rng(), low, high)
        } else {
            Matrix::<u64, R, C>::random_integers(generator.rng(), low, high)
        };
        int_bits(m.expect("a valid range").as_slice())
    }
}

fn integers<I: Int, const R: usize, const C: usize>(
    input: &mut Input,
    generator: &mut Gen,
    inclusive: bool,
) -> Outcome {
    let (low, high) = int_range::<I>(input);
    let (lo, hi) = (low.wide(), high.wide());
    let before = generator.clone();
    let got = if inclusive {
        Matrix::<I, R, C>::random_integers_inclusive(generator.rng(), low, high)
    } else {
        Matrix::<I, R, C>::random_integers(generator.rng(), low, high)
    };
    // The largest value drawn.
    let top = if inclusive { hi } else { hi - 1 };
    match &got {
        Err(Error::EmptyRange) => assert!(lo > top, "integers [{lo}, {top}]: EmptyRange"),
        Ok(m) => {
            assert!(lo <= top, "integers [{lo}, {top}]: Ok");
            for x in m.iter() {
                assert!(
                    (lo..=top).contains(&x.wide()),
                    "integers: {x:?} outside [{lo}, {top}]"
                );
            }
            if lo == top {
                assert_eq!(&before, generator, "a one-value range draws nothing");
            }
            // The exclusive and inclusive forms of the same range.
            let mut g = before.clone();
            let other = if inclusive {
                (hi < I::HI)
                    .then(|| Matrix::<I, R, C>::random_integers(g.rng(), low, I::of(hi + 1)))
            } else {
                Some(Matrix::<I, R, C>::random_integers_inclusive(
                    g.rng(),
                    low,
                    I::of(top),
                ))
            };
            if let Some(other) = other {
                assert_eq!(other.as_ref(), Ok(m), "integers: exclusive vs inclusive");
                assert_eq!(&g, generator);
            }
            if I::WIDTH >= 32 {
                let mut g = before.clone();
                let wide = integers_wide::<R, C>(&mut g, lo, hi, inclusive);
                assert_eq!(wide, int_bits(m.as_slice()), "integers: 32/64-bit types");
                assert_eq!(&g, generator);
            }
        }
        Err(e) => panic!("integers [{lo}, {top}]: unexpected {e:?}"),
    }
    got.map(|m| int_bits(m.as_slice()))
}

fn binomial<I: Int, const R: usize, const C: usize>(
    input: &mut Input,
    generator: &mut Gen,
) -> Outcome {
    let n = integer::<I>(input);
    let p = probability(input);
    let nw = n.wide();
    if std::env::var_os("FUZZ_DEBUG").is_some() {
        eprintln!(
            "binomial::<{}, {R}, {C}>(n = {nw}, p = {p:e}) on {generator:?}",
            std::any::type_name::<I>()
        );
    }
    let before = generator.clone();
    let got = Matrix::<I, R, C>::random_binomial(generator.rng(), n, p);
    let valid_p = (0.0..=1.0).contains(&p);
    let valid_n = (0..=i128::from(i64::MAX)).contains(&nw);
    match &got {
        Err(Error::InvalidProbability) => assert!(!valid_p, "binomial({nw}, {p:e}): p rejected"),
        Err(Error::InvalidParameter { name: "n" }) => {
            assert!(valid_p && !valid_n, "binomial({nw}, {p:e}): n rejected")
        }
        Ok(m) => {
            assert!(valid_p && valid_n, "binomial({nw}, {p:e}): Ok");
            for x in m.iter() {
                assert!(
                    (0..=nw).contains(&x.wide()),
                    "binomial({nw}, {p:e}): {x:?} outside 0..=n"
                );
            }
            if nw == 0 || p == 0.0 {
                assert!(
                    m.iter().all(|x| x.wide() == 0),
                    "binomial({nw}, {p:e}): not 0"
                );
                assert_eq!(&before, generator, "binomial({nw}, {p:e}) draws nothing");
            } else if p == 1.0 {
                assert!(m.iter().all(|x| x.wide() == nw), "binomial({nw}, 1): not n");
                assert_eq!(
                    &before.advanced(R * C, 0),
                    generator,
                    "binomial(n, 1) draws one f64 per value"
                );
            }
            // The count does not depend on the type it is stored in.
            let mut g = before.clone();
            let wide =
                Matrix::<i64, R, C>::random_binomial(g.rng(), nw as i64, p).expect("valid in i64");
            assert_eq!(
                int_bits(wide.as_slice()),
                int_bits(m.as_slice()),
                "binomial in i64"
            );
            assert_eq!(&g, generator);
        }
        Err(e) => panic!("binomial({nw}, {p:e}): unexpected {e:?}"),
    }
    got.map(|m| int_bits(m.as_slice()))
}

fn bernoulli<const R: usize, const C: usize>(input: &mut Input, generator: &mut Gen) -> Outcome {
    let p = probability(input);
    let before = generator.clone();
    let got = Matrix::<bool, R, C>::random_bernoulli(generator.rng(), p);
    match &got {
        Err(Error::InvalidProbability) => {
            assert!(!(0.0..=1.0).contains(&p), "bernoulli({p:e}): p rejected")
        }
        Ok(m) => {
            assert!((0.0..=1.0).contains(&p), "bernoulli({p:e}): Ok");
            let mut g = before.clone();
            let u = Matrix::<f64, R, C>::random(g.rng());
            assert_eq!(u.map(|u| u < p), *m, "bernoulli({p:e}) is random < p");
            assert_eq!(&g, generator);
            if p == 1.0 {
                assert!(m.iter().all(|&b| b), "bernoulli(1)");
            }
            if p == 0.0 {
                assert!(m.iter().all(|&b| !b), "bernoulli(0)");
            }
        }
        Err(e) => panic!("bernoulli({p:e}): unexpected {e:?}"),
    }
    got.map(|m| m.iter().map(|&b| u64::from(b)).collect())
}

fn replacement(input: &mut Input) -> Replacement {
    if input.byte().is_multiple_of(2) {
        Replacement::With
    } else {
        Replacement::Without
    }
}

/// The documented outcome of a sample of `k` from `n` (`choice_indices`, `choice`).
fn sample_error(k: usize, n: usize, replacement: Replacement) -> Option<Error> {
    if k == 0 {
        None
    } else if n == 0 {
        // Both `EmptyRange` and (without replacement) `SampleTooLarge` describe this one;
        // statrix checks `n == 0` first, as NumPy does.
        Some(Error::EmptyRange)
    } else if replacement == Replacement::Without && k > n {
        Some(Error::SampleTooLarge {
            requested: k,
            available: n,
        })
    } else {
        None
    }
}

fn check_indices(what: &str, got: &[usize], n: usize, replacement: Replacement) {
    for &i in got {
        assert!(i < n, "{what}: index {i} out of 0..{n}");
    }
    if replacement == Replacement::Without {
        let mut sorted = got.to_vec();
        sorted.sort_unstable();
        assert!(
            sorted.windows(2).all(|w| w[0] < w[1]),
            "{what}: repeated index without replacement: {got:?}"
        );
    }
}

fn indices<const K: usize>(input: &mut Input, generator: &mut Gen) -> Outcome {
    let n = match input.below(6) {
        0 => usize::from(input.byte()),
        1 => (K + usize::from(input.byte() % 5)).saturating_sub(2),
        // NumPy's switch to a partial shuffle: n > 10,000 and K > n / 50.
        2 => 10_000 + usize::from(input.byte() % 64),
        3 => usize::MAX - usize::from(input.byte()),
        4 => input.bits(8) as usize,
        _ => 0,
    };
    let replacement = replacement(input);
    let before = generator.clone();
    let got = choice_indices::<K, _>(generator.rng(), n, replacement);
    match (&got, sample_error(K, n, replacement)) {
        (Ok(ix), None) => {
            check_indices("choice_indices", ix, n, replacement);
            if replacement == Replacement::With && K > 0 {
                // rng.integers(0, n, K).
                let mut g = before.clone();
                let m = Matrix::<usize, 1, K>::random_integers(g.rng(), 0, n).expect("n > 0");
                assert_eq!(m.as_slice(), &ix[..], "choice_indices with replacement");
                assert_eq!(&g, generator);
            }
        }
        (Err(e), Some(want)) => assert_eq!(*e, want, "choice_indices({K} of {n})"),
        (got, want) => {
            panic!("choice_indices({K} of {n}, {replacement:?}): {got:?}, want {want:?}")
        }
    }
    got.map(|ix| ix.iter().map(|&i| i as u64).collect())
}

fn items<const N: usize, const K: usize>(input: &mut Input, generator: &mut Gen) -> Outcome {
    let population: [u32; N] = std::array::from_fn(|i| 3 + 7 * i as u32);
    let replacement = replacement(input);
    let before = generator.clone();
    let got: Result<[u32; K], Error> = choice(generator.rng(), &population, replacement);
    let mut g = before.clone();
    let want = choice_indices::<K, _>(g.rng(), N, replacement).map(|ix| ix.map(|i| population[i]));
    assert_eq!(got, want, "choice is choice_indices mapped");
    assert_eq!(&g, generator);
    match (&got, sample_error(K, N, replacement)) {
        (Ok(_), None) => {}
        (Err(e), Some(want)) => assert_eq!(*e, want, "choice({K} of {N})"),
        (got, want) => panic!("choice({K} of {N}, {replacement:?}): {got:?}, want {want:?}"),
    }
    got.map(|v| v.iter().map(|&x| u64::from(x)).collect())
}

/// Neumaier's compensated sum, in `f64`.
fn compensated_sum(xs: &[f64]) -> f64 {
    let (mut sum, mut c) = (0.0f64, 0.0f64);
    for &x in xs {
        let t = sum + x;
        if sum.abs() >= x.abs() {
            c += (sum - t) + x;
        } else {
            c += (x - t) + sum;
        }
        sum = t;
    }
    if sum.is_finite() { sum + c } else { sum }
}

/// Weights for `choice_weighted`: a distribution (bytes divided by their sum), optionally
/// with one entry moved by about the tolerance; or arbitrary scalars and special values.
fn weights<P: Fl, const N: usize>(input: &mut Input) -> [P; N] {
    match input.below(4) {
        0 | 1 => {
            let raw: [f64; N] = std::array::from_fn(|_| f64::from(input.byte() % 8));
            let total: f64 = raw.iter().sum();
            let mut p: [f64; N] = raw.map(|w| if total > 0.0 { w / total } else { w });
            if input.below(2) == 0 && N > 0 {
                let tol = tolerance::<P>();
                let j = input.below(N);
                // The tolerance times 1 +- a few 2^-20: either side of the boundary.
                let factor = 1.0 + f64::from(input.byte() as i8) * 2f64.powi(-20);
                let sign = if input.byte().is_multiple_of(2) {
                    1.0
                } else {
                    -1.0
                };
                p[j] += sign * tol * factor;
            }
            p.map(P::narrow)
        }
        _ => {
            let exp = input.exponent::<P>();
            std::array::from_fn(|_| input.scalar(exp))
        }
    }
}

/// `max(sqrt(eps_P), sqrt(eps_f64))`.
fn tolerance<P: Fl>() -> f64 {
    P::epsilon().wide().sqrt().max(f64::EPSILON.sqrt())
}

fn weighted<P: Fl, const N: usize, const K: usize>(
    input: &mut Input,
    generator: &mut Gen,
) -> Outcome {
    let p: [P; N] = weights::<P, N>(input);
    let replacement = replacement(input);
    let population: [usize; N] = std::array::from_fn(|i| i);
    let before = generator.clone();
    let got: Result<[usize; K], Error> =
        choice_weighted(generator.rng(), &population, &p, replacement);
    let wide: Vec<f64> = p.iter().map(|x| x.wide()).collect();
    let sane = wide.iter().all(|&x| x >= 0.0 && x.is_finite());
    let sum = compensated_sum(&wide);
    let deviation = (sum - 1.0).abs();
    let band = 8.0 * f64::EPSILON * (1.0 + sum);
    let tol = tolerance::<P>();
    let invalid = !sane || !sum.is_finite() || deviation > tol + band;
    let valid = sane && sum.is_finite() && deviation <= tol - band;
    let positive = wide.iter().filter(|&&x| x > 0.0).count();
    match &got {
        Err(Error::InvalidProbability) => {
            assert!(!valid, "choice_weighted({wide:?}): rejected, sum {sum:e}")
        }
        Err(Error::SampleTooLarge {
            requested,
            available,
        }) => {
            assert!(!invalid, "choice_weighted({wide:?}): sum {sum:e} accepted");
            assert_eq!(replacement, Replacement::Without);
            assert_eq!(
                (*requested, *available),
                (K, positive),
                "SampleTooLarge's counts"
            );
            assert!(K > positive);
        }
        Ok(picks) => {
            assert!(!invalid, "choice_weighted({wide:?}): sum {sum:e} accepted");
            assert!(
                replacement == Replacement::With || K <= positive,
                "choice_weighted: {K} without replacement from {positive} positive"
            );
            check_indices("choice_weighted", picks, N, replacement);
            for &i in picks {
                assert!(
                    wide[i] > 0.0,
                    "choice_weighted picked {i} of probability {}",
                    wide[i]
                );
            }
            if replacement == Replacement::With {
                assert_eq!(&before.advanced(K, 0), generator, "one f64 per pick");
            }
        }
        Err(e) => panic!("choice_weighted: unexpected {e:?}"),
    }
    got.map(|v| v.iter().map(|&i| i as u64).collect())
}

fn shuffled(input: &mut Input, generator: &mut Gen) -> Outcome {
    let len = match input.below(4) {
        0 => usize::from(input.byte()),
        1 => input.bits(2) as usize,
        _ => input.below(16),
    };
    // Repeated values where the modulus is small.
    let modulus = 1 + input.bits(2) as u32;
    let original: Vec<u32> = (0..len as u32).map(|i| i % modulus).collect();
    let mut items = original.clone();
    let before = generator.clone();
    shuffle(generator.rng(), &mut items);
    let (mut a, mut b) = (items.clone(), original);
    a.sort_unstable();
    b.sort_unstable();
    assert_eq!(a, b, "shuffle changed the multiset");
    if len <= 1 {
        assert_eq!(&before, generator, "a shuffle of {len} items draws nothing");
    }
    Ok(items.iter().map(|&x| u64::from(x)).collect())
}

fn rows<const R: usize, const C: usize>(generator: &mut Gen) -> Outcome {
    let m = Matrix::<u32, R, C>::from_fn(|i, j| (i * C + j) as u32);
    let before = generator.clone();
    let p = permutation(generator.rng(), &m);
    let mut g = before.clone();
    let mut s = m;
    shuffle_rows(g.rng(), &mut s);
    assert_eq!(s, p, "permutation is shuffle_rows");
    assert_eq!(&g, generator);
    let mut g = before.clone();
    let mut order: Vec<usize> = (0..R).collect();
    shuffle(g.rng(), &mut order);
    assert_eq!(&g, generator);
    for (i, &k) in order.iter().enumerate() {
        for j in 0..C {
            assert_eq!(
                p[(i, j)],
                m[(k, j)],
                "row {i} of the permutation is row {k}"
            );
        }
    }
    Ok(p.iter().map(|&x| u64::from(x)).collect())
}

fn indices_permutation<const N: usize>(generator: &mut Gen) -> Outcome {
    let before = generator.clone();
    let p = permutation_indices::<N, _>(generator.rng());
    let mut sorted = p;
    sorted.sort_unstable();
    assert!(
        sorted.iter().enumerate().all(|(i, &x)| i == x),
        "not a permutation: {p:?}"
    );
    let mut g = before.clone();
    let mut order: Vec<usize> = (0..N).collect();
    shuffle(g.rng(), &mut order);
    assert_eq!(
        &order[..],
        &p[..],
        "permutation_indices is a shuffle of 0..N"
    );
    assert_eq!(&g, generator);
    Ok(p.iter().map(|&i| i as u64).collect())
}

// ---------------------------------------------------------------------------------------
// The generators' own API.

fn generator_api(input: &mut Input) -> Outcome {
    let mut out = Vec::new();
    // SeedSequence of an integer: its 32-bit words, lowest first, no high zero words.
    let seed: u128 = match input.below(3) {
        0 => u128::from(input.byte()),
        1 => u128::from(input.bits(8)),
        _ => u128::from(input.bits(8)) | u128::from(input.bits(8)) << 64,
    };
    let mut words = Vec::new();
    let mut rest = seed;
    while rest > 0 || words.is_empty() {
        words.push(rest as u32);
        rest >>= 32;
    }
    let seq = SeedSequence::new(seed);
    assert_eq!(
        seq,
        SeedSequence::from_words(&words),
        "SeedSequence::new({seed})"
    );
    assert_eq!(SeedSequence::from(seed), seq);
    if let Ok(small) = u64::try_from(seed) {
        assert_eq!(SeedSequence::from(small), seq);
        let rng = default_rng(small);
        assert_eq!(rng, Pcg64::from_seed_sequence(&seq), "default_rng({small})");
        assert_eq!(Pcg64::seed_from_u64(small), rng, "seed_from_u64({small})");
    }
    // A list of words: generate_state pairs generate_state_u32 little-endian, and a
    // shorter state is a prefix.
    let list: Vec<u32> = (0..input.below(12)).map(|_| input.bits(4) as u32).collect();
    let seq = SeedSequence::from_words(&list);
    assert_eq!(SeedSequence::from(&list[..]), seq);
    let narrow: [u32; 8] = seq.generate_state_u32();
    let wide: [u64; 4] = seq.generate_state();
    for (i, &w) in wide.iter().enumerate() {
        assert_eq!(
            w,
            u64::from(narrow[2 * i]) | u64::from(narrow[2 * i + 1]) << 32
        );
    }
    let n = 1 + input.below(8);
    with_size!(n, M => {
        let prefix: [u32; M] = seq.generate_state_u32();
        assert_eq!(&prefix[..], &narrow[..M], "generate_state_u32 prefix");
    });
    let mut bytes = [0u8; 32];
    for (chunk, w) in bytes.chunks_exact_mut(8).zip(wide) {
        chunk.copy_from_slice(&w.to_le_bytes());
    }
    let pcg = Pcg64::from_seed_sequence(&seq);
    assert_eq!(
        Pcg64::from_seed(bytes),
        pcg,
        "Pcg64::from_seed of the state words"
    );
    // NumPy's 32-bit buffering: the low half first, the high half kept across next_u64.
    let mut pcg = pcg;
    let halves = input.below(4);
    for _ in 0..halves {
        pcg.next_u32();
    }
    let (mut a, mut b) = (pcg.clone(), pcg.clone());
    let first = b.next_u32();
    let (w1, w2, w3) = (a.next_u64(), a.next_u64(), a.next_u64());
    if halves.is_multiple_of(2) {
        assert_eq!(first, w1 as u32, "next_u32: the low half of a new word");
        assert_eq!(b.next_u64(), w2, "next_u64 between the halves");
        assert_eq!(b.next_u32(), (w1 >> 32) as u32, "the kept high half");
        assert_eq!(b.next_u32(), w3 as u32);
    } else {
        // A high half is kept: next_u32 returns it and draws nothing.
        assert_eq!(b.next_u64(), w1, "next_u64 past a kept half");
    }
    let len = input.below(41);
    let mut buf = vec![0u8; len];
    let mut c = pcg.clone();
    c.fill_bytes(&mut buf);
    let mut d = pcg.clone();
    let want: Vec<u8> = (0..len.div_ceil(8))
        .flat_map(|_| d.next_u64().to_le_bytes())
        .take(len)
        .collect();
    assert_eq!(buf, want, "fill_bytes is whole words, little-endian");
    assert_eq!(c, d, "fill_bytes: words drawn");
    out.push(c.next_u64());

    // Mt19937 and the legacy generator.
    let seed32 = input.bits(4) as u32;
    let mt = if input.byte().is_multiple_of(2) {
        Mt19937::new(seed32)
    } else {
        Mt19937::from_words(&list)
    };
    assert_eq!(
        Mt19937::from_words(&[]),
        Mt19937::from_words(&[0]),
        "empty seeds as [0]"
    );
    let (mut a, mut b) = (mt.clone(), mt.clone());
    let hi = u64::from(a.next_u32());
    assert_eq!(
        b.next_u64(),
        hi << 32 | u64::from(a.next_u32()),
        "Mt19937::next_u64"
    );
    assert_eq!(
        LegacyRng::seed(seed32),
        LegacyRng::from_mt19937(Mt19937::new(seed32))
    );
    assert_eq!(
        LegacyRng::seed_words(&list),
        LegacyRng::from_mt19937(Mt19937::from_words(&list))
    );
    let legacy = LegacyRng::from_mt19937(mt);
    out.extend(legacy_chunks(input, &legacy));

    // ChaCha12: next_u64 is two next_u32, the first in the low half.
    let mut cha = if input.byte().is_multiple_of(2) {
        ChaCha12Gen::seed_from_u64(input.bits(8))
    } else {
        ChaCha12Gen::from_seed(seed_bytes(input))
    };
    for _ in 0..input.below(20) {
        cha.next_u32();
    }
    let (mut a, mut b) = (cha.clone(), cha.clone());
    let low = u64::from(a.next_u32());
    assert_eq!(
        b.next_u64(),
        low | u64::from(a.next_u32()) << 32,
        "ChaCha12Gen::next_u64"
    );
    assert_eq!(a, b);
    out.push(a.next_u64());
    Ok(out)
}

/// `rand` and `randn` drawn in one call and in two; the polar pair's second value kept
/// across calls, a `rand` in between included.
fn legacy_chunks(input: &mut Input, legacy: &LegacyRng) -> Vec<u64> {
    let mut whole = legacy.clone();
    let all_u: Matrix<f64, 1, 8> = whole.rand();
    let all_z: Matrix<f64, 1, 8> = whole.randn();
    for &u in all_u.iter() {
        assert!((0.0..1.0).contains(&u), "rand: {u}");
        assert_eq!(
            (u * 2f64.powi(53)).fract(),
            0.0,
            "rand: {u} not a multiple of 2^-53"
        );
    }
    for &z in all_z.iter() {
        assert!(z.is_finite() && z.abs() < 12.1, "randn: {z}");
    }
    let mut parts = legacy.clone();
    let mut u = Vec::new();
    let mut z = Vec::new();
    macro_rules! split {
        ($a:literal, $b:literal) => {{
            let x: Matrix<f64, 1, $a> = parts.rand();
            let y: Matrix<f64, 1, $b> = parts.rand();
            u.extend_from_slice(x.as_slice());
            u.extend_from_slice(y.as_slice());
            let x: Matrix<f64, 1, $a> = parts.randn();
            let y: Matrix<f64, 1, $b> = parts.randn();
            z.extend_from_slice(x.as_slice());
            z.extend_from_slice(y.as_slice());
        }};
    }
    match input.below(5) {
        0 => split!(1, 7),
        1 => split!(2, 6),
        2 => split!(3, 5),
        3 => split!(5, 3),
        _ => split!(7, 1),
    }
    assert_eq!(
        float_bits(&u),
        float_bits(all_u.as_slice()),
        "rand in two calls"
    );
    assert_eq!(
        float_bits(&z),
        float_bits(all_z.as_slice()),
        "randn in two calls"
    );
    assert_eq!(parts, whole);
    // randn(1), rand(1), randn(1): the third is the second of the first pair.
    let mut pair = legacy.clone();
    let zz: Matrix<f64, 1, 2> = pair.randn();
    let uu: Matrix<f64, 1, 1> = pair.rand();
    let mut step = legacy.clone();
    let z1: Matrix<f64, 1, 1> = step.randn();
    let u1: Matrix<f64, 1, 1> = step.rand();
    let z2: Matrix<f64, 1, 1> = step.randn();
    assert_eq!(z1[(0, 0)].to_bits(), zz[(0, 0)].to_bits());
    assert_eq!(
        u1[(0, 0)].to_bits(),
        uu[(0, 0)].to_bits(),
        "rand after a kept value"
    );
    assert_eq!(
        z2[(0, 0)].to_bits(),
        zz[(0, 1)].to_bits(),
        "the kept polar value"
    );
    float_bits(&z)
}
