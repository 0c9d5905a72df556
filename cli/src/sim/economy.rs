//! The economy `sourceenergy localnet --economy` starts the node with: a small seeded run of
//! the simulation (no adversaries), played on the embedded engine so that it ends at wall
//! time, then handed to the node as accounts with the keypairs of every actor, so a web app,
//! a crank or a test can act as any of them.
//!
//! Playing it through the node's JSON-RPC instead would take minutes (every transaction
//! waits for a slot) and need the node's clock moved hour by hour. The programs, the engine
//! and the transactions are the same; what the node lacks is the run's transaction history.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use solana_sdk::account::Account;

use super::*;
use crate::bootstrap::write_keypair;
use grid_market::state::EpochStatus;

/// Small enough to start in seconds in a debug build, large enough to show every layer:
/// 16 members in 4 household trusts and 2 communities, 6 settled hourly epochs of a June
/// morning, a pool with liquidity, offers and carbon retirements.
pub fn config() -> SimConfig {
    SimConfig {
        members: 16,
        households: 4,
        communities: 2,
        epochs: 6,
        adversaries: Vec::new(),
        // Every epoch paid on time: the node starts with the economy's settled epochs.
        late_settlement: false,
        // The last settled epoch's meter revenue waits for its members to claim it.
        final_claims: false,
        ..SimConfig::default()
    }
}

/// What the node starts with, and where everything is.
pub struct Economy {
    pub accounts: Vec<(Pubkey, Account)>,
    pub manifest: Manifest,
    /// Wallets that get an airdrop at the node's start, so that each actor can pay fees.
    pub wallets: Vec<Pubkey>,
    pub report: SimReport,
}

/// `economy.json`: addresses, and the paths of the actors' keypair files.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub rpc_url: String,
    pub ws_url: String,
    pub keypairs: Keypairs,
    pub mints: Mints,
    pub communities: Vec<String>,
    pub community_managers: Vec<PathBuf>,
    pub households: Vec<String>,
    pub household_trustees: Vec<PathBuf>,
    pub pools: Vec<String>,
    pub members: Vec<MemberEntry>,
    /// Market epochs the run settled, oldest first.
    pub settled_epochs: Vec<u64>,
    /// A governance proposal with one approval of the two it needs (see `Keypairs`).
    pub pending_proposal: u64,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Keypairs {
    /// The run's payer, which created the bank and still holds most of its SOL.
    pub payer: PathBuf,
    pub kyc_provider: PathBuf,
    /// Two of the three sign a proposal (threshold 2, timelock one hour).
    pub council: Vec<PathBuf>,
    pub offtaker: PathBuf,
    pub oracle: PathBuf,
    pub registrar: PathBuf,
    pub collateral_authority: PathBuf,
    pub feeders: Vec<PathBuf>,
    /// The provider the pending proposal would approve.
    pub pending_kyc_provider: PathBuf,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Mints {
    pub currency: String,
    pub collateral: String,
    pub energy_credit: String,
    pub carbon: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberEntry {
    pub wallet: String,
    pub keypair: PathBuf,
    pub household: Option<String>,
    pub community: String,
}

/// Plays the economy and writes the actors' keypairs under `dir/keys/`.
pub async fn play(dir: &Path) -> Result<Economy, String> {
    let cfg = config();
    // A first run learns how much chain time the economy takes (it is the same for any
    // start: epochs count from the market's creation); the second starts that long ago, so
    // it ends now and the node's clock, which starts at wall time, carries on from it.
    let probe = run(cfg.clone()).await.map_err(|e| e.to_string())?;
    let span = probe.ch.engine.clock().unix_timestamp - probe.started_at;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs() as i64;
    let sim = run(SimConfig {
        start_unix: Some(now - span),
        ..cfg
    })
    .await
    .map_err(|e| e.to_string())?;
    if !sim.report.all_pass() {
        return Err("the economy's conservation checks failed".into());
    }
    sim.export(dir).await
}

impl Sim {
    /// Leaves one proposal for the council to finish: a second KYC provider, proposed (and so
    /// approved) by the first council member, waiting for a second approval. Returns its index
    /// and the provider's keypair.
    async fn pending_proposal(&mut self) -> ChainResult<(u64, Keypair)> {
        let gov: Governance = self
            .ch
            .read(&pda::governance())
            .await?
            .expect("initialised");
        let provider = self.org.keypair();
        let action = GovernanceAction::ApproveKycProvider {
            provider: provider.pubkey(),
        };
        let c0 = self.council[0].insecure_clone();
        let ix = self.bank.propose(c0.pubkey(), gov.proposal_count, action);
        self.must("governance", vec![ix], &[&c0]).await?;
        Ok((gov.proposal_count, provider))
    }

    async fn export(mut self, dir: &Path) -> Result<Economy, String> {
        let (pending_proposal, pending_provider) =
            self.pending_proposal().await.map_err(|e| e.to_string())?;
        // Absolute paths in the manifest, so it reads the same from any directory.
        let keys = std::path::absolute(dir)
            .map_err(|e| e.to_string())?
            .join("keys");
        let mut wallets = Vec::new();
        let mut save = |name: String, key: &Keypair| -> Result<PathBuf, String> {
            let path = keys.join(format!("{name}.json"));
            write_keypair(&path, key)?;
            wallets.push(key.pubkey());
            Ok(path)
        };
        let keypairs = Keypairs {
            payer: save("payer".into(), self.ch.payer())?,
            kyc_provider: save("kyc-provider".into(), &self.provider)?,
            council: (self.council.iter().enumerate())
                .map(|(i, k)| save(format!("council-{i}"), k))
                .collect::<Result<_, _>>()?,
            offtaker: save("offtaker".into(), &self.offtaker)?,
            oracle: save("oracle".into(), &self.oracle)?,
            registrar: save("registrar".into(), &self.registrar)?,
            collateral_authority: save("collateral-authority".into(), &self.collateral_authority)?,
            feeders: (self.feeders.iter().enumerate())
                .map(|(i, k)| save(format!("feeder-{i}"), k))
                .collect::<Result<_, _>>()?,
            pending_kyc_provider: save("pending-kyc-provider".into(), &pending_provider)?,
        };
        let community_managers = (self.communities.iter().enumerate())
            .map(|(i, c)| save(format!("community-manager-{i}"), &c.manager))
            .collect::<Result<_, _>>()?;
        let household_trustees = (self.households.iter().enumerate())
            .map(|(i, h)| save(format!("household-trustee-{i}"), &h.trustee))
            .collect::<Result<_, _>>()?;
        let mut members = Vec::new();
        for (i, p) in self.people.iter().enumerate() {
            members.push(MemberEntry {
                wallet: p.keys.wallet.to_string(),
                keypair: save(format!("member-{i}"), &p.key)?,
                household: p
                    .household
                    .map(|h| self.households[h].keys.household().to_string()),
                community: self.communities[p.community].keys.community().to_string(),
            });
        }
        let first = self.first_epoch.unwrap_or_default();
        let mut settled_epochs = Vec::new();
        for e in first..first + self.cfg.epochs as u64 {
            let epoch: Option<Epoch> =
                (self.ch.read(&pda::epoch(e)).await).map_err(|e| e.to_string())?;
            if epoch.is_some_and(|ep| ep.status == EpochStatus::Settled) {
                settled_epochs.push(e);
            }
        }
        let manifest = Manifest {
            keypairs,
            mints: Mints {
                currency: pda::currency_mint().to_string(),
                collateral: self.bank.collateral_mint.to_string(),
                energy_credit: pda::energy_credit_mint().to_string(),
                carbon: pda::carbon_mint().to_string(),
            },
            communities: (self.communities.iter())
                .map(|c| c.keys.community().to_string())
                .collect(),
            community_managers,
            households: (self.households.iter())
                .map(|h| h.keys.household().to_string())
                .collect(),
            household_trustees,
            pools: self.pool.iter().map(|p| p.pool().to_string()).collect(),
            members,
            settled_epochs,
            pending_proposal,
            ..Manifest::default()
        };
        Ok(Economy {
            accounts: self.ch.engine.user_accounts(),
            manifest,
            wallets,
            report: std::mem::take(&mut self.report),
        })
    }
}
