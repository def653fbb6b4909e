use statrix::nn::{Layer, Linear, Relu};

fn main() {
    // 4 -> 8, then a layer that takes 7 features: 8 and 7 do not chain.
    let _mlp = Linear::<f32, 4, 8>::zeros()
        .then(Relu)
        .then(Linear::<f32, 7, 3>::zeros());
}
