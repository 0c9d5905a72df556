//! A member whose household's trustees removed it leaves that household, so it can join
//! another and its readings stop being carried through a trust that no longer counts them.
use anchor_lang::prelude::*;
use household::state::Household;

use crate::{errors::MemberError, events::AffiliationEvent, seeds, state::*};

/// The wallet clears its member account's household affiliation.
#[derive(Accounts)]
pub struct LeaveHousehold<'info> {
    pub wallet: Signer<'info>,
    #[account(mut, seeds = [seeds::MEMBER, wallet.key().as_ref()], bump = member.bump, has_one = wallet)]
    pub member: Box<Account<'info, Member>>,
    /// The member's household.
    #[account(constraint = household.key() == member.household @ MemberError::WrongAffiliation)]
    pub household: Box<Account<'info, Household>>,
}

/// Allowed only once the household no longer lists the wallet: trustees remove a member only
/// when it has claimed everything it is owed, so nothing is left behind.
pub fn handle_leave_household(ctx: Context<LeaveHousehold>) -> Result<()> {
    let a = &mut *ctx.accounts;
    let wallet = a.wallet.key();
    require!(
        !a.household.members().iter().any(|l| l.wallet == wallet),
        MemberError::StillListed
    );
    a.member.household = Pubkey::default();
    emit_event!(AffiliationEvent {
        wallet,
        household: a.member.household,
        community: a.member.community,
    });
    Ok(())
}
