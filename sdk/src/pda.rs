//! Addresses of every program account, derived from the programs' seed constants.
//!
//! Every derivation goes through `find`, which remembers its answers: a program address
//! costs up to 255 curve checks to find, and clients build the same ones over and over.

use std::{
    collections::HashMap,
    sync::{Mutex, OnceLock},
};

use anchor_lang::prelude::Pubkey;
use central_bank::{seeds, state::RoleKind};

/// `Pubkey::find_program_address(seeds, program).0`, remembered per process.
pub fn find(seeds: &[&[u8]], program: &Pubkey) -> Pubkey {
    static CACHE: OnceLock<Mutex<HashMap<Vec<u8>, Pubkey>>> = OnceLock::new();
    let mut key = program.to_bytes().to_vec();
    for s in seeds {
        key.push(s.len() as u8);
        key.extend_from_slice(s);
    }
    let cache = CACHE.get_or_init(Default::default);
    if let Some(found) = cache.lock().expect("not poisoned").get(&key) {
        return *found;
    }
    let found = Pubkey::find_program_address(seeds, program).0;
    cache.lock().expect("not poisoned").insert(key, found);
    found
}

/// The upgradeable loader's ProgramData account of `program`: it names the program's upgrade
/// authority, which alone may run the program's one-time initialise instruction.
pub fn program_data(program: &Pubkey) -> Pubkey {
    find(
        &[program.as_ref()],
        &anchor_lang::solana_program::bpf_loader_upgradeable::ID,
    )
}

fn cb(seeds: &[&[u8]]) -> Pubkey {
    find(seeds, &central_bank::ID)
}

pub fn governance() -> Pubkey {
    cb(&[seeds::GOVERNANCE])
}
pub fn policy() -> Pubkey {
    cb(&[seeds::POLICY])
}
pub fn reserve() -> Pubkey {
    cb(&[seeds::RESERVE])
}
pub fn currency_mint() -> Pubkey {
    cb(&[seeds::CURRENCY_MINT])
}
pub fn collateral_vault() -> Pubkey {
    cb(&[seeds::COLLATERAL_VAULT])
}
pub fn surplus_vault() -> Pubkey {
    cb(&[seeds::SURPLUS_VAULT])
}
pub fn savings_vault() -> Pubkey {
    cb(&[seeds::SAVINGS_VAULT])
}
pub fn proposal(index: u64) -> Pubkey {
    cb(&[seeds::PROPOSAL, &index.to_le_bytes()])
}
pub fn role(role: RoleKind, subject: &Pubkey) -> Pubkey {
    cb(&[seeds::ROLE, &role.seed(), subject.as_ref()])
}
pub fn kyc_provider(authority: &Pubkey) -> Pubkey {
    cb(&[seeds::KYC_PROVIDER, authority.as_ref()])
}
pub fn attestation(wallet: &Pubkey) -> Pubkey {
    cb(&[seeds::ATTESTATION, wallet.as_ref()])
}
pub fn identity(identity_hash: &[u8; 32]) -> Pubkey {
    cb(&[seeds::IDENTITY, identity_hash.as_ref()])
}
pub fn savings_position(owner: &Pubkey) -> Pubkey {
    cb(&[seeds::SAVINGS_POSITION, owner.as_ref()])
}

fn mk(seeds: &[&[u8]]) -> Pubkey {
    find(seeds, &marketplace::ID)
}

/// The marketplace pool of `asset_mint` (quoted in the currency).
pub fn pool(asset_mint: &Pubkey) -> Pubkey {
    mk(&[marketplace::seeds::POOL, asset_mint.as_ref()])
}
pub fn pool_vault(pool: &Pubkey, mint: &Pubkey) -> Pubkey {
    mk(&[marketplace::seeds::POOL_VAULT, pool.as_ref(), mint.as_ref()])
}
pub fn lp_mint(pool: &Pubkey) -> Pubkey {
    mk(&[marketplace::seeds::LP_MINT, pool.as_ref()])
}
/// A wallet's rolling-volume record on the marketplace.
pub fn trader(wallet: &Pubkey) -> Pubkey {
    mk(&[marketplace::seeds::TRADER, wallet.as_ref()])
}

/// An escrowed offer of `maker` with the maker's `id`.
pub fn offer(maker: &Pubkey, id: u64) -> Pubkey {
    mk(&[marketplace::seeds::OFFER, maker.as_ref(), &id.to_le_bytes()])
}
pub fn offer_vault(offer: &Pubkey) -> Pubkey {
    mk(&[marketplace::seeds::OFFER_VAULT, offer.as_ref()])
}

/// The marketplace PDA that borrows reserve support and trades it.
pub fn market_authority() -> Pubkey {
    mk(&[marketplace::seeds::MARKET_AUTHORITY])
}
pub fn carbon_registry() -> Pubkey {
    mk(&[marketplace::seeds::CARBON_REGISTRY])
}
pub fn carbon_mint() -> Pubkey {
    mk(&[marketplace::seeds::CARBON_MINT])
}
pub fn retirement(serial: u64) -> Pubkey {
    mk(&[marketplace::seeds::RETIREMENT, &serial.to_le_bytes()])
}
/// grid_market's energy credit mint (1 base unit = 1 Wh).
pub fn energy_credit_mint() -> Pubkey {
    find(
        &[marketplace::seeds::ENERGY_CREDIT_MINT],
        &marketplace::seeds::GRID_MARKET_ID,
    )
}

fn gm(seeds: &[&[u8]]) -> Pubkey {
    find(seeds, &grid_market::ID)
}

pub fn market() -> Pubkey {
    gm(&[grid_market::seeds::MARKET])
}
pub fn revenue_vault() -> Pubkey {
    gm(&[grid_market::seeds::REVENUE_VAULT])
}
pub fn meter(meter_id: &Pubkey) -> Pubkey {
    gm(&[grid_market::seeds::METER, meter_id.as_ref()])
}
pub fn epoch(index: u64) -> Pubkey {
    gm(&[grid_market::seeds::EPOCH, &index.to_le_bytes()])
}
/// The per-epoch contribution record of a meter owner.
pub fn contributor(owner: &Pubkey) -> Pubkey {
    gm(&[grid_market::seeds::CONTRIBUTOR, owner.as_ref()])
}

fn cm(seeds: &[&[u8]]) -> Pubkey {
    find(seeds, &community::ID)
}

/// The community fund with id `id`.
pub fn community(id: &Pubkey) -> Pubkey {
    cm(&[community::seeds::COMMUNITY, id.as_ref()])
}
pub fn community_vault(community: &Pubkey) -> Pubkey {
    cm(&[community::seeds::COMMUNITY_VAULT, community.as_ref()])
}
pub fn position(community: &Pubkey, owner: &Pubkey) -> Pubkey {
    cm(&[
        community::seeds::POSITION,
        community.as_ref(),
        owner.as_ref(),
    ])
}

pub fn share_mint(community: &Pubkey) -> Pubkey {
    cm(&[community::seeds::SHARE_MINT, community.as_ref()])
}
pub fn project(community: &Pubkey, id: &Pubkey) -> Pubkey {
    cm(&[community::seeds::PROJECT, community.as_ref(), id.as_ref()])
}

// household
fn hh(seeds: &[&[u8]]) -> Pubkey {
    find(seeds, &household::ID)
}

/// The household trust with id `id`.
pub fn household(id: &Pubkey) -> Pubkey {
    hh(&[household::seeds::HOUSEHOLD, id.as_ref()])
}
pub fn household_vault(household: &Pubkey) -> Pubkey {
    hh(&[household::seeds::HOUSEHOLD_VAULT, household.as_ref()])
}

// member

/// The member account of `wallet`.
pub fn member(wallet: &Pubkey) -> Pubkey {
    find(&[member::seeds::MEMBER, wallet.as_ref()], &member::ID)
}

/// The associated token account of `owner` for `mint` under `token_program`.
pub fn associated_token(owner: &Pubkey, mint: &Pubkey, token_program: &Pubkey) -> Pubkey {
    find(
        &[owner.as_ref(), token_program.as_ref(), mint.as_ref()],
        &anchor_spl::associated_token::ID,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_addresses_are_the_derived_ones() {
        let wallet = Pubkey::new_unique();
        for _ in 0..2 {
            assert_eq!(
                member(&wallet),
                Pubkey::find_program_address(
                    &[member::seeds::MEMBER, wallet.as_ref()],
                    &member::ID
                )
                .0
            );
            assert_eq!(
                policy(),
                Pubkey::find_program_address(&[seeds::POLICY], &central_bank::ID).0
            );
        }
        // Keyed by each seed apart, yet equal to the derivation (which hashes them joined).
        for seeds in [&[&b"ab"[..], b"c"], &[&b"a"[..], b"bc"]] {
            assert_eq!(
                find(seeds, &member::ID),
                Pubkey::find_program_address(seeds, &member::ID).0
            );
        }
    }
}
