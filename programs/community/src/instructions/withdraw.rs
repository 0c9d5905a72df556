use anchor_lang::prelude::*;
use se_math::fund::value_of_shares;

use super::pay_from_position::*;
use crate::{
    errors::{CommunityError, MathExt},
    events::FundEvent,
};

/// Redeem `shares` for their value (rounded down), only from the fund's liquid currency.
pub fn handle_withdraw(ctx: Context<PayFromPosition>, shares: u64) -> Result<()> {
    require!(shares > 0, CommunityError::ZeroAmount);
    let a = &mut *ctx.accounts;
    a.verify_holder()?;
    require!(
        shares <= a.position.shares,
        CommunityError::InsufficientShares
    );
    let c = &a.community;
    let amount = value_of_shares(shares, c.total_shares, c.value()).math()?;
    require!(amount <= c.liquid, CommunityError::InsufficientLiquidity);
    a.community
        .settle(&mut a.position, Clock::get()?.unix_timestamp)?;
    a.pay_out(amount)?;
    let c = &mut a.community;
    c.liquid -= amount;
    c.total_shares -= shares;
    c.staked_shares -= shares;
    let p = &mut a.position;
    p.shares -= shares;
    p.withdrawn = se_math::checked_add(p.withdrawn, amount).math()?;
    emit_event!(FundEvent {
        community: c.key(),
        owner: p.owner,
        deposit: false,
        amount,
        shares,
    });
    a.finish()
}
