//! `sourceenergy`: parses the command line and hands it to the command's module in
//! `commands/`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use sourceenergy::commands::{self, Cluster};

#[derive(Parser)]
#[command(
    name = "sourceenergy",
    version,
    about = "SourceEnergy: simulate, bench, localnet, crank, bootstrap, status"
)]
struct Cli {
    #[command(flatten)]
    cluster: Cluster,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a seeded economy and run it through every layer on an embedded runtime.
    Simulate(commands::simulate::Args),
    /// Measure the engine's floor (plain SOL transfers) and the simulation on it, in one run:
    /// transactions per second, their ratio, peak memory.
    Bench(commands::bench::Args),
    /// A local Solana node serving the six programs (no SBF toolchain needed): JSON-RPC on
    /// --port, websocket on --ws-port. Writes a funded payer keypair; Ctrl-C stops it.
    Localnet(commands::localnet::Args),
    /// One crank pass (or every --every seconds): open, close and sweep epochs, claim and
    /// distribute for communities and household trusts.
    Crank(commands::crank::Args),
    /// Set up a cluster from a config (idempotent).
    Bootstrap(commands::bootstrap::Args),
    /// Print the ecosystem's state.
    Status,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Command::Simulate(args) => commands::simulate::run(args).await,
        Command::Bench(args) => commands::bench::run(args).await,
        Command::Localnet(args) => commands::localnet::run(args).await,
        // Its own exit codes: a crank that cannot run here is told apart from a failed pass.
        Command::Crank(args) => return commands::crank::main(args, &cli.cluster).await,
        Command::Bootstrap(args) => commands::bootstrap::run(args, &cli.cluster).await,
        Command::Status => commands::status::run(&cli.cluster).await,
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("some conservation checks or adversary lines FAILED");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
