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
}

/// A running node and what `--economy` wrote (`economy.json` is in `args.out`).
#[cfg(feature = "localnet")]
pub struct Started {
    /// The node; `stop` it, or drop the process.
    pub node: sourceenergy_node::Localnet,
    /// The seeded economy's manifest, with the node's URLs.
    pub economy: Option<crate::sim::economy::Manifest>,
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

    let payer = Keypair::new();
    crate::bootstrap::write_keypair(&args.payer_out, &payer)?;
    let mut config = LocalnetConfig {
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
            super::write_json(Some(&args.out.join("economy.json")), &manifest)?;
            Some(manifest)
        }
    };
    Ok(Started { node, economy })
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

    let Started { node, economy } = start(args).await?;
    say(format!(
        "localnet: JSON-RPC {}, websocket {}\nfunded payer keypair: {}",
        node.rpc_url,
        node.ws_url,
        args.payer_out.display()
    ));
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
    tokio::signal::ctrl_c().await.map_err(|e| e.to_string())?;
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
