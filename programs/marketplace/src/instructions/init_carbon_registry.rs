use anchor_lang::prelude::*;
use anchor_spl::{token_2022::Token2022, token_interface::Mint};

use crate::{seeds, state::*};

/// Creates the carbon registry and the carbon credit mint, bound to L3's energy credit mint.
/// Runs once (fixed-seed `init`).
#[derive(Accounts)]
pub struct InitCarbonRegistry<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    #[account(init, payer = payer, space = 8 + CarbonRegistry::INIT_SPACE, seeds = [seeds::CARBON_REGISTRY], bump)]
    pub registry: Box<Account<'info, CarbonRegistry>>,
    #[account(
        init, payer = payer, seeds = [seeds::CARBON_MINT], bump,
        mint::decimals = 6, mint::authority = registry, mint::token_program = token_program,
    )]
    pub carbon_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(
        seeds = [seeds::ENERGY_CREDIT_MINT], bump, seeds::program = seeds::GRID_MARKET_ID,
        mint::token_program = token_program,
    )]
    pub energy_credit_mint: Box<InterfaceAccount<'info, Mint>>,
    pub token_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

pub fn handle_init_carbon_registry(ctx: Context<InitCarbonRegistry>) -> Result<()> {
    let registry = &mut ctx.accounts.registry;
    registry.bump = ctx.bumps.registry;
    registry.carbon_mint = ctx.accounts.carbon_mint.key();
    registry.energy_credit_mint = ctx.accounts.energy_credit_mint.key();
    Ok(())
}
