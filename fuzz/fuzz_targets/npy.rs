//! The `.npy` reader and writer (`src/dynamic/npy.rs`): `DMatrix::<f64>::read_npy` and
//! `DMatrix::<f32>::read_npy`, `NpyRows` streaming with `rows_per_chunk` from the bytes (0,
//! 1, 2, 3, 7, 64, larger, `usize::MAX`), `write_npy` and `NpyWriter`, on three kinds of
//! file:
//! - arbitrary bytes;
//! - a file written by `write_npy` from a small matrix of fuzzed `f32`/`f64` values (every
//!   NaN payload, subnormals, ±inf), which must read back as that matrix, then mutated by a
//!   few byte overwrites, insertions, deletions and a truncation;
//! - a header built here from fields (version 0 to 4, `descr` among float and non-float
//!   types in both byte orders, `fortran_order`, a shape of 0 to 3 dimensions from 0 to
//!   `2^64`, key order, quote style, padding) followed by fuzzed elements, fewer or more
//!   bytes than the shape needs: the harness knows the answer (NEP 1 and the doc of
//!   `read_npy`: `Ok` exactly for a 2-D `<f4`/`>f4`/`<f8`/`>f8` array whose elements are all
//!   there and fit `usize`, not a `float64` read as `f32`) and the values, decoded here from
//!   the bytes in either order, transposed from Fortran order.
//!
//! Every file is read through a plain slice, through a reader that returns a few bytes at a
//! time and `Interrupted` now and then (the same result as the slice), and through one that
//! fails after some bytes (the slice's result or `Error::Io` of that kind). Checks:
//! - no panic, no hang, and no allocation sized by a header's claim rather than by data:
//!   libFuzzer's `-rss_limit_mb=2048` also limits a single `malloc` to 2 GB.
//! - errors are `InvalidNpy` or `Io` (the doc lists no other for reading; `NpyRows::new`
//!   adds `InvalidParameter { name: "rows_per_chunk" }`, exactly when it is 0);
//! - `Ok` from `f32` implies `Ok` from `f64` with the same values widened;
//! - an `Ok` written back with `write_npy` (version 1.0, the header padded to a multiple of 64
//!   bytes, little-endian, C order) and read again gives the same shape and the same values:
//!   bit for bit in `f64`; in `f32`, bit for bit except that a NaN only has to stay a NaN (a
//!   float32 is decoded through `f64`, and the docs promise nothing about NaN payloads);
//!   `NpyWriter` fed the rows in chunks writes the same bytes;
//! - streaming: `NpyRows` refuses exactly the Fortran-order files `read_npy` accepts (and a
//!   `float64` file for `f32`); otherwise its shape is `read_npy`'s, its chunks have
//!   `min(rows_per_chunk, rows left)` rows, and concatenated they are `read_npy`'s values
//!   bit for bit; where `read_npy` fails, the stream ends in an error. At most 4096 chunks
//!   are read (a `10^18 x 0` array is a valid file of 10^18 empty rows).
//!
//! A header may claim any number of elements: the reader must not reserve memory for more
//! than the data it has read (libFuzzer's `-rss_limit_mb` and the sanitizer's allocation
//! limit catch a reservation of the claimed size). `FUZZ_DEBUG=1` prints each built header
//! with its expected and actual outcome.
#![no_main]

use std::io::{ErrorKind, Read};

use libfuzzer_sys::fuzz_target;
use statrix::{DMatrix, Error, NpyRows, NpyWriter};
use statrix_fuzz::{Float, Input};

/// The most chunks read from one stream.
const MAX_CHUNKS: usize = 4096;

const FORTRAN_REASON: &str =
    "a Fortran-order array cannot be streamed by rows (np.ascontiguousarray first)";

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"\x93NUMPY") {
        // A whole .npy file (the seeds): read in chunks of 1 to 4 rows, a few bytes at a time.
        let style = Style::Trickle {
            max: 1 + data.len() % 16,
            every: 2,
        };
        check_file(data, 1 + data.len() % 4, style);
        return;
    }
    // Eight bytes of settings, then the file (or what it is built from).
    let (settings, rest) = data.split_at(data.len().min(8));
    let mut settings = Input::new(settings);
    let rows_per_chunk = match settings.byte() {
        b if b % 8 == 0 => 0,
        b if b % 8 == 1 => usize::MAX,
        b if b % 8 == 2 => 1,
        b if b % 8 == 3 => 2,
        b if b % 8 == 4 => 3,
        b if b % 8 == 5 => 7,
        b if b % 8 == 6 => 64,
        b => 1 + usize::from(b),
    };
    let style = Style::decode(&mut settings);
    let mut input = Input::new(rest);
    match settings.below(3) {
        // The rest of the input, as it is.
        0 => check_file(rest, rows_per_chunk, style),
        1 => {
            if input.byte().is_multiple_of(2) {
                written::<f64>(&mut input, rows_per_chunk, style);
            } else {
                written::<f32>(&mut input, rows_per_chunk, style);
            }
        }
        _ => built(&mut input, rows_per_chunk, style),
    }
});

// ---------------------------------------------------------------------------------------
// Element types and results.

/// `f32` and `f64` with their bits.
trait Elem: Float {
    fn bits(self) -> u64;
}

impl Elem for f32 {
    fn bits(self) -> u64 {
        u64::from(self.to_bits())
    }
}

impl Elem for f64 {
    fn bits(self) -> u64 {
        self.to_bits()
    }
}

/// Asserts `got == want` element for element: bit for bit, except that in `f32` (decoded
/// through `f64`) a NaN only has to be a NaN.
fn assert_same<T: Elem>(what: &str, got: &[T], want: &[T]) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        let same = g.bits() == w.bits() || (T::BYTES == 4 && g.is_nan() && w.is_nan());
        assert!(
            same,
            "{what}: element {k} is {g:?} ({:#x}), want {w:?} ({:#x})",
            g.bits(),
            w.bits()
        );
    }
}

/// A read's shape and element bits, or its error: comparable.
type Summary = Result<((usize, usize), Vec<u64>), Error>;

fn summary<T: Elem>(r: &Result<DMatrix<T>, Error>) -> Summary {
    r.as_ref()
        .map(|m| (m.shape(), m.as_slice().iter().map(|x| x.bits()).collect()))
        .map_err(|e| *e)
}

fn assert_read_error(what: &str, e: &Error) {
    assert!(
        matches!(e, Error::InvalidNpy { .. } | Error::Io { .. }),
        "{what}: unexpected {e:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Readers.

/// How the file is handed to the reader.
#[derive(Clone, Copy, Debug)]
enum Style {
    /// At most `max` bytes per `read`, `Interrupted` on every `every`-th call (0: never).
    Trickle { max: usize, every: usize },
    /// The first `after` bytes, then errors of `kind`.
    Failing { after: usize, kind: ErrorKind },
}

impl Style {
    fn decode(input: &mut Input) -> Style {
        if input.byte().is_multiple_of(2) {
            Style::Trickle {
                max: 1 + input.below(16),
                every: input.below(4),
            }
        } else {
            let kinds = [
                ErrorKind::Other,
                ErrorKind::ConnectionReset,
                ErrorKind::PermissionDenied,
                ErrorKind::TimedOut,
            ];
            Style::Failing {
                after: input.bits(2) as usize,
                kind: kinds[input.below(kinds.len())],
            }
        }
    }
}

struct Styled<'a> {
    data: &'a [u8],
    style: Style,
    calls: usize,
}

impl Read for Styled<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.calls += 1;
        let n = match &mut self.style {
            Style::Trickle { max, every } => {
                if *every > 0 && self.calls.is_multiple_of(*every + 1) {
                    return Err(ErrorKind::Interrupted.into());
                }
                (*max).min(buf.len()).min(self.data.len())
            }
            Style::Failing { after, kind } => {
                if *after == 0 {
                    return Err((*kind).into());
                }
                let n = (*after).min(buf.len()).min(self.data.len());
                *after -= n;
                n
            }
        };
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

// ---------------------------------------------------------------------------------------
// The checks of one file.

fn check_file(file: &[u8], rows_per_chunk: usize, style: Style) {
    let wide = check_as::<f64>(file, rows_per_chunk, style);
    let narrow = check_as::<f32>(file, rows_per_chunk, style);
    if let (Some(narrow), Some(wide)) = (&narrow, &wide) {
        match (narrow, wide) {
            (Ok(n), Ok(w)) => {
                assert_eq!(n.shape(), w.shape(), "f32 and f64 reads: shapes");
                let widened: Vec<f64> = n.as_slice().iter().map(|&x| f64::from(x)).collect();
                assert_same("f32 widened vs the f64 read", w.as_slice(), &widened);
            }
            (Ok(n), Err(e)) => panic!("an f32 read of shape {:?} where f64 gives {e:?}", n.shape()),
            _ => {}
        }
    }
}

/// All checks of `file` read as `T`; returns the plain read unless it was skipped.
fn check_as<T: Elem>(
    file: &[u8],
    rows_per_chunk: usize,
    style: Style,
) -> Option<Result<DMatrix<T>, Error>> {
    let plain = DMatrix::<T>::read_npy(file);
    match &plain {
        Ok(m) => round_trip(m, rows_per_chunk),
        Err(e) => assert_read_error("read_npy", e),
    }
    // The same file through a reader of another kind.
    let styled = DMatrix::<T>::read_npy(Styled {
        data: file,
        style,
        calls: 0,
    });
    match style {
        Style::Trickle { .. } => assert_eq!(
            summary(&styled),
            summary(&plain),
            "read_npy through {style:?}"
        ),
        Style::Failing { kind, .. } => {
            if summary(&styled) != summary(&plain) {
                assert_eq!(
                    styled.as_ref().err(),
                    Some(&Error::Io { kind }),
                    "{style:?}"
                );
            }
        }
    }
    stream(file, rows_per_chunk, &plain);
    Some(plain)
}

/// `NpyRows` over `file` against the whole read `plain`.
fn stream<T: Elem>(file: &[u8], rows_per_chunk: usize, plain: &Result<DMatrix<T>, Error>) {
    let rows = match NpyRows::<_, T>::new(file, rows_per_chunk) {
        Err(e) => {
            if rows_per_chunk == 0 {
                assert_eq!(
                    e,
                    Error::InvalidParameter {
                        name: "rows_per_chunk"
                    }
                );
                return;
            }
            assert_read_error("NpyRows::new", &e);
            if let Ok(m) = plain {
                // read_npy accepted what the stream refuses: only a Fortran-order array.
                let Error::InvalidNpy { reason } = e else {
                    panic!("NpyRows::new: {e:?} where read_npy succeeds");
                };
                assert_eq!(
                    reason,
                    FORTRAN_REASON,
                    "NpyRows::new refuses {:?}",
                    m.shape()
                );
            }
            return;
        }
        Ok(rows) => rows,
    };
    assert_ne!(rows_per_chunk, 0, "NpyRows::new with 0 rows per chunk");
    let (total_rows, cols) = rows.shape();
    if let Ok(m) = plain {
        assert_eq!(m.shape(), (total_rows, cols), "NpyRows::shape");
    }
    let mut left = total_rows;
    let mut values: Vec<T> = Vec::new();
    let mut failed = None;
    let mut finished = true;
    for (k, chunk) in rows.enumerate() {
        if k == MAX_CHUNKS {
            finished = false;
            break;
        }
        match chunk {
            Ok(c) => {
                let want = left.min(rows_per_chunk);
                assert_eq!(c.shape(), (want, cols), "chunk {k}'s shape");
                left -= want;
                values.extend_from_slice(c.as_slice());
            }
            Err(e) => {
                assert_read_error("NpyRows chunk", &e);
                failed = Some(e);
                break;
            }
        }
    }
    match plain {
        Ok(m) => {
            assert_eq!(failed, None, "the stream fails where read_npy succeeds");
            let whole = m.as_slice();
            assert!(values.len() <= whole.len());
            assert_same("the chunks vs read_npy", &values, &whole[..values.len()]);
            if finished {
                assert_eq!(left, 0, "the stream ended early");
                assert_eq!(values.len(), whole.len());
            }
        }
        Err(e) => {
            if finished {
                assert!(
                    failed.is_some(),
                    "read_npy fails ({e:?}) but the stream completes"
                );
            }
        }
    }
}

/// Writes `m` back (whole, and in chunks of `rows_per_chunk` rows) and reads it again.
fn round_trip<T: Elem>(m: &DMatrix<T>, rows_per_chunk: usize) {
    let (rows, cols) = m.shape();
    let mut file = Vec::new();
    m.write_npy(&mut file).expect("write_npy into a Vec");
    // The preamble: version 1.0, its length padded so that the data starts at a multiple of
    // 64 bytes.
    assert_eq!(
        &file[..8],
        b"\x93NUMPY\x01\x00",
        "write_npy's magic and version"
    );
    let header_len = usize::from(u16::from_le_bytes([file[8], file[9]]));
    let data_start = 10 + header_len;
    assert_eq!(data_start % 64, 0, "write_npy's header padding");
    assert_eq!(file[data_start - 1], b'\n');
    assert_eq!(
        file.len() - data_start,
        rows * cols * T::BYTES,
        "write_npy's data length"
    );
    let back = DMatrix::<T>::read_npy(&file[..]).expect("read_npy of write_npy");
    assert_eq!(back.shape(), (rows, cols), "the shape written back");
    assert_same("written and read back", back.as_slice(), m.as_slice());
    // Rows in chunks through NpyWriter: the same file.
    let step = rows_per_chunk.max(1);
    let mut chunked = Vec::new();
    let mut writer = NpyWriter::<_, T>::new(&mut chunked, rows, cols).expect("NpyWriter::new");
    let mut start = 0;
    while start < rows && cols > 0 {
        let end = rows.min(start.saturating_add(step));
        let part = m.as_slice()[start * cols..end * cols].to_vec();
        writer
            .write_rows(&DMatrix::from_vec(end - start, cols, part).expect("a chunk"))
            .expect("write_rows");
        start = end;
    }
    if cols == 0 && rows > 0 {
        // One chunk of every (empty) row.
        writer
            .write_rows(&DMatrix::from_vec(rows, 0, Vec::new()).expect("empty rows"))
            .expect("write_rows");
    }
    writer.finish().expect("finish");
    if T::BYTES == 8 {
        assert_eq!(chunked, file, "NpyWriter in chunks vs write_npy");
    } else {
        assert_eq!(
            chunked[..data_start],
            file[..data_start],
            "NpyWriter's header"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Files written by the crate, then mutated.

fn written<T: Elem>(input: &mut Input, rows_per_chunk: usize, style: Style) {
    let (rows, cols) = (input.below(5), input.below(5));
    let m = DMatrix::from_vec(rows, cols, input.values::<T>(rows * cols)).expect("the shape");
    let mut file = Vec::new();
    m.write_npy(&mut file).expect("write_npy into a Vec");
    let back = DMatrix::<T>::read_npy(&file[..]).expect("read_npy of write_npy");
    assert_eq!(back.shape(), (rows, cols));
    assert_same("a written matrix read back", back.as_slice(), m.as_slice());
    for _ in 0..input.below(6) {
        let at = input.bits(2) as usize % (file.len() + 1);
        match input.below(4) {
            0 if at < file.len() => file[at] = input.byte(),
            1 => file.insert(at, input.byte()),
            2 if at < file.len() => {
                file.remove(at);
            }
            3 => file.truncate(at),
            _ => {}
        }
    }
    check_file(&file, rows_per_chunk, style);
}

// ---------------------------------------------------------------------------------------
// Headers built from fields, with a known answer.

/// The element types a header may declare: `(descr, bytes per element if a float the
/// reader takes, big-endian)`.
const DESCRS: [(&str, Option<usize>, bool); 10] = [
    ("<f8", Some(8), false),
    (">f8", Some(8), true),
    ("<f4", Some(4), false),
    (">f4", Some(4), true),
    ("<f8", Some(8), false),
    ("<f4", Some(4), false),
    ("<i8", None, false),
    ("<f2", None, false),
    ("<c16", None, false),
    ("|u1", None, false),
];

/// Dimensions: ordinary, large, past `usize`, negative.
const DIMS: [&str; 10] = [
    "0",
    "1",
    "2",
    "3",
    "1000000",
    "1000000000000",
    "4611686018427387904",
    "18446744073709551615",
    "18446744073709551616",
    "-1",
];

fn built(input: &mut Input, rows_per_chunk: usize, style: Style) {
    let version = match input.below(8) {
        0 => 0,
        1 => 4,
        2 => 2,
        3 => 3,
        _ => 1,
    };
    let (descr, width, big_endian) = DESCRS[input.below(DESCRS.len())];
    let fortran = input.byte().is_multiple_of(2);
    let ndim = match input.below(8) {
        0 => 0,
        1 => 1,
        2 => 3,
        _ => 2,
    };
    let dims: Vec<&str> = (0..ndim)
        .map(|_| {
            if input.below(4) == 0 {
                DIMS[input.below(DIMS.len())]
            } else {
                DIMS[input.below(4)]
            }
        })
        .collect();
    let quote = if input.byte().is_multiple_of(4) {
        '"'
    } else {
        '\''
    };
    let shape = match dims.len() {
        1 => format!("({},)", dims[0]),
        _ => format!("({})", dims.join(", ")),
    };
    let bool_text = if fortran { "True" } else { "False" };
    let mut entries = [
        format!("{quote}descr{quote}: {quote}{descr}{quote}"),
        format!("{quote}fortran_order{quote}: {bool_text}"),
        format!("{quote}shape{quote}: {shape}"),
    ];
    // Key order: NumPy's (sorted), or rotated.
    entries.rotate_left(input.below(3));
    let trailing = if input.byte().is_multiple_of(2) {
        ", "
    } else {
        ""
    };
    let mut header = format!("{{{}{trailing}}}", entries.join(", "));
    let pad = input.below(70);
    header.extend(std::iter::repeat_n(' ', pad));
    header.push('\n');
    let mut file = b"\x93NUMPY".to_vec();
    file.extend_from_slice(&[version, 0]);
    if version == 1 {
        file.extend_from_slice(&(header.len() as u16).to_le_bytes());
    } else {
        file.extend_from_slice(&(header.len() as u32).to_le_bytes());
    }
    file.extend_from_slice(header.as_bytes());

    // The elements: as many as the shape needs (when that is small), fewer or more.
    let parsed: Option<Vec<usize>> = dims.iter().map(|d| d.parse::<usize>().ok()).collect();
    let count = parsed
        .as_ref()
        .and_then(|d| d.iter().try_fold(1usize, |acc, &x| acc.checked_mul(x)));
    let element = width.unwrap_or(8);
    let needed = count.and_then(|c| c.checked_mul(element));
    let mut elements = match needed {
        Some(n) if n <= 4096 => n / element,
        _ => input.below(8),
    };
    match input.below(4) {
        0 => elements = elements.saturating_sub(1 + input.below(3)),
        1 => elements += 1 + input.below(3),
        _ => {}
    }
    let exp = input.exponent::<f64>();
    let mut data = Vec::new();
    for _ in 0..elements {
        if element == 8 {
            let x: f64 = input.scalar(exp);
            data.extend_from_slice(&if big_endian {
                x.to_be_bytes()
            } else {
                x.to_le_bytes()
            });
        } else {
            let x: f32 = input.scalar(exp.clamp(-160, 140));
            data.extend_from_slice(&if big_endian {
                x.to_be_bytes()
            } else {
                x.to_le_bytes()
            });
        }
    }
    // A partial element at the end, sometimes.
    if input.below(4) == 0 {
        data.push(input.byte());
    }
    file.extend_from_slice(&data);

    // The answer, by NEP 1 and read_npy's doc.
    let valid_header = (1..=3).contains(&version)
        && width.is_some()
        && parsed.as_ref().is_some_and(|d| d.len() == 2)
        && needed.is_some();
    let complete = needed.is_some_and(|n| data.len() >= n);
    for double in [true, false] {
        let fits = double || width == Some(4);
        let expected = valid_header && fits && complete;
        let (rows, cols) = match parsed.as_deref() {
            Some(&[r, c]) => (r, c),
            _ => (0, 0),
        };
        let values: Vec<f64> = if expected {
            (0..rows * cols)
                .map(|k| {
                    // Element (i, j) of the result is at i cols + j in C order and at
                    // j rows + i in Fortran order.
                    let (i, j) = (k / cols, k % cols);
                    let at = if fortran { j * rows + i } else { k };
                    decode(&data[at * element..(at + 1) * element], big_endian)
                })
                .collect()
        } else {
            Vec::new()
        };
        if double {
            let got = DMatrix::<f64>::read_npy(&file[..]);
            expect(&got, expected, (rows, cols), &values, &file);
        } else {
            let got = DMatrix::<f32>::read_npy(&file[..]);
            let narrow: Vec<f32> = values.iter().map(|&x| x as f32).collect();
            expect(&got, expected, (rows, cols), &narrow, &file);
        }
    }
    check_file(&file, rows_per_chunk, style);
}

/// One element's value, from 4 or 8 bytes in the given order.
fn decode(bytes: &[u8], big_endian: bool) -> f64 {
    match (bytes.len(), big_endian) {
        (8, false) => f64::from_le_bytes(bytes.try_into().expect("8 bytes")),
        (8, true) => f64::from_be_bytes(bytes.try_into().expect("8 bytes")),
        (_, false) => f64::from(f32::from_le_bytes(bytes.try_into().expect("4 bytes"))),
        (_, true) => f64::from(f32::from_be_bytes(bytes.try_into().expect("4 bytes"))),
    }
}

fn expect<T: Elem>(
    got: &Result<DMatrix<T>, Error>,
    expected: bool,
    shape: (usize, usize),
    values: &[T],
    file: &[u8],
) {
    let header = String::from_utf8_lossy(&file[..file.len().min(200)]);
    if std::env::var_os("FUZZ_DEBUG").is_some() {
        eprintln!(
            "expect {expected}: {header:?} -> {:?}",
            summary(got).map(|s| s.0)
        );
    }
    match got {
        Ok(m) => {
            assert!(expected, "read_npy::<{}> accepted {header:?}", T::BYTES * 8);
            assert_eq!(m.shape(), shape, "the shape of {header:?}");
            assert_same("the values of a built file", m.as_slice(), values);
        }
        Err(e) => {
            assert!(
                !expected,
                "read_npy::<{}> of {header:?}: {e:?}",
                T::BYTES * 8
            );
            assert!(matches!(e, Error::InvalidNpy { .. }), "{header:?}: {e:?}");
        }
    }
}
