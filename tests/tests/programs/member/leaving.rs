//! member leave_household and leave_community: a member the trustees removed, or whose community
//! position is empty, can leave, join elsewhere, and its readings follow (review finding 6a:
//! a removed member could never record readings again or join another household).

use ::household::{errors::HouseholdError as HhE, state::Household};
use ::member::{errors::MemberError as E, state::Member};
use anchor_lang::prelude::AccountMeta;
use community::state::Community;
use solana_sdk::signer::Signer;
use sourceenergy_sdk::{
    community::CommunityKeys,
    grid_market as gm,
    household::HouseholdKeys,
    member::{self as mb, Affiliation},
    pda,
};
use sourceenergy_tests::*;

use crate::grid_market::{credits, grid, next_epoch, open_epoch, Grid, HOUR};
use crate::people::*;

/// `p` registers a 10 kW meter through the member program (its member account owns it) in a fresh
/// epoch.
pub(super) async fn member_meter(f: &mut Fixture, g: &Grid, p: &Person) -> Pubkey {
    let id = Pubkey::new_unique();
    let ix = p
        .keys
        .register_meter(g.registrar.pubkey(), id, 10_000, g.oracle.pubkey());
    assert_success(f.send(&[ix], &[&p.user.key, &g.registrar]).await);
    f.ata(&p.wallet(), &pda::energy_credit_mint(), TOKEN).await;
    id
}

/// Records `cumulative` Wh of `p`'s meter in a new epoch, through `via`.
async fn read(
    f: &mut Fixture,
    g: &Grid,
    p: &Person,
    meter_id: Pubkey,
    via: Affiliation,
    cumulative: u64,
) -> TxResult {
    next_epoch(f, HOUR / 2).await;
    let epoch = open_epoch(f).await;
    let reading = gm::Reading {
        oracle: g.oracle.pubkey(),
        meter_id,
        owner: p.wallet(),
        epoch,
    };
    let ix = mb::record_reading(&reading, &via, cumulative);
    f.send(&[ix], &[&g.oracle]).await
}

fn household(h: &HouseholdKeys) -> Affiliation {
    Affiliation {
        household: Some(*h),
        community: None,
    }
}

fn direct(c: &CommunityKeys) -> Affiliation {
    Affiliation {
        household: None,
        community: Some(*c),
    }
}

#[tokio::test]
async fn removed_member_leaves_its_household_and_reads_through_the_next() {
    let (f, g) = &mut grid().await;
    let t = f.actor().await;
    let (h1, h2) = (trust(f, &[&t], 1, 0).await, trust(f, &[&t], 1, 0).await);
    let (a, b) = (person(f, UNIT).await, person(f, UNIT).await);
    let m = member_meter(f, g, &a).await;
    let ix = h1.set_members(weights(&[(&a, 10_000)]), &signers(&[&t]));
    assert_success(f.send(&[ix], &[&t]).await);
    assert_success(f.send(&[a.keys.join_household(&h1)], &[&a.user.key]).await);
    assert_success(read(f, g, &a, m, household(&h1), 1_000).await);

    // Still listed: the member cannot walk out on its own, nor leave a household not its own,
    // and nobody else can take it out.
    let ix = a.keys.leave_household(&h1);
    assert_error(f.send(&[ix], &[&a.user.key]).await, E::StillListed);
    let ix = a.keys.leave_household(&h2);
    assert_error(f.send(&[ix], &[&a.user.key]).await, E::WrongAffiliation);
    let mut ix = a.keys.leave_household(&h1);
    ix.accounts[0] = AccountMeta::new_readonly(b.wallet(), true);
    assert_error(
        f.send(&[ix], &[&b.user.key]).await,
        AnchorError::ConstraintSeeds,
    );
    let member: Member = f.account(a.keys.member()).await;
    assert_eq!(member.household, h1.household());

    // The trustees remove it (it is owed nothing): its readings dead-end at the old trust
    // until it leaves.
    let ix = h1.set_members(weights(&[(&b, 10_000)]), &signers(&[&t]));
    assert_success(f.send(&[ix], &[&t]).await);
    assert_error(
        read(f, g, &a, m, household(&h1), 1_800).await,
        HhE::UnaffiliatedMeter,
    );
    assert_success(f.send(&[a.keys.leave_household(&h1)], &[&a.user.key]).await);
    let member: Member = f.account(a.keys.member()).await;
    assert_eq!(member.household, Pubkey::default());

    // With no affiliation the reading goes straight to grid_market; then through the new household.
    assert_success(read(f, g, &a, m, Affiliation::default(), 1_800).await);
    assert_eq!(f.balance(credits(&a.wallet())).await, 1_800);
    let ix = h2.set_members(weights(&[(&a, 10_000)]), &signers(&[&t]));
    assert_success(f.send(&[ix], &[&t]).await);
    assert_success(f.send(&[a.keys.join_household(&h2)], &[&a.user.key]).await);
    assert_success(read(f, g, &a, m, household(&h2), 2_500).await);

    let old: Household = f.account(h1.household()).await;
    let new: Household = f.account(h2.household()).await;
    assert_eq!(old.energy_wh, 1_000);
    assert_eq!((new.energy_wh, new.members[0].energy_wh), (700, 700));
    let member: Member = f.account(a.keys.member()).await;
    assert_eq!(
        (member.household, member.metrics.energy_wh),
        (h2.household(), 2_500)
    );
    assert_eq!(f.balance(credits(&a.wallet())).await, 2_500);
}

#[tokio::test]
async fn member_leaves_an_emptied_community_and_reads_through_the_next() {
    let (f, g) = &mut grid().await;
    let (c1, c2) = (f.community().await, f.community().await);
    let (a, b) = (person(f, 10 * UNIT).await, person(f, UNIT).await);
    let m = member_meter(f, g, &a).await;
    assert_success(f.send(&[a.keys.join_community(&c1)], &[&a.user.key]).await);
    assert_success(
        f.send(&[a.keys.invest(&c1, 10 * UNIT)], &[&a.user.key])
            .await,
    );
    assert_success(read(f, g, &a, m, direct(&c1), 1_000).await);

    // Shares still in the position: leaving would strand them. Nobody else can do it either.
    let ix = a.keys.leave_community(&c1);
    assert_error(f.send(&[ix], &[&a.user.key]).await, E::PositionNotEmpty);
    let mut ix = a.keys.leave_community(&c1);
    ix.accounts[0] = AccountMeta::new_readonly(b.wallet(), true);
    assert_error(
        f.send(&[ix], &[&b.user.key]).await,
        AnchorError::ConstraintSeeds,
    );
    let member: Member = f.account(a.keys.member()).await;
    assert_eq!(member.community, c1.community());

    // Divested to zero (the first deposit's 1,000 shares stay locked), it leaves and joins c2.
    let ix = a.keys.divest(&c1, 10 * UNIT - 1_000);
    assert_success(f.send(&[ix], &[&a.user.key]).await);
    assert_success(f.send(&[a.keys.leave_community(&c1)], &[&a.user.key]).await);
    let member: Member = f.account(a.keys.member()).await;
    assert_eq!(member.community, Pubkey::default());
    assert_success(f.send(&[a.keys.join_community(&c2)], &[&a.user.key]).await);
    assert_success(read(f, g, &a, m, direct(&c2), 1_500).await);
    let old: Community = f.account(c1.community()).await;
    let new: Community = f.account(c2.community()).await;
    assert_eq!((old.impact.energy_wh, new.impact.energy_wh), (1_000, 500));

    // It can also come back to c1, where its empty position waits.
    assert_success(f.send(&[a.keys.leave_community(&c2)], &[&a.user.key]).await);
    assert_success(f.send(&[a.keys.join_community(&c1)], &[&a.user.key]).await);
    assert_success(read(f, g, &a, m, direct(&c1), 1_700).await);
    let old: Community = f.account(c1.community()).await;
    assert_eq!(old.impact.energy_wh, 1_200);
    let member: Member = f.account(a.keys.member()).await;
    assert_eq!(
        (member.community, member.metrics.energy_wh),
        (c1.community(), 1_700)
    );
}
