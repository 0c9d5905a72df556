use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};

use super::fund_ops::pay_from_vault;
use crate::{
    errors::{CommunityError, MathExt},
    events::ProjectEvent,
    seeds,
    state::*,
};

/// The manager pays `amount` of the fund's liquid currency to a project's builder, up to its
/// budget. The fund's value is unchanged: the currency becomes project capital at cost.
#[derive(Accounts)]
pub struct FundProject<'info> {
    pub manager: Signer<'info>,
    #[account(
        mut, seeds = [seeds::COMMUNITY, community.id.as_ref()], bump = community.bump,
        has_one = manager, has_one = vault, has_one = currency_mint,
    )]
    pub community: Box<Account<'info, Community>>,
    #[account(
        mut, seeds = [seeds::PROJECT, community.key().as_ref(), project.id.as_ref()], bump = project.bump,
        has_one = community, has_one = payee,
    )]
    pub project: Box<Account<'info, Project>>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut)]
    pub payee: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

pub fn handle_fund_project(ctx: Context<FundProject>, amount: u64) -> Result<()> {
    require!(amount > 0, CommunityError::ZeroAmount);
    let a = &mut *ctx.accounts;
    let funded = se_math::checked_add(a.project.funded, amount).math()?;
    require!(funded <= a.project.capex, CommunityError::ExceedsCapex);
    require!(
        amount <= a.community.liquid,
        CommunityError::InsufficientLiquidity
    );
    let (c, to) = (&a.community, a.payee.to_account_info());
    pay_from_vault(&to, amount, c, &a.vault, &a.currency_mint, &a.token_program)?;
    a.project.funded = funded;
    let c = &mut a.community;
    c.liquid -= amount;
    c.invested = se_math::checked_add(c.invested, amount).math()?;
    emit_event!(ProjectEvent {
        community: c.key(),
        project: a.project.id,
        amount,
        funded,
    });
    a.vault.reload()?;
    a.community.invariant(a.vault.amount)
}
