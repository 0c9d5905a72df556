//! For the lower layers that carry a reading up to `submit_reading` (the community, household
//! and member `record_reading`): their accounts structs each name the ten L3 accounts alike, so
//! one macro builds the CPI accounts out of any of them.

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
