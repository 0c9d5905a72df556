//! Real weather and real household load for the simulation.
//!
//! Production comes from a typical meteorological year of hourly irradiance (global horizontal,
//! direct normal, diffuse horizontal), air temperature and wind (NREL TMY3, Greensboro NC),
//! turned into each array's AC output by `solar` for the array's tilt and azimuth;
//! consumption from the BDEW H25 household profile (energy per quarter hour by month and day
//! type). Both files are embedded with their attribution lines and parsed once. A run is placed
//! in this typical year by `Clock`, so a cloudy hour in the data is a cloudy hour in the
//! economy.
//!
//! Integer math from each hour's output on: power in mW, energy in mJ (mW × s) until it is
//! rounded down to Wh.

use std::{
    collections::BTreeMap,
    sync::{Mutex, OnceLock},
};

use super::solar::{hour_mw_per_kwp, Orientation, Weather};

const TMY3_CSV: &str = include_str!("../../data/tmy3-723170-greensboro-irradiance.csv");
const H25_CSV: &str = include_str!("../../data/bdew-h25-household-load.csv");

pub const DAY_SECS: u64 = 86_400;
pub const YEAR_DAYS: u64 = 365;
const HOUR_SECS: u64 = 3_600;
const QUARTER_SECS: u64 = 900;
const YEAR_HOURS: u64 = YEAR_DAYS * 24;
const YEAR_QUARTERS: u64 = YEAR_HOURS * 4;
const MJ_PER_WH: u64 = 3_600_000;
/// A run starts at 06:00 local standard time, so a short hourly run covers the daylight.
const START_HOUR: u64 = 6;

/// H25 days: the profile's three day types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayType {
    Weekday = 0,
    Saturday = 1,
    /// Sundays; holidays are not modelled, so they count as the weekday they fall on.
    Sunday = 2,
}

impl DayType {
    /// Day `day` (0-based) of the typical year, which has no year of its own: this calendar
    /// puts 1 January on a Monday.
    pub fn of(day: u64) -> DayType {
        match day % 7 {
            5 => DayType::Saturday,
            6 => DayType::Sunday,
            _ => DayType::Weekday,
        }
    }

    fn parse(text: &str) -> DayType {
        match text {
            "weekday" => DayType::Weekday,
            "saturday" => DayType::Saturday,
            "sunday_or_holiday" => DayType::Sunday,
            other => panic!("H25: unknown day type {other}"),
        }
    }
}

struct Hour {
    weather: Weather,
    month: usize,
}

/// The parsed data sets.
pub struct Year {
    hours: Vec<Hour>,
    /// Wh per quarter hour of the profile (1,000,000 kWh a year), by `month × 3 + day type`.
    load: Vec<[u64; 96]>,
    /// The profile's Wh summed over this calendar's 365 days: a home's consumption is scaled by
    /// it, so a year of it is exactly its annual consumption (the profile's own year had
    /// another weekday pattern and holidays).
    calendar_wh: u64,
}

/// Energy behind one meter over a span, netted per quarter hour: what the modules produced,
/// what the home used of it at once, and what went to the grid (the meter's reading).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flows {
    pub produced_wh: u64,
    pub self_consumed_wh: u64,
    pub exported_wh: u64,
}

/// The data, parsed on first use.
pub fn year() -> &'static Year {
    static YEAR: OnceLock<Year> = OnceLock::new();
    YEAR.get_or_init(|| Year::parse(TMY3_CSV, H25_CSV))
}

/// The data rows of an embedded CSV: without the `#` attribution lines and the header.
fn rows(csv: &str) -> impl Iterator<Item = Vec<&str>> {
    csv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| l.split(',').collect())
}

fn number<T: std::str::FromStr>(field: &str, what: &str) -> T {
    field
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("bad {what}: {field:?}"))
}

/// Thousandths (kWh to Wh): "22.152" → 22152.
fn thousandths(field: &str) -> u64 {
    let (whole, frac) = field.trim().split_once('.').unwrap_or((field.trim(), ""));
    let frac = format!("{frac:0<3}");
    number::<u64>(whole, "kWh") * 1_000 + number::<u64>(&frac[..3], "kWh")
}

impl Year {
    fn parse(tmy3: &str, h25: &str) -> Year {
        let hours: Vec<Hour> = rows(tmy3)
            .map(|r| Hour {
                month: number::<usize>(r[1], "month") - 1,
                weather: Weather {
                    ghi_w_m2: number(r[4], "GHI"),
                    dni_w_m2: number(r[5], "DNI"),
                    dhi_w_m2: number(r[6], "DHI"),
                    air_c: number(r[7], "dry bulb"),
                    wind_m_s: number(r[8], "wind"),
                },
            })
            .collect();
        assert_eq!(hours.len() as u64, YEAR_HOURS, "TMY3: one row per hour");
        let mut load = vec![[0u64; 96]; 36];
        for r in rows(h25) {
            let month: usize = number(r[0], "month");
            let quarter: usize = number(r[2], "quarter hour");
            load[(month - 1) * 3 + DayType::parse(r[1]) as usize][quarter] = thousandths(r[3]);
        }
        let mut year = Year {
            hours,
            load,
            calendar_wh: 1,
        };
        year.calendar_wh = (0..YEAR_DAYS)
            .map(|d| year.day_profile(d).iter().sum::<u64>())
            .sum();
        year
    }

    /// The profile's quarter hours for day `day` (0-based) of the typical year.
    fn day_profile(&self, day: u64) -> &[u64; 96] {
        let month = self.hours[(day * 24) as usize].month;
        &self.load[month * 3 + DayType::of(day) as usize]
    }

    /// AC output of 1 kWp at `o` for every hour of the year, mW, computed on first use. The
    /// tables live for the process: a run uses a handful of orientations (`roofs`).
    pub fn output(&self, o: Orientation) -> &'static [u64] {
        static TABLES: OnceLock<Mutex<BTreeMap<Orientation, &'static [u64]>>> = OnceLock::new();
        let mut tables = TABLES
            .get_or_init(Default::default)
            .lock()
            .expect("not poisoned");
        tables.entry(o).or_insert_with(|| {
            let hours = self.hours.iter().enumerate();
            let table = hours.map(|(h, w)| hour_mw_per_kwp(o, h, &w.weather));
            Box::leak(table.collect::<Vec<_>>().into_boxed_slice())
        })
    }

    /// Consumption of a home using `annual_kwh` a year, in quarter `quarter` (0-based,
    /// wrapping) of the year, mW.
    fn load_mw(&self, annual_kwh: u64, quarter: u64) -> u64 {
        let quarter = quarter % YEAR_QUARTERS;
        let wh = self.day_profile(quarter / 96)[(quarter % 96) as usize];
        // The quarter's Wh for this home, × 4 for W, × 1,000 for mW.
        (wh as u128 * annual_kwh as u128 * 1_000 * 4 * 1_000 / self.calendar_wh as u128) as u64
    }

    /// A meter's flows over `len` seconds from second `from` of the typical year (wrapping into
    /// the next), for `capacity_w` of modules at `o` behind a home using `annual_kwh` a year (0:
    /// none, a project). Netted per quarter hour, as a home's meter nets production and use.
    pub fn flows(
        &self,
        capacity_w: u64,
        o: Orientation,
        annual_kwh: u64,
        from: u64,
        len: u64,
    ) -> Flows {
        let output = self.output(o);
        let to = from + len;
        let (mut produced, mut exported) = (0u64, 0u64);
        for q in from / QUARTER_SECS..to.div_ceil(QUARTER_SECS) {
            let secs = to.min((q + 1) * QUARTER_SECS) - from.max(q * QUARTER_SECS);
            let hour = (q / 4 % YEAR_HOURS) as usize;
            let made = output[hour] * capacity_w / 1_000 * secs;
            let used = self.load_mw(annual_kwh, q) * secs;
            produced += made;
            exported += made.saturating_sub(used);
        }
        let produced_wh = produced / MJ_PER_WH;
        let exported_wh = exported / MJ_PER_WH;
        Flows {
            produced_wh,
            self_consumed_wh: produced_wh - exported_wh,
            exported_wh,
        }
    }
}

/// Where a run sits in the typical year: it starts at 06:00 on day `start_day` (1-365) and
/// its epoch `k` covers `[k × epoch_secs, (k + 1) × epoch_secs)` from there.
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    start: u64,
    epoch_secs: u64,
}

impl Clock {
    pub fn new(start_day: u16, epoch_secs: u32) -> Clock {
        Clock {
            start: (start_day as u64 - 1) * DAY_SECS + START_HOUR * HOUR_SECS,
            epoch_secs: epoch_secs as u64,
        }
    }

    /// Epoch `k`'s first second of the typical year (unwrapped) and its length.
    pub fn span(&self, k: u64) -> (u64, u64) {
        (self.start + k * self.epoch_secs, self.epoch_secs)
    }

    /// Day of the year (1-365) and hour of the day at which epoch `k` starts.
    pub fn day_hour(&self, k: u64) -> (u64, u64) {
        let t = self.span(k).0;
        ((t / DAY_SECS) % YEAR_DAYS + 1, t % DAY_SECS / HOUR_SECS)
    }

    /// Days a run of `epochs` epochs covers.
    pub fn days(&self, epochs: u64) -> f64 {
        (epochs * self.epoch_secs) as f64 / DAY_SECS as f64
    }
}

#[cfg(test)]
mod tests {
    use anchor_lang::prelude::Pubkey;
    use grid_market::state::{Meter, OwnerKind};

    use super::super::{
        epoch::READ_BEFORE_END, HOUSEHOLD_KWP, MARKET_MAKER_W, MIN_SIM_EPOCH_SECS, PROJECT_KWP,
        ROOFTOP_KWP,
    };
    use super::*;

    /// A year of daily epochs per orientation against NREL's PVWatts on the same TMY3 year
    /// (pvlib 0.16: Hay-Davies, SAPM open rack with wind, -0.37 %/K, 14% losses, 96% inverter):
    /// 1,367 kWh/kWp at 20° facing south, 1,242 flat, about 1,180 at 25° east or west.
    #[test]
    fn a_year_matches_the_pvwatts_model() {
        let y = year();
        for (o, pvwatts) in [
            (Orientation::new(20, 180), 1_367.0),
            (Orientation::HORIZONTAL, 1_242.0),
            (Orientation::new(25, 90), 1_180.0),
            (Orientation::new(25, 270), 1_180.0),
        ] {
            // Read as the simulation reads a year of daily epochs: the whole day's energy, each
            // day rounded down to Wh on its own.
            let wh: u64 = (0..YEAR_DAYS)
                .map(|d| y.flows(1_000, o, 0, d * DAY_SECS, DAY_SECS).produced_wh)
                .sum();
            let kwh_per_kwp = wh as f64 / 1_000.0;
            eprintln!("{o:?}: {kwh_per_kwp:.1} kWh/kWp (PVWatts {pvwatts})");
            assert!(
                (kwh_per_kwp / pvwatts - 1.0).abs() < 0.03,
                "{o:?}: {kwh_per_kwp} kWh/kWp, PVWatts {pvwatts}"
            );
        }
        // Nothing comes out at night, and never more than the inverter's AC nameplate.
        let table = y.output(Orientation::PROJECT);
        assert_eq!(table[0], 0, "midnight, 1 January");
        let ac_max = (1_000_000.0 / super::super::solar::DC_AC_RATIO) as u64;
        assert!(table.iter().all(|&mw| mw <= ac_max));
        assert!(
            table.iter().any(|&mw| mw > ac_max * 9 / 10),
            "clear noons come near it"
        );
    }

    #[test]
    fn a_year_of_the_load_profile_is_the_annual_consumption() {
        let y = year();
        // The profile is what its header says: about 1,000,000 kWh a year.
        assert!(
            y.calendar_wh.abs_diff(1_000_000_000) < 10_000_000,
            "{}",
            y.calendar_wh
        );
        for annual_kwh in [2_500, 3_500, 4_500] {
            let mj: u64 = (0..YEAR_QUARTERS)
                .map(|q| y.load_mw(annual_kwh, q) * QUARTER_SECS)
                .sum();
            // Rounding loses under 1 mW a quarter hour.
            let wh = mj / MJ_PER_WH;
            assert!(annual_kwh * 1_000 - wh <= 10, "{annual_kwh} kWh: {wh} Wh");
        }
        // A home with no modules exports nothing and uses nothing of its own production.
        let f = y.flows(0, Orientation::PROJECT, 3_500, 0, YEAR_DAYS * DAY_SECS);
        assert_eq!(f, Flows::default());
    }

    #[test]
    fn calendar_and_clock() {
        assert_eq!(DayType::of(0), DayType::Weekday);
        assert_eq!(DayType::of(5), DayType::Saturday);
        assert_eq!(DayType::of(6), DayType::Sunday);
        assert_eq!(DayType::of(7), DayType::Weekday);
        let hourly = Clock::new(152, 3_600);
        assert_eq!(hourly.day_hour(0), (152, 6));
        assert_eq!(hourly.day_hour(20), (153, 2));
        let daily = Clock::new(365, 86_400);
        assert_eq!(daily.day_hour(1), (1, 6), "the typical year wraps");
        assert_eq!(daily.days(365), 365.0);
    }

    /// A full year of the data, read as the simulation reads (a minute before each epoch ends, the
    /// epoch's whole energy), for an honest meter of each class at the largest capacity the
    /// simulation gives it and no consumption behind it (the most it can export): grid_market
    /// accepts every reading, for the shortest epochs the simulation runs, hourly and daily.
    #[test]
    fn a_year_of_honest_readings_stays_within_the_grid_market_bounds() {
        let y = year();
        // Each class at its largest capacity, roofs at the steepest south pitch of the mix.
        let steep = Orientation::new(40, 180);
        let largest = [
            (ROOFTOP_KWP.1 * 1_000, steep),
            (MARKET_MAKER_W, steep),
            (HOUSEHOLD_KWP.1 * 1_000, Orientation::HORIZONTAL),
            (PROJECT_KWP.1 * 1_000, Orientation::PROJECT),
        ];
        for epoch_secs in [MIN_SIM_EPOCH_SECS as u64, 3_600, 86_400] {
            let clock = Clock::new(1, epoch_secs as u32);
            let epochs = YEAR_DAYS * DAY_SECS / epoch_secs;
            for (capacity_w, o) in largest {
                let mut meter = Meter {
                    bump: 0,
                    id: Pubkey::default(),
                    owner_kind: OwnerKind::Member,
                    owner: Pubkey::default(),
                    credits_to: Pubkey::default(),
                    capacity_w,
                    oracle: Pubkey::default(),
                    registrar: Pubkey::default(),
                    last_reading_wh: 0,
                    last_reading_at: 0,
                    last_epoch_plus_one: 0,
                };
                let (mut cumulative, mut produced) = (0, 0);
                for k in 0..epochs {
                    let f = y.flows(capacity_w, o, 0, clock.span(k).0, epoch_secs);
                    produced += f.produced_wh;
                    if f.exported_wh == 0 {
                        continue;
                    }
                    cumulative += f.exported_wh;
                    let start = (k * epoch_secs) as i64;
                    let now = start + epoch_secs as i64 - READ_BEFORE_END;
                    meter.accept(cumulative, now, k, start).unwrap_or_else(|e| {
                        panic!(
                            "{capacity_w} W, epoch {k} of {epoch_secs} s: {} Wh: {e}",
                            f.exported_wh
                        )
                    });
                }
                let specific = produced / capacity_w;
                assert!((1_150..1_450).contains(&specific), "{specific} kWh/kWp");
            }
        }
    }
}
