//! L2 marketplace.

mod amm;
mod carbon;
mod compliance;
mod exchange;
mod stabilize;
mod twap_interval;
