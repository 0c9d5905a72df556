//! Token account and mint instructions the CLI needs around the programs.

use anchor_lang::prelude::Pubkey;
use anchor_spl::{
    associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent,
    token_2022::spl_token_2022,
};
use solana_instruction::Instruction;
use solana_sdk::{program_pack::Pack, rent::Rent};

use crate::pda;

/// Creates and initialises a mint at `mint` (which must sign) under `token_program`.
pub fn create_mint(
    payer: &Pubkey,
    mint: &Pubkey,
    authority: &Pubkey,
    decimals: u8,
    token_program: &Pubkey,
) -> [Instruction; 2] {
    let space = spl_token_2022::state::Mint::LEN;
    [
        anchor_lang::solana_program::system_instruction::create_account(
            payer,
            mint,
            Rent::default().minimum_balance(space),
            space as u64,
            token_program,
        ),
        spl_token_2022::instruction::initialize_mint2(
            token_program,
            mint,
            authority,
            Some(authority),
            decimals,
        )
        .expect("valid mint instruction"),
    ]
}

/// The owner's associated token account for `mint`, created if missing (idempotent).
pub fn ata(
    payer: &Pubkey,
    owner: &Pubkey,
    mint: &Pubkey,
    token_program: &Pubkey,
) -> (Pubkey, Instruction) {
    (
        pda::associated_token(owner, mint, token_program),
        create_associated_token_account_idempotent(payer, owner, mint, token_program),
    )
}

pub fn mint_to(
    token_program: &Pubkey,
    mint: &Pubkey,
    to: &Pubkey,
    authority: &Pubkey,
    amount: u64,
) -> Instruction {
    spl_token_2022::instruction::mint_to(token_program, mint, to, authority, &[], amount)
        .expect("valid mint_to instruction")
}

/// Reads a token account's balance from its raw data (SPL Token and Token-2022 share the
/// first 72 bytes of the layout: mint, owner, amount).
pub fn amount(data: &[u8]) -> u64 {
    data.get(64..72)
        .map_or(0, |b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
}

/// A mint's supply from its raw data (bytes 36..44 in both token programs).
pub fn supply(data: &[u8]) -> u64 {
    data.get(36..44)
        .map_or(0, |b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
}
