//! The community fund: shares, and grid revenue flowing down by CPI to shareholders.

use community::{
    errors::CommunityError as E,
    state::{Community, Position},
};
use grid_market::state::{Epoch, OwnerKind};
use sourceenergy_client::{community::CommunityKeys, grid_market as gm, pda};
use sourceenergy_tests::*;

use super::{community, member, offtaker};
use crate::grid_market::{grid, meter, next_epoch, open_epoch, read, HOUR};

async fn deposit(f: &mut Fixture, keys: &CommunityKeys, u: &User, amount: u64) -> TxResult {
    f.send(&[keys.deposit(u.pubkey(), u.currency, amount)], &[&u.key])
        .await
}

#[tokio::test]
async fn shares_are_fair_and_the_first_deposit_locks_some() {
    let f = &mut Fixture::bootstrap().await;
    let keys = community(f).await;
    let (a, b) = (
        member(f, &keys, 2_000 * UNIT).await,
        member(f, &keys, 1_000 * UNIT).await,
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
    ix.accounts[2].pubkey = pda::position(&keys.community(), &a.pubkey());
    assert_error(f.send(&[ix], &[&b.key]).await, AnchorError::ConstraintSeeds);
}

#[tokio::test]
async fn grid_revenue_flows_down_to_shareholders() {
    let (f, g) = &mut grid().await;
    let keys = community(f).await;
    let (a, b) = (
        member(f, &keys, 1_000 * UNIT).await,
        member(f, &keys, 500 * UNIT).await,
    );
    assert_success(deposit(f, &keys, &a, 1_000 * UNIT).await);
    assert_success(deposit(f, &keys, &b, 500 * UNIT).await);

    // A community-owned meter: readings credit the community PDA.
    let owner = keys.community();
    let m = meter(f, g, owner, OwnerKind::Community, 10_000).await;
    let offtaker = offtaker(f).await;
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    assert_success(read(f, g, m, owner, e, 4_000).await);
    next_epoch(f, 1).await;
    assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
    // No feeds: the floor, 50,000 per kWh -> 4 kWh earn 200,000.
    let ix = gm::settle_epoch(offtaker.pubkey(), offtaker.currency, e, u64::MAX);
    assert_success(f.send(&[ix], &[&offtaker.key]).await);
    let settled: Epoch = f.account(pda::epoch(e)).await;
    assert_eq!(settled.revenue, 200_000);

    // A late depositor joins after the revenue is earned but before it is claimed by CPI.
    assert_success(f.send(&[keys.claim_grid_revenue(e)], &[]).await);
    let late = member(f, &keys, 100 * UNIT).await;
    assert_success(deposit(f, &keys, &late, 100 * UNIT).await);
    let c: Community = f.account(keys.community()).await;
    // Fee ceil(5%) = 10,000; 190,000 over 1.5e9 staked shares pays out at most 189,999; the
    // rounding remainder of 1 stays in the reward pool.
    assert_eq!(
        (
            c.revenue_received,
            c.benefit_fund,
            c.rewards_outstanding,
            c.reward_dust
        ),
        (200_000, 10_000, 190_000, 1)
    );
    assert_eq!(f.balance(keys.vault()).await, c.liquid + 200_000);

    for (u, expected) in [(&a, 126_666), (&b, 63_333)] {
        let before = f.balance(u.currency).await;
        assert_success(
            f.send(&[keys.claim_rewards(u.pubkey(), u.currency)], &[&u.key])
                .await,
        );
        assert_eq!(f.balance(u.currency).await - before, expected);
    }
    // The late depositor earned none of it.
    let ix = keys.claim_rewards(late.pubkey(), late.currency);
    assert_error(f.send(&[ix], &[&late.key]).await, E::ZeroAmount);
    // The community's L3 share was claimed once; a second CPI claim fails in L3.
    assert_error(
        f.send(&[keys.claim_grid_revenue(e)], &[]).await,
        grid_market::errors::GridMarketError::AlreadyClaimed,
    );
}

#[tokio::test]
async fn first_depositor_inflation_attack_does_not_pay() {
    let f = &mut Fixture::bootstrap().await;
    let keys = community(f).await;
    let (attacker, victim) = (
        member(f, &keys, 1_000 * UNIT).await,
        member(f, &keys, 100 * UNIT).await,
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
    let keys = community(f).await;
    let a = member(f, &keys, 10 * UNIT).await;
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
    let keys = community(f).await;
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
