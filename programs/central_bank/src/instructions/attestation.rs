use anchor_lang::prelude::*;

use crate::{
    errors::{CentralBankError, MathExt},
    events::AttestationEvent,
    seeds,
    state::*,
};

/// What a KYC provider attests: the level, the jurisdiction and the expiry.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy)]
pub struct AttestationTerms {
    /// KYC level, 1 to 3; each action class needs the policy's minimum.
    pub level: u8,
    /// ISO 3166-1 alpha-2, upper case.
    pub jurisdiction: [u8; 2],
    /// UNIX time the attestation expires, at most 2 years from now.
    pub expires_at: i64,
}

/// An approved provider attests a wallet and binds it to one identity hash.
#[derive(Accounts)]
#[instruction(terms: AttestationTerms, identity_hash: [u8; 32])]
pub struct IssueAttestation<'info> {
    #[account(mut)]
    pub provider: Signer<'info>,
    #[account(
        mut, seeds = [seeds::KYC_PROVIDER, provider.key().as_ref()], bump = provider_record.bump,
    )]
    pub provider_record: Box<Account<'info, KycProvider>>,
    /// CHECK: only its address is recorded; the wallet does not need to sign.
    pub wallet: UncheckedAccount<'info>,
    /// CHECK: created here by `se_anchor::create_pda` (typed error when it already exists).
    #[account(mut, seeds = [seeds::ATTESTATION, wallet.key().as_ref()], bump)]
    pub attestation: UncheckedAccount<'info>,
    /// CHECK: created here by `se_anchor::create_pda` (typed error when it already exists).
    #[account(mut, seeds = [seeds::IDENTITY, identity_hash.as_ref()], bump)]
    pub identity: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

pub fn handle_issue_attestation(
    ctx: Context<IssueAttestation>,
    terms: AttestationTerms,
    identity_hash: [u8; 32],
) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    validate_attestation_terms(terms.level, terms.jurisdiction, terms.expires_at, now)?;
    let a = &ctx.accounts;
    let wallet = a.wallet.key();
    let provider = a.provider.key();
    let payer = a.provider.to_account_info();
    let system = a.system_program.to_account_info();

    let attestation = Attestation {
        bump: ctx.bumps.attestation,
        wallet,
        provider,
        identity_hash,
        level: terms.level,
        jurisdiction: terms.jurisdiction,
        issued_at: now,
        updated_at: now,
        expires_at: terms.expires_at,
        revoked: false,
    };
    se_anchor::create_pda(
        &payer,
        &a.attestation.to_account_info(),
        &system,
        &[
            seeds::ATTESTATION,
            wallet.as_ref(),
            &[ctx.bumps.attestation],
        ],
        8 + Attestation::INIT_SPACE,
        &attestation,
        &crate::ID,
        CentralBankError::AttestationAlreadyExists.into(),
    )?;
    let identity = Identity {
        bump: ctx.bumps.identity,
        identity_hash,
        wallet,
        provider,
        created_at: now,
    };
    se_anchor::create_pda(
        &payer,
        &a.identity.to_account_info(),
        &system,
        &[
            seeds::IDENTITY,
            identity_hash.as_ref(),
            &[ctx.bumps.identity],
        ],
        8 + Identity::INIT_SPACE,
        &identity,
        &crate::ID,
        CentralBankError::IdentityAlreadyBound.into(),
    )?;

    let record = &mut ctx.accounts.provider_record;
    record.attestations_issued = se_math::checked_add(record.attestations_issued, 1).math()?;
    emit_attestation(&attestation);
    Ok(())
}

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
    #[account(seeds = [seeds::KYC_PROVIDER, attestation.provider.as_ref()], bump)]
    pub issuer_record: UncheckedAccount<'info>,
}

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

fn emit_attestation(a: &Attestation) {
    emit_event!(AttestationEvent {
        wallet: a.wallet,
        provider: a.provider,
        level: a.level,
        expires_at: a.expires_at,
        revoked: a.revoked,
    });
}
