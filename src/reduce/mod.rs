//! Reductions and aggregation, all without a heap: sums and products (whole, per axis and
//! cumulative), extrema and their indices, sorting and stable `argsort`, unique values with
//! their counts, elementwise comparisons producing `Matrix<bool, R, C>`, and `all`, `any`,
//! `count_true` on such masks.
//!
//! Conventions shared by every method here, NumPy's:
//!
//! - No suffix: the whole matrix, elements taken in row-major order (NumPy `axis=None`,
//!   flat indices as NumPy's `argmax`).
//! - `_axis0`: NumPy `axis=0`, down the rows, one value per column, returned as a
//!   [`RowVector<T, C>`](crate::RowVector) (`Matrix<T, 1, C>`).
//! - `_axis1`: NumPy `axis=1`, along each row, one value per row, returned as a
//!   [`Vector<T, R>`](crate::Vector) (`Matrix<T, R, 1>`).
//! - Order: the values sort as NumPy sorts them: NaN after everything (`inf` included), all
//!   NaNs equal to each other, `-0.0` equal to `0.0`. Ties keep their row-major order, which
//!   makes `argsort` NumPy's `kind='stable'`.
//! - A NaN makes `sum`, `prod`, `min` and `max` NaN; `argmin`/`argmax` return the first
//!   NaN's index, as NumPy.
//! - Integer arithmetic follows Rust's overflow rules; `checked_sum`/`checked_prod` report
//!   overflow as `None`.

mod checked;
mod compare;
mod cumulative;
pub(crate) mod extrema;
pub(crate) mod order;
mod sort;
pub(crate) mod sum;
mod unique;

pub use unique::Unique;
