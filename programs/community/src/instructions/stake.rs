use anchor_lang::prelude::*;

use super::share_tokens::*;
use crate::{
    errors::{CommunityError, MathExt},
    events::ShareTokenEvent,
};

/// Burns `shares` share tokens and stakes them back into the owner's position.
pub fn handle_stake(ctx: Context<ShareTokens>, shares: u64) -> Result<()> {
    require!(shares > 0, CommunityError::ZeroAmount);
    let a = &mut *ctx.accounts;
    a.verify_holder()?;
    require!(
        shares <= a.tokens.amount,
        CommunityError::InsufficientShares
    );
    a.community
        .settle(&mut a.position, Clock::get()?.unix_timestamp)?;
    se_anchor::burn(
        &a.token_program.to_account_info(),
        &a.share_mint.to_account_info(),
        &a.tokens.to_account_info(),
        &a.owner.to_account_info(),
        shares,
    )?;
    a.position.shares = se_math::checked_add(a.position.shares, shares).math()?;
    a.community.staked_shares = se_math::checked_add(a.community.staked_shares, shares).math()?;
    emit_event!(ShareTokenEvent {
        community: a.community.key(),
        owner: a.owner.key(),
        tokenized: false,
        shares,
    });
    a.position.invariant(&a.community)?;
    // No vault among these accounts: the vault-free part of the community's invariant.
    a.community.books_invariant()?;
    a.share_mint.reload()?;
    a.community.shares_invariant(a.share_mint.supply)
}
