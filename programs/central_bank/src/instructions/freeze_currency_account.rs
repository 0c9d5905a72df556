use anchor_lang::prelude::*;

use super::freeze_or_thaw::*;
use crate::errors::CentralBankError;

pub fn handle_freeze_currency_account(ctx: Context<FreezeOrThaw>) -> Result<()> {
    let a = &ctx.accounts;
    require!(
        a.attestation.revoked,
        CentralBankError::AttestationNotRevoked
    );
    require!(
        !a.token_account.is_frozen(),
        CentralBankError::AlreadyFrozen
    );
    a.set_frozen(true)
}
