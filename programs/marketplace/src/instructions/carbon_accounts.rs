//! The carbon registry accounts `convert_energy` and `retire_carbon` share.
use anchor_lang::prelude::*;
use anchor_spl::{token_2022::Token2022, token_interface::Mint};

use crate::{seeds, state::*};

/// Accounts shared by conversion and retirement.
#[derive(Accounts)]
pub struct CarbonAccounts<'info> {
    #[account(
        mut, seeds = [seeds::CARBON_REGISTRY], bump = registry.bump,
        has_one = carbon_mint, has_one = energy_credit_mint,
    )]
    pub registry: Box<Account<'info, CarbonRegistry>>,
    #[account(mut)]
    pub carbon_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub energy_credit_mint: Box<InterfaceAccount<'info, Mint>>,
    pub token_program: Program<'info, Token2022>,
}
