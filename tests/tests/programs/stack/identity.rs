//! L6 member: one account per attested wallet, permissions from its KYC provider, and every
//! member action checked against both.

use ::member::{
    errors::MemberError as E,
    state::{Member, Permission},
};
use central_bank::errors::CentralBankError as CbE;
use solana_sdk::signer::Signer;
use sourceenergy_client::member::MemberKeys;
use sourceenergy_tests::*;

use super::*;
use crate::community::community;

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
    let c = community(f).await;
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

    // The removed provider still issued the member's attestation, but L1 no longer lists it.
    let ix = p.keys.set_permissions(provider.pubkey(), 0);
    assert_error(
        f.send(&[ix], &[&provider]).await,
        CbE::KycProviderNotApproved,
    );
    // Nor can it borrow another provider's live record.
    let mut ix = p.keys.set_permissions(provider.pubkey(), 0);
    ix.accounts[1].pubkey = sourceenergy_client::pda::kyc_provider(&other.pubkey());
    assert_error(
        f.send(&[ix], &[&provider]).await,
        CbE::KycProviderNotApproved,
    );
    let m: Member = f.account(p.keys.member()).await;
    assert_eq!(m.permissions, Permission::ALL);
}
