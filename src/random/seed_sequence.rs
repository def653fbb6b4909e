//! NumPy's `SeedSequence`: the hash that turns a seed (an integer of any size, or a list of
//! 32-bit words) into a pool of four well-mixed 32-bit words, and the expansion of that pool
//! into as many state words as a bit generator needs.
//!
//! The algorithm is Robert O'Neill's `seed_seq` design as NumPy implements it in
//! `numpy.random.bit_generator`: every entropy word is hashed with a multiplier that changes
//! at each use, the pool words are mixed with each other so that late words affect early
//! ones, and the state is drawn from the pool by a second hash of the same shape.

/// The pool size NumPy uses (`DEFAULT_POOL_SIZE`): four 32-bit words, 128 bits.
const POOL_SIZE: usize = 4;

// The hash constants of NumPy's `SeedSequence`.
const INIT_A: u32 = 0x43b0_d7e5;
const MULT_A: u32 = 0x931e_8875;
const INIT_B: u32 = 0x8b51_f9dd;
const MULT_B: u32 = 0x58f3_8ded;
const MIX_MULT_L: u32 = 0xca01_f9dd;
const MIX_MULT_R: u32 = 0x4973_f715;
/// Half the bits of a word.
const XSHIFT: u32 = 16;

/// The entropy hash: `value` mixed with the running multiplier `hash_const`, which it
/// advances.
fn hashmix(value: u32, hash_const: &mut u32) -> u32 {
    let mut value = value ^ *hash_const;
    *hash_const = hash_const.wrapping_mul(MULT_A);
    value = value.wrapping_mul(*hash_const);
    value ^ (value >> XSHIFT)
}

/// Combines two pool words into one.
fn mix(x: u32, y: u32) -> u32 {
    let result = MIX_MULT_L
        .wrapping_mul(x)
        .wrapping_sub(MIX_MULT_R.wrapping_mul(y));
    result ^ (result >> XSHIFT)
}

/// NumPy's `np.random.SeedSequence(entropy)`: a seed hashed into a 128-bit pool, from which
/// [`Pcg64`](crate::random::Pcg64) (or any generator) draws its initial state with
/// [`generate_state`](SeedSequence::generate_state).
///
/// The entropy is a list of 32-bit words: an integer seed is split into words lowest first
/// (`0` is the one word `[0]`), as NumPy splits a Python integer of any size. Only the
/// entropy is supported, not NumPy's `spawn_key` (the children of `SeedSequence.spawn`).
///
/// # Example
/// ```
/// use statrix::random::SeedSequence;
///
/// // NumPy: np.random.SeedSequence(42).generate_state(4, np.uint64)
/// let words = SeedSequence::new(42).generate_state::<4>();
/// assert_eq!(words[0], 0x9f1e_2e6d_cd54_0ab7);
/// // A list of words: np.random.SeedSequence([1, 2, 3])
/// let list = SeedSequence::from_words(&[1, 2, 3]);
/// assert_ne!(list, SeedSequence::new(1));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SeedSequence {
    pool: [u32; POOL_SIZE],
}

impl SeedSequence {
    /// The sequence of an integer seed, NumPy's `SeedSequence(seed)` for `0 <= seed < 2^128`
    /// (a `u64` seed converts with `u128::from` or `seed.into()`).
    ///
    /// # Example
    /// ```
    /// use statrix::random::SeedSequence;
    ///
    /// // NumPy: SeedSequence(12345678901234567890123) (above 2^64)
    /// let big = SeedSequence::new(12_345_678_901_234_567_890_123);
    /// assert_ne!(big, SeedSequence::new(0));
    /// ```
    #[must_use]
    pub fn new(seed: u128) -> Self {
        // The words of the seed, lowest first, without the zero words above its top word
        // (NumPy's `_int_to_uint32_array`); zero is one word.
        let mut words = [0u32; 4];
        let mut len = 0;
        let mut rest = seed;
        while rest > 0 || len == 0 {
            if let Some(word) = words.get_mut(len) {
                *word = rest as u32;
            }
            len += 1;
            rest >>= 32;
        }
        Self::from_words(words.get(..len).unwrap_or(&words))
    }

    /// The sequence of a list of 32-bit words, NumPy's `SeedSequence([w0, w1, ...])` for
    /// words below `2^32` (NumPy splits a larger list element into several words, lowest
    /// first: pass those words). An empty list is NumPy's `SeedSequence([])`.
    ///
    /// # Example
    /// ```
    /// use statrix::random::SeedSequence;
    ///
    /// // A seed of several words: np.random.SeedSequence([2024, 1, 7])
    /// let seq = SeedSequence::from_words(&[2024, 1, 7]);
    /// let _state: [u64; 4] = seq.generate_state();
    /// ```
    #[must_use]
    pub fn from_words(entropy: &[u32]) -> Self {
        let mut hash_const = INIT_A;
        let mut pool = [0u32; POOL_SIZE];
        // The first words of the entropy (zeros past its end), each hashed.
        for (i, slot) in pool.iter_mut().enumerate() {
            *slot = hashmix(entropy.get(i).copied().unwrap_or(0), &mut hash_const);
        }
        // Every pool word mixed into every other, so that late bits affect early ones.
        for src in 0..POOL_SIZE {
            for dst in 0..POOL_SIZE {
                if src != dst {
                    let hashed = hashmix(pool[src], &mut hash_const);
                    pool[dst] = mix(pool[dst], hashed);
                }
            }
        }
        // The rest of the entropy, each word mixed into every pool word.
        for &word in entropy.iter().skip(POOL_SIZE) {
            for slot in &mut pool {
                *slot = mix(*slot, hashmix(word, &mut hash_const));
            }
        }
        SeedSequence { pool }
    }

    /// The 128-bit pool, NumPy's `SeedSequence.pool`.
    ///
    /// # Example
    /// ```
    /// use statrix::random::SeedSequence;
    ///
    /// let pool = SeedSequence::new(0).pool(); // np.random.SeedSequence(0).pool
    /// assert_eq!(pool.len(), 4);
    /// ```
    #[must_use]
    pub fn pool(&self) -> [u32; POOL_SIZE] {
        self.pool
    }

    /// `N` state words of 32 bits, NumPy's `generate_state(N, np.uint32)`.
    ///
    /// # Example
    /// ```
    /// use statrix::random::SeedSequence;
    ///
    /// let words: [u32; 8] = SeedSequence::new(7).generate_state_u32(); // generate_state(8)
    /// assert_ne!(words[0], words[4]); // the pool cycles, the hash does not
    /// ```
    #[must_use]
    pub fn generate_state_u32<const N: usize>(&self) -> [u32; N] {
        let mut hash_const = INIT_B;
        core::array::from_fn(|i| {
            let mut value = self.pool[i % POOL_SIZE] ^ hash_const;
            hash_const = hash_const.wrapping_mul(MULT_B);
            value = value.wrapping_mul(hash_const);
            value ^ (value >> XSHIFT)
        })
    }

    /// `N` state words of 64 bits, NumPy's `generate_state(N, np.uint64)`: `2 N` words of
    /// 32 bits, paired little-endian (the first of each pair is the low half).
    ///
    /// # Example
    /// ```
    /// use statrix::random::SeedSequence;
    ///
    /// let seq = SeedSequence::new(1);
    /// let wide: [u64; 2] = seq.generate_state();
    /// let narrow: [u32; 4] = seq.generate_state_u32();
    /// assert_eq!(wide[0], u64::from(narrow[0]) | u64::from(narrow[1]) << 32);
    /// ```
    #[must_use]
    pub fn generate_state<const N: usize>(&self) -> [u64; N] {
        let mut hash_const = INIT_B;
        let mut next = |i: usize| {
            let mut value = self.pool[i % POOL_SIZE] ^ hash_const;
            hash_const = hash_const.wrapping_mul(MULT_B);
            value = value.wrapping_mul(hash_const);
            u64::from(value ^ (value >> XSHIFT))
        };
        core::array::from_fn(|i| {
            let low = next(2 * i);
            low | (next(2 * i + 1) << 32)
        })
    }
}

impl From<u64> for SeedSequence {
    /// [`SeedSequence::new`] of the seed.
    ///
    /// # Example
    /// ```
    /// use statrix::random::SeedSequence;
    ///
    /// assert_eq!(SeedSequence::from(42u64), SeedSequence::new(42));
    /// ```
    fn from(seed: u64) -> Self {
        SeedSequence::new(u128::from(seed))
    }
}

impl From<u128> for SeedSequence {
    /// [`SeedSequence::new`] of the seed.
    ///
    /// # Example
    /// ```
    /// use statrix::random::SeedSequence;
    ///
    /// assert_eq!(SeedSequence::from(1u128 << 64), SeedSequence::from_words(&[0, 0, 1]));
    /// ```
    fn from(seed: u128) -> Self {
        SeedSequence::new(seed)
    }
}

impl From<&[u32]> for SeedSequence {
    /// [`SeedSequence::from_words`] of the list.
    ///
    /// # Example
    /// ```
    /// use statrix::random::SeedSequence;
    ///
    /// let words: &[u32] = &[1, 2];
    /// assert_eq!(SeedSequence::from(words), SeedSequence::from_words(&[1, 2]));
    /// ```
    fn from(entropy: &[u32]) -> Self {
        SeedSequence::from_words(entropy)
    }
}
