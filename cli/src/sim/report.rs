//! What a simulation run reports: one type, printed by its `Display` (what `simulate` shows)
//! and serialised as is (what `--json` writes).

use std::{collections::BTreeMap, fmt};

use serde::Serialize;

use super::{AdversaryRow, ClassYield, SimConfig};
use crate::crank::CrankReport;

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
    pub by_program: ByProgram,
    /// Energy per meter class from the weather and load data, and its specific yield.
    pub yields: Vec<ClassYield>,
    pub checks: Vec<Check>,
    /// What each adversary tried, gained, and cost others (each measured in a run of its own
    /// against the same seed without it).
    pub adversaries: Vec<AdversaryRow>,
    /// The run's totals: what the offtaker paid, the reserve, honest holders' rewards.
    pub totals: Totals,
    /// The same seed without adversaries, when the run had any.
    pub baseline: Option<Totals>,
}

/// What the run's harm measures compare.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Totals {
    /// Paid by the offtaker for the run's epochs, currency base units.
    pub offtaker_paid: u64,
    /// What the same energy is worth at each epoch's grid price.
    pub at_grid_price: u64,
    /// The reserve's surplus currency plus the energy credits it holds at the last grid price.
    pub reserve_value: u64,
    /// Community rewards of every honest holder, claimed and still claimable.
    pub holders_rewards: u64,
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct EpochRow {
    pub index: u64,
    /// Epochs since the run's first.
    pub run_epoch: u64,
    /// Day of the typical year and hour of the day the epoch starts at.
    pub day: u64,
    pub hour: u64,
    pub grid_price: u64,
    pub market_price: u64,
    pub clearing_price: u64,
    pub energy_wh: u64,
    pub revenue: u64,
    pub claimed: u64,
}

/// Each program's totals at the end of the run.
#[derive(Debug, Default, Clone, Serialize)]
pub struct ByProgram {
    pub bank_currency_supply: u64,
    pub bank_collateral_held: u64,
    pub bank_fees_collected: u64,
    pub bank_savings_rate_bps_end: u16,
    pub marketplace_pool_energy_wh: u64,
    pub marketplace_pool_currency: u64,
    pub marketplace_protocol_fees: u64,
    pub marketplace_swaps: u64,
    pub marketplace_offers_taken: u64,
    pub marketplace_carbon_minted_g: u64,
    pub marketplace_carbon_retired_g: u64,
    pub grid_energy_wh: u64,
    pub grid_revenue: u64,
    pub grid_claimed: u64,
    pub community_fund_value: u64,
    pub community_invested_in_projects: u64,
    pub community_revenue: u64,
    pub community_benefit_fund: u64,
    pub community_energy_wh: u64,
    pub community_co2_avoided_g: u64,
    pub household_contributed: u64,
    pub household_income: u64,
    pub household_reinvested: u64,
    pub household_distributed: u64,
    pub members: u64,
    pub member_energy_wh: u64,
    pub member_income: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub name: String,
    pub pass: bool,
    pub detail: String,
}

impl SimReport {
    pub fn all_pass(&self) -> bool {
        self.checks.iter().all(|c| c.pass) && self.adversaries.iter().all(|a| a.pass)
    }
}

/// Offtaker payment over the energy's worth at the grid price.
fn ratio(paid: u64, worth: u64) -> f64 {
    paid as f64 / worth.max(1) as f64
}

impl fmt::Display for SimReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(cfg) = &self.config {
            writeln!(
                f,
                "SourceEnergy simulation: seed {}, {} members, {} households, {} communities, \
                 {} epochs of {} s from day {} of the typical year",
                cfg.seed,
                cfg.members,
                cfg.households,
                cfg.communities,
                cfg.epochs,
                cfg.epoch_secs,
                cfg.start_day
            )?;
        }
        self.fmt_prices(f)?;
        self.fmt_yields(f)?;
        self.by_program.fmt_with(f, self.blocked_expired)?;
        self.fmt_transactions(f)?;
        self.fmt_checks(f)?;
        self.fmt_adversaries(f)
    }
}

impl SimReport {
    fn fmt_prices(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "\nprice path (per kWh, currency base units)")?;
        writeln!(
            f,
            "  epoch  day hour  grid      market    clearing  Wh          revenue"
        )?;
        for e in &self.epochs {
            writeln!(
                f,
                "  {:<6} {:>3} {:>4}  {:<9} {:<9} {:<9} {:<11} {}",
                e.index,
                e.day,
                e.hour,
                e.grid_price,
                e.market_price,
                e.clearing_price,
                e.energy_wh,
                e.revenue
            )?;
        }
        Ok(())
    }

    fn fmt_yields(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "\nenergy by meter class (TMY3 Greensboro NC irradiance on each array's plane, PVWatts losses; BDEW H25 household load)"
        )?;
        writeln!(
            f,
            "  {:<19} {:>6} {:>9} {:>12} {:>14} {:>12} {:>10} {:>10}",
            "class",
            "meters",
            "kWp",
            "produced kWh",
            "self-used kWh",
            "export kWh",
            "kWh/kWp",
            "per year"
        )?;
        for y in &self.yields {
            writeln!(
                f,
                "  {:<19} {:>6} {:>9.1} {:>12.1} {:>14.1} {:>12.1} {:>10.2} {:>10.0}",
                y.class,
                y.meters,
                y.capacity_kwp,
                y.produced_kwh,
                y.self_consumed_kwh,
                y.exported_kwh,
                y.yield_kwh_per_kwp,
                y.annual_yield_kwh_per_kwp
            )?;
        }
        for y in self.yields.iter().filter(|y| y.meters > 0) {
            writeln!(f, "  {:<19} facing {}", y.class, y.mix)?;
        }
        Ok(())
    }

    fn fmt_transactions(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "\ntransactions: {} ({} failed on chain as intended)",
            self.transactions, self.failed_transactions
        )?;
        for (kind, n) in &self.by_kind {
            writeln!(f, "  {kind:<14} {n}")?;
        }
        let crank_tx: Vec<u32> = self.crank.iter().map(|c| c.transactions).collect();
        writeln!(f, "  crank per epoch {crank_tx:?}")?;
        writeln!(f, "wall time {:.1} s", self.wall_secs)
    }

    fn fmt_checks(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "\nconservation checks")?;
        for c in &self.checks {
            let verdict = if c.pass { "PASS" } else { "FAIL" };
            writeln!(f, "  {verdict} {}  {}", c.name, c.detail)?;
        }
        let t = &self.totals;
        writeln!(
            f,
            "\nofftaker paid {} for energy worth {} at the grid price (ratio {:.4})",
            t.offtaker_paid,
            t.at_grid_price,
            ratio(t.offtaker_paid, t.at_grid_price)
        )?;
        if let Some(b) = &self.baseline {
            writeln!(
                f,
                "  without the adversaries: paid {} (ratio {:.4}); with them {:+.3}%",
                b.offtaker_paid,
                ratio(b.offtaker_paid, b.at_grid_price),
                (ratio(t.offtaker_paid, b.offtaker_paid) - 1.0) * 100.0
            )?;
        }
        Ok(())
    }

    fn fmt_adversaries(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.adversaries.is_empty() {
            return Ok(());
        }
        writeln!(
            f,
            "\nadversaries (each in a run of its own: it must gain nothing, and its harm \
             against the same seed without it, the offtaker's extra payment, the reserve's \
             loss, honest holders' dilution, must stay within 1% of each)"
        )?;
        for a in &self.adversaries {
            let has_control = self
                .config
                .as_ref()
                .is_some_and(|cfg| a.attack.control(cfg).is_some());
            let harm = match (a.harm, a.bound) {
                (Some(h), Some(b)) => format!(
                    "harm: offtaker {} (bound {}), reserve {} ({}), holders {} ({})",
                    h.offtaker, b.offtaker, h.reserve, b.reserve, h.holders, b.holders
                ),
                _ if has_control => {
                    "gain and harm judged against its control run, which one run does not have"
                        .into()
                }
                _ => "harm not measured (one run)".into(),
            };
            let verdict = if a.pass { "PASS" } else { "FAIL" };
            writeln!(
                f,
                "  {verdict} {}: tried to {}; gained {}; {harm}",
                a.name, a.tried, a.gained
            )?;
        }
        Ok(())
    }
}

impl ByProgram {
    fn fmt_with(&self, f: &mut fmt::Formatter<'_>, blocked_expired: u64) -> fmt::Result {
        writeln!(f, "\nper program")?;
        writeln!(
            f,
            "  central bank: currency supply {}, collateral {}, fees {}, savings rate at the end \
             {} bps",
            self.bank_currency_supply,
            self.bank_collateral_held,
            self.bank_fees_collected,
            self.bank_savings_rate_bps_end
        )?;
        writeln!(
            f,
            "  marketplace: pool {} Wh / {} currency, protocol fees {}, {} swaps, {} offers \
             taken, carbon {} g minted / {} g retired",
            self.marketplace_pool_energy_wh,
            self.marketplace_pool_currency,
            self.marketplace_protocol_fees,
            self.marketplace_swaps,
            self.marketplace_offers_taken,
            self.marketplace_carbon_minted_g,
            self.marketplace_carbon_retired_g
        )?;
        writeln!(
            f,
            "  grid market: {} Wh verified, revenue {}, claimed {}",
            self.grid_energy_wh, self.grid_revenue, self.grid_claimed
        )?;
        writeln!(
            f,
            "  communities: fund value {} ({} in projects), revenue {}, benefit fund {}, {} Wh, \
             {} g CO2 avoided",
            self.community_fund_value,
            self.community_invested_in_projects,
            self.community_revenue,
            self.community_benefit_fund,
            self.community_energy_wh,
            self.community_co2_avoided_g
        )?;
        writeln!(
            f,
            "  households: contributed {}, income {}, reinvested {}, distributed {}",
            self.household_contributed,
            self.household_income,
            self.household_reinvested,
            self.household_distributed
        )?;
        writeln!(
            f,
            "  members: {}, {} Wh sold, income {}, {} sales refused (expired attestation)",
            self.members, self.member_energy_wh, self.member_income, blocked_expired
        )
    }
}
