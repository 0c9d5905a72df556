//! The member's community position: the accounts `invest`, `divest` and `claim_rewards` share
//! (one struct for the three instructions). The member account owns the position and signs the
//! community instructions by CPI; the wallet pays in and is paid out.
use anchor_lang::prelude::*;
use community::program::Community as CommunityProgram;

use super::authorized::*;
use crate::errors::MemberError;

/// The member's community accounts (the community program checks them).
#[derive(Accounts)]
pub struct CommunityAccounts<'info> {
    /// CHECK: the member's community; matched to its affiliation, the community program checks it.
    #[account(mut)]
    pub community: UncheckedAccount<'info>,
    /// CHECK: the member account's position; the community program checks it.
    #[account(mut)]
    pub position: UncheckedAccount<'info>,
    /// CHECK: the community vault; the community program checks it.
    #[account(mut)]
    pub community_vault: UncheckedAccount<'info>,
    pub community_program: Program<'info, CommunityProgram>,
}

#[derive(Accounts)]
pub struct CommunityMove<'info> {
    pub auth: Authorized<'info>,
    pub community: CommunityAccounts<'info>,
}

impl<'info> CommunityMove<'info> {
    pub(crate) fn check_community(&self) -> Result<()> {
        require_keys_eq!(
            self.community.community.key(),
            self.auth.member.community,
            MemberError::WrongAffiliation
        );
        Ok(())
    }

    pub(crate) fn redeem_accounts(
        &self,
    ) -> Result<community::cpi::accounts::PayFromPosition<'info>> {
        self.check_community()?;
        let auth = &self.auth;
        Ok(community::pay_from_position_accounts!(
            self.community,
            auth.member,
            auth.currency_mint,
            auth.wallet_currency,
            auth.token_program
        ))
    }
}
