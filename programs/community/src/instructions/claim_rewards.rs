use anchor_lang::prelude::*;

use super::pay_from_position::*;
use crate::{
    errors::{CommunityError, MathExt},
    events::RewardClaimEvent,
};

/// Pays the position's share of the revenue streamed so far (O(1): the accumulator, no loops).
pub fn handle_claim_rewards(ctx: Context<PayFromPosition>) -> Result<()> {
    let a = &mut *ctx.accounts;
    a.verify_holder()?;
    a.community
        .settle(&mut a.position, Clock::get()?.unix_timestamp)?;
    let amount = a.position.pending;
    require!(amount > 0, CommunityError::ZeroAmount);
    require!(
        amount <= a.community.income_cash(a.vault.amount),
        CommunityError::RevenueNotReceived
    );
    a.pay_out(amount)?;
    a.position.pending = 0;
    a.position.claimed = se_math::checked_add(a.position.claimed, amount).math()?;
    a.community.rewards_outstanding =
        se_math::checked_sub(a.community.rewards_outstanding, amount).math()?;
    emit_event!(RewardClaimEvent {
        community: a.community.key(),
        owner: a.owner.key(),
        amount,
    });
    a.finish()
}
