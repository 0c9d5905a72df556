//! What leaves the community on the manager's word: the benefit fund, and the energy credits
//! its meters earned (review finding 6c, 6d: both used to grow with no way out).

use central_bank::{
    errors::CentralBankError as CbE,
    state::{GovernanceAction, RoleKind},
};
use community::{errors::CommunityError as E, state::Community};
use grid_market::state::OwnerKind;
use solana_sdk::{signature::Keypair, signer::Signer};
use sourceenergy_sdk::{community::CommunityKeys, grid_market as gm, pda};
use sourceenergy_tests::*;

use crate::grid_market::{credits, grid, meter, next_epoch, open_epoch, HOUR};

/// A community with no depositors whose project meter produced 4 kWh, sold at the 50,000
/// floor: 200,000 claimed (fee 10,000 to the benefit fund, 190,000 streaming), and 4,000 Wh
/// of credits in its credit account.
async fn earning_community() -> (Fixture, CommunityKeys, Keypair) {
    let (mut fixture, g) = grid().await;
    let f = &mut fixture;
    let (c, manager) = f.managed_community().await;
    let project = meter(f, &g, c.community(), OwnerKind::Community, 10_000).await;
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    let reading = gm::Reading {
        oracle: g.oracle.pubkey(),
        meter_id: project,
        owner: c.community(),
        epoch: e,
    };
    let ix = c.record_reading(&reading, 4_000);
    assert_success(f.send(&[ix], &[&g.oracle]).await);
    next_epoch(f, 1).await;
    assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
    let o = f.offtaker().await;
    let ix = gm::settle_epoch(o.pubkey(), o.currency, e, u64::MAX);
    assert_success(f.send(&[ix], &[&o.key]).await);
    assert_success(f.send(&[c.claim_grid_revenue(e)], &[]).await);
    (fixture, c, manager)
}

#[tokio::test]
async fn manager_spends_the_benefit_fund_to_a_named_account() {
    let (mut fixture, c, manager) = earning_community().await;
    let f = &mut fixture;
    let state: Community = f.account(c.community()).await;
    assert_eq!(state.benefit_fund, 10_000);
    let school = f.actor().await;
    let recipient = f.currency_ata(&school.pubkey()).await;

    // No one stakes, so once the stream has run its 190,000 joins the fund too.
    f.warp(HOUR).await;
    let vault = f.balance(c.vault()).await;
    let ix = c.spend_benefit_fund(manager.pubkey(), recipient, 150_000);
    assert_success(f.send(&[ix], &[&manager]).await);
    assert_eq!(f.balance(recipient).await, 150_000);
    assert_eq!(f.balance(c.vault()).await, vault - 150_000);
    let state: Community = f.account(c.community()).await;
    assert_eq!((state.benefit_fund, state.rewards_outstanding), (50_000, 0));

    // The rest, exactly, empties it.
    let ix = c.spend_benefit_fund(manager.pubkey(), recipient, 50_000);
    assert_success(f.send(&[ix], &[&manager]).await);
    assert_eq!(f.balance(recipient).await, 200_000);
    let state: Community = f.account(c.community()).await;
    assert_eq!(state.benefit_fund, 0);
}

#[tokio::test]
async fn spend_benefit_fund_fails_not_manager_insufficient_benefit_fund_invalid_role_account() {
    let (mut fixture, c, manager) = earning_community().await;
    let f = &mut fixture;
    let outsider = f.actor().await;
    let recipient = f.currency_ata(&outsider.pubkey()).await;
    // Someone else, even one holding the registrar role, is not this community's manager.
    f.enact(GovernanceAction::GrantRole {
        role: RoleKind::CommunityRegistrar,
        subject: outsider.pubkey(),
    })
    .await;
    // Governance took its time: the stream has run out into the benefit fund.
    let vault = f.balance(c.vault()).await;
    let ix = c.spend_benefit_fund(outsider.pubkey(), recipient, 1_000);
    assert_error(f.send(&[ix], &[&outsider]).await, E::NotManager);
    // More than the fund holds: 200,000 once the whole stream is released.
    let ix = c.spend_benefit_fund(manager.pubkey(), recipient, 200_001);
    assert_error(f.send(&[ix], &[&manager]).await, E::InsufficientBenefitFund);
    // A manager whose registrar role governance revoked can no longer spend.
    f.enact(GovernanceAction::RevokeRole {
        role: RoleKind::CommunityRegistrar,
        subject: manager.pubkey(),
    })
    .await;
    let ix = c.spend_benefit_fund(manager.pubkey(), recipient, 1_000);
    assert_error(f.send(&[ix], &[&manager]).await, CbE::InvalidRoleAccount);

    assert_eq!(f.balance(recipient).await, 0);
    assert_eq!(f.balance(c.vault()).await, vault);
    let state: Community = f.account(c.community()).await;
    assert_eq!(state.benefit_fund, 10_000, "rejections change nothing");
}

#[tokio::test]
async fn manager_moves_the_communitys_energy_credits() {
    let (mut fixture, c, manager) = earning_community().await;
    let f = &mut fixture;
    assert_eq!(f.balance(c.credits()).await, 4_000);
    let buyer = f.actor().await;
    let destination = f
        .ata(&buyer.pubkey(), &pda::energy_credit_mint(), TOKEN)
        .await;

    let ix = c.transfer_credits(manager.pubkey(), destination, 1_500);
    assert_success(f.send(&[ix], &[&manager]).await);
    assert_eq!(f.balance(c.credits()).await, 2_500);
    assert_eq!(f.balance(destination).await, 1_500);
    assert_eq!(f.supply(pda::energy_credit_mint()).await, 4_000);
}

#[tokio::test]
async fn transfer_credits_fails_not_manager_and_invalid_role_account() {
    let (mut fixture, c, manager) = earning_community().await;
    let f = &mut fixture;
    let outsider = f.actor().await;
    let destination = credits(&outsider.pubkey());
    f.ata(&outsider.pubkey(), &pda::energy_credit_mint(), TOKEN)
        .await;

    let ix = c.transfer_credits(outsider.pubkey(), destination, 1_000);
    assert_error(f.send(&[ix], &[&outsider]).await, E::NotManager);
    // The source must be the community's own credit account.
    let mut ix = c.transfer_credits(manager.pubkey(), destination, 1_000);
    ix.accounts[4].pubkey = destination;
    ix.accounts[5].pubkey = c.credits();
    assert_error(
        f.send(&[ix], &[&manager]).await,
        AnchorError::ConstraintTokenOwner,
    );
    f.enact(GovernanceAction::RevokeRole {
        role: RoleKind::CommunityRegistrar,
        subject: manager.pubkey(),
    })
    .await;
    let ix = c.transfer_credits(manager.pubkey(), destination, 1_000);
    assert_error(f.send(&[ix], &[&manager]).await, CbE::InvalidRoleAccount);

    assert_eq!(f.balance(c.credits()).await, 4_000);
    assert_eq!(f.balance(destination).await, 0);
}
