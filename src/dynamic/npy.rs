//! NumPy's `.npy` format for [`DMatrix`]: read a whole file, write one, or stream a file's
//! rows in chunks ([`NpyRows`]) so that data larger than memory can be reduced chunk by chunk
//! (into [`Moments`](crate::Moments), for example).
//!
//! The format (NumPy Enhancement Proposal 1, `numpy.lib.format`): the magic string
//! `\x93NUMPY`, a version byte pair (1.0, 2.0 or 3.0), the header length (2 bytes little-endian
//! in version 1, 4 bytes after), an ASCII (version 3: UTF-8) Python dict literal with the keys
//! `descr`, `fortran_order` and `shape`, padded with spaces and a newline, then the elements.
//! statrix reads 2-D arrays of `float32` or `float64` in either byte order and either memory
//! order (streaming needs C order), and writes version 1.0 (2.0 if the header needs it),
//! little-endian, C order, with the header padded to a multiple of 64 bytes as NumPy does.
//! A hand-written reader, not the `npyz` crate, so that this module adds no dependency.

use alloc::string::String;
use alloc::vec::Vec;
use std::io::{Read, Write};
use std::path::Path;

use super::DMatrix;
use crate::error::Error;
use crate::scalar::Real;

const MAGIC: &[u8; 6] = b"\x93NUMPY";

/// The element type and layout read from a header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Header {
    /// Bytes per element: 4 or 8.
    width: usize,
    little_endian: bool,
    fortran_order: bool,
    rows: usize,
    cols: usize,
}

fn invalid(reason: &'static str) -> Error {
    Error::InvalidNpy { reason }
}

fn io(e: &std::io::Error) -> Error {
    Error::Io { kind: e.kind() }
}

/// `reader.read_exact(buf)`, an end of file reported as the file being `short`.
fn read_exact<R: Read>(reader: &mut R, buf: &mut [u8], short: &'static str) -> Result<(), Error> {
    reader.read_exact(buf).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => invalid(short),
        _ => io(&e),
    })
}

/// Reads the magic string, version and header, leaving `reader` at the first element.
fn read_header<R: Read>(reader: &mut R) -> Result<Header, Error> {
    let mut start = [0u8; 8];
    read_exact(
        reader,
        &mut start,
        "the file is shorter than the magic string",
    )?;
    if &start[..6] != MAGIC {
        return Err(invalid("the magic string \\x93NUMPY is missing"));
    }
    let len = match start[6] {
        1 => {
            let mut b = [0u8; 2];
            read_exact(reader, &mut b, "the header length is cut short")?;
            usize::from(u16::from_le_bytes(b))
        }
        2 | 3 => {
            let mut b = [0u8; 4];
            read_exact(reader, &mut b, "the header length is cut short")?;
            usize::try_from(u32::from_le_bytes(b)).map_err(|_| invalid("header too long"))?
        }
        _ => {
            return Err(invalid(
                "unknown format version (1.0, 2.0 and 3.0 are known)",
            ));
        }
    };
    // NumPy caps headers well below this; a larger one is not a file it wrote.
    if len > 1 << 20 {
        return Err(invalid("header longer than 1 MiB"));
    }
    let mut text = alloc::vec![0u8; len];
    read_exact(reader, &mut text, "the header is cut short")?;
    let text = String::from_utf8(text).map_err(|_| invalid("the header is not UTF-8"))?;
    parse_header(&text)
}

/// The value after `'key':` in the header dict, up to the next top-level comma or brace.
fn field<'a>(text: &'a str, key: &str) -> Result<&'a str, Error> {
    let quoted = [alloc::format!("'{key}'"), alloc::format!("\"{key}\"")];
    let at = quoted
        .iter()
        .find_map(|k| text.find(k.as_str()).map(|i| i + k.len()))
        .ok_or(invalid("the header lacks descr, fortran_order or shape"))?;
    let rest = text[at..].trim_start();
    let rest = rest
        .strip_prefix(':')
        .ok_or(invalid("malformed header dict"))?
        .trim_start();
    let end = if rest.starts_with('(') {
        rest.find(')').map(|i| i + 1)
    } else {
        rest.find([',', '}'])
    }
    .ok_or(invalid("malformed header dict"))?;
    Ok(rest[..end].trim())
}

fn parse_header(text: &str) -> Result<Header, Error> {
    let descr = field(text, "descr")?.trim_matches(['\'', '"']);
    let (little_endian, kind) = match descr.as_bytes().first() {
        Some(b'<') => (true, &descr[1..]),
        Some(b'>') => (false, &descr[1..]),
        Some(b'=') => (cfg!(target_endian = "little"), &descr[1..]),
        _ => (true, descr),
    };
    let width = match kind {
        "f8" => 8,
        "f4" => 4,
        _ => return Err(invalid("only float32 and float64 arrays are read")),
    };
    let fortran_order = match field(text, "fortran_order")? {
        "False" => false,
        "True" => true,
        _ => return Err(invalid("fortran_order is neither True nor False")),
    };
    let shape = field(text, "shape")?;
    let dims: Vec<usize> = shape
        .trim_start_matches('(')
        .trim_end_matches(')')
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            d.parse::<usize>()
                .map_err(|_| invalid("a dimension is not a count"))
        })
        .collect::<Result<_, _>>()?;
    let [rows, cols] = dims[..] else {
        return Err(invalid("only 2-D arrays are read"));
    };
    rows.checked_mul(cols)
        .and_then(|n| n.checked_mul(width))
        .ok_or(invalid("the shape overflows"))?;
    Ok(Header {
        width,
        little_endian,
        fortran_order,
        rows,
        cols,
    })
}

/// A float64 file read as f32 would round: refused (NumPy's `np.load` keeps the dtype),
/// before any data is read, so that an empty array is refused as well.
fn check_width<T: Real>(header: &Header) -> Result<(), Error> {
    if header.width > core::mem::size_of::<T>() {
        return Err(invalid(
            "a float64 file cannot be read as f32 without rounding",
        ));
    }
    Ok(())
}

/// Converts `bytes` (whole elements of `header`'s type, checked by [`check_width`]) into
/// `out`.
fn decode<T: Real>(header: &Header, bytes: &[u8], out: &mut Vec<T>) -> Result<(), Error> {
    for chunk in bytes.chunks_exact(header.width) {
        let value = match (header.width, header.little_endian) {
            (8, true) => f64::from_le_bytes(chunk.try_into().expect("8 bytes")),
            (8, false) => f64::from_be_bytes(chunk.try_into().expect("8 bytes")),
            (_, true) => f64::from(f32::from_le_bytes(chunk.try_into().expect("4 bytes"))),
            (_, false) => f64::from(f32::from_be_bytes(chunk.try_into().expect("4 bytes"))),
        };
        // Exact: a float32 widened, or a float64 into f64.
        out.push(T::from(value).ok_or(Error::Overflow)?);
    }
    Ok(())
}

/// Reads `count` elements (fewer only at a clean end of file, reported as an error).
fn read_elements<R: Read, T: Real>(
    reader: &mut R,
    header: &Header,
    count: usize,
) -> Result<Vec<T>, Error> {
    check_width::<T>(header)?;
    let mut out = Vec::new();
    let mut buffer = alloc::vec![0u8; header.width * count.min(1 << 16)];
    let mut left = count;
    while left > 0 {
        let take = left.min(1 << 16);
        // Memory for the elements that arrive, block by block: a header may promise far more
        // than the file holds, and that is a short file (`InvalidNpy`), not an allocation of
        // the promised size. A file that does hold more than memory is an error, not an abort.
        out.try_reserve(take).map_err(|_| Error::Io {
            kind: std::io::ErrorKind::OutOfMemory,
        })?;
        let bytes = &mut buffer[..take * header.width];
        read_exact(reader, bytes, "the data is shorter than the shape")?;
        decode(header, bytes, &mut out)?;
        left -= take;
    }
    Ok(out)
}

impl<T: Real> DMatrix<T> {
    /// Reads a 2-D `.npy` array of `float32` or `float64` (either byte order, C or Fortran
    /// order), NumPy's `np.load(file)`.
    ///
    /// # Errors
    /// [`Error::InvalidNpy`] (saying what is wrong) for anything but a well-formed 2-D
    /// `float32`/`float64` array, or a `float64` file read as `f32` (which would round);
    /// [`Error::Io`] for a failing reader.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_vec(2, 3, vec![1.0f64, 2.0, 3.0, 4.0, 5.0, 6.0])?;
    /// let mut file = Vec::new(); // np.save(file, a)
    /// a.write_npy(&mut file)?;
    /// assert_eq!(DMatrix::<f64>::read_npy(file.as_slice())?, a);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn read_npy<R: Read>(mut reader: R) -> Result<Self, Error> {
        let header = read_header(&mut reader)?;
        let data = read_elements(&mut reader, &header, header.rows * header.cols)?;
        let (rows, cols) = (header.rows, header.cols);
        if header.fortran_order {
            Ok(Self::from_vec(cols, rows, data)?.transpose())
        } else {
            Self::from_vec(rows, cols, data)
        }
    }

    /// [`read_npy`](Self::read_npy) from the file at `path`, NumPy's `np.load(path)`.
    ///
    /// # Errors
    /// As [`read_npy`](Self::read_npy); [`Error::Io`] if the file cannot be opened.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let path = std::env::temp_dir().join("statrix-doc-load.npy");
    /// let a = DMatrix::from_fn(3, 2, |i, j| (i * 2 + j) as f32);
    /// a.save_npy(&path)?; // np.save(path, a)
    /// assert_eq!(DMatrix::<f32>::load_npy(&path)?, a);
    /// # std::fs::remove_file(&path).ok();
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn load_npy(path: impl AsRef<Path>) -> Result<Self, Error> {
        let file = std::fs::File::open(path).map_err(|e| io(&e))?;
        Self::read_npy(std::io::BufReader::new(file))
    }

    /// Writes the matrix as a `.npy` array (`float32` for `f32`, `float64` for `f64`,
    /// little-endian, C order), NumPy's `np.save(file, a)`.
    ///
    /// # Errors
    /// [`Error::Io`] for a failing writer.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let mut file = Vec::new();
    /// DMatrix::<f64>::zeros(2, 3).write_npy(&mut file)?;
    /// // The header NumPy writes for np.zeros((2, 3)), padded to 64 bytes in all.
    /// assert_eq!(&file[..10], b"\x93NUMPY\x01\x00\x76\x00");
    /// assert!(file[10..].starts_with(b"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"));
    /// assert_eq!(file.len(), 128 + 6 * 8);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn write_npy<W: Write>(&self, writer: W) -> Result<(), Error> {
        let mut out = NpyWriter::<W, T>::new(writer, self.rows(), self.cols())?;
        out.write_rows(self)?;
        out.finish()
    }

    /// [`write_npy`](Self::write_npy) to the file at `path` (created or truncated), NumPy's
    /// `np.save(path, a)`.
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be written.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let path = std::env::temp_dir().join("statrix-doc-save.npy");
    /// DMatrix::<f64>::identity(3).save_npy(&path)?;
    /// assert_eq!(DMatrix::<f64>::load_npy(&path)?, DMatrix::identity(3));
    /// # std::fs::remove_file(&path).ok();
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn save_npy(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        let file = std::fs::File::create(path).map_err(|e| io(&e))?;
        self.write_npy(std::io::BufWriter::new(file))
    }
}

/// The `.npy` preamble (magic, version, header length, header dict padded to 64 bytes) of a
/// little-endian C-order `rows x cols` array of `width`-byte floats.
fn header_bytes(width: usize, rows: usize, cols: usize) -> Result<Vec<u8>, Error> {
    let descr = if width == 4 { "<f4" } else { "<f8" };
    let dict = alloc::format!(
        "{{'descr': '{descr}', 'fortran_order': False, 'shape': ({rows}, {cols}), }}"
    );
    // Version 1.0 has a 2-byte length; the whole preamble is padded to 64 bytes.
    let (version, length_bytes) = if dict.len() + 1 + 10 <= usize::from(u16::MAX) {
        (1u8, 2usize)
    } else {
        (2, 4)
    };
    let unpadded = MAGIC.len() + 2 + length_bytes + dict.len() + 1;
    let padding = unpadded.next_multiple_of(64) - unpadded;
    let header_len = dict.len() + padding + 1;
    let mut out = Vec::with_capacity(unpadded + padding);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[version, 0]);
    if version == 1 {
        let len = u16::try_from(header_len).map_err(|_| invalid("header too long"))?;
        out.extend_from_slice(&len.to_le_bytes());
    } else {
        let len = u32::try_from(header_len).map_err(|_| invalid("header too long"))?;
        out.extend_from_slice(&len.to_le_bytes());
    }
    out.extend_from_slice(dict.as_bytes());
    out.resize(out.len() + padding, b' ');
    out.push(b'\n');
    Ok(out)
}

/// Writes a `rows x cols` `.npy` array chunk by chunk (`float32` for `f32`, `float64` for
/// `f64`, little-endian, C order): the header first, then the rows as they come, so a file
/// larger than memory can be written. [`finish`](Self::finish) checks that every row came.
///
/// # Example
/// ```
/// use statrix::{DMatrix, NpyWriter};
/// let mut file = Vec::new();
/// let mut out = NpyWriter::<_, f64>::new(&mut file, 3, 2)?;
/// out.write_rows(&DMatrix::from_vec(2, 2, vec![1.0, 2.0, 3.0, 4.0])?)?;
/// out.write_rows(&DMatrix::from_vec(1, 2, vec![5.0, 6.0])?)?;
/// out.finish()?;
/// assert_eq!(DMatrix::<f64>::read_npy(file.as_slice())?.as_slice(), &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
/// # Ok::<(), statrix::Error>(())
/// ```
#[derive(Debug)]
pub struct NpyWriter<W: Write, T> {
    writer: W,
    cols: usize,
    rows_left: usize,
    element: core::marker::PhantomData<T>,
}

impl<W: Write, T: Real> NpyWriter<W, T> {
    /// Writes the header of a `rows x cols` array to `writer`.
    ///
    /// # Errors
    /// [`Error::Io`] if the writer fails.
    ///
    /// # Example
    /// ```
    /// use statrix::NpyWriter;
    /// let mut file = Vec::new();
    /// NpyWriter::<_, f32>::new(&mut file, 0, 4)?.finish()?;
    /// assert_eq!(file.len(), 128); // the padded header of an empty array
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn new(mut writer: W, rows: usize, cols: usize) -> Result<Self, Error> {
        rows.checked_mul(cols)
            .and_then(|n| n.checked_mul(core::mem::size_of::<T>()))
            .ok_or(invalid("the shape overflows"))?;
        let header = header_bytes(core::mem::size_of::<T>(), rows, cols)?;
        writer.write_all(&header).map_err(|e| io(&e))?;
        Ok(Self {
            writer,
            cols,
            rows_left: rows,
            element: core::marker::PhantomData,
        })
    }

    /// Appends the rows of `chunk`.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] (`op: "write_rows"`) if `chunk` has another number of columns
    /// or more rows than remain; [`Error::Io`] if the writer fails.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Error, NpyWriter};
    /// let mut out = NpyWriter::<_, f64>::new(Vec::new(), 1, 2)?;
    /// assert!(matches!(out.write_rows(&DMatrix::zeros(2, 2)), Err(Error::ShapeMismatch { .. })));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn write_rows(&mut self, chunk: &DMatrix<T>) -> Result<(), Error> {
        let (rows, cols) = chunk.shape();
        if cols != self.cols || rows > self.rows_left {
            return Err(Error::ShapeMismatch {
                op: "write_rows",
                left: (self.rows_left, self.cols),
                right: (rows, cols),
            });
        }
        let width = core::mem::size_of::<T>();
        let mut block = Vec::with_capacity(width << 16);
        for part in chunk.as_slice().chunks(1 << 16) {
            block.clear();
            for x in part {
                let v = x.to_f64().ok_or(Error::Overflow)?;
                if width == 4 {
                    // Exact: the value is an f32.
                    block.extend_from_slice(&(v as f32).to_le_bytes());
                } else {
                    block.extend_from_slice(&v.to_le_bytes());
                }
            }
            self.writer.write_all(&block).map_err(|e| io(&e))?;
        }
        self.rows_left -= rows;
        Ok(())
    }

    /// Flushes the writer, checking that every row of the header's shape was written.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] (`op: "finish"`, the rows missing and the columns) if rows
    /// are missing; [`Error::Io`] if the writer fails.
    ///
    /// # Example
    /// ```
    /// use statrix::{Error, NpyWriter};
    /// let out = NpyWriter::<_, f64>::new(Vec::new(), 2, 2)?;
    /// assert!(matches!(out.finish(), Err(Error::ShapeMismatch { op: "finish", .. })));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn finish(mut self) -> Result<(), Error> {
        if self.rows_left != 0 {
            return Err(Error::ShapeMismatch {
                op: "finish",
                left: (self.rows_left, self.cols),
                right: (0, self.cols),
            });
        }
        self.writer.flush().map_err(|e| io(&e))
    }
}

/// The rows of a C-order `.npy` array, read in chunks of at most `rows_per_chunk` rows: an
/// iterator of `Result<DMatrix<T>, Error>`, holding one chunk in memory at a time, for files
/// larger than memory.
///
/// # Example
/// ```
/// use statrix::{DMatrix, NpyRows};
/// let a = DMatrix::from_fn(5, 2, |i, j| (i * 2 + j) as f64);
/// let mut file = Vec::new();
/// a.write_npy(&mut file)?;
/// let rows = NpyRows::<_, f64>::new(file.as_slice(), 2)?;
/// assert_eq!(rows.shape(), (5, 2));
/// let chunks: Vec<DMatrix<f64>> = rows.collect::<Result<_, _>>()?;
/// assert_eq!(chunks.iter().map(DMatrix::rows).collect::<Vec<_>>(), [2, 2, 1]);
/// assert_eq!(chunks[2].as_slice(), &[8.0, 9.0]);
/// # Ok::<(), statrix::Error>(())
/// ```
#[derive(Debug)]
pub struct NpyRows<R, T> {
    reader: R,
    header: Header,
    rows_per_chunk: usize,
    rows_left: usize,
    failed: bool,
    element: core::marker::PhantomData<T>,
}

impl<R: Read, T: Real> NpyRows<R, T> {
    /// Reads the header of a `.npy` array from `reader` and prepares to read its rows in
    /// chunks of `rows_per_chunk` (at least 1).
    ///
    /// # Errors
    /// As [`DMatrix::read_npy`]'s header checks; [`Error::InvalidNpy`] also for a
    /// Fortran-order array (whose rows are not contiguous) and for a `float64` file read as
    /// `f32`; [`Error::InvalidParameter`] (`rows_per_chunk`) for 0.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Error, NpyRows};
    /// assert!(matches!(NpyRows::<_, f64>::new(&b"not npy"[..], 10), Err(Error::InvalidNpy { .. })));
    /// ```
    pub fn new(mut reader: R, rows_per_chunk: usize) -> Result<Self, Error> {
        if rows_per_chunk == 0 {
            return Err(Error::InvalidParameter {
                name: "rows_per_chunk",
            });
        }
        let header = read_header(&mut reader)?;
        if header.fortran_order {
            return Err(invalid(
                "a Fortran-order array cannot be streamed by rows (np.ascontiguousarray first)",
            ));
        }
        check_width::<T>(&header)?;
        Ok(Self {
            reader,
            rows_left: header.rows,
            header,
            rows_per_chunk,
            failed: false,
            element: core::marker::PhantomData,
        })
    }

    /// The whole array's shape, `(rows, cols)`.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, NpyRows};
    /// let mut file = Vec::new();
    /// DMatrix::<f32>::zeros(7, 3).write_npy(&mut file)?;
    /// assert_eq!(NpyRows::<_, f32>::new(file.as_slice(), 4)?.shape(), (7, 3));
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn shape(&self) -> (usize, usize) {
        (self.header.rows, self.header.cols)
    }
}

impl<R: Read, T: Real> Iterator for NpyRows<R, T> {
    type Item = Result<DMatrix<T>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rows_left == 0 || self.failed {
            return None;
        }
        let rows = self.rows_left.min(self.rows_per_chunk);
        let cols = self.header.cols;
        let chunk = read_elements(&mut self.reader, &self.header, rows * cols)
            .and_then(|data| DMatrix::from_vec(rows, cols, data));
        match chunk {
            Ok(chunk) => {
                self.rows_left -= rows;
                Some(Ok(chunk))
            }
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}
