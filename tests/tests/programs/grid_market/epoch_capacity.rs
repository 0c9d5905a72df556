//! A reading adds to its epoch at most what the meter can produce while inside that epoch, so
//! an oracle cannot hold energy back and report it in a better-priced epoch.

use grid_market::{
    errors::GridMarketError as E,
    state::{Contributor, Epoch, Meter},
};

use super::*;

/// What a rejected reading must leave untouched.
#[derive(Debug, PartialEq)]
struct Books {
    meter: (u64, i64, u64),
    epoch: (u64, u32),
    contributor: (u64, u64),
    credited_wh: u64,
    supply: u64,
    owner_credits: u64,
}

async fn books(f: &mut Fixture, meter_id: Pubkey, owner: Pubkey, epoch: u64) -> Books {
    let m: Meter = f.account(pda::meter(&meter_id)).await;
    let e: Epoch = f.account(pda::epoch(epoch)).await;
    let c: Contributor = f.account(pda::contributor(&owner)).await;
    let market: Market = f.account(pda::market()).await;
    Books {
        meter: (m.last_reading_wh, m.last_reading_at, m.last_epoch_plus_one),
        epoch: (e.total_wh, e.readings),
        contributor: (c.in_epoch(epoch), c.lifetime_wh),
        credited_wh: market.credited_wh,
        supply: f.supply(pda::energy_credit_mint()).await,
        owner_credits: f.balance(credits(&owner)).await,
    }
}

#[tokio::test]
async fn held_back_energy_reported_early_in_the_next_epoch_fails_with_reading_above_epoch_capacity()
{
    let (f, g) = &mut grid().await;
    let owner = Pubkey::new_unique();
    let m = meter(f, g, owner, OwnerKind::Member, 4_000).await;
    // Epoch N-1: an honest reading half an hour in.
    next_epoch(f, HOUR / 2).await;
    let e0 = open_epoch(f).await;
    assert_success(read(f, g, m, owner, e0, 1_000).await);
    // Epoch N: the meter produces a full hour, but the oracle holds it back.
    next_epoch(f, HOUR - 60).await;
    open_epoch(f).await;
    // Epoch N+1, one minute in, after its grid prices are known: the oracle reports N's 4 kWh.
    // 5,460 s since the last reading would allow 6,066 Wh, but 4 kW for 60 s in this epoch
    // allows only 67.
    next_epoch(f, 60).await;
    let e2 = open_epoch(f).await;
    let before = books(f, m, owner, e2).await;
    assert_error(
        read(f, g, m, owner, e2, 5_000).await,
        E::ReadingAboveEpochCapacity,
    );
    assert_error(
        read(f, g, m, owner, e2, 1_068).await,
        E::ReadingAboveEpochCapacity,
    );
    let after = books(f, m, owner, e2).await;
    assert_eq!(after, before, "the rejected readings change nothing");
    assert_eq!(
        after,
        Books {
            meter: (1_000, before.meter.1, e0 + 1),
            epoch: (0, 0),
            contributor: (0, 1_000),
            credited_wh: 1_000,
            supply: 1_000,
            owner_credits: 1_000,
        }
    );
}

#[tokio::test]
async fn honest_readings_near_each_epochs_end_are_credited() {
    let (f, g) = &mut grid().await;
    let owner = Pubkey::new_unique();
    let m = meter(f, g, owner, OwnerKind::Member, 4_000).await;
    // A minute before each epoch ends, 4 kW can have produced ceil(3,933.3) = 3,934 Wh in it;
    // the meter exported 3,500 Wh in each hour.
    let mut epochs = Vec::new();
    for k in 1..=2u64 {
        next_epoch(f, HOUR - 60).await;
        let e = open_epoch(f).await;
        assert_success(read(f, g, m, owner, e, 3_500 * k).await);
        epochs.push(e);
    }
    for e in &epochs {
        let epoch: Epoch = f.account(pda::epoch(*e)).await;
        assert_eq!((epoch.total_wh, epoch.readings), (3_500, 1));
    }
    let c: Contributor = f.account(pda::contributor(&owner)).await;
    assert_eq!(
        (c.in_epoch(epochs[0]), c.in_epoch(epochs[1]), c.lifetime_wh),
        (3_500, 3_500, 7_000)
    );
    assert_eq!(f.balance(credits(&owner)).await, 7_000);
    assert_eq!(f.supply(pda::energy_credit_mint()).await, 7_000);
}

#[tokio::test]
async fn reading_above_epoch_capacity_starts_one_wh_over_the_bound() {
    let (f, g) = &mut grid().await;
    let owner = Pubkey::new_unique();
    let m = meter(f, g, owner, OwnerKind::Member, 5_000).await;
    next_epoch(f, HOUR / 2).await;
    let e0 = open_epoch(f).await;
    assert_success(read(f, g, m, owner, e0, 1_000).await);
    // 1,000 s into the next epoch (2,800 s since the last reading, which would allow 3,888 Wh):
    // 5 kW × 1,000 s / 3,600 = 1,388.9 Wh, rounded up to 1,389.
    next_epoch(f, 1_000).await;
    let e1 = open_epoch(f).await;
    let before = books(f, m, owner, e1).await;
    assert_error(
        read(f, g, m, owner, e1, 1_000 + 1_390).await,
        E::ReadingAboveEpochCapacity,
    );
    assert_eq!(books(f, m, owner, e1).await, before);
    assert_success(read(f, g, m, owner, e1, 1_000 + 1_389).await);
    let after = books(f, m, owner, e1).await;
    assert_eq!(
        (
            after.meter.0,
            after.epoch,
            after.contributor,
            after.supply,
            after.owner_credits
        ),
        (2_389, (1_389, 1), (1_389, 2_389), 2_389, 2_389)
    );
}
