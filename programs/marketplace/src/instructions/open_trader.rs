use anchor_lang::prelude::*;

use crate::{errors::MarketplaceError, seeds, state::Trader};

/// Creates the wallet's volume record; needed once before its first deposit or swap.
#[derive(Accounts)]
pub struct OpenTrader<'info> {
    #[account(mut)]
    pub wallet: Signer<'info>,
    /// CHECK: created here by `se_anchor::create_pda` (its address is predictable, so
    /// pre-funding it must not keep the wallet from trading).
    #[account(mut, seeds = [seeds::TRADER, wallet.key().as_ref()], bump)]
    pub trader: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

pub fn handle_open_trader(ctx: Context<OpenTrader>) -> Result<()> {
    let a = &ctx.accounts;
    let trader = Trader {
        bump: ctx.bumps.trader,
        wallet: a.wallet.key(),
        buckets: Default::default(),
        lifetime_volume: 0,
    };
    trader.invariant()?;
    se_anchor::create_pda(
        &a.wallet.to_account_info(),
        &a.trader,
        &a.system_program.to_account_info(),
        &[seeds::TRADER, trader.wallet.as_ref(), &[trader.bump]],
        8 + Trader::INIT_SPACE,
        &trader,
        &crate::ID,
        MarketplaceError::TraderExists.into(),
    )
}
