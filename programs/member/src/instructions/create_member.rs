//! The member account, created from a central bank attestation.
use anchor_lang::prelude::*;
use central_bank::checks;

use crate::{errors::MemberError, events::MemberCreatedEvent, seeds, state::*};

/// A wallet with a valid central bank attestation creates its member account, with every
/// permission.
#[derive(Accounts)]
pub struct CreateMember<'info> {
    #[account(mut)]
    pub wallet: Signer<'info>,
    /// CHECK: verified by `central_bank::checks::verify_attestation`.
    pub attestation: UncheckedAccount<'info>,
    /// CHECK: created by `se_anchor::create_pda` (its address is predictable, so
    /// pre-funding it must not block the member).
    #[account(mut, seeds = [seeds::MEMBER, wallet.key().as_ref()], bump)]
    pub member: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

pub fn handle_create_member(ctx: Context<CreateMember>) -> Result<()> {
    let a = &ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    let attestation = checks::verify_attestation(&a.attestation, &a.wallet.key(), 0, now)?;
    let member = Member {
        bump: ctx.bumps.member,
        wallet: a.wallet.key(),
        identity_hash: attestation.identity_hash,
        permissions: Permission::ALL,
        household: Pubkey::default(),
        community: Pubkey::default(),
        metrics: Metrics::default(),
        created_at: now,
    };
    se_anchor::create_pda(
        &a.wallet.to_account_info(),
        &a.member.to_account_info(),
        &a.system_program.to_account_info(),
        &member.seeds(),
        8 + Member::INIT_SPACE,
        &member,
        &crate::ID,
        MemberError::MemberExists.into(),
    )?;
    emit_event!(MemberCreatedEvent {
        wallet: member.wallet,
        identity_hash: member.identity_hash,
    });
    Ok(())
}
