//! The seed's PCA: 1000 embeddings of dimension 1536 reduced to 128 principal components.
//!
//! ```text
//! cargo run --release --example pca                      # Auto (scikit-learn's rule)
//! cargo run --release --example pca -- --solver exact    # or gram, randomized, auto
//! ```
//!
//! The data is `np.random.default_rng(42).standard_normal((1000, 1536))`, drawn bit for bit
//! as NumPy draws it. The example prints the reduced shape, the leading explained variance
//! ratios, the solver that ran and the time the fit and the projection took, and exits with
//! an error if the result is not a PCA: orthonormal components, and a projection whose
//! column variances are the explained variances.

use std::time::Instant;

use statrix::random::default_rng;
use statrix::{DMatrix, Pca, PcaSolver};

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
            "unknown arguments {other:?}; use --solver auto|exact|gram|randomized"
        )),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
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
