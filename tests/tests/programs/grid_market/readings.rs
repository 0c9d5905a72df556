//! Meters, oracle readings, epochs and energy credits.

use central_bank::errors::CentralBankError as CbE;
use grid_market::{
    errors::GridMarketError as E,
    state::{Contributor, Epoch, EpochStatus, Meter},
};

use super::*;

#[tokio::test]
async fn readings_credit_contributors_and_mint_credits_once() {
    let (f, g) = &mut grid().await;
    let (member, household, community) = (
        Pubkey::new_unique(),
        Pubkey::new_unique(),
        Pubkey::new_unique(),
    );
    let m1 = meter(f, g, member, OwnerKind::Member, 5_000).await;
    let m2 = meter(f, g, household, OwnerKind::Household, 3_000).await;
    let m3 = meter(f, g, community, OwnerKind::Community, 10_000).await;

    // Half an hour into an epoch: capacities allow 2,500 / 1,500 / 5,000 Wh.
    next_epoch(f, HOUR / 2).await;
    let e0 = open_epoch(f).await;
    assert_success(read(f, g, m1, member, e0, 2_000).await);
    assert_success(read(f, g, m2, household, e0, 1_500).await);
    assert_success(read(f, g, m3, community, e0, 4_000).await);

    next_epoch(f, HOUR / 2).await;
    assert_success(f.send(&[gm::close_epoch(e0)], &[]).await);
    let e1 = open_epoch(f).await;
    assert_eq!(e1, e0 + 1);
    // An hour since the last readings, but only half an hour inside this epoch: the epoch
    // takes up to 2,500 / 1,500 / 5,000 Wh.
    assert_success(read(f, g, m1, member, e1, 4_500).await);
    assert_success(read(f, g, m3, community, e1, 8_999).await);

    let epoch0: Epoch = f.account(pda::epoch(e0)).await;
    assert_eq!(
        (epoch0.total_wh, epoch0.readings, epoch0.status),
        (7_500, 3, EpochStatus::Closed)
    );
    let epoch1: Epoch = f.account(pda::epoch(e1)).await;
    assert_eq!(
        (epoch1.total_wh, epoch1.readings, epoch1.status),
        (7_499, 2, EpochStatus::Open)
    );

    for (owner, wh0, wh1, lifetime) in [
        (member, 2_000, 2_500, 4_500),
        (household, 1_500, 0, 1_500),
        (community, 4_000, 4_999, 8_999),
    ] {
        let c: Contributor = f.account(pda::contributor(&owner)).await;
        assert_eq!(
            (c.in_epoch(e0), c.in_epoch(e1), c.lifetime_wh),
            (wh0, wh1, lifetime)
        );
        // One energy credit per verified Wh, minted to the owner.
        assert_eq!(f.balance(credits(&owner)).await, lifetime);
    }
    let market: Market = f.account(pda::market()).await;
    assert_eq!(market.credited_wh, 14_999);
    assert_eq!(
        f.supply(pda::energy_credit_mint()).await,
        14_999,
        "credit supply = verified Wh"
    );
    let m: Meter = f.account(pda::meter(&m1)).await;
    assert_eq!((m.last_reading_wh, m.last_epoch_plus_one), (4_500, e1 + 1));
}

#[tokio::test]
async fn every_reading_rejection_has_its_own_error() {
    let (f, g) = &mut grid().await;
    let owner = Pubkey::new_unique();
    let m = meter(f, g, owner, OwnerKind::Member, 4_000).await;
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;

    // 4 kW for at least half an hour allows 2,000 Wh; 1 more is too much.
    let registered_at = f.account::<Meter>(pda::meter(&m)).await.last_reading_at;
    let allowed = (4_000 * (f.now().await - registered_at) / HOUR) as u64;
    assert_error(
        read(f, g, m, owner, e, allowed + 1).await,
        E::ExceedsCapacity,
    );
    assert_success(read(f, g, m, owner, e, 1_000).await);
    // A second reading in the same epoch.
    assert_error(read(f, g, m, owner, e, 1_500).await, E::DuplicateReading);

    next_epoch(f, HOUR / 2).await;
    // The old epoch has ended: it takes no more readings, closed or not.
    assert_error(read(f, g, m, owner, e, 1_500).await, E::EpochClosed);
    let e2 = open_epoch(f).await;
    // Cumulative readings never go back or stand still.
    assert_error(read(f, g, m, owner, e2, 1_000).await, E::NotMonotonic);
    assert_error(read(f, g, m, owner, e2, 999).await, E::NotMonotonic);

    // Only the meter's own oracle, and only while it holds the central bank role.
    let other = f.actor().await;
    f.enact(GovernanceAction::GrantRole {
        role: RoleKind::MeterOracle,
        subject: other.pubkey(),
    })
    .await;
    let e3 = open_epoch(f).await;
    let ix = gm::submit_reading(
        &gm::Reading {
            oracle: other.pubkey(),
            meter_id: m,
            owner,
            epoch: e3,
        },
        1_500,
    );
    assert_error(f.send(&[ix], &[&other]).await, E::WrongOracle);
    let oracle = g.oracle.pubkey();
    f.enact(GovernanceAction::RevokeRole {
        role: RoleKind::MeterOracle,
        subject: oracle,
    })
    .await;
    let e4 = open_epoch(f).await;
    assert_error(
        read(f, g, m, owner, e4, 1_500).await,
        CbE::InvalidRoleAccount,
    );

    let meter: Meter = f.account(pda::meter(&m)).await;
    assert_eq!(
        (meter.last_reading_wh, meter.last_epoch_plus_one),
        (1_000, e + 1),
        "rejections change nothing"
    );
    assert_eq!(f.balance(credits(&owner)).await, 1_000);
}

#[tokio::test]
async fn registration_and_epochs_are_guarded() {
    let (f, g) = &mut grid().await;
    let owner = Pubkey::new_unique();
    let outsider = f.actor().await;
    let ix = gm::register_meter(
        outsider.pubkey(),
        args(owner, OwnerKind::Member, 1_000, g.oracle.pubkey()),
    );
    assert_error(f.send(&[ix], &[&outsider]).await, CbE::InvalidRoleAccount);
    let ix = gm::register_meter(
        g.registrar.pubkey(),
        args(owner, OwnerKind::Member, 0, g.oracle.pubkey()),
    );
    assert_error(f.send(&[ix], &[&g.registrar]).await, E::InvalidCapacity);
    let a = args(owner, OwnerKind::Member, 1_000, g.oracle.pubkey());
    assert_success(
        f.send(
            &[gm::register_meter(g.registrar.pubkey(), a)],
            &[&g.registrar],
        )
        .await,
    );
    let again = gm::register_meter(g.registrar.pubkey(), a);
    assert_error(f.send(&[again], &[&g.registrar]).await, E::MeterExists);

    let market: Market = f.account(pda::market()).await;
    let now = f.now().await;
    let index = market.epoch_at(now);
    let ix = gm::open_epoch(f.payer(), index + 1);
    assert_error(f.send(&[ix], &[]).await, E::WrongEpoch);
    assert_success(f.send(&[gm::open_epoch(f.payer(), index)], &[]).await);
    assert_error(
        f.send(&[gm::open_epoch(f.payer(), index)], &[]).await,
        E::EpochExists,
    );
    assert_error(
        f.send(&[gm::close_epoch(index)], &[]).await,
        E::EpochNotEnded,
    );
    f.warp(market.epoch_start(index + 1) - now).await;
    assert_success(f.send(&[gm::close_epoch(index)], &[]).await);
    assert_error(f.send(&[gm::close_epoch(index)], &[]).await, E::EpochClosed);
}

/// marketplace binds its carbon registry to grid_market's energy credit mint by address alone; here
/// the real grid_market mint, with credits from real readings, converts into carbon credits.
#[tokio::test]
async fn layers_agree_on_the_energy_credit_mint() {
    assert_eq!(marketplace::seeds::GRID_MARKET_ID, grid_market::ID);
    let (f, g) = &mut grid().await;
    let market: Market = f.account(pda::market()).await;
    assert_eq!(market.energy_credit_mint, pda::energy_credit_mint());

    let u = f.user(0).await;
    let m = meter(f, g, u.pubkey(), OwnerKind::Member, 10_000).await;
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    assert_success(read(f, g, m, u.pubkey(), e, 5_000).await);

    use sourceenergy_sdk::marketplace::{convert_energy, init_carbon_registry};
    assert_success(
        f.send(&[init_carbon_registry(f.payer(), f.payer())], &[])
            .await,
    );
    let carbon = f.ata(&u.pubkey(), &pda::carbon_mint(), TOKEN).await;
    let ix = convert_energy(u.pubkey(), credits(&u.pubkey()), carbon, 5_000);
    assert_success(f.send(&[ix], &[&u.key]).await);
    assert_eq!(f.balance(carbon).await, 2_000); // 5 kWh * 400 g/kWh
    assert_eq!(
        f.supply(pda::energy_credit_mint()).await,
        0,
        "burned credits leave the supply"
    );
}

/// The contributor record is checked against its stored bump once it exists
/// (`se_anchor::stored_bump`), so another owner's record, or an address off the canonical
/// bump, is still refused.
#[tokio::test]
async fn a_reading_credits_only_its_owners_contributor_record() {
    let (f, g) = &mut grid().await;
    let (a, b) = (Pubkey::new_unique(), Pubkey::new_unique());
    let ma = meter(f, g, a, OwnerKind::Member, 4_000).await;
    let mb = meter(f, g, b, OwnerKind::Member, 4_000).await;
    next_epoch(f, HOUR / 2).await;
    let e = open_epoch(f).await;
    assert_success(read(f, g, mb, b, e, 1_000).await);

    let oracle = g.oracle.pubkey();
    let reading = |contributor, cumulative| {
        let mut ix = gm::submit_reading(
            &gm::Reading {
                oracle,
                meter_id: ma,
                owner: a,
                epoch: e,
            },
            cumulative,
        );
        let at = ix
            .accounts
            .iter()
            .position(|m| m.pubkey == pda::contributor(&a))
            .unwrap();
        ix.accounts[at].pubkey = contributor;
        ix
    };
    // b's existing record, before and after a has one of its own.
    let ix = reading(pda::contributor(&b), 1_000);
    assert_error(
        f.send(&[ix], &[&g.oracle]).await,
        AnchorError::ConstraintSeeds,
    );
    let seeds: [&[u8]; 2] = [grid_market::seeds::CONTRIBUTOR, a.as_ref()];
    let (_, canonical) = Pubkey::find_program_address(&seeds, &grid_market::ID);
    let off_canonical = (0..canonical)
        .rev()
        .find_map(|bump| {
            Pubkey::create_program_address(&[seeds[0], seeds[1], &[bump]], &grid_market::ID).ok()
        })
        .expect("some lower bump is off-curve");
    let ix = reading(off_canonical, 1_000);
    assert_error(
        f.send(&[ix], &[&g.oracle]).await,
        AnchorError::ConstraintSeeds,
    );

    assert_success(read(f, g, ma, a, e, 1_000).await);
    let ix = reading(pda::contributor(&b), 1_500);
    assert_error(
        f.send(&[ix], &[&g.oracle]).await,
        AnchorError::ConstraintSeeds,
    );
    let c: Contributor = f.account(pda::contributor(&a)).await;
    assert_eq!((c.in_epoch(e), c.lifetime_wh), (1_000, 1_000));
    let c: Contributor = f.account(pda::contributor(&b)).await;
    assert_eq!((c.in_epoch(e), c.lifetime_wh), (1_000, 1_000));
}
