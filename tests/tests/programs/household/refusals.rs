//! Every household instruction's refusals that the other household tests leave out: each bad
//! attempt gets its typed error and changes nothing, and the same accounts then work honestly.
//! (Thresholds and trustee checks of set_members, divest and transfer_credits, the member list
//! and weights, and the crank's other community are in `trust`, `divest`, `credits` and
//! `stack::whole`.)

use ::household::{errors::HouseholdError as E, state::Household};
use community::{errors::CommunityError as CmE, state::Position};
use grid_market::{errors::GridMarketError as GmE, state::Meter, state::OwnerKind};
use solana_sdk::instruction::Instruction;
use sourceenergy_sdk::{grid_market as gm, member as mb, member::Affiliation, pda};
use sourceenergy_tests::*;

use crate::grid_market::{credits, grid, meter, next_epoch, open_epoch, Grid, HOUR};
use crate::people::*;

/// `ix` with the account `from` replaced by `to` (same signer and writable flags).
fn swap(mut ix: Instruction, from: Pubkey, to: Pubkey) -> Instruction {
    let at = ix
        .accounts
        .iter()
        .position(|m| m.pubkey == from)
        .expect("the account is in the instruction");
    ix.accounts[at].pubkey = to;
    ix
}

/// A trust with one trustee `t` whose only member `a` has joined it on the member side.
async fn trust_of(f: &mut Fixture, t: &Keypair, a: &Person) -> HouseholdKeys {
    let h = trust(f, &[t], 1, 0).await;
    let ix = h.set_members(weights(&[(a, 10_000)]), &signers(&[t]));
    assert_success(f.send(&[ix], &[t]).await);
    assert_success(f.send(&[a.keys.join_household(&h)], &[&a.user.key]).await);
    h
}

/// Reads the trust's own meter `meter_id` at `cumulative` Wh in a fresh epoch, then closes and
/// settles that epoch; returns its index.
async fn settled_reading(
    f: &mut Fixture,
    g: &Grid,
    h: &HouseholdKeys,
    meter_id: Pubkey,
    cumulative: u64,
) -> u64 {
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    let reading = gm::Reading {
        oracle: g.oracle.pubkey(),
        meter_id,
        owner: h.household(),
        epoch: e,
    };
    let ix = h.record_reading(&reading, g.oracle.pubkey(), None, cumulative);
    assert_success(f.send(&[ix], &[&g.oracle]).await);
    next_epoch(f, 1).await;
    assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
    let o = f.offtaker().await;
    let ix = gm::settle_epoch(o.pubkey(), o.currency, e, u64::MAX);
    assert_success(f.send(&[ix], &[&o.key]).await);
    e
}

#[tokio::test]
async fn create_household_refusals_household_exists_and_six_trustees() {
    let f = &mut Fixture::bootstrap().await;
    let (t1, t2) = (f.actor().await, f.actor().await);
    let h = HouseholdKeys {
        id: Pubkey::new_unique(),
    };
    let p = f.payer();

    // One more trustee than the five a trust holds.
    let six: Vec<Pubkey> = (0..6).map(|_| Pubkey::new_unique()).collect();
    let ix = h.create(p, six, 1, 0);
    assert_error(f.send(&[ix], &[]).await, E::InvalidTrustees);
    assert!(f.raw_account(h.household()).await.is_none());

    // An id may be guessed and its address pre-funded: creation still goes through.
    let gift =
        anchor_lang::solana_program::system_instruction::transfer(&p, &h.household(), 1_000_000);
    assert_success(f.send(&[gift], &[]).await);
    assert_success(f.send(&[h.create(p, vec![t1.pubkey()], 1, 0)], &[]).await);

    // A second creation with the same id cannot take the trust over with other trustees.
    let ix = h.create(p, vec![t2.pubkey()], 1, 5_000);
    assert_error(f.send(&[ix], &[]).await, E::HouseholdExists);
    let state: Household = f.account(h.household()).await;
    assert_eq!(
        (state.trustees[0], state.trustee_count, state.reinvest_bps),
        (t1.pubkey(), 1, 0)
    );
}

#[tokio::test]
async fn set_members_refusals_nine_members_a_trustee_counted_twice_and_another_trusts_trustees() {
    let f = &mut Fixture::bootstrap().await;
    let (t1, t2, t3) = (f.actor().await, f.actor().await, f.actor().await);
    let h = trust(f, &[&t1, &t2], 2, 0).await;
    let other = trust(f, &[&t3], 1, 0).await;
    let a = person(f, UNIT).await;
    let both = signers(&[&t1, &t2]);

    // Nine members, one more than a trust holds (weights summing to 10,000 all the same).
    let nine: Vec<MemberWeight> = (0..9)
        .map(|i| MemberWeight {
            wallet: Pubkey::new_unique(),
            weight_bps: if i == 0 { 2_000 } else { 1_000 },
        })
        .collect();
    let ix = h.set_members(nine, &both);
    assert_error(f.send(&[ix], &[&t1, &t2]).await, E::InvalidMembers);

    let list = weights(&[(&a, 10_000)]);
    // One trustee's signature listed twice is one approval, below the threshold of two.
    let ix = h.set_members(list.clone(), &signers(&[&t1, &t1]));
    assert_error(f.send(&[ix], &[&t1]).await, E::ThresholdNotMet);
    // More than five approvals (the most trustees a trust has) are refused before counting.
    let ix = h.set_members(list.clone(), &signers(&[&t1, &t2, &t1, &t2, &t1, &t2]));
    assert_error(f.send(&[ix], &[&t1, &t2]).await, E::NotTrustee);
    // Another trust's trustee is no trustee here.
    let ix = h.set_members(list.clone(), &signers(&[&t1, &t3]));
    assert_error(f.send(&[ix], &[&t1, &t3]).await, E::NotTrustee);
    let state: Household = f.account(h.household()).await;
    assert_eq!(state.member_count, 0);

    // Its own trustees set the list; the other trust is untouched.
    assert_success(f.send(&[h.set_members(list, &both)], &[&t1, &t2]).await);
    let state: Household = f.account(h.household()).await;
    assert_eq!(
        (state.member_count, state.members[0].wallet),
        (1, a.wallet())
    );
    let state: Household = f.account(other.household()).await;
    assert_eq!(state.member_count, 0);
}

#[tokio::test]
async fn join_community_refusals_not_trustee_threshold_not_met_and_wrong_community_accounts() {
    let f = &mut Fixture::bootstrap().await;
    let (c, c2) = (f.community().await, f.community().await);
    let (t1, t2, outsider) = (f.actor().await, f.actor().await, f.actor().await);
    let h = trust(f, &[&t1, &t2], 2, 0).await;
    let p = f.payer();

    let ix = h.join_community(p, &c, &signers(&[&t1]));
    assert_error(f.send(&[ix], &[&t1]).await, E::ThresholdNotMet);
    let ix = h.join_community(p, &c, &signers(&[&t1, &outsider]));
    assert_error(f.send(&[ix], &[&t1, &outsider]).await, E::NotTrustee);
    let both = signers(&[&t1, &t2]);
    // An account the community program does not own is no community.
    let ix = swap(h.join_community(p, &c, &both), c.community(), h.household());
    assert_error(
        f.send(&[ix], &[&t1, &t2]).await,
        AnchorError::AccountOwnedByWrongProgram,
    );
    // The position address of another community: the community program refuses its seeds.
    let ix = swap(
        h.join_community(p, &c, &both),
        c.position(&h.household()),
        c2.position(&h.household()),
    );
    assert_error(
        f.send(&[ix], &[&t1, &t2]).await,
        AnchorError::ConstraintSeeds,
    );
    let state: Household = f.account(h.household()).await;
    assert_eq!(state.community, Pubkey::default());
    for c in [&c, &c2] {
        assert!(f.raw_account(c.position(&h.household())).await.is_none());
    }

    assert_success(f.send(&[h.join_community(p, &c, &both)], &[&t1, &t2]).await);
    let state: Household = f.account(h.household()).await;
    assert_eq!(state.community, c.community());
    let position: Position = f.account(c.position(&h.household())).await;
    assert_eq!((position.owner, position.shares), (h.household(), 0));
}

/// The household side of `contribute` (the member program's own checks are in
/// `member::refusals`): a member pays in only through its own listing, into the trust's own vault,
/// from its own wallet's account.
#[tokio::test]
async fn contribute_refusals_zero_amount_wrong_vault_another_wallets_source_and_not_a_member() {
    let f = &mut Fixture::bootstrap().await;
    let t = f.actor().await;
    let (a, b) = (person(f, 10 * UNIT).await, person(f, 10 * UNIT).await);
    let h = trust_of(f, &t, &a).await;
    let other = trust(f, &[&t], 1, 0).await;
    let (wallet, b_wallet) = (
        f.balance(a.user.currency).await,
        f.balance(b.user.currency).await,
    );

    let ix = a.keys.contribute(&h, 0);
    assert_error(f.send(&[ix], &[&a.user.key]).await, E::ZeroAmount);
    // Another trust's vault: the trust's books would not match its currency.
    let ix = swap(a.keys.contribute(&h, UNIT), h.vault(), other.vault());
    assert_error(
        f.send(&[ix], &[&a.user.key]).await,
        AnchorError::ConstraintHasOne,
    );
    // Another wallet's currency account as the source.
    let ix = swap(
        a.keys.contribute(&h, UNIT),
        a.user.currency,
        b.user.currency,
    );
    assert_error(
        f.send(&[ix], &[&a.user.key]).await,
        AnchorError::ConstraintTokenOwner,
    );
    assert_eq!(
        (
            f.balance(h.vault()).await,
            f.balance(other.vault()).await,
            f.balance(a.user.currency).await,
            f.balance(b.user.currency).await,
        ),
        (0, 0, wallet, b_wallet)
    );

    assert_success(f.send(&[a.keys.contribute(&h, UNIT)], &[&a.user.key]).await);
    let state: Household = f.account(h.household()).await;
    assert_eq!((state.capital, state.members[0].contributed), (UNIT, UNIT));

    // The trustees list `b` instead (`a` is owed nothing): `a`, still affiliated on the member
    // side, can no longer pay in.
    let ix = h.set_members(weights(&[(&b, 10_000)]), &signers(&[&t]));
    assert_success(f.send(&[ix], &[&t]).await);
    let ix = a.keys.contribute(&h, UNIT);
    assert_error(f.send(&[ix], &[&a.user.key]).await, E::NotAMember);
    let state: Household = f.account(h.household()).await;
    assert_eq!(state.capital, UNIT);
    assert_eq!(f.balance(h.vault()).await, UNIT);
    assert_eq!(f.balance(a.user.currency).await, wallet - UNIT);
}

#[tokio::test]
async fn invest_refusals_zero_amount_trustees_wrong_community_and_insufficient_capital() {
    let f = &mut Fixture::bootstrap().await;
    let (c, c2) = (f.community().await, f.community().await);
    let (t1, t2, outsider) = (f.actor().await, f.actor().await, f.actor().await);
    let h = trust(f, &[&t1, &t2], 2, 0).await;
    let a = person(f, 10 * UNIT).await;
    let both = signers(&[&t1, &t2]);
    let ix = h.set_members(weights(&[(&a, 10_000)]), &both);
    assert_success(f.send(&[ix], &[&t1, &t2]).await);
    assert_success(f.send(&[a.keys.join_household(&h)], &[&a.user.key]).await);
    assert_success(
        f.send(&[a.keys.contribute(&h, 10 * UNIT)], &[&a.user.key])
            .await,
    );

    // Before the trust joins a community it has none to invest in.
    let ix = h.invest(&c, UNIT, &both);
    assert_error(f.send(&[ix], &[&t1, &t2]).await, E::WrongCommunity);
    let ix = h.join_community(f.payer(), &c, &both);
    assert_success(f.send(&[ix], &[&t1, &t2]).await);

    let ix = h.invest(&c, 0, &both);
    assert_error(f.send(&[ix], &[&t1, &t2]).await, E::ZeroAmount);
    let ix = h.invest(&c, UNIT, &signers(&[&t1]));
    assert_error(f.send(&[ix], &[&t1]).await, E::ThresholdNotMet);
    let ix = h.invest(&c, UNIT, &signers(&[&t1, &outsider]));
    assert_error(f.send(&[ix], &[&t1, &outsider]).await, E::NotTrustee);
    // Only the trust's own community.
    let ix = h.invest(&c2, UNIT, &both);
    assert_error(f.send(&[ix], &[&t1, &t2]).await, E::WrongCommunity);
    let ix = h.invest(&c, 10 * UNIT + 1, &both);
    assert_error(f.send(&[ix], &[&t1, &t2]).await, E::InsufficientCapital);
    let state: Household = f.account(h.household()).await;
    assert_eq!((state.capital, state.invested), (10 * UNIT, 0));
    assert_eq!(f.balance(h.vault()).await, 10 * UNIT);
    let position: Position = f.account(c.position(&h.household())).await;
    assert_eq!(position.shares, 0);

    assert_success(f.send(&[h.invest(&c, 10 * UNIT, &both)], &[&t1, &t2]).await);
    // The first deposit in the community locks 1,000 shares.
    let position: Position = f.account(c.position(&h.household())).await;
    assert_eq!(position.shares, 10 * UNIT - 1_000);
    assert_eq!(f.balance(h.vault()).await, 0);
}

#[tokio::test]
async fn divest_refusals_zero_amount_no_members_and_wrong_community() {
    let f = &mut Fixture::bootstrap().await;
    let (c, c2) = (f.community().await, f.community().await);
    let t = f.actor().await;
    let h = trust(f, &[&t], 1, 0).await;
    let a = person(f, 10 * UNIT).await;
    let ts = signers(&[&t]);
    let ix = h.join_community(f.payer(), &c, &ts);
    assert_success(f.send(&[ix], &[&t]).await);

    // No members yet: there is nobody to share the proceeds out to.
    let ix = h.divest(&c, 1, &ts);
    assert_error(f.send(&[ix], &[&t]).await, E::NoMembers);

    let ix = h.set_members(weights(&[(&a, 10_000)]), &ts);
    assert_success(f.send(&[ix], &[&t]).await);
    assert_success(f.send(&[a.keys.join_household(&h)], &[&a.user.key]).await);
    assert_success(
        f.send(&[a.keys.contribute(&h, 10 * UNIT)], &[&a.user.key])
            .await,
    );
    assert_success(f.send(&[h.invest(&c, 10 * UNIT, &ts)], &[&t]).await);

    let ix = h.divest(&c, 0, &ts);
    assert_error(f.send(&[ix], &[&t]).await, E::ZeroAmount);
    let ix = h.divest(&c2, UNIT, &ts);
    assert_error(f.send(&[ix], &[&t]).await, E::WrongCommunity);
    let position: Position = f.account(c.position(&h.household())).await;
    assert_eq!(position.shares, 10 * UNIT - 1_000);
    let state: Household = f.account(h.household()).await;
    assert_eq!((state.divested, state.owed), (0, 0));
    assert_eq!(f.balance(h.vault()).await, 0);

    // A share is worth one currency unit (10 UNIT of value over 10 UNIT of shares), all to `a`.
    assert_success(f.send(&[h.divest(&c, UNIT, &ts)], &[&t]).await);
    let state: Household = f.account(h.household()).await;
    assert_eq!((state.divested, state.members[0].owed()), (UNIT, UNIT));
}

#[tokio::test]
async fn claim_community_rewards_refusals_nothing_accrued_and_a_missing_or_foreign_position() {
    let f = &mut Fixture::bootstrap().await;
    let c = f.community().await;
    let t = f.actor().await;
    let a = person(f, 10 * UNIT).await;
    let h = trust_of(f, &t, &a).await;
    let outside = trust(f, &[&t], 1, 0).await;
    let ts = signers(&[&t]);
    assert_success(f.send(&[h.join_community(f.payer(), &c, &ts)], &[&t]).await);
    assert_success(
        f.send(&[a.keys.contribute(&h, 10 * UNIT)], &[&a.user.key])
            .await,
    );
    assert_success(f.send(&[h.invest(&c, 10 * UNIT, &ts)], &[&t]).await);
    let holder = f.community_member(&c, UNIT).await;

    // The community has earned nothing yet: the community program refuses an empty claim.
    let ix = h.claim_community_rewards(&c);
    assert_error(f.send(&[ix], &[]).await, CmE::ZeroAmount);
    // A trust that never joined has no position to claim from.
    let ix = outside.claim_community_rewards(&c);
    assert_error(f.send(&[ix], &[]).await, AnchorError::AccountNotInitialized);
    // Nor does the trust's signature open another owner's position.
    let ix = swap(
        h.claim_community_rewards(&c),
        c.position(&h.household()),
        c.position(&holder.pubkey()),
    );
    assert_error(f.send(&[ix], &[]).await, AnchorError::ConstraintSeeds);

    let state: Household = f.account(h.household()).await;
    assert_eq!((state.income_received, state.undistributed), (0, 0));
    assert_eq!(f.balance(h.vault()).await, 0);
}

#[tokio::test]
async fn claim_grid_revenue_refusals_before_settlement_another_contributor_and_twice() {
    let (f, g) = &mut grid().await;
    let t = f.actor().await;
    let (h, other) = (trust(f, &[&t], 1, 0).await, trust(f, &[&t], 1, 0).await);
    let own = meter(f, g, h.household(), OwnerKind::Household, 10_000).await;
    let theirs = meter(f, g, other.household(), OwnerKind::Household, 10_000).await;

    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    for (keys, id, wh) in [(&h, own, 4_000), (&other, theirs, 2_000)] {
        let reading = gm::Reading {
            oracle: g.oracle.pubkey(),
            meter_id: id,
            owner: keys.household(),
            epoch: e,
        };
        let ix = keys.record_reading(&reading, g.oracle.pubkey(), None, wh);
        assert_success(f.send(&[ix], &[&g.oracle]).await);
    }
    // The epoch is still open: there is no revenue yet.
    let ix = h.claim_grid_revenue(e);
    assert_error(f.send(&[ix], &[]).await, GmE::ClaimBeforeSettlement);
    next_epoch(f, 1).await;
    assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
    let o = f.offtaker().await;
    let ix = gm::settle_epoch(o.pubkey(), o.currency, e, u64::MAX);
    assert_success(f.send(&[ix], &[&o.key]).await);

    // The trust's signature does not open the other trust's contributor record.
    let ix = swap(
        h.claim_grid_revenue(e),
        pda::contributor(&h.household()),
        pda::contributor(&other.household()),
    );
    assert_error(f.send(&[ix], &[]).await, AnchorError::ConstraintSeeds);
    let state: Household = f.account(h.household()).await;
    assert_eq!(state.income_received, 0);
    assert_eq!(f.balance(h.vault()).await, 0);

    // 4 kWh at the 50,000 floor (no grid price was fed) is 200,000.
    let claim = h.claim_grid_revenue(e);
    assert_success(f.send(&[claim.clone()], &[]).await);
    assert_error(f.send(&[claim], &[]).await, GmE::AlreadyClaimed);
    let state: Household = f.account(h.household()).await;
    assert_eq!(
        (state.income_received, state.undistributed),
        (200_000, 200_000)
    );
    assert_eq!(f.balance(h.vault()).await, 200_000);
    // The other trust's 2 kWh are still its own to claim.
    assert_success(f.send(&[other.claim_grid_revenue(e)], &[]).await);
    assert_eq!(f.balance(other.vault()).await, 100_000);
}

#[tokio::test]
async fn distribute_without_members_fails_no_members_and_the_income_waits() {
    let (f, g) = &mut grid().await;
    let t = f.actor().await;
    let h = trust(f, &[&t], 1, 0).await;
    let a = person(f, UNIT).await;
    let own = meter(f, g, h.household(), OwnerKind::Household, 10_000).await;
    let e = settled_reading(f, g, &h, own, 4_000).await;
    assert_success(f.send(&[h.claim_grid_revenue(e)], &[]).await);

    assert_error(f.send(&[h.distribute(None)], &[]).await, E::NoMembers);
    let state: Household = f.account(h.household()).await;
    assert_eq!(
        (state.undistributed, state.owed, state.distributions),
        (200_000, 0, 0)
    );

    let ix = h.set_members(weights(&[(&a, 10_000)]), &signers(&[&t]));
    assert_success(f.send(&[ix], &[&t]).await);
    assert_success(f.send(&[h.distribute(None)], &[]).await);
    let state: Household = f.account(h.household()).await;
    assert_eq!(
        (
            state.undistributed,
            state.members[0].owed(),
            state.distributions
        ),
        (0, 200_000, 1)
    );
}

#[tokio::test]
async fn distribute_refusals_missing_community_accounts_and_dust_too_small_to_share() {
    let f = &mut Fixture::bootstrap().await;
    let c = f.community().await;
    let t = f.actor().await;
    let h = trust(f, &[&t], 1, 0).await;
    let (a, b) = (person(f, 10 * UNIT).await, person(f, UNIT).await);
    let ts = signers(&[&t]);
    let ix = h.set_members(weights(&[(&a, 6_000), (&b, 4_000)]), &ts);
    assert_success(f.send(&[ix], &[&t]).await);
    assert_success(f.send(&[h.join_community(f.payer(), &c, &ts)], &[&t]).await);
    assert_success(f.send(&[a.keys.join_household(&h)], &[&a.user.key]).await);
    assert_success(
        f.send(&[a.keys.contribute(&h, 10 * UNIT)], &[&a.user.key])
            .await,
    );
    assert_success(f.send(&[h.invest(&c, 10 * UNIT, &ts)], &[&t]).await);
    // One share is worth 1 unit: 60% and 40% of it both round down to 0, so it stays as dust.
    assert_success(f.send(&[h.divest(&c, 1, &ts)], &[&t]).await);
    let before: Household = f.account(h.household()).await;
    assert_eq!((before.undistributed, before.owed), (1, 0));

    // The trust belongs to a community: the crank must name it.
    assert_error(f.send(&[h.distribute(None)], &[]).await, E::WrongCommunity);
    // Nothing in the 1 unit reaches anyone (no reinvestment is set either).
    assert_error(
        f.send(&[h.distribute(Some(&c))], &[]).await,
        E::NothingToDistribute,
    );
    let after: Household = f.account(h.household()).await;
    assert_eq!(
        (after.undistributed, after.owed, after.distributions),
        (1, 0, 0)
    );
    assert_eq!(
        after.members[0].last_distribution,
        before.members[0].last_distribution
    );
    assert_eq!(f.balance(h.vault()).await, 1);
}

/// The household side of `claim_household` (the member program's own checks are in
/// `member::refusals`).
#[tokio::test]
async fn claim_distribution_refusals_wrong_vault_and_a_removed_member_fails_not_a_member() {
    let f = &mut Fixture::bootstrap().await;
    let c = f.community().await;
    let t = f.actor().await;
    let h = trust(f, &[&t], 1, 0).await;
    let other = trust(f, &[&t], 1, 0).await;
    let (a, b) = (person(f, 10 * UNIT).await, person(f, UNIT).await);
    let ts = signers(&[&t]);
    let ix = h.set_members(weights(&[(&a, 10_000), (&b, 0)]), &ts);
    assert_success(f.send(&[ix], &[&t]).await);
    for p in [&a, &b] {
        assert_success(f.send(&[p.keys.join_household(&h)], &[&p.user.key]).await);
    }
    assert_success(f.send(&[h.join_community(f.payer(), &c, &ts)], &[&t]).await);
    assert_success(
        f.send(&[a.keys.contribute(&h, 10 * UNIT)], &[&a.user.key])
            .await,
    );
    assert_success(f.send(&[h.invest(&c, 10 * UNIT, &ts)], &[&t]).await);
    // 2 UNIT shares, worth one currency unit each, all to `a` at 100%.
    assert_success(f.send(&[h.divest(&c, 2 * UNIT, &ts)], &[&t]).await);
    // `b` is owed nothing, so the trustees may drop it.
    let ix = h.set_members(weights(&[(&a, 10_000)]), &ts);
    assert_success(f.send(&[ix], &[&t]).await);

    let ix = b.keys.claim_household(&h);
    assert_error(f.send(&[ix], &[&b.user.key]).await, E::NotAMember);
    let ix = swap(a.keys.claim_household(&h), h.vault(), other.vault());
    assert_error(
        f.send(&[ix], &[&a.user.key]).await,
        AnchorError::ConstraintHasOne,
    );
    let state: Household = f.account(h.household()).await;
    assert_eq!((state.owed, state.members[0].owed()), (2 * UNIT, 2 * UNIT));
    assert_eq!(f.balance(h.vault()).await, 2 * UNIT);

    let before = f.balance(a.user.currency).await;
    assert_success(f.send(&[a.keys.claim_household(&h)], &[&a.user.key]).await);
    assert_eq!(f.balance(a.user.currency).await - before, 2 * UNIT);
    assert_eq!(f.balance(h.vault()).await, 0);
}

#[tokio::test]
async fn record_reading_refusals_unaffiliated_member_meter_wrong_community_and_wrong_oracle() {
    let (f, g) = &mut grid().await;
    let (c, c2) = (f.community().await, f.community().await);
    let t = f.actor().await;
    let a = person(f, UNIT).await;
    let h = trust_of(f, &t, &a).await;
    let ix = h.join_community(f.payer(), &c, &signers(&[&t]));
    assert_success(f.send(&[ix], &[&t]).await);
    let own = meter(f, g, h.household(), OwnerKind::Household, 10_000).await;
    let theirs = Pubkey::new_unique();
    let ix = a
        .keys
        .register_meter(g.registrar.pubkey(), theirs, 10_000, g.oracle.pubkey());
    assert_success(f.send(&[ix], &[&a.user.key, &g.registrar]).await);
    f.ata(&a.wallet(), &pda::energy_credit_mint(), TOKEN).await;

    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    let reading = |oracle: Pubkey, meter_id, owner| gm::Reading {
        oracle,
        meter_id,
        owner,
        epoch: e,
    };
    let member_reading = reading(g.oracle.pubkey(), theirs, a.wallet());
    // The member's meter sent straight to the trust, past the member program's permission and
    // attestation checks: neither the oracle nor the wallet is the member account that owns it.
    let ix = h.record_reading(&member_reading, g.oracle.pubkey(), Some(&c), 1_000);
    assert_error(f.send(&[ix], &[&g.oracle]).await, E::UnaffiliatedMeter);
    let ix = h.record_reading(&member_reading, a.wallet(), Some(&c), 1_000);
    assert_error(
        f.send(&[ix], &[&g.oracle, &a.user.key]).await,
        E::UnaffiliatedMeter,
    );

    // The trust's own meter: its readings go through its community, and no other.
    let own_reading = reading(g.oracle.pubkey(), own, h.household());
    let ix = h.record_reading(&own_reading, g.oracle.pubkey(), None, 1_000);
    assert_error(f.send(&[ix], &[&g.oracle]).await, E::WrongCommunity);
    let ix = h.record_reading(&own_reading, g.oracle.pubkey(), Some(&c2), 1_000);
    assert_error(f.send(&[ix], &[&g.oracle]).await, E::WrongCommunity);
    // Signed by someone other than the meter's oracle.
    let stranger = f.actor().await;
    let forged = reading(stranger.pubkey(), own, h.household());
    let ix = h.record_reading(&forged, stranger.pubkey(), Some(&c), 1_000);
    assert_error(f.send(&[ix], &[&stranger]).await, GmE::WrongOracle);

    for id in [own, theirs] {
        let m: Meter = f.account(pda::meter(&id)).await;
        assert_eq!(m.last_reading_wh, 0);
    }
    let state: Household = f.account(h.household()).await;
    assert_eq!(state.energy_wh, 0);
    assert_eq!(f.balance(h.credits()).await, 0);
    assert_eq!(f.balance(credits(&a.wallet())).await, 0);

    // The same meters, honestly: the trust's own through its community, the member's through
    // the member program.
    let ix = h.record_reading(&own_reading, g.oracle.pubkey(), Some(&c), 1_000);
    assert_success(f.send(&[ix], &[&g.oracle]).await);
    let via = Affiliation {
        household: Some(h),
        community: Some(c),
    };
    let ix = mb::record_reading(&member_reading, &via, 700);
    assert_success(f.send(&[ix], &[&g.oracle]).await);
    let state: Household = f.account(h.household()).await;
    assert_eq!(
        (
            state.energy_wh,
            state.own_energy_wh,
            state.members[0].energy_wh
        ),
        (1_700, 1_000, 700)
    );
}

#[tokio::test]
async fn transfer_credits_refusals_zero_amount_and_wrong_credit_accounts() {
    let (f, g) = &mut grid().await;
    let t = f.actor().await;
    let outsider = f.actor().await;
    let h = trust(f, &[&t], 1, 0).await;
    let own = meter(f, g, h.household(), OwnerKind::Household, 10_000).await;
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    let reading = gm::Reading {
        oracle: g.oracle.pubkey(),
        meter_id: own,
        owner: h.household(),
        epoch: e,
    };
    let ix = h.record_reading(&reading, g.oracle.pubkey(), None, 3_000);
    assert_success(f.send(&[ix], &[&g.oracle]).await);
    let destination = f
        .ata(&outsider.pubkey(), &pda::energy_credit_mint(), TOKEN)
        .await;
    let currency = f.currency_ata(&outsider.pubkey()).await;
    let ts = signers(&[&t]);

    let ix = h.transfer_credits(destination, 0, &ts);
    assert_error(f.send(&[ix], &[&t]).await, E::ZeroAmount);
    // The source must be the trust's own credit account, not, say, its trustee's...
    let trustees = f.ata(&t.pubkey(), &pda::energy_credit_mint(), TOKEN).await;
    let ix = swap(
        h.transfer_credits(destination, 1_000, &ts),
        h.credits(),
        trustees,
    );
    assert_error(
        f.send(&[ix], &[&t]).await,
        AnchorError::ConstraintTokenOwner,
    );
    // ...and the destination an energy credit account.
    let ix = h.transfer_credits(currency, 1_000, &ts);
    assert_error(f.send(&[ix], &[&t]).await, AnchorError::ConstraintTokenMint);
    assert_eq!(
        (
            f.balance(h.credits()).await,
            f.balance(destination).await,
            f.balance(currency).await
        ),
        (3_000, 0, 0)
    );

    assert_success(
        f.send(&[h.transfer_credits(destination, 1_000, &ts)], &[&t])
            .await,
    );
    assert_eq!(
        (f.balance(h.credits()).await, f.balance(destination).await),
        (2_000, 1_000)
    );
}
