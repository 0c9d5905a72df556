//! Reserve stabilisation: the energy credit pool's TWAP against the policy price band.

use anchor_lang::prelude::Pubkey;
use central_bank::{
    errors::CentralBankError as CbE,
    state::{GovernanceAction, Reserve, RoleKind},
};
use marketplace::{errors::MarketplaceError as E, state::Pool};
use se_math::amm::input_to_reach;
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

/// One step: 25 bps LP and 30 bps protocol fee, both ways.
const STEP_BPS: u64 = 110;

/// The currency that lifts a pool of `wh` against `currency` to `per_kwh`.
fn to_reach(currency: u64, wh: u64, per_kwh: u64) -> u64 {
    input_to_reach(currency, wh, per_kwh, 1_000).unwrap()
}

#[tokio::test]
async fn below_the_floor_the_reserve_buys_one_step_an_interval() {
    // 20 currency for 1,000 kWh: 20,000 base units per kWh, under the 50,000 floor.
    let (f, keys) = &mut energy_pool(1_000_000, 20 * UNIT).await;
    assert_eq!(
        marketplace::instructions::support_step_bps(25, default_policy().marketplace_fee_bps),
        STEP_BPS
    );
    let surplus = f.balance(pda::surplus_vault()).await;
    assert_success(f.send(&[keys.stabilize()], &[]).await);
    // One step up from 20,000: to 20,220 per kWh. sqrt(20e6 x 1e6 x 20.22) - 20e6 currency in.
    let spent = to_reach(20 * UNIT, 1_000_000, 20_000 * (10_000 + STEP_BPS) / 10_000);
    assert_eq!(spent, 109_699);
    assert_eq!(f.balance(pda::surplus_vault()).await, surplus - spent);
    let p: Pool = f.account(keys.pool()).await;
    assert_eq!(p.currency_reserve, 20 * UNIT + spent);
    assert_eq!(
        f.balance(reserve_asset(keys)).await,
        1_000_000 - p.asset_reserve
    );
    let spot = p.currency_reserve as u128 * 1_000 / p.asset_reserve as u128;
    assert!((20_210..=20_220).contains(&spot), "{spot}");
    let r: Reserve = f.account(pda::reserve()).await;
    assert_eq!((r.support_used, r.support_total), (spent, spent));
    // Nothing was minted: the reserve spent surplus currency it held.
    assert_eq!(f.balance(keys.currency_vault()).await, p.currency_reserve);

    // Once per observation interval.
    assert_error(
        f.send(&[keys.stabilize()], &[]).await,
        E::StabilizedThisInterval,
    );
    f.warp(p.observation_interval_secs as i64).await;
    assert_success(f.send(&[keys.stabilize()], &[]).await);
    let next: Pool = f.account(keys.pool()).await;
    let spot_next = next.currency_reserve as u128 * 1_000 / next.asset_reserve as u128;
    assert!(spot_next > spot && spot_next <= spot * (10_000 + STEP_BPS as u128) / 10_000 + 1);
}

/// F4 of the second review: buy before the crank, sell after. The crank lifts the price by at
/// most the pool's round-trip fee, which the sandwich pays: it ends with less currency than it
/// started with, holding the same energy. The review's attack, with a push to the floor in one
/// trade, kept 3,665,581 and made the reserve pay 15,400,768 for what cost 11,622,776.
#[tokio::test]
async fn a_sandwich_around_the_crank_earns_nothing() {
    for bite in [UNIT / 2, 2 * UNIT, 10 * UNIT] {
        let (f, keys) = &mut energy_pool(1_000_000, 20 * UNIT).await;
        let attacker = f.trader(keys, 20 * UNIT, 0).await;
        let (currency, energy) = (
            f.balance(attacker.holdings.currency).await,
            f.balance(attacker.holdings.asset).await,
        );
        let buy = keys.swap(&attacker.holdings, true, bite, 1);
        assert_success(f.send(&[buy], &[&attacker.user.key]).await);
        let bought = f.balance(attacker.holdings.asset).await - energy;
        let surplus = f.balance(pda::surplus_vault()).await;
        assert_success(f.send(&[keys.stabilize()], &[]).await);
        assert!(
            f.balance(pda::surplus_vault()).await < surplus,
            "the crank traded"
        );
        let sell = keys.swap(&attacker.holdings, false, bought, 1);
        assert_success(f.send(&[sell], &[&attacker.user.key]).await);
        assert_eq!(f.balance(attacker.holdings.asset).await, energy);
        let after = f.balance(attacker.holdings.currency).await;
        assert!(
            after < currency,
            "a sandwich of {bite} gained {}",
            after - currency
        );
    }
}

#[tokio::test]
async fn support_is_capped_per_period() {
    // 50 MWh against 1,000 currency (20,000 per kWh): one step takes about 5.5 currency.
    let (f, keys) = &mut energy_pool(50_000_000, 1_000 * UNIT).await;
    let mut params = default_policy();
    params.reserve_support_cap = 5 * UNIT;
    f.enact(GovernanceAction::SetPolicy { params }).await;
    assert!(to_reach(1_000 * UNIT, 50_000_000, 20_220) > 5 * UNIT);
    let surplus = f.balance(pda::surplus_vault()).await;
    assert_success(f.send(&[keys.stabilize()], &[]).await);
    assert_eq!(f.balance(pda::surplus_vault()).await, surplus - 5 * UNIT);
    // The cap is used up for this period: the next intervals do nothing.
    let interval = f
        .account::<Pool>(keys.pool())
        .await
        .observation_interval_secs as i64;
    f.warp(interval).await;
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
    assert_eq!(f.balance(pda::surplus_vault()).await, surplus - 109_699);
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
    f.warp(3_600).await;
    assert_success(f.send(&[keys.stabilize()], &[]).await);
    // One step down from 1,000,000: to 1,000,000 x 10,000 / 10,110 (rounded up), 989,120 per
    // kWh, which takes sqrt(1e6 x 1e9 x 1,000 / 989,120) - 1e6 Wh in.
    let target = se_math::mul_div_ceil(1_000_000, 10_000, 10_000 + STEP_BPS).unwrap();
    assert_eq!(target, 989_120);
    let sold = input_to_reach(1_000_000, 1_000 * UNIT, 1_000, target).unwrap();
    assert!((5_000..6_000).contains(&sold), "{sold}");
    assert_eq!(f.balance(reserve_asset(keys)).await, 300_000 - sold);
    let r: Reserve = f.account(pda::reserve()).await;
    assert_eq!(
        r.support_used,
        sold * 500,
        "valued at the ceiling: 500,000 per kWh"
    );
    assert!(f.balance(pda::surplus_vault()).await > surplus + 5 * UNIT);
}

#[tokio::test]
async fn only_the_marketplace_authority_draws_support_and_only_for_energy() {
    let (f, keys) = &mut energy_pool(1_000_000, 20 * UNIT).await;
    // A forged signer asks central_bank directly for surplus currency.
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
