//! The registrar check and the vault payment that several community instructions share.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use central_bank::{checks, state::RoleKind};

use crate::state::*;

/// Requires `manager` to hold the L1 community-registrar role (`role` is its role record).
/// Checked when a community is created, and again when its manager spends the benefit fund or
/// moves the community's energy credits.
pub(crate) fn verify_registrar(role: &AccountInfo, manager: &Pubkey) -> Result<()> {
    checks::verify_role(role, RoleKind::CommunityRegistrar, manager)?;
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
