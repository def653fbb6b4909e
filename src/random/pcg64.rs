//! [`Pcg64`], NumPy's default bit generator, and [`default_rng`], NumPy's
//! `np.random.default_rng(seed)`.

use core::convert::Infallible;

use rand::{Rng, SeedableRng, TryRng};
use rand_pcg::Lcg128Xsl64;

use crate::random::seed_sequence::SeedSequence;

/// NumPy's `np.random.PCG64`: O'Neill's PCG XSL-RR 128/64, a 128-bit linear congruential
/// generator whose 64-bit output is the xor of its state's halves rotated by its top six
/// bits, seeded through [`SeedSequence`] as NumPy seeds it.
///
/// The stepping is `rand_pcg::Lcg128Xsl64`'s, which is NumPy's: the same multiplier
/// (`0x2360ed051fc65da44385df649fccf645`), the increment `2 * stream + 1`, the same two-step
/// initialisation, and the output taken after each step. On top of it this type keeps
/// NumPy's 32-bit buffer: [`next_u32`](Rng::next_u32) returns the low half of a fresh
/// 64-bit output and keeps the high half for the next call, as NumPy's `next_uint32` does
/// (a [`next_u64`](Rng::next_u64) call in between leaves the kept half in place, as in
/// NumPy). So every sampler in [`random`](crate::random) draws NumPy's words in NumPy's
/// order.
///
/// # Example
/// ```
/// use rand::Rng;
/// use statrix::random::{Pcg64, SeedSequence, default_rng};
///
/// // NumPy: np.random.default_rng(42).bit_generator.random_raw(2)
/// let mut rng = default_rng(42);
/// assert_eq!(rng.next_u64(), 0xc621_fbcd_16d9_2688);
/// assert_eq!(rng.next_u64(), 0x705a_5661_a791_ffc1);
/// // np.random.Generator(np.random.PCG64(np.random.SeedSequence(42)))
/// assert_eq!(Pcg64::from_seed_sequence(&SeedSequence::new(42)), default_rng(42));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pcg64 {
    pcg: Lcg128Xsl64,
    /// The high half of the last 64-bit output split by `next_u32`, not yet returned.
    kept_u32: Option<u32>,
}

impl Pcg64 {
    /// The generator NumPy's `PCG64(seed_sequence)` makes: four 64-bit words of
    /// [`SeedSequence::generate_state`], the first two the initial state (high word
    /// first), the last two the stream.
    ///
    /// # Example
    /// ```
    /// use statrix::random::{Pcg64, SeedSequence};
    ///
    /// // NumPy: np.random.default_rng([1, 2, 3])
    /// let rng = Pcg64::from_seed_sequence(&SeedSequence::from_words(&[1, 2, 3]));
    /// # let _ = rng;
    /// ```
    #[must_use]
    pub fn from_seed_sequence(seed: &SeedSequence) -> Self {
        Self::from_state_words(seed.generate_state::<4>())
    }

    /// NumPy's `pcg64_set_seed` of the four words.
    fn from_state_words(words: [u64; 4]) -> Self {
        let [state_high, state_low, stream_high, stream_low] = words;
        let state = (u128::from(state_high) << 64) | u128::from(state_low);
        let stream = (u128::from(stream_high) << 64) | u128::from(stream_low);
        Pcg64 {
            pcg: Lcg128Xsl64::new(state, stream),
            kept_u32: None,
        }
    }
}

/// The generator of `np.random.default_rng(seed)`: [`Pcg64`] seeded through NumPy's
/// [`SeedSequence`], so every sampler in [`random`](crate::random) gives NumPy's numbers
/// for the same seed, value for value.
///
/// Why PCG64 is the default: it is NumPy's, so a NumPy prototype and its Rust port agree
/// number for number, and it is fast (one 128-bit multiply per 64 bits) with a period of
/// `2^128` and excellent statistical quality. [`ChaCha12Gen`](crate::random::ChaCha12Gen)
/// is the alternative when a cryptographically designed stream is wanted. For seeds above
/// `2^64` or lists of words, use [`Pcg64::from_seed_sequence`].
///
/// # Example
/// ```
/// use statrix::Matrix;
/// use statrix::random::default_rng;
///
/// // NumPy: rng = np.random.default_rng(42); rng.random((1, 3))
/// let mut rng = default_rng(42);
/// let m = Matrix::<f64, 1, 3>::random(&mut rng);
/// assert_eq!(m, Matrix::new([[0.7739560485559633, 0.4388784397520523, 0.8585979199113825]]));
/// ```
#[must_use]
pub fn default_rng(seed: u64) -> Pcg64 {
    Pcg64::from_seed_sequence(&SeedSequence::from(seed))
}

impl SeedableRng for Pcg64 {
    /// The four little-endian 64-bit words of NumPy's `SeedSequence.generate_state(4,
    /// np.uint64)`.
    type Seed = [u8; 32];

    /// The generator of four state words (see [`Pcg64::from_seed_sequence`]), each 8
    /// little-endian bytes.
    ///
    /// # Example
    /// ```
    /// use rand::SeedableRng;
    /// use statrix::random::{Pcg64, SeedSequence};
    ///
    /// let words: [u64; 4] = SeedSequence::new(3).generate_state();
    /// let mut bytes = [0u8; 32];
    /// for (chunk, w) in bytes.chunks_exact_mut(8).zip(words) {
    ///     chunk.copy_from_slice(&w.to_le_bytes());
    /// }
    /// assert_eq!(Pcg64::from_seed(bytes), Pcg64::from_seed_sequence(&SeedSequence::new(3)));
    /// ```
    fn from_seed(seed: Self::Seed) -> Self {
        let mut words = [0u64; 4];
        for (word, chunk) in words.iter_mut().zip(seed.chunks_exact(8)) {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(chunk);
            *word = u64::from_le_bytes(bytes);
        }
        Self::from_state_words(words)
    }

    /// The same generator as [`default_rng(state)`](default_rng) (NumPy's seeding, not
    /// `rand`'s PCG32 expansion).
    ///
    /// # Example
    /// ```
    /// use rand::SeedableRng;
    /// use statrix::random::{Pcg64, default_rng};
    ///
    /// assert_eq!(Pcg64::seed_from_u64(5), default_rng(5));
    /// ```
    fn seed_from_u64(state: u64) -> Self {
        default_rng(state)
    }
}

impl TryRng for Pcg64 {
    type Error = Infallible;

    /// NumPy's `next_uint32`: the kept high half of the previous split output if there is
    /// one, else the low half of a new output (whose high half is kept).
    #[inline]
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        if let Some(kept) = self.kept_u32.take() {
            return Ok(kept);
        }
        let word = self.pcg.next_u64();
        self.kept_u32 = Some((word >> 32) as u32);
        Ok(word as u32)
    }

    /// NumPy's `next_uint64`: the next output.
    #[inline]
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        Ok(self.pcg.next_u64())
    }

    /// Fills `dst` with the bytes of 64-bit outputs, little-endian (NumPy's
    /// `random_raw(n).tobytes()` on a little-endian machine).
    #[inline]
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        for chunk in dst.chunks_mut(8) {
            let bytes = self.pcg.next_u64().to_le_bytes();
            chunk.copy_from_slice(bytes.get(..chunk.len()).unwrap_or(&bytes));
        }
        Ok(())
    }
}
