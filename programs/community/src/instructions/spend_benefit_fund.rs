//! The manager spends the benefit fund (the community fee and revenue released while no share
//! was staked) on the community's behalf.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};

use super::fund_ops::{pay_from_vault, verify_registrar};
use crate::{errors::CommunityError, events::BenefitSpendEvent, seeds, state::*};

/// The community's manager, still holding the central bank's community-registrar role, pays out of
/// the benefit fund to a currency account it names.
#[derive(Accounts)]
pub struct SpendBenefitFund<'info> {
    pub manager: Signer<'info>,
    /// CHECK: verified by `central_bank::checks::verify_role` (CommunityRegistrar of `manager`).
    pub manager_role: UncheckedAccount<'info>,
    #[account(
        mut, seeds = [seeds::COMMUNITY, community.id.as_ref()], bump = community.bump,
        has_one = manager @ CommunityError::NotManager, has_one = vault, has_one = currency_mint,
    )]
    pub community: Box<Account<'info, Community>>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// Receives the payment.
    #[account(mut, token::mint = currency_mint)]
    pub recipient: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

/// Pays `amount` (currency base units, at most the benefit fund) to `recipient`. The running
/// revenue stream is brought up to date first, so what it released while nothing was staked
/// counts.
pub fn handle_spend_benefit_fund(ctx: Context<SpendBenefitFund>, amount: u64) -> Result<()> {
    require!(amount > 0, CommunityError::ZeroAmount);
    let a = &mut *ctx.accounts;
    verify_registrar(&a.manager_role, &a.manager.key())?;
    a.community.accrue(Clock::get()?.unix_timestamp)?;
    require!(
        amount <= a.community.benefit_fund,
        CommunityError::InsufficientBenefitFund
    );
    require!(
        amount <= a.community.income_cash(a.vault.amount),
        CommunityError::RevenueNotReceived
    );
    let (c, to) = (&a.community, a.recipient.to_account_info());
    pay_from_vault(&to, amount, c, &a.vault, &a.currency_mint, &a.token_program)?;
    let c = &mut a.community;
    c.benefit_fund -= amount;
    emit_event!(BenefitSpendEvent {
        community: c.key(),
        recipient: a.recipient.key(),
        amount,
        remaining: c.benefit_fund,
    });
    a.vault.reload()?;
    a.community.invariant(a.vault.amount)
}
