//! `sourceenergy bootstrap`: set up a cluster from a config (idempotent).

use std::path::{Path, PathBuf};

use super::Cluster;
use crate::bootstrap::{bootstrap, load_config};

#[derive(clap::Args)]
pub struct Args {
    /// The bootstrap config; keypair paths in it are relative to the working directory.
    #[arg(long, default_value = "migrations/localnet.json")]
    config: PathBuf,
}

/// Prints each step, done or skipped because the chain already has it.
pub async fn run(args: &Args, cluster: &Cluster) -> Result<bool, String> {
    let cfg = load_config(&args.config)?;
    let mut chain = cluster.rpc(true)?;
    let report = bootstrap(&mut chain, &cfg, Path::new("."))
        .await
        .map_err(|e| e.to_string())?;
    for d in &report.done {
        println!("done     {d}");
    }
    for s in &report.skipped {
        println!("skipped  {s}");
    }
    Ok(true)
}
