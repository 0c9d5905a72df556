use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use central_bank::checks;

use crate::{seeds, state::Market};

/// Creates the market, its currency revenue vault and the energy credit mint (3 decimals: 1 base unit = 1 Wh). Runs once.
/// The epoch length is fixed here from L1 policy so epoch boundaries never move.
#[derive(Accounts)]
pub struct InitMarket<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    /// CHECK: verified by `central_bank::checks::load_policy`.
    pub policy: UncheckedAccount<'info>,
    #[account(init, payer = payer, space = 8 + Market::INIT_SPACE, seeds = [seeds::MARKET], bump)]
    pub market: Box<Account<'info, Market>>,
    #[account(
        init, payer = payer, seeds = [seeds::ENERGY_CREDIT_MINT], bump,
        mint::decimals = 3, mint::authority = market, mint::token_program = token_program,
    )]
    pub energy_credit_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(
        seeds = [central_bank::seeds::CURRENCY_MINT], bump, seeds::program = central_bank::ID,
        mint::token_program = token_program,
    )]
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(
        init, payer = payer, seeds = [seeds::REVENUE_VAULT], bump,
        token::mint = currency_mint, token::authority = market, token::token_program = token_program,
    )]
    pub revenue_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

pub fn handle_init_market(ctx: Context<InitMarket>) -> Result<()> {
    let policy = checks::load_policy(&ctx.accounts.policy)?.params;
    let market = &mut ctx.accounts.market;
    market.bump = ctx.bumps.market;
    market.energy_credit_mint = ctx.accounts.energy_credit_mint.key();
    market.currency_mint = ctx.accounts.currency_mint.key();
    market.revenue_vault = ctx.accounts.revenue_vault.key();
    market.genesis = Clock::get()?.unix_timestamp;
    market.epoch_length_secs = policy.epoch_length_secs;
    Ok(())
}
