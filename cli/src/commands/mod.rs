//! One module per `sourceenergy` command: its arguments (clap) and its `run`. The work itself
//! lives in the library modules they call (`sim`, `bench`, `crank`, `bootstrap`, `status`,
//! the `sourceenergy-node` crate for `localnet`).

pub mod bench;
pub mod bootstrap;
pub mod crank;
pub mod localnet;
pub mod simulate;
pub mod status;

use std::path::{Path, PathBuf};

use sourceenergy_sdk::rpc::RpcChain;

use crate::bootstrap::read_keypair;

/// What every command that acts on a running cluster needs (crank, bootstrap, status).
#[derive(clap::Args)]
pub struct Cluster {
    /// JSON-RPC URL of a cluster or solana-test-validator (crank, bootstrap, status).
    #[arg(long, global = true)]
    pub url: Option<String>,
    /// Fee payer keypair (Solana CLI format).
    #[arg(long, global = true, default_value = "~/.config/solana/id.json")]
    pub keypair: String,
}

impl Cluster {
    /// The JSON-RPC backend at `--url`, paying with `--keypair`. A command that only reads
    /// (`signs: false`) runs without a keypair file.
    pub fn rpc(&self, signs: bool) -> Result<RpcChain, String> {
        let url = self.url.as_deref().ok_or(
            "--url is required: crank, bootstrap and status act on a running cluster \
             (simulate runs embedded)",
        )?;
        let path = home(&self.keypair);
        let payer = match signs || path.exists() {
            true => read_keypair(&path)?,
            false => solana_sdk::signature::Keypair::new(),
        };
        Ok(RpcChain::new(url, payer))
    }
}

/// `~/` at the start of a path is the home directory, as in a shell.
fn home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// Writes `value` as pretty JSON to `path`, if one was given.
pub fn write_json(path: Option<&Path>, value: &impl serde::Serialize) -> Result<(), String> {
    if let Some(path) = path {
        let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}
