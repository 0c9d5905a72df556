//! Trustees take capital back out of the community: the trust redeems shares of its position
//! and shares the currency out to its members at once.
use anchor_lang::prelude::*;
use community::program::Community as CommunityProgram;
use se_anchor::WithAbsentOptionals;

use super::trust::*;
use crate::{
    errors::{HouseholdError, MathExt},
    events::DivestEvent,
};

/// The trust, its vault and its community position. Trustee signers come as remaining accounts.
#[derive(Accounts)]
pub struct Divest<'info> {
    pub trust: Trust<'info>,
    /// CHECK: the trust's community; matched to it here, the community program checks the rest.
    #[account(mut)]
    pub community: UncheckedAccount<'info>,
    /// CHECK: the trust's position; the community program checks it.
    #[account(mut)]
    pub position: UncheckedAccount<'info>,
    /// CHECK: the community vault; the community program checks it.
    #[account(mut)]
    pub community_vault: UncheckedAccount<'info>,
    pub community_program: Program<'info, CommunityProgram>,
}

/// Redeems `shares` of the trust's position (the community program pays their value, rounded down,
/// from its liquid currency) into the vault, and shares what arrived out to the members by weight
/// (rounded down); the rounding dust joins `undistributed`. Nothing is reinvested.
pub fn handle_divest(ctx: Context<Divest>, shares: u64) -> Result<()> {
    require!(shares > 0, HouseholdError::ZeroAmount);
    let a = &mut *ctx.accounts;
    let t = &mut a.trust;
    let h = &t.household;
    h.require_trustees(ctx.remaining_accounts)?;
    require!(h.member_count > 0, HouseholdError::NoMembers);
    require_keys_eq!(
        a.community.key(),
        h.community,
        HouseholdError::WrongCommunity
    );
    let before = t.vault.amount;
    community::cpi::withdraw(
        CpiContext::new_with_signer(
            a.community_program.key(),
            community::pay_from_position_accounts!(a, h, t.currency_mint, t.vault, t.token_program),
            &[&h.seeds()],
        )
        // The trust is no wallet (see `WithAbsentOptionals`).
        .with_absent_optionals(&a.community_program.to_account_info()),
        shares,
    )?;
    t.vault.reload()?;
    let amount = se_math::checked_sub(t.vault.amount, before).math()?;
    let h = &mut t.household;
    let to_members = h.share_out(amount, Clock::get()?.unix_timestamp)?;
    let dust = amount - to_members;
    h.undistributed = se_math::checked_add(h.undistributed, dust).math()?;
    h.divested = se_math::checked_add(h.divested, amount).math()?;
    emit_event!(DivestEvent {
        household: h.key(),
        community: h.community,
        shares,
        amount,
        to_members,
        dust,
    });
    t.household.invariant(t.vault.amount)
}
