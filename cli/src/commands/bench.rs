//! `sourceenergy bench`: the engine's floor and the simulation's throughput, in one run; with
//! `--node`, the engine's floor and the local node's throughput as clients see it.

use std::path::PathBuf;

use super::simulate::SimArgs;
use crate::{bench::bench, quiet_stdout::QuietStdout};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    sim: SimArgs,
    /// SOL transfers for the engine's floor.
    #[arg(long, default_value_t = 20_000)]
    transfers: u64,
    /// Also write the report as JSON.
    #[arg(long)]
    json: Option<PathBuf>,
    /// Measure the local node instead of the simulation: clients send SOL transfers over
    /// JSON-RPC and wait for each confirmation over the websocket (built with the `localnet`
    /// feature).
    #[arg(long)]
    node: bool,
    /// Concurrent clients for --node, each with its own connections.
    #[arg(long, default_value_t = 4)]
    node_clients: usize,
    /// Transfers each --node client sends.
    #[arg(long, default_value_t = 5_000)]
    node_transfers: u64,
    /// Transactions each --node client keeps in flight, at most (with fewer, a client waits
    /// on confirmations, which come once a slot, and measures its own window, not the node).
    #[arg(long, default_value_t = 1_024)]
    node_window: usize,
}

/// Runs the benchmark and prints the simulation's report and the measurements; `Ok(false)`
/// when a check of the simulation failed.
pub async fn run(args: &Args) -> Result<bool, String> {
    if args.node {
        return node(args).await;
    }
    let quiet = QuietStdout::new();
    let report = bench(args.sim.config(), args.transfers).await;
    drop(quiet);
    let report = report.map_err(|e| e.to_string())?;
    print!("{}{report}", report.simulation);
    super::write_json(args.json.as_deref(), &report)?;
    Ok(report.simulation.all_pass())
}

#[cfg(feature = "localnet")]
async fn node(args: &Args) -> Result<bool, String> {
    let floor = crate::bench::transfers(args.transfers, true);
    let quiet = QuietStdout::new();
    let node =
        crate::bench::node::run(args.node_clients, args.node_transfers, args.node_window).await;
    drop(quiet);
    let node = node?;
    let build = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!("benchmark ({build} build, one run)");
    println!(
        "  engine floor: {} SOL transfers in-process, {floor:.0} tx/s (signatures verified)",
        args.transfers
    );
    println!(
        "  local node: {} transfers from {} clients ({} in flight each) in {:.2} s, {:.0} tx/s \
         confirmed; sendTransaction to confirmed notification p50 {:.0} ms, p99 {:.0} ms, max \
         {:.0} ms (a slot is {} ms)",
        node.transactions,
        node.clients,
        node.window,
        node.wall_secs,
        node.tx_per_sec,
        node.p50_ms,
        node.p99_ms,
        node.max_ms,
        node.slot_ms
    );
    println!("  ratio node / floor: {:.3}", node.tx_per_sec / floor);
    println!(
        "  peak memory (RSS): {:.0} MB",
        crate::bench::peak_rss_bytes() as f64 / 1e6
    );
    let report = serde_json::json!({ "transfers_per_sec": floor, "node": node });
    super::write_json(args.json.as_deref(), &report)?;
    Ok(true)
}

#[cfg(not(feature = "localnet"))]
async fn node(_: &Args) -> Result<bool, String> {
    Err("this sourceenergy was built without the local node; run \
         `cargo run --release -p sourceenergy --features localnet -- bench --node`"
        .into())
}
