use anchor_lang::prelude::*;

use super::freeze_or_thaw::*;
use crate::errors::CentralBankError;

pub fn handle_thaw_currency_account(ctx: Context<FreezeOrThaw>) -> Result<()> {
    let a = &ctx.accounts;
    a.attestation
        .require_valid(1, Clock::get()?.unix_timestamp)?;
    require!(a.token_account.is_frozen(), CentralBankError::NotFrozen);
    a.set_frozen(false)
}
