//! Seeded random generation (feature `rand`): NumPy's `np.random.default_rng(seed)` and
//! its samplers, without a heap, with NumPy's numbers: the same seed gives the same values
//! as NumPy, element for element, on every platform, with and without `std`.
//!
//! ```
//! use statrix::Matrix;
//! use statrix::random::{choice, default_rng, shuffle, Replacement};
//!
//! let mut rng = default_rng(42); // rng = np.random.default_rng(42)
//! let u = Matrix::<f64, 2, 3>::random_uniform(&mut rng, 0.0, 1.0)?; // rng.uniform(0, 1, (2, 3))
//! let z = Matrix::<f64, 3, 3>::random_standard_normal(&mut rng); // rng.standard_normal((3, 3))
//! let n = Matrix::<f64, 2, 2>::random_normal(&mut rng, 10.0, 2.0)?; // rng.normal(10, 2, (2, 2))
//! let k = Matrix::<i64, 1, 5>::random_integers(&mut rng, 0, 100)?; // rng.integers(0, 100, (1, 5))
//! let b = Matrix::<u32, 2, 2>::random_binomial(&mut rng, 20, 0.3)?; // rng.binomial(20, 0.3, (2, 2))
//! let mask = Matrix::<bool, 2, 4>::random_bernoulli(&mut rng, 0.5)?; // rng.random((2, 4)) < 0.5
//! let mut deck = [1, 2, 3, 4, 5];
//! shuffle(&mut rng, &mut deck); // rng.shuffle(deck)
//! let hand: [i32; 2] = choice(&mut rng, &deck, Replacement::Without)?; // rng.choice(deck, 2, replace=False)
//! # let _ = (u, z, n, k, b, mask, hand);
//! # Ok::<(), statrix::Error>(())
//! ```
//!
//! ## Naming
//!
//! | what | form | NumPy |
//! | --- | --- | --- |
//! | a matrix of random values | `Matrix` associated functions `random_*`: [`Matrix::random`], [`Matrix::random_uniform`], [`Matrix::random_standard_normal`], [`Matrix::random_normal`], [`Matrix::random_integers`], [`Matrix::random_binomial`], [`Matrix::random_bernoulli`] | `rng.random`, `uniform`, `standard_normal`, `normal`, `integers`, `binomial` |
//! | reordering or sampling a population | free functions here: [`shuffle`], [`shuffle_rows`], [`permutation`], [`permutation_indices`], [`choice`], [`choice_indices`], [`choice_weighted`] | `rng.shuffle`, `permutation`, `choice` |
//! | the generator | [`default_rng`] returns a [`Pcg64`] seeded by a [`SeedSequence`]; [`ChaCha12Gen`] is the alternative stream | `np.random.default_rng`, `PCG64`, `SeedSequence` |
//! | the legacy global generator | [`LegacyRng::seed`], then [`LegacyRng::rand`], [`LegacyRng::randn`] (over [`Mt19937`]) | `np.random.seed`, `np.random.rand`, `np.random.randn` |
//!
//! The shape of a matrix is its type (`Matrix::<f64, 2, 3>::random(..)` is NumPy's
//! `size=(2, 3)`), and the size of a sample is the length of the returned array
//! (`choice::<_, _, 5, 2>` or `let s: [T; 2] = choice(..)`), so nothing allocates. Elements
//! are drawn in row-major (NumPy's C) order. Mode flags are enums ([`Replacement`]).
//!
//! ## Any generator
//!
//! Every sampler takes `rng: &mut G` for any `G: rand::Rng` (`rand` 0.10's name for the
//! bit-source trait that `rand` 0.8/0.9 called `RngCore`), so another bit generator, such as
//! [`ChaCha12Gen`], plugs in unchanged. The samplers read only `next_u32` and
//! `next_u64` and do their own conversions (see each function for how many words it takes),
//! so their numbers depend only on the generator's words and this crate, not on `rand`'s
//! distribution code.
//!
//! ## Reproducibility
//!
//! A seed gives the same numbers on every platform, with and without `std`:
//! - [`default_rng`] is NumPy's PCG64 seeded through NumPy's [`SeedSequence`], integer
//!   arithmetic only; [`ChaCha12Gen`] is ChaCha12, a fixed function of its key, keyed from
//!   the seed by this crate's SplitMix64 expansion.
//! - Every float transform (`log`, `exp`, `log1p`, `sqrt`, `sincos`, `floor`) calls the
//!   pure-Rust `libm` crate directly, in every build: unlike `num_traits::Float` (and so
//!   `rand_distr`), which switch to the platform's maths library under `std`, and whose
//!   last bits differ between platforms. (Basic IEEE arithmetic is exact and identical
//!   everywhere; the one exception is 32-bit x86 without SSE2, whose x87 unit rounds
//!   differently.)
//! - Integer ranges use 32- or 64-bit draws according to the range, never the width of
//!   `usize`, so index sampling agrees between 32- and 64-bit targets.
//!
//! ## NumPy's numbers
//!
//! [`default_rng`] is NumPy's bit generator seeded as NumPy seeds it, and every sampler
//! draws NumPy's words in NumPy's order with NumPy's algorithm (NumPy 2.x's `Generator`):
//! 53-bit doubles, Lemire's bounded integers with NumPy's 32-bit buffering, the 256-layer
//! ziggurat with NumPy's tables, inversion/BTPE binomials, NumPy's masked-rejection
//! shuffle, and `choice`'s switch between Floyd's algorithm and a partial shuffle. A
//! matrix is filled in C order, so `Matrix::<f64, 3, 4>::random_normal(&mut
//! default_rng(s), 0.0, 1.0)` is `np.random.default_rng(s).normal(size=(3, 4))`. The test
//! suite compares about 380,000 values over 7 seeds (integers, one above `2^64`, a list of
//! words) with NumPy's own (`tests/fixtures/gen_numpy_random.py`), and all are bit-equal.
//!
//! Where NumPy's algorithms call `exp`, `log` or `log1p`, NumPy uses the platform's maths
//! library and statrix the `libm` crate; both are within 1 ulp of the exact value, and they
//! may differ in the last bit of an intermediate. Most such calls only decide a comparison
//! (the ziggurat's wedge test, BTPE's acceptance steps), where a 1-ulp difference changes
//! the outcome with probability near `1e-16`; the ziggurat's tail value and the binomial
//! inversion's `q^n` depend on them directly. Measured over the fixtures: every value is
//! bit-equal, including 35 normals from the tail (`log1p`), about 1,300 wedge tests
//! (`exp`) and 29,000 binomial counts (`exp`, `log`, `log1p`). Two documented departures:
//! [`Matrix::random_uniform`] redraws the rare value that rounds to `high` (NumPy returns
//! it; probability near `2^-53` per value), and f32 normals use the f32 ziggurat
//! (`standard_normal(dtype=np.float32)`), NumPy having no f32 `normal`. The legacy
//! [`LegacyRng::randn`] (`np.random.seed` + `np.random.randn`) returns values computed from
//! `log` directly: about 3% of them are 1 to 3 ulps from NumPy's (see its docs).
//!
//! ## Errors and termination
//!
//! Bad arguments return an [`Error`](crate::Error), never panic: an empty or non-finite
//! range ([`Error::EmptyRange`](crate::Error::EmptyRange)), a probability that is NaN or
//! outside `[0, 1]` or probabilities that do not sum to 1
//! ([`Error::InvalidProbability`](crate::Error::InvalidProbability)), a bad distribution
//! parameter ([`Error::InvalidParameter`](crate::Error::InvalidParameter)), a sample larger
//! than its population without replacement
//! ([`Error::SampleTooLarge`](crate::Error::SampleTooLarge)).
//!
//! Every loop is bounded. Rejection steps (unbiased integers, the masked shuffle, the
//! ziggurat, the `high` end of a uniform range) reject with probability at most 1/2 per
//! draw and give up after 128 draws in a row, returning a valid value; the binomial's BTPE
//! rejects about half its attempts at worst and gives up after 256. With a uniform bit source that happens with probability below
//! `2^-128` (`1e-70` for BTPE) per value, so no distribution changes measurably, while a
//! broken generator (one that always returns the same word) cannot hang the program.
//!
//! [`Matrix::random`]: crate::Matrix::random
//! [`Matrix::random_uniform`]: crate::Matrix::random_uniform
//! [`Matrix::random_standard_normal`]: crate::Matrix::random_standard_normal
//! [`Matrix::random_normal`]: crate::Matrix::random_normal
//! [`Matrix::random_integers`]: crate::Matrix::random_integers
//! [`Matrix::random_binomial`]: crate::Matrix::random_binomial
//! [`Matrix::random_bernoulli`]: crate::Matrix::random_bernoulli

mod binomial;
pub(crate) mod bits;
mod chacha;
mod choice;
pub(crate) mod continuous;
mod discrete;
mod legacy;
mod pcg64;
mod permutation;
mod seed_sequence;
mod weighted;
mod ziggurat;
mod ziggurat_tables;

pub use chacha::ChaCha12Gen;
pub use choice::{Replacement, choice, choice_indices};
pub use discrete::RandomInteger;
pub use legacy::{LegacyRng, Mt19937};
pub use pcg64::{Pcg64, default_rng};
pub use permutation::{permutation, permutation_indices, shuffle, shuffle_rows};
pub use seed_sequence::SeedSequence;
// Re-exported on purpose: every sampler's signature already names `rand::Rng` (and the
// generator `rand::SeedableRng`), so statrix's public API is tied to `rand`'s major version
// either way; the re-export adds no coupling, and spares users a direct `rand` dependency
// whose version must match ours (a mismatch gives "trait `Rng` is not implemented" errors).
pub use rand::{Rng, SeedableRng};
pub use weighted::choice_weighted;
