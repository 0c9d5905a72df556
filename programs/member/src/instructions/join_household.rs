//! The member chooses its household.
use anchor_lang::prelude::*;
use household::state::Household;

use crate::{errors::MemberError, events::AffiliationEvent, seeds, state::*};

/// The member joins a household whose trustees list its wallet.
#[derive(Accounts)]
pub struct JoinHousehold<'info> {
    pub wallet: Signer<'info>,
    #[account(mut, seeds = [seeds::MEMBER, wallet.key().as_ref()], bump = member.bump, has_one = wallet)]
    pub member: Box<Account<'info, Member>>,
    pub household: Box<Account<'info, Household>>,
}

pub fn handle_join_household(ctx: Context<JoinHousehold>) -> Result<()> {
    let a = &mut *ctx.accounts;
    require!(
        a.member.household == Pubkey::default(),
        MemberError::AlreadyAffiliated
    );
    require!(
        a.household
            .members()
            .iter()
            .any(|l| l.wallet == a.wallet.key()),
        MemberError::NotInHousehold
    );
    a.member.household = a.household.key();
    emit_event!(AffiliationEvent {
        wallet: a.wallet.key(),
        household: a.member.household,
        community: a.member.community,
    });
    Ok(())
}
