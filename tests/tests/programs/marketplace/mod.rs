//! L2 marketplace.

mod amm;
mod compliance;
mod exchange;
