//! Income: the trust claims from the layers above by CPI, signed by its PDA.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use community::{cpi::accounts::PayFromPosition, program::Community as CommunityProgram};
use grid_market::{
    cpi::accounts::{Claim, RevenueAccounts},
    program::GridMarket,
};

use crate::{
    errors::{HouseholdError, MathExt},
    events::IncomeEvent,
    seeds,
    state::*,
};

/// The trust and its vault, as every income movement uses them.
#[derive(Accounts)]
pub struct Trust<'info> {
    #[account(
        mut, seeds = [seeds::HOUSEHOLD, household.id.as_ref()], bump = household.bump,
        has_one = vault, has_one = currency_mint,
    )]
    pub household: Box<Account<'info, Household>>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

impl<'info> Trust<'info> {
    /// Books what arrived in the vault since `before` as income.
    fn book_income(&mut self, before: u64) -> Result<()> {
        self.vault.reload()?;
        let received = se_math::checked_sub(self.vault.amount, before).math()?;
        require!(received > 0, HouseholdError::ZeroAmount);
        self.household.receive(received)?;
        emit_event!(IncomeEvent {
            household: self.household.key(),
            amount: received,
        });
        self.household.invariant(self.vault.amount)
    }
}

/// Permissionless: the trust claims its community rewards (its PDA signs the L4 claim).
#[derive(Accounts)]
pub struct ClaimCommunityRewards<'info> {
    pub trust: Trust<'info>,
    /// CHECK: L4 checks it (and that it is the trust's position's community).
    #[account(mut)]
    pub community: UncheckedAccount<'info>,
    /// CHECK: L4 checks it.
    #[account(mut)]
    pub position: UncheckedAccount<'info>,
    /// CHECK: L4 checks it.
    #[account(mut)]
    pub community_vault: UncheckedAccount<'info>,
    pub community_program: Program<'info, CommunityProgram>,
}

pub fn handle_claim_community_rewards(ctx: Context<ClaimCommunityRewards>) -> Result<()> {
    let a = &mut *ctx.accounts;
    let t = &a.trust;
    let before = t.vault.amount;
    community::cpi::claim_rewards(CpiContext::new_with_signer(
        a.community_program.key(),
        PayFromPosition {
            owner: t.household.to_account_info(),
            community: a.community.to_account_info(),
            position: a.position.to_account_info(),
            currency_mint: t.currency_mint.to_account_info(),
            vault: a.community_vault.to_account_info(),
            destination: t.vault.to_account_info(),
            token_program: t.token_program.to_account_info(),
        },
        &[&t.household.seeds()],
    ))?;
    a.trust.book_income(before)
}

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
