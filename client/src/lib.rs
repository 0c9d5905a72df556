//! SourceEnergy Rust SDK: PDA helpers (built from the programs' own seed constants),
//! instruction builders and account readers. The integration tests and the CLI use it.

pub mod central_bank;
pub mod community;
pub mod grid_market;
pub mod household;
pub mod marketplace;
pub mod member;
pub mod pda;
pub mod read;

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
