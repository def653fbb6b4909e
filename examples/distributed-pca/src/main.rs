//! The partial moments of a `.npy` file computed by timely-dataflow workers, possibly in
//! several processes on several machines, exchanged as serialised `statrix::Moments`, merged
//! on worker 0, and the PCA fitted from them checked against the single-process result.
//!
//! ```text
//! distributed-pca --write PATH ROWS COLS        # writes a test file (seeded normal data)
//! distributed-pca PATH K [timely arguments]     # e.g. -n 2 -p 0 (process 0 of 2) and -n 2 -p 1
//! ```
//!
//! Each worker reads the file's rows in chunks of 1024 and keeps the chunks whose index it
//! owns (`chunk % workers == worker`), so every row is summarised by exactly one worker. The
//! summaries travel as JSON (`Moments` is `serde`), are merged in worker order on worker 0,
//! and the merged covariance is compared with the one-pass covariance of the whole file,
//! element by element, within the bound of `tests/moments.rs` (the merge order changes only
//! the rounding): `8 gamma_m (sqrt(C_ii C_jj) + |mean_i| sqrt(C_jj) + |mean_j| sqrt(C_ii))`,
//! the sums of `|x - mean|` bounded by Cauchy-Schwarz. The exit status is 0 only if every
//! element is within it.

use std::cell::RefCell;
use std::error::Error;
use std::rc::Rc;

use statrix::random::default_rng;
use statrix::{DMatrix, Moments, NpyRows, NpyWriter, Pca};
use timely::dataflow::operators::{Exchange, Inspect, Probe, ToStream};

const CHUNK_ROWS: usize = 1024;

/// Writes `rows x cols` values `z * 0.8^j + j` (`z` standard normal from `default_rng(1)`).
fn write(path: &str, rows: usize, cols: usize) -> Result<(), Box<dyn Error>> {
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut out = NpyWriter::<_, f64>::new(file, rows, cols)?;
    let mut rng = default_rng(1);
    for start in (0..rows).step_by(CHUNK_ROWS) {
        let z =
            DMatrix::<f64>::random_standard_normal(CHUNK_ROWS.min(rows - start), cols, &mut rng);
        out.write_rows(&DMatrix::from_fn(z.rows(), cols, |i, j| {
            z[(i, j)] * 0.8f64.powi(j as i32) + j as f64
        }))?;
    }
    out.finish()?;
    Ok(())
}

/// The moments of the chunks of `path` that `keep` selects (by chunk index).
fn moments(path: &str, keep: impl Fn(usize) -> bool) -> Result<Moments<f64>, statrix::Error> {
    let file = std::fs::File::open(path).map_err(|e| statrix::Error::Io { kind: e.kind() })?;
    let rows = NpyRows::<_, f64>::new(std::io::BufReader::new(file), CHUNK_ROWS)?;
    let mut summary = Moments::new(rows.shape().1);
    for (index, chunk) in rows.enumerate() {
        let chunk = chunk?;
        if keep(index) {
            summary.update(&chunk)?;
        }
    }
    Ok(summary)
}

/// Compares the merged summary with the one-pass summary of the whole file; prints the PCA.
fn check(path: &str, k: usize, merged: &Moments<f64>) -> Result<(), String> {
    let single = moments(path, |_| true).map_err(|e| e.to_string())?;
    let m = single.count();
    if merged.count() != m {
        return Err(format!("merged {} rows, the file has {m}", merged.count()));
    }
    let (a, b) = (
        merged.covariance().map_err(|e| e.to_string())?,
        single.covariance().map_err(|e| e.to_string())?,
    );
    let n = single.features();
    let u = f64::EPSILON / 2.0;
    let gamma = m as f64 * u / (1.0 - m as f64 * u);
    let mut worst: f64 = 0.0;
    for i in 0..n {
        for j in 0..n {
            let (ci, cj) = (b[(i, i)].sqrt(), b[(j, j)].sqrt());
            let (mi, mj) = (single.mean()[i].abs(), single.mean()[j].abs());
            let root = (m as f64 / (m as f64 - 1.0)).sqrt();
            let bound = 8.0 * gamma * (ci * cj + (mi * cj + mj * ci) * root);
            let diff = (a[(i, j)] - b[(i, j)]).abs();
            if diff > bound {
                return Err(format!(
                    "covariance ({i}, {j}): {} vs {} (bound {bound:e})",
                    a[(i, j)],
                    b[(i, j)]
                ));
            }
            if bound > 0.0 {
                worst = worst.max(diff / bound);
            }
        }
    }
    let pca = Pca::from_moments(merged, k).map_err(|e| e.to_string())?;
    println!(
        "rows {m}, features {n}: the merged covariance equals the one-pass one (worst error / bound {worst:.2e})"
    );
    let ratios: Vec<String> = pca
        .explained_variance_ratio()
        .iter()
        .map(|r| format!("{r:.6}"))
        .collect();
    println!("explained variance ratio: [{}]", ratios.join(", "));
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--write") {
        let [_, _, path, rows, cols] = &args[..] else {
            return Err("usage: --write PATH ROWS COLS".into());
        };
        return write(path, rows.parse()?, cols.parse()?);
    }
    let (Some(path), Some(k)) = (args.get(1).cloned(), args.get(2)) else {
        return Err("usage: PATH K [timely arguments], or --write PATH ROWS COLS".into());
    };
    let k: usize = k.parse()?;
    let timely_args = args[3..].iter().cloned();
    let guards = timely::execute_from_args(timely_args, move |worker| -> Result<(), String> {
        let (index, peers) = (worker.index(), worker.peers());
        let mine = moments(&path, |chunk| chunk % peers == index).map_err(|e| e.to_string())?;
        let serialised = serde_json::to_string(&mine).map_err(|e| e.to_string())?;
        let received = Rc::new(RefCell::new(Vec::new()));
        let sink = Rc::clone(&received);
        let probe = worker.dataflow::<u64, _, _>(|scope| {
            let stream: timely::dataflow::Stream<_, Vec<(usize, String)>> =
                Some((index, serialised)).to_stream(scope);
            stream
                .exchange(|_| 0)
                .inspect(move |item: &(usize, String)| sink.borrow_mut().push(item.clone()))
                .probe()
                .0
        });
        worker.step_while(|| !probe.done());
        if index != 0 {
            return Ok(());
        }
        let mut parts = received.borrow().clone();
        parts.sort();
        let mut merged = Moments::new(mine.features());
        for (_, json) in &parts {
            let part: Moments<f64> = serde_json::from_str(json).map_err(|e| e.to_string())?;
            merged.merge(&part).map_err(|e| e.to_string())?;
        }
        println!("worker 0 merged the summaries of {} workers", parts.len());
        check(&path, k, &merged)
    })?;
    for result in guards.join() {
        result??;
    }
    Ok(())
}
