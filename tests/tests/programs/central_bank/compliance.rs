//! KYC providers, attestations, one identity per wallet, freezing sanctioned wallets, and the
//! role registry — with the read-only checks lower layers use.

use anchor_lang::{
    prelude::{AccountInfo, Pubkey, Result},
    AccountSerialize,
};
use anchor_spl::token_2022::spl_token_2022;
use central_bank::{
    checks,
    errors::CentralBankError as E,
    state::{Attestation, GovernanceAction, Identity, KycProvider, RoleKind},
};
use solana_sdk::{account::Account as SdkAccount, signature::Keypair, signer::Signer};
use sourceenergy_sdk::{pda, read};
use sourceenergy_tests::*;

async fn issue(
    f: &mut Fixture,
    provider: &Keypair,
    wallet: Pubkey,
    level: u8,
    identity: [u8; 32],
) -> TxResult {
    let terms = f.terms(level).await;
    let ix = f
        .bank
        .issue_attestation(provider.pubkey(), wallet, terms, identity);
    f.send(&[ix], &[provider]).await
}

#[tokio::test]
async fn provider_issues_an_attestation_bound_to_one_identity() {
    let f = &mut Fixture::bootstrap().await;
    let provider = f.provider.insecure_clone();
    let wallet = Pubkey::new_unique();
    let identity = f.new_identity();
    let terms = f.terms(3).await;
    let now = f.now().await;
    let ix = f
        .bank
        .issue_attestation(provider.pubkey(), wallet, terms, identity);
    assert_success(f.send(&[ix], &[&provider]).await);

    let a: Attestation = f.account(pda::attestation(&wallet)).await;
    assert_eq!(
        (a.wallet, a.provider, a.level, a.jurisdiction),
        (wallet, provider.pubkey(), 3, *b"DE")
    );
    assert_eq!(
        (a.issued_at, a.expires_at, a.revoked, a.identity_hash),
        (now, terms.expires_at, false, identity)
    );
    let id: Identity = f.account(pda::identity(&identity)).await;
    assert_eq!((id.wallet, id.provider), (wallet, provider.pubkey()));
    let record: KycProvider = f.account(pda::kyc_provider(&provider.pubkey())).await;
    assert_eq!(record.attestations_issued, 1);
    let raw = f.raw_account(pda::attestation(&wallet)).await.unwrap();
    assert!(read::attestation_valid(&raw.data, 3, now));
    assert!(!read::attestation_valid(&raw.data, 3, terms.expires_at));
}

#[tokio::test]
async fn one_identity_one_wallet_and_one_attestation_per_wallet() {
    let f = &mut Fixture::bootstrap().await;
    let provider = f.provider.insecure_clone();
    let (first, second) = (Pubkey::new_unique(), Pubkey::new_unique());
    let identity = f.new_identity();
    assert_success(issue(f, &provider, first, 1, identity).await);

    assert_error(
        issue(f, &provider, second, 1, identity).await,
        E::IdentityAlreadyBound,
    );
    assert!(
        f.raw_account(pda::attestation(&second)).await.is_none(),
        "nothing half-created"
    );

    let other_identity = f.new_identity();
    assert_error(
        issue(f, &provider, first, 2, other_identity).await,
        E::AttestationAlreadyExists,
    );
    let a: Attestation = f.account(pda::attestation(&first)).await;
    assert_eq!((a.level, a.identity_hash), (1, identity));
}

#[tokio::test]
async fn prefunded_attestation_address_still_works() {
    let f = &mut Fixture::bootstrap().await;
    let provider = f.provider.insecure_clone();
    let wallet = Pubkey::new_unique();
    let ix = anchor_lang::solana_program::system_instruction::transfer(
        &f.payer(),
        &pda::attestation(&wallet),
        1_000_000,
    );
    assert_success(f.send(&[ix], &[]).await);
    let identity = f.new_identity();
    assert_success(issue(f, &provider, wallet, 2, identity).await);
    let a: Attestation = f.account(pda::attestation(&wallet)).await;
    assert_eq!(a.level, 2);
}

#[tokio::test]
async fn unapproved_provider_cannot_attest() {
    let f = &mut Fixture::bootstrap().await;
    let rogue = f.actor().await;
    let wallet = Pubkey::new_unique();
    let identity = f.new_identity();
    assert_error(
        issue(f, &rogue, wallet, 3, identity).await,
        AnchorError::AccountNotInitialized,
    );
    assert!(f.raw_account(pda::attestation(&wallet)).await.is_none());
}

#[tokio::test]
async fn attestation_terms_are_validated() {
    let f = &mut Fixture::bootstrap().await;
    let provider = f.provider.insecure_clone();
    let now = f.now().await;
    let cases = [
        (0, *b"DE", now + 100, E::InvalidKycLevel),
        (4, *b"DE", now + 100, E::InvalidKycLevel),
        (1, *b"de", now + 100, E::InvalidJurisdiction),
        (1, *b"D1", now + 100, E::InvalidJurisdiction),
        (1, *b"DE", now, E::InvalidExpiry),
        (1, *b"DE", now + 3 * 366 * 86_400, E::InvalidExpiry),
    ];
    for (level, jurisdiction, expires_at, err) in cases {
        let terms = central_bank::instructions::AttestationTerms {
            level,
            jurisdiction,
            expires_at,
        };
        let identity = f.new_identity();
        let ix = f
            .bank
            .issue_attestation(provider.pubkey(), Pubkey::new_unique(), terms, identity);
        assert_error(f.send(&[ix], &[&provider]).await, err);
    }
}

#[tokio::test]
async fn only_the_issuing_provider_renews_or_revokes() {
    let f = &mut Fixture::bootstrap().await;
    let second = f.actor().await;
    f.enact(GovernanceAction::ApproveKycProvider {
        provider: second.pubkey(),
    })
    .await;
    let wallet = Pubkey::new_unique();
    f.attest(&wallet, 1).await;
    // Another approved provider, naming the real issuer's (still approved) record.
    let issuer = f.provider.pubkey();
    let mut ix = f.bank.revoke_attestation(second.pubkey(), wallet);
    ix.accounts[3].pubkey = pda::kyc_provider(&issuer);
    assert_error(f.send(&[ix], &[&second]).await, E::NotIssuingProvider);
    let terms = f.terms(3).await;
    let ix = f
        .bank
        .take_over_attestation(second.pubkey(), wallet, issuer, terms);
    assert_error(f.send(&[ix], &[&second]).await, E::NotIssuingProvider);
    let a: Attestation = f.account(pda::attestation(&wallet)).await;
    assert_eq!((a.level, a.revoked), (1, false));

    let provider = f.provider.insecure_clone();
    let ix = f.bank.renew_attestation(provider.pubkey(), wallet, terms);
    assert_success(f.send(&[ix], &[&provider]).await);
    let a: Attestation = f.account(pda::attestation(&wallet)).await;
    assert_eq!((a.level, a.expires_at), (3, terms.expires_at));
}

#[tokio::test]
async fn expired_attestation_blocks_value_moves_until_renewed() {
    let f = &mut Fixture::bootstrap().await;
    let u = f.user(10 * UNIT).await;
    let a: Attestation = f.account(pda::attestation(&u.pubkey())).await;
    let now = f.now().await;
    f.warp(a.expires_at - now).await;
    assert_error(f.mint_currency(&u, UNIT).await, E::AttestationExpired);
    let provider = f.provider.insecure_clone();
    let terms = f.terms(2).await;
    let ix = f
        .bank
        .renew_attestation(provider.pubkey(), u.pubkey(), terms);
    assert_success(f.send(&[ix], &[&provider]).await);
    assert_success(f.mint_currency(&u, UNIT).await);
}

#[tokio::test]
async fn revoked_wallet_is_frozen_and_thawed_only_once_valid_again() {
    let f = &mut Fixture::bootstrap().await;
    let u = f.user(10 * UNIT).await;
    assert_success(f.mint_currency(&u, 10 * UNIT).await);
    let freeze = f.bank.freeze_currency_account(u.currency, u.pubkey());
    let thaw = f.bank.thaw_currency_account(u.currency, u.pubkey());
    assert_error(
        f.send(&[freeze.clone()], &[]).await,
        E::AttestationNotRevoked,
    );
    assert_error(f.send(&[thaw.clone()], &[]).await, E::NotFrozen);

    let provider = f.provider.insecure_clone();
    let revoke = f.bank.revoke_attestation(provider.pubkey(), u.pubkey());
    assert_success(f.send(&[revoke], &[&provider]).await);
    assert_error(f.mint_currency(&u, UNIT).await, E::AttestationRevoked);
    // Anyone may freeze: the fixture payer signs, not the provider nor the council.
    assert_success(f.send(&[freeze.clone()], &[]).await);
    assert!(f.token_account(u.currency).await.is_frozen());
    assert_error(f.send(&[freeze], &[]).await, E::AlreadyFrozen);

    // The real Token-2022 program refuses to move tokens out of the frozen account.
    let friend = f.actor().await;
    let friend_currency = f.currency_ata(&friend.pubkey()).await;
    let transfer = spl_token_2022::instruction::transfer_checked(
        &TOKEN,
        &u.currency,
        &pda::currency_mint(),
        &friend_currency,
        &u.pubkey(),
        &[],
        UNIT,
        6,
    )
    .unwrap();
    let res = f.send(&[transfer.clone()], &[&u.key]).await;
    assert_instruction_error(
        res,
        solana_sdk::instruction::InstructionError::Custom(
            spl_token_2022::error::TokenError::AccountFrozen as u32,
        ),
    );

    // Still revoked: no thaw.
    assert_error(f.send(&[thaw.clone()], &[]).await, E::AttestationRevoked);
    let terms = f.terms(2).await;
    let renew = f
        .bank
        .renew_attestation(provider.pubkey(), u.pubkey(), terms);
    assert_success(f.send(&[renew], &[&provider]).await);
    assert_success(f.send(&[thaw], &[]).await);
    assert_success(f.send(&[transfer], &[&u.key]).await);
    assert_eq!(f.balance(friend_currency).await, UNIT);
}

/// Forged attestations: right data at the wrong owner, wrong address, or wrong account type.
#[tokio::test]
async fn forged_attestations_are_rejected() {
    let f = &mut Fixture::bootstrap().await;
    let honest = f.user(10 * UNIT).await;
    let real = f
        .raw_account(pda::attestation(&honest.pubkey()))
        .await
        .unwrap();

    // Owner check: a copy of a valid attestation, re-addressed to a new wallet's PDA but owned
    // by another program.
    let forger = f.actor().await;
    let coll = f.fund_collateral(&forger.pubkey(), 10 * UNIT).await;
    let cur = f.currency_ata(&forger.pubkey()).await;
    let mut forged: Attestation = read::decode(&real.data).unwrap();
    forged.wallet = forger.pubkey();
    forged.bump = Pubkey::find_program_address(
        &[b"attestation", forger.pubkey().as_ref()],
        &central_bank::ID,
    )
    .1;
    let mut data = Vec::new();
    forged.try_serialize(&mut data).unwrap();
    let fake_owner = Pubkey::new_unique();
    let acc = SdkAccount {
        lamports: real.lamports,
        data: data.clone(),
        owner: fake_owner,
        executable: false,
        rent_epoch: 0,
    };
    f.engine
        .set_account(pda::attestation(&forger.pubkey()), acc);
    let ix = f.bank.mint_currency(forger.pubkey(), coll, cur, UNIT, 0);
    assert_error(
        f.send(&[ix], &[&forger]).await,
        E::InvalidAttestationAccount,
    );

    // Seeds check: the same data owned by the program but at an address that is not the PDA.
    let elsewhere = Pubkey::new_unique();
    let acc = SdkAccount {
        lamports: real.lamports,
        data,
        owner: central_bank::ID,
        executable: false,
        rent_epoch: 0,
    };
    f.engine.set_account(elsewhere, acc);
    let mut ix = f.bank.mint_currency(forger.pubkey(), coll, cur, UNIT, 0);
    ix.accounts[1].pubkey = elsewhere;
    assert_error(
        f.send(&[ix], &[&forger]).await,
        E::InvalidAttestationAccount,
    );

    // Type cosplay: another central-bank account (the provider record) in the attestation slot.
    let mut ix = f
        .bank
        .mint_currency(honest.pubkey(), honest.collateral, honest.currency, UNIT, 0);
    ix.accounts[1].pubkey = pda::kyc_provider(&f.provider.pubkey());
    assert_error(
        f.send(&[ix], &[&honest.key]).await,
        E::InvalidAttestationAccount,
    );
    assert_eq!(f.balance(coll).await, 10 * UNIT);
}

#[tokio::test]
async fn non_canonical_attestation_address_is_rejected() {
    let f = &mut Fixture::bootstrap().await;
    let provider = f.provider.insecure_clone();
    let wallet = Pubkey::new_unique();
    let seeds: &[&[u8]] = &[b"attestation", wallet.as_ref()];
    let (_, canonical) = Pubkey::find_program_address(seeds, &central_bank::ID);
    let other = (0..canonical)
        .rev()
        .find_map(|b| {
            Pubkey::create_program_address(&[seeds[0], seeds[1], &[b]], &central_bank::ID).ok()
        })
        .expect("some lower bump is off-curve");
    let terms = f.terms(1).await;
    let identity = f.new_identity();
    let mut ix = f
        .bank
        .issue_attestation(provider.pubkey(), wallet, terms, identity);
    ix.accounts[3].pubkey = other;
    assert_error(
        f.send(&[ix], &[&provider]).await,
        AnchorError::ConstraintSeeds,
    );
    assert!(f.raw_account(other).await.is_none());
}

/// Lower layers check roles by reading the record (owner + seeds) with `checks::verify_role`.
#[tokio::test]
async fn granted_roles_verify_and_revoked_roles_do_not() {
    let f = &mut Fixture::bootstrap().await;
    let oracle = Pubkey::new_unique();
    let address = pda::role(RoleKind::MeterOracle, &oracle);
    f.enact(GovernanceAction::GrantRole {
        role: RoleKind::MeterOracle,
        subject: oracle,
    })
    .await;

    let acc = f.raw_account(address).await.unwrap();
    assert!(read::has_role(
        Some((&acc.owner, &acc.data)),
        RoleKind::MeterOracle,
        &oracle
    ));
    assert!(!read::has_role(
        Some((&acc.owner, &acc.data)),
        RoleKind::GridOfftaker,
        &oracle
    ));
    assert!(verify_role(address, acc.clone(), RoleKind::MeterOracle, &oracle).is_ok());
    assert!(verify_role(address, acc.clone(), RoleKind::MeterRegistrar, &oracle).is_err());
    let mut foreign = acc.clone();
    foreign.owner = Pubkey::new_unique();
    assert!(verify_role(address, foreign, RoleKind::MeterOracle, &oracle).is_err());
    assert!(verify_role(Pubkey::new_unique(), acc, RoleKind::MeterOracle, &oracle).is_err());

    f.enact(GovernanceAction::RevokeRole {
        role: RoleKind::MeterOracle,
        subject: oracle,
    })
    .await;
    assert!(f.raw_account(address).await.is_none());
    assert!(!read::has_role(None, RoleKind::MeterOracle, &oracle));
    let empty = SdkAccount {
        lamports: 0,
        data: vec![],
        owner: anchor_lang::system_program::ID,
        executable: false,
        rent_epoch: 0,
    };
    assert!(verify_role(address, empty, RoleKind::MeterOracle, &oracle).is_err());
}

/// Runs the on-chain role check against an account as the runtime would hand it over.
fn verify_role(key: Pubkey, mut acc: SdkAccount, role: RoleKind, subject: &Pubkey) -> Result<()> {
    let info = AccountInfo::new(
        &key,
        false,
        false,
        &mut acc.lamports,
        &mut acc.data,
        &acc.owner,
        false,
    );
    checks::verify_role(&info, role, subject).map(|_| ())
}

#[tokio::test]
async fn another_provider_takes_over_only_after_the_issuer_is_removed() {
    let f = &mut Fixture::bootstrap().await;
    let (first, second) = (f.provider.insecure_clone(), f.actor().await);
    f.enact(GovernanceAction::ApproveKycProvider {
        provider: second.pubkey(),
    })
    .await;
    let (kept, sanctioned) = (Pubkey::new_unique(), Pubkey::new_unique());
    f.attest(&kept, 1).await;
    f.attest(&sanctioned, 1).await;
    let revoke = f.bank.revoke_attestation(first.pubkey(), sanctioned);
    assert_success(f.send(&[revoke], &[&first]).await);

    let terms = f.terms(2).await;
    let take_over = f
        .bank
        .take_over_attestation(second.pubkey(), kept, first.pubkey(), terms);
    assert_error(
        f.send(&[take_over.clone()], &[&second]).await,
        E::NotIssuingProvider,
    );

    f.enact(GovernanceAction::RemoveKycProvider {
        provider: first.pubkey(),
    })
    .await;
    assert_success(f.send(&[take_over], &[&second]).await);
    let a: Attestation = f.account(pda::attestation(&kept)).await;
    assert_eq!(
        (a.provider, a.level, a.expires_at),
        (second.pubkey(), 2, terms.expires_at)
    );
    // The new issuer now holds it; the removed provider's sanction stays in force.
    let take_over =
        f.bank
            .take_over_attestation(second.pubkey(), sanctioned, first.pubkey(), terms);
    assert_error(
        f.send(&[take_over], &[&second]).await,
        E::AttestationRevoked,
    );
    // Naming the wrong issuer record does not help either.
    let mut ix = f.bank.renew_attestation(second.pubkey(), sanctioned, terms);
    ix.accounts[3].pubkey = pda::kyc_provider(&Pubkey::new_unique());
    assert_error(
        f.send(&[ix], &[&second]).await,
        AnchorError::ConstraintSeeds,
    );
    let a: Attestation = f.account(pda::attestation(&sanctioned)).await;
    assert_eq!((a.provider, a.revoked), (first.pubkey(), true));
}
