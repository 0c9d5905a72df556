use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{self, Mint, MintTo, TokenAccount},
};

use crate::{
    errors::{CommunityError, MathExt},
    events::ShareTokenEvent,
    seeds,
    state::*,
};

/// Moves shares between a position and the share mint. Tokenized shares are transferable but
/// earn no rewards until staked back into a position.
#[derive(Accounts)]
pub struct ShareTokens<'info> {
    pub owner: Signer<'info>,
    #[account(
        mut, seeds = [seeds::COMMUNITY, community.id.as_ref()], bump = community.bump,
        has_one = share_mint,
    )]
    pub community: Box<Account<'info, Community>>,
    #[account(
        mut, has_one = owner, has_one = community,
        seeds = [seeds::POSITION, community.key().as_ref(), owner.key().as_ref()], bump = position.bump,
    )]
    pub position: Box<Account<'info, Position>>,
    #[account(mut)]
    pub share_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, token::mint = share_mint, token::authority = owner)]
    pub tokens: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

/// Mints `shares` share tokens out of the owner's position.
pub fn handle_tokenize(ctx: Context<ShareTokens>, shares: u64) -> Result<()> {
    require!(shares > 0, CommunityError::ZeroAmount);
    let a = &mut *ctx.accounts;
    require!(
        shares <= a.position.shares,
        CommunityError::InsufficientShares
    );
    a.community
        .settle(&mut a.position, Clock::get()?.unix_timestamp)?;
    a.position.shares -= shares;
    a.community.staked_shares -= shares;
    let c = &a.community;
    let signer = c.seeds();
    token_interface::mint_to(
        CpiContext::new_with_signer(
            a.token_program.key(),
            MintTo {
                mint: a.share_mint.to_account_info(),
                to: a.tokens.to_account_info(),
                authority: c.to_account_info(),
            },
            &[&signer],
        ),
        shares,
    )?;
    emit_event!(ShareTokenEvent {
        community: c.key(),
        owner: a.owner.key(),
        tokenized: true,
        shares,
    });
    a.share_mint.reload()?;
    a.community.shares_invariant(a.share_mint.supply)
}

/// Burns `shares` share tokens and stakes them back into the owner's position.
pub fn handle_stake(ctx: Context<ShareTokens>, shares: u64) -> Result<()> {
    require!(shares > 0, CommunityError::ZeroAmount);
    let a = &mut *ctx.accounts;
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
    a.share_mint.reload()?;
    a.community.shares_invariant(a.share_mint.supply)
}
