use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;
use se_math::pricing::energy_value;

use super::revenue_accounts::*;
use crate::{
    errors::{GridMarketError, MathExt},
    events::ClaimEvent,
    seeds,
    state::*,
};

/// The contributor (a wallet, or a lower layer's PDA signing by CPI) claims
/// `floor(its Wh * clearing price / 1000)` of a settled epoch into any currency account.
#[derive(Accounts)]
pub struct Claim<'info> {
    pub owner: Signer<'info>,
    #[account(mut, seeds = [seeds::CONTRIBUTOR, owner.key().as_ref()], bump = contributor.bump, has_one = owner)]
    pub contributor: Box<Account<'info, Contributor>>,
    pub revenue: RevenueAccounts<'info>,
    #[account(mut, token::mint = revenue.currency_mint)]
    pub recipient: Box<InterfaceAccount<'info, TokenAccount>>,
}

pub fn handle_claim(ctx: Context<Claim>) -> Result<()> {
    let a = &mut *ctx.accounts;
    let epoch = &a.revenue.epoch;
    match epoch.status {
        EpochStatus::Open | EpochStatus::Closed => {
            return err!(GridMarketError::ClaimBeforeSettlement)
        }
        EpochStatus::Expired => return err!(GridMarketError::ClaimExpired),
        EpochStatus::Settled => {}
    }
    require!(
        Clock::get()?.unix_timestamp < epoch.claim_deadline,
        GridMarketError::ClaimExpired
    );
    let wh = a.contributor.claim(epoch.index)?;
    a.contributor.invariant()?;
    let payout = energy_value(wh, epoch.clearing_price).math()?;
    a.revenue.pay(&a.recipient.to_account_info(), payout)?;
    let epoch = &mut a.revenue.epoch;
    epoch.claimed = se_math::checked_add(epoch.claimed, payout).math()?;
    epoch.invariant()?;
    emit_event!(ClaimEvent {
        index: epoch.index,
        owner: a.owner.key(),
        wh,
        payout,
    });
    Ok(())
}
