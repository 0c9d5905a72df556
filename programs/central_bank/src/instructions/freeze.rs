use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{self, FreezeAccount, Mint, ThawAccount, TokenAccount},
};

use crate::{errors::CentralBankError, events::FreezeEvent, seeds, state::*, token_ops};

/// Permissionless: freeze a currency account whose owner's attestation is revoked, or thaw
/// one whose owner holds a valid attestation again.
#[derive(Accounts)]
pub struct FreezeOrThaw<'info> {
    #[account(seeds = [seeds::RESERVE], bump = reserve.bump, has_one = currency_mint)]
    pub reserve: Box<Account<'info, Reserve>>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, token::mint = currency_mint, token::token_program = currency_token_program)]
    pub token_account: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(seeds = [seeds::ATTESTATION, token_account.owner.as_ref()], bump = attestation.bump)]
    pub attestation: Box<Account<'info, Attestation>>,
    pub currency_token_program: Program<'info, Token2022>,
}

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
