//! The whole stack: one community, two households, five members (two directly in the
//! community, three through households), three epochs at three prices. Readings go up by CPI
//! (member → household → community → grid market), revenue comes down by CPI claims, and
//! every balance, metric and aggregate is checked, with conservation at the end.

use ::household::state::Household;
use ::member::state::Member;
use community::state::{Community, Position};
use grid_market::state::{Epoch, OwnerKind};
use se_math::fund::{accrued, reward_per_share_step};
use solana_sdk::{signature::Keypair, signer::Signer};
use sourceenergy_sdk::{
    community::CommunityKeys,
    grid_market as gm,
    household::HouseholdKeys,
    member::{self as mb, Affiliation},
    pda,
};
use sourceenergy_tests::*;

use crate::grid_market::{grid, meter, next_epoch, open_epoch, Grid, HOUR};
use crate::people::*;

/// Highest CPI stack height in a transaction's log ("invoke [n]"; 1 is the top level).
fn max_invoke_height(logs: &[String]) -> usize {
    logs.iter()
        .filter_map(|l| l.split("invoke [").nth(1))
        .filter_map(|rest| rest.trim_end_matches(']').parse().ok())
        .max()
        .unwrap_or(0)
}

struct Meters {
    m1: Pubkey,
    m3: Pubkey,
    h2: Pubkey,
    project: Pubkey,
}

/// Cumulative Wh of each meter after each epoch: (m1, m3, h2 own, community project).
const CUMULATIVE: [[u64; 4]; 3] = [
    [3_000, 1_500, 1_000, 4_000],
    [5_000, 3_000, 2_000, 8_000],
    [6_000, 4_500, 4_000, 12_000],
];
/// Grid price feeds per epoch (none in the first: it clears at the policy floor).
const FEEDS: [&[u64]; 3] = [&[], &[100_000, 120_000], &[300_000, 301_000]];

/// The member registers its own 10 kW meter through the member program; the central bank's meter
/// registrar co-signs.
async fn member_meter(f: &mut Fixture, g: &Grid, p: &Person) -> Pubkey {
    let id = Pubkey::new_unique();
    let ix = p
        .keys
        .register_meter(g.registrar.pubkey(), id, 10_000, g.oracle.pubkey());
    assert_success(f.send(&[ix], &[&p.user.key, &g.registrar]).await);
    f.ata(&p.wallet(), &pda::energy_credit_mint(), TOKEN).await;
    id
}

#[allow(clippy::too_many_arguments)]
async fn read_all(
    f: &mut Fixture,
    g: &Grid,
    c: &CommunityKeys,
    h1: &HouseholdKeys,
    h2: &HouseholdKeys,
    people: &[Person],
    meters: &Meters,
    epoch: u64,
    wh: [u64; 4],
) {
    let oracle = g.oracle.pubkey();
    let reading = |meter_id, owner| gm::Reading {
        oracle,
        meter_id,
        owner,
        epoch,
    };
    // m1: member directly in the community (member → community → grid_market → token).
    let direct = Affiliation {
        household: None,
        community: Some(*c),
    };
    let ix = mb::record_reading(&reading(meters.m1, people[0].wallet()), &direct, wh[0]);
    assert_success(f.send(&[ix], &[&g.oracle]).await);
    // m3: member of household 1 — the deepest path, member → household → community → grid_market →
    // Token-2022.
    let via_h1 = Affiliation {
        household: Some(*h1),
        community: Some(*c),
    };
    let ix = mb::record_reading(&reading(meters.m3, people[2].wallet()), &via_h1, wh[1]);
    let size = f.wire_size(&[ix.clone()], &[&g.oracle]);
    assert!(size <= 1_232, "deepest reading transaction is {size} bytes");
    let (res, logs) = f.send_logged(&[ix], &[&g.oracle]).await;
    assert_success(res);
    assert_eq!(
        max_invoke_height(&logs),
        5,
        "CPI depth 4 below the top level"
    );
    // Household 2's own meter (household → community → grid_market → token), and the community's
    // project meter.
    let ix = h2.record_reading(&reading(meters.h2, h2.household()), oracle, Some(c), wh[2]);
    assert_success(f.send(&[ix], &[&g.oracle]).await);
    let ix = c.record_reading(&reading(meters.project, c.community()), wh[3]);
    assert_success(f.send(&[ix], &[&g.oracle]).await);
}

#[tokio::test]
async fn six_layers_three_epochs_every_balance_and_aggregate() {
    let (f, g) = &mut grid().await;
    let (c, manager) = f.managed_community().await;
    let offtaker = f.offtaker().await;
    let feeders = [f.actor().await, f.actor().await];
    for feeder in &feeders {
        f.enact(central_bank::state::GovernanceAction::GrantRole {
            role: central_bank::state::RoleKind::GridPriceFeeder,
            subject: feeder.pubkey(),
        })
        .await;
    }

    // Five members; m1 and m2 join the community directly, m3 and m4 household 1 (1/3, 2/3,
    // two trustees, threshold 2, 20% reinvested), m5 household 2 (one trustee, no reinvestment).
    let funds = [1_000, 500, 300, 200, 100].map(|u| u * UNIT);
    let mut people = Vec::new();
    let mut start = Vec::new();
    for amount in funds {
        let m = person(f, amount).await;
        start.push(f.balance(m.user.currency).await);
        people.push(m);
    }
    let (t1, t2, t3) = (f.actor().await, f.actor().await, f.actor().await);
    let h1 = trust(f, &[&t1, &t2], 2, 2_000).await;
    let h2 = trust(f, &[&t3], 1, 0).await;
    let both: [&Keypair; 2] = [&t1, &t2];
    let ix = h1.set_members(
        weights(&[(&people[2], 3_333), (&people[3], 6_667)]),
        &signers(&both),
    );
    assert_success(f.send(&[ix], &both).await);
    let ix = h2.set_members(weights(&[(&people[4], 10_000)]), &signers(&[&t3]));
    assert_success(f.send(&[ix], &[&t3]).await);
    let p = f.payer();
    assert_success(
        f.send(&[h1.join_community(p, &c, &signers(&both))], &both)
            .await,
    );
    assert_success(
        f.send(&[h2.join_community(p, &c, &signers(&[&t3]))], &[&t3])
            .await,
    );
    for m in &people[..2] {
        assert_success(f.send(&[m.keys.join_community(&c)], &[&m.user.key]).await);
    }
    for (m, h) in [(&people[2], &h1), (&people[3], &h1), (&people[4], &h2)] {
        assert_success(f.send(&[m.keys.join_household(h)], &[&m.user.key]).await);
    }

    // Capital up: members invest and contribute; the trusts invest what they received.
    let wallets_before: u64 = start.iter().sum();
    for (m, amount) in people[..2].iter().zip([1_000 * UNIT, 500 * UNIT]) {
        assert_success(f.send(&[m.keys.invest(&c, amount)], &[&m.user.key]).await);
    }
    for (m, h, amount) in [
        (&people[2], &h1, 300 * UNIT),
        (&people[3], &h1, 200 * UNIT),
        (&people[4], &h2, 100 * UNIT),
    ] {
        assert_success(
            f.send(&[m.keys.contribute(h, amount)], &[&m.user.key])
                .await,
        );
    }
    let ix = h1.invest(&c, 501 * UNIT, &signers(&both));
    assert_error(
        f.send(&[ix], &both).await,
        ::household::errors::HouseholdError::InsufficientCapital,
    );
    assert_success(
        f.send(&[h1.invest(&c, 500 * UNIT, &signers(&both))], &both)
            .await,
    );
    assert_success(
        f.send(&[h2.invest(&c, 100 * UNIT, &signers(&[&t3]))], &[&t3])
            .await,
    );
    let fund: Community = f.account(c.community()).await;
    // 1,000 + 500 + 500 + 100 currency; 1,000 shares locked by the first deposit.
    assert_eq!(
        (fund.liquid, fund.total_shares, fund.staked_shares),
        (2_100 * UNIT, 2_100 * UNIT, 2_100 * UNIT - 1_000)
    );
    assert_eq!((fund.impact.members, fund.impact.households), (2, 2));

    // The manager funds a project whose meter the community owns.
    let builder = f.actor().await;
    let payee = f.currency_ata(&builder.pubkey()).await;
    let meters = Meters {
        m1: member_meter(f, g, &people[0]).await,
        m3: member_meter(f, g, &people[2]).await,
        h2: meter(f, g, h2.household(), OwnerKind::Household, 10_000).await,
        project: meter(f, g, c.community(), OwnerKind::Community, 10_000).await,
    };
    let project = community::instructions::RegisterProjectArgs {
        project_id: Pubkey::new_unique(),
        capacity_w: 10_000,
        capex: 300 * UNIT,
    };
    let ix = c.register_project(manager.pubkey(), meters.project, payee, project);
    assert_success(f.send(&[ix], &[&manager]).await);
    let ix = c.fund_project(manager.pubkey(), project.project_id, payee, 300 * UNIT);
    assert_success(f.send(&[ix], &[&manager]).await);

    // Three epochs: readings up through every layer, feeds, close, settlement.
    let mut epochs = Vec::new();
    for (k, wh) in CUMULATIVE.iter().enumerate() {
        next_epoch(f, HOUR / 2).await;
        let e = open_epoch(f).await;
        read_all(f, g, &c, &h1, &h2, &people, &meters, e, *wh).await;
        for (feeder, price) in feeders.iter().zip(FEEDS[k]) {
            let ix = gm::submit_grid_price(feeder.pubkey(), e, *price);
            assert_success(f.send(&[ix], &[feeder]).await);
        }
        next_epoch(f, 1).await;
        assert_success(f.send(&[gm::close_epoch(e)], &[]).await);
        let ix = gm::settle_epoch(offtaker.pubkey(), offtaker.currency, e, u64::MAX);
        assert_success(f.send(&[ix], &[&offtaker.key]).await);
        epochs.push(e);
    }
    let mut prices = Vec::new();
    let mut paid = 0;
    for e in &epochs {
        let epoch: Epoch = f.account(pda::epoch(*e)).await;
        prices.push(epoch.clearing_price);
        paid += epoch.revenue;
    }
    // Floor; median of 100,000 and 120,000; median of 300,000 and 301,000.
    assert_eq!(prices, [50_000, 110_000, 300_500]);
    // Σ Wh × price / 1000 per epoch: 9,500 × 50 + 8,500 × 110 + 8,500 × 300.5.
    assert_eq!(paid, 475_000 + 935_000 + 2_554_250);

    // Distributions down. The meter owners claim their grid_market revenue: m1 and m3 through the
    // member program, household 2 through the household program, the community through the
    // community program.
    for e in &epochs {
        for m in [&people[0], &people[2]] {
            assert_success(f.send(&[m.keys.claim_revenue(*e)], &[&m.user.key]).await);
        }
        assert_success(f.send(&[h2.claim_grid_revenue(*e)], &[]).await);
        assert_success(f.send(&[c.claim_grid_revenue(*e)], &[]).await);
    }
    let revenue = |meter: usize| -> u64 {
        let mut last = 0;
        let mut sum = 0;
        for (k, wh) in CUMULATIVE.iter().enumerate() {
            sum += (wh[meter] - last) * prices[k] / 1_000;
            last = wh[meter];
        }
        sum
    };
    // m1: 3,000 × 50 + 2,000 × 110 + 1,000 × 300.5 Wh-prices.
    assert_eq!(
        [revenue(0), revenue(1), revenue(2), revenue(3)],
        [670_500, 690_750, 761_000, 1_842_000]
    );

    // The community shares out 1,842,000: a 5% fee (rounded up) per receipt to the benefit
    // fund, the rest streams over the staked shares. The three receipts came in the same
    // second, so they stream together over one hour.
    f.warp(HOUR).await;
    let fund: Community = f.account(c.community()).await;
    let staked = 2_100 * UNIT - 1_000;
    let mut streamed = 0u64;
    let mut fees = 0;
    for received in [200_000u64, 440_000, 1_202_000] {
        let fee = se_math::fee_ceil(received, 500).unwrap();
        fees += fee;
        streamed += received - fee;
    }
    assert_eq!(fees, 10_000 + 22_000 + 60_100);
    let rps = reward_per_share_step(streamed, staked).unwrap();
    assert_eq!(fund.reward_per_share_at(f.now().await).unwrap(), rps);
    assert_eq!(fund.revenue_received, 1_842_000);
    assert_eq!(fund.benefit_fund, fees);
    let shares = |p: &Position| p.shares;
    let pos = |owner: Pubkey| c.position(&owner);
    let p_m1: Position = f.account(pos(people[0].keys.member())).await;
    let p_m2: Position = f.account(pos(people[1].keys.member())).await;
    let p_h1: Position = f.account(pos(h1.household())).await;
    let p_h2: Position = f.account(pos(h2.household())).await;
    assert_eq!(
        [shares(&p_m1), shares(&p_m2), shares(&p_h1), shares(&p_h2)],
        [1_000 * UNIT - 1_000, 500 * UNIT, 500 * UNIT, 100 * UNIT]
    );

    // Rewards: members claim through the member program into their wallets; the trusts claim
    // through the household program.
    let reward = |s: u64| accrued(s, rps).unwrap();
    for m in &people[..2] {
        assert_success(f.send(&[m.keys.claim_rewards(&c)], &[&m.user.key]).await);
    }
    for h in [&h1, &h2] {
        assert_success(f.send(&[h.claim_community_rewards(&c)], &[]).await);
    }
    let (r_h1, r_h2) = (reward(p_h1.shares), reward(p_h2.shares));
    // 1,749,900 to members over 2,099,999,000 staked shares.
    assert_eq!(
        [reward(p_m1.shares), reward(p_m2.shares), r_h1, r_h2],
        [833_285, 416_643, 416_643, 83_328]
    );

    // The crank distributes the trusts' income. Household 1: 20% of 416,643 reinvested in
    // community shares (83,328), 333,315 to m3/m4 at 33.33/66.67% (111,093 + 222,221; the
    // dust of 1 waits in the trust for the next round).
    // Household 2: its own meter's revenue plus its rewards, all to m5.
    // Finding: the crank could name another community, one with no shares, so the
    // reinvestment was skipped. Only the trust's own community is accepted.
    let empty = f.community().await;
    let before: Household = f.account(h1.household()).await;
    assert_error(
        f.send(&[h1.distribute(Some(&empty))], &[]).await,
        ::household::errors::HouseholdError::WrongCommunity,
    );
    let after: Household = f.account(h1.household()).await;
    assert_eq!(
        (after.undistributed, after.reinvested),
        (before.undistributed, before.reinvested)
    );
    assert_success(f.send(&[h1.distribute(Some(&c))], &[]).await);
    assert_success(f.send(&[h2.distribute(Some(&c))], &[]).await);
    let s1: Household = f.account(h1.household()).await;
    let s2: Household = f.account(h2.household()).await;
    assert_eq!((s1.reinvested, s1.undistributed), (83_328, 1));
    assert_eq!(
        (s1.members[0].distributed, s1.members[1].distributed),
        (111_093, 222_221)
    );
    assert_eq!(s2.members[0].distributed, revenue(2) + r_h2);
    assert_eq!(s2.undistributed, 0);
    assert_error(
        f.send(&[h1.distribute(Some(&c))], &[]).await,
        ::household::errors::HouseholdError::NothingToDistribute,
    );
    for (m, h) in [(&people[2], &h1), (&people[3], &h1), (&people[4], &h2)] {
        assert_success(f.send(&[m.keys.claim_household(h)], &[&m.user.key]).await);
    }

    // Every member's wallet and metrics.
    let income = [
        revenue(0) + reward(p_m1.shares),
        reward(p_m2.shares),
        revenue(1) + 111_093,
        222_221,
        revenue(2) + r_h2,
    ];
    let spent = [1_000, 500, 300, 200, 100].map(|u| u * UNIT);
    let energy = [6_000, 0, 4_500, 0, 0];
    let mut wallets_after = 0;
    for (k, m) in people.iter().enumerate() {
        let balance = f.balance(m.user.currency).await;
        wallets_after += balance;
        assert_eq!(
            balance,
            start[k] - spent[k] + income[k],
            "member {k} wallet"
        );
        let state: Member = f.account(m.keys.member()).await;
        assert_eq!(state.metrics.income, income[k], "member {k} income");
        assert_eq!(state.metrics.energy_wh, energy[k], "member {k} energy");
        assert_eq!(state.metrics.co2_avoided_g, energy[k] * 400 / 1_000);
        assert_eq!(state.metrics.meters, u32::from(energy[k] > 0));
        assert_eq!(state.metrics.invested + state.metrics.contributed, spent[k]);
    }
    // m1 and m3 also hold one energy credit per Wh their meters produced.
    assert_eq!(f.balance(gm_credits(&people[0].wallet())).await, 6_000);
    assert_eq!(f.balance(gm_credits(&people[2].wallet())).await, 4_500);

    // Aggregates: each layer's energy is the sum of its children's.
    let s1: Household = f.account(h1.household()).await;
    let s2: Household = f.account(h2.household()).await;
    let fund: Community = f.account(c.community()).await;
    let ledger_sum = |h: &Household| h.members().iter().map(|l| l.energy_wh).sum::<u64>();
    assert_eq!(s1.energy_wh, ledger_sum(&s1) + s1.own_energy_wh);
    assert_eq!(
        (s1.energy_wh, s2.energy_wh, s2.own_energy_wh),
        (4_500, 4_000, 4_000)
    );
    assert_eq!(
        fund.impact.energy_wh,
        6_000 + s1.energy_wh + s2.energy_wh + 12_000
    );
    // CO2 is rounded down per reading: 26,500 Wh at 400 g/kWh.
    assert_eq!(fund.impact.co2_avoided_g, 10_600);

    // Books: every vault equals what its program says it holds (dust included).
    let c_vault = f.balance(c.vault()).await;
    assert_eq!(
        c_vault,
        fund.liquid + fund.rewards_outstanding + fund.benefit_fund
    );
    for (h, s) in [(&h1, &s1), (&h2, &s2)] {
        assert_eq!(
            f.balance(h.vault()).await,
            s.capital + s.undistributed + s.owed
        );
        assert_eq!(s.owed, 0);
    }
    let revenue_left = f.balance(pda::revenue_vault()).await;
    assert_eq!(revenue_left, 0, "every contributor claimed");

    // Conservation: what members put in plus what the offtaker paid is exactly what sits in
    // wallets, trusts, the community vault and the project payee.
    let trusts = f.balance(h1.vault()).await + f.balance(h2.vault()).await;
    let payee_balance = f.balance(payee).await;
    assert_eq!(
        wallets_after + trusts + c_vault + payee_balance + revenue_left,
        wallets_before + paid
    );
    assert_eq!(payee_balance, 300 * UNIT);
    assert_eq!(fund.liquid, 2_100 * UNIT - 300 * UNIT + 83_328);
}

fn gm_credits(owner: &Pubkey) -> Pubkey {
    crate::grid_market::credits(owner)
}
