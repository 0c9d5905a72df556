use anchor_lang::prelude::*;

use super::update_attestation::*;
use crate::errors::CentralBankError;

pub fn handle_revoke_attestation(ctx: Context<UpdateAttestation>) -> Result<()> {
    let attestation = &mut ctx.accounts.attestation;
    require_keys_eq!(
        attestation.provider,
        ctx.accounts.provider.key(),
        CentralBankError::NotIssuingProvider
    );
    attestation.revoked = true;
    attestation.updated_at = Clock::get()?.unix_timestamp;
    emit_attestation(attestation);
    Ok(())
}
