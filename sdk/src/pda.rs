//! Addresses of every program account, derived from the programs' seed constants.
//!
//! Every derivation goes through `find`, which remembers its answers: a program address
//! costs up to 255 curve checks to find, and clients build the same ones over and over.
//!
//! Each function's doc gives its seeds, for clients in other languages: a quoted string is the
//! program's seed constant (its bytes), an index or serial is a `u64` in little-endian bytes, a
//! key is its 32 bytes. The program deriving the address is the account's own: central_bank from
//! [`governance`] to [`savings_position`], then marketplace, grid_market, community, household
//! and member, in the order of this file.

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
/// authority, which alone may run the program's one-time initialise instruction. Seeds
/// `[program]` under the upgradeable BPF loader.
pub fn program_data(program: &Pubkey) -> Pubkey {
    find(
        &[program.as_ref()],
        &anchor_lang::solana_program::bpf_loader_upgradeable::ID,
    )
}

fn cb(seeds: &[&[u8]]) -> Pubkey {
    find(seeds, &central_bank::ID)
}

/// The council, its threshold and timelock, and the proposal counter; seeds `["governance"]`.
pub fn governance() -> Pubkey {
    cb(&[seeds::GOVERNANCE])
}
/// The policy in force (fees, price band, KYC levels, epoch length, caps); seeds `["policy"]`.
pub fn policy() -> Pubkey {
    cb(&[seeds::POLICY])
}
/// The reserve: the currency's mint and freeze authority, owner of every central bank vault,
/// and its collateral and issuance accounting; seeds `["reserve"]`.
pub fn reserve() -> Pubkey {
    cb(&[seeds::RESERVE])
}
/// The currency's Token-2022 mint (6 decimals: 1 base unit = 10⁻⁶ currency); seeds
/// `["currency_mint"]`.
pub fn currency_mint() -> Pubkey {
    cb(&[seeds::CURRENCY_MINT])
}
/// The reserve's collateral, held 1:1 against minted currency; seeds `["collateral_vault"]`.
pub fn collateral_vault() -> Pubkey {
    cb(&[seeds::COLLATERAL_VAULT])
}
/// The reserve's currency from fees and swept epoch revenue, which pays savings interest and
/// lends to the marketplace's stabilisation; seeds `["surplus_vault"]`.
pub fn surplus_vault() -> Pubkey {
    cb(&[seeds::SURPLUS_VAULT])
}
/// The currency of every savings position and its interest; seeds `["savings_vault"]`.
pub fn savings_vault() -> Pubkey {
    cb(&[seeds::SAVINGS_VAULT])
}
/// Governance proposal number `index` (the next one is `Governance::proposal_count`); seeds
/// `["proposal", index]`.
pub fn proposal(index: u64) -> Pubkey {
    cb(&[seeds::PROPOSAL, &index.to_le_bytes()])
}
/// The record that `subject` holds `role`, present only while it is granted; seeds
/// `["role", role as one byte, subject]`.
pub fn role(role: RoleKind, subject: &Pubkey) -> Pubkey {
    cb(&[seeds::ROLE, &role.seed(), subject.as_ref()])
}
/// The record of the approved KYC provider whose signing key is `authority`; seeds
/// `["kyc_provider", authority]`.
pub fn kyc_provider(authority: &Pubkey) -> Pubkey {
    cb(&[seeds::KYC_PROVIDER, authority.as_ref()])
}
/// `wallet`'s KYC attestation (level, jurisdiction, expiry); seeds `["attestation", wallet]`.
pub fn attestation(wallet: &Pubkey) -> Pubkey {
    cb(&[seeds::ATTESTATION, wallet.as_ref()])
}
/// The record binding one verified identity (the provider's `identity_hash`) to one wallet;
/// seeds `["identity", identity_hash]`.
pub fn identity(identity_hash: &[u8; 32]) -> Pubkey {
    cb(&[seeds::IDENTITY, identity_hash.as_ref()])
}
/// `owner`'s savings position; seeds `["savings_position", owner]`.
pub fn savings_position(owner: &Pubkey) -> Pubkey {
    cb(&[seeds::SAVINGS_POSITION, owner.as_ref()])
}

fn mk(seeds: &[&[u8]]) -> Pubkey {
    find(seeds, &marketplace::ID)
}

/// The marketplace pool of `asset_mint` (quoted in the currency); seeds `["pool", asset_mint]`.
pub fn pool(asset_mint: &Pubkey) -> Pubkey {
    mk(&[marketplace::seeds::POOL, asset_mint.as_ref()])
}
/// The pool's token account for `mint` (its asset or the currency); seeds
/// `["pool_vault", pool, mint]`.
pub fn pool_vault(pool: &Pubkey, mint: &Pubkey) -> Pubkey {
    mk(&[marketplace::seeds::POOL_VAULT, pool.as_ref(), mint.as_ref()])
}
/// The pool's LP token mint (Token-2022); seeds `["lp_mint", pool]`.
pub fn lp_mint(pool: &Pubkey) -> Pubkey {
    mk(&[marketplace::seeds::LP_MINT, pool.as_ref()])
}
/// A wallet's rolling 24-hour trade volume on the marketplace; seeds `["trader", wallet]`.
pub fn trader(wallet: &Pubkey) -> Pubkey {
    mk(&[marketplace::seeds::TRADER, wallet.as_ref()])
}

/// An escrowed offer of `maker` with the maker's `id`; seeds `["offer", maker, id]`.
pub fn offer(maker: &Pubkey, id: u64) -> Pubkey {
    mk(&[marketplace::seeds::OFFER, maker.as_ref(), &id.to_le_bytes()])
}
/// The escrow holding what remains of the offer's sell side; seeds `["offer_vault", offer]`.
pub fn offer_vault(offer: &Pubkey) -> Pubkey {
    mk(&[marketplace::seeds::OFFER_VAULT, offer.as_ref()])
}

/// The marketplace PDA that borrows reserve support and trades it; seeds
/// `["market_authority"]`.
pub fn market_authority() -> Pubkey {
    mk(&[marketplace::seeds::MARKET_AUTHORITY])
}
/// Carbon-credit totals and the retirement counter, mint authority of the carbon credits; seeds
/// `["carbon_registry"]`.
pub fn carbon_registry() -> Pubkey {
    mk(&[marketplace::seeds::CARBON_REGISTRY])
}
/// The carbon credit mint (Token-2022, 6 decimals: 1 base unit = 1 g CO2e); seeds
/// `["carbon_mint"]`.
pub fn carbon_mint() -> Pubkey {
    mk(&[marketplace::seeds::CARBON_MINT])
}
/// The permanent record of carbon retirement number `serial` (the registry's
/// `retirement_count` when it was made); seeds `["retirement", serial]`.
pub fn retirement(serial: u64) -> Pubkey {
    mk(&[marketplace::seeds::RETIREMENT, &serial.to_le_bytes()])
}
/// grid_market's energy credit mint (Token-2022, 1 base unit = 1 Wh); seeds
/// `["energy_credit_mint"]` under grid_market.
pub fn energy_credit_mint() -> Pubkey {
    find(
        &[marketplace::seeds::ENERGY_CREDIT_MINT],
        &marketplace::seeds::GRID_MARKET_ID,
    )
}

fn gm(seeds: &[&[u8]]) -> Pubkey {
    find(seeds, &grid_market::ID)
}

/// The grid market (epoch genesis and length, credited Wh), mint authority of the energy
/// credits; seeds `["market"]`.
pub fn market() -> Pubkey {
    gm(&[grid_market::seeds::MARKET])
}
/// Settled epoch revenue (currency) awaiting claims or the sweep; seeds `["revenue_vault"]`.
pub fn revenue_vault() -> Pubkey {
    gm(&[grid_market::seeds::REVENUE_VAULT])
}
/// Registered meter `meter_id` (owner, capacity in W, oracle, last reading); seeds
/// `["meter", meter_id]`.
pub fn meter(meter_id: &Pubkey) -> Pubkey {
    gm(&[grid_market::seeds::METER, meter_id.as_ref()])
}
/// Settlement epoch `index` (energy in Wh, grid prices, clearing price, revenue); seeds
/// `["epoch", index]`.
pub fn epoch(index: u64) -> Pubkey {
    gm(&[grid_market::seeds::EPOCH, &index.to_le_bytes()])
}
/// The per-epoch contribution record of a meter owner (wallet, member account, household trust
/// or community); seeds `["contributor", owner]`.
pub fn contributor(owner: &Pubkey) -> Pubkey {
    gm(&[grid_market::seeds::CONTRIBUTOR, owner.as_ref()])
}

fn cm(seeds: &[&[u8]]) -> Pubkey {
    find(seeds, &community::ID)
}

/// The community fund with id `id`; seeds `["community", id]`.
pub fn community(id: &Pubkey) -> Pubkey {
    cm(&[community::seeds::COMMUNITY, id.as_ref()])
}
/// The community fund's currency vault; seeds `["community_vault", community]`.
pub fn community_vault(community: &Pubkey) -> Pubkey {
    cm(&[community::seeds::COMMUNITY_VAULT, community.as_ref()])
}
/// `owner`'s shares in `community` (a wallet, household trust or member account); seeds
/// `["position", community, owner]`.
pub fn position(community: &Pubkey, owner: &Pubkey) -> Pubkey {
    cm(&[
        community::seeds::POSITION,
        community.as_ref(),
        owner.as_ref(),
    ])
}

/// The mint of the community's share tokens (shares tokenized out of positions); seeds
/// `["share_mint", community]`.
pub fn share_mint(community: &Pubkey) -> Pubkey {
    cm(&[community::seeds::SHARE_MINT, community.as_ref()])
}
/// Renewable project `id` that `community` funds; seeds `["project", community, id]`.
pub fn project(community: &Pubkey, id: &Pubkey) -> Pubkey {
    cm(&[community::seeds::PROJECT, community.as_ref(), id.as_ref()])
}

// household
fn hh(seeds: &[&[u8]]) -> Pubkey {
    find(seeds, &household::ID)
}

/// The household trust with id `id`; seeds `["household", id]`.
pub fn household(id: &Pubkey) -> Pubkey {
    hh(&[household::seeds::HOUSEHOLD, id.as_ref()])
}
/// The household trust's currency vault; seeds `["household_vault", household]`.
pub fn household_vault(household: &Pubkey) -> Pubkey {
    hh(&[household::seeds::HOUSEHOLD_VAULT, household.as_ref()])
}

// member

/// The member account of `wallet`; seeds `["member", wallet]`.
pub fn member(wallet: &Pubkey) -> Pubkey {
    find(&[member::seeds::MEMBER, wallet.as_ref()], &member::ID)
}

/// The associated token account of `owner` for `mint` under `token_program`; seeds
/// `[owner, token_program, mint]` under the Associated Token program.
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
