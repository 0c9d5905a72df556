//! `sourceenergy localnet`: a local Solana node serving the six programs (built with
//! `--features localnet`; the node more than doubles a cold release build).

use std::path::PathBuf;

#[derive(clap::Args, Clone, Debug)]
pub struct Args {
    /// JSON-RPC port.
    #[arg(long, default_value_t = 8899)]
    pub port: u16,
    /// Websocket (PubSub) port.
    #[arg(long, default_value_t = 8900)]
    pub ws_port: u16,
    /// Where to write the airdrop-funded payer keypair (Solana CLI format).
    #[arg(long, default_value = ".sourceenergy/localnet-payer.json")]
    pub payer_out: PathBuf,
    /// Start with a small seeded economy (bootstrapped bank, members, trusts, communities,
    /// meters, settled epochs, a pool), its addresses and actors' keypairs in --out.
    #[arg(long)]
    pub economy: bool,
    /// Where --economy writes economy.json and keys/.
    #[arg(long, default_value = ".sourceenergy")]
    pub out: PathBuf,
    /// The ledger folder: the node's accounts, clock and slot, saved every second and on
    /// Ctrl-C. A node started on a saved ledger resumes from it (and keeps its payer).
    #[arg(long, default_value = ".sourceenergy/ledger")]
    pub ledger: PathBuf,
    /// Start fresh: delete the ledger's saved state first (as solana-test-validator --reset).
    #[arg(long)]
    pub reset: bool,
}

/// A running node and what `--economy` wrote (`economy.json` is in `args.out`).
#[cfg(feature = "localnet")]
pub struct Started {
    /// The node; `stop` it, or drop the process.
    pub node: sourceenergy_node::Localnet,
    /// The seeded economy's manifest, with the node's URLs.
    pub economy: Option<crate::sim::economy::Manifest>,
    /// Held while the node runs: a second node on the same ledger is refused.
    _ledger_lock: std::fs::File,
}

/// Takes the ledger folder's lock (an advisory `flock`, released when the process ends).
#[cfg(feature = "localnet")]
fn lock_ledger(dir: &std::path::Path) -> Result<std::fs::File, String> {
    use std::os::fd::AsRawFd;

    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let file = std::fs::File::create(dir.join("lock"))
        .map_err(|e| format!("cannot lock {}: {e}", dir.display()))?;
    // SAFETY: a valid descriptor, owned by `file` for as long as the lock is wanted.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
        return Err(format!(
            "another localnet is using the ledger {}: stop it, or pass another --ledger",
            dir.display()
        ));
    }
    Ok(file)
}

/// Everything `sourceenergy localnet` does before it serves: writes the payer, plays the
/// economy if asked, starts the node, waits for the start airdrops (ready means funded) and
/// writes `economy.json`. Tests start the node through here, as a user would.
#[cfg(feature = "localnet")]
pub async fn start(args: &Args) -> Result<Started, String> {
    use std::time::{Duration, Instant};

    use solana_sdk::{signature::Keypair, signer::Signer};
    use sourceenergy_node::{Localnet, LocalnetConfig};
    use sourceenergy_sdk::rpc::RpcChain;

    let lock = lock_ledger(&args.ledger)?;
    if args.reset {
        sourceenergy_node::ledger::reset(&args.ledger)?;
    }
    let resuming = sourceenergy_node::ledger::exists(&args.ledger);
    // A resumed chain keeps its payer: it deployed the programs and holds its SOL.
    let payer = match resuming && args.payer_out.exists() {
        true => crate::bootstrap::read_keypair(&args.payer_out)?,
        false => {
            let payer = Keypair::new();
            crate::bootstrap::write_keypair(&args.payer_out, &payer)?;
            payer
        }
    };
    let mut config = LocalnetConfig {
        rpc_port: args.port,
        ws_port: args.ws_port,
        airdrop: vec![payer.pubkey()],
        // The payer deployed the programs: `bootstrap` with its keypair initialises them.
        upgrade_authority: Some(payer.pubkey()),
        ledger: Some(args.ledger.clone()),
        ..Default::default()
    };
    let manifest_path = args.out.join("economy.json");
    let economy = match (args.economy, resuming) {
        (false, _) => None,
        // The ledger's economy goes on; its manifest is the one written when it was played.
        (true, true) => Some(
            serde_json::from_str(&std::fs::read_to_string(&manifest_path).map_err(|e| {
                format!(
                    "the ledger {} was not started with --economy here ({}: {e}); pass --reset \
                     for a fresh economy",
                    args.ledger.display(),
                    manifest_path.display()
                )
            })?)
            .map_err(|e| format!("{}: {e}", manifest_path.display()))?,
        ),
        (true, false) => {
            let economy = crate::sim::economy::play(&args.out).await?;
            config.accounts = economy.accounts;
            config.airdrop.extend(economy.wallets);
            Some(economy.manifest)
        }
    };
    let node = Localnet::start(&config)?;

    let client = RpcChain::new(&node.rpc_url, Keypair::new()).client;
    let deadline = Instant::now() + Duration::from_secs(30);
    for wallet in &config.airdrop {
        while client.get_balance(wallet).await.unwrap_or(0) == 0 {
            if Instant::now() > deadline {
                return Err(format!(
                    "the start airdrop to {wallet} did not land in 30 s"
                ));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    let economy = match economy {
        None => None,
        Some(mut manifest) => {
            manifest.rpc_url = node.rpc_url.clone();
            manifest.ws_url = node.ws_url.clone();
            super::write_json(Some(&manifest_path), &manifest)?;
            Some(manifest)
        }
    };
    Ok(Started {
        node,
        economy,
        _ledger_lock: lock,
    })
}

/// Starts the node, prints its URLs and what to run next, and serves until Ctrl-C.
#[cfg(feature = "localnet")]
pub async fn run(args: &Args) -> Result<bool, String> {
    use std::io::Write;

    use crate::quiet_stdout::QuietStdout;

    // The node's own lines go to the real stdout; the programs' `msg!` text is dropped (the
    // transactions' logs keep it).
    let quiet = QuietStdout::new();
    let mut out: Box<dyn Write> = match quiet.as_ref().and_then(QuietStdout::real) {
        Some(file) => Box::new(file),
        None => Box::new(std::io::stdout()),
    };
    let mut say = |text: String| {
        let _ = writeln!(out, "{text}");
        let _ = out.flush();
    };

    let started = start(args).await?;
    let (node, economy) = (&started.node, &started.economy);
    say(format!(
        "localnet: JSON-RPC {}, websocket {}\nfunded payer keypair: {}",
        node.rpc_url,
        node.ws_url,
        args.payer_out.display()
    ));
    match &node.resumed {
        Some(r) => {
            say(format!(
            "resumed the ledger {}: slot {}, clock {} (unix), {} accounts{}; --reset starts fresh",
            args.ledger.display(),
            r.slot,
            r.unix_timestamp,
            r.accounts,
            if args.economy { ", its economy kept" } else { "" }
        ))
        }
        None => say(format!(
            "ledger: {} (saved every second and on Ctrl-C)",
            args.ledger.display()
        )),
    }
    match economy {
        Some(manifest) => {
            let path = args.out.join("economy.json");
            say(format!(
                "economy: {} members, {} household trusts, {} communities, {} settled epochs, \
                 {} pool; addresses and keypairs in {}\nnext: sourceenergy --url {} status",
                manifest.members.len(),
                manifest.households.len(),
                manifest.communities.len(),
                manifest.settled_epochs.len(),
                manifest.pools.len(),
                path.display(),
                node.rpc_url
            ));
        }
        None => say(format!(
            "next: sourceenergy --url {} --keypair {} bootstrap",
            node.rpc_url,
            args.payer_out.display()
        )),
    }
    say("Ctrl-C stops it\nready".into());
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .map_err(|e| e.to_string())?;
    tokio::select! {
        stop = tokio::signal::ctrl_c() => stop.map_err(|e| e.to_string())?,
        _ = term.recv() => {}
    }
    let Started { node, .. } = started;
    node.stop();
    Ok(true)
}

/// Without the `localnet` feature: says how to build it.
#[cfg(not(feature = "localnet"))]
pub async fn run(_: &Args) -> Result<bool, String> {
    Err("this sourceenergy was built without the local node; run \
         `cargo run --release -p sourceenergy --features localnet -- localnet`"
        .into())
}
