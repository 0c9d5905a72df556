use anchor_lang::prelude::*;
use se_math::fee_ceil;

use super::reserve_swap::*;
use crate::{
    errors::{CentralBankError, MathExt},
    token_ops,
};

/// Pay `amount` currency, receive `amount - tout fee` collateral. The fee moves to the surplus
/// vault; the rest is burned and its collateral released.
pub fn handle_redeem_currency(ctx: Context<ReserveSwap>, amount: u64, min_out: u64) -> Result<()> {
    require!(amount > 0, CentralBankError::ZeroAmount);
    let a = &mut *ctx.accounts;
    a.check_user()?;

    let fee = fee_ceil(amount, a.policy.params.reserve_tout_bps).math()?;
    let out = amount - fee;
    require!(out > 0, CentralBankError::ZeroAmount);
    require!(
        out <= a.reserve.collateral_held,
        CentralBankError::InsufficientCollateral
    );
    require!(out >= min_out, CentralBankError::SlippageExceeded);

    let program = a.currency_token_program.to_account_info();
    if fee > 0 {
        token_ops::transfer_from_user(
            &program,
            &a.user,
            &a.user_currency,
            &a.currency_mint,
            &a.surplus_vault.to_account_info(),
            fee,
        )?;
    }
    se_anchor::burn(
        &program,
        &a.currency_mint.to_account_info(),
        &a.user_currency.to_account_info(),
        &a.user.to_account_info(),
        out,
    )?;
    token_ops::transfer_from_reserve(
        &a.collateral_token_program.to_account_info(),
        &a.reserve,
        &a.collateral_vault,
        &a.collateral_mint,
        &a.user_collateral.to_account_info(),
        out,
    )?;
    a.reserve.collateral_held = se_math::checked_sub(a.reserve.collateral_held, out).math()?;
    a.finish(false, amount, out, fee)
}
