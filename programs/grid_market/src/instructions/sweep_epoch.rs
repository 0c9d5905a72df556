use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

use super::revenue_accounts::*;
use crate::{
    errors::{GridMarketError, MathExt},
    events::SweepEvent,
    state::*,
};

/// Permissionless after the claim window: the unclaimed remainder goes to the central bank's
/// reserve surplus, and the epoch's books close (claimed + swept = revenue).
#[derive(Accounts)]
pub struct SweepEpoch<'info> {
    pub revenue: RevenueAccounts<'info>,
    #[account(mut, seeds = [central_bank::seeds::SURPLUS_VAULT], bump, seeds::program = central_bank::ID)]
    pub surplus_vault: Box<InterfaceAccount<'info, TokenAccount>>,
}

pub fn handle_sweep_epoch(ctx: Context<SweepEpoch>) -> Result<()> {
    let a = &mut *ctx.accounts;
    let epoch = &a.revenue.epoch;
    require!(
        epoch.status == EpochStatus::Settled,
        GridMarketError::NotSettled
    );
    require!(
        Clock::get()?.unix_timestamp >= epoch.claim_deadline,
        GridMarketError::SweepBeforeExpiry
    );
    let remainder = se_math::checked_sub(epoch.revenue, epoch.claimed).math()?;
    a.revenue
        .pay(&a.surplus_vault.to_account_info(), remainder)?;
    let epoch = &mut a.revenue.epoch;
    epoch.swept = remainder;
    epoch.status = EpochStatus::Expired;
    epoch.invariant()?;
    emit_event!(SweepEvent {
        index: epoch.index,
        swept: remainder,
    });
    Ok(())
}
