//! SourceEnergy Rust SDK: PDA helpers (built from the programs' own seed constants),
//! instruction builders, account readers, one chain interface with an embedded and an RPC
//! backend, the transaction packer, the crank and the economy simulator. The integration
//! tests and the `sourceenergy` CLI use it.

pub mod bootstrap;
pub mod central_bank;
pub mod chain;
pub mod community;
pub mod crank;
pub mod embedded;
pub mod grid_market;
pub mod household;
pub mod marketplace;
pub mod member;
pub mod packer;
pub mod pda;
pub mod read;
pub mod rpc;
pub mod sim;
pub mod status;
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
