//! One test for every bug the fuzz targets (`fuzz/`) found, named after what it found. Each
//! input is the fuzzer's, minimised by hand; the README's robustness section lists them. The
//! `.npy` inputs are copies of the fuzz seeds, in `tests/fixtures/npy/fuzz-*.npy` (the
//! published package leaves `fuzz/` out).

use statrix::{Matrix, matrix};

/// The unit roundoff of `f32`.
const U32: f64 = f32::EPSILON as f64 / 2.0;

/// `fuzz/square`: with two right-hand sides of very different sizes, the slow path of a solve
/// (taken because the large column overflowed on the way) scaled both columns by one power
/// of two, which flushed the small column's solution to zero. Each column is now scaled on
/// its own, so the small one equals its solve alone.
#[test]
fn solve_scales_each_right_hand_side_on_its_own() {
    let a = matrix![4.7223665e22f32, 9.444733e22; 5.9501818e23, 3.0223145e24];
    let b = matrix![87.0f32, -f32::MAX; 0.0, 0.0];
    let both = a.solve(&b).expect("both solutions fit");
    let alone = a.solve(&matrix![87.0f32; 0.0]).expect("fits");
    assert!(alone[(0, 0)] != 0.0);
    // Power-of-two scaling is exact here (nothing subnormal), so the bits agree.
    assert_eq!(both[(0, 0)], alone[(0, 0)]);
    assert_eq!(both[(1, 0)], alone[(1, 0)]);
}

/// The f64 solution of the `f32` system `a x = b`, for reference.
fn reference(a: &Matrix<f32, 2, 2>, b: &Matrix<f32, 2, 2>) -> Matrix<f64, 2, 2> {
    a.map(f64::from)
        .solve(&b.map(f64::from))
        .expect("fits in f64")
}

/// `fuzz/square`: back substitution multiplied `u_01 x_1` (about `2e18 * 4e26`) past the
/// largest `f32` although the solution (about `7e25`) fits, and the solve and the inverse
/// reported `Overflow`. The slow path now rescales the partial solution whenever a step would
/// overflow (as LAPACK's `xLATRS`), so only a solution that does not fit is an error.
#[test]
fn substitution_keeps_intermediates_in_range() {
    let a = matrix![0.0f32, 2.5849394e-26; 1.2105676e19, -2.305843e18];
    let b = matrix![2.625f32, 9.5; 0.0, 0.0];
    let x = a.solve(&b).expect("the solution fits");
    let inverse = a.inverse().expect("the inverse fits");
    let identity = Matrix::<f32, 2, 2>::identity();
    // After the row exchange the matrix is triangular with `x` and `A^-1` of one sign pattern
    // per entry: Skeel's condition number cond(A, x) is at most 3 here, so the relative
    // error of each entry is at most gamma_6 * 3 <= 18 u (Higham, Thm 9.4 with Thm 7.4), and
    // one more rounding at the power-of-two rescaling (exact here): 24 u is a safe bound.
    for (m, want) in [(x, reference(&a, &b)), (inverse, reference(&a, &identity))] {
        for (got, want) in m.iter().zip(want.iter()) {
            let error = (f64::from(*got) - want).abs();
            assert!(error <= 24.0 * U32 * want.abs(), "{got} vs {want}");
        }
    }
}

/// `fuzz/square` (its Cholesky check computes eigenvalues with `DMatrix`): a symmetric 7x7
/// matrix with one element 1 and the rest between 1e-89 and 1e-260 made the tridiagonal QL
/// iteration stop converging (`NoConvergence` after 210 sweeps): once the large eigenvalue
/// had deflated, the remaining block lay near the underflow threshold, where the sweeps lose
/// the digits the shift needs. Blocks outside the safe range are now swept scaled by a power
/// of two, as LAPACK's `dsteqr` does.
#[test]
fn tridiagonal_ql_converges_on_blocks_near_underflow() {
    let lower: [&[f64]; 7] = [
        &[1.0],
        &[-3.451618761356239e-256, 2.2121383666973636e-257],
        &[
            4.281253736948698e-172,
            -1.3378917927964682e-173,
            1.6082545351075412e-89,
        ],
        &[
            1.1422698805895124e-254,
            -3.303655077879973e-256,
            4.281253736948698e-172,
            1.1477331550563284e-254,
        ],
        &[
            -1.0272907167066478e-256,
            1.5536186765007945e-256,
            -9.401401787218425e-174,
            2.7970014100645386e-256,
            3.6823120296157187e-255,
        ],
        &[
            8.565558161099472e-207,
            1.1625717987420911e-257,
            -9.401401787218425e-174,
            -2.5101795005566996e-256,
            -3.2714607819148074e-257,
            1.1511899769362245e-257,
        ],
        &[
            -2.092629237735764e-256,
            4.882801554716783e-257,
            -9.401401787218425e-174,
            -1.1365562060429674e-256,
            9.288216983404645e-256,
            6.503898174780929e-260,
            2.4044911552165095e-256,
        ],
    ];
    let entry = |i: usize, j: usize| if j <= i { lower[i][j] } else { lower[j][i] };
    // The trace is the sum of the eigenvalues; backward stability (O(n eps) ||A||, here
    // ||A||_2 <= 1 + 1e-88) bounds each eigenvalue's error by 60 n eps (LAPACK's sep.in
    // threshold times n eps), so the sum is within 7 of those.
    let trace: f64 = (0..7).map(|i| entry(i, i)).sum();
    #[cfg(feature = "alloc")]
    {
        let a = statrix::DMatrix::from_fn(7, 7, entry);
        let values = a.symmetric_eigenvalues().expect("converges");
        let sum: f64 = values.iter().sum();
        assert!((sum - trace).abs() <= 7.0 * 60.0 * 7.0 * f64::EPSILON);
    }
    let static_a = Matrix::<f64, 7, 7>::from_fn(entry);
    let by_ql = static_a
        .symmetric_eigenvalues_by(statrix::SymmetricEigenMethod::TridiagonalQl)
        .expect("converges");
    assert!((by_ql.iter().sum::<f64>() - trace).abs() <= 7.0 * 60.0 * 7.0 * f64::EPSILON);
}

/// `fuzz/square` again, after the fix above: a 7x7 Gram-like matrix scaled to largest element
/// 1, with elements down to 1e-306, tridiagonalised into a block whose elements span more
/// than the exponent range (6.8e-21 next to 1.4e-304): every QL sweep underflowed and changed
/// nothing (`NoConvergence`). An off-diagonal element below `||T|| * safe_min / eps` now counts
/// as negligible (a perturbation far inside the normwise backward error).
#[test]
fn tridiagonal_ql_converges_when_a_block_spans_the_exponent_range() {
    let a: [[f64; 7]; 7] = [
        [
            10377.890625,
            -96.953125,
            -144.703125,
            2.921220316271559e151,
            1771.375,
            687.046875,
            -6.629604138526585e155,
        ],
        [
            -96.953125, 166.53125, 166.53125, 83.265625, 82.125, 83.265625, 83.265625,
        ],
        [
            -144.703125,
            166.53125,
            249.859375,
            7.23074335710782e148,
            3378.875,
            -810.984375,
            -1.6409911233976695e153,
        ],
        [
            2.921220316271559e151,
            83.265625,
            7.23074335710782e148,
            8.365383919417418e298,
            1.35937975113627e151,
            1173.515625,
            -1.8984937063328954e303,
        ],
        [
            1771.375,
            82.125,
            3378.875,
            1.35937975113627e151,
            131890.0,
            -35197.875,
            -3.0850633119876186e155,
        ],
        [
            687.046875,
            83.265625,
            -810.984375,
            1173.515625,
            -35197.875,
            9687.265625,
            38107.265625,
        ],
        [
            -6.629604138526585e155,
            83.265625,
            -1.6409911233976695e153,
            -1.8984937063328954e303,
            -3.0850633119876186e155,
            38107.265625,
            4.3085629873119124e307,
        ],
    ];
    let scale = a[6][6];
    // Backward stable: the trace (the sum of the eigenvalues) within 60 n eps ||A||_2 per
    // eigenvalue (LAPACK's sep.in threshold), ||A||_2 <= ||A||_F <= 1.0000001 here.
    let trace: f64 = (0..7).map(|i| a[i][i] / scale).sum();
    #[cfg(feature = "alloc")]
    {
        let m = statrix::DMatrix::from_fn(7, 7, |i, j| a[i][j] / scale);
        let values = m.symmetric_eigenvalues().expect("converges");
        let sum: f64 = values.iter().sum();
        assert!((sum - trace).abs() <= 7.0 * 60.0 * 7.0 * f64::EPSILON * 1.0000001);
    }
    let by_ql = Matrix::<f64, 7, 7>::from_fn(|i, j| a[i][j] / scale)
        .symmetric_eigenvalues_by(statrix::SymmetricEigenMethod::TridiagonalQl)
        .expect("converges");
    assert!(
        (by_ql.iter().sum::<f64>() - trace).abs() <= 7.0 * 60.0 * 7.0 * f64::EPSILON * 1.0000001
    );
}

/// `fuzz/svd`: `rank` formed NumPy's tolerance as `s_max * max(R, C) * eps`, which overflows
/// to infinity when the largest singular value is near the largest float, so every singular
/// value fell below it and the rank came out 0; and where the largest singular value itself
/// overflows, `rank` and `cond` reported `Overflow` although neither depends on scale. The
/// tolerance is now `s_max * eps * max(R, C)`, and both are computed on the matrix scaled to
/// largest magnitude in `[1, 2)`.
#[test]
fn rank_of_a_matrix_near_the_largest_float() {
    assert_eq!(matrix![f32::MAX, 0.0; 0.0, 1.0].rank(), Ok(1));
    assert_eq!(matrix![f64::MAX; 1.0].rank(), Ok(1));
    let big = matrix![f64::MAX, f64::MAX; f64::MAX, 0.0];
    assert_eq!(big.rank(), Ok(2));
    // cond of [[1, 1], [1, 0]] (scaled by MAX) is the golden ratio squared, 2.618...; the
    // SVD's relative error of a few eps per value bounds the quotient's.
    let cond = big.cond().expect("scale-invariant");
    let golden_squared = (3.0 + 5f64.sqrt()) / 2.0;
    assert!((cond - golden_squared).abs() <= 64.0 * f64::EPSILON * golden_squared);
}

/// `fuzz/svd`: the pivoted QR that preconditions the Jacobi SVD built its Householder
/// reflector for a column of subnormal elements by plain division, whose quotients keep only
/// the few bits of the subnormals: `U` came out 5e-4 from orthonormal. Below LAPACK's
/// `safmin` the reflector is now built by `dlarfg`'s rescaling path.
#[test]
fn reflector_of_a_subnormal_column_keeps_u_orthonormal() {
    let rows = [
        [98.0f32, 192.0],
        [0.0, 0.0],
        [2.7981e-41, 0.0],
        [1.8874e-41, -0.0],
        [0.0, 0.0],
        [0.0, 0.0],
        [0.0, 0.0],
    ];
    let a = Matrix::<f32, 7, 2>::from_fn(|i, j| rows[i][j]);
    for method in [statrix::SvdMethod::Jacobi, statrix::SvdMethod::BidiagonalQr] {
        let svd = a.svd_by(method).expect("finite");
        let utu = svd.u.transpose() * svd.u - Matrix::<f32, 2, 2>::identity();
        // LAPACK's SVD test ratio ||I - U^T U|| / (m eps) with its threshold 35 (svd.in).
        let worst = utu.iter().fold(0.0f32, |m, x| m.max(x.abs()));
        assert!(worst <= 35.0 * 7.0 * f32::EPSILON, "{method:?}: {worst}");
    }
}

/// `fuzz/svd`: the bidiagonal QR iteration built a plane rotation from two subnormal
/// entries by dividing by their norm, itself subnormal with a few bits: `c^2 + s^2` was 1 only
/// to 2e-4, and so was `U`'s orthonormality. Tiny pairs are now scaled into `[1, 2)` first
/// (exact), as LAPACK's `dlartg` does.
#[test]
fn rotation_of_subnormal_entries_keeps_u_orthonormal() {
    let rows = [
        [-0.16777726f32, 118.0, -0.0625],
        [3.992333e-39, 2.3461988e-38, 0.0],
        [6.8159e-41, 0.0, 0.0],
        [0.0, 0.0, 0.0],
    ];
    let a = Matrix::<f32, 4, 3>::from_fn(|i, j| rows[i][j]);
    for method in [statrix::SvdMethod::Jacobi, statrix::SvdMethod::BidiagonalQr] {
        let svd = a.svd_by(method).expect("finite");
        let utu = svd.u.transpose() * svd.u - Matrix::<f32, 3, 3>::identity();
        // LAPACK's SVD test ratio ||I - U^T U|| / (m eps) with its threshold 35 (svd.in).
        let worst = utu.iter().fold(0.0f32, |m, x| m.max(x.abs()));
        assert!(worst <= 35.0 * 4.0 * f32::EPSILON, "{method:?}: {worst}");
    }
}

/// `fuzz/eigen`: `balance` scales rows and columns over several passes, and an element
/// (-8.8e-246 beside ±f64::MAX) underflowed to zero on the way although its balanced value
/// `A[p_i][p_j] * scale[j] / scale[i]` (-4.4e-246) is a normal number. The balanced matrix is
/// now formed again from `A` with the final factors, one exact scaling per element.
#[test]
fn balance_forms_each_element_from_the_final_factors() {
    let a = matrix![
        17.5, 70.0, 8.125;
        -f64::MAX, -0.0, -f64::MAX;
        -8.807033226937454e-246, 0.0, 0.0
    ];
    let b = a.balance().expect("finite");
    for i in 0..3 {
        for j in 0..3 {
            let (pi, pj) = (b.permutation[i], b.permutation[j]);
            // The factors are powers of two: the quotient and the product are exact here.
            let want = a[(pi, pj)] * (b.scale[j] / b.scale[i]);
            assert_eq!(b.balanced[(i, j)], want, "B[{i}][{j}]");
        }
    }
}

/// `fuzz/samplers`: the binomial sampler's BTPE step formed `(n + 1) as f64` in `i64`, which
/// overflows for `n = i64::MAX` (a panic with overflow checks, wrapped draws without). It is
/// now formed in `i128`, the same `f64` for every smaller `n`.
#[cfg(feature = "rand")]
#[test]
fn binomial_with_n_at_i64_max() {
    let mut rng = statrix::random::default_rng(0);
    let draws = Matrix::<i64, 1, 8>::random_binomial(&mut rng, i64::MAX, f64::EPSILON / 2.0)
        .expect("n = i64::MAX is in the domain");
    // The mean is n p = 2^63 2^-53 = 1024 with a standard deviation of 32: every draw within
    // 10 standard deviations of it.
    assert!(
        draws.iter().all(|&k| (704..=1344).contains(&k)),
        "{draws:?}"
    );
}

/// `fuzz/npy`: the reader reserved memory for as many elements as the header promised before
/// reading any: a 144-byte file claiming 10^12 `float64`s asked for 8 TB (`Io {
/// OutOfMemory }`, or an abort under a sanitizer). Memory is now reserved block by block as
/// the data arrives, and the file is what it is: too short.
#[cfg(feature = "std")]
#[test]
fn npy_header_promising_more_than_the_file_is_a_short_file() {
    let file = include_bytes!("fixtures/npy/fuzz-claim-1e12-elements.npy");
    assert!(matches!(
        statrix::DMatrix::<f64>::read_npy(&file[..]),
        Err(statrix::Error::InvalidNpy { .. })
    ));
}

/// `fuzz/npy`: an empty `float64` array read as `f32` came back `Ok` (the width was checked
/// only when an element was decoded), where the documentation and `NpyRows` refuse a
/// `float64` file read as `f32`. The width is now checked before the data.
#[cfg(feature = "std")]
#[test]
fn empty_float64_file_read_as_f32_is_refused() {
    let file = include_bytes!("fixtures/npy/fuzz-empty-f64-read-as-f32.npy");
    assert!(matches!(
        statrix::DMatrix::<f32>::read_npy(&file[..]),
        Err(statrix::Error::InvalidNpy { .. })
    ));
    assert!(statrix::DMatrix::<f64>::read_npy(&file[..]).is_ok());
}

/// `fuzz/npy` (read off the code): a Fortran-order file of shape `(2^64 - 1, 0)` is
/// transposed through `DMatrix::from_fn`, which looped over its 2^64 - 1 empty rows (a hang
/// in a debug build; optimised builds drop the loop). `from_fn` now returns at once when
/// there is no element.
#[cfg(feature = "std")]
#[test]
fn empty_matrix_with_a_huge_row_count_is_made_at_once() {
    let file = include_bytes!("fixtures/npy/fuzz-fortran-huge-by-zero.npy");
    let m = statrix::DMatrix::<f64>::read_npy(&file[..]).expect("an empty array");
    assert_eq!(m.shape(), (usize::MAX, 0));
    assert_eq!(
        statrix::DMatrix::<f64>::from_fn(usize::MAX, 0, |_, _| 1.0).shape(),
        (usize::MAX, 0)
    );
}

/// `fuzz/eigen`: a 4x4 symmetric matrix tridiagonalised into a block with elements from 1.1
/// down to 4e-181: every sweep's products of two small elements underflowed, so the block
/// never changed (`NoConvergence` from `TridiagonalQl`). An off-diagonal element below
/// `||T|| sqrt(safe_min)` now counts as negligible (LAPACK's `dsteqr` deflates likewise).
#[test]
fn tridiagonal_ql_converges_when_products_underflow() {
    let a = Matrix::<f64, 4, 4>::new([
        [
            1.2919785231382013e-161,
            1.2919785231382013e-161,
            9.724569528997214e-163,
            0.0,
        ],
        [1.0, 9.985049069952497e-164, 1.4109308468411136e-163, 1.0],
        [-603804673.9296875, -0.0, 2.2250738585072014e-308, -0.0],
        [
            -0.0,
            2.2250738585072014e-308,
            -2.5179688959010643e-163,
            -1.9101833003387385e-163,
        ],
    ]);
    let by_ql = a
        .symmetric_eigenvalues_by(statrix::SymmetricEigenMethod::TridiagonalQl)
        .expect("converges");
    let by_jacobi = a.symmetric_eigenvalues().expect("converges");
    // Both within 60 n eps ||A||_F of the exact ones (LAPACK's sep.in threshold), so of
    // each other within twice that; ||A||_F of the lower triangle is 603804673.9...*sqrt(2).
    let bound = 2.0 * 60.0 * 4.0 * f64::EPSILON * 603804673.93 * 2f64.sqrt();
    for (x, y) in by_ql.iter().zip(by_jacobi.iter()) {
        assert!((x - y).abs() <= bound, "{x} vs {y}");
    }
}

/// `fuzz/stats`: the interpolating quantile methods formed NumPy's `_lerp` with `b - a`,
/// which overflows between finite neighbours of opposite signs near the largest float:
/// `quantile(0, Linear)` of `[-MAX, MAX, MAX]` was NaN and the midpoint of `[-MAX, MAX]` was
/// `-inf` (NumPy gives the same NaN and infinities). There the interpolation now runs on the
/// halved neighbours, exactly, and doubles the result.
#[test]
fn interpolating_quantiles_between_neighbours_near_the_largest_float() {
    use statrix::QuantileMethod;
    let a = matrix![-f64::MAX; f64::MAX; f64::MAX];
    assert_eq!(a.quantile(0.0, QuantileMethod::Linear), Ok(-f64::MAX));
    let b = matrix![-f64::MAX; f64::MAX];
    assert_eq!(b.quantile(0.5, QuantileMethod::Linear), Ok(0.0));
    assert_eq!(b.quantile(0.5, QuantileMethod::Midpoint), Ok(0.0));
    let c = matrix![-3e38f32; 3e38];
    // -3e38 + 6e38 * 0.25 = -1.5e38, exact in the halved form: -1.5e38 + 3e38 * 0.25, doubled.
    let q = c.quantile(0.25, QuantileMethod::Linear).expect("in range");
    assert!(
        q.is_finite() && (q - -1.5e38).abs() <= 1.5e38 * f32::EPSILON,
        "{q}"
    );
}

/// `fuzz/stats`: the mean of `[-MAX, -MAX, +inf]` was NaN (the finite elements' running sum
/// overflowed to `-inf` before `+inf` was added), where the documented mean of data with
/// `+inf` (and no `-inf` or NaN) is `+inf`.
#[test]
fn mean_of_one_infinity_beside_an_overflowing_finite_sum() {
    assert_eq!(
        matrix![-f64::MAX, -f64::MAX, f64::INFINITY].mean(),
        f64::INFINITY
    );
    assert_eq!(
        matrix![f32::MAX, f32::MAX, f32::NEG_INFINITY].mean(),
        f32::NEG_INFINITY
    );
    assert!(
        matrix![f64::INFINITY, f64::NEG_INFINITY, 1.0]
            .mean()
            .is_nan()
    );
}

/// `fuzz/qr`: the least-squares solution of a system scaled by `2^s` (`A`, subnormal) and
/// `2^-t` (`b`, near the largest float) is scaled back by `2^(s + t)`, past twice the exponent
/// range, whose two half factors overflowed to infinity: a zero solution became `0 * inf`,
/// NaN, and `lstsq_wide` reported `Overflow`. Results are now scaled back with `k` clamped
/// where the result no longer depends on it, at most twice the range per step.
#[test]
fn solution_scaled_back_past_twice_the_exponent_range() {
    let a = matrix![5.74e-42f32, 0.0; 0.0, 0.0];
    let b = matrix![0.0f32, 0.0; 0.0, -1.7014118e38];
    for fit in [
        a.lstsq_wide(&b).expect("x = 0 fits"),
        a.lstsq(&b).expect("fits"),
    ] {
        assert_eq!(fit.solution, Matrix::zeros());
        assert_eq!(fit.rank, 1);
        assert_eq!(fit.singular_values[0], 5.74e-42);
    }
    // A solution that fits although its scaling back does not fit two factors: `A` is scaled
    // by 2^149, `b` by 2^-120, and `x = 2^269 x'` with `x' = 2^-149` is 2^120.
    let a = matrix![f32::from_bits(1), 0.0; 0.0, 0.0];
    let b = matrix![2f32.powi(-29); 2f32.powi(120)];
    let fit = a.lstsq(&b).expect("x fits");
    assert_eq!(fit.solution, matrix![2f32.powi(120); 0.0]);
}

/// `fuzz/dmatrix`: the moments of rows whose squared deviations overflow (`-f32::MAX` beside
/// ordinary values) came out `Ok` with an infinite co-moment from `Moments::of`, while the
/// same rows fed in chunks reported `Overflow`. A chunk whose co-moment overflows is now
/// `Overflow` either way, and the summary is left unchanged.
#[cfg(feature = "alloc")]
#[test]
fn moments_of_rows_whose_comoment_overflows() {
    use statrix::{DMatrix, Error, Moments};
    let rows = DMatrix::from_vec(2, 2, vec![632.0f32, -9.875, -6.75, -f32::MAX]).expect("2x2");
    assert_eq!(Moments::of(&rows), Err(Error::Overflow));
    let mut m =
        Moments::of(&DMatrix::from_vec(1, 2, vec![1.0f32, 2.0]).expect("1x2")).expect("fits");
    assert_eq!(m.update(&rows), Err(Error::Overflow));
    assert_eq!((m.count(), m.mean()), (1, &[1.0f32, 2.0][..]));
}

/// `fuzz/dmatrix`: the data's total variance overflows `f64` (one value of 3e184 among small
/// ones). `Pca::fit_with` returned `Ok` with an infinite explained variance and a NaN ratio
/// (inf / inf); it now reports `Overflow`, as `Moments` does for the same rows.
#[cfg(feature = "alloc")]
#[test]
fn pca_of_data_whose_variance_overflows() {
    use statrix::{DMatrix, Error, Moments, Pca, PcaSolver};
    let mut x = DMatrix::from_fn(8, 8, |i, j| ((i * 7 + j * 3) % 11) as f64 - 5.0);
    x[(7, 2)] = 3.0735185098172366e184;
    for solver in [PcaSolver::Exact, PcaSolver::Gram] {
        assert_eq!(Pca::fit_with(&x, 3, solver), Err(Error::Overflow));
    }
    assert_eq!(Moments::of(&x), Err(Error::Overflow));
}

/// `fuzz/dmatrix`: data near `2^510`, whose total variance fits in `f64` but whose squared
/// norm and Gram matrix do not. The Gram solver failed with `NonFinite` (finite data) and the
/// variance ratios came out as 0 (a finite variance over an infinite total). Centred data
/// beyond LAPACK's safe range is now scaled by a power of two before any solver runs, and
/// variances and ratios are formed as squares of quotients; each result is then the scaled
/// one of the same data near 1.
#[cfg(feature = "alloc")]
#[test]
fn pca_of_data_whose_squares_overflow() {
    use statrix::{DMatrix, Pca, PcaSolver};
    let small = DMatrix::from_fn(6, 3, |i, j| ((i * 5 + j * 2) % 7) as f64 - 3.0);
    let big_factor = f64::from_bits((1023 + 510) << 52);
    let big = small.map(|x| x * big_factor);
    for solver in [PcaSolver::Exact, PcaSolver::Gram] {
        let want = Pca::fit_with(&small, 2, solver).expect("data near 1");
        let got = Pca::fit_with(&big, 2, solver).expect("the variances fit");
        // Scaling by a power of two is exact: the two fits differ by the rounding of the
        // quotients and squares alone (a few units of eps; 8 eps with margin).
        let close = |x: f64, y: f64| (x - y).abs() <= 8.0 * f64::EPSILON * y.abs();
        for (r, s) in got
            .explained_variance_ratio()
            .iter()
            .zip(want.explained_variance_ratio())
        {
            assert!(close(*r, *s), "ratio {r} vs {s}");
        }
        let square = big_factor * big_factor;
        for (v, w) in got
            .explained_variance()
            .iter()
            .zip(want.explained_variance())
        {
            assert!(close(*v / square, *w), "variance {v:e} vs {w} 2^1020");
        }
    }
}

/// `fuzz/dmatrix`: finite data whose deviations from the mean pass the largest float
/// (values of both signs near it). `Pca::fit_with` reported `NonFinite`, which only NaN or
/// infinite input may give; it now reports `Overflow`.
#[cfg(feature = "alloc")]
#[test]
fn pca_of_data_whose_centred_values_overflow() {
    use statrix::{DMatrix, Error, Pca, PcaSolver};
    let x = DMatrix::from_vec(3, 2, vec![f64::MAX, 1.0, -f64::MAX, 2.0, -f64::MAX, 0.0])
        .expect("3 x 2");
    assert_eq!(Pca::fit_with(&x, 1, PcaSolver::Exact), Err(Error::Overflow));
}

/// `fuzz/dmatrix`: three eigenvalues of a Gram matrix apart by just more than inverse
/// iteration's cluster threshold (`1e-3 ||T||_1`, LAPACK `dstein`'s) gave vectors that were
/// not re-orthogonalised, orthogonal to only 400 eps (`eps ||T|| / gap`), past LAPACK's test
/// threshold of `60 n eps`. Each vector now gets one more Gram-Schmidt pass against every
/// earlier one. The data is the fuzzer's (small integers times `2^-539`).
#[cfg(feature = "alloc")]
#[test]
fn top_eigenvectors_orthonormal_for_eigenvalues_just_past_the_cluster_gap() {
    use statrix::{DMatrix, Pca, PcaSolver};
    let ints = [
        448.0, 16.0, 11.0, 4.0, -32.0, -32.0, -32.0, -32.0, -32.0, -32.0, -32.0, -32.0, -32.0,
        -32.0, -2.0, 448.0, 16.0, 11.0,
    ];
    let factor = f64::from_bits((1023 - 539) << 52);
    let x = DMatrix::from_vec(6, 3, ints.iter().map(|v| v * factor).collect()).expect("6 x 3");
    let pca = Pca::fit_with(&x, 3, PcaSolver::Gram).expect("finite data");
    let c = pca.components();
    let cct = c.matmul_transpose(c);
    let worst = (0..3)
        .flat_map(|i| (0..3).map(move |j| (i, j)))
        .map(|(i, j)| (cct[(i, j)] - if i == j { 1.0 } else { 0.0 }).abs())
        .fold(0.0, f64::max);
    // LAPACK's xDRVST orthogonality ratio ||I - V^T V|| / (n eps) with its threshold 60
    // (`TESTING/sep.in`), n = 6 rows of data.
    assert!(
        worst <= 60.0 * 6.0 * f64::EPSILON,
        "||I - C C^T|| = {worst:e}"
    );
    let eig = x.gram().symmetric_eigen_largest(3).expect("finite");
    let v = &eig.eigenvectors;
    let vtv = v.transpose_matmul(v);
    for i in 0..3 {
        for j in 0..3 {
            let want = if i == j { 1.0 } else { 0.0 };
            assert!((vtv[(i, j)] - want).abs() <= 60.0 * 3.0 * f64::EPSILON);
        }
    }
}

/// `fuzz/dmatrix`: `symmetric_eigen_largest(6)` of an `f32` Gram matrix with one large
/// eigenvalue and seven at or near zero gave `NoConvergence`. Inverse iteration shifts equal
/// eigenvalues apart, but it compared each only with the previous shift, so the third zero
/// reused the first one's shift, its solves returned the earlier vectors, and the
/// re-orthogonalised remainder never converged. Shifts now move monotonically, as `dstein`'s.
#[cfg(feature = "alloc")]
#[test]
fn top_eigenvectors_of_a_many_times_repeated_eigenvalue() {
    use statrix::DMatrix;
    let mut g = DMatrix::<f32>::zeros(8, 8);
    let column = [
        2.289018e-35,
        -2.770493e-36,
        -1.2602767e-35,
        -7.084075e-24,
        -8.8749815e-37,
        13.999998,
        -9.60489e-36,
        2.3879799e-35,
    ];
    for (i, &x) in column.iter().enumerate() {
        g[(i, 5)] = x;
        g[(5, i)] = x;
    }
    let all = g.symmetric_eigenvalues().expect("finite");
    for k in 1..=8 {
        let top = g
            .symmetric_eigen_largest(k)
            .expect("inverse iteration converges");
        assert_eq!(top.eigenvalues, all[8 - k..]);
        let v = &top.eigenvectors;
        // LAPACK's xDRVST ratios with its threshold 60 (`TESTING/sep.in`): ||G V - V W|| /
        // (n ||G|| eps) and ||I - V^T V|| / (n eps), n = 8, ||G|| = 14.
        let (eps, n) = (f64::from(f32::EPSILON), 8.0);
        let gv = g.matmul(v);
        for i in 0..8 {
            for j in 0..k {
                let r = f64::from(gv[(i, j)] - v[(i, j)] * top.eigenvalues[j]).abs();
                assert!(
                    r <= 60.0 * n * 14.0 * eps,
                    "residual {r:e} at ({i}, {j}), k = {k}"
                );
            }
        }
        let vtv = v.transpose_matmul(v);
        for i in 0..k {
            for j in 0..k {
                let want = if i == j { 1.0 } else { 0.0 };
                assert!(f64::from(vtv[(i, j)] - want).abs() <= 60.0 * n * eps);
            }
        }
    }
}

/// `fuzz/dmatrix`: the two smallest eigenvalues of a symmetric matrix with one entry of
/// `3.6e56` among small ones form a cluster (relative to its norm they are both zero), and
/// their vectors from `symmetric_eigen_largest` failed to converge (the shifts of the test
/// above), then, with monotone shifts, were orthogonal to only 1,400 eps: one Gram-Schmidt
/// pass after a solve that amplified the cluster's earlier vector leaves eps times that
/// growth. A second pass ("twice is enough") now follows each accepted vector.
#[cfg(feature = "alloc")]
#[test]
fn top_eigenvectors_of_a_cluster_orthonormal_after_a_second_pass() {
    use statrix::DMatrix;
    let a = DMatrix::from_vec(
        4,
        4,
        vec![
            0.5,
            -1.0,
            27.75,
            0.0,
            -1.881995243137569e-73,
            3.434287584291977e-15,
            -48.5,
            8.0,
            4.875,
            -3.6348878610054407e56,
            -12.625,
            15.75,
            480.0,
            -36.0,
            192.0,
            0.0,
        ],
    )
    .expect("4 x 4");
    for k in 1..=4 {
        let v = a.symmetric_eigen_largest(k).expect("finite").eigenvectors;
        let vtv = v.transpose_matmul(&v);
        for i in 0..k {
            for j in 0..k {
                let want = if i == j { 1.0f64 } else { 0.0 };
                // LAPACK's xDRVST ratio ||I - V^T V|| / (n eps) with its threshold 60.
                let off = (vtv[(i, j)] - want).abs();
                assert!(off <= 60.0 * 4.0 * f64::EPSILON, "k = {k}: {off:e}");
            }
        }
    }
}

/// `fuzz/dmatrix`: `svd_largest(4)` of a 5 x 7 matrix with two singular values near
/// `6e-164` and three near `1.5e-173` gave `U` and `V` orthonormal to only `3.5e-8`: the
/// Golub-Kahan form keeps the pair of `sigma` apart from that of `-sigma` (never computed)
/// by `2 sigma` alone, so halves of vectors for values `1e-9` of the largest are orthogonal
/// to about `eps sigma_max / sigma`. Such a result now falls back to the full SVD.
#[cfg(feature = "alloc")]
#[test]
fn largest_singular_vectors_of_values_far_below_the_largest() {
    use statrix::DMatrix;
    let a = DMatrix::from_vec(
        5,
        7,
        vec![
            7.2650793808516e-175,
            1.717559527538286e-175,
            1.727611312973987e-178,
            1.1055555579556783e-175,
            3.698324601252882e-253,
            -0.0,
            1.3772063521962164e-173,
            1.6583333369335174e-175,
            6.475396839454687e-175,
            3.948412706984565e-176,
            8.579727829610362e-272,
            -6.0887479467993725e-164,
            -1.2761269868974115e-173,
            6.870238110153144e-175,
            1.879444448524653e-174,
            1.3424603203747522e-175,
            -2.2490158778984084e-173,
            1.1055555579556783e-175,
            -1.9268254010084679e-174,
            4.422222231822713e-174,
            -4.422222231822713e-175,
            -0.0,
            -9.871031767461413e-177,
            5.938412711304786e-174,
            -4.990793661628491e-174,
            3.198214292657498e-175,
            1.3772063521962164e-173,
            1.6583333369335174e-175,
            -2.0468571473007987e-173,
            -1.9742063534922827e-177,
            8.579727829610362e-272,
            -6.0887479467993725e-164,
            -1.2761269868974115e-173,
            6.870238110153144e-175,
            1.879444448524653e-174,
        ],
    )
    .expect("5 x 7");
    // LAPACK's xDRVBD ratio ||I - U^T U|| / (m eps) with its threshold 35 (`TESTING/svd.in`).
    let orthonormality = |q: &DMatrix<f64>| {
        let g = q.transpose_matmul(q);
        let k = g.rows();
        (0..k)
            .flat_map(|i| (0..k).map(move |j| (i, j)))
            .map(|(i, j)| (g[(i, j)] - if i == j { 1.0 } else { 0.0 }).abs())
            .fold(0.0, f64::max)
    };
    for k in 1..=5 {
        for m in [a.clone(), a.transpose()] {
            let top = m.svd_largest(k).expect("finite");
            assert!(
                orthonormality(&top.u) <= 35.0 * 7.0 * f64::EPSILON,
                "U, k = {k}"
            );
            assert!(
                orthonormality(&top.v_t.transpose()) <= 35.0 * 7.0 * f64::EPSILON,
                "V, k = {k}"
            );
        }
    }
}

/// `fuzz/dmatrix`: the Gram PCA of 44 x 32 `f32` data of magnitude 0.1 with one value of
/// `-3.3e7` (the fuzzer's matrix, in `fixtures/npy/fuzz-gram-cluster-44x32.npy`): beside the
/// one eigenvalue of 1e15, the other thirty-one of `XᵀX` are equal to working precision,
/// and inverse iteration for eleven of them stalled (`NoConvergence`). The full
/// eigendecomposition now decides where inverse iteration stalls.
#[cfg(feature = "std")]
#[test]
fn top_eigenvectors_of_a_large_numerically_equal_cluster() {
    use statrix::{DMatrix, Pca, PcaSolver};
    let file = include_bytes!("fixtures/npy/fuzz-gram-cluster-44x32.npy");
    let x = DMatrix::<f32>::read_npy(&file[..]).expect("the fixture");
    for k in [1, 11, 20, 32] {
        let pca = Pca::fit_with(&x, k, PcaSolver::Gram).expect("finite data");
        let c = pca.components();
        let cct = c.matmul_transpose(c);
        for i in 0..k {
            for j in 0..k {
                let want = if i == j { 1.0 } else { 0.0 };
                // LAPACK's xDRVST ratio ||I - V^T V|| / (n eps) with its threshold 60.
                let off = f64::from(cct[(i, j)] - want).abs();
                assert!(
                    off <= 60.0 * 32.0 * f64::from(f32::EPSILON),
                    "k = {k}: {off:e}"
                );
            }
        }
    }
}

/// `fuzz/eigen`: `eigen` of a 5x5 `f32` matrix with one element at the largest float beside
/// elements between `1e-7` and 232. The matrix was scaled into `[1, 2)` first, which put its
/// small elements at the edge of the subnormals, and the eigenvector of 232 came out as `e_1`
/// with residual `||A||` (3.4e38). A large matrix is now scaled to the top of LAPACK's safe
/// range (`2^39..2^40` in `f32`), as `dgeev` does.
#[test]
fn eigenvectors_of_a_matrix_with_one_element_at_the_largest_float() {
    let a: Matrix<f32, 5, 5> = Matrix::new([
        [232.0, 0.0, 0.0, -0.5, -0.625],
        [-f32::MAX, -0.0, -15.625, 1.1920929e-7, 9.5],
        [-220.0, 32.5, -1.0, -0.0, 32.5],
        [-1.0, -0.0, -0.0, 0.0, 0.0],
        [0.0, 0.0, 0.0, 0.0, 0.0],
    ]);
    let eig = a.eigen().expect("finite");
    let fro = a.iter().map(|&x| f64::from(x).powi(2)).sum::<f64>().sqrt();
    for j in 0..5 {
        let l = eig.eigenvalues[j];
        let (lr, li) = (f64::from(l.re), f64::from(l.im));
        let v: Vec<(f64, f64)> = (0..5)
            .map(|i| {
                let z = eig.eigenvectors[(i, j)];
                (f64::from(z.re), f64::from(z.im))
            })
            .collect();
        let residual = (0..5)
            .map(|i| {
                let (mut re, mut im) = (0.0, 0.0);
                for (k, &(vr, vi)) in v.iter().enumerate() {
                    re += f64::from(a[(i, k)]) * vr;
                    im += f64::from(a[(i, k)]) * vi;
                }
                let (vr, vi) = v[i];
                (re - (lr * vr - li * vi)).powi(2) + (im - (lr * vi + li * vr)).powi(2)
            })
            .sum::<f64>()
            .sqrt();
        // LAPACK's normwise bound `C_EIG n eps ||A||_F ||v||` (threshold 20 from
        // `TESTING/nep.in`; `v` has unit norm) without the balancing's condition number,
        // which the residual meets by many orders of magnitude here.
        assert!(
            residual <= 20.0 * 5.0 * f64::from(f32::EPSILON) * fro,
            "pair {j}: {residual:e}"
        );
    }
}

/// `fuzz/dmatrix` (in CI's 20-second run): the PCA of `f32` data wholly in the subnormals
/// (multiples of `1.4e-45`) had variance ratios summing to 1.037: the singular values and the
/// norm were scaled back into the subnormals, where they keep a few bits, before the ratios
/// were formed. The ratios are now formed at the scale the solver worked at. Here the data
/// is `2^-148` times rows of halves in `[-1.5, 1.5]` and their negatives (so its mean is
/// exactly 0 and the scaling exact): the ratios are those of the unscaled data, bit for bit.
#[cfg(feature = "alloc")]
#[test]
fn pca_of_subnormal_data_has_the_ratios_of_the_data_scaled_up() {
    use statrix::{DMatrix, Pca, PcaSolver};
    let half = |i: usize, j: usize| ((i * 5 + j * 3) % 7) as f32 * 0.5 - 1.5;
    let ints = DMatrix::from_fn(
        8,
        3,
        |i, j| if i < 4 { half(i, j) } else { -half(i - 4, j) },
    );
    let tiny = ints.map(|x| x * f32::from_bits(2));
    for solver in [PcaSolver::Exact, PcaSolver::Gram] {
        let want = Pca::fit_with(&ints, 3, solver).expect("normal data");
        let got = Pca::fit_with(&tiny, 3, solver).expect("subnormal data");
        assert_eq!(
            got.explained_variance_ratio(),
            want.explained_variance_ratio()
        );
        let sum: f32 = got.explained_variance_ratio().iter().sum();
        // Three ratios, each within a few f32 roundings of the exact one.
        assert!(sum <= 1.0 + 8.0 * f32::EPSILON, "ratios sum to {sum}");
    }
}
