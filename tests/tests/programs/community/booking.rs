//! F5 of the second review: revenue is booked when its epoch closes and streams from then,
//! however late and batched the offtaker's payments are. A deposit made just before a batch of
//! settlements earns only for the time it is staked while those streams run.

use anchor_lang::prelude::Pubkey;
use community::{errors::CommunityError as E, state::Community};
use grid_market::state::OwnerKind;
use sourceenergy_sdk::{community::CommunityKeys, grid_market as gm};
use sourceenergy_tests::*;

use crate::grid_market::{grid, meter, next_epoch, open_epoch, read, Grid, HOUR};

/// 3,800 Wh a project epoch at the 50,000 floor (no feeds): 190,000 of revenue each, 9,500 of
/// it the 5% fee and 180,500 streamed.
const STREAMED: u64 = 180_500;

async fn claim_rewards(f: &mut Fixture, keys: &CommunityKeys, u: &User) -> TxResult {
    f.send(&[keys.claim_rewards(u.pubkey(), u.currency)], &[&u.key])
        .await
}

/// A community whose one holder staked `stake`, with a 10 kW project meter and an offtaker.
async fn staked_community(
    f: &mut Fixture,
    g: &Grid,
    stake: u64,
) -> (CommunityKeys, User, Pubkey, User) {
    let keys = f.community().await;
    let holder = f.community_member(&keys, stake).await;
    let ix = keys.deposit(holder.pubkey(), holder.currency, stake);
    assert_success(f.send(&[ix], &[&holder.key]).await);
    let m = meter(f, g, keys.community(), OwnerKind::Community, 10_000).await;
    let offtaker = f.offtaker().await;
    (keys, holder, m, offtaker)
}

#[tokio::test]
async fn a_deposit_before_batched_settlements_earns_only_for_its_time_in_the_streams() {
    let (f, g) = &mut grid().await;
    let (keys, holder, m, offtaker) = staked_community(f, g, 1_000 * UNIT).await;

    // Four epochs of energy, each closed and booked as it ends (the crank does both); the
    // offtaker pays none of them yet.
    let mut epochs = Vec::new();
    let mut cumulative = 0;
    for _ in 0..4 {
        next_epoch(f, 1).await;
        if let Some(&last) = epochs.last() {
            assert_success(f.send(&[gm::close_epoch(last)], &[]).await);
            assert_success(f.send(&[keys.book_revenue(last)], &[]).await);
        }
        let e = open_epoch(f).await;
        f.warp(HOUR / 2).await;
        cumulative += 3_800;
        assert_success(read(f, g, m, keys.community(), e, cumulative).await);
        // Not closed yet: no price to book it at.
        assert_error(f.send(&[keys.book_revenue(e)], &[]).await, E::NothingToBook);
        epochs.push(e);
    }
    next_epoch(f, 1).await;
    let last = *epochs.last().unwrap();
    assert_success(f.send(&[gm::close_epoch(last)], &[]).await);
    assert_success(f.send(&[keys.book_revenue(last)], &[]).await);
    assert_error(
        f.send(&[keys.book_revenue(last)], &[]).await,
        E::AlreadyBooked,
    );
    let fund: Community = f.account(keys.community()).await;
    assert_eq!(fund.receivable, 4 * 190_000);

    // The rewards streamed so far are owed, but the cash has not arrived.
    assert_error(
        claim_rewards(f, &keys, &holder).await,
        E::RevenueNotReceived,
    );

    // Half an hour after the last booking a depositor brings as much as the holder; then the
    // offtaker pays all four epochs at once and the community takes the cash in.
    f.warp(HOUR / 2).await;
    let depositor = f.community_member(&keys, 1_000 * UNIT).await;
    let ix = keys.deposit(depositor.pubkey(), depositor.currency, 1_000 * UNIT);
    assert_success(f.send(&[ix], &[&depositor.key]).await);
    for &e in &epochs {
        let ix = gm::settle_epoch(offtaker.pubkey(), offtaker.currency, e, u64::MAX);
        assert_success(f.send(&[ix], &[&offtaker.key]).await);
        assert_success(f.send(&[keys.claim_grid_revenue(e)], &[]).await);
    }
    let fund: Community = f.account(keys.community()).await;
    assert_eq!((fund.receivable, fund.revenue_received), (0, 4 * 190_000));

    // The last stream ends; both claim.
    f.warp(HOUR / 2).await;
    let (h0, d0) = (
        f.balance(holder.currency).await,
        f.balance(depositor.currency).await,
    );
    assert_success(claim_rewards(f, &keys, &holder).await);
    assert_success(claim_rewards(f, &keys, &depositor).await);
    let held = f.balance(holder.currency).await - h0;
    let joined = f.balance(depositor.currency).await - d0;
    // The depositor was staked for the last half of the last epoch's stream, with half the
    // staked shares: a quarter of 180,500 (the programs before this change paid it half of
    // all four, 380,000). The holder has the rest, less rounding dust.
    assert!(
        (STREAMED / 4 - 2..=STREAMED / 4).contains(&joined),
        "depositor {joined}"
    );
    assert!(
        4 * STREAMED - joined - held <= 4,
        "holder {held}, depositor {joined}"
    );
    let vault = f.balance(keys.vault()).await;
    let fund: Community = f.account(keys.community()).await;
    assert_eq!(
        vault,
        fund.liquid + fund.rewards_outstanding + fund.benefit_fund
    );
}

/// Revenue nobody booked is still taken in: claimed, it is split and streams from the claim,
/// as before booking existed.
#[tokio::test]
async fn revenue_never_booked_streams_from_its_claim() {
    let (f, g) = &mut grid().await;
    let (keys, holder, m, offtaker) = staked_community(f, g, 100 * UNIT).await;
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    assert_success(read(f, g, m, keys.community(), e, 3_800).await);
    next_epoch(f, 1).await;
    assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
    let ix = gm::settle_epoch(offtaker.pubkey(), offtaker.currency, e, u64::MAX);
    assert_success(f.send(&[ix], &[&offtaker.key]).await);
    assert_success(f.send(&[keys.claim_grid_revenue(e)], &[]).await);
    let fund: Community = f.account(keys.community()).await;
    assert_eq!(
        (fund.receivable, fund.benefit_fund, fund.rewards_outstanding),
        (0, 9_500, STREAMED)
    );
    // Claimed, its energy can no longer be booked.
    assert_error(f.send(&[keys.book_revenue(e)], &[]).await, E::NothingToBook);
    f.warp(HOUR).await;
    let before = f.balance(holder.currency).await;
    assert_success(claim_rewards(f, &keys, &holder).await);
    assert!(f.balance(holder.currency).await - before >= STREAMED - 1);
}
