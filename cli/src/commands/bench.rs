//! `sourceenergy bench`: the engine's floor and the simulation's throughput, in one run.

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
}

/// Runs the benchmark and prints the simulation's report and the measurements; `Ok(false)`
/// when a check of the simulation failed.
pub async fn run(args: &Args) -> Result<bool, String> {
    let quiet = QuietStdout::new();
    let report = bench(args.sim.config(), args.transfers).await;
    drop(quiet);
    let report = report.map_err(|e| e.to_string())?;
    print!("{}{report}", report.simulation);
    super::write_json(args.json.as_deref(), &report)?;
    Ok(report.simulation.all_pass())
}
