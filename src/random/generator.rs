//! The crate's seeded bit generator, [`StdGen`], and [`default_rng`], the one-line way to
//! make one (NumPy's `np.random.default_rng(seed)`).

use core::convert::Infallible;

use rand::{SeedableRng, TryRng};
use rand_chacha::ChaCha12Rng;

/// The crate's bit generator: ChaCha with 12 rounds (`rand_chacha::ChaCha12Rng`), seeded by
/// [`default_rng`].
///
/// It implements `rand`'s [`Rng`](rand::Rng) (through [`TryRng`] with an infallible error)
/// and [`SeedableRng`], so it plugs into the whole `rand` ecosystem, and every sampler in
/// this crate takes any other `Rng` just as well.
///
/// # Why ChaCha12
/// - **Reproducible everywhere.** ChaCha is a fixed, specified function of its key and
///   counter: the stream is the same on every platform and in `no_std` builds, and does not
///   depend on `rand`'s version (unlike `rand::rngs::StdRng`, whose algorithm `rand` may
///   change).
/// - **Quality.** ChaCha's output is indistinguishable from random for every statistical
///   test suite; its reduced-round variants are broken only in the cryptographic sense, and
///   not at 12 rounds (the best attacks reach 7).
/// - **Speed.** 12 rounds is the speed/margin trade-off `rand` itself chose for `StdRng`:
///   12 of ChaCha20's 20 rounds per block. ChaCha8 would be faster still, but the samplers'
///   transforms (logarithms, sines) cost more than the bits, so the margin is kept.
///
/// `StdGen` is **not** a cryptographic generator as seeded here: a 64-bit seed is 64 bits
/// of key, far below a cryptographic key's 256. Use [`SeedableRng::from_seed`] with a full
/// 32-byte key from the operating system if secrecy matters.
///
/// NumPy's `default_rng` is PCG64; the streams differ, so the same seed gives different
/// numbers in NumPy and here.
///
/// # Example
/// ```
/// use rand::Rng;
/// use statrix::random::{default_rng, StdGen};
///
/// let mut a: StdGen = statrix::random::default_rng(42); // np.random.default_rng(42)
/// let mut b = default_rng(42);
/// assert_eq!(a.next_u64(), b.next_u64()); // the same seed, the same stream
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StdGen(ChaCha12Rng);

/// A seeded generator, the crate's `np.random.default_rng(seed)`.
///
/// The 64-bit seed is expanded into ChaCha's 32-byte key by four steps of SplitMix64
/// (Steele, Lea and Flood 2014; each output little-endian), a fixed bijective mixing
/// function, so nearby seeds (0, 1, 2, ...) give unrelated streams. The expansion is this
/// crate's own, so the stream of a seed depends on nothing but ChaCha12 and this function.
///
/// # Example
/// ```
/// use statrix::Matrix;
/// use statrix::random::default_rng;
///
/// // NumPy: rng = np.random.default_rng(42); rng.uniform(0, 1, (2, 3))
/// let mut rng = default_rng(42);
/// let m = Matrix::<f64, 2, 3>::random_uniform(&mut rng, 0.0, 1.0)?;
/// assert!(m.iter().all(|&x| (0.0..1.0).contains(&x)));
/// // The same seed gives the same matrix, on every platform.
/// assert_eq!(Matrix::random_uniform(&mut default_rng(42), 0.0, 1.0)?, m);
/// # Ok::<(), statrix::Error>(())
/// ```
#[must_use]
pub fn default_rng(seed: u64) -> StdGen {
    StdGen::seed_from_u64(seed)
}

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

impl SeedableRng for StdGen {
    type Seed = [u8; 32];

    /// A generator keyed by the 32 bytes of `seed` (ChaCha12's key; stream 0, counter 0).
    ///
    /// # Example
    /// ```
    /// use rand::{Rng, SeedableRng};
    /// use statrix::random::StdGen;
    ///
    /// let mut g = StdGen::from_seed([7; 32]);
    /// let _ = g.next_u32();
    /// ```
    fn from_seed(seed: Self::Seed) -> Self {
        StdGen(ChaCha12Rng::from_seed(seed))
    }

    /// The same generator as [`default_rng(state)`](default_rng): the key is the SplitMix64
    /// expansion of `state` (this overrides `rand`'s PCG32 expansion).
    ///
    /// # Example
    /// ```
    /// use rand::SeedableRng;
    /// use statrix::random::{default_rng, StdGen};
    ///
    /// assert_eq!(StdGen::seed_from_u64(5), default_rng(5));
    /// ```
    fn seed_from_u64(mut state: u64) -> Self {
        let mut key = [0u8; 32];
        for chunk in key.chunks_exact_mut(8) {
            chunk.copy_from_slice(&splitmix64(&mut state).to_le_bytes());
        }
        Self::from_seed(key)
    }
}

impl TryRng for StdGen {
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
