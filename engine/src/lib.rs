//! The SourceEnergy engine: LiteSVM with the six programs as native builtins (`native`), the
//! `Engine` that hosts them, and the embedded `Chain` backend over it. No SBF toolchain is
//! needed: the programs are compiled for the host, while the SPL Token, Token-2022 and
//! Associated Token programs run as their real SBF binaries, so CPIs into them are metered.
//! Native programs' own compute units are not.

mod embedded;
mod engine;
pub mod native;

pub use embedded::{signed_transaction, Embedded};
pub use engine::{Checked, Engine, HISTORY};
