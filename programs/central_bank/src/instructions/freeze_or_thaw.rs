//! The accounts `freeze_currency_account` and `thaw_currency_account` share (one struct for
//! both instructions).
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};

use crate::{seeds, state::*};

/// Permissionless: freeze a currency account whose owner's attestation is revoked, or thaw
/// one whose owner holds a valid attestation again.
#[derive(Accounts)]
pub struct FreezeOrThaw<'info> {
    #[account(seeds = [seeds::RESERVE], bump = reserve.bump, has_one = currency_mint)]
    pub reserve: Box<Account<'info, Reserve>>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, token::mint = currency_mint, token::token_program = currency_token_program)]
    pub token_account: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(seeds = [seeds::ATTESTATION, token_account.owner.as_ref()], bump = attestation.bump)]
    pub attestation: Box<Account<'info, Attestation>>,
    pub currency_token_program: Program<'info, Token2022>,
}
