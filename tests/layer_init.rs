//! Seeded initialisation of `Linear` (feature `rand`): the weights have the stated
//! distribution, the bias is zero, and the same seed gives the same layer.
#![cfg(feature = "rand")]

use statrix::Matrix;
use statrix::nn::Linear;
use statrix::random::default_rng;

/// Sample mean and population variance of all weights, accumulated in f64.
fn moments<const IN: usize, const OUT: usize>(w: &Matrix<f64, IN, OUT>) -> (f64, f64) {
    let n = (IN * OUT) as f64;
    let mean = w.iter().sum::<f64>() / n;
    let var = w.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
    (mean, var)
}

// Bounds: 5 standard errors (a false alarm with probability below 1e-6 per check), from
// the sample size n = IN * OUT and the distribution's moments:
// - mean: SE = sigma / sqrt(n);
// - variance of a normal: SE = sigma^2 * sqrt(2 / n) (fourth central moment 3 sigma^4);
// - variance of U(-a, a): SE = sqrt((a^4/5 - a^4/9) / n) (fourth central moment a^4 / 5).

/// Checks the mean (0) and variance (`sigma2`) of normally distributed weights.
fn check_normal<const IN: usize, const OUT: usize>(w: &Matrix<f64, IN, OUT>, sigma2: f64) {
    let n = (IN * OUT) as f64;
    let (mean, var) = moments(w);
    assert!(mean.abs() <= 5.0 * (sigma2 / n).sqrt(), "mean {mean}");
    assert!(
        (var - sigma2).abs() <= 5.0 * sigma2 * (2.0 / n).sqrt(),
        "var {var}"
    );
}

#[test]
fn he_normal_has_variance_two_over_fan_in() {
    let layer = Linear::<f64, 128, 64>::he_normal(&mut default_rng(42));
    check_normal(&layer.weights, 2.0 / 128.0);
    assert_eq!(layer.bias, Matrix::zeros());
}

#[test]
fn xavier_normal_has_variance_two_over_fan_sum() {
    let layer = Linear::<f64, 96, 32>::xavier_normal(&mut default_rng(5));
    check_normal(&layer.weights, 2.0 / 128.0);
}

#[test]
fn uniform_initialisations_stay_in_their_interval() {
    fn check_uniform<const IN: usize, const OUT: usize>(w: &Matrix<f64, IN, OUT>, a: f64) {
        let n = (IN * OUT) as f64;
        assert!(w.iter().all(|x| (-a..a).contains(x)));
        let (mean, var) = moments(w);
        let sigma2 = a * a / 3.0;
        assert!(mean.abs() <= 5.0 * (sigma2 / n).sqrt(), "mean {mean}");
        let se_var = (a.powi(4) * (1.0 / 5.0 - 1.0 / 9.0) / n).sqrt();
        assert!((var - sigma2).abs() <= 5.0 * se_var, "var {var}");
    }
    let he = Linear::<f64, 150, 40>::he_uniform(&mut default_rng(11));
    check_uniform(&he.weights, (6.0f64 / 150.0).sqrt());
    let xavier = Linear::<f64, 60, 90>::xavier_uniform(&mut default_rng(12));
    check_uniform(&xavier.weights, (6.0f64 / 150.0).sqrt());
}

#[test]
fn the_same_seed_gives_the_same_layer() {
    let a = Linear::<f32, 16, 8>::he_normal(&mut default_rng(7));
    let b = Linear::<f32, 16, 8>::he_normal(&mut default_rng(7));
    let c = Linear::<f32, 16, 8>::he_normal(&mut default_rng(8));
    assert_eq!(a, b);
    assert_ne!(a, c);
}
