//! The NumPy "Math Operations for ML" tour, section by section, in statrix.
//!
//! Each block prints the NumPy statement, then what statrix prints for it. Deterministic
//! results match NumPy's `print` character for character; where a line differs (a comment
//! in the tour that NumPy itself contradicts, NumPy's own rounding in the last bit, or a
//! random stream), a `#` line under it says why.
//!
//! Run with `cargo run --release --example tour`.

use statrix::nn::activation::sigmoid;
use statrix::random::{
    LegacyRng, Replacement, choice, choice_weighted, default_rng, permutation, shuffle,
};
use statrix::{
    Complex, DMatrix, Error, Matrix, NumpyScalar, Pca, QuantileMethod, RowVector, Vector, matrix,
    vector,
};

/// Prints the NumPy line being reproduced, then its value.
macro_rules! show {
    ($numpy:literal, $value:expr) => {
        println!(">>> {}", $numpy);
        println!("{}", $value);
    };
}

/// A note under a result.
fn note(text: &str) {
    println!("# {text}");
}

/// One fully-connected layer, `X @ W + b`: the shapes are checked by the compiler, for any
/// batch size.
fn linear_layer<const BATCH: usize, const IN: usize, const OUT: usize>(
    x: &Matrix<f64, BATCH, IN>,
    w: &Matrix<f64, IN, OUT>,
    b: &RowVector<f64, OUT>,
) -> Matrix<f64, BATCH, OUT> {
    (x * w).add_row_broadcast(b)
}

/// NumPy prints an array of strings as `['a' 'b']`.
fn strings<const N: usize>(items: &[&str; N]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("'{s}'")).collect();
    format!("[{}]", quoted.join(" "))
}

/// `np.linalg.eig` returns a real array when every eigenvalue is real.
fn eigenvalues_as_numpy_prints<const N: usize>(values: &Vector<Complex<f64>, N>) -> String {
    if values.iter().all(|z| z.im == 0.0) {
        let real: Vector<f64, N> = Matrix::from_fn(|i, _| values[i].re);
        real.display_flat().to_string()
    } else {
        let parts: Vec<String> = values.iter().map(|z| format!("{z}")).collect();
        format!("[{}]", parts.join(" "))
    }
}

fn matrix_multiplication() -> Result<(), Error> {
    println!("## Matrix Multiplication\n");
    let a = matrix![1, 2; 3, 4];
    let b = matrix![5, 6; 7, 8];
    show!("print(a * b)", a.hadamard(&b));
    show!("print(a @ b)", a * b);
    show!("print(np.matmul(a, b))", a.matmul(&b));

    let v1 = vector![1.0, 2.0, 3.0];
    let v2 = vector![4.0, 5.0, 6.0];
    show!("print(np.dot(v1, v2))", NumpyScalar(v1.dot(&v2)));

    const BATCH: usize = 32;
    const IN: usize = 128;
    const OUT: usize = 64;
    let mut rng = default_rng(0);
    let x = Matrix::<f64, BATCH, IN>::random_standard_normal(&mut rng);
    let w = Matrix::<f64, IN, OUT>::random_standard_normal(&mut rng) * 0.01;
    let bias = RowVector::<f64, OUT>::zeros();
    let output = linear_layer(&x, &w, &bias);
    show!("print(output.shape)", format!("{:?}", output.shape()));
    println!();
    Ok(())
}

fn common_linear_algebra() -> Result<(), Error> {
    println!("## Common Linear Algebra Operations\n");
    let a = matrix![4.0, 7.0; 2.0, 6.0];
    show!("print(A.T)", a.transpose());
    show!("print(np.linalg.det(A))", NumpyScalar(a.det()));
    note("NumPy prints 10.000000000000002: it forms det as exp(sum(log|u_ii|)); 10.0 is exact.");
    let a_inv = a.inverse()?;
    show!("print(A @ A_inv)", a * a_inv);
    note("rounding-level entries depend on the order of operations and can differ from NumPy's.");

    let b_vec = vector![1.0, 2.0];
    let x = a.solve(&b_vec)?;
    show!("print(A @ x - b_vec)", (a * x - b_vec).display_flat());
    note("x is the correctly rounded [-0.8 0.6]; the residual is what rounding x and A @ x");
    note("leaves (6 * 0.6 rounds to 3.5999999999999996). NumPy prints this line where its LAPACK");
    note("also returns [-0.8 0.6] (OpenBLAS in NumPy 2.4's wheels); one that returns");
    note("[-0.7999999999999999 0.6] prints [ 4.44089210e-16 -2.22044605e-16].");

    let eig = a.eigen()?;
    println!(">>> print(\"Eigenvalues:\", eigenvalues)");
    println!(
        "Eigenvalues: {}",
        eigenvalues_as_numpy_prints(&eig.eigenvalues)
    );
    println!(">>> print(\"Eigenvectors shape:\", eigenvectors.shape)");
    println!("Eigenvectors shape: {:?}", eig.eigenvectors.shape());

    let v = vector![3.0, 4.0];
    show!("print(np.linalg.norm(v))", NumpyScalar(v.norm()));
    show!("print(np.linalg.norm(v, ord=1))", NumpyScalar(v.norm_l1()));
    show!(
        "print(np.linalg.norm(v, ord=np.inf))",
        NumpyScalar(v.norm_linf())
    );

    let m = Matrix::<f64, 4, 4>::random_standard_normal(&mut default_rng(1));
    show!("print(np.linalg.norm(M, 'fro'))", NumpyScalar(m.norm_fro()));
    note("M is unseeded in the tour; here default_rng(1).standard_normal((4, 4)), the same M as");
    note("NumPy's, whose norm NumPy prints as 2.434321000595474: it sums the squares directly,");
    note("statrix scales them against overflow, and the two round one ulp apart.");
    println!();
    Ok(())
}

fn statistical_operations() -> Result<(), Error> {
    println!("## Statistical Operations\n");
    let data = matrix![85, 90, 78, 92; 73, 88, 95, 81; 91, 76, 84, 87];
    let data: Matrix<f64, 3, 4> = data.cast();
    show!("print(np.mean(data))", NumpyScalar(data.mean()));
    note("the tour's comment says 85.08; NumPy prints 85.0 (1020 / 12).");
    show!("print(np.median(data))", NumpyScalar(data.median()));
    show!("print(np.std(data))", NumpyScalar(data.std(0)));
    note("the tour's comment says 6.27; NumPy prints 6.544717972023954 (ddof=0).");
    show!("print(np.var(data))", NumpyScalar(data.var(0)));
    note("the tour's comment says 39.32; NumPy prints 42.833333333333336.");
    show!(
        "print(np.mean(data, axis=0))",
        data.mean_axis0().display_flat()
    );
    show!(
        "print(np.std(data, axis=0))",
        data.std_axis0(0).display_flat()
    );
    show!(
        "print(np.mean(data, axis=1))",
        data.mean_axis1().display_flat()
    );

    let mut rng = default_rng(42);
    let scores = Vector::<f64, 1000>::random_standard_normal(&mut rng);
    show!(
        "print(np.percentile(scores, 95))",
        NumpyScalar(scores.percentile(95.0, QuantileMethod::Linear)?)
    );
    let quartiles = scores.quantiles(&[0.25, 0.5, 0.75], QuantileMethod::Linear)?;
    show!(
        "print(np.quantile(scores, [0.25, 0.5, 0.75]))",
        Vector::from_array(quartiles).display_flat()
    );
    note("scores is unseeded in the tour; here default_rng(42).standard_normal(1000), the same");
    note("values as NumPy's, which prints the same percentiles for them.");

    let features = Matrix::<f64, 100, 5>::random_standard_normal(&mut rng);
    let corr_matrix = features.transpose().corrcoef_vars_in_rows();
    show!(
        "print(corr_matrix.shape)",
        format!("{:?}", corr_matrix.shape())
    );
    println!();
    Ok(())
}

fn random_number_generation() -> Result<(), Error> {
    println!("## Random Number Generation\n");
    // statrix's default_rng is NumPy's: PCG64 seeded through NumPy's SeedSequence, and every
    // sampler draws as NumPy's Generator does, so each line is what NumPy prints.
    let mut rng = default_rng(42);
    let uniform = Matrix::<f64, 3, 4>::random_uniform(&mut rng, 0.0, 1.0)?;
    show!("print(rng.uniform(0, 1, size=(3, 4)))", uniform);
    let normal = Vector::<f64, 1000>::random_normal(&mut rng, 0.0, 1.0)?;
    // NumPy's mean is its pairwise sum divided by n, which `sum()` reproduces; statrix's
    // `mean()` is compensated (more accurate) and can differ from it in the last bit.
    show!(
        "print(normal.mean(), normal.std())",
        format!(
            "{} {}",
            NumpyScalar(normal.sum() / 1000.0),
            NumpyScalar(normal.std(0))
        )
    );
    let integers = RowVector::<i64, 20>::random_integers(&mut rng, 0, 10)?;
    show!(
        "print(rng.integers(0, 10, size=20))",
        integers.display_flat()
    );
    let binomial = RowVector::<i64, 100>::random_binomial(&mut rng, 10, 0.3)?;
    show!(
        "print(rng.binomial(n=10, p=0.3, size=100).mean())",
        NumpyScalar(binomial.cast::<f64>().mean())
    );

    let mut arr: [i64; 10] = core::array::from_fn(|i| i as i64);
    shuffle(&mut rng, &mut arr);
    show!(
        "rng.shuffle(arr); print(arr)",
        Vector::from_array(arr).display_flat()
    );
    let permuted = permutation(&mut rng, &Vector::from_array(arr));
    show!("print(rng.permutation(arr))", permuted.display_flat());

    let population = ["warfarin", "aspirin", "metformin", "lisinopril"];
    let sample: [&str; 2] = choice(&mut rng, &population, Replacement::Without)?;
    show!(
        "print(rng.choice(population, size=2, replace=False))",
        strings(&sample)
    );
    let probs = [0.4, 0.3, 0.2, 0.1];
    let weighted: [&str; 5] = choice_weighted(&mut rng, &population, &probs, Replacement::With)?;
    show!(
        "print(rng.choice(population, size=5, p=probs))",
        strings(&weighted)
    );

    // The legacy global generator: np.random.seed(42), then np.random.rand / randn.
    let mut legacy = LegacyRng::seed(42);
    let u: RowVector<f64, 3> = legacy.rand();
    show!(
        "np.random.seed(42); print(np.random.rand(3))",
        u.display_flat()
    );
    let z: RowVector<f64, 3> = LegacyRng::seed(42).randn();
    show!(
        "np.random.seed(42); print(np.random.randn(3))",
        z.display_flat()
    );
    println!();
    Ok(())
}

fn activation_functions() -> Result<(), Error> {
    println!("## Activation Functions (Neural Networks)\n");
    let logits = matrix![2.0, 1.0, 0.1; 0.5, 1.5, 2.0];
    show!("print(relu(logits))", logits.relu());
    note("the tour's comment shows [0.5 1.5 2.0]; NumPy prints [0.5 1.5 2. ].");
    show!("print(softmax(logits))", logits.softmax_axis1());
    show!("print(sigmoid(-1000.0), sigmoid(1000.0))", {
        format!(
            "{} {}",
            NumpyScalar(sigmoid(-1000.0)),
            NumpyScalar(sigmoid(1000.0))
        )
    });
    note("NumPy's 1 / (1 + np.exp(1000)) warns about overflow; statrix's sigmoid does not.");
    show!("print(tanh(logits))", logits.tanh());
    println!();
    Ok(())
}

fn aggregation_functions() -> Result<(), Error> {
    println!("## Useful Aggregation Functions\n");
    let arr = vector![3i64, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    show!("print(np.sum(arr))", arr.sum());
    show!("print(np.cumsum(arr))", arr.cumsum().display_flat());
    show!("print(np.prod(arr))", arr.prod());
    show!("print(np.cumprod(arr))", arr.cumprod().display_flat());
    show!("print(np.sort(arr))", arr.sort().display_flat());
    show!(
        "print(np.argsort(arr, kind='stable'))",
        arr.argsort().display_flat()
    );
    note("NumPy's default (unstable) argsort prints [1 3 6 0 9 2 8 4 7 5]: ties 4 and 8 swap.");
    show!("print(np.argmax(arr))", arr.argmax());
    show!("print(np.argmin(arr))", arr.argmin());

    let unique = arr.unique();
    let pairs: Vec<String> = unique.iter().map(|(v, c)| format!("{v}: {c}")).collect();
    show!(
        "print(dict(zip(unique, counts)))",
        format!("{{{}}}", pairs.join(", "))
    );
    note("NumPy 2 shows the keys and counts as np.int64(1): np.int64(2), ...");

    let flags = vector![true, false, true, true, false];
    show!("print(np.all(flags))", NumpyScalar(flags.all()));
    show!("print(np.any(flags))", NumpyScalar(flags.any()));
    show!("print(np.sum(flags))", flags.count_true());
    println!();
    Ok(())
}

fn matrix_decompositions() -> Result<(), Error> {
    println!("## Matrix Decompositions for ML\n");
    let mut rng = default_rng(7);
    let a = Matrix::<f64, 100, 50>::random_standard_normal(&mut rng);
    let svd = a.svd()?;
    show!(
        "print(U.shape, S.shape, Vt.shape)",
        format!(
            "{:?} ({},) {:?}",
            svd.u.shape(),
            svd.singular_values.shape().0,
            svd.v_t.shape()
        )
    );

    // PCA on the seed's shapes: 1000 embeddings of dimension 1536 to 128 components, on the
    // heap-backed DMatrix (`examples/pca.rs` times it and checks it).
    let features = DMatrix::<f64>::random_standard_normal(1000, 1536, &mut rng);
    let pca = Pca::fit(&features, 128)?;
    let reduced = pca.transform(&features)?;
    show!("print(reduced.shape)", format!("{:?}", reduced.shape()));
    note(&format!(
        "Pca::fit chose {:?} (scikit-learn's rule for this shape); PcaSolver::Exact is NumPy's SVD",
        pca.solver()
    ));
    println!();
    Ok(())
}

fn main() -> Result<(), Error> {
    matrix_multiplication()?;
    common_linear_algebra()?;
    statistical_operations()?;
    random_number_generation()?;
    activation_functions()?;
    aggregation_functions()?;
    matrix_decompositions()?;
    Ok(())
}
