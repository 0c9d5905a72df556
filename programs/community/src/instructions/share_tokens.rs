//! The accounts `tokenize` and `stake` share (one struct for both instructions).
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};

use super::fund_ops::verify_holder;
use crate::{seeds, state::*};

/// Moves shares between a position and the share mint. Tokenized shares are transferable but
/// earn no rewards until staked back into a position; both ways need the holder's valid
/// attestation (`verify_holder`), so share tokens in a never-attested wallet stay tokens.
#[derive(Accounts)]
pub struct ShareTokens<'info> {
    pub owner: Signer<'info>,
    /// CHECK: the owner's attestation, verified by `central_bank::checks::verify_attestation`.
    pub attestation: Option<UncheckedAccount<'info>>,
    /// CHECK: verified by `central_bank::checks::load_policy`.
    pub policy: Option<UncheckedAccount<'info>>,
    #[account(
        mut, seeds = [seeds::COMMUNITY, community.id.as_ref()], bump = community.bump,
        has_one = share_mint,
    )]
    pub community: Box<Account<'info, Community>>,
    #[account(
        mut, has_one = owner, has_one = community,
        seeds = [seeds::POSITION, community.key().as_ref(), owner.key().as_ref()], bump = position.bump,
    )]
    pub position: Box<Account<'info, Position>>,
    #[account(mut)]
    pub share_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, token::mint = share_mint, token::authority = owner)]
    pub tokens: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

impl ShareTokens<'_> {
    pub(crate) fn verify_holder(&self) -> Result<()> {
        verify_holder(&self.owner, self.policy.as_ref(), self.attestation.as_ref())
    }
}
