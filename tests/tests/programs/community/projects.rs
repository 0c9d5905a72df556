//! Projects, share tokens and impact metrics.

use community::{
    errors::CommunityError as E,
    instructions::RegisterProjectArgs,
    state::{Community, Position, Project},
};
use grid_market::state::OwnerKind;
use solana_sdk::signer::Signer;
use sourceenergy_sdk::{community::CommunityKeys, grid_market as gm, pda};
use sourceenergy_tests::*;

use crate::grid_market::{grid, meter, next_epoch, open_epoch, HOUR};

async fn deposit(f: &mut Fixture, keys: &CommunityKeys, u: &User, amount: u64) {
    let ix = keys.deposit(u.pubkey(), u.currency, amount);
    assert_success(f.send(&[ix], &[&u.key]).await);
}

#[tokio::test]
async fn projects_are_funded_from_liquid_currency_within_budget() {
    let (f, g) = &mut grid().await;
    let (keys, manager) = f.managed_community().await;
    let a = f.community_member(&keys, 1_000 * UNIT).await;
    deposit(f, &keys, &a, 1_000 * UNIT).await;
    let builder = f.actor().await;
    let payee = f.currency_ata(&builder.pubkey()).await;
    let project_meter = meter(f, g, keys.community(), OwnerKind::Community, 50_000).await;
    let args = RegisterProjectArgs {
        project_id: solana_sdk::pubkey::Pubkey::new_unique(),
        capacity_w: 50_000,
        capex: 800 * UNIT,
    };

    // A meter someone else owns cannot be the community's project meter.
    let foreign = meter(f, g, a.pubkey(), OwnerKind::Member, 1_000).await;
    let ix = keys.register_project(manager.pubkey(), foreign, payee, args);
    assert_error(
        f.send(&[ix], &[&manager]).await,
        E::ProjectMeterNotCommunity,
    );
    // Only the manager registers (data matching on `has_one = manager`).
    let ix = keys.register_project(a.pubkey(), project_meter, payee, args);
    assert_error(
        f.send(&[ix], &[&a.key]).await,
        AnchorError::ConstraintHasOne,
    );
    let ix = keys.register_project(manager.pubkey(), project_meter, payee, args);
    assert_success(f.send(&[ix], &[&manager]).await);

    let fund = |amount| keys.fund_project(manager.pubkey(), args.project_id, payee, amount);
    assert_success(f.send(&[fund(600 * UNIT)], &[&manager]).await);
    assert_error(
        f.send(&[fund(200 * UNIT + 1)], &[&manager]).await,
        E::ExceedsCapex,
    );
    assert_eq!(f.balance(payee).await, 600 * UNIT);
    let p: Project = f
        .account(pda::project(&keys.community(), &args.project_id))
        .await;
    assert_eq!((p.funded, p.capex), (600 * UNIT, 800 * UNIT));

    // The fund's value is unchanged (projects at cost), so the share price is too; only the
    // 400 still liquid can be withdrawn.
    let c: Community = f.account(keys.community()).await;
    assert_eq!(
        (c.liquid, c.invested, c.value()),
        (400 * UNIT, 600 * UNIT, 1_000 * UNIT)
    );
    let ix = keys.withdraw(a.pubkey(), a.currency, 500 * UNIT);
    assert_error(f.send(&[ix], &[&a.key]).await, E::InsufficientLiquidity);
    let before = f.balance(a.currency).await;
    let ix = keys.withdraw(a.pubkey(), a.currency, 400 * UNIT);
    assert_success(f.send(&[ix], &[&a.key]).await);
    assert_eq!(f.balance(a.currency).await - before, 400 * UNIT);

    // The project's meter readings go up through the community into its impact metrics:
    // 3,000 Wh at 400 g/kWh avoid 1,200 g of CO2.
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    let reading = gm::Reading {
        oracle: g.oracle.pubkey(),
        meter_id: project_meter,
        owner: keys.community(),
        epoch: e,
    };
    let ix = keys.record_reading(&reading, 3_000);
    assert_success(f.send(&[ix], &[&g.oracle]).await);
    let c: Community = f.account(keys.community()).await;
    assert_eq!(
        (c.impact.energy_wh, c.impact.co2_avoided_g, c.impact.members),
        (3_000, 1_200, 1)
    );
    assert_eq!(
        f.balance(pda::associated_token(
            &keys.community(),
            &pda::energy_credit_mint(),
            &TOKEN
        ))
        .await,
        3_000
    );
}

#[tokio::test]
async fn a_meter_not_affiliated_with_the_community_is_rejected() {
    let (f, g) = &mut grid().await;
    let (keys, _) = f.managed_community().await;
    // `a` holds a position, but a plain wallet is not a lower layer that vouches for a meter.
    let a = f.community_member(&keys, 10 * UNIT).await;
    let m = meter(f, g, a.pubkey(), OwnerKind::Member, 10_000).await;
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    let reading = gm::Reading {
        oracle: g.oracle.pubkey(),
        meter_id: m,
        owner: a.pubkey(),
        epoch: e,
    };
    let mut ix = keys.record_reading(&reading, 1_000);
    ix.accounts[2] = anchor_lang::prelude::AccountMeta::new_readonly(a.pubkey(), true);
    ix.accounts[3] =
        anchor_lang::prelude::AccountMeta::new_readonly(keys.position(&a.pubkey()), false);
    assert_error(
        f.send(&[ix], &[&g.oracle, &a.key]).await,
        E::UnaffiliatedMeter,
    );
    // Without a reporter position at all, the same.
    let ix = keys.record_reading(&reading, 1_000);
    assert_error(f.send(&[ix], &[&g.oracle]).await, E::UnaffiliatedMeter);
    let c: Community = f.account(keys.community()).await;
    assert_eq!(c.impact.energy_wh, 0);
}

#[tokio::test]
async fn tokenized_shares_earn_nothing_until_staked_back() {
    let (f, g) = &mut grid().await;
    let (keys, _) = f.managed_community().await;
    let (a, b) = (
        f.community_member(&keys, 1_000 * UNIT).await,
        f.community_member(&keys, 1_000 * UNIT).await,
    );
    deposit(f, &keys, &a, 1_000 * UNIT).await;
    deposit(f, &keys, &b, 1_000 * UNIT).await;
    let a_tokens = f.ata(&a.pubkey(), &keys.share_mint(), TOKEN).await;
    let b_tokens = f.ata(&b.pubkey(), &keys.share_mint(), TOKEN).await;

    let ix = keys.tokenize(a.pubkey(), a_tokens, 1_000 * UNIT);
    assert_error(f.send(&[ix], &[&a.key]).await, E::InsufficientShares);
    let ix = keys.tokenize(a.pubkey(), a_tokens, 999_999_000);
    assert_success(f.send(&[ix], &[&a.key]).await);
    assert_eq!(f.balance(a_tokens).await, 999_999_000);
    // Share tokens are transferable.
    let give = anchor_spl::token_2022::spl_token_2022::instruction::transfer_checked(
        &TOKEN,
        &a_tokens,
        &keys.share_mint(),
        &b_tokens,
        &a.pubkey(),
        &[],
        499_999_000,
        6,
    )
    .unwrap();
    assert_success(f.send(&[give], &[&a.key]).await);

    // Revenue arrives while a's shares are tokenized: only b's staked shares earn it.
    let m = meter(f, g, keys.community(), OwnerKind::Community, 10_000).await;
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    let reading = gm::Reading {
        oracle: g.oracle.pubkey(),
        meter_id: m,
        owner: keys.community(),
        epoch: e,
    };
    assert_success(
        f.send(&[keys.record_reading(&reading, 2_000)], &[&g.oracle])
            .await,
    );
    next_epoch(f, 1).await;
    assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
    let offtaker = f.offtaker().await;
    let ix = gm::settle_epoch(offtaker.pubkey(), offtaker.currency, e, u64::MAX);
    assert_success(f.send(&[ix], &[&offtaker.key]).await);
    assert_success(f.send(&[keys.claim_grid_revenue(e)], &[]).await);
    // 2 kWh at the 50,000 floor = 100,000; fee 5,000; 95,000 streams to b's 1e9 staked
    // shares over the next hour.
    f.warp(HOUR).await;
    let ix = keys.claim_rewards(a.pubkey(), a.currency);
    assert_error(f.send(&[ix], &[&a.key]).await, E::ZeroAmount);

    // b stakes the tokens it received; they earn from now on, not retroactively.
    let ix = keys.stake(b.pubkey(), b_tokens, 499_999_000);
    assert_success(f.send(&[ix], &[&b.key]).await);
    let pb: Position = f.account(keys.position(&b.pubkey())).await;
    assert_eq!((pb.shares, pb.pending), (1_499_999_000, 95_000));
    let c: Community = f.account(keys.community()).await;
    assert_eq!(
        (c.staked_shares, c.total_shares),
        (1_499_999_000, 2_000_000_000)
    );
    let ix = keys.stake(b.pubkey(), b_tokens, 1);
    assert_error(f.send(&[ix], &[&b.key]).await, E::InsufficientShares);
    let before = f.balance(b.currency).await;
    assert_success(
        f.send(&[keys.claim_rewards(b.pubkey(), b.currency)], &[&b.key])
            .await,
    );
    assert_eq!(f.balance(b.currency).await - before, 95_000);
}

/// Finding: anyone holding a share token could burn one base unit, after which every stake and
/// tokenize failed with `SharesNotBacked`. Burned shares now simply stay out of circulation.
#[tokio::test]
async fn burning_a_share_token_blocks_no_one() {
    let f = &mut Fixture::bootstrap().await;
    let (keys, _) = f.managed_community().await;
    let (a, b) = (
        f.community_member(&keys, 1_000 * UNIT).await,
        f.community_member(&keys, 1_000 * UNIT).await,
    );
    deposit(f, &keys, &a, 1_000 * UNIT).await;
    deposit(f, &keys, &b, 1_000 * UNIT).await;
    let a_tokens = f.ata(&a.pubkey(), &keys.share_mint(), TOKEN).await;
    let b_tokens = f.ata(&b.pubkey(), &keys.share_mint(), TOKEN).await;
    assert_success(
        f.send(&[keys.tokenize(a.pubkey(), a_tokens, 10)], &[&a.key])
            .await,
    );
    assert_success(
        f.send(
            &[keys.tokenize(b.pubkey(), b_tokens, 500 * UNIT)],
            &[&b.key],
        )
        .await,
    );
    // The griefer burns one share token through Token-2022 directly.
    let burn = anchor_spl::token_2022::spl_token_2022::instruction::burn_checked(
        &TOKEN,
        &a_tokens,
        &keys.share_mint(),
        &a.pubkey(),
        &[],
        1,
        6,
    )
    .unwrap();
    assert_success(f.send(&[burn], &[&a.key]).await);

    // Everyone else still tokenizes and stakes back, and redeems at an unchanged price.
    assert_success(
        f.send(&[keys.stake(b.pubkey(), b_tokens, 500 * UNIT)], &[&b.key])
            .await,
    );
    assert_success(
        f.send(&[keys.tokenize(b.pubkey(), b_tokens, 1)], &[&b.key])
            .await,
    );
    assert_success(
        f.send(&[keys.stake(a.pubkey(), a_tokens, 9)], &[&a.key])
            .await,
    );
    let c: Community = f.account(keys.community()).await;
    assert_eq!(
        (c.staked_shares, c.total_shares),
        (2_000_000_000 - 1_000 - 2, 2_000_000_000)
    );
    let before = f.balance(b.currency).await;
    let ix = keys.withdraw(b.pubkey(), b.currency, 1_000 * UNIT - 1);
    assert_success(f.send(&[ix], &[&b.key]).await);
    // One share per unit, as deposited: the burned share's unit stays in the fund.
    assert_eq!(f.balance(b.currency).await - before, 1_000 * UNIT - 1);
}
