//! Instruction builders for the L3 grid market, from the program's own `accounts` structs.

use anchor_lang::{prelude::Pubkey, system_program, InstructionData, ToAccountMetas};
use anchor_spl::token_2022;
use central_bank::state::RoleKind;
use grid_market::{accounts as acc, instruction as ix, instructions::RegisterMeterArgs};
use solana_instruction::Instruction;

use crate::pda;

fn build(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    Instruction {
        program_id: grid_market::ID,
        accounts: accounts.to_account_metas(None),
        data: data.data(),
    }
}

pub fn init_market(payer: Pubkey) -> Instruction {
    build(
        acc::InitMarket {
            payer,
            policy: pda::policy(),
            market: pda::market(),
            energy_credit_mint: pda::energy_credit_mint(),
            token_program: token_2022::ID,
            system_program: system_program::ID,
        },
        ix::InitMarket {},
    )
}

pub fn register_meter(registrar: Pubkey, args: RegisterMeterArgs) -> Instruction {
    build(
        acc::RegisterMeter {
            registrar,
            registrar_role: pda::role(RoleKind::MeterRegistrar, &registrar),
            meter: pda::meter(&args.meter_id),
            system_program: system_program::ID,
        },
        ix::RegisterMeter { args },
    )
}

pub fn open_epoch(payer: Pubkey, index: u64) -> Instruction {
    build(
        acc::OpenEpoch {
            payer,
            market: pda::market(),
            epoch: pda::epoch(index),
            system_program: system_program::ID,
        },
        ix::OpenEpoch { index },
    )
}

pub fn close_epoch(index: u64) -> Instruction {
    build(
        acc::CloseEpoch {
            epoch: pda::epoch(index),
        },
        ix::CloseEpoch {},
    )
}

/// The meter's oracle reports `cumulative_wh` in epoch `index`; credits go to the owner's
/// energy credit associated token account.
pub fn submit_reading(
    oracle: Pubkey,
    meter_id: Pubkey,
    owner: Pubkey,
    index: u64,
    cumulative_wh: u64,
) -> Instruction {
    build(
        acc::SubmitReading {
            oracle,
            oracle_role: pda::role(RoleKind::MeterOracle, &oracle),
            market: pda::market(),
            meter: pda::meter(&meter_id),
            epoch: pda::epoch(index),
            contributor: pda::contributor(&owner),
            energy_credit_mint: pda::energy_credit_mint(),
            owner_credits: pda::associated_token(
                &owner,
                &pda::energy_credit_mint(),
                &token_2022::ID,
            ),
            token_program: token_2022::ID,
            system_program: system_program::ID,
        },
        ix::SubmitReading { cumulative_wh },
    )
}
