use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

use super::trust::*;
use crate::{errors::HouseholdError, events::DistributionClaimEvent, seeds};

/// A member claims what was distributed to it, through its member account (which checks
/// the member's permission); paid to any currency account the member names.
#[derive(Accounts)]
pub struct ClaimDistribution<'info> {
    pub member: Signer<'info>,
    pub trust: Trust<'info>,
    #[account(mut, token::mint = trust.currency_mint)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
}

pub fn handle_claim_distribution(ctx: Context<ClaimDistribution>, wallet: Pubkey) -> Result<()> {
    let a = &mut *ctx.accounts;
    require!(
        seeds::is_member_account(&a.member, &wallet),
        HouseholdError::WrongMemberAccount
    );
    let t = &mut a.trust;
    let ledger = t.household.ledger_mut(&wallet)?;
    let amount = ledger.owed();
    require!(amount > 0, HouseholdError::ZeroAmount);
    ledger.claimed += amount;
    t.household.owed -= amount;
    se_anchor::transfer(
        &t.token_program.to_account_info(),
        &t.vault,
        &t.currency_mint,
        &a.destination.to_account_info(),
        &t.household.to_account_info(),
        amount,
        &[&t.household.seeds()],
    )?;
    emit_event!(DistributionClaimEvent {
        household: t.household.key(),
        wallet,
        amount,
    });
    t.vault.reload()?;
    t.household.invariant(t.vault.amount)
}
