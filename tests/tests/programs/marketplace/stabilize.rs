//! Reserve stabilisation: the energy credit pool's TWAP against the policy price band.

use anchor_lang::prelude::Pubkey;
use central_bank::{
    errors::CentralBankError as CbE,
    state::{GovernanceAction, Reserve, RoleKind},
};
use marketplace::{errors::MarketplaceError as E, state::Pool};
use solana_sdk::signer::Signer;
use sourceenergy_sdk::{marketplace::PoolKeys, pda};
use sourceenergy_tests::*;

/// A bank whose surplus holds 1,000 currency, with the energy credit mint listed and the
/// stabilisation token accounts created.
async fn energy_market() -> (Fixture, PoolKeys) {
    let mut f = Fixture::bootstrap().await;
    let energy = f.install_energy_credit_mint().await;
    let keys = PoolKeys {
        asset_mint: energy,
        asset_token_program: TOKEN,
    };
    f.enact(GovernanceAction::GrantRole {
        role: RoleKind::ListedMarketAsset,
        subject: energy,
    })
    .await;
    let surplus = pda::surplus_vault();
    f.enact(GovernanceAction::IssueCurrency {
        recipient: surplus,
        amount: 1_000 * UNIT,
    })
    .await;
    for (owner, mint, program) in keys.stabilize_accounts() {
        f.ata(&owner, &mint, program).await;
    }
    (f, keys)
}

async fn create_pool(f: &mut Fixture, keys: &PoolKeys, wh: u64, currency: u64) {
    let maker = f.trader(keys, currency, wh).await;
    f.create_pool(keys, &maker, wh, currency, 25).await;
}

/// The energy credit pool of `wh` against `currency` (25 bps LP fee), an hour old, so its TWAP
/// covers a full observation interval at the creation price.
async fn energy_pool(wh: u64, currency: u64) -> (Fixture, PoolKeys) {
    let (mut f, keys) = energy_market().await;
    create_pool(&mut f, &keys, wh, currency).await;
    f.warp(3_600).await;
    (f, keys)
}

fn reserve_asset(keys: &PoolKeys) -> Pubkey {
    pda::associated_token(&pda::reserve(), &keys.asset_mint, &TOKEN)
}

#[tokio::test]
async fn below_the_floor_the_reserve_buys_energy_credits() {
    // 20 currency for 1,000 kWh: 20,000 base units per kWh, under the 50,000 floor.
    let (f, keys) = &mut energy_pool(1_000_000, 20 * UNIT).await;
    let surplus = f.balance(pda::surplus_vault()).await;
    assert_success(f.send(&[keys.stabilize()], &[]).await);
    // sqrt(20e6 * 1e6 * 50) - 20e6 = 11,622,776 currency in; LP fee 29,057; 366,962 Wh out.
    assert_eq!(f.balance(pda::surplus_vault()).await, surplus - 11_622_776);
    assert_eq!(f.balance(reserve_asset(keys)).await, 366_962);
    let p: Pool = f.account(keys.pool()).await;
    assert_eq!((p.asset_reserve, p.currency_reserve), (633_038, 31_622_776));
    // The spot price is now at the floor but for the LP fee: 49,953 per kWh.
    assert_eq!(
        p.currency_reserve as u128 * 1_000 / p.asset_reserve as u128,
        49_953
    );
    let r: Reserve = f.account(pda::reserve()).await;
    assert_eq!((r.support_used, r.support_total), (11_622_776, 11_622_776));
    // Nothing was minted: the reserve spent surplus currency it held.
    assert_eq!(f.balance(keys.currency_vault()).await, p.currency_reserve);
}

#[tokio::test]
async fn support_is_capped_per_period() {
    let (f, keys) = &mut energy_pool(1_000_000, 20 * UNIT).await;
    let mut params = default_policy();
    params.reserve_support_cap = 5 * UNIT;
    f.enact(GovernanceAction::SetPolicy { params }).await;
    let surplus = f.balance(pda::surplus_vault()).await;
    assert_success(f.send(&[keys.stabilize()], &[]).await);
    assert_eq!(f.balance(pda::surplus_vault()).await, surplus - 5 * UNIT);
    assert_eq!(f.balance(reserve_asset(keys)).await, 199_599);
    // The cap is used up for this period: the crank does nothing.
    assert_success(f.send(&[keys.stabilize()], &[]).await);
    assert_eq!(f.balance(pda::surplus_vault()).await, surplus - 5 * UNIT);
    // A new period brings a new allowance.
    f.warp(86_400).await;
    assert_success(f.send(&[keys.stabilize()], &[]).await);
    assert_eq!(f.balance(pda::surplus_vault()).await, surplus - 10 * UNIT);
    let r: Reserve = f.account(pda::reserve()).await;
    assert_eq!((r.support_used, r.support_total), (5 * UNIT, 10 * UNIT));
}

#[tokio::test]
async fn inside_the_band_or_without_twap_nothing_happens() {
    // 100 currency for 1,000 kWh: 100,000 per kWh, inside [50,000, 500,000].
    let (f, keys) = &mut energy_pool(1_000_000, 100 * UNIT).await;
    let before: Pool = f.account(keys.pool()).await;
    let surplus = f.balance(pda::surplus_vault()).await;
    assert_success(f.send(&[keys.stabilize()], &[]).await);
    let after: Pool = f.account(keys.pool()).await;
    assert_eq!(
        (after.asset_reserve, after.currency_reserve),
        (before.asset_reserve, before.currency_reserve)
    );
    assert_eq!(f.balance(pda::surplus_vault()).await, surplus);
    let r: Reserve = f.account(pda::reserve()).await;
    assert_eq!(r.support_total, 0);
}

#[tokio::test]
async fn no_trade_before_a_full_twap_interval() {
    let (f, keys) = &mut energy_market().await;
    // Far below the floor, but the pool is brand new: a TWAP needs one observation interval.
    create_pool(f, keys, 1_000_000, 20 * UNIT).await;
    let surplus = f.balance(pda::surplus_vault()).await;
    assert_success(f.send(&[keys.stabilize()], &[]).await);
    assert_eq!(f.balance(pda::surplus_vault()).await, surplus);
    let interval = f
        .account::<Pool>(keys.pool())
        .await
        .observation_interval_secs;
    f.warp(interval as i64).await;
    assert_success(f.send(&[keys.stabilize()], &[]).await);
    assert_eq!(f.balance(pda::surplus_vault()).await, surplus - 11_622_776);
}

#[tokio::test]
async fn above_the_ceiling_the_reserve_sells_what_it_holds() {
    // 1,000 currency for 1,000 kWh: 1,000,000 per kWh, over the 500,000 ceiling.
    let (f, keys) = &mut energy_pool(1_000_000, 1_000 * UNIT).await;
    // With no energy credits in the reserve, there is nothing to sell.
    let surplus = f.balance(pda::surplus_vault()).await;
    assert_success(f.send(&[keys.stabilize()], &[]).await);
    assert_eq!(f.balance(pda::surplus_vault()).await, surplus);

    f.fund_asset(keys, &pda::reserve(), 300_000).await;
    assert_success(f.send(&[keys.stabilize()], &[]).await);
    // Needed: sqrt(1e6 * 1e9 * 1000 / 500,000) - 1e6 = 414,213 Wh; the reserve holds 300,000.
    assert_eq!(f.balance(reserve_asset(keys)).await, 0);
    assert_eq!(f.balance(pda::surplus_vault()).await, surplus + 230_325_187);
    let r: Reserve = f.account(pda::reserve()).await;
    assert_eq!(
        r.support_used,
        150 * UNIT,
        "valued at the ceiling: 300,000 Wh * 500,000 / 1,000"
    );
}

#[tokio::test]
async fn only_the_marketplace_authority_draws_support_and_only_for_energy() {
    let (f, keys) = &mut energy_pool(1_000_000, 20 * UNIT).await;
    // A forged signer asks L1 directly for surplus currency.
    let thief = f.actor().await;
    let thief_currency = f.currency_ata(&thief.pubkey()).await;
    let ix = f.bank.support_market(
        thief.pubkey(),
        pda::currency_mint(),
        TOKEN,
        thief_currency,
        UNIT,
        UNIT,
    );
    assert_error(f.send(&[ix], &[&thief]).await, CbE::NotMarketAuthority);
    assert_eq!(f.balance(thief_currency).await, 0);

    // Another listed asset's pool is not stabilised.
    let other = f.listed_asset(6, TOKEN).await;
    let maker = f.trader(&other, 100 * UNIT, 100 * UNIT).await;
    f.create_pool(&other, &maker, 100 * UNIT, 100 * UNIT, 25)
        .await;
    for (owner, mint, program) in other.stabilize_accounts() {
        f.ata(&owner, &mint, program).await;
    }
    assert_error(f.send(&[other.stabilize()], &[]).await, E::NotStabilized);
    let p: Pool = f.account(keys.pool()).await;
    assert_eq!(
        p.currency_reserve,
        20 * UNIT,
        "the energy pool was not touched either"
    );
}
