//! For the lower layers that claim an epoch's revenue by CPI (the community, household and member
//! claims): their accounts structs each name the four grid_market claim accounts alike, so one
//! macro builds the CPI accounts out of any of them.

/// `grid_market::cpi::accounts::Claim` out of `$accounts`, any accounts struct with fields named
/// `contributor`, `market`, `epoch` and `revenue_vault`, and the caller's `$owner` (the
/// contributor, signing), `$currency_mint`, `$token_program` and `$recipient`.
#[macro_export]
macro_rules! claim_accounts {
    ($accounts:expr, $owner:expr, $currency_mint:expr, $token_program:expr, $recipient:expr) => {
        $crate::cpi::accounts::Claim {
            owner: $owner.to_account_info(),
            contributor: $accounts.contributor.to_account_info(),
            revenue: $crate::cpi::accounts::RevenueAccounts {
                market: $accounts.market.to_account_info(),
                epoch: $accounts.epoch.to_account_info(),
                currency_mint: $currency_mint.to_account_info(),
                revenue_vault: $accounts.revenue_vault.to_account_info(),
                token_program: $token_program.to_account_info(),
            },
            recipient: $recipient.to_account_info(),
        }
    };
}
