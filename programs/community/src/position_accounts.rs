//! For the lower layers whose PDA owns a position and redeems or claims from it by CPI (the
//! household trust's `divest` and `claim_community_rewards`, the member's `divest` and
//! `claim_rewards`): their accounts structs each name the position's accounts alike, so one
//! macro builds the CPI accounts out of any of them.

/// `community::cpi::accounts::PayFromPosition` (the `withdraw` and `claim_rewards` accounts) out
/// of `$accounts`, any accounts struct with fields named `community`, `position` and
/// `community_vault`, and the caller's `$owner` (the position's owner, signing),
/// `$currency_mint`, `$destination` and `$token_program`.
#[macro_export]
macro_rules! pay_from_position_accounts {
    ($accounts:expr, $owner:expr, $currency_mint:expr, $destination:expr, $token_program:expr) => {
        $crate::cpi::accounts::PayFromPosition {
            owner: $owner.to_account_info(),
            // A trust or member account: its own program checks the people behind it.
            attestation: None,
            policy: None,
            community: $accounts.community.to_account_info(),
            position: $accounts.position.to_account_info(),
            currency_mint: $currency_mint.to_account_info(),
            vault: $accounts.community_vault.to_account_info(),
            destination: $destination.to_account_info(),
            token_program: $token_program.to_account_info(),
        }
    };
}
