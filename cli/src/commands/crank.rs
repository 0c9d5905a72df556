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

/// Exit code when the crank cannot run here at all (no payer, wrong cluster, unfunded payer,
/// market not set up): nothing was sent, and retrying will not help until that is fixed.
pub const CANNOT_RUN: u8 = 2;

/// Runs the command: the exit code is 0 after the pass (or passes), `CANNOT_RUN` when it could
/// not start, 1 when a pass failed.
pub async fn main(args: &Args, cluster: &Cluster) -> std::process::ExitCode {
    let ready = match cluster.rpc(true) {
        Ok(mut chain) => crate::crank::preflight(&mut chain).await.map(|()| chain),
        Err(e) => Err(e),
    };
    let outcome = match ready {
        Ok(mut chain) => run(args, &mut chain).await,
        Err(e) => {
            eprintln!("error: {e}");
            return CANNOT_RUN.into();
        }
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Prints each pass's report as one JSON line.
async fn run(args: &Args, chain: &mut sourceenergy_sdk::rpc::RpcChain) -> Result<(), String> {
    loop {
        match crate::crank::run(chain).await {
            Ok(r) => println!("{}", serde_json::to_string(&r).map_err(|e| e.to_string())?),
            // A transport error mid-pass is safe: the next pass reads the chain again.
            Err(e @ ChainError::Transport(_)) if args.every.is_some() => eprintln!("{e}; retrying"),
            Err(e) => return Err(e.to_string()),
        }
        match args.every {
            Some(secs) => tokio::time::sleep(Duration::from_secs(secs)).await,
            None => return Ok(()),
        }
    }
}
