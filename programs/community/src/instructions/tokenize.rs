use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, MintTo};

use super::share_tokens::*;
use crate::{errors::CommunityError, events::ShareTokenEvent};

/// Mints `shares` share tokens out of the owner's position.
pub fn handle_tokenize(ctx: Context<ShareTokens>, shares: u64) -> Result<()> {
    require!(shares > 0, CommunityError::ZeroAmount);
    let a = &mut *ctx.accounts;
    a.verify_holder()?;
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
    a.position.invariant(&a.community)?;
    // No vault among these accounts: the vault-free part of the community's invariant.
    a.community.books_invariant()?;
    a.share_mint.reload()?;
    a.community.shares_invariant(a.share_mint.supply)
}
