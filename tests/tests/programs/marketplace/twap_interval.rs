//! The TWAP observation interval: set by governance (the policy epoch length), not by whoever
//! creates a pool first, and a burst of swaps cannot flush an epoch's observations.

use central_bank::state::GovernanceAction;
use marketplace::state::{Observation, Pool, OBSERVATIONS};
use sourceenergy_sdk::marketplace::PoolKeys;
use sourceenergy_tests::*;

const ASSET: u64 = 1_000 * UNIT;
const CURRENCY: u64 = 4_000 * UNIT;

async fn pool_of(f: &mut Fixture) -> (PoolKeys, Trader) {
    let keys = f.listed_asset(6, TOKEN).await;
    let maker = f.trader(&keys, CURRENCY, ASSET).await;
    f.create_pool(&keys, &maker, ASSET, CURRENCY, 25).await;
    (keys, maker)
}

/// The ring's observations, oldest first.
fn observations(p: &Pool) -> Vec<Observation> {
    let n = p.observation_count as usize;
    let oldest = if n < OBSERVATIONS {
        0
    } else {
        (p.observation_head as usize + 1) % OBSERVATIONS
    };
    (0..n)
        .map(|i| p.observations[(oldest + i) % OBSERVATIONS])
        .collect()
}

#[test]
fn the_interval_is_an_eighth_of_the_epoch_and_at_least_a_minute() {
    assert_eq!(Pool::observation_interval_for(3_600), 450);
    assert_eq!(Pool::observation_interval_for(86_400), 10_800);
    assert_eq!(Pool::observation_interval_for(120), 60);
    assert_eq!(Pool::observation_interval_for(60), 60);
}

/// `CreatePoolArgs` has no interval any more: the pool takes it from the policy, and a
/// governance change of the epoch length applies to pools created after it.
#[tokio::test]
async fn a_creator_cannot_choose_the_observation_interval() {
    let f = &mut Fixture::bootstrap().await;
    let (keys, _) = pool_of(f).await;
    let p: Pool = f.account(keys.pool()).await;
    assert_eq!(default_policy().epoch_length_secs, 3_600);
    assert_eq!(p.observation_interval_secs, 450);

    let mut params = default_policy();
    params.epoch_length_secs = 7_200;
    f.enact(GovernanceAction::SetPolicy { params }).await;
    let (later, _) = pool_of(f).await;
    let p: Pool = f.account(later.pool()).await;
    assert_eq!(p.observation_interval_secs, 900);
    let p: Pool = f.account(keys.pool()).await;
    assert_eq!(
        p.observation_interval_secs, 450,
        "existing pools keep theirs"
    );
}

/// A squatter swaps every minute (the old minimum interval) for 32 minutes, and sends a burst of
/// swaps in one transaction, to push the epoch's first observations out of the 16-slot ring. With
/// the derived interval each interval records at most one observation, so the creation observation
/// at the epoch start stays, and grid_market can still read the pool's averages over the whole
/// window.
#[tokio::test]
async fn a_swap_burst_cannot_flush_the_epoch_observations() {
    let f = &mut Fixture::bootstrap().await;
    let (keys, _) = pool_of(f).await;
    let start: Pool = f.account(keys.pool()).await;
    let first = start.observations[start.observation_head as usize];
    let interval = start.observation_interval_secs as i64;
    let squatter = f.trader(&keys, 1_000 * UNIT, 100 * UNIT).await;
    let swap = |buy: bool| {
        if buy {
            keys.swap(&squatter.holdings, true, UNIT, 0)
        } else {
            keys.swap(&squatter.holdings, false, UNIT / 4, 0)
        }
    };

    // Many swaps at one instant, an interval after creation: one new observation.
    f.warp(interval).await;
    let burst: Vec<_> = (0..6).map(|i| swap(i % 2 == 0)).collect();
    assert_success(f.send(&burst, &[&squatter.user.key]).await);
    let p: Pool = f.account(keys.pool()).await;
    assert_eq!(p.observation_count, 2);

    // A swap every minute for 32 minutes.
    for i in 0..32 {
        f.warp(60).await;
        assert_success(f.send(&[swap(i % 2 == 0)], &[&squatter.user.key]).await);
    }
    let p: Pool = f.account(keys.pool()).await;
    let ring = observations(&p);
    let elapsed = f.now().await - first.timestamp;
    assert!(ring.len() < OBSERVATIONS, "the ring never filled up");
    assert!(ring.len() as i64 <= 1 + elapsed / interval);
    assert_eq!(ring[0], first, "the creation observation is still there");
    assert!(ring
        .windows(2)
        .all(|w| w[1].timestamp - w[0].timestamp >= interval));

    // grid_market reads the pool's averages over the whole window from its running sums: here from
    // the creation to now, the same as the TWAP from the creation observation.
    let now = f.now().await;
    let window = p
        .window(first.timestamp, now)
        .expect("the pool covers the window");
    assert_eq!(Some(window.price), p.twap(now, 1));
    assert!(window.liquidity > 0);
}
