//! The end of a run: final settlement, the report and the conservation checks.

use super::*;

impl Sim {
    /// Ends the run: closes and settles the last epoch, lets the crank and members collect,
    /// then reads every layer and checks conservation.
    pub async fn finish(&mut self) -> ChainResult<()> {
        self.to_next_epoch().await?;
        self.settle_previous(None).await?;
        let market: Market = self.ch.read(&pda::market()).await?.expect("initialised");
        let e = market.epoch_at(self.now().await?);
        if self.cfg.final_claims {
            self.member_claims(e).await?;
        }
        self.adversaries_finish().await?;
        self.report.yields = self.yields.rows(self.clock.days(self.cfg.epochs as u64));
        checks(self).await?;
        self.report.totals = totals(self).await?;
        Ok(())
    }
}

/// The run's totals (`Totals`), which the adversaries' harm compares across runs.
async fn totals(sim: &mut Sim) -> ChainResult<Totals> {
    let mut t = Totals::default();
    let mut last_grid = 0;
    for e in &sim.report.epochs {
        t.offtaker_paid += e.revenue;
        t.at_grid_price += se_math::pricing::energy_value(e.energy_wh, e.grid_price)
            .map_err(|e| ChainError::Local(format!("{e:?}")))?;
        last_grid = e.grid_price;
    }
    let adversaries = sim.adversary_wallets();
    let ch = &mut sim.ch;
    let balance =
        |a: Option<solana_sdk::account::Account>| a.map_or(0, |a| tokens::amount(&a.data));
    let surplus = balance(ch.account(&pda::surplus_vault()).await?);
    let reserve_credits = balance(
        ch.account(&pda::associated_token(
            &pda::reserve(),
            &pda::energy_credit_mint(),
            &token_2022::ID,
        ))
        .await?,
    );
    t.reserve_value = surplus + reserve_credits * last_grid / 1_000;
    // Honest holders: every position but the adversaries'.
    let now = ch.now().await?;
    let mut funds = BTreeMap::new();
    for cs in &sim.communities {
        let c: Community = ch.read(&cs.keys.community()).await?.expect("created");
        funds.insert(cs.keys.community(), c.reward_per_share_at(now).unwrap_or(0));
    }
    let positions = ch
        .program_accounts(
            &community::ID,
            <community::state::Position as anchor_lang::Discriminator>::DISCRIMINATOR,
        )
        .await?;
    for (_, account) in positions {
        let p: community::state::Position =
            anchor_lang::AccountDeserialize::try_deserialize(&mut &account.data[..])
                .map_err(|e| ChainError::Local(e.to_string()))?;
        if adversaries.contains(&p.owner) {
            continue;
        }
        let rps = funds.get(&p.community).copied().unwrap_or(0);
        t.holders_rewards += p.claimed + p.claimable(rps).unwrap_or(p.pending);
    }
    Ok(t)
}

pub(super) fn check(report: &mut SimReport, name: &str, pass: bool, detail: String) {
    report.checks.push(Check {
        name: name.into(),
        pass,
        detail,
    });
}

/// Reads every layer into the report and checks conservation and aggregates.
pub(super) async fn checks(sim: &mut Sim) -> ChainResult<()> {
    let ch = &mut sim.ch;
    let balance =
        |a: Option<solana_sdk::account::Account>| a.map_or(0, |a| tokens::amount(&a.data));
    // grid_market: every epoch's revenue is claimed, swept or still in the vault.
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
        sim.report.by_program.grid_energy_wh += e.total_wh;
        sim.report.by_program.grid_revenue += e.revenue;
        sim.report.by_program.grid_claimed += e.claimed;
        if e.total_wh > 0 || e.feed_count > 0 {
            let (day, hour) = sim
                .clock
                .day_hour(index.saturating_sub(sim.first_epoch.unwrap_or(index)));
            sim.report.epochs.push(EpochRow {
                index,
                run_epoch: index.saturating_sub(sim.first_epoch.unwrap_or(index)),
                day,
                hour,
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
        "grid_market revenue: claimed + swept + vault = offtaker payments",
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
    sim.report.by_program.marketplace_carbon_minted_g = registry.minted_g;
    sim.report.by_program.marketplace_carbon_retired_g = registry.retired_g;
    check(
        &mut sim.report,
        "Carbon: supply = minted - retired",
        carbon_supply == registry.minted_g - registry.retired_g,
        format!(
            "supply {carbon_supply}, minted {}, retired {}",
            registry.minted_g, registry.retired_g
        ),
    );
    // central_bank: the reserve backs the currency.
    let reserve: Reserve = ch.read(&pda::reserve()).await?.expect("initialised");
    let supply = ch
        .account(&pda::currency_mint())
        .await?
        .map_or(0, |a| tokens::supply(&a.data));
    let held = balance(ch.account(&pda::collateral_vault()).await?);
    sim.report.by_program.bank_currency_supply = supply;
    sim.report.by_program.bank_collateral_held = reserve.collateral_held;
    sim.report.by_program.bank_fees_collected = reserve.fees_collected;
    let policy: Policy = ch.read(&pda::policy()).await?.expect("initialised");
    sim.report.by_program.bank_savings_rate_bps_end = policy.params.savings_rate_bps;
    check(
        &mut sim.report,
        "central_bank: currency supply <= collateral held + issued; collateral vault = books",
        supply <= reserve.collateral_held + reserve.issued_outstanding
            && held == reserve.collateral_held,
        format!(
            "supply {supply}, collateral {held}, issued {}",
            reserve.issued_outstanding
        ),
    );
    if let Some(pool) = &sim.pool {
        let state: Pool = ch.read(&pool.pool()).await?.expect("created");
        sim.report.by_program.marketplace_pool_energy_wh = state.asset_reserve;
        sim.report.by_program.marketplace_pool_currency = state.currency_reserve;
        sim.report.by_program.marketplace_protocol_fees = state.protocol_fees;
    }
    // community: books and aggregates.
    let mut books_ok = true;
    let mut energy_ok = true;
    let mut detail = String::new();
    for cs in &sim.communities {
        let c: Community = ch.read(&cs.keys.community()).await?.expect("created");
        let v = balance(ch.account(&cs.keys.vault()).await?);
        books_ok &= v == c.liquid + c.rewards_outstanding + c.benefit_fund;
        let l = &mut sim.report.by_program;
        l.community_fund_value += c.liquid + c.invested;
        l.community_invested_in_projects += c.invested;
        l.community_revenue += c.revenue_received;
        l.community_benefit_fund += c.benefit_fund;
        l.community_energy_wh += c.impact.energy_wh;
        l.community_co2_avoided_g += c.impact.co2_avoided_g;
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
        "community: vault = liquid + reward pool + benefit fund",
        books_ok,
        String::new(),
    );
    check(
        &mut sim.report,
        "community: energy = project + members + trusts",
        energy_ok,
        detail,
    );
    // household: books and aggregates.
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
        let l = &mut sim.report.by_program;
        l.household_contributed += h.members().iter().map(|l| l.contributed).sum::<u64>();
        l.household_income += h.income_received;
        l.household_reinvested += h.reinvested;
        l.household_distributed += h.members().iter().map(|l| l.distributed).sum::<u64>();
    }
    check(
        &mut sim.report,
        "household: vault = capital + undistributed + owed; owed = sum of ledgers",
        books_ok,
        String::new(),
    );
    check(
        &mut sim.report,
        "household: trust energy = sum of member ledgers + own meters",
        energy_ok,
        String::new(),
    );
    // member program: each member's metrics match what it did.
    let mut ok = true;
    for p in &sim.people {
        let m: Member = ch.read(&p.keys.member()).await?.expect("created");
        ok &= m.metrics.energy_wh == p.energy_wh;
        sim.report.by_program.member_energy_wh += m.metrics.energy_wh;
        sim.report.by_program.member_income += m.metrics.income;
    }
    check(
        &mut sim.report,
        "member: energy metrics = accepted readings",
        ok,
        String::new(),
    );
    Ok(())
}
