//! The member's household trust: contribute, and claim distributions, through L5 by CPI signed
//! by the member account.
use anchor_lang::prelude::*;
use household::program::Household as HouseholdProgram;

use super::authorized::*;
use crate::{errors::MemberError, events::MoveKind, state::*};

/// The member's household accounts (L5 checks them).
#[derive(Accounts)]
pub struct HouseholdMove<'info> {
    pub auth: Authorized<'info>,
    /// CHECK: the member's household; matched to its affiliation, L5 checks it.
    #[account(mut)]
    pub household: UncheckedAccount<'info>,
    /// CHECK: the household vault; L5 checks it.
    #[account(mut)]
    pub household_vault: UncheckedAccount<'info>,
    pub household_program: Program<'info, HouseholdProgram>,
}

impl<'info> HouseholdMove<'info> {
    fn check_household(&self) -> Result<()> {
        require_keys_eq!(
            self.household.key(),
            self.auth.member.household,
            MemberError::WrongAffiliation
        );
        Ok(())
    }
}

/// Pay `amount` from the wallet into the member's household trust.
pub fn handle_contribute(ctx: Context<HouseholdMove>, amount: u64) -> Result<()> {
    let a = &mut *ctx.accounts;
    a.auth.authorize(Permission::Invest)?;
    a.check_household()?;
    let m = &a.auth.member;
    household::cpi::contribute(
        CpiContext::new_with_signer(
            a.household_program.key(),
            household::cpi::accounts::Contribute {
                member: m.to_account_info(),
                wallet: a.auth.wallet.to_account_info(),
                household: a.household.to_account_info(),
                currency_mint: a.auth.currency_mint.to_account_info(),
                vault: a.household_vault.to_account_info(),
                source: a.auth.wallet_currency.to_account_info(),
                token_program: a.auth.token_program.to_account_info(),
            },
            &[&m.seeds()],
        ),
        amount,
    )?;
    a.auth.record(MoveKind::Contribute, amount)
}

/// Claim what the household distributed to the member, into the wallet.
pub fn handle_claim_household(ctx: Context<HouseholdMove>) -> Result<()> {
    let a = &mut *ctx.accounts;
    a.auth.authorize(Permission::Claim)?;
    a.check_household()?;
    let before = a.auth.wallet_currency.amount;
    let m = &a.auth.member;
    household::cpi::claim_distribution(
        CpiContext::new_with_signer(
            a.household_program.key(),
            household::cpi::accounts::ClaimDistribution {
                member: m.to_account_info(),
                trust: household::cpi::accounts::Trust {
                    household: a.household.to_account_info(),
                    currency_mint: a.auth.currency_mint.to_account_info(),
                    vault: a.household_vault.to_account_info(),
                    token_program: a.auth.token_program.to_account_info(),
                },
                destination: a.auth.wallet_currency.to_account_info(),
            },
            &[&m.seeds()],
        ),
        m.wallet,
    )?;
    let amount = a.auth.received_since(before)?;
    a.auth.record(MoveKind::Income, amount)
}
