//! A member leaves the community it joined directly, once its position there is empty, so it
//! can join another.
use anchor_lang::prelude::*;
use community::state::{Community, Position};

use crate::{errors::MemberError, events::AffiliationEvent, seeds, state::*};

/// The wallet clears its member account's community affiliation. The (empty) position stays
/// with the community program, so the member can come back to this community later.
#[derive(Accounts)]
pub struct LeaveCommunity<'info> {
    pub wallet: Signer<'info>,
    #[account(mut, seeds = [seeds::MEMBER, wallet.key().as_ref()], bump = member.bump, has_one = wallet)]
    pub member: Box<Account<'info, Member>>,
    /// The member's community.
    #[account(constraint = community.key() == member.community @ MemberError::WrongAffiliation)]
    pub community: Box<Account<'info, Community>>,
    /// The member account's position there.
    #[account(
        seeds = [community::seeds::POSITION, community.key().as_ref(), member.key().as_ref()],
        bump = position.bump, seeds::program = community::ID,
    )]
    pub position: Box<Account<'info, Position>>,
}

/// Allowed only when the position holds no shares and nothing claimable (rewards streamed up
/// to now included), so leaving strands nothing.
pub fn handle_leave_community(ctx: Context<LeaveCommunity>) -> Result<()> {
    let a = &mut *ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    let claimable = a
        .position
        .claimable(a.community.reward_per_share_at(now)?)?;
    require!(
        a.position.shares == 0 && claimable == 0,
        MemberError::PositionNotEmpty
    );
    a.member.community = Pubkey::default();
    emit_event!(AffiliationEvent {
        wallet: a.wallet.key(),
        household: a.member.household,
        community: a.member.community,
    });
    Ok(())
}
