//! Epochs close in order, so an epoch with too few grid feeds falls back to the previous
//! epoch's final price, never to the floor because its predecessor was still open.

use grid_market::{
    errors::GridMarketError as E,
    state::{Epoch, EpochStatus, GridPriceSource},
};
use sourceenergy::crank;
use sourceenergy_sdk::chain::Chain;

use super::*;

/// Two grid-price feeders (the policy minimum is two feeds).
async fn feeders(f: &mut Fixture) -> [Keypair; 2] {
    let feeders = [f.actor().await, f.actor().await];
    for feeder in &feeders {
        f.enact(GovernanceAction::GrantRole {
            role: RoleKind::GridPriceFeeder,
            subject: feeder.pubkey(),
        })
        .await;
    }
    feeders
}

async fn feed(f: &mut Fixture, feeder: &Keypair, index: u64, price: u64) {
    let ix = gm::submit_grid_price(feeder.pubkey(), index, price);
    assert_success(f.send(&[ix], &[feeder]).await);
}

#[tokio::test]
async fn closing_out_of_order_fails_with_previous_epoch_not_closed() {
    let (f, _) = &mut grid().await;
    let feeders = feeders(f).await;
    // Epoch N-1 gets two feeds (median 200,000); epoch N only one, so it needs the fallback.
    next_epoch(f, HOUR / 2).await;
    let e0 = open_epoch(f).await;
    feed(f, &feeders[0], e0, 199_000).await;
    feed(f, &feeders[1], e0, 201_000).await;
    next_epoch(f, HOUR / 2).await;
    let e1 = open_epoch(f).await;
    feed(f, &feeders[0], e1, 400_000).await;
    next_epoch(f, 1).await;

    // Both have ended; N first is refused and changes nothing.
    let before: Epoch = f.account(pda::epoch(e1)).await;
    assert_error(
        f.send(&[gm::close_epoch(e1)], &[]).await,
        E::PreviousEpochNotClosed,
    );
    let after: Epoch = f.account(pda::epoch(e1)).await;
    assert_eq!(
        (after.status, after.grid_source, after.clearing_price),
        (EpochStatus::Open, GridPriceSource::Unpriced, 0)
    );
    assert_eq!(after.feed_count, before.feed_count);

    // In order: N-1 (whose own predecessor was never opened) closes, then N takes its price.
    assert_success(f.send(&[gm::close_epoch(e0)], &[]).await);
    assert_success(f.send(&[gm::close_epoch(e1)], &[]).await);
    let prev: Epoch = f.account(pda::epoch(e0)).await;
    let closed: Epoch = f.account(pda::epoch(e1)).await;
    assert_eq!(
        (prev.grid_source, prev.clearing_price),
        (GridPriceSource::Median, 200_000)
    );
    assert_eq!(
        (
            closed.grid_source,
            closed.grid_price,
            closed.clearing_price,
            closed.status
        ),
        (
            GridPriceSource::PreviousEpoch,
            prev.clearing_price,
            200_000,
            EpochStatus::Closed
        )
    );
}

/// A crank that missed a boundary finds two ended epochs; it closes the older one first, in
/// the same pass, and nothing fails.
#[tokio::test]
async fn the_crank_closes_ended_epochs_oldest_first() {
    use sourceenergy::bootstrap;
    use sourceenergy_engine::Embedded;
    let mut ch = Embedded::start().await;
    let config =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations/localnet.json");
    let cfg = bootstrap::load_config(&config).unwrap();
    let base = std::env::temp_dir().join(format!("se-epoch-order-{}", std::process::id()));
    bootstrap::bootstrap(&mut ch, &cfg, &base).await.unwrap();
    let _ = std::fs::remove_dir_all(base);

    let opened = crank::run(&mut ch).await.unwrap();
    assert_eq!(opened.opened, 1);
    let market: Market = ch.read(&pda::market()).await.unwrap().unwrap();
    let length = market.epoch_length_secs as i64;
    let first = market.epoch_at(ch.now().await.unwrap());
    // The next epoch is opened without a crank pass, so the first one stays open.
    ch.warp(length).await.unwrap();
    let payer = ch.payer().pubkey();
    ch.send(&[gm::open_epoch(payer, first + 1)], &[])
        .await
        .unwrap();
    ch.warp(length).await.unwrap();

    let plan = crank::plan_epochs(&mut ch).await.unwrap();
    assert_eq!((plan.report.opened, plan.report.closed), (1, 2));
    let done = crank::execute(&mut ch, plan).await.unwrap();
    assert_eq!(done.already_done, 0, "no close was refused");
    for index in [first, first + 1] {
        let e: Epoch = ch.read(&pda::epoch(index)).await.unwrap().unwrap();
        assert_eq!(e.status, EpochStatus::Closed, "epoch {index}");
    }
    let second: Epoch = ch.read(&pda::epoch(first + 1)).await.unwrap().unwrap();
    assert_eq!(second.grid_source, GridPriceSource::PreviousEpoch);
}
