//! Property tests: algebraic identities that must hold exactly (integers, and floats where
//! the operation order is the same on both sides) or within a stated rounding bound, over
//! every shape from 1x1 to 4x4 and some larger ones.

use proptest::prelude::*;
use statrix::Matrix;

/// A matrix of small integers (products of up to 8 terms stay far from i64 overflow).
fn int_matrix<const R: usize, const C: usize>() -> impl Strategy<Value = Matrix<i64, R, C>> {
    prop::collection::vec(-1000i64..1000, R * C).prop_map(|v| Matrix::from_fn(|i, j| v[i * C + j]))
}

/// A matrix of finite floats over a wide but overflow-free range.
fn float_matrix<const R: usize, const C: usize>() -> impl Strategy<Value = Matrix<f64, R, C>> {
    prop::collection::vec(-1e3f64..1e3, R * C).prop_map(|v| Matrix::from_fn(|i, j| v[i * C + j]))
}

macro_rules! shape_properties {
    ($($name:ident: $r:literal x $k:literal x $c:literal;)*) => {$(
        mod $name {
            use super::*;

            proptest! {
                #![proptest_config(ProptestConfig::with_cases(24))]

                #[test]
                fn transpose_reverses_products(
                    a in int_matrix::<$r, $k>(),
                    b in int_matrix::<$k, $c>(),
                ) {
                    prop_assert_eq!((a * b).transpose(), b.transpose() * a.transpose());
                    prop_assert_eq!(a.transpose().transpose(), a);
                }

                #[test]
                fn float_transpose_of_product_is_bit_exact(
                    a in float_matrix::<$r, $k>(),
                    b in float_matrix::<$k, $c>(),
                ) {
                    // Both sides sum the same products in the same order of k.
                    prop_assert_eq!((a * b).transpose(), b.transpose() * a.transpose());
                }

                #[test]
                fn product_distributes_over_sum(
                    a in int_matrix::<$r, $k>(),
                    b in int_matrix::<$k, $c>(),
                    c in int_matrix::<$k, $c>(),
                ) {
                    prop_assert_eq!(a * (b + c), a * b + a * c);
                    prop_assert_eq!(a * (b - c), a * b - a * c);
                    prop_assert_eq!((a * b) * 3, a * (b * 3));
                    prop_assert_eq!(-(a * b), (-a) * b);
                }

                #[test]
                fn product_is_associative_for_integers(
                    a in int_matrix::<$r, $k>(),
                    b in int_matrix::<$k, $c>(),
                    c in int_matrix::<$c, $r>(),
                ) {
                    prop_assert_eq!((a * b) * c, a * (b * c));
                }

                #[test]
                fn identity_is_neutral(a in int_matrix::<$r, $k>()) {
                    prop_assert_eq!(Matrix::<i64, $r, $r>::identity() * a, a);
                    prop_assert_eq!(a * Matrix::<i64, $k, $k>::identity(), a);
                }

                #[test]
                fn stacking_then_slicing_gives_the_parts_back(
                    a in int_matrix::<$r, $k>(),
                    b in int_matrix::<$r, $c>(),
                ) {
                    let h: Matrix<i64, $r, { $k + $c }> = a.hstack(&b);
                    prop_assert_eq!(h.block::<0, 0, $r, $k>(), a);
                    prop_assert_eq!(h.block::<0, $k, $r, $c>(), b);
                    let v: Matrix<i64, { $r + $r }, $k> = a.vstack(&a);
                    prop_assert_eq!(v.block::<$r, 0, $r, $k>(), a);
                    prop_assert_eq!(a.reshape::<1, { $r * $k }>().reshape::<$r, $k>(), a);
                    let column = a.reshape::<{ $r * $k }, 1>();
                    prop_assert_eq!(column.as_slice(), a.as_slice());
                }

                #[test]
                fn norms_are_norms(u in float_matrix::<$r, $k>(), v in float_matrix::<$r, $k>()) {
                    let n = ($r * $k) as f64;
                    let eps = f64::EPSILON;
                    // Each norm() has relative error <= (n/2 + 2) eps (its documented bound);
                    // the sum u + v adds eps/2 per element, i.e. <= eps/2 * (|u| + |v|).
                    let rel = (n / 2.0 + 2.0) * eps;
                    let (nu, nv, nuv) = (u.norm(), v.norm(), (u + v).norm());
                    prop_assert!(nuv <= (nu + nv) * (1.0 + 3.0 * rel + eps));
                    // |u.v| <= |u| |v|: the dot has error <= n eps |u||v| (Higham 3.1).
                    prop_assert!(u.dot(&v).abs() <= nu * nv * (1.0 + 3.0 * rel + n * eps));
                    // Scaling by a power of two is exact, so norm(2^k u) == 2^k norm(u) exactly.
                    prop_assert_eq!((u * 1024.0).norm(), 1024.0 * nu);
                    prop_assert_eq!((u * -0.5).norm_l1(), 0.5 * u.norm_l1());
                    prop_assert_eq!((u * 4.0).norm_linf(), 4.0 * u.norm_linf());
                    // Orderings between the entrywise norms hold up to rounding.
                    prop_assert!(u.norm_linf() <= nu * (1.0 + rel));
                    prop_assert!(nu <= u.norm_l1() * (1.0 + rel + n * eps));
                    if let Ok(unit) = u.normalize() {
                        // norm(u / norm(u)): one division per element (eps/2) plus two norms.
                        prop_assert!((unit.norm() - 1.0).abs() <= 2.0 * rel + eps);
                    }
                }
            }
        }
    )*};
}

shape_properties! {
    s111: 1 x 1 x 1;
    s121: 1 x 2 x 1;
    s212: 2 x 1 x 2;
    s222: 2 x 2 x 2;
    s233: 2 x 3 x 3;
    s323: 3 x 2 x 3;
    s333: 3 x 3 x 3;
    s341: 3 x 4 x 1;
    s414: 4 x 1 x 4;
    s432: 4 x 3 x 2;
    s444: 4 x 4 x 4;
    s666: 6 x 6 x 6;
    s878: 8 x 7 x 8;
}
