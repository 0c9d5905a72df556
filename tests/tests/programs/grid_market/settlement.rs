//! Dynamic pricing, settlement, claims and the sweep.

use central_bank::errors::CentralBankError as CbE;
use grid_market::{
    errors::GridMarketError as E,
    instructions::RegisterMeterArgs,
    state::{Epoch, EpochStatus, GridPriceSource, Market},
};
use marketplace::state::Pool;
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

    // Epoch 1: feeds 900,000 and 700,000 -> median 800,000, clamped to the 500,000 ceiling and
    // then to one step (25%) above epoch 0's price: 125,416.
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
            (800_000, GridPriceSource::Median, 0, 125_416),
            (125_416, GridPriceSource::PreviousEpoch, 0, 125_416),
        ]
    );

    // Revenue: floor(7,500 * 100,333 / 1000) = 752,497; floor(14,999 * 125.416) = 1,881,114;
    // 1,000 Wh * 125.416 = 125,416.
    for (i, revenue) in [(e0, 752_497), (e1, 1_881_114), (e2, 125_416)] {
        assert_error(settle(f, p, i, revenue - 1).await, E::Underpayment);
        assert_success(settle(f, p, i, revenue).await);
        let e: Epoch = f.account(pda::epoch(i)).await;
        assert_eq!((e.revenue, e.status), (revenue, EpochStatus::Settled));
    }
    assert_eq!(
        f.balance(pda::revenue_vault()).await,
        752_497 + 1_881_114 + 125_416
    );

    // Payouts floor(Wh * price / 1000): e0 a 200,666, b 150,499, c 401,332 (dust 0);
    // e1 a 627,080, c 1,254,034 (dust 0); e2 b 125,416.
    for (who, i, expected) in [
        (&a, e0, 200_666),
        (&b, e0, 150_499),
        (&c, e0, 401_332),
        (&a, e1, 627_080),
        (&c, e1, 1_254_034),
        (&b, e2, 125_416),
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

/// An energy pool whose owner holds real energy credits: a meter of `capacity_w` read for
/// `wh` in an epoch (priced at 100,000 by both feeders), then a pool of `pool_wh` against
/// `pool_currency` created in that same epoch. Returns the maker and that epoch, still open.
async fn energy_pool_in_epoch(
    f: &mut Fixture,
    g: &Grid,
    p: &Pricing,
    wh: u64,
    pool_wh: u64,
    pool_currency: u64,
) -> (Trader, u64) {
    let energy = energy_keys();
    f.enact(GovernanceAction::GrantRole {
        role: RoleKind::ListedMarketAsset,
        subject: energy.asset_mint,
    })
    .await;
    let maker = f.trader(&energy, pool_currency, 0).await;
    let m = meter(f, g, maker.holdings.owner, OwnerKind::Member, wh * 2).await;
    next_epoch(f, HOUR / 2).await;
    let before = open_epoch(f).await;
    assert_success(read(f, g, m, maker.holdings.owner, before, wh).await);
    assert_success(feed(f, p, 0, before, 100_000).await);
    assert_success(feed(f, p, 1, before, 100_000).await);
    f.create_pool(&energy, &maker, pool_wh, pool_currency, 25)
        .await;
    (maker, before)
}

/// Closes `before` at the start of the next epoch and opens that one; returns it.
async fn next_priced_epoch(f: &mut Fixture, before: u64) -> u64 {
    next_epoch(f, 1).await;
    assert_success(f.send(&[gm::close_epoch(before)], &[]).await);
    open_epoch(f).await
}

/// `energy_pool_in_epoch`, then the next epoch opened: the pool covers all of it.
async fn energy_pool(
    f: &mut Fixture,
    g: &Grid,
    p: &Pricing,
    wh: u64,
    pool_wh: u64,
    pool_currency: u64,
) -> (Trader, u64) {
    let (maker, before) = energy_pool_in_epoch(f, g, p, wh, pool_wh, pool_currency).await;
    let e = next_priced_epoch(f, before).await;
    (maker, e)
}

fn energy_keys() -> PoolKeys {
    PoolKeys {
        asset_mint: pda::energy_credit_mint(),
        asset_token_program: TOKEN,
    }
}

/// Spot price of a pool, currency base units per kWh.
fn per_kwh(pool: &Pool) -> u128 {
    pool.currency_reserve as u128 * 1_000 / pool.asset_reserve as u128
}

/// A pool deep enough for the market's full 30%: its price, averaged over the whole epoch by
/// time, mixes with the grid median.
#[tokio::test]
async fn a_deep_pool_weighs_in_with_its_price_over_the_whole_epoch() {
    let (f, g) = &mut grid().await;
    let p = &pricing(f).await;
    // 10,000 Wh against 1.5 currency: 150,000 per kWh, depth 1.22 currency at 100,000 per kWh.
    let (maker, e) = energy_pool(f, g, p, 20_000, 10_000, 3 * UNIT / 2).await;
    // The epoch's energy: 500 Wh, worth 0.05 currency at the grid price; full weight needs
    // depth x 55 bps (25 LP + 30 protocol) >= 7.2% of it: 0.65 currency of depth.
    let m = meter(f, g, Pubkey::new_unique(), OwnerKind::Community, 10_000).await;
    let first: Pool = f.account(energy_keys().pool()).await;
    // Three quarters in, the maker sells 1,000 Wh: the price falls for the last quarter.
    f.warp(3 * HOUR / 4).await;
    let swap = energy_keys().swap(&maker.holdings, false, 1_000, 0);
    assert_success(f.send(&[swap], &[&maker.user.key]).await);
    let last: Pool = f.account(energy_keys().pool()).await;
    let meter_owner = f
        .account::<grid_market::state::Meter>(pda::meter(&m))
        .await
        .owner;
    assert_success(read(f, g, m, meter_owner, e, 500).await);
    assert_success(feed(f, p, 0, e, 100_000).await);
    assert_success(feed(f, p, 1, e, 100_000).await);
    next_epoch(f, 1).await;
    assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
    let closed: Epoch = f.account(pda::epoch(e)).await;
    // The epoch opened one second in and the swap came 2,700 s later: 2,701 s at the first
    // price, 899 s at the second.
    let twap = (per_kwh(&first) * 2_701 + per_kwh(&last) * 899) / 3_600;
    assert!(
        (closed.market_price as i128 - twap as i128).abs() <= 1,
        "market {} vs {twap}",
        closed.market_price
    );
    assert_eq!(closed.market_weight_bps, 3_000);
    // 70% of the grid price, 30% of the market's (within the 25% step from 100,000).
    let expected = (7_000 * 100_000 + 3_000 * closed.market_price as u128) / 10_000;
    assert!(expected < 125_000);
    assert_eq!(closed.clearing_price as u128, expected);
    assert!(
        (1_220_000..1_240_000).contains(&closed.market_depth),
        "{}",
        closed.market_depth
    );
}

/// F3 of the second review: a pool created at an absurd price (9,090,909 per kWh) with about
/// 10 currency of depth. The market input counts as the ceiling at most, and against an
/// epoch's worth of energy a pool that shallow gets a sliver of the market's weight.
#[tokio::test]
async fn a_thin_pool_at_an_absurd_price_barely_moves_the_clearing_price() {
    let (f, g) = &mut grid().await;
    let p = &pricing(f).await;
    // 1,100 Wh against 10 currency.
    let (_, e) = energy_pool(f, g, p, 2_000, 1_100, 10 * UNIT).await;
    let before: Pool = f.account(energy_keys().pool()).await;
    assert_eq!(per_kwh(&before), 9_090_909);
    // 100 kWh of energy in the epoch, worth 10 currency at the grid price.
    let m = meter(f, g, Pubkey::new_unique(), OwnerKind::Community, 200_000).await;
    f.warp(HOUR / 2).await;
    let owner = f
        .account::<grid_market::state::Meter>(pda::meter(&m))
        .await
        .owner;
    assert_success(read(f, g, m, owner, e, 100_000).await);
    assert_success(feed(f, p, 0, e, 100_000).await);
    assert_success(feed(f, p, 1, e, 100_000).await);
    next_epoch(f, 1).await;
    assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
    let closed: Epoch = f.account(pda::epoch(e)).await;
    assert_eq!(closed.market_price, 9_090_909);
    // Its currency side at 100 base units per Wh: isqrt(1,100 x 10e6) x sqrt(100) = 1,048,800.
    // Weight: 3,000 bps x 1,048,800 x 55 / (720 x 10,000,000) = 24 bps. The market counts as
    // the 500,000 ceiling: (100,000 x 9,976 + 500,000 x 24) / 10,000 = 100,960, where the
    // programs before this change paid the ceiling, 500,000.
    assert_eq!(closed.market_depth, 1_048_800);
    assert_eq!(closed.market_weight_bps, 24);
    assert_eq!(closed.clearing_price, 100_960);
}

/// Item 1 of the issue: moving the clearing price up by 10% through the market costs the
/// manipulator more in swap fees than a meter owner with 10% of the epoch's energy gains.
/// The same epoch is played twice, honest and manipulated: the manipulator buys energy just
/// before the epoch opens (enough to lift the pool's price for the whole epoch until the
/// clearing price is 10% higher) and sells it back once the epoch has ended, before it closes.
#[tokio::test]
async fn moving_the_clearing_price_ten_percent_costs_more_than_a_tenth_of_the_energy_gains() {
    let honest = manipulation(false).await;
    let attacked = manipulation(true).await;
    assert_eq!(honest.clearing, 100_000);
    assert!(
        attacked.clearing >= 110_000,
        "the attack moved the price to {}",
        attacked.clearing
    );
    // The manipulator's meter: 1,000 of the epoch's 10,000 Wh.
    let gain = attacked.owner_revenue - honest.owner_revenue;
    assert_eq!(gain, 1_000 * (attacked.clearing - honest.clearing) / 1_000);
    assert_eq!(honest.swap_cost, 0);
    assert!(
        attacked.swap_cost > gain,
        "fees {} <= gain {gain}",
        attacked.swap_cost
    );
    // And the offtaker paid the clearing price on all 10,000 Wh.
    assert_eq!(attacked.offtaker_paid, 10_000 * attacked.clearing / 1_000);
}

struct Manipulation {
    clearing: u64,
    owner_revenue: u64,
    swap_cost: u64,
    offtaker_paid: u64,
}

async fn manipulation(attack: bool) -> Manipulation {
    let (f, g) = &mut grid().await;
    let p = &pricing(f).await;
    // A pool of 140,000 Wh against 14 currency (100,000 per kWh, the grid price): 14 currency
    // of depth, against an epoch worth 1 currency (10,000 Wh), so the market has its full 30%.
    let energy = energy_keys();
    let (_, before) = energy_pool_in_epoch(f, g, p, 140_000, 140_000, 14 * UNIT).await;
    // The manipulator: a trader with 10 currency and a 1 kW meter of its own.
    let manipulator = f.trader(&energy, 10 * UNIT, 0).await;
    let mine = meter(f, g, manipulator.holdings.owner, OwnerKind::Member, 2_000).await;
    let big = meter(f, g, Pubkey::new_unique(), OwnerKind::Community, 20_000).await;
    let start_currency = f.balance(manipulator.holdings.currency).await;
    let mut bought = 0;
    if attack {
        // Lift the market to 1.35 times the grid price: 100,000 x (1 + 0.1 / 0.3) needs
        // 133,333; a little more covers the LP fee. Currency in to reach it, plus both fees.
        let pool: Pool = f.account(energy.pool()).await;
        let reach =
            se_math::amm::input_to_reach(pool.currency_reserve, pool.asset_reserve, 135_000, 1_000)
                .unwrap();
        let amount = reach * 10_000 / (10_000 - 55);
        let credits = f.balance(manipulator.holdings.asset).await;
        let ix = energy.swap(&manipulator.holdings, true, amount, 0);
        assert_success(f.send(&[ix], &[&manipulator.user.key]).await);
        bought = f.balance(manipulator.holdings.asset).await - credits;
    }
    let e = next_priced_epoch(f, before).await;
    f.warp(HOUR / 2).await;
    let big_owner = f
        .account::<grid_market::state::Meter>(pda::meter(&big))
        .await
        .owner;
    assert_success(read(f, g, big, big_owner, e, 9_000).await);
    assert_success(read(f, g, mine, manipulator.holdings.owner, e, 1_000).await);
    assert_success(feed(f, p, 0, e, 100_000).await);
    assert_success(feed(f, p, 1, e, 100_000).await);
    next_epoch(f, 1).await;
    if attack {
        // The epoch has ended: sell what was bought back before anyone closes it.
        let ix = energy.swap(&manipulator.holdings, false, bought, 0);
        assert_success(f.send(&[ix], &[&manipulator.user.key]).await);
    }
    assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
    let offtaker = f.balance(p.offtaker.currency).await;
    assert_success(settle(f, p, e, u64::MAX).await);
    let offtaker_paid = offtaker - f.balance(p.offtaker.currency).await;
    let revenue_account = f.currency_ata(&manipulator.holdings.owner).await;
    let before_claim = f.balance(revenue_account).await;
    let ix = gm::claim(manipulator.holdings.owner, e, revenue_account);
    assert_success(f.send(&[ix], &[&manipulator.user.key]).await);
    let owner_revenue = f.balance(revenue_account).await - before_claim;
    let closed: Epoch = f.account(pda::epoch(e)).await;
    Manipulation {
        clearing: closed.clearing_price,
        owner_revenue,
        // Energy bought and sold back: the currency it is short is what the attack cost.
        swap_cost: start_currency
            - (f.balance(manipulator.holdings.currency).await - owner_revenue),
        offtaker_paid,
    }
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
    ix.accounts[6].pubkey = pda::meter(&m);
    assert_error(
        f.send(&[ix], &[&g.oracle]).await,
        AnchorError::AccountDiscriminatorMismatch,
    );
    // Credits must go to the meter owner's account.
    let thief = f.ata(&f.payer(), &pda::energy_credit_mint(), TOKEN).await;
    let mut ix = gm::submit_reading(&reading, 1_000);
    ix.accounts[9].pubkey = thief;
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
    // The sweep goes only to the central bank's surplus vault.
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
