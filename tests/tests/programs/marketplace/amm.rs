//! Constant-product pools: exact swap and LP math, fees, invariants, TWAP, attacks.

use central_bank::errors::CentralBankError as CbE;
use marketplace::{errors::MarketplaceError as E, instructions::CreatePoolArgs, state::Pool};
use proptest::prelude::*;
use se_math::amm::PRICE_SCALE;
use solana_sdk::signer::Signer;
use sourceenergy_sdk::{
    marketplace::{Holdings, PoolKeys},
    pda, read,
};
use sourceenergy_tests::*;

const ASSET: u64 = 1_000 * UNIT;
const CURRENCY: u64 = 4_000 * UNIT;
const LP_FEE_BPS: u16 = 25;

fn args(asset_amount: u64, currency_amount: u64) -> CreatePoolArgs {
    CreatePoolArgs {
        asset_amount,
        currency_amount,
        lp_fee_bps: LP_FEE_BPS,
    }
}

/// A bootstrapped bank with a listed 6-decimal Token-2022 asset and a pool of 1,000 asset
/// against 4,000 currency, created by the returned trader.
async fn pool() -> (Fixture, PoolKeys, Trader) {
    let mut f = Fixture::bootstrap().await;
    let keys = f.listed_asset(6, TOKEN).await;
    let maker = f.trader(&keys, CURRENCY, ASSET).await;
    f.create_pool(&keys, &maker, ASSET, CURRENCY, LP_FEE_BPS)
        .await;
    (f, keys, maker)
}

async fn pool_state(f: &mut Fixture, keys: &PoolKeys) -> Pool {
    f.account(keys.pool()).await
}

#[tokio::test]
async fn create_pool_locks_minimum_liquidity() {
    let (f, keys, maker) = &mut pool().await;
    let p = pool_state(f, keys).await;
    // sqrt(1_000e6 * 4_000e6) = 2_000e6, of which 1,000 are locked forever.
    assert_eq!(
        (p.asset_reserve, p.currency_reserve, p.lp_supply),
        (ASSET, CURRENCY, 2_000 * UNIT)
    );
    assert_eq!(
        f.balance(keys.lp_account(&maker.holdings.owner)).await,
        2_000 * UNIT - 1_000
    );
    assert_eq!(f.supply(keys.lp_mint()).await, 2_000 * UNIT - 1_000);
    assert_eq!(f.balance(keys.asset_vault()).await, ASSET);
    assert_eq!(f.balance(keys.currency_vault()).await, CURRENCY);
    assert_eq!(
        (p.observation_count, p.surplus_vault),
        (1, pda::surplus_vault())
    );
    assert_eq!(
        (
            f.balance(maker.holdings.asset).await,
            f.balance(maker.holdings.currency).await
        ),
        (0, 0)
    );
}

#[tokio::test]
async fn unlisted_asset_and_bad_parameters_are_rejected() {
    let f = &mut Fixture::bootstrap().await;
    let authority = f.collateral_authority.pubkey();
    let mint = f.create_mint(&authority, 6, TOKEN).await;
    let keys = PoolKeys {
        asset_mint: mint,
        asset_token_program: TOKEN,
    };
    let maker = f.trader(&keys, CURRENCY, ASSET).await;
    let ix = keys.create_pool(&maker.holdings, args(ASSET, CURRENCY));
    assert_error(
        f.send(&[ix], &[&maker.user.key]).await,
        CbE::InvalidRoleAccount,
    );

    let listed = f.listed_asset(6, TOKEN).await;
    let maker = f.trader(&listed, CURRENCY, ASSET).await;
    let mut bad = args(ASSET, CURRENCY);
    bad.lp_fee_bps = 101;
    let ix = listed.create_pool(&maker.holdings, bad);
    assert_error(f.send(&[ix], &[&maker.user.key]).await, E::FeeOutOfBounds);
    // sqrt(1_000 * 1_000) = 1_000 is not more than the locked minimum.
    let ix = listed.create_pool(&maker.holdings, args(1_000, 1_000));
    assert_error(
        f.send(&[ix], &[&maker.user.key]).await,
        E::InsufficientInitialLiquidity,
    );
    assert!(f.raw_account(listed.pool()).await.is_none());
}

#[tokio::test]
async fn swaps_pay_exact_outputs_and_fees() {
    let (f, keys, _) = &mut pool().await;
    let t = f.trader(keys, 100 * UNIT, 10 * UNIT).await;
    let surplus_before = f.balance(pda::surplus_vault()).await;

    // Buy with 10 currency: protocol fee ceil(10e6 * 30 / 1e4) = 30,000 to the reserve,
    // LP fee 25,000 stays; floor(1_000e6 * 9_945_000 / (4_000e6 + 9_945_000)) = 2,480,083 out.
    let ix = keys.swap(&t.holdings, true, 10 * UNIT, 2_480_083);
    assert_success(f.send(&[ix], &[&t.user.key]).await);
    assert_eq!(f.balance(t.holdings.asset).await, 10 * UNIT + 2_480_083);
    assert_eq!(f.balance(t.holdings.currency).await, 90 * UNIT);
    assert_eq!(
        f.balance(pda::surplus_vault()).await,
        surplus_before + 30_000
    );
    let p = pool_state(f, keys).await;
    assert_eq!(
        (p.asset_reserve, p.currency_reserve),
        (997_519_917, 4_009_970_000)
    );

    // Sell 5 asset: LP fee 12,500 stays; gross floor(4_009.97e6 * 4_987_500 / (997_519_917 +
    // 4_987_500)) = 19,949,703; protocol fee ceil(gross * 30 / 1e4) = 59,850.
    let ix = keys.swap(&t.holdings, false, 5 * UNIT, 19_889_853);
    assert_success(f.send(&[ix], &[&t.user.key]).await);
    assert_eq!(f.balance(t.holdings.currency).await, 90 * UNIT + 19_889_853);
    assert_eq!(
        f.balance(pda::surplus_vault()).await,
        surplus_before + 30_000 + 59_850
    );
    let p = pool_state(f, keys).await;
    assert_eq!(
        (p.asset_reserve, p.currency_reserve),
        (1_002_519_917, 3_990_020_297)
    );
    assert_eq!(p.protocol_fees, 89_850);
    assert_eq!(f.balance(keys.currency_vault()).await, p.currency_reserve);
}

#[tokio::test]
async fn slippage_and_zero_inputs_are_rejected_without_effect() {
    let (f, keys, _) = &mut pool().await;
    let t = f.trader(keys, 100 * UNIT, 10 * UNIT).await;
    f.ata(&t.holdings.owner, &keys.lp_mint(), TOKEN).await;
    let ix = keys.swap(&t.holdings, true, 10 * UNIT, 2_480_084);
    assert_error(f.send(&[ix], &[&t.user.key]).await, E::SlippageExceeded);
    let ix = keys.swap(&t.holdings, true, 0, 0);
    assert_error(f.send(&[ix], &[&t.user.key]).await, E::ZeroAmount);
    // Dust: one base unit of currency is all fee and buys nothing.
    let ix = keys.swap(&t.holdings, true, 1, 0);
    assert_error(f.send(&[ix], &[&t.user.key]).await, E::ZeroAmount);
    let ix = keys.deposit(&t.holdings, 0, u64::MAX, u64::MAX);
    assert_error(f.send(&[ix], &[&t.user.key]).await, E::ZeroAmount);
    // 1 LP needs exactly 500,000 asset and 2,000,000 currency: one unit less is over the cap.
    let ix = keys.deposit(&t.holdings, UNIT, 499_999, 2 * UNIT);
    assert_error(f.send(&[ix], &[&t.user.key]).await, E::MaxInputExceeded);
    assert_eq!(f.balance(t.holdings.currency).await, 100 * UNIT);
    let p = pool_state(f, keys).await;
    assert_eq!((p.asset_reserve, p.currency_reserve), (ASSET, CURRENCY));
}

#[tokio::test]
async fn deposit_and_withdraw_round_trip_never_profits() {
    let (f, keys, _) = &mut pool().await;
    let t = f.trader(keys, 1_000 * UNIT, 1_000 * UNIT).await;
    let lp_account = f.ata(&t.holdings.owner, &keys.lp_mint(), TOKEN).await;
    // 1 LP of 2,000: inputs round up, ceil(1e6 * 1_000e6 / 2_000e6) = 500,000 and 2,000,000.
    let ix = keys.deposit(&t.holdings, UNIT, 500_000, 2 * UNIT);
    assert_success(f.send(&[ix], &[&t.user.key]).await);
    assert_eq!(f.balance(lp_account).await, UNIT);
    assert_eq!(f.balance(t.holdings.asset).await, 1_000 * UNIT - 500_000);
    let ix = keys.withdraw(&t.holdings, UNIT, 0, 0);
    assert_success(f.send(&[ix], &[&t.user.key]).await);
    assert!(f.balance(t.holdings.asset).await <= 1_000 * UNIT);
    assert!(f.balance(t.holdings.currency).await <= 1_000 * UNIT);

    // Odd sizes round against the depositor too.
    for lp in [1, 7, 333_333, 1_234_567] {
        let (a0, c0) = (
            f.balance(t.holdings.asset).await,
            f.balance(t.holdings.currency).await,
        );
        let ixs = [
            keys.deposit(&t.holdings, lp, u64::MAX, u64::MAX),
            keys.withdraw(&t.holdings, lp, 0, 0),
        ];
        assert_success(f.send(&ixs, &[&t.user.key]).await);
        assert!(f.balance(t.holdings.asset).await <= a0);
        assert!(f.balance(t.holdings.currency).await <= c0);
    }
    // The locked minimum can never be withdrawn.
    let p = pool_state(f, keys).await;
    let ix = keys.withdraw(&t.holdings, p.lp_supply, 0, 0);
    assert_error(
        f.send(&[ix], &[&t.user.key]).await,
        E::InsufficientLiquidity,
    );
}

/// The classic first-depositor attack: make a tiny pool, donate to inflate the LP price,
/// and let the rounding of the next deposit hand the donation back with a profit. Reserves
/// are tracked rather than read from the vaults, so the donation moves neither price nor
/// LP value, and the attacker only loses it.
#[tokio::test]
async fn donation_attack_does_not_pay() {
    let f = &mut Fixture::bootstrap().await;
    let keys = f.listed_asset(6, TOKEN).await;
    let attacker = f.trader(&keys, 1_000 * UNIT, 1_000 * UNIT).await;
    f.create_pool(&keys, &attacker, 1_001, 1_001, LP_FEE_BPS)
        .await;
    // Donate straight into both vaults.
    let ixs = [
        spl_transfer(
            &attacker.holdings.asset,
            &keys.asset_mint,
            &keys.asset_vault(),
            &attacker.holdings.owner,
            500 * UNIT,
        ),
        spl_transfer(
            &attacker.holdings.currency,
            &pda::currency_mint(),
            &keys.currency_vault(),
            &attacker.holdings.owner,
            500 * UNIT,
        ),
    ];
    assert_success(f.send(&ixs, &[&attacker.user.key]).await);
    let p = pool_state(f, &keys).await;
    assert_eq!(
        (p.asset_reserve, p.currency_reserve),
        (1_001, 1_001),
        "donations are not reserves"
    );

    let victim = f.trader(&keys, 1_000 * UNIT, 1_000 * UNIT).await;
    f.ata(&victim.holdings.owner, &keys.lp_mint(), TOKEN).await;
    let ix = keys.deposit(&victim.holdings, 100 * UNIT, 100 * UNIT, 100 * UNIT);
    assert_success(f.send(&[ix], &[&victim.user.key]).await);
    assert_eq!(
        f.balance(victim.holdings.asset).await,
        900 * UNIT,
        "a fair price: 1 asset per LP"
    );

    let lp = f.balance(keys.lp_account(&attacker.holdings.owner)).await;
    let ix = keys.withdraw(&attacker.holdings, lp, 0, 0);
    assert_success(f.send(&[ix], &[&attacker.user.key]).await);
    assert!(f.balance(attacker.holdings.asset).await < 1_000 * UNIT);
    assert!(f.balance(attacker.holdings.currency).await < 1_000 * UNIT);
    // The victim exits whole (bar rounding).
    let ix = keys.withdraw(&victim.holdings, 100 * UNIT, 100 * UNIT - 1, 100 * UNIT - 1);
    assert_success(f.send(&[ix], &[&victim.user.key]).await);
}

fn spl_transfer(
    from: &solana_sdk::pubkey::Pubkey,
    mint: &solana_sdk::pubkey::Pubkey,
    to: &solana_sdk::pubkey::Pubkey,
    owner: &solana_sdk::pubkey::Pubkey,
    amount: u64,
) -> solana_sdk::instruction::Instruction {
    anchor_spl::token_2022::spl_token_2022::instruction::transfer_checked(
        &TOKEN,
        from,
        mint,
        to,
        owner,
        &[],
        amount,
        6,
    )
    .unwrap()
}

/// One pool operation of a generated sequence: which trader, and a size.
#[derive(Debug, Clone, Copy)]
enum Op {
    Buy(usize, u64),
    Sell(usize, u64),
    Deposit(usize, u64),
    /// Withdraw this many thousandths of the trader's LP balance (at least one unit).
    Withdraw(usize, u64),
}

fn op() -> impl Strategy<Value = Op> {
    let who = 0usize..3;
    prop_oneof![
        (who.clone(), 1..50 * UNIT).prop_map(|(t, a)| Op::Buy(t, a)),
        (who.clone(), 1..10 * UNIT).prop_map(|(t, a)| Op::Sell(t, a)),
        (who.clone(), 1..10 * UNIT).prop_map(|(t, a)| Op::Deposit(t, a)),
        (who, 1..=1_000u64).prop_map(|(t, a)| Op::Withdraw(t, a)),
    ]
}

proptest! {
    // Each case boots a runtime; a few cases of up to 16 operations keep CI quick while
    // still shrinking any failure to a minimal sequence.
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// Generated swaps, deposits and withdrawals by three traders: k never falls on a swap,
    /// the value of an LP share never falls, tokens are conserved, and protocol fees equal
    /// what the reserve received.
    #[test]
    fn invariants_hold_over_generated_operations(ops in prop::collection::vec(op(), 1..16)) {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(run_operations(ops));
    }
}

async fn run_operations(ops: Vec<Op>) {
    let (f, keys, maker) = &mut pool().await;
    let mut traders = Vec::new();
    for _ in 0..3 {
        let t = f.trader(keys, 2_000 * UNIT, 500 * UNIT).await;
        f.ata(&t.holdings.owner, &keys.lp_mint(), TOKEN).await;
        traders.push(t);
    }
    let surplus0 = f.balance(pda::surplus_vault()).await;
    let mut holders: Vec<_> = traders.iter().map(|t| t.holdings).collect();
    holders.push(maker.holdings);
    let asset0 = total(f, keys, &holders, true).await;
    let currency0 = total(f, keys, &holders, false).await + surplus0;

    for (step, op) in ops.into_iter().enumerate() {
        let before = pool_state(f, keys).await;
        let (t, ix) = match op {
            Op::Buy(t, amount) => (t, keys.swap(&traders[t].holdings, true, amount, 0)),
            Op::Sell(t, amount) => (t, keys.swap(&traders[t].holdings, false, amount, 0)),
            Op::Deposit(t, lp) => (
                t,
                keys.deposit(&traders[t].holdings, lp, u64::MAX, u64::MAX),
            ),
            Op::Withdraw(t, per_mille) => {
                let held = f.balance(keys.lp_account(&traders[t].holdings.owner)).await;
                (
                    t,
                    keys.withdraw(
                        &traders[t].holdings,
                        (held * per_mille / 1_000).max(1),
                        0,
                        0,
                    ),
                )
            }
        };
        let res = f.send(&[ix], &[&traders[t].user.key]).await;
        let after = pool_state(f, keys).await;
        if res.is_err() {
            // Only dust swaps and withdrawals without LP fail; they change nothing.
            assert_eq!(
                (after.asset_reserve, after.currency_reserve, after.lp_supply),
                (
                    before.asset_reserve,
                    before.currency_reserve,
                    before.lp_supply
                ),
                "step {step}: a failed {op:?} changed the pool"
            );
            continue;
        }
        if matches!(op, Op::Buy(..) | Op::Sell(..)) {
            assert!(after.k() >= before.k(), "step {step}: k fell on {op:?}");
        }
        // k / lp^2 (value per LP share, squared) never decreases.
        assert!(
            after.k() * (before.lp_supply as u128).pow(2)
                >= before.k() * (after.lp_supply as u128).pow(2),
            "step {step}: LP value fell on {op:?}"
        );
        assert_eq!(
            total(f, keys, &holders, true).await,
            asset0,
            "step {step}: asset not conserved"
        );
        let surplus = f.balance(pda::surplus_vault()).await;
        assert_eq!(
            total(f, keys, &holders, false).await + surplus,
            currency0,
            "step {step}: currency not conserved"
        );
        assert_eq!(
            surplus - surplus0,
            after.protocol_fees,
            "step {step}: fees missed the reserve"
        );
        assert_eq!(f.balance(keys.asset_vault()).await, after.asset_reserve);
    }
}

/// One side's tokens held by `holders` plus the pool vault.
async fn total(f: &mut Fixture, keys: &PoolKeys, holders: &[Holdings], asset: bool) -> u64 {
    let mut sum = f
        .balance(if asset {
            keys.asset_vault()
        } else {
            keys.currency_vault()
        })
        .await;
    for h in holders {
        sum += f.balance(if asset { h.asset } else { h.currency }).await;
    }
    sum
}

#[tokio::test]
async fn twap_weights_prices_by_time() {
    let (f, keys, _) = &mut pool().await;
    let t = f.trader(keys, 1_000 * UNIT, 0).await;
    let created = f.now().await;
    let p0 = pool_state(f, keys).await;
    assert_eq!(
        p0.twap(created + 10, 600),
        None,
        "window shorter than requested"
    );
    let price0 = 4 * PRICE_SCALE; // 4,000 currency / 1,000 asset

    f.warp(600).await;
    let ix = keys.swap(&t.holdings, true, 400 * UNIT, 0);
    assert_success(f.send(&[ix], &[&t.user.key]).await);
    let p1 = pool_state(f, keys).await;
    let price1 = p1.currency_reserve as u128 * PRICE_SCALE / p1.asset_reserve as u128;
    assert!(price1 > price0);
    assert_eq!(p1.observation_count, 2);

    f.warp(1_800).await;
    let now = f.now().await;
    let expected = (price0 * 600 + price1 * 1_800) / 2_400;
    assert_eq!(p1.twap(now, 600), Some(expected));
    let raw = f.raw_account(keys.pool()).await.unwrap();
    assert_eq!(read::pool_twap(&raw.data, now, 600), Some(expected));
}

#[tokio::test]
async fn pause_stops_trading_but_not_exits() {
    let (f, keys, maker) = &mut pool().await;
    let t = f.trader(keys, 100 * UNIT, 10 * UNIT).await;
    f.ata(&t.holdings.owner, &keys.lp_mint(), TOKEN).await;
    let mut params = default_policy();
    params.marketplace_paused = true;
    f.enact(central_bank::state::GovernanceAction::SetPolicy { params })
        .await;
    let ix = keys.swap(&t.holdings, true, 10 * UNIT, 0);
    assert_error(f.send(&[ix], &[&t.user.key]).await, E::MarketPaused);
    let ix = keys.deposit(&t.holdings, UNIT, u64::MAX, u64::MAX);
    assert_error(f.send(&[ix], &[&t.user.key]).await, E::MarketPaused);
    let ix = keys.withdraw(&maker.holdings, UNIT, 0, 0);
    assert_success(f.send(&[ix], &[&maker.user.key]).await);
}

#[tokio::test]
async fn account_substitutions_are_rejected() {
    let (f, keys, maker) = &mut pool().await;
    let t = f.trader(keys, 100 * UNIT, 10 * UNIT).await;
    let swap = || keys.swap(&t.holdings, true, UNIT, 0);
    // Account order of `swap`: owner, attestation, policy, trader, pool, asset_mint,
    // currency_mint, lp_mint, asset_vault, currency_vault, asset_token_program,
    // token_program, owner_asset, owner_currency, surplus_vault.
    let cases: Vec<(usize, solana_sdk::pubkey::Pubkey, u32)> = vec![
        // PDA sharing: another wallet's volume record.
        (
            3,
            pda::trader(&maker.holdings.owner),
            AnchorError::ConstraintSeeds as u32,
        ),
        // Protocol fees to an account other than the central bank's surplus vault.
        (
            14,
            maker.holdings.currency,
            AnchorError::ConstraintAddress as u32,
        ),
        // Duplicate mutable accounts: the trader's currency account as the surplus vault.
        (
            14,
            t.holdings.currency,
            AnchorError::ConstraintDuplicateMutableAccount as u32,
        ),
        // Type cosplay: a central_bank account where the policy belongs.
        (2, pda::reserve(), CbE::InvalidPolicyAccount.into()),
        // Owner: the pool slot holding an account of another program.
        (
            4,
            pda::governance(),
            AnchorError::AccountOwnedByWrongProgram as u32,
        ),
        // Arbitrary CPI: the wrong token programs.
        (10, CLASSIC_TOKEN, AnchorError::ConstraintHasOne as u32),
        (11, CLASSIC_TOKEN, AnchorError::InvalidProgramId as u32),
    ];
    for (index, key, code) in cases {
        let mut ix = swap();
        ix.accounts[index].pubkey = key;
        assert_error(f.send(&[ix], &[&t.user.key]).await, code);
    }
    // Signer: the owner must sign.
    let mut ix = swap();
    ix.accounts[0].is_signer = false;
    assert_error(f.send(&[ix], &[]).await, AnchorError::AccountNotSigner);
    assert_eq!(f.balance(t.holdings.currency).await, 100 * UNIT);
}
