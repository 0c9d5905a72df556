//! Read-only checks other programs (and this one) use to trust central_bank records without a CPI:
//! owner = this program, the Anchor discriminator, and the address re-derived from the
//! record's own seeds and stored canonical bump.
#![allow(deprecated)]

use anchor_lang::prelude::*;

use crate::{
    errors::CentralBankError,
    seeds,
    state::{Attestation, KycProvider, Policy, Role, RoleKind},
};

fn load<T: AccountDeserialize>(info: &AccountInfo, invalid: CentralBankError) -> Result<T> {
    require_keys_eq!(*info.owner, crate::ID, invalid);
    let data = info.try_borrow_data()?;
    T::try_deserialize(&mut &data[..]).map_err(|_| error!(invalid))
}

/// `seeds` end with the bump the record stores (see `se_anchor::program_address`).
fn require_address(info: &AccountInfo, seeds: &[&[u8]], invalid: CentralBankError) -> Result<()> {
    let expected = se_anchor::program_address(seeds, &crate::ID).ok_or(error!(invalid))?;
    require_keys_eq!(expected, info.key(), invalid);
    Ok(())
}

/// Loads `wallet`'s attestation and requires it valid (not revoked, not expired) at `min_level`.
pub fn verify_attestation(
    info: &AccountInfo,
    wallet: &Pubkey,
    min_level: u8,
    now: i64,
) -> Result<Attestation> {
    let attestation: Attestation = load(info, CentralBankError::InvalidAttestationAccount)?;
    require_keys_eq!(
        attestation.wallet,
        *wallet,
        CentralBankError::AttestationWalletMismatch
    );
    require_address(
        info,
        &[seeds::ATTESTATION, wallet.as_ref(), &[attestation.bump]],
        CentralBankError::InvalidAttestationAccount,
    )?;
    attestation.require_valid(min_level, now)?;
    Ok(attestation)
}

/// Requires `info` to be the live record of `role` held by `subject`. A revoked role has no
/// record (revocation closes it), so it fails the owner check.
pub fn verify_role(info: &AccountInfo, role: RoleKind, subject: &Pubkey) -> Result<Role> {
    let record: Role = load(info, CentralBankError::InvalidRoleAccount)?;
    require!(
        record.role == role && record.subject == *subject,
        CentralBankError::InvalidRoleAccount
    );
    require_address(
        info,
        &[seeds::ROLE, &role.seed(), subject.as_ref(), &[record.bump]],
        CentralBankError::InvalidRoleAccount,
    )?;
    Ok(record)
}

/// Requires `info` to be the live record of the KYC provider whose authority is `provider`,
/// that is, a provider governance approved and has not removed (removal closes the record, so
/// it fails the owner check).
pub fn verify_kyc_provider(info: &AccountInfo, provider: &Pubkey) -> Result<KycProvider> {
    let record: KycProvider = load(info, CentralBankError::KycProviderNotApproved)?;
    require_keys_eq!(
        record.authority,
        *provider,
        CentralBankError::KycProviderNotApproved
    );
    require_address(
        info,
        &[seeds::KYC_PROVIDER, provider.as_ref(), &[record.bump]],
        CentralBankError::KycProviderNotApproved,
    )?;
    Ok(record)
}

/// Loads the policy after checking it is the one central bank policy account.
pub fn load_policy(info: &AccountInfo) -> Result<Policy> {
    let policy: Policy = load(info, CentralBankError::InvalidPolicyAccount)?;
    require_address(
        info,
        &[seeds::POLICY, &[policy.bump]],
        CentralBankError::InvalidPolicyAccount,
    )?;
    Ok(policy)
}
