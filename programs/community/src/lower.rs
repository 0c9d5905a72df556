//! Recognising accounts of the lower layers (household, member) without importing them.
use anchor_lang::prelude::*;

use crate::seeds;

/// A live `Household` account of the household program. It can sign only through the household
/// program, which checks its trust's own rules first.
pub fn is_household(info: &AccountInfo) -> bool {
    info.owner == &seeds::HOUSEHOLD_PROGRAM_ID
        && info
            .try_borrow_data()
            .is_ok_and(|d| d.starts_with(&seeds::HOUSEHOLD_DISCRIMINATOR))
}

/// A live `Member` account of the member program. It can sign only through the member program,
/// which checks the member's attestation first.
pub fn is_member(info: &AccountInfo) -> bool {
    info.owner == &seeds::MEMBER_PROGRAM_ID
        && info
            .try_borrow_data()
            .is_ok_and(|d| d.starts_with(&seeds::MEMBER_DISCRIMINATOR))
}

/// Whether `owner` signs only through a lower layer's program (a household trust or a member
/// account), which checks the attestations of the people behind it. Anything else is a wallet,
/// and this program checks its attestation itself.
pub fn signs_through_lower_layer(owner: &AccountInfo) -> bool {
    is_household(owner) || is_member(owner)
}

/// Whether `info` is the member account of `wallet` (checked with the bump it stores).
pub fn is_member_account(info: &AccountInfo, wallet: &Pubkey) -> bool {
    se_anchor::is_stored_pda(
        info,
        &seeds::MEMBER_PROGRAM_ID,
        &seeds::MEMBER_DISCRIMINATOR,
        &[seeds::MEMBER, wallet.as_ref()],
    )
}
