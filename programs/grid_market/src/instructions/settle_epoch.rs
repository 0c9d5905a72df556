use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;
use central_bank::{checks, state::RoleKind};
use se_math::pricing::energy_value;

use super::revenue_accounts::*;
use crate::{
    errors::{GridMarketError, MathExt},
    events::SettleEvent,
    state::*,
};

/// The central bank's grid offtaker pays `floor(total Wh * clearing price / 1000)` for a closed
/// epoch. `max_amount` is what the offtaker agrees to pay; less than the revenue is rejected.
#[derive(Accounts)]
pub struct SettleEpoch<'info> {
    pub offtaker: Signer<'info>,
    /// CHECK: verified by `central_bank::checks::verify_role` (GridOfftaker of `offtaker`).
    pub offtaker_role: UncheckedAccount<'info>,
    /// CHECK: verified by `central_bank::checks::load_policy` (claim window).
    pub policy: UncheckedAccount<'info>,
    pub revenue: RevenueAccounts<'info>,
    #[account(mut, token::mint = revenue.currency_mint, token::authority = offtaker)]
    pub offtaker_currency: Box<InterfaceAccount<'info, TokenAccount>>,
}

pub fn handle_settle_epoch(ctx: Context<SettleEpoch>, max_amount: u64) -> Result<()> {
    let a = &mut *ctx.accounts;
    checks::verify_role(&a.offtaker_role, RoleKind::GridOfftaker, &a.offtaker.key())?;
    let policy = checks::load_policy(&a.policy)?.params;
    let epoch = &a.revenue.epoch;
    require!(
        epoch.status == EpochStatus::Closed,
        GridMarketError::NotClosed
    );
    let revenue = energy_value(epoch.total_wh, epoch.clearing_price).math()?;
    require!(revenue <= max_amount, GridMarketError::Underpayment);
    if revenue > 0 {
        se_anchor::transfer(
            &a.revenue.token_program.to_account_info(),
            &a.offtaker_currency,
            &a.revenue.currency_mint,
            &a.revenue.revenue_vault.to_account_info(),
            &a.offtaker.to_account_info(),
            revenue,
            &[],
        )?;
    }
    let now = Clock::get()?.unix_timestamp;
    let epoch = &mut a.revenue.epoch;
    epoch.revenue = revenue;
    epoch.settled_at = now;
    epoch.claim_deadline = now + policy.claim_expiry_secs as i64;
    epoch.status = EpochStatus::Settled;
    epoch.invariant()?;
    emit_event!(SettleEvent {
        index: epoch.index,
        offtaker: a.offtaker.key(),
        revenue,
    });
    Ok(())
}
