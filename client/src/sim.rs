//! The embedded economy simulation (`sourceenergy simulate`): a seeded, realistic economy run
//! through every layer of the real programs, with a report and conservation checks.
//!
//! One epoch is one hour of the day. Members' meters export what their solar production
//! exceeds their consumption; the grid price follows a daily curve with noise; the crank,
//! the offtaker, the members and the market act as they would on a cluster.

use std::{collections::BTreeMap, time::Instant};

use anchor_lang::prelude::Pubkey;
use anchor_spl::{token, token_2022};
use central_bank::{
    instructions::{AttestationTerms, InitializeArgs},
    state::{Governance, GovernanceAction, Policy, Reserve, RoleKind},
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

use crate::{
    central_bank::{default_policy, CentralBank},
    chain::{Chain, ChainError, ChainResult},
    community::CommunityKeys,
    crank::{self, CrankReport},
    embedded::Embedded,
    grid_market::{self as gm, Reading},
    household::HouseholdKeys,
    marketplace::{self as mk, Holdings, OfferKeys, PoolKeys},
    member::{self as mb, Affiliation, MemberKeys},
    pda, tokens,
};

const UNIT: u64 = 1_000_000;
const HOUR: i64 = 3_600;
const SOL: u64 = 1_000_000_000;
/// Solar output by hour of day, per mille of capacity.
const SOLAR: [u64; 24] = [
    0, 0, 0, 0, 0, 0, 40, 180, 380, 580, 760, 880, 930, 880, 760, 580, 380, 180, 40, 0, 0, 0, 0, 0,
];

#[derive(Clone, Debug, Serialize)]
pub struct SimConfig {
    pub seed: u64,
    pub members: usize,
    pub households: usize,
    pub communities: usize,
    pub epochs: u32,
    #[serde(skip)]
    pub progress: bool,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            seed: 7,
            members: 100,
            households: 20,
            communities: 2,
            epochs: 12,
            progress: false,
        }
    }
}

#[derive(Debug, Default, Serialize)]
pub struct SimReport {
    pub config: Option<SimConfig>,
    pub wall_secs: f64,
    pub transactions: u64,
    pub failed_transactions: u64,
    /// Transactions by what they did.
    pub by_kind: BTreeMap<&'static str, u64>,
    /// Member actions the programs refused because the member's attestation had expired.
    pub blocked_expired: u64,
    pub epochs: Vec<EpochRow>,
    /// Crank work per epoch (two passes: close, then claims and distributions).
    pub crank: Vec<CrankReport>,
    pub layers: Layers,
    pub checks: Vec<Check>,
}

#[derive(Debug, Default, Serialize)]
pub struct EpochRow {
    pub index: u64,
    pub hour: u64,
    pub grid_price: u64,
    pub market_price: u64,
    pub clearing_price: u64,
    pub energy_wh: u64,
    pub revenue: u64,
    pub claimed: u64,
}

#[derive(Debug, Default, Serialize)]
pub struct Layers {
    pub l1_currency_supply: u64,
    pub l1_collateral_held: u64,
    pub l1_fees_collected: u64,
    pub l1_savings_rate_bps_end: u16,
    pub l2_pool_energy_wh: u64,
    pub l2_pool_currency: u64,
    pub l2_protocol_fees: u64,
    pub l2_swaps: u64,
    pub l2_offers_taken: u64,
    pub l2_carbon_minted_g: u64,
    pub l2_carbon_retired_g: u64,
    pub l3_energy_wh: u64,
    pub l3_revenue: u64,
    pub l3_claimed: u64,
    pub l4_fund_value: u64,
    pub l4_invested_in_projects: u64,
    pub l4_revenue: u64,
    pub l4_benefit_fund: u64,
    pub l4_energy_wh: u64,
    pub l4_co2_avoided_g: u64,
    pub l5_contributed: u64,
    pub l5_income: u64,
    pub l5_reinvested: u64,
    pub l5_distributed: u64,
    pub l6_members: u64,
    pub l6_energy_wh: u64,
    pub l6_income: u64,
}

#[derive(Debug, Serialize)]
pub struct Check {
    pub name: String,
    pub pass: bool,
    pub detail: String,
}

impl SimReport {
    pub fn all_pass(&self) -> bool {
        self.checks.iter().all(|c| c.pass)
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
    /// Average consumption behind the meter, W (exports are what production exceeds it by).
    load_w: u64,
    cumulative: u64,
}

impl MeterSim {
    /// Wh exported in an hour at `hour` with `weather` (per mille of clear sky).
    fn export(&self, hour: u64, weather: u64) -> u64 {
        let produced = self.capacity_w * SOLAR[hour as usize] / 1_000 * weather / 1_000;
        produced.saturating_sub(self.load_w)
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
    /// Epoch of the last accepted reading (its revenue is claimed the epoch after).
    read_in: Option<u64>,
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
    pub ch: Embedded,
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
    report: SimReport,
    offers: u64,
}

/// Runs the simulation and returns its report (checks included; see `SimReport::all_pass`).
pub async fn simulate(cfg: SimConfig) -> ChainResult<SimReport> {
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
    Ok(sim.report)
}

impl Sim {
    /// A fresh embedded cluster and the seeded actors (nothing on chain yet: see `setup`).
    pub async fn new(cfg: SimConfig) -> Self {
        let mut rng = Rng(cfg.seed);
        let ch = Embedded::start().await;
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
            report: SimReport::default(),
            offers: 0,
            org: Rng(cfg.seed ^ 0x6F72_6773),
            env: Rng(cfg.seed ^ 0x656E_7669),
            cfg,
            rng,
            ch,
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

    /// Bootstraps the cluster and onboards the whole economy.
    pub async fn setup(&mut self) -> ChainResult<()> {
        let payer = self.ch.payer().pubkey();
        let cfg = self.cfg.clone();
        // Actors.
        for _ in 0..cfg.members {
            let key = self.rng.keypair();
            let wallet = key.pubkey();
            self.people.push(PersonSim {
                keys: MemberKeys {
                    wallet,
                    currency: pda::associated_token(
                        &wallet,
                        &pda::currency_mint(),
                        &token_2022::ID,
                    ),
                },
                credits: pda::associated_token(
                    &wallet,
                    &pda::energy_credit_mint(),
                    &token_2022::ID,
                ),
                carbon: pda::associated_token(&wallet, &pda::carbon_mint(), &token_2022::ID),
                key,
                household: None,
                community: 0,
                expires_at: 0,
                meter: None,
                read_in: None,
                energy_wh: 0,
            });
        }
        let managers: Vec<Keypair> = (0..cfg.communities).map(|_| self.rng.keypair()).collect();
        let trustees: Vec<Keypair> = (0..cfg.households).map(|_| self.rng.keypair()).collect();
        let mut wallets: Vec<Pubkey> = self.council.iter().map(|k| k.pubkey()).collect();
        wallets.extend([
            self.provider.pubkey(),
            self.collateral_authority.pubkey(),
            self.registrar.pubkey(),
            self.oracle.pubkey(),
            self.offtaker.pubkey(),
        ]);
        wallets.extend(self.feeders.iter().map(|k| k.pubkey()));
        let mut people: Vec<Pubkey> = self.people.iter().map(|p| p.keys.wallet).collect();
        people.extend(managers.iter().map(|k| k.pubkey()));
        people.extend(trustees.iter().map(|k| k.pubkey()));
        // Operators pay rent for records of every member (attestations, meters, contributor
        // records): 50 SOL; members, managers and trustees 0.2 (their own rent is far less).
        let mut ixs: Vec<Instruction> = wallets
            .iter()
            .map(|w| anchor_lang::solana_program::system_instruction::transfer(&payer, w, 50 * SOL))
            .collect();
        ixs.extend(people.iter().map(|w| {
            anchor_lang::solana_program::system_instruction::transfer(&payer, w, SOL / 5)
        }));
        self.must("setup", ixs, &[]).await?;

        // L1: collateral, bank, governance roles; L3 market; L2 carbon registry.
        let mint = self.rng.keypair();
        let authority = self.collateral_authority.pubkey();
        let ixs = tokens::create_mint(&payer, &mint.pubkey(), &authority, 6, &token::ID).to_vec();
        self.must("setup", ixs, &[&mint]).await?;
        self.bank.collateral_mint = mint.pubkey();
        let args = InitializeArgs {
            council: self.council.iter().map(|k| k.pubkey()).collect(),
            threshold: 2,
            timelock_secs: 3_600,
            policy: default_policy(),
        };
        let ix = self.bank.initialize(payer, args);
        self.must("setup", vec![ix], &[]).await?;
        let mut roles = vec![
            (RoleKind::MeterRegistrar, self.registrar.pubkey()),
            (RoleKind::MeterOracle, self.oracle.pubkey()),
            (RoleKind::GridOfftaker, self.offtaker.pubkey()),
            (RoleKind::ListedMarketAsset, pda::energy_credit_mint()),
        ];
        roles.extend(
            self.feeders
                .iter()
                .map(|f| (RoleKind::GridPriceFeeder, f.pubkey())),
        );
        roles.extend(
            managers
                .iter()
                .map(|m| (RoleKind::CommunityRegistrar, m.pubkey())),
        );
        let mut actions = vec![GovernanceAction::ApproveKycProvider {
            provider: self.provider.pubkey(),
        }];
        actions.extend(
            roles
                .into_iter()
                .map(|(role, subject)| GovernanceAction::GrantRole { role, subject }),
        );
        self.govern(actions).await?;
        self.must("setup", vec![gm::init_market(payer)], &[])
            .await?;
        self.must("setup", vec![mk::init_carbon_registry(payer)], &[])
            .await?;

        // KYC onboarding: attestations (a few expire mid-run), currency, member accounts.
        let now = self.now().await?;
        let mid = now + (cfg.epochs as i64 / 2) * HOUR;
        let mut ixs = Vec::new();
        for i in 0..self.people.len() {
            let expires_at = if self.rng.chance(40) {
                mid
            } else {
                now + 365 * 86_400
            };
            self.people[i].expires_at = expires_at;
            let mut identity = [0u8; 32];
            identity[..8].copy_from_slice(&(i as u64 + 1).to_le_bytes());
            identity[8..16].copy_from_slice(&cfg.seed.to_le_bytes());
            let terms = AttestationTerms {
                level: 2,
                jurisdiction: *b"DE",
                expires_at,
            };
            let wallet = self.people[i].keys.wallet;
            ixs.push(
                self.bank
                    .issue_attestation(self.provider.pubkey(), wallet, terms, identity),
            );
        }
        let provider = self.provider.insecure_clone();
        self.must("onboarding", ixs, &[&provider]).await?;
        let mut ixs = Vec::new();
        let mut owner_ixs = Vec::new();
        for p in &self.people {
            let w = p.keys.wallet;
            let (collateral, a) = tokens::ata(&payer, &w, &mint.pubkey(), &token::ID);
            ixs.push(a);
            ixs.push(tokens::ata(&payer, &w, &pda::currency_mint(), &token_2022::ID).1);
            ixs.push(tokens::ata(&payer, &w, &pda::energy_credit_mint(), &token_2022::ID).1);
            ixs.push(tokens::ata(&payer, &w, &pda::carbon_mint(), &token_2022::ID).1);
            ixs.push(tokens::mint_to(
                &token::ID,
                &mint.pubkey(),
                &collateral,
                &authority,
                2_000 * UNIT,
            ));
            owner_ixs.push(self.bank.mint_currency(
                w,
                collateral,
                p.keys.currency,
                1_500 * UNIT,
                0,
            ));
            owner_ixs.push(p.keys.create());
            owner_ixs.push(mk::open_trader(w));
        }
        let ca = self.collateral_authority.insecure_clone();
        self.must("onboarding", ixs, &[&ca]).await?;
        let keys: Vec<Keypair> = self.people.iter().map(|p| p.key.insecure_clone()).collect();
        let refs: Vec<&Keypair> = keys.iter().collect();
        self.must("onboarding", owner_ixs, &refs).await?;
        // The offtaker buys currency to pay for energy.
        let (collateral, a) =
            tokens::ata(&payer, &self.offtaker.pubkey(), &mint.pubkey(), &token::ID);
        let (currency, b) = tokens::ata(
            &payer,
            &self.offtaker.pubkey(),
            &pda::currency_mint(),
            &token_2022::ID,
        );
        self.offtaker_currency = currency;
        let c = tokens::mint_to(
            &token::ID,
            &mint.pubkey(),
            &collateral,
            &authority,
            1_000_000 * UNIT,
        );
        self.must("setup", vec![a, b, c], &[&ca]).await?;
        provider_attest(self, self.offtaker.pubkey(), now).await?;
        let ix = self.bank.mint_currency(
            self.offtaker.pubkey(),
            collateral,
            currency,
            500_000 * UNIT,
            0,
        );
        let off = self.offtaker.insecure_clone();
        self.must("setup", vec![ix], &[&off]).await?;

        // Communities, each with a project meter funded by the fund later.
        let registrar = self.registrar.insecure_clone();
        for (i, manager) in managers.into_iter().enumerate() {
            let keys = CommunityKeys {
                id: Pubkey::new_from_array([i as u8 + 1; 32]),
            };
            let meter = MeterSim {
                id: Pubkey::new_from_array([i as u8 + 101; 32]),
                capacity_w: self.org.range(50, 150) * 1_000,
                load_w: 0,
                cumulative: 0,
            };
            let ixs = vec![
                keys.create(manager.pubkey(), 500),
                gm::register_meter(
                    registrar.pubkey(),
                    RegisterMeterArgs {
                        meter_id: meter.id,
                        owner_kind: OwnerKind::Community,
                        owner: keys.community(),
                        capacity_w: meter.capacity_w,
                        oracle: self.oracle.pubkey(),
                    },
                ),
                tokens::ata(
                    &payer,
                    &keys.community(),
                    &pda::energy_credit_mint(),
                    &token_2022::ID,
                )
                .1,
            ];
            self.must("setup", ixs, &[&manager, &registrar]).await?;
            self.communities.push(CommunitySim {
                keys,
                manager,
                meter,
                energy_wh: 0,
            });
        }

        // Households: trustee, members (2-4 each) and weights, community; some own a meter.
        let in_households = (cfg.households * 3).min(cfg.members * 6 / 10);
        for i in 0..cfg.members {
            let p = &mut self.people[i];
            if i < in_households && cfg.households > 0 {
                let h = i % cfg.households;
                p.household = Some(h);
                p.community = h % cfg.communities;
            } else {
                p.community = i % cfg.communities;
            }
        }
        for (h, trustee) in trustees.into_iter().enumerate() {
            let keys = HouseholdKeys {
                id: Pubkey::new_from_array(hash_id(b"household", h as u64)),
            };
            let members: Vec<usize> = (0..cfg.members)
                .filter(|i| self.people[*i].household == Some(h))
                .collect();
            let community = h % cfg.communities;
            let reinvest = self.org.range(0, 3) as u16 * 1_000;
            let mut ixs = vec![keys.create(payer, vec![trustee.pubkey()], 1, reinvest)];
            if !members.is_empty() {
                let n = members.len() as u16;
                let weights = members
                    .iter()
                    .enumerate()
                    .map(|(k, i)| MemberWeight {
                        wallet: self.people[*i].keys.wallet,
                        weight_bps: 10_000 / n + u16::from(k == 0) * (10_000 % n),
                    })
                    .collect();
                ixs.push(keys.set_members(weights, &[trustee.pubkey()]));
            }
            ixs.push(keys.join_community(
                payer,
                &self.communities[community].keys,
                &[trustee.pubkey()],
            ));
            let meter = self.org.chance(300).then(|| MeterSim {
                id: Pubkey::new_from_array(hash_id(b"household-meter", h as u64)),
                capacity_w: self.org.range(4, 12) * 1_000,
                load_w: self.org.range(2, 8) * 100,
                cumulative: 0,
            });
            if let Some(m) = &meter {
                ixs.push(gm::register_meter(
                    registrar.pubkey(),
                    RegisterMeterArgs {
                        meter_id: m.id,
                        owner_kind: OwnerKind::Household,
                        owner: keys.household(),
                        capacity_w: m.capacity_w,
                        oracle: self.oracle.pubkey(),
                    },
                ));
                ixs.push(
                    tokens::ata(
                        &payer,
                        &keys.household(),
                        &pda::energy_credit_mint(),
                        &token_2022::ID,
                    )
                    .1,
                );
            }
            self.must("setup", ixs, &[&trustee, &registrar]).await?;
            self.households.push(HouseholdSim {
                keys,
                trustee,
                community,
                meter,
            });
        }

        // Members join, put capital in, and 70% register a rooftop meter.
        let mut ixs = Vec::new();
        for i in 0..self.people.len() {
            let p = &self.people[i];
            match p.household {
                Some(h) => {
                    ixs.push(p.keys.join_household(&self.households[h].keys));
                }
                None => ixs.push(p.keys.join_community(&self.communities[p.community].keys)),
            }
        }
        self.must("onboarding", ixs, &refs).await?;
        let mut ixs = Vec::new();
        for i in 0..self.people.len() {
            let amount = self.rng.range(50, 400) * UNIT;
            let p = &self.people[i];
            ixs.push(match p.household {
                Some(h) => p.keys.contribute(&self.households[h].keys, amount),
                None => p.keys.invest(&self.communities[p.community].keys, amount),
            });
        }
        self.must("capital", ixs, &refs).await?;
        let mut ixs = Vec::new();
        for h in 0..self.households.len() {
            let state: Household = self
                .ch
                .read(&self.households[h].keys.household())
                .await?
                .expect("created");
            if state.capital > 0 {
                let hs = &self.households[h];
                ixs.push(hs.keys.invest(
                    &self.communities[hs.community].keys,
                    state.capital * 8 / 10,
                    &[hs.trustee.pubkey()],
                ));
            }
        }
        let trustee_keys: Vec<Keypair> = self
            .households
            .iter()
            .map(|h| h.trustee.insecure_clone())
            .collect();
        let trefs: Vec<&Keypair> = trustee_keys.iter().collect();
        self.must("capital", ixs, &trefs).await?;
        // Each manager funds its project with a third of the fund.
        for c in 0..self.communities.len() {
            let cs = &self.communities[c];
            let state: Community = self.ch.read(&cs.keys.community()).await?.expect("created");
            let builder = Pubkey::new_from_array(hash_id(b"builder", c as u64));
            let (payee, a) = tokens::ata(&payer, &builder, &pda::currency_mint(), &token_2022::ID);
            let project = RegisterProjectArgs {
                project_id: Pubkey::new_from_array(hash_id(b"project", c as u64)),
                capacity_w: cs.meter.capacity_w,
                capex: state.liquid / 3,
            };
            let m = cs.manager.insecure_clone();
            let ixs = vec![
                a,
                cs.keys
                    .register_project(m.pubkey(), cs.meter.id, payee, project),
                cs.keys
                    .fund_project(m.pubkey(), project.project_id, payee, project.capex),
            ];
            self.must("capital", ixs, &[&m]).await?;
        }
        let mut ixs = Vec::new();
        for i in 0..self.people.len() {
            if i != 0 && !self.rng.chance(700) {
                continue;
            }
            // Member 0 is the market maker, with a 40 kW roof.
            let capacity_w = if i == 0 {
                40_000
            } else {
                self.rng.range(3, 10) * 1_000
            };
            let meter = MeterSim {
                id: Pubkey::new_from_array(hash_id(b"meter", i as u64)),
                capacity_w,
                load_w: self.rng.range(3, 12) * 100,
                cumulative: 0,
            };
            ixs.push(self.people[i].keys.register_meter(
                registrar.pubkey(),
                meter.id,
                capacity_w,
                self.oracle.pubkey(),
            ));
            self.people[i].meter = Some(meter);
        }
        let mut signers = refs.clone();
        signers.push(&registrar);
        self.must("onboarding", ixs, &signers).await?;
        self.report.layers.l6_members = self.people.len() as u64;
        Ok(())
    }

    /// One epoch: crank and settle the last one, readings and feeds, claims, market activity,
    /// and governance mid-run.
    pub async fn epoch(&mut self, k: u64) -> ChainResult<()> {
        self.to_next_epoch().await?;
        self.settle_previous().await?;
        let market: Market = self.ch.read(&pda::market()).await?.expect("initialised");
        let e = market.epoch_at(self.now().await?);
        let hour = (6 + k) % 24;
        self.member_claims(e).await?;
        self.readings(e, hour).await?;
        self.feeds(e, hour).await?;
        self.market(k).await?;
        let half = self.cfg.epochs as u64 / 2;
        if k + 1 == half {
            // A governance rate change mid-run: savings rate down, emission factor updated.
            let policy: Policy = self.ch.read(&pda::policy()).await?.expect("initialised");
            let mut params = policy.params;
            params.savings_rate_bps = 300;
            params.emission_factor_g_per_kwh = 380;
            let c0 = self.council[0].insecure_clone();
            let c1 = self.council[1].insecure_clone();
            let gov: Governance = self
                .ch
                .read(&pda::governance())
                .await?
                .expect("initialised");
            let action = GovernanceAction::SetPolicy { params };
            let ixs = vec![
                self.bank.propose(c0.pubkey(), gov.proposal_count, action),
                self.bank.approve(c1.pubkey(), gov.proposal_count),
            ];
            self.must("governance", ixs, &[&c0, &c1]).await?;
        }
        if k == half {
            let gov: Governance = self
                .ch
                .read(&pda::governance())
                .await?
                .expect("initialised");
            let c0 = self.council[0].insecure_clone();
            let ix = self
                .bank
                .execute_set_policy(c0.pubkey(), gov.proposal_count - 1);
            self.must("governance", vec![ix], &[&c0]).await?;
        }
        Ok(())
    }

    /// Crank (opens this epoch, closes the last), the offtaker settles, crank again (claims and
    /// distributions).
    async fn settle_previous(&mut self) -> ChainResult<()> {
        let mut total = crank::run(&mut self.ch).await?;
        self.settle_closed().await?;
        total += crank::run(&mut self.ch).await?;
        self.count("crank", total.transactions as u64);
        self.report.crank.push(total);
        Ok(())
    }

    /// The offtaker pays for every closed epoch.
    pub async fn settle_closed(&mut self) -> ChainResult<()> {
        let market: Market = self.ch.read(&pda::market()).await?.expect("initialised");
        let current = market.epoch_at(self.now().await?);
        for index in current.saturating_sub(2)..current {
            let Some(epoch) = self.ch.read::<Epoch>(&pda::epoch(index)).await? else {
                continue;
            };
            if epoch.status == grid_market::state::EpochStatus::Closed {
                let ix = gm::settle_epoch(
                    self.offtaker.pubkey(),
                    self.offtaker_currency,
                    index,
                    u64::MAX,
                );
                let off = self.offtaker.insecure_clone();
                self.must("settlement", vec![ix], &[&off]).await?;
            }
        }
        Ok(())
    }

    /// Moves the clock into the next epoch (600 s past its start), without cranking.
    pub async fn to_next_epoch(&mut self) -> ChainResult<()> {
        let market: Market = self.ch.read(&pda::market()).await?.expect("initialised");
        let now = self.now().await?;
        let start = market.epoch_start(market.epoch_at(now) + 1);
        self.ch.warp(start - now + 600).await
    }

    async fn readings(&mut self, e: u64, hour: u64) -> ChainResult<()> {
        let oracle = self.oracle.pubkey();
        let now = self.now().await?;
        let weather: Vec<u64> = (0..self.communities.len())
            .map(|_| self.env.range(550, 1_000))
            .collect();
        let mut ixs = Vec::new();
        for i in 0..self.people.len() {
            let p = &self.people[i];
            let Some(m) = &p.meter else { continue };
            let wh = m.export(hour, weather[p.community]);
            if wh == 0 {
                continue;
            }
            let via = Affiliation {
                household: p.household.map(|h| self.households[h].keys),
                community: Some(self.communities[p.community].keys),
            };
            let reading = Reading {
                oracle,
                meter_id: m.id,
                owner: p.keys.wallet,
                epoch: e,
            };
            let ix = mb::record_reading(&reading, &via, m.cumulative + wh);
            if p.expires_at <= now {
                // The member's attestation has expired: its sale must be refused.
                let oracle_key = self.oracle.insecure_clone();
                match self.ch.send(&[ix], &[&oracle_key]).await {
                    Err(ChainError::Failed(_)) => self.report.blocked_expired += 1,
                    Ok(()) => {
                        return Err(ChainError::Local("an expired member sold energy".into()))
                    }
                    Err(other) => return Err(other),
                }
                self.count("readings", 1);
                continue;
            }
            ixs.push(ix);
            let p = &mut self.people[i];
            let m = p.meter.as_mut().expect("has a meter");
            m.cumulative += wh;
            p.energy_wh += wh;
            p.read_in = Some(e);
        }
        for h in 0..self.households.len() {
            let hs = &self.households[h];
            let Some(m) = &hs.meter else { continue };
            let wh = m.export(hour, weather[hs.community]);
            if wh == 0 {
                continue;
            }
            let reading = Reading {
                oracle,
                meter_id: m.id,
                owner: hs.keys.household(),
                epoch: e,
            };
            ixs.push(hs.keys.record_reading(
                &reading,
                oracle,
                Some(&self.communities[hs.community].keys),
                m.cumulative + wh,
            ));
            self.households[h]
                .meter
                .as_mut()
                .expect("has a meter")
                .cumulative += wh;
        }
        for (cs, weather) in self.communities.iter_mut().zip(weather) {
            let wh = cs.meter.export(hour, weather);
            if wh == 0 {
                continue;
            }
            let reading = Reading {
                oracle,
                meter_id: cs.meter.id,
                owner: cs.keys.community(),
                epoch: e,
            };
            ixs.push(cs.keys.record_reading(&reading, cs.meter.cumulative + wh));
            cs.meter.cumulative += wh;
            cs.energy_wh += wh;
        }
        let oracle_key = self.oracle.insecure_clone();
        self.must("readings", ixs, &[&oracle_key]).await
    }

    /// Grid price feeds: a daily curve (evening peak) with noise, each feeder within 2%.
    async fn feeds(&mut self, e: u64, hour: u64) -> ChainResult<()> {
        let evening = [
            0u64, 0, 0, 0, 0, 0, 10, 30, 30, 20, 10, 5, 5, 5, 10, 20, 40, 70, 100, 90, 60, 30, 10,
            0,
        ];
        let base = 100_000 + evening[hour as usize] * 800 + self.env.range(0, 20_000);
        let mut ixs = Vec::new();
        for f in &self.feeders {
            let price = base * self.env.range(980, 1_020) / 1_000;
            ixs.push(gm::submit_grid_price(f.pubkey(), e, price));
        }
        let keys: Vec<Keypair> = self.feeders.iter().map(|k| k.insecure_clone()).collect();
        let refs: Vec<&Keypair> = keys.iter().collect();
        self.must("feeds", ixs, &refs).await
    }

    /// Members collect: last epoch's meter revenue, household distributions, and (every
    /// fourth epoch) community rewards.
    async fn member_claims(&mut self, e: u64) -> ChainResult<()> {
        let now = self.now().await?;
        let mut owed = BTreeMap::new();
        for hs in &self.households {
            let state: Household = self.ch.read(&hs.keys.household()).await?.expect("created");
            for l in state.members() {
                owed.insert(l.wallet, l.owed());
            }
        }
        let mut ixs = Vec::new();
        let mut signers = Vec::new();
        for p in &self.people {
            if p.expires_at <= now {
                continue;
            }
            let mut mine = Vec::new();
            if p.read_in.is_some_and(|r| r + 1 == e) {
                mine.push(p.keys.claim_revenue(e - 1));
            }
            if let Some(h) = p.household {
                if owed.get(&p.keys.wallet).copied().unwrap_or(0) > 0 {
                    mine.push(p.keys.claim_household(&self.households[h].keys));
                }
            } else if e % 4 == 3 {
                let c = &self.communities[p.community].keys;
                let pos: Option<community::state::Position> =
                    self.ch.read(&c.position(&p.keys.member())).await?;
                let fund: Community = self.ch.read(&c.community()).await?.expect("created");
                if let Some(pos) = pos {
                    let pending = pos.pending
                        + se_math::fund::accrued(
                            pos.shares,
                            fund.reward_per_share - pos.reward_checkpoint,
                        )
                        .unwrap_or(0);
                    if pending > 0 {
                        mine.push(p.keys.claim_rewards(c));
                    }
                }
            }
            if !mine.is_empty() {
                signers.push(p.key.insecure_clone());
                ixs.extend(mine);
            }
        }
        let refs: Vec<&Keypair> = signers.iter().collect();
        self.must("member claims", ixs, &refs).await
    }

    /// The energy credit market: the market maker opens the pool after the first readings;
    /// then members sell credits, trade through offers, and convert and retire carbon.
    async fn market(&mut self, k: u64) -> ChainResult<()> {
        let keys = PoolKeys {
            asset_mint: pda::energy_credit_mint(),
            asset_token_program: token_2022::ID,
        };
        if self.pool.is_none() {
            let now = self.now().await?;
            let mm = &self.people[0];
            let (h, key, expires_at) = (
                Holdings {
                    owner: mm.keys.wallet,
                    asset: mm.credits,
                    currency: mm.keys.currency,
                },
                mm.key.insecure_clone(),
                mm.expires_at,
            );
            let credits = self
                .ch
                .account(&h.asset)
                .await?
                .map_or(0, |a| tokens::amount(&a.data));
            if credits < 20_000 || expires_at <= now {
                return Ok(());
            }
            let asset_amount = credits / 2;
            let args = CreatePoolArgs {
                asset_amount,
                currency_amount: asset_amount * 120,
                lp_fee_bps: 30,
                observation_interval_secs: 600,
            };
            self.must("market", vec![keys.create_pool(&h, args)], &[&key])
                .await?;
            self.pool = Some(keys);
            return Ok(());
        }
        // Members trade credits early and late in the epoch, so the pool's observations span
        // the epoch and its TWAP enters the clearing price.
        self.trade_credits(&keys, 3).await?;
        self.ch.warp(1_900).await?;
        self.trade_credits(&keys, 2).await?;
        let now = self.now().await?;
        // One escrowed offer: a member sells credits; another takes half.
        let (maker, taker) = (
            self.producer(),
            self.rng.range(1, self.people.len() as u64 - 1) as usize,
        );
        let (pm, pt) = (&self.people[maker], &self.people[taker]);
        let ok = maker != taker && pm.expires_at > now && pt.expires_at > now;
        let (mk_key, tk_key) = (pm.key.insecure_clone(), pt.key.insecure_clone());
        let (m_wallet, m_credits, m_currency) = (pm.keys.wallet, pm.credits, pm.keys.currency);
        let (t_wallet, t_credits, t_currency) = (pt.keys.wallet, pt.credits, pt.keys.currency);
        let credits = self
            .ch
            .account(&m_credits)
            .await?
            .map_or(0, |a| tokens::amount(&a.data));
        if ok && credits >= 200 {
            self.offers += 1;
            let offer = OfferKeys {
                maker: m_wallet,
                id: self.offers,
                sell_mint: pda::energy_credit_mint(),
                sell_token_program: token_2022::ID,
                buy_mint: pda::currency_mint(),
                buy_token_program: token_2022::ID,
            };
            let sell = credits / 2;
            let ix = offer.make(m_credits, sell, sell * 130, now + 6 * HOUR);
            self.must("market", vec![ix], &[&mk_key]).await?;
            let ix = offer.take(
                t_wallet,
                t_credits,
                t_currency,
                m_currency,
                sell / 2,
                sell / 2 * 130 + 130,
            );
            self.must("market", vec![ix], &[&tk_key]).await?;
            self.report.layers.l2_offers_taken += 1;
        }
        // Every third epoch one member converts credits to carbon credits and retires half.
        if k % 3 == 2 {
            let i = self.producer();
            let p = &self.people[i];
            let credits = self
                .ch
                .account(&p.credits)
                .await?
                .map_or(0, |a| tokens::amount(&a.data));
            if credits >= 1_000 && p.expires_at > now {
                let registry: CarbonRegistry = self
                    .ch
                    .read(&pda::carbon_registry())
                    .await?
                    .expect("initialised");
                let policy: Policy = self.ch.read(&pda::policy()).await?.expect("initialised");
                let grams = credits * policy.params.emission_factor_g_per_kwh as u64 / 1_000;
                let key = p.key.insecure_clone();
                let ixs = vec![
                    mk::convert_energy(p.keys.wallet, p.credits, p.carbon, credits),
                    mk::retire_carbon(
                        p.keys.wallet,
                        p.carbon,
                        registry.retirement_count,
                        grams / 2,
                        p.keys.wallet,
                        "rooftop solar, simulated".into(),
                    ),
                ];
                self.must("carbon", ixs, &[&key]).await?;
            }
        }
        Ok(())
    }

    /// A random member (not the market maker) with a meter, so it holds credits.
    fn producer(&mut self) -> usize {
        let with_meter: Vec<usize> = (1..self.people.len())
            .filter(|i| self.people[*i].meter.is_some())
            .collect();
        if with_meter.is_empty() {
            return 0;
        }
        with_meter[self.rng.range(0, with_meter.len() as u64 - 1) as usize]
    }

    /// `n` producers sell a fifth of their credits while a Wh fetches at least 90 base units;
    /// `n` members buy up to 2 currency of credits while one costs at most 140.
    async fn trade_credits(&mut self, keys: &PoolKeys, n: usize) -> ChainResult<()> {
        let now = self.now().await?;
        for _ in 0..n {
            for buy in [false, true] {
                let i = if buy {
                    self.rng.range(1, self.people.len() as u64 - 1) as usize
                } else {
                    self.producer()
                };
                let p = &self.people[i];
                if i == 0 || p.expires_at <= now {
                    continue;
                }
                let h = Holdings {
                    owner: p.keys.wallet,
                    asset: p.credits,
                    currency: p.keys.currency,
                };
                let key = p.key.insecure_clone();
                let pool: Pool = self.ch.read(&keys.pool()).await?.expect("created");
                let spot = pool.currency_reserve / pool.asset_reserve.max(1);
                // Each trade moves at most 5% of the pool's side it takes from.
                let amount = if buy {
                    if spot > 140 {
                        continue;
                    }
                    (2 * UNIT).min(pool.currency_reserve / 20)
                } else {
                    let credits = self
                        .ch
                        .account(&h.asset)
                        .await?
                        .map_or(0, |a| tokens::amount(&a.data));
                    if spot < 90 || credits < 100 {
                        continue;
                    }
                    (credits / 5).min(pool.asset_reserve / 20)
                };
                if amount == 0 {
                    continue;
                }
                self.must("market", vec![keys.swap(&h, buy, amount, 1)], &[&key])
                    .await?;
                self.report.layers.l2_swaps += 1;
            }
        }
        Ok(())
    }

    /// Ends the run: closes and settles the last epoch, lets the crank and members collect,
    /// then reads every layer and checks conservation.
    pub async fn finish(&mut self) -> ChainResult<()> {
        self.to_next_epoch().await?;
        self.settle_previous().await?;
        let market: Market = self.ch.read(&pda::market()).await?.expect("initialised");
        let e = market.epoch_at(self.now().await?);
        self.member_claims(e).await?;
        checks(self).await
    }
}

async fn provider_attest(sim: &mut Sim, wallet: Pubkey, now: i64) -> ChainResult<()> {
    let terms = AttestationTerms {
        level: 2,
        jurisdiction: *b"DE",
        expires_at: now + 365 * 86_400,
    };
    let mut identity = [0xEEu8; 32];
    identity[..8].copy_from_slice(&sim.cfg.seed.to_le_bytes());
    let ix = sim
        .bank
        .issue_attestation(sim.provider.pubkey(), wallet, terms, identity);
    let provider = sim.provider.insecure_clone();
    sim.must("setup", vec![ix], &[&provider]).await
}

fn hash_id(tag: &[u8], n: u64) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, b) in tag.iter().enumerate() {
        out[i % 24] ^= b;
    }
    out[24..].copy_from_slice(&n.to_le_bytes());
    out
}

fn check(report: &mut SimReport, name: &str, pass: bool, detail: String) {
    report.checks.push(Check {
        name: name.into(),
        pass,
        detail,
    });
}

/// Reads every layer into the report and checks conservation and aggregates.
async fn checks(sim: &mut Sim) -> ChainResult<()> {
    let ch = &mut sim.ch;
    let balance =
        |a: Option<solana_sdk::account::Account>| a.map_or(0, |a| tokens::amount(&a.data));
    // L3: every epoch's revenue is claimed, swept or still in the vault.
    let market: Market = ch.read(&pda::market()).await?.expect("initialised");
    let mut outstanding = 0u64;
    let mut epochs_ok = true;
    let last = market.epoch_at(ch.now().await?);
    for index in 0..=last {
        let Some(e) = ch.read::<Epoch>(&pda::epoch(index)).await? else {
            continue;
        };
        epochs_ok &= e.claimed + e.swept <= e.revenue;
        outstanding += e.revenue - e.claimed - e.swept;
        sim.report.layers.l3_energy_wh += e.total_wh;
        sim.report.layers.l3_revenue += e.revenue;
        sim.report.layers.l3_claimed += e.claimed;
        if e.total_wh > 0 || e.feed_count > 0 {
            sim.report.epochs.push(EpochRow {
                index,
                hour: (6 + index
                    .saturating_sub(sim.report.epochs.first().map_or(index, |r| r.index)))
                    % 24,
                grid_price: e.grid_price,
                market_price: e.market_price,
                clearing_price: e.clearing_price,
                energy_wh: e.total_wh,
                revenue: e.revenue,
                claimed: e.claimed,
            });
        }
    }
    let vault = balance(ch.account(&pda::revenue_vault()).await?);
    check(
        &mut sim.report,
        "L3 revenue: claimed + swept + vault = offtaker payments",
        epochs_ok && vault == outstanding,
        format!("vault {vault}, unclaimed by the books {outstanding}"),
    );
    // Energy credits: supply = verified Wh - converted.
    let registry: CarbonRegistry = ch
        .read(&pda::carbon_registry())
        .await?
        .expect("initialised");
    let credit_supply = ch
        .account(&pda::energy_credit_mint())
        .await?
        .map_or(0, |a| tokens::supply(&a.data));
    check(
        &mut sim.report,
        "Credits: supply = verified Wh - Wh converted to carbon",
        credit_supply == market.credited_wh - registry.converted_wh,
        format!(
            "supply {credit_supply}, verified {}, converted {}",
            market.credited_wh, registry.converted_wh
        ),
    );
    let carbon_supply = ch
        .account(&pda::carbon_mint())
        .await?
        .map_or(0, |a| tokens::supply(&a.data));
    sim.report.layers.l2_carbon_minted_g = registry.minted_g;
    sim.report.layers.l2_carbon_retired_g = registry.retired_g;
    check(
        &mut sim.report,
        "Carbon: supply = minted - retired",
        carbon_supply == registry.minted_g - registry.retired_g,
        format!(
            "supply {carbon_supply}, minted {}, retired {}",
            registry.minted_g, registry.retired_g
        ),
    );
    // L1: the reserve backs the currency.
    let reserve: Reserve = ch.read(&pda::reserve()).await?.expect("initialised");
    let supply = ch
        .account(&pda::currency_mint())
        .await?
        .map_or(0, |a| tokens::supply(&a.data));
    let held = balance(ch.account(&pda::collateral_vault()).await?);
    sim.report.layers.l1_currency_supply = supply;
    sim.report.layers.l1_collateral_held = reserve.collateral_held;
    sim.report.layers.l1_fees_collected = reserve.fees_collected;
    let policy: Policy = ch.read(&pda::policy()).await?.expect("initialised");
    sim.report.layers.l1_savings_rate_bps_end = policy.params.savings_rate_bps;
    check(
        &mut sim.report,
        "L1: currency supply <= collateral held + issued; collateral vault = books",
        supply <= reserve.collateral_held + reserve.issued_outstanding
            && held == reserve.collateral_held,
        format!(
            "supply {supply}, collateral {held}, issued {}",
            reserve.issued_outstanding
        ),
    );
    if let Some(pool) = &sim.pool {
        let state: Pool = ch.read(&pool.pool()).await?.expect("created");
        sim.report.layers.l2_pool_energy_wh = state.asset_reserve;
        sim.report.layers.l2_pool_currency = state.currency_reserve;
        sim.report.layers.l2_protocol_fees = state.protocol_fees;
    }
    // L4: books and aggregates.
    let mut books_ok = true;
    let mut energy_ok = true;
    let mut detail = String::new();
    for cs in &sim.communities {
        let c: Community = ch.read(&cs.keys.community()).await?.expect("created");
        let v = balance(ch.account(&cs.keys.vault()).await?);
        books_ok &= v == c.liquid + c.rewards_outstanding + c.benefit_fund;
        let l = &mut sim.report.layers;
        l.l4_fund_value += c.liquid + c.invested;
        l.l4_invested_in_projects += c.invested;
        l.l4_revenue += c.revenue_received;
        l.l4_benefit_fund += c.benefit_fund;
        l.l4_energy_wh += c.impact.energy_wh;
        l.l4_co2_avoided_g += c.impact.co2_avoided_g;
        // Its energy is its own project's plus what its members and trusts carried up.
        let mut expected = cs.energy_wh;
        for p in &sim.people {
            if sim.communities[p.community].keys.id == cs.keys.id {
                expected += p.energy_wh;
            }
        }
        for hs in &sim.households {
            if sim.communities[hs.community].keys.id == cs.keys.id {
                expected += hs.meter.as_ref().map_or(0, |m| m.cumulative);
            }
        }
        energy_ok &= c.impact.energy_wh == expected;
        detail += &format!("[{} Wh vs {expected}] ", c.impact.energy_wh);
    }
    check(
        &mut sim.report,
        "L4: vault = liquid + reward pool + benefit fund",
        books_ok,
        String::new(),
    );
    check(
        &mut sim.report,
        "L4: community energy = project + members + trusts",
        energy_ok,
        detail,
    );
    // L5: books and aggregates.
    let mut books_ok = true;
    let mut energy_ok = true;
    for hs in &sim.households {
        let h: Household = ch.read(&hs.keys.household()).await?.expect("created");
        let v = balance(ch.account(&hs.keys.vault()).await?);
        let owed: u64 = h.members().iter().map(|l| l.owed()).sum();
        books_ok &= v == h.capital + h.undistributed + h.owed && owed == h.owed;
        let ledgers: u64 = h.members().iter().map(|l| l.energy_wh).sum();
        energy_ok &= h.energy_wh == ledgers + h.own_energy_wh
            && h.own_energy_wh == hs.meter.as_ref().map_or(0, |m| m.cumulative);
        let l = &mut sim.report.layers;
        l.l5_contributed += h.members().iter().map(|l| l.contributed).sum::<u64>();
        l.l5_income += h.income_received;
        l.l5_reinvested += h.reinvested;
        l.l5_distributed += h.members().iter().map(|l| l.distributed).sum::<u64>();
    }
    check(
        &mut sim.report,
        "L5: vault = capital + undistributed + owed; owed = sum of ledgers",
        books_ok,
        String::new(),
    );
    check(
        &mut sim.report,
        "L5: trust energy = sum of member ledgers + own meters",
        energy_ok,
        String::new(),
    );
    // L6: each member's metrics match what it did.
    let mut ok = true;
    for p in &sim.people {
        let m: Member = ch.read(&p.keys.member()).await?.expect("created");
        ok &= m.metrics.energy_wh == p.energy_wh;
        sim.report.layers.l6_energy_wh += m.metrics.energy_wh;
        sim.report.layers.l6_income += m.metrics.income;
    }
    check(
        &mut sim.report,
        "L6: member energy metrics = accepted readings",
        ok,
        String::new(),
    );
    Ok(())
}
