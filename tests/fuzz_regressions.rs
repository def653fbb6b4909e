//! One test for every bug the fuzz targets (`fuzz/`) found, named after what it found. Each
//! input is the fuzzer's, minimised by hand; the README's robustness section lists them.

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
    let a = statrix::DMatrix::from_fn(7, 7, entry);
    let values = a.symmetric_eigenvalues().expect("converges");
    // The trace is the sum of the eigenvalues; backward stability (O(n eps) ||A||, here
    // ||A||_2 <= 1 + 1e-88) bounds each eigenvalue's error by 60 n eps (LAPACK's sep.in
    // threshold times n eps), so the sum is within 7 of those.
    let trace: f64 = (0..7).map(|i| entry(i, i)).sum();
    let sum: f64 = values.iter().sum();
    assert!((sum - trace).abs() <= 7.0 * 60.0 * 7.0 * f64::EPSILON);
    let static_a = Matrix::<f64, 7, 7>::from_fn(entry);
    let by_ql = static_a
        .symmetric_eigenvalues_by(statrix::SymmetricEigenMethod::TridiagonalQl)
        .expect("converges");
    assert!((by_ql.iter().sum::<f64>() - trace).abs() <= 7.0 * 60.0 * 7.0 * f64::EPSILON);
}
