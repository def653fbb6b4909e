//! [`ChaCha12Gen`], the ChaCha12 bit generator: a stream of this crate's own, for those who
//! want a cryptographically designed generator rather than NumPy's numbers.

use core::convert::Infallible;

use rand::{SeedableRng, TryRng};
use rand_chacha::ChaCha12Rng;

/// ChaCha with 12 rounds (`rand_chacha::ChaCha12Rng`), keyed from a 64-bit seed by this
/// crate's SplitMix64 expansion: an alternative to [`Pcg64`](crate::random::Pcg64), the
/// generator of [`default_rng`](crate::random::default_rng).
///
/// It implements `rand`'s [`Rng`](rand::Rng) (through [`TryRng`] with an infallible error)
/// and [`SeedableRng`], so every sampler in this crate takes it as it takes `Pcg64`, with
/// the same algorithms: only the bits differ.
///
/// # Why one would choose it
/// - **Reproducible everywhere.** ChaCha is a fixed, specified function of its key and
///   counter: the stream is the same on every platform and in `no_std` builds, and does not
///   depend on `rand`'s version (unlike `rand::rngs::StdRng`, whose algorithm `rand` may
///   change).
/// - **Quality.** ChaCha's output is indistinguishable from random for every statistical
///   test suite; its reduced-round variants are broken only in the cryptographic sense, and
///   not at 12 rounds (the best attacks reach 7).
/// - **Speed.** 12 rounds is the speed/margin trade-off `rand` itself chose for `StdRng`.
///
/// It is **not** a cryptographic generator as seeded here: a 64-bit seed is 64 bits
/// of key, far below a cryptographic key's 256. Use [`SeedableRng::from_seed`] with a full
/// 32-byte key from the operating system if secrecy matters.
///
/// NumPy has no ChaCha generator: the same seed gives different numbers here and in NumPy.
/// Use [`default_rng`](crate::random::default_rng) for NumPy's numbers.
///
/// # Example
/// ```
/// use rand::{Rng, SeedableRng};
/// use statrix::Matrix;
/// use statrix::random::ChaCha12Gen;
///
/// let mut a = ChaCha12Gen::seed_from_u64(42);
/// let mut b = ChaCha12Gen::seed_from_u64(42);
/// assert_eq!(a.next_u64(), b.next_u64()); // the same seed, the same stream
/// let m = Matrix::<f64, 2, 2>::random(&mut a); // every sampler takes it
/// # let _ = m;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChaCha12Gen(ChaCha12Rng);

/// One SplitMix64 step: advances `state` by the golden-ratio increment and returns the
/// mixed value (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014; the constants of Vigna's reference implementation).
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl SeedableRng for ChaCha12Gen {
    type Seed = [u8; 32];

    /// A generator keyed by the 32 bytes of `seed` (ChaCha12's key; stream 0, counter 0).
    ///
    /// # Example
    /// ```
    /// use rand::{Rng, SeedableRng};
    /// use statrix::random::ChaCha12Gen;
    ///
    /// let mut g = ChaCha12Gen::from_seed([7; 32]);
    /// let _ = g.next_u32();
    /// ```
    fn from_seed(seed: Self::Seed) -> Self {
        ChaCha12Gen(ChaCha12Rng::from_seed(seed))
    }

    /// The generator of a 64-bit seed: the key is four SplitMix64 outputs of `state`
    /// (Steele, Lea and Flood 2014; each little-endian), a fixed bijective mixing, so nearby
    /// seeds give unrelated streams (this overrides `rand`'s PCG32 expansion).
    ///
    /// # Example
    /// ```
    /// use rand::SeedableRng;
    /// use statrix::random::ChaCha12Gen;
    ///
    /// assert_eq!(ChaCha12Gen::seed_from_u64(5), ChaCha12Gen::seed_from_u64(5));
    /// assert_ne!(ChaCha12Gen::seed_from_u64(5), ChaCha12Gen::seed_from_u64(6));
    /// ```
    fn seed_from_u64(mut state: u64) -> Self {
        let mut key = [0u8; 32];
        for chunk in key.chunks_exact_mut(8) {
            chunk.copy_from_slice(&splitmix64(&mut state).to_le_bytes());
        }
        Self::from_seed(key)
    }
}

impl TryRng for ChaCha12Gen {
    type Error = Infallible;

    /// The next 32 bits of the ChaCha12 keystream.
    #[inline]
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        self.0.try_next_u32()
    }

    /// The next 64 bits: two 32-bit words, the first in the low half.
    #[inline]
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        self.0.try_next_u64()
    }

    /// Fills `dst` with keystream bytes.
    #[inline]
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        self.0.try_fill_bytes(dst)
    }
}
