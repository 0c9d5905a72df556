//! Every program through the real runtime: native programs, real SPL Token / Token-2022 / ATA.

// Tests re-send one instruction several times; `&[ix.clone()]` reads better than `from_ref`.
#![allow(clippy::cloned_ref_to_slice_refs)]

mod central_bank;
mod cli;
mod community;
mod engine;
mod grid_market;
mod localnet_economy;
mod marketplace;
mod node;
mod stack;
