//! Deterministic, roughly Gaussian noise for the sections' test data, from a 32-bit xorshift
//! generator: the sum of four uniforms, centred and scaled to unit variance (Irwin-Hall). Not
//! statrix's samplers, so that a section's flash is its own maths; the `random-streams`
//! section tests those.

/// A stream of noise with standard deviation `std`.
pub struct Noise {
    state: u32,
    std: f32,
}

impl Noise {
    /// A stream from a non-zero `seed`.
    pub fn new(seed: u32, std: f32) -> Self {
        Noise {
            state: seed | 1,
            std,
        }
    }

    /// The next value.
    pub fn next(&mut self) -> f32 {
        let mut sum = 0.0;
        for _ in 0..4 {
            self.state ^= self.state << 13;
            self.state ^= self.state >> 17;
            self.state ^= self.state << 5;
            sum += (self.state >> 8) as f32 / (1u32 << 24) as f32;
        }
        // Four uniforms on [0, 1): mean 2, variance 4 / 12.
        (sum - 2.0) * 1.732_050_8 * self.std
    }
}
