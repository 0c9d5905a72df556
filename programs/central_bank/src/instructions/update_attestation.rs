//! The accounts `renew_attestation` and `revoke_attestation` share (one struct for both
//! instructions), and the event every attestation change emits.
use anchor_lang::prelude::*;

use crate::{events::AttestationEvent, seeds, state::*};

/// Renew (new terms, clears a revocation) or revoke, by the issuing provider while it is approved.
/// Once governance removes the issuer, any approved provider may take over a non-revoked
/// attestation by renewing it; revocations by a removed provider stay in force.
#[derive(Accounts)]
pub struct UpdateAttestation<'info> {
    pub provider: Signer<'info>,
    #[account(seeds = [seeds::KYC_PROVIDER, provider.key().as_ref()], bump = provider_record.bump)]
    pub provider_record: Box<Account<'info, KycProvider>>,
    #[account(mut, seeds = [seeds::ATTESTATION, attestation.wallet.as_ref()], bump = attestation.bump)]
    pub attestation: Box<Account<'info, Attestation>>,
    /// CHECK: the issuer's provider record address; only whether it still exists is read.
    #[account(
        seeds = [seeds::KYC_PROVIDER, attestation.provider.as_ref()],
        bump = se_anchor::stored_bump(
            &issuer_record, &[seeds::KYC_PROVIDER, attestation.provider.as_ref()], &crate::ID,
        ),
    )]
    pub issuer_record: UncheckedAccount<'info>,
}

pub(crate) fn emit_attestation(a: &Attestation) {
    emit_event!(AttestationEvent {
        wallet: a.wallet,
        provider: a.provider,
        level: a.level,
        expires_at: a.expires_at,
        revoked: a.revoked,
    });
}
