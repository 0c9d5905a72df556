use anchor_lang::prelude::*;

use crate::{seeds, state::Trader};

/// Creates the wallet's volume record; needed once before its first deposit or swap.
#[derive(Accounts)]
pub struct OpenTrader<'info> {
    #[account(mut)]
    pub wallet: Signer<'info>,
    #[account(
        init, payer = wallet, space = 8 + Trader::INIT_SPACE,
        seeds = [seeds::TRADER, wallet.key().as_ref()], bump,
    )]
    pub trader: Box<Account<'info, Trader>>,
    pub system_program: Program<'info, System>,
}

pub fn handle_open_trader(ctx: Context<OpenTrader>) -> Result<()> {
    let trader = &mut ctx.accounts.trader;
    trader.bump = ctx.bumps.trader;
    trader.wallet = ctx.accounts.wallet.key();
    trader.invariant()
}
