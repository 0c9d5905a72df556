//! The embedded economy simulation (`sourceenergy simulate`): a seeded, realistic economy run
//! through every layer of the real programs, with a report and conservation checks.
//!
//! A run sits in a typical year of real data (`weather`): hourly irradiance and temperature
//! drive every meter's production, a standard household load profile the consumption behind
//! it. Epochs are an hour by default (`SimConfig::epoch_secs`). Meters export what their
//! production exceeds their home's consumption; the grid price follows a daily curve with
//! noise; the crank, the offtaker, the members and the market act as they would on a cluster.

mod adversaries;
mod checks;
pub mod economy;
mod epoch;
mod market;
mod report;
mod setup;
mod solar;
mod weather;
mod yields;

use std::{collections::BTreeMap, time::Instant};

use anchor_lang::prelude::Pubkey;
use anchor_spl::{token, token_2022};
use central_bank::{
    instructions::{AttestationTerms, InitializeArgs},
    state::{
        Governance, GovernanceAction, Policy, Reserve, RoleKind, MAX_ATTESTATION_SECS,
        MAX_EPOCH_SECS, PROPOSAL_LIFETIME_SECS,
    },
};
use community::{instructions::RegisterProjectArgs, state::Community};
use grid_market::{
    instructions::RegisterMeterArgs,
    state::{Epoch, Market, OwnerKind},
};
use household::state::{Household, MemberWeight};
use marketplace::{
    instructions::CreatePoolArgs,
    state::{CarbonRegistry, Pool},
};
use member::state::Member;
use serde::Serialize;
use solana_instruction::Instruction;
use solana_sdk::{signature::Keypair, signer::Signer};

use sourceenergy_engine::Embedded;
use sourceenergy_sdk::{
    central_bank::{default_policy, CentralBank},
    chain::{Chain, ChainError, ChainResult},
    community::CommunityKeys,
    grid_market::{self as gm, Reading},
    household::HouseholdKeys,
    marketplace::{self as mk, Holdings, OfferKeys, PoolKeys},
    member::{self as mb, Affiliation, MemberKeys},
    pda, tokens,
};

use crate::crank;
pub use adversaries::{AdversaryRow, Attack, Harm};
pub use report::{ByProgram, Check, EpochRow, SimReport, Totals};
pub use solar::Orientation;
use weather::{Clock, Flows, DAY_SECS};
pub use yields::ClassYield;
use yields::{MeterClass, Yields};

const UNIT: u64 = 1_000_000;
const HOUR: i64 = 3_600;
const SOL: u64 = 1_000_000_000;
/// Members' rooftop systems, kWp (drawn per member): typical small residential arrays.
const ROOFTOP_KWP: (u64, u64) = (3, 10);
/// The market maker (member 0) has a larger, commercial roof, W.
const MARKET_MAKER_W: u64 = 40_000;
/// Household trusts' own systems, kWp.
const HOUSEHOLD_KWP: (u64, u64) = (4, 12);
/// Community projects: small community solar parks, kWp.
const PROJECT_KWP: (u64, u64) = (50, 150);
/// The roofs arrays sit on, drawn per member and household meter: share per mille, the
/// direction faced (azimuth, degrees from north) and the tilts drawn from. Pitched roofs of
/// 5/12 to 10/12 (about 20° to 40°) in every direction but north; flat roofs with modules on
/// low racks.
const ROOF_MIX: [(u64, u16, &[u16]); 6] = [
    (300, 180, &[20, 25, 30, 35, 40]),
    (100, 135, &[20, 25, 30, 35, 40]),
    (100, 225, &[20, 25, 30, 35, 40]),
    (150, 90, &[20, 25, 30, 35, 40]),
    (150, 270, &[20, 25, 30, 35, 40]),
    (200, 180, &[5, 10]),
];
/// Annual consumption behind a home's meter, hundreds of kWh, drawn per home: 2,500 to
/// 4,500 kWh, 3,500 kWh on average (a household of two to three).
const HOME_HUNDRED_KWH: (u64, u64) = (25, 45);
/// The shortest epoch the simulation runs: the load profile's quarter hour. Shorter epochs
/// leave too little time between a reading a minute before the end and the epoch's bound.
pub const MIN_SIM_EPOCH_SECS: u32 = 900;
/// The longest: a week (the policy allows 30 days), since the mid-run policy change proposed
/// in one epoch is executed in the next, within a proposal's lifetime.
const MAX_SIM_EPOCH_SECS: u32 = PROPOSAL_LIFETIME_SECS as u32;
/// The sim enters each epoch this fraction of its length after it opens (10 minutes into an
/// hour), and the adversaries act then.
const ENTRY_FRACTION: u64 = 6;
/// The offtaker's late payment (`SimConfig::late_settlement`): this many epochs paid together.
pub const LATE_EPOCHS: u64 = 3;
/// Longest run: attestations (at most two years) must outlast it.
const MAX_RUN_SECS: u64 = 700 * 86_400;

#[derive(Clone, Debug, Serialize)]
pub struct SimConfig {
    pub seed: u64,
    pub members: usize,
    pub households: usize,
    pub communities: usize,
    pub epochs: u32,
    /// Day of the typical year (1-365) the run starts on, at 06:00.
    pub start_day: u16,
    /// Epoch length, seconds (the policy's `epoch_length_secs`).
    pub epoch_secs: u32,
    /// The attacks the adversaries try beside the honest economy (default: all of them).
    pub adversaries: Vec<Attack>,
    /// The offtaker pays `LATE_EPOCHS` epochs late once, a quarter into a run of six epochs or
    /// more; off, it pays every epoch on time.
    pub late_settlement: bool,
    /// The adversaries take their places (accounts, deposits, meters) but do not attack: the
    /// run an attack's harm is measured against, where its footprint alone would move the
    /// totals (see `Attack::control`).
    pub control: bool,
    /// Members claim the last epoch's meter revenue at the end of the run. Off for the local
    /// node's economy, which starts with that revenue waiting to be claimed (by the app, the
    /// examples); the checks hold either way.
    #[serde(skip)]
    pub final_claims: bool,
    /// Every array at this orientation, for comparisons; `None`: member and household roofs
    /// drawn from `ROOF_MIX` by the seed, community projects at `Orientation::PROJECT`.
    pub orientation: Option<Orientation>,
    #[serde(skip)]
    pub progress: bool,
    /// UNIX time the run's clock starts at (default: wall time).
    #[serde(skip)]
    pub start_unix: Option<i64>,
}

impl SimConfig {
    /// The bounds the simulation runs within (the policy's, tightened where the run needs).
    pub fn validate(&self) -> Result<(), String> {
        if !(1..=weather::YEAR_DAYS as u16).contains(&self.start_day) {
            return Err(format!("start day {} is not in 1-365", self.start_day));
        }
        let max = MAX_SIM_EPOCH_SECS.min(MAX_EPOCH_SECS);
        if !(MIN_SIM_EPOCH_SECS..=max).contains(&self.epoch_secs) {
            return Err(format!(
                "epoch length {} s is not in {MIN_SIM_EPOCH_SECS}-{max} s",
                self.epoch_secs
            ));
        }
        if self.epochs as u64 * self.epoch_secs as u64 > MAX_RUN_SECS {
            return Err(format!(
                "a run is at most {} days (attestations must outlast it)",
                MAX_RUN_SECS / 86_400
            ));
        }
        Ok(())
    }

    fn clock(&self) -> Clock {
        Clock::new(self.start_day, self.epoch_secs)
    }
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            seed: 7,
            members: 100,
            households: 20,
            communities: 2,
            epochs: 12,
            // 1 June: a clear day in the data, so a short default run sees a sunny morning.
            start_day: 152,
            epoch_secs: 3_600,
            adversaries: Attack::ALL.to_vec(),
            late_settlement: true,
            control: false,
            final_claims: true,
            orientation: None,
            progress: false,
            start_unix: None,
        }
    }
}

/// SplitMix64: small, seeded, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    /// A roof from `ROOF_MIX`.
    fn roof(&mut self) -> Orientation {
        let mut pick = self.next() % 1_000;
        for (share, azimuth, tilts) in ROOF_MIX {
            if pick < share {
                let tilt = tilts[(self.next() % tilts.len() as u64) as usize];
                return Orientation::new(tilt, azimuth);
            }
            pick -= share;
        }
        unreachable!("ROOF_MIX shares sum to 1,000")
    }

    fn chance(&mut self, per_mille: u64) -> bool {
        self.next() % 1_000 < per_mille
    }

    fn keypair(&mut self) -> Keypair {
        let mut secret = [0u8; 32];
        for chunk in secret.chunks_mut(8) {
            chunk.copy_from_slice(&self.next().to_le_bytes());
        }
        Keypair::new_from_array(secret)
    }
}

struct MeterSim {
    id: Pubkey,
    capacity_w: u64,
    orientation: Orientation,
    /// Consumption behind the meter, kWh a year (0: none); exports are what production
    /// exceeds it by.
    annual_kwh: u64,
    cumulative: u64,
}

impl MeterSim {
    /// The meter's flows over `span` (start and length, seconds of the typical year).
    fn flows(&self, (from, len): (u64, u64)) -> Flows {
        weather::year().flows(
            self.capacity_w,
            self.orientation,
            self.annual_kwh,
            from,
            len,
        )
    }
}

struct PersonSim {
    key: Keypair,
    keys: MemberKeys,
    credits: Pubkey,
    carbon: Pubkey,
    household: Option<usize>,
    community: usize,
    expires_at: i64,
    meter: Option<MeterSim>,
    /// Epochs with an accepted reading whose revenue is not claimed yet (claimed once settled).
    unclaimed: Vec<u64>,
    energy_wh: u64,
}

struct HouseholdSim {
    keys: HouseholdKeys,
    trustee: Keypair,
    community: usize,
    meter: Option<MeterSim>,
}

struct CommunitySim {
    keys: CommunityKeys,
    manager: Keypair,
    meter: MeterSim,
    energy_wh: u64,
}

/// A running simulation; `simulate` drives it, tests step it.
pub struct Sim {
    cfg: SimConfig,
    /// Members and their actions; organisations (communities, trusts); weather and prices.
    /// Separate streams, so the organisations and the environment of a seed are the same
    /// whatever the member count.
    rng: Rng,
    org: Rng,
    env: Rng,
    /// Draws each roof's orientation, apart from the other streams so that the rest of the
    /// economy (actors, amounts) is the same whatever the roofs.
    roofs: Rng,
    pub ch: Embedded,
    /// The chain's clock when the run began.
    started_at: i64,
    bank: CentralBank,
    council: Vec<Keypair>,
    provider: Keypair,
    collateral_authority: Keypair,
    registrar: Keypair,
    oracle: Keypair,
    feeders: Vec<Keypair>,
    offtaker: Keypair,
    offtaker_currency: Pubkey,
    people: Vec<PersonSim>,
    households: Vec<HouseholdSim>,
    communities: Vec<CommunitySim>,
    pool: Option<PoolKeys>,
    adversaries: Option<adversaries::Adversaries>,
    report: SimReport,
    offers: u64,
    /// Where the run sits in the typical year.
    clock: Clock,
    /// The market's epoch index of the run's first epoch.
    first_epoch: Option<u64>,
    yields: Yields,
}

/// Runs the simulation and returns its report (checks included; see `SimReport::all_pass`).
/// With adversaries, the same seed also runs without any (the baseline the report compares
/// the offtaker's payment with) and once per attack alone, to measure what each did to others
/// (see `adversaries`); the batch waiter's own baseline is its run with every epoch paid on
/// time. The runs share the machine's cores, two at a time.
pub async fn simulate(cfg: SimConfig) -> ChainResult<SimReport> {
    if cfg.adversaries.is_empty() {
        return simulate_once(cfg).await;
    }
    let quiet = |c: SimConfig| SimConfig {
        progress: false,
        ..c
    };
    let mut configs = vec![
        cfg.clone(),
        quiet(SimConfig {
            adversaries: Vec::new(),
            ..cfg.clone()
        }),
    ];
    for &attack in &cfg.adversaries {
        configs.push(quiet(SimConfig {
            adversaries: vec![attack],
            ..cfg.clone()
        }));
    }
    let controls: Vec<(Attack, SimConfig)> = cfg
        .adversaries
        .iter()
        .filter_map(|a| Some((*a, quiet(a.control(&cfg)?))))
        .collect();
    configs.extend(controls.iter().map(|(_, c)| c.clone()));
    if cfg.progress {
        eprintln!(
            "{} runs of the same seed: the economy with its adversaries, without them, and \
             each adversary alone (two at a time)",
            configs.len()
        );
    }
    let started = Instant::now();
    let mut reports = tokio::task::spawn_blocking(move || simulate_all(configs))
        .await
        .map_err(|e| ChainError::Local(e.to_string()))??
        .into_iter();
    let mut main = reports.next().expect("the main run");
    let baseline = reports.next().expect("the baseline run");
    let solos: Vec<SimReport> = reports.by_ref().take(cfg.adversaries.len()).collect();
    let controls: Vec<(Attack, SimReport)> =
        controls.iter().map(|(a, _)| *a).zip(reports).collect();
    main.adversaries.clear();
    for (solo, &attack) in solos.iter().zip(&cfg.adversaries) {
        let Some(mut row) = solo
            .adversaries
            .iter()
            .find(|r| r.attack == attack)
            .cloned()
        else {
            continue;
        };
        let base = match controls.iter().find(|(a, _)| *a == attack) {
            Some((_, control)) => {
                let theirs = control.adversaries.iter().find(|r| r.attack == attack);
                row.gained -= theirs.map_or(0, |r| r.gained);
                control
            }
            None => &baseline,
        };
        row.judge(&solo.totals, &solo.epochs, base);
        main.adversaries.push(row);
    }
    let (with, without) = (main.totals.offtaker_paid, baseline.totals.offtaker_paid);
    checks::check(
        &mut main,
        "Offtaker: pays within 1% with and without the adversaries",
        (with as i128 - without as i128).abs() * 100 <= without as i128,
        format!(
            "{with} with, {without} without ({:+.3}%)",
            (with as f64 / without.max(1) as f64 - 1.0) * 100.0
        ),
    );
    main.baseline = Some(baseline.totals);
    main.wall_secs = started.elapsed().as_secs_f64();
    Ok(main)
}

/// One run of the simulation, adversaries and all, without the runs that measure their harm
/// (the benchmark's, and the local node's economy).
pub async fn simulate_once(cfg: SimConfig) -> ChainResult<SimReport> {
    Ok(run(cfg).await?.report)
}

/// Runs `configs` on up to two threads (each its own engine and runtime); reports in order.
fn simulate_all(configs: Vec<SimConfig>) -> ChainResult<Vec<SimReport>> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(2));
    let jobs: std::sync::Mutex<Vec<(usize, SimConfig)>> =
        std::sync::Mutex::new(configs.into_iter().enumerate().rev().collect());
    let results = std::sync::Mutex::new(BTreeMap::new());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("a runtime");
                loop {
                    let Some((i, cfg)) = jobs.lock().expect("not poisoned").pop() else {
                        break;
                    };
                    let report = runtime.block_on(simulate_once(cfg));
                    results.lock().expect("not poisoned").insert(i, report);
                }
            });
        }
    });
    results
        .into_inner()
        .expect("not poisoned")
        .into_values()
        .collect()
}

/// Runs the simulation and returns it finished, its chain and its actors with it.
async fn run(cfg: SimConfig) -> ChainResult<Sim> {
    cfg.validate().map_err(ChainError::Local)?;
    let started = Instant::now();
    let mut sim = Sim::new(cfg).await;
    sim.setup().await?;
    let progress = sim.cfg.progress.then(|| {
        let bar = indicatif::ProgressBar::new(sim.cfg.epochs as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} epoch {pos}/{len} {elapsed} {msg}")
                .expect("valid template"),
        );
        bar
    });
    for k in 0..sim.cfg.epochs as u64 {
        sim.epoch(k).await?;
        if let Some(bar) = &progress {
            bar.set_position(k + 1);
            bar.set_message(format!("{} transactions", sim.ch.sent));
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    sim.finish().await?;
    sim.report.transactions = sim.ch.sent;
    sim.report.failed_transactions = sim.ch.failed;
    sim.report.wall_secs = started.elapsed().as_secs_f64();
    sim.report.config = Some(sim.cfg.clone());
    Ok(sim)
}

impl Sim {
    /// A fresh embedded cluster and the seeded actors (nothing on chain yet: see `setup`).
    pub async fn new(cfg: SimConfig) -> Self {
        let mut rng = Rng(cfg.seed);
        let mut ch = Embedded::start().await;
        if let Some(at) = cfg.start_unix {
            ch.engine.set_time(at);
        }
        let started_at = ch.engine.clock().unix_timestamp;
        let council = (0..3).map(|_| rng.keypair()).collect();
        Sim {
            bank: CentralBank {
                collateral_mint: Pubkey::default(),
                collateral_token_program: token::ID,
            },
            council,
            provider: rng.keypair(),
            collateral_authority: rng.keypair(),
            registrar: rng.keypair(),
            oracle: rng.keypair(),
            feeders: (0..3).map(|_| rng.keypair()).collect(),
            offtaker: rng.keypair(),
            offtaker_currency: Pubkey::default(),
            people: Vec::new(),
            households: Vec::new(),
            communities: Vec::new(),
            pool: None,
            adversaries: None,
            report: SimReport::default(),
            offers: 0,
            clock: cfg.clock(),
            first_epoch: None,
            yields: Yields::default(),
            org: Rng(cfg.seed ^ 0x6F72_6773),
            env: Rng(cfg.seed ^ 0x656E_7669),
            roofs: Rng(cfg.seed ^ 0x726F_6F66),
            cfg,
            rng,
            ch,
            started_at,
        }
    }

    fn count(&mut self, kind: &'static str, n: u64) {
        *self.report.by_kind.entry(kind).or_default() += n;
    }

    /// Sends packed and requires every transaction to succeed.
    async fn must(
        &mut self,
        kind: &'static str,
        ixs: Vec<Instruction>,
        signers: &[&Keypair],
    ) -> ChainResult<()> {
        let results = self.ch.send_packed(ixs, signers).await?;
        self.count(kind, results.len() as u64);
        results
            .into_iter()
            .collect::<ChainResult<()>>()
            .map_err(|e| ChainError::Local(format!("{kind}: {e}")))
    }

    async fn now(&mut self) -> ChainResult<i64> {
        self.ch.now().await
    }

    fn epoch_secs(&self) -> i64 {
        self.cfg.epoch_secs as i64
    }

    /// When attestations issued at `now` expire: a year, or the run and a month more, within
    /// the programs' maximum validity.
    fn attestation_expiry(&self, now: i64) -> i64 {
        let run = self.cfg.epochs as i64 * self.epoch_secs() + 30 * DAY_SECS as i64;
        now + run.clamp(365 * DAY_SECS as i64, MAX_ATTESTATION_SECS)
    }

    /// Proposes and approves `actions`, waits out the timelock and executes them.
    async fn govern(&mut self, actions: Vec<GovernanceAction>) -> ChainResult<()> {
        let gov: Governance = self
            .ch
            .read(&pda::governance())
            .await?
            .expect("initialised");
        let (c0, c1) = (
            self.council[0].insecure_clone(),
            self.council[1].insecure_clone(),
        );
        let mut ixs = Vec::new();
        for (i, a) in actions.iter().enumerate() {
            let index = gov.proposal_count + i as u64;
            ixs.push(self.bank.propose(c0.pubkey(), index, a.clone()));
            ixs.push(self.bank.approve(c1.pubkey(), index));
        }
        self.must("governance", ixs, &[&c0, &c1]).await?;
        self.ch.warp(gov.timelock_secs as i64 + 1).await?;
        let ixs = actions
            .iter()
            .enumerate()
            .map(|(i, a)| {
                self.bank
                    .execute(c0.pubkey(), gov.proposal_count + i as u64, a)
            })
            .collect();
        self.must("governance", ixs, &[&c0]).await
    }
}

fn hash_id(tag: &[u8], n: u64) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, b) in tag.iter().enumerate() {
        out[i % 24] ^= b;
    }
    out[24..].copy_from_slice(&n.to_le_bytes());
    out
}
