//! `serde` support (feature `serde`): a matrix serialises as its rows, a sequence of `R`
//! sequences of `C` elements (`[[1, 2], [3, 4]]` in JSON), the same layout as NumPy's
//! `a.tolist()`. Deserialising checks both lengths and reports a wrong shape as an error.
//!
//! ```
//! use statrix::Matrix;
//! let m = Matrix::new([[1, 2], [3, 4]]);
//! let json = serde_json::to_string(&m).unwrap();
//! assert_eq!(json, "[[1,2],[3,4]]");
//! let back: Matrix<i32, 2, 2> = serde_json::from_str(&json).unwrap();
//! assert_eq!(back, m);
//! assert!(serde_json::from_str::<Matrix<i32, 2, 2>>("[[1,2],[3]]").is_err());
//! ```

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeSeq, Serializer};

use crate::matrix::Matrix;
use crate::scalar::Scalar;

/// One row, serialised as a sequence.
struct RowRef<'a, T>(&'a [T]);

impl<T: Serialize> Serialize for RowRef<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for x in self.0 {
            seq.serialize_element(x)?;
        }
        seq.end()
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<T: Serialize, const R: usize, const C: usize> Serialize for Matrix<T, R, C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(R))?;
        for row in &self.0 {
            seq.serialize_element(&RowRef(row))?;
        }
        seq.end()
    }
}

/// Reads one row of exactly `C` elements.
struct Row<T, const C: usize>([T; C]);

impl<'de, T: Scalar + Deserialize<'de>, const C: usize> Deserialize<'de> for Row<T, C> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_seq(ExactSeq::<T, C>(PhantomData))
            .map(Row)
    }
}

/// A visitor for a sequence of exactly `N` items.
struct ExactSeq<T, const N: usize>(PhantomData<T>);

impl<'de, T: Copy + Default + Deserialize<'de>, const N: usize> Visitor<'de> for ExactSeq<T, N> {
    type Value = [T; N];

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a sequence of {N} elements")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<[T; N], A::Error> {
        let mut out = [T::default(); N];
        for (k, slot) in out.iter_mut().enumerate() {
            *slot = seq
                .next_element()?
                .ok_or_else(|| de::Error::invalid_length(k, &self))?;
        }
        if seq.next_element::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(N + 1, &self));
        }
        Ok(out)
    }
}

impl<T: Copy + Default, const C: usize> Default for Row<T, C> {
    fn default() -> Self {
        Row([T::default(); C])
    }
}

impl<T: Copy, const C: usize> Clone for Row<T, C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Copy, const C: usize> Copy for Row<T, C> {}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de, T: Scalar + Deserialize<'de>, const R: usize, const C: usize> Deserialize<'de>
    for Matrix<T, R, C>
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let rows = deserializer.deserialize_seq(ExactSeq::<Row<T, C>, R>(PhantomData))?;
        Ok(Matrix(rows.map(|row| row.0)))
    }
}
