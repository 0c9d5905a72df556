use anchor_lang::prelude::*;
use grid_market::program::GridMarket;

use super::trust::*;

/// Permissionless: the trust claims a grid_market epoch's revenue of its own meters.
#[derive(Accounts)]
pub struct ClaimHouseholdGridRevenue<'info> {
    pub trust: Trust<'info>,
    /// CHECK: the trust's grid_market contributor record; grid_market checks it.
    #[account(mut)]
    pub contributor: UncheckedAccount<'info>,
    /// CHECK: grid_market checks it.
    pub market: UncheckedAccount<'info>,
    /// CHECK: grid_market checks it.
    #[account(mut)]
    pub epoch: UncheckedAccount<'info>,
    /// CHECK: grid_market checks it.
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
        grid_market::claim_accounts!(a, t.household, t.currency_mint, t.token_program, t.vault),
        &[&t.household.seeds()],
    ))?;
    a.trust.book_income(before)
}
