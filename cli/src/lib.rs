//! The `sourceenergy` CLI's library: the embedded economy simulation (`sim`), the benchmark,
//! the settlement crank, bootstrap and status, and `commands`, one module per command with its
//! arguments. The binary (`main.rs`) only parses and dispatches; the tests drive these modules
//! directly.

pub mod bench;
pub mod bootstrap;
pub mod commands;
pub mod crank;
pub mod quiet_stdout;
pub mod sim;
pub mod status;
