use anchor_lang::prelude::*;
use se_math::savings::shares_for_withdrawal;

use super::move_savings::*;
use crate::{
    errors::{CentralBankError, MathExt},
    token_ops,
};

/// Withdrawal needs a valid attestation at the savings level, like a deposit: a frozen
/// currency account is not enough, since a revoked wallet could name a fresh, unfrozen one.
/// The value of a revoked or expired wallet stays in its position, still earning interest,
/// and can be withdrawn in full once its provider renews the attestation.
pub fn handle_savings_withdraw(ctx: Context<MoveSavings>, amount: u64) -> Result<()> {
    let accounts = &mut *ctx.accounts;
    let params = accounts.start(amount)?;

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
    accounts.finish(&params, shares, amount, false)
}
