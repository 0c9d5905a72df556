//! The registrar check, the holder check and the vault payment that several community
//! instructions share.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use central_bank::{
    checks,
    state::{ActionClass, RoleKind},
};

use crate::{errors::CommunityError, lower::signs_through_lower_layer, state::*};

/// Requires `manager` to hold the central bank's community-registrar role (`role` is its role
/// record). Checked when a community is created, and again when its manager spends the benefit fund
/// or moves the community's energy credits.
pub(crate) fn verify_registrar(role: &AccountInfo, manager: &Pubkey) -> Result<()> {
    checks::verify_role(role, RoleKind::CommunityRegistrar, manager)?;
    Ok(())
}

/// A position held by a wallet moves (opens, redeems, claims, tokenizes, stakes) only while the
/// wallet holds a valid attestation at the policy's `Invest` level, so a revoked or never
/// attested wallet cannot take value out through share tokens or a position. A household trust
/// or a member account needs neither account here: it signs only through its own program,
/// which checks the attestations of the people behind it.
pub(crate) fn verify_holder(
    owner: &AccountInfo,
    policy: Option<&UncheckedAccount>,
    attestation: Option<&UncheckedAccount>,
) -> Result<()> {
    if signs_through_lower_layer(owner) {
        return Ok(());
    }
    let (Some(policy), Some(attestation)) = (policy, attestation) else {
        return err!(CommunityError::AttestationRequired);
    };
    let params = checks::load_policy(policy)?.params;
    checks::verify_attestation(
        attestation,
        owner.key,
        params.min_level(ActionClass::Invest),
        Clock::get()?.unix_timestamp,
    )?;
    Ok(())
}

/// Pays `amount` currency to `to` out of the community's vault (with its mint and token
/// program); the community's PDA signs.
pub(crate) fn pay_from_vault<'info>(
    to: &AccountInfo<'info>,
    amount: u64,
    community: &Account<'info, Community>,
    vault: &InterfaceAccount<'info, TokenAccount>,
    currency_mint: &InterfaceAccount<'info, Mint>,
    token_program: &Program<'info, Token2022>,
) -> Result<()> {
    se_anchor::transfer(
        &token_program.to_account_info(),
        vault,
        currency_mint,
        to,
        &community.to_account_info(),
        amount,
        &[&community.seeds()],
    )
}
