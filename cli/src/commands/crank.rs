//! `sourceenergy crank`: one settlement pass, or one every `--every` seconds.

use std::time::Duration;

use sourceenergy_sdk::chain::ChainError;

use super::Cluster;

#[derive(clap::Args)]
pub struct Args {
    /// Run as a service: a pass every SECS seconds until stopped (Ctrl-C). A pass that loses
    /// the connection is retried at the next one (every step is idempotent on chain); a
    /// transaction the chain refuses stops the crank with its program error. Without it: one
    /// pass.
    #[arg(long, value_name = "SECS")]
    every: Option<u64>,
}

/// Prints each pass's report as one JSON line.
pub async fn run(args: &Args, cluster: &Cluster) -> Result<bool, String> {
    let mut chain = cluster.rpc(true)?;
    loop {
        match crate::crank::run(&mut chain).await {
            Ok(r) => println!("{}", serde_json::to_string(&r).map_err(|e| e.to_string())?),
            // A transport error mid-pass is safe: the next pass reads the chain again.
            Err(e @ ChainError::Transport(_)) if args.every.is_some() => eprintln!("{e}; retrying"),
            Err(e) => return Err(e.to_string()),
        }
        match args.every {
            Some(secs) => tokio::time::sleep(Duration::from_secs(secs)).await,
            None => return Ok(true),
        }
    }
}
