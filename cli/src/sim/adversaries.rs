//! Adversaries: a few agents that try the attacks of the security review through the real
//! programs. Each reports what it tried and what it gained; anything above zero is a FAIL.

use anchor_spl::token_2022::spl_token_2022;

use super::*;

/// One adversary's outcome, printed beside the conservation checks.
#[derive(Debug, Serialize)]
pub struct AdversaryRow {
    pub name: &'static str,
    pub tried: String,
    /// What the attack took from others or from the rules, in the unit `tried` names.
    pub gained: u64,
    pub pass: bool,
}

/// The adversaries' keys and what they hold.
pub(super) struct Adversaries {
    /// Deposits, claims the community's revenue and withdraws in one transaction.
    jit: Keypair,
    /// Burns one community share token to block everyone's stake and tokenize.
    burner: Keypair,
    /// Sells energy through its own meter, is sanctioned, and tries to collect anyway.
    collector: Keypair,
    /// Tries to steer the energy pool's TWAP: a burst of swaps to flush its observations.
    squatter: Keypair,
    collector_meter: MeterSim,
    /// A meter whose oracle holds one epoch's energy back to report it in the next.
    hoarded_meter: MeterSim,
    /// The epoch the collector sold energy in.
    sold_in: Option<u64>,
}

/// Currency each adversary starts with.
const STAKE: u64 = 5_000 * UNIT;

fn currency_of(wallet: &Pubkey) -> Pubkey {
    pda::associated_token(wallet, &pda::currency_mint(), &token_2022::ID)
}

fn row(sim: &mut Sim, name: &'static str, tried: String, gained: u64) {
    sim.report.adversaries.push(AdversaryRow {
        name,
        tried,
        gained,
        pass: gained == 0,
    });
}

impl Sim {
    /// Attests and funds the adversaries (currency from the offtaker), opens their positions
    /// in the first community and registers their meters. Their own seeded stream keeps the
    /// honest economy's actors and choices what they are without them.
    pub(super) async fn setup_adversaries(&mut self) -> ChainResult<()> {
        let mut rng = Rng(self.cfg.seed ^ 0x6164_7673);
        let adv = Adversaries {
            jit: rng.keypair(),
            burner: rng.keypair(),
            collector: rng.keypair(),
            squatter: rng.keypair(),
            collector_meter: MeterSim {
                id: Pubkey::new_from_array(hash_id(b"adversary-meter", 1)),
                capacity_w: 5_000,
                annual_kwh: 0,
                cumulative: 0,
            },
            hoarded_meter: MeterSim {
                id: Pubkey::new_from_array(hash_id(b"adversary-meter", 2)),
                capacity_w: 5_000,
                annual_kwh: 0,
                cumulative: 0,
            },
            sold_in: None,
        };
        let payer = self.ch.payer().pubkey();
        let wallets = [
            adv.jit.pubkey(),
            adv.burner.pubkey(),
            adv.collector.pubkey(),
            adv.squatter.pubkey(),
        ];
        let now = self.now().await?;
        let mut ixs = Vec::new();
        let mut attest = Vec::new();
        for (i, w) in wallets.iter().enumerate() {
            ixs.push(anchor_lang::solana_program::system_instruction::transfer(
                &payer, w, SOL,
            ));
            ixs.push(tokens::ata(&payer, w, &pda::currency_mint(), &token_2022::ID).1);
            ixs.push(tokens::ata(&payer, w, &pda::energy_credit_mint(), &token_2022::ID).1);
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
        self.must("adversaries", ixs, &[]).await?;
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
        let (jit, burner) = (adv.jit.insecure_clone(), adv.burner.insecure_clone());
        self.must("adversaries", vec![c.open_position(jit.pubkey())], &[&jit])
            .await?;
        let tokens_ata = tokens::ata(&payer, &burner.pubkey(), &c.share_mint(), &token_2022::ID);
        let ixs = vec![
            c.open_position(burner.pubkey()),
            c.deposit(burner.pubkey(), currency_of(&burner.pubkey()), 100 * UNIT),
            tokens_ata.1,
        ];
        self.must("adversaries", ixs, &[&burner]).await?;
        let ix = c.tokenize(burner.pubkey(), tokens_ata.0, 10);
        self.must("adversaries", vec![ix], &[&burner]).await?;
        let squatter = adv.squatter.insecure_clone();
        let ix = mk::open_trader(squatter.pubkey());
        self.must("adversaries", vec![ix], &[&squatter]).await?;

        // The collector's member account and meter (registered through L6); the hoarded
        // meter is registered straight at L3 for the collector's wallet.
        let collector = adv.collector.insecure_clone();
        let keys = MemberKeys {
            wallet: collector.pubkey(),
            currency: currency_of(&collector.pubkey()),
        };
        let registrar = self.registrar.insecure_clone();
        let ixs = vec![
            keys.create(),
            keys.register_meter(
                registrar.pubkey(),
                adv.collector_meter.id,
                adv.collector_meter.capacity_w,
                self.oracle.pubkey(),
            ),
            gm::register_meter(
                registrar.pubkey(),
                RegisterMeterArgs {
                    meter_id: adv.hoarded_meter.id,
                    owner_kind: OwnerKind::Member,
                    owner: collector.pubkey(),
                    credits_to: collector.pubkey(),
                    capacity_w: adv.hoarded_meter.capacity_w,
                    oracle: self.oracle.pubkey(),
                },
            ),
        ];
        self.must("adversaries", ixs, &[&collector, &registrar])
            .await?;
        self.adversaries = Some(adv);
        Ok(())
    }

    /// Runs between settlement and the crank's claims of epoch `k`'s turn: the just-in-time
    /// depositor front-runs the community's revenue claim; the others act on their epochs.
    pub(super) async fn adversaries_act(&mut self, k: u64) -> ChainResult<()> {
        let Some(adv) = self.adversaries.take() else {
            return Ok(());
        };
        let mut adv = adv;
        let market: Market = self.ch.read(&pda::market()).await?.expect("initialised");
        let now = self.now().await?;
        let e = market.epoch_at(now);
        // A short schedule, so a four-epoch run meets every adversary.
        match k {
            1 => {
                self.burn_share_token(&adv).await?;
                self.collector_sells(&mut adv, e).await?;
            }
            2 => {
                // The collector's epoch was settled just now.
                self.collector_collects(&adv).await?;
                self.hoard_readings(&mut adv, e).await?;
            }
            _ => {}
        }
        if k >= 1
            && !self
                .report
                .adversaries
                .iter()
                .any(|r| r.name == "jit depositor")
        {
            self.front_run(&adv, e - 1).await?;
        }
        if self.pool.is_some()
            && !self
                .report
                .adversaries
                .iter()
                .any(|r| r.name == "pool squatter")
        {
            self.flush_twap(&adv).await?;
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
        row(self, "jit depositor", tried, after.saturating_sub(before));
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
        row(
            self,
            "share-token burner",
            "burn one share token, then stake and tokenize (blocked actions)".into(),
            blocked,
        );
        Ok(())
    }

    /// The collector's meter reports, through L6, half of what it could produce since the
    /// epoch opened (`ENTRY_FRACTION` of it: a twelfth of its capacity in an hourly epoch).
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
    /// revenue through L6 and straight from L3.
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
        row(
            self,
            "revoked collector",
            format!("collect epoch {e} meter revenue after revocation, via L6 and via L3"),
            after.saturating_sub(before),
        );
        Ok(())
    }

    /// The oracle has held the hoarded meter's readings back, and early in epoch `e` (10
    /// minutes in an hourly epoch) reports two epochs of output at once. The gain is the Wh the epoch accepted beyond what
    /// the meter could produce while it was open.
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
        row(
            self,
            "hoarding oracle",
            format!(
                "report {wh} Wh held back from epoch {} in epoch {e}, {} s after it opened (Wh)",
                e - 1,
                in_epoch
            ),
            gained,
        );
        Ok(())
    }

    /// Eight small buys in one transaction, to fill the energy pool's 16-slot observation
    /// ring with prices of its choosing. The gain counts observations written beyond one per
    /// interval, plus one if the pool's interval is not the policy's.
    async fn flush_twap(&mut self, adv: &Adversaries) -> ChainResult<()> {
        let keys = self.pool.expect("created");
        let squatter = adv.squatter.insecure_clone();
        let h = Holdings {
            owner: squatter.pubkey(),
            asset: pda::associated_token(
                &squatter.pubkey(),
                &pda::energy_credit_mint(),
                &token_2022::ID,
            ),
            currency: currency_of(&squatter.pubkey()),
        };
        let before: Pool = self.ch.read(&keys.pool()).await?.expect("created");
        let burst: Vec<Instruction> = (0..8).map(|_| keys.swap(&h, true, UNIT, 1)).collect();
        let landed = self.ch.send(&burst, &[&squatter]).await.is_ok();
        self.count("adversaries", 1);
        let after: Pool = self.ch.read(&keys.pool()).await?.expect("created");
        let policy: Policy = self.ch.read(&pda::policy()).await?.expect("initialised");
        let governed = Pool::observation_interval_for(policy.params.epoch_length_secs);
        // New observations: the head moves once per observation written (ring of 16).
        let written = (after.observation_head as u64 + 16 - before.observation_head as u64) % 16;
        let gained =
            written.saturating_sub(1) + u64::from(after.observation_interval_secs != governed);
        row(
            self,
            "pool squatter",
            format!(
                "flush the energy pool's TWAP ring with 8 swaps in one interval ({}, {written} \
                 observation(s) written; interval {} s, policy's {governed} s)",
                if landed { "all landed" } else { "refused" },
                after.observation_interval_secs
            ),
            gained,
        );
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
