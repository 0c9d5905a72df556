//! L1 central bank through the real runtime (native program, real SPL Token / Token-2022).

// Tests re-send one instruction several times; `&[ix.clone()]` reads better than `from_ref`.
#![allow(clippy::cloned_ref_to_slice_refs)]

mod compliance;
mod governance;
mod reserve;
mod savings;
mod sizes;
