use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, FreezeAccount};

use super::freeze_or_thaw::*;
use crate::{errors::CentralBankError, events::FreezeEvent, token_ops};

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
    let seeds = token_ops::reserve_seeds(&a.reserve);
    token_interface::freeze_account(CpiContext::new_with_signer(
        a.currency_token_program.key(),
        FreezeAccount {
            account: a.token_account.to_account_info(),
            mint: a.currency_mint.to_account_info(),
            authority: a.reserve.to_account_info(),
        },
        &[&seeds],
    ))?;
    emit_event!(FreezeEvent {
        token_account: a.token_account.key(),
        wallet: a.attestation.wallet,
        frozen: true,
    });
    Ok(())
}
