//! The marketplace.

mod amm;
mod carbon;
mod compliance;
mod exchange;
mod mint_extensions;
mod stabilize;
mod twap_interval;
