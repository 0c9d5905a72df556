//! `sourceenergy crank`: one settlement pass, one every `--every` seconds as a service (logs,
//! metrics, health), or a dry run that simulates and sends nothing.

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use solana_sdk::signer::Signer;
use sourceenergy_sdk::{
    chain::{Chain, ChainError},
    rpc::{RpcChain, Sent},
};
use tracing::{error, info, warn};

use super::Cluster;
use crate::crank::{
    self,
    metrics::{self, Metrics, Shared, Thresholds},
    CrankReport,
};

#[derive(clap::Args)]
pub struct Args {
    /// Run as a service: a pass every SECS seconds until stopped (Ctrl-C or SIGTERM; a pass
    /// under way finishes first). A pass that loses the connection is retried at the next one
    /// (every step is idempotent on chain). Without it: one pass.
    #[arg(long, value_name = "SECS")]
    every: Option<u64>,
    /// Simulate the pass and print what it would send (instructions, compute units, priority
    /// fee); send nothing.
    #[arg(long, conflicts_with = "every")]
    dry_run: bool,
    /// The priority fee cap, micro-lamports per compute unit. The fee paid is a percentile of
    /// the cluster's recent prioritization fees on the accounts a transaction writes, at most
    /// this. 0: no priority fee.
    #[arg(long, value_name = "MICRO_LAMPORTS", default_value_t = 10_000)]
    max_priority_fee: u64,
    /// Which percentile of the recent prioritization fees to pay.
    #[arg(long, value_name = "P", default_value_t = 75, value_parser = clap::value_parser!(u8).range(1..=100))]
    fee_percentile: u8,
    /// Compute units asked for above what a transaction's simulation used, in percent.
    #[arg(long, value_name = "PERCENT", default_value_t = 20)]
    cu_margin: u64,
    /// Serve Prometheus metrics at http://ADDR/metrics and a health answer at /health
    /// (e.g. 127.0.0.1:9464).
    #[arg(long, value_name = "ADDR")]
    metrics: Option<SocketAddr>,
    /// /health answers 503 while the payer holds less than this many SOL.
    #[arg(long, value_name = "SOL", default_value_t = 0.1)]
    low_balance: f64,
    /// Log lines as human-readable text or as JSON objects (one per line, on stderr).
    #[arg(long, value_enum, default_value_t = LogFormat::Human)]
    log_format: LogFormat,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum LogFormat {
    Human,
    Json,
}

/// Exit code when the crank cannot run here at all (no payer, wrong cluster, unfunded payer,
/// market not set up): nothing was sent, and retrying will not help until that is fixed.
pub const CANNOT_RUN: u8 = 2;

/// Runs the command: the exit code is 0 after the pass (or passes), `CANNOT_RUN` when it could
/// not start, 1 when a pass failed.
pub async fn main(args: &Args, cluster: &Cluster) -> std::process::ExitCode {
    init_logs(args.log_format);
    let ready = match cluster.rpc(true) {
        Ok(chain) => {
            let mut chain = chain.recording();
            chain.policy.max_priority_fee = args.max_priority_fee;
            chain.policy.fee_percentile = args.fee_percentile;
            chain.policy.cu_margin_percent = args.cu_margin;
            chain.policy.dry_run = args.dry_run;
            crate::crank::preflight(&mut chain).await.map(|()| chain)
        }
        Err(e) => Err(e),
    };
    let mut chain = match ready {
        Ok(chain) => chain,
        Err(e) => {
            error!("{e}");
            return CANNOT_RUN.into();
        }
    };
    let thresholds = Thresholds {
        max_epochs_behind: 1,
        min_payer_lamports: (args.low_balance.max(0.0) * 1e9) as u64,
    };
    let shared: Shared = Arc::new(Mutex::new(Metrics::default()));
    if let Some(addr) = args.metrics {
        match tokio::net::TcpListener::bind(addr).await {
            Ok(listener) => {
                info!(%addr, "serving /metrics and /health");
                tokio::spawn(metrics::serve(listener, shared.clone(), thresholds));
            }
            Err(e) => {
                error!("cannot serve metrics at {addr}: {e}");
                return CANNOT_RUN.into();
            }
        }
    }
    match run(args, &mut chain, &shared).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            error!("{e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn init_logs(format: LogFormat) {
    let logs = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_target(false);
    match format {
        LogFormat::Human => logs.with_ansi(false).init(),
        LogFormat::Json => logs.json().flatten_event(true).init(),
    }
}

/// The passes: each prints its report as one JSON line on stdout and logs its transactions.
async fn run(args: &Args, chain: &mut RpcChain, shared: &Shared) -> Result<(), String> {
    let mut stop = Box::pin(shutdown());
    loop {
        let outcome = crank::run(chain).await;
        // Each transaction was logged as it landed (by the SDK); here they are counted.
        record(shared, &chain.take_sent(), outcome.as_ref().ok());
        match outcome {
            Ok(r) => {
                println!("{}", serde_json::to_string(&r).map_err(|e| e.to_string())?);
                let mode = if args.dry_run { "dry run" } else { "pass" };
                info!(
                    opened = r.opened,
                    closed = r.closed,
                    swept = r.swept,
                    bookings = r.bookings,
                    revenue_claims = r.revenue_claims,
                    reward_claims = r.reward_claims,
                    distributions = r.distributions,
                    stabilizations = r.stabilizations,
                    transactions = r.transactions,
                    already_done = r.already_done,
                    "{mode} done"
                );
            }
            // A transport error mid-pass is safe: the next pass reads the chain again.
            Err(e @ ChainError::Transport(_)) if args.every.is_some() => {
                warn!("pass stopped: {e}; the next pass retries")
            }
            Err(e) => return Err(e.to_string()),
        }
        let Some(secs) = args.every else {
            return Ok(());
        };
        // Between passes the cluster is read every few seconds, so /health follows the clock.
        let next = tokio::time::Instant::now() + Duration::from_secs(secs);
        loop {
            observe(chain, shared).await;
            let now = tokio::time::Instant::now();
            if now >= next {
                break;
            }
            let nap = (next - now).min(OBSERVE_EVERY);
            tokio::select! {
                _ = tokio::time::sleep(nap) => {}
                _ = &mut stop => {
                    info!("stopping");
                    return Ok(());
                }
            }
        }
    }
}

/// How often a service reads the cluster for its metrics between passes.
const OBSERVE_EVERY: Duration = Duration::from_secs(5);

/// Ctrl-C or SIGTERM (what systemd sends).
async fn shutdown() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("a SIGTERM handler");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
}

/// Epochs behind the clock and the payer's balance, into the metrics; `None`s when the node
/// does not answer.
async fn observe(chain: &mut RpcChain, shared: &Shared) {
    let behind = crank::epochs_behind(chain).await.ok();
    let payer = chain.payer().pubkey();
    let lamports = chain
        .account(&payer)
        .await
        .ok()
        .map(|a| a.map_or(0, |a| a.lamports));
    let mut m = shared.lock().expect("metrics lock");
    m.epochs_behind = behind;
    m.payer_lamports = lamports;
}

fn record(shared: &Shared, sent: &[Sent], report: Option<&CrankReport>) {
    let mut m = shared.lock().expect("metrics lock");
    for s in sent.iter().filter(|s| s.attempts > 0 || s.error.is_some()) {
        if s.error.is_some() {
            m.transactions_failed += 1;
        } else {
            m.transactions_landed += 1;
        }
        m.retries += u64::from(s.attempts.saturating_sub(1));
        m.priority_fee = s.priority_fee;
        m.compute_unit_limit = s.compute_unit_limit;
    }
    if report.is_some() {
        m.passes_ok += 1;
        m.last_success_unix = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .ok()
            .map(|d| d.as_secs());
    } else {
        m.passes_failed += 1;
    }
}
