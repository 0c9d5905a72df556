//! Savings vault: interest by a rate index, paid only from the reserve surplus.
//!
//! Rounding rule under test: each accrual pays
//! `floor(value * rate_bps * elapsed / (10_000 * 31_536_000))` where `value` is the vault's
//! total share value (floored); the index grows by `floor(paid * 1e18 / total_shares)`.

use anchor_lang::{
    prelude::Pubkey,
    solana_program::{program_pack::Pack, system_instruction},
};
use anchor_spl::token_2022::spl_token_2022::{self, state::Account as SplAccount};
use central_bank::{
    errors::CentralBankError as E,
    state::{GovernanceAction, Reserve, SavingsPosition},
};
use solana_sdk::{signature::Keypair, signer::Signer};
use sourceenergy_sdk::pda;
use sourceenergy_tests::*;

const DAY: i64 = 86_400;
const YEAR: u128 = 31_536_000;

fn interest(value: u64, rate_bps: u64, secs: i64) -> u64 {
    (value as u128 * rate_bps as u128 * secs as u128 / (10_000 * YEAR)) as u64
}

/// A saver with `amount` currency deposited, and `surplus` currency issued into the surplus vault.
async fn saver(f: &mut Fixture, amount: u64, surplus: u64) -> User {
    if surplus > 0 {
        let recipient = pda::surplus_vault();
        f.enact(GovernanceAction::IssueCurrency {
            recipient,
            amount: surplus,
        })
        .await;
    }
    let u = f.user(2 * amount).await;
    assert_success(f.mint_currency(&u, 2 * amount).await);
    let ixs = [
        f.bank.open_savings(u.pubkey()),
        f.bank.savings_deposit(u.pubkey(), u.currency, amount),
    ];
    assert_success(f.send(&ixs, &[&u.key]).await);
    u
}

async fn value(f: &mut Fixture, owner: &User) -> u64 {
    let r: Reserve = f.account(pda::reserve()).await;
    let p: SavingsPosition = f.account(pda::savings_position(&owner.pubkey())).await;
    se_math::savings::value_of_shares(p.shares, r.savings_index).unwrap()
}

#[tokio::test]
async fn interest_is_exact_over_simulated_time() {
    let f = &mut Fixture::bootstrap().await;
    let u = saver(f, 1_000 * UNIT, 10_000 * UNIT).await;
    assert_eq!(value(f, &u).await, 1_000 * UNIT);

    f.warp(30 * DAY).await;
    let accrue = f.bank.accrue();
    assert_success(f.send(&[accrue.clone()], &[]).await);
    // 1_000e6 * 500 * 2_592_000 / 315_360_000_000 = 4_109_589.04 -> 4_109_589
    assert_eq!(interest(1_000 * UNIT, 500, 30 * DAY), 4_109_589);
    assert_eq!(value(f, &u).await, 1_000 * UNIT + 4_109_589);

    // A second period compounds on the new value.
    f.warp(335 * DAY).await;
    assert_success(f.send(&[accrue], &[]).await);
    let expected = 1_000 * UNIT + 4_109_589 + interest(1_000 * UNIT + 4_109_589, 500, 335 * DAY);
    assert_eq!(value(f, &u).await, expected);
    let r: Reserve = f.account(pda::reserve()).await;
    assert_eq!(
        (r.interest_paid, r.interest_shortfall),
        (expected - 1_000 * UNIT, 0)
    );

    // Withdraw everything: the owner receives exactly its value, and the position can close.
    // A year on, the saver's attestation has expired; withdrawing needs it renewed.
    let terms = f.terms(2).await;
    let provider = f.provider.insecure_clone();
    let renew = f
        .bank
        .renew_attestation(provider.pubkey(), u.pubkey(), terms);
    assert_success(f.send(&[renew], &[&provider]).await);
    let before = f.balance(u.currency).await;
    let ixs = [
        f.bank.savings_withdraw(u.pubkey(), u.currency, expected),
        f.bank.close_savings(u.pubkey()),
    ];
    assert_success(f.send(&ixs, &[&u.key]).await);
    assert_eq!(f.balance(u.currency).await, before + expected);
    assert!(f
        .raw_account(pda::savings_position(&u.pubkey()))
        .await
        .is_none());
}

#[tokio::test]
async fn rate_change_accrues_at_the_old_rate_first() {
    let f = &mut Fixture::bootstrap().await;
    let u = saver(f, 1_000 * UNIT, 10_000 * UNIT).await;
    let start = f.now().await;
    let mut params = default_policy();
    params.savings_rate_bps = 1_500;
    let index = f.pass(GovernanceAction::SetPolicy { params }).await;
    // Executed within the proposal's lifetime (timelock + 7 days).
    f.warp(5 * DAY).await;
    let m0 = f.council[0].insecure_clone();
    assert_success(
        f.send(&[f.bank.execute_set_policy(m0.pubkey(), index)], &[&m0])
            .await,
    );
    let changed_at = f.now().await;
    let old_period = changed_at - start;
    let after_change = 1_000 * UNIT + interest(1_000 * UNIT, 500, old_period);
    assert_eq!(value(f, &u).await, after_change);
    let r: Reserve = f.account(pda::reserve()).await;
    assert_eq!(r.savings_last_accrual, changed_at);

    f.warp(20 * DAY).await;
    assert_success(f.send(&[f.bank.accrue()], &[]).await);
    let expected = after_change + interest(after_change, 1_500, 20 * DAY);
    assert_eq!(value(f, &u).await, expected);
    // Without accrual first, the new rate would have applied to the whole period.
    let retroactive = 1_000 * UNIT + interest(1_000 * UNIT, 1_500, old_period + 20 * DAY);
    assert!(retroactive > expected);
}

#[tokio::test]
async fn interest_never_exceeds_the_surplus() {
    let f = &mut Fixture::bootstrap().await;
    // No issuance: the surplus is only the reserve-swap fee, 0.02 currency.
    let u = saver(f, 10 * UNIT, 0).await;
    let surplus = f.balance(pda::surplus_vault()).await;
    assert_eq!(surplus, 20_000);
    f.warp(365 * DAY).await;
    assert_success(f.send(&[f.bank.accrue()], &[]).await);
    let owed = interest(10 * UNIT, 500, 365 * DAY);
    assert_eq!(owed, 500_000);
    let r: Reserve = f.account(pda::reserve()).await;
    assert_eq!(
        (r.interest_paid, r.interest_shortfall),
        (surplus, owed - surplus)
    );
    assert_eq!(f.balance(pda::surplus_vault()).await, 0);
    assert_eq!(value(f, &u).await, 10 * UNIT + surplus);
    // Nothing left to pay: later accruals pay nothing and record the shortfall.
    f.warp(DAY).await;
    assert_success(f.send(&[f.bank.accrue()], &[]).await);
    assert_eq!(value(f, &u).await, 10 * UNIT + surplus);
    let r2: Reserve = f.account(pda::reserve()).await;
    assert_eq!(
        r2.interest_shortfall,
        r.interest_shortfall + interest(10 * UNIT + surplus, 500, DAY)
    );
    // The vault still covers the full value.
    assert!(f.balance(pda::savings_vault()).await >= value(f, &u).await);
}

#[tokio::test]
async fn a_late_depositor_earns_nothing_from_before() {
    let f = &mut Fixture::bootstrap().await;
    let early = saver(f, 1_000 * UNIT, 10_000 * UNIT).await;
    f.warp(100 * DAY).await;
    let late = f.user(2_000 * UNIT).await;
    assert_success(f.mint_currency(&late, 2_000 * UNIT).await);
    let ixs = [
        f.bank.open_savings(late.pubkey()),
        f.bank
            .savings_deposit(late.pubkey(), late.currency, 1_000 * UNIT),
    ];
    assert_success(f.send(&ixs, &[&late.key]).await);
    // The deposit accrued first, so the early saver got the 100 days and the late one none.
    assert_eq!(
        value(f, &early).await,
        1_000 * UNIT + interest(1_000 * UNIT, 500, 100 * DAY)
    );
    assert!(value(f, &late).await <= 1_000 * UNIT);
    assert!(value(f, &late).await >= 1_000 * UNIT - 1);
}

#[tokio::test]
async fn savings_errors_leave_positions_unchanged() {
    let f = &mut Fixture::bootstrap().await;
    let u = saver(f, 100 * UNIT, 0).await;
    let other = saver(f, 100 * UNIT, 0).await;

    let ix = f.bank.savings_withdraw(u.pubkey(), u.currency, 101 * UNIT);
    assert_error(f.send(&[ix], &[&u.key]).await, E::InsufficientShares);
    let ix = f.bank.savings_deposit(u.pubkey(), u.currency, 0);
    assert_error(f.send(&[ix], &[&u.key]).await, E::ZeroAmount);
    let ix = f.bank.close_savings(u.pubkey());
    assert_error(f.send(&[ix], &[&u.key]).await, E::PositionNotEmpty);

    // PDA sharing: withdrawing from another wallet's position.
    let mut ix = f.bank.savings_withdraw(u.pubkey(), u.currency, UNIT);
    ix.accounts[3].pubkey = pda::savings_position(&other.pubkey());
    assert_error(f.send(&[ix], &[&u.key]).await, AnchorError::ConstraintSeeds);

    // A revoked attestation blocks deposits and withdrawals alike (see
    // `attestation_revoked_blocks_withdrawal_until_renewed`).
    let provider = f.provider.insecure_clone();
    let revoke = f.bank.revoke_attestation(provider.pubkey(), u.pubkey());
    assert_success(f.send(&[revoke], &[&provider]).await);
    let ix = f.bank.savings_deposit(u.pubkey(), u.currency, UNIT);
    assert_error(f.send(&[ix], &[&u.key]).await, E::AttestationRevoked);
    let ix = f.bank.savings_withdraw(u.pubkey(), u.currency, UNIT);
    assert_error(f.send(&[ix], &[&u.key]).await, E::AttestationRevoked);

    let p: SavingsPosition = f.account(pda::savings_position(&other.pubkey())).await;
    assert_eq!(
        (p.shares, p.deposited, p.withdrawn),
        (100 * UNIT, 100 * UNIT, 0)
    );
}

#[tokio::test]
async fn a_closed_position_cannot_be_used_in_the_same_transaction() {
    let f = &mut Fixture::bootstrap().await;
    let u = saver(f, UNIT, 0).await;
    let ixs = [
        f.bank.savings_withdraw(u.pubkey(), u.currency, UNIT),
        f.bank.close_savings(u.pubkey()),
        f.bank.savings_deposit(u.pubkey(), u.currency, UNIT),
    ];
    assert_error(
        f.send(&ixs, &[&u.key]).await,
        AnchorError::AccountNotInitialized,
    );
    let p: SavingsPosition = f.account(pda::savings_position(&u.pubkey())).await;
    assert_eq!(p.shares, UNIT, "the failed transaction changed nothing");
    // Closed for real, the position can be opened again from scratch.
    assert_success(f.send(&ixs[..2], &[&u.key]).await);
    let reopen = [
        f.bank.open_savings(u.pubkey()),
        f.bank.savings_deposit(u.pubkey(), u.currency, UNIT),
    ];
    assert_success(f.send(&reopen, &[&u.key]).await);
    let p: SavingsPosition = f.account(pda::savings_position(&u.pubkey())).await;
    assert_eq!((p.shares, p.deposited), (UNIT, UNIT));
}

/// A second, non-associated currency account of `owner`. Any wallet can open one, and a
/// new account is not frozen.
async fn fresh_currency_account(f: &mut Fixture, owner: &Pubkey) -> Pubkey {
    let account = Keypair::new();
    let rent = f.engine.rent();
    let space = <SplAccount as Pack>::LEN;
    let ixs = [
        system_instruction::create_account(
            &f.payer(),
            &account.pubkey(),
            rent.minimum_balance(space),
            space as u64,
            &TOKEN,
        ),
        spl_token_2022::instruction::initialize_account3(
            &TOKEN,
            &account.pubkey(),
            &pda::currency_mint(),
            owner,
        )
        .unwrap(),
    ];
    assert_success(f.send(&ixs, &[&account]).await);
    account.pubkey()
}

#[tokio::test]
async fn attestation_revoked_blocks_withdrawal_until_renewed() {
    let f = &mut Fixture::bootstrap().await;
    let revoked = saver(f, 100 * UNIT, 10_000 * UNIT).await;
    let expired = saver(f, 100 * UNIT, 0).await;
    let provider = f.provider.insecure_clone();
    let revoke = f
        .bank
        .revoke_attestation(provider.pubkey(), revoked.pubkey());
    assert_success(f.send(&[revoke], &[&provider]).await);
    // Its own account is frozen, but the wallet opens a fresh, unfrozen one.
    let freeze = f
        .bank
        .freeze_currency_account(revoked.currency, revoked.pubkey());
    assert_success(f.send(&[freeze], &[]).await);
    let fresh = fresh_currency_account(f, &revoked.pubkey()).await;

    // A year later the other saver's attestation has expired too. Interest keeps accruing.
    f.warp(366 * DAY).await;
    assert_success(f.send(&[f.bank.accrue()], &[]).await);
    let (all_revoked, all_expired) = (value(f, &revoked).await, value(f, &expired).await);
    assert!(all_revoked > 100 * UNIT && all_expired > 100 * UNIT);
    let vault = f.balance(pda::savings_vault()).await;
    let ix = f
        .bank
        .savings_withdraw(revoked.pubkey(), fresh, all_revoked);
    assert_error(f.send(&[ix], &[&revoked.key]).await, E::AttestationRevoked);
    let ix = f
        .bank
        .savings_withdraw(expired.pubkey(), expired.currency, all_expired);
    assert_error(f.send(&[ix], &[&expired.key]).await, E::AttestationExpired);
    // Nothing moved: the value waits in the positions.
    assert_eq!(f.balance(fresh).await, 0);
    assert_eq!(f.balance(pda::savings_vault()).await, vault);
    for u in [&revoked, &expired] {
        let p: SavingsPosition = f.account(pda::savings_position(&u.pubkey())).await;
        assert_eq!((p.shares, p.withdrawn), (100 * UNIT, 0));
    }

    // Once the provider renews, each withdraws its full value, interest included.
    for u in [&revoked, &expired] {
        let terms = f.terms(2).await;
        let renew = f
            .bank
            .renew_attestation(provider.pubkey(), u.pubkey(), terms);
        assert_success(f.send(&[renew], &[&provider]).await);
    }
    let before = f.balance(expired.currency).await;
    let ixs = [
        f.bank
            .savings_withdraw(revoked.pubkey(), fresh, all_revoked),
        f.bank.close_savings(revoked.pubkey()),
    ];
    assert_success(f.send(&ixs, &[&revoked.key]).await);
    let ixs = [
        f.bank
            .savings_withdraw(expired.pubkey(), expired.currency, all_expired),
        f.bank.close_savings(expired.pubkey()),
    ];
    assert_success(f.send(&ixs, &[&expired.key]).await);
    assert_eq!(f.balance(fresh).await, all_revoked);
    assert_eq!(f.balance(expired.currency).await, before + all_expired);
}

#[tokio::test]
async fn frequent_accrual_pays_what_one_accrual_pays() {
    let f = &mut Fixture::bootstrap().await;
    // The surplus is the reserve-swap fee, 0.2 currency: plenty for this interest.
    let u = saver(f, 100 * UNIT, 0).await;
    let start: Reserve = f.account(pda::reserve()).await;
    // Every 5 seconds 0.79 base units are owed: floored per call, that was always 0.
    assert_eq!(interest(100 * UNIT, 500, 5), 0);
    for _ in 0..60 {
        f.warp(5).await;
        assert_success(f.send(&[f.bank.accrue()], &[]).await);
    }
    let r: Reserve = f.account(pda::reserve()).await;
    let span = r.savings_last_accrual - start.savings_last_accrual;
    assert!(span >= 300);
    let once = interest(100 * UNIT, 500, span);
    assert!(once >= 47);
    // One accrual over the span would pay `once`; the 60 accruals pay the same (compounding
    // the few units already paid adds at most one).
    assert!(
        (once..=once + 1).contains(&r.interest_paid),
        "paid {} vs {once}",
        r.interest_paid
    );
    assert_eq!(r.interest_shortfall, 0);
    assert!(value(f, &u).await + 1 >= 100 * UNIT + r.interest_paid);
}
