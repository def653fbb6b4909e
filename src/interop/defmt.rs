//! `defmt::Format` for [`Matrix`] (feature `defmt`), so that firmware logs a matrix over RTT
//! with `defmt::info!("{}", m)` without `core::fmt`: the rows as nested lists, as NumPy's
//! `tolist()` (`[[1, 2], [3, 4]]`), the element formatting left to the host's decoder.
//! [`Error`](crate::Error) derives it.

use crate::matrix::Matrix;
use crate::scalar::Scalar;

impl<T: Scalar + defmt::Format, const R: usize, const C: usize> defmt::Format for Matrix<T, R, C> {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "[");
        for (i, row) in self.0.iter().enumerate() {
            if i > 0 {
                defmt::write!(f, ", ");
            }
            defmt::write!(f, "{}", row.as_slice());
        }
        defmt::write!(f, "]");
    }
}
