//! For the lower layers that carry a reading up to `submit_reading` (the community, household and
//! member `record_reading`): their accounts structs each name the ten grid_market accounts alike,
//! so one macro builds the CPI accounts out of any of them.
//!
//! Those ten accounts (`oracle`, `oracle_role`, `market`, `meter`, `epoch`, `contributor`,
//! `energy_credit_mint`, `owner_credits`, `token_program`, `system_program`) are written out in
//! each of the three structs rather than shared as one: Anchor shares accounts only as a nested
//! `#[derive(Accounts)]` field, which the IDL shows as a nested group (a new shape for every
//! client), and each program places its own accounts between them in its own order, so one
//! struct would also reorder what the node and the web app send. The CPI side is what is shared:
//! this macro, and `community::record_reading_accounts` for readings passing through a community.

/// `grid_market::cpi::accounts::SubmitReading` out of `$accounts`, any accounts struct with
/// fields named as `submit_reading`'s ten accounts (`oracle` … `system_program`), and the
/// policy and credit recipient's attestation (`AccountInfo`, `Option<AccountInfo>`), which
/// each layer holds in its own way.
#[macro_export]
macro_rules! submit_reading_accounts {
    ($accounts:expr, $policy:expr, $attestation:expr) => {
        $crate::cpi::accounts::SubmitReading {
            oracle: $accounts.oracle.to_account_info(),
            oracle_role: $accounts.oracle_role.to_account_info(),
            policy: $policy,
            attestation: $attestation,
            market: $accounts.market.to_account_info(),
            meter: $accounts.meter.to_account_info(),
            epoch: $accounts.epoch.to_account_info(),
            contributor: $accounts.contributor.to_account_info(),
            energy_credit_mint: $accounts.energy_credit_mint.to_account_info(),
            owner_credits: $accounts.owner_credits.to_account_info(),
            token_program: $accounts.token_program.to_account_info(),
            system_program: $accounts.system_program.to_account_info(),
        }
    };
}
