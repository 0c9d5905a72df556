//! Every member instruction's refusals that the other member tests leave out: each bad attempt
//! gets its typed error and changes nothing, and the same accounts then work honestly. (The first
//! missing attestation, a second member account, the provider checks of set_permissions, the
//! invest permission, an expired attestation on invest, a revoked one on claim_revenue and
//! claim_household, leaving a household, and the attack classes are in `identity`, `leaving`,
//! `attacks` and `household::trust`.)

use ::member::{
    errors::MemberError as E,
    state::{Member, Permission},
};
use central_bank::{
    errors::CentralBankError as CbE,
    state::{ActionClass, GovernanceAction},
};
use community::{
    errors::CommunityError as CmE,
    state::{Community, Position},
};
use grid_market::{
    errors::GridMarketError as GmE,
    state::{Meter, OwnerKind},
};
use se_math::fund::{accrued, reward_per_share_step};
use solana_sdk::instruction::Instruction;
use sourceenergy_sdk::{
    community::CommunityKeys,
    grid_market as gm,
    member::{self as mb, Affiliation},
    pda,
};
use sourceenergy_tests::*;

use super::leaving::member_meter;
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

/// The fixture's KYC provider revokes `wallet`'s attestation.
async fn revoke(f: &mut Fixture, wallet: Pubkey) {
    let provider = f.provider.insecure_clone();
    let ix = f.bank.revoke_attestation(provider.pubkey(), wallet);
    assert_success(f.send(&[ix], &[&provider]).await);
}

/// The fixture's KYC provider renews `wallet`'s attestation (level 2, for a year).
async fn renew(f: &mut Fixture, wallet: Pubkey) {
    let provider = f.provider.insecure_clone();
    let terms = f.terms(2).await;
    let ix = f.bank.renew_attestation(provider.pubkey(), wallet, terms);
    assert_success(f.send(&[ix], &[&provider]).await);
}

/// The fixture's KYC provider (which attested every `person`) sets `p`'s permissions.
async fn permit(f: &mut Fixture, p: &Person, permissions: u8) {
    let provider = f.provider.insecure_clone();
    let ix = p.keys.set_permissions(provider.pubkey(), permissions);
    assert_success(f.send(&[ix], &[&provider]).await);
}

/// Every permission but `permission`.
fn all_but(permission: Permission) -> u8 {
    Permission::ALL & !permission.bit()
}

/// `ix`, an action of `p`, is refused without `permission` (`MissingPermission`) and while
/// `p`'s attestation is revoked (`AttestationRevoked`); `p` ends with every permission and a
/// renewed attestation.
async fn assert_gated(f: &mut Fixture, p: &Person, permission: Permission, ix: &Instruction) {
    permit(f, p, all_but(permission)).await;
    assert_error(
        f.send(&[ix.clone()], &[&p.user.key]).await,
        E::MissingPermission,
    );
    permit(f, p, Permission::ALL).await;
    revoke(f, p.wallet()).await;
    assert_error(
        f.send(&[ix.clone()], &[&p.user.key]).await,
        CbE::AttestationRevoked,
    );
    renew(f, p.wallet()).await;
}

/// A person holding every staked share (10 UNIT invested, the first deposit's 1,000 shares
/// locked) of a community whose project meter earned 4 kWh at the 50,000 floor (200,000; its 5%
/// fee leaves 190,000), fully streamed: the community, the person, and the rewards its position
/// can claim.
async fn rewarded(f: &mut Fixture, g: &Grid) -> (CommunityKeys, Person, u64) {
    let c = f.community().await;
    let a = person(f, 10 * UNIT).await;
    assert_success(f.send(&[a.keys.join_community(&c)], &[&a.user.key]).await);
    assert_success(
        f.send(&[a.keys.invest(&c, 10 * UNIT)], &[&a.user.key])
            .await,
    );
    let project = meter(f, g, c.community(), OwnerKind::Community, 10_000).await;
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    let reading = gm::Reading {
        oracle: g.oracle.pubkey(),
        meter_id: project,
        owner: c.community(),
        epoch: e,
    };
    assert_success(
        f.send(&[c.record_reading(&reading, 4_000)], &[&g.oracle])
            .await,
    );
    next_epoch(f, 1).await;
    assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
    let o = f.offtaker().await;
    let ix = gm::settle_epoch(o.pubkey(), o.currency, e, u64::MAX);
    assert_success(f.send(&[ix], &[&o.key]).await);
    assert_success(f.send(&[c.claim_grid_revenue(e)], &[]).await);
    // The stream runs over one epoch length (an hour).
    f.warp(HOUR).await;
    let shares = 10 * UNIT - 1_000;
    let rewards = accrued(shares, reward_per_share_step(190_000, shares).unwrap()).unwrap();
    (c, a, rewards)
}

#[tokio::test]
async fn create_member_refusals_borrowed_revoked_or_expired_attestation_and_another_address() {
    let f = &mut Fixture::bootstrap().await;
    let (w, v) = (f.actor().await, f.actor().await);
    f.attest(&w.pubkey(), 1).await;
    f.attest(&v.pubkey(), 1).await;
    let keys = MemberKeys {
        wallet: w.pubkey(),
        currency: w.pubkey(),
    };

    // Another wallet's valid attestation is not this wallet's.
    let ix = swap(
        keys.create(),
        pda::attestation(&w.pubkey()),
        pda::attestation(&v.pubkey()),
    );
    assert_error(f.send(&[ix], &[&w]).await, CbE::AttestationWalletMismatch);
    // Nor can a wallet create the member account of another.
    let ix = swap(keys.create(), keys.member(), pda::member(&v.pubkey()));
    assert_error(f.send(&[ix], &[&w]).await, AnchorError::ConstraintSeeds);
    revoke(f, w.pubkey()).await;
    assert_error(
        f.send(&[keys.create()], &[&w]).await,
        CbE::AttestationRevoked,
    );
    // Renewed for a year, then left to lapse.
    renew(f, w.pubkey()).await;
    f.warp(366 * 86_400).await;
    assert_error(
        f.send(&[keys.create()], &[&w]).await,
        CbE::AttestationExpired,
    );
    for wallet in [w.pubkey(), v.pubkey()] {
        assert!(f.raw_account(pda::member(&wallet)).await.is_none());
    }

    renew(f, w.pubkey()).await;
    assert_success(f.send(&[keys.create()], &[&w]).await);
    let m: Member = f.account(keys.member()).await;
    assert_eq!((m.wallet, m.permissions), (w.pubkey(), Permission::ALL));
}

#[tokio::test]
async fn set_permissions_through_another_wallets_attestation_fails_constraint_seeds() {
    let f = &mut Fixture::bootstrap().await;
    let a = person(f, UNIT).await;
    let other = f.actor().await;
    f.enact(GovernanceAction::ApproveKycProvider {
        provider: other.pubkey(),
    })
    .await;
    // `other` is approved and attested some wallet, but not `a`'s.
    let b = f.actor().await;
    let (terms, identity) = (f.terms(2).await, f.new_identity());
    let ix = f
        .bank
        .issue_attestation(other.pubkey(), b.pubkey(), terms, identity);
    assert_success(f.send(&[ix], &[&other]).await);

    let ix = a.keys.set_permissions(other.pubkey(), 0);
    assert_error(f.send(&[ix], &[&other]).await, E::NotProvider);
    let ix = swap(
        a.keys.set_permissions(other.pubkey(), 0),
        pda::attestation(&a.wallet()),
        pda::attestation(&b.pubkey()),
    );
    assert_error(f.send(&[ix], &[&other]).await, AnchorError::ConstraintSeeds);
    let m: Member = f.account(a.keys.member()).await;
    assert_eq!(m.permissions, Permission::ALL);

    // `a`'s own provider can.
    permit(f, &a, Permission::Claim.bit()).await;
    let m: Member = f.account(a.keys.member()).await;
    assert_eq!(m.permissions, Permission::Claim.bit());
}

#[tokio::test]
async fn join_household_by_another_wallet_fails_constraint_seeds() {
    let f = &mut Fixture::bootstrap().await;
    let t = f.actor().await;
    let h = trust(f, &[&t], 1, 0).await;
    let (a, b) = (person(f, UNIT).await, person(f, UNIT).await);
    let ix = h.set_members(weights(&[(&a, 10_000)]), &signers(&[&t]));
    assert_success(f.send(&[ix], &[&t]).await);

    // `b`'s signature in place of `a`'s wallet does not move `a`'s member account.
    let ix = swap(a.keys.join_household(&h), a.wallet(), b.wallet());
    assert_error(
        f.send(&[ix], &[&b.user.key]).await,
        AnchorError::ConstraintSeeds,
    );
    for p in [&a, &b] {
        let m: Member = f.account(p.keys.member()).await;
        assert_eq!(m.household, Pubkey::default());
    }

    assert_success(f.send(&[a.keys.join_household(&h)], &[&a.user.key]).await);
    let m: Member = f.account(a.keys.member()).await;
    assert_eq!(m.household, h.household());
}

#[tokio::test]
async fn join_community_refusals_already_affiliated_wrong_affiliation_and_another_signer() {
    let f = &mut Fixture::bootstrap().await;
    let (c, c2) = (f.community().await, f.community().await);
    let (a, b) = (person(f, UNIT).await, person(f, UNIT).await);
    assert_success(f.send(&[a.keys.join_community(&c)], &[&a.user.key]).await);

    // `a` already belongs to `c`: it leaves before joining another.
    let ix = a.keys.join_community(&c2);
    assert_error(f.send(&[ix], &[&a.user.key]).await, E::AlreadyAffiliated);
    // `b` names `a`'s existing position as its own.
    let ix = swap(
        b.keys.join_community(&c),
        c.position(&b.keys.member()),
        c.position(&a.keys.member()),
    );
    assert_error(f.send(&[ix], &[&b.user.key]).await, E::WrongAffiliation);
    // `a` signs for `b`'s member account.
    let ix = swap(b.keys.join_community(&c), b.wallet(), a.wallet());
    assert_error(
        f.send(&[ix], &[&a.user.key]).await,
        AnchorError::ConstraintSeeds,
    );
    let m: Member = f.account(a.keys.member()).await;
    assert_eq!(m.community, c.community());
    let m: Member = f.account(b.keys.member()).await;
    assert_eq!(m.community, Pubkey::default());
    assert!(f.raw_account(c2.position(&a.keys.member())).await.is_none());
    assert!(f.raw_account(c.position(&b.keys.member())).await.is_none());
    let fund: Community = f.account(c.community()).await;
    assert_eq!(fund.impact.members, 1);

    assert_success(f.send(&[b.keys.join_community(&c)], &[&b.user.key]).await);
    let position: Position = f.account(c.position(&b.keys.member())).await;
    assert_eq!(position.owner, b.keys.member());
}

#[tokio::test]
async fn leave_community_not_its_own_fails_wrong_affiliation() {
    let f = &mut Fixture::bootstrap().await;
    let (c, c2) = (f.community().await, f.community().await);
    let a = person(f, UNIT).await;
    // A visit to `c2` leaves an empty position there.
    assert_success(f.send(&[a.keys.join_community(&c2)], &[&a.user.key]).await);
    assert_success(f.send(&[a.keys.leave_community(&c2)], &[&a.user.key]).await);

    // In no community, then in `c`: `c2` is not the member's either time.
    let ix = a.keys.leave_community(&c2);
    assert_error(
        f.send(&[ix.clone()], &[&a.user.key]).await,
        E::WrongAffiliation,
    );
    assert_success(f.send(&[a.keys.join_community(&c)], &[&a.user.key]).await);
    assert_error(f.send(&[ix], &[&a.user.key]).await, E::WrongAffiliation);
    let m: Member = f.account(a.keys.member()).await;
    assert_eq!(m.community, c.community());

    assert_success(f.send(&[a.keys.leave_community(&c)], &[&a.user.key]).await);
    let m: Member = f.account(a.keys.member()).await;
    assert_eq!(m.community, Pubkey::default());
}

/// No shares left but rewards still claimable: leaving would strand them.
#[tokio::test]
async fn leave_community_with_unclaimed_rewards_fails_position_not_empty() {
    let (f, g) = &mut grid().await;
    let (c, a, rewards) = rewarded(f, g).await;
    let ix = a.keys.divest(&c, 10 * UNIT - 1_000);
    assert_success(f.send(&[ix], &[&a.user.key]).await);
    let position: Position = f.account(c.position(&a.keys.member())).await;
    assert_eq!((position.shares, position.pending), (0, rewards));

    let ix = a.keys.leave_community(&c);
    assert_error(f.send(&[ix], &[&a.user.key]).await, E::PositionNotEmpty);
    let m: Member = f.account(a.keys.member()).await;
    assert_eq!(m.community, c.community());

    let before = f.balance(a.user.currency).await;
    assert_success(f.send(&[a.keys.claim_rewards(&c)], &[&a.user.key]).await);
    assert_eq!(f.balance(a.user.currency).await - before, rewards);
    assert_success(f.send(&[a.keys.leave_community(&c)], &[&a.user.key]).await);
    let m: Member = f.account(a.keys.member()).await;
    assert_eq!(m.community, Pubkey::default());
}

#[tokio::test]
async fn register_meter_refusals_attestation_registrar_signer_and_kyc_level() {
    let (f, g) = &mut grid().await;
    let (a, b) = (person(f, UNIT).await, person(f, UNIT).await);
    let stranger = f.actor().await;
    let id = Pubkey::new_unique();
    let (registrar, oracle) = (g.registrar.insecure_clone(), g.oracle.pubkey());
    let register = |cosigner: Pubkey, id| a.keys.register_meter(cosigner, id, 10_000, oracle);

    // Revoked, and then borrowing `b`'s valid attestation.
    revoke(f, a.wallet()).await;
    let ix = register(registrar.pubkey(), id);
    assert_error(
        f.send(&[ix.clone()], &[&a.user.key, &registrar]).await,
        CbE::AttestationRevoked,
    );
    let ix = swap(
        ix,
        pda::attestation(&a.wallet()),
        pda::attestation(&b.wallet()),
    );
    assert_error(
        f.send(&[ix], &[&a.user.key, &registrar]).await,
        CbE::AttestationWalletMismatch,
    );
    renew(f, a.wallet()).await;
    // A co-signer without the meter-registrar role does not vouch for the meter.
    let ix = register(stranger.pubkey(), id);
    assert_error(
        f.send(&[ix], &[&a.user.key, &stranger]).await,
        CbE::InvalidRoleAccount,
    );
    // `b`'s signature does not register a meter for `a`'s member account.
    let ix = swap(register(registrar.pubkey(), id), a.wallet(), b.wallet());
    assert_error(
        f.send(&[ix], &[&b.user.key, &registrar]).await,
        AnchorError::ConstraintSeeds,
    );
    assert!(f.raw_account(pda::meter(&id)).await.is_none());
    let m: Member = f.account(a.keys.member()).await;
    assert_eq!(m.metrics.meters, 0);

    let ix = register(registrar.pubkey(), id);
    assert_success(f.send(&[ix], &[&a.user.key, &registrar]).await);
    let meter: Meter = f.account(pda::meter(&id)).await;
    assert_eq!(
        (meter.owner, meter.credits_to),
        (a.keys.member(), a.wallet())
    );

    // Governance requires level 3 for energy sales; `a` is attested at level 2.
    let mut params = default_policy();
    params.min_kyc_level[ActionClass::EnergySale as usize] = 3;
    f.enact(GovernanceAction::SetPolicy { params }).await;
    let second = Pubkey::new_unique();
    let ix = register(registrar.pubkey(), second);
    assert_error(
        f.send(&[ix], &[&a.user.key, &registrar]).await,
        CbE::KycLevelTooLow,
    );
    assert!(f.raw_account(pda::meter(&second)).await.is_none());
    let m: Member = f.account(a.keys.member()).await;
    assert_eq!(m.metrics.meters, 1);
}

#[tokio::test]
async fn invest_refusals_wrong_affiliation_zero_amount_and_revoked_attestation() {
    let f = &mut Fixture::bootstrap().await;
    let (c, c2) = (f.community().await, f.community().await);
    let a = person(f, 10 * UNIT).await;
    let wallet = f.balance(a.user.currency).await;

    // In no community yet, then in `c` but naming `c2`.
    let ix = a.keys.invest(&c, UNIT);
    assert_error(f.send(&[ix], &[&a.user.key]).await, E::WrongAffiliation);
    assert_success(f.send(&[a.keys.join_community(&c)], &[&a.user.key]).await);
    let ix = a.keys.invest(&c2, UNIT);
    assert_error(f.send(&[ix], &[&a.user.key]).await, E::WrongAffiliation);
    // The member program has no zero check of its own: the community refuses the empty deposit.
    let ix = a.keys.invest(&c, 0);
    assert_error(f.send(&[ix], &[&a.user.key]).await, CmE::ZeroAmount);
    revoke(f, a.wallet()).await;
    let ix = a.keys.invest(&c, UNIT);
    assert_error(
        f.send(&[ix.clone()], &[&a.user.key]).await,
        CbE::AttestationRevoked,
    );
    assert_eq!(f.balance(a.user.currency).await, wallet);
    let position: Position = f.account(c.position(&a.keys.member())).await;
    assert_eq!(position.shares, 0);
    let m: Member = f.account(a.keys.member()).await;
    assert_eq!(m.metrics.invested, 0);

    renew(f, a.wallet()).await;
    assert_success(f.send(&[ix], &[&a.user.key]).await);
    // The first deposit in `c` locks 1,000 shares.
    let position: Position = f.account(c.position(&a.keys.member())).await;
    assert_eq!(position.shares, UNIT - 1_000);
    assert_eq!(f.balance(a.user.currency).await, wallet - UNIT);
}

#[tokio::test]
async fn divest_refusals_missing_permission_revoked_attestation_wrong_affiliation_zero_shares() {
    let f = &mut Fixture::bootstrap().await;
    let (c, c2) = (f.community().await, f.community().await);
    let a = person(f, 10 * UNIT).await;
    assert_success(f.send(&[a.keys.join_community(&c)], &[&a.user.key]).await);
    assert_success(
        f.send(&[a.keys.invest(&c, 10 * UNIT)], &[&a.user.key])
            .await,
    );
    let wallet = f.balance(a.user.currency).await;

    // Divesting needs the invest permission.
    let ix = a.keys.divest(&c, UNIT);
    assert_gated(f, &a, Permission::Invest, &ix).await;
    let wrong = a.keys.divest(&c2, UNIT);
    assert_error(f.send(&[wrong], &[&a.user.key]).await, E::WrongAffiliation);
    // As for invest, the community refuses redeeming no shares.
    let zero = a.keys.divest(&c, 0);
    assert_error(f.send(&[zero], &[&a.user.key]).await, CmE::ZeroAmount);
    assert_eq!(f.balance(a.user.currency).await, wallet);
    let position: Position = f.account(c.position(&a.keys.member())).await;
    assert_eq!(position.shares, 10 * UNIT - 1_000);

    // One share is worth one currency unit (10 UNIT of value over 10 UNIT of shares).
    assert_success(f.send(&[ix], &[&a.user.key]).await);
    assert_eq!(f.balance(a.user.currency).await, wallet + UNIT);
    let m: Member = f.account(a.keys.member()).await;
    assert_eq!(m.metrics.divested, UNIT);
}

#[tokio::test]
async fn claim_rewards_refusals_missing_permission_revoked_attestation_and_wrong_affiliation() {
    let (f, g) = &mut grid().await;
    let (c, a, rewards) = rewarded(f, g).await;
    let c2 = f.community().await;
    let wallet = f.balance(a.user.currency).await;

    // Claiming needs the claim permission.
    let ix = a.keys.claim_rewards(&c);
    assert_gated(f, &a, Permission::Claim, &ix).await;
    let wrong = a.keys.claim_rewards(&c2);
    assert_error(f.send(&[wrong], &[&a.user.key]).await, E::WrongAffiliation);
    assert_eq!(f.balance(a.user.currency).await, wallet);
    let m: Member = f.account(a.keys.member()).await;
    assert_eq!(m.metrics.income, 0);

    assert_success(f.send(&[ix.clone()], &[&a.user.key]).await);
    assert_eq!(f.balance(a.user.currency).await, wallet + rewards);
    let m: Member = f.account(a.keys.member()).await;
    assert_eq!(m.metrics.income, rewards);
    // Claimed: the community has nothing more for the position.
    assert_error(f.send(&[ix], &[&a.user.key]).await, CmE::ZeroAmount);
}

/// The member side of `contribute` (the household program's checks are in
/// `household::refusals`).
#[tokio::test]
async fn contribute_refusals_missing_permission_revoked_attestation_and_another_household() {
    let f = &mut Fixture::bootstrap().await;
    let t = f.actor().await;
    let (h, other) = (trust(f, &[&t], 1, 0).await, trust(f, &[&t], 1, 0).await);
    let a = person(f, 10 * UNIT).await;
    let ix = h.set_members(weights(&[(&a, 10_000)]), &signers(&[&t]));
    assert_success(f.send(&[ix], &[&t]).await);
    assert_success(f.send(&[a.keys.join_household(&h)], &[&a.user.key]).await);
    let wallet = f.balance(a.user.currency).await;

    // Paying in needs the invest permission.
    let ix = a.keys.contribute(&h, UNIT);
    assert_gated(f, &a, Permission::Invest, &ix).await;
    let wrong = a.keys.contribute(&other, UNIT);
    assert_error(f.send(&[wrong], &[&a.user.key]).await, E::WrongAffiliation);
    assert_eq!(f.balance(a.user.currency).await, wallet);
    assert_eq!(
        (f.balance(h.vault()).await, f.balance(other.vault()).await),
        (0, 0)
    );
    let m: Member = f.account(a.keys.member()).await;
    assert_eq!(m.metrics.contributed, 0);

    assert_success(f.send(&[ix], &[&a.user.key]).await);
    assert_eq!(f.balance(h.vault()).await, UNIT);
    let m: Member = f.account(a.keys.member()).await;
    assert_eq!(m.metrics.contributed, UNIT);
}

/// The member side of `claim_household` (the household program's checks are in
/// `household::refusals`; a revoked attestation in `household::trust`).
#[tokio::test]
async fn claim_household_refusals_missing_permission_and_another_household() {
    let f = &mut Fixture::bootstrap().await;
    let c = f.community().await;
    let t = f.actor().await;
    let (h, other) = (trust(f, &[&t], 1, 0).await, trust(f, &[&t], 1, 0).await);
    let a = person(f, 10 * UNIT).await;
    let ts = signers(&[&t]);
    let ix = h.set_members(weights(&[(&a, 10_000)]), &ts);
    assert_success(f.send(&[ix], &[&t]).await);
    assert_success(f.send(&[a.keys.join_household(&h)], &[&a.user.key]).await);
    assert_success(f.send(&[h.join_community(f.payer(), &c, &ts)], &[&t]).await);
    assert_success(
        f.send(&[a.keys.contribute(&h, 10 * UNIT)], &[&a.user.key])
            .await,
    );
    assert_success(f.send(&[h.invest(&c, 10 * UNIT, &ts)], &[&t]).await);
    // UNIT shares, worth one currency unit each, all owed to `a`.
    assert_success(f.send(&[h.divest(&c, UNIT, &ts)], &[&t]).await);
    let wallet = f.balance(a.user.currency).await;

    // Claiming needs the claim permission.
    permit(f, &a, all_but(Permission::Claim)).await;
    let ix = a.keys.claim_household(&h);
    assert_error(
        f.send(&[ix.clone()], &[&a.user.key]).await,
        E::MissingPermission,
    );
    permit(f, &a, Permission::ALL).await;
    let wrong = a.keys.claim_household(&other);
    assert_error(f.send(&[wrong], &[&a.user.key]).await, E::WrongAffiliation);
    assert_eq!(f.balance(a.user.currency).await, wallet);
    assert_eq!(f.balance(h.vault()).await, UNIT);

    assert_success(f.send(&[ix], &[&a.user.key]).await);
    assert_eq!(f.balance(a.user.currency).await, wallet + UNIT);
    let m: Member = f.account(a.keys.member()).await;
    assert_eq!(m.metrics.income, UNIT);
}

#[tokio::test]
async fn claim_revenue_refusals_missing_permission_and_another_members_contributor() {
    let (f, g) = &mut grid().await;
    let (a, b) = (person(f, UNIT).await, person(f, UNIT).await);
    let (ma, mb_) = (member_meter(f, g, &a).await, member_meter(f, g, &b).await);
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    for (p, id, wh) in [(&a, ma, 2_000), (&b, mb_, 1_000)] {
        let reading = gm::Reading {
            oracle: g.oracle.pubkey(),
            meter_id: id,
            owner: p.wallet(),
            epoch: e,
        };
        let ix = mb::record_reading(&reading, &Affiliation::default(), wh);
        assert_success(f.send(&[ix], &[&g.oracle]).await);
    }
    next_epoch(f, 1).await;
    assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
    let o = f.offtaker().await;
    let ix = gm::settle_epoch(o.pubkey(), o.currency, e, u64::MAX);
    assert_success(f.send(&[ix], &[&o.key]).await);
    let (wa, wb) = (
        f.balance(a.user.currency).await,
        f.balance(b.user.currency).await,
    );

    // Claiming needs the claim permission.
    permit(f, &a, all_but(Permission::Claim)).await;
    let claim = a.keys.claim_revenue(e);
    assert_error(
        f.send(&[claim.clone()], &[&a.user.key]).await,
        E::MissingPermission,
    );
    permit(f, &a, Permission::ALL).await;
    // `a`'s member account does not open `b`'s contributor record.
    let ix = swap(
        claim.clone(),
        pda::contributor(&a.keys.member()),
        pda::contributor(&b.keys.member()),
    );
    assert_error(
        f.send(&[ix], &[&a.user.key]).await,
        AnchorError::ConstraintSeeds,
    );
    assert_eq!(
        (
            f.balance(a.user.currency).await,
            f.balance(b.user.currency).await
        ),
        (wa, wb)
    );

    // 2 kWh and 1 kWh at the 50,000 floor; each claims its own, once.
    assert_success(f.send(&[claim.clone()], &[&a.user.key]).await);
    assert_error(f.send(&[claim], &[&a.user.key]).await, GmE::AlreadyClaimed);
    assert_success(f.send(&[b.keys.claim_revenue(e)], &[&b.user.key]).await);
    assert_eq!(
        (
            f.balance(a.user.currency).await - wa,
            f.balance(b.user.currency).await - wb
        ),
        (100_000, 50_000)
    );
}

#[tokio::test]
async fn record_reading_refusals_not_meter_owner_missing_permission_and_revoked_attestation() {
    let (f, g) = &mut grid().await;
    let t = f.actor().await;
    let h = trust(f, &[&t], 1, 0).await;
    let (a, b) = (person(f, UNIT).await, person(f, UNIT).await);
    let id = member_meter(f, g, &a).await;
    let own = meter(f, g, h.household(), OwnerKind::Household, 10_000).await;
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    let reading = |meter_id| gm::Reading {
        oracle: g.oracle.pubkey(),
        meter_id,
        owner: a.wallet(),
        epoch: e,
    };
    let alone = Affiliation::default();
    let ix = mb::record_reading(&reading(id), &alone, 1_000);

    // `b`'s member account for `a`'s meter, and `a`'s member account for a trust's meter.
    let forged = swap(ix.clone(), a.keys.member(), b.keys.member());
    assert_error(f.send(&[forged], &[&g.oracle]).await, E::NotMeterOwner);
    let trusts = mb::record_reading(&reading(own), &alone, 1_000);
    assert_error(f.send(&[trusts], &[&g.oracle]).await, E::NotMeterOwner);
    // Readings count only with the sell-energy permission and a valid attestation.
    permit(f, &a, all_but(Permission::SellEnergy)).await;
    assert_error(
        f.send(&[ix.clone()], &[&g.oracle]).await,
        E::MissingPermission,
    );
    permit(f, &a, Permission::ALL).await;
    revoke(f, a.wallet()).await;
    assert_error(
        f.send(&[ix.clone()], &[&g.oracle]).await,
        CbE::AttestationRevoked,
    );
    for meter_id in [id, own] {
        let m: Meter = f.account(pda::meter(&meter_id)).await;
        assert_eq!(m.last_reading_wh, 0);
    }
    for p in [&a, &b] {
        let m: Member = f.account(p.keys.member()).await;
        assert_eq!(m.metrics.energy_wh, 0);
    }
    assert_eq!(f.balance(credits(&a.wallet())).await, 0);

    renew(f, a.wallet()).await;
    assert_success(f.send(&[ix], &[&g.oracle]).await);
    let m: Member = f.account(a.keys.member()).await;
    // 1 kWh at the default 400 g CO2 per kWh.
    assert_eq!((m.metrics.energy_wh, m.metrics.co2_avoided_g), (1_000, 400));
    assert_eq!(f.balance(credits(&a.wallet())).await, 1_000);
}

#[tokio::test]
async fn record_reading_through_the_wrong_household_or_community_fails_wrong_affiliation() {
    let (f, g) = &mut grid().await;
    let (c, c2) = (f.community().await, f.community().await);
    let t = f.actor().await;
    let (h, other) = (trust(f, &[&t], 1, 0).await, trust(f, &[&t], 1, 0).await);
    let (a, b) = (person(f, UNIT).await, person(f, UNIT).await);
    let ix = h.set_members(weights(&[(&a, 10_000)]), &signers(&[&t]));
    assert_success(f.send(&[ix], &[&t]).await);
    assert_success(f.send(&[a.keys.join_household(&h)], &[&a.user.key]).await);
    assert_success(f.send(&[b.keys.join_community(&c)], &[&b.user.key]).await);
    let (ma, mb_) = (member_meter(f, g, &a).await, member_meter(f, g, &b).await);
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    let reading = |p: &Person, meter_id| gm::Reading {
        oracle: g.oracle.pubkey(),
        meter_id,
        owner: p.wallet(),
        epoch: e,
    };
    let via = |household, community| Affiliation {
        household,
        community,
    };

    // `a` belongs to `h`: without it, or through another trust, the reading is refused.
    for wrong in [via(None, None), via(Some(other), None)] {
        let ix = mb::record_reading(&reading(&a, ma), &wrong, 1_000);
        assert_error(f.send(&[ix], &[&g.oracle]).await, E::WrongAffiliation);
    }
    // `b` belongs to `c` directly: without it, or through another community.
    for wrong in [via(None, None), via(None, Some(c2))] {
        let ix = mb::record_reading(&reading(&b, mb_), &wrong, 1_000);
        assert_error(f.send(&[ix], &[&g.oracle]).await, E::WrongAffiliation);
    }
    for id in [ma, mb_] {
        let m: Meter = f.account(pda::meter(&id)).await;
        assert_eq!(m.last_reading_wh, 0);
    }

    let ix = mb::record_reading(&reading(&a, ma), &via(Some(h), None), 1_000);
    assert_success(f.send(&[ix], &[&g.oracle]).await);
    let ix = mb::record_reading(&reading(&b, mb_), &via(None, Some(c)), 600);
    assert_success(f.send(&[ix], &[&g.oracle]).await);
    let trust_state: ::household::state::Household = f.account(h.household()).await;
    assert_eq!(trust_state.members[0].energy_wh, 1_000);
    let untouched: ::household::state::Household = f.account(other.household()).await;
    assert_eq!(untouched.energy_wh, 0);
    let (fund, unused): (Community, Community) = (
        f.account(c.community()).await,
        f.account(c2.community()).await,
    );
    assert_eq!((fund.impact.energy_wh, unused.impact.energy_wh), (600, 0));
}
