//! The grid market, and the helpers its tests share.

mod epoch_capacity;
mod epoch_order;
mod readings;
mod settlement;

use anchor_lang::prelude::Pubkey;
use central_bank::state::{GovernanceAction, RoleKind};
use grid_market::{
    instructions::RegisterMeterArgs,
    state::{Market, OwnerKind},
};
use solana_sdk::{signature::Keypair, signer::Signer};
use sourceenergy_sdk::{grid_market as gm, pda};
use sourceenergy_tests::*;

pub const HOUR: i64 = 3_600;

pub struct Grid {
    pub registrar: Keypair,
    pub oracle: Keypair,
}

/// A bank with the grid market (1-hour epochs from policy), a meter registrar and an oracle.
pub async fn grid() -> (Fixture, Grid) {
    let mut f = Fixture::bootstrap().await;
    assert_success(f.send(&[gm::init_market(f.payer(), f.payer())], &[]).await);
    let (registrar, oracle) = (f.actor().await, f.actor().await);
    f.enact(GovernanceAction::GrantRole {
        role: RoleKind::MeterRegistrar,
        subject: registrar.pubkey(),
    })
    .await;
    f.enact(GovernanceAction::GrantRole {
        role: RoleKind::MeterOracle,
        subject: oracle.pubkey(),
    })
    .await;
    (f, Grid { registrar, oracle })
}

pub fn args(owner: Pubkey, kind: OwnerKind, capacity_w: u64, oracle: Pubkey) -> RegisterMeterArgs {
    RegisterMeterArgs {
        meter_id: Pubkey::new_unique(),
        owner_kind: kind,
        owner,
        credits_to: owner,
        capacity_w,
        oracle,
    }
}

/// Registers a meter for `owner` and creates the owner's energy credit account. A member's meter
/// credits a person's wallet, which grid_market requires to be attested: it is, if it was not.
pub async fn meter(
    f: &mut Fixture,
    g: &Grid,
    owner: Pubkey,
    kind: OwnerKind,
    capacity_w: u64,
) -> Pubkey {
    let a = args(owner, kind, capacity_w, g.oracle.pubkey());
    if kind == OwnerKind::Member && f.raw_account(pda::attestation(&owner)).await.is_none() {
        f.attest(&owner, 1).await;
    }
    assert_success(
        f.send(
            &[gm::register_meter(g.registrar.pubkey(), a)],
            &[&g.registrar],
        )
        .await,
    );
    f.ata(&owner, &pda::energy_credit_mint(), TOKEN).await;
    a.meter_id
}

/// Opens the epoch containing the current time and returns its index.
pub async fn open_epoch(f: &mut Fixture) -> u64 {
    let market: Market = f.account(pda::market()).await;
    let index = market.epoch_at(f.now().await);
    assert_success(f.send(&[gm::open_epoch(f.payer(), index)], &[]).await);
    index
}

pub async fn read(
    f: &mut Fixture,
    g: &Grid,
    meter_id: Pubkey,
    owner: Pubkey,
    epoch: u64,
    cumulative: u64,
) -> TxResult {
    let ix = gm::submit_reading(
        &gm::Reading {
            oracle: g.oracle.pubkey(),
            meter_id,
            owner,
            epoch,
        },
        cumulative,
    );
    f.send(&[ix], &[&g.oracle]).await
}

pub fn credits(owner: &Pubkey) -> Pubkey {
    pda::associated_token(owner, &pda::energy_credit_mint(), &TOKEN)
}

/// Moves the clock to `offset` seconds into the next epoch.
pub async fn next_epoch(f: &mut Fixture, offset: i64) {
    let market: Market = f.account(pda::market()).await;
    let now = f.now().await;
    let next_start = market.epoch_start(market.epoch_at(now) + 1);
    f.warp(next_start - now + offset).await;
}
