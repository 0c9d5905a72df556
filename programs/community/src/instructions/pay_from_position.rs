//! The accounts `withdraw` and `claim_rewards` share (one struct for both instructions, so
//! the two keep one account order), and how they pay out of the fund.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};

use super::fund_ops::{pay_from_vault, verify_holder};
use crate::{errors::CommunityError, lower::signs_through_lower_layer, seeds, state::*};

/// Withdrawals and reward claims of one position. A wallet is paid into a currency account it
/// owns, while its attestation is valid; a trust or member account into the account its own
/// program names (that program checks the people behind it).
#[derive(Accounts)]
pub struct PayFromPosition<'info> {
    pub owner: Signer<'info>,
    /// CHECK: a wallet owner's attestation, verified by `central_bank::checks::verify_attestation`
    /// (see `verify_holder`); `None` for a trust or member account.
    pub attestation: Option<UncheckedAccount<'info>>,
    /// CHECK: verified by `central_bank::checks::load_policy`; `None` with `attestation`.
    pub policy: Option<UncheckedAccount<'info>>,
    #[account(
        mut, seeds = [seeds::COMMUNITY, community.id.as_ref()], bump = community.bump,
        has_one = vault, has_one = currency_mint,
    )]
    pub community: Box<Account<'info, Community>>,
    #[account(
        mut, has_one = owner, has_one = community,
        seeds = [seeds::POSITION, community.key().as_ref(), owner.key().as_ref()], bump = position.bump,
    )]
    pub position: Box<Account<'info, Position>>,
    pub currency_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(
        mut, token::mint = currency_mint,
        constraint = signs_through_lower_layer(&owner) || destination.owner == owner.key()
            @ CommunityError::NotOwnersAccount,
    )]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

impl<'info> PayFromPosition<'info> {
    /// The holder check every payment from a position starts with.
    pub(crate) fn verify_holder(&self) -> Result<()> {
        verify_holder(&self.owner, self.policy.as_ref(), self.attestation.as_ref())
    }

    pub(crate) fn pay_out(&self, amount: u64) -> Result<()> {
        let (c, to) = (&self.community, self.destination.to_account_info());
        pay_from_vault(
            &to,
            amount,
            c,
            &self.vault,
            &self.currency_mint,
            &self.token_program,
        )
    }

    pub(crate) fn finish(&mut self) -> Result<()> {
        self.position.invariant(&self.community)?;
        self.vault.reload()?;
        self.community.invariant(self.vault.amount)
    }
}
