//! `sourceenergy`: simulate the economy (the main job), crank settlement epochs, bootstrap a
//! cluster, print its status.

use std::{path::PathBuf, process::ExitCode};

use clap::{Args, Parser, Subcommand};
use sourceenergy::{
    bench::bench,
    bootstrap::{bootstrap, load_config, read_keypair},
    crank,
    sim::{simulate, Attack, SimConfig, SimReport},
    status::status,
};
use sourceenergy_sdk::{chain::ChainError, rpc::RpcChain};

#[derive(Parser)]
#[command(
    name = "sourceenergy",
    version,
    about = "SourceEnergy: simulate, crank, bootstrap, status"
)]
struct Cli {
    /// JSON-RPC URL of a cluster or solana-test-validator (crank, bootstrap, status).
    #[arg(long, global = true)]
    url: Option<String>,
    /// Fee payer keypair (Solana CLI format).
    #[arg(long, global = true, default_value = "~/.config/solana/id.json")]
    keypair: String,
    #[command(subcommand)]
    command: Command,
}

/// The simulated economy's shape.
#[derive(Args)]
struct SimArgs {
    #[arg(long, default_value_t = 7)]
    seed: u64,
    #[arg(long, default_value_t = 100)]
    members: usize,
    /// Household trusts (default: one per five members).
    #[arg(long)]
    households: Option<usize>,
    #[arg(long, default_value_t = 2)]
    communities: usize,
    /// Epochs to run.
    #[arg(long, default_value_t = 12)]
    epochs: u32,
    /// Day of the typical weather year (1-365) the run starts on, at 06:00 (default 1 June).
    #[arg(long, default_value_t = SimConfig::default().start_day)]
    start_day: u16,
    /// Epoch length in seconds (900 to 604800, a week; 86400 for daily epochs).
    #[arg(long, default_value_t = SimConfig::default().epoch_secs)]
    epoch_secs: u32,
    /// Leave out the adversarial agents (on by default).
    #[arg(long)]
    no_adversaries: bool,
    /// Run only these adversaries (repeat the flag; default: all of them).
    #[arg(long = "adversary", value_enum)]
    adversary: Vec<Attack>,
    /// The offtaker pays every epoch on time (by default it pays three epochs late once).
    #[arg(long)]
    on_time: bool,
}

impl SimArgs {
    fn config(&self) -> SimConfig {
        SimConfig {
            seed: self.seed,
            members: self.members,
            households: self.households.unwrap_or(self.members / 5),
            communities: self.communities.max(1),
            epochs: self.epochs,
            start_day: self.start_day,
            epoch_secs: self.epoch_secs,
            adversaries: match (self.no_adversaries, self.adversary.is_empty()) {
                (true, _) => Vec::new(),
                (false, true) => Attack::ALL.to_vec(),
                (false, false) => self.adversary.clone(),
            },
            late_settlement: !self.on_time,
            control: false,
            progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
            start_unix: None,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Generate a seeded economy and run it through every layer on an embedded runtime.
    Simulate {
        #[command(flatten)]
        sim: SimArgs,
        /// Also write the report as JSON.
        #[arg(long)]
        json: Option<PathBuf>,
    },
    /// Measure the engine's floor (plain SOL transfers) and the simulation on it, in one run:
    /// transactions per second, their ratio, peak memory.
    Bench {
        #[command(flatten)]
        sim: SimArgs,
        /// SOL transfers for the engine's floor.
        #[arg(long, default_value_t = 20_000)]
        transfers: u64,
        /// Also write the report as JSON.
        #[arg(long)]
        json: Option<PathBuf>,
    },
    /// A local Solana node serving the six programs (no SBF toolchain needed): JSON-RPC on
    /// --port, websocket on --ws-port. Writes a funded payer keypair; Ctrl-C stops it.
    Localnet(LocalnetArgs),
    /// One crank pass (or every --every seconds): open, close and sweep epochs, claim and
    /// distribute for communities and household trusts.
    Crank {
        #[arg(long)]
        every: Option<u64>,
    },
    /// Set up a cluster from a config (idempotent).
    Bootstrap {
        #[arg(long, default_value = "migrations/localnet.json")]
        config: PathBuf,
    },
    /// Print the ecosystem's state.
    Status,
}

#[derive(clap::Args)]
struct LocalnetArgs {
    #[arg(long, default_value_t = 8899)]
    port: u16,
    #[arg(long, default_value_t = 8900)]
    ws_port: u16,
    /// Where to write the airdrop-funded payer keypair (Solana CLI format).
    #[arg(long, default_value = ".sourceenergy/localnet-payer.json")]
    payer_out: PathBuf,
    /// Start with a small seeded economy (bootstrapped bank, members, trusts, communities,
    /// meters, settled epochs, a pool), its addresses and actors' keypairs in --out.
    #[arg(long)]
    economy: bool,
    /// Where --economy writes economy.json and keys/.
    #[arg(long, default_value = ".sourceenergy")]
    out: PathBuf,
}

/// Natively, program logs (`msg!`) go to stdout; while the embedded runtime runs, stdout goes
/// to /dev/null so the report stays readable. Restored (after a flush) when dropped.
struct QuietStdout(i32);

impl QuietStdout {
    fn new() -> Option<Self> {
        // SAFETY: plain POSIX descriptor calls on this process's own stdout.
        unsafe {
            let saved = libc::dup(1);
            let null = libc::open(c"/dev/null".as_ptr(), libc::O_WRONLY);
            if saved < 0 || null < 0 {
                return None;
            }
            libc::dup2(null, 1);
            libc::close(null);
            Some(QuietStdout(saved))
        }
    }

    /// The real stdout, while this one is quiet.
    #[cfg_attr(not(feature = "localnet"), allow(dead_code))]
    fn real(&self) -> Option<std::fs::File> {
        use std::os::fd::FromRawFd;
        // SAFETY: a new descriptor, owned by the returned file.
        unsafe {
            let fd = libc::dup(self.0);
            (fd >= 0).then(|| std::fs::File::from_raw_fd(fd))
        }
    }
}

impl Drop for QuietStdout {
    fn drop(&mut self) {
        let _ = std::io::Write::flush(&mut std::io::stdout());
        // SAFETY: restores the descriptor saved in `new`.
        unsafe {
            libc::dup2(self.0, 1);
            libc::close(self.0);
        }
    }
}

fn expand(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// The JSON-RPC backend at `--url`, paying with `--keypair`. A command that only reads
/// (`signs: false`) runs without a keypair file.
fn rpc(cli: &Cli, signs: bool) -> Result<RpcChain, String> {
    let url = cli
        .url
        .as_deref()
        .ok_or("--url is required: crank, bootstrap and status act on a running cluster (simulate runs embedded)")?;
    let path = expand(&cli.keypair);
    let payer = match signs || path.exists() {
        true => read_keypair(&path)?,
        false => solana_sdk::signature::Keypair::new(),
    };
    Ok(RpcChain::new(url, payer))
}

fn print_report(r: &SimReport) {
    let cfg = r.config.as_ref().expect("set by simulate");
    println!(
        "SourceEnergy simulation: seed {}, {} members, {} households, {} communities, {} epochs \
         of {} s from day {} of the typical year",
        cfg.seed,
        cfg.members,
        cfg.households,
        cfg.communities,
        cfg.epochs,
        cfg.epoch_secs,
        cfg.start_day
    );
    println!("\nprice path (per kWh, currency base units)");
    println!("  epoch  day hour  grid      market    clearing  Wh          revenue");
    for e in &r.epochs {
        println!(
            "  {:<6} {:>3} {:>4}  {:<9} {:<9} {:<9} {:<11} {}",
            e.index,
            e.day,
            e.hour,
            e.grid_price,
            e.market_price,
            e.clearing_price,
            e.energy_wh,
            e.revenue
        );
    }
    println!("\nenergy by meter class (TMY3 Greensboro NC irradiance, BDEW H25 household load)");
    println!(
        "  {:<19} {:>6} {:>9} {:>12} {:>14} {:>12} {:>10} {:>10}",
        "class",
        "meters",
        "kWp",
        "produced kWh",
        "self-used kWh",
        "export kWh",
        "kWh/kWp",
        "per year"
    );
    for y in &r.yields {
        println!(
            "  {:<19} {:>6} {:>9.1} {:>12.1} {:>14.1} {:>12.1} {:>10.2} {:>10.0}",
            y.class,
            y.meters,
            y.capacity_kwp,
            y.produced_kwh,
            y.self_consumed_kwh,
            y.exported_kwh,
            y.yield_kwh_per_kwp,
            y.annual_yield_kwh_per_kwp
        );
    }
    let l = &r.layers;
    println!("\nper layer");
    println!(
        "  L1 currency supply {}, collateral {}, fees {}, savings rate at the end {} bps",
        l.l1_currency_supply, l.l1_collateral_held, l.l1_fees_collected, l.l1_savings_rate_bps_end
    );
    println!(
        "  L2 pool {} Wh / {} currency, protocol fees {}, {} swaps, {} offers taken, carbon {} g minted / {} g retired",
        l.l2_pool_energy_wh, l.l2_pool_currency, l.l2_protocol_fees, l.l2_swaps, l.l2_offers_taken,
        l.l2_carbon_minted_g, l.l2_carbon_retired_g
    );
    println!(
        "  L3 {} Wh verified, revenue {}, claimed {}",
        l.l3_energy_wh, l.l3_revenue, l.l3_claimed
    );
    println!(
        "  L4 fund value {} ({} in projects), revenue {}, benefit fund {}, {} Wh, {} g CO2 avoided",
        l.l4_fund_value,
        l.l4_invested_in_projects,
        l.l4_revenue,
        l.l4_benefit_fund,
        l.l4_energy_wh,
        l.l4_co2_avoided_g
    );
    println!(
        "  L5 contributed {}, income {}, reinvested {}, distributed {}",
        l.l5_contributed, l.l5_income, l.l5_reinvested, l.l5_distributed
    );
    println!(
        "  L6 {} members, {} Wh sold, income {}, {} sales refused (expired attestation)",
        l.l6_members, l.l6_energy_wh, l.l6_income, r.blocked_expired
    );
    let crank_tx: Vec<u32> = r.crank.iter().map(|c| c.transactions).collect();
    println!(
        "\ntransactions: {} ({} failed on chain as intended)",
        r.transactions, r.failed_transactions
    );
    for (kind, n) in &r.by_kind {
        println!("  {kind:<14} {n}");
    }
    println!("  crank per epoch {crank_tx:?}");
    println!("wall time {:.1} s\n\nconservation checks", r.wall_secs);
    for c in &r.checks {
        println!(
            "  {} {}  {}",
            if c.pass { "PASS" } else { "FAIL" },
            c.name,
            c.detail
        );
    }
    let t = &r.totals;
    println!(
        "\nofftaker paid {} for energy worth {} at the grid price (ratio {:.4})",
        t.offtaker_paid,
        t.at_grid_price,
        t.offtaker_paid as f64 / t.at_grid_price.max(1) as f64
    );
    if let Some(b) = &r.baseline {
        println!(
            "  without the adversaries: paid {} (ratio {:.4}); with them {:+.3}%",
            b.offtaker_paid,
            b.offtaker_paid as f64 / b.at_grid_price.max(1) as f64,
            (t.offtaker_paid as f64 / b.offtaker_paid.max(1) as f64 - 1.0) * 100.0
        );
    }
    if !r.adversaries.is_empty() {
        println!(
            "\nadversaries (each in a run of its own: it must gain nothing, and its harm \
             against the same seed without it, the offtaker's extra payment, the reserve's \
             loss, honest holders' dilution, must stay within 1% of each)"
        );
    }
    for a in &r.adversaries {
        let harm = match (a.harm, a.bound) {
            (Some(h), Some(b)) => format!(
                "harm: offtaker {} (bound {}), reserve {} ({}), holders {} ({})",
                h.offtaker, b.offtaker, h.reserve, b.reserve, h.holders, b.holders
            ),
            _ if a.attack.control(cfg).is_some() => {
                "gain and harm judged against its control run, which one run does not have".into()
            }
            _ => "harm not measured (one run)".into(),
        };
        println!(
            "  {} {}: tried to {}; gained {}; {harm}",
            if a.pass { "PASS" } else { "FAIL" },
            a.name,
            a.tried,
            a.gained,
        );
    }
}

/// `sourceenergy localnet` (built with `--features localnet`).
#[cfg(feature = "localnet")]
async fn localnet(args: &LocalnetArgs) -> Result<bool, String> {
    use solana_sdk::signer::Signer;
    use std::io::Write;
    // Program logs go to the transactions' logs; their `msg!` text, which natively lands on
    // stdout, is dropped. The node's own lines go to the real stdout.
    let quiet = QuietStdout::new();
    let mut out: Box<dyn Write> = match quiet.as_ref().and_then(QuietStdout::real) {
        Some(file) => Box::new(file),
        None => Box::new(std::io::stdout()),
    };
    let payer = solana_sdk::signature::Keypair::new();
    sourceenergy::bootstrap::write_keypair(&args.payer_out, &payer)?;
    let mut config = sourceenergy_node::LocalnetConfig {
        rpc_port: args.port,
        ws_port: args.ws_port,
        airdrop: vec![payer.pubkey()],
        // The payer deployed the programs: `bootstrap` with its keypair initialises them.
        upgrade_authority: Some(payer.pubkey()),
        ..Default::default()
    };
    let economy = match args.economy {
        false => None,
        true => {
            let economy = sourceenergy::sim::economy::play(&args.out).await?;
            config.accounts = economy.accounts;
            config.airdrop.extend(economy.wallets);
            Some(economy.manifest)
        }
    };
    let node = sourceenergy_node::Localnet::start(&config)?;
    // The start airdrops are the node's first transactions: ready means funded.
    let client = RpcChain::new(&node.rpc_url, solana_sdk::signature::Keypair::new()).client;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    for wallet in &config.airdrop {
        while client.get_balance(wallet).await.unwrap_or(0) == 0 {
            if std::time::Instant::now() > deadline {
                return Err(format!(
                    "the start airdrop to {wallet} did not land in 30 s"
                ));
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
    let say = |out: &mut Box<dyn Write>, text: String| {
        let _ = writeln!(out, "{text}");
        let _ = out.flush();
    };
    say(
        &mut out,
        format!(
            "localnet: JSON-RPC {}, websocket {}\nfunded payer keypair: {}",
            node.rpc_url,
            node.ws_url,
            args.payer_out.display()
        ),
    );
    match economy {
        Some(mut manifest) => {
            manifest.rpc_url = node.rpc_url.clone();
            manifest.ws_url = node.ws_url.clone();
            let path = args.out.join("economy.json");
            write_json(&Some(path.clone()), &manifest)?;
            say(
                &mut out,
                format!(
                    "economy: {} members, {} household trusts, {} communities, {} settled \
                     epochs, {} pool; addresses and keypairs in {}\n\
                     next: sourceenergy --url {} status",
                    manifest.members.len(),
                    manifest.households.len(),
                    manifest.communities.len(),
                    manifest.settled_epochs.len(),
                    manifest.pools.len(),
                    path.display(),
                    node.rpc_url
                ),
            );
        }
        None => say(
            &mut out,
            format!(
                "next: sourceenergy --url {} --keypair {} bootstrap",
                node.rpc_url,
                args.payer_out.display()
            ),
        ),
    }
    say(&mut out, "Ctrl-C stops it\nready".into());
    tokio::signal::ctrl_c().await.map_err(|e| e.to_string())?;
    node.stop();
    Ok(true)
}

#[cfg(not(feature = "localnet"))]
async fn localnet(_: &LocalnetArgs) -> Result<bool, String> {
    Err("this sourceenergy was built without the local node; run \
         `cargo run --release -p sourceenergy --features localnet -- localnet`"
        .into())
}

fn write_json(path: &Option<PathBuf>, value: &impl serde::Serialize) -> Result<(), String> {
    if let Some(path) = path {
        let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

async fn run(cli: Cli) -> Result<bool, String> {
    let err = |e: ChainError| e.to_string();
    match &cli.command {
        Command::Simulate { sim, json } => {
            let quiet = QuietStdout::new();
            let report = simulate(sim.config()).await.map_err(err);
            drop(quiet);
            let report = report?;
            print_report(&report);
            write_json(json, &report)?;
            Ok(report.all_pass())
        }
        Command::Bench {
            sim,
            transfers,
            json,
        } => {
            let quiet = QuietStdout::new();
            let report = bench(sim.config(), *transfers).await.map_err(err);
            drop(quiet);
            let b = report?;
            print_report(&b.simulation);
            println!(
                "\nbenchmark ({} build, one run)\n  engine floor: {} SOL transfers, {:.0} tx/s \
                 (signatures verified), {:.0} tx/s (not verified)\n  simulation: {} \
                 transactions in {:.2} s, {:.0} tx/s\n  ratio simulation / floor: {:.3}\n  \
                 peak memory (RSS): {:.0} MB",
                if cfg!(debug_assertions) {
                    "debug"
                } else {
                    "release"
                },
                b.transfers,
                b.transfers_per_sec,
                b.transfers_per_sec_no_sigverify,
                b.simulation.transactions,
                b.simulation.wall_secs,
                b.simulation_tx_per_sec,
                b.ratio,
                b.peak_rss_bytes as f64 / 1e6
            );
            write_json(json, &b)?;
            Ok(b.simulation.all_pass())
        }
        Command::Localnet(args) => localnet(args).await,
        Command::Crank { every } => {
            let mut chain = rpc(&cli, true)?;
            loop {
                match crank::run(&mut chain).await {
                    Ok(r) => println!("{}", serde_json::to_string(&r).map_err(|e| e.to_string())?),
                    // A transport error mid-pass is safe: the next pass reads the chain again.
                    Err(e @ ChainError::Transport(_)) if every.is_some() => {
                        eprintln!("{e}; retrying")
                    }
                    Err(e) => return Err(e.to_string()),
                }
                match every {
                    Some(secs) => tokio::time::sleep(std::time::Duration::from_secs(*secs)).await,
                    None => return Ok(true),
                }
            }
        }
        Command::Bootstrap { config } => {
            let cfg = load_config(config)?;
            let base = PathBuf::from(".");
            let mut chain = rpc(&cli, true)?;
            let report = bootstrap(&mut chain, &cfg, &base).await.map_err(err)?;
            for d in &report.done {
                println!("done     {d}");
            }
            for s in &report.skipped {
                println!("skipped  {s}");
            }
            Ok(true)
        }
        Command::Status => {
            let mut chain = rpc(&cli, false)?;
            print!("{}", status(&mut chain).await.map_err(err)?);
            Ok(true)
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("some conservation checks or adversary lines FAILED");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
