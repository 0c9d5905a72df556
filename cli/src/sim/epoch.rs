//! One epoch: settlement, readings, price feeds, member claims, governance.

use super::*;

/// Seconds before an epoch's end at which the oracle reads the meters. A reading carries the
/// energy of the whole epoch; the data's brightest hour gives about 81% of capacity, within the
/// 93% (15-minute epochs) to 98% (hourly) and more the epoch bound allows then (tested in
/// `weather`).
pub(super) const READ_BEFORE_END: i64 = 60;

impl Sim {
    /// One epoch: crank and settle the last one, claims, feeds, market activity, governance
    /// mid-run, and at the end of the epoch the meter readings.
    pub async fn epoch(&mut self, k: u64) -> ChainResult<()> {
        self.to_next_epoch().await?;
        self.settle_previous(Some(k)).await?;
        let market: Market = self.ch.read(&pda::market()).await?.expect("initialised");
        let e = market.epoch_at(self.now().await?);
        if k == 0 {
            self.first_epoch = Some(e);
        }
        let (_, hour) = self.clock.day_hour(k);
        self.member_claims(e).await?;
        self.feeds(e, hour).await?;
        self.market(k).await?;
        // A run of two epochs or more changes the policy in its middle.
        let half = self.cfg.epochs as u64 / 2;
        if half > 0 && k + 1 == half {
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
        if half > 0 && k == half {
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
        // The oracle reads the meters once the epoch's production is in: an epoch takes only
        // what a meter can produce while inside it.
        self.to_epoch_end().await?;
        self.readings(e, k).await
    }

    /// Crank (opens this epoch, closes the last), the offtaker settles, the adversaries of
    /// run epoch `k` act, crank again (claims and distributions).
    pub(super) async fn settle_previous(&mut self, k: Option<u64>) -> ChainResult<()> {
        let mut total = crank::run(&mut self.ch).await?;
        self.settle_closed().await?;
        if let Some(k) = k {
            self.adversaries_act(k).await?;
        }
        total += crank::run(&mut self.ch).await?;
        self.count("crank", total.transactions as u64);
        self.report.crank.push(total);
        Ok(())
    }

    /// The run epochs the offtaker pays late, and the run epoch it pays them in: `LATE_EPOCHS`
    /// epochs from a quarter into the run, paid together in the epoch after the last of them
    /// (when it has just closed).
    /// `None` when `late_settlement` is off or the run is shorter than six epochs.
    pub(super) fn late_batch(&self) -> Option<(std::ops::Range<u64>, u64)> {
        self.batch_schedule().filter(|_| self.cfg.late_settlement)
    }

    /// `late_batch`'s epochs, whether or not the offtaker is late in this run.
    pub(super) fn batch_schedule(&self) -> Option<(std::ops::Range<u64>, u64)> {
        let epochs = self.cfg.epochs as u64;
        if epochs < 6 {
            return None;
        }
        let first = (epochs / 4).max(1);
        let late = first..first + LATE_EPOCHS;
        Some((late.clone(), late.end))
    }

    /// The offtaker pays for every closed epoch, except the late ones until their turn.
    pub async fn settle_closed(&mut self) -> ChainResult<()> {
        let market: Market = self.ch.read(&pda::market()).await?.expect("initialised");
        let current = market.epoch_at(self.now().await?);
        let first = self.first_epoch.unwrap_or(current);
        let from = match self.late_batch() {
            Some((late, _)) => first + late.start,
            None => current.saturating_sub(2),
        };
        let turn = current - first;
        for index in from.min(current.saturating_sub(2))..current {
            let Some(epoch) = self.ch.read::<Epoch>(&pda::epoch(index)).await? else {
                continue;
            };
            let run_epoch = index.saturating_sub(first);
            let waiting = self
                .late_batch()
                .is_some_and(|(late, paid_at)| late.contains(&run_epoch) && turn < paid_at);
            if epoch.status == grid_market::state::EpochStatus::Closed && !waiting {
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

    /// Moves the clock into the next epoch (a sixth of it past its start: 600 s of an hour),
    /// without cranking.
    pub async fn to_next_epoch(&mut self) -> ChainResult<()> {
        let market: Market = self.ch.read(&pda::market()).await?.expect("initialised");
        let now = self.now().await?;
        let start = market.epoch_start(market.epoch_at(now) + 1);
        let entry = self.epoch_secs() / ENTRY_FRACTION as i64;
        self.ch.warp(start - now + entry).await
    }

    /// Moves the clock to a minute before the current epoch ends, when the oracle reads.
    pub async fn to_epoch_end(&mut self) -> ChainResult<()> {
        let market: Market = self.ch.read(&pda::market()).await?.expect("initialised");
        let now = self.now().await?;
        let end = market.epoch_start(market.epoch_at(now) + 1);
        if end - now > READ_BEFORE_END {
            self.ch.warp(end - READ_BEFORE_END - now).await?;
        }
        Ok(())
    }

    /// Each meter's export over run epoch `k` (market epoch `e`), read at the end of the epoch
    /// (`to_epoch_end`); every meter's flows go into the yield report.
    pub(super) async fn readings(&mut self, e: u64, k: u64) -> ChainResult<()> {
        let oracle = self.oracle.pubkey();
        let now = self.now().await?;
        let span = self.clock.span(k);
        let mut ixs = Vec::new();
        for i in 0..self.people.len() {
            let p = &self.people[i];
            let Some(m) = &p.meter else { continue };
            let flows = m.flows(span);
            self.yields.add(MeterClass::Rooftop, flows);
            let wh = flows.exported_wh;
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
            p.unclaimed.push(e);
        }
        for h in 0..self.households.len() {
            let hs = &self.households[h];
            let Some(m) = &hs.meter else { continue };
            let flows = m.flows(span);
            self.yields.add(MeterClass::Household, flows);
            let wh = flows.exported_wh;
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
        for cs in &mut self.communities {
            let flows = cs.meter.flows(span);
            self.yields.add(MeterClass::Project, flows);
            let wh = flows.exported_wh;
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
    pub(super) async fn feeds(&mut self, e: u64, hour: u64) -> ChainResult<()> {
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

    /// Members collect: their meter revenue of settled epochs, household distributions, and
    /// (every fourth epoch) community rewards.
    pub(super) async fn member_claims(&mut self, e: u64) -> ChainResult<()> {
        let now = self.now().await?;
        let mut settled = BTreeMap::new();
        for p in &self.people {
            for &read in &p.unclaimed {
                if let std::collections::btree_map::Entry::Vacant(slot) = settled.entry(read) {
                    let epoch: Option<Epoch> = self.ch.read(&pda::epoch(read)).await?;
                    slot.insert(
                        epoch.is_some_and(|x| x.status == grid_market::state::EpochStatus::Settled),
                    );
                }
            }
        }
        let mut owed = BTreeMap::new();
        for hs in &self.households {
            let state: Household = self.ch.read(&hs.keys.household()).await?.expect("created");
            for l in state.members() {
                owed.insert(l.wallet, l.owed());
            }
        }
        let mut ixs = Vec::new();
        let mut signers = Vec::new();
        // Each community's cash for rewards, less the claims planned so far.
        let mut cash: BTreeMap<usize, u64> = BTreeMap::new();
        for p in self.people.iter_mut() {
            if p.expires_at <= now {
                continue;
            }
            let mut mine = Vec::new();
            for read in std::mem::take(&mut p.unclaimed) {
                if read < e && settled[&read] {
                    mine.push(p.keys.claim_revenue(read));
                } else {
                    p.unclaimed.push(read);
                }
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
                    let now = self.ch.now().await?;
                    let pending = fund
                        .reward_per_share_at(now)
                        .and_then(|rps| pos.claimable(rps))
                        .unwrap_or(0);
                    // Revenue booked but not paid yet waits for the cash.
                    let left = match cash.get(&p.community) {
                        Some(left) => *left,
                        None => {
                            let vault = self
                                .ch
                                .account(&c.vault())
                                .await?
                                .map_or(0, |a| tokens::amount(&a.data));
                            fund.income_cash(vault)
                        }
                    };
                    let payable = pending > 0 && pending <= left;
                    cash.insert(p.community, if payable { left - pending } else { left });
                    if payable {
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
}
