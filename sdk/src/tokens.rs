//! Token account and mint instructions the CLI needs around the programs.

use anchor_lang::prelude::Pubkey;
use anchor_spl::token_2022::spl_token_2022;
use solana_instruction::{AccountMeta, Instruction};
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

/// The owner's associated token account for `mint`, created if missing (idempotent): the
/// Associated Token program's `CreateIdempotent`, with the address from `pda` (remembered,
/// where the interface's builder searches for it again on every call).
pub fn ata(
    payer: &Pubkey,
    owner: &Pubkey,
    mint: &Pubkey,
    token_program: &Pubkey,
) -> (Pubkey, Instruction) {
    const CREATE_IDEMPOTENT: u8 = 1;
    let address = pda::associated_token(owner, mint, token_program);
    let ix = Instruction {
        program_id: anchor_spl::associated_token::ID,
        accounts: vec![
            AccountMeta::new(*payer, true),
            AccountMeta::new(address, false),
            AccountMeta::new_readonly(*owner, false),
            AccountMeta::new_readonly(*mint, false),
            AccountMeta::new_readonly(anchor_lang::system_program::ID, false),
            AccountMeta::new_readonly(*token_program, false),
        ],
        data: vec![CREATE_IDEMPOTENT],
    };
    (address, ix)
}

/// Mints `amount` base units of `mint` into the token account `to`; `authority`, the mint
/// authority, signs.
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

#[cfg(test)]
mod tests {
    use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;

    use super::*;

    #[test]
    fn ata_is_the_interfaces_create_idempotent() {
        let (payer, owner) = (Pubkey::new_unique(), Pubkey::new_unique());
        for token_program in [anchor_spl::token::ID, anchor_spl::token_2022::ID] {
            let mint = Pubkey::new_unique();
            let (address, ix) = ata(&payer, &owner, &mint, &token_program);
            assert_eq!(
                ix,
                create_associated_token_account_idempotent(&payer, &owner, &mint, &token_program)
            );
            assert_eq!(address, ix.accounts[1].pubkey);
        }
    }
}
