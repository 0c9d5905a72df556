use anchor_lang::prelude::*;

use crate::{errors::GridMarketError, seeds, state::*};

/// Permissionless: frees a contributor's slot of an expired epoch it never claimed, so it can
/// take new epochs.
#[derive(Accounts)]
pub struct ReleaseExpired<'info> {
    #[account(mut, seeds = [seeds::CONTRIBUTOR, contributor.owner.as_ref()], bump = contributor.bump)]
    pub contributor: Box<Account<'info, Contributor>>,
    #[account(seeds = [seeds::EPOCH, &epoch.index.to_le_bytes()], bump = epoch.bump)]
    pub epoch: Box<Account<'info, Epoch>>,
}

pub fn handle_release_expired(ctx: Context<ReleaseExpired>) -> Result<()> {
    require!(
        ctx.accounts.epoch.status == EpochStatus::Expired,
        GridMarketError::SweepBeforeExpiry
    );
    let index = ctx.accounts.epoch.index;
    let contributor = &mut ctx.accounts.contributor;
    contributor.release(index)?;
    contributor.invariant()
}
