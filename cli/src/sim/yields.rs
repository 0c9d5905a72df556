//! Energy per meter class over a run, and its specific yield (kWh per kWp), which a reader can
//! hold against the yields known for the site.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{
    solar::Orientation,
    weather::{Flows, YEAR_DAYS},
};

/// Who owns a meter, for the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeterClass {
    /// Members' rooftops (behind a home).
    Rooftop = 0,
    /// Household trusts' own meters (behind a home).
    Household = 1,
    /// Community projects (no consumption behind them).
    Project = 2,
}

impl MeterClass {
    const ALL: [MeterClass; 3] = [
        MeterClass::Rooftop,
        MeterClass::Household,
        MeterClass::Project,
    ];

    fn name(self) -> &'static str {
        match self {
            MeterClass::Rooftop => "member rooftops",
            MeterClass::Household => "household trusts",
            MeterClass::Project => "community projects",
        }
    }
}

/// One class's line of the report.
#[derive(Debug, Serialize)]
pub struct ClassYield {
    pub class: &'static str,
    pub meters: u64,
    pub capacity_kwp: f64,
    pub produced_kwh: f64,
    pub self_consumed_kwh: f64,
    pub exported_kwh: f64,
    /// Produced kWh per kWp over the run.
    pub yield_kwh_per_kwp: f64,
    /// The run's yield × 365 days / the days simulated.
    pub annual_yield_kwh_per_kwp: f64,
    /// How the class's arrays face: meters per direction ("south 12, east 5, flat 3") and the
    /// range of their tilts.
    pub mix: String,
}

#[derive(Default)]
struct Totals {
    meters: u64,
    capacity_w: u64,
    flows: Flows,
    orientations: BTreeMap<Orientation, u64>,
}

/// Running totals per class.
#[derive(Default)]
pub(super) struct Yields([Totals; 3]);

impl Yields {
    pub fn add_meter(&mut self, class: MeterClass, capacity_w: u64, o: Orientation) {
        let t = &mut self.0[class as usize];
        t.meters += 1;
        t.capacity_w += capacity_w;
        *t.orientations.entry(o).or_default() += 1;
    }

    pub fn add(&mut self, class: MeterClass, f: Flows) {
        let t = &mut self.0[class as usize].flows;
        t.produced_wh += f.produced_wh;
        t.self_consumed_wh += f.self_consumed_wh;
        t.exported_wh += f.exported_wh;
    }

    /// The report's rows, for a run of `days` days.
    pub fn rows(&self, days: f64) -> Vec<ClassYield> {
        MeterClass::ALL
            .iter()
            .map(|&class| {
                let t = &self.0[class as usize];
                let kwp = t.capacity_w as f64 / 1_000.0;
                let produced = t.flows.produced_wh as f64 / 1_000.0;
                let run = if kwp > 0.0 { produced / kwp } else { 0.0 };
                ClassYield {
                    class: class.name(),
                    meters: t.meters,
                    capacity_kwp: kwp,
                    produced_kwh: produced,
                    self_consumed_kwh: t.flows.self_consumed_wh as f64 / 1_000.0,
                    exported_kwh: t.flows.exported_wh as f64 / 1_000.0,
                    yield_kwh_per_kwp: run,
                    annual_yield_kwh_per_kwp: if days > 0.0 {
                        run * YEAR_DAYS as f64 / days
                    } else {
                        0.0
                    },
                    mix: mix(&t.orientations),
                }
            })
            .collect()
    }
}

/// "south 12, east 5, flat 3; tilt 5-40°", directions by how many meters face them.
fn mix(orientations: &BTreeMap<Orientation, u64>) -> String {
    let mut by_facing: BTreeMap<&str, u64> = BTreeMap::new();
    for (o, n) in orientations {
        *by_facing.entry(o.facing()).or_default() += n;
    }
    let mut facings: Vec<(&str, u64)> = by_facing.into_iter().collect();
    facings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let words: Vec<String> = facings.iter().map(|(f, n)| format!("{f} {n}")).collect();
    let tilts = orientations.keys().map(|o| o.tilt_deg);
    match (tilts.clone().min(), tilts.max()) {
        (Some(lo), Some(hi)) if lo == hi => format!("{}; tilt {lo}°", words.join(", ")),
        (Some(lo), Some(hi)) => format!("{}; tilt {lo}-{hi}°", words.join(", ")),
        _ => String::new(),
    }
}
