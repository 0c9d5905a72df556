//! Capital: the trustees invest members' contributions in the community fund.
use anchor_lang::prelude::*;

use super::{community_deposit::*, trust::*};
use crate::{
    errors::{HouseholdError, MathExt},
    events::InvestEvent,
};

/// Trustees invest uninvested contributions in the community fund.
#[derive(Accounts)]
pub struct Invest<'info> {
    pub trust: Trust<'info>,
    pub community: CommunityDeposit<'info>,
}

pub fn handle_invest(ctx: Context<Invest>, amount: u64) -> Result<()> {
    require!(amount > 0, HouseholdError::ZeroAmount);
    let a = &mut *ctx.accounts;
    let t = &mut a.trust;
    t.household.require_trustees(ctx.remaining_accounts)?;
    require!(
        amount <= t.household.capital,
        HouseholdError::InsufficientCapital
    );
    a.community.refs().deposit(
        &t.household,
        &t.vault,
        &t.currency_mint,
        &t.token_program.to_account_info(),
        amount,
    )?;
    let h = &mut t.household;
    h.capital -= amount;
    h.invested = se_math::checked_add(h.invested, amount).math()?;
    emit_event!(InvestEvent {
        household: h.key(),
        community: h.community,
        amount,
    });
    t.vault.reload()?;
    t.household.invariant(t.vault.amount)
}
