//! Dynamic pricing, settlement, claims and the sweep.

use central_bank::errors::CentralBankError as CbE;
use grid_market::{
    errors::GridMarketError as E,
    instructions::RegisterMeterArgs,
    state::{Epoch, EpochStatus, GridPriceSource, Market},
};
use proptest::prelude::*;
use sourceenergy_sdk::marketplace::PoolKeys;

use super::*;

/// Two grid-price feeders and an offtaker holding 1,000 currency.
struct Pricing {
    feeders: [Keypair; 2],
    offtaker: User,
}

async fn pricing(f: &mut Fixture) -> Pricing {
    let feeders = [f.actor().await, f.actor().await];
    for feeder in &feeders {
        f.enact(GovernanceAction::GrantRole {
            role: RoleKind::GridPriceFeeder,
            subject: feeder.pubkey(),
        })
        .await;
    }
    let offtaker = f.user(2_000 * UNIT).await;
    assert_success(f.mint_currency(&offtaker, 1_001 * UNIT + 1).await);
    f.enact(GovernanceAction::GrantRole {
        role: RoleKind::GridOfftaker,
        subject: offtaker.pubkey(),
    })
    .await;
    Pricing { feeders, offtaker }
}

async fn feed(f: &mut Fixture, p: &Pricing, which: usize, index: u64, price: u64) -> TxResult {
    let feeder = &p.feeders[which];
    f.send(
        &[gm::submit_grid_price(feeder.pubkey(), index, price)],
        &[feeder],
    )
    .await
}

async fn settle(f: &mut Fixture, p: &Pricing, index: u64, max: u64) -> TxResult {
    let ix = gm::settle_epoch(p.offtaker.pubkey(), p.offtaker.currency, index, max);
    f.send(&[ix], &[&p.offtaker.key]).await
}

/// An owner wallet with a currency account for its claims.
async fn owner(f: &mut Fixture) -> (Keypair, Pubkey) {
    let k = f.actor().await;
    let currency = f.currency_ata(&k.pubkey()).await;
    (k, currency)
}

async fn claim(f: &mut Fixture, who: &(Keypair, Pubkey), index: u64) -> TxResult {
    f.send(&[gm::claim(who.0.pubkey(), index, who.1)], &[&who.0])
        .await
}

#[tokio::test]
async fn three_contributors_over_three_epochs() {
    let (f, g) = &mut grid().await;
    let p = &pricing(f).await;
    let (a, b, c) = (owner(f).await, owner(f).await, owner(f).await);
    // Capacities let a and c report 5,000 and 9,999 Wh within half an hour of epoch 1.
    let ma = meter(f, g, a.0.pubkey(), OwnerKind::Member, 10_000).await;
    let mb = meter(f, g, b.0.pubkey(), OwnerKind::Household, 3_000).await;
    let mc = meter(f, g, c.0.pubkey(), OwnerKind::Community, 20_000).await;

    // Epoch 0: feeds 100,333 and 100,334 -> median floor(100,333.5) = 100,333.
    next_epoch(f, HOUR / 2).await;
    let e0 = open_epoch(f).await;
    for (m, who, wh) in [(ma, &a, 2_000), (mb, &b, 1_500), (mc, &c, 4_000)] {
        assert_success(read(f, g, m, who.0.pubkey(), e0, wh).await);
    }
    assert_success(feed(f, p, 0, e0, 100_333).await);
    assert_success(feed(f, p, 1, e0, 100_334).await);
    assert_error(feed(f, p, 1, e0, 1).await, E::DuplicateFeed);

    // Epoch 1: feeds 900,000 and 700,000 -> median 800,000, clamped to the 500,000 ceiling.
    next_epoch(f, HOUR / 2).await;
    assert_success(f.send(&[gm::close_epoch(e0)], &[]).await);
    let e1 = open_epoch(f).await;
    assert_success(read(f, g, ma, a.0.pubkey(), e1, 7_000).await);
    assert_success(read(f, g, mc, c.0.pubkey(), e1, 13_999).await);
    assert_success(feed(f, p, 0, e1, 900_000).await);
    assert_success(feed(f, p, 1, e1, 700_000).await);

    // Epoch 2: one feed (below the policy minimum of 2) -> the previous epoch's price.
    next_epoch(f, HOUR / 2).await;
    assert_success(f.send(&[gm::close_epoch(e1)], &[]).await);
    let e2 = open_epoch(f).await;
    assert_success(read(f, g, mb, b.0.pubkey(), e2, 2_500).await);
    assert_success(feed(f, p, 0, e2, 300_000).await);
    next_epoch(f, 1).await;
    assert_success(f.send(&[gm::close_epoch(e2)], &[]).await);

    let prices: Vec<(u64, GridPriceSource, u64, u64)> = {
        let mut v = Vec::new();
        for i in [e0, e1, e2] {
            let e: Epoch = f.account(pda::epoch(i)).await;
            v.push((
                e.grid_price,
                e.grid_source,
                e.market_price,
                e.clearing_price,
            ));
        }
        v
    };
    assert_eq!(
        prices,
        vec![
            (100_333, GridPriceSource::Median, 0, 100_333),
            (800_000, GridPriceSource::Median, 0, 500_000),
            (500_000, GridPriceSource::PreviousEpoch, 0, 500_000),
        ]
    );

    // Revenue: floor(7,500 * 100,333 / 1000) = 752,497; floor(14,999 * 500) = 7,499,500;
    // 1,000 Wh * 500 = 500,000.
    for (i, revenue) in [(e0, 752_497), (e1, 7_499_500), (e2, 500_000)] {
        assert_error(settle(f, p, i, revenue - 1).await, E::Underpayment);
        assert_success(settle(f, p, i, revenue).await);
        let e: Epoch = f.account(pda::epoch(i)).await;
        assert_eq!((e.revenue, e.status), (revenue, EpochStatus::Settled));
    }
    assert_eq!(
        f.balance(pda::revenue_vault()).await,
        752_497 + 7_499_500 + 500_000
    );

    // Payouts floor(Wh * price / 1000): e0 a 200,666, b 150,499, c 401,332 (dust 0);
    // e1 a 2,500,000, c 4,999,500; e2 b 500,000.
    for (who, i, expected) in [
        (&a, e0, 200_666),
        (&b, e0, 150_499),
        (&c, e0, 401_332),
        (&a, e1, 2_500_000),
        (&c, e1, 4_999_500),
        (&b, e2, 500_000),
    ] {
        let before = f.balance(who.1).await;
        assert_success(claim(f, who, i).await);
        assert_eq!(f.balance(who.1).await - before, expected);
    }
    assert_error(claim(f, &a, e0).await, E::AlreadyClaimed);
    assert_error(claim(f, &b, e1).await, E::NothingToClaim);
    assert_eq!(f.balance(pda::revenue_vault()).await, 0);
}

#[tokio::test]
async fn claims_settlement_and_sweep_fail_at_the_wrong_time() {
    let (f, g) = &mut grid().await;
    let p = &pricing(f).await;
    let (a, b) = (owner(f).await, owner(f).await);
    let ma = meter(f, g, a.0.pubkey(), OwnerKind::Member, 5_000).await;
    let mb = meter(f, g, b.0.pubkey(), OwnerKind::Member, 5_000).await;
    // Three quarters into the epoch: 5 kW can have produced 3,750 Wh in it.
    next_epoch(f, 3 * HOUR / 4).await;
    let e = open_epoch(f).await;
    assert_success(read(f, g, ma, a.0.pubkey(), e, 1_000).await);
    assert_success(read(f, g, mb, b.0.pubkey(), e, 3_000).await);
    // Open: nothing can be settled or claimed yet.
    assert_error(settle(f, p, e, u64::MAX).await, E::NotClosed);
    assert_error(claim(f, &a, e).await, E::ClaimBeforeSettlement);
    next_epoch(f, 1).await;
    assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
    assert_error(claim(f, &a, e).await, E::ClaimBeforeSettlement);
    let e_state: Epoch = f.account(pda::epoch(e)).await;
    assert_eq!(
        (e_state.grid_source, e_state.clearing_price),
        (GridPriceSource::PolicyFloor, 50_000)
    );

    // Only the offtaker, paying in currency.
    let stranger = f.user(10 * UNIT).await;
    let ix = gm::settle_epoch(stranger.pubkey(), stranger.currency, e, u64::MAX);
    assert_error(
        f.send(&[ix], &[&stranger.key]).await,
        CbE::InvalidRoleAccount,
    );
    let ix = gm::settle_epoch(p.offtaker.pubkey(), p.offtaker.collateral, e, u64::MAX);
    assert_error(
        f.send(&[ix], &[&p.offtaker.key]).await,
        AnchorError::ConstraintTokenMint,
    );
    assert_success(settle(f, p, e, 200_000).await); // 4,000 Wh * 0.05 = 200,000
    assert_error(settle(f, p, e, 200_000).await, E::NotClosed);

    // PDA sharing: claiming with another owner's contributor record.
    let mut ix = gm::claim(a.0.pubkey(), e, a.1);
    ix.accounts[1].pubkey = pda::contributor(&b.0.pubkey());
    assert_error(f.send(&[ix], &[&a.0]).await, AnchorError::ConstraintSeeds);

    assert_success(claim(f, &a, e).await);
    assert_error(
        f.send(&[gm::sweep_epoch(e)], &[]).await,
        E::SweepBeforeExpiry,
    );
    let settled: Epoch = f.account(pda::epoch(e)).await;
    let now = f.now().await;
    f.warp(settled.claim_deadline - now).await;
    assert_error(claim(f, &b, e).await, E::ClaimExpired);
    let surplus = f.balance(pda::surplus_vault()).await;
    assert_success(f.send(&[gm::sweep_epoch(e)], &[]).await);
    assert_eq!(
        f.balance(pda::surplus_vault()).await,
        surplus + 150_000,
        "b's unclaimed share"
    );
    let swept: Epoch = f.account(pda::epoch(e)).await;
    assert_eq!(
        (swept.claimed, swept.swept, swept.status),
        (50_000, 150_000, EpochStatus::Expired)
    );
    assert_error(f.send(&[gm::sweep_epoch(e)], &[]).await, E::NotSettled);
    assert_error(claim(f, &b, e).await, E::ClaimExpired);
    // b's slot is freed for new epochs.
    assert_success(f.send(&[gm::release_expired(b.0.pubkey(), e)], &[]).await);
    let c: grid_market::state::Contributor = f.account(pda::contributor(&b.0.pubkey())).await;
    assert!(c.open.iter().all(|s| s.epoch_plus_one == 0));
}

/// The clearing price mixes the grid median with the marketplace TWAP over the epoch.
#[tokio::test]
async fn clearing_price_weights_the_market_twap() {
    let (f, g) = &mut grid().await;
    let p = &pricing(f).await;
    let energy = PoolKeys {
        asset_mint: pda::energy_credit_mint(),
        asset_token_program: TOKEN,
    };
    f.enact(GovernanceAction::GrantRole {
        role: RoleKind::ListedMarketAsset,
        subject: energy.asset_mint,
    })
    .await;
    // A trader who owns a meter, so it holds real energy credits to seed the pool.
    let maker = f.trader(&energy, 10 * UNIT, 0).await;
    let m = meter(f, g, maker.holdings.owner, OwnerKind::Member, 50_000).await;
    // The meter produced the credits in the epoch before (50 kW for half an hour).
    next_epoch(f, HOUR / 2).await;
    let before = open_epoch(f).await;
    assert_success(read(f, g, m, maker.holdings.owner, before, 20_000).await);
    next_epoch(f, 60).await;
    assert_success(f.send(&[gm::close_epoch(before)], &[]).await);
    let e = open_epoch(f).await;
    // 10,000 Wh against 3 currency: 300,000 per kWh.
    f.create_pool(&energy, &maker, 10_000, 3 * UNIT, 25).await;
    // A later trade inside the epoch records the second observation (half an epoch on).
    f.warp(HOUR / 2 + 60).await;
    assert_success(
        f.send(
            &[energy.swap(&maker.holdings, false, 1_000, 0)],
            &[&maker.user.key],
        )
        .await,
    );
    assert_success(feed(f, p, 0, e, 100_000).await);
    assert_success(feed(f, p, 1, e, 100_000).await);
    next_epoch(f, 1).await;
    assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
    let closed: Epoch = f.account(pda::epoch(e)).await;
    // 70% grid + 30% market: 0.7 * 100,000 + 0.3 * 300,000 = 160,000.
    assert_eq!(
        (
            closed.grid_price,
            closed.market_price,
            closed.clearing_price
        ),
        (100_000, 300_000, 160_000)
    );
}

#[derive(Debug, Clone)]
struct Plan {
    /// Wh per owner per epoch (0 = no reading).
    readings: Vec<[u64; 3]>,
    /// Which owners claim each epoch.
    claims: Vec<[bool; 3]>,
    price: u64,
}

fn plan() -> impl Strategy<Value = Plan> {
    (1usize..=3, 50_000u64..=500_000).prop_flat_map(|(epochs, price)| {
        (
            prop::collection::vec(prop::array::uniform3(0u64..2_000), epochs),
            prop::collection::vec(prop::array::uniform3(any::<bool>()), epochs),
            Just(price),
        )
            .prop_map(|(readings, claims, price)| Plan {
                readings,
                claims,
                price,
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    /// Random readings and claims: per epoch, payouts + swept = revenue, and the credit supply
    /// equals the verified Wh.
    #[test]
    fn value_is_conserved(plan in plan()) {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(run_plan(plan));
    }
}

async fn run_plan(plan: Plan) {
    let (f, g) = &mut grid().await;
    let p = &pricing(f).await;
    let owners = [owner(f).await, owner(f).await, owner(f).await];
    let mut meters = Vec::new();
    for o in &owners {
        meters.push(meter(f, g, o.0.pubkey(), OwnerKind::Member, 4_000).await);
    }
    let mut cumulative = [0u64; 3];
    let mut epochs = Vec::new();
    let mut verified = 0;
    for wh in &plan.readings {
        next_epoch(f, HOUR / 2).await;
        let e = open_epoch(f).await;
        for i in 0..3 {
            if wh[i] > 0 {
                cumulative[i] += wh[i];
                verified += wh[i];
                assert_success(read(f, g, meters[i], owners[i].0.pubkey(), e, cumulative[i]).await);
            }
        }
        assert_success(feed(f, p, 0, e, plan.price).await);
        assert_success(feed(f, p, 1, e, plan.price).await);
        epochs.push(e);
    }
    next_epoch(f, 1).await;
    let mut paid = vec![0u64; epochs.len()];
    for (k, &e) in epochs.iter().enumerate() {
        assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
        assert_success(settle(f, p, e, u64::MAX).await);
        for (i, who) in owners.iter().enumerate() {
            if plan.claims[k][i] && plan.readings[k][i] > 0 {
                let before = f.balance(who.1).await;
                assert_success(claim(f, who, e).await);
                paid[k] += f.balance(who.1).await - before;
            }
        }
    }
    let deadline = f
        .account::<Epoch>(pda::epoch(*epochs.last().unwrap()))
        .await
        .claim_deadline;
    let now = f.now().await;
    f.warp(deadline - now).await;
    for (k, &e) in epochs.iter().enumerate() {
        assert_success(f.send(&[gm::sweep_epoch(e)], &[]).await);
        let s: Epoch = f.account(pda::epoch(e)).await;
        assert_eq!(
            paid[k] + s.swept,
            s.revenue,
            "epoch {e}: payouts + swept = revenue"
        );
        assert_eq!(s.claimed, paid[k]);
    }
    let market: Market = f.account(pda::market()).await;
    assert_eq!(market.credited_wh, verified);
    assert_eq!(f.supply(pda::energy_credit_mint()).await, verified);
    assert_eq!(f.balance(pda::revenue_vault()).await, 0);
}

#[tokio::test]
async fn account_substitutions_are_rejected() {
    let (f, g) = &mut grid().await;
    let p = &pricing(f).await;
    let a = owner(f).await;
    let m = meter(f, g, a.0.pubkey(), OwnerKind::Member, 5_000).await;
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    let reading = gm::Reading {
        oracle: g.oracle.pubkey(),
        meter_id: m,
        owner: a.0.pubkey(),
        epoch: e,
    };

    // Signer: the oracle must sign its reading.
    let mut ix = gm::submit_reading(&reading, 1_000);
    ix.accounts[0].is_signer = false;
    assert_error(f.send(&[ix], &[]).await, AnchorError::AccountNotSigner);
    // Type cosplay: the meter account where the epoch belongs.
    let mut ix = gm::submit_reading(&reading, 1_000);
    ix.accounts[4].pubkey = pda::meter(&m);
    assert_error(
        f.send(&[ix], &[&g.oracle]).await,
        AnchorError::AccountDiscriminatorMismatch,
    );
    // Credits must go to the meter owner's account.
    let thief = f.ata(&f.payer(), &pda::energy_credit_mint(), TOKEN).await;
    let mut ix = gm::submit_reading(&reading, 1_000);
    ix.accounts[7].pubkey = thief;
    assert_error(
        f.send(&[ix], &[&g.oracle]).await,
        AnchorError::ConstraintTokenOwner,
    );

    assert_success(read(f, g, m, a.0.pubkey(), e, 1_000).await);
    next_epoch(f, 1).await;
    assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
    assert_success(settle(f, p, e, u64::MAX).await);
    // Data matching: a claim paid from a vault other than the market's revenue vault.
    let mut ix = gm::claim(a.0.pubkey(), e, a.1);
    ix.accounts[5].pubkey = p.offtaker.currency;
    assert_error(f.send(&[ix], &[&a.0]).await, AnchorError::ConstraintHasOne);
    // The sweep goes only to the L1 surplus vault.
    let settled: Epoch = f.account(pda::epoch(e)).await;
    let now = f.now().await;
    f.warp(settled.claim_deadline - now).await;
    let mut ix = gm::sweep_epoch(e);
    ix.accounts[5].pubkey = a.1;
    assert_error(f.send(&[ix], &[]).await, AnchorError::ConstraintSeeds);
    // Bump canonicalization: a meter registered at a non-canonical address is refused.
    let id = Pubkey::new_unique();
    let seeds: &[&[u8]] = &[b"meter", id.as_ref()];
    let (_, canonical) = Pubkey::find_program_address(seeds, &grid_market::ID);
    let other = (0..canonical)
        .rev()
        .find_map(|b| {
            Pubkey::create_program_address(&[seeds[0], seeds[1], &[b]], &grid_market::ID).ok()
        })
        .unwrap();
    let mut ix = gm::register_meter(
        g.registrar.pubkey(),
        RegisterMeterArgs {
            meter_id: id,
            ..args(a.0.pubkey(), OwnerKind::Member, 1, g.oracle.pubkey())
        },
    );
    ix.accounts[2].pubkey = other;
    assert_error(
        f.send(&[ix], &[&g.registrar]).await,
        AnchorError::ConstraintSeeds,
    );
}
