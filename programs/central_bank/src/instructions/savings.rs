use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;
use se_math::savings::{shares_for_deposit, shares_for_withdrawal};

use super::savings_vaults::*;
use crate::{
    checks,
    errors::{CentralBankError, MathExt},
    events::SavingsEvent,
    seeds,
    state::*,
    token_ops,
};

#[derive(Accounts)]
pub struct OpenSavings<'info> {
    #[account(mut)]
    pub owner: Signer<'info>,
    #[account(
        init, payer = owner, space = 8 + SavingsPosition::INIT_SPACE,
        seeds = [seeds::SAVINGS_POSITION, owner.key().as_ref()], bump,
    )]
    pub position: Box<Account<'info, SavingsPosition>>,
    pub system_program: Program<'info, System>,
}

pub fn handle_open_savings(ctx: Context<OpenSavings>) -> Result<()> {
    let position = &mut ctx.accounts.position;
    position.bump = ctx.bumps.position;
    position.owner = ctx.accounts.owner.key();
    Ok(())
}

#[derive(Accounts)]
pub struct CloseSavings<'info> {
    #[account(mut)]
    pub owner: Signer<'info>,
    #[account(
        mut, close = owner, has_one = owner,
        seeds = [seeds::SAVINGS_POSITION, owner.key().as_ref()], bump = position.bump,
    )]
    pub position: Box<Account<'info, SavingsPosition>>,
}

pub fn handle_close_savings(ctx: Context<CloseSavings>) -> Result<()> {
    require!(
        ctx.accounts.position.shares == 0,
        CentralBankError::PositionNotEmpty
    );
    Ok(())
}

/// Deposit and withdrawal share these accounts. Both accrue first, so a deposit never
/// captures interest earned before it, and a withdrawal gets everything earned up to now.
#[derive(Accounts)]
pub struct MoveSavings<'info> {
    pub owner: Signer<'info>,
    /// CHECK: verified by `checks::verify_attestation` (owner, seeds, wallet, level, expiry).
    pub attestation: UncheckedAccount<'info>,
    #[account(seeds = [seeds::POLICY], bump = policy.bump)]
    pub policy: Box<Account<'info, Policy>>,
    #[account(
        mut, has_one = owner,
        seeds = [seeds::SAVINGS_POSITION, owner.key().as_ref()], bump = position.bump,
    )]
    pub position: Box<Account<'info, SavingsPosition>>,
    #[account(mut, token::mint = savings.currency_mint, token::authority = owner)]
    pub owner_currency: Box<InterfaceAccount<'info, TokenAccount>>,
    pub savings: SavingsVaults<'info>,
}

pub fn handle_savings_deposit(ctx: Context<MoveSavings>, amount: u64) -> Result<()> {
    require!(amount > 0, CentralBankError::ZeroAmount);
    let params = ctx.accounts.policy.params;
    let now = Clock::get()?.unix_timestamp;
    checks::verify_attestation(
        &ctx.accounts.attestation,
        &ctx.accounts.owner.key(),
        params.min_level(ActionClass::Savings),
        now,
    )?;
    let accounts = &mut *ctx.accounts;
    accounts.savings.accrue(&params, now)?;

    let shares = shares_for_deposit(amount, accounts.savings.reserve.savings_index).math()?;
    require!(shares > 0, CentralBankError::ZeroAmount);
    token_ops::transfer_from_user(
        &accounts.savings.currency_token_program.to_account_info(),
        &accounts.owner,
        &accounts.owner_currency,
        &accounts.savings.currency_mint,
        &accounts.savings.savings_vault.to_account_info(),
        amount,
    )?;
    accounts.savings.savings_vault.reload()?;
    record(accounts, shares, amount, true)?;
    accounts.savings.invariant(&params)
}

/// Withdrawal needs a valid attestation at the savings level, like a deposit: a frozen
/// currency account is not enough, since a revoked wallet could name a fresh, unfrozen one.
/// The value of a revoked or expired wallet stays in its position, still earning interest,
/// and can be withdrawn in full once its provider renews the attestation.
pub fn handle_savings_withdraw(ctx: Context<MoveSavings>, amount: u64) -> Result<()> {
    require!(amount > 0, CentralBankError::ZeroAmount);
    let params = ctx.accounts.policy.params;
    let now = Clock::get()?.unix_timestamp;
    checks::verify_attestation(
        &ctx.accounts.attestation,
        &ctx.accounts.owner.key(),
        params.min_level(ActionClass::Savings),
        now,
    )?;
    let accounts = &mut *ctx.accounts;
    accounts.savings.accrue(&params, now)?;

    let shares = shares_for_withdrawal(amount, accounts.savings.reserve.savings_index).math()?;
    require!(
        shares <= accounts.position.shares,
        CentralBankError::InsufficientShares
    );
    token_ops::transfer_from_reserve(
        &accounts.savings.currency_token_program.to_account_info(),
        &accounts.savings.reserve,
        &accounts.savings.savings_vault,
        &accounts.savings.currency_mint,
        &accounts.owner_currency.to_account_info(),
        amount,
    )?;
    accounts.savings.savings_vault.reload()?;
    record(accounts, shares, amount, false)?;
    accounts.savings.invariant(&params)
}

fn record(accounts: &mut MoveSavings, shares: u64, amount: u64, deposit: bool) -> Result<()> {
    let position = &mut accounts.position;
    let reserve = &mut accounts.savings.reserve;
    if deposit {
        position.shares = se_math::checked_add(position.shares, shares).math()?;
        position.deposited = se_math::checked_add(position.deposited, amount).math()?;
        reserve.savings_total_shares =
            se_math::checked_add(reserve.savings_total_shares, shares).math()?;
    } else {
        position.shares = se_math::checked_sub(position.shares, shares).math()?;
        position.withdrawn = se_math::checked_add(position.withdrawn, amount).math()?;
        reserve.savings_total_shares =
            se_math::checked_sub(reserve.savings_total_shares, shares).math()?;
    }
    emit_event!(SavingsEvent {
        owner: position.owner,
        deposit,
        amount,
        shares,
    });
    Ok(())
}
