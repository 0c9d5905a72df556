//! The member's household trust: the accounts `contribute` and `claim_household` share (one struct
//! for both instructions), through the household program by CPI signed by the member account.
use anchor_lang::prelude::*;
use household::program::Household as HouseholdProgram;

use super::authorized::*;
use crate::errors::MemberError;

/// The member's household accounts (the household program checks them).
#[derive(Accounts)]
pub struct HouseholdMove<'info> {
    pub auth: Authorized<'info>,
    /// CHECK: the member's household; matched to its affiliation, the household program checks it.
    #[account(mut)]
    pub household: UncheckedAccount<'info>,
    /// CHECK: the household vault; the household program checks it.
    #[account(mut)]
    pub household_vault: UncheckedAccount<'info>,
    pub household_program: Program<'info, HouseholdProgram>,
}

impl<'info> HouseholdMove<'info> {
    pub(crate) fn check_household(&self) -> Result<()> {
        require_keys_eq!(
            self.household.key(),
            self.auth.member.household,
            MemberError::WrongAffiliation
        );
        Ok(())
    }
}
