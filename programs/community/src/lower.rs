//! Recognising accounts of the lower layers (L5 household, L6 member) without importing them.
use anchor_lang::prelude::*;

use crate::seeds;

/// A live L5 `Household` account. It can sign only through the household program, which
/// checks its trust's own rules first.
pub fn is_household(info: &AccountInfo) -> bool {
    info.owner == &seeds::HOUSEHOLD_PROGRAM_ID
        && info
            .try_borrow_data()
            .is_ok_and(|d| d.starts_with(&seeds::HOUSEHOLD_DISCRIMINATOR))
}

/// Whether `info` is the L6 member account of `wallet` (checked with the bump it stores).
pub fn is_member_account(info: &AccountInfo, wallet: &Pubkey) -> bool {
    se_anchor::is_stored_pda(
        info,
        &seeds::MEMBER_PROGRAM_ID,
        &seeds::MEMBER_DISCRIMINATOR,
        &[seeds::MEMBER, wallet.as_ref()],
    )
}
