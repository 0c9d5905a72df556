//! `sourceenergy bootstrap`: sets up a cluster from a config in `migrations/` — collateral
//! mint, central bank (council, policy), KYC providers, roles, grid market, carbon registry.
//! Idempotent: every step checks the chain first and skips what exists.

use std::path::Path;

use anchor_lang::prelude::Pubkey;
use anchor_spl::token;
use central_bank::{
    instructions::InitializeArgs,
    state::{Governance, GovernanceAction, Reserve, RoleKind},
};
use serde::Deserialize;
use solana_sdk::{signature::Keypair, signer::Signer};

use sourceenergy_sdk::{
    central_bank::{default_policy, CentralBank},
    chain::{Chain, ChainError, ChainResult},
    grid_market as gm, marketplace as mk, pda, tokens,
};

#[derive(Debug, Deserialize)]
pub struct BootstrapConfig {
    /// Keypair files of the council members, or "payer".
    pub council: Vec<String>,
    pub threshold: u8,
    pub timelock_secs: u32,
    /// Keypair file of the collateral mint; created (classic SPL Token, 6 decimals, the payer
    /// as mint authority) if the account does not exist yet. The file is written if missing.
    pub collateral_mint_keypair: String,
    /// KYC provider authorities: public keys or "payer".
    pub kyc_providers: Vec<String>,
    /// (role, subject): subject is a public key, "payer" or "energy_credit_mint".
    pub roles: Vec<(String, String)>,
}

/// What a bootstrap run did and found already done.
#[derive(Debug, Default)]
pub struct BootstrapReport {
    pub done: Vec<String>,
    pub skipped: Vec<String>,
}

pub fn load_config(path: &Path) -> Result<BootstrapConfig, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads a Solana CLI keypair file (a JSON array of 64 bytes).
pub fn read_keypair(path: &Path) -> Result<Keypair, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let bytes: Vec<u8> =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Keypair::try_from(&bytes[..]).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes `key` as the Solana CLI does (a JSON array of its 64 bytes).
pub fn write_keypair(path: &Path, key: &Keypair) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let json = serde_json::to_string(&key.to_bytes().to_vec()).map_err(|e| e.to_string())?;
    std::fs::write(path, json).map_err(|e| format!("{}: {e}", path.display()))
}

fn subject(name: &str, payer: &Pubkey) -> Result<Pubkey, String> {
    match name {
        "payer" => Ok(*payer),
        "energy_credit_mint" => Ok(pda::energy_credit_mint()),
        key => key.parse().map_err(|_| format!("not a public key: {key}")),
    }
}

fn role_kind(name: &str) -> Result<RoleKind, String> {
    Ok(match name {
        "MeterRegistrar" => RoleKind::MeterRegistrar,
        "MeterOracle" => RoleKind::MeterOracle,
        "GridPriceFeeder" => RoleKind::GridPriceFeeder,
        "GridOfftaker" => RoleKind::GridOfftaker,
        "ListedMarketAsset" => RoleKind::ListedMarketAsset,
        "CommunityRegistrar" => RoleKind::CommunityRegistrar,
        other => return Err(format!("unknown role {other}")),
    })
}

fn local(e: String) -> ChainError {
    ChainError::Local(e)
}

pub async fn bootstrap<C: Chain>(
    chain: &mut C,
    cfg: &BootstrapConfig,
    base: &Path,
) -> ChainResult<BootstrapReport> {
    let mut report = BootstrapReport::default();
    if cfg.council.is_empty() || cfg.threshold == 0 || cfg.threshold as usize > cfg.council.len() {
        return Err(local(
            "config: the council needs at least `threshold` (>= 1) keypairs".into(),
        ));
    }
    let payer = chain.payer().insecure_clone();
    let me = payer.pubkey();
    let council: Vec<Keypair> = cfg
        .council
        .iter()
        .map(|c| match c.as_str() {
            "payer" => Ok(payer.insecure_clone()),
            path => read_keypair(&base.join(path)),
        })
        .collect::<Result<_, _>>()
        .map_err(local)?;

    // Collateral mint and central bank; an existing bank keeps its own mint.
    let reserve: Option<Reserve> = chain.read(&pda::reserve()).await?;
    let collateral_mint = match &reserve {
        Some(r) => {
            report.skipped.push(format!(
                "collateral mint: the bank's own, {}",
                r.collateral_mint
            ));
            r.collateral_mint
        }
        None => {
            let mint_path = base.join(&cfg.collateral_mint_keypair);
            let mint = if mint_path.exists() {
                read_keypair(&mint_path).map_err(local)?
            } else {
                let k = Keypair::new();
                write_keypair(&mint_path, &k).map_err(local)?;
                k
            };
            if chain.account(&mint.pubkey()).await?.is_none() {
                let ixs = tokens::create_mint(&me, &mint.pubkey(), &me, 6, &token::ID).to_vec();
                chain.send(&ixs, &[&mint]).await?;
                report
                    .done
                    .push(format!("collateral mint {}", mint.pubkey()));
            } else {
                report.skipped.push("collateral mint exists".into());
            }
            mint.pubkey()
        }
    };
    let bank = CentralBank {
        collateral_mint,
        collateral_token_program: token::ID,
    };
    if reserve.is_none() {
        let args = InitializeArgs {
            council: council.iter().map(|k| k.pubkey()).collect(),
            threshold: cfg.threshold,
            timelock_secs: cfg.timelock_secs,
            policy: default_policy(),
        };
        chain.send(&[bank.initialize(me, me, args)], &[]).await?;
        report.done.push("central bank initialised".into());
    } else {
        report.skipped.push("central bank exists".into());
    }

    // Governance: only the providers and roles that do not exist yet.
    let mut actions = Vec::new();
    for p in &cfg.kyc_providers {
        let provider = subject(p, &me).map_err(local)?;
        if chain
            .account(&pda::kyc_provider(&provider))
            .await?
            .is_none()
        {
            actions.push(GovernanceAction::ApproveKycProvider { provider });
        }
    }
    for (role, s) in &cfg.roles {
        let role = role_kind(role).map_err(local)?;
        let subject = subject(s, &me).map_err(local)?;
        if chain.account(&pda::role(role, &subject)).await?.is_none() {
            actions.push(GovernanceAction::GrantRole { role, subject });
        }
    }
    if actions.is_empty() {
        report.skipped.push("providers and roles exist".into());
    } else {
        let gov: Governance = chain
            .read(&pda::governance())
            .await?
            .ok_or_else(|| local("governance missing".into()))?;
        let members = &gov.members[..gov.member_count as usize];
        let approvers: Vec<&Keypair> = (council.iter())
            .filter(|k| members.contains(&k.pubkey()))
            .take(gov.threshold as usize)
            .collect();
        if approvers.len() < gov.threshold as usize {
            // A bank someone else set up (`localnet --economy`, say): its council decides.
            return Err(local(format!(
                "the central bank exists with another council ({} of {} members must \
                 approve); the config's keypairs cannot propose {} missing provider(s) and \
                 role(s)",
                gov.threshold,
                gov.member_count,
                actions.len()
            )));
        }
        for (i, action) in actions.iter().enumerate() {
            let index = gov.proposal_count + i as u64;
            let mut ixs = vec![bank.propose(approvers[0].pubkey(), index, action.clone())];
            ixs.extend(
                approvers[1..]
                    .iter()
                    .map(|k| bank.approve(k.pubkey(), index)),
            );
            chain.send(&ixs, &approvers).await?;
        }
        chain.wait(gov.timelock_secs as i64 + 1).await?;
        for (i, action) in actions.iter().enumerate() {
            let index = gov.proposal_count + i as u64;
            let ix = bank.execute(approvers[0].pubkey(), index, action);
            chain.send(&[ix], &[approvers[0]]).await?;
            report.done.push(format!("governance: {action:?}"));
        }
    }

    // grid market and marketplace carbon registry.
    if chain.account(&pda::market()).await?.is_none() {
        chain.send(&[gm::init_market(me, me)], &[]).await?;
        report.done.push("grid market initialised".into());
    } else {
        report.skipped.push("grid market exists".into());
    }
    if chain.account(&pda::carbon_registry()).await?.is_none() {
        chain.send(&[mk::init_carbon_registry(me, me)], &[]).await?;
        report.done.push("carbon registry initialised".into());
    } else {
        report.skipped.push("carbon registry exists".into());
    }
    Ok(report)
}
