//! The member program: one account per attested wallet, permissions from its KYC provider, and
//! every member action checked against both.

use ::member::{
    errors::MemberError as E,
    state::{Member, Permission},
};
use central_bank::errors::CentralBankError as CbE;
use solana_sdk::signer::Signer;
use sourceenergy_sdk::member::MemberKeys;
use sourceenergy_tests::*;

use crate::people::*;

#[tokio::test]
async fn a_member_account_needs_a_valid_attestation_and_is_one_per_wallet() {
    let f = &mut Fixture::bootstrap().await;
    let unattested = f.actor().await;
    let keys = MemberKeys {
        wallet: unattested.pubkey(),
        currency: unattested.pubkey(),
    };
    assert_error(
        f.send(&[keys.create()], &[&unattested]).await,
        CbE::InvalidAttestationAccount,
    );

    // Pre-funding the member address does not block its creation.
    let wallet = f.actor().await;
    f.attest(&wallet.pubkey(), 1).await;
    let keys = MemberKeys {
        wallet: wallet.pubkey(),
        currency: wallet.pubkey(),
    };
    let gift = anchor_lang::solana_program::system_instruction::transfer(
        &f.payer(),
        &keys.member(),
        1_000_000,
    );
    assert_success(f.send(&[gift], &[]).await);
    assert_success(f.send(&[keys.create()], &[&wallet]).await);
    let m: Member = f.account(keys.member()).await;
    assert_eq!(
        (m.wallet, m.permissions),
        (wallet.pubkey(), Permission::ALL)
    );
    // Reinitialization: a second account for the same wallet is refused.
    f.warp(1).await;
    assert_error(f.send(&[keys.create()], &[&wallet]).await, E::MemberExists);
}

#[tokio::test]
async fn member_without_permission_or_with_expired_attestation_is_blocked() {
    let f = &mut Fixture::bootstrap().await;
    let c = f.community().await;
    let p = person(f, 100 * UNIT).await;
    assert_success(f.send(&[p.keys.join_community(&c)], &[&p.user.key]).await);
    let provider = f.provider.insecure_clone();

    // Only the provider that attested the wallet may narrow its permissions.
    let stranger = f.actor().await;
    let ix = p.keys.set_permissions(stranger.pubkey(), 0);
    assert_error(f.send(&[ix], &[&stranger]).await, E::NotProvider);
    let ix = p.keys.set_permissions(provider.pubkey(), 0b1000);
    assert_error(f.send(&[ix], &[&provider]).await, E::InvalidPermissions);
    let only_claim = Permission::Claim.bit();
    let ix = p.keys.set_permissions(provider.pubkey(), only_claim);
    assert_success(f.send(&[ix], &[&provider]).await);

    let ix = p.keys.invest(&c, 10 * UNIT);
    assert_error(
        f.send(&[ix.clone()], &[&p.user.key]).await,
        E::MissingPermission,
    );
    let registrar = f.actor().await;
    let meter_id = Pubkey::new_unique();
    let ix = p
        .keys
        .register_meter(registrar.pubkey(), meter_id, 1_000, registrar.pubkey());
    assert_error(
        f.send(&[ix], &[&p.user.key, &registrar]).await,
        E::MissingPermission,
    );
    let ix = p.keys.set_permissions(provider.pubkey(), Permission::ALL);
    assert_success(f.send(&[ix], &[&provider]).await);
    assert_success(
        f.send(&[p.keys.invest(&c, 10 * UNIT)], &[&p.user.key])
            .await,
    );
    let m: Member = f.account(p.keys.member()).await;
    assert_eq!(m.metrics.invested, 10 * UNIT);

    // A year later the attestation has expired: the member is blocked until renewed.
    f.warp(366 * 86_400).await;
    let before = f.balance(p.user.currency).await;
    let ix = p.keys.invest(&c, UNIT);
    assert_error(f.send(&[ix], &[&p.user.key]).await, CbE::AttestationExpired);
    assert_eq!(f.balance(p.user.currency).await, before);

    // Signer: nobody else can act for the member (the member account is the wallet's PDA).
    let other = person(f, UNIT).await;
    let mut ix = p.keys.claim_rewards(&c);
    ix.accounts[0] = anchor_lang::prelude::AccountMeta::new(other.wallet(), true);
    assert_error(
        f.send(&[ix], &[&other.user.key]).await,
        AnchorError::ConstraintSeeds,
    );
}

/// Finding: the member program registered a member's meter with the wallet as grid_market owner, so
/// the wallet could call `grid_market::claim` itself and skip the member program's permission and
/// attestation checks: a revoked wallet kept collecting. The member account owns the meter now; the
/// wallet only receives its credits, and its revenue waits while the attestation is revoked.
#[tokio::test]
async fn revoked_wallet_gets_attestation_revoked_and_its_revenue_waits() {
    use crate::grid_market::{grid, next_epoch, open_epoch, HOUR};
    use grid_market::state::Meter;
    use sourceenergy_sdk::{grid_market as gm, member as mb, member::Affiliation, pda};

    let (f, g) = &mut grid().await;
    let (p, id, credits) = member_meter(f, g).await;
    let meter: Meter = f.account(pda::meter(&id)).await;
    assert_eq!(
        (meter.owner, meter.credits_to),
        (p.keys.member(), p.wallet())
    );

    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    let reading = gm::Reading {
        oracle: g.oracle.pubkey(),
        meter_id: id,
        owner: p.wallet(),
        epoch: e,
    };
    let alone = Affiliation {
        household: None,
        community: None,
    };
    let ix = mb::record_reading(&reading, &alone, 2_000);
    assert_success(f.send(&[ix], &[&g.oracle]).await);
    assert_eq!(f.balance(credits).await, 2_000, "credits reach the wallet");
    next_epoch(f, 1).await;
    assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
    let o = f.offtaker().await;
    let ix = gm::settle_epoch(o.pubkey(), o.currency, e, u64::MAX);
    assert_success(f.send(&[ix], &[&o.key]).await);

    // The wallet has no grid_market contributor record to claim from: the member account earns.
    let before = f.balance(p.user.currency).await;
    let ix = gm::claim(p.wallet(), e, p.user.currency);
    assert_error(
        f.send(&[ix], &[&p.user.key]).await,
        AnchorError::AccountNotInitialized,
    );
    // Sanctioned: through the member program the claim fails, and nothing moves.
    let provider = f.provider.insecure_clone();
    let ix = f.bank.revoke_attestation(provider.pubkey(), p.wallet());
    assert_success(f.send(&[ix], &[&provider]).await);
    let claim = p.keys.claim_revenue(e);
    assert_error(
        f.send(&[claim.clone()], &[&p.user.key]).await,
        CbE::AttestationRevoked,
    );
    assert_eq!(f.balance(p.user.currency).await, before);
    // Renewed within the claim window: the revenue waited, 2 kWh at the 50,000 floor.
    let terms = f.terms(2).await;
    let ix = f
        .bank
        .renew_attestation(provider.pubkey(), p.wallet(), terms);
    assert_success(f.send(&[ix], &[&provider]).await);
    assert_success(f.send(&[claim], &[&p.user.key]).await);
    assert_eq!(f.balance(p.user.currency).await - before, 100_000);
}

/// F8 of the second review: the oracle submitting a member's reading straight to grid_market, past
/// the member program's checks, still needs the wallet's attestation there. A revoked wallet gets
/// no credits that way either; attested again, the reading lands.
#[tokio::test]
async fn a_revoked_members_meter_earns_no_credits_from_a_reading_sent_straight_to_grid_market() {
    use crate::grid_market::{grid, next_epoch, open_epoch, HOUR};
    use grid_market::errors::GridMarketError as GmE;
    use sourceenergy_sdk::{grid_market as gm, pda};

    let (f, g) = &mut grid().await;
    let (p, id, credits) = member_meter(f, g).await;
    let provider = f.provider.insecure_clone();
    let ix = f.bank.revoke_attestation(provider.pubkey(), p.wallet());
    assert_success(f.send(&[ix], &[&provider]).await);

    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    // Straight to grid_market, with the member account's contributor record and the wallet's
    // credits.
    let reading = gm::Reading {
        oracle: g.oracle.pubkey(),
        meter_id: id,
        owner: p.wallet(),
        epoch: e,
    };
    let mut direct = gm::submit_reading(&reading, 2_000);
    direct.accounts[7].pubkey = pda::contributor(&p.keys.member());
    assert_error(
        f.send(&[direct.clone()], &[&g.oracle]).await,
        CbE::AttestationRevoked,
    );
    // Leaving the attestation out does not help.
    let mut bare = direct.clone();
    bare.accounts[3].pubkey = grid_market::ID;
    assert_error(
        f.send(&[bare], &[&g.oracle]).await,
        GmE::AttestationRequired,
    );
    assert_eq!(f.balance(credits).await, 0);
    assert_eq!(f.supply(pda::energy_credit_mint()).await, 0);

    let terms = f.terms(2).await;
    let ix = f
        .bank
        .renew_attestation(provider.pubkey(), p.wallet(), terms);
    assert_success(f.send(&[ix], &[&provider]).await);
    assert_success(f.send(&[direct], &[&g.oracle]).await);
    assert_eq!(f.balance(credits).await, 2_000);
}

#[tokio::test]
async fn kyc_provider_not_approved_cannot_set_permissions() {
    let f = &mut Fixture::bootstrap().await;
    let p = person(f, UNIT).await;
    let provider = f.provider.insecure_clone();
    let other = f.actor().await;
    f.enact(central_bank::state::GovernanceAction::ApproveKycProvider {
        provider: other.pubkey(),
    })
    .await;
    f.enact(central_bank::state::GovernanceAction::RemoveKycProvider {
        provider: provider.pubkey(),
    })
    .await;

    // The removed provider still issued the member's attestation, but central_bank no longer lists
    // it.
    let ix = p.keys.set_permissions(provider.pubkey(), 0);
    assert_error(
        f.send(&[ix], &[&provider]).await,
        CbE::KycProviderNotApproved,
    );
    // Nor can it borrow another provider's live record.
    let mut ix = p.keys.set_permissions(provider.pubkey(), 0);
    ix.accounts[1].pubkey = sourceenergy_sdk::pda::kyc_provider(&other.pubkey());
    assert_error(
        f.send(&[ix], &[&provider]).await,
        CbE::KycProviderNotApproved,
    );
    let m: Member = f.account(p.keys.member()).await;
    assert_eq!(m.permissions, Permission::ALL);
}

/// An attested person whose 10 kW meter is registered through the member program (its member
/// account owns it) and its wallet's energy credit account: the person, the meter id and that
/// account.
async fn member_meter(f: &mut Fixture, g: &crate::grid_market::Grid) -> (Person, Pubkey, Pubkey) {
    let p = person(f, UNIT).await;
    let id = Pubkey::new_unique();
    let ix = p
        .keys
        .register_meter(g.registrar.pubkey(), id, 10_000, g.oracle.pubkey());
    assert_success(f.send(&[ix], &[&p.user.key, &g.registrar]).await);
    let credits = f
        .ata(
            &p.wallet(),
            &sourceenergy_sdk::pda::energy_credit_mint(),
            TOKEN,
        )
        .await;
    (p, id, credits)
}
