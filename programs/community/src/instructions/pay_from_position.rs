//! The accounts `withdraw` and `claim_rewards` share (one struct for both instructions, so
//! the two keep one account order), and how they pay out of the fund.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};

use super::fund_ops::pay_from_vault;
use crate::{seeds, state::*};

/// Withdrawals and reward claims of one position, paid to any currency account the owner names.
#[derive(Accounts)]
pub struct PayFromPosition<'info> {
    pub owner: Signer<'info>,
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
    #[account(mut, token::mint = currency_mint)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

impl<'info> PayFromPosition<'info> {
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
