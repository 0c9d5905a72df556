use anchor_lang::prelude::*;

use super::{issue_attestation::AttestationTerms, update_attestation::*};
use crate::{errors::CentralBankError, state::*};

pub fn handle_renew_attestation(
    ctx: Context<UpdateAttestation>,
    terms: AttestationTerms,
) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    validate_attestation_terms(terms.level, terms.jurisdiction, terms.expires_at, now)?;
    let provider = ctx.accounts.provider.key();
    let issuer_removed = ctx.accounts.issuer_record.owner != &crate::ID;
    let attestation = &mut ctx.accounts.attestation;
    if attestation.provider != provider {
        require!(issuer_removed, CentralBankError::NotIssuingProvider);
        require!(!attestation.revoked, CentralBankError::AttestationRevoked);
        attestation.provider = provider;
    }
    attestation.level = terms.level;
    attestation.jurisdiction = terms.jurisdiction;
    attestation.expires_at = terms.expires_at;
    attestation.revoked = false;
    attestation.updated_at = now;
    emit_attestation(attestation);
    Ok(())
}
