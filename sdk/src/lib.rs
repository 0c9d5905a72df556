//! SourceEnergy Rust SDK, the crate a dApp developer adds: PDA helpers (built from the
//! programs' own seed constants), instruction builders, account readers, error and event
//! decoding, the transaction packer, and one `Chain` interface with its JSON-RPC backend. No engine and no CLI: the
//! embedded backend lives in `sourceenergy-engine`, the CLI and simulator in `sourceenergy`.

pub mod central_bank;
pub mod chain;
pub mod community;
pub mod errors;
pub mod events;
pub mod grid_market;
pub mod household;
pub mod marketplace;
pub mod member;
pub mod packer;
pub mod pda;
pub mod read;
pub mod rpc;
pub mod tokens;

pub use ::central_bank as central_bank_program;

use anchor_lang::{prelude::Pubkey, InstructionData, ToAccountMetas};
use solana_instruction::Instruction;

/// An instruction of `program_id` from its generated accounts struct and data.
pub(crate) fn build_ix(
    program_id: Pubkey,
    accounts: impl ToAccountMetas,
    data: impl InstructionData,
) -> Instruction {
    Instruction {
        program_id,
        accounts: accounts.to_account_metas(None),
        data: data.data(),
    }
}
