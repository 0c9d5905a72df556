//! The client: the embedded simulation (the README's main job) and the settlement crank.

use sourceenergy::{
    crank::{self, Plan},
    sim::{simulate, Attack, Orientation, Sim, SimConfig},
};

fn small(members: usize, households: usize) -> SimConfig {
    SimConfig {
        seed: 11,
        members,
        households,
        communities: 2,
        epochs: 4,
        adversaries: Vec::new(),
        ..SimConfig::default()
    }
}

#[tokio::test]
async fn a_small_simulation_passes_its_conservation_checks() {
    // Six epochs: the energy pool opens in time for the pool's adversaries, and the offtaker
    // pays three epochs late once, for the batch waiter.
    let cfg = SimConfig {
        adversaries: Attack::ALL.to_vec(),
        epochs: 6,
        ..small(12, 3)
    };
    let r = simulate(cfg).await.unwrap();
    assert!(r.all_pass(), "{:#?} {:#?}", r.checks, r.adversaries);
    assert_eq!(r.checks.len(), 10);
    let names: Vec<&str> = r.adversaries.iter().map(|a| a.name).collect();
    assert_eq!(names, Attack::ALL.map(Attack::name));
    // Each was judged against a run without it.
    assert!(r.adversaries.iter().all(|a| a.harm.is_some()));
    let baseline = r.baseline.expect("measured");
    assert!(baseline.offtaker_paid > 0 && r.totals.offtaker_paid > 0);
    let l = &r.by_program;
    assert_eq!(
        l.grid_revenue,
        r.epochs.iter().map(|e| e.revenue).sum::<u64>()
    );
    assert!(l.grid_claimed > 0 && l.grid_claimed <= l.grid_revenue);
    // Every honest meter belongs to a community (directly or through a member or trust), so
    // the communities' impact adds up to all verified energy but what the revoked collector
    // and the pool pumper sold: each half of what its 5 kW could produce in ten minutes.
    assert_eq!(l.community_energy_wh + 2 * (5_000 / 12), l.grid_energy_wh);
    assert!(l.member_energy_wh > 0 && l.member_energy_wh < l.grid_energy_wh);
    assert_eq!(l.members, 12);
    // The mid-run governance change took effect.
    assert_eq!(l.bank_savings_rate_bps_end, 300);
    assert_eq!(r.crank.len(), 7, "one crank entry per epoch boundary");
    // The weather and load data: three meter classes (a class with meters produced), every
    // kWh produced is used at home or exported, and a project has no home behind it.
    assert_eq!(r.yields.len(), 3);
    for y in &r.yields {
        assert_eq!(y.meters > 0, y.produced_kwh > 0.0, "{y:?}");
        assert!((y.produced_kwh - y.self_consumed_kwh - y.exported_kwh).abs() < 1e-6);
    }
    assert_eq!(r.yields[2].self_consumed_kwh, 0.0);
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["checks"].as_array().unwrap().len(), 10);
    assert_eq!(json["yields"].as_array().unwrap().len(), 3);
}

/// Real roofs: a year through the programs with every array at 20° facing south (daily
/// epochs), then flat (weekly: a daily year takes three minutes in a debug build; the unit test
/// `a_year_matches_the_pvwatts_model` reads both daily), each class within 3% of NREL's
/// PVWatts on the same TMY3 year (1,367 and 1,242 kWh/kWp); by default the report says how the
/// roofs face and projects face south.
#[tokio::test]
async fn a_year_at_one_orientation_matches_pvwatts() {
    for (o, pvwatts, days) in [
        (Orientation::new(20, 180), 1_367.0, 1),
        (Orientation::HORIZONTAL, 1_242.0, 7),
    ] {
        let r = simulate(SimConfig {
            epochs: 364 / days + 1,
            epoch_secs: days * 86_400,
            start_day: 1,
            orientation: Some(o),
            late_settlement: false,
            communities: 1,
            ..small(3, 1)
        })
        .await
        .unwrap();
        assert!(r.all_pass(), "{:#?}", r.checks);
        assert_eq!(r.epochs.len(), 364 / days as usize + 1);
        for y in r.yields.iter().filter(|y| y.meters > 0) {
            let off = y.annual_yield_kwh_per_kwp / pvwatts - 1.0;
            assert!(off.abs() < 0.03, "{o:?} {}: {y:?}", y.class);
            assert_eq!(
                y.mix.split(';').next().unwrap(),
                format!("{} {}", o.facing(), y.meters)
            );
        }
    }
    let mixed = simulate(small(40, 8)).await.unwrap();
    let roofs = &mixed.yields[0].mix;
    assert!(
        roofs.contains("south") && roofs.contains("east") && roofs.contains("west"),
        "{roofs}"
    );
    assert_eq!(mixed.yields[2].mix, "south 2; tilt 25°");
}

#[tokio::test]
async fn a_one_epoch_simulation_runs_and_its_checks_pass() {
    // Members whose attestation expires "mid-run" get one epoch: an expiry of now is refused.
    let r = simulate(SimConfig {
        epochs: 1,
        ..small(10, 2)
    })
    .await
    .unwrap();
    assert!(r.all_pass(), "{:#?}", r.checks);
    assert_eq!(r.epochs.len(), 1);
}

#[tokio::test]
async fn crank_work_per_epoch_does_not_grow_with_members() {
    let few = simulate(small(8, 2)).await.unwrap();
    let many = simulate(small(32, 2)).await.unwrap();
    assert!(few.all_pass() && many.all_pass());
    let per_epoch = |r: &sourceenergy::sim::SimReport| {
        r.crank.iter().map(|c| c.transactions).collect::<Vec<_>>()
    };
    assert_eq!(per_epoch(&few), per_epoch(&many));
    assert!(many.transactions > few.transactions * 2);
}

#[tokio::test]
async fn crank_is_idempotent_resumable_and_safe_to_run_twice() {
    let mut sim = Sim::new(small(10, 2)).await;
    sim.setup().await.unwrap();
    sim.epoch(0).await.unwrap();
    sim.epoch(1).await.unwrap();
    sim.to_next_epoch().await.unwrap();

    // Two cranks read the same state at once and plan the same work.
    let a = crank::plan_epochs(&mut sim.ch).await.unwrap();
    let b = crank::plan_epochs(&mut sim.ch).await.unwrap();
    assert_eq!(a, b);
    assert_eq!((a.report.opened, a.report.closed), (1, 1));
    let ra = crank::execute(&mut sim.ch, a.clone()).await.unwrap();
    assert_eq!(ra.already_done, 0);
    // The second one's actions were all done by the first: they fail harmlessly on chain.
    let rb = crank::execute(&mut sim.ch, b).await.unwrap();
    assert_eq!(rb.already_done as usize, a.ixs.len());

    // Killed mid-pass: only the first planned claim landed. The next pass finishes the rest.
    sim.settle_closed().await.unwrap();
    let p = crank::plan_epochs(&mut sim.ch).await.unwrap();
    assert!(p.report.revenue_claims >= 2, "{:?}", p.report);
    let partial = Plan {
        ixs: p.ixs[..1].to_vec(),
        report: Default::default(),
    };
    crank::execute(&mut sim.ch, partial).await.unwrap();
    let resumed = crank::run(&mut sim.ch).await.unwrap();
    assert_eq!(resumed.revenue_claims, p.report.revenue_claims - 1);
    assert_eq!(resumed.already_done, 0);
    assert!(resumed.distributions > 0);

    // Nothing is left: another pass plans and sends nothing.
    assert!(crank::plan_epochs(&mut sim.ch)
        .await
        .unwrap()
        .ixs
        .is_empty());
    assert!(crank::plan_trusts(&mut sim.ch)
        .await
        .unwrap()
        .ixs
        .is_empty());
    let again = crank::run(&mut sim.ch).await.unwrap();
    assert_eq!((again.actions(), again.transactions), (0, 0));
}

#[tokio::test]
async fn bootstrap_is_idempotent_and_status_reads_the_cluster() {
    use sourceenergy::{bootstrap, status::status};
    use sourceenergy_engine::Embedded;
    let mut ch = Embedded::start().await;
    let config =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations/localnet.json");
    let cfg = bootstrap::load_config(&config).unwrap();
    let base = std::env::temp_dir().join(format!("se-bootstrap-{}", std::process::id()));
    let first = bootstrap::bootstrap(&mut ch, &cfg, &base).await.unwrap();
    // Mint, bank, one provider and six roles by governance, market, carbon registry.
    assert_eq!(first.done.len(), 11, "{:?}", first.done);
    assert!(first.skipped.is_empty());
    let second = bootstrap::bootstrap(&mut ch, &cfg, &base).await.unwrap();
    assert!(second.done.is_empty(), "{:?}", second.done);
    assert_eq!(second.skipped.len(), 5);

    // The crank opens the current epoch; status shows the cluster.
    let r = crank::run(&mut ch).await.unwrap();
    assert_eq!((r.opened, r.transactions), (1, 1));
    let text = status(&mut ch).await.unwrap();
    assert!(text.contains("council 1 members, threshold 1"), "{text}");
    assert!(text.contains("Open"), "{text}");
    assert!(text.contains("members: 0"), "{text}");
    let _ = std::fs::remove_dir_all(base);
}
