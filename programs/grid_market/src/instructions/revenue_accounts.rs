//! The accounts every revenue movement of an epoch shares (settle, claim, sweep).
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};

use crate::{seeds, state::*};

/// Accounts every revenue movement of an epoch shares.
#[derive(Accounts)]
pub struct RevenueAccounts<'info> {
    #[account(seeds = [seeds::MARKET], bump = market.bump, has_one = currency_mint, has_one = revenue_vault)]
    pub market: Box<Account<'info, Market>>,
    #[account(mut, seeds = [seeds::EPOCH, &epoch.index.to_le_bytes()], bump = epoch.bump)]
    pub epoch: Box<Account<'info, Epoch>>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub revenue_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

impl<'info> RevenueAccounts<'info> {
    /// Pays `amount` out of the revenue vault, signed by the market.
    pub(crate) fn pay(&self, to: &AccountInfo<'info>, amount: u64) -> Result<()> {
        if amount == 0 {
            return Ok(());
        }
        let market_seeds = [seeds::MARKET, std::slice::from_ref(&self.market.bump)];
        se_anchor::transfer(
            &self.token_program.to_account_info(),
            &self.revenue_vault,
            &self.currency_mint,
            to,
            &self.market.to_account_info(),
            amount,
            &[&market_seeds],
        )
    }
}
