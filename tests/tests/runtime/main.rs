//! The runtime around the programs: the engine itself, the local node over JSON-RPC and
//! websocket, the CLI's simulation, crank, bootstrap and status, and the node with a seeded
//! economy.

// Tests re-send one instruction several times; `&[ix.clone()]` reads better than `from_ref`.
#![allow(clippy::cloned_ref_to_slice_refs)]

mod cli;
mod engine;
mod localnet_economy;
mod node;
