//! The `sourceenergy` CLI's library: the embedded economy simulation, the settlement crank,
//! bootstrap and status. The binary (`main.rs`) parses arguments and prints; the tests drive
//! these modules directly.

pub mod bench;
pub mod bootstrap;
pub mod crank;
pub mod sim;
pub mod status;
