use anchor_lang::prelude::*;
use se_math::savings::shares_for_deposit;

use super::move_savings::*;
use crate::{
    errors::{CentralBankError, MathExt},
    token_ops,
};

pub fn handle_savings_deposit(ctx: Context<MoveSavings>, amount: u64) -> Result<()> {
    let accounts = &mut *ctx.accounts;
    let params = accounts.start(amount)?;

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
    accounts.finish(&params, shares, amount, true)
}
