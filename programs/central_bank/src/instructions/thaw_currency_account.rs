use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, ThawAccount};

use super::freeze_or_thaw::*;
use crate::{errors::CentralBankError, events::FreezeEvent, token_ops};

pub fn handle_thaw_currency_account(ctx: Context<FreezeOrThaw>) -> Result<()> {
    let a = &ctx.accounts;
    a.attestation
        .require_valid(1, Clock::get()?.unix_timestamp)?;
    require!(a.token_account.is_frozen(), CentralBankError::NotFrozen);
    let seeds = token_ops::reserve_seeds(&a.reserve);
    token_interface::thaw_account(CpiContext::new_with_signer(
        a.currency_token_program.key(),
        ThawAccount {
            account: a.token_account.to_account_info(),
            mint: a.currency_mint.to_account_info(),
            authority: a.reserve.to_account_info(),
        },
        &[&seeds],
    ))?;
    emit_event!(FreezeEvent {
        token_account: a.token_account.key(),
        wallet: a.attestation.wallet,
        frozen: false,
    });
    Ok(())
}
