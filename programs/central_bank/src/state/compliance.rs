use anchor_lang::prelude::*;

use super::MAX_KYC_LEVEL;
use crate::errors::CentralBankError;

/// Longest validity of one attestation (2 years).
pub const MAX_ATTESTATION_SECS: i64 = 2 * 366 * 24 * 3600;

/// A KYC provider approved by governance. PDA `[KYC_PROVIDER, authority]`; removal closes it.
#[account]
#[derive(InitSpace)]
pub struct KycProvider {
    /// PDA bump.
    pub bump: u8,
    /// The provider's signing key.
    pub authority: Pubkey,
    /// UNIX time governance approved it.
    pub approved_at: i64,
    /// Index of the proposal that approved it.
    pub proposal: u64,
    /// Attestations it issued so far.
    pub attestations_issued: u64,
}

/// A wallet's KYC attestation. PDA `[ATTESTATION, wallet]`: one per wallet, never closed.
#[account]
#[derive(InitSpace)]
pub struct Attestation {
    /// PDA bump.
    pub bump: u8,
    /// The attested wallet.
    pub wallet: Pubkey,
    /// Authority of the issuing provider; only it may renew or revoke.
    pub provider: Pubkey,
    /// Hash of the verified identity, from the provider; see `Identity`.
    pub identity_hash: [u8; 32],
    /// KYC level, 1 to 3.
    pub level: u8,
    /// ISO 3166-1 alpha-2 country code.
    pub jurisdiction: [u8; 2],
    /// UNIX time of issue.
    pub issued_at: i64,
    /// UNIX time of the last renewal or revocation.
    pub updated_at: i64,
    /// UNIX time the attestation stops being valid.
    pub expires_at: i64,
    /// Revoked by its provider; a renewal clears it.
    pub revoked: bool,
}

impl Attestation {
    /// Valid = not revoked, not expired, and at least `min_level`.
    pub fn require_valid(&self, min_level: u8, now: i64) -> Result<()> {
        require!(!self.revoked, CentralBankError::AttestationRevoked);
        require!(now < self.expires_at, CentralBankError::AttestationExpired);
        require!(self.level >= min_level, CentralBankError::KycLevelTooLow);
        Ok(())
    }
}

/// One person = one wallet. PDA `[IDENTITY, identity_hash]`, where the hash is supplied by the provider.
#[account]
#[derive(InitSpace)]
pub struct Identity {
    /// PDA bump.
    pub bump: u8,
    /// Hash of the verified identity, from the provider.
    pub identity_hash: [u8; 32],
    /// The one wallet bound to this identity.
    pub wallet: Pubkey,
    /// Authority of the provider that bound it.
    pub provider: Pubkey,
    /// UNIX time it was bound.
    pub created_at: i64,
}

pub fn validate_attestation_terms(
    level: u8,
    jurisdiction: [u8; 2],
    expires_at: i64,
    now: i64,
) -> Result<()> {
    require!(
        (1..=MAX_KYC_LEVEL).contains(&level),
        CentralBankError::InvalidKycLevel
    );
    require!(
        jurisdiction.iter().all(u8::is_ascii_uppercase),
        CentralBankError::InvalidJurisdiction
    );
    require!(
        expires_at > now && expires_at - now <= MAX_ATTESTATION_SECS,
        CentralBankError::InvalidExpiry
    );
    Ok(())
}
