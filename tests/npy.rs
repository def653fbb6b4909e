//! `.npy` input and output against files written by NumPy's `np.save`
//! (`tests/fixtures/npy/`, from `gen_npy.py`): reading every layout NumPy writes for 2-D
//! float arrays, writing NumPy's bytes exactly, streaming rows in chunks, and a clear error
//! for every file that is not a 2-D float array, including truncated ones.
#![cfg(feature = "std")]

mod support;

use statrix::{DMatrix, Error, NpyRows, NpyWriter};
use support::dynamic::irregular;
use support::fixture_path;

fn file(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(&format!("npy/{name}"))).unwrap()
}

/// `np.arange(12).reshape(3, 4) / 7`, each quotient correctly rounded as NumPy's.
fn arange_over_7() -> DMatrix<f64> {
    DMatrix::from_fn(3, 4, |i, j| (i * 4 + j) as f64 / 7.0)
}

#[test]
fn reads_every_layout_numpy_writes() {
    let want = arange_over_7();
    for name in ["f64_c.npy", "f64_fortran.npy", "f64_big_endian.npy"] {
        let got = DMatrix::<f64>::read_npy(file(name).as_slice()).unwrap();
        assert_eq!(got, want, "{name}");
    }
    let got = DMatrix::<f32>::read_npy(file("f32_c.npy").as_slice()).unwrap();
    assert_eq!(got, want.map(|x| x as f32));
    // float32 into f64 widens exactly.
    let widened = DMatrix::<f64>::read_npy(file("f32_c.npy").as_slice()).unwrap();
    assert_eq!(widened, want.map(|x| f64::from(x as f32)));
    let empty = DMatrix::<f64>::read_npy(file("f64_empty.npy").as_slice()).unwrap();
    assert_eq!(empty.shape(), (0, 5));
}

#[test]
fn writes_numpys_bytes() {
    let mut out = Vec::new();
    arange_over_7().write_npy(&mut out).unwrap();
    assert_eq!(out, file("f64_c.npy"));
    let mut out = Vec::new();
    arange_over_7()
        .map(|x| x as f32)
        .write_npy(&mut out)
        .unwrap();
    assert_eq!(out, file("f32_c.npy"));
    let mut out = Vec::new();
    DMatrix::<f64>::zeros(0, 5).write_npy(&mut out).unwrap();
    assert_eq!(out, file("f64_empty.npy"));
}

#[test]
fn round_trips_through_a_file_and_in_chunks() {
    let a = irregular(37, 11, 4);
    let path = std::env::temp_dir().join(format!("statrix-test-{}.npy", std::process::id()));
    a.save_npy(&path).unwrap();
    assert_eq!(DMatrix::<f64>::load_npy(&path).unwrap(), a);
    let reader = std::io::BufReader::new(std::fs::File::open(&path).unwrap());
    let rows = NpyRows::<_, f64>::new(reader, 10).unwrap();
    assert_eq!(rows.shape(), (37, 11));
    let chunks: Vec<DMatrix<f64>> = rows.collect::<Result<_, _>>().unwrap();
    assert_eq!(
        chunks.iter().map(DMatrix::rows).collect::<Vec<_>>(),
        [10, 10, 10, 7]
    );
    let joined: Vec<f64> = chunks.iter().flat_map(|c| c.as_slice().to_vec()).collect();
    assert_eq!(joined, a.as_slice());
    std::fs::remove_file(&path).ok();

    // Written in chunks, read whole.
    let mut out = Vec::new();
    let mut writer = NpyWriter::<_, f64>::new(&mut out, 37, 11).unwrap();
    for chunk in &chunks {
        writer.write_rows(chunk).unwrap();
    }
    writer.finish().unwrap();
    assert_eq!(DMatrix::<f64>::read_npy(out.as_slice()).unwrap(), a);
}

#[test]
fn every_other_file_is_a_clear_error() {
    let invalid = |bytes: &[u8]| match DMatrix::<f64>::read_npy(bytes) {
        Err(Error::InvalidNpy { reason }) => reason,
        other => panic!("expected InvalidNpy, got {other:?}"),
    };
    assert_eq!(
        invalid(&file("i64.npy")),
        "only float32 and float64 arrays are read"
    );
    assert_eq!(invalid(&file("f64_3d.npy")), "only 2-D arrays are read");
    assert_eq!(
        invalid(b"PK\x03\x04 a zip file"),
        "the magic string \\x93NUMPY is missing"
    );
    assert_eq!(
        invalid(b"\x93NU"),
        "the file is shorter than the magic string"
    );
    let good = file("f64_c.npy");
    // Every truncation is an error, never a panic or a short matrix.
    for len in 0..good.len() {
        assert!(
            matches!(
                DMatrix::<f64>::read_npy(&good[..len]),
                Err(Error::InvalidNpy { .. })
            ),
            "truncated to {len} bytes"
        );
    }
    // Unknown version, a header that lies about its length, a float64 file read as f32.
    let mut bad = good.clone();
    bad[6] = 9;
    assert!(invalid(&bad).contains("version"));
    assert!(matches!(
        DMatrix::<f32>::read_npy(good.as_slice()),
        Err(Error::InvalidNpy { .. })
    ));
    assert!(matches!(
        NpyRows::<_, f64>::new(file("f64_fortran.npy").as_slice(), 2),
        Err(Error::InvalidNpy { .. })
    ));
    assert!(matches!(
        NpyRows::<_, f64>::new(good.as_slice(), 0),
        Err(Error::InvalidParameter {
            name: "rows_per_chunk"
        })
    ));
    // A stream cut short reports the error once, then ends.
    let mut rows = NpyRows::<_, f64>::new(&good[..good.len() - 8], 2).unwrap();
    assert!(rows.next().unwrap().is_ok());
    assert!(matches!(rows.next(), Some(Err(Error::InvalidNpy { .. }))));
    assert!(rows.next().is_none());
    assert!(matches!(
        DMatrix::<f64>::load_npy("/nonexistent/statrix.npy"),
        Err(Error::Io {
            kind: std::io::ErrorKind::NotFound
        })
    ));
}
