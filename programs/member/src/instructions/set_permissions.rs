//! The KYC provider sets a member's permissions.
use anchor_lang::prelude::*;
use central_bank::{checks, state::Attestation};

use crate::{errors::MemberError, events::PermissionsEvent, seeds, state::*};

/// The KYC provider that attested the member's wallet sets its permissions, while central_bank
/// still lists it as approved.
#[derive(Accounts)]
pub struct SetPermissions<'info> {
    pub provider: Signer<'info>,
    /// CHECK: the provider's central_bank record, verified by
    /// `central_bank::checks::verify_kyc_provider` (owner, discriminator, authority, seeds); a
    /// provider governance removed has none.
    pub provider_record: UncheckedAccount<'info>,
    #[account(mut, seeds = [seeds::MEMBER, member.wallet.as_ref()], bump = member.bump)]
    pub member: Box<Account<'info, Member>>,
    #[account(
        seeds = [central_bank::seeds::ATTESTATION, member.wallet.as_ref()], bump = attestation.bump,
        seeds::program = central_bank::ID,
        constraint = attestation.provider == provider.key() @ MemberError::NotProvider,
    )]
    pub attestation: Box<Account<'info, Attestation>>,
}

pub fn handle_set_permissions(ctx: Context<SetPermissions>, permissions: u8) -> Result<()> {
    checks::verify_kyc_provider(&ctx.accounts.provider_record, &ctx.accounts.provider.key())?;
    require!(
        permissions & !Permission::ALL == 0,
        MemberError::InvalidPermissions
    );
    let m = &mut ctx.accounts.member;
    m.permissions = permissions;
    emit_event!(PermissionsEvent {
        wallet: m.wallet,
        provider: ctx.accounts.provider.key(),
        permissions,
    });
    Ok(())
}
