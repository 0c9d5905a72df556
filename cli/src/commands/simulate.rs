//! `sourceenergy simulate`: a seeded economy run through every program on the embedded
//! runtime, with its report (and optionally the same report as JSON).

use std::path::PathBuf;

use crate::{
    quiet_stdout::QuietStdout,
    sim::{simulate, Attack, Orientation, SimConfig},
};

/// The simulated economy's shape (`simulate` and `bench`).
#[derive(clap::Args)]
pub struct SimArgs {
    #[arg(long, default_value_t = 7)]
    seed: u64,
    #[arg(long, default_value_t = 100)]
    members: usize,
    /// Household trusts (default: one per five members).
    #[arg(long)]
    households: Option<usize>,
    #[arg(long, default_value_t = 2)]
    communities: usize,
    /// Epochs to run.
    #[arg(long, default_value_t = 12)]
    epochs: u32,
    /// Day of the typical weather year (1-365) the run starts on, at 06:00 (default 1 June).
    #[arg(long, default_value_t = SimConfig::default().start_day)]
    start_day: u16,
    /// Epoch length in seconds (900 to 604800, a week; 86400 for daily epochs).
    #[arg(long, default_value_t = SimConfig::default().epoch_secs)]
    epoch_secs: u32,
    /// Leave out the adversarial agents (on by default).
    #[arg(long)]
    no_adversaries: bool,
    /// Run only these adversaries (repeat the flag; default: all of them).
    #[arg(long = "adversary", value_enum)]
    adversary: Vec<Attack>,
    /// The offtaker pays every epoch on time (by default it pays three epochs late once).
    #[arg(long)]
    on_time: bool,
    /// Every array at TILT/AZIMUTH degrees (20/180: 20° facing south; 0/180: flat), for
    /// comparisons. By default roofs face a mix drawn by the seed (south, east, west and
    /// between; pitched and flat) and community projects 25/180.
    #[arg(long, value_parser = Orientation::parse)]
    orientation: Option<Orientation>,
}

impl SimArgs {
    pub fn config(&self) -> SimConfig {
        SimConfig {
            seed: self.seed,
            members: self.members,
            households: self.households.unwrap_or(self.members / 5),
            communities: self.communities.max(1),
            epochs: self.epochs,
            start_day: self.start_day,
            epoch_secs: self.epoch_secs,
            adversaries: match (self.no_adversaries, self.adversary.is_empty()) {
                (true, _) => Vec::new(),
                (false, true) => Attack::ALL.to_vec(),
                (false, false) => self.adversary.clone(),
            },
            late_settlement: !self.on_time,
            control: false,
            final_claims: true,
            orientation: self.orientation,
            progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
            start_unix: None,
        }
    }
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    sim: SimArgs,
    /// Also write the report as JSON.
    #[arg(long)]
    json: Option<PathBuf>,
}

/// Runs the simulation and prints its report; `Ok(false)` when a check or an adversary failed.
pub async fn run(args: &Args) -> Result<bool, String> {
    let quiet = QuietStdout::new();
    let report = simulate(args.sim.config()).await;
    drop(quiet);
    let report = report.map_err(|e| e.to_string())?;
    print!("{report}");
    super::write_json(args.json.as_deref(), &report)?;
    Ok(report.all_pass())
}
