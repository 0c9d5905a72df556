use anchor_lang::prelude::*;
use se_math::fee_ceil;

use super::reserve_swap::*;
use crate::{
    errors::{CentralBankError, MathExt},
    token_ops,
};

/// Deposit `amount` collateral, receive `amount - tin fee` currency.
pub fn handle_mint_currency(ctx: Context<ReserveSwap>, amount: u64, min_out: u64) -> Result<()> {
    require!(amount > 0, CentralBankError::ZeroAmount);
    let a = &mut *ctx.accounts;
    a.check_user()?;

    // Measure what arrived: a Token-2022 collateral with a transfer fee delivers less.
    let before = a.collateral_vault.amount;
    token_ops::transfer_from_user(
        &a.collateral_token_program.to_account_info(),
        &a.user,
        &a.user_collateral,
        &a.collateral_mint,
        &a.collateral_vault.to_account_info(),
        amount,
    )?;
    a.collateral_vault.reload()?;
    let received = se_math::checked_sub(a.collateral_vault.amount, before).math()?;

    let fee = fee_ceil(received, a.policy.params.reserve_tin_bps).math()?;
    let out = received - fee;
    require!(out > 0, CentralBankError::ZeroAmount);
    require!(out >= min_out, CentralBankError::SlippageExceeded);

    let program = a.currency_token_program.to_account_info();
    token_ops::mint_currency_to(
        &program,
        &a.reserve,
        &a.currency_mint,
        &a.user_currency.to_account_info(),
        out,
    )?;
    token_ops::mint_currency_to(
        &program,
        &a.reserve,
        &a.currency_mint,
        &a.surplus_vault.to_account_info(),
        fee,
    )?;
    a.reserve.collateral_held = se_math::checked_add(a.reserve.collateral_held, received).math()?;
    a.finish(true, received, out, fee)
}
