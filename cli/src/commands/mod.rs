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
    /// Fee payer keypair (Solana CLI format). Default: against a node on this machine, the
    /// payer `sourceenergy localnet` wrote (.sourceenergy/localnet-payer.json) if it is there,
    /// else ~/.config/solana/id.json.
    #[arg(long, global = true)]
    pub keypair: Option<String>,
}

/// Where `localnet` writes its funded payer (its `--payer-out` default).
pub const LOCALNET_PAYER: &str = ".sourceenergy/localnet-payer.json";
/// The Solana CLI's default keypair.
const SOLANA_CLI_KEYPAIR: &str = "~/.config/solana/id.json";

impl Cluster {
    /// The JSON-RPC backend at `--url`, paying with `--keypair`. A command that only reads
    /// (`signs: false`) runs without a keypair file.
    pub fn rpc(&self, signs: bool) -> Result<RpcChain, String> {
        let url = self.url.as_deref().ok_or(
            "--url is required: crank, bootstrap and status act on a running cluster \
             (simulate runs embedded)",
        )?;
        let path = payer_path(
            self.keypair.as_deref(),
            url,
            Path::new(LOCALNET_PAYER).exists(),
        );
        let payer = match (signs, path.exists()) {
            (_, true) => read_keypair(&path)?,
            (false, false) => solana_sdk::signature::Keypair::new(),
            (true, false) => {
                return Err(format!(
                    "no fee payer keypair at {}: pass one with --keypair FILE (a Solana CLI \
                     keypair); against `sourceenergy localnet` run from this directory, its \
                     funded payer is {LOCALNET_PAYER}",
                    path.display()
                ))
            }
        };
        Ok(RpcChain::new(url, payer))
    }
}

/// The payer file: `--keypair`; else, for a node on this machine when `localnet` has written
/// its payer here, that payer; else the Solana CLI's default.
fn payer_path(keypair: Option<&str>, url: &str, localnet_payer_here: bool) -> PathBuf {
    let local = ["://127.0.0.1:", "://localhost:", "://[::1]:"]
        .iter()
        .any(|host| url.contains(host));
    match keypair {
        Some(path) => home(path),
        None if local && localnet_payer_here => PathBuf::from(LOCALNET_PAYER),
        None => home(SOLANA_CLI_KEYPAIR),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_payer_defaults_to_localnets_against_a_local_node() {
        let cli = home(SOLANA_CLI_KEYPAIR);
        let local = "http://127.0.0.1:8899";
        assert_eq!(payer_path(None, local, true), PathBuf::from(LOCALNET_PAYER));
        assert_eq!(
            payer_path(None, "http://localhost:8899", true),
            PathBuf::from(LOCALNET_PAYER)
        );
        // No payer written here, or a remote cluster: the Solana CLI's.
        assert_eq!(payer_path(None, local, false), cli);
        assert_eq!(payer_path(None, "https://api.devnet.solana.com", true), cli);
        // --keypair always wins, with ~ expanded.
        assert_eq!(
            payer_path(Some("k.json"), local, true),
            PathBuf::from("k.json")
        );
        assert_eq!(
            payer_path(Some("~/id.json"), local, true),
            home("~/id.json")
        );
    }

    #[test]
    fn a_missing_payer_says_which_file_and_how_to_pass_one() {
        let cluster = Cluster {
            url: Some("https://api.devnet.solana.com".into()),
            keypair: Some("/nonexistent/payer.json".into()),
        };
        let err = cluster.rpc(true).err().expect("no such file");
        assert!(
            err.starts_with("no fee payer keypair at /nonexistent/payer.json"),
            "{err}"
        );
        assert!(
            err.contains("--keypair FILE") && err.contains(LOCALNET_PAYER),
            "{err}"
        );
        // A command that only reads runs without one.
        assert!(cluster.rpc(false).is_ok());
    }
}
