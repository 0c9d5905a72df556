//! Reserve swap (collateral <-> currency), governance issuance and the supply invariant.

use anchor_spl::token_2022::spl_token_2022;
use central_bank::{
    errors::CentralBankError as E,
    state::{GovernanceAction, Proposal, ProposalStatus, Reserve},
};
use solana_sdk::signer::Signer;
use sourceenergy_sdk::pda;
use sourceenergy_tests::*;

async fn reserve(f: &mut Fixture) -> Reserve {
    f.account(pda::reserve()).await
}

/// Supply = collateral held + issued; the vault covers what is held; the surplus vault holds
/// exactly the fees plus what governance issued into it.
async fn assert_books(f: &mut Fixture, issued_to_surplus: u64) {
    let r = reserve(f).await;
    assert_eq!(
        f.supply(pda::currency_mint()).await,
        r.collateral_held + r.issued_outstanding
    );
    assert_eq!(f.balance(pda::collateral_vault()).await, r.collateral_held);
    assert_eq!(
        f.balance(pda::surplus_vault()).await,
        r.fees_collected + issued_to_surplus
    );
}

#[tokio::test]
async fn mint_and_redeem_charge_exact_fees() {
    let f = &mut Fixture::bootstrap().await;
    let u = f.user(2_000 * UNIT).await;
    // tin = 10 bps: fee = ceil(1_000e6 * 10 / 10_000) = 1e6.
    assert_success(f.mint_currency(&u, 1_000 * UNIT).await);
    assert_eq!(f.balance(u.currency).await, 999 * UNIT);
    assert_eq!(f.balance(u.collateral).await, 1_000 * UNIT);
    assert_eq!(f.balance(pda::surplus_vault()).await, UNIT);
    assert_eq!(reserve(f).await.collateral_held, 1_000 * UNIT);

    // Fees round up: ceil(1_234_567 * 10 / 10_000) = ceil(1_234.567) = 1_235.
    assert_success(f.mint_currency(&u, 1_234_567).await);
    assert_eq!(f.balance(u.currency).await, 999 * UNIT + 1_234_567 - 1_235);
    assert_eq!(reserve(f).await.fees_collected, UNIT + 1_235);

    // tout = 20 bps on 500e6 = 1e6 fee to surplus; 499e6 burned and paid out in collateral.
    let ix = f
        .bank
        .redeem_currency(u.pubkey(), u.collateral, u.currency, 500 * UNIT, 499 * UNIT);
    assert_success(f.send(&[ix], &[&u.key]).await);
    assert_eq!(f.balance(u.currency).await, 499 * UNIT + 1_234_567 - 1_235);
    assert_eq!(f.balance(u.collateral).await, 1_499 * UNIT - 1_234_567);
    let r = reserve(f).await;
    assert_eq!(r.collateral_held, 501 * UNIT + 1_234_567);
    assert_eq!(r.fees_collected, 2 * UNIT + 1_235);
    assert_books(f, 0).await;
}

#[tokio::test]
async fn slippage_and_zero_amounts_are_rejected_without_effect() {
    let f = &mut Fixture::bootstrap().await;
    let u = f.user(1_000 * UNIT).await;
    let ix = f
        .bank
        .mint_currency(u.pubkey(), u.collateral, u.currency, 100 * UNIT, 100 * UNIT);
    assert_error(f.send(&[ix], &[&u.key]).await, E::SlippageExceeded);
    let ix = f
        .bank
        .mint_currency(u.pubkey(), u.collateral, u.currency, 0, 0);
    assert_error(f.send(&[ix], &[&u.key]).await, E::ZeroAmount);
    assert_eq!(f.balance(u.collateral).await, 1_000 * UNIT);

    assert_success(f.mint_currency(&u, 100 * UNIT).await);
    let ix = f
        .bank
        .redeem_currency(u.pubkey(), u.collateral, u.currency, 10 * UNIT, 10 * UNIT);
    assert_error(f.send(&[ix], &[&u.key]).await, E::SlippageExceeded);
    // One base unit redeemed would be all fee: nothing to pay out.
    let ix = f
        .bank
        .redeem_currency(u.pubkey(), u.collateral, u.currency, 1, 0);
    assert_error(f.send(&[ix], &[&u.key]).await, E::ZeroAmount);
    assert_eq!(f.balance(u.currency).await, 100 * UNIT - 100_000);
}

#[tokio::test]
async fn redeem_cannot_exceed_collateral_held() {
    let f = &mut Fixture::bootstrap().await;
    let u = f.user(10 * UNIT).await;
    assert_success(f.mint_currency(&u, 10 * UNIT).await);
    // Governance-issued currency is not backed: the reserve holds only 10 units of collateral.
    let recipient = u.currency;
    f.enact(GovernanceAction::IssueCurrency {
        recipient,
        amount: 100 * UNIT,
    })
    .await;
    let ix = f
        .bank
        .redeem_currency(u.pubkey(), u.collateral, u.currency, 50 * UNIT, 0);
    assert_error(f.send(&[ix], &[&u.key]).await, E::InsufficientCollateral);
    // out = 10.02e6 - ceil(10.02e6 * 20 / 10_000) = 10e6: exactly everything held is fine.
    let ix = f
        .bank
        .redeem_currency(u.pubkey(), u.collateral, u.currency, 10_020_041, 0);
    assert_success(f.send(&[ix], &[&u.key]).await);
    assert_eq!(reserve(f).await.collateral_held, 0);
    assert_books(f, 0).await;
}

#[tokio::test]
async fn issuance_is_capped_by_policy() {
    let f = &mut Fixture::bootstrap().await;
    let cap = default_policy().issuance_cap;
    let holder = f.actor().await;
    let recipient = f.currency_ata(&holder.pubkey()).await;
    f.enact(GovernanceAction::IssueCurrency {
        recipient,
        amount: cap - 1,
    })
    .await;
    assert_eq!(f.balance(recipient).await, cap - 1);
    assert_eq!(reserve(f).await.issued_outstanding, cap - 1);

    let action = GovernanceAction::IssueCurrency {
        recipient,
        amount: 2,
    };
    let index = f.next_proposal().await;
    assert_error(f.try_enact(action).await, E::IssuanceCapExceeded);
    let p: Proposal = f.account(pda::proposal(index)).await;
    assert_eq!(
        p.status,
        ProposalStatus::Active,
        "a failed execution leaves the proposal pending"
    );

    f.enact(GovernanceAction::IssueCurrency {
        recipient,
        amount: 1,
    })
    .await;
    assert_eq!(f.supply(pda::currency_mint()).await, cap);
    assert_books(f, 0).await;
}

#[tokio::test]
async fn issuance_goes_only_to_the_approved_recipient() {
    let f = &mut Fixture::bootstrap().await;
    let a = f.actor().await;
    let b = f.actor().await;
    let approved = f.currency_ata(&a.pubkey()).await;
    let other = f.currency_ata(&b.pubkey()).await;
    let index = f
        .pass(GovernanceAction::IssueCurrency {
            recipient: approved,
            amount: UNIT,
        })
        .await;
    let m0 = f.council[0].insecure_clone();
    let ix = f.bank.execute_issue_currency(m0.pubkey(), index, other);
    assert_error(f.send(&[ix], &[&m0]).await, E::WrongAction);
    assert_eq!(f.supply(pda::currency_mint()).await, 0);
}

#[tokio::test]
async fn swaps_need_a_sufficient_attestation_of_the_signer() {
    let f = &mut Fixture::bootstrap().await;
    let u = f.user(10 * UNIT).await;
    // No attestation at all.
    let stranger = f.actor().await;
    let coll = f.fund_collateral(&stranger.pubkey(), 10 * UNIT).await;
    let cur = f.currency_ata(&stranger.pubkey()).await;
    let ix = f.bank.mint_currency(stranger.pubkey(), coll, cur, UNIT, 0);
    assert_error(
        f.send(&[ix], &[&stranger]).await,
        E::InvalidAttestationAccount,
    );
    // PDA sharing: borrowing another wallet's attestation.
    let mut ix = f.bank.mint_currency(stranger.pubkey(), coll, cur, UNIT, 0);
    ix.accounts[1].pubkey = pda::attestation(&u.pubkey());
    assert_error(
        f.send(&[ix], &[&stranger]).await,
        E::AttestationWalletMismatch,
    );
    // Level 1 is below the reserve-swap minimum of 2.
    f.attest(&stranger.pubkey(), 1).await;
    let ix = f.bank.mint_currency(stranger.pubkey(), coll, cur, UNIT, 0);
    assert_error(f.send(&[ix], &[&stranger]).await, E::KycLevelTooLow);
    assert_eq!(f.balance(coll).await, 10 * UNIT);
}

#[tokio::test]
async fn duplicate_mutable_accounts_are_rejected() {
    let f = &mut Fixture::bootstrap().await;
    let u = f.user(10 * UNIT).await;
    assert_success(f.mint_currency(&u, 10 * UNIT).await);
    let mut ix = f
        .bank
        .redeem_currency(u.pubkey(), u.collateral, u.currency, UNIT, 0);
    ix.accounts[9].pubkey = u.currency; // user currency account doubling as the surplus vault
    assert_error(
        f.send(&[ix], &[&u.key]).await,
        AnchorError::ConstraintDuplicateMutableAccount,
    );
}

#[tokio::test]
async fn token_programs_are_pinned() {
    let f = &mut Fixture::bootstrap().await;
    let u = f.user(10 * UNIT).await;
    // The currency program must be Token-2022.
    let mut ix = f
        .bank
        .mint_currency(u.pubkey(), u.collateral, u.currency, UNIT, 0);
    ix.accounts[10].pubkey = CLASSIC_TOKEN;
    assert_error(
        f.send(&[ix], &[&u.key]).await,
        AnchorError::InvalidProgramId,
    );
    // The collateral program must be the one recorded at initialisation.
    let mut ix = f
        .bank
        .mint_currency(u.pubkey(), u.collateral, u.currency, UNIT, 0);
    ix.accounts[11].pubkey = TOKEN;
    assert_error(
        f.send(&[ix], &[&u.key]).await,
        AnchorError::ConstraintHasOne,
    );
    // An arbitrary program is not a token program at all.
    let mut ix = f
        .bank
        .mint_currency(u.pubkey(), u.collateral, u.currency, UNIT, 0);
    ix.accounts[11].pubkey = anchor_lang::system_program::ID;
    assert_error(
        f.send(&[ix], &[&u.key]).await,
        AnchorError::InvalidProgramId,
    );
    assert_eq!(f.balance(u.collateral).await, 10 * UNIT);
}

#[tokio::test]
async fn token_2022_collateral_is_supported() {
    let f = &mut Fixture::with_collateral_program(TOKEN).await;
    f.initialize().await;
    let provider = f.provider.pubkey();
    f.enact(GovernanceAction::ApproveKycProvider { provider })
        .await;
    let u = f.user(100 * UNIT).await;
    assert_success(f.mint_currency(&u, 100 * UNIT).await);
    assert_eq!(f.balance(u.currency).await, 100 * UNIT - 100_000);
    let ix = f
        .bank
        .redeem_currency(u.pubkey(), u.collateral, u.currency, 50 * UNIT, 0);
    assert_success(f.send(&[ix], &[&u.key]).await);
    assert_eq!(f.balance(u.collateral).await, 50 * UNIT - 100_000);
    assert_books(f, 0).await;
}

#[tokio::test]
async fn collateral_must_have_currency_decimals() {
    let f = &mut Fixture::new().await;
    let authority = f.collateral_authority.pubkey();
    f.bank.collateral_mint = f.create_mint(&authority, 9, CLASSIC_TOKEN).await;
    let ix = f.bank.initialize(f.payer(), f.payer(), f.initialize_args());
    assert_error(f.send(&[ix], &[]).await, E::CollateralDecimalsMismatch);
}

/// Anyone may burn their own currency; that must not lock the reserve (the supply check is
/// `<=`, so burned currency only leaves extra backing).
#[tokio::test]
async fn burning_currency_directly_does_not_lock_the_reserve() {
    let f = &mut Fixture::bootstrap().await;
    let u = f.user(100 * UNIT).await;
    assert_success(f.mint_currency(&u, 50 * UNIT).await);
    let burn = spl_token_2022::instruction::burn(
        &TOKEN,
        &u.currency,
        &pda::currency_mint(),
        &u.pubkey(),
        &[],
        1,
    )
    .unwrap();
    assert_success(f.send(&[burn], &[&u.key]).await);
    let r = reserve(f).await;
    assert_eq!(f.supply(pda::currency_mint()).await + 1, r.collateral_held);
    // Every reserve path still works.
    assert_success(f.mint_currency(&u, 10 * UNIT).await);
    let ix = f
        .bank
        .redeem_currency(u.pubkey(), u.collateral, u.currency, 10 * UNIT, 0);
    assert_success(f.send(&[ix], &[&u.key]).await);
    f.enact(GovernanceAction::IssueCurrency {
        recipient: u.currency,
        amount: UNIT,
    })
    .await;
    assert_success(f.send(&[f.bank.accrue()], &[]).await);
}

/// A seeded random walk of mints, redemptions and issuance keeps the books exact.
#[tokio::test]
async fn supply_invariant_holds_over_random_operations() {
    let f = &mut Fixture::bootstrap().await;
    let users = [
        f.user(1_000_000 * UNIT).await,
        f.user(1_000_000 * UNIT).await,
    ];
    let surplus = pda::surplus_vault();
    let mut issued_to_surplus = 0;
    let mut seed: u64 = 0x5EED;
    let mut next = |m: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % m
    };
    for _ in 0..24 {
        let u = &users[next(2) as usize];
        let amount = 1 + next(5_000 * UNIT);
        match next(4) {
            0 | 1 => assert_success(f.mint_currency(u, amount).await),
            2 => {
                // Users hold only backed currency, so any redemption that is not all fee succeeds.
                let amount = amount.min(f.balance(u.currency).await);
                if amount >= 1_000 {
                    let ix =
                        f.bank
                            .redeem_currency(u.pubkey(), u.collateral, u.currency, amount, 0);
                    assert_success(f.send(&[ix], &[&u.key]).await);
                }
            }
            _ => {
                let amount = amount.min(10 * UNIT);
                f.enact(GovernanceAction::IssueCurrency {
                    recipient: surplus,
                    amount,
                })
                .await;
                issued_to_surplus += amount;
            }
        }
        assert_books(f, issued_to_surplus).await;
    }
    let r = reserve(f).await;
    assert_eq!(r.issued_outstanding, issued_to_surplus);
    // Collateral is conserved between the users and the vault.
    let mut total = f.balance(pda::collateral_vault()).await;
    for u in &users {
        total += f.balance(u.collateral).await;
    }
    assert_eq!(total, 2_000_000 * UNIT);
}
