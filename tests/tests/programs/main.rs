//! Every program through the real runtime (native programs, real SPL Token / Token-2022 / ATA):
//! one folder per program, `stack/` for flows across programs. The engine, the node, the CLI and
//! the local economy are tested in the `runtime` test binary.

// Tests re-send one instruction several times; `&[ix.clone()]` reads better than `from_ref`.
#![allow(clippy::cloned_ref_to_slice_refs)]

mod central_bank;
mod community;
mod grid_market;
mod household;
mod marketplace;
mod member;
mod people;
mod stack;
