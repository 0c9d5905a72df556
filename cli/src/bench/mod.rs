//! `sourceenergy bench`: the engine's floor (plain SOL transfers), the simulation's
//! throughput on the same engine, their ratio, and the process's peak memory, from one run.

#[cfg(feature = "localnet")]
pub mod node;

use std::{fmt, time::Instant};

use serde::Serialize;
use solana_sdk::{signature::Keypair, signer::Signer, transaction::Transaction};
use sourceenergy_engine::Engine;
use sourceenergy_sdk::chain::ChainResult;

use crate::sim::{simulate_once, SimConfig, SimReport};

#[derive(Debug, Serialize)]
pub struct BenchReport {
    pub transfers: u64,
    /// Plain SOL transfers per second, signatures verified (as on a cluster) and not.
    pub transfers_per_sec: f64,
    pub transfers_per_sec_no_sigverify: f64,
    pub simulation: SimReport,
    pub simulation_tx_per_sec: f64,
    /// Simulation throughput over the transfer floor (signatures verified in both).
    pub ratio: f64,
    /// Peak resident memory of the whole run, bytes.
    pub peak_rss_bytes: u64,
}

/// `n` transfers from one funded payer to fresh addresses, one transaction each.
pub fn transfers(n: u64, sigverify: bool) -> f64 {
    let mut engine = Engine::with_sigverify(sigverify);
    let payer = Keypair::new();
    engine
        .airdrop(&payer.pubkey(), 1_000_000_000_000)
        .expect("faucet");
    let blockhash = engine.latest_blockhash();
    let started = Instant::now();
    for i in 0..n {
        let to = solana_sdk::pubkey::Pubkey::new_unique();
        let ix = anchor_lang::solana_program::system_instruction::transfer(
            &payer.pubkey(),
            &to,
            1_000_000 + i,
        );
        let tx =
            Transaction::new_signed_with_payer(&[ix], Some(&payer.pubkey()), &[&payer], blockhash);
        engine.send(tx).expect("transfer");
    }
    n as f64 / started.elapsed().as_secs_f64()
}

/// Peak resident set size of this process so far (Linux reports it in KiB).
pub fn peak_rss_bytes() -> u64 {
    // SAFETY: getrusage only writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return 0;
    }
    usage.ru_maxrss.max(0) as u64 * 1_024
}

pub async fn bench(cfg: SimConfig, transfers_n: u64) -> ChainResult<BenchReport> {
    let with_sig = transfers(transfers_n, true);
    let without_sig = transfers(transfers_n, false);
    let simulation = simulate_once(cfg).await?;
    let sim_tps = simulation.transactions as f64 / simulation.wall_secs;
    Ok(BenchReport {
        transfers: transfers_n,
        transfers_per_sec: with_sig,
        transfers_per_sec_no_sigverify: without_sig,
        simulation_tx_per_sec: sim_tps,
        ratio: sim_tps / with_sig,
        simulation,
        peak_rss_bytes: peak_rss_bytes(),
    })
}

/// The measurements only; the simulation's own report prints before them.
impl fmt::Display for BenchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let build = if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        };
        writeln!(f, "\nbenchmark ({build} build, one run)")?;
        writeln!(
            f,
            "  engine floor: {} SOL transfers, {:.0} tx/s (signatures verified), {:.0} tx/s (not \
             verified)",
            self.transfers, self.transfers_per_sec, self.transfers_per_sec_no_sigverify
        )?;
        writeln!(
            f,
            "  simulation: {} transactions in {:.2} s, {:.0} tx/s",
            self.simulation.transactions, self.simulation.wall_secs, self.simulation_tx_per_sec
        )?;
        writeln!(f, "  ratio simulation / floor: {:.3}", self.ratio)?;
        writeln!(
            f,
            "  peak memory (RSS): {:.0} MB",
            self.peak_rss_bytes as f64 / 1e6
        )
    }
}
