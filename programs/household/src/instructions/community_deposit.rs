//! The community deposit accounts the trust invests through, shared by `invest` and `distribute`.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount};
use community::{cpi::accounts::DepositToPosition, program::Community as CommunityProgram};
use se_anchor::WithAbsentOptionals;

use crate::{errors::HouseholdError, state::*};

/// The community accounts the trust deposits through (its PDA is both position owner and funder).
#[derive(Accounts)]
pub struct CommunityDeposit<'info> {
    /// CHECK: central bank policy; the community program checks it.
    pub policy: UncheckedAccount<'info>,
    /// CHECK: the household's community; the community program checks it, the handler matches it to
    /// the trust's.
    #[account(mut)]
    pub community: UncheckedAccount<'info>,
    /// CHECK: the trust's position; the community program checks it.
    #[account(mut)]
    pub position: UncheckedAccount<'info>,
    /// CHECK: the community vault; the community program checks it.
    #[account(mut)]
    pub community_vault: UncheckedAccount<'info>,
    pub community_program: Program<'info, CommunityProgram>,
}

impl<'info> CommunityDeposit<'info> {
    pub fn refs(&self) -> CommunityRefs<'info> {
        CommunityRefs {
            policy: self.policy.to_account_info(),
            community: self.community.to_account_info(),
            position: self.position.to_account_info(),
            vault: self.community_vault.to_account_info(),
            program: self.community_program.to_account_info(),
        }
    }
}

/// The community accounts of a deposit by the trust, however the instruction received them.
pub struct CommunityRefs<'info> {
    pub policy: AccountInfo<'info>,
    pub community: AccountInfo<'info>,
    pub position: AccountInfo<'info>,
    pub vault: AccountInfo<'info>,
    pub program: AccountInfo<'info>,
}

impl<'info> CommunityRefs<'info> {
    /// Deposits `amount` from the trust's vault into its community position; the trust's PDA
    /// is both the position owner and the funder.
    pub fn deposit(
        &self,
        household: &Account<'info, Household>,
        vault: &InterfaceAccount<'info, TokenAccount>,
        currency_mint: &InterfaceAccount<'info, Mint>,
        token_program: &AccountInfo<'info>,
        amount: u64,
    ) -> Result<()> {
        require_keys_eq!(
            self.community.key(),
            household.community,
            HouseholdError::WrongCommunity
        );
        let h = household.to_account_info();
        community::cpi::deposit(
            CpiContext::new_with_signer(
                self.program.key(),
                DepositToPosition {
                    owner: h.clone(),
                    funder: h,
                    attestation: None,
                    policy: self.policy.clone(),
                    community: self.community.clone(),
                    position: self.position.clone(),
                    currency_mint: currency_mint.to_account_info(),
                    vault: self.vault.clone(),
                    source: vault.to_account_info(),
                    token_program: token_program.clone(),
                },
                &[&household.seeds()],
            )
            // No attestation: the trust is no wallet (see `WithAbsentOptionals`).
            .with_absent_optionals(&self.program),
            amount,
        )
    }
}
