//! The accounts `freeze_currency_account` and `thaw_currency_account` share (one struct for
//! both instructions), and the freeze or thaw itself.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{self, FreezeAccount, Mint, ThawAccount, TokenAccount},
};

use crate::{events::FreezeEvent, seeds, state::*, token_ops};

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

impl FreezeOrThaw<'_> {
    /// Freezes (`frozen`) or thaws the token account, the reserve signing as freeze authority.
    pub(crate) fn set_frozen(&self, frozen: bool) -> Result<()> {
        let seeds = token_ops::reserve_seeds(&self.reserve);
        let program = self.currency_token_program.key();
        let account = self.token_account.to_account_info();
        let mint = self.currency_mint.to_account_info();
        let authority = self.reserve.to_account_info();
        if frozen {
            token_interface::freeze_account(CpiContext::new_with_signer(
                program,
                FreezeAccount {
                    account,
                    mint,
                    authority,
                },
                &[&seeds],
            ))?;
        } else {
            token_interface::thaw_account(CpiContext::new_with_signer(
                program,
                ThawAccount {
                    account,
                    mint,
                    authority,
                },
                &[&seeds],
            ))?;
        }
        emit_event!(FreezeEvent {
            token_account: self.token_account.key(),
            wallet: self.attestation.wallet,
            frozen,
        });
        Ok(())
    }
}
