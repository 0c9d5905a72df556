//! Capital: the trustees invest members' contributions in the community fund.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};

use super::community_deposit::*;
use crate::{
    errors::{HouseholdError, MathExt},
    events::InvestEvent,
    seeds,
    state::*,
};

/// Trustees invest uninvested contributions in the community fund.
#[derive(Accounts)]
pub struct Invest<'info> {
    #[account(
        mut, seeds = [seeds::HOUSEHOLD, household.id.as_ref()], bump = household.bump,
        has_one = vault, has_one = currency_mint,
    )]
    pub household: Box<Account<'info, Household>>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    pub community: CommunityDeposit<'info>,
    pub token_program: Program<'info, Token2022>,
}

pub fn handle_invest(ctx: Context<Invest>, amount: u64) -> Result<()> {
    require!(amount > 0, HouseholdError::ZeroAmount);
    let a = &mut *ctx.accounts;
    a.household.require_trustees(ctx.remaining_accounts)?;
    require!(
        amount <= a.household.capital,
        HouseholdError::InsufficientCapital
    );
    a.community.refs().deposit(
        &a.household,
        &a.vault,
        &a.currency_mint,
        &a.token_program.to_account_info(),
        amount,
    )?;
    let h = &mut a.household;
    h.capital -= amount;
    h.invested = se_math::checked_add(h.invested, amount).math()?;
    emit_event!(InvestEvent {
        household: h.key(),
        community: h.community,
        amount,
    });
    a.vault.reload()?;
    a.household.invariant(a.vault.amount)
}
