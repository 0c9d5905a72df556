//! SourceEnergy Rust SDK: PDA helpers (built from the programs' own seed constants),
//! instruction builders and account readers. The integration tests and the CLI use it.

pub mod central_bank;
pub mod community;
pub mod grid_market;
pub mod marketplace;
pub mod pda;
pub mod read;

pub use ::central_bank as central_bank_program;
