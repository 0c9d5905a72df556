//! Capital: a member pays into the trust.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

use super::trust::*;
use crate::{
    errors::{HouseholdError, MathExt},
    events::ContributeEvent,
    seeds,
};

/// A member pays currency into the trust. It arrives from the member program: the member account
/// signs (its program has checked the member's permission and attestation) and the wallet pays.
#[derive(Accounts)]
pub struct Contribute<'info> {
    pub member: Signer<'info>,
    pub wallet: Signer<'info>,
    pub trust: Trust<'info>,
    #[account(mut, token::mint = trust.currency_mint, token::authority = wallet)]
    pub source: Box<InterfaceAccount<'info, TokenAccount>>,
}

pub fn handle_contribute(ctx: Context<Contribute>, amount: u64) -> Result<()> {
    require!(amount > 0, HouseholdError::ZeroAmount);
    let a = &mut *ctx.accounts;
    let wallet = a.wallet.key();
    require!(
        seeds::is_member_account(&a.member, &wallet),
        HouseholdError::WrongMemberAccount
    );
    let t = &mut a.trust;
    let ledger = t.household.ledger_mut(&wallet)?;
    ledger.contributed = se_math::checked_add(ledger.contributed, amount).math()?;
    se_anchor::transfer(
        &t.token_program.to_account_info(),
        &a.source,
        &t.currency_mint,
        &t.vault.to_account_info(),
        &a.wallet.to_account_info(),
        amount,
        &[],
    )?;
    let h = &mut t.household;
    h.capital = se_math::checked_add(h.capital, amount).math()?;
    emit_event!(ContributeEvent {
        household: h.key(),
        wallet,
        amount,
    });
    t.vault.reload()?;
    t.household.invariant(t.vault.amount)
}
