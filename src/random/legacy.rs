//! NumPy's legacy global generator: [`Mt19937`], the Mersenne Twister as NumPy seeds it,
//! and [`LegacyRng`], `np.random.seed(s)` followed by `np.random.rand`/`np.random.randn`
//! (NumPy's `RandomState`, with its 53-bit doubles from two words and its polar Gaussian
//! with a cached second value).

use core::convert::Infallible;

use rand::TryRng;

use crate::matrix::Matrix;

/// The state size of MT19937, in 32-bit words.
const N: usize = 624;
/// The twist's offset.
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// The Mersenne Twister MT19937 (Matsumoto and Nishimura 1998) as NumPy's legacy seeding
/// sets it up: `np.random.MT19937` after `_legacy_seeding(seed)`, the bit generator behind
/// `np.random.seed(seed)`.
///
/// [`next_u32`](rand::Rng::next_u32) is one tempered word; [`next_u64`](rand::Rng::next_u64)
/// two words, the first in the high half (NumPy's `mt19937_next64`). For NumPy's legacy
/// `rand`/`randn` numbers use [`LegacyRng`], which adds NumPy's conversions.
///
/// # Example
/// ```
/// use rand::Rng;
/// use statrix::random::Mt19937;
///
/// // NumPy: mt = np.random.MT19937(); mt._legacy_seeding(5489); mt.random_raw()
/// let mut mt = Mt19937::new(5489); // the reference implementation's default seed
/// assert_eq!(mt.next_u32(), 3_499_211_612); // the reference's first output
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mt19937 {
    key: [u32; N],
    pos: usize,
}

impl Mt19937 {
    /// The generator of a 32-bit seed, NumPy's `mt19937_seed` (Knuth's initialisation of
    /// the reference implementation's `init_genrand`), as `np.random.seed(seed)`.
    ///
    /// # Example
    /// ```
    /// use statrix::random::Mt19937;
    ///
    /// assert_eq!(Mt19937::new(42), Mt19937::new(42));
    /// ```
    #[must_use]
    pub fn new(seed: u32) -> Self {
        let mut key = [0u32; N];
        let mut value = seed;
        for (pos, slot) in key.iter_mut().enumerate() {
            *slot = value;
            // pos + 1 <= 624 fits u32.
            value = 1_812_433_253u32
                .wrapping_mul(value ^ (value >> 30))
                .wrapping_add(pos as u32 + 1);
        }
        Mt19937 { key, pos: N }
    }

    /// The generator of a list of 32-bit words, NumPy's `np.random.seed([w0, w1, ...])`
    /// (the reference implementation's `init_by_array`). An empty list is seeded as `[0]`
    /// (NumPy rejects it: `ValueError: Seed must be non-empty`).
    ///
    /// # Example
    /// ```
    /// use statrix::random::Mt19937;
    ///
    /// let mt = Mt19937::from_words(&[0x123, 0x234, 0x345, 0x456]);
    /// # let _ = mt;
    /// ```
    #[must_use]
    pub fn from_words(words: &[u32]) -> Self {
        let words: &[u32] = if words.is_empty() { &[0] } else { words };
        let mut mt = Self::new(19_650_218);
        let key = &mut mt.key;
        let mut i = 1;
        let mut j = 0;
        for _ in 0..N.max(words.len()) {
            let previous = key[i - 1] ^ (key[i - 1] >> 30);
            // j < words.len() <= u32::MAX in practice; the index wraps like NumPy's int.
            key[i] = (key[i] ^ previous.wrapping_mul(1_664_525))
                .wrapping_add(words[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                key[0] = key[N - 1];
                i = 1;
            }
            if j >= words.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let previous = key[i - 1] ^ (key[i - 1] >> 30);
            key[i] = (key[i] ^ previous.wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                key[0] = key[N - 1];
                i = 1;
            }
        }
        key[0] = 0x8000_0000;
        mt.pos = N;
        mt
    }

    /// Regenerates the 624 words (the twist).
    fn twist(&mut self) {
        let key = &mut self.key;
        for i in 0..N {
            let y = (key[i] & UPPER_MASK) | (key[(i + 1) % N] & LOWER_MASK);
            let mag = if y & 1 == 1 { MATRIX_A } else { 0 };
            key[i] = key[(i + M) % N] ^ (y >> 1) ^ mag;
        }
        self.pos = 0;
    }

    /// The next tempered word.
    fn next_word(&mut self) -> u32 {
        if self.pos >= N {
            self.twist();
        }
        let mut y = self.key[self.pos];
        self.pos += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// NumPy's `mt19937_next_double`: 27 bits of one word and 26 of the next, a multiple of
    /// `2^-53` in `[0, 1)`.
    fn next_double(&mut self) -> f64 {
        let a = self.next_word() >> 5;
        let b = self.next_word() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) / 9_007_199_254_740_992.0
    }
}

impl TryRng for Mt19937 {
    type Error = Infallible;

    /// The next tempered word.
    #[inline]
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        Ok(self.next_word())
    }

    /// Two words, the first in the high half (NumPy's `mt19937_next64`).
    #[inline]
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        let high = u64::from(self.next_word());
        Ok((high << 32) | u64::from(self.next_word()))
    }

    /// Fills `dst` with the little-endian bytes of successive words.
    #[inline]
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        for chunk in dst.chunks_mut(4) {
            let bytes = self.next_word().to_le_bytes();
            chunk.copy_from_slice(bytes.get(..chunk.len()).unwrap_or(&bytes));
        }
        Ok(())
    }
}

/// NumPy's legacy `np.random` functions after `np.random.seed(seed)` (a `RandomState`):
/// [`rand`](LegacyRng::rand) and [`randn`](LegacyRng::randn), value for value.
///
/// Old NumPy code and tutorials seed the global generator with `np.random.seed(42)` and draw
/// with `np.random.rand(3, 4)` or `np.random.randn(32, 128)`; this reproduces those numbers.
/// New code should prefer [`default_rng`](crate::random::default_rng), NumPy's
/// recommendation too. `randn` is Marsaglia's polar method, which makes two values at a time
/// and keeps the second for the next call (also across calls, as NumPy's global state does);
/// its `log` is `libm`'s in every build.
///
/// `rand` is bit-equal to NumPy's. `randn` draws the same pairs, but its values are
/// `sqrt(-2 ln(r2) / r2)` times a uniform, so they inherit the last bit of `log`: NumPy's
/// (the platform's, glibc's on Linux) and `libm`'s differ for about 3% of arguments, and
/// measured over the fixtures (40,000 values, 5 seeds) about 3% of `randn` values are 1 to
/// 3 ulps from NumPy's (at most 3 by the error analysis in the test), the rest bit-equal.
///
/// # Example
/// ```
/// use statrix::Matrix;
/// use statrix::random::LegacyRng;
///
/// // NumPy: np.random.seed(42); np.random.rand(1, 3)
/// let mut rng = LegacyRng::seed(42);
/// let u: Matrix<f64, 1, 3> = rng.rand();
/// assert_eq!(u, Matrix::new([[0.3745401188473625, 0.9507143064099162, 0.7319939418114051]]));
/// // np.random.seed(42); np.random.randn(1, 2)
/// let z: Matrix<f64, 1, 2> = LegacyRng::seed(42).randn();
/// assert_eq!(z, Matrix::new([[0.4967141530112327, -0.13826430117118466]])); // here bit-equal
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct LegacyRng {
    mt: Mt19937,
    /// The second value of the last polar pair, not yet returned.
    gauss: Option<f64>,
}

impl LegacyRng {
    /// `np.random.seed(seed)` for an integer seed in `[0, 2^32)`.
    ///
    /// # Example
    /// ```
    /// use statrix::random::LegacyRng;
    ///
    /// let mut rng = LegacyRng::seed(0); // np.random.seed(0)
    /// let x: statrix::Matrix<f64, 2, 2> = rng.rand(); // np.random.rand(2, 2)
    /// # let _ = x;
    /// ```
    #[must_use]
    pub fn seed(seed: u32) -> Self {
        Self::from_mt19937(Mt19937::new(seed))
    }

    /// `np.random.seed([w0, w1, ...])` for a list of words in `[0, 2^32)`.
    ///
    /// # Example
    /// ```
    /// use statrix::random::LegacyRng;
    ///
    /// let mut rng = LegacyRng::seed_words(&[1, 2, 3]); // np.random.seed([1, 2, 3])
    /// let z: statrix::Matrix<f64, 1, 4> = rng.randn();
    /// # let _ = z;
    /// ```
    #[must_use]
    pub fn seed_words(words: &[u32]) -> Self {
        Self::from_mt19937(Mt19937::from_words(words))
    }

    /// A legacy generator over a given MT19937 state, with no cached Gaussian.
    ///
    /// # Example
    /// ```
    /// use statrix::random::{LegacyRng, Mt19937};
    ///
    /// assert_eq!(LegacyRng::from_mt19937(Mt19937::new(7)), LegacyRng::seed(7));
    /// ```
    #[must_use]
    pub fn from_mt19937(mt: Mt19937) -> Self {
        LegacyRng { mt, gauss: None }
    }

    /// Uniform values in `[0, 1)`, NumPy's `np.random.rand(R, C)` (and `random_sample`):
    /// each a multiple of `2^-53` from two 32-bit words, in C order.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// use statrix::random::LegacyRng;
    ///
    /// let m: Matrix<f64, 3, 4> = LegacyRng::seed(1).rand(); // np.random.seed(1); np.random.rand(3, 4)
    /// assert!(m.iter().all(|&x| (0.0..1.0).contains(&x)));
    /// ```
    #[must_use]
    pub fn rand<const R: usize, const C: usize>(&mut self) -> Matrix<f64, R, C> {
        Matrix::from_fn(|_, _| self.mt.next_double())
    }

    /// Standard normal values, NumPy's `np.random.randn(R, C)` (and `standard_normal`), in
    /// C order: Marsaglia's polar method, each pair from two uniforms `x1, x2` in `(-1, 1)`
    /// with `0 < r2 = x1^2 + x2^2 < 1` (redrawn otherwise), `f = sqrt(-2 ln(r2) / r2)`;
    /// `f x2` is returned and `f x1` kept for the next value.
    ///
    /// The redraw loop is bounded: it accepts with probability `pi / 4` per pair, and after
    /// 128 rejections in a row (probability below `10^-85`) the value is 0.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// use statrix::random::LegacyRng;
    ///
    /// // np.random.seed(42); X = np.random.randn(32, 128)
    /// let x: Matrix<f64, 32, 128> = LegacyRng::seed(42).randn();
    /// assert_eq!(x[(0, 0)], 0.4967141530112327);
    /// ```
    #[must_use]
    pub fn randn<const R: usize, const C: usize>(&mut self) -> Matrix<f64, R, C> {
        Matrix::from_fn(|_, _| self.gauss())
    }

    /// One value of NumPy's `legacy_gauss`.
    fn gauss(&mut self) -> f64 {
        if let Some(kept) = self.gauss.take() {
            return kept;
        }
        for _ in 0..crate::random::bits::MAX_DRAWS {
            let x1 = 2.0 * self.mt.next_double() - 1.0;
            let x2 = 2.0 * self.mt.next_double() - 1.0;
            let r2 = x1 * x1 + x2 * x2;
            if r2 < 1.0 && r2 != 0.0 {
                let f = libm::sqrt(-2.0 * libm::log(r2) / r2);
                self.gauss = Some(f * x1);
                return f * x2;
            }
        }
        0.0
    }
}
