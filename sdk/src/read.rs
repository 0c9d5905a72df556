//! Typed readers for account data fetched from any backend.

use anchor_lang::{prelude::Pubkey, AccountDeserialize};
use central_bank::state::{Attestation, Policy, PolicyParams, RoleKind};

#[allow(unused_imports)] // linked from the docs
use crate::pda;

/// Decodes an Anchor account (discriminator checked). Callers check the owner (`account.owner`).
pub fn decode<T: AccountDeserialize>(data: &[u8]) -> Option<T> {
    T::try_deserialize(&mut &data[..]).ok()
}

/// The policy parameters from the policy account's data.
pub fn policy(data: &[u8]) -> Option<PolicyParams> {
    decode::<Policy>(data).map(|p| p.params)
}

/// Whether `subject` holds `role`, given the account (owner, data) fetched from
/// [`pda::role`]`(role, subject)`, or `None` when nothing is there (never granted or revoked).
pub fn has_role(account: Option<(&Pubkey, &[u8])>, role: RoleKind, subject: &Pubkey) -> bool {
    match account {
        Some((owner, data)) if *owner == central_bank::ID => {
            decode::<central_bank::state::Role>(data)
                .is_some_and(|r| r.role == role && r.subject == *subject)
        }
        _ => false,
    }
}

/// The pool's TWAP (currency per asset unit, scaled by 2^32) over its observation window, or `None`
/// when that window is shorter than `min_window_secs`. This is what the reserve's stabilisation
/// reads (grid_market pricing reads the pool's averages over an epoch, `Pool::window`).
pub fn pool_twap(pool_data: &[u8], now: i64, min_window_secs: i64) -> Option<u128> {
    decode::<marketplace::state::Pool>(pool_data)?.twap(now, min_window_secs)
}

/// Whether an attestation is usable for an action needing `min_level` at time `now`.
pub fn attestation_valid(data: &[u8], min_level: u8, now: i64) -> bool {
    decode::<Attestation>(data).is_some_and(|a| a.require_valid(min_level, now).is_ok())
}
