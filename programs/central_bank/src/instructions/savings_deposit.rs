use anchor_lang::prelude::*;
use se_math::savings::shares_for_deposit;

use super::move_savings::*;
use crate::{
    checks,
    errors::{CentralBankError, MathExt},
    state::*,
    token_ops,
};

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
