use anchor_lang::prelude::*;
use grid_market::{
    cpi::accounts::{Claim, RevenueAccounts},
    program::GridMarket,
};

use super::trust::*;

/// Permissionless: the trust claims an L3 epoch's revenue of its own meters.
#[derive(Accounts)]
pub struct ClaimHouseholdGridRevenue<'info> {
    pub trust: Trust<'info>,
    /// CHECK: the trust's L3 contributor record; L3 checks it.
    #[account(mut)]
    pub contributor: UncheckedAccount<'info>,
    /// CHECK: L3 checks it.
    pub market: UncheckedAccount<'info>,
    /// CHECK: L3 checks it.
    #[account(mut)]
    pub epoch: UncheckedAccount<'info>,
    /// CHECK: L3 checks it.
    #[account(mut)]
    pub revenue_vault: UncheckedAccount<'info>,
    pub grid_market_program: Program<'info, GridMarket>,
}

pub fn handle_claim_grid_revenue(ctx: Context<ClaimHouseholdGridRevenue>) -> Result<()> {
    let a = &mut *ctx.accounts;
    let t = &a.trust;
    let before = t.vault.amount;
    grid_market::cpi::claim(CpiContext::new_with_signer(
        a.grid_market_program.key(),
        Claim {
            owner: t.household.to_account_info(),
            contributor: a.contributor.to_account_info(),
            revenue: RevenueAccounts {
                market: a.market.to_account_info(),
                epoch: a.epoch.to_account_info(),
                currency_mint: t.currency_mint.to_account_info(),
                revenue_vault: a.revenue_vault.to_account_info(),
                token_program: t.token_program.to_account_info(),
            },
            recipient: t.vault.to_account_info(),
        },
        &[&t.household.seeds()],
    ))?;
    a.trust.book_income(before)
}
