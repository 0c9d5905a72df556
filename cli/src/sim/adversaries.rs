//! Adversaries: agents that try the attacks of the security reviews through the real programs.
//!
//! Each is judged twice. In the run it attacks, by what it **gained** (currency base units, or
//! the count its line names): PASS needs at most 0. And by the **harm** it did to others,
//! measured against the same seed without it (`harm`): what the offtaker paid beyond the
//! baseline's prices for the energy it bought, what the reserve lost, what honest shareholders
//! were diluted by. PASS needs each within 1% of that total in the baseline.

use std::collections::BTreeMap;

use anchor_spl::token_2022::spl_token_2022;
use community::state::Position;

use super::*;

/// The attacks, each an adversary of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Attack {
    /// Deposits, claims the community's revenue and withdraws in one transaction.
    JitDepositor,
    /// Burns one community share token to block everyone's stake and tokenize.
    ShareTokenBurner,
    /// Sells energy through its own meter, is sanctioned, and tries to collect anyway.
    RevokedCollector,
    /// An oracle that holds one epoch's energy back to report it in the next.
    HoardingOracle,
    /// A burst of swaps to flush the energy pool's TWAP ring and lift the price.
    PoolSquatter,
    /// A meter owner who lifts the energy pool's price for a whole epoch to be paid more.
    PoolPumper,
    /// Buys before the reserve's support of the pool, sells after, in one transaction.
    StabilizeSandwich,
    /// Deposits just before the offtaker pays several epochs at once, to share their revenue.
    BatchWaiter,
    /// Sends lamports to the addresses the energy pool will be created at, to block it.
    PreFunder,
}

impl Attack {
    pub const ALL: [Attack; 9] = [
        Attack::JitDepositor,
        Attack::ShareTokenBurner,
        Attack::RevokedCollector,
        Attack::HoardingOracle,
        Attack::PoolSquatter,
        Attack::PoolPumper,
        Attack::StabilizeSandwich,
        Attack::BatchWaiter,
        Attack::PreFunder,
    ];

    /// The run an attack is judged against when the plain baseline (no adversaries) would
    /// count its footprint as harm: the burner's and the pumper's places without their attack
    /// (a deposit that earns its share, a meter whose energy is bought), and the batch waiter's
    /// deposit with every epoch paid on time (a depositor's take may not depend on when the
    /// offtaker pays). `None`: the baseline.
    pub fn control(self, cfg: &SimConfig) -> Option<SimConfig> {
        let alone = SimConfig {
            adversaries: vec![self],
            ..cfg.clone()
        };
        match self {
            Attack::ShareTokenBurner | Attack::PoolPumper => Some(SimConfig {
                control: true,
                ..alone
            }),
            Attack::BatchWaiter => Some(SimConfig {
                late_settlement: false,
                ..alone
            }),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Attack::JitDepositor => "jit depositor",
            Attack::ShareTokenBurner => "share-token burner",
            Attack::RevokedCollector => "revoked collector",
            Attack::HoardingOracle => "hoarding oracle",
            Attack::PoolSquatter => "pool squatter",
            Attack::PoolPumper => "pool pumper",
            Attack::StabilizeSandwich => "stabilize sandwich",
            Attack::BatchWaiter => "batch waiter",
            Attack::PreFunder => "pre-funder",
        }
    }
}

/// What others lost to an attack, currency base units: the offtaker's extra payment, the
/// reserve's loss, honest shareholders' dilution. Negative: they came out ahead.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Harm {
    pub offtaker: i64,
    pub reserve: i64,
    pub holders: i64,
}

/// One adversary's outcome, printed beside the conservation checks.
#[derive(Debug, Clone, Serialize)]
pub struct AdversaryRow {
    pub attack: Attack,
    pub name: &'static str,
    pub tried: String,
    /// What the attack won for the attacker, in the unit `tried` names.
    pub gained: i64,
    /// What others lost, against the same seed without the attack (`None` until measured).
    pub harm: Option<Harm>,
    /// 1% of each total in that run.
    pub bound: Option<Harm>,
    pub pass: bool,
    /// The attacker's own meter energy by run epoch: its price gain is measured against the
    /// baseline's prices.
    #[serde(skip)]
    pub sold_wh: Vec<(u64, u64)>,
}

impl AdversaryRow {
    /// Judges the row against its baseline run: harm per channel, the price gain on its own
    /// energy added to what it gained, PASS when it gained nothing and harmed within 1%.
    pub fn judge(&mut self, run: &Totals, epochs: &[EpochRow], base: &SimReport) {
        let b = &base.totals;
        let base_price: BTreeMap<u64, u64> = base
            .epochs
            .iter()
            .map(|e| (e.run_epoch, e.clearing_price))
            .collect();
        let price_delta = |e: &EpochRow| {
            base_price
                .get(&e.run_epoch)
                .map_or(0, |p| e.clearing_price as i64 - *p as i64)
        };
        let offtaker: i64 = epochs
            .iter()
            .map(|e| e.energy_wh as i64 * price_delta(e) / 1_000)
            .sum();
        let own: i64 = self
            .sold_wh
            .iter()
            .filter_map(|(k, wh)| {
                let e = epochs.iter().find(|e| e.run_epoch == *k)?;
                Some(*wh as i64 * price_delta(e) / 1_000)
            })
            .sum();
        self.gained += own;
        let harm = Harm {
            offtaker,
            reserve: b.reserve_value as i64 - run.reserve_value as i64,
            holders: b.holders_rewards as i64 - run.holders_rewards as i64,
        };
        let bound = Harm {
            offtaker: b.offtaker_paid as i64 / 100,
            reserve: b.reserve_value as i64 / 100,
            holders: b.holders_rewards as i64 / 100,
        };
        self.pass = self.gained <= 0
            && harm.offtaker <= bound.offtaker
            && harm.reserve <= bound.reserve
            && harm.holders <= bound.holders;
        self.harm = Some(harm);
        self.bound = Some(bound);
    }
}

/// The adversaries' keys and what they hold.
pub(super) struct Adversaries {
    jit: Keypair,
    burner: Keypair,
    collector: Keypair,
    squatter: Keypair,
    pumper: Keypair,
    sandwicher: Keypair,
    waiter: Keypair,
    prefunder: Keypair,
    collector_meter: MeterSim,
    /// A meter whose oracle holds one epoch's energy back to report it in the next.
    hoarded_meter: MeterSim,
    pumper_meter: MeterSim,
    /// The epoch the collector sold energy in.
    sold_in: Option<u64>,
    /// The pumper's open position, from its epoch to the next.
    pumped: Option<Pumped>,
    /// The waiter's currency before it deposited.
    waiting: Option<u64>,
    /// The sandwicher's currency before its first sandwich, the sandwiches tried, and those
    /// the reserve's support traded in.
    sandwiches: (Option<u64>, u64, u64),
    /// Lamports the pre-funder sent.
    bait: u64,
}

/// The pool pumper's epoch: its energy sold, the credits it bought, its currency before.
struct Pumped {
    epoch: u64,
    wh: u64,
    bought: u64,
    before: u64,
}

/// Currency each adversary starts with.
const STAKE: u64 = 5_000 * UNIT;
/// What the pre-funder sends to each address: the review's 0.001 SOL.
const BAIT: u64 = 1_000_000;

fn currency_of(wallet: &Pubkey) -> Pubkey {
    pda::associated_token(wallet, &pda::currency_mint(), &token_2022::ID)
}

fn credits_of(wallet: &Pubkey) -> Pubkey {
    pda::associated_token(wallet, &pda::energy_credit_mint(), &token_2022::ID)
}

fn meter(tag: u64) -> MeterSim {
    MeterSim {
        id: Pubkey::new_from_array(hash_id(b"adversary-meter", tag)),
        capacity_w: 5_000,
        // A flat roof, the arrays these attacks were sized against (a tenth of an epoch's
        // energy for the pool pumper in the small runs).
        orientation: Orientation::HORIZONTAL,
        annual_kwh: 0,
        cumulative: 0,
    }
}

impl Sim {
    /// The adversaries' wallets (none without adversaries).
    pub(super) fn adversary_wallets(&self) -> Vec<Pubkey> {
        self.adversaries.as_ref().map_or(Vec::new(), |a| {
            vec![
                a.jit.pubkey(),
                a.burner.pubkey(),
                a.collector.pubkey(),
                a.squatter.pubkey(),
                a.pumper.pubkey(),
                a.sandwicher.pubkey(),
                a.waiter.pubkey(),
                a.prefunder.pubkey(),
            ]
        })
    }

    fn attacks(&self, attack: Attack) -> bool {
        self.cfg.adversaries.contains(&attack)
    }

    fn row(&mut self, attack: Attack, tried: String, gained: i64) {
        self.row_sold(attack, tried, gained, Vec::new());
    }

    fn row_sold(&mut self, attack: Attack, tried: String, gained: i64, sold_wh: Vec<(u64, u64)>) {
        // An attack judged against a control run is judged there (`simulate`); one run alone
        // (the benchmark's) does not judge it.
        let judged_alone = attack.control(&self.cfg).is_none();
        self.report.adversaries.push(AdversaryRow {
            attack,
            name: attack.name(),
            tried,
            gained,
            harm: None,
            bound: None,
            pass: gained <= 0 || !judged_alone,
            sold_wh,
        });
    }

    /// The run epoch of market epoch `e`.
    fn run_epoch(&self, e: u64) -> u64 {
        e - self.first_epoch.unwrap_or(e)
    }

    /// Attests and funds the adversaries (currency from the offtaker), opens their positions
    /// and registers their meters. Their own seeded stream keeps the honest economy's actors
    /// and choices what they are without them.
    pub(super) async fn setup_adversaries(&mut self) -> ChainResult<()> {
        let mut rng = Rng(self.cfg.seed ^ 0x6164_7673);
        let adv = Adversaries {
            jit: rng.keypair(),
            burner: rng.keypair(),
            collector: rng.keypair(),
            squatter: rng.keypair(),
            pumper: rng.keypair(),
            sandwicher: rng.keypair(),
            waiter: rng.keypair(),
            prefunder: rng.keypair(),
            collector_meter: meter(1),
            hoarded_meter: meter(2),
            pumper_meter: meter(3),
            sold_in: None,
            pumped: None,
            waiting: None,
            sandwiches: (None, 0, 0),
            bait: 0,
        };
        let payer = self.ch.payer().pubkey();
        let wallets = [
            adv.jit.pubkey(),
            adv.burner.pubkey(),
            adv.collector.pubkey(),
            adv.squatter.pubkey(),
            adv.pumper.pubkey(),
            adv.sandwicher.pubkey(),
            adv.waiter.pubkey(),
            adv.prefunder.pubkey(),
        ];
        let now = self.now().await?;
        let mut attest = Vec::new();
        for (i, w) in wallets.iter().enumerate() {
            // One wallet a transaction: two token accounts' worth of nested instructions fit a
            // transaction's instruction trace four times, not eight.
            let ixs = vec![
                anchor_lang::solana_program::system_instruction::transfer(&payer, w, SOL),
                tokens::ata(&payer, w, &pda::currency_mint(), &token_2022::ID).1,
                tokens::ata(&payer, w, &pda::energy_credit_mint(), &token_2022::ID).1,
            ];
            self.must("adversaries", ixs, &[]).await?;
            let mut identity = [0xADu8; 32];
            identity[..8].copy_from_slice(&(i as u64).to_le_bytes());
            identity[8..16].copy_from_slice(&self.cfg.seed.to_le_bytes());
            let terms = AttestationTerms {
                level: 2,
                jurisdiction: *b"DE",
                expires_at: self.attestation_expiry(now),
            };
            attest.push(
                self.bank
                    .issue_attestation(self.provider.pubkey(), *w, terms, identity),
            );
        }
        let provider = self.provider.insecure_clone();
        self.must("adversaries", attest, &[&provider]).await?;
        let off = self.offtaker.insecure_clone();
        let pay = wallets
            .iter()
            .map(|w| {
                spl_token_2022::instruction::transfer_checked(
                    &token_2022::ID,
                    &self.offtaker_currency,
                    &pda::currency_mint(),
                    &currency_of(w),
                    &off.pubkey(),
                    &[],
                    STAKE,
                    6,
                )
                .expect("valid transfer")
            })
            .collect();
        self.must("adversaries", pay, &[&off]).await?;

        let c = self.communities[0].keys;
        let mut ixs = Vec::new();
        let mut signers = Vec::new();
        for (attack, key) in [
            (Attack::JitDepositor, &adv.jit),
            (Attack::BatchWaiter, &adv.waiter),
        ] {
            if self.attacks(attack) {
                ixs.push(c.open_position(key.pubkey()));
                signers.push(key.insecure_clone());
            }
        }
        for (attack, key) in [
            (Attack::PoolSquatter, &adv.squatter),
            (Attack::PoolPumper, &adv.pumper),
            (Attack::StabilizeSandwich, &adv.sandwicher),
        ] {
            if self.attacks(attack) {
                ixs.push(mk::open_trader(key.pubkey()));
                signers.push(key.insecure_clone());
            }
        }
        let refs: Vec<&Keypair> = signers.iter().collect();
        self.must("adversaries", ixs, &refs).await?;
        if self.attacks(Attack::ShareTokenBurner) {
            let burner = adv.burner.insecure_clone();
            let tokens_ata =
                tokens::ata(&payer, &burner.pubkey(), &c.share_mint(), &token_2022::ID);
            let ixs = vec![
                c.open_position(burner.pubkey()),
                c.deposit(burner.pubkey(), currency_of(&burner.pubkey()), 100 * UNIT),
                tokens_ata.1,
            ];
            self.must("adversaries", ixs, &[&burner]).await?;
            let ix = c.tokenize(burner.pubkey(), tokens_ata.0, 10);
            self.must("adversaries", vec![ix], &[&burner]).await?;
        }
        let registrar = self.registrar.insecure_clone();
        if self.attacks(Attack::RevokedCollector) {
            // The collector's member account and meter (registered through the member program).
            let collector = adv.collector.insecure_clone();
            let keys = MemberKeys {
                wallet: collector.pubkey(),
                currency: currency_of(&collector.pubkey()),
            };
            let ixs = vec![
                keys.create(),
                keys.register_meter(
                    registrar.pubkey(),
                    adv.collector_meter.id,
                    adv.collector_meter.capacity_w,
                    self.oracle.pubkey(),
                ),
            ];
            self.must("adversaries", ixs, &[&collector, &registrar])
                .await?;
        }
        // The hoarded and the pumper's meters are registered straight at grid_market for their
        // wallets.
        let mut ixs = Vec::new();
        for (attack, owner, m) in [
            (
                Attack::HoardingOracle,
                adv.collector.pubkey(),
                &adv.hoarded_meter,
            ),
            (Attack::PoolPumper, adv.pumper.pubkey(), &adv.pumper_meter),
        ] {
            if self.attacks(attack) {
                ixs.push(gm::register_meter(
                    registrar.pubkey(),
                    RegisterMeterArgs {
                        meter_id: m.id,
                        owner_kind: OwnerKind::Member,
                        owner,
                        credits_to: owner,
                        capacity_w: m.capacity_w,
                        oracle: self.oracle.pubkey(),
                    },
                ));
            }
        }
        if !ixs.is_empty() {
            self.must("adversaries", ixs, &[&registrar]).await?;
        }
        self.adversaries = Some(adv);
        if self.attacks(Attack::PreFunder) {
            self.prefund_the_pool().await?;
        }
        Ok(())
    }

    /// The pre-funder sends 0.001 SOL to each address the energy pool will be created at (the
    /// pool, its vaults, its LP mint and the market maker's LP account) before the market maker
    /// opens it. Anchor's `init` refused a pre-funded address; the pool must open anyway.
    async fn prefund_the_pool(&mut self) -> ChainResult<()> {
        let keys = PoolKeys {
            asset_mint: pda::energy_credit_mint(),
            asset_token_program: token_2022::ID,
        };
        let targets = [
            keys.pool(),
            keys.asset_vault(),
            keys.currency_vault(),
            keys.lp_mint(),
            keys.lp_account(&self.people[0].keys.wallet),
        ];
        let adv = self.adversaries.as_mut().expect("set up");
        let from = adv.prefunder.insecure_clone();
        adv.bait = BAIT * targets.len() as u64;
        let ixs = targets
            .iter()
            .map(|t| {
                anchor_lang::solana_program::system_instruction::transfer(&from.pubkey(), t, BAIT)
            })
            .collect();
        self.must("adversaries", ixs, &[&from]).await
    }

    /// Runs between settlement and the crank's claims of epoch `k`'s turn: each adversary acts
    /// on the epochs its attack needs.
    pub(super) async fn adversaries_act(&mut self, k: u64) -> ChainResult<()> {
        let Some(mut adv) = self.adversaries.take() else {
            return Ok(());
        };
        let market: Market = self.ch.read(&pda::market()).await?.expect("initialised");
        let now = self.now().await?;
        let e = market.epoch_at(now);
        let done =
            |sim: &Sim, attack: Attack| sim.report.adversaries.iter().any(|r| r.attack == attack);
        if self.attacks(Attack::ShareTokenBurner) && k == 1 && !self.cfg.control {
            self.burn_share_token(&adv).await?;
        }
        if self.attacks(Attack::RevokedCollector) {
            match k {
                1 => self.collector_sells(&mut adv, e).await?,
                2 => self.collector_collects(&adv).await?,
                _ => {}
            }
        }
        if self.attacks(Attack::HoardingOracle) && k == 2 {
            self.hoard_readings(&mut adv, e).await?;
        }
        if self.attacks(Attack::JitDepositor) && k >= 1 && !done(self, Attack::JitDepositor) {
            self.front_run(&adv, e - 1).await?;
        }
        if self.pool.is_some() {
            if self.attacks(Attack::PoolSquatter) && !done(self, Attack::PoolSquatter) {
                self.flush_twap(&adv).await?;
            }
            if self.attacks(Attack::PoolPumper) && !done(self, Attack::PoolPumper) {
                self.pump(&mut adv, e).await?;
            }
        }
        if self.attacks(Attack::BatchWaiter) {
            self.wait_for_the_batch(&mut adv, k).await?;
        }
        if self.attacks(Attack::PreFunder) && self.pool.is_some() && !done(self, Attack::PreFunder)
        {
            let tried = format!(
                "send {BAIT} lamports to each of the energy pool's five addresses before it \
                 opens (it opened anyway)"
            );
            self.row(Attack::PreFunder, tried, -(adv.bait as i64));
        }
        self.adversaries = Some(adv);
        Ok(())
    }

    /// Mid-epoch, in an observation interval of its own: the sandwicher buys energy credits,
    /// calls the reserve's support, and sells what it bought, in one transaction.
    pub(super) async fn adversaries_mid_epoch(&mut self) -> ChainResult<()> {
        if !self.attacks(Attack::StabilizeSandwich) {
            return Ok(());
        }
        let (Some(keys), Some(mut adv)) = (self.pool, self.adversaries.take()) else {
            return Ok(());
        };
        let s = adv.sandwicher.insecure_clone();
        let h = Holdings {
            owner: s.pubkey(),
            asset: credits_of(&s.pubkey()),
            currency: currency_of(&s.pubkey()),
        };
        let before = self.token_balance(&h.currency).await?;
        adv.sandwiches.0.get_or_insert(before);
        let pool: Pool = self.ch.read(&keys.pool()).await?.expect("created");
        let policy: Policy = self.ch.read(&pda::policy()).await?.expect("initialised");
        let bite = (pool.currency_reserve / 10).max(1);
        if let Ok(q) = pool.quote(true, bite, policy.params.marketplace_fee_bps) {
            let ixs = [
                keys.swap(&h, true, bite, 1),
                keys.stabilize(),
                keys.swap(&h, false, q.amount_out, 1),
            ];
            let _ = self.ch.send(&ixs, &[&s]).await;
            self.count("adversaries", 1);
            adv.sandwiches.1 += 1;
            let after: Pool = self.ch.read(&keys.pool()).await?.expect("created");
            if after.stabilized_at != pool.stabilized_at {
                adv.sandwiches.2 += 1;
            }
        }
        self.adversaries = Some(adv);
        Ok(())
    }

    /// The end of the run: the rows of adversaries whose attacks span epochs.
    pub(super) async fn adversaries_finish(&mut self) -> ChainResult<()> {
        let Some(mut adv) = self.adversaries.take() else {
            return Ok(());
        };
        // The pumper's position, still open when the run ends, is sold back now.
        if adv.pumped.is_some()
            && !self
                .report
                .adversaries
                .iter()
                .any(|r| r.attack == Attack::PoolPumper)
        {
            let e = self
                .ch
                .read::<Market>(&pda::market())
                .await?
                .expect("initialised");
            let now = self.now().await?;
            self.pump(&mut adv, e.epoch_at(now)).await?;
        }
        if self.attacks(Attack::StabilizeSandwich) {
            let s = adv.sandwicher.pubkey();
            let after = self.token_balance(&currency_of(&s)).await?;
            let (start, tries, supported) = adv.sandwiches;
            let start = start.unwrap_or(after);
            self.row(
                Attack::StabilizeSandwich,
                format!(
                    "buy a tenth of the pool's currency in energy, call the reserve's \
                     support, sell it back, in one transaction, mid-epoch ({tries} tries, the \
                     support traded in {supported})"
                ),
                after as i64 - start as i64,
            );
        }
        if self.attacks(Attack::BatchWaiter)
            && !self
                .report
                .adversaries
                .iter()
                .any(|r| r.attack == Attack::BatchWaiter)
        {
            self.row(
                Attack::BatchWaiter,
                "no batched settlement in a run this short".into(),
                0,
            );
        }
        if self.attacks(Attack::PreFunder)
            && !self
                .report
                .adversaries
                .iter()
                .any(|r| r.attack == Attack::PreFunder)
        {
            self.row(
                Attack::PreFunder,
                "the run ended before its turn".into(),
                -(adv.bait as i64),
            );
        }
        self.adversaries = Some(adv);
        Ok(())
    }

    /// Deposit, the community's revenue claim for `epoch`, withdraw: one transaction, in the
    /// first epoch whose community revenue is waiting. Later it claims whatever it earned.
    async fn front_run(&mut self, adv: &Adversaries, epoch: u64) -> ChainResult<()> {
        let c = self.communities[0].keys;
        let record: Option<grid_market::state::Contributor> =
            self.ch.read(&pda::contributor(&c.community())).await?;
        let Some(record) = record.filter(|r| r.in_epoch(epoch) > 0) else {
            return Ok(());
        };
        let fund: Community = self.ch.read(&c.community()).await?.expect("created");
        let wallet = adv.jit.pubkey();
        let amount = STAKE;
        let shares = se_math::fund::shares_for_deposit(amount, fund.total_shares, fund.value())
            .map_err(|e| ChainError::Local(format!("{e:?}")))?;
        let before = self.token_balance(&currency_of(&wallet)).await?;
        let ixs = [
            c.deposit(wallet, currency_of(&wallet), amount),
            c.claim_grid_revenue(epoch),
            c.withdraw(wallet, currency_of(&wallet), shares),
        ];
        let jit = adv.jit.insecure_clone();
        let tried = match self.ch.send(&ixs, &[&jit]).await {
            Ok(()) => format!(
                "deposit {} currency, claim the community's epoch {epoch} revenue ({} Wh) \
                 and withdraw in one transaction",
                amount / UNIT,
                record.in_epoch(epoch)
            ),
            Err(ChainError::Failed(e)) => format!("round trip refused: {e}"),
            Err(other) => return Err(other),
        };
        self.count("adversaries", 1);
        // Whatever rewards the position earned in that instant.
        let _ = self
            .ch
            .send(&[c.claim_rewards(wallet, currency_of(&wallet))], &[&jit])
            .await;
        self.count("adversaries", 1);
        let after = self.token_balance(&currency_of(&wallet)).await?;
        self.row(Attack::JitDepositor, tried, after as i64 - before as i64);
        Ok(())
    }

    /// Burns one share token, then tries a stake and a tokenize of its own; the gain is the
    /// number of those the burn blocked.
    async fn burn_share_token(&mut self, adv: &Adversaries) -> ChainResult<()> {
        let c = self.communities[0].keys;
        let burner = adv.burner.insecure_clone();
        let tokens_ata = pda::associated_token(&burner.pubkey(), &c.share_mint(), &token_2022::ID);
        let burn = spl_token_2022::instruction::burn_checked(
            &token_2022::ID,
            &tokens_ata,
            &c.share_mint(),
            &burner.pubkey(),
            &[],
            1,
            6,
        )
        .expect("valid burn");
        self.must("adversaries", vec![burn], &[&burner]).await?;
        let mut blocked = 0;
        for ix in [
            c.stake(burner.pubkey(), tokens_ata, 1),
            c.tokenize(burner.pubkey(), tokens_ata, 1),
        ] {
            if self.ch.send(&[ix], &[&burner]).await.is_err() {
                blocked += 1;
            }
            self.count("adversaries", 1);
        }
        self.row(
            Attack::ShareTokenBurner,
            "burn one share token, then stake and tokenize (blocked actions)".into(),
            blocked,
        );
        Ok(())
    }

    /// The collector's meter reports, through the member program, half of what it could produce
    /// since the epoch opened (`ENTRY_FRACTION` of it: a twelfth of its capacity in an hourly
    /// epoch).
    async fn collector_sells(&mut self, adv: &mut Adversaries, e: u64) -> ChainResult<()> {
        let entered = self.epoch_secs() as u64 / ENTRY_FRACTION;
        let m = &mut adv.collector_meter;
        let wh = m.capacity_w * entered / 3_600 / 2;
        let reading = Reading {
            oracle: self.oracle.pubkey(),
            meter_id: m.id,
            owner: adv.collector.pubkey(),
            epoch: e,
        };
        let alone = Affiliation {
            household: None,
            community: None,
        };
        let ix = mb::record_reading(&reading, &alone, m.cumulative + wh);
        let oracle = self.oracle.insecure_clone();
        self.must("adversaries", vec![ix], &[&oracle]).await?;
        m.cumulative += wh;
        adv.sold_in = Some(e);
        Ok(())
    }

    /// Sanctioned (its provider revokes it), the collector tries to collect its settled
    /// revenue through the member program and straight from grid_market.
    async fn collector_collects(&mut self, adv: &Adversaries) -> ChainResult<()> {
        let Some(e) = adv.sold_in else {
            return Ok(());
        };
        let collector = adv.collector.insecure_clone();
        let provider = self.provider.insecure_clone();
        let ix = self
            .bank
            .revoke_attestation(provider.pubkey(), collector.pubkey());
        self.must("adversaries", vec![ix], &[&provider]).await?;
        let keys = MemberKeys {
            wallet: collector.pubkey(),
            currency: currency_of(&collector.pubkey()),
        };
        let before = self.token_balance(&keys.currency).await?;
        for ix in [
            keys.claim_revenue(e),
            gm::claim(collector.pubkey(), e, keys.currency),
        ] {
            let _ = self.ch.send(&[ix], &[&collector]).await;
            self.count("adversaries", 1);
        }
        let after = self.token_balance(&keys.currency).await?;
        self.row(
            Attack::RevokedCollector,
            format!("collect epoch {e} meter revenue after revocation, via the member program and straight via grid_market"),
            after as i64 - before as i64,
        );
        Ok(())
    }

    /// The oracle has held the hoarded meter's readings back, and early in epoch `e` (10
    /// minutes in an hourly epoch) reports two epochs of output at once. The gain is the Wh
    /// the epoch accepted beyond what the meter could produce while it was open.
    async fn hoard_readings(&mut self, adv: &mut Adversaries, e: u64) -> ChainResult<()> {
        let m = &mut adv.hoarded_meter;
        let meter: grid_market::state::Meter =
            self.ch.read(&pda::meter(&m.id)).await?.expect("registered");
        let market: Market = self.ch.read(&pda::market()).await?.expect("initialised");
        let now = self.now().await?;
        let in_epoch = (now - market.epoch_start(e).max(meter.last_reading_at)).max(0) as u64;
        let possible = m.capacity_w * in_epoch / 3_600;
        // Two epochs at 90% of capacity, held back and sent at once.
        let epoch_secs = self.epoch_secs() as u64;
        let wh = m.capacity_w * 2 * epoch_secs / 3_600 * 9 / 10;
        let reading = Reading {
            oracle: self.oracle.pubkey(),
            meter_id: m.id,
            owner: adv.collector.pubkey(),
            epoch: e,
        };
        let oracle = self.oracle.insecure_clone();
        let ix = gm::submit_reading(&reading, m.cumulative + wh);
        let accepted = self.ch.send(&[ix], &[&oracle]).await.is_ok();
        self.count("adversaries", 1);
        if accepted {
            m.cumulative += wh;
        }
        let gained = if accepted {
            wh.saturating_sub(possible)
        } else {
            0
        };
        self.row(
            Attack::HoardingOracle,
            format!(
                "report {wh} Wh held back from epoch {} in epoch {e}, {} s after it opened (Wh \
                 beyond what the meter could produce in it)",
                e - 1,
                in_epoch
            ),
            gained as i64,
        );
        Ok(())
    }

    /// Eight small buys in one transaction, to fill the energy pool's observation ring with
    /// prices of its choosing and lift the epoch's market price. It has no energy of its own to
    /// be paid more for: its gain is what the credits it bought were worth at the price before
    /// its burst, less what it paid (slippage and fees; later market moves are not the
    /// attack's). Its harm shows in what the offtaker pays.
    async fn flush_twap(&mut self, adv: &Adversaries) -> ChainResult<()> {
        let keys = self.pool.expect("created");
        let squatter = adv.squatter.insecure_clone();
        let h = Holdings {
            owner: squatter.pubkey(),
            asset: credits_of(&squatter.pubkey()),
            currency: currency_of(&squatter.pubkey()),
        };
        let before: Pool = self.ch.read(&keys.pool()).await?.expect("created");
        let (currency, credits) = (
            self.token_balance(&h.currency).await?,
            self.token_balance(&h.asset).await?,
        );
        let burst: Vec<Instruction> = (0..8).map(|_| keys.swap(&h, true, UNIT, 1)).collect();
        let landed = self.ch.send(&burst, &[&squatter]).await.is_ok();
        self.count("adversaries", 1);
        let after: Pool = self.ch.read(&keys.pool()).await?.expect("created");
        let written = (after.observation_head as u64 + 16 - before.observation_head as u64) % 16;
        let spot = |p: &Pool| p.currency_reserve as u128 * 1_000 / p.asset_reserve.max(1) as u128;
        let bought = (self.token_balance(&h.asset).await? - credits) as u128;
        let spent = currency - self.token_balance(&h.currency).await?;
        let worth = bought * spot(&before) / 1_000;
        self.row(
            Attack::PoolSquatter,
            format!(
                "lift the energy pool's price with 8 swaps in one interval ({}, {written} \
                 observation(s) written; spot {} -> {} per kWh; gain: the credits at the price \
                 before, less what it paid)",
                if landed { "all landed" } else { "refused" },
                spot(&before),
                spot(&after),
            ),
            worth as i64 - spent as i64,
        );
        Ok(())
    }

    /// A meter owner lifts the energy pool's price for the whole of epoch `e`: it sells its
    /// meter's energy in `e` and buys credits at the epoch's start worth half the pool's
    /// currency; once `e` has closed it sells them back. Its gain is the price gain on its own
    /// energy (against the baseline's prices) plus what the round trip cost it.
    async fn pump(&mut self, adv: &mut Adversaries, e: u64) -> ChainResult<()> {
        let keys = self.pool.expect("created");
        let p = adv.pumper.insecure_clone();
        let h = Holdings {
            owner: p.pubkey(),
            asset: credits_of(&p.pubkey()),
            currency: currency_of(&p.pubkey()),
        };
        let Some(Pumped {
            epoch,
            wh,
            bought,
            before,
        }) = adv.pumped
        else {
            // This epoch: its meter's reading (half what it could produce since the epoch
            // opened) and the buy.
            let entered = self.epoch_secs() as u64 / ENTRY_FRACTION;
            let m = &mut adv.pumper_meter;
            let wh = m.capacity_w * entered / 3_600 / 2;
            let reading = Reading {
                oracle: self.oracle.pubkey(),
                meter_id: m.id,
                owner: p.pubkey(),
                epoch: e,
            };
            let oracle = self.oracle.insecure_clone();
            let ix = gm::submit_reading(&reading, m.cumulative + wh);
            self.must("adversaries", vec![ix], &[&oracle]).await?;
            m.cumulative += wh;
            let currency = self.token_balance(&h.currency).await?;
            let credits = self.token_balance(&h.asset).await?;
            let pool: Pool = self.ch.read(&keys.pool()).await?.expect("created");
            let amount = (pool.currency_reserve / 2).clamp(1, currency);
            // In its control run it only sells its energy.
            if !self.cfg.control {
                self.must("adversaries", vec![keys.swap(&h, true, amount, 1)], &[&p])
                    .await?;
            }
            let bought = self.token_balance(&h.asset).await? - credits;
            adv.pumped = Some(Pumped {
                epoch: e,
                wh,
                bought,
                before: currency,
            });
            return Ok(());
        };
        // The epoch closed: sell back.
        if bought > 0 {
            let _ = self
                .ch
                .send(&[keys.swap(&h, false, bought, 1)], &[&p])
                .await;
            self.count("adversaries", 1);
        }
        let after = self.token_balance(&h.currency).await?;
        // Its meter revenue is not claimed: the gain is the round trip, plus the price gain
        // on its energy once judged against the baseline.
        self.row_sold(
            Attack::PoolPumper,
            format!(
                "sell {wh} Wh of its own in epoch {epoch}, buying {bought} Wh of credits at \
                 its start and selling them once it closed"
            ),
            after as i64 - before as i64,
            vec![(self.run_epoch(epoch), wh)],
        );
        Ok(())
    }

    /// When the offtaker pays its late epochs together (`late_settlement`), the waiter
    /// deposits into the first community just before the community takes the cash in, stays
    /// an epoch, claims and withdraws. Judged against the same run with every epoch paid on
    /// time: a depositor's share may not depend on when the offtaker pays.
    async fn wait_for_the_batch(&mut self, adv: &mut Adversaries, k: u64) -> ChainResult<()> {
        // The same turn whether or not the offtaker is late: its control run pays on time.
        let Some((_, paid_at)) = self.batch_schedule() else {
            return Ok(());
        };
        let c = self.communities[0].keys;
        let w = adv.waiter.insecure_clone();
        if k == paid_at {
            let before = self.token_balance(&currency_of(&w.pubkey())).await?;
            let ix = c.deposit(w.pubkey(), currency_of(&w.pubkey()), STAKE);
            self.must("adversaries", vec![ix], &[&w]).await?;
            adv.waiting = Some(before);
        } else if let (true, Some(before)) = (k == paid_at + 1, adv.waiting) {
            let position: Position = self
                .ch
                .read(&c.position(&w.pubkey()))
                .await?
                .expect("opened");
            let ixs = [
                c.claim_rewards(w.pubkey(), currency_of(&w.pubkey())),
                c.withdraw(w.pubkey(), currency_of(&w.pubkey()), position.shares),
            ];
            // The claim fails if the rewards wait for cash; the withdrawal still goes.
            if self.ch.send(&ixs, &[&w]).await.is_err() {
                self.must("adversaries", vec![ixs[1].clone()], &[&w])
                    .await?;
            }
            self.count("adversaries", 1);
            let after = self.token_balance(&currency_of(&w.pubkey())).await?;
            self.row(
                Attack::BatchWaiter,
                format!(
                    "deposit {} currency just before the offtaker's batch of {} late epochs \
                     is taken in, claim and withdraw an epoch later (gain against the same \
                     deposit when every epoch is paid on time)",
                    STAKE / UNIT,
                    LATE_EPOCHS
                ),
                after as i64 - before as i64,
            );
        }
        Ok(())
    }

    async fn token_balance(&mut self, account: &Pubkey) -> ChainResult<u64> {
        Ok(self
            .ch
            .account(account)
            .await?
            .map_or(0, |a| tokens::amount(&a.data)))
    }
}
