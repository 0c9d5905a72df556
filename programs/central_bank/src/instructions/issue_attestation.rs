use anchor_lang::prelude::*;

use super::update_attestation::emit_attestation;
use crate::{
    errors::{CentralBankError, MathExt},
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
