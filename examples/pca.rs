//! The seed's PCA: 1000 embeddings of dimension 1536 reduced to 128 principal components.
//!
//! ```text
//! cargo run --release --example pca                      # Auto (scikit-learn's rule)
//! cargo run --release --example pca -- --solver exact    # or gram, randomized, auto
//! cargo run --release --example pca -- --write-gaussian data.npy 200000 64 7
//! cargo run --release --example pca -- --npy data.npy 8         # streamed: chunks into Moments
//! cargo run --release --example pca -- --npy data.npy 8 --in-memory
//! ```
//!
//! With `--npy PATH K` the file's rows are streamed in chunks of 4096 into
//! [`Moments`](statrix::Moments), the PCA is fitted from them (the Gram solver on the
//! covariance), and a second streamed pass projects every chunk: the file is never held in
//! memory, so it may be larger than the memory the process is allowed. `--in-memory` loads the
//! whole file and fits the Gram solver on it instead; both print the same summary, to six
//! significant digits. `--write-gaussian PATH ROWS COLS SEED` writes standard normal data
//! (`default_rng(SEED)`) plus a per-column offset and a decaying per-column scale, chunk by
//! chunk, for such a run.
//!
//! The data is `np.random.default_rng(42).standard_normal((1000, 1536))`, drawn bit for bit
//! as NumPy draws it. The example prints the reduced shape, the leading explained variance
//! ratios, the solver that ran and the time the fit and the projection took, and exits with
//! an error if the result is not a PCA: orthonormal components, and a projection whose
//! column variances are the explained variances.

use std::time::Instant;

use statrix::random::default_rng;
use statrix::{DMatrix, Moments, NpyRows, NpyWriter, Pca, PcaSolver};

const SAMPLES: usize = 1000;
const FEATURES: usize = 1536;
const COMPONENTS: usize = 128;

fn solver_from_args() -> Result<PcaSolver, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] | ["--solver", "auto"] => Ok(PcaSolver::Auto),
        ["--solver", "exact"] => Ok(PcaSolver::Exact),
        ["--solver", "gram"] => Ok(PcaSolver::Gram),
        ["--solver", "randomized"] => Ok(PcaSolver::Randomized {
            oversamples: 10,
            power_iterations: 4,
            seed: 0,
        }),
        other => Err(format!(
            "unknown arguments {other:?}; use --solver auto|exact|gram|randomized, \
             --npy PATH K [--in-memory] or --write-gaussian PATH ROWS COLS SEED"
        )),
    }
}

/// Rows per chunk of the streamed runs.
const CHUNK_ROWS: usize = 4096;

/// Writes `rows x cols` values `z * 0.9^j + j` (`z` standard normal from `default_rng(seed)`,
/// `j` the column) to a `.npy` file, chunk by chunk.
fn write_gaussian(
    path: &str,
    rows: usize,
    cols: usize,
    seed: u64,
) -> Result<(), Box<dyn std::error::Error>> {
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut out = NpyWriter::<_, f64>::new(file, rows, cols)?;
    let mut rng = default_rng(seed);
    for start in (0..rows).step_by(CHUNK_ROWS) {
        let z =
            DMatrix::<f64>::random_standard_normal(CHUNK_ROWS.min(rows - start), cols, &mut rng);
        out.write_rows(&DMatrix::from_fn(z.rows(), cols, |i, j| {
            z[(i, j)] * 0.9f64.powi(j as i32) + j as f64
        }))?;
    }
    out.finish()?;
    println!("wrote {rows} x {cols} to {path}");
    Ok(())
}

/// The PCA of the `.npy` file at `path`: streamed through `Moments`, or loaded whole.
fn pca_of_file(path: &str, k: usize, in_memory: bool) -> Result<(), Box<dyn std::error::Error>> {
    let start = Instant::now();
    let open = || -> Result<NpyRows<_, f64>, Box<dyn std::error::Error>> {
        let file = std::io::BufReader::new(std::fs::File::open(path)?);
        Ok(NpyRows::new(file, CHUNK_ROWS)?)
    };
    let (pca, reduced_rows, reduced_sum_of_squares) = if in_memory {
        let x = DMatrix::<f64>::load_npy(path)?;
        let pca = Pca::fit_with(&x, k, PcaSolver::Gram)?;
        let z = pca.transform(&x)?;
        let ss: f64 = z.as_slice().iter().map(|v| v * v).sum();
        (pca, z.rows(), ss)
    } else {
        let mut rows = open()?;
        let mut moments = Moments::new(rows.shape().1);
        for chunk in &mut rows {
            moments.update(&chunk?)?;
        }
        let pca = Pca::from_moments(&moments, k)?;
        let (mut count, mut ss) = (0, 0.0);
        for chunk in open()? {
            let z = pca.transform(&chunk?)?;
            count += z.rows();
            ss += z.as_slice().iter().map(|v| v * v).sum::<f64>();
        }
        (pca, count, ss)
    };
    println!("{:?}", (reduced_rows, k));
    let ratios: Vec<String> = pca
        .explained_variance_ratio()
        .iter()
        .map(|r| format!("{r:.6}"))
        .collect();
    println!("explained variance ratio: [{}]", ratios.join(", "));
    // The projections' total variance is the explained variance's sum.
    let variance = reduced_sum_of_squares / (reduced_rows - 1) as f64;
    println!("variance of the projections: {variance:.6e}");
    eprintln!(
        "{} in {:.1} s",
        if in_memory { "in memory" } else { "streamed" },
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["--write-gaussian", path, rows, cols, seed] => {
            return write_gaussian(path, rows.parse()?, cols.parse()?, seed.parse()?);
        }
        ["--npy", path, k] => return pca_of_file(path, k.parse()?, false),
        ["--npy", path, k, "--in-memory"] => return pca_of_file(path, k.parse()?, true),
        _ => {}
    }
    let solver = solver_from_args()?;
    let features = DMatrix::<f64>::random_standard_normal(SAMPLES, FEATURES, &mut default_rng(42));
    let start = Instant::now();
    let pca = Pca::fit_with(&features, COMPONENTS, solver)?;
    let reduced = pca.transform(&features)?;
    let elapsed = start.elapsed();

    // NumPy: print(reduced.shape)
    println!("{:?}", reduced.shape());
    let ratios: Vec<String> = pca.explained_variance_ratio()[..5]
        .iter()
        .map(|r| format!("{r:.6}"))
        .collect();
    println!("explained variance ratio, first 5: [{}]", ratios.join(", "));
    let total: f64 = pca.explained_variance_ratio().iter().sum();
    println!("explained variance ratio, sum of {COMPONENTS}: {total:.6}");
    println!("solver: {:?}", pca.solver());
    println!("fit + transform: {:.1} ms", elapsed.as_secs_f64() * 1e3);

    check(&pca, &reduced)?;
    Ok(())
}

/// The result is a PCA: `C Cᵀ = I` to `4 n eps` (the Householder vectors' rounding, Higham,
/// Theorem 19.4), and each projected column's variance equals its explained variance to
/// `1e-10` relative for the exact and Gram solvers (both are `S^2 / (m - 1)` of the same
/// vectors, formed by different products), and is at least the explained variance for the
/// randomized one (which reports `||Qᵀ Xc v||^2 <= ||Xc v||^2`).
fn check(pca: &Pca<f64>, reduced: &DMatrix<f64>) -> Result<(), String> {
    let c = pca.components();
    let identity = c.matmul_transpose(c);
    let tolerance = 4.0 * FEATURES as f64 * f64::EPSILON;
    for i in 0..COMPONENTS {
        for j in 0..COMPONENTS {
            let want = if i == j { 1.0 } else { 0.0 };
            let got = identity[(i, j)];
            if (got - want).abs() > tolerance {
                return Err(format!(
                    "components not orthonormal: (C Cᵀ)[{i}, {j}] = {got:e}"
                ));
            }
        }
    }
    let variances = reduced.gram();
    let exact = !matches!(pca.solver(), PcaSolver::Randomized { .. });
    for (j, &v) in pca.explained_variance().iter().enumerate() {
        let got = variances[(j, j)] / (SAMPLES - 1) as f64;
        let fits = if exact {
            (got - v).abs() <= 1e-10 * v
        } else {
            got >= v * (1.0 - 1e-10)
        };
        if !fits {
            return Err(format!(
                "component {j}: projected variance {got} against explained variance {v}"
            ));
        }
    }
    Ok(())
}
