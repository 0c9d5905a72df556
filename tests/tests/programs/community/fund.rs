//! The community fund: shares, and grid revenue flowing down by CPI to shareholders.

use community::{
    errors::CommunityError as E,
    state::{Community, Position},
};
use grid_market::state::{Epoch, OwnerKind};
use sourceenergy_sdk::{community::CommunityKeys, grid_market as gm, pda};
use sourceenergy_tests::*;

use crate::grid_market::{grid, meter, next_epoch, open_epoch, read, Grid, HOUR};

async fn deposit(f: &mut Fixture, keys: &CommunityKeys, u: &User, amount: u64) -> TxResult {
    f.send(&[keys.deposit(u.pubkey(), u.currency, amount)], &[&u.key])
        .await
}

/// A community-owned meter reads 4 kWh in one epoch, which closes with no feeds (the floor,
/// 50,000 per kWh) and is settled: 200,000 of revenue waits for the community. Returns the
/// epoch.
async fn settled_project_epoch(f: &mut Fixture, g: &Grid, keys: &CommunityKeys) -> u64 {
    let owner = keys.community();
    let m = meter(f, g, owner, OwnerKind::Community, 10_000).await;
    let offtaker = f.offtaker().await;
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    assert_success(read(f, g, m, owner, e, 4_000).await);
    next_epoch(f, 1).await;
    assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
    let ix = gm::settle_epoch(offtaker.pubkey(), offtaker.currency, e, u64::MAX);
    assert_success(f.send(&[ix], &[&offtaker.key]).await);
    e
}

#[tokio::test]
async fn shares_are_fair_and_the_first_deposit_locks_some() {
    let f = &mut Fixture::bootstrap().await;
    let keys = f.community().await;
    let (a, b) = (
        f.community_member(&keys, 2_000 * UNIT).await,
        f.community_member(&keys, 1_000 * UNIT).await,
    );
    assert_error(deposit(f, &keys, &a, 1_000).await, E::FirstDepositTooSmall);
    assert_success(deposit(f, &keys, &a, 1_000 * UNIT).await);
    let pa: Position = f
        .account(pda::position(&keys.community(), &a.pubkey()))
        .await;
    assert_eq!(
        pa.shares,
        1_000 * UNIT - 1_000,
        "1,000 shares locked forever"
    );

    // A donation to the vault is not fund value: the next depositor's price is unchanged.
    let donate = anchor_spl::token_2022::spl_token_2022::instruction::transfer_checked(
        &TOKEN,
        &a.currency,
        &pda::currency_mint(),
        &keys.vault(),
        &a.pubkey(),
        &[],
        500 * UNIT,
        6,
    )
    .unwrap();
    assert_success(f.send(&[donate], &[&a.key]).await);
    let b_before = f.balance(b.currency).await;
    assert_success(deposit(f, &keys, &b, 500 * UNIT).await);
    let pb: Position = f
        .account(pda::position(&keys.community(), &b.pubkey()))
        .await;
    assert_eq!(pb.shares, 500 * UNIT);

    // Withdrawing pays the shares' value, rounded down; a round trip never profits.
    let ix = keys.withdraw(b.pubkey(), b.currency, 500 * UNIT);
    assert_success(f.send(&[ix], &[&b.key]).await);
    assert_eq!(f.balance(b.currency).await, b_before);
    let ix = keys.withdraw(b.pubkey(), b.currency, 1);
    assert_error(f.send(&[ix], &[&b.key]).await, E::InsufficientShares);
    let c: Community = f.account(keys.community()).await;
    assert_eq!((c.liquid, c.total_shares), (1_000 * UNIT, 1_000 * UNIT));
    // PDA sharing: b cannot move a's position.
    let mut ix = keys.withdraw(b.pubkey(), b.currency, 1);
    ix.accounts[4].pubkey = pda::position(&keys.community(), &a.pubkey());
    assert_error(f.send(&[ix], &[&b.key]).await, AnchorError::ConstraintSeeds);
}

#[tokio::test]
async fn grid_revenue_flows_down_to_shareholders() {
    let (f, g) = &mut grid().await;
    let keys = f.community().await;
    let (a, b) = (
        f.community_member(&keys, 1_000 * UNIT).await,
        f.community_member(&keys, 500 * UNIT).await,
    );
    assert_success(deposit(f, &keys, &a, 1_000 * UNIT).await);
    assert_success(deposit(f, &keys, &b, 500 * UNIT).await);

    let e = settled_project_epoch(f, g, &keys).await;
    let settled: Epoch = f.account(pda::epoch(e)).await;
    assert_eq!(settled.revenue, 200_000);

    // Claimed by CPI, the revenue streams to staked shares over one epoch length (1 hour).
    assert_success(f.send(&[keys.claim_grid_revenue(e)], &[]).await);
    let c: Community = f.account(keys.community()).await;
    // Fee ceil(5%) = 10,000 to the benefit fund; 190,000 into the reward pool.
    assert_eq!(
        (c.revenue_received, c.benefit_fund, c.rewards_outstanding),
        (200_000, 10_000, 190_000)
    );
    assert_eq!(c.stream_end, f.now().await + HOUR);
    assert_eq!(f.balance(keys.vault()).await, c.liquid + 200_000);

    // Half way, a has earned two thirds of the first 95,000 (rounded down).
    f.warp(HOUR / 2).await;
    let claim = |u: &User| keys.claim_rewards(u.pubkey(), u.currency);
    let before = f.balance(a.currency).await;
    assert_success(f.send(&[claim(&a)], &[&a.key]).await);
    assert_eq!(f.balance(a.currency).await - before, 63_333);

    // A late depositor joins half way and earns only for the half hour it is staked.
    let late = f.community_member(&keys, 100 * UNIT).await;
    assert_success(deposit(f, &keys, &late, 100 * UNIT).await);
    f.warp(HOUR).await;
    // Second half: 95,000 over 1,599,999,000 staked shares.
    for (u, expected) in [(&a, 59_374), (&b, 61_354), (&late, 5_937)] {
        let before = f.balance(u.currency).await;
        assert_success(f.send(&[claim(u)], &[&u.key]).await);
        assert_eq!(f.balance(u.currency).await - before, expected);
    }
    // 189,998 paid; the rounding remainder stays in the pool, which still covers it.
    let c: Community = f.account(keys.community()).await;
    assert_eq!(c.rewards_outstanding, 2);
    assert_error(f.send(&[claim(&late)], &[&late.key]).await, E::ZeroAmount);
    // The community's grid_market share was claimed once; a second CPI claim fails in grid_market.
    assert_error(
        f.send(&[keys.claim_grid_revenue(e)], &[]).await,
        grid_market::errors::GridMarketError::AlreadyClaimed,
    );
}

/// Finding: a deposit, a revenue claim, a reward claim and a withdrawal in one transaction took
/// X/(V+X) of an epoch's revenue. Revenue now streams, so the round trip takes nothing.
#[tokio::test]
async fn just_in_time_deposit_claims_zero_amount() {
    let (f, g) = &mut grid().await;
    let keys = f.community().await;
    let (holder, jit) = (
        f.community_member(&keys, 1_000 * UNIT).await,
        f.community_member(&keys, 9_000 * UNIT).await,
    );
    assert_success(deposit(f, &keys, &holder, 1_000 * UNIT).await);
    let e = settled_project_epoch(f, g, &keys).await;

    // With nine times the holder's capital, in one transaction: deposit, claim the epoch's
    // revenue for the community, claim rewards. Nothing has streamed yet: ZeroAmount.
    let stake = 9_000 * UNIT;
    let deposit_ix = keys.deposit(jit.pubkey(), jit.currency, stake);
    let attack = [
        deposit_ix.clone(),
        keys.claim_grid_revenue(e),
        keys.claim_rewards(jit.pubkey(), jit.currency),
    ];
    let before = f.balance(jit.currency).await;
    assert_error(f.send(&attack, &[&jit.key]).await, E::ZeroAmount);
    // Without the reward claim the round trip returns at most the deposit.
    let round_trip = [
        deposit_ix,
        keys.claim_grid_revenue(e),
        keys.withdraw(jit.pubkey(), jit.currency, stake),
    ];
    assert_success(f.send(&round_trip, &[&jit.key]).await);
    assert!(f.balance(jit.currency).await <= before);

    // The holder, staked alone through the stream, gets all of it (190,000 less rounding).
    f.warp(HOUR).await;
    let before = f.balance(holder.currency).await;
    let ix = keys.claim_rewards(holder.pubkey(), holder.currency);
    assert_success(f.send(&[ix], &[&holder.key]).await);
    assert_eq!(f.balance(holder.currency).await - before, 189_999);
    let ix = keys.claim_rewards(jit.pubkey(), jit.currency);
    assert_error(f.send(&[ix], &[&jit.key]).await, E::ZeroAmount);
}

#[tokio::test]
async fn first_depositor_inflation_attack_does_not_pay() {
    let f = &mut Fixture::bootstrap().await;
    let keys = f.community().await;
    let (attacker, victim) = (
        f.community_member(&keys, 1_000 * UNIT).await,
        f.community_member(&keys, 100 * UNIT).await,
    );
    // The attacker opens the fund with the smallest deposit (1 share beyond the locked 1,000)
    // and "donates" 999 currency to the vault to inflate the price of a share.
    assert_success(deposit(f, &keys, &attacker, 1_001).await);
    let donate = anchor_spl::token_2022::spl_token_2022::instruction::transfer_checked(
        &TOKEN,
        &attacker.currency,
        &pda::currency_mint(),
        &keys.vault(),
        &attacker.pubkey(),
        &[],
        999 * UNIT,
        6,
    )
    .unwrap();
    assert_success(f.send(&[donate], &[&attacker.key]).await);
    // The donation is not fund value: the victim gets one share per unit, as the attacker did.
    assert_success(deposit(f, &keys, &victim, 100 * UNIT).await);
    let pv: Position = f.account(keys.position(&victim.pubkey())).await;
    assert_eq!(pv.shares, 100 * UNIT);
    // The attacker's one share redeems for one unit; the donation is lost to it.
    let before = f.balance(attacker.currency).await;
    let ix = keys.withdraw(attacker.pubkey(), attacker.currency, 1);
    assert_success(f.send(&[ix], &[&attacker.key]).await);
    assert_eq!(f.balance(attacker.currency).await - before, 1);
    let ix = keys.withdraw(victim.pubkey(), victim.currency, 100 * UNIT);
    let before = f.balance(victim.currency).await;
    assert_success(f.send(&[ix], &[&victim.key]).await);
    assert_eq!(f.balance(victim.currency).await - before, 100 * UNIT);
}

#[tokio::test]
async fn a_wallet_deposit_without_an_attestation_account_is_refused() {
    let f = &mut Fixture::bootstrap().await;
    let keys = f.community().await;
    let a = f.community_member(&keys, 10 * UNIT).await;
    let before = f.balance(a.currency).await;
    let mut ix = keys.deposit(a.pubkey(), a.currency, 5 * UNIT);
    // The optional attestation, absent: encoded as the program's own address.
    ix.accounts[2].pubkey = community::ID;
    assert_error(f.send(&[ix], &[&a.key]).await, E::AttestationRequired);
    assert_eq!(f.balance(a.currency).await, before);
}

#[tokio::test]
async fn pre_funding_a_position_address_does_not_keep_its_owner_out() {
    let f = &mut Fixture::bootstrap().await;
    let keys = f.community().await;
    let owner = f.user(10 * UNIT).await;
    let gift = anchor_lang::solana_program::system_instruction::transfer(
        &f.payer(),
        &keys.position(&owner.pubkey()),
        1_000_000,
    );
    assert_success(f.send(&[gift], &[]).await);
    let open = keys.open_position(owner.pubkey());
    assert_success(f.send(&[open.clone()], &[&owner.key]).await);
    let p: Position = f.account(keys.position(&owner.pubkey())).await;
    assert_eq!((p.owner, p.shares), (owner.pubkey(), 0));
    // Reinitialization: a second open is refused and changes nothing.
    f.warp(1).await;
    assert_error(f.send(&[open], &[&owner.key]).await, E::PositionExists);
    let c: Community = f.account(keys.community()).await;
    assert_eq!(c.impact.members, 1);
}
